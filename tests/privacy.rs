//! --pseudonymize: no output names anyone from the inputs; the same key gives the same
//! pseudonyms; a missing key is a usage error. Scanned on the sample company, whose ids
//! (E0001…) and names cannot occur inside numbers by chance.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{Workdir, read_csv, root};

const KEY: &str = "wave-key-2026-for-the-tests";

fn analyze(w: &Workdir, out: &str, extra: &[&str]) -> common::Run {
    let dir = root().join("sample-data");
    let mut args = vec!["analyze", dir.to_str().unwrap(), "--out", out];
    args.extend_from_slice(extra);
    w.run(&args)
}

/// Every id, name and e-mail in the inputs (survey ids that match nobody included).
fn secrets() -> BTreeSet<String> {
    let dir = root().join("sample-data");
    let mut found = BTreeSet::new();
    for row in read_csv(&fs::read_to_string(dir.join("org.csv")).unwrap()) {
        for col in ["employee_id", "manager_id", "name", "email"] {
            found.insert(row[col].trim().to_string());
        }
    }
    for file in ["survey-advice.csv", "survey-trust.csv"] {
        for row in read_csv(&fs::read_to_string(dir.join(file)).unwrap()) {
            found.insert(row["respondent_id"].trim().to_string());
            found.insert(row["nominee_id"].trim().to_string());
        }
    }
    found.retain(|s| s.len() >= 4);
    found
}

/// The text of every output file; Parquet is decoded row by row, since compression could
/// hide a leak from a byte scan.
fn outputs(w: &Workdir, dir: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(w.join(dir)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = if name.ends_with(".parquet") {
            use parquet::file::reader::{FileReader, SerializedFileReader};
            let reader = SerializedFileReader::new(fs::File::open(&path).unwrap()).unwrap();
            let rows: Vec<String> = reader
                .get_row_iter(None)
                .unwrap()
                .map(|r| r.unwrap().to_string())
                .collect();
            assert_eq!(rows.len(), 306);
            rows.join("\n")
        } else {
            fs::read_to_string(&path).unwrap()
        };
        files.push((name, text));
    }
    files.sort();
    files
}

#[test]
fn no_output_names_anyone() {
    let w = Workdir::new();
    analyze(&w, "out", &["--pseudonymize", "--key", KEY]).expect_code(0);
    let files = outputs(&w, "out");
    assert_eq!(files.len(), 13, "12 results and the manifest");
    let secrets = secrets();
    assert!(secrets.contains("E0086") && secrets.contains("Zoë Müller"));
    assert!(secrets.iter().any(|s| s.contains('@')) && secrets.contains("AGENCY-7"));
    // One pattern per kind: ids case-sensitively (pseudonyms are lower-case hex, in which
    // "e0128" may occur), names and e-mails in any case.
    let pattern = |ids: bool| {
        let alternatives: Vec<String> = secrets
            .iter()
            .filter(|s| (s.starts_with('E') && s[1..].bytes().all(|b| b.is_ascii_digit())) == ids)
            .map(|s| regex::escape(s))
            .collect();
        regex::RegexBuilder::new(&alternatives.join("|"))
            .case_insensitive(!ids)
            .build()
            .unwrap()
    };
    let (ids, names) = (pattern(true), pattern(false));
    for (name, text) in &files {
        for re in [&ids, &names] {
            if let Some(m) = re.find(text) {
                panic!("{name} contains {:?}", m.as_str());
            }
        }
    }
    // The tables keep title and department, and nothing else from the org chart.
    let people = read_csv(&w.read("out/people.csv"));
    let mut headers: Vec<&str> = people[0].keys().map(String::as_str).collect();
    headers.sort();
    for gone in ["name", "email", "location", "hire_date"] {
        assert!(!headers.contains(&gone), "{gone} survived");
    }
    assert!(
        people
            .iter()
            .all(|p| p["employee_id"].starts_with("p_") && p["employee_id"].len() == 18)
    );
    assert!(
        people
            .iter()
            .any(|p| p["title"] == "Chief Executive Officer")
    );
    let ids: Vec<&str> = people.iter().map(|p| p["employee_id"].as_str()).collect();
    assert!(
        ids.is_sorted(),
        "rows are ordered by pseudonym, not by the ids behind them"
    );
    // Data-quality messages keep their sense without the ids.
    let quality = read_csv(&w.read("out/data-quality.csv"));
    let unknown = quality
        .iter()
        .find(|q| q["code"] == "unknown-nominee")
        .unwrap();
    assert!(
        unknown["message"].starts_with("nominee \"p_"),
        "{}",
        unknown["message"]
    );
    let summary: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(summary["parameters"]["pseudonymized"], true);
    assert!(
        summary["informal_leaders"][0]["employee_id"]
            .as_str()
            .unwrap()
            .starts_with("p_")
    );
}

#[test]
fn the_same_key_gives_the_same_pseudonyms() {
    let w = Workdir::new();
    analyze(&w, "a", &["--pseudonymize", "--key", KEY]).expect_code(0);
    let env = common::Workdir::run_with_env;
    env(
        &w,
        &[
            "analyze",
            root().join("sample-data").to_str().unwrap(),
            "--out",
            "b",
            "--pseudonymize",
        ],
        ("ORGSPHERE_KEY", KEY),
    )
    .expect_code(0);
    analyze(
        &w,
        "c",
        &["--pseudonymize", "--key", "another key for the tests"],
    )
    .expect_code(0);
    let (a, b, c) = (outputs(&w, "a"), outputs(&w, "b"), outputs(&w, "c"));
    assert_eq!(a, b, "one key, one set of files");
    let id = |files: &[(String, String)]| {
        read_csv(&files.iter().find(|f| f.0 == "people.csv").unwrap().1)[0]["employee_id"].clone()
    };
    assert_ne!(id(&a), id(&c));
    let check = |dir: &str| {
        let s: serde_json::Value =
            serde_json::from_str(&w.read(&format!("{dir}/summary.json"))).unwrap();
        s["parameters"]["key_check"].as_str().unwrap().to_string()
    };
    assert_eq!(check("a"), check("b"));
    assert_ne!(check("a"), check("c"));
}

#[test]
fn pseudonymizing_needs_a_key() {
    let w = Workdir::new();
    let run = analyze(&w, "out", &["--pseudonymize"]);
    run.expect_code(64);
    assert!(
        run.stderr.contains("--key") && run.stderr.contains("ORGSPHERE_KEY"),
        "{}",
        run.stderr
    );
    analyze(&w, "out", &["--key", KEY]).expect_code(64);
    assert!(!w.join("out").exists());
}

#[test]
fn a_short_key_is_refused_with_how_to_make_a_good_one() {
    let w = Workdir::new();
    let min = orgsphere::options::MIN_KEY_CHARS;
    let short = "k".repeat(min - 1);
    let needles = [
        &format!("at least {min}"),
        "openssl rand -hex 32",
        "key_check",
    ];
    let run = analyze(&w, "out", &["--pseudonymize", "--key", &short]);
    run.expect_code(64).expect_stderr(&needles);
    assert!(!run.stderr.contains(&short), "the key was printed");
    let dir = root().join("sample-data");
    let sample = dir.to_str().unwrap();
    w.run_with_env(
        &["analyze", sample, "--out", "out", "--pseudonymize"],
        ("ORGSPHERE_KEY", "1"),
    )
    .expect_code(64)
    .expect_stderr(&needles);
    // compare analyses input folders with the key.
    let compare = ["compare", sample, sample, "--out", "c", "--pseudonymize"];
    w.run_with_env(&compare, ("ORGSPHERE_KEY", &short))
        .expect_code(64)
        .expect_stderr(&needles);
    assert_eq!(w.entries(), Vec::<String>::new(), "something was written");
    analyze(&w, "out", &["--pseudonymize", "--key", &"k".repeat(min)]).expect_code(0);
}

#[test]
fn formats_choose_the_files() {
    let w = Workdir::new();
    analyze(&w, "out", &["--formats", "gexf,report"]).expect_code(0);
    let names: Vec<String> = outputs(&w, "out").into_iter().map(|f| f.0).collect();
    assert_eq!(
        names,
        [
            ".orgsphere-manifest",
            "data-quality.csv",
            "findings.csv",
            "findings.json",
            "graph.gexf",
            "people.csv",
            "report.html",
            "summary.json"
        ]
    );
    let bad = analyze(&w, "bad", &["--formats", "gexf,pdf"]);
    bad.expect_code(64);
    assert!(bad.stderr.contains("\"pdf\""));
}

#[test]
fn parquet_has_the_csv_columns_and_types() {
    use parquet::basic::Type;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let w = Workdir::new();
    analyze(&w, "out", &[]).expect_code(0);
    let csv_headers: Vec<String> = {
        let text = w.read("out/people.csv");
        let mut r = csv::Reader::from_reader(text.as_bytes());
        r.headers().unwrap().iter().map(str::to_string).collect()
    };
    let reader =
        SerializedFileReader::new(fs::File::open(w.join("out/people.parquet")).unwrap()).unwrap();
    let meta = reader.metadata();
    let schema = meta.file_metadata().schema_descr();
    let names: Vec<String> = schema
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(names, csv_headers);
    let type_of = |n: &str| {
        schema
            .columns()
            .iter()
            .find(|c| c.name() == n)
            .unwrap()
            .physical_type()
    };
    assert_eq!(type_of("employee_id"), Type::BYTE_ARRAY);
    assert_eq!(type_of("in_degree"), Type::INT64);
    assert_eq!(type_of("pagerank"), Type::DOUBLE);
    assert_eq!(type_of("formal_power"), Type::BOOLEAN);
    assert_eq!(meta.file_metadata().num_rows(), 306);
    // Row for row the same values as people.csv (the first row: E0001, the CEO).
    let first = reader
        .get_row_iter(None)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .to_string();
    assert!(
        first.contains("employee_id: \"E0001\"") && first.contains("manager_id: null"),
        "{first}"
    );
    // Measures are the exact doubles; people.csv shows them to 10 significant digits.
    use parquet::record::RowAccessor;
    let column = names.iter().position(|n| n == "pagerank").unwrap();
    let text = w.read("out/people.csv");
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    for (row, record) in reader.get_row_iter(None).unwrap().zip(csv.records()) {
        let exact = row.unwrap().get_double(column).unwrap();
        let shown: f64 = record.unwrap()[column].parse().unwrap();
        assert!(
            (exact - shown).abs() <= 1e-9 * exact.abs(),
            "{exact} vs {shown}"
        );
    }
}
