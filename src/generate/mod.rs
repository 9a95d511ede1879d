//! `orgsphere generate`: a synthetic organisation with known truth, for trying orgsphere and
//! for measuring how well it finds what was planted.
//!
//! The model, in order:
//! 1. **Hierarchy.** A CEO; `D = clamp(N / 400, 3, 12)` departments (one for tiny
//!    organisations), each under a head, sized at random (weights 0.5–1.5). Each manager's
//!    subtree is split among 3–8 direct reports at random; a report whose share is more
//!    than one person becomes a manager. Titles follow the size of what a person manages
//!    (VP, Director, Manager, Team Lead); individual contributors get the department's
//!    titles, a quarter of them "Senior".
//! 2. **Popularity.** Everyone gets a latent popularity `exp(0.5·g)`, g standard normal.
//! 3. **Survey.** A `response_rate` share answers. An advice respondent names 2–6 people:
//!    their manager with probability 0.8, then peers, their own reports, their department
//!    and (one pick in ten) other departments, each weighted by popularity. Trust: 1–3
//!    names from the same pools.
//! 4. **Planted truth.** `leader_share` of the people are informal leaders: individual
//!    contributors named for advice by an extra 3–8 times the typical number of
//!    nominators (so their popularity varies), 70 % from their own department. A
//!    `weak_manager_share` of the people are managers with three or more reports whose
//!    reports name them with probability 0.08 instead of 0.8. With four or more
//!    departments, one department is a silo: nobody in it names anyone outside, and nobody
//!    outside names anyone in it.
//!
//! Output: `org.csv`, `survey-advice.csv`, `survey-trust.csv`, `truth.csv` (employee_id,
//! informal_leader, weak_manager, silo_department). Deterministic for a seed.

mod people;
mod survey;

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};
use crate::outdir::{self, write_folder};
use crate::rng::SplitMix64;

pub use people::{Org, Person};

/// The most people `generate` writes: about five times the largest employer (SPEC §10),
/// so every organisation orgsphere targets can be generated, while a typo cannot ask for
/// more memory than a machine has (1,000,000 people take about 0.37 GB and 171 MB of
/// files; both grow linearly).
pub const MAX_PEOPLE: usize = 10_000_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    pub people: usize,
    pub seed: u64,
    pub response_rate: f64,
    pub leader_share: f64,
    pub weak_manager_share: f64,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            people: 300,
            seed: 1,
            response_rate: 0.85,
            leader_share: 0.01,
            weak_manager_share: 0.01,
        }
    }
}

/// Counts of what was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub people: usize,
    pub respondents: usize,
    pub nominations: usize,
    pub informal_leaders: usize,
    pub weak_managers: usize,
}

/// Generates an organisation into `out` (complete or not at all).
pub fn generate(spec: &Spec, out: &Path) -> Result<Generated> {
    if !(2..=MAX_PEOPLE).contains(&spec.people) {
        return Err(Error::Usage(format!(
            "--people {}: give a number from 2 to {MAX_PEOPLE}",
            spec.people
        )));
    }
    if !(0.0..=1.0).contains(&spec.response_rate) {
        return Err(Error::Usage(
            "--response-rate: give a share between 0 and 1".into(),
        ));
    }
    outdir::check(out, &[])?;
    let mut rng = SplitMix64::new(spec.seed);
    let org = people::build(spec, &mut rng);
    let answers = survey::answer(spec, &org, &mut rng);
    let generated = Generated {
        people: org.people.len(),
        respondents: answers.respondents,
        nominations: answers.advice.len() + answers.trust.len(),
        informal_leaders: org.people.iter().filter(|p| p.leader).count(),
        weak_managers: org.people.iter().filter(|p| p.weak_manager).count(),
    };
    write_folder(out, &[], |dir| {
        write(dir, "org.csv", |w| people::write_org(&org, w))?;
        write(dir, "survey-advice.csv", |w| {
            survey::write(&org, &answers.advice, &answers.silent, "advice", w)
        })?;
        write(dir, "survey-trust.csv", |w| {
            survey::write(&org, &answers.trust, &answers.silent, "trust", w)
        })?;
        write(dir, "truth.csv", |w| people::write_truth(&org, w))
    })?;
    Ok(generated)
}

fn write(
    dir: &Path,
    name: &str,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let path = dir.join(name);
    let file = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
    let mut w = BufWriter::new(file);
    body(&mut w)
        .and_then(|_| w.flush())
        .map_err(|e| Error::io(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_beyond_the_limit_are_refused_before_anything_is_allocated() {
        let out = Path::new("never-written");
        for people in [0, 1, MAX_PEOPLE + 1, usize::MAX] {
            let spec = Spec {
                people,
                ..Spec::default()
            };
            let e = generate(&spec, out).unwrap_err();
            assert_eq!(e.exit_code(), crate::error::EXIT_USAGE, "{people}");
            assert!(e.to_string().contains(&MAX_PEOPLE.to_string()), "{e}");
        }
        assert!(!out.exists());
    }
}
