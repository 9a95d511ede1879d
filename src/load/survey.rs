//! Surveys in long format: `respondent_id, nominee_id[, question][, weight]`, one row per
//! nomination; a row with an empty nominee records a respondent who named nobody.
//!
//! Ids are interned: each distinct id text is stored once and rows hold its number, so five
//! million rows cost five million small records, not ten million strings.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::columns::{self, NOMINEE, QUESTION, RESPONDENT, WEIGHT};
use super::table::{Source, ragged_row};
use crate::error::{Error, Result};
use crate::options::ColumnMap;
use crate::validate::{Problem, Problems};

/// One survey file as read.
#[derive(Debug, Clone)]
pub struct SurveyFile {
    pub file: Arc<str>,
    pub sha256: String,
    pub encoding: &'static str,
    /// Data rows read (blank rows excluded).
    pub rows: usize,
    /// The headers of the respondent and nominee columns, for messages.
    pub respondent_column: String,
    pub nominee_column: String,
}

/// One survey row. `nominee` is `None` for a respondent who named nobody.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurveyRow {
    /// Index into [`Survey::files`].
    pub file: u16,
    /// 1-based spreadsheet row.
    pub row: u32,
    pub respondent: u32,
    pub nominee: Option<u32>,
    /// Index into [`Survey::questions`].
    pub question: u16,
    pub weight: f64,
}

/// All survey files, read.
#[derive(Debug, Default)]
pub struct Survey {
    pub files: Vec<SurveyFile>,
    /// Question names, as used in column names (`advice`, `trust`).
    pub questions: Vec<String>,
    /// Interned id texts exactly as written in the files.
    pub symbols: Vec<Box<str>>,
    pub rows: Vec<SurveyRow>,
    symbol_index: HashMap<Box<str>, u32>,
}

impl Survey {
    /// Reads every survey file in order; warnings go to `problems`.
    pub fn read(
        paths: &[impl AsRef<Path>],
        map: &ColumnMap,
        problems: &mut Problems,
    ) -> Result<Survey> {
        let mut survey = Survey::default();
        for path in paths {
            let path = path.as_ref();
            survey.add(Source::open(path)?, &default_question(path), map, problems)?;
        }
        Ok(survey)
    }

    /// Adds one file from bytes (for tests and standard input).
    pub fn add_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        map: &ColumnMap,
        problems: &mut Problems,
    ) -> Result<()> {
        let question = default_question(Path::new(name));
        self.add(Source::from_bytes(name, bytes)?, &question, map, problems)
    }

    fn add(
        &mut self,
        source: Source,
        default_q: &str,
        map: &ColumnMap,
        problems: &mut Problems,
    ) -> Result<()> {
        let mut table = source.table()?;
        let file = &source.file;
        let h = &table.headers;
        let respondent = columns::require(file, h, &RESPONDENT, map.respondent.as_deref())?;
        let nominee = columns::require(file, h, &NOMINEE, map.nominee.as_deref())?;
        let question = columns::find(file, h, &QUESTION, map.question.as_deref())?;
        let weight = columns::find(file, h, &WEIGHT, map.weight.as_deref())?;
        let file_index = u16::try_from(self.files.len()).map_err(|_| {
            Error::Usage("at most 65535 survey files can be read in one run".into())
        })?;
        let mut errors = Vec::new();
        let mut rows = 0;
        while let Some((row, record)) = table.rows.next_record()? {
            rows += 1;
            if record.len() != h.len() {
                errors.push(ragged_row(file, row, record.len(), h));
                continue;
            }
            let respondent_text = &record[respondent];
            if respondent_text.trim().is_empty() {
                problems.push(
                    Problem::warning(file, "missing-respondent", "the row has no respondent id and was dropped; fill it in if the answer should count")
                        .at_row(row)
                        .in_column(&h[respondent]),
                );
                continue;
            }
            let weight = match weight.map(|w| parse_weight(&record[w])) {
                None | Some(Ok(None)) => 1.0,
                Some(Ok(Some(w))) => w,
                Some(Err(text)) => {
                    errors.push(
                        Problem::error(file, "weight-not-a-number", format!("weight {text:?} is not a number; write numbers such as 1 or 0.5, or leave the cell empty for 1"))
                            .at_row(row)
                            .in_column(&h[weight.unwrap_or_default()]),
                    );
                    continue;
                }
            };
            let q = match question.map(|q| record[q].trim()).filter(|q| !q.is_empty()) {
                Some(q) => self.question(&question_key(q)),
                None => self.question(default_q),
            };
            let nominee_text = &record[nominee];
            let row_u32 = u32::try_from(row)
                .map_err(|_| Error::Usage("a survey file has more than 4 billion rows".into()))?;
            let sym = self.symbol(respondent_text);
            let nominee = (!nominee_text.trim().is_empty()).then(|| self.symbol(nominee_text));
            self.rows.push(SurveyRow {
                file: file_index,
                row: row_u32,
                respondent: sym,
                nominee,
                question: q,
                weight,
            });
            if errors.len() >= 1000 {
                break;
            }
        }
        if !errors.is_empty() {
            return Err(Error::InvalidData(errors));
        }
        self.files.push(SurveyFile {
            file: Arc::clone(file),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            rows,
            respondent_column: h[respondent].clone(),
            nominee_column: h[nominee].clone(),
        });
        Ok(())
    }

    fn symbol(&mut self, text: &str) -> u32 {
        if let Some(&s) = self.symbol_index.get(text) {
            return s;
        }
        let s = self.symbols.len() as u32;
        self.symbols.push(text.into());
        self.symbol_index.insert(text.into(), s);
        s
    }

    fn question(&mut self, key: &str) -> u16 {
        match self.questions.iter().position(|q| q == key) {
            Some(i) => i as u16,
            None => {
                self.questions.push(key.to_string());
                (self.questions.len() - 1) as u16
            }
        }
    }
}

/// Parses a weight cell: empty is `None` (weight 1); a decimal comma is accepted when there
/// is no decimal point (`0,5` from a European export).
fn parse_weight(cell: &str) -> std::result::Result<Option<f64>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let normalised;
    let text = if cell.contains(',') && !cell.contains('.') {
        normalised = cell.replace(',', ".");
        &normalised
    } else {
        cell
    };
    match text.parse::<f64>() {
        Ok(w) if w.is_finite() => Ok(Some(w)),
        _ => Err(cell.to_string()),
    }
}

/// A question's name as used in column names: lower case, letters, digits and `_`.
pub fn question_key(raw: &str) -> String {
    let mut key = String::new();
    for c in raw.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('_') {
            key.push('_');
        }
    }
    let key = key.trim_matches('_');
    if key.is_empty() {
        "influence".to_string()
    } else {
        key.to_string()
    }
}

/// The question of a file without a question column: its name without a leading `survey`
/// (`survey-advice.csv` → `advice`), or `influence` when nothing is left.
fn default_question(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let rest = stem.strip_prefix("survey").unwrap_or(&stem);
    question_key(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> (Survey, Vec<Problem>) {
        let mut problems = Problems::new(false);
        let mut s = Survey::default();
        s.add_bytes(name, text.as_bytes(), &ColumnMap::default(), &mut problems)
            .unwrap();
        (s, problems.into_vec())
    }

    #[test]
    fn long_survey_rows_keep_question_weight_and_position() {
        let (s, problems) = read(
            "survey.csv",
            "respondent_id,nominee_id,question,weight\n1,2,Advice,2\n1,,advice,\n3,1,trust,0.5\n",
        );
        assert!(problems.is_empty());
        assert_eq!(s.questions, ["advice", "trust"]);
        let r: Vec<_> = s
            .rows
            .iter()
            .map(|r| {
                (
                    r.row,
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
                (2, "1", Some("2"), 0, 2.0),
                (3, "1", None, 0, 1.0),
                (4, "3", Some("1"), 1, 0.5)
            ]
        );
    }

    #[test]
    fn decimal_comma_in_a_semicolon_file() {
        let (s, _) = read("survey.csv", "from;to;weight\n1;2;0,5\n");
        assert_eq!(s.rows[0].weight, 0.5);
        assert_eq!(s.questions, ["influence"]);
    }

    #[test]
    fn question_defaults_to_the_file_name() {
        let (s, _) = read(
            "survey-Advice Network.csv",
            "respondent_id,nominee_id\n1,2\n",
        );
        assert_eq!(s.questions, ["advice_network"]);
    }

    #[test]
    fn a_weight_that_is_not_a_number_is_an_error_with_row_and_column() {
        let mut s = Survey::default();
        let err = s
            .add_bytes(
                "s.csv",
                b"respondent_id,nominee_id,weight\n1,2,Daily\n",
                &ColumnMap::default(),
                &mut Problems::new(false),
            )
            .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("s.csv:2: error in column 'weight'"),
            "{msg}"
        );
        assert!(msg.contains("\"Daily\""), "{msg}");
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
