//! `Response<Value>` never panics, and what it parses serializes back to an equal response
//! (serde_json's `float_roundtrip` is on here, so that floats read back exactly).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_envelope::Response;

fuzz_target!(|data: &[u8]| {
    if let Ok(response) = serde_json::from_slice::<Response<serde_json::Value>>(data) {
        let text = serde_json::to_vec(&response).unwrap();
        let again: Response<serde_json::Value> = serde_json::from_slice(&text).unwrap();
        assert_eq!(again, response);
    }
});
