//! The people as every output shows them. Without `--pseudonymize`: ids as given, names as
//! labels, every person column. With it: ids (and manager ids) become pseudonyms, labels
//! are pseudonyms, the only org-chart columns kept are `title` and `department` (names,
//! e-mails and every other column are left out), and reasons and data-quality messages are
//! rewritten so that they name nobody.
//!
//! The analysis itself is private to the [`View`]: exporters read what the files may
//! show through its methods, people by person number, and never the ids, names or
//! org-chart rows behind them.

pub mod columns;
pub mod groups;
pub mod layout;
pub mod privacy;
pub mod sought;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::classify::profile::Leadership;
use crate::classify::{Role, RuleApplied};
use crate::decisions::{ChangeAgents, KeyPlayers};
use crate::diagnostics::Problem;
use crate::findings::perception::PerceptionResults;
use crate::findings::{self, Finding, Sentence, TeamLayer};
use crate::graph::OrgGraph;
use crate::graph::Tie;
use crate::load::{QuestionKind, SurveyFile};
use crate::metrics::Metrics;
use crate::metrics::grouping::{AttributeHomophily, Grouping, homophily_by_attribute};
use crate::options::{Dimension, OutputOptions};
use crate::text;
use crate::validate::perceptions::PerceptionData;
use crate::validate::{Answers, KindSource, RatingScale, Structure};
use columns::{Cell, Column, ColumnKind, person_columns, person_order};
use groups::DepartmentGroups;
use layout::PeopleLayout;
use privacy::{Numbers, Redactor, WITHHELD};
use sought::SoughtAfter;

/// The people of one analysis under the run's privacy options, and the only way an
/// exporter reads the analysis.
pub struct View<'a> {
    analysis: &'a Analysis,
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

    /// How many people there are.
    pub fn people(&self) -> usize {
        self.analysis.dataset.people.len()
    }

    /// Each person's manager, by person number.
    pub fn managers(&self) -> &'a [Option<u32>] {
        &self.analysis.dataset.people.manager
    }

    /// Person `p`'s title from the org chart, trimmed; empty without a title column.
    /// Titles are kept under `--pseudonymize`.
    pub fn title(&self, p: usize) -> &'a str {
        self.org_cell(self.analysis.dataset.org.columns.title, p)
    }

    /// Person `p`'s department from the org chart, trimmed; empty without a department
    /// column. Departments are kept under `--pseudonymize`.
    pub fn department(&self, p: usize) -> &'a str {
        self.org_cell(self.analysis.dataset.org.columns.department, p)
    }

    fn org_cell(&self, column: Option<usize>, p: usize) -> &'a str {
        let d = &self.analysis.dataset;
        column.map_or("", |c| d.org.rows.cell(d.people.record[p], c).trim())
    }

    /// The metrics, by person number and department.
    pub fn metrics(&self) -> &'a Metrics {
        &self.analysis.metrics
    }

    /// The graph of both layers, by person number.
    pub fn graph(&self) -> &'a OrgGraph {
        &self.analysis.graph
    }

    /// What the perception files gave, measured; `None` without them.
    pub fn perception(&self) -> Option<&'a PerceptionResults> {
        self.analysis.perception.as_ref()
    }

    /// The perception files read and the perceived ties kept; `None` without them.
    pub fn perception_data(&self) -> Option<&'a PerceptionData> {
        self.analysis.dataset.perceptions.as_ref()
    }

    /// The findings; their sentences are written through [`View::sentence`].
    pub fn findings(&self) -> &'a [Finding] {
        &self.analysis.findings
    }

    /// The key players, their backups and what their leaving would cost, by person
    /// number; their words name departments only.
    pub fn key_players(&self) -> &'a KeyPlayers {
        &self.analysis.decisions.key_players
    }

    /// The change agents, when `--change-agents` asked for them.
    pub fn change_agents(&self) -> Option<&'a ChangeAgents> {
        self.analysis.decisions.change_agents.as_ref()
    }

    /// The key-player section of the findings (key players, then the suggested change
    /// agents); their sentences are written through [`View::sentence`].
    pub fn key_player_findings(&self) -> &'a [Finding] {
        &self.analysis.key_player_findings
    }

    /// The groups of the group findings and the group matrix (`--group-by`, else the
    /// departments).
    pub fn grouping(&self) -> &'a Grouping {
        &self.analysis.grouping
    }

    /// The homophily of each attribute: the departments, the `--group-by` column and,
    /// unless pseudonymised, every other org-chart column that groups people
    /// ([`homophily_by_attribute`]); pseudonymised, only the columns the files keep
    /// (title, department) and the one `--group-by` asked for.
    pub fn homophily(&self, min_size: usize) -> Vec<AttributeHomophily> {
        let d = &self.analysis.dataset;
        let g = self.analysis.graph.influence(crate::graph::Questions::All);
        let all = homophily_by_attribute(d, g, min_size);
        if self.redactor.is_none() {
            return all;
        }
        let headers = &d.org.headers;
        let kept: Vec<&str> = [d.org.columns.title, d.org.columns.department]
            .into_iter()
            .flatten()
            .map(|c| headers[c].as_str())
            .chain(
                (!self.analysis.grouping.is_department)
                    .then_some(self.analysis.grouping.attribute.as_str()),
            )
            .collect();
        all.into_iter()
            .filter(|h| kept.contains(&h.attribute.as_str()))
            .collect()
    }

    /// The departments as [`DepartmentGroups::departments`] groups them: departments
    /// smaller than `min_size`, and all but the `max_groups - 1` largest, merged.
    pub fn department_groups(&self, min_size: usize, max_groups: usize) -> DepartmentGroups {
        DepartmentGroups::departments(self.analysis, min_size, max_groups)
    }

    /// Each person's role.
    pub fn roles(&self) -> &'a [Role] {
        &self.analysis.classification.role
    }

    /// Who has formal power.
    pub fn formal_power(&self) -> &'a [bool] {
        &self.analysis.classification.formal_power
    }

    /// Who has high influence.
    pub fn high_influence(&self) -> &'a [bool] {
        &self.analysis.classification.high_influence
    }

    /// Each person's influence percentile.
    pub fn influence_percentile(&self) -> &'a [Option<f64>] {
        &self.analysis.classification.influence_percentile
    }

    /// Everyone by influence, most first (`classify::ranking`).
    pub fn ranking(&self) -> &'a [usize] {
        &self.analysis.classification.ranking
    }

    /// The high-influence rule as applied.
    pub fn rule(&self) -> &'a RuleApplied {
        &self.analysis.classification.rule
    }

    /// Whether the org chart has reporting lines, and its levels.
    pub fn structure(&self) -> &'a Structure {
        &self.analysis.dataset.structure
    }

    /// The survey's questions, by question index.
    pub fn questions(&self) -> &'a [String] {
        &self.analysis.dataset.questions
    }

    /// Each question's kind.
    pub fn question_kinds(&self) -> &'a [QuestionKind] {
        &self.analysis.dataset.question_kinds
    }

    /// How each question's kind was decided.
    pub fn question_kind_sources(&self) -> &'a [KindSource] {
        &self.analysis.dataset.question_kind_source
    }

    /// Question `q`'s leadership dimension and how it was decided, when the survey asks
    /// how people lead.
    pub fn question_dimension(&self, q: usize) -> Option<(Dimension, KindSource)> {
        self.analysis.dataset.question_dimensions[q]
    }

    /// How people lead (dimensions and direction, by person number), when the survey
    /// asks.
    pub fn leadership(&self) -> Option<&'a Leadership> {
        self.analysis.leadership.as_ref()
    }

    /// Each question's weight in the combined layer.
    pub fn question_weights(&self) -> &'a [f64] {
        &self.analysis.dataset.question_weights
    }

    /// Question `q`'s kind, and how it was decided, in words.
    pub fn kind_in_words(&self, q: usize) -> String {
        self.analysis.dataset.kind_in_words(q)
    }

    /// Question `q` read as a rating scale, if it is one.
    pub fn rating_scale(&self, q: usize) -> Option<&'a RatingScale> {
        self.analysis.dataset.rating_scale(q)
    }

    /// The answers: who answered which question, and the counts of what was left out.
    pub fn answers(&self) -> &'a Answers {
        &self.analysis.dataset.answers
    }

    /// Whether person `p` answered an influence question.
    pub fn responded_influence(&self, p: usize) -> bool {
        self.analysis.dataset.responded_influence(p)
    }

    /// How many people answered any question.
    pub fn respondents(&self) -> usize {
        self.analysis.dataset.respondents()
    }

    /// The share of people who answered.
    pub fn response_rate(&self) -> f64 {
        self.analysis.dataset.response_rate()
    }

    /// The org chart file: its name, SHA-256, encoding and data rows.
    pub fn org_file(&self) -> (&'a str, &'a str, &'static str, usize) {
        let org = &self.analysis.dataset.org;
        (&org.file, &org.sha256, org.encoding, org.rows.len())
    }

    /// The survey files read.
    pub fn survey_files(&self) -> &'a [SurveyFile] {
        &self.analysis.dataset.survey_files
    }

    /// Survey rows read, over all files.
    pub fn survey_rows(&self) -> usize {
        self.analysis.dataset.survey_rows
    }

    /// The warnings about the inputs; their messages are written through
    /// [`View::message`].
    pub fn warnings(&self) -> &'a [Problem] {
        &self.analysis.dataset.warnings
    }

    /// The layer team findings read ([`findings::team_layer`]).
    pub fn team_layer(&self) -> TeamLayer<'a> {
        findings::team_layer(&self.analysis.dataset, &self.analysis.graph)
    }

    /// How many responding reports name their manager, of how many
    /// ([`findings::reports_naming_their_manager`]).
    pub fn reports_naming_their_manager(&self) -> (u64, u64) {
        findings::reports_naming_their_manager(self.analysis.parts())
    }

    /// Everyone's position in the pictures ([`layout::layout`]).
    pub fn layout(&self) -> PeopleLayout {
        layout::layout(self.analysis, &self.rank)
    }

    /// Each person's row by seniority when there are no reporting lines
    /// ([`layout::seniority_rows`]).
    pub fn seniority_rows(&self) -> Vec<u32> {
        layout::seniority_rows(self.analysis)
    }

    /// The most sought-after people and the nearest to the bar
    /// ([`sought::sought_after`]).
    pub fn sought_after(&self) -> SoughtAfter {
        sought::sought_after(self.analysis)
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
    /// layer and question, then as the graph has them (authority first, then each
    /// question in order: a question's layer is its kind). Each edge is its index in the
    /// graph ([`View::edge`] reads it back): four bytes an edge instead of a copy of each,
    /// which at a million people is several hundred megabytes held while the graph files
    /// are written.
    ///
    /// One counting sort by source, reading the graph's edges in their order, then each
    /// source's few edges sorted by target, question and place in the graph, side by side:
    /// each edge is looked at a few times, not six times in three scattered passes.
    pub fn edges(&self) -> Vec<u32> {
        let raw = self.analysis.graph.graph.raw_edges();
        let n = self.rank.len();
        let source = |e: usize| self.rank[raw[e].source().index()];
        let mut start = vec![0usize; n + 1];
        for e in 0..raw.len() {
            start[source(e) + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut order = vec![0u32; raw.len()];
        let mut next = start.clone();
        for e in 0..raw.len() {
            let slot = &mut next[source(e)];
            order[*slot] = e as u32;
            *slot += 1;
        }
        drop(next);
        // Within a source: by target, then question (authority first), then graph order.
        let key = |e: &u32| {
            let edge = &raw[*e as usize];
            let question = edge.weight.question.map_or(0, |q| u32::from(q) + 1);
            (self.rank[edge.target().index()], question, *e)
        };
        // Blocks of sources, each a run of `order`, sorted side by side.
        let blocks = rayon::current_num_threads().max(1) * 16;
        let per_block = n.div_ceil(blocks).max(1);
        let mut runs: Vec<(&mut [u32], &[usize])> = Vec::with_capacity(blocks);
        let mut rest: &mut [u32] = &mut order;
        let mut taken = 0;
        for first in (0..n).step_by(per_block) {
            let last = (first + per_block).min(n);
            let (run, after) = rest.split_at_mut(start[last] - taken);
            runs.push((run, &start[first..=last]));
            taken = start[last];
            rest = after;
        }
        runs.into_par_iter().for_each(|(run, bounds)| {
            let base = bounds[0];
            for w in bounds.windows(2) {
                let edges = &mut run[w[0] - base..w[1] - base];
                if edges.len() > 1 {
                    edges.sort_unstable_by_key(key);
                }
            }
        });
        order
    }

    /// Edge `e` of the graph (an entry of [`View::edges`]): source, target and tie.
    pub fn edge(&self, e: u32) -> (usize, usize, Tie) {
        let edge = self.raw_edge(e);
        (edge.source().index(), edge.target().index(), edge.weight)
    }

    /// The graph's own record of edge `e`.
    pub fn raw_edge(&self, e: u32) -> &petgraph::graph::Edge<Tie> {
        &self.analysis.graph.graph.raw_edges()[e as usize]
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
                "reason" => Some(Column::new("reason", ColumnKind::Text, move |p| {
                    Cell::Text(self.reason(p))
                })),
                _ => Some(c),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::bucket_sort;

    /// The edges in output order, as three stable counting sorts (question, then target,
    /// then source) put them: the reference for [`View::edges`].
    fn three_sorts(view: &View<'_>) -> Vec<u32> {
        let raw = view.analysis.graph.graph.raw_edges();
        let n = view.rank.len();
        let questions = view.analysis.graph.questions.len() + 1;
        let edges: Vec<u32> = (0..raw.len() as u32).collect();
        let by_question = bucket_sort(questions, &edges, |e| {
            raw[*e as usize]
                .weight
                .question
                .map_or(0, |q| u32::from(q) + 1)
        });
        let by_target = bucket_sort(n, &by_question, |e| {
            view.rank[raw[*e as usize].target().index()] as u32
        });
        bucket_sort(n, &by_target, |e| {
            view.rank[raw[*e as usize].source().index()] as u32
        })
    }

    #[test]
    fn edges_come_in_the_order_of_three_counting_sorts() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let inputs = crate::Options::inputs_from_dir(&dir).unwrap();
        let options = crate::Options::new(inputs, dir.join("unused-out"));
        let analysis = crate::analyze_dataset(crate::check(&options).unwrap(), &options);
        let view = View::new(&analysis, &options.output);
        let edges = view.edges();
        assert!(edges.len() > 1000);
        assert_eq!(edges, three_sorts(&view));
        // One thread or many, the same order.
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| view.edges());
        assert_eq!(one, edges);
    }
}
