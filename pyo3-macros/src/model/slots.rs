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

/// Every magic method that fills a slot.
pub const SLOTS: &[SlotRow] = &[
    SlotRow {
        name: "__repr__",
        slot: "Py_tp_repr",
        signature: &UNARY,
    },
    SlotRow {
        name: "__str__",
        slot: "Py_tp_str",
        signature: &UNARY,
    },
    SlotRow {
        name: "__hash__",
        slot: "Py_tp_hash",
        signature: &HASH,
    },
    SlotRow {
        name: "__richcmp__",
        slot: "Py_tp_richcompare",
        signature: &RICHCMP,
    },
    SlotRow {
        name: "__int__",
        slot: "Py_nb_int",
        signature: &UNARY,
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
        assert!(find("__len__").is_none());
    }
}
