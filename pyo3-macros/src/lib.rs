//! Proc-macros of pyo3-core. Each entry point parses, validates and expands; the work lives
//! in the modules below.
