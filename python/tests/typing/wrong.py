"""Misuse mypy must refuse: `test_typing.py` expects an error on each marked line."""

import tencentcloud_envelope as te

te.validate(b"{}", service=3)  # error: int for a service
count: str = te.validate(b"{}").diagnostics[0].line  # error: line is an int
te.classify("200", {}, b"{}")  # error: status is an int
te.Validator(deny_warnings="yes")  # error: deny_warnings is a bool
