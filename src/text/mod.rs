//! Text and numbers as every output writes them: numbers written the same way every run,
//! and text made safe for its destination (CSV cells a spreadsheet would run, XML, HTML,
//! Graphviz). At the bottom of the crate with the other shared pieces: it imports nothing
//! from the stages, so the findings, the exporters and `compare` all write alike.

pub mod number;

/// Writes a float with at most 10 significant digits, shortest form, no exponent; so the
/// same value is always the same text, and tiny floating-point noise does not show. The
/// hot paths append with `number::push_float` instead (no allocation).
pub fn float(x: f64) -> String {
    let mut out = String::new();
    number::push_float(&mut out, x);
    out
}

/// `n` and the noun, singular or plural: "1 finding", "2 findings", "0 findings".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An optional float: empty when the metric does not apply.
pub fn opt_float(x: Option<f64>) -> String {
    x.map(float).unwrap_or_default()
}

/// An optional count: empty when the metric does not apply.
pub fn opt_int(x: Option<u32>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// Whether a spreadsheet reads a cell that starts with `c` as a formula.
fn formula_start(c: u8) -> bool {
    matches!(c, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
}

/// Whether a cell is a plain number (`-3`, `+1.5`, ` -.5e3 `), which a spreadsheet reads as
/// a number, not a formula. `inf` and `NaN`, which Rust would parse, are not.
fn plain_number(cell: &str) -> bool {
    let t = cell.trim();
    let digits = t.trim_start_matches(['+', '-']);
    digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') && t.parse::<f64>().is_ok()
}

/// Makes a text cell from the inputs safe to open in a spreadsheet: a cell that starts with
/// `=`, `+`, `-`, `@`, tab or carriage return would be run as a formula, so it gets a
/// leading apostrophe. Numbers (`-3`, `+1.5`) stay numbers (OWASP "CSV injection").
///
/// The guard can be undone ([`csv_unguard`]): a cell that already starts with an
/// apostrophe followed by one of those characters or by another apostrophe gets one more,
/// so `=7` is written `'=7` and `'=7` is written `''=7`: no two cells are written alike.
pub fn csv_text(cell: &str) -> std::borrow::Cow<'_, str> {
    let guard = match cell.as_bytes() {
        [b'\'', next, ..] => *next == b'\'' || formula_start(*next),
        [first, ..] => formula_start(*first) && !plain_number(cell),
        [] => false,
    };
    if guard {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The cell [`csv_text`] was given, from what it wrote: one leading apostrophe is removed
/// when a formula character or another apostrophe follows it.
pub fn csv_unguard(cell: &str) -> &str {
    match cell.as_bytes() {
        [b'\'', next, ..] if *next == b'\'' || formula_start(*next) => &cell[1..],
        _ => cell,
    }
}

/// Appends a CSV field as the csv crate writes one: in double quotes, with quotes doubled,
/// when it holds a comma, a quote or a line break; as it is otherwise.
pub fn push_csv_field(out: &mut String, field: &str) {
    if !field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.push_str(field);
        return;
    }
    out.push('"');
    for (i, part) in field.split('"').enumerate() {
        if i > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
}

/// Escapes text for XML content and attribute values; characters XML 1.0 forbids (control
/// characters other than tab, line feed and carriage return) are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_xml(&mut out, text);
    out
}

/// Bytes after which [`push_xml`] must look at the text character by character.
const XML_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[0xEF] = true;
    table
};

/// [`xml`], appended to `out` (no allocation per value on the hot paths of graph files).
pub fn push_xml(out: &mut String, text: &str) {
    // One pass over the bytes decides whether anything needs escaping: markup characters,
    // control characters, and 0xEF, the lead byte of U+FFFE and U+FFFF (any text with
    // it takes the careful route below).
    if !text.bytes().any(|b| XML_SPECIAL[b as usize]) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// Escapes text for a double-quoted DOT string: `"` and `\` get a backslash, line breaks
/// become Graphviz's `\n`, other control characters are dropped.
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML content and attribute values. Control characters other than
/// line feed and tab, and Unicode's non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the
/// last two of every plane), are dropped: XML forbids U+FFFE and U+FFFF, HTML parsers flag
/// every non-character, and the report must stay well-formed XML as well as HTML.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c if noncharacter(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is one of Unicode's 66 non-characters, never meant to be exchanged.
fn noncharacter(c: char) -> bool {
    let c = c as u32;
    (0xFDD0..=0xFDEF).contains(&c) || c & 0xFFFE == 0xFFFE
}

/// Orders ids as people read them: digit runs by value, so `E2` comes before `E10` and
/// `9` before `10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(p), Some(q)) if p.is_ascii_digit() && q.is_ascii_digit() => {
                let run = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
                let (m, n) = (run(x), run(y));
                let strip = |s: &[u8]| -> usize { s.iter().take_while(|&&c| c == b'0').count() };
                let (dx, dy) = (&x[strip(&x[..m]).min(m)..m], &y[strip(&y[..n]).min(n)..n]);
                let ord = dx.len().cmp(&dy.len()).then(dx.cmp(dy));
                if ord != std::cmp::Ordering::Equal {
                    return ord;
                }
                x = &x[m..];
                y = &y[n..];
            }
            (Some(p), Some(q)) => {
                if p != q {
                    return p.cmp(q);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_short_and_stable() {
        assert_eq!(float(0.1 + 0.2), "0.3");
        assert_eq!(float(1.0), "1");
        assert_eq!(float(0.16378123456789), "0.1637812346");
        assert_eq!(float(2.5e-7), "0.00000025");
        assert_eq!(float(-0.0), "0");
        assert_eq!(float(0.99999999999), "1");
        assert_eq!(float(-12.5), "-12.5");
        assert_eq!(float(123456789012.3), "123456789000");
        assert_eq!(float(1.0e-20), "0.00000000000000000001");
        assert_eq!(opt_float(None), "");
    }

    #[test]
    fn fixed_point_rounding_equals_significant_digit_rounding() {
        // The reference: round to 10 significant digits in scientific notation, then print
        // the shortest form of the result.
        let reference =
            |x: f64| -> String { format!("{x:.9e}").parse::<f64>().unwrap().to_string() };
        let mut rng = crate::rng::SplitMix64::new(42);
        for _ in 0..20_000 {
            let x = (rng.unit() - 0.3) * 10f64.powi(rng.below(24) as i32 - 16);
            if x != 0.0 {
                assert_eq!(float(x), reference(x), "{x:e}");
            }
        }
    }

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("-3"), "-3");
        assert_eq!(csv_text("+1.5"), "+1.5");
        assert_eq!(csv_text("Zoë"), "Zoë");
        assert_eq!(csv_text(" -5 "), " -5 ");
        assert_eq!(csv_text("-.5e3"), "-.5e3");
        assert_eq!(csv_text("-inf"), "'-inf");
        assert_eq!(csv_text("+NaN"), "'+NaN");
        assert_eq!(csv_text("-"), "'-");
    }

    #[test]
    fn the_guard_is_undone_exactly() {
        // Cells that differ only by a leading apostrophe are still different when written,
        // and each reads back as it was given.
        let cells = [
            "=7", "'=7", "''=7", "'''=7", "'", "''", "'x", "''x", "-5", "'-5", "-x", "'-x", "@a",
            "'@a", "\tx", "'\tx", "x'", "", "Zoë", "'+1",
        ];
        let written: Vec<String> = cells.iter().map(|c| csv_text(c).into_owned()).collect();
        let distinct: std::collections::HashSet<&String> = written.iter().collect();
        assert_eq!(distinct.len(), cells.len(), "{written:?}");
        for (cell, w) in cells.iter().zip(&written) {
            assert_eq!(csv_unguard(w), *cell, "{w:?}");
        }
        assert_eq!(csv_text("'=7"), "''=7");
        assert_eq!(csv_text("'x"), "'x");
        assert_eq!(csv_text("'-5"), "''-5");
    }

    #[test]
    fn csv_fields_are_quoted_as_the_csv_crate_quotes() {
        let fields = [
            "plain",
            "",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "Zoë; Jr",
            "'=1",
        ];
        let mut ours = String::new();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                ours.push(',');
            }
            push_csv_field(&mut ours, f);
        }
        ours.push('\n');
        let mut theirs = csv::Writer::from_writer(Vec::new());
        theirs.write_record(fields).unwrap();
        assert_eq!(ours.as_bytes(), theirs.into_inner().unwrap());
    }

    #[test]
    fn xml_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            xml("<b>\"A&B\"</b>\u{1}'"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&apos;"
        );
        // Plain and non-ASCII text is copied as it is; U+FFFE and U+FFFF are dropped,
        // other characters that share their lead byte (U+F000–U+FFFF) are kept.
        for plain in [
            "Zoë Müller",
            "販売部",
            "\u{f8ff}\u{fffd}",
            "tab\there\nnext\r",
        ] {
            assert_eq!(xml(plain), plain);
        }
        assert_eq!(xml("a\u{fffe}b\u{ffff}c\u{fffd}"), "abc\u{fffd}");
        let mut out = String::from("x=");
        push_xml(&mut out, "1 < 2");
        assert_eq!(out, "x=1 &lt; 2");
    }

    #[test]
    fn dot_and_html_escaping() {
        assert_eq!(dot("a \"b\" \\N\nc\u{7}"), "a \\\"b\\\" \\\\N\\nc");
        assert_eq!(
            html("<script>alert('x')</script> & \""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;"
        );
        assert_eq!(
            html("a\u{fffe}b\u{ffff}c\u{fdd0}d\u{1fffe}e\u{fffd}\u{1b}\u{9b}"),
            "abcde\u{fffd}"
        );
    }

    #[test]
    fn natural_order() {
        let mut ids = vec!["E10", "E2", "1", "10", "9", "E02", "b", "a"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["1", "9", "10", "E02", "E2", "E10", "a", "b"]);
    }
}
