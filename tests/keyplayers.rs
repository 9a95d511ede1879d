//! Key players and change agents against references: Borgatti's fragmentation and
//! distance-weighted fragmentation of the influence layer, whole and after removing each
//! person, and the people who lose their only or main source, as networkx computes them
//! on Krackhardt's and Cross & Parker's published networks
//! (`tests/data/keyplayer_reference.py` → `tests/data/keyplayer_networkx.csv`); the
//! greedy change agents on generated organisations; the command line's options.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use common::{Workdir, read_csv, root};
use orgsphere::graph::Questions;
use orgsphere::metrics::keyplayer::{Undirected, fragmentation, source_dependents};
use orgsphere::{Analysis, Options};

fn analyse(dir: &Path) -> Analysis {
    let inputs = Options::inputs_from_dir(dir).unwrap();
    let options = Options::new(inputs, dir.join("unused-out"));
    let dataset = orgsphere::check(&options).unwrap();
    orgsphere::analyze_dataset(dataset, &options)
}

/// networkx's rows for `dataset`: removed id ("" for the whole layer) → (F, DF, only,
/// main).
fn reference(dataset: &str) -> HashMap<String, (f64, f64, Option<u32>, Option<u32>)> {
    let text = std::fs::read_to_string(root().join("tests/data/keyplayer_networkx.csv")).unwrap();
    read_csv(&text)
        .into_iter()
        .filter(|r| r["dataset"] == dataset)
        .map(|r| {
            (
                r["removed"].clone(),
                (
                    r["fragmentation"].parse().unwrap(),
                    r["distance_weighted"].parse().unwrap(),
                    r["only_source"].parse().ok(),
                    r["main_source"].parse().ok(),
                ),
            )
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Checks the analysis of `dir` against networkx's values; returns how many key players
/// were measured (path measures with and without them).
fn check_against_networkx(dataset: &str, dir: &str) -> usize {
    let a = analyse(&root().join(dir));
    let want = reference(dataset);
    let ids = &a.dataset.people.ids;
    assert_eq!(want.len(), ids.len() + 1, "{dataset}");
    let contacts = Undirected::of(a.graph.influence(Questions::All));
    let whole = fragmentation(&contacts, None, None);
    let (f, df, _, _) = want[""];
    assert!(
        close(whole.fragmentation, f),
        "{dataset}: F {}",
        whole.fragmentation
    );
    assert!(
        close(whole.distance_weighted, df),
        "{dataset}: DF {}",
        whole.distance_weighted
    );
    let questions: Vec<_> = (0..a.dataset.questions.len())
        .filter(|&q| a.dataset.is_influence(q))
        .map(|q| a.graph.influence(Questions::One(q as u16)))
        .collect();
    let dependents = source_dependents(&questions, ids.len());
    let mut rises: Vec<(f64, usize)> = Vec::new();
    for (p, id) in ids.iter().enumerate() {
        let (f, df, only, main) = want[id.as_str()];
        let after = fragmentation(&contacts, Some(p as u32), None);
        assert!(close(after.fragmentation, f), "{dataset} without {id}");
        assert!(close(after.distance_weighted, df), "{dataset} without {id}");
        assert_eq!(
            (Some(dependents[p].0), Some(dependents[p].1)),
            (only, main),
            "{dataset}: sources of {id}"
        );
        rises.push((df, p));
    }
    // The key players the analysis measured carry the same values, and among those of
    // one risk level the larger rise in DF comes first, as networkx's values order them.
    let kp = &a.decisions.key_players;
    let measured: Vec<_> = kp.players.iter().filter(|k| k.after.is_some()).collect();
    for k in &measured {
        let (f, df, _, _) = want[ids[k.person as usize].as_str()];
        let after = k.after.unwrap();
        assert!(close(after.fragmentation, f) && close(after.distance_weighted, df));
        assert_eq!(
            (k.only_source, k.main_source),
            dependents[k.person as usize]
        );
    }
    for pair in measured.windows(2) {
        let df = |k: &orgsphere::decisions::KeyPlayer| want[ids[k.person as usize].as_str()].1;
        assert!(df(pair[0]) >= df(pair[1]), "{dataset}: key-player order");
    }
    // Measured key players come before the others.
    assert!(
        kp.players[..measured.len()]
            .iter()
            .all(|k| k.after.is_some())
    );
    if measured.is_empty() {
        assert!(kp.whole.is_none());
    } else {
        let w = kp
            .whole
            .expect("the whole layer is measured with its key players");
        assert!(close(w.distance_weighted, whole.distance_weighted));
    }
    measured.len()
}

#[test]
fn krackhardt_fragmentation_matches_networkx() {
    // VP 2, VP 18 and VP 21 (VALIDATION.md).
    assert_eq!(
        check_against_networkx("krackhardt", "sample-data/krackhardt"),
        3
    );
    // VP 2, named by 18 of 20 for advice, is the key player whose leaving raises DF most
    // (0.155 → 0.168); of everyone, only 15, who asks all 20 others for advice, raises it more
    // (0.171), and 15 is no candidate (neither high influence nor a broker).
    let a = analyse(&root().join("sample-data/krackhardt"));
    let top = &a.decisions.key_players.players[0];
    assert_eq!(a.dataset.people.ids[top.person as usize], "2");
    let want = reference("krackhardt");
    let mut by_rise: Vec<(&String, f64)> = want
        .iter()
        .filter(|(id, _)| !id.is_empty())
        .map(|(id, v)| (id, v.1))
        .collect();
    by_rise.sort_by(|x, y| y.1.total_cmp(&x.1));
    assert_eq!((by_rise[0].0.as_str(), by_rise[1].0.as_str()), ("15", "2"));
}

#[test]
fn cross_parker_consulting_fragmentation_matches_networkx() {
    // Nobody stands out in influence among the consultants: no key player.
    assert_eq!(
        check_against_networkx(
            "cross_parker_consulting",
            "tests/data/published/cross_parker_consulting",
        ),
        0
    );
}

#[test]
fn cross_parker_manufacturing_fragmentation_matches_networkx() {
    // The leader-managers 68 and 13 (VALIDATION.md).
    assert_eq!(
        check_against_networkx(
            "cross_parker_manufacturing",
            "tests/data/published/cross_parker_manufacturing",
        ),
        2
    );
}

/// On generated organisations of 1,000 people the greedy change agents reach half the
/// organisation within one step, and the people they reach, counted again from the
/// survey's ties, are those `change-agents.csv` states.
#[test]
fn change_agents_reach_the_stated_share_of_generated_organisations() {
    let w = Workdir::new();
    for seed in ["1", "2"] {
        let input = format!("gen-{seed}");
        let out = format!("out-{seed}");
        w.run(&[
            "generate", "--people", "1000", "--seed", seed, "--out", &input,
        ])
        .expect_code(0);
        w.run(&[
            "analyze",
            &input,
            "--out",
            &out,
            "--formats",
            "none",
            "--change-agents",
            "0",
        ])
        .expect_code(0);
        let rows = read_csv(&w.read(&format!("{out}/change-agents.csv")));
        let a = analyse(&w.join(&input));
        let g = a.graph.influence(Questions::All);
        let person: HashMap<&str, usize> = a
            .dataset
            .people
            .ids
            .iter()
            .enumerate()
            .map(|(p, id)| (id.as_str(), p))
            .collect();
        for steps in ["1", "2"] {
            let set: Vec<_> = rows.iter().filter(|r| r["steps"] == steps).collect();
            assert!(!set.is_empty());
            let mut reached: HashSet<usize> = HashSet::new();
            for r in &set {
                let v = person[r["employee_id"].as_str()];
                reached.insert(v);
                for &u in g.in_neighbors(v) {
                    reached.insert(u as usize);
                    if steps == "2" {
                        reached.extend(g.in_neighbors(u as usize).iter().map(|&x| x as usize));
                    }
                }
                assert_eq!(r["cumulative_reach"], reached.len().to_string());
            }
            let last = set.last().unwrap();
            let share: f64 = last["cumulative_reach_share"].parse().unwrap();
            assert!(share >= 0.5, "seed {seed}, {steps} steps: {share}");
            assert_eq!(last["suggested_agents"], set.len().to_string());
            // The agents spread: more than one department among them.
            let departments: HashSet<&str> = set.iter().map(|r| r["department"].as_str()).collect();
            assert!(departments.len() > 1, "seed {seed}");
        }
    }
}

/// `--key-player` names a person to assess at any size; an unknown id is a usage error
/// before the analysis; `--change-agents K` writes K agents per number of steps, and the
/// default run writes no change-agents.csv.
#[test]
fn key_player_and_change_agent_options() {
    let w = Workdir::new();
    let sample = root().join("sample-data");
    let sample = sample.to_str().unwrap();
    w.run(&["analyze", sample, "--out", "bad", "--key-player", "E9999"])
        .expect_code(64)
        .expect_stderr(&["--key-player", "E9999"]);
    w.run(&[
        "analyze",
        sample,
        "--out",
        "out",
        "--formats",
        "none",
        "--key-player",
        "E0200",
        "--change-agents",
        "3",
    ])
    .expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    let named = common::person(&people, "E0200");
    assert!(
        named["retention_risk"].contains("distance-weighted fragmentation"),
        "{}",
        named["retention_risk"]
    );
    // The planted informal leader E0086 is the only or main source of eight people and
    // has no one sought by the same people.
    let leader = &common::person(&people, "E0086")["retention_risk"];
    assert!(leader.starts_with("high: "), "{leader}");
    assert!(leader.contains("no backup"), "{leader}");
    let agents = read_csv(&w.read("out/change-agents.csv"));
    assert_eq!(agents.len(), 6);
    assert_eq!(agents[0]["employee_id"], "E0086");
    w.run(&["analyze", sample, "--out", "plain", "--formats", "none"])
        .expect_code(0);
    assert!(!w.join("plain/change-agents.csv").exists());
}

/// Two departments of five joined by one tie, each hanging on one person: both ends of
/// the tie are high retention risks, the only source of everyone who names them, with no
/// backup; when a colleague is named by the same people, that colleague is the backup.
#[test]
fn retention_risk_in_words() {
    let org = b"id,department\na1,A\na2,A\na3,A\na4,A\na5,A\nb1,B\nb2,B\nb3,B\nb4,B\nb5,B\n";
    let lonely = b"respondent_id,nominee_id,question\na2,a1,advice\na3,a1,advice\na4,a1,advice\na5,a1,advice\na1,b1,advice\nb2,b1,advice\nb3,b1,advice\nb4,b1,advice\nb5,b1,advice\n";
    let options = Options::default();
    let d = orgsphere::check_bytes(("org.csv", org), &[("s.csv", lonely)], &options).unwrap();
    let a = orgsphere::analyze_dataset(d, &options);
    let kp = &a.decisions.key_players;
    let words = kp.retention_risk(0).unwrap();
    assert_eq!(
        words,
        "high: the last tie between A and B; the only source on an influence question for \
         4 people; 4 people tied to no one else; distance-weighted fragmentation \
         0.459 → 0.806 and reach 100.0 % → 27.8 % without them; no backup: nobody is \
         sought by the same people or departments"
    );
    // By hand: two stars a2…a5 – a1 – b1 – b2…b5. Σ 1/d over unordered pairs: 9 at
    // distance 1, 20 at 2, 16 at 3 → 24.33, so DF = 1 − 48.67/90 = 0.459; without a1 only
    // b1's star of 5 is joined: 20 of 72 ordered pairs (27.8 %), Σ 1/d = 2 × (4 + 6/2),
    // DF = 1 − 14/72 = 0.806.
    let b1 = kp.retention_risk(5).unwrap();
    assert!(b1.starts_with("high: the last tie between A and B; the only source on an influence question for 5 people"), "{b1}");
    assert_eq!(kp.retention_risk(1), None);
    // a2…a5 name a2's colleague a3 too (a3 names a1 and a2): a3 is sought by the same people.
    let shared = b"respondent_id,nominee_id,question\na2,a1,advice\na3,a1,advice\na4,a1,advice\na5,a1,advice\na1,b1,advice\nb2,b1,advice\nb3,b1,advice\nb4,b1,advice\nb5,b1,advice\na2,a3,advice\na4,a3,advice\na5,a3,advice\n";
    let d = orgsphere::check_bytes(("org.csv", org), &[("s.csv", shared)], &options).unwrap();
    let a = orgsphere::analyze_dataset(d, &options);
    let k = a.decisions.key_players.get(0).unwrap();
    assert_eq!(k.backups.len(), 1);
    assert_eq!(a.dataset.people.ids[k.backups[0].person as usize], "a3");
    assert!(k.backups[0].same_people);
    let words = a.decisions.key_players.retention_risk(0).unwrap();
    assert!(
        words.ends_with("1 possible backup sought by the same people"),
        "{words}"
    );
}

/// The planted organisation of `tests/data/planted/` (written by `make_planted.py`): P0007
/// is the single point of failure — the only advice source of 18 people, the main one of
/// 9 more, nearly every tie out of Engineering — and P0008, asked for advice by 9 of the
/// same people, is the planted backup. The key-player section of `findings.json` ranks
/// P0007 first and names P0008 as her backup; the action says to plan it; the report
/// shows the section; pseudonymised, the same people appear by pseudonym only.
#[test]
fn the_planted_single_point_of_failure_is_the_top_key_player_with_her_backup() {
    let w = Workdir::new();
    let planted = root().join("tests/data/planted");
    let planted = planted.to_str().unwrap();
    w.run(&["analyze", planted, "--out", "out", "-q"])
        .expect_code(0);
    let json: serde_json::Value = serde_json::from_str(&w.read("out/findings.json")).unwrap();
    let list = json.as_array().unwrap();
    let key: Vec<&serde_json::Value> = list.iter().filter(|f| f["kind"] == "key-player").collect();
    assert!(key.len() >= 2, "{key:?}");
    let top = key[0];
    assert_eq!(top["evidence"]["rank"], 1);
    assert_eq!(top["people"][0], "P0007");
    assert_eq!(top["people"][1], "P0008", "{top}");
    assert_eq!(top["severity"], "high");
    assert_eq!(top["evidence"]["only_source_for"], 18);
    assert_eq!(top["evidence"]["main_source_for"], 9);
    let summary = top["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("key player 1: P0007; what their leaving costs:"),
        "{summary}"
    );
    assert!(
        summary.ends_with("possible backups, sought by the same people: P0008"),
        "{summary}"
    );
    let action = top["action"].as_str().unwrap();
    assert!(
        action.starts_with("Plan a backup for P0007: involve P0008"),
        "{action}"
    );
    // Her leaving raises distance-weighted fragmentation more than anyone else's.
    let rise = |f: &serde_json::Value| {
        f["evidence"]["distance_weighted_fragmentation_without"]
            .as_f64()
            .unwrap()
            - f["evidence"]["distance_weighted_fragmentation"]
                .as_f64()
                .unwrap()
    };
    for other in &key[1..] {
        if other["evidence"]
            .get("distance_weighted_fragmentation_without")
            .is_some()
        {
            assert!(rise(top) > rise(other), "{other}");
        }
    }
    // The key-player section comes after every other finding, and every finding has an
    // action in words.
    let first_key = list.iter().position(|f| f["kind"] == "key-player").unwrap();
    assert!(
        list[first_key..]
            .iter()
            .all(|f| f["kind"] == "key-player" || f["kind"] == "change-agents")
    );
    assert!(
        list.iter()
            .all(|f| f["action"].as_str().is_some_and(|a| a.len() > 20)),
        "{list:?}"
    );
    let agents = list.iter().find(|f| f["kind"] == "change-agents").unwrap();
    assert!(
        agents["evidence"]["reach_share_two_steps"]
            .as_f64()
            .unwrap()
            >= 0.5
    );
    // findings.csv carries the same action in its last column.
    let csv = read_csv(&w.read("out/findings.csv"));
    let row = csv.iter().find(|r| r["kind"] == "key-player").unwrap();
    assert_eq!(row["people"], "P0007;P0008");
    assert_eq!(row["action"], action);
    // The report shows the section, people by name.
    let report = w.read("out/report.html");
    let section = &report[report.find("id=\"key-players\"").unwrap()..];
    assert!(section.contains("Kim Baker (P0007)"), "key players section");
    assert!(section.contains("Bo Lindqvist (P0008)"));
    // Pseudonymised: the same two people, by pseudonym, and no id or name.
    w.run_with_env(
        &[
            "analyze",
            planted,
            "--out",
            "pseudo",
            "-q",
            "--pseudonymize",
        ],
        ("ORGSPHERE_KEY", "0123456789abcdef0123"),
    )
    .expect_code(0);
    let people = read_csv(&w.read("pseudo/people.csv"));
    let top_risk = people
        .iter()
        .find(|p| {
            p["retention_risk"]
                .starts_with("high: the only source on an influence question for 18 people")
        })
        .unwrap();
    let pseudo: serde_json::Value = serde_json::from_str(&w.read("pseudo/findings.json")).unwrap();
    let top = pseudo
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "key-player")
        .unwrap();
    assert_eq!(top["people"][0].as_str().unwrap(), top_risk["employee_id"]);
    for file in [
        "pseudo/findings.json",
        "pseudo/findings.csv",
        "pseudo/report.html",
    ] {
        let text = w.read(file);
        for secret in ["P0007", "P0008", "Kim Baker", "Bo Lindqvist"] {
            assert!(!text.contains(secret), "{file} shows {secret}");
        }
    }
}
