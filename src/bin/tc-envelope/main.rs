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

use std::ffi::OsString;
use std::process::ExitCode;

use clap::builder::Styles;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version hold nothing of the user's.
        Err(error) if !error.use_stderr() => {
            let _ = error.print();
            return ExitCode::from(exit::CLEAN);
        }
        Err(error) => {
            eprint!("{}", usage_error(&error));
            return ExitCode::from(exit::TROUBLE);
        }
    };
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
                    escape::complain(format_args!("cannot render the manual page: {error}"));
                    exit::TROUBLE
                }
            }
        }
    };
    ExitCode::from(status)
}

/// A usage error as clap words it for the same arguments made inert, without styles: an
/// argument it echoes shows `\u{1b}`, never the byte itself.
fn usage_error(error: &clap::Error) -> String {
    let inert_args = std::env::args_os().map(|arg| match arg.to_str() {
        Some(text) => OsString::from(escape::inert(text).into_owned()),
        None => arg,
    });
    let again = Cli::command()
        .styles(Styles::plain())
        .try_get_matches_from(inert_args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let message = match again {
        Err(again) if again.kind() == error.kind() => again.render().to_string(),
        // Inert arguments parse otherwise (a value trimmed of its tab no longer is): clap's
        // words for the arguments given, inert but for their line breaks.
        _ => error.render().to_string(),
    };
    escape::inert_lines(&message).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
