//! The roster model of `generate` (documented in [`super`]): the friendship-only and
//! conflict-only people, and four dense questions drawn pair by pair.

use super::people::{Org, gauss};
use crate::rng::SplitMix64;

/// The largest organisation the roster model draws: it costs one draw per pair of people and
/// question, and at density 0.10 a survey of 5,000 people is already 2 million advice ties.
pub const ROSTER_MAX_PEOPLE: usize = 5_000;

/// No ordinary tie is more likely than this.
const CAP: f64 = 0.95;
/// Spread of the log of how many names a respondent ticks.
const ACT_SIGMA: f64 = 0.35;
/// How much individual contributors' chances of being named for advice vary (the squared
/// coefficient of variation of a person's chance, homophily included), calibrated on the
/// published roster surveys of Krackhardt and of Cross & Parker: their median beta-binomial
/// intra-class correlation within a grade, 0.03 (range 0.01–0.045), at their median advice
/// density, 0.30, is a spread of `0.03 · (1 − 0.30) / 0.30 = 0.07`. The spread is a property
/// of the people, so it stays the same at every density; the intra-class correlation of the
/// counts follows from it (`0.07 · d / (1 − d)`: 0.047 at d = 0.40, 0.008 at d = 0.10).
const POPULARITY_CV2: f64 = 0.03 * (1.0 - 0.30) / 0.30;
/// Probability that a report names their manager for advice (a weak manager's reports: 0.08).
const NAMES_MANAGER: f64 = 0.85;
const NAMES_WEAK_MANAGER: f64 = 0.08;
/// Share of the people planted as friendship-only, and as conflict-only (at least one each).
const PLANTED_SHARE: f64 = 0.02;
/// How the popularity of friendship and cowork follows that of advice (correlation of the
/// latent normals).
const FRIENDSHIP_FOLLOWS_ADVICE: f64 = 0.6;
const COWORK_FOLLOWS_ADVICE: f64 = 0.8;

/// The advice density for `people` people when none is given: `0.4 · √(60 / N)` kept within
/// 0.10–0.40.
pub fn default_density(people: usize) -> f64 {
    (0.4 * (60.0 / people.max(1) as f64).sqrt()).clamp(0.10, 0.40)
}

/// Completes the planted truth for the roster model: at least one informal leader (unless
/// `leader_share` is 0), the friendship-only and conflict-only people, no silo.
pub fn plant(org: &mut Org, leader_share: f64, rng: &mut SplitMix64) {
    org.silo = None;
    let free = |org: &Org| -> Vec<usize> {
        (0..org.people.len())
            .filter(|&i| {
                let p = &org.people[i];
                p.reports.is_empty() && !p.leader && !p.friendship_only && !p.conflict_only
            })
            .collect()
    };
    if leader_share > 0.0 && !org.people.iter().any(|p| p.leader) {
        let ics = free(org);
        if !ics.is_empty() {
            org.people[ics[rng.below(ics.len() as u64) as usize]].leader = true;
        }
    }
    let want = ((PLANTED_SHARE * org.people.len() as f64).round() as usize).max(1);
    for friendship in [true, false] {
        let ics = free(org);
        for k in rng.sample(ics.len(), want.min(ics.len())) {
            let p = &mut org.people[ics[k]];
            if friendship {
                p.friendship_only = true;
            } else {
                p.conflict_only = true;
            }
        }
    }
}

/// One question's answers: (respondent, nominee, weight) ties sorted by respondent and
/// nominee, and the respondents who named nobody.
pub struct RosterQuestion {
    pub name: &'static str,
    pub ties: Vec<(usize, usize, u8)>,
    pub silent: Vec<usize>,
}

/// The four questions, in the order advice, friendship, cowork, conflict.
pub struct RosterAnswers {
    pub questions: Vec<RosterQuestion>,
    pub respondents: usize,
    people: usize,
}

impl RosterAnswers {
    pub fn nominations(&self) -> usize {
        self.questions.iter().map(|q| q.ties.len()).sum()
    }

    /// The advice ties over the pairs respondents could name.
    pub fn density(&self) -> f64 {
        let pairs = self.respondents * self.people.saturating_sub(1);
        self.questions[0].ties.len() as f64 / pairs.max(1) as f64
    }
}

/// What one question is drawn from: `p_ij = min(CAP, c · act_i · pop_j · h_ij)`, then the
/// managers' rule and the planted pulls.
struct Draw<'a> {
    org: &'a Org,
    act: Vec<f64>,
    pop: Vec<f64>,
    /// Homophily: added for the same department, and for the same team.
    department: f64,
    team: f64,
    /// A planted person's pull in their department (0 for everyone else), and the share of
    /// it that holds elsewhere.
    pull: Vec<f64>,
    elsewhere: f64,
    /// Whether reports name their manager with [`NAMES_MANAGER`].
    managers: bool,
}

impl Draw<'_> {
    /// The ordinary weight of `i` naming `j`, before `c` and the cap.
    fn weight(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (&self.org.people[i], &self.org.people[j]);
        let mut h = 1.0;
        if a.department == b.department {
            h += self.department;
        }
        let team = (a.manager.is_some() && a.manager == b.manager)
            || a.manager == Some(j)
            || b.manager == Some(i);
        if team {
            h += self.team;
        }
        self.act[i] * self.pop[j] * h
    }

    /// Solves `c` so that the ordinary ties of the respondents have `density` (a few passes
    /// over every pair: the cap makes the density grow slower than `c`).
    fn calibrate(&self, respondents: &[usize], density: f64) -> f64 {
        let n = self.org.people.len();
        let target = density * (respondents.len() * (n - 1)) as f64;
        // Expected ties at `c` (None: without the cap, i.e. the sum of the weights).
        let ties_at = |c: Option<f64>| -> f64 {
            let mut sum = 0.0;
            for &i in respondents {
                for j in (0..n).filter(|&j| j != i) {
                    let w = self.weight(i, j);
                    sum += c.map_or(w, |c| (c * w).min(CAP));
                }
            }
            sum
        };
        let total = ties_at(None);
        if total <= 0.0 || target <= 0.0 {
            return 0.0;
        }
        let mut c = target / total;
        for _ in 0..50 {
            let got = ties_at(Some(c));
            if (got / target - 1.0).abs() < 1e-4 {
                break;
            }
            c *= target / got;
        }
        c
    }

    /// Draws every respondent's answer, one draw per pair.
    fn sample(
        &self,
        name: &'static str,
        respondents: &[usize],
        c: f64,
        rng: &mut SplitMix64,
    ) -> RosterQuestion {
        let people = &self.org.people;
        let mut survey = RosterQuestion {
            name,
            ties: Vec::new(),
            silent: Vec::new(),
        };
        for &i in respondents {
            let before = survey.ties.len();
            for j in (0..people.len()).filter(|&j| j != i) {
                let mut p = (c * self.weight(i, j)).min(CAP);
                if self.managers && people[i].manager == Some(j) {
                    p = if people[j].weak_manager {
                        NAMES_WEAK_MANAGER
                    } else {
                        NAMES_MANAGER
                    };
                }
                let pull = self.pull[j];
                if pull > 0.0 {
                    let pull = if people[i].department == people[j].department {
                        pull
                    } else {
                        pull * self.elsewhere
                    };
                    p += (1.0 - p) * pull;
                }
                if rng.unit() < p {
                    survey.ties.push((i, j, 1));
                }
            }
            if survey.ties.len() == before {
                survey.silent.push(i);
            }
        }
        survey
    }
}

/// The latent normals of one person: how many names they tick (for conflict apart), and
/// their popularity for advice, friendship, cowork and conflict (friendship and cowork mix
/// their own normal with advice's).
struct Latent {
    act: f64,
    act_conflict: f64,
    advice: f64,
    friendship: f64,
    cowork: f64,
    conflict: f64,
}

fn latent(org: &Org, rng: &mut SplitMix64) -> Vec<Latent> {
    let ordinary = |g: f64| g.clamp(-1.0, 1.0);
    let mix = |r: f64, shared: f64, own: f64| r * shared + (1.0 - r * r).sqrt() * own;
    org.people
        .iter()
        .map(|p| {
            let mut x = Latent {
                act: gauss(rng),
                act_conflict: gauss(rng),
                advice: gauss(rng),
                friendship: gauss(rng),
                cowork: gauss(rng),
                conflict: gauss(rng),
            };
            if p.friendship_only || p.conflict_only {
                x.advice = ordinary(x.advice);
                x.cowork = ordinary(x.cowork);
            }
            if p.conflict_only {
                x.friendship = ordinary(x.friendship);
            }
            x.friendship = mix(FRIENDSHIP_FOLLOWS_ADVICE, x.advice, x.friendship);
            x.cowork = mix(COWORK_FOLLOWS_ADVICE, x.advice, x.cowork);
            x
        })
        .collect()
}

/// The popularity spread that gives individual contributors' chances of being named for
/// advice the spread [`POPULARITY_CV2`]: `σ² = ln((1 + POPULARITY_CV2) / (1 + cv²))`, cv the
/// spread of what homophily alone gives each individual contributor (their popularity set to
/// 1).
fn popularity_spread(draw: &Draw, respondents: &[usize]) -> f64 {
    let people = &draw.org.people;
    let reach: Vec<f64> = (0..people.len())
        .filter(|&j| people[j].reports.is_empty())
        .map(|j| {
            respondents
                .iter()
                .filter(|&&i| i != j)
                .map(|&i| draw.weight(i, j) / draw.pop[j])
                .sum()
        })
        .collect();
    let k = reach.len().max(1) as f64;
    let mean = reach.iter().sum::<f64>() / k;
    if mean <= 0.0 {
        return 0.0;
    }
    let cv2 = reach.iter().map(|r| (r / mean - 1.0).powi(2)).sum::<f64>() / k;
    ((1.0 + POPULARITY_CV2) / (1.0 + cv2)).ln().max(0.0).sqrt()
}

/// A popularity of mean 1 and the variance of `exp(σ·z)` (`e^{σ²} − 1`), gamma-distributed
/// rather than log-normal: a gamma variate of shape `k` is `(1 − 1/(9k) + z/(3√k))³` of a
/// standard normal `z` (Wilson & Hilferty 1931), so friendship and cowork can still mix
/// their normals with advice's. A gamma popularity makes counts negative-binomial, whose
/// upper tail is as light as that of the published roster surveys (95th percentile
/// 1.4–1.8 times the median within a grade, skewness below 0.5); a log-normal one of the
/// same variance gave 3 times the median and skewness 4 at 1,000 people.
fn gamma_like(sigma: f64, z: f64) -> f64 {
    let variance = (sigma * sigma).exp() - 1.0;
    if variance <= 0.0 {
        return 1.0;
    }
    let k = 1.0 / variance;
    let c = 1.0 - 1.0 / (9.0 * k) + z / (3.0 * k.sqrt());
    (c * c * c).max(0.01)
}

/// Draws who answers and their four answers.
pub fn answer(org: &Org, response_rate: f64, density: f64, rng: &mut SplitMix64) -> RosterAnswers {
    let n = org.people.len();
    let respondents: Vec<usize> = (0..n).filter(|_| rng.unit() < response_rate).collect();
    let latent = latent(org, rng);
    let pulls = |planted: fn(&super::GeneratedPerson) -> bool,
                 low: f64,
                 high: f64,
                 rng: &mut SplitMix64| {
        org.people
            .iter()
            .map(|p| {
                if planted(p) {
                    low + (high - low) * rng.unit()
                } else {
                    0.0
                }
            })
            .collect::<Vec<f64>>()
    };
    let leaders = pulls(|p| p.leader, 0.70, 0.95, rng);
    let friends = pulls(|p| p.friendship_only, 0.70, 0.95, rng);
    let foes = pulls(|p| p.conflict_only, 0.40, 0.70, rng);
    let conflict_density = 0.01 + 0.02 * rng.unit();

    let act: Vec<f64> = latent.iter().map(|x| (ACT_SIGMA * x.act).exp()).collect();
    let mut advice = Draw {
        org,
        act: act.clone(),
        pop: vec![1.0; n],
        department: 0.5,
        team: 1.0,
        pull: leaders,
        elsewhere: 0.8,
        managers: true,
    };
    let sigma = popularity_spread(&advice, &respondents);
    let pop = |g: fn(&Latent) -> f64| -> Vec<f64> {
        latent.iter().map(|x| gamma_like(sigma, g(x))).collect()
    };
    advice.pop = pop(|x| x.advice);
    let friendship = Draw {
        pop: pop(|x| x.friendship),
        department: 1.0,
        team: 1.5,
        pull: friends,
        managers: false,
        act: act.clone(),
        ..advice
    };
    let cowork = Draw {
        pop: pop(|x| x.cowork),
        department: 1.0,
        team: 3.0,
        pull: vec![0.0; n],
        managers: false,
        act,
        ..friendship
    };
    let conflict = Draw {
        act: latent
            .iter()
            .map(|x| (0.5 * x.act_conflict).exp())
            .collect(),
        pop: latent.iter().map(|x| (0.5 * x.conflict).exp()).collect(),
        department: 0.0,
        team: 1.0,
        pull: foes,
        elsewhere: 0.5,
        managers: false,
        ..cowork
    };
    let questions = [
        ("advice", &advice, density),
        ("friendship", &friendship, 0.6 * density),
        ("cowork", &cowork, 0.8 * density),
        ("conflict", &conflict, conflict_density),
    ]
    .into_iter()
    .map(|(name, draw, d)| {
        let c = draw.calibrate(&respondents, d);
        draw.sample(name, &respondents, c, rng)
    })
    .collect();
    RosterAnswers {
        questions,
        respondents: respondents.len(),
        people: n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_density_falls_from_0_4_at_60_people_to_0_1_at_1000() {
        assert_eq!(default_density(20), 0.40);
        assert_eq!(default_density(60), 0.40);
        assert!((default_density(150) - 0.253).abs() < 0.001);
        assert!((default_density(400) - 0.155).abs() < 0.001);
        assert_eq!(default_density(1000), 0.10);
        assert_eq!(default_density(5000), 0.10);
    }
}
