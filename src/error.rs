//! The errors a run can end with, and the exit code each maps to.
//!
//! Exit codes follow BSD `sysexits.h`, as SPEC §8 fixes them: 64 usage, 65 invalid input
//! data (or a failed threshold), 66 input missing, 73 cannot create output, 74 I/O error.

use std::io;
use std::path::PathBuf;

use crate::diagnostics::Problem;

/// Exit code for a successful run (warnings allowed).
pub const EXIT_OK: u8 = 0;
/// The command line was wrong.
pub const EXIT_USAGE: u8 = 64;
/// The input data is invalid, or a threshold such as `--min-response-rate` failed.
pub const EXIT_DATA: u8 = 65;
/// An input file is missing or cannot be opened.
pub const EXIT_NO_INPUT: u8 = 66;
/// The output folder cannot be created.
pub const EXIT_CANT_CREATE: u8 = 73;
/// Reading or writing failed part-way.
pub const EXIT_IO: u8 = 74;

/// Everything that can stop a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Options that contradict each other or cannot be used.
    #[error("{0}")]
    Usage(String),

    /// An input file is missing or cannot be opened.
    #[error("{}: cannot open input: {source}; check the path (run from the folder you think you are in?)", path.display())]
    InputMissing {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// No survey file was given, and none lies beside the org chart in `folder`.
    #[error("{}: cannot open input: no survey file: pass --survey FILE, or put survey*.csv beside org.csv; check the path (run from the folder you think you are in?)", folder.display())]
    NoSurvey { folder: PathBuf },

    /// One or more problems in the data that stop the run (SPEC §3 errors).
    #[error("{}", render_problems(.0))]
    InvalidData(Vec<Problem>),

    /// Data errors already printed in full (by `orgsphere validate`); this many of them.
    #[error("{n} {what} in the inputs (listed above); fix {them} and run again", n = .0, what = if *.0 == 1 { "error" } else { "errors" }, them = if *.0 == 1 { "it" } else { "them" })]
    InvalidDataListed(usize),

    /// A quality threshold the user set was not met.
    #[error("{0}")]
    Threshold(String),

    /// Two result folders that cannot be compared (e.g. one pseudonymised, one not).
    #[error("{0}")]
    Incomparable(String),

    /// The output folder cannot be created or replaced.
    #[error("{}: cannot create output: {reason}", path.display())]
    CantCreate { path: PathBuf, reason: String },

    /// Reading or writing failed after the file was opened.
    #[error("{}: I/O error: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// The process exit code for this error (SPEC §8).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::InputMissing { .. } | Error::NoSurvey { .. } => EXIT_NO_INPUT,
            Error::InvalidData(_)
            | Error::InvalidDataListed(_)
            | Error::Threshold(_)
            | Error::Incomparable(_) => EXIT_DATA,
            Error::CantCreate { .. } => EXIT_CANT_CREATE,
            Error::Io { .. } => EXIT_IO,
        }
    }

    /// Wraps an I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// At most this many problems are spelled out in an error message; `data-quality.csv` is not
/// written when the run stops, so the message itself must carry the first few.
const MAX_SHOWN: usize = 20;

fn render_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().take(MAX_SHOWN).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Each problem on its own line, control characters from the inputs as escapes.
        out.push_str(&crate::diagnostics::terminal(&p.to_string()));
    }
    if problems.len() > MAX_SHOWN {
        out.push_str(&format!(
            "\n... and {} more errors (run `orgsphere validate` to list them all)",
            problems.len() - MAX_SHOWN
        ));
    }
    out
}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
