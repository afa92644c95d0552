#!/usr/bin/env bash
# Builds bench_iter (release) and times it: benches/iter/run.sh [python] [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${1:-${BENCH_PYTHON:-python3}}
PYO3_PYTHON="$PY" cargo build --quiet --release --manifest-path "$HERE/Cargo.toml"
OUT="$HERE/target/module"
mkdir -p "$OUT"
cp "$HERE/target/release/libbench_iter.so" "$OUT/bench_iter.so"
"$PY" "$HERE/bench.py" "$OUT" "${@:2}"
