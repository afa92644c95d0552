//! Properties: `#[getter]` / `#[setter]` methods and `#[pyo3(get, set)]` fields, and the
//! C getters and setters of the type's getset table.

use std::ffi::CStr;
use std::os::raw::{c_int, c_void};

use super::{borrow, borrow_mut, MutablePyClass};
use crate::conversion::{FromPyObject, IntoPy};
use crate::err::PyResult;
use crate::exceptions::PyAttributeError;
use crate::ffi;
use crate::impl_::pyclass::{PyGetterDef, PySetterDef};
use crate::impl_::trampoline;
use crate::instance::PyObject;
use crate::pycell::PyCell;
use crate::pyclass::PyClass;
use crate::python::Python;
use crate::types::PyAny;

/// Implemented by `#[pymethods]` for a marker type per `#[getter]`.
pub trait PyGetterImpl {
    /// The class the property belongs to.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Reads the property.
    fn get<'py>(py: Python<'py>, slf: &'py PyCell<Self::Class>) -> PyResult<PyObject>;
}

/// Implemented by `#[pymethods]` for a marker type per `#[setter]`.
pub trait PySetterImpl {
    /// The class the property belongs to.
    type Class: PyClass;
    /// Whether a call must open a pool scope.
    const NEEDS_POOL: bool;
    /// Writes the property (`del obj.name` never gets here).
    fn set<'py>(py: Python<'py>, slf: &'py PyCell<Self::Class>, value: &'py PyAny) -> PyResult<()>;
}

/// The C getter of every property.
///
/// # Safety
/// Called by CPython only, through the getset descriptor of `M::Class`'s type, which
/// checks that `slf` is an instance of it.
pub unsafe extern "C" fn getter_trampoline<M: PyGetterImpl>(
    slf: *mut ffi::PyObject,
    _closure: *mut c_void,
) -> *mut ffi::PyObject {
    // SAFETY: the descriptor checked `slf`'s type; it lives for the call.
    unsafe {
        trampoline::run(M::NEEDS_POOL, |py| {
            M::get(py, &*slf.cast::<PyCell<M::Class>>())
        })
    }
}

/// The C setter of every property. `closure` is the property's name (set when the type
/// is created), for the message of `del obj.name`.
///
/// # Safety
/// Called by CPython only, through the getset descriptor of `M::Class`'s type, which
/// checks that `slf` is an instance of it.
pub unsafe extern "C" fn setter_trampoline<M: PySetterImpl>(
    slf: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
    closure: *mut c_void,
) -> c_int {
    // SAFETY: the descriptor checked `slf`'s type; `value` is null or an object alive for
    // the call; `closure` is null or the NUL-terminated name.
    unsafe {
        trampoline::run_with(M::NEEDS_POOL, -1, |py| {
            let slf = &*slf.cast::<PyCell<M::Class>>();
            if value.is_null() {
                let name = if closure.is_null() {
                    "?"
                } else {
                    CStr::from_ptr(closure.cast()).to_str().unwrap_or("?")
                };
                return Err(no_deleter(slf.as_any(), name));
            }
            M::set(py, slf, &*value.cast::<PyAny>()).map(|()| 0)
        })
    }
}

/// The `AttributeError` of `del obj.name` on a property without a deleter, in the words
/// of the running Python version's `property`.
#[cold]
fn no_deleter(obj: &PyAny, name: &str) -> crate::PyErr {
    if crate::impl_::runtime_version::at_least(11) {
        // The call may have no pool scope open: keep the lookup's temporaries in one.
        // SAFETY: the GIL is held (we have a reference); nothing pooled escapes.
        let _scope = unsafe { crate::gil::PoolScope::open() };
        let owner = obj
            .get_type()
            .getattr(crate::intern!(obj.py(), "__qualname__"))
            .and_then(|q| q.extract::<String>())
            .unwrap_or_default();
        PyAttributeError::new_err(format!(
            "property '{name}' of '{owner}' object has no deleter"
        ))
    } else if crate::impl_::runtime_version::at_least(10) {
        PyAttributeError::new_err(format!("can't delete attribute '{name}'"))
    } else {
        PyAttributeError::new_err("can't delete attribute")
    }
}

impl PyGetterDef {
    /// The getter of a `#[getter]` method. `name` and `doc` end with a NUL byte.
    pub const fn new<M: PyGetterImpl>(name: &'static str, doc: &'static str) -> Self {
        PyGetterDef {
            name: super::cstr(name),
            meth: getter_trampoline::<M>,
            doc: super::cstr(doc),
        }
    }

    /// The getter of a `#[pyo3(get)]` field.
    pub const fn field<M>(name: &'static str, doc: &'static str) -> Self
    where
        M: FieldAccess,
        M::Field: PyGetField,
    {
        PyGetterDef::new::<FieldGet<M>>(name, doc)
    }
}

impl PySetterDef {
    /// The setter of a `#[setter]` method. `name` and `doc` end with a NUL byte.
    pub const fn new<M: PySetterImpl>(name: &'static str, doc: &'static str) -> Self {
        PySetterDef {
            name: super::cstr(name),
            meth: setter_trampoline::<M>,
            doc: super::cstr(doc),
        }
    }

    /// The setter of a `#[pyo3(set)]` field.
    pub const fn field<M>(name: &'static str, doc: &'static str) -> Self
    where
        M: FieldAccess,
        M::Class: MutablePyClass,
        M::Field: PySetField,
    {
        PySetterDef::new::<FieldSet<M>>(name, doc)
    }
}

/// Access to one field of a class value, implemented by `#[pyclass]` for a marker type per
/// `#[pyo3(get)]` / `#[pyo3(set)]` field.
pub trait FieldAccess: 'static {
    /// The class.
    type Class: PyClass;
    /// The field's type.
    type Field;
    /// The field.
    fn field(value: &Self::Class) -> &Self::Field;
    /// The field, mutably (only called for classes that are not `frozen`).
    fn field_mut(value: &mut Self::Class) -> &mut Self::Field;
}

/// A field type that `#[pyo3(get)]` can hand to Python.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned to Python by `#[pyo3(get)]`",
    label = "this field's type does not convert to a Python object",
    note = "a field with `get` needs a type that implements `IntoPy<PyObject>` and `Clone`; \
            otherwise write a `#[getter]` method"
)]
pub trait PyGetField {
    /// Whether converting parks nothing in the pool.
    const GIL_INDEPENDENT: bool;
    /// A Python object for a copy of the field.
    fn get_field(&self, py: Python<'_>) -> PyObject;
}

impl<T: IntoPy<PyObject> + Clone> PyGetField for T {
    const GIL_INDEPENDENT: bool = <T as IntoPy<PyObject>>::GIL_INDEPENDENT;
    #[inline]
    fn get_field(&self, py: Python<'_>) -> PyObject {
        self.clone().into_py(py)
    }
}

/// A field type that `#[pyo3(set)]` can assign from Python.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be assigned from Python by `#[pyo3(set)]`",
    label = "this field's type cannot be extracted from a Python object",
    note = "a field with `set` needs a type that implements `FromPyObject` for any \
            lifetime; otherwise write a `#[setter]` method"
)]
pub trait PySetField: Sized {
    /// Whether extracting parks nothing in the pool.
    const GIL_INDEPENDENT: bool;
    /// Extracts the new value.
    fn set_field(value: &PyAny) -> PyResult<Self>;
}

impl<T: for<'a> FromPyObject<'a>> PySetField for T {
    const GIL_INDEPENDENT: bool = <T as FromPyObject<'static>>::GIL_INDEPENDENT;
    #[inline]
    fn set_field(value: &PyAny) -> PyResult<Self> {
        T::extract(value)
    }
}

/// The getter of a `#[pyo3(get)]` field.
pub struct FieldGet<M>(std::marker::PhantomData<M>);

impl<M> PyGetterImpl for FieldGet<M>
where
    M: FieldAccess,
    M::Field: PyGetField,
{
    type Class = M::Class;
    const NEEDS_POOL: bool = !<M::Field as PyGetField>::GIL_INDEPENDENT;

    #[inline]
    fn get<'py>(py: Python<'py>, slf: &'py PyCell<Self::Class>) -> PyResult<PyObject> {
        let value = borrow(slf)?;
        Ok(M::field(&value).get_field(py))
    }
}

/// The setter of a `#[pyo3(set)]` field.
pub struct FieldSet<M>(std::marker::PhantomData<M>);

impl<M> PySetterImpl for FieldSet<M>
where
    M: FieldAccess,
    M::Class: MutablePyClass,
    M::Field: PySetField,
{
    type Class = M::Class;
    const NEEDS_POOL: bool = !<M::Field as PySetField>::GIL_INDEPENDENT;

    #[inline]
    fn set<'py>(
        _py: Python<'py>,
        slf: &'py PyCell<Self::Class>,
        value: &'py PyAny,
    ) -> PyResult<()> {
        // Convert first: the conversion may run Python code that reads the object.
        let new = M::Field::set_field(value)?;
        let mut guard = borrow_mut(slf)?;
        *M::field_mut(&mut guard) = new;
        Ok(())
    }
}
