//! Privacy: keyed pseudonyms for person ids, and the redaction of free text (reasons,
//! data-quality messages) so that no output names a person under `--pseudonymize`.
//!
//! A pseudonym is `p_` followed by the first 16 hex digits (64 bits) of
//! HMAC-SHA256(key, id) (RFC 2104). The same key gives the same pseudonym in every run,
//! so waves can be compared; without the key a pseudonym cannot be turned back into an id,
//! nor recomputed from a guessed id. 64 bits make a collision among a million people about
//! one chance in 36 million.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::options::Key;

/// What every pseudonym starts with.
pub const PREFIX: &str = "p_";
/// Hex digits kept from the HMAC.
const HEX_DIGITS: usize = 16;
/// The text hashed for `summary.json`'s `key_check`: two runs whose `key_check` agree used
/// the same key.
const KEY_CHECK: &str = "orgsphere key check";
/// What a message becomes when it cannot be made anonymous.
pub const WITHHELD: &str = "(withheld under --pseudonymize: the message would name people; run `orgsphere validate` on the inputs to read it)";

/// The pseudonym of `id` under `key`.
pub fn pseudonym(key: &Key, id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC accepts any key");
    mac.update(id.as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut out = String::with_capacity(PREFIX.len() + HEX_DIGITS);
    out.push_str(PREFIX);
    for b in &digest[..HEX_DIGITS / 2] {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A fingerprint of the key that does not reveal it.
pub fn key_check(key: &Key) -> String {
    pseudonym(key, KEY_CHECK)
}

/// How to treat a bare number that equals a person id: in a data-quality message it may
/// be that person (withhold the message); in an orgsphere-written reason it is a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbers {
    Withhold,
    AreCounts,
}

/// Rewrites free text so that it names nobody.
pub struct Redactor<'a> {
    key: &'a Key,
    ids: HashMap<&'a str, usize>,
    pseudonyms: Vec<String>,
    /// Quoted text that may stay as it is (titles, departments, question names).
    keep: HashSet<&'a str>,
    /// Names and e-mails as lower-case words joined by one space: a text that still holds
    /// one, word for word, is withheld.
    secrets: HashSet<String>,
    /// The most words in a secret.
    secret_words: usize,
}

impl<'a> Redactor<'a> {
    /// `ids[p]` is person `p`'s id; `keep` lists text that may be quoted as is; `secrets`
    /// the names and e-mails that must never appear.
    pub fn new(
        key: &'a Key,
        ids: &'a [String],
        keep: impl IntoIterator<Item = &'a str>,
        secrets: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let secrets: HashSet<String> = secrets
            .into_iter()
            .map(|s| words(s).join(" "))
            .filter(|s| s.chars().count() >= 3)
            .collect();
        let secret_words = secrets
            .iter()
            .map(|s| s.split(' ').count())
            .max()
            .unwrap_or(0);
        Redactor {
            key,
            ids: ids
                .iter()
                .enumerate()
                .map(|(p, id)| (id.as_str(), p))
                .collect(),
            pseudonyms: ids.iter().map(|id| pseudonym(key, id)).collect(),
            keep: keep.into_iter().filter(|k| !k.is_empty()).collect(),
            secrets,
            secret_words,
        }
    }

    /// Person `p`'s pseudonym.
    pub fn pseudonym_of(&self, p: usize) -> &str {
        &self.pseudonyms[p]
    }

    /// The pseudonym of an id from the inputs, if it is a person's.
    pub fn person(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// `text` with every quoted string and every id replaced by a pseudonym, or `None` when
    /// it cannot be made anonymous (it would be withheld).
    pub fn redact(&self, text: &str, numbers: Numbers) -> Option<String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut last_word = "";
        while let Some(c) = rest.chars().next() {
            if c == '"' {
                let (content, after) = quoted(&rest[1..]);
                out.push('"');
                out.push_str(&self.replace_quoted(&content));
                out.push('"');
                rest = after;
                last_word = "";
            } else if is_word(c) {
                let end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
                let word = &rest[..end];
                let core = word.trim_matches(|c| c == '.' || c == '-');
                let lead = word.find(core).unwrap_or(0);
                out.push_str(&word[..lead]);
                match self.ids.get(core) {
                    Some(&p) if !core.bytes().all(|b| b.is_ascii_digit()) => {
                        out.push_str(&self.pseudonyms[p]);
                    }
                    Some(_) if numbers == Numbers::Withhold && !last_word.starts_with("row") => {
                        return None;
                    }
                    _ => out.push_str(core),
                }
                out.push_str(&word[lead + core.len()..]);
                last_word = core;
                rest = &rest[end..];
            } else {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        (!self.names_someone(&out)).then_some(out)
    }

    /// Whether `text` holds a name or e-mail, word for word (any case).
    fn names_someone(&self, text: &str) -> bool {
        if self.secrets.is_empty() {
            return false;
        }
        let w = words(text);
        (0..w.len()).any(|i| {
            (1..=self.secret_words.min(w.len() - i))
                .any(|k| self.secrets.contains(&w[i..i + k].join(" ")))
        })
    }

    fn replace_quoted(&self, content: &str) -> String {
        let t = content.trim();
        if let Some(&p) = self.ids.get(t) {
            self.pseudonyms[p].clone()
        } else if self.keep.contains(t) {
            content.replace('"', "'")
        } else {
            pseudonym(self.key, t)
        }
    }
}

/// The lower-cased words of `text` (letters, digits and `_ - . @ '` inside a word).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(is_word(c) || c == '\''))
        .map(|w| {
            w.trim_matches(|c| matches!(c, '.' | '-' | '\''))
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '@')
}

/// Reads a string written with Rust's `{:?}` up to its closing quote: its content
/// (unescaped) and the text after the quote.
fn quoted(s: &str) -> (String, &str) {
    let mut content = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (content, &s[i + 1..]),
            '\\' => match chars.next() {
                Some((_, 'n')) => content.push('\n'),
                Some((_, 't')) => content.push('\t'),
                Some((_, 'r')) => content.push('\r'),
                Some((_, other)) => content.push(other),
                None => {}
            },
            c => content.push(c),
        }
    }
    (content, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key::new("a key for the tests").unwrap()
    }

    #[test]
    fn pseudonyms_are_keyed_stable_and_short() {
        let a = pseudonym(&key(), "E0042");
        assert_eq!(a, pseudonym(&key(), "E0042"));
        assert_ne!(
            a,
            pseudonym(&Key::new("another key for the tests").unwrap(), "E0042")
        );
        assert_ne!(a, pseudonym(&key(), "E0043"));
        assert_eq!(a.len(), 18);
        assert!(a.starts_with("p_"));
        // RFC 4231 test case 1: HMAC-SHA256(20 bytes 0x0b, "Hi There").
        let rfc = Key::new("\x0b".repeat(20)).unwrap();
        assert_eq!(pseudonym(&rfc, "Hi There"), "p_b0344c61d8db3853");
    }

    #[test]
    fn messages_lose_ids_names_and_unknown_text() {
        let k = key();
        let ids = vec!["E0005".to_string(), "E0042".to_string(), "7".to_string()];
        let ps: Vec<String> = ids.iter().map(|i| pseudonym(&k, i)).collect();
        let r = Redactor::new(&k, &ids, ["advice"], ["Ann Lee", "ann@x.org"]);
        let m = r
            .redact(
                "manager id \"E0999\" is not in the org chart, so E0005 is treated as a top; did you mean E0042?",
                Numbers::Withhold,
            )
            .unwrap();
        assert!(!m.contains("E0"), "{m}");
        assert!(m.contains(&ps[0]) && m.contains(&ps[1]));
        assert!(m.contains(&pseudonym(&k, "E0999")));
        let dup = r
            .redact(
                "E0005 named E0042 for \"advice\" again (first on s.csv row 7)",
                Numbers::Withhold,
            )
            .unwrap();
        assert!(
            dup.ends_with("for \"advice\" again (first on s.csv row 7)"),
            "{dup}"
        );
        // A bare number that is also an id may be that person: withheld.
        assert_eq!(r.redact("7 named themselves", Numbers::Withhold), None);
        assert_eq!(
            r.redact("nominated by 7 people", Numbers::AreCounts)
                .unwrap(),
            "nominated by 7 people"
        );
        assert_eq!(r.redact("see ANN@x.org.", Numbers::AreCounts), None);
        assert_eq!(r.redact("asked ann  LEE, twice", Numbers::AreCounts), None);
        assert!(r.redact("annual leeway", Numbers::AreCounts).is_some());
        assert!(
            !r.redact("nominee id \"Ann Lee\" is unknown", Numbers::Withhold)
                .unwrap()
                .contains("Ann")
        );
    }
}
