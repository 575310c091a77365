"""The crate's fixed vocabularies as Python string enums.

Each member's value is the string the native module returns, so ``report.outcome ==
Outcome.INVALID`` holds; ``tests/test_unit.py`` holds every enum equal to the native tables.
"""
from __future__ import annotations
import enum

from . import _native


class Outcome(str, enum.Enum):
    """The verdict on one response."""

    SUCCESS = "success"
    FAILURE = "failure"
    INVALID = "invalid"

    def __str__(self) -> str:
        return self.value


class Severity(str, enum.Enum):
    """How serious a finding is; an ``error`` makes the response invalid."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


class RetryAdvice(str, enum.Enum):
    """Whether sending a failed request again can succeed, and under which condition."""

    RETRY = "retry"
    RETRY_IF_IDEMPOTENT = "retry-if-idempotent"
    RETRY_LATER = "retry-later"
    DO_NOT_RETRY = "do-not-retry"

    def __str__(self) -> str:
        return self.value



class Category(str, enum.Enum):
    """The kind of failure an error code reports."""

    AUTHENTICATION = "authentication"
    AUTHORIZATION = "authorization"
    DRY_RUN = "dry-run"
    THROTTLING = "throttling"
    SERVER = "server"
    INVALID_PARAMETER = "invalid-parameter"
    INVALID_REQUEST = "invalid-request"
    ENDPOINT = "endpoint"
    QUOTA = "quota"
    RESOURCE_STATE = "resource-state"
    NOT_FOUND = "not-found"
    OPERATION = "operation"
    TRANSPORT = "transport"

    def __str__(self) -> str:
        return self.value



class CommonCode(str, enum.Enum):
    """The error codes every API 3.0 action may return; member names are the crate's
    variant names, values the codes as the API sends them."""

    ActionOffline = "ActionOffline"
    AuthFailureInvalidAuthorization = "AuthFailure.InvalidAuthorization"
    AuthFailureInvalidSecretId = "AuthFailure.InvalidSecretId"
    AuthFailureMFAFailure = "AuthFailure.MFAFailure"
    AuthFailureSecretIdNotFound = "AuthFailure.SecretIdNotFound"
    AuthFailureSignatureExpire = "AuthFailure.SignatureExpire"
    AuthFailureSignatureFailure = "AuthFailure.SignatureFailure"
    AuthFailureTokenFailure = "AuthFailure.TokenFailure"
    AuthFailureUnauthorizedOperation = "AuthFailure.UnauthorizedOperation"
    DryRunOperation = "DryRunOperation"
    FailedOperation = "FailedOperation"
    InternalError = "InternalError"
    InvalidAction = "InvalidAction"
    InvalidParameter = "InvalidParameter"
    InvalidParameterValue = "InvalidParameterValue"
    InvalidRequest = "InvalidRequest"
    IpInBlacklist = "IpInBlacklist"
    IpNotInWhitelist = "IpNotInWhitelist"
    LimitExceeded = "LimitExceeded"
    MissingParameter = "MissingParameter"
    NoSuchProduct = "NoSuchProduct"
    NoSuchVersion = "NoSuchVersion"
    RequestLimitExceeded = "RequestLimitExceeded"
    RequestLimitExceededGlobalRegionUinLimitExceeded = "RequestLimitExceeded.GlobalRegionUinLimitExceeded"
    RequestLimitExceededIPLimitExceeded = "RequestLimitExceeded.IPLimitExceeded"
    RequestLimitExceededUinLimitExceeded = "RequestLimitExceeded.UinLimitExceeded"
    RequestSizeLimitExceeded = "RequestSizeLimitExceeded"
    ResourceInUse = "ResourceInUse"
    ResourceInsufficient = "ResourceInsufficient"
    ResourceNotFound = "ResourceNotFound"
    ResourceUnavailable = "ResourceUnavailable"
    ResponseSizeLimitExceeded = "ResponseSizeLimitExceeded"
    ServiceUnavailable = "ServiceUnavailable"
    UnauthorizedOperation = "UnauthorizedOperation"
    UnknownParameter = "UnknownParameter"
    UnsupportedOperation = "UnsupportedOperation"
    UnsupportedProtocol = "UnsupportedProtocol"
    UnsupportedRegion = "UnsupportedRegion"

    def __str__(self) -> str:
        return self.value

    @property
    def category(self) -> Category:
        """The kind of failure, which decides what a caller should do."""
        return Category(_COMMON[self.value][0])

    @property
    def retry_advice(self) -> RetryAdvice:
        """Whether to send the request again, and when."""
        return RetryAdvice(_COMMON[self.value][1])

    @property
    def description(self) -> str:
        """What the code means, in one sentence."""
        return _COMMON[self.value][2]


_COMMON = {code: (category, advice, description) for _, code, category, advice, description in _native.common_codes()}
