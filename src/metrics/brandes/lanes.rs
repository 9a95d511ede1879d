//! A batch's sources as the bits of one unsigned integer, and the matching row of one
//! `f64` per source.
//!
//! In: the width of a batch (8, 16, 32 or 64 sources, picked by the integer type). Out:
//! the set operations, the set's bits in order, and a row update under a set that does
//! not branch on it.

use std::ops::{BitAnd, BitOr, BitOrAssign, Not};

/// A set of a batch's sources: bit `i` is the batch's `i`-th source.
pub trait Lanes:
    Copy
    + Eq
    + Send
    + Sync
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitOrAssign
    + Not<Output = Self>
{
    /// Sources per batch.
    const WIDTH: usize;
    const EMPTY: Self;
    /// One value per source of the batch, contiguous.
    type Row: Copy + Send + Sync + AsRef<[f64]> + AsMut<[f64]>;
    const ZERO_ROW: Self::Row;
    /// The set of source `i` alone.
    fn one(i: usize) -> Self;
    fn count(self) -> u32;
    fn bits(self) -> u64;
}

macro_rules! lanes {
    ($t:ty) => {
        impl Lanes for $t {
            const WIDTH: usize = <$t>::BITS as usize;
            const EMPTY: Self = 0;
            type Row = [f64; <$t>::BITS as usize];
            const ZERO_ROW: Self::Row = [0.0; <$t>::BITS as usize];
            #[inline]
            fn one(i: usize) -> Self {
                1 << i
            }
            #[inline]
            fn count(self) -> u32 {
                self.count_ones()
            }
            #[inline]
            fn bits(self) -> u64 {
                self as u64
            }
        }
    };
}
lanes!(u8);
lanes!(u16);
lanes!(u32);
lanes!(u64);

/// Calls `f` with each set bit's position, ascending.
#[inline]
pub fn each<M: Lanes>(set: M, mut f: impl FnMut(usize)) {
    let mut bits = set.bits();
    while bits != 0 {
        f(bits.trailing_zeros() as usize);
        bits &= bits - 1;
    }
}

/// Each byte value's bits as eight all-ones or all-zero masks, lowest bit first.
static EXPAND: [[u64; 8]; 256] = {
    let mut table = [[0u64; 8]; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut i = 0;
        while i < 8 {
            if byte >> i & 1 == 1 {
                table[byte][i] = u64::MAX;
            }
            i += 1;
        }
        byte += 1;
    }
    table
};

/// `row[i] += from[i]` for each source `i` in `set`; the other lanes add `0.0`, which
/// leaves them as they are. Branch-free: each byte of the set picks its lanes' masks from
/// a table.
#[inline]
pub fn add<M: Lanes>(row: &mut M::Row, from: &M::Row, set: M) {
    let set = set.bits();
    let rows = row
        .as_mut()
        .chunks_exact_mut(8)
        .zip(from.as_ref().chunks_exact(8));
    for (j, (row, from)) in rows.enumerate() {
        let take = &EXPAND[(set >> (8 * j)) as u8 as usize];
        for i in 0..8 {
            row[i] += f64::from_bits(from[i].to_bits() & take[i]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_in_order_and_masked_rows() {
        let mut seen = Vec::new();
        each(0b1000_0101u8, |i| seen.push(i));
        assert_eq!(seen, [0, 2, 7]);
        let mut row = [9.0; 8];
        let from = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        add::<u8>(&mut row, &from, 0b1000_0101);
        assert_eq!(row, [10.0, 9.0, 12.0, 9.0, 9.0, 9.0, 9.0, 17.0]);
        let mut wide = [1.0; 16];
        add::<u16>(&mut wide, &[2.0; 16], 1 << 9);
        assert_eq!((wide[8], wide[9], wide[10]), (1.0, 3.0, 1.0));
        assert_eq!(
            (u16::WIDTH, 0b1011u16.count(), u64::one(63)),
            (16, 3, 1 << 63)
        );
    }
}
