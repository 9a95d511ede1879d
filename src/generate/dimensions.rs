//! `generate --dimensions`: leadership-dimension questions beside the sparse survey, with
//! each planted informal leader followed on **one** dimension only.
//!
//! Questions `example`, `future` and `energy` (leader dimensions) and `direction`. Drawn
//! after the advice and trust answers, from a generator of their own (seeded from the
//! spec's seed), so the other files are the same with or without `--dimensions`. The same
//! respondents answer (those who named nobody for advice name nobody here either):
//!
//! - each leader dimension: 0–2 names, from the same pools as advice (peers, own reports,
//!   the department, now and then another department, weighted by popularity), the own
//!   manager first with probability 0.3;
//! - planted leader number `k` (in person order) is followed on dimension `k mod 3`: an
//!   extra 3–8 times the typical number of nominators on that dimension (at least 2),
//!   70 % from their own department — the same pull as for advice;
//! - direction: the own manager with probability 0.9, else one colleague.
//!
//! `truth-dimensions.csv` lists each planted leader with their dimension.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::people::Org;
use super::survey::{by_department, colleague};
use crate::rng::SplitMix64;

/// The leader dimensions drawn, in the order leaders are given them.
pub const DIMENSIONS: [&str; 3] = ["example", "future", "energy"];
/// Mixed into the spec's seed for this generator.
const SALT: u64 = 0x6469_6d65_6e73_696f;

/// (respondent, nominee, weight) ties of one question.
type Ties = Vec<(usize, usize, u8)>;

/// The answers to the dimension questions.
pub struct DimensionAnswers {
    /// (question name, ties) for each leader dimension, then direction.
    pub questions: Vec<(&'static str, Ties)>,
    /// Each planted leader with the index of their dimension in [`DIMENSIONS`].
    pub planted: Vec<(usize, usize)>,
}

impl DimensionAnswers {
    pub fn nominations(&self) -> usize {
        self.questions.iter().map(|(_, t)| t.len()).sum()
    }
}

/// Draws the dimension questions; `answering` are the respondents who named someone for
/// advice.
pub fn answer(org: &Org, answering: &[bool], seed: u64) -> DimensionAnswers {
    let mut rng = SplitMix64::new(seed ^ SALT);
    let n = org.people.len();
    let members = by_department(org);
    let mut questions: Vec<(&'static str, Ties)> =
        DIMENSIONS.iter().map(|&d| (d, Vec::new())).collect();
    let mut direction = Vec::new();
    for r in (0..n).filter(|&r| answering[r]) {
        for (_, ties) in questions.iter_mut() {
            let want = rng.below(3) as usize;
            let mut named: Vec<usize> = Vec::new();
            if let Some(m) = org.people[r].manager
                && want > 0
                && rng.unit() < 0.3
            {
                named.push(m);
            }
            for _ in 0..want * 3 {
                if named.len() >= want {
                    break;
                }
                if let Some(x) =
                    colleague(org, &members, r, &mut rng).filter(|&x| x != r && !named.contains(&x))
                {
                    named.push(x);
                }
            }
            ties.extend(named.into_iter().map(|x| (r, x, 1)));
        }
        let boss = org.people[r].manager.filter(|_| rng.unit() < 0.9);
        if let Some(x) = boss.or_else(|| colleague(org, &members, r, &mut rng).filter(|&x| x != r))
        {
            direction.push((r, x, 1));
        }
    }
    let leaders: Vec<usize> = (0..n).filter(|&i| org.people[i].leader).collect();
    let planted: Vec<(usize, usize)> = leaders
        .iter()
        .enumerate()
        .map(|(k, &l)| (l, k % DIMENSIONS.len()))
        .collect();
    for (d, (_, ties)) in questions.iter_mut().enumerate() {
        let mut in_degree = vec![0usize; n];
        for &(_, x, _) in ties.iter() {
            in_degree[x] += 1;
        }
        in_degree.sort_unstable();
        let typical = in_degree[n / 2].max(2) as f64;
        for &(l, _) in planted.iter().filter(|p| p.1 == d) {
            let extra = (typical * (3.0 + 5.0 * rng.unit())).round() as usize;
            let dept = org.people[l].department;
            let own: Vec<usize> = members[dept]
                .iter()
                .copied()
                .filter(|&i| answering[i])
                .collect();
            let everyone: Vec<usize> = (0..n).filter(|&i| answering[i]).collect();
            let mut chosen = BTreeSet::new();
            for _ in 0..extra * 4 {
                if chosen.len() >= extra {
                    break;
                }
                let pool = if rng.unit() < 0.7 || org.silo == Some(dept) {
                    &own
                } else {
                    &everyone
                };
                let pick = pool
                    .get(rng.below(pool.len().max(1) as u64) as usize)
                    .copied();
                let allowed = |i: usize| {
                    org.silo
                        .is_none_or(|s| (org.people[i].department == s) == (dept == s))
                };
                if let Some(i) = pick.filter(|&i| i != l && allowed(i)) {
                    chosen.insert(i);
                }
            }
            ties.extend(chosen.into_iter().map(|i| (i, l, 1)));
        }
        ties.sort_unstable();
        ties.dedup_by_key(|t| (t.0, t.1));
    }
    questions.push(("direction", direction));
    DimensionAnswers { questions, planted }
}

/// Writes `truth-dimensions.csv`: each planted leader and the dimension they are followed
/// on.
pub fn write_truth(org: &Org, planted: &[(usize, usize)], w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "employee_id,leader_dimension")?;
    for &(l, d) in planted {
        writeln!(w, "{},{}", org.people[l].id, DIMENSIONS[d])?;
    }
    Ok(())
}
