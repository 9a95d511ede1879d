//! A map from short texts (ids) to numbers that keeps short keys inside the table.
//!
//! In: texts and their numbers. Out: the number of a text. A standard map of boxed strings
//! reads each key through a pointer: on a million ids, every lookup costs a cache miss
//! more, and looking up five million survey cells in random order is where loading spends
//! its time. Keys of up to [`INLINE`] bytes (nearly every employee id) are stored in the
//! table itself; longer ones (e-mail addresses, names) in a second, ordinary map.

use foldhash::HashMap;

/// Longest key stored inline, in bytes.
pub const INLINE: usize = 15;

/// A key of at most [`INLINE`] bytes, zero-padded, with its length.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Inline([u8; INLINE], u8);

impl Inline {
    fn new(text: &str) -> Option<Inline> {
        let bytes = text.as_bytes();
        (bytes.len() <= INLINE).then(|| {
            let mut key = [0u8; INLINE];
            key[..bytes.len()].copy_from_slice(bytes);
            Inline(key, bytes.len() as u8)
        })
    }
}

/// Texts to numbers.
#[derive(Debug, Default, Clone)]
pub struct StrMap {
    short: HashMap<Inline, u32>,
    long: HashMap<Box<str>, u32>,
}

/// Interned texts: each distinct text stored once, numbered in the order first seen. Reads
/// as the slice of texts, a number being its index.
#[derive(Debug, Default)]
pub struct Symbols {
    texts: Vec<Box<str>>,
    index: StrMap,
}

impl Symbols {
    /// The number of `text`, if it is there.
    pub fn get(&self, text: &str) -> Option<u32> {
        self.index.get(text)
    }

    /// The number of `text`, added if new.
    pub fn intern(&mut self, text: &str) -> u32 {
        if let Some(s) = self.index.get(text) {
            return s;
        }
        let s = self.texts.len() as u32;
        self.texts.push(text.into());
        self.index.insert(text, s);
        s
    }
}

impl std::ops::Deref for Symbols {
    type Target = [Box<str>];

    fn deref(&self) -> &[Box<str>] {
        &self.texts
    }
}

impl std::fmt::Debug for Inline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?}",
            String::from_utf8_lossy(&self.0[..self.1 as usize])
        )
    }
}

impl StrMap {
    pub fn get(&self, text: &str) -> Option<u32> {
        match Inline::new(text) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(text).copied(),
        }
    }

    /// Sets the number of `text`, replacing any earlier one.
    pub fn insert(&mut self, text: &str, value: u32) {
        match Inline::new(text) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(text.into(), value),
        };
    }

    /// Room for `n` more short keys without growing.
    pub fn reserve(&mut self, n: usize) {
        self.short.reserve(n);
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_keys() {
        let mut m = StrMap::default();
        let long = "a.very.long.address@example.com";
        m.insert("E1", 1);
        m.insert(long, 2);
        m.insert("", 3);
        m.insert("E1\0", 4);
        assert_eq!(m.get("E1"), Some(1));
        assert_eq!(m.get(long), Some(2));
        assert_eq!(m.get(""), Some(3));
        assert_eq!(m.get("E1\0"), Some(4));
        assert_eq!(m.get("E2"), None);
        assert_eq!(m.get(&long[1..]), None);
        m.insert("E1", 5);
        assert_eq!((m.get("E1"), m.len()), (Some(5), 4));
    }
}
