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

#[test]
fn a_failure_asks_the_complete_module_for_suggestions() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/examples/khanh-hoa-q3-2024.txt"
    ))
    .unwrap();
    // The clean seed (its two 0/0 warnings have no imbalance): nothing to localise.
    let clean = check_text(&seed, &Options::default()).unwrap();
    assert!(!clean.suggestions_pending);
    // Digits swapped in B03/3.1.2: the ratio fails; the suggestions come from the complete module.
    let mut overrides = std::collections::BTreeMap::new();
    overrides.insert("B03/3.1.2".to_string(), "66.867".to_string());
    let edited = check_text(
        &seed,
        &Options {
            overrides,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(edited.summary.fail > 0);
    assert!(edited.suggestions.is_empty());
    assert!(edited.suggestions_pending);
    assert!(edited.to_json().contains("\"suggestions_pending\": true"));
}
