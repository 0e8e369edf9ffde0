//! `kiemso export`: the correction letter, the marked tables and the CSV, opened with readers
//! other than ours (python-docx, openpyxl, Python's csv module; tests/support/read_export.py),
//! installed on first use into `.venv-export` as scripts/setup.sh does.
#![cfg(feature = "export")]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/python.rs"]
mod python;
use python::python;

const SEED: &str = "/work/shared/seeds/000_a3f8234fcbb1e6b8.txt";

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The seed report with one figure mistyped (two digits swapped: 66.687 → 66.867), so that the
/// ratio above it fails and localisation names it; or `None` when the seed is not on this machine.
fn edited_seed() -> Option<PathBuf> {
    let text = std::fs::read_to_string(SEED).ok()?;
    let row = "3.1.2.\tSố hồ sơ TTHC đã giải quyết đúng hạn\tHồ sơ\t66.687";
    assert!(text.contains(row), "the seed's row 3.1.2 of form 03");
    let path = tmp("khanh-hoa-q3-2024-edited.txt");
    std::fs::write(
        &path,
        text.replacen(row, &row.replace("66.687", "66.867"), 1),
    )
    .unwrap();
    Some(path)
}

/// Runs `kiemso export INPUT -o OUT …` and reads OUT back with the independent reader.
fn export(input: &Path, out: &str, extra: &[&str]) -> Value {
    let out = tmp(out);
    let _ = std::fs::remove_file(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_kiemso"))
        .arg("export")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(["--date", "03/12/2026"])
        .args(extra)
        .output()
        .unwrap();
    // 1: the report has a failed check (as `check`); the file is written all the same.
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = Command::new(python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/read_export.py"))
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    serde_json::from_slice(&read.stdout).unwrap()
}

fn texts(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_letter_names_unit_period_and_the_problem_with_its_culprit() {
    let Some(seed) = edited_seed() else {
        eprintln!("skipped: {SEED} is not on this machine");
        return;
    };
    let doc = export(&seed, "phieu.docx", &[]);
    let paragraphs = texts(&doc["paragraphs"]).join("\n");
    assert!(paragraphs.contains("PHIẾU RÀ SOÁT SỐ LIỆU"));
    assert!(
        paragraphs.contains("Ủy ban nhân dân tỉnh Khánh Hòa"),
        "{paragraphs}"
    );
    assert!(paragraphs.contains("Quý III/2024"), "{paragraphs}");
    assert!(paragraphs.contains("03/12/2026"));
    // A4, Times New Roman 13 pt, the margins of Nghị định 30 (left 30 mm, others 20 mm).
    assert_eq!(doc["page_mm"], serde_json::json!([210, 297]));
    assert_eq!(doc["margins_mm"], serde_json::json!([20, 20, 20, 30]));
    assert_eq!(doc["font"], "Times New Roman");
    assert_eq!(doc["size_pt"], 13.0);
    assert!(doc["footer"].as_str().unwrap().contains("PAGE"));
    let table = doc["tables"][0].as_array().unwrap();
    let header = texts(&table[0]);
    assert_eq!(header[4], "Số liệu báo cáo");
    // The ratio of row 3.1 of form 03: reported 99,59, the checks say 99,86 if the rest is
    // right, and name row 3.1.2 with the digits put back.
    let ratio = table
        .iter()
        .map(texts)
        .find(|r| r[1] == "Biểu mẫu số 03" && r[2] == "3.1")
        .expect("the failed ratio is in the letter");
    assert_eq!(ratio[4], "99,59");
    assert!(ratio[5].contains("99,86"), "{ratio:?}");
    assert!(
        ratio[5].contains("3.1.2") && ratio[5].contains("66.687"),
        "{ratio:?}"
    );
    assert!(ratio[6].starts_with("Lỗi"));
    // Problems only: every row is a failure or a warning, far fewer than the checks.
    assert!(table[1..]
        .iter()
        .all(|r| { texts(r)[6].starts_with("Lỗi") || texts(r)[6].starts_with("Cảnh báo") }));
    assert!(table.len() < 40);
}

#[test]
fn the_workbook_marks_the_problem_cells_with_notes() {
    let Some(seed) = edited_seed() else {
        eprintln!("skipped: {SEED} is not on this machine");
        return;
    };
    let book = export(&seed, "bang.xlsx", &[]);
    let order = texts(&book["order"]);
    assert_eq!(order[0], "Cần xem lại");
    assert!(order.iter().any(|s| s == "Biểu mẫu số 03"));
    let first: Vec<String> = book["sheets"]["Cần xem lại"]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap().to_string())
        .collect();
    assert!(first
        .iter()
        .any(|v| v.contains("Ủy ban nhân dân tỉnh Khánh Hòa")));
    assert!(first.iter().any(|v| v.contains("Quý III/2024")));
    let cells = book["sheets"]["Biểu mẫu số 03"]["cells"]
        .as_array()
        .unwrap();
    let at = |stt: &str| {
        let row = cells
            .iter()
            .find(|c| c["col"] == 1 && c["value"] == stt)
            .unwrap_or_else(|| panic!("row {stt}"))["row"]
            .clone();
        cells
            .iter()
            .find(|c| c["row"] == row && c["col"] == 4)
            .unwrap()
            .clone()
    };
    // The ratio that fails: filled red, the note says what is wrong and what it should be.
    let ratio = at("3.1");
    assert_eq!(ratio["value"], "99,59");
    assert_eq!(ratio["fill"], "FFFFC7CE");
    let note = ratio["comment"].as_str().unwrap();
    assert!(note.contains("99,86") && note.starts_with("Lỗi"), "{note}");
    // The mistyped part: filled, noted with the suggested value.
    let culprit = at("3.1.2");
    assert_eq!(culprit["value"], "66.867");
    assert!(culprit["fill"].is_string());
    assert!(culprit["comment"].as_str().unwrap().contains("66.687"));
    // A row without a problem is neither filled nor noted.
    let fine = at("3.1.1");
    assert!(fine["fill"].is_null() && fine["comment"].is_null());
    let marked = cells.iter().filter(|c| c["comment"].is_string()).count();
    assert!((2..10).contains(&marked), "{marked} marked cells");
}

/// A grid fixture with one figure changed: the workbook keeps the header tree (merged cells) and
/// marks the cell in its column.
#[test]
fn a_grid_is_written_in_its_shape_and_marked() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/grids/ii06a.tsv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // The first data row whose second column is a number: its first figure gets a digit more.
    let k = lines
        .iter()
        .position(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            cells.len() > 4
                && cells[0].trim().parse::<u32>().is_ok()
                && cells[2]
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.')
                && !cells[2].trim().is_empty()
        })
        .expect("a data row");
    let mut cells: Vec<String> = lines[k].split('\t').map(str::to_string).collect();
    cells[2] = format!("{}1", cells[2].trim());
    lines[k] = cells.join("\t");
    let input = tmp("ii06a-edited.tsv");
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let book = export(&input, "ii06a.xlsx", &[]);
    let order = texts(&book["order"]);
    let sheet = &book["sheets"][order[1].as_str()];
    assert!(
        !sheet["merged"].as_array().unwrap().is_empty(),
        "header tree"
    );
    let noted: Vec<&Value> = sheet["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["comment"].is_string())
        .collect();
    assert!(!noted.is_empty(), "a marked cell");
    assert!(noted.iter().all(|c| c["fill"].is_string()));
    assert!(noted
        .iter()
        .any(|c| c["value"].as_str().unwrap().ends_with('1')));
}

#[test]
fn the_csv_splits_into_columns_where_vietnamese_excel_opens_it() {
    let Some(seed) = edited_seed() else {
        eprintln!("skipped: {SEED} is not on this machine");
        return;
    };
    let csv = export(&seed, "kiem-tra.csv", &[]);
    assert_eq!(csv["bom"], true);
    assert_eq!(csv["delimiter"], ";");
    let rows = csv["rows"].as_array().unwrap();
    let width = rows[0].as_array().unwrap().len();
    assert!(width >= 8);
    assert!(rows.iter().all(|r| r.as_array().unwrap().len() == width));
    // Problems only, figures as printed.
    assert!(rows[1..]
        .iter()
        .all(|r| r[0] == "Lỗi" || r[0] == "Cảnh báo"));
    assert!(rows
        .iter()
        .any(|r| r[2] == "3.1" && r[4] == "99,59" && r[5].as_str().unwrap().contains("99,86")));
    let all = export(&seed, "kiem-tra-all.csv", &["--all"]);
    let every = all["rows"].as_array().unwrap();
    assert!(every.len() > 4 * rows.len());
    assert!(every.iter().any(|r| r[0] == "Đạt"));
}

#[test]
fn an_unknown_output_kind_is_refused() {
    let run = Command::new(env!("CARGO_BIN_EXE_kiemso"))
        .args(["export", "tests/fixtures/grids/commune.tsv", "-o"])
        .arg(tmp("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains(".docx"));
}
