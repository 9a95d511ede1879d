//! `orgsphere generate` → `orgsphere analyze`: orgsphere finds what was planted. The
//! thresholds are the measured results with a margin (README, "How well it finds what was
//! planted"); a change that makes detection worse fails here.

mod common;

use std::collections::BTreeSet;

use common::{Workdir, read_csv};

struct Score {
    precision: f64,
    recall: f64,
    weak_named: f64,
    silo_found: bool,
}

fn score(people: usize, seed: u64) -> Score {
    let w = Workdir::new();
    let (n, s) = (people.to_string(), seed.to_string());
    w.run(&["generate", "--people", &n, "--seed", &s, "--out", "org"])
        .expect_code(0);
    w.run(&["analyze", "org", "--out", "out", "--bootstrap", "20"])
        .expect_code(0);
    let truth = read_csv(&w.read("org/truth.csv"));
    let people = read_csv(&w.read("out/people.csv"));
    let findings = read_csv(&w.read("out/findings.csv"));
    let planted: BTreeSet<&str> = truth
        .iter()
        .filter(|t| t["informal_leader"] == "true")
        .map(|t| t["employee_id"].as_str())
        .collect();
    let found: BTreeSet<&str> = people
        .iter()
        .filter(|p| p["role"] == "informal-leader")
        .map(|p| p["employee_id"].as_str())
        .collect();
    let weak: BTreeSet<&str> = truth
        .iter()
        .filter(|t| t["weak_manager"] == "true")
        .map(|t| t["employee_id"].as_str())
        .collect();
    let named: BTreeSet<&str> = findings
        .iter()
        .filter(|f| f["kind"] == "manager-without-influence")
        .flat_map(|f| f["people"].split(';'))
        .collect();
    let silo = truth
        .iter()
        .find(|t| !t["silo_department"].is_empty())
        .map(|t| t["silo_department"].clone());
    let tp = planted.intersection(&found).count() as f64;
    Score {
        precision: tp / found.len().max(1) as f64,
        recall: tp / planted.len().max(1) as f64,
        weak_named: weak.intersection(&named).count() as f64 / weak.len().max(1) as f64,
        silo_found: silo.is_some_and(|s| {
            findings
                .iter()
                .any(|f| f["kind"] == "silo" && f["group"] == s)
        }),
    }
}

#[test]
fn finds_planted_leaders_weak_managers_and_the_silo() {
    // Measured: precision 0.90, recall 0.90, weak managers 17/20, silo found.
    let s = score(2000, 2);
    assert!(s.precision >= 0.85, "precision {}", s.precision);
    assert!(s.recall >= 0.85, "recall {}", s.recall);
    assert!(s.weak_named >= 0.7, "weak managers named {}", s.weak_named);
    assert!(s.silo_found);
}

/// The people `truth.csv` marks `true` in `column`.
fn marked<'a>(
    truth: &'a [std::collections::HashMap<String, String>],
    column: &str,
) -> Vec<&'a str> {
    truth
        .iter()
        .filter(|t| t[column] == "true")
        .map(|t| t["employee_id"].as_str())
        .collect()
}

/// The dense roster surveys of issue 15 (`tests/scripts/dense_accuracy.py` prints the
/// same per organisation): 60, 150, 400 and 1,000 people, seeds 1–3. Planted informal
/// leaders found with pooled precision and recall of at least 0.9, at least one in every
/// organisation, and no friendship-only or conflict-only person named high influence.
/// Measured: precision 0.95 (5 ordinary people named beside 96 planted), recall 96 of 96.
#[test]
fn dense_roster_surveys_name_their_planted_leaders() {
    let (mut planted_total, mut found_total, mut hits_total) = (0, 0, 0);
    for people in ["60", "150", "400", "1000"] {
        for seed in ["1", "2", "3"] {
            let w = Workdir::new();
            w.run(&[
                "generate", "--roster", "--people", people, "--seed", seed, "--out", "org",
            ])
            .expect_code(0);
            w.run(&[
                "analyze",
                "org",
                "--out",
                "out",
                "--formats",
                "none",
                "--bootstrap",
                "0",
            ])
            .expect_code(0);
            let truth = read_csv(&w.read("org/truth.csv"));
            let roles: std::collections::BTreeMap<String, String> =
                read_csv(&w.read("out/people.csv"))
                    .into_iter()
                    .map(|p| (p["employee_id"].clone(), p["role"].clone()))
                    .collect();
            let marked =
                |column: &str| -> BTreeSet<&str> { marked(&truth, column).into_iter().collect() };
            let planted = marked("informal_leader");
            let found: BTreeSet<&str> = roles
                .iter()
                .filter(|(_, r)| r.as_str() == "informal-leader")
                .map(|(i, _)| i.as_str())
                .collect();
            let hits = planted.intersection(&found).count();
            assert!(
                hits > 0,
                "{people} people, seed {seed}: no planted leader found"
            );
            for decoy in marked("friendship_only").union(&marked("conflict_only")) {
                let role = roles[*decoy].as_str();
                assert!(
                    role != "informal-leader" && role != "leader-manager",
                    "{people} people, seed {seed}: {decoy} ({role})"
                );
            }
            planted_total += planted.len();
            found_total += found.len();
            hits_total += hits;
        }
    }
    let precision = hits_total as f64 / found_total as f64;
    let recall = hits_total as f64 / planted_total as f64;
    assert!(
        precision >= 0.9,
        "precision {precision} ({hits_total} of {found_total})"
    );
    assert!(
        recall >= 0.9,
        "recall {recall} ({hits_total} of {planted_total})"
    );
}

#[test]
fn generation_is_deterministic_for_a_seed() {
    let w = Workdir::new();
    w.run(&["generate", "--people", "300", "--seed", "9", "--out", "a"])
        .expect_code(0);
    w.run(&["generate", "--people", "300", "--seed", "9", "--out", "b"])
        .expect_code(0);
    w.run(&["generate", "--people", "300", "--seed", "10", "--out", "c"])
        .expect_code(0);
    for file in [
        "org.csv",
        "survey-advice.csv",
        "survey-trust.csv",
        "truth.csv",
    ] {
        assert_eq!(
            w.read(&format!("a/{file}")),
            w.read(&format!("b/{file}")),
            "{file}"
        );
    }
    assert_ne!(w.read("a/survey-advice.csv"), w.read("c/survey-advice.csv"));
    let org = read_csv(&w.read("a/org.csv"));
    assert_eq!(org.len(), 300);
    // Everyone with reports has a managerial title; nobody else does.
    let managers: BTreeSet<&str> = org
        .iter()
        .map(|p| p["manager_id"].as_str())
        .filter(|m| !m.is_empty())
        .collect();
    let re = orgsphere::options::manager_title_regex(orgsphere::options::DEFAULT_MANAGER_TITLES)
        .unwrap();
    for p in &org {
        assert_eq!(
            managers.contains(p["employee_id"].as_str()),
            re.is_match(&p["title"]),
            "{} {}",
            p["employee_id"],
            p["title"]
        );
    }
}

#[test]
fn a_folder_generate_wrote_is_replaced_and_other_folders_are_not() {
    let w = Workdir::new();
    w.run(&["generate", "--people", "60", "--seed", "1", "--out", "org"])
        .expect_code(0);
    let first = w.read("org/org.csv");
    w.run(&["generate", "--people", "80", "--seed", "2", "--out", "org"])
        .expect_code(0);
    assert_ne!(w.read("org/org.csv"), first, "the folder was not replaced");
    assert_eq!(read_csv(&w.read("org/org.csv")).len(), 80);
    // A folder of someone's own files, even one named truth.csv, stays as it is.
    w.write("mine/truth.csv", "id,verdict\n1,guilty\n");
    w.write("mine/notes.txt", "precious");
    let run = w.run(&["generate", "--people", "60", "--out", "mine"]);
    run.expect_code(73);
    assert!(run.stderr.contains("did not write"), "{}", run.stderr);
    assert_eq!(w.read("mine/notes.txt"), "precious");
}

#[test]
fn a_size_beyond_the_limit_is_a_usage_error_not_a_panic_or_a_huge_allocation() {
    let w = Workdir::new();
    let limit = orgsphere::generate::MAX_PEOPLE.to_string();
    let over = (orgsphere::generate::MAX_PEOPLE + 1).to_string();
    // The first once panicked (exit 101); the second asked for hundreds of gigabytes.
    for n in ["18446744073709551615", "4294967296", &over, "1"] {
        w.run(&["generate", "--people", n, "--out", "org"])
            .expect_code(64)
            .expect_stderr(&["--people", &limit]);
    }
    assert!(!w.join("org").exists());
    let help = w.run(&["generate", "--help"]);
    assert!(help.stdout.contains(&limit), "{}", help.stdout);
}

/// One question of a roster organisation: its ties and its respondents.
struct Question {
    ties: BTreeSet<(String, String)>,
    respondents: BTreeSet<String>,
}

impl Question {
    fn read(w: &Workdir, name: &str) -> Question {
        let rows = read_csv(&w.read(&format!("org/survey-{name}.csv")));
        Question {
            ties: rows
                .iter()
                .filter(|r| !r["nominee_id"].is_empty())
                .map(|r| (r["respondent_id"].clone(), r["nominee_id"].clone()))
                .collect(),
            respondents: rows.iter().map(|r| r["respondent_id"].clone()).collect(),
        }
    }

    /// How many respondents name `id`.
    fn named(&self, id: &str) -> usize {
        self.ties.iter().filter(|(_, x)| x == id).count()
    }

    fn density(&self, people: usize) -> f64 {
        self.ties.len() as f64 / (self.respondents.len() * (people - 1)) as f64
    }
}

#[test]
fn roster_mode_draws_a_dense_survey_with_the_documented_properties() {
    let w = Workdir::new();
    w.run(&[
        "generate", "--roster", "--people", "150", "--seed", "1", "--out", "org",
    ])
    .expect_code(0);
    let org = read_csv(&w.read("org/org.csv"));
    let truth = read_csv(&w.read("org/truth.csv"));
    assert!(w.read("org/truth.csv").starts_with(
        "employee_id,informal_leader,weak_manager,silo_department,friendship_only,conflict_only\n"
    ));
    let [advice, friendship, cowork, conflict] =
        ["advice", "friendship", "cowork", "conflict"].map(|q| Question::read(&w, q));
    let n = org.len();
    assert_eq!(n, 150);
    for q in [&friendship, &cowork, &conflict] {
        assert_eq!(
            q.respondents, advice.respondents,
            "everyone answers every question"
        );
    }
    // The advice density is the documented one, plus the managers' and leaders' ties.
    let d = orgsphere::generate::default_density(n);
    let density = advice.density(n);
    assert!(
        (d..d + 0.04).contains(&density),
        "density {density}, model {d}"
    );
    assert!((0.5 * d..0.7 * d).contains(&friendship.density(n)));
    assert!((0.7 * d..0.9 * d).contains(&cowork.density(n)));

    let is = |id: &str, column: &str| {
        truth
            .iter()
            .any(|t| t["employee_id"] == id && t[column] == "true")
    };
    let managers: BTreeSet<&str> = org.iter().map(|p| p["manager_id"].as_str()).collect();
    // Reports name their manager for advice with probability 0.85 (weak managers 0.08).
    let (mut asked, mut named, mut weak_asked, mut weak_named) = (0, 0, 0, 0);
    for p in org
        .iter()
        .filter(|p| advice.respondents.contains(&p["employee_id"]))
    {
        let m = &p["manager_id"];
        if m.is_empty() {
            continue;
        }
        let names = advice.ties.contains(&(p["employee_id"].clone(), m.clone()));
        if is(m, "weak_manager") {
            (weak_asked, weak_named) = (weak_asked + 1, weak_named + names as usize);
        } else {
            (asked, named) = (asked + 1, named + names as usize);
        }
    }
    let share = named as f64 / asked as f64;
    assert!(
        (0.75..0.95).contains(&share),
        "reports name their manager: {share}"
    );
    assert!(
        weak_asked > 0 && weak_named * 3 < weak_asked,
        "{weak_named} of {weak_asked}"
    );

    // Ordinary individual contributors' counts are overdispersed as in real roster data
    // (beta-binomial intra-class correlation 0.03 in the model).
    let planted = |id: &str| {
        ["informal_leader", "friendship_only", "conflict_only"]
            .iter()
            .any(|c| is(id, c))
    };
    let ordinary: Vec<f64> = org
        .iter()
        .map(|p| p["employee_id"].as_str())
        .filter(|id| !managers.contains(id) && !planted(id))
        .map(|id| advice.named(id) as f64)
        .collect();
    let m = (advice.respondents.len() - 1) as f64;
    let mean = ordinary.iter().sum::<f64>() / ordinary.len() as f64;
    let var =
        ordinary.iter().map(|k| (k - mean).powi(2)).sum::<f64>() / (ordinary.len() - 1) as f64;
    let mu = mean / m;
    let icc = (var / (m * mu * (1.0 - mu)) - 1.0) / (m - 1.0);
    assert!((0.01..0.06).contains(&icc), "intra-class correlation {icc}");
    let most = ordinary.iter().copied().fold(0.0, f64::max);

    let ids = |column: &str| marked(&truth, column);
    let respondents = advice.respondents.len();
    let leaders = ids("informal_leader");
    assert_eq!(leaders.len(), 3, "2 % of 150");
    for l in &leaders {
        assert!(!managers.contains(l), "{l} is an individual contributor");
        assert!(
            advice.named(l) as f64 > most,
            "{l}: {} vs ordinary {most}",
            advice.named(l)
        );
    }
    let friends = ids("friendship_only");
    assert_eq!(friends.len(), 3);
    for f in &friends {
        let (fr, ad) = (friendship.named(f), advice.named(f));
        assert!(
            fr >= 2 * ad && 2 * fr >= respondents,
            "{f}: friendship {fr}, advice {ad}"
        );
        assert!((ad as f64) < most, "{f} is ordinary for advice: {ad}");
    }
    let foes = ids("conflict_only");
    assert_eq!(foes.len(), 3);
    let others = org
        .iter()
        .map(|p| p["employee_id"].as_str())
        .filter(|id| !foes.contains(id))
        .map(|id| conflict.named(id))
        .max()
        .unwrap();
    for f in &foes {
        let named = conflict.named(f);
        assert!(
            named > 2 * others && 5 * named >= respondents,
            "{f}: conflict {named}, others ≤ {others}"
        );
        assert!(
            (advice.named(f) as f64) < most,
            "{f} is ordinary for advice"
        );
    }
    // Conflict is sparse apart from the conflict-only people.
    let ordinary_conflict = conflict
        .ties
        .iter()
        .filter(|(_, x)| !foes.contains(&x.as_str()))
        .count();
    let conflict_density = ordinary_conflict as f64 / (respondents * (n - 1)) as f64;
    assert!(
        (0.005..0.035).contains(&conflict_density),
        "conflict density {conflict_density}"
    );
}

#[test]
fn roster_generation_is_deterministic_and_its_folder_is_replaced() {
    let w = Workdir::new();
    let roster = |seed: &str, out: &str| {
        w.run(&[
            "generate", "--roster", "--people", "60", "--seed", seed, "--out", out,
        ])
        .expect_code(0);
    };
    roster("4", "a");
    roster("4", "b");
    roster("5", "c");
    let files = [
        "org.csv",
        "survey-advice.csv",
        "survey-friendship.csv",
        "survey-cowork.csv",
        "survey-conflict.csv",
        "truth.csv",
    ];
    for file in files {
        assert_eq!(
            w.read(&format!("a/{file}")),
            w.read(&format!("b/{file}")),
            "{file}"
        );
    }
    assert_ne!(w.read("a/survey-advice.csv"), w.read("c/survey-advice.csv"));
    // A roster folder is known as generate's: a new run replaces it.
    w.run(&["generate", "--people", "80", "--out", "a"])
        .expect_code(0);
    assert_eq!(read_csv(&w.read("a/org.csv")).len(), 80);
    assert!(!w.join("a/survey-friendship.csv").exists());
}

#[test]
fn roster_settings_out_of_range_are_usage_errors() {
    let w = Workdir::new();
    for (args, needle) in [
        (&["--density", "0.2"][..], "--roster"),
        (&["--roster", "--density", "0.9"][..], "--density"),
        (&["--roster", "--density", "0.01"][..], "--density"),
    ] {
        let mut all = vec!["generate", "--people", "100", "--out", "org"];
        all.extend(args);
        w.run(&all).expect_code(64).expect_stderr(&[needle]);
    }
    w.run(&["generate", "--roster", "--people", "5001", "--out", "org"])
        .expect_code(64)
        .expect_stderr(&["--roster", "5000 people"]);
    assert!(w.entries().is_empty(), "{:?}", w.entries());
}
