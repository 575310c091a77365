"""Shared fixtures: the documentation corpus beside the repository, and the command-line tool."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TC_ENVELOPE_SHARED", REPOSITORY.parent / "shared"))
CORPUS = SHARED / "corpus" / "doc-examples"
# Both sites' documentation examples, with how many each holds: the parity tests run over both.
CORPORA = {
    "intl": (CORPUS, 10_602),
    "china": (SHARED / "corpus" / "doc-examples-china", 18_263),
}


class Example(NamedTuple):
    """One documentation example and the call its path `PRODUCT/vYYYYMMDD/Action.N.json` names."""

    path: Path
    service: str
    version: str  # dashed, as in X-TC-Version
    version_dir: str  # as in the path and the SDK's module names
    action: str
    body: bytes


def need_shared(what: Path) -> Path:
    """`what`, or a failure under CI (`CI` set) and a plain skip elsewhere when it is missing."""
    if what.exists():
        return what
    message = f"{what} is missing: the shared corpus sits beside the repository in ../shared"
    if os.environ.get("CI"):
        pytest.fail(message)
    print(f"SKIPPED: {message}")
    pytest.skip(message)


def read_examples(root: Path) -> list[Example]:
    examples = []
    for path in sorted(root.glob("*/*/*.json")):
        version_dir = path.parent.name
        digits = re.fullmatch(r"v(\d{4})(\d{2})(\d{2})", version_dir)
        action = re.fullmatch(r"(.+)\.\d+\.json", path.name)
        assert digits and action, f"{path} is not PRODUCT/vYYYYMMDD/Action.N.json"
        examples.append(
            Example(
                path=path,
                service=path.parent.parent.name,
                version="-".join(digits.groups()),
                version_dir=version_dir,
                action=action.group(1),
                body=path.read_bytes(),
            )
        )
    return examples


@pytest.fixture(scope="session")
def examples() -> list[Example]:
    found = read_examples(need_shared(CORPUS))
    assert len(found) > 10_000, f"only {len(found)} examples under {CORPUS}"
    return found


@pytest.fixture(scope="session", params=sorted(CORPORA))
def site_examples(request) -> tuple[Path, list[Example]]:
    """One site's documentation examples (the test runs once per site), with their folder."""
    root, count = CORPORA[request.param]
    found = read_examples(need_shared(root))
    assert len(found) == count, f"{len(found)} examples under {root}"
    return root, found


@pytest.fixture(scope="session")
def tool() -> Path:
    """The `tc-envelope` binary `test.sh` builds (or the one `TC_ENVELOPE` names)."""
    named = os.environ.get("TC_ENVELOPE")
    candidates = [Path(named)] if named else [
        REPOSITORY / "target" / "debug" / "tc-envelope",
        REPOSITORY / "target" / "release" / "tc-envelope",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pytest.fail(f"no tc-envelope binary at {candidates}: run `cargo build --bin tc-envelope`")
