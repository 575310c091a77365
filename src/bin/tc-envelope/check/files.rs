//! Directory walks as ripgrep does them (the `ignore` crate): sorted, each file once, no
//! symlink loops, no special files, hidden entries and what `.gitignore`, `.ignore` and
//! git's exclude files name left out unless asked, and counted (but hidden ones).

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
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

/// What a walk left out, by why (hidden paths are not counted: `.git` is in every checkout).
#[derive(Debug, Default, Clone, Copy)]
pub struct PassedOver {
    /// Files that are not captures by their extension.
    pub not_captures: u64,
    /// Capture files that ignore files name.
    pub ignored_files: u64,
    /// Directories that ignore files name, not walked (so what they hold is not counted).
    pub ignored_dirs: u64,
}

impl PassedOver {
    pub fn add(&mut self, other: PassedOver) {
        self.not_captures += other.not_captures;
        self.ignored_files += other.ignored_files;
        self.ignored_dirs += other.ignored_dirs;
    }
}

/// The capture files under `dir` (`.json`, `.jsonl`, `.ndjson`, `.har`, `.sse`), in sorted
/// order, given one at a time to `found`; it returns false to stop. Returns what it left
/// out (counted in full only if it was not stopped).
pub fn walk(dir: &Path, options: WalkOptions, found: &mut dyn FnMut(Found) -> bool) -> PassedOver {
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
    let mut unmet = Unmet::default();
    let mut passed = PassedOver::default();
    for entry in walker {
        let item = match entry {
            Ok(entry) => {
                let Some(file_type) = entry.file_type() else {
                    continue;
                };
                let path = entry.into_path();
                unmet.met(&path);
                if file_type.is_dir() {
                    if !options.no_ignore {
                        unmet.list(&path);
                    }
                    continue;
                }
                let Some(layout) = Layout::of(&path) else {
                    passed.not_captures += 1;
                    continue;
                };
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
                if let Some(path) = error_path(&error) {
                    unmet.met(path);
                }
                if is_loop(&error) {
                    // A link back to a directory already walked: its files are checked once.
                    continue;
                }
                let path = error_path(&error).unwrap_or(dir).to_path_buf();
                Found::Problem(path, error.to_string())
            }
        };
        if !found(item) {
            return passed;
        }
    }
    unmet.count_ignored(options, &mut passed);
    passed
}

/// The entries of the directories walked that the walk has not yielded yet: at its end,
/// those it left out, hidden or named by ignore files. The `ignore` crate does not say
/// what it leaves out; each directory is listed once more to find out.
#[derive(Default)]
struct Unmet {
    by_dir: HashMap<PathBuf, HashSet<OsString>>,
}

impl Unmet {
    /// Lists the entries of `dir`, a directory the walk yielded.
    fn list(&mut self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let names: HashSet<OsString> = entries.flatten().map(|entry| entry.file_name()).collect();
        if !names.is_empty() {
            self.by_dir.insert(dir.to_path_buf(), names);
        }
    }

    /// `path` was yielded (as an entry or as an error).
    fn met(&mut self, path: &Path) {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return;
        };
        if let Some(names) = self.by_dir.get_mut(parent) {
            names.remove(name);
            if names.is_empty() {
                self.by_dir.remove(parent);
            }
        }
    }

    /// Counts what was left out but hidden paths: directories, and capture files.
    fn count_ignored(self, options: WalkOptions, passed: &mut PassedOver) {
        for (dir, names) in self.by_dir {
            for name in names {
                if !options.hidden && name.as_encoded_bytes().starts_with(b".") {
                    continue;
                }
                let path = dir.join(&name);
                if path.is_dir() {
                    passed.ignored_dirs += 1;
                } else if Layout::of(&path).is_some() {
                    passed.ignored_files += 1;
                }
            }
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
