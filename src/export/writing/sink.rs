//! Where an output file's bytes go: straight to the disk, past the page cache, from a
//! writer thread of the file's own.
//!
//! A million people make about 5 GB of results. Written through the page cache, the kernel
//! copies every byte into freshly zeroed pages, and once a few GB wait to be written it
//! holds the writers to the pace of its own write-back, which on the machines measured is
//! a third of what the disk takes directly (BENCHMARKS.md). orgsphere never reads its
//! results back, so they have nothing to gain from the cache: whole blocks are written
//! with `O_DIRECT` where the file system takes it, and only a file's last part, shorter
//! than a block, goes through the cache. A file system that refuses direct writes gets
//! ordinary ones, the same bytes either way; so do systems other than Linux.
//!
//! The formatting threads only copy their text into a block (with streaming stores on
//! x86-64, see `stream_copy`); a full block is handed to the file's writer thread, so
//! the pool goes on formatting while the disk works.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

/// Bytes per direct write: a multiple of every disk's block size, large enough for the
/// disk's full speed (measured with `dd oflag=direct`: 0.9 GB/s with 256 KiB writes, 1.2
/// GB/s with 1 MiB, no more with 4 MiB).
const BLOCK: usize = 1 << 20;

/// Alignment of a direct write's memory, file offset and length: the largest logical
/// block size in common use.
const ALIGN: usize = 4096;

/// Full blocks that may wait for the writer thread besides the one it is writing.
const QUEUE: usize = 2;

/// An output file being written; [`Sink::finish`] completes it.
pub struct Sink {
    /// The block being filled.
    block: Block,
    /// The file, until the first full block hands it to the writer thread.
    file: Option<File>,
    direct: bool,
    writer: Option<Writer>,
}

/// The writer thread and its channels.
struct Writer {
    full: SyncSender<Block>,
    empty: Receiver<Block>,
    thread: JoinHandle<io::Result<(File, bool)>>,
}

impl Sink {
    /// Creates (or truncates) the file at `path`.
    pub fn create(path: &Path) -> io::Result<Self> {
        let (file, direct) = open(path)?;
        Ok(Sink {
            block: Block::new(),
            file: Some(file),
            direct,
            writer: None,
        })
    }

    /// Writes what is left and waits until every block is written.
    pub fn finish(mut self) -> io::Result<()> {
        let (mut file, direct) = match self.writer.take() {
            None => (self.take_file()?, self.direct),
            Some(Writer { full, thread, .. }) => {
                drop(full);
                thread
                    .join()
                    .map_err(|_| io::Error::other("the file's writer thread failed"))??
            }
        };
        self.block.settle();
        let tail = self.block.bytes();
        if !tail.is_empty() {
            if direct {
                set_direct(&file, false)?;
            }
            file.write_all(tail)?;
        }
        Ok(())
    }

    /// The file, unless the writer thread took it and stopped on an error (reported by
    /// the write that found it).
    fn take_file(&mut self) -> io::Result<File> {
        self.file
            .take()
            .ok_or_else(|| io::Error::other("an earlier write to this file failed"))
    }

    /// Hands the full block to the writer thread (starting it on the first) and takes an
    /// empty one back.
    fn hand_over(&mut self) -> io::Result<()> {
        if self.writer.is_none() {
            let file = self.take_file()?;
            let direct = self.direct;
            let (full, to_write) = sync_channel::<Block>(QUEUE);
            let (written, empty) = sync_channel::<Block>(QUEUE + 2);
            let thread = std::thread::Builder::new()
                .name("orgsphere-write".into())
                .spawn(move || write_blocks(file, direct, to_write, written))?;
            self.writer = Some(Writer {
                full,
                empty,
                thread,
            });
        }
        let writer = self.writer.as_ref().expect("started above");
        self.block.settle();
        let next = writer.empty.try_recv().unwrap_or_else(|_| Block::new());
        let block = std::mem::replace(&mut self.block, next);
        if writer.full.send(block).is_err() {
            // The writer thread stopped on an error: this write reports it.
            let Writer { thread, .. } = self.writer.take().expect("started above");
            return match thread.join() {
                Ok(Err(e)) => Err(e),
                _ => Err(io::Error::other("the file's writer thread failed")),
            };
        }
        Ok(())
    }
}

/// A file left unfinished (its exporter failed) still has its writer thread stopped
/// before the temporary folder is removed.
impl Drop for Sink {
    fn drop(&mut self) {
        if let Some(Writer { full, thread, .. }) = self.writer.take() {
            drop(full);
            let _ = thread.join();
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            let taken = self.block.fill(rest);
            rest = &rest[taken..];
            if self.block.is_full() {
                self.hand_over()?;
            }
        }
        Ok(buf.len())
    }

    /// Blocks are written whole; `finish` writes the rest.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The writer thread: writes each full block in turn and hands the empty block back;
/// returns the file (and whether it is still direct) for the last part.
fn write_blocks(
    mut file: File,
    mut direct: bool,
    full: Receiver<Block>,
    empty: SyncSender<Block>,
) -> io::Result<(File, bool)> {
    for mut block in full {
        write_block(&mut file, &mut direct, block.bytes())?;
        block.clear();
        let _ = empty.try_send(block);
    }
    Ok((file, direct))
}

/// What blocks are written to: the file, or in tests a stand-in that refuses direct
/// writes.
trait SinkTarget: Write {
    fn set_direct(&mut self, on: bool) -> io::Result<()>;
}

impl SinkTarget for File {
    fn set_direct(&mut self, on: bool) -> io::Result<()> {
        set_direct(self, on)
    }
}

/// Writes `bytes` whole. A direct write the file system refuses (`EINVAL`: a block size
/// above [`ALIGN`], or a short write that left the offset out of line) turns direct
/// writing off for the rest of the file.
fn write_block(file: &mut impl SinkTarget, direct: &mut bool, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        match file.write(bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if *direct && refused(&e) => {
                file.set_direct(false)?;
                *direct = false;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A block of [`BLOCK`] bytes whose start is aligned to [`ALIGN`]: the vector holds
/// `start` bytes of padding, then the data, and never grows past its first allocation.
struct Block {
    buf: Vec<u8>,
    start: usize,
}

impl Block {
    fn new() -> Self {
        let mut buf: Vec<u8> = Vec::with_capacity(BLOCK + ALIGN);
        let start = buf.as_ptr().align_offset(ALIGN);
        buf.resize(start, 0);
        Block { buf, start }
    }

    /// Copies as much of `bytes` as fits; returns how much. Until [`Block::settle`], the
    /// copy may still be on its way to memory.
    fn fill(&mut self, bytes: &[u8]) -> usize {
        let n = bytes.len().min(BLOCK - self.len());
        let spare = &mut self.buf.spare_capacity_mut()[..n];
        stream_copy(&bytes[..n], spare);
        // SAFETY: the `n` bytes after the length were just written; the block never grows
        // past its first allocation (`n` is at most the room left).
        unsafe { self.buf.set_len(self.buf.len() + n) };
        n
    }

    /// Makes every copy so far visible to the disk and to other threads: streaming
    /// stores are not ordered with the writes that follow them.
    fn settle(&self) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a store fence only orders stores; SSE2 is part of every x86-64.
        unsafe {
            std::arch::x86_64::_mm_sfence();
        }
    }

    fn len(&self) -> usize {
        self.buf.len() - self.start
    }

    fn is_full(&self) -> bool {
        self.len() == BLOCK
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    fn clear(&mut self) {
        self.buf.truncate(self.start);
    }
}

/// Copies `from` into `to` (of the same length). The blocks go to the disk, not back
/// to the processor, so on x86-64 the bulk of a long copy uses streaming stores, which
/// write memory without first reading each line of the block into the cache (about half
/// the memory traffic of an ordinary copy); [`Block::settle`] orders them.
fn stream_copy(from: &[u8], to: &mut [std::mem::MaybeUninit<u8>]) {
    let n = from.len().min(to.len());
    let (src, dst) = (from.as_ptr(), to.as_mut_ptr().cast::<u8>());
    // Up to the first 64-byte line of the destination, and all of a short copy: ordinary.
    let head = if n < STREAM_FROM {
        n
    } else {
        (dst as usize).wrapping_neg() % 64
    };
    // SAFETY: `src` and `dst` are valid for `n` bytes and do not overlap (one is the
    // caller's text, the other a block's spare room); `head ≤ n`.
    unsafe { std::ptr::copy_nonoverlapping(src, dst, head) };
    let mut i = head;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_stream_si128};
        while i + 64 <= n {
            // SAFETY: `i + 64 ≤ n`; `dst + i` is 64-byte aligned (from `head` on), as
            // streaming stores need 16; unaligned loads take any source address.
            unsafe {
                let s = src.add(i).cast::<__m128i>();
                let d = dst.add(i).cast::<__m128i>();
                let (a, b) = (_mm_loadu_si128(s), _mm_loadu_si128(s.add(1)));
                let (c, e) = (_mm_loadu_si128(s.add(2)), _mm_loadu_si128(s.add(3)));
                _mm_stream_si128(d, a);
                _mm_stream_si128(d.add(1), b);
                _mm_stream_si128(d.add(2), c);
                _mm_stream_si128(d.add(3), e);
            }
            i += 64;
        }
    }
    // SAFETY: as above, for the bytes from `i` to `n`.
    unsafe { std::ptr::copy_nonoverlapping(src.add(i), dst.add(i), n - i) };
}

/// Copies shorter than this are ordinary ones.
const STREAM_FROM: usize = 512;

#[cfg(target_os = "linux")]
fn open(path: &Path) -> io::Result<(File, bool)> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = File::options();
    options.write(true).create(true).truncate(true);
    let direct = options
        .clone()
        .custom_flags(rustix::fs::OFlags::DIRECT.bits() as i32)
        .open(path);
    match direct {
        Ok(file) => Ok((file, true)),
        Err(e) if refused(&e) => Ok((options.open(path)?, false)),
        Err(e) => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn open(path: &Path) -> io::Result<(File, bool)> {
    Ok((File::create(path)?, false))
}

/// Whether an error is the file system refusing a direct open or write.
#[cfg(target_os = "linux")]
fn refused(e: &io::Error) -> bool {
    e.raw_os_error() == Some(rustix::io::Errno::INVAL.raw_os_error())
}

#[cfg(not(target_os = "linux"))]
fn refused(_: &io::Error) -> bool {
    false
}

#[cfg(target_os = "linux")]
fn set_direct(file: &File, on: bool) -> io::Result<()> {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    let mut flags = fcntl_getfl(file)?;
    flags.set(OFlags::DIRECT, on);
    Ok(fcntl_setfl(file, flags)?)
}

#[cfg(not(target_os = "linux"))]
fn set_direct(_: &File, _: bool) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that differ from block to block, so a block written twice or out of order
    /// shows.
    fn text(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + i / 4093) as u8).collect()
    }

    /// The streaming copy gives the same bytes as an ordinary one at every length around
    /// its thresholds and every alignment of source and destination.
    #[test]
    fn the_streaming_copy_copies_every_byte() {
        let from = text(4 * STREAM_FROM + 200);
        for len in [
            0,
            1,
            63,
            64,
            65,
            STREAM_FROM - 1,
            STREAM_FROM,
            STREAM_FROM + 1,
            2_000,
        ] {
            for src in 0..67 {
                for dst in [0, 1, 15, 16, 33, 63, 64] {
                    let mut to = vec![std::mem::MaybeUninit::new(0xAAu8); dst + len + 64];
                    stream_copy(&from[src..src + len], &mut to[dst..dst + len]);
                    // SAFETY: every byte was initialised, to 0xAA or by the copy.
                    let got: Vec<u8> = to.iter().map(|b| unsafe { b.assume_init() }).collect();
                    assert_eq!(
                        &got[dst..dst + len],
                        &from[src..src + len],
                        "{len} {src} {dst}"
                    );
                    assert!(
                        got[..dst]
                            .iter()
                            .chain(&got[dst + len..])
                            .all(|&b| b == 0xAA)
                    );
                }
            }
        }
    }

    #[test]
    fn files_come_out_whole_at_every_size() {
        let dir = tempfile::tempdir().unwrap();
        for len in [
            0,
            1,
            ALIGN - 1,
            ALIGN,
            BLOCK - 1,
            BLOCK,
            BLOCK + 1,
            (QUEUE + 3) * BLOCK + ALIGN + 17,
        ] {
            let path = dir.path().join(format!("{len}.txt"));
            let bytes = text(len);
            let mut sink = Sink::create(&path).unwrap();
            // Writes of many sizes, some across a block's end.
            let mut rest = &bytes[..];
            let mut step = 1;
            while !rest.is_empty() {
                let n = step.min(rest.len());
                sink.write_all(&rest[..n]).unwrap();
                rest = &rest[n..];
                step = step * 3 + 1;
            }
            sink.finish().unwrap();
            assert!(std::fs::read(&path).unwrap() == bytes, "{len} bytes differ");
        }
    }

    #[test]
    fn an_existing_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.csv");
        std::fs::write(&path, text(3 * BLOCK)).unwrap();
        let mut sink = Sink::create(&path).unwrap();
        sink.write_all(b"employee_id\n").unwrap();
        sink.finish().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"employee_id\n");
    }

    /// A full disk (`/dev/full` refuses every write) is an error from the write that
    /// meets it or from `finish`, never a panic, also when the writer keeps writing.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_write_is_an_error() {
        let mut sink = Sink::create(Path::new("/dev/full")).unwrap();
        let block = text(BLOCK);
        let failed = (0..QUEUE + 4)
            .map(|_| sink.write_all(&block))
            .filter(Result::is_err)
            .count();
        assert!(failed > 0, "no write reported the full disk");
        assert!(sink.finish().is_err());
        let mut small = Sink::create(Path::new("/dev/full")).unwrap();
        small.write_all(b"summary").unwrap();
        assert!(small.finish().is_err(), "the last part's error is lost");
    }

    /// A stand-in for a file whose direct writes fail with `errno`, as ext4 refuses one
    /// out of line (`EINVAL`).
    #[cfg(target_os = "linux")]
    struct Refusing {
        errno: rustix::io::Errno,
        direct: bool,
        written: Vec<u8>,
    }

    #[cfg(target_os = "linux")]
    impl Refusing {
        fn new(errno: rustix::io::Errno) -> Self {
            Refusing {
                errno,
                direct: true,
                written: Vec::new(),
            }
        }
    }

    #[cfg(target_os = "linux")]
    impl Write for Refusing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.direct {
                return Err(io::Error::from_raw_os_error(self.errno.raw_os_error()));
            }
            self.written.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[cfg(target_os = "linux")]
    impl SinkTarget for Refusing {
        fn set_direct(&mut self, on: bool) -> io::Result<()> {
            self.direct = on;
            Ok(())
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_refused_direct_write_falls_back_to_an_ordinary_one() {
        let mut file = Refusing::new(rustix::io::Errno::INVAL);
        let mut direct = true;
        write_block(&mut file, &mut direct, b"<gexf").unwrap();
        write_block(&mut file, &mut direct, b">").unwrap();
        assert_eq!(file.written, b"<gexf>");
        assert!(!direct && !file.direct, "the file stays on ordinary writes");
        // Any other error is the write's failure, not a refusal.
        let mut full = Refusing::new(rustix::io::Errno::NOSPC);
        let mut direct = true;
        let err = write_block(&mut full, &mut direct, b"<gexf>").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert!(direct && full.written.is_empty());
    }

    /// On a real file: ext4 and XFS refuse a one-byte direct write and the file goes on with
    /// ordinary ones; a file system that takes it (tmpfs) writes it as it is. The bytes are
    /// the same either way.
    #[test]
    fn a_block_out_of_line_is_written_on_any_file_system() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.gexf");
        let (mut file, mut direct) = open(&path).unwrap();
        write_block(&mut file, &mut direct, b"<").unwrap();
        let mut block = Block::new();
        block.fill(&text(BLOCK));
        write_block(&mut file, &mut direct, block.bytes()).unwrap();
        drop(file);
        let mut expected = b"<".to_vec();
        expected.extend(text(BLOCK));
        assert!(std::fs::read(&path).unwrap() == expected);
    }
}
