//! The whole check of pasted text, and its JSON: never panics, and the JSON is the contract's.
#![no_main]

use kiemso::outcome::Kind;
use kiemso::{check_text, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let outcome = match check_text(text, &Options::default()) {
        Ok(o) => o,
        Err(e) => {
            // An unusable input is refused with a message, never an empty one.
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let s = outcome.summary;
    assert_eq!(s.pass + s.fail + s.warn + s.na, outcome.checks.len());
    for c in &outcome.checks {
        assert!(!c.message().is_empty(), "{c:?}");
        // A check names its cells; only arithmetic inside the narrative may name none.
        assert!(!c.cells.is_empty() || c.kind == Kind::Narrative, "{c:?}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&outcome.to_json()).expect("to_json gives JSON");
    for key in ["forms", "checks", "summary", "notices"] {
        assert!(json.get(key).is_some(), "{key}");
    }
});
