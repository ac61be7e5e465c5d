//! `polity completions`: shell completion scripts, generated from the same argument
//! definitions as `--help`, so they never drift.

use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Failure};

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity completions bash > ~/.local/share/bash-completion/completions/polity
  polity completions zsh > ~/.zfunc/_polity
  polity completions fish > ~/.config/fish/completions/polity.fish")]
pub struct Args {
    /// The shell
    #[arg(value_enum)]
    shell: Shell,
}

/// Runs `polity completions`.
pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "polity", &mut out);
    std::io::Write::write_all(&mut std::io::stdout().lock(), &out)?;
    Ok(ExitCode::SUCCESS)
}
