//! The person table shared by every exporter: the columns of `people.csv` in their fixed
//! order (SPEC §6), each a typed function of the person, computed when written.

use std::borrow::Cow;
use std::collections::HashSet;

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::metrics::Influence;
use crate::perceive::Confusion;
use crate::text::{self as format, number};

/// A column's type, for typed graph attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Int,
    Float,
    Bool,
}

/// One value. `Empty` means "does not apply" and is written as an empty cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Int(u64),
    Float(f64),
    Bool(bool),
}

impl Cell<'_> {
    /// The value as plain text (numbers in the fixed format), before any escaping.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Int(v) => Cow::Owned(v.to_string()),
            Cell::Float(v) => Cow::Owned(format::float(*v)),
            Cell::Bool(v) => Cow::Borrowed(if *v { "true" } else { "false" }),
        }
    }

    /// Appends [`Cell::text`] to `out` without allocating; text goes through `escape`
    /// (numbers and booleans need no escaping in any format).
    pub fn push_text(&self, out: &mut String, escape: impl FnOnce(&mut String, &str)) {
        match self {
            Cell::Empty => {}
            Cell::Text(t) => escape(out, t),
            Cell::Int(v) => number::push_int(out, *v),
            Cell::Float(v) => number::push_float(out, *v),
            Cell::Bool(v) => out.push_str(if *v { "true" } else { "false" }),
        }
    }
}

/// A named column of the person table.
pub struct Column<'a> {
    pub name: String,
    pub kind: ColumnKind,
    /// True for text copied from the inputs (escaped with care in every format).
    pub from_input: bool,
    /// True for the per-question copies of the influence metrics (`advice_in_degree`…),
    /// which the graph files leave to `people.csv`.
    pub per_question: bool,
    value: Box<dyn Fn(usize) -> Cell<'a> + Send + Sync + 'a>,
}

impl<'a> Column<'a> {
    pub(super) fn new(
        name: impl Into<String>,
        kind: ColumnKind,
        value: impl Fn(usize) -> Cell<'a> + Send + Sync + 'a,
    ) -> Self {
        Column {
            name: name.into(),
            kind,
            from_input: false,
            per_question: false,
            value: Box::new(value),
        }
    }

    pub(super) fn input(
        name: impl Into<String>,
        value: impl Fn(usize) -> Cell<'a> + Send + Sync + 'a,
    ) -> Self {
        Column {
            from_input: true,
            ..Column::new(name, ColumnKind::Text, value)
        }
    }

    /// The value for person `p`.
    pub fn cell(&self, p: usize) -> Cell<'a> {
        (self.value)(p)
    }
}

/// People per block of [`for_each_row`]: their cells stay in the processor's cache until
/// written.
const GATHER: usize = 128;

/// Calls `row(person, cells)` for each of `people` in order, with that person's cells of
/// `columns`. The cells are read column by column for a block of people at a time: each
/// column's values then come in order from one array, which the processor can prefetch,
/// instead of from dozens of arrays at once.
pub fn for_each_row<'a>(
    columns: &[Column<'a>],
    people: &[usize],
    mut row: impl FnMut(usize, &[Cell<'a>]),
) {
    let width = columns.len();
    let mut cells = Vec::new();
    for block in people.chunks(GATHER) {
        cells.clear();
        cells.resize(block.len() * width, Cell::Empty);
        for (c, column) in columns.iter().enumerate() {
            for (r, &p) in block.iter().enumerate() {
                cells[r * width + c] = column.cell(p);
            }
        }
        for (r, &p) in block.iter().enumerate() {
            row(p, &cells[r * width..(r + 1) * width]);
        }
    }
}

fn int(v: u32) -> Cell<'static> {
    Cell::Int(v.into())
}

fn opt_int(v: Option<u32>) -> Cell<'static> {
    v.map_or(Cell::Empty, int)
}

fn opt_float(v: Option<f64>) -> Cell<'static> {
    v.map_or(Cell::Empty, Cell::Float)
}

/// Names the graph files give node data of their own besides the person columns: `id`,
/// `label`, `color` and `size` in `graph.cyjs` and `graph.json`, `x` and `y` in
/// `graph.json`, and what networkx makes of yEd's drawing in `graph.graphml` (`label`,
/// `x`, `y`, `shape_type`). No person column may take them.
const GRAPH_KEYS: [&str; 7] = ["id", "label", "color", "size", "x", "y", "shape_type"];

/// Names for the org chart's own columns (`headers`, in order) that neither collide with
/// `own` (orgsphere's columns, per-question ones included), [`GRAPH_KEYS`] nor each other:
/// a header keeps its name when it is free and the first of its name; any other becomes
/// `org_<name>`, or `org_<name>_2`, `org_<name>_3`… when that is taken too. The result
/// depends only on the names, so every run and every file names a column alike.
fn org_column_names<'h>(own: &[&str], headers: &[&'h str]) -> Vec<Cow<'h, str>> {
    let mut taken: HashSet<Cow<'_, str>> = own
        .iter()
        .chain(&GRAPH_KEYS)
        .map(|n| Cow::Owned(n.to_string()))
        .collect();
    let keep: Vec<bool> = headers
        .iter()
        .map(|h| taken.insert(Cow::Borrowed(*h)))
        .collect();
    let mut names = Vec::with_capacity(headers.len());
    for (h, keep) in headers.iter().zip(keep) {
        if keep {
            names.push(Cow::Borrowed(*h));
            continue;
        }
        let base = format!("org_{h}");
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(name.as_str()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        taken.insert(Cow::Owned(name.clone()));
        names.push(Cow::Owned(name));
    }
    names
}

/// The columns of `people.csv`, in order.
pub fn person_columns(a: &Analysis) -> Vec<Column<'_>> {
    let d = &a.dataset;
    let org = &d.org;
    let record = move |p: usize| org.rows.record(d.people.record[p]);
    let text_of = move |col: Option<usize>| {
        move |p: usize| {
            col.map_or(Cell::Empty, |c| {
                Cell::Text(Cow::Borrowed(record(p).cell(c).trim()))
            })
        }
    };
    let managers = &d.people.manager;
    let mut cols = vec![
        Column::input("employee_id", move |p| {
            Cell::Text(Cow::Borrowed(&d.people.ids[p]))
        }),
        Column::input("manager_id", move |p| {
            managers[p].map_or(Cell::Empty, |m| {
                Cell::Text(Cow::Borrowed(&d.people.ids[m as usize]))
            })
        }),
        Column::input("title", text_of(org.columns.title)),
        Column::input("department", text_of(org.columns.department)),
    ];
    // The org chart's other columns, named once every column of orgsphere's is known.
    let fixed = org.columns.fixed();
    let first_org = cols.len();
    for (c, header) in org
        .headers
        .iter()
        .enumerate()
        .filter(|(c, _)| !fixed.contains(&Some(*c)))
    {
        cols.push(Column::input(header.as_str(), move |p| {
            Cell::Text(Cow::Borrowed(record(p).cell(c)))
        }));
    }
    let org_columns = first_org..cols.len();
    let f = &a.metrics.formal;
    let cls = &a.classification;
    cols.push(Column::new("formal_power", ColumnKind::Bool, move |p| {
        Cell::Bool(cls.formal_power[p])
    }));
    cols.push(Column::new("direct_reports", ColumnKind::Int, move |p| {
        int(f.direct_reports[p])
    }));
    cols.push(Column::new("formal_reach", ColumnKind::Int, move |p| {
        int(f.formal_reach[p])
    }));
    cols.push(Column::new("level", ColumnKind::Int, move |p| {
        int(f.level[p])
    }));
    cols.push(Column::new("respondent", ColumnKind::Bool, move |p| {
        Cell::Bool(d.responded_any(p))
    }));
    influence_columns(&mut cols, "", &a.metrics.combined);
    let community = &a.metrics.communities.community;
    cols.push(Column::new("community", ColumnKind::Int, move |p| {
        opt_int(community[p])
    }));
    cols.push(Column::new(
        "influence_percentile",
        ColumnKind::Float,
        move |p| opt_float(cls.influence_percentile[p]),
    ));
    cols.push(Column::new("role", ColumnKind::Text, move |p| {
        Cell::Text(Cow::Borrowed(cls.role[p].as_str()))
    }));
    let stability = cls.leader_stability.as_deref();
    cols.push(Column::new(
        "leader_stability",
        ColumnKind::Float,
        move |p| opt_float(stability.map(|s| s[p])),
    ));
    cols.push(Column::new("reason", ColumnKind::Text, move |p| {
        Cell::Text(Cow::Borrowed(&cls.reason[p]))
    }));
    cols.push(Column::new("flags", ColumnKind::Text, move |p| {
        joined(cls.flags[p].iter().copied())
    }));
    let key_players = &a.decisions.key_players;
    cols.push(Column::new("retention_risk", ColumnKind::Text, move |p| {
        key_players
            .retention_risk(p)
            .map_or(Cell::Empty, |words| Cell::Text(Cow::Owned(words)))
    }));
    leadership_columns(&mut cols, a);
    perception_columns(&mut cols, a);
    for (q, name) in d.questions.iter().enumerate() {
        let responded = &d.answers.responded[q];
        cols.push(Column {
            per_question: true,
            ..Column::new(format!("{name}_respondent"), ColumnKind::Bool, move |p| {
                Cell::Bool(responded[p])
            })
        });
        influence_columns(&mut cols, &format!("{name}_"), &a.metrics.per_question[q]);
    }
    name_org_columns(&mut cols, org_columns);
    cols
}

/// The person columns of how people lead, written only when the survey asks
/// (a question on a leadership dimension or on direction): per dimension asked,
/// `lead_<dimension>_nominators` and `lead_<dimension>_percentile` (among people of the
/// same formal standing); `leads_on` (the dimensions a person leads on, `;`-separated);
/// with a direction question, `direction_nominators` and `direction_coverage`; with a
/// dimension, `leadership_coverage`; and `leadership_profile`, the profile in words.
///
/// Nothing when the survey does not ask.
fn leadership_columns<'a>(cols: &mut Vec<Column<'a>>, a: &'a Analysis) {
    let Some(l) = &a.leadership else {
        return;
    };
    for d in &l.dimensions {
        let name = d.dimension.as_str();
        cols.push(Column::new(
            format!("lead_{name}_nominators"),
            ColumnKind::Int,
            move |p| Cell::Int(d.nominators[p].into()),
        ));
        cols.push(Column::new(
            format!("lead_{name}_percentile"),
            ColumnKind::Float,
            move |p| d.percentile[p].map_or(Cell::Empty, Cell::Float),
        ));
    }
    if !l.dimensions.is_empty() {
        cols.push(Column::new("leads_on", ColumnKind::Text, move |p| {
            joined(
                l.dimensions
                    .iter()
                    .filter(|d| d.leads[p])
                    .map(|d| d.dimension.as_str()),
            )
        }));
    }
    if let Some(direction) = &l.direction {
        cols.push(Column::new(
            "direction_nominators",
            ColumnKind::Int,
            move |p| Cell::Int(direction.nominators[p].into()),
        ));
        cols.push(Column::new(
            "direction_coverage",
            ColumnKind::Float,
            move |p| l.direction_coverage(p).map_or(Cell::Empty, Cell::Float),
        ));
    }
    if !l.dimensions.is_empty() {
        cols.push(Column::new(
            "leadership_coverage",
            ColumnKind::Float,
            move |p| l.leadership_coverage(p).map_or(Cell::Empty, Cell::Float),
        ));
    }
    cols.push(Column::new(
        "leadership_profile",
        ColumnKind::Text,
        move |p| Cell::Text(Cow::Borrowed(&l.profile[p])),
    ));
}

/// Words joined by `;`, as one text cell: borrowed when there are none or one (most
/// people), so a million rows make no text of their own for them.
fn joined<'a>(mut words: impl Iterator<Item = &'static str>) -> Cell<'a> {
    let Some(first) = words.next() else {
        return Cell::Text(Cow::Borrowed(""));
    };
    match words.next() {
        None => Cell::Text(Cow::Borrowed(first)),
        Some(second) => {
            let mut text = String::with_capacity(64);
            text.push_str(first);
            for word in std::iter::once(second).chain(words) {
                text.push(';');
                text.push_str(word);
            }
            Cell::Text(Cow::Owned(text))
        }
    }
}

/// Gives the org chart's columns (`org`, a range of `cols`) names that collide with no
/// other column ([`org_column_names`]).
fn name_org_columns(cols: &mut [Column<'_>], org: std::ops::Range<usize>) {
    let names: Vec<String> = {
        let own: Vec<&str> = cols
            .iter()
            .enumerate()
            .filter(|(i, _)| !org.contains(i))
            .map(|(_, c)| c.name.as_str())
            .collect();
        let headers: Vec<&str> = cols[org.clone()].iter().map(|c| c.name.as_str()).collect();
        org_column_names(&own, &headers)
            .into_iter()
            .map(Cow::into_owned)
            .collect()
    };
    for (column, name) in cols[org].iter_mut().zip(names) {
        column.name = name;
    }
}

/// The influence metrics of one layer, with a name prefix (`""` or `advice_`).
fn influence_columns<'a>(cols: &mut Vec<Column<'a>>, prefix: &str, m: &'a Influence) {
    type CellFn<'a> = Box<dyn Fn(usize) -> Cell<'a> + Send + Sync + 'a>;
    let mut add = |name: &str, kind: ColumnKind, value: CellFn<'a>| {
        cols.push(Column {
            name: format!("{prefix}{name}"),
            kind,
            from_input: false,
            per_question: !prefix.is_empty(),
            value,
        });
    };
    add(
        "in_degree",
        ColumnKind::Int,
        Box::new(move |p| int(m.in_degree[p])),
    );
    add(
        "in_weight",
        ColumnKind::Float,
        Box::new(move |p| Cell::Float(m.in_weight[p])),
    );
    add(
        "in_share",
        ColumnKind::Float,
        Box::new(move |p| opt_float(m.in_share(p))),
    );
    add(
        "out_degree",
        ColumnKind::Int,
        Box::new(move |p| opt_int(m.out_degree.get(p))),
    );
    add(
        "pagerank",
        ColumnKind::Float,
        Box::new(move |p| Cell::Float(m.pagerank[p])),
    );
    add(
        "betweenness",
        ColumnKind::Float,
        Box::new(move |p| Cell::Float(m.paths.betweenness[p])),
    );
    add(
        "closeness",
        ColumnKind::Float,
        Box::new(move |p| Cell::Float(m.paths.closeness[p])),
    );
    add(
        "reciprocity",
        ColumnKind::Float,
        Box::new(move |p| opt_float(m.reciprocity.get(p))),
    );
    add(
        "constraint",
        ColumnKind::Float,
        Box::new(move |p| opt_float(m.constraint.get(p))),
    );
    add(
        "effective_size",
        ColumnKind::Float,
        Box::new(move |p| opt_float(m.effective_size.get(p))),
    );
    add("core", ColumnKind::Int, Box::new(move |p| int(m.core[p])));
    add(
        "outside_team_share",
        ColumnKind::Float,
        Box::new(move |p| opt_float(m.outside_team_share(p))),
    );
    add(
        "nominating_departments",
        ColumnKind::Int,
        Box::new(move |p| int(m.nominating_departments[p])),
    );
    add(
        "influence_sphere_size",
        ColumnKind::Int,
        Box::new(move |p| int(m.influence_sphere_size()[p])),
    );
    add(
        "influence_sphere_size_2",
        ColumnKind::Int,
        Box::new(move |p| int(m.influence_sphere_size_2[p])),
    );
    add(
        "command_coverage",
        ColumnKind::Float,
        Box::new(move |p| opt_float(m.command_coverage.get(p))),
    );
    add(
        "influence_beyond_chain",
        ColumnKind::Float,
        Box::new(move |p| opt_float(m.influence_beyond_chain(p))),
    );
}

/// People in the order every output lists them: by id, digits by value (`E2` before `E10`).
pub fn person_order(a: &Analysis) -> Vec<usize> {
    let ids = &a.dataset.people.ids;
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.par_sort_by(|&x, &y| format::natural_cmp(&ids[x], &ids[y]));
    order
}

/// The perception columns of `people.csv`, after the classification's: none without
/// perceptions.
fn perception_columns<'a>(cols: &mut Vec<Column<'a>>, a: &'a Analysis) {
    let Some(r) = &a.perception else {
        return;
    };
    let float = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Float);
    cols.push(Column::new(
        "perception_accuracy",
        ColumnKind::Float,
        move |p| float(r.accuracy[p]),
    ));
    let pooled = move |p: usize| r.measured.pooled[p];
    cols.push(Column::new(
        "perception_hit_rate",
        ColumnKind::Float,
        move |p| float(pooled(p).and_then(|c: Confusion| c.hit_rate())),
    ));
    cols.push(Column::new(
        "perception_false_alarm_rate",
        ColumnKind::Float,
        move |p| float(pooled(p).and_then(|c: Confusion| c.false_alarm_rate())),
    ));
    cols.push(Column::new(
        "sphere_perception_accuracy",
        ColumnKind::Float,
        move |p| float(r.sphere_accuracy[p]),
    ));
    cols.push(Column::new(
        "sees_team_leaders",
        ColumnKind::Bool,
        move |p| r.sees_team_leaders[p].map_or(Cell::Empty, Cell::Bool),
    ));
    cols.push(Column::new(
        "perceived_in_degree",
        ColumnKind::Int,
        move |p| Cell::Int(r.measured.perceived_in_degree[p].into()),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_joined_as_the_slices_join_them() {
        for words in [
            &[][..],
            &["broker"],
            &["broker", "peripheral"],
            &["a", "b", "c"],
        ] {
            let cell = joined(words.iter().copied());
            assert_eq!(cell, Cell::Text(Cow::Owned(words.join(";"))));
            // None or one word borrows; more make a text of their own.
            assert_eq!(
                matches!(cell, Cell::Text(Cow::Borrowed(_))),
                words.len() < 2
            );
        }
    }

    #[test]
    fn org_columns_get_names_no_other_column_has() {
        let own = ["employee_id", "pagerank", "advice_in_degree", "role"];
        let headers = [
            "pagerank",
            "org_pagerank",
            "Location",
            "advice_in_degree",
            "label",
            "Location",
            "org_pagerank_2",
            "pagerank",
        ];
        let names = org_column_names(&own, &headers);
        assert_eq!(
            names,
            [
                "org_pagerank_3",
                "org_pagerank",
                "Location",
                "org_advice_in_degree",
                "org_label",
                "org_Location",
                "org_pagerank_2",
                "org_pagerank_4",
            ]
        );
        // Headers that collide with nothing keep their names.
        assert_eq!(
            org_column_names(&own, &["name", "hire_date"]),
            ["name", "hire_date"]
        );
    }
}
