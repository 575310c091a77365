"""The corpus replayed through the official Python SDK's own response handling, and the
helper that turns the SDK's leaks and silent acceptances into named rules."""

from __future__ import annotations

import collections
import warnings

import pytest

import tencentcloud_envelope as te
from tencentcloud_envelope import sdk

sdk_replay = pytest.importorskip("sdk_replay")
from sdk_replay import FakeRequest, FakeResponse, client, replay, response_model  # noqa: E402
from tencentcloud.common.abstract_model import AbstractModel  # noqa: E402
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (  # noqa: E402
    TencentCloudSDKException,
)

JSON = {"Content-Type": "application/json"}
CHARSET = {"Content-Type": "application/json; charset=utf-8"}


def request_of(example):
    return FakeRequest(
        {
            "Host": f"{example.service}.tencentcloudapi.com",
            "X-TC-Version": example.version,
            "X-TC-Action": example.action,
        }
    )


@pytest.fixture(scope="module")
def replayed(examples):
    """Each example with what the SDK made of it (status 200, `application/json`)."""
    sdk_client = client()
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for example in examples:
            response = FakeResponse(200, JSON, example.body)
            model = response_model(example.service, example.version_dir, example.action)
            out.append((example, replay(sdk_client, response, model)))
    return out


def leaks(replayed):
    return [(e, o) for e, o in replayed if o.kind == "leak"]


def broken_but_accepted(replayed):
    return [(e, o) for e, o in replayed if o.kind == "accepted" and te.validate(e.body).outcome == "invalid"]


def test_the_sdk_leaks_foreign_exceptions_and_accepts_broken_envelopes(replayed):
    """What the issue reports, measured: the SDK's models add a few leaks of their own."""
    kinds = collections.Counter(o.detail for _, o in leaks(replayed))
    print(f"SDK leaks by exception type: {dict(kinds)}")
    assert kinds["JSONDecodeError"] + kinds["KeyError"] == 556
    assert sum(kinds.values()) >= 556
    assert len(broken_but_accepted(replayed)) == 116


def test_every_leak_and_every_broken_acceptance_gets_a_named_rule(replayed):
    cases = leaks(replayed) + broken_but_accepted(replayed)
    unnamed = []
    for example, _ in cases:
        response = FakeResponse(200, JSON, example.body, request_of(example))
        try:
            sdk.check_response(response, strict=True)
        except sdk.ProtocolException as problem:
            assert problem.rule in te.RULES
            assert problem.code == "ServerNetworkError"
            continue
        unnamed.append(example.path)
    assert unnamed == []


def test_envelope_leaks_are_protocol_errors_without_strict(replayed):
    """Bodies that are not JSON or have no `Response` are refused in every mode."""
    for example, outcome in leaks(replayed):
        if outcome.detail not in ("JSONDecodeError", "KeyError"):
            continue
        with pytest.raises(sdk.ProtocolException) as caught:
            sdk.check_response(FakeResponse(200, JSON, example.body))
        assert caught.value.rule in {"invalid-json", "missing-response", "duplicate-key", "invalid-request-id"}


def test_model_leaks_are_payload_type_mismatches(replayed):
    model_leaks = [e for e, o in leaks(replayed) if o.detail not in ("JSONDecodeError", "KeyError")]
    assert model_leaks
    for example in model_leaks:
        report = sdk.check_response(FakeResponse(200, JSON, example.body, request_of(example)))
        assert report.has("schema-type-mismatch"), example.path


def test_the_sdk_misses_service_errors_sent_with_a_charset(examples):
    sdk_client = client()
    failures = [e for e in examples if te.validate(e.body).outcome == "failure"]
    assert len(failures) > 40
    for example in failures:
        response = FakeResponse(200, CHARSET, example.body)
        outcome = replay(sdk_client, response, response_model(example.service, example.version_dir, example.action))
        assert outcome.kind != "sdk-error", example.path  # the SDK never raises the service's error
        with pytest.raises(sdk.ServiceException) as caught:
            sdk.check_response(response)
        assert caught.value.code == te.validate(example.body).code
        assert caught.value.retry_advice in {a.value for a in te.RetryAdvice}
        assert isinstance(caught.value, TencentCloudSDKException)


def test_service_errors_agree_with_the_sdk_where_it_sees_them(replayed):
    seen = [(e, o) for e, o in replayed if o.kind == "sdk-error"]
    assert seen
    for example, outcome in seen:
        with pytest.raises(sdk.ServiceException) as caught:
            sdk.check_response(FakeResponse(200, JSON, example.body))
        assert caught.value.code == outcome.detail


def test_well_formed_successes_pass(replayed):
    passed = 0
    for example, outcome in replayed:
        if outcome.kind == "accepted" and te.validate(example.body).outcome == "success":
            report = sdk.check_response(FakeResponse(200, JSON, example.body))
            assert report.outcome == "success"
            passed += 1
    assert passed > 9000


class Replaying(sdk_replay.Client):
    """A client whose transport hands back a prepared response instead of calling out."""

    response: FakeResponse

    def _call(self, action, params, options=None, headers=None):
        return self.response


def test_installed_hook_in_the_sdk_call_path(replayed):
    """Through the SDK's own `_call_and_deserialize`: no foreign exception escapes, and every
    leak or broken acceptance becomes a `TencentCloudSDKException` naming a rule."""
    from tencentcloud.common import credential

    hooked = sdk.install(Replaying(credential.Credential("id", "key"), "ap-guangzhou"), strict=True)
    flagged = {e.path for e, _ in leaks(replayed) + broken_but_accepted(replayed)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for example, _ in replayed:
            hooked.response = FakeResponse(200, JSON, example.body, request_of(example))
            model = response_model(example.service, example.version_dir, example.action)
            try:
                hooked._call_and_deserialize(example.action, {}, model)
            except sdk.ProtocolException as problem:
                assert problem.rule in te.RULES
            except TencentCloudSDKException:
                assert example.path not in flagged
            else:
                assert example.path not in flagged


def test_installed_hook_reads_error_statuses():
    from tencentcloud.common import credential

    hooked = sdk.install(Replaying(credential.Credential("id", "key"), "ap-guangzhou"))
    body = b'{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow"}, "RequestId": "r-1"}}'
    hooked.response = FakeResponse(429, CHARSET, body)
    with pytest.raises(sdk.ServiceException) as caught:
        hooked._call_and_deserialize("DescribeZones", {}, AbstractModel)
    assert (caught.value.code, caught.value.status, caught.value.retry_advice) == ("RequestLimitExceeded", 429, "retry")
    hooked.response = FakeResponse(502, {"Content-Type": "text/html"}, b"<html>bad gateway</html>")
    with pytest.raises(sdk.ProtocolException) as gateway:
        hooked._call_and_deserialize("DescribeZones", {}, AbstractModel)
    assert (gateway.value.rule, gateway.value.retry_advice) == ("invalid-json", "retry-if-idempotent")


def test_event_streams_are_left_to_the_sdk():
    with pytest.raises(ValueError, match="event stream"):
        sdk.check_response(FakeResponse(200, {"Content-Type": "text/event-stream"}, b"data: {}\n\n"))


def test_installed_hook_warns_of_deprecation_with_the_detail():
    from tencentcloud.common import credential

    hooked = sdk.install(Replaying(credential.Credential("id", "key"), "ap-guangzhou"))
    body = b'{"Response": {"DeprecatedWarning": "use DescribeZones2", "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}'
    hooked.response = FakeResponse(200, JSON, body)
    with pytest.warns(DeprecationWarning, match="use DescribeZones2"):
        hooked._call_and_deserialize("DescribeZones", {}, AbstractModel)


@pytest.mark.parametrize(
    "host, service",
    [
        ("cbs.tencentcloudapi.com", "cbs"),
        ("cvm.ap-guangzhou.tencentcloudapi.com", "cvm"),
        # Regression: letter case, a port and a trailing dot hid the service.
        ("CBS.TencentCloudAPI.com", "cbs"),
        ("cbs.tencentcloudapi.com:443", "cbs"),
        ("cbs.tencentcloudapi.com.", "cbs"),
        ("Cbs.TENCENTCLOUDAPI.COM.:8443", "cbs"),
        # The domain itself names no service; other hosts are not API endpoints.
        ("tencentcloudapi.com", None),
        ("eviltencentcloudapi.com", None),
        ("cbs.tencentcloudapi.com.evil.example", None),
        ("cbs.tencentcloudapi.co", None),
        ("cbs.tencentcloudapi.com..", None),
        ("[::1]:443", None),
        ("", None),
    ],
)
def test_the_call_comes_from_the_request_host_as_the_library_reads_it(host, service):
    request = FakeRequest({"Host": host, "X-TC-Version": "2017-03-12", "X-TC-Action": "DescribeDisks"})
    expected = (service, "2017-03-12", "DescribeDisks") if service else (None, None, None)
    assert sdk._call_of(FakeResponse(200, JSON, b"", request)) == expected


def test_check_response_reads_the_payload_for_a_host_with_a_port():
    body = b'{"Response": {"TotalCount": "1", "DiskSet": [], "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}'
    request = FakeRequest({"Host": "CBS.tencentcloudapi.com:443", "X-TC-Version": "2017-03-12", "X-TC-Action": "DescribeDisks"})
    assert sdk.check_response(FakeResponse(200, JSON, body, request)).rules == ["schema-type-mismatch"]
