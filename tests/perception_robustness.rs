//! Property tests for perception files: random and mutated bytes through the perception
//! checks and the analysis, on a valid org chart and survey. Nothing may panic; every
//! failure is a typed error (exit 64 or 65) that names the file; every row dropped is
//! listed in a warning on the perception file.

use orgsphere::load::InputFile;
use orgsphere::options::Encoding;
use orgsphere::validate::Dataset;
use orgsphere::{Error, Options, analyze_dataset, check_bytes, check_perceptions};
use proptest::prelude::*;

const ORG: &str = "employee_id,manager_id,name,email\n\
    E1,,Zoë Müller,zoe@example.com\n\
    E2,E1,Jane Doe,jane@example.com\n\
    E3,E2,Jo Ann,jo@example.com\n\
    E4,E2,Li Wei,li@example.com\n\
    E5,E2,Bo Chen,bo@example.com\n\
    E6,E1,Ann Lee,ann@example.com\n";

const SURVEY: &str = "respondent_id,nominee_id,question\n\
    E2,E1,advice\nE3,E4,advice\nE5,E4,advice\nE4,E2,advice\nE6,E1,advice\nE1,E6,advice\n\
    E3,E5,friendship\n";

const TIES: &str = "perceiver_id;sender_id;receiver_id;relation\r\n\
    E1;E3;E4;advice\r\n\
    zoe@example.com;E5;Li Wei;advice\r\n\
    E2;E3;E3;advice\r\n\
    E2;E9;E4;advice\r\n\
    E3;E5;E4;friendship\r\n\
    E4;E2;E1;trust\r\n";

const TEAM: &str = "perceiver,nominee,question\n\
    E2,E4,advice\n\
    jane@example.com,E3,advice\n\
    E3,Li Wei,advice\n\
    E1,,advice\n\
    E9,E4,advice\n";

fn base(strict: bool, encoding: Option<Encoding>) -> (Dataset, Options) {
    let mut o = Options::default();
    let d = check_bytes(
        ("org.csv", ORG.as_bytes()),
        &[("survey.csv", SURVEY.as_bytes())],
        &o,
    )
    .unwrap();
    // Only the perception file is read under these settings.
    o.check.strict = strict;
    o.read.encoding = encoding;
    (d, o)
}

/// Checks `bytes` as a perception file; on success analyses the data set.
fn run(bytes: &[u8], strict: bool, encoding: Option<Encoding>) {
    let (mut d, o) = base(strict, encoding);
    match check_perceptions(&mut d, &[InputFile::Bytes("perceptions.csv", bytes)], &o) {
        Ok(()) => {
            let p = d.perceptions.as_ref().unwrap();
            // Every dropped row is named by a warning at its row, or counted under a
            // warning that covers it (an unknown question, a perceiver without a team).
            // Two records can share a row number (a lone carriage return ends a record
            // but not a line), so the rows named bound the rows dropped from below and
            // the warnings from above.
            let mut rows: Vec<u64> = d
                .warnings
                .iter()
                .filter(|w| &*w.file == "perceptions.csv")
                .filter(|w| {
                    matches!(
                        w.code,
                        "unknown-perceiver"
                            | "unknown-perceived"
                            | "ambiguous-name"
                            | "self-tie-perceived"
                    )
                })
                .filter_map(|w| w.row)
                .collect();
            let warnings = rows.len();
            rows.sort_unstable();
            rows.dedup();
            let named = p.dropped - p.unknown_question - p.without_team;
            assert!(
                rows.len() <= named && named <= warnings,
                "{} dropped, {} of them under covering warnings; rows named {}, warnings {}: {:#?}",
                p.dropped,
                p.unknown_question + p.without_team,
                rows.len(),
                warnings,
                d.warnings
            );
            assert!(p.dropped <= p.rows);
            let a = analyze_dataset(d, &o);
            let r = a.perception.unwrap();
            for acc in &r.measured.accuracy {
                let c = acc.confusion;
                assert_eq!(c.total(), u64::from(acc.senders) * 5);
                if let Some(k) = c.kappa() {
                    assert!((-1.0..=1.0).contains(&k), "{k}");
                }
            }
        }
        Err(e) => {
            assert!(
                matches!(e.exit_code(), 64 | 65),
                "exit {}: {e}",
                e.exit_code()
            );
            assert!(
                matches!(e, Error::Usage(_)) || e.to_string().contains("perceptions.csv"),
                "names no file: {e}"
            );
        }
    }
}

fn encoding() -> impl Strategy<Value = Option<Encoding>> {
    prop_oneof![
        4 => Just(None),
        1 => Just(Some(Encoding::Windows1252)),
        1 => Just(Some(Encoding::Utf16Le)),
    ]
}

fn mutate(text: &str, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, what, b) in edits {
        if bytes.is_empty() {
            bytes.push(b);
            continue;
        }
        let at = at % bytes.len();
        match what % 3 {
            0 => bytes.insert(at, b),
            1 => {
                bytes.remove(at);
            }
            _ => bytes[at] = b,
        }
    }
    bytes
}

fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b','),
        Just(b';'),
        Just(b'"'),
        Just(b'\n'),
        Just(b'\r'),
        Just(b' '),
        Just(0u8),
        Just(0xFFu8),
        Just(b'E'),
        Just(b'1'),
        any::<u8>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), strict: bool, enc in encoding()) {
        run(&bytes, strict, enc);
    }

    #[test]
    fn mutated_perception_files_never_panic(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), interesting_byte()), 0..8),
        team: bool,
        strict: bool,
    ) {
        run(&mutate(if team { TEAM } else { TIES }, &edits), strict, None);
    }

    #[test]
    fn generated_perceptions_are_scored_or_listed(
        rows in prop::collection::vec((0usize..8, 0usize..8, 0usize..8, 0u8..3), 0..40),
        team: bool,
    ) {
        let ids = ["E1", "E2", "E3", "E4", "E5", "E6", "e2", "E9"];
        let questions = ["advice", "friendship", "trust"];
        let mut text = String::from(if team { "perceiver,nominee,question\n" } else { "perceiver,sender,receiver,question\n" });
        for (p, s, r, q) in &rows {
            if team {
                text.push_str(&format!("{},{},{}\n", ids[*p], ids[*r], questions[*q as usize]));
            } else {
                text.push_str(&format!("{},{},{},{}\n", ids[*p], ids[*s], ids[*r], questions[*q as usize]));
            }
        }
        run(text.as_bytes(), false, None);
    }
}

#[test]
fn the_seed_files_pass_with_their_warnings() {
    for (text, codes) in [
        (
            TIES,
            &[
                "self-tie-perceived",
                "unknown-perceived",
                "perception-question-unknown",
            ][..],
        ),
        (TEAM, &["incomplete-perception", "unknown-perceiver"][..]),
    ] {
        let (mut d, o) = base(false, None);
        check_perceptions(
            &mut d,
            &[InputFile::Bytes("perceptions.csv", text.as_bytes())],
            &o,
        )
        .unwrap();
        let got: Vec<&str> = d
            .warnings
            .iter()
            .filter(|w| &*w.file == "perceptions.csv")
            .map(|w| w.code)
            .collect();
        for code in codes {
            assert!(got.contains(code), "{code} missing from {got:?}");
        }
        for w in d.warnings.iter().filter(|w| &*w.file == "perceptions.csv") {
            assert!(w.row.is_some(), "{w}");
        }
        let p = d.perceptions.as_ref().unwrap();
        assert!(!p.ties.is_empty());
        run(text.as_bytes(), false, None);
    }
}
