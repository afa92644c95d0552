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
}

/// A parameter of a slot after `self`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotParam {
    /// Any object, extracted to the parameter's type; a failed extraction makes the slot
    /// return `NotImplemented`.
    Other,
    /// The comparison operator (`CompareOp`).
    CompareOp,
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
}

/// `(self) -> object`: `reprfunc`, `unaryfunc`.
pub const UNARY: SlotSignature = SlotSignature {
    trait_name: "UnarySlot",
    trampoline: "unaryfunc",
    params: &[],
    output: SlotOutput::Object,
    shape: "(&self) -> T",
};

/// `(self) -> Py_hash_t`: `hashfunc`.
pub const HASH: SlotSignature = SlotSignature {
    trait_name: "HashSlot",
    trampoline: "hashfunc",
    params: &[],
    output: SlotOutput::Hash,
    shape: "(&self) -> u64",
};

/// `(self, other, op) -> object`: `richcmpfunc`.
pub const RICHCMP: SlotSignature = SlotSignature {
    trait_name: "RichCmpSlot",
    trampoline: "richcmpfunc",
    params: &[SlotParam::Other, SlotParam::CompareOp],
    output: SlotOutput::Object,
    shape: "(&self, other: T, op: CompareOp) -> R",
};

/// `(self) -> int` (0 or 1, -1 on error): `inquiry`.
pub const INQUIRY: SlotSignature = SlotSignature {
    trait_name: "InquirySlot",
    trampoline: "inquiry",
    params: &[],
    output: SlotOutput::Bool,
    shape: "(&self) -> bool",
};

/// `(self, other) -> object`, one comparison operator; the six share one `richcmpfunc`
/// (`impl_::slots::richcmp_ops`), so `trampoline` is unused.
pub const COMPARE: SlotSignature = SlotSignature {
    trait_name: "BinarySlot",
    trampoline: "richcmp_ops",
    params: &[SlotParam::Other],
    output: SlotOutput::Object,
    shape: "(&self, other: T) -> R",
};

/// The comparison methods, in the order of CPython's `Py_LT`..`Py_GE`.
pub const COMPARISONS: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

const fn compare(name: &'static str, part: usize) -> SlotRow {
    SlotRow {
        name,
        slot: "Py_tp_richcompare",
        signature: &COMPARE,
        part: Some(part),
    }
}

/// Every magic method that fills a slot.
pub const SLOTS: &[SlotRow] = &[
    SlotRow {
        name: "__repr__",
        slot: "Py_tp_repr",
        signature: &UNARY,
        part: None,
    },
    SlotRow {
        name: "__str__",
        slot: "Py_tp_str",
        signature: &UNARY,
        part: None,
    },
    SlotRow {
        name: "__hash__",
        slot: "Py_tp_hash",
        signature: &HASH,
        part: None,
    },
    SlotRow {
        name: "__richcmp__",
        slot: "Py_tp_richcompare",
        signature: &RICHCMP,
        part: None,
    },
    SlotRow {
        name: "__bool__",
        slot: "Py_nb_bool",
        signature: &INQUIRY,
        part: None,
    },
    compare(COMPARISONS[0], 0),
    compare(COMPARISONS[1], 1),
    compare(COMPARISONS[2], 2),
    compare(COMPARISONS[3], 3),
    compare(COMPARISONS[4], 4),
    compare(COMPARISONS[5], 5),
    SlotRow {
        name: "__int__",
        slot: "Py_nb_int",
        signature: &UNARY,
        part: None,
    },
];

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
        assert!(find("__len__").is_none());
    }
}
