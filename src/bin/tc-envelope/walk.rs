//! Directory walks as ripgrep does them (the `ignore` crate): sorted, each file once, no
//! symlink loops, no special files, hidden entries and what `.gitignore`, `.ignore` and
//! git's exclude files name left out unless asked.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use tencentcloud_envelope::capture::Layout;

/// What to take in a walk.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Walk hidden files and directories too (`--hidden`).
    pub hidden: bool,
    /// Take what ignore files name too (`--no-ignore`).
    pub no_ignore: bool,
}

/// One thing found in a walk.
pub enum Found {
    /// A capture file to read, with its layout.
    File(PathBuf, Layout),
    /// A path that could not be walked, or a special file that is not read.
    Problem(PathBuf, String),
}

/// The capture files under `dir` (`.json`, `.jsonl`, `.ndjson`, `.har`, `.sse`), in sorted
/// order, given one at a time to `found`; it returns false to stop.
pub fn walk(dir: &Path, options: WalkOptions, found: &mut dyn FnMut(Found) -> bool) {
    let walker = WalkBuilder::new(dir)
        .hidden(!options.hidden)
        .ignore(!options.no_ignore)
        .git_ignore(!options.no_ignore)
        .git_global(!options.no_ignore)
        .git_exclude(!options.no_ignore)
        .parents(!options.no_ignore)
        // Outside a git repository too: `check .` in a fresh checkout skips `target/`.
        .require_git(false)
        // Links are followed, and a link back up the tree is reported as a loop, once.
        .follow_links(true)
        .sort_by_file_path(Path::cmp)
        .build();
    let mut seen = SeenFiles::default();
    for entry in walker {
        let item = match entry {
            Ok(entry) => {
                let Some(file_type) = entry.file_type() else {
                    continue;
                };
                let path = entry.into_path();
                let Some(layout) = Layout::of(&path) else {
                    continue;
                };
                if file_type.is_dir() {
                    continue;
                }
                if !file_type.is_file() {
                    Found::Problem(
                        path,
                        "not a regular file (a FIFO, socket or device); not read".to_owned(),
                    )
                } else if seen.first_time(&path) {
                    Found::File(path, layout)
                } else {
                    continue;
                }
            }
            Err(error) => {
                if is_loop(&error) {
                    // A link back to a directory already walked: its files are checked once.
                    continue;
                }
                let path = error_path(&error).unwrap_or(dir).to_path_buf();
                Found::Problem(path, error.to_string())
            }
        };
        if !found(item) {
            return;
        }
    }
}

fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => is_loop(err),
        _ => false,
    }
}

fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// The files already taken, by device and inode, so that two links to one file (or a file
/// reached through a linked directory) are read once.
#[derive(Default)]
struct SeenFiles {
    #[cfg(unix)]
    ids: std::collections::HashSet<(u64, u64)>,
}

impl SeenFiles {
    #[cfg(unix)]
    fn first_time(&mut self, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match std::fs::metadata(path) {
            Ok(metadata) => self.ids.insert((metadata.dev(), metadata.ino())),
            Err(_) => true,
        }
    }

    #[cfg(not(unix))]
    fn first_time(&mut self, _path: &Path) -> bool {
        true
    }
}
