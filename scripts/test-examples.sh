#!/usr/bin/env bash
# Builds the examples under examples/ the ways their READMEs say, installs them into a
# fresh virtualenv and runs each example's pytest file there.
#
#   scripts/test-examples.sh <python>               # pip install ./examples/<name> (release)
#   scripts/test-examples.sh --cargo-route <python> # also the plain-cargo route first
#   scripts/test-examples.sh --abi3 <python>...     # maturin build --release --features abi3:
#                                                   # one wheel per example, tested under each
#
# <python> is a base interpreter (not a venv). Builds share target/py<X.Y> with the rest of
# the suite (the examples' pyo3-core, with `extension-module`, is a separate build there);
# the abi3 wheels are built once, into target/abi3. Exits non-zero if any step fails.
set -euo pipefail
shopt -s nullglob

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

mode=pip
cargo_route=0
case "${1:-}" in
    --abi3) mode=abi3; shift ;;
    --cargo-route) cargo_route=1; shift ;;
esac
[ $# -ge 1 ] || { echo "usage: $0 [--cargo-route | --abi3] <python>..." >&2; exit 2; }

# Every directory under examples/ that is a maturin project with a pytest file.
examples=()
for dir in examples/*/; do
    dir=${dir%/}
    if [ -f "$dir/pyproject.toml" ] && compgen -G "$dir/test_*.py" >/dev/null; then
        examples+=("${dir#examples/}")
    fi
done

failures=0
step() {
    echo "==> $*"
    if ! "$@"; then
        echo "FAILED: $*" >&2
        failures=$((failures + 1))
        return 1
    fi
}

# Runs a command and checks what it prints.
expect_output() {
    local expected=$1 out
    shift
    echo "==> $*"
    if out=$("$@") && [ "$out" = "$expected" ]; then
        return 0
    fi
    echo "FAILED: $* printed '$out', expected '$expected'" >&2
    failures=$((failures + 1))
}

version_of() {
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'
}

# A new virtualenv with pytest and maturin (the build backend, used without build
# isolation so the suite does not download it once per example). Prints its python.
fresh_venv() {
    local base=$1 name=$2 venv
    venv="$ROOT/.venv/$name"
    rm -rf "$venv"
    "$base" -m venv "$venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check pytest maturin >&2
    echo "$venv/bin/python"
}

run_pytest() {
    local py=$1 example=$2
    shift 2
    step env "$@" "$py" -m pytest -q -p no:cacheprovider "examples/$example"
}

# The rust-cpython article's route: `cargo build`, then copy lib<name>.so to <name>.so and
# import it from the build directory. The seed's own import lines are run verbatim from
# the directory above `target/`, then the pytest files against the copied modules.
cargo_route() {
    local base=$1 py=$2 version dir example
    version=$(version_of "$base")
    dir="$ROOT/target/cargo-route-py$version"
    for example in "${examples[@]}"; do
        step env PYO3_PYTHON="$base" CARGO_TARGET_DIR="$dir/target" \
            cargo build --quiet --manifest-path "examples/$example/Cargo.toml" || continue
        cp "$dir/target/debug/lib$example.so" "$dir/target/debug/$example.so"
    done
    expect_output "This module is implemented in Rust." env -C "$dir" "$base" -c \
        'from target.debug import docstring; print(docstring.__doc__)'
    expect_output "Hello, World!" env -C "$dir" "$base" -c \
        'from target.debug.function import greet; print(greet("World"))'
    expect_output "Hello, World!" env -C "$dir" "$base" -c \
        'from target.debug.klass import Class; klass = Class(); print(klass.greet("World"))'
    expect_output "5" env -C "$dir" "$base" -c \
        'from target.debug.myclass import MyClass; print(MyClass(10).half())'
    expect_output "has 0: True, has 1: False, found [0]" env -C "$dir" "$base" -c \
        'from target.debug.wrapper import HashSet; set = HashSet(); set.add(0); print(f"has 0: {0 in set}, has 1: {1 in set}, found {[i for i in set]}")'
    for example in "${examples[@]}"; do
        run_pytest "$py" "$example" PYTHONPATH="$dir/target/debug" || true
    done
}

if [ "$mode" = pip ]; then
    base=$1
    version=$(version_of "$base")
    py=$(fresh_venv "$base" "examples-py$version")
    if [ $cargo_route -eq 1 ]; then
        cargo_route "$base" "$py"
    fi
    for example in "${examples[@]}"; do
        # maturin's PEP 517 backend builds in release mode, as for any user; it is found on
        # PATH, so the venv's bin directory goes first.
        if step env PATH="$(dirname "$py"):$PATH" CARGO_TARGET_DIR="$ROOT/target/py$version" \
            "$py" -m pip install --quiet --disable-pip-version-check --no-build-isolation \
            "./examples/$example"; then
            run_pytest "$py" "$example" || true
        fi
    done
else
    # One abi3 wheel per example, built with the first interpreter, must install and pass
    # under every interpreter given.
    wheels="$ROOT/target/abi3-wheels"
    rm -rf "$wheels"
    builder=$(fresh_venv "$1" "examples-abi3-build")
    for example in "${examples[@]}"; do
        step env CARGO_TARGET_DIR="$ROOT/target/abi3" "$(dirname "$builder")/maturin" build \
            --quiet --release --features abi3 --interpreter "$builder" \
            --manifest-path "examples/$example/Cargo.toml" --out "$wheels" || true
    done
    built=("$wheels"/*.whl)
    abi3=("$wheels"/*-cp39-abi3-*.whl)
    if [ "${#built[@]}" -ne "${#examples[@]}" ] || [ "${#abi3[@]}" -ne "${#examples[@]}" ]; then
        echo "FAILED: expected one cp39-abi3 wheel per example, got: ${built[*]##*/}" >&2
        failures=$((failures + 1))
    fi
    for base in "$@"; do
        version=$(version_of "$base")
        py=$(fresh_venv "$base" "examples-abi3-py$version")
        step "$py" -m pip install --quiet --disable-pip-version-check "${built[@]}" || continue
        for example in "${examples[@]}"; do
            # The module that loads must be the abi3 build, not a version-specific one.
            step "$py" -c "import importlib, sys; m = importlib.import_module('$example.$example'); \
                sys.exit(not m.__file__.endswith('.abi3.so'))" || true
            run_pytest "$py" "$example" || true
        done
    done
fi

if [ $failures -ne 0 ]; then
    echo "examples: $failures step(s) failed" >&2
    exit 1
fi
