//! The dunder table: one row per magic method that fills a type slot, naming the slot and
//! the C signature it has. A `#[pymethods]` method whose Python name is in the table
//! becomes that slot; `#[pyclass]` options (`eq`, `hash`, `str`) and enums fill the same
//! rows. Adding a magic method is one row here (plus, for a new C signature, one
//! `SlotSignature` and its trampoline in the runtime's `impl_::slots`).

/// A magic method that fills a type slot.
pub struct SlotRow {
    /// The Python name, e.g. `__repr__`.
    pub name: &'static str,
    /// The `Py_*` slot id, as named in `ffi`.
    pub slot: &'static str,
    /// Its C signature.
    pub signature: &'static SlotSignature,
    /// For a method that shares its slot with others (the six comparisons share
    /// `tp_richcompare`), its place in the combined slot; the block fills the slot once.
    pub part: Option<usize>,
    /// Further slots the same method fills, each with its trampoline.
    pub also: &'static [(&'static str, &'static str)],
}

/// The shape of a slot's C function, and how the method's parameters and result map to it.
pub struct SlotSignature {
    /// The runtime trait (in `impl_::slots`) the generated marker implements.
    pub trait_name: &'static str,
    /// The generic C trampoline (in `impl_::slots`) that calls the trait.
    pub trampoline: &'static str,
    /// The parameters after `self`, in order.
    pub params: &'static [SlotParam],
    /// What the method's return value becomes.
    pub output: SlotOutput,
    /// How the method is written, for messages: `fn __repr__(&self) -> ...`.
    pub shape: &'static str,
    /// Whether the method may be an `unsafe fn` (its slot hands it raw C pointers); the
    /// generated trait method is then `unsafe` too.
    pub unsafe_call: bool,
}

/// A parameter of a slot after `self`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotParam {
    /// Any object, extracted to the parameter's type; a failed extraction makes the slot
    /// return `NotImplemented`.
    Other,
    /// The comparison operator (`CompareOp`).
    CompareOp,
    /// Any object, extracted to the parameter's type; a failed extraction raises the
    /// argument error (`__getitem__`'s key, `__setitem__`'s value, ...).
    Arg,
    /// The cycle collector's visitor (`PyVisit`), passed as is.
    Visit,
    /// The `Py_buffer` being filled or released (`*mut ffi::Py_buffer`), passed as is.
    BufferView,
    /// The buffer request flags (`c_int`), passed as is.
    BufferFlags,
}

/// What a slot returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotOutput {
    /// An object (`IntoPy<PyObject>`, or a `PyResult` of one).
    Object,
    /// A hash (`HashOutput`: an integer, or a `PyResult` of one).
    Hash,
    /// A truth value (`BoolOutput`: `bool`, or a `PyResult` of one).
    Bool,
    /// A length (`LenOutput`: `usize`, or a `PyResult` of one).
    Len,
    /// A traversal status (`TraverseOutput`: `Result<(), PyTraverseError>`).
    Traverse,
    /// The next item or the end (`NextOutput`: `Option<T>`, or a `PyResult` of one).
    Next,
    /// Nothing (`UnitOutput`: `()`, or a `PyResult` of it).
    Unit,
}

/// `(self) -> object`: `reprfunc`, `unaryfunc`.
pub const UNARY: SlotSignature = SlotSignature {
    trait_name: "UnarySlot",
    trampoline: "unaryfunc",
    params: &[],
    output: SlotOutput::Object,
    shape: "(&self) -> T",
    unsafe_call: false,
};

/// `(self) -> Py_hash_t`: `hashfunc`.
pub const HASH: SlotSignature = SlotSignature {
    trait_name: "HashSlot",
    trampoline: "hashfunc",
    params: &[],
    output: SlotOutput::Hash,
    shape: "(&self) -> u64",
    unsafe_call: false,
};

/// `(self, other, op) -> object`: `richcmpfunc`.
pub const RICHCMP: SlotSignature = SlotSignature {
    trait_name: "RichCmpSlot",
    trampoline: "richcmpfunc",
    params: &[SlotParam::Other, SlotParam::CompareOp],
    output: SlotOutput::Object,
    shape: "(&self, other: T, op: CompareOp) -> R",
    unsafe_call: false,
};

/// `(self) -> int` (0 or 1, -1 on error): `inquiry`.
pub const INQUIRY: SlotSignature = SlotSignature {
    trait_name: "InquirySlot",
    trampoline: "inquiry",
    params: &[],
    output: SlotOutput::Bool,
    shape: "(&self) -> bool",
    unsafe_call: false,
};

/// `(self, other) -> object`, one comparison operator; the six share one `richcmpfunc`
/// (`impl_::slots::richcmp_ops`), so `trampoline` is unused.
pub const COMPARE: SlotSignature = SlotSignature {
    trait_name: "BinarySlot",
    trampoline: "richcmp_ops",
    params: &[SlotParam::Other],
    output: SlotOutput::Object,
    shape: "(&self, other: T) -> R",
    unsafe_call: false,
};

/// `(self) -> Py_ssize_t`: `lenfunc`.
pub const LEN: SlotSignature = SlotSignature {
    trait_name: "LenSlot",
    trampoline: "lenfunc",
    params: &[],
    output: SlotOutput::Len,
    shape: "(&self) -> usize",
    unsafe_call: false,
};

/// `(self, key) -> object`: `binaryfunc` (`mp_subscript`); also `sq_item`.
pub const GETITEM: SlotSignature = SlotSignature {
    trait_name: "BinarySlot",
    trampoline: "binaryfunc",
    params: &[SlotParam::Arg],
    output: SlotOutput::Object,
    shape: "(&self, key: K) -> V",
    unsafe_call: false,
};

/// `(self, key, value)`: one half of `objobjargproc` (`mp_ass_subscript`).
pub const SETITEM: SlotSignature = SlotSignature {
    trait_name: "TernarySlot",
    trampoline: "ass_subscript",
    params: &[SlotParam::Arg, SlotParam::Arg],
    output: SlotOutput::Object,
    shape: "(&mut self, key: K, value: V)",
    unsafe_call: false,
};

/// `(self, key)`: the other half of `objobjargproc` (value `NULL`).
pub const DELITEM: SlotSignature = SlotSignature {
    trait_name: "BinarySlot",
    trampoline: "ass_subscript",
    params: &[SlotParam::Arg],
    output: SlotOutput::Object,
    shape: "(&mut self, key: K)",
    unsafe_call: false,
};

/// `(self, item) -> int`: `objobjproc` (`sq_contains`).
pub const CONTAINS: SlotSignature = SlotSignature {
    trait_name: "ContainsSlot",
    trampoline: "objobjproc",
    params: &[SlotParam::Arg],
    output: SlotOutput::Bool,
    shape: "(&self, item: T) -> bool",
    unsafe_call: false,
};

/// `(self) -> object or NULL without an exception`: `iternextfunc`.
pub const NEXT: SlotSignature = SlotSignature {
    trait_name: "IterNextSlot",
    trampoline: "iternextfunc",
    params: &[],
    output: SlotOutput::Next,
    shape: "(&mut self) -> Option<T>",
    unsafe_call: false,
};

/// `(self, visit, arg) -> int`: `traverseproc`.
pub const TRAVERSE: SlotSignature = SlotSignature {
    trait_name: "TraverseSlot",
    trampoline: "traverseproc",
    params: &[SlotParam::Visit],
    output: SlotOutput::Traverse,
    shape: "(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError>",
    unsafe_call: false,
};

/// `(self) -> int`: `inquiry` as `tp_clear` (the method's result is ignored).
pub const CLEAR: SlotSignature = SlotSignature {
    trait_name: "UnarySlot",
    trampoline: "clearproc",
    params: &[],
    output: SlotOutput::Object,
    shape: "(&mut self)",
    unsafe_call: false,
};

/// `(self, view, flags) -> int`: `getbufferproc`, combined with `__releasebuffer__` (see
/// [`COMBINED`]), so `trampoline` is unused.
pub const GETBUFFER: SlotSignature = SlotSignature {
    trait_name: "GetBufferSlot",
    trampoline: "getbuffer_slot",
    params: &[SlotParam::BufferView, SlotParam::BufferFlags],
    output: SlotOutput::Unit,
    shape: "`unsafe fn __getbuffer__(slf: PyRefMut<'_, Self>, view: *mut ffi::Py_buffer, \
            flags: c_int) -> PyResult<()>`",
    unsafe_call: true,
};

/// `(self, view)`: `releasebufferproc`, combined with `__getbuffer__`.
pub const RELEASEBUFFER: SlotSignature = SlotSignature {
    trait_name: "ReleaseBufferSlot",
    trampoline: "releasebuffer_slot",
    params: &[SlotParam::BufferView],
    output: SlotOutput::Unit,
    shape: "`unsafe fn __releasebuffer__(slf: PyRefMut<'_, Self>, view: *mut ffi::Py_buffer)`",
    unsafe_call: true,
};

/// The comparison methods, in the order of CPython's `Py_LT`..`Py_GE`.
pub const COMPARISONS: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

/// A slot filled from several methods: the block collects their markers (by `part`) and
/// fills the slot once with `trampoline::<Class, part0, part1, ...>`, a missing part being
/// `Absent<Class>`.
pub struct Combined {
    /// The `Py_*` slot id.
    pub slot: &'static str,
    /// The generic C trampoline in `impl_::slots`.
    pub trampoline: &'static str,
    /// How many parts.
    pub parts: usize,
    /// The runtime module (under `impl_`) holding the trampolines.
    pub module: &'static str,
    /// Whether the trampolines are `const fn`s returning the slot pointer (so a
    /// configuration lacking the slot can fail at compile time) rather than the C
    /// functions themselves.
    pub const_fn: bool,
    /// Further slots filled from the same parts, each with its trampoline.
    pub also: &'static [(&'static str, &'static str)],
}

/// Every combined slot.
pub const COMBINED: &[Combined] = &[
    Combined {
        slot: "Py_tp_richcompare",
        trampoline: "richcmp_ops",
        parts: 6,
        module: "slots",
        const_fn: false,
        also: &[],
    },
    Combined {
        slot: "Py_mp_ass_subscript",
        trampoline: "ass_subscript",
        parts: 2,
        module: "slots",
        const_fn: false,
        also: &[],
    },
    // Every export holds a borrow that only the release slot ends, so a class with
    // `__getbuffer__` always fills both.
    Combined {
        slot: "Py_bf_getbuffer",
        trampoline: "getbuffer_slot",
        parts: 2,
        module: "buffer_slots",
        const_fn: true,
        also: &[("Py_bf_releasebuffer", "releasebuffer_slot")],
    },
];

/// The combined slot a row is part of.
pub fn combined(slot: &str) -> &'static Combined {
    COMBINED
        .iter()
        .find(|c| c.slot == slot)
        .unwrap_or_else(|| panic!("`{slot}` is not a combined slot"))
}

const fn plain(
    name: &'static str,
    slot: &'static str,
    signature: &'static SlotSignature,
) -> SlotRow {
    SlotRow {
        name,
        slot,
        signature,
        part: None,
        also: &[],
    }
}

const fn part(
    name: &'static str,
    slot: &'static str,
    signature: &'static SlotSignature,
    part: usize,
) -> SlotRow {
    SlotRow {
        name,
        slot,
        signature,
        part: Some(part),
        also: &[],
    }
}

const fn compare(name: &'static str, index: usize) -> SlotRow {
    part(name, "Py_tp_richcompare", &COMPARE, index)
}

/// Every magic method that fills a slot.
pub const SLOTS: &[SlotRow] = &[
    plain("__repr__", "Py_tp_repr", &UNARY),
    plain("__str__", "Py_tp_str", &UNARY),
    plain("__hash__", "Py_tp_hash", &HASH),
    plain("__richcmp__", "Py_tp_richcompare", &RICHCMP),
    plain("__int__", "Py_nb_int", &UNARY),
    plain("__bool__", "Py_nb_bool", &INQUIRY),
    compare(COMPARISONS[0], 0),
    compare(COMPARISONS[1], 1),
    compare(COMPARISONS[2], 2),
    compare(COMPARISONS[3], 3),
    compare(COMPARISONS[4], 4),
    compare(COMPARISONS[5], 5),
    // As for a Python class, `len()` and the sequence API both see `__len__`, and
    // `__getitem__` also serves the sequence API (old-style iteration, `reversed()`).
    SlotRow {
        also: &[("Py_sq_length", "lenfunc")],
        ..plain("__len__", "Py_mp_length", &LEN)
    },
    SlotRow {
        also: &[("Py_sq_item", "sq_item")],
        ..plain("__getitem__", "Py_mp_subscript", &GETITEM)
    },
    part("__setitem__", "Py_mp_ass_subscript", &SETITEM, 0),
    part("__delitem__", "Py_mp_ass_subscript", &DELITEM, 1),
    plain("__contains__", "Py_sq_contains", &CONTAINS),
    plain("__iter__", "Py_tp_iter", &UNARY),
    plain("__next__", "Py_tp_iternext", &NEXT),
    plain("__traverse__", "Py_tp_traverse", &TRAVERSE),
    plain("__await__", "Py_am_await", &UNARY),
    plain("__aiter__", "Py_am_aiter", &UNARY),
    plain("__anext__", "Py_am_anext", &UNARY),
    plain("__clear__", "Py_tp_clear", &CLEAR),
    part("__getbuffer__", "Py_bf_getbuffer", &GETBUFFER, 0),
    part("__releasebuffer__", "Py_bf_getbuffer", &RELEASEBUFFER, 1),
];

/// A magic method that stays a regular method (full signature support) and also fills a
/// slot with a runtime function (under `impl_`) that calls it by name, as CPython's slot
/// functions do for Python classes.
pub struct MethodSlot {
    /// The Python name.
    pub name: &'static str,
    /// The `Py_*` slot id.
    pub slot: &'static str,
    /// The runtime function, as a path under `impl_`.
    pub function: &'static str,
    /// Whether an argument of the wrong type makes the method return `NotImplemented`
    /// (binary operators, so the other operand gets its turn) instead of raising.
    pub not_implemented: bool,
    /// How many parameters besides the receiver it may take (at least, at most).
    pub params: (usize, usize),
}

const fn by_name(name: &'static str, slot: &'static str, function: &'static str) -> MethodSlot {
    MethodSlot {
        name,
        slot,
        function,
        not_implemented: false,
        params: (0, usize::MAX),
    }
}

const fn operand(name: &'static str, slot: &'static str, function: &'static str) -> MethodSlot {
    MethodSlot {
        not_implemented: true,
        params: (1, 1),
        ..by_name(name, slot, function)
    }
}

const fn unary(name: &'static str, slot: &'static str, function: &'static str) -> MethodSlot {
    MethodSlot {
        params: (0, 0),
        ..by_name(name, slot, function)
    }
}

const fn fixed(row: MethodSlot, params: usize) -> MethodSlot {
    MethodSlot {
        params: (params, params),
        ..row
    }
}

const fn with_modulo(row: MethodSlot) -> MethodSlot {
    MethodSlot {
        params: (1, 2),
        ..row
    }
}

/// Every magic method filling a slot through the method itself. Operators and their
/// reflected forms share a slot (the runtime tries `a.__op__(b)`, then `b.__rop__(a)`).
pub const METHOD_SLOTS: &[MethodSlot] = &[
    by_name("__call__", "Py_tp_call", "method_slots::tp_call"),
    // The slots pass exactly these arguments, so the parameter counts are fixed.
    fixed(
        by_name("__get__", "Py_tp_descr_get", "method_slots::tp_descr_get"),
        2,
    ),
    fixed(
        by_name("__set__", "Py_tp_descr_set", "method_slots::tp_descr_set"),
        2,
    ),
    fixed(
        by_name(
            "__delete__",
            "Py_tp_descr_set",
            "method_slots::tp_descr_set",
        ),
        1,
    ),
    fixed(
        by_name(
            "__getattribute__",
            "Py_tp_getattro",
            "method_slots::tp_getattro",
        ),
        1,
    ),
    fixed(
        by_name("__getattr__", "Py_tp_getattro", "method_slots::tp_getattro"),
        1,
    ),
    fixed(
        by_name("__setattr__", "Py_tp_setattro", "method_slots::tp_setattro"),
        2,
    ),
    fixed(
        by_name("__delattr__", "Py_tp_setattro", "method_slots::tp_setattro"),
        1,
    ),
    operand("__add__", "Py_nb_add", "number_slots::binary::<0>"),
    operand("__radd__", "Py_nb_add", "number_slots::binary::<0>"),
    operand(
        "__iadd__",
        "Py_nb_inplace_add",
        "number_slots::inplace::<0>",
    ),
    operand("__sub__", "Py_nb_subtract", "number_slots::binary::<1>"),
    operand("__rsub__", "Py_nb_subtract", "number_slots::binary::<1>"),
    operand(
        "__isub__",
        "Py_nb_inplace_subtract",
        "number_slots::inplace::<1>",
    ),
    operand("__mul__", "Py_nb_multiply", "number_slots::binary::<2>"),
    operand("__rmul__", "Py_nb_multiply", "number_slots::binary::<2>"),
    operand(
        "__imul__",
        "Py_nb_inplace_multiply",
        "number_slots::inplace::<2>",
    ),
    operand(
        "__matmul__",
        "Py_nb_matrix_multiply",
        "number_slots::binary::<3>",
    ),
    operand(
        "__rmatmul__",
        "Py_nb_matrix_multiply",
        "number_slots::binary::<3>",
    ),
    operand(
        "__imatmul__",
        "Py_nb_inplace_matrix_multiply",
        "number_slots::inplace::<3>",
    ),
    operand(
        "__truediv__",
        "Py_nb_true_divide",
        "number_slots::binary::<4>",
    ),
    operand(
        "__rtruediv__",
        "Py_nb_true_divide",
        "number_slots::binary::<4>",
    ),
    operand(
        "__itruediv__",
        "Py_nb_inplace_true_divide",
        "number_slots::inplace::<4>",
    ),
    operand(
        "__floordiv__",
        "Py_nb_floor_divide",
        "number_slots::binary::<5>",
    ),
    operand(
        "__rfloordiv__",
        "Py_nb_floor_divide",
        "number_slots::binary::<5>",
    ),
    operand(
        "__ifloordiv__",
        "Py_nb_inplace_floor_divide",
        "number_slots::inplace::<5>",
    ),
    operand("__mod__", "Py_nb_remainder", "number_slots::binary::<6>"),
    operand("__rmod__", "Py_nb_remainder", "number_slots::binary::<6>"),
    operand(
        "__imod__",
        "Py_nb_inplace_remainder",
        "number_slots::inplace::<6>",
    ),
    operand("__divmod__", "Py_nb_divmod", "number_slots::binary::<7>"),
    operand("__rdivmod__", "Py_nb_divmod", "number_slots::binary::<7>"),
    operand("__lshift__", "Py_nb_lshift", "number_slots::binary::<8>"),
    operand("__rlshift__", "Py_nb_lshift", "number_slots::binary::<8>"),
    operand(
        "__ilshift__",
        "Py_nb_inplace_lshift",
        "number_slots::inplace::<8>",
    ),
    operand("__rshift__", "Py_nb_rshift", "number_slots::binary::<9>"),
    operand("__rrshift__", "Py_nb_rshift", "number_slots::binary::<9>"),
    operand(
        "__irshift__",
        "Py_nb_inplace_rshift",
        "number_slots::inplace::<9>",
    ),
    operand("__and__", "Py_nb_and", "number_slots::binary::<10>"),
    operand("__rand__", "Py_nb_and", "number_slots::binary::<10>"),
    operand(
        "__iand__",
        "Py_nb_inplace_and",
        "number_slots::inplace::<10>",
    ),
    operand("__or__", "Py_nb_or", "number_slots::binary::<11>"),
    operand("__ror__", "Py_nb_or", "number_slots::binary::<11>"),
    operand("__ior__", "Py_nb_inplace_or", "number_slots::inplace::<11>"),
    operand("__xor__", "Py_nb_xor", "number_slots::binary::<12>"),
    operand("__rxor__", "Py_nb_xor", "number_slots::binary::<12>"),
    operand(
        "__ixor__",
        "Py_nb_inplace_xor",
        "number_slots::inplace::<12>",
    ),
    with_modulo(operand("__pow__", "Py_nb_power", "number_slots::power")),
    operand("__rpow__", "Py_nb_power", "number_slots::power"),
    operand(
        "__ipow__",
        "Py_nb_inplace_power",
        "number_slots::inplace_power",
    ),
    unary("__neg__", "Py_nb_negative", "number_slots::unary::<0>"),
    unary("__pos__", "Py_nb_positive", "number_slots::unary::<1>"),
    unary("__abs__", "Py_nb_absolute", "number_slots::unary::<2>"),
    unary("__invert__", "Py_nb_invert", "number_slots::unary::<3>"),
    unary("__float__", "Py_nb_float", "number_slots::unary::<4>"),
    unary("__index__", "Py_nb_index", "number_slots::unary::<5>"),
];

/// Magic methods that fill no slot but that CPython calls with a fixed number of
/// arguments besides the receiver (`type.__new__` calls `__set_name__(owner, name)`).
pub const FIXED_ARITY: &[(&str, usize)] = &[("__set_name__", 2)];

/// The method slot of a magic method, by Python name.
pub fn find_method_slot(name: &str) -> Option<&'static MethodSlot> {
    METHOD_SLOTS.iter().find(|row| row.name == name)
}

/// The row of a magic method, by Python name.
pub fn find(name: &str) -> Option<&'static SlotRow> {
    SLOTS.iter().find(|row| row.name == name)
}

/// The row of a magic method that `#[pyclass]` options fill (the name is in the table).
pub fn row(name: &str) -> &'static SlotRow {
    find(name).unwrap_or_else(|| panic!("`{name}` is missing from the dunder table"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_dunders() {
        for (i, row) in SLOTS.iter().enumerate() {
            assert!(row.name.starts_with("__") && row.name.ends_with("__"));
            assert!(row.slot.starts_with("Py_"));
            assert!(SLOTS[i + 1..].iter().all(|other| other.name != row.name));
        }
        assert!(find("__repr__").is_some());
        for (i, name) in COMPARISONS.iter().enumerate() {
            assert_eq!(find(name).and_then(|row| row.part), Some(i));
        }
        assert!(find("__len__").is_some());
        assert!(find("__reversed__").is_none());
        for row in SLOTS.iter().filter(|row| row.part.is_some()) {
            assert!(row.part < Some(combined(row.slot).parts));
        }
    }
}
