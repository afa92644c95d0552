#!/usr/bin/env bash
# Builds every benchmark module of the SPEC surface into one virtualenv and runs the harness.
#
#   benches/run.sh                     # full benchmark (a few minutes the first time: builds)
#   benches/run.sh --quick             # CI smoke test: builds, checks, a very short timing pass
#   benches/run.sh --json results.json # any harness.py option is passed through
#
# Needs only cargo, a C/C++ compiler and CPython 3.11 (pyenv's by default; another one with
# BENCH_PYTHON=/path/to/python3.x). Everything else comes from PyPI (maturin, Cython,
# setuptools into .venv/bench) and crates.io (PyO3, rust-cpython).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCHES="$ROOT/benches"
VENV="$ROOT/.venv/bench"

find_python() {
    if [ -n "${BENCH_PYTHON:-}" ]; then
        echo "$BENCH_PYTHON"
        return
    fi
    # The numbers in DESIGN.md are for CPython 3.11, so that is the default interpreter.
    local candidate
    for candidate in /root/.pyenv/versions/3.11.7/bin/python /root/.pyenv/versions/3.11.*/bin/python3.11 \
                     "$(command -v python3.11 2>/dev/null || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            echo "$candidate"
            return
        fi
    done
    echo "error: CPython 3.11 not found; set BENCH_PYTHON=/path/to/python" >&2
    return 1
}

step() { echo "== $*" >&2; }

# --- virtualenv -------------------------------------------------------------------------
BASE_PYTHON=$(find_python)
# A venv made from another interpreter would build modules for the wrong ABI: start over.
if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.base_prefix != sys.argv[1])' \
        "$("$BASE_PYTHON" -c 'import sys; print(sys.base_prefix)')"; then
    rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    step "creating $VENV from $BASE_PYTHON"
    "$BASE_PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
PACKAGES=("maturin>=1.5,<2" "cython>=3,<4" "setuptools" "wheel")
# Install only when the package list changed, so reruns do not touch the network.
if [ "$(cat "$VENV/.bench-packages" 2>/dev/null)" != "${PACKAGES[*]}" ]; then
    step "installing ${PACKAGES[*]}"
    "$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip "${PACKAGES[@]}"
    echo "${PACKAGES[*]}" > "$VENV/.bench-packages"
fi

# Every build below targets this interpreter; the same values on every run keep cargo's
# build-script caches valid, so a rerun rebuilds nothing that did not change.
export VIRTUAL_ENV="$VENV"
export PATH="$VENV/bin:$PATH"
export PYO3_PYTHON="$PY"             # PyO3 and pyo3-core's build scripts
export PYTHON_SYS_EXECUTABLE="$PY"   # rust-cpython's build script
SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["platlib"])')
EXT_SUFFIX=$("$PY" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')

# Copies a cargo-built cdylib into the venv under its Python module name (for crates that
# maturin does not build: see below).
install_cdylib() {
    local so=$1 module=$2
    cp "$so" "$SITE/$module$EXT_SUFFIX"
}

pip_install_dir() {
    # --no-build-isolation: use the venv's setuptools/Cython instead of fetching a fresh
    # copy into a throwaway environment on every build.
    "$PY" -m pip install --quiet --disable-pip-version-check --no-build-isolation "$1"
}

# --- C and Cython -------------------------------------------------------------------------
step "building bench_c (setuptools)"
pip_install_dir "$BENCHES/c"

step "building bench_cython (Cython + setuptools, C++ mode)"
if ! command -v c++ >/dev/null 2>&1; then
    echo "error: bench_cython is C++ (libcpp containers) and no c++ compiler was found" >&2
    exit 1
fi
pip_install_dir "$BENCHES/cython"

# --- Rust peers (one cargo workspace: benches/peers) ---------------------------------------
step "building bench_pyo3 (maturin, release)"
(cd "$BENCHES/peers/bench_pyo3" && maturin develop --release --quiet)

# maturin no longer supports rust-cpython, so its module is built with cargo and copied.
step "building bench_cpython (cargo, release)"
cargo build --quiet --release --manifest-path "$BENCHES/peers/Cargo.toml" -p bench_cpython
install_cdylib "$BENCHES/peers/target/release/libbench_cpython.so" bench_cpython

# --- our own module -------------------------------------------------------------------------
# SLOT for bench_ours: a crate at benches/ours/ (lib name bench_ours, its own [workspace],
# pyo3-core as a path dependency) written like any PyO3-0.20-style module. It is built with
# cargo rather than maturin, because maturin recognises PyO3 projects by the dependency's
# package name and ours is `pyo3-core`. Until the crate exists and builds, the benchmark
# runs without it and the harness reports "bench_ours: not built yet".
rm -f "$SITE/bench_ours$EXT_SUFFIX"  # never time a stale build
if [ -f "$BENCHES/ours/Cargo.toml" ]; then
    step "building bench_ours (cargo, release)"
    if cargo build --quiet --release --manifest-path "$BENCHES/ours/Cargo.toml"; then
        install_cdylib "$BENCHES/ours/target/release/libbench_ours.so" bench_ours
    else
        echo "bench_ours: build failed; benchmarking the peers without it" >&2
    fi
else
    step "bench_ours: no crate at benches/ours yet"
fi

# --- run ------------------------------------------------------------------------------------
step "running the harness"
cd "$ROOT"
exec "$PY" "$BENCHES/harness.py" "$@"
