//! `#[new]`: the constructor's `tp_new`, the vectorcall fast path for calls on the exact
//! class, and the conversion of what the Rust constructor returns into an instance.

use std::marker::PhantomData;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::extract_argument::{FastcallArgs, VectorcallLayout};
use crate::impl_::trampoline;
use crate::instance::PyObject;
use crate::pyclass::init::PyObjectInit;
use crate::pyclass::{PyClass, PyClassInitializer};
use crate::python::Python;
#[cfg(not(Py_LIMITED_API))]
use crate::type_object::PyTypeInfo;

/// Implemented by `#[pymethods]` for the marker type of a class's `#[new]`.
pub trait PyNewImpl {
    /// The class constructed.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Matches the arguments, calls the Rust constructor and creates the instance with
    /// [`new_instance`].
    fn call<'py>(
        py: Python<'py>,
        target: NewTarget<'py, Self::Class>,
        args: FastcallArgs<'py>,
    ) -> PyResult<PyObject>;
}

/// The type being instantiated: the class itself or a Python subclass of it. Only the
/// runtime creates one, from the type CPython passes to the constructor.
pub struct NewTarget<'py, T> {
    subtype: *mut ffi::PyTypeObject,
    _marker: PhantomData<(Python<'py>, T)>,
}

impl<T: PyClass> NewTarget<'_, T> {
    /// # Safety
    /// `subtype` must be `T`'s type object or a subtype of it.
    unsafe fn new(subtype: *mut ffi::PyTypeObject) -> Self {
        NewTarget {
            subtype,
            _marker: PhantomData,
        }
    }
}

/// What `#[new]` may return: the class value `T`, a `(T, Base)` pair, a
/// `PyClassInitializer<T>`, or a `Result` of one of those.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from `#[new]` of `{T}`",
    label = "expected `{T}` or `PyResult<{T}>`",
    note = "`#[new]` returns `Self`, `PyResult<Self>`, a `(Self, Base)` pair or a \
            `PyClassInitializer<Self>` (or a `Result` of those)"
)]
pub trait NewOutput<T: PyClass> {
    /// The initializer, or the error the constructor returned.
    fn into_initializer(self) -> PyResult<PyClassInitializer<T>>;
}

impl<T> NewOutput<T> for T
where
    T: PyClass + Into<PyClassInitializer<T>>,
{
    #[inline]
    fn into_initializer(self) -> PyResult<PyClassInitializer<T>> {
        Ok(self.into())
    }
}

impl<T: PyClass> NewOutput<T> for PyClassInitializer<T> {
    #[inline]
    fn into_initializer(self) -> PyResult<PyClassInitializer<T>> {
        Ok(self)
    }
}

impl<S, B> NewOutput<S> for (S, B)
where
    S: PyClass,
    (S, B): Into<PyClassInitializer<S>>,
{
    #[inline]
    fn into_initializer(self) -> PyResult<PyClassInitializer<S>> {
        Ok(self.into())
    }
}

impl<T, I, E> NewOutput<T> for Result<I, E>
where
    T: PyClass,
    I: NewOutput<T>,
    E: Into<PyErr>,
{
    #[inline]
    fn into_initializer(self) -> PyResult<PyClassInitializer<T>> {
        self.map_err(Into::into)?.into_initializer()
    }
}

/// Creates the instance from what the Rust constructor returned (called by generated code).
#[inline]
pub fn new_instance<T: PyClass, R: NewOutput<T>>(
    py: Python<'_>,
    target: NewTarget<'_, T>,
    value: R,
) -> PyResult<PyObject> {
    let init = value.into_initializer()?;
    // SAFETY: `target.subtype` is `T`'s type or a subtype (NewTarget's contract); the
    // result is a new reference.
    unsafe {
        let obj = init.into_new_object(py, target.subtype)?;
        Ok(PyObject::from_owned_ptr(py, obj))
    }
}

/// The `tp_new` of a class with `#[new]`: arguments arrive as a tuple and a dict.
///
/// # Safety
/// Called by CPython only, with `subtype` the class or a subtype of it (`tp_new` callers
/// check), a tuple and a dict or null.
pub unsafe extern "C" fn tp_new_trampoline<M: PyNewImpl>(
    subtype: *mut ffi::PyTypeObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: forwarded from CPython's guarantees above; the tuple and dict outlive the call.
    unsafe {
        trampoline::run(M::NEEDS_POOL, |py| {
            let layout = VectorcallLayout::new(py, args, kwargs)?;
            M::call(
                py,
                NewTarget::new(subtype),
                layout.args(std::ptr::null_mut()),
            )
        })
    }
}

/// The type's vectorcall entry (`tp_vectorcall`), so that `Class(...)` skips the tuple and
/// dict of `tp_new`. It only takes the fast path when `callable` is exactly the class and
/// the class's `__init__` is still `object.__init__` (what `type.__call__` would run after
/// `tp_new` does nothing then); otherwise it does what `type.__call__` does.
///
/// # Safety
/// Installed as the `tp_vectorcall` of `M::Class`'s type (or inherited by a subtype):
/// `callable` is that type or a subtype, the arguments are a valid vectorcall.
#[cfg(not(Py_LIMITED_API))]
pub unsafe extern "C" fn vectorcall_trampoline<M: PyNewImpl>(
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython holds the GIL for the call.
    let py = unsafe { Python::assume_gil_acquired() };
    let ty = callable.cast::<ffi::PyTypeObject>();
    // SAFETY: `callable` is a type object (contract above).
    let plain = ty == <M::Class as PyTypeInfo>::type_object_raw(py)
        && unsafe {
            (*ty).tp_init.map(|f| f as usize) == ffi::PyBaseObject_Type.tp_init.map(|f| f as usize)
        };
    // SAFETY: as above; the arguments are alive for the call.
    unsafe {
        let nargs = ffi::PyVectorcall_NARGS(nargsf);
        if plain {
            trampoline::run(M::NEEDS_POOL, |py| {
                M::call(
                    py,
                    NewTarget::new(ty),
                    FastcallArgs::from_raw(std::ptr::null_mut(), args, nargs, kwnames),
                )
            })
        } else {
            call_type_generic(py, callable, args, nargs, kwnames)
        }
    }
}

/// `type.__call__(callable, *args, **kwargs)` for a vectorcall: builds the tuple and dict
/// and lets CPython run `tp_new` and `__init__`.
///
/// # Safety
/// `callable` is a type; the arguments are a valid vectorcall; the GIL is held.
#[cfg(not(Py_LIMITED_API))]
#[cold]
unsafe fn call_type_generic(
    _py: Python<'_>,
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: forwarded from the caller; every reference created is released here.
    unsafe {
        let tuple = ffi::PyTuple_New(nargs);
        if tuple.is_null() {
            return std::ptr::null_mut();
        }
        for i in 0..nargs {
            let item = *args.offset(i);
            ffi::Py_IncRef(item);
            ffi::PyTuple_SetItem(tuple, i, item);
        }
        let mut dict = std::ptr::null_mut();
        if !kwnames.is_null() {
            dict = ffi::PyDict_New();
            if dict.is_null() {
                ffi::Py_DecRef(tuple);
                return std::ptr::null_mut();
            }
            for k in 0..ffi::PyTuple_Size(kwnames) {
                let value = *args.offset(nargs + k);
                if ffi::PyDict_SetItem(dict, ffi::PyTuple_GetItem(kwnames, k), value) < 0 {
                    ffi::Py_DecRef(tuple);
                    ffi::Py_DecRef(dict);
                    return std::ptr::null_mut();
                }
            }
        }
        let result = match ffi::PyType_Type.tp_call {
            Some(call) => call(callable, tuple, dict),
            None => ffi::PyObject_Call(callable, tuple, dict),
        };
        ffi::Py_DecRef(tuple);
        if !dict.is_null() {
            ffi::Py_DecRef(dict);
        }
        result
    }
}

/// The constructor of a class: its `tp_new`, its vectorcall entry, and the text signature
/// that goes on the class's docstring.
pub struct PyConstructorDef {
    /// `tp_new`.
    pub tp_new: ffi::newfunc,
    /// The type's `tp_vectorcall` (full API only).
    #[cfg(not(Py_LIMITED_API))]
    pub vectorcall: ffi::vectorcallfunc,
    /// The parameter list, e.g. `(start)`; empty for none.
    pub text_signature: &'static str,
}

impl PyConstructorDef {
    /// The constructor implemented by `M`.
    pub const fn new<M: PyNewImpl>(text_signature: &'static str) -> Self {
        PyConstructorDef {
            tp_new: tp_new_trampoline::<M>,
            #[cfg(not(Py_LIMITED_API))]
            vectorcall: vectorcall_trampoline::<M>,
            text_signature,
        }
    }
}
