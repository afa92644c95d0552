"""Compare what an operation does on a Rust object and on its pure-Python twin.

The protocol suites write each Rust class a second time in Python and check that every
operation gives the same value, or raises the same exception type with the same message.
"""

import re

# CPython names extension types by their full `tp_name` (`package.module.Class`) in its
# own messages, Python classes by `__name__`; the rest of the message must agree.
_EXTENSION_MODULE = re.compile(r"\bpyclasses\.[A-Za-z_]+\.")


def strip_module(message):
    """``message`` with the extension module's prefix removed from type names."""
    return _EXTENSION_MODULE.sub("", message)


def outcome(f, *args, normalise=None):
    """What ``f(*args)`` does: ``("ok", value)`` or ``("raised", type, message)``."""
    try:
        value = f(*args)
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return ("raised", type(e), strip_module(str(e)))
    return ("ok", normalise(value) if normalise else value)


def same(f, rust, python):
    """``f`` on the Rust object and on its Python twin gives the same outcome; returns it."""
    r, p = outcome(f, rust), outcome(f, python)
    assert r == p, f"Rust {r} != Python {p}"
    return r
