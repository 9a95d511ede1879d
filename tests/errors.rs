//! Every kind of broken input: the exit code, a message naming file, row and column and
//! saying what to do, and no output folder left behind.

mod common;

use common::Workdir;

const SURVEY: &str = "respondent_id,nominee_id\n1,2\n2,1\n3,1\n";

/// Runs `analyze` on `org.csv` (and the survey, if given) and checks that it fails with
/// `code`, that stderr contains every `needle`, and that nothing but the inputs remains.
#[track_caller]
fn fails(org: &[u8], survey: Option<&[u8]>, extra: &[&str], code: i32, needles: &[&str]) {
    let w = Workdir::new();
    w.write("in/org.csv", org);
    w.write("in/survey.csv", survey.unwrap_or(SURVEY.as_bytes()));
    let mut args = vec!["analyze", "in", "--out", "out"];
    args.extend_from_slice(extra);
    let run = w.run(&args);
    run.expect_code(code).expect_stderr(needles);
    assert_eq!(
        w.entries(),
        ["in"],
        "an output folder or temporary folder was left behind"
    );
}

#[test]
fn missing_org_chart_exits_66() {
    let w = Workdir::new();
    w.write("in/survey.csv", SURVEY);
    let run = w.run(&["analyze", "in", "--out", "out"]);
    run.expect_code(66);
    assert!(
        run.stderr.contains("in/org.csv") && run.stderr.contains("cannot open"),
        "{}",
        run.stderr
    );
    assert_eq!(w.entries(), ["in"]);
}

#[test]
fn missing_survey_file_exits_66() {
    let w = Workdir::new();
    w.write("org.csv", "employee_id\n1\n");
    let run = w.run(&[
        "analyze", "--org", "org.csv", "--survey", "nope.csv", "--out", "out",
    ]);
    run.expect_code(66);
    assert!(run.stderr.contains("nope.csv"), "{}", run.stderr);
}

#[test]
fn a_folder_without_surveys_exits_66() {
    let w = Workdir::new();
    w.write("in/org.csv", "employee_id\n1\n");
    let run = w.run(&["analyze", "in", "--out", "out"]);
    run.expect_code(66);
    assert!(run.stderr.contains("no survey file"), "{}", run.stderr);
}

#[test]
fn no_id_column_lists_the_headers_found() {
    fails(
        b"Name,Team\nAda,Core\n",
        None,
        &[],
        65,
        &[
            "in/org.csv:1",
            "no-id-column",
            "\"Name\", \"Team\"",
            "--id-column",
        ],
    );
}

#[test]
fn a_ragged_row_is_named_by_row() {
    fails(
        b"employee_id,manager_id,name\n1,,A\n2,1,B,extra\n3,1,C\n",
        None,
        &[],
        65,
        &["in/org.csv:3", "ragged-row", "4 cells but the header has 3"],
    );
}

#[test]
fn duplicate_ids_with_different_contents() {
    fails(
        b"employee_id,name\n1,Ada\n2,Bo\n 1 ,Cy\n",
        None,
        &[],
        65,
        &[
            "in/org.csv:4",
            "column 'employee_id'",
            "duplicate-id",
            "also on row 2",
        ],
    );
}

#[test]
fn a_reporting_cycle_is_listed_person_by_person() {
    fails(
        b"employee_id,manager_id\n1,\n2,4\n3,2\n4,3\n",
        None,
        &[],
        65,
        &[
            "reporting-cycle",
            "2 (row 3) \u{2192} 4 (row 5) \u{2192} 3 (row 4) \u{2192} 2",
            "column 'manager_id'",
        ],
    );
}

#[test]
fn an_org_chart_with_a_header_only() {
    fails(
        b"employee_id,manager_id\n",
        None,
        &[],
        65,
        &["in/org.csv", "empty-org-chart"],
    );
}

#[test]
fn an_empty_file() {
    fails(b"", None, &[], 65, &["in/org.csv", "empty"]);
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fails(&garbage, None, &[], 65, &["in/org.csv", "not-a-text-table"]);
}

#[test]
fn a_weight_that_is_not_a_number() {
    let survey = b"respondent_id,nominee_id,weight\n1,2,1\n2,1,often\n";
    fails(
        b"employee_id\n1\n2\n",
        Some(survey),
        &[],
        65,
        &["in/survey.csv:3", "column 'weight'", "\"often\""],
    );
}

#[test]
fn a_weight_beyond_the_largest_stops_the_run_at_its_row_and_column() {
    // Two of them once summed to infinity, written as an in_weight of 0.
    let survey = b"respondent_id,nominee_id,weight\n1,2,1e308\n3,2,1e308\n";
    fails(
        b"employee_id\n1\n2\n3\n",
        Some(survey),
        &[],
        65,
        &[
            "in/survey.csv:2: error in column 'weight' [weight-out-of-range]",
            "\"1e308\"",
            "1000000",
        ],
    );
    // The largest weight is accepted, and its sums are exact.
    let w = Workdir::new();
    w.write("in/org.csv", "employee_id\n1\n2\n3\n");
    w.write(
        "in/survey.csv",
        "respondent_id,nominee_id,weight\n1,2,1000000\n3,2,1000000\n",
    );
    w.run(&["analyze", "in", "--out", "out", "-q"])
        .expect_code(0);
    let people = common::read_csv(&w.read("out/people.csv"));
    assert_eq!(common::person(&people, "2")["in_weight"], "2000000");
}

#[test]
fn weights_in_flags_must_be_finite_and_at_most_the_largest() {
    let w = Workdir::new();
    w.write("in/org.csv", "employee_id\n1\n2\n");
    w.write("in/survey.csv", SURVEY);
    let cases: [(&[&str], &str); 7] = [
        (&["--min-weight", "NaN"], "'NaN' for '--min-weight"),
        (&["--min-weight", "inf"], "'inf' for '--min-weight"),
        (&["--min-weight=-1"], "'-1' for '--min-weight"),
        (&["--min-weight", "2e6"], "'2e6' for '--min-weight"),
        (&["--weight-label", "Often=1e308"], "--weight-label"),
        (&["--question-weight", "survey=1e7"], "--question-weight"),
        (&["--question-weight", "survey=inf"], "--question-weight"),
    ];
    for (flags, needle) in cases {
        let mut args = vec!["analyze", "in", "--out", "out"];
        args.extend_from_slice(flags);
        w.run(&args)
            .expect_code(64)
            .expect_stderr(&[needle, "1000000"]);
        assert!(!w.join("out").exists());
    }
    w.run(&[
        "analyze",
        "in",
        "--out",
        "out",
        "-q",
        "--min-weight",
        "1000000",
    ])
    .expect_code(0);
    // From a config file, the message names the key.
    w.write("job.toml", "min-weight = nan\n");
    w.run(&["analyze", "in", "--out", "out2", "--config", "job.toml"])
        .expect_code(64)
        .expect_stderr(&["1000000", "key 'min-weight'", "job.toml"]);
}

#[test]
fn a_response_rate_below_the_threshold() {
    // 3 of 10 people answered.
    let org = "employee_id\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
    fails(
        org.as_bytes(),
        None,
        &["--min-response-rate", "0.5"],
        65,
        &["response rate 30.0 %", "--min-response-rate 50.0 %"],
    );
}

#[test]
fn strict_turns_warnings_into_errors() {
    // Nominee 9 is unknown: a warning normally, an error with --strict.
    let survey = b"respondent_id,nominee_id\n1,2\n2,9\n";
    fails(
        b"employee_id\n1\n2\n",
        Some(survey),
        &["--strict"],
        65,
        &["in/survey.csv:3", "unknown-nominee"],
    );
}

#[test]
fn usage_errors_exit_64() {
    let w = Workdir::new();
    let run = w.run(&["analyze", "--no-such-flag"]);
    run.expect_code(64);
    assert!(run.stderr.contains("--no-such-flag"));
    w.run(&["frobnicate"]).expect_code(64);
    w.run(&["analyze"]).expect_code(64);
    w.run(&["analyze", "--org", "o.csv", "--top-share", "2"])
        .expect_code(64);
    w.run(&["analyze", "--org", "o.csv", "--manager-titles", "(unclosed"])
        .expect_code(64);
    w.run(&["--help"]).expect_code(0);
    let help = w.run(&["analyze", "--help"]);
    help.expect_code(0);
    assert!(
        help.stdout.contains("Examples:") && help.stdout.contains("Exit codes"),
        "{}",
        help.stdout
    );
}

#[test]
fn an_output_path_that_cannot_be_created_exits_73() {
    let w = Workdir::new();
    w.write("in/org.csv", "employee_id\n1\n2\n");
    w.write("in/survey.csv", SURVEY);
    w.write("blocker", "a file where a folder should be");
    let run = w.run(&["analyze", "in", "--out", "blocker/results"]);
    run.expect_code(73);
    assert!(run.stderr.contains("blocker"), "{}", run.stderr);
    // A folder of someone else's files is never replaced.
    w.write("notes/thesis.txt", "keep me");
    w.run(&["analyze", "in", "--out", "notes"]).expect_code(73);
    assert_eq!(w.read("notes/thesis.txt"), "keep me");
}

#[test]
fn validate_prints_every_error_and_exits_65() {
    let w = Workdir::new();
    w.write("org.csv", "employee_id,manager_id\n1,2\n2,1\n3,3\n");
    w.write("survey.csv", SURVEY);
    let run = w.run(&["validate", "--org", "org.csv", "--survey", "survey.csv"]);
    run.expect_code(65);
    assert!(run.stdout.contains("reporting-cycle"), "{}", run.stdout);
    assert_eq!(w.entries(), ["org.csv", "survey.csv"]);
}

/// Under `--strict` every warning is an error, and the errors are listed as the warnings
/// are in `data-quality.csv`: by file (the org chart first), then by row, a problem of the
/// whole file before its rows. In memory (`check_bytes`, what the property tests and the
/// fuzz target run) the list is the same: files and bytes take one path.
#[test]
fn errors_are_listed_as_warnings_are_on_every_path() {
    // An unknown manager on row 4, several roots (the whole file), a survey row without a
    // respondent.
    let org = "employee_id,manager_id\n1,\n2,1\n3,9\n4,\n";
    let survey = "respondent_id,nominee_id\n,2\n1,2\n2,1\n3,1\n4,1\n";
    let w = Workdir::new();
    w.write("in/org.csv", org);
    w.write("in/survey.csv", survey);
    w.run(&["analyze", "in", "--out", "out", "-q"])
        .expect_code(0);
    let warnings: Vec<(String, String)> = common::read_csv(&w.read("out/data-quality.csv"))
        .into_iter()
        .map(|row| (row["file"].clone(), row["code"].clone()))
        .collect();
    let want = [
        ("in/org.csv", "several-roots"),
        ("in/org.csv", "unknown-manager"),
        ("in/survey.csv", "missing-respondent"),
    ];
    assert_eq!(
        warnings,
        want.map(|(f, c)| (f.to_string(), c.to_string())),
        "the warnings"
    );
    let run = w.run(&["analyze", "in", "--out", "strict", "--strict"]);
    run.expect_code(65);
    let listed: Vec<(String, String)> = run
        .stderr
        .lines()
        .map(|line| {
            let line = line.trim_start_matches("orgsphere: ");
            let file = line.split([':', ' ']).next().unwrap();
            let code = &line[line.find('[').unwrap() + 1..line.find(']').unwrap()];
            (file.to_string(), code.to_string())
        })
        .collect();
    assert_eq!(listed, warnings, "the errors on files:\n{}", run.stderr);
    let mut options = orgsphere::Options::default();
    options.check.strict = true;
    let Err(orgsphere::Error::InvalidData(errors)) = orgsphere::check_bytes(
        ("in/org.csv", org.as_bytes()),
        &[("in/survey.csv", survey.as_bytes())],
        &options,
    ) else {
        panic!("strict data with warnings must fail")
    };
    let in_memory: Vec<(String, String)> = errors
        .iter()
        .map(|p| (p.file.to_string(), p.code.to_string()))
        .collect();
    assert_eq!(in_memory, warnings, "the errors in memory");
}

/// No survey file is its own error, with the folder where survey*.csv was looked for, on
/// files and in memory alike: exit 66, as for an input that cannot be opened.
#[test]
fn no_survey_is_its_own_error_on_every_path() {
    let w = Workdir::new();
    let org = w.write("in/org.csv", "employee_id\n1\n");
    let options = orgsphere::Options::new(
        orgsphere::options::InputFiles {
            org,
            surveys: Vec::new(),
            perceptions: Vec::new(),
        },
        w.join("out"),
    );
    let on_files = orgsphere::check(&options).unwrap_err();
    let in_memory =
        orgsphere::check_bytes(("in/org.csv", b"employee_id\n1\n"), &[], &options).unwrap_err();
    for (err, folder) in [(on_files, w.join("in")), (in_memory, "in".into())] {
        let orgsphere::Error::NoSurvey { folder: named } = &err else {
            panic!("not the no-survey error: {err:?}")
        };
        assert_eq!(*named, folder);
        assert_eq!(err.exit_code(), 66);
        assert_eq!(
            err.to_string(),
            format!(
                "{}: cannot open input: no survey file: pass --survey FILE, or put survey*.csv beside org.csv; check the path (run from the folder you think you are in?)",
                folder.display()
            )
        );
    }
}
