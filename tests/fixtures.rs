//! One fixture file per kind of export in `tests/fixtures/`: the broken ones end with exit
//! 65 (or 66), a message naming the file and row, and no output folder; the ones HR
//! systems really write (BOM, `;`, CRLF, UTF-16, Windows-1252, wide surveys with e-mail
//! nominees, names holding markup and formulas) are read right, names kept exactly.

mod common;

use common::{Workdir, person, read_csv, root};

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Runs `analyze` with `org` and `survey` (fixture names) and `extra` flags; checks the
/// exit code, that stderr holds every needle, and that nothing was written.
#[track_caller]
fn fails(org: &str, survey: &str, extra: &[&str], code: i32, needles: &[&str]) {
    let w = Workdir::new();
    let (org, survey) = (fixture(org), fixture(survey));
    let mut args = vec![
        "analyze", "--org", &org, "--survey", &survey, "--out", "out",
    ];
    args.extend_from_slice(extra);
    let run = w.run(&args);
    run.expect_code(code).expect_stderr(needles);
    assert!(w.entries().is_empty(), "left behind: {:?}", w.entries());
}

/// Runs `analyze` and returns the work dir holding `out/`.
#[track_caller]
fn passes(org: &str, survey: &str, extra: &[&str]) -> Workdir {
    let w = Workdir::new();
    let (org, survey) = (fixture(org), fixture(survey));
    let mut args = vec![
        "analyze", "--org", &org, "--survey", &survey, "--out", "out",
    ];
    args.extend_from_slice(extra);
    w.run(&args).expect_code(0);
    w
}

#[test]
fn a_ragged_row() {
    fails(
        "broken-ragged-row.csv",
        "survey-simple.csv",
        &[],
        65,
        &[
            "broken-ragged-row.csv:3: error [ragged-row]",
            "broken-ragged-row.csv:5: error [ragged-row]",
            "the row has 2 cells but the header has 3",
        ],
    );
}

#[test]
fn duplicate_ids() {
    fails(
        "broken-duplicate-ids.csv",
        "survey-simple.csv",
        &[],
        65,
        &[
            "broken-duplicate-ids.csv:4: error in column 'Employee ID' [duplicate-id]",
            "also on row 2",
        ],
    );
}

#[test]
fn no_id_column() {
    fails(
        "broken-no-id-column.csv",
        "survey-simple.csv",
        &[],
        65,
        &[
            "broken-no-id-column.csv:1: error [no-id-column]",
            "\"Full Name\", \"Team\", \"Location\"",
            "--id-column",
        ],
    );
}

#[test]
fn an_empty_file() {
    fails(
        "broken-empty.csv",
        "survey-simple.csv",
        &[],
        65,
        &["broken-empty.csv: error [empty-file]"],
    );
}

#[test]
fn binary_garbage() {
    fails(
        "broken-binary-garbage.csv",
        "survey-simple.csv",
        &[],
        65,
        &["broken-binary-garbage.csv: error [not-a-text-table]"],
    );
}

#[test]
fn a_reporting_cycle() {
    fails(
        "broken-reporting-cycle.csv",
        "survey-simple.csv",
        &[],
        65,
        &[
            "broken-reporting-cycle.csv:3: error in column 'manager_id' [reporting-cycle]",
            "2 (row 3) \u{2192} 4 (row 5) \u{2192} 3 (row 4) \u{2192} 2",
        ],
    );
}

#[test]
fn a_survey_without_nominee_columns() {
    fails(
        "org-windows-1252.csv",
        "broken-survey-no-nominee-column.csv",
        &[],
        65,
        &[
            "broken-survey-no-nominee-column.csv:1: error [no-nominee-column]",
            "\"respondent_id\", \"comment\"",
        ],
    );
}

#[test]
fn a_ragged_survey_row() {
    fails(
        "org-windows-1252.csv",
        "broken-survey-ragged-row.csv",
        &[],
        65,
        &["broken-survey-ragged-row.csv:3: error [ragged-row]"],
    );
}

#[test]
fn an_unknown_weight_label_and_its_fix() {
    fails(
        "org-windows-1252.csv",
        "broken-survey-weight-label.csv",
        &[],
        65,
        &[
            "broken-survey-weight-label.csv:3: error in column 'frequency' [weight-not-a-number]",
            "--weight-label \"Sometimes=N\"",
        ],
    );
    let w = passes(
        "org-windows-1252.csv",
        "broken-survey-weight-label.csv",
        &["--weight-label", "Sometimes=2", "--min-weight", "3"],
    );
    // Daily (4) is a tie, Sometimes (2) is below --min-weight 3.
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(person(&people, "2")["in_degree"], "1");
    assert_eq!(person(&people, "1")["in_degree"], "0");
}

#[test]
fn a_missing_file_exits_66() {
    fails(
        "no-such-file.csv",
        "survey-simple.csv",
        &[],
        66,
        &["no-such-file.csv: cannot open input"],
    );
}

#[test]
fn utf16_without_bom_needs_the_encoding_named() {
    fails(
        "org-utf16-no-bom.csv",
        "survey-simple.csv",
        &[],
        65,
        &[
            "org-utf16-no-bom.csv: error [not-a-text-table]",
            "--encoding utf-16",
        ],
    );
    // --encoding applies to every file without a BOM: the survey is UTF-16 too.
    let w = Workdir::new();
    let survey: Vec<u8> = "respondent_id\tnominee_id\r\n2\t3\r\n3\t2\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    w.write("survey.csv", survey);
    let org = fixture("org-utf16-no-bom.csv");
    let args = [
        "analyze",
        "--org",
        &org,
        "--survey",
        "survey.csv",
        "--encoding",
        "utf-16",
    ];
    w.run(&[&args[..], &["--out", "out"]].concat())
        .expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(person(&people, "2")["in_degree"], "1");
    assert_eq!(person(&people, "3")["First Name"], "Ελένη");
}

#[test]
fn utf16_with_bom_tabs_and_first_plus_last_names() {
    let w = passes("org-utf16-bom.csv", "survey-simple.csv", &[]);
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(person(&people, "2")["First Name"], "李");
    assert_eq!(person(&people, "4")["manager_id"], "2");
    assert_eq!(person(&people, "2")["title"], "Engineer");
    let graphml = w.read("out/graph.graphml");
    assert!(
        graphml.contains("<data key=\"label\">Zoë Müller</data>"),
        "{graphml}"
    );
    assert!(graphml.contains("<data key=\"label\">Ελένη Παπαδοπούλου</data>"));
    let summary: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(summary["inputs"]["org"]["encoding"], "UTF-16LE");
}

#[test]
fn windows_1252_names_are_kept_exactly() {
    let w = passes("org-windows-1252.csv", "survey-simple.csv", &[]);
    let people = read_csv(&w.read("out/people.csv"));
    let names: Vec<&str> = ["1", "2", "3", "4"]
        .iter()
        .map(|id| person(&people, id)["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["Zoë Müller", "Anaïs Lefèvre", "José Núñez", "Øyvind Æsir"]
    );
    assert_eq!(person(&people, "2")["title"], "Ingénieure");
    assert!(w.read("out/graph.graphml").contains("José Núñez"));
}

#[test]
fn an_hr_export_with_bom_semicolons_crlf_and_a_wide_survey_of_e_mails() {
    let w = passes(
        "hr-export-semicolon-crlf-bom.csv",
        "survey-wide-emails.csv",
        &[],
    );
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(person(&people, "E001")["Full Name"], "Zoë Müller");
    assert_eq!(person(&people, "E003")["Full Name"], "Doe; John");
    assert_eq!(person(&people, "E003")["manager_id"], "E002");
    assert_eq!(person(&people, "E005")["manager_id"], "E002");
    // E002 is named by E003 (twice, merged) and E004 (advice by e-mail, trust by name).
    assert_eq!(person(&people, "E002")["in_degree"], "2");
    assert_eq!(person(&people, "E002")["trust_in_degree"], "1");
    // E001 is named by E002 (advice and trust) and by E006 ("Müller, Zoë").
    assert_eq!(person(&people, "E001")["in_degree"], "2");
    // Ben answered, naming nobody; E001 did not answer.
    assert_eq!(person(&people, "E005")["respondent"], "true");
    assert_eq!(person(&people, "E001")["respondent"], "false");
    let quality = read_csv(&w.read("out/data-quality.csv"));
    let listed: Vec<(&str, &str, &str, &str)> = quality
        .iter()
        .map(|q| {
            (
                q["file"].rsplit('/').next().unwrap(),
                q["row"].as_str(),
                q["column"].as_str(),
                q["code"].as_str(),
            )
        })
        .collect();
    let org = "hr-export-semicolon-crlf-bom.csv";
    let wide = "survey-wide-emails.csv";
    assert_eq!(
        listed,
        [
            (org, "4", "Manager ID", "id-normalised"),
            (org, "6", "Employee ID", "id-normalised"),
            (wide, "3", "advice_3", "unknown-nominee"),
            (wide, "3", "advice_2", "duplicate-nomination"),
            (wide, "6", "advice_1", "self-nomination"),
        ]
    );
    let summary: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(summary["inputs"]["surveys"][0]["shape"], "wide");
    assert_eq!(summary["counts"]["matched_by_name"], 2);
}

/// A survey tool's export of the HR-export company, read with its two questions mapped
/// (`advice` and `trust` are the questions' texts), checking that its other question
/// (`unmapped`, part of the question's text) gave no column: the work dir, and for each id
/// asked about, (respondent, advice_in_degree, trust_in_degree).
fn tool_export(
    survey: &str,
    [advice, trust, unmapped]: [&str; 3],
    ids: &[&str],
) -> (Workdir, Vec<[String; 3]>) {
    let (advice, trust) = (format!("{advice}=advice"), format!("{trust}=trust"));
    let w = passes(
        "hr-export-semicolon-crlf-bom.csv",
        survey,
        &["--question-map", &advice, "--question-map", &trust],
    );
    let text = w.read("out/people.csv");
    let header = text.lines().next().unwrap().to_lowercase();
    assert!(!header.contains(unmapped), "the unmapped question was read");
    let people = read_csv(&text);
    let rows = ids
        .iter()
        .map(|id| {
            let p = person(&people, id);
            ["respondent", "advice_in_degree", "trust_in_degree"].map(|c| p[c].clone())
        })
        .collect();
    (w, rows)
}

/// The data-quality rows of `survey`: (row, column, code).
fn survey_problems(w: &Workdir, survey: &str) -> Vec<[String; 3]> {
    read_csv(&w.read("out/data-quality.csv"))
        .into_iter()
        .filter(|q| q["file"].ends_with(survey))
        .map(|q| ["row", "column", "code"].map(|c| q[c].clone()))
        .collect()
}

/// SurveyMonkey's export of the same company: two header rows, a multiple-text-box
/// question, a checkbox question whose choices are colleagues (with "Other (please
/// specify)"), a question about something else, UTF-8 with a BOM and CRLF.
#[test]
fn a_surveymonkey_export_with_two_header_rows_and_checkbox_choices() {
    let (w, got) = tool_export(
        "survey-surveymonkey.csv",
        [
            "Who do you go to for advice about your work?",
            "Whom do you trust with a difficult problem?",
            "satisf",
        ],
        &["E001", "E002", "E005", "E006"],
    );
    assert_eq!(
        got,
        [
            // Zoë: advice from Jane (by name); trust ticked by Jane and Chen. Chen's typed
            // "Muller Zoe" matches nobody.
            ["false", "1", "2"],
            // Jane: named by John and Ana (by name and by e-mail), in both questions.
            ["true", "2", "2"],
            // Ben answered naming nobody, and Chen wrote him in under "Other".
            ["true", "0", "1"],
            ["true", "1", "1"],
        ]
    );
    assert_eq!(
        survey_problems(&w, "survey-surveymonkey.csv"),
        [
            ["2", "", "survey-tool-header"],
            [
                "7",
                "Who do you go to for advice about your work?: Colleague 1",
                "unknown-nominee"
            ],
        ]
    );
}

/// Microsoft Forms' export of the same company: a column per question, named whole by
/// `--question-map`, each multiple-choice answer `Name;Name;`, one typed answer on two
/// lines, and a free-text question left unread though it holds a `;`.
#[test]
fn a_forms_export_with_several_answers_in_a_cell() {
    let (w, got) = tool_export(
        "survey-microsoft-forms.csv",
        [
            "Who do you go to for advice?",
            "Who do you trust?",
            "comments",
        ],
        &["E001", "E002", "E005", "E006"],
    );
    // As from SurveyMonkey, but Chen typed "Muller Zoe" and, on the next line of the
    // cell, Ben, for advice.
    assert_eq!(
        got,
        [
            ["false", "1", "2"],
            ["true", "2", "2"],
            ["true", "1", "0"],
            ["true", "1", "1"],
        ]
    );
    assert_eq!(
        survey_problems(&w, "survey-microsoft-forms.csv"),
        [["6", "Who do you go to for advice?", "unknown-nominee"]]
    );
    let (org, forms) = (
        fixture("hr-export-semicolon-crlf-bom.csv"),
        fixture("survey-microsoft-forms.csv"),
    );
    let args = [
        "validate",
        "--org",
        &org,
        "--survey",
        &forms,
        "--question-map",
        "Who do you go to for advice?=advice",
        "--question-map",
        "Who do you trust?=trust",
    ];
    let run = w.run(&args);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "5 rows, wide: advice (column \"Who do you go to for advice?\"), trust (column \"Who do you trust?\")"
        ),
        "{}",
        run.stdout
    );
    // Without `;` as a separator, Microsoft Forms' lists are single unknown names.
    let mut whole = args.to_vec();
    whole.extend(["--answer-separators", ""]);
    let run = w.run(&whole);
    run.expect_code(0);
    assert!(
        run.stdout.contains("nominee \"Jane Doe;\" is not an id"),
        "{}",
        run.stdout
    );
}

#[test]
fn validate_describes_a_wide_survey() {
    let w = Workdir::new();
    let (org, survey) = (
        fixture("hr-export-semicolon-crlf-bom.csv"),
        fixture("survey-wide-emails.csv"),
    );
    let run = w.run(&["validate", "--org", &org, "--survey", &survey]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "5 rows, wide: advice (3 columns from \"advice_1\"), trust (2 columns from \"trust_1\")"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("survey cells matched by name: 2"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("nominee \"jane.doe@exmaple.com\" is not an id, e-mail address or name in the org chart; the nomination was dropped; did you mean jane.doe@example.com (E002)"),
        "{}",
        run.stdout
    );
}

#[test]
fn names_with_markup_and_formulas_pass_through_safely() {
    let w = passes("org-markup-formulas.csv", "survey-simple.csv", &[]);
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(
        person(&people, "2")["name"],
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(person(&people, "2")["notes"], "'+SUM(A1:A9)");
    assert_eq!(person(&people, "3")["name"], "'@cmd");
    assert_eq!(person(&people, "1")["name"], "<script>alert('x')</script>");
    let xml = w.read("out/graph.graphml");
    assert!(!xml.contains("<script>") && !xml.contains("]]> </node>"));
    assert!(xml.contains("&lt;script&gt;"));
}
