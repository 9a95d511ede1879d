//! What the command line shows of a run's stages: a spinner with the stage's name on a
//! terminal (never when stderr is not a terminal, with `--quiet` or JSON logs), and, when
//! `ORGSPHERE_TIMINGS` is set, one line per stage with its duration (for profiling).

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use orgsphere::progress::Progress;

use super::log;

pub struct Stages {
    spinner: Option<ProgressBar>,
    timings: bool,
    done: Mutex<Vec<(String, Duration)>>,
}

impl Stages {
    pub fn new() -> Self {
        let show = std::io::stderr().is_terminal() && !log::quiet() && !log::json();
        let spinner = show.then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Stages {
            spinner,
            timings: std::env::var_os("ORGSPHERE_TIMINGS").is_some(),
            done: Mutex::new(Vec::new()),
        }
    }

    /// Clears the spinner and prints the timings, if asked for.
    pub fn finish(self) {
        if let Some(bar) = &self.spinner {
            bar.finish_and_clear();
        }
        if self.timings {
            for (stage, took) in self.done.into_inner().unwrap_or_default() {
                eprintln!("orgsphere: timing: {stage}: {:.3} s", took.as_secs_f64());
            }
        }
    }
}

impl Progress for Stages {
    fn begin(&self, stage: &str) {
        if let Some(bar) = &self.spinner {
            bar.set_message(stage.to_string());
        }
    }

    fn end(&self, stage: &str, elapsed: Duration) {
        if let Ok(mut done) = self.done.lock() {
            done.push((stage.to_string(), elapsed));
        }
    }
}
