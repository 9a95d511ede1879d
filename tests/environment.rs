//! The environment is read by the command line alone (`src/cli/`, `src/main.rs`): the
//! library takes everything, the run's time included, through its options, so that a
//! caller decides and a test sees the same run whatever the environment holds.

use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn only_the_command_line_reads_the_environment() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 50, "the sources were not found");
    let cli = src.join("cli").display().to_string();
    let main = src.join("main.rs").display().to_string();
    let mut readers = Vec::new();
    for (path, text) in &files {
        if path.starts_with(&cli) || *path == main {
            continue;
        }
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap();
            // `env!` is the compiler's, read when orgsphere is built; `env::var`,
            // `var_os`, `vars` and `args` read the running process's environment.
            if code.contains("env::var") || code.contains("env::args") {
                readers.push(format!("{path}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        readers.is_empty(),
        "the library reads the environment; read it in src/cli/ and pass it in the options:\n{}",
        readers.join("\n")
    );
}

/// The run's time comes from the options (the command line sets it from
/// `SOURCE_DATE_EPOCH`).
#[test]
fn the_files_carry_the_time_the_options_give() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut options = orgsphere::Options::new(
        orgsphere::Options::inputs_from_dir(&sample).unwrap(),
        dir.path().join("out"),
    );
    options.output.formats = Default::default();
    options.output.generated_at = Some(1_795_824_000);
    orgsphere::analyze(&options).unwrap();
    let summary = fs::read_to_string(dir.path().join("out/summary.json")).unwrap();
    assert!(
        summary.contains("\"generated_at\": \"2026-11-28T00:00:00Z\""),
        "{summary}"
    );
}
