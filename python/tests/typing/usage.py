"""Typed use of the package, checked by mypy in `test_typing.py` (never run)."""

from __future__ import annotations

from typing import Optional

import tencentcloud_envelope as te
from tencentcloud_envelope import sdk


def first_rule(body: bytes) -> Optional[str]:
    report: te.Report = te.validate(body, "cbs", "2017-03-12", "DescribeDisks")
    for diagnostic in report.diagnostics:
        line: int = diagnostic.line
        assert line > 0
        return diagnostic.rule
    return None


def advice(status: int, body: bytes) -> str:
    result = te.classify(status, {"Content-Type": "application/json"}, body)
    if isinstance(result, te.ServiceError):
        return result.retry_advice
    if isinstance(result, te.ProtocolError):
        return result.rule
    return result.request_id


def columns(bodies: list[bytes]) -> list[list[str]]:
    return te.validate_columns(bodies, "cbs", threads=2)["rules"]


def retryable(code: str) -> bool:
    return te.explain(code).is_retryable and te.CommonCode.InternalError.retry_advice is te.RetryAdvice.RETRY_IF_IDEMPOTENT


def checked(response: object) -> str:
    return sdk.check_response(response, strict=True).outcome
