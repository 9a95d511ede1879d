//! Every type of the crate has a name of its own: no two structs, enums, traits or type
//! aliases under `src/` share a name, so a name in a message, a doc or a review means one
//! thing. (Associated types such as an iterator's `Item` are the traits' names, not ours.)

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("src/ entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The type a line declares, if it declares one: `pub(crate) struct Name<'a> {` → `Name`.
fn declared(line: &str) -> Option<&str> {
    let indented = line.starts_with(' ');
    let mut rest = line.trim_start();
    for visibility in ["pub(crate) ", "pub(super) ", "pub "] {
        if let Some(r) = rest.strip_prefix(visibility) {
            rest = r;
            break;
        }
    }
    let rest = ["struct ", "enum ", "trait ", "type "]
        .iter()
        .find_map(|kw| {
            rest.strip_prefix(kw)
                // An indented `type X = …;` is an associated type of an impl.
                .filter(|_| !(indented && *kw == "type "))
        })?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    name.starts_with(|c: char| c.is_ascii_uppercase())
        .then_some(name)
}

#[test]
fn every_type_name_is_used_once() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("source is UTF-8");
        let rel = file.strip_prefix(&src).unwrap().display().to_string();
        for (n, line) in text.lines().enumerate() {
            if let Some(name) = declared(line) {
                seen.entry(name.to_string())
                    .or_default()
                    .push(format!("src/{rel}:{}", n + 1));
            }
        }
    }
    assert!(seen.len() > 100, "found only {} type names", seen.len());
    let twice: Vec<String> = seen
        .iter()
        .filter(|(_, places)| places.len() > 1)
        .map(|(name, places)| format!("{name}: {}", places.join(", ")))
        .collect();
    assert!(
        twice.is_empty(),
        "type names declared more than once:\n{}",
        twice.join("\n")
    );
}

#[test]
fn declarations_are_recognised() {
    assert_eq!(declared("pub struct View<'a> {"), Some("View"));
    assert_eq!(declared("pub(crate) enum Level {"), Some("Level"));
    assert_eq!(declared("    struct Inner;"), Some("Inner"));
    assert_eq!(declared("type Rows = Vec<u32>;"), Some("Rows"));
    assert_eq!(declared("    type Item = u32;"), None);
    assert_eq!(declared("let structure = 1;"), None);
    assert_eq!(declared("// struct Commented"), None);
}
