//! Every subcommand of `tc-envelope`, given hostile arguments and input, prints only inert
//! text: no control character (but the newlines that end its own lines), no bidirectional
//! control and no invisible mark reaches standard output or standard error, in any format.
//!
//! The subcommands are read from `tc-envelope --help`, so a new one cannot be missed: it
//! fails here until it has hostile cases of its own.
#![cfg(all(feature = "cli", unix))]

use std::ffi::OsString;
use std::fs;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// A terminal escape (clear, retitle), a bell, CR LF then a fake line, a bidirectional
/// override, C1 controls (CSI, NEL) and `DEL`.
const HOSTILE: &str = "A\u{1b}[2J\u{1b}]0;pwn\u{7}\r\nFAKE\u{202e}\u{9b}1m\u{85}\u{7f}Z";

const ID: &str = "b5b41468-520d-4192-b42f-595cc34b6c1c";

/// Whether a terminal would act on `c`, or hide it (written here from the Unicode tables,
/// not taken from the tool).
fn is_active(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// One run of the tool.
struct Case {
    args: Vec<OsString>,
    stdin: Option<Vec<u8>>,
    /// Standard output is one JSON document, or JSON Lines.
    json: Json,
}

#[derive(Clone, Copy, PartialEq)]
enum Json {
    No,
    Document,
    Lines,
}

fn case(args: &[&OsString], json: Json) -> Case {
    Case {
        args: args.iter().map(|&arg| arg.clone()).collect(),
        stdin: None,
        json,
    }
}

fn os(text: &str) -> OsString {
    OsString::from(text)
}

/// The subcommands `--help` lists, `help` included.
fn subcommands() -> Vec<String> {
    let output = Command::cargo_bin("tc-envelope")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    let listed = help
        .split_once("Commands:\n")
        .map(|(_, rest)| rest)
        .expect("--help lists the subcommands");
    listed
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// Captures that carry the hostile text in every place the tool shows: file names, request
/// ids, codes, messages, broken lines, a HAR entry and an event stream.
fn captures(dir: &Path) -> Vec<OsString> {
    let captures = dir.join(format!("captures{HOSTILE}"));
    fs::create_dir(&captures).unwrap();
    let code = format!("InvalidParameter.{HOSTILE}");
    let envelope = serde_json::json!({"Response": {
        "RequestId": HOSTILE,
        "Error": {"Code": code, "Message": HOSTILE},
    }});
    let mut paths = Vec::new();
    let mut file = |name: OsString, content: &[u8]| {
        let path = captures.join(name);
        fs::write(&path, content).unwrap();
        paths.push(path.into_os_string());
    };
    file(
        os(&format!("escaped{HOSTILE}.json")),
        envelope.to_string().as_bytes(),
    );
    let raw = format!("{{\"Response\": {{\"RequestId\": \"{HOSTILE}\", {HOSTILE}\n");
    file(os("raw.json"), raw.as_bytes());
    let lines = format!("{envelope}\n{raw}\n{{\"Response\": {{\"RequestId\": \"{ID}\"}}}}\n");
    file(os(&format!("lines{HOSTILE}.jsonl")), lines.as_bytes());
    // A name that is not UTF-8: a lone C1 byte, which some terminals read as CSI.
    file(
        OsString::from_vec(b"latin1-\x9b2J.json".to_vec()),
        envelope.to_string().as_bytes(),
    );
    let har = serde_json::json!({"log": {"entries": [{
        "request": {"method": "POST", "url": format!("https://cvm.tencentcloudapi.com/{HOSTILE}"),
                    "headers": [{"name": "X-TC-Action", "value": HOSTILE}]},
        "response": {"status": 200, "content": {"mimeType": "application/json",
                     "text": envelope.to_string()}, "headers": []},
    }]}});
    file(os("traffic.har"), har.to_string().as_bytes());
    let sse = format!("data: {envelope}\n\ndata: {HOSTILE}\n\n");
    file(os(&format!("stream{HOSTILE}.sse")), sse.as_bytes());
    paths.push(captures.into_os_string());
    paths
}

/// The hostile cases of `check`: captures in every format, standard input, bad option
/// values, missing paths and a FIFO.
fn check_cases(name: &OsString, h: &OsString, dir: &Path) -> Vec<Case> {
    let name = name.clone();
    let mut cases = Vec::new();
    let paths = captures(dir);
    let missing = dir.join(format!("missing{HOSTILE}.json")).into_os_string();
    let schema = dir.join(format!("schema{HOSTILE}.json")).into_os_string();
    let fifo = dir.join(format!("captures{HOSTILE}/fifo{HOSTILE}.json"));
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for format in ["text", "jsonl", "json"] {
        let json = match format {
            "json" => Json::Document,
            "jsonl" => Json::Lines,
            _ => Json::No,
        };
        let mut args: Vec<OsString> = vec![name.clone(), os("--format"), os(format)];
        args.extend(paths.iter().cloned());
        args.push(missing.clone());
        cases.push(Case {
            args: args.clone(),
            stdin: None,
            json,
        });
        let mut args = vec![name.clone(), os("--format"), os(format), os("-")];
        cases.push(Case {
            args: args.clone(),
            stdin: Some(format!("{{\"Response\": {{\"RequestId\": \"{HOSTILE}\"").into()),
            json,
        });
        args.push(os("--lines"));
        cases.push(Case {
            args,
            stdin: Some(fs::read(Path::new(&paths[2])).unwrap()),
            json,
        });
    }
    for option in [
        "--schema",
        "--allow",
        "--warn",
        "--deny",
        "--site",
        "--nesting-limit",
        "--max-record-size",
        "--threads",
        "--format",
        "--color",
        "--stdin-format",
    ] {
        let value = if option == "--schema" { &schema } else { h };
        cases.push(case(&[&name, &os(option), value, &paths[0]], Json::No));
    }
    cases.push(case(&[&name, &missing], Json::No));
    cases
}

/// The hostile cases of `subcommand`; a subcommand this test does not know fails it.
fn cases(subcommand: &str, dir: &Path) -> Vec<Case> {
    let h = os(HOSTILE);
    let name = os(subcommand);
    let flag = os(&format!("--{HOSTILE}"));
    // Every subcommand: a hostile positional argument and a hostile unknown flag.
    let mut cases = vec![
        case(&[&name, &h], Json::No),
        case(&[&name, &flag], Json::No),
    ];
    let code = os(&format!("InvalidParameter.{HOSTILE}"));
    let unknown = os(&format!("Unknown{HOSTILE}"));
    let json = os("json");
    match subcommand {
        "check" => cases.extend(check_cases(&name, &h, dir)),
        "explain" => {
            for args in [
                vec![&name, &code],
                vec![&name, &unknown],
                vec![&name, &os("--rule"), &h],
                vec![&name, &os("--service"), &h, &code],
                vec![
                    &name,
                    &os("--service"),
                    &h,
                    &os("InvalidInstanceId.NotFound"),
                ],
                vec![&name, &os("--lang"), &h, &code],
                vec![&name, &os("--format"), &h, &code],
            ] {
                cases.push(case(&args, Json::No));
            }
            cases.push(case(
                &[&name, &os("--format"), &json, &code],
                Json::Document,
            ));
            cases.push(case(
                &[&name, &os("--format"), &json, &os("--rule"), &h],
                Json::No,
            ));
        }
        "codes" => {
            for option in ["--service", "--kind", "--category", "--lang", "--format"] {
                cases.push(case(&[&name, &os(option), &h], Json::No));
            }
            cases.push(case(&[&name, &os("--format"), &json, &h], Json::Document));
        }
        "rules" => cases.push(case(&[&name, &os("--format"), &h], Json::No)),
        "completions" | "man" | "help" => {}
        other => panic!("`{other}` has no hostile cases: add them to this test"),
    }
    cases
}

/// What is wrong with `bytes` as inert text, if anything.
fn not_inert(bytes: &[u8]) -> Option<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some("it is not UTF-8 (a lone C1 byte may act on a terminal)".into());
    };
    if let Some(c) = text.chars().find(|&c| c != '\n' && is_active(c)) {
        return Some(format!("it holds {c:?}"));
    }
    if text.lines().any(|line| line.starts_with("FAKE")) {
        return Some("a raw line break of the input started a line of its own".into());
    }
    None
}

#[test]
fn every_subcommand_prints_hostile_text_inert() {
    let names = subcommands();
    assert!(names.len() >= 7, "{names:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for name in &names {
        for case in cases(name, dir.path()) {
            let mut command = Command::cargo_bin("tc-envelope").unwrap();
            command
                .args(&case.args)
                .env_remove("CLICOLOR_FORCE")
                .env("NO_COLOR", "1")
                .timeout(Duration::from_secs(60));
            if let Some(stdin) = &case.stdin {
                command.write_stdin(stdin.clone());
            }
            let output = command.output().unwrap();
            let shown: Vec<String> = case
                .args
                .iter()
                .map(|arg| format!("{:?}", arg.as_bytes().escape_ascii().to_string()))
                .collect();
            let shown = shown.join(" ");
            for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
                if let Some(why) = not_inert(bytes) {
                    failures.push(format!(
                        "{shown}: {stream} is not inert: {why}\n{}",
                        String::from_utf8_lossy(bytes).escape_debug()
                    ));
                }
            }
            let stdout = String::from_utf8_lossy(&output.stdout);
            let parsed = match case.json {
                Json::No => Ok(()),
                Json::Document => serde_json::from_str::<serde_json::Value>(&stdout).map(|_| ()),
                Json::Lines => stdout.lines().try_for_each(|line| {
                    serde_json::from_str::<serde_json::Value>(line).map(|_| ())
                }),
            };
            if let Err(error) = parsed {
                failures.push(format!("{shown}: stdout is not valid JSON: {error}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn json_keeps_the_hostile_text_whole_behind_escapes() {
    let code = format!("InvalidParameter.{HOSTILE}");
    let output = Command::cargo_bin("tc-envelope")
        .unwrap()
        .args(["explain", "--format", "json", &code])
        .output()
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        answer["code"],
        code.as_str(),
        "JSON readers see the same code"
    );
    let text = String::from_utf8(output.stdout).unwrap();
    for escape in [
        "\\u001b", "\\u0007", "\\r", "\\n", "\\u202e", "\\u009b", "\\u0085", "\\u007f",
    ] {
        assert!(text.contains(escape), "{escape} in {text}");
    }
}
