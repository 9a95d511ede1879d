//! `orgsphere compare OLD NEW`: two result folders, or input folders analysed on the way
//! → changes.csv, compare.json and compare.html in `--out`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use clap::{Args, ValueHint};
use orgsphere::compare::{self, CompareOptions, CompareSide};
use orgsphere::{Options, Result};
use serde_json::json;

use super::{ConfigArg, PrivacyArgs, ReadingArgs, RuleArgs, log};

#[derive(Args)]
pub struct CompareArgs {
    /// The earlier folder: results written by `orgsphere analyze --out` (it holds summary.json), or inputs to analyse (org.csv and survey*.csv, as `analyze DIR` reads them).
    #[arg(value_name = "OLD", value_hint = ValueHint::DirPath)]
    old: PathBuf,
    /// The later folder, results or inputs.
    #[arg(value_name = "NEW", value_hint = ValueHint::DirPath)]
    new: PathBuf,
    /// Folder for changes.csv, compare.json and compare.html. An existing one is replaced only while it holds nothing but what orgsphere wrote there, keeping its permissions and group; never when it is or holds OLD or NEW.
    #[arg(long, short, value_name = "DIR", default_value = "orgsphere-compare", value_hint = ValueHint::DirPath)]
    out: PathBuf,
    #[command(flatten)]
    config: ConfigArg,
    // How input folders are read, judged and protected: the options of `analyze`. Result
    // folders were analysed already; these leave them as they are.
    #[command(flatten, next_help_heading = "Analysing input folders")]
    reading: ReadingArgs,
    #[command(flatten, next_help_heading = "Analysing input folders")]
    rule: RuleArgs,
    #[command(flatten)]
    privacy: PrivacyArgs,
}

impl CompareArgs {
    /// What `dir` is: a result folder if it holds `summary.json`, an input folder if it
    /// holds `org.csv` and no summary; anything else is read as results, whose error
    /// says what is missing.
    fn source(&self, dir: &Path) -> Result<CompareSide> {
        if dir.join("summary.json").is_file() || !dir.join("org.csv").is_file() {
            return Ok(CompareSide::Results(dir.to_path_buf()));
        }
        let mut options = Options::new(Options::inputs_from_dir(dir)?, PathBuf::new());
        self.reading.apply(&mut options)?;
        self.rule.apply(&mut options)?;
        self.privacy.apply(&mut options.output)?;
        options.output.generated_at = super::source_date_epoch();
        // Only people.csv and summary.json are made, in memory.
        options.output.formats = BTreeSet::new();
        Ok(CompareSide::Inputs {
            dir: dir.to_path_buf(),
            options: Box::new(options),
        })
    }
}

pub fn run(args: CompareArgs) -> Result<()> {
    let options = CompareOptions {
        old: args.source(&args.old)?,
        new: args.source(&args.new)?,
        out: args.out.clone(),
        config: args.config.config.clone(),
    };
    let inputs = |s: &CompareSide| matches!(s, CompareSide::Inputs { .. });
    if args.privacy.pseudonymize && !inputs(&options.old) && !inputs(&options.new) {
        log::warning(
            "--pseudonymize applies to input folders only; both folders are results, compared as they were written",
        );
    }
    let stages = super::progress::Stages::new();
    let c = compare::compare_with(&options, &stages);
    stages.finish();
    let c = c?;
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
