//! Negative questions (conflict, antagonism, avoid…) analysed on their own: they never make
//! anyone central, but a person many colleagues name in one is worth a careful look.
//!
//! For each negative question, the people named by more colleagues than chance would give
//! (the standing rule's model for everyone as one group, false-discovery rate 10 %, local
//! rate at most one half) and by
//! at least the minimum group size, so that no single colleague's answer can be read off a
//! finding. Always at low severity: a negative answer is one side of a relationship.

use super::{Finding, FindingInputs, Sentence, Severity};
use crate::classify::rule::single_group_bar;
use crate::load::QuestionKind;

/// The false-discovery rate of the negative-ties finding.
const FALSE_DISCOVERY: f64 = 0.1;

/// The `negative-ties` findings, question by question.
pub fn negative_ties(cx: &FindingInputs<'_>) -> Vec<Finding> {
    let d = &cx.analysis.dataset;
    let mut out = Vec::new();
    for q in 0..d.questions.len() {
        if d.question_kinds[q] != QuestionKind::Negative {
            continue;
        }
        let in_degree = &cx.analysis.metrics.per_question[q].in_degree;
        let respondents = d.answers.responded[q].iter().filter(|&&r| r).count() as u32;
        let floor = (cx.min_group_size as u32).max(3);
        let Some(bar) = single_group_bar(
            in_degree,
            respondents.saturating_sub(1),
            FALSE_DISCOVERY,
            floor,
        ) else {
            continue;
        };
        for (p, &k) in in_degree.iter().enumerate() {
            if k < bar {
                continue;
            }
            out.push(Finding {
                kind: "negative-ties",
                severity: Severity::Low,
                group: None,
                people: vec![p as u32],
                summary: Sentence::new().person(p as u32).text(format!(
                    " is named by {k} of {respondents} respondents for {}, a negative question: more than chance gives anyone here (bar {bar}); a relationship to look into, not a verdict",
                    d.questions[q]
                )),
                action: Sentence::new()
                    .text("Look into the relationships around ")
                    .person(p as u32)
                    .text(" in confidence, with HR, before acting: hear them and the people involved"),
                evidence: vec![
                    ("named_by", k.into()),
                    ("respondents", respondents.into()),
                    ("bar", bar.into()),
                ],
            });
        }
    }
    out
}
