//! `orgsphere analyze`: the whole pipeline, results written to `--out`.

use std::path::PathBuf;

use clap::{Args, ValueHint};
use orgsphere::Result;
use orgsphere::classify::Role;
use orgsphere::options::{Format, OutputOptions};
use orgsphere::text::count;
use serde_json::json;

use super::{ConfigArg, InputArgs, PrivacyArgs, RuleArgs, log};

#[derive(Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    rule: RuleArgs,
    /// Folder for the results. An existing one is replaced only while it holds nothing but what orgsphere wrote there (its .orgsphere-manifest), keeping its permissions and group; never when it is or holds an input.
    #[arg(long, short, value_name = "DIR", default_value = "orgsphere-results", value_hint = ValueHint::DirPath)]
    out: PathBuf,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    config: ConfigArg,
}

/// Which files to write and how to protect the people in them.
#[derive(Args)]
pub struct OutputArgs {
    /// Files to write besides people.csv, data-quality.csv and summary.json: a comma-separated list of parquet, graphml, gexf, dot, cyjs, json, report (or all, or none). Above 20,000 people, all leaves out cyjs and json (too large for a browser to draw); name them to write them.
    #[arg(
        long,
        value_name = "LIST",
        default_value = "all",
        help_heading = "Output"
    )]
    formats: String,
    #[command(flatten)]
    privacy: PrivacyArgs,
    /// graph.dot draws only the subtree under this person (an id, or its pseudonym).
    #[arg(long, value_name = "ID", help_heading = "Output")]
    dot_root: Option<String>,
}

impl OutputArgs {
    fn options(&self) -> Result<OutputOptions> {
        let mut output = OutputOptions {
            formats: Format::parse_list(&self.formats)?,
            named_formats: Format::named_in(&self.formats),
            dot_root: self.dot_root.clone(),
            generated_at: super::source_date_epoch(),
            ..OutputOptions::default()
        };
        self.privacy.apply(&mut output)?;
        Ok(output)
    }
}

pub fn run(args: AnalyzeArgs) -> Result<()> {
    let mut options = args.inputs.options(args.out)?;
    args.rule.apply(&mut options)?;
    options.output = args.output.options()?;
    options.config = args.config.config;
    let stages = super::progress::Stages::new();
    let a = orgsphere::analyze_with(&options, &stages);
    stages.finish();
    let a = a?;
    let d = &a.dataset;
    left_out_note(&options.output, d.people.len());
    let leaders = a
        .classification
        .role
        .iter()
        .filter(|&&r| r == Role::InformalLeader)
        .count();
    log::info(
        &format!(
            "{} people, {} respondents ({:.1} %), {}; {} (see data-quality.csv); results in {}",
            d.people.len(),
            d.respondents(),
            100.0 * d.response_rate(),
            count(leaders, "informal leader", "informal leaders"),
            count(d.warnings.len(), "warning", "warnings"),
            options.out.display()
        ),
        json!({
            "people": d.people.len(),
            "respondents": d.respondents(),
            "response_rate": d.response_rate(),
            "informal_leaders": leaders,
            "warnings": d.warnings.len(),
            "out": options.out.display().to_string(),
        }),
    );
    // A large organisation's analysis is millions of small allocations; the process ends
    // here and the operating system takes them back at once, so they are not freed one by
    // one (a second or so at a million people).
    std::mem::forget(a);
    Ok(())
}

/// One line when the organisation is too large for the browser formats of `all`.
fn left_out_note(output: &OutputOptions, people: usize) {
    let left_out = output.left_out(people);
    if left_out.is_empty() {
        return;
    }
    let files: Vec<&str> = left_out.iter().map(|f| f.file_name()).collect();
    let names: Vec<&str> = left_out.iter().map(|f| f.as_str()).collect();
    log::info(
        &format!(
            "{} left out: {people} people is more than {} (too many for a browser to draw{}); --formats {} writes them",
            files.join(" and "),
            orgsphere::options::LARGE_ORGANISATION,
            if output.wants(Format::Graphml) {
                "; graph.graphml also leaves out yEd's drawing hints"
            } else {
                ""
            },
            names.join(",")
        ),
        json!({
            "left_out": files,
            "people": people,
            "large_organisation": orgsphere::options::LARGE_ORGANISATION,
        }),
    );
}
