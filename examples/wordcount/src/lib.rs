//! The `wordcount` module: word frequencies of a text file, counted in Rust with the GIL
//! released, with Rust errors raised as the Python exceptions a caller expects.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

create_exception!(
    wordcount,
    NotTextError,
    PyValueError,
    "Raised when a file is not UTF-8 text."
);

/// Splits text into lowercase words: runs of letters and digits, with apostrophes kept
/// inside a word ("don't") but not around it ("'quoted'").
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|word| word.trim_matches('\''))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// How often each word occurs in `text`.
fn count(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in words(text) {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Reads a whole file as UTF-8 text.
///
/// `?` turns an `io::Error` into the matching `OSError` subclass (`FileNotFoundError`,
/// `PermissionError`, `IsADirectoryError`, ...) with its errno; bytes that are not UTF-8
/// become this module's own `NotTextError`.
fn read_text(path: &Path) -> PyResult<String> {
    let bytes = std::fs::read(path)?;
    String::from_utf8(bytes).map_err(|err| {
        NotTextError::new_err(format!(
            "{} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            err.utf8_error().valid_up_to()
        ))
    })
}

/// Counts the words of the text file at `path`: a dict from each lowercase word to the
/// number of times it occurs.
#[pyfunction]
fn count_words(py: Python<'_>, path: PathBuf) -> PyResult<HashMap<String, usize>> {
    // Reading and counting touch no Python object, so other Python threads may run
    // meanwhile. The error, if any, is built without the GIL: `PyErr` is lazy.
    let counted = py.allow_threads(|| read_text(&path).map(|text| count(&text)));
    counted.map_err(|err| with_filename(py, err, &path))
}

/// Names the file in an `OSError`, as Python's own `open` does:
/// `[Errno 2] No such file or directory: 'missing.txt'`.
fn with_filename(py: Python<'_>, err: PyErr, path: &Path) -> PyErr {
    if err.is_instance_of::<PyOSError>(py) {
        // Should setting it fail (no memory for the string), the original error is
        // still the one to raise.
        let _ = err.value(py).setattr("filename", path);
    }
    err
}

/// The `n` most frequent words of the file at `path` with their counts, most frequent
/// first; words with the same count in alphabetical order.
#[pyfunction]
#[pyo3(signature = (path, n = 10))]
fn top_words(py: Python<'_>, path: PathBuf, n: usize) -> PyResult<Vec<(String, usize)>> {
    // A `#[pyfunction]` is still an ordinary Rust function.
    let mut pairs: Vec<(String, usize)> = count_words(py, path)?.into_iter().collect();
    pairs.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    pairs.truncate(n);
    Ok(pairs)
}

/// Word counts of text files, computed in Rust.
#[pymodule]
fn wordcount(py: Python<'_>, m: &PyModule) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(count_words, m)?)?;
    m.add_function(wrap_pyfunction!(top_words, m)?)?;
    m.add("NotTextError", py.get_type::<NotTextError>())?;
    Ok(())
}
