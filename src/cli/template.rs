//! `orgsphere survey-template`: a survey on how people lead, written from an org chart.

use std::path::PathBuf;

use clap::{Args, ValueEnum, ValueHint};
use orgsphere::options::ReadOptions;
use orgsphere::template::{Roster, TemplateSpec, parse_questions, survey_template};
use orgsphere::{Error, Result};
use serde_json::json;

use super::{OrgChartArgs, log};

/// Whose names each respondent chooses from.
#[derive(Clone, Copy, ValueEnum)]
pub enum RosterArg {
    /// Everyone in the organisation.
    Whole,
    /// The people of the respondent's department (one form per department).
    Department,
}

#[derive(Args)]
pub struct TemplateArgs {
    /// A folder holding org.csv.
    #[arg(value_name = "DIR", value_hint = ValueHint::DirPath)]
    dir: Option<PathBuf>,
    /// The org chart (instead of DIR/org.csv).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    org: Option<PathBuf>,
    /// The questions, comma-separated: advice, example, energy, culture, future, enabling (leadership dimensions) and direction (who tells you what to work on).
    #[arg(
        long,
        value_name = "LIST",
        default_value = "advice,example,future,direction"
    )]
    dimensions: String,
    /// Whose names respondents choose from: the whole organisation, or their own department (one form per department, for large organisations).
    #[arg(long, value_enum, default_value = "whole")]
    roster: RosterArg,
    /// Folder to write the template into (questions.csv, answers-template.csv, forms-questions.txt, choices*.txt, qualtrics*.txt, README.md). An existing one is replaced only while it holds nothing but what orgsphere wrote there.
    #[arg(long, short, value_name = "DIR", value_hint = ValueHint::DirPath)]
    out: PathBuf,
    #[command(flatten)]
    org_chart: OrgChartArgs,
}

pub fn run(args: TemplateArgs) -> Result<()> {
    let org = match (&args.org, &args.dir) {
        (Some(org), _) => org.clone(),
        (None, Some(dir)) => dir.join("org.csv"),
        (None, None) => {
            return Err(Error::Usage(
                "survey-template: give a folder holding org.csv, or --org FILE".into(),
            ));
        }
    };
    let spec = TemplateSpec {
        questions: parse_questions(&args.dimensions)?,
        roster: match args.roster {
            RosterArg::Whole => Roster::Whole,
            RosterArg::Department => Roster::Department,
        },
    };
    let mut read = ReadOptions::default();
    args.org_chart.apply(&mut read)?;
    let w = survey_template(&org, &read, &spec, &args.out)?;
    log::info(
        &format!(
            "wrote a survey of {} questions on {} people ({} roster{}) in {}",
            w.questions,
            w.people,
            w.rosters,
            if w.rosters == 1 { "" } else { "s" },
            args.out.display()
        ),
        json!({
            "people": w.people,
            "questions": w.questions,
            "rosters": w.rosters,
            "out": args.out.display().to_string(),
        }),
    );
    Ok(())
}
