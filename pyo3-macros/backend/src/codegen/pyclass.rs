//! The expansion of `#[pyclass]` on a struct, and the trait implementations every class
//! (struct, enum, enum variant) shares: `PyTypeInfo`, `PyClassImpl`, `PyClass`, the base
//! type impl of subclassable classes, and the inventory that `#[pymethods]` blocks fill.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::args::respan;
use super::doc_string;
use crate::model::class::{ClassKind, ClassSpec, FieldSpec};
use crate::model::slots;

/// Everything `#[pyclass]` adds next to the user's type.
pub fn expand(spec: &ClassSpec<'_>) -> TokenStream {
    match &spec.kind {
        ClassKind::Struct { fields, .. } => expand_struct(spec, fields),
        ClassKind::SimpleEnum(variants) => super::enums::expand_simple(spec, variants),
        ClassKind::ComplexEnum(variants) => super::enums::expand_complex(spec, variants),
    }
}

fn expand_struct(spec: &ClassSpec<'_>, fields: &[FieldSpec<'_>]) -> TokenStream {
    let krate = &spec.krate;
    let ty = spec.ident;
    let mut markers = Vec::new();
    let mut defs = Vec::new();
    for field in fields.iter().filter(|f| f.get.is_some() || f.set.is_some()) {
        let (marker, field_defs) = field_property(spec, field);
        markers.push(marker);
        defs.extend(field_defs);
    }
    let mut slots = option_slots(spec);
    let freelist = freelist(spec, &mut slots);
    let impls = class_impls(&ClassImpls::of(spec, true));
    let into_py = spec
        .options
        .extends
        .is_none()
        .then(|| into_py(krate, &quote!(#ty)));
    quote! {
        const _: () = {
            #impls
            #into_py
            #(#markers)*
            #freelist
            static __PYO3_INTRINSIC: #krate::impl_::pyclass::PyClassItems =
                #krate::impl_::pyclass::PyClassItems {
                    methods: &[#(#defs),*],
                    slots: &[#(#slots),*],
                    constructor: #krate::impl_::core::option::Option::None,
                };
        };
    }
}

/// What [`class_impls`] needs to know about a class.
pub struct ClassImpls<'a> {
    /// The path to the runtime.
    pub krate: &'a syn::Path,
    /// The Rust type.
    pub ty: TokenStream,
    /// The Python name (`__name__`).
    pub name: String,
    /// The `__qualname__`, when it is not the name.
    pub qualname: Option<String>,
    /// `module = "..."`.
    pub module: Option<String>,
    /// The docstring (a `&'static str` expression ending in NUL).
    pub doc: TokenStream,
    /// The base type.
    pub base: TokenStream,
    /// The options that shape the trait impls.
    pub frozen: bool,
    /// `subclass`: Python and Rust classes may extend it.
    pub subclass: bool,
    /// `dict`.
    pub dict: bool,
    /// `weakref`.
    pub weakref: bool,
    /// `unsendable`.
    pub unsendable: bool,
    /// `mapping`.
    pub mapping: bool,
    /// `immutable_type`.
    pub immutable_type: bool,
    /// `sequence`.
    pub sequence: bool,
    /// Whether `#[pymethods]` blocks may add items (an inventory is generated).
    pub inventory: bool,
}

impl<'a> ClassImpls<'a> {
    /// The description of a user's class.
    pub fn of(spec: &'a ClassSpec<'_>, inventory: bool) -> ClassImpls<'a> {
        let options = &spec.options;
        let ty = spec.ident;
        ClassImpls {
            krate: &spec.krate,
            ty: quote!(#ty),
            name: spec.python_name.clone(),
            qualname: None,
            module: options.module.as_ref().map(|m| m.value.value()),
            doc: doc_string(&spec.krate, String::new(), &spec.docs),
            base: match &options.extends {
                Some(extends) => {
                    let path = &extends.value;
                    quote!(#path)
                }
                None => {
                    let krate = &spec.krate;
                    quote!(#krate::impl_::PyAny)
                }
            },
            frozen: spec.frozen(),
            subclass: options.has("subclass"),
            dict: options.has("dict"),
            weakref: options.has("weakref"),
            unsendable: options.has("unsendable"),
            mapping: options.has("mapping"),
            sequence: options.has("sequence"),
            immutable_type: options.has("immutable_type"),
            inventory,
        }
    }
}

/// `PyTypeInfo`, `PyClassImpl`, `PyClass` (and `MutablePyClass`), `PyClassBaseType` for
/// subclassable classes, the `Send` check, and the inventory of `#[pymethods]` blocks.
pub fn class_impls(c: &ClassImpls<'_>) -> TokenStream {
    let krate = c.krate;
    let ty = &c.ty;
    let name = &c.name;
    let module = match &c.module {
        Some(m) => quote!(#krate::impl_::core::option::Option::Some(#m)),
        None => quote!(#krate::impl_::core::option::Option::None),
    };
    let qualname = match &c.qualname {
        Some(q) => quote!(const QUALNAME: #krate::impl_::core::option::Option<&'static str> =
            #krate::impl_::core::option::Option::Some(#q);),
        None => quote!(),
    };
    let doc = &c.doc;
    let base = &c.base;
    let (frozen, subclass, mapping, sequence) = (c.frozen, c.subclass, c.mapping, c.sequence);
    let immutable_type = c.immutable_type;
    let pyclass = quote!(#krate::impl_::pyclass);
    let dict = if c.dict {
        quote!(#pyclass::PyClassDictSlot)
    } else {
        quote!(#pyclass::PyClassDummySlot)
    };
    let weakref = if c.weakref {
        quote!(#pyclass::PyClassWeakRefSlot)
    } else {
        quote!(#pyclass::PyClassDummySlot)
    };
    let checker = if c.unsendable {
        quote!(#pyclass::ThreadCheckerUnsendable)
    } else {
        quote!(#pyclass::ThreadCheckerNone)
    };
    let frozen_ty = if frozen {
        quote!(#pyclass::True)
    } else {
        quote!(#pyclass::False)
    };
    let mutable =
        (!frozen).then(|| quote!(impl #krate::impl_::pymethods::MutablePyClass for #ty {}));
    let send_check =
        (!c.unsendable).then(|| quote!(const _: () = #pyclass::assert_pyclass_send::<#ty>();));
    let base_impl = subclass.then(|| {
        quote! {
            // SAFETY: instances of the class are laid out as `PyCell<Self>`.
            unsafe impl #pyclass::PyClassBaseType for #ty {
                const CHAIN_FROZEN: bool = #pyclass::chain_frozen::<Self>();
                type LayoutAsBase = #krate::impl_::PyCell<Self>;
                type Initializer = #krate::impl_::PyClassInitializer<Self>;
                #[inline]
                fn base_type_object(py: #krate::impl_::Python<'_>) -> *mut #krate::impl_::ffi::PyTypeObject {
                    <Self as #krate::impl_::PyTypeInfo>::type_object_raw(py)
                }
            }
        }
    });
    let (items, inventory) = if c.inventory {
        (
            quote!(#pyclass::items_with_inventory::<Self>(&__PYO3_INTRINSIC)),
            quote! {
                #[doc(hidden)]
                pub struct __Pyo3MethodsInventory(&'static #pyclass::PyClassItems);
                impl __Pyo3MethodsInventory {
                    /// The items of one `#[pymethods]` block.
                    pub const fn new(items: &'static #pyclass::PyClassItems) -> Self {
                        __Pyo3MethodsInventory(items)
                    }
                }
                impl #pyclass::PyClassInventory for __Pyo3MethodsInventory {
                    fn items(&'static self) -> &'static #pyclass::PyClassItems {
                        self.0
                    }
                }
                #krate::impl_::inventory::collect!(__Pyo3MethodsInventory);
                impl #pyclass::PyMethodsInventory for #ty {
                    type Inventory = __Pyo3MethodsInventory;
                }
            },
        )
    } else {
        (
            quote!(#pyclass::PyClassItemsIter::new(
                &__PYO3_INTRINSIC,
                #krate::impl_::std::boxed::Box::new(#krate::impl_::core::iter::empty()),
            )),
            quote!(),
        )
    };
    quote! {
        // SAFETY: the type object is the one `LazyTypeObject` builds for this class, whose
        // instances are `PyCell<Self>`.
        unsafe impl #krate::impl_::PyTypeInfo for #ty {
            const NAME: &'static str = #name;
            const MODULE: #krate::impl_::core::option::Option<&'static str> = #module;
            type AsRefTarget = #krate::impl_::PyCell<Self>;
            #[inline]
            fn type_object_raw(py: #krate::impl_::Python<'_>) -> *mut #krate::impl_::ffi::PyTypeObject {
                <Self as #pyclass::PyClassImpl>::lazy_type_object()
                    .get_or_init(py)
                    .as_type_ptr()
            }
        }

        // SAFETY: the associated types are the layout the options ask for, and the lazy
        // type object is a static of this impl.
        unsafe impl #pyclass::PyClassImpl for #ty {
            const DOC: &'static #krate::impl_::core::ffi::CStr =
                #krate::impl_::pyfunction::const_cstr(#doc);
            const IS_BASETYPE: bool = #subclass;
            const IS_MAPPING: bool = #mapping;
            const IS_SEQUENCE: bool = #sequence;
            const FROZEN: bool = #frozen;
            const IMMUTABLE_TYPE: bool = #immutable_type;
            #qualname
            type BaseType = #base;
            type Dict = #dict;
            type WeakRef = #weakref;
            type ThreadChecker = #checker;
            fn items_iter() -> #pyclass::PyClassItemsIter {
                #items
            }
            fn lazy_type_object() -> &'static #pyclass::LazyTypeObject<Self> {
                static TYPE_OBJECT: #pyclass::LazyTypeObject<#ty> = #pyclass::LazyTypeObject::new();
                &TYPE_OBJECT
            }
        }

        impl #krate::impl_::PyClass for #ty {
            type Frozen = #frozen_ty;
        }
        #mutable
        #base_impl
        #send_check
        #inventory
    }
}

/// `IntoPy<PyObject>`: a new instance holding the value.
pub fn into_py(krate: &syn::Path, ty: &TokenStream) -> TokenStream {
    quote! {
        impl #krate::impl_::IntoPy<#krate::impl_::PyObject> for #ty {
            #[inline]
            fn into_py(self, py: #krate::impl_::Python<'_>) -> #krate::impl_::PyObject {
                #krate::impl_::pyclass::into_instance(py, self)
            }
            const GIL_INDEPENDENT: bool = true;
        }
    }
}

/// The marker type and getset entries of a `#[pyo3(get, set)]` field.
fn field_property(spec: &ClassSpec<'_>, field: &FieldSpec<'_>) -> (TokenStream, Vec<TokenStream>) {
    let krate = &spec.krate;
    let ty = spec.ident;
    let field_ty = field.ty;
    let member = &field.member;
    let marker = match member {
        syn::Member::Named(ident) => format_ident!("__pyo3_field_{}", ident),
        syn::Member::Unnamed(index) => format_ident!("__pyo3_field_{}", index.index),
    };
    let name = format!("{}\0", field.python_name.as_deref().unwrap_or("?"));
    let doc = doc_string(krate, String::new(), &field.docs);
    let pyclass = quote!(#krate::impl_::pyclass);
    let span = field_ty.span();
    let mut defs = Vec::new();
    if field.get.is_some() {
        let path = respan(quote!(#pyclass::PyGetterDef::field), span);
        defs.push(quote_spanned! {span=>
            #pyclass::PyMethodDefType::Getter(#path::<#marker>(#name, #doc))
        });
    }
    if field.set.is_some() {
        let path = respan(quote!(#pyclass::PySetterDef::field), span);
        defs.push(quote_spanned! {span=>
            #pyclass::PyMethodDefType::Setter(#path::<#marker>(#name, #doc))
        });
    }
    let marker_def = quote! {
        #[allow(non_camel_case_types)]
        struct #marker;
        impl #krate::impl_::pymethods::FieldAccess for #marker {
            type Class = #ty;
            type Field = #field_ty;
            #[inline]
            fn field(value: &#ty) -> &#field_ty {
                &value.#member
            }
            #[inline]
            fn field_mut(value: &mut #ty) -> &mut #field_ty {
                &mut value.#member
            }
        }
    };
    (marker_def, defs)
}

/// The slots of the `eq`, `ord`, `hash` and `str` options, through the dunder table.
pub fn option_slots(spec: &ClassSpec<'_>) -> Vec<TokenStream> {
    let krate = &spec.krate;
    let ty = spec.ident;
    let options = &spec.options;
    let mut out = Vec::new();
    if options.has("eq") {
        let function = if options.has("ord") {
            quote!(ord_richcmp)
        } else {
            quote!(eq_richcmp)
        };
        out.push(slot(
            krate,
            "__richcmp__",
            quote!(#krate::impl_::slots::#function::<#ty>()),
        ));
    }
    if options.has("hash") {
        out.push(slot(
            krate,
            "__hash__",
            quote!(#krate::impl_::slots::hash_from_rust::<#ty>()),
        ));
    }
    if options.has("str") {
        out.push(slot(
            krate,
            "__str__",
            quote!(#krate::impl_::slots::str_from_display::<#ty>()),
        ));
    }
    out
}

/// A `TypeSlot` for the magic method `dunder` (a row of the table) with `pfunc`.
pub fn slot(krate: &syn::Path, dunder: &str, pfunc: TokenStream) -> TokenStream {
    let id = format_ident!("{}", slots::row(dunder).slot);
    quote! {
        #krate::impl_::pyclass::TypeSlot {
            slot: #krate::impl_::ffi::#id,
            pfunc: #pfunc,
        }
    }
}

/// The free list of `freelist = N`: its static and the allocation slots.
pub fn freelist(spec: &ClassSpec<'_>, slots: &mut Vec<TokenStream>) -> Option<TokenStream> {
    let krate = &spec.krate;
    let ty = spec.ident;
    let capacity = &spec.options.freelist.as_ref()?.value;
    let freelist = quote!(#krate::impl_::freelist);
    for (id, function) in [
        ("Py_tp_alloc", "freelist_alloc"),
        ("Py_tp_free", "freelist_free"),
    ] {
        let id = format_ident!("{}", id);
        let function = format_ident!("{}", function);
        slots.push(quote! {
            #krate::impl_::pyclass::TypeSlot {
                slot: #krate::impl_::ffi::#id,
                pfunc: #freelist::#function::<#ty>(),
            }
        });
    }
    Some(quote! {
        impl #freelist::PyClassWithFreeList for #ty {
            fn free_list() -> &'static #freelist::FreeList {
                static FREE_LIST: #freelist::FreeList = #freelist::FreeList::new(#capacity);
                &FREE_LIST
            }
        }
    })
}
