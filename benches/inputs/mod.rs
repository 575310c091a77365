//! Benchmark inputs, generated in code so benchmarks run on a fresh clone.

use std::fmt::Write;

/// The documentation's failure example.
pub const SEED_FAILURE: &str = include_str!("../../tests/fixtures/seed-failure.json");

fn uuid(n: usize) -> String {
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        n * 2_654_435_761 % 0xffff_ffff,
        n % 0xffff,
        n % 0xfff,
        (n * 7) % 0xfff,
        n * 40_503
    )
}

/// One disk as `DescribeDisks` returns it, about 1 KB.
fn disk(n: usize) -> String {
    format!(
        r#"{{
                "DiskId": "disk-{n:08x}",
                "DiskName": "data disk {n} \u6570\u636e",
                "DiskType": "CLOUD_PREMIUM",
                "DiskUsage": "DATA_DISK",
                "DiskChargeType": "POSTPAID_BY_HOUR",
                "DiskState": "ATTACHED",
                "DiskSize": {size},
                "Attached": true,
                "Portable": true,
                "Encrypt": false,
                "DeleteWithInstance": true,
                "InstanceId": "ins-{n:08x}",
                "Placement": {{"Zone": "ap-guangzhou-3", "ProjectId": 0, "CageId": null, "CdcId": null}},
                "CreateTime": "2026-11-{day:02}T10:00:{sec:02}Z",
                "DeadlineTime": "2027-11-{day:02} 10:00:00",
                "RenewFlag": "NOTIFY_AND_AUTO_RENEW",
                "SnapshotAbility": true,
                "AutoSnapshotPolicyIds": ["asp-{n:08x}"],
                "Tags": [{{"Key": "team", "Value": "storage"}}, {{"Key": "env", "Value": "prod-{n}"}}],
                "ThroughputPerformance": 0,
                "RollbackPercent": 100,
                "Shareable": false,
                "BurstPerformance": false,
                "DiskBackupQuota": 0,
                "LastAttachInsId": "ins-{n:08x}",
                "ErrorPrompt": ""
            }}"#,
        size = 10 + n * 10,
        day = 1 + n % 28,
        sec = n % 60,
    )
}

/// A `DescribeDisks` success with `disks` disks.
pub fn describe_disks(disks: usize, id: usize) -> String {
    let set: Vec<String> = (0..disks).map(disk).collect();
    format!(
        "{{\n    \"Response\": {{\n        \"TotalCount\": {disks},\n        \"DiskSet\": [{}],\n        \"RequestId\": \"{}\"\n    }}\n}}",
        set.join(", "),
        uuid(id)
    )
}

/// Record `n` of a capture: successes and failures of several shapes, one line each, every
/// one with its own request id.
pub fn record(n: usize) -> String {
    match n % 5 {
        0 => format!(
            r#"{{"Response":{{"Error":{{"Code":"InvalidParameterValue.DiskIdMalformed","Message":"disk-{n} is malformed"}},"RequestId":"{}"}}}}"#,
            uuid(n)
        ),
        1 => format!(
            r#"{{"Response":{{"TotalCount":0,"InstanceStatusSet":[],"RequestId":"{}"}}}}"#,
            uuid(n)
        ),
        2 | 3 => describe_disks(1 + n % 3, n).replace('\n', ""),
        _ => format!(
            r#"{{"Response":{{"DiskIdSet":["disk-{n:08x}","disk-{:08x}"],"DealId":"deal-{n}","RequestId":"{}"}}}}"#,
            n + 1,
            uuid(n)
        ),
    }
}

/// A capture of `records` varied responses, one per line.
pub fn capture(records: usize) -> String {
    let mut out = String::new();
    for n in 0..records {
        writeln!(out, "{}", record(n)).expect("writing to a String cannot fail");
    }
    out
}

/// A success whose payload is one object with `keys` distinct members.
pub fn wide_object(keys: usize) -> String {
    let members: Vec<String> = (0..keys)
        .map(|k| format!(r#""Field{k:06}": {k}"#))
        .collect();
    format!(
        r#"{{"Response": {{"Wide": {{{}}}, "RequestId": "{}"}}}}"#,
        members.join(", "),
        uuid(keys)
    )
}

/// A `DescribeDisks` success with `disks` disks that matches CBS's description exactly.
pub fn conforming_disks(disks: usize) -> String {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/fixtures/cbs-describe-disks.json"))
            .expect("a valid fixture");
    let mut response = fixture;
    let disk = response["Response"]["DiskSet"][0].clone();
    response["Response"]["DiskSet"] = serde_json::Value::Array(vec![disk; disks]);
    response["Response"]["TotalCount"] = disks.into();
    serde_json::to_string_pretty(&response).expect("serializable")
}

/// A `text/event-stream` body of about `bytes` bytes: chat deltas, CRLF line endings.
pub fn event_stream(bytes: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes + 256);
    let mut n = 0usize;
    while out.len() < bytes {
        let event = format!(
            "id: {n}\r\ndata: {{\"Id\": \"chat-1\", \"Choices\": [{{\"Delta\": {{\"Role\": \"assistant\", \"Content\": \"token {n} \\u4f60\\u597d\"}}, \"FinishReason\": \"\"}}], \"Created\": {n}}}\r\n\r\n"
        );
        out.extend_from_slice(event.as_bytes());
        n += 1;
    }
    out
}

/// Every `.json` file under `dir`, read, in path order: a documentation corpus.
pub fn corpus_bodies(dir: &std::path::Path) -> Vec<Vec<u8>> {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    files(dir, &mut paths);
    paths.sort();
    paths
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .collect()
}

/// The median time of each reader over `bodies`: `rounds` passes, the readers taking turns
/// within each so that a noisy machine slows them alike, each pass going over the bodies as
/// many times as it takes to read about 20 MB; and that many times.
pub fn median_times<B: AsRef<[u8]>>(
    readers: &[fn(&[u8]) -> bool],
    bodies: &[B],
    rounds: usize,
) -> (Vec<std::time::Duration>, usize) {
    let bytes: usize = bodies.iter().map(|body| body.as_ref().len()).sum();
    let repeat = (20_000_000 / bytes.max(1)).max(1);
    let mut times = vec![Vec::new(); readers.len()];
    for _ in 0..rounds {
        for (reader, read) in readers.iter().enumerate() {
            let start = std::time::Instant::now();
            for _ in 0..repeat {
                for body in bodies {
                    std::hint::black_box(read(std::hint::black_box(body.as_ref())));
                }
            }
            times[reader].push(start.elapsed());
        }
    }
    let medians = times
        .into_iter()
        .map(|mut times| {
            times.sort();
            times[times.len() / 2]
        })
        .collect();
    (medians, repeat)
}
