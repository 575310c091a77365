//! Reading every path of the arguments: files, directories and standard input.

use std::io;
use std::ops::ControlFlow;
use std::path::Path;

use tencentcloud_envelope::capture::{self, Flow, Layout, Options, Sink};

use super::files::{self, Found, PassedOver};
use super::settings::Inputs;
use crate::summary::{Summary, Unit};

/// What reading every path left to say besides the records.
#[derive(Debug, Default)]
pub struct ReadAll {
    /// Some path could not be read (and standard error said so).
    pub unreadable: bool,
    /// What directory walks passed over.
    pub passed_over: PassedOver,
}

impl ReadAll {
    /// Counts what the walks passed over in `summary`.
    pub fn count_in(&self, summary: &mut Summary) {
        const NOT_CAPTURE: &str = "not a capture (.json, .jsonl, .ndjson, .har or .sse)";
        const IGNORED: &str =
            "named by .gitignore, .ignore or git's exclude files (--no-ignore takes them)";
        let passed = &self.passed_over;
        summary.skip(Unit::File, NOT_CAPTURE, passed.not_captures);
        summary.skip(Unit::File, IGNORED, passed.ignored_files);
        summary.skip(Unit::Directory, IGNORED, passed.ignored_dirs);
    }
}

/// Reads every path of the arguments into `sink`, saying on standard error which cannot be
/// read.
pub fn read_all(inputs: &Inputs, sink: &mut dyn Sink) -> ReadAll {
    let mut unreadable = false;
    let mut passed_over = PassedOver::default();
    let mut problem = |path: &Path, problem: &str| {
        unreadable = true;
        crate::escape::complain(format_args!("cannot read {}: {problem}", path.display()));
    };
    for path in &inputs.paths {
        let flow = read_path(inputs, path, sink, &mut passed_over, &mut problem);
        if flow.is_break() {
            break;
        }
    }
    ReadAll {
        unreadable,
        passed_over,
    }
}

fn read_path(
    inputs: &Inputs,
    path: &Path,
    sink: &mut dyn Sink,
    passed_over: &mut PassedOver,
    problem: &mut dyn FnMut(&Path, &str),
) -> Flow {
    let options = &inputs.options;
    if path == Path::new("-") {
        let stdin = io::BufReader::with_capacity(1 << 16, io::stdin().lock());
        return match capture::read("-", stdin, inputs.stdin, options, sink) {
            Ok(flow) => flow,
            Err(error) => {
                problem(path, &error.to_string());
                ControlFlow::Continue(())
            }
        };
    }
    if path.is_dir() {
        let mut flow = ControlFlow::Continue(());
        let passed = files::walk(path, inputs.walk, &mut |found| {
            match found {
                Found::File(file, layout) => {
                    flow = read_file(&file, layout, options, sink, problem);
                }
                Found::Problem(file, why) => problem(&file, &why),
            }
            flow.is_continue()
        });
        passed_over.add(passed);
        return flow;
    }
    let layout = Layout::of(path).unwrap_or(Layout::Document);
    read_file(path, layout, options, sink, problem)
}

fn read_file(
    path: &Path,
    layout: Layout,
    options: &Options,
    sink: &mut dyn Sink,
    problem: &mut dyn FnMut(&Path, &str),
) -> Flow {
    match capture::read_file(path, layout, options, sink) {
        Ok(flow) => flow,
        Err(unreadable) => {
            problem(unreadable.path(), &unreadable.io_error().to_string());
            ControlFlow::Continue(())
        }
    }
}
