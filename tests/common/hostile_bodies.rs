//! Bodies built to draw as many findings as their size allows, one per shape the findings
//! budget must hold: shared by the library's, the tool's and the memory tests.

use tencentcloud_envelope::Call;

pub const MB: usize = 1 << 20;

const ID: &str = r#""RequestId": "c933aca1-90d2-4ab8-b045-f1b08069d76f""#;

/// `{"Response": {<id>, <head><member 0>,<member 1>…<tail>}}`, as long as `size` allows.
fn repeated(size: usize, head: &str, member: impl Fn(usize) -> String, tail: &str) -> Vec<u8> {
    let mut body = format!(r#"{{"Response": {{{ID}, {head}"#).into_bytes();
    let end = size.saturating_sub(tail.len() + 2);
    for i in 0.. {
        let member = member(i);
        if body.len() + member.len() + 1 > end {
            break;
        }
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(member.as_bytes());
    }
    body.extend_from_slice(tail.as_bytes());
    body.extend_from_slice(b"}}");
    body
}

/// One key of about `size` bytes holding members that repeat: each repeat's pointer names it.
fn long_key(size: usize) -> Vec<u8> {
    let key = "k".repeat(size.saturating_sub(2_000));
    let members = vec![r#""a": 1"#; 200].join(", ");
    format!(r#"{{"Response": {{{ID}, "{key}": {{{members}}}}}}}"#).into_bytes()
}

/// Each shape: a name, a body of about `size` bytes, and the call to check it as.
pub fn shapes(size: usize) -> Vec<(&'static str, Vec<u8>, Option<Call<'static>>)> {
    vec![
        (
            "repeated keys",
            repeated(size, "", |_| r#""a":1"#.into(), ""),
            None,
        ),
        ("a long key over repeated members", long_key(size), None),
        (
            "a list of empty instances",
            repeated(
                size,
                r#""TotalCount": 1, "InstanceSet": ["#,
                |_| "{}".into(),
                "]",
            ),
            Some(Call::new_const("cvm", "2017-03-12", "DescribeInstances")),
        ),
        (
            "a failure with a payload",
            repeated(
                size,
                r#""Error": {"Code": "InternalError", "Message": "m"}, "#,
                |i| format!(r#""{i:x}":1"#),
                "",
            ),
            None,
        ),
        (
            "reserved keys",
            repeated(
                size,
                "",
                |_| r#""$serde_json::private::Number":1"#.into(),
                "",
            ),
            None,
        ),
    ]
}
