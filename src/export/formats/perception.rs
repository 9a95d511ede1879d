//! What the perception files gave, in the outputs: the `summary.json` section and the
//! report's section "Who sees the informal network" (the `people.csv` columns are the
//! view's, in `view/columns.rs`). Each writes nothing when the run had no perception file,
//! so such runs keep their bytes. The analysis is read through the [`View`] only.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::style;
use crate::export::{ExportContext, View};
use crate::findings::perception::{PerceptionResults, p_text};
use crate::text::html;

/// People listed as over-rated and as unseen in `summary.json`, at most.
const LISTED: usize = 10;

/// People with a view of an influence target.
fn perceivers(view: &View<'_>, r: &PerceptionResults) -> Vec<usize> {
    (0..view.people())
        .filter(|&p| r.measured.pooled[p].is_some())
        .collect()
}

/// Per person: the share of the perceivers (themselves excluded) who see them sought, and
/// the share of respondents who name them.
fn shares(view: &View<'_>, r: &PerceptionResults, perceivers: &[usize]) -> Vec<(usize, f64, f64)> {
    let n = view.people();
    let respondents = (0..n).filter(|&p| view.responded_influence(p)).count();
    let in_degree = &view.metrics().combined.in_degree;
    (0..n)
        .filter_map(|p| {
            let others = perceivers.len() - usize::from(perceivers.binary_search(&p).is_ok());
            let others_resp = respondents - usize::from(view.responded_influence(p));
            (others > 0 && others_resp > 0).then(|| {
                (
                    p,
                    f64::from(r.measured.perceived_in_degree[p]) / others as f64,
                    f64::from(in_degree[p]) / others_resp as f64,
                )
            })
        })
        .collect()
}

fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (mut s, mut k) = (0.0, 0usize);
    for v in values {
        s += v;
        k += 1;
    }
    (k > 0).then(|| round(s / k as f64))
}

/// The `perceptions` section of `summary.json`; `None` without perceptions.
pub fn summary(cx: &ExportContext<'_>) -> Option<Value> {
    let view = &cx.view;
    let r = view.perception()?;
    let data = view.perception_data()?;
    let who = perceivers(view, r);
    let target_name = |t: Option<u16>| {
        t.map_or("all influence questions".to_string(), |q| {
            view.questions()[q as usize].clone()
        })
    };
    let mut targets: Vec<Option<u16>> = data.views.iter().map(|v| v.target).collect();
    targets.dedup();
    let targets: Vec<Value> = targets
        .into_iter()
        .map(|t| {
            let acc: Vec<_> = r
                .measured
                .accuracy
                .iter()
                .filter(|x| x.view.target == t)
                .collect();
            let structures = r.measured.structures.iter().find(|s| s.target == t).map(|s| {
                json!({
                    "perceivers": s.perceivers,
                    "row_las": s.row_las,
                    "column_las": s.column_las,
                    "las_intersection": s.las_intersection,
                    "las_union": s.las_union,
                    "consensus": s.consensus,
                })
            });
            json!({
                "question": target_name(t),
                "kind": t.map_or("influence", |q| view.question_kinds()[q as usize].as_str()),
                "perceivers": acc.len(),
                "whole_organisation": acc.iter().filter(|x| x.view.whole).count(),
                "team_only": acc.iter().filter(|x| !x.view.whole).count(),
                "mean_accuracy": mean(acc.iter().filter_map(|x| x.confusion.kappa())),
                "mean_hit_rate": mean(acc.iter().filter_map(|x| x.confusion.hit_rate())),
                "mean_false_alarm_rate": mean(acc.iter().filter_map(|x| x.confusion.false_alarm_rate())),
                "unscored_ties": acc.iter().map(|x| x.unscored).sum::<u64>(),
                "structures": structures,
            })
        })
        .collect();
    let mut gaps = shares(view, r, &who);
    let in_degree = &view.metrics().combined.in_degree;
    let listed = |p: usize, perceived: f64, actual: f64| {
        json!({
            "id": cx.view.id(p),
            "in_degree": in_degree[p],
            "in_share": round(actual),
            "perceived_in_degree": r.measured.perceived_in_degree[p],
            "perceived_share": round(perceived),
        })
    };
    gaps.sort_by(|x, y| (y.1 - y.2).total_cmp(&(x.1 - x.2)).then(x.0.cmp(&y.0)));
    let over: Vec<Value> = gaps
        .iter()
        .filter(|g| g.1 - g.2 > 0.0)
        .take(LISTED)
        .map(|&(p, s, t)| listed(p, s, t))
        .collect();
    gaps.sort_by(|x, y| (x.1 - x.2).total_cmp(&(y.1 - y.2)).then(x.0.cmp(&y.0)));
    let unseen: Vec<Value> = gaps
        .iter()
        .filter(|g| g.1 - g.2 < 0.0)
        .take(LISTED)
        .map(|&(p, s, t)| listed(p, s, t))
        .collect();
    let count = |kind: &str| view.findings().iter().filter(|f| f.kind == kind).count();
    Some(json!({
        "files": data.files.iter().map(|f| json!({
            "file": &*f.file,
            "sha256": f.sha256,
            "encoding": f.encoding,
            "form": f.form.as_str(),
            "rows": f.rows,
        })).collect::<Vec<_>>(),
        "rows": data.rows,
        "dropped": data.dropped,
        "perceived_ties": data.ties.len(),
        "perceivers": who.len(),
        "accuracy_measure": "Cohen's kappa of the perceived ties against the surveys' ties, on the pairs whose sender answered and is not the perceiver",
        "questions": targets,
        "accuracy_and_power": r.power.iter().map(|t| json!({
            "power": t.power,
            "perceivers": t.perceivers,
            "spearman": t.spearman.map(round),
            "p_value": t.p_value.map(round),
            "permutations": t.permutations,
        })).collect::<Vec<_>>(),
        "blind_spots": count("blind-spot"),
        "unseen_leaders": count("unseen-leader"),
        "over_rated": count("over-rated"),
        "managers_seeing_their_team_leaders": r.sees_team_leaders.iter().filter(|s| **s == Some(true)).count(),
        "managers_not_seeing_their_team_leaders": r.sees_team_leaders.iter().filter(|s| **s == Some(false)).count(),
        "most_over_rated": over,
        "most_unseen": unseen,
    }))
}

const W: f64 = 460.0;
const H: f64 = 300.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 46.0;

/// One scatter panel: accuracy (y, −0.2 … 1) against `x` (on a square-root scale).
fn panel(cx: &ExportContext<'_>, who: &[usize], x: &dyn Fn(usize) -> f64, x_label: &str) -> String {
    let r = cx.view.perception();
    let acc = |p: usize| r.and_then(|r| r.accuracy[p]);
    let max_x = who.iter().map(|&p| x(p)).fold(1.0, f64::max);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let (y_lo, y_hi) = (-0.2, 1.0);
    let px = |v: f64| LEFT + (v / max_x).sqrt() * pw;
    let py = |v: f64| TOP + (1.0 - (v.clamp(y_lo, y_hi) - y_lo) / (y_hi - y_lo)) * ph;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"perception accuracy against {}\">",
        html(x_label)
    );
    let _ = write!(
        svg,
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#999\"/>"
    );
    for tick in [0.0, 0.5, 1.0] {
        let y = py(tick);
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{tick}</text>",
            LEFT + pw,
            LEFT - 6.0,
            y + 4.0
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text><text x=\"14\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {})\">accuracy (kappa)</text><text x=\"{LEFT}\" y=\"{}\" font-size=\"11\">0</text><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
        LEFT + pw / 2.0,
        H - 8.0,
        html(x_label),
        TOP + ph / 2.0,
        TOP + ph / 2.0,
        TOP + ph + 16.0,
        LEFT + pw,
        TOP + ph + 16.0,
        max_x
    );
    for &p in who {
        let Some(a) = acc(p) else { continue };
        let role = cx.view.roles()[p];
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{}\" fill-opacity=\"0.75\"><title>{} ({}): accuracy {a:.2}</title></circle>",
            px(x(p)),
            py(a),
            style::hex(role),
            html(&cx.view.label(p)),
            role.as_str()
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The report's section "Who sees the informal network"; nothing without perceptions.
pub fn report(cx: &ExportContext<'_>, page: &mut String) {
    let view = &cx.view;
    let Some(r) = view.perception() else {
        return;
    };
    let who = perceivers(view, r);
    let mean_acc = mean(who.iter().filter_map(|&p| r.accuracy[p]));
    let _ = write!(
        page,
        "<section><h2 id=\"perceptions\">Who sees the informal network</h2>\n<p>{} people said who they believe goes to whom. Their accuracy is Cohen's kappa of what they believe against what the surveys say (1: they see the network as it is; 0: no better than guessing at the right density){}.</p>\n",
        who.len(),
        mean_acc.map_or(String::new(), |m| format!("; on average {m:.2}"))
    );
    if !r.power.is_empty() {
        page.push_str("<ul>");
        for t in &r.power {
            let what = match t.power {
                "formal_reach" => "formal reach (people under them)",
                "level" => "level (0 at the top)",
                _ => "influence (colleagues who go to them)",
            };
            let _ = match (t.spearman, t.p_value) {
                (Some(s), Some(p)) => write!(
                    page,
                    "<li>Accuracy and {what}: Spearman {s:+.2}, permutation {} ({} perceivers).</li>",
                    html(&p_text(p)),
                    t.perceivers
                ),
                _ => write!(
                    page,
                    "<li>Accuracy and {what}: does not vary, not measured.</li>"
                ),
            };
        }
        page.push_str("</ul>\n");
    }
    let reach = &view.metrics().formal.formal_reach;
    let inf = &view.metrics().combined.in_degree;
    page.push_str("<figure style=\"display:flex;flex-wrap:wrap;gap:12px\">");
    page.push_str(&panel(
        cx,
        &who,
        &|p| f64::from(reach[p]),
        "formal reach (people under them)",
    ));
    page.push_str(&panel(
        cx,
        &who,
        &|p| f64::from(inf[p]),
        "influence (colleagues who go to them)",
    ));
    page.push_str("<figcaption>Each dot is a person who said who goes to whom, coloured by role. Right: more formal power (first chart) or more influence (second chart); up: a more accurate view.</figcaption></figure>\n");
    let blind: Vec<_> = view
        .findings()
        .iter()
        .filter(|f| matches!(f.kind, "blind-spot" | "unseen-leader" | "over-rated"))
        .collect();
    if blind.is_empty() {
        page.push_str("<p>No manager misses an informal leader of their own team, and no informal leader goes unseen.</p>\n");
    } else {
        page.push_str("<table><thead><tr><th>Finding</th><th>Severity</th><th>What</th></tr></thead><tbody>\n");
        for f in blind {
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                f.kind,
                f.severity.as_str(),
                view.sentence_html(&f.summary)
            );
        }
        page.push_str("</tbody></table>\n");
    }
    page.push_str("</section>\n");
}
