//! The quadrant chart of the report, as inline SVG: formal power (x) against influence
//! (y). People without formal power sit in the left strip; people with formal power are
//! placed by formal reach on a log scale. Influence is distinct nominators on a
//! square-root scale (so the many people with few nominations stay apart while the far
//! tail still fits); the dashed lines
//! are the high-influence bars: under the standing rule one across the strip (the bar for
//! people without formal power) and one across the rest (the bar for people with it),
//! under a rule with one bar one line across. So the four corners are the four roles:
//! informal leaders top left, leader-managers top right, managers bottom right,
//! contributors bottom left.

use std::fmt::Write as _;

use super::super::style;
use crate::classify::Role;
use crate::export::context::ExportContext;
use crate::text::{float, html};

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
pub fn quadrant(cx: &ExportContext<'_>) -> (String, String) {
    let (metrics, roles) = (cx.view.metrics(), cx.view.roles());
    let reach = &metrics.formal.formal_reach;
    let inf = &metrics.combined.in_degree;
    let people = drawn(cx);
    let max_reach = reach.iter().copied().max().unwrap_or(0).max(1) as f64;
    let max_in = inf.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let strip = pw * STRIP;
    let bars = bars(cx, strip);
    let bar = bars.iter().map(|b| f64::from(b.value)).fold(0.0, f64::max);
    // Head room above the highest dot and the bars, for the corner and bar labels.
    let y_top = (max_in.max(bar) * 1.3).ceil().max(4.0);
    let px = |p: usize| {
        if !cx.view.formal_power()[p] {
            // Spread the strip deterministically (golden-ratio sequence), so points do not
            // hide each other.
            let j = (cx.view.rank()[p] as f64 * 0.618_033_988_75).fract();
            LEFT + 8.0 + j * (strip - 16.0)
        } else {
            let t = (1.0 + reach[p] as f64).ln() / (1.0 + max_reach).ln();
            LEFT + strip + 14.0 + t * (pw - strip - 28.0)
        }
    };
    let py = |v: f64| TOP + ph - (v.max(0.0) / y_top).sqrt() * ph;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="quadrant-title"><title id="quadrant-title">Formal power against influence, one dot per person</title>"#
    );
    axes(&mut svg, &bars, strip, y_top, max_reach, &py);
    let labelled: Vec<usize> = cx
        .view
        .ranking()
        .iter()
        .copied()
        .filter(|&p| roles[p] == Role::InformalLeader)
        .take(LABELS)
        .collect();
    // Contributors first, so the roles that matter are drawn on top.
    let mut order = people.clone();
    order.sort_by_key(|&p| {
        (
            roles[p] != Role::Contributor,
            roles[p] == Role::InformalLeader,
        )
    });
    for p in order {
        let role = roles[p];
        let r = if role == Role::Contributor { 3.2 } else { 4.6 };
        let _ = write!(
            svg,
            r##"<circle cx="{}" cy="{}" r="{r}" fill="{}" fill-opacity="0.82" stroke="#ffffff" stroke-width="0.8"><title>{} · {} · nominated by {} · formal reach {}</title></circle>"##,
            n(px(p)),
            n(py(inf[p] as f64)),
            style::hex(role),
            html(&cx.view.label(p)),
            role.as_str(),
            inf[p],
            reach[p]
        );
    }
    corner_labels(&mut svg, &bars, &py);
    // Label the most nominated informal leaders, skipping a label that would overlap one
    // already placed (text about 6 px per character, 13 px high).
    let mut placed: Vec<(f64, f64, f64)> = Vec::new();
    for p in labelled {
        let (x, y) = (px(p) + 7.0, py(inf[p] as f64) + 4.0);
        let w = 6.2 * cx.view.label(p).chars().count() as f64;
        if placed
            .iter()
            .any(|&(x0, y0, w0)| (y - y0).abs() < 13.0 && x < x0 + w0 && x0 < x + w)
        {
            continue;
        }
        placed.push((x, y, w));
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="11" fill="#7a3500" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            n(x),
            n(y),
            html(&cx.view.label(p))
        );
    }
    svg.push_str("</svg>");
    let total = cx.view.people();
    let caption = if people.len() < total {
        format!(
            "Showing {} of {total} people: every informal leader and leader-manager, and an even sample of the managers and contributors.",
            people.len()
        )
    } else {
        format!("One dot per person ({total}). Hover a dot for the person.")
    };
    (svg, caption)
}

/// Everyone, or (in a large organisation) everyone but a sample of the contributors.
fn drawn(cx: &ExportContext<'_>) -> Vec<usize> {
    let role = cx.view.roles();
    let order = cx.view.order();
    if order.len() <= MAX_POINTS {
        return order.to_vec();
    }
    // Every leader (up to the cap), then even samples of the managers and the
    // contributors, sharing the room left.
    let of = |r: Role| -> Vec<usize> { order.iter().copied().filter(|&p| role[p] == r).collect() };
    let mut keep: Vec<usize> = of(Role::InformalLeader);
    keep.extend(of(Role::LeaderManager));
    keep.truncate(MAX_POINTS);
    let (managers, contributors) = (of(Role::Manager), of(Role::Contributor));
    let room = MAX_POINTS - keep.len();
    let for_managers = managers
        .len()
        .min(room / 2)
        .max(room.saturating_sub(contributors.len()));
    keep.extend(sample(&managers, for_managers));
    keep.extend(sample(&contributors, room - for_managers.min(room)));
    keep
}

/// About `k` of `people`, evenly spaced.
fn sample(people: &[usize], k: usize) -> Vec<usize> {
    if k == 0 {
        return Vec::new();
    }
    let step = people.len().div_ceil(k).max(1);
    people.iter().copied().step_by(step).collect()
}

/// The plot's background, ticks, bars and axis titles.
fn axes(
    svg: &mut String,
    bars: &[Bar],
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
    // y ticks at round values, at least 18 px apart on the square-root scale.
    let mut last = f64::INFINITY;
    for v in round_values(y_top) {
        let y = py(v);
        if last - y < 18.0 {
            continue;
        }
        last = y;
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" x2="{}" y1="{y}" y2="{y}" stroke="#e6e9ed"/><text x="{}" y="{}" font-size="11" fill="#5b6673" text-anchor="end">{}</text>"##,
            n(LEFT + pw),
            n(LEFT - 6.0),
            n(y + 4.0),
            float(v),
            y = n(y)
        );
    }
    for b in bars {
        draw_bar(svg, b, py);
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
        r##"<text x="{}" y="{}" font-size="12" fill="#34404c" text-anchor="middle">no formal power</text><text x="{}" y="{}" font-size="12" fill="#34404c" text-anchor="middle">formal power: people under them (formal reach, log scale)</text><text transform="translate(16 {}) rotate(-90)" font-size="12" fill="#34404c" text-anchor="middle">influence: distinct people who nominate them (√ scale)</text>"##,
        n(LEFT + strip / 2.0),
        n(TOP + ph + 16.0),
        n(LEFT + strip + (pw - strip) / 2.0),
        n(H - 10.0),
        n(TOP + ph / 2.0)
    );
}

/// A high-influence bar as drawn: its value, the stretch of the plot it spans and whose
/// bar it is.
struct Bar {
    value: u32,
    x1: f64,
    x2: f64,
    side: Side,
}

/// Whom a bar applies to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Everyone (a rule with one bar).
    Both,
    /// People without formal power (the strip).
    Strip,
    /// People with formal power.
    Formal,
}

/// The bars to draw: one across the plot for a rule with one bar; under the standing rule
/// one per formal standing that has people and a bar (the strip's, the rest's).
fn bars(cx: &ExportContext<'_>, strip: f64) -> Vec<Bar> {
    let rule = cx.view.rule();
    let pw = W - LEFT - RIGHT;
    if rule.groups.is_empty() {
        return rule
            .threshold
            .map(|value| Bar {
                value,
                x1: LEFT,
                x2: LEFT + pw,
                side: Side::Both,
            })
            .into_iter()
            .collect();
    }
    rule.groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.people > 0)
        .filter_map(|(i, g)| {
            let formal = i == 1;
            g.threshold.map(|value| Bar {
                value,
                x1: if formal { LEFT + strip } else { LEFT },
                x2: if formal { LEFT + pw } else { LEFT + strip },
                side: if formal { Side::Formal } else { Side::Strip },
            })
        })
        .collect()
}

fn draw_bar(svg: &mut String, b: &Bar, py: &dyn Fn(f64) -> f64) {
    let y = py(b.value as f64 - 0.5);
    let label = if b.side == Side::Strip {
        format!("bar: {} nominators", b.value)
    } else {
        format!("high-influence bar: {} nominators", b.value)
    };
    let _ = write!(
        svg,
        r##"<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="#d55e00" stroke-dasharray="6 4" stroke-width="1.4"/><text x="{}" y="{}" font-size="11" fill="#a04400" text-anchor="end">{label}</text>"##,
        n(b.x1),
        n(b.x2 - 6.0),
        n(b.x2 - 6.0),
        n(y - 6.0),
        y = n(y)
    );
}

/// Names the four corners, over the dots (with a white halo so they stay legible).
fn corner_labels(svg: &mut String, bars: &[Bar], py: &dyn Fn(f64) -> f64) {
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    // The lower quadrants are named just under their side's bar, where no dot of theirs is
    // higher.
    let below = |side: Side| {
        bars.iter()
            .find(|b| b.side == side || b.side == Side::Both)
            .map(|b| py(b.value as f64 - 0.5) + 15.0)
            .filter(|&y| y > TOP + 34.0)
            .unwrap_or(TOP + ph - 8.0)
    };
    let labels = [
        (LEFT + 8.0, TOP + 16.0, "start", "INFORMAL LEADERS"),
        (LEFT + pw - 8.0, TOP + 16.0, "end", "LEADER-MANAGERS"),
        (LEFT + pw - 8.0, below(Side::Formal), "end", "MANAGERS"),
        (LEFT + 8.0, below(Side::Strip), "start", "CONTRIBUTORS"),
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

/// 0, 1, 2, 5, 10, 20, 50 … up to `top`.
fn round_values(top: f64) -> Vec<f64> {
    let mut out = vec![0.0];
    let mut mag = 1.0;
    while mag <= top {
        for m in [1.0, 2.0, 5.0] {
            if m * mag <= top {
                out.push(m * mag);
            }
        }
        mag *= 10.0;
    }
    out
}
