//! The runtime half of `#[pymethods]`: the traits each generated method, property and
//! constructor implements, their C trampolines, and the receivers (`&self`, `&mut self`,
//! `slf: PyRef<Self>`, ...) built from the object CPython passes.
//!
//! Every trampoline relies on one CPython guarantee: a method, class method, getter or
//! setter defined on a type is only ever called with `self` (or `cls`) an instance (or
//! subtype) of that type — method and getset descriptors check it before calling, and the
//! specialised call opcodes check the exact type. So the trampoline views `self` as the
//! class's cell without a second check, and generated code receives a safe
//! `&PyCell<Class>`.

mod constructor;
mod property;

#[cfg(not(Py_LIMITED_API))]
pub use constructor::vectorcall_trampoline;
pub use constructor::{
    new_instance, tp_new_trampoline, NewOutput, NewTarget, PyConstructorDef, PyNewImpl,
};
pub use property::{
    getter_trampoline, setter_trampoline, FieldAccess, FieldGet, FieldSet, PyGetField,
    PyGetterImpl, PySetField, PySetterImpl,
};

use std::ffi::CStr;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::buffer_slots::mut_borrow_error;
use crate::impl_::extract_argument::FastcallArgs;
use crate::impl_::pyclass::PyMethodDef;
use crate::impl_::pyfunction::PyFunctionImpl;
use crate::impl_::trampoline;
use crate::instance::{Py, PyObject};
use crate::pycell::{PyCell, PyRef, PyRefMut};
use crate::pyclass::{False, PyClass};
use crate::python::Python;
use crate::types::{PyAny, PyType};

/// Implemented by `#[pymethods]` for a marker type per instance method.
pub trait PyMethodImpl {
    /// The class the method belongs to.
    type Class: PyClass;
    /// Whether a call must open a pool scope (see `PyFunctionImpl::NEEDS_POOL`); `&self`
    /// and `&mut self` receivers need none.
    const NEEDS_POOL: bool;
    /// Whether the method takes no arguments besides its receiver (nor `*args` /
    /// `**kwargs`): it is then a `METH_NOARGS` method, which CPython calls through a
    /// cheaper path, and a call with arguments fails with CPython's own message for such
    /// methods (`Counter.incr() takes no arguments (1 given)`, as `[].clear(1)` does).
    const NO_ARGS: bool = false;

    /// Matches the arguments, borrows the receiver, calls the method, converts the result.
    fn call<'py>(
        py: Python<'py>,
        slf: &'py PyCell<Self::Class>,
        args: FastcallArgs<'py>,
    ) -> PyResult<PyObject>;
}

/// The C entry point of every instance method (`METH_FASTCALL | METH_KEYWORDS`).
///
/// # Safety
/// Called by CPython only, through the method descriptor of `M::Class`'s type: the GIL is
/// held, `slf` is an instance of the class (or a subclass), the arguments are a valid
/// vectorcall.
pub unsafe extern "C" fn method_trampoline<M: PyMethodImpl>(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: the descriptor checked `slf`'s type (module docs), so it has the layout of
    // `PyCell<M::Class>`; it and the borrowed arguments live for the whole call.
    unsafe {
        trampoline::run(M::NEEDS_POOL, |py| {
            let cell = &*slf.cast::<PyCell<M::Class>>();
            M::call(py, cell, FastcallArgs::from_raw(slf, args, nargs, kwnames))
        })
    }
}

/// The C entry point of instance methods without arguments (`METH_NOARGS`).
///
/// # Safety
/// As for [`method_trampoline`]; the second argument is unused (CPython passes null).
pub unsafe extern "C" fn noargs_trampoline<M: PyMethodImpl>(
    slf: *mut ffi::PyObject,
    _unused: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `method_trampoline`; an empty argument list is a valid vectorcall.
    unsafe {
        trampoline::run(M::NEEDS_POOL, |py| {
            let cell = &*slf.cast::<PyCell<M::Class>>();
            M::call(
                py,
                cell,
                FastcallArgs::from_raw(slf, std::ptr::null(), 0, std::ptr::null_mut()),
            )
        })
    }
}

/// The C entry point of instance methods where the limited API lacks `METH_FASTCALL`.
///
/// # Safety
/// As for [`method_trampoline`], with a tuple and a dict (or null).
#[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
pub unsafe extern "C" fn method_varargs_trampoline<M: PyMethodImpl>(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `method_trampoline`.
    unsafe {
        trampoline::run(M::NEEDS_POOL, |py| {
            let layout = crate::impl_::extract_argument::VectorcallLayout::new(py, args, kwargs)?;
            let cell = &*slf.cast::<PyCell<M::Class>>();
            M::call(py, cell, layout.args(slf))
        })
    }
}

impl PyMethodDef {
    /// The definition of an instance method implemented by `M`. `name` and `doc` end with
    /// a NUL byte (checked at compile time).
    pub const fn method<M: PyMethodImpl>(name: &'static str, doc: &'static str) -> Self {
        let (meth, flags) = if M::NO_ARGS {
            (
                ffi::PyMethodDefPointer {
                    PyCFunction: noargs_trampoline::<M>,
                },
                ffi::METH_NOARGS,
            )
        } else {
            (method_pointer::<M>(), crate::impl_::pyfunction::CALL_FLAGS)
        };
        PyMethodDef {
            name: crate::impl_::pyfunction::const_cstr(name),
            meth,
            flags,
            doc: crate::impl_::pyfunction::const_cstr(doc),
        }
    }

    /// The same definition with `METH_COEXIST`: the method replaces the slot wrapper
    /// CPython would otherwise put under its name (`__call__`, `__get__`, ... whose slot
    /// calls this method back).
    pub const fn coexist(mut self) -> Self {
        self.flags |= ffi::METH_COEXIST;
        self
    }

    /// The definition of a static or class method implemented by `F` (the method
    /// descriptor passes `NULL` or the class as `self`).
    pub const fn function<F: PyFunctionImpl>(name: &'static str, doc: &'static str) -> Self {
        PyMethodDef {
            name: crate::impl_::pyfunction::const_cstr(name),
            meth: crate::impl_::pyfunction::method_pointer::<F>(),
            flags: crate::impl_::pyfunction::CALL_FLAGS,
            doc: crate::impl_::pyfunction::const_cstr(doc),
        }
    }
}

#[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
const fn method_pointer<M: PyMethodImpl>() -> ffi::PyMethodDefPointer {
    ffi::PyMethodDefPointer {
        PyCFunctionFastWithKeywords: method_trampoline::<M>,
    }
}

#[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
const fn method_pointer<M: PyMethodImpl>() -> ffi::PyMethodDefPointer {
    ffi::PyMethodDefPointer {
        PyCFunctionWithKeywords: method_varargs_trampoline::<M>,
    }
}

/// A class whose methods may take `&mut self`: every `#[pyclass]` that is not `frozen`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a `#[pyclass(frozen)]`, so its methods cannot take `&mut self`",
    label = "needs a class that is not `frozen`",
    note = "take `&self` and keep mutable state in a `Mutex`/`Cell` field, or remove `frozen`"
)]
pub trait MutablePyClass: PyClass<Frozen = False> {}

/// Shared borrow of the receiver of a `&self` method: `RuntimeError` if it is mutably
/// borrowed, or if an `unsendable` instance is used from another thread.
#[inline]
pub fn borrow<T: PyClass>(slf: &PyCell<T>) -> PyResult<PyRef<'_, T>> {
    slf.check_thread()?;
    PyRef::try_new(slf).map_err(PyErr::from)
}

/// Exclusive borrow of the receiver of a `&mut self` method: `RuntimeError` if it is
/// borrowed at all (`BufferError` if by a buffer export).
#[inline]
pub fn borrow_mut<T: MutablePyClass>(slf: &PyCell<T>) -> PyResult<PyRefMut<'_, T>> {
    slf.check_thread()?;
    PyRefMut::try_new(slf).map_err(|err| mut_borrow_error(slf.as_ptr(), err))
}

/// The receiver of a `&mut self` method. Generated code checks separately, once, that the
/// class is not frozen ([`assert_mutable`]), so this takes any class: for a frozen one it
/// can only fail, and no guard is ever made.
#[inline]
pub fn borrow_self_mut<T: PyClass>(slf: &PyCell<T>) -> PyResult<SelfMut<'_, T>> {
    if T::FROZEN {
        return Err(crate::exceptions::PyTypeError::new_err(
            "a frozen class has no `&mut self` methods",
        ));
    }
    slf.check_thread()?;
    slf.borrow_checker()
        .try_borrow_mut()
        .map_err(|err| mut_borrow_error(slf.as_ptr(), err))?;
    Ok(SelfMut { cell: slf })
}

/// Compile-time check that a class with a `&mut self` method is not frozen.
pub const fn assert_mutable<T: MutablePyClass>() {}

/// The exclusive borrow held for a `&mut self` method (of a class that is not frozen).
pub struct SelfMut<'a, T: PyClass> {
    cell: &'a PyCell<T>,
}

impl<T: PyClass> std::ops::Deref for SelfMut<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: we hold the chain's exclusive borrow (`borrow_self_mut`).
        unsafe { &*self.cell.get_ptr() }
    }
}

impl<T: PyClass> std::ops::DerefMut for SelfMut<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as above, exclusively.
        unsafe { &mut *self.cell.get_ptr() }
    }
}

impl<T: PyClass> Drop for SelfMut<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.cell.borrow_checker().release_borrow_mut();
    }
}

/// A type a method may take as its first parameter in place of `self`:
/// `slf: PyRef<'_, Self>`, `PyRefMut<'_, Self>`, `&PyCell<Self>`, `Py<Self>`, `&PyAny`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot receive the instance of `{T}`",
    label = "the first parameter of a method without `self` receives the instance",
    note = "use `&self`, `&mut self`, `slf: PyRef<'_, Self>`, `slf: PyRefMut<'_, Self>`, \
            `slf: &PyCell<Self>` or `slf: Py<Self>`; or mark the method `#[staticmethod]`"
)]
pub trait PyMethodReceiver<'py, T: PyClass>: Sized {
    /// Builds the receiver from the instance.
    fn from_cell(cell: &'py PyCell<T>) -> PyResult<Self>;
}

impl<'py, T: PyClass> PyMethodReceiver<'py, T> for PyRef<'py, T> {
    #[inline]
    fn from_cell(cell: &'py PyCell<T>) -> PyResult<Self> {
        borrow(cell)
    }
}

impl<'py, T: MutablePyClass> PyMethodReceiver<'py, T> for PyRefMut<'py, T> {
    #[inline]
    fn from_cell(cell: &'py PyCell<T>) -> PyResult<Self> {
        borrow_mut(cell)
    }
}

impl<'py, T: PyClass> PyMethodReceiver<'py, T> for &'py PyCell<T> {
    #[inline]
    fn from_cell(cell: &'py PyCell<T>) -> PyResult<Self> {
        Ok(cell)
    }
}

impl<'py, T: PyClass> PyMethodReceiver<'py, T> for Py<T> {
    #[inline]
    fn from_cell(cell: &'py PyCell<T>) -> PyResult<Self> {
        Ok(Py::from(cell))
    }
}

impl<'py, T: PyClass> PyMethodReceiver<'py, T> for &'py PyAny {
    #[inline]
    fn from_cell(cell: &'py PyCell<T>) -> PyResult<Self> {
        Ok(cell.as_any())
    }
}

/// Builds a typed receiver (called by generated code).
#[inline]
pub fn receiver<'py, T: PyClass, R: PyMethodReceiver<'py, T>>(cell: &'py PyCell<T>) -> PyResult<R> {
    R::from_cell(cell)
}

/// The class a class method is called on (`cls: &PyType`).
#[inline]
pub fn class_receiver<'py>(args: &FastcallArgs<'py>) -> PyResult<&'py PyType> {
    match args.module() {
        Some(cls) => cls.downcast::<PyType>().map_err(PyErr::from),
        None => Err(crate::exceptions::PySystemError::new_err(
            "class method called without its class",
        )),
    }
}

/// A class attribute's value (`#[classattr]`), converted once when the type is created.
#[inline]
pub fn class_attribute<R: crate::impl_::callback::CallbackOutput>(
    py: Python<'_>,
    value: R,
) -> PyResult<PyObject> {
    value.convert(py)
}

/// The value a `#[setter]` receives (a `TypeError` from the conversion is raised as is).
#[inline]
pub fn extract_value<'py, T: crate::conversion::FromPyObject<'py>>(
    value: &'py PyAny,
) -> PyResult<T> {
    T::extract(value)
}

/// What a `#[setter]` may return: `()` or a `Result<(), E>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from a `#[setter]`",
    label = "expected `()` or `PyResult<()>`"
)]
pub trait SetterOutput {
    /// The outcome.
    fn into_result(self) -> PyResult<()>;
}

impl SetterOutput for () {
    #[inline]
    fn into_result(self) -> PyResult<()> {
        Ok(())
    }
}

impl<E: Into<PyErr>> SetterOutput for Result<(), E> {
    #[inline]
    fn into_result(self) -> PyResult<()> {
        self.map_err(Into::into)
    }
}

/// Converts a setter's return value (called by generated code).
#[inline]
pub fn setter_output<R: SetterOutput>(value: R) -> PyResult<()> {
    value.into_result()
}

/// The NUL-terminated string `text`, for use in `static` definitions.
pub const fn cstr(text: &'static str) -> &'static CStr {
    crate::impl_::pyfunction::const_cstr(text)
}
