//! Conversions of classes (`T: Clone`, `PyRef`, `&PyCell`, `Py<T>`, returning `T`) and
//! `#[derive(FromPyObject)]`.

use pyo3::prelude::*;

#[pyclass(module = "pyclasses.conversions")]
#[derive(Clone)]
struct Item {
    #[pyo3(get, set)]
    count: i64,
}

#[pymethods]
impl Item {
    #[new]
    fn new(count: i64) -> Self {
        Item { count }
    }
}

/// Clones the value out of the object.
#[pyfunction]
fn count_clone(item: Item) -> i64 {
    item.count
}

#[pyfunction]
fn count_ref(item: PyRef<'_, Item>) -> i64 {
    item.count
}

#[pyfunction]
fn bump_mut(mut item: PyRefMut<'_, Item>) {
    item.count += 1;
}

#[pyfunction]
fn same_object(item: &PyCell<Item>) -> &PyCell<Item> {
    item
}

#[pyfunction]
fn keep(item: Py<Item>) -> Py<Item> {
    item
}

#[pyfunction]
fn total(items: Vec<Item>) -> i64 {
    items.iter().map(|i| i.count).sum()
}

#[pyfunction]
fn make(count: i64) -> Item {
    Item { count }
}

#[derive(FromPyObject)]
struct Config {
    name: String,
    #[pyo3(attribute("verbosity"))]
    level: u8,
}

#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Settings {
    host: String,
    port: u16,
    #[pyo3(item("use-tls"))]
    tls: bool,
}

#[derive(FromPyObject)]
struct Size(u32, u32);

#[derive(FromPyObject)]
enum Id {
    Number(u64),
    #[pyo3(annotation = "str")]
    Name(String),
    Pair(u32, u32),
    Object {
        #[pyo3(attribute("id"))]
        inner: u64,
    },
}

fn len_of(obj: &PyAny) -> PyResult<usize> {
    obj.len()
}

#[derive(FromPyObject)]
struct Lengths {
    #[pyo3(item, from_py_with = "len_of")]
    a: usize,
}

#[pyfunction]
fn config(c: Config) -> (String, u8) {
    (c.name, c.level)
}

#[pyfunction]
fn settings(s: Settings) -> (String, u16, bool) {
    (s.host, s.port, s.tls)
}

#[pyfunction]
fn size(s: Size) -> u32 {
    s.0 * s.1
}

#[pyfunction]
fn id(i: Id) -> String {
    match i {
        Id::Number(n) => format!("number {n}"),
        Id::Name(s) => format!("name {s}"),
        Id::Pair(a, b) => format!("pair {a} {b}"),
        Id::Object { inner } => format!("object {inner}"),
    }
}

#[pyfunction]
fn lengths(l: Lengths) -> usize {
    l.a
}

#[pymodule]
pub fn conversions(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Item>()?;
    for f in [
        wrap_pyfunction!(count_clone, m)?,
        wrap_pyfunction!(count_ref, m)?,
        wrap_pyfunction!(bump_mut, m)?,
        wrap_pyfunction!(same_object, m)?,
        wrap_pyfunction!(keep, m)?,
        wrap_pyfunction!(total, m)?,
        wrap_pyfunction!(make, m)?,
        wrap_pyfunction!(config, m)?,
        wrap_pyfunction!(settings, m)?,
        wrap_pyfunction!(size, m)?,
        wrap_pyfunction!(id, m)?,
        wrap_pyfunction!(lengths, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
