#!/usr/bin/env bash
# Builds the npm package from this repository, on a fresh machine too: the wasm32 target
# (rustup), the wasm-bindgen CLI at exactly the version Cargo.lock pins (cargo install, once,
# into its own folder under $CARGO_HOME), the library compiled to WebAssembly with link-time
# optimisation, then wasm-bindgen's glue for Node.js (CommonJS), for bundlers (an ES module
# importing the .wasm) and for the web (an ES module with an init function) into js/pkg/,
# and the web build's copy for the page into js/page/wasm/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
step() { printf '== %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' "$root/Cargo.lock")
tools="${CARGO_HOME:-$HOME/.cargo}/wasm-bindgen-cli-$version"
wasm_bindgen="$tools/bin/wasm-bindgen"
if [ "$("$wasm_bindgen" --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
    step "installing wasm-bindgen-cli $version (the version Cargo.lock pins) into $tools"
    # Without its default features (TLS, for downloads only its test runner makes): half the
    # build time, 4m54s instead of 8m22s on 2 cores. Not --locked: the CLI's own lock names a
    # webpki-roots release the registry this project reaches does not have; the version of
    # wasm-bindgen itself is exact all the same.
    cargo install --quiet wasm-bindgen-cli --version "=$version" --no-default-features \
        --root "$tools"
fi

step "compiling the library to WebAssembly"
# A profile of its own, so that the tool's release build keeps its settings.
cargo build --quiet -p tencentcloud-envelope-wasm --target wasm32-unknown-unknown \
    --profile wasm-release \
    --config 'profile.wasm-release.inherits="release"' \
    --config 'profile.wasm-release.lto=true' \
    --config 'profile.wasm-release.codegen-units=1' \
    --manifest-path "$root/Cargo.toml"
wasm="$root/target/wasm32-unknown-unknown/wasm-release/tencentcloud_envelope_wasm.wasm"

step "generating the JavaScript glue (wasm-bindgen $version)"
for target in nodejs bundler web; do
    out="$here/pkg/${target/nodejs/node}"
    rm -rf "$out"
    "$wasm_bindgen" --target "$target" --out-dir "$out" --out-name index "$wasm"
done
# The ES module builds say so to Node.js and TypeScript; the Node.js build is CommonJS, as
# the package's own package.json leaves it.
for dir in bundler web; do
    echo '{"type": "module"}' > "$here/pkg/$dir/package.json"
done
rm -rf "$here/page/wasm"
cp -r "$here/pkg/web" "$here/page/wasm"
