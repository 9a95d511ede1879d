//! `orgsphere analyze`: the whole pipeline, results written to `--out`.

use std::path::PathBuf;

use clap::{Args, ValueHint};
use orgsphere::Result;
use orgsphere::classify::Role;
use serde_json::json;

use super::{ConfigArg, InputArgs, RuleArgs, log};

#[derive(Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    rule: RuleArgs,
    /// Folder for the results (replaced if orgsphere wrote it before).
    #[arg(long, short, value_name = "DIR", default_value = "orgsphere-results", value_hint = ValueHint::DirPath)]
    out: PathBuf,
    #[command(flatten)]
    config: ConfigArg,
}

pub fn run(args: AnalyzeArgs) -> Result<()> {
    let mut options = args.inputs.options(args.out)?;
    args.rule.apply(&mut options)?;
    let stages = super::progress::Stages::new();
    let a = orgsphere::analyze_with(&options, &stages);
    stages.finish();
    let a = a?;
    let d = &a.dataset;
    let leaders = a
        .classification
        .role
        .iter()
        .filter(|&&r| r == Role::InformalLeader)
        .count();
    log::info(
        &format!(
            "{} people, {} respondents ({:.1} %), {leaders} informal leaders; {} warnings (see data-quality.csv); results in {}",
            d.people.len(),
            d.respondents(),
            100.0 * d.response_rate(),
            d.warnings.len(),
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
    Ok(())
}
