"""Builds bench_c with setuptools, using the interpreter's own CFLAGS (-O3 -fwrapv for a
pyenv/CPython build), i.e. exactly what a user of setuptools gets."""
from setuptools import Extension, setup

setup(
    name="bench_c",
    version="0.0.0",
    ext_modules=[Extension("bench_c", ["bench_c.c"])],
)
