//! The unit's own file, annotated (`kiemso export X.xlsx -o Y.xlsx`, `export::annotate`): the copy
//! opened with readers other than ours (openpyxl, python-docx, Python's zipfile;
//! tests/support/read_annotated.py) and with ours.
//!
//! Inputs: tests/fixtures/annotate/edited.{xlsx,docx}, written by
//! scripts/make-annotate-fixtures.py from the file fixtures (one figure mistyped, notes and a
//! comment already in them). Generated, not a real unit's file.
#![cfg(all(feature = "export", feature = "files"))]

use kiemso::outcome::Status;
use kiemso::{check_file, check_file_placed, Options};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/python.rs"]
mod python;
use python::python;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/annotate")
        .join(name)
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("annotate");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Runs `kiemso export INPUT -o OUT`: its standard output, and what the independent reader found
/// in OUT next to INPUT. The input's bytes are the same afterwards.
fn export(input: &Path, out: &str, extra: &[&str]) -> (String, Value) {
    let before = std::fs::read(input).unwrap();
    let out = tmp(out);
    let _ = std::fs::remove_file(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_kiemso"))
        .arg("export")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        std::fs::read(input).unwrap(),
        before,
        "the original is never modified"
    );
    let read = Command::new(python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/read_annotated.py"))
        .arg(input)
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    (
        String::from_utf8(run.stdout).unwrap(),
        serde_json::from_slice(&read.stdout).unwrap(),
    )
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

/// Our reader finds the same checks in the copy as in the original: the marks change nothing
/// that is checked.
fn checks_identically(original: &Path, copy: &Path) {
    let options = Options::default();
    let a = check_file(&std::fs::read(original).unwrap(), "a", &options).unwrap();
    let b = check_file(&std::fs::read(copy).unwrap(), "b", &options).unwrap();
    let key = |o: &kiemso::outcome::Outcome| {
        o.checks
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.status,
                    c.reported.clone(),
                    c.expected.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&a), key(&b));
    assert!(a.checks.iter().any(|c| c.status == Status::Fail));
}

#[test]
fn the_workbook_copy_has_the_problem_cells_filled_and_noted_and_nothing_else_changed() {
    workbook_marked("edited.xlsx");
}

#[test]
fn a_workbook_saved_by_libreoffice_is_marked_the_same_way() {
    workbook_marked("libreoffice.xlsx");
}

fn workbook_marked(name: &str) {
    let input = fixture(name);
    let out = format!("marked-{name}");
    let (said, read) = export(&input, &out, &[]);
    assert!(said.contains("được tô màu và ghi chú"), "{said}");
    let after = &read["after"];
    let before = &read["before"];
    // The ratio 3.1 of form 03 (a formula cell shown as 99,59%): red, its note says what the
    // checks found and names the mistyped part with the digits put back.
    let ratio = after
        .as_object()
        .unwrap()
        .iter()
        .find(|(k, v)| {
            k.starts_with("Biểu mẫu số 03!")
                && v["comment"]
                    .as_str()
                    .is_some_and(|c| c.contains("Dòng 3.1 «"))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .expect("the failed ratio has a note");
    let (at, cell) = ratio;
    assert_eq!(cell["fill"], "FFFFC7CE", "{at}");
    let note = cell["comment"].as_str().unwrap();
    assert!(note.starts_with("Kiểm số:"), "{note}");
    assert!(note.contains("Lỗi"), "{note}");
    assert!(note.contains("99,86"), "{note}");
    assert!(note.contains("3.1.2") && note.contains("66.687"), "{note}");
    // Its number format (a percentage) and its formula survive the new style.
    assert_eq!(cell["format"], before[&at]["format"]);
    assert_eq!(cell["format"], "0.00%");
    assert!(cell["value"].as_str().unwrap().starts_with('='), "{cell}");
    // The likely culprit, which already had a note: both texts, the unit's first.
    let culprit = after
        .as_object()
        .unwrap()
        .values()
        .find(|v| v["value"] == "66867")
        .unwrap();
    assert_eq!(culprit["fill"], "FFFFC7CE");
    let note = culprit["comment"].as_str().unwrap();
    assert!(
        note.starts_with("Số liệu do Trung tâm Phục vụ hành chính công cung cấp."),
        "{note}"
    );
    assert!(note.contains("66.867 → 66.687"), "{note}");
    assert_eq!(culprit["format"], "#,##0");
    // The note already on A1 is kept as it was.
    assert_eq!(
        after["Biểu mẫu số 03!A1"]["comment"],
        "Biểu này đã được lãnh đạo duyệt."
    );
    // Every cell holds what it held, in the same format and font; only marked cells changed
    // fill, and every marked cell has a note from Kiểm số.
    let (before, after) = (before.as_object().unwrap(), after.as_object().unwrap());
    assert_eq!(before.len(), after.len());
    let mut marked = 0;
    for (k, b) in before {
        let a = &after[k];
        assert_eq!(a["value"], b["value"], "{k}");
        assert_eq!(a["format"], b["format"], "{k}");
        assert_eq!(a["font"], b["font"], "{k}");
        if a["fill"] != b["fill"] {
            marked += 1;
            assert!(
                a["comment"]
                    .as_str()
                    .is_some_and(|c| c.contains("Kiểm số:")),
                "{k}: {a}"
            );
        }
    }
    assert!(marked >= 2, "{marked}");
    assert_eq!(read["sheets"][0], read["sheets"][1]);
    // Only the parts that carry the marks changed; every other entry is the original's, bytes
    // and compression alike.
    let entries = &read["entries"];
    assert!(strings(&entries["dropped"]).is_empty());
    assert!(strings(&entries["recompressed"]).is_empty(), "{entries}");
    for name in strings(&entries["changed"])
        .into_iter()
        .chain(strings(&entries["added"]))
    {
        assert!(
            name == "[Content_Types].xml"
                || name == "xl/styles.xml"
                || name.starts_with("xl/worksheets/")
                || name.starts_with("xl/comments")
                || name.starts_with("xl/drawings/vmlDrawing"),
            "{name}"
        );
    }
    assert!(!strings(&entries["changed"]).contains(&"xl/sharedStrings.xml"));
    checks_identically(&input, &tmp(&out));
}

#[test]
fn the_word_copy_has_the_problem_cells_shaded_with_comments_and_keeps_its_own() {
    document_marked("edited.docx");
}

#[test]
fn a_document_saved_by_libreoffice_is_marked_the_same_way() {
    document_marked("libreoffice.docx");
}

fn document_marked(name: &str) {
    let input = fixture(name);
    let out = format!("marked-{name}");
    let (said, read) = export(&input, &out, &[]);
    let after = &read["after"];
    let comments = after["comments"].as_array().unwrap();
    // The comment the document had is still there, by its author.
    assert!(comments.iter().any(
        |c| c["author"] == "Phòng Nội vụ" && c["text"] == "Đề nghị bổ sung số liệu quý trước."
    ));
    let ours: Vec<&Value> = comments
        .iter()
        .filter(|c| c["author"] == "Kiểm số")
        .collect();
    assert!(ours.len() >= 2);
    let by_id = |id: &str| {
        comments
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["text"].as_str().unwrap().to_string())
    };
    // The table cells: shaded exactly where a comment of ours is anchored.
    let cells: Vec<&Value> = after["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t.as_array().unwrap())
        .flat_map(|r| r.as_array().unwrap())
        .collect();
    let ratio = cells
        .iter()
        .find(|c| c["text"] == "99,59" && c["fill"].is_string())
        .expect("the ratio 3.1 is shaded");
    assert_eq!(ratio["fill"], "FFC7CE");
    let text = by_id(strings(&ratio["comments"])[0]).unwrap();
    assert!(text.starts_with("Lỗi"), "{text}");
    assert!(text.contains("99,86") && text.contains("66.687"), "{text}");
    let culprit = cells.iter().find(|c| c["text"] == "66.867").unwrap();
    assert!(culprit["fill"].is_string());
    let text = by_id(strings(&culprit["comments"])[0]).unwrap();
    assert!(text.contains("66.867 → 66.687"), "{text}");
    for c in &cells {
        assert_eq!(
            c["fill"].is_string(),
            !strings(&c["comments"]).is_empty(),
            "{c}"
        );
    }
    // The text of every cell and paragraph is the original's.
    let texts = |v: &Value| {
        v["tables"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t.as_array().unwrap())
            .flat_map(|r| r.as_array().unwrap())
            .map(|c| c["text"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&read["before"]), texts(after));
    assert_eq!(read["before"]["paragraphs"], after["paragraphs"]);
    // Only the document and its comments changed (the comments part was there already).
    let entries = &read["entries"];
    assert_eq!(
        strings(&entries["changed"]),
        ["word/comments.xml", "word/document.xml"]
    );
    assert!(strings(&entries["added"]).is_empty());
    assert!(strings(&entries["recompressed"]).is_empty());
    // The narrative's sentences at odds with the tables: a comment on their paragraph, none
    // lost (the CLI says how many, and lists any it could not place).
    assert!(said.contains("đoạn lời văn có ghi chú"), "{said}");
    let noted = after["noted"].as_array().unwrap();
    let sentence = noted
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("120.067"))
        .expect("the sentence of 120.067 cases is commented");
    let text = by_id(strings(&sentence["comments"])[0]).unwrap();
    assert!(text.contains("120.247"), "{text}");
    // The document's own comment is still anchored where it was.
    assert!(noted.iter().any(|p| strings(&p["comments"]).contains(&"0")));
    checks_identically(&input, &tmp(&out));
}

#[test]
fn a_file_without_comments_gets_its_comment_parts_declared() {
    // The file fixture has no comments part: one is added, with its relationship and type.
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/khanh-hoa-q3-2024.docx");
    let (_, read) = export(&input, "plain-marked.docx", &[]);
    let entries = &read["entries"];
    assert_eq!(strings(&entries["added"]), ["word/comments.xml"]);
    assert_eq!(
        strings(&entries["changed"]),
        [
            "[Content_Types].xml",
            "word/_rels/document.xml.rels",
            "word/document.xml"
        ]
    );
    assert!(!read["after"]["comments"].as_array().unwrap().is_empty());
}

#[test]
fn every_problem_is_marked_on_a_cell_or_counted_as_unplaced() {
    let options = Options::default();
    for name in ["edited.xlsx", "edited.docx"] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let (outcome, format, spots) = check_file_placed(&bytes, name, &options).unwrap();
        let annotated =
            kiemso::export::annotate::annotate(&bytes, format, &outcome, &spots).unwrap();
        let problems = outcome
            .checks
            .iter()
            .filter(|c| matches!(c.status, Status::Fail | Status::Warn))
            .count();
        assert_eq!(
            annotated.placed + annotated.unplaced.len(),
            problems,
            "{name}"
        );
        assert!(annotated.placed >= 1 && annotated.cells >= annotated.placed.min(1));
        // Every table cell of the report is found in the file.
        let table_cells: usize = outcome
            .forms
            .iter()
            .map(|f| f.table.iter().filter(|r| !r.value.is_empty()).count())
            .sum();
        assert!(
            spots.cells.len() >= table_cells,
            "{name}: {} < {table_cells}",
            spots.cells.len()
        );
    }
}

#[test]
fn positions_that_do_not_match_the_file_are_counted_never_a_panic() {
    let bytes = std::fs::read(fixture("edited.docx")).unwrap();
    let options = Options::default();
    let (outcome, format, mut spots) = check_file_placed(&bytes, "x.docx", &options).unwrap();
    // Every cell's offset moved by one byte: no `<w:tc` there.
    for spot in spots.cells.values_mut().chain(spots.lines.values_mut()) {
        if let kiemso::read::At::Tc { offset } | kiemso::read::At::Paragraph { offset } =
            &mut spot.at
        {
            *offset += 1;
        }
    }
    let annotated = kiemso::export::annotate::annotate(&bytes, format, &outcome, &spots).unwrap();
    assert_eq!(annotated.cells, 0);
    assert_eq!(annotated.paragraphs, 0);
    assert_eq!(annotated.placed, 0);
    assert!(annotated
        .unplaced
        .iter()
        .any(|u| u.starts_with("Ô không tìm thấy lại trong tệp")));
    // Not a zip at all: an error in Vietnamese, not a panic.
    let err = kiemso::export::annotate::annotate(b"PK\x03\x04 cut", format, &outcome, &spots)
        .unwrap_err();
    assert!(err.to_string().contains("Không đánh dấu được"), "{err}");
}

#[test]
fn new_asks_for_the_letter_from_a_word_report() {
    let input = fixture("edited.docx");
    let out = tmp("letter-instead.docx");
    let run = Command::new(env!("CARGO_BIN_EXE_kiemso"))
        .arg("export")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--new", "--date", "03/12/2026"])
        .output()
        .unwrap();
    assert!(matches!(run.status.code(), Some(0 | 1)));
    let read = Command::new(python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/read_export.py"))
        .arg(&out)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&read.stdout).unwrap();
    assert!(strings(&doc["paragraphs"]).contains(&"PHIẾU RÀ SOÁT SỐ LIỆU"));
}

/// LibreOffice, when installed, opens the annotated copies and keeps the fills and comments when
/// it saves them again: a real office suite reads what we wrote.
#[test]
fn libreoffice_opens_the_copies_and_keeps_the_marks() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|s| {
        Command::new(s)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("skipped: LibreOffice is not installed");
        return;
    };
    let dir = tmp("libreoffice");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for ext in ["xlsx", "docx"] {
        let name = format!("edited.{ext}");
        let (_, _) = export(&fixture(&name), &format!("for-libreoffice.{ext}"), &[]);
        let run = Command::new(soffice)
            .arg("--headless")
            .arg("--norestore")
            .arg(format!(
                "-env:UserInstallation=file://{}/profile",
                dir.display()
            ))
            .args(["--convert-to", ext, "--outdir"])
            .arg(&dir)
            .arg(tmp(&format!("for-libreoffice.{ext}")))
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let resaved = dir.join(format!("for-libreoffice.{ext}"));
        let read = Command::new(python())
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/read_annotated.py"))
            .arg(fixture(&name))
            .arg(&resaved)
            .output()
            .unwrap();
        assert!(
            read.status.success(),
            "{}",
            String::from_utf8_lossy(&read.stderr)
        );
        let read: Value = serde_json::from_slice(&read.stdout).unwrap();
        if ext == "xlsx" {
            let after = read["after"].as_object().unwrap();
            let marked: Vec<&Value> = after
                .values()
                .filter(|v| {
                    v["comment"]
                        .as_str()
                        .is_some_and(|c| c.contains("Kiểm số:"))
                })
                .collect();
            assert!(marked.len() >= 2);
            assert!(marked.iter().all(|v| v["fill"].is_string()), "{marked:?}");
            assert!(marked
                .iter()
                .any(|v| v["comment"].as_str().unwrap().contains("99,86")));
            assert_eq!(
                after["Biểu mẫu số 03!A1"]["comment"],
                "Biểu này đã được lãnh đạo duyệt."
            );
        } else {
            let comments = read["after"]["comments"].as_array().unwrap();
            assert!(comments.iter().any(|c| c["author"] == "Phòng Nội vụ"));
            assert!(
                comments
                    .iter()
                    .any(|c| c["author"] == "Kiểm số"
                        && c["text"].as_str().unwrap().contains("99,86"))
            );
        }
    }
}
