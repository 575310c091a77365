//! `check` on several threads: a bounded pipeline of batches whose output is the one-thread
//! output, byte for byte.
//!
//! ```text
//! reader thread ──batches──▶ N validating threads ──▶ this thread: reorder, ids, print
//!      ▲                                                       │
//!      └──────────────── emptied batches ◀──────────────────────┘
//! ```
//!
//! - **Order**: batches carry sequence numbers; this thread prints batch `n` only after
//!   `n - 1`, so records come out in input order, and the summary counts them in that order.
//! - **Memory**: a fixed number of batches exists, recycled from the printer back to the
//!   reader; a batch closes at [`BATCH_RECORDS`] records or [`BATCH_BYTES`] bytes, and a
//!   record is at most `--max-record-size`. A batch larger than [`LARGE_BATCH`] (one holding a
//!   large record) travels only with one of [`LARGE_BATCHES`] tokens, taken before the record
//!   is copied in, so large records do not multiply with the thread count; its buffers are
//!   given back once it is printed.
//! - **Failure**: a validating thread that panics (a bug) hands the panic to this thread,
//!   which carries it on, as one thread would; a reader that panics is carried on too once
//!   the records before are printed. Nothing waits forever for a batch that will not come.
//! - **Duplicate request ids** need the order of the whole run. The validating threads keep
//!   no request ids; this thread remembers them in input order (a [`RequestIdMemory`] of the
//!   same budget, the validator's own kind of memory), and a record whose id is a repeat is
//!   checked once more, by a validator that has just seen it: its report is then the
//!   library's own, `duplicate-request-id` finding and all.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::ops::{ControlFlow, Range};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use tencentcloud_envelope::capture::{Body, Exchange, Flow, Origin, Problem, Record, Sink, Skip};
use tencentcloud_envelope::{Report, RequestIdMemory};

use super::emit::{Output, shown_name};
use super::inputs::{ReadAll, read_all};
use super::settings::Inputs;
use super::verdict::{Judge, count_blank_lines, count_skipped, looks_like_json_lines};
use crate::render::{Shown, render_json};

/// A batch closes at this many records...
const BATCH_RECORDS: usize = 256;
/// ...or once its records hold this many bytes.
const BATCH_BYTES: usize = 64 << 10;
/// A batch holding more bytes than this holds a large record...
const LARGE_BATCH: usize = 4 * BATCH_BYTES;
/// ...and at most this many such batches are in flight at once.
const LARGE_BATCHES: usize = 2;

/// Runs the check of `inputs` over `threads` validating threads, each with a clone of
/// `judge`, printing into `output`; returns what reading left to say, and how many of the
/// `request_id_memory` request ids remembered were forgotten.
pub fn run<W: Write>(
    inputs: &Inputs,
    judge: &Judge<'_>,
    request_id_memory: usize,
    threads: usize,
    output: &mut Output<W>,
) -> (ReadAll, u64) {
    output.printer.flush_by_batch();
    let render_ahead = output.printer.prints_json();
    // Two batches a thread in flight besides the one being filled and the one printed.
    let in_flight = 2 * threads + 2;
    let (free_tx, free_rx) = sync_channel::<Batch>(in_flight);
    for _ in 0..in_flight {
        let _ = free_tx.send(Batch::default());
    }
    let (jobs_tx, jobs_rx) = sync_channel::<Batch>(in_flight);
    let jobs_rx = Arc::new(Mutex::new(jobs_rx));
    let (done_tx, done_rx) = sync_channel::<Batch>(in_flight);
    let (large_tx, large_rx) = sync_channel::<()>(LARGE_BATCHES);
    for _ in 0..LARGE_BATCHES {
        let _ = large_tx.send(());
    }
    let stop = AtomicBool::new(false);
    let mut ids = RequestIdMemory::new(request_id_memory);
    let mut oracle = judge.with_memory(1);
    std::thread::scope(|scope| {
        let stop = &stop;
        let reader = scope.spawn(move || {
            let mut batcher = Batcher {
                batch: None,
                next_seq: 0,
                free: free_rx,
                large: large_rx,
                jobs: jobs_tx,
                stop,
                judge: judge.with_memory(0),
                skipped: Vec::new(),
                blank_lines: 0,
            };
            let read = read_all(inputs, &mut batcher);
            batcher.send();
            (read, batcher.skipped, batcher.blank_lines)
        });
        for _ in 0..threads {
            let jobs = Arc::clone(&jobs_rx);
            let done = done_tx.clone();
            let mut judge = judge.with_memory(0);
            scope.spawn(move || {
                loop {
                    let next = jobs.lock().map(|jobs| jobs.recv());
                    let Ok(Ok(mut batch)) = next else { break };
                    let checked = panic::catch_unwind(AssertUnwindSafe(|| {
                        batch.check(&mut judge);
                        if render_ahead {
                            batch.render();
                        }
                    }));
                    batch.panic = checked.err();
                    if done.send(batch).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        drop(jobs_rx);
        // Print in sequence order, holding batches that arrive early.
        let mut early: BTreeMap<u64, Batch> = BTreeMap::new();
        let mut next = 0;
        'print: for mut batch in &done_rx {
            if let Some(failure) = batch.panic.take() {
                panic::resume_unwind(failure);
            }
            early.insert(batch.seq, batch);
            while let Some(mut batch) = early.remove(&next) {
                next += 1;
                if !batch.print(output, &mut ids, &mut oracle) {
                    stop.store(true, Ordering::Relaxed);
                    break 'print;
                }
                output.printer.flush();
                if std::mem::take(&mut batch.large) {
                    let _ = large_tx.send(());
                }
                batch.clear();
                // Once the reader is done, nobody takes batches back: they are dropped.
                let _ = free_tx.send(batch);
            }
        }
        // Unblock the reader and the validating threads if printing stopped early.
        stop.store(true, Ordering::Relaxed);
        drop(free_tx);
        drop(large_tx);
        drop(done_rx);
        let (read, skipped, blank_lines) = reader
            .join()
            .unwrap_or_else(|failure| panic::resume_unwind(failure));
        for (reason, count) in skipped {
            count_skipped(&mut output.summary, reason, count);
        }
        count_blank_lines(&mut output.summary, blank_lines);
        (read, ids.forgotten())
    })
}

/// Records read and not yet printed, in input order, with their bytes in one buffer.
#[derive(Default)]
struct Batch {
    seq: u64,
    bytes: Vec<u8>,
    records: Vec<Held>,
    reports: Vec<Report>,
    /// The records' JSON forms, rendered by the validating thread, one range each.
    rendered: Vec<u8>,
    rendered_at: Vec<Range<usize>>,
    /// Whether it travels with one of the [`LARGE_BATCHES`] tokens.
    large: bool,
    /// The panic of the validating thread that checked it, if it failed.
    panic: Option<Box<dyn Any + Send>>,
}

/// A record held in a batch: its bytes are ranges of the batch's buffer.
struct Held {
    origin: Origin,
    exchange: Exchange,
    /// The excerpt's text, and where in it the body starts, as [`Excerpt`](tencentcloud_envelope::capture::Excerpt).
    text: Range<usize>,
    line: usize,
    body_at: usize,
    column_shift: usize,
    body: HeldBody,
    /// Set when checked.
    looks_like_json_lines: bool,
}

enum HeldBody {
    Bytes(Range<usize>),
    EventStream {
        bytes: Range<usize>,
        request_id: Option<String>,
    },
    Unreadable(Problem),
    /// Checked while it was read (an event-stream file, checked as it streams).
    Checked(Option<Report>),
}

impl Batch {
    /// Empties the batch for reuse, giving back the room a large record took.
    fn clear(&mut self) {
        self.bytes.clear();
        self.bytes.shrink_to(LARGE_BATCH);
        self.records.clear();
        self.reports.clear();
        self.rendered.clear();
        self.rendered.shrink_to(LARGE_BATCH);
        self.rendered_at.clear();
    }

    /// Renders every record's JSON form, as the printer would.
    fn render(&mut self) {
        let mut source = String::new();
        for (held, report) in self.records.iter().zip(&self.reports) {
            source.clear();
            let _ = write!(source, "{}", held.origin);
            let start = self.rendered.len();
            render_json(
                &mut self.rendered,
                &source,
                &held.exchange,
                report,
                held.looks_like_json_lines,
            );
            self.rendered_at.push(start..self.rendered.len());
        }
    }

    fn is_full(&self) -> bool {
        self.records.len() >= BATCH_RECORDS || self.bytes.len() >= BATCH_BYTES
    }

    /// Copies `slice` into the buffer, returning where it is; a slice inside `within` (a
    /// body in its excerpt) is found there instead of copied again.
    fn hold(&mut self, slice: &[u8], within: Option<(&[u8], Range<usize>)>) -> Range<usize> {
        if let Some((outer, at)) = within
            && let Some(start) = offset_in(outer, slice)
        {
            return at.start + start..at.start + start + slice.len();
        }
        let start = self.bytes.len();
        self.bytes.extend_from_slice(slice);
        start..self.bytes.len()
    }

    /// Validates every record not yet checked.
    fn check(&mut self, judge: &mut Judge<'_>) {
        let bytes = &self.bytes;
        self.reports.extend(self.records.iter_mut().map(|held| {
            let slice = |range: &Range<usize>| bytes.get(range.clone()).unwrap_or_default();
            match &mut held.body {
                HeldBody::Bytes(body) => {
                    let report = judge.bytes(&held.exchange, slice(body));
                    held.looks_like_json_lines =
                        looks_like_json_lines(&held.origin, slice(body), &report);
                    report
                }
                HeldBody::EventStream { bytes, request_id } => {
                    judge.event_stream(slice(bytes), request_id.as_deref())
                }
                HeldBody::Unreadable(problem) => judge.unreadable(problem),
                HeldBody::Checked(report) => report
                    .take()
                    .unwrap_or_else(|| judge.unreadable(&Problem::from("checked twice"))),
            }
        }));
    }

    /// Prints every record in order, after the run's duplicate check; false once output is
    /// closed.
    fn print<W: Write>(
        &mut self,
        output: &mut Output<W>,
        ids: &mut RequestIdMemory,
        oracle: &mut Judge<'_>,
    ) -> bool {
        let mut source = String::new();
        let mut rendered = self.rendered_at.iter();
        for (held, report) in self.records.iter().zip(self.reports.iter_mut()) {
            let mut json = rendered
                .next()
                .and_then(|range| self.rendered.get(range.clone()));
            if let HeldBody::Bytes(body) = &held.body
                && let Some(id) = report.request_id().filter(|id| !id.is_empty())
                && !ids.insert(id)
            {
                // The library's own report on a repeat: a validator that has just
                // seen the same body checks it again.
                let body = self.bytes.get(body.clone()).unwrap_or_default();
                let _ = oracle.bytes(&held.exchange, body);
                *report = oracle.bytes(&held.exchange, body);
                oracle.validator.reset();
                json = None;
            }
            source.clear();
            if json.is_none() {
                // A record rendered ahead needs no source: its JSON form holds it.
                let _ = write!(source, "{}", held.origin);
            }
            let name = shown_name(&held.origin, &source);
            let mut excerpt = tencentcloud_envelope::capture::Excerpt::plain(
                held.line,
                self.bytes.get(held.text.clone()).unwrap_or_default(),
            );
            excerpt.body_at = held.body_at;
            excerpt.column_shift = held.column_shift;
            let shown = Shown {
                source: &source,
                name,
                excerpt,
                exchange: &held.exchange,
                looks_like_json_lines: held.looks_like_json_lines,
            };
            if !output.emit(&shown, report, json) {
                return false;
            }
        }
        true
    }
}

/// Where `slice` starts in `outer`, if it lies inside it.
fn offset_in(outer: &[u8], slice: &[u8]) -> Option<usize> {
    let start = (slice.as_ptr() as usize).checked_sub(outer.as_ptr() as usize)?;
    (start <= outer.len() && slice.len() <= outer.len() - start).then_some(start)
}

/// The reading thread's sink: fills batches and hands them to the validating threads.
struct Batcher<'s> {
    batch: Option<Batch>,
    next_seq: u64,
    free: Receiver<Batch>,
    /// Tokens for batches larger than [`LARGE_BATCH`].
    large: Receiver<()>,
    jobs: SyncSender<Batch>,
    stop: &'s AtomicBool,
    /// Checks event-stream files as they stream, here.
    judge: Judge<'s>,
    /// Skipped HAR entries by reason, in the order reasons first came.
    skipped: Vec<(Skip, u64)>,
    blank_lines: u64,
}

impl Batcher<'_> {
    /// Sends the batch being filled, if it holds anything.
    fn send(&mut self) -> bool {
        match self.batch.take() {
            Some(mut batch) if !batch.records.is_empty() => {
                if batch.bytes.len() > LARGE_BATCH && !batch.large {
                    if self.large.recv().is_err() {
                        return false;
                    }
                    batch.large = true;
                }
                self.jobs.send(batch).is_ok()
            }
            Some(batch) => {
                self.batch = Some(batch);
                true
            }
            None => true,
        }
    }
}

impl Sink for Batcher<'_> {
    fn record(&mut self, record: Record<'_>) -> Flow {
        if self.stop.load(Ordering::Relaxed) {
            return ControlFlow::Break(());
        }
        let mut batch = match self.batch.take() {
            Some(batch) => batch,
            None => match self.free.recv() {
                Ok(mut batch) => {
                    batch.seq = self.next_seq;
                    self.next_seq += 1;
                    batch
                }
                Err(_) => return ControlFlow::Break(()),
            },
        };
        let Record {
            origin,
            body,
            exchange,
            excerpt,
            ..
        } = record;
        // A large record waits for its token before it is copied: the reader holds it
        // meanwhile, and only the batches with a token hold another copy.
        let copied = excerpt.text.len()
            + match &body {
                Body::Bytes(bytes) | Body::EventStream { bytes, .. } => {
                    offset_in(excerpt.text, bytes).map_or(bytes.len(), |_| 0)
                }
                _ => 0,
            };
        if !batch.large && batch.bytes.len() + copied > LARGE_BATCH {
            if self.large.recv().is_err() {
                return ControlFlow::Break(());
            }
            batch.large = true;
        }
        let text = batch.hold(excerpt.text, None);
        let within = Some((excerpt.text, text.clone()));
        let body = match body {
            Body::Bytes(bytes) => HeldBody::Bytes(batch.hold(bytes, within)),
            Body::EventStream { bytes, request_id } => HeldBody::EventStream {
                bytes: batch.hold(bytes, within),
                request_id: request_id.map(str::to_owned),
            },
            Body::EventStreamFrom(mut reader) => {
                HeldBody::Checked(Some(self.judge.stream_from(&mut *reader)))
            }
            Body::Unreadable(problem) => HeldBody::Unreadable(problem),
            _ => HeldBody::Checked(Some(self.judge.unknown_record())),
        };
        batch.records.push(Held {
            origin,
            exchange,
            text,
            line: excerpt.line,
            body_at: excerpt.body_at,
            column_shift: excerpt.column_shift,
            body,
            looks_like_json_lines: false,
        });
        let full = batch.is_full();
        self.batch = Some(batch);
        if full && !self.send() {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    }

    fn skip(&mut self, reason: Skip) {
        match self.skipped.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, count)) => *count += 1,
            None => self.skipped.push((reason, 1)),
        }
    }

    fn blank_line(&mut self) {
        self.blank_lines += 1;
    }
}
