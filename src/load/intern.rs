//! A map from short texts (ids) to numbers that keeps short keys inside the table.
//!
//! In: texts and their numbers. Out: the number of a text. A standard map of boxed strings
//! reads each key through a pointer: on a million ids, every lookup costs a cache miss
//! more, and looking up five million survey cells in random order is where loading spends
//! its time. Keys of up to [`INLINE`] bytes (nearly every employee id) are stored in the
//! table itself, each beside its number in one slot, so that a lookup usually reads one
//! cache line; longer ones (e-mail addresses, names) go to a second, ordinary map.

use foldhash::HashMap;

use crate::memory::prefetch;

/// Longest key stored inline, in bytes.
pub const INLINE: usize = 15;

/// A key of at most [`INLINE`] bytes as two words: the bytes zero-padded, the length in
/// the last byte.
type Inline = [u64; 2];

fn inline(text: &str) -> Option<Inline> {
    let bytes = text.as_bytes();
    (bytes.len() <= INLINE).then(|| {
        let mut key = [0u8; 16];
        key[..bytes.len()].copy_from_slice(bytes);
        key[15] = bytes.len() as u8;
        let words = u128::from_le_bytes(key);
        [words as u64, (words >> 64) as u64]
    })
}

/// Short keys by open addressing with linear probing, at most three quarters full: the
/// slot a key hashes to usually holds it, where a standard map reads a control byte and
/// then the key, in two places of memory.
#[derive(Clone, Default)]
struct ShortTable {
    /// A power of two in number, or none.
    slots: Vec<Slot>,
    len: usize,
}

#[derive(Clone, Copy)]
struct Slot {
    key: Inline,
    /// [`EMPTY`] for a free slot.
    value: u32,
}

/// The value of a free slot; no key is given it (a table that large would not fit in
/// memory).
const EMPTY: u32 = u32::MAX;

const FREE: Slot = Slot {
    key: [0; 2],
    value: EMPTY,
};

/// Mixes a key's two words into a slot number's bits (a folded 128-bit multiply).
fn hash(key: Inline) -> u64 {
    let product =
        u128::from(key[0] ^ 0x243f_6a88_85a3_08d3) * u128::from(key[1] ^ 0x1319_8a2e_0370_7344);
    (product as u64) ^ ((product >> 64) as u64)
}

impl ShortTable {
    /// The slot holding `key`, or the free slot where it would go.
    fn find(&self, key: Inline) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = hash(key) as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.value == EMPTY || slot.key == key {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Asks the processor to bring `key`'s first slot in; no effect on the result.
    fn prefetch(&self, key: Inline) {
        if !self.slots.is_empty() {
            prefetch(&self.slots[hash(key) as usize & (self.slots.len() - 1)]);
        }
    }

    fn get(&self, key: Inline) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = self.slots[self.find(key)];
        (slot.value != EMPTY).then_some(slot.value)
    }

    fn insert(&mut self, key: Inline, value: u32) {
        debug_assert!(value != EMPTY);
        self.reserve(1);
        let i = self.find(key);
        self.len += usize::from(self.slots[i].value == EMPTY);
        self.slots[i] = Slot { key, value };
    }

    /// Room for `n` more keys: the table grows to the next power of two that keeps it at
    /// most three quarters full.
    fn reserve(&mut self, n: usize) {
        let needed = self.len + n;
        if needed * 4 <= self.slots.len() * 3 {
            return;
        }
        let size = (needed * 4).div_ceil(3).next_power_of_two().max(16);
        let old = std::mem::replace(&mut self.slots, vec![FREE; size]);
        for slot in old.into_iter().filter(|s| s.value != EMPTY) {
            let i = self.find(slot.key);
            self.slots[i] = slot;
        }
    }
}

impl std::fmt::Debug for ShortTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ShortTable({} keys)", self.len)
    }
}

/// Texts to numbers.
#[derive(Debug, Default, Clone)]
pub struct StrMap {
    short: ShortTable,
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

    /// The number of each of `texts` that is there ([`StrMap::get_all`]).
    pub fn get_all(&self, texts: &[Box<str>]) -> Vec<Option<u32>> {
        self.index.get_all(texts)
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

impl StrMap {
    /// The number of each of `texts`, as [`StrMap::get`] gives it. Looked up a few at a
    /// time: the slots of the next few are fetched from memory while the current ones are
    /// compared, so a long list waits for memory a few times less.
    pub fn get_all(&self, texts: &[Box<str>]) -> Vec<Option<u32>> {
        const AHEAD: usize = 8;
        let keys: Vec<Option<Inline>> = texts.iter().map(|t| inline(t)).collect();
        let mut out = Vec::with_capacity(texts.len());
        for (i, (text, key)) in texts.iter().zip(&keys).enumerate() {
            if let Some(Some(next)) = keys.get(i + AHEAD) {
                self.short.prefetch(*next);
            }
            out.push(match key {
                Some(key) => self.short.get(*key),
                None => self.long.get(&**text).copied(),
            });
        }
        out
    }

    pub fn get(&self, text: &str) -> Option<u32> {
        match inline(text) {
            Some(key) => self.short.get(key),
            None => self.long.get(text).copied(),
        }
    }

    /// Sets the number of `text`, replacing any earlier one.
    pub fn insert(&mut self, text: &str, value: u32) {
        match inline(text) {
            Some(key) => self.short.insert(key, value),
            None => {
                self.long.insert(text.into(), value);
            }
        }
    }

    /// Room for `n` more short keys without growing.
    pub fn reserve(&mut self, n: usize) {
        self.short.reserve(n);
    }

    pub fn len(&self) -> usize {
        self.short.len + self.long.len()
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
        let texts: Vec<Box<str>> = ["E1", long, "E2", "", "x"].map(Box::from).into();
        let one_by_one: Vec<Option<u32>> = texts.iter().map(|t| m.get(t)).collect();
        assert_eq!(m.get_all(&texts), one_by_one);
        assert_eq!(one_by_one, [Some(5), Some(2), None, Some(3), None]);
        assert_eq!(StrMap::default().get_all(&texts), [None; 5]);
    }

    /// Ids as HR systems number them (a prefix and a counter, bare counters, codes of
    /// every length up to the inline limit) are all found, and spread so that a lookup
    /// reads on average little more than the slot it hashes to.
    #[test]
    fn many_ids_of_common_shapes_are_found_in_few_probes() {
        let shapes: [fn(usize) -> String; 4] = [
            |i| format!("P{i:06}"),
            |i| i.to_string(),
            |i| format!("EMP-{i:08}-X"),
            |i| format!("{:x}", i * 7919),
        ];
        for shape in shapes {
            let mut m = StrMap::default();
            let n = 200_000;
            for i in 0..n {
                m.insert(&shape(i), i as u32);
            }
            assert_eq!(m.len(), n);
            let table = &m.short;
            let mask = table.slots.len() - 1;
            let mut probes = 0;
            for i in 0..n {
                let key = inline(&shape(i)).unwrap();
                assert_eq!(table.get(key), Some(i as u32));
                let home = hash(key) as usize & mask;
                probes += (table.find(key).wrapping_sub(home) & mask) + 1;
            }
            let mean = probes as f64 / n as f64;
            assert!(mean < 2.0, "{}: {mean} slots read per lookup", shape(1));
            assert_eq!(m.get(&shape(n)), None);
            let texts: Vec<Box<str>> = (0..=n).map(|i| shape(i).into()).collect();
            let found = m.get_all(&texts);
            assert!(
                found[..n]
                    .iter()
                    .enumerate()
                    .all(|(i, &f)| f == Some(i as u32))
            );
            assert_eq!(found[n], None);
        }
    }
}
