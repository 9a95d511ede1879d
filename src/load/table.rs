//! A CSV file read as the user's spreadsheet shows it: header, rows with their 1-based row
//! numbers (the header is row 1), ragged rows reported, blank rows skipped.

use std::path::Path;
use std::sync::Arc;

use csv::StringRecord;
use sha2::{Digest, Sha256};

use super::decode::{
    self, DecodeError, Decoded, Stray, StrayReading, decode_as, decode_owned, sniff_delimiter,
};
use super::input::{InputError, InputFile, read_limited, size_in_words};
use crate::diagnostics::{Problem, code};
use crate::error::{Error, Result};
use crate::options::{Encoding, ReadOptions};

/// A decoded CSV file, not yet split into records.
#[derive(Debug)]
pub struct Source {
    /// The path as the user gave it; every problem names the file this way.
    pub file: Arc<str>,
    /// Hex SHA-256 of the raw bytes, for `summary.json`.
    pub sha256: String,
    pub encoding: &'static str,
    pub delimiter: u8,
    text: String,
    /// Line feeds in `text`.
    line_feeds: usize,
    /// Bytes that are not UTF-8 in a file that is UTF-8 in part or in whole.
    stray: Option<Stray>,
}

impl Source {
    /// Reads and decodes the file at `path`, at most `limit` bytes (`--max-input-size`). A
    /// file that cannot be opened is [`Error::InputMissing`]; a path that is no regular file
    /// or pipe, a file above the limit, and bytes that are not a text table are invalid
    /// data. `encoding` (from `--encoding`) decides for a file without a byte-order mark.
    pub fn open(path: &Path, encoding: Option<Encoding>, limit: u64) -> Result<Source> {
        let file: Arc<str> = Arc::from(path.display().to_string());
        let bytes = read_limited(path, limit, |prefix, more| {
            decode::check_prefix(prefix, encoding, more)
        })
        .map_err(|e| match e {
            InputError::Missing(source) => Error::InputMissing {
                path: path.to_path_buf(),
                source,
            },
            InputError::Folder => Error::InputMissing {
                path: path.to_path_buf(),
                source: std::io::Error::other("this is a folder; name a CSV file"),
            },
            InputError::Io(source) => Error::io(path, source),
            InputError::NotAFile(what) => not_a_table(
                &file,
                format!(
                    "this is {what}, not a file; name the CSV file itself (a pipe, such as <(command), is read too)"
                ),
            ),
            InputError::NotText(e) => not_a_table(&file, e.advice()),
            InputError::TooLarge { size, limit } => too_large(&file, size, limit),
        })?;
        let sha256 = hex(&Sha256::digest(&bytes));
        let decoded = decode_owned(bytes, encoding);
        Source::new(file, sha256, decoded)
    }

    /// Reads and decodes one input: a file as [`Source::open`] reads it, or bytes already
    /// in memory, held to the same limit (`--max-input-size`) and the same encoding.
    pub fn read(input: InputFile<'_>, options: &ReadOptions) -> Result<Source> {
        match input {
            InputFile::Path(path) => Source::open(path, options.encoding, options.max_input_size),
            InputFile::Bytes(name, bytes) if bytes.len() as u64 > options.max_input_size => {
                Err(too_large(
                    &Arc::from(name),
                    Some(bytes.len() as u64),
                    options.max_input_size,
                ))
            }
            InputFile::Bytes(name, bytes) => Source::from_bytes(name, bytes, options.encoding),
        }
    }

    /// Decodes in-memory bytes read from a file called `name`.
    pub fn from_bytes(name: &str, bytes: &[u8], encoding: Option<Encoding>) -> Result<Source> {
        let sha256 = hex(&Sha256::digest(bytes));
        Source::new(Arc::from(name), sha256, decode_as(bytes, encoding))
    }

    fn new(
        file: Arc<str>,
        sha256: String,
        decoded: std::result::Result<Decoded, DecodeError>,
    ) -> Result<Source> {
        let decoded = decoded.map_err(|e| not_a_table(&file, e.advice()))?;
        Ok(Source {
            sha256,
            delimiter: sniff_delimiter(&decoded.text),
            line_feeds: decoded.text.bytes().filter(|&b| b == b'\n').count(),
            encoding: decoded.encoding,
            text: decoded.text,
            stray: decoded.stray,
            file,
        })
    }

    /// The warning for a file that held bytes that are not UTF-8 beside UTF-8 text, or was
    /// named UTF-8 and held such bytes: `encoding-guessed` or `encoding-replaced`, at the
    /// first row that held one, naming the first few rows and how many there were.
    pub fn encoding_warning(&self) -> Option<Problem> {
        let stray = self.stray.as_ref()?;
        let mut rows = self.rows_of_lines(&stray.lines);
        rows.dedup();
        let first = *rows.first()?;
        let more = stray.lines.len() == decode::STRAY_LINES;
        let count = match stray.count {
            1 => "a byte sequence that is not UTF-8".to_string(),
            n => format!("{n} byte sequences that are not UTF-8"),
        };
        let rows = rows_in_words(&rows, more);
        let (code, message) = match stray.reading {
            StrayReading::Windows1252 { utf8_line } => {
                let utf8_row = self.rows_of_lines(&[utf8_line])[0];
                (
                    code::ENCODING_GUESSED,
                    format!(
                        "the file holds UTF-8 text (first in row {utf8_row}) but also {count} (in {rows}), so it was read as Windows-1252, which turns each UTF-8 letter beyond ASCII into two or three (é into Ã©); if the file is UTF-8, fix those rows or pass --encoding utf-8 (their bytes become the replacement character �); if it is Windows-1252, pass --encoding windows-1252"
                    ),
                )
            }
            StrayReading::Replaced { by_bom } => (
                code::ENCODING_REPLACED,
                format!(
                    "the file holds {count} (in {rows}), read as the replacement character � since {} says the file is UTF-8; fix those rows, or save the file as CSV UTF-8 again",
                    if by_bom {
                        "its byte-order mark"
                    } else {
                        "--encoding utf-8"
                    }
                ),
            ),
        };
        Some(Problem::warning(&self.file, code, message).at_row(first))
    }

    /// The spreadsheet rows on which the given 1-based lines (ascending) lie: a record
    /// whose quoted cells hold line breaks is one row of several lines. Reads the records
    /// up to the last line asked for; past a record that cannot be parsed, a line is taken
    /// to be a row of its own.
    fn rows_of_lines(&self, lines: &[u64]) -> Vec<u64> {
        let mut rows = self.rows();
        let mut out = Vec::with_capacity(lines.len());
        // The row and first line of the last record read.
        let mut last: Option<(u64, u64)> = None;
        while out.len() < lines.len() {
            match rows.next_any() {
                Ok(Some((row, first_line))) => {
                    while let Some(&line) = lines.get(out.len())
                        && line < first_line
                    {
                        out.push(last.map_or(line, |(row, _)| row));
                    }
                    last = Some((row, first_line));
                }
                Ok(None) => {
                    let (row, _) = last.unwrap_or((1, 1));
                    out.resize(lines.len(), row);
                }
                Err(_) => {
                    let extra = rows.extra_lines;
                    out.extend(lines[out.len()..].iter().map(|l| l.saturating_sub(extra)));
                }
            }
        }
        out
    }

    /// The length of the decoded text in bytes: a bound on the text of all its cells.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// An upper bound on the number of rows: the line breaks, plus one.
    pub fn max_rows(&self) -> usize {
        self.line_feeds + 1
    }

    /// Every record of the text, the header first.
    fn rows(&self) -> Rows<'_> {
        let reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_bytes());
        Rows {
            reader,
            record: StringRecord::new(),
            file: &self.file,
            text: self.text.as_bytes(),
            scanned: 0,
            line: 1,
            extra_lines: 0,
        }
    }

    /// Splits the text into a header and rows. An empty file (no header) is an error.
    pub fn table(&self) -> Result<Table<'_>> {
        let mut rows = self.rows();
        let header = match rows.next_record()? {
            Some((_, header)) => header.clone(),
            None => {
                return Err(Error::InvalidData(vec![Problem::error(
                    &self.file,
                    code::EMPTY_FILE,
                    "the file is empty: it has no header row; export the table again with its header",
                )]));
            }
        };
        let headers = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = h.trim();
                if h.is_empty() {
                    unnamed_header(i)
                } else {
                    h.to_string()
                }
            })
            .collect();
        Ok(Table { headers, rows })
    }
}

/// The name a table gives the empty header cell at index `i`: `column_N`, N counted
/// from 1 as a spreadsheet counts columns.
pub fn unnamed_header(i: usize) -> String {
    format!("column_{}", i + 1)
}

/// The header of a file and an iterator over its data rows.
pub struct Table<'a> {
    /// Header cells, trimmed; an empty header cell is named `column_N`.
    pub headers: Vec<String>,
    pub rows: Rows<'a>,
}

/// Data rows with their spreadsheet row numbers. One record is reused for every row, so
/// reading a row allocates nothing.
pub struct Rows<'a> {
    reader: csv::Reader<&'a [u8]>,
    record: StringRecord,
    file: &'a Arc<str>,
    text: &'a [u8],
    /// Bytes of `text` whose line feeds are counted in `line`.
    scanned: usize,
    /// 1-based line at `scanned`.
    line: u64,
    /// Line breaks inside quoted cells so far: a spreadsheet shows such a record as one row.
    extra_lines: u64,
}

impl Rows<'_> {
    /// The next non-blank record and its 1-based spreadsheet row, or `None` at the end.
    pub fn next_record(&mut self) -> Result<Option<(u64, &StringRecord)>> {
        while let Some((row, _)) = self.next_any()? {
            if self.record.iter().any(|cell| !cell.trim().is_empty()) {
                return Ok(Some((row, &self.record)));
            }
        }
        Ok(None)
    }

    /// Reads the next record, blank or not, into `self.record`: its 1-based spreadsheet
    /// row and the 1-based line it begins on, or `None` at the end.
    #[inline]
    fn next_any(&mut self) -> Result<Option<(u64, u64)>> {
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) => {
                let row = e
                    .position()
                    .map(|p| self.line_at(p.byte() as usize) - self.extra_lines);
                return Err(csv_error(self.file, e, row));
            }
        }
        let start = self.record.position().map_or(0, |p| p.byte() as usize);
        let line = self.line_at(start);
        let row = line - self.extra_lines;
        self.extra_lines += self
            .record
            .iter()
            .map(|cell| line_breaks(cell.as_bytes()))
            .sum::<u64>();
        Ok(Some((row, line)))
    }

    /// The 1-based line on which the record reported at `byte` begins. The csv crate
    /// reports a record where the previous one's terminator began (on the `\n` of a CRLF,
    /// before any blank lines), so line breaks are skipped first. Line feeds are counted
    /// once, as records advance.
    fn line_at(&mut self, mut byte: usize) -> u64 {
        while byte < self.text.len() && matches!(self.text[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte > self.scanned {
            self.line += line_breaks(&self.text[self.scanned..byte]);
            self.scanned = byte;
        }
        self.line
    }
}

/// The line breaks in `bytes`: a line feed, a carriage return and line feed, or a carriage
/// return alone (as old Mac exports end their lines; the csv crate ends a record at each).
fn line_breaks(bytes: &[u8]) -> u64 {
    let lone_cr = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    (lf + lone_cr) as u64
}

/// The first rows of a list in words: `row 4`, `rows 4 and 6`, `rows 4, 6, 9, 12, 15 and
/// more` (five at most; `more` when the list was cut short before).
fn rows_in_words(rows: &[u64], more: bool) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<String> = rows.iter().take(SHOWN).map(u64::to_string).collect();
    let word = if rows.len() == 1 && !more {
        "row"
    } else {
        "rows"
    };
    if more || rows.len() > SHOWN {
        format!("{word} {} and more", shown.join(", "))
    } else if let Some((last, rest)) = shown.split_last()
        && !rest.is_empty()
    {
        format!("{word} {} and {last}", rest.join(", "))
    } else {
        format!("{word} {}", shown.join(", "))
    }
}

fn not_a_table(file: &Arc<str>, message: String) -> Error {
    Error::InvalidData(vec![Problem::error(file, code::NOT_A_TEXT_TABLE, message)])
}

/// A file above `--max-input-size`; `size` when known before reading.
fn too_large(file: &Arc<str>, size: Option<u64>, limit: u64) -> Error {
    let size = match size {
        Some(size) => format!("{}, more", size_in_words(size)),
        None => "more".to_string(),
    };
    Error::InvalidData(vec![Problem::error(
        file,
        code::FILE_TOO_LARGE,
        format!(
            "the file holds {size} than the {} that --max-input-size allows; check that it is the export you meant, or raise the limit, e.g. --max-input-size {}",
            size_in_words(limit),
            suggest_limit(limit)
        ),
    )])
}

/// A limit to suggest above `limit`: twice it, in whole GiB (or MiB below one GiB).
fn suggest_limit(limit: u64) -> String {
    let twice = limit.saturating_mul(2);
    if twice >= 1 << 30 {
        format!("{}G", twice.div_ceil(1 << 30))
    } else {
        format!("{}M", twice.div_ceil(1 << 20).max(1))
    }
}

fn csv_error(file: &Arc<str>, e: csv::Error, row: Option<u64>) -> Error {
    let mut problem = Problem::error(
        file,
        code::UNREADABLE_CSV,
        format!("the CSV cannot be parsed ({e}); check quoting around this row"),
    );
    problem.row = row;
    Error::InvalidData(vec![problem])
}

/// A ragged row: a different number of cells than the header.
pub fn ragged_row(file: &Arc<str>, row: u64, cells: usize, headers: &[String]) -> Problem {
    Problem::error(
        file,
        code::RAGGED_ROW,
        format!(
            "the row has {cells} cells but the header has {}; look for a delimiter inside an \
             unquoted name or a missing cell, fix the row, and export again",
            headers.len()
        ),
    )
    .at_row(row)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_of(text: &str) -> (Vec<String>, Vec<(u64, Vec<String>)>) {
        let source = Source::from_bytes("t.csv", text.as_bytes(), None).unwrap();
        let mut table = source.table().unwrap();
        let mut out = Vec::new();
        while let Some((row, rec)) = table.rows.next_record().unwrap() {
            out.push((row, rec.iter().map(str::to_string).collect::<Vec<_>>()));
        }
        (table.headers, out)
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        // Row 1 header; row 2 holds a quoted cell with a line break (one spreadsheet row);
        // row 3 is blank and skipped; row 4 is data.
        let (headers, rows) = rows_of("id,name\r\n1,\"two\nlines\"\r\n\r\n2,b\r\n");
        assert_eq!(headers, ["id", "name"]);
        assert_eq!(rows[0], (2, vec!["1".into(), "two\nlines".into()]));
        assert_eq!(rows[1], (4, vec!["2".into(), "b".into()]));
    }

    #[test]
    fn lone_carriage_returns_end_rows_too() {
        // Old Mac exports end lines with a carriage return alone: each is a row of its own,
        // a blank one included, and a line break inside a quoted cell stays in its row.
        let (headers, rows) = rows_of("id,name\r1,a\r\r2,\"two\rlines\"\r3,c\r");
        assert_eq!(headers, ["id", "name"]);
        let numbers: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(numbers, [2, 4, 5]);
        assert_eq!(rows[1].1[1], "two\rlines");
        // Mixed endings count one row per break.
        let (_, rows) = rows_of("id\n1\r\n2\r3\n4");
        let numbers: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(numbers, [2, 3, 4, 5]);
    }

    #[test]
    fn rows_of_empty_cells_count_as_blank() {
        let (_, rows) = rows_of("id;m\n;\n7;\n");
        assert_eq!(rows, vec![(3, vec!["7".to_string(), String::new()])]);
    }

    #[test]
    fn empty_file_is_an_error() {
        let source = Source::from_bytes("e.csv", b"", None).unwrap();
        let err = source.table().err().unwrap();
        assert!(err.to_string().contains("e.csv") && err.to_string().contains("empty"));
    }

    #[test]
    fn stray_bytes_are_warned_about_by_spreadsheet_row() {
        // UTF-8 "é" in row 2; row 3 spans two lines; stray 0xE9 bytes in rows 4 to 10.
        let mut bytes = b"id,name\n1,Ren\xC3\xA9\n2,\"two\nlines\"\n".to_vec();
        for i in 3..10 {
            bytes.extend_from_slice(format!("{i},Ren").as_bytes());
            bytes.extend_from_slice(b"\xE9\n");
        }
        let source = Source::from_bytes("t.csv", &bytes, None).unwrap();
        let warning = source.encoding_warning().unwrap();
        assert_eq!((warning.code, warning.row), ("encoding-guessed", Some(4)));
        assert!(
            warning.message.contains(
                "first in row 2) but also 7 byte sequences that are not UTF-8 (in rows 4, 5, 6, 7, 8 and more)"
            ),
            "{}",
            warning.message
        );
        let source = Source::from_bytes("t.csv", &bytes, Some(Encoding::Utf8)).unwrap();
        let warning = source.encoding_warning().unwrap();
        assert_eq!((warning.code, warning.row), ("encoding-replaced", Some(4)));
        assert!(
            warning.message.contains("--encoding utf-8"),
            "{}",
            warning.message
        );
        // Plain UTF-8 and plain Windows-1252 files get no warning.
        for plain in [&b"id\n1,Ren\xC3\xA9\n"[..], b"id\n1,Ren\xE9\n"] {
            let source = Source::from_bytes("t.csv", plain, None).unwrap();
            assert_eq!(source.encoding_warning(), None);
        }
        assert_eq!(rows_in_words(&[4], false), "row 4");
        assert_eq!(rows_in_words(&[4, 6], false), "rows 4 and 6");
        assert_eq!(rows_in_words(&[4, 6, 9], false), "rows 4, 6 and 9");
        assert_eq!(rows_in_words(&[4], true), "rows 4 and more");
    }

    #[test]
    fn unnamed_header_cells_get_a_name() {
        let (headers, _) = rows_of("id,,x\n1,2,3\n");
        assert_eq!(headers, ["id", "column_2", "x"]);
    }
}
