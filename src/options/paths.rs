//! How the path-based measures are computed (the metrics stage's settings): exact up to a
//! size, then from sampled sources.

/// Up to this many people, betweenness and closeness are exact.
pub const EXACT_LIMIT: usize = 5_000;
/// Sources sampled above [`EXACT_LIMIT`] for the combined influence layer.
pub const DEFAULT_SAMPLES: usize = 256;

/// Betweenness and closeness: exact up to `exact_limit` people, else from `samples`
/// sources.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathSettings {
    /// Up to this many people the measures are exact (`--exact-paths-limit`).
    pub exact_limit: usize,
    /// Sources sampled above the exact limit (`--path-samples`).
    pub samples: usize,
}

impl Default for PathSettings {
    fn default() -> Self {
        PathSettings {
            exact_limit: EXACT_LIMIT,
            samples: DEFAULT_SAMPLES,
        }
    }
}
