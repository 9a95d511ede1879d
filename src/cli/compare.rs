//! `orgsphere compare OLD NEW`: two result folders → changes.csv, compare.json and
//! compare.html in `--out`.

use std::path::PathBuf;

use clap::{Args, ValueHint};
use orgsphere::Result;
use orgsphere::compare::{self, CompareOptions};
use serde_json::json;

use super::{ConfigArg, log};

#[derive(Args)]
pub struct CompareArgs {
    /// The earlier result folder (written by `orgsphere analyze --out`).
    #[arg(value_name = "OLD", value_hint = ValueHint::DirPath)]
    old: PathBuf,
    /// The later result folder.
    #[arg(value_name = "NEW", value_hint = ValueHint::DirPath)]
    new: PathBuf,
    /// Folder for changes.csv, compare.json and compare.html (replaced if orgsphere wrote it before).
    #[arg(long, short, value_name = "DIR", default_value = "orgsphere-compare", value_hint = ValueHint::DirPath)]
    out: PathBuf,
    #[command(flatten)]
    config: ConfigArg,
}

pub fn run(args: CompareArgs) -> Result<()> {
    let options = CompareOptions {
        old: args.old,
        new: args.new,
        out: args.out,
    };
    let c = compare::compare(&options)?;
    let (joined, left, stayed) = c.counts();
    let (became, stopped) = (
        c.became_informal_leaders().len(),
        c.stopped_being_informal_leaders().len(),
    );
    let changed = c.role_changes().len();
    for w in &c.warnings {
        log::warning(w);
    }
    log::info(
        &format!(
            "{} people before, {} now ({joined} joined, {left} left); {became} became informal leaders, {stopped} stopped; {changed} role changes; results in {}",
            stayed + left,
            stayed + joined,
            options.out.display()
        ),
        json!({
            "joined": joined,
            "left": left,
            "stayed": stayed,
            "became_informal_leaders": became,
            "stopped_being_informal_leaders": stopped,
            "role_changes": changed,
            "out": options.out.display().to_string(),
        }),
    );
    Ok(())
}
