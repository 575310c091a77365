//! What JavaScript hands over, read strictly: bodies, option objects and their members.
//! Misuse is a `TypeError` or a `RangeError` naming the argument, never a panic.

use js_sys::{ArrayBuffer, Function, Reflect, Uint8Array};
use serde::Serialize;
use tencentcloud_envelope as envelope;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder (Node.js, browsers and workers alike).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> Uint8Array;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// A JavaScript `TypeError`.
pub fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A JavaScript `RangeError`.
pub fn range_error(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}

/// A body's bytes: a string (as UTF-8), a `Uint8Array` (a Node.js `Buffer` too) or an
/// `ArrayBuffer`, copied into the module's memory.
pub fn body(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if value.is_string() {
        // The platform's encoder, then one copy: wasm-bindgen's own string passing copies an
        // ASCII text one character at a time in JavaScript, which costs more than the check.
        return Ok(ENCODER.with(|encoder| encoder.encode(value)).to_vec());
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    Err(type_error(&format!(
        "{what} must be a string, a Uint8Array (or Buffer) or an ArrayBuffer"
    )))
}

/// `value` as a JavaScript value, through `JSON.parse`: one crossing of the boundary, where
/// building the object member by member would take one per member.
pub fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|error| type_error(&error.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// An options object: `undefined`, `null` or an object.
pub struct Options {
    object: Option<JsValue>,
    /// The argument's name, for messages.
    what: &'static str,
}

impl Options {
    /// Reads `value` as the options argument `what`.
    pub fn new(value: JsValue, what: &'static str) -> Result<Self, JsValue> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options { object: None, what });
        }
        if !value.is_object() || value.is_function() {
            return Err(type_error(&format!("{what} must be an object")));
        }
        Ok(Options {
            object: Some(value),
            what,
        })
    }

    /// The member `key`, `None` when absent, `undefined` or `null`.
    fn get(&self, key: &str) -> Result<Option<JsValue>, JsValue> {
        let Some(object) = &self.object else {
            return Ok(None);
        };
        let value = Reflect::get(object, &JsValue::from_str(key))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    }

    fn wrong(&self, key: &str, expected: &str) -> JsValue {
        type_error(&format!("{}.{key} must be {expected}", self.what))
    }

    /// A string member.
    pub fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        self.get(key)?
            .map(|value| value.as_string().ok_or_else(|| self.wrong(key, "a string")))
            .transpose()
    }

    /// A boolean member, `false` when absent.
    pub fn flag(&self, key: &str) -> Result<bool, JsValue> {
        self.get(key)?.map_or(Ok(false), |value| {
            value.as_bool().ok_or_else(|| self.wrong(key, "a boolean"))
        })
    }

    /// A member that counts something: a non-negative integer (`Infinity` for no bound).
    pub fn count(&self, key: &str) -> Result<Option<u64>, JsValue> {
        let Some(value) = self.get(key)? else {
            return Ok(None);
        };
        let number = value.as_f64().ok_or_else(|| self.wrong(key, "a number"))?;
        if number == f64::INFINITY {
            return Ok(Some(u64::MAX));
        }
        if !(number >= 0.0 && number.fract() == 0.0 && number <= 9_007_199_254_740_991.0) {
            return Err(range_error(&format!(
                "{}.{key} must be a non-negative integer, not {number}",
                self.what
            )));
        }
        // An integer within 2^53, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(Some(number as u64))
    }

    /// A member that is an array of strings, empty when absent.
    pub fn strings(&self, key: &str) -> Result<Vec<String>, JsValue> {
        let Some(value) = self.get(key)? else {
            return Ok(Vec::new());
        };
        let expected = "an array of strings";
        let array = value
            .dyn_ref::<js_sys::Array>()
            .ok_or_else(|| self.wrong(key, expected))?;
        array
            .iter()
            .map(|item| item.as_string().ok_or_else(|| self.wrong(key, expected)))
            .collect()
    }

    /// A function member.
    pub fn function(&self, key: &str) -> Result<Option<Function>, JsValue> {
        self.get(key)?
            .map(|value| {
                value
                    .dyn_into::<Function>()
                    .map_err(|_| self.wrong(key, "a function"))
            })
            .transpose()
    }
}

/// The call a body answers (`{service, version, action}`): a version or an action needs a
/// service, which selects the API description.
#[derive(Debug, Default)]
pub struct CallSpec {
    pub service: Option<String>,
    pub version: Option<String>,
    pub action: Option<String>,
}

impl CallSpec {
    /// Reads `service`, `version` and `action` from `options`.
    pub fn read(options: &Options) -> Result<Self, JsValue> {
        let spec = CallSpec {
            service: options.string("service")?,
            version: options.string("version")?,
            action: options.string("action")?,
        };
        spec.call()
            .map_err(|error| type_error(&format!("{}: {error}", options.what)))?;
        Ok(spec)
    }

    /// The call these parts make (`Call::default()`, no call, without a service).
    ///
    /// # Errors
    /// A version or an action without a service.
    pub fn call(&self) -> Result<envelope::Call<'_>, envelope::MissingService> {
        envelope::Call::from_parts(
            self.service.as_deref(),
            self.version.as_deref(),
            self.action.as_deref(),
        )
    }
}

/// Parses rule ids (`missing-request-id`), naming the first unknown one.
fn rules(options: &Options, key: &str) -> Result<Vec<envelope::Rule>, JsValue> {
    options
        .strings(key)?
        .iter()
        .map(|id| {
            id.parse::<envelope::Rule>().map_err(|_| {
                range_error(&format!("{}.{key}: `{id}` is not a rule id", options.what))
            })
        })
        .collect()
}

/// A `usize` from a count (saturating: a bound past the address space is no bound).
fn size(count: u64) -> usize {
    usize::try_from(count).unwrap_or(usize::MAX)
}

/// The validator `options` ask for: `denyWarnings`, `allow`, `warn`, `deny` (rule ids),
/// `nestingLimit`, `requestIdMemory`, `maxFindings` and `site` (`intl` or `china`), each one
/// of [`envelope::Validator`]'s builders.
pub fn validator(options: &Options) -> Result<envelope::Validator, JsValue> {
    let mut validator = envelope::Validator::new();
    if let Some(most) = options.count("maxFindings")? {
        validator = validator.max_findings(size(most));
    }
    if let Some(ids) = options.count("requestIdMemory")? {
        validator = validator.request_id_memory(size(ids));
    }
    if let Some(limit) = options.count("nestingLimit")? {
        let limit = envelope::NestingLimit::new(size(limit))
            .map_err(|error| range_error(&format!("{}.nestingLimit: {error}", options.what)))?;
        validator = validator.nesting_limit(limit);
    }
    if let Some(site) = options.string("site")? {
        let site = site
            .parse::<envelope::Site>()
            .map_err(|error| range_error(&format!("{}.site: {error}", options.what)))?;
        validator = validator.site(site);
    }
    validator = validator.levels(
        rules(options, "allow")?,
        rules(options, "warn")?,
        rules(options, "deny")?,
    );
    if options.flag("denyWarnings")? {
        validator = validator.deny_warnings();
    }
    Ok(validator)
}
