//! Harbourline's survey wave that also asked how people lead
//! (`sample-data/how-they-lead/`, written by `sample-data/make_sample.py`; its README
//! section "The wave that asked how people lead" lists what is planted): every planted
//! profile and finding is recovered, nothing planted as absent is reported, the dispatch
//! team's informal leader stays the top key player with the planted backup named, and the
//! folder's org chart and trust files are the parent's byte for byte, its advice file the
//! parent's but for the one answer this wave changed.

mod common;

use std::collections::{BTreeSet, HashMap};

use common::{Workdir, person, read_csv, root};
use serde_json::Value;

const FOLDER: &str = "sample-data/how-they-lead";

struct Results {
    people: Vec<HashMap<String, String>>,
    findings: Vec<Value>,
    summary: Value,
}

fn analyse(w: &Workdir, folder: &str) -> Results {
    let dir = root().join(folder);
    let run = w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--out",
        "results",
        "--formats",
        "none",
    ]);
    run.expect_code(0);
    let findings: Value = serde_json::from_str(&w.read("results/findings.json")).unwrap();
    Results {
        people: read_csv(&w.read("results/people.csv")),
        findings: findings.as_array().unwrap().clone(),
        summary: serde_json::from_str(&w.read("results/summary.json")).unwrap(),
    }
}

fn of_kind<'a>(r: &'a Results, kind: &str) -> Vec<&'a Value> {
    r.findings.iter().filter(|f| f["kind"] == kind).collect()
}

fn ids(f: &Value) -> Vec<&str> {
    f["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect()
}

fn text<'a>(f: &'a Value, key: &str) -> &'a str {
    f[key].as_str().unwrap()
}

/// Respondents of a long survey file (rows with an empty nominee included), and each
/// respondent's nominees.
fn answers(file: &str) -> HashMap<String, Vec<String>> {
    let text = std::fs::read_to_string(root().join(FOLDER).join(file)).unwrap();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for row in read_csv(&text) {
        let named = out.entry(row["respondent_id"].clone()).or_default();
        if !row["nominee_id"].trim().is_empty() {
            named.push(row["nominee_id"].trim().to_uppercase());
        }
    }
    out
}

#[test]
fn the_folder_copies_the_parent_and_adds_three_questions() {
    for file in ["org.csv", "survey-trust.csv"] {
        let parent = std::fs::read(root().join("sample-data").join(file)).unwrap();
        let copy = std::fs::read(root().join(FOLDER).join(file)).unwrap();
        assert!(parent == copy, "{file} differs from sample-data/{file}");
    }
    // The advice answers are the parent's, in the same order, but for one: in this wave
    // E0112 (on the shift E0173 leads) no longer names E0139.
    let parent = std::fs::read_to_string(root().join("sample-data/survey-advice.csv")).unwrap();
    let copy = std::fs::read_to_string(root().join(FOLDER).join("survey-advice.csv")).unwrap();
    let without: Vec<&str> = parent
        .lines()
        .filter(|l| !l.starts_with("E0112,E0139,"))
        .collect();
    assert_eq!(parent.lines().count(), without.len() + 1);
    assert_eq!(copy.lines().collect::<Vec<_>>(), without);
    let advice: BTreeSet<String> = answers("survey-advice.csv").into_keys().collect();
    for q in ["direction", "example", "future"] {
        let file = format!("survey-{q}.csv");
        let text = std::fs::read_to_string(root().join(FOLDER).join(&file)).unwrap();
        assert!(text.starts_with("respondent_id,nominee_id,question\n"));
        assert!(read_csv(&text).iter().all(|r| r["question"] == q), "{file}");
        let respondents: BTreeSet<String> = answers(&file).into_keys().collect();
        assert_eq!(
            respondents, advice,
            "{file}: the advice survey's respondents"
        );
    }
}

#[test]
fn questions_are_recognised_with_no_flag() {
    let w = Workdir::new();
    let r = analyse(&w, FOLDER);
    let questions = r.summary["questions"].as_array().unwrap();
    let q = |name: &str| questions.iter().find(|q| q["name"] == name).unwrap();
    assert_eq!(q("direction")["kind"], "direction");
    for (name, dimension) in [
        ("advice", "advice"),
        ("example", "example"),
        ("future", "future"),
    ] {
        assert_eq!(q(name)["kind"], "influence");
        assert_eq!(q(name)["dimension"], dimension);
        assert_eq!(q(name)["dimension_from"], "recognised");
    }
    assert!(q("trust").get("dimension").is_none());
}

#[test]
fn planted_profiles_are_recovered() {
    let w = Workdir::new();
    let r = analyse(&w, FOLDER);
    let p = |id: &str| person(&r.people, id);

    // 1. The leader by example without a title: the senior HGV driver.
    let e132 = p("E0132");
    assert_eq!(e132["role"], "informal-leader", "{}", e132["reason"]);
    assert_eq!(e132["formal_power"], "false");
    assert_eq!(e132["leads_on"], "example;future");
    assert!(
        e132["leadership_profile"].starts_with("leads by example and future, named by ")
            && e132["leadership_profile"].ends_with("; not sought for advice"),
        "{}",
        e132["leadership_profile"]
    );
    assert!(e132["reason"].ends_with(&e132["leadership_profile"]));
    let advice: u32 = e132["lead_advice_nominators"].parse().unwrap();
    let example: u32 = e132["lead_example_nominators"].parse().unwrap();
    assert!(advice <= 2 && example >= 20, "{advice} {example}");

    // 2. The manager who only directs: the UK sales team takes direction from them and
    //    follows them on nothing.
    let e53 = p("E0053");
    assert_eq!(e53["role"], "manager");
    assert_eq!(e53["leads_on"], "");
    assert_eq!(e53["lead_example_nominators"], "0");
    assert_eq!(e53["lead_future_nominators"], "0");
    assert_eq!(e53["direction_coverage"], "1");
    assert_eq!(e53["leadership_coverage"], "0");
    assert_eq!(
        e53["leadership_profile"],
        "leads on no dimension; gives direction to 7 of 7 responding reports"
    );

    // 3. The dotted line: People's three teams take direction from the VP Operations.
    for id in ["E0079", "E0103", "E0128"] {
        assert_eq!(p(id)["direction_coverage"], "0", "{id}");
    }
    let coverage: f64 = p("E0128")["leadership_coverage"].parse().unwrap();
    assert!(
        coverage >= 0.5,
        "they still follow their own manager: {coverage}"
    );
    assert!(
        p("E0051")["leadership_profile"].contains("responding reports and 11 others"),
        "{}",
        p("E0051")["leadership_profile"]
    );

    // 5. The backup: a dispatcher sought by some of the same people, less often — not an
    //    informal leader.
    let e177 = p("E0177");
    assert_eq!(e177["role"], "contributor", "{}", e177["reason"]);

    // Nothing un-planted stands out: the informal leaders are the four of sample-data/
    // and the leader by example; only planted people lead on a dimension.
    let leaders: BTreeSet<&str> = r
        .people
        .iter()
        .filter(|p| p["role"] == "informal-leader" || p["role"] == "leader-manager")
        .map(|p| p["employee_id"].as_str())
        .collect();
    assert_eq!(
        leaders,
        BTreeSet::from(["E0031", "E0086", "E0131", "E0132", "E0134"])
    );
    let leading: BTreeSet<&str> = r
        .people
        .iter()
        .filter(|p| !p["leads_on"].is_empty())
        .map(|p| p["employee_id"].as_str())
        .collect();
    assert_eq!(
        leading,
        BTreeSet::from(["E0031", "E0086", "E0131", "E0132", "E0134", "E0177"])
    );
}

#[test]
fn planted_findings_are_recovered_and_nothing_planted_as_absent() {
    let w = Workdir::new();
    let r = analyse(&w, FOLDER);

    // Direction outside the org chart: People, mostly from the VP Operations.
    let outside = of_kind(&r, "direction-outside-chart");
    assert_eq!(outside.len(), 1, "{outside:?}");
    assert_eq!(outside[0]["group"], "People");
    assert_eq!(outside[0]["severity"], "medium");
    assert_eq!(ids(outside[0]), ["E0051"]);
    assert!(
        text(outside[0], "summary").contains("9 of 15 responding reports"),
        "{}",
        outside[0]["summary"]
    );

    // Leadership concentrated: the leader by example, in the fleet's teams.
    let concentrated = of_kind(&r, "leadership-concentrated");
    assert_eq!(concentrated.len(), 1, "{concentrated:?}");
    let who = ids(concentrated[0]);
    assert_eq!(who[0], "E0132");
    assert!(who.len() > 3, "{who:?}");
    for team in &who[1..] {
        assert!(
            ["E0092", "E0140", "E0142", "E0146", "E0003"].contains(team),
            "{who:?}"
        );
    }
    assert!(text(concentrated[0], "summary").contains("on example and future"));

    // Roles separated: the UK sales manager who only directs (low: nobody there follows
    // them), beside the fleet teams that follow the leader by example (info: most of the
    // reports also follow their own manager).
    let separated = of_kind(&r, "roles-separated");
    let sales = separated
        .iter()
        .find(|f| ids(f)[0] == "E0053")
        .expect("E0053's team");
    assert_eq!(sales["severity"], "low");
    assert_eq!(ids(sales), ["E0053", "E0134"]);
    for f in &separated {
        if ids(f)[0] != "E0053" {
            assert_eq!(ids(f)[1], "E0132", "{f}");
            assert_eq!(f["severity"], "info", "{f}");
        }
    }

    // Nobody leads: the shift E0173 leads names nobody on example and future, and in this
    // wave no colleague by half of its 7 responding reports for advice (E0139 by 3, their
    // manager by 3): the team follows nobody more than chance would give.
    let example = answers("survey-example.csv");
    let future = answers("survey-future.csv");
    let mut silent = 0;
    for (id, row) in r.people.iter().map(|p| (&p["employee_id"], p)) {
        if row["manager_id"] == "E0173" && example.contains_key(id.as_str()) {
            assert!(example[id.as_str()].is_empty() && future[id.as_str()].is_empty());
            silent += 1;
        }
    }
    assert_eq!(silent, 7, "E0173's responding reports");
    let nobody = of_kind(&r, "nobody-leads");
    assert_eq!(nobody.len(), 1, "{nobody:?}");
    assert_eq!(ids(nobody[0]), ["E0173"]);
    assert_eq!(nobody[0]["severity"], "low");
    assert_eq!(nobody[0]["evidence"]["responding_reports"], 7);
    assert_eq!(nobody[0]["evidence"]["most_named_by"], 3);

    // Planted as absent: nobody follows the manager who only directs, the leader by
    // example is not sought for advice (above), and the sample's own findings stay as
    // they are: the same three teams, and no other manager finding.
    let mut shadow: Vec<Vec<&str>> = of_kind(&r, "shadow-leadership")
        .into_iter()
        .map(ids)
        .collect();
    shadow.sort();
    assert_eq!(
        shadow,
        [["E0053", "E0134"], ["E0056", "E0031"], ["E0084", "E0086"]]
    );
    let mut weak: Vec<Vec<&str>> = of_kind(&r, "manager-without-influence")
        .into_iter()
        .map(ids)
        .collect();
    weak.sort();
    assert_eq!(weak, [["E0053"], ["E0056"], ["E0084"]]);
    let kinds: BTreeSet<&str> = r.findings.iter().map(|f| text(f, "kind")).collect();
    assert_eq!(
        kinds,
        BTreeSet::from([
            "alignment",
            "change-agents",
            "direction-outside-chart",
            "key-player",
            "leadership-concentrated",
            "manager-without-influence",
            "nobody-leads",
            "overload",
            "roles-separated",
            "shadow-leadership",
        ])
    );
}

#[test]
fn the_dispatch_leader_is_the_top_key_player_with_the_planted_backup() {
    let w = Workdir::new();
    let r = analyse(&w, FOLDER);
    let top = of_kind(&r, "key-player")
        .into_iter()
        .find(|f| f["evidence"]["rank"] == 1)
        .expect("a first key player");
    assert_eq!(ids(top)[0], "E0086");
    assert!(top["evidence"]["backups"].as_f64().unwrap() >= 1.0, "{top}");
    assert!(ids(top).contains(&"E0177"), "{top}");
    assert!(
        text(top, "summary").contains("possible backups, sought by the same people: E0177"),
        "{}",
        top["summary"]
    );
    let risk = &person(&r.people, "E0086")["retention_risk"];
    assert!(risk.starts_with("high:"), "{risk}");
    // In the parent folder, without the new questions, nobody backs E0086 up.
    let w = Workdir::new();
    let parent = analyse(&w, "sample-data");
    let top = of_kind(&parent, "key-player")
        .into_iter()
        .find(|f| f["evidence"]["rank"] == 1)
        .unwrap();
    assert_eq!(ids(top), ["E0086"]);
    assert_eq!(top["evidence"]["backups"], 0.0);
}

/// `python3 make_sample.py` (run on a copy of the script, in a fresh folder) writes
/// exactly the committed files: the parent's three and the wave's six.
#[test]
fn make_sample_writes_the_committed_files() {
    let w = Workdir::new();
    let script = w.join("make_sample.py");
    std::fs::copy(root().join("sample-data/make_sample.py"), &script).unwrap();
    let Ok(out) = std::process::Command::new("python3")
        .arg(&script)
        .current_dir(w.path())
        .output()
    else {
        eprintln!("\n!!! SKIPPED: `python3` is not installed, so make_sample.py was not run.\n");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = [
        "org.csv",
        "survey-advice.csv",
        "survey-trust.csv",
        "how-they-lead/org.csv",
        "how-they-lead/survey-advice.csv",
        "how-they-lead/survey-trust.csv",
        "how-they-lead/survey-direction.csv",
        "how-they-lead/survey-example.csv",
        "how-they-lead/survey-future.csv",
    ];
    for file in files {
        let written = std::fs::read(w.join(file)).unwrap();
        let committed = std::fs::read(root().join("sample-data").join(file)).unwrap();
        assert!(
            written == committed,
            "sample-data/{file} is not what make_sample.py writes"
        );
    }
}
