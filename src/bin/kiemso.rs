//! `kiemso`: the command line over the same core as the page.
//!
//! ```text
//! kiemso check [PATH|-] [--json] [--all] [--catalogue FILE]   (PATH: .docx, .xlsx, .csv, .tsv, .txt)
//! kiemso forms [--catalogue FILE]
//! ```
//! Exit status: 0 no failed check, 1 at least one, 2 the input could not be read.

use kiemso::catalogue::Catalogue;
use kiemso::present::{escape_controls, escape_lines};
use kiemso::{check_file, check_text, present, Options};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::Path;
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

/// Says why on standard error, escaped like all output, and exits with 2.
fn fail(message: &str) -> ExitCode {
    eprintln!("kiemso: {}", escape_controls(message));
    ExitCode::from(2)
}

/// Prints `text` on standard output; a closed pipe (`| head`) is not an error worth a panic.
fn print(text: &str) {
    let _ = std::io::stdout().write_all(text.as_bytes());
}

fn main() -> ExitCode {
    // `args_os`: a file name need not be UTF-8 (a Windows-1258 name unpacked on Linux); it is
    // opened as it is and shown with `�` for the bytes that are not text.
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let mut json = false;
    let mut all = false;
    let mut catalogue_path: Option<OsString> = None;
    let mut positional: Vec<OsString> = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("--json") => json = true,
            Some("--all") => all = true,
            Some("--catalogue") => match it.next() {
                Some(p) => catalogue_path = Some(p),
                None => return fail("thiếu tên tệp sau --catalogue"),
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
                Ok(text) => match Catalogue::from_json(&text) {
                    Ok(c) => Some(c),
                    Err(e) => return fail(&format!("{shown}: {e}")),
                },
                Err(e) => return fail(&format!("không mở được {shown}: {e}")),
            }
        }
        None => None,
    };
    match positional.first().and_then(|c| c.to_str()) {
        Some("check") => {
            let path = positional
                .get(1)
                .map_or_else(|| Path::new("-"), |p| Path::new(p.as_os_str()));
            // The name as shown in messages, and as the readers use it for its extension.
            let name = path.to_string_lossy();
            let options = Options {
                catalogue,
                ..Options::default()
            };
            let result = if path == Path::new("-") {
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
                            "{name} quá lớn (giới hạn {} MB)",
                            kiemso::read::MAX_FILE_BYTES / (1024 * 1024)
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
                        // JSON escapes C0 controls itself; DEL, C1 and bidirectional controls
                        // are escaped here, which JSON reads back as the same strings.
                        print(&(escape_lines(&outcome.to_json()) + "\n"));
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
