//! The `orgsphere` command: parse the command line (with `--config` merged in), run one
//! subcommand, map the outcome to an exit code (SPEC §8: 0 ok, 64 usage, 65 invalid data,
//! 66 missing input, 73 cannot create output, 74 I/O).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
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
