"""The package's API on small hand-written bodies: each test one behaviour."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

import tencentcloud_envelope as te
from tencentcloud_envelope import _native

OK = b'{"Response": {"TotalCount": 0, "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}'
FAILED = (
    b'{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"},'
    b' "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}'
)
NO_ID = b'{"Response": {"TotalCount": 0}}'


def test_success_report():
    report = te.validate(OK)
    assert report.outcome == "success" == te.Outcome.SUCCESS
    assert report.request_id == "b5b41468-520d-4192-b42f-595cc34b6c1c"
    assert report.code is None
    assert report.diagnostics == [] and report.rules == []


def test_failure_report_has_the_code():
    report = te.validate(FAILED)
    assert (report.outcome, report.code) == ("failure", "RequestLimitExceeded")


def test_diagnostic_fields_match_the_tool_json():
    report = te.validate(b'{"Response": {\n  "TotalCount": 0}}')
    (diagnostic,) = report.diagnostics
    assert report.outcome == "invalid"
    assert diagnostic.to_dict() == {
        "rule": "missing-request-id",
        "severity": "error",
        "pointer": "/Response",
        "line": 1,
        "column": 14,
        "message": diagnostic.message,
    }
    assert "RequestId" in diagnostic.message
    assert report.to_dict() == {
        "outcome": "invalid",
        "request_id": None,
        "code": None,
        "diagnostics": [diagnostic.to_dict()],
    }


def test_str_and_bytearray_bodies_equal_bytes():
    assert te.validate(OK.decode()) == te.validate(OK) == te.validate(bytearray(OK))


@pytest.mark.parametrize("body", [3, None, ["x"], object()])
def test_a_body_of_another_type_is_a_type_error(body):
    with pytest.raises(TypeError, match="bytes, bytearray or str"):
        te.validate(body)


def test_version_without_service_is_a_value_error():
    with pytest.raises(ValueError, match="needs a service"):
        te.validate(OK, version="2017-03-12")


def test_service_version_action_check_the_payload():
    body = b'{"Response": {"TotalCount": "1", "DiskSet": [], "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}'
    assert te.validate(body).rules == []
    report = te.validate(body, "cbs", "2017-03-12", "DescribeDisks")
    assert report.rules == ["schema-type-mismatch"]
    assert report.diagnostics[0].pointer == "/Response/TotalCount"


def test_unknown_service_is_a_finding():
    assert te.validate(OK, "nosuchservice", action="X").rules == ["unknown-service"]


def test_validator_remembers_request_ids():
    validator = te.Validator()
    assert validator.validate(OK).rules == []
    assert validator.validate(OK).rules == ["duplicate-request-id"]
    validator.reset()
    assert validator.validate(OK).rules == []
    assert te.validate(OK).rules == te.validate(OK).rules == []


def large_body(request_id: str) -> bytes:
    """A success of more than 64 KiB, the size from which the GIL is released while checking."""
    padding = "x" * (64 * 1024)
    return f'{{"Response": {{"Note": "{padding}", "RequestId": "{request_id}"}}}}'.encode()


def test_a_validator_shared_between_threads_checks_large_bodies_without_errors():
    """Regression: concurrent calls raised RuntimeError('Already borrowed') above 64 KiB."""
    validator = te.Validator()
    threads, calls = 8, 12
    ids = [f"b5b41468-520d-4192-b42f-{n:012d}" for n in range(threads * calls)]
    errors: list[BaseException] = []
    rules: list[list[str]] = []
    start = threading.Barrier(threads)

    def work(mine: list[str]) -> None:
        start.wait()
        for request_id in mine:
            try:
                rules.append(validator.validate(large_body(request_id)).rules)
            except BaseException as error:  # noqa: BLE001 - every failure is the finding
                errors.append(error)

    workers = [threading.Thread(target=work, args=(ids[n::threads],)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert rules == [[]] * len(ids)
    # Every id was remembered once: none lost, none counted twice.
    assert all(validator.validate(large_body(i)).rules == ["duplicate-request-id"] for i in ids)


def test_validator_options():
    body = b'{"Response": {"RequestId": "not-a-uuid"}}'
    assert te.validate(body).outcome == "success"
    assert te.Validator(deny_warnings=True).validate(body).outcome == "invalid"
    assert te.Validator(deny=["request-id-not-uuid"]).validate(body).outcome == "invalid"
    assert te.Validator(allow=["request-id-not-uuid"]).validate(body).rules == []
    assert te.Validator(nesting_limit=2).validate(b'{"Response": {"A": [[1]]}}').has("invalid-json")


@pytest.mark.parametrize(
    "options, message",
    [
        ({"allow": ["no-such-rule"]}, "`no-such-rule` is not a rule id"),
        ({"nesting_limit": 0}, "nesting_limit"),
        ({"nesting_limit": 5000}, "nesting_limit"),
    ],
)
def test_bad_validator_options_are_value_errors(options, message):
    with pytest.raises(ValueError, match=message):
        te.Validator(**options)


def test_report_has_and_count_refuse_unknown_names():
    report = te.validate(NO_ID)
    assert report.has("missing-request-id") and report.count("error") == 1
    with pytest.raises(ValueError):
        report.has("missing-requestid")
    with pytest.raises(ValueError):
        report.count("fatal")


def test_validate_many_keeps_order_and_equals_validate():
    bodies = [OK, FAILED, NO_ID, b"", b"<html>", "{}"] * 50
    expected = [te.validate(body) for body in bodies]
    for threads in (1, 2, 7):
        assert te.validate_many(bodies, threads=threads) == expected


def test_validate_many_does_not_flag_repeats_within_a_batch():
    assert [r.rules for r in te.validate_many([OK] * 40, threads=2)] == [[]] * 40


def test_validate_many_per_body_calls():
    body = b'{"Response": {"TotalCount": "1", "DiskSet": [], "RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}'
    reports = te.validate_many(
        [body, body, body], ["cbs", None, "cbs"], ["2017-03-12", None, None], ["DescribeDisks", None, None]
    )
    assert [r.rules for r in reports] == [["schema-type-mismatch"], [], []]


@pytest.mark.parametrize(
    "columns",
    [
        {"actions": "DescribeDisks"},
        {"versions": ["2017-03-12"]},
        {"services": [None], "actions": ["DescribeDisks"]},
    ],
)
def test_validate_many_version_or_action_without_service_is_a_value_error(columns):
    """Regression: `validate` refused this misuse, `validate_many` ignored it silently."""
    with pytest.raises(ValueError, match="body 0: a version or an action needs a service"):
        te.validate_many([OK], **columns)
    with pytest.raises(ValueError, match="needs a service"):
        te.validate_columns([OK], **columns)
    # The same misuse, one body at a time.
    one = {name[:-1]: value if isinstance(value, str) else value[0] for name, value in columns.items()}
    with pytest.raises(ValueError, match="needs a service"):
        te.validate(OK, **one)


def test_validate_many_misuse():
    with pytest.raises(ValueError, match="services has 1 values for 2 bodies"):
        te.validate_many([OK, OK], ["cbs"])
    with pytest.raises(TypeError):
        te.validate_many([OK, 5])
    with pytest.raises(TypeError):
        te.validate_many(5)
    with pytest.raises(ValueError, match="threads"):
        te.validate_many([OK], threads=0)
    assert te.validate_many([]) == []


def run_with_room_for_threads(code: str, stack: int, room: int) -> subprocess.CompletedProcess[str]:
    """Runs `code` in a new interpreter, `te` and `OK` imported, where each thread the package
    starts asks for `stack` bytes of stack (RUST_MIN_STACK) and the address space may grow by
    no more than `room` bytes: past that, starting a thread fails."""
    prelude = f"""
import resource
import tencentcloud_envelope as te
OK = {OK!r}
size = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmSize:"))
resource.setrlimit(resource.RLIMIT_AS, (size * 1024 + {room}, resource.RLIM_INFINITY))
"""
    env = dict(os.environ, RUST_MIN_STACK=str(stack))
    return subprocess.run(
        [sys.executable, "-c", prelude + code], env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="address-space limits as Linux has them")
def test_validate_many_starts_no_more_threads_than_cores():
    """Regression: `threads=1500` started 1500 threads, and a machine that could not start
    them all raised `PanicException`, which `except Exception` does not catch."""
    stack = 256 << 20
    # Each thread: its stack, and the allocator's arena for it (64 MiB, reserved twice over).
    room = ((os.cpu_count() or 1) + 1) * (stack + (128 << 20)) + (512 << 20)
    code = """
bodies = [OK] * 24_000  # enough for 1500 threads of 16 bodies each
assert te.validate_many(bodies, threads=1500) == te.validate_many(bodies, threads=1)
print("checked")
"""
    done = run_with_room_for_threads(code, stack, room)
    assert (done.returncode, done.stdout) == (0, "checked\n"), done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="address-space limits as Linux has them")
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: no thread is started")
@pytest.mark.parametrize("function", ["validate_many", "validate_columns"])
def test_a_thread_that_cannot_start_is_a_runtime_error(function):
    """Regression: a thread that could not be started was a `PanicException`."""
    code = f"""
try:
    te.{function}([OK] * 64, threads=2)
except RuntimeError as error:
    print("RuntimeError:", error)
"""
    done = run_with_room_for_threads(code, 1 << 40, 256 << 20)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("RuntimeError: could not start"), done.stdout


def test_validate_columns():
    columns = te.validate_columns([OK, FAILED, NO_ID], threads=2)
    assert columns == {
        "outcome": ["success", "failure", "invalid"],
        "request_id": [
            "b5b41468-520d-4192-b42f-595cc34b6c1c",
            "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6",
            None,
        ],
        "code": [None, "RequestLimitExceeded", None],
        "rules": [[], [], ["missing-request-id"]],
    }


def test_validate_many_runs_while_other_threads_hold_python():
    """The GIL is released: a Python thread makes progress during a long batch."""
    bodies = [OK * 1] * 20_000
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)

    thread = threading.Thread(target=tick)
    thread.start()
    before = len(ticks)
    te.validate_many(bodies, threads=1)
    during = len(ticks) - before
    stop.set()
    thread.join()
    assert during > 0


def test_classify_service_error_with_charset():
    result = te.classify(400, {"Content-Type": "application/json; charset=utf-8"}, FAILED)
    assert isinstance(result, te.ServiceError)
    assert (result.code, result.status, result.retry_advice) == ("RequestLimitExceeded", 400, "retry")
    assert result.category == "throttling" and result.is_retryable


def test_classify_service_error_keeps_what_came_with_it():
    body = (
        b'{"Response": {"Error": {"Code": "InternalError", "Message": "m"},'
        b' "DeprecatedWarning": "use DescribeDisks", "RequestId": "not-a-uuid"}}'
    )
    result = te.classify(503, {}, body)
    assert isinstance(result, te.ServiceError)
    assert result.deprecated_warning == "use DescribeDisks"
    assert [d.rule for d in result.findings] == ["deprecated-action", "request-id-not-uuid"]


def test_classify_gateway_page_is_a_protocol_error():
    result = te.classify(502, [("content-type", "text/html")], b"<html>502 Bad Gateway</html>")
    assert isinstance(result, te.ProtocolError)
    assert (result.rule, result.retry_advice, result.content_type) == (
        "invalid-json",
        "retry-if-idempotent",
        "text/html",
    )
    assert result.excerpt.startswith("<html>")


def test_classify_success_takes_the_header_request_id():
    result = te.classify(200, {"X-TC-RequestId": "r-1"}, NO_ID)
    assert isinstance(result, te.Success)
    assert (result.request_id, result.request_id_source) == ("r-1", "header")
    # The body's own lack rides along as a tolerated finding.
    assert [d.rule for d in result.findings] == ["missing-request-id"]


def test_classify_hands_over_what_the_headers_drew_first():
    """Headers that differ, and one that is not UTF-8, draw a finding each, before the body's,
    with no place in the body."""
    headers = [("X-TC-RequestId", b"\xff"), ("X-TC-RequestId", "r-1"), ("x-tc-requestid", "r-2")]
    result = te.classify(200, headers, NO_ID)
    assert isinstance(result, te.Success)
    assert result.request_id == "r-1"
    found = [(d.rule, d.severity, d.pointer, d.line, d.column) for d in result.findings]
    assert found == [
        ("request-id-header-not-utf8", "warning", "", 0, 0),
        ("request-id-headers-differ", "warning", "", 0, 0),
        ("missing-request-id", "error", "/Response", 1, 14),
    ]


def test_classify_bad_headers_are_type_errors():
    with pytest.raises(TypeError, match="headers"):
        te.classify(200, 5, OK)
    with pytest.raises(TypeError, match="str or bytes"):
        te.classify(200, [("a", 1)], OK)
    with pytest.raises(OverflowError):
        te.classify(70000, {}, OK)


def test_explain():
    answer = te.explain(" invaliddisk.busy ")
    assert (answer.code, answer.kind, answer.retry_advice) == ("InvalidDisk.Busy", "product", "retry-later")
    assert answer.products == ["cbs"]
    assert te.explain("InvalidDisk.Busy", "cvm").kind == "unknown"
    assert te.explain("InternalError.ParamError").category == "server"


def test_explain_speaks_english_or_chinese(monkeypatch):
    english = te.explain("InvalidDisk.Busy", lang="en")
    chinese = te.explain("InvalidDisk.Busy", lang="zh")
    assert (english.lang, chinese.lang) == ("en", "zh")
    assert "disk" in english.description and "云硬盘" in chinese.description
    assert english.translations == chinese.translations
    assert english.translations["zh"] == (chinese.description, chinese.what_to_do)
    assert english.sites == ["intl", "china"]
    assert te.explain("ResourceInUse.DeploymentName").sites == ["china"]
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert te.explain("InvalidDisk.Busy").lang == "zh"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert te.explain("InvalidDisk.Busy").lang == "en"
    with pytest.raises(ValueError):
        te.explain("InvalidDisk.Busy", lang="fr")


def test_enums_equal_the_native_tables():
    assert [c.value for c in te.Category] == _native.categories()
    assert [a.value for a in te.RetryAdvice] == _native.retry_advices()
    assert [(c.name, c.value) for c in te.CommonCode] == [(v, code) for v, code, *_ in _native.common_codes()]
    assert [o.value for o in te.Outcome] == _native.outcomes() == ["success", "failure", "invalid"]
    assert [s.value for s in te.Severity] == _native.severities() == ["note", "warning", "error"]


def test_common_code_enum():
    code = te.CommonCode("RequestLimitExceeded.UinLimitExceeded")
    assert code is te.CommonCode.RequestLimitExceededUinLimitExceeded
    assert code.category is te.Category.THROTTLING and code.retry_advice is te.RetryAdvice.RETRY
    assert len(te.CommonCode) == 38
    assert code.description


def test_rules_table():
    assert te.RULES["missing-request-id"].severity is te.Severity.ERROR
    assert te.RULES["missing-request-id"].consequence == "fatal-without-header-id"
    assert all(info.description.endswith(".") for info in te.RULES.values())
