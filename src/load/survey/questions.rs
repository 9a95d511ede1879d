//! Question names: from a question cell, a numbered column's prefix (through
//! `--question-map`), or the survey file's name.

use std::collections::HashMap;
use std::path::Path;

use super::super::columns::fold_header;

/// `--question-map` entries: folded column prefix or question text → question name.
pub(super) struct QuestionMap(HashMap<String, String>);

impl QuestionMap {
    pub(super) fn new(entries: &[(String, String)]) -> Self {
        QuestionMap(
            entries
                .iter()
                .map(|(from, to)| (fold_header(from), question_key(to)))
                .collect(),
        )
    }

    /// The question a prefix or question text stands for.
    pub(super) fn name(&self, raw: &str) -> String {
        self.0
            .get(&fold_header(raw))
            .cloned()
            .unwrap_or_else(|| question_key(raw))
    }

    pub(super) fn maps(&self, raw: &str) -> bool {
        self.0.contains_key(&fold_header(raw))
    }
}

/// A question's name as used in column names: lower case, letters, digits and `_`.
pub fn question_key(raw: &str) -> String {
    let mut key = String::new();
    for c in raw.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('_') {
            key.push('_');
        }
    }
    let key = key.trim_matches('_');
    if key.is_empty() {
        "influence".to_string()
    } else {
        key.to_string()
    }
}

/// The question of a file without a question column: its name without a leading `survey`
/// (`survey-advice.csv` → `advice`), or `influence` when nothing is left.
pub(super) fn default_question(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let rest = stem.strip_prefix("survey").unwrap_or(&stem);
    question_key(rest)
}
