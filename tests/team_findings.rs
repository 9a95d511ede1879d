//! Team findings survive chance: on organisations where every respondent names colleagues
//! at random inside their own team (nothing planted), shadow leadership and managers
//! without influence stay at low severity at most.

use std::fmt::Write as _;

use orgsphere::findings::{Finding, Severity};
use orgsphere::rng::SplitMix64;
use orgsphere::{Options, analyze_dataset, check_bytes};

/// A random organisation of `people` (60–300) in teams of 3–10 under their managers, and
/// a survey in which each respondent (80–100 % of everyone) names `k` colleagues drawn at
/// random from their own team: their manager, the people who share that manager, and
/// their own direct reports, each as likely as any other. `k` is drawn for each
/// respondent from `lo..=hi` (at most the size of their team).
fn random_teams(seed: u64, lo: u64, hi: u64) -> (String, String) {
    let mut rng = SplitMix64::new(seed);
    let people = 60 + rng.below(241) as usize;
    let mut manager: Vec<Option<usize>> = vec![None];
    let mut queue = std::collections::VecDeque::from([0usize]);
    while manager.len() < people {
        let m = queue.pop_front().expect("every report can lead a team");
        for _ in 0..3 + rng.below(8) {
            if manager.len() == people {
                break;
            }
            queue.push_back(manager.len());
            manager.push(Some(m));
        }
    }
    let mut reports = vec![Vec::new(); people];
    for (p, m) in manager.iter().enumerate() {
        if let Some(m) = m {
            reports[*m].push(p);
        }
    }
    // Departments: the branch under each of the top manager's reports.
    let department = |mut p: usize| {
        while let Some(m) = manager[p] {
            if m == 0 {
                return format!("D{p}");
            }
            p = m;
        }
        "Board".to_string()
    };
    let mut org = String::from("employee_id,manager_id,title,department\n");
    for p in 0..people {
        let boss = manager[p].map_or(String::new(), |m| format!("P{m}"));
        let title = if reports[p].is_empty() {
            "Analyst"
        } else {
            "Manager"
        };
        writeln!(org, "P{p},{boss},{title},{}", department(p)).unwrap();
    }
    let response = 0.8 + 0.2 * rng.unit();
    let mut survey = String::from("respondent_id,nominee_id,question\n");
    for p in 0..people {
        if rng.unit() >= response {
            continue;
        }
        let mut team: Vec<usize> = reports[p].clone();
        if let Some(m) = manager[p] {
            team.push(m);
            team.extend(reports[m].iter().filter(|&&x| x != p));
        }
        let k = (lo + rng.below(hi - lo + 1)) as usize;
        for i in rng.sample(team.len(), k.min(team.len())) {
            writeln!(survey, "P{p},P{},advice", team[i]).unwrap();
        }
    }
    (org, survey)
}

fn findings(org: &str, survey: &str) -> Vec<Finding> {
    let mut options = Options::default();
    options.roles.bootstrap = 0;
    let d = check_bytes(
        ("org.csv", org.as_bytes()),
        &[("survey.csv", survey.as_bytes())],
        &options,
    )
    .unwrap();
    analyze_dataset(d, &options).findings
}

#[test]
fn random_nominations_inside_teams_raise_no_team_finding_above_low() {
    // Few or many names each, as surveys ask: "name up to two", "name up to five" …
    let ranges = [(1, 2), (1, 4), (2, 5), (1, 6)];
    let mut raised = Vec::new();
    let mut low = 0;
    for seed in 0..24u64 {
        let (lo, hi) = ranges[seed as usize % ranges.len()];
        let (org, survey) = random_teams(1000 + seed, lo, hi);
        for f in findings(&org, &survey) {
            if !matches!(f.kind, "shadow-leadership" | "manager-without-influence") {
                continue;
            }
            if f.severity < Severity::Low {
                raised.push(format!(
                    "seed {seed}: {} {:?} {:?}",
                    f.kind, f.severity, f.evidence
                ));
            } else {
                low += 1;
            }
        }
    }
    assert!(raised.is_empty(), "{raised:#?}");
    // The test can fail: the same organisations do carry low findings, worth a look.
    assert!(low > 0);
}

/// A background organisation of eight teams of four to eight whose reports name their
/// manager and none to two colleagues for advice (and their manager for trust), so that
/// reports across the organisation name their manager; the CEO and the survey headers
/// included. `teams` adds teams under the CEO: (manager, reports).
fn background(teams: &[(&str, usize)]) -> (String, String, String) {
    let mut org =
        String::from("employee_id,manager_id,name,title,department\nC,,Chief,CEO,Board\n");
    let mut advice = String::from("respondent_id,nominee_id,question\n");
    let mut trust = advice.clone();
    for b in 1..=8 {
        let dept = if b % 2 == 0 { "Ops" } else { "Sales" };
        let size = 4 + b % 5;
        writeln!(org, "B{b},C,Boss {b},Manager,{dept}").unwrap();
        for i in 1..=size {
            writeln!(org, "B{b}-{i},B{b},Person {b}-{i},Analyst,{dept}").unwrap();
            writeln!(advice, "B{b}-{i},B{b},advice").unwrap();
            for step in 1..=(i + b) % 3 {
                writeln!(advice, "B{b}-{i},B{b}-{},advice", (i + step - 1) % size + 1).unwrap();
            }
            writeln!(trust, "B{b}-{i},B{b},trust").unwrap();
        }
    }
    for &(m, n) in teams {
        writeln!(org, "{m},C,Lead {m},Manager,Ops").unwrap();
        for i in 1..=n {
            writeln!(org, "{m}{i},{m},Member {m}{i},Analyst,Ops").unwrap();
        }
    }
    (org, advice, trust)
}

fn analyse(org: &str, surveys: &[&str]) -> orgsphere::Analysis {
    let mut options = Options::default();
    options.roles.bootstrap = 0;
    let named: Vec<(String, &[u8])> = surveys
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("survey{i}.csv"), s.as_bytes()))
        .collect();
    let files: Vec<(&str, &[u8])> = named.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let d = check_bytes(("org.csv", org.as_bytes()), &files, &options).unwrap();
    analyze_dataset(d, &options)
}

fn person(a: &orgsphere::Analysis, id: &str) -> u32 {
    a.dataset.people.ids.iter().position(|x| x == id).unwrap() as u32
}

/// The team findings about `manager`, with their summaries written with ids.
fn team_findings_of<'a>(a: &'a orgsphere::Analysis, manager: &str) -> Vec<(&'a Finding, String)> {
    let m = person(a, manager);
    a.findings
        .iter()
        .filter(|f| {
            matches!(f.kind, "shadow-leadership" | "manager-without-influence") && f.people[0] == m
        })
        .map(|f| {
            let text = f.summary.plain(|p| a.dataset.people.ids[p].clone());
            (f, text)
        })
        .collect()
}

fn evidence(f: &Finding, name: &str) -> f64 {
    f.evidence
        .iter()
        .find(|(k, _)| *k == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", f.evidence))
        .1
}

#[test]
fn a_nominee_is_not_counted_among_the_reports_who_name_them() {
    // M's seven reports all answer; M2–M7 name M1, M1 names M2; nobody names M.
    let (org, mut advice, _) = background(&[("M", 7)]);
    for i in 2..=7 {
        writeln!(advice, "M{i},M1,advice").unwrap();
    }
    advice.push_str("M1,M2,advice\n");
    let a = analyse(&org, &[&advice]);
    let found = team_findings_of(&a, "M");
    let (shadow, text) = found
        .iter()
        .find(|(f, _)| f.kind == "shadow-leadership")
        .expect("a shadow-leadership finding");
    assert_eq!(shadow.people[1], person(&a, "M1"));
    // M1 cannot name themself: 6 of the other 6, not 6 of 7.
    assert_eq!(evidence(shadow, "naming_the_other_person"), 6.0);
    assert_eq!(evidence(shadow, "reports_who_could_name_them"), 6.0);
    assert_eq!(evidence(shadow, "responding_reports"), 7.0);
    assert!(
        text.starts_with("6 of the other 6 responding reports of M name M1 for advice"),
        "{text}"
    );
    assert!(shadow.severity <= Severity::Medium, "{:?}", shadow.severity);
}

#[test]
fn a_managers_reason_and_finding_give_the_same_counts() {
    // M's reports go to M1 for advice but trust M: the team findings read advice, and so
    // must M's reason.
    let (org, mut advice, mut trust) = background(&[("M", 7)]);
    for i in 2..=7 {
        writeln!(advice, "M{i},M1,advice").unwrap();
    }
    advice.push_str("M1,M2,advice\n");
    for i in 1..=7 {
        writeln!(trust, "M{i},M,trust").unwrap();
    }
    let a = analyse(&org, &[&advice, &trust]);
    let found = team_findings_of(&a, "M");
    let (weak, text) = found
        .iter()
        .find(|(f, _)| f.kind == "manager-without-influence")
        .expect("a manager-without-influence finding");
    assert!(weak.severity <= Severity::Medium, "{:?}", weak.severity);
    assert!(
        text.starts_with("only 0 of 7 responding reports of M name them for advice"),
        "{text}"
    );
    let reason = &a.classification.reason[person(&a, "M") as usize];
    assert!(
        reason.contains("; 0 of 7 responding reports name them for advice"),
        "{reason}"
    );
    // A manager whose reports name them in both: the same count in both places.
    let reason = &a.classification.reason[person(&a, "B1") as usize];
    assert!(
        reason.contains("; 5 of 5 responding reports name them for advice"),
        "{reason}"
    );
}

#[test]
fn teams_below_the_minimum_size_get_at_most_low() {
    // S's three reports all answer: S2 and S3 name S1, S1 names S2, nobody names S. As
    // lopsided as three answers can be, and still three answers.
    let (org, mut advice, _) = background(&[("S", 3)]);
    advice.push_str("S2,S1,advice\nS3,S1,advice\nS1,S2,advice\n");
    let a = analyse(&org, &[&advice]);
    let found = team_findings_of(&a, "S");
    assert!(!found.is_empty(), "{:?}", a.findings);
    for (f, text) in &found {
        assert_eq!(f.severity, Severity::Low, "{} {text}", f.kind);
    }
    // The same answers from seven reports are high.
    let (org, mut advice, _) = background(&[("S", 7)]);
    for i in 2..=7 {
        writeln!(advice, "S{i},S1,advice").unwrap();
    }
    advice.push_str("S1,S2,advice\n");
    let a = analyse(&org, &[&advice]);
    let weak = team_findings_of(&a, "S")
        .into_iter()
        .find(|(f, _)| f.kind == "manager-without-influence")
        .unwrap();
    assert_eq!(weak.0.severity, Severity::High, "{}", weak.1);
}
