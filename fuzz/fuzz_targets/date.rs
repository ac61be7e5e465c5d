//! Any text as an EDTF date: never a panic, and every accepted date is a non-empty range
//! that prints back as it was written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polity::date::FuzzyDate;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(d) = FuzzyDate::parse(text)
    {
        assert!(d.earliest() <= d.latest());
        assert_eq!(d.to_string(), text);
    }
});
