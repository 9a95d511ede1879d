//! How the inputs are read (the load stage's settings): which columns play which role,
//! the encoding of files without a byte-order mark, how survey columns and answer labels
//! are read, and how large a file may be.

use std::str::FromStr;

/// The most bytes an input file may hold unless `--max-input-size` says otherwise: 4 GiB,
/// some fifty times the org chart of a million people, and more than the largest
/// organisation's survey of ten nominations each.
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 4 << 30;

/// What separates several answers in a cell of a question's one column by default:
/// Microsoft Forms writes a multiple-choice answer as `Ann Lee;Bo Chen;`. Not the comma,
/// which names such as `Doe, Jane` hold.
pub const DEFAULT_ANSWER_SEPARATOR: char = ';';

/// The largest weight orgsphere accepts, from a survey cell, `--weight-label`,
/// `--question-weight` or `--min-weight`. A weight is a rating or a frequency: a 1–6 scale,
/// times a week or a year, minutes a month all fit below it, while an id or a date pasted
/// into the weight column does not. Bounded weights keep every sum of them (`in_weight`,
/// the combined layer, PageRank, communities) far from overflowing a double: two million
/// people nominating one person on a thousand questions at the largest question weight
/// still sum to about 2·10^21.
pub const MAX_WEIGHT: f64 = 1_000_000.0;

/// Whether `w` is a weight orgsphere accepts (a label's, a question's, `--min-weight`):
/// from 0 to [`MAX_WEIGHT`]; never NaN or infinite.
pub fn is_weight(w: f64) -> bool {
    (0.0..=MAX_WEIGHT).contains(&w)
}

/// How the org chart and the surveys are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Explicit column names (`--id-column` …).
    pub columns: ColumnMap,
    /// The encoding of input files without a byte-order mark (`--encoding`); `None` detects.
    pub encoding: Option<Encoding>,
    /// The most bytes an input file may hold (`--max-input-size`).
    pub max_input_size: u64,
    /// Survey column prefixes mapped to question names (`--question-map Q3=advice`).
    pub question_map: Vec<(String, String)>,
    /// Answer labels mapped to weights (`--weight-label Daily=4`), on top of the defaults
    /// of `load::weight::DEFAULT_LABELS`.
    pub weight_labels: Vec<(String, f64)>,
    /// What separates several answers in a cell of a question's one column (a column
    /// `--question-map` names whole), besides line breaks (`--answer-separators`).
    pub answer_separators: Vec<char>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            columns: ColumnMap::default(),
            encoding: None,
            max_input_size: DEFAULT_MAX_INPUT_SIZE,
            question_map: Vec::new(),
            weight_labels: Vec::new(),
            answer_separators: vec![DEFAULT_ANSWER_SEPARATOR],
        }
    }
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

/// An encoding named by the user (`--encoding`). A byte-order mark still wins: it is never
/// wrong, while a user's setting may be meant for other files of the same run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
    /// UTF-16 without a BOM is read little-endian, as Windows writes it.
    Utf16Le,
    Utf16Be,
}

impl FromStr for Encoding {
    type Err = String;

    /// Accepts `utf-8`, `windows-1252` (or `cp1252`, `latin1`), `utf-16` (= `utf-16le`),
    /// `utf-16be`, in any letter case, with or without the dash.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" => Ok(Encoding::Utf8),
            "windows1252" | "cp1252" | "latin1" | "iso88591" | "ansi" => Ok(Encoding::Windows1252),
            "utf16" | "utf16le" | "unicode" => Ok(Encoding::Utf16Le),
            "utf16be" => Ok(Encoding::Utf16Be),
            _ => Err(format!(
                "--encoding {s:?}: give utf-8, windows-1252, utf-16 (little-endian) or utf-16be"
            )),
        }
    }
}
