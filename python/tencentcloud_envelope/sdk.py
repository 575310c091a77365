"""A check for the official Python SDK (``tencentcloud-sdk-python``, ``-intl-en``).

The SDK reads a response with ``json.loads`` and dictionary lookups: a body that is not an
envelope escapes as a bare ``JSONDecodeError``, ``KeyError`` or ``TypeError``; a broken
envelope is accepted; and a service error whose ``Content-Type`` carries ``; charset=utf-8``
is not seen at all. :func:`check_response` reads the ``requests`` response the SDK got with
the crate's classifier and turns each of those into an exception the SDK's callers already
catch (a ``TencentCloudSDKException``) that names the rule broken. :func:`install` puts it in
a client's own response handling::

    from tencentcloud.cvm.v20170312 import cvm_client
    from tencentcloud_envelope import sdk

    client = sdk.install(cvm_client.CvmClient(credential, "ap-guangzhou"))
    try:
        client.DescribeInstances(request)
    except sdk.ProtocolException as problem:   # the body is not a trustworthy envelope
        log(problem.rule, problem.retry_advice, problem.excerpt)
    except sdk.ServiceException as error:      # the service's Error, with retry advice
        if error.retry_advice == "retry": ...
"""

from __future__ import annotations

import warnings
from typing import Any, Optional

from . import _native

try:
    from tencentcloud.common.exception.tencent_cloud_sdk_exception import (  # type: ignore[import-untyped, unused-ignore]
        TencentCloudSDKException as _Base,
    )
except ImportError:  # the helper works without the SDK, on any response-like object

    class _Base(Exception):  # type: ignore[no-redef]
        def __init__(self, code: Any = None, message: Any = None, requestId: Any = None) -> None:
            super().__init__(code, message, requestId)
            self.code = code
            self.message = message
            self.requestId = requestId


#: The SDK's own code for an answer it cannot read (what it raises for a non-200 status).
PROTOCOL_CODE = "ServerNetworkError"


class ProtocolException(_Base):  # type: ignore[misc]
    """The body is not an envelope that can be trusted; ``rule`` names the rule it breaks.

    A ``TencentCloudSDKException`` with code ``ServerNetworkError``, as the SDK raises for an
    answer it cannot read."""

    def __init__(
        self,
        rule: str,
        message: str,
        *,
        status: int,
        request_id: Optional[str],
        retry_advice: str,
        excerpt: str = "",
        content_type: Optional[str] = None,
        report: Optional[_native.Report] = None,
    ) -> None:
        super().__init__(PROTOCOL_CODE, f"{rule}: {message}", request_id)
        #: The validator's report, when the envelope was readable (under ``strict``).
        self.report = report
        self.rule = rule
        self.status = status
        self.retry_advice = retry_advice
        self.excerpt = excerpt
        self.content_type = content_type

    @property
    def is_retryable(self) -> bool:
        return self.retry_advice != "do-not-retry"


class ServiceException(_Base):  # type: ignore[misc]
    """The service's ``Response.Error``: ``code``, ``message`` and ``requestId`` as the SDK
    gives them, plus the crate's ``category`` and ``retry_advice`` for the code."""

    def __init__(self, error: _native.ServiceError, report: Optional[_native.Report] = None) -> None:
        super().__init__(error.code, error.message, error.request_id)
        #: The validator's report on the body (its tolerated findings).
        self.report = report
        self.status = error.status
        self.category = error.category
        self.retry_advice = error.retry_advice

    @property
    def is_retryable(self) -> bool:
        return self.retry_advice != "do-not-retry"


def _media_type(headers: Any) -> str:
    value = headers.get("Content-Type") or ""
    return str(value).split(";")[0].strip().lower()


def _call_of(response: Any) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """Service, version and action from the request the response answers, when it says."""
    request = getattr(response, "request", None)
    headers = getattr(request, "headers", None) or {}
    # The library's rule for API hosts: letter case, a port and a trailing dot do not matter.
    service = _native.service_of_host(str(headers.get("Host") or ""))
    version = headers.get("X-TC-Version") if service else None
    action = headers.get("X-TC-Action") if service else None
    return service, version, action


#: Findings that refuse a body under ``strict`` whatever their severity: a payload member of
#: another type than the action's description says, which the SDK's models trip over
#: (``AttributeError``, ``TypeError``).
STRICT_RULES = frozenset({"schema-type-mismatch"})


def check_response(
    response: Any,
    *,
    strict: bool = False,
    service: Optional[str] = None,
    version: Optional[str] = None,
    action: Optional[str] = None,
) -> _native.Report:
    """Checks the ``requests`` response an SDK call got (anything with ``status_code``,
    ``headers`` and ``content``), and returns the validator's report on a success.

    Raises :class:`ProtocolException` for a body that is not a trustworthy envelope, and
    :class:`ServiceException` for the service's error, at any status and whatever the
    ``Content-Type`` parameters. The report checks the payload against the action's API
    description when the call is known: from ``service``, ``version`` and ``action``, else from
    the request's ``Host``, ``X-TC-Version`` and ``X-TC-Action`` headers. With ``strict``, a
    success whose report has a finding of severity ``error`` or of a rule in
    :data:`STRICT_RULES` raises :class:`ProtocolException` naming that rule.

    An event stream (``text/event-stream``) is refused with ``ValueError``: it is read as it
    arrives, not whole.
    """
    return _check(response, strict, service, version, action)[1]


def _check(
    response: Any,
    strict: bool,
    service: Optional[str],
    version: Optional[str],
    action: Optional[str],
) -> tuple[_native.Success, _native.Report]:
    """`check_response`, also handing back the classifier's `Success`."""
    headers = response.headers
    if _media_type(headers) == "text/event-stream":
        raise ValueError("check_response reads whole bodies; an event stream is left to the SDK")
    body = response.content
    result = _native.classify(response.status_code, headers, body)
    if isinstance(result, _native.ProtocolError):
        raise ProtocolException(
            result.rule,
            result.message,
            status=result.status,
            request_id=result.request_id,
            retry_advice=result.retry_advice,
            excerpt=result.excerpt,
            content_type=result.content_type,
        )
    if service is None:
        service, version, action = _call_of(response)
    report = _native.validate(body, service, version, action)
    if isinstance(result, _native.ServiceError):
        raise ServiceException(result, report)
    if strict:
        for diagnostic in report.diagnostics:
            if diagnostic.severity == "error" or diagnostic.rule in STRICT_RULES:
                raise ProtocolException(
                    diagnostic.rule,
                    f"{diagnostic.message} (at {diagnostic.pointer or '/'}, "
                    f"line {diagnostic.line}, column {diagnostic.column})",
                    status=response.status_code,
                    request_id=report.request_id,
                    retry_advice="do-not-retry",
                    content_type=headers.get("Content-Type"),
                    report=report,
                )
    return result, report


def install(client: Any, *, strict: bool = False) -> Any:
    """Makes ``client`` (any ``AbstractClient``) check every JSON response with
    :func:`check_response` before the SDK reads it; returns the client.

    The SDK's own status check is replaced too: a service error sent with an HTTP error status
    is then raised with its code, and a gateway's page as a :class:`ProtocolException` (code
    ``ServerNetworkError``, as before). Event streams pass through untouched.
    """

    def check_status(response: Any) -> None:
        if _media_type(response.headers) == "text/event-stream":
            client.__class__._check_status(client, response)

    def check_error(response: Any) -> None:
        if _media_type(response.headers) == "text/event-stream":
            return
        success, _ = _check(response, strict, None, None, None)
        if success.deprecated_warning is not None:
            warnings.warn(
                f"This action is deprecated, detail: {success.deprecated_warning}",
                DeprecationWarning,
                stacklevel=3,
            )

    client._check_status = check_status
    client._check_error = check_error
    return client


__all__ = [
    "PROTOCOL_CODE",
    "STRICT_RULES",
    "ProtocolException",
    "ServiceException",
    "check_response",
    "install",
]
