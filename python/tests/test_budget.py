"""The findings budget from Python: a report keeps the first findings and counts the rest,
and a 60 MB body drawing millions of findings costs a small multiple of its size."""

import subprocess
import sys
import textwrap

import tencentcloud_envelope as te

ID = '"RequestId": "c933aca1-90d2-4ab8-b045-f1b08069d76f"'


def repeated_keys(count: int) -> bytes:
    return ('{"Response": {' + ID + ", " + ",".join(['"a":1'] * count) + "}}").encode()


def test_a_report_keeps_the_budget_and_counts_the_rest():
    report = te.validate(repeated_keys(2_501))
    assert report.outcome == "invalid"
    assert len(report.diagnostics) == 1_000
    assert [(o.rule, o.severity, o.count) for o in report.omitted] == [
        ("duplicate-key", "error", 1_500)
    ]
    assert report.count("error") == 2_500
    assert report.to_dict()["omitted"] == [
        {"rule": "duplicate-key", "severity": "error", "count": 1_500}
    ]
    assert "omitted" not in te.validate(repeated_keys(2)).to_dict()


def test_the_budget_is_a_validator_option():
    report = te.Validator(max_findings=3).validate(repeated_keys(11))
    assert len(report.diagnostics) == 3
    assert report.omitted[0].count == 7
    assert report.has("duplicate-key")


def test_a_60_mb_body_of_repeated_keys_costs_a_small_multiple_of_its_size():
    size = 60 << 20
    program = textwrap.dedent(
        f"""
        import tencentcloud_envelope as te

        def peak_kib():
            status = open("/proc/self/status").read()
            return int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1])

        body = b'{{"Response": {{{ID}, ' + b'"a":1,' * ({size} // 6) + b'"a":1}}}}'
        open("/proc/self/clear_refs", "w").write("5")  # the peak starts again from here
        before = peak_kib()
        report = te.validate(body)
        after = peak_kib()
        print(len(body), before, after, len(report.diagnostics), report.omitted[0].count)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", program], check=True, capture_output=True, text=True
    ).stdout
    length, before_kib, after_kib, kept, omitted = map(int, out.split())
    assert kept == 1_000 and omitted > 10_000_000
    # Before the budget, a 10 MB body took 863 MB.
    extra = (after_kib - before_kib) * 1024
    assert extra < 2 * length + (16 << 20), f"{extra >> 20} MB beyond a {length >> 20} MB body"
