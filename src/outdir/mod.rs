//! The output folder, written whole or not at all, that never takes a user's data with it.
//! `analyze`, `compare` and `generate` each hand [`write_folder`] the folder's path, the
//! inputs it must never delete, and a function that writes their files into a folder.
//!
//! The files are written into a temporary folder beside `--out` (`swap`); the folder's
//! manifest is written last (`manifest`), every file, the folder and its parent are made
//! durable, and the temporary folder is swapped into place in one step. A folder already
//! at `--out` is replaced only when it is empty or holds exactly what orgsphere wrote there
//! (its manifest's files, sizes unchanged), and never when it is or holds an input; it is
//! never a symbolic link followed. The new folder gets the replaced one's permission bits
//! (setgid included) and group; a new folder follows the umask. A run stopped by SIGTERM,
//! SIGINT or SIGHUP removes its temporary folder (`signals`); one killed outright leaves
//! it to the next run, which removes it.

mod manifest;
mod signals;
mod swap;

pub use manifest::{Entry, EntryKind, MANIFEST, judge};

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Runs `fill` on a new temporary folder beside `out`, then puts that folder in `out`'s
/// place (see the module's documentation for when a folder at `out` may be replaced).
/// `inputs` are the files and folders the run reads: `out` may neither be one nor hold
/// one (exit 64). On any error, or a panic, the temporary folder is removed.
pub fn write_folder(
    out: &Path,
    inputs: &[&Path],
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let target = Target::new(out)?;
    fs::create_dir_all(&target.parent)
        .map_err(|e| target.cant(format!("cannot create {}: {e}", target.parent.display())))?;
    target.guard(inputs)?;
    swap::clean_stale(&target.parent, signals::registered);
    let before = target.existing()?;
    let names = swap::Names::next(&target.parent);
    let tmp = Temporary::create(&target, &names.tmp, before.as_ref())?;
    fill(&names.tmp)?;
    tmp.finish(before.as_ref())?;
    let swapped = {
        let mut pending = signals::lock();
        // Looked at again: the folder may have changed while the files were written.
        let swapped = target.existing().and_then(|now| {
            swap::swap(&names, &target.out, now.is_some())
                .map_err(|e| target.cant(format!("cannot move the results into place: {e}")))
        });
        if let Ok(left) = &swapped {
            pending.retain(|p| *p != names.tmp);
            pending.extend(left.iter().cloned());
        }
        swapped
    };
    let left = swapped?;
    tmp.disarm();
    for path in &left {
        swap::remove_now(path);
        signals::unregister(path);
    }
    swap::sync_dir(&target.parent).map_err(|e| Error::io(&target.parent, e))
}

/// Checks, before a run does its work, that it could write to `out`: the checks of
/// [`write_folder`], with nothing created.
pub fn check(out: &Path, inputs: &[&Path]) -> Result<()> {
    let target = Target::new(out)?;
    target.guard(inputs)?;
    target.existing().map(|_| ())
}

/// Where the results go.
struct Target {
    /// `--out` as given.
    out: PathBuf,
    parent: PathBuf,
    name: OsString,
}

impl Target {
    fn new(out: &Path) -> Result<Target> {
        let name = out.file_name().ok_or_else(|| Error::CantCreate {
            path: out.to_path_buf(),
            reason: "the output path has no folder name; give one, e.g. --out results".into(),
        })?;
        Ok(Target {
            out: out.to_path_buf(),
            parent: swap::parent(out),
            name: name.to_os_string(),
        })
    }

    fn cant(&self, reason: String) -> Error {
        Error::CantCreate {
            path: self.out.clone(),
            reason,
        }
    }

    /// Refuses an `out` that is one of `inputs` or holds one (compared with links and
    /// `..` resolved).
    fn guard(&self, inputs: &[&Path]) -> Result<()> {
        let out = resolve(&self.parent).join(&self.name);
        for input in inputs {
            let at = resolve(input);
            if at.starts_with(&out) {
                return Err(Error::Usage(format!(
                    "--out {} {} the input {}, which replacing the folder would delete; choose another --out",
                    self.out.display(),
                    if at == out { "is" } else { "holds" },
                    input.display()
                )));
            }
        }
        Ok(())
    }

    /// The folder at `out` and its permissions, when there is one that may be replaced;
    /// `None` when nothing is there; an error saying why otherwise.
    fn existing(&self) -> Result<Option<Permissions>> {
        let meta = match fs::symlink_metadata(&self.out) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(self.cant(e.to_string())),
            Ok(meta) => meta,
        };
        if meta.file_type().is_symlink() {
            return Err(self.cant(
                "it is a symbolic link, and orgsphere does not write through links; give the folder it points to, or choose another --out".into(),
            ));
        }
        if !meta.is_dir() {
            return Err(self.cant("it exists and is not a folder; choose another --out".into()));
        }
        let (entries, manifest) =
            manifest::read_folder(&self.out).map_err(|e| self.cant(e.to_string()))?;
        judge(manifest.as_deref(), &entries).map_err(|why| self.cant(why))?;
        Ok(Some(Permissions::of(&meta)))
    }
}

/// `path` absolute, with links and `..` resolved as far as it exists.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut at = absolute.as_path();
    loop {
        if let Ok(real) = at.canonicalize() {
            return rest.iter().rev().fold(real, |p, name| p.join(name));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return absolute,
        }
    }
}

/// The temporary folder, removed unless disarmed (on an error, or a panic, in `fill`).
struct Temporary<'a> {
    target: &'a Target,
    path: &'a Path,
    armed: bool,
}

impl<'a> Temporary<'a> {
    /// Creates the folder, listed for removal on a signal first. When it will replace a
    /// folder, it takes that folder's group (so that its files do too, under setgid) and
    /// permissions, with the owner's added while it is filled.
    fn create(
        target: &'a Target,
        path: &'a Path,
        before: Option<&Permissions>,
    ) -> Result<Temporary<'a>> {
        signals::register(path);
        let tmp = Temporary {
            target,
            path,
            armed: true,
        };
        fs::create_dir(path).map_err(|e| {
            target.cant(format!(
                "cannot create a folder in {}: {e}",
                target.parent.display()
            ))
        })?;
        if let Some(p) = before {
            p.apply(path, false).map_err(|e| tmp.kept(e))?;
        }
        Ok(tmp)
    }

    /// Writes the manifest and gives the folder its final permissions; files and folder
    /// are durable after.
    fn finish(&self, before: Option<&Permissions>) -> Result<()> {
        manifest::write(self.path).map_err(|e| Error::io(self.path, e))?;
        if let Some(p) = before {
            p.apply(self.path, true).map_err(|e| self.kept(e))?;
        }
        swap::sync_dir(self.path).map_err(|e| Error::io(self.path, e))
    }

    fn kept(&self, e: io::Error) -> Error {
        self.target.cant(format!(
            "cannot give the new folder the group and permissions of the one it replaces ({e}); run orgsphere as a member of that folder's group, or choose another --out"
        ))
    }

    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for Temporary<'_> {
    fn drop(&mut self) {
        if self.armed {
            swap::remove_now(self.path);
            signals::unregister(self.path);
            signals::hold_if_stopping();
        }
    }
}

/// The permission bits (setgid and sticky included) and group of a replaced folder.
#[derive(Debug, Clone, Copy)]
struct Permissions {
    #[cfg_attr(not(unix), allow(dead_code))]
    mode: u32,
    #[cfg_attr(not(unix), allow(dead_code))]
    gid: u32,
}

impl Permissions {
    #[cfg(unix)]
    fn of(meta: &fs::Metadata) -> Permissions {
        use std::os::unix::fs::MetadataExt;
        Permissions {
            mode: meta.mode() & 0o7777,
            gid: meta.gid(),
        }
    }

    #[cfg(not(unix))]
    fn of(_: &fs::Metadata) -> Permissions {
        Permissions { mode: 0, gid: 0 }
    }

    /// Gives `dir` this group and these bits (`exact`), or these bits and the owner's
    /// (while the folder is filled).
    #[cfg(unix)]
    fn apply(&self, dir: &Path, exact: bool) -> io::Result<()> {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if fs::symlink_metadata(dir)?.gid() != self.gid {
            std::os::unix::fs::chown(dir, None, Some(self.gid))?;
        }
        let mode = if exact { self.mode } else { self.mode | 0o700 };
        fs::set_permissions(dir, fs::Permissions::from_mode(mode))
    }

    #[cfg(not(unix))]
    fn apply(&self, _: &Path, _: bool) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> Result<()> {
        fs::write(dir.join(name), text).map_err(|e| Error::io(dir, e))
    }

    #[test]
    fn a_failed_fill_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("results");
        let err = write_folder(&out, &[], |tmp| {
            fs::write(tmp.join("half.csv"), "x").unwrap();
            Err(Error::Threshold("stop".into()))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn replaces_its_own_results_but_not_other_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("results");
        write_folder(&out, &[], |tmp| write(tmp, "summary.json", "1")).unwrap();
        write_folder(&out, &[], |tmp| write(tmp, "summary.json", "2")).unwrap();
        assert_eq!(fs::read_to_string(out.join("summary.json")).unwrap(), "2");
        assert!(out.join(MANIFEST).is_file());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no leftovers");
        let other = dir.path().join("documents");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("thesis.docx"), "precious").unwrap();
        let err = write_folder(&other, &[], |_| Ok(())).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::EXIT_CANT_CREATE);
        assert!(other.join("thesis.docx").exists());
        // A file added while the run wrote its results keeps the folder from being replaced.
        let err = write_folder(&out, &[], |tmp| {
            fs::write(out.join("notes.txt"), "mine").unwrap();
            write(tmp, "summary.json", "3")
        })
        .unwrap_err();
        assert_eq!(err.exit_code(), crate::error::EXIT_CANT_CREATE);
        assert_eq!(fs::read_to_string(out.join("summary.json")).unwrap(), "2");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no leftovers");
    }

    #[test]
    fn a_folder_that_is_or_holds_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("results");
        write_folder(&out, &[], |tmp| write(tmp, "org.csv", "employee_id\n")).unwrap();
        let input = out.join("org.csv");
        let nested = dir.path().join("results/../results/./org.csv");
        for inputs in [[input.as_path()], [out.as_path()], [nested.as_path()]] {
            let err = write_folder(&out, &inputs, |_| Ok(())).unwrap_err();
            assert_eq!(err.exit_code(), crate::error::EXIT_USAGE, "{err}");
            assert!(
                err.to_string().contains("org.csv") || err.to_string().contains(" is the input")
            );
            assert!(check(&out, &inputs).is_err());
        }
        assert!(input.is_file());
        // A folder inside an input folder is fine.
        let inside = out.join("sub");
        assert!(check(&inside, &[out.as_path()]).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_folder_keeps_its_permissions_and_a_new_one_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("results");
        write_folder(&out, &[], |tmp| write(tmp, "summary.json", "1")).unwrap();
        let made = dir.path().join("made");
        fs::create_dir(&made).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&out), mode(&made), "a new folder as any other");
        // Read-only for its owner, it is replaced all the same.
        fs::set_permissions(&out, fs::Permissions::from_mode(0o2550)).unwrap();
        write_folder(&out, &[], |tmp| {
            assert_eq!(
                mode(tmp),
                0o2750,
                "as private as the old one while being filled"
            );
            write(tmp, "summary.json", "2")
        })
        .unwrap();
        assert_eq!(mode(&out), 0o2550);
        assert_eq!(fs::read_to_string(out.join("summary.json")).unwrap(), "2");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no leftovers");
        fs::set_permissions(&out, fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_out_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        write_folder(&real, &[], |tmp| write(tmp, "summary.json", "1")).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let err = write_folder(&link, &[], |tmp| write(tmp, "summary.json", "2")).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(real.join("summary.json")).unwrap(), "1");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_long_folder_name_fits() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r".repeat(250));
        write_folder(&out, &[], |tmp| write(tmp, "summary.json", "1")).unwrap();
        write_folder(&out, &[], |tmp| write(tmp, "summary.json", "2")).unwrap();
        assert_eq!(fs::read_to_string(out.join("summary.json")).unwrap(), "2");
    }
}
