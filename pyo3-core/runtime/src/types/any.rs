//! `PyAny`: any Python object, and the operations every object supports.

use std::cell::UnsafeCell;
use std::cmp::Ordering;
use std::os::raw::c_int;

use crate::conversion::{AsPyPointer, FromPyObject, IntoPy, ToPyObject};
use crate::err::{error_on_minus_one, PyDowncastError, PyErr, PyResult};
use crate::ffi;
use crate::instance::Py;
use crate::python::Python;
use crate::type_object::{PyNativeType, PyTypeCheck, PyTypeInfo};
use crate::types::{PyDict, PyIterator, PyList, PyString, PyTuple, PyType};

/// Any Python object, handled as a GIL-bound reference `&'py PyAny`.
///
/// A `&PyAny` is the object pointer itself. It is `!Send`: it cannot leave the thread
/// that holds the GIL.
#[repr(transparent)]
pub struct PyAny(UnsafeCell<ffi::PyObject>);

crate::pyobject_native_type_info!(
    PyAny,
    |_py| std::ptr::addr_of_mut!(ffi::PyBaseObject_Type),
    "object",
    Some("builtins"),
    check = any_check
);

/// Every object is an instance of `object`.
#[inline]
unsafe fn any_check(_obj: *mut ffi::PyObject) -> c_int {
    1
}

// SAFETY: `PyAny` is a transparent view of the object header, and `!Send`.
unsafe impl PyNativeType for PyAny {}

impl AsPyPointer for PyAny {
    #[inline]
    fn as_ptr(&self) -> *mut ffi::PyObject {
        self.0.get()
    }
}

impl AsRef<PyAny> for PyAny {
    #[inline]
    fn as_ref(&self) -> &PyAny {
        self
    }
}

impl ToPyObject for PyAny {
    #[inline]
    fn to_object(&self, py: Python<'_>) -> crate::PyObject {
        // SAFETY: `self` is alive; we take a new reference.
        unsafe { crate::PyObject::from_borrowed_ptr(py, self.as_ptr()) }
    }
}

impl IntoPy<crate::PyObject> for &PyAny {
    #[inline]
    fn into_py(self, py: Python<'_>) -> crate::PyObject {
        self.to_object(py)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl PartialEq for PyAny {
    /// Identity comparison (Python's `is`); use [`PyAny::eq`] for `==`.
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The six rich comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum CompareOp {
    /// `<`
    Lt = ffi::Py_LT,
    /// `<=`
    Le = ffi::Py_LE,
    /// `==`
    Eq = ffi::Py_EQ,
    /// `!=`
    Ne = ffi::Py_NE,
    /// `>`
    Gt = ffi::Py_GT,
    /// `>=`
    Ge = ffi::Py_GE,
}

impl CompareOp {
    /// The operator for a C-API `op` code.
    pub fn from_raw(op: c_int) -> Option<CompareOp> {
        Some(match op {
            ffi::Py_LT => CompareOp::Lt,
            ffi::Py_LE => CompareOp::Le,
            ffi::Py_EQ => CompareOp::Eq,
            ffi::Py_NE => CompareOp::Ne,
            ffi::Py_GT => CompareOp::Gt,
            ffi::Py_GE => CompareOp::Ge,
            _ => return None,
        })
    }

    /// Applies the operator to an `Ordering`.
    pub fn matches(self, ordering: Ordering) -> bool {
        match self {
            CompareOp::Lt => ordering == Ordering::Less,
            CompareOp::Le => ordering != Ordering::Greater,
            CompareOp::Eq => ordering == Ordering::Equal,
            CompareOp::Ne => ordering != Ordering::Equal,
            CompareOp::Gt => ordering == Ordering::Greater,
            CompareOp::Ge => ordering != Ordering::Less,
        }
    }
}

impl PyAny {
    /// The raw object pointer; the reference count is not changed.
    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.0.get()
    }

    /// A new owned reference's pointer.
    #[inline]
    pub fn into_ptr(&self) -> *mut ffi::PyObject {
        // SAFETY: `self` is alive; the caller receives a new reference.
        unsafe { ffi::Py_IncRef(self.as_ptr()) };
        self.as_ptr()
    }

    /// The token of the GIL this reference is bound to.
    #[inline]
    pub fn py(&self) -> Python<'_> {
        PyNativeType::py(self)
    }

    /// Wraps a new reference in the pool, or fetches the error on null.
    #[inline]
    fn owned<'py, T: crate::conversion::FromPyPointer<'py>>(
        &'py self,
        ptr: *mut ffi::PyObject,
    ) -> PyResult<&'py T> {
        // SAFETY: callers pass the result of a C-API call returning a new reference.
        unsafe { self.py().from_owned_ptr_or_err(ptr) }
    }

    /// Whether `self` and `other` are the same object (Python's `is`).
    #[inline]
    pub fn is<T: AsPyPointer>(&self, other: &T) -> bool {
        self.as_ptr() == other.as_ptr()
    }

    /// Whether the object has the attribute (Python's `hasattr`).
    pub fn hasattr<N>(&self, attr_name: N) -> PyResult<bool>
    where
        N: IntoPy<Py<PyString>>,
    {
        match self.getattr(attr_name) {
            Ok(_) => Ok(true),
            Err(err) if err.is_instance_of::<crate::exceptions::PyAttributeError>(self.py()) => {
                Ok(false)
            }
            Err(err) => Err(err),
        }
    }

    /// Gets an attribute (Python's `self.name`).
    pub fn getattr<N>(&self, attr_name: N) -> PyResult<&PyAny>
    where
        N: IntoPy<Py<PyString>>,
    {
        let name = attr_name.into_py(self.py());
        // SAFETY: both pointers are valid objects.
        self.owned(unsafe { ffi::PyObject_GetAttr(self.as_ptr(), name.as_ptr()) })
    }

    /// Sets an attribute (Python's `self.name = value`).
    pub fn setattr<N, V>(&self, attr_name: N, value: V) -> PyResult<()>
    where
        N: IntoPy<Py<PyString>>,
        V: ToPyObject,
    {
        let py = self.py();
        let name = attr_name.into_py(py);
        let value = value.to_object(py);
        // SAFETY: all pointers are valid objects.
        error_on_minus_one(py, unsafe {
            ffi::PyObject_SetAttr(self.as_ptr(), name.as_ptr(), value.as_ptr())
        })
    }

    /// Deletes an attribute (Python's `del self.name`).
    pub fn delattr<N>(&self, attr_name: N) -> PyResult<()>
    where
        N: IntoPy<Py<PyString>>,
    {
        let py = self.py();
        let name = attr_name.into_py(py);
        // SAFETY: both pointers are valid; a null value deletes.
        error_on_minus_one(py, unsafe {
            ffi::PyObject_SetAttr(self.as_ptr(), name.as_ptr(), std::ptr::null_mut())
        })
    }

    /// Compares with `other`, like Python's `<`, `==`, `>` together; raises `TypeError` if
    /// the objects are unordered.
    pub fn compare<O: ToPyObject>(&self, other: O) -> PyResult<Ordering> {
        let py = self.py();
        let other = other.to_object(py);
        let other = other.as_any(py);
        if self.rich_compare(other, CompareOp::Eq)?.is_true()? {
            return Ok(Ordering::Equal);
        }
        if self.rich_compare(other, CompareOp::Lt)?.is_true()? {
            return Ok(Ordering::Less);
        }
        if self.rich_compare(other, CompareOp::Gt)?.is_true()? {
            return Ok(Ordering::Greater);
        }
        Err(crate::exceptions::PyTypeError::new_err(
            "PyAny::compare(): All comparisons returned false",
        ))
    }

    /// Rich comparison; the result may be any object (as for numpy arrays).
    pub fn rich_compare<O: ToPyObject>(&self, other: O, op: CompareOp) -> PyResult<&PyAny> {
        let other = other.to_object(self.py());
        // SAFETY: both pointers are valid objects.
        self.owned(unsafe { ffi::PyObject_RichCompare(self.as_ptr(), other.as_ptr(), op as c_int) })
    }

    fn compare_bool<O: ToPyObject>(&self, other: O, op: CompareOp) -> PyResult<bool> {
        let other = other.to_object(self.py());
        // SAFETY: both pointers are valid objects.
        let rc =
            unsafe { ffi::PyObject_RichCompareBool(self.as_ptr(), other.as_ptr(), op as c_int) };
        if rc == -1 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(rc != 0)
        }
    }

    /// `self < other`.
    pub fn lt<O: ToPyObject>(&self, other: O) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Lt)
    }
    /// `self <= other`.
    pub fn le<O: ToPyObject>(&self, other: O) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Le)
    }
    /// `self == other`.
    pub fn eq<O: ToPyObject>(&self, other: O) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Eq)
    }
    /// `self != other`.
    pub fn ne<O: ToPyObject>(&self, other: O) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Ne)
    }
    /// `self > other`.
    pub fn gt<O: ToPyObject>(&self, other: O) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Gt)
    }
    /// `self >= other`.
    pub fn ge<O: ToPyObject>(&self, other: O) -> PyResult<bool> {
        self.compare_bool(other, CompareOp::Ge)
    }

    /// Whether the object is callable (Python's `callable`).
    pub fn is_callable(&self) -> bool {
        // SAFETY: `self` is a valid object.
        unsafe { ffi::PyCallable_Check(self.as_ptr()) != 0 }
    }

    /// Calls the object with positional arguments and optional keyword arguments.
    pub fn call<A>(&self, args: A, kwargs: Option<&PyDict>) -> PyResult<&PyAny>
    where
        A: IntoPy<Py<PyTuple>>,
    {
        let args = args.into_py(self.py());
        let kwargs = kwargs.map_or(std::ptr::null_mut(), |k| k.as_ptr());
        // SAFETY: all pointers are valid objects (kwargs may be null).
        self.owned(unsafe { ffi::PyObject_Call(self.as_ptr(), args.as_ptr(), kwargs) })
    }

    /// Calls the object without arguments.
    pub fn call0(&self) -> PyResult<&PyAny> {
        // SAFETY: `self` is a valid object.
        self.owned(unsafe { ffi::compat::PyObject_CallNoArgs(self.as_ptr()) })
    }

    /// Calls the object with positional arguments.
    pub fn call1<A>(&self, args: A) -> PyResult<&PyAny>
    where
        A: IntoPy<Py<PyTuple>>,
    {
        self.call(args, None)
    }

    /// Calls a method with positional and optional keyword arguments.
    pub fn call_method<N, A>(&self, name: N, args: A, kwargs: Option<&PyDict>) -> PyResult<&PyAny>
    where
        N: IntoPy<Py<PyString>>,
        A: IntoPy<Py<PyTuple>>,
    {
        self.getattr(name)?.call(args, kwargs)
    }

    /// Calls a method without arguments.
    pub fn call_method0<N>(&self, name: N) -> PyResult<&PyAny>
    where
        N: IntoPy<Py<PyString>>,
    {
        let name = name.into_py(self.py());
        // SAFETY: both pointers are valid objects.
        self.owned(unsafe { ffi::compat::PyObject_CallMethodNoArgs(self.as_ptr(), name.as_ptr()) })
    }

    /// Calls a method with positional arguments.
    pub fn call_method1<N, A>(&self, name: N, args: A) -> PyResult<&PyAny>
    where
        N: IntoPy<Py<PyString>>,
        A: IntoPy<Py<PyTuple>>,
    {
        self.call_method(name, args, None)
    }

    /// The truth value (Python's `bool(obj)`).
    pub fn is_true(&self) -> PyResult<bool> {
        // SAFETY: `self` is a valid object.
        let v = unsafe { ffi::PyObject_IsTrue(self.as_ptr()) };
        if v == -1 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(v != 0)
        }
    }

    /// Whether the object is `None`.
    #[inline]
    pub fn is_none(&self) -> bool {
        // SAFETY: reading a static's address.
        self.as_ptr() == unsafe { ffi::Py_None() }
    }

    /// Whether the object is `Ellipsis`.
    #[inline]
    pub fn is_ellipsis(&self) -> bool {
        // SAFETY: reading a static's address.
        self.as_ptr() == unsafe { ffi::Py_Ellipsis() }
    }

    /// Whether the container is empty (`len(obj) == 0`).
    pub fn is_empty(&self) -> PyResult<bool> {
        self.len().map(|l| l == 0)
    }

    /// `self[key]`.
    pub fn get_item<K: ToPyObject>(&self, key: K) -> PyResult<&PyAny> {
        let key = key.to_object(self.py());
        // SAFETY: both pointers are valid objects.
        self.owned(unsafe { ffi::PyObject_GetItem(self.as_ptr(), key.as_ptr()) })
    }

    /// `self[key] = value`.
    pub fn set_item<K: ToPyObject, V: ToPyObject>(&self, key: K, value: V) -> PyResult<()> {
        let py = self.py();
        let key = key.to_object(py);
        let value = value.to_object(py);
        // SAFETY: all pointers are valid objects.
        error_on_minus_one(py, unsafe {
            ffi::PyObject_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr())
        })
    }

    /// `del self[key]`.
    pub fn del_item<K: ToPyObject>(&self, key: K) -> PyResult<()> {
        let py = self.py();
        let key = key.to_object(py);
        // SAFETY: both pointers are valid objects.
        error_on_minus_one(py, unsafe {
            ffi::PyObject_DelItem(self.as_ptr(), key.as_ptr())
        })
    }

    /// `value in self`.
    pub fn contains<V: ToPyObject>(&self, value: V) -> PyResult<bool> {
        let value = value.to_object(self.py());
        // SAFETY: both pointers are valid objects.
        match unsafe { ffi::PySequence_Contains(self.as_ptr(), value.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            v => Ok(v == 1),
        }
    }

    /// An iterator over the object (Python's `iter(obj)`).
    pub fn iter(&self) -> PyResult<&PyIterator> {
        PyIterator::from_object(self)
    }

    /// The object's type.
    #[inline]
    pub fn get_type(&self) -> &PyType {
        // SAFETY: an object's type outlives the object, and `self` lives for this borrow.
        unsafe { PyType::from_type_ptr(self.py(), ffi::Py_TYPE(self.as_ptr())) }
    }

    /// The object's type, as a raw pointer.
    #[inline]
    pub fn get_type_ptr(&self) -> *mut ffi::PyTypeObject {
        // SAFETY: `self` is a valid object.
        unsafe { ffi::Py_TYPE(self.as_ptr()) }
    }

    /// Casts to a more specific type if the object is an instance of it (or a subclass).
    ///
    /// The error names both sides: `'int' object cannot be converted to 'PyString'`.
    #[inline]
    pub fn downcast<T>(&self) -> Result<&T, PyDowncastError<'_>>
    where
        T: PyTypeCheck + PyNativeType,
    {
        if T::type_check(self) {
            // SAFETY: checked just above.
            Ok(unsafe { T::unchecked_downcast(self.as_ptr()) })
        } else {
            Err(PyDowncastError::new(self, T::NAME))
        }
    }

    /// Casts to a more specific type if the object is an instance of exactly that type.
    #[inline]
    pub fn downcast_exact<T>(&self) -> Result<&T, PyDowncastError<'_>>
    where
        T: PyTypeInfo + PyNativeType,
    {
        if T::is_exact_type_of(self) {
            // SAFETY: checked just above.
            Ok(unsafe { T::unchecked_downcast(self.as_ptr()) })
        } else {
            Err(PyDowncastError::new(self, T::NAME))
        }
    }

    /// Casts without checking.
    ///
    /// # Safety
    /// The object must be an instance of `T`.
    #[inline]
    pub unsafe fn downcast_unchecked<T: PyNativeType>(&self) -> &T {
        // SAFETY: forwarded from the caller.
        unsafe { T::unchecked_downcast(self.as_ptr()) }
    }

    /// Extracts a Rust value.
    #[inline]
    pub fn extract<'a, D>(&'a self) -> PyResult<D>
    where
        D: FromPyObject<'a>,
    {
        D::extract(self)
    }

    /// The reference count.
    pub fn get_refcnt(&self) -> isize {
        // SAFETY: `self` is a valid object.
        unsafe { ffi::Py_REFCNT(self.as_ptr()) }
    }

    /// `repr(self)`.
    pub fn repr(&self) -> PyResult<&PyString> {
        // SAFETY: `self` is a valid object.
        self.owned(unsafe { ffi::PyObject_Repr(self.as_ptr()) })
    }

    /// `str(self)`.
    pub fn str(&self) -> PyResult<&PyString> {
        // SAFETY: `self` is a valid object.
        self.owned(unsafe { ffi::PyObject_Str(self.as_ptr()) })
    }

    /// `hash(self)`.
    pub fn hash(&self) -> PyResult<isize> {
        // SAFETY: `self` is a valid object.
        let v = unsafe { ffi::PyObject_Hash(self.as_ptr()) };
        if v == -1 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(v)
        }
    }

    /// `len(self)`.
    pub fn len(&self) -> PyResult<usize> {
        // SAFETY: `self` is a valid object.
        let v = unsafe { ffi::PyObject_Size(self.as_ptr()) };
        if v == -1 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(v as usize)
        }
    }

    /// `dir(self)`.
    pub fn dir(&self) -> &PyList {
        // SAFETY: `self` is a valid object; PyObject_Dir returns a new list.
        unsafe { self.py().from_owned_ptr(ffi::PyObject_Dir(self.as_ptr())) }
    }

    /// `isinstance(self, ty)`.
    pub fn is_instance(&self, ty: &PyAny) -> PyResult<bool> {
        // SAFETY: both pointers are valid objects.
        match unsafe { ffi::PyObject_IsInstance(self.as_ptr(), ty.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            v => Ok(v == 1),
        }
    }

    /// `type(self) is ty`.
    pub fn is_exact_instance(&self, ty: &PyAny) -> bool {
        self.get_type().as_ptr() == ty.as_ptr()
    }

    /// Whether the object is an instance of `T` (or a subclass).
    #[inline]
    pub fn is_instance_of<T: PyTypeInfo>(&self) -> bool {
        T::is_type_of(self)
    }

    /// Whether the object is an instance of exactly `T`.
    #[inline]
    pub fn is_exact_instance_of<T: PyTypeInfo>(&self) -> bool {
        T::is_exact_type_of(self)
    }

    /// `super(type(self), self)`.
    pub fn py_super(&self) -> PyResult<&crate::types::PySuper> {
        crate::types::PySuper::new(self.get_type(), self)
    }
}

impl std::fmt::Display for PyAny {
    /// `str(obj)`; if that raises, the error is reported as unraisable and the type name is
    /// shown instead.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.str() {
            Ok(s) => f.write_str(&s.to_string_lossy()),
            Err(err) => {
                err.write_unraisable(self.py(), Some(self));
                match self.get_type().name() {
                    Ok(name) => write!(f, "<unprintable {name} object>"),
                    Err(_) => f.write_str("<unprintable object>"),
                }
            }
        }
    }
}

impl std::fmt::Debug for PyAny {
    /// `repr(obj)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let repr = self.repr().map_err(|_| std::fmt::Error)?;
        f.write_str(&repr.to_string_lossy())
    }
}
