//! `#[pyclass]` enums: field-less ones (class attributes, `repr`, `int`, equality,
//! hashing) and enums with data (one subclass per variant).

use pyo3::prelude::*;

/// A colour.
#[pyclass(module = "pyclasses.enums")]
#[derive(Clone, Copy, Debug, PartialEq)]
enum Color {
    Red,
    Green = 10,
    Blue,
}

#[pymethods]
impl Color {
    fn is_warm(&self) -> bool {
        matches!(self, Color::Red)
    }

    #[staticmethod]
    fn all() -> Vec<Color> {
        vec![Color::Red, Color::Green, Color::Blue]
    }
}

/// Compares equal to integers too.
#[pyclass(
    module = "pyclasses.enums",
    eq_int,
    rename_all = "SCREAMING_SNAKE_CASE"
)]
#[derive(Clone, Copy)]
enum Level {
    Low = 1,
    VeryHigh = 3,
}

/// A shape, with data.
#[pyclass(module = "pyclasses.enums", eq)]
#[derive(Clone, Debug, PartialEq)]
enum Shape {
    /// A circle.
    Circle {
        radius: f64,
    },
    Rect {
        width: f64,
        height: f64,
    },
    Point(i64, i64),
    Nothing(),
}

#[pymethods]
impl Shape {
    fn area(&self) -> f64 {
        match self {
            Shape::Circle { radius } => 3.0 * radius * radius,
            Shape::Rect { width, height } => width * height,
            Shape::Point(..) | Shape::Nothing() => 0.0,
        }
    }
}

#[pyfunction]
fn largest(shapes: Vec<Shape>) -> Option<Shape> {
    shapes
        .into_iter()
        .max_by(|a, b| a.area().total_cmp(&b.area()))
}

#[pyfunction]
fn color_name(color: Color) -> String {
    format!("{color:?}")
}

#[pymodule]
pub fn enums(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Color>()?;
    m.add_class::<Level>()?;
    m.add_class::<Shape>()?;
    m.add_function(wrap_pyfunction!(largest, m)?)?;
    m.add_function(wrap_pyfunction!(color_name, m)?)?;
    Ok(())
}
