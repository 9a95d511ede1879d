//! Perception checks: perceivers, senders and receivers matched against the org chart as
//! survey respondents and nominees are (by id, then trimmed and case-folded, then e-mail
//! address and name), with the same row-level warnings; the team form expanded to the
//! perceiver's team; questions matched to the surveys' questions.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::Dataset;
use super::matcher::{IdWording, PersonMatcher, Place, resolve_all};
use super::people::People;
use crate::diagnostics::{Problem, Problems, code};
use crate::error::{Error, Result};
use crate::load::perceptions::{PerceptionFile, PerceptionForm, PerceptionRow, Perceptions};

/// What a perception is about: one survey question, or the combined influence layer.
pub type PerceptionTarget = Option<u16>;

/// One perceived tie: `perceiver` believes that `sender` goes to `receiver`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Perceived {
    pub target: PerceptionTarget,
    pub perceiver: u32,
    pub sender: u32,
    pub receiver: u32,
}

/// Whose ties a perceiver gave a view of, for one target: everyone's (the ties form) or
/// their team's (the team form only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PerceiverView {
    pub target: PerceptionTarget,
    pub perceiver: u32,
    /// The ties form: every sender is in view. Else only the perceiver's team.
    pub whole: bool,
}

/// The checked perceptions.
#[derive(Debug, Default)]
pub struct PerceptionData {
    pub files: Vec<PerceptionFile>,
    /// Rows read, over all files.
    pub rows: usize,
    /// Sorted, one per (target, perceiver, sender, receiver).
    pub ties: Vec<Perceived>,
    /// Sorted, one per (target, perceiver).
    pub views: Vec<PerceiverView>,
    /// Rows dropped, each with a warning at its row or in a warning that covers it.
    pub dropped: usize,
    /// Of those, the rows of questions that are no survey question (one warning per file
    /// and question, at its first row).
    pub unknown_question: usize,
    /// Of those, the team-form rows of perceivers without a team (one warning each).
    pub without_team: usize,
}

impl PerceptionData {
    /// The perceiver's team: their direct reports, or for someone without reports the
    /// colleagues under the same manager.
    pub fn team(people: &People, reports: &[Vec<u32>], perceiver: u32) -> Vec<u32> {
        let own = &reports[perceiver as usize];
        if !own.is_empty() {
            return own.clone();
        }
        match people.manager[perceiver as usize] {
            Some(m) => reports[m as usize]
                .iter()
                .copied()
                .filter(|&p| p != perceiver)
                .collect(),
            None => Vec::new(),
        }
    }
}

/// Each person's direct reports, in person order.
pub fn direct_reports(people: &People) -> Vec<Vec<u32>> {
    let mut reports = vec![Vec::new(); people.len()];
    for (p, m) in people.manager.iter().enumerate() {
        if let Some(m) = m {
            reports[*m as usize].push(p as u32);
        }
    }
    reports
}

/// Checks the perceptions against the data set's people and questions and keeps them in
/// `dataset.perceptions`; warnings are added to `dataset.warnings` after the surveys'.
/// Under `strict` a warning is an error.
pub fn check(
    dataset: &mut Dataset,
    perceptions: Perceptions,
    mut problems: Problems,
) -> Result<()> {
    let matches = resolve_all(&perceptions.symbols, &dataset.org, &mut dataset.people);
    // Each perception question: a survey question, the combined layer, or unknown.
    let targets: Vec<Option<PerceptionTarget>> = perceptions
        .questions
        .iter()
        .map(|key| {
            if key.is_empty() {
                Some(None)
            } else {
                dataset
                    .questions
                    .iter()
                    .position(|q| q == key)
                    .map(|q| Some(q as u16))
            }
        })
        .collect();
    let reports = direct_reports(&dataset.people);
    let mut cx = PerceptionChecker {
        perceptions: &perceptions,
        matcher: PersonMatcher::new(&perceptions.symbols, &dataset.org, &dataset.people, matches),
        problems: &mut problems,
    };
    let mut ties = Vec::new();
    let mut views: HashMap<(PerceptionTarget, u32), bool> = HashMap::new();
    let mut unknown_questions: Vec<(u16, u16)> = Vec::new();
    let mut no_team: HashSet<u32> = HashSet::new();
    let mut dropped = 0usize;
    let (mut unknown_question, mut without_team) = (0usize, 0usize);
    for row in &perceptions.rows {
        let file = &perceptions.files[row.file as usize];
        let Some(target) = targets[row.question as usize] else {
            if !unknown_questions.contains(&(row.file, row.question)) {
                unknown_questions.push((row.file, row.question));
                let p = Problem::warning(
                    &file.file,
                    code::PERCEPTION_QUESTION_UNKNOWN,
                    format!(
                        "question {:?} is no question of the surveys ({}); its perceptions cannot be compared with what people answered and were dropped (this row and every later one of the question in this file)",
                        perceptions.questions[row.question as usize],
                        dataset.questions.join(", ")
                    ),
                )
                .at_row(row.row.into());
                cx.problems.push(p);
            }
            dropped += 1;
            unknown_question += 1;
            continue;
        };
        let Some(perceiver) = cx.person(row, row.perceiver, PerceptionColumn::Perceiver) else {
            dropped += 1;
            continue;
        };
        let receiver = cx.person(row, row.receiver, PerceptionColumn::Receiver);
        let sender = match row.sender {
            Some(s) => cx.person(row, s, PerceptionColumn::Sender).map(Some),
            None => Some(None),
        };
        let (Some(receiver), Some(sender)) = (receiver, sender) else {
            dropped += 1;
            continue;
        };
        match (file.form, sender) {
            (_, Some(sender)) => {
                if sender == receiver {
                    let who = &dataset.people.ids[sender as usize];
                    let p = cx.at(
                        Problem::warning(
                            &file.file,
                            code::SELF_TIE_PERCEIVED,
                            format!("the tie goes from {who} to {who}; the perception was dropped"),
                        ),
                        row,
                        PerceptionColumn::Receiver,
                    );
                    cx.problems.push(p);
                    dropped += 1;
                    continue;
                }
                views.insert((target, perceiver), true);
                ties.push(Perceived {
                    target,
                    perceiver,
                    sender,
                    receiver,
                });
            }
            (PerceptionForm::Team | PerceptionForm::Ties, None) => {
                let team = PerceptionData::team(&dataset.people, &reports, perceiver);
                if team.is_empty() {
                    if no_team.insert(perceiver) {
                        let p = cx.at(
                            Problem::warning(
                                &file.file,
                                code::PERCEIVER_WITHOUT_TEAM,
                                format!(
                                    "{} has no team (no direct reports, and no colleagues under the same manager); their view of whom their team goes to was dropped",
                                    dataset.people.ids[perceiver as usize]
                                ),
                            ),
                            row,
                            PerceptionColumn::Perceiver,
                        );
                        cx.problems.push(p);
                    }
                    dropped += 1;
                    without_team += 1;
                    continue;
                }
                views.entry((target, perceiver)).or_insert(false);
                ties.extend(
                    team.into_iter()
                        .filter(|&s| s != receiver)
                        .map(|sender| Perceived {
                            target,
                            perceiver,
                            sender,
                            receiver,
                        }),
                );
            }
        }
    }
    if problems.has_errors() {
        let errors: Vec<Problem> = problems
            .into_vec()
            .into_iter()
            .filter(Problem::is_error)
            .collect();
        return Err(Error::InvalidData(errors));
    }
    ties.sort_unstable();
    ties.dedup();
    let mut views: Vec<PerceiverView> = views
        .into_iter()
        .map(|((target, perceiver), whole)| PerceiverView {
            target,
            perceiver,
            whole,
        })
        .collect();
    views.sort_unstable();
    dataset.warnings.extend(problems.into_vec());
    dataset.perceptions = Some(PerceptionData {
        rows: perceptions.rows.len(),
        files: perceptions.files,
        ties,
        views,
        dropped,
        unknown_question,
        without_team,
    });
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum PerceptionColumn {
    Perceiver,
    Sender,
    Receiver,
}

struct PerceptionChecker<'a> {
    perceptions: &'a Perceptions,
    matcher: PersonMatcher<'a>,
    problems: &'a mut Problems,
}

impl<'a> PerceptionChecker<'a> {
    /// The header of the cell of `role`.
    fn column(&self, row: &PerceptionRow, role: PerceptionColumn) -> &'a str {
        let file = &self.perceptions.files[row.file as usize];
        let column = match role {
            PerceptionColumn::Perceiver => Some(file.perceiver),
            PerceptionColumn::Sender => file.sender,
            PerceptionColumn::Receiver => Some(file.receiver),
        };
        column
            .and_then(|c| file.headers.get(c))
            .map_or("", String::as_str)
    }

    fn at(&self, p: Problem, row: &PerceptionRow, role: PerceptionColumn) -> Problem {
        p.at_row(row.row.into()).in_column(self.column(row, role))
    }

    /// Resolves one id of a perception row to a person, warning as the survey checks do
    /// when it had to be normalised, is ambiguous or unknown (the row is then dropped).
    fn person(&mut self, row: &PerceptionRow, symbol: u32, role: PerceptionColumn) -> Option<u32> {
        let (what, unknown) = match role {
            PerceptionColumn::Perceiver => ("perceiver", code::UNKNOWN_PERCEIVER),
            PerceptionColumn::Sender => ("sender", code::UNKNOWN_PERCEIVED),
            PerceptionColumn::Receiver => ("receiver", code::UNKNOWN_PERCEIVED),
        };
        let wording = IdWording {
            what,
            unknown,
            consequence: "the perception was dropped",
        };
        let place = Place {
            file: &self.perceptions.files[row.file as usize].file,
            row: row.row,
            column: self.column(row, role),
        };
        self.matcher.person(symbol, &wording, &place, self.problems)
    }
}
