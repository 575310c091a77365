"""The Python report equals the command-line tool's JSON Lines record, for every example of both
sites."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import tencentcloud_envelope as te


def tool_records(tool: Path, *arguments: str) -> list[tuple[str, dict]]:
    """`tc-envelope check --format jsonl ARGUMENTS` as (source, record without source), in
    the order the tool checked them."""
    run = subprocess.run(
        [str(tool), "check", "--format", "jsonl", *arguments],
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr.decode(errors="replace")
    records = []
    for line in run.stdout.splitlines():
        record = json.loads(line)
        records.append((record.pop("source"), record))
    return records


def essentials(record: dict) -> tuple:
    rules = [d["rule"] for d in record["diagnostics"]]
    return (record["outcome"], record["request_id"], record["code"], rules)


@pytest.fixture(scope="module")
def examples(site_examples):
    """One site's examples: every test here runs for each site."""
    return site_examples[1]


@pytest.fixture(scope="module")
def documents(site_examples, tool):
    """The tool's records for the corpus directory: each `.json` file one document, checked
    without a service (the tool takes a call from captures and options, never from paths)."""
    root, examples = site_examples
    records = tool_records(tool, str(root))
    assert sorted(source for source, _ in records) == sorted(str(e.path) for e in examples)
    return records


def test_every_file_equals_the_tool_record(examples, documents):
    """One `Validator` fed in the tool's order remembers request ids as the tool does, so the
    whole record agrees: outcome, request id, code, and every diagnostic's rule, severity,
    pointer, line, column and message, `duplicate-request-id` included."""
    bodies = {str(e.path): e.body for e in examples}
    validator = te.Validator()
    mismatches = [
        (source, report, record)
        for source, record in documents
        if (report := validator.validate(bodies[source]).to_dict()) != record
    ]
    assert mismatches == []
    assert any("duplicate-request-id" in essentials(r)[3] for _, r in documents)


def test_stateless_validate_equals_the_tool_but_for_repeats(examples, documents):
    """`validate` checks each body alone: the same record, less `duplicate-request-id`."""
    records = dict(documents)
    for example in examples:
        outcome, request_id, code, rules = essentials(records[str(example.path)])
        report = te.validate(example.body)
        expected = (outcome, request_id, code, [r for r in rules if r != "duplicate-request-id"])
        assert (report.outcome, report.request_id, report.code, report.rules) == expected, example.path


def test_batch_equals_validate(examples):
    bodies = [e.body for e in examples]
    expected = [te.validate(body) for body in bodies]
    assert te.validate_many(bodies, threads=2) == expected


def one_line(text: str) -> str:
    """`text` with whitespace outside strings dropped, a raw line break inside a string made a
    raw tab: one JSON Lines line, as broken as before (as `tests/doc_corpus` does in Rust)."""
    out = []
    in_string = escaped = False
    for c in text:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
            out.append("\t" if c in "\n\r" else c)
        elif c in " \t\n\r":
            continue
        else:
            in_string = c == '"'
            out.append(c)
    return "".join(out)


def strict_json(text: str) -> bool:
    def refuse(name: str) -> None:
        raise ValueError(name)

    try:
        json.loads(text, parse_constant=refuse)
    except ValueError:
        return False
    return True


def test_capture_records_with_service_version_action(examples, tool, tmp_path):
    """A JSON Lines capture whose records carry `service`, `version` and `action` from each
    example's path: the tool checks the payload against that description, and Python
    `validate(body, service, version, action)` agrees on outcome, request id, code and rules.
    Examples that are not JSON cannot sit in a capture record and are left to the tests above."""
    kept = []
    lines = []
    for example in examples:
        body = one_line(example.body.decode("utf-8", errors="replace"))
        if not strict_json(body):
            continue
        kept.append((example, body.encode()))
        lines.append(
            json.dumps({"service": example.service, "version": example.version, "action": example.action})[:-1]
            + f', "response": {body}}}'
        )
    assert len(kept) > 0.9 * len(examples)
    capture = tmp_path / "doc-examples.jsonl"
    capture.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = tool_records(tool, str(capture))
    assert len(records) == len(kept)
    validator = te.Validator()
    schema_findings = 0
    for (example, body), (_, record) in zip(kept, records):
        report = validator.validate(body, example.service, example.version, example.action)
        assert (report.outcome, report.request_id, report.code, report.rules) == essentials(record), example.path
        schema_findings += sum(rule.startswith("schema-") for rule in report.rules)
    assert schema_findings > 0
