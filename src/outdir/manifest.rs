//! The manifest: the list of files orgsphere wrote into an output folder, with their sizes,
//! written last, so that the next run can tell a folder of its own results (replaced) from
//! one that holds anything else (left alone).
//!
//! ```text
//! # orgsphere output folder: the files orgsphere wrote here, with their sizes in bytes.
//! # A later run replaces this folder only while it holds these files alone, sizes unchanged.
//! 48213 people.csv
//! 9120 summary.json
//! ```
//!
//! Sizes, not hashes: a hash would mean reading gigabytes of results back at every run of
//! a large organisation. An edit that changes a file's size is noticed; one that keeps it
//! is not (the README says to keep edited copies elsewhere).

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::Path;

/// The manifest's name inside the folder.
pub const MANIFEST: &str = ".orgsphere-manifest";

/// The manifest's first line, which also tells a reader what the file is.
const HEADER: &str = "# orgsphere output folder: the files orgsphere wrote here, with their sizes in bytes.\n\
# A later run replaces this folder only while it holds these files alone, sizes unchanged.\n";

/// A manifest larger than this is not one orgsphere wrote (its own hold a few hundred
/// bytes).
const MAX_LEN: u64 = 64 * 1024;

/// What a folder entry is, as far as replacing the folder goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Folder,
    /// A symbolic link, device, socket…
    Other,
}

/// One entry of a folder that may be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub kind: EntryKind,
    pub size: u64,
}

/// Lists the files `fill` wrote into `dir`, makes each durable (`fsync`), and writes the
/// manifest (durable too). `dir` must hold plain files only.
pub fn write(dir: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().into_string().map_err(|n| {
            io::Error::other(format!("{}: a file name that is not UTF-8", n.display()))
        })?;
        if !entry.file_type()?.is_file() || name.contains('\n') || name == MANIFEST {
            return Err(io::Error::other(format!(
                "{name}: not a plain file orgsphere can list"
            )));
        }
        files.push((entry.path(), name));
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));
    let mut text = String::from(HEADER);
    for (path, name) in &files {
        // Unix syncs a file opened for reading; other systems want it open for writing.
        let file = File::options().read(true).write(!cfg!(unix)).open(path)?;
        file.sync_all()?;
        text.push_str(&format!("{} {name}\n", file.metadata()?.len()));
    }
    let mut manifest = File::create(dir.join(MANIFEST))?;
    manifest.write_all(text.as_bytes())?;
    manifest.sync_all()
}

/// Parses a manifest: the listed names with their sizes; `None` if it is not one
/// orgsphere wrote.
pub fn parse(bytes: &[u8]) -> Option<Vec<(&str, u64)>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let body = text.strip_prefix(HEADER)?;
    body.lines()
        .map(|line| {
            let (size, name) = line.split_once(' ')?;
            let size = (!size.is_empty() && size.bytes().all(|b| b.is_ascii_digit()))
                .then(|| size.parse::<u64>().ok())??;
            (!name.is_empty() && name != MANIFEST).then_some((name, size))
        })
        .collect()
}

/// Why a folder holding `entries` (its manifest's bytes `manifest`, if it has one) may
/// not be replaced; `Ok` when it is empty or holds nothing but the files the manifest
/// lists, at their listed sizes. Files the manifest lists but the folder lacks do not
/// matter: nothing is lost with them.
pub fn judge(manifest: Option<&[u8]>, entries: &[Entry]) -> Result<(), String> {
    // The manifest itself is set aside only when it was read (a plain file of a plausible
    // size); anything else of that name is as foreign as any other stray.
    let others: Vec<&Entry> = entries
        .iter()
        .filter(|e| !(manifest.is_some() && e.name == MANIFEST && e.kind == EntryKind::File))
        .collect();
    if others.is_empty() && manifest.is_none() {
        return Ok(());
    }
    let Some(bytes) = manifest else {
        return Err(format!(
            "the folder holds files and no {MANIFEST} (the list of what orgsphere wrote there), so they may be files orgsphere did not write; if it holds only results of an orgsphere from before the manifest, delete it yourself, or choose another --out"
        ));
    };
    let Some(listed) = parse(bytes) else {
        return Err(format!(
            "its {MANIFEST} is not one orgsphere wrote, so orgsphere cannot tell which files are its own; delete the folder yourself if it holds only earlier results, or choose another --out"
        ));
    };
    let strays: Vec<String> = others
        .iter()
        .filter(|e| e.kind != EntryKind::File || !listed.iter().any(|(n, _)| *n == e.name))
        .map(|e| match e.kind {
            EntryKind::Folder => format!("the folder {}/", e.name),
            EntryKind::Other => format!("{} (not a plain file)", e.name),
            EntryKind::File => e.name.clone(),
        })
        .collect();
    if !strays.is_empty() {
        return Err(format!(
            "the folder holds {}, which orgsphere did not write, and orgsphere replaces only a folder of its own results; move {} elsewhere, or choose another --out",
            some(&strays),
            if strays.len() == 1 { "it" } else { "them" }
        ));
    }
    let changed: Vec<String> = others
        .iter()
        .filter_map(|e| {
            let (_, size) = listed.iter().find(|(n, _)| *n == e.name)?;
            (*size != e.size).then(|| format!("{} ({} bytes, written as {size})", e.name, e.size))
        })
        .collect();
    if !changed.is_empty() {
        return Err(format!(
            "{} changed since orgsphere wrote {}; to keep the changes, move {} elsewhere, or choose another --out",
            some(&changed),
            if changed.len() == 1 { "it" } else { "them" },
            if changed.len() == 1 { "it" } else { "them" }
        ));
    }
    Ok(())
}

/// The first few of `names`, with how many more there are.
fn some(names: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = names[..names.len().min(SHOWN)].join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// The entries of `dir` (links not followed) and its manifest, if it holds one that is a
/// plain file of a plausible size.
pub fn read_folder(dir: &Path) -> io::Result<(Vec<Entry>, Option<Vec<u8>>)> {
    let mut entries = Vec::new();
    let mut manifest = None;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        let kind = if meta.is_file() {
            EntryKind::File
        } else if meta.is_dir() {
            EntryKind::Folder
        } else {
            EntryKind::Other
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == MANIFEST && kind == EntryKind::File && meta.len() <= MAX_LEN {
            let mut bytes = Vec::new();
            File::open(entry.path())?
                .take(MAX_LEN)
                .read_to_end(&mut bytes)?;
            manifest = Some(bytes);
        }
        entries.push(Entry {
            name,
            kind,
            size: meta.len(),
        });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((entries, manifest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, size: u64) -> Entry {
        Entry {
            name: name.into(),
            kind: EntryKind::File,
            size,
        }
    }

    fn manifest(lines: &str) -> Vec<u8> {
        format!("{HEADER}{lines}").into_bytes()
    }

    #[test]
    fn a_written_manifest_lists_every_file_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("people.csv"), "employee_id\n1\n").unwrap();
        fs::write(dir.path().join("a b.json"), "{}").unwrap();
        write(dir.path()).unwrap();
        let (entries, bytes) = read_folder(dir.path()).unwrap();
        let bytes = bytes.expect("the manifest is read back");
        assert_eq!(
            parse(&bytes).unwrap(),
            [("a b.json", 2), ("people.csv", 14)]
        );
        assert_eq!(judge(Some(&bytes), &entries), Ok(()));
        // A folder inside is not something orgsphere writes.
        fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(write(dir.path()).is_err());
    }

    #[test]
    fn only_an_empty_folder_or_one_of_listed_files_may_be_replaced() {
        assert_eq!(judge(None, &[]), Ok(()));
        let m = manifest("14 people.csv\n2 summary.json\n");
        let listed = [file(MANIFEST, 40), file("people.csv", 14)];
        assert_eq!(
            judge(Some(&m), &listed),
            Ok(()),
            "a listed file may be missing"
        );
        let stray = [file("people.csv", 14), file("thesis.docx", 9)];
        let why = judge(Some(&m), &stray).unwrap_err();
        assert!(
            why.contains("thesis.docx") && why.contains("did not write"),
            "{why}"
        );
        let folder = [Entry {
            name: "summary.json".into(),
            kind: EntryKind::Folder,
            size: 4096,
        }];
        assert!(
            judge(Some(&m), &folder)
                .unwrap_err()
                .contains("summary.json/")
        );
        let link = [Entry {
            name: "people.csv".into(),
            kind: EntryKind::Other,
            size: 14,
        }];
        assert!(judge(Some(&m), &link).is_err(), "a link in place of a file");
        let edited = [file("people.csv", 15)];
        let why = judge(Some(&m), &edited).unwrap_err();
        assert!(
            why.contains("people.csv (15 bytes, written as 14) changed"),
            "{why}"
        );
        let why = judge(None, &[file("summary.json", 2)]).unwrap_err();
        assert!(why.contains(MANIFEST), "{why}");
        // Something named like the manifest that was not read as one (a folder, or a
        // file too large) is a stray.
        let fake = [Entry {
            name: MANIFEST.into(),
            kind: EntryKind::Folder,
            size: 4096,
        }];
        assert!(judge(None, &fake).is_err());
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        /// A folder may be replaced exactly when each of its entries is a plain file its
        /// manifest lists with that size: drawn as a few files, folders and links, each
        /// listed or not, at its size or another.
        #[test]
        fn a_folder_is_replaced_only_when_the_manifest_accounts_for_everything(
            drawn in proptest::collection::vec((0usize..6, 0u8..3, 0u64..4, any::<bool>(), 0u64..2), 0..6)
        ) {
            let mut entries: Vec<Entry> = Vec::new();
            let mut lines = String::new();
            let mut allowed = true;
            for (name, kind, size, listed, off) in drawn {
                let name = ["people.csv", "summary.json", "a b", "graph.dot", "x", "notes.txt"][name];
                if entries.iter().any(|e| e.name == name) {
                    continue;
                }
                let kind = [EntryKind::File, EntryKind::Folder, EntryKind::Other][kind as usize];
                if listed {
                    lines.push_str(&format!("{} {name}\n", size + off));
                }
                allowed &= kind == EntryKind::File && listed && off == 0;
                entries.push(Entry { name: name.into(), kind, size });
            }
            let bytes = manifest(&lines);
            prop_assert_eq!(judge(Some(&bytes), &entries).is_ok(), allowed);
            prop_assert_eq!(judge(None, &entries).is_ok(), entries.is_empty());
        }
    }

    #[test]
    fn a_manifest_orgsphere_did_not_write_is_refused() {
        for bad in [
            b"14 people.csv\n".to_vec(),
            manifest("people.csv\n"),
            manifest("-1 people.csv\n"),
            manifest("+1 people.csv\n"),
            manifest("1 \n"),
            manifest(&format!("1 {MANIFEST}\n")),
            vec![0xff, 0xfe],
        ] {
            assert_eq!(parse(&bad), None, "{}", String::from_utf8_lossy(&bad));
            assert!(judge(Some(&bad), &[file("people.csv", 1)]).is_err());
        }
        let many: Vec<String> = (0..5).map(|i| format!("notes-{i}.txt")).collect();
        assert_eq!(
            some(&many),
            "notes-0.txt, notes-1.txt, notes-2.txt and 2 more"
        );
    }
}
