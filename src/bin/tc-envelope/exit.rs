//! Exit statuses, the same in every subcommand.

use std::io::{self, Write};

/// Nothing wrong was found.
pub const CLEAN: u8 = 0;
/// Some record has an error (or, for `explain`, the code is unknown).
pub const FOUND: u8 = 1;
/// Usage errors, unreadable paths, nothing checked, output that cannot be written.
pub const TROUBLE: u8 = 2;
/// Standard output was closed by its reader (`| head`): the run stops quietly, as ripgrep's
/// does, and the status does not depend on how far it got.
pub const CLOSED_OUTPUT: u8 = 0;

/// The status after writing to standard output: `ok` if it worked, [`CLOSED_OUTPUT`] if the
/// reader went away, [`TROUBLE`] (with a message) for any other write error.
pub fn after_write(result: io::Result<()>, ok: u8) -> u8 {
    match result {
        Ok(()) => ok,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => CLOSED_OUTPUT,
        Err(error) => {
            crate::escape::complain(format_args!("cannot write the results: {error}"));
            TROUBLE
        }
    }
}

/// Writes `bytes` to standard output and returns the status.
pub fn write_stdout(bytes: &[u8]) -> u8 {
    let mut out = io::stdout().lock();
    after_write(out.write_all(bytes).and_then(|()| out.flush()), CLEAN)
}
