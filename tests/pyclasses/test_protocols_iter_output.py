"""Protocols: `__next__` returning IterNextOutput and `__anext__` returning
IterANextOutput end the iteration with a value, like Python classes raising
StopIteration(value) / StopAsyncIteration(value) (what a generator's `return` does)."""

import asyncio

import pytest

from pyclasses import protocols_iter_output as m


class Countdown:
    def __init__(self, n, result):
        self.n, self.result = n, result

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration(self.result)
        self.n -= 1
        return self.n


class Done:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        return self

    def __next__(self):
        raise StopIteration(self.value)


class ACountdown:
    def __init__(self, n, result):
        self.n, self.result = n, result

    def __aiter__(self):
        return self

    def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration(self.result)
        self.n -= 1
        return Done(self.n)


@pytest.mark.parametrize("cls", [Countdown, m.Countdown])
def test_iteration_yields_then_stops(cls):
    assert list(cls(3, "end")) == [2, 1, 0]


def test_stop_iteration_carries_the_value():
    def outcome(cls):
        it = cls(1, ["end"])
        first = next(it)
        with pytest.raises(StopIteration) as stop:
            next(it)
        return first, stop.value.value, stop.value.args

    assert outcome(m.Countdown) == outcome(Countdown) == (0, ["end"], (["end"],))


def test_yield_from_receives_the_return_value():
    def delegate(cls):
        result = yield from cls(2, "done")
        yield result

    assert list(delegate(m.Countdown)) == list(delegate(Countdown)) == [1, 0, "done"]


@pytest.mark.parametrize("value", [1, None, "x"])
def test_await_receives_the_return_value(value):
    async def main(cls):
        return await cls(value)

    assert asyncio.run(main(m.Done)) == asyncio.run(main(Done)) == value


def test_async_iteration_and_stop_value():
    async def collect(cls):
        it = cls(3, "end")
        items = [x async for x in it]
        try:
            await it.__anext__()
        except StopAsyncIteration as stop:
            return items, stop.args
        return items, None

    assert asyncio.run(collect(m.ACountdown)) == asyncio.run(collect(ACountdown))
    assert asyncio.run(collect(m.ACountdown)) == ([2, 1, 0], ("end",))
