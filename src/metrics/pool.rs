//! Per-person scratch arrays shared by the workers of one parallel pass.
//!
//! In: a way to make a buffer. Out: leases of buffers that go back to the pool when the
//! work that borrowed them ends. A rayon `map_init` calls its init once per piece of work,
//! which is a few dozen times per pass; an array the size of the organisation made and
//! zeroed each time costs more than the pass on a large organisation. Leasing from a pool
//! makes about one buffer per thread. Every pass that uses one must leave it valid for the
//! next borrower (for example by marking entries with the person being computed).

use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

/// Buffers not lent out at the moment.
pub struct Pool<T>(Mutex<Vec<T>>);

impl<T> Pool<T> {
    pub fn new() -> Self {
        Pool(Mutex::new(Vec::new()))
    }

    /// A free buffer, or a new one from `make` when all are lent out.
    pub fn lease(&self, make: impl FnOnce() -> T) -> Lease<'_, T> {
        let free = self.0.lock().ok().and_then(|mut free| free.pop());
        Lease {
            item: Some(free.unwrap_or_else(make)),
            pool: self,
        }
    }
}

/// A buffer on loan; returned to its pool when dropped.
pub struct Lease<'a, T> {
    item: Option<T>,
    pool: &'a Pool<T>,
}

impl<T> Deref for Lease<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.item
            .as_ref()
            .expect("a lease holds its buffer until dropped")
    }
}

impl<T> DerefMut for Lease<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.item
            .as_mut()
            .expect("a lease holds its buffer until dropped")
    }
}

impl<T> Drop for Lease<'_, T> {
    fn drop(&mut self) {
        if let (Some(item), Ok(mut free)) = (self.item.take(), self.pool.0.lock()) {
            free.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn buffers_are_reused_across_pieces_of_work() {
        let made = AtomicUsize::new(0);
        let pool = Pool::new();
        let make = || {
            made.fetch_add(1, Ordering::Relaxed);
            vec![0u32; 8]
        };
        let pieces = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
            .install(|| {
                (0..100_000u32)
                    .into_par_iter()
                    .map_init(
                        || pool.lease(make),
                        |buf, i| {
                            // Uneven work, so that idle threads steal and the work is cut
                            // into many pieces (a few dozen: each would make a buffer).
                            let spin = if i % 1000 == 0 { 20_000 } else { 200 };
                            let mut x = u64::from(i);
                            for _ in 0..spin {
                                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                            }
                            buf[0] = i;
                            buf[0] + u32::from(x == 0)
                        },
                    )
                    .collect::<Vec<_>>()
            });
        assert_eq!(pieces, (0..100_000).collect::<Vec<_>>());
        // Without the pool the init runs once per piece of work (a few dozen here); with
        // it, about once per thread: a piece holds its lease only while it is consumed.
        assert!(made.load(Ordering::Relaxed) <= 2, "{made:?}");
        assert_eq!(pool.0.lock().unwrap().len(), made.load(Ordering::Relaxed));
    }
}
