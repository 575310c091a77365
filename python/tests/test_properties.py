"""Properties over arbitrary input: the binding never fails on a body, whatever its bytes, and
its three ways of validating agree."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import tencentcloud_envelope as te
from tencentcloud_envelope import sdk

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


def answering(headers: dict[str, str]) -> SimpleNamespace:
    """A stand-in for a `requests` response to a request with `headers`."""
    return SimpleNamespace(request=SimpleNamespace(headers=headers))


labels = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)


@settings(max_examples=300, deadline=None, database=None)
@given(
    labels,
    st.lists(labels, max_size=2),
    st.randoms(use_true_random=False),
    st.sampled_from(["", "."]),
    st.one_of(st.none(), st.integers(0, 65535)),
)
def test_sdk_reads_the_service_of_any_api_host(service, region, random, dot, port):
    """The first label of a host under tencentcloudapi.com, whatever the case, a trailing dot
    or a port; glued to the domain without a dot, the same name is another host."""
    name = ".".join([service, *region, "tencentcloudapi.com"]) + dot
    name = "".join(c.upper() if random.random() < 0.5 else c for c in name)
    host = name if port is None else f"{name}:{port}"
    assert sdk._call_of(answering({"Host": host, "X-TC-Action": "A"})) == (service, None, "A")
    glued = {"Host": service + "tencentcloudapi.com", "X-TC-Action": "A"}
    assert sdk._call_of(answering(glued)) == (None, None, None)
