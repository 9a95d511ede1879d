//! What the command line shows of a run's stages: on a terminal, one line per stage that
//! has been running for more than about a second (several at once when stages run side by
//! side), each with its name and elapsed time, cleared when the stage ends; nothing when
//! stderr is not a terminal, with `--quiet` or with JSON logs. When `ORGSPHERE_TIMINGS` is
//! set, one line per stage with its duration and its start (seconds since the run began)
//! is printed at the end (for profiling; stages that run side by side overlap).

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use orgsphere::progress::Progress;

use super::log;

/// A stage shorter than this never shows a line.
const SHOW_AFTER: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(100);

/// A stage that has begun and not yet ended.
struct Running {
    name: String,
    since: Instant,
    bar: Option<ProgressBar>,
}

/// The stages running now, shared with the thread that draws them.
#[derive(Default)]
struct Board {
    running: Mutex<Vec<Running>>,
    stop: AtomicBool,
}

pub struct Stages {
    board: Arc<Board>,
    drawer: Option<JoinHandle<()>>,
    timings: bool,
    began: Instant,
    /// Each ended stage: name, start (since `began`) and duration.
    done: Mutex<Vec<(String, Duration, Duration)>>,
}

impl Stages {
    pub fn new() -> Self {
        let show = std::io::stderr().is_terminal() && !log::quiet() && !log::json();
        let board = Arc::new(Board::default());
        let drawer = show.then(|| {
            let board = Arc::clone(&board);
            std::thread::spawn(move || draw(&board))
        });
        Stages {
            board,
            drawer,
            timings: std::env::var_os("ORGSPHERE_TIMINGS").is_some(),
            began: Instant::now(),
            done: Mutex::new(Vec::new()),
        }
    }

    /// Clears every line and prints the timings, if asked for.
    pub fn finish(self) {
        self.board.stop.store(true, Ordering::Relaxed);
        if let Some(drawer) = self.drawer {
            let _ = drawer.join();
        }
        if self.timings {
            for (stage, start, took) in self.done.into_inner().unwrap_or_default() {
                eprintln!(
                    "orgsphere: timing: {stage}: {:.3} s (from {:.3} s)",
                    took.as_secs_f64(),
                    start.as_secs_f64()
                );
            }
        }
    }
}

/// Until told to stop: gives each stage running for longer than [`SHOW_AFTER`] its line.
fn draw(board: &Board) {
    let lines = MultiProgress::new();
    let style = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    while !board.stop.load(Ordering::Relaxed) {
        if let Ok(mut running) = board.running.lock() {
            for stage in running.iter_mut() {
                if stage.bar.is_none() && stage.since.elapsed() >= SHOW_AFTER {
                    let bar =
                        lines.add(ProgressBar::new_spinner().with_elapsed(stage.since.elapsed()));
                    bar.set_style(style.clone());
                    bar.set_message(stage.name.clone());
                    bar.enable_steady_tick(TICK);
                    stage.bar = Some(bar);
                }
            }
        }
        std::thread::sleep(TICK);
    }
    if let Ok(mut running) = board.running.lock() {
        for stage in running.drain(..) {
            if let Some(bar) = stage.bar {
                bar.finish_and_clear();
            }
        }
    }
    let _ = lines.clear();
}

impl Progress for Stages {
    fn begin(&self, stage: &str) {
        if self.drawer.is_none() {
            return;
        }
        if let Ok(mut running) = self.board.running.lock() {
            running.push(Running {
                name: stage.to_string(),
                since: Instant::now(),
                bar: None,
            });
        }
    }

    fn end(&self, stage: &str, elapsed: Duration) {
        if let Ok(mut running) = self.board.running.lock()
            && let Some(i) = running.iter().position(|r| r.name == stage)
            && let Some(bar) = running.remove(i).bar
        {
            bar.finish_and_clear();
        }
        if let Ok(mut done) = self.done.lock() {
            let start = self.began.elapsed().saturating_sub(elapsed);
            done.push((stage.to_string(), start, elapsed));
        }
    }
}
