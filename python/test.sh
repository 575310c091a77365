#!/usr/bin/env bash
# Builds the Python package and runs its tests, on a fresh machine too (Python 3.9+ with pip,
# Rust, and Java 17 for Spark): a virtual environment under target/python/venv (created once,
# reused), the test requirements from PyPI (installed again only when
# python/requirements-test.txt changes), the package built in release mode from this
# repository, the tool the parity tests compare with, then pytest.
#
#   python/test.sh                 every test
#   SKIP_SPARK=1 python/test.sh    all but the Spark job (about a minute on 2 cores)
#   python/test.sh -k sdk          extra arguments go to pytest
#
# Tests that need ../shared (the documentation corpus) fail when CI is set and it is missing,
# and are reported as SKIPPED otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$root/target/python/venv"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"

step() { printf '== %s\n' "$*" >&2; }

if [ ! -x "$venv/bin/python" ]; then
    step "creating $venv with $python"
    "$python" -m venv "$venv"
fi
export PATH="$venv/bin:$PATH"
export VIRTUAL_ENV="$venv"

stamp="$venv/requirements-test.installed"
if ! cmp -s "$here/requirements-test.txt" "$stamp"; then
    step "installing the test requirements"
    python -m pip install --quiet --upgrade pip
    python -m pip install --quiet -r "$here/requirements-test.txt"
    cp "$here/requirements-test.txt" "$stamp"
fi

step "building and installing the package (release)"
python -m pip install --quiet --no-build-isolation --no-deps --force-reinstall "$here"

step "building the tc-envelope tool for the parity tests"
(cd "$root" && cargo build --quiet --bin tc-envelope)
export TC_ENVELOPE="$root/target/debug/tc-envelope"

step "running the Python tests"
export HYPOTHESIS_STORAGE_DIRECTORY="$root/target/python/hypothesis"
# From the repository's root, so that the installed package is imported, not python/'s sources.
cd "$root"
python -c "import tencentcloud_envelope"
exec pytest -rs -p no:cacheprovider "$@" python/tests
