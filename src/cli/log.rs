//! Every message orgsphere prints on stderr goes through here: plain lines for people
//! (`orgsphere: …`), or with `--log-format json` one JSON object per line for log
//! collectors, with `level`, `message` and, where known, `file`, `row`, `column`, `code`,
//! `exit_code` and figures of the run. `--quiet` silences everything but errors.
//!
//! Text from the inputs (ids, names, headers, file names) never reaches the terminal raw:
//! plain lines show control characters as escapes (`\u{1b}`), JSON lines as JSON escapes
//! (DEL and the C1 controls too, which serde_json leaves as they are), so an export cannot
//! move the cursor, retitle the window or forge a line of the log.
//!
//! orgsphere itself prints no colour; clap's help and error colours follow
//! [`color_choice`]: never with JSON logs, never when `NO_COLOR` is set or stderr is not a
//! terminal (clap's `auto`).

use std::sync::OnceLock;

use clap::{ColorChoice, ValueEnum};
use orgsphere::Error;
use orgsphere::diagnostics::Problem;
use orgsphere::diagnostics::terminal;
use serde::Serialize;
use serde_json::{Map, Value};

/// How messages on stderr are written (`--log-format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Plain lines for people.
    #[default]
    Text,
    /// One JSON object per line: level, message, file, row, column, code, exit_code.
    Json,
}

#[derive(Clone, Copy, Default)]
struct Settings {
    format: LogFormat,
    quiet: bool,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Fixes the format and quietness for the rest of the run (first call wins).
pub fn init(format: LogFormat, quiet: bool) {
    let _ = SETTINGS.set(Settings { format, quiet });
}

fn settings() -> Settings {
    SETTINGS.get().copied().unwrap_or_default()
}

/// Whether messages are JSON lines.
pub fn json() -> bool {
    settings().format == LogFormat::Json
}

/// Whether only errors are printed.
pub fn quiet() -> bool {
    settings().quiet
}

/// The colour setting for clap's own output: never for JSON logs; otherwise clap decides
/// (colour only on a terminal, and never with `NO_COLOR` set).
pub fn color_choice(format: LogFormat) -> ColorChoice {
    match format {
        LogFormat::Json => ColorChoice::Never,
        LogFormat::Text => ColorChoice::Auto,
    }
}

/// One log line.
#[derive(Serialize, Default)]
struct LogLine<'a> {
    level: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<u8>,
    #[serde(flatten)]
    fields: Map<String, Value>,
}

fn emit(record: &LogLine<'_>) {
    match serde_json::to_string(record) {
        Ok(line) => eprintln!("{}", escape_c1(&line)),
        Err(_) => eprintln!("orgsphere: {}", terminal(record.message)),
    }
}

/// A JSON line with DEL and the C1 controls (U+007F–U+009F) written as `\u` escapes:
/// serde_json escapes only U+0000–U+001F, and a terminal may act on the others. They can
/// only stand inside strings, where the escape means the same character.
fn escape_c1(line: &str) -> std::borrow::Cow<'_, str> {
    let c1 = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    if !line.contains(c1) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 16);
    for c in line.chars() {
        if c1(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// An informational message, with figures for JSON logs (`fields` must be an object).
pub fn info(message: &str, fields: Value) {
    if quiet() {
        return;
    }
    if json() {
        let fields = match fields {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        emit(&LogLine {
            level: "info",
            message,
            fields,
            ..LogLine::default()
        });
    } else {
        eprintln!("orgsphere: {}", terminal(message));
    }
}

/// A warning about the run as a whole (not tied to a row of an input).
pub fn warning(message: &str) {
    if quiet() {
        return;
    }
    if json() {
        emit(&LogLine {
            level: "warning",
            message,
            ..LogLine::default()
        });
    } else {
        eprintln!("orgsphere: warning: {}", terminal(message));
    }
}

/// A data-quality problem as one JSON line (JSON logs only; text output lists problems in
/// its own layout).
pub fn problem(p: &Problem, exit_code: Option<u8>) {
    if p.is_error() || !quiet() {
        emit(&LogLine {
            level: p.level.as_str(),
            message: &p.message,
            file: Some(&p.file),
            row: p.row,
            column: p.column.as_deref(),
            code: Some(p.code),
            exit_code,
            ..LogLine::default()
        });
    }
}

/// The error a run ends with.
pub fn failure(e: &Error) {
    if !json() {
        match e {
            // One line per problem, each already made safe for a terminal.
            Error::InvalidData(_) => eprintln!("orgsphere: {e}"),
            e => eprintln!("orgsphere: {}", terminal(&e.to_string())),
        }
        return;
    }
    let code = e.exit_code();
    let path = match e {
        Error::InputMissing { path, .. }
        | Error::NoSurvey { folder: path }
        | Error::CantCreate { path, .. }
        | Error::Io { path, .. } => Some(path.display().to_string()),
        _ => None,
    };
    let message = match e {
        Error::InvalidData(problems) => {
            for p in problems {
                problem(p, Some(code));
            }
            let n = problems.len();
            let s = if n == 1 { "" } else { "s" };
            format!("{n} error{s} in the inputs; nothing was written")
        }
        e => e.to_string(),
    };
    emit(&LogLine {
        level: "error",
        message: &message,
        file: path.as_deref(),
        exit_code: Some(code),
        ..LogLine::default()
    });
}

/// A command-line error found by clap, with its exit code.
pub fn usage_failure(message: &str, exit_code: u8) {
    let message = message.trim().trim_start_matches("error: ");
    emit(&LogLine {
        level: "error",
        message,
        exit_code: Some(exit_code),
        ..LogLine::default()
    });
}

/// Whether raw command-line arguments ask for JSON logs (read before clap has parsed them,
/// so that clap's own errors can be logged as JSON too).
pub fn json_requested(args: &[std::ffi::OsString]) -> bool {
    args.windows(2)
        .any(|w| w[0] == "--log-format" && w[1] == "json")
        || args.iter().any(|a| a == "--log-format=json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_escape_del_and_c1_controls() {
        let record = LogLine {
            level: "warning",
            message: "id E1\u{1b}]0;x\u{7}\u{9b}2J\u{7f} Zoë",
            ..LogLine::default()
        };
        let line = escape_c1(&serde_json::to_string(&record).unwrap()).into_owned();
        assert!(!line.chars().any(char::is_control), "{line}");
        let back: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["message"], record.message);
    }
}
