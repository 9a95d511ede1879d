//! orgsphere: organisational network analysis that separates formal power from influence.
//!
//! Managers hold formal power; leaders hold influence, with or without a title. orgsphere
//! reads an HR org chart and relationship surveys, builds one graph with an authority
//! layer and an influence layer, measures each person's formal sphere and sphere of
//! influence, and names the informal leaders: people without managerial authority whom
//! others follow anyway.
//!
//! The pipeline, one module per stage, in the order data flows:
//! [`load`] → [`validate`] → [`graph`] → [`metrics`] → [`classify`] → [`decisions`] (key
//! players, backups, change agents; beside the findings) → [`findings`] →
//! [`analysis`] (what the run made) → [`export`], which writes through [`outdir`] (the
//! atomic output folder, also `compare`'s, `generate`'s and `template`'s). [`perceive`]
//! measures what people believe about who goes to whom, when perception files are given
//! (beside [`metrics`]; its findings are `findings::perception`'s). Below them all, importing
//! nothing above: [`diagnostics`] (the problems found in the inputs), [`error`],
//! [`options`] (each stage's settings), [`rng`], [`progress`], [`text`] (numbers and
//! escaping as every output writes them). [`analyze`] runs it all;
//! [`check`] stops after validation, on the one path every caller takes
//! ([`check_inputs`]). [`compare::compare`] sets two runs' results (or two input folders,
//! analysed) side by side.

pub mod analysis;
pub mod classify;
pub mod compare;
pub mod decisions;
pub mod diagnostics;
pub mod error;
pub mod export;
pub mod findings;
pub mod generate;
pub mod graph;
pub mod load;
pub mod memory;
pub mod metrics;
pub mod options;
pub mod outdir;
pub mod perceive;
pub mod progress;
pub mod rng;
pub mod template;
pub mod text;
pub mod validate;

pub use analysis::Analysis;
pub use error::{Error, Result};
pub use options::Options;

use rayon::prelude::*;

use diagnostics::Problems;
use findings::AnalysisParts;
use graph::OrgGraph;
use load::{InputFile, OrgChart, Survey};
use metrics::grouping::Grouping;
use progress::{Progress, Silent, stage};
use validate::Dataset;

/// Loads and validates the inputs of `options`: the data-quality stage alone.
pub fn check(options: &Options) -> Result<Dataset> {
    check_with(options, &Silent)
}

/// [`check`], reporting its stages to `progress`.
pub fn check_with(options: &Options, progress: &dyn Progress) -> Result<Dataset> {
    let surveys: Vec<InputFile<'_>> = options
        .inputs
        .surveys
        .iter()
        .map(|path| InputFile::Path(path))
        .collect();
    check_inputs(
        InputFile::Path(&options.inputs.org),
        &surveys,
        options,
        progress,
    )
}

/// Like [`check`], on files already in memory: the org chart and each survey as (name,
/// bytes). For tests, fuzzing and callers that read standard input; the same checks, in
/// the same order, as on files.
pub fn check_bytes(
    org: (&str, &[u8]),
    surveys: &[(&str, &[u8])],
    options: &Options,
) -> Result<Dataset> {
    let surveys: Vec<InputFile<'_>> = surveys
        .iter()
        .map(|&(name, bytes)| InputFile::Bytes(name, bytes))
        .collect();
    check_inputs(InputFile::Bytes(org.0, org.1), &surveys, options, &Silent)
}

/// The data-quality stage, the one path every caller takes: the org chart and the surveys
/// are read side by side, the org chart's own checks run while the surveys are read, then
/// the surveys are checked against the people. Problems are listed by file (the org chart
/// first) and row, errors as warnings.
pub fn check_inputs(
    org: InputFile<'_>,
    surveys: &[InputFile<'_>],
    options: &Options,
    progress: &dyn Progress,
) -> Result<Dataset> {
    if surveys.is_empty() {
        return Err(Error::NoSurvey {
            folder: org
                .path()
                .parent()
                .unwrap_or(std::path::Path::new("."))
                .to_path_buf(),
        });
    }
    let mut org_problems = Problems::new(options.check.strict);
    let mut survey_problems = Problems::new(options.check.strict);
    // On a large organisation each file takes seconds to read, and the org chart's own
    // checks need no survey.
    let (org, survey) = stage(progress, "read inputs", || {
        rayon::join(
            || {
                OrgChart::read(org, &options.read).map(|org| {
                    let people = validate::check_org(&org, &mut org_problems);
                    (org, people)
                })
            },
            || Survey::read(surveys, &options.read, &mut survey_problems),
        )
    });
    let ((org, people), survey) = (org?, survey?);
    org_problems.extend(survey_problems);
    let mut dataset = stage(progress, "validate", || {
        validate::finish(
            org,
            people,
            survey,
            &options.check,
            &options.formal,
            org_problems,
        )
    })?;
    if !options.inputs.perceptions.is_empty() {
        let files: Vec<InputFile<'_>> = options
            .inputs
            .perceptions
            .iter()
            .map(|path| InputFile::Path(path))
            .collect();
        check_perceptions(&mut dataset, &files, options)?;
    }
    Ok(dataset)
}

/// Reads the perception files and checks them against a checked data set (after the
/// surveys: a perception is compared with their questions and people).
pub fn check_perceptions(
    dataset: &mut Dataset,
    files: &[InputFile<'_>],
    options: &Options,
) -> Result<()> {
    let mut problems = diagnostics::Problems::new(options.check.strict);
    let perceptions = load::perceptions::Perceptions::read(files, &options.read, &mut problems)?;
    validate::perceptions::check(dataset, perceptions, problems)
}

/// Runs the analysis on a checked data set: graph, metrics, classification, findings.
pub fn analyze_dataset(dataset: Dataset, options: &Options) -> Analysis {
    analyze_dataset_with(dataset, options, &Silent)
}

/// [`analyze_dataset`], reporting its stages to `progress`.
pub fn analyze_dataset_with(
    dataset: Dataset,
    options: &Options,
    progress: &dyn Progress,
) -> Analysis {
    // People named with `--key-player` whom nobody has are left out.
    let (named, _) = key_players_named(&dataset, options);
    analyze_named(dataset, options, named, progress)
}

/// [`analyze_dataset_with`], with the people `--key-player` names already found.
fn analyze_named(
    dataset: Dataset,
    options: &Options,
    named: Vec<u32>,
    progress: &dyn Progress,
) -> Analysis {
    let mut graph = stage(progress, "build graph", || OrgGraph::build(&dataset));
    let metrics = metrics::compute(&graph, &dataset, options.paths, options.seed, progress);
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
    let inputs = classify::ClassifyInputs {
        titles: &titles,
        levels: dataset.structure.levels(),
        influence,
        responded: &responded,
        command: &command,
        team_question: team.question.map(|q| dataset.questions[q].as_str()),
    };
    let mut classification = stage(progress, "classify and resample", || {
        classify::classify(
            &metrics,
            &inputs,
            &options.roles,
            &options.formal,
            options.seed,
        )
    });
    // Timed as a stage only when the survey asks how people lead (else there is nothing).
    let leadership = dataset.asks_how_people_lead().then(|| {
        stage(progress, "how people lead", || {
            classify::profile::leadership(
                &dataset,
                &graph,
                &metrics.managers,
                &classification.formal_power,
                &options.roles,
            )
        })
    });
    let leadership = leadership.flatten();
    if let Some(l) = &leadership {
        classification
            .reason
            .par_iter_mut()
            .zip(&l.profile)
            .for_each(|(reason, profile)| {
                if !profile.is_empty() {
                    // Room for the profile alone, not twice the line.
                    reason.reserve_exact(2 + profile.len());
                    reason.push_str("; ");
                    reason.push_str(profile);
                }
            });
    }
    let parts = AnalysisParts {
        dataset: &dataset,
        graph: &graph,
        metrics: &metrics,
        classification: &classification,
        leadership: leadership.as_ref(),
    };
    let grouping = grouping(&dataset, &metrics, options);
    let (findings, decisions) = rayon::join(
        || {
            stage(progress, "findings", || {
                findings::find(&findings::FindingInputs::new(
                    parts,
                    &grouping,
                    options.output.min_group_size,
                ))
            })
        },
        || {
            stage(progress, "key players", || {
                decisions::decide(&decisions::DecisionInputs {
                    dataset: &dataset,
                    graph: &graph,
                    metrics: &metrics,
                    classification: &classification,
                    min_group_size: options.output.min_group_size,
                    named: &named,
                    options: &options.decisions,
                    seed: options.seed,
                })
            })
        },
    );
    let key_player_findings =
        findings::key_players::key_player_findings(&decisions, &classification.formal_power);
    // Only when perception files were given: a run without them does no more work.
    let perception = dataset.perceptions.as_ref().and_then(|_| {
        stage(progress, "perceptions", || {
            findings::perception::analyse(parts, options.output.min_group_size, options.seed)
        })
    });
    let mut findings = findings;
    if let Some(p) = &perception {
        findings.extend(p.findings.iter().cloned());
        findings::sort(&mut findings);
    }
    // Everything that reads a question's own view has read it: the files need the
    // combined view only.
    graph.release_question_views();
    Analysis {
        dataset,
        graph,
        metrics,
        classification,
        leadership,
        findings,
        decisions,
        key_player_findings,
        grouping,
        perception,
    }
}

/// The whole pipeline: load, validate, analyse, and write every output to `options.out`
/// (complete or not at all).
pub fn analyze(options: &Options) -> Result<Analysis> {
    analyze_with(options, &Silent)
}

/// Checks `--group-by` against the org chart's columns, before the analysis.
fn check_group_by(dataset: &Dataset, options: &Options) -> Result<()> {
    let Some(name) = &options.output.group_by else {
        return Ok(());
    };
    if let Some(col) = metrics::grouping::find_column(dataset, name) {
        // Pseudonymised results keep no org-chart column but title and department, so
        // they group by no other: a group named by a manager id, a name or an e-mail
        // address would say who its people are.
        let columns = &dataset.org.columns;
        if options.output.pseudonymize.is_some()
            && ![columns.title, columns.department].contains(&Some(col))
        {
            return Err(Error::Usage(format!(
                "--group-by {name:?} with --pseudonymize: pseudonymised results keep no \
                 org-chart column but title and department, so they group by those only; \
                 group by the department or title column, or leave out --pseudonymize"
            )));
        }
        return Ok(());
    }
    Err(Error::Usage(format!(
        "--group-by {name:?}: the org chart has no such column; its columns are {}",
        dataset.org.headers.join(", ")
    )))
}

/// The groups of the group findings and the group matrix: the `--group-by` column, else
/// the departments.
fn grouping(dataset: &Dataset, metrics: &metrics::Metrics, options: &Options) -> Grouping {
    options
        .output
        .group_by
        .as_deref()
        .and_then(|name| metrics::grouping::find_column(dataset, name))
        .map_or_else(
            || Grouping::departments(dataset, &metrics.department, &metrics.department_names),
            |col| Grouping::by_column(dataset, col),
        )
}

/// [`analyze`], reporting its stages to `progress`.
pub fn analyze_with(options: &Options, progress: &dyn Progress) -> Result<Analysis> {
    // A folder that cannot be written, and a --dot-root nobody has, are said before the
    // work, not after it.
    outdir::check(&options.out, &options.input_paths())?;
    let dataset = check_with(options, progress)?;
    export::check_dot_root(&dataset, &options.output)?;
    let named = match key_players_named(&dataset, options) {
        (named, None) => named,
        (_, Some(id)) => return Err(unknown_key_player(id)),
    };
    check_group_by(&dataset, options)?;
    let analysis = analyze_named(dataset, options, named, progress);
    export::write_all(&analysis, options, progress)?;
    Ok(analysis)
}

/// The people `--key-player` names, as person numbers: by id (trimmed), or by pseudonym
/// when the run is pseudonymised; each id looked up once. Also the first id nobody has,
/// if any ([`analyze_with`] refuses it before the analysis; the others leave it out).
fn key_players_named<'a>(dataset: &Dataset, options: &'a Options) -> (Vec<u32>, Option<&'a str>) {
    let mut named = Vec::new();
    let mut unknown = None;
    for id in &options.decisions.key_players {
        match find_person(dataset, options, id) {
            Some(p) => named.push(p),
            None => {
                unknown.get_or_insert(id.as_str());
            }
        }
    }
    (named, unknown)
}

fn find_person(dataset: &Dataset, options: &Options, id: &str) -> Option<u32> {
    let ids = &dataset.people.ids;
    ids.iter()
        .position(|x| x == id.trim())
        .or_else(|| {
            let key = options.output.pseudonymize.as_ref()?;
            ids.iter()
                .position(|x| export::privacy::pseudonym(key, x) == id)
        })
        .map(|p| p as u32)
}

/// A `--key-player` nobody has: a usage error, said before the analysis.
fn unknown_key_player(id: &str) -> Error {
    Error::Usage(format!(
        "--key-player {id:?}: nobody has this id in the org chart; give the id of a person to assess as a key player"
    ))
}
