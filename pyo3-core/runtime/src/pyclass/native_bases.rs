//! Native types a `#[pyclass]` may extend (`extends = PyException`, `PyDict`, ...): their C
//! instance layouts, and how the native part of an instance is torn down.
//!
//! Only available with the full C API (not under `Py_LIMITED_API`, where instance layouts
//! are opaque).

use crate::ffi;
use crate::impl_::pyclass::PyClassBaseType;
use crate::pycell::BaseLayout;
use crate::pyclass::init::PyNativeTypeInitializer;
use crate::python::Python;
use crate::type_object::PyTypeInfo;

/// Frees an instance whose native base has its own deallocator: runs the deallocator of the
/// first non-heap type in the instance's type chain (the native base), which frees the
/// memory with the instance type's `tp_free`, then drops the type reference that heap-type
/// instances hold.
///
/// # Safety
/// The GIL must be held; `obj` is dying and its class levels are already torn down.
unsafe fn native_dealloc(obj: *mut ffi::PyObject) {
    // SAFETY: `obj` and its type are valid; the walk ends at a static type (the native
    // base at the latest) because class chains are rooted in one.
    unsafe {
        let ty = ffi::Py_TYPE(obj);
        let mut base = ty;
        while (*base).tp_flags & ffi::Py_TPFLAGS_HEAPTYPE != 0 {
            base = (*base).tp_base;
        }
        let is_heap = (*ty).tp_flags & ffi::Py_TPFLAGS_HEAPTYPE != 0;
        // Our tp_dealloc untracked the instance; a GC-aware native deallocator untracks it
        // again, which before 3.11 (BaseException) is an unchecked unlink that crashes on
        // an untracked object. Re-track it first, as CPython's own subtype_dealloc does.
        if ffi::PyType_IS_GC(base) != 0 && ffi::PyObject_GC_IsTracked(obj) == 0 {
            ffi::PyObject_GC_Track(obj.cast());
        }
        match (*base).tp_dealloc {
            Some(dealloc) => dealloc(obj),
            None => ffi::PyObject_Free(obj.cast()),
        }
        if is_heap {
            ffi::Py_DecRef(ty.cast());
        }
    }
}

macro_rules! native_layout {
    ($($layout:ty),+ $(,)?) => {
        $(
            // SAFETY: the struct is CPython's own instance layout for the type.
            unsafe impl BaseLayout for $layout {
                unsafe fn dealloc_chain(_py: Python<'_>, obj: *mut ffi::PyObject) {
                    // SAFETY: forwarded from the caller.
                    unsafe { native_dealloc(obj) }
                }
            }
        )+
    };
}

native_layout!(
    ffi::PyBaseExceptionObject,
    ffi::PyOSErrorObject,
    ffi::PyImportErrorObject,
    ffi::PySyntaxErrorObject,
    ffi::PyUnicodeErrorObject,
    ffi::PySystemExitObject,
    ffi::PyStopIterationObject,
    ffi::PyDictObject,
    ffi::PyListObject,
);
#[cfg(Py_3_10)]
native_layout!(ffi::PyAttributeErrorObject, ffi::PyNameErrorObject);

macro_rules! native_base {
    ($layout:ty => $($ty:ty),+ $(,)?) => {
        $(
            // SAFETY: `$layout` is the instance layout of `$ty`.
            unsafe impl PyClassBaseType for $ty {
                type LayoutAsBase = $layout;
                type Initializer = PyNativeTypeInitializer<$ty>;
                fn base_type_object(py: Python<'_>) -> *mut ffi::PyTypeObject {
                    <$ty as PyTypeInfo>::type_object_raw(py)
                }
            }
        )+
    };
}

use crate::exceptions::*;

native_base!(ffi::PyBaseExceptionObject =>
    PyBaseException, PyException, PyStopAsyncIteration, PyGeneratorExit, PyArithmeticError,
    PyLookupError, PyAssertionError, PyBufferError, PyEOFError, PyFloatingPointError,
    PyIndexError, PyKeyError, PyKeyboardInterrupt, PyMemoryError, PyOverflowError,
    PyRuntimeError, PyRecursionError, PyNotImplementedError, PyReferenceError, PySystemError,
    PyTypeError, PyValueError, PyZeroDivisionError, PyWarning, PyUserWarning,
    PyDeprecationWarning, PyPendingDeprecationWarning, PySyntaxWarning, PyRuntimeWarning,
    PyFutureWarning, PyImportWarning, PyUnicodeWarning, PyBytesWarning, PyResourceWarning,
);
native_base!(ffi::PyOSErrorObject =>
    PyOSError, PyBlockingIOError, PyBrokenPipeError, PyChildProcessError, PyConnectionError,
    PyConnectionAbortedError, PyConnectionRefusedError, PyConnectionResetError,
    PyFileExistsError, PyFileNotFoundError, PyInterruptedError, PyIsADirectoryError,
    PyNotADirectoryError, PyPermissionError, PyProcessLookupError, PyTimeoutError,
);
native_base!(ffi::PyImportErrorObject => PyImportError, PyModuleNotFoundError);
native_base!(ffi::PySyntaxErrorObject => PySyntaxError, PyIndentationError, PyTabError);
native_base!(ffi::PyUnicodeErrorObject =>
    PyUnicodeError, PyUnicodeEncodeError, PyUnicodeDecodeError, PyUnicodeTranslateError,
);
native_base!(ffi::PySystemExitObject => PySystemExit);
native_base!(ffi::PyStopIterationObject => PyStopIteration);
native_base!(ffi::PyDictObject => crate::types::PyDict);
native_base!(ffi::PyListObject => crate::types::PyList);

#[cfg(Py_3_10)]
native_base!(ffi::PyAttributeErrorObject => PyAttributeError);
#[cfg(Py_3_10)]
native_base!(ffi::PyNameErrorObject => PyNameError, PyUnboundLocalError);
#[cfg(not(Py_3_10))]
native_base!(ffi::PyBaseExceptionObject => PyAttributeError, PyNameError, PyUnboundLocalError);
#[cfg(Py_3_10)]
native_base!(ffi::PyBaseExceptionObject => PyEncodingWarning);
