//! Perceptions (cognitive social structures): Krackhardt's 21 managers against the Python
//! reference (`tests/data/css_reference.py`), the input forms and their warnings, and the
//! sample company's planted blind spot.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use common::{read_csv, root};
use orgsphere::options::Inputs;
use orgsphere::{Analysis, Options};

fn krackhardt() -> Analysis {
    let dir = root().join("sample-data/krackhardt");
    let options = Options::new(
        Inputs {
            org: dir.join("org.csv"),
            surveys: vec![dir.join("survey.csv")],
            perceptions: vec![root().join("tests/data/published/krackhardt_css/css.csv")],
        },
        PathBuf::new(),
    );
    let dataset = orgsphere::check(&options).unwrap();
    orgsphere::analyze_dataset(dataset, &options)
}

fn reference(name: &str) -> Vec<HashMap<String, String>> {
    read_csv(&std::fs::read_to_string(root().join("tests/data").join(name)).unwrap())
}

fn question(a: &Analysis, name: &str) -> Option<u16> {
    Some(a.dataset.questions.iter().position(|q| q == name).unwrap() as u16)
}

#[test]
fn krackhardt_structures_equal_the_published_ones() {
    let a = krackhardt();
    let p = a.perception.as_ref().unwrap();
    for r in reference("css_reference_structures.csv") {
        let s = p
            .measured
            .structures
            .iter()
            .find(|s| s.target == question(&a, &r["relation"]))
            .unwrap();
        assert_eq!(s.perceivers, 21);
        let ours = [
            s.row_las,
            s.column_las,
            s.las_intersection,
            s.las_union,
            s.consensus,
        ]
        .map(|v| v.to_string());
        let theirs = [
            "row_las",
            "column_las",
            "las_intersection",
            "las_union",
            "consensus",
        ]
        .map(|k| r[k].clone());
        assert_eq!(ours, theirs, "{}", r["relation"]);
    }
    // The published values (reference.md of the data set): advice 129 / 276 / 95,
    // friendship 51 / 150 / 11.
    let advice = &p.measured.structures[0];
    assert_eq!(
        (advice.las_intersection, advice.las_union, advice.consensus),
        (129, 276, 95)
    );
}

#[test]
fn krackhardt_accuracy_matches_the_python_reference() {
    let a = krackhardt();
    let p = a.perception.as_ref().unwrap();
    let mut checked = 0;
    for r in reference("css_reference_perceivers.csv") {
        if r["against"] != "row" {
            continue;
        }
        let target = question(&a, &r["relation"]);
        let k = a
            .dataset
            .people
            .ids
            .iter()
            .position(|id| *id == r["perceiver"])
            .unwrap() as u32;
        let acc = p
            .measured
            .accuracy
            .iter()
            .find(|x| x.view.target == target && x.view.perceiver == k)
            .unwrap();
        let c = acc.confusion;
        assert_eq!(
            [c.hits, c.misses, c.false_alarms, c.correct_rejections].map(|v| v.to_string()),
            ["hits", "misses", "false_alarms", "correct_rejections"].map(|k| r[k].clone()),
            "{} perceiver {}",
            r["relation"],
            r["perceiver"]
        );
        let close = |ours: Option<f64>, key: &str| {
            let theirs: f64 = r[key].parse().unwrap();
            assert!(
                (ours.unwrap() - theirs).abs() < 1e-9,
                "{key} of {}: {ours:?} vs {theirs}",
                r["perceiver"]
            );
        };
        close(c.hit_rate(), "hit_rate");
        close(c.false_alarm_rate(), "false_alarm_rate");
        close(c.kappa(), "kappa");
        if r["relation"] == "advice" {
            // Advice is the one influence question: the pooled accuracy is its kappa.
            close(p.accuracy[k as usize], "kappa");
        }
        checked += 1;
    }
    assert_eq!(checked, 42);
    for r in reference("css_reference_people.csv") {
        if r["relation"] != "advice" {
            continue;
        }
        let x = a
            .dataset
            .people
            .ids
            .iter()
            .position(|id| *id == r["person"])
            .unwrap();
        assert_eq!(
            p.measured.perceived_in_degree[x].to_string(),
            r["perceived_in_degree"],
            "perceived in-degree of {}",
            r["person"]
        );
        assert_eq!(a.metrics.combined.in_degree[x].to_string(), r["in_degree"]);
    }
}

#[test]
fn krackhardt_accuracy_against_power_matches_the_reference() {
    let a = krackhardt();
    let p = a.perception.as_ref().unwrap();
    assert_eq!(p.power.len(), 3);
    for r in reference("css_reference_power.csv") {
        if r["relation"] != "advice" {
            continue;
        }
        let t = p.power.iter().find(|t| t.power == r["power"]).unwrap();
        assert_eq!(t.perceivers, 21);
        let theirs: f64 = r["spearman"].parse().unwrap();
        // The level is orgsphere's depth (CEO 0) against the data set's level column (CEO
        // 1): the same order, so the same ranks.
        assert!(
            (t.spearman.unwrap() - theirs).abs() < 1e-9,
            "{}: {:?} vs {theirs}",
            r["power"],
            t.spearman
        );
        // Two permutation tests with different generators: close, not equal.
        let pr: f64 = r["permutation_p"].parse().unwrap();
        assert!(
            (t.p_value.unwrap() - pr).abs() < 0.015,
            "{}: p {:?} vs {pr}",
            r["power"],
            t.p_value
        );
    }
    assert!(a.findings.iter().any(|f| f.kind == "perception-and-power"));
}
