//! One whole HTTP response classified: a success, the service's error, or a body that is
//! not an envelope, as plain objects told apart by `kind`.

use js_sys::{Array, Object};
use serde::Serialize;
use tencentcloud_envelope::{self as envelope, Category, Diagnostic, RetryAdvice, Rule};
use wasm_bindgen::{JsCast, JsValue};

use crate::input::type_error;

/// What `classify` returns.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Verdict<'a> {
    Success {
        status: u16,
        request_id: &'a str,
        /// `body`, or `header` when `X-TC-RequestId` gave it.
        request_id_source: &'static str,
        deprecated_warning: Option<&'a str>,
        /// The tolerated findings.
        findings: &'a [Diagnostic],
    },
    ServiceError {
        status: u16,
        code: &'a str,
        message: &'a str,
        request_id: &'a str,
        category: Option<Category>,
        retry_advice: RetryAdvice,
        retryable: bool,
        deprecated_warning: Option<&'a str>,
        /// The tolerated findings.
        findings: &'a [Diagnostic],
    },
    ProtocolError {
        status: u16,
        content_type: Option<&'a str>,
        request_id: Option<&'a str>,
        rule: Rule,
        message: &'a str,
        excerpt: &'a str,
        retry_advice: RetryAdvice,
        retryable: bool,
    },
}

/// Headers as bytes, in their order.
pub type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

const HEADERS: &str = "headers must be an array of [name, value] pairs, an iterable of them (a Headers or a Map), or an object of strings or arrays of strings";

/// A header name or value: a string.
fn part(value: &JsValue) -> Result<Vec<u8>, JsValue> {
    value
        .as_string()
        .map(String::into_bytes)
        .ok_or_else(|| type_error(HEADERS))
}

/// One `[name, value]` pair.
fn pair(item: &JsValue) -> Result<(Vec<u8>, Vec<u8>), JsValue> {
    let pair = item.dyn_ref::<Array>().ok_or_else(|| type_error(HEADERS))?;
    if pair.length() != 2 {
        return Err(type_error(HEADERS));
    }
    Ok((part(&pair.get(0))?, part(&pair.get(1))?))
}

/// Headers as pairs, in their order: from pairs, an iterable of pairs (`Headers`, `Map`), or
/// an object whose values are strings or arrays of strings (Node.js's `IncomingHttpHeaders`,
/// node-fetch's `headers.raw()`), where an array is one header per value.
pub fn headers(value: &JsValue) -> Result<Pairs, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !value.is_object() {
        return Err(type_error(HEADERS));
    }
    if let Some(items) = js_sys::try_iter(value)? {
        return items.map(|item| pair(&item?)).collect();
    }
    let mut pairs = Vec::new();
    for entry in Object::entries(value.unchecked_ref()).iter() {
        let entry: Array = entry.unchecked_into();
        let name = part(&entry.get(0))?;
        let value = entry.get(1);
        if value.is_undefined() {
            continue;
        }
        if let Some(values) = value.dyn_ref::<Array>() {
            for value in values.iter() {
                pairs.push((name.clone(), part(&value)?));
            }
        } else {
            pairs.push((name, part(&value)?));
        }
    }
    Ok(pairs)
}

/// The library's `classify` on a whole response, as a plain object.
pub fn classify(
    status: u16,
    headers: &[(Vec<u8>, Vec<u8>)],
    body: &[u8],
) -> Result<JsValue, JsValue> {
    let pairs = headers.iter().map(|(name, value)| (&name[..], &value[..]));
    match envelope::classify(status, pairs, body) {
        envelope::Classified::Success(success) => {
            let envelope = success.envelope();
            crate::input::to_js(&Verdict::Success {
                status: success.status(),
                request_id: envelope.request_id(),
                request_id_source: match success.request_id_source() {
                    envelope::RequestIdSource::Body => "body",
                    envelope::RequestIdSource::Header => "header",
                },
                deprecated_warning: envelope.deprecated_warning(),
                findings: envelope.findings(),
            })
        }
        envelope::Classified::ServiceError(error) => {
            crate::input::to_js(&Verdict::ServiceError {
                // `classify` always knows the status.
                status: error.status().unwrap_or(status),
                code: error.code().as_str(),
                message: error.message(),
                request_id: error.request_id(),
                category: error.category(),
                retry_advice: error.retry_advice(),
                retryable: error.is_retryable(),
                deprecated_warning: error.deprecated_warning(),
                findings: error.findings(),
            })
        }
        envelope::Classified::ProtocolError(problem) => {
            crate::input::to_js(&Verdict::ProtocolError {
                status: problem.status(),
                content_type: problem.content_type(),
                request_id: problem.request_id(),
                rule: problem.rule(),
                message: problem.message(),
                excerpt: problem.excerpt(),
                retry_advice: problem.retry_advice(),
                retryable: problem.is_retryable(),
            })
        }
    }
}
