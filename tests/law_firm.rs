//! Formal power by title alone: a law firm whose export has no manager column, run with
//! `--manager-titles Partner`. Associates many colleagues ask for advice are informal
//! leaders; no partner is, however sought after.

mod common;

use std::fmt::Write;

use common::{Workdir, person, read_csv};

/// 6 partners (P1–P6), 30 associates (A1–A30), 6 paralegals (L1–L6); no manager column.
/// Everyone asks two colleagues for advice in a fixed rotation. On top of that, associates
/// A7 and A19 are asked by 16 colleagues each, and partner P2 by 16: the three stars.
fn law_firm(w: &Workdir) {
    let mut org = String::from("Employee ID,Full Name,Job Title,Practice\n");
    let mut ids = Vec::new();
    for (prefix, title, n) in [
        ("P", "Partner", 6),
        ("A", "Associate", 30),
        ("L", "Paralegal", 6),
    ] {
        for i in 1..=n {
            let id = format!("{prefix}{i}");
            writeln!(
                org,
                "{id},Person {id},{title},{}",
                ["Tax", "M&A", "Litigation"][i % 3]
            )
            .unwrap();
            ids.push(id);
        }
    }
    w.write("firm/org.csv", org);
    let mut survey = String::from("respondent_id,nominee_id,question\n");
    let n = ids.len();
    for (i, id) in ids.iter().enumerate() {
        for step in [5, 11] {
            writeln!(survey, "{id},{},advice", ids[(i + step) % n]).unwrap();
        }
    }
    for (star, askers) in [("A7", 10..26), ("A19", 22..38), ("P2", 0..16)] {
        for j in askers {
            let asker = &ids[j % n];
            if asker != star {
                writeln!(survey, "{asker},{star},advice").unwrap();
            }
        }
    }
    w.write("firm/survey.csv", survey);
}

#[test]
fn sought_after_associates_are_informal_leaders_and_partners_never() {
    let w = Workdir::new();
    law_firm(&w);
    w.run(&[
        "analyze",
        "firm",
        "--manager-titles",
        "Partner",
        "--out",
        "out",
    ])
    .expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    for id in ["A7", "A19"] {
        let p = person(&people, id);
        assert_eq!(p["role"], "informal-leader", "{id}: {}", p["reason"]);
    }
    for p in people.iter().filter(|p| p["title"] == "Partner") {
        assert_eq!(p["formal_power"], "true");
        assert_ne!(p["role"], "informal-leader", "{}", p["employee_id"]);
        assert!(
            p["reason"].contains("the title \"Partner\" is managerial"),
            "{}",
            p["reason"]
        );
    }
    assert_eq!(person(&people, "P2")["role"], "leader-manager");
    let leaders: Vec<&str> = people
        .iter()
        .filter(|p| p["role"] == "informal-leader")
        .map(|p| p["employee_id"].as_str())
        .collect();
    assert_eq!(leaders, ["A7", "A19"]);
}

#[test]
fn the_default_title_pattern_knows_partners() {
    // Partnerships export titles, not managers: the default pattern gives partners formal
    // power, so the same names come out without --manager-titles.
    let w = Workdir::new();
    law_firm(&w);
    w.run(&["analyze", "firm", "--out", "out"]).expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(person(&people, "P2")["role"], "leader-manager");
    for id in ["A7", "A19"] {
        assert_eq!(person(&people, id)["role"], "informal-leader", "{id}");
    }
    // A pattern that knows no partner makes the sought-after partner pass for an
    // informal leader: this is why the titles matter.
    w.run(&[
        "analyze",
        "firm",
        "--manager-titles",
        "^Head of",
        "--out",
        "plain",
    ])
    .expect_code(0);
    let people = read_csv(&w.read("plain/people.csv"));
    assert_eq!(person(&people, "P2")["role"], "informal-leader");
}
