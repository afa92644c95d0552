//! `PyBorrowedIter`: a Python iterator over data borrowed from a class instance, without
//! cloning it, invalidated (like a `dict` iterator) when the instance is mutated.
//!
//! # The problem
//!
//! A `#[pyclass]` owning a Rust collection wants `__iter__` to hand Python an iterator
//! over the collection itself. A Rust iterator borrows the collection (`Iter<'a, u32>`),
//! but the Python object outlives any Rust borrow: Python can keep the iterator, drop the
//! owner, or call a `&mut self` method of the owner between two `next()` calls.
//!
//! # The design
//!
//! The iterator object holds a strong reference to the owner, so the owner's memory
//! outlives it. For mutation we chose *invalidation*, Python's own rule for `dict` and
//! `set`: `s.add(x)` inside `for x in s` succeeds, and the loop's next step raises
//! `RuntimeError: HashSet changed during iteration`. The alternative, holding a shared
//! borrow for the iterator's whole life so that `add` raises `Already borrowed`, would
//! make a forgotten or half-consumed iterator lock its owner forever.
//!
//! Invalidation is detected with the owner's *mutation generation*: the class chain's
//! borrow flag counts the exclusive borrows ever taken, and bumps the count when one is
//! taken, before any `&mut` exists (one plain increment on every `&mut self` call). The
//! iterator records the count when it is made. Each `next()` takes a shared borrow of the
//! owner only if the count has not moved (one call, `try_borrow_unchanged_since`): if it
//! moved, or an exclusive borrow is held (only one taken after the iterator, and so
//! counted, can be), the iterator is invalidated for good and `RuntimeError` is raised,
//! now and on every later call. Otherwise it advances the Rust iterator and converts the
//! one item under that borrow, so no `&mut` can be made while it runs, even by a thread
//! that takes the GIL while the item converts. Items are converted one at a time, when
//! asked for: a value read through interior mutability is read at its own `next()`.
//!
//! Integer items reuse objects: a `for` loop releases each item soon after the next
//! `next()`, and the iterator gives such an `int` the next value instead of allocating a
//! new one (`recent_ints`, the reason iterating a wrapped `HashSet<u32>` is as fast as
//! iterating a Python `set`).
//!
//! When the Rust iterator ends it is dropped and the owner released (as a Python `set`
//! iterator releases its set); later calls keep raising `StopIteration`.
//! `__length_hint__` reports the Rust iterator's `size_hint` lower bound, or 0 once the
//! owner has changed, under the same borrow and checks as a conversion.
//!
//! # The API
//!
//! `PyBorrowedIter::new(slf, |set| Box::new(set.inner.iter()))`: the owner as `PyRef` and
//! a closure from `&'a T` to `Box<dyn BorrowedItems + 'a>`. The box is needed anyway to
//! erase the iterator's type behind one Python type, and it is what makes closures
//! usable: a closure whose *generic* return type borrows from its argument does not infer
//! as higher-ranked (`for<'a> FnOnce(&'a T) -> I<'a>` cannot be written), but with the
//! return type spelled out in the bound the closure's signature is taken from it. Items
//! convert with `ToPyObject`, which `&u32`, `&String`, `(&K, &V)` implement through the
//! blanket impl for references, so no element is cloned on the Rust side.
//!
//! `#[pyo3(borrowed_iter)]` on a `&self` method of `#[pymethods]` returning a Rust
//! iterator generates that call: the method runs inside the closure, its arguments moved
//! in (so the same lifetime rule refuses arguments borrowed from Python objects).
//!
//! # Why it is sound (the unsafe core)
//!
//! [`PyBorrowedIter::new`] calls the user's function with a `&'static T` made from the
//! cell's pointer. That lifetime is a lie we keep private; the function's bound,
//! `for<'a> FnOnce(&'a T) -> Box<dyn BorrowedItems + 'a>`, makes it sound to tell:
//!
//! - the function is checked for *every* `'a`, so neither the `&T` nor anything borrowed
//!   from it can escape into the caller's variables, and the boxed iterator cannot hold
//!   anything that lives shorter than every `'a` (a pooled `&'py PyAny`, a local) — the
//!   result may borrow from the argument and nothing else;
//! - the box is only ever used (advanced, or dropped) while (a) the owner is alive: we
//!   hold a strong reference and release it only after the box is gone, and (b) no
//!   `&mut T` has been created since the box was made: the generation is unchanged and we
//!   hold a shared borrow, so none can be created during the use either. Under those two
//!   conditions every reference the box holds is still valid, exactly as if a `PyRef`
//!   had been held the whole time;
//! - an invalidated box is never touched again, *including its destructor*: a `Drop` impl
//!   could read through the stale references. If the iterator type needs dropping, the
//!   box is leaked (a bounded, documented leak that only invalidated iterators of types
//!   with a destructor pay); otherwise only its allocation is freed;
//! - re-entrancy: the item conversion, or the Rust iterator itself, may run Python code
//!   that calls `next()` on the same iterator. A busy state makes such a call raise
//!   instead of creating a second `&mut` to the box;
//! - the remembered ints are Python objects that borrow nothing from the owner; they are
//!   touched only while busy.
//!
//! Frozen classes never hand out `&mut`, so their iterators skip the borrow and are never
//! invalidated.
//!
//! # Threads
//!
//! The iterator is a Python object: any thread holding the GIL may advance or free it, so
//! the box must be [`Send`] (that is a supertrait of [`BorrowedItems`]). That is the same
//! promise a `PyRef` relies on under the GIL. `Sync` is not needed: the busy state
//! serialises all access to the box. When the owner is `#[pyclass(unsendable)]`, `next()`
//! from another thread raises the owner's own `RuntimeError` ("... is unsendable, but is
//! being used from another thread").
//!
//! Free-threaded builds (`Py_GIL_DISABLED`, not tested here) use an atomic state and the
//! borrow flag's atomics: the generation is bumped while the exclusive flag is held, and
//! a `next()` reads it after its shared borrow's acquire. They never reuse ints.
//!
//! # Garbage collection
//!
//! The iterator type supports the cycle collector (`tp_traverse` visits the owner,
//! `tp_clear` drops the Rust iterator and the owner), so an owner that stores its own
//! iterator (owner → iterator → owner) is still collected. The remembered ints are not
//! visited: an `int` is not tracked and refers to nothing.

use std::cell::Cell;
use std::os::raw::{c_int, c_void};
use std::ptr::NonNull;

use crate::err::{PyErr, PyResult};
use crate::exceptions::PyRuntimeError;
use crate::ffi;
use crate::impl_::pyclass::{chain_frozen, PyClassThreadChecker};
use crate::instance::{Py, PyObject};
use crate::pycell::{BorrowChecker, PyCell, PyRef};
use crate::pyclass::PyClass;
use crate::python::Python;
use crate::sync::GILOnceCell;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyType};
use crate::{IntoPy, ToPyObject};

mod recent_ints;

use recent_ints::RecentInts;

mod sealed {
    pub trait Sealed {}
    impl<I: Iterator> Sealed for I {}
}

/// A type-erased Rust iterator whose items convert to Python objects: any
/// `Iterator + Send` whose `Item: ToPyObject` (`&u32`, `&String`, `(&K, &V)`, owned
/// values, ...). References convert without cloning the Rust value.
///
/// Sealed: the runtime relies on [`BorrowedItems::needs_drop`] telling the truth (a
/// stale iterator whose type has a destructor is leaked, not dropped).
pub trait BorrowedItems: Send + sealed::Sealed {
    /// The next item as a Python object, or `None` at the end.
    fn next_object(&mut self, py: Python<'_>) -> Option<PyObject>;
    /// Whether dropping the iterator runs code (`std::mem::needs_drop` of its type).
    fn needs_drop(&self) -> bool;
    /// A lower bound of the items left (`size_hint().0`), for `__length_hint__`.
    fn remaining(&self) -> usize;
    /// The next item as a new reference, an `int` item reusing one of `recent` when it
    /// can; `None` at the end. The conversion is inlined into this one virtual call.
    #[doc(hidden)]
    #[allow(private_interfaces)]
    fn next_ptr(&mut self, py: Python<'_>, recent: &RecentInts) -> Option<*mut ffi::PyObject>;
}

impl<I> BorrowedItems for I
where
    I: Iterator + Send,
    I::Item: ToPyObject,
{
    #[inline]
    fn next_object(&mut self, py: Python<'_>) -> Option<PyObject> {
        self.next().map(|item| item.to_object(py))
    }

    fn needs_drop(&self) -> bool {
        std::mem::needs_drop::<I>()
    }

    fn remaining(&self) -> usize {
        self.size_hint().0
    }

    #[inline]
    #[allow(private_interfaces)]
    fn next_ptr(&mut self, py: Python<'_>, recent: &RecentInts) -> Option<*mut ffi::PyObject> {
        let item = self.next()?;
        let Some(value) = item.int_value() else {
            return Some(item.to_object(py).into_ptr());
        };
        // SAFETY: the GIL is held (`py`) and the iterator is BUSY while this runs (the
        // only caller is `next`), so the cache has no other user.
        unsafe {
            if let Some(reused) = recent.reuse(value) {
                return Some(reused);
            }
            let ob = item.to_object(py).into_ptr();
            recent.remember(ob);
            Some(ob)
        }
    }
}

/// A Python iterator over data borrowed from a `#[pyclass]` instance (the *owner*).
///
/// It keeps the owner alive; nothing is cloned. Any `&mut self` access to the owner
/// invalidates it, and its next `__next__` raises
/// `RuntimeError: <Class> changed during iteration`, as Python's `dict` and `set` do.
/// Several may be alive at once. Items are converted when asked for, without cloning
/// (see the module documentation, also for why this is sound).
///
/// ```
/// use pyo3::prelude::*;
/// use pyo3::pycell::PyBorrowedIter;
///
/// #[pyclass]
/// struct Names {
///     names: Vec<String>,
/// }
///
/// #[pymethods]
/// impl Names {
///     fn __iter__(slf: PyRef<'_, Self>) -> PyResult<Py<PyBorrowedIter>> {
///         PyBorrowedIter::new(slf, |names| Box::new(names.names.iter()))
///     }
///
///     fn push(&mut self, name: String) {
///         self.names.push(name);
///     }
/// }
///
/// Python::with_gil(|py| {
///     let names = PyCell::new(py, Names { names: vec!["a".into(), "b".into()] }).unwrap();
///     pyo3::py_run!(py, names, r#"
///         assert list(names) == ["a", "b"]
///         try:
///             for n in names:
///                 names.push(n)
///         except RuntimeError as e:
///             assert str(e) == "Names changed during iteration", e
///         else:
///             raise AssertionError("no error")
///     "#);
/// });
/// ```
#[repr(transparent)]
pub struct PyBorrowedIter(PyAny);

crate::pyobject_native_type_base!(PyBorrowedIter);
crate::pyobject_native_type_info!(
    PyBorrowedIter,
    |py| iter_type(py)
        .expect("cannot create the borrowed_iterator type")
        .as_ptr()
        .cast(),
    "borrowed_iterator",
    Some("pyo3_runtime")
);

impl PyBorrowedIter {
    /// Makes an iterator over what `items` borrows from the owner `owner`.
    ///
    /// `items` receives the owner's value and returns a boxed Rust iterator borrowing from
    /// it: `|set| Box::new(set.inner.iter())`. It runs while `owner` is borrowed; the
    /// iterator it returns is advanced only while the owner is unchanged.
    pub fn new<T, F>(owner: PyRef<'_, T>, items: F) -> PyResult<Py<PyBorrowedIter>>
    where
        T: PyClass,
        F: for<'a> FnOnce(&'a T) -> Box<dyn BorrowedItems + 'a>,
    {
        let py = owner.py();
        let cell: &PyCell<T> = owner.as_cell();
        let ty = iter_type(py)?;
        let flag: *const BorrowChecker = if chain_frozen::<T>() {
            std::ptr::null()
        } else {
            cell.borrow_checker()
        };
        // The shared borrow `owner` holds keeps the generation still until we return.
        let generation = if flag.is_null() {
            0
        } else {
            cell.borrow_checker().generation()
        };
        // SAFETY: the unsafe core (module docs). `owner` holds a shared borrow, so no
        // `&mut T` exists now or while `items` runs. `items` is valid for every lifetime,
        // so calling it with `'static` lets it assume nothing more than for any other;
        // the box it returns is used only while the owner is alive and unmutated.
        let value: &'static T = unsafe { &*cell.get_ptr() };
        let boxed: Box<dyn BorrowedItems + 'static> = items(value);
        // Asked now, while the iterator is fresh: a stale one is never touched.
        let needs_drop = boxed.needs_drop();
        let check_thread: Option<CheckThread> = if T::ThreadChecker::CHECKS {
            Some(check_thread_of::<T>)
        } else {
            None
        };
        // SAFETY: `ty` is our iterator type; GenericAlloc returns a zeroed, GC-tracked
        // instance of `IterObject`'s size, or null with an error set. The body is written
        // before any Python code can run, so nothing sees it zeroed.
        unsafe {
            let obj = ffi::PyType_GenericAlloc(ty.as_ptr().cast(), 0);
            if obj.is_null() {
                // The box is valid (the owner is borrowed): dropping it is fine.
                drop(boxed);
                return Err(PyErr::fetch(py));
            }
            std::ptr::addr_of_mut!((*obj.cast::<IterObject>()).body).write(Body {
                owner: Cell::new(cell.as_ptr()),
                flag,
                generation,
                check_thread,
                owner_name: <T as PyTypeInfo>::NAME,
                state: State::new(ACTIVE),
                iter: Cell::new(Some(NonNull::from(Box::leak(boxed)))),
                needs_drop,
                recent: RecentInts::new(),
            });
            ffi::Py_IncRef(cell.as_ptr());
            Ok(Py::from_owned_ptr(py, obj))
        }
    }
}

/// Raises the owner's `unsendable` error when called from a foreign thread.
type CheckThread = unsafe fn(*mut ffi::PyObject) -> PyResult<()>;

/// # Safety
/// `owner` is a live instance of `T`.
unsafe fn check_thread_of<T: PyClass>(owner: *mut ffi::PyObject) -> PyResult<()> {
    // SAFETY: forwarded from the caller.
    unsafe { (*owner.cast::<PyCell<T>>()).check_thread() }
}

/// Has a Rust iterator, may be advanced.
const ACTIVE: u8 = 0;
/// A `next()` is running.
const BUSY: u8 = 1;
/// Finished, or cleared by the collector: the Rust iterator and the owner are released.
const EXHAUSTED: u8 = 2;
/// The owner changed: the Rust iterator is released or leaked, the owner released.
const INVALIDATED: u8 = 3;

/// The iterator's state. Under the GIL calls are serialised, so a `Cell` is enough;
/// free-threaded builds need an atomic, since two threads may call `next()` at once.
struct State {
    #[cfg(not(Py_GIL_DISABLED))]
    value: Cell<u8>,
    #[cfg(Py_GIL_DISABLED)]
    value: std::sync::atomic::AtomicU8,
}

impl State {
    fn new(value: u8) -> Self {
        State {
            #[cfg(not(Py_GIL_DISABLED))]
            value: Cell::new(value),
            #[cfg(Py_GIL_DISABLED)]
            value: std::sync::atomic::AtomicU8::new(value),
        }
    }

    /// Moves from `ACTIVE` to `BUSY`, or returns the state that prevented it.
    #[inline]
    fn enter(&self) -> Result<(), u8> {
        #[cfg(not(Py_GIL_DISABLED))]
        {
            let current = self.value.get();
            if current != ACTIVE {
                return Err(current);
            }
            self.value.set(BUSY);
            Ok(())
        }
        #[cfg(Py_GIL_DISABLED)]
        {
            use std::sync::atomic::Ordering;
            self.value
                .compare_exchange(ACTIVE, BUSY, Ordering::Acquire, Ordering::Acquire)
                .map(|_| ())
        }
    }

    #[inline]
    fn get(&self) -> u8 {
        #[cfg(not(Py_GIL_DISABLED))]
        return self.value.get();
        #[cfg(Py_GIL_DISABLED)]
        return self.value.load(std::sync::atomic::Ordering::Acquire);
    }

    #[inline]
    fn set(&self, value: u8) {
        #[cfg(not(Py_GIL_DISABLED))]
        self.value.set(value);
        #[cfg(Py_GIL_DISABLED)]
        self.value
            .store(value, std::sync::atomic::Ordering::Release);
    }
}

/// The instance layout of the iterator type.
#[repr(C)]
struct IterObject {
    ob_base: ffi::PyObject,
    body: Body,
}

struct Body {
    /// Strong reference to the owner; null once released.
    owner: Cell<*mut ffi::PyObject>,
    /// The owner chain's borrow flag (inside the owner), or null for a frozen chain.
    flag: *const BorrowChecker,
    /// The flag's generation when the Rust iterator was made.
    generation: u64,
    /// `Some` when the owner is `unsendable`.
    check_thread: Option<CheckThread>,
    /// The owner's Python class name, for the error message.
    owner_name: &'static str,
    state: State,
    /// The Rust iterator (a leaked `Box`), present while `ACTIVE` or `BUSY`.
    iter: Cell<Option<NonNull<dyn BorrowedItems>>>,
    /// Whether the Rust iterator's type has drop glue.
    needs_drop: bool,
    /// The last ints handed out, for reuse.
    recent: RecentInts,
}

/// The one iterator type shared by every class.
fn iter_type(py: Python<'_>) -> PyResult<&Py<PyType>> {
    static TYPE: GILOnceCell<Py<PyType>> = GILOnceCell::new();
    TYPE.get_or_try_init(py, || {
        let mut slots = [
            slot(ffi::Py_tp_iter, ffi::PyObject_SelfIter as *mut c_void),
            slot(ffi::Py_tp_iternext, tp_iternext as *mut c_void),
            slot(ffi::Py_tp_dealloc, tp_dealloc as *mut c_void),
            slot(ffi::Py_tp_traverse, tp_traverse as *mut c_void),
            slot(ffi::Py_tp_clear, tp_clear as *mut c_void),
            slot(ffi::Py_tp_methods, methods() as *mut c_void),
            slot(
                ffi::Py_tp_new,
                crate::impl_::pyclass::no_constructor_defined as *mut c_void,
            ),
            slot(0, std::ptr::null_mut()),
        ];
        let mut spec = ffi::PyType_Spec {
            name: c"pyo3_runtime.borrowed_iterator".as_ptr(),
            basicsize: std::mem::size_of::<IterObject>() as c_int,
            itemsize: 0,
            flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_HAVE_GC) as _,
            slots: slots.as_mut_ptr(),
        };
        // SAFETY: the spec and slots are valid for the call (CPython copies what it keeps;
        // the name is static). The result is a new reference or null with an error set.
        unsafe { Py::from_owned_ptr_or_err(py, ffi::PyType_FromSpec(&mut spec)) }
    })
}

/// The type's methods: `__length_hint__` (leaked: CPython keeps pointing at the table).
fn methods() -> *mut ffi::PyMethodDef {
    let table = vec![
        ffi::PyMethodDef {
            ml_name: c"__length_hint__".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                PyCFunction: length_hint,
            },
            ml_flags: ffi::METH_NOARGS,
            ml_doc: c"Private method returning an estimate of len(list(it)).".as_ptr(),
        },
        ffi::PyMethodDef::zeroed(),
    ];
    Box::leak(table.into_boxed_slice()).as_mut_ptr()
}

fn slot(slot: c_int, pfunc: *mut c_void) -> ffi::PyType_Slot {
    ffi::PyType_Slot { slot, pfunc }
}

/// `RuntimeError: <Class> changed during iteration`.
#[cold]
fn changed_error(owner_name: &str) -> PyErr {
    PyRuntimeError::new_err(format!("{owner_name} changed during iteration"))
}

/// `RuntimeError` for a `next()` re-entered from its own item conversion.
#[cold]
fn running_error(owner_name: &str) -> PyErr {
    PyRuntimeError::new_err(format!("{owner_name} iterator is already running"))
}

/// Holds a running `next()`'s shared borrow; on every exit (including a panic) releases
/// it and leaves the `BUSY` state.
struct Running<'a> {
    body: &'a Body,
    next_state: u8,
}

impl Drop for Running<'_> {
    #[inline]
    fn drop(&mut self) {
        if !self.body.flag.is_null() {
            // SAFETY: the flag lives in the owner, which we hold alive while running.
            unsafe { (*self.body.flag).release_borrow() };
        }
        self.body.state.set(self.next_state);
    }
}

/// `tp_iternext`: a panic guard around [`next`]. The success path takes no pool (the
/// item leaves as an owned pointer; deferred decrefs wait for the next entry point that
/// flushes them); failures go through the common trampoline to be raised.
///
/// # Safety
/// Called by CPython with the GIL held and an instance of the iterator type.
unsafe extern "C" fn tp_iternext(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython holds the GIL; the body was initialised by `new` (the type has no
    // other constructor) and lives as long as `slf`.
    let (py, body) = unsafe {
        (
            Python::assume_gil_acquired(),
            &(*slf.cast::<IterObject>()).body,
        )
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| next(py, body))) {
        Ok(Ok(item)) => item,
        failure => raise(failure),
    }
}

/// Raises a failed (or panicked) `next()` through the common trampoline.
#[cold]
#[inline(never)]
fn raise(failure: std::thread::Result<PyResult<*mut ffi::PyObject>>) -> *mut ffi::PyObject {
    // SAFETY: called from `tp_iternext`, which holds the GIL. A panic payload is re-raised
    // inside the trampoline's own guard, which turns it into `PanicException`.
    unsafe {
        crate::impl_::trampoline::run_with(false, std::ptr::null_mut(), move |_py| match failure {
            Ok(result) => result,
            Err(payload) => std::panic::resume_unwind(payload),
        })
    }
}

/// One step: the next item as a new reference, null at the end.
#[inline(always)]
fn next(py: Python<'_>, body: &Body) -> PyResult<*mut ffi::PyObject> {
    if let Err(state) = body.state.enter() {
        return match state {
            EXHAUSTED => Ok(std::ptr::null_mut()),
            INVALIDATED => Err(changed_error(body.owner_name)),
            _ => Err(running_error(body.owner_name)),
        };
    }
    // From here we are BUSY: nothing else touches the Rust iterator, the remembered ints
    // or the owner field (which only `release` changes, and only in the BUSY state or on
    // teardown).
    if let Some(check) = body.check_thread {
        // SAFETY: while ACTIVE or BUSY the owner is held, a live instance of the class
        // `check` was made for.
        if let Err(err) = unsafe { check(body.owner.get()) } {
            body.state.set(ACTIVE);
            return Err(err);
        }
    }
    if !body.flag.is_null() {
        // SAFETY: the flag lives in the owner, alive while we are ACTIVE/BUSY.
        let flag = unsafe { &*body.flag };
        // Only an exclusive borrow, taken after we were made (so counted), makes the
        // shared borrow fail.
        if !flag.try_borrow_unchanged_since(body.generation) {
            release(body, false);
            return Err(changed_error(body.owner_name));
        }
    }
    let mut running = Running {
        body,
        next_state: ACTIVE,
    };
    let item = match body.iter.get() {
        // SAFETY: we are BUSY (the only user of the box), the owner is alive and unmutated
        // since the box was made, and our shared borrow keeps it so (module docs).
        Some(iter) => unsafe { (*iter.as_ptr()).next_ptr(py, &body.recent) },
        None => None,
    };
    match item {
        Some(item) => Ok(item),
        None => {
            running.next_state = BUSY;
            drop(running);
            release(body, true);
            Ok(std::ptr::null_mut())
        }
    }
}

/// Drops (or, if it may be stale and has a destructor, leaks) the Rust iterator, then
/// releases the owner, ending in `EXHAUSTED` or (if `valid` is false) `INVALIDATED`.
/// The caller has set the state to `BUSY` (or the object is being torn down), holds no
/// borrow, and passes `valid` false when the owner is known to have changed.
fn release(body: &Body, valid: bool) {
    let mut final_state = if valid { EXHAUSTED } else { INVALIDATED };
    let mut panic = None;
    if let Some(iter) = body.iter.take() {
        let mut fresh = false;
        if valid {
            if body.flag.is_null() {
                fresh = true;
            } else {
                // SAFETY: the flag lives in the owner, which we still hold.
                fresh = unsafe { &*body.flag }.try_borrow_unchanged_since(body.generation);
                if !fresh {
                    final_state = INVALIDATED;
                }
            }
        }
        if fresh {
            // SAFETY: the owner is alive, unmutated since the box was made, and borrowed
            // (or frozen) while the destructor runs; the pointer came from `Box::leak`
            // and is used once.
            let boxed = unsafe { Box::from_raw(iter.as_ptr()) };
            // A panicking destructor must not leave the owner borrowed forever.
            panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(boxed))).err();
            if !body.flag.is_null() {
                // SAFETY: as above; this releases the borrow taken just before.
                unsafe { (*body.flag).release_borrow() };
            }
        } else {
            if !body.needs_drop {
                // SAFETY: the type has no drop glue, so this runs none of its code and
                // reads none of its fields: it frees the allocation only (size and
                // alignment come from the vtable). The pointer came from `Box::leak` and
                // is not used again.
                drop(unsafe { Box::from_raw(iter.as_ptr()) });
            }
            // Otherwise leaked on purpose: its destructor might read stale references.
        }
    }
    let owner = body.owner.replace(std::ptr::null_mut());
    // SAFETY: the caller is BUSY or tearing down: no one else uses the cache, which the
    // final state below never touches again.
    unsafe { body.recent.clear() };
    body.state.set(final_state);
    if !owner.is_null() {
        // SAFETY: we owned this reference. Fields are updated first: the decref may run
        // arbitrary code, including on this iterator.
        unsafe { ffi::Py_DecRef(owner) };
    }
    if let Some(payload) = panic {
        std::panic::resume_unwind(payload);
    }
}

/// `__length_hint__`: the Rust iterator's lower bound while the owner is unchanged, else
/// 0 (as for a `set` iterator whose set changed). Never invalidates: `next()` does.
///
/// # Safety
/// Called by CPython with the GIL held and an instance of the iterator type.
unsafe extern "C" fn length_hint(
    slf: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `tp_iternext`.
    let (py, body) = unsafe {
        (
            Python::assume_gil_acquired(),
            &(*slf.cast::<IterObject>()).body,
        )
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| remaining(body))) {
        Ok(n) => n.into_py(py).into_ptr(),
        Err(payload) => raise(Err(payload)),
    }
}

fn remaining(body: &Body) -> usize {
    if body.state.enter().is_err() {
        return 0;
    }
    if let Some(check) = body.check_thread {
        // SAFETY: while BUSY the owner is held (as in `next`).
        if unsafe { check(body.owner.get()) }.is_err() {
            body.state.set(ACTIVE);
            return 0;
        }
    }
    if !body.flag.is_null() {
        // SAFETY: the flag lives in the owner, alive while we are BUSY.
        let flag = unsafe { &*body.flag };
        if !flag.try_borrow_unchanged_since(body.generation) {
            body.state.set(ACTIVE);
            return 0;
        }
    }
    let _running = Running {
        body,
        next_state: ACTIVE,
    };
    match body.iter.get() {
        // SAFETY: as in `next`: BUSY, owner alive, unmutated and borrowed.
        Some(iter) => unsafe { (*iter.as_ptr()).remaining() },
        None => 0,
    }
}

/// `tp_dealloc`.
///
/// # Safety
/// Called by CPython with the GIL held, on an instance of the iterator type.
unsafe extern "C" fn tp_dealloc(slf: *mut ffi::PyObject) {
    // SAFETY: CPython calls us with the GIL held on a dying instance; nothing else can use
    // it. The type is a GC heap type: untrack first, free with its tp_free, then drop the
    // instance's reference to the type.
    unsafe {
        ffi::PyObject_GC_UnTrack(slf.cast());
        crate::impl_::pyclass::dealloc_guarded(slf, |_py, slf| {
            let body = &(*slf.cast::<IterObject>()).body;
            if body.state.get() != BUSY {
                release(body, true);
            }
        });
        let ty = ffi::Py_TYPE(slf);
        ffi::PyObject_GC_Del(slf.cast());
        ffi::Py_DecRef(ty.cast());
    }
}

/// `tp_traverse`: the owner.
///
/// # Safety
/// Called by the collector with an instance of the iterator type.
unsafe extern "C" fn tp_traverse(
    slf: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: the collector passes a live instance.
    let body = unsafe { &(*slf.cast::<IterObject>()).body };
    let owner = body.owner.get();
    if !owner.is_null() {
        // SAFETY: a strong reference we hold.
        let rc = unsafe { visit(owner, arg) };
        if rc != 0 {
            return rc;
        }
    }
    0
}

/// `tp_clear`: breaks a cycle through the owner.
///
/// # Safety
/// Called by the collector with the GIL held, on an instance of the iterator type.
unsafe extern "C" fn tp_clear(slf: *mut ffi::PyObject) -> c_int {
    // SAFETY: as for `tp_dealloc`; the object stays valid for the call.
    unsafe {
        let body = &(*slf.cast::<IterObject>()).body;
        // A running `next()` is reachable from its caller, so is never cleared; be safe.
        if body.state.enter().is_ok() {
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| release(body, true)));
            if let Err(payload) = outcome {
                let py = Python::assume_gil_acquired();
                crate::exceptions::PanicException::from_panic_payload(payload)
                    .write_unraisable(py, None);
            }
        }
    }
    0
}
