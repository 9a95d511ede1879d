//! `orgsphere compare`: two survey waves of the sample company, joiners and leavers, and
//! every way the two folders can be wrong.

mod common;

use common::{Workdir, person, read_csv, root};
use serde_json::Value;

/// Two waves of the sample company: in the second, nobody names E0031 for advice.
fn two_waves(w: &Workdir) {
    let sample = root().join("sample-data");
    for f in ["org.csv", "survey-advice.csv", "survey-trust.csv"] {
        w.write(
            &format!("wave1/{f}"),
            std::fs::read(sample.join(f)).unwrap(),
        );
        w.write(
            &format!("wave2/{f}"),
            std::fs::read(sample.join(f)).unwrap(),
        );
    }
    let advice = std::fs::read_to_string(sample.join("survey-advice.csv")).unwrap();
    let kept: Vec<&str> = advice
        .lines()
        .filter(|l| l.split(',').nth(1).map(|n| n.trim().to_uppercase()) != Some("E0031".into()))
        .collect();
    assert!(
        advice.lines().count() - kept.len() >= 30,
        "E0031 had 30 advice nominations"
    );
    w.write("wave2/survey-advice.csv", kept.join("\n") + "\n");
    w.run(&["analyze", "wave1", "--out", "out1", "-q"])
        .expect_code(0);
    w.run(&["analyze", "wave2", "--out", "out2", "-q"])
        .expect_code(0);
}

fn json(w: &Workdir, file: &str) -> Value {
    serde_json::from_str(&w.read(file)).unwrap()
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["employee_id"].as_str().unwrap())
        .collect()
}

/// Runs `args`; expects exit `code` and every needle on stderr.
#[track_caller]
fn fails(w: &Workdir, args: &[&str], code: i32, needles: &[&str]) {
    w.run(args).expect_code(code).expect_stderr(needles);
}

#[test]
fn a_person_who_lost_every_advice_nomination_is_named() {
    let w = Workdir::new();
    two_waves(&w);
    w.run(&["compare", "out1", "out2", "--out", "changes"])
        .expect_code(0)
        .expect_stderr(&["1 stopped"]);
    let c = json(&w, "changes/compare.json");
    assert_eq!(ids(&c["stopped_being_informal_leaders"]), ["E0031"]);
    assert_eq!(ids(&c["became_informal_leaders"]), Vec::<&str>::new());
    let lost = &c["lost_all_nominations"][0];
    assert_eq!(lost["employee_id"], "E0031");
    assert_eq!(lost["question"], "advice");
    assert_eq!(lost["old_in_degree"], 30);
    assert_eq!(ids(&c["rank_movers"]["down"])[0], "E0031");
    let leaver = &c["role_changes"][0];
    assert_eq!(leaver["old_role"], "informal-leader");
    assert_eq!(leaver["new_role"], "contributor");
    assert!(
        leaver["old_reason"]
            .as_str()
            .unwrap()
            .contains("nominated by 31 people")
    );
    assert!(
        leaver["new_reason"]
            .as_str()
            .unwrap()
            .contains("nominated by 1 person")
    );
    // The summary figures moved with it.
    assert_eq!(c["figures"]["roles.informal-leader"]["old"], 4);
    assert_eq!(c["figures"]["roles.informal-leader"]["change"], -1);
    assert_eq!(c["figures"]["counts.nominations"]["change"], -30);
    assert!(c["figures"]["alignment.ties_up_the_chain"]["new"].is_number());
    assert_eq!(c["figures"]["response_rate"]["change"], 0);

    let changes = read_csv(&w.read("changes/changes.csv"));
    assert_eq!(changes.len(), 306);
    let e = person(&changes, "E0031");
    assert_eq!(e["status"], "stayed");
    assert_eq!(e["role_change"], "informal-leader -> contributor");
    assert_eq!(
        (
            e["old_advice_in_degree"].as_str(),
            e["new_advice_in_degree"].as_str()
        ),
        ("30", "0")
    );
    assert_eq!(e["old_rank"], "2");
    assert!(e["rank_change"].parse::<i64>().unwrap() < -100);
    assert_eq!(person(&changes, "E0086")["role_change"], "");

    let html = w.read("changes/compare.html");
    assert!(html.contains("No longer informal leaders") && html.contains("<td>E0031</td>"));
}

#[test]
fn the_same_waves_give_the_same_bytes() {
    let w = Workdir::new();
    two_waves(&w);
    w.run(&["compare", "out1", "out2", "--out", "a"])
        .expect_code(0);
    w.run(&["compare", "out1", "out2", "--out", "b"])
        .expect_code(0);
    for f in ["changes.csv", "compare.json"] {
        assert_eq!(w.read(&format!("a/{f}")), w.read(&format!("b/{f}")));
    }
    // A folder compare wrote is replaced on the next run.
    w.run(&["compare", "out1", "out2", "--out", "a"])
        .expect_code(0);
}

/// A small organisation: 1 manages 2–6; `extra` adds people and nominations.
fn small(w: &Workdir, dir: &str, people: &[&str], nominations: &str) {
    let mut org = String::from("employee_id,manager_id\n1,\n");
    for p in people {
        org.push_str(&format!("{p},1\n"));
    }
    w.write(&format!("{dir}/org.csv"), org);
    w.write(
        &format!("{dir}/survey.csv"),
        format!("respondent_id,nominee_id\n{nominations}"),
    );
    w.run(&["analyze", dir, "--out", &format!("{dir}-out"), "-q"])
        .expect_code(0);
}

#[test]
fn joiners_and_leavers() {
    let w = Workdir::new();
    small(&w, "a", &["2", "3", "4", "5"], "2,3\n3,2\n4,3\n5,3\n");
    small(&w, "b", &["2", "3", "4", "6"], "2,3\n3,2\n4,3\n6,3\n");
    w.run(&["compare", "a-out", "b-out", "--out", "c"])
        .expect_code(0);
    let c = json(&w, "c/compare.json");
    assert_eq!(c["people"]["joined"], 1);
    assert_eq!(c["people"]["left"], 1);
    assert_eq!(c["people"]["stayed"], 4);
    let changes = read_csv(&w.read("c/changes.csv"));
    let ids: Vec<&str> = changes.iter().map(|p| p["employee_id"].as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(person(&changes, "5")["status"], "left");
    assert_eq!(person(&changes, "5")["new_role"], "");
    assert_eq!(person(&changes, "6")["status"], "joined");
    assert_eq!(person(&changes, "6")["old_rank"], "");
    assert_eq!(person(&changes, "3")["rank_change"], "0");
}

#[test]
fn ids_and_reasons_are_escaped_in_html_and_csv() {
    let w = Workdir::new();
    small(&w, "a", &["<b>x</b>", "=cmd", "4"], "=cmd,4\n4,=cmd\n");
    small(
        &w,
        "b",
        &["<b>x</b>", "=cmd", "5"],
        "=cmd,<b>x</b>\n5,<b>x</b>\n",
    );
    w.run(&["compare", "a-out", "b-out", "--out", "c"])
        .expect_code(0);
    let html = w.read("c/compare.html");
    assert!(html.contains("<td>&lt;b&gt;x&lt;/b&gt;</td>"), "{html}");
    assert!(!html.contains("<b>x</b>"), "raw markup in compare.html");
    assert!(!w.read("c/changes.csv").lines().any(|l| l.starts_with('=')));
}

#[test]
fn a_missing_folder_or_file_exits_66() {
    let w = Workdir::new();
    small(&w, "a", &["2", "3"], "2,3\n3,2\n");
    fails(
        &w,
        &["compare", "a-out", "nope", "--out", "c"],
        66,
        &["nope"],
    );
    w.write("empty/notes.txt", "not results");
    fails(
        &w,
        &["compare", "a-out", "empty", "--out", "c"],
        66,
        &["summary.json", "orgsphere analyze --out", "org.csv"],
    );
    w.write("half/summary.json", w.read("a-out/summary.json"));
    let half = ["compare", "a-out", "half", "--out", "c"];
    fails(&w, &half, 66, &["half/people.csv"]);
    assert!(!w.join("c").exists());
}

#[test]
fn people_csv_without_the_needed_columns_exits_65() {
    let w = Workdir::new();
    small(&w, "a", &["2", "3"], "2,3\n3,2\n");
    w.write("b/summary.json", w.read("a-out/summary.json"));
    w.write("b/people.csv", "employee_id,in_degree\n1,0\n");
    let compare = ["compare", "a-out", "b", "--out", "c"];
    fails(
        &w,
        &compare,
        65,
        &["b/people.csv:1", "role, reason, pagerank"],
    );
    w.write("b/summary.json", "{ not json");
    fails(&w, &compare, 65, &["b/summary.json"]);
    assert!(!w.join("c").exists());
}

#[test]
fn a_pseudonymised_run_is_not_matched_against_a_plain_one() {
    let w = Workdir::new();
    small(&w, "a", &["2", "3"], "2,3\n3,2\n");
    w.write("p/people.csv", w.read("a-out/people.csv"));
    let summary = w
        .read("a-out/summary.json")
        .replace("\"pseudonymized\": false", "\"pseudonymized\": true");
    w.write("p/summary.json", summary);
    fails(
        &w,
        &["compare", "a-out", "p", "--out", "c"],
        65,
        &["p was pseudonymised and a-out was not"],
    );
    // Two pseudonymised runs with the same pseudonyms compare.
    w.run(&["compare", "p", "p", "--out", "c"]).expect_code(0);
}

#[test]
fn output_problems() {
    let w = Workdir::new();
    small(&w, "a", &["2", "3"], "2,3\n3,2\n");
    w.write("blocker", "a file");
    let blocked = ["compare", "a-out", "a-out", "--out", "blocker/c"];
    fails(&w, &blocked, 73, &["blocker/c"]);
    fails(
        &w,
        &["compare", "a-out", "a-out", "--out", "a-out"],
        64,
        &["--out a-out is the input a-out"],
    );
    assert!(w.join("a-out/people.csv").is_file());
}

/// compare.json without what names the two folders and where they came from.
fn without_sources(mut c: Value) -> Value {
    let o = c.as_object_mut().unwrap();
    for key in ["old", "new", "warnings"] {
        o.remove(key);
    }
    c
}

#[test]
fn input_folders_are_analysed_and_compare_as_their_results_do() {
    let w = Workdir::new();
    two_waves(&w);
    let epoch = ("SOURCE_DATE_EPOCH", "1795824000");
    w.run_with_env(&["compare", "out1", "out2", "--out", "from-results"], epoch)
        .expect_code(0);
    w.run_with_env(
        &["compare", "wave1", "wave2", "--out", "from-inputs"],
        epoch,
    )
    .expect_code(0)
    // The sample company's inputs carry six data warnings on purpose; each wave says so.
    .expect_stderr(&[
        "1 stopped",
        "wave1 was analysed from its inputs with 6 data warnings",
        "wave2 was analysed from its inputs with 6 data warnings",
    ]);
    assert_eq!(
        w.read("from-inputs/changes.csv"),
        w.read("from-results/changes.csv")
    );
    let (inputs, results) = (
        json(&w, "from-inputs/compare.json"),
        json(&w, "from-results/compare.json"),
    );
    assert_eq!(inputs["old"]["folder"], "wave1");
    assert_eq!(inputs["old"]["analysed_from_inputs"], true);
    assert_eq!(results["old"]["analysed_from_inputs"], false);
    assert_eq!(inputs["warnings"].as_array().unwrap().len(), 2);
    assert_eq!(without_sources(inputs), without_sources(results));
    assert!(
        w.read("from-inputs/compare.html")
            .contains("(inputs, analysed ")
    );
    // One side of each kind.
    w.run(&["compare", "out1", "wave2", "--out", "mixed"])
        .expect_code(0);
    assert_eq!(
        w.read("mixed/changes.csv"),
        w.read("from-results/changes.csv")
    );
    // Nothing but the comparison is written.
    let mut entries = w.entries();
    entries.sort();
    assert_eq!(
        entries,
        [
            "from-inputs",
            "from-results",
            "mixed",
            "out1",
            "out2",
            "wave1",
            "wave2"
        ]
    );
}

#[test]
fn input_folders_are_analysed_with_the_options_given() {
    let w = Workdir::new();
    two_waves(&w);
    let opts = ["--top-share", "0.05", "--bootstrap", "20", "--seed", "4"];
    for (wave, out) in [("wave1", "top1"), ("wave2", "top2")] {
        let mut args = vec!["analyze", wave, "--out", out, "-q"];
        args.extend(opts);
        w.run(&args).expect_code(0);
    }
    w.run(&["compare", "top1", "top2", "--out", "from-results"])
        .expect_code(0);
    let mut args = vec!["compare", "wave1", "wave2", "--out", "from-inputs"];
    args.extend(opts);
    w.run(&args).expect_code(0);
    assert_eq!(
        w.read("from-inputs/changes.csv"),
        w.read("from-results/changes.csv")
    );
    // Without the options the analysis differs: the comparison says the settings changed.
    w.run(&["compare", "top1", "wave2", "--out", "c"])
        .expect_code(0)
        .expect_stderr(&["the runs used different settings"]);
}

#[test]
fn pseudonymised_input_folders_match_results_pseudonymised_with_the_same_key() {
    let w = Workdir::new();
    two_waves(&w);
    let key = ("ORGSPHERE_KEY", "wave-key-for-the-tests");
    w.run_with_env(
        &["analyze", "wave1", "--out", "p1", "-q", "--pseudonymize"],
        key,
    )
    .expect_code(0);
    let run = w.run_with_env(
        &["compare", "p1", "wave2", "--out", "c", "--pseudonymize"],
        key,
    );
    run.expect_code(0);
    let c = json(&w, "c/compare.json");
    assert_eq!(c["people"]["stayed"], 306);
    let stopped = ids(&c["stopped_being_informal_leaders"]);
    assert_eq!(stopped.len(), 1);
    assert_ne!(
        stopped[0], "E0031",
        "the input folder's ids were not pseudonymised"
    );
    assert!(!w.read("c/changes.csv").contains("E00"));
    // Another key gives other pseudonyms: refused.
    w.run_with_env(
        &["compare", "p1", "wave2", "--out", "c", "--pseudonymize"],
        ("ORGSPHERE_KEY", "another-key-for-the-tests"),
    )
    .expect_code(65)
    .expect_stderr(&["different keys"]);
    // Without the flag, the plain input folder is not matched against pseudonyms.
    w.run_with_env(&["compare", "p1", "wave2", "--out", "c"], key)
        .expect_code(65);
}

#[test]
fn bad_input_folders_stop_the_comparison_with_the_analysis_error() {
    let w = Workdir::new();
    small(&w, "a", &["2", "3"], "2,3\n3,2\n");
    w.write("b/org.csv", "employee_id,manager_id\n1,2\n2,1\n");
    w.write("b/survey.csv", "respondent_id,nominee_id\n2,1\n");
    let compare = |extra: &[&'static str]| {
        let mut args = vec!["compare", "a", "b", "--out", "c"];
        args.extend(extra);
        args
    };
    fails(&w, &compare(&[]), 65, &["b/org.csv:2", "reporting cycle"]);
    // A threshold applies to the input folders.
    w.write("b/org.csv", "employee_id,manager_id\n1,\n2,1\n");
    let rate = ["--min-response-rate", "0.9"];
    fails(&w, &compare(&rate), 65, &["response rate"]);
    fails(
        &w,
        &compare(&["--min-response-rate", "2"]),
        64,
        &["0 and 1"],
    );
    assert!(!w.join("c").exists());
}

/// `people.csv` of `src` with one cell replaced: the `column` of the person `id`.
fn edit_cell(people: &str, id: &str, column: &str, value: &str) -> String {
    let mut r = csv::Reader::from_reader(people.as_bytes());
    let headers = r.headers().unwrap().clone();
    let at = headers.iter().position(|h| h == column).unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for rec in r.records() {
        let mut cells: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        if cells[0] == id {
            cells[at] = value.to_string();
        }
        w.write_record(&cells).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn impossible_numbers_in_people_csv_exit_65_at_their_row_and_column() {
    let w = Workdir::new();
    small(&w, "a", &["2", "3"], "2,3\n3,2\n");
    w.write("b/summary.json", w.read("a-out/summary.json"));
    let people = w.read("a-out/people.csv");
    // Person 2 is on row 3 (people.csv is sorted by id; the header is row 1).
    let cases = [
        ("in_degree", "1e308"),
        ("in_degree", "4294967296"),
        ("in_degree", "NaN"),
        ("in_degree", "-5"),
        ("in_degree", "3.7"),
        ("pagerank", "1.5"),
        ("pagerank", "-0.1"),
        ("pagerank", "inf"),
        ("influence_in_degree", "-1"),
        ("influence_in_degree", "1e30"),
    ];
    for (column, bad) in cases {
        w.write("b/people.csv", edit_cell(&people, "2", column, bad));
        let at = format!("b/people.csv:3: error in column '{column}' [impossible-value]");
        let kind = if column == "pagerank" {
            "a share"
        } else {
            "a count"
        };
        fails(
            &w,
            &["compare", "a-out", "b", "--out", "c"],
            65,
            &[&at, &format!("{bad:?}"), kind, "was edited"],
        );
        assert!(!w.join("c").exists());
    }
    // The values orgsphere writes pass, empty ones included ("does not apply").
    w.write(
        "b/people.csv",
        edit_cell(&people, "2", "influence_in_degree", ""),
    );
    w.run(&["compare", "a-out", "b", "--out", "c"])
        .expect_code(0);
}

#[test]
fn impossible_figures_in_summary_json_exit_65_at_their_line_and_field() {
    let w = Workdir::new();
    small(&w, "a", &["2", "3"], "2,3\n3,2\n");
    w.write("b/people.csv", w.read("a-out/people.csv"));
    let summary = w.read("a-out/summary.json");
    let line_of = |needle: &str| summary.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let cases = [
        ("\"people\": 3", "\"people\": 1e30", "counts.people"),
        (
            "\"nominations\": 2",
            "\"nominations\": -2",
            "counts.nominations",
        ),
        ("\"manager\": 1", "\"manager\": 0.5", "roles.manager"),
        (
            "\"response_rate\": ",
            "\"response_rate\": 1.5, \"x\": ",
            "response_rate",
        ),
    ];
    for (find, replace, field) in cases {
        assert!(summary.contains(find), "{find} not in {summary}");
        w.write("b/summary.json", summary.replacen(find, replace, 1));
        let at = format!(
            "b/summary.json:{}: error in column '{field}' [impossible-value]",
            line_of(find)
        );
        fails(
            &w,
            &["compare", "a-out", "b", "--out", "c"],
            65,
            &[&at, "was edited"],
        );
        assert!(!w.join("c").exists());
    }
}

#[test]
fn a_change_beyond_a_double_is_null_not_zero() {
    let w = Workdir::new();
    small(&w, "a", &["2", "3"], "2,3\n3,2\n");
    let modularity = |v: &str| {
        let s = w.read("a-out/summary.json");
        let at = s.find("\"modularity\": ").unwrap() + "\"modularity\": ".len();
        let end = at + s[at..].find([',', '\n']).unwrap();
        format!("{}{v}{}", &s[..at], &s[end..])
    };
    for (dir, v) in [("x", "1.7e308"), ("y", "-1.7e308")] {
        w.write(&format!("{dir}/people.csv"), w.read("a-out/people.csv"));
        w.write(&format!("{dir}/summary.json"), modularity(v));
    }
    w.run(&["compare", "x", "y", "--out", "c"]).expect_code(0);
    let figure = &json(&w, "c/compare.json")["figures"]["communities.modularity"];
    assert_eq!(figure["old"], 1.7e308);
    assert_eq!(figure["new"], -1.7e308);
    assert!(figure["change"].is_null(), "{figure}");
    let html = w.read("c/compare.html");
    let row = html
        .lines()
        .find(|l| l.contains("<td>communities.modularity</td>"))
        .unwrap();
    assert!(row.ends_with("<td class=\"n\">–</td></tr>"), "{row}");
}

#[test]
fn ids_that_differ_only_by_a_leading_apostrophe_stay_apart() {
    // `=7` is written `'=7` to keep spreadsheets from running it; `'=7` itself gets a
    // second apostrophe, so that the two are still two people when read back.
    let w = Workdir::new();
    small(
        &w,
        "a",
        &["=7", "'=7", "''x", "'x"],
        "=7,'=7\n'=7,=7\n''x,=7\n",
    );
    small(
        &w,
        "b",
        &["=7", "'=7", "''x", "'x"],
        "=7,'=7\n'=7,=7\n'x,=7\n",
    );
    let people = read_csv(&w.read("a-out/people.csv"));
    let ids: Vec<&str> = people.iter().map(|p| p["employee_id"].as_str()).collect();
    for id in ["'=7", "''=7", "'''x", "'x"] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
    w.run(&["compare", "a-out", "b-out", "--out", "c"])
        .expect_code(0);
    let changes = read_csv(&w.read("c/changes.csv"));
    assert_eq!(person(&changes, "'=7")["new_in_degree"], "2");
    assert_eq!(person(&changes, "''=7")["new_in_degree"], "1");
    assert_eq!(person(&changes, "'''x")["new_in_degree"], "0");
    assert_eq!(person(&changes, "'x")["old_in_degree"], "0");
}
