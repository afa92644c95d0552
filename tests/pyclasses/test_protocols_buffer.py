"""Protocols, group 8: classes exporting memory through the buffer protocol, compared with
bytes and bytearray: memoryview sees the right shape, format and data; the exporter stays
alive and unchanged while a view exists; refcounts stay flat over many exports."""

import ctypes
import gc
import sys

import pytest

from pyclasses import protocols_buffer as m


def test_memoryview_of_bytes_class_matches_bytearray():
    ours, theirs = memoryview(m.ByteBuf(b"abc")), memoryview(bytearray(b"abc"))
    for attr in ("shape", "strides", "format", "itemsize", "ndim", "nbytes", "readonly",
                 "c_contiguous", "contiguous"):
        assert getattr(ours, attr) == getattr(theirs, attr), attr
    assert ours.tobytes() == b"abc"
    assert ours.tolist() == [97, 98, 99]


def test_writes_through_the_view_reach_the_object():
    buf = m.ByteBuf(b"abc")
    with memoryview(buf) as view:
        view[0] = ord("x")
    assert buf.get() == list(b"xbc")


def test_readonly_export_refuses_writable_requests_like_bytes():
    buf = m.ByteBuf(b"abc", readonly=True)
    assert memoryview(buf).readonly
    with pytest.raises(TypeError) as ours:
        ctypes.c_char.from_buffer(buf)
    with pytest.raises(TypeError) as theirs:
        ctypes.c_char.from_buffer(b"abc")
    assert str(ours.value) == str(theirs.value)
    with pytest.raises(TypeError):
        memoryview(buf)[0] = 1


def test_two_dimensional_export():
    view = memoryview(m.Matrix(2, 3))
    assert view.shape == (2, 3)
    assert view.strides == (12, 4)
    assert view.format == "i"
    assert view.itemsize == 4
    assert view.nbytes == 24
    assert view.readonly
    assert view.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert view[1, 2] == 5


def test_exporter_cannot_be_mutated_while_a_view_is_alive():
    # The same exception as bytearray's, for any `&mut self` method.
    data = bytearray(b"ab")
    view = memoryview(data)
    with pytest.raises(BufferError) as theirs:
        data.append(1)
    view.release()

    buf = m.ByteBuf(b"ab")
    view = memoryview(buf)
    with pytest.raises(BufferError) as ours:
        buf.push(1)
    assert str(ours.value) == str(theirs.value)
    assert buf.get() == [97, 98]  # reads still work
    view.release()
    buf.push(1)
    assert buf.get() == [97, 98, 1]


def test_other_borrow_conflicts_still_raise_runtime_error():
    # Only an export turns a failed `&mut self` borrow into BufferError.
    buf = m.ByteBuf(b"ab")
    view = memoryview(buf)
    other = m.ByteBuf(b"cd")
    other.push(1)  # another instance is not affected
    view.release()
    matrix = m.Matrix(1, 1)
    with pytest.raises(RuntimeError, match="Already borrowed"):
        matrix.while_borrowed(matrix.clear)


def test_several_views_coexist_and_each_release_counts():
    buf = m.ByteBuf(b"abc")
    before = buf.releases
    first, second = memoryview(buf), memoryview(buf)
    assert first.tobytes() == second.tobytes() == b"abc"
    first.release()
    with pytest.raises(BufferError):
        buf.push(1)  # the second view still holds its export
    second.release()
    assert buf.releases == before + 2
    buf.push(1)


def test_pyrefmut_getbuffer_allows_one_view_at_a_time():
    matrix = m.Matrix(1, 2)
    view = memoryview(matrix)
    with pytest.raises(BufferError):
        matrix.clear()
    with pytest.raises(BufferError):
        memoryview(matrix)  # `PyRefMut` cannot be taken while a view is alive
    view.release()
    assert matrix.releases == 1
    with memoryview(matrix) as again:
        assert again.tolist() == [[0, 1]]
    assert matrix.releases == 2
    matrix.clear()


def test_exporter_outlives_its_view():
    buf = m.ByteBuf(b"xyz")
    gc.collect()
    drops = m.ByteBuf.drops()
    view = memoryview(buf)
    del buf
    gc.collect()
    assert m.ByteBuf.drops() == drops
    assert view.tobytes() == b"xyz"
    view.release()
    gc.collect()
    assert m.ByteBuf.drops() == drops + 1


def test_view_obj_is_filled_in_when_getbuffer_leaves_it_null():
    matrix = m.Matrix(2, 2)
    view = memoryview(matrix)
    assert view.obj is matrix
    refs = sys.getrefcount(matrix)
    view.release()
    assert sys.getrefcount(matrix) == refs - 1


def test_refcounts_stay_flat_over_many_exports():
    buf, matrix = m.ByteBuf(b"abc"), m.Matrix(2, 2)
    before = sys.getrefcount(buf), sys.getrefcount(matrix)
    for _ in range(1000):
        with memoryview(buf) as view:
            view[0]
        with memoryview(matrix) as view:
            view[0, 0]
        bytes(buf)
    assert (sys.getrefcount(buf), sys.getrefcount(matrix)) == before
    assert buf.releases == 2000
    assert matrix.releases == 1000
    buf.push(1)
    matrix.clear()


def test_failed_getbuffer_leaves_no_reference_behind():
    broken = m.Broken()
    before = sys.getrefcount(broken)
    for _ in range(100):
        with pytest.raises(ValueError, match="no buffer today"):
            memoryview(broken)
    assert sys.getrefcount(broken) == before


def test_panicking_getbuffer_leaves_no_reference_behind():
    broken = m.Broken(panics=True)
    before = sys.getrefcount(broken)
    for _ in range(10):
        with pytest.raises(BaseException, match="no buffer at all") as info:
            memoryview(broken)
        assert type(info.value).__name__ == "PanicException"
    del info
    assert sys.getrefcount(broken) == before


@pytest.mark.skipif(sys.version_info < (3, 12), reason="__buffer__/__release_buffer__ are 3.12+")
def test_python_level_buffer_methods_release_once():
    buf = m.ByteBuf(b"abc")
    view = buf.__buffer__(0)
    assert view.tobytes() == b"abc"
    with pytest.raises(BufferError):
        buf.push(1)
    buf.__release_buffer__(view)
    assert buf.releases == 1
    buf.push(1)
    with pytest.raises(ValueError, match="already been released"):
        buf.__release_buffer__(view)
    view.release()
    assert buf.releases == 1
    buf.push(2)
    assert buf.get() == list(b"abc\x01\x02")


def test_failing_release_goes_to_the_unraisable_hook(monkeypatch):
    seen = []
    monkeypatch.setattr(
        sys, "unraisablehook", lambda u: seen.append((u.exc_type.__name__, str(u.exc_value)))
    )
    for panics in (False, True):
        obj = m.FailingRelease(panics)
        with memoryview(obj) as view:
            assert view.tobytes() == b"\x01\x02"
        obj.toggle()  # the export borrow was released despite the failure
    assert seen == [("ValueError", "release failed"), ("PanicException", "release panicked")]


def test_numpy_reads_and_writes_the_export():
    numpy = pytest.importorskip("numpy")
    matrix = numpy.asarray(m.Matrix(2, 3))
    assert matrix.shape == (2, 3) and matrix.dtype == numpy.dtype("int32")
    assert matrix.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert not matrix.flags.writeable  # the export is read-only

    buf = m.ByteBuf(b"abc")
    array = numpy.frombuffer(buf, dtype=numpy.uint8)
    with pytest.raises(BufferError):
        buf.push(1)  # the array holds the export
    del array
    gc.collect()
    buf.push(1)
    assert buf.get() == [97, 98, 99, 1]
