//! `py_run!`: runs a snippet of Python with Rust values bound as its locals (tests, examples).

use crate::python::Python;
use crate::types::PyDict;

/// Runs Python statements with Rust values bound as local variables; on a Python error,
/// prints the traceback and panics.
///
/// - `py_run!(py, a b c, "code")` binds each listed variable under its own name, converted
///   with [`ToPyObject`](crate::ToPyObject);
/// - `py_run!(py, *locals, "code")` uses the dict `locals` as the local namespace.
///
/// The code may be indented as a whole (as it usually is inside a raw string in a test):
/// its common indentation is removed first. Globals are those of `__main__`.
///
/// ```rust
/// use pyo3::prelude::*;
/// use pyo3::py_run;
/// use pyo3::types::PyList;
///
/// Python::with_gil(|py| {
///     let numbers = PyList::new(py, [1, 2, 3]);
///     let label = "total";
///     py_run!(py, numbers label, r#"
///         assert sum(numbers) == 6
///         assert label.upper() == "TOTAL"
///     "#);
/// });
/// ```
#[macro_export]
macro_rules! py_run {
    ($py:expr, *$locals:expr, $code:expr) => {
        $crate::impl_::run_snippet(
            $py,
            $locals,
            ::std::convert::AsRef::<str>::as_ref(&$code),
        )
    };
    ($py:expr, $($val:ident)+, $code:expr) => {{
        let py: $crate::Python<'_> = $py;
        let locals = $crate::types::IntoPyDict::into_py_dict(
            [$((::std::stringify!($val), $crate::ToPyObject::to_object(&$val, py)),)+],
            py,
        );
        $crate::impl_::run_snippet(py, locals, ::std::convert::AsRef::<str>::as_ref(&$code))
    }};
}

/// The body of [`py_run!`]: dedents `code`, runs it with `locals`, and on error prints the
/// traceback and panics with the code.
#[doc(hidden)]
#[track_caller]
pub fn run_snippet(py: Python<'_>, locals: &PyDict, code: &str) {
    let code = unindent(code);
    if let Err(err) = py.run(&code, None, Some(locals)) {
        err.print(py);
        // The traceback went to Python's buffered sys.stderr; get it out before the panic
        // message so the two read in order.
        let _ = py.run("import sys; sys.stderr.flush()", None, None);
        panic!("py_run! failed:\n{code}");
    }
}

/// Removes the indentation common to all lines but the first, as `indoc!` does for a
/// literal: a first line that is empty (the code starts on the line after the quote) is
/// dropped, the first line otherwise stays as written, and whitespace-only lines become
/// empty.
#[doc(hidden)]
pub fn unindent(code: &str) -> String {
    let body = code
        .strip_prefix("\r\n")
        .or_else(|| code.strip_prefix('\n'));
    let (first, rest) = match body {
        // The code started on its own line: every line takes part in the dedent.
        Some(body) => (None, body),
        None => match code.split_once('\n') {
            Some((first, rest)) => (Some(first), rest),
            None => return code.to_owned(),
        },
    };
    let indent_of = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let common = rest
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(indent_of)
        .min()
        .unwrap_or(0);

    let mut out = String::with_capacity(code.len());
    if let Some(first) = first {
        out.push_str(first);
        out.push('\n');
    }
    for line in rest.split_inclusive('\n') {
        let (text, newline) = match line.strip_suffix('\n') {
            Some(text) => (text, "\n"),
            None => (line, ""),
        };
        if !text.trim().is_empty() {
            out.push_str(&text[common.min(indent_of(text))..]);
        }
        out.push_str(newline);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unindent;

    #[test]
    fn unindent_drops_common_indent_and_leading_newline() {
        let code = "\n    if x:\n        y = 1\n\n    z = 2\n";
        assert_eq!(unindent(code), "if x:\n    y = 1\n\nz = 2\n");
    }

    #[test]
    fn unindent_keeps_first_line_that_follows_the_quote() {
        assert_eq!(unindent("x = 1\n    y = 2"), "x = 1\ny = 2");
        assert_eq!(unindent("assert x == 1"), "assert x == 1");
    }

    #[test]
    fn unindent_whitespace_only_lines_become_empty() {
        assert_eq!(unindent("\n  a\n      \n  b"), "a\n\nb");
    }
}
