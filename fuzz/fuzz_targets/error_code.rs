//! `ErrorCode` parsing never panics, round-trips, and classifies consistently.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_envelope::ErrorCode;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match text.parse::<ErrorCode>() {
        Ok(code) => {
            assert_eq!(code.as_str(), text);
            if let Some(common) = code.common() {
                assert!(text == common.as_str() || text.starts_with(&format!("{}.", common.as_str())));
                // A longer code may take its product listings' category, or a documented
                // exception's (`InvalidParameter.SignatureFailure` is an authentication failure).
                if text == common.as_str() {
                    assert_eq!(code.category(), Some(common.category()));
                }
            }
            // The advice is the product listings' where they state one (`InvalidDisk.Busy` is
            // retried later without a common prefix), else the category's.
            assert_eq!(code.is_retryable(), code.retry_advice().is_retryable());
            let _ = code.is_well_formed();
        }
        Err(_) => assert!(text.is_empty()),
    }
});
