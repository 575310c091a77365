//! Many bodies in one call: the GIL released, the bodies spread over threads.

use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use tencentcloud_envelope as envelope;

use crate::report::Report;
use crate::{Body, configured};

/// How many bodies a thread takes at a time: enough to make the shared counter cheap, few
/// enough that one thread left with large bodies does not hold up the others for long.
const BLOCK: usize = 16;

/// A per-body column (services, versions, actions): absent, one value for every body, or a
/// value (or `None`) for each body.
enum Column {
    Absent,
    One(String),
    Each(Vec<Option<String>>),
}

impl Column {
    fn extract(value: Option<&Bound<'_, PyAny>>, len: usize, name: &str) -> PyResult<Self> {
        let Some(value) = value.filter(|v| !v.is_none()) else {
            return Ok(Column::Absent);
        };
        if let Ok(text) = value.cast::<PyString>() {
            return Ok(Column::One(text.to_cow()?.into_owned()));
        }
        let each: Vec<Option<String>> = value.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "{name} must be None, a str, or a sequence of str or None, one per body"
            ))
        })?;
        if each.len() != len {
            return Err(PyValueError::new_err(format!(
                "{name} has {} values for {len} bodies",
                each.len()
            )));
        }
        Ok(Column::Each(each))
    }

    fn get(&self, index: usize) -> Option<&str> {
        match self {
            Column::Absent => None,
            Column::One(value) => Some(value),
            Column::Each(values) => values.get(index).and_then(Option::as_deref),
        }
    }
}

/// The options every batch function takes, besides the bodies.
struct Batch<'a, 'py> {
    services: Option<&'a Bound<'py, PyAny>>,
    versions: Option<&'a Bound<'py, PyAny>>,
    actions: Option<&'a Bound<'py, PyAny>>,
    threads: Option<usize>,
    validator: envelope::Validator,
}

/// The number of threads to use: as asked, but no more than the cores (the work is all CPU:
/// more threads only wait their turn, and a machine may not start as many as asked).
fn thread_count(asked: Option<usize>, bodies: usize) -> PyResult<usize> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = match asked {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(threads) => threads.min(cores),
        None => cores,
    };
    Ok(threads.min(bodies.div_ceil(BLOCK)).max(1))
}

/// Checks every body of `bodies` with the GIL released; the reports in the bodies' order.
fn run(
    py: Python<'_>,
    bodies: &Bound<'_, PyAny>,
    batch: Batch<'_, '_>,
) -> PyResult<Vec<envelope::Report>> {
    let items: Vec<Bound<'_, PyAny>> = bodies
        .try_iter()
        .map_err(|_| PyTypeError::new_err("bodies must be an iterable of bytes or str"))?
        .collect::<PyResult<_>>()?;
    let bodies: Vec<Body<'_>> = items.iter().map(Body::extract).collect::<PyResult<_>>()?;
    let len = bodies.len();
    let services = Column::extract(batch.services, len, "services")?;
    let versions = Column::extract(batch.versions, len, "versions")?;
    let actions = Column::extract(batch.actions, len, "actions")?;
    // A version or an action without a service is the misuse `validate` refuses, row by row.
    let calls: Vec<envelope::Call<'_>> = (0..len)
        .map(|i| {
            envelope::Call::from_parts(services.get(i), versions.get(i), actions.get(i))
                .map_err(|why| PyValueError::new_err(format!("body {i}: {why}")))
        })
        .collect::<PyResult<_>>()?;
    let threads = thread_count(batch.threads, len)?;
    // Each body alone, as `validate` checks it: repeats across the batch are the caller's
    // to find (a group-by over request ids sees the whole data set, a batch does not).
    let validator = batch.validator.request_id_memory(0);
    let rows: Vec<(Body<'_>, envelope::Call<'_>)> = bodies.into_iter().zip(calls).collect();
    py.detach(|| {
        spread(
            &rows,
            threads,
            || validator.clone(),
            |validator, (body, call)| validator.validate_call(body, *call),
        )
    })
    .map_err(|error| {
        PyRuntimeError::new_err(format!(
            "could not start {threads} threads to check the bodies: {error}"
        ))
    })
}

/// Runs `work` on every item, spread over `threads` threads that take `BLOCK` items at a time,
/// each thread with its own `state`; the results in the items' order.
///
/// A panic in `work` carries on in the caller's thread whatever the number of threads, so
/// Python sees the same `PanicException` from one thread as from several.
///
/// # Errors
/// When a thread cannot be started: those started stop after the block they are on.
fn spread<T: Sync, S, R: Send>(
    items: &[T],
    threads: usize,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &T) -> R + Sync,
) -> std::io::Result<Vec<R>> {
    let blocks: Vec<&[T]> = items.chunks(BLOCK).collect();
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut state = state();
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(block) = blocks.get(index) else {
                break done;
            };
            done.push((
                index,
                block.iter().map(|item| work(&mut state, item)).collect(),
            ));
        }
    };
    let parts: Vec<Vec<(usize, Vec<R>)>> = if threads == 1 {
        vec![worker()]
    } else {
        std::thread::scope(|scope| {
            let mut handles = Vec::with_capacity(threads);
            let mut failed = None;
            for _ in 0..threads {
                match std::thread::Builder::new().spawn_scoped(scope, worker) {
                    Ok(handle) => handles.push(handle),
                    Err(error) => {
                        // No block is left for the threads already started.
                        next.store(blocks.len(), Ordering::Relaxed);
                        failed = Some(error);
                        break;
                    }
                }
            }
            let parts = handles
                .into_iter()
                .map(std::thread::ScopedJoinHandle::join)
                .collect::<Result<_, _>>()
                .unwrap_or_else(|payload| std::panic::resume_unwind(payload));
            failed.map_or(Ok(parts), Err)
        })?
    };
    // Every block was taken exactly once, by one thread or another.
    let mut results: Vec<(usize, Vec<R>)> = parts.into_iter().flatten().collect();
    results.sort_unstable_by_key(|&(index, _)| index);
    Ok(results.into_iter().flat_map(|(_, block)| block).collect())
}

/// Checks many bodies in one call, with the GIL released and the work spread over `threads`
/// threads (one per core by default, and never more than the cores; a thread that cannot be
/// started is a `RuntimeError`); the reports in the bodies' order. `services`,
/// `versions` and `actions` are each None, one str for every body, or one str or None per
/// body; a body without a service is checked on its envelope alone, and one with a version
/// or an action but no service is a `ValueError`, as in `validate`.
#[pyfunction]
#[pyo3(signature = (bodies, services=None, versions=None, actions=None, *, threads=None, deny_warnings=false, allow=None, warn=None, deny=None))]
#[allow(clippy::too_many_arguments, reason = "Python keyword arguments")]
pub(crate) fn validate_many(
    py: Python<'_>,
    bodies: &Bound<'_, PyAny>,
    services: Option<&Bound<'_, PyAny>>,
    versions: Option<&Bound<'_, PyAny>>,
    actions: Option<&Bound<'_, PyAny>>,
    threads: Option<usize>,
    deny_warnings: bool,
    allow: Option<Vec<String>>,
    warn: Option<Vec<String>>,
    deny: Option<Vec<String>>,
) -> PyResult<Vec<Report>> {
    let batch = Batch {
        services,
        versions,
        actions,
        threads,
        validator: configured(deny_warnings, allow, warn, deny, None, None)?,
    };
    Ok(run(py, bodies, batch)?.iter().map(Report::from).collect())
}

/// `validate_many` as columns, for Arrow and pandas: a dict of equally long lists `outcome`,
/// `request_id`, `code` and `rules` (each a list of rule ids).
#[pyfunction]
#[pyo3(signature = (bodies, services=None, versions=None, actions=None, *, threads=None, deny_warnings=false, allow=None, warn=None, deny=None))]
#[allow(clippy::too_many_arguments, reason = "Python keyword arguments")]
pub(crate) fn validate_columns<'py>(
    py: Python<'py>,
    bodies: &Bound<'py, PyAny>,
    services: Option<&Bound<'py, PyAny>>,
    versions: Option<&Bound<'py, PyAny>>,
    actions: Option<&Bound<'py, PyAny>>,
    threads: Option<usize>,
    deny_warnings: bool,
    allow: Option<Vec<String>>,
    warn: Option<Vec<String>>,
    deny: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyDict>> {
    let batch = Batch {
        services,
        versions,
        actions,
        threads,
        validator: configured(deny_warnings, allow, warn, deny, None, None)?,
    };
    let reports = run(py, bodies, batch)?;
    let columns = PyDict::new(py);
    columns.set_item(
        "outcome",
        PyList::new(py, reports.iter().map(|r| r.outcome().as_str()))?,
    )?;
    columns.set_item(
        "request_id",
        PyList::new(py, reports.iter().map(envelope::Report::request_id))?,
    )?;
    columns.set_item(
        "code",
        PyList::new(py, reports.iter().map(envelope::Report::code))?,
    )?;
    let rules = reports
        .iter()
        .map(|r| PyList::new(py, r.diagnostics().iter().map(|d| d.rule().as_str())))
        .collect::<PyResult<Vec<_>>>()?;
    columns.set_item("rules", PyList::new(py, rules)?)?;
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::spread;

    #[test]
    fn results_come_in_the_items_order_whatever_the_thread_count() {
        let items: Vec<usize> = (0..100).collect();
        for threads in [1, 2, 7] {
            let squares = spread(&items, threads, || (), |(), &item| item * item).unwrap();
            let expected: Vec<_> = (0..100).map(|item| item * item).collect();
            assert_eq!(squares, expected, "{threads} threads");
        }
    }

    /// Regression: with one thread a panic reached Python as `PanicException`, with several
    /// as a `RuntimeError` that said only that a worker failed.
    #[test]
    fn a_panic_in_work_reaches_the_caller_whatever_the_thread_count() {
        let items: Vec<usize> = (0..100).collect();
        for threads in [1, 3] {
            let caught = std::panic::catch_unwind(|| {
                spread(
                    &items,
                    threads,
                    || (),
                    |(), &item| {
                        assert!(item != 70, "body 70");
                        item
                    },
                )
            });
            let payload = caught.expect_err("the panic is passed on");
            assert_eq!(
                payload.downcast_ref::<&str>(),
                Some(&"body 70"),
                "{threads} threads"
            );
        }
    }
}
