//! The borrowed view never panics and agrees with `Response<Value>` whenever that parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_envelope::{Envelope, Response};

fuzz_target!(|data: &[u8]| {
    let envelope = Envelope::from_slice(data);
    if let Ok(envelope) = &envelope {
        if let Some(payload) = envelope.payload() {
            let _ = payload.deserialize::<serde_json::Value>();
        }
    }
    if let Ok(response) = serde_json::from_slice::<Response<serde_json::Value>>(data) {
        let envelope = envelope.expect("the view reads whatever Response<Value> reads");
        assert_eq!(envelope.request_id(), response.request_id());
        assert_eq!(envelope.is_success(), response.is_success());
        if let Err(error) = response.as_result() {
            assert_eq!(envelope.error().map(|e| e.code()), Some(error.code()));
        }
    }
});
