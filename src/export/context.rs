//! What an exporter is given ([`ExportContext`]: the analysis as the files may show it, the
//! options, the timestamp, and what several files share, computed once) and what an
//! exporter is ([`Exporter`]).

use std::io::{self, Write};
use std::sync::OnceLock;

use rayon::prelude::*;

use super::view::View;
use super::view::groups::{self, DepartmentGroups};
use super::view::layout::PeopleLayout;
use super::view::sought;
use crate::analysis::Analysis;
use crate::graph::Tie;
use crate::memory::prefetch;
use crate::options::{LARGE_ORGANISATION, Options};
use crate::text;

/// The edges of both layers in output order ([`ExportContext::edges`]).
#[derive(Clone, Copy)]
pub struct SortedEdges<'a> {
    order: &'a [u32],
    view: &'a View<'a>,
}

impl SortedEdges<'_> {
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The `i`-th edge in output order: source, target and tie.
    pub fn get(&self, i: usize) -> (usize, usize, Tie) {
        self.view.edge(self.order[i])
    }

    /// Asks the processor for what the edge `i + 8` will read, in three steps over the
    /// edges before it: the graph's record of the edge 24 places on, the id of the edge
    /// 16 places on's target, the text of that id 8 places on. No effect on the result.
    /// Edges come by source, so their targets, and the targets' ids, lie anywhere in
    /// memory.
    pub fn prefetch_ahead(&self, i: usize, ids: &[String]) {
        if let Some(&e) = self.order.get(i + 24) {
            prefetch(self.view.raw_edge(e));
        }
        if let Some(&e) = self.order.get(i + 16) {
            prefetch(&ids[self.view.raw_edge(e).target().index()]);
        }
        if let Some(&e) = self.order.get(i + 8)
            && let Some(first) = ids[self.view.raw_edge(e).target().index()]
                .as_bytes()
                .first()
        {
            prefetch(first);
        }
    }

    /// Every edge in output order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, Tie)> + '_ {
        self.order.iter().map(|&e| self.view.edge(e))
    }
}

/// What an exporter may read: the analysis only through the [`View`].
pub struct ExportContext<'a> {
    pub options: &'a Options,
    /// The run's one timestamp (RFC 3339, UTC); `OutputOptions::generated_at` fixes it.
    pub generated_at: String,
    /// The people as the outputs may show them.
    pub view: View<'a>,
    /// Departments for group-level figures, small ones suppressed.
    pub groups: DepartmentGroups,
    /// The groups of the group matrix: as `groups`, or by the `--group-by` column.
    pub group_matrix: DepartmentGroups,
    /// The most distinct nominators anyone has (for sizes by influence).
    pub max_in_degree: u32,
    layout: OnceLock<PeopleLayout>,
    edges: OnceLock<Vec<u32>>,
    xml_ids: OnceLock<Vec<String>>,
    sought: OnceLock<sought::SoughtAfter>,
}

impl<'a> ExportContext<'a> {
    pub fn new(analysis: &'a Analysis, options: &'a Options, generated_at: String) -> Self {
        let out = &options.output;
        ExportContext {
            options,
            generated_at,
            view: View::new(analysis, out),
            groups: DepartmentGroups::departments(analysis, out.min_group_size, groups::MAX_GROUPS),
            group_matrix: DepartmentGroups::grouping(
                analysis,
                out.min_group_size,
                groups::MAX_GROUPS,
            ),
            max_in_degree: analysis
                .metrics
                .combined
                .in_degree
                .iter()
                .copied()
                .max()
                .unwrap_or(0),
            layout: OnceLock::new(),
            edges: OnceLock::new(),
            xml_ids: OnceLock::new(),
            sought: OnceLock::new(),
        }
    }

    /// Everyone's position in the pictures, computed once.
    pub fn layout(&self) -> &PeopleLayout {
        self.layout.get_or_init(|| self.view.layout())
    }

    /// The most sought-after people and the nearest to the high-influence bar, computed
    /// once for `summary.json` and the report.
    pub fn sought_after(&self) -> &sought::SoughtAfter {
        self.sought.get_or_init(|| self.view.sought_after())
    }

    /// Whether the organisation is above [`LARGE_ORGANISATION`] people (graph files cut to
    /// what tools can open).
    pub fn large(&self) -> bool {
        self.view.people() > LARGE_ORGANISATION
    }

    /// Computes, side by side, what the graph files share: the layout, the sorted edges and
    /// the escaped ids (each is otherwise computed by the first file that asks).
    pub fn prepare_graph_files(&self) {
        rayon::join(
            || {
                self.layout();
            },
            || {
                rayon::join(|| self.edges().len(), || self.xml_ids().len());
            },
        );
    }

    /// Every edge in output order ([`View::edges`]), sorted once for all graph files.
    pub fn edges(&self) -> SortedEdges<'_> {
        SortedEdges {
            order: self.edges.get_or_init(|| self.view.edges()),
            view: &self.view,
        }
    }

    /// Everyone's id as the outputs write it, escaped for XML, indexed by person.
    pub fn xml_ids(&self) -> &[String] {
        self.xml_ids.get_or_init(|| {
            (0..self.view.people())
                .into_par_iter()
                .map(|p| text::xml(self.view.id(p)))
                .collect()
        })
    }
}

/// One output file.
pub trait Exporter: Send + Sync {
    fn file_name(&self) -> &'static str;
    /// Whether the file draws on what graph files share ([`ExportContext::prepare_graph_files`]).
    fn graph_file(&self) -> bool {
        false
    }
    /// Whether the file is written on one thread from start to end (the others format
    /// their rows in parallel chunks): such files are started first, so that none of them
    /// ends the run on one core while the other has nothing left to do.
    fn one_thread(&self) -> bool {
        false
    }
    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()>;
}
