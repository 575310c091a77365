"""Type stubs of the native module ``tencentcloud_envelope._native`` (Rust, PyO3)."""

from typing import Iterable, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union, final

from typing_extensions import NotRequired

Body = Union[bytes, bytearray, str]
Column = Union[None, str, Sequence[Optional[str]]]
Headers = Union[Mapping[str, str], Mapping[bytes, bytes], Iterable[Tuple[Union[str, bytes], Union[str, bytes]]], None]
OutcomeName = Literal["success", "failure", "invalid"]
SeverityName = Literal["note", "warning", "error"]
RetryAdviceName = Literal["retry", "retry-if-idempotent", "retry-later", "do-not-retry"]

class DiagnosticDict(TypedDict):
    rule: str
    severity: SeverityName
    pointer: str
    line: int
    column: int
    message: str

class OmittedDict(TypedDict):
    rule: str
    severity: SeverityName
    count: int

class ReportDict(TypedDict):
    outcome: OutcomeName
    request_id: Optional[str]
    code: Optional[str]
    diagnostics: list[DiagnosticDict]
    omitted: NotRequired[list[OmittedDict]]

class Columns(TypedDict):
    outcome: list[OutcomeName]
    request_id: list[Optional[str]]
    code: list[Optional[str]]
    rules: list[list[str]]

@final
class Diagnostic:
    """One finding: which rule, how serious, and where."""
    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> SeverityName: ...
    @property
    def pointer(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> DiagnosticDict: ...

@final
class Omitted:
    """Findings of one rule past a report's budget (`max_findings`): counted, not kept."""
    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> SeverityName: ...
    @property
    def count(self) -> int: ...
    def to_dict(self) -> OmittedDict: ...

@final
class Report:
    """Everything the validator found in one response."""
    @property
    def outcome(self) -> OutcomeName: ...
    @property
    def request_id(self) -> Optional[str]: ...
    @property
    def code(self) -> Optional[str]: ...
    @property
    def diagnostics(self) -> list[Diagnostic]: ...
    @property
    def omitted(self) -> list[Omitted]: ...
    @property
    def rules(self) -> list[str]: ...
    def has(self, rule: str) -> bool: ...
    def count(self, severity: SeverityName) -> int: ...
    def to_dict(self) -> ReportDict: ...

@final
class Validator:
    """Checks bodies one after another, remembering request ids for `duplicate-request-id`.

    Safe to share between threads: calls take turns on the memory of ids, waiting without
    the GIL."""
    def __init__(
        self,
        *,
        deny_warnings: bool = False,
        allow: Optional[Sequence[str]] = None,
        warn: Optional[Sequence[str]] = None,
        deny: Optional[Sequence[str]] = None,
        nesting_limit: Optional[int] = None,
        request_id_memory: Optional[int] = None,
        max_findings: Optional[int] = None,
    ) -> None: ...
    def validate(
        self,
        body: Body,
        service: Optional[str] = None,
        version: Optional[str] = None,
        action: Optional[str] = None,
    ) -> Report: ...
    def reset(self) -> None: ...
    @property
    def forgotten_request_ids(self) -> int: ...

@final
class Success:
    """A well-formed success envelope."""
    @property
    def status(self) -> int: ...
    @property
    def request_id(self) -> str: ...
    @property
    def request_id_source(self) -> Literal["body", "header"]: ...
    @property
    def deprecated_warning(self) -> Optional[str]: ...
    @property
    def findings(self) -> list[Diagnostic]: ...

@final
class ServiceError:
    """The service reported a failure in `Response.Error`, whatever the HTTP status."""
    @property
    def status(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def request_id(self) -> str: ...
    @property
    def category(self) -> Optional[str]: ...
    @property
    def retry_advice(self) -> RetryAdviceName: ...
    @property
    def is_retryable(self) -> bool: ...
    @property
    def deprecated_warning(self) -> Optional[str]: ...
    @property
    def findings(self) -> list[Diagnostic]: ...

@final
class ProtocolError:
    """The body is not an envelope that can be trusted."""
    @property
    def status(self) -> int: ...
    @property
    def content_type(self) -> Optional[str]: ...
    @property
    def request_id(self) -> Optional[str]: ...
    @property
    def rule(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def excerpt(self) -> str: ...
    @property
    def retry_advice(self) -> RetryAdviceName: ...
    @property
    def is_retryable(self) -> bool: ...

@final
class Explanation:
    """Everything the crate knows about one error code."""
    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> Literal["common", "under-common-prefix", "product", "legacy", "sdk", "unknown"]: ...
    @property
    def category(self) -> Optional[str]: ...
    @property
    def retry_advice(self) -> RetryAdviceName: ...
    @property
    def is_retryable(self) -> bool: ...
    @property
    def is_reviewed(self) -> bool:
        """Whether a person checked the meaning and advice against the product's documentation."""
    @property
    def is_advice_stated(self) -> bool:
        """Whether a table states the retry advice (rather than it defaulting to do-not-retry)."""
    @property
    def lang(self) -> Literal["en", "zh"]: ...
    @property
    def description(self) -> str:
        """What the code means, in `lang`."""
    @property
    def what_to_do(self) -> str:
        """What to do about it, in `lang`."""
    @property
    def translations(self) -> dict[str, Tuple[str, str]]:
        """(description, what_to_do) in every language, by tag: `en`, `zh`."""
    @property
    def sites(self) -> list[Literal["intl", "china"]]: ...
    @property
    def common(self) -> Optional[str]: ...
    @property
    def products(self) -> list[str]: ...
    @property
    def documentation(self) -> Optional[str]: ...

def validate(
    body: Body,
    service: Optional[str] = None,
    version: Optional[str] = None,
    action: Optional[str] = None,
) -> Report: ...
def validate_many(
    bodies: Iterable[Body],
    services: Column = None,
    versions: Column = None,
    actions: Column = None,
    *,
    threads: Optional[int] = None,
    deny_warnings: bool = False,
    allow: Optional[Sequence[str]] = None,
    warn: Optional[Sequence[str]] = None,
    deny: Optional[Sequence[str]] = None,
) -> list[Report]: ...
def validate_columns(
    bodies: Iterable[Body],
    services: Column = None,
    versions: Column = None,
    actions: Column = None,
    *,
    threads: Optional[int] = None,
    deny_warnings: bool = False,
    allow: Optional[Sequence[str]] = None,
    warn: Optional[Sequence[str]] = None,
    deny: Optional[Sequence[str]] = None,
) -> Columns: ...
def classify(status: int, headers: Headers, body: Body) -> Union[Success, ServiceError, ProtocolError]: ...
def explain(code: str, service: Optional[str] = None, lang: Optional[Literal["en", "zh"]] = None) -> Explanation:
    """Explains any code string, optionally for a call to `service`, with its prose in `lang`
    (by default the locale's: Chinese when LC_ALL, LC_MESSAGES or LANG starts with `zh`).
    Raises ValueError for a language other than `en` or `zh`."""
def rules() -> list[Tuple[str, str, str, str]]: ...
def service_of_host(host: str) -> Optional[str]:
    """The service an API endpoint's `Host` names (`cbs` for `CBS.tencentcloudapi.com:443`),
    else None."""
def common_codes() -> list[Tuple[str, str, str, str, str]]: ...
def categories() -> list[str]: ...
def retry_advices() -> list[str]: ...
def outcomes() -> list[str]: ...
def severities() -> list[str]: ...
