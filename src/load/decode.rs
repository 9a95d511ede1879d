//! Bytes to text: the encodings HR systems really write, and the delimiter they chose.
//!
//! In: the raw bytes of a file. Out: UTF-8 text without a byte-order mark, the name of the
//! encoding it was read as, where it held bytes that are not UTF-8, and the field delimiter.
//! The rule is the one spreadsheet users expect: a BOM decides (UTF-8, UTF-16 LE/BE);
//! otherwise valid UTF-8 is UTF-8, and anything else is Windows-1252, which decodes every
//! byte (Excel's "CSV" on Western Windows). `--encoding` ([`Encoding`]) decides for files
//! without a BOM, when the guess is wrong. A file read as UTF-8 (by its BOM or
//! `--encoding utf-8`) that holds a byte that is not UTF-8 gets U+FFFD there; a file
//! guessed to be Windows-1252 that also holds UTF-8 characters (an edited UTF-8 export
//! with one stray Windows-1252 byte) is read as Windows-1252 all the same; either way
//! [`Decoded::stray`] says where, for a warning.
//!
//! Whether bytes can be a text table at all is decided from their first [`PREFIX`] bytes
//! ([`check_prefix`]), so that a loader can stop reading a huge wrong file or an endless
//! stream early.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::options::Encoding;

/// How many bytes of a file decide whether it can be a text table: a NUL byte, or many
/// control characters, or no line break in them, and it is not one.
pub const PREFIX: usize = 1 << 20;

/// At most this many lines holding bytes that are not UTF-8 are noted in [`Stray::lines`].
pub const STRAY_LINES: usize = 64;

/// Text decoded from an input file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
    /// Bytes that are not UTF-8 in a file that is UTF-8 in part or in whole; `None` for a
    /// file that is all UTF-8, or all Windows-1252 (no UTF-8 character in it).
    pub stray: Option<Stray>,
}

/// Where a file held byte sequences that are not UTF-8, and how they were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    /// How many such sequences the file holds (each a maximal run a UTF-8 reader rejects).
    pub count: u64,
    /// The distinct 1-based lines that hold the first of them, ascending, at most
    /// [`STRAY_LINES`].
    pub lines: Vec<u64>,
    pub reading: StrayReading,
}

/// What became of bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrayReading {
    /// The whole file was read as Windows-1252, the rule for text that is not UTF-8, though
    /// it holds UTF-8 characters too, first on `utf8_line`: those became two or three
    /// characters each (`é` as `Ã©`).
    Windows1252 { utf8_line: u64 },
    /// The file was read as UTF-8, as its byte-order mark (`by_bom`) or `--encoding utf-8`
    /// says, and each sequence became the replacement character U+FFFD.
    Replaced { by_bom: bool },
}

/// Why bytes are not a text table.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or many control characters: not a text file at all.
    Binary,
    /// No line break in the first [`PREFIX`] bytes of a longer file: not rows of a table.
    NoLineBreak,
    /// NUL bytes in the pattern of UTF-16 text that lacks its byte-order mark.
    Utf16WithoutBom,
    /// A BOM (or `--encoding`) promised UTF-16 and the bytes do not follow it.
    Malformed(&'static str),
}

impl DecodeError {
    /// What the user should do, in one sentence.
    pub fn advice(&self) -> String {
        match self {
            DecodeError::Binary => "the file is not a text CSV (it holds binary data); \
                export the sheet as CSV (UTF-8) and try again"
                .to_string(),
            DecodeError::NoLineBreak => "the file is not a text CSV: its first MiB holds no \
                line break, so it has no rows; check that this is the export you meant, \
                and export the sheet as CSV (UTF-8)"
                .to_string(),
            DecodeError::Utf16WithoutBom => "the file looks like UTF-16 text without a \
                byte-order mark; save it as CSV UTF-8, or pass --encoding utf-16"
                .to_string(),
            DecodeError::Malformed(enc) => {
                format!(
                    "the file is not valid {enc} (its byte-order mark or --encoding says it is); save it again as CSV UTF-8"
                )
            }
        }
    }
}

/// Decodes `bytes` by the rule in the module documentation.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_as(bytes, None)
}

/// Decodes `bytes`: a BOM decides, then `forced` if given, then the guess.
pub fn decode_as(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, DecodeError> {
    check_prefix(
        &bytes[..bytes.len().min(PREFIX)],
        forced,
        bytes.len() > PREFIX,
    )?;
    let (text, encoding, stray) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, stray) = utf8_replacing(rest, true);
        (text, "UTF-8 with BOM", stray)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (decode_utf16(rest, UTF_16LE, "UTF-16LE")?, "UTF-16LE", None)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (decode_utf16(rest, UTF_16BE, "UTF-16BE")?, "UTF-16BE", None)
    } else if let Some(forced) = forced {
        decode_forced(bytes, forced)?
    } else if looks_like_utf16(bytes) {
        return Err(DecodeError::Utf16WithoutBom);
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), "UTF-8", None),
            Err(_) => windows_1252(bytes),
        }
    };
    if is_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text,
        encoding,
        stray,
    })
}

/// Like [`decode_as`], taking the bytes: a plain UTF-8 file (the usual case) becomes its
/// text without a copy.
pub fn decode_owned(bytes: Vec<u8>, forced: Option<Encoding>) -> Result<Decoded, DecodeError> {
    let has_bom = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .any(|bom| bytes.starts_with(bom));
    let plain = match forced {
        None => !looks_like_utf16(&bytes),
        Some(e) => e == Encoding::Utf8,
    };
    if has_bom || !plain {
        return decode_as(&bytes, forced);
    }
    check_prefix(
        &bytes[..bytes.len().min(PREFIX)],
        forced,
        bytes.len() > PREFIX,
    )?;
    let (text, encoding, stray) = match String::from_utf8(bytes) {
        Ok(text) => (text, "UTF-8", None),
        Err(e) if forced == Some(Encoding::Utf8) => {
            let (text, stray) = utf8_replacing(e.as_bytes(), false);
            (text, "UTF-8", stray)
        }
        Err(e) => windows_1252(e.as_bytes()),
    };
    if is_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text,
        encoding,
        stray,
    })
}

/// Whether the first bytes of a file can begin a text table: no NUL character, no more
/// than a few other control characters (one in 200), and, when `more` bytes follow
/// `prefix`, a line break. `prefix` is the file's first [`PREFIX`] bytes (all of it when
/// shorter); UTF-16 (by BOM or `forced`) is checked by its 16-bit units.
pub fn check_prefix(
    prefix: &[u8],
    forced: Option<Encoding>,
    more: bool,
) -> Result<(), DecodeError> {
    let utf16 = if let Some(rest) = prefix.strip_prefix(b"\xEF\xBB\xBF") {
        return check_units(rest.iter().map(|&b| u16::from(b)), rest.len(), more);
    } else if prefix.starts_with(b"\xFF\xFE") {
        Some(false)
    } else if prefix.starts_with(b"\xFE\xFF") {
        Some(true)
    } else {
        match forced {
            Some(Encoding::Utf16Le) => Some(false),
            Some(Encoding::Utf16Be) => Some(true),
            Some(_) => None,
            None if looks_like_utf16(prefix) => return Err(DecodeError::Utf16WithoutBom),
            None => None,
        }
    };
    match utf16 {
        None => check_units(prefix.iter().map(|&b| u16::from(b)), prefix.len(), more),
        Some(big_endian) => {
            let units = prefix.chunks_exact(2).map(|pair| {
                let pair = [pair[0], pair[1]];
                if big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            });
            check_units(units, prefix.len() / 2, more)
        }
    }
}

/// [`check_prefix`] on characters (bytes, or UTF-16 units), `len` of them.
fn check_units(
    units: impl Iterator<Item = u16>,
    len: usize,
    more: bool,
) -> Result<(), DecodeError> {
    let mut controls = 0usize;
    let mut line_break = false;
    for unit in units {
        match unit {
            0 => return Err(DecodeError::Binary),
            0x0A | 0x0D => line_break = true,
            0x09 => {}
            u if u < 0x20 || u == 0x7f => controls += 1,
            _ => {}
        }
    }
    if controls > 8.max(len / 200) {
        Err(DecodeError::Binary)
    } else if more && !line_break {
        Err(DecodeError::NoLineBreak)
    } else {
        Ok(())
    }
}

fn decode_forced(
    bytes: &[u8],
    forced: Encoding,
) -> Result<(String, &'static str, Option<Stray>), DecodeError> {
    Ok(match forced {
        Encoding::Utf8 => {
            let (text, stray) = utf8_replacing(bytes, false);
            (text, "UTF-8", stray)
        }
        Encoding::Windows1252 => (
            WINDOWS_1252.decode(bytes).0.into_owned(),
            "windows-1252",
            None,
        ),
        Encoding::Utf16Le => (decode_utf16(bytes, UTF_16LE, "UTF-16LE")?, "UTF-16LE", None),
        Encoding::Utf16Be => (decode_utf16(bytes, UTF_16BE, "UTF-16BE")?, "UTF-16BE", None),
    })
}

/// Bytes that UTF-8 was named for: each sequence that is not UTF-8 becomes U+FFFD.
fn utf8_replacing(bytes: &[u8], by_bom: bool) -> (String, Option<Stray>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => {
            let scan = scan_utf8(bytes);
            let stray = Stray {
                count: scan.count,
                lines: scan.lines,
                reading: StrayReading::Replaced { by_bom },
            };
            (String::from_utf8_lossy(bytes).into_owned(), Some(stray))
        }
    }
}

/// Bytes that are not UTF-8, read as Windows-1252 (the guess); a stray byte in UTF-8 text
/// is noted.
fn windows_1252(bytes: &[u8]) -> (String, &'static str, Option<Stray>) {
    let scan = scan_utf8(bytes);
    let stray = scan.utf8_line.map(|utf8_line| Stray {
        count: scan.count,
        lines: scan.lines,
        reading: StrayReading::Windows1252 { utf8_line },
    });
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    (text.into_owned(), "windows-1252", stray)
}

/// What a UTF-8 reader makes of bytes: its rejections and the first UTF-8 character that is
/// not ASCII.
struct Utf8Scan {
    count: u64,
    lines: Vec<u64>,
    utf8_line: Option<u64>,
}

/// Finds the byte sequences of `bytes` that are not UTF-8, with their lines, and the line
/// of the first multi-byte UTF-8 character. One pass; only files that are not valid UTF-8
/// come here.
fn scan_utf8(bytes: &[u8]) -> Utf8Scan {
    let mut scan = Utf8Scan {
        count: 0,
        lines: Vec::new(),
        utf8_line: None,
    };
    let newlines = |b: &[u8]| b.iter().filter(|&&b| b == b'\n').count() as u64;
    // `line` is the 1-based line at byte `counted`.
    let (mut line, mut counted, mut at) = (1u64, 0usize, 0usize);
    while at < bytes.len() {
        let (valid, rejected) = match std::str::from_utf8(&bytes[at..]) {
            Ok(_) => (bytes.len() - at, None),
            Err(e) => (
                e.valid_up_to(),
                Some(e.error_len().unwrap_or(bytes.len() - at - e.valid_up_to())),
            ),
        };
        if scan.utf8_line.is_none()
            && let Some(i) = bytes[at..at + valid].iter().position(|&b| b >= 0x80)
        {
            scan.utf8_line = Some(line + newlines(&bytes[counted..at + i]));
        }
        at += valid;
        let Some(len) = rejected else { break };
        line += newlines(&bytes[counted..at]);
        counted = at;
        scan.count += 1;
        if scan.lines.last() != Some(&line) && scan.lines.len() < STRAY_LINES {
            scan.lines.push(line);
        }
        at += len;
    }
    scan
}

fn decode_utf16(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    name: &'static str,
) -> Result<String, DecodeError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::Malformed(name));
    }
    Ok(text.into_owned())
}

/// ASCII text stored as UTF-16 has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    if sample.len() < 4 {
        return false;
    }
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let pairs = sample.len() / 2;
    (odd_nuls * 10 >= pairs * 8 && even_nuls == 0) || (even_nuls * 10 >= pairs * 8 && odd_nuls == 0)
}

/// Text with a NUL, or with more than a handful of C0 control characters (other than tab,
/// line feed and carriage return), is binary data, not a CSV export.
///
/// Scans bytes, not characters: in UTF-8 these control characters are single bytes that
/// never occur inside a multi-byte character, and a byte scan is several times faster.
fn is_binary(text: &str) -> bool {
    let mut controls = 0usize;
    for &b in text.as_bytes() {
        match b {
            0 => return true,
            b'\t' | b'\n' | b'\r' => {}
            b if b < 0x20 || b == 0x7f => controls += 1,
            _ => {}
        }
    }
    controls > 8.max(text.len() / 200)
}

/// The delimiters orgsphere recognises, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter of a CSV text from its header line: the candidate that occurs most
/// often outside quotes; a comma when none occurs (a one-column file).
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
            counts[i] += 1;
        }
    }
    let best = (0..DELIMITERS.len())
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        DELIMITERS[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("id,name\n1,Zoë\n".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("id,name\n1,Zoë\n", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBFid\n1\n").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("id\n1\n", "UTF-8 with BOM"));
    }

    #[test]
    fn windows_1252_is_the_fallback() {
        // "Zoë Müller" in Windows-1252: ë = 0xEB, ü = 0xFC.
        let d = decode(b"name\nZo\xEB M\xFCller\n").unwrap();
        assert_eq!(d.text, "name\nZoë Müller\n");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "id;name\r\n7;Zoë\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&be).unwrap().text, text);
        let no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&no_bom).unwrap_err(), DecodeError::Utf16WithoutBom);
    }

    #[test]
    fn a_forced_encoding_decides_unless_a_bom_does() {
        let le: Vec<u8> = "id\n1\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode_as(&le, Some(Encoding::Utf16Le)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("id\n1\n", "UTF-16LE"));
        // Bytes that are valid UTF-8 ("Zoë") read as Windows-1252 because the user says so.
        let d = decode_as(b"Zo\xC3\xAB", Some(Encoding::Windows1252)).unwrap();
        assert_eq!(d.text, "Zo\u{c3}\u{ab}");
        // UTF-8 named: a byte that is not UTF-8 becomes U+FFFD, noted with its line.
        let d = decode_as(b"id\nZo\xEB\n", Some(Encoding::Utf8)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("id\nZo\u{fffd}\n", "UTF-8"));
        let stray = d.stray.unwrap();
        assert_eq!((stray.count, stray.lines), (1, vec![2]));
        assert_eq!(stray.reading, StrayReading::Replaced { by_bom: false });
        let d = decode_as(b"\xEF\xBB\xBFid\n", Some(Encoding::Windows1252)).unwrap();
        assert_eq!(d.encoding, "UTF-8 with BOM");
        assert_eq!("UTF-16".parse::<Encoding>(), Ok(Encoding::Utf16Le));
        assert_eq!("cp1252".parse::<Encoding>(), Ok(Encoding::Windows1252));
        assert!("ebcdic".parse::<Encoding>().is_err());
    }

    #[test]
    fn owned_and_borrowed_decoding_agree() {
        let samples: [&[u8]; 9] = [
            "id;name\n1;Zoë\n".as_bytes(),
            b"\xEF\xBB\xBFid\n",
            b"\xEF\xBB\xBFid\nZo\xEB\n",
            b"name\nZo\xEB\n",
            b"name\nZo\xC3\xAB\nM\xFCller\n",
            b"\xFF\xFEi\x00d\x00",
            b"i\x00d\x00\n\x001\x00",
            b"a\x00b",
            b"a\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c",
        ];
        for bytes in samples {
            for forced in [
                None,
                Some(Encoding::Utf8),
                Some(Encoding::Windows1252),
                Some(Encoding::Utf16Le),
            ] {
                let a = decode_as(bytes, forced).map(|d| (d.text, d.encoding, d.stray));
                let b = decode_owned(bytes.to_vec(), forced).map(|d| (d.text, d.encoding, d.stray));
                assert_eq!(a, b, "{bytes:?} {forced:?}");
            }
        }
    }

    #[test]
    fn binary_garbage_is_rejected() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00abc").unwrap_err(),
            DecodeError::Binary
        );
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode(&noise).is_err());
    }

    #[test]
    fn a_stray_byte_in_utf8_text_is_noted_with_its_lines() {
        // UTF-8 "Zoë" on line 2, stray Windows-1252 bytes (ü = 0xFC) on lines 3 and 5,
        // twice on line 5: the file is read as Windows-1252, as the rule says.
        let bytes = b"name\nZo\xC3\xAB\nM\xFCller\nok\nG\xFCnt\xFCr\n";
        let d = decode(bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("ZoÃ«") && d.text.contains("Müller"));
        let stray = d.stray.unwrap();
        assert_eq!((stray.count, stray.lines), (3, vec![3, 5]));
        assert_eq!(stray.reading, StrayReading::Windows1252 { utf8_line: 2 });
        // A file with no UTF-8 character is plain Windows-1252: nothing to note.
        assert_eq!(decode(b"name\nM\xFCller\n").unwrap().stray, None);
        // Named, it is read as named, without a note.
        let d = decode_as(bytes, Some(Encoding::Windows1252)).unwrap();
        assert_eq!(d.stray, None);
        // A byte-order mark says UTF-8: the stray bytes become U+FFFD.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(bytes);
        let d = decode(&bom).unwrap();
        assert_eq!(
            d.text,
            "name\nZoë\nM\u{fffd}ller\nok\nG\u{fffd}nt\u{fffd}r\n"
        );
        assert_eq!(
            d.stray.unwrap().reading,
            StrayReading::Replaced { by_bom: true }
        );
        // A truncated character at the very end counts too.
        let d = decode(b"name\nZo\xC3\xAB\nx\xC3").unwrap();
        assert_eq!(d.stray.unwrap().lines, vec![3]);
    }

    #[test]
    fn the_first_mib_decides_whether_bytes_can_be_a_table() {
        let long = |fill: u8| {
            let mut v = b"id,name\n".to_vec();
            v.resize(PREFIX + 10, fill);
            v
        };
        // Rows of text: the prefix passes, complete or not.
        let mut rows = Vec::new();
        while rows.len() < PREFIX + 10 {
            rows.extend_from_slice(b"17,Zo\xC3\xAB\r\n");
        }
        assert_eq!(check_prefix(&rows[..PREFIX], None, true), Ok(()));
        assert!(decode(&rows).is_ok());
        // A NUL anywhere in it, or control characters, is binary data.
        assert_eq!(
            check_prefix(&long(0)[..PREFIX], None, true),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            check_prefix(&[b'a', 0, b'\n'], None, false),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            check_prefix(&[7u8; 100], None, false),
            Err(DecodeError::Binary)
        );
        // No line break in the first MiB of a longer file: no rows.
        let one_line = vec![b'a'; PREFIX + 10];
        assert_eq!(
            check_prefix(&one_line[..PREFIX], None, true),
            Err(DecodeError::NoLineBreak)
        );
        assert_eq!(decode(&one_line).unwrap_err(), DecodeError::NoLineBreak);
        // A short file without a line break is a header alone.
        assert_eq!(check_prefix(b"employee_id", None, false), Ok(()));
        // UTF-16 is checked by its 16-bit units: its NUL bytes are no NUL characters.
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("id\r\n1\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(check_prefix(&le, None, false), Ok(()));
        assert_eq!(
            check_prefix(&le[2..], Some(Encoding::Utf16Le), false),
            Ok(())
        );
        assert_eq!(
            check_prefix(&le[2..], None, false),
            Err(DecodeError::Utf16WithoutBom)
        );
        let zeros = [0u8; 64];
        assert_eq!(
            check_prefix(&zeros, Some(Encoding::Utf16Be), false),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn sniffs_the_header_delimiter() {
        assert_eq!(
            sniff_delimiter("Employee ID;Manager ID;Full Name\n1;;A\n"),
            b';'
        );
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b\n"), b'|');
        assert_eq!(sniff_delimiter("\"x,y\";b;c\n"), b';');
        assert_eq!(sniff_delimiter("employee_id\n1\n"), b',');
        assert_eq!(sniff_delimiter("a,b;c\n"), b',');
    }
}
