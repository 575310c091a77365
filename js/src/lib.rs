//! The WebAssembly binding of `tencentcloud-envelope`, for Node.js and the browser: the npm
//! package `tencentcloud-envelope` in this folder.
//!
//! Every answer is computed here and handed to JavaScript as a plain object in the field
//! names of the tool's JSON report (through one `JSON.parse`), so that a JavaScript report
//! and a `tc-envelope check --format jsonl` record can be compared member by member. Misuse
//! (a body of the wrong type, an unknown rule id, a version without a service) is a
//! `TypeError` or a `RangeError`, never a panic.

mod capture;
mod classify;
mod codes;
mod input;
mod snippet;

use tencentcloud_envelope as envelope;
use wasm_bindgen::prelude::*;

use input::{CallSpec, Options, range_error, to_js, type_error};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

// The options objects, by their TypeScript names: an `Option` of one is an optional argument.
#[wasm_bindgen]
extern "C" {
    /// `{service, version, action}`.
    #[wasm_bindgen(typescript_type = "CallOptions")]
    pub type CallArg;
    /// The options of `new Validator`.
    #[wasm_bindgen(typescript_type = "ValidatorOptions")]
    pub type ValidatorArg;
    /// `{service, lang}`.
    #[wasm_bindgen(typescript_type = "ExplainOptions")]
    pub type ExplainArg;
    /// The options of `readCapture`.
    #[wasm_bindgen(typescript_type = "CaptureOptions")]
    pub type CaptureArg;
}

/// The options argument as a plain value (absent: `undefined`).
fn options<T: Into<JsValue>>(argument: Option<T>) -> JsValue {
    argument.map_or(JsValue::UNDEFINED, Into::into)
}

/// Checks one response body against every rule of the envelope; with a `service` (and
/// optionally `version` and `action`), the payload against the product's API description.
///
/// The body is best given as bytes (a `Uint8Array` or `Buffer`, as received): a string
/// has already been decoded, so broken UTF-8 can no longer be seen.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
    call: Option<CallArg>,
) -> Result<JsValue, JsValue> {
    let bytes = input::body(&body, "body")?;
    let report = match call {
        None => envelope::validate(&bytes),
        Some(call) => {
            let spec = CallSpec::read(&Options::new(call.into(), "call")?)?;
            // `read` refused a version or an action without a service.
            envelope::validate_call(&bytes, spec.call().unwrap_or_default())
        }
    };
    to_js(&report)
}

/// Checks bodies one after another with the same options, remembering request ids across
/// them for `duplicate-request-id`.
#[wasm_bindgen]
pub struct Validator {
    inner: envelope::Validator,
}

#[wasm_bindgen]
impl Validator {
    /// A validator with `options` (each one of the Rust `Validator`'s builders).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<ValidatorArg>) -> Result<Validator, JsValue> {
        let options = Options::new(self::options(options), "options")?;
        Ok(Validator {
            inner: input::validator(&options)?,
        })
    }

    /// Checks one body, as the function `validate` does, and remembers its request id.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn validate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
        call: Option<CallArg>,
    ) -> Result<JsValue, JsValue> {
        let bytes = input::body(&body, "body")?;
        let spec = CallSpec::read(&Options::new(options(call), "call")?)?;
        let report = self
            .inner
            .validate_call(&bytes, spec.call().unwrap_or_default());
        to_js(&report)
    }

    /// Forgets the request ids seen so far.
    pub fn reset(&mut self) {
        self.inner.reset();
    }

    /// How many request ids were forgotten to stay within the memory budget.
    #[wasm_bindgen(getter, js_name = forgottenRequestIds)]
    pub fn forgotten_request_ids(&self) -> f64 {
        // Exact below 2^53: more ids than that cannot have been read.
        #[allow(clippy::cast_precision_loss)]
        let forgotten = self.inner.forgotten_request_ids() as f64;
        forgotten
    }
}

/// Classifies a whole HTTP response into a success, the service's error (at any status) or
/// a protocol error (a body that is not a trustworthy envelope), each with retry advice.
/// Header names are matched without regard to letter case.
#[wasm_bindgen(unchecked_return_type = "Classified")]
pub fn classify(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "HeadersInput")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let status = status
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (0.0..=65535.0).contains(s))
        .ok_or_else(|| range_error("status must be an integer from 0 to 65535"))?;
    // Checked above: an integer within u16.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let status = status as u16;
    let headers = classify::headers(&headers)?;
    let body = input::body(&body, "body")?;
    classify::classify(status, &headers, &body)
}

/// What an error code means and what to do, for any code pasted from a log (trimmed, letter
/// case ignored); with `service`, only that product's list makes a product code. The prose
/// is in `lang` (`en`, the default, or `zh`), and in both under `translations`.
#[wasm_bindgen(unchecked_return_type = "Explanation")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    options: Option<ExplainArg>,
) -> Result<JsValue, JsValue> {
    let code = code
        .as_string()
        .ok_or_else(|| type_error("code must be a string"))?;
    let options = Options::new(self::options(options), "options")?;
    let service = options.string("service")?;
    let service = service.as_deref().map(str::trim);
    let lang = match options.string("lang")? {
        Some(tag) => tag
            .parse::<envelope::Lang>()
            .map_err(|error| range_error(&format!("options.lang: {error}")))?,
        None => envelope::Lang::En,
    };
    let explanation = envelope::explain(&code, service);
    to_js(&explanation.json_form(service, lang))
}

/// Every rule: its id, default severity, consequence for a reader, and what it means.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&codes::rules())
}

/// Reads a capture (a HAR archive, JSON Lines, one JSON document or a saved event stream)
/// and checks every record with one validator: each record in the fields of
/// `tc-envelope check --format jsonl` plus its `place`, and a summary. With `onRecords`, the
/// records go there in batches instead of into the result; `onProgress` is told how far the
/// reading got. Synchronous: run it in a Web Worker to keep a page responsive.
#[wasm_bindgen(js_name = readCapture, unchecked_return_type = "CaptureResult")]
pub fn read_capture(
    #[wasm_bindgen(unchecked_param_type = "Body")] input: JsValue,
    options: Option<CaptureArg>,
) -> Result<JsValue, JsValue> {
    let bytes = input::body(&input, "input")?;
    let options = Options::new(self::options(options), "options")?;
    let (request, validator) = capture::Request::read(&options)?;
    capture::read(&bytes, &request, validator)
}

/// The product a Tencent Cloud API host serves (`cvm` for `cvm.ap-guangzhou.tencentcloudapi.com`),
/// ignoring letter case, a port and a trailing dot; `undefined` for any other host.
#[wasm_bindgen(js_name = serviceOfHost)]
pub fn service_of_host(host: &str) -> Option<String> {
    let host = host.trim();
    // A port is digits after the last colon; an IPv6 literal's colons are inside brackets.
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    envelope::capture::service_of_host(name)
}

/// The package's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
