#!/usr/bin/env bash
# Sourced by the other scripts: finds every CPython 3.9+ on this machine and prepares a
# virtualenv for each under .venv/py<X.Y> with the packages the suites need.
#
#   source scripts/pythons.sh
#   find_pythons        -> fills PYTHONS (base interpreter paths, one per minor version)
#   ensure_venv <py>    -> creates/updates .venv/py<X.Y>, prints its python path

SUPPORTED_MINORS=(9 10 11 12 13)
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

find_pythons() {
    PYTHONS=()
    local minor candidate found
    for minor in "${SUPPORTED_MINORS[@]}"; do
        found=""
        for candidate in /root/.pyenv/versions/3."$minor".*/bin/python3."$minor" \
                         "$(command -v python3."$minor" 2>/dev/null || true)"; do
            # Free-threaded builds (3.13t) are a different ABI: not part of this matrix.
            case "$candidate" in *t/bin/*|*t) continue ;; esac
            if [ -n "$candidate" ] && [ -x "$candidate" ]; then
                found=$candidate
                break
            fi
        done
        if [ -n "$found" ]; then
            PYTHONS+=("$found")
        else
            echo "notice: CPython 3.$minor not found on this machine; skipping it" >&2
        fi
    done
    if [ ${#PYTHONS[@]} -eq 0 ]; then
        echo "error: no CPython 3.9+ found" >&2
        return 1
    fi
}

# Packages every suite needs, from PyPI (numpy: the buffer tests read its arrays).
VENV_PACKAGES=(pytest greenlet maturin numpy)

ensure_venv() {
    local base=$1 version venv
    version=$("$base" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    venv="$ROOT/.venv/py$version"
    if [ ! -x "$venv/bin/python" ]; then
        "$base" -m venv "$venv" >&2
    fi
    # Reinstall only when the package list changed.
    local stamp="$venv/.packages"
    if [ "$(cat "$stamp" 2>/dev/null)" != "${VENV_PACKAGES[*]}" ]; then
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            --upgrade pip "${VENV_PACKAGES[@]}" >&2
        echo "${VENV_PACKAGES[*]}" > "$stamp"
    fi
    echo "$venv/bin/python"
}

# The venv's site-packages, for embedded interpreters (which do not see the venv).
venv_site_packages() {
    "$1" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}
