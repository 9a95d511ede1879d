//! Long surveys: `respondent_id, nominee_id[, question][, weight]`, one row per nomination.
//! A row with an empty nominee records a respondent who named nobody. Without a question
//! column the file's name is the question; without a weight column every tie weighs 1.

use std::sync::Arc;

use super::super::columns::{self, QUESTION, WEIGHT};
use super::super::table::{Table, ragged_row};
use super::super::weight::BadWeight;
use super::{FileReader, row_u32};
use crate::diagnostics::{Problem, code};
use crate::error::{Error, Result};
use crate::options::MAX_WEIGHT;
use crate::options::ReadOptions;

/// The columns of a long file.
pub(super) struct LongColumns {
    nominee: usize,
    question: Option<usize>,
    weight: Option<usize>,
}

impl LongColumns {
    pub(super) fn find(
        file: &Arc<str>,
        headers: &[String],
        nominee: usize,
        options: &ReadOptions,
    ) -> Result<LongColumns> {
        let map = &options.columns;
        Ok(LongColumns {
            nominee,
            question: columns::find(file, headers, &QUESTION, map.question.as_deref())?,
            weight: columns::find(file, headers, &WEIGHT, map.weight.as_deref())?,
        })
    }
}

/// At most this many errors are collected from one file before reading stops.
pub(super) const MAX_ERRORS: usize = 1000;

/// Reads every row of a long file; returns the number of data rows.
pub(super) fn read(
    cx: &mut FileReader<'_>,
    table: &mut Table<'_>,
    layout: &LongColumns,
    default_q: &str,
) -> Result<usize> {
    let headers = &table.headers;
    let mut errors = Vec::new();
    let mut rows = 0;
    while let Some((row, record)) = table.rows.next_record()? {
        rows += 1;
        if record.len() != headers.len() {
            errors.push(ragged_row(cx.file, row, record.len(), headers));
        } else if let Err(e) = read_row(cx, headers, layout, default_q, row, record) {
            errors.push(e);
        }
        if errors.len() >= MAX_ERRORS {
            break;
        }
    }
    if !errors.is_empty() {
        return Err(Error::InvalidData(errors));
    }
    Ok(rows)
}

fn read_row(
    cx: &mut FileReader<'_>,
    headers: &[String],
    layout: &LongColumns,
    default_q: &str,
    row: u64,
    record: &csv::StringRecord,
) -> std::result::Result<(), Problem> {
    let weight = match layout.weight.map(|w| (w, cx.labels.parse(&record[w]))) {
        None | Some((_, Ok(None))) => 1.0,
        Some((_, Ok(Some(w)))) => w,
        Some((w, Err(BadWeight::Unknown(text)))) => {
            return Err(Problem::error(
                cx.file,
                code::WEIGHT_NOT_A_NUMBER,
                format!(
                    "weight {text:?} is neither a number nor a known label ({}); write a \
                     number, or map the label with --weight-label {:?}",
                    cx.labels.known(),
                    format!("{text}=N")
                ),
            )
            .at_row(row)
            .in_column(&headers[w]));
        }
        Some((w, Err(BadWeight::TooLarge(_)))) => {
            return Err(Problem::error(
                cx.file,
                code::WEIGHT_OUT_OF_RANGE,
                format!(
                    "weight {:?} is above {MAX_WEIGHT}, the largest orgsphere accepts: a \
                     weight is a rating or a frequency (such as 1-6, or times a month); \
                     check that this column holds weights, or rescale it",
                    record[w].trim()
                ),
            )
            .at_row(row)
            .in_column(&headers[w]));
        }
    };
    let Some(respondent) = cx.respondent(headers, row, record) else {
        return Ok(());
    };
    let raw = match layout.question.map(|q| record[q].trim()) {
        Some(q) if !q.is_empty() => q,
        _ => default_q,
    };
    let question = cx.question_id(raw).map_err(|p| p.at_row(row))?;
    let nominee = Some(&record[layout.nominee]).filter(|n| !n.trim().is_empty());
    let row = row_u32(cx.file, row)?;
    cx.push(row, layout.nominee, respondent, nominee, question, weight);
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::{Problem, Problems};
    use crate::load::{InputFile, Survey};
    use crate::options::ReadOptions;

    pub(crate) fn read_with(
        name: &str,
        text: &str,
        options: &ReadOptions,
    ) -> (Survey, Vec<Problem>) {
        let mut problems = Problems::new(false);
        let s = Survey::read(
            &[InputFile::Bytes(name, text.as_bytes())],
            options,
            &mut problems,
        )
        .unwrap();
        (s, problems.into_vec())
    }

    fn read(name: &str, text: &str) -> (Survey, Vec<Problem>) {
        read_with(name, text, &ReadOptions::default())
    }

    #[test]
    fn long_survey_rows_keep_question_weight_and_position() {
        let (s, problems) = read(
            "survey.csv",
            "respondent_id,nominee_id,question,weight\n1,2,Advice,2\n1,,advice,\n3,1,trust,Weekly\n",
        );
        assert!(problems.is_empty());
        assert_eq!(s.questions, ["advice", "trust"]);
        let r: Vec<_> = s
            .rows
            .iter()
            .map(|r| {
                (
                    r.row,
                    r.column,
                    &*s.symbols[r.respondent as usize],
                    r.nominee.map(|n| &*s.symbols[n as usize]),
                    r.question,
                    r.weight,
                )
            })
            .collect();
        assert_eq!(
            r,
            [
                (2, 1, "1", Some("2"), 0, 2.0),
                (3, 1, "1", None, 0, 1.0),
                (4, 1, "3", Some("1"), 1, 3.0)
            ]
        );
    }

    /// Files are read largest first, but join in the order given: questions, files, ids
    /// and rows as if read one after the other; of two bad files, the first given is the
    /// error.
    #[test]
    fn several_files_join_in_the_order_given_whatever_their_sizes() {
        let small = "respondent_id,nominee_id\nA,B\n";
        let large: String = std::iter::once("respondent_id,nominee_id\n".to_string())
            .chain((0..200).map(|i| format!("C{i},A\n")))
            .collect();
        let middle = "respondent_id,nominee_id\nB,D\nD,B\nE,C0\n";
        let inputs = [
            InputFile::Bytes("survey-first.csv", small.as_bytes()),
            InputFile::Bytes("survey-second.csv", large.as_bytes()),
            InputFile::Bytes("survey-third.csv", middle.as_bytes()),
        ];
        let s = Survey::read(&inputs, &ReadOptions::default(), &mut Problems::new(false)).unwrap();
        assert_eq!(s.questions, ["first", "second", "third"]);
        let files: Vec<&str> = s.files.iter().map(|f| &*f.file).collect();
        assert_eq!(
            files,
            ["survey-first.csv", "survey-second.csv", "survey-third.csv"]
        );
        // Ids numbered as first met in the files' order.
        assert_eq!(&*s.symbols[0], "A");
        assert_eq!(&*s.symbols[1], "B");
        assert_eq!(&*s.symbols[2], "C0");
        assert_eq!(s.symbols.iter().position(|t| &**t == "D"), Some(202));
        let order: Vec<(u16, u32)> = s.rows.iter().map(|r| (r.file, r.row)).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
        assert_eq!(order.len(), 1 + 200 + 3);

        let bad = "respondent_id,nominee_id,weight\nA,B,Often\n";
        let inputs = [
            InputFile::Bytes("first.csv", bad.as_bytes()),
            InputFile::Bytes("second.csv", large.as_bytes()),
            InputFile::Bytes("third.csv", bad.as_bytes()),
        ];
        let err = Survey::read(&inputs, &ReadOptions::default(), &mut Problems::new(false))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("first.csv:2:"), "{err}");
    }

    #[test]
    fn decimal_comma_in_a_semicolon_file() {
        let (s, _) = read("survey.csv", "from;to;weight\n1;2;0,5\n");
        assert_eq!(s.rows[0].weight, 0.5);
        assert_eq!(s.questions, ["influence"]);
    }

    #[test]
    fn question_defaults_to_the_file_name_and_the_map_renames() {
        let (s, _) = read(
            "survey-Advice Network.csv",
            "respondent_id,nominee_id\n1,2\n",
        );
        assert_eq!(s.questions, ["advice_network"]);
        let options = ReadOptions {
            question_map: vec![("Q7".into(), "Trust".into())],
            ..ReadOptions::default()
        };
        let (s, _) = read_with(
            "s.csv",
            "respondent,nominee,question\n1,2,Q7\n1,3,Q8\n1,4,\n",
            &options,
        );
        assert_eq!(s.questions, ["trust", "q8", "s"]);
    }

    #[test]
    fn a_weight_that_is_neither_number_nor_label_is_an_error_with_row_and_column() {
        let err = Survey::read(
            &[InputFile::Bytes(
                "s.csv",
                b"respondent_id,nominee_id,weight\n1,2,Daily\n1,3,Often\n",
            )],
            &ReadOptions::default(),
            &mut Problems::new(false),
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("s.csv:3: error in column 'weight'"),
            "{msg}"
        );
        assert!(
            msg.contains("\"Often\"") && msg.contains("--weight-label \"Often=N\""),
            "{msg}"
        );
        let options = ReadOptions {
            weight_labels: vec![("often".into(), 3.5)],
            ..ReadOptions::default()
        };
        let (s, _) = read_with(
            "s.csv",
            "respondent_id,nominee_id,weight\n1,3,Often\n",
            &options,
        );
        assert_eq!(s.rows[0].weight, 3.5);
    }

    #[test]
    fn a_row_without_respondent_is_dropped_with_a_warning() {
        let (s, problems) = read("s.csv", "respondent_id,nominee_id\n,2\n1,2\n");
        assert_eq!(s.rows.len(), 1);
        assert_eq!(
            (problems[0].code, problems[0].row),
            ("missing-respondent", Some(2))
        );
    }
}
