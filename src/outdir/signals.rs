//! Temporary folders removed when the run is stopped by SIGTERM (a scheduler's stop),
//! SIGINT (Ctrl-C) or SIGHUP (a closed terminal); the process then ends by the same
//! signal, so its parent sees the usual status (128 + the signal's number in a shell).
//!
//! The handler only writes the signal's number into a pipe (`write` is async-signal-safe);
//! a thread of its own reads it, removes the folders registered here, and ends the
//! process. The list is a mutex that the swap into place holds too, so a stop sees the
//! folders before the swap or after it, never half-way. A signal the process ignores
//! (`nohup` ignores SIGHUP) or that someone else handles is left as it is. SIGKILL cannot
//! be caught: its leftovers are removed by the next run (`swap::clean_stale`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// The temporary folders (and files) of this process that a stop must remove.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Set when a stop has begun: the run must not go on to report an error of its own
/// (its temporary folder vanished under it) or success.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// The list of what a stop removes; held while a folder is swapped into place.
pub fn lock() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Adds `path` to what a stop removes (installing the handlers on first use).
pub fn register(path: &Path) {
    install();
    lock().push(path.to_path_buf());
}

/// Takes `path` off the list.
pub fn unregister(path: &Path) {
    lock().retain(|p| p != path);
}

/// Whether `tmp` (a temporary folder's path), or a companion of the same base, is one of
/// this process's.
pub fn registered(tmp: &Path) -> bool {
    let base = tmp.as_os_str();
    lock().iter().any(|p| {
        let p = p.as_os_str();
        p == base
            || p.as_encoded_bytes()
                .strip_prefix(base.as_encoded_bytes())
                .is_some_and(|rest| rest.starts_with(b"."))
    })
}

/// When a stop has begun, waits for it to end the process.
pub fn hold_if_stopping() {
    while STOPPING.load(Ordering::SeqCst) {
        std::thread::park();
    }
}

/// Installs the handlers once.
fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(imp::install);
}

/// Removes what the list holds and ends the process by `signal`.
#[cfg_attr(not(unix), allow(dead_code))]
fn stop(signal: i32) -> ! {
    STOPPING.store(true, Ordering::SeqCst);
    // Held until the process ends: no swap can start now.
    let pending = lock();
    for path in pending.iter() {
        super::swap::remove_now(path);
    }
    imp::end_by(signal)
}

#[cfg(unix)]
mod imp {
    use std::fs::File;
    use std::io::Read;
    use std::os::fd::FromRawFd;
    use std::sync::atomic::{AtomicI32, Ordering};

    use libc::c_int;

    const SIGNALS: [c_int; 3] = [libc::SIGTERM, libc::SIGINT, libc::SIGHUP];

    /// The pipe's end the handler writes to.
    static WRITE_END: AtomicI32 = AtomicI32::new(-1);

    extern "C" fn on_signal(signal: c_int) {
        let byte = signal as u8;
        // SAFETY: write(2) is async-signal-safe and the descriptor stays open for the
        // rest of the run. A failed write changes errno, but it cannot fail: one byte
        // per signal never fills the pipe before the reader ends the process.
        unsafe {
            libc::write(
                WRITE_END.load(Ordering::SeqCst),
                (&byte as *const u8).cast(),
                1,
            );
        }
    }

    pub fn install() {
        let mut fds = [0 as c_int; 2];
        // SAFETY: pipe(2) fills the two descriptors it was given room for.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
            return;
        }
        for fd in fds {
            // SAFETY: a descriptor just opened; nothing else uses it yet.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        WRITE_END.store(fds[1], Ordering::SeqCst);
        // SAFETY: the read end belongs to this File alone from here on.
        let read = unsafe { File::from_raw_fd(fds[0]) };
        let waiter = std::thread::Builder::new()
            .name("orgsphere-signals".into())
            .spawn(move || wait(read));
        if waiter.is_err() {
            return;
        }
        for signal in SIGNALS {
            // SAFETY: sigaction(2) with zeroed structures, a valid mask and a handler
            // that only calls write(2).
            unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, std::ptr::null(), &mut old) != 0
                    || old.sa_sigaction != libc::SIG_DFL
                {
                    continue;
                }
                let mut new: libc::sigaction = std::mem::zeroed();
                new.sa_sigaction = on_signal as extern "C" fn(c_int) as libc::sighandler_t;
                new.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&mut new.sa_mask);
                libc::sigaction(signal, &new, std::ptr::null_mut());
            }
        }
    }

    /// The handler thread: waits for a signal's number, then stops the run.
    fn wait(mut read: File) {
        let mut byte = [0u8];
        loop {
            match read.read(&mut byte) {
                Ok(1) => super::stop(c_int::from(byte[0])),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                _ => return,
            }
        }
    }

    /// Ends the process by `signal` with its default action, as if no handler had run.
    pub fn end_by(signal: c_int) -> ! {
        // SAFETY: restoring the default action and sending the signal to this process.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::kill(libc::getpid(), signal);
        }
        // The signal is delivered at once; should it be blocked, the usual status anyway.
        std::thread::sleep(std::time::Duration::from_secs(1));
        std::process::exit(128 + signal)
    }
}

#[cfg(not(unix))]
mod imp {
    pub fn install() {}

    pub fn end_by(signal: i32) -> ! {
        std::process::exit(128 + signal)
    }
}
