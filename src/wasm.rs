//! The WebAssembly boundary: the only file that touches `JsValue`.
//!
//! `check(text, options)` returns the JSON contract (docs/contract.md) as a plain JS object, with every
//! decimal as a Vietnamese-printed string (an absent value is `null`, as in the CLI's JSON). Unusable input throws a JS `Error` whose `message` is the
//! Vietnamese explanation and whose `code` says what kind of refusal it is (`empty`, `too_large`,
//! `unreadable`, `options`, `catalogue`, `target`); anything else thrown is a fault of the
//! module. A panic (a bug: the build aborts on panic, which the browser reports as a bare
//! `unreachable` trap) first leaves its message in `globalThis.__kiemsoPanic`, so the page can say
//! what failed. `checkFile(bytes, name, options)` does the same for a file the user
//! opened or dropped (.docx, .xlsx, .csv, .tsv, .txt); `fileText(bytes, name)` says, by the same
//! sniffing, whether a file is text for the text box (and decodes it) or a package for `checkFile`.
//! `target(text, cell, value, change, options)` answers «Cần bao nhiêu để đạt …?» for a ratio or a
//! total: `{ cell, target, changes: [{ cell, from, to }], message, reachable }` (the CLI's
//! `kiemso target --json`); only in the complete module (feature `target`), which the worker
//! fetches for it.

use crate::catalogue::Catalogue;
use crate::outcome::Outcome;
use crate::{check_file, check_text, Options};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The last catalogue the page passed, as text and parsed: the page passes the same text with
    /// every check, and reading and validating it once is enough.
    static CATALOGUE: RefCell<Option<(String, Catalogue)>> = const { RefCell::new(None) };
}

/// The catalogue of this JSON text, read and validated only when the text changes.
fn catalogue_from(text: String) -> Result<Catalogue, JsValue> {
    CATALOGUE.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((seen, catalogue)) = last.as_ref() {
            if *seen == text {
                return Ok(catalogue.clone());
            }
        }
        let catalogue = crate::read_catalogue(&text).map_err(|e| into_error("catalogue", e))?;
        *last = Some((text, catalogue.clone()));
        Ok(catalogue)
    })
}

/// Options as the page passes them: `{ catalogue?: string, overrides?: { [cell]: string } }`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct JsOptions {
    /// A replacement catalogue, as JSON text.
    catalogue: Option<String>,
    /// Edited cells.
    overrides: BTreeMap<String, String>,
    /// `skipLocate: true` leaves error localisation out: for the benchmark only
    /// ([`Options::skip_locate`]).
    #[serde(rename = "skipLocate")]
    skip_locate: bool,
}

/// A JS `Error` with the Vietnamese `message` and a stable `code` ([`crate::read::ReadError::code`]
/// and the boundary's own: `options`, `catalogue`, `target`, `export`, `internal`).
fn into_error(code: &str, message: impl std::fmt::Display) -> JsValue {
    let error = js_sys::Error::new(&message.to_string());
    // Setting a property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &JsValue::from_str(code));
    error.into()
}

/// A refusal as a JS `Error`, with where the reader gave up when it knows (`part`, `line`,
/// `byte`), as [`crate::read::ReadError::position`] gives it.
fn read_error(e: crate::read::ReadError) -> JsValue {
    let error = into_error(e.code(), &e);
    if let Some(at) = e.position() {
        let set = |key: &str, value: JsValue| {
            // Setting a property on a fresh object cannot fail.
            let _ = js_sys::Reflect::set(&error, &key.into(), &value);
        };
        if let Some(part) = &at.part {
            set("part", JsValue::from_str(part));
        }
        if let Some(line) = at.line {
            set("line", JsValue::from_f64(line as f64));
        }
        if let Some(byte) = at.byte {
            set("byte", JsValue::from_f64(byte as f64));
        }
    }
    error
}

/// Installs, once, the hook that keeps a panic's message where JavaScript can read it after the
/// trap: `globalThis.__kiemsoPanic`.
fn keep_panic_messages() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = format!("Kiểm số gặp lỗi nội bộ ({info}).");
            let _ = js_sys::Reflect::set(
                &js_sys::global(),
                &"__kiemsoPanic".into(),
                &JsValue::from_str(&message),
            );
        }));
    });
}

/// The outcome as a JS object: its JSON text, parsed by the engine's `JSON.parse`.
///
/// Building the object field by field from Rust (serde-wasm-bindgen) crosses the boundary once
/// per field and once per string: on a 100,000-row table, millions of crossings, 3.5 s of the
/// 4.8 s a check took in Chromium. One string and one `JSON.parse` take 0.3 s; on the seed
/// report they are no slower.
fn to_js(outcome: &Outcome) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(outcome).map_err(|e| into_error("internal", e))?;
    js_sys::JSON::parse(&json)
}

fn options_from(value: JsValue) -> Result<Options, JsValue> {
    let js: JsOptions = if value.is_undefined() || value.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(value)
            .map_err(|e| into_error("options", format!("Tuỳ chọn không hợp lệ: {e}")))?
    };
    let catalogue = match js.catalogue {
        Some(text) => Some(catalogue_from(text)?),
        None => None,
    };
    Ok(Options {
        catalogue,
        overrides: js.overrides,
        skip_locate: js.skip_locate,
    })
}

/// Checks pasted text (a whole report, or tables as TSV/CSV) and returns the results object.
#[wasm_bindgen]
pub fn check(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    let options = options_from(options)?;
    let outcome = check_text(text, &options).map_err(read_error)?;
    to_js(&outcome)
}

/// Checks a file's bytes (a `Uint8Array`) by its content first, its name second: a Word report,
/// an Excel workbook, or text in UTF-8, UTF-16 or Windows-1258. Returns the same object as
/// `check`; throws an `Error` with the Vietnamese reason when the file cannot be used.
#[wasm_bindgen(js_name = checkFile)]
pub fn check_file_js(bytes: &[u8], name: &str, options: JsValue) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    let options = options_from(options)?;
    let outcome = check_file(bytes, name, &options).map_err(read_error)?;
    to_js(&outcome)
}

/// What the page's text box should show for an opened file, found by the same sniffing as
/// `checkFile` and the CLI ([`crate::read::sniff`]): `{ text, note }` for text (`note` says when
/// the encoding was guessed, else `null`), `null` for a Word or Excel package (to be checked with
/// `checkFile`); throws an `Error` with the Vietnamese reason when the file cannot be used.
#[wasm_bindgen(js_name = fileText)]
pub fn file_text(bytes: &[u8], name: &str) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    match crate::read::sniff(bytes, name).map_err(read_error)? {
        crate::read::Sniffed::Package => Ok(JsValue::NULL),
        crate::read::Sniffed::Text(decoded) => {
            let opened = js_sys::Object::new();
            let note = decoded
                .encoding
                .note()
                .map_or(JsValue::NULL, |n| JsValue::from_str(&n));
            js_sys::Reflect::set(&opened, &"text".into(), &JsValue::from_str(&decoded.text))?;
            js_sys::Reflect::set(&opened, &"note".into(), &note)?;
            Ok(opened.into())
        }
    }
}

/// The smallest change of one figure that makes `cell` (a ratio or a total) print `value`
/// ([`crate::target::seek`]): `change` names the figure to change (default: the numerator, the
/// first part), `options` as for `check` (the what-if edits are applied first). Returns
/// `{ cell, target, changes: [{ cell, from, to }], message, reachable }`, figures as Vietnamese
/// strings; an unreachable target is an answer (`reachable: false`, the reason in `message`).
/// Throws an `Error` with the Vietnamese reason for unusable text, an unknown cell or a value
/// that is not a number.
#[cfg(feature = "target")]
#[wasm_bindgen]
pub fn target(
    text: &str,
    cell: &str,
    value: &str,
    change: Option<String>,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    let options = options_from(options)?;
    let goal = crate::target_text(text, cell, value, change.as_deref(), &options)
        .map_err(|e| into_error("target", e))?;
    let json = serde_json::to_string(&goal).map_err(|e| into_error("internal", e))?;
    js_sys::JSON::parse(&json)
}

/// The built-in catalogue as JSON text (for the page to show or to save as a starting point).
#[wasm_bindgen(js_name = builtinCatalogue)]
pub fn builtin_catalogue() -> String {
    crate::catalogue::BUILTIN_JSON.to_string()
}

/// Writes the result of checking `bytes` (an opened file, or a paste as UTF-8 with a `.txt`
/// name) as `format` (`"docx"`: the letter «Phiếu rà soát số liệu»; `"xlsx"`: the tables with
/// the problem cells marked; `"csv"`: the checks, problems only unless `all`), the file's bytes
/// as a `Uint8Array` ([`crate::export`]). `source` names the input when the report's heading
/// names no unit; `date` is printed on the letter («03/12/2026»); `options` as for `check` (the
/// what-if edits are exported as checked). Throws an `Error` with the Vietnamese reason.
#[cfg(feature = "export")]
#[wasm_bindgen(js_name = exportReport)]
pub fn export_report(
    bytes: &[u8],
    name: &str,
    format: &str,
    source: String,
    date: String,
    all: bool,
    options: JsValue,
) -> Result<Vec<u8>, JsValue> {
    use crate::export::{export, Format, Meta};
    let format = Format::from_name(&format!(".{format}"))
        .ok_or_else(|| into_error("options", format!("Không có định dạng xuất «{format}».")))?;
    keep_panic_messages();
    let options = options_from(options)?;
    let outcome = check_file(bytes, name, &options).map_err(read_error)?;
    export(&outcome, &Meta { source, date }, format, all).map_err(|e| into_error("export", e))
}
