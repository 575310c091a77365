//! How `explain`, `codes` and `rules` print: for people, or as JSON for programs.

use std::fmt;
use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;

use crate::escape::{inert_lines, write_json};

/// Output formats of `explain`, `codes` and `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
}

/// Prints `value` as pretty JSON, or for people through `text`, inert either way (a value
/// with a line break of its own is made [`inert`](crate::escape::inert) by `text`); the
/// status as every subcommand gives it after writing (a closed pipe is a quiet 0, another
/// write error 2).
pub fn print<T: Serialize>(
    format: Format,
    value: &T,
    text: impl FnOnce(&mut String) -> fmt::Result,
) -> u8 {
    let mut out = io::stdout().lock();
    let written = match format {
        Format::Json => write_json(&mut out, value, true)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Text => {
            let mut shown = String::new();
            let _ = text(&mut shown);
            out.write_all(inert_lines(&shown).as_bytes())
        }
    };
    crate::exit::after_write(written, crate::exit::CLEAN)
}

/// The `--lang` option of the subcommands that print meanings: `en` or `zh`, and without it
/// the locale's (`LC_ALL`, `LC_MESSAGES`, `LANG`; Chinese when it starts with `zh`).
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct LangArg {
    /// The language of meanings and advice.
    #[arg(
        long,
        value_name = "LANG",
        help = "The language of meanings and advice: en or zh [default: zh when LC_ALL, LC_MESSAGES or LANG starts with zh, else en]"
    )]
    lang: Option<tencentcloud_envelope::Lang>,
}

impl LangArg {
    /// The language asked for, or the locale's.
    pub fn resolve(self) -> tencentcloud_envelope::Lang {
        self.lang
            .unwrap_or_else(tencentcloud_envelope::Lang::from_env)
    }
}
