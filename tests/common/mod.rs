//! Test harness: run the real `orgsphere` binary in a fresh directory and read what it wrote.
#![allow(dead_code)]

pub mod xml;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh directory for one test, removed when dropped.
pub struct Workdir {
    dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, contents).unwrap();
        path
    }

    /// Runs `orgsphere ARGS` in this directory with a fixed timestamp.
    pub fn run(&self, args: &[&str]) -> Run {
        let out: Output = Command::new(env!("CARGO_BIN_EXE_orgsphere"))
            .args(args)
            .current_dir(self.path())
            .env("SOURCE_DATE_EPOCH", "1795824000")
            .output()
            .expect("run orgsphere");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Like [`Workdir::run`], with one more environment variable.
    pub fn run_with_env(&self, args: &[&str], (key, value): (&str, &str)) -> Run {
        let out: Output = Command::new(env!("CARGO_BIN_EXE_orgsphere"))
            .args(args)
            .current_dir(self.path())
            .env("SOURCE_DATE_EPOCH", "1795824000")
            .env(key, value)
            .output()
            .expect("run orgsphere");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    /// The entries of this directory, sorted (to check that nothing was left behind).
    pub fn entries(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Run {
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code; stderr:\n{}\nstdout:\n{}",
            self.stderr, self.stdout
        );
        self
    }

    /// Checks that stderr holds every needle.
    #[track_caller]
    pub fn expect_stderr(&self, needles: &[&str]) -> &Run {
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "stderr lacks {needle:?}:\n{}",
                self.stderr
            );
        }
        self
    }
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads a CSV into rows of header → value.
pub fn read_csv(text: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The row of `people` whose `employee_id` is `id`.
pub fn person<'a>(people: &'a [HashMap<String, String>], id: &str) -> &'a HashMap<String, String> {
    people
        .iter()
        .find(|p| p["employee_id"] == id)
        .unwrap_or_else(|| panic!("no person {id}"))
}

/// Fails with the key when a JSON object in `text` holds a key twice (serde_json's `Value`
/// would silently keep the last value), or when `text` is not JSON.
pub fn json_keys_unique(text: &str) -> Result<(), String> {
    serde_json::from_str::<UniqueKeys>(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Any JSON value whose objects hold each key once.
struct UniqueKeys;

impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(UniqueKeysVisitor)
    }
}

struct UniqueKeysVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueKeysVisitor {
    type Value = UniqueKeys;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_i64<E>(self, _: i64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_u64<E>(self, _: u64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_f64<E>(self, _: f64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_str<E>(self, _: &str) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_unit<E>(self) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueKeys, A::Error> {
        while seq.next_element::<UniqueKeys>()?.is_some() {}
        Ok(UniqueKeys)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!("duplicate key {key:?}")));
            }
            map.next_value::<UniqueKeys>()?;
        }
        Ok(UniqueKeys)
    }
}

/// A roster survey of 30 people with questions of every kind: a CEO (E01), ten team leads
/// (E02–E11) and nineteen engineers (E12–E30) in their teams. Everyone answers:
/// - `advice` (influence): person i names i+1 and i+3 (in roster order), their manager,
///   and E12, so E12, without formal power, is named by all 29 others;
/// - `friendship` (social): i names i+2; `conflict` (negative): i names i+5;
/// - `information`: everyone rates every colleague from 1 to 5 (engineers evenly, team leads
///   and the CEO 3 to 5), so it is a rating scale and the people with formal power are
///   named more there: the two formal standings get different bars.
///
/// Returns the number of `information` answers below 4 (rated, but no tie).
pub fn roster(w: &Workdir) -> usize {
    const N: usize = 30;
    const LEADS: usize = 10;
    const STAR: usize = 11;
    let id = |i: usize| format!("E{:02}", i + 1);
    let manager = |i: usize| match i {
        0 => None,
        1..=LEADS => Some(0),
        _ => Some(1 + i % LEADS),
    };
    let mut org = String::from("employee_id,manager_id,name,title,department\n");
    for i in 0..N {
        let title = match i {
            0 => "CEO",
            1..=LEADS => "Team Lead",
            _ => "Engineer",
        };
        let dept = if i == 0 { "Board" } else { "Engineering" };
        let m = manager(i).map(id).unwrap_or_default();
        org.push_str(&format!("{},{m},Person {},{title},{dept}\n", id(i), i + 1));
    }
    w.write("in/org.csv", org);
    let mut survey = String::from("respondent_id,nominee_id,question,weight\n");
    let mut below = 0;
    for i in 0..N {
        let mut advice = vec![(i + 1) % N, (i + 3) % N];
        advice.extend(manager(i));
        advice.push(STAR);
        let mut named = Vec::new();
        for j in advice {
            if j != i && !named.contains(&j) {
                named.push(j);
                survey.push_str(&format!("{},{},advice,1\n", id(i), id(j)));
            }
        }
        survey.push_str(&format!("{},{},friendship,1\n", id(i), id((i + 2) % N)));
        survey.push_str(&format!("{},{},conflict,1\n", id(i), id((i + 5) % N)));
        for j in (0..N).filter(|&j| j != i) {
            let rating = if j > LEADS {
                (7 * i + 3 * j) % 5 + 1
            } else {
                (i + j) % 3 + 3
            };
            below += usize::from(rating < 4);
            survey.push_str(&format!("{},{},information,{rating}\n", id(i), id(j)));
        }
    }
    w.write("in/survey.csv", survey);
    below
}

/// Fails if the page could load anything: only the SVG namespace may hold a URL.
pub fn external_references(text: &str) {
    let lower = text.to_lowercase();
    let without_ns = lower.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for banned in [
        "http:",
        "https:",
        "src=",
        "@import",
        "url(",
        "<link",
        "<script",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "//cdn",
        "href=\"http",
        "ftp:",
    ] {
        assert!(
            !without_ns.contains(banned),
            "the report references {banned:?}"
        );
    }
    // Links stay inside the page.
    for (i, _) in lower.match_indices("href=\"") {
        assert_eq!(&lower[i + 6..i + 7], "#", "a link leaves the page");
    }
}

/// The DOM Chromium builds from `page` (a file in `w`), headless and offline; `None`, with
/// a note, where no Chromium is installed.
pub fn chromium_dom(w: &Workdir, page: &str) -> Option<String> {
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        eprintln!(
            "\n!!! SKIPPED {page}: no Chromium here (Debian: apt-get install chromium). The report's structure, escaping and self-containment are still checked by the other tests.\n"
        );
        return None;
    };
    let profile = w.join("profile");
    let url = format!("file://{}", w.join(page).display());
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=2000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}
