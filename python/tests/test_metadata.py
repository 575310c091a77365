"""The package's metadata agrees with the crates it is built from."""

from __future__ import annotations

import importlib.metadata

import pytest

from conftest import REPOSITORY

tomllib = pytest.importorskip("tomllib")


def manifest(path: str) -> dict:
    with open(REPOSITORY / path, "rb") as file:
        return tomllib.load(file)


def test_the_binding_needs_the_rust_version_of_the_crate_it_binds():
    """Regression: the binding said 1.85 while the library it compiles needs 1.88."""
    library = manifest("Cargo.toml")["package"]["rust-version"]
    assert manifest("python/Cargo.toml")["package"]["rust-version"] == library


def test_the_version_is_written_once_in_cargo_toml():
    project = manifest("python/pyproject.toml")["project"]
    assert "version" not in project and "version" in project["dynamic"]
    version = manifest("python/Cargo.toml")["package"]["version"]
    assert importlib.metadata.version("tencentcloud-envelope") == version
