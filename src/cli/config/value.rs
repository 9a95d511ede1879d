//! One config value → command-line tokens: the TOML type each argument takes (read from
//! its clap action, value parser and value hint), paths made relative to the file, and
//! messages that say what a key expects.

use std::any::TypeId;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ValueHint};
use orgsphere::{Error, Result};
use toml::Value;

/// What kind of TOML value an argument takes.
#[derive(Clone, Copy, PartialEq)]
enum ConfigValueKind {
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

fn kind(arg: &Arg) -> ConfigValueKind {
    match arg.get_action() {
        ArgAction::SetTrue | ArgAction::SetFalse => return ConfigValueKind::Flag,
        ArgAction::Count => return ConfigValueKind::Count,
        _ => {}
    }
    let t = arg.get_value_parser().type_id();
    let hint = arg.get_value_hint();
    if matches!(
        hint,
        ValueHint::FilePath | ValueHint::DirPath | ValueHint::AnyPath
    ) || t == TypeId::of::<PathBuf>()
    {
        ConfigValueKind::Path
    } else if t == TypeId::of::<f64>() || t == TypeId::of::<f32>() {
        ConfigValueKind::Number
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
        ConfigValueKind::Integer
    } else if t == TypeId::of::<bool>() {
        ConfigValueKind::Boolean
    } else if t == TypeId::of::<String>() {
        ConfigValueKind::Text
    } else {
        ConfigValueKind::Any
    }
}

fn repeatable(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Append)
}

/// The command-line tokens for one key.
pub(super) fn tokens(
    arg: &Arg,
    key: &str,
    value: &Value,
    base: &Path,
    file: &Path,
) -> Result<Vec<OsString>> {
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
        (ConfigValueKind::Flag, Value::Boolean(on)) => {
            return Ok(if *on { vec![flag] } else { vec![] });
        }
        (ConfigValueKind::Flag, _) => {
            return Err(wrong(format!("true or false, e.g. {key} = true")));
        }
        (ConfigValueKind::Count, Value::Integer(n)) if *n >= 0 => {
            return Ok(vec![flag; *n as usize]);
        }
        (ConfigValueKind::Count, _) => return Err(wrong(format!("a count, e.g. {key} = 2"))),
        _ => {}
    }
    let values: Vec<String> = match value {
        Value::Array(items) if repeatable(arg) => items
            .iter()
            .map(|v| scalar(kind, arg, v, base).ok_or_else(|| wrong(expected(kind, arg, key))))
            .collect::<Result<_>>()?,
        Value::Table(map) if repeatable(arg) && kind != ConfigValueKind::Path => map
            .iter()
            .map(|(k, v)| {
                scalar(ConfigValueKind::Any, arg, v, base)
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
fn scalar(kind: ConfigValueKind, arg: &Arg, value: &Value, base: &Path) -> Option<String> {
    let text = match (kind, value) {
        (ConfigValueKind::Number, Value::Float(x)) => x.to_string(),
        (ConfigValueKind::Number | ConfigValueKind::Integer, Value::Integer(n)) => n.to_string(),
        (ConfigValueKind::Boolean, Value::Boolean(b)) => b.to_string(),
        (ConfigValueKind::Text, Value::String(s)) => s.clone(),
        (ConfigValueKind::Path, Value::String(s)) => resolve(s, base),
        (ConfigValueKind::Any, Value::String(s)) => s.clone(),
        (ConfigValueKind::Any, Value::Integer(n)) => n.to_string(),
        (ConfigValueKind::Any, Value::Float(x)) => x.to_string(),
        (ConfigValueKind::Any, Value::Boolean(b)) => b.to_string(),
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
fn expected(kind: ConfigValueKind, arg: &Arg, key: &str) -> String {
    let default = arg
        .get_default_values()
        .first()
        .map(|v| v.to_string_lossy().into_owned());
    let one = match kind {
        ConfigValueKind::Number => format!(
            "a number, e.g. {key} = {}",
            default.as_deref().unwrap_or("0.8")
        ),
        ConfigValueKind::Integer => format!(
            "a whole number, e.g. {key} = {}",
            default.as_deref().unwrap_or("3")
        ),
        ConfigValueKind::Boolean => format!("true or false, e.g. {key} = true"),
        ConfigValueKind::Path => format!("a path in quotes, e.g. {key} = \"data/file.csv\""),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_file_except_absolute_ones_and_stdio() {
        let base = Path::new("jobs");
        assert_eq!(
            resolve("org.csv", base),
            Path::new("jobs/org.csv").to_string_lossy()
        );
        assert_eq!(resolve("-", base), "-");
        let abs = std::env::temp_dir().join("org.csv");
        assert_eq!(resolve(abs.to_str().unwrap(), base), abs.to_string_lossy());
    }

    #[test]
    fn kinds_come_from_the_clap_definition() {
        let flag = Arg::new("strict").long("strict").action(ArgAction::SetTrue);
        let rate = Arg::new("rate")
            .long("rate")
            .value_parser(clap::value_parser!(f64));
        let n = Arg::new("n")
            .long("n")
            .value_parser(clap::value_parser!(u32));
        let file = Arg::new("org").long("org").value_hint(ValueHint::FilePath);
        let path = Arg::new("out")
            .long("out")
            .value_parser(clap::value_parser!(PathBuf));
        assert!(kind(&flag) == ConfigValueKind::Flag);
        assert!(kind(&rate) == ConfigValueKind::Number);
        assert!(kind(&n) == ConfigValueKind::Integer);
        assert!(kind(&file) == ConfigValueKind::Path);
        assert!(kind(&path) == ConfigValueKind::Path);
        let tokens = tokens(
            &rate,
            "rate",
            &Value::Integer(1),
            base(),
            Path::new("j.toml"),
        )
        .unwrap();
        assert_eq!(tokens, ["--rate=1"]);
        assert!(tokens_err(&n, Value::Float(2.5)).contains("a whole number"));
        assert!(tokens_err(&flag, Value::String("yes".into())).contains("true or false"));
    }

    fn base() -> &'static Path {
        Path::new("")
    }

    fn tokens_err(arg: &Arg, value: Value) -> String {
        tokens(arg, "k", &value, base(), Path::new("j.toml"))
            .unwrap_err()
            .to_string()
    }
}
