//! The generated hierarchy: people, managers, departments, titles, popularity, planted roles.

use std::io::{self, Write};

use super::Spec;
use crate::rng::SplitMix64;

const DEPARTMENTS: [(&str, [&str; 4]); 12] = [
    (
        "Operations",
        ["Operations Analyst", "Planner", "Coordinator", "Technician"],
    ),
    (
        "Engineering",
        [
            "Software Engineer",
            "Test Engineer",
            "Data Engineer",
            "Designer",
        ],
    ),
    (
        "Sales",
        [
            "Account Executive",
            "Sales Representative",
            "Solutions Consultant",
            "Sales Analyst",
        ],
    ),
    (
        "Finance",
        [
            "Accountant",
            "Financial Analyst",
            "Controller",
            "Payroll Specialist",
        ],
    ),
    (
        "People",
        [
            "Recruiter",
            "HR Business Partner",
            "People Analyst",
            "Learning Specialist",
        ],
    ),
    (
        "Marketing",
        [
            "Marketing Specialist",
            "Content Writer",
            "Brand Designer",
            "Growth Analyst",
        ],
    ),
    (
        "Legal",
        [
            "Counsel",
            "Paralegal",
            "Compliance Analyst",
            "Contracts Specialist",
        ],
    ),
    (
        "Research",
        [
            "Research Scientist",
            "Lab Technician",
            "Statistician",
            "Research Associate",
        ],
    ),
    (
        "Support",
        [
            "Support Specialist",
            "Service Agent",
            "Support Engineer",
            "Trainer",
        ],
    ),
    (
        "Product",
        [
            "Product Analyst",
            "UX Researcher",
            "Product Designer",
            "Product Owner",
        ],
    ),
    (
        "Logistics",
        [
            "Dispatcher",
            "Driver",
            "Warehouse Associate",
            "Fleet Planner",
        ],
    ),
    (
        "IT",
        [
            "Systems Administrator",
            "Network Engineer",
            "Security Analyst",
            "IT Specialist",
        ],
    ),
];

/// One generated person.
#[derive(Debug, Clone)]
pub struct GeneratedPerson {
    pub id: String,
    pub manager: Option<usize>,
    pub department: usize,
    pub title: String,
    pub popularity: f64,
    pub reports: Vec<usize>,
    pub leader: bool,
    pub weak_manager: bool,
    /// Roster model: very popular in friendship, ordinary for advice.
    pub friendship_only: bool,
    /// Roster model: named in conflict by many, ordinary elsewhere.
    pub conflict_only: bool,
}

/// The generated organisation.
#[derive(Debug, Clone)]
pub struct Org {
    pub people: Vec<GeneratedPerson>,
    pub departments: Vec<&'static str>,
    pub silo: Option<usize>,
}

impl Org {
    fn add(&mut self, manager: Option<usize>, department: usize, rng: &mut SplitMix64) -> usize {
        let i = self.people.len();
        let popularity = (0.5 * gauss(rng)).exp();
        self.people.push(GeneratedPerson {
            id: format!("P{:06}", i + 1),
            manager,
            department,
            title: String::new(),
            popularity,
            reports: Vec::new(),
            leader: false,
            weak_manager: false,
            friendship_only: false,
            conflict_only: false,
        });
        if let Some(m) = manager {
            self.people[m].reports.push(i);
        }
        i
    }
}

/// A standard normal draw (Box–Muller).
pub fn gauss(rng: &mut SplitMix64) -> f64 {
    let u = rng.unit().max(1e-300);
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * rng.unit()).cos()
}

/// Builds the hierarchy, titles and planted roles.
pub fn build(spec: &Spec, rng: &mut SplitMix64) -> Org {
    let n = spec.people;
    let d = if n < 30 { 1 } else { (n / 400).clamp(3, 12) };
    let mut departments: Vec<&'static str> = DEPARTMENTS[..d].iter().map(|x| x.0).collect();
    departments.push("Executive");
    let mut org = Org {
        people: Vec::with_capacity(n),
        departments,
        silo: None,
    };
    let ceo = org.add(None, d, rng);
    let heads: Vec<usize> = (0..d.min(n - 1))
        .map(|dep| org.add(Some(ceo), dep, rng))
        .collect();
    let rest = n - 1 - heads.len();
    for (dep, size) in split(rest, heads.len(), 0.5, rng).into_iter().enumerate() {
        grow(&mut org, heads[dep], dep, size, rng);
    }
    title_everyone(&mut org, rng);
    plant(&mut org, spec, rng);
    org
}

/// Splits `total` into `parts` random shares with weights uniform in [1 − spread, 1 + spread].
fn split(total: usize, parts: usize, spread: f64, rng: &mut SplitMix64) -> Vec<usize> {
    if parts == 0 {
        return Vec::new();
    }
    let w: Vec<f64> = (0..parts)
        .map(|_| 1.0 - spread + 2.0 * spread * rng.unit())
        .collect();
    let sum: f64 = w.iter().sum();
    let mut sizes: Vec<usize> = w
        .iter()
        .map(|x| (x / sum * total as f64).floor() as usize)
        .collect();
    let mut left = total - sizes.iter().sum::<usize>();
    let mut i = 0;
    while left > 0 {
        sizes[i % parts] += 1;
        left -= 1;
        i += 1;
    }
    sizes
}

/// Gives `manager` a subtree of `size` more people (iteratively, breadth first).
fn grow(org: &mut Org, manager: usize, department: usize, size: usize, rng: &mut SplitMix64) {
    let mut queue = std::collections::VecDeque::from([(manager, size)]);
    while let Some((m, size)) = queue.pop_front() {
        if size == 0 {
            continue;
        }
        let span = (3 + rng.below(6) as usize).min(size);
        for share in split(size - span, span, 0.9, rng) {
            let child = org.add(Some(m), department, rng);
            queue.push_back((child, share));
        }
    }
}

fn title_everyone(org: &mut Org, rng: &mut SplitMix64) {
    let reach = subtree_sizes(org);
    for (p, &reach) in org.people.iter_mut().zip(&reach) {
        let dept = DEPARTMENTS[p.department.min(DEPARTMENTS.len() - 1)];
        p.title = match (p.manager, reach) {
            (None, _) => "Chief Executive Officer".to_string(),
            (Some(0), _) => format!("VP {}", dept.0),
            (_, r) if r > 40 => format!("Director, {}", dept.0),
            (_, r) if r > 8 => format!("{} Manager", dept.0),
            (_, r) if r > 0 => "Team Lead".to_string(),
            _ => {
                let base = dept.1[rng.below(4) as usize];
                if rng.unit() < 0.25 {
                    format!("Senior {base}")
                } else {
                    base.to_string()
                }
            }
        };
    }
}

/// People below each person.
pub fn subtree_sizes(org: &Org) -> Vec<usize> {
    let mut reach = vec![0; org.people.len()];
    // Managers come before their reports, so a reverse pass sums subtrees.
    for i in (0..org.people.len()).rev() {
        if let Some(m) = org.people[i].manager {
            reach[m] += reach[i] + 1;
        }
    }
    reach
}

/// Chooses the informal leaders, weak managers and silo department.
fn plant(org: &mut Org, spec: &Spec, rng: &mut SplitMix64) {
    let n = org.people.len();
    let ics: Vec<usize> = (0..n)
        .filter(|&i| org.people[i].reports.is_empty())
        .collect();
    let leaders = ((spec.leader_share * n as f64).round() as usize).min(ics.len());
    for k in rng.sample(ics.len(), leaders) {
        org.people[ics[k]].leader = true;
    }
    let eligible: Vec<usize> = (1..n)
        .filter(|&i| org.people[i].reports.len() >= 3)
        .collect();
    let weak = ((spec.weak_manager_share * n as f64).round() as usize).min(eligible.len());
    for k in rng.sample(eligible.len(), weak) {
        org.people[eligible[k]].weak_manager = true;
    }
    // The last department is the CEO's own ("Executive"), never the silo.
    let working = org.departments.len() - 1;
    if working >= 4 {
        org.silo = Some(rng.below(working as u64) as usize);
    }
}

pub fn write_org(org: &Org, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "employee_id,manager_id,title,department")?;
    for p in &org.people {
        let manager = p.manager.map_or("", |m| org.people[m].id.as_str());
        writeln!(
            w,
            "{},{manager},{},{}",
            p.id,
            quote(&p.title),
            org.departments[p.department]
        )?;
    }
    Ok(())
}

/// `truth.csv`'s first line; a folder whose `truth.csv` starts with it was written by
/// `generate` and may be replaced by it.
const TRUTH_HEADER: &str = "employee_id,informal_leader,weak_manager,silo_department";

/// The columns the roster model adds after [`TRUTH_HEADER`]'s.
pub const ROSTER_TRUTH_COLUMNS: &str = "friendship_only,conflict_only";

/// Writes `truth.csv`; `roster` adds the [`ROSTER_TRUTH_COLUMNS`].
pub fn write_truth(org: &Org, roster: bool, w: &mut dyn Write) -> io::Result<()> {
    if roster {
        writeln!(w, "{TRUTH_HEADER},{ROSTER_TRUTH_COLUMNS}")?;
    } else {
        writeln!(w, "{TRUTH_HEADER}")?;
    }
    for p in &org.people {
        let silo = org
            .silo
            .filter(|&s| s == p.department)
            .map_or("", |s| org.departments[s]);
        write!(w, "{},{},{},{silo}", p.id, p.leader, p.weak_manager)?;
        if roster {
            write!(w, ",{},{}", p.friendship_only, p.conflict_only)?;
        }
        writeln!(w)?;
    }
    Ok(())
}

fn quote(text: &str) -> String {
    if text.contains(',') {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}
