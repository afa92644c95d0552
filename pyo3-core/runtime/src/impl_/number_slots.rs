//! Number slots that call the magic methods by name, with CPython's rules for Python
//! classes: a binary slot receives either operand as `self`, so it tries `a.__op__(b)` when
//! `a`'s type uses this slot, then `b.__rop__(a)` when `b`'s does; in-place slots call
//! `__iop__`; unary slots call their method.

use std::os::raw::c_void;

use crate::err::PyResult;
use crate::ffi;
use crate::impl_::trampoline;
use crate::instance::PyObject;
use crate::python::Python;
use crate::sync::Interned;

use super::method_slots::{call_method, Lookup};

/// The binary operators: slot, `__op__`, `__rop__`, in-place slot (0 if none), `__iop__`.
pub const BINARY: [(std::os::raw::c_int, &str, &str, std::os::raw::c_int, &str); 13] = [
    (
        ffi::Py_nb_add,
        "__add__",
        "__radd__",
        ffi::Py_nb_inplace_add,
        "__iadd__",
    ),
    (
        ffi::Py_nb_subtract,
        "__sub__",
        "__rsub__",
        ffi::Py_nb_inplace_subtract,
        "__isub__",
    ),
    (
        ffi::Py_nb_multiply,
        "__mul__",
        "__rmul__",
        ffi::Py_nb_inplace_multiply,
        "__imul__",
    ),
    (
        ffi::Py_nb_matrix_multiply,
        "__matmul__",
        "__rmatmul__",
        ffi::Py_nb_inplace_matrix_multiply,
        "__imatmul__",
    ),
    (
        ffi::Py_nb_true_divide,
        "__truediv__",
        "__rtruediv__",
        ffi::Py_nb_inplace_true_divide,
        "__itruediv__",
    ),
    (
        ffi::Py_nb_floor_divide,
        "__floordiv__",
        "__rfloordiv__",
        ffi::Py_nb_inplace_floor_divide,
        "__ifloordiv__",
    ),
    (
        ffi::Py_nb_remainder,
        "__mod__",
        "__rmod__",
        ffi::Py_nb_inplace_remainder,
        "__imod__",
    ),
    (ffi::Py_nb_divmod, "__divmod__", "__rdivmod__", 0, ""),
    (
        ffi::Py_nb_lshift,
        "__lshift__",
        "__rlshift__",
        ffi::Py_nb_inplace_lshift,
        "__ilshift__",
    ),
    (
        ffi::Py_nb_rshift,
        "__rshift__",
        "__rrshift__",
        ffi::Py_nb_inplace_rshift,
        "__irshift__",
    ),
    (
        ffi::Py_nb_and,
        "__and__",
        "__rand__",
        ffi::Py_nb_inplace_and,
        "__iand__",
    ),
    (
        ffi::Py_nb_or,
        "__or__",
        "__ror__",
        ffi::Py_nb_inplace_or,
        "__ior__",
    ),
    (
        ffi::Py_nb_xor,
        "__xor__",
        "__rxor__",
        ffi::Py_nb_inplace_xor,
        "__ixor__",
    ),
];

macro_rules! interned {
    ($($name:literal),*) => { [$(Interned::new($name)),*] };
}

static OP: [Interned; 13] = interned!(
    "__add__",
    "__sub__",
    "__mul__",
    "__matmul__",
    "__truediv__",
    "__floordiv__",
    "__mod__",
    "__divmod__",
    "__lshift__",
    "__rshift__",
    "__and__",
    "__or__",
    "__xor__"
);
static ROP: [Interned; 13] = interned!(
    "__radd__",
    "__rsub__",
    "__rmul__",
    "__rmatmul__",
    "__rtruediv__",
    "__rfloordiv__",
    "__rmod__",
    "__rdivmod__",
    "__rlshift__",
    "__rrshift__",
    "__rand__",
    "__ror__",
    "__rxor__"
);
static IOP: [Interned; 13] = interned!(
    "__iadd__",
    "__isub__",
    "__imul__",
    "__imatmul__",
    "__itruediv__",
    "__ifloordiv__",
    "__imod__",
    "",
    "__ilshift__",
    "__irshift__",
    "__iand__",
    "__ior__",
    "__ixor__"
);
static POW: Interned = Interned::new("__pow__");
static RPOW: Interned = Interned::new("__rpow__");
static IPOW: Interned = Interned::new("__ipow__");

/// Whether `ty` fills slot `slot` with `function` (only our heap types can).
///
/// # Safety
/// `ty` is a live type object and the GIL is held.
unsafe fn uses(
    ty: *mut ffi::PyTypeObject,
    slot: std::os::raw::c_int,
    function: *mut c_void,
) -> bool {
    // SAFETY: `ty` is live; `PyType_GetSlot` is only asked of heap types (static types
    // raise on it before 3.10).
    unsafe {
        ffi::PyType_GetFlags(ty) & ffi::Py_TPFLAGS_HEAPTYPE != 0
            && ffi::PyType_GetSlot(ty, slot) == function
    }
}

/// `a OP b` for a slot shared by `__op__` and `__rop__`: CPython's order for Python
/// classes (a right operand whose type is a subclass overriding `__rop__` goes first).
///
/// # Safety
/// `a` and `b` are live and the GIL is held.
unsafe fn binary_op(
    py: Python<'_>,
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    slot: std::os::raw::c_int,
    function: *mut c_void,
    op: &Interned,
    rop: &Interned,
) -> PyResult<PyObject> {
    // SAFETY: forwarded from the caller.
    unsafe {
        let (ta, tb) = (ffi::Py_TYPE(a), ffi::Py_TYPE(b));
        let mut do_other = ta != tb && uses(tb, slot, function);
        if uses(ta, slot, function) {
            if do_other && ffi::PyType_IsSubtype(tb, ta) != 0 {
                let result = call_method(py, b, rop.get(py), &[a], Lookup::NotImplemented)?;
                if !result.is(&py.NotImplemented()) {
                    return Ok(result);
                }
                do_other = false;
            }
            let result = call_method(py, a, op.get(py), &[b], Lookup::NotImplemented)?;
            if !result.is(&py.NotImplemented()) || ta == tb {
                return Ok(result);
            }
        }
        if do_other {
            return call_method(py, b, rop.get(py), &[a], Lookup::NotImplemented);
        }
        Ok(py.NotImplemented())
    }
}

/// `binaryfunc` for binary operator `N` of [`BINARY`].
///
/// # Safety
/// Called by CPython only, as a number slot, with the GIL held.
pub unsafe extern "C" fn binary<const N: usize>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let function = binary::<N> as *mut c_void;
    // SAFETY: CPython passes live operands.
    unsafe {
        trampoline::run(false, |py| {
            binary_op(py, a, b, BINARY[N].0, function, &OP[N], &ROP[N])
        })
    }
}

/// `a.__iop__(*args)`; a method returning `None` (a Rust `fn __iadd__(&mut self, ..)`)
/// gives `a` itself, as PyO3 does.
///
/// # Safety
/// `a` and the arguments are live and the GIL is held.
unsafe fn inplace_op(
    py: Python<'_>,
    a: *mut ffi::PyObject,
    name: &Interned,
    args: &[*mut ffi::PyObject],
) -> PyResult<PyObject> {
    // SAFETY: forwarded from the caller.
    let result = unsafe { call_method(py, a, name.get(py), args, Lookup::NotImplemented)? };
    if result.is_none(py) {
        // SAFETY: `a` is live.
        return Ok(unsafe { PyObject::from_borrowed_ptr(py, a) });
    }
    Ok(result)
}

/// `binaryfunc` for the in-place form of operator `N`: `a.__iop__(b)` (CPython falls back
/// to the binary slot on `NotImplemented`).
///
/// # Safety
/// Called by CPython only, as a number slot, with the GIL held.
pub unsafe extern "C" fn inplace<const N: usize>(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython passes live operands.
    unsafe { trampoline::run(false, |py| inplace_op(py, a, &IOP[N], &[b])) }
}

/// `ternaryfunc` `nb_power`: the binary rules without a modulus, else `a.__pow__(b, c)`
/// when `a`'s type uses this slot.
///
/// # Safety
/// Called by CPython only, as a number slot, with the GIL held.
pub unsafe extern "C" fn power(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    c: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let function = power as *mut c_void;
    // SAFETY: CPython passes live operands (`c` is `None` when absent).
    unsafe {
        trampoline::run(false, |py| {
            if c == ffi::Py_None() {
                return binary_op(py, a, b, ffi::Py_nb_power, function, &POW, &RPOW);
            }
            if uses(ffi::Py_TYPE(a), ffi::Py_nb_power, function) {
                return call_method(py, a, POW.get(py), &[b, c], Lookup::NotImplemented);
            }
            Ok(py.NotImplemented())
        })
    }
}

/// `ternaryfunc` `nb_inplace_power`: `a.__ipow__(b)`.
///
/// # Safety
/// Called by CPython only, as a number slot, with the GIL held.
pub unsafe extern "C" fn inplace_power(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    _c: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython passes live operands.
    unsafe { trampoline::run(false, |py| inplace_op(py, a, &IPOW, &[b])) }
}

static UNARY_NAMES: [Interned; 6] = interned!(
    "__neg__",
    "__pos__",
    "__abs__",
    "__invert__",
    "__float__",
    "__index__"
);

/// `unaryfunc` for unary method `N` of `__neg__`, `__pos__`, `__abs__`, `__invert__`,
/// `__float__`, `__index__` (CPython checks the result types of the last two).
///
/// # Safety
/// Called by CPython only, as a number slot, with the GIL held.
pub unsafe extern "C" fn unary<const N: usize>(a: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython passes a live operand.
    unsafe {
        trampoline::run(false, |py| {
            call_method(py, a, UNARY_NAMES[N].get(py), &[], Lookup::Raise)
        })
    }
}
