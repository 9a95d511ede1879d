//! `orgsphere generate`: a synthetic organisation with known truth.

use std::path::PathBuf;

use clap::builder::RangedU64ValueParser;
use clap::{Args, ValueHint};
use orgsphere::generate::{MAX_PEOPLE, Model, Spec, generate};
use orgsphere::{Result, text};
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
    /// Share of people planted as informal leaders [default: 0.01; 0.02 with --roster].
    #[arg(long, value_name = "SHARE")]
    leader_share: Option<f64>,
    /// Share of people planted as managers whom their reports do not turn to.
    #[arg(long, value_name = "SHARE", default_value_t = 0.01)]
    weak_manager_share: f64,
    /// Draw a dense roster survey instead: every respondent ticks names on the whole staff list for advice, friendship, cowork and conflict, with people popular in friendship only and people named in conflict only planted too (at most 5000 people).
    #[arg(long)]
    roster: bool,
    /// With --roster: the share of colleagues an average respondent names for advice, 0.05–0.5 [default: 0.4·√(60/N) kept within 0.10–0.40].
    #[arg(long, value_name = "D", requires = "roster")]
    density: Option<f64>,
    /// Also the questions on how people lead: example, future and energy (each planted informal leader followed on one of them only, listed in truth-dimensions.csv) and direction (people take it from their manager); the other files do not change.
    #[arg(long, conflicts_with = "roster")]
    dimensions: bool,
    /// Folder to write org.csv, the surveys (survey-advice.csv and survey-trust.csv; with --roster survey-advice, -friendship, -cowork and -conflict.csv) and truth.csv into. An existing one is replaced only while it holds nothing but what orgsphere wrote there.
    #[arg(long, short, value_name = "DIR", value_hint = ValueHint::DirPath)]
    out: PathBuf,
}

pub fn run(args: GenerateArgs) -> Result<()> {
    let model = if args.roster {
        Model::Roster {
            density: args.density,
        }
    } else {
        Model::Sparse
    };
    let spec = Spec {
        people: args.people,
        seed: args.seed,
        response_rate: args.response_rate,
        leader_share: args
            .leader_share
            .unwrap_or(if args.roster { 0.02 } else { 0.01 }),
        weak_manager_share: args.weak_manager_share,
        model,
        dimensions: args.dimensions,
    };
    let g = generate(&spec, &args.out)?;
    let roster = match g.density {
        Some(d) => format!(
            ", {} and {}; advice density {d:.3}",
            text::count(
                g.friendship_only,
                "friendship-only person",
                "friendship-only people"
            ),
            text::count(
                g.conflict_only,
                "conflict-only person",
                "conflict-only people"
            )
        ),
        None => String::new(),
    };
    let mut fields = json!({
        "people": g.people,
        "respondents": g.respondents,
        "nominations": g.nominations,
        "informal_leaders": g.informal_leaders,
        "weak_managers": g.weak_managers,
        "out": args.out.display().to_string(),
    });
    if let Some(d) = g.density {
        fields["friendship_only"] = json!(g.friendship_only);
        fields["conflict_only"] = json!(g.conflict_only);
        fields["density"] = json!(d);
    }
    log::info(
        &format!(
            "generated {} people ({} respondents, {} nominations; planted {} and {}{roster}) in {}",
            g.people,
            g.respondents,
            g.nominations,
            text::count(g.informal_leaders, "informal leader", "informal leaders"),
            text::count(g.weak_managers, "weak manager", "weak managers"),
            args.out.display()
        ),
        fields,
    );
    Ok(())
}
