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
//! With `dimensions` (`--dimensions`), also `survey-example.csv`, `survey-future.csv`,
//! `survey-energy.csv`, `survey-direction.csv` and `truth-dimensions.csv`, each planted
//! leader followed on one dimension (`dimensions.rs` in this folder); the other files do not change.
//!
//! Output: `org.csv`, `survey-advice.csv`, `survey-trust.csv`, `truth.csv` (employee_id,
//! informal_leader, weak_manager, silo_department). Deterministic for a seed.
//!
//! **The roster model** ([`Model::Roster`], `--roster`) draws the survey most real
//! organisations run instead: every respondent ticks names on the whole staff list, so 10–45 %
//! of all possible ties exist. Same hierarchy and titles as above; then:
//! 1. **Density.** The advice density `d` (the share of colleagues an average respondent
//!    names) is `--density` or `0.4 · √(60 / N)` kept within 0.10–0.40: 0.40 at 60 people,
//!    0.25 at 150, 0.15 at 400, 0.10 from 1,000 up (real roster surveys are of small
//!    organisations, and the smaller the staff list, the larger the share people tick).
//! 2. **Ordinary nominations.** Respondent `i` names colleague `j` with probability
//!    `p_ij = min(0.95, c · act_i · pop_j · h_ij)`: `act = exp(0.35·a)` how many names a
//!    respondent ticks, `pop = exp(σ·g)` popularity (a, g standard normal), `h` homophily
//!    (advice: 1, +0.5 in the same department, +1 in the same team, i.e. same manager or
//!    manager and report). `c` is solved so that the ordinary ties have density `d` (the
//!    managers' and leaders' ties below add 0.003–0.025), and `σ` so that individual
//!    contributors' chances of being named vary as in real roster data: a squared
//!    coefficient of variation of 0.07 (the published roster sets' median beta-binomial
//!    intra-class correlation within a grade, 0.03, at their median density, 0.30),
//!    `σ² = ln((1 + 0.07) / (1 + cv²))` where cv is the spread of what the homophily alone
//!    gives people. The spread is the people's, the same at every density; the counts'
//!    intra-class correlation follows from it (`0.07·d/(1 − d)`). Measured on ordinary
//!    individual contributors of generated organisations (seeds 1–3): intra-class
//!    correlation 0.020–0.042 at 60 people, 0.015–0.019 at 150, 0.012–0.015 at 400,
//!    0.007–0.008 at 1,000; the 95th percentile of their counts 1.35–1.62 times the median
//!    (the published surveys: 1.56–1.89 with their leaders, 1.4–1.8 within a grade).
//! 3. **Managers** are named for advice by each responding report with probability 0.85
//!    (weak managers, planted as in the sparse model: 0.08).
//! 4. **Planted informal leaders**: `leader_share` of the people (default 2 % on the command
//!    line; at least one), individual contributors. Each draws a pull `u` in 0.70–0.95; a
//!    colleague of their department names them with probability `p + (1 − p)·u`, anyone else
//!    with `p + (1 − p)·0.8·u`: at d = 0.10 that is 73–96 % of their department and 60–78 %
//!    of the rest, where the most popular ordinary person of 1,000 is named by 21–22 %.
//! 5. **Other questions.** `friendship` (density 0.6·d; homophily +1 department, +1.5 team)
//!    and `cowork` (0.8·d; +1, +3) share popularity with advice (log-popularity
//!    `σ·(r·g + √(1 − r²)·g')`, r = 0.6 and 0.8, g' a fresh normal). `conflict` is sparse:
//!    density drawn in 1–3 %, activity and popularity `exp(0.5·normal)` of its own, +1 in the
//!    same team.
//! 6. **Friendship-only people** (2 % of the people, at least one, individual contributors
//!    not otherwise planted): named for friendship with the leaders' pull (0.70–0.95).
//!    **Conflict-only people** (the same number): named for conflict with a pull of
//!    0.40–0.70 in their department and half of it elsewhere. Both are ordinary wherever they
//!    are not planted: their latent normals for advice and cowork (conflict-only people's for
//!    friendship too) are kept within one spread of the median, −1…1.
//!
//! No silo is planted. A respondent answers every question (an empty row where they named
//! nobody). Cost: one draw per respondent–colleague pair and question, plus a few passes to
//! solve `c`, so O(N²): 0.25 s at 1,000 people, 5.5 s at 5,000 (release build);
//! [`ROSTER_MAX_PEOPLE`] is the limit (at density 0.10, 5,000 people already give 2 million
//! advice ties, 155 MB of files). Output: `org.csv`, `survey-advice.csv`,
//! `survey-friendship.csv`, `survey-cowork.csv`, `survey-conflict.csv` (weight 1), and
//! `truth.csv` with two more columns: friendship_only, conflict_only.

mod dimensions;
mod people;
mod roster;
mod survey;

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};
use crate::outdir::{self, write_folder};
use crate::rng::SplitMix64;

pub use people::{GeneratedPerson, Org};
pub use roster::{ROSTER_MAX_PEOPLE, default_density};

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
    pub model: Model,
    /// Sparse model: also the leadership-dimension questions (example, future, energy)
    /// and direction, each planted leader followed on one dimension (`generate::dimensions`).
    pub dimensions: bool,
}

/// Which survey to draw (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Model {
    /// Each respondent names a few colleagues for advice and trust.
    #[default]
    Sparse,
    /// Every respondent ticks names on the whole staff list in four questions; `density` is
    /// the advice density (None: [`default_density`] of the number of people).
    Roster { density: Option<f64> },
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            people: 300,
            seed: 1,
            response_rate: 0.85,
            leader_share: 0.01,
            weak_manager_share: 0.01,
            model: Model::Sparse,
            dimensions: false,
        }
    }
}

/// Counts of what was generated.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub people: usize,
    pub respondents: usize,
    pub nominations: usize,
    pub informal_leaders: usize,
    pub weak_managers: usize,
    /// Roster model: the people planted as popular in friendship only and as named in
    /// conflict only, and the advice density drawn.
    pub friendship_only: usize,
    pub conflict_only: usize,
    pub density: Option<f64>,
}

/// Generates an organisation into `out` (complete or not at all).
pub fn generate(spec: &Spec, out: &Path) -> Result<Generated> {
    check(spec)?;
    outdir::check(out, &[])?;
    let mut rng = SplitMix64::new(spec.seed);
    let mut org = people::build(spec, &mut rng);
    if let Model::Roster { density } = spec.model {
        let density = density.unwrap_or_else(|| default_density(spec.people));
        roster::plant(&mut org, spec.leader_share, &mut rng);
        let answers = roster::answer(&org, spec.response_rate, density, &mut rng);
        let generated = counts(&org, answers.respondents, answers.nominations());
        let generated = Generated {
            density: Some(answers.density()),
            ..generated
        };
        write_folder(out, &[], |dir| {
            write(dir, "org.csv", |w| people::write_org(&org, w))?;
            for q in &answers.questions {
                write(dir, &format!("survey-{}.csv", q.name), |w| {
                    survey::write(&org, &q.ties, &q.silent, q.name, w)
                })?;
            }
            write(dir, "truth.csv", |w| people::write_truth(&org, true, w))
        })?;
        return Ok(generated);
    }
    let answers = survey::answer(spec, &org, &mut rng);
    let extra = spec.dimensions.then(|| {
        let mut answering = vec![false; org.people.len()];
        for &(r, ..) in &answers.advice {
            answering[r] = true;
        }
        dimensions::answer(&org, &answering, spec.seed)
    });
    let generated = counts(
        &org,
        answers.respondents,
        answers.advice.len() + answers.trust.len() + extra.as_ref().map_or(0, |e| e.nominations()),
    );
    write_folder(out, &[], |dir| {
        if let Some(extra) = &extra {
            for (name, ties) in &extra.questions {
                write(dir, &format!("survey-{name}.csv"), |w| {
                    survey::write(&org, ties, &answers.silent, name, w)
                })?;
            }
            write(dir, "truth-dimensions.csv", |w| {
                dimensions::write_truth(&org, &extra.planted, w)
            })?;
        }
        write(dir, "org.csv", |w| people::write_org(&org, w))?;
        write(dir, "survey-advice.csv", |w| {
            survey::write(&org, &answers.advice, &answers.silent, "advice", w)
        })?;
        write(dir, "survey-trust.csv", |w| {
            survey::write(&org, &answers.trust, &answers.silent, "trust", w)
        })?;
        write(dir, "truth.csv", |w| people::write_truth(&org, false, w))
    })?;
    Ok(generated)
}

/// Refuses a spec that cannot be generated, naming the flag.
fn check(spec: &Spec) -> Result<()> {
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
    let Model::Roster { density } = spec.model else {
        return Ok(());
    };
    if spec.people > ROSTER_MAX_PEOPLE {
        return Err(Error::Usage(format!(
            "--roster: give at most {ROSTER_MAX_PEOPLE} people (the roster model draws every \
             pair of people, and larger roster surveys are rare); leave out --roster for the \
             sparse model, which has no limit"
        )));
    }
    if density.is_some_and(|d| !(0.05..=0.5).contains(&d)) {
        return Err(Error::Usage(
            "--density: give a share of colleagues between 0.05 and 0.5, e.g. 0.2".into(),
        ));
    }
    Ok(())
}

fn counts(org: &Org, respondents: usize, nominations: usize) -> Generated {
    let count = |f: fn(&GeneratedPerson) -> bool| org.people.iter().filter(|p| f(p)).count();
    Generated {
        people: org.people.len(),
        respondents,
        nominations,
        informal_leaders: count(|p| p.leader),
        weak_managers: count(|p| p.weak_manager),
        friendship_only: count(|p| p.friendship_only),
        conflict_only: count(|p| p.conflict_only),
        density: None,
    }
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
