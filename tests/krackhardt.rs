//! Krackhardt's high-tech managers (sample-data/krackhardt): orgsphere against networkx.
//! `tests/data/krackhardt_networkx.csv` holds networkx 3.6's values
//! (`tests/data/networkx_reference.py` regenerates it).

mod common;

use common::{Workdir, person, read_csv, root};

fn analyze(w: &Workdir, extra: &[&str]) -> Vec<std::collections::HashMap<String, String>> {
    let dir = root().join("sample-data/krackhardt");
    let mut args = vec!["analyze", dir.to_str().unwrap(), "--out", "out"];
    args.extend_from_slice(extra);
    w.run(&args).expect_code(0);
    read_csv(&w.read("out/people.csv"))
}

fn networkx(question: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(root().join("tests/data/krackhardt_networkx.csv")).unwrap();
    read_csv(&text)
        .into_iter()
        .filter(|r| r["question"] == question)
        .collect()
}

#[test]
fn advice_in_degree_and_pagerank_match_networkx() {
    let w = Workdir::new();
    let people = analyze(&w, &[]);
    assert_eq!(people.len(), 21);
    for question in ["advice", "friendship"] {
        for nx in networkx(question) {
            let p = person(&people, &nx["employee_id"]);
            assert_eq!(
                p[&format!("{question}_in_degree")],
                nx["in_degree"],
                "{question} in_degree of {}",
                nx["employee_id"]
            );
            assert_eq!(
                p[&format!("{question}_out_degree")],
                nx["out_degree"],
                "{question} out_degree of {}",
                nx["employee_id"]
            );
            let ours: f64 = p[&format!("{question}_pagerank")].parse().unwrap();
            let theirs: f64 = nx["pagerank"].parse().unwrap();
            assert!(
                (ours - theirs).abs() < 1e-4,
                "{question} pagerank of {}: {ours} vs {theirs}",
                nx["employee_id"]
            );
        }
    }
}

#[test]
fn path_and_structural_hole_measures_match_networkx() {
    let w = Workdir::new();
    let people = analyze(&w, &[]);
    for question in ["advice", "friendship"] {
        for nx in networkx(question) {
            let id = &nx["employee_id"];
            let p = person(&people, id);
            let ours = |m: &str| p[&format!("{question}_{m}")].parse::<f64>().unwrap();
            let theirs = |m: &str| nx[m].parse::<f64>().unwrap();
            assert!(
                (ours("betweenness") - theirs("betweenness")).abs() < 1e-6,
                "{question} betweenness of {id}"
            );
            assert!(
                (ours("closeness") - theirs("closeness")).abs() < 1e-8,
                "{question} closeness of {id}"
            );
            assert_eq!(
                p[&format!("{question}_core")],
                nx["core"],
                "{question} core of {id}"
            );
            // networkx leaves constraint and effective size undefined for people who name
            // nobody (person 7 for friendship); orgsphere defines them for anyone with a tie.
            if nx["constraint"] != "nan" {
                assert!(
                    (ours("constraint") - theirs("constraint")).abs() < 1e-8,
                    "{question} constraint of {id}"
                );
                assert!(
                    (ours("effective_size") - theirs("effective_size")).abs() < 1e-8,
                    "{question} effective size of {id}"
                );
            }
            if !nx["reciprocity"].is_empty() {
                assert!(
                    (ours("reciprocity") - theirs("reciprocity")).abs() < 1e-8,
                    "{question} reciprocity of {id}"
                );
            }
        }
    }
}

#[test]
fn the_advice_survey_alone_matches_networkx_on_the_combined_columns() {
    let w = Workdir::new();
    let survey = std::fs::read_to_string(root().join("sample-data/krackhardt/survey.csv")).unwrap();
    let advice: String = survey
        .lines()
        .filter(|l| !l.contains("friendship"))
        .map(|l| format!("{l}\n"))
        .collect();
    w.write("survey.csv", advice);
    let org = root().join("sample-data/krackhardt/org.csv");
    w.run(&[
        "analyze",
        "--org",
        org.to_str().unwrap(),
        "--survey",
        "survey.csv",
        "--out",
        "out",
    ])
    .expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    let mut total = 0.0;
    for nx in networkx("advice") {
        let p = person(&people, &nx["employee_id"]);
        assert_eq!(p["in_degree"], nx["in_degree"]);
        let ours: f64 = p["pagerank"].parse().unwrap();
        assert!((ours - nx["pagerank"].parse::<f64>().unwrap()).abs() < 1e-6);
        total += ours;
    }
    assert!((total - 1.0).abs() < 1e-6, "pagerank sums to {total}");
}

#[test]
fn the_formal_tree_of_the_president() {
    let w = Workdir::new();
    let people = analyze(&w, &[]);
    let president = person(&people, "7");
    assert_eq!(
        (
            president["direct_reports"].as_str(),
            president["formal_reach"].as_str(),
            president["level"].as_str()
        ),
        ("4", "20", "0")
    );
    assert_eq!(president["manager_id"], "");
    // VP 14 manages seven managers of department 2.
    let vp = person(&people, "14");
    assert_eq!(
        (
            vp["direct_reports"].as_str(),
            vp["formal_reach"].as_str(),
            vp["level"].as_str(),
            vp["manager_id"].as_str()
        ),
        ("7", "7", "1", "7")
    );
    // The data set's own `level` column is kept, renamed because orgsphere writes `level` too.
    assert_eq!(president["org_level"], "1");
}

#[test]
fn nobody_with_a_managerial_title_is_an_informal_leader() {
    let w = Workdir::new();
    for rule in [&[][..], &["--top-share", "0.3"][..]] {
        let people = analyze(&w, rule);
        for p in &people {
            assert!(["Manager", "Vice President", "CEO"].contains(&p["title"].as_str()));
            assert_eq!(p["formal_power"], "true");
            assert_ne!(
                p["role"], "informal-leader",
                "{} ({}) with {rule:?}",
                p["employee_id"], p["title"]
            );
            assert!(p["role"] == "manager" || p["role"] == "leader-manager");
        }
    }
}

#[test]
fn the_most_sought_vice_president_leads_under_a_top_share_rule() {
    // Under a top-30 % rule, VP 2 (18 advice nominations, the most sought after) is a
    // leader-manager; manager 9 (1 combined nomination) is a manager only.
    let w = Workdir::new();
    let people = analyze(&w, &["--top-share", "0.3"]);
    assert_eq!(person(&people, "2")["role"], "leader-manager");
    assert_eq!(person(&people, "9")["role"], "manager");
}
