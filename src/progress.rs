//! Progress of a run's stages, for progress bars and timings.
//!
//! The library names each stage as it starts and ends; the command line decides what to
//! show (a spinner on a terminal, stage timings on request, nothing otherwise). Stages
//! are reported from the thread that runs the pipeline, in order.

use std::time::{Duration, Instant};

/// What a run tells about its stages.
pub trait Progress: Sync {
    fn begin(&self, _stage: &str) {}
    fn end(&self, _stage: &str, _elapsed: Duration) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}

/// Runs `f` as the stage `name`.
pub fn stage<T>(progress: &dyn Progress, name: &str, f: impl FnOnce() -> T) -> T {
    progress.begin(name);
    let start = Instant::now();
    let out = f();
    progress.end(name, start.elapsed());
    out
}
