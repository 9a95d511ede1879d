//! Survey checks: respondents and nominees matched against the org chart, self-nominations
//! and duplicates dropped or merged, every such row listed.

use super::ids::{Match, did_you_mean, suggest};
use super::org::{People, suggestion_budget};
use super::problem::{Problem, Problems};
use crate::load::{Survey, SurveyRow};

/// A valid influence tie: `from` names `to` for `question`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nomination {
    pub from: u32,
    pub to: u32,
    pub question: u16,
    pub weight: f64,
}

/// What the survey checks produce.
#[derive(Debug, Default)]
pub struct Answers {
    /// Sorted by (from, to, question); one per triple.
    pub nominations: Vec<Nomination>,
    /// `responded[q][p]`: person p answered question q (even naming nobody). Whoever
    /// answered a survey file answered every question that file holds: a person with
    /// advice rows but no friendship rows in one file named no friends.
    pub responded: Vec<Vec<bool>>,
    /// Ties below `--min-weight`, left out by the user's choice (not a data problem).
    pub below_min_weight: usize,
}

/// Checks every survey row against the people; warnings go to `problems`.
pub fn check_survey(
    survey: &Survey,
    people: &People,
    min_weight: Option<f64>,
    problems: &mut Problems,
) -> Answers {
    let matches: Vec<Match> = survey
        .symbols
        .iter()
        .map(|s| people.index.resolve(s))
        .collect();
    let mut hints = Hints {
        cache: vec![None; survey.symbols.len()],
        budget: suggestion_budget(people.len()),
    };
    let mut answers = Answers::default();
    // Per file: who answered it, and which questions it holds.
    let mut file_respondents = vec![vec![false; people.len()]; survey.files.len()];
    let mut file_questions = vec![vec![false; survey.questions.len()]; survey.files.len()];
    let mut ties: Vec<(Nomination, u32)> = Vec::with_capacity(survey.rows.len());
    for (i, row) in survey.rows.iter().enumerate() {
        let at = |p: Problem, column: &str| p.at_row(row.row.into()).in_column(column);
        let file = &survey.files[row.file as usize];
        file_questions[row.file as usize][row.question as usize] = true;
        let Some(from) = person(
            survey,
            people,
            &matches,
            &mut hints,
            row,
            row.respondent,
            "respondent",
            problems,
            &file.respondent_column,
        ) else {
            continue;
        };
        file_respondents[row.file as usize][from as usize] = true;
        let Some(nominee) = row.nominee else { continue };
        let Some(to) = person(
            survey,
            people,
            &matches,
            &mut hints,
            row,
            nominee,
            "nominee",
            problems,
            &file.nominee_column,
        ) else {
            continue;
        };
        if from == to {
            problems.push(at(
                Problem::warning(
                    &file.file,
                    "self-nomination",
                    format!(
                        "{} named themselves; the nomination was dropped",
                        people.ids[from as usize]
                    ),
                ),
                &file.nominee_column,
            ));
        } else if row.weight <= 0.0 {
            problems.push(at(Problem::warning(&file.file, "weight-not-positive", format!("weight {} is not a tie (ties need a positive weight); the nomination was dropped", row.weight)), &file.nominee_column));
        } else if min_weight.is_some_and(|m| row.weight < m) {
            answers.below_min_weight += 1;
        } else {
            ties.push((
                Nomination {
                    from,
                    to,
                    question: row.question,
                    weight: row.weight,
                },
                i as u32,
            ));
        }
    }
    answers.nominations = merge_duplicates(survey, people, ties, problems);
    answers.responded = (0..survey.questions.len())
        .map(|q| {
            let mut responded = vec![false; people.len()];
            for (who, holds) in file_respondents.iter().zip(&file_questions) {
                if holds[q] {
                    responded.iter_mut().zip(who).for_each(|(r, &w)| *r |= w);
                }
            }
            responded
        })
        .collect();
    answers
}

/// Unknown-id suggestions, computed once per id text and only while the budget lasts.
struct Hints {
    cache: Vec<Option<String>>,
    budget: usize,
}

/// Resolves one id of a survey row to a person, warning when it had to be normalised or
/// is unknown (the row is then dropped).
#[allow(clippy::too_many_arguments)]
fn person(
    survey: &Survey,
    people: &People,
    matches: &[Match],
    hints: &mut Hints,
    row: &SurveyRow,
    symbol: u32,
    what: &str,
    problems: &mut Problems,
    column: &str,
) -> Option<u32> {
    let text = &*survey.symbols[symbol as usize];
    let file = &survey.files[row.file as usize].file;
    let at = |p: Problem| p.at_row(row.row.into()).in_column(column);
    match matches[symbol as usize] {
        Match::Exact(p) => Some(p),
        Match::Normalised(p) => {
            problems.push(at(Problem::warning(file, "id-normalised", format!("{what} id {text:?} matches {:?} only after trimming spaces or folding case; read as {:?}", people.ids[p as usize], people.ids[p as usize]))));
            Some(p)
        }
        Match::Unknown => {
            let hint = hints.cache[symbol as usize].get_or_insert_with(|| {
                if hints.budget == 0 {
                    return String::new();
                }
                hints.budget -= 1;
                did_you_mean(&suggest(text, people.ids.iter().map(String::as_str)))
            });
            let consequence = if what == "respondent" {
                "the row was dropped"
            } else {
                "the nomination was dropped"
            };
            problems.push(at(Problem::warning(
                file,
                if what == "respondent" {
                    "unknown-respondent"
                } else {
                    "unknown-nominee"
                },
                format!(
                    "{what} id {:?} is not in the org chart; {consequence}{hint}",
                    text.trim()
                ),
            )));
            None
        }
    }
}

/// Sorts the ties and merges repeated (from, to, question) triples, keeping the larger
/// weight and warning on every repeat.
fn merge_duplicates(
    survey: &Survey,
    people: &People,
    mut ties: Vec<(Nomination, u32)>,
    problems: &mut Problems,
) -> Vec<Nomination> {
    ties.sort_by_key(|(n, i)| (n.from, n.to, n.question, *i));
    let mut merged: Vec<(Nomination, u32)> = Vec::with_capacity(ties.len());
    for (tie, i) in ties {
        match merged.last_mut() {
            Some((kept, first))
                if (kept.from, kept.to, kept.question) == (tie.from, tie.to, tie.question) =>
            {
                kept.weight = kept.weight.max(tie.weight);
                let row = &survey.rows[i as usize];
                let first_row = &survey.rows[*first as usize];
                let file = &survey.files[row.file as usize];
                let first_file = &survey.files[first_row.file as usize].file;
                problems.push(
                    Problem::warning(&file.file, "duplicate-nomination", format!(
                        "{} named {} for {:?} again (first on {first_file} row {}); merged, keeping the larger weight {}",
                        people.ids[tie.from as usize], people.ids[tie.to as usize], survey.questions[tie.question as usize], first_row.row, kept.weight
                    ))
                    .at_row(row.row.into())
                    .in_column(&file.nominee_column),
                );
            }
            _ => merged.push((tie, i)),
        }
    }
    merged.into_iter().map(|(n, _)| n).collect()
}
