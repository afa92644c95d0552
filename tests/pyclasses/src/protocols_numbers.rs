//! Protocols, group 4: numbers (binary operators with reflected and in-place forms,
//! `__pow__` with an optional modulo, unary operators, conversions).

use pyo3::exceptions::PyZeroDivisionError;
use pyo3::prelude::*;

/// An integer wrapper; operands may be `Num` or `int`.
#[pyclass(module = "pyclasses.protocols_numbers")]
#[derive(Clone)]
struct Num {
    #[pyo3(get)]
    v: i64,
}

/// What a `Num` operates with.
#[derive(FromPyObject)]
enum Operand {
    Num(Num),
    Int(i64),
}

impl Operand {
    fn v(&self) -> i64 {
        match self {
            Operand::Num(n) => n.v,
            Operand::Int(i) => *i,
        }
    }
}

/// Python's floor division and modulo (the remainder takes the divisor's sign).
fn divmod(a: i64, b: i64) -> PyResult<(i64, i64)> {
    if b == 0 {
        return Err(PyZeroDivisionError::new_err(
            "integer division or modulo by zero",
        ));
    }
    let (q, r) = (a.div_euclid(b), a.rem_euclid(b));
    Ok(if r != 0 && b < 0 {
        (q + 1, r + b)
    } else {
        (q, r)
    })
}

fn num(v: i64) -> Num {
    Num { v }
}

#[pymethods]
impl Num {
    #[new]
    fn new(v: i64) -> Self {
        num(v)
    }

    fn __repr__(&self) -> String {
        format!("Num({})", self.v)
    }

    fn __add__(&self, other: Operand) -> Num {
        num(self.v + other.v())
    }

    fn __radd__(&self, other: Operand) -> Num {
        num(other.v() + self.v)
    }

    fn __iadd__(&mut self, other: Operand) {
        self.v += other.v() * 10;
    }

    fn __sub__(&self, other: Operand) -> Num {
        num(self.v - other.v())
    }

    fn __rsub__(&self, other: Operand) -> Num {
        num(other.v() - self.v)
    }

    fn __mul__(&self, other: i64) -> Num {
        num(self.v * other)
    }

    fn __matmul__(&self, other: Operand) -> i64 {
        self.v * other.v() + 1
    }

    fn __truediv__(&self, other: Operand) -> PyResult<f64> {
        if other.v() == 0 {
            return Err(PyZeroDivisionError::new_err("division by zero"));
        }
        Ok(self.v as f64 / other.v() as f64)
    }

    fn __floordiv__(&self, other: Operand) -> PyResult<i64> {
        Ok(divmod(self.v, other.v())?.0)
    }

    fn __mod__(&self, py: Python<'_>, other: Operand) -> PyResult<i64> {
        if other.v() == 0 {
            // CPython's own wording for `int % 0`, which changed in 3.11.
            let message = if py.version_info() >= (3, 11) {
                "integer modulo by zero"
            } else {
                "integer division or modulo by zero"
            };
            return Err(PyZeroDivisionError::new_err(message));
        }
        Ok(divmod(self.v, other.v())?.1)
    }

    fn __divmod__(&self, other: Operand) -> PyResult<(i64, i64)> {
        divmod(self.v, other.v())
    }

    fn __rdivmod__(&self, other: Operand) -> PyResult<(i64, i64)> {
        divmod(other.v(), self.v)
    }

    #[pyo3(signature = (exponent, modulo = None))]
    fn __pow__(&self, exponent: u32, modulo: Option<i64>) -> i64 {
        let p = self.v.pow(exponent);
        modulo.map_or(p, |m| p.rem_euclid(m))
    }

    fn __rpow__(&self, base: i64) -> i64 {
        base.pow(self.v as u32)
    }

    fn __ipow__(&mut self, exponent: u32) {
        self.v = self.v.pow(exponent) + 1;
    }

    fn __lshift__(&self, other: u32) -> Num {
        num(self.v << other)
    }

    fn __rshift__(&self, other: u32) -> Num {
        num(self.v >> other)
    }

    fn __and__(&self, other: Operand) -> Num {
        num(self.v & other.v())
    }

    fn __or__(&self, other: Operand) -> Num {
        num(self.v | other.v())
    }

    fn __ror__(&self, other: Operand) -> Num {
        num(other.v() | self.v | 0x100)
    }

    fn __xor__(&self, other: Operand) -> Num {
        num(self.v ^ other.v())
    }

    fn __ixor__(&mut self, other: Operand) {
        self.v ^= other.v() + 1;
    }

    fn __neg__(&self) -> Num {
        num(-self.v)
    }

    fn __pos__(&self) -> Num {
        num(self.v + 1000)
    }

    fn __abs__(&self) -> Num {
        num(self.v.abs())
    }

    fn __invert__(&self) -> Num {
        num(!self.v)
    }

    fn __float__(&self) -> f64 {
        self.v as f64 + 0.5
    }

    fn __index__(&self) -> i64 {
        self.v
    }

    fn __complex__(&self, py: Python<'_>) -> PyResult<PyObject> {
        py.eval(&format!("complex({}, 1)", self.v), None, None)
            .map(Into::into)
    }

    #[pyo3(signature = (ndigits = None))]
    fn __round__(&self, ndigits: Option<i64>) -> i64 {
        self.v + ndigits.unwrap_or(0)
    }
}

/// `__float__` returning a string: CPython's own result check applies.
#[pyclass(module = "pyclasses.protocols_numbers")]
struct BadFloat;

#[pymethods]
impl BadFloat {
    #[new]
    fn new() -> Self {
        BadFloat
    }

    fn __float__(&self) -> &'static str {
        "nope"
    }
}

/// The `protocols_numbers` submodule.
#[pymodule]
pub fn protocols_numbers(_py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_class::<Num>()?;
    m.add_class::<BadFloat>()?;
    Ok(())
}
