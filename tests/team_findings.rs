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
    let options = Options {
        bootstrap: 0,
        ..Options::default()
    };
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
