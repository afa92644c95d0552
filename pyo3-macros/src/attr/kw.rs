//! The typed keywords of the `#[pyo3(...)]` grammar.

syn::custom_keyword!(name);
syn::custom_keyword!(signature);
syn::custom_keyword!(text_signature);
syn::custom_keyword!(pass_module);
syn::custom_keyword!(from_py_with);
