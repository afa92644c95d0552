#!/usr/bin/env bash
# The main demo: builds the seed's examples (docstring, function, klass, myclass,
# wrapper) and the word counter as wheels, installs them into a virtualenv
# (.venv/demo-py<X.Y>) and runs their Python snippets; then builds and runs the program
# that embeds Python.
#
#   scripts/demo.sh            # with python3 (or $PYO3_PYTHON)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

base=${PYO3_PYTHON:-python3}
version=$("$base" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
venv="$ROOT/.venv/demo-py$version"
if [ ! -x "$venv/bin/maturin" ]; then
    "$base" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check maturin
fi

for example in docstring function klass myclass wrapper wordcount; do
    echo "== pip install ./examples/$example"
    # maturin, the examples' build backend, is found on PATH.
    PATH="$venv/bin:$PATH" CARGO_TARGET_DIR="$ROOT/target/py$version" \
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-build-isolation --force-reinstall --no-deps "./examples/$example"
done

for example in docstring function klass myclass wrapper wordcount; do
    echo
    echo "== python examples/$example/demo.py"
    sed -n '/^[^#]/,$p' "examples/$example/demo.py" | sed 's/^/   | /'
    echo "   prints:"
    "$venv/bin/python" "examples/$example/demo.py" | sed 's/^/   | /'
done

echo
echo "== cargo run -p embedding (Python embedded in a Rust program)"
PYO3_PYTHON="$base" cargo run --quiet --release -p embedding
