//! Built-in descriptions are decoded on first use only. Alone in its test binary, so that no
//! other test decodes descriptions in the same process.

use tencentcloud_envelope::{Call, Schema, Validator};

#[test]
fn a_run_that_meets_three_products_decodes_three() {
    assert_eq!(Schema::builtins_decoded(), 0);
    assert_eq!(
        Schema::builtin_index().count(),
        315,
        "listing decodes nothing"
    );
    assert!(Schema::is_builtin_service("cvm"));
    assert_eq!(Schema::builtins_decoded(), 0);
    let body = br#"{"Response": {"RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}"#;
    let mut validator = Validator::new();
    for _ in 0..3 {
        for (service, version, action) in [
            ("cbs", "2017-03-12", "DescribeDisks"),
            ("cvm", "2017-03-12", "DescribeInstances"),
            ("vpc", "2017-03-12", "DescribeVpcs"),
        ] {
            validator.reset();
            let call = Call::new(service).version(version).action(action);
            let _ = validator.validate_call(body, call);
        }
    }
    assert_eq!(Schema::builtins_decoded(), 3);
    // A service without a version decodes its newest description only.
    let _ = validator.validate_call(body, Call::new("clb").action("DescribeLoadBalancers"));
    assert_eq!(Schema::builtins_decoded(), 4);
}
