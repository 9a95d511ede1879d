//! Writing the files: every exporter's file written side by side into the output folder
//! ([`write_all`]), each through a [`sink`] that writes on a thread of its own, large
//! files formatted in parallel [`chunks`].

pub mod chunks;
pub mod sink;

use std::io;

use rayon::prelude::*;

use super::clock::timestamp;
use super::context::{ExportContext, Exporter};
use super::formats::{self, exporters};
use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::progress::{Progress, stage};

/// Writes every output of `analysis` to `options.out`, atomically.
pub fn write_all(analysis: &Analysis, options: &Options, progress: &dyn Progress) -> Result<()> {
    let cx = ExportContext::new(analysis, options, timestamp(&options.output));
    if let Some(root) = &options.output.dot_root
        && cx.view.find(root).is_none()
    {
        return Err(formats::dot::unknown_root(root));
    }
    let formats = options.output.written(cx.view.people());
    crate::outdir::write_folder(&options.out, &options.input_paths(), |dir| {
        // Files are independent: written in parallel, each on its own (the same bytes
        // whatever the order); the first error, in exporter order, is reported. The graph
        // files share the layout, the sorted edges and the escaped ids: those are prepared
        // once, while the other files are already being written.
        let mut list = exporters(&formats);
        if cx.view.change_agents().is_some() {
            list.push(Box::new(formats::change_agents::ChangeAgentsCsv));
        }
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
        let (graph, mut plain): (Vec<_>, Vec<_>) = list
            .iter()
            .map(|e| e.as_ref())
            .enumerate()
            .partition(|(_, e)| e.graph_file());
        plain.sort_by_key(|(i, e)| (!e.one_thread(), *i));
        // One file a task, so that a thread that is done takes whatever file is left
        // rather than wait while the other writes its last two in turn.
        let run = |part: &[(usize, &dyn Exporter)]| -> Vec<(usize, Result<()>)> {
            part.par_iter()
                .with_max_len(1)
                .map(|&(i, e)| (i, write(e)))
                .collect()
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

/// `people.csv` and `summary.json` of `analysis`, byte for byte as [`write_all`] writes
/// them, in memory: what `compare` reads of an input folder it analyses.
pub fn people_and_summary(analysis: &Analysis, options: &Options) -> io::Result<[Vec<u8>; 2]> {
    let cx = ExportContext::new(analysis, options, timestamp(&options.output));
    let mut files = [Vec::new(), Vec::new()];
    formats::people::PeopleCsv.write(&cx, &mut files[0])?;
    formats::summary::SummaryJson.write(&cx, &mut files[1])?;
    Ok(files)
}
