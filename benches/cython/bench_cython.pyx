# distutils: language = c++
# cython: language_level=3, c_string_type=unicode, c_string_encoding=utf8
"""bench_cython: the benchmark surface (shared/bench/SPEC.md) in Cython 3.

Written as a Cython user would for speed: typed ``def`` functions (so arguments convert
straight to C integers), libcpp containers for the SPEC's "extract into a vector/map"
steps (Cython converts list <-> std::vector and dict <-> std::unordered_map by itself), a
``cdef class`` whose C-level field is exposed with ``cdef public``. C++ mode is needed for
libcpp; the c_string directives make std::string convert to and from ``str`` as UTF-8.
"""
from libc.stdint cimport int64_t
from libcpp.string cimport string
from libcpp.unordered_map cimport unordered_map
from libcpp.vector cimport vector


def noop():
    pass


def add(int64_t a, int64_t b):
    return a + b


def echo_str(str s):
    # The str -> std::string conversion is the SPEC's "owned UTF-8 string"; returning it
    # decodes it into a new str.
    cdef string owned = s
    return owned


def kw(int64_t a, int64_t b=2, *, int64_t c=3):
    return a + b + c


def sum_list(vector[int64_t] xs):
    cdef int64_t total = 0
    cdef int64_t x
    for x in xs:
        total += x
    return total


def make_list(int64_t n):
    cdef vector[int64_t] out
    cdef int64_t i
    if n > 0:
        out.reserve(n)
    for i in range(n):
        out.push_back(i)
    return out


def dict_roundtrip(unordered_map[string, int64_t] d):
    return d


def raise_value_error():
    raise ValueError("boom")


cdef class Counter:
    """Counter(start): holds an i64."""
    cdef public int64_t value

    def __cinit__(self, int64_t start):
        self.value = start

    def incr(self):
        self.value += 1

    def add(self, int64_t n):
        self.value += n
        return self.value
