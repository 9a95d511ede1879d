//! The generated survey: who answers, whom they name for advice and trust, and the extra
//! nominations of the planted informal leaders.

use std::io::{self, Write};

use super::Spec;
use super::people::Org;
use crate::rng::SplitMix64;

/// Probability that a respondent names their own manager for advice (a weak manager: 0.08).
const NAMES_MANAGER: f64 = 0.8;
const NAMES_WEAK_MANAGER: f64 = 0.08;
/// Share of respondents who answer but name nobody.
const NAMES_NOBODY: f64 = 0.03;

/// The answers: (respondent, nominee, weight) ties per question, and respondents who
/// named nobody.
pub struct GeneratedAnswers {
    pub advice: Vec<(usize, usize, u8)>,
    pub trust: Vec<(usize, usize, u8)>,
    pub silent: Vec<usize>,
    pub respondents: usize,
}

/// People of each department, for drawing colleagues.
fn by_department(org: &Org) -> Vec<Vec<usize>> {
    let mut members = vec![Vec::new(); org.departments.len()];
    for (i, p) in org.people.iter().enumerate() {
        members[p.department].push(i);
    }
    members
}

/// Picks the more popular of three random members of `pool` (none if empty).
fn popular(org: &Org, pool: &[usize], rng: &mut SplitMix64) -> Option<usize> {
    (0..3)
        .filter_map(|_| {
            pool.get(rng.below(pool.len().max(1) as u64) as usize)
                .copied()
        })
        .max_by(|&a, &b| {
            org.people[a]
                .popularity
                .total_cmp(&org.people[b].popularity)
        })
}

/// One name for respondent `r`, from peers, own reports, the department or elsewhere.
fn colleague(org: &Org, members: &[Vec<usize>], r: usize, rng: &mut SplitMix64) -> Option<usize> {
    let p = &org.people[r];
    let peers: Vec<usize> = p
        .manager
        .map(|m| org.people[m].reports.clone())
        .unwrap_or_default();
    let roll = rng.unit();
    let dept = p.department;
    if roll < 0.45 && peers.len() > 1 {
        popular(org, &peers, rng)
    } else if roll < 0.55 && !p.reports.is_empty() {
        popular(org, &p.reports, rng)
    } else if roll < 0.9 || org.silo == Some(dept) || org.departments.len() < 2 {
        popular(org, &members[dept], rng)
    } else {
        let other = (dept + 1 + rng.below(org.departments.len() as u64 - 1) as usize)
            % org.departments.len();
        if org.silo == Some(other) {
            popular(org, &members[dept], rng)
        } else {
            popular(org, &members[other], rng)
        }
    }
}

/// Draws who answers and what they say.
pub fn answer(spec: &Spec, org: &Org, rng: &mut SplitMix64) -> GeneratedAnswers {
    let n = org.people.len();
    let members = by_department(org);
    let responded: Vec<bool> = (0..n).map(|_| rng.unit() < spec.response_rate).collect();
    let mut a = GeneratedAnswers {
        advice: Vec::new(),
        trust: Vec::new(),
        silent: Vec::new(),
        respondents: responded.iter().filter(|&&r| r).count(),
    };
    for r in (0..n).filter(|&r| responded[r]) {
        if rng.unit() < NAMES_NOBODY {
            a.silent.push(r);
            continue;
        }
        let mut named = Vec::new();
        if let Some(m) = org.people[r].manager {
            let p = if org.people[m].weak_manager {
                NAMES_WEAK_MANAGER
            } else {
                NAMES_MANAGER
            };
            if rng.unit() < p {
                named.push(m);
            }
        }
        let want = 2 + rng.below(5) as usize;
        for _ in 0..want * 3 {
            if named.len() >= want {
                break;
            }
            if let Some(x) =
                colleague(org, &members, r, rng).filter(|&x| x != r && !named.contains(&x))
            {
                named.push(x);
            }
        }
        a.advice
            .extend(named.iter().map(|&x| (r, x, 1 + rng.below(3) as u8)));
        let trust = 1 + rng.below(3) as usize;
        let mut trusted: Vec<usize> = named
            .iter()
            .copied()
            .filter(|_| rng.unit() < 0.5)
            .take(trust)
            .collect();
        if trusted.is_empty() {
            trusted.extend(colleague(org, &members, r, rng).filter(|&x| x != r));
        }
        a.trust.extend(trusted.into_iter().map(|x| (r, x, 1)));
    }
    plant_leaders(org, &members, &responded, &mut a.advice, rng);
    a.advice.sort_unstable();
    a.advice.dedup_by_key(|t| (t.0, t.1));
    a.trust.sort_unstable();
    a.trust.dedup_by_key(|t| (t.0, t.1));
    a
}

/// Adds each planted leader's extra nominators: 3–8 times the typical number, 70 % from
/// their own department.
fn plant_leaders(
    org: &Org,
    members: &[Vec<usize>],
    responded: &[bool],
    advice: &mut Vec<(usize, usize, u8)>,
    rng: &mut SplitMix64,
) {
    let n = org.people.len();
    let mut in_degree = vec![0usize; n];
    for &(_, x, _) in advice.iter() {
        in_degree[x] += 1;
    }
    in_degree.sort_unstable();
    let typical = in_degree[n / 2].max(2) as f64;
    let everyone: Vec<usize> = (0..n).filter(|&i| responded[i]).collect();
    for (l, person) in org.people.iter().enumerate().filter(|(_, p)| p.leader) {
        let extra = (typical * (3.0 + 5.0 * rng.unit())).round() as usize;
        let own: Vec<usize> = members[person.department]
            .iter()
            .copied()
            .filter(|&i| responded[i])
            .collect();
        let outside_ok = |i: usize| {
            org.silo
                .is_none_or(|s| s != org.people[i].department && s != person.department)
        };
        let mut chosen = std::collections::BTreeSet::new();
        for _ in 0..extra * 4 {
            if chosen.len() >= extra {
                break;
            }
            let pick = if rng.unit() < 0.7 || org.silo == Some(person.department) {
                own.get(rng.below(own.len().max(1) as u64) as usize)
                    .copied()
            } else {
                everyone
                    .get(rng.below(everyone.len().max(1) as u64) as usize)
                    .copied()
                    .filter(|&i| outside_ok(i))
            };
            if let Some(i) = pick.filter(|&i| i != l) {
                chosen.insert(i);
            }
        }
        advice.extend(chosen.into_iter().map(|i| (i, l, 1 + rng.below(3) as u8)));
    }
}

/// Writes one question's answers in long format; silent respondents get an empty row.
pub fn write(
    org: &Org,
    ties: &[(usize, usize, u8)],
    silent: &[usize],
    question: &str,
    w: &mut dyn Write,
) -> io::Result<()> {
    writeln!(w, "respondent_id,nominee_id,question,weight")?;
    for &(r, x, weight) in ties {
        writeln!(
            w,
            "{},{},{question},{weight}",
            org.people[r].id, org.people[x].id
        )?;
    }
    for &r in silent {
        writeln!(w, "{},,{question},", org.people[r].id)?;
    }
    Ok(())
}
