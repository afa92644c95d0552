#!/usr/bin/env bash
# The main demo: builds the example program that embeds Python and runs it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
cargo run --quiet --release -p embedding
