//! `--config FILE`: a TOML job file gives the same results as the same flags, flags
//! override it, paths are relative to the file, and every mistake in it is named.

mod common;

use common::{Workdir, root};

fn sample(file: &str) -> String {
    root().join("sample-data").join(file).display().to_string()
}

/// A config for the sample company with settings that change the results.
fn write_job(w: &Workdir) {
    w.write(
        "jobs/job.toml",
        format!(
            "org = {:?}\nsurvey = [{:?}, {:?}]\nout = \"../from-config\"\ntop-share = 0.1\nmin-nominations = 4\nmanager-titles = \"Director|Chief\"\nstrict = false\n",
            sample("org.csv"),
            sample("survey-advice.csv"),
            sample("survey-trust.csv")
        ),
    );
}

#[test]
fn a_run_from_a_config_file_equals_the_same_run_from_flags() {
    let w = Workdir::new();
    write_job(&w);
    w.run(&["analyze", "--config", "jobs/job.toml"])
        .expect_code(0);
    w.run(&[
        "analyze",
        "--org",
        &sample("org.csv"),
        "--survey",
        &sample("survey-advice.csv"),
        "--survey",
        &sample("survey-trust.csv"),
        "--top-share",
        "0.1",
        "--min-nominations",
        "4",
        "--manager-titles",
        "Director|Chief",
        "--out",
        "from-flags",
    ])
    .expect_code(0);
    w.run(&["analyze", &sample(""), "--out", "defaults"])
        .expect_code(0);
    let config = w.read("from-config/people.csv");
    assert_eq!(config, w.read("from-flags/people.csv"));
    // The settings were applied, not ignored: the defaults give other roles.
    assert_ne!(config, w.read("defaults/people.csv"));
    assert!(
        w.read("from-config/summary.json").contains("\"top-share\""),
        "the top-share rule from the file is in the summary"
    );
}

#[test]
fn the_example_job_file_runs_and_matches_its_flags() {
    let w = Workdir::new();
    let job = root().join("examples/job.toml");
    let run = w.run(&["analyze", "--config", job.to_str().unwrap(), "--out", "a"]);
    run.expect_code(0);
    w.run(&[
        "analyze",
        "--org",
        &sample("org.csv"),
        "--survey",
        &sample("survey-advice.csv"),
        "--survey",
        &sample("survey-trust.csv"),
        "--min-response-rate",
        "0.8",
        "--out",
        "b",
    ])
    .expect_code(0);
    assert_eq!(w.read("a/people.csv"), w.read("b/people.csv"));
}

#[test]
fn every_key_in_the_example_is_a_flag_of_analyze() {
    let text = std::fs::read_to_string(root().join("examples/job.toml")).unwrap();
    let help = Workdir::new().run(&["analyze", "--help"]).stdout;
    let mut keys = 0;
    for line in text.lines() {
        let line = line.trim_start_matches('#').trim();
        let Some((key, _)) = line.split_once(" = ") else {
            continue;
        };
        if key.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            keys += 1;
            assert!(
                key == "dir" || help.contains(&format!("--{key}")),
                "examples/job.toml names '{key}', which `orgsphere analyze` does not have"
            );
        }
    }
    assert!(keys >= 15, "found only {keys} keys");
}

#[test]
fn paths_in_the_file_are_relative_to_the_file() {
    let w = Workdir::new();
    w.write("data/org.csv", "employee_id,manager_id\n1,\n2,1\n3,1\n");
    w.write(
        "data/survey.csv",
        "respondent_id,nominee_id\n2,3\n3,2\n1,2\n",
    );
    w.write(
        "jobs/nightly/job.toml",
        "dir = \"../../data\"\nout = \"results\"\n",
    );
    w.run(&["analyze", "--config", "jobs/nightly/job.toml"])
        .expect_code(0);
    assert!(w.join("jobs/nightly/results/people.csv").is_file());
    assert!(!w.join("results").exists());
}

#[test]
fn flags_on_the_command_line_override_the_file() {
    let w = Workdir::new();
    w.write(
        "job.toml",
        format!("dir = {:?}\nmin-response-rate = 0.99\n", sample("")),
    );
    let run = w.run(&["analyze", "--config", "job.toml", "--out", "r"]);
    run.expect_code(65);
    assert!(run.stderr.contains("response rate"), "{}", run.stderr);
    w.run(&[
        "analyze",
        "--config",
        "job.toml",
        "--out",
        "r",
        "--min-response-rate",
        "0.5",
    ])
    .expect_code(0);
}

#[test]
fn an_unknown_key_exits_64_naming_it_and_the_closest_key() {
    let w = Workdir::new();
    w.write(
        "job.toml",
        format!("dir = {:?}\nmin_response_rate = 0.8\n", sample("")),
    );
    let run = w.run(&["analyze", "--config", "job.toml", "--out", "r"]);
    run.expect_code(64);
    assert!(
        run.stderr.contains("job.toml")
            && run.stderr.contains("unknown key 'min_response_rate'")
            && run.stderr.contains("did you mean 'min-response-rate'"),
        "{}",
        run.stderr
    );
    assert_eq!(w.entries(), ["job.toml"], "nothing is written");
}

#[test]
fn a_wrong_type_names_the_key_and_what_it_expects() {
    let w = Workdir::new();
    for (line, needles) in [
        (
            "min-response-rate = \"high\"",
            &["'min-response-rate'", "a number", "\"high\""][..],
        ),
        ("strict = \"yes\"", &["'strict'", "true or false"][..]),
        ("survey = 3", &["'survey'", "a path", "an array"][..]),
        (
            "min-nominations = 2.5",
            &["'min-nominations'", "a whole number"][..],
        ),
        (
            "log-format = \"xml\"",
            &["'log-format'", "\"text\", \"json\""][..],
        ),
        ("org = [\"a.csv\", \"b.csv\"]", &["'org'", "a path"][..]),
    ] {
        w.write("job.toml", line);
        let run = w.run(&["analyze", "--config", "job.toml"]);
        run.expect_code(64);
        for needle in needles {
            assert!(
                run.stderr.contains(needle),
                "{line}: {needle} not in {}",
                run.stderr
            );
        }
    }
}

#[test]
fn a_value_clap_rejects_names_the_key_it_came_from() {
    let w = Workdir::new();
    w.write(
        "job.toml",
        format!("dir = {:?}\nmin-nominations = -1\n", sample("")),
    );
    let run = w.run(&["analyze", "--config", "job.toml"]);
    run.expect_code(64);
    assert!(
        run.stderr.contains("key 'min-nominations' in job.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_or_broken_config_file() {
    let w = Workdir::new();
    let run = w.run(&["analyze", "--config", "nope.toml"]);
    run.expect_code(66);
    assert!(run.stderr.contains("nope.toml"), "{}", run.stderr);
    w.write("broken.toml", "out = \"unclosed\n");
    let run = w.run(&["analyze", "--config", "broken.toml"]);
    run.expect_code(64);
    assert!(
        run.stderr.contains("broken.toml: not a valid TOML config"),
        "{}",
        run.stderr
    );
    w.write("self.toml", "config = \"other.toml\"\n");
    w.run(&["analyze", "--config", "self.toml"]).expect_code(64);
}

#[test]
fn one_file_serves_analyze_and_validate() {
    let w = Workdir::new();
    w.write(
        "job.toml",
        format!("dir = {:?}\nout = \"r\"\nmin-nominations = 3\n", sample("")),
    );
    let run = w.run(&["validate", "--config", "job.toml"]);
    run.expect_code(0);
    assert!(run.stdout.contains("no errors"), "{}", run.stdout);
}

#[test]
fn compare_takes_its_folders_from_the_file() {
    let w = Workdir::new();
    w.run(&["analyze", &sample(""), "--out", "runs/a", "-q"])
        .expect_code(0);
    w.run(&["analyze", &sample(""), "--out", "runs/b", "-q"])
        .expect_code(0);
    w.write(
        "runs/compare.toml",
        "old = \"a\"\nnew = \"b\"\nout = \"changes\"\n",
    );
    w.run(&["compare", "--config", "runs/compare.toml"])
        .expect_code(0);
    assert!(w.join("runs/changes/changes.csv").is_file());
    // Folders on the command line win over the file's.
    w.run(&[
        "compare",
        "--config",
        "runs/compare.toml",
        "runs/b",
        "runs/a",
        "--out",
        "back",
    ])
    .expect_code(0);
    assert!(
        w.read("back/compare.json")
            .contains("\"folder\": \"runs/b\"")
    );
}

#[test]
fn global_flags_from_the_file_and_before_the_subcommand() {
    let w = Workdir::new();
    w.write(
        "job.toml",
        format!(
            "dir = {:?}\nout = \"r\"\nlog-format = \"json\"\n",
            sample("")
        ),
    );
    let run = w.run(&["analyze", "--config", "job.toml"]);
    run.expect_code(0);
    assert!(
        run.stderr.starts_with("{\"level\":\"info\""),
        "{}",
        run.stderr
    );
    // A flag typed before the subcommand still beats the file.
    let run = w.run(&["--log-format", "text", "analyze", "--config", "job.toml"]);
    run.expect_code(0);
    assert!(
        run.stderr.starts_with("orgsphere: 306 people"),
        "{}",
        run.stderr
    );
    let run = w.run(&["-q", "analyze", "--config", "job.toml"]);
    assert_eq!(run.stderr, "");
}
