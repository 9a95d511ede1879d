//! The people as every output shows them. Without `--pseudonymize`: ids as given, names as
//! labels, every person column. With it: ids (and manager ids) become pseudonyms, labels
//! are pseudonyms, the only org-chart columns kept are `title` and `department` (names,
//! e-mails and every other column are left out), and reasons and data-quality messages are
//! rewritten so that they name nobody.

pub mod columns;
pub mod groups;
pub mod layout;
pub mod privacy;
pub mod sought;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::diagnostics::Problem;
use crate::findings::Sentence;
use crate::graph::{Tie, bucket_sort};
use crate::options::OutputOptions;
use crate::text;
use columns::{Cell, Column, Kind, person_columns, person_order};
use privacy::{Numbers, Redactor, WITHHELD};

/// The people of one analysis under the run's privacy options.
pub struct View<'a> {
    pub analysis: &'a Analysis,
    redactor: Option<Redactor<'a>>,
    /// People in output order: by id (digits by value), or by pseudonym, so that the
    /// order of rows tells nothing about the ids behind pseudonyms.
    order: Vec<usize>,
    /// Each person's place in `order`.
    rank: Vec<usize>,
}

impl<'a> View<'a> {
    pub fn new(analysis: &'a Analysis, options: &'a OutputOptions) -> View<'a> {
        let redactor = options.pseudonymize.as_ref().map(|key| {
            let d = &analysis.dataset;
            let col = |c: Option<usize>| {
                (0..d.people.len())
                    .filter_map(move |p| c.map(|c| d.org.rows.cell(d.people.record[p], c).trim()))
            };
            let keep = col(d.org.columns.title)
                .chain(col(d.org.columns.department))
                .chain(d.questions.iter().map(String::as_str));
            let secrets = col(d.org.columns.name).chain(col(d.org.columns.email));
            Redactor::new(key, &d.people.ids, keep, secrets)
        });
        let order = match &redactor {
            None => person_order(analysis),
            Some(r) => {
                let mut order: Vec<usize> = (0..analysis.dataset.people.len()).collect();
                order.par_sort_by(|&x, &y| r.pseudonym_of(x).cmp(r.pseudonym_of(y)));
                order
            }
        };
        let mut rank = vec![0; order.len()];
        for (i, &p) in order.iter().enumerate() {
            rank[p] = i;
        }
        View {
            analysis,
            redactor,
            order,
            rank,
        }
    }

    /// People in the order every output lists them.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Each person's place in [`View::order`].
    pub fn rank(&self) -> &[usize] {
        &self.rank
    }

    /// Every edge of both layers in output order: by source, target (in person order),
    /// layer and question.
    pub fn edges(&self) -> Vec<(usize, usize, Tie)> {
        let edges: Vec<(usize, usize, Tie)> = self
            .analysis
            .graph
            .edges(|_| true)
            .map(|(s, t, tie)| (s as usize, t as usize, tie))
            .collect();
        // Stable counting sorts from the last key to the first, so edges with equal keys
        // keep the graph's order: by layer and question (authority first, then each
        // question in order: a question's layer is its kind), then by target, then by
        // source.
        let questions = self.analysis.graph.questions.len() + 1;
        let kind = |tie: &Tie| tie.question.map_or(0, |q| u32::from(q) + 1);
        let n = self.rank.len();
        // Each pass's input is dropped as soon as its output exists: two copies at most.
        let by_kind = bucket_sort(questions, &edges, |e| kind(&e.2));
        drop(edges);
        let by_target = bucket_sort(n, &by_kind, |e| self.rank[e.1] as u32);
        drop(by_kind);
        bucket_sort(n, &by_target, |e| self.rank[e.0] as u32)
    }

    pub fn pseudonymized(&self) -> bool {
        self.redactor.is_some()
    }

    /// Person `p`'s id as the outputs write it: the id, or its pseudonym.
    pub fn id(&self, p: usize) -> &str {
        match &self.redactor {
            Some(r) => r.pseudonym_of(p),
            None => &self.analysis.dataset.people.ids[p],
        }
    }

    /// What a picture calls person `p`: their name when known and allowed, else the id.
    pub fn label(&self, p: usize) -> Cow<'_, str> {
        let d = &self.analysis.dataset;
        match &self.redactor {
            None => d
                .org
                .name_of(d.people.record[p])
                .unwrap_or(Cow::Borrowed(self.id(p))),
            Some(_) => Cow::Borrowed(self.id(p)),
        }
    }

    /// A finding's sentence as plain text (CSV and JSON escape it as they write it):
    /// people by id or pseudonym, text and group names as they are.
    pub fn sentence(&self, sentence: &Sentence) -> String {
        sentence.plain(|p| self.id(p).to_string())
    }

    /// A finding's sentence as HTML: people by name with their id (as the tables of
    /// people show them), or by id alone; everything escaped.
    pub fn sentence_html(&self, sentence: &Sentence) -> String {
        let mut out = String::new();
        sentence.write_into(
            &mut out,
            |out, p| {
                let (label, id) = (self.label(p), self.id(p));
                if label == id {
                    out.push_str(&text::html(id));
                } else {
                    out.push_str(&text::html(&format!("{label} ({id})")));
                }
            },
            |out, t| out.push_str(&text::html(t)),
        );
        out
    }

    /// The person whose id (or, when pseudonymised, pseudonym) is `id`.
    pub fn find(&self, id: &str) -> Option<usize> {
        let d = &self.analysis.dataset;
        let by_id = d.people.ids.iter().position(|x| x == id.trim());
        match &self.redactor {
            Some(r) => by_id.or_else(|| (0..d.people.len()).find(|&p| r.pseudonym_of(p) == id)),
            None => by_id,
        }
    }

    /// Person `p`'s reason, naming nobody when pseudonymised.
    pub fn reason(&self, p: usize) -> Cow<'a, str> {
        let reason = &self.analysis.classification.reason[p];
        match &self.redactor {
            None => Cow::Borrowed(reason),
            Some(r) => Cow::Owned(
                r.redact(reason, Numbers::AreCounts)
                    .unwrap_or_else(|| WITHHELD.to_string()),
            ),
        }
    }

    /// A data-quality message, naming nobody when pseudonymised.
    pub fn message<'p>(&self, problem: &'p Problem) -> Cow<'p, str> {
        match &self.redactor {
            None => Cow::Borrowed(&problem.message),
            Some(r) => Cow::Owned(
                r.redact(&problem.message, Numbers::Withhold)
                    .unwrap_or_else(|| WITHHELD.to_string()),
            ),
        }
    }

    /// The node attributes of the graph files: the person table without the per-question
    /// copies of the influence metrics (those stay in `people.csv` and `people.parquet`;
    /// at a million people they would make a graph file of several gigabytes).
    pub fn graph_columns(&self) -> Vec<Column<'_>> {
        self.columns()
            .into_iter()
            .filter(|c| !c.per_question)
            .collect()
    }

    /// The person table (`people.csv`'s columns) under the privacy options.
    pub fn columns(&self) -> Vec<Column<'_>> {
        let cols = person_columns(self.analysis);
        let Some(r) = &self.redactor else {
            return cols;
        };
        let managers = &self.analysis.dataset.people.manager;
        cols.into_iter()
            .filter_map(|c| match c.name.as_str() {
                "employee_id" => Some(Column::input("employee_id", move |p| {
                    Cell::Text(Cow::Borrowed(r.pseudonym_of(p)))
                })),
                "manager_id" => Some(Column::input("manager_id", move |p| {
                    managers[p].map_or(Cell::Empty, |m| {
                        Cell::Text(Cow::Borrowed(r.pseudonym_of(m as usize)))
                    })
                })),
                "title" | "department" => Some(c),
                _ if c.from_input => None,
                "reason" => Some(Column::new("reason", Kind::Text, move |p| {
                    Cell::Text(self.reason(p))
                })),
                _ => Some(c),
            })
            .collect()
    }
}
