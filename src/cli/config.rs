//! `--config FILE`: every option in a TOML file (SPEC §2). In: the raw command line and
//! the clap definition; out: the command line with the file's settings placed before the
//! user's own arguments, for clap to parse once.
//!
//! The keys are the long flags' names (`min-response-rate = 0.8`), positional arguments go
//! by their name (`dir = "data"`). Flags given on the command line win: a key whose flag
//! the user typed is skipped. Relative paths in the file are relative to the file's folder.
//! Nothing here names a particular flag, so a flag added to a subcommand is a config key
//! with no extra code. A key that belongs to another subcommand only is ignored, so one
//! file can serve `analyze` and `validate`; a key no subcommand knows is an error.

use std::any::TypeId;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Command, ValueHint};
use orgsphere::{Error, Result};
use toml::Value;

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
        let tokens = tokens(arg, key, value, &base, &file)?;
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

/// Reads and parses the TOML file: missing → 66, not TOML → 64.
fn read(file: &Path) -> Result<toml::Table> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::InputMissing {
        path: file.to_path_buf(),
        source,
    })?;
    text.parse::<toml::Table>().map_err(|e| {
        Error::Usage(format!(
            "{}: not a valid TOML config: {}",
            file.display(),
            e.to_string().trim_end()
        ))
    })
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

fn typed_by_user(given: &ArgMatches, arg: &Arg) -> bool {
    given.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine)
}

fn positionals_given(given: &ArgMatches, sub: &Command) -> bool {
    sub.get_positionals().any(|a| typed_by_user(given, a))
}

/// What kind of TOML value an argument takes.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Flag,
    Count,
    Number,
    Integer,
    Boolean,
    Path,
    Text,
    /// A value clap checks itself; any scalar is passed on as text.
    Any,
}

fn kind(arg: &Arg) -> Kind {
    match arg.get_action() {
        ArgAction::SetTrue | ArgAction::SetFalse => return Kind::Flag,
        ArgAction::Count => return Kind::Count,
        _ => {}
    }
    let t = arg.get_value_parser().type_id();
    let hint = arg.get_value_hint();
    if matches!(
        hint,
        ValueHint::FilePath | ValueHint::DirPath | ValueHint::AnyPath
    ) || t == TypeId::of::<PathBuf>()
    {
        Kind::Path
    } else if t == TypeId::of::<f64>() || t == TypeId::of::<f32>() {
        Kind::Number
    } else if [
        TypeId::of::<u8>(),
        TypeId::of::<u16>(),
        TypeId::of::<u32>(),
        TypeId::of::<u64>(),
        TypeId::of::<usize>(),
        TypeId::of::<i32>(),
        TypeId::of::<i64>(),
    ]
    .iter()
    .any(|id| t == *id)
    {
        Kind::Integer
    } else if t == TypeId::of::<bool>() {
        Kind::Boolean
    } else if t == TypeId::of::<String>() {
        Kind::Text
    } else {
        Kind::Any
    }
}

fn repeatable(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Append)
}

/// The command-line tokens for one key.
fn tokens(arg: &Arg, key: &str, value: &Value, base: &Path, file: &Path) -> Result<Vec<OsString>> {
    let wrong = |what: String| {
        Error::Usage(format!(
            "{}: key '{key}' expects {what}; found {}",
            file.display(),
            found(value)
        ))
    };
    let kind = kind(arg);
    let flag = OsString::from(format!("--{key}"));
    match (kind, value) {
        (Kind::Flag, Value::Boolean(on)) => return Ok(if *on { vec![flag] } else { vec![] }),
        (Kind::Flag, _) => return Err(wrong(format!("true or false, e.g. {key} = true"))),
        (Kind::Count, Value::Integer(n)) if *n >= 0 => return Ok(vec![flag; *n as usize]),
        (Kind::Count, _) => return Err(wrong(format!("a count, e.g. {key} = 2"))),
        _ => {}
    }
    let values: Vec<String> = match value {
        Value::Array(items) if repeatable(arg) => items
            .iter()
            .map(|v| scalar(kind, arg, v, base).ok_or_else(|| wrong(expected(kind, arg, key))))
            .collect::<Result<_>>()?,
        Value::Table(map) if repeatable(arg) && kind != Kind::Path => map
            .iter()
            .map(|(k, v)| {
                scalar(Kind::Any, arg, v, base)
                    .map(|v| format!("{k}={v}"))
                    .ok_or_else(|| wrong(expected(kind, arg, key)))
            })
            .collect::<Result<_>>()?,
        v => vec![scalar(kind, arg, v, base).ok_or_else(|| wrong(expected(kind, arg, key)))?],
    };
    Ok(values
        .into_iter()
        .map(|v| {
            if arg.is_positional() {
                OsString::from(v)
            } else {
                OsString::from(format!("--{key}={v}"))
            }
        })
        .collect())
}

/// One TOML scalar as command-line text, or `None` if it has the wrong type.
fn scalar(kind: Kind, arg: &Arg, value: &Value, base: &Path) -> Option<String> {
    let text = match (kind, value) {
        (Kind::Number, Value::Float(x)) => x.to_string(),
        (Kind::Number | Kind::Integer, Value::Integer(n)) => n.to_string(),
        (Kind::Boolean, Value::Boolean(b)) => b.to_string(),
        (Kind::Text, Value::String(s)) => s.clone(),
        (Kind::Path, Value::String(s)) => resolve(s, base),
        (Kind::Any, Value::String(s)) => s.clone(),
        (Kind::Any, Value::Integer(n)) => n.to_string(),
        (Kind::Any, Value::Float(x)) => x.to_string(),
        (Kind::Any, Value::Boolean(b)) => b.to_string(),
        _ => return None,
    };
    let allowed: Vec<_> = arg.get_possible_values();
    if !allowed.is_empty() && !allowed.iter().any(|p| p.matches(&text, false)) {
        return None;
    }
    Some(text)
}

/// A path from the file, relative to the file's folder (`-`, stdin/stdout, stays as is).
fn resolve(path: &str, base: &Path) -> String {
    let p = Path::new(path);
    if path == "-" || p.is_absolute() {
        path.to_string()
    } else {
        base.join(p).to_string_lossy().into_owned()
    }
}

/// What a key expects, in words, with an example.
fn expected(kind: Kind, arg: &Arg, key: &str) -> String {
    let default = arg
        .get_default_values()
        .first()
        .map(|v| v.to_string_lossy().into_owned());
    let one = match kind {
        Kind::Number => format!(
            "a number, e.g. {key} = {}",
            default.as_deref().unwrap_or("0.8")
        ),
        Kind::Integer => format!(
            "a whole number, e.g. {key} = {}",
            default.as_deref().unwrap_or("3")
        ),
        Kind::Boolean => format!("true or false, e.g. {key} = true"),
        Kind::Path => format!("a path in quotes, e.g. {key} = \"data/file.csv\""),
        _ => {
            let allowed: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|p| format!("\"{}\"", p.get_name()))
                .collect();
            if allowed.is_empty() {
                format!("a text in quotes, e.g. {key} = \"…\"")
            } else {
                format!("one of {}", allowed.join(", "))
            }
        }
    };
    if repeatable(arg) {
        format!("{one}, or an array of them, e.g. {key} = [\"…\", \"…\"]")
    } else {
        one
    }
}

/// The value the file holds, in words: strings as written, other values by type.
fn found(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{s:?}"),
        Value::Integer(n) => format!("the whole number {n}"),
        Value::Float(x) => format!("the number {x}"),
        Value::Boolean(b) => format!("{b}"),
        Value::Array(_) => "an array".into(),
        Value::Table(_) => "a table".into(),
        Value::Datetime(d) => format!("the date {d}"),
    }
}
