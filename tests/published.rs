//! What orgsphere names, with default settings, on the published workplace networks and on
//! the synthetic partnership (VALIDATION.md explains each outcome and how it compares with
//! the literature). Every test runs the real binary with no option but the folders.

mod common;

use std::collections::HashMap;

use common::{Workdir, person, read_csv, root};
use serde_json::Value;

type Person = HashMap<String, String>;

/// Analyses `dir` (relative to the repository) with default settings.
fn analyze(w: &Workdir, dir: &str) -> (Vec<Person>, Value, String) {
    let input = root().join(dir);
    w.run(&["analyze", input.to_str().unwrap(), "--out", "out"])
        .expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    let summary = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    (people, summary, w.read("out/findings.csv"))
}

fn with_role<'a>(people: &'a [Person], role: &str) -> Vec<&'a str> {
    people
        .iter()
        .filter(|p| p["role"] == role)
        .map(|p| p["employee_id"].as_str())
        .collect()
}

fn kinds(summary: &Value) -> Vec<(String, String)> {
    summary["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["name"].as_str().unwrap().to_string(),
                q["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Krackhardt's 21 managers, advice and friendship: VP 2, named by 18 of the 20 others for
/// advice, is a leader-manager; friendship is a social question and counts for nothing.
#[test]
fn krackhardt_vp_2_is_a_leader_manager() {
    let w = Workdir::new();
    let (people, summary, _) = analyze(&w, "sample-data/krackhardt");
    assert_eq!(
        kinds(&summary),
        [
            ("advice".to_string(), "influence".to_string()),
            ("friendship".to_string(), "social".to_string())
        ]
    );
    let vp2 = person(&people, "2");
    assert_eq!(vp2["role"], "leader-manager", "{}", vp2["reason"]);
    assert_eq!(vp2["in_degree"], "18");
    let stability: f64 = vp2["leader_stability"].parse().unwrap();
    assert!(stability > 0.5, "{stability}");
    assert_eq!(with_role(&people, "leader-manager"), ["2"]);
    assert!(with_role(&people, "informal-leader").is_empty());
    // The combined layer is the advice question alone.
    for p in &people {
        assert_eq!(
            p["in_degree"], p["advice_in_degree"],
            "{}",
            p["employee_id"]
        );
    }
    let groups = &summary["high_influence_rule"]["groups"];
    assert_eq!(groups[1]["standing"], "formal power");
    assert_eq!(groups[1]["people"], 21);
    assert_eq!(groups[1]["threshold"], 17);
}

/// The bank wiring room: five observed relations of four kinds. Nobody is influential
/// through games, friendship or antagonism; W5 and I3, the antagonised, come out in the
/// negative-ties finding and nowhere else.
#[test]
fn bank_wiring_antagonism_makes_no_one_central() {
    let w = Workdir::new();
    let (people, summary, findings) = analyze(&w, "tests/data/published/bank_wiring");
    let mut k = kinds(&summary);
    k.sort();
    let want = [
        ("antagonism", "negative"),
        ("friendship", "social"),
        ("games", "social"),
        ("helping", "influence"),
        ("window_conflict", "negative"),
    ];
    assert_eq!(
        k,
        want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec()
    );
    assert!(with_role(&people, "informal-leader").is_empty());
    assert!(with_role(&people, "leader-manager").is_empty());
    let w5 = person(&people, "W5");
    assert_eq!(w5["antagonism_in_degree"], "8");
    // Antagonism named him 8 times; helping, the one influence question, never.
    assert_eq!(w5["in_degree"], w5["helping_in_degree"]);
    assert_eq!(w5["flags"], "peripheral", "{}", w5["reason"]);
    // The most sought after (helped, in these observed data) is W3, short of the bar.
    let top = &summary["most_sought_after"][0];
    assert_eq!(top["employee_id"], "W3");
    assert_eq!(top["in_degree"], 5);
    assert!(top["short_of_bar"].as_u64().unwrap() > 0);
    let negative: Vec<&str> = findings
        .lines()
        .filter(|l| l.starts_with("negative-ties,"))
        .collect();
    assert_eq!(negative.len(), 2, "{findings}");
    assert!(negative.iter().any(|l| l.contains(",W5,")));
    assert!(negative.iter().any(|l| l.contains(",I3,")));
    assert!(negative.iter().all(|l| l.starts_with("negative-ties,low,")));
}

/// Cross & Parker's consultants rated everyone 1–5 ("never" … "very often"): both questions
/// are rating scales, only 4 and 5 are ties. No one stands out from people of the same
/// standing; the summary still names the most sought after.
#[test]
fn cross_parker_consulting_ratings_are_a_scale_and_nobody_stands_out() {
    let w = Workdir::new();
    let (people, summary, _) = analyze(&w, "tests/data/published/cross_parker_consulting");
    let dq = w.read("out/data-quality.csv");
    assert_eq!(dq.matches(",rating-scale,").count(), 2, "{dq}");
    for q in summary["questions"].as_array().unwrap() {
        let scale = &q["rating_scale"];
        assert_eq!(scale["values"], serde_json::json!([1, 2, 3, 4, 5]), "{q}");
        assert_eq!(scale["min_tie"], 4);
    }
    // information: 356 + 211 + 142 answers of 1–3; value: 12 + 45 + 256.
    assert_eq!(summary["counts"]["below_rating_cut"], 1022);
    assert!(with_role(&people, "informal-leader").is_empty());
    assert!(with_role(&people, "leader-manager").is_empty());
    for p in people.iter().filter(|p| p["title"] == "Partner") {
        assert_eq!(p["formal_power"], "true", "{}", p["employee_id"]);
    }
    let sought = summary["most_sought_after"].as_array().unwrap();
    assert_eq!(sought.len(), 10);
    assert_eq!(summary["nearest_to_the_bar"].as_array().unwrap().len(), 5);
}

/// Cross & Parker's manufacturing research team, rated 1–6: the global and one local
/// department manager are leader-managers. Among the researchers and project leaders
/// nobody stands out: the most sought after, project leader 18 (42 nominators), has 23
/// (39) and 15 (37) close behind, so about half of the people with that many nominators
/// are what the ordinary crowd gives; 18 is reported nearest to the bar.
#[test]
fn cross_parker_manufacturing_names_its_department_managers() {
    let w = Workdir::new();
    let (people, summary, _) = analyze(&w, "tests/data/published/cross_parker_manufacturing");
    for q in summary["questions"].as_array().unwrap() {
        assert_eq!(q["rating_scale"]["min_tie"], 4, "{q}");
    }
    assert!(with_role(&people, "informal-leader").is_empty());
    assert_eq!(summary["parameters"]["local_false_discovery"], 0.5);
    assert_eq!(person(&people, "18")["title"], "Project Leader");
    let nearest = &summary["nearest_to_the_bar"][0];
    assert_eq!(nearest["employee_id"], "18");
    assert_eq!(nearest["in_degree"], 42);
    assert!(nearest["short_of_bar"].as_u64().unwrap() >= 1, "{nearest}");
    let nearest: Vec<&str> = summary["nearest_to_the_bar"].as_array().unwrap()[..3]
        .iter()
        .map(|p| p["employee_id"].as_str().unwrap())
        .collect();
    assert_eq!(nearest, ["18", "23", "15"]);
    let mut leading = with_role(&people, "leader-manager");
    leading.sort();
    assert_eq!(leading, ["13", "68"]);
}

/// `--local-false-discovery 1` leaves the rule's local test out: the false-discovery rate
/// alone names manufacturing's project leader 18 (as the rule did until 2026-12-07), and
/// `summary.json` records the setting. A share outside (0, 1] is a usage error.
#[test]
fn the_local_test_can_be_left_out() {
    let w = Workdir::new();
    let input = root().join("tests/data/published/cross_parker_manufacturing");
    let input = input.to_str().unwrap();
    w.run(&[
        "analyze",
        input,
        "--out",
        "out",
        "--local-false-discovery",
        "1",
    ])
    .expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(with_role(&people, "informal-leader"), ["18"]);
    let summary: Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(summary["parameters"]["local_false_discovery"], 1.0);
    assert_eq!(summary["high_influence_rule"]["local_false_discovery"], 1.0);
    let rule = summary["high_influence_rule"]["description"]
        .as_str()
        .unwrap();
    assert!(!rule.contains("local"), "{rule}");
    for bad in ["0", "1.5", "-0.2"] {
        let flag = format!("--local-false-discovery={bad}");
        let run = w.run(&["analyze", input, "--out", "bad", &flag]);
        run.expect_code(64);
        assert!(
            run.stderr.contains("--local-false-discovery"),
            "{}",
            run.stderr
        );
    }
}

/// The synthetic partnership (tests/data/partnership/): partners by title, the manager
/// column empty, advice, friendship and cowork given. The most sought-after associate is
/// an informal leader; no partner is; the people popular only in friendship are not.
#[test]
fn the_partnerships_most_sought_after_associate_leads_informally() {
    let w = Workdir::new();
    let (people, summary, _) = analyze(&w, "tests/data/partnership");
    let associates: Vec<&Person> = people
        .iter()
        .filter(|p| p["title"] == "Associate")
        .collect();
    let top = associates
        .iter()
        .max_by_key(|p| p["advice_in_degree"].parse::<u32>().unwrap())
        .unwrap();
    assert_eq!(top["employee_id"], "1038");
    assert_eq!(with_role(&people, "informal-leader"), ["1038"]);
    for p in people.iter().filter(|p| p["title"].contains("Partner")) {
        assert_eq!(p["formal_power"], "true", "{}", p["employee_id"]);
    }
    // Popular in friendship only: a partner and an associate.
    assert_eq!(person(&people, "1012")["role"], "manager");
    assert_eq!(person(&people, "1068")["role"], "contributor");
    let mut k = kinds(&summary);
    k.sort();
    assert_eq!(
        k,
        [
            ("advice".to_string(), "influence".to_string()),
            ("cowork".to_string(), "collaboration".to_string()),
            ("friendship".to_string(), "social".to_string())
        ]
    );
}
