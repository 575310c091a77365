"""Properties over arbitrary input: the binding never fails on a body, whatever its bytes, and
its three ways of validating agree."""

from __future__ import annotations

import pytest

import tencentcloud_envelope as te

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ENVELOPE = b'{"Response": {"Error": {"Code": "InternalError", "Message": "x"}, "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}'

# Arbitrary bytes, and envelopes with a few bytes changed, dropped or cut off.
bodies = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200),
    st.tuples(st.integers(0, len(ENVELOPE)), st.binary(max_size=4), st.integers(0, 4)).map(
        lambda t: ENVELOPE[: t[0]] + t[1] + ENVELOPE[t[0] + t[2] :]
    ),
)


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(bodies, max_size=40), st.integers(1, 4))
def test_batch_equals_one_by_one(batch, threads):
    reports = te.validate_many(batch, threads=threads)
    assert reports == [te.validate(body) for body in batch]
    columns = te.validate_columns(batch, threads=threads)
    assert columns["outcome"] == [r.outcome for r in reports]
    assert columns["rules"] == [r.rules for r in reports]


@settings(max_examples=400, deadline=None, database=None)
@given(bodies)
def test_every_report_is_well_formed(body):
    report = te.validate(body)
    assert report.outcome in {o.value for o in te.Outcome}
    assert (report.outcome == "invalid") == any(d.severity == "error" for d in report.diagnostics)
    for diagnostic in report.diagnostics:
        assert diagnostic.rule in te.RULES
        assert diagnostic.line >= 1 and diagnostic.column >= 1


@settings(max_examples=400, deadline=None, database=None)
@given(st.integers(100, 599), bodies, st.sampled_from(["application/json", "text/html", "application/json; charset=utf-8"]))
def test_classify_always_answers(status, body, content_type):
    result = te.classify(status, {"Content-Type": content_type}, body)
    assert isinstance(result, (te.Success, te.ServiceError, te.ProtocolError))
    if isinstance(result, te.ProtocolError):
        assert result.rule in te.RULES
    report = te.validate(body)
    if isinstance(result, te.ServiceError):
        assert result.code == report.code
