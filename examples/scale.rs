//! Times the data-quality stage on a generated organisation: by default 1 million people
//! and 5 million survey rows, written to a temporary folder and read back as files.
//!
//! `cargo run --release --example scale [PEOPLE] [ROWS] [DIR]` — with DIR, the generated
//! `org.csv` and `survey.csv` are kept there (to time `orgsphere validate DIR` on them).

#[path = "../benches/common/mod.rs"]
mod common;

use std::time::Instant;

use orgsphere::Options;
use orgsphere::diagnostics::Problems;
use orgsphere::load::{InputFile, OrgChart, Survey};
use orgsphere::options::InputFiles;
use orgsphere::validate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let people = args.next().transpose()?.unwrap_or(1_000_000);
    let rows = args.next().transpose()?.unwrap_or(5 * people);
    let temp = tempfile::tempdir()?;
    let dir = match std::env::args().nth(3) {
        Some(d) => std::path::PathBuf::from(d),
        None => temp.path().to_path_buf(),
    };
    std::fs::create_dir_all(&dir)?;
    let (org_path, survey_path) = (dir.join("org.csv"), dir.join("survey.csv"));
    let t = Instant::now();
    std::fs::write(&org_path, common::org_chart(people))?;
    std::fs::write(&survey_path, common::survey(people, rows, 7))?;
    let mb = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len() as f64 / 1e6);
    println!(
        "generated {people} people ({:.0} MB) and {rows} survey rows ({:.0} MB) in {:.2} s",
        mb(&org_path)?,
        mb(&survey_path)?,
        t.elapsed().as_secs_f64()
    );
    let options = Options::new(
        InputFiles {
            org: org_path.clone(),
            surveys: vec![survey_path.clone()],
            perceptions: Vec::new(),
        },
        dir.join("out"),
    );
    let total = Instant::now();
    let t = Instant::now();
    let org = OrgChart::read(InputFile::Path(&org_path), &options.read)?;
    println!("org chart read:   {:6.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut problems = Problems::new(false);
    let survey = Survey::read(
        &[InputFile::Path(&survey_path)],
        &options.read,
        &mut problems,
    )?;
    println!("surveys read:     {:6.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let people = validate::check_org(&org, &mut problems);
    let d = validate::finish(
        org,
        people,
        survey,
        &options.check,
        &options.formal,
        problems,
    )?;
    println!("validated:        {:6.2} s", t.elapsed().as_secs_f64());
    println!(
        "total:            {:6.2} s — {} people, {} nominations kept, {} warnings",
        total.elapsed().as_secs_f64(),
        d.people.len(),
        d.answers.nominations.len(),
        d.warnings.len()
    );
    drop(d);
    let t = Instant::now();
    let d = orgsphere::check(&options)?;
    println!(
        "check():          {:6.2} s (org chart and surveys read side by side) — {} people",
        t.elapsed().as_secs_f64(),
        d.people.len()
    );
    Ok(())
}
