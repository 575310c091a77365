//! The scanner that reads clean envelopes, and the one-pass reader `decode` tries first, agree
//! with the full walk and with serde_json: wherever either takes a body, the walk finds in it
//! only what they report, reads the same parts and members, and serde_json accepts it. Each input is tried as it is and inside an envelope's payload and
//! `Error`, so that mutations reach the scanner's grammar past the envelope's first bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_envelope::__private::fast_path_agrees;

const ID: &[u8] = b"b5b41468-520d-4192-b42f-595cc34b6c1c";

fuzz_target!(|data: &[u8]| {
    let payload = [
        br#"{"Response":{"P":"#.as_slice(),
        data,
        br#","RequestId":""#,
        ID,
        br#""}}"#,
    ]
    .concat();
    let error = [
        br#"{"Response":{"Error":{"Code":"InternalError","Message":"m","X":"#.as_slice(),
        data,
        br#"},"RequestId":""#,
        ID,
        br#""}}"#,
    ]
    .concat();
    for body in [data, &payload, &error] {
        if let Err(difference) = fast_path_agrees(body) {
            panic!("{}\n{difference}", String::from_utf8_lossy(body));
        }
    }
});
