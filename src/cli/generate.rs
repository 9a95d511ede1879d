//! `orgsphere generate`: a synthetic organisation with known truth.

use std::path::PathBuf;

use clap::builder::RangedU64ValueParser;
use clap::{Args, ValueHint};
use orgsphere::Result;
use orgsphere::generate::{MAX_PEOPLE, Spec, generate};
use serde_json::json;

use super::log;

#[derive(Args)]
pub struct GenerateArgs {
    /// How many people, from 2 to 10000000.
    #[arg(
        long,
        value_name = "N",
        value_parser = RangedU64ValueParser::<usize>::new().range(2..=MAX_PEOPLE as u64)
    )]
    people: usize,
    /// Seed: the same seed gives the same files.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Share of people who answer the survey.
    #[arg(long, value_name = "RATE", default_value_t = 0.85)]
    response_rate: f64,
    /// Share of people planted as informal leaders.
    #[arg(long, value_name = "SHARE", default_value_t = 0.01)]
    leader_share: f64,
    /// Share of people planted as managers whom their reports do not turn to.
    #[arg(long, value_name = "SHARE", default_value_t = 0.01)]
    weak_manager_share: f64,
    /// Folder to write org.csv, survey-advice.csv, survey-trust.csv and truth.csv into. An existing one is replaced only while it holds nothing but what orgsphere wrote there.
    #[arg(long, short, value_name = "DIR", value_hint = ValueHint::DirPath)]
    out: PathBuf,
}

pub fn run(args: GenerateArgs) -> Result<()> {
    let spec = Spec {
        people: args.people,
        seed: args.seed,
        response_rate: args.response_rate,
        leader_share: args.leader_share,
        weak_manager_share: args.weak_manager_share,
    };
    let g = generate(&spec, &args.out)?;
    log::info(
        &format!(
            "generated {} people ({} respondents, {} nominations; planted {} informal leaders and {} weak managers) in {}",
            g.people,
            g.respondents,
            g.nominations,
            g.informal_leaders,
            g.weak_managers,
            args.out.display()
        ),
        json!({
            "people": g.people,
            "respondents": g.respondents,
            "nominations": g.nominations,
            "informal_leaders": g.informal_leaders,
            "weak_managers": g.weak_managers,
            "out": args.out.display().to_string(),
        }),
    );
    Ok(())
}
