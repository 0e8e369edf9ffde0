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

/// The outcome as UTF-8 JSON bytes in a `Uint8Array` of its own, with what the page's worker
/// decides on before the page reads it (`checkJson`, `checkFileJson`): `{ json, narrative_lines,
/// narrative_checked, grids_pending, suggestions_pending }`.
///
/// On a 100,000-row table the outcome is 75 MB of JSON: parsed in the worker, then posted to the
/// page, it was built twice (the parse, then the structured clone of 136,000 checks: the latter
/// as long again as the check). Bytes move to the page without a copy (a transfer) and are parsed
/// once, there.
fn to_json_bytes(outcome: &Outcome) -> Result<JsValue, JsValue> {
    let json = serde_json::to_vec(outcome).map_err(|e| into_error("internal", e))?;
    let out = js_sys::Object::new();
    let set = |key: &str, value: JsValue| js_sys::Reflect::set(&out, &key.into(), &value);
    set("json", js_sys::Uint8Array::from(json.as_slice()).into())?;
    set(
        "narrative_lines",
        JsValue::from(outcome.narrative_lines as u32),
    )?;
    set(
        "narrative_checked",
        JsValue::from(outcome.narrative_checked),
    )?;
    set("grids_pending", JsValue::from(outcome.grids_pending as u32))?;
    set(
        "suggestions_pending",
        JsValue::from(outcome.suggestions_pending),
    )?;
    Ok(out.into())
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
        // The page keeps the page's limits.
        ..Options::default()
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

/// [`check`], the outcome as JSON bytes for another thread to parse ([`to_json_bytes`]).
#[wasm_bindgen(js_name = checkJson)]
pub fn check_json(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    let options = options_from(options)?;
    let outcome = check_text(text, &options).map_err(read_error)?;
    to_json_bytes(&outcome)
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

/// [`check_file_js`], the outcome as JSON bytes for another thread to parse ([`to_json_bytes`]).
#[wasm_bindgen(js_name = checkFileJson)]
pub fn check_file_json(bytes: &[u8], name: &str, options: JsValue) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    let options = options_from(options)?;
    let outcome = check_file(bytes, name, &options).map_err(read_error)?;
    to_json_bytes(&outcome)
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

/// The opened .xlsx or .docx itself, annotated (`export::annotate`): a copy with each problem
/// cell highlighted and a comment saying what is wrong; the bytes given are not modified.
/// Returns `{ bytes: Uint8Array, format: 'xlsx' | 'docx', cells, paragraphs, placed, unplaced:
/// string[] }`: how many cells are marked, how many paragraphs of a Word narrative have a
/// comment, how many problems they carry, and the problems nothing in the file could carry, for
/// the page to say. `options` as for `checkFile`;
/// the page passes no what-if edits, since the copy is of the file as the unit sent it. Throws an
/// `Error` (code `export`) for text, or a file the writer cannot patch.
#[cfg(all(feature = "export", feature = "files"))]
#[wasm_bindgen(js_name = annotateFile)]
pub fn annotate_file(bytes: &[u8], name: &str, options: JsValue) -> Result<JsValue, JsValue> {
    use crate::read::Format as Read;
    keep_panic_messages();
    let options = options_from(options)?;
    let (outcome, format, spots) =
        crate::check_file_placed(bytes, name, &options).map_err(read_error)?;
    let annotated = crate::export::annotate::annotate(bytes, format, &outcome, &spots)
        .map_err(|e| into_error("export", e))?;
    let out = js_sys::Object::new();
    let set = |key: &str, value: JsValue| js_sys::Reflect::set(&out, &key.into(), &value);
    set(
        "bytes",
        js_sys::Uint8Array::from(annotated.bytes.as_slice()).into(),
    )?;
    let ext = if format == Read::Docx { "docx" } else { "xlsx" };
    set("format", JsValue::from_str(ext))?;
    set("cells", JsValue::from(annotated.cells as u32))?;
    set("paragraphs", JsValue::from(annotated.paragraphs as u32))?;
    set("placed", JsValue::from(annotated.placed as u32))?;
    let unplaced: js_sys::Array = annotated
        .unplaced
        .iter()
        .map(|u| JsValue::from_str(u))
        .collect();
    set("unplaced", unplaced.into())?;
    Ok(out.into())
}

/// The reports the page passes to the batch functions: an array of
/// `{ name, bytes: Uint8Array, unit?, period?, overrides?: { [cell]: string } }` (the unit, period
/// and what-if edits the user gave for that report alone).
#[cfg(feature = "batch")]
fn batch_inputs(files: &JsValue) -> Result<Vec<crate::batch::Input>, JsValue> {
    let bad = |why: &str| into_error("options", format!("Danh sách báo cáo không hợp lệ: {why}."));
    if !js_sys::Array::is_array(files) {
        return Err(bad("không phải một mảng"));
    }
    let get = |o: &JsValue, key: &str| js_sys::Reflect::get(o, &key.into());
    let text = |v: JsValue| v.as_string().filter(|s| !s.trim().is_empty());
    let mut out = Vec::new();
    for file in js_sys::Array::from(files).iter() {
        let name = get(&file, "name")?
            .as_string()
            .ok_or_else(|| bad("thiếu tên tệp"))?;
        let bytes = get(&file, "bytes")?
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| bad("thiếu nội dung tệp"))?;
        let mut input = crate::batch::Input::bytes(&name, bytes.to_vec());
        input.given.unit = text(get(&file, "unit")?);
        input.given.period = text(get(&file, "period")?);
        let overrides = get(&file, "overrides")?;
        if !overrides.is_undefined() && !overrides.is_null() {
            input.given.overrides = serde_wasm_bindgen::from_value(overrides)
                .map_err(|e| bad(&format!("số liệu sửa thử của {name}: {e}")))?;
        }
        out.push(input);
    }
    Ok(out)
}

#[cfg(feature = "batch")]
fn batch_to_js(batch: &crate::batch::Batch) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(batch).map_err(|e| into_error("internal", e))?;
    js_sys::JSON::parse(&json)
}

/// Checks many reports at once ([`crate::batch::check_inputs`]): each file (a .zip is read file
/// by file; a file holding two reports gives two) identified by unit and period and checked on
/// its own, a file that cannot be read listed with its reason, two reports claiming the same
/// unit and period flagged. Returns the CLI's `kiemso check --json` object: `{ reports, checks,
/// summary }` (docs/batch.md). `files` as [`batch_inputs`], `options` as for `check`.
#[cfg(feature = "batch")]
#[wasm_bindgen(js_name = checkReports)]
pub fn check_reports(files: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    let options = options_from(options)?;
    batch_to_js(&crate::batch::check_inputs(batch_inputs(&files)?, &options))
}

/// This period against the last ([`crate::batch::compare_inputs`]): the reports of `previous`
/// and `current` matched by unit (one on each side: matched whatever its unit). The CLI's
/// `kiemso compare --json` object.
#[cfg(feature = "batch")]
#[wasm_bindgen(js_name = compareReports)]
pub fn compare_reports(
    previous: JsValue,
    current: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    let options = options_from(options)?;
    let (previous, current) = (batch_inputs(&previous)?, batch_inputs(&current)?);
    batch_to_js(&crate::batch::compare_inputs(previous, current, &options))
}

/// The units' consolidation ([`crate::batch::consolidate_inputs`]), compared with the
/// province's report when `province` (a one-report array, or `null`) is given: the CLI's
/// `kiemso consolidate --json` object, with `consolidated`.
#[cfg(feature = "batch")]
#[wasm_bindgen(js_name = consolidateReports)]
pub fn consolidate_reports(
    units: JsValue,
    province: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    let options = options_from(options)?;
    let (units, province) = consolidation_inputs(&units, &province)?;
    batch_to_js(&crate::batch::consolidate_inputs(units, province, &options))
}

#[cfg(feature = "batch")]
fn consolidation_inputs(
    units: &JsValue,
    province: &JsValue,
) -> Result<(Vec<crate::batch::Input>, Option<crate::batch::Input>), JsValue> {
    let province = if province.is_undefined() || province.is_null() {
        None
    } else {
        batch_inputs(province)?.into_iter().next()
    };
    Ok((batch_inputs(units)?, province))
}

/// The consolidated forms of `units` as an Excel workbook (the CLI's `kiemso consolidate -o
/// tong-hop.xlsx`, [`crate::batch::xlsx::workbook`]), the file's bytes as a `Uint8Array`.
#[cfg(feature = "xlsx-export")]
#[wasm_bindgen(js_name = consolidatedWorkbook)]
pub fn consolidated_workbook(
    units: JsValue,
    province: JsValue,
    options: JsValue,
) -> Result<Vec<u8>, JsValue> {
    keep_panic_messages();
    let options = options_from(options)?;
    let (units, province) = consolidation_inputs(&units, &province)?;
    let batch = crate::batch::consolidate_inputs(units, province, &options);
    let consolidated = batch
        .consolidated
        .as_ref()
        .ok_or_else(|| into_error("export", "Không có bảng tổng hợp."))?;
    crate::batch::xlsx::workbook(consolidated).map_err(|e| into_error("export", e))
}

/// The files of a .zip (`[{ name, bytes }]`, the folders' paths in the names), for the page's
/// inbox to list and open each on its own ([`crate::read::unzip`]); `null` when `bytes` is not a
/// zip archive (a .docx or .xlsx is a package, not an archive of reports). Throws an `Error` with
/// the Vietnamese reason when the archive cannot be read.
#[cfg(all(feature = "batch", feature = "files"))]
#[wasm_bindgen(js_name = unzipReports)]
pub fn unzip_reports(bytes: &[u8], name: &str) -> Result<JsValue, JsValue> {
    keep_panic_messages();
    let Some(files) = crate::read::unzip(bytes, name).map_err(read_error)? else {
        return Ok(JsValue::NULL);
    };
    let out = js_sys::Array::new();
    for (inner, bytes) in files {
        let file = js_sys::Object::new();
        js_sys::Reflect::set(&file, &"name".into(), &JsValue::from_str(&inner))?;
        let data = js_sys::Uint8Array::from(bytes.as_slice());
        js_sys::Reflect::set(&file, &"bytes".into(), &data)?;
        out.push(&file);
    }
    Ok(out.into())
}
