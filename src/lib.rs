//! orgsphere: organisational network analysis that separates formal power from influence.
//!
//! Managers hold formal power; leaders hold influence, with or without a title. orgsphere
//! reads an HR org chart and relationship surveys, builds one graph with an authority
//! layer and an influence layer, measures each person's formal sphere and sphere of
//! influence, and names the informal leaders: people without managerial authority whom
//! others follow anyway.
//!
//! The pipeline, one module per stage, in the order data flows:
//! [`load`] → [`validate`] → [`graph`] → [`metrics`] → [`classify`] → [`export`], which
//! writes through [`outdir`] (the atomic output folder, also `compare`'s and `generate`'s).
//! [`analyze`] runs it all; [`check`] stops after validation. [`compare::compare`] sets two
//! runs' results (or two input folders, analysed) side by side.

pub mod classify;
pub mod compare;
pub mod diagnostics;
pub mod error;
pub mod export;
pub mod findings;
pub mod generate;
pub mod graph;
pub mod load;
pub mod metrics;
pub mod options;
pub mod outdir;
pub mod progress;
pub mod rng;
pub mod validate;

pub use error::{Error, Result};
pub use options::Options;

use classify::Classification;
use diagnostics::Problems;
use graph::OrgGraph;
use load::{OrgChart, Survey};
use metrics::Metrics;
use progress::{Progress, Silent, stage};
use validate::Dataset;

/// Everything one analysis produced, ready for the exporters.
#[derive(Debug)]
pub struct Analysis {
    pub dataset: Dataset,
    pub graph: OrgGraph,
    pub metrics: Metrics,
    pub classification: Classification,
    pub findings: Vec<findings::Finding>,
}

/// Loads and validates the inputs of `options`: the data-quality stage alone.
pub fn check(options: &Options) -> Result<Dataset> {
    check_with(options, &Silent)
}

/// [`check`], reporting its stages to `progress`.
pub fn check_with(options: &Options, progress: &dyn Progress) -> Result<Dataset> {
    if options.inputs.surveys.is_empty() {
        return Err(Error::InputMissing {
            path: options
                .inputs
                .org
                .parent()
                .unwrap_or(std::path::Path::new("."))
                .to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no survey file: pass --survey FILE, or put survey*.csv beside org.csv",
            ),
        });
    }
    let mut problems = Problems::new(options.strict);
    let mut org_problems = Problems::new(options.strict);
    // The org chart and the surveys are read at the same time: on a large organisation
    // each takes seconds, and the org chart's own checks need no survey.
    let (org, survey) = stage(progress, "read inputs", || {
        rayon::join(
            || {
                OrgChart::read(&options.inputs.org, options).map(|org| {
                    let people = validate::check_org(&org, &mut org_problems);
                    (org, people)
                })
            },
            || Survey::read(&options.inputs.surveys, options, &mut problems),
        )
    });
    let ((org, people), survey) = (org?, survey?);
    org_problems.extend(problems);
    stage(progress, "validate", || {
        validate::finish(org, people, survey, options, org_problems)
    })
}

/// Like [`check`], on files already in memory: the org chart and each survey as (name,
/// bytes). For tests, fuzzing and callers that read standard input.
pub fn check_bytes(
    org: (&str, &[u8]),
    surveys: &[(&str, &[u8])],
    options: &Options,
) -> Result<Dataset> {
    let mut problems = Problems::new(options.strict);
    let org = OrgChart::from_bytes(org.0, org.1, options)?;
    let mut survey = Survey::default();
    for (name, bytes) in surveys {
        survey.add_bytes(name, bytes, options, &mut problems)?;
    }
    validate::validate(org, survey, options, problems)
}

/// Runs the analysis on a checked data set: graph, metrics, classification.
pub fn analyze_dataset(dataset: Dataset, options: &Options) -> Analysis {
    analyze_dataset_with(dataset, options, &Silent)
}

/// [`analyze_dataset`], reporting its stages to `progress`.
pub fn analyze_dataset_with(
    dataset: Dataset,
    options: &Options,
    progress: &dyn Progress,
) -> Analysis {
    let graph = stage(progress, "build graph", || OrgGraph::build(&dataset));
    let settings = metrics::PathSettings {
        exact_limit: options.exact_paths_limit,
        samples: options.path_samples,
        seed: options.seed,
    };
    let metrics = metrics::compute(&graph, &dataset, settings, progress);
    let titles: Vec<&str> = match dataset.org.columns.title {
        Some(col) => (0..dataset.people.len())
            .map(|p| dataset.org.rows.cell(dataset.people.record[p], col).trim())
            .collect(),
        None => vec![""; dataset.people.len()],
    };
    let responded: Vec<bool> = (0..dataset.people.len())
        .map(|p| dataset.responded_influence(p))
        .collect();
    let influence = graph.influence(graph::Questions::All);
    let team = findings::team_layer(&dataset, &graph);
    let command = metrics::command_counts(team.graph, &metrics.managers, &team.responded);
    let inputs = classify::Inputs {
        titles: &titles,
        levels: dataset.structure.levels(),
        influence,
        responded: &responded,
        command: &command,
        team_question: team.question.map(|q| dataset.questions[q].as_str()),
    };
    let classification = stage(progress, "classify and resample", || {
        classify::classify(&metrics, &inputs, options)
    });
    let mut analysis = Analysis {
        dataset,
        graph,
        metrics,
        classification,
        findings: Vec::new(),
    };
    analysis.findings = stage(progress, "findings", || {
        findings::find(&findings::Context::new(
            &analysis,
            options.output.min_group_size,
        ))
    });
    analysis
}

/// The whole pipeline: load, validate, analyse, and write every output to `options.out`
/// (complete or not at all).
pub fn analyze(options: &Options) -> Result<Analysis> {
    analyze_with(options, &Silent)
}

/// [`analyze`], reporting its stages to `progress`.
pub fn analyze_with(options: &Options, progress: &dyn Progress) -> Result<Analysis> {
    // A folder that cannot be written is said before the work, not after it.
    outdir::check(&options.out, &options.input_paths())?;
    let analysis = analyze_dataset_with(check_with(options, progress)?, options, progress);
    export::write_all(&analysis, options, progress)?;
    Ok(analysis)
}
