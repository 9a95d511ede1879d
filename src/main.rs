//! The `orgsphere` command: parse the command line (with `--config` merged in), run one
//! subcommand, map the outcome to an exit code (SPEC §8: 0 ok, 64 usage, 65 invalid data,
//! 66 missing input, 73 cannot create output, 74 I/O).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    keep_freed_memory();
    let command = match cli::parse() {
        Ok(command) => command,
        Err(code) => return ExitCode::from(code),
    };
    match cli::run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cli::report(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// orgsphere is a batch run that frees and allocates arrays the size of the organisation
/// stage after stage. By default glibc hands large freed blocks straight back to the
/// operating system, and taking them back costs a page fault and a zeroed page per 4 KB:
/// at 100,000 people that was a fifth of the run's page faults and 4–6 % of its CPU
/// time. Here freed memory stays with the process until it exits, and blocks up to 32 MB
/// (the most glibc allows) come from its heap, where they can be reused. Peak memory is
/// measured in BENCHMARKS.md with this setting.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: mallopt only changes the allocator's thresholds; it is called before any
    // other thread exists. A value it does not accept is ignored (it returns 0).
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}
