//! Synthetic HR exports for benchmarks: an org chart of `people` rows and a long survey of
//! `rows` nominations, deterministic for a seed, with the usual HR headers and a few of
//! the usual imperfections (ids in other letter case, unknown nominees, blank rows).
//! [`fixture`] holds the organisations of orgsphere's own generator that the stage benches
//! share.
#![allow(dead_code)]

pub mod fixture;

use std::fmt::Write;

/// A small deterministic generator (SplitMix64), so benchmarks need no extra crate.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const DEPARTMENTS: [&str; 8] = [
    "Sales",
    "Engineering",
    "Finance",
    "People",
    "Operations",
    "Legal",
    "Marketing",
    "Support",
];

/// An org chart of `people` rows: `Employee ID;Manager ID;Job Title;Department;Full Name;
/// Email`, each manager with about 8 reports, in Excel's `;` + CRLF dialect.
pub fn org_chart(people: usize) -> Vec<u8> {
    let mut out = String::with_capacity(people * 80);
    out.push_str("Employee ID;Manager ID;Job Title;Department;Full Name;Email\r\n");
    for p in 0..people {
        let manager = if p == 0 {
            String::new()
        } else {
            format!("E{:07}", (p - 1) / 8)
        };
        let title = if p * 8 + 1 < people {
            "Team Lead"
        } else {
            "Analyst"
        };
        let dept = DEPARTMENTS[(p / 64) % DEPARTMENTS.len()];
        let _ = write!(
            out,
            "E{p:07};{manager};{title};{dept};Person {p};person.{p}@example.com\r\n"
        );
    }
    out.into_bytes()
}

/// A long survey of about `rows` nominations among `people`: `respondent_id,nominee_id,
/// question,weight`, grouped by respondent as survey exports are. Nine in ten people
/// answer; each names distinct colleagues, half from their own team and half leaning
/// towards a few popular people. One row in 10,000 names someone unknown, one in 1,000
/// writes the id in lower case, and one respondent in 100 names nobody.
pub fn survey(people: usize, rows: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(rows * 32);
    out.push_str("respondent_id,nominee_id,question,weight\n");
    let n = people as u64;
    let respondents = (people * 9 / 10).max(1);
    let mut written = 0usize;
    let mut named: Vec<u64> = Vec::new();
    for r in 0..respondents {
        let from = (r as u64 * 10 / 9).min(n - 1);
        // Spread the rows evenly: respondent r writes up to the r-th share.
        let quota = (rows * (r + 1) / respondents).saturating_sub(written);
        if r % 100 == 99 {
            let _ = writeln!(out, "E{from:07},,advice,");
            written += 1;
            continue;
        }
        named.clear();
        for _ in 0..quota * 4 {
            if named.len() == quota {
                break;
            }
            let to = if rng.below(2) == 0 {
                (from / 8 * 8 + rng.below(8)).min(n - 1)
            } else {
                let x = rng.below(n);
                x * x / n
            };
            if to != from && !named.contains(&to) {
                named.push(to);
            }
        }
        for &to in &named {
            written += 1;
            let question = if rng.below(3) == 0 { "trust" } else { "advice" };
            let weight = 1 + rng.below(5);
            let nominee = if written.is_multiple_of(10_000) {
                format!("X{to:07}")
            } else if written.is_multiple_of(1_000) {
                format!("e{to:07}")
            } else {
                format!("E{to:07}")
            };
            let _ = writeln!(out, "E{from:07},{nominee},{question},{weight}");
        }
    }
    out.into_bytes()
}
