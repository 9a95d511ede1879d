//! `orgsphere validate`: the data-quality checks alone, printed as a readable summary.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;
use orgsphere::diagnostics::Problem;
use orgsphere::diagnostics::terminal;
use orgsphere::load::survey::Shape;
use orgsphere::text::count;
use orgsphere::validate::Dataset;
use orgsphere::{Error, Result};
use serde_json::json;

use super::{ConfigArg, InputArgs, log};

#[derive(Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    config: ConfigArg,
}

/// Problems shown per code before the rest are counted.
const SHOWN_PER_CODE: usize = 5;

pub fn run(args: ValidateArgs) -> Result<()> {
    let options = args.inputs.options(PathBuf::new())?;
    match orgsphere::check(&options) {
        Ok(d) if log::json() => {
            for note in d.structure.notes(&options.formal) {
                log::info(&note, json!({}));
            }
            log_json(&d);
            leave(d);
            Ok(())
        }
        Err(e @ Error::InvalidData(_)) if log::json() => Err(e),
        Ok(d) => {
            if !log::quiet() {
                print_inputs(&d);
                print_questions(&d);
                for note in d.structure.notes(&options.formal) {
                    say(&format!("note: {note}"));
                }
                print_grouped(("warning", "warnings"), &d.warnings);
                say("no errors");
            }
            leave(d);
            Ok(())
        }
        Err(Error::InvalidData(problems)) => {
            print_grouped(("error", "errors"), &problems);
            Err(Error::InvalidDataListed(problems.len()))
        }
        Err(e) => Err(e),
    }
}

/// A large organisation's data set is millions of small allocations; the process ends
/// after validating and the operating system takes them back at once, so they are not
/// freed one by one.
fn leave(d: Dataset) {
    std::mem::forget(d);
}

/// With `--log-format json`: every warning as its own line, one line per question, then
/// the counts.
fn log_json(d: &Dataset) {
    for w in &d.warnings {
        log::problem(w, None);
    }
    let ties = ties_per_question(d);
    for (q, name) in d.questions.iter().enumerate() {
        let scale = d.rating_scale(q);
        let mut message = question_line(d, q, ties[q]);
        if let Some(scale) = scale {
            message.push_str("; ");
            message.push_str(&scale.in_words());
        }
        let mut fields = json!({
            "question": name,
            "kind": d.question_kinds[q].as_str(),
            "kind_from": d.question_kind_source[q].as_str(),
            "respondents": respondents(d, q),
            "ties": ties[q],
            "rating_scale": scale,
        });
        if let Some(dimension) = d.dimension(q) {
            fields["dimension"] = json!(dimension.as_str());
        }
        log::info(&message, fields);
    }
    log::info(
        &format!(
            "{} people, {} respondents ({:.1} %); {}; no errors",
            d.people.len(),
            d.respondents(),
            100.0 * d.response_rate(),
            count(d.warnings.len(), "warning", "warnings")
        ),
        json!({
            "people": d.people.len(),
            "respondents": d.respondents(),
            "response_rate": d.response_rate(),
            "nominations": d.answers.nominations.len(),
            "warnings": d.warnings.len(),
        }),
    );
}

/// What was read: files with encoding and shape, respondents, ties kept and how answers
/// were matched.
fn print_inputs(d: &Dataset) {
    say(&format!(
        "{}: {} people ({})",
        d.org.file,
        d.people.len(),
        d.org.encoding
    ));
    for f in &d.survey_files {
        let shape = match &f.shape {
            Shape::Long => "long".to_string(),
            Shape::Wide(groups) => {
                let list: Vec<String> = groups
                    .iter()
                    .map(|(q, cols)| match cols.len() {
                        1 => format!("{q} (column {:?})", f.headers[cols[0]]),
                        n => format!("{q} ({n} columns from {:?})", f.headers[cols[0]]),
                    })
                    .collect();
                format!("wide: {}", list.join(", "))
            }
        };
        say(&format!(
            "{}: {} rows, {shape} ({})",
            f.file, f.rows, f.encoding
        ));
    }
    let a = &d.answers;
    say(&format!(
        "respondents: {} of {} ({:.1} %); nominations kept: {}",
        d.respondents(),
        d.people.len(),
        100.0 * d.response_rate(),
        a.nominations.len()
    ));
    for (n, what) in [
        (a.matched_by_email, "survey cells matched by e-mail address"),
        (a.matched_by_name, "survey cells matched by name"),
        (a.zero_weight, "answers of weight 0 (no tie)"),
        (a.below_min_weight, "answers below --min-weight (no tie)"),
    ] {
        if n > 0 {
            say(&format!("{what}: {n}"));
        }
    }
    if let Some(p) = &d.perceptions {
        for f in &p.files {
            say(&format!(
                "{}: {} rows, perceptions ({} form, {})",
                f.file,
                f.rows,
                f.form.as_str(),
                f.encoding
            ));
        }
        let perceivers = {
            let mut who: Vec<u32> = p.views.iter().map(|v| v.perceiver).collect();
            who.sort_unstable();
            who.dedup();
            who.len()
        };
        say(&format!(
            "perceivers: {perceivers}; perceived ties kept: {}; perception rows dropped: {}",
            p.ties.len(),
            p.dropped
        ));
    }
}

/// Each question with its kind, how the kind was decided, its ties and, for a rating
/// scale, how its answers were read.
fn print_questions(d: &Dataset) {
    say(&format!(
        "{}:",
        count(d.questions.len(), "question", "questions")
    ));
    let ties = ties_per_question(d);
    for (q, &ties) in ties.iter().enumerate() {
        say(&format!("  {}", question_line(d, q, ties)));
        if let Some(scale) = d.rating_scale(q) {
            say(&format!("    {}", scale.in_words()));
        }
    }
}

/// `advice: influence (from its name); 190 ties from 21 respondents`.
fn question_line(d: &Dataset, q: usize, ties: usize) -> String {
    let kind = match d.dimension_in_words(q) {
        Some(dimension) => format!("{}, dimension {dimension}", d.kind_in_words(q)),
        None => d.kind_in_words(q),
    };
    format!(
        "{}: {}; {} from {}",
        d.questions[q],
        kind,
        count(ties, "tie", "ties"),
        count(respondents(d, q), "respondent", "respondents")
    )
}

/// Ties kept per question (one pass over the nominations).
fn ties_per_question(d: &Dataset) -> Vec<usize> {
    let mut ties = vec![0; d.questions.len()];
    for n in &d.answers.nominations {
        ties[n.question as usize] += 1;
    }
    ties
}

fn respondents(d: &Dataset, q: usize) -> usize {
    d.answers.responded[q].iter().filter(|&&r| r).count()
}

/// Prints one line on stdout, control characters from the inputs shown as escapes.
fn say(line: &str) {
    println!("{}", terminal(line));
}

fn print_grouped((one, many): (&str, &str), problems: &[Problem]) {
    if problems.is_empty() {
        say(&format!("no {many}"));
        return;
    }
    say(&format!("{}:", count(problems.len(), one, many)));
    let mut by_code: BTreeMap<&str, Vec<&Problem>> = BTreeMap::new();
    for p in problems {
        by_code.entry(p.code).or_default().push(p);
    }
    for (code, list) in by_code {
        say(&format!("  {code} ({}):", list.len()));
        for p in list.iter().take(SHOWN_PER_CODE) {
            say(&format!("    {p}"));
        }
        if list.len() > SHOWN_PER_CODE {
            say(&format!("    … and {} more", list.len() - SHOWN_PER_CODE));
        }
    }
}
