//! `tc-envelope`: check captured Tencent Cloud API 3.0 responses and explain error codes.

mod check;
mod codes;
mod escape;
mod exit;
mod explain;
mod output;
mod render;
mod rules;
mod snippet;
mod summary;
mod walk;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use check::CheckArgs;
use codes::CodesArgs;
use explain::ExplainArgs;
use rules::RulesArgs;

/// Check captured Tencent Cloud API 3.0 responses and explain their error codes.
#[derive(Debug, Parser)]
#[command(name = "tc-envelope", version, about, long_about = None, after_help = "\
Examples:
  tc-envelope check captures/
  tc-envelope explain AuthFailure.SignatureFailure
  tc-envelope codes --service cvm InstanceId
  tc-envelope rules")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    Check(CheckArgs),
    Explain(ExplainArgs),
    Codes(CodesArgs),
    Rules(RulesArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
}

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope completions bash > ~/.local/share/bash-completion/completions/tc-envelope
  tc-envelope completions zsh > ~/.zfunc/_tc-envelope")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Print the manual page (roff), for `man -l -` or a `man1` directory.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tc-envelope man | man -l -
  tc-envelope man > /usr/local/share/man/man1/tc-envelope.1")]
pub struct ManArgs {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Codes(args) => codes::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Completions(args) => {
            let mut command = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut command, "tc-envelope", &mut out);
            exit::write_stdout(&out)
        }
        Command::Man(ManArgs {}) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => exit::write_stdout(&out),
                Err(error) => {
                    eprintln!("tc-envelope: cannot render the manual page: {error}");
                    exit::TROUBLE
                }
            }
        }
    };
    ExitCode::from(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
