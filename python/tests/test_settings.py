"""The validator's settings are the library's rules, refused and applied as the tool does them:
the nesting limit's range, and `allow`, `warn`, `deny` and `deny_warnings`."""

from __future__ import annotations

import subprocess

import pytest

import tencentcloud_envelope as te

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@pytest.mark.parametrize("limit", [0, 1025, 5000])
def test_a_nesting_limit_out_of_range_is_refused_as_the_tool_refuses_it(limit, tool):
    reason = f"{limit} is out of range: the nesting limit is 1 to 1024"
    with pytest.raises(ValueError) as refused:
        te.Validator(nesting_limit=limit)
    assert str(refused.value) == f"nesting_limit: {reason}"
    run = subprocess.run(
        [str(tool), "check", "--nesting-limit", str(limit), "-"],
        input=b"{}",
        capture_output=True,
        check=False,
        env={"NO_COLOR": "1"},
    )
    assert run.returncode == 2
    assert f"'--nesting-limit <LEVELS>': {reason}\n" in run.stderr.decode()


@pytest.mark.parametrize("limit", [1, 1024])
def test_a_nesting_limit_in_range_is_kept(limit):
    deep = b'{"Response": {"RequestId": "r", "A": ' + b"[" * 1023 + b"]" * 1023 + b"}}"
    report = te.Validator(nesting_limit=limit).validate(deep)
    # `Response` and the top level are two of the levels.
    [invalid] = [d for d in report.diagnostics if d.rule == "invalid-json"]
    assert invalid.message.endswith(f"limit of {limit} level{'' if limit == 1 else 's'}")


# One rule of each default severity: warning, note.
RULES = {"request-id-not-uuid": "warning", "unknown-error-code": "note"}
BODY = b'{"Response": {"Error": {"Code": "NoSuchThingAnywhere", "Message": "m"}, "RequestId": "r-2"}}'


def expected(rule, flags, deny_warnings):
    """The policy on its own terms: the highest level a rule is named at wins."""
    levels = {level for level, named in flags if named == rule}
    if "deny" in levels:
        severity = "error"
    elif "warn" in levels:
        severity = "warning"
    elif "allow" in levels:
        return None
    else:
        severity = RULES[rule]
    return "error" if deny_warnings and severity == "warning" else severity


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.lists(st.tuples(st.sampled_from(["allow", "warn", "deny"]), st.sampled_from(sorted(RULES))), max_size=6),
    st.booleans(),
)
def test_levels_follow_the_policy(flags, deny_warnings):
    named = {level: [rule for lvl, rule in flags if lvl == level] for level in ("allow", "warn", "deny")}
    report = te.Validator(deny_warnings=deny_warnings, **named).validate(BODY)
    for rule in RULES:
        severities = [d.severity for d in report.diagnostics if d.rule == rule]
        want = expected(rule, flags, deny_warnings)
        assert severities == ([] if want is None else [want]), (rule, flags, deny_warnings)
    assert (report.outcome == "invalid") == any(d.severity == "error" for d in report.diagnostics)
