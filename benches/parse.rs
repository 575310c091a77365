//! Every way of reading a response, measured beside the naive `serde_json::Value` parse.
//!
//! `cargo bench` runs it; each group reports throughput so inputs of different sizes compare.

#[allow(dead_code, reason = "the examples read the corpus through it")]
mod inputs;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use tencentcloud_envelope::{Call, Envelope, EventStream, Response, Validator, validate};

#[allow(dead_code, reason = "the fields exist to be deserialized")]
#[allow(clippy::struct_field_names, reason = "the names mirror the API's")]
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Disk {
    disk_id: String,
    disk_name: String,
    disk_type: String,
    disk_state: String,
    disk_size: u64,
    attached: bool,
    instance_id: String,
    placement: Placement,
    tags: Vec<Tag>,
}

#[allow(dead_code, reason = "the fields exist to be deserialized")]
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Placement {
    zone: String,
    project_id: i64,
}

#[allow(dead_code, reason = "the fields exist to be deserialized")]
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Tag {
    key: String,
    value: String,
}

#[allow(dead_code, reason = "the fields exist to be deserialized")]
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeDisks {
    total_count: u64,
    #[serde(default)]
    disk_set: Vec<Disk>,
}

#[allow(dead_code, reason = "the fields exist to be deserialized")]
#[derive(Deserialize)]
struct Unwrapped {
    #[serde(rename = "Response")]
    response: DescribeDisks,
}

fn single_responses(c: &mut Criterion) {
    let inputs = [
        ("error-envelope", inputs::SEED_FAILURE.to_owned()),
        ("typical-3-disks", inputs::describe_disks(3, 1)),
        ("large-40-disks", inputs::describe_disks(40, 2)),
    ];
    for (name, text) in &inputs {
        let bytes = text.as_bytes();
        let mut group = c.benchmark_group(*name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("naive-value", |b| {
            b.iter(|| {
                serde_json::from_slice::<serde_json::Value>(black_box(bytes)).map(|v| v.is_object())
            });
        });
        group.bench_function("envelope-view", |b| {
            b.iter(|| Envelope::from_slice(black_box(bytes)).map(|e| e.is_success()));
        });
        group.bench_function("validate", |b| {
            b.iter(|| validate(black_box(bytes)).outcome());
        });
        // On the error envelope this yields the `ApiError` despite `DescribeDisks`'s required field.
        group.bench_function("typed-response", |b| {
            b.iter(|| {
                serde_json::from_slice::<Response<DescribeDisks>>(black_box(bytes))
                    .map(|r| r.is_success())
            });
        });
        if *name != "error-envelope" {
            group.bench_function("typed-payload-alone", |b| {
                b.iter(|| {
                    serde_json::from_slice::<Unwrapped>(black_box(bytes))
                        .map(|u| u.response.total_count)
                });
            });
        }
        group.finish();
    }
}

fn capture(c: &mut Criterion) {
    let text = inputs::capture(2_000);
    let mut group = c.benchmark_group("jsonl-2000-records");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("naive-value", |b| {
        b.iter(|| {
            text.lines()
                .filter(|line| serde_json::from_str::<serde_json::Value>(line).is_ok())
                .count()
        });
    });
    group.bench_function("validator", |b| {
        b.iter(|| {
            let mut validator = Validator::new();
            text.lines()
                .map(|line| validator.validate(line.as_bytes()).diagnostics().len())
                .sum::<usize>()
        });
    });
    group.finish();
}

/// How the validator's cost grows: with the size of a response, and with the width of one
/// object (duplicate detection must stay linear).
fn scaling(c: &mut Criterion) {
    let inputs = [
        ("1-disk", inputs::describe_disks(1, 3)),
        ("100-disks", inputs::describe_disks(100, 4)),
        ("10000-disks", inputs::describe_disks(10_000, 5)),
        ("1000-keys", inputs::wide_object(1_000)),
        ("100000-keys", inputs::wide_object(100_000)),
    ];
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for (name, text) in &inputs {
        let bytes = text.as_bytes();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("naive-value/{name}"), |b| {
            b.iter(|| {
                serde_json::from_slice::<serde_json::Value>(black_box(bytes)).map(|v| v.is_object())
            });
        });
        group.bench_function(format!("validate/{name}"), |b| {
            b.iter(|| validate(black_box(bytes)).outcome());
        });
    }
    group.finish();
}

/// The cost of holding a payload against CBS's description, beside the envelope check alone.
fn schema(c: &mut Criterion) {
    let call = Call::new("cbs")
        .version("2017-03-12")
        .action("DescribeDisks");
    for disks in [3, 40] {
        let text = inputs::conforming_disks(disks);
        let bytes = text.as_bytes();
        let mut group = c.benchmark_group(format!("schema-{disks}-disks"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("naive-value", |b| {
            b.iter(|| {
                serde_json::from_slice::<serde_json::Value>(black_box(bytes)).map(|v| v.is_object())
            });
        });
        // A fresh validator each time, so neither sees the request id repeated.
        group.bench_function("validator", |b| {
            b.iter(|| Validator::new().validate(black_box(bytes)).outcome());
        });
        group.bench_function("validator-with-schema", |b| {
            b.iter(|| {
                Validator::new()
                    .validate_call(black_box(bytes), call)
                    .outcome()
            });
        });
        group.finish();
    }
}

/// The event-stream parser on 10 MB, fed in 16 KiB chunks as a socket would deliver it, beside
/// splitting the whole body at blank lines and parsing each event's data into `Value`.
fn event_stream(c: &mut Criterion) {
    let stream = inputs::event_stream(10 << 20);
    let mut group = c.benchmark_group("event-stream-10mb");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(stream.len() as u64));
    group.bench_function("naive-value", |b| {
        b.iter(|| {
            let text = std::str::from_utf8(black_box(&stream)).unwrap_or_default();
            text.split("\r\n\r\n")
                .filter_map(|event| event.split("data: ").nth(1))
                .filter(|data| serde_json::from_str::<serde_json::Value>(data).is_ok())
                .count()
        });
    });
    group.bench_function("event-stream", |b| {
        b.iter(|| {
            let mut parser = EventStream::new();
            let mut items = Vec::new();
            let mut count = 0;
            for chunk in black_box(&stream).chunks(16 << 10) {
                let _ = parser.feed(chunk, &mut items);
                count += items.len();
                items.clear();
            }
            count
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50);
    targets = single_responses, capture, scaling, schema, event_stream
}
criterion_main!(benches);
