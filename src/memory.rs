//! Hints to the processor about memory, shared by the loaders and the path searches.

/// Asks the processor to bring `x`'s cache line in; no effect on the result. For lookups
/// scattered over tables of megabytes: asked for a few steps before they are read, their
/// waits for memory overlap.
#[inline(always)]
pub fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and cannot fault; SSE is part of every x86-64.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch((x as *const T).cast::<i8>(), _MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}
