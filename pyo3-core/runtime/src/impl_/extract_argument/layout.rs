//! A call that arrives as a tuple and a dict (`tp_new`, and every function under abi3
//! below 3.10) viewed as a vectorcall, so one matching routine serves both conventions.

use std::ptr::NonNull;

use super::FastcallArgs;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::TempRef;
use crate::python::Python;

/// A call's tuple and dict rearranged as a vectorcall: positional items then keyword
/// values in one array, keyword names in a tuple. The array holds borrowed pointers: the
/// caller's tuple and dict keep them alive, and the names tuple holds its own references.
///
/// With the full C API and no keywords the array is the tuple's own item array: nothing is
/// copied or allocated.
pub struct VectorcallLayout {
    items: Vec<*mut ffi::PyObject>,
    direct: *const *mut ffi::PyObject,
    nargs: usize,
    kwnames: Option<TempRef>,
}

impl VectorcallLayout {
    /// Lays out the arguments of a `tp_call`-style call.
    ///
    /// # Safety
    /// `args` must be a tuple and `kwargs` a dict or null, both alive for as long as the
    /// layout is used; the GIL must be held.
    pub unsafe fn new(
        py: Python<'_>,
        args: *mut ffi::PyObject,
        kwargs: *mut ffi::PyObject,
    ) -> PyResult<Self> {
        // SAFETY: forwarded from the caller.
        unsafe {
            let nargs = super::raw::tuple_len(args);
            let nkw = if kwargs.is_null() {
                0
            } else {
                ffi::PyDict_Size(kwargs) as usize
            };
            #[cfg(not(any(Py_LIMITED_API, PyPy)))]
            if nkw == 0 {
                let direct = (*args.cast::<ffi::PyTupleObject>()).ob_item.as_ptr();
                return Ok(VectorcallLayout {
                    items: Vec::new(),
                    direct,
                    nargs,
                    kwnames: None,
                });
            }
            let mut items = Vec::with_capacity(nargs + nkw);
            for i in 0..nargs {
                items.push(ffi::PyTuple_GetItem(args, i as ffi::Py_ssize_t));
            }
            let mut kwnames = None;
            if nkw > 0 {
                let names = NonNull::new(ffi::PyTuple_New(nkw as ffi::Py_ssize_t))
                    .ok_or_else(|| PyErr::fetch(py))?;
                let names = TempRef::from_owned(names);
                let mut pos: ffi::Py_ssize_t = 0;
                let mut key = std::ptr::null_mut();
                let mut value = std::ptr::null_mut();
                let mut i = 0;
                while ffi::PyDict_Next(kwargs, &mut pos, &mut key, &mut value) != 0 {
                    ffi::Py_IncRef(key);
                    ffi::PyTuple_SetItem(names.as_any().as_ptr(), i, key);
                    items.push(value);
                    i += 1;
                }
                kwnames = Some(names);
            }
            Ok(VectorcallLayout {
                direct: items.as_ptr(),
                items,
                nargs,
                kwnames,
            })
        }
    }

    /// The arguments as a vectorcall, with `slf` as the callee's `self`.
    ///
    /// # Safety
    /// `slf` must be null or an object alive for as long as the result is used.
    pub unsafe fn args(&self, slf: *mut ffi::PyObject) -> FastcallArgs<'_> {
        let kwnames = self
            .kwnames
            .as_ref()
            .map_or(std::ptr::null_mut(), |n| n.as_any().as_ptr());
        let array = if self.items.is_empty() {
            self.direct
        } else {
            self.items.as_ptr()
        };
        // SAFETY: `array` holds `nargs` positional pointers then one value per name, all
        // kept alive by the caller's tuple and dict for the duration of the call; `slf` is
        // the caller's promise.
        unsafe { FastcallArgs::from_raw(slf, array, self.nargs as ffi::Py_ssize_t, kwnames) }
    }
}
