//! `IpAddr`, `Ipv4Addr`, `Ipv6Addr` ↔ `ipaddress.IPv4Address` / `IPv6Address`.
//!
//! Extraction reads the `packed` bytes of an `ipaddress` object, and otherwise parses
//! `str(obj)` (so `"127.0.0.1"` works too); a string that does not parse raises
//! `ValueError` with Rust's message (`invalid IPv4 address syntax`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::conversion::{FromPyObject, IntoPy, ToPyObject};
use crate::conversions::support::{call, getattr, ModuleAttr};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::ffi;
use crate::instance::PyObject;
use crate::python::Python;
use crate::types::{PyAny, PyBytes, PyString};

static IPV4_ADDRESS: ModuleAttr = ModuleAttr::new(c"ipaddress", c"IPv4Address");
static IPV6_ADDRESS: ModuleAttr = ModuleAttr::new(c"ipaddress", c"IPv6Address");

/// Runs `f` on the `packed` bytes of `ob`, if it has a `bytes` attribute of that name.
fn with_packed<R>(ob: &PyAny, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    let py = ob.py();
    let packed = getattr(py, ob, crate::intern!(py, "packed")).ok()?;
    let bytes = packed.as_any(py).downcast::<PyBytes>().ok()?;
    Some(f(bytes.as_bytes()))
}

/// Parses `str(ob)`.
fn parse_str<T>(ob: &PyAny) -> PyResult<T>
where
    T: std::str::FromStr,
    PyErr: From<T::Err>,
{
    let py = ob.py();
    // SAFETY: `ob` is valid; PyObject_Str returns a new reference or null with an error.
    let text = unsafe { PyObject::from_owned_ptr_or_err(py, ffi::PyObject_Str(ob.as_ptr())) }?;
    let text = text.as_any(py).downcast::<PyString>()?.to_owned_string()?;
    Ok(text.parse::<T>()?)
}

/// Builds an `ipaddress` object from its integer value.
fn new_address(py: Python<'_>, class: &ModuleAttr, value: PyObject) -> PyObject {
    class
        .get(py)
        .and_then(|class| call(py, class, (value,)))
        .unwrap_or_else(|err| panic!("failed to create an ipaddress object: {err}"))
}

impl FromPyObject<'_> for Ipv4Addr {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        if let Some(Ok(octets)) = with_packed(ob, |b| <[u8; 4]>::try_from(b)) {
            return Ok(Ipv4Addr::from(octets));
        }
        parse_str(ob)
    }
    crate::gil_independent_extract!();
}

impl FromPyObject<'_> for Ipv6Addr {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        if let Some(Ok(octets)) = with_packed(ob, |b| <[u8; 16]>::try_from(b)) {
            return Ok(Ipv6Addr::from(octets));
        }
        parse_str(ob)
    }
    crate::gil_independent_extract!();
}

impl FromPyObject<'_> for IpAddr {
    fn extract(ob: &PyAny) -> PyResult<Self> {
        let packed = with_packed(ob, |bytes| {
            if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
                Ok(IpAddr::from(v4))
            } else if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
                Ok(IpAddr::from(v6))
            } else {
                Err(PyValueError::new_err("invalid packed length"))
            }
        });
        match packed {
            Some(result) => result,
            None => parse_str(ob),
        }
    }
    crate::gil_independent_extract!();
}

impl ToPyObject for Ipv4Addr {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        new_address(py, &IPV4_ADDRESS, u32::from(*self).into_py(py))
    }
}

impl IntoPy<PyObject> for Ipv4Addr {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.to_object(py)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for Ipv6Addr {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        new_address(py, &IPV6_ADDRESS, u128::from(*self).into_py(py))
    }
}

impl IntoPy<PyObject> for Ipv6Addr {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.to_object(py)
    }
    const GIL_INDEPENDENT: bool = true;
}

impl ToPyObject for IpAddr {
    fn to_object(&self, py: Python<'_>) -> PyObject {
        match self {
            IpAddr::V4(v4) => v4.to_object(py),
            IpAddr::V6(v6) => v6.to_object(py),
        }
    }
}

impl IntoPy<PyObject> for IpAddr {
    fn into_py(self, py: Python<'_>) -> PyObject {
        self.to_object(py)
    }
    const GIL_INDEPENDENT: bool = true;
}
