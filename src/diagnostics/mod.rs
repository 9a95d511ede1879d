//! Diagnostics: the problems found in the inputs, where each is, what it is, what to do.
//!
//! The bottom of the crate: every stage that reads or checks input files reports through
//! [`Problem`], and [`crate::error`] carries them when a run stops. A problem's
//! [`Level`] says whether it stops the run; its code is one of [`code`]'s, stable across
//! versions, so that scripts and dashboards can count them.

pub mod code;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Whether a problem stops the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The run goes on; the problem is listed in `data-quality.csv`.
    Warning,
    /// The run stops and writes nothing.
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// A problem in an input file. `row` is 1-based as a spreadsheet shows it (the header is
/// row 1); `None` when the problem concerns the whole file or the whole data set.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub level: Level,
    /// The file as the user named it (shared between the many problems of one file).
    pub file: Arc<str>,
    pub row: Option<u64>,
    pub column: Option<String>,
    /// A stable, machine-readable code such as [`code::UNKNOWN_NOMINEE`].
    pub code: &'static str,
    /// What is wrong and what to do, in plain words.
    pub message: String,
}

impl Problem {
    pub fn error(file: &Arc<str>, code: &'static str, message: impl Into<String>) -> Self {
        Problem {
            level: Level::Error,
            file: Arc::clone(file),
            row: None,
            column: None,
            code,
            message: message.into(),
        }
    }

    pub fn warning(file: &Arc<str>, code: &'static str, message: impl Into<String>) -> Self {
        Problem {
            level: Level::Warning,
            ..Problem::error(file, code, message)
        }
    }

    /// Places the problem at a 1-based spreadsheet row.
    pub fn at_row(mut self, row: u64) -> Self {
        self.row = Some(row);
        self
    }

    /// Names the column (as the file's header spells it).
    pub fn in_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ":{row}")?;
        }
        write!(f, ": {}", self.level.as_str())?;
        if let Some(column) = &self.column {
            write!(f, " in column '{column}'")?;
        }
        write!(f, " [{}]: {}", self.code, self.message)
    }
}

/// The problems found so far, in the order they were found.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    strict: bool,
}

impl Problems {
    /// `strict` turns every warning into an error (`--strict`).
    pub fn new(strict: bool) -> Self {
        Problems {
            list: Vec::new(),
            strict,
        }
    }

    pub fn push(&mut self, mut problem: Problem) {
        if self.strict {
            problem.level = Level::Error;
        }
        self.list.push(problem);
    }

    /// Appends problems found elsewhere, under this list's strictness.
    pub fn extend(&mut self, other: Problems) {
        if self.strict && !other.strict {
            other.list.into_iter().for_each(|p| self.push(p));
        } else {
            self.list.extend(other.list);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Problem::is_error)
    }

    pub fn into_vec(self) -> Vec<Problem> {
        self.list
    }

    pub fn as_slice(&self) -> &[Problem] {
        &self.list
    }
}

/// Orders problems as every list of them is shown: by file, in the order of `files` (the
/// org chart, then the surveys as given; a file not in `files` last), then by row, a
/// problem of the whole file before its rows. Problems at one place keep the order they
/// were found in.
pub fn sort_by_place(problems: &mut [Problem], files: &[&str]) {
    let rank = |file: &str| files.iter().position(|f| *f == file).unwrap_or(files.len());
    problems.sort_by_key(|p| (rank(&p.file), p.row.unwrap_or(0)));
}

/// Makes text safe to print on a terminal: every control character (C0, DEL and C1:
/// escape, bell, line breaks…) is shown as the escape Rust's `{:?}` writes (`\u{1b}`,
/// `\n`), so that text from the inputs cannot move the cursor, retitle the window or start
/// a line of its own. Borrows when there is nothing to change (the usual case).
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_shows_control_characters_as_escapes() {
        assert_eq!(terminal("plain Zoë"), "plain Zoë");
        assert_eq!(
            terminal("E1\u{1b}]0;x\u{7}\u{9b}2J\nnext\t\u{7f}"),
            "E1\\u{1b}]0;x\\u{7}\\u{9b}2J\\nnext\\t\\u{7f}"
        );
    }

    #[test]
    fn strictness_applies_to_problems_found_elsewhere() {
        let file: Arc<str> = "survey.csv".into();
        let mut found = Problems::new(false);
        found.push(Problem::warning(&file, code::SELF_NOMINATION, "x"));
        let mut all = Problems::new(true);
        all.extend(found);
        assert!(all.has_errors());
    }

    #[test]
    fn problems_sort_by_file_then_row() {
        let (org, survey): (Arc<str>, Arc<str>) = ("org.csv".into(), "survey.csv".into());
        let mut list = vec![
            Problem::warning(&survey, code::UNKNOWN_NOMINEE, "a").at_row(2),
            Problem::warning(&org, code::UNKNOWN_MANAGER, "b").at_row(9),
            Problem::warning(&org, code::SEVERAL_ROOTS, "c"),
            Problem::warning(&org, code::SELF_MANAGER, "d").at_row(3),
            Problem::warning(&survey, code::LOW_RESPONSE_RATE, "e"),
        ];
        sort_by_place(&mut list, &["org.csv", "survey.csv"]);
        let order: String = list.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(order, "cdbea");
    }
}
