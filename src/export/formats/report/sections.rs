//! The sections of `report.html`, each appending its HTML to the page.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::super::style;
use super::chart;
use crate::classify::Role;
use crate::export::context::ExportContext;
use crate::text::html;

/// Warning codes listed with an example at most (every warning is in data-quality.csv).
const MAX_CODES: usize = 20;

pub(super) fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

pub(super) use crate::text::count;

fn count_role(cx: &ExportContext<'_>, role: Role) -> usize {
    cx.view.roles().iter().filter(|&&r| r == role).count()
}

/// Share of influence ties that point up the nominator's chain of command.
fn chain_share(cx: &ExportContext<'_>) -> Option<f64> {
    cx.view.metrics().chain.up_share()
}

/// Where the informal leaders are: "Operations (2), Sales (1)", small groups suppressed.
fn where_leaders(cx: &ExportContext<'_>) -> Option<String> {
    // An org chart without departments: nothing to say by department.
    if cx.view.metrics().department_names.is_empty() {
        return None;
    }
    let g = &cx.groups;
    let role = cx.view.roles();
    let counts = g.count(|p| role[p] == Role::InformalLeader);
    let mut parts: Vec<(usize, &str)> = counts
        .iter()
        .zip(&g.names)
        .filter(|(c, _)| **c > 0)
        .map(|(c, name)| (*c, name.as_str()))
        .collect();
    parts.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(y.1)));
    // The five departments with most, then a count of the rest.
    let mut text: Vec<String> = parts
        .iter()
        .take(5)
        .map(|(c, name)| format!("{} ({c})", html(name)))
        .collect();
    if parts.len() > 5 {
        let rest: usize = parts[5..].iter().map(|(c, _)| c).sum();
        text.push(format!(
            "{rest} in {}",
            count(parts.len() - 5, "other department", "other departments")
        ));
    }
    let hidden = (0..role.len())
        .filter(|&p| g.of[p].is_none() && role[p] == Role::InformalLeader)
        .count();
    if hidden > 0 {
        text.push(format!("{hidden} in groups too small to name"));
    }
    Some(text.join(", "))
}

/// The headline; `how`, when given, is a second paragraph under the first (how people
/// lead, as HTML).
pub fn headline(cx: &ExportContext<'_>, how: Option<String>, page: &mut String) {
    let v = &cx.view;
    let people = v.people();
    let (respondents, rate) = (v.respondents(), v.response_rate());
    let informal = count_role(cx, Role::InformalLeader);
    let leading = count_role(cx, Role::LeaderManager);
    let formal = cx.view.formal_power().iter().filter(|&&f| f).count();
    let files: Vec<String> = std::iter::once(v.org_file().0)
        .chain(v.survey_files().iter().map(|f| &*f.file))
        .map(html)
        .collect();
    let _ = writeln!(
        page,
        "<header class=\"top\"><p class=\"kicker\">orgsphere · organisational network analysis</p><h1>Formal power and influence</h1><p class=\"meta\">{people} people · {} survey question{} ({}) · inputs: {} · written {}{}</p></header>",
        v.questions().len(),
        if v.questions().len() == 1 { "" } else { "s" },
        html(&v.questions().join(", ")),
        files.join(", "),
        html(&cx.generated_at),
        if cx.view.pseudonymized() {
            " · <strong>pseudonymised</strong>: people appear by pseudonym only"
        } else {
            ""
        }
    );
    let standing = !cx.view.rule().groups.is_empty();
    let typical = if standing {
        "is typical for people of the same formal standing"
    } else {
        "is typical here"
    };
    let lead = if informal == 0 {
        format!(
            "<strong>No informal leader</strong>: nobody without managerial authority is sought out by far more colleagues than {typical} (see <a href=\"#rule\">the rule</a>, with the most sought after and how far each is from the bar)."
        )
    } else {
        format!(
            "<strong>{}</strong>: {} without managerial authority whom far more colleagues seek out than {typical}: others follow them anyway.{}",
            count(informal, "informal leader", "informal leaders"),
            if informal == 1 { "a person" } else { "people" },
            where_leaders(cx).map_or(String::new(), |w| format!(" By department: {w}."))
        )
    };
    let _ = writeln!(page, "<p class=\"lead\">{lead}</p>");
    if let Some(how) = how {
        let _ = writeln!(page, "<p class=\"lead\">{how}</p>");
    }
    // How formal power was read when the org chart has no reporting lines, or levels give it.
    let structure = v.structure();
    if !structure.reporting_lines.given() || structure.level_power() {
        let notes: Vec<String> = structure
            .reporting_lines_note()
            .into_iter()
            .chain(structure.level_note(&cx.options.formal))
            .map(|n| format!("{}.", html(&n)))
            .collect();
        let _ = writeln!(page, "<p class=\"note\">{}</p>", notes.join(" "));
    }
    page.push_str("<div class=\"cards\">");
    let warn = if rate < crate::validate::USUAL_RESPONSE_RATE {
        " warn"
    } else {
        ""
    };
    let lines = structure.reporting_lines.given();
    let chain = chain_share(cx).filter(|_| lines);
    // The rate manager findings compare against, in the layer they read.
    let (naming, responding) = v.reports_naming_their_manager();
    let team = v.team_layer();
    let for_question = team
        .question
        .map_or(String::new(), |q| format!(" for {}", v.questions()[q]));
    let cards = [
        (
            "leader",
            "Informal leaders",
            informal.to_string(),
            "no formal power, high influence".to_string(),
        ),
        (
            warn.trim(),
            "Response rate",
            pct(rate),
            format!("{respondents} of {people} people answered"),
        ),
        (
            "",
            "Leader-managers",
            format!("{leading} of {formal}"),
            "people with formal power who are also high influence".to_string(),
        ),
        (
            "",
            "Alignment",
            chain.map_or("–".to_string(), pct),
            if lines {
                "of influence ties point up the nominator's own chain of command".to_string()
            } else {
                "no reporting lines: the org chart has no chain of command to follow".to_string()
            },
        ),
        (
            "",
            "Reports who name their manager",
            if responding == 0 {
                "–".to_string()
            } else {
                pct(naming as f64 / responding as f64)
            },
            if !lines {
                "no reporting lines: nobody has a manager in the org chart".to_string()
            } else if responding == 0 {
                "nobody with a manager answered".to_string()
            } else {
                format!(
                    "{naming} of {} name their own manager{for_question}",
                    count(
                        responding as usize,
                        "responding report",
                        "responding reports"
                    )
                )
            },
        ),
    ];
    for (class, label, value, detail) in cards {
        let _ = write!(
            page,
            "<div class=\"card {class}\"><div class=\"label\">{label}</div><div class=\"value\">{}</div><div class=\"detail\">{}</div></div>",
            html(&value),
            html(&detail)
        );
    }
    page.push_str("</div>\n");
}

pub fn quadrant(cx: &ExportContext<'_>, page: &mut String) {
    let (svg, caption) = chart::quadrant(cx);
    let bar = if cx.view.rule().groups.is_empty() {
        "Above the dashed bar is high influence."
    } else {
        "Each side has its own dashed bar, as people are compared with others of the same formal standing: above it is high influence."
    };
    let _ = write!(
        page,
        "<section class=\"keep\"><h2 id=\"quadrant\">Formal power against influence</h2>\n<p class=\"note\">Each dot is a person. Left: no formal power; right: formal power, further right the more people are under them. Up: more colleagues name them as someone they go to. {bar}</p>\n<figure>"
    );
    page.push_str(&svg);
    let _ = write!(
        page,
        "<figcaption>{}</figcaption><div class=\"legend\">",
        html(&caption)
    );
    for role in Role::ALL {
        let _ = write!(
            page,
            "<span><span class=\"dot\" style=\"background:{}\"></span>{} ({})</span>",
            style::hex(role),
            role.as_str(),
            count_role(cx, role)
        );
    }
    page.push_str("</div></figure></section>\n");
}

pub fn quality(cx: &ExportContext<'_>, page: &mut String) {
    page.push_str("<h2 id=\"quality\">Data quality</h2>\n");
    warnings(cx, page);
    super::questions::questions(cx, page);
}

fn warnings(cx: &ExportContext<'_>, page: &mut String) {
    let warnings = cx.view.warnings();
    if warnings.is_empty() {
        page.push_str("<p>No problems were found in the inputs.</p>\n");
        return;
    }
    let mut by_code: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, w) in warnings.iter().enumerate() {
        by_code.entry(w.code).or_default().push(i);
    }
    let _ = writeln!(
        page,
        "<p class=\"note\">{}; the run went on. Each is listed with its file, row and column in <code>data-quality.csv</code>; one example per kind is shown here.</p>",
        count(warnings.len(), "warning", "warnings")
    );
    page.push_str("<div class=\"scroll\"><table><thead><tr><th>Problem</th><th class=\"num\">Count</th><th>Example</th></tr></thead><tbody>\n");
    for (code, list) in by_code.iter().take(MAX_CODES) {
        let w = &warnings[list[0]];
        let place = match (w.row, &w.column) {
            (Some(r), Some(c)) => format!("{}, row {r}, column {}", w.file, c),
            (Some(r), None) => format!("{}, row {r}", w.file),
            (None, _) => w.file.to_string(),
        };
        let _ = writeln!(
            page,
            "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td><span class=\"small\">{}</span><br/>{}</td></tr>",
            html(code),
            list.len(),
            html(&place),
            html(&cx.view.message(w))
        );
    }
    page.push_str("</tbody></table></div>\n");
}

pub fn method(cx: &ExportContext<'_>, page: &mut String) {
    page.push_str(
        "<h2 id=\"method\">What the numbers mean, and their limits</h2>\n<dl class=\"method\">",
    );
    let mut notes = vec![
        (
            "Formal power",
            "A person has formal power with at least one direct report in the org chart, or a managerial title. Formal reach is everyone under them, at any depth.",
        ),
        (
            "Influence",
            "Nominated by: how many different colleagues named the person in any of the survey's influence questions (see <a href=\"#questions\">Questions</a>). Percentile: the share of the others with a lower score (PageRank breaks ties). Nominations measure whom people go to, not the quality of that person's work.",
        ),
        (
            "Informal leader",
            "No formal power and high influence. Leader-manager: formal power and high influence. Manager: formal power only. Contributor: neither. A role is a description of the network, not a performance rating.",
        ),
        (
            "Alignment",
            "The share of influence ties that point to someone in the nominator's own chain of command (their manager, the manager's manager, and so on). Low alignment means advice flows around the hierarchy rather than through it.",
        ),
        (
            "Department matrix",
            "Counts of pairs of people, one per nominator and nominee whatever the number of questions. The diagonal stays inside a department; a department whose row is mostly diagonal keeps to itself.",
        ),
        (
            "Response rate",
            "People who did not answer cannot nominate anyone, so everyone named by them is under-counted. Below about 80 % read influence figures with care.",
        ),
        (
            "Limits",
            "Survey answers are self-reported and time-bound; a tie is a name on a list, not a measure of how much help flows. Very small teams cannot nominate many people. Use these results to start conversations, not to make decisions about individuals on their own.",
        ),
    ];
    if !cx.view.structure().reporting_lines.given() {
        notes[0].1 = "The org chart has no reporting lines, so nobody has direct reports: a person has formal power with a managerial title, or a level that --manager-levels names. Formal reach is 0 for everyone.";
        notes[3].1 = "Alignment is the share of influence ties that point to someone in the nominator's own chain of command. The org chart has no reporting lines, so there is no chain of command and alignment is not measured.";
    } else if cx.view.structure().level_power() {
        notes[0].1 = "A person has formal power with at least one direct report in the org chart, a managerial title, or a level that --manager-levels names. Formal reach is everyone under them, at any depth.";
    }
    if cx.view.leadership().is_some() {
        notes.push(("How they lead", "Each question on a leadership dimension (advice, example, energy, culture, future, enabling) asks what people follow someone for; a direction question asks whom they take day-to-day direction from, the formal sphere as practised, which may differ from the org chart. A person leads on a dimension when more colleagues name them on it than the model of their formal standing makes likely, as for high influence. A dimension is a description of how others see a person, not a skill assessment."));
    }
    if cx.view.pseudonymized() {
        notes.push(("Privacy", "This run was pseudonymised: every id is a keyed pseudonym (the same key gives the same pseudonyms in other runs), and names, e-mails and every org-chart column but title and department were left out."));
    }
    for (term, text) in notes {
        let _ = write!(page, "<dt>{term}</dt><dd>{text}</dd>");
    }
    page.push_str("</dl>\n");
}
