//! The report's tables as an Excel workbook in the template's shape, the problem cells filled
//! and each given a note saying what is wrong; then a sheet «Cần xem lại» listing every problem
//! with the unit and the period.
//!
//! Written with `rust_xlsxwriter`. Figures are written as the report prints them (text:
//! `66.687`, `99,59`): what the unit sent, exactly, with no float in between. The functions that
//! add sheets to a workbook are public, so that other outputs (a consolidation of several
//! reports) put the same marked tables in their own workbooks.

use super::{form_name, problems, subject, Cells, ExportError, Meta, Problem};
use crate::outcome::{FormView, Outcome, Status};
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, FormatPattern, Note, Workbook,
    Worksheet, XlsxError,
};
use std::collections::HashMap;

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> ExportError {
        ExportError(format!("không ghi được tệp Excel: {e}"))
    }
}

/// Fill of a cell with a failed check (light red), a warning (light yellow), and the cell a
/// suggestion names as the likely mistyped one (light orange).
const FAIL_FILL: u32 = 0xFFC7CE;
const WARN_FILL: u32 = 0xFFEB9C;
const CULPRIT_FILL: u32 = 0xFFD8A8;

/// What is said about one cell: the worst status and the notes' lines.
#[derive(Default)]
struct Mark {
    status: Option<Status>,
    culprit: bool,
    lines: Vec<String>,
}

/// The marks of every cell with a problem, from [`problems`] and the suggestions.
fn marks(outcome: &Outcome, list: &[Problem]) -> HashMap<String, Mark> {
    let mut marks: HashMap<String, Mark> = HashMap::new();
    for p in list {
        if let Some(cell) = p.cell {
            let m = marks.entry(cell.to_string()).or_default();
            m.status = m.status.max(Some(p.check.status));
            let mut line = format!("{}: {}", p.severity, p.check.message());
            if !p.should.is_empty() {
                line.push_str(&format!(" Theo kiểm tra: {}.", p.should));
            }
            if !m.lines.contains(&line) {
                m.lines.push(line);
            }
        }
    }
    for s in &outcome.suggestions {
        let m = marks.entry(s.cell.clone()).or_default();
        m.culprit = true;
        let line = format!("Gợi ý: {}", s.message);
        if !m.lines.contains(&line) {
            m.lines.push(line);
        }
    }
    marks
}

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in `taken`.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let base: String = clean.chars().take(31).collect();
    let base = if base.is_empty() {
        "Bảng".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The formats of a sheet.
struct Looks {
    title: Format,
    header: Format,
    text: Format,
    figure: Format,
}

impl Looks {
    fn new() -> Looks {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_border(FormatBorder::Thin)
            .set_text_wrap();
        Looks {
            title: Format::new()
                .set_font_name("Times New Roman")
                .set_font_size(13)
                .set_bold(),
            header: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            figure: base.clone().set_align(FormatAlign::Right),
            text: base,
        }
    }

    /// `look` filled for `mark`.
    fn marked(look: &Format, mark: &Mark) -> Format {
        let fill = match mark.status {
            Some(Status::Fail) => FAIL_FILL,
            Some(Status::Warn) => WARN_FILL,
            _ => CULPRIT_FILL,
        };
        look.clone()
            .set_pattern(FormatPattern::Solid)
            .set_background_color(Color::RGB(fill))
    }
}

/// Writes a value cell, filled and noted when it has a mark.
fn value_cell(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    value: &str,
    cell: &str,
    marks: &HashMap<String, Mark>,
    looks: &Looks,
) -> Result<(), XlsxError> {
    match marks.get(cell) {
        Some(mark) => {
            ws.write_string_with_format(row, col, value, &Looks::marked(&looks.figure, mark))?;
            let note = Note::new(mark.lines.join("\n"))
                .set_author("Kiểm số")
                .add_author_prefix(false)
                .set_width(420)
                .set_height(160);
            ws.insert_note(row, col, &note)?;
        }
        None => {
            ws.write_string_with_format(row, col, value, &looks.figure)?;
        }
    }
    Ok(())
}

/// Writes one form as a worksheet in its template's shape: the title, the header, the rows.
fn form_sheet(
    ws: &mut Worksheet,
    form: &FormView,
    marks: &HashMap<String, Mark>,
    looks: &Looks,
) -> Result<(), XlsxError> {
    let title = if form.title.is_empty() {
        form_name(&form.form)
    } else {
        format!("{}: {}", form_name(&form.form), form.title)
    };
    ws.write_string_with_format(0, 0, &title, &looks.title)?;
    ws.set_paper_size(9); // A4
    match &form.grid {
        None => {
            for (k, h) in ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]
                .iter()
                .enumerate()
            {
                ws.write_string_with_format(2, k as u16, *h, &looks.header)?;
            }
            for (k, w) in [7.0, 60.0, 14.0, 14.0, 30.0].iter().enumerate() {
                ws.set_column_width(k as u16, *w)?;
            }
            for (k, r) in form.table.iter().enumerate() {
                let row = 3 + k as u32;
                ws.write_string_with_format(row, 0, &r.stt, &looks.text)?;
                ws.write_string_with_format(row, 1, &r.indicator, &looks.text)?;
                ws.write_string_with_format(row, 2, &r.unit, &looks.text)?;
                value_cell(ws, (row, 3), &r.value, &r.cell, marks, looks)?;
                ws.write_string_with_format(row, 4, &r.note, &looks.text)?;
            }
            ws.set_freeze_panes(3, 0)?;
            ws.set_repeat_rows(2, 2)?;
        }
        Some(grid) => {
            let has_unit = grid.rows.iter().any(|r| !r.unit.is_empty());
            let first = if has_unit { 3u16 } else { 2 };
            let depth = grid
                .columns
                .iter()
                .map(|c| c.path.len())
                .max()
                .unwrap_or(1)
                .max(1);
            let top = 2u32;
            let header_end = top + depth as u32 - 1;
            // The fixed columns span the whole header.
            let mut fixed = vec!["STT", grid.label_header.as_str()];
            if has_unit {
                fixed.push("Đơn vị tính");
            }
            for (k, h) in fixed.iter().enumerate() {
                let h = if h.is_empty() { "Chỉ tiêu" } else { h };
                if depth > 1 {
                    ws.merge_range(top, k as u16, header_end, k as u16, h, &looks.header)?;
                } else {
                    ws.write_string_with_format(top, k as u16, h, &looks.header)?;
                }
            }
            // The header tree: a label shared by adjacent columns (same path above it) is
            // merged across them, as the templates print it.
            for level in 0..depth {
                let mut k = 0;
                while k < grid.columns.len() {
                    let path = &grid.columns[k].path;
                    let label = path.get(level).map(String::as_str);
                    let mut end = k;
                    if label.is_some() && level + 1 < path.len() {
                        while end + 1 < grid.columns.len()
                            && grid.columns[end + 1].path.len() > level + 1
                            && grid.columns[end + 1].path[..=level] == path[..=level]
                        {
                            end += 1;
                        }
                    }
                    let row = top + level as u32;
                    let (c0, c1) = (first + k as u16, first + end as u16);
                    match label {
                        Some(l) if end > k => {
                            ws.merge_range(row, c0, row, c1, l, &looks.header)?;
                        }
                        Some(l) => {
                            // A leaf above the deepest level spans down to the header's end.
                            let last = if level + 1 == path.len() {
                                header_end
                            } else {
                                row
                            };
                            if last > row {
                                ws.merge_range(row, c0, last, c0, l, &looks.header)?;
                            } else {
                                ws.write_string_with_format(row, c0, l, &looks.header)?;
                            }
                        }
                        None => {}
                    }
                    k = end + 1;
                }
            }
            ws.set_column_width(0, 7.0)?;
            ws.set_column_width(1, 36.0)?;
            if has_unit {
                ws.set_column_width(2, 12.0)?;
            }
            for k in 0..grid.columns.len() {
                ws.set_column_width(first + k as u16, 14.0)?;
            }
            let width = grid.columns.len().max(1);
            for (k, (r, cells)) in grid.rows.iter().zip(form.table.chunks(width)).enumerate() {
                let row = header_end + 1 + k as u32;
                ws.write_string_with_format(row, 0, &r.stt, &looks.text)?;
                ws.write_string_with_format(row, 1, &r.label, &looks.text)?;
                if has_unit {
                    ws.write_string_with_format(row, 2, &r.unit, &looks.text)?;
                }
                for (j, c) in cells.iter().enumerate() {
                    value_cell(ws, (row, first + j as u16), &c.value, &c.cell, marks, looks)?;
                }
            }
            ws.set_freeze_panes(header_end + 1, first)?;
            ws.set_repeat_rows(top, header_end)?;
        }
    }
    Ok(())
}

/// Adds one sheet per form of `outcome` to `workbook`, the problem cells filled and noted;
/// `prefix` starts each sheet's name (a unit's name in a consolidation; empty otherwise) and
/// `taken` holds the names already used in the workbook.
pub fn add_form_sheets(
    workbook: &mut Workbook,
    outcome: &Outcome,
    prefix: &str,
    taken: &mut Vec<String>,
) -> Result<(), ExportError> {
    let cells = Cells::of(outcome);
    let list = problems(outcome, &cells);
    let marks = marks(outcome, &list);
    let looks = Looks::new();
    for form in &outcome.forms {
        let ws = workbook.add_worksheet();
        ws.set_name(sheet_name(
            &format!("{prefix}{}", form_name(&form.form)),
            taken,
        ))?;
        form_sheet(ws, form, &marks, &looks)?;
    }
    Ok(())
}

/// Adds the sheet «Cần xem lại»: the unit, the period, the date, then every problem with the
/// same columns as the CSV.
pub fn add_problems_sheet(
    workbook: &mut Workbook,
    outcome: &Outcome,
    meta: &Meta,
    taken: &mut Vec<String>,
) -> Result<(), ExportError> {
    let (unit, period) = subject(outcome, meta);
    let cells = Cells::of(outcome);
    let list = problems(outcome, &cells);
    let looks = Looks::new();
    let ws = workbook.add_worksheet();
    ws.set_name(sheet_name("Cần xem lại", taken))?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.write_string_with_format(0, 0, "PHIẾU RÀ SOÁT SỐ LIỆU", &looks.title)?;
    let mut row = 1;
    // A file's name is not a unit: it is given as the file's, below.
    let unit = if outcome.about.unit.is_some() {
        unit
    } else {
        String::new()
    };
    for (label, value) in [
        ("Đơn vị báo cáo", unit.as_str()),
        ("Kỳ báo cáo", period.as_str()),
        ("Tệp số liệu", meta.source.as_str()),
        ("Ngày rà soát", meta.date.as_str()),
    ] {
        if value.is_empty() {
            continue;
        }
        ws.write_string(row, 0, format!("{label}: {value}"))?;
        row += 1;
    }
    row += 1;
    let header = &super::csv::HEADER[..6];
    for (k, h) in header.iter().chain(["Giải thích"].iter()).enumerate() {
        ws.write_string_with_format(row, k as u16, *h, &looks.header)?;
    }
    for (k, w) in [11.0, 16.0, 8.0, 40.0, 14.0, 24.0, 70.0].iter().enumerate() {
        ws.set_column_width(k as u16, *w)?;
    }
    let header_row = row;
    for p in &list {
        row += 1;
        let fill = Mark {
            status: Some(p.check.status),
            ..Mark::default()
        };
        ws.write_string_with_format(row, 0, p.severity, &Looks::marked(&looks.text, &fill))?;
        for (k, text) in [&p.form, &p.stt, &p.indicator].iter().enumerate() {
            ws.write_string_with_format(row, 1 + k as u16, *text, &looks.text)?;
        }
        ws.write_string_with_format(row, 4, &p.reported, &looks.figure)?;
        ws.write_string_with_format(row, 5, &p.should, &looks.text)?;
        ws.write_string_with_format(row, 6, &p.rule, &looks.text)?;
    }
    if list.is_empty() {
        ws.write_string(row + 1, 0, "Không phát hiện lỗi hay cảnh báo nào.")?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

/// The workbook: the sheet «Cần xem lại» first, then one sheet per form.
pub fn tables_xlsx(outcome: &Outcome, meta: &Meta) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let (unit, period) = subject(outcome, meta);
    let title = if period.is_empty() {
        format!("Số liệu có đánh dấu — {unit}")
    } else {
        format!("Số liệu có đánh dấu — {unit} — {period}")
    };
    workbook.set_properties(&DocProperties::new().set_title(title).set_author("Kiểm số"));
    let mut taken = Vec::new();
    add_problems_sheet(&mut workbook, outcome, meta, &mut taken)?;
    add_form_sheets(&mut workbook, outcome, "", &mut taken)?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_unique_and_short() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("Biểu mẫu số 03", &mut taken), "Biểu mẫu số 03");
        assert_eq!(
            sheet_name("Biểu mẫu số 03", &mut taken),
            "Biểu mẫu số 03 (2)"
        );
        let long = sheet_name(
            &"Ủy ban nhân dân tỉnh Khánh Hòa: Biểu [1]".repeat(2),
            &mut taken,
        );
        assert!(long.chars().count() <= 31 && !long.contains([':', '[']));
    }

    #[test]
    fn a_workbook_is_written() {
        let text = "Biểu mẫu số 02\n1.\tTổng số văn bản\tVăn bản\t15\n\
                    1.1.\tVăn bản A\tVăn bản\t5\n1.2.\tVăn bản B\tVăn bản\t5\n\
                    1.3.\tVăn bản C\tVăn bản\t50\n";
        let o = crate::check_text(text, &crate::Options::default()).unwrap();
        let bytes = tables_xlsx(&o, &Meta::default()).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
