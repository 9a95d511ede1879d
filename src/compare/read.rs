//! Reading one result folder written by `orgsphere analyze`: `people.csv` (id, role,
//! reason, nominations, PageRank, per-question nominations) and `summary.json` (kept as
//! JSON, so fields added to it later can be compared without code here). Every number is
//! checked against what orgsphere writes there ([`kinds`]): a count of 1e30 or a share of
//! 1.5 stops the comparison (exit 65) at its file, row and column.

use std::cmp::Ordering;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::kinds::{self, SummaryError, ValueKind};
use crate::diagnostics::{Problem, code};
use crate::error::{Error, Result};
use crate::load::input::not_a_file;
use crate::text::{csv_unguard, natural_cmp};

/// The `people.csv` columns compare needs.
pub const REQUIRED: [&str; 5] = ["employee_id", "role", "reason", "in_degree", "pagerank"];

/// One person of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub id: String,
    pub role: String,
    pub reason: String,
    /// Distinct nominators, all questions combined.
    pub in_degree: u32,
    pub pagerank: f64,
    /// 1-based place in the influence ranking (nominators, then PageRank); equal scores
    /// share a place.
    pub rank: usize,
    /// Nominators per question, in the order of [`ResultFolder::questions`].
    pub by_question: Vec<Option<u32>>,
    /// `perception_accuracy` (empty when the person gave no view that could be scored);
    /// `None` when the run had no perception file.
    pub perception_accuracy: Option<f64>,
    /// `perceived_in_degree`: perceivers who believe the person is sought; `None` when the
    /// run had no perception file.
    pub perceived_in_degree: Option<u32>,
}

/// One run's results.
#[derive(Debug)]
pub struct ResultFolder {
    pub dir: PathBuf,
    /// Sorted by id (digits by value).
    pub people: Vec<PersonRow>,
    /// The questions with a `<question>_in_degree` column.
    pub questions: Vec<String>,
    /// Whether `people.csv` has the perception columns (the run read perception files).
    pub perceptions: bool,
    pub summary: Value,
    /// Whether `dir` is an input folder analysed for the comparison (not a result folder).
    pub analysed: bool,
}

impl ResultFolder {
    /// Reads `dir/people.csv` and `dir/summary.json`. A missing folder or file is
    /// [`Error::InputMissing`] (66); a file orgsphere could not have written is
    /// [`Error::InvalidData`] (65).
    pub fn read(dir: &Path) -> Result<ResultFolder> {
        if !dir.is_dir() {
            return Err(missing(dir, "no such folder"));
        }
        let summary = read_summary(&dir.join("summary.json"))?;
        let people = read_people(&dir.join("people.csv"), &summary)?;
        Ok(ResultFolder::new(dir, summary, people, false))
    }

    /// The results of an input folder analysed in memory: `people.csv` and `summary.json`
    /// as `analyze` would have written them into a folder, read as if from it. `dir` is
    /// the input folder, for messages.
    pub fn from_bytes(dir: &Path, people_csv: &[u8], summary_json: &[u8]) -> Result<ResultFolder> {
        let summary = parse_summary(&dir.join("summary.json"), summary_json)?;
        let people = parse_people(&dir.join("people.csv"), people_csv, &summary)?;
        Ok(ResultFolder::new(dir, summary, people, true))
    }

    /// A run's results, people ranked.
    fn new(
        dir: &Path,
        summary: Value,
        (mut people, questions, perceptions): (Vec<PersonRow>, Vec<String>, bool),
        analysed: bool,
    ) -> ResultFolder {
        rank(&mut people);
        ResultFolder {
            dir: dir.to_path_buf(),
            people,
            questions,
            perceptions,
            summary,
            analysed,
        }
    }

    /// A value of `summary.json` by JSON pointer (`/parameters/strict`).
    pub fn summary_at(&self, pointer: &str) -> Option<&Value> {
        self.summary.pointer(pointer)
    }
}

fn missing(path: &Path, why: &str) -> Error {
    Error::InputMissing {
        path: path.to_path_buf(),
        source: io::Error::new(io::ErrorKind::NotFound, why.to_string()),
    }
}

fn open(path: &Path) -> Result<File> {
    // A device (`/dev/zero`) would be read without end; it is refused before it is opened.
    if let Some(what) = std::fs::metadata(path).ok().as_ref().and_then(not_a_file) {
        return Err(invalid(
            path,
            None,
            code::UNREADABLE_RESULTS,
            format!(
                "this is {what}, not a file `orgsphere analyze` wrote; compare reads the files of its result folders"
            ),
        ));
    }
    File::open(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => missing(
            path,
            "not found: compare takes two folders, each written by `orgsphere analyze --out` (people.csv and summary.json) or holding the inputs to analyse (org.csv and survey*.csv)",
        ),
        _ => Error::InputMissing {
            path: path.to_path_buf(),
            source,
        },
    })
}

fn invalid(path: &Path, row: Option<u64>, code: &'static str, message: String) -> Error {
    let file: Arc<str> = path.display().to_string().into();
    let mut p = Problem::error(&file, code, message);
    p.row = row;
    Error::InvalidData(vec![p])
}

fn read_summary(path: &Path) -> Result<Value> {
    let mut text = Vec::new();
    io::Read::read_to_end(&mut open(path)?, &mut text).map_err(|e| Error::io(path, e))?;
    parse_summary(path, &text)
}

/// `summary.json`'s text from `text`, every figure checked (see [`kinds`]); `path` names
/// it in errors.
fn parse_summary(path: &Path, text: &[u8]) -> Result<Value> {
    let value = kinds::parse_summary(text, &kinds::NOT_FIGURES).map_err(|e| match e {
        SummaryError::Json(e) => invalid(
            path,
            None,
            code::INVALID_SUMMARY,
            format!("not a summary written by orgsphere ({e}); run `orgsphere analyze` again to rewrite it"),
        ),
        SummaryError::Figure(f) => not_written_by_orgsphere(
            path,
            f.line as u64,
            &f.path,
            &f.value,
            f.kind,
        ),
    })?;
    if !value.is_object() {
        return Err(invalid(
            path,
            None,
            code::INVALID_SUMMARY,
            "not a summary written by orgsphere (no JSON object); run `orgsphere analyze` again to rewrite it".into(),
        ));
    }
    Ok(value)
}

/// A value at `row` and `column` (a `people.csv` header or a `summary.json` field) that is
/// not of the kind orgsphere writes there.
fn not_written_by_orgsphere(
    path: &Path,
    row: u64,
    column: &str,
    value: &str,
    kind: ValueKind,
) -> Error {
    let folder = path
        .parent()
        .map_or_else(|| ".".into(), |d| d.display().to_string());
    let mut e = invalid(
        path,
        Some(row),
        code::IMPOSSIBLE_VALUE,
        format!(
            "{column} is {value}, but orgsphere writes {} there: {folder} is not a result folder of `orgsphere analyze`, or the file was edited; run `orgsphere analyze` again to rewrite it",
            kind.describe()
        ),
    );
    if let Error::InvalidData(p) = &mut e {
        p[0].column = Some(column.to_string());
    }
    e
}

/// Where each needed column is.
struct NeededColumns {
    required: [usize; 5],
    questions: Vec<(String, usize)>,
    /// `perception_accuracy` and `perceived_in_degree`, when the run had perceptions.
    perception: Option<[usize; 2]>,
}

/// Finds the columns compare needs in `people.csv`'s header (as written: cells that look
/// like formulas carry a guard apostrophe). The per-question columns are
/// `<question>_in_degree` for each question `summary.json` lists in `counts.questions`;
/// without that list, every column whose name ends in `_in_degree`.
fn layout(path: &Path, headers: &csv::StringRecord, summary: &Value) -> Result<NeededColumns> {
    let headers: Vec<&str> = headers.iter().map(csv_unguard).collect();
    let find = |name: &str| headers.iter().position(|h| *h == name);
    let absent: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| find(c).is_none())
        .collect();
    if !absent.is_empty() {
        return Err(invalid(
            path,
            Some(1),
            code::MISSING_COLUMN,
            format!(
                "no column {}; compare needs {} as `orgsphere analyze` writes them",
                absent.join(", "),
                REQUIRED.join(", ")
            ),
        ));
    }
    let listed = summary
        .pointer("/counts/questions")
        .and_then(Value::as_array);
    let questions = match listed {
        Some(list) => list
            .iter()
            .filter_map(Value::as_str)
            .filter_map(|q| Some((q.to_string(), find(&format!("{q}_in_degree"))?)))
            .collect(),
        None => headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| Some((h.strip_suffix("_in_degree")?.to_string(), i)))
            .filter(|(q, _)| !q.is_empty())
            .collect(),
    };
    Ok(NeededColumns {
        required: REQUIRED.map(|c| find(c).expect("checked above")),
        questions,
        perception: find("perception_accuracy")
            .zip(find("perceived_in_degree"))
            .map(|(a, d)| [a, d]),
    })
}

fn read_people(path: &Path, summary: &Value) -> Result<(Vec<PersonRow>, Vec<String>, bool)> {
    parse_people(path, io::BufReader::new(open(path)?), summary)
}

/// `people.csv`'s rows from `text`, sorted by id; `path` names it in errors, `summary` (the
/// same run's) lists the questions.
fn parse_people(
    path: &Path,
    text: impl io::Read,
    summary: &Value,
) -> Result<(Vec<PersonRow>, Vec<String>, bool)> {
    let mut reader = csv::Reader::from_reader(text);
    let bad = |row: Option<u64>, e: csv::Error| {
        invalid(
            path,
            row,
            code::UNREADABLE_RESULTS,
            format!("{e}; run `orgsphere analyze` again to rewrite it"),
        )
    };
    let headers = reader.headers().map_err(|e| bad(Some(1), e))?.clone();
    let layout = layout(path, &headers, summary)?;
    let mut people = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| bad(e.position().map(|p| p.record() + 1), e))?;
        let row = record.position().map_or(0, |p| p.record() + 1);
        people.push(person(path, &headers, &layout, &record, row)?);
    }
    people.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    if let Some(w) = people.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(invalid(
            path,
            None,
            code::DUPLICATE_ID,
            format!(
                "{} appears twice; run `orgsphere analyze` again to rewrite it",
                w[0].id
            ),
        ));
    }
    let perceptions = layout.perception.is_some();
    let questions = layout.questions.into_iter().map(|(q, _)| q).collect();
    Ok((people, questions, perceptions))
}

fn person(
    path: &Path,
    headers: &csv::StringRecord,
    layout: &NeededColumns,
    record: &csv::StringRecord,
    row: u64,
) -> Result<PersonRow> {
    let cell = |i: usize| record.get(i).unwrap_or("").trim();
    // Text as orgsphere was given it: without the guard that keeps spreadsheets from
    // running it as a formula.
    let text = |i: usize| csv_unguard(record.get(i).unwrap_or("")).trim();
    let number = |i: usize, kind: ValueKind| -> Result<Option<f64>> {
        let text = cell(i);
        kind.cell(text).map_err(|()| {
            let column = headers.get(i).unwrap_or("");
            not_written_by_orgsphere(path, row, column, &format!("{text:?}"), kind)
        })
    };
    // A count checked by `ValueKind::Count` fits a u32.
    let count = |i: usize| Ok(number(i, ValueKind::Count)?.map(|v| v as u32));
    let [id, role, reason, in_degree, pagerank] = layout.required;
    Ok(PersonRow {
        id: text(id).to_string(),
        role: text(role).to_string(),
        reason: text(reason).to_string(),
        in_degree: count(in_degree)?.unwrap_or(0),
        pagerank: number(pagerank, ValueKind::Share)?.unwrap_or(0.0),
        rank: 0,
        by_question: layout
            .questions
            .iter()
            .map(|&(_, i)| count(i))
            .collect::<Result<_>>()?,
        perception_accuracy: match layout.perception {
            Some([accuracy, _]) => number(accuracy, ValueKind::Measure)?,
            None => None,
        },
        perceived_in_degree: match layout.perception {
            Some([_, perceived]) => Some(count(perceived)?.unwrap_or(0)),
            None => None,
        },
    })
}

/// Sets each person's place in the influence ranking: most nominators first, PageRank
/// breaking ties, equal scores sharing a place ("1224" ranking).
fn rank(people: &mut [PersonRow]) {
    let by_score = |a: &PersonRow, b: &PersonRow| {
        b.in_degree
            .cmp(&a.in_degree)
            .then(b.pagerank.total_cmp(&a.pagerank))
    };
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.sort_by(|&a, &b| by_score(&people[a], &people[b]).then(a.cmp(&b)));
    let mut place = 0;
    for (i, &p) in order.iter().enumerate() {
        if i == 0 || by_score(&people[order[i - 1]], &people[p]) != Ordering::Equal {
            place = i + 1;
        }
        people[p].rank = place;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, in_degree: u32, pagerank: f64) -> PersonRow {
        PersonRow {
            id: id.into(),
            role: String::new(),
            reason: String::new(),
            in_degree,
            pagerank,
            rank: 0,
            by_question: vec![],
            perception_accuracy: None,
            perceived_in_degree: None,
        }
    }

    #[test]
    fn equal_scores_share_a_place() {
        let mut people = vec![
            row("a", 1, 0.1),
            row("b", 5, 0.2),
            row("c", 1, 0.1),
            row("d", 5, 0.3),
        ];
        rank(&mut people);
        let places: Vec<usize> = people.iter().map(|p| p.rank).collect();
        assert_eq!(places, [3, 2, 3, 1]);
    }
}
