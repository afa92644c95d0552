//! Initialisers: how a new instance's memory is filled, level by level, from the base
//! type up to the class itself.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::pyclass::{PyClassBaseType, PyClassImpl};
use crate::instance::Py;
use crate::pycell::PyCell;
use crate::pyclass::PyClass;
use crate::python::Python;

/// Fills one level of a new instance.
///
/// # Safety
/// `into_new_object` must return a new reference to an object of `subtype` whose levels
/// up to and including `T` are initialised.
pub unsafe trait PyObjectInit<T>: Sized {
    /// Allocates (through the base levels) and initialises an instance of `subtype`.
    ///
    /// # Safety
    /// `subtype` must be `T`'s type object or a subtype of it.
    unsafe fn into_new_object(
        self,
        py: Python<'_>,
        subtype: *mut ffi::PyTypeObject,
    ) -> PyResult<*mut ffi::PyObject>;
}

/// Initialiser of a native base type: allocates the object the way that type does.
pub struct PyNativeTypeInitializer<T>(std::marker::PhantomData<T>);

impl<T> Default for PyNativeTypeInitializer<T> {
    fn default() -> Self {
        PyNativeTypeInitializer(std::marker::PhantomData)
    }
}

// SAFETY: the object is allocated by `subtype`'s allocator (for `object`) or by the native
// base's own `tp_new`, which initialises the native part.
unsafe impl<T: PyClassBaseType> PyObjectInit<T> for PyNativeTypeInitializer<T> {
    unsafe fn into_new_object(
        self,
        py: Python<'_>,
        subtype: *mut ffi::PyTypeObject,
    ) -> PyResult<*mut ffi::PyObject> {
        let base = T::base_type_object(py);
        // SAFETY: both are valid type objects; allocation functions return a new
        // reference or null with an error set.
        unsafe {
            let obj = if base == std::ptr::addr_of_mut!(ffi::PyBaseObject_Type) {
                let alloc = ffi::PyType_GetSlot(subtype, ffi::Py_tp_alloc);
                let alloc: ffi::allocfunc = if alloc.is_null() {
                    ffi::PyType_GenericAlloc
                } else {
                    std::mem::transmute::<*mut std::os::raw::c_void, ffi::allocfunc>(alloc)
                };
                alloc(subtype, 0)
            } else {
                let Some(new) = native_tp_new(base) else {
                    return Err(crate::exceptions::PyTypeError::new_err(
                        "base type without tp_new cannot be subclassed",
                    ));
                };
                // A raw reference, not a pooled one: construction may run with no pool scope.
                let args = ffi::PyTuple_New(0);
                if args.is_null() {
                    return Err(PyErr::fetch(py));
                }
                let obj = new(subtype, args, std::ptr::null_mut());
                ffi::Py_DecRef(args);
                obj
            };
            if obj.is_null() {
                Err(PyErr::fetch(py))
            } else {
                Ok(obj)
            }
        }
    }
}

/// How to build a class instance: the class's value plus the initialiser of its base.
///
/// `#[new]` may return `T`, `PyResult<T>`, a `(T, Base)` pair, or a
/// `PyClassInitializer<T>` built with [`add_subclass`](PyClassInitializer::add_subclass)
/// for deeper chains.
pub struct PyClassInitializer<T: PyClass> {
    init: T,
    super_init: <T::BaseType as PyClassBaseType>::Initializer,
}

impl<T: PyClass> PyClassInitializer<T> {
    /// An initialiser from the class value and its base's initialiser.
    pub fn new(init: T, super_init: <T::BaseType as PyClassBaseType>::Initializer) -> Self {
        PyClassInitializer { init, super_init }
    }

    /// Extends the chain with a subclass `S` of `T`.
    pub fn add_subclass<S>(self, subclass_value: S) -> PyClassInitializer<S>
    where
        S: PyClass<BaseType = T>,
        T: PyClassBaseType<Initializer = Self>,
    {
        PyClassInitializer::new(subclass_value, self)
    }

    /// Creates an instance of exactly `T`, as a new reference.
    pub(crate) fn create_object(self, py: Python<'_>) -> PyResult<*mut ffi::PyObject> {
        let ty = T::type_object_raw(py);
        // SAFETY: `ty` is `T`'s type object.
        unsafe { self.into_new_object(py, ty) }
    }

    /// Creates an instance of `T`, as a cell pointer.
    pub fn create_cell(self, py: Python<'_>) -> PyResult<*mut PyCell<T>> {
        self.create_object(py).map(|obj| obj as *mut PyCell<T>)
    }
}

// SAFETY: the base levels are initialised by `super_init`, then this level's contents are
// written into the fresh memory.
unsafe impl<T: PyClass> PyObjectInit<T> for PyClassInitializer<T> {
    unsafe fn into_new_object(
        self,
        py: Python<'_>,
        subtype: *mut ffi::PyTypeObject,
    ) -> PyResult<*mut ffi::PyObject> {
        let PyClassInitializer { init, super_init } = self;
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        if <T::BaseType as PyClassBaseType>::IS_OBJECT {
            let size = std::mem::size_of::<PyCell<T>>();
            // SAFETY: `subtype` is a valid type object (caller).
            let plain = unsafe { alloc_plain(py, subtype, size)? };
            if let Some(obj) = plain {
                // SAFETY: a fresh object of `subtype` whose only level is `T`'s.
                unsafe { PyCell::<T>::write_contents(obj, init) };
                return Ok(obj);
            }
        }
        // SAFETY: `subtype` is `T`'s type or a subtype, hence also a subtype of the base.
        let obj = unsafe { super_init.into_new_object(py, subtype)? };
        // SAFETY: the base levels of `obj` are initialised; this level is not.
        unsafe { PyCell::<T>::write_contents(obj, init) };
        Ok(obj)
    }
}

impl<T> From<T> for PyClassInitializer<T>
where
    T: PyClass,
    <T::BaseType as PyClassBaseType>::Initializer: Default,
{
    #[inline]
    fn from(value: T) -> PyClassInitializer<T> {
        PyClassInitializer::new(value, Default::default())
    }
}

impl<S, B> From<(S, B)> for PyClassInitializer<S>
where
    S: PyClass<BaseType = B>,
    B: PyClass + PyClassBaseType<Initializer = PyClassInitializer<B>>,
    B::BaseType: PyClassBaseType<Initializer = PyNativeTypeInitializer<B::BaseType>>,
{
    fn from(sub_and_base: (S, B)) -> PyClassInitializer<S> {
        let (sub, base) = sub_and_base;
        PyClassInitializer::from(base).add_subclass(sub)
    }
}

impl<T: PyClass> Py<T> {
    /// Creates a new instance and returns an owned reference to it.
    pub fn new(py: Python<'_>, value: impl Into<PyClassInitializer<T>>) -> PyResult<Py<T>> {
        let obj = value.into().create_object(py)?;
        // SAFETY: a new reference to a `T` instance.
        unsafe { Py::from_owned_ptr_or_err(py, obj) }
    }

    /// Borrows the value shared; panics if mutably borrowed.
    #[track_caller]
    pub fn borrow<'py>(&'py self, py: Python<'py>) -> crate::pycell::PyRef<'py, T> {
        self.as_ref(py).borrow()
    }

    /// Borrows the value exclusively; panics if borrowed.
    #[track_caller]
    pub fn borrow_mut<'py>(&'py self, py: Python<'py>) -> crate::pycell::PyRefMut<'py, T>
    where
        T: PyClass<Frozen = crate::pyclass::False>,
    {
        self.as_ref(py).borrow_mut()
    }

    /// Borrows the value shared, or fails if mutably borrowed.
    pub fn try_borrow<'py>(
        &'py self,
        py: Python<'py>,
    ) -> Result<crate::pycell::PyRef<'py, T>, crate::pycell::PyBorrowError> {
        self.as_ref(py).try_borrow()
    }

    /// Borrows the value exclusively, or fails if borrowed.
    pub fn try_borrow_mut<'py>(
        &'py self,
        py: Python<'py>,
    ) -> Result<crate::pycell::PyRefMut<'py, T>, crate::pycell::PyBorrowMutError>
    where
        T: PyClass<Frozen = crate::pyclass::False>,
    {
        self.as_ref(py).try_borrow_mut()
    }

    /// The value of a frozen class, without borrow bookkeeping and without the GIL.
    pub fn get(&self) -> &T
    where
        T: PyClass<Frozen = crate::pyclass::True> + Sync,
    {
        // SAFETY: frozen classes never hand out `&mut T`, and `self` keeps the object alive.
        unsafe { &*(*(self.as_ptr() as *const PyCell<T>)).get_ptr() }
    }
}

/// `PyAny` can be the base of a class whose value is built from `T` alone.
impl<T: PyClassImpl> PyClassInitializer<T>
where
    T: PyClass,
{
    /// The class value of this initialiser.
    pub fn value(&self) -> &T {
        &self.init
    }
}

/// Allocates an instance of `subtype` the way `PyObject_New` does (no zeroing, no trip
/// through `tp_alloc`), when that is what `PyType_GenericAlloc` would amount to: the type
/// uses the generic allocator, is not collected by the GC, and has exactly the class's
/// size, so every byte past the header is written by the initialiser. `Ok(None)` when the
/// type does not qualify (subclasses with extra slots, free lists, GC types).
///
/// # Safety
/// `subtype` must be a valid type object; the GIL must be held.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[inline]
unsafe fn alloc_plain(
    py: Python<'_>,
    subtype: *mut ffi::PyTypeObject,
    size: usize,
) -> PyResult<Option<*mut ffi::PyObject>> {
    // SAFETY: forwarded from the caller; the type's fields are readable with the full API.
    unsafe {
        let ty = &*subtype;
        let generic = ty.tp_alloc.map(|f| f as usize)
            == Some(ffi::PyType_GenericAlloc as ffi::allocfunc as usize);
        if !generic
            || ffi::PyType_IS_GC(subtype) != 0
            || ty.tp_itemsize != 0
            || ty.tp_basicsize as usize != size
        {
            return Ok(None);
        }
        let obj = ffi::PyObject_Malloc(size).cast::<ffi::PyObject>();
        if obj.is_null() {
            ffi::PyErr_NoMemory();
            return Err(PyErr::fetch(py));
        }
        ffi::PyObject_Init(obj, subtype);
        Ok(Some(obj))
    }
}

/// The `tp_new` of a (possibly static) type: read from the type object, since
/// `PyType_GetSlot` only accepts static types from 3.10 on.
///
/// # Safety
/// `ty` must be a valid type object.
unsafe fn native_tp_new(ty: *mut ffi::PyTypeObject) -> Option<ffi::newfunc> {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: forwarded from the caller; the full API exposes the type object's fields.
    unsafe {
        (*ty).tp_new
    }
    #[cfg(Py_LIMITED_API)]
    // SAFETY: forwarded from the caller; a non-null slot is a `newfunc`.
    unsafe {
        let new = ffi::PyType_GetSlot(ty, ffi::Py_tp_new);
        (!new.is_null())
            .then(|| std::mem::transmute::<*mut std::os::raw::c_void, ffi::newfunc>(new))
    }
}
