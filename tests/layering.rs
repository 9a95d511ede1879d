//! The crate's structure, checked: imports point down the pipeline and no two files import
//! each other in a loop.
//!
//! Reads every file under `src/` (the library's modules; the binary's `cli/` talks to the
//! library through `orgsphere::` only) and every path that starts with `crate::` or
//! `super::` outside comments. Each top-level module has a floor ([`FLOORS`]); a module may
//! use modules on a lower floor and itself, nothing on its own floor or above. A new module
//! must be given its floor here first, so where it sits is decided, not drifted into.
//!
//! Within the crate, files import each other: a file may use its parent modules (`super::`,
//! the `mod.rs` that declares it), but files that are not parent and child may not form a
//! loop (a → b → a), which is how two halves of one concern grow into each other.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every top-level module of the library, with its floor: the bottom first, then the
/// pipeline in the order data flows (load → validate → graph → metrics → classify →
/// decisions → findings → analysis → export), then the crate root (`lib.rs`: the pipeline's front
/// door), then the commands built on it.
const FLOORS: &[(&str, u32)] = &[
    // The bottom: imports nothing of the crate, or only what sits below it here.
    ("diagnostics", 0),
    ("rng", 0),
    ("progress", 0),
    ("memory", 0),
    ("text", 1),
    ("error", 1),
    ("options", 2),
    ("outdir", 2),
    // The pipeline.
    ("load", 10),
    ("validate", 11),
    ("graph", 12),
    // Beside the graph: perceptions measured against the surveys (imports validate and below).
    ("perceive", 12),
    ("metrics", 13),
    ("classify", 14),
    // Key players, backups and change agents: beside the findings, reading neither.
    ("decisions", 15),
    ("findings", 16),
    ("analysis", 17),
    ("export", 18),
    // `lib.rs`: `analyze`, `check` and the other functions that run the pipeline.
    ("", 19),
    // Above the pipeline.
    ("compare", 20),
    ("generate", 20),
    ("template", 20),
];

/// One `crate::`/`super::` path in a file, resolved to absolute module segments.
struct Use {
    line: usize,
    text: String,
    path: Vec<String>,
    /// Inside a `#[cfg(test)]` module: unit tests may call the crate's front door
    /// (`crate::check_bytes` and the like) to build their fixtures from text.
    in_test: bool,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every library file: relative path and module path (`metrics/brandes/mod.rs` →
/// `["metrics", "brandes"]`). The binary's files (`main.rs`, `cli/`) are left out.
fn library_files(src: &Path) -> BTreeMap<PathBuf, Vec<String>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("src/ entry").path();
            let rel = path.strip_prefix(src).unwrap().to_path_buf();
            if rel == Path::new("main.rs") || rel.starts_with("cli") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let mut module: Vec<String> = rel
                    .with_extension("")
                    .iter()
                    .map(|s| s.to_string_lossy().into_owned())
                    .collect();
                if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                    module.pop();
                }
                files.insert(rel, module);
            }
        }
    }
    files
}

/// The code of a line without its comment (a `//` outside a string literal).
fn code_of(line: &str) -> &str {
    let mut in_string = false;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '"' if prev != '\\' => in_string = !in_string,
            '/' if !in_string && prev == '/' => return &line[..i - 1],
            _ => {}
        }
        prev = c;
    }
    line
}

/// The first identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The module paths a `crate::…`/`super::…` path names, from its start in `rest` (just
/// after `crate::`): `a::b::C` gives `[a, b, C]`; `{a::X, b}` gives `[a, X]` and `[b]`.
fn paths_after(rest: &str) -> Vec<Vec<String>> {
    if let Some(group) = rest.strip_prefix('{') {
        // Split the group's items at depth 0 up to its closing brace.
        let mut out = Vec::new();
        let (mut depth, mut start) = (0, 0);
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    out.extend(item_path(&group[start..i]));
                    return out;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.extend(item_path(&group[start..i]));
                    start = i + 1;
                }
                _ => {}
            }
        }
        // A group spread over several lines: the rest of this line's items.
        out.extend(item_path(&group[start..]));
        out
    } else {
        item_path(rest).into_iter().collect()
    }
}

fn item_path(item: &str) -> Option<Vec<String>> {
    let mut segments = Vec::new();
    let mut rest = item.trim_start();
    loop {
        let id = ident(rest);
        if id.is_empty() {
            break;
        }
        segments.push(id.to_string());
        match rest[id.len()..].strip_prefix("::") {
            Some(next) if !next.starts_with('{') => rest = next,
            Some(next) => {
                // `a::{b, c}`: the shared prefix is what matters for floors and files.
                let inner = paths_after(next);
                if inner.is_empty() {
                    break;
                }
                return Some(segments);
            }
            None => break,
        }
    }
    (!segments.is_empty()).then_some(segments)
}

/// Every path of `text` that names a crate module, resolved against `module` (the file's
/// own module path, for `super::`).
fn uses_in(text: &str, module: &[String]) -> Vec<Use> {
    let mut out = Vec::new();
    let mut in_group: Option<(usize, Vec<String>)> = None;
    // An inline module opened at the start of a line (`mod tests {`) and closed by a `}`
    // alone at the start of a line: its name, and whether `#[cfg(test)]` came before it.
    let mut inline: Option<(String, bool)> = None;
    let mut cfg_test = false;
    let file_module = module;
    let mut nested: Vec<String>;
    for (n, raw) in text.lines().enumerate() {
        let code = code_of(raw);
        let trimmed = code.trim();
        if trimmed.starts_with("//") || trimmed.starts_with("#[doc") {
            continue;
        }
        if raw.starts_with("#[cfg(test)]") {
            cfg_test = true;
            continue;
        }
        if inline.is_none() {
            let decl = raw
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ");
            if let Some(rest) = decl.strip_prefix("mod ") {
                let name = ident(rest);
                if rest[name.len()..].trim_start().starts_with('{') {
                    inline = Some((name.to_string(), cfg_test));
                }
            }
            cfg_test = false;
        } else if raw.starts_with('}') {
            inline = None;
            continue;
        }
        let in_test = inline.as_ref().is_some_and(|(_, test)| *test);
        let module: &[String] = match &inline {
            Some((name, _)) => {
                nested = file_module.to_vec();
                nested.push(name.clone());
                &nested
            }
            None => file_module,
        };
        // A path of this line: `path` under `prefix`.
        let push = |out: &mut Vec<Use>, prefix: &[String], path: Vec<String>| {
            let mut full = prefix.to_vec();
            full.extend(path);
            out.push(Use {
                line: n + 1,
                text: raw.trim().to_string(),
                path: full,
                in_test,
            });
        };
        // The continuation lines of a `use crate::{` group spread over several lines.
        if let Some((_, prefix)) = &in_group {
            for item in trimmed.split(',') {
                let item = item.trim().trim_end_matches("};").trim_end_matches('}');
                if let Some(path) = item_path(item) {
                    push(&mut out, prefix, path);
                }
            }
            if trimmed.contains('}') && !trimmed.contains('{') {
                in_group = None;
            }
            continue;
        }
        for (start, base) in roots(code, module) {
            let rest = &code[start..];
            if rest.starts_with('{') && !rest.contains('}') {
                in_group = Some((n, base.clone()));
            }
            for path in paths_after(rest) {
                push(&mut out, &base, path);
            }
        }
    }
    out
}

/// Where each `crate::`/`super::` path starts in `code` and the module it is relative to.
fn roots(code: &str, module: &[String]) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let at_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if at_word && bytes[i..].starts_with(b"crate::") {
            out.push((i + "crate::".len(), Vec::new()));
            i += "crate::".len();
        } else if at_word && bytes[i..].starts_with(b"super::") {
            let mut base = module.to_vec();
            let mut j = i;
            while bytes[j..].starts_with(b"super::") {
                base.pop();
                j += "super::".len();
            }
            out.push((j, base));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn floor(top: &str) -> Option<u32> {
    FLOORS.iter().find(|(m, _)| *m == top).map(|&(_, f)| f)
}

/// The file that defines the longest prefix of `path` among `modules`.
fn file_of<'a>(path: &[String], modules: &'a BTreeMap<Vec<String>, PathBuf>) -> &'a PathBuf {
    (0..=path.len())
        .rev()
        .find_map(|k| modules.get(&path[..k]))
        .expect("the crate root is a module")
}

struct Crate {
    files: BTreeMap<PathBuf, Vec<String>>,
    uses: BTreeMap<PathBuf, Vec<Use>>,
    /// What `lib.rs` re-exports (`pub use options::Options;`): item → module.
    reexports: BTreeMap<String, String>,
}

/// `pub use module::Item;` and `pub use module::{A, B};` lines of `lib.rs`.
fn reexports_of(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.strip_prefix("pub use ") else {
            continue;
        };
        let module = ident(rest);
        let items = rest[module.len()..].trim_start_matches("::");
        for item in items.trim_matches(|c| "{};".contains(c)).split(',') {
            let name = ident(item.trim());
            if !name.is_empty() {
                out.insert(name.to_string(), module.to_string());
            }
        }
    }
    out
}

fn read_crate() -> Crate {
    let src = src_dir();
    let files = library_files(&src);
    let uses = files
        .iter()
        .map(|(rel, module)| {
            let text = fs::read_to_string(src.join(rel)).expect("source is UTF-8");
            (rel.clone(), uses_in(&text, module))
        })
        .collect();
    let lib = fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    Crate {
        files,
        uses,
        reexports: reexports_of(&lib),
    }
}

/// Every use that points up or sideways, as `file:line: text (why)`.
fn upward_imports(krate: &Crate) -> Vec<String> {
    let mut bad = Vec::new();
    for (rel, module) in &krate.files {
        let own_top = module.first().map(String::as_str).unwrap_or("");
        let Some(own) = floor(own_top) else {
            bad.push(format!(
                "src/{}: the module `{own_top}` has no floor: add it to FLOORS in tests/layering.rs",
                rel.display()
            ));
            continue;
        };
        for u in &krate.uses[rel] {
            let top = u.path.first().map(String::as_str).unwrap_or("");
            // A path into a module is that module; one to an item the root re-exports
            // (`crate::Options`) is the item's module; any other (`crate::analyze`) is
            // the root itself.
            let target = if floor(top).is_some() {
                top
            } else {
                krate.reexports.get(top).map(String::as_str).unwrap_or("")
            };
            if target == own_top || (target.is_empty() && u.in_test) {
                continue;
            }
            let theirs = floor(target).expect("the root has a floor");
            if theirs >= own {
                bad.push(format!(
                    "src/{}:{}: `{}` — `{}` (floor {own}) uses `{}` (floor {theirs}); imports point down the pipeline",
                    rel.display(),
                    u.line,
                    u.text,
                    if own_top.is_empty() { "lib.rs" } else { own_top },
                    if target.is_empty() { "lib.rs" } else { target },
                ));
            }
        }
    }
    bad
}

/// Loops between files that are not parent and child, each as `a → b → a`.
fn file_loops(krate: &Crate) -> Vec<String> {
    let modules: BTreeMap<Vec<String>, PathBuf> = krate
        .files
        .iter()
        .map(|(rel, module)| (module.clone(), rel.clone()))
        .collect();
    let mut edges: BTreeMap<&PathBuf, BTreeSet<&PathBuf>> = BTreeMap::new();
    for (rel, module) in &krate.files {
        for u in &krate.uses[rel] {
            let to = file_of(&u.path, &modules);
            let to_module = &krate.files[to];
            // A file may use its parents (the modules that contain it).
            if to == rel || module.starts_with(to_module) {
                continue;
            }
            edges.entry(rel).or_default().insert(to);
        }
    }
    // Tarjan's strongly connected components, small enough to write out here.
    let nodes: Vec<&PathBuf> = krate.files.keys().collect();
    let index_of: BTreeMap<&PathBuf, usize> =
        nodes.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let adj: Vec<Vec<usize>> = nodes
        .iter()
        .map(|p| {
            edges
                .get(p)
                .map(|s| s.iter().map(|q| index_of[q]).collect())
                .unwrap_or_default()
        })
        .collect();
    let mut loops = Vec::new();
    for component in strongly_connected(&adj) {
        if component.len() > 1 {
            let names: Vec<String> = component
                .iter()
                .map(|&i| format!("src/{}", nodes[i].display()))
                .collect();
            loops.push(format!("{} import each other", names.join(", ")));
        }
    }
    loops.sort();
    loops
}

fn strongly_connected(adj: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct State<'a> {
        adj: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State<'_>, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &s.adj[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            component.sort_unstable();
            s.out.push(component);
        }
    }
    let n = adj.len();
    let mut s = State {
        adj,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.out
}

#[test]
fn imports_point_down_the_pipeline() {
    let krate = read_crate();
    assert!(
        krate.files.len() > 50,
        "read only {} files under src/",
        krate.files.len()
    );
    let bad = upward_imports(&krate);
    assert!(
        bad.is_empty(),
        "{} import(s) point up or sideways:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn no_two_files_import_each_other() {
    let krate = read_crate();
    let loops = file_loops(&krate);
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}

/// The checks themselves, on planted code: an upward import and a loop are caught, with
/// file and line; comments and doc links are not imports.
#[test]
fn the_checks_catch_what_they_are_for() {
    let module = vec!["load".to_string(), "table".to_string()];
    let uses = uses_in(
        "//! See [`crate::export`].\n\
         use crate::diagnostics::Problem;\n\
         use crate::{error::Result, export::View};\n\
         use crate::{\n    graph::Tie,\n    options::ReadOptions,\n};\n\
         fn f() { super::columns::find(); } // crate::metrics in a comment\n",
        &module,
    );
    let found: Vec<(usize, String)> = uses.iter().map(|u| (u.line, u.path.join("::"))).collect();
    assert_eq!(
        found,
        vec![
            (2, "diagnostics::Problem".to_string()),
            (3, "error::Result".to_string()),
            (3, "export::View".to_string()),
            (5, "graph::Tie".to_string()),
            (6, "options::ReadOptions".to_string()),
            (8, "load::columns::find".to_string()),
        ]
    );

    let mut krate = Crate {
        files: BTreeMap::new(),
        uses: BTreeMap::new(),
        reexports: reexports_of("pub use options::Options;\n"),
    };
    let mut add = |file: &str, module: &[&str], code: &str| {
        let module: Vec<String> = module.iter().map(|s| s.to_string()).collect();
        krate
            .uses
            .insert(PathBuf::from(file), uses_in(code, &module));
        krate.files.insert(PathBuf::from(file), module);
    };
    add("lib.rs", &[], "use crate::load::X;\n");
    add("load/mod.rs", &["load"], "mod a;\nmod b;\n");
    add(
        "load/a.rs",
        &["load", "a"],
        "use super::b::B;\nuse super::Shared;\n",
    );
    add("load/b.rs", &["load", "b"], "\nuse super::a::A;\n");
    add("export/mod.rs", &["export"], "use crate::load::X;\n");
    add("graph.rs", &["graph"], "use crate::metrics::Y;\n");
    add("metrics.rs", &["metrics"], "use crate::graph::Z;\n");
    add(
        "validate.rs",
        &["validate"],
        "fn f() { crate::analyze(); }\n\
         #[cfg(test)]\nmod tests {\n    use super::super::Options;\n    \
         fn t() { crate::check_bytes(); crate::Options::default(); }\n}\n",
    );
    let bad = upward_imports(&krate);
    // The test module's `crate::check_bytes` is the front door, allowed in tests; its
    // `super::super::Options` (the root's re-export of `options`) and
    // `crate::Options` point down.
    assert_eq!(bad.len(), 2, "{bad:#?}");
    assert!(bad[0].starts_with("src/graph.rs:1: `use crate::metrics::Y;`"));
    assert!(bad[1].starts_with("src/validate.rs:1:"), "{}", bad[1]);
    let loops = file_loops(&krate);
    assert_eq!(
        loops,
        vec![
            "src/graph.rs, src/metrics.rs import each other",
            "src/load/a.rs, src/load/b.rs import each other",
        ],
        "the parent `load/mod.rs` used by a.rs is no loop"
    );
}
