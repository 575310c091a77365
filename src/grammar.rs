//! The envelope's wire grammar, shared by every reader: member names, the byte-order mark
//! and the length limit of an error code. The validator's walk (`validate/`) is the one place
//! that reads a body against it; [`Envelope`](crate::Envelope), [`classify`](crate::classify())
//! and [`decode`](crate::decode()) take their verdict from that walk, and [`Response`](crate::Response),
//! which reads through any serde deserializer, matches on the same names.

/// Member names of the envelope, as sent.
pub(crate) mod names {
    /// The only member of the top-level object.
    pub(crate) const RESPONSE: &str = "Response";
    /// The id of the request, in every `Response`.
    pub(crate) const REQUEST_ID: &str = "RequestId";
    /// Present exactly when the call failed.
    pub(crate) const ERROR: &str = "Error";
    /// The error code, in `Error`.
    pub(crate) const CODE: &str = "Code";
    /// The error message, in `Error`.
    pub(crate) const MESSAGE: &str = "Message";
    /// Sent beside the payload by deprecated actions.
    pub(crate) const DEPRECATED_WARNING: &str = "DeprecatedWarning";
    /// The members of an API 2.0 reply's top-level object, by which one is told apart.
    pub(crate) const LEGACY: [&str; 3] = ["code", "message", "codeDesc"];
    /// Where findings about the request id point.
    pub(crate) const REQUEST_ID_POINTER: &str = "/Response/RequestId";
    /// The response header that carries the request id when the body cannot (event streams).
    pub(crate) const REQUEST_ID_HEADER: &[u8] = b"x-tc-requestid";
}

/// A UTF-8 byte-order mark, tolerated before a body and before an event stream.
pub(crate) const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// The body without a leading byte-order mark, and whether it had one.
pub(crate) fn strip_byte_order_mark(input: &[u8]) -> (&[u8], bool) {
    match input.strip_prefix(BYTE_ORDER_MARK) {
        Some(rest) => (rest, true),
        None => (input, false),
    }
}

/// Whether `key` is one that `serde_json` gives a meaning of its own when a program enables
/// its `raw_value` or `arbitrary_precision` feature: `Value` and `RawValue` then read the
/// object it opens as something else than what the bytes say. Feature unification means any
/// crate in the program can enable them, so no reader can trust such a body.
pub(crate) fn is_reserved_key(key: &str) -> bool {
    key.len() > 20
        && matches!(
            key,
            "$serde_json::private::RawValue" | "$serde_json::private::Number"
        )
}

/// The longest error code, in bytes, that can be well formed
/// ([`ErrorCode::MAX_LEN`](crate::ErrorCode::MAX_LEN)): the longest any table lists is 89.
pub(crate) const LONGEST_CODE: usize = 256;

/// Whether `code` is longer than [`LONGEST_CODE`], so no code at all: readers answer for it
/// without looking it up.
#[inline]
pub(crate) fn is_too_long(code: &str) -> bool {
    code.len() > LONGEST_CODE
}
