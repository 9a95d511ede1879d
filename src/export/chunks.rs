//! The big files written in parallel, in order: rows are cut into chunks, each chunk is
//! formatted into its own buffer on the rayon pool, and the buffers are written in row
//! order. A row's text depends only on the row, so the bytes are the same with one thread
//! or many; memory stays bounded by one batch of chunks.

use std::io::{self, Write};
use std::ops::Range;

use rayon::prelude::*;

/// Rows per chunk: large enough that a chunk is a few hundred kilobytes of text, small
/// enough that the chunks of a batch keep both cores busy.
const CHUNK: usize = 2048;

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
/// appends the text of the consecutive rows `rows` (at most one chunk) to `buf`.
pub fn write_blocks(
    out: &mut (dyn Write + Send),
    count: usize,
    block: impl Fn(Range<usize>, &mut String) + Sync,
) -> io::Result<()> {
    let per_batch = 4 * rayon::current_num_threads().max(1);
    let batch = CHUNK * per_batch;
    let fill = |buffers: &mut Vec<String>, start: usize| {
        let end = (start + batch).min(count);
        buffers.par_iter_mut().enumerate().for_each(|(c, buf)| {
            buf.clear();
            let from = (start + c * CHUNK).min(end);
            let to = (from + CHUNK).min(end);
            if from < to {
                block(from..to, buf);
            }
        });
    };
    if count == 0 {
        return Ok(());
    }
    let mut current: Vec<String> = vec![String::new(); per_batch];
    let mut next: Vec<String> = vec![String::new(); per_batch];
    fill(&mut current, 0);
    for start in (batch..count).step_by(batch) {
        let (written, ()) = rayon::join(
            || current.iter().try_for_each(|b| out.write_all(b.as_bytes())),
            || fill(&mut next, start),
        );
        written?;
        std::mem::swap(&mut current, &mut next);
    }
    current.iter().try_for_each(|b| out.write_all(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_out_in_order_whatever_the_threads() {
        let text = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut out = Vec::new();
            pool.install(|| {
                write_rows(&mut out, 3 * CHUNK * 8 + 17, |i, buf| {
                    buf.push_str(&i.to_string());
                    buf.push('\n');
                })
            })
            .unwrap();
            String::from_utf8(out).unwrap()
        };
        let one = text(1);
        let lines: Vec<usize> = one.lines().map(|l| l.parse().unwrap()).collect();
        assert_eq!(lines, (0..3 * CHUNK * 8 + 17).collect::<Vec<_>>());
        assert_eq!(text(3), one);
        let mut empty = Vec::new();
        write_rows(&mut empty, 0, |_, _| unreachable!()).unwrap();
        assert!(empty.is_empty());
    }
}
