//! Perceptions (cognitive social structures): Krackhardt's 21 managers against the Python
//! reference (`tests/data/css_reference.py`), the input forms and their warnings, and the
//! sample company's planted blind spot.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use common::{Workdir, person, read_csv, root};
use orgsphere::options::InputFiles;
use orgsphere::{Analysis, Options};

fn krackhardt() -> Analysis {
    let dir = root().join("sample-data/krackhardt");
    let options = Options::new(
        InputFiles {
            org: dir.join("org.csv"),
            surveys: vec![dir.join("survey.csv")],
            perceptions: vec![root().join("tests/data/published/krackhardt_css/css.csv")],
        },
        PathBuf::new(),
    );
    let dataset = orgsphere::check(&options).unwrap();
    orgsphere::analyze_dataset(dataset, &options)
}

fn reference(name: &str) -> Vec<HashMap<String, String>> {
    read_csv(&std::fs::read_to_string(root().join("tests/data").join(name)).unwrap())
}

fn question(a: &Analysis, name: &str) -> Option<u16> {
    Some(a.dataset.questions.iter().position(|q| q == name).unwrap() as u16)
}

#[test]
fn krackhardt_structures_equal_the_published_ones() {
    let a = krackhardt();
    let p = a.perception.as_ref().unwrap();
    for r in reference("css_reference_structures.csv") {
        let s = p
            .measured
            .structures
            .iter()
            .find(|s| s.target == question(&a, &r["relation"]))
            .unwrap();
        assert_eq!(s.perceivers, 21);
        let ours = [
            s.row_las,
            s.column_las,
            s.las_intersection,
            s.las_union,
            s.consensus,
        ]
        .map(|v| v.to_string());
        let theirs = [
            "row_las",
            "column_las",
            "las_intersection",
            "las_union",
            "consensus",
        ]
        .map(|k| r[k].clone());
        assert_eq!(ours, theirs, "{}", r["relation"]);
    }
    // The published values (reference.md of the data set): advice 129 / 276 / 95,
    // friendship 51 / 150 / 11.
    let advice = &p.measured.structures[0];
    assert_eq!(
        (advice.las_intersection, advice.las_union, advice.consensus),
        (129, 276, 95)
    );
}

#[test]
fn krackhardt_accuracy_matches_the_python_reference() {
    let a = krackhardt();
    let p = a.perception.as_ref().unwrap();
    let mut checked = 0;
    for r in reference("css_reference_perceivers.csv") {
        if r["against"] != "row" {
            continue;
        }
        let target = question(&a, &r["relation"]);
        let k = a
            .dataset
            .people
            .ids
            .iter()
            .position(|id| *id == r["perceiver"])
            .unwrap() as u32;
        let acc = p
            .measured
            .accuracy
            .iter()
            .find(|x| x.view.target == target && x.view.perceiver == k)
            .unwrap();
        let c = acc.confusion;
        assert_eq!(
            [c.hits, c.misses, c.false_alarms, c.correct_rejections].map(|v| v.to_string()),
            ["hits", "misses", "false_alarms", "correct_rejections"].map(|k| r[k].clone()),
            "{} perceiver {}",
            r["relation"],
            r["perceiver"]
        );
        let close = |ours: Option<f64>, key: &str| {
            let theirs: f64 = r[key].parse().unwrap();
            assert!(
                (ours.unwrap() - theirs).abs() < 1e-9,
                "{key} of {}: {ours:?} vs {theirs}",
                r["perceiver"]
            );
        };
        close(c.hit_rate(), "hit_rate");
        close(c.false_alarm_rate(), "false_alarm_rate");
        close(c.kappa(), "kappa");
        if r["relation"] == "advice" {
            // Advice is the one influence question: the pooled accuracy is its kappa.
            close(p.accuracy[k as usize], "kappa");
        }
        checked += 1;
    }
    assert_eq!(checked, 42);
    for r in reference("css_reference_people.csv") {
        if r["relation"] != "advice" {
            continue;
        }
        let x = a
            .dataset
            .people
            .ids
            .iter()
            .position(|id| *id == r["person"])
            .unwrap();
        assert_eq!(
            p.measured.perceived_in_degree[x].to_string(),
            r["perceived_in_degree"],
            "perceived in-degree of {}",
            r["person"]
        );
        assert_eq!(a.metrics.combined.in_degree[x].to_string(), r["in_degree"]);
    }
}

#[test]
fn krackhardt_accuracy_against_power_matches_the_reference() {
    let a = krackhardt();
    let p = a.perception.as_ref().unwrap();
    assert_eq!(p.power.len(), 3);
    for r in reference("css_reference_power.csv") {
        if r["relation"] != "advice" {
            continue;
        }
        let t = p.power.iter().find(|t| t.power == r["power"]).unwrap();
        assert_eq!(t.perceivers, 21);
        let theirs: f64 = r["spearman"].parse().unwrap();
        // The level is orgsphere's depth (CEO 0) against the data set's level column (CEO
        // 1): the same order, so the same ranks.
        assert!(
            (t.spearman.unwrap() - theirs).abs() < 1e-9,
            "{}: {:?} vs {theirs}",
            r["power"],
            t.spearman
        );
        // Two permutation tests with different generators: close, not equal.
        let pr: f64 = r["permutation_p"].parse().unwrap();
        assert!(
            (t.p_value.unwrap() - pr).abs() < 0.015,
            "{}: p {:?} vs {pr}",
            r["power"],
            t.p_value
        );
    }
    assert!(a.findings.iter().any(|f| f.kind == "perception-and-power"));
}

fn sample(w: &Workdir, extra: &[&str]) -> Vec<HashMap<String, String>> {
    let dir = root().join("sample-data");
    let mut args = vec!["analyze", dir.to_str().unwrap(), "--out", "out"];
    args.extend_from_slice(extra);
    let run = w.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    read_csv(&w.read("out/people.csv"))
}

#[test]
fn the_sample_company_s_planted_blind_spot_is_found_end_to_end() {
    let w = Workdir::new();
    let file = root().join("sample-data/perceptions/perceptions-advice.csv");
    let people = sample(&w, &["--perceptions", file.to_str().unwrap()]);
    // Cormac O'Connor (E0084) does not name Adaeze Okafor (E0086), whom all six of his
    // other responding reports go to.
    let findings = read_csv(&w.read("out/findings.csv"));
    let blind: Vec<_> = findings
        .iter()
        .filter(|f| f["kind"] == "blind-spot")
        .collect();
    assert_eq!(blind.len(), 1, "{blind:?}");
    assert_eq!(blind[0]["people"], "E0084;E0086");
    assert_eq!(blind[0]["severity"], "high");
    assert!(
        blind[0]["evidence"].contains("team_going=6"),
        "{}",
        blind[0]["evidence"]
    );
    assert!(!findings.iter().any(|f| f["kind"] == "unseen-leader"));
    assert_eq!(person(&people, "E0084")["sees_team_leaders"], "false");
    // The managers of the other informal leaders see them.
    for m in ["E0199", "E0006", "E0059"] {
        assert_eq!(person(&people, m)["sees_team_leaders"], "true", "{m}");
    }
    // A manager without an informal leader in the team: does not apply.
    assert_eq!(person(&people, "E0075")["sees_team_leaders"], "");
    let accuracy: f64 = person(&people, "E0084")["perception_accuracy"]
        .parse()
        .unwrap();
    assert!((-1.0..=1.0).contains(&accuracy));
    // The most sought-after person is seen sought by several perceivers.
    let e0086: u32 = person(&people, "E0086")["perceived_in_degree"]
        .parse()
        .unwrap();
    assert!(e0086 >= 5, "{e0086}");
    let summary: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    let p = &summary["perceptions"];
    assert_eq!(p["blind_spots"], 1);
    assert_eq!(p["files"][0]["form"], "team");
    assert_eq!(p["dropped"], 0);
    assert_eq!(p["perceivers"], 100);
    assert_eq!(p["accuracy_and_power"].as_array().unwrap().len(), 3);
    let report = w.read("out/report.html");
    assert!(report.contains("Who sees the informal network"));
    assert!(report.contains("aria-label=\"perception accuracy against formal reach"));
    assert!(!report.contains("<script"));
}

#[test]
fn without_perceptions_nothing_is_added_and_a_folder_picks_them_up() {
    let w = Workdir::new();
    let people = sample(&w, &["--formats", "report"]);
    assert!(!people[0].contains_key("perception_accuracy"));
    assert!(!w.read("out/summary.json").contains("\"perceptions\""));
    assert!(
        !w.read("out/report.html")
            .contains("Who sees the informal network")
    );
    // DIR/perceptions*.csv is read like DIR/survey*.csv.
    for f in ["org.csv", "survey-advice.csv", "survey-trust.csv"] {
        w.write(
            &format!("in/{f}"),
            std::fs::read(root().join("sample-data").join(f)).unwrap(),
        );
    }
    w.write(
        "in/perceptions-advice.csv",
        std::fs::read(root().join("sample-data/perceptions/perceptions-advice.csv")).unwrap(),
    );
    let run = w.run(&["analyze", "in", "--out", "out2", "--formats", "none"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let people = read_csv(&w.read("out2/people.csv"));
    assert_eq!(person(&people, "E0084")["sees_team_leaders"], "false");
}

#[test]
fn validate_lists_perception_problems_with_file_row_and_column() {
    let w = Workdir::new();
    let dir = root().join("sample-data");
    let bad = w.write(
        "perceptions.csv",
        "perceiver_id,sender_id,receiver_id,question\n\
         E0084,E0085,E0086,advice\n\
         E9999,E0085,E0086,advice\n\
         E0084,E0085,Nobody Atall,advice\n\
         E0084,E0085,E0085,advice\n\
         E0084,E0085,E0086,lunch\n",
    );
    let run = w.run(&[
        "validate",
        dir.to_str().unwrap(),
        "--perceptions",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    for code in [
        "unknown-perceiver",
        "unknown-perceived",
        "self-tie-perceived",
        "perception-question-unknown",
    ] {
        assert!(all.contains(code), "{code} missing:\n{all}");
    }
    assert!(all.contains("perceptions.csv:3"), "{all}");
    assert!(all.contains("perceptions (ties form"), "{all}");
    assert!(all.contains("perception rows dropped: 4"), "{all}");
    // --strict makes them errors.
    let run = w.run(&[
        "validate",
        dir.to_str().unwrap(),
        "--perceptions",
        bad.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    // A file that is no perception file: an error naming the headers.
    let wrong = w.write("p2.csv", "name,colour\nAnn,blue\n");
    let run = w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--perceptions",
        wrong.to_str().unwrap(),
        "--out",
        "out",
    ]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("no-perception-column")
            || run.stderr.contains("no perceiver_id column"),
        "{}",
        run.stderr
    );
}

/// Every object key in `value` is described by the schema node `node` (its `properties`).
fn described(
    node: &serde_json::Value,
    value: &serde_json::Value,
    path: &str,
    out: &mut Vec<String>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match node.get("properties").and_then(|p| p.get(key)) {
                    Some(sub) => described(sub, v, &format!("{path}/{key}"), out),
                    None => out.push(format!("{path}/{key}")),
                }
            }
        }
        serde_json::Value::Array(items) => {
            if let Some(sub) = node.get("items") {
                for v in items {
                    described(sub, v, &format!("{path}/*"), out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn the_perceptions_section_validates_against_the_schema() {
    let text = std::fs::read_to_string(root().join("schema/summary.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let w = Workdir::new();
    let dir = root().join("sample-data/krackhardt");
    let css = root().join("tests/data/published/krackhardt_css/css.csv");
    let run = w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--perceptions",
        css.to_str().unwrap(),
        "--out",
        "r",
        "--formats",
        "none",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(&w.read("r/summary.json")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&summary)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    let mut missing = Vec::new();
    described(
        &schema["properties"]["perceptions"],
        &summary["perceptions"],
        "/perceptions",
        &mut missing,
    );
    assert!(missing.is_empty(), "undescribed: {missing:?}");
    assert_eq!(
        summary["perceptions"]["questions"][0]["structures"]["las_union"],
        276
    );
}

#[test]
fn pseudonymised_runs_name_nobody_in_the_perception_outputs() {
    let w = Workdir::new();
    let file = root().join("sample-data/perceptions/perceptions-advice.csv");
    let people = sample(
        &w,
        &[
            "--perceptions",
            file.to_str().unwrap(),
            "--pseudonymize",
            "--key",
            "0123456789abcdef0123",
        ],
    );
    assert!(people.iter().all(|p| !p["employee_id"].starts_with("E0")));
    assert!(people.iter().any(|p| p["sees_team_leaders"] == "false"));
    let summary = w.read("out/summary.json");
    let report = w.read("out/report.html");
    let findings = w.read("out/findings.csv");
    for text in [&summary, &report, &findings] {
        assert!(!text.contains("E0084") && !text.contains("E0086"));
        assert!(!text.contains("Cormac") && !text.contains("Okafor"));
    }
    assert!(findings.contains("blind-spot,high"));
    assert!(report.contains("Who sees the informal network"));
}

#[test]
fn compare_sets_the_perception_columns_side_by_side_when_both_runs_have_them() {
    let w = Workdir::new();
    let file = root().join("sample-data/perceptions/perceptions-advice.csv");
    let first = sample(&w, &["--perceptions", file.to_str().unwrap()]);
    std::fs::rename(w.path().join("out"), w.path().join("wave1")).unwrap();
    // The second wave: Cormac O'Connor (E0084) now names Adaeze Okafor (E0086).
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("cormac.oconnor@harbourline.example,Adaeze Okafor,advice\n");
    w.write("wave2.csv", text);
    let second = sample(
        &w,
        &[
            "--perceptions",
            w.path().join("wave2.csv").to_str().unwrap(),
        ],
    );
    std::fs::rename(w.path().join("out"), w.path().join("wave2")).unwrap();
    w.run(&["compare", "wave1", "wave2", "--out", "changes"])
        .expect_code(0);
    let changes = read_csv(&w.read("changes/changes.csv"));
    let num = |rows: &[HashMap<String, String>], id: &str, col: &str| -> f64 {
        person(rows, id)[col].parse().unwrap()
    };
    let cormac = person(&changes, "E0084");
    assert_eq!(
        num(&changes, "E0084", "old_perception_accuracy"),
        num(&first, "E0084", "perception_accuracy")
    );
    assert_eq!(
        num(&changes, "E0084", "new_perception_accuracy"),
        num(&second, "E0084", "perception_accuracy")
    );
    let change = num(&changes, "E0084", "perception_accuracy_change");
    assert!(change > 0.0, "{cormac:?}");
    let expected =
        num(&second, "E0084", "perception_accuracy") - num(&first, "E0084", "perception_accuracy");
    assert!((change - expected).abs() < 1e-6, "{change} {expected}");
    let adaeze = person(&changes, "E0086");
    assert_eq!(
        num(&changes, "E0086", "new_perceived_in_degree"),
        num(&changes, "E0086", "old_perceived_in_degree") + 1.0,
        "{adaeze:?}"
    );
    assert_eq!(adaeze["perceived_in_degree_change"], "1");
    // Someone whose view did not change: no change.
    assert_eq!(person(&changes, "E0199")["perceived_in_degree_change"], "0");
    // The summary's perception figures are compared like every other figure.
    let c: serde_json::Value = serde_json::from_str(&w.read("changes/compare.json")).unwrap();
    // (In the team form one nominee row is a tie from each of the perceiver's reports.)
    let ties = &c["figures"]["perceptions.perceived_ties"];
    assert!(ties["change"].as_f64().unwrap() >= 1.0, "{ties}");
    assert_eq!(
        ties["change"].as_f64().unwrap(),
        ties["new"].as_f64().unwrap() - ties["old"].as_f64().unwrap()
    );

    // Against a run without perceptions: no perception columns, and a warning says why.
    sample(&w, &[]);
    let run = w.run(&["compare", "wave1", "out", "--out", "changes2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let changes = read_csv(&w.read("changes2/changes.csv"));
    assert!(!changes[0].contains_key("old_perception_accuracy"));
    let c: serde_json::Value = serde_json::from_str(&w.read("changes2/compare.json")).unwrap();
    assert!(
        c["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m.as_str().unwrap().contains("perceptions are not compared")),
        "{}",
        c["warnings"]
    );
}

#[test]
fn someone_believed_far_more_sought_than_they_are_is_over_rated() {
    // On Krackhardt's own data, nobody is believed sought by twice as many as go to them.
    assert!(!krackhardt().findings.iter().any(|f| f.kind == "over-rated"));
    // Planted: every manager believes that managers 1 to 12 all go to manager 13, whom
    // four colleagues name.
    let w = Workdir::new();
    let mut css =
        std::fs::read_to_string(root().join("tests/data/published/krackhardt_css/css.csv"))
            .unwrap();
    for k in 1..=21 {
        for s in (1..=12).filter(|&s| s != k) {
            css.push_str(&format!("{k},{s},13,advice\n"));
        }
    }
    w.write("css.csv", css);
    let dir = root().join("sample-data/krackhardt");
    let analyze = |out: &str, extra: &[&str]| {
        let css = w.path().join("css.csv");
        let mut args = vec![
            "analyze",
            dir.to_str().unwrap(),
            "--perceptions",
            css.to_str().unwrap(),
            "--out",
            out,
            "--formats",
            "none",
        ];
        args.extend_from_slice(extra);
        let run = w.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        read_csv(&w.read(&format!("{out}/findings.csv")))
    };
    let findings = analyze("out", &[]);
    let over: Vec<_> = findings
        .iter()
        .filter(|f| f["kind"] == "over-rated")
        .collect();
    assert_eq!(over.len(), 1, "{over:?}");
    assert_eq!(over[0]["people"], "13");
    assert_eq!(over[0]["severity"], "low");
    assert!(
        over[0]["evidence"].contains("perceived_in_degree=20")
            && over[0]["evidence"].contains("in_degree=4"),
        "{}",
        over[0]["evidence"]
    );
    let summary: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(summary["perceptions"]["over_rated"], 1);
    // Fewer perceivers see them sought (20) than the minimum group size: not described.
    let findings = analyze("out2", &["--min-group-size", "21"]);
    assert!(!findings.iter().any(|f| f["kind"] == "over-rated"));
}
