//! Slots that call a magic method by name (`__call__`, `__get__`, `__set__`,
//! `__delete__`), as CPython's own slot functions do for Python classes: the method keeps
//! its full signature handling, and these functions are not generic.

use std::os::raw::c_int;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::trampoline;
use crate::instance::PyObject;
use crate::python::Python;
use crate::sync::Interned;
use crate::types::PyString;

static CALL: Interned = Interned::new("__call__");
static GET: Interned = Interned::new("__get__");
static SET: Interned = Interned::new("__set__");
static DELETE: Interned = Interned::new("__delete__");

/// `type(slf).<name>`; a missing method raises `AttributeError(name)`, CPython's wording
/// for a slot whose method is absent. CPython's slot wrapper found under the name (only
/// there when the class defines no such method: ours replace it, `METH_COEXIST`) would
/// call this slot again, so it counts as missing (`__delete__` when only `__set__` is
/// defined, which share `tp_descr_set`).
///
/// # Safety
/// `slf` is a live object and the GIL is held.
unsafe fn lookup(py: Python<'_>, slf: *mut ffi::PyObject, name: &PyString) -> PyResult<PyObject> {
    // SAFETY: `slf` is live, so its type is; `name` is a live string.
    let found = unsafe { ffi::PyObject_GetAttr(ffi::Py_TYPE(slf).cast(), name.as_ptr()) };
    // SAFETY: `found` is live when not null; the type object is a static.
    let wrapper = !found.is_null()
        && unsafe { ffi::Py_TYPE(found) == std::ptr::addr_of_mut!(ffi::PyWrapperDescr_Type) };
    if wrapper {
        // SAFETY: `found` is the new reference returned above.
        unsafe { ffi::Py_DecRef(found) };
        return Err(crate::exceptions::PyAttributeError::new_err(
            name.to_string_lossy().into_owned(),
        ));
    }
    if found.is_null() {
        // SAFETY: the GIL is held.
        let missing = unsafe { ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) } != 0;
        let err = PyErr::fetch(py);
        if missing {
            return Err(crate::exceptions::PyAttributeError::new_err(
                name.to_string_lossy().into_owned(),
            ));
        }
        return Err(err);
    }
    // SAFETY: `found` is a new reference.
    Ok(unsafe { PyObject::from_owned_ptr(py, found) })
}

/// Calls `func(*leading, *rest)` with the keywords `kwargs` (may be null); `rest` may be
/// null (no further arguments).
///
/// # Safety
/// Every pointer is live or null as stated, and the GIL is held.
unsafe fn call(
    py: Python<'_>,
    func: &PyObject,
    leading: &[*mut ffi::PyObject],
    rest: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> PyResult<PyObject> {
    let extra = if rest.is_null() {
        0
    } else {
        // SAFETY: `rest` is a live tuple when not null.
        unsafe { ffi::PyTuple_Size(rest) }
    };
    let count = leading.len() as ffi::Py_ssize_t + extra;
    // SAFETY: the GIL is held.
    let args = unsafe { PyObject::from_owned_ptr_or_err(py, ffi::PyTuple_New(count))? };
    let items = leading.iter().copied().chain((0..extra).map(|i| {
        // SAFETY: `i` is within the live tuple `rest`; the item is borrowed.
        unsafe { ffi::PyTuple_GetItem(rest, i) }
    }));
    for (i, item) in items.enumerate() {
        // SAFETY: `args` is a fresh tuple of `count` slots; `SetItem` steals the new
        // reference made here.
        unsafe {
            ffi::Py_IncRef(item);
            ffi::PyTuple_SetItem(args.as_ptr(), i as ffi::Py_ssize_t, item);
        }
    }
    // SAFETY: all live; the result is a new reference or null with an exception.
    unsafe {
        PyObject::from_owned_ptr_or_err(
            py,
            ffi::PyObject_Call(func.as_ptr(), args.as_ptr(), kwargs),
        )
    }
}

/// What a missing method means.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// `AttributeError(name)`.
    Raise,
    /// `NotImplemented` (binary operators: the other operand gets its turn).
    NotImplemented,
}

/// `type(slf).<name>(slf, *args)`.
///
/// # Safety
/// `slf` and every argument are live, and the GIL is held.
pub unsafe fn call_method(
    py: Python<'_>,
    slf: *mut ffi::PyObject,
    name: &PyString,
    args: &[*mut ffi::PyObject],
    missing: Lookup,
) -> PyResult<PyObject> {
    // SAFETY: forwarded from the caller.
    unsafe {
        let func = match lookup(py, slf, name) {
            Ok(func) => func,
            Err(err)
                if missing == Lookup::NotImplemented
                    && err.is_instance_of::<crate::exceptions::PyAttributeError>(py) =>
            {
                return Ok(py.NotImplemented())
            }
            Err(err) => return Err(err),
        };
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(slf);
        all.extend_from_slice(args);
        call(py, &func, &all, std::ptr::null_mut(), std::ptr::null_mut())
    }
}

/// `tp_call`: `type(slf).__call__(slf, *args, **kwargs)`.
///
/// # Safety
/// Called by CPython only, as a slot, with the GIL held.
pub unsafe extern "C" fn tp_call(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython passes a live `slf`, a live tuple and a dict or null.
    unsafe {
        trampoline::run(false, |py| {
            let func = lookup(py, slf, CALL.get(py))?;
            call(py, &func, &[slf], args, kwargs)
        })
    }
}

/// `tp_descr_get`: `type(slf).__get__(slf, obj or None, owner or None)`.
///
/// # Safety
/// Called by CPython only, as a slot, with the GIL held.
pub unsafe extern "C" fn tp_descr_get(
    slf: *mut ffi::PyObject,
    obj: *mut ffi::PyObject,
    owner: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython passes live objects or nulls; `None` stands in for a null.
    unsafe {
        trampoline::run(false, |py| {
            let none = py.None();
            let or_none = |p: *mut ffi::PyObject| if p.is_null() { none.as_ptr() } else { p };
            let func = lookup(py, slf, GET.get(py))?;
            call(
                py,
                &func,
                &[slf, or_none(obj), or_none(owner)],
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        })
    }
}

/// `tp_descr_set`: `type(slf).__set__(slf, obj, value)`, or `__delete__(slf, obj)` when
/// `value` is null.
///
/// # Safety
/// Called by CPython only, as a slot, with the GIL held.
pub unsafe extern "C" fn tp_descr_set(
    slf: *mut ffi::PyObject,
    obj: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: CPython passes live `slf` and `obj`, and a live `value` or null.
    unsafe {
        trampoline::run_with(false, -1, |py| {
            if value.is_null() {
                let func = lookup(py, slf, DELETE.get(py))?;
                call(
                    py,
                    &func,
                    &[slf, obj],
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                )?;
            } else {
                let func = lookup(py, slf, SET.get(py))?;
                call(
                    py,
                    &func,
                    &[slf, obj, value],
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                )?;
            }
            Ok(0)
        })
    }
}

static GETATTRIBUTE: Interned = Interned::new("__getattribute__");
static GETATTR: Interned = Interned::new("__getattr__");
static SETATTR: Interned = Interned::new("__setattr__");
static DELATTR: Interned = Interned::new("__delattr__");

/// `type(slf).<name>` if the class defines it (CPython's own wrappers do not count).
///
/// # Safety
/// `slf` is a live object and the GIL is held.
unsafe fn defined(
    py: Python<'_>,
    slf: *mut ffi::PyObject,
    name: &PyString,
) -> PyResult<Option<PyObject>> {
    // SAFETY: forwarded from the caller.
    match unsafe { lookup(py, slf, name) } {
        Ok(func) => Ok(Some(func)),
        Err(err) if err.is_instance_of::<crate::exceptions::PyAttributeError>(py) => Ok(None),
        Err(err) => Err(err),
    }
}

/// `tp_getattro`: `__getattribute__` if defined, else the generic lookup; on
/// `AttributeError`, `__getattr__` if defined (CPython's order for Python classes).
///
/// # Safety
/// Called by CPython only, as a slot, with the GIL held.
pub unsafe extern "C" fn tp_getattro(
    slf: *mut ffi::PyObject,
    name: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython passes a live object and a live name.
    unsafe {
        trampoline::run(false, |py| {
            let first = match defined(py, slf, GETATTRIBUTE.get(py))? {
                Some(func) => call(
                    py,
                    &func,
                    &[slf, name],
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                ),
                None => {
                    PyObject::from_owned_ptr_or_err(py, ffi::PyObject_GenericGetAttr(slf, name))
                }
            };
            match first {
                Err(err) if err.is_instance_of::<crate::exceptions::PyAttributeError>(py) => {
                    match defined(py, slf, GETATTR.get(py))? {
                        Some(func) => call(
                            py,
                            &func,
                            &[slf, name],
                            std::ptr::null_mut(),
                            std::ptr::null_mut(),
                        ),
                        None => Err(err),
                    }
                }
                other => other,
            }
        })
    }
}

/// `tp_setattro`: `__setattr__(name, value)`, or `__delattr__(name)` when `value` is
/// null; the generic behaviour for the one the class does not define.
///
/// # Safety
/// Called by CPython only, as a slot, with the GIL held.
pub unsafe extern "C" fn tp_setattro(
    slf: *mut ffi::PyObject,
    name: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: CPython passes live `slf` and `name`, and a live `value` or null.
    unsafe {
        trampoline::run_with(false, -1, |py| {
            let (method, args) = if value.is_null() {
                (DELATTR.get(py), vec![slf, name])
            } else {
                (SETATTR.get(py), vec![slf, name, value])
            };
            match defined(py, slf, method)? {
                Some(func) => {
                    call(py, &func, &args, std::ptr::null_mut(), std::ptr::null_mut())?;
                    Ok(0)
                }
                None => crate::err::error_on_minus_one(
                    py,
                    ffi::PyObject_GenericSetAttr(slf, name, value),
                )
                .map(|()| 0),
            }
        })
    }
}
