"""Greenlets switching between Rust calls that are suspended mid-call (PyO3 issue #3668):
each call's pooled temporaries must outlive other greenlets' calls that end first.

The scenario runs in a child interpreter with CPython's debug allocator
(PYTHONMALLOC=debug), which poisons freed memory, so a use-after-free shows up as a
changed value or a crash instead of passing silently.
"""

import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("greenlet")

SCENARIO = textwrap.dedent(
    """
    import gc
    import greenlet
    from pyfunctions.greenlets import hold_across
    from pyfunctions.pool import owned_objects

    def interleave(rounds):
        for _ in range(rounds):
            results = []
            # a opens its call, switches to b; b opens its call and switches back to a;
            # a's call ends first (out of order), control returns here, then b resumes.
            ga = greenlet.greenlet(lambda: results.append(hold_across("a", lambda: gb.switch())))
            gb = greenlet.greenlet(lambda: results.append(hold_across("b", lambda: ga.switch())))
            ga.switch()
            # Churn the allocator while b is suspended, so freed memory gets reused.
            junk = [str(i) * 3 for i in range(2000)]
            del junk
            gc.collect()
            gb.switch()
            assert sorted(results) == ["a:ok", "b:ok"], results

    before = owned_objects()
    interleave(200)
    assert owned_objects() == before, (before, owned_objects())
    print("interleaved ok")
    """
)


def run_scenario():
    env = dict(os.environ, PYTHONMALLOC="debug")
    return subprocess.run(
        [sys.executable, "-c", SCENARIO], env=env, capture_output=True, text=True, timeout=120
    )


def test_out_of_order_calls_keep_their_temporaries_under_the_debug_allocator():
    result = run_scenario()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "interleaved ok"
