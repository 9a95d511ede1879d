//! Each question's leadership dimension: recognised from its name, or set with
//! `--question-dimension`.
//!
//! Dimensions apply when a survey asks how people lead: a question on example, energy,
//! culture, future or enabling, a `direction` question, or a dimension set by hand. A
//! survey that asks only for advice (with trust, help, information…: the usual network
//! survey) is read as before, with no dimension anywhere in the results.

use super::{Dataset, KindSource};
use crate::error::{Error, Result};
use crate::load::QuestionKind;
use crate::load::survey::dimensions;
use crate::options::{Dimension, DimensionSetting};

/// Each question's dimension with how it was decided, by question index; every entry
/// `None` when the survey asks nothing of how people lead. `kinds` and `kind_source` are
/// updated: `--question-dimension q=direction` makes `q` a direction question, a dimension
/// set by hand makes its question an influence one, and a question whose kind was assumed
/// but whose name says a dimension is influence by recognition.
pub(super) fn question_dimensions(
    questions: &[String],
    kinds: &mut [QuestionKind],
    kind_source: &mut [KindSource],
    given: &[(String, DimensionSetting)],
) -> Result<Vec<Option<(Dimension, KindSource)>>> {
    let mut out: Vec<Option<(Dimension, KindSource)>> = questions
        .iter()
        .zip(kinds.iter())
        .map(|(q, &kind)| match kind {
            QuestionKind::Influence => {
                dimensions::recognise(q).map(|d| (d, KindSource::Recognised))
            }
            _ => None,
        })
        .collect();
    let mut set_by_hand = false;
    let mut kind_set = vec![false; questions.len()];
    for (name, setting) in given {
        let key = crate::load::survey::question_key(name);
        let Some(i) = questions.iter().position(|q| *q == key) else {
            return Err(Error::Usage(format!(
                "--question-dimension {name}={}: the surveys have no question {key:?}; their questions are: {}",
                setting.as_str(),
                questions.join(", ")
            )));
        };
        set_by_hand = true;
        kind_set[i] = true;
        kind_source[i] = KindSource::DimensionGiven;
        match *setting {
            DimensionSetting::Direction => {
                kinds[i] = QuestionKind::Direction;
                out[i] = None;
            }
            DimensionSetting::Dimension(d) => {
                kinds[i] = QuestionKind::Influence;
                out[i] = Some((d, KindSource::Given));
            }
        }
    }
    let asks_how = set_by_hand
        || kinds.contains(&QuestionKind::Direction)
        || out.iter().flatten().any(|(d, _)| *d != Dimension::Advice);
    if !asks_how {
        return Ok(vec![None; questions.len()]);
    }
    for (q, dimension) in out.iter().enumerate() {
        if dimension.is_some() && kind_source[q] == KindSource::Assumed && !kind_set[q] {
            kind_source[q] = KindSource::Recognised;
        }
    }
    Ok(out)
}

impl Dataset {
    /// Question `q`'s leadership dimension, when the survey asks how people lead.
    pub fn dimension(&self, q: usize) -> Option<Dimension> {
        self.question_dimensions[q].map(|(d, _)| d)
    }

    /// Whether the survey asks how people lead: a question carries a dimension, or is a
    /// direction question. Only then are profiles, their columns and findings written.
    pub fn asks_how_people_lead(&self) -> bool {
        self.question_dimensions.iter().any(Option::is_some)
            || self.question_kinds.contains(&QuestionKind::Direction)
    }

    /// Question `q`'s dimension and how it was decided, as `validate` and the report write
    /// it: `future (from its name)`, `example (--question-dimension)`.
    pub fn dimension_in_words(&self, q: usize) -> Option<String> {
        self.question_dimensions[q].map(|(d, source)| match source {
            KindSource::Given | KindSource::DimensionGiven => {
                format!("{} (--question-dimension)", d.as_str())
            }
            _ => format!("{} (from its name)", d.as_str()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        names: &[&str],
        given: &[(&str, DimensionSetting)],
    ) -> (Vec<QuestionKind>, Vec<Option<Dimension>>) {
        let questions: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let mut kinds: Vec<QuestionKind> = questions
            .iter()
            .map(|q| crate::load::survey::kinds::recognise(q).unwrap_or(QuestionKind::Influence))
            .collect();
        let mut source = vec![KindSource::Recognised; names.len()];
        let given: Vec<(String, DimensionSetting)> =
            given.iter().map(|(n, d)| (n.to_string(), *d)).collect();
        let dims = question_dimensions(&questions, &mut kinds, &mut source, &given).unwrap();
        (kinds, dims.into_iter().map(|d| d.map(|(d, _)| d)).collect())
    }

    #[test]
    fn advice_and_trust_alone_ask_nothing_of_how_people_lead() {
        let (_, dims) = run(&["advice", "trust"], &[]);
        assert_eq!(dims, [None, None]);
    }

    #[test]
    fn a_leader_dimension_opens_them_all() {
        let (kinds, dims) = run(&["advice", "example", "direction", "friendship"], &[]);
        assert_eq!(
            dims,
            [
                Some(Dimension::Advice),
                Some(Dimension::Example),
                None,
                None
            ]
        );
        assert_eq!(kinds[2], QuestionKind::Direction);
        assert_eq!(kinds[3], QuestionKind::Social);
    }

    #[test]
    fn set_by_hand() {
        let (kinds, dims) = run(
            &["q1", "q2", "advice"],
            &[
                ("Q1", DimensionSetting::Dimension(Dimension::Culture)),
                ("q2", DimensionSetting::Direction),
            ],
        );
        assert_eq!(
            dims,
            [Some(Dimension::Culture), None, Some(Dimension::Advice)]
        );
        assert_eq!(kinds[1], QuestionKind::Direction);
        let questions = vec!["advice".to_string()];
        let err = question_dimensions(
            &questions,
            &mut [QuestionKind::Influence],
            &mut [KindSource::Recognised],
            &[(
                "nope".to_string(),
                DimensionSetting::Dimension(Dimension::Future),
            )],
        )
        .unwrap_err();
        assert!(err.to_string().contains("no question \"nope\""), "{err}");
    }
}
