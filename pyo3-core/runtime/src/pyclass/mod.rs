//! `#[pyclass]` support: the `PyClass` trait, instance initialisers and type-object
//! creation.

pub(crate) mod create_type;
mod gc;
pub mod init;
mod iter_output;
#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy)))]
mod native_bases;

pub use gc::{PyTraverseError, PyVisit};
pub use init::{PyClassInitializer, PyNativeTypeInitializer, PyObjectInit};
pub use iter_output::{IterANextOutput, IterNextOutput, PyIterANextOutput, PyIterNextOutput};

use crate::impl_::pyclass::PyClassImpl;
use crate::pycell::PyCell;
use crate::type_object::PyTypeInfo;

/// A Rust type exposed to Python as a class, implemented by `#[pyclass]`.
///
/// Instances live in a [`PyCell<Self>`]; GIL-bound references to them are `&PyCell<Self>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `#[pyclass]`",
    note = "add `#[pyclass]` to the definition of `{Self}`"
)]
pub trait PyClass: PyTypeInfo<AsRefTarget = PyCell<Self>> + PyClassImpl {
    /// [`True`] for `#[pyclass(frozen)]` classes, which never hand out `&mut Self`;
    /// [`False`] otherwise.
    type Frozen: Boolean;
}

/// Type-level booleans for [`PyClass::Frozen`].
pub trait Boolean: private::Sealed {
    /// The value.
    const VALUE: bool;
}

/// Type-level `true`.
pub struct True;
/// Type-level `false`.
pub struct False;

impl Boolean for True {
    const VALUE: bool = true;
}
impl Boolean for False {
    const VALUE: bool = false;
}

mod private {
    pub trait Sealed {}
    impl Sealed for super::True {}
    impl Sealed for super::False {}
}

/// The comparison operators, for `__richcmp__`.
pub use crate::types::any::CompareOp;
