//! How the data are checked (the validate stage's settings): thresholds, strictness, and
//! what each survey question weighs and measures.

use serde::Serialize;

/// How the inputs are judged.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Survey answers with a smaller weight are not ties (`--min-weight`).
    pub min_weight: Option<f64>,
    /// Below this response rate the run stops with exit 65 (`--min-response-rate`).
    pub min_response_rate: Option<f64>,
    /// Every warning becomes an error (`--strict`).
    pub strict: bool,
    /// Each question's weight in the combined influence layer (`--question-weight
    /// advice=2`); questions not named weigh 1.
    pub question_weights: Vec<(String, f64)>,
    /// Question kinds set explicitly (`--question-kind lunch=social`); other questions'
    /// kinds come from their names.
    pub question_kinds: Vec<(String, QuestionKind)>,
    /// Leadership dimensions set explicitly (`--question-dimension role_model=example`);
    /// other questions' dimensions come from their names.
    pub question_dimensions: Vec<(String, super::DimensionSetting)>,
}

/// What a question measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Influence,
    Collaboration,
    Social,
    Negative,
    /// Who tells people what to work on, whose approval they need: the formal sphere as
    /// practised. Never influence.
    Direction,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 5] = [
        QuestionKind::Influence,
        QuestionKind::Collaboration,
        QuestionKind::Social,
        QuestionKind::Negative,
        QuestionKind::Direction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Influence => "influence",
            QuestionKind::Collaboration => "collaboration",
            QuestionKind::Social => "social",
            QuestionKind::Negative => "negative",
            QuestionKind::Direction => "direction",
        }
    }

    /// The kind a flag or config value names (`influence`, `collaboration`, `social`,
    /// `negative`, `direction`, in any letter case).
    pub fn parse(text: &str) -> Option<QuestionKind> {
        let text = text.trim().to_lowercase();
        QuestionKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}
