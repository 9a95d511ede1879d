//! The group-to-group influence map of `report.html`, as inline SVG: one disc per group of
//! the group matrix (departments, or the `--group-by` groups), its area by people and its
//! dark slice the share of the group's ties that stay inside it; one arc per direction between
//! two groups, its width by the influence ties from one to the other, an arrowhead at the
//! group named. Laid out by [`ring`](super::ring): the groups on a circle, tied groups side
//! by side.
//!
//! Readable at any size, because what is drawn is bounded: the groups are the matrix's
//! ([`DepartmentGroups`](crate::export::DepartmentGroups)): at most
//! [`MAX_GROUPS`] nodes, the largest groups of at least `--min-group-size` people, the
//! others one "other …" node (or, together still too small, left out); and an arc is drawn
//! only when it carries at least [`MIN_EDGE_SHARE`] of the ties between the groups drawn
//! or is its group's strongest tie out, so at most 100 + 24 arcs. The caption says what was merged, left out and not drawn.

use std::fmt::Write as _;

use super::ring::{self, RingLayout};
use super::sections::pct;
use crate::export::context::ExportContext;
use crate::export::view::groups::{DepartmentGroups, MAX_GROUPS};
use crate::text::{count, float, html};

/// An arc is drawn when it carries at least this share of the ties between the groups
/// drawn.
pub const MIN_EDGE_SHARE: f64 = 0.01;

const W: f64 = 960.0;
const H: f64 = 620.0;
const RING: f64 = 210.0;
/// The widest arc, for the pair with most ties; the thinnest.
const MAX_WIDTH: f64 = 8.0;
const MIN_WIDTH: f64 = 0.8;
/// How far an arc bends from the straight line, as a share of its length.
const BEND: f64 = 0.16;
/// Group names on the map are cut to this many characters (the key below has them whole).
const LABEL_CHARS: usize = 32;
/// A disc's ground; the slice of ties that stay inside is the accent colour.
const LIGHT: &str = "#d6e6f2";

/// What the map draws from the group matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMap {
    /// Ties that stay inside each group.
    pub inside: Vec<usize>,
    /// Ties from each group, inside included.
    pub out: Vec<usize>,
    /// The arcs drawn: (from, to, ties), fewest ties first (so the strongest are drawn on
    /// top), then by groups.
    pub arcs: Vec<(usize, usize, usize)>,
    /// Ties between two different groups drawn.
    pub between: usize,
    /// Ordered pairs of different groups with at least one tie.
    pub pairs: usize,
    /// Of those, the pairs not drawn (below [`MIN_EDGE_SHARE`], not their group's
    /// strongest) and their ties.
    pub dropped_pairs: usize,
    pub dropped_ties: usize,
}

/// The arcs of matrix `m` (ties from row group to column group) worth drawing: every
/// ordered pair of different groups carrying at least [`MIN_EDGE_SHARE`] of the ties
/// between groups, and each group's strongest tie out (so every group with ties out shows
/// where most of them go).
pub fn group_map(m: &[Vec<usize>]) -> GroupMap {
    let k = m.len();
    let between: usize = (0..k)
        .map(|a| (0..k).filter(|&b| b != a).map(|b| m[a][b]).sum::<usize>())
        .sum();
    let mut map = GroupMap {
        inside: (0..k).map(|a| m[a][a]).collect(),
        out: m.iter().map(|row| row.iter().sum()).collect(),
        arcs: Vec::new(),
        between,
        pairs: 0,
        dropped_pairs: 0,
        dropped_ties: 0,
    };
    for (a, row) in m.iter().enumerate() {
        // The group's strongest tie out (the first such group when several are).
        let strongest = (0..k)
            .filter(|&b| b != a && row[b] > 0)
            .max_by(|&x, &y| row[x].cmp(&row[y]).then(y.cmp(&x)));
        for (b, &t) in row.iter().enumerate() {
            if a == b || t == 0 {
                continue;
            }
            map.pairs += 1;
            if t as f64 >= MIN_EDGE_SHARE * between as f64 || Some(b) == strongest {
                map.arcs.push((a, b, t));
            } else {
                map.dropped_pairs += 1;
                map.dropped_ties += t;
            }
        }
    }
    map.arcs.sort_by_key(|&(a, b, t)| (t, a, b));
    map
}

/// The map's section.
pub fn map(cx: &ExportContext<'_>, page: &mut String) {
    let g = &cx.group_matrix;
    let grouping = cx.view.grouping();
    let plural = html(&grouping.plural());
    let by = if grouping.is_department {
        "department".to_string()
    } else {
        html(&grouping.attribute)
    };
    let _ = writeln!(
        page,
        "<h2 id=\"map\">The map: who goes to whom, by {by}</h2>\n<p class=\"note\">One disc per group, its area in proportion to its people, numbered as in the matrix below; its dark slice is the share of its people's influence ties that stay inside it. One arc per direction between two groups, thicker for more ties, the arrow pointing at the group whose people are named. Groups that seek each other out most are placed side by side. Hover a disc or an arc for its numbers.</p>"
    );
    if g.len() < 2 {
        let _ = writeln!(
            page,
            "<p>Fewer than two {plural} are large enough to draw.</p>"
        );
        return;
    }
    let m = g.influence_matrix(&cx.view);
    let gm = group_map(&m);
    let ties: Vec<Vec<u64>> = m
        .iter()
        .map(|row| row.iter().map(|&t| t as u64).collect())
        .collect();
    let order = ring::circular_order(&ties);
    let layout = ring::ring_layout(&g.sizes, &order, W / 2.0, H / 2.0, RING);
    page.push_str("<figure>");
    svg(g, &gm, &layout, &plural, page);
    let _ = write!(
        page,
        "<figcaption>{}</figcaption><div class=\"legend\">",
        caption(cx, g, &gm, &plural)
    );
    for i in 0..g.len() {
        let _ = write!(
            page,
            "<span><strong>{}</strong> {} · {} · {} inside</span>",
            i + 1,
            html(&g.names[i]),
            count(g.sizes[i], "person", "people"),
            inside_share(&gm, i).map_or("no ties".to_string(), pct)
        );
    }
    page.push_str("</div></figure>\n");
}

fn inside_share(gm: &GroupMap, i: usize) -> Option<f64> {
    (gm.out[i] > 0).then(|| gm.inside[i] as f64 / gm.out[i] as f64)
}

/// What the map merged, left out and did not draw, in words (HTML).
fn caption(cx: &ExportContext<'_>, g: &DepartmentGroups, gm: &GroupMap, plural: &str) -> String {
    let min = cx.options.output.min_group_size.max(1);
    let mut text = format!(
        "{} drawn, each of at least {min} people (<code>--min-group-size</code>), at most {MAX_GROUPS}.",
        count(g.len(), "group", "groups")
    );
    if g.merged > 0 {
        let last = g.len() - 1;
        let _ = write!(
            text,
            " “{}” is one disc for {} {plural} of fewer than {min} people or beyond the {} largest ({}).",
            html(&g.names[last]),
            g.merged,
            MAX_GROUPS - 1,
            count(g.sizes[last], "person", "people")
        );
    }
    if g.suppressed > 0 {
        let _ = write!(
            text,
            " {} in {plural} too small to show even together {} left out.",
            count(g.suppressed, "person", "people"),
            if g.suppressed == 1 { "is" } else { "are" }
        );
    }
    if gm.pairs == 0 {
        text.push_str(" No influence tie runs between two groups drawn.");
    } else if gm.dropped_pairs == 0 {
        let _ = write!(
            text,
            " Every pair of groups with ties between them has its arc ({}, {} between groups).",
            count(gm.arcs.len(), "arc", "arcs"),
            count(gm.between, "tie", "ties")
        );
    } else {
        let _ = write!(
            text,
            " {} of {} pairs of groups with ties between them are drawn: those carrying at least {} of the {} between groups, and each group's strongest tie out; the other {} ({}, {} of them) are not.",
            gm.arcs.len(),
            gm.pairs,
            pct(MIN_EDGE_SHARE),
            count(gm.between, "tie", "ties"),
            gm.dropped_pairs,
            count(gm.dropped_ties, "tie", "ties"),
            pct_fine(gm.dropped_ties as f64 / gm.between as f64)
        );
    }
    text
}

fn n(x: f64) -> String {
    float((x * 10.0).round() / 10.0)
}

fn svg(g: &DepartmentGroups, gm: &GroupMap, l: &RingLayout, plural: &str, page: &mut String) {
    let _ = write!(
        page,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="map-title"><title id="map-title">Influence ties between {plural}: one disc per group, one arc per direction</title>"#
    );
    let strongest = gm.arcs.iter().map(|a| a.2).max().unwrap_or(1).max(1) as f64;
    for &(a, b, t) in &gm.arcs {
        let width = MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * t as f64 / strongest;
        let share = t as f64 / gm.between as f64;
        let _ = write!(
            page,
            "<g><title>{} → {}: {} ({} of the ties between groups)</title>",
            html(&g.names[a]),
            html(&g.names[b]),
            count(t, "influence tie", "influence ties"),
            pct_fine(share)
        );
        arc(l, a, b, width, page);
        page.push_str("</g>");
    }
    for i in 0..g.len() {
        let share = inside_share(gm, i);
        let _ = write!(
            page,
            r##"<g><title>{} · {} · {}</title><circle cx="{}" cy="{}" r="{}" fill="{LIGHT}" stroke="#0072b2" stroke-width="1.4"/>"##,
            html(&g.names[i]),
            count(g.sizes[i], "person", "people"),
            match share {
                Some(s) => format!(
                    "{} of {} from them stay inside ({})",
                    gm.inside[i],
                    count(gm.out[i], "tie", "ties"),
                    pct(s)
                ),
                None => "no influence ties from them".to_string(),
            },
            n(l.x[i]),
            n(l.y[i]),
            n(l.r[i]),
        );
        slice(l.x[i], l.y[i], l.r[i], share.unwrap_or(0.0), page);
        page.push_str("</g>");
    }
    labels(g, l, page);
    page.push_str("</svg>");
}

/// The slice of a disc for `share` of it, from the top clockwise, in the accent colour.
fn slice(x: f64, y: f64, r: f64, share: f64, page: &mut String) {
    if share <= 0.0 {
        return;
    }
    if share >= 0.999 {
        let _ = write!(
            page,
            r##"<circle cx="{}" cy="{}" r="{}" fill="#0072b2"/>"##,
            n(x),
            n(y),
            n(r)
        );
        return;
    }
    let theta = -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * share;
    let _ = write!(
        page,
        r##"<path d="M{} {}L{} {}A{} {} 0 {} 1 {} {}Z" fill="#0072b2"/>"##,
        n(x),
        n(y),
        n(x),
        n(y - r),
        n(r),
        n(r),
        u8::from(share > 0.5),
        n(x + r * theta.cos()),
        n(y + r * theta.sin())
    );
}

/// A share to one decimal: "0.4 %".
fn pct_fine(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

/// The arc from group `a` to group `b`: a quadratic curve bent to its right (so the two
/// directions of a pair are two arcs), leaving `a`'s disc and ending at `b`'s in an
/// arrowhead, both along the curve's tangent.
fn arc(l: &RingLayout, a: usize, b: usize, width: f64, page: &mut String) {
    let (sx, sy, tx, ty) = (l.x[a], l.y[a], l.x[b], l.y[b]);
    let (dx, dy) = (tx - sx, ty - sy);
    let len = dx.hypot(dy).max(1e-9);
    let (qx, qy) = (
        (sx + tx) / 2.0 - dy / len * BEND * len,
        (sy + ty) / 2.0 + dx / len * BEND * len,
    );
    let toward = |fx: f64, fy: f64, r: f64| {
        let (ux, uy) = (qx - fx, qy - fy);
        let d = ux.hypot(uy).max(1e-9);
        (fx + ux / d * r, fy + uy / d * r, ux / d, uy / d)
    };
    let (x0, y0, _, _) = toward(sx, sy, l.r[a]);
    let (tipx, tipy, ux, uy) = toward(tx, ty, l.r[b]);
    let head = 5.0 + 1.3 * width;
    let (bx, by) = (tipx + ux * head, tipy + uy * head);
    let half = head * 0.55;
    let _ = write!(
        page,
        r##"<path d="M{} {}Q{} {} {} {}" fill="none" stroke="#0072b2" stroke-opacity="0.5" stroke-width="{}"/><polygon points="{},{} {},{} {},{}" fill="#0072b2" fill-opacity="0.75"/>"##,
        n(x0),
        n(y0),
        n(qx),
        n(qy),
        n(bx),
        n(by),
        n(width),
        n(tipx),
        n(tipy),
        n(bx - uy * half),
        n(by + ux * half),
        n(bx + uy * half),
        n(by - ux * half)
    );
}

/// A box on the canvas: left, top, right, bottom.
type LabelBox = (f64, f64, f64, f64);

fn overlaps(a: &LabelBox, b: &LabelBox) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Each group's number and name outside its disc, pushed further out when it would cover
/// another label or disc; the number alone when no place is free.
fn labels(g: &DepartmentGroups, l: &RingLayout, page: &mut String) {
    let mut taken: Vec<LabelBox> = (0..g.len())
        .map(|i| {
            (
                l.x[i] - l.r[i],
                l.y[i] - l.r[i],
                l.x[i] + l.r[i],
                l.y[i] + l.r[i],
            )
        })
        .collect();
    for i in 0..g.len() {
        let name: String = if g.names[i].chars().count() > LABEL_CHARS {
            let cut: String = g.names[i].chars().take(LABEL_CHARS - 1).collect();
            format!("{cut}…")
        } else {
            g.names[i].clone()
        };
        let long = format!("{} · {name}", i + 1);
        let short = (i + 1).to_string();
        let candidates = (0..4)
            .map(|step| (long.as_str(), step))
            .chain(std::iter::once((short.as_str(), 0)));
        let mut chosen = None;
        for (text, step) in candidates {
            let spot = label_spot(l, i, text, step);
            if !taken.iter().any(|b| overlaps(b, &spot.3)) {
                chosen = Some((text, spot));
                break;
            }
        }
        let (text, (x, y, anchor, bx)) =
            chosen.unwrap_or_else(|| (short.as_str(), label_spot(l, i, &short, 0)));
        taken.push(bx);
        let _ = write!(
            page,
            r##"<text x="{}" y="{}" font-size="12" fill="#1d2630" text-anchor="{anchor}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            n(x),
            n(y),
            html(text)
        );
    }
}

/// Where group `i`'s label goes, `step` places out from its disc: the text's anchor point,
/// its anchoring and its box (text about 6.6 px a character, 12 px high), kept on the
/// canvas.
fn label_spot(
    l: &RingLayout,
    i: usize,
    text: &str,
    step: usize,
) -> (f64, f64, &'static str, LabelBox) {
    let (c, s) = (l.angle[i].cos(), l.angle[i].sin());
    let d = l.r[i] + 8.0 + 14.0 * step as f64;
    let (px, py) = (l.x[i] + c * d, l.y[i] + s * d);
    let w = 6.6 * text.chars().count() as f64;
    let (anchor, left) = if c > 0.3 {
        ("start", px)
    } else if c < -0.3 {
        ("end", px - w)
    } else {
        ("middle", px - w / 2.0)
    };
    let left = left.clamp(4.0, W - 4.0 - w);
    let x = match anchor {
        "start" => left,
        "end" => left + w,
        _ => left + w / 2.0,
    };
    // The baseline: below the point when the label is above the disc, and so on.
    let y = (py + 4.0 + 6.0 * s).clamp(14.0, H - 4.0);
    (x, y, anchor, (left, y - 11.0, left + w, y + 3.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arcs_below_the_share_are_dropped_and_counted() {
        // Three groups: 0 → 1 carries 200 ties, 1 → 0 carries 100, 2 → 0 one, 0 → 2 none;
        // 1,000 ties stay inside group 0.
        let m = vec![vec![1000, 200, 0], vec![100, 50, 5], vec![1, 0, 7]];
        let gm = group_map(&m);
        assert_eq!(gm.between, 306);
        assert_eq!(gm.pairs, 4);
        // 1 % of 306 is 3.06: the pair of 1 tie is below, but it is group 2's strongest
        // tie out, so it is drawn.
        assert_eq!(gm.arcs, [(2, 0, 1), (1, 2, 5), (1, 0, 100), (0, 1, 200)]);
        assert_eq!((gm.dropped_pairs, gm.dropped_ties), (0, 0));
        assert_eq!(gm.inside, [1000, 50, 7]);
        assert_eq!(gm.out, [1200, 155, 8]);
        // With 100 ties from group 2 to group 1 as well, 2 → 0 is no longer its strongest
        // and falls below 1 % of 406.
        let m = vec![vec![1000, 200, 0], vec![100, 50, 5], vec![1, 100, 7]];
        let gm = group_map(&m);
        assert_eq!(gm.arcs, [(1, 2, 5), (1, 0, 100), (2, 1, 100), (0, 1, 200)]);
        assert_eq!((gm.pairs, gm.dropped_pairs, gm.dropped_ties), (5, 1, 1));
    }

    #[test]
    fn at_most_a_hundred_arcs_and_one_per_group_are_drawn() {
        // 24 groups, every ordered pair with ties: no more than 1 / 1 % of them can pass
        // the share, and each group adds its strongest.
        let m: Vec<Vec<usize>> = (0..24)
            .map(|a| (0..24).map(|b| 10 + (a * 7 + b * 3) % 13).collect())
            .collect();
        let gm = group_map(&m);
        assert!(gm.arcs.len() <= 100 + 24);
        for a in 0..24 {
            assert!(
                gm.arcs.iter().any(|arc| arc.0 == a),
                "group {a} shows a tie out"
            );
        }
        assert_eq!(gm.pairs, 24 * 23);
        assert_eq!(gm.arcs.len() + gm.dropped_pairs, gm.pairs);
        let drawn: usize = gm.arcs.iter().map(|a| a.2).sum();
        assert_eq!(drawn + gm.dropped_ties, gm.between);
    }
}
