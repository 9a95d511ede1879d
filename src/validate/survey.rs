//! Survey checks: respondents and nominees matched against the org chart, self-nominations
//! and duplicates dropped or merged, every such row listed.

use rayon::prelude::*;

use super::ids::Match;
use super::matcher::{IdWording, PersonMatcher, Place, resolve_all};
use super::people::People;
use crate::diagnostics::{Problem, Problems, code};
use crate::load::{OrgChart, Survey, SurveyRow};

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
    /// Answers of a rating-scale question below its cut (see `scales`): answered, but no
    /// tie.
    pub below_rating_cut: usize,
    /// Answers with weight 0 (such as `Never`): answered, but no tie.
    pub zero_weight: usize,
    /// Survey rows of a known respondent naming nobody (an empty nominee, or a wide
    /// question left blank).
    pub named_nobody: usize,
    /// Survey cells (respondents and nominees) that gave a person by e-mail address.
    pub matched_by_email: usize,
    /// Survey cells that gave a person by full name.
    pub matched_by_name: usize,
}

/// Checks every survey row against the people; warnings go to `problems`. Each distinct
/// id text is resolved once (by id, then by e-mail address and name), not once per row.
pub fn check_survey(
    survey: &Survey,
    org: &OrgChart,
    people: &mut People,
    min_weight: Option<f64>,
    problems: &mut Problems,
) -> Answers {
    let matches = resolve_all(&survey.symbols, org, people);
    let mut cx = Checker {
        survey,
        people,
        matcher: PersonMatcher::new(&survey.symbols, org, people, matches),
        problems,
        answers: Answers::default(),
    };
    // Most rows match exactly and make a tie, or name nobody: those are settled in
    // parallel. The checker then goes through the rest in row order (an id to warn about
    // or matched by e-mail or name, a tie to warn about), so its warnings come in the
    // order of the rows.
    let files = survey.files.len();
    let questions = survey.questions.len();
    let parts: Vec<Settled> = survey
        .rows
        .par_chunks(ROWS_PER_TASK)
        .enumerate()
        .map(|(task, rows)| {
            let first = task * ROWS_PER_TASK;
            let mut out = Settled::new(files * questions);
            for (i, row) in rows.iter().enumerate() {
                out.settle(
                    row,
                    (first + i) as u32,
                    &cx.matcher.matches,
                    min_weight,
                    questions,
                );
            }
            out
        })
        .collect();
    let settled = Settled::concat(parts, files * questions);
    cx.answers.named_nobody = settled.named_nobody;
    cx.answers.zero_weight = settled.zero_weight;
    cx.answers.below_min_weight = settled.below_min_weight;
    // Per file: who answered it, and which questions it holds.
    let mut file_respondents = vec![vec![false; people.len()]; files];
    for &(file, from) in &settled.answered {
        file_respondents[file as usize][from as usize] = true;
    }
    let mut ties = settled.ties;
    for &i in &settled.rest {
        let row = &survey.rows[i as usize];
        let Some(from) = cx.person(row, row.respondent, TieEnd::Respondent) else {
            continue;
        };
        file_respondents[row.file as usize][from as usize] = true;
        let Some(nominee) = row.nominee else {
            cx.answers.named_nobody += 1;
            continue;
        };
        let Some(to) = cx.person(row, nominee, TieEnd::Nominee) else {
            continue;
        };
        if let Some(tie) = cx.tie(row, from, to, min_weight) {
            ties.push(TieKey::new(tie.from, tie.to, tie.question, i));
        }
    }
    let file_questions: Vec<&[bool]> = settled.questions.chunks(questions.max(1)).collect();
    let mut answers = cx.answers;
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

/// Survey rows per task of the parallel pass.
const ROWS_PER_TASK: usize = 16_384;

/// What the parallel pass settles of a run of rows: every row whose ids matched exactly
/// and that needs no warning.
struct Settled {
    ties: Vec<TieKey>,
    /// (file, respondent) of the rows settled, a repeat of the row before left out.
    answered: Vec<(u16, u32)>,
    named_nobody: usize,
    zero_weight: usize,
    below_min_weight: usize,
    /// `questions[file * question count + question]`: the file holds the question (of
    /// every row, settled or not).
    questions: Vec<bool>,
    /// The rows left to the checker, ascending.
    rest: Vec<u32>,
}

impl Settled {
    fn new(cells: usize) -> Self {
        Settled {
            ties: Vec::new(),
            answered: Vec::new(),
            named_nobody: 0,
            zero_weight: 0,
            below_min_weight: 0,
            questions: vec![false; cells],
            rest: Vec::new(),
        }
    }

    /// Settles row `i`, or leaves it to the checker. The outcomes are those of the
    /// checker's `person` and `tie` for exact matches that need no warning.
    fn settle(
        &mut self,
        row: &SurveyRow,
        i: u32,
        matches: &[Match],
        min_weight: Option<f64>,
        questions: usize,
    ) {
        self.questions[row.file as usize * questions + row.question as usize] = true;
        let exact = |symbol: u32| match matches[symbol as usize] {
            Match::Exact(p) => Some(p),
            _ => None,
        };
        let Some(from) = exact(row.respondent) else {
            self.rest.push(i);
            return;
        };
        let to = match row.nominee.map(exact) {
            None => None,
            Some(Some(to)) if to != from && row.weight >= 0.0 => Some(to),
            // An unknown nominee, a self-nomination or a negative weight: warned about.
            Some(_) => {
                self.rest.push(i);
                return;
            }
        };
        if self.answered.last() != Some(&(row.file, from)) {
            self.answered.push((row.file, from));
        }
        match to {
            None => self.named_nobody += 1,
            Some(_) if row.weight == 0.0 => self.zero_weight += 1,
            Some(_) if min_weight.is_some_and(|m| row.weight < m) => self.below_min_weight += 1,
            Some(to) => self.ties.push(TieKey::new(from, to, row.question, i)),
        }
    }

    /// The settled rows of consecutive runs, in order: each run's lists copied once into
    /// lists of their joint length.
    fn concat(parts: Vec<Settled>, cells: usize) -> Settled {
        let mut all = Settled::new(cells);
        all.ties
            .reserve_exact(parts.iter().map(|p| p.ties.len()).sum());
        all.answered
            .reserve_exact(parts.iter().map(|p| p.answered.len()).sum());
        for part in parts {
            all.ties.extend(part.ties);
            all.answered.extend(part.answered);
            all.named_nobody += part.named_nobody;
            all.zero_weight += part.zero_weight;
            all.below_min_weight += part.below_min_weight;
            for (a, b) in all.questions.iter_mut().zip(part.questions) {
                *a |= b;
            }
            all.rest.extend(part.rest);
        }
        all
    }
}

/// A tie and the survey row it came from, packed into one number whose order is
/// (from, to, question, row): sorting the numbers sorts the ties, and every key is
/// distinct. The weight is the row's.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TieKey(u128);

impl TieKey {
    fn new(from: u32, to: u32, question: u16, row: u32) -> TieKey {
        TieKey(
            u128::from(from) << 80
                | u128::from(to) << 48
                | u128::from(question) << 32
                | u128::from(row),
        )
    }

    fn row(self) -> u32 {
        self.0 as u32
    }

    fn nomination(self, weight: f64) -> Nomination {
        Nomination {
            from: (self.0 >> 80) as u32,
            to: (self.0 >> 48) as u32,
            question: (self.0 >> 32) as u16,
            weight,
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum TieEnd {
    Respondent,
    Nominee,
}

/// The state of one pass over the survey rows.
struct Checker<'a> {
    survey: &'a Survey,
    people: &'a People,
    matcher: PersonMatcher<'a>,
    problems: &'a mut Problems,
    answers: Answers,
}

impl<'a> Checker<'a> {
    /// The header of the cell of `role`.
    fn column(&self, row: &SurveyRow, role: TieEnd) -> &'a str {
        let file = &self.survey.files[row.file as usize];
        match role {
            TieEnd::Respondent => file.respondent_column.as_str(),
            TieEnd::Nominee => file
                .headers
                .get(row.column as usize)
                .map_or("", String::as_str),
        }
    }

    /// Places a problem at the row and at the cell of `role`.
    fn at(&self, p: Problem, row: &SurveyRow, role: TieEnd) -> Problem {
        p.at_row(row.row.into()).in_column(self.column(row, role))
    }

    /// Resolves one id of a survey row to a person, warning when it had to be normalised,
    /// is ambiguous or unknown (the row is then dropped).
    fn person(&mut self, row: &SurveyRow, symbol: u32, role: TieEnd) -> Option<u32> {
        match self.matcher.matches[symbol as usize] {
            Match::Email(_) => self.answers.matched_by_email += 1,
            Match::Name(_) => self.answers.matched_by_name += 1,
            _ => {}
        }
        let wording = match role {
            TieEnd::Respondent => IdWording {
                what: "respondent",
                unknown: code::UNKNOWN_RESPONDENT,
                consequence: "the row was dropped",
            },
            TieEnd::Nominee => IdWording {
                what: "nominee",
                unknown: code::UNKNOWN_NOMINEE,
                consequence: "the nomination was dropped",
            },
        };
        let place = Place {
            file: &self.survey.files[row.file as usize].file,
            row: row.row,
            column: self.column(row, role),
        };
        self.matcher.person(symbol, &wording, &place, self.problems)
    }

    /// The tie `from` → `to` of `row`, or `None` when it is no tie: a self-nomination or a
    /// negative weight (both warned about), a weight of 0 ("never") or one below
    /// `--min-weight` (both counted).
    fn tie(
        &mut self,
        row: &SurveyRow,
        from: u32,
        to: u32,
        min_weight: Option<f64>,
    ) -> Option<Nomination> {
        let file = &self.survey.files[row.file as usize].file;
        let warning = if from == to {
            let who = &self.people.ids[from as usize];
            Problem::warning(
                file,
                code::SELF_NOMINATION,
                format!("{who} named themselves; the nomination was dropped"),
            )
        } else if row.weight < 0.0 {
            Problem::warning(
                file,
                code::WEIGHT_NOT_POSITIVE,
                format!(
                    "weight {} is not a tie (ties need a positive weight); the nomination was dropped",
                    row.weight
                ),
            )
        } else if row.weight == 0.0 {
            self.answers.zero_weight += 1;
            return None;
        } else if min_weight.is_some_and(|m| row.weight < m) {
            self.answers.below_min_weight += 1;
            return None;
        } else {
            return Some(Nomination {
                from,
                to,
                question: row.question,
                weight: row.weight,
            });
        };
        let warning = self.at(warning, row, TieEnd::Nominee);
        self.problems.push(warning);
        None
    }
}

/// Sorts the ties and merges repeated (from, to, question) triples, keeping the larger
/// weight and warning on every repeat.
fn merge_duplicates(
    survey: &Survey,
    people: &People,
    mut ties: Vec<TieKey>,
    problems: &mut Problems,
) -> Vec<Nomination> {
    // Every key is distinct (it holds its row), so an unstable sort is deterministic.
    ties.par_sort_unstable();
    let mut nominations: Vec<Nomination> = Vec::with_capacity(ties.len());
    // The row of each kept nomination's first tie, for the warnings on its repeats.
    let mut first = 0u32;
    for &key in &ties {
        let row = &survey.rows[key.row() as usize];
        let tie = key.nomination(row.weight);
        let merged = match nominations.last_mut() {
            Some(m) if (m.from, m.to, m.question) == (tie.from, tie.to, tie.question) => m,
            _ => {
                first = key.row();
                nominations.push(tie);
                continue;
            }
        };
        merged.weight = merged.weight.max(row.weight);
        let first_row = &survey.rows[first as usize];
        let file = &survey.files[row.file as usize];
        let first_file = &survey.files[first_row.file as usize].file;
        problems.push(
            Problem::warning(&file.file, code::DUPLICATE_NOMINATION, format!(
                "{} named {} for {:?} again (first on {first_file} row {}); merged, keeping the larger weight {}",
                people.ids[tie.from as usize], people.ids[tie.to as usize], survey.questions[tie.question as usize], first_row.row, merged.weight
            ))
            .at_row(row.row.into())
            .in_column(file.headers.get(row.column as usize).map_or("", String::as_str)),
        );
    }
    // Exactly the kept ties: a list as long as the ties would hold its spare room for the
    // whole run.
    nominations.shrink_to_fit();
    nominations
}
