//! One data-quality problem: where it is, what it is, what to do.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// Whether a problem stops the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The run goes on; the problem is listed in `data-quality.csv`.
    Warning,
    /// The run stops and writes nothing.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A problem in an input file. `row` is 1-based as a spreadsheet shows it (the header is
/// row 1); `None` when the problem concerns the whole file or the whole data set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// The file as the user named it (shared between the many problems of one file).
    pub file: Arc<str>,
    pub row: Option<u64>,
    pub column: Option<String>,
    /// A stable, machine-readable code such as `unknown-nominee`.
    pub code: &'static str,
    /// What is wrong and what to do, in plain words.
    pub message: String,
}

impl Problem {
    pub fn error(file: &Arc<str>, code: &'static str, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: Arc::clone(file),
            row: None,
            column: None,
            code,
            message: message.into(),
        }
    }

    pub fn warning(file: &Arc<str>, code: &'static str, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
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
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ":{row}")?;
        }
        write!(f, ": {}", self.severity.as_str())?;
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
            problem.severity = Severity::Error;
        }
        self.list.push(problem);
    }

    /// Appends problems found elsewhere (already under the same strictness).
    pub fn extend(&mut self, other: Problems) {
        self.list.extend(other.list);
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
