#!/usr/bin/env bash
# Builds the npm package and runs its tests, on a fresh machine too (Node.js 18+ with npm,
# Rust with rustup): build.sh (the wasm32 target, the pinned wasm-bindgen CLI, the build),
# the test dependencies from package-lock.json (npm ci, again only when the lock changes),
# Debian's chromium (and a font with Chinese characters, for the screenshot) through apt-get
# when running as root and it is missing, and the tool the parity tests compare with; then
# the Rust unit tests, tsc --strict on a usage file, the package packed and installed into an
# empty project, and every Node.js test: API, parity with the tool, the official SDK, the page.
#
#   js/test.sh                       every test
#   js/test.sh test/sdk.test.js      extra arguments name test files
#   UPDATE_SCREENSHOT=1 js/test.sh   also takes docs/images/page.png again
#
# Tests that need ../shared (the documentation corpus) fail when CI is set and it is missing,
# and are reported as SKIPPED otherwise; so are the browser tests without chromium.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="$root/target/js"
step() { printf '== %s\n' "$*" >&2; }

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 18 ]; then
    echo "Node.js 18 or later is needed, found $(node --version)" >&2
    exit 1
fi

"$here/build.sh"

cd "$here"
if ! cmp -s package-lock.json node_modules/.package-lock.installed; then
    step "installing the test dependencies (npm ci)"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.package-lock.installed
fi

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ] || ! dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        step "installing Debian's chromium and a font with Chinese characters (apt-get)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
    else
        echo "warning: no chromium at $chromium and not root: the browser tests will be skipped" >&2
    fi
fi
export CHROMIUM="$chromium"

step "building the tc-envelope tool for the parity tests"
cargo build --quiet --bin tc-envelope --manifest-path "$root/Cargo.toml"
export TC_ENVELOPE="$root/target/debug/tc-envelope"

step "the binding's Rust unit tests"
cargo test --quiet -p tencentcloud-envelope-wasm --lib --manifest-path "$root/Cargo.toml"

step "tsc --strict on the declarations' usage file"
npx --no-install tsc --strict --noEmit -p test/typing

step "packing the package and installing it into an empty project"
rm -rf "$work/consumer" && mkdir -p "$work/consumer"
tarball=$(npm pack --ignore-scripts --silent --pack-destination "$work")
(
    cd "$work/consumer"
    echo '{"name": "consumer", "private": true}' > package.json
    npm install --no-audit --no-fund --loglevel=error "$work/$tarball"
    node -e "const te = require('tencentcloud-envelope'); if (te.validate('{}').outcome !== 'invalid') process.exit(1)"
    node --input-type=module -e "import { validate } from 'tencentcloud-envelope'; import init from 'tencentcloud-envelope/web'; if (validate('{}').outcome !== 'invalid' || typeof init !== 'function') process.exit(1)"
    node -e "require('tencentcloud-envelope/sdk')"
)

step "the bundler build as a bundler links it (an ES module importing the .wasm), and the web build"
node --experimental-wasm-modules --no-warnings --input-type=module -e "
    import { validate } from './pkg/bundler/index.js';
    if (validate('{}').outcome !== 'invalid') process.exit(1);"
node --input-type=module -e "
    import { readFileSync } from 'node:fs';
    import init, { validate } from './pkg/web/index.js';
    await init({ module_or_path: readFileSync('./pkg/web/index_bg.wasm') });
    if (validate('{}').outcome !== 'invalid') process.exit(1);"

step "running the Node.js tests"
if [ "$#" -eq 0 ]; then
    set -- test/*.test.js
fi
exec node --test "$@"
