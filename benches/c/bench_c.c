/* bench_c: the benchmark surface (shared/bench/SPEC.md) in hand-written CPython C-API code.
 *
 * This module is the floor every framework is measured against, so it is written the way a
 * C programmer who cares about call overhead writes an extension for CPython 3.11:
 *   - the cheapest calling convention per signature on CPython 3.11, measured with
 *     benches/c/noop_variants.py: for module functions METH_FASTCALL even with no arguments
 *     (3.11's CALL specialises FASTCALL and O builtins but not NOARGS ones, which makes
 *     FASTCALL about twice as fast as NOARGS for noop), METH_O for one argument,
 *     METH_FASTCALL|METH_KEYWORDS when keywords are accepted; for methods METH_NOARGS and
 *     METH_O, which 3.11 specialises for method descriptors;
 *   - a static type for Counter with a vectorcall constructor, so `Counter(5)` skips the
 *     tuple/dict packing of tp_new/tp_init;
 *   - no intermediate C container where the Python-visible result is the same without one
 *     (sum_list sums while reading, make_list fills the list directly, dict_roundtrip builds
 *     the new dict while reading): the other peers are asked to go through Vec/HashMap, and
 *     the difference is part of what the ratio measures.
 * Arithmetic on i64 wraps on overflow, as the Rust peers do in release builds.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Wrapping i64 addition without signed-overflow undefined behaviour. */
static inline long long
wrapping_add(long long a, long long b)
{
    return (long long)((unsigned long long)a + (unsigned long long)b);
}

/* Converts an int (or an object with __index__) to long long; 0 on success, -1 with an
 * exception set. A non-int runs Python code (__index__), which could drop the last other
 * reference to the object, so it is held for the call; exact ints need no such care. */
static inline int
as_i64(PyObject *obj, long long *out)
{
    long long v;
    if (PyLong_CheckExact(obj)) {
        v = PyLong_AsLongLong(obj);
    }
    else {
        Py_INCREF(obj);
        v = PyLong_AsLongLong(obj);
        Py_DECREF(obj);
    }
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

static PyObject *
noop(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 0) {
        PyErr_Format(PyExc_TypeError, "noop() takes no arguments (%zd given)", nargs);
        return NULL;
    }
    Py_RETURN_NONE;
}

/* The same function under the other two conventions, only for noop_variants.py. */
static PyObject *
noop_noargs(PyObject *module, PyObject *unused)
{
    Py_RETURN_NONE;
}

static PyObject *
noop_varargs(PyObject *module, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_Format(PyExc_TypeError, "_noop_varargs() takes no arguments (%zd given)",
                     PyTuple_GET_SIZE(args));
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
add(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    long long a, b;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "add() takes exactly 2 arguments (%zd given)", nargs);
        return NULL;
    }
    if (as_i64(args[0], &a) < 0 || as_i64(args[1], &b) < 0) {
        return NULL;
    }
    return PyLong_FromLongLong(wrapping_add(a, b));
}

static PyObject *
echo_str(PyObject *module, PyObject *arg)
{
    Py_ssize_t len;
    const char *utf8;
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "echo_str() argument must be str, not %.200s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    /* The UTF-8 view is cached in (or, for ASCII, is) the str object itself, and stays
     * valid while `arg` is alive, so no copy is needed to build the new str from it. */
    utf8 = PyUnicode_AsUTF8AndSize(arg, &len);
    if (utf8 == NULL) {
        return NULL;
    }
    return PyUnicode_FromStringAndSize(utf8, len);
}

/* Interned names of kw()'s parameters: keyword names at call sites are interned code
 * constants, so a pointer comparison usually settles the match. */
static PyObject *kw_names[3];
static const char *const kw_names_ascii[3] = {"a", "b", "c"};

static int
kw_index(PyObject *name)
{
    int i;
    for (i = 0; i < 3; i++) {
        if (name == kw_names[i]) {
            return i;
        }
    }
    for (i = 0; i < 3; i++) {
        if (PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, kw_names_ascii[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* kw(a, b=2, *, c=3) */
static PyObject *
kw(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *slots[3] = {NULL, NULL, NULL};
    long long a, b = 2, c = 3;
    Py_ssize_t i;

    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError,
                     "kw() takes at most 2 positional arguments (%zd given)", nargs);
        return NULL;
    }
    for (i = 0; i < nargs; i++) {
        slots[i] = args[i];
    }
    if (kwnames != NULL) {
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (i = 0; i < nkw; i++) {
            PyObject *name = PyTuple_GET_ITEM(kwnames, i);
            int idx = kw_index(name);
            if (idx < 0) {
                PyErr_Format(PyExc_TypeError,
                             "kw() got an unexpected keyword argument '%S'", name);
                return NULL;
            }
            if (slots[idx] != NULL) {
                PyErr_Format(PyExc_TypeError,
                             "kw() got multiple values for argument '%s'", kw_names_ascii[idx]);
                return NULL;
            }
            slots[idx] = args[nargs + i];
        }
    }
    if (slots[0] == NULL) {
        PyErr_SetString(PyExc_TypeError, "kw() missing required argument 'a' (pos 1)");
        return NULL;
    }
    if (as_i64(slots[0], &a) < 0
        || (slots[1] != NULL && as_i64(slots[1], &b) < 0)
        || (slots[2] != NULL && as_i64(slots[2], &c) < 0)) {
        return NULL;
    }
    return PyLong_FromLongLong(wrapping_add(wrapping_add(a, b), c));
}

static PyObject *
sum_list(PyObject *module, PyObject *arg)
{
    long long total = 0, v;
    Py_ssize_t i;
    /* A list or tuple comes back as itself (one incref); anything else iterable is copied
     * into a list, which is what accepting "a sequence of ints" means in C. */
    PyObject *seq = PySequence_Fast(arg, "sum_list() argument must be a sequence");
    if (seq == NULL) {
        return NULL;
    }
    /* Size and item are re-read each time: a non-int item's __index__ may resize a list. */
    for (i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        if (as_i64(PySequence_Fast_GET_ITEM(seq, i), &v) < 0) {
            Py_DECREF(seq);
            return NULL;
        }
        total = wrapping_add(total, v);
    }
    Py_DECREF(seq);
    return PyLong_FromLongLong(total);
}

static PyObject *
make_list(PyObject *module, PyObject *arg)
{
    long long n, i;
    PyObject *list;
    if (as_i64(arg, &n) < 0) {
        return NULL;
    }
    if (n < 0) {
        n = 0; /* like an empty Rust range 0..n */
    }
    list = PyList_New((Py_ssize_t)n);
    if (list == NULL) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        PyObject *item = PyLong_FromLongLong(i);
        if (item == NULL) {
            Py_DECREF(list); /* unfilled slots are NULL, which list dealloc accepts */
            return NULL;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

static PyObject *
dict_roundtrip(PyObject *module, PyObject *arg)
{
    PyObject *out, *key, *value;
    Py_ssize_t pos = 0;
    if (!PyDict_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "dict_roundtrip() argument must be dict, not %.200s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    out = PyDict_New();
    if (out == NULL) {
        return NULL;
    }
    while (PyDict_Next(arg, &pos, &key, &value)) {
        Py_ssize_t len;
        const char *utf8;
        long long v;
        PyObject *new_key, *new_value;
        int rc;
        if (!PyUnicode_Check(key)) {
            PyErr_Format(PyExc_TypeError, "dict_roundtrip() keys must be str, not %.200s",
                         Py_TYPE(key)->tp_name);
            goto error;
        }
        /* Like the peers, the result holds new str and int objects made from the C values,
         * not the caller's objects. */
        utf8 = PyUnicode_AsUTF8AndSize(key, &len);
        if (utf8 == NULL) {
            goto error;
        }
        new_key = PyUnicode_FromStringAndSize(utf8, len);
        if (new_key == NULL) {
            goto error;
        }
        if (as_i64(value, &v) < 0) {
            Py_DECREF(new_key);
            goto error;
        }
        new_value = PyLong_FromLongLong(v);
        if (new_value == NULL) {
            Py_DECREF(new_key);
            goto error;
        }
        rc = PyDict_SetItem(out, new_key, new_value);
        Py_DECREF(new_key);
        Py_DECREF(new_value);
        if (rc < 0) {
            goto error;
        }
    }
    return out;
error:
    Py_DECREF(out);
    return NULL;
}

static PyObject *
raise_value_error(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 0) {
        PyErr_Format(PyExc_TypeError, "raise_value_error() takes no arguments (%zd given)",
                     nargs);
        return NULL;
    }
    PyErr_SetString(PyExc_ValueError, "boom");
    return NULL;
}

/* ---- Counter ---------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    long long value;
} CounterObject;

static PyTypeObject Counter_Type;

/* Counter is not subclassable (like a default PyO3 #[pyclass]) and holds no references, so
 * instances are plain non-GC objects of exactly Counter_Type. */
static PyObject *
counter_create(long long start)
{
    CounterObject *self = PyObject_New(CounterObject, &Counter_Type);
    if (self == NULL) {
        return NULL;
    }
    self->value = start;
    return (PyObject *)self;
}

/* The generic constructor path: keyword calls, Counter.__new__(Counter, ...), and the
 * argument-count errors. */
static PyObject *
Counter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"start", NULL};
    long long start;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "L:Counter", kwlist, &start)) {
        return NULL;
    }
    return counter_create(start);
}

/* Counter(5): one positional argument, no keywords, goes straight to the allocation;
 * anything else is packed into a tuple and dict for Counter_new. */
static PyObject *
Counter_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyObject *tuple, *dict = NULL, *result;
    Py_ssize_t i;

    if (nargs == 1 && kwnames == NULL) {
        long long start;
        if (as_i64(args[0], &start) < 0) {
            return NULL;
        }
        return counter_create(start);
    }
    tuple = PyTuple_New(nargs);
    if (tuple == NULL) {
        return NULL;
    }
    for (i = 0; i < nargs; i++) {
        Py_INCREF(args[i]);
        PyTuple_SET_ITEM(tuple, i, args[i]);
    }
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) {
        dict = PyDict_New();
        if (dict == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
        for (i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
            if (PyDict_SetItem(dict, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) {
                Py_DECREF(tuple);
                Py_DECREF(dict);
                return NULL;
            }
        }
    }
    result = Counter_new((PyTypeObject *)type, tuple, dict);
    Py_DECREF(tuple);
    Py_XDECREF(dict);
    return result;
}

static void
Counter_dealloc(PyObject *self)
{
    PyObject_Free(self);
}

static PyObject *
Counter_incr(PyObject *self, PyObject *unused)
{
    CounterObject *c = (CounterObject *)self;
    c->value = wrapping_add(c->value, 1);
    Py_RETURN_NONE;
}

static PyObject *
Counter_add(PyObject *self, PyObject *arg)
{
    CounterObject *c = (CounterObject *)self;
    long long n;
    if (as_i64(arg, &n) < 0) {
        return NULL;
    }
    c->value = wrapping_add(c->value, n);
    return PyLong_FromLongLong(c->value);
}

/* incr and add under METH_FASTCALL, only for noop_variants.py. */
static PyObject *
Counter_incr_fastcall(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 0) {
        PyErr_Format(PyExc_TypeError, "_incr_fastcall() takes no arguments (%zd given)", nargs);
        return NULL;
    }
    return Counter_incr(self, NULL);
}

static PyObject *
Counter_add_fastcall(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 1) {
        PyErr_Format(PyExc_TypeError, "_add_fastcall() takes exactly one argument (%zd given)",
                     nargs);
        return NULL;
    }
    return Counter_add(self, args[0]);
}

static PyObject *
Counter_get_value(PyObject *self, void *closure)
{
    return PyLong_FromLongLong(((CounterObject *)self)->value);
}

static int
Counter_set_value(PyObject *self, PyObject *value, void *closure)
{
    long long v;
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "can't delete attribute 'value'");
        return -1;
    }
    /* Convert first: on a bad value the old one stays. */
    if (as_i64(value, &v) < 0) {
        return -1;
    }
    ((CounterObject *)self)->value = v;
    return 0;
}

static PyMethodDef Counter_methods[] = {
    {"incr", Counter_incr, METH_NOARGS, "incr() -> None: add one to the value."},
    {"add", Counter_add, METH_O, "add(n) -> int: add n to the value and return it."},
    {"_incr_fastcall", (PyCFunction)(void (*)(void))Counter_incr_fastcall, METH_FASTCALL,
     "incr() as METH_FASTCALL"},
    {"_add_fastcall", (PyCFunction)(void (*)(void))Counter_add_fastcall, METH_FASTCALL,
     "add() as METH_FASTCALL"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Counter_getset[] = {
    {"value", Counter_get_value, Counter_set_value, "The counter's value (an i64).", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_c.Counter",
    .tp_basicsize = sizeof(CounterObject),
    .tp_dealloc = Counter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Counter(start): holds an i64.",
    .tp_methods = Counter_methods,
    .tp_getset = Counter_getset,
    .tp_new = Counter_new,
    .tp_vectorcall = Counter_vectorcall,
};

/* ---- module ----------------------------------------------------------------------------- */

static PyMethodDef module_methods[] = {
    {"noop", (PyCFunction)(void (*)(void))noop, METH_FASTCALL, "noop() -> None"},
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, "add(a, b) -> int"},
    {"echo_str", echo_str, METH_O, "echo_str(s) -> str"},
    {"kw", (PyCFunction)(void (*)(void))kw, METH_FASTCALL | METH_KEYWORDS,
     "kw(a, b=2, *, c=3) -> int"},
    {"sum_list", sum_list, METH_O, "sum_list(xs) -> int"},
    {"make_list", make_list, METH_O, "make_list(n) -> list[int]"},
    {"dict_roundtrip", dict_roundtrip, METH_O, "dict_roundtrip(d) -> dict[str, int]"},
    {"raise_value_error", (PyCFunction)(void (*)(void))raise_value_error, METH_FASTCALL,
     "raise_value_error(): ValueError"},
    {"_noop_noargs", noop_noargs, METH_NOARGS, "noop() as METH_NOARGS"},
    {"_noop_varargs", noop_varargs, METH_VARARGS, "noop() as METH_VARARGS"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef bench_c_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "bench_c",
    .m_doc = "The benchmark surface in hand-written CPython C-API code.",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
PyInit_bench_c(void)
{
    PyObject *m;
    int i;
    for (i = 0; i < 3; i++) {
        if (kw_names[i] == NULL) {
            kw_names[i] = PyUnicode_InternFromString(kw_names_ascii[i]);
            if (kw_names[i] == NULL) {
                return NULL;
            }
        }
    }
    if (PyType_Ready(&Counter_Type) < 0) {
        return NULL;
    }
    m = PyModule_Create(&bench_c_module);
    if (m == NULL) {
        return NULL;
    }
    Py_INCREF(&Counter_Type);
    if (PyModule_AddObject(m, "Counter", (PyObject *)&Counter_Type) < 0) {
        Py_DECREF(&Counter_Type);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
