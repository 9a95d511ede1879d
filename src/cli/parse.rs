//! From the process's arguments to a [`Command`]: the config file merged in first, then
//! clap; clap's errors printed as text or JSON, with the config key a bad value came from.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue};
use clap::{CommandFactory, FromArgMatches};
use orgsphere::error::{EXIT_OK, EXIT_USAGE};

use super::{Cli, Command, config, log};

/// Parses the command line, with the config file's settings merged in. Help and version
/// print and end with 0; any other error prints its message and ends with 64 (66 when the
/// config file is missing).
pub fn parse() -> std::result::Result<Command, u8> {
    let raw: Vec<OsString> = std::env::args_os().collect();
    let expanded = match config::expand(Cli::command(), raw.clone()) {
        Ok(expanded) => expanded,
        Err(e) => {
            log::init(format_of(&raw), false);
            log::failure(&e);
            return Err(e.exit_code());
        }
    };
    let format = format_of(&expanded.args);
    let cmd = Cli::command().color(log::color_choice(format));
    match cmd
        .try_get_matches_from(&expanded.args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => {
            log::init(cli.log_format, cli.quiet);
            Ok(cli.command)
        }
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let note = config_note(&e, &expanded);
            if code == EXIT_OK {
                let _ = e.print();
            } else if format == log::LogFormat::Json {
                let message = e.to_string();
                let message = match note {
                    Some(note) => format!("{}; {note}", message.trim()),
                    None => message,
                };
                log::usage_failure(&message, code);
            } else {
                let _ = e.print();
                if let Some(note) = note {
                    eprintln!("orgsphere: {}", orgsphere::diagnostics::terminal(&note));
                }
            }
            Err(code)
        }
    }
}

fn format_of(args: &[OsString]) -> log::LogFormat {
    if log::json_requested(args) {
        log::LogFormat::Json
    } else {
        log::LogFormat::Text
    }
}

/// When clap rejects a value that came from the config file, says which key it came from.
fn config_note(e: &clap::Error, expanded: &config::Expanded) -> Option<String> {
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let file = expanded.file.as_ref()?;
    expanded
        .from_file
        .iter()
        .find(|(flag, _)| {
            arg.strip_prefix(flag.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '=']))
        })
        .map(|(_, key)| format!("that value comes from key '{key}' in {}", file.display()))
}
