//! The Python binding of `tencentcloud-envelope`: the native module
//! `tencentcloud_envelope._native`, wrapped by the Python package of the same name.
//!
//! Every answer is plain data (strings, integers, lists) in the field names of the tool's
//! JSON report, so that a Python report and a `tc-envelope check --format jsonl` record can be
//! compared member by member. Misuse (an unknown rule id, a batch whose columns differ in
//! length) is a Python `ValueError` or `TypeError`, never a panic.

mod batch;
mod classified;
mod codes;
mod host;
mod report;

use std::sync::{LockResult, Mutex, MutexGuard, PoisonError};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::MutexExt;
use pyo3::types::{PyByteArray, PyBytes, PyString};
use tencentcloud_envelope as envelope;

use batch::{validate_columns, validate_many};
use classified::{ProtocolError, ServiceError, Success, classify};
use codes::{
    Explanation, categories, common_codes, explain, outcomes, retry_advices, rules, severities,
};
use host::service_of_host;
use report::{Diagnostic, Report};

/// A body as Python hands it over: `bytes` borrowed as they are, `bytearray` copied (Python
/// code may change it meanwhile), `str` as UTF-8.
pub(crate) enum Body<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Body<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Body::Borrowed(bytes) => bytes,
            Body::Owned(bytes) => bytes,
        }
    }
}

/// Bodies at least this long are checked with the GIL released; shorter ones take less time
/// than releasing and taking it back.
const DETACH_FROM: usize = 64 * 1024;

impl<'a> Body<'a> {
    pub(crate) fn extract(body: &'a Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(bytes) = body.cast::<PyBytes>() {
            return Ok(Body::Borrowed(bytes.as_bytes()));
        }
        if let Ok(array) = body.cast::<PyByteArray>() {
            return Ok(Body::Owned(array.to_vec()));
        }
        if let Ok(text) = body.cast::<PyString>() {
            return Ok(Body::Owned(text.to_cow()?.as_bytes().to_vec()));
        }
        Err(PyTypeError::new_err(format!(
            "a response body must be bytes, bytearray or str, not {}",
            body.get_type().name()?
        )))
    }
}

/// The call a body answers: a version or an action without a service is a `ValueError`
/// (Python's caller gave it, so it is a mistake to say), with the library's reason.
pub(crate) fn call<'c>(
    service: Option<&'c str>,
    version: Option<&'c str>,
    action: Option<&'c str>,
) -> PyResult<envelope::Call<'c>> {
    envelope::Call::from_parts(service, version, action)
        .map_err(|why| PyValueError::new_err(why.to_string()))
}

/// Checks one response body against every rule of the envelope, and, with a `service` (and
/// optionally `version` and `action`), the payload against the product's API description.
#[pyfunction]
#[pyo3(signature = (body, service=None, version=None, action=None))]
pub(crate) fn validate(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    service: Option<&str>,
    version: Option<&str>,
    action: Option<&str>,
) -> PyResult<Report> {
    let bytes = Body::extract(body)?;
    let call = call(service, version, action)?;
    let run = || envelope::validate_call(&bytes, call);
    let report = if bytes.len() >= DETACH_FROM {
        py.detach(run)
    } else {
        run()
    };
    Ok(Report::from(&report))
}

/// Checks bodies one after another with the same options, remembering request ids across
/// them for `duplicate-request-id`.
///
/// Safe to share between Python threads: calls take turns on the validator behind a lock, so
/// each body is checked against the ids of the bodies checked before it. A thread waiting for
/// its turn does not hold the GIL, and a large body is checked without it.
#[pyclass(module = "tencentcloud_envelope", frozen)]
pub struct Validator {
    inner: Mutex<envelope::Validator>,
}

/// The validator behind `lock`. A panic while another call held it cannot leave it unsafe to
/// use (at worst one request id is not remembered), so a poisoned lock is taken over.
fn turn(
    lock: LockResult<MutexGuard<'_, envelope::Validator>>,
) -> MutexGuard<'_, envelope::Validator> {
    lock.unwrap_or_else(PoisonError::into_inner)
}

/// Parses rule ids (`missing-request-id`), naming the first unknown one.
pub(crate) fn parse_rules(ids: Option<Vec<String>>) -> PyResult<Vec<envelope::Rule>> {
    ids.unwrap_or_default()
        .iter()
        .map(|id| {
            id.parse::<envelope::Rule>()
                .map_err(|error| PyValueError::new_err(error.to_string()))
        })
        .collect()
}

/// Builds a validator from the options Python passes.
pub(crate) fn configured(
    deny_warnings: bool,
    allow: Option<Vec<String>>,
    warn: Option<Vec<String>>,
    deny: Option<Vec<String>>,
    nesting_limit: Option<usize>,
    max_findings: Option<usize>,
) -> PyResult<envelope::Validator> {
    let mut validator = envelope::Validator::new();
    if let Some(most) = max_findings {
        validator = validator.max_findings(most);
    }
    if let Some(levels) = nesting_limit {
        let limit = envelope::NestingLimit::try_from(levels)
            .map_err(|error| PyValueError::new_err(format!("nesting_limit: {error}")))?;
        validator = validator.nesting_limit(limit);
    }
    validator = validator.levels(parse_rules(allow)?, parse_rules(warn)?, parse_rules(deny)?);
    if deny_warnings {
        validator = validator.deny_warnings();
    }
    Ok(validator)
}

#[pymethods]
impl Validator {
    #[new]
    #[pyo3(signature = (*, deny_warnings=false, allow=None, warn=None, deny=None, nesting_limit=None, request_id_memory=None, max_findings=None))]
    #[allow(clippy::too_many_arguments, reason = "Python's keyword arguments")]
    fn new(
        deny_warnings: bool,
        allow: Option<Vec<String>>,
        warn: Option<Vec<String>>,
        deny: Option<Vec<String>>,
        nesting_limit: Option<usize>,
        request_id_memory: Option<usize>,
        max_findings: Option<usize>,
    ) -> PyResult<Self> {
        let mut inner = configured(
            deny_warnings,
            allow,
            warn,
            deny,
            nesting_limit,
            max_findings,
        )?;
        if let Some(ids) = request_id_memory {
            inner = inner.request_id_memory(ids);
        }
        Ok(Validator {
            inner: Mutex::new(inner),
        })
    }

    /// Checks one body; see the module function `validate`.
    #[pyo3(signature = (body, service=None, version=None, action=None))]
    fn validate(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        service: Option<&str>,
        version: Option<&str>,
        action: Option<&str>,
    ) -> PyResult<Report> {
        let bytes = Body::extract(body)?;
        let call = call(service, version, action)?;
        let report = if bytes.len() >= DETACH_FROM {
            py.detach(|| turn(self.inner.lock()).validate_call(&bytes, call))
        } else {
            turn(self.inner.lock_py_attached(py)).validate_call(&bytes, call)
        };
        Ok(Report::from(&report))
    }

    /// Forgets the request ids seen so far.
    fn reset(&self, py: Python<'_>) {
        turn(self.inner.lock_py_attached(py)).reset();
    }

    /// How many request ids were forgotten to stay within the memory budget.
    #[getter]
    fn forgotten_request_ids(&self, py: Python<'_>) -> u64 {
        turn(self.inner.lock_py_attached(py)).forgotten_request_ids()
    }
}

/// The native half of the `tencentcloud_envelope` package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(validate_columns, m)?)?;
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(common_codes, m)?)?;
    m.add_function(wrap_pyfunction!(categories, m)?)?;
    m.add_function(wrap_pyfunction!(retry_advices, m)?)?;
    m.add_function(wrap_pyfunction!(outcomes, m)?)?;
    m.add_function(wrap_pyfunction!(severities, m)?)?;
    m.add_function(wrap_pyfunction!(service_of_host, m)?)?;
    m.add_class::<Validator>()?;
    m.add_class::<Report>()?;
    m.add_class::<Diagnostic>()?;
    m.add_class::<report::Omitted>()?;
    m.add_class::<Success>()?;
    m.add_class::<ServiceError>()?;
    m.add_class::<ProtocolError>()?;
    m.add_class::<Explanation>()?;
    Ok(())
}
