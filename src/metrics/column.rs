//! Per-person values that may not apply, stored in the space of the value alone.
//!
//! A `Vec<Option<f64>>` takes 16 bytes a person and a `Vec<Option<u32>>` 8; a run keeps
//! about a dozen such measures for the combined layer and for every question, which at a
//! million people with six questions is about half a gigabyte of tags. [`MaybeFloats`] keeps
//! each value's bits and marks "does not apply" with one NaN bit pattern that no
//! arithmetic produces (a signalling NaN: processors quiet every NaN they compute, and
//! reading a number from text gives quiet ones); [`MaybeCounts`] marks it with `u32::MAX`,
//! more than any count of people (at most ten million). Both give back exactly the
//! `Option` they were given.

/// The bits that stand for `None` among [`MaybeFloats`]: a signalling NaN with a payload of
/// its own, which computations never return.
const NO_FLOAT: u64 = 0x7FF4_6F72_6773_7068;
/// The bit that makes a NaN quiet.
const QUIET: u64 = 0x0008_0000_0000_0000;

/// Per-person `Option<f64>` in 8 bytes each; every `Some` value, NaN or not, comes back
/// bit for bit (but a value with the reserved bits themselves, which no computation
/// makes, would come back as the same NaN, quiet).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MaybeFloats(Vec<u64>);

impl MaybeFloats {
    /// The value of person `p`; `None` when it does not apply.
    pub fn get(&self, p: usize) -> Option<f64> {
        let bits = self.0[p];
        (bits != NO_FLOAT).then(|| f64::from_bits(bits))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every person's value, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<f64>> + '_ {
        (0..self.len()).map(|p| self.get(p))
    }
}

// Collected into a vector of its own size: collecting a vector's own values in place
// would keep the larger allocation of the `Option`s.
impl FromIterator<Option<f64>> for MaybeFloats {
    fn from_iter<I: IntoIterator<Item = Option<f64>>>(values: I) -> Self {
        let values = values.into_iter();
        let mut kept = Vec::with_capacity(values.size_hint().0);
        kept.extend(values.map(|v| match v {
            // Quieted, the reserved bits stay a NaN but no longer mean none.
            Some(x) if x.to_bits() == NO_FLOAT => NO_FLOAT | QUIET,
            Some(x) => x.to_bits(),
            None => NO_FLOAT,
        }));
        MaybeFloats(kept)
    }
}

impl From<Vec<Option<f64>>> for MaybeFloats {
    fn from(values: Vec<Option<f64>>) -> Self {
        values.into_iter().collect()
    }
}

/// Per-person `Option<u32>` in 4 bytes each (`u32::MAX` is not a count of people).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MaybeCounts(Vec<u32>);

impl MaybeCounts {
    /// The count of person `p`; `None` when it does not apply.
    pub fn get(&self, p: usize) -> Option<u32> {
        let v = self.0[p];
        (v != u32::MAX).then_some(v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every person's count, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<u32>> + '_ {
        (0..self.len()).map(|p| self.get(p))
    }
}

impl FromIterator<Option<u32>> for MaybeCounts {
    fn from_iter<I: IntoIterator<Item = Option<u32>>>(values: I) -> Self {
        let values = values.into_iter();
        let mut kept = Vec::with_capacity(values.size_hint().0);
        kept.extend(values.map(|v| match v {
            Some(x) => {
                debug_assert!(x != u32::MAX, "a count too large to be one of people");
                x
            }
            None => u32::MAX,
        }));
        MaybeCounts(kept)
    }
}

impl From<Vec<Option<u32>>> for MaybeCounts {
    fn from(values: Vec<Option<u32>>) -> Self {
        values.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_comes_back_as_given() {
        let given = vec![
            Some(0.0),
            None,
            Some(-0.0),
            Some(f64::NAN),
            Some(-f64::NAN),
            Some(f64::INFINITY),
            Some(f64::MIN_POSITIVE / 2.0),
            Some(1.0 / 3.0),
            None,
            // A NaN as computed (quiet, any payload) is a value, not "none".
            Some(f64::from_bits(0x7FF8_6F72_6773_7068)),
        ];
        let kept = MaybeFloats::from(given.clone());
        assert_eq!(kept.len(), given.len());
        for (p, want) in given.iter().enumerate() {
            assert_eq!(kept.get(p).map(f64::to_bits), want.map(f64::to_bits), "{p}");
        }
        let back: Vec<Option<u64>> = kept.iter().map(|v| v.map(f64::to_bits)).collect();
        let want: Vec<Option<u64>> = given.iter().map(|v| v.map(f64::to_bits)).collect();
        assert_eq!(back, want);
        // Arithmetic that makes a NaN does not make the reserved bits.
        let zero = std::hint::black_box(0.0f64);
        assert_ne!((zero / zero).to_bits(), NO_FLOAT);
        assert_ne!((f64::INFINITY - f64::INFINITY).to_bits(), NO_FLOAT);

        let counts = vec![Some(0), None, Some(7), Some(u32::MAX - 1)];
        let kept = MaybeCounts::from(counts.clone());
        assert_eq!(kept.iter().collect::<Vec<_>>(), counts);
        assert!(MaybeCounts::default().is_empty() && MaybeFloats::default().is_empty());
    }

    /// Made from a vector of `Option`s, the values take their own size, not the
    /// `Option`s' allocation (twice as large).
    #[test]
    fn the_values_take_their_own_size() {
        let floats = MaybeFloats::from(vec![Some(1.0); 1000]);
        assert_eq!(floats.0.capacity(), 1000);
        let counts = MaybeCounts::from(vec![None; 1000]);
        assert_eq!(counts.0.capacity(), 1000);
    }

    #[test]
    fn the_reserved_bits_stay_a_value() {
        let kept = MaybeFloats::from(vec![Some(f64::from_bits(NO_FLOAT))]);
        assert!(kept.get(0).is_some_and(f64::is_nan));
    }
}
