//! The questions part of `report.html`'s data section: each question, its kind and how the
//! kind was decided, its respondents and ties, and how a rating scale's answers were read
//! (the same words `validate` prints).

use std::fmt::Write as _;

use crate::export::context::ExportContext;
use crate::text::{float, html};

pub fn questions(cx: &ExportContext<'_>, page: &mut String) {
    let v = &cx.view;
    page.push_str("<h3 id=\"questions\">Questions</h3>\n<p class=\"note\">Only <em>influence</em> questions (advice, expertise, trust…) make the influence layer and the roles. <em>Collaboration</em> and <em>social</em> questions are context: kept per question, never counted as influence. <em>Negative</em> questions (conflict, avoid…) never make anyone central; they are analysed on their own. A kind comes from the question's name, or from <code>--question-kind</code>; a name that matches no word list counts as influence. A question rated on a scale for most pairs of colleagues keeps only its upper answers as ties.</p>\n");
    page.push_str("<div class=\"scroll\"><table><thead><tr><th>Question</th><th>Kind</th><th class=\"num\">Respondents</th><th class=\"num\">Ties</th><th>Answers read</th></tr></thead><tbody>\n");
    for (q, name) in v.questions().iter().enumerate() {
        let respondents = v.answers().responded[q].iter().filter(|&&r| r).count();
        let ties: u64 = v.metrics().per_question[q]
            .in_degree
            .iter()
            .map(|&k| u64::from(k))
            .sum();
        let read = match (v.rating_scale(q), cx.options.check.min_weight) {
            (Some(scale), _) => scale.in_words(),
            (None, Some(w)) => format!("answers of {} or more are ties (--min-weight)", float(w)),
            (None, None) => "every colleague named is a tie".to_string(),
        };
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{respondents}</td><td class=\"num\">{ties}</td><td>{}</td></tr>",
            html(name),
            html(&v.kind_in_words(q)),
            html(&read)
        );
    }
    page.push_str("</tbody></table></div>\n");
}
