//! `PyBorrowedIter` with int items: a loop that lets go of its items gets the same `int`
//! objects back with new values instead of new allocations, and no one holding an item
//! can tell.

use pyo3::prelude::*;
use pyo3::pycell::PyBorrowedIter;

mod common;
use common::{locals_with, run};

/// Signed values around every boundary of the int reuse: the shared small ints (-5 to
/// 256), one 30-bit digit, and beyond.
#[pyclass]
struct Signed {
    values: Vec<i64>,
}

#[pymethods]
impl Signed {
    fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
        PyBorrowedIter::new(slf, |s| Box::new(s.values.iter()))
    }
}

fn boundary_values() -> Vec<i64> {
    let digit = (1i64 << 30) - 1;
    let mut values = vec![
        0,
        1,
        -1,
        -5,
        -6,
        255,
        256,
        257,
        digit,
        digit + 1,
        -digit,
        -digit - 1,
        i64::from(u32::MAX),
        i64::MAX,
        i64::MIN,
    ];
    values.extend(1000..1100);
    values.extend((-1100..-1000).rev());
    // Alternate small and one-digit values so reuse and the shared ints interleave.
    for v in 250..262 {
        values.push(v);
        values.push(-v);
    }
    values
}

/// Ints handed out again with a new value are only ever ones nothing else holds: every
/// item a consumer keeps keeps its value, whatever the consumer does with the others, and
/// small values are CPython's shared objects.
#[test]
fn reused_ints_never_change_under_a_holder() {
    Python::with_gil(|py| {
        let values = boundary_values();
        let s = Py::new(
            py,
            Signed {
                values: values.clone(),
            },
        )
        .unwrap();
        let locals = locals_with(
            py,
            &[("s", s.into_py(py)), ("expected", values.into_py(py))],
        );
        run(
            py,
            locals,
            r#"
assert list(s) == expected
assert [x for x in s] == expected

# Keep every third item, drop the rest: the kept ones keep their values.
kept = []
for i, x in enumerate(s):
    if i % 3 == 0:
        kept.append(x)
assert kept == expected[::3], kept

# Held in other ways: a name from two steps back, dict keys, a tuple, a generator frame.
it = iter(s)
a = next(it); b = next(it); c = next(it)
rest = list(it)
assert [a, b, c] + rest == expected
d = {x: str(x) for x in s}
assert all(str(k) == v for k, v in d.items()) and len(d) == len(set(expected))
pairs = list(zip(s, s))
assert pairs == [(x, x) for x in expected]
def twice(items):
    for x in items:
        yield x
        yield x
assert list(twice(s)) == [x for x in expected for _ in range(2)]

# Small values come out as the shared objects, whatever was reused before them.
for x in s:
    if -5 <= x <= 256:
        assert x is int(str(x)), x
# Arithmetic on an item while the next ones are made does not see them change.
total = 0
previous = None
for x in s:
    if previous is not None:
        total += previous
    previous = x
assert total + previous == sum(expected)
"#,
        );
    });
}

/// Allocations of the object domain made by one thread, counted while the counting
/// allocator is installed (other tests' threads allocate meanwhile and are not counted).
#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy)))]
mod counting_allocator {
    use pyo3::ffi;
    use std::cell::Cell;
    use std::os::raw::c_void;

    thread_local! {
        /// The allocations of this thread while it counts, `None` when it does not.
        static ALLOCATIONS: Cell<Option<usize>> = const { Cell::new(None) };
    }

    fn count_one() {
        ALLOCATIONS.with(|count| count.set(count.get().map(|n| n + 1)));
    }

    /// The allocator being wrapped, reached through `ctx`.
    struct Inner(ffi::PyMemAllocatorEx);

    extern "C" fn malloc(ctx: *mut c_void, size: libc::size_t) -> *mut c_void {
        count_one();
        // SAFETY: `ctx` is the `Inner` installed by `counting`, alive until it returns.
        let inner = unsafe { &(*ctx.cast::<Inner>()).0 };
        (inner.malloc.expect("malloc"))(inner.ctx, size)
    }

    extern "C" fn calloc(ctx: *mut c_void, n: libc::size_t, size: libc::size_t) -> *mut c_void {
        count_one();
        // SAFETY: as in `malloc`.
        let inner = unsafe { &(*ctx.cast::<Inner>()).0 };
        (inner.calloc.expect("calloc"))(inner.ctx, n, size)
    }

    extern "C" fn realloc(ctx: *mut c_void, ptr: *mut c_void, size: libc::size_t) -> *mut c_void {
        // SAFETY: as in `malloc`.
        let inner = unsafe { &(*ctx.cast::<Inner>()).0 };
        (inner.realloc.expect("realloc"))(inner.ctx, ptr, size)
    }

    extern "C" fn free(ctx: *mut c_void, ptr: *mut c_void) {
        // SAFETY: as in `malloc`.
        let inner = unsafe { &(*ctx.cast::<Inner>()).0 };
        (inner.free.expect("free"))(inner.ctx, ptr)
    }

    /// Runs `f` with the object allocator wrapped by a counter; returns the allocations.
    /// The GIL must be held (it guards the object domain) and `f` must not release it.
    pub fn counting(f: impl FnOnce()) -> usize {
        let mut inner = Inner(ffi::PyMemAllocatorEx {
            ctx: std::ptr::null_mut(),
            malloc: None,
            calloc: None,
            realloc: None,
            free: None,
        });
        // SAFETY: the GIL is held (caller's contract), so no object allocation runs while
        // the allocator is read or replaced; the wrapper forwards everything to the
        // original, so blocks cross the swap in either direction freely. `inner` outlives
        // the installed wrapper, which is removed before returning.
        unsafe {
            ffi::PyMem_GetAllocator(ffi::PyMemAllocatorDomain::PYMEM_DOMAIN_OBJ, &mut inner.0);
            let mut wrapper = ffi::PyMemAllocatorEx {
                ctx: (&mut inner as *mut Inner).cast(),
                malloc: Some(malloc),
                calloc: Some(calloc),
                realloc: Some(realloc),
                free: Some(free),
            };
            ffi::PyMem_SetAllocator(ffi::PyMemAllocatorDomain::PYMEM_DOMAIN_OBJ, &mut wrapper);
            ALLOCATIONS.with(|count| count.set(Some(0)));
            f();
            let counted = ALLOCATIONS.with(|count| count.take()).unwrap_or(0);
            ffi::PyMem_SetAllocator(ffi::PyMemAllocatorDomain::PYMEM_DOMAIN_OBJ, &mut inner.0);
            counted
        }
    }
}

/// A loop that lets go of its items gets the same few int objects back with new values:
/// iterating 20,000 one-digit ints allocates a handful of objects, not 20,000.
#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy)))]
#[test]
fn a_loop_that_drops_its_items_reuses_the_ints() {
    Python::with_gil(|py| {
        let s = Py::new(
            py,
            Signed {
                values: (1000..21_000).collect(),
            },
        )
        .unwrap();
        let locals = locals_with(py, &[("s", s.into_py(py))]);
        run(
            py,
            locals,
            r#"
from collections import deque
def drain_deque(it, deque=deque):
    deque(it, maxlen=0)
def drain_loop(it):
    for x in it:
        pass
def keep(it):
    return [x for x in it]
"#,
        );
        // The iterator and the consumer are made outside the count.
        let allocations = |consumer: &str| {
            let iter = locals.get_item("s").unwrap().unwrap().iter().unwrap();
            let consumer = locals.get_item(consumer).unwrap().unwrap();
            counting_allocator::counting(|| {
                consumer.call1((iter,)).unwrap();
            })
        };
        let by_deque = allocations("drain_deque");
        let by_loop = allocations("drain_loop");
        let by_keep = allocations("keep");
        assert!(by_deque < 100, "deque: {by_deque} allocations");
        assert!(by_loop < 100, "for loop: {by_loop} allocations");
        // The control: a consumer that keeps its items needs one new int for each.
        assert!(by_keep >= 20_000, "kept: {by_keep} allocations");
    });
}
