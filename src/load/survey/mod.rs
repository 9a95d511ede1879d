//! Surveys: one or more files, each in one of two shapes, detected from its header.
//!
//! - long (`long`): `respondent_id, nominee_id[, question][, weight]`, one row per
//!   nomination; a row with an empty nominee records a respondent who named nobody;
//! - wide (`wide`): one row per respondent, nominee columns grouped by question
//!   (`advice_1, advice_2…`, or a survey tool's `Q3_1, Q3_2` mapped by `--question-map`,
//!   or SurveyMonkey's questions over their labelled columns, `monkey`).
//!
//! In: the files (paths or bytes) and the options that name columns, questions and weight
//! labels. Out: a [`Survey`] of rows, each with its file, spreadsheet row and column. Ids are
//! interned: each distinct id text is stored once and rows hold its number, so five million
//! rows cost five million small records, not ten million strings, and validation resolves
//! each distinct text once.

pub mod dimensions;
pub mod kinds;
mod long;
mod monkey;
mod questions;
mod wide;

pub use kinds::QuestionKind;
pub use questions::question_key;
use questions::{QuestionMap, default_question};

use std::collections::HashMap;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::columns::{self, NOMINEE, RESPONDENT};
use super::input::InputFile;
use super::intern::Symbols;
use super::table::Source;
use super::weight::WeightLabels;
use crate::diagnostics::{Problem, Problems, code};
use crate::error::{Error, Result};
use crate::options::ReadOptions;

/// How a survey file is laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Long,
    /// Nominee columns per question: (question, header indices).
    Wide(Vec<(String, Vec<usize>)>),
}

/// One survey file as read.
#[derive(Debug, Clone)]
pub struct SurveyFile {
    pub file: Arc<str>,
    pub sha256: String,
    pub encoding: &'static str,
    pub delimiter: u8,
    /// Data rows read (blank rows excluded).
    pub rows: usize,
    pub headers: Vec<String>,
    /// The header of the respondent column, for messages.
    pub respondent_column: String,
    pub shape: Shape,
}

/// One survey answer. `nominee` is `None` for a respondent who named nobody.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurveyRow {
    /// Index into [`Survey::files`].
    pub file: u16,
    /// Index into [`Survey::questions`].
    pub question: u16,
    /// 1-based spreadsheet row.
    pub row: u32,
    /// Index into the file's headers of the nominee's cell.
    pub column: u32,
    pub respondent: u32,
    pub nominee: Option<u32>,
    pub weight: f64,
}

/// All survey files, read.
#[derive(Debug, Default)]
pub struct Survey {
    pub files: Vec<SurveyFile>,
    /// Question names, as used in column names (`advice`, `trust`).
    pub questions: Vec<String>,
    /// Interned id texts exactly as written in the files.
    pub symbols: Symbols,
    pub rows: Vec<SurveyRow>,
    question_index: HashMap<String, u16>,
}

/// Texts looked up per task when a file's symbols join the survey's.
const LOOKUPS_PER_TASK: usize = 4096;

/// Most questions the surveys of one run may hold.
pub const MAX_QUESTIONS: usize = 256;

impl Survey {
    /// Reads every survey file in order; warnings go to `problems`.
    pub fn read(
        inputs: &[InputFile<'_>],
        options: &ReadOptions,
        problems: &mut Problems,
    ) -> Result<Survey> {
        // Each file is read on its own (side by side when there are several), then the
        // parts are joined in the order the files were given: the same survey, symbols
        // and rows as reading them one after the other. The first part makes room for
        // every file's rows from the start (estimated from its own rows per byte), so
        // joining appends the others' rows in place instead of moving the first file's
        // rows to a larger array, which costs a copy and fresh memory for all of them.
        let bytes: Vec<u64> = inputs.iter().map(InputFile::size).collect();
        let all_bytes: u64 = bytes.iter().sum();
        let read = |i: usize| -> Result<(Survey, Problems)> {
            let input = &inputs[i];
            let source = Source::read(*input, options)?;
            let mut part = Survey::default();
            if i == 0 && bytes[0] > 0 {
                // The other files' rows, at this file's rows per byte and half again
                // (files differ; room never written to takes address space, not memory).
                let others = (all_bytes - bytes[0]) as f64 / bytes[0] as f64;
                let rows = source.max_rows() as f64;
                part.rows.reserve((rows + 1.5 * others * rows) as usize);
            }
            // Joined to `problems` below, under its strictness.
            let mut found = Problems::new(false);
            part.add(source, &default_question(input.path()), options, &mut found)?;
            Ok((part, found))
        };
        // The largest files first, each to whichever thread is free: the threads finish
        // together, where a large file started last would be read alone at the end.
        let mut by_size: Vec<usize> = (0..inputs.len()).collect();
        by_size.sort_by_key(|&i| std::cmp::Reverse(bytes[i]));
        let taken = AtomicUsize::new(0);
        let slots: Vec<OnceLock<Result<(Survey, Problems)>>> =
            inputs.iter().map(|_| OnceLock::new()).collect();
        rayon::scope(|scope| {
            for _ in 0..rayon::current_num_threads().min(inputs.len()) {
                scope.spawn(|_| {
                    while let Some(&i) = by_size.get(taken.fetch_add(1, Ordering::Relaxed)) {
                        // Each file is taken once, so its slot is empty.
                        let _ = slots[i].set(read(i));
                    }
                });
            }
        });
        let parts = slots.into_iter().map(|slot| {
            slot.into_inner()
                .expect("every survey file is taken by one thread")
        });
        let mut survey = Survey::default();
        for part in parts {
            let (part, found) = part?;
            problems.extend(found);
            if survey.files.is_empty() {
                survey = part;
            } else {
                survey.absorb(part)?;
            }
        }
        Ok(survey)
    }

    /// Appends another file's survey: its symbols and questions are renumbered into
    /// this one's.
    fn absorb(&mut self, part: Survey) -> Result<()> {
        // A file's texts are distinct, and most are already known from the files before
        // it: they are looked up side by side, then the new ones added in this file's
        // order, which numbers them as adding each in turn would.
        let known: Vec<Option<u32>> = part
            .symbols
            .par_chunks(LOOKUPS_PER_TASK)
            .flat_map_iter(|texts| self.symbols.get_all(texts))
            .collect();
        let symbols: Vec<u32> = known
            .into_iter()
            .zip(part.symbols.iter())
            .map(|(known, t)| known.unwrap_or_else(|| self.symbols.intern(t)))
            .collect();
        let mut questions = Vec::with_capacity(part.questions.len());
        for key in &part.questions {
            let file = &part.files[0].file;
            let q = self
                .question(file, key)
                .map_err(|p| Error::InvalidData(vec![p]))?;
            questions.push(q);
        }
        let offset = self.files.len();
        u16::try_from(offset + part.files.len()).map_err(|_| {
            Error::Usage("at most 65535 survey files can be read in one run".into())
        })?;
        self.rows.reserve(part.rows.len());
        self.rows.extend(part.rows.into_iter().map(|row| SurveyRow {
            file: row.file + offset as u16,
            question: questions[row.question as usize],
            respondent: symbols[row.respondent as usize],
            nominee: row.nominee.map(|n| symbols[n as usize]),
            ..row
        }));
        self.files.extend(part.files);
        Ok(())
    }

    fn add(
        &mut self,
        source: Source,
        default_q: &str,
        options: &ReadOptions,
        problems: &mut Problems,
    ) -> Result<()> {
        let mut table = source.table()?;
        if let Some(warning) = source.encoding_warning() {
            problems.push(warning);
        }
        self.rows.reserve(source.max_rows());
        let file = &source.file;
        let map = &options.columns;
        let h = &table.headers;
        let monkey = monkey::is_export(h);
        let respondent = match map.respondent.as_deref() {
            None if monkey => monkey::respondent(file, h)?,
            explicit => columns::require(file, h, &RESPONDENT, explicit)?,
        };
        let file_index = u16::try_from(self.files.len()).map_err(|_| {
            Error::Usage("at most 65535 survey files can be read in one run".into())
        })?;
        // The texts of `survey-template`'s questions name their questions, unless
        // `--question-map` says otherwise.
        let known: Vec<(String, String)> = dimensions::TEMPLATE_QUESTIONS
            .iter()
            .filter(|(key, _)| h.iter().any(|x| dimensions::template_key(x) == Some(key)))
            .map(|(key, text)| (text.to_string(), key.to_string()))
            .chain(options.question_map.iter().cloned())
            .collect();
        let questions = QuestionMap::new(&known);
        // A row taken from the table to see whether it is a survey tool's second header,
        // and that was not: read as data.
        let mut first = None;
        let numbered = |h: &[String]| match wide::detect(h, respondent, &questions, default_q) {
            groups if !groups.is_empty() => Ok(SurveyColumns::Wide(groups)),
            _ => Err(no_nominee_column(file, h)),
        };
        let layout = match columns::find(file, h, &NOMINEE, map.nominee.as_deref())? {
            Some(nominee) => {
                SurveyColumns::Long(long::LongColumns::find(file, h, nominee, options)?)
            }
            None if monkey => {
                let taken = table
                    .rows
                    .next_record()?
                    .map(|(row, record)| (row, record.clone()));
                match taken {
                    Some((row, labels)) if monkey::is_label_row(h, respondent, &labels) => {
                        let (groups, renamed) =
                            monkey::questions(h, respondent, &labels, &questions);
                        if groups.is_empty() {
                            return Err(no_nominee_column(file, h));
                        }
                        problems.push(
                            Problem::warning(file, code::SURVEY_TOOL_HEADER, "the row holds SurveyMonkey's answer labels, not answers; it was skipped")
                                .at_row(row),
                        );
                        table.headers = renamed;
                        SurveyColumns::Wide(groups)
                    }
                    taken => {
                        first = taken;
                        numbered(h)?
                    }
                }
            }
            None => numbered(h)?,
        };
        let mut cx = FileReader {
            survey: self,
            file,
            file_index,
            respondent,
            labels: WeightLabels::new(&options.weight_labels),
            questions,
            answer_separators: &options.answer_separators,
            question_ids: HashMap::new(),
            last_respondent: None,
            problems,
        };
        let (rows, shape) = match layout {
            SurveyColumns::Long(layout) => (
                long::read(&mut cx, &mut table, &layout, default_q)?,
                Shape::Long,
            ),
            SurveyColumns::Wide(groups) => (
                wide::read(&mut cx, &mut table, &groups, first)?,
                Shape::Wide(groups),
            ),
        };
        self.files.push(SurveyFile {
            file: Arc::clone(file),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            delimiter: source.delimiter,
            rows,
            respondent_column: table.headers[respondent].clone(),
            headers: table.headers,
            shape,
        });
        Ok(())
    }

    /// The index of question `key`, added if new. More than [`MAX_QUESTIONS`] is an error:
    /// every question gets its own metrics for every person, and so many means a column
    /// that holds something else, such as free text.
    fn question(&mut self, file: &Arc<str>, key: &str) -> std::result::Result<u16, Problem> {
        if let Some(&i) = self.question_index.get(key) {
            return Ok(i);
        }
        if self.questions.len() >= MAX_QUESTIONS {
            return Err(Problem::error(
                file,
                code::TOO_MANY_QUESTIONS,
                format!(
                    "the surveys hold more than {MAX_QUESTIONS} questions; check that the question column (or the numbered columns of a wide survey) holds questions, and name the right one with --question-column or --question-map"
                ),
            ));
        }
        let i = self.questions.len() as u16;
        self.questions.push(key.to_string());
        self.question_index.insert(key.to_string(), i);
        Ok(i)
    }
}

/// How to read one file's rows.
enum SurveyColumns {
    Long(long::LongColumns),
    Wide(Vec<(String, Vec<usize>)>),
}

/// What the readers of one file share: the survey being filled, where the file is, and the
/// settings that turn cells into rows.
struct FileReader<'a> {
    survey: &'a mut Survey,
    file: &'a Arc<str>,
    file_index: u16,
    respondent: usize,
    labels: WeightLabels,
    questions: QuestionMap,
    /// What separates several answers in a cell of a question's one column.
    answer_separators: &'a [char],
    /// Question cells (or the file's default question) already turned into question ids.
    question_ids: HashMap<String, u16>,
    /// The last respondent's text and symbol.
    last_respondent: Option<(String, u32)>,
    problems: &'a mut Problems,
}

impl FileReader<'_> {
    /// The question a question cell (or a default question) stands for, by `--question-map`
    /// or by its own name; computed once per distinct text.
    fn question_id(&mut self, raw: &str) -> std::result::Result<u16, Problem> {
        if let Some(&q) = self.question_ids.get(raw) {
            return Ok(q);
        }
        let q = self.survey.question(self.file, &self.questions.name(raw))?;
        self.question_ids.insert(raw.to_string(), q);
        Ok(q)
    }

    /// The respondent's symbol, or `None` (with a warning) when the cell is empty.
    fn respondent(
        &mut self,
        headers: &[String],
        row: u64,
        record: &csv::StringRecord,
    ) -> Option<u32> {
        let text = &record[self.respondent];
        if text.trim().is_empty() {
            self.problems.push(
                Problem::warning(self.file, code::MISSING_RESPONDENT, "the row has no respondent id and was dropped; fill it in if the answer should count")
                    .at_row(row)
                    .in_column(&headers[self.respondent]),
            );
            return None;
        }
        // Exports list each respondent's answers together: the previous row's respondent
        // is the likeliest, and comparing two short texts is cheaper than a table lookup.
        if let Some((last, symbol)) = &self.last_respondent
            && last == text
        {
            return Some(*symbol);
        }
        let symbol = self.survey.symbols.intern(text);
        match &mut self.last_respondent {
            Some((last, s)) => {
                last.clear();
                last.push_str(text);
                *s = symbol;
            }
            None => self.last_respondent = Some((text.to_string(), symbol)),
        }
        Some(symbol)
    }

    /// Records one answer.
    fn push(
        &mut self,
        row: u32,
        column: usize,
        respondent: u32,
        nominee: Option<&str>,
        question: u16,
        weight: f64,
    ) {
        let nominee = nominee.map(|text| self.survey.symbols.intern(text));
        self.survey.rows.push(SurveyRow {
            file: self.file_index,
            question,
            row,
            column: column as u32,
            respondent,
            nominee,
            weight,
        });
    }
}

/// A spreadsheet row as stored in a [`SurveyRow`].
fn row_u32(file: &Arc<str>, row: u64) -> std::result::Result<u32, Problem> {
    u32::try_from(row).map_err(|_| {
        Problem::error(
            file,
            code::TOO_MANY_ROWS,
            "the file has more than 4 billion rows; split it into several survey files",
        )
        .at_row(row)
    })
}

fn no_nominee_column(file: &Arc<str>, headers: &[String]) -> Error {
    Error::InvalidData(vec![
        Problem::error(
            file,
            code::NO_NOMINEE_COLUMN,
            format!(
                "no nominee column: none of the headers is a known name for it (nominee_id, \
                 nominee, to, target…), and there are no nominee columns of a wide survey \
                 (advice_1, advice_2…). The headers are: {}. Name the column with \
                 --nominee-column HEADER, map a survey tool's columns with --question-map \
                 Q3=advice, or name a form's question column whole with --question-map \
                 \"Who do you go to for advice?=advice\"",
                columns::list_headers(headers)
            ),
        )
        .at_row(1),
    ])
}
