//! The quadrant chart of the report, as inline SVG: formal power (x) against influence
//! (y). People without formal power sit in the left strip; people with formal power are
//! placed by formal reach on a log scale. Influence is distinct nominators; the dashed line
//! is the high-influence bar. So the four corners are the four roles: informal leaders top
//! left, leader-managers top right, managers bottom right, contributors bottom left.

use std::fmt::Write as _;

use super::super::format::{float, html};
use super::super::{Context, style};
use crate::classify::{Role, ranking};

const W: f64 = 960.0;
const H: f64 = 440.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 52.0;
/// The strip for people without formal power, as a share of the plot's width.
const STRIP: f64 = 0.22;
/// At most this many points are drawn; the rest of the contributors are sampled.
pub const MAX_POINTS: usize = 4000;
/// Informal leaders labelled by name on the chart.
const LABELS: usize = 12;

fn n(x: f64) -> String {
    float((x * 10.0).round() / 10.0)
}

/// The chart and a sentence on what it shows.
pub fn quadrant(cx: &Context<'_>) -> (String, String) {
    let a = cx.analysis;
    let cls = &a.classification;
    let reach = &a.metrics.formal.formal_reach;
    let inf = &a.metrics.combined.in_degree;
    let people = drawn(cx);
    let max_reach = reach.iter().copied().max().unwrap_or(0).max(1) as f64;
    let max_in = inf.iter().copied().max().unwrap_or(0).max(1) as f64;
    let y_top = (max_in * 1.08).ceil().max(4.0);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let strip = pw * STRIP;
    let px = |p: usize| {
        if !cls.formal_power[p] {
            // Spread the strip deterministically (golden-ratio sequence), so points do not
            // hide each other.
            let j = (cx.view.rank()[p] as f64 * 0.618_033_988_75).fract();
            LEFT + 8.0 + j * (strip - 16.0)
        } else {
            let t = (1.0 + reach[p] as f64).ln() / (1.0 + max_reach).ln();
            LEFT + strip + 14.0 + t * (pw - strip - 28.0)
        }
    };
    let py = |v: f64| TOP + ph - v / y_top * ph;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="quadrant-title"><title id="quadrant-title">Formal power against influence, one dot per person</title>"#
    );
    axes(&mut svg, cx, strip, y_top, max_reach, &py);
    let labelled: Vec<usize> = ranking(inf, &a.metrics.combined.pagerank)
        .into_iter()
        .filter(|&p| cls.role[p] == Role::InformalLeader)
        .take(LABELS)
        .collect();
    // Contributors first, so the roles that matter are drawn on top.
    let mut order = people.clone();
    order.sort_by_key(|&p| {
        (
            cls.role[p] != Role::Contributor,
            cls.role[p] == Role::InformalLeader,
        )
    });
    for p in order {
        let role = cls.role[p];
        let r = if role == Role::Contributor { 3.2 } else { 4.6 };
        let _ = write!(
            svg,
            r##"<circle cx="{}" cy="{}" r="{r}" fill="{}" fill-opacity="0.82" stroke="#ffffff" stroke-width="0.8"><title>{} · {} · nominated by {} · formal reach {}</title></circle>"##,
            n(px(p)),
            n(py(inf[p] as f64)),
            style::hex(role),
            html(cx.view.label(p)),
            role.as_str(),
            inf[p],
            reach[p]
        );
    }
    corner_labels(&mut svg, cx, &py);
    for p in labelled {
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="11" fill="#7a3500" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            n(px(p) + 7.0),
            n(py(inf[p] as f64) + 4.0),
            html(cx.view.label(p))
        );
    }
    svg.push_str("</svg>");
    let total = a.dataset.people.len();
    let caption = if people.len() < total {
        format!(
            "Showing {} of {total} people: everyone with formal power or high influence, and an even sample of the contributors.",
            people.len()
        )
    } else {
        format!("One dot per person ({total}). Hover a dot for the person.")
    };
    (svg, caption)
}

/// Everyone, or (in a large organisation) everyone but a sample of the contributors.
fn drawn(cx: &Context<'_>) -> Vec<usize> {
    let role = &cx.analysis.classification.role;
    let order = cx.view.order();
    if order.len() <= MAX_POINTS {
        return order.to_vec();
    }
    let mut keep: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&p| role[p] != Role::Contributor)
        .collect();
    keep.truncate(MAX_POINTS);
    let contributors: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&p| role[p] == Role::Contributor)
        .collect();
    let room = MAX_POINTS - keep.len();
    if room > 0 && !contributors.is_empty() {
        let step = contributors.len().div_ceil(room);
        keep.extend(contributors.into_iter().step_by(step.max(1)));
    }
    keep
}

fn axes(
    svg: &mut String,
    cx: &Context<'_>,
    strip: f64,
    y_top: f64,
    max_reach: f64,
    py: &dyn Fn(f64) -> f64,
) {
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let _ = write!(
        svg,
        r##"<rect x="{LEFT}" y="{TOP}" width="{}" height="{ph}" fill="#fbfcfd" stroke="#d9dee4"/><rect x="{LEFT}" y="{TOP}" width="{}" height="{ph}" fill="#f3f5f7"/>"##,
        n(pw),
        n(strip)
    );
    // y ticks: about five round steps.
    let step = nice_step(y_top / 5.0);
    let mut v = 0.0;
    while v <= y_top + 1e-9 {
        let y = py(v);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" x2="{}" y1="{y}" y2="{y}" stroke="#e6e9ed"/><text x="{}" y="{}" font-size="11" fill="#5b6673" text-anchor="end">{}</text>"##,
            n(LEFT + pw),
            n(LEFT - 6.0),
            n(y + 4.0),
            float(v),
            y = n(y)
        );
        v += step;
    }
    if let Some(bar) = cx.analysis.classification.rule.threshold {
        let y = n(py(bar as f64 - 0.5));
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" x2="{}" y1="{y}" y2="{y}" stroke="#d55e00" stroke-dasharray="6 4" stroke-width="1.4"/><text x="{}" y="{}" font-size="11" fill="#a04400" text-anchor="end">high-influence bar: {bar} nominators</text>"##,
            n(LEFT + pw - 6.0),
            n(LEFT + pw - 6.0),
            n(py(bar as f64 - 0.5) - 6.0)
        );
    }
    // x ticks on the formal side: 0, 1, 10, 100 … people under them.
    let mut r = 1.0;
    let span = pw - strip - 28.0;
    let mut ticks = vec![0.0];
    while r <= max_reach {
        ticks.push(r);
        r *= 10.0;
    }
    for t in ticks {
        let x = LEFT + strip + 14.0 + (1.0 + t).ln() / (1.0 + max_reach).ln() * span;
        let _ = write!(
            svg,
            r##"<line x1="{x}" x2="{x}" y1="{TOP}" y2="{}" stroke="#eef0f3"/><text x="{x}" y="{}" font-size="11" fill="#5b6673" text-anchor="middle">{}</text>"##,
            n(TOP + ph),
            n(TOP + ph + 16.0),
            float(t),
            x = n(x)
        );
    }
    let _ = write!(
        svg,
        r##"<text x="{}" y="{}" font-size="12" fill="#34404c" text-anchor="middle">no formal power</text><text x="{}" y="{}" font-size="12" fill="#34404c" text-anchor="middle">formal power: people under them (formal reach, log scale)</text><text transform="translate(16 {}) rotate(-90)" font-size="12" fill="#34404c" text-anchor="middle">influence: distinct people who nominate them</text>"##,
        n(LEFT + strip / 2.0),
        n(TOP + ph + 16.0),
        n(LEFT + strip + (pw - strip) / 2.0),
        n(H - 10.0),
        n(TOP + ph / 2.0)
    );
}

/// Names the four corners, over the dots (with a white halo so they stay legible).
fn corner_labels(svg: &mut String, cx: &Context<'_>, py: &dyn Fn(f64) -> f64) {
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    // The lower quadrants are named just under the bar, where no dot of theirs is higher.
    let below = cx
        .analysis
        .classification
        .rule
        .threshold
        .map_or(TOP + ph - 8.0, |bar| py(bar as f64 - 0.5) + 15.0);
    let labels = [
        (LEFT + 8.0, TOP + 16.0, "start", "INFORMAL LEADERS"),
        (LEFT + pw - 8.0, TOP + 16.0, "end", "LEADER-MANAGERS"),
        (LEFT + pw - 8.0, below, "end", "MANAGERS"),
        (LEFT + 8.0, below, "start", "CONTRIBUTORS"),
    ];
    for (x, y, anchor, text) in labels {
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="11" font-weight="700" fill="#8a939e" letter-spacing="1" stroke="#ffffff" stroke-width="3" paint-order="stroke" text-anchor="{anchor}">{text}</text>"##,
            n(x),
            n(y)
        );
    }
}

/// A round step (1, 2 or 5 times a power of ten) near `raw`.
fn nice_step(raw: f64) -> f64 {
    let raw = raw.max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}
