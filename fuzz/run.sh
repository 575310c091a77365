#!/usr/bin/env bash
# Runs every fuzz target (or the TARGETs named) for SECONDS each (default 60), seeding from the
# repository's seeds and, when present, from Tencent Cloud's documentation examples beside the
# repository.  Usage: fuzz/run.sh [SECONDS [TARGET...]]
# Needs `cargo install --locked cargo-fuzz`; runs on a stable toolchain through RUSTC_BOOTSTRAP.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(validate fast_path envelope response har json_lines event_stream error_code)
examples=../../shared/corpus/doc-examples
export RUSTC_BOOTSTRAP=1

seeds_for() {
    case $1 in
        validate | fast_path | response | envelope) echo seeds/json ;;
        event_stream) echo seeds/event_stream ;;
        *) echo "seeds/$1" ;;
    esac
}

for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    if [ "$(seeds_for "$target")" = seeds/json ] && [ -d "$examples" ] && [ -z "$(ls -A "corpus/$target")" ]; then
        # Several products share action names: name each copy after its whole path.
        (cd "$examples" && find . -name '*.json' | sed 's|^\./||') | while read -r file; do
            cp "$examples/$file" "corpus/$target/${file//\//_}"
        done
    fi
    echo "--- $target for ${seconds}s"
    # A crash stops its target, not the run; the run's status reports it.
    dict=()
    [ "$(seeds_for "$target")" = seeds/json ] && dict=(-dict=dict/json.dict)
    cargo fuzz run "$target" "corpus/$target" "$(seeds_for "$target")" -- \
        -max_total_time="$seconds" -print_final_stats=1 -max_len=65536 "${dict[@]}" || failed=1
done
exit "${failed:-0}"
