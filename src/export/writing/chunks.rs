//! The big files written in parallel, in order: rows are cut into chunks, each chunk is
//! formatted into its own buffer on the rayon pool, and the buffers are written in row
//! order. A row's text depends only on the row, so the bytes are the same with one thread
//! or many, and whatever the chunk size; memory stays bounded by two batches of chunks.

use std::io::{self, Write};
use std::ops::Range;

use rayon::prelude::*;

/// Text per chunk that the chunk size aims for: enough to make each chunk worth a task and
/// a write, small enough that the buffers of two batches stay in the processor's cache and
/// are reused rather than freshly allocated. A row of a graph file ranges from about 100
/// bytes (a tie) to over 1,000 (a person with all their measures), so the number of rows
/// per chunk follows the text the rows turned out to have.
const CHUNK_BYTES: usize = 64 * 1024;

/// Rows per chunk in the first batch, before any row's size is known; also the largest
/// number of rows whose size is measured before the first adjustment.
const FIRST_CHUNK: usize = 64;

/// Fewest and most rows per chunk, whatever the rows' size.
const CHUNK_ROWS: Range<usize> = 16..8192;

/// Writes rows `0..count` in order; `row(i, buf)` appends row `i`'s text to `buf`. While
/// one batch is written out, the next is formatted (the writer's thread copies bytes to
/// the file; the pool formats), so neither waits for the other on a large file.
pub fn write_rows(
    out: &mut (dyn Write + Send),
    count: usize,
    row: impl Fn(usize, &mut String) + Sync,
) -> io::Result<()> {
    write_blocks(out, count, |rows, buf| rows.for_each(|i| row(i, buf)))
}

/// [`write_rows`] for writers that format a run of rows at a time: `block(rows, buf)`
/// appends the text of the consecutive rows `rows` (one chunk) to `buf`.
pub fn write_blocks(
    out: &mut (dyn Write + Send),
    count: usize,
    block: impl Fn(Range<usize>, &mut String) + Sync,
) -> io::Result<()> {
    let per_batch = 4 * rayon::current_num_threads().max(1);
    // Formats rows `start..` into `buffers`, `chunk` rows to a buffer; returns the end.
    let fill = |buffers: &mut Vec<String>, start: usize, chunk: usize| {
        let end = (start + chunk * per_batch).min(count);
        buffers.par_iter_mut().enumerate().for_each(|(c, buf)| {
            buf.clear();
            let from = (start + c * chunk).min(end);
            let to = (from + chunk).min(end);
            if from < to {
                block(from..to, buf);
            }
        });
        end
    };
    // The chunk size for the next batch, from the text the last one made.
    let resize = |buffers: &[String], rows: usize| {
        let bytes: usize = buffers.iter().map(String::len).sum();
        let per_row = bytes.div_ceil(rows.max(1)).max(1);
        (CHUNK_BYTES / per_row).clamp(CHUNK_ROWS.start, CHUNK_ROWS.end)
    };
    if count == 0 {
        return Ok(());
    }
    let mut current: Vec<String> = vec![String::new(); per_batch];
    let mut next: Vec<String> = vec![String::new(); per_batch];
    let mut start = fill(&mut current, 0, FIRST_CHUNK);
    let mut chunk = resize(&current, start);
    while start < count {
        let (written, end) = rayon::join(
            || current.iter().try_for_each(|b| out.write_all(b.as_bytes())),
            || fill(&mut next, start, chunk),
        );
        written?;
        chunk = resize(&next, end - start);
        start = end;
        std::mem::swap(&mut current, &mut next);
    }
    current.iter().try_for_each(|b| out.write_all(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_out_in_order_whatever_the_threads_and_sizes() {
        // Short rows (the chunk grows to its largest), then a stretch of long rows (it
        // shrinks), then short rows again: several batches of each.
        let count = 3 * CHUNK_ROWS.end * 8 + 17;
        let long = count / 3..count / 3 + 1024;
        let row = |i: usize, buf: &mut String| {
            buf.push_str(&i.to_string());
            if long.contains(&i) {
                buf.push_str(&"x".repeat(CHUNK_BYTES / 32));
            }
            buf.push('\n');
        };
        let text = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut out = Vec::new();
            pool.install(|| write_rows(&mut out, count, row)).unwrap();
            String::from_utf8(out).unwrap()
        };
        let one = text(1);
        let mut expected = String::new();
        (0..count).for_each(|i| row(i, &mut expected));
        assert!(one == expected, "rows out of order or missing");
        assert!(
            text(3) == one,
            "a different number of threads changed the bytes"
        );
        let mut empty = Vec::new();
        write_rows(&mut empty, 0, |_, _| unreachable!()).unwrap();
        assert!(empty.is_empty());
        let mut few = Vec::new();
        write_rows(&mut few, 3, |i, buf| buf.push_str(&i.to_string())).unwrap();
        assert_eq!(few, b"012");
    }
}
