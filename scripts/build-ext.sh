#!/usr/bin/env bash
# Builds one extension-module crate of this workspace for one Python interpreter and prints
# the directory that holds the importable module (`<module>.so`).
#
#   scripts/build-ext.sh <crate-dir> <python-executable> [--release]
#
# Each interpreter gets its own target directory (target/py<X.Y>) so switching versions
# never rebuilds from scratch.
set -euo pipefail

crate_dir=$1
python=$2
profile=debug
cargo_flags=()
if [ "${3:-}" = "--release" ]; then
    profile=release
    cargo_flags+=(--release)
fi

root=$(cd "$(dirname "$0")/.." && pwd)
manifest="$root/$crate_dir/Cargo.toml"
[ -f "$manifest" ] || manifest="$crate_dir/Cargo.toml"
package=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$manifest" | head -n 1)
# The module name is the [lib] name (the first `name =` after `[lib]`).
module=$(awk '/^\[lib\]/{inlib=1; next} /^\[/{inlib=0} inlib && /^name *=/{gsub(/.*= *"|".*/, ""); print; exit}' "$manifest")
[ -n "$module" ] || module=${package//-/_}

version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
target="$root/target/py$version"

PYO3_PYTHON="$python" CARGO_TARGET_DIR="$target" \
    cargo build --quiet -p "$package" "${cargo_flags[@]}" >&2

out="$target/pyext/$package"
mkdir -p "$out"
cp "$target/$profile/lib$module.so" "$out/$module.so"
echo "$out"
