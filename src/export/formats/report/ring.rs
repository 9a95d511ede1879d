//! Where the report's group-to-group influence map puts its groups: on one circle, in an
//! order that keeps groups that seek each other out side by side, each a disc whose area
//! grows with its people, no two discs overlapping.
//!
//! Why a circle and not a force-directed layout: the map has at most
//! [`MAX_GROUPS`](crate::export::view::groups::MAX_GROUPS) nodes whose sizes differ by two
//! orders of magnitude, and between groups nearly every pair has some ties. A force layout
//! of such a dense weighted graph pulls everything into one knot around the largest groups,
//! where small discs hide behind large ones and labels pile up; on a circle every disc and
//! its label sit on the rim, clear of the edges, a pair's two directions are two separate
//! arcs, and overlap is ruled out by construction. What a force layout would add — tied
//! groups near each other — comes from the order: a weighted circular arrangement
//! (minimise the sum over pairs of ties × distance along the circle, so the heaviest pairs
//! sit next to each other and their arcs are short and cross few others), built greedily
//! and improved by swaps. Integer weights and fixed tie-breaking make it deterministic:
//! the same ties give the same picture. Cost: O(k⁴) per pass of swaps for k ≤ 24 groups,
//! nothing next to the analysis.

use std::collections::VecDeque;
use std::f64::consts::PI;

/// The largest disc's radius, before shrinking to fit the circle.
pub const MAX_RADIUS: f64 = 42.0;
/// No disc is drawn smaller than this, whatever its people (so a small group stays visible).
pub const MIN_RADIUS: f64 = 4.0;
/// The least room between two discs.
pub const GAP: f64 = 6.0;
/// Passes of swaps at most when improving the order.
const PASSES: usize = 50;

/// Discs on a circle: centres and radii, indexed by group.
#[derive(Debug, Clone, PartialEq)]
pub struct RingLayout {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub r: Vec<f64>,
    /// Each group's angle on the circle (radians, clockwise from the right, as SVG's y
    /// grows down).
    pub angle: Vec<f64>,
}

/// The groups in circle order: the first group (the largest) first, then greedily the
/// group most tied to either end of the sequence, then pairs swapped while that lowers the
/// sum of ties × distance along the circle. `ties[a][b]` are the ties from group `a` to
/// group `b` (both directions count alike); the diagonal is ignored.
pub fn circular_order(ties: &[Vec<u64>]) -> Vec<usize> {
    let k = ties.len();
    if k <= 3 {
        // On a circle of three or fewer every group is next to every other.
        return (0..k).collect();
    }
    let mut seq: VecDeque<usize> = VecDeque::from([0]);
    let mut placed = vec![false; k];
    placed[0] = true;
    while seq.len() < k {
        let ends = [(seq[seq.len() - 1], false), (seq[0], true)];
        let mut best: Option<(u64, usize, bool)> = None;
        for v in (0..k).filter(|&v| !placed[v]) {
            for &(end, front) in &ends {
                let w = ties[v][end] + ties[end][v];
                if best.is_none_or(|(b, _, _)| w > b) {
                    best = Some((w, v, front));
                }
            }
        }
        let (_, v, front) = best.expect("an unplaced group");
        placed[v] = true;
        if front {
            seq.push_front(v);
        } else {
            seq.push_back(v);
        }
    }
    let mut order: Vec<usize> = seq.into();
    let mut cost = arrangement_cost(ties, &order);
    for _ in 0..PASSES {
        let mut improved = false;
        for a in 0..k {
            for b in a + 1..k {
                order.swap(a, b);
                let c = arrangement_cost(ties, &order);
                if c < cost {
                    cost = c;
                    improved = true;
                } else {
                    order.swap(a, b);
                }
            }
        }
        if !improved {
            break;
        }
    }
    // The largest group first (at the top), whatever the swaps did: the cost does not
    // change when the circle turns.
    let first = order.iter().position(|&g| g == 0).unwrap_or(0);
    order.rotate_left(first);
    order
}

/// Σ ties × distance along the circle (in places) over every pair, for groups in `order`.
pub fn arrangement_cost(ties: &[Vec<u64>], order: &[usize]) -> u64 {
    let k = order.len();
    let mut place = vec![0usize; k];
    for (i, &g) in order.iter().enumerate() {
        place[g] = i;
    }
    let mut cost = 0u64;
    for a in 0..k {
        for b in a + 1..k {
            let d = place[a].abs_diff(place[b]);
            let d = d.min(k - d) as u64;
            cost = cost.saturating_add((ties[a][b] + ties[b][a]).saturating_mul(d));
        }
    }
    cost
}

/// Lays out groups of `sizes` people around a circle of radius `ring` centred on
/// (`cx`, `cy`), in `order`: disc area in proportion to people (radius
/// [`MAX_RADIUS`] for the largest, at least [`MIN_RADIUS`]), every disc at least [`GAP`]
/// from the next, the room left shared out evenly. When the discs do not fit, all shrink
/// alike (so areas stay in proportion above the minimum). Two groups sit left and right,
/// more start at the top and go clockwise.
pub fn ring_layout(sizes: &[usize], order: &[usize], cx: f64, cy: f64, ring: f64) -> RingLayout {
    let k = sizes.len();
    let largest = sizes.iter().copied().max().unwrap_or(1).max(1) as f64;
    let mut scale = MAX_RADIUS;
    loop {
        let r: Vec<f64> = sizes
            .iter()
            .map(|&s| (scale * (s as f64 / largest).sqrt()).max(MIN_RADIUS))
            .collect();
        if let Some(layout) = place(&r, order, cx, cy, ring) {
            return layout;
        }
        if scale <= MIN_RADIUS {
            // Even the smallest discs do not fit: place them evenly and small.
            let r = vec![MIN_RADIUS.min(ring * PI / k.max(1) as f64 / 2.0); k];
            return place_evenly(&r, order, cx, cy, ring);
        }
        scale = (scale * 0.9).max(MIN_RADIUS);
    }
}

/// The discs of radii `r` on the circle in `order`, or `None` when they do not fit apart.
fn place(r: &[f64], order: &[usize], cx: f64, cy: f64, ring: f64) -> Option<RingLayout> {
    let k = order.len();
    if k < 2 {
        return Some(place_evenly(r, order, cx, cy, ring));
    }
    // The angle each neighbouring pair needs for its discs to stand GAP apart.
    let need: Vec<f64> = (0..k)
        .map(|i| {
            let (a, b) = (order[i], order[(i + 1) % k]);
            let half = (r[a] + r[b] + GAP) / (2.0 * ring);
            if half >= 1.0 {
                f64::INFINITY
            } else {
                2.0 * half.asin()
            }
        })
        .collect();
    let total: f64 = need.iter().sum();
    if total > 2.0 * PI {
        return None;
    }
    let extra = (2.0 * PI - total) / k as f64;
    let mut layout = RingLayout {
        x: vec![0.0; k],
        y: vec![0.0; k],
        r: r.to_vec(),
        angle: vec![0.0; k],
    };
    let mut theta = start_angle(k);
    for (i, &g) in order.iter().enumerate() {
        set(&mut layout, g, theta, cx, cy, ring);
        theta += need[i] + extra;
    }
    no_overlap(&layout).then_some(layout)
}

/// Equal angles for every group, whatever its disc.
fn place_evenly(r: &[f64], order: &[usize], cx: f64, cy: f64, ring: f64) -> RingLayout {
    let k = order.len();
    let mut layout = RingLayout {
        x: vec![0.0; k],
        y: vec![0.0; k],
        r: r.to_vec(),
        angle: vec![0.0; k],
    };
    for (i, &g) in order.iter().enumerate() {
        let theta = start_angle(k) + 2.0 * PI * i as f64 / k.max(1) as f64;
        set(&mut layout, g, theta, cx, cy, ring);
    }
    layout
}

fn start_angle(k: usize) -> f64 {
    if k == 2 { PI } else { -PI / 2.0 }
}

fn set(layout: &mut RingLayout, g: usize, theta: f64, cx: f64, cy: f64, ring: f64) {
    layout.angle[g] = theta;
    layout.x[g] = cx + ring * theta.cos();
    layout.y[g] = cy + ring * theta.sin();
}

/// Whether every two discs stand at least [`GAP`] apart (less a rounding allowance).
pub fn no_overlap(layout: &RingLayout) -> bool {
    let k = layout.r.len();
    (0..k).all(|a| {
        (a + 1..k).all(|b| {
            let d = (layout.x[a] - layout.x[b]).hypot(layout.y[a] - layout.y[b]);
            d + 1e-6 >= layout.r[a] + layout.r[b] + GAP * 0.5
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Symmetric ties of `k` groups from (a, b, ties) triples.
    fn ties(k: usize, pairs: &[(usize, usize, u64)]) -> Vec<Vec<u64>> {
        let mut w = vec![vec![0; k]; k];
        for &(a, b, t) in pairs {
            w[a][b] += t;
            w[b][a] += t;
        }
        w
    }

    #[test]
    fn tied_groups_end_up_side_by_side() {
        // Two cliques {0, 2, 4} and {1, 3, 5}, numbered alternately; a weak tie between.
        let w = ties(
            6,
            &[
                (0, 2, 50),
                (2, 4, 50),
                (0, 4, 50),
                (1, 3, 50),
                (3, 5, 50),
                (1, 5, 50),
                (4, 1, 1),
            ],
        );
        let order = circular_order(&w);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4, 5], "each group once");
        assert_eq!(order[0], 0, "the largest at the top");
        // Each clique holds three neighbouring places.
        let place = |g: usize| order.iter().position(|&x| x == g).unwrap();
        for clique in [[0, 2, 4], [1, 3, 5]] {
            for a in clique {
                for b in clique {
                    let d = place(a).abs_diff(place(b));
                    assert!(d.min(6 - d) <= 2, "{order:?}");
                }
            }
        }
        // Better than the numbering's order, which alternates the cliques.
        assert!(arrangement_cost(&w, &order) < arrangement_cost(&w, &[0, 1, 2, 3, 4, 5]));
        // The same ties, the same order.
        assert_eq!(circular_order(&w), order);
    }

    #[test]
    fn discs_do_not_overlap_and_sit_on_the_circle() {
        // 24 groups from 12,000 people down to 5: the large discs shrink to fit.
        let sizes: Vec<usize> = (0..24).map(|i| 12_000 / (i + 1) + 5).collect();
        let order: Vec<usize> = (0..24).collect();
        let (cx, cy, ring) = (480.0, 310.0, 215.0);
        let l = ring_layout(&sizes, &order, cx, cy, ring);
        assert!(no_overlap(&l));
        for g in 0..24 {
            let d = (l.x[g] - cx).hypot(l.y[g] - cy);
            assert!((d - ring).abs() < 1e-9, "on the circle");
            assert!(l.r[g] >= MIN_RADIUS && l.r[g] <= MAX_RADIUS);
            assert!(l.x[g] - l.r[g] >= cx - ring - MAX_RADIUS);
            assert!(l.y[g] + l.r[g] <= cy + ring + MAX_RADIUS);
        }
        // Area in proportion to people above the minimum.
        let area = |g: usize| l.r[g] * l.r[g];
        assert!((area(0) / area(1) - sizes[0] as f64 / sizes[1] as f64).abs() < 1e-9);
        // Deterministic.
        assert_eq!(ring_layout(&sizes, &order, cx, cy, ring), l);
    }

    #[test]
    fn crowded_circles_still_do_not_overlap() {
        // 24 equal groups on a small circle: every disc shrinks alike.
        let sizes = vec![100; 24];
        let order: Vec<usize> = (0..24).collect();
        let l = ring_layout(&sizes, &order, 100.0, 100.0, 90.0);
        assert!(no_overlap(&l));
        assert!(l.r.iter().all(|&r| r == l.r[0]) && l.r[0] < MAX_RADIUS);
        // Two groups sit left and right of the centre.
        let l = ring_layout(&[10, 5], &[0, 1], 100.0, 100.0, 50.0);
        assert!(l.x[0] < 100.0 && l.x[1] > 100.0 && (l.y[0] - l.y[1]).abs() < 1e-9);
    }
}
