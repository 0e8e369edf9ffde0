//! `kiemso`: the command line over the same core as the page.
//!
//! ```text
//! kiemso check [PATH|-] [--json] [--compact] [--all] [--large] [--catalogue FILE]   (PATH: .docx, .xlsx, .csv, .tsv, .txt)
//! kiemso forms [--catalogue FILE]
//! kiemso target PATH CELL VALUE [--change CELL] [--json] [--catalogue FILE]
//! kiemso export PATH -o OUT.docx|OUT.xlsx|OUT.csv [--all] [--new] [--date DD/MM/YYYY] [--catalogue FILE]
//! kiemso check PATH PATH... | FOLDER | FILE.zip [--json] [--all]
//! kiemso compare PREVIOUS CURRENT [--json] [--all]
//! kiemso consolidate UNIT... [--against PROVINCE] [-o consolidated.xlsx] [--json] [--all]
//! ```
//! Exit status: 0 no failed check, 1 at least one, 2 the input could not be read. For many
//! reports (docs/batch.md): 1 also when some input could not be read, 2 when none could.
//! For `target`: 0 the target can be reached (or is), 1 it cannot (the message says why), 2 the
//! input, the cell or the value could not be used.

use kiemso::catalogue::Catalogue;
use kiemso::present::{escape_controls, escape_lines, write_json};
use kiemso::{check_file, check_text, present, Options};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "Cách dùng:
  kiemso check [TỆP|-] [--json] [--compact] [--all] [--large] [--catalogue TỆP.json]
      Kiểm tra các biểu mẫu trong tệp (hoặc đầu vào chuẩn khi là - hoặc bỏ trống).
      --json       in kết quả dạng JSON
      --compact    in JSON gọn trên một dòng (ngầm định --json; nhỏ hơn khoảng một phần ba)
      --large      nhận bảng rất lớn (đến 2 triệu dòng, tệp đến 500 MB) thay cho giới hạn
                   của trang web (200.000 dòng, 50 MB); cần khoảng 1 KB bộ nhớ cho mỗi dòng
      --all        liệt kê cả các kiểm tra đạt và các câu có số liệu chưa được đánh giá (kèm lý do)
      --catalogue  dùng danh mục biểu mẫu khác thay cho danh mục có sẵn
  kiemso check TỆP TỆP... | THƯ_MỤC | TỆP.zip [--json] [--all]
      Kiểm tra nhiều báo cáo một lúc: từng báo cáo (đơn vị, kỳ báo cáo) và các báo cáo trùng.
  kiemso compare KỲ_TRƯỚC KỲ_NÀY [--json] [--all]
      So sánh kỳ này với kỳ trước: số lũy kế, số hiện có, số tăng giảm bất thường.
  kiemso consolidate ĐƠN_VỊ... [--against BÁO_CÁO_TỈNH] [-o tong-hop.xlsx] [--json] [--all]
      Tổng hợp báo cáo các đơn vị thành biểu của tỉnh; đối chiếu với báo cáo của tỉnh.
  kiemso forms [--catalogue TỆP.json]
      Liệt kê các biểu mẫu và quy tắc trong danh mục.
  kiemso target TỆP Ô GIÁ_TRỊ [--change Ô] [--json] [--catalogue TỆP.json]
      Cần bao nhiêu để ô Ô (một tỷ lệ hay một tổng, ví dụ B03/3.1) đạt GIÁ_TRỊ (ví dụ 99,80)?
      --change     ô được thay đổi (mặc định: tử số của tỷ lệ, phần đầu tiên của tổng)
      --json       in kết quả dạng JSON {cell, target, changes, message, reachable}
      Mã thoát: 0 đạt được, 1 không thể đạt (có lý do), 2 không dùng được dữ liệu hay ô.
  kiemso export TỆP -o RA.docx|RA.xlsx|RA.csv [--all] [--new] [--date NGÀY] [--catalogue TỆP.json]
      Ghi kết quả kiểm tra ra tệp, theo đuôi tên tệp:
        .docx  Phiếu rà soát số liệu (đơn vị, kỳ báo cáo, bảng các số liệu cần xem lại)
        .xlsx  các bảng của báo cáo, ô có vấn đề được tô màu và ghi chú
        .csv   các kiểm tra không đạt, phân cách bằng dấu ; (Excel tiếng Việt mở thành cột)
      Khi TỆP là .xlsx và RA là .xlsx (hay TỆP là .docx và RA là .docx): ghi bản sao của chính
      TỆP, ô có vấn đề được tô màu và có ghi chú (comment) nói sai gì; tệp gốc không bị sửa.
      Câu lời văn của tệp Word không khớp với bảng được ghi chú ngay ở đoạn văn đó; vấn đề nào
      không gắn được vào đâu trong tệp thì được liệt kê trên màn hình.
      --new        ghi phiếu rà soát / bảng mới như trên thay cho bản sao có đánh dấu
      --all        CSV gồm cả các kiểm tra đạt
      --date       ngày ghi trên phiếu (mặc định: hôm nay, giờ Việt Nam), ví dụ 03/12/2026
      Mã thoát như check: 0 không có lỗi, 1 có lỗi, 2 không đọc được dữ liệu hay không ghi được.
Mã thoát: 0 không có lỗi, 1 có ít nhất một lỗi (hoặc một tệp không đọc được), 2 không đọc được dữ liệu.";

/// Says why on standard error, escaped like all output, and exits with 2.
fn fail(message: &str) -> ExitCode {
    eprintln!("kiemso: {}", escape_controls(message));
    ExitCode::from(2)
}

/// Prints `text` on standard output; a closed pipe (`| head`) is not an error worth a panic.
fn print(text: &str) {
    let _ = std::io::stdout().write_all(text.as_bytes());
}

/// Prints `value` as JSON on a buffered standard output (streamed: the text is never held
/// whole), pretty or `compact`; a closed pipe is not an error worth a panic.
fn print_json<T: serde::Serialize + ?Sized>(value: &T, compact: bool) {
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let _ = write_json(out, value, compact);
}

/// The bytes of a file, or of standard input for `-`, within the size limit; or why not.
fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let limit = kiemso::read::MAX_FILE_BYTES;
    let too_large = |what: &str| format!("{what} quá lớn (giới hạn {} MB)", limit / (1024 * 1024));
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(limit as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("không đọc được đầu vào chuẩn: {e}"))?;
        if buf.len() > limit {
            return Err(too_large("đầu vào chuẩn"));
        }
        return Ok(buf);
    }
    let name = path.to_string_lossy();
    if std::fs::metadata(path).is_ok_and(|m| m.len() > limit as u64) {
        return Err(too_large(&name));
    }
    std::fs::read(path).map_err(|e| format!("không mở được {name}: {e}"))
}

fn main() -> ExitCode {
    // `args_os`: a file name need not be UTF-8 (a Windows-1258 name unpacked on Linux); it is
    // opened as it is and shown with `�` for the bytes that are not text.
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let mut json = false;
    let mut compact = false;
    let mut large = false;
    let mut all = false;
    let mut catalogue_path: Option<OsString> = None;
    let mut positional: Vec<OsString> = Vec::new();
    let mut change: Option<String> = None;
    let mut against: Option<OsString> = None;
    let mut output: Option<OsString> = None;
    let mut date: Option<String> = None;
    let mut fresh = false;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("--json") => json = true,
            Some("--compact" | "--json=compact") => (json, compact) = (true, true),
            Some("--large") => large = true,
            Some("--all") => all = true,
            Some("--new") => fresh = true,
            Some("--catalogue") => match it.next() {
                Some(p) => catalogue_path = Some(p),
                None => return fail("thiếu tên tệp sau --catalogue"),
            },
            Some("--change") => match it.next() {
                Some(c) => change = Some(c.to_string_lossy().into_owned()),
                None => return fail("thiếu tên ô sau --change"),
            },
            Some("--against") => match it.next() {
                Some(p) => against = Some(p),
                None => return fail("thiếu tên tệp sau --against"),
            },
            Some("-o" | "--output") => match it.next() {
                Some(p) => output = Some(p),
                None => return fail("thiếu tên tệp sau -o"),
            },
            Some("--date") => match it.next() {
                Some(d) => date = Some(d.to_string_lossy().into_owned()),
                None => return fail("thiếu ngày sau --date"),
            },
            Some("-h" | "--help") => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if a.to_string_lossy().starts_with("--") => {
                let code = fail(&format!("không hiểu tuỳ chọn {}", a.to_string_lossy()));
                eprintln!("{USAGE}");
                return code;
            }
            _ => positional.push(a),
        }
    }
    let catalogue = match &catalogue_path {
        Some(p) => {
            let shown = Path::new(p).display();
            match std::fs::read_to_string(p) {
                Ok(text) => match kiemso::read_catalogue(&text) {
                    Ok(c) => Some(c),
                    Err(e) => return fail(&format!("{shown}: {e}")),
                },
                Err(e) => return fail(&format!("không mở được {shown}: {e}")),
            }
        }
        None => None,
    };
    #[cfg(feature = "batch")]
    let batch_flags = BatchFlags {
        json,
        compact,
        all,
        against,
        output: output.clone(),
    };
    #[cfg(not(feature = "batch"))]
    let _ = (against, output);
    match positional.first().and_then(|c| c.to_str()) {
        #[cfg(feature = "batch")]
        Some("check") if many(&positional[1..]) => {
            batch("check", &positional[1..], catalogue, batch_flags)
        }
        #[cfg(feature = "batch")]
        Some(command @ ("compare" | "consolidate")) => {
            batch(command, &positional[1..], catalogue, batch_flags)
        }
        #[cfg(not(feature = "batch"))]
        Some("compare" | "consolidate") => {
            fail("bản kiemso này được dựng không có phần kiểm tra nhiều báo cáo (tính năng batch)")
        }
        Some("check") => {
            let path = positional
                .get(1)
                .map_or_else(|| Path::new("-"), |p| Path::new(p.as_os_str()));
            // The name as shown in messages, and as the readers use it for its extension.
            let name = path.to_string_lossy();
            let limits = if large {
                kiemso::read::Limits::LARGE
            } else {
                kiemso::read::Limits::PAGE
            };
            let options = Options {
                catalogue,
                limits,
                ..Options::default()
            };
            let max_bytes = limits.file_bytes;
            let result = if path == Path::new("-") {
                // Standard input is text (a pipe, a paste), in whatever encoding it comes.
                let mut buf = Vec::new();
                let cap = max_bytes as u64 + 1;
                if let Err(e) = std::io::stdin().take(cap).read_to_end(&mut buf) {
                    return fail(&format!("không đọc được đầu vào chuẩn: {e}"));
                }
                if buf.len() > max_bytes {
                    return fail(&format!(
                        "đầu vào chuẩn quá lớn (giới hạn {} MB)",
                        max_bytes / (1024 * 1024)
                    ));
                }
                kiemso::read::encoding::decode(&buf)
                    .and_then(|decoded| check_text(&decoded.text, &options))
            } else {
                // A file is read by its content: .docx, .xlsx, or text in any encoding.
                match std::fs::metadata(path) {
                    Ok(m) if m.len() > max_bytes as u64 => {
                        return fail(&format!(
                            "{name} quá lớn (giới hạn {} MB)",
                            max_bytes / (1024 * 1024)
                        ))
                    }
                    _ => {}
                }
                match std::fs::read(path) {
                    Ok(bytes) => check_file(&bytes, &name, &options),
                    Err(e) => return fail(&format!("không mở được {name}: {e}")),
                }
            };
            match result {
                Ok(outcome) => {
                    if json {
                        print_json(&outcome, compact);
                    } else {
                        print(&present::render_text(&outcome, all));
                    }
                    if outcome.has_failures() {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        Some("target") => {
            let [_, path, cell, value] = positional.as_slice() else {
                let code = fail(
                    "target cần tệp, ô và giá trị cần đạt (ví dụ: target baocao.txt B03/3.1 99,80)",
                );
                eprintln!("{USAGE}");
                return code;
            };
            let path = Path::new(path.as_os_str());
            let name = path.to_string_lossy();
            let (cell, value) = (cell.to_string_lossy(), value.to_string_lossy());
            let options = Options {
                catalogue,
                ..Options::default()
            };
            let bytes = match read_input(path) {
                Ok(b) => b,
                Err(e) => return fail(&e),
            };
            let result = if path == Path::new("-") {
                kiemso::read::encoding::decode(&bytes)
                    .map_err(|e| kiemso::target::TargetError(e.to_string()))
                    .and_then(|d| {
                        kiemso::target_text(&d.text, &cell, &value, change.as_deref(), &options)
                    })
            } else {
                kiemso::target_file(&bytes, &name, &cell, &value, change.as_deref(), &options)
            };
            match result {
                Ok(goal) => {
                    if json {
                        // Plain data: strings, a list and a boolean.
                        let text =
                            serde_json::to_string_pretty(&goal).expect("the goal is plain data");
                        print(&(escape_lines(&text) + "\n"));
                    } else {
                        let mut text = goal.message.clone() + "\n";
                        for c in &goal.changes {
                            text.push_str(&format!("  {}: {} → {}\n", c.cell, c.from, c.to));
                        }
                        print(&escape_lines(&text));
                    }
                    if goal.reachable {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        Some("export") => {
            let (Some(path), Some(out)) = (positional.get(1), output) else {
                let code = fail("export cần tệp đầu vào và -o TỆP_RA (.docx, .xlsx hay .csv)");
                eprintln!("{USAGE}");
                return code;
            };
            let options = Options {
                catalogue,
                ..Options::default()
            };
            export(
                Path::new(path.as_os_str()),
                Path::new(&out),
                all,
                fresh,
                date,
                &options,
            )
        }
        Some("forms") => {
            let c = catalogue.unwrap_or_else(Catalogue::builtin);
            let mut text = format!("{}\n", escape_controls(&c.name));
            for f in &c.forms {
                text.push_str(&format!(
                    "  Biểu mẫu số {:02}: {} — {} dòng, {} quy tắc\n",
                    f.number,
                    escape_controls(&f.title),
                    f.rows.len(),
                    f.rules.len()
                ));
            }
            if !c.cross.is_empty() {
                text.push_str(&format!("  Quy tắc giữa các biểu: {}\n", c.cross.len()));
            }
            print(&text);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `kiemso export`: checks `path` and writes the output `out` names by its extension, from the
/// same core as the page's downloads (`kiemso::export`). An .xlsx written from an .xlsx (a .docx
/// from a .docx) is the input itself annotated, unless `fresh`.
fn export(
    path: &Path,
    out: &Path,
    all: bool,
    fresh: bool,
    date: Option<String>,
    options: &Options,
) -> ExitCode {
    use kiemso::export::{Format, Meta};
    let out_name = out.to_string_lossy();
    let Some(format) = Format::from_name(&out_name) else {
        return fail(&format!(
            "không biết ghi {out_name}: tên tệp ra cần đuôi .docx, .xlsx hay .csv"
        ));
    };
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let name = path.to_string_lossy();
    let result = if path == Path::new("-") {
        kiemso::read::encoding::decode(&bytes)
            .and_then(|d| check_text(&d.text, options))
            .map(|o| (o, kiemso::read::Format::Text, Default::default()))
    } else {
        kiemso::check_file_placed(&bytes, &name, options)
    };
    let (outcome, read_as, spots) = match result {
        Ok(o) => o,
        Err(e) => return fail(&e.to_string()),
    };
    let same_kind = matches!(
        (read_as, format),
        (kiemso::read::Format::Xlsx, Format::Xlsx) | (kiemso::read::Format::Docx, Format::Docx)
    );
    if same_kind && !fresh {
        let marked = kiemso::export::annotate::annotate(&bytes, read_as, &outcome, &spots)
            .map_err(|e| e.to_string())
            .and_then(|a| {
                std::fs::write(out, &a.bytes)
                    .map(|()| a)
                    .map_err(|e| format!("không ghi được {out_name}: {e}"))
            });
        return match marked {
            Err(e) => fail(&e),
            Ok(a) => {
                let sentences = if a.paragraphs > 0 {
                    format!(", {} đoạn lời văn có ghi chú", a.paragraphs)
                } else {
                    String::new()
                };
                let mut text = format!(
                    "Đã ghi {out_name}: bản sao của {name} với {} ô được tô màu và ghi chú{sentences} ({} vấn đề).\n",
                    a.cells, a.placed
                );
                if !a.unplaced.is_empty() {
                    text.push_str(&format!(
                        "{} vấn đề không gắn được vào ô nào của tệp (có trong phiếu rà soát .docx):\n",
                        a.unplaced.len()
                    ));
                    for u in &a.unplaced {
                        text.push_str(&format!("  - {u}\n"));
                    }
                }
                print(&escape_lines(&text));
                if outcome.has_failures() {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
        };
    }
    let source = path
        .file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned());
    let meta = Meta {
        source,
        date: date.unwrap_or_else(today_in_vietnam),
    };
    let written = kiemso::export::export(&outcome, &meta, format, all)
        .map_err(|e| e.to_string())
        .and_then(|b| {
            std::fs::write(out, b).map_err(|e| format!("không ghi được {out_name}: {e}"))
        });
    match written {
        Err(e) => fail(&e),
        Ok(()) if outcome.has_failures() => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
    }
}

/// Today's date in Vietnam (UTC+7 all year, no summer time) as a letter prints it: `03/12/2026`.
fn today_in_vietnam() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs + 7 * 3600) / 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    format!("{d:02}/{m:02}/{y}")
}

/// The proleptic Gregorian date of a count of days since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The options of the subcommands over many reports.
#[cfg(feature = "batch")]
struct BatchFlags {
    json: bool,
    compact: bool,
    all: bool,
    against: Option<OsString>,
    output: Option<OsString>,
}

/// Whether `check` is given many reports: several paths, a folder or a .zip. One file keeps the
/// single-report output.
#[cfg(feature = "batch")]
fn many(paths: &[OsString]) -> bool {
    match paths {
        [] => false,
        [one] => {
            let p = Path::new(one);
            p.is_dir()
                || p.extension()
                    .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("zip"))
        }
        _ => true,
    }
}

/// `check` of many reports, `compare` and `consolidate`, on the core's [`kiemso::batch`].
#[cfg(feature = "batch")]
fn batch(
    command: &str,
    paths: &[OsString],
    catalogue: Option<Catalogue>,
    flags: BatchFlags,
) -> ExitCode {
    use kiemso::batch;
    let options = Options {
        catalogue,
        ..Options::default()
    };
    let inputs = |ps: &[OsString]| {
        let ps: Vec<std::path::PathBuf> = ps.iter().map(std::path::PathBuf::from).collect();
        batch::inputs_from_paths(&ps)
    };
    let result = match command {
        "compare" => {
            let [previous, current] = paths else {
                return fail("compare cần hai tệp hoặc thư mục: KỲ_TRƯỚC KỲ_NÀY");
            };
            batch::compare_inputs(
                inputs(std::slice::from_ref(previous)),
                inputs(std::slice::from_ref(current)),
                &options,
            )
        }
        "consolidate" => {
            if paths.is_empty() {
                return fail("consolidate cần báo cáo của ít nhất một đơn vị");
            }
            let province = flags
                .against
                .as_ref()
                .and_then(|p| inputs(std::slice::from_ref(p)).into_iter().next());
            batch::consolidate_inputs(inputs(paths), province, &options)
        }
        _ => batch::check_inputs(inputs(paths), &options),
    };
    if let Some(out) = &flags.output {
        match write_consolidated(&result, Path::new(out)) {
            Ok(()) => {}
            Err(e) => return fail(&e),
        }
    }
    if flags.json {
        print_json(&result, flags.compact);
    } else {
        print(&batch::present::render_text(&result, flags.all));
    }
    if result.summary.reports == 0 {
        ExitCode::from(2)
    } else if result.has_failures() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes the consolidated forms as .xlsx.
#[cfg(feature = "xlsx-export")]
fn write_consolidated(result: &kiemso::batch::Batch, path: &Path) -> Result<(), String> {
    let Some(consolidated) = &result.consolidated else {
        return Err("-o chỉ dùng với consolidate".into());
    };
    let bytes = kiemso::batch::xlsx::workbook(consolidated)
        .map_err(|e| format!("không tạo được tệp .xlsx: {e}"))?;
    std::fs::write(path, bytes).map_err(|e| format!("không ghi được {}: {e}", path.display()))
}

#[cfg(all(feature = "batch", not(feature = "xlsx-export")))]
fn write_consolidated(_result: &kiemso::batch::Batch, _path: &Path) -> Result<(), String> {
    Err("bản kiemso này được dựng không có phần ghi .xlsx (tính năng xlsx-export)".into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_from_days() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(20_790), (2026, 12, 3));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
