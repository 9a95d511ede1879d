//! The options of one run, built once at the edge (the command line and its config file)
//! and handed to the library before any I/O; split per stage, so that each stage receives
//! only its own settings:
//!
//! - [`ReadOptions`] (load): column names, encoding, survey columns, answer labels and
//!   separators, the largest input;
//! - [`CheckOptions`] (validate): thresholds, strictness, question weights and kinds;
//! - [`FormalPowerOptions`] (validate and classify): managerial titles and levels;
//! - [`PathSettings`] (metrics): exact or sampled path measures;
//! - [`RoleOptions`] (classify): the high-influence rule, fewest nominators, bootstrap;
//! - [`OutputOptions`] (export): which files, pseudonyms, group sizes, the run's time.
//!
//! The seed of every random choice is one, [`Options::seed`], passed to each stage that
//! draws. The exporters read every setting, since `summary.json` records them.
//!
//! This module is at the bottom of the crate: it imports nothing but [`crate::error`].

mod check;
mod decisions;
mod dimension;
mod formal;
mod output;
mod paths;
mod read;
mod roles;

pub use check::{CheckOptions, QuestionKind};
pub use decisions::DecisionOptions;
pub use dimension::{Dimension, DimensionSetting};
pub use formal::{
    DEFAULT_CONTRIBUTOR_TITLES, DEFAULT_MANAGER_TITLES, FormalPowerOptions, LevelSet, level_number,
    manager_title_regex,
};
pub use output::{
    DEFAULT_MIN_GROUP_SIZE, Format, Key, LARGE_ORGANISATION, MIN_KEY_CHARS, OutputOptions,
};
pub use paths::{DEFAULT_SAMPLES, EXACT_LIMIT, PathSettings};
pub use read::{
    ColumnMap, DEFAULT_ANSWER_SEPARATOR, DEFAULT_MAX_INPUT_SIZE, Encoding, MAX_WEIGHT, ReadOptions,
    is_weight,
};
pub use roles::{
    DEFAULT_BOOTSTRAP, DEFAULT_FALSE_DISCOVERY, DEFAULT_LOCAL_FALSE_DISCOVERY,
    DEFAULT_MIN_NOMINATIONS, HighInfluenceRule, Rates, RoleOptions,
};

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The default `--seed`.
pub const DEFAULT_SEED: u64 = 1;

/// Where the inputs are.
#[derive(Debug, Clone, Default)]
pub struct InputFiles {
    pub org: PathBuf,
    pub surveys: Vec<PathBuf>,
    /// Perception files (`--perceptions`, `DIR/perceptions*.csv`); none for most runs.
    pub perceptions: Vec<PathBuf>,
}

/// Everything `analyze` and `validate` need to know.
#[derive(Debug, Clone)]
pub struct Options {
    pub inputs: InputFiles,
    /// Where the results go (`analyze` only).
    pub out: PathBuf,
    /// The config file the options came from, if any. Never read here: `out` may neither
    /// be nor hold it, as for the inputs.
    pub config: Option<PathBuf>,
    /// How the inputs are read.
    pub read: ReadOptions,
    /// How the data are checked.
    pub check: CheckOptions,
    /// Who holds formal power besides managers with reports.
    pub formal: FormalPowerOptions,
    /// How the path-based measures are computed.
    pub paths: PathSettings,
    /// Who is called high influence.
    pub roles: RoleOptions,
    /// Which files to write and how to protect the people in them.
    pub output: OutputOptions,
    /// Which key players to assess besides the analysis' own, and how many change agents.
    pub decisions: DecisionOptions,
    /// Seed of every random choice (sampled betweenness, communities, bootstrap).
    pub seed: u64,
}

impl Default for Options {
    /// The documented defaults, with no inputs and no output folder (for tests and for
    /// callers that read bytes).
    fn default() -> Self {
        Options::new(InputFiles::default(), PathBuf::new())
    }
}

impl Options {
    /// Options with the documented defaults for the given inputs.
    pub fn new(inputs: InputFiles, out: PathBuf) -> Self {
        Options {
            inputs,
            out,
            config: None,
            read: ReadOptions::default(),
            check: CheckOptions::default(),
            formal: FormalPowerOptions::default(),
            paths: PathSettings::default(),
            roles: RoleOptions::default(),
            output: OutputOptions::default(),
            decisions: DecisionOptions::default(),
            seed: DEFAULT_SEED,
        }
    }

    /// Every file the run reads, which the output folder may neither be nor hold: the org
    /// chart, the surveys and the config file.
    pub fn input_paths(&self) -> Vec<&Path> {
        std::iter::once(self.inputs.org.as_path())
            .chain(self.inputs.surveys.iter().map(PathBuf::as_path))
            .chain(self.inputs.perceptions.iter().map(PathBuf::as_path))
            .chain(self.config.as_deref())
            .collect()
    }

    /// The input folder rule of SPEC §2: `DIR/org.csv` and every `DIR/survey*.csv`, sorted;
    /// and every `DIR/perceptions*.csv`.
    pub fn inputs_from_dir(dir: &Path) -> Result<InputFiles> {
        let entries = std::fs::read_dir(dir).map_err(|source| Error::InputMissing {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut surveys = Vec::new();
        let mut perceptions = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().to_lowercase();
            if name.starts_with("survey") && name.ends_with(".csv") {
                surveys.push(entry.path());
            } else if name.starts_with("perceptions") && name.ends_with(".csv") {
                perceptions.push(entry.path());
            }
        }
        surveys.sort();
        perceptions.sort();
        Ok(InputFiles {
            org: dir.join("org.csv"),
            surveys,
            perceptions,
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
                "--question-dimension" => "role_model=example",
                _ => "advice=2",
            }
        ))),
    }
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
            "{flag} {text:?}: {v:?} is not a question kind; give influence, collaboration, social, negative or direction"
        ))),
    }
}

/// Parses a `QUESTION=DIMENSION` flag value (`--question-dimension`).
pub fn key_dimension(flag: &str, text: &str) -> Result<(String, DimensionSetting)> {
    let (k, v) = key_value(flag, text)?;
    match DimensionSetting::parse(v) {
        Some(d) => Ok((k.to_string(), d)),
        None => Err(Error::Usage(format!(
            "{flag} {text:?}: {v:?} is not a leadership dimension; give advice, example, energy, culture, future, enabling or direction"
        ))),
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
}
