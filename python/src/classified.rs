//! One HTTP response classified: a success, the service's error, or a body that is not an
//! envelope, each a Python class of its own with retry advice.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use tencentcloud_envelope as envelope;

use crate::Body;
use crate::report::Diagnostic;

/// A well-formed success envelope.
#[pyclass(module = "tencentcloud_envelope", frozen, get_all)]
#[derive(Debug, Clone)]
pub struct Success {
    /// The HTTP status.
    status: u16,
    /// The request id.
    request_id: String,
    /// `body` or `header` (`X-TC-RequestId`, used when the body has none).
    request_id_source: &'static str,
    /// `Response.DeprecatedWarning`, when the action is deprecated.
    deprecated_warning: Option<String>,
    /// The tolerated findings the body drew.
    findings: Vec<Diagnostic>,
}

/// The service reported a failure in `Response.Error`, whatever the HTTP status.
#[pyclass(module = "tencentcloud_envelope", frozen, get_all)]
#[derive(Debug, Clone)]
pub struct ServiceError {
    /// The HTTP status.
    status: u16,
    /// `Error.Code`.
    code: String,
    /// `Error.Message`.
    message: String,
    /// The request id.
    request_id: String,
    /// The code's category (`throttling`, ...), when known.
    category: Option<&'static str>,
    /// `retry`, `retry-if-idempotent`, `retry-later` or `do-not-retry`.
    retry_advice: &'static str,
    /// Whether sending the request again can succeed at all.
    is_retryable: bool,
    /// `Response.DeprecatedWarning`, when the action is deprecated.
    deprecated_warning: Option<String>,
    /// The tolerated findings the body drew.
    findings: Vec<Diagnostic>,
}

/// The body is not an envelope that can be trusted: a gateway's page, a cut-off body.
#[pyclass(module = "tencentcloud_envelope", frozen, get_all)]
#[derive(Debug, Clone)]
pub struct ProtocolError {
    /// The HTTP status.
    status: u16,
    /// The `Content-Type` header, as sent.
    content_type: Option<String>,
    /// The `X-TC-RequestId` header, or a request id the body held.
    request_id: Option<String>,
    /// The first envelope rule the body breaks.
    rule: &'static str,
    /// What is wrong with the body.
    message: String,
    /// The start of the body, lossily decoded.
    excerpt: String,
    /// The advice from the status: 429 and 503 `retry`, 502 and 504 `retry-if-idempotent`.
    retry_advice: &'static str,
    /// Whether sending the request again can help.
    is_retryable: bool,
}

#[pymethods]
impl Success {
    fn __repr__(&self) -> String {
        format!(
            "Success(status={}, request_id={:?}, findings={})",
            self.status,
            self.request_id,
            self.findings.len()
        )
    }
}

#[pymethods]
impl ServiceError {
    fn __repr__(&self) -> String {
        format!(
            "ServiceError(status={}, code={:?}, request_id={:?}, retry_advice={:?})",
            self.status, self.code, self.request_id, self.retry_advice
        )
    }
}

#[pymethods]
impl ProtocolError {
    fn __repr__(&self) -> String {
        format!(
            "ProtocolError(status={}, rule={:?}, message={:?})",
            self.status, self.rule, self.message
        )
    }
}

/// A header name or value: `str` or `bytes`.
fn header_part(part: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(text) = part.cast::<PyString>() {
        return Ok(text.to_cow()?.as_bytes().to_vec());
    }
    if let Ok(bytes) = part.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(
        "header names and values must be str or bytes",
    ))
}

/// Headers from a mapping (`dict`, `requests`' case-insensitive dict) or pairs.
fn headers(headers: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(Vec<u8>, Vec<u8>)>> {
    let Some(headers) = headers.filter(|h| !h.is_none()) else {
        return Ok(Vec::new());
    };
    let pairs = if headers.hasattr("items")? {
        headers.call_method0("items")?
    } else {
        headers.clone()
    };
    let message = "headers must be a mapping or an iterable of (name, value) pairs";
    pairs
        .try_iter()
        .map_err(|_| PyTypeError::new_err(message))?
        .map(|pair| {
            let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) =
                pair?.extract().map_err(|_| PyTypeError::new_err(message))?;
            Ok((header_part(&name)?, header_part(&value)?))
        })
        .collect()
}

/// Classifies a whole HTTP response (status, headers, body) into `Success`, `ServiceError`
/// or `ProtocolError`. Headers are a mapping or (name, value) pairs; names are matched
/// without regard to letter case.
#[pyfunction]
#[pyo3(signature = (status, headers, body))]
pub(crate) fn classify<'py>(
    py: Python<'py>,
    status: u16,
    headers: Option<&Bound<'py, PyAny>>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let headers = self::headers(headers)?;
    let body = Body::extract(body)?;
    let classified = envelope::classify(status, &headers, &body);
    Ok(match classified {
        envelope::Classified::Success(success) => {
            let envelope = success.envelope();
            Success {
                status: success.status(),
                request_id: envelope.request_id().to_owned(),
                request_id_source: match success.request_id_source() {
                    envelope::RequestIdSource::Body => "body",
                    envelope::RequestIdSource::Header => "header",
                },
                deprecated_warning: envelope.deprecated_warning().map(str::to_owned),
                findings: envelope.findings().iter().map(Diagnostic::from).collect(),
            }
            .into_pyobject(py)?
            .into_any()
        }
        envelope::Classified::ServiceError(error) => ServiceError {
            status,
            code: error.code().as_str().to_owned(),
            message: error.message().to_owned(),
            request_id: error.request_id().to_owned(),
            category: error.category().map(envelope::Category::as_str),
            retry_advice: error.retry_advice().as_str(),
            is_retryable: error.is_retryable(),
            deprecated_warning: error.deprecated_warning().map(str::to_owned),
            findings: error.findings().iter().map(Diagnostic::from).collect(),
        }
        .into_pyobject(py)?
        .into_any(),
        envelope::Classified::ProtocolError(problem) => ProtocolError {
            status: problem.status(),
            content_type: problem.content_type().map(str::to_owned),
            request_id: problem.request_id().map(str::to_owned),
            rule: problem.rule().as_str(),
            message: problem.message().to_owned(),
            excerpt: problem.excerpt().to_owned(),
            retry_advice: problem.retry_advice().as_str(),
            is_retryable: problem.is_retryable(),
        }
        .into_pyobject(py)?
        .into_any(),
    })
}
