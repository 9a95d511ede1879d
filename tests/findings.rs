//! Department findings on a hand-drawn organisation: every tie between Sales and Ops goes
//! through one person (a fragile bridge); Legal names only its own people (a silo) and
//! never meets the others (disconnected departments); one Ops person is named by nobody.

mod common;

use common::{Workdir, read_csv};

/// Sales s1–s5, Ops o1–o5, Legal l1–l5, all reporting to ceo (department Board).
/// Sales and Legal name around in a ring inside their department; Ops likewise but o5 is
/// never named. Across departments only s1 → o1 and o2 → s1.
fn organisation(w: &Workdir) {
    let mut org = String::from("employee_id,manager_id,department\nceo,,Board\n");
    let mut survey = String::from("respondent_id,nominee_id\n");
    for d in ["s", "o", "l"] {
        let dept = match d {
            "s" => "Sales",
            "o" => "Ops",
            _ => "Legal",
        };
        for i in 1..=5 {
            org.push_str(&format!("{d}{i},ceo,{dept}\n"));
        }
        let ring = if d == "o" { 4 } else { 5 };
        for i in 1..=5 {
            let next = i % ring + 1;
            survey.push_str(&format!("{d}{i},{d}{next}\n"));
        }
    }
    survey.push_str("s1,o1\no2,s1\n");
    w.write("in/org.csv", org);
    w.write("in/survey.csv", survey);
}

#[test]
fn fragile_bridge_silo_disconnected_and_peripheral() {
    let w = Workdir::new();
    organisation(&w);
    w.run(&["analyze", "in", "--out", "out", "--formats", "none"])
        .expect_code(0);
    let findings = read_csv(&w.read("out/findings.csv"));
    let of = |kind: &str| {
        findings
            .iter()
            .filter(|f| f["kind"] == kind)
            .collect::<Vec<_>>()
    };
    let bridge = of("fragile-bridge");
    assert_eq!(bridge.len(), 1, "{findings:?}");
    assert_eq!(
        (bridge[0]["people"].as_str(), bridge[0]["group"].as_str()),
        ("s1", "Ops – Sales")
    );
    let silos: Vec<&str> = of("silo").iter().map(|f| f["group"].as_str()).collect();
    assert_eq!(
        silos,
        ["Legal"],
        "Sales and Ops each have one tie out of six; Legal none"
    );
    let apart = of("disconnected-departments");
    assert_eq!(apart.len(), 1);
    assert!(
        apart[0]["summary"].contains("Legal – Ops")
            && apart[0]["summary"].contains("Legal – Sales"),
        "{}",
        apart[0]["summary"]
    );
    let peripheral = of("peripheral-people");
    assert_eq!(peripheral.len(), 1);
    assert_eq!(peripheral[0]["group"], "Ops");
    assert!(
        peripheral[0]["summary"].starts_with("1 of 5 people in Ops"),
        "{}",
        peripheral[0]["summary"]
    );
    // With a minimum group size above five, no department is described at all.
    w.run(&[
        "analyze",
        "in",
        "--out",
        "out2",
        "--formats",
        "none",
        "--min-group-size",
        "6",
    ])
    .expect_code(0);
    let findings = read_csv(&w.read("out2/findings.csv"));
    assert!(
        findings.iter().all(|f| f["group"].is_empty()),
        "{findings:?}"
    );
}
