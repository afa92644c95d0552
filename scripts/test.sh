#!/usr/bin/env bash
# The whole test suite: Rust tests (unit, embedding, trybuild UI, guide snippets), the
# Python-side pytest suites of every test extension crate, and the examples built as wheels
# (scripts/test-examples.sh), on every CPython 3.9+ found; then the benchmarks' smoke tests
# (benches/run.sh --quick and benches/iter/run.sh --quick, CPython 3.11).
# Fails (non-zero exit) on the first failing step.
#
#   scripts/test.sh            # everything
#   scripts/test.sh --quick    # default interpreter only
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/pythons.sh

quick=0
[ "${1:-}" = "--quick" ] && quick=1

# Every optional conversion feature of pyo3-core.
OPTIONAL_FEATURES=anyhow,chrono,eyre,hashbrown,indexmap,num-bigint,num-complex,serde,smallvec

find_pythons
default_version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)

# Extension crates with a Python-side suite: workspace members under tests/ that hold
# test_*.py files.
ext_crates=()
for dir in tests/*/; do
    dir=${dir%/}
    if [ -f "$dir/Cargo.toml" ] && compgen -G "$dir/test_*.py" >/dev/null; then
        ext_crates+=("$dir")
    fi
done

failures=0
run() {
    echo "==> $*"
    if ! "$@"; then
        echo "FAILED: $*" >&2
        failures=$((failures + 1))
        return 1
    fi
}

ORIGINAL_LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}
passed_versions=()
tested_pythons=()
bench_python=""
for base in "${PYTHONS[@]}"; do
    version=$("$base" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    [ "$version" = "3.11" ] && bench_python=$base
    if [ $quick -eq 1 ] && [ "$version" != "$default_version" ]; then
        continue
    fi
    echo "=== CPython $version ($base) ==="
    py=$(ensure_venv "$base")
    site=$(venv_site_packages "$py")
    target="$ROOT/target/py$version"
    # Test binaries that cargo links without our rpath (trybuild's pass cases, harnesses of
    # other crates) must still load this interpreter's libpython, not a system one.
    libdir=$("$base" -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR") or "")')
    export LD_LIBRARY_PATH="$libdir${ORIGINAL_LD_LIBRARY_PATH:+:$ORIGINAL_LD_LIBRARY_PATH}"

    # UI snapshots and guide snippets do not depend on the interpreter: check them once.
    extra_env=()
    if [ "$version" != "$default_version" ]; then
        extra_env=(PYO3_SKIP_UI_TESTS=1)
    fi
    run env PYO3_PYTHON="$base" CARGO_TARGET_DIR="$target" PYTHONPATH="$site" "${extra_env[@]}" \
        cargo test --workspace --quiet || true

    for crate in "${ext_crates[@]}"; do
        if dir=$(scripts/build-ext.sh "$crate" "$base"); then
            run env PYTHONPATH="$dir" "$py" -m pytest -q "$crate" || true
        else
            echo "FAILED: building $crate for $version" >&2
            failures=$((failures + 1))
        fi
    done
    # Once, on the default interpreter: the optional conversions (their crates' features)
    # and the stable-ABI build (abi3-py39) of the runtime.
    if [ "$version" = "$default_version" ]; then
        run env PYO3_PYTHON="$base" CARGO_TARGET_DIR="$target" PYTHONPATH="$site" \
            cargo test -p pyo3-core --quiet --test test_conversions_optional \
            --features "$OPTIONAL_FEATURES" || true
        run env PYO3_PYTHON="$base" CARGO_TARGET_DIR="$ROOT/target/abi3" PYTHONPATH="$site" \
            cargo test -p pyo3-core -p pyo3-core-runtime --features abi3-py39 --quiet || true
    fi

    # The examples, as a user builds them: `pip install ./examples/<name>` into a fresh
    # venv, then their pytest files; on the default interpreter also the plain-cargo route.
    route=()
    [ "$version" = "$default_version" ] && route=(--cargo-route)
    run scripts/test-examples.sh "${route[@]}" "$base" || true
    tested_pythons+=("$base")
    passed_versions+=("$version")
done

# One abi3 wheel per example (`maturin build --release --features abi3`), installed and
# tested under every interpreter above.
run scripts/test-examples.sh --abi3 "${tested_pythons[@]}" || true

# The benchmark's smoke test (benches/README.md): every module of the five frameworks built,
# checked against the benchmark's answers, timed very briefly (no timing is asserted). The
# benchmark is defined on CPython 3.11.
export LD_LIBRARY_PATH="$ORIGINAL_LD_LIBRARY_PATH"
if [ -n "$bench_python" ]; then
    run env BENCH_PYTHON="$bench_python" benches/run.sh --quick \
        --modules bench_c,bench_pyo3,bench_cpython,bench_cython,bench_ours || true
    # The borrowing iterator's benchmark (issue 7): its answers, two short repeats.
    run benches/iter/run.sh "$bench_python" --quick || true
else
    echo "notice: CPython 3.11 not found; the benchmarks' smoke tests are skipped"
fi

if [ $failures -ne 0 ]; then
    echo "$failures step(s) failed" >&2
    exit 1
fi
echo "all suites passed on CPython ${passed_versions[*]}"
