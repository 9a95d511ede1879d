//! Feeds arbitrary manifests and folder contents to the rule that decides whether an output
//! folder may be replaced (`outdir::judge`), and, when the first byte asks, builds the
//! folder on disk and writes over it with `outdir::write_folder`. Nothing may panic; a
//! folder is replaced only when each entry it held was a plain file its manifest lists
//! with that size; a refused folder is left byte for byte, with exit code 73, and nothing
//! is left beside it.
//!
//! The input: a flags byte, an entry count (0–7), then per entry a kind byte (file,
//! folder, link), a size byte and a name's length and bytes; the rest is the manifest
//! (none when the flags say so).
#![no_main]

use std::fs;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use orgsphere::outdir::{Entry, EntryKind, MANIFEST, judge, write_folder};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Some((entries, manifest)) = entries(rest) else {
        return;
    };
    let manifest = (flags & 1 == 0).then_some(manifest);
    let verdict = judge(manifest, &entries);
    if verdict.is_ok() {
        let text = String::from_utf8_lossy(manifest.unwrap_or_default());
        for e in &entries {
            if manifest.is_some() && e.name == MANIFEST && e.kind == EntryKind::File {
                continue;
            }
            let line = format!("{} {}", e.size, e.name);
            assert!(
                e.kind == EntryKind::File && text.lines().any(|l| l == line),
                "{e:?} would be deleted"
            );
        }
    }
    if flags & 2 != 0 && manifest.is_none_or(|m| m.len() < 60_000) {
        on_disk(manifest, &entries);
    }
});

/// The entries and the manifest's bytes.
fn entries(data: &[u8]) -> Option<(Vec<Entry>, &[u8])> {
    let (&count, mut rest) = data.split_first()?;
    let mut entries = Vec::new();
    for _ in 0..count % 8 {
        let (&[kind, size, len], tail) = rest.split_first_chunk::<3>()?;
        let len = usize::from(len % 32).min(tail.len());
        let name = String::from_utf8_lossy(&tail[..len]).into_owned();
        rest = &tail[len..];
        let kind = match kind % 3 {
            0 => EntryKind::File,
            1 => EntryKind::Folder,
            _ => EntryKind::Other,
        };
        entries.push(Entry {
            name,
            kind,
            size: u64::from(size),
        });
    }
    Some((entries, rest))
}

/// Builds the folder (entries whose names cannot be files are skipped), writes over it,
/// and checks that a refusal left it as it was.
fn on_disk(manifest: Option<&[u8]>, entries: &[Entry]) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results");
    fs::create_dir(&out).unwrap();
    let mut built = Vec::new();
    for e in entries {
        let plain = !e.name.is_empty()
            && !e.name.contains(['/', '\0'])
            && e.name != "."
            && e.name != ".."
            && e.name != MANIFEST
            && !built.iter().any(|b: &Entry| b.name == e.name);
        if !plain {
            continue;
        }
        let path = out.join(&e.name);
        match e.kind {
            EntryKind::File => fs::write(&path, vec![b'x'; e.size as usize]).unwrap(),
            EntryKind::Folder => fs::create_dir(&path).unwrap(),
            EntryKind::Other => std::os::unix::fs::symlink("elsewhere", &path).unwrap(),
        }
        built.push(e.clone());
    }
    if let Some(bytes) = manifest {
        fs::write(out.join(MANIFEST), bytes).unwrap();
    }
    let before = snapshot(&out);
    let result = write_folder(&out, &[], |tmp| {
        fs::write(tmp.join("people.csv"), "employee_id\n")
            .map_err(|e| orgsphere::Error::io(tmp, e))
    });
    match result {
        Ok(()) => {
            let mut all = built;
            if let Some(bytes) = manifest {
                all.push(Entry {
                    name: MANIFEST.into(),
                    kind: EntryKind::File,
                    size: bytes.len() as u64,
                });
            }
            assert!(
                judge(manifest, &all).is_ok(),
                "a folder replaced against the rule"
            );
            assert_eq!(
                fs::read_to_string(out.join("people.csv")).unwrap(),
                "employee_id\n"
            );
        }
        Err(e) => {
            assert_eq!(e.exit_code(), 73, "{e}");
            assert!(snapshot(&out) == before, "a refused folder was changed");
        }
    }
    let beside = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(beside, 1, "something was left beside the folder");
}

/// Every entry of `dir` with its kind and bytes, sorted.
fn snapshot(dir: &Path) -> Vec<(String, bool, Vec<u8>)> {
    let mut all: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = fs::symlink_metadata(e.path()).unwrap();
            let bytes = if meta.is_file() {
                fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (e.file_name().to_string_lossy().into_owned(), meta.is_dir(), bytes)
        })
        .collect();
    all.sort();
    all
}
