//! Rating scales: a valued question on which most respondents rate many colleagues (a
//! roster rated 1–5, "never" to "very often") is a scale, not a list of ties.
//!
//! Read as ties, such a question makes everyone a contact of everyone: the lowest answer
//! means "never" or "strongly disagree". A question is taken for a rating scale when, with
//! no `--min-weight` given, its answers are whole numbers of at least three values, at most
//! [`MAX_SCALE`], and they cover at least [`DENSE_SHARE`] of the pairs of its respondents
//! and their colleagues (a nomination survey, where people name a few colleagues, covers far
//! less). Then only the answers above the middle of the values seen are ties (4 and 5 on a
//! 1–5 scale, 4 to 6 on a 1–6 scale); the others are counted, and a `rating-scale` warning
//! names the question, its values and the flag that sets the cut by hand.

use std::sync::Arc;

use serde::Serialize;

use super::survey::Answers;
use crate::diagnostics::{Problem, Problems, code};
use crate::load::Survey;

/// The largest answer a rating scale has (scales run 1–5, 1–7, 0–10).
pub const MAX_SCALE: f64 = 10.0;
/// The least share of respondent–colleague pairs a scale's answers cover.
pub const DENSE_SHARE: f64 = 0.2;

/// A question read as a rating scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingScale {
    /// The question's index.
    #[serde(skip)]
    pub question: u16,
    /// The distinct answers seen, ascending.
    pub values: Vec<f64>,
    /// Share of respondent–colleague pairs that carry an answer.
    pub pair_share: f64,
    /// Answers of at least this value are ties.
    pub min_tie: f64,
    /// Answers below `min_tie`: given, but no tie.
    pub below_cut: usize,
}

impl RatingScale {
    /// The scale in words, as `validate` and the report write it: `rating scale 1–5 on
    /// 44 % of pairs; answers of 4 or more are ties, 709 lower answers are not`.
    pub fn in_words(&self) -> String {
        let (first, last) = (self.values[0], self.values[self.values.len() - 1]);
        let contiguous = self.values.windows(2).all(|w| w[1] - w[0] == 1.0);
        let values = if contiguous {
            format!("{first}–{last}")
        } else {
            list(&self.values)
        };
        let below = match self.below_cut {
            1 => "1 lower answer is not".to_string(),
            n => format!("{n} lower answers are not"),
        };
        format!(
            "rating scale {values} on {:.0} % of pairs; answers of {} or more are ties, {below}",
            self.pair_share * 100.0,
            self.min_tie
        )
    }
}

/// Values as a list: `1, 2, 4, 5`.
fn list(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Finds the rating scales among the questions, keeps only their upper answers as ties, and
/// warns about each. Nothing happens when the user set `--min-weight`.
pub fn apply(
    survey: &Survey,
    people: usize,
    min_weight: Option<f64>,
    answers: &mut Answers,
    problems: &mut Problems,
) -> Vec<RatingScale> {
    if min_weight.is_some() || people < 2 {
        return Vec::new();
    }
    let questions = survey.questions.len();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); questions];
    let mut ties = vec![0usize; questions];
    for n in &answers.nominations {
        let q = n.question as usize;
        ties[q] += 1;
        if values[q].len() <= 11 && !values[q].contains(&n.weight) {
            values[q].push(n.weight);
        }
    }
    let mut scales = Vec::new();
    for (q, mut seen) in values.into_iter().enumerate() {
        let respondents = answers.responded[q].iter().filter(|&&r| r).count();
        let pairs = respondents as f64 * (people - 1) as f64;
        let pair_share = if pairs > 0.0 {
            ties[q] as f64 / pairs
        } else {
            0.0
        };
        let whole = seen.iter().all(|w| w.fract() == 0.0 && *w <= MAX_SCALE);
        if seen.len() < 3 || !whole || pair_share < DENSE_SHARE {
            continue;
        }
        seen.sort_by(f64::total_cmp);
        let middle = (seen[0] + seen[seen.len() - 1]) / 2.0;
        let min_tie = *seen
            .iter()
            .find(|&&w| w > middle)
            .expect("three values or more");
        scales.push(RatingScale {
            question: q as u16,
            values: seen,
            pair_share: (pair_share * 1e9).round() / 1e9,
            min_tie,
            below_cut: 0,
        });
    }
    if scales.is_empty() {
        return scales;
    }
    let mut cut = vec![0.0; questions];
    for s in &scales {
        cut[s.question as usize] = s.min_tie;
    }
    let mut below = vec![0usize; questions];
    answers.nominations.retain(|n| {
        let keep = n.weight >= cut[n.question as usize];
        if !keep {
            below[n.question as usize] += 1;
        }
        keep
    });
    for s in &mut scales {
        s.below_cut = below[s.question as usize];
        answers.below_rating_cut += s.below_cut;
        problems.push(warning(survey, s));
    }
    scales
}

/// The `rating-scale` warning for `scale`, on the first file that holds its question.
fn warning(survey: &Survey, scale: &RatingScale) -> Problem {
    let file: Arc<str> = survey
        .rows
        .iter()
        .find(|r| r.question == scale.question)
        .map_or_else(
            || Arc::from(""),
            |r| Arc::clone(&survey.files[r.file as usize].file),
        );
    let kept: Vec<f64> = scale
        .values
        .iter()
        .copied()
        .filter(|&v| v >= scale.min_tie)
        .collect();
    Problem::warning(
        &file,
        code::RATING_SCALE,
        format!(
            "question {:?} looks like a rating scale, not a list of ties: its answers ({}) cover {:.0} % of the pairs of respondents and colleagues. Only the upper answers ({}) were kept as ties; {} lower answers (such as \"never\" or \"disagree\") were not. To set the cut yourself give --min-weight W (e.g. --min-weight {} to keep every answer as a tie)",
            survey.questions[scale.question as usize],
            list(&scale.values),
            scale.pair_share * 100.0,
            list(&kept),
            scale.below_cut,
            scale.values[0],
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(values: &[f64], min_tie: f64, below_cut: usize) -> RatingScale {
        RatingScale {
            question: 0,
            values: values.to_vec(),
            pair_share: 0.436,
            min_tie,
            below_cut,
        }
    }

    #[test]
    fn a_scale_in_words() {
        assert_eq!(
            scale(&[1.0, 2.0, 3.0, 4.0, 5.0], 4.0, 709).in_words(),
            "rating scale 1–5 on 44 % of pairs; answers of 4 or more are ties, 709 lower answers are not"
        );
        // Values with a gap are listed; one answer below the cut is singular.
        assert_eq!(
            scale(&[0.0, 2.0, 3.0, 4.0], 3.0, 1).in_words(),
            "rating scale 0, 2, 3, 4 on 44 % of pairs; answers of 3 or more are ties, 1 lower answer is not"
        );
    }
}
