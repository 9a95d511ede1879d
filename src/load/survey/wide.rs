//! Wide surveys: one row per respondent, nominee columns grouped by question.
//!
//! A file without a nominee column is wide when some headers are numbered: `advice_1`,
//! `advice 2`, `advice.3`, `advice-4` or `advice[5]`; the part before the number names the
//! question. Survey tools number their columns by question id (`Q3_1, Q3_2`):
//! `--question-map Q3=advice` names the question, and once a file has mapped prefixes,
//! only those are read as nominee columns (a tool's other numbered columns are left alone).
//!
//! A header that `--question-map` names whole (`"Who do you go to for advice?"=advice`) is
//! its question's one column, as form tools write a multiple-choice question: each answer
//! in its cells, separated by `--answer-separators` (`;` unless set) or line breaks, is
//! one nominee.
//!
//! Each non-empty nominee cell is one answer at its row and column. A respondent whose cells
//! of a question are all empty answered that question naming nobody.

use std::collections::HashMap;

use super::super::columns::fold_header;
use super::super::table::{Table, ragged_row};
use super::long::MAX_ERRORS;
use super::{FileReader, QuestionMap, row_u32};
use crate::diagnostics::{Problem, code};
use crate::error::{Error, Result};

/// Prefixes that name no question (`nominee_1`, `name_2`…): such columns belong to the
/// file's own question, from its name (`survey-advice.csv` → `advice`).
const GENERIC: [&str; 9] = [
    "nominee",
    "nomineeid",
    "name",
    "person",
    "colleague",
    "contact",
    "choice",
    "answer",
    "alter",
];

/// The nominee columns of a wide file, grouped by question in order of first appearance:
/// (question, header indices). Empty when the file is not wide.
pub(super) fn detect(
    headers: &[String],
    respondent: usize,
    map: &QuestionMap,
    default_q: &str,
) -> Vec<(String, Vec<usize>)> {
    // A header `--question-map` names whole is its question's one column (a form tool's
    // column per question); otherwise a numbered header's prefix names the question.
    let numbered: Vec<(usize, &str)> = headers
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != respondent)
        .filter_map(|(i, h)| {
            if map.maps(h) {
                return Some((i, h.as_str()));
            }
            numbered_prefix(h).map(|prefix| (i, prefix))
        })
        .collect();
    let any_mapped = numbered.iter().any(|(_, prefix)| map.maps(prefix));
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, prefix) in numbered {
        if any_mapped && !map.maps(prefix) {
            continue;
        }
        let question = if !map.maps(prefix) && GENERIC.contains(&fold_header(prefix).as_str()) {
            default_q.to_string()
        } else {
            map.name(prefix)
        };
        match index.get(&question) {
            Some(&g) => groups[g].1.push(i),
            None => {
                index.insert(question.clone(), groups.len());
                groups.push((question, vec![i]));
            }
        }
    }
    groups
}

/// The question part of a numbered header: `advice` for `advice_1`, `Advice 2`,
/// `advice.3`, `advice-4` and `advice[5]`; `Q3` for `Q3_1`. `None` for a header without a
/// separated number, or whose prefix holds no letter.
fn numbered_prefix(header: &str) -> Option<&str> {
    let header = header.trim();
    let prefix = if let Some(inner) = header.strip_suffix(']') {
        let (prefix, number) = inner.rsplit_once('[')?;
        (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(prefix)?
    } else {
        let number_start = header.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if number_start == header.len() {
            return None;
        }
        header[..number_start].strip_suffix(['_', ' ', '.', '-'])?
    };
    let prefix = prefix.trim();
    prefix
        .chars()
        .any(char::is_alphabetic)
        .then_some(prefix)
        .filter(|p| !fold_header(p).is_empty())
}

/// Reads every row of a wide file; returns the number of data rows. `first` is a row
/// already taken from the table (to see whether it was a survey tool's second header) and
/// not yet read.
pub(super) fn read(
    cx: &mut FileReader<'_>,
    table: &mut Table<'_>,
    groups: &[(String, Vec<usize>)],
    first: Option<(u64, csv::StringRecord)>,
) -> Result<usize> {
    let mut questions = Vec::with_capacity(groups.len());
    for (question, _) in groups {
        let q = cx.survey.question(cx.file, question);
        questions.push(q.map_err(|p| Error::InvalidData(vec![p.at_row(1)]))?);
    }
    let headers = &table.headers;
    // Columns that may hold several answers: those `--question-map` names whole, the
    // answers separated by `--answer-separators` or line breaks.
    let several: Vec<bool> = headers.iter().map(|h| cx.questions.maps(h)).collect();
    let separators: Vec<char> = cx
        .answer_separators
        .iter()
        .copied()
        .chain(['\n', '\r'])
        .collect();
    // A column headed by a `survey-template` question's text: its choices hold no comma,
    // so Google Forms' `, ` separates too.
    let template_separators: Vec<char> = separators.iter().copied().chain([';', ',']).collect();
    let template: Vec<bool> = headers
        .iter()
        .map(|h| super::dimensions::template_key(h).is_some())
        .collect();
    let mut errors = Vec::new();
    let mut rows = 0;
    let mut row_of = |cx: &mut FileReader<'_>, row: u64, record: &csv::StringRecord| {
        rows += 1;
        if record.len() != headers.len() {
            errors.push(ragged_row(cx.file, row, record.len(), headers));
            return Ok(errors.len() < MAX_ERRORS);
        }
        if is_tool_header(record) {
            cx.problems.push(
                Problem::warning(cx.file, code::SURVEY_TOOL_HEADER, "the row holds a survey tool's column descriptions, not answers; it was skipped")
                    .at_row(row),
            );
            return Ok(true);
        }
        let Some(respondent) = cx.respondent(headers, row, record) else {
            return Ok(true);
        };
        let row = row_u32(cx.file, row).map_err(|p| Error::InvalidData(vec![p]))?;
        for ((_, columns), &question) in groups.iter().zip(&questions) {
            let mut named = false;
            for &c in columns {
                let cell = &record[c];
                if cell.trim().is_empty() {
                    continue;
                }
                if several[c] {
                    let split = if template[c] {
                        template_separators.as_slice()
                    } else {
                        separators.as_slice()
                    };
                    for name in cell.split(split).map(str::trim) {
                        if !name.is_empty() {
                            cx.push(row, c, respondent, Some(name), question, 1.0);
                            named = true;
                        }
                    }
                } else {
                    cx.push(row, c, respondent, Some(cell), question, 1.0);
                    named = true;
                }
            }
            if !named {
                cx.push(row, columns[0], respondent, None, question, 1.0);
            }
        }
        Ok::<bool, Error>(true)
    };
    let mut going = match &first {
        Some((row, record)) => row_of(cx, *row, record)?,
        None => true,
    };
    while going && let Some((row, record)) = table.rows.next_record()? {
        going = row_of(cx, row, record)?;
    }
    if !errors.is_empty() {
        return Err(Error::InvalidData(errors));
    }
    Ok(rows)
}

/// Qualtrics writes two rows under the header: the question texts and `{"ImportId":…}`
/// cells. The second is recognisable; the first names no known respondent and is reported
/// as such by validation.
fn is_tool_header(record: &csv::StringRecord) -> bool {
    record
        .iter()
        .any(|cell| cell.trim_start().starts_with("{\"ImportId\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Problems;
    use crate::load::survey::Shape;
    use crate::load::{InputFile, Survey};
    use crate::options::ReadOptions;

    fn read(text: &str, options: &ReadOptions) -> Survey {
        Survey::read(
            &[InputFile::Bytes("survey.csv", text.as_bytes())],
            options,
            &mut Problems::new(false),
        )
        .unwrap()
    }

    /// (row, header of the cell, respondent, nominee, question) of every answer.
    fn answers(s: &Survey) -> Vec<(u32, &str, &str, Option<&str>, &str)> {
        s.rows
            .iter()
            .map(|r| {
                (
                    r.row,
                    s.files[0].headers[r.column as usize].as_str(),
                    &*s.symbols[r.respondent as usize],
                    r.nominee.map(|n| &*s.symbols[n as usize]),
                    s.questions[r.question as usize].as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn numbered_headers_name_their_question() {
        for (header, prefix) in [
            ("advice_1", Some("advice")),
            ("Advice 2", Some("Advice")),
            ("advice.3", Some("advice")),
            ("go-to person-4", Some("go-to person")),
            ("advice[12]", Some("advice")),
            ("Q3_1", Some("Q3")),
            ("Q1", None),
            ("advice", None),
            ("2024_1", None),
            ("_1", None),
            ("advice[]", None),
            ("advice[x]", None),
        ] {
            assert_eq!(numbered_prefix(header), prefix, "{header}");
        }
    }

    #[test]
    fn wide_rows_become_one_answer_per_named_person() {
        let s = read(
            "respondent_id,advice_1,advice_2,trust_1,Start time\n\
             a,b,c,,2024-05-01\n\
             b,,,a,2024-05-01\n\
             c,,,,2024-05-02\n",
            &ReadOptions::default(),
        );
        assert_eq!(
            s.files[0].shape,
            Shape::Wide(vec![
                ("advice".into(), vec![1, 2]),
                ("trust".into(), vec![3])
            ])
        );
        assert_eq!(
            answers(&s),
            [
                (2, "advice_1", "a", Some("b"), "advice"),
                (2, "advice_2", "a", Some("c"), "advice"),
                (2, "trust_1", "a", None, "trust"),
                (3, "advice_1", "b", None, "advice"),
                (3, "trust_1", "b", Some("a"), "trust"),
                (4, "advice_1", "c", None, "advice"),
                (4, "trust_1", "c", None, "trust"),
            ]
        );
    }

    #[test]
    fn a_question_map_names_survey_tool_columns_and_selects_them() {
        let options = ReadOptions {
            question_map: vec![
                ("Q3".into(), "advice".into()),
                ("Q4".into(), "advice".into()),
            ],
            ..ReadOptions::default()
        };
        let s = read(
            "RecipientEmail,Q3_1,Q3_2,Q4_1,Q9_1\n\
             \"{\"\"ImportId\"\":\"\"recipientEmail\"\"}\",\"{\"\"ImportId\"\":\"\"QID3_1\"\"}\",,,\n\
             a@x.org,b@x.org,,c@x.org,42\n",
            &options,
        );
        assert_eq!(
            s.files[0].shape,
            Shape::Wide(vec![("advice".into(), vec![1, 2, 3])])
        );
        assert_eq!(
            answers(&s),
            [
                (3, "Q3_1", "a@x.org", Some("b@x.org"), "advice"),
                (3, "Q4_1", "a@x.org", Some("c@x.org"), "advice"),
            ]
        );
    }

    /// SurveyMonkey's expanded export: its own columns, a multiple-text-box question, a
    /// checkbox question whose choices are colleagues, and a one-box question about
    /// something else; the second row labels each question's columns.
    const MONKEY: &str = "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,Who do you go to for advice?,,,Who do you trust?,,How satisfied are you?\n\
        ,,,,,,,,,Colleague 1,Colleague 2,Colleague 3,Ann Lee,Bo Chen,Response\n\
        11401,4455,05/01/2026,05/01/2026,10.0.0.1,ann@x.org,,,E1,bo@x.org,Cy Diaz,,,Bo Chen,Very\n\
        11402,4455,05/01/2026,05/01/2026,10.0.0.2,bo@x.org,,,E2,,,,Ann Lee,,Somewhat\n\
        11403,4455,05/02/2026,05/02/2026,10.0.0.3,cy@x.org,,,E3,,,,,,\n";

    fn monkey_options(map: &[(&str, &str)]) -> ReadOptions {
        ReadOptions {
            question_map: map
                .iter()
                .map(|&(from, to)| (from.to_string(), to.to_string()))
                .collect(),
            ..ReadOptions::default()
        }
    }

    #[test]
    fn surveymonkey_questions_span_their_labelled_columns() {
        let options = monkey_options(&[
            ("Who do you go to for advice?", "advice"),
            ("Who do you trust?", "trust"),
        ]);
        let mut problems = Problems::new(false);
        let s = Survey::read(
            &[InputFile::Bytes("survey.csv", MONKEY.as_bytes())],
            &options,
            &mut problems,
        )
        .unwrap();
        assert_eq!(
            s.files[0].shape,
            Shape::Wide(vec![
                ("advice".into(), vec![9, 10, 11]),
                ("trust".into(), vec![12, 13])
            ]),
            "the satisfaction question is not mapped, so not read"
        );
        assert_eq!(s.files[0].respondent_column, "Email Address");
        let advice = "Who do you go to for advice?";
        assert_eq!(
            answers(&s),
            [
                (
                    3,
                    &*format!("{advice}: Colleague 1"),
                    "ann@x.org",
                    Some("bo@x.org"),
                    "advice"
                ),
                (
                    3,
                    &*format!("{advice}: Colleague 2"),
                    "ann@x.org",
                    Some("Cy Diaz"),
                    "advice"
                ),
                (
                    3,
                    "Who do you trust?: Bo Chen",
                    "ann@x.org",
                    Some("Bo Chen"),
                    "trust"
                ),
                (
                    4,
                    &*format!("{advice}: Colleague 1"),
                    "bo@x.org",
                    None,
                    "advice"
                ),
                (
                    4,
                    "Who do you trust?: Ann Lee",
                    "bo@x.org",
                    Some("Ann Lee"),
                    "trust"
                ),
                (
                    5,
                    &*format!("{advice}: Colleague 1"),
                    "cy@x.org",
                    None,
                    "advice"
                ),
                (5, "Who do you trust?: Ann Lee", "cy@x.org", None, "trust"),
            ]
        );
        let skipped: Vec<(&str, Option<u64>)> = problems
            .as_slice()
            .iter()
            .map(|p| (p.code, p.row))
            .collect();
        assert_eq!(skipped, [("survey-tool-header", Some(2))]);
    }

    #[test]
    fn surveymonkey_questions_without_a_map_are_named_by_their_text() {
        let s = read(MONKEY, &ReadOptions::default());
        let Shape::Wide(groups) = &s.files[0].shape else {
            panic!("not wide");
        };
        let names: Vec<&str> = groups.iter().map(|(q, _)| q.as_str()).collect();
        assert_eq!(
            names,
            [
                "who_do_you_go_to_for_advice",
                "who_do_you_trust",
                "how_satisfied_are_you"
            ]
        );
        // A one-box answer is reported under the question's own text.
        assert_eq!(s.files[0].headers[14], "How satisfied are you?");
    }

    #[test]
    fn surveymonkey_respondents_come_from_another_column_when_named() {
        let options = ReadOptions {
            columns: crate::options::ColumnMap {
                respondent: Some("Custom Data 1".into()),
                ..Default::default()
            },
            ..monkey_options(&[("Who do you trust?", "trust")])
        };
        let s = read(MONKEY, &options);
        let respondents: Vec<&str> = answers(&s).iter().map(|a| a.2).collect();
        assert_eq!(respondents, ["E1", "E2", "E3"]);
        // Without an e-mail column or a named one, SurveyMonkey's own numbers are refused.
        let without_email = MONKEY.replace("Email Address", "Email");
        let err = Survey::read(
            &[InputFile::Bytes("survey.csv", without_email.as_bytes())],
            &ReadOptions::default(),
            &mut Problems::new(false),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("SurveyMonkey") && err.contains("--respondent-column"),
            "{err}"
        );
    }

    #[test]
    fn a_surveymonkey_file_with_one_header_row_keeps_its_first_answers() {
        let s = read(
            "Respondent ID,Collector ID,Email Address,advice_1,advice_2\n\
             11401,4455,ann@x.org,bo@x.org,\n\
             11402,4455,bo@x.org,ann@x.org,cy@x.org\n",
            &ReadOptions::default(),
        );
        assert_eq!(
            answers(&s),
            [
                (2, "advice_1", "ann@x.org", Some("bo@x.org"), "advice"),
                (3, "advice_1", "bo@x.org", Some("ann@x.org"), "advice"),
                (3, "advice_2", "bo@x.org", Some("cy@x.org"), "advice"),
            ]
        );
    }

    #[test]
    fn a_column_mapped_whole_holds_several_answers_per_cell() {
        let options = monkey_options(&[("Who do you go to for advice?", "advice")]);
        let s = read(
            "Email,Who do you go to for advice?,Comments,advice_1\n\
             a@x.org,b@x.org;Cy Diaz;,fine; thanks,d@x.org\n\
             b@x.org,\"a@x.org\nDoe, Jane\",,\n\
             c@x.org,;,,\n",
            &options,
        );
        assert_eq!(
            s.files[0].shape,
            Shape::Wide(vec![("advice".into(), vec![1])]),
            "only the mapped column is read once a column is mapped"
        );
        let q = "Who do you go to for advice?";
        assert_eq!(
            answers(&s),
            [
                (2, q, "a@x.org", Some("b@x.org"), "advice"),
                (2, q, "a@x.org", Some("Cy Diaz"), "advice"),
                (3, q, "b@x.org", Some("a@x.org"), "advice"),
                (3, q, "b@x.org", Some("Doe, Jane"), "advice"),
                (4, q, "c@x.org", None, "advice"),
            ]
        );
        // Google Forms joins checkbox answers with ", ": split when the comma is named.
        let google = "Email Address,Who do you go to for advice?\na@x.org,\"Ann Lee, Bo Chen\"\n";
        let names = |options: &ReadOptions| -> Vec<Option<String>> {
            answers(&read(google, options))
                .iter()
                .map(|a| a.3.map(str::to_string))
                .collect()
        };
        assert_eq!(names(&options), [Some("Ann Lee, Bo Chen".to_string())]);
        let commas = ReadOptions {
            answer_separators: vec![';', ','],
            ..options
        };
        assert_eq!(
            names(&commas),
            [Some("Ann Lee".to_string()), Some("Bo Chen".to_string())]
        );
        // Numbered columns keep their cells whole.
        let s = read(
            "respondent_id,advice_1\na,Doe; John\n",
            &ReadOptions::default(),
        );
        assert_eq!(
            answers(&s),
            [(2, "advice_1", "a", Some("Doe; John"), "advice")]
        );
    }

    #[test]
    fn generic_nominee_columns_take_the_file_question() {
        let text = "respondent_id,Nominee 1,Nominee 2\na,b,c\n";
        let s = Survey::read(
            &[InputFile::Bytes("survey-trust.csv", text.as_bytes())],
            &ReadOptions::default(),
            &mut Problems::new(false),
        )
        .unwrap();
        assert_eq!(
            s.files[0].shape,
            Shape::Wide(vec![("trust".into(), vec![1, 2])])
        );
    }

    #[test]
    fn a_header_of_numbered_free_text_is_refused_not_read() {
        let header: Vec<String> = (0..300).map(|i| format!("item{i}_1")).collect();
        let text = format!("respondent_id,{}\n", header.join(","));
        let err = Survey::read(
            &[InputFile::Bytes("s.csv", text.as_bytes())],
            &ReadOptions::default(),
            &mut Problems::new(false),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("s.csv:1: error [too-many-questions]"),
            "{err}"
        );
    }

    #[test]
    fn a_file_without_nominee_columns_lists_its_headers() {
        let err = Survey::read(
            &[InputFile::Bytes("s.csv", b"respondent_id,comment\n1,hi\n")],
            &ReadOptions::default(),
            &mut Problems::new(false),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("s.csv:1: error [no-nominee-column]"),
            "{err}"
        );
        assert!(
            err.contains("\"respondent_id\", \"comment\"") && err.contains("--question-map"),
            "{err}"
        );
    }
}
