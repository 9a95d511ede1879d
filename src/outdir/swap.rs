//! Beside `--out`: the temporary folder a run fills, the swap that puts it in place, and
//! the removal of what runs killed outright (SIGKILL, a power cut) left behind.
//!
//! A run's temporaries are named `.orgsphere-<pid>-<n>` (short, whatever the length of
//! `--out`'s name), with suffixes for the steps of the fallback swap: `.old` (the previous
//! folder moved aside), `.target` (a note of `--out`'s name while it is aside) and `.del`
//! (a folder being removed). Only names of this form whose process is no longer running
//! are ever removed by another run.
//!
//! The swap is one `renameat2(RENAME_EXCHANGE)` on Linux: `--out` holds the old folder or
//! the new one at every instant. Where the file system or system lacks it, the old folder
//! is moved aside and the new one moved in, with the note written first; a run killed
//! between the two renames has the old folder put back by the next run.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

const PREFIX: &str = ".orgsphere-";

/// The names of one temporary folder and its companions.
#[derive(Debug, Clone)]
pub struct Names {
    /// The folder being filled; after an exchange, the previous results to remove.
    pub tmp: PathBuf,
    /// The previous folder, moved aside by the fallback swap.
    pub old: PathBuf,
    /// The fallback swap's note of `--out`'s name.
    pub note: PathBuf,
    /// A folder being removed.
    del: PathBuf,
}

impl Names {
    /// Names not used before by this process, in `parent`.
    pub fn next(parent: &Path) -> Names {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        Names::of(parent, &format!("{PREFIX}{}-{n}", std::process::id()))
    }

    fn of(parent: &Path, base: &str) -> Names {
        Names {
            tmp: parent.join(base),
            old: parent.join(format!("{base}.old")),
            note: parent.join(format!("{base}.target")),
            del: parent.join(format!("{base}.del")),
        }
    }
}

/// The process id and base name (`.orgsphere-<pid>-<n>`) of a temporary's name.
fn parse(name: &str) -> Option<(i32, &str)> {
    let rest = name.strip_prefix(PREFIX)?;
    let base_len = PREFIX.len() + rest.find('.').unwrap_or(rest.len());
    let (pid, n) = rest[..base_len - PREFIX.len()].split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let suffix = &name[base_len..];
    if !digits(pid) || !digits(n) || !["", ".old", ".target", ".del"].contains(&suffix) {
        return None;
    }
    let pid = pid.parse::<i32>().ok().filter(|&p| p > 0)?;
    Some((pid, &name[..base_len]))
}

/// Puts the complete folder `names.tmp` at `out` (`replacing` a folder there, else where
/// nothing is). Returns what is left to remove, in order: the previous results and, after
/// the fallback swap, its note. The parent folder is for the caller to make durable.
pub fn swap(names: &Names, out: &Path, replacing: bool) -> io::Result<Vec<PathBuf>> {
    let left = match native(&names.tmp, out, replacing) {
        Some(Ok(())) if replacing => vec![names.tmp.clone()],
        Some(Ok(())) => Vec::new(),
        Some(Err(e)) => return Err(e),
        None if replacing => by_renames(names, out)?,
        None => {
            if fs::symlink_metadata(out).is_ok() {
                return Err(io::ErrorKind::AlreadyExists.into());
            }
            fs::rename(&names.tmp, out)?;
            Vec::new()
        }
    };
    Ok(left)
}

/// The folder `path` is in (`.` for a bare name).
pub fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The exchange (or, where nothing is, a rename that never replaces) where the system has
/// it; `None` where it does not.
#[cfg(target_os = "linux")]
fn native(tmp: &Path, out: &Path, replacing: bool) -> Option<io::Result<()>> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    let flags = if replacing {
        RenameFlags::EXCHANGE
    } else {
        RenameFlags::NOREPLACE
    };
    match renameat_with(CWD, tmp, CWD, out, flags) {
        Ok(()) => Some(Ok(())),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => None,
        Err(e) => Some(Err(e.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn native(_: &Path, _: &Path, _: bool) -> Option<io::Result<()>> {
    None
}

/// The fallback swap: the note, then `out` aside to `names.old`, then the new folder in;
/// a failed second rename puts the old folder back.
fn by_renames(names: &Names, out: &Path) -> io::Result<Vec<PathBuf>> {
    let name = out.file_name().ok_or(io::ErrorKind::InvalidInput)?;
    write_note(&names.note, name)?;
    sync_dir(&parent(out))?;
    if let Err(e) = fs::rename(out, &names.old) {
        let _ = fs::remove_file(&names.note);
        return Err(e);
    }
    if let Err(e) = fs::rename(&names.tmp, out) {
        if fs::rename(&names.old, out).is_ok() {
            let _ = fs::remove_file(&names.note);
        }
        return Err(e);
    }
    Ok(vec![names.old.clone(), names.note.clone()])
}

#[cfg(unix)]
fn write_note(path: &Path, name: &OsStr) -> io::Result<()> {
    use std::io::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut file = File::create(path)?;
    file.write_all(name.as_bytes())?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_note(path: &Path, name: &OsStr) -> io::Result<()> {
    use std::io::Write;
    let name = name.to_str().ok_or(io::ErrorKind::InvalidInput)?;
    let mut file = File::create(path)?;
    file.write_all(name.as_bytes())?;
    file.sync_all()
}

/// The folder name a note holds, if it is one plain name.
fn read_note(path: &Path) -> Option<std::ffi::OsString> {
    let bytes = fs::read(path).ok()?;
    #[cfg(unix)]
    let name = <OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&bytes).to_os_string();
    #[cfg(not(unix))]
    let name = std::ffi::OsString::from(String::from_utf8(bytes).ok()?);
    let plain = matches!(
        Path::new(&name).components().collect::<Vec<_>>().as_slice(),
        [std::path::Component::Normal(n)] if *n == name.as_os_str()
    );
    plain.then_some(name)
}

/// Makes a folder's entries durable. File systems that cannot sync a folder are left be.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        #[cfg(not(unix))]
        Err(_) => Ok(()),
        other => other,
    }
}

/// Removes a temporary (folder or note), first moving a folder to its `.del` name so
/// that nothing can still be created in it while it is removed.
pub fn remove_now(path: &Path) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if !meta.is_dir() {
        let _ = fs::remove_file(path);
        return;
    }
    let gone = match path.file_name().and_then(OsStr::to_str).and_then(parse) {
        Some((_, base)) => Names::of(&parent(path), base).del,
        None => path.to_path_buf(),
    };
    let doomed = if fs::rename(path, &gone).is_ok() {
        gone
    } else {
        path.to_path_buf()
    };
    allow_removal(&doomed);
    // A file a writer was creating as the folder moved may appear after the listing.
    for _ in 0..5 {
        match fs::remove_dir_all(&doomed) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            _ => return,
        }
    }
}

/// A folder replaced with its permissions may be read-only for its owner: made writable
/// so that its files can be removed.
fn allow_removal(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::symlink_metadata(dir) {
            let mode = meta.permissions().mode();
            if mode & 0o700 != 0o700 {
                let _ = fs::set_permissions(dir, fs::Permissions::from_mode(mode | 0o700));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Removes, in `parent`, the temporaries of runs that are no longer running; a previous
/// folder a run left aside, with `--out` empty, is first put back. `in_use` tells the
/// temporaries this process is still filling (`signals::registered`): this process's id
/// may be an ended run's again.
pub fn clean_stale(parent: &Path, in_use: impl Fn(&Path) -> bool) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut bases: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| {
            let (pid, base) = parse(&name)?;
            // This process's id may be an ended one's again (in a container, often).
            let ended = if pid as u32 == std::process::id() {
                !in_use(&Names::of(parent, base).tmp)
            } else {
                !running(pid)
            };
            ended.then(|| base.to_string())
        })
        .collect();
    bases.sort();
    bases.dedup();
    for base in bases {
        recover(&Names::of(parent, &base), parent);
    }
}

/// What one dead run left: its fallback swap is undone or finished, then its temporaries
/// are removed.
fn recover(names: &Names, parent: &Path) {
    let exists = |p: &Path| fs::symlink_metadata(p).is_ok();
    if exists(&names.note) && exists(&names.old) {
        let Some(name) = read_note(&names.note) else {
            return;
        };
        let out = parent.join(name);
        if !exists(&out) {
            // Killed between the renames: the previous folder goes back.
            if fs::rename(&names.old, &out).is_err() {
                return;
            }
            let _ = sync_dir(parent);
        } else if exists(&names.tmp) {
            // Something else took `--out`'s place: nothing is removed.
            return;
        }
    }
    for path in [&names.tmp, &names.old, &names.del, &names.note] {
        remove_now(path);
    }
}

/// Whether process `pid` is running (or may be: one of another user counts).
#[cfg(unix)]
fn running(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only checks that the process exists.
    let status = unsafe { libc::kill(pid, 0) };
    status == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn running(_: i32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id of a process that has ended.
    #[cfg(unix)]
    fn dead_pid() -> i32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        child.wait().unwrap();
        child.id() as i32
    }

    #[test]
    fn temporary_names_are_recognised_exactly() {
        assert_eq!(parse(".orgsphere-123-0"), Some((123, ".orgsphere-123-0")));
        assert_eq!(parse(".orgsphere-9-12.old"), Some((9, ".orgsphere-9-12")));
        assert_eq!(parse(".orgsphere-9-1.target"), Some((9, ".orgsphere-9-1")));
        for other in [
            ".orgsphere-manifest",
            ".orgsphere-0-1",
            ".orgsphere-12",
            ".orgsphere-12-",
            ".orgsphere--1",
            ".orgsphere-1-2.bak",
            ".orgsphere-1-2.old.del",
            ".orgsphere-99999999999-1",
            "orgsphere-1-2",
            ".results.tmp-123",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
        let names = Names::next(Path::new("p"));
        assert!(names.tmp.to_str().unwrap().len() < 40);
    }

    #[test]
    fn the_fallback_swap_replaces_the_folder_and_a_failed_one_restores_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("results");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("people.csv"), "old").unwrap();
        let names = Names::next(dir.path());
        fs::create_dir(&names.tmp).unwrap();
        fs::write(names.tmp.join("people.csv"), "new").unwrap();
        let left = by_renames(&names, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("people.csv")).unwrap(), "new");
        assert_eq!(left, [names.old.clone(), names.note.clone()]);
        assert_eq!(
            fs::read_to_string(names.old.join("people.csv")).unwrap(),
            "old"
        );
        left.iter().for_each(|p| remove_now(p));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // No new folder to move in: the old one stays where it was.
        let names = Names::next(dir.path());
        assert!(by_renames(&names, &out).is_err());
        assert_eq!(fs::read_to_string(out.join("people.csv")).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_run_killed_between_the_renames_gets_its_previous_folder_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a long name for results");
        let names = Names::of(dir.path(), &format!("{PREFIX}{}-0", dead_pid()));
        // The state after the note and the first rename.
        fs::create_dir(&names.old).unwrap();
        fs::write(names.old.join("people.csv"), "old").unwrap();
        fs::create_dir(&names.tmp).unwrap();
        fs::write(names.tmp.join("people.csv"), "new").unwrap();
        write_note(&names.note, out.file_name().unwrap()).unwrap();
        clean_stale(dir.path(), |_| false);
        assert_eq!(fs::read_to_string(out.join("people.csv")).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn only_the_temporaries_of_ended_runs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let own = std::process::id();
        let stale = [
            format!("{PREFIX}{dead}-0"),
            format!("{PREFIX}{dead}-1.del"),
            format!("{PREFIX}{dead}-2.old"),
            // An ended process's id that this one has again.
            format!("{PREFIX}{own}-999998"),
        ];
        for name in &stale {
            fs::create_dir(dir.path().join(name)).unwrap();
            fs::write(dir.path().join(name).join("people.csv"), "x").unwrap();
        }
        let kept = [
            format!("{PREFIX}{own}-999999"),
            format!("{PREFIX}1-0"),
            format!(".results.tmp-{dead}"),
            "results".to_string(),
        ];
        for name in &kept {
            fs::create_dir(dir.path().join(name)).unwrap();
        }
        let running = dir.path().join(&kept[0]);
        // A note whose name is not one plain name leaves its folders alone.
        let odd = Names::of(dir.path(), &format!("{PREFIX}{dead}-3"));
        fs::create_dir(&odd.old).unwrap();
        fs::write(&odd.note, "../elsewhere").unwrap();
        clean_stale(dir.path(), |tmp| tmp == running);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut expected: Vec<String> = kept.to_vec();
        expected.push(format!("{PREFIX}{dead}-3.old"));
        expected.push(format!("{PREFIX}{dead}-3.target"));
        expected.sort();
        assert_eq!(left, expected);
    }
}
