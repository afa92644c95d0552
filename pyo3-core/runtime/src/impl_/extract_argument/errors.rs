//! CPython's wording for every way a call's arguments can fail to match, and the
//! `argument 'x': ...` prefix of conversion failures.

use std::ptr::NonNull;

use super::raw::{str_contents, tuple_item};
use super::{FastcallArgs, FunctionDescription};
use crate::err::PyErr;
use crate::exceptions::{PySystemError, PyTypeError};
use crate::ffi;
use crate::impl_::TempRef;
use crate::python::Python;
use crate::types::PyAny;

impl FunctionDescription {
    /// The name CPython shows for the function: a method's qualified name from 3.10 on,
    /// its bare name before.
    fn display_name(&self) -> std::borrow::Cow<'static, str> {
        match self.class {
            Some(class) if crate::impl_::runtime_version::at_least(10) => {
                format!("{class}.{}", self.name).into()
            }
            _ => self.name.into(),
        }
    }

    /// Names of the required parameters in `range` whose slot is empty.
    #[cold]
    pub(super) fn missing(
        &self,
        slots: &[Option<&PyAny>],
        range: std::ops::Range<usize>,
    ) -> Vec<&'static str> {
        range
            .filter(|&i| self.params[i].required && slots[i].is_none())
            .map(|i| self.params[i].name)
            .collect()
    }

    /// `f() missing 2 required positional arguments: 'a' and 'b'`.
    #[cold]
    pub(super) fn missing_error(&self, kind: &str, names: &[&str]) -> PyErr {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.as_slice() {
            [one] => one.clone(),
            [first, second] => format!("{first} and {second}"),
            [init @ .., second_last, last] => {
                format!("{}, {second_last}, and {last}", init.join(", "))
            }
            [] => String::new(),
        };
        PyTypeError::new_err(format!(
            "{}() missing {} required {kind} argument{}: {list}",
            self.display_name(),
            names.len(),
            plural(names.len()),
        ))
    }

    /// `f() takes from 1 to 2 positional arguments but 3 were given`.
    #[cold]
    pub(super) fn too_many_positional(&self, given: usize, keyword_only_given: usize) -> PyErr {
        let given = given + self.receiver;
        let (required, positional) = (
            self.required_positional + self.receiver,
            self.positional + self.receiver,
        );
        let (takes, plural_takes) = if required < positional {
            (format!("from {required} to {positional}"), true)
        } else {
            (positional.to_string(), positional != 1)
        };
        let keyword_only = if keyword_only_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                plural(given),
                keyword_only_given,
                plural(keyword_only_given),
            )
        } else {
            String::new()
        };
        let verb = if given == 1 && keyword_only_given == 0 {
            "was"
        } else {
            "were"
        };
        PyTypeError::new_err(format!(
            "{}() takes {takes} positional argument{} but {given}{keyword_only} {verb} given",
            self.display_name(),
            if plural_takes { "s" } else { "" },
        ))
    }

    /// `f() got multiple values for argument 'a'`.
    #[cold]
    pub(super) fn multiple_values(&self, index: usize) -> PyErr {
        self.multiple_values_for(self.params[index].name)
    }

    /// `f() got multiple values for argument 'name'`.
    #[cold]
    pub(super) fn multiple_values_for(&self, name: &str) -> PyErr {
        PyTypeError::new_err(format!(
            "{}() got multiple values for argument '{name}'",
            self.display_name(),
        ))
    }

    /// A keyword that matches no parameter: CPython first checks whether any keyword of
    /// the call names a positional-only parameter, and reports all of those.
    #[cold]
    pub(super) fn unknown_keyword(&self, call: &FastcallArgs<'_>, name: &PyAny) -> PyErr {
        let mut positional_only_given = Vec::new();
        if let Some(names) = call.keyword_names {
            // With `/`, the receiver of the equivalent `def` is positional-only too.
            let receiver = self.receiver_name.filter(|_| self.positional_only > 0);
            for name in receiver
                .into_iter()
                .chain(self.params[..self.positional_only].iter().map(|p| p.name))
            {
                for i in 0..call.keyword_values.len() {
                    // SAFETY: `names` has one entry per keyword value.
                    let keyword = unsafe { tuple_item(names, i) };
                    if str_contents(keyword).as_deref() == Some(name) {
                        positional_only_given.push(name);
                    }
                }
            }
        }
        if !positional_only_given.is_empty() {
            return PyTypeError::new_err(format!(
                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                self.display_name(),
                positional_only_given.join(", ")
            ));
        }
        PyTypeError::new_err(format!(
            "{}() got an unexpected keyword argument '{}'",
            self.display_name(),
            str_contents(name).as_deref().unwrap_or("?")
        ))
    }
}

/// Prefixes a `TypeError` with the parameter name, as `argument 'x': ...`; other errors
/// pass through unchanged. Works on raw references only, so no pool scope is needed.
#[cold]
#[inline(never)]
pub fn argument_extraction_error(py: Python<'_>, name: &str, err: PyErr) -> PyErr {
    // Normalizing a lazy error runs its builder, which may park references: keep them in
    // a scope of their own, since the call itself may have none.
    // SAFETY: the GIL is held; the scope closes at the end of this function and nothing
    // pooled escapes (the result is a `PyErr`, which owns its references).
    let _scope = unsafe { crate::gil::PoolScope::open() };
    let value = err.value(py);
    // SAFETY: `value` is a live exception instance.
    let is_type_error =
        unsafe { ffi::Py_TYPE(value.as_ptr()) == ffi::PyExc_TypeError.cast::<ffi::PyTypeObject>() };
    if !is_type_error {
        return err;
    }
    let message = format!("argument '{}': {}", name, display(value));
    let remapped = PyTypeError::new_err(message);
    // SAFETY: both are live exception instances; GetCause returns a new reference (or
    // null) and SetCause steals it.
    unsafe {
        let cause = ffi::PyException_GetCause(value.as_ptr());
        if !cause.is_null() {
            ffi::PyException_SetCause(remapped.value(py).as_ptr(), cause);
        }
    }
    remapped
}

#[cold]
pub(super) fn unfilled_slot(name: &str) -> PyErr {
    PySystemError::new_err(format!(
        "argument '{name}' was not filled by argument matching"
    ))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `str(obj)` as a Rust string, through owned references only.
fn display(obj: &PyAny) -> String {
    // SAFETY: `obj` is live; PyObject_Str returns a new reference or null.
    let text = unsafe { NonNull::new(ffi::PyObject_Str(obj.as_ptr())) };
    match text {
        Some(text) => {
            // SAFETY: `text` is an owned reference, released by the guard.
            let text = unsafe { TempRef::from_owned(text) };
            str_contents(text.as_any())
                .map(|t| t.into_owned())
                .unwrap_or_else(|| String::from("<unprintable>"))
        }
        None => {
            // SAFETY: the GIL is held; discard the error of `str()`.
            unsafe { ffi::PyErr_Clear() };
            String::from("<unprintable>")
        }
    }
}
