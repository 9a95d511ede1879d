//! Matching id texts against the org chart: exactly, then after trimming and case folding,
//! and, for what still does not match, the closest ids as suggestions.

use std::borrow::Cow;

use crate::load::intern::StrMap;

/// How an id text matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The text is a person's id as written.
    Exact(u32),
    /// The text matches a person's id only after trimming spaces or folding letter case.
    Normalised(u32),
    /// The text is a person's e-mail address (trimmed, case-folded).
    Email(u32),
    /// The text is a person's full name (trimmed, case-folded).
    Name(u32),
    /// Several people have this name (or address): the text cannot be placed.
    Ambiguous,
    /// No person has this id, address or name.
    Unknown,
}

/// Trims and case-folds an id; borrows when there is nothing to change (the usual case).
pub fn fold_id(text: &str) -> Cow<'_, str> {
    let t = text.trim();
    if !t.is_ascii() {
        Cow::Owned(t.to_lowercase())
    } else if t.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(t.to_ascii_lowercase())
    } else {
        Cow::Borrowed(t)
    }
}

/// The people's ids, for matching. Most ids are already in folded form (`E0042` is not:
/// `e0042` is); those are stored once, in `folded`, and marked `verbatim`, which halves
/// the index of a large organisation.
#[derive(Debug, Default)]
pub struct IdIndex {
    /// Ids that differ from their folded form.
    exact: StrMap,
    /// Every id, folded.
    folded: StrMap,
    /// Per person: the id is its own folded form.
    verbatim: Vec<bool>,
    /// Ids announced by [`IdIndex::reserve`]: room for them in `exact` is made when the
    /// first id that is not its own folded form arrives (ids like `E0042` are all such).
    expected: usize,
}

impl IdIndex {
    /// Room for `n` more ids without growing.
    pub fn reserve(&mut self, n: usize) {
        self.folded.reserve(n);
        self.verbatim.reserve(n);
        self.expected = self.verbatim.len() + n;
    }

    /// Adds a person's canonical id (persons are numbered 0, 1, 2… in order). Returns the
    /// person already holding an id that folds to the same text, if any.
    pub fn insert(&mut self, id: &str, person: u32) -> Option<u32> {
        let folded = fold_id(id);
        if let Some(other) = self.folded.get(&folded) {
            return Some(other);
        }
        let verbatim = *folded == *id;
        if !verbatim {
            if self.exact.is_empty() {
                self.exact
                    .reserve(self.expected.saturating_sub(self.verbatim.len()));
            }
            self.exact.insert(id, person);
        }
        self.folded.insert(&folded, person);
        let p = person as usize;
        if self.verbatim.len() <= p {
            self.verbatim.resize(p + 1, false);
        }
        self.verbatim[p] = verbatim;
        None
    }

    pub fn resolve(&self, text: &str) -> Match {
        if let Some(p) = self.exact.get(text) {
            return Match::Exact(p);
        }
        let folded = fold_id(text);
        match self.folded.get(&folded) {
            Some(p) if *folded == *text && self.verbatim[p as usize] => Match::Exact(p),
            Some(p) => Match::Normalised(p),
            None => Match::Unknown,
        }
    }
}

/// Suggests up to three ids close to an unknown `text` (Levenshtein distance on folded
/// text, at most a third of its length and at least 2), closest first; among equally close
/// ids, those sharing a longer start with `text` first (a typo in `E0232` is likelier to
/// mean `E0231` than `E0132`), then by id.
///
/// Complexity: O(n · k²) for n ids of length k; callers bound how often it runs, and texts
/// longer than [`MAX_SUGGESTED_LEN`] get no suggestions.
pub fn suggest<'a>(text: &str, ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = fold_id(text);
    if wanted.len() > MAX_SUGGESTED_LEN {
        return Vec::new();
    }
    let limit = (wanted.chars().count() / 3).max(2);
    let mut close: Vec<(usize, std::cmp::Reverse<usize>, &str)> = ids
        .filter_map(|id| {
            // Case folding changes a length by a few bytes at most: skip far-off ids
            // before paying for folding them.
            if id.trim().len().abs_diff(wanted.len()) > limit + 8 {
                return None;
            }
            let folded = fold_id(id);
            let gap = folded.len().abs_diff(wanted.len());
            if gap > limit {
                return None;
            }
            let d = strsim::levenshtein(&wanted, &folded);
            let prefix = wanted
                .chars()
                .zip(folded.chars())
                .take_while(|(a, b)| a == b)
                .count();
            (d <= limit).then_some((d, std::cmp::Reverse(prefix), id))
        })
        .collect();
    close.sort_unstable();
    close.into_iter().take(3).map(|(_, _, id)| id).collect()
}

/// Longest text (in bytes) for which [`suggest`] looks for close ids: beyond it, a text is
/// no mistyped id, and comparing it would cost quadratic time.
pub const MAX_SUGGESTED_LEN: usize = 100;

/// Formats suggestions for a message: `; did you mean E0042 or E0024?` or nothing.
pub fn did_you_mean<S: AsRef<str>>(suggestions: &[S]) -> String {
    let suggestions: Vec<&str> = suggestions.iter().map(AsRef::as_ref).collect();
    let suggestions = suggestions.as_slice();
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [init @ .., last] => format!("; did you mean {} or {last}?", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_exactly_then_after_folding() {
        let mut idx = IdIndex::default();
        assert_eq!(idx.insert("E0042", 0), None);
        assert_eq!(idx.insert("A7", 1), None);
        assert_eq!(idx.insert("e0042 ", 2), Some(0));
        assert_eq!(idx.resolve("E0042"), Match::Exact(0));
        assert_eq!(idx.resolve(" e0042 "), Match::Normalised(0));
        assert_eq!(idx.resolve("E0043"), Match::Unknown);
        // An id already in folded form matches exactly, and only as written.
        assert_eq!(idx.insert("a7x", 3), None);
        assert_eq!(idx.resolve("a7x"), Match::Exact(3));
        assert_eq!(idx.resolve("A7X"), Match::Normalised(3));
        assert_eq!(idx.resolve(" a7x"), Match::Normalised(3));
        assert_eq!(idx.resolve("e0042"), Match::Normalised(0));
    }

    #[test]
    fn suggests_the_closest_ids() {
        let ids = ["E0042", "E0024", "E0999", "X1"];
        assert_eq!(suggest("E0043", ids.into_iter()), ["E0042", "E0024"]);
        assert_eq!(suggest("e0004", ids.into_iter()), ["E0024", "E0042"]);
        assert!(suggest("Zebra", ids.into_iter()).is_empty());
        let ids = ["E0032", "E0132", "E0202", "E0231", "E0233"];
        assert_eq!(
            suggest("E0232", ids.into_iter()),
            ["E0231", "E0233", "E0202"]
        );
        assert_eq!(did_you_mean(&["a", "b", "c"]), "; did you mean a, b or c?");
    }
}
