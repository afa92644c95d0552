"""Builds bench_cython: cythonize, then setuptools compiles the C++ with the interpreter's
own flags (-O3 for a CPython/pyenv build)."""
from Cython.Build import cythonize
from setuptools import setup

setup(
    name="bench_cython",
    version="0.0.0",
    ext_modules=cythonize("bench_cython.pyx", language_level=3),
)
