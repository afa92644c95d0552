//! Standard-library types beyond numbers, strings and collections: `NonZero*`, `Cell`,
//! `OsString`/`OsStr`, `PathBuf`/`Path`, `Duration`, `SystemTime`, IP addresses.

mod common;

use std::cell::Cell;
use std::ffi::{OsStr, OsString};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::num::{
    NonZeroI128, NonZeroI32, NonZeroI8, NonZeroU128, NonZeroU64, NonZeroU8, NonZeroUsize,
};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{assert_flat, check, err_text, eval};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyUnicodeEncodeError};
use pyo3::gil::owned_object_count;
use pyo3::prelude::*;

#[test]
fn nonzero_integers() {
    Python::with_gil(|py| {
        let v: NonZeroI32 = eval(py, "-5").extract().unwrap();
        assert_eq!(v.get(), -5);
        let v: NonZeroU128 = eval(py, "2**100").extract().unwrap();
        assert_eq!(v.get(), 1u128 << 100);
        let v: NonZeroUsize = eval(py, "7").extract().unwrap();
        assert_eq!(v.get(), 7);
        for zero in [
            err_text(eval(py, "0").extract::<NonZeroU8>()),
            err_text(eval(py, "0").extract::<NonZeroI128>()),
            err_text(eval(py, "0").extract::<NonZeroUsize>()),
        ] {
            assert_eq!(zero, "ValueError: invalid zero value");
        }
        let err = eval(py, "128").extract::<NonZeroI8>().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(py));
        let err = eval(py, "-1").extract::<NonZeroU64>().unwrap_err();
        assert!(err.is_instance_of::<PyOverflowError>(py));
        let err = eval(py, "1.5").extract::<NonZeroI32>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(py));

        assert!(check(
            py,
            "x == -3",
            NonZeroI8::new(-3).unwrap().into_py(py)
        ));
        assert!(check(
            py,
            "x == 2**127",
            NonZeroU128::new(1 << 127).unwrap().to_object(py)
        ));
    });
}

#[test]
fn cells_convert_as_their_value() {
    Python::with_gil(|py| {
        let c: Cell<i64> = eval(py, "42").extract().unwrap();
        assert_eq!(c.get(), 42);
        let v: Vec<Cell<u8>> = eval(py, "[1, 2]").extract().unwrap();
        assert_eq!(v[1].get(), 2);
        assert!(check(py, "x == 3", Cell::new(3u32).to_object(py)));
        assert!(check(py, "x is True", Cell::new(true).into_py(py)));
        let err = eval(py, "'a'").extract::<Cell<i64>>().unwrap_err();
        assert!(err.is_instance_of::<PyTypeError>(py));
    });
}

#[test]
fn os_strings_round_trip_including_invalid_utf8() {
    Python::with_gil(|py| {
        let s: OsString = eval(py, "'héllo'").extract().unwrap();
        assert_eq!(s, "héllo");
        assert!(check(py, "x == 'héllo'", OsStr::new("héllo").to_object(py)));
        assert_eq!(
            err_text(eval(py, "b'bytes'").extract::<OsString>()),
            "TypeError: 'bytes' object cannot be converted to 'PyString'"
        );

        #[cfg(unix)]
        {
            use std::os::unix::ffi::{OsStrExt, OsStringExt};
            let raw = OsString::from_vec(vec![b'a', 0xff, b'b']);
            let obj = raw.to_object(py);
            // Python sees the invalid byte as a lone surrogate, as os.fsdecode does.
            assert!(check(
                py,
                "x == 'a\\udcffb' and x == __import__('os').fsdecode(b'a\\xffb')",
                obj.clone_ref(py)
            ));
            let back: OsString = obj.extract(py).unwrap();
            assert_eq!(back.as_bytes(), [b'a', 0xff, b'b']);
            // Such a string is not valid Unicode for a Rust `String`.
            let err = obj.extract::<String>(py).unwrap_err();
            assert!(err.is_instance_of::<PyUnicodeEncodeError>(py));
            assert!(err.to_string().contains("surrogates not allowed"), "{err}");
            let back: OsString = raw.as_os_str().into_py(py).extract(py).unwrap();
            assert_eq!(back, raw);
        }
        // A lone surrogate from Python is rejected as `String` but kept by `OsString`.
        let lone = eval(py, "'\\udc80'");
        assert!(lone
            .extract::<String>()
            .unwrap_err()
            .is_instance_of::<PyUnicodeEncodeError>(py));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let os: OsString = lone.extract().unwrap();
            assert_eq!(os.as_bytes(), [0x80]);
        }
        assert!(check(py, "x == 'o'", OsString::from("o").into_py(py)));
        assert!(check(
            py,
            "x == 'c'",
            std::borrow::Cow::Borrowed(OsStr::new("c")).into_py(py)
        ));
    });
}

#[test]
fn paths_follow_fspath() {
    Python::with_gil(|py| {
        let p: PathBuf = eval(py, "'/tmp/a'").extract().unwrap();
        assert_eq!(p, Path::new("/tmp/a"));
        let p: PathBuf = eval(py, "__import__('pathlib').PurePosixPath('/x/y')")
            .extract()
            .unwrap();
        assert_eq!(p, Path::new("/x/y"));
        let p: PathBuf = eval(py, "type('P', (), {'__fspath__': lambda self: 'rel/p'})()")
            .extract()
            .unwrap();
        assert_eq!(p, Path::new("rel/p"));
        assert_eq!(
            err_text(eval(py, "3").extract::<PathBuf>()),
            "TypeError: expected str, bytes or os.PathLike object, not int"
        );
        assert_eq!(
            err_text(eval(py, "b'/bytes'").extract::<PathBuf>()),
            "TypeError: 'bytes' object cannot be converted to 'PyString'"
        );
        assert!(check(
            py,
            "x == '/a/b' and type(x) is str",
            Path::new("/a/b").to_object(py)
        ));
        assert!(check(py, "x == 'c'", PathBuf::from("c").into_py(py)));
        assert!(check(py, "x == 'd'", (&PathBuf::from("d")).into_py(py)));
        assert!(check(py, "x == 'e'", Path::new("e").into_py(py)));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let odd = PathBuf::from(OsString::from_vec(b"/\xfe".to_vec()));
            let back: PathBuf = odd.to_object(py).extract(py).unwrap();
            assert_eq!(back, odd);
        }
    });
}

#[test]
fn durations_and_timedeltas() {
    Python::with_gil(|py| {
        let d: Duration = eval(
            py,
            "__import__('datetime').timedelta(days=2, seconds=3, microseconds=4)",
        )
        .extract()
        .unwrap();
        assert_eq!(d, Duration::new(2 * 86_400 + 3, 4_000));
        let max: Duration = eval(py, "__import__('datetime').timedelta.max")
            .extract()
            .unwrap();
        assert_eq!(
            max,
            Duration::new(999_999_999 * 86_400 + 86_399, 999_999_000)
        );
        assert_eq!(
            err_text(
                eval(py, "__import__('datetime').timedelta(microseconds=-1)").extract::<Duration>()
            ),
            "ValueError: It is not possible to convert a negative timedelta to a Rust Duration"
        );
        assert_eq!(
            err_text(eval(py, "1.5").extract::<Duration>()),
            "TypeError: 'float' object cannot be converted to 'PyDelta'"
        );
        // Nanoseconds are truncated to microseconds.
        let obj = Duration::new(90_061, 1_001_999).into_py(py);
        assert!(check(
            py,
            "x == datetime.timedelta(days=1, seconds=3661, microseconds=1001)",
            obj
        ));
        assert!(check(
            py,
            "x == datetime.timedelta(0)",
            Duration::ZERO.to_object(py)
        ));
        assert!(check(py, "x == datetime.timedelta.max", max.to_object(py)));
    });
}

#[test]
#[should_panic(expected = "failed to convert a Duration")]
fn duration_beyond_timedelta_max_panics() {
    Python::with_gil(|py| {
        let _ = Duration::from_secs(1_000_000_000 * 86_400).into_py(py);
    });
}

#[test]
fn system_times_and_aware_datetimes() {
    Python::with_gil(|py| {
        let t = UNIX_EPOCH + Duration::new(1_700_000_000, 123_456_000);
        let obj = t.to_object(py);
        assert!(check(
            py,
            "x == datetime.datetime(2023, 11, 14, 22, 13, 20, 123456, tzinfo=datetime.timezone.utc) \
             and x.tzinfo is datetime.timezone.utc",
            obj.clone_ref(py)
        ));
        let back: SystemTime = obj.extract(py).unwrap();
        assert_eq!(back, t);
        // Another timezone, same instant.
        let other: SystemTime = eval(
            py,
            "__import__('datetime').datetime(2023, 11, 15, 0, 13, 20, 123456, \
             tzinfo=__import__('datetime').timezone(__import__('datetime').timedelta(hours=2)))",
        )
        .extract()
        .unwrap();
        assert_eq!(other, t);
        // Before the epoch, both ways.
        let early = UNIX_EPOCH - Duration::from_secs(86_400 + 1);
        let obj = early.into_py(py);
        assert!(check(
            py,
            "x == datetime.datetime(1969, 12, 30, 23, 59, 59, tzinfo=datetime.timezone.utc)",
            obj.clone_ref(py)
        ));
        assert_eq!(obj.extract::<SystemTime>(py).unwrap(), early);

        let err = eval(py, "__import__('datetime').datetime(2020, 1, 1)")
            .extract::<SystemTime>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: can't subtract offset-naive and offset-aware datetimes"
        );
        assert_eq!(
            err_text(eval(py, "__import__('datetime').date(2020, 1, 1)").extract::<SystemTime>()),
            "TypeError: 'date' object cannot be converted to 'PyDateTime'"
        );
    });
}

#[test]
fn ip_addresses() {
    Python::with_gil(|py| {
        let v4: Ipv4Addr = eval(py, "__import__('ipaddress').ip_address('192.168.0.1')")
            .extract()
            .unwrap();
        assert_eq!(v4, Ipv4Addr::new(192, 168, 0, 1));
        let v4: Ipv4Addr = eval(py, "'10.0.0.2'").extract().unwrap();
        assert_eq!(v4, Ipv4Addr::new(10, 0, 0, 2));
        let v6: Ipv6Addr = eval(py, "__import__('ipaddress').IPv6Address('::1')")
            .extract()
            .unwrap();
        assert_eq!(v6, Ipv6Addr::LOCALHOST);
        let v6: Ipv6Addr = eval(py, "'fe80::2'").extract().unwrap();
        assert_eq!(v6, "fe80::2".parse::<Ipv6Addr>().unwrap());
        let ip: IpAddr = eval(py, "__import__('ipaddress').ip_address('::2')")
            .extract()
            .unwrap();
        assert_eq!(ip, "::2".parse::<IpAddr>().unwrap());
        let ip: IpAddr = eval(py, "'1.2.3.4'").extract().unwrap();
        assert_eq!(ip, IpAddr::V4(Ipv4Addr::new(1, 2, 3, 4)));

        assert_eq!(
            err_text(eval(py, "__import__('ipaddress').IPv6Address('::1')").extract::<Ipv4Addr>()),
            "ValueError: invalid IPv4 address syntax"
        );
        assert_eq!(
            err_text(eval(py, "'not an ip'").extract::<IpAddr>()),
            "ValueError: invalid IP address syntax"
        );
        assert_eq!(
            err_text(eval(py, "type('X', (), {'packed': b'abc'})()").extract::<IpAddr>()),
            "ValueError: invalid packed length"
        );

        assert!(check(
            py,
            "x == ipaddress.IPv4Address('127.0.0.1')",
            Ipv4Addr::LOCALHOST.to_object(py)
        ));
        assert!(check(
            py,
            "x == ipaddress.IPv6Address('::1')",
            Ipv6Addr::LOCALHOST.into_py(py)
        ));
        let ip: IpAddr = "2001:db8::ff".parse().unwrap();
        let obj = ip.into_py(py);
        assert!(check(
            py,
            "x == ipaddress.ip_address('2001:db8::ff')",
            obj.clone_ref(py)
        ));
        assert_eq!(obj.extract::<IpAddr>(py).unwrap(), ip);
        assert!(check(
            py,
            "x.version == 4",
            IpAddr::V4(Ipv4Addr::BROADCAST).to_object(py)
        ));
    });
}

#[test]
fn std_conversions_leave_refcounts_and_pool_flat() {
    Python::with_gil(|py| {
        let inputs: Vec<PyObject> = [
            "'/some/path'",
            "__import__('pathlib').Path('/p')",
            "__import__('datetime').timedelta(days=3, microseconds=7)",
            "__import__('datetime').datetime(2001, 2, 3, tzinfo=__import__('datetime').timezone.utc)",
            "__import__('ipaddress').ip_address('::1')",
            "'1.2.3.4'",
            "12",
        ]
        .iter()
        .map(|code| eval(py, code).into())
        .collect();
        let [path, pathlike, delta, datetime, ip6, ip4str, twelve] = &inputs[..] else {
            unreachable!()
        };
        // Warm up the one-time imports.
        let _: SystemTime = datetime.extract(py).unwrap();
        let _ = Ipv6Addr::LOCALHOST.into_py(py);
        let _ = Ipv4Addr::LOCALHOST.into_py(py);
        assert_flat(py, &inputs, 300, |py| {
            let before = owned_object_count();
            let p: PathBuf = path.extract(py).unwrap();
            let q: PathBuf = pathlike.extract(py).unwrap();
            let o: OsString = path.extract(py).unwrap();
            let d: Duration = delta.extract(py).unwrap();
            let t: SystemTime = datetime.extract(py).unwrap();
            let a: IpAddr = ip6.extract(py).unwrap();
            let b: Ipv4Addr = ip4str.extract(py).unwrap();
            let n: NonZeroU8 = twelve.extract(py).unwrap();
            let c: Cell<i16> = twelve.extract(py).unwrap();
            let back = (
                p.into_py(py),
                q.as_path().to_object(py),
                o.into_py(py),
                d.into_py(py),
                t.into_py(py),
                a.into_py(py),
                b.into_py(py),
                n.into_py(py),
                c.into_py(py),
            );
            drop(back);
            assert_eq!(owned_object_count(), before);
        });
    });
}
