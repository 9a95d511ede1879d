//! What changed between two runs: people matched by id (joiners, leavers, stayers), their
//! roles, nominations and ranks; and every number of `summary.json` present in both.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::Value;

use super::kinds::NOT_FIGURES;
use super::read::{PersonRow, ResultFolder};
use crate::text::natural_cmp;

/// Whether a person is in the old run, the new run or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Joined,
    Left,
    Stayed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Joined => "joined",
            Status::Left => "left",
            Status::Stayed => "stayed",
        }
    }
}

/// One person across the two runs.
#[derive(Debug, Clone)]
pub struct PersonChange {
    pub id: String,
    pub status: Status,
    pub old: Option<PersonRow>,
    pub new: Option<PersonRow>,
    /// Nominators per question (old, new), in the order of [`Comparison::questions`].
    pub by_question: Vec<(Option<u32>, Option<u32>)>,
}

impl PersonChange {
    pub fn old_role(&self) -> Option<&str> {
        self.old.as_ref().map(|p| p.role.as_str())
    }

    pub fn new_role(&self) -> Option<&str> {
        self.new.as_ref().map(|p| p.role.as_str())
    }

    /// Whether someone in both runs holds a different role now.
    pub fn role_changed(&self) -> bool {
        self.status == Status::Stayed && self.old_role() != self.new_role()
    }

    /// Places moved up the influence ranking (negative: down); only for stayers.
    pub fn rank_change(&self) -> Option<i64> {
        Some(self.old.as_ref()?.rank as i64 - self.new.as_ref()?.rank as i64)
    }

    /// Change in perception accuracy; only for stayers scored in both runs.
    pub fn perception_accuracy_change(&self) -> Option<f64> {
        Some(self.new.as_ref()?.perception_accuracy? - self.old.as_ref()?.perception_accuracy?)
    }

    /// Change in distinct nominators; only for stayers.
    pub fn in_degree_change(&self) -> Option<i64> {
        Some(i64::from(self.new.as_ref()?.in_degree) - i64::from(self.old.as_ref()?.in_degree))
    }
}

/// A number of `summary.json` in both runs (`None`: null in that run).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub old: Option<f64>,
    pub new: Option<f64>,
}

impl Figure {
    /// New minus old; `None` when either is null, or when the difference of two huge
    /// measures is beyond a double (it does not apply: it is not 0).
    pub fn change(&self) -> Option<f64> {
        Some(self.new? - self.old?).filter(|d| d.is_finite())
    }
}

/// A parameter of `summary.json` that differs between the runs.
#[derive(Debug, Clone)]
pub struct ParameterChange {
    pub name: String,
    pub old: Value,
    pub new: Value,
}

/// The whole comparison.
#[derive(Debug)]
pub struct Comparison {
    pub old_dir: String,
    pub new_dir: String,
    pub old_generated_at: Option<String>,
    pub new_generated_at: Option<String>,
    /// Whether each side was an input folder analysed for this comparison.
    pub old_analysed: bool,
    pub new_analysed: bool,
    /// Questions with per-question nominations in both runs.
    pub questions: Vec<String>,
    /// Whether both runs have the perception columns (both read perception files); only
    /// then are they compared.
    pub perceptions: bool,
    /// Everyone in either run, sorted by id (digits by value).
    pub people: Vec<PersonChange>,
    /// Summary figures by dotted path (`alignment.ties_up_the_chain`, `roles.manager`).
    pub figures: BTreeMap<String, Figure>,
    pub parameters_changed: Vec<ParameterChange>,
    /// Things the reader should know (different settings, no one in common…).
    pub warnings: Vec<String>,
}

/// Matches the people of two runs by id and compares their summaries.
pub fn diff(old: ResultFolder, new: ResultFolder) -> Comparison {
    let questions: Vec<String> = old
        .questions
        .iter()
        .filter(|q| new.questions.contains(q))
        .cloned()
        .collect();
    let column = |f: &ResultFolder| -> Vec<usize> {
        questions
            .iter()
            .map(|q| {
                f.questions
                    .iter()
                    .position(|x| x == q)
                    .expect("common question")
            })
            .collect()
    };
    let (old_q, new_q) = (column(&old), column(&new));
    let pick = |p: &Option<PersonRow>, cols: &[usize], i: usize| {
        p.as_ref().and_then(|p| p.by_question[cols[i]])
    };
    let text = |f: &ResultFolder, key: &str| {
        f.summary_at(key)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let (old_generated_at, new_generated_at) =
        (text(&old, "/generated_at"), text(&new, "/generated_at"));
    let perceptions = (old.perceptions, new.perceptions);
    let people = merge(old.people, new.people)
        .into_iter()
        .map(|(old_p, new_p)| {
            let by_question = (0..questions.len())
                .map(|i| (pick(&old_p, &old_q, i), pick(&new_p, &new_q, i)))
                .collect();
            let (id, status) = match (&old_p, &new_p) {
                (Some(o), Some(_)) => (o.id.clone(), Status::Stayed),
                (Some(o), None) => (o.id.clone(), Status::Left),
                (None, Some(n)) => (n.id.clone(), Status::Joined),
                (None, None) => unreachable!("merge yields a person on at least one side"),
            };
            PersonChange {
                id,
                status,
                old: old_p,
                new: new_p,
                by_question,
            }
        })
        .collect();
    Comparison {
        old_dir: old.dir.display().to_string(),
        new_dir: new.dir.display().to_string(),
        old_generated_at,
        new_generated_at,
        old_analysed: old.analysed,
        new_analysed: new.analysed,
        questions,
        perceptions: perceptions.0 && perceptions.1,
        people,
        figures: figures(&old.summary, &new.summary),
        parameters_changed: parameters_changed(&old.summary, &new.summary),
        warnings: Vec::new(),
    }
}

/// Joins two id-sorted lists into pairs.
fn merge(old: Vec<PersonRow>, new: Vec<PersonRow>) -> Vec<(Option<PersonRow>, Option<PersonRow>)> {
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    let (mut a, mut b) = (old.into_iter().peekable(), new.into_iter().peekable());
    loop {
        let order = match (a.peek(), b.peek()) {
            (None, None) => return out,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(x), Some(y)) => natural_cmp(&x.id, &y.id),
        };
        out.push(match order {
            Ordering::Less => (a.next(), None),
            Ordering::Greater => (None, b.next()),
            Ordering::Equal => (a.next(), b.next()),
        });
    }
}

/// Every number present in both summaries (null counts as present), by dotted path.
fn figures(old: &Value, new: &Value) -> BTreeMap<String, Figure> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    numbers(old, "", &mut a);
    numbers(new, "", &mut b);
    a.into_iter()
        .filter_map(|(path, old)| {
            let new = *b.get(&path)?;
            (old.is_some() || new.is_some()).then_some((path, Figure { old, new }))
        })
        .collect()
}

fn numbers(value: &Value, path: &str, out: &mut BTreeMap<String, Option<f64>>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if path.is_empty() && NOT_FIGURES.contains(&key.as_str()) {
                    continue;
                }
                let sub = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                numbers(v, &sub, out);
            }
        }
        Value::Number(n) => {
            out.insert(path.to_string(), n.as_f64());
        }
        Value::Null => {
            out.insert(path.to_string(), None);
        }
        _ => {}
    }
}

fn parameters_changed(old: &Value, new: &Value) -> Vec<ParameterChange> {
    let empty = serde_json::Map::new();
    let params = |v: &Value| {
        v.get("parameters")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_else(|| empty.clone())
    };
    let (a, b) = (params(old), params(new));
    let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let (x, y) = (
                a.get(name).unwrap_or(&Value::Null),
                b.get(name).unwrap_or(&Value::Null),
            );
            (x != y).then(|| ParameterChange {
                name: name.clone(),
                old: x.clone(),
                new: y.clone(),
            })
        })
        .collect()
}
