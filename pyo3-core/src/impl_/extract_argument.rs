//! Matching a call's arguments to a function's parameters, with CPython's wording for every
//! mismatch, and the per-parameter extraction helpers that generated code calls.
//!
//! Generated code describes a function once, in a `static` [`FunctionDescription`], and
//! calls [`FunctionDescription::extract`] with one slot per named parameter. The slots are
//! filled with *borrowed* pointers from the vectorcall array: arguments never enter the
//! pool and a call that passes only positional arguments allocates nothing.

use std::os::raw::c_char;
use std::ptr::NonNull;

use crate::conversion::FromPyObject;
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PySystemError, PyTypeError};
use crate::ffi;
use crate::impl_::TempRef;
use crate::instance::Py;
use crate::python::Python;
use crate::sync::GILOnceCell;
use crate::types::{PyAny, PyString};

/// One named parameter of a Python-callable function.
#[derive(Debug, Clone, Copy)]
pub struct ParamDescription {
    /// The Python name of the parameter.
    pub name: &'static str,
    /// False when the parameter has a default (the generated code supplies it).
    pub required: bool,
}

/// Everything argument matching needs to know about a function's signature.
///
/// `params` lists the named parameters in signature order: the positional ones (the first
/// `positional_only` of them positional-only), then the keyword-only ones. The description
/// is immutable (generated code keeps it in a `static`), so the compiler folds its fields
/// into the inlined fast path; the interned names live in a separate cache.
pub struct FunctionDescription {
    name: &'static str,
    params: &'static [ParamDescription],
    positional: usize,
    positional_only: usize,
    required_positional: usize,
    required_keyword_only: bool,
    varargs: bool,
    varkw: bool,
    keyword_names: &'static KeywordNames,
}

/// Interned names of the parameters that may be passed by keyword, created on first use,
/// for matching by pointer (CPython interns identifier-like keyword names at compile time).
pub struct KeywordNames(GILOnceCell<Box<[Py<PyString>]>>);

impl KeywordNames {
    /// An empty cache.
    pub const fn new() -> Self {
        KeywordNames(GILOnceCell::new())
    }
}

impl Default for KeywordNames {
    fn default() -> Self {
        Self::new()
    }
}

impl FunctionDescription {
    /// Describes a function. `name` is what error messages show before `()`: `f`, or
    /// `Class.method` for methods.
    pub const fn new(
        name: &'static str,
        params: &'static [ParamDescription],
        positional: usize,
        positional_only: usize,
        varargs: bool,
        varkw: bool,
        keyword_names: &'static KeywordNames,
    ) -> Self {
        assert!(positional_only <= positional && positional <= params.len());
        let mut required_positional = 0;
        let mut required_keyword_only = false;
        let mut i = 0;
        while i < params.len() {
            if params[i].required {
                if i < positional {
                    required_positional += 1;
                } else {
                    required_keyword_only = true;
                }
            }
            i += 1;
        }
        FunctionDescription {
            name,
            params,
            positional,
            positional_only,
            required_positional,
            required_keyword_only,
            varargs,
            varkw,
            keyword_names,
        }
    }

    /// Matches a vectorcall's arguments to the parameters of a function without `*args`
    /// and `**kwargs`, giving one slot per entry of `params`. A slot left `None` belongs to
    /// a parameter with a default; every required one is filled, or the call fails with
    /// CPython's message.
    ///
    /// When the call passes exactly one positional argument per parameter, the slots are
    /// the caller's argument array itself (an `Option<&PyAny>` has the layout of an
    /// object pointer): nothing is copied. Otherwise `storage` holds them.
    #[inline(always)]
    pub fn extract<'a, 'py, const N: usize>(
        &'static self,
        py: Python<'py>,
        call: &'a FastcallArgs<'py>,
        storage: &'a mut [Option<&'py PyAny>; N],
    ) -> PyResult<&'a [Option<&'py PyAny>; N]> {
        debug_assert!(!self.varargs && !self.varkw && N == self.params.len());
        let nargs = call.positional.len();
        if call.keyword_names.is_none() {
            if nargs == N && self.positional == N {
                // SAFETY: the slice has exactly N elements, and `&PyAny` and
                // `Option<&PyAny>` share their layout (the null-pointer optimisation).
                return Ok(unsafe { &*call.positional.as_ptr().cast::<[Option<&'py PyAny>; N]>() });
            }
            // Fewer arguments than parameters, all required ones present.
            if !self.required_keyword_only
                && nargs >= self.required_positional
                && nargs <= self.positional
            {
                copy_positional(storage, call.positional);
                return Ok(storage);
            }
        } else if nargs <= self.positional {
            // Keywords that are the interned names (the usual case: CPython interns the
            // names written in a call): matched inline, by pointer.
            if let Some(interned) = self.keyword_names.0.get(py) {
                if self.match_interned_keywords(call, storage, interned) {
                    return Ok(storage);
                }
            }
        }
        self.extract_general(py, call, storage, None)?;
        Ok(storage)
    }

    /// Fills `slots` from positional arguments and keywords that are all interned names of
    /// distinct parameters, with every required parameter given. Returns false (leaving
    /// `slots` to be reset) for anything else, which the general path then handles.
    #[inline(always)]
    fn match_interned_keywords<'py, const N: usize>(
        &self,
        call: &FastcallArgs<'py>,
        slots: &mut [Option<&'py PyAny>; N],
        interned: &[Py<PyString>],
    ) -> bool {
        let Some(names) = call.keyword_names else {
            return false;
        };
        let offset = self.positional_only;
        let count = self.params.len() - offset;
        if interned.len() != count {
            return false;
        }
        copy_positional(slots, call.positional);
        for (k, value) in call.keyword_values.iter().enumerate() {
            // SAFETY: `names` has one entry per keyword value.
            let name = unsafe { tuple_item(names, k) }.as_ptr();
            let Some(j) = (0..count).find(|&j| interned[j].as_ptr() == name) else {
                return false;
            };
            let slot = &mut slots[offset + j];
            if slot.is_some() {
                return false;
            }
            *slot = Some(*value);
        }
        (0..self.params.len()).all(|i| !self.params[i].required || slots[i].is_some())
    }

    /// Like [`FunctionDescription::extract`], for a function with `*args` or `**kwargs`:
    /// the slots are always `slots`, and the surplus arguments are collected into the
    /// returned tuple and dict.
    #[inline]
    pub fn extract_with_var<'py>(
        &'static self,
        py: Python<'py>,
        call: &FastcallArgs<'py>,
        slots: &mut [Option<&'py PyAny>],
    ) -> PyResult<VarArgs> {
        let mut var = VarArgs::none();
        self.extract_general(py, call, slots, Some(&mut var))?;
        Ok(var)
    }

    /// Every shape: keywords, surplus or missing arguments, `*args` / `**kwargs` (collected
    /// into `var`, given exactly when the function has them). Checks run in CPython's
    /// order, so the first error reported is CPython's.
    ///
    /// The result is small and the outputs are written in place: moving larger values
    /// through memory here costs store-forwarding stalls on the hot keyword path.
    #[inline(never)]
    fn extract_general<'py>(
        &'static self,
        py: Python<'py>,
        call: &FastcallArgs<'py>,
        slots: &mut [Option<&'py PyAny>],
        mut var: Option<&mut VarArgs>,
    ) -> PyResult<()> {
        debug_assert_eq!(slots.len(), self.params.len());
        let nargs = call.positional.len();
        // An inline attempt may have filled some slots before giving up.
        slots.fill(None);

        let bound = nargs.min(self.positional);
        for (slot, arg) in slots[..bound].iter_mut().zip(call.positional) {
            *slot = Some(*arg);
        }
        if let Some(var) = var.as_deref_mut() {
            if self.varargs {
                var.args = Some(new_tuple(py, &call.positional[bound..])?);
            }
        }

        if let Some(names) = call.keyword_names {
            let interned = self
                .keyword_names
                .0
                .get_or_try_init(py, || self.intern_keyword_names(py))?;
            for (i, value) in call.keyword_values.iter().enumerate() {
                // SAFETY: `names` has one entry per keyword value.
                let name = unsafe { tuple_item(names, i) };
                let index = match interned.iter().position(|s| s.as_ptr() == name.as_ptr()) {
                    Some(j) => Some(self.positional_only + j),
                    None => self.find_keyword_by_value(name),
                };
                match index {
                    Some(index) => {
                        if slots[index].is_some() {
                            return Err(self.multiple_values(index));
                        }
                        slots[index] = Some(*value);
                    }
                    None if self.varkw => {
                        if let Some(var) = var.as_deref_mut() {
                            if var.kwargs.is_none() {
                                var.kwargs = Some(new_dict(py)?);
                            }
                            if let Some(dict) = &var.kwargs {
                                dict_set(py, dict, name, value)?;
                            }
                        }
                    }
                    None => return Err(self.unknown_keyword(call, name)),
                }
            }
        }

        if !self.varargs && nargs > self.positional {
            let keyword_only_given = slots[self.positional..]
                .iter()
                .filter(|s| s.is_some())
                .count();
            return Err(self.too_many_positional(nargs, keyword_only_given));
        }
        let is_missing = |i: usize| self.params[i].required && slots[i].is_none();
        if (bound..self.positional).any(is_missing) {
            let missing = self.missing(slots, bound..self.positional);
            return Err(self.missing_error("positional", &missing));
        }
        if (self.positional..self.params.len()).any(is_missing) {
            let missing = self.missing(slots, self.positional..self.params.len());
            return Err(self.missing_error("keyword-only", &missing));
        }
        Ok(())
    }

    /// The index of the parameter a keyword names, comparing by string (for names that
    /// are not the interned objects).
    fn find_keyword_by_value(&self, name: &PyAny) -> Option<usize> {
        let text = str_contents(name)?;
        let offset = self.positional_only;
        self.params[offset..]
            .iter()
            .position(|p| p.name == text.as_ref())
            .map(|i| offset + i)
    }

    fn intern_keyword_names(&self, py: Python<'_>) -> PyResult<Box<[Py<PyString>]>> {
        self.params[self.positional_only..]
            .iter()
            .map(|p| intern(py, p.name))
            .collect()
    }

    /// Names of the required parameters in `range` whose slot is empty.
    #[cold]
    fn missing(
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
    fn missing_error(&self, kind: &str, names: &[&str]) -> PyErr {
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
            self.name,
            names.len(),
            plural(names.len()),
        ))
    }

    /// `f() takes from 1 to 2 positional arguments but 3 were given`.
    #[cold]
    fn too_many_positional(&self, given: usize, keyword_only_given: usize) -> PyErr {
        let (takes, plural_takes) = if self.required_positional < self.positional {
            (
                format!("from {} to {}", self.required_positional, self.positional),
                true,
            )
        } else {
            (self.positional.to_string(), self.positional != 1)
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
            self.name,
            if plural_takes { "s" } else { "" },
        ))
    }

    /// `f() got multiple values for argument 'a'`.
    #[cold]
    fn multiple_values(&self, index: usize) -> PyErr {
        PyTypeError::new_err(format!(
            "{}() got multiple values for argument '{}'",
            self.name, self.params[index].name
        ))
    }

    /// A keyword that matches no parameter: CPython first checks whether any keyword of
    /// the call names a positional-only parameter, and reports all of those.
    #[cold]
    fn unknown_keyword(&self, call: &FastcallArgs<'_>, name: &PyAny) -> PyErr {
        let mut positional_only_given = Vec::new();
        if let Some(names) = call.keyword_names {
            for param in &self.params[..self.positional_only] {
                for i in 0..call.keyword_values.len() {
                    // SAFETY: `names` has one entry per keyword value.
                    let keyword = unsafe { tuple_item(names, i) };
                    if str_contents(keyword).as_deref() == Some(param.name) {
                        positional_only_given.push(param.name);
                    }
                }
            }
        }
        if !positional_only_given.is_empty() {
            return PyTypeError::new_err(format!(
                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                self.name,
                positional_only_given.join(", ")
            ));
        }
        PyTypeError::new_err(format!(
            "{}() got an unexpected keyword argument '{}'",
            self.name,
            str_contents(name).as_deref().unwrap_or("?")
        ))
    }
}

/// The arguments of one vectorcall, viewed as borrowed references that live for the call.
pub struct FastcallArgs<'py> {
    module: Option<&'py PyAny>,
    positional: &'py [&'py PyAny],
    keyword_names: Option<&'py PyAny>,
    keyword_values: &'py [&'py PyAny],
}

impl<'py> FastcallArgs<'py> {
    /// Views the raw arguments of a `METH_FASTCALL | METH_KEYWORDS` call.
    ///
    /// # Safety
    /// The pointers must be those CPython passed to the C function: `args` holds `nargs`
    /// positional objects followed by one value per entry of the `kwnames` tuple (or
    /// `kwnames` is null), all alive for `'py`, and the GIL is held for `'py`.
    #[inline]
    pub unsafe fn from_raw(
        slf: *mut ffi::PyObject,
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> Self {
        let nargs = nargs as usize;
        let positional: &'py [&'py PyAny] = if nargs == 0 {
            &[]
        } else {
            // SAFETY: `args` holds `nargs` non-null object pointers alive for `'py`, and
            // `&PyAny` has the layout of a non-null object pointer.
            unsafe { std::slice::from_raw_parts(args.cast::<&'py PyAny>(), nargs) }
        };
        let nkw = if kwnames.is_null() {
            0
        } else {
            // SAFETY: `kwnames` is a tuple (caller's contract).
            unsafe { tuple_len(kwnames) }
        };
        let (keyword_names, keyword_values): (Option<&'py PyAny>, &'py [&'py PyAny]) = if nkw == 0 {
            (None, &[])
        } else {
            // SAFETY: the keyword values follow the positional ones in `args`, one per name;
            // `kwnames` is a live tuple.
            unsafe {
                (
                    Some(&*kwnames.cast::<PyAny>()),
                    std::slice::from_raw_parts(args.add(nargs).cast::<&'py PyAny>(), nkw),
                )
            }
        };
        FastcallArgs {
            // SAFETY: `slf` is null or an object alive for the call.
            module: unsafe { slf.cast::<PyAny>().as_ref() },
            positional,
            keyword_names,
            keyword_values,
        }
    }

    /// The `self` object of the C function: the module, for module-level functions.
    #[inline]
    pub fn module(&self) -> Option<&'py PyAny> {
        self.module
    }
}

/// The `*args` tuple and `**kwargs` dict of one call, owned by the calling frame; both
/// `None` for functions that have neither. `kwargs` is created only when a keyword matches
/// no named parameter.
pub struct VarArgs {
    args: Option<TempRef>,
    kwargs: Option<TempRef>,
    /// An empty dict for a `**kwargs` parameter whose type cannot take `None`.
    empty_kwargs: std::cell::OnceCell<TempRef>,
}

impl VarArgs {
    #[inline]
    fn none() -> VarArgs {
        VarArgs {
            args: None,
            kwargs: None,
            empty_kwargs: std::cell::OnceCell::new(),
        }
    }
}

// ----- Per-parameter extraction, called by generated code -----

/// Extracts a parameter's value, naming the parameter in a `TypeError`.
#[inline(always)]
pub fn extract_argument<'a, T: FromPyObject<'a>>(
    obj: &'a PyAny,
    name: &'static str,
) -> PyResult<T> {
    match T::extract(obj) {
        Ok(value) => Ok(value),
        Err(err) => Err(argument_extraction_error(obj.py(), name, err)),
    }
}

/// Extracts a required parameter (matching guarantees its slot is filled).
#[inline(always)]
pub fn extract_required<'a, T: FromPyObject<'a>>(
    slot: Option<&'a PyAny>,
    name: &'static str,
) -> PyResult<T> {
    match slot {
        Some(obj) => extract_argument(obj, name),
        None => Err(unfilled_slot(name)),
    }
}

/// Extracts a parameter with a default; `default` runs only when the argument is absent.
#[inline(always)]
pub fn extract_optional<'a, T: FromPyObject<'a>, D: FnOnce() -> T>(
    slot: Option<&'a PyAny>,
    name: &'static str,
    default: D,
) -> PyResult<T> {
    match slot {
        Some(obj) => extract_argument(obj, name),
        None => Ok(default()),
    }
}

/// Extracts a required parameter with a `from_py_with` function.
#[inline(always)]
pub fn extract_required_with<'a, T, F: FnOnce(&'a PyAny) -> PyResult<T>>(
    slot: Option<&'a PyAny>,
    name: &'static str,
    extractor: F,
) -> PyResult<T> {
    match slot {
        Some(obj) => extractor(obj).map_err(|err| argument_extraction_error(obj.py(), name, err)),
        None => Err(unfilled_slot(name)),
    }
}

/// Extracts a parameter with a default with a `from_py_with` function.
#[inline(always)]
pub fn extract_optional_with<'a, T, F, D>(
    slot: Option<&'a PyAny>,
    name: &'static str,
    extractor: F,
    default: D,
) -> PyResult<T>
where
    F: FnOnce(&'a PyAny) -> PyResult<T>,
    D: FnOnce() -> T,
{
    match slot {
        Some(obj) => extractor(obj).map_err(|err| argument_extraction_error(obj.py(), name, err)),
        None => Ok(default()),
    }
}

/// Extracts the `*args` parameter from the tuple of surplus positional arguments.
pub fn extract_varargs<'a, T: FromPyObject<'a>>(
    var: &'a VarArgs,
    name: &'static str,
) -> PyResult<T> {
    match &var.args {
        Some(tuple) => extract_argument(tuple.as_any(), name),
        None => Err(unfilled_slot(name)),
    }
}

/// Extracts the `**kwargs` parameter: `None` (for `Option<&PyDict>`) when the call had no
/// surplus keywords, else the dict. A type that cannot take `None` gets an empty dict.
pub fn extract_varkwargs<'a, T: FromPyObject<'a>>(
    py: Python<'a>,
    var: &'a VarArgs,
    name: &'static str,
) -> PyResult<T> {
    match &var.kwargs {
        Some(dict) => extract_argument(dict.as_any(), name),
        None => {
            // SAFETY: `None` is a static object.
            let none = unsafe { &*ffi::Py_None().cast::<PyAny>() };
            match T::extract(none) {
                Ok(value) => Ok(value),
                Err(_) => {
                    if var.empty_kwargs.get().is_none() {
                        let _ = var.empty_kwargs.set(new_dict(py)?);
                    }
                    match var.empty_kwargs.get() {
                        Some(dict) => extract_argument(dict.as_any(), name),
                        None => Err(unfilled_slot(name)),
                    }
                }
            }
        }
    }
}

/// Extracts the module a `pass_module` function receives as its first parameter.
pub fn extract_module<'a, T: FromPyObject<'a>>(call: &FastcallArgs<'a>) -> PyResult<T> {
    match call.module() {
        Some(module) => T::extract(module),
        None => Err(PyTypeError::new_err(
            "this function takes its module (`pass_module`) but was created without one",
        )),
    }
}

/// Compile-time probe used by generated code to decide whether a call needs a pool scope:
/// `ArgumentProbe::<T>::GIL_INDEPENDENT` is `T`'s constant when `T: FromPyObject`, and
/// `false` (through [`ProbeFallback`]) when it is not, so that a type that cannot be
/// extracted is reported once, by the extraction itself.
pub struct ArgumentProbe<T>(std::marker::PhantomData<T>);

impl<T: FromPyObject<'static>> ArgumentProbe<T> {
    /// Whether extracting `T` can hand out GIL-bound references.
    pub const GIL_INDEPENDENT: bool = T::GIL_INDEPENDENT;
}

/// The fallback of the compile-time probes: not GIL-independent.
pub trait ProbeFallback {
    /// The conservative answer: the call needs a pool scope.
    const GIL_INDEPENDENT: bool = false;
}

impl<T> ProbeFallback for ArgumentProbe<T> {}

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
fn unfilled_slot(name: &str) -> PyErr {
    PySystemError::new_err(format!(
        "argument '{name}' was not filled by argument matching"
    ))
}

// ----- Raw helpers: none of them parks anything in the pool -----

/// Copies the positional arguments into the first slots. Written as a bounded loop of
/// word moves: a `memcpy` call for one or two words costs more than the rest of a call.
#[inline(always)]
fn copy_positional<'py, const N: usize>(slots: &mut [Option<&'py PyAny>; N], args: &[&'py PyAny]) {
    let n = args.len().min(N);
    let mut i = 0;
    while i < n {
        slots[i] = Some(args[i]);
        i += 1;
    }
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

/// The UTF-8 contents of a `str` object (borrowed from the object's cache where the C API
/// allows); `None` for strings that are not valid UTF-8 (lone surrogates) or non-strings.
fn str_contents(obj: &PyAny) -> Option<std::borrow::Cow<'_, str>> {
    // SAFETY: `obj` is a live object.
    if unsafe { ffi::PyUnicode_Check(obj.as_ptr()) } == 0 {
        return None;
    }
    #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
    {
        let mut size: ffi::Py_ssize_t = 0;
        // SAFETY: `obj` is a str; the buffer is cached in the object and lives as long as it.
        let data = unsafe { ffi::PyUnicode_AsUTF8AndSize(obj.as_ptr(), &mut size) };
        if data.is_null() {
            // SAFETY: the GIL is held; the encoding error is not ours to report.
            unsafe { ffi::PyErr_Clear() };
            return None;
        }
        // SAFETY: CPython returns `size` bytes of valid UTF-8 at `data`.
        let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), size as usize) };
        std::str::from_utf8(bytes)
            .ok()
            .map(std::borrow::Cow::Borrowed)
    }
    #[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
    {
        // SAFETY: `obj` is a str; the result is a new bytes object or null.
        let bytes = unsafe { NonNull::new(ffi::PyUnicode_AsUTF8String(obj.as_ptr())) };
        let Some(bytes) = bytes else {
            // SAFETY: the GIL is held; the encoding error is not ours to report.
            unsafe { ffi::PyErr_Clear() };
            return None;
        };
        // SAFETY: an owned reference, released by the guard.
        let bytes = unsafe { TempRef::from_owned(bytes) };
        // SAFETY: `bytes` is a bytes object; its buffer lives as long as the guard.
        let text = unsafe {
            let data = ffi::PyBytes_AsString(bytes.as_any().as_ptr());
            let size = ffi::PyBytes_Size(bytes.as_any().as_ptr());
            std::slice::from_raw_parts(data.cast::<u8>(), size as usize)
        };
        std::str::from_utf8(text)
            .ok()
            .map(|t| std::borrow::Cow::Owned(t.to_owned()))
    }
}

/// An interned `str`.
fn intern(py: Python<'_>, name: &str) -> PyResult<Py<PyString>> {
    // SAFETY: the pointer and length describe valid UTF-8; the result is owned or null, and
    // InternInPlace swaps it for the interned object, keeping one owned reference.
    unsafe {
        let mut ptr =
            ffi::PyUnicode_FromStringAndSize(name.as_ptr().cast::<c_char>(), name.len() as _);
        if !ptr.is_null() {
            ffi::PyUnicode_InternInPlace(&mut ptr);
        }
        Py::from_owned_ptr_or_err(py, ptr)
    }
}

/// A new tuple of `items`, owned by the returned guard.
fn new_tuple(py: Python<'_>, items: &[&PyAny]) -> PyResult<TempRef> {
    // SAFETY: we fill each slot of the new tuple with a new reference.
    unsafe {
        let tuple = ffi::PyTuple_New(items.len() as ffi::Py_ssize_t);
        let Some(tuple) = NonNull::new(tuple) else {
            return Err(PyErr::fetch(py));
        };
        for (i, item) in items.iter().enumerate() {
            ffi::Py_IncRef(item.as_ptr());
            ffi::PyTuple_SetItem(tuple.as_ptr(), i as ffi::Py_ssize_t, item.as_ptr());
        }
        Ok(TempRef::from_owned(tuple))
    }
}

/// A new, empty dict owned by the returned guard.
fn new_dict(py: Python<'_>) -> PyResult<TempRef> {
    // SAFETY: PyDict_New returns a new reference or null with an error set.
    match NonNull::new(unsafe { ffi::PyDict_New() }) {
        // SAFETY: an owned reference.
        Some(dict) => Ok(unsafe { TempRef::from_owned(dict) }),
        None => Err(PyErr::fetch(py)),
    }
}

fn dict_set(py: Python<'_>, dict: &TempRef, key: &PyAny, value: &PyAny) -> PyResult<()> {
    // SAFETY: all three are live objects; SetItem takes its own references.
    let rc = unsafe { ffi::PyDict_SetItem(dict.as_any().as_ptr(), key.as_ptr(), value.as_ptr()) };
    crate::err::error_on_minus_one(py, rc)
}

/// # Safety
/// `tuple` must be a tuple.
unsafe fn tuple_len(tuple: *mut ffi::PyObject) -> usize {
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    // SAFETY: forwarded from the caller.
    unsafe {
        ffi::PyTuple_GET_SIZE(tuple) as usize
    }
    #[cfg(any(Py_LIMITED_API, PyPy))]
    // SAFETY: forwarded from the caller.
    unsafe {
        ffi::PyTuple_Size(tuple) as usize
    }
}

/// Item `i` of a tuple, borrowed for as long as the tuple lives.
///
/// # Safety
/// `tuple` must be a tuple with more than `i` items.
unsafe fn tuple_item(tuple: &PyAny, i: usize) -> &PyAny {
    // SAFETY: forwarded from the caller; tuples are immutable, so the item lives as long
    // as the tuple.
    unsafe { &*crate::types::tuple::tuple_item(tuple.as_ptr(), i).cast::<PyAny>() }
}
