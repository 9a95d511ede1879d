//! `orgsphere survey-template`: a survey on how people lead, ready to field, written from an
//! org chart. Above the pipeline, like `generate`: it reads the org chart with
//! the loader and validation, and writes through [`crate::outdir`].
//!
//! For the chosen questions (leadership dimensions and `direction`; default
//! [`DEFAULT_QUESTIONS`]), in plain language ([`TEMPLATE_QUESTIONS`]), with the roster as
//! answer choices (the whole organisation, or each department's own people), it writes:
//!
//! - `questions.csv`: each question's key (its name in the answers), what it measures and
//!   its text;
//! - `answers-template.csv`: the long format `analyze` reads (`respondent_id, nominee_id,
//!   question`), header only: one row per nomination, the question's key in `question`;
//! - `forms-questions.txt` and `choices.txt` (or `choices-<department>.txt`): the question
//!   list and the choices to paste into Microsoft Forms or Google Forms (one choice per
//!   line);
//! - `qualtrics.txt` (or `qualtrics-<department>.txt`): a Qualtrics import file in the
//!   Advanced TXT format, one multiple-answer question per dimension, its export tag the
//!   question's key;
//! - `README.md`: for the analyst: anonymity, response rates, how to export the answers.
//!
//! A choice is the person's name when the org chart has names and the name is unique and
//! holds neither `,` nor `;` (answers are matched by name), else the id. The answers come
//! back with no flag: the keys name the questions (and their dimensions), and a form tool's
//! column headed by a question's text is read as that question.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::diagnostics::Problems;
use crate::error::{Error, Result};
use crate::load::survey::dimensions::TEMPLATE_QUESTIONS;
use crate::load::{InputFile, OrgChart};
use crate::options::ReadOptions;
use crate::outdir::write_folder;
use crate::text::{csv_text, push_csv_field};

/// The questions asked when `--dimensions` is not given: advice (the usual network
/// question), example and future (the two leader dimensions that most separate leaders
/// from managers) and direction (the formal sphere as practised).
pub const DEFAULT_QUESTIONS: [&str; 4] = ["advice", "example", "future", "direction"];

/// Whose names each respondent chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Roster {
    /// Everyone in the organisation.
    #[default]
    Whole,
    /// The people of the respondent's department: one form per department.
    Department,
}

/// What to write.
#[derive(Debug, Clone)]
pub struct TemplateSpec {
    /// Question keys, from [`TEMPLATE_QUESTIONS`].
    pub questions: Vec<String>,
    pub roster: Roster,
}

/// What was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub people: usize,
    pub questions: usize,
    /// One roster per form: 1, or the number of departments.
    pub rosters: usize,
}

/// Parses `--dimensions`: keys of [`TEMPLATE_QUESTIONS`], comma-separated, in any letter
/// case; each once.
pub fn parse_questions(text: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(',').map(|p| p.trim().to_lowercase()) {
        if part.is_empty() {
            continue;
        }
        if !TEMPLATE_QUESTIONS.iter().any(|(key, _)| *key == part) {
            let known: Vec<&str> = TEMPLATE_QUESTIONS.iter().map(|(k, _)| *k).collect();
            return Err(Error::Usage(format!(
                "--dimensions {text:?}: {part:?} is not a dimension; give some of {}",
                known.join(", ")
            )));
        }
        if !out.contains(&part) {
            out.push(part);
        }
    }
    if out.is_empty() {
        return Err(Error::Usage(format!(
            "--dimensions {text:?}: give at least one of advice, example, energy, culture, future, enabling, direction"
        )));
    }
    Ok(out)
}

/// One person as an answer choice.
struct Choice {
    label: String,
    department: String,
}

/// Reads the org chart `org` and writes the survey template into `out`.
pub fn survey_template(
    org: &Path,
    read: &ReadOptions,
    spec: &TemplateSpec,
    out: &Path,
) -> Result<Written> {
    let chart = OrgChart::read(InputFile::Path(org), read)?;
    let mut problems = Problems::new(false);
    let people = crate::validate::check_org(&chart, &mut problems);
    if problems.has_errors() {
        return Err(Error::InvalidData(
            problems
                .into_vec()
                .into_iter()
                .filter(crate::diagnostics::Problem::is_error)
                .collect(),
        ));
    }
    let names: Vec<Option<String>> = people
        .record
        .iter()
        .map(|&r| chart.name_of(r).map(|n| n.trim().to_string()))
        .collect();
    // A name is a choice when it names one person only and cannot be read as anything
    // else: no other person's id, no list separator or line break (Forms' exports join
    // choices with them), nothing a spreadsheet runs as a formula or Qualtrics reads as
    // a tag. Otherwise the person's id is.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for name in names.iter().flatten() {
        *seen.entry(name.to_lowercase()).or_default() += 1;
    }
    for id in &people.ids {
        *seen.entry(id.to_lowercase()).or_default() += 1;
    }
    let choices: Vec<Choice> = (0..people.len())
        .map(|p| {
            let label = match &names[p] {
                Some(n)
                    if !n.is_empty()
                        && !n.contains([',', ';', '\n', '\r'])
                        && !n.starts_with(['=', '+', '-', '@', '\t'])
                        && !n.contains("[[")
                        && seen[&n.to_lowercase()] == 1 =>
                {
                    n.clone()
                }
                _ => people.ids[p].clone(),
            };
            let department = chart
                .columns
                .department
                .map(|c| chart.rows.cell(people.record[p], c).trim().to_string())
                .unwrap_or_default();
            Choice { label, department }
        })
        .collect();
    let rosters: Vec<(String, Vec<&str>)> = match spec.roster {
        Roster::Whole => vec![(String::new(), sorted(choices.iter()))],
        Roster::Department => {
            if chart.columns.department.is_none() {
                return Err(Error::Usage(
                    "--roster department: the org chart has no department column (name it with --department-column)".into(),
                ));
            }
            let mut by: Vec<&str> = choices.iter().map(|c| c.department.as_str()).collect();
            by.sort_unstable();
            by.dedup();
            by.into_iter()
                .map(|d| {
                    let label = if d.is_empty() { "no department" } else { d };
                    (
                        label.to_string(),
                        sorted(choices.iter().filter(|c| c.department == d)),
                    )
                })
                .collect()
        }
    };
    let questions: Vec<(&str, &str)> = spec
        .questions
        .iter()
        .filter_map(|k| TEMPLATE_QUESTIONS.iter().find(|(key, _)| key == k).copied())
        .collect();
    let files: Vec<(String, String)> = {
        let mut files = vec![
            ("questions.csv".to_string(), questions_csv(&questions)),
            (
                "answers-template.csv".to_string(),
                "respondent_id,nominee_id,question\n".to_string(),
            ),
            (
                "forms-questions.txt".to_string(),
                forms_questions(&questions, spec.roster),
            ),
        ];
        let mut used: Vec<String> = Vec::new();
        for (department, roster) in &rosters {
            let suffix = match spec.roster {
                Roster::Whole => String::new(),
                Roster::Department => {
                    let mut s = format!("-{}", slug(department));
                    let base = s.clone();
                    let mut n = 2;
                    while used.contains(&s) {
                        s = format!("{base}-{n}");
                        n += 1;
                    }
                    used.push(s.clone());
                    s
                }
            };
            let mut list = String::new();
            for label in roster {
                list.push_str(label);
                list.push('\n');
            }
            files.push((format!("choices{suffix}.txt"), list));
            files.push((
                format!("qualtrics{suffix}.txt"),
                qualtrics(&questions, roster, department),
            ));
        }
        files.push((
            "README.md".to_string(),
            readme(&questions, spec.roster, people.len(), rosters.len()),
        ));
        files
    };
    write_folder(out, &[org], |dir| {
        for (name, body) in &files {
            let path = dir.join(name);
            fs::write(&path, body).map_err(|e| Error::io(&path, e))?;
        }
        Ok(())
    })?;
    Ok(Written {
        people: people.len(),
        questions: questions.len(),
        rosters: rosters.len(),
    })
}

/// The choices' labels, sorted for reading (letter case aside).
fn sorted<'a>(choices: impl Iterator<Item = &'a Choice>) -> Vec<&'a str> {
    let mut labels: Vec<&str> = choices.map(|c| c.label.as_str()).collect();
    labels.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
    labels
}

/// A department's name as part of a file name: letters and digits, `-` between words.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "department".to_string()
    } else {
        out
    }
}

/// What a question measures, in words.
fn measures(key: &str) -> &'static str {
    match key {
        "advice" => "leadership dimension: advice (expertise)",
        "example" => "leadership dimension: example (whose way of working people follow)",
        "energy" => "leadership dimension: energy (who lifts morale)",
        "culture" => "leadership dimension: culture (who embodies how things are done)",
        "future" => "leadership dimension: future (whose ideas shape where the organisation heads)",
        "enabling" => "leadership dimension: enabling (who removes obstacles)",
        _ => "direction: the formal sphere as practised (never counted as influence)",
    }
}

fn questions_csv(questions: &[(&str, &str)]) -> String {
    let mut out = String::from("question,measures,text\n");
    for (key, text) in questions {
        for (i, field) in [*key, measures(key), &csv_text(text)]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                out.push(',');
            }
            push_csv_field(&mut out, field);
        }
        out.push('\n');
    }
    out
}

fn forms_questions(questions: &[(&str, &str)], roster: Roster) -> String {
    let choices = match roster {
        Roster::Whole => "choices.txt",
        Roster::Department => "choices-<department>.txt of the form's department",
    };
    let mut out = String::from(
        "Questions for Microsoft Forms or Google Forms. Turn on the collection of respondents' e-mail addresses (Microsoft Forms: only people in my organisation can respond, record name; Google Forms: collect email addresses), so that each answer has its respondent.\n\n",
    );
    for (i, (key, text)) in questions.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {text}\n   Type: Choice (Microsoft Forms, multiple answers on) or Checkboxes (Google Forms); not required.\n   Choices: paste the lines of {choices}.\n   Keep the question's text exactly as written: orgsphere reads the exported column headed by it as the question \"{key}\".\n",
            i + 1
        );
    }
    out
}

fn qualtrics(questions: &[(&str, &str)], roster: &[&str], department: &str) -> String {
    let block = if department.is_empty() {
        "How people lead".to_string()
    } else {
        // A bracket would end the block's tag.
        format!("How people lead - {}", department.replace(['[', ']'], ""))
    };
    let mut out = format!("[[AdvancedFormat]]\n\n[[Block:{block}]]\n");
    for (key, text) in questions {
        let _ = write!(
            out,
            "\n[[Question:MC:MultipleAnswer]]\n[[ID:{key}]]\n{text}\n\n[[Choices]]\n"
        );
        for label in roster {
            out.push_str(label);
            out.push('\n');
        }
    }
    out
}

fn readme(questions: &[(&str, &str)], roster: Roster, people: usize, rosters: usize) -> String {
    let mut list = String::new();
    for (key, text) in questions {
        let _ = writeln!(list, "- `{key}` — {text} ({})", measures(key));
    }
    let roster_note = match roster {
        Roster::Whole => format!(
            "Every respondent chooses from the whole organisation ({people} people, `choices.txt`)."
        ),
        Roster::Department => format!(
            "Each department gets its own form, whose choices are that department's people ({rosters} departments: `choices-<department>.txt`, `qualtrics-<department>.txt`). Colleagues in other departments cannot be named: use it for large organisations, where a list of everyone is too long to read."
        ),
    };
    format!(
        "# How people lead: a survey written by orgsphere survey-template

The questions, in plain language:

{list}
{roster_note}

## Fielding it

- **Anonymity.** The analysis needs to know who answered (to count who follows whom), so the
  survey is *confidential*, not anonymous: say so plainly, say who will see individual
  answers (nobody but the analyst), and that results are shown only for groups of at least
  five people (`--min-group-size`). Run the analysis with `--pseudonymize` when results are
  shared.
- **Response rate.** Network results need most people to answer: aim for at least 80 % (the
  usual threshold; orgsphere warns below it). Keep the survey short (these questions take
  about five minutes), send it from a senior sponsor, and send two reminders.
- **Answers are optional.** Naming nobody is a valid answer; do not make the questions
  required.

## The files

- `questions.csv`: each question's key, what it measures and its text.
- `answers-template.csv`: the long format orgsphere reads, one row per nomination:
  `respondent_id, nominee_id, question` (the question's key). For a survey run by hand or by
  another tool: fill it, name it `survey-<anything>.csv` beside `org.csv`.
- `forms-questions.txt` and the choices: for Microsoft Forms or Google Forms, one
  multiple-answer question per line of the list, the choices pasted one per line.
- `qualtrics*.txt`: import into Qualtrics (Create a survey → Import a QSF/TXT file; the
  Advanced TXT format). Each question's export tag is its key.

## Exporting the answers

Put the export beside `org.csv` as `survey.csv` (or any `survey*.csv`) and run
`orgsphere analyze DIR`: the questions and their dimensions are recognised with no flag.

- **Microsoft Forms**: Responses → Open in Excel, saved as CSV. Each question is a column
  headed by its text, the chosen names separated by `;`; the respondent is `Email`.
- **Google Forms**: Responses → Download responses (.csv). The chosen names are separated
  by `, `; the respondent is `Email Address`.
- **Qualtrics**: Data & Analysis → Export → CSV, with *Use choice text* and *Split
  multi-value fields into columns*: the columns are `advice_1`, `advice_2`… holding the
  names chosen. Distribute through a contact list so that `RecipientEmail` (or
  `ExternalReference` holding employee ids) names the respondent. The two rows under the
  header (question texts and import ids) are skipped or reported.

Check with `orgsphere validate DIR` first: it lists each question with its dimension.
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_parse() {
        assert_eq!(
            parse_questions(" Advice,future ,advice").unwrap(),
            ["advice", "future"]
        );
        assert!(parse_questions("trust").is_err());
        assert!(parse_questions(" , ").is_err());
    }

    #[test]
    fn qualtrics_advanced_format() {
        let text = qualtrics(&[("example", "Whose?")], &["Ann Lee", "Bo Chen"], "");
        assert_eq!(
            text,
            "[[AdvancedFormat]]\n\n[[Block:How people lead]]\n\n[[Question:MC:MultipleAnswer]]\n[[ID:example]]\nWhose?\n\n[[Choices]]\nAnn Lee\nBo Chen\n"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Research & Development"), "research-development");
        assert_eq!(slug("  "), "department");
    }
}
