//! Question kinds: what a survey question measures, recognised from its name.
//!
//! Only `influence` questions (advice, expertise, trust, energy…) make the influence layer
//! and the roles. `collaboration` (cowork, communicate…) and `social` (friendship, lunch…)
//! questions are context: kept per question, never counted as influence. `negative`
//! questions (conflict, antagonism, avoid…) never make anyone central; they are analysed on
//! their own. `direction` questions (who tells you what to work on, whose approval you need)
//! measure the formal sphere as practised: never influence. A name that matches no word list
//! counts as influence (and `validate` says so).

pub use crate::options::QuestionKind;

/// The word parts that give a question its kind, checked in this order (a negative word
/// wins over all others: "difficult to get advice from" is negative). Matched
/// case-insensitively anywhere in the question's name.
pub const KIND_WORDS: [(QuestionKind, &[&str]); 5] = [
    (
        QuestionKind::Negative,
        &[
            "conflict",
            "antagon",
            "difficult",
            "deenergi",
            "de_energi",
            "drain",
            "avoid",
            "dislike",
            "hinder",
            "obstruct",
            "negative",
            "tension",
            "distrust",
            "hostil",
        ],
    ),
    (QuestionKind::Direction, &super::dimensions::DIRECTION_WORDS),
    (
        QuestionKind::Social,
        &["friend", "lunch", "game", "social", "leisure", "coffee"],
    ),
    (
        QuestionKind::Collaboration,
        &[
            "cowork",
            "co_work",
            "work_with",
            "worked_with",
            "collaborat",
            "communicat",
            "meet",
            "interact",
            "contact",
            "talk",
            "discuss",
        ],
    ),
    (
        QuestionKind::Influence,
        &[
            "advice",
            "advis",
            "expert",
            "help",
            "inform",
            "trust",
            "energ",
            "example",
            "vision",
            "idea",
            "inspir",
            "value",
            "learn",
            "mentor",
            "support",
            "influence",
            "lead",
            "follow",
            "motivat",
            "innovat",
            "knowledge",
            "aware",
            "decision",
            "career",
            "coach",
            "feedback",
            "role_model",
        ],
    ),
];

/// The kind a question's name says, or `None` when it matches no word list (it then counts
/// as influence). `name` is the question key (lower case, `_` between words).
pub fn recognise(name: &str) -> Option<QuestionKind> {
    let name = name.to_lowercase();
    KIND_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| name.contains(w)))
        .map(|(kind, _)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names() {
        let cases = [
            ("advice", Some(QuestionKind::Influence)),
            ("trust", Some(QuestionKind::Influence)),
            ("information", Some(QuestionKind::Influence)),
            ("value", Some(QuestionKind::Influence)),
            ("helping", Some(QuestionKind::Influence)),
            ("awareness", Some(QuestionKind::Influence)),
            ("who_energises_you", Some(QuestionKind::Influence)),
            ("friendship", Some(QuestionKind::Social)),
            ("games", Some(QuestionKind::Social)),
            ("lunch", Some(QuestionKind::Social)),
            ("cowork", Some(QuestionKind::Collaboration)),
            ("who_do_you_work_with", Some(QuestionKind::Collaboration)),
            ("window_conflict", Some(QuestionKind::Negative)),
            ("antagonism", Some(QuestionKind::Negative)),
            ("de_energising", Some(QuestionKind::Negative)),
            ("difficult_to_get_advice_from", Some(QuestionKind::Negative)),
            ("direction", Some(QuestionKind::Direction)),
            (
                "who_tells_you_what_to_work_on",
                Some(QuestionKind::Direction),
            ),
            ("whose_approval_do_you_need", Some(QuestionKind::Direction)),
            ("priorities", Some(QuestionKind::Direction)),
            ("q7", None),
        ];
        for (name, kind) in cases {
            assert_eq!(recognise(name), kind, "{name}");
        }
    }

    #[test]
    fn kinds_parse_by_name() {
        assert_eq!(QuestionKind::parse("Social"), Some(QuestionKind::Social));
        assert_eq!(QuestionKind::parse("friends"), None);
    }
}
