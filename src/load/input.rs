//! Reading an input file whole, within a limit: only what can hold text is read, and never
//! more than the limit, whatever the path names.
//!
//! In: a path the user named, the most bytes to read, and a check of the file's first
//! bytes. Out: the file's bytes, or why they were not read. A regular file or a pipe (a
//! FIFO, `<(…)` in a shell, `/dev/stdin` fed by a pipe) is read; a folder, a device
//! (`/dev/zero`, a terminal) or a socket is refused before it is opened. A file larger than
//! the limit is refused from its size, a pipe as soon as more than the limit has arrived;
//! bytes that fail the check are refused after the first [`PREFIX`] of them. So neither a
//! huge wrong file nor an endless stream is read whole.

use std::fs::{File, FileType, Metadata};
use std::io::{self, Read};
use std::path::Path;

use super::decode::{DecodeError, PREFIX};

/// One input as the loaders take it: a file to open, or bytes already in memory with the
/// name that messages give them (tests, fuzzing, callers that read standard input). Both
/// go through the same loaders and checks; only the reading of the bytes differs.
#[derive(Debug, Clone, Copy)]
pub enum InputFile<'a> {
    Path(&'a Path),
    /// A name, as a path to the file would be given, and the file's bytes.
    Bytes(&'a str, &'a [u8]),
}

impl<'a> InputFile<'a> {
    /// The file as the user named it.
    pub fn path(&self) -> &'a Path {
        match *self {
            InputFile::Path(path) => path,
            InputFile::Bytes(name, _) => Path::new(name),
        }
    }

    /// The bytes it holds, as far as known before reading (0 for a pipe or a file that
    /// cannot be opened).
    pub fn size(&self) -> u64 {
        match *self {
            InputFile::Path(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            InputFile::Bytes(_, bytes) => bytes.len() as u64,
        }
    }
}

/// Why an input file was not read.
#[derive(Debug)]
pub enum InputError {
    /// The path cannot be opened: missing, not allowed.
    Missing(io::Error),
    /// The path names a folder.
    Folder,
    /// The path names something that is neither a regular file nor a pipe: what it is.
    NotAFile(&'static str),
    /// The file holds more than `limit` bytes; `size` when the file system told it.
    TooLarge { size: Option<u64>, limit: u64 },
    /// The first bytes failed the caller's check.
    NotText(DecodeError),
    /// Reading failed after the file was opened.
    Io(io::Error),
}

/// Reads the file at `path` whole when it is a regular file or a pipe of at most `limit`
/// bytes whose first [`PREFIX`] bytes pass `check` (told whether more bytes follow them).
pub fn read_limited(
    path: &Path,
    limit: u64,
    check: impl FnOnce(&[u8], bool) -> Result<(), DecodeError>,
) -> Result<Vec<u8>, InputError> {
    // Looked at before opening, as opening a device may block or act (a tape, a modem);
    // looked at again on the file opened, in case the path changed in between.
    let size = readable(
        &std::fs::metadata(path).map_err(InputError::Missing)?,
        limit,
    )?;
    let file = File::open(path).map_err(InputError::Missing)?;
    let size = size.max(readable(&file.metadata().map_err(InputError::Io)?, limit)?);
    let mut bytes = Vec::new();
    // A regular file's size is known: one allocation, no copy as the buffer grows.
    bytes
        .try_reserve_exact(size as usize)
        .map_err(|_| InputError::Io(io::Error::from(io::ErrorKind::OutOfMemory)))?;
    let file = &file;
    // One byte past the prefix says whether more follow.
    file.take(PREFIX as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    let more = bytes.len() > PREFIX;
    check(&bytes[..bytes.len().min(PREFIX)], more).map_err(InputError::NotText)?;
    if more {
        file.take(limit.saturating_add(1).saturating_sub(bytes.len() as u64))
            .read_to_end(&mut bytes)
            .map_err(InputError::Io)?;
    }
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// What the path of `meta` names, in words, when it is neither a regular file nor a pipe
/// (a folder, a device, a socket); `None` for a regular file or a pipe.
pub fn not_a_file(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_dir() {
        Some("a folder")
    } else if kind.is_file() || is_pipe(&kind) {
        None
    } else {
        Some(describe(&kind))
    }
}

/// The size of a regular file within `limit` (0 for a pipe), or why it is not read.
fn readable(meta: &Metadata, limit: u64) -> Result<u64, InputError> {
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(InputError::Folder);
    }
    if !kind.is_file() && !is_pipe(&kind) {
        return Err(InputError::NotAFile(describe(&kind)));
    }
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    Ok(if kind.is_file() { meta.len() } else { 0 })
}

#[cfg(unix)]
fn is_pipe(kind: &FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo()
}

#[cfg(not(unix))]
fn is_pipe(_: &FileType) -> bool {
    false
}

/// What a path that is neither a regular file, a pipe nor a folder names, in words.
#[cfg(unix)]
fn describe(kind: &FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_char_device() {
        "a character device (such as /dev/zero or a terminal)"
    } else if kind.is_block_device() {
        "a block device (a disk)"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn describe(_: &FileType) -> &'static str {
    "not a regular file"
}

/// A number of bytes in the unit that reads best: `4 GiB`, `1.5 MiB`, `812 bytes`.
pub fn size_in_words(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn text_check(prefix: &[u8], more: bool) -> Result<(), DecodeError> {
        super::super::decode::check_prefix(prefix, None, more)
    }

    #[test]
    fn reads_a_regular_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("org.csv");
        let mut rows = b"id\n".repeat(PREFIX / 3 + 100);
        rows.extend_from_slice(b"last\n");
        std::fs::write(&path, &rows).unwrap();
        assert_eq!(read_limited(&path, 1 << 30, text_check).unwrap(), rows);
        std::fs::write(&path, b"id\n1\n").unwrap();
        assert_eq!(read_limited(&path, 5, text_check).unwrap(), b"id\n1\n");
    }

    #[test]
    fn refuses_folders_devices_and_files_above_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_limited(dir.path(), 1 << 30, text_check),
            Err(InputError::Folder)
        ));
        assert!(matches!(
            read_limited(&dir.path().join("none.csv"), 1 << 30, text_check),
            Err(InputError::Missing(_))
        ));
        let path = dir.path().join("org.csv");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(b"id\n1\n2\n")
            .unwrap();
        assert!(matches!(
            read_limited(&path, 6, text_check),
            Err(InputError::TooLarge {
                size: Some(7),
                limit: 6
            })
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 1 << 30, text_check),
            Err(InputError::NotAFile(kind)) if kind.contains("character device")
        ));
    }

    #[test]
    fn stops_after_the_first_bytes_when_they_fail_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("org.csv");
        std::fs::write(&path, vec![b'x'; PREFIX + 1]).unwrap();
        assert!(matches!(
            read_limited(&path, 1 << 30, text_check),
            Err(InputError::NotText(DecodeError::NoLineBreak))
        ));
        std::fs::write(&path, vec![b'x'; PREFIX]).unwrap();
        assert_eq!(
            read_limited(&path, 1 << 30, text_check).unwrap().len(),
            PREFIX
        );
    }

    #[test]
    fn sizes_read_as_words() {
        assert_eq!(size_in_words(812), "812 bytes");
        assert_eq!(size_in_words(1536), "1.5 KiB");
        assert_eq!(size_in_words(4 << 30), "4 GiB");
        assert_eq!(size_in_words(5 << 40), "5 TiB");
    }
}
