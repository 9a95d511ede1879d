//! What orgsphere reads, and what it refuses to: devices, endless streams, files above
//! `--max-input-size`, a config file that is no config; pipes the user names are read.
//! And how a file that is UTF-8 but for a stray byte is read and reported.
//!
//! The runs that must stop early are held to a bound on memory (the address space of the
//! process) and watched with a deadline, so a loader that reads on and on fails the test
//! instead of the machine.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

mod common;

use std::ffi::CString;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::io::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use common::{Run, Workdir, person, read_csv, root};

/// The address space a run that refuses its input may use: far below what reading
/// `/dev/zero` or a file of several GB would take.
const BOUNDED: u64 = 1 << 30;

/// How long a run may take before the test gives up on it (debug builds on busy machines).
const DEADLINE: Duration = Duration::from_secs(120);

/// Runs `orgsphere ARGS` in `w` with at most `memory` bytes of address space, killed after
/// [`DEADLINE`].
fn run_bounded(w: &Workdir, args: &[&str], memory: u64) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_orgsphere"));
    command
        .args(args)
        .current_dir(w.path())
        .env("SOURCE_DATE_EPOCH", "1795824000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe and touches nothing of the parent.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: memory,
                rlim_max: memory,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("run orgsphere");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait");
            panic!(
                "orgsphere {args:?} still ran after {DEADLINE:?}; stderr:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("wait");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Checks what a run printed, on stdout (where `validate` lists problems) or stderr.
trait Said {
    fn said(&self, needles: &[&str]) -> &Self;
}

impl Said for Run {
    #[track_caller]
    fn said(&self, needles: &[&str]) -> &Run {
        for needle in needles {
            assert!(
                self.stdout.contains(needle) || self.stderr.contains(needle),
                "output lacks {needle:?}:\n{}\n{}",
                self.stdout,
                self.stderr
            );
        }
        self
    }
}

/// Makes a named pipe (FIFO) at `path`.
fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string; mkfifo reads it only.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Writes `chunk` `times` times into the FIFO at `path` once a reader has opened it, and
/// stops when the reader goes away. Returns the bytes written. Gives up (writing nothing)
/// when no reader comes within [`DEADLINE`], so a refused input never leaves it waiting.
fn feed(path: PathBuf, chunk: Vec<u8>, times: usize) -> JoinHandle<u64> {
    thread::spawn(move || {
        let start = Instant::now();
        let file: File = loop {
            // Without a reader, a non-blocking open fails (ENXIO) instead of waiting.
            match OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(&path)
            {
                Ok(file) => break file,
                Err(_) if start.elapsed() < DEADLINE => thread::sleep(Duration::from_millis(5)),
                Err(_) => return 0,
            }
        };
        // SAFETY: clears O_NONBLOCK on a descriptor this thread owns.
        unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETFL, 0) };
        let mut file = file;
        let mut written = 0u64;
        for _ in 0..times {
            if file.write_all(&chunk).is_err() {
                break;
            }
            written += chunk.len() as u64;
        }
        written
    })
}

fn sample(name: &str) -> String {
    root().join("sample-data").join(name).display().to_string()
}

#[test]
fn a_device_named_as_an_input_is_refused_without_reading_it() {
    let w = Workdir::new();
    let survey = sample("survey-advice.csv");
    for device in ["/dev/zero", "/dev/urandom"] {
        let run = run_bounded(
            &w,
            &[
                "analyze", "--org", device, "--survey", &survey, "--out", "out",
            ],
            BOUNDED,
        );
        run.expect_code(65).said(&[
            device,
            "not-a-text-table",
            "character device",
            "name the CSV file itself",
        ]);
        let run = run_bounded(
            &w,
            &["validate", "--org", &sample("org.csv"), "--survey", device],
            BOUNDED,
        );
        run.expect_code(65).said(&[device, "character device"]);
    }
    // A folder is no file either (66, as a path that cannot be opened as a file).
    let run = run_bounded(
        &w,
        &[
            "validate",
            "--org",
            w.path().to_str().unwrap(),
            "--survey",
            &survey,
        ],
        BOUNDED,
    );
    run.expect_code(66).said(&["this is a folder"]);
    assert!(w.entries().is_empty(), "{:?}", w.entries());
}

#[test]
fn a_config_file_that_is_a_device_or_binary_is_refused_without_reading_it() {
    let w = Workdir::new();
    let run = run_bounded(&w, &["analyze", "--config", "/dev/zero"], BOUNDED);
    run.expect_code(65)
        .said(&["/dev/zero", "character device", "not a config file"]);
    // Binary data in a regular file: refused from its first bytes.
    let mut garbage = b"org = \"org.csv\"\n".to_vec();
    garbage.extend_from_slice(&[0u8; 4096]);
    w.write("job.toml", &garbage);
    let run = run_bounded(&w, &["validate", "--config", "job.toml"], BOUNDED);
    run.expect_code(65).said(&["job.toml", "not a TOML config"]);
    // More than a config file holds: refused from its size.
    w.write("big.toml", "# settings\n".repeat(200_000));
    let run = run_bounded(&w, &["validate", "--config", "big.toml"], BOUNDED);
    run.expect_code(65)
        .said(&["big.toml", "file-too-large", "1 MiB"]);
}

#[test]
fn an_endless_stream_through_a_pipe_is_refused_after_its_first_mib() {
    let w = Workdir::new();
    let survey = sample("survey-advice.csv");
    // Zeros (binary), then text that never breaks a line; each offered up to 256 MiB.
    for (i, (fill, needle)) in [(0u8, "binary data"), (b'a', "no line break")]
        .into_iter()
        .enumerate()
    {
        let fifo = w.join(&format!("org-{i}.csv"));
        mkfifo(&fifo);
        let writer = feed(fifo.clone(), vec![fill; 1 << 20], 256);
        let run = run_bounded(
            &w,
            &[
                "analyze",
                "--org",
                fifo.to_str().unwrap(),
                "--survey",
                &survey,
                "--out",
                "out",
            ],
            BOUNDED,
        );
        let written = writer.join().unwrap();
        run.expect_code(65).said(&["not-a-text-table", needle]);
        assert!(
            written < 8 << 20,
            "orgsphere read {written} bytes of a stream that is no table before refusing it"
        );
        assert!(!w.join("out").exists());
    }
}

#[test]
fn inputs_through_pipes_are_read() {
    let w = Workdir::new();
    let org = w.join("org.pipe");
    let survey = w.join("survey-advice.pipe");
    mkfifo(&org);
    mkfifo(&survey);
    let org_bytes = std::fs::read(sample("org.csv")).unwrap();
    let survey_bytes = std::fs::read(sample("survey-advice.csv")).unwrap();
    let writers = [
        feed(org.clone(), org_bytes.clone(), 1),
        feed(survey.clone(), survey_bytes.clone(), 1),
    ];
    let run = run_bounded(
        &w,
        &[
            "analyze",
            "--org",
            "org.pipe",
            "--survey",
            "survey-advice.pipe",
            "--out",
            "out",
        ],
        8 << 30,
    );
    let written: Vec<u64> = writers.into_iter().map(|t| t.join().unwrap()).collect();
    run.expect_code(0);
    assert_eq!(written, [org_bytes.len() as u64, survey_bytes.len() as u64]);
    let people = read_csv(&w.read("out/people.csv"));
    let org_rows = read_csv(&String::from_utf8(org_bytes).unwrap()).len();
    assert_eq!(people.len(), org_rows);
}

#[test]
fn a_file_above_max_input_size_is_refused_naming_the_flag() {
    let w = Workdir::new();
    let org = std::fs::read(sample("org.csv")).unwrap();
    assert!(org.len() > 2048);
    w.write("in/org.csv", &org);
    w.write(
        "in/survey-advice.csv",
        std::fs::read(sample("survey-advice.csv")).unwrap(),
    );
    let run = w.run(&["analyze", "in", "--out", "out", "--max-input-size", "2K"]);
    run.expect_code(65)
        .said(&["in/org.csv", "file-too-large", "--max-input-size", "2 KiB"]);
    assert_eq!(w.entries(), ["in"]);
    // The same limit from a config file, as text or as a number of bytes.
    for value in ["\"2K\"", "2048"] {
        w.write(
            "job.toml",
            format!("dir = \"in\"\nmax-input-size = {value}\n"),
        );
        w.run(&["validate", "--config", "job.toml"])
            .expect_code(65)
            .said(&["file-too-large", "--max-input-size"]);
    }
    // Above the file's size, the run goes on.
    let limit = (org.len() * 100).to_string();
    w.run(&["validate", "in", "--max-input-size", &limit])
        .expect_code(0);
    // A size that is no size is a usage error.
    w.run(&["validate", "in", "--max-input-size", "0"])
        .expect_code(64)
        .said(&["--max-input-size"]);
    // Through a pipe, the limit counts what arrives.
    let fifo = w.join("org.pipe");
    mkfifo(&fifo);
    let writer = feed(fifo.clone(), org.clone(), 1);
    let run = run_bounded(
        &w,
        &[
            "validate",
            "--org",
            "org.pipe",
            "--survey",
            "in/survey-advice.csv",
            "--max-input-size",
            "2K",
        ],
        BOUNDED,
    );
    writer.join().unwrap();
    run.expect_code(65)
        .said(&["org.pipe", "file-too-large", "more than the 2 KiB"]);
}

#[test]
fn a_huge_file_is_refused_from_its_size_by_default() {
    let w = Workdir::new();
    // A sparse file of 5 GiB: a wrong file named by mistake (a disk image, a database).
    let huge = w.join("huge.csv");
    File::create(&huge).unwrap().set_len(5 << 30).unwrap();
    let start = Instant::now();
    let run = run_bounded(
        &w,
        &[
            "validate",
            "--org",
            "huge.csv",
            "--survey",
            &sample("survey-advice.csv"),
        ],
        BOUNDED,
    );
    run.expect_code(65).said(&[
        "huge.csv",
        "file-too-large",
        "holds 5 GiB, more than the 4 GiB",
        "--max-input-size 8G",
    ]);
    assert!(start.elapsed() < DEADLINE);
}

/// An org chart in UTF-8 ("Zoë Müller", row 2) with Windows-1252 bytes (ü = 0xFC) in rows 4
/// and 6. Row 3 holds a line break in a quoted cell, so row 4 is line 5 of the file.
const MIXED_ORG: &[u8] = b"employee_id,manager_id,name,title\n\
    1,,Zo\xC3\xAB M\xC3\xBCller,CEO\n\
    2,1,\"Ann\nLee\",Lead\n\
    3,1,J\xFCrgen,Analyst\n\
    4,2,Bo,Analyst\n\
    5,2,G\xFCnter,Analyst\n";

const MIXED_SURVEY: &str = "respondent_id,nominee_id\n1,2\n2,1\n3,1\n4,1\n5,1\n";

#[test]
fn a_stray_byte_in_utf8_text_is_a_warning_naming_its_rows() {
    let w = Workdir::new();
    w.write("in/org.csv", MIXED_ORG);
    w.write("in/survey.csv", MIXED_SURVEY);
    // Guessed: read as Windows-1252 (the documented rule), with a warning at row 4 that
    // names rows 4 and 6 and the UTF-8 text of row 2.
    w.run(&["analyze", "in", "--out", "out"]).expect_code(0);
    let quality = read_csv(&w.read("out/data-quality.csv"));
    let warning = quality
        .iter()
        .find(|q| q["code"] == "encoding-guessed")
        .unwrap_or_else(|| panic!("no encoding-guessed warning: {quality:?}"));
    assert_eq!(warning["file"], "in/org.csv");
    assert_eq!(warning["row"], "4");
    let message = &warning["message"];
    for needle in [
        "first in row 2",
        "2 byte sequences",
        "rows 4 and 6",
        "--encoding utf-8",
        "--encoding windows-1252",
    ] {
        assert!(message.contains(needle), "{needle:?} not in {message:?}");
    }
    let people = read_csv(&w.read("out/people.csv"));
    assert_eq!(person(&people, "1")["name"], "ZoÃ« MÃ¼ller");
    assert_eq!(person(&people, "3")["name"], "Jürgen");

    // UTF-8 named: the UTF-8 text is kept, the stray bytes become U+FFFD, with a warning.
    w.run(&["analyze", "in", "--out", "out2", "--encoding", "utf-8"])
        .expect_code(0);
    let quality = read_csv(&w.read("out2/data-quality.csv"));
    let warning = quality
        .iter()
        .find(|q| q["code"] == "encoding-replaced")
        .unwrap_or_else(|| panic!("no encoding-replaced warning: {quality:?}"));
    assert_eq!(warning["row"], "4");
    assert!(warning["message"].contains("rows 4 and 6"), "{warning:?}");
    assert!(!quality.iter().any(|q| q["code"] == "encoding-guessed"));
    let people = read_csv(&w.read("out2/people.csv"));
    assert_eq!(person(&people, "1")["name"], "Zoë Müller");
    assert_eq!(person(&people, "3")["name"], "J\u{fffd}rgen");

    // Windows-1252 named: as the user says, no warning.
    w.run(&[
        "analyze",
        "in",
        "--out",
        "out3",
        "--encoding",
        "windows-1252",
    ])
    .expect_code(0);
    assert!(!w.read("out3/data-quality.csv").contains("encoding-"));

    // --strict: the guess is an error.
    w.run(&["validate", "in", "--strict"])
        .expect_code(65)
        .said(&["in/org.csv:4", "encoding-guessed"]);
}

#[test]
fn a_stray_byte_in_a_survey_is_named_too() {
    let w = Workdir::new();
    w.write(
        "in/org.csv",
        "employee_id,manager_id,name\n1,,Zoë\n2,1,Ann\n3,1,Bo\n",
    );
    w.write(
        "in/survey.csv",
        b"respondent_id,nominee_id,comment\n1,2,gr\xC3\xBC\xC3\x9Fe\n2,1,\n3,1,M\xFCnchen\n",
    );
    w.run(&["validate", "in"]).expect_code(0).said(&[
        "in/survey.csv:4",
        "encoding-guessed",
        "first in row 2",
    ]);
}

#[test]
fn compare_refuses_a_device_in_a_result_folder_without_reading_it() {
    let w = Workdir::new();
    let data = root().join("sample-data");
    let data = data.to_str().unwrap();
    w.run(&["analyze", data, "--out", "old", "--bootstrap", "0"])
        .expect_code(0);
    w.run(&["analyze", data, "--out", "new", "--bootstrap", "0"])
        .expect_code(0);
    for file in ["people.csv", "summary.json"] {
        let path = w.join("new").join(file);
        let kept = w.join(file);
        std::fs::rename(&path, &kept).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let run = run_bounded(&w, &["compare", "old", "new", "--out", "changes"], BOUNDED);
        run.expect_code(65)
            .said(&[file, "unreadable-results", "character device"]);
        std::fs::remove_file(&path).unwrap();
        std::fs::rename(&kept, &path).unwrap();
    }
    assert!(!w.join("changes").exists());
}
