//! The `collections.abc` classes behind the `PySequence` and `PyMapping` type checks,
//! imported once per process and cached, and what the two protocol types share.

use crate::err::PyResult;
use crate::instance::Py;
use crate::python::Python;
use crate::sync::GILOnceCell;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyType};

static SEQUENCE_ABC: GILOnceCell<Py<PyType>> = GILOnceCell::new();
static MAPPING_ABC: GILOnceCell<Py<PyType>> = GILOnceCell::new();

/// `collections.abc.<name>`, cached in `cell`.
fn get_abc<'py>(
    py: Python<'py>,
    cell: &'static GILOnceCell<Py<PyType>>,
    name: &str,
) -> PyResult<&'py PyType> {
    cell.get_or_try_init(py, || {
        let abc: &PyType = py.import("collections.abc")?.getattr(name)?.downcast()?;
        Ok(abc.into())
    })
    .map(|abc| abc.as_ref(py))
}

/// `collections.abc.Sequence`.
pub(crate) fn sequence_abc(py: Python<'_>) -> PyResult<&PyType> {
    get_abc(py, &SEQUENCE_ABC, "Sequence")
}

/// `collections.abc.Mapping`.
pub(crate) fn mapping_abc(py: Python<'_>) -> PyResult<&PyType> {
    get_abc(py, &MAPPING_ABC, "Mapping")
}

/// `isinstance(object, abc)`; an error (in importing the ABC or in a custom
/// `__instancecheck__`) is reported as unraisable and counts as "no", since a type check
/// cannot fail.
pub(crate) fn is_instance_of_abc(
    object: &PyAny,
    abc: for<'py> fn(Python<'py>) -> PyResult<&'py PyType>,
) -> bool {
    let py = object.py();
    match abc(py).and_then(|abc| object.is_instance(abc)) {
        Ok(result) => result,
        Err(err) => {
            err.write_unraisable(py, Some(object));
            false
        }
    }
}

/// Registers `T`'s Python type as a virtual subclass of `abc` (`abc.register(T)`).
pub(crate) fn register<T: PyTypeInfo>(
    py: Python<'_>,
    abc: for<'py> fn(Python<'py>) -> PyResult<&'py PyType>,
) -> PyResult<()> {
    abc(py)?.call_method1("register", (T::type_object(py),))?;
    Ok(())
}

/// Implements the traits of a protocol type that has no type object of its own: those of
/// every native type (`pyobject_native_type_base!`), `PyTypeCheck` (the C-level `fast` check on the object pointer, then
/// `isinstance(obj, abc)`), `FromPyObject` for `&T` (a downcast), and `PyTryFrom`, whose
/// `try_from_exact` is the same check as `try_from` since no object is exactly a `Mapping`
/// or a `Sequence`.
macro_rules! abc_protocol_type {
    ($name:ty, $pyname:literal, $abc:path, |$ptr:ident| $fast:expr) => {
        $crate::pyobject_native_type_base!($name);

        impl $crate::type_object::PyTypeCheck for $name {
            const NAME: &'static str = $pyname;

            #[inline]
            fn type_check(object: &$crate::types::PyAny) -> bool {
                let $ptr = object.as_ptr();
                // SAFETY: the pointer is a valid object; the fast checks only read its type.
                let fast = unsafe { $fast };
                fast || $crate::types::abc::is_instance_of_abc(object, $abc)
            }
        }

        impl<'py> $crate::conversion::FromPyObject<'py> for &'py $name {
            fn extract(ob: &'py $crate::types::PyAny) -> $crate::err::PyResult<Self> {
                ob.downcast::<$name>().map_err(::std::convert::Into::into)
            }
        }

        impl<'v> $crate::conversion::PyTryFrom<'v> for $name {
            fn try_from<V: ::std::convert::Into<&'v $crate::types::PyAny>>(
                value: V,
            ) -> ::std::result::Result<&'v Self, $crate::err::PyDowncastError<'v>> {
                value.into().downcast()
            }

            /// There is no exact type of this protocol, so this is the same check as
            /// `try_from`.
            fn try_from_exact<V: ::std::convert::Into<&'v $crate::types::PyAny>>(
                value: V,
            ) -> ::std::result::Result<&'v Self, $crate::err::PyDowncastError<'v>> {
                value.into().downcast()
            }

            unsafe fn try_from_unchecked<V: ::std::convert::Into<&'v $crate::types::PyAny>>(
                value: V,
            ) -> &'v Self {
                // SAFETY: forwarded from the caller.
                unsafe { value.into().downcast_unchecked() }
            }
        }
    };
}
pub(crate) use abc_protocol_type;
