#!/usr/bin/env python3
"""Measures what a binding crate costs to build: the generated crate (generate.py, 100
functions and 20 classes) with PyO3 latest and with this repository's pyo3-core.

    python benches/build_time/measure.py                 # both variants
    python benches/build_time/measure.py --variants pyo3 --json out.json

For each variant, in benches/build_time/out/<variant>/ (ignored by git):
  1. clean release build: dependencies are fetched first (so no network time is counted),
     then target/ is removed and `cargo build --release` is timed, the framework and its
     own dependencies (syn, ...) included, as a user's first build;
  2. size of the resulting .so as cargo leaves it (default release profile, which strips
     debug info);
  3. rebuild after editing one function: a literal in func0 is changed and the build
     timed again. Release builds are not incremental by default, so this recompiles the
     whole crate but none of its dependencies, which is what a user waits for.
A variant that does not compile (pyo3-core until its macros exist) is reported with its
first compiler error and skipped; that is not a failure of this script.

Wall times depend on the machine's load (2 shared cores here): compare variants measured
in the same run, and run it on a quiet machine.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import generate  # noqa: E402

EDIT_BEFORE = "+ 0 /*EDIT*/"
EDIT_AFTER = "+ 1 /*EDIT*/"


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cargo_build(crate, env):
    """Runs a release build; returns (ok, wall seconds, CPU seconds, stderr).

    CPU time (user + system of cargo and every rustc it ran) hardly depends on what else
    the machine runs, unlike wall time on 2 shared cores, so it is reported too."""
    t0, c0 = time.monotonic(), children_cpu()
    proc = subprocess.run(["cargo", "build", "--release"], cwd=crate, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return proc.returncode == 0, time.monotonic() - t0, children_cpu() - c0, proc.stderr


def first_error(stderr):
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("error"):
            # The error line and its location, enough to see what is missing.
            return "\n".join(lines[i:i + 3])
    return "\n".join(lines[-5:])


def locked_version(crate, package):
    try:
        with open(os.path.join(crate, "Cargo.lock")) as f:
            lock = f.read()
    except OSError:
        return None
    m = re.search(r'name = "%s"\nversion = "([^"]+)"' % re.escape(package), lock)
    return m.group(1) if m else None


def measure(variant, env):
    crate = os.path.join(HERE, "out", variant)
    generate.generate(variant, crate, REPO)
    result = {"variant": variant}
    fetch = subprocess.run(["cargo", "fetch", "--quiet"], cwd=crate, env=env,
                           stderr=subprocess.PIPE, text=True)
    if fetch.returncode != 0:
        result.update(status="could not resolve dependencies", error=first_error(fetch.stderr))
        return result
    result["version"] = locked_version(crate, "pyo3" if variant == "pyo3" else "pyo3-core")
    shutil.rmtree(os.path.join(crate, "target"), ignore_errors=True)

    print(f"  {variant}: clean release build ...", flush=True)
    ok, seconds, cpu, stderr = cargo_build(crate, env)
    if not ok:
        status = "does not build yet" if variant == "pyo3-core" else "build failed"
        result.update(status=status, error=first_error(stderr))
        return result
    result["clean_build_s"] = round(seconds, 2)
    result["clean_build_cpu_s"] = round(cpu, 2)
    so = os.path.join(crate, "target", "release", "libbt_crate.so")
    result["so_bytes"] = os.path.getsize(so)

    print(f"  {variant}: rebuild after editing one function ...", flush=True)
    src = os.path.join(crate, "src", "lib.rs")
    with open(src) as f:
        text = f.read()
    assert EDIT_BEFORE in text, "generate.py no longer writes the edit marker"
    with open(src, "w") as f:
        f.write(text.replace(EDIT_BEFORE, EDIT_AFTER, 1))
    ok, seconds, cpu, stderr = cargo_build(crate, env)
    if not ok:
        result.update(status="rebuild failed", error=first_error(stderr))
        return result
    result["rebuild_one_fn_s"] = round(seconds, 2)
    result["rebuild_one_fn_cpu_s"] = round(cpu, 2)
    result["status"] = "ok"
    return result


def default_python():
    venv = os.path.join(REPO, ".venv", "bench", "bin", "python")
    return venv if os.path.exists(venv) else sys.executable


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="pyo3,pyo3-core",
                    help="comma-separated, from: " + ", ".join(sorted(generate.VARIANTS)))
    ap.add_argument("--python", default=default_python(),
                    help="interpreter the crates are built for (PYO3_PYTHON)")
    ap.add_argument("--json", metavar="FILE", help="write the results to FILE")
    args = ap.parse_args()

    env = dict(os.environ, PYO3_PYTHON=args.python)
    env.pop("CARGO_TARGET_DIR", None)  # each crate keeps its own target/ so "clean" is clean
    print(f"generated crate: {generate.N_FUNCTIONS} #[pyfunction]s, {generate.N_CLASSES} #[pyclass]es "
          f"x (#[new] + 5 methods); {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    results = [measure(v, env) for v in args.variants.split(",")]

    print(f"\n{'variant':<20} {'clean build (wall / CPU)':>26} {'.so size':>10} {'rebuild 1 fn (wall / CPU)':>27}")
    for r in results:
        label = r["variant"] + (f" {r['version']}" if r.get("version") else "")
        if r["status"] != "ok":
            print(f"{label:<20} {r['status']}")
            for line in r.get("error", "").splitlines():
                print(f"{'':<20}   {line}")
            continue
        print(f"{label:<20} {r['clean_build_s']:>11.1f} s / {r['clean_build_cpu_s']:>7.1f} s "
              f"{r['so_bytes'] / 2**20:>6.2f} MiB "
              f"{r['rebuild_one_fn_s']:>12.1f} s / {r['rebuild_one_fn_cpu_s']:>7.1f} s")
    ok = {r["variant"]: r for r in results if r["status"] == "ok"}
    if "pyo3" in ok and "pyo3-core" in ok:
        core, peer = ok["pyo3-core"], ok["pyo3"]

        def ratio(key):
            return core[key] / peer[key]

        print(f"\npyo3-core / PyO3: clean build {ratio('clean_build_s'):.2f}x wall, "
              f"{ratio('clean_build_cpu_s'):.2f}x CPU; rebuild {ratio('rebuild_one_fn_s'):.2f}x wall, "
              f"{ratio('rebuild_one_fn_cpu_s'):.2f}x CPU; .so {ratio('so_bytes'):.2f}x")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"load_average": os.getloadavg()[0], "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
