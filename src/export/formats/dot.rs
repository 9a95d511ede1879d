//! `graph.dot` for Graphviz: the org chart top-down (`rankdir=TB`, solid manager → report
//! edges) with the influence ties overlaid (dashed, `constraint=false`, so they do not bend
//! the hierarchy), informal leaders filled in vermilion.
//!
//! Graphviz's `dot` lays out a few hundred people in seconds but not tens of thousands.
//! Up to [`FULL`] people (the whole organisation, or the subtree under `--dot-root ID`)
//! everyone is drawn. Above it the chart is condensed: the people with formal power or
//! high influence (at most [`CAP`], the most influential and the highest in the hierarchy
//! first), each linked to their nearest drawn manager, grouped in one cluster per
//! department, with only the strongest influence ties among them (at most two per person
//! drawn). The graph's label says what was left out.

use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;

use super::style;
use crate::classify::Role;
use crate::error::{Error, Result};
use crate::export::context::{ExportContext, Exporter};
use crate::export::view::privacy;
use crate::graph::Layer;
use crate::options::OutputOptions;
use crate::text::{dot as q, float};
use crate::validate::Dataset;

pub struct Dot;

/// Up to this many people, everyone is drawn.
pub const FULL: usize = 150;
/// A condensed chart draws at most this many people.
pub const CAP: usize = 300;

impl Exporter for Dot {
    fn graph_file(&self) -> bool {
        true
    }

    fn file_name(&self) -> &'static str {
        "graph.dot"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let scope = scope(cx);
        let (shown, condensed) = if scope.len() <= FULL {
            (scope.clone(), false)
        } else {
            (condense(cx, &scope), true)
        };
        let mut drawn = vec![false; cx.view.people()];
        for &p in &shown {
            drawn[p] = true;
        }
        header(cx, out, shown.len(), scope.len(), condensed)?;
        nodes(cx, out, &drawn, condensed)?;
        authority(cx, out, &drawn)?;
        seniority(cx, out, &drawn)?;
        influence(cx, out, &drawn, condensed.then_some(2 * shown.len()))?;
        writeln!(out, "}}")
    }
}

/// Checks `--dot-root` against the people of a checked data set, before the analysis: an
/// id from the inputs or, when pseudonymised, a person's pseudonym (as
/// [`View::find`](crate::export::View::find) reads it).
pub fn check_root(dataset: &Dataset, output: &OutputOptions) -> Result<()> {
    let Some(root) = &output.dot_root else {
        return Ok(());
    };
    let ids = &dataset.people.ids;
    let found = ids.iter().any(|id| id == root.trim())
        || output.pseudonymize.as_ref().is_some_and(|key| {
            ids.par_iter()
                .any(|id| privacy::pseudonym(key, id) == *root)
        });
    if found {
        Ok(())
    } else {
        Err(unknown_root(root))
    }
}

/// The error for a `--dot-root` that is nobody's id.
pub fn unknown_root(root: &str) -> Error {
    Error::Usage(format!(
        "--dot-root {root:?}: nobody has this id in the org chart; give the id of the person whose subtree graph.dot should draw"
    ))
}

/// The people the chart is about: everyone, or the subtree under `--dot-root`.
fn scope(cx: &ExportContext<'_>) -> Vec<usize> {
    let root = cx
        .options
        .output
        .dot_root
        .as_deref()
        .and_then(|id| cx.view.find(id));
    let f = &cx.view.metrics().formal;
    cx.view
        .order()
        .iter()
        .copied()
        .filter(|&p| root.is_none_or(|r| p == r || f.in_sphere(r, p)))
        .collect()
}

/// The people a condensed chart draws: high influence first (by influence), then formal
/// power from the top of the hierarchy down, at most [`CAP`].
fn condense(cx: &ExportContext<'_>, scope: &[usize]) -> Vec<usize> {
    let (high_influence, formal_power) = (cx.view.high_influence(), cx.view.formal_power());
    let mut in_scope = vec![false; cx.view.people()];
    for &p in scope {
        in_scope[p] = true;
    }
    let mut picked: Vec<usize> = cx
        .view
        .ranking()
        .iter()
        .copied()
        .filter(|&p| in_scope[p] && high_influence[p])
        .take(CAP / 3)
        .collect();
    let mut managers: Vec<usize> = scope
        .iter()
        .copied()
        .filter(|&p| formal_power[p] && !high_influence[p])
        .collect();
    let level = &cx.view.metrics().formal.level;
    managers.sort_by_key(|&p| (level[p], cx.view.rank()[p]));
    // The top of the scope always shows, so the chart has its head.
    let top = scope
        .iter()
        .copied()
        .min_by_key(|&p| (level[p], cx.view.rank()[p]));
    picked.extend(top.filter(|t| !picked.contains(t)));
    let room = CAP.saturating_sub(picked.len());
    picked.extend(managers.into_iter().filter(|p| Some(*p) != top).take(room));
    picked.sort_by_key(|&p| cx.view.rank()[p]);
    picked
}

fn header(
    cx: &ExportContext<'_>,
    out: &mut (dyn Write + Send),
    shown: usize,
    scope: usize,
    condensed: bool,
) -> io::Result<()> {
    let mut label = String::from(
        "orgsphere: org chart (solid: manager → report) with influence ties (dashed: respondent → nominee).\nFill: vermilion informal leader, purple leader-manager, blue manager, grey contributor.",
    );
    if let Some(root) = &cx.options.output.dot_root {
        let who = cx.view.find(root).map_or("", |p| cx.view.id(p));
        label += &format!("\nSubtree of {who}.");
    }
    if !cx.view.structure().reporting_lines.given() {
        label += if cx.view.structure().levels().is_some() {
            "\nThe org chart has no reporting lines: people sit in rows by level, the top level first."
        } else {
            "\nThe org chart has no reporting lines: people with formal power sit in the row above the others."
        };
    }
    if condensed {
        label += &format!(
            "\nCondensed: {shown} of {scope} people (formal power or high influence), each linked to their nearest drawn manager (bold grey when people between are hidden);\nonly the strongest influence ties. Use --dot-root ID to draw a team in full."
        );
    }
    writeln!(out, "digraph orgsphere {{")?;
    writeln!(
        out,
        "  graph [rankdir=TB, newrank=true, splines=true, nodesep=0.3, ranksep=0.9, fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, label=\"{}\"];",
        q(&label)
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, penwidth=1];"
    )?;
    writeln!(out, "  edge [color=\"#444444\", arrowsize=0.6];")
}

fn node_line(cx: &ExportContext<'_>, p: usize) -> String {
    let role = cx.view.roles()[p];
    let title = cx.view.title(p);
    let mut label = cx.view.label(p).to_string();
    if !title.is_empty() {
        label = format!("{label}\n{title}");
    }
    let (fill, font, pen) = match role {
        Role::InformalLeader | Role::LeaderManager => (style::hex(role), "#ffffff", "2.5"),
        Role::Manager => ("#dbe9f6".to_string(), "#0b2a40", "1.2"),
        Role::Contributor => ("#f1f3f5".to_string(), "#222222", "1"),
    };
    format!(
        "\"{}\" [label=\"{}\", fillcolor=\"{fill}\", color=\"{}\", fontcolor=\"{font}\", penwidth={pen}, tooltip=\"{}\"];",
        q(cx.view.id(p)),
        q(&label),
        style::hex(role),
        q(&format!("{}: {}", role.as_str(), cx.view.reason(p)))
    )
}

fn nodes(
    cx: &ExportContext<'_>,
    out: &mut (dyn Write + Send),
    drawn: &[bool],
    clusters: bool,
) -> io::Result<()> {
    let people: Vec<usize> = cx
        .view
        .order()
        .iter()
        .copied()
        .filter(|&p| drawn[p])
        .collect();
    if !clusters {
        for p in people {
            writeln!(out, "  {}", node_line(cx, p))?;
        }
        return Ok(());
    }
    let mut by_group: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for p in people {
        by_group.entry(cx.groups.of[p]).or_default().push(p);
    }
    for (group, members) in by_group {
        let indent = if let Some(g) = group {
            writeln!(
                out,
                "  subgraph cluster_{g} {{\n    label=\"{} ({} people)\"; style=\"rounded\"; color=\"#c8ced6\"; fontcolor=\"#4a5562\";",
                q(&cx.groups.names[g]),
                cx.groups.sizes[g]
            )?;
            "    "
        } else {
            "  "
        };
        for p in members {
            writeln!(out, "{indent}{}", node_line(cx, p))?;
        }
        if group.is_some() {
            writeln!(out, "  }}")?;
        }
    }
    Ok(())
}

/// Manager → report edges; a drawn person hangs from their nearest drawn manager.
fn authority(
    cx: &ExportContext<'_>,
    out: &mut (dyn Write + Send),
    drawn: &[bool],
) -> io::Result<()> {
    let managers = cx.view.managers();
    for &p in cx.view.order().iter().filter(|&&p| drawn[p]) {
        let (mut m, mut hops) = (managers[p], 0);
        while let Some(up) = m.filter(|&u| !drawn[u as usize]) {
            m = managers[up as usize];
            hops += 1;
        }
        if let Some(m) = m {
            let style = if hops > 0 {
                " [style=bold, color=\"#8a939e\"]"
            } else {
                ""
            };
            writeln!(
                out,
                "  \"{}\" -> \"{}\"{style};",
                q(cx.view.id(m as usize)),
                q(cx.view.id(p))
            )?;
        }
    }
    Ok(())
}

/// Without reporting lines, the layout's rows by seniority (by level, or formal power
/// first) as Graphviz ranks: one `rank=same` group per row, top first, held in that order
/// by invisible edges, so that `dot` draws partners above associates instead of one line of
/// everyone. One rank per row, not per line of the layout's grids: an influence tie that
/// spans ranks costs `dot` a point on each rank between, and those points widen the chart.
fn seniority(
    cx: &ExportContext<'_>,
    out: &mut (dyn Write + Send),
    drawn: &[bool],
) -> io::Result<()> {
    if cx.view.structure().reporting_lines.given() {
        return Ok(());
    }
    let row = cx.view.seniority_rows();
    let mut rows: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &p in cx.view.order().iter().filter(|&&p| drawn[p]) {
        rows.entry(row[p]).or_default().push(p);
    }
    for people in rows.values() {
        let names: Vec<String> = people
            .iter()
            .map(|&p| format!("\"{}\";", q(cx.view.id(p))))
            .collect();
        writeln!(out, "  {{rank=same; {}}}", names.join(" "))?;
    }
    let firsts: Vec<usize> = rows.values().map(|people| people[0]).collect();
    for pair in firsts.windows(2) {
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [style=invis];",
            q(cx.view.id(pair[0])),
            q(cx.view.id(pair[1]))
        )?;
    }
    Ok(())
}

/// Influence ties among drawn people, one edge per pair (weights summed over questions);
/// `limit` keeps only the strongest.
fn influence(
    cx: &ExportContext<'_>,
    out: &mut (dyn Write + Send),
    drawn: &[bool],
    limit: Option<usize>,
) -> io::Result<()> {
    let mut pairs: BTreeMap<(usize, usize), (usize, usize, f64)> = BTreeMap::new();
    let rank = cx.view.rank();
    // The edges the graph files share (sorted once, kept): no copy of its own.
    for (s, t, tie) in cx.edges().iter() {
        if tie.layer == Layer::Influence && drawn[s] && drawn[t] {
            pairs.entry((rank[s], rank[t])).or_insert((s, t, 0.0)).2 += tie.weight;
        }
    }
    let mut ties: Vec<(usize, usize, f64)> = pairs.into_values().collect();
    if let Some(limit) = limit {
        ties.sort_by(|x, y| {
            y.2.total_cmp(&x.2)
                .then((rank[x.0], rank[x.1]).cmp(&(rank[y.0], rank[y.1])))
        });
        ties.truncate(limit);
        ties.sort_by_key(|&(s, t, _)| (rank[s], rank[t]));
    }
    let max = ties.iter().map(|t| t.2).fold(0.0, f64::max);
    for (s, t, w) in ties {
        let pen = if max > 0.0 { 0.6 + 1.6 * w / max } else { 1.0 };
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [style=dashed, color=\"#56b4e9cc\", constraint=false, penwidth={}, arrowsize=0.5];",
            q(cx.view.id(s)),
            q(cx.view.id(t)),
            float((pen * 100.0).round() / 100.0)
        )?;
    }
    Ok(())
}
