"""Validate and classify Tencent Cloud API 3.0 response envelopes.

The Python face of the Rust crate ``tencentcloud-envelope``::

    >>> import tencentcloud_envelope as te
    >>> report = te.validate(b'{"Response": {"TotalCount": 0}}')
    >>> report.outcome, report.rules
    ('invalid', ['missing-request-id'])

Reports use the field names of ``tc-envelope check --format jsonl``: ``outcome``,
``request_id``, ``code`` and ``diagnostics`` (each with ``rule``, ``severity``, ``pointer``,
``line``, ``column`` and ``message``). ``tencentcloud_envelope.sdk`` checks the responses the
official Python SDK receives; ``tencentcloud_envelope.spark`` validates DataFrames.
"""

from __future__ import annotations

from typing import NamedTuple

from . import _native
from ._enums import Category, CommonCode, Outcome, RetryAdvice, Severity
from ._native import (
    Diagnostic,
    Explanation,
    Omitted,
    ProtocolError,
    Report,
    ServiceError,
    Success,
    Validator,
    classify,
    explain,
    validate,
    validate_columns,
    validate_many,
)


class RuleInfo(NamedTuple):
    """One rule of the validator: its stable id, default severity, what it means for a reader
    (``fatal``, ``fatal-without-header-id`` or ``tolerated``) and its description."""

    id: str
    severity: Severity
    consequence: str
    description: str


#: Every rule by id, in the order the documentation lists them.
RULES: dict[str, RuleInfo] = {
    rule: RuleInfo(rule, Severity(severity), consequence, description)
    for rule, severity, consequence, description in _native.rules()
}

__all__ = [
    "RULES",
    "Category",
    "CommonCode",
    "Diagnostic",
    "Explanation",
    "Omitted",
    "Outcome",
    "ProtocolError",
    "Report",
    "RetryAdvice",
    "RuleInfo",
    "ServiceError",
    "Severity",
    "Success",
    "Validator",
    "classify",
    "explain",
    "validate",
    "validate_columns",
    "validate_many",
]
