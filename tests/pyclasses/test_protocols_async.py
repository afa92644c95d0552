"""Protocols, group 7: awaitables and asynchronous iterators, against Python classes
written the same way."""

import asyncio
import sys

import pytest

from pyclasses import protocols_async as m


class Ready:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        return self.value
        yield  # noqa: unreachable - makes this a generator


class ACounter:
    def __init__(self, n):
        self.next, self.n = 0, n

    def __aiter__(self):
        return self

    def __anext__(self):
        if self.next >= self.n:
            raise StopAsyncIteration
        self.next += 1
        return Ready(self.next - 1)


def run(coro_fn, *args):
    try:
        return ("ok", asyncio.run(coro_fn(*args)))
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return ("raised", type(e), str(e).replace("pyclasses.protocols_async.", ""))


@pytest.mark.parametrize("value", [1, "x", None])
def test_await_matches_python(value):
    async def main(cls):
        return await cls(value)

    assert run(main, m.Ready) == run(main, Ready) == ("ok", value)


@pytest.mark.parametrize("n", [0, 3])
def test_async_for_matches_python(n):
    async def main(cls):
        return [x async for x in cls(n)]

    assert run(main, m.ACounter) == run(main, ACounter) == ("ok", list(range(n)))


@pytest.mark.skipif(sys.version_info < (3, 10), reason="aiter()/anext() are builtins from 3.10")
def test_anext_builtin_and_stop():
    # `anext(it, default)` is avoided: CPython 3.11.7 itself crashes when `__anext__`
    # raises StopAsyncIteration directly under it (a pure-Python class does too).
    async def main(cls):
        it = aiter(cls(1))
        first = await anext(it)
        try:
            await anext(it)
        except StopAsyncIteration:
            return first, "end"

    assert run(main, m.ACounter) == run(main, ACounter) == ("ok", (0, "end"))


def test_awaiting_a_non_awaitable_raises_like_python():
    class Plain:
        pass

    async def main(cls):
        return await cls(3)

    rust = run(main, m.ACounter)
    python = run(main, lambda n: Plain())
    assert rust[0] == python[0] == "raised" and rust[1] is python[1] is TypeError
    assert rust[2] == "object ACounter can't be used in 'await' expression"
