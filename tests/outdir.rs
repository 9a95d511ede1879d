//! The output folder: what may be replaced and what never is, the permissions a replaced
//! folder keeps, and what a stopped or killed run leaves behind.

mod common;

use std::fs;
use std::path::Path;

use common::{Workdir, root};

fn sample() -> String {
    root().join("sample-data").to_str().unwrap().to_string()
}

/// Every file under `dir` with its bytes, sorted (hidden files included).
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            files.extend(
                tree(&path)
                    .into_iter()
                    .map(|(n, b)| (format!("{name}/{n}"), b)),
            );
        } else {
            files.push((name, fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

/// The names in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_folder_with_anything_orgsphere_did_not_write_is_left_alone() {
    let w = Workdir::new();
    w.write("junk/summary.json", "hello");
    w.write("junk/thesis.docx", "thesis");
    w.write("junk/sub/deep.txt", "x");
    let before = tree(&w.join("junk"));
    let run = w.run(&["analyze", &sample(), "--out", "junk"]);
    run.expect_code(73)
        .expect_stderr(&["junk", "no .orgsphere-manifest"]);
    assert_eq!(tree(&w.join("junk")), before);

    // One stray file in a folder orgsphere wrote keeps it too.
    w.run(&["analyze", &sample(), "--out", "out", "-q"])
        .expect_code(0);
    w.write("out/thesis.docx", "thesis");
    w.write("out/sub/deep.txt", "x");
    let before = tree(&w.join("out"));
    let run = w.run(&["analyze", &sample(), "--out", "out"]);
    run.expect_code(73)
        .expect_stderr(&["thesis.docx", "the folder sub/", "did not write"]);
    assert_eq!(tree(&w.join("out")), before);

    // So does a result file edited since (its size changed).
    fs::remove_file(w.join("out/thesis.docx")).unwrap();
    fs::remove_dir_all(w.join("out/sub")).unwrap();
    let mut people = w.read("out/people.csv");
    people.push_str("my note\n");
    w.write("out/people.csv", &people);
    let run = w.run(&["analyze", &sample(), "--out", "out"]);
    run.expect_code(73)
        .expect_stderr(&["people.csv", "changed"]);
    assert_eq!(w.read("out/people.csv"), people);

    // A folder of results without a manifest (as orgsphere wrote them before it kept
    // one) is not replaced either.
    fs::remove_file(w.join("out/.orgsphere-manifest")).unwrap();
    let run = w.run(&["analyze", &sample(), "--out", "out"]);
    run.expect_code(73).expect_stderr(&["delete it yourself"]);
    assert!(w.join("out/summary.json").is_file());

    // An empty folder is filled; a link is never followed.
    fs::create_dir(w.join("empty")).unwrap();
    w.run(&["analyze", &sample(), "--out", "empty", "-q"])
        .expect_code(0);
    assert!(w.join("empty/people.csv").is_file());
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("empty", w.join("link")).unwrap();
        let run = w.run(&["analyze", &sample(), "--out", "link"]);
        run.expect_code(73).expect_stderr(&["symbolic link"]);
        assert!(w.join("empty/people.csv").is_file());
    }
}

#[test]
fn an_output_folder_that_is_or_holds_an_input_is_refused() {
    let w = Workdir::new();
    w.run(&["generate", "--people", "100", "--out", "gg", "-q"])
        .expect_code(0);
    let generated = tree(&w.join("gg"));
    let run = w.run(&["analyze", "gg", "--out", "gg"]);
    run.expect_code(64)
        .expect_stderr(&["--out gg holds the input"]);
    assert_eq!(tree(&w.join("gg")), generated);

    // The inputs named one by one, and the config file.
    w.write("conf/job.toml", "");
    for args in [
        &[
            "analyze",
            "--org",
            "gg/org.csv",
            "--survey",
            "gg/survey-advice.csv",
            "--out",
            "gg",
        ][..],
        &[
            "analyze",
            "--org",
            "./gg/../gg/org.csv",
            "--survey",
            "gg/survey-trust.csv",
            "--out",
            "gg/",
        ],
        &[
            "analyze",
            "gg",
            "--config",
            "conf/job.toml",
            "--out",
            "conf",
        ],
    ] {
        w.run(args).expect_code(64).expect_stderr(&["the input"]);
    }
    assert_eq!(tree(&w.join("gg")), generated);

    // compare: the folder holding the two compared folders, or one of them.
    w.run(&["analyze", "gg", "--out", "P/a", "-q"])
        .expect_code(0);
    w.run(&["analyze", "gg", "--out", "P/b", "-q", "--seed", "2"])
        .expect_code(0);
    w.run(&["compare", "P/a", "P/b", "--out", "c", "-q"])
        .expect_code(0);
    fs::rename(w.join("c/compare.json"), w.join("P/summary.json")).unwrap();
    let compared = tree(&w.join("P"));
    for out in ["P", "P/a", "P/b/"] {
        w.run(&["compare", "P/a", "P/b", "--out", out])
            .expect_code(64)
            .expect_stderr(&["the input P/"]);
    }
    assert_eq!(tree(&w.join("P")), compared);
    // Results written inside an input folder are fine.
    w.run(&["analyze", "gg", "--out", "gg/results", "-q"])
        .expect_code(0);
}

#[cfg(unix)]
#[test]
fn a_replaced_folder_keeps_its_permissions_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let w = Workdir::new();
    w.run(&["analyze", &sample(), "--out", "o", "-q"])
        .expect_code(0);
    let o = w.join("o");
    // Another group where the user may give one (root may give any).
    let _ = std::os::unix::fs::chown(&o, None, Some(1));
    let gid = fs::metadata(&o).unwrap().gid();
    fs::set_permissions(&o, fs::Permissions::from_mode(0o2770)).unwrap();
    w.run(&["analyze", &sample(), "--out", "o", "-q"])
        .expect_code(0);
    let meta = fs::metadata(&o).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o2770, "mode {:o}", meta.mode());
    assert_eq!(meta.gid(), gid);
    for (name, _) in tree(&o) {
        assert_eq!(fs::metadata(o.join(&name)).unwrap().gid(), gid, "{name}");
    }
}

/// A run into an existing folder, stopped by `signal` while it writes: the old folder
/// stays, and nothing else is left (or, for KILL, is left for the next run).
#[cfg(unix)]
fn stop_while_writing(w: &Workdir, signal: &str) -> std::process::ExitStatus {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let mut command = Command::new(env!("CARGO_BIN_EXE_orgsphere"));
    // orgsphere leaves alone a signal its parent ignores (a background job ignores INT,
    // `nohup` HUP), as it should; this test is about its own handling, so the run starts
    // with every signal at its default whatever shell started the tests.
    // SAFETY: between fork and exec only `signal`, which is async-signal-safe, is called.
    unsafe {
        command.pre_exec(|| {
            for s in [libc::SIGINT, libc::SIGHUP, libc::SIGTERM] {
                libc::signal(s, libc::SIG_DFL);
            }
            Ok(())
        });
    }
    let mut child = command
        .args(["analyze", "../big", "--out", "o", "-q", "--bootstrap", "0"])
        .args(["--path-samples", "8", "--formats", "graphml,gexf"])
        .current_dir(w.join("runs"))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The temporary folder appears when the results are being written.
    let started = std::time::Instant::now();
    while fs::read_dir(w.join("runs")).unwrap().count() < 2 {
        assert!(started.elapsed().as_secs() < 300, "no temporary folder");
        assert!(child.try_wait().unwrap().is_none(), "the run ended early");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let number = match signal {
        "TERM" => libc::SIGTERM,
        "INT" => libc::SIGINT,
        "HUP" => libc::SIGHUP,
        "KILL" => libc::SIGKILL,
        other => panic!("no signal {other}"),
    };
    // SAFETY: kill only sends a signal to the child this test started and still owns.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, number) }, 0);
    child.wait().unwrap()
}

#[cfg(unix)]
#[test]
fn a_stopped_run_leaves_the_previous_folder_and_no_temporary_one() {
    use std::os::unix::process::ExitStatusExt;
    let w = Workdir::new();
    // Large enough to take a moment to write, even on a fast machine.
    w.run(&["generate", "--people", "20000", "--out", "big", "-q"])
        .expect_code(0);
    w.run(&["generate", "--people", "10", "--out", "runs/o", "-q"])
        .expect_code(0);
    let before = tree(&w.join("runs/o"));
    for (signal, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let status = stop_while_writing(&w, signal);
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
        assert_eq!(
            entries(&w.join("runs")),
            ["o"],
            "SIG{signal} left a temporary folder"
        );
        assert_eq!(tree(&w.join("runs/o")), before, "SIG{signal}");
    }
    // KILL cannot be caught: the next run into the same place removes what it left.
    let status = stop_while_writing(&w, "KILL");
    assert_eq!(status.signal(), Some(9));
    assert_eq!(tree(&w.join("runs/o")), before);
    w.run(&[
        "generate",
        "--people",
        "10",
        "--seed",
        "2",
        "--out",
        "runs/other",
        "-q",
    ])
    .expect_code(0);
    assert_eq!(entries(&w.join("runs")), ["o", "other"]);
}

#[test]
fn a_long_output_folder_name_is_written_and_replaced() {
    let w = Workdir::new();
    // 250 bytes: at most 255 fit in a name.
    let name = "results-".repeat(31) + "xx";
    for seed in ["1", "2"] {
        w.run(&[
            "generate", "--people", "20", "--seed", seed, "--out", &name, "-q",
        ])
        .expect_code(0);
    }
    assert_eq!(w.entries(), [name]);
}
