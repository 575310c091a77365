"""The stubs and `py.typed` let mypy see the API: typed use passes, misuse is refused."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

HERE = Path(__file__).parent / "typing"


def mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, "--follow-imports=silent", str(path)],
        capture_output=True,
        text=True,
        cwd=HERE,
        check=False,
    )


def test_typed_use_passes():
    run = mypy(HERE / "usage.py")
    assert run.returncode == 0, run.stdout


def test_misuse_is_refused_line_by_line():
    run = mypy(HERE / "wrong.py")
    flagged = {int(m.group(1)) for m in re.finditer(r"wrong\.py:(\d+): error", run.stdout)}
    marked = {
        number
        for number, line in enumerate((HERE / "wrong.py").read_text().splitlines(), start=1)
        if "# error" in line
    }
    assert flagged == marked, run.stdout


def test_the_package_itself_is_strictly_typed():
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, "-p", "tencentcloud_envelope"],
        capture_output=True,
        text=True,
        cwd=HERE,
        check=False,
    )
    assert run.returncode == 0, run.stdout
