//! The consolidated forms as an Excel workbook: one sheet a form, in the template's columns
//! (STT · Chỉ tiêu · Đơn vị tính · Số liệu · Ghi chú), figures as numbers with the decimals they
//! are printed with, and in «Ghi chú» the units that lack a row and why a cell is empty.

use super::consolidate::{Consolidated, Method};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(id: &str, taken: &[String]) -> String {
    let clean: String = id
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .collect();
    let base: String = format!("Biểu {clean}").chars().take(28).collect();
    let mut name = base.clone();
    let mut k = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{base} {k}");
        k += 1;
    }
    name
}

/// The workbook's bytes.
///
/// ```
/// let units = ["UBND huyện A\nBÁO CÁO\nQuý III/2024\nBiểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t3\n",
///              "UBND huyện B\nBÁO CÁO\nQuý III/2024\nBiểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t4\n"];
/// let inputs = units.iter().map(|t| kiemso::batch::Input::text("dán", t)).collect();
/// let batch = kiemso::batch::consolidate_inputs(inputs, None, &kiemso::Options::default());
/// let bytes = kiemso::batch::xlsx::workbook(batch.consolidated.as_ref().unwrap()).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn workbook(consolidated: &Consolidated) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let wrap = Format::new()
        .set_text_wrap()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let mut taken: Vec<String> = Vec::new();
    for form in &consolidated.forms {
        let name = sheet_name(&form.form, &taken);
        taken.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        sheet.set_column_width(0, 8)?;
        sheet.set_column_width(1, 60)?;
        sheet.set_column_width(2, 16)?;
        sheet.set_column_width(3, 14)?;
        sheet.set_column_width(4, 50)?;
        let title = match form.form.strip_prefix('B') {
            Some(n) if n.chars().all(|c| c.is_ascii_digit()) => {
                format!("Biểu mẫu số {n}: {}", form.title)
            }
            _ => format!("{}: {}", form.form, form.title),
        };
        sheet.write_string_with_format(0, 0, &title, &bold)?;
        sheet.write_string(
            1,
            0,
            format!(
                "Tổng hợp từ báo cáo của {} đơn vị (Kiểm số)",
                consolidated.units.len()
            ),
        )?;
        for (c, h) in ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]
            .iter()
            .enumerate()
        {
            sheet.write_string_with_format(3, c as u16, *h, &header)?;
        }
        for (k, row) in form.rows.iter().enumerate() {
            let r = 4 + k as u32;
            let indicator = match &row.column {
                Some(c) => format!("{} — {c}", row.indicator),
                None => row.indicator.clone(),
            };
            sheet.write_string_with_format(r, 0, &row.stt, &wrap)?;
            sheet.write_string_with_format(r, 1, &indicator, &wrap)?;
            sheet.write_string_with_format(r, 2, &row.unit, &wrap)?;
            match row.exact {
                Some(v) => {
                    let decimals = v.scale().min(10) as usize;
                    let pattern = if decimals == 0 {
                        "#,##0".to_string()
                    } else {
                        format!("#,##0.{}", "0".repeat(decimals))
                    };
                    let f = Format::new()
                        .set_num_format(&pattern)
                        .set_border(rust_xlsxwriter::FormatBorder::Thin);
                    sheet.write_with_format(r, 3, v, &f)?;
                }
                None => {
                    sheet.write_string_with_format(r, 3, "", &wrap)?;
                }
            }
            let mut note = Vec::new();
            if !row.note.is_empty() && row.method != Method::Ratio {
                note.push(row.note.clone());
            }
            if !row.missing.is_empty() && row.method != Method::None {
                note.push(format!(
                    "Thiếu số liệu của {} đơn vị: {}",
                    row.missing.len(),
                    row.missing.join(", ")
                ));
            }
            sheet.write_string_with_format(r, 4, note.join(". "), &wrap)?;
        }
    }
    book.save_to_buffer()
}
