//! The Wasm boundary, run in headless Chromium by `wasm-bindgen-test`:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/zip64.rs"]
mod zip64;

const SEED: &str = include_str!("../www/examples/khanh-hoa-q3-2024.txt");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn run(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    kiemso::wasm::check(text, options)
}

#[wasm_bindgen_test]
fn seed_returns_the_contract_as_a_plain_object() {
    let r = run(SEED, JsValue::UNDEFINED).unwrap();
    let forms = Array::from(&get(&r, "forms"));
    assert_eq!(forms.length(), 7);
    assert_eq!(
        get(&forms.get(2), "form").as_string().as_deref(),
        Some("B03")
    );
    assert_eq!(get(&get(&r, "summary"), "fail").as_f64(), Some(0.0));
    // A plain object, not a Map: the page reads fields directly.
    assert!(get(&r, "summary").is_instance_of::<Object>());
    let checks = Array::from(&get(&r, "checks"));
    let ratio = checks
        .iter()
        .find(|c| get(c, "id").as_string().as_deref() == Some("ratio:B03/3.1,B03/3.1.2,B03/3.1.1"))
        .unwrap();
    // Decimals cross as Vietnamese strings, never as floats.
    assert_eq!(
        get(&ratio, "reported").as_string().as_deref(),
        Some("99,59")
    );
    assert_eq!(
        get(&ratio, "expected").as_string().as_deref(),
        Some("99,59")
    );
    assert_eq!(get(&ratio, "status").as_string().as_deref(), Some("pass"));
}

#[wasm_bindgen_test]
fn overrides_rerun_the_checks() {
    let options = Object::new();
    let overrides = Object::new();
    Reflect::set(&overrides, &"B03/3.1.2".into(), &"66.678".into()).unwrap();
    Reflect::set(&options, &"overrides".into(), &overrides).unwrap();
    let r = run(SEED, options.into()).unwrap();
    assert_eq!(get(&get(&r, "summary"), "fail").as_f64(), Some(1.0));
}

/// `checkJson`/`checkFileJson` (what the page's worker transfers): the same document as
/// `check`/`checkFile` once parsed, the fields the worker decides on beside it, the same errors.
#[wasm_bindgen_test]
fn the_json_bytes_are_the_same_document() {
    let same = |object: JsValue, bytes: JsValue| {
        let json = get(&bytes, "json")
            .dyn_into::<js_sys::Uint8Array>()
            .unwrap();
        // A buffer of its own, to be transferred whole.
        assert_eq!(json.byte_offset(), 0);
        assert_eq!(json.buffer().byte_length(), json.length());
        let text = String::from_utf8(json.to_vec()).unwrap();
        let parsed = js_sys::JSON::parse(&text).unwrap();
        let print = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
        assert_eq!(print(&parsed), print(&object));
        for key in ["narrative_lines", "narrative_checked"] {
            assert_eq!(print(&get(&bytes, key)), print(&get(&object, key)), "{key}");
        }
        // Absent from the document when 0 or false; always given beside the bytes.
        assert_eq!(get(&bytes, "grids_pending").as_f64(), Some(0.0));
        assert_eq!(get(&bytes, "suggestions_pending").as_bool(), Some(false));
    };
    let options = Object::new();
    let overrides = Object::new();
    Reflect::set(&overrides, &"B03/3.1.2".into(), &"66.678".into()).unwrap();
    Reflect::set(&options, &"overrides".into(), &overrides).unwrap();
    same(
        run(SEED, options.clone().into()).unwrap(),
        kiemso::wasm::check_json(SEED, options.into()).unwrap(),
    );
    let docx = include_bytes!("fixtures/khanh-hoa-q3-2024.docx");
    same(
        kiemso::wasm::check_file_js(docx, "bao-cao.docx", JsValue::UNDEFINED).unwrap(),
        kiemso::wasm::check_file_json(docx, "bao-cao.docx", JsValue::UNDEFINED).unwrap(),
    );
    let e = kiemso::wasm::check_json("   ", JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("empty"));
}

#[wasm_bindgen_test]
fn unusable_input_throws_a_vietnamese_error() {
    let e = run("   ", JsValue::UNDEFINED).unwrap_err();
    let message = get(&e, "message").as_string().unwrap();
    assert!(message.contains("Không có nội dung"), "{message}");
    // A program tells a refusal from a fault by its code, not by parsing the message.
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("empty"));
    let options = Object::new();
    Reflect::set(&options, &"catalogue".into(), &"{".into()).unwrap();
    let e = run(SEED, options.into()).unwrap_err();
    assert!(get(&e, "message").as_string().unwrap().contains("Danh mục"));
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("catalogue"));
}

/// `fileText` is the page's way to open a file into its text box: the same sniffing as
/// `checkFile` and the CLI, whatever the file's name.
#[wasm_bindgen_test]
fn file_text_sniffs_by_content() {
    let docx = include_bytes!("fixtures/khanh-hoa-q3-2024.docx");
    assert!(kiemso::wasm::file_text(docx, "bao-cao.txt")
        .unwrap()
        .is_null());
    let e = kiemso::wasm::file_text(b"MZ\x90\0\x03\0\0\0program", "bao-cao.txt").unwrap_err();
    let message = get(&e, "message").as_string().unwrap();
    assert!(message.contains("chương trình"), "{message}");
    let csv = include_bytes!("fixtures/khanh-hoa-q3-2024-1258.csv");
    let opened = kiemso::wasm::file_text(csv, "bieu.txt").unwrap();
    assert!(get(&opened, "text")
        .as_string()
        .unwrap()
        .starts_with("Biểu mẫu số 01"));
    assert!(get(&opened, "note")
        .as_string()
        .unwrap()
        .contains("Windows-1258"));
    let plain = kiemso::wasm::file_text(SEED.as_bytes(), "bao-cao.txt").unwrap();
    assert_eq!(get(&plain, "text").as_string().unwrap(), SEED);
    assert!(get(&plain, "note").is_null());
}

#[wasm_bindgen_test]
fn check_file_reads_bytes_and_refuses_broken_files() {
    let docx = include_bytes!("fixtures/khanh-hoa-q3-2024.docx");
    let r = kiemso::wasm::check_file_js(docx, "bao-cao.docx", JsValue::UNDEFINED).unwrap();
    assert_eq!(Array::from(&get(&r, "forms")).length(), 7);
    assert_eq!(get(&get(&r, "summary"), "fail").as_f64(), Some(0.0));
    assert_eq!(get(&r, "narrative_checked").as_bool(), Some(true));
    let e =
        kiemso::wasm::check_file_js(b"PK\x03\x04 cut short", "bao-cao.docx", JsValue::UNDEFINED)
            .unwrap_err();
    let message = get(&e, "message").as_string().unwrap();
    assert!(message.contains("bao-cao.docx"), "{message}");
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("unreadable"));
}

#[wasm_bindgen_test]
fn a_zip64_offset_beyond_4_gb_is_not_truncated_to_32_bits() {
    let docx = include_bytes!("fixtures/khanh-hoa-q3-2024.docx");
    let good = zip64::as_zip64(docx, |at| at);
    let r = kiemso::wasm::check_file_js(&good, "bao-cao.docx", JsValue::UNDEFINED).unwrap();
    assert_eq!(Array::from(&get(&r, "forms")).length(), 7);
    // The offset plus 4 GB: a 32-bit cast reads the real record at its low bits.
    let far = zip64::as_zip64(docx, |at| at + (1 << 32));
    let e = kiemso::wasm::check_file_js(&far, "bao-cao.docx", JsValue::UNDEFINED).unwrap_err();
    let message = get(&e, "message").as_string().unwrap();
    assert!(message.contains("bao-cao.docx"), "{message}");
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("unreadable"));
}

#[wasm_bindgen_test]
fn target_answers_what_it_takes() {
    let goal = kiemso::wasm::target(SEED, "B03/3.1", "99,80", None, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&goal, "cell").as_string().as_deref(), Some("B03/3.1"));
    assert_eq!(get(&goal, "reachable").as_bool(), Some(true));
    let changes = Array::from(&get(&goal, "changes"));
    // Figures cross as Vietnamese strings.
    assert_eq!(
        get(&changes.get(0), "to").as_string().as_deref(),
        Some("66.822")
    );
    // The denominator on request; the what-if edits first.
    let options = js_sys::JSON::parse(r#"{"overrides": {"B03/3.1.2": "66.700"}}"#).unwrap();
    let goal =
        kiemso::wasm::target(SEED, "B03/3.1", "99,80", Some("3.1.1".into()), options).unwrap();
    let changes = Array::from(&get(&goal, "changes"));
    assert_eq!(
        get(&changes.get(0), "cell").as_string().as_deref(),
        Some("B03/3.1.1")
    );
    let err = kiemso::wasm::target(SEED, "B09/1", "5", None, JsValue::UNDEFINED).unwrap_err();
    let message = get(&err, "message").as_string().unwrap();
    assert!(message.contains("không tìm thấy ô B09/1"), "{message}");
}

/// One report of the page's inbox as `checkReports` takes it.
#[cfg(feature = "batch")]
fn inbox_file(name: &str, text: &str) -> Object {
    let o = Object::new();
    Reflect::set(&o, &"name".into(), &name.into()).unwrap();
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    Reflect::set(&o, &"bytes".into(), &bytes).unwrap();
    o
}

#[cfg(feature = "batch")]
#[wasm_bindgen_test]
fn the_inbox_functions_return_the_clis_json_with_what_the_user_gave() {
    let a = "UBND huyện A\nBÁO CÁO\nQuý III/2024\nBiểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t3\n";
    let b = "UBND huyện B\nBÁO CÁO\nQuý III/2024\nBiểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t4\n";
    let given = inbox_file("b.txt", b);
    Reflect::set(&given, &"unit".into(), &"Huyện B (đã sửa)".into()).unwrap();
    let overrides = Object::new();
    Reflect::set(&overrides, &"B01/1".into(), &"40".into()).unwrap();
    Reflect::set(&given, &"overrides".into(), &overrides).unwrap();
    let broken = inbox_file("hong.docx", "PK\u{3}\u{4} không phải Word");
    let files = Array::of3(&inbox_file("a.txt", a), &given, &broken);
    let batch = kiemso::wasm::check_reports(files.clone().into(), JsValue::UNDEFINED).unwrap();
    let reports = Array::from(&get(&batch, "reports"));
    assert_eq!(reports.length(), 3);
    assert_eq!(
        get(&reports.get(1), "unit").as_string().as_deref(),
        Some("Huyện B (đã sửa)")
    );
    assert_eq!(
        get(&reports.get(1), "unit_from").as_string().as_deref(),
        Some("given")
    );
    assert_eq!(
        get(&get(&reports.get(0), "period_key"), "months").as_f64(),
        Some(9.0)
    );
    assert!(get(&reports.get(2), "error").as_string().is_some());
    // The edit is that report's alone, and the consolidation adds it up: 3 + 40.
    let units = Array::of2(&files.get(0), &files.get(1));
    let c =
        kiemso::wasm::consolidate_reports(units.clone().into(), JsValue::NULL, JsValue::UNDEFINED)
            .unwrap();
    let forms = Array::from(&get(&get(&c, "consolidated"), "forms"));
    let row = Array::from(&get(&forms.get(0), "rows")).get(0);
    assert_eq!(get(&row, "value").as_string().as_deref(), Some("43"));
    let book = kiemso::wasm::consolidated_workbook(units.into(), JsValue::NULL, JsValue::UNDEFINED)
        .unwrap();
    assert!(book.starts_with(b"PK"));
    // A Word file is a package, not an archive of reports; a list that is not one is refused.
    assert!(kiemso::wasm::unzip_reports(b"plain text", "a.txt")
        .unwrap()
        .is_null());
    assert!(kiemso::wasm::check_reports("không phải mảng".into(), JsValue::UNDEFINED).is_err());
}
