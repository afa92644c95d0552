"""Compare a Rust callable with an equivalent Python one over a matrix of calls.

Shared by the signature suites of tests/pyfunctions and tests/pyclasses: every call of
the matrix must give the same result, or raise the same exception type with the same
message, as the Python reference.
"""


def outcome(function, args, kwargs):
    """What a call does: its result, or its exception type and message."""
    try:
        return ("returned", function(*args, **kwargs))
    except Exception as exc:  # noqa: BLE001 - the exception is the outcome
        return (type(exc).__name__, str(exc))


def mismatches(label, function, reference, positional, keywords):
    """The calls of ``positional`` x ``keywords`` where ``function`` differs from ``reference``."""
    found = []
    for args in positional:
        for kwargs in keywords:
            expected = outcome(reference, args, kwargs)
            got = outcome(function, args, kwargs)
            if got != expected:
                found.append(f"{label}(*{args}, **{kwargs}): {got} != {expected}")
    return found
