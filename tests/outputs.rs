//! Properties of the output folder: byte-identical across runs, text from the inputs
//! escaped for each destination, encodings and delimiters read as HR systems write them.

mod common;

use common::{Workdir, person, read_csv, root};

fn files_of(w: &Workdir, dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(w.join(dir))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn two_runs_give_identical_folders() {
    let w = Workdir::new();
    let dir = root().join("sample-data");
    w.run(&["analyze", dir.to_str().unwrap(), "--out", "a"])
        .expect_code(0);
    w.run(&["analyze", dir.to_str().unwrap(), "--out", "b"])
        .expect_code(0);
    let (a, b) = (files_of(&w, "a"), files_of(&w, "b"));
    assert_eq!(a.len(), 13, "12 results and the manifest");
    for ((name_a, bytes_a), (name_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        assert!(bytes_a == bytes_b, "{name_a} differs between two runs");
    }
    // Running again into the same folder replaces it.
    w.run(&["analyze", dir.to_str().unwrap(), "--out", "a"])
        .expect_code(0);
    assert_eq!(files_of(&w, "a"), a);
}

/// An org chart in Windows-1252 with `;` delimiters, CRLF and HR-system headers, whose
/// names hold markup and spreadsheet formulas.
fn hostile_export(w: &Workdir) {
    let mut org: Vec<u8> = Vec::new();
    org.extend_from_slice(b"Employee ID;Manager ID;Job Title;Full Name;Email\r\n");
    org.extend_from_slice(b"1;;CEO;Zo\xEB M\xFCller;zoe@example.com\r\n");
    org.extend_from_slice(b"2;1;Engineer;<script>alert(1)</script>;b@example.com\r\n");
    org.extend_from_slice(
        b"3;1;Engineer;\"=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\";c@example.com\r\n",
    );
    org.extend_from_slice(b"4;1;Engineer;\"Smith; \"\"Jr\"\" & Co\";d@example.com\r\n");
    w.write("in/org.csv", org);
    w.write(
        "in/survey.csv",
        "respondent_id;nominee_id\r\n2;1\r\n3;1\r\n4;3\r\n1;2\r\n",
    );
}

#[test]
fn windows_1252_names_are_kept_exactly() {
    let w = Workdir::new();
    hostile_export(&w);
    w.run(&["analyze", "in", "--out", "out"]).expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(person(&people, "1")["Full Name"], "Zoë Müller");
    assert_eq!(person(&people, "4")["Full Name"], "Smith; \"Jr\" & Co");
    assert!(w.read("out/graph.graphml").contains("Zoë Müller"));
    let summary: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(summary["inputs"]["org"]["encoding"], "windows-1252");
}

#[test]
fn markup_and_formulas_are_passed_through_safely() {
    let w = Workdir::new();
    hostile_export(&w);
    w.run(&["analyze", "in", "--out", "out"]).expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(
        person(&people, "3")["Full Name"],
        "'=HYPERLINK(\"http://x\";\"y\")"
    );
    assert_eq!(
        person(&people, "2")["Full Name"],
        "<script>alert(1)</script>"
    );
    let xml = w.read("out/graph.graphml");
    assert!(!xml.contains("<script>"));
    assert!(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(xml.contains("Smith; &quot;Jr&quot; &amp; Co"));
    // GEXF is well-formed XML that holds the exact names.
    let gexf = common::xml::parse(&w.read("out/graph.gexf"));
    let labels: Vec<&str> = gexf
        .all("node")
        .iter()
        .map(|n| n.attr("label").unwrap())
        .collect();
    assert!(
        labels.contains(&"<script>alert(1)</script>") && labels.contains(&"Smith; \"Jr\" & Co")
    );
    // JSON keeps them exactly; DOT escapes quotes.
    let d3: serde_json::Value = serde_json::from_str(&w.read("out/graph.json")).unwrap();
    let names: Vec<&str> = d3["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"=HYPERLINK(\"http://x\";\"y\")"));
    let dot = w.read("out/graph.dot");
    assert!(
        dot.contains(r#"label="Smith; \"Jr\" & Co\nEngineer""#),
        "{dot}"
    );
    if std::process::Command::new("dot").arg("-V").output().is_ok() {
        let rendered = std::process::Command::new("dot")
            .args(["-Tsvg", "out/graph.dot"])
            .current_dir(w.path())
            .output()
            .unwrap();
        assert!(rendered.status.success());
        let svg = String::from_utf8(rendered.stdout).unwrap();
        assert!(svg.contains("Smith; &quot;Jr&quot; &amp; Co") && !svg.contains("<script>"));
    } else {
        eprintln!(
            "\n!!! SKIPPED the Graphviz render of graph.dot: `dot` is not installed (apt-get install graphviz)\n"
        );
    }
}

#[test]
fn ids_that_differ_by_case_and_spaces_are_normalised_and_listed() {
    let w = Workdir::new();
    w.write("in/org.csv", "employee_id,manager_id\nE1,\nE2,e1\n");
    w.write(
        "in/survey.csv",
        "respondent_id,nominee_id\n e2 ,E1\nE1,E2\n",
    );
    w.run(&["analyze", "in", "--out", "out"]).expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(person(&people, "E2")["manager_id"], "E1");
    assert_eq!(person(&people, "E1")["in_degree"], "1");
    let quality = read_csv(&w.read("out/data-quality.csv"));
    let rows: Vec<(&str, &str, &str)> = quality
        .iter()
        .map(|q| (q["row"].as_str(), q["column"].as_str(), q["code"].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("3", "manager_id", "id-normalised"),
            ("2", "respondent_id", "id-normalised")
        ]
    );
}

#[test]
fn one_thread_or_two_give_the_same_files() {
    // A low exact limit makes betweenness and closeness sampled, so every parallel part
    // runs: sampled searches, bootstrap, exporters written side by side.
    let w = Workdir::new();
    let dir = root().join("sample-data");
    let args = |out: &'static str| {
        vec![
            "analyze",
            dir.to_str().unwrap(),
            "--out",
            out,
            "--exact-paths-limit",
            "100",
            "--path-samples",
            "40",
        ]
    };
    w.run_with_env(&args("one"), ("RAYON_NUM_THREADS", "1"))
        .expect_code(0);
    w.run_with_env(&args("two"), ("RAYON_NUM_THREADS", "2"))
        .expect_code(0);
    let (one, two) = (files_of(&w, "one"), files_of(&w, "two"));
    assert_eq!(one.len(), 13, "12 results and the manifest");
    for ((name, a), (_, b)) in one.iter().zip(&two) {
        assert!(a == b, "{name} differs between one thread and two");
    }
    let summary: serde_json::Value = serde_json::from_str(&w.read("one/summary.json")).unwrap();
    assert_eq!(summary["betweenness"]["method"], "sampled");
    assert_eq!(summary["betweenness"]["sources"], 40);
}

/// The column names of `people.parquet` in `dir`.
fn parquet_columns(w: &Workdir, dir: &str) -> Vec<String> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let file = std::fs::File::open(w.join(&format!("{dir}/people.parquet"))).unwrap();
    let reader = SerializedFileReader::new(file).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    schema
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect()
}

/// `people.csv`'s header in `dir`, as a CSV reader gives it.
fn csv_headers(w: &Workdir, dir: &str) -> Vec<String> {
    let text = w.read(&format!("{dir}/people.csv"));
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.headers().unwrap().iter().map(str::to_string).collect()
}

/// The node attribute names of `graph.graphml` and `graph.gexf` in `dir`.
fn graph_attribute_names(w: &Workdir, dir: &str) -> (Vec<String>, Vec<String>) {
    let graphml = common::xml::parse(&w.read(&format!("{dir}/graph.graphml")));
    let graphml = graphml
        .all("key")
        .iter()
        .filter(|k| k.attr("for") == Some("node"))
        .filter_map(|k| k.attr("attr.name").map(str::to_string))
        .collect();
    let gexf = common::xml::parse(&w.read(&format!("{dir}/graph.gexf")));
    let gexf = gexf
        .all("attributes")
        .iter()
        .filter(|a| a.attr("class") == Some("node"))
        .flat_map(|a| a.all("attribute"))
        .map(|a| a.attr("title").unwrap().to_string())
        .collect();
    (graphml, gexf)
}

#[track_caller]
fn assert_unique(what: &str, names: &[String]) {
    let mut seen = std::collections::HashSet::new();
    for n in names {
        assert!(seen.insert(n), "{what}: {n:?} twice in {names:?}");
    }
}

#[test]
fn a_header_that_looks_like_a_formula_is_guarded_in_people_csv_and_plain_elsewhere() {
    let w = Workdir::new();
    let link = "=HYPERLINK(\"http://x\";\"y\")";
    w.write(
        "in/org.csv",
        "employee_id,manager_id,\"=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\",@SUM(1),-2\n\
         1,,a,b,c\n2,1,d,e,f\n",
    );
    w.write("in/survey.csv", "respondent_id,nominee_id\n2,1\n");
    w.run(&["analyze", "in", "--out", "out"]).expect_code(0);
    let headers = csv_headers(&w, "out");
    assert!(headers.contains(&format!("'{link}")), "{headers:?}");
    assert!(headers.contains(&"'@SUM(1)".to_string()), "{headers:?}");
    // A header that reads as a number stays as it is, like a cell.
    assert!(headers.contains(&"-2".to_string()), "{headers:?}");
    assert!(!headers.iter().any(|h| h.starts_with(['=', '@'])));
    // Elsewhere the header is plain text, escaped for its format.
    let parquet = parquet_columns(&w, "out");
    assert!(parquet.iter().any(|c| c == link), "{parquet:?}");
    let (graphml, gexf) = graph_attribute_names(&w, "out");
    assert!(graphml.iter().any(|c| c == link), "{graphml:?}");
    assert!(gexf.iter().any(|c| c == link), "{gexf:?}");
    let d3: serde_json::Value = serde_json::from_str(&w.read("out/graph.json")).unwrap();
    assert_eq!(d3["nodes"][0][link], "a");
    assert_eq!(d3["nodes"][0]["@SUM(1)"], "b");
}

#[test]
fn colliding_column_names_are_made_unique_in_every_file() {
    let w = Workdir::new();
    // Org-chart columns named like orgsphere's own (`pagerank`), like its renaming of them
    // (`org_pagerank`), like a per-question metric (`advice_in_degree`) and like the keys
    // the graph files add (`label`, `id`).
    let org = "employee_id,manager_id,department,pagerank,org_pagerank,advice_in_degree,label,id,pagerank\n\
               1,,Board,high,x1,lots,L1,I1,again1\n\
               2,1,Sales,low,x2,few,L2,I2,again2\n\
               3,1,Sales,low,x3,none,L3,I3,again3\n";
    let survey = "respondent_id,nominee_id\n2,1\n3,1\n1,2\n";
    for dir in ["in1", "in2"] {
        w.write(&format!("{dir}/org.csv"), org);
        w.write(&format!("{dir}/survey-advice.csv"), survey);
    }
    w.run(&["analyze", "in1", "--out", "out1"]).expect_code(0);
    let headers = csv_headers(&w, "out1");
    assert_unique("people.csv", &headers);
    // orgsphere's columns keep their names; the org chart's get `org_`, then a number.
    let people = read_csv(&w.read("out1/people.csv"));
    let one = person(&people, "1");
    for (column, value) in [
        ("org_pagerank", "x1"),
        ("org_pagerank_2", "high"),
        ("org_pagerank_3", "again1"),
        ("org_advice_in_degree", "lots"),
        ("org_label", "L1"),
        ("org_id", "I1"),
    ] {
        assert_eq!(one[column], value, "{column} in {headers:?}");
    }
    assert!(one["pagerank"].parse::<f64>().is_ok());
    assert!(one["advice_in_degree"].parse::<u32>().is_ok());
    assert_eq!(parquet_columns(&w, "out1"), headers);
    let (graphml, gexf) = graph_attribute_names(&w, "out1");
    assert_unique("graph.graphml", &graphml);
    assert_unique("graph.gexf", &gexf);
    for file in ["graph.cyjs", "graph.json", "summary.json", "findings.json"] {
        common::json_keys_unique(&w.read(&format!("out1/{file}")))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    // compare reads orgsphere's own output back, from result folders and input folders.
    w.run(&["analyze", "in2", "--out", "out2", "-q"])
        .expect_code(0);
    w.run(&["compare", "out1", "out2", "--out", "c"])
        .expect_code(0);
    w.run(&["compare", "in1", "in2", "--out", "d"])
        .expect_code(0);
    let changes = read_csv(&w.read("c/changes.csv"));
    assert_eq!(person(&changes, "1")["old_advice_in_degree"], "2");
}

#[test]
fn a_name_many_people_share_is_listed_once_not_on_every_row() {
    // 1,000 people called Jane Doe, each named by name: every answer is ambiguous. The
    // candidates were once listed in full on every row (1,000 × 1,000 ids).
    let w = Workdir::new();
    let n = 1000;
    let mut org = String::from("employee_id,manager_id,name\n0,,Boss\n");
    let mut survey = String::from("respondent_id,nominee_id\n");
    for i in 1..=n {
        let manager = if i % 2 == 0 { "Jane Doe" } else { "0" };
        org.push_str(&format!("{i},{manager},Jane Doe\n"));
        survey.push_str(&format!("{i},Jane Doe\n"));
    }
    w.write("in/org.csv", &org);
    w.write("in/survey.csv", &survey);
    w.run(&["analyze", "in", "--out", "out"]).expect_code(0);
    let text = w.read("out/data-quality.csv");
    let quality = read_csv(&text);
    let ambiguous: Vec<_> = quality
        .iter()
        .filter(|q| q["code"] == "ambiguous-name")
        .collect();
    // Every dropped answer and every manager cell is still listed, row by row.
    assert_eq!(ambiguous.len(), n + n / 2);
    for q in &ambiguous {
        assert!(q["message"].len() < 600, "{}", q["message"]);
        assert!(q["message"].contains("1000 people"), "{}", q["message"]);
    }
    // The first row of each file lists some of them, by id and row; the rest point there.
    let first = |file: &str| {
        ambiguous
            .iter()
            .find(|q| q["file"].ends_with(file))
            .unwrap()
    };
    assert!(first("org.csv")["message"].contains("1 (row 3), 2 (row 4)"));
    assert!(first("survey.csv")["message"].contains("1 (row 3), 2 (row 4)"));
    assert!(ambiguous.last().unwrap()["message"].contains("row 2"));
    assert!(text.len() < 400 * (n + n / 2), "{} bytes", text.len());
}

#[test]
fn disconnected_departments_are_counted_and_the_largest_named() {
    // 600 departments of one person each (as when every manager has a "Supervisory
    // Organization"), each tied only to the next: 179,101 pairs never name each other.
    // They were once all listed in one cell.
    let w = Workdir::new();
    let n = 600;
    let mut org = String::from("employee_id,manager_id,department\n");
    let mut survey = String::from("respondent_id,nominee_id\n");
    for i in 1..=n {
        let manager = if i == 1 { String::new() } else { "1".into() };
        org.push_str(&format!("{i},{manager},Dept {i}\n"));
        if i < n {
            survey.push_str(&format!("{i},{}\n", i + 1));
        }
    }
    // Department 7 is the largest: ten more people, tied to nobody.
    for i in 1..=10 {
        org.push_str(&format!("x{i},1,Dept 7\n"));
    }
    w.write("in/org.csv", &org);
    w.write("in/survey.csv", &survey);
    w.run(&["analyze", "in", "--out", "out", "--min-group-size", "1"])
        .expect_code(0);
    let csv_text = w.read("out/findings.csv");
    assert!(
        csv_text.len() < 20_000,
        "findings.csv: {} bytes",
        csv_text.len()
    );
    let json_text = w.read("out/findings.json");
    assert!(
        json_text.len() < 40_000,
        "findings.json: {} bytes",
        json_text.len()
    );
    let findings = read_csv(&csv_text);
    let apart = findings
        .iter()
        .find(|f| f["kind"] == "disconnected-departments")
        .unwrap();
    let pairs = n * (n - 1) / 2;
    let summary = &apart["summary"];
    assert!(
        summary.starts_with(&format!("{} of {pairs} pairs", pairs - (n - 1))),
        "{summary}"
    );
    // The largest department comes first in the largest pairs named.
    assert!(summary.contains(": Dept 7 – "), "{summary}");
    assert!(summary.len() < 2_000, "{summary}");
    assert!(w.read("out/report.html").len() < 2_000_000);
}
