//! Bytes to text: the encodings HR systems really write, and the delimiter they chose.
//!
//! In: the raw bytes of a file. Out: UTF-8 text without a byte-order mark, the name of the
//! encoding it was read as, and the field delimiter. The rule is the one spreadsheet users
//! expect: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8, and anything
//! else is Windows-1252, which decodes every byte (Excel's "CSV" on Western Windows).
//! `--encoding` ([`Encoding`]) decides for files without a BOM, when the guess is wrong.

use std::str::FromStr;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// An encoding named by the user (`--encoding`). A byte-order mark still wins: it is never
/// wrong, while a user's setting may be meant for other files of the same run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
    /// UTF-16 without a BOM is read little-endian, as Windows writes it.
    Utf16Le,
    Utf16Be,
}

impl FromStr for Encoding {
    type Err = String;

    /// Accepts `utf-8`, `windows-1252` (or `cp1252`, `latin1`), `utf-16` (= `utf-16le`),
    /// `utf-16be`, in any letter case, with or without the dash.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" => Ok(Encoding::Utf8),
            "windows1252" | "cp1252" | "latin1" | "iso88591" | "ansi" => Ok(Encoding::Windows1252),
            "utf16" | "utf16le" | "unicode" => Ok(Encoding::Utf16Le),
            "utf16be" => Ok(Encoding::Utf16Be),
            _ => Err(format!(
                "--encoding {s:?}: give utf-8, windows-1252, utf-16 (little-endian) or utf-16be"
            )),
        }
    }
}

/// Text decoded from an input file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
}

/// Why bytes are not a text table.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or many control characters: not a text file at all.
    Binary,
    /// NUL bytes in the pattern of UTF-16 text that lacks its byte-order mark.
    Utf16WithoutBom,
    /// A BOM (or `--encoding`) promised an encoding the bytes do not follow.
    Malformed(&'static str),
    /// `--encoding utf-8` was given but the bytes are not UTF-8.
    NotUtf8,
}

impl DecodeError {
    /// What the user should do, in one sentence.
    pub fn advice(&self) -> String {
        match self {
            DecodeError::Binary => "the file is not a text CSV (it holds binary data); \
                export the sheet as CSV (UTF-8) and try again"
                .to_string(),
            DecodeError::Utf16WithoutBom => "the file looks like UTF-16 text without a \
                byte-order mark; save it as CSV UTF-8, or pass --encoding utf-16"
                .to_string(),
            DecodeError::Malformed(enc) => {
                format!(
                    "the file is not valid {enc} (its byte-order mark or --encoding says it is); save it again as CSV UTF-8"
                )
            }
            DecodeError::NotUtf8 => "--encoding utf-8 was given but the file is not valid \
                UTF-8; leave --encoding out to detect it, or name the right one (windows-1252, utf-16)"
                .to_string(),
        }
    }
}

/// Decodes `bytes` by the rule in the module documentation.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_as(bytes, None)
}

/// Decodes `bytes`: a BOM decides, then `forced` if given, then the guess.
pub fn decode_as(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, DecodeError> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = String::from_utf8(rest.to_vec()).map_err(|_| DecodeError::Malformed("UTF-8"))?;
        (text, "UTF-8 with BOM")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (decode_utf16(rest, UTF_16LE, "UTF-16LE")?, "UTF-16LE")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (decode_utf16(rest, UTF_16BE, "UTF-16BE")?, "UTF-16BE")
    } else if let Some(forced) = forced {
        decode_forced(bytes, forced)?
    } else if looks_like_utf16(bytes) {
        return Err(DecodeError::Utf16WithoutBom);
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), "UTF-8"),
            Err(_) => {
                let (text, _, _) = WINDOWS_1252.decode(bytes);
                (text.into_owned(), "windows-1252")
            }
        }
    };
    if is_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded { text, encoding })
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
    match String::from_utf8(bytes) {
        Ok(text) if is_binary(&text) => Err(DecodeError::Binary),
        Ok(text) => Ok(Decoded {
            text,
            encoding: "UTF-8",
        }),
        Err(e) => decode_as(e.as_bytes(), forced),
    }
}

fn decode_forced(bytes: &[u8], forced: Encoding) -> Result<(String, &'static str), DecodeError> {
    Ok(match forced {
        Encoding::Utf8 => (
            String::from_utf8(bytes.to_vec()).map_err(|_| DecodeError::NotUtf8)?,
            "UTF-8",
        ),
        Encoding::Windows1252 => (WINDOWS_1252.decode(bytes).0.into_owned(), "windows-1252"),
        Encoding::Utf16Le => (decode_utf16(bytes, UTF_16LE, "UTF-16LE")?, "UTF-16LE"),
        Encoding::Utf16Be => (decode_utf16(bytes, UTF_16BE, "UTF-16BE")?, "UTF-16BE"),
    })
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
        assert_eq!(
            decode_as(b"Zo\xEB", Some(Encoding::Utf8)).unwrap_err(),
            DecodeError::NotUtf8
        );
        let d = decode_as(b"\xEF\xBB\xBFid\n", Some(Encoding::Windows1252)).unwrap();
        assert_eq!(d.encoding, "UTF-8 with BOM");
        assert_eq!("UTF-16".parse::<Encoding>(), Ok(Encoding::Utf16Le));
        assert_eq!("cp1252".parse::<Encoding>(), Ok(Encoding::Windows1252));
        assert!("ebcdic".parse::<Encoding>().is_err());
    }

    #[test]
    fn owned_and_borrowed_decoding_agree() {
        let samples: [&[u8]; 6] = [
            "id;name\n1;Zoë\n".as_bytes(),
            b"\xEF\xBB\xBFid\n",
            b"name\nZo\xEB\n",
            b"\xFF\xFEi\x00d\x00",
            b"i\x00d\x00\n\x001\x00",
            b"a\x00b",
        ];
        for bytes in samples {
            for forced in [
                None,
                Some(Encoding::Utf8),
                Some(Encoding::Windows1252),
                Some(Encoding::Utf16Le),
            ] {
                let a = decode_as(bytes, forced).map(|d| (d.text, d.encoding));
                let b = decode_owned(bytes.to_vec(), forced).map(|d| (d.text, d.encoding));
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
