//! Greenlets switching inside Rust code that holds pooled references (PyO3 issue #3668):
//! every greenlet keeps its own pool, so no greenlet's scope frees another's temporaries.
//!
//! Needs the `greenlet` package in the embedded interpreter; each test prints a notice and
//! passes vacuously when `import greenlet` fails.

mod raw_fn;

use pyo3::gil::owned_object_count;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// A namespace with `greenlet`, `weakref` and a weak-referenceable class `Obj`, or `None`
/// (after a notice) if greenlet is not installed.
fn namespace(py: Python<'_>) -> Option<&PyDict> {
    if let Err(err) = py.import("greenlet") {
        eprintln!(
            "skipping: `import greenlet` failed ({err}); pip install greenlet to run this test"
        );
        return None;
    }
    let ns = PyDict::new(py);
    py.run(
        "import greenlet, weakref\nclass Obj: pass\nmain = greenlet.getcurrent()",
        Some(ns),
        None,
    )
    .unwrap();
    Some(ns)
}

fn alive(py: Python<'_>, ns: &PyDict, weakref_name: &str) -> PyResult<bool> {
    py.eval(&format!("{weakref_name}() is not None"), Some(ns), None)?
        .extract()
}

/// Greenlet B, inside its own scope, switches to A; A opens a newer scope and switches
/// back; B creates a temporary `t` (with a shared pool it would land in A's newer scope),
/// switches to A, which closes its scope; B resumes and `t` must still be alive, with the
/// pool's single reference.
fn greenlet_b(py: Python<'_>, args: &PyTuple) -> PyResult<PyObject> {
    let ns: &PyDict = args.get_item(0)?.downcast()?;
    let ga = ns.get_item("ga")?.expect("ga");
    let obj = ns.get_item("Obj")?.expect("Obj");
    let weakref = ns.get_item("weakref")?.expect("weakref").getattr("ref")?;

    let x = obj.call0()?;
    ns.set_item("wr_x", weakref.call1((x,))?)?;
    ga.call_method0("switch")?; // A starts, opens its scope, switches back here

    let t = obj.call0()?;
    ns.set_item("wr_t", weakref.call1((t,))?)?;
    let count_before = owned_object_count();
    ga.call_method0("switch")?; // A closes its scope, then body_a switches back here
                                // Our pool grew by the `switch` result only: A's objects never entered it.
    let b_pool_growth = owned_object_count() as isize - count_before as isize;

    ns.set_item("t_alive", alive(py, ns, "wr_t")?)?;
    ns.set_item("x_alive", alive(py, ns, "wr_x")?)?;
    ns.set_item("y_alive_after_a_closed", alive(py, ns, "wr_y")?)?;
    if alive(py, ns, "wr_t")? && alive(py, ns, "wr_x")? {
        // Only our pool holds them.
        ns.set_item("t_refcnt", t.get_refcnt())?;
        ns.set_item("x_refcnt", x.get_refcnt())?;
    }
    ns.set_item("b_pool_growth", b_pool_growth)?;
    Ok(py.None())
}

fn greenlet_a(py: Python<'_>, args: &PyTuple) -> PyResult<PyObject> {
    let ns: &PyDict = args.get_item(0)?.downcast()?;
    let gb = ns.get_item("gb")?.expect("gb");
    let obj = ns.get_item("Obj")?.expect("Obj");
    let weakref = ns.get_item("weakref")?.expect("weakref").getattr("ref")?;

    let y = obj.call0()?;
    ns.set_item("wr_y", weakref.call1((y,))?)?;
    let count_before = owned_object_count();
    gb.call_method0("switch")?; // B resumes, creates `t`, switches back
    ns.set_item(
        "a_pool_growth",
        owned_object_count() as isize - count_before as isize,
    )?;
    ns.set_item("y_refcnt", y.get_refcnt())?;
    Ok(py.None()) // our scope closes here, while B is suspended inside its own
}

#[test]
fn greenlet_resuming_inside_its_scope_keeps_its_temporaries() {
    Python::with_gil(|py| {
        let Some(ns) = namespace(py) else { return };
        ns.set_item("rust_a", raw_fn::scoped(py, c"rust_a", greenlet_a))
            .unwrap();
        ns.set_item("rust_b", raw_fn::scoped(py, c"rust_b", greenlet_b))
            .unwrap();
        // What a `py.run` leaves in the pool by itself (its code object and result).
        let baseline = owned_object_count();
        py.run("pass", Some(ns), None).unwrap();
        let run_growth = owned_object_count() - baseline;
        let main_pool = owned_object_count();
        py.run(
            r#"
def body_a():
    rust_a(ns)
    gb.switch()       # let B resume after A's scope closed
def body_b():
    rust_b(ns)
ns = globals()
ga = greenlet.greenlet(body_a)
gb = greenlet.greenlet(body_b)
gb.switch()           # B runs until it finishes (A ran in between)
ga.switch()           # let A finish too
assert ga.dead and gb.dead
"#,
            Some(ns),
            None,
        )
        .unwrap();
        // The main greenlet's pool holds nothing of either greenlet's.
        assert_eq!(owned_object_count(), main_pool + run_growth);
        let get = |name: &str| ns.get_item(name).unwrap().unwrap();
        assert!(
            get("t_alive").extract::<bool>().unwrap(),
            "B's temporary was freed by A's scope"
        );
        assert!(get("x_alive").extract::<bool>().unwrap());
        assert_eq!(get("t_refcnt").extract::<isize>().unwrap(), 1);
        assert_eq!(get("x_refcnt").extract::<isize>().unwrap(), 1);
        // A's own temporaries were released when its scope closed: nothing is deferred.
        assert!(!get("y_alive_after_a_closed").extract::<bool>().unwrap());
        assert_eq!(get("y_refcnt").extract::<isize>().unwrap(), 1);
        assert_eq!(get("a_pool_growth").extract::<isize>().unwrap(), 1);
        assert_eq!(get("b_pool_growth").extract::<isize>().unwrap(), 1);
        // B's scope released its objects when rust_b returned.
        assert!(!alive(py, ns, "wr_t").unwrap());
        assert!(!alive(py, ns, "wr_x").unwrap());
    });
}

/// A fast-path function (no scope, no token) whose body takes the GIL itself, creates a
/// temporary, and switches to the main greenlet while holding it.
fn greenlet_c(args: Py<PyTuple>) -> PyResult<PyObject> {
    Python::with_gil(|py| {
        let ns: &PyDict = args.as_ref(py).get_item(0)?.downcast()?;
        let obj = ns.get_item("Obj")?.expect("Obj");
        let t = obj.call0()?;
        let weakref = ns.get_item("weakref")?.expect("weakref").getattr("ref")?;
        ns.set_item("wr_c", weakref.call1((t,))?)?;
        ns.get_item("main")?.expect("main").call_method0("switch")?;
        // Resumed after the main greenlet's `with_gil` scope closed.
        let alive = alive(py, ns, "wr_c")?;
        let refcnt = if alive { t.get_refcnt() } else { -1 };
        Ok((alive, refcnt).into_py(py))
    })
}

#[test]
fn with_gil_in_a_greenlet_without_a_scope_gets_its_own() {
    let ns: Option<Py<PyDict>> = Python::with_gil(|py| {
        let ns = namespace(py)?;
        ns.set_item("rust_c", raw_fn::bare(py, c"rust_c", greenlet_c))
            .unwrap();
        // C runs until it switches back to us, holding `t` in its `with_gil`.
        py.run(
            "gc_ = greenlet.greenlet(lambda: rust_c(ns))\nns = globals()\ngc_.switch()",
            Some(ns),
            None,
        )
        .unwrap();
        Some(ns.into())
    });
    let Some(ns) = ns else { return };
    // The main greenlet's outermost scope has closed. Resume C.
    Python::with_gil(|py| {
        let ns = ns.as_ref(py);
        let (alive, refcnt): (bool, isize) = py
            .eval("gc_.switch()", Some(ns), None)
            .unwrap()
            .extract()
            .unwrap();
        assert!(
            alive,
            "the greenlet's temporary was freed while it was suspended"
        );
        assert_eq!(refcnt, 1);
        assert!(!self::alive(py, ns, "wr_c").unwrap());
    });
}

/// Runs a round of switches while holding temporaries in a `with_pool` scope.
fn worker(py: Python<'_>, args: &PyTuple) -> PyResult<PyObject> {
    let ns: &PyDict = args.get_item(0)?.downcast()?;
    let rounds: usize = args.get_item(1)?.extract()?;
    let obj = ns.get_item("Obj")?.expect("Obj").into_py(py);
    let next: PyObject = ns.get_item("next_greenlet")?.expect("next").into_py(py);
    let mut checked = 0usize;
    for round in 0..rounds {
        checked += py.with_pool(|py| -> PyResult<usize> {
            let mine = obj.call0(py)?.into_ref(py);
            let marker = round.into_py(py).into_ref(py);
            mine.setattr("round", marker)?;
            next.call0(py)?; // hands control to some other greenlet
                             // Our temporaries survived whatever the others did meanwhile.
            assert_eq!(mine.get_refcnt(), 1);
            assert_eq!(mine.getattr("round")?.extract::<usize>()?, round);
            Ok(1)
        })?;
    }
    Ok(checked.into_py(py))
}

#[test]
fn many_greenlets_switching_inside_with_pool() {
    Python::with_gil(|py| {
        let Some(ns) = namespace(py) else { return };
        ns.set_item("worker", raw_fn::scoped(py, c"worker", worker))
            .unwrap();
        let baseline = owned_object_count();
        py.run("pass", Some(ns), None).unwrap();
        let run_growth = owned_object_count() - baseline;
        let before = owned_object_count();
        py.run(
            r#"
import random
rng = random.Random(7)
results = []
def next_greenlet():
    # switch to a random live worker (or back to the main greenlet)
    live = [g for g in workers if not g.dead and g is not greenlet.getcurrent()]
    if live:
        rng.choice(live).switch()
def run():
    results.append(worker(globals(), 50))
workers = [greenlet.greenlet(run) for _ in range(8)]
while any(not g.dead for g in workers):
    for g in workers:
        if not g.dead:
            g.switch()
assert results == [50] * 8, results
"#,
            Some(ns),
            None,
        )
        .unwrap();
        // 400 temporaries came and went; the main greenlet's pool holds only what any
        // `py.run` leaves there.
        assert_eq!(owned_object_count(), before + run_growth);
    });
}

#[test]
fn switch_hook_chains_to_an_earlier_trace_function() {
    Python::with_gil(|py| {
        let Some(ns) = namespace(py) else { return };
        ns.set_item("noop", raw_fn::scoped(py, c"noop", |py, _| Ok(py.None())))
            .unwrap();
        // A fresh Python thread: no Rust scope has opened there, so the user's trace
        // function comes first and pyo3's hook, installed by `noop()`, must chain to it.
        py.run(
            r#"
import threading
out = {}
def thread_main():
    events = []
    greenlet.settrace(lambda event, args: events.append(event))
    noop()
    g = greenlet.greenlet(lambda: greenlet.getcurrent().parent.switch())
    g.switch()
    g.switch()
    out["events"] = events
    out["hook"] = greenlet.gettrace()
    greenlet.settrace(None)
t = threading.Thread(target=thread_main)
t.start()
t.join()
"#,
            Some(ns),
            None,
        )
        .unwrap();
        let events: String = py
            .eval("' '.join(out['events'])", Some(ns), None)
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(events, "switch switch switch switch");
        let hook_name: String = py
            .eval("out['hook'].__name__", Some(ns), None)
            .unwrap()
            .extract()
            .unwrap();
        assert_eq!(hook_name, "pyo3_greenlet_trace");
    });
}
