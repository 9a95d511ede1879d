//! Leadership dimensions and the direction kind, recognised from a question's name.
//!
//! An influence question may say *how* people follow someone: for advice (expertise), by
//! example, for energy, for culture, for the future, for enabling. A `direction` question
//! (who tells you what to work on, whose approval you need) measures the formal sphere as
//! practised; it is a question kind of its own ([`super::kinds`]), never influence.

pub use crate::options::Dimension;

/// The word parts that make a question a `direction` question, matched case-insensitively
/// anywhere in its name (after the negative words, before every other kind's).
pub const DIRECTION_WORDS: [&str; 9] = [
    "direction",
    "priorit",
    "approv",
    "what_to_work_on",
    "assigns",
    "instruct",
    "tells_you_what",
    "sign_off",
    "signs_off",
];

/// The word parts that give an influence question its leadership dimension, checked in this
/// order, matched case-insensitively anywhere in its name. Plain `trust`, `value`, `help`
/// or `information` name no dimension: they are the usual influence questions of a network
/// survey, and say nothing of how people lead.
pub const DIMENSION_WORDS: [(Dimension, &[&str]); 6] = [
    (
        Dimension::Enabling,
        &[
            "enabl",
            "obstacle",
            "unblock",
            "best_work",
            "empower",
            "removes",
        ],
    ),
    (
        Dimension::Example,
        &[
            "example",
            "role_model",
            "way_of_working",
            "emulat",
            "imitat",
        ],
    ),
    (
        Dimension::Energy,
        &["energ", "morale", "enthusias", "uplift", "lifts"],
    ),
    (
        Dimension::Culture,
        &[
            "culture",
            "cultural",
            "embod",
            "how_we_do",
            "our_values",
            "company_values",
        ],
    ),
    (
        Dimension::Future,
        &["future", "vision", "strateg", "heading", "shape"],
    ),
    (
        Dimension::Advice,
        &["advice", "advis", "expert", "know_how", "knowledge"],
    ),
];

/// The questions `orgsphere survey-template` writes, in plain language, by key: the key
/// names the question in the answers (and is recognised as its dimension or kind), the
/// text is what respondents read. A survey file whose column is headed by one of these
/// texts exactly (as Microsoft Forms and Google Forms export a question) is read as that
/// question with no `--question-map`, each cell holding answers separated by `;` or `,`
/// (the template's choices hold neither) or line breaks.
pub const TEMPLATE_QUESTIONS: [(&str, &str); 7] = [
    (
        "advice",
        "Who do you go to for advice or expertise on your work?",
    ),
    (
        "example",
        "Whose way of working do you follow as an example?",
    ),
    (
        "energy",
        "Who lifts your morale and gives you energy at work?",
    ),
    ("culture", "Who best embodies how we do things here?"),
    ("future", "Whose ideas shape where we are heading?"),
    (
        "enabling",
        "Who helps you do your best work and removes obstacles for you?",
    ),
    (
        "direction",
        "Who tells you what to work on day to day, or whose approval do you need for priorities and resources?",
    ),
];

/// The key of the template question whose text `header` is (compared as headers are:
/// letter case, spaces and punctuation aside).
pub fn template_key(header: &str) -> Option<&'static str> {
    let folded = super::super::columns::fold_header(header);
    TEMPLATE_QUESTIONS
        .iter()
        .find(|(_, text)| super::super::columns::fold_header(text) == folded)
        .map(|(key, _)| *key)
}

/// The dimension an influence question's name says, or `None`. `name` is the question key
/// (lower case, `_` between words).
pub fn recognise(name: &str) -> Option<Dimension> {
    let name = name.to_lowercase();
    DIMENSION_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| name.contains(w)))
        .map(|(d, _)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_from_names() {
        let cases = [
            ("advice", Some(Dimension::Advice)),
            ("expertise", Some(Dimension::Advice)),
            ("example", Some(Dimension::Example)),
            (
                "whose_way_of_working_do_you_follow",
                Some(Dimension::Example),
            ),
            ("who_energises_you", Some(Dimension::Energy)),
            ("culture", Some(Dimension::Culture)),
            ("future", Some(Dimension::Future)),
            ("vision", Some(Dimension::Future)),
            ("enabling", Some(Dimension::Enabling)),
            ("who_removes_obstacles", Some(Dimension::Enabling)),
            // The usual influence questions carry no dimension.
            ("trust", None),
            ("value", None),
            ("helping", None),
            ("information", None),
            ("awareness", None),
        ];
        for (name, dimension) in cases {
            assert_eq!(recognise(name), dimension, "{name}");
        }
    }
}
