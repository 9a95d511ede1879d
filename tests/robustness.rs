//! Property tests: random and mutated CSV bytes through the whole data-quality stage, on
//! the path `orgsphere analyze` and `validate` take (`check_bytes` is `check_inputs` on
//! bytes: the loaders side by side, org chart problems first, errors sorted). Nothing may
//! panic; every failure is a typed error with the exit code
//! of bad data (65) or bad usage (64) that names the file; and on data that passes, every
//! survey row is accounted for.

use orgsphere::options::Encoding;
use orgsphere::validate::Dataset;
use orgsphere::{Error, Options, analyze_dataset, check_bytes};
use proptest::prelude::*;

/// Checks the outcome of one run: a data set, or a typed error that names a file.
fn typed(result: Result<Dataset, Error>) -> Option<Dataset> {
    match result {
        Ok(d) => Some(d),
        Err(e) => {
            assert!(
                matches!(e.exit_code(), 64 | 65),
                "exit {}: {e}",
                e.exit_code()
            );
            let message = e.to_string();
            assert!(
                matches!(e, Error::Usage(_)) || message.contains(".csv"),
                "names no file: {message}"
            );
            None
        }
    }
}

fn options(strict: bool, encoding: Option<Encoding>) -> Options {
    let mut options = Options::default();
    options.check.strict = strict;
    options.read.encoding = encoding;
    options.read.weight_labels = vec![("often".into(), 3.0)];
    options
}

fn encoding() -> impl Strategy<Value = Option<Encoding>> {
    prop_oneof![
        4 => Just(None),
        1 => Just(Some(Encoding::Utf8)),
        1 => Just(Some(Encoding::Windows1252)),
        1 => Just(Some(Encoding::Utf16Le)),
        1 => Just(Some(Encoding::Utf16Be)),
    ]
}

const ORG: &str = "\u{feff}Employee ID;Manager ID;Job Title;First Name;Last Name;Email\r\n\
    E1;;CEO;Zoë;Müller;zoe@example.com\r\n\
    E2;E1;Lead;Jane;Doe;jane@example.com\r\n\
    E3;e2;Analyst;\"Jo\r\nAnn\";Doe;jo@example.com\r\n\
    E4;E2;Analyst;Jane;Doe;jd2@example.com\r\n\
    \r\n\
    E5; E1 ;Analyst;Li;Wei;li@example.com\r\n";

const LONG: &str = "respondent_id,nominee_id,question,weight\n\
    E2,E1,advice,Daily\n\
    E3,jane@example.com,advice,2\n\
    E4,Jane Doe,trust,often\n\
    e5,E2,advice,\n\
    E1,,advice,\n\
    E3,E3,trust,1\n";

const WIDE: &str = "Email;advice_1;advice_2;trust[1]\n\
    zoe@example.com;jane@example.com;Li Wei;\n\
    li@example.com;E1;;E2\n\
    jo@example.com;;;\n";

/// A byte edit: insert, delete or overwrite at a position (taken modulo the length).
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Overwrite(usize, u8),
}

/// Bytes that matter to a CSV reader, and some that do not belong in one.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b','),
        Just(b';'),
        Just(b'\t'),
        Just(b'|'),
        Just(b'"'),
        Just(b'\n'),
        Just(b'\r'),
        Just(b' '),
        Just(0u8),
        Just(0xEFu8),
        Just(0xFFu8),
        Just(0xFEu8),
        Just(b'='),
        Just(b'_'),
        Just(b'1'),
        any::<u8>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (
            any::<usize>(),
            prop::collection::vec(interesting_byte(), 1..6)
        )
            .prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<usize>(), 1usize..20).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), interesting_byte()).prop_map(|(at, b)| Edit::Overwrite(at, b)),
    ]
}

fn mutate(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Insert(at, b) => {
                let at = at % (len + 1).min(bytes.len() + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Edit::Delete(at, n) if !bytes.is_empty() => {
                let at = at % bytes.len();
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Edit::Overwrite(at, b) if !bytes.is_empty() => {
                let at = at % bytes.len();
                bytes[at] = *b;
            }
            _ => {}
        }
    }
    bytes
}

/// Every survey row ends as exactly one of: a kept tie, a merged duplicate, a counted
/// non-tie (weight 0, below `--min-weight`, naming nobody) or a listed warning that dropped
/// it. Nothing disappears silently.
fn accounted_for(d: &Dataset) {
    let dropped = d
        .warnings
        .iter()
        .filter(|w| w.file != d.org.file)
        .filter(|w| {
            matches!(
                w.code,
                "duplicate-nomination"
                    | "self-nomination"
                    | "unknown-nominee"
                    | "unknown-respondent"
                    | "ambiguous-name"
                    | "weight-not-positive"
            )
        })
        .count();
    let a = &d.answers;
    let counted = a.zero_weight + a.below_min_weight + a.below_rating_cut + a.named_nobody;
    assert_eq!(
        a.nominations.len() + dropped + counted,
        d.survey_rows,
        "survey rows not accounted for; warnings: {:#?}",
        d.warnings
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), strict: bool, enc in encoding()) {
        let o = options(strict, enc);
        typed(check_bytes(("org.csv", &bytes), &[("survey.csv", &bytes)], &o));
    }

    #[test]
    fn mutated_exports_never_panic(
        org_edits in prop::collection::vec(edit(), 0..6),
        survey_edits in prop::collection::vec(edit(), 0..6),
        wide: bool,
        strict: bool,
        enc in encoding(),
    ) {
        let o = options(strict, enc);
        let org = mutate(ORG, &org_edits);
        let survey = mutate(if wide { WIDE } else { LONG }, &survey_edits);
        if let Some(d) = typed(check_bytes(("org.csv", &org), &[("survey.csv", &survey)], &o)) {
            accounted_for(&d);
            analyze_dataset(d, &o);
        }
    }

    #[test]
    fn generated_org_charts_and_surveys_load_or_fail_with_a_row(
        ids in prop::collection::vec("[ A-Za-z0-9@._-]{0,6}", 1..30),
        managers in prop::collection::vec(any::<prop::sample::Index>(), 1..30),
        answers in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0u8..4), 0..60),
    ) {
        let mut org = String::from("emp_id,Supervisor ID,Full Name\n");
        for (i, id) in ids.iter().enumerate() {
            let manager = managers[i % managers.len()].get(&ids);
            org.push_str(&format!("{id},{manager},Person {i}\n"));
        }
        let mut survey = String::from("from,to,weight\n");
        for (r, n, w) in &answers {
            survey.push_str(&format!("{},{},{w}\n", r.get(&ids), n.get(&ids)));
        }
        let o = Options::default();
        match check_bytes(("org.csv", org.as_bytes()), &[("survey.csv", survey.as_bytes())], &o) {
            Ok(d) => {
                accounted_for(&d);
                prop_assert!(d.people.len() <= ids.len());
            }
            Err(Error::InvalidData(problems)) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert_eq!(&*p.file, "org.csv");
                    prop_assert!(p.row.is_some() || matches!(p.code, "empty-org-chart"), "{p}");
                }
            }
            Err(e) => prop_assert!(false, "unexpected error: {e}"),
        }
    }
}

#[test]
fn the_seed_exports_pass_and_every_row_is_accounted_for() {
    for survey in [LONG, WIDE] {
        let d = check_bytes(
            ("org.csv", ORG.as_bytes()),
            &[("survey.csv", survey.as_bytes())],
            &options(false, None),
        )
        .unwrap();
        assert!(d.answers.nominations.len() >= 3, "{:?}", d.warnings);
        accounted_for(&d);
    }
}
