//! Perception files (cognitive social structures): what people believe about who goes to
//! whom, beside what the surveys say they do.
//!
//! Two forms, told apart by the header:
//! - ties: `perceiver, sender, receiver[, question]`, one row per tie the perceiver
//!   believes exists ("who does X go to for advice?", Krackhardt's cognitive social
//!   structure);
//! - team: `perceiver, nominee[, question]` ("who do the people in your team go to for
//!   advice?"), the perceiver's view that the members of their own team go to the
//!   nominee; the team is resolved against the org chart in validation.
//!
//! Without a question column the file's name is the question (`perceptions-advice.csv` →
//! `advice`); a file whose name leaves nothing (`perceptions.csv`) holds perceptions of the
//! combined influence layer. Ids are interned as in the surveys; nothing is resolved here.

use std::sync::Arc;

use super::aliases::{NOMINEE, QUESTION, RESPONDENT};
use super::columns::{self, ColumnRole, fold_header};
use super::input::InputFile;
use super::intern::Symbols;
use super::survey::question_key;
use super::table::{Source, ragged_row};
use crate::diagnostics::{Problem, Problems, code};
use crate::error::{Error, Result};
use crate::options::ReadOptions;

/// The perceiver column: who holds the view.
pub const PERCEIVER: ColumnRole = ColumnRole {
    name: "perceiver_id",
    flag: "--perceiver-column",
    aliases: &[
        "perceiverid",
        "perceiver",
        "perceiveremail",
        "informantid",
        "informant",
        "raterid",
        "rater",
        "observerid",
        "observer",
    ],
};
/// The sender of a perceived tie: the one believed to seek the other out.
pub const SENDER: ColumnRole = ColumnRole {
    name: "sender_id",
    flag: "--sender-column",
    aliases: &[
        "senderid",
        "sender",
        "senderemail",
        "seekerid",
        "seeker",
        "fromid",
        "from",
        "sourceid",
        "source",
        "egoid",
        "ego",
    ],
};
/// The receiver of a perceived tie: the one believed to be sought.
pub const RECEIVER: ColumnRole = ColumnRole {
    name: "receiver_id",
    flag: "--receiver-column",
    aliases: &[
        "receiverid",
        "receiver",
        "receiveremail",
        "soughtid",
        "sought",
        "toid",
        "to",
        "targetid",
        "target",
        "alterid",
        "alter",
    ],
};

/// How a perception file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerceptionForm {
    /// `perceiver, sender, receiver`: every tie the perceiver believes exists.
    Ties,
    /// `perceiver, nominee`: whom the perceiver's team is believed to go to.
    Team,
}

impl PerceptionForm {
    pub fn as_str(self) -> &'static str {
        match self {
            PerceptionForm::Ties => "ties",
            PerceptionForm::Team => "team",
        }
    }
}

/// One perception file as read.
#[derive(Debug, Clone)]
pub struct PerceptionFile {
    pub file: Arc<str>,
    pub sha256: String,
    pub encoding: &'static str,
    /// Data rows read (blank rows excluded).
    pub rows: usize,
    pub headers: Vec<String>,
    pub form: PerceptionForm,
    pub perceiver: usize,
    /// The sender column (ties form only).
    pub sender: Option<usize>,
    /// The receiver (ties) or nominee (team) column.
    pub receiver: usize,
}

/// One perceived tie as written. `sender` is `None` in the team form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PerceptionRow {
    pub file: u16,
    /// 1-based spreadsheet row.
    pub row: u32,
    /// Index into [`Perceptions::questions`].
    pub question: u16,
    pub perceiver: u32,
    pub sender: Option<u32>,
    pub receiver: u32,
}

/// All perception files, read.
#[derive(Debug, Default)]
pub struct Perceptions {
    pub files: Vec<PerceptionFile>,
    /// Question names as written in the files (keys, as for the surveys); the empty name is
    /// the combined influence layer.
    pub questions: Vec<String>,
    /// Interned id texts exactly as written.
    pub symbols: Symbols,
    pub rows: Vec<PerceptionRow>,
}

/// At most this many errors are collected from one file before reading stops.
const MAX_ERRORS: usize = 1000;

impl Perceptions {
    /// Reads every perception file in order; warnings go to `problems`. A file whose
    /// perceiver or receiver column cannot be found, or with ragged rows, is an error.
    pub fn read(
        inputs: &[InputFile<'_>],
        options: &ReadOptions,
        problems: &mut Problems,
    ) -> Result<Perceptions> {
        let mut out = Perceptions::default();
        for input in inputs {
            let source = Source::read(*input, options)?;
            out.add(&source, &default_question(input.path()), options, problems)?;
        }
        Ok(out)
    }

    fn add(
        &mut self,
        source: &Source,
        default_q: &str,
        options: &ReadOptions,
        problems: &mut Problems,
    ) -> Result<()> {
        let mut table = source.table()?;
        if let Some(warning) = source.encoding_warning() {
            problems.push(warning);
        }
        let file = &source.file;
        let h = table.headers.clone();
        let perceiver = match columns::find(file, &h, &PERCEIVER, None)? {
            Some(p) => p,
            None => columns::require(file, &h, &RESPONDENT, options.columns.respondent.as_deref())
                .map_err(|_| missing(file, &h, &PERCEIVER))?,
        };
        let sender = columns::find(file, &h, &SENDER, None)?.filter(|&s| s != perceiver);
        let receiver = columns::find(file, &h, &RECEIVER, None)?
            .or(columns::find(file, &h, &NOMINEE, None)?)
            .filter(|&r| r != perceiver && Some(r) != sender)
            .ok_or_else(|| missing(file, &h, &RECEIVER))?;
        let question = columns::find(file, &h, &QUESTION, None)?;
        let form = if sender.is_some() {
            PerceptionForm::Ties
        } else {
            PerceptionForm::Team
        };
        let file_index = u16::try_from(self.files.len()).map_err(|_| {
            Error::Usage("at most 65535 perception files can be read in one run".into())
        })?;
        let mut errors = Vec::new();
        let mut rows = 0usize;
        while let Some((row, record)) = table.rows.next_record()? {
            rows += 1;
            if record.len() != h.len() {
                errors.push(ragged_row(file, row, record.len(), &h));
                if errors.len() >= MAX_ERRORS {
                    break;
                }
                continue;
            }
            let Ok(row32) = u32::try_from(row) else {
                errors.push(
                    Problem::error(
                        file,
                        code::TOO_MANY_ROWS,
                        "the file has more than 4 billion rows; split it into several perception files",
                    )
                    .at_row(row),
                );
                break;
            };
            let cell = |c: usize| record[c].trim();
            let empty = [Some(perceiver), sender, Some(receiver)]
                .into_iter()
                .flatten()
                .find(|&c| cell(c).is_empty());
            if let Some(c) = empty {
                problems.push(
                    Problem::warning(
                        file,
                        code::INCOMPLETE_PERCEPTION,
                        "the row leaves the perceiver, the sender or the receiver empty and was dropped; fill it in if the perception should count",
                    )
                    .at_row(row)
                    .in_column(&h[c]),
                );
                continue;
            }
            let raw_q = question.map(cell).filter(|q| !q.is_empty());
            let key = match raw_q {
                Some(q) => question_name(q, options),
                None => default_q.to_string(),
            };
            let q = match self.question(file, &key) {
                Ok(q) => q,
                Err(problem) => {
                    let problem = problem.at_row(row);
                    errors.push(match question {
                        Some(c) => problem.in_column(&h[c]),
                        None => problem,
                    });
                    break;
                }
            };
            let perceiver_s = self.symbols.intern(&record[perceiver]);
            let sender_s = sender.map(|s| self.symbols.intern(&record[s]));
            let receiver_s = self.symbols.intern(&record[receiver]);
            self.rows.push(PerceptionRow {
                file: file_index,
                row: row32,
                question: q,
                perceiver: perceiver_s,
                sender: sender_s,
                receiver: receiver_s,
            });
        }
        if !errors.is_empty() {
            return Err(Error::InvalidData(errors));
        }
        self.files.push(PerceptionFile {
            file: Arc::clone(file),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            rows,
            headers: h,
            form,
            perceiver,
            sender,
            receiver,
        });
        Ok(())
    }

    /// The index of question `key`, added if new. More questions than a survey may hold
    /// ([`MAX_QUESTIONS`](super::survey::MAX_QUESTIONS)) is an error: the question column
    /// then holds something else, such as free text.
    fn question(&mut self, file: &Arc<str>, key: &str) -> std::result::Result<u16, Problem> {
        if let Some(i) = self.questions.iter().position(|q| q == key) {
            return Ok(i as u16);
        }
        if self.questions.len() >= super::survey::MAX_QUESTIONS {
            return Err(Problem::error(
                file,
                code::TOO_MANY_QUESTIONS,
                format!(
                    "the perception files hold more than {} questions; check that the question column holds the survey's question names (advice, trust…)",
                    super::survey::MAX_QUESTIONS
                ),
            ));
        }
        self.questions.push(key.to_string());
        Ok((self.questions.len() - 1) as u16)
    }
}

/// A question cell's name: through `--question-map`, else its own key.
fn question_name(raw: &str, options: &ReadOptions) -> String {
    let folded = fold_header(raw);
    options
        .question_map
        .iter()
        .find(|(from, _)| fold_header(from) == folded)
        .map_or_else(|| question_key(raw), |(_, to)| question_key(to))
}

/// The question of a file without a question column: its name without a leading
/// `perceptions` (`perceptions-advice.csv` → `advice`), or the empty name (the combined
/// influence layer) when nothing is left.
fn default_question(path: &std::path::Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let rest = stem
        .strip_prefix("perceptions")
        .or_else(|| stem.strip_prefix("perception"))
        .unwrap_or(&stem);
    if rest.chars().any(char::is_alphanumeric) {
        question_key(rest)
    } else {
        String::new()
    }
}

fn missing(file: &Arc<str>, headers: &[String], role: &ColumnRole) -> Error {
    Error::InvalidData(vec![
        Problem::error(
            file,
            code::NO_PERCEPTION_COLUMN,
            format!(
                "no {} column: a perception file holds perceiver_id, sender_id, receiver_id \
                 (every tie the perceiver believes exists) or perceiver_id, nominee_id (whom \
                 the perceiver's team goes to), each with an optional question. The headers \
                 are: {}",
                role.name,
                columns::list_headers(headers)
            ),
        )
        .at_row(1),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> Result<(Perceptions, Vec<Problem>)> {
        let mut problems = Problems::new(false);
        let p = Perceptions::read(
            &[InputFile::Bytes(name, text.as_bytes())],
            &ReadOptions::default(),
            &mut problems,
        )?;
        Ok((p, problems.into_vec()))
    }

    #[test]
    fn the_ties_form_keeps_perceiver_sender_receiver_and_question() {
        let (p, problems) = read(
            "css.csv",
            "perceiver_id,sender_id,receiver_id,relation\n1,2,3,Advice\n1,3,2,friendship\n",
        )
        .unwrap();
        assert!(problems.is_empty());
        assert_eq!(p.files[0].form, PerceptionForm::Ties);
        assert_eq!(p.questions, ["advice", "friendship"]);
        let r = p.rows[1];
        assert_eq!(
            (
                r.row,
                &*p.symbols[r.perceiver as usize],
                r.sender.map(|s| &*p.symbols[s as usize]),
                &*p.symbols[r.receiver as usize],
                r.question
            ),
            (3, "1", Some("3"), "2", 1)
        );
    }

    #[test]
    fn more_questions_than_a_survey_holds_is_an_error_at_the_row_not_a_merge() {
        let mut text = String::from("perceiver_id,sender_id,receiver_id,question\n");
        for q in 0..=MAX {
            text.push_str(&format!("1,2,3,q{q}\n"));
        }
        let fits = text.lines().take(MAX + 1).collect::<Vec<_>>().join("\n");
        let (p, _) = read("css.csv", &fits).unwrap();
        assert_eq!(p.questions.len(), MAX);
        let Err(Error::InvalidData(errors)) = read("css.csv", &text) else {
            panic!("{} questions were read", MAX + 1);
        };
        let message = errors[0].to_string();
        assert!(
            message.starts_with(&format!(
                "css.csv:{}: error in column 'question' [too-many-questions]",
                MAX + 2
            )) && message.contains("question"),
            "{message}"
        );
    }

    const MAX: usize = crate::load::survey::MAX_QUESTIONS;

    #[test]
    fn the_team_form_and_the_question_from_the_file_name() {
        let (p, _) = read(
            "perceptions-advice.csv",
            "perceiver,nominee\na@x.org,Ann Lee\n",
        )
        .unwrap();
        assert_eq!(p.files[0].form, PerceptionForm::Team);
        assert_eq!(p.questions, ["advice"]);
        assert_eq!(p.rows[0].sender, None);
        let (p, _) = read("perceptions.csv", "perceiver,nominee\n1,2\n").unwrap();
        assert_eq!(p.questions, [""]);
    }

    #[test]
    fn an_empty_cell_is_a_warning_with_row_and_column_and_a_missing_column_an_error() {
        let (p, problems) = read("p.csv", "perceiver,nominee\n1,\n1,2\n").unwrap();
        assert_eq!(p.rows.len(), 1);
        assert_eq!(
            (
                problems[0].code,
                problems[0].row,
                problems[0].column.as_deref()
            ),
            (code::INCOMPLETE_PERCEPTION, Some(2), Some("nominee"))
        );
        let err = read("p.csv", "perceiver,colour\n1,2\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("no receiver_id column") && err.contains("colour"),
            "{err}"
        );
        let err = read("p.csv", "perceiver,nominee\n1,2,3\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("p.csv:2"), "{err}");
    }
}
