//! Building a class's heap type object from its description (`PyType_FromSpecWithBases`).
//!
//! Runs once per class, so it favours clarity over speed; the strings and tables it hands
//! to CPython are leaked on purpose, since the type lives for the rest of the process.
//! Only [`ClassSpec::of`] is generic: the builder itself is compiled once in this crate
//! instead of once per class in every user crate (most of a binding crate's build time
//! otherwise).

use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::os::raw::{c_int, c_uint, c_void};

use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::impl_::pyclass::{
    no_constructor_defined, tp_clear_dict, tp_dealloc, tp_traverse_dict, PyClassBaseType,
    PyClassImpl, PyClassItems, PyMethodDefType,
};
use crate::impl_::pymethods::PyConstructorDef;
use crate::instance::Py;
use crate::pycell::PyCell;
use crate::python::Python;
use crate::type_object::PyTypeInfo;
use crate::types::{PyDict, PyType};

/// A getset entry being assembled from a class's getters and setters.
#[derive(Default)]
struct GetSet {
    doc: Option<&'static CStr>,
    get: Option<ffi::getter>,
    set: Option<ffi::setter>,
}

/// What building a class's type object needs to know about the class, read from its
/// `PyClassImpl` in one small generic function.
pub(crate) struct ClassSpec {
    name: &'static str,
    module: Option<&'static str>,
    qualname: Option<&'static str>,
    doc: &'static CStr,
    /// The class's own items, then those of its `#[pymethods]` blocks.
    blocks: Vec<&'static PyClassItems>,
    is_basetype: bool,
    is_mapping: bool,
    is_sequence: bool,
    has_gc: bool,
    immutable_type: bool,
    basicsize: usize,
    dict_offset: Option<ffi::Py_ssize_t>,
    weaklist_offset: Option<ffi::Py_ssize_t>,
    base: *mut ffi::PyTypeObject,
    tp_dealloc: *mut c_void,
    tp_traverse_dict: *mut c_void,
    tp_clear_dict: *mut c_void,
}

impl ClassSpec {
    /// The description of class `T`.
    pub(crate) fn of<T: PyClassImpl + PyTypeInfo>(py: Python<'_>) -> ClassSpec {
        ClassSpec {
            name: T::NAME,
            module: T::MODULE,
            qualname: T::QUALNAME,
            doc: T::DOC,
            blocks: T::items_iter().collect(),
            is_basetype: T::IS_BASETYPE,
            is_mapping: T::IS_MAPPING,
            is_sequence: T::IS_SEQUENCE,
            has_gc: T::HAS_GC,
            immutable_type: T::IMMUTABLE_TYPE,
            basicsize: std::mem::size_of::<PyCell<T>>(),
            dict_offset: PyCell::<T>::dict_offset(),
            weaklist_offset: PyCell::<T>::weaklist_offset(),
            base: <T::BaseType as PyClassBaseType>::base_type_object(py),
            tp_dealloc: tp_dealloc::<T> as *mut c_void,
            tp_traverse_dict: tp_traverse_dict::<T> as *mut c_void,
            tp_clear_dict: tp_clear_dict::<T> as *mut c_void,
        }
    }
}

/// Creates the type object of a class (its class attributes are added afterwards by
/// [`finish_type_object`], once the type exists, so they may be instances of the class).
pub(crate) fn create_type_object(py: Python<'_>, class: &ClassSpec) -> PyResult<Py<PyType>> {
    let mut slots: Vec<ffi::PyType_Slot> = Vec::new();
    let mut push = |slot: c_int, pfunc: *mut c_void| slots.push(ffi::PyType_Slot { slot, pfunc });

    let mut methods: Vec<ffi::PyMethodDef> = Vec::new();
    let mut getsets: HashMap<&'static CStr, GetSet> = HashMap::new();
    let mut getset_order: Vec<&'static CStr> = Vec::new();
    let mut has_new = false;
    let mut has_traverse = false;

    let mut constructor: Option<&'static PyConstructorDef> = None;
    // Slot id -> (function, whether it came from the class's own defaults).
    let mut type_slots: Vec<(c_int, *mut c_void, bool)> = Vec::new();

    for (block, items) in class.blocks.iter().enumerate() {
        let is_default = block == 0;
        for def in items.methods {
            match def {
                PyMethodDefType::Method(m) => methods.push(m.as_ffi()),
                PyMethodDefType::ClassMethod(m) => {
                    let mut m = m.as_ffi();
                    m.ml_flags |= ffi::METH_CLASS;
                    methods.push(m);
                }
                PyMethodDefType::StaticMethod(m) => {
                    let mut m = m.as_ffi();
                    m.ml_flags |= ffi::METH_STATIC;
                    methods.push(m);
                }
                PyMethodDefType::ClassAttribute(_) => {}
                PyMethodDefType::Getter(g) => {
                    let entry = getsets.entry(g.name).or_insert_with(|| {
                        getset_order.push(g.name);
                        GetSet::default()
                    });
                    entry.get = Some(g.meth);
                    entry.doc = entry.doc.or(Some(g.doc));
                }
                PyMethodDefType::Setter(s) => {
                    let entry = getsets.entry(s.name).or_insert_with(|| {
                        getset_order.push(s.name);
                        GetSet::default()
                    });
                    entry.set = Some(s.meth);
                    entry.doc = entry.doc.or(Some(s.doc));
                }
            }
        }
        for slot in items.slots {
            match type_slots.iter_mut().find(|(id, _, _)| *id == slot.slot) {
                Some(existing) if existing.2 => *existing = (slot.slot, slot.pfunc, is_default),
                // `__add__` and `__radd__` in two blocks fill `nb_add` with one function.
                Some(existing) if existing.1 == slot.pfunc => {}
                Some(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "class {} fills type slot {} twice (a magic method defined in two \
                         #[pymethods] blocks)",
                        class.name, slot.slot
                    )))
                }
                None => type_slots.push((slot.slot, slot.pfunc, is_default)),
            }
        }
        if let Some(def) = items.constructor {
            if constructor.is_some() {
                return Err(PyTypeError::new_err(format!(
                    "class {} has more than one #[new] constructor",
                    class.name
                )));
            }
            constructor = Some(def);
        }
    }
    if let Some(def) = constructor {
        type_slots.retain(|(id, _, _)| *id != ffi::Py_tp_new);
        type_slots.push((ffi::Py_tp_new, def.tp_new as *mut c_void, false));
    }
    // A mapping, like `dict`, is not a sequence: `__len__` and `__getitem__` fill only
    // the mapping slots (no old-style iteration by index, no `reversed()`).
    if class.is_mapping {
        type_slots.retain(|(id, _, _)| *id != ffi::Py_sq_length && *id != ffi::Py_sq_item);
    }
    for &(slot, pfunc, _) in &type_slots {
        has_new |= slot == ffi::Py_tp_new;
        has_traverse |= slot == ffi::Py_tp_traverse;
        push(slot, pfunc);
    }

    // An instance dict can close a reference cycle: such classes join the collector.
    let dict_gc = !has_traverse && class.dict_offset.is_some();
    if dict_gc {
        push(ffi::Py_tp_traverse, class.tp_traverse_dict);
        push(ffi::Py_tp_clear, class.tp_clear_dict);
    }
    if !has_new {
        push(ffi::Py_tp_new, no_constructor_defined as *mut c_void);
    }
    push(ffi::Py_tp_dealloc, class.tp_dealloc);

    let doc = class_doc(class, constructor)?;
    if !doc.to_bytes().is_empty() {
        push(ffi::Py_tp_doc, doc.as_ptr() as *mut c_void);
    }

    if !methods.is_empty() {
        methods.push(ffi::PyMethodDef::zeroed());
        push(
            ffi::Py_tp_methods,
            Box::leak(methods.into_boxed_slice()).as_mut_ptr().cast(),
        );
    }

    // Types built from a spec get no `__dict__` descriptor from CPython: add the generic one.
    if class.dict_offset.is_some() && !getsets.contains_key(c"__dict__") {
        getset_order.push(c"__dict__");
        getsets.insert(
            c"__dict__",
            GetSet {
                doc: None,
                get: Some(ffi::PyObject_GenericGetDict),
                set: Some(ffi::PyObject_GenericSetDict),
            },
        );
    }

    let mut getset_defs: Vec<ffi::PyGetSetDef> = getset_order
        .iter()
        .map(|name| {
            let entry = &getsets[name];
            ffi::PyGetSetDef {
                name: name.as_ptr(),
                get: entry.get,
                set: entry.set,
                doc: entry.doc.map_or(std::ptr::null(), |d| {
                    if d.is_empty() {
                        std::ptr::null()
                    } else {
                        d.as_ptr()
                    }
                }),
                // The setter's message for `del obj.name` needs the name.
                closure: name.as_ptr() as *mut c_void,
            }
        })
        .collect();
    if !getset_defs.is_empty() {
        getset_defs.push(ffi::PyGetSetDef::default());
        push(
            ffi::Py_tp_getset,
            Box::leak(getset_defs.into_boxed_slice())
                .as_mut_ptr()
                .cast(),
        );
    }

    // __dict__ and __weakref__ offsets are declared as special members.
    let mut members: Vec<ffi::PyMemberDef> = Vec::new();
    if let Some(offset) = class.dict_offset {
        members.push(offset_member(c"__dictoffset__", offset));
    }
    if let Some(offset) = class.weaklist_offset {
        members.push(offset_member(c"__weaklistoffset__", offset));
    }
    if !members.is_empty() {
        members.push(ffi::PyMemberDef::default());
        push(
            ffi::Py_tp_members,
            Box::leak(members.into_boxed_slice()).as_mut_ptr().cast(),
        );
    }
    slots.push(ffi::PyType_Slot {
        slot: 0,
        pfunc: std::ptr::null_mut(),
    });

    let mut flags = ffi::Py_TPFLAGS_DEFAULT as c_uint;
    if class.is_basetype {
        flags |= ffi::Py_TPFLAGS_BASETYPE as c_uint;
    }
    if has_traverse || class.has_gc || dict_gc {
        flags |= ffi::Py_TPFLAGS_HAVE_GC as c_uint;
    }
    #[cfg(all(Py_3_10, not(Py_LIMITED_API)))]
    {
        if class.is_mapping {
            flags |= ffi::Py_TPFLAGS_MAPPING as c_uint;
        }
        if class.is_sequence {
            flags |= ffi::Py_TPFLAGS_SEQUENCE as c_uint;
        }
    }

    let qualified = match class.module {
        Some(module) => format!("{module}.{}", class.name),
        None => format!("builtins.{}", class.name),
    };
    let name: &'static CStr = Box::leak(CString::new(qualified)?.into_boxed_c_str());
    let basicsize = class.basicsize;
    let mut spec = ffi::PyType_Spec {
        name: name.as_ptr(),
        basicsize: c_int::try_from(basicsize).expect("class layout too large"),
        itemsize: 0,
        flags,
        slots: Box::leak(slots.into_boxed_slice()).as_mut_ptr(),
    };

    let base = class.base;
    // A layout smaller than the base's would let the class's fields overlap the base's.
    #[cfg(not(Py_LIMITED_API))]
    {
        // SAFETY: `base` is a valid type object.
        let base_size = unsafe { (*base).tp_basicsize } as usize;
        assert!(
            basicsize >= base_size,
            "layout of {} ({basicsize} bytes) is smaller than its base's ({base_size} bytes)",
            class.name
        );
    }
    // SAFETY: the spec and everything it points to are leaked (live forever); `base` is a
    // valid type object. The result is a new reference or null with an error set.
    let ty: Py<PyType> = unsafe {
        let bases = ffi::PyTuple_Pack(1, base as *mut ffi::PyObject);
        if bases.is_null() {
            return Err(PyErr::fetch(py));
        }
        let ty = ffi::PyType_FromSpecWithBases(&mut spec, bases);
        ffi::Py_DecRef(bases);
        Py::from_owned_ptr_or_err(py, ty)?
    };

    restore_text_signature(&ty, doc);

    if let Some(qualname) = class.qualname {
        ty.as_ref(py)
            .setattr(crate::intern!(py, "__qualname__"), qualname)?;
    }
    #[cfg(not(Py_LIMITED_API))]
    if let Some(def) = constructor {
        // SAFETY: `ty` is the type object just created and not yet shared with Python
        // code. Construction of exactly this class skips `tp_new`'s tuple and dict when
        // `__init__` is `object.__init__` (the entry checks again on every call).
        unsafe {
            let raw = ty.as_ptr().cast::<ffi::PyTypeObject>();
            let plain_init = (*raw).tp_init.map(|f| f as usize)
                == ffi::PyBaseObject_Type.tp_init.map(|f| f as usize);
            if plain_init {
                (*raw).tp_vectorcall = Some(def.vectorcall);
            }
        }
    }

    // Before 3.10 (and under the limited API) the flags above are not available: register
    // with the ABCs instead, which is what `isinstance(obj, Mapping)` consults anyway.
    if class.is_mapping || class.is_sequence {
        let abc = py.import("collections.abc")?;
        let which = if class.is_mapping {
            "Mapping"
        } else {
            "Sequence"
        };
        abc.getattr(which)?
            .call_method1("register", (ty.as_ref(py),))?;
    }
    Ok(ty)
}

/// Adds the class attributes (`#[classattr]`), which may be instances of the class itself
/// and so can only be computed once the type exists.
pub(crate) fn finish_type_object(py: Python<'_>, class: &ClassSpec, ty: &PyType) -> PyResult<()> {
    let dict = PyDict::new(py);
    for items in &class.blocks {
        for def in items.methods {
            if let PyMethodDefType::ClassAttribute(attr) = def {
                dict.set_item(attr.name, (attr.meth)(py)?)?;
            }
        }
    }
    for (name, value) in dict.iter() {
        ty.setattr(name.extract::<&str>()?, value)?;
    }
    Ok(())
}

/// The class docstring: `Name(signature)\n--\n\n` (from the constructor) then `///` docs.
fn class_doc(class: &ClassSpec, constructor: Option<&PyConstructorDef>) -> PyResult<&'static CStr> {
    match constructor {
        Some(def) if !def.text_signature.is_empty() => {
            let doc = class.doc.to_str().unwrap_or("");
            let text = format!("{}{}\n--\n\n{doc}", class.name, def.text_signature);
            Ok(Box::leak(CString::new(text)?.into_boxed_c_str()))
        }
        _ => Ok(class.doc),
    }
}

/// Sets `Py_TPFLAGS_IMMUTABLETYPE` on an `immutable_type` class, once its class attributes
/// are in place.
pub(crate) fn freeze_type_object(class: &ClassSpec, ty: &PyType) {
    if !class.immutable_type {
        return;
    }
    #[cfg(all(Py_3_10, not(Py_LIMITED_API), not(Py_GIL_DISABLED)))]
    // SAFETY: the type was just built by us; setting a flag and invalidating the type's
    // caches is what CPython does for its own immutable heap types.
    unsafe {
        let raw = ty.as_type_ptr();
        (*raw).tp_flags |= ffi::Py_TPFLAGS_IMMUTABLETYPE;
        ffi::PyType_Modified(raw);
    }
    let _ = ty;
}

/// A special member declaring a slot offset (`__dictoffset__`, `__weaklistoffset__`).
fn offset_member(name: &'static CStr, offset: ffi::Py_ssize_t) -> ffi::PyMemberDef {
    ffi::PyMemberDef {
        name: name.as_ptr(),
        type_code: ffi::Py_T_PYSSIZET,
        offset,
        flags: ffi::Py_READONLY,
        doc: std::ptr::null(),
    }
}

/// Before 3.11, `PyType_FromSpec` drops the `Name(sig)\n--\n\n` line from the doc it
/// copies, and with it `__text_signature__`. Put the full doc back (in memory CPython owns
/// and frees with the type), as the type's `__doc__` getter strips that line itself.
fn restore_text_signature(ty: &Py<PyType>, doc: &CStr) {
    #[cfg(all(not(Py_LIMITED_API), not(Py_3_11)))]
    {
        let doc = doc.to_bytes_with_nul();
        if doc.len() > 1 {
            // SAFETY: a heap type owns `tp_doc`, allocated with PyObject_Malloc and freed
            // with PyObject_Free when the type dies; we swap in a copy allocated the same
            // way. The GIL is held (we were handed a `Py` under a token).
            unsafe {
                let raw = ty.as_ptr() as *mut ffi::PyTypeObject;
                let copy = ffi::PyObject_Malloc(doc.len()) as *mut u8;
                if !copy.is_null() {
                    std::ptr::copy_nonoverlapping(doc.as_ptr(), copy, doc.len());
                    let old = (*raw).tp_doc;
                    (*raw).tp_doc = copy as *const std::os::raw::c_char;
                    ffi::PyObject_Free(old as *mut std::os::raw::c_void);
                }
            }
        }
    }
    #[cfg(any(Py_LIMITED_API, Py_3_11))]
    let _ = (ty, doc);
}
