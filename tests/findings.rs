//! Department findings on a hand-drawn organisation: every tie between Sales and Ops goes
//! through one person (a fragile bridge); Legal names only its own people (a silo) and
//! never meets the others (disconnected departments); one Ops person is named by nobody.

mod common;

use common::{Workdir, read_csv};

/// Sales s1–s5, Ops o1–o5, Legal l1–l5, all reporting to ceo (department Board).
/// Sales and Legal name around in a ring inside their department; Ops likewise but o5 is
/// never named. Across departments only s1 → o1 and o2 → s1.
fn organisation(w: &Workdir) {
    organisation_with_legal(w, "Legal");
}

/// [`organisation`], its Legal department named `legal`.
fn organisation_with_legal(w: &Workdir, legal: &str) {
    let mut org = String::from("employee_id,manager_id,department\nceo,,Board\n");
    let mut survey = String::from("respondent_id,nominee_id\n");
    for d in ["s", "o", "l"] {
        let dept = match d {
            "s" => "Sales",
            "o" => "Ops",
            _ => legal,
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

/// A department named like a person in a sentence (`⟦1⟧`, how findings once marked person
/// 1) is written as its name in every file, never as somebody's id or pseudonym.
#[test]
fn a_department_named_like_a_person_marker_prints_as_its_name() {
    let w = Workdir::new();
    organisation_with_legal(&w, "⟦1⟧");
    w.run(&["analyze", "in", "--out", "out", "--formats", "report"])
        .expect_code(0);
    w.run_with_env(
        &[
            "analyze",
            "in",
            "--out",
            "pseudo",
            "--formats",
            "report",
            "--pseudonymize",
        ],
        ("ORGSPHERE_KEY", "0123456789abcdef0123"),
    )
    .expect_code(0);
    let ids = ["ceo", "s1", "s2", "o1", "o2", "l1", "l2"];
    for dir in ["out", "pseudo"] {
        let findings = read_csv(&w.read(&format!("{dir}/findings.csv")));
        let silo = findings.iter().find(|f| f["kind"] == "silo").unwrap();
        assert_eq!(silo["group"], "⟦1⟧");
        assert!(
            silo["summary"].starts_with("⟦1⟧'s influence ties stay inside it (E-I index -1.00"),
            "{}",
            silo["summary"]
        );
        let peripheral = findings
            .iter()
            .find(|f| f["kind"] == "disconnected-departments")
            .unwrap();
        assert!(
            peripheral["summary"].contains("⟦1⟧ – Ops")
                || peripheral["summary"].contains("Ops – ⟦1⟧"),
            "{}",
            peripheral["summary"]
        );
        for f in findings.iter().filter(|f| f["group"].contains('⟦')) {
            for id in ids {
                assert!(!f["summary"].contains(id), "{id} in {}", f["summary"]);
            }
            assert!(!f["summary"].contains("p_"), "{}", f["summary"]);
        }
        let json: serde_json::Value =
            serde_json::from_str(&w.read(&format!("{dir}/findings.json"))).unwrap();
        let silo = json
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == "silo")
            .unwrap();
        assert!(
            silo["summary"]
                .as_str()
                .unwrap()
                .starts_with("⟦1⟧'s influence ties stay inside it"),
            "{silo}"
        );
        let report = w.read(&format!("{dir}/report.html"));
        assert!(
            report.contains("<td>⟦1⟧&#39;s influence ties stay inside it"),
            "the silo's sentence in the report"
        );
    }
}

/// Two groups of six that name around inside, joined only through x: a1 → x → b1 and
/// b2 → x → a2. Everyone reports to ceo. With `departments`, the a's and x are in Alpha and
/// the b's in Beta.
fn bridged(w: &Workdir, dir: &str, departments: bool) {
    let mut org = String::from(if departments {
        "employee_id,manager_id,department\nceo,,Alpha\nx,ceo,Alpha\n"
    } else {
        "employee_id,manager_id\nceo,\nx,ceo\n"
    });
    let mut survey = String::from("respondent_id,nominee_id\n");
    for (g, dept) in [("a", "Alpha"), ("b", "Beta")] {
        for i in 1..=6 {
            if departments {
                org.push_str(&format!("{g}{i},ceo,{dept}\n"));
            } else {
                org.push_str(&format!("{g}{i},ceo\n"));
            }
            survey.push_str(&format!("{g}{i},{g}{}\n", i % 6 + 1));
        }
    }
    survey.push_str("a1,x\nx,b1\nb2,x\nx,a2\n");
    w.write(&format!("{dir}/org.csv"), org);
    w.write(&format!("{dir}/survey.csv"), survey);
}

#[test]
fn brokers_need_departments_and_reasons_name_departments_only_when_there_are_some() {
    let w = Workdir::new();
    bridged(&w, "with", true);
    bridged(&w, "without", false);
    for dir in ["with", "without"] {
        w.run(&[
            "analyze",
            dir,
            "--out",
            &format!("{dir}-out"),
            "--formats",
            "none",
        ])
        .expect_code(0);
    }
    let with = read_csv(&w.read("with-out/people.csv"));
    let x = with.iter().find(|p| p["employee_id"] == "x").unwrap();
    assert!(x["flags"].contains("broker"), "{:?}", x);
    assert!(
        x["reason"].contains("outside their own team and department"),
        "{}",
        x["reason"]
    );
    // Without departments there is no boundary to span, and no department to be outside.
    let without = read_csv(&w.read("without-out/people.csv"));
    for p in &without {
        assert!(!p["flags"].contains("broker"), "{:?}", p);
        assert!(!p["reason"].contains("department"), "{}", p["reason"]);
    }
    let x = without.iter().find(|p| p["employee_id"] == "x").unwrap();
    // Named by a1 and b2, who share x's manager: both in x's own team.
    assert!(
        x["reason"].starts_with("nominated by 2 people, 0 of them outside their own team,"),
        "{}",
        x["reason"]
    );
}

/// Two offices of six, each naming only inside itself, with departments X and Y mixed
/// across both. By department nothing is a silo; `--group-by office` finds both offices
/// silos that never name each other, names a broker-less silo's action, draws the matrix
/// by office, and gives office an E-I index of −1 in summary.json's homophily; the
/// minimum group size applies to the offices too.
#[test]
fn group_by_any_column() {
    let w = Workdir::new();
    let mut org = String::from("employee_id,department,office\n");
    let mut survey = String::from("respondent_id,nominee_id\n");
    for (o, office) in ["Lyon", "Porto"].iter().enumerate() {
        for i in 0..6 {
            let id = format!("{}{i}", &office[..1]);
            org += &format!("{id},{},{office}\n", ["X", "Y"][(i + o) % 2]);
            for j in [1, 2] {
                survey += &format!("{id},{}{}\n", &office[..1], (i + j) % 6);
            }
        }
    }
    w.write("in/org.csv", org);
    w.write("in/survey.csv", survey);
    w.run(&["analyze", "in", "--out", "dept", "-q"])
        .expect_code(0);
    let kinds = |dir: &str| -> Vec<(String, String)> {
        read_csv(&w.read(&format!("{dir}/findings.csv")))
            .into_iter()
            .map(|f| (f["kind"].clone(), f["group"].clone()))
            .collect()
    };
    assert!(!kinds("dept").iter().any(|(k, _)| k == "silo"));
    w.run(&[
        "analyze",
        "in",
        "--out",
        "office",
        "-q",
        "--group-by",
        " Office ",
    ])
    .expect_code(0);
    let found = kinds("office");
    for office in ["Lyon", "Porto"] {
        assert!(found.contains(&("silo".into(), office.into())), "{found:?}");
    }
    let all = read_csv(&w.read("office/findings.csv"));
    let apart = all
        .iter()
        .find(|f| f["kind"] == "disconnected-departments")
        .unwrap();
    assert_eq!(
        apart["summary"],
        "1 of 1 pairs of groups by office never name each other: Lyon – Porto"
    );
    let silo = all.iter().find(|f| f["kind"] == "silo").unwrap();
    assert!(
        silo["action"].contains("nobody in it has an influence tie outside"),
        "{silo:?}"
    );
    let report = w.read("office/report.html");
    assert!(report.contains("Who goes to whom, by office"));
    let summary: serde_json::Value = serde_json::from_str(&w.read("office/summary.json")).unwrap();
    assert_eq!(summary["homophily"]["grouped_by"], "office");
    let office = summary["homophily"]["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == "office")
        .unwrap();
    assert_eq!(office["ei_index"], -1.0);
    assert_eq!(office["ties_within"], 24);
    assert_eq!(office["ties_between"], 0);
    // Offices of six are below a minimum group size of 7: no office is described.
    w.run(&[
        "analyze",
        "in",
        "--out",
        "small",
        "-q",
        "--group-by",
        "office",
        "--min-group-size",
        "7",
    ])
    .expect_code(0);
    assert!(
        !kinds("small")
            .iter()
            .any(|(k, _)| k == "silo" || k == "disconnected-departments")
    );
    // A column the org chart does not have is a usage error naming the columns it has.
    w.run(&["analyze", "in", "--out", "bad", "--group-by", "floor"])
        .expect_code(64)
        .expect_stderr(&["--group-by", "floor", "office"]);
    // Pseudonymised results keep no org-chart column but title and department, so they
    // group by no other.
    w.run_with_env(
        &[
            "analyze",
            "in",
            "--out",
            "pseudo",
            "--group-by",
            "office",
            "--pseudonymize",
        ],
        ("ORGSPHERE_KEY", "0123456789abcdef0123"),
    )
    .expect_code(64)
    .expect_stderr(&[
        "--group-by",
        "office",
        "--pseudonymize",
        "title and department",
    ]);
    assert!(!w.join("pseudo").exists());
}
