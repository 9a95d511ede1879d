//! `--config FILE`: every option in a TOML file (SPEC §2). In: the raw command line and
//! the clap definition; out: the command line with the file's settings placed before the
//! user's own arguments, for clap to parse once.
//!
//! The keys are the long flags' names (`min-response-rate = 0.8`), positional arguments go
//! by their name (`dir = "data"`). Flags given on the command line (or through a flag's
//! environment variable) win: a key whose flag the user set is skipped. Relative paths in
//! the file are relative to the file's folder. Nothing here names a particular flag, so a
//! flag added to a subcommand is a config key with no extra code. A key that belongs to
//! another subcommand only is ignored, so one file can serve `analyze` and `validate`; a
//! key no subcommand knows is an error.

mod value;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use clap::parser::ValueSource;
use clap::{Arg, ArgMatches, Command};
use orgsphere::diagnostics::{Problem, code};
use orgsphere::load::decode::{DecodeError, check_prefix};
use orgsphere::load::input::{InputError, read_limited, size_in_words};
use orgsphere::options::Encoding;
use orgsphere::{Error, Result};

/// The id of the `--config` argument in every subcommand that takes one.
pub const CONFIG_ID: &str = "config";

/// A command line after the config file was merged in.
pub struct Expanded {
    pub args: Vec<OsString>,
    /// The config file, if one was read.
    pub file: Option<PathBuf>,
    /// The flags (`--min-response-rate`) whose values came from the file, with their key.
    pub from_file: Vec<(String, String)>,
}

/// Merges the config file named by `--config` (if any) into `args`.
pub fn expand(mut cmd: Command, args: Vec<OsString>) -> Result<Expanded> {
    cmd.build();
    let unchanged = |args| Expanded {
        args,
        file: None,
        from_file: Vec::new(),
    };
    let lenient = cmd.clone().ignore_errors(true);
    let Ok(matches) = lenient.try_get_matches_from(&args) else {
        return Ok(unchanged(args));
    };
    let Some((name, given)) = matches.subcommand() else {
        return Ok(unchanged(args));
    };
    let Ok(Some(file)) = given.try_get_one::<PathBuf>(CONFIG_ID) else {
        return Ok(unchanged(args));
    };
    let file = file.clone();
    let sub = cmd
        .find_subcommand(name)
        .expect("clap matched this subcommand");
    let table = read(&file)?;
    let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut options = Vec::new();
    let mut positionals = Vec::new();
    let mut from_file = Vec::new();
    for (key, value) in &table {
        let Some(arg) = find_arg(&cmd, sub, &file, key)? else {
            continue;
        };
        if typed_by_user(given, arg) {
            continue;
        }
        let tokens = value::tokens(arg, key, value, &base, &file)?;
        if arg.is_positional() {
            positionals.push((arg.get_index().unwrap_or(usize::MAX), tokens));
        } else {
            from_file.push((format!("--{key}"), key.clone()));
            options.extend(tokens);
        }
    }
    if !positionals_given(given, sub) {
        positionals.sort_by_key(|(index, _)| *index);
        let mut first = positionals
            .into_iter()
            .flat_map(|(_, t)| t)
            .collect::<Vec<_>>();
        first.extend(options);
        options = first;
    }
    let at = args
        .iter()
        .position(|a| a == name)
        .map_or(args.len(), |i| i + 1);
    let mut merged = args[..at].to_vec();
    merged.extend(options);
    merged.extend_from_slice(&args[at..]);
    Ok(Expanded {
        args: merged,
        file: Some(file),
        from_file,
    })
}

/// The most bytes a config file may hold: settings, not data.
pub const MAX_CONFIG_SIZE: u64 = 1 << 20;

/// Reads and parses the TOML file: missing → 66; a device, binary data or more than
/// [`MAX_CONFIG_SIZE`] → 65 (not a config file at all, and never read whole); not TOML → 64.
fn read(file: &Path) -> Result<toml::Table> {
    let bytes = read_limited(file, MAX_CONFIG_SIZE, |prefix, more| {
        check_prefix(prefix, Some(Encoding::Utf8), more)
    })
    .map_err(|e| not_a_config(file, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        Error::Usage(format!(
            "{}: not a valid TOML config: line {line} is not UTF-8; save the file as UTF-8",
            file.display()
        ))
    })?;
    text.parse::<toml::Table>().map_err(|e| {
        Error::Usage(format!(
            "{}: not a valid TOML config: {}",
            file.display(),
            e.to_string().trim_end()
        ))
    })
}

/// Why the config file was not read, as the error the run ends with.
fn not_a_config(file: &Path, e: InputError) -> Error {
    let name: Arc<str> = Arc::from(file.display().to_string());
    let problem =
        |code, message: String| Error::InvalidData(vec![Problem::error(&name, code, message)]);
    match e {
        InputError::Missing(source) => Error::InputMissing {
            path: file.to_path_buf(),
            source,
        },
        InputError::Folder => Error::InputMissing {
            path: file.to_path_buf(),
            source: std::io::Error::other("this is a folder; name the TOML config file"),
        },
        InputError::Io(source) => Error::io(file, source),
        InputError::NotAFile(what) => problem(
            code::NOT_A_TEXT_TABLE,
            format!("this is {what}, not a config file; name the TOML file itself"),
        ),
        InputError::NotText(e) => problem(
            code::NOT_A_TEXT_TABLE,
            format!(
                "this is not a TOML config ({}); name the job's .toml file",
                match e {
                    DecodeError::NoLineBreak => "no line break in its first MiB",
                    _ => "it holds binary data",
                }
            ),
        ),
        InputError::TooLarge { .. } => problem(
            code::FILE_TOO_LARGE,
            format!(
                "a config file holds settings, at most {}; this one holds more: name the job's .toml file",
                size_in_words(MAX_CONFIG_SIZE)
            ),
        ),
    }
}

/// The argument `key` names in `sub`; `None` when it belongs to another subcommand only.
fn find_arg<'c>(
    root: &'c Command,
    sub: &'c Command,
    file: &Path,
    key: &str,
) -> Result<Option<&'c Arg>> {
    if ["config", "help", "version"].contains(&key) {
        return Err(Error::Usage(format!(
            "{}: key '{key}' cannot be set in a config file",
            file.display()
        )));
    }
    if let Some(arg) = sub.get_arguments().find(|a| names(a).any(|n| n == key)) {
        return Ok(Some(arg));
    }
    let elsewhere = root
        .get_subcommands()
        .any(|c| c.get_arguments().any(|a| names(a).any(|n| n == key)));
    if elsewhere {
        return Ok(None);
    }
    let known: Vec<&str> = root
        .get_subcommands()
        .flat_map(|c| c.get_arguments().flat_map(names))
        .filter(|n| !["config", "help", "version"].contains(n))
        .collect();
    let hint = closest(key, &known)
        .map(|k| format!("; did you mean '{k}'?"))
        .unwrap_or_default();
    Err(Error::Usage(format!(
        "{}: unknown key '{key}'{hint} (keys are the long flags' names without '--', see `orgsphere {} --help`)",
        file.display(),
        sub.get_name()
    )))
}

/// The names a config key may use for `arg`: its long flag, or a positional's name.
fn names(arg: &Arg) -> impl Iterator<Item = &str> {
    let positional = arg.is_positional().then(|| arg.get_id().as_str());
    arg.get_long().into_iter().chain(positional)
}

/// The known key nearest to `key`, if any is near enough to be a likely typo.
fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let key = key.replace('_', "-").to_lowercase();
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&key, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// Whether the user set `arg` on the command line or through its environment variable;
/// both win over the file.
fn typed_by_user(given: &ArgMatches, arg: &Arg) -> bool {
    matches!(
        given.value_source(arg.get_id().as_str()),
        Some(ValueSource::CommandLine | ValueSource::EnvVariable)
    )
}

fn positionals_given(given: &ArgMatches, sub: &Command) -> bool {
    sub.get_positionals().any(|a| typed_by_user(given, a))
}
