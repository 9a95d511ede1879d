//! SurveyMonkey's export ("All responses", expanded): two header rows.
//!
//! The first row names SurveyMonkey's own columns (`Respondent ID`, `Collector ID`, `Start
//! Date`, `End Date`, `IP Address`, `Email Address`, `First Name`, `Last Name`, `Custom
//! Data 1`) and each question once, over the first of its columns; the cells over the
//! question's other columns are empty. The second row labels each column of a question:
//! `Response` or `Open-Ended Response` for a one-box answer, the box's label for multiple
//! text boxes, the choice (a colleague's name) for a checkbox question. Under its own
//! columns it is empty.
//!
//! Every filled cell of a question's columns is one nominee: a name typed into a box, or
//! the choice a checkbox cell repeats when ticked. `Respondent ID` is SurveyMonkey's own
//! number for the response, never an employee's id: the respondent is `Email Address`
//! unless `--respondent-column` names another column (`Custom Data 1` when the link carried
//! employee ids).

use std::collections::HashMap;
use std::sync::Arc;

use super::super::columns::{fold_header, list_headers};
use super::super::table::unnamed_header;
use super::QuestionMap;
use crate::diagnostics::{Problem, code};
use crate::error::{Error, Result};

/// Whether the header is SurveyMonkey's: it has both `Respondent ID` and `Collector ID`.
pub(super) fn is_export(headers: &[String]) -> bool {
    let has = |name: &str| headers.iter().any(|h| fold_header(h) == name);
    has("respondentid") && has("collectorid")
}

/// The respondent column of a SurveyMonkey export: `Email Address`.
pub(super) fn respondent(file: &Arc<str>, headers: &[String]) -> Result<usize> {
    headers
        .iter()
        .position(|h| fold_header(h) == "emailaddress")
        .ok_or_else(|| {
            Error::InvalidData(vec![
                Problem::error(
                    file,
                    code::NO_ID_COLUMN,
                    format!(
                        "this is a SurveyMonkey export without an \"Email Address\" column, and its \"Respondent ID\" is SurveyMonkey's own number, not an employee's: name the column that holds employee ids or e-mail addresses with --respondent-column HEADER (e.g. \"Custom Data 1\"). The headers are: {}",
                        list_headers(headers)
                    ),
                )
                .at_row(1),
            ])
        })
}

/// Whether the header cell at `i` was empty in the file (the table named it).
fn unnamed(headers: &[String], i: usize) -> bool {
    headers[i] == unnamed_header(i)
}

/// Whether `record`, the row under the header, is SurveyMonkey's row of answer labels: a
/// label over every column whose header is empty (a question's second and later columns),
/// nothing under the respondent, and at least one label.
pub(super) fn is_label_row(
    headers: &[String],
    respondent: usize,
    record: &csv::StringRecord,
) -> bool {
    let filled = |i: usize| !record[i].trim().is_empty();
    record.len() == headers.len()
        && !filled(respondent)
        && (0..headers.len()).any(filled)
        && (0..headers.len()).all(|i| !unnamed(headers, i) || filled(i))
}

/// The nominee columns grouped by question, from the header and the label row, and the
/// headers to report cells by: `question: label` for each column of a question with
/// several, the question's text for a one-box answer. With `--question-map` naming any
/// question of the file, only mapped questions are read.
pub(super) fn questions(
    headers: &[String],
    respondent: usize,
    labels: &csv::StringRecord,
    map: &QuestionMap,
) -> (Vec<(String, Vec<usize>)>, Vec<String>) {
    // Each question's text with its columns: a labelled column under a question's own
    // header, and the unnamed labelled columns after it.
    let mut spans: Vec<(&str, Vec<usize>)> = Vec::new();
    for i in 0..headers.len() {
        if i == respondent || labels[i].trim().is_empty() {
            continue;
        }
        if unnamed(headers, i) {
            if let Some((_, columns)) = spans.last_mut()
                && columns.last() == Some(&(i - 1))
            {
                columns.push(i);
            }
        } else {
            spans.push((headers[i].as_str(), vec![i]));
        }
    }
    let any_mapped = spans.iter().any(|(text, _)| map.maps(text));
    let mut renamed = headers.to_vec();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (text, columns) in spans {
        if any_mapped && !map.maps(text) {
            continue;
        }
        let one_box = columns.len() == 1
            && matches!(
                fold_header(&labels[columns[0]]).as_str(),
                "response" | "openendedresponse"
            );
        if !one_box {
            for &c in &columns {
                renamed[c] = format!("{text}: {}", labels[c].trim());
            }
        }
        let question = map.name(text);
        match index.get(&question) {
            Some(&g) => groups[g].1.extend(columns),
            None => {
                index.insert(question.clone(), groups.len());
                groups.push((question, columns));
            }
        }
    }
    (groups, renamed)
}
