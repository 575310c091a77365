//! One truth: `Envelope` and `classify` take the validator's verdict, never panic, and agree
//! with `Response<Value>` whenever both read a body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_envelope::{Classified, Consequence, Envelope, Response, classify, validate};

fuzz_target!(|data: &[u8]| {
    let report = validate(data);
    let fatal = report
        .diagnostics()
        .iter()
        .any(|d| d.rule().consequence() != Consequence::Tolerated);
    let envelope = Envelope::from_slice(data);
    assert_eq!(envelope.is_ok(), !fatal, "{report:?}");
    let headers: [(&str, &str); 0] = [];
    match classify(200, headers, data) {
        Classified::ProtocolError(_) => assert!(fatal),
        Classified::ServiceError(error) => {
            assert_eq!(Some(error.code().as_str()), report.code());
        }
        Classified::Success(_) => assert!(!fatal && report.code().is_none()),
    }
    let Ok(envelope) = envelope else { return };
    assert_eq!(Some(envelope.request_id()), report.request_id());
    assert_eq!(envelope.is_success(), report.code().is_none());
    if let Some(payload) = envelope.payload() {
        let _ = payload.deserialize::<serde_json::Value>();
    }
    if let Ok(response) = serde_json::from_slice::<Response<serde_json::Value>>(data) {
        assert_eq!(envelope.request_id(), response.request_id());
        assert_eq!(envelope.is_success(), response.is_success());
    }
});
