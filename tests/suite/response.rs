//! `Response<T>`, `Envelope` and `ApiError` against the documented examples and edge cases.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tencentcloud_envelope::{ApiError, Category, CommonCode, Envelope, ErrorCode, Response, Rule};

const SEED_SUCCESS: &[u8] = include_bytes!("../fixtures/seed-success.json");
const SEED_FAILURE: &[u8] = include_bytes!("../fixtures/seed-failure.json");

#[derive(Debug, Deserialize, Serialize, PartialEq)]
struct DescribeInstancesStatus {
    #[serde(rename = "TotalCount")]
    total_count: u64,
    #[serde(rename = "InstanceStatusSet")]
    instance_status_set: Vec<serde_json::Value>,
}

#[test]
fn seed_success_parses_into_a_typed_payload() {
    let response: Response<DescribeInstancesStatus> = serde_json::from_slice(SEED_SUCCESS).unwrap();
    assert!(response.is_success());
    assert_eq!(
        response.request_id(),
        "b5b41468-520d-4192-b42f-595cc34b6c1c"
    );
    let payload = response.into_result().unwrap();
    assert_eq!(payload.total_count, 0);
    assert!(payload.instance_status_set.is_empty());
}

#[test]
fn seed_failure_gives_the_api_error_despite_required_payload_fields() {
    let response: Response<DescribeInstancesStatus> = serde_json::from_slice(SEED_FAILURE).unwrap();
    assert!(!response.is_success());
    assert_eq!(
        response.request_id(),
        "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"
    );
    let error = response.into_result().unwrap_err();
    assert_eq!(error.code(), &CommonCode::AuthFailureSignatureFailure);
    assert_eq!(error.code().category(), Some(Category::Authentication));
    assert!(error.message().starts_with("The provided credentials"));
    assert_eq!(error.request_id(), "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
}

#[test]
fn error_first_then_payload_fields_is_still_a_failure() {
    let body = br#"{"Response":{"Error":{"Code":"InternalError","Message":"m"},"TotalCount":"oops","RequestId":"r"}}"#;
    let response: Response<DescribeInstancesStatus> = serde_json::from_slice(body).unwrap();
    assert_eq!(
        response.into_result().unwrap_err().code(),
        &CommonCode::InternalError
    );
}

#[test]
fn payload_before_error_is_still_a_failure() {
    let body = br#"{"Response":{"TotalCount":3,"Error":{"Code":"InternalError","Message":"m"},"RequestId":"r"}}"#;
    let response: Response<DescribeInstancesStatus> = serde_json::from_slice(body).unwrap();
    assert!(response.into_result().is_err());
}

#[test]
fn a_missing_message_reads_as_empty() {
    let body = br#"{"Response":{"Error":{"Code":"InvalidDisk.Busy"},"RequestId":"r"}}"#;
    let error = serde_json::from_slice::<Response<()>>(body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.message(), "");
    assert_eq!(error.code().as_str(), "InvalidDisk.Busy");
}

#[test]
fn a_success_without_request_id_is_an_error() {
    let error =
        serde_json::from_slice::<Response<()>>(br#"{"Response":{"TotalCount":0}}"#).unwrap_err();
    assert!(
        error.to_string().contains("missing field `RequestId`"),
        "{error}"
    );
}

#[test]
fn a_failure_without_request_id_is_an_error() {
    let body = br#"{"Response":{"Error":{"Code":"InternalError","Message":"m"}}}"#;
    let error = serde_json::from_slice::<Response<()>>(body).unwrap_err();
    assert!(
        error.to_string().contains("missing field `RequestId`"),
        "{error}"
    );
}

#[test]
fn repeated_fixed_members_are_errors() {
    for body in [
        r#"{"Response":{"RequestId":"a","RequestId":"b"}}"#,
        r#"{"Response":{"RequestId":"a"},"Response":{"RequestId":"b"}}"#,
        r#"{"Response":{"Error":{"Code":"A","Message":""},"Error":{"Code":"B","Message":""},"RequestId":"a"}}"#,
    ] {
        let error = serde_json::from_str::<Response<serde_json::Value>>(body).unwrap_err();
        assert!(
            error.to_string().contains("duplicate field"),
            "{body}: {error}"
        );
        let error = Envelope::from_slice(body.as_bytes()).unwrap_err();
        assert_eq!(error.rule(), Rule::DuplicateKey, "{body}: {error}");
    }
}

#[test]
fn a_missing_response_is_an_error() {
    let error =
        serde_json::from_slice::<Response<()>>(br#"{"code":4100,"message":"x"}"#).unwrap_err();
    assert!(
        error.to_string().contains("missing field `Response`"),
        "{error}"
    );
}

#[test]
fn an_empty_code_is_an_error() {
    let body = br#"{"Response":{"Error":{"Code":"","Message":"m"},"RequestId":"r"}}"#;
    let error = serde_json::from_slice::<Response<()>>(body).unwrap_err();
    assert!(error.to_string().contains("cannot be empty"), "{error}");
    assert!(Envelope::from_slice(body).is_err());
}

/// The official SDKs' payload types declare `RequestId`; they must get it, as on the wire.
#[test]
fn payload_types_receive_the_request_id() {
    let response: Response<serde_json::Value> = serde_json::from_slice(SEED_SUCCESS).unwrap();
    let (request_id, payload) = response.into_parts();
    assert_eq!(
        payload.unwrap(),
        json!({"TotalCount": 0, "InstanceStatusSet": [], "RequestId": request_id})
    );
}

#[test]
fn unit_payload_skips_everything() {
    let response: Response<()> = serde_json::from_slice(SEED_SUCCESS).unwrap();
    assert!(response.into_result().is_ok());
}

#[test]
fn optional_payload_is_some() {
    let response: Response<Option<DescribeInstancesStatus>> =
        serde_json::from_slice(SEED_SUCCESS).unwrap();
    assert_eq!(
        response.into_result().unwrap().map(|p| p.total_count),
        Some(0)
    );
}

#[test]
fn a_bad_payload_value_in_a_success_is_an_error() {
    let body = br#"{"Response":{"TotalCount":"x","InstanceStatusSet":[],"RequestId":"r"}}"#;
    let error = serde_json::from_slice::<Response<DescribeInstancesStatus>>(body).unwrap_err();
    // The payload's own error, where `"x"` ends: not a complaint about the envelope.
    assert_eq!(error.classify(), serde_json::error::Category::Data);
    assert_eq!(
        error.to_string(),
        r#"invalid type: string "x", expected u64 at line 1 column 29"#
    );
}

#[test]
fn escaped_keys_are_recognised() {
    let body = br#"{"\u0052esponse":{"\u0045rror":{"Cod\u0065":"InternalError","Message":"a\nb"},"Request\u0049d":"r\u00e9"}}"#;
    let error = serde_json::from_slice::<Response<()>>(body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.message(), "a\nb");
    assert_eq!(error.request_id(), "ré");
    let envelope = Envelope::from_slice(body).unwrap();
    assert_eq!(envelope.request_id(), "ré");
    assert_eq!(envelope.error().unwrap().message(), "a\nb");
}

#[test]
fn unknown_top_level_members_are_ignored() {
    let body = br#"{"Extra":[1,2],"Response":{"RequestId":"r"}}"#;
    assert!(
        serde_json::from_slice::<Response<()>>(body)
            .unwrap()
            .is_success()
    );
}

#[test]
fn envelope_classifies_the_seed_examples() {
    let success = Envelope::from_slice(SEED_SUCCESS).unwrap();
    assert!(success.is_success());
    let payload = success.payload().unwrap();
    let names: Vec<_> = payload.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["TotalCount", "InstanceStatusSet"]);
    assert_eq!(payload.get("InstanceStatusSet").unwrap().get(), "[]");
    let typed: DescribeInstancesStatus = payload.deserialize().unwrap();
    assert_eq!(typed.total_count, 0);

    let failure = Envelope::from_slice(SEED_FAILURE).unwrap();
    assert_eq!(failure.request_id(), "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
    assert!(failure.payload().is_none());
    let error = failure.error().unwrap();
    assert_eq!(error.code(), &CommonCode::AuthFailureSignatureFailure);
    let owned = failure
        .into_result::<DescribeInstancesStatus>()
        .unwrap_err();
    assert_eq!(
        owned.request_id(),
        Some("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6")
    );
    assert!(matches!(
        owned,
        tencentcloud_envelope::CallError::Service(_)
    ));
}

#[test]
fn envelope_payload_borrows_strings() {
    #[derive(Deserialize)]
    struct Borrowed<'a> {
        #[serde(rename = "Name")]
        name: &'a str,
    }
    let body = br#"{"Response":{"Name":"disk-1","RequestId":"r"}}"#;
    let envelope = Envelope::from_slice(body).unwrap();
    let borrowed: Borrowed = envelope.payload().unwrap().deserialize().unwrap();
    assert_eq!(borrowed.name, "disk-1");
}

#[test]
fn envelope_rejects_a_non_string_request_id() {
    assert!(Envelope::from_slice(br#"{"Response":{"RequestId":5}}"#).is_err());
    assert!(Envelope::from_slice(br#"[{"Response":{"RequestId":"r"}}]"#).is_err());
}

#[test]
fn api_error_is_a_well_behaved_error() {
    fn assert_traits<T: std::error::Error + Send + Sync + Clone + Serialize + 'static>() {}
    assert_traits::<ApiError>();
    let error = ApiError::new(
        "InvalidDisk.Busy".parse::<ErrorCode>().unwrap(),
        "busy",
        "r-1",
    );
    assert_eq!(error.to_string(), "InvalidDisk.Busy: busy (request id r-1)");
    assert_eq!(
        serde_json::to_value(&error).unwrap(),
        json!({"code": "InvalidDisk.Busy", "message": "busy", "request_id": "r-1"})
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Response<serde_json::Value>>();
    assert_send_sync::<Envelope<'static>>();
    assert_send_sync::<ErrorCode>();
    assert_send_sync::<CommonCode>();
    assert_send_sync::<Category>();
}

#[test]
fn failure_serializes_to_the_wire_shape() {
    let response = Response::<()>::failure(ApiError::new(CommonCode::InternalError, "boom", "r-2"));
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({"Response": {"Error": {"Code": "InternalError", "Message": "boom"}, "RequestId": "r-2"}})
    );
}

/// Found by the `response` fuzz target: floats did not survive a serialize-and-parse round trip.
/// The cause is `serde_json`'s default float parsing (not correctly rounded without its
/// `float_roundtrip` feature), not the envelope: `Response<Value>` reads exactly what `Value` reads.
#[test]
fn regression_float_precision_is_serde_jsons_own() {
    let input = include_bytes!("../fixtures/fuzz/response-float-precision.json");
    let response: Response<serde_json::Value> = serde_json::from_slice(input).unwrap();
    let plain: serde_json::Value = serde_json::from_slice(input).unwrap();
    assert_eq!(response.into_result().unwrap(), plain["Response"]);
}

fn any_code() -> impl Strategy<Value = ErrorCode> {
    prop_oneof![
        proptest::sample::select(CommonCode::ALL).prop_map(ErrorCode::from),
        ".+".prop_map(|s| s.parse::<ErrorCode>().unwrap()),
    ]
}

proptest! {
    #[test]
    fn failure_round_trips_through_the_wire(code in any_code(), message in any::<String>(), request_id in ".+") {
        let original = Response::<DescribeInstancesStatus>::failure(ApiError::new(code, message, request_id));
        let text = serde_json::to_string(&original).unwrap();
        let parsed: Response<DescribeInstancesStatus> = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&parsed, &original);
        let envelope = Envelope::from_slice(text.as_bytes()).unwrap();
        prop_assert_eq!(envelope.request_id(), original.request_id());
        let error = original.as_result().unwrap_err();
        prop_assert_eq!(envelope.error().unwrap().message(), error.message());
        prop_assert_eq!(envelope.error().unwrap().code(), error.code());
    }

    #[test]
    fn success_round_trips_through_the_wire(total_count in any::<u64>(), request_id in ".+", n in 0usize..4) {
        let payload = DescribeInstancesStatus { total_count, instance_status_set: vec![json!({"k": "v\u{1F600}\"\\"}); n] };
        let original = Response::success(request_id, payload);
        let text = serde_json::to_string(&original).unwrap();
        let parsed: Response<DescribeInstancesStatus> = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&parsed, &original);
        let envelope = Envelope::from_slice(text.as_bytes()).unwrap();
        prop_assert_eq!(envelope.request_id(), original.request_id());
        let viewed: DescribeInstancesStatus = envelope.payload().unwrap().deserialize().unwrap();
        prop_assert_eq!(&viewed, original.as_result().unwrap());
    }

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = serde_json::from_slice::<Response<serde_json::Value>>(&bytes);
        let _ = Envelope::from_slice(&bytes);
    }
}
