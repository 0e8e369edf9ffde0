//! `kiemso`: the command line over the same core as the page.
//!
//! ```text
//! kiemso check [PATH|-] [--json] [--all] [--catalogue FILE]   (PATH: .docx, .xlsx, .csv, .tsv, .txt)
//! kiemso forms [--catalogue FILE]
//! ```
//! Exit status: 0 no failed check, 1 at least one, 2 the input could not be read.

use kiemso::catalogue::Catalogue;
use kiemso::{check_file, check_text, present, Options};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "Cách dùng:
  kiemso check [TỆP|-] [--json] [--all] [--catalogue TỆP.json]
      Kiểm tra các biểu mẫu trong tệp (hoặc đầu vào chuẩn khi là - hoặc bỏ trống).
      --json       in kết quả dạng JSON
      --all        liệt kê cả các kiểm tra đạt
      --catalogue  dùng danh mục biểu mẫu khác thay cho danh mục có sẵn
  kiemso forms [--catalogue TỆP.json]
      Liệt kê các biểu mẫu và quy tắc trong danh mục.
Mã thoát: 0 không có lỗi, 1 có ít nhất một lỗi, 2 không đọc được dữ liệu.";

fn fail(message: &str) -> ExitCode {
    eprintln!("kiemso: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut json = false;
    let mut all = false;
    let mut catalogue_path: Option<String> = None;
    let mut positional: Vec<String> = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--all" => all = true,
            "--catalogue" => match it.next() {
                Some(p) => catalogue_path = Some(p),
                None => return fail("thiếu tên tệp sau --catalogue"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if a.starts_with("--") => return fail(&format!("không hiểu tuỳ chọn {a}\n{USAGE}")),
            _ => positional.push(a),
        }
    }
    let catalogue = match &catalogue_path {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(text) => match Catalogue::from_json(&text) {
                Ok(c) => Some(c),
                Err(e) => return fail(&format!("{p}: {e}")),
            },
            Err(e) => return fail(&format!("không mở được {p}: {e}")),
        },
        None => None,
    };
    match positional.first().map(String::as_str) {
        Some("check") => {
            let path = positional.get(1).map(String::as_str).unwrap_or("-");
            let options = Options {
                catalogue,
                ..Options::default()
            };
            let result = if path == "-" {
                // Standard input is text (a pipe, a paste), in whatever encoding it comes.
                let mut buf = Vec::new();
                let cap = kiemso::read::MAX_FILE_BYTES as u64 + 1;
                if let Err(e) = std::io::stdin().take(cap).read_to_end(&mut buf) {
                    return fail(&format!("không đọc được đầu vào chuẩn: {e}"));
                }
                if buf.len() > kiemso::read::MAX_FILE_BYTES {
                    return fail(&format!(
                        "đầu vào chuẩn quá lớn (giới hạn {} MB)",
                        kiemso::read::MAX_FILE_BYTES / (1024 * 1024)
                    ));
                }
                kiemso::read::encoding::decode(&buf)
                    .and_then(|decoded| check_text(&decoded.text, &options))
            } else {
                // A file is read by its content: .docx, .xlsx, or text in any encoding.
                match std::fs::metadata(path) {
                    Ok(m) if m.len() > kiemso::read::MAX_FILE_BYTES as u64 => {
                        return fail(&format!(
                            "{path} quá lớn (giới hạn {} MB)",
                            kiemso::read::MAX_FILE_BYTES / (1024 * 1024)
                        ))
                    }
                    _ => {}
                }
                match std::fs::read(path) {
                    Ok(bytes) => check_file(&bytes, path, &options),
                    Err(e) => return fail(&format!("không mở được {path}: {e}")),
                }
            };
            match result {
                Ok(outcome) => {
                    let text = if json {
                        outcome.to_json() + "\n"
                    } else {
                        present::render_text(&outcome, all)
                    };
                    // A closed pipe (`| head`) is not an error worth a panic.
                    let _ = std::io::stdout().write_all(text.as_bytes());
                    if outcome.has_failures() {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        Some("forms") => {
            let c = catalogue.unwrap_or_else(Catalogue::builtin);
            println!("{}", c.name);
            for f in &c.forms {
                println!(
                    "  Biểu mẫu số {:02}: {} — {} dòng, {} quy tắc",
                    f.number,
                    f.title,
                    f.rows.len(),
                    f.rules.len()
                );
            }
            if !c.cross.is_empty() {
                println!("  Quy tắc giữa các biểu: {}", c.cross.len());
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
