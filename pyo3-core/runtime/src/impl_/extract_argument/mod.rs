//! Matching a call's arguments to a function's parameters: the function description,
//! the vectorcall arguments, and the fast and general matching paths. CPython's messages
//! are in `errors`, the per-parameter helpers for generated code in `params`.
//!
//! Generated code describes a function once, in a `static` [`FunctionDescription`], and
//! calls [`FunctionDescription::extract`] with one slot per named parameter. The slots are
//! filled with *borrowed* pointers from the vectorcall array: arguments never enter the
//! pool and a call that passes only positional arguments allocates nothing.

mod errors;
mod layout;
mod params;
mod raw;

pub use errors::argument_extraction_error;
pub use layout::VectorcallLayout;
pub use params::{
    extract_argument, extract_module, extract_optional, extract_optional_with, extract_required,
    extract_required_with, extract_varargs, extract_varkwargs, ArgumentProbe, ProbeFallback,
};

use crate::err::PyResult;
use crate::ffi;
use crate::impl_::TempRef;
use crate::instance::Py;
use crate::python::Python;
use crate::sync::GILOnceCell;
use crate::types::{PyAny, PyString};
use raw::{
    copy_positional, dict_set, intern, new_dict, new_tuple, str_contents, tuple_item, tuple_len,
};

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
    /// Bit i set: parameter i is required; `None` with 64 parameters or more, which the
    /// general path matches.
    required_mask: Option<u64>,
    varargs: bool,
    varkw: bool,
    keyword_names: &'static KeywordNames,
    /// 1 for methods: CPython counts `self` / `cls` among the positional arguments in its
    /// messages.
    receiver: usize,
    /// The name the receiver has in the equivalent Python `def` (`self`, `cls`): passing
    /// it by keyword fails as it would there.
    receiver_name: Option<&'static str>,
    /// The class's qualified name, for methods: messages name `Class.method` from 3.10.
    class: Option<&'static str>,
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
    /// Describes a function. `name` is what error messages show before `()` (methods are
    /// qualified by [`FunctionDescription::method_of`]).
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
        let mut required_mask = 0u64;
        let mut i = 0;
        while i < params.len() {
            if params[i].required {
                if i < 64 {
                    required_mask |= 1 << i;
                }
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
            required_mask: if params.len() < 64 {
                Some(required_mask)
            } else {
                None
            },
            varargs,
            varkw,
            keyword_names,
            receiver: 0,
            receiver_name: None,
            class: None,
        }
    }

    /// The description of a method of the class `class` (its `__qualname__`) whose
    /// receiver is called `receiver` in Python (`"self"`, `"cls"`, or `""` for a static
    /// method): argument counts in messages include it, as CPython's do.
    pub const fn method_of(mut self, class: &'static str, receiver: &'static str) -> Self {
        self.class = Some(class);
        if !receiver.is_empty() {
            self.receiver = 1;
            self.receiver_name = Some(receiver);
        }
        self
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
        }
        self.extract_keywords_or_general(py, *call, storage)?;
        Ok(storage)
    }

    /// The rest of [`FunctionDescription::extract`], out of line: keywords that are the
    /// interned parameter names (the usual case: CPython interns the names written in a
    /// call) are matched by pointer, anything else by the general path. One call from the
    /// inlined part keeps that part small (build time) and free of saved registers.
    #[inline(never)]
    fn extract_keywords_or_general<'py>(
        &'static self,
        py: Python<'py>,
        call: FastcallArgs<'py>,
        slots: &mut [Option<&'py PyAny>],
    ) -> PyResult<()> {
        let nargs = call.positional.len();
        if let (Some(names), true) = (call.keyword_names, nargs <= self.positional) {
            if let Some(interned) = self.keyword_names.0.get(py) {
                copy_few(slots, call.positional);
                if self.match_interned_keywords(nargs, names, call.keyword_values, slots, interned)
                {
                    return Ok(());
                }
            }
        }
        self.extract_general(py, call, slots, None)
    }

    /// Fills `slots`, whose first `nargs` entries the caller has set to the positional
    /// arguments, from keywords that are all interned names of distinct
    /// parameters, with every required parameter given. Returns false (leaving
    /// `slots` to be reset) for anything else, which the general path then handles.
    ///
    /// Not generic, so compiled once here rather than into every function of every user
    /// crate (inlined into each, it was a fifth of a binding crate's build time).
    #[inline]
    fn match_interned_keywords<'py>(
        &self,
        nargs: usize,
        names: &'py PyAny,
        values: &[&'py PyAny],
        slots: &mut [Option<&'py PyAny>],
        interned: &[Py<PyString>],
    ) -> bool {
        let Some(required) = self.required_mask else {
            return false;
        };
        let offset = self.positional_only;
        if interned.len() != slots.len() - offset || nargs > slots.len() {
            return false;
        }
        // Bit i: slot i is filled. Fewer than 64 parameters (see `required_mask`).
        let mut filled = (1u64 << nargs) - 1;
        for (k, value) in values.iter().enumerate() {
            // SAFETY: `names` is the call's keyword-names tuple, one entry per value.
            let name = unsafe { tuple_item(names, k) }.as_ptr();
            let Some(j) = interned.iter().position(|n| n.as_ptr() == name) else {
                return false;
            };
            let bit = 1u64 << (offset + j);
            if filled & bit != 0 {
                return false;
            }
            filled |= bit;
            slots[offset + j] = Some(*value);
        }
        filled & required == required
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
        self.extract_general(py, *call, slots, Some(&mut var))?;
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
        call: FastcallArgs<'py>,
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
                    // In the equivalent `def`, the receiver is the first parameter, always
                    // given by position: naming it again is a duplicate, unless it is
                    // positional-only (then the name is free for `**kwargs`).
                    None if self.positional_only == 0 && self.names_receiver(name) => {
                        return Err(self.multiple_values_for(self.receiver_name.unwrap_or("")));
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
                    None => return Err(self.unknown_keyword(&call, name)),
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

    /// Whether a keyword is the receiver's Python name.
    fn names_receiver(&self, name: &PyAny) -> bool {
        self.receiver_name
            .is_some_and(|receiver| str_contents(name).as_deref() == Some(receiver))
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
}

/// The arguments of one vectorcall, viewed as borrowed references that live for the call.
#[derive(Clone, Copy)]
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

    /// The `self` object of the C function: the module, for module-level functions; the
    /// class, for class methods; `None` for static methods.
    #[inline]
    pub fn module(&self) -> Option<&'py PyAny> {
        self.module
    }

    /// The number of positional arguments.
    #[inline]
    pub fn positional_count(&self) -> usize {
        self.positional.len()
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

/// Copies the positional arguments into the first slots. Keyword calls pass few of them:
/// up to two are plain moves (a loop here becomes a call to `memcpy`, which with its
/// register spills costs more than the copy).
#[inline(always)]
fn copy_few<'py>(slots: &mut [Option<&'py PyAny>], args: &[&'py PyAny]) {
    match (args, slots) {
        ([], _) => {}
        ([a], [s, ..]) => *s = Some(*a),
        ([a, b], [s, t, ..]) => {
            *s = Some(*a);
            *t = Some(*b);
        }
        (args, slots) => {
            for (slot, arg) in slots.iter_mut().zip(args) {
                *slot = Some(*arg);
            }
        }
    }
}
