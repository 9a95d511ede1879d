//! The validated options of one run, built once at the edge (command line, later a config
//! file) and handed to the library before any I/O.

use std::path::PathBuf;

use regex::Regex;

use crate::error::{Error, Result};
pub use crate::load::QuestionKind;
pub use crate::load::decode::Encoding;
use crate::load::weight::MAX_WEIGHT;
use crate::validate::structure::level_number;

/// The managerial-title pattern used when `--manager-titles` is not given (SPEC §1): chief …
/// and the CxO abbreviations, president, vice president / VP, director, head of …, manager,
/// supervisor, team lead, partner. Matched case-insensitively anywhere in the title, except
/// the titles of [`DEFAULT_CONTRIBUTOR_TITLES`].
pub const DEFAULT_MANAGER_TITLES: &str = r"\b(chief|c[a-z]{1,2}o|president|vice[ -]?president|s?vp|evp|director|head of|manager|supervisor|team ?lead(er)?|partner)\b";

/// Titles that the default pattern would match but that name individual contributors: the
/// "… manager" roles that manage a product, project or client rather than people, and the
/// "… partner" roles that are not partners of a firm. Used only with the default pattern.
pub const DEFAULT_CONTRIBUTOR_TITLES: &str = r"\b(product|project|program|programme|account|key account|relationship|case|community|office|partner|channel|brand|category|release|client|customer success|success|portfolio|property|campaign|content|social media)\s+manager\b|\b(business|hr|people|talent|channel|alliance|strategic|solutions?|technology|implementation|learning|finance)\s+partner\b|\bpartner\s+(manager|success|marketing|account|engineer|development|relations|sales|program)\b";

/// The standing rule's default false-discovery rate: about one named person in ten may be
/// named by chance.
pub const DEFAULT_FALSE_DISCOVERY: f64 = 0.1;

/// What separates several answers in a cell of a question's one column by default:
/// Microsoft Forms writes a multiple-choice answer as `Ann Lee;Bo Chen;`. Not the comma,
/// which names such as `Doe, Jane` hold.
pub const DEFAULT_ANSWER_SEPARATOR: char = ';';

/// Where the inputs are.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub org: PathBuf,
    pub surveys: Vec<PathBuf>,
}

/// Explicit column mapping (`--id-column` …); `None` means "detect by header".
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    pub id: Option<String>,
    pub manager: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub level: Option<String>,
    pub respondent: Option<String>,
    pub nominee: Option<String>,
    pub question: Option<String>,
    pub weight: Option<String>,
}

/// How "high influence" is decided (SPEC §5).
#[derive(Debug, Clone, PartialEq)]
pub enum HighInfluenceRule {
    /// The default: each person against a model of people of the same formal standing,
    /// with the false-discovery rate over everyone held at `false_discovery` (see
    /// `classify::rule`).
    Standing { false_discovery: f64 },
    /// An outlier rule on distinct nominators. A person is high influence when
    /// `(x − median) / spread ≥ z`, the spread being the standard deviation of the central
    /// 90 % (see `classify::rule`).
    Outlier { z: f64 },
    /// The people in the top `share` (0–1) of the influence ranking.
    TopShare { share: f64 },
}

impl Default for HighInfluenceRule {
    fn default() -> Self {
        HighInfluenceRule::Standing {
            false_discovery: DEFAULT_FALSE_DISCOVERY,
        }
    }
}

/// Everything `analyze` and `validate` need to know.
#[derive(Debug, Clone)]
pub struct Options {
    pub inputs: Inputs,
    pub columns: ColumnMap,
    /// Where the results go (`analyze` only).
    pub out: PathBuf,
    /// The config file the options came from, if any. Never read here: `out` may neither
    /// be nor hold it, as for the inputs.
    pub config: Option<PathBuf>,
    /// Titles that carry formal power, case-insensitive.
    pub manager_titles: Regex,
    /// Titles that `manager_titles` matches but that carry no formal power (the default's
    /// individual-contributor "… manager" titles); `None` with `--manager-titles`.
    pub contributor_titles: Option<Regex>,
    /// Levels of the level column that carry formal power (`--manager-levels 1-2`).
    pub manager_levels: Option<LevelSet>,
    pub rule: HighInfluenceRule,
    /// Fewest distinct nominators a high-influence person must have.
    pub min_nominations: u32,
    /// Survey answers with a smaller weight are not ties.
    pub min_weight: Option<f64>,
    /// Below this response rate the run stops with exit 65.
    pub min_response_rate: Option<f64>,
    /// Every warning becomes an error.
    pub strict: bool,
    /// Seed of every random choice (sampled betweenness, communities, bootstrap).
    pub seed: u64,
    /// Bootstrap resamples of the respondents for `leader_stability` (0 = none).
    pub bootstrap: usize,
    /// Up to this many people, betweenness and closeness are exact; above it, sampled.
    pub exact_paths_limit: usize,
    /// Sources sampled for betweenness and closeness above the exact limit.
    pub path_samples: usize,
    /// Which files to write and how to protect the people in them.
    pub output: crate::export::OutputOptions,
    /// The encoding of input files without a byte-order mark (`--encoding`); `None` detects.
    pub encoding: Option<Encoding>,
    /// The most bytes an input file may hold (`--max-input-size`).
    pub max_input_size: u64,
    /// Survey column prefixes mapped to question names (`--question-map Q3=advice`).
    pub question_map: Vec<(String, String)>,
    /// Answer labels mapped to weights (`--weight-label Daily=4`), on top of the defaults
    /// of [`crate::load::weight::DEFAULT_LABELS`].
    pub weight_labels: Vec<(String, f64)>,
    /// Each question's weight in the combined influence layer (`--question-weight
    /// advice=2`); questions not named weigh 1.
    pub question_weights: Vec<(String, f64)>,
    /// Question kinds set explicitly (`--question-kind lunch=social`); other questions'
    /// kinds come from their names.
    pub question_kinds: Vec<(String, QuestionKind)>,

    /// What separates several answers in a cell of a question's one column (a column
    /// `--question-map` names whole), besides line breaks (`--answer-separators`).
    pub answer_separators: Vec<char>,
}

impl Default for Options {
    /// The documented defaults, with no inputs and no output folder (for tests and for
    /// callers that read bytes).
    fn default() -> Self {
        Options::new(Inputs::default(), PathBuf::new())
    }
}

impl Options {
    /// Options with the documented defaults for the given inputs.
    pub fn new(inputs: Inputs, out: PathBuf) -> Self {
        Options {
            inputs,
            columns: ColumnMap::default(),
            out,
            config: None,
            manager_titles: manager_title_regex(DEFAULT_MANAGER_TITLES)
                .expect("the default pattern compiles"),
            contributor_titles: Some(
                manager_title_regex(DEFAULT_CONTRIBUTOR_TITLES)
                    .expect("the default pattern compiles"),
            ),
            manager_levels: None,
            rule: HighInfluenceRule::default(),
            min_nominations: 3,
            min_weight: None,
            min_response_rate: None,
            strict: false,
            seed: 1,
            bootstrap: 200,
            exact_paths_limit: crate::metrics::EXACT_LIMIT,
            path_samples: crate::metrics::DEFAULT_SAMPLES,
            output: crate::export::OutputOptions::default(),
            encoding: None,
            max_input_size: crate::load::table::DEFAULT_MAX_INPUT_SIZE,
            question_map: Vec::new(),
            weight_labels: Vec::new(),
            question_weights: Vec::new(),
            question_kinds: Vec::new(),
            answer_separators: vec![DEFAULT_ANSWER_SEPARATOR],
        }
    }

    /// Every file the run reads, which the output folder may neither be nor hold: the org
    /// chart, the surveys and the config file.
    pub fn input_paths(&self) -> Vec<&std::path::Path> {
        std::iter::once(self.inputs.org.as_path())
            .chain(self.inputs.surveys.iter().map(PathBuf::as_path))
            .chain(self.config.as_deref())
            .collect()
    }

    /// The input folder rule of SPEC §2: `DIR/org.csv` and every `DIR/survey*.csv`, sorted.
    pub fn inputs_from_dir(dir: &std::path::Path) -> Result<Inputs> {
        let entries = std::fs::read_dir(dir).map_err(|source| Error::InputMissing {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut surveys = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().to_lowercase();
            if name.starts_with("survey") && name.ends_with(".csv") {
                surveys.push(entry.path());
            }
        }
        surveys.sort();
        Ok(Inputs {
            org: dir.join("org.csv"),
            surveys,
        })
    }
}

/// Splits a `KEY=VALUE` flag value at its last `=`, both sides trimmed and non-empty.
pub fn key_value<'a>(flag: &str, text: &'a str) -> Result<(&'a str, &'a str)> {
    match text.rsplit_once('=') {
        Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => Ok((k.trim(), v.trim())),
        _ => Err(Error::Usage(format!(
            "{flag} {text:?}: write KEY=VALUE, e.g. {flag} {}",
            match flag {
                "--question-map" => "Q3=advice",
                "--weight-label" => "Daily=4",
                "--question-kind" => "lunch=social",
                _ => "advice=2",
            }
        ))),
    }
}

/// Whether `w` is a weight orgsphere accepts (a label's, a question's, `--min-weight`):
/// from 0 to [`MAX_WEIGHT`]; never NaN or infinite.
pub fn is_weight(w: f64) -> bool {
    (0.0..=MAX_WEIGHT).contains(&w)
}

/// Parses a `KEY=NUMBER` flag value; the number must be a weight ([`is_weight`]).
pub fn key_number(flag: &str, text: &str) -> Result<(String, f64)> {
    let (k, v) = key_value(flag, text)?;
    match v.replace(',', ".").parse::<f64>() {
        Ok(n) if is_weight(n) => Ok((k.to_string(), n)),
        _ => Err(Error::Usage(format!(
            "{flag} {text:?}: {v:?} is not a number from 0 to {MAX_WEIGHT}"
        ))),
    }
}

/// Parses a `QUESTION=KIND` flag value.
pub fn key_kind(flag: &str, text: &str) -> Result<(String, QuestionKind)> {
    let (k, v) = key_value(flag, text)?;
    match QuestionKind::parse(v) {
        Some(kind) => Ok((k.to_string(), kind)),
        None => Err(Error::Usage(format!(
            "{flag} {text:?}: {v:?} is not a question kind; give influence, collaboration, social or negative"
        ))),
    }
}

impl Options {
    /// Whether a job title carries formal power: it matches `--manager-titles` (and, with
    /// the default pattern, is not one of its individual-contributor titles).
    pub fn managerial_title(&self, title: &str) -> bool {
        self.manager_titles.is_match(title)
            && !self
                .contributor_titles
                .as_ref()
                .is_some_and(|c| c.is_match(title))
    }
}

/// Levels of the level column, as `--manager-levels` names them: numbers and ranges,
/// comma-separated (`1-2`, `1,2,5`, `L1-L2`; a range includes both ends, in either order).
#[derive(Debug, Clone, PartialEq)]
pub struct LevelSet {
    text: String,
    ranges: Vec<(f64, f64)>,
}

impl LevelSet {
    /// Parses a list of levels; each needs a number ([`level_number`]).
    pub fn parse(text: &str) -> Result<LevelSet> {
        let bad = || {
            Error::Usage(format!(
                "--manager-levels {text:?}: give levels as numbers or ranges, e.g. 1-2 or 1,2,5 (the numbers of the level column, L1 read as 1)"
            ))
        };
        let mut ranges = Vec::new();
        for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (a, b) = match item.split_once(['-', '\u{2013}']) {
                Some((a, b)) => (a, b),
                None => (item, item),
            };
            let (a, b) = (
                level_number(a).ok_or_else(bad)?,
                level_number(b).ok_or_else(bad)?,
            );
            ranges.push((a.min(b), a.max(b)));
        }
        if ranges.is_empty() {
            return Err(bad());
        }
        Ok(LevelSet {
            text: text.trim().to_string(),
            ranges,
        })
    }

    /// The list as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether level `v` is in the list.
    pub fn contains(&self, v: f64) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= v && v <= b)
    }
}

/// Parses a size in bytes (`--max-input-size`): a number, whole or decimal, optionally
/// followed by K, M, G or T, each 1024 times the one before; `KB`, `KiB` and the like
/// read the same, in any letter case. `4G`, `1.5GiB`, `500m` and `1048576` are sizes;
/// 0 is not.
pub fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let digits = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let unit = unit.trim().to_ascii_lowercase();
    let unit = unit
        .strip_suffix("ib")
        .or_else(|| unit.strip_suffix('b'))
        .unwrap_or(&unit);
    let power = match unit {
        "" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        _ => {
            return Err(format!(
                "{text:?}: give a size such as 4G, 500M or 1048576 (bytes)"
            ));
        }
    };
    let bytes = number
        .parse::<f64>()
        .ok()
        .map(|n| n * 1024f64.powi(power))
        .filter(|b| b.is_finite() && *b >= 1.0 && *b < u64::MAX as f64);
    match bytes {
        Some(b) => Ok(b as u64),
        None => Err(format!(
            "{text:?}: give a size of at least 1 byte, such as 4G, 500M or 1048576"
        )),
    }
}

/// Compiles a managerial-title pattern, case-insensitive.
pub fn manager_title_regex(pattern: &str) -> Result<Regex> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| Error::Usage(format!("--manager-titles: not a valid pattern: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_count_in_1024s() {
        assert_eq!(parse_size("4G"), Ok(4 << 30));
        assert_eq!(parse_size("4 GiB"), Ok(4 << 30));
        assert_eq!(parse_size("1.5gb"), Ok(3 << 29));
        assert_eq!(parse_size("500M"), Ok(500 << 20));
        assert_eq!(parse_size("64k"), Ok(64 << 10));
        assert_eq!(parse_size("1T"), Ok(1 << 40));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("12B"), Ok(12));
        for bad in [
            "",
            "0",
            "0.5",
            "G",
            "4X",
            "-1G",
            "1e3",
            "99999999999T",
            "1.2.3M",
        ] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn manager_levels_are_numbers_and_ranges() {
        let set = LevelSet::parse("1-2").unwrap();
        assert!(set.contains(1.0) && set.contains(2.0) && set.contains(1.5));
        assert!(!set.contains(3.0) && !set.contains(0.0));
        let set = LevelSet::parse(" 5, L1 - L2 ,7").unwrap();
        assert_eq!(set.as_str(), "5, L1 - L2 ,7");
        assert!(set.contains(5.0) && set.contains(1.0) && set.contains(7.0));
        assert!(!set.contains(6.0));
        assert!(LevelSet::parse("4-3").unwrap().contains(3.5));
        for bad in ["", ",", "x", "1-x", "Partner", "1-"] {
            let err = LevelSet::parse(bad).unwrap_err().to_string();
            assert!(err.contains("--manager-levels"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn default_title_pattern_covers_managerial_titles_only() {
        let options = Options::default();
        for t in [
            "CEO",
            "Chief Technology Officer",
            "CFO",
            "CHRO",
            "President",
            "Vice President",
            "VP Sales",
            "SVP Engineering",
            "Director of Finance",
            "Head of People",
            "Engineering Manager",
            "Warehouse Supervisor",
            "Team Lead",
            "Teamleader",
            "Partner",
            "Managing Partner",
            "Senior Partner",
            "Sales Manager",
            "Global Dept Manager",
        ] {
            assert!(options.managerial_title(t), "{t} should carry formal power");
        }
        for t in [
            "Software Engineer",
            "Managing Consultant",
            "Associate",
            "Data Scientist",
            "Account Executive",
            "Dispatcher",
            "Lead Engineer",
            "Accountant",
            "Product Manager",
            "Senior Project Manager",
            "Programme Manager",
            "Key Account Manager",
            "Relationship Manager",
            "Case Manager",
            "Community Manager",
            "Office Manager",
            "HR Business Partner",
            "Partner Manager",
            "Project Leader",
        ] {
            assert!(
                !options.managerial_title(t),
                "{t} should not carry formal power"
            );
        }
    }
}
