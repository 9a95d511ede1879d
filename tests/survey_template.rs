//! `orgsphere survey-template` and the round trip: template → answers exported by each tool
//! (in the shape that tool writes, as a fixture) → `analyze` recognises every question and
//! its dimension with no flag.

mod common;

use common::Workdir;
use serde_json::Value;

const ORG: &str = "employee_id,manager_id,name,email,title,department\n\
E1,,Ann Lee,ann@x.org,Chief Executive Officer,Executive\n\
E2,E1,Bo Chen,bo@x.org,Head of Sales,Sales\n\
E3,E2,Cy Diaz,cy@x.org,Account Executive,Sales\n\
E4,E2,Di Evans,di@x.org,Account Executive,Sales\n\
E5,E2,Ed Fox,ed@x.org,Account Executive,Sales\n\
E6,E1,Flo Gray,flo@x.org,Head of Operations,Operations\n\
E7,E6,Gus Hill,gus@x.org,Analyst,Operations\n\
E8,E6,Hal Ito,hal@x.org,Analyst,Operations\n";

/// Writes the org chart and the template (default questions); returns the question
/// (key, text) pairs and the choices the template wrote.
fn template(w: &Workdir, extra: &[&str]) -> (Vec<(String, String)>, Vec<String>) {
    w.write("data/org.csv", ORG);
    let mut args = vec!["survey-template", "data", "--out", "tpl"];
    args.extend_from_slice(extra);
    w.run(&args).expect_code(0);
    let mut questions = Vec::new();
    let text = w.read("tpl/questions.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for r in reader.records() {
        let r = r.unwrap();
        questions.push((r[0].to_string(), r[2].to_string()));
    }
    let choices = w
        .read("tpl/choices.txt")
        .lines()
        .map(str::to_string)
        .collect();
    (questions, choices)
}

/// Who names whom, by respondent: (respondent e-mail, question key, names chosen).
fn answers() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        ("cy@x.org", "advice", vec!["Bo Chen", "Di Evans"]),
        ("cy@x.org", "example", vec!["Di Evans"]),
        ("cy@x.org", "future", vec!["Ann Lee"]),
        ("cy@x.org", "direction", vec!["Bo Chen"]),
        ("di@x.org", "advice", vec!["Bo Chen"]),
        ("di@x.org", "example", vec!["Ed Fox", "Cy Diaz"]),
        ("di@x.org", "future", vec![]),
        ("di@x.org", "direction", vec!["Flo Gray"]),
        ("gus@x.org", "advice", vec!["Flo Gray", "Hal Ito"]),
        ("gus@x.org", "example", vec!["Hal Ito"]),
        ("gus@x.org", "future", vec!["Flo Gray"]),
        ("gus@x.org", "direction", vec!["Flo Gray"]),
    ]
}

const KEYS: [&str; 4] = ["advice", "example", "future", "direction"];

/// Analyses `data/` with no flag and checks every question and dimension came back, with
/// every nomination matched.
fn analyse_and_check(w: &Workdir) {
    w.run(&["analyze", "data", "--out", "r", "-q", "--formats", "none"])
        .expect_code(0);
    let summary: Value = serde_json::from_str(&w.read("r/summary.json")).unwrap();
    let questions = summary["questions"].as_array().unwrap();
    let mut seen: Vec<(String, String, Option<String>, u64)> = questions
        .iter()
        .map(|q| {
            (
                q["name"].as_str().unwrap().to_string(),
                q["kind"].as_str().unwrap().to_string(),
                q["dimension"].as_str().map(str::to_string),
                q["ties"].as_u64().unwrap(),
            )
        })
        .collect();
    seen.sort();
    let expected_ties = |key: &str| -> u64 {
        answers()
            .iter()
            .filter(|a| a.1 == key)
            .map(|a| a.2.len() as u64)
            .sum()
    };
    let s = |x: &str| x.to_string();
    assert_eq!(
        seen,
        [
            (
                s("advice"),
                s("influence"),
                Some(s("advice")),
                expected_ties("advice")
            ),
            (
                s("direction"),
                s("direction"),
                None,
                expected_ties("direction")
            ),
            (
                s("example"),
                s("influence"),
                Some(s("example")),
                expected_ties("example")
            ),
            (
                s("future"),
                s("influence"),
                Some(s("future")),
                expected_ties("future")
            ),
        ]
    );
    let quality = w.read("r/data-quality.csv");
    assert!(!quality.contains("unknown-nominee"), "{quality}");
    let people = w.read("r/people.csv");
    assert!(
        people
            .lines()
            .next()
            .unwrap()
            .contains("leadership_profile")
    );
}

#[test]
fn the_template_holds_the_questions_and_the_roster() {
    let w = Workdir::new();
    let (questions, choices) = template(&w, &[]);
    let keys: Vec<&str> = questions.iter().map(|q| q.0.as_str()).collect();
    assert_eq!(keys, KEYS);
    assert_eq!(choices.len(), 8);
    assert_eq!(choices[0], "Ann Lee");
    let qualtrics = w.read("tpl/qualtrics.txt");
    assert!(qualtrics.starts_with("[[AdvancedFormat]]\n"));
    assert_eq!(
        qualtrics.matches("[[Question:MC:MultipleAnswer]]").count(),
        4
    );
    assert!(qualtrics.contains("[[ID:future]]\nWhose ideas shape where we are heading?\n"));
    assert_eq!(
        w.read("tpl/answers-template.csv"),
        "respondent_id,nominee_id,question\n"
    );
    let readme = w.read("tpl/README.md");
    for needle in [
        "Anonymity",
        "80 %",
        "Microsoft Forms",
        "Google Forms",
        "Qualtrics",
    ] {
        assert!(readme.contains(needle), "{needle}");
    }
    // Per department: one roster per department, each holding its own people only.
    let w = Workdir::new();
    w.write("data/org.csv", ORG);
    w.run(&[
        "survey-template",
        "data",
        "--roster",
        "department",
        "--dimensions",
        "energy,culture",
        "--out",
        "tpl",
    ])
    .expect_code(0);
    assert!(!w.join("tpl/choices.txt").exists());
    assert_eq!(
        w.read("tpl/choices-sales.txt"),
        "Bo Chen\nCy Diaz\nDi Evans\nEd Fox\n"
    );
    assert!(
        w.read("tpl/qualtrics-operations.txt")
            .contains("[[ID:culture]]")
    );
    // Unknown dimensions are a usage error.
    w.run(&[
        "survey-template",
        "data",
        "--dimensions",
        "trust",
        "--out",
        "x",
    ])
    .expect_code(64);
}

#[test]
fn round_trip_long_csv() {
    let w = Workdir::new();
    template(&w, &[]);
    let mut text = w.read("tpl/answers-template.csv");
    for (who, key, names) in answers() {
        if names.is_empty() {
            text.push_str(&format!("{who},,{key}\n"));
        }
        for name in names {
            text.push_str(&format!("{who},{name},{key}\n"));
        }
    }
    w.write("data/survey.csv", text);
    analyse_and_check(&w);
}

/// One row per respondent, one column per question headed by its text, the names chosen
/// joined by `join` (Microsoft Forms: `;` after each; Google Forms: `, ` between).
fn form_export(
    questions: &[(String, String)],
    header: &str,
    lead: impl Fn(&str) -> String,
    join: impl Fn(&[&str]) -> String,
) -> String {
    let mut out = String::from(header);
    for (_, text) in questions {
        out.push_str(&format!(",\"{text}\""));
    }
    out.push('\n');
    for who in ["cy@x.org", "di@x.org", "gus@x.org"] {
        out.push_str(&lead(who));
        for (key, _) in questions {
            let names = answers()
                .into_iter()
                .find(|a| a.0 == who && a.1 == key)
                .map(|a| a.2)
                .unwrap_or_default();
            out.push_str(&format!(",\"{}\"", join(&names)));
        }
        out.push('\n');
    }
    out
}

#[test]
fn round_trip_microsoft_forms() {
    let w = Workdir::new();
    let (questions, _) = template(&w, &[]);
    let text = form_export(
        &questions,
        "ID,Start time,Completion time,Email,Name",
        |who| format!("1,2026-05-01 09:00:00,2026-05-01 09:05:00,{who},Someone"),
        |names| names.iter().map(|n| format!("{n};")).collect(),
    );
    w.write("data/survey.csv", text);
    analyse_and_check(&w);
}

#[test]
fn round_trip_google_forms() {
    let w = Workdir::new();
    let (questions, _) = template(&w, &[]);
    let text = form_export(
        &questions,
        "Timestamp,Email Address",
        |who| format!("2026/05/01 9:00:00 AM GMT+2,{who}"),
        |names| names.join(", "),
    );
    w.write("data/survey.csv", text);
    analyse_and_check(&w);
}

#[test]
fn round_trip_qualtrics() {
    // Exported with "Use choice text" and "Split multi-value fields into columns": one
    // column per choice (`advice_1`…), holding the choice's text when it was chosen; two
    // rows under the header (question texts, import ids).
    let w = Workdir::new();
    let (questions, choices) = template(&w, &[]);
    let mut header = vec!["StartDate".to_string(), "RecipientEmail".to_string()];
    let mut texts = vec!["Start Date".to_string(), "Recipient Email".to_string()];
    let mut ids = vec![
        "{\"\"ImportId\"\":\"\"startDate\"\"}".to_string(),
        "{\"\"ImportId\"\":\"\"recipientEmail\"\"}".to_string(),
    ];
    for (qi, (key, text)) in questions.iter().enumerate() {
        for (ci, choice) in choices.iter().enumerate() {
            header.push(format!("{key}_{}", ci + 1));
            texts.push(format!("{text} - {choice}"));
            ids.push(format!(
                "{{\"\"ImportId\"\":\"\"QID{}_{}\"\"}}",
                qi + 1,
                ci + 1
            ));
        }
    }
    let quoted = |cells: &[String]| -> String {
        cells
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut text = format!(
        "{}\n{}\n{}\n",
        header.join(","),
        quoted(&texts),
        quoted(&ids)
    );
    for who in ["cy@x.org", "di@x.org", "gus@x.org"] {
        let mut row = vec!["2026-05-01 09:00:00".to_string(), who.to_string()];
        for (key, _) in &questions {
            let names = answers()
                .into_iter()
                .find(|a| a.0 == who && a.1 == key)
                .map(|a| a.2)
                .unwrap_or_default();
            for choice in &choices {
                row.push(if names.contains(&choice.as_str()) {
                    choice.clone()
                } else {
                    String::new()
                });
            }
        }
        text.push_str(&row.join(","));
        text.push('\n');
    }
    w.write("data/survey.csv", text);
    analyse_and_check(&w);
}

/// A name is a choice only when it can be read back as that person alone and as nothing
/// else: a name that is another person's id, two people of one name, a name with a list
/// separator, one a spreadsheet would run as a formula and one Qualtrics would read as a
/// tag are each written as the person's id; a department's brackets stay out of the
/// Qualtrics block's tag.
#[test]
fn choices_that_could_be_misread_are_ids() {
    let w = Workdir::new();
    w.write(
        "data/org.csv",
        "employee_id,manager_id,name,email,title,department\n\
         E1,,Ann Lee,ann@x.org,Chief Executive Officer,[Exec]\n\
         E2,E1,E1,bo@x.org,Head of Sales,Sales\n\
         E3,E2,Cy Diaz,cy@x.org,Account Executive,Sales\n\
         E4,E2,Cy Diaz,di@x.org,Account Executive,Sales\n\
         E5,E2,\"Fox, Ed\",ed@x.org,Account Executive,Sales\n\
         E6,E1,=HYPERLINK(1),flo@x.org,Head of Operations,Operations\n\
         E7,E6,[[Block:x]],gus@x.org,Analyst,Operations\n\
         E8,E6,Hal Ito,hal@x.org,Analyst,Operations\n",
    );
    w.run(&["survey-template", "data", "--out", "tpl"])
        .expect_code(0);
    let choices: Vec<String> = w
        .read("tpl/choices.txt")
        .lines()
        .map(str::to_string)
        .collect();
    let mut want: Vec<&str> = vec!["Ann Lee", "E2", "E3", "E4", "E5", "E6", "E7", "Hal Ito"];
    want.sort_unstable();
    let mut got: Vec<&str> = choices.iter().map(String::as_str).collect();
    got.sort_unstable();
    assert_eq!(got, want);
    w.run(&[
        "survey-template",
        "data",
        "--out",
        "tpl2",
        "--roster",
        "department",
    ])
    .expect_code(0);
    let qualtrics: String = std::fs::read_dir(w.join("tpl2"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("qualtrics"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        qualtrics.contains("[[Block:How people lead - Exec]]"),
        "{qualtrics}"
    );
    assert!(!qualtrics.contains("[[Block:x]]"));
}

/// An org chart whose columns have names orgsphere does not know is read with the
/// column flags its error names, as `analyze` reads it.
#[test]
fn unknown_column_names_are_mapped_with_the_flags_the_error_names() {
    let w = Workdir::new();
    w.write(
        "data/org.csv",
        "person,boss,job,unit\n\
         P1,,Chief Executive Officer,Exec\n\
         P2,P1,Head of Sales,Sales\n\
         P3,P2,Account Executive,Sales\n",
    );
    w.run(&["survey-template", "data", "--out", "tpl"])
        .expect_code(65)
        .expect_stderr(&["org.csv", "no-id-column", "--id-column"]);
    assert!(!w.join("tpl").exists());
    w.run(&[
        "survey-template",
        "data",
        "--out",
        "tpl",
        "--id-column",
        "person",
        "--manager-column",
        "boss",
        "--title-column",
        "job",
        "--department-column",
        "unit",
    ])
    .expect_code(0);
    let choices = w.read("tpl/choices.txt");
    assert_eq!(choices.lines().collect::<Vec<_>>(), ["P1", "P2", "P3"]);
    // The department column mapped: one form per department.
    w.run(&[
        "survey-template",
        "data",
        "--out",
        "tpl2",
        "--roster",
        "department",
        "--id-column",
        "person",
        "--department-column",
        "unit",
    ])
    .expect_code(0);
    let files: Vec<String> = std::fs::read_dir(w.join("tpl2"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().any(|f| f == "choices-sales.txt"), "{files:?}");
    assert_eq!(w.read("tpl2/choices-sales.txt").lines().count(), 2);
}
