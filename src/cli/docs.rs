//! `orgsphere completions SHELL` and `orgsphere man [SUBCOMMAND]`: a shell completion
//! script and a roff manual page, both generated from the clap definition and printed on
//! stdout, so they never drift from the flags.

use std::io::{self, Write};

use clap::{Args, Command};
use clap_complete::Shell;
use orgsphere::{Error, Result};

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

#[derive(Args)]
pub struct ManArgs {
    /// Write the page of this subcommand (e.g. analyze) instead of the main page.
    #[arg(value_name = "SUBCOMMAND")]
    subcommand: Option<String>,
}

/// Prints the completion script for one shell.
pub fn completions(args: CompletionsArgs, mut cmd: Command) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "orgsphere", &mut out);
    print(&out)
}

/// Prints the manual page of orgsphere, or of one of its subcommands.
pub fn man(args: ManArgs, mut cmd: Command) -> Result<()> {
    cmd.build();
    let page = match &args.subcommand {
        None => cmd,
        Some(name) => {
            let sub = cmd.find_subcommand(name).ok_or_else(|| {
                let names: Vec<&str> = cmd.get_subcommands().map(Command::get_name).collect();
                Error::Usage(format!(
                    "man {name}: no such subcommand; choose one of {}",
                    names.join(", ")
                ))
            })?;
            sub.clone().name(format!("orgsphere-{name}"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| Error::io("stdout", e))?;
    print(&out)
}

fn print(bytes: &[u8]) -> Result<()> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|_| stdout.flush())
        .map_err(|e| Error::io("stdout", e))
}
