//! Export: the result files, written into a temporary folder and moved into place only
//! when all are complete, so an output folder is whole or absent ([`crate::outdir`]).
//!
//! One [`Exporter`] per file; each writes to any `io::Write`. Every exporter reads people
//! through one [`View`] (ids or pseudonyms, the privacy rules) and group figures through
//! one [`Groups`] (small groups suppressed), so no file can forget them.

mod chunks;
mod columns;
mod dot;
mod findings;
pub mod format;
mod gexf;
mod graphml;
pub mod groups;
mod json;
pub mod layout;
mod number;
mod parquet;
mod people;
mod perception;
pub mod privacy;
mod quality;
mod report;
mod sink;
pub mod sought;
mod style;
mod summary;
mod view;

pub use columns::{Cell, Column, Kind, person_columns, person_order};
pub use groups::Groups;
pub use layout::Layout;
pub use summary::SCHEMA_VERSION;
pub use view::View;

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::graph::Tie;
use crate::options::{Format, LARGE_ORGANISATION, Options, OutputOptions};
use crate::progress::{Progress, stage};
use crate::validate::Dataset;

/// What an exporter may read.
pub struct Context<'a> {
    pub analysis: &'a Analysis,
    pub options: &'a Options,
    /// The run's one timestamp (RFC 3339, UTC); `OutputOptions::generated_at` fixes it.
    pub generated_at: String,
    /// The people as the outputs may show them.
    pub view: View<'a>,
    /// Departments for group-level figures, small ones suppressed.
    pub groups: Groups,
    /// The most distinct nominators anyone has (for sizes by influence).
    pub max_in_degree: u32,
    layout: OnceLock<Layout>,
    edges: OnceLock<Vec<(usize, usize, Tie)>>,
    xml_ids: OnceLock<Vec<String>>,
    sought: OnceLock<sought::SoughtAfter>,
}

impl<'a> Context<'a> {
    pub fn new(analysis: &'a Analysis, options: &'a Options, generated_at: String) -> Self {
        let out = &options.output;
        Context {
            analysis,
            options,
            generated_at,
            view: View::new(analysis, out),
            groups: Groups::departments(analysis, out.min_group_size, groups::MAX_GROUPS),
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
    pub fn layout(&self) -> &Layout {
        self.layout
            .get_or_init(|| layout::layout(self.analysis, self.view.rank()))
    }

    /// The most sought-after people and the nearest to the high-influence bar, computed
    /// once for `summary.json` and the report.
    pub fn sought_after(&self) -> &sought::SoughtAfter {
        self.sought
            .get_or_init(|| sought::sought_after(self.analysis))
    }

    /// Whether the organisation is above [`LARGE_ORGANISATION`] people (graph files cut to
    /// what tools can open).
    pub fn large(&self) -> bool {
        self.analysis.dataset.people.len() > LARGE_ORGANISATION
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
    pub fn edges(&self) -> &[(usize, usize, Tie)] {
        self.edges.get_or_init(|| self.view.edges())
    }

    /// Everyone's id as the outputs write it, escaped for XML, indexed by person.
    pub fn xml_ids(&self) -> &[String] {
        self.xml_ids.get_or_init(|| {
            (0..self.analysis.dataset.people.len())
                .into_par_iter()
                .map(|p| format::xml(self.view.id(p)))
                .collect()
        })
    }
}

/// One output file.
pub trait Exporter: Send + Sync {
    fn file_name(&self) -> &'static str;
    /// Whether the file draws on what graph files share ([`Context::prepare_graph_files`]).
    fn graph_file(&self) -> bool {
        false
    }
    fn write(&self, cx: &Context<'_>, out: &mut (dyn Write + Send)) -> io::Result<()>;
}

/// The exporters for `formats`, in the order files are written: `people.csv`,
/// `data-quality.csv` and `summary.json` always, then the chosen formats.
pub fn exporters(formats: &BTreeSet<Format>) -> Vec<Box<dyn Exporter>> {
    let mut list: Vec<Box<dyn Exporter>> = vec![
        Box::new(people::PeopleCsv),
        Box::new(quality::DataQualityCsv),
        Box::new(summary::SummaryJson),
        Box::new(findings::FindingsCsv),
        Box::new(findings::FindingsJson),
    ];
    for format in formats {
        list.push(match format {
            Format::Parquet => Box::new(parquet::PeopleParquet),
            Format::Graphml => Box::new(graphml::GraphMl),
            Format::Gexf => Box::new(gexf::Gexf),
            Format::Dot => Box::new(dot::Dot),
            Format::Cyjs => Box::new(json::CytoscapeJson),
            Format::Json => Box::new(json::NodeLinkJson),
            Format::Report => Box::new(report::ReportHtml),
        });
    }
    list
}

/// Writes every output of `analysis` to `options.out`, atomically.
pub fn write_all(analysis: &Analysis, options: &Options, progress: &dyn Progress) -> Result<()> {
    let cx = Context::new(analysis, options, timestamp(&options.output));
    if let Some(root) = &options.output.dot_root
        && cx.view.find(root).is_none()
    {
        return Err(unknown_dot_root(root));
    }
    let formats = options.output.written(analysis.dataset.people.len());
    crate::outdir::write_folder(&options.out, &options.input_paths(), |dir| {
        // Files are independent: written in parallel, each on its own (the same bytes
        // whatever the order); the first error, in exporter order, is reported. The graph
        // files share the layout, the sorted edges and the escaped ids: those are prepared
        // once, while the other files are already being written.
        let list = exporters(&formats);
        let write = |exporter: &dyn Exporter| {
            let path = dir.join(exporter.file_name());
            stage(progress, exporter.file_name(), || {
                let mut file = sink::Sink::create(&path).map_err(|e| Error::io(&path, e))?;
                exporter
                    .write(&cx, &mut file)
                    .and_then(|_| file.finish())
                    .map_err(|e| Error::io(&path, e))
            })
        };
        let (graph, plain): (Vec<_>, Vec<_>) = list
            .iter()
            .map(|e| e.as_ref())
            .enumerate()
            .partition(|(_, e)| e.graph_file());
        let run = |part: &[(usize, &dyn Exporter)]| -> Vec<(usize, Result<()>)> {
            part.par_iter().map(|&(i, e)| (i, write(e))).collect()
        };
        let (mut done, graph_done) = rayon::join(
            || run(&plain),
            || {
                if !graph.is_empty() {
                    stage(progress, "layout", || cx.prepare_graph_files());
                }
                run(&graph)
            },
        );
        done.extend(graph_done);
        done.sort_by_key(|&(i, _)| i);
        done.into_iter().try_for_each(|(_, r)| r)
    })
}

/// Checks `--dot-root` against the people of a checked data set, before the analysis: an
/// id from the inputs or, when pseudonymised, a person's pseudonym (as [`View::find`]
/// reads it).
pub fn check_dot_root(dataset: &Dataset, output: &OutputOptions) -> Result<()> {
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
        Err(unknown_dot_root(root))
    }
}

fn unknown_dot_root(root: &str) -> Error {
    Error::Usage(format!(
        "--dot-root {root:?}: nobody has this id in the org chart; give the id of the person whose subtree graph.dot should draw"
    ))
}

/// `people.csv` and `summary.json` of `analysis`, byte for byte as [`write_all`] writes
/// them, in memory: what `compare` reads of an input folder it analyses.
pub fn people_and_summary(analysis: &Analysis, options: &Options) -> io::Result<[Vec<u8>; 2]> {
    let cx = Context::new(analysis, options, timestamp(&options.output));
    let mut files = [Vec::new(), Vec::new()];
    people::PeopleCsv.write(&cx, &mut files[0])?;
    summary::SummaryJson.write(&cx, &mut files[1])?;
    Ok(files)
}

/// The run's timestamp: the time `output` gives (the command line's `SOURCE_DATE_EPOCH`),
/// else now.
pub fn timestamp(output: &OutputOptions) -> String {
    let secs = output.generated_at.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    rfc3339(secs)
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (civil-from-days, H. Hinnant).
fn rfc3339(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_824_000), "2026-11-28T00:00:00Z");
        assert_eq!(rfc3339(951_782_400 + 3661), "2000-02-29T01:01:01Z");
    }
}
