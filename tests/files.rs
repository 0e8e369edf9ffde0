//! Reports as files: the seed report as a Word document, an Excel workbook, Excel's "Unicode
//! text" and a Windows-1258 CSV (tests/fixtures/, written by scripts/make-fixtures.py) must give
//! the same checks as the seed's text; hostile files (a zip bomb, a truncated file, a renamed
//! program, an empty file, corrupt bytes) must give a clear Vietnamese error and never a panic.

use kiemso::outcome::{Kind, Outcome};
use kiemso::read::{read_file, Block, Format, ReadError, MAX_ENTRY_BYTES, MAX_ZIP_ENTRIES};
use kiemso::{check_file, check_text, Options};

const SEED: &str = include_str!("../www/examples/khanh-hoa-q3-2024.txt");
const DOCX: &[u8] = include_bytes!("fixtures/khanh-hoa-q3-2024.docx");
const XLSX: &[u8] = include_bytes!("fixtures/khanh-hoa-q3-2024.xlsx");
const UTF16: &[u8] = include_bytes!("fixtures/khanh-hoa-q3-2024-utf16.tsv");
const CP1258: &[u8] = include_bytes!("fixtures/khanh-hoa-q3-2024-1258.csv");

/// What must not change between inputs: each check's id, status, and figures.
type Essentials = Vec<(String, String, Option<String>, Option<String>)>;

fn essentials(o: &Outcome, with_narrative: bool) -> Essentials {
    o.checks
        .iter()
        .filter(|c| with_narrative || c.kind != Kind::Narrative)
        .map(|c| {
            (
                c.id.clone(),
                format!("{:?}", c.status),
                c.reported.clone(),
                c.expected.clone(),
            )
        })
        .collect()
}

fn forms(o: &Outcome) -> Vec<(String, usize)> {
    o.forms.iter().map(|f| (f.form.clone(), f.rows)).collect()
}

fn seed() -> Outcome {
    check_text(SEED, &Options::default()).unwrap()
}

fn check(bytes: &[u8], name: &str) -> Outcome {
    check_file(bytes, name, &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_same_checks(file: &Outcome, with_narrative: bool) {
    let seed = seed();
    assert_eq!(forms(file), forms(&seed));
    let (got, want) = (
        essentials(file, with_narrative),
        essentials(&seed, with_narrative),
    );
    assert!(want.len() > 150, "the seed has its checks: {}", want.len());
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
}

#[test]
fn docx_gives_the_seed_checks() {
    let o = check(DOCX, "khanh-hoa-q3-2024.docx");
    // The whole report: its narrative too.
    assert_same_checks(&o, true);
    assert!(o.notices.is_empty(), "{:#?}", o.notices);
}

#[test]
fn docx_reads_narrative_paragraphs_and_footnotes_in_order() {
    let file = read_file(DOCX, "bao-cao.docx").unwrap();
    assert_eq!(file.format, Format::Docx);
    let texts: Vec<(usize, &str)> = file
        .document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Text { line, text } => Some((*line, text.as_str())),
            _ => None,
        })
        .collect();
    // The footnote mark is not printed inside the sentence...
    let ended = texts
        .iter()
        .find(|(_, t)| t.starts_with("Trong Quý III/2024, UBND tỉnh đã triệu tập"))
        .unwrap();
    assert!(
        ended.1.ends_with("Ban Chỉ đạo CCHC Chính phủ."),
        "{}",
        ended.1
    );
    // ...its text comes after the body, as a paragraph of its own.
    let note = texts
        .iter()
        .position(|(_, t)| *t == "Công văn số 9863/UBND-KSTT ngày 06/9/2024 của UBND tỉnh")
        .unwrap();
    let appendix = texts
        .iter()
        .position(|(_, t)| *t == "Biểu mẫu số 07")
        .unwrap();
    assert!(note > appendix);
    // Paragraph numbers increase.
    assert!(texts.windows(2).all(|w| w[0].0 < w[1].0));
    // The figure followed by a footnote mark, and the numbers split over runs, read whole.
    let record = |stt: &str| {
        file.document.blocks.iter().find_map(|b| match b {
            Block::Record { cells, .. } if cells[0] == stt => Some(cells.clone()),
            _ => None,
        })
    };
    assert_eq!(record("5.1.").unwrap()[3], "127");
    assert!(file.document.blocks.iter().any(|b| matches!(b,
        Block::Record { cells, .. } if cells[0] == "3.1.1." && cells[3] == "66.959")));
    let tables_of_b06 = file
        .document
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Record { cells, .. } if cells[3] == "9.191.517" => Some(cells.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(tables_of_b06[0], "1.1.");
    // The merged two-row header reads as the paste does.
    assert!(file.document.blocks.iter().any(|b| matches!(b,
        Block::Record { cells, .. } if cells == &["STT", "Chỉ tiêu thống kê (Sử dụng trong báo cáo hàng quý, 06 tháng, năm)", "Kết quả thống kê", "", "Ghi chú"])));
    assert!(file.document.blocks.iter().any(|b| matches!(b,
        Block::Record { cells, .. } if cells == &["", "", "Đơn vị tính", "Số liệu", ""])));
    // Forms 01–03 are split over pages with the header repeated: still one table each, so the
    // only breaks are between forms.
    let breaks = file
        .document
        .blocks
        .iter()
        .filter(|b| **b == Block::Break)
        .count();
    assert_eq!(breaks, 6);
}

#[test]
fn xlsx_gives_the_seed_checks_as_displayed() {
    let o = check(XLSX, "khanh-hoa-q3-2024.xlsx");
    assert_same_checks(&o, false);
    // Displayed, not stored: the ratio cell stores 31.147540983606557 and shows 31,15.
    let row = o
        .forms
        .iter()
        .flat_map(|f| &f.table)
        .find(|r| r.cell == "B01/2")
        .unwrap();
    assert_eq!(row.value, "31,15");
    let b03 = o
        .forms
        .iter()
        .flat_map(|f| &f.table)
        .find(|r| r.cell == "B03/3.1")
        .unwrap();
    assert_eq!(b03.value, "99,59%");
    let big = o
        .forms
        .iter()
        .flat_map(|f| &f.table)
        .find(|r| r.cell == "B06/1.1")
        .unwrap();
    assert_eq!(big.value, "9.191.517");
    // The check says what the cell stores, and its formula.
    let ratio = o
        .checks
        .iter()
        .find(|c| c.id == "ratio:B01/2,B01/2.2,B01/2.1")
        .unwrap();
    assert!(
        ratio.message().contains("ô D6")
            && ratio.message().contains("31,147540983606557")
            && ratio.message().contains("=D8/D7*100"),
        "{}",
        ratio.message()
    );
    // The hidden sheet is left out, and said so; so is the formula never calculated.
    let notices: Vec<&str> = o.notices.iter().map(|n| n.message.as_str()).collect();
    assert!(
        notices.iter().any(|n| n.contains("«Nháp» đang ẩn")),
        "{notices:?}"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.contains("1 ô công thức chưa có giá trị")),
        "{notices:?}"
    );
}

#[test]
fn xlsx_sheets_are_separated_and_named() {
    let file = read_file(XLSX, "bang.xlsx").unwrap();
    assert_eq!(file.format, Format::Xlsx);
    let blocks = &file.document.blocks;
    assert!(matches!(&blocks[0], Block::Text { text, .. } if text == "Biểu mẫu số 01"));
    assert!(matches!(&blocks[1], Block::Text { text, .. } if text.starts_with("Công tác chỉ đạo")));
    assert_eq!(blocks.iter().filter(|b| **b == Block::Break).count(), 6);
    // Every record has its own line.
    let mut lines: Vec<usize> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Record { line, .. } => Some(*line),
            _ => None,
        })
        .collect();
    let n = lines.len();
    lines.dedup();
    assert_eq!(lines.len(), n);
}

#[test]
fn utf16_tsv_gives_the_seed_checks() {
    let o = check(UTF16, "khanh-hoa-q3-2024.txt");
    assert_same_checks(&o, true);
    assert!(o.notices.is_empty(), "{:#?}", o.notices);
}

#[test]
fn windows_1258_csv_gives_the_seed_checks() {
    let o = check(CP1258, "khanh-hoa-q3-2024.csv");
    assert_same_checks(&o, false);
    // Composed: the titles match, as in the seed.
    assert_eq!(o.forms[1].title, "Cải cách thể chế");
    assert!(o.notices.iter().any(|n| n.message.contains("Windows-1258")));
}

#[test]
fn the_extension_does_not_decide_the_format() {
    // A .docx saved under another name is still read as Word.
    let o = check(DOCX, "bao-cao.txt");
    assert_eq!(forms(&o), forms(&seed()));
    let o = check(XLSX, "bang");
    assert_eq!(forms(&o), forms(&seed()));
}

fn error(bytes: &[u8], name: &str) -> String {
    match check_file(bytes, name, &Options::default()) {
        Ok(_) => panic!("{name} was read"),
        Err(e) => e.to_string(),
    }
}

/// A zip file of one entry, deflated, declaring `declared` bytes uncompressed.
fn zip_of(name: &str, data: &[u8], declared: u32) -> Vec<u8> {
    let packed = miniz_oxide::deflate::compress_to_vec(data, 1);
    let mut local = Vec::new();
    local.extend(b"PK\x03\x04");
    local.extend([20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    local.extend(0u32.to_le_bytes()); // CRC: never reached, the cap is hit first
    local.extend((packed.len() as u32).to_le_bytes());
    local.extend(declared.to_le_bytes());
    local.extend((name.len() as u16).to_le_bytes());
    local.extend(0u16.to_le_bytes());
    local.extend(name.as_bytes());
    local.extend(&packed);
    let mut cd = Vec::new();
    cd.extend(b"PK\x01\x02");
    cd.extend([20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    cd.extend(0u32.to_le_bytes());
    cd.extend((packed.len() as u32).to_le_bytes());
    cd.extend(declared.to_le_bytes());
    cd.extend((name.len() as u16).to_le_bytes());
    cd.extend([0u8; 12]);
    cd.extend(0u32.to_le_bytes());
    cd.extend(name.as_bytes());
    let mut out = local;
    let cd_at = out.len() as u32;
    out.extend(&cd);
    out.extend(b"PK\x05\x06\0\0\0\0\x01\0\x01\0");
    out.extend((cd.len() as u32).to_le_bytes());
    out.extend(cd_at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[test]
fn a_zip_bomb_is_refused_without_inflating_it_all() {
    // 300 MB of zeros in a few hundred KB, claiming to be a Word document.
    let zeros = vec![0u8; 300 * 1024 * 1024];
    for declared in [1_000, u32::MAX - 1] {
        let bomb = zip_of("word/document.xml", &zeros, declared);
        assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
        let e = check_file(&bomb, "bom.docx", &Options::default()).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
        let message = e.to_string();
        assert!(
            message.contains("bom.docx") && message.contains("MB"),
            "{message}"
        );
    }
    assert!(MAX_ENTRY_BYTES < zeros.len());
}

#[test]
fn a_zip_listing_too_many_entries_is_refused_before_reading_them() {
    let mut z = b"PK\x03\x04".to_vec();
    // 65 534 entries (65 535 would mean "see the zip64 record").
    z.extend(b"PK\x05\x06\0\0\0\0\xFE\xFF\xFE\xFF");
    z.extend([0u8; 10]);
    let e = check_file(&z, "nhieu.xlsx", &Options::default()).unwrap_err();
    assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains(&MAX_ZIP_ENTRIES.to_string()));
}

#[test]
fn a_truncated_file_is_a_clear_error() {
    for cut in [4, 100, DOCX.len() / 2, DOCX.len() - 30] {
        let message = error(&DOCX[..cut], "bao-cao.docx");
        assert!(
            message.contains("bao-cao.docx")
                && (message.contains("cắt cụt") || message.contains("hỏng")),
            "{cut}: {message}"
        );
    }
}

#[test]
fn a_renamed_program_is_a_clear_error() {
    let mut elf = b"\x7FELF\x02\x01\x01\0".to_vec();
    elf.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    let message = error(&elf, "bao-cao.docx");
    assert!(message.contains("chương trình"), "{message}");
    let mut exe = b"MZ\x90\0".to_vec();
    exe.extend([0u8; 200]);
    assert!(error(&exe, "bang.xlsx").contains("chương trình"));
}

#[test]
fn an_empty_file_is_a_clear_error() {
    for name in ["trong.docx", "trong.xlsx", "trong.csv"] {
        assert_eq!(
            check_file(b"", name, &Options::default()).unwrap_err(),
            ReadError::Empty
        );
    }
    // A zip with nothing in it is not a report either.
    let e = error(
        b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        "rong.docx",
    );
    assert!(e.contains("rong.docx"), "{e}");
}

#[test]
fn corrupt_bytes_never_panic() {
    // Every outcome is a result or a reason, whatever byte is damaged.
    for (bytes, name) in [(DOCX, "a.docx"), (XLSX, "a.xlsx")] {
        let step = bytes.len() / 150;
        for at in (0..bytes.len()).step_by(step.max(1)) {
            let mut damaged = bytes.to_vec();
            damaged[at] ^= 0x5A;
            let _ = check_file(&damaged, name, &Options::default());
            let _ = check_file(&bytes[..at], name, &Options::default());
        }
    }
}

#[test]
fn the_command_line_reads_files_by_content_and_stdin_in_any_encoding() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let exe = env!("CARGO_BIN_EXE_kiemso");
    let out = Command::new(exe)
        .args(["check", "tests/fixtures/khanh-hoa-q3-2024.docx", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains("\"ratio:B01/2,B01/2.2,B01/2.1\""));
    // Standard input stays text, decoded whatever its encoding.
    let mut child = Command::new(exe)
        .args(["check", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(CP1258).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("Cải cách thể chế"));
    // A renamed program: exit 2 and the reason.
    let dir = std::env::temp_dir().join(format!("kiemso-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fake = dir.join("bao-cao.docx");
    std::fs::write(&fake, b"\x7FELF\x02\x01\x01\0junk").unwrap();
    let out = Command::new(exe).arg("check").arg(&fake).output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("chương trình"));
}
