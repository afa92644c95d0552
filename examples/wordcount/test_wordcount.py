"""The `wordcount` example: word counts of a file, Rust errors as Python exceptions."""

import errno
import pathlib
import subprocess
import sys

import pytest

import wordcount

HERE = pathlib.Path(__file__).parent


@pytest.fixture
def text_file(tmp_path):
    def write(content, name="text.txt"):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return path

    return write


def test_count_words(text_file):
    path = text_file("the cat and the hat\nThe end.")
    assert wordcount.count_words(path) == {"the": 3, "cat": 1, "and": 1, "hat": 1, "end": 1}


def test_words_are_lowercased_and_split_on_punctuation(text_file):
    path = text_file("Hello, hello! HELLO? don't 'quoted' x--y Ünïcode ÜNÏCODE 42")
    assert wordcount.count_words(path) == {
        "hello": 3,
        "don't": 1,
        "quoted": 1,
        "x": 1,
        "y": 1,
        "ünïcode": 2,
        "42": 1,
    }


def test_path_may_be_str_or_pathlike(text_file):
    path = text_file("a b a")
    assert wordcount.count_words(str(path)) == wordcount.count_words(path) == {"a": 2, "b": 1}


def test_empty_file(text_file):
    assert wordcount.count_words(text_file("")) == {}
    assert wordcount.top_words(text_file(" \n,.")) == []


def test_top_words_orders_by_count_then_word(text_file):
    path = text_file("b a c b a b d")
    assert wordcount.top_words(path, 3) == [("b", 3), ("a", 2), ("c", 1)]
    assert wordcount.top_words(path, n=0) == []
    assert wordcount.top_words(path, 100) == [("b", 3), ("a", 2), ("c", 1), ("d", 1)]


def test_top_words_defaults_to_ten(text_file):
    path = text_file(" ".join(f"w{i:02}" for i in range(20)))
    top = wordcount.top_words(path)
    assert top == [(f"w{i:02}", 1) for i in range(10)]


def test_missing_file_raises_file_not_found(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError) as info:
        wordcount.count_words(missing)
    assert info.value.errno == errno.ENOENT
    assert info.value.filename == str(missing)
    assert str(info.value) == f"[Errno 2] No such file or directory: '{missing}'"
    with pytest.raises(FileNotFoundError):
        wordcount.top_words(missing)


def test_directory_raises_is_a_directory(tmp_path):
    with pytest.raises(IsADirectoryError) as info:
        wordcount.count_words(tmp_path)
    assert info.value.errno == errno.EISDIR
    assert info.value.filename == str(tmp_path)


def test_non_utf8_raises_the_modules_own_exception(text_file):
    path = text_file(b"caf\xc3\xa9 ok \xff\xfe")
    with pytest.raises(wordcount.NotTextError) as info:
        wordcount.count_words(path)
    assert str(info.value) == f"{path} is not UTF-8 text (invalid byte at offset 9)"
    assert isinstance(info.value, ValueError)


def test_custom_exception_type():
    exc = wordcount.NotTextError
    assert issubclass(exc, ValueError)
    assert exc.__module__ == "wordcount"
    assert exc.__name__ == "NotTextError"
    assert exc.__doc__ == "Raised when a file is not UTF-8 text."


def test_argument_errors(text_file):
    with pytest.raises(TypeError, match=r"^argument 'path': expected str, bytes or os\.PathLike object, not int$"):
        wordcount.count_words(42)
    with pytest.raises(OverflowError):
        wordcount.top_words(text_file("a"), -1)


def test_demo_prints_top_words_and_the_error():
    out = subprocess.run(
        [sys.executable, str(HERE / "demo.py")], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == [
        " 10 the",
        "  7 a",
        "  4 python",
        "  3 as",
        "  3 becomes",
        "FileNotFoundError: [Errno 2] No such file or directory: 'no-such-file.txt'",
    ]
