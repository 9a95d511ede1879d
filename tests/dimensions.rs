//! How people lead: leadership dimensions, the direction kind, the profile per
//! person and the four findings, on `tests/data/dimensions-sample` (written by its
//! `make_sample.py`, with the planted profiles its header lists) and on surveys that ask
//! nothing of how people lead.

mod common;

use std::path::Path;

use common::Workdir;
use orgsphere::options::{Dimension, DimensionSetting};
use orgsphere::{Options, analyze_dataset, check};

const SAMPLE: &str = "tests/data/dimensions-sample";

fn analyse_folder(dir: &str, tweak: impl FnOnce(&mut Options)) -> orgsphere::Analysis {
    let mut options = Options::new(
        Options::inputs_from_dir(Path::new(dir)).unwrap(),
        Default::default(),
    );
    options.roles.bootstrap = 0;
    tweak(&mut options);
    let d = check(&options).unwrap();
    analyze_dataset(d, &options)
}

fn person(a: &orgsphere::Analysis, id: &str) -> usize {
    a.dataset.people.ids.iter().position(|x| x == id).unwrap()
}

/// Findings of `kind` as (severity, group, people ids, rendered summary).
fn findings(
    a: &orgsphere::Analysis,
    kind: &str,
) -> Vec<(String, Option<String>, Vec<String>, String)> {
    a.findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| {
            (
                f.severity.as_str().to_string(),
                f.group.clone(),
                f.people
                    .iter()
                    .map(|&p| a.dataset.people.ids[p as usize].clone())
                    .collect(),
                f.summary.plain(|p| a.dataset.people.ids[p].clone()),
            )
        })
        .collect()
}

#[test]
fn dimensions_are_recognised_from_the_names() {
    let a = analyse_folder(SAMPLE, |_| {});
    let d = &a.dataset;
    let of = |name: &str| d.questions.iter().position(|q| q == name).unwrap();
    assert_eq!(d.dimension(of("advice")), Some(Dimension::Advice));
    assert_eq!(d.dimension(of("example")), Some(Dimension::Example));
    assert_eq!(d.dimension(of("future")), Some(Dimension::Future));
    assert_eq!(d.dimension(of("direction")), None);
    assert_eq!(
        d.question_kinds[of("direction")],
        orgsphere::options::QuestionKind::Direction
    );
    // Direction is never influence: nobody's combined in-degree counts it.
    let e5 = person(&a, "E0005");
    let direction = a.metrics.per_question[of("direction")].in_degree[e5];
    assert_eq!(direction, 23);
    let influence: u32 = ["advice", "example", "future"]
        .iter()
        .map(|q| a.metrics.per_question[of(q)].in_degree[e5])
        .sum();
    assert!(a.metrics.combined.in_degree[e5] <= influence && influence < 5);
}

#[test]
fn planted_profiles_are_recovered() {
    let a = analyse_folder(SAMPLE, |_| {});
    let l = a
        .leadership
        .as_ref()
        .expect("the survey asks how people lead");
    // The leader by example without a title.
    let e7 = person(&a, "E0007");
    assert_eq!(l.led_by(e7), [Dimension::Example, Dimension::Future]);
    assert!(
        l.profile[e7]
            .starts_with("leads by example and future, named by 30; not sought for advice"),
        "{}",
        l.profile[e7]
    );
    assert_eq!(a.classification.role[e7].as_str(), "informal-leader");
    assert!(a.classification.reason[e7].ends_with(&l.profile[e7]));
    // The manager who only directs.
    let e3 = person(&a, "E0003");
    assert!(l.led_by(e3).is_empty());
    assert_eq!(l.direction_coverage(e3), Some(1.0));
    assert_eq!(l.leadership_coverage(e3), Some(0.0));
    assert_eq!(
        l.profile[e3],
        "leads on no dimension; gives direction to 12 of 12 responding reports"
    );
    // Operations takes direction from Finance's head, not its own.
    let e4 = person(&a, "E0004");
    assert!(l.direction_coverage(e4).unwrap() < 0.2);
    let e5 = person(&a, "E0005");
    assert!(
        l.profile[e5].contains("gives direction to 12 of 12 responding reports and 11 others"),
        "{}",
        l.profile[e5]
    );
    // Percentiles compare within the standing group: E0007 tops the people without power.
    let example = &l.dimensions[1];
    assert_eq!(example.dimension, Dimension::Example);
    assert_eq!(example.percentile[e7], Some(100.0));
}

#[test]
fn planted_findings_are_recovered_and_nothing_else() {
    let a = analyse_folder(SAMPLE, |_| {});
    let outside = findings(&a, "direction-outside-chart");
    assert_eq!(outside.len(), 1, "{outside:?}");
    assert_eq!(outside[0].0, "medium");
    assert_eq!(outside[0].1.as_deref(), Some("Operations"));
    assert_eq!(outside[0].2, ["E0005"]);

    let nobody = findings(&a, "nobody-leads");
    assert_eq!(nobody.len(), 1, "{nobody:?}");
    assert_eq!(nobody[0].2, ["E0005"], "Finance's team");

    let concentrated = findings(&a, "leadership-concentrated");
    assert_eq!(concentrated.len(), 1, "{concentrated:?}");
    assert_eq!(concentrated[0].2[0], "E0007");
    assert!(
        concentrated[0]
            .3
            .contains("in 3 teams, on example and future"),
        "{}",
        concentrated[0].3
    );

    let separated = findings(&a, "roles-separated");
    let sales = separated.iter().find(|f| f.2[0] == "E0003").expect("Sales");
    assert_eq!(sales.0, "low", "the head of Sales is followed on nothing");
    assert_eq!(sales.2, ["E0003", "E0007"]);
    assert!(sales.3.contains("for example and future"), "{}", sales.3);
    // Only teams the leader by example leads; never info-level findings above low.
    for f in &separated {
        assert_eq!(f.2[1], "E0007", "{f:?}");
        assert!(f.0 == "low" || f.0 == "info");
    }
    assert!(
        !separated
            .iter()
            .any(|f| f.2[0] == "E0004" || f.2[0] == "E0005")
    );
}

#[test]
fn a_survey_without_dimension_questions_gets_no_profile() {
    let a = analyse_folder("sample-data", |_| {});
    assert!(a.leadership.is_none());
    assert!(a.dataset.question_dimensions.iter().all(Option::is_none));
    let w = Workdir::new();
    let out = w.join("out");
    let r = w.run(&[
        "analyze",
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-data")
            .to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--formats",
        "none",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let people = std::fs::read_to_string(out.join("people.csv")).unwrap();
    let header = people.lines().next().unwrap();
    for column in [
        "leads_on",
        "lead_advice_nominators",
        "leadership_profile",
        "direction_coverage",
    ] {
        assert!(!header.split(',').any(|h| h == column), "{header}");
    }
    let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
    assert!(!summary.contains("\"dimension\""));
}

#[test]
fn dimensions_set_by_hand() {
    let w = Workdir::new();
    let mut org = String::from("employee_id,manager_id,title\nM,,Head\n");
    let mut q1 = String::from("respondent_id,nominee_id\n");
    let mut q2 = String::from("respondent_id,nominee_id\n");
    for i in 1..=8 {
        org.push_str(&format!("P{i},M,Analyst\n"));
        q1.push_str(&format!("P{i},P1\n"));
        q2.push_str(&format!("P{i},M\n"));
    }
    w.write("data/org.csv", &org);
    w.write("data/survey-q1.csv", &q1);
    w.write("data/survey-q2.csv", &q2);
    let r = w.run(&[
        "validate",
        "data",
        "--question-dimension",
        "q1=culture",
        "--question-dimension",
        "Q2=Direction",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The kind a dimension sets is credited to --question-dimension, not --question-kind.
    assert!(
        r.stdout.contains(
            "q1: influence (--question-dimension), dimension culture (--question-dimension);"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("q2: direction (--question-dimension);"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("--question-kind"), "{}", r.stdout);
    // A kind named with --question-kind still says so.
    let r = w.run(&[
        "validate",
        "data",
        "--question-kind",
        "q1=social",
        "--question-dimension",
        "q2=direction",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("q1: social (--question-kind);"),
        "{}",
        r.stdout
    );
    // summary.json writes both as given.
    w.run(&[
        "analyze",
        "data",
        "--out",
        "out",
        "--question-dimension",
        "q1=culture",
        "--question-dimension",
        "q2=direction",
    ])
    .expect_code(0);
    let summary: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    let q = summary["questions"].as_array().unwrap();
    assert_eq!(q[0]["kind_from"], "given");
    assert_eq!(q[0]["dimension_from"], "given");
    assert_eq!(q[1]["kind"], "direction");
    assert_eq!(q[1]["kind_from"], "given");
    let r = w.run(&["validate", "data", "--question-dimension", "q1=trust"]);
    assert_eq!(r.code, 64, "{}", r.stderr);
    assert!(
        r.stderr.contains("not a leadership dimension"),
        "{}",
        r.stderr
    );
    // The same by config key.
    w.write(
        "orgsphere.toml",
        "question-dimension = [\"q1=culture\", \"q2=direction\"]\n",
    );
    let r = w.run(&["validate", "data", "--config", "orgsphere.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("dimension culture"), "{}", r.stdout);
    let _ = DimensionSetting::Direction;
}

#[test]
fn the_summary_lists_dimensions_and_follows_its_schema() {
    let w = Workdir::new();
    let dir = common::root().join(SAMPLE);
    w.run(&["analyze", dir.to_str().unwrap(), "--out", "r", "-q"])
        .expect_code(0);
    let summary: serde_json::Value = serde_json::from_str(&w.read("r/summary.json")).unwrap();
    let questions: Vec<(String, String, Option<String>)> = summary["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["name"].as_str().unwrap().to_string(),
                q["kind"].as_str().unwrap().to_string(),
                q["dimension"].as_str().map(str::to_string),
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        questions,
        [
            (s("advice"), s("influence"), Some(s("advice"))),
            (s("direction"), s("direction"), None),
            (s("example"), s("influence"), Some(s("example"))),
            (s("future"), s("influence"), Some(s("future"))),
        ]
    );
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("schema/summary.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&summary)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    // The profile columns reach people.csv, after the role's reason.
    let people = w.read("r/people.csv");
    let header: Vec<&str> = people.lines().next().unwrap().split(',').collect();
    let at = |c: &str| {
        header
            .iter()
            .position(|h| *h == c)
            .unwrap_or_else(|| panic!("{c}"))
    };
    assert!(at("flags") < at("lead_advice_nominators"));
    assert!(at("leads_on") < at("direction_coverage"));
    assert!(at("leadership_coverage") < at("leadership_profile"));
    assert!(at("leadership_profile") < at("advice_respondent"));
}

/// Generated organisations with each planted leader followed on one dimension only: the
/// profile names that dimension for at least 90 % of them, pooled over sizes and seeds, and
/// names no other leader dimension for most of them.
#[test]
fn generated_leaders_are_profiled_on_their_dimension() {
    use orgsphere::generate::{Spec, generate};
    let (mut planted, mut named, mut only) = (0, 0, 0);
    for people in [300, 1000] {
        for seed in 1..=3 {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("org");
            let spec = Spec {
                people,
                seed,
                dimensions: true,
                ..Spec::default()
            };
            generate(&spec, &out).unwrap();
            let a = analyse_folder(out.to_str().unwrap(), |_| {});
            let l = a.leadership.as_ref().unwrap();
            let truth = std::fs::read_to_string(out.join("truth-dimensions.csv")).unwrap();
            for line in truth.lines().skip(1) {
                let (id, dimension) = line.split_once(',').unwrap();
                let d = Dimension::parse(dimension).unwrap();
                let led = l.led_by(person(&a, id));
                planted += 1;
                named += usize::from(led.contains(&d));
                only += usize::from(
                    led.iter()
                        .filter(|&&x| x != Dimension::Advice)
                        .eq([d].iter()),
                );
            }
        }
    }
    assert!(planted >= 30, "{planted}");
    assert!(named * 10 >= planted * 9, "{named} of {planted}");
    assert!(only * 10 >= planted * 8, "{only} of {planted}");
}
