//! Type slots filled by magic methods: one generic C trampoline per C signature (the
//! macro's dunder table names them), and the slot implementations that `#[pyclass]`
//! options (`eq`, `ord`, `hash`, `str`) and enums use.
//!
//! The slots here are all called by CPython with `self` an instance of the type that
//! owns the slot (or of a subtype inheriting it), so each trampoline views `self` as the
//! class's cell. Slots whose first argument may be of another type (the binary number
//! operators) need a checking trampoline instead.

use std::fmt::Display;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::os::raw::{c_int, c_void};

use crate::conversion::IntoPy;
use crate::err::PyResult;
use crate::ffi;
pub use crate::impl_::buffer_slots::{GetBufferSlot, ReleaseBufferSlot};
use crate::impl_::pymethods::borrow;
use crate::impl_::trampoline;
use crate::instance::PyObject;
use crate::pycell::PyCell;
pub use crate::pyclass::CompareOp;
use crate::pyclass::PyClass;
pub use crate::pyclass::{PyTraverseError, PyVisit};
use crate::python::Python;
use crate::type_object::PyTypeInfo;
use crate::types::PyAny;

/// A slot taking only `self` and returning an object (`__repr__`, `__str__`, `__int__`).
pub trait UnarySlot {
    /// The class.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Runs the method.
    fn call<'py>(py: Python<'py>, slf: &'py PyCell<Self::Class>) -> PyResult<PyObject>;
}

/// `reprfunc` / `unaryfunc`.
///
/// # Safety
/// Called by CPython only, as a slot of `M::Class`'s type, with the GIL held.
pub unsafe extern "C" fn unaryfunc<M: UnarySlot>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: the slot's owner is `M::Class` or a subclass, so `slf` is such an instance.
    unsafe { trampoline::run(M::NEEDS_POOL, |py| M::call(py, &*slf.cast())) }
}

/// `__hash__`.
pub trait HashSlot {
    /// The class.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Runs the method.
    fn call<'py>(py: Python<'py>, slf: &'py PyCell<Self::Class>) -> PyResult<ffi::Py_hash_t>;
}

/// `hashfunc`: `-1` means an error to CPython, so a hash of `-1` becomes `-2` (as for
/// Python's own `int`).
///
/// # Safety
/// Called by CPython only, as a slot of `M::Class`'s type, with the GIL held.
pub unsafe extern "C" fn hashfunc<M: HashSlot>(slf: *mut ffi::PyObject) -> ffi::Py_hash_t {
    // SAFETY: as for `unaryfunc`.
    unsafe {
        trampoline::run_with(M::NEEDS_POOL, -1, |py| {
            M::call(py, &*slf.cast()).map(|h| if h == -1 { -2 } else { h })
        })
    }
}

/// `__richcmp__`: `other` is any object; the method returns `NotImplemented` for what it
/// cannot compare.
pub trait RichCmpSlot {
    /// The class.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Runs the method.
    fn call<'py>(
        py: Python<'py>,
        slf: &'py PyCell<Self::Class>,
        other: &'py PyAny,
        op: CompareOp,
    ) -> PyResult<PyObject>;
}

/// `richcmpfunc`.
///
/// # Safety
/// Called by CPython only, as a slot of `M::Class`'s type, with the GIL held.
pub unsafe extern "C" fn richcmpfunc<M: RichCmpSlot>(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    // SAFETY: as for `unaryfunc`; `other` is alive for the call.
    unsafe {
        trampoline::run(M::NEEDS_POOL, |py| match CompareOp::from_raw(op) {
            Some(op) => M::call(py, &*slf.cast(), &*other.cast(), op),
            None => Ok(py.NotImplemented()),
        })
    }
}

/// `__bool__`.
pub trait InquirySlot {
    /// The class.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Runs the method.
    fn call<'py>(py: Python<'py>, slf: &'py PyCell<Self::Class>) -> PyResult<bool>;
}

/// `inquiry`: 1 for true, 0 for false, -1 on error.
///
/// # Safety
/// Called by CPython only, as a slot of `M::Class`'s type, with the GIL held.
pub unsafe extern "C" fn inquiry<M: InquirySlot>(slf: *mut ffi::PyObject) -> c_int {
    // SAFETY: as for `unaryfunc`.
    unsafe {
        trampoline::run_with(M::NEEDS_POOL, -1, |py| {
            M::call(py, &*slf.cast()).map(c_int::from)
        })
    }
}

/// A method taking `self` and one other object (`__eq__`, `__lt__`, ...). A failed
/// extraction of `other` makes it return `NotImplemented`.
pub trait BinarySlot {
    /// The class.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// False only for [`Absent`], the stand-in for a method the class does not define.
    const PRESENT: bool = true;
    /// Runs the method.
    fn call<'py>(
        py: Python<'py>,
        slf: &'py PyCell<Self::Class>,
        other: &'py PyAny,
    ) -> PyResult<PyObject>;
}

/// A comparison method the class does not define: `NotImplemented`.
pub struct Absent<T>(PhantomData<T>);

impl<T: PyClass> BinarySlot for Absent<T> {
    type Class = T;
    const NEEDS_POOL: bool = false;
    const PRESENT: bool = false;

    fn call<'py>(py: Python<'py>, _: &'py PyCell<T>, _: &'py PyAny) -> PyResult<PyObject> {
        Ok(py.NotImplemented())
    }
}

/// `richcmpfunc` built from the individual comparison methods, in the order of
/// `Py_LT`..`Py_GE`. As for a Python class, a missing `__ne__` inverts `__eq__` (unless
/// that returned `NotImplemented`); anything else missing is `NotImplemented`.
///
/// # Safety
/// Called by CPython only, as a slot of `C`'s type, with the GIL held.
pub unsafe extern "C" fn richcmp_ops<C, Lt, Le, Eq, Ne, Gt, Ge>(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject
where
    C: PyClass,
    Lt: BinarySlot<Class = C>,
    Le: BinarySlot<Class = C>,
    Eq: BinarySlot<Class = C>,
    Ne: BinarySlot<Class = C>,
    Gt: BinarySlot<Class = C>,
    Ge: BinarySlot<Class = C>,
{
    let needs_pool = Lt::NEEDS_POOL
        || Le::NEEDS_POOL
        || Eq::NEEDS_POOL
        || Ne::NEEDS_POOL
        || Gt::NEEDS_POOL
        || Ge::NEEDS_POOL;
    // SAFETY: as for `unaryfunc`; `other` is alive for the call.
    unsafe {
        trampoline::run(needs_pool, |py| {
            let (slf, other): (&PyCell<C>, &PyAny) = (&*slf.cast(), &*other.cast());
            match CompareOp::from_raw(op) {
                Some(CompareOp::Lt) => Lt::call(py, slf, other),
                Some(CompareOp::Le) => Le::call(py, slf, other),
                Some(CompareOp::Eq) => Eq::call(py, slf, other),
                Some(CompareOp::Ne) if Ne::PRESENT || !Eq::PRESENT => Ne::call(py, slf, other),
                Some(CompareOp::Ne) => {
                    let equal = Eq::call(py, slf, other)?;
                    if equal.is(&py.NotImplemented()) {
                        return Ok(equal);
                    }
                    Ok((!equal.is_true(py)?).into_py(py))
                }
                Some(CompareOp::Gt) => Gt::call(py, slf, other),
                Some(CompareOp::Ge) => Ge::call(py, slf, other),
                None => Ok(py.NotImplemented()),
            }
        })
    }
}

/// `binaryfunc` (`__getitem__` as `mp_subscript`).
///
/// # Safety
/// Called by CPython only, as a slot of `M::Class`'s type, with the GIL held.
pub unsafe extern "C" fn binaryfunc<M: BinarySlot>(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `unaryfunc`; `other` is alive for the call.
    unsafe {
        trampoline::run(M::NEEDS_POOL, |py| {
            M::call(py, &*slf.cast(), &*other.cast())
        })
    }
}

/// `ssizeargfunc` (`__getitem__` as `sq_item`): the index becomes an `int`, as CPython's
/// own `sq_item` for Python classes does.
///
/// # Safety
/// Called by CPython only, as a slot of `M::Class`'s type, with the GIL held.
pub unsafe extern "C" fn sq_item<M: BinarySlot>(
    slf: *mut ffi::PyObject,
    index: ffi::Py_ssize_t,
) -> *mut ffi::PyObject {
    // SAFETY: as for `unaryfunc`; the index object is owned here until the call returns.
    unsafe {
        trampoline::run(M::NEEDS_POOL, |py| {
            let key = PyObject::from_owned_ptr_or_err(py, ffi::PyLong_FromSsize_t(index))?;
            M::call(py, &*slf.cast(), key.as_ref(py))
        })
    }
}

/// `__len__`.
pub trait LenSlot {
    /// The class.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Runs the method.
    fn call<'py>(py: Python<'py>, slf: &'py PyCell<Self::Class>) -> PyResult<ffi::Py_ssize_t>;
}

/// `lenfunc` (`mp_length` and `sq_length`).
///
/// # Safety
/// Called by CPython only, as a slot of `M::Class`'s type, with the GIL held.
pub unsafe extern "C" fn lenfunc<M: LenSlot>(slf: *mut ffi::PyObject) -> ffi::Py_ssize_t {
    // SAFETY: as for `unaryfunc`.
    unsafe { trampoline::run_with(M::NEEDS_POOL, -1, |py| M::call(py, &*slf.cast())) }
}

/// What a `__len__` method may return.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from `__len__`",
    note = "return `usize` or `PyResult<usize>`"
)]
pub trait LenOutput {
    /// The length, or the error to raise.
    fn into_len(self) -> PyResult<ffi::Py_ssize_t>;
}

impl LenOutput for usize {
    #[inline]
    fn into_len(self) -> PyResult<ffi::Py_ssize_t> {
        // CPython's wording when `__len__` returns an int beyond `Py_ssize_t`.
        ffi::Py_ssize_t::try_from(self).map_err(|_| {
            crate::exceptions::PyOverflowError::new_err(
                "cannot fit 'int' into an index-sized integer",
            )
        })
    }
}

impl<E: Into<crate::PyErr>> LenOutput for Result<usize, E> {
    #[inline]
    fn into_len(self) -> PyResult<ffi::Py_ssize_t> {
        self.map_err(Into::into)?.into_len()
    }
}

/// `__setitem__`: `self`, the key and the value.
pub trait TernarySlot {
    /// The class.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// False only for [`Absent`].
    const PRESENT: bool = true;
    /// Runs the method.
    fn call<'py>(
        py: Python<'py>,
        slf: &'py PyCell<Self::Class>,
        key: &'py PyAny,
        value: &'py PyAny,
    ) -> PyResult<PyObject>;
}

impl<T: PyClass> TernarySlot for Absent<T> {
    type Class = T;
    const NEEDS_POOL: bool = false;
    const PRESENT: bool = false;

    fn call<'py>(
        py: Python<'py>,
        _: &'py PyCell<T>,
        _: &'py PyAny,
        _: &'py PyAny,
    ) -> PyResult<PyObject> {
        Ok(py.NotImplemented())
    }
}

/// `objobjargproc` (`mp_ass_subscript`) from `__setitem__` and `__delitem__` (value
/// `NULL`). A missing one raises `AttributeError` naming it, as for a Python class.
///
/// # Safety
/// Called by CPython only, as a slot of `C`'s type, with the GIL held.
pub unsafe extern "C" fn ass_subscript<C, Set, Del>(
    slf: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> c_int
where
    C: PyClass,
    Set: TernarySlot<Class = C>,
    Del: BinarySlot<Class = C>,
{
    // SAFETY: as for `unaryfunc`; `key` and a non-null `value` are alive for the call.
    unsafe {
        trampoline::run_with(Set::NEEDS_POOL || Del::NEEDS_POOL, -1, |py| {
            let (slf, key): (&PyCell<C>, &PyAny) = (&*slf.cast(), &*key.cast());
            if value.is_null() {
                if !Del::PRESENT {
                    return Err(crate::exceptions::PyAttributeError::new_err("__delitem__"));
                }
                Del::call(py, slf, key)?;
            } else {
                if !Set::PRESENT {
                    return Err(crate::exceptions::PyAttributeError::new_err("__setitem__"));
                }
                Set::call(py, slf, key, &*value.cast())?;
            }
            Ok(0)
        })
    }
}

/// `__contains__`.
pub trait ContainsSlot {
    /// The class.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Runs the method.
    fn call<'py>(
        py: Python<'py>,
        slf: &'py PyCell<Self::Class>,
        item: &'py PyAny,
    ) -> PyResult<bool>;
}

/// `objobjproc` (`sq_contains`).
///
/// # Safety
/// Called by CPython only, as a slot of `M::Class`'s type, with the GIL held.
pub unsafe extern "C" fn objobjproc<M: ContainsSlot>(
    slf: *mut ffi::PyObject,
    item: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: as for `unaryfunc`; `item` is alive for the call.
    unsafe {
        trampoline::run_with(M::NEEDS_POOL, -1, |py| {
            M::call(py, &*slf.cast(), &*item.cast()).map(c_int::from)
        })
    }
}

/// `__next__`.
pub trait IterNextSlot {
    /// The class.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Runs the method: `None` ends the iteration.
    fn call<'py>(py: Python<'py>, slf: &'py PyCell<Self::Class>) -> PyResult<Option<PyObject>>;
}

/// `iternextfunc`: the end is `NULL` with no exception set (CPython's convention, which
/// `next()` turns into `StopIteration`).
///
/// # Safety
/// Called by CPython only, as a slot of `M::Class`'s type, with the GIL held.
pub unsafe extern "C" fn iternextfunc<M: IterNextSlot>(
    slf: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `unaryfunc`.
    unsafe {
        trampoline::run_with(M::NEEDS_POOL, std::ptr::null_mut(), |py| {
            Ok(M::call(py, &*slf.cast())?.map_or(std::ptr::null_mut(), PyObject::into_ptr))
        })
    }
}

/// What a `__next__` method may return.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from `__next__`",
    note = "return `Option<T>` (`None` ends the iteration), `IterNextOutput<T, U>`, or a `PyResult` of either"
)]
pub trait NextOutput {
    /// The next item, `None` at the end, or the error to raise.
    fn into_next(self, py: Python<'_>) -> PyResult<Option<PyObject>>;
}

impl<T: IntoPy<PyObject>> NextOutput for Option<T> {
    #[inline]
    fn into_next(self, py: Python<'_>) -> PyResult<Option<PyObject>> {
        Ok(self.map(|value| value.into_py(py)))
    }
}

impl<T: IntoPy<PyObject>, E: Into<crate::PyErr>> NextOutput for Result<Option<T>, E> {
    #[inline]
    fn into_next(self, py: Python<'_>) -> PyResult<Option<PyObject>> {
        self.map_err(Into::into)?.into_next(py)
    }
}

/// `__traverse__`.
pub trait TraverseSlot {
    /// The class.
    type Class: PyClass;
    /// Always false: traversal opens no pool (it must not run Python code).
    const NEEDS_POOL: bool;
    /// Runs the method.
    fn call<'py>(
        py: Python<'py>,
        slf: &'py PyCell<Self::Class>,
        visit: PyVisit<'py>,
    ) -> PyResult<c_int>;
}

/// `traverseproc`. No trampoline: the collector must not see Python code run, objects
/// freed or exceptions set, so this only catches a panic. An instance that is mutably
/// borrowed (or otherwise cannot be borrowed) is not visited; the instance dict, if any,
/// always is.
///
/// # Safety
/// Called by the cycle collector only, with an instance of `M::Class` and the GIL held.
pub unsafe extern "C" fn traverseproc<M: TraverseSlot>(
    slf: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: the collector holds the GIL and passes a live instance; the visitor lives
    // for this call only.
    let code = std::panic::catch_unwind(|| unsafe {
        let py = Python::assume_gil_acquired();
        M::call(py, &*slf.cast(), PyVisit::from_raw(visit, arg)).unwrap_or(0)
    })
    .unwrap_or(0);
    if code != 0 {
        return code;
    }
    // SAFETY: as above.
    unsafe { crate::impl_::pyclass::tp_traverse_dict::<M::Class>(slf, visit, arg) }
}

/// `inquiry` for `__clear__`: runs the method (its result is ignored), then drops the
/// instance dict, if any.
///
/// # Safety
/// Called by the cycle collector only, with an instance of `M::Class` and the GIL held.
pub unsafe extern "C" fn clearproc<M: UnarySlot>(slf: *mut ffi::PyObject) -> c_int {
    // SAFETY: as for `unaryfunc`.
    let rc = unsafe {
        trampoline::run_with(M::NEEDS_POOL, -1, |py| M::call(py, &*slf.cast()).map(|_| 0))
    };
    if rc != 0 {
        return rc;
    }
    // SAFETY: as above.
    unsafe { crate::impl_::pyclass::tp_clear_dict::<M::Class>(slf) }
}

/// What a `__traverse__` method may return.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from `__traverse__`",
    note = "return `Result<(), PyTraverseError>`"
)]
pub trait TraverseOutput {
    /// The visit's status code (0 to go on).
    fn into_code(self) -> PyResult<c_int>;
}

impl TraverseOutput for Result<(), PyTraverseError> {
    #[inline]
    fn into_code(self) -> PyResult<c_int> {
        Ok(match self {
            Ok(()) => 0,
            Err(err) => err.0,
        })
    }
}

/// What a magic method returning nothing (`__getbuffer__`, `__releasebuffer__`) may
/// return.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from this magic method",
    label = "expected `()` or `PyResult<()>`"
)]
pub trait UnitOutput {
    /// The outcome.
    fn into_unit(self) -> PyResult<()>;
}

impl UnitOutput for () {
    #[inline]
    fn into_unit(self) -> PyResult<()> {
        Ok(())
    }
}

impl<E: Into<crate::PyErr>> UnitOutput for Result<(), E> {
    #[inline]
    fn into_unit(self) -> PyResult<()> {
        self.map_err(Into::into)
    }
}

/// What a `__bool__` method may return.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from `__bool__`",
    note = "return `bool` or `PyResult<bool>`"
)]
pub trait BoolOutput {
    /// The truth value, or the error to raise.
    fn into_bool(self) -> PyResult<bool>;
}

impl BoolOutput for bool {
    #[inline]
    fn into_bool(self) -> PyResult<bool> {
        Ok(self)
    }
}

impl<E: Into<crate::PyErr>> BoolOutput for Result<bool, E> {
    #[inline]
    fn into_bool(self) -> PyResult<bool> {
        self.map_err(Into::into)
    }
}

/// What a `__hash__` method may return.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from `__hash__`",
    note = "return an integer type (`u64`, `isize`, `i64`, ...) or `PyResult` of one"
)]
pub trait HashOutput {
    /// The hash, or the error to raise.
    fn into_hash(self) -> PyResult<ffi::Py_hash_t>;
}

macro_rules! hash_output {
    ($($ty:ty),*) => {$(
        impl HashOutput for $ty {
            #[inline]
            #[allow(clippy::cast_possible_wrap)]
            fn into_hash(self) -> PyResult<ffi::Py_hash_t> {
                Ok(self as ffi::Py_hash_t)
            }
        }
    )*};
}
hash_output!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl<T: HashOutput, E: Into<crate::PyErr>> HashOutput for Result<T, E> {
    #[inline]
    fn into_hash(self) -> PyResult<ffi::Py_hash_t> {
        self.map_err(Into::into)?.into_hash()
    }
}

/// The class must implement `PartialEq` for `#[pyclass(eq)]`.
#[diagnostic::on_unimplemented(
    message = "`#[pyclass(eq)]` needs `{Self}: PartialEq`",
    note = "derive or implement `PartialEq` for `{Self}`"
)]
pub trait PyClassEq: PyClass + PartialEq {}
impl<T: PyClass + PartialEq> PyClassEq for T {}

/// The class must implement `PartialOrd` for `#[pyclass(ord)]`.
#[diagnostic::on_unimplemented(
    message = "`#[pyclass(ord)]` needs `{Self}: PartialOrd`",
    note = "derive or implement `PartialOrd` for `{Self}`"
)]
pub trait PyClassOrd: PyClass + PartialOrd {}
impl<T: PyClass + PartialOrd> PyClassOrd for T {}

/// The class must implement `Hash` for `#[pyclass(hash)]`.
#[diagnostic::on_unimplemented(
    message = "`#[pyclass(hash)]` needs `{Self}: Hash`",
    note = "derive or implement `Hash` for `{Self}`"
)]
pub trait PyClassHash: PyClass + Hash {}
impl<T: PyClass + Hash> PyClassHash for T {}

/// The class must implement `Display` for `#[pyclass(str)]`.
#[diagnostic::on_unimplemented(
    message = "`#[pyclass(str)]` needs `{Self}: Display`",
    note = "implement `std::fmt::Display` for `{Self}`"
)]
pub trait PyClassStr: PyClass + Display {}
impl<T: PyClass + Display> PyClassStr for T {}

/// `__eq__` / `__ne__` from `PartialEq` (`#[pyclass(eq)]`); other comparisons and other
/// types get `NotImplemented`.
pub const fn eq_richcmp<T: PyClassEq>() -> *mut c_void {
    richcmpfunc::<FromRust<T, 0>> as *mut c_void
}

/// All six comparisons from `PartialEq` and `PartialOrd` (`#[pyclass(eq, ord)]`).
pub const fn ord_richcmp<T: PyClassEq + PyClassOrd>() -> *mut c_void {
    richcmpfunc::<FromRust<T, 1>> as *mut c_void
}

/// `__hash__` from `Hash` (`#[pyclass(hash)]`).
pub const fn hash_from_rust<T: PyClassHash>() -> *mut c_void {
    hashfunc::<FromRust<T, 0>> as *mut c_void
}

/// `__str__` from `Display` (`#[pyclass(str)]`).
pub const fn str_from_display<T: PyClassStr>() -> *mut c_void {
    unaryfunc::<FromRust<T, 0>> as *mut c_void
}

/// Slots derived from the class's Rust trait impls; `ORD` = 1 adds the ordering.
pub struct FromRust<T, const ORD: u8>(PhantomData<T>);

impl<T: PyClassEq + PyClassOrdIf<ORD>, const ORD: u8> RichCmpSlot for FromRust<T, ORD> {
    type Class = T;
    const NEEDS_POOL: bool = false;

    fn call<'py>(
        py: Python<'py>,
        slf: &'py PyCell<T>,
        other: &'py PyAny,
        op: CompareOp,
    ) -> PyResult<PyObject> {
        let Ok(other) = other.downcast::<PyCell<T>>() else {
            return Ok(py.NotImplemented());
        };
        let (a, b) = (borrow(slf)?, borrow(other)?);
        let result = match op {
            CompareOp::Eq => *a == *b,
            CompareOp::Ne => *a != *b,
            _ => match T::compare(&a, &b, op) {
                Some(result) => result,
                None => return Ok(py.NotImplemented()),
            },
        };
        Ok(result.into_py(py))
    }
}

/// The ordering comparisons, present only for `ORD` = 1.
pub trait PyClassOrdIf<const ORD: u8> {
    /// `a op b` for an ordering operator, or `None` when the class is not ordered.
    fn compare(a: &Self, b: &Self, op: CompareOp) -> Option<bool>;
}

impl<T> PyClassOrdIf<0> for T {
    fn compare(_: &Self, _: &Self, _: CompareOp) -> Option<bool> {
        None
    }
}

impl<T: PartialOrd> PyClassOrdIf<1> for T {
    fn compare(a: &Self, b: &Self, op: CompareOp) -> Option<bool> {
        Some(match op {
            CompareOp::Lt => a < b,
            CompareOp::Le => a <= b,
            CompareOp::Gt => a > b,
            CompareOp::Ge => a >= b,
            CompareOp::Eq => a == b,
            CompareOp::Ne => a != b,
        })
    }
}

impl<T: PyClassHash> HashSlot for FromRust<T, 0> {
    type Class = T;
    const NEEDS_POOL: bool = false;

    fn call<'py>(_py: Python<'py>, slf: &'py PyCell<T>) -> PyResult<ffi::Py_hash_t> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        borrow(slf)?.hash(&mut hasher);
        Ok(hasher.finish() as ffi::Py_hash_t)
    }
}

impl<T: PyClassStr> UnarySlot for FromRust<T, 0> {
    type Class = T;
    const NEEDS_POOL: bool = false;

    fn call<'py>(py: Python<'py>, slf: &'py PyCell<T>) -> PyResult<PyObject> {
        Ok(borrow(slf)?.to_string().into_py(py))
    }
}

/// A field-less `#[pyclass]` enum, implemented by the macro.
pub trait PySimpleEnum: PyClass {
    /// The variant's discriminant.
    fn discriminant(&self) -> isize;
    /// The variant's Python name.
    fn variant_name(&self) -> &'static str;
}

/// `__repr__` of a simple enum: `Enum.Variant`.
pub const fn enum_repr<T: PySimpleEnum>() -> *mut c_void {
    unaryfunc::<EnumSlots<T, 0>> as *mut c_void
}

/// `__int__` of a simple enum: the discriminant.
pub const fn enum_int<T: PySimpleEnum>() -> *mut c_void {
    unaryfunc::<EnumSlots<T, 1>> as *mut c_void
}

/// `__eq__` / `__ne__` of a simple enum: against the same enum, and against `int` when
/// `EQ_INT` is 1 (`#[pyclass(eq_int)]`).
pub const fn enum_richcmp<T: PySimpleEnum, const EQ_INT: u8>() -> *mut c_void {
    richcmpfunc::<EnumSlots<T, EQ_INT>> as *mut c_void
}

/// `__hash__` of a simple enum: the hash of the discriminant as a Python `int` (so it
/// agrees with `eq_int`).
pub const fn enum_hash<T: PySimpleEnum>() -> *mut c_void {
    hashfunc::<EnumSlots<T, 0>> as *mut c_void
}

/// The default slots of simple enums; `K` selects the variant of a slot.
pub struct EnumSlots<T, const K: u8>(PhantomData<T>);

impl<T: PySimpleEnum, const K: u8> UnarySlot for EnumSlots<T, K> {
    type Class = T;
    const NEEDS_POOL: bool = false;

    fn call<'py>(py: Python<'py>, slf: &'py PyCell<T>) -> PyResult<PyObject> {
        let value = borrow(slf)?;
        Ok(if K == 1 {
            value.discriminant().into_py(py)
        } else {
            format!("{}.{}", <T as PyTypeInfo>::NAME, value.variant_name()).into_py(py)
        })
    }
}

impl<T: PySimpleEnum, const EQ_INT: u8> RichCmpSlot for EnumSlots<T, EQ_INT> {
    type Class = T;
    const NEEDS_POOL: bool = false;

    fn call<'py>(
        py: Python<'py>,
        slf: &'py PyCell<T>,
        other: &'py PyAny,
        op: CompareOp,
    ) -> PyResult<PyObject> {
        let mine = borrow(slf)?.discriminant();
        let theirs = if let Ok(other) = other.downcast::<PyCell<T>>() {
            borrow(other)?.discriminant()
        } else if EQ_INT == 1 {
            match other.extract::<isize>() {
                Ok(value) => value,
                Err(_) => return Ok(py.NotImplemented()),
            }
        } else {
            return Ok(py.NotImplemented());
        };
        match op {
            CompareOp::Eq => Ok((mine == theirs).into_py(py)),
            CompareOp::Ne => Ok((mine != theirs).into_py(py)),
            _ => Ok(py.NotImplemented()),
        }
    }
}

impl<T: PySimpleEnum> HashSlot for EnumSlots<T, 0> {
    type Class = T;
    const NEEDS_POOL: bool = false;

    fn call<'py>(_py: Python<'py>, slf: &'py PyCell<T>) -> PyResult<ffi::Py_hash_t> {
        Ok(int_hash(borrow(slf)?.discriminant()))
    }
}

/// `hash(n)` for a Python `int` that fits an `isize`: the value reduced modulo the
/// Mersenne prime 2**61 - 1 (on 64-bit builds), keeping the sign.
fn int_hash(n: isize) -> ffi::Py_hash_t {
    const MODULUS: u64 = (1 << 61) - 1;
    let reduced = if std::mem::size_of::<ffi::Py_hash_t>() == 8 {
        (n.unsigned_abs() as u64 % MODULUS) as ffi::Py_hash_t
    } else {
        n.unsigned_abs() as ffi::Py_hash_t
    };
    let hash = if n < 0 { -reduced } else { reduced };
    if hash == -1 {
        -2
    } else {
        hash
    }
}

#[cfg(test)]
mod tests {
    use super::int_hash;

    #[test]
    fn int_hash_matches_python() {
        assert_eq!(int_hash(0), 0);
        assert_eq!(int_hash(5), 5);
        assert_eq!(int_hash(-1), -2);
        assert_eq!(int_hash(-7), -7);
        #[cfg(target_pointer_width = "64")]
        {
            assert_eq!(int_hash(isize::MAX), 3);
            assert_eq!(int_hash(-isize::MAX), -3);
            assert_eq!(int_hash((1 << 61) - 1), 0);
            assert_eq!(int_hash(1 << 61), 1);
        }
    }
}
