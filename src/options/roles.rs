//! How roles are given (the classify stage's settings): the high-influence rule, the
//! fewest nominators, the bootstrap of `leader_stability`.

/// The standing rule's default false-discovery rate: about one named person in ten may be
/// named by chance.
pub const DEFAULT_FALSE_DISCOVERY: f64 = 0.1;

/// The standing rule's default local false-discovery rate: a person is named only where at
/// most half the people with about as many nominators are what the ordinary crowd gives.
pub const DEFAULT_LOCAL_FALSE_DISCOVERY: f64 = 0.5;

/// The default `--min-nominations`.
pub const DEFAULT_MIN_NOMINATIONS: u32 = 3;

/// The default `--bootstrap`.
pub const DEFAULT_BOOTSTRAP: usize = 200;

/// How "high influence" is decided (SPEC §5).
#[derive(Debug, Clone, PartialEq)]
pub enum HighInfluenceRule {
    /// The default: each person against a model of people of the same formal standing,
    /// with its two [`Rates`] (see `classify::rule`).
    Standing(Rates),
    /// An outlier rule on distinct nominators. A person is high influence when
    /// `(x − median) / spread ≥ z`, the spread being the standard deviation of the central
    /// 90 % (see `classify::rule`).
    Outlier { z: f64 },
    /// The people in the top `share` (0–1) of the influence ranking.
    TopShare { share: f64 },
}

impl Default for HighInfluenceRule {
    fn default() -> Self {
        HighInfluenceRule::Standing(Rates::default())
    }
}

impl HighInfluenceRule {
    /// The standing rule's rates: this rule's, or the defaults when it is another rule
    /// (what the profiles of how people lead apply whatever rule names the leaders).
    pub fn rates(&self) -> Rates {
        match *self {
            HighInfluenceRule::Standing(rates) => rates,
            _ => Rates::default(),
        }
    }
}

/// The standing rule's two rates: the false-discovery rate held over everyone named
/// (`--false-discovery`), and the local false-discovery rate a person's neighbourhood may
/// have at most (`--local-false-discovery`; 1 leaves that test out).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    pub false_discovery: f64,
    pub local: f64,
}

impl Default for Rates {
    fn default() -> Self {
        Rates {
            false_discovery: DEFAULT_FALSE_DISCOVERY,
            local: DEFAULT_LOCAL_FALSE_DISCOVERY,
        }
    }
}

/// Who is called high influence, and how stable that is.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleOptions {
    pub rule: HighInfluenceRule,
    /// Fewest distinct nominators a high-influence person must have (`--min-nominations`).
    pub min_nominations: u32,
    /// Bootstrap resamples of the respondents for `leader_stability` (0 = none).
    pub bootstrap: usize,
}

impl Default for RoleOptions {
    fn default() -> Self {
        RoleOptions {
            rule: HighInfluenceRule::default(),
            min_nominations: DEFAULT_MIN_NOMINATIONS,
            bootstrap: DEFAULT_BOOTSTRAP,
        }
    }
}
