//! The page's first-load module is built without grids (`--no-default-features`, see
//! scripts/build-wasm.sh): it must set every table with several value columns aside for the
//! complete module, never misread one as a vertical form, and check the seed's forms in full.
//! Run by scripts/test.sh as `cargo test --no-default-features --test first_module`.
#![cfg(not(feature = "grids"))]

use kiemso::{check_text, Options};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/grids/");

#[test]
fn grids_are_set_aside_not_misread() {
    for name in [
        "commune.tsv",
        "ii06a.tsv",
        "levels.tsv",
        "periods.tsv",
        "b03-periods.tsv",
        "commune-en.tsv",
    ] {
        let text = std::fs::read_to_string(format!("{FIXTURES}{name}")).unwrap();
        let o = check_text(&text, &Options::default()).unwrap();
        assert_eq!(o.grids_pending, 1, "{name}");
        assert!(o.forms.is_empty(), "{name}: {:?}", o.forms);
        assert_eq!(o.summary.fail + o.summary.warn, 0, "{name}");
        assert!(o.to_json().contains("\"grids_pending\": 1"));
    }
}

#[test]
fn the_seeds_vertical_forms_are_checked_here() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/examples/khanh-hoa-q3-2024.txt"
    ))
    .unwrap();
    let o = check_text(&text, &Options::default()).unwrap();
    assert_eq!(o.grids_pending, 0);
    assert_eq!(o.forms.len(), 7);
    assert_eq!(o.summary.fail, 0);
    assert!(!o.to_json().contains("grids_pending"));
}
