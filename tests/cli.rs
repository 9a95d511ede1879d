//! The command line a scheduler relies on: exit codes in every `--help`, `--quiet`,
//! `--log-format json`, no colour unless asked for, shell completions and the man page.

mod common;

use std::process::Command;

use common::{Workdir, root};
use serde_json::Value;

fn sample() -> String {
    root().join("sample-data").display().to_string()
}

/// The JSON objects of stderr, one per line; fails if any line is not one.
fn json_lines(stderr: &str) -> Vec<Value> {
    stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn every_help_states_the_exit_codes() {
    let w = Workdir::new();
    for cmd in ["analyze", "validate", "compare", "completions", "man"] {
        let help = w.run(&[cmd, "--help"]);
        help.expect_code(0);
        // Help is wrapped to the terminal's width: compare with single spaces.
        let text = help.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains("Exit codes: 0 success")
                && text.contains("64 usage")
                && text.contains("65 invalid input")
                && text.contains("66 input missing")
                && text.contains("73 cannot create output")
                && text.contains("74 I/O"),
            "{cmd} --help:\n{}",
            help.stdout
        );
        assert!(text.contains("Examples:"), "{cmd}");
    }
    let top = w.run(&["--help"]).stdout;
    assert!(top.contains("--log-format") && top.contains("--quiet") && top.contains("compare"));
}

#[test]
fn quiet_prints_nothing_on_success_and_still_prints_errors() {
    let w = Workdir::new();
    let run = w.run(&["analyze", &sample(), "--out", "r", "--quiet"]);
    run.expect_code(0);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    // Global: before the subcommand too, and for validate.
    let run = w.run(&["-q", "validate", &sample()]);
    run.expect_code(0);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    let run = w.run(&["analyze", "missing", "--quiet"]);
    run.expect_code(66);
    assert!(run.stderr.contains("missing"), "{}", run.stderr);
}

#[test]
fn json_logs_carry_level_message_and_figures() {
    let w = Workdir::new();
    let run = w.run(&["analyze", &sample(), "--out", "r", "--log-format", "json"]);
    run.expect_code(0);
    let lines = json_lines(&run.stderr);
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert_eq!(lines[0]["level"], "info");
    assert_eq!(lines[0]["people"], 306);
    assert_eq!(lines[0]["informal_leaders"], 4);
    assert!(lines[0]["message"].as_str().unwrap().contains("306 people"));

    let run = w.run(&["validate", &sample(), "--log-format=json"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    let lines = json_lines(&run.stderr);
    let warnings: Vec<&Value> = lines.iter().filter(|l| l["level"] == "warning").collect();
    assert_eq!(warnings.len(), 6);
    let nominee = warnings
        .iter()
        .find(|l| l["code"] == "unknown-nominee")
        .unwrap();
    assert!(nominee["file"].as_str().unwrap().ends_with(".csv"));
    assert!(nominee["row"].as_u64().unwrap() > 1);
    assert!(nominee["column"].is_string());
}

#[test]
fn json_logs_for_every_kind_of_failure() {
    let w = Workdir::new();
    // Invalid data: one line per problem with file, row and code, then the outcome.
    w.write("in/org.csv", "employee_id,manager_id\n1,2\n2,1\n");
    w.write("in/survey.csv", "respondent_id,nominee_id\n1,2\n");
    let run = w.run(&["analyze", "in", "--out", "out", "--log-format", "json"]);
    run.expect_code(65);
    let lines = json_lines(&run.stderr);
    let cycle = lines
        .iter()
        .find(|l| l["code"] == "reporting-cycle")
        .unwrap();
    assert_eq!(cycle["level"], "error");
    assert_eq!(cycle["file"], "in/org.csv");
    assert_eq!(cycle["exit_code"], 65);
    assert_eq!(lines.last().unwrap()["exit_code"], 65);
    // Missing input.
    let run = w.run(&["analyze", "nowhere", "--log-format", "json"]);
    run.expect_code(66);
    let lines = json_lines(&run.stderr);
    assert_eq!(lines[0]["file"], "nowhere");
    assert_eq!(lines[0]["exit_code"], 66);
    // clap's own errors, and config errors.
    let run = w.run(&["analyze", "--no-such-flag", "--log-format", "json"]);
    run.expect_code(64);
    let lines = json_lines(&run.stderr);
    assert!(
        lines[0]["message"]
            .as_str()
            .unwrap()
            .contains("--no-such-flag")
    );
    assert_eq!(lines[0]["exit_code"], 64);
    w.write("job.toml", "colour = true\n");
    let run = w.run(&["analyze", "--config", "job.toml", "--log-format", "json"]);
    run.expect_code(64);
    assert!(
        json_lines(&run.stderr)[0]["message"]
            .as_str()
            .unwrap()
            .contains("'colour'")
    );
}

/// Runs the binary with extra environment variables.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_orgsphere"));
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    String::from_utf8(cmd.output().unwrap().stderr).unwrap()
}

#[test]
fn no_colour_unless_a_terminal_asks_for_it() {
    let args = ["analyze", "--no-such-flag"];
    // Forced colour shows escapes, so the checks below could fail.
    assert!(run_env(&args, &[("CLICOLOR_FORCE", "1")]).contains('\x1b'));
    assert!(
        !run_env(&args, &[]).contains('\x1b'),
        "stderr is not a terminal here"
    );
    assert!(!run_env(&args, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'));
    let json = run_env(
        &["analyze", "--no-such-flag", "--log-format", "json"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(
        !json.contains('\x1b') && !json.contains("\\u001b"),
        "{json}"
    );
}

#[test]
fn shell_completions_know_the_subcommands_and_flags() {
    let w = Workdir::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = w.run(&["completions", shell]);
        run.expect_code(0);
        assert!(
            run.stdout.contains("analyze") && run.stdout.contains("min-response-rate"),
            "{shell}"
        );
    }
    w.run(&["completions", "tcsh"]).expect_code(64);
}

#[test]
fn the_man_page_covers_every_subcommand() {
    let w = Workdir::new();
    let run = w.run(&["man"]);
    run.expect_code(0);
    assert!(
        run.stdout.starts_with(".ie") || run.stdout.contains(".TH orgsphere"),
        "{}",
        &run.stdout[..200]
    );
    for word in ["analyze", "validate", "compare", "Exit codes"] {
        assert!(run.stdout.contains(word), "man page lacks {word}");
    }
    let run = w.run(&["man", "analyze"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("orgsphere\\-analyze") && run.stdout.contains("min\\-response\\-rate")
    );
    w.run(&["man", "frobnicate"]).expect_code(64);
}

/// Control characters in `text` other than line feeds (which end lines).
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect()
}

#[test]
fn input_text_reaches_the_terminal_without_control_characters() {
    // An id that would retitle the terminal window (OSC … BEL), with a C1 control
    // (U+009B, the one-character CSI) and a line break; a mistyped copy of it makes an
    // unknown manager whose suggestion repeats the id.
    let id = "E1\u{1b}]0;owned\u{7}\u{9b}31m";
    let typo = "E1\u{1b}]0;owned\u{7}\u{9b}31n";
    inputs_with_id(id, typo, |w| {
        for (args, code) in [
            (vec!["validate", "in"], 0),
            (vec!["validate", "in", "--log-format", "json"], 0),
            (vec!["analyze", "in", "--out", "o", "--strict"], 65),
            (
                vec![
                    "analyze",
                    "in",
                    "--out",
                    "o",
                    "--strict",
                    "--log-format",
                    "json",
                ],
                65,
            ),
        ] {
            let run = w.run(&args);
            run.expect_code(code);
            for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
                assert_eq!(
                    raw_controls(text),
                    [],
                    "{args:?}: raw control characters on {stream}:\n{text:?}"
                );
            }
            let all = format!("{}{}", run.stdout, run.stderr);
            if args.contains(&"json") {
                // JSON logs keep the exact text, every control character a JSON escape.
                let lines = json_lines(&run.stderr);
                assert!(
                    lines
                        .iter()
                        .any(|l| l["message"].as_str().unwrap().contains(id)),
                    "{all}"
                );
            } else {
                // Plain logs show each control character as an escape.
                assert!(all.contains("E1\\u{1b}]0;owned\\u{7}\\u{9b}31m"), "{all}");
            }
        }
    });
}

/// Runs `check` on a folder `in` whose one person has id `id` and whose other names a
/// manager `typo`.
fn inputs_with_id(id: &str, typo: &str, check: impl Fn(&Workdir)) {
    let w = Workdir::new();
    w.write(
        "in/org.csv",
        format!("employee_id,manager_id\n\"{id}\",\nE2,\"{typo}\"\nE3,E2\n"),
    );
    w.write(
        "in/survey.csv",
        format!("respondent_id,nominee_id\nE2,\"{id}\"\nE3,\"line\nbreak\"\n"),
    );
    check(&w);
}

#[test]
fn validate_prints_each_question_with_its_kind_and_how_it_was_decided() {
    let w = Workdir::new();
    let below = common::roster(&w);
    // Two more questions: one whose name says nothing, one whose kind is given.
    let mut survey = w.read("in/survey.csv");
    survey.push_str("E01,E02,q7,1\nE02,E03,q7,1\nE03,E01,lunch,1\n");
    w.write("in/survey.csv", &survey);
    // Rows of a question in the survey: each is one tie (every rating is a row too).
    let rows = |q: &str| {
        survey
            .lines()
            .filter(|l| l.contains(&format!(",{q},")))
            .count()
    };
    let args = ["validate", "in", "--question-kind", "lunch=social"];
    let run = w.run(&args);
    run.expect_code(0);
    let scale = format!(
        "rating scale 1–5 on 100 % of pairs; answers of 4 or more are ties, {below} lower answers are not"
    );
    for line in [
        "6 questions:".to_string(),
        format!(
            "  advice: influence (from its name); {} ties from 30 respondents",
            rows("advice")
        ),
        format!(
            "  friendship: social (from its name); {} ties from 30 respondents",
            rows("friendship")
        ),
        format!(
            "  conflict: negative (from its name); {} ties from 30 respondents",
            rows("conflict")
        ),
        format!(
            "  information: influence (from its name); {} ties from 30 respondents\n    {scale}",
            rows("information") - below
        ),
        "  q7: influence (assumed: the name matches no word list; set --question-kind q7=KIND); 2 ties from 30 respondents".to_string(),
        "  lunch: social (--question-kind); 1 tie from 30 respondents".to_string(),
        "1 warning:".to_string(),
    ] {
        assert!(run.stdout.contains(&line), "{line}\n{}", run.stdout);
    }
    // JSON logs: one line per question with its kind, how it was decided and the scale.
    let mut json = args.to_vec();
    json.extend(["--log-format", "json"]);
    let run = w.run(&json);
    run.expect_code(0);
    let lines = json_lines(&run.stderr);
    let question = |name: &str| {
        lines
            .iter()
            .find(|l| l["question"] == name)
            .unwrap_or_else(|| panic!("no line for {name}:\n{}", run.stderr))
    };
    assert_eq!(question("conflict")["kind"], "negative");
    assert_eq!(question("q7")["kind_from"], "assumed");
    assert_eq!(question("lunch")["kind_from"], "given");
    let info = question("information");
    assert_eq!(info["kind_from"], "recognised");
    assert_eq!(info["rating_scale"]["below_cut"], below);
    assert_eq!(info["rating_scale"]["min_tie"], 4.0);
    assert!(info["message"].as_str().unwrap().ends_with(&scale));
    assert!(question("advice")["rating_scale"].is_null());
}

#[test]
fn analyze_says_one_informal_leader_and_one_warning_in_the_singular() {
    // The roster makes one informal leader (E12) and one warning (its rating scale).
    let w = Workdir::new();
    common::roster(&w);
    let run = w.run(&["analyze", "in", "--out", "out"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "30 people, 30 respondents (100.0 %), 1 informal leader; 1 warning (see data-quality.csv); results in out"
        ),
        "{}",
        run.stderr
    );
    // Several of each stay plural, as the README quotes the line.
    let run = w.run(&["analyze", &sample(), "--out", "sample"]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("4 informal leaders; 6 warnings (see data-quality.csv)"),
        "{}",
        run.stderr
    );
}
