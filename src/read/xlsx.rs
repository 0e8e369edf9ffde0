//! Excel workbooks (.xlsx): every visible sheet, in workbook order, as records, each cell **as
//! Excel displays it**.
//!
//! A sheet is its name as a line of prose (so a sheet named "Biểu mẫu số 03" names its form),
//! then its rows; [`Block::Break`] separates sheets. A row whose only content is text in the
//! sheet's first column (a title such as "Biểu mẫu số 01" or "Công tác chỉ đạo…") is prose too.
//!
//! Numbers are stored at full precision (31.147540983606557) but checked as printed: the cell's
//! number format (`0.00`, `#,##0`, `0.00%`, General…) decides the digits shown, and the text is
//! written the Vietnamese way (`31,15`, `9.191.517`, `31,15%`). Formula cells are read from
//! the value Excel cached when it last calculated. Dates and booleans become text. Cells whose
//! display rounds the stored value, and formula cells, are listed in
//! [`FileContents::stored`] so that a check can say what the cell really holds.
//!
//! `line` is the row number for the first sheet; later sheets continue the count (a sheet's
//! rows follow the previous sheet's last row), so every record has its own line.

use super::archive::Archive;
use super::xml::{walk, Event, Flow};
use super::{
    Block, Budget, Document, FileContents, Format, Limits, Note, Origin, Place, ReadError,
    StoredValue, MAX_CELLS, MAX_CELLS_PER_RECORD,
};
use crate::number::{format_vi, round_to};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::rc::Rc;
use std::str::FromStr;

/// The most cells whose stored value is kept for explanations.
const MAX_STORED: usize = 100_000;

/// The most rows a sheet has in Excel (ECMA-376 §18.3.1.73): a row number beyond is a broken
/// file, and line numbers stay far from overflowing.
const MAX_ROW: usize = 1_048_576;

/// Reads the workbook whose main part is `part`.
pub(super) fn read(
    archive: &Archive<'_>,
    part: &str,
    limits: &Limits,
) -> Result<FileContents, ReadError> {
    let rels = archive.relationships(part)?;
    let target = |kind: &str, usual: &str| {
        rels.iter()
            .find(|r| r.kind == kind)
            .map_or_else(|| usual.to_string(), |r| r.target.clone())
    };
    let workbook = parse_workbook(&archive.required(part)?, part)?;
    let strings = match archive.text(&target("sharedStrings", "xl/sharedStrings.xml"))? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let formats = match archive.text(&target("styles", "xl/styles.xml"))? {
        Some(xml) => cell_formats(&xml)?,
        None => Vec::new(),
    };
    let mut book = Book {
        strings,
        formats,
        date1904: workbook.date1904,
        file: FileContents::of(Format::Xlsx, Document::default()),
        budget: Budget::new("Bảng tính", *limits),
    };
    // The workbook's relationships by id (the first of an id, as a scan would find): a
    // workbook may list thousands of sheets, each looked up here.
    let mut by_id: HashMap<&str, &str> = HashMap::with_capacity(rels.len());
    for r in &rels {
        by_id.entry(r.id.as_str()).or_insert(r.target.as_str());
    }
    let mut base = 0usize;
    let mut first = true;
    for sheet in &workbook.sheets {
        if sheet.hidden {
            book.file.notes.push(Note {
                line: None,
                message: format!(
                    "Trang tính «{}» đang ẩn nên không được kiểm tra.",
                    sheet.name
                ),
            });
            continue;
        }
        let Some(&path) = by_id.get(sheet.rel.as_str()) else {
            continue;
        };
        // Chart sheets and dialog sheets have no cells.
        let Some(xml) = archive.text(path)? else {
            continue;
        };
        let rows = book.sheet(&xml, path, &sheet.name)?;
        if !first {
            book.file.document.blocks.push(Block::Break);
        }
        first = false;
        book.file
            .parts
            .push((path.to_string(), Some(sheet.name.clone())));
        let part = book.file.parts.len() - 1;
        let last = book.emit(&sheet.name, part, base, rows)?;
        // Rows are at most MAX_ROW, sheets at most the zip's entries; checked all the same,
        // since `usize` has 32 bits on wasm32.
        base = base.checked_add(last.max(1)).ok_or_else(too_many_rows)?;
    }
    Ok(book.file)
}

struct SheetRef {
    name: String,
    rel: String,
    hidden: bool,
}

struct Workbook {
    sheets: Vec<SheetRef>,
    date1904: bool,
}

fn parse_workbook(xml: &str, part: &str) -> Result<Workbook, ReadError> {
    let mut wb = Workbook {
        sheets: Vec::new(),
        date1904: false,
    };
    walk(xml, part, |e| {
        if let Event::Open(tag) = e {
            match tag.name() {
                "sheet" => {
                    if let (Some(name), Some(rel)) = (tag.attr("name"), tag.attr("id")) {
                        wb.sheets.push(SheetRef {
                            name,
                            rel,
                            hidden: tag.attr("state").is_some_and(|s| s != "visible"),
                        });
                    }
                }
                "workbookPr" => {
                    wb.date1904 = tag
                        .attr("date1904")
                        .is_some_and(|v| v == "1" || v == "true");
                }
                "extLst" => return Flow::Skip,
                _ => {}
            }
        }
        Flow::Enter
    })?;
    Ok(wb)
}

/// The shared strings, each held once however many cells use it.
fn shared_strings(xml: &str) -> Result<Vec<Rc<str>>, ReadError> {
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    let mut in_t = false;
    let mut too_many = false;
    walk(xml, "xl/sharedStrings.xml", |e| {
        match e {
            Event::Open(tag) => match tag.name() {
                // Phonetic guides are not printed.
                "rPh" | "extLst" => return Flow::Skip,
                "si" => current = Some(String::new()),
                "t" => in_t = true,
                _ => {}
            },
            Event::Close(name) => match name {
                "si" => {
                    strings.push(Rc::from(current.take().unwrap_or_default()));
                    if strings.len() > MAX_CELLS {
                        too_many = true;
                        return Flow::Skip;
                    }
                }
                "t" => in_t = false,
                _ => {}
            },
            Event::Text(t) => {
                if let (true, Some(s)) = (in_t, current.as_mut()) {
                    s.push_str(t);
                }
            }
        }
        Flow::Enter
    })?;
    if too_many {
        return Err(too_many_cells());
    }
    Ok(strings)
}

fn too_many_cells() -> ReadError {
    ReadError::TooLarge {
        what: "Bảng tính".into(),
        limit: format!("{MAX_CELLS} ô"),
    }
}

fn too_many_rows() -> ReadError {
    ReadError::TooLarge {
        what: "Bảng tính".into(),
        limit: format!("{} hàng mỗi trang", format_vi(Decimal::from(MAX_ROW), 0)),
    }
}

/// The number format of each cell style (`cellXfs`), by style index.
///
/// Each distinct format is parsed once, however many styles use it: a workbook may repeat one
/// long format code in thousands of styles. The work is linear in the size of `styles.xml`.
fn cell_formats(xml: &str) -> Result<Vec<NumberFormat>, ReadError> {
    // Custom formats by id; a later definition of an id replaces an earlier one.
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut in_xfs = false;
    walk(xml, "xl/styles.xml", |e| {
        match e {
            Event::Open(tag) => match tag.name() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (
                        tag.attr("numFmtId").and_then(|v| v.parse().ok()),
                        tag.attr("formatCode"),
                    ) {
                        custom.insert(id, code);
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    ids.push(
                        tag.attr("numFmtId")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0),
                    );
                    return Flow::Skip;
                }
                "extLst" => return Flow::Skip,
                _ => {}
            },
            Event::Close("cellXfs") => in_xfs = false,
            _ => {}
        }
        Flow::Enter
    })?;
    let mut parsed: HashMap<u32, NumberFormat> = HashMap::new();
    Ok(ids
        .into_iter()
        .map(|id| {
            *parsed.entry(id).or_insert_with(|| {
                NumberFormat::parse(custom.get(&id).map_or(builtin_format(id), String::as_str))
            })
        })
        .collect())
}

/// The format codes Excel does not write out (ECMA-376 §18.8.30); locale-dependent ids are given
/// their usual meaning.
fn builtin_format(id: u32) -> &'static str {
    match id {
        1 => "0",
        2 => "0.00",
        3 | 5 | 6 | 37 | 38 => "#,##0",
        4 | 7 | 8 | 39 | 40 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        14 | 15 | 16 | 17 | 27..=31 | 34..=36 | 50..=58 => "dd/mm/yyyy",
        18..=21 | 32 | 33 | 45..=47 => "hh:mm:ss",
        22 => "dd/mm/yyyy hh:mm",
        49 => "@",
        _ => "General",
    }
}

/// How a number is displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberFormat {
    /// Excel's General: as many digits as fit in 11 characters.
    General,
    /// A fixed number of decimals; percent formats show the value × 100 with `%`; each comma
    /// after the last digit placeholder divides by 1000.
    Fixed {
        decimals: u32,
        percent: bool,
        thousands: u32,
        /// Zeros before the decimal point: the least digits the integer part shows.
        int_zeros: u32,
    },
    /// A date and/or time.
    Date { date: bool, time: bool },
}

impl NumberFormat {
    /// Reads a format code's first section (the one for positive numbers; Kiểm số shows a
    /// negative number with a minus sign, whatever brackets the format would print).
    fn parse(code: &str) -> NumberFormat {
        let mut chars = code.chars().peekable();
        let (mut decimals, mut placeholders, mut thousands, mut pending_commas) = (0u32, 0, 0, 0);
        let mut int_zeros = 0u32;
        let (mut after_point, mut percent, mut other) = (false, false, false);
        let (mut date, mut time) = (false, false);
        let mut word = String::new();
        while let Some(c) = chars.next() {
            match c {
                ';' => break,
                '"' => {
                    for q in chars.by_ref() {
                        if q == '"' {
                            break;
                        }
                    }
                }
                '\\' | '_' | '*' => {
                    chars.next();
                }
                '[' => {
                    let inside: String = chars.by_ref().take_while(|&b| b != ']').collect();
                    // [h]:mm elapsed time; colours, conditions and locales print nothing.
                    if inside
                        .chars()
                        .all(|x| matches!(x.to_ascii_lowercase(), 'h' | 'm' | 's'))
                    {
                        time = true;
                    }
                }
                '0' | '#' | '?' => {
                    placeholders += 1;
                    pending_commas = 0;
                    if after_point {
                        decimals += 1;
                    } else if c == '0' {
                        int_zeros += 1;
                    }
                }
                '.' if !after_point => {
                    after_point = true;
                    thousands += pending_commas;
                    pending_commas = 0;
                }
                ',' if placeholders > 0 => pending_commas += 1,
                '%' => percent = true,
                'E' | 'e' if matches!(chars.peek(), Some('+' | '-')) => other = true,
                '/' if placeholders > 0 => other = true,
                c if c.is_ascii_alphabetic() => {
                    word.push(c.to_ascii_lowercase());
                    match c.to_ascii_lowercase() {
                        'd' | 'y' => date = true,
                        'h' | 's' => time = true,
                        'm' => date = true,
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        thousands += pending_commas;
        if word.contains("general") || other {
            NumberFormat::General
        } else if placeholders > 0 {
            NumberFormat::Fixed {
                decimals,
                percent,
                thousands,
                int_zeros,
            }
        } else if date || time {
            // `m` is minutes next to hours; on its own it is a month.
            let date = date && (word.contains('d') || word.contains('y') || !time);
            NumberFormat::Date { date, time }
        } else {
            NumberFormat::General
        }
    }

    /// The value as displayed, the Vietnamese way; for numbers, also the number the display
    /// stands for and the stored value in the same units (× 100 for a percentage), to tell
    /// whether the display rounds. `None` when the value in the format's units is beyond what a
    /// decimal holds (`1E+28` as a percentage): the caller shows the cell as stored.
    fn display(
        self,
        value: Decimal,
        date1904: bool,
    ) -> Option<(String, Option<(Decimal, Decimal)>)> {
        Some(match self {
            NumberFormat::Fixed {
                decimals,
                percent,
                thousands,
                int_zeros,
            } => {
                let mut v = value;
                if percent {
                    v = v.checked_mul(Decimal::ONE_HUNDRED)?;
                }
                for _ in 0..thousands.min(4) {
                    // × 0,001 is exact, and spares the Wasm a decimal division.
                    v = v.checked_mul(Decimal::new(1, 3))?;
                }
                let decimals = decimals.min(20);
                let mut text = format_vi(v, decimals);
                // `00` shows 8 as 08, as officials print codes and small counts.
                let digits = text.find(',').unwrap_or(text.len());
                if !text.starts_with('-') && (int_zeros as usize) > digits && int_zeros <= 20 {
                    text.insert_str(0, &"0".repeat(int_zeros as usize - digits));
                }
                if percent {
                    text.push('%');
                }
                (text, Some((round_to(v, decimals), v)))
            }
            NumberFormat::General => {
                // Excel's General fits a number in 11 characters: the digits of the integer part,
                // the sign and the decimal point leave the rest for decimals.
                let int_digits = value.abs().trunc().to_string().len() as u32;
                let sign = u32::from(value.is_sign_negative());
                let decimals = 10u32.saturating_sub(int_digits + sign);
                let shown = round_to(value, decimals).normalize();
                (format_vi(shown, shown.scale()), Some((shown, value)))
            }
            NumberFormat::Date { date, time } => (serial_date(value, date1904, date, time), None),
        })
    }
}

/// A date serial as `dd/mm/yyyy`, `hh:mm:ss`, or both.
fn serial_date(value: Decimal, date1904: bool, show_date: bool, show_time: bool) -> String {
    let days_i = value.floor();
    // Excel shows dates from serial 0 to 2 958 465 (31/12/9999) and fills the cell with `#`
    // beyond; so does this, which also keeps the day arithmetic below from overflowing.
    if days_i.is_sign_negative() || days_i > Decimal::from(2_958_465) {
        return "########".to_string();
    }
    let days: i64 = days_i.to_string().parse().unwrap_or(0);
    // The fraction of a day is within [0, 1): neither operation can overflow, checked anyway.
    let seconds: i64 = (value.checked_sub(days_i))
        .and_then(|f| f.checked_mul(Decimal::from(86_400)))
        .map_or(0, |s| round_to(s, 0).to_string().parse().unwrap_or(0));
    // Days since 1970-01-01. Excel's 1900 system counts a 29 February 1900 that never was.
    let unix = if date1904 {
        days - 24_107
    } else if days < 61 {
        days - 25_568
    } else {
        days - 25_569
    };
    let mut out = String::new();
    if show_date || !show_time {
        let (y, m, d) = civil_from_days(unix);
        out.push_str(&format!("{d:02}/{m:02}/{y}"));
    }
    if show_time {
        if !out.is_empty() {
            out.push(' ');
        }
        let s = seconds.clamp(0, 86_399);
        out.push_str(&format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60));
    }
    out
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A stored number: plain or scientific decimal text, as Excel writes it (`1.5E-3`). Values
/// beyond the 28 digits a decimal holds are refused (the cell is then shown as stored).
fn parse_number(v: &str) -> Option<Decimal> {
    let v = v.trim();
    let (mantissa, exponent) = match v.split_once(['E', 'e']) {
        Some((m, e)) => (m, e.parse::<i32>().ok()?),
        None => (v, 0),
    };
    let m = Decimal::from_str(mantissa).ok()?;
    if exponent >= 0 {
        let shift = u32::try_from(exponent).ok().filter(|s| *s <= 28)?;
        if shift <= m.scale() {
            let mut r = m;
            r.set_scale(m.scale() - shift).ok()?;
            Some(r)
        } else {
            m.checked_mul(Decimal::from_i128_with_scale(10i128.pow(shift), 0))
        }
    } else {
        // Tiny values keep the digits a decimal can hold (28 decimals).
        let shift = exponent.unsigned_abs();
        if shift > 28 {
            return Some(Decimal::ZERO);
        }
        let mut r = round_to(m, m.scale().min(28 - shift));
        r.set_scale(r.scale() + shift).ok()?;
        Some(r)
    }
}

/// `"AB12"` → (column 27, row 12), 0-based column, 1-based row.
pub(crate) fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].bytes().fold(0usize, |n, b| {
        n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as usize
    });
    let row = r[letters..].parse().ok()?;
    Some((col - 1, row))
}

/// The letters of a 0-based column (`0` → `A`, `26` → `AA`).
pub(crate) fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A cell as read from a sheet.
#[derive(Debug, Default)]
struct RawCell {
    col: usize,
    kind: String,
    style: usize,
    value: String,
    formula: String,
    has_formula: bool,
    has_value: bool,
}

/// A cell ready to print.
struct Shown {
    col: usize,
    /// Shared with the shared-string table, not copied for each cell that uses it.
    text: Rc<str>,
    number: bool,
    stored: Option<(Decimal, bool, Option<String>)>,
}

struct Book {
    strings: Vec<Rc<str>>,
    formats: Vec<NumberFormat>,
    date1904: bool,
    file: FileContents,
    /// Records, grid cells and bytes of text made so far, all sheets together.
    budget: Budget,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    None,
    Value,
    Formula,
    Inline,
}

impl Book {
    /// Reads one sheet's rows: (row number, cells) in order.
    fn sheet(
        &mut self,
        xml: &str,
        path: &str,
        name: &str,
    ) -> Result<Vec<(usize, Vec<Shown>)>, ReadError> {
        // Rows that have a cell to show, with the last row number seen (an empty row moves
        // the next sheet's lines on, but holds nothing).
        let mut rows: Vec<(usize, Vec<Shown>)> = Vec::new();
        let mut row_no = 0usize;
        let mut last_row = 0usize;
        let mut next_col = 0usize;
        let mut cell: Option<RawCell> = None;
        let mut inside = In::None;
        let mut uncalculated = 0usize;
        let mut error: Option<ReadError> = None;
        let walked = walk(xml, path, |e| {
            if error.is_some() {
                return Flow::Skip;
            }
            match e {
                Event::Open(tag) => match tag.name() {
                    "row" => {
                        let r = tag
                            .attr("r")
                            .and_then(|r| r.trim().parse::<usize>().ok())
                            .unwrap_or(row_no.saturating_add(1));
                        if !(1..=MAX_ROW).contains(&r) {
                            error = Some(
                                ReadError::unreadable(format!(
                                    "Tệp bị hỏng: trang tính «{name}» có hàng số {r}, ngoài giới hạn 1–{} hàng của Excel. Hãy mở bằng Excel và lưu lại.",
                                    format_vi(Decimal::from(MAX_ROW), 0)
                                ))
                                .in_part(path)
                                .at_line(r),
                            );
                            return Flow::Enter;
                        }
                        row_no = r;
                        last_row = last_row.max(r);
                        next_col = 0;
                    }
                    "c" => {
                        let col = tag
                            .attr("r")
                            .and_then(|r| cell_ref(&r))
                            .map_or(next_col, |(c, _)| c);
                        next_col = col + 1;
                        cell = Some(RawCell {
                            col,
                            kind: tag.attr("t").unwrap_or_default(),
                            style: tag.attr("s").and_then(|s| s.parse().ok()).unwrap_or(0),
                            ..RawCell::default()
                        });
                    }
                    "v" => inside = In::Value,
                    "f" => {
                        inside = In::Formula;
                        if let Some(c) = cell.as_mut() {
                            c.has_formula = true;
                        }
                    }
                    "is" => inside = In::Inline,
                    "rPh"
                    | "extLst"
                    | "mergeCells"
                    | "conditionalFormatting"
                    | "dataValidations"
                    | "hyperlinks"
                    | "cols"
                    | "sheetViews" => return Flow::Skip,
                    _ => {}
                },
                Event::Text(t) => {
                    if let Some(c) = cell.as_mut() {
                        match inside {
                            In::Value | In::Inline => {
                                c.value.push_str(t);
                                c.has_value = true;
                            }
                            In::Formula => c.formula.push_str(t),
                            In::None => {}
                        }
                    }
                }
                Event::Close(n) => match n {
                    "v" | "f" | "is" => inside = In::None,
                    "c" => {
                        if let Some(raw) = cell.take() {
                            if raw.has_formula && !raw.has_value {
                                uncalculated += 1;
                            }
                            if let Some(shown) = self.show(raw) {
                                if shown.col >= MAX_CELLS_PER_RECORD {
                                    error = Some(ReadError::TooLarge {
                                        what: format!(
                                            "Trang tính «{name}» có dữ liệu ở cột {}, bảng này",
                                            column_name(shown.col)
                                        ),
                                        limit: format!("{MAX_CELLS_PER_RECORD} cột"),
                                    });
                                    return Flow::Enter;
                                }
                                if rows.last().map_or(true, |(r, _)| *r != row_no) {
                                    rows.push((row_no, Vec::new()));
                                }
                                if let Some((_, cells)) = rows.last_mut() {
                                    // The grid grows to the cell's column: a row with cells
                                    // at A and SR is 512 cells wide, all of them made.
                                    let width = cells.last().map_or(0, |c| c.col + 1);
                                    // A cell repeated or out of order still counts one.
                                    let grown = (shown.col + 1).saturating_sub(width).max(1);
                                    if let Err(e) = self
                                        .budget
                                        .cells(grown)
                                        .and_then(|()| self.budget.bytes(shown.text.len()))
                                    {
                                        error = Some(e);
                                        return Flow::Enter;
                                    }
                                    cells.push(shown);
                                }
                            }
                        }
                    }
                    _ => {}
                },
            }
            Flow::Enter
        });
        // The first problem met is the one to tell.
        if let Some(e) = error {
            return Err(e);
        }
        walked?;
        // The last row, empty or not, for the next sheet's line numbers.
        if last_row > rows.last().map_or(0, |(r, _)| *r) {
            rows.push((last_row, Vec::new()));
        }
        if uncalculated > 0 {
            self.file.notes.push(Note {
                line: None,
                message: format!(
                    "Trang tính «{name}» có {uncalculated} ô công thức chưa có giá trị đã tính nên được coi là ô trống. Hãy mở tệp bằng Excel, tính lại (F9) rồi lưu."
                ),
            });
        }
        Ok(rows)
    }

    /// What a cell displays; `None` for an empty cell.
    fn show(&self, raw: RawCell) -> Option<Shown> {
        let formula = (raw.has_formula && !raw.formula.trim().is_empty())
            .then(|| raw.formula.trim().to_string());
        let text = |text: Rc<str>| Shown {
            col: raw.col,
            text,
            number: false,
            stored: None,
        };
        let shown = match raw.kind.as_str() {
            "s" => text(
                raw.value
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.strings.get(i))
                    .map_or_else(|| Rc::from(""), Rc::clone),
            ),
            "inlineStr" | "str" | "e" => text(Rc::from(raw.value)),
            "b" => text(Rc::from(if raw.value.trim() == "1" {
                "TRUE"
            } else {
                "FALSE"
            })),
            // ISO 8601 dates, rare: shown as written.
            "d" => text(Rc::from(raw.value)),
            _ => {
                if !raw.has_value {
                    return None;
                }
                let Some(value) = parse_number(&raw.value) else {
                    return Some(text(Rc::from(raw.value)));
                };
                let format = self
                    .formats
                    .get(raw.style)
                    .copied()
                    .unwrap_or(NumberFormat::General);
                // Beyond a decimal once formatted: shown as stored, which the report then
                // finds unreadable, as any other number it cannot read.
                let Some((shown, as_number)) = format.display(value, self.date1904) else {
                    return Some(text(Rc::from(raw.value)));
                };
                Shown {
                    col: raw.col,
                    text: Rc::from(shown),
                    number: as_number.is_some(),
                    stored: as_number.map(|(shown, in_units)| (value, shown != in_units, formula)),
                }
            }
        };
        let empty = shown.text.trim().is_empty();
        (!empty).then_some(shown)
    }

    /// Emits a sheet: its name, then its rows. Returns the last row number.
    fn emit(
        &mut self,
        sheet: &str,
        part: usize,
        base: usize,
        rows: Vec<(usize, Vec<Shown>)>,
    ) -> Result<usize, ReadError> {
        self.budget.bytes(sheet.len())?;
        let blocks = &mut self.file.document.blocks;
        blocks.push(Block::Text {
            line: base + 1,
            text: sheet.trim().to_string(),
        });
        let first_col = rows
            .iter()
            .flat_map(|(_, cells)| cells.iter().map(|c| c.col))
            .min()
            .unwrap_or(0);
        let mut last = 0;
        for (row, cells) in rows {
            last = last.max(row);
            let line = base.checked_add(row).ok_or_else(too_many_rows)?;
            if cells.is_empty() {
                continue;
            }
            if let [only] = cells.as_slice() {
                let prose = !only.number
                    && only.col == first_col
                    && only.text.chars().filter(|c| c.is_alphabetic()).count() >= 3;
                if prose {
                    blocks.push(Block::Text {
                        line,
                        text: only.text.trim().to_string(),
                    });
                    continue;
                }
            }
            self.budget.record()?;
            let width = cells.iter().map(|c| c.col + 1).max().unwrap_or(0);
            let mut out = vec![String::new(); width];
            for c in cells {
                let text = c.text.trim().to_string();
                if let Some((stored, rounded, formula)) = c.stored {
                    if (rounded || formula.is_some()) && self.file.stored.len() < MAX_STORED {
                        // Each keeps a copy of the sheet's name, however long the file made it.
                        self.budget.bytes(sheet.len() + text.len())?;
                        self.file.stored.push(StoredValue {
                            line,
                            sheet: sheet.to_string(),
                            cell: format!("{}{row}", column_name(c.col)),
                            stored,
                            shown: text.clone(),
                            rounded,
                            formula,
                        });
                    }
                }
                // Cells with several lines (Alt+Enter) read as one line, as in the paste.
                out[c.col] = super::text::clean_cell(&text);
            }
            blocks.push(Block::Record { line, cells: out });
            self.file.places.push(Place {
                line,
                part,
                origin: Origin::Sheet { row },
            });
        }
        Ok(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(code: &str, v: &str) -> String {
        NumberFormat::parse(code)
            .display(parse_number(v).unwrap(), false)
            .unwrap()
            .0
    }

    #[test]
    fn numbers_display_as_formatted_the_vietnamese_way() {
        assert_eq!(shown("0.00", "31.147540983606557"), "31,15");
        assert_eq!(shown("#,##0", "9191517"), "9.191.517");
        assert_eq!(shown("#,##0.0", "1234.56"), "1.234,6");
        assert_eq!(shown("0%", "0.3115"), "31%");
        assert_eq!(shown("0.00%", "0.31147540983606557"), "31,15%");
        assert_eq!(shown("General", "31.147540983606557"), "31,14754098");
        assert_eq!(shown("General", "0.311475409836"), "0,31147541");
        assert_eq!(shown("General", "9191517"), "9.191.517");
        assert_eq!(shown("General", "1.0000000000000001E-5"), "0,00001");
        assert_eq!(shown("General", "9.1915170000000006E6"), "9.191.517");
        assert_eq!(shown("0", "1.2E+3"), "1.200");
        assert_eq!(shown("00", "8"), "08");
        assert_eq!(shown("000", "-8"), "-8");
        assert_eq!(parse_number("2.5E-30"), Some(Decimal::ZERO));
        assert_eq!(shown("#,##0,", "9191517"), "9.192");
        assert_eq!(shown("#,##0.00_);[Red](#,##0.00)", "-2.675"), "-2,68");
        assert_eq!(shown(r#"0.00" điểm""#, "8.5"), "8,50");
        assert_eq!(shown("[$-42A]#,##0", "29000"), "29.000");
        assert_eq!(shown("0.0E+00", "12345"), "12.345");
        assert_eq!(shown("dd/mm/yyyy", "45553"), "18/09/2024");
        assert_eq!(shown("m/d/yy h:mm", "45553.5"), "18/09/2024 12:00:00");
        assert_eq!(shown("h:mm", "0.75"), "18:00:00");
        assert_eq!(shown(builtin_format(14), "1"), "01/01/1900");
        assert_eq!(shown(builtin_format(10), "1"), "100,00%");
        assert_eq!(shown(builtin_format(3), "66687"), "66.687");
    }

    /// An .xlsx of one sheet, with shared strings and styles when given (for tests).
    pub(crate) fn workbook(sheet: &str, strings: Option<&str>, styles: Option<&str>) -> Vec<u8> {
        const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let root = format!(
            r#"<Relationships><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        );
        let rels = format!(
            r#"<Relationships><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#
        );
        let book = r#"<workbook><sheets><sheet name="Biểu 01" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let sheet = format!("<worksheet><sheetData>{sheet}</sheetData></worksheet>");
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("_rels/.rels", root.as_bytes()),
            ("xl/workbook.xml", book.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ];
        if let Some(s) = strings {
            entries.push(("xl/sharedStrings.xml", s.as_bytes()));
        }
        if let Some(s) = styles {
            entries.push(("xl/styles.xml", s.as_bytes()));
        }
        crate::read::archive::tests::zip(&entries, true)
    }

    fn read(xlsx: &[u8]) -> Result<FileContents, ReadError> {
        crate::read::read_file(xlsx, "bang.xlsx")
    }

    fn records(file: &FileContents) -> Vec<(usize, Vec<String>)> {
        file.document
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Record { line, cells } => Some((*line, cells.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_test_workbook_reads() {
        let file = read(&workbook(
            r#"<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="1"><v>0.3115</v></c></row>"#,
            Some("<sst><si><t>Tỷ lệ</t></si></sst>"),
            Some(r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.00%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>"#),
        ))
        .unwrap();
        assert_eq!(
            records(&file),
            [(2, vec!["Tỷ lệ".to_string(), "31,15%".into()])]
        );
    }

    #[test]
    fn a_value_too_large_for_its_format_is_shown_as_stored() {
        // 1E+28 as a percentage is 1E+30, beyond a decimal: the reader used to panic.
        let file = read(&workbook(
            r#"<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"><v>1E+28</v></c><c r="C1" s="2"><v>7.9E+28</v></c><c r="D1" s="3"><v>7.9E+28</v></c></row>"#,
            None,
            Some(r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.00%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="3"/></cellXfs></styleSheet>"#),
        ))
        .unwrap();
        assert_eq!(
            records(&file)[0].1,
            [
                "1",
                "1E+28",
                "7.9E+28",
                "79.000.000.000.000.000.000.000.000.000"
            ]
        );
    }

    #[test]
    fn row_numbers_beyond_excels_are_refused_not_wrapped() {
        for r in ["18446744073709551615", "1048577", "0"] {
            let e = read(&workbook(
                &format!(r#"<row r="1"><c><v>1</v></c></row><row r="{r}"><c><v>2</v></c></row>"#),
                None,
                None,
            ))
            .unwrap_err()
            .to_string();
            assert!(e.contains("1.048.576") && e.contains(r), "{r}: {e}");
        }
        // The last row Excel has is fine, and keeps its line.
        let file = read(&workbook(
            r#"<row r="1048576"><c><v>2</v></c></row>"#,
            None,
            None,
        ))
        .unwrap();
        assert_eq!(records(&file)[0].0, 1_048_576);
    }

    #[test]
    fn one_shared_string_in_thousands_of_cells_is_refused_within_the_text_budget() {
        // 1 MB of text used by 3,000 cells: 3 GB once copied into each cell.
        let big = "x".repeat(1 << 20);
        let strings = format!("<sst><si><t>{big}</t></si></sst>");
        let rows: String = (1..=3000)
            .map(|r| format!(r#"<row r="{r}"><c t="s"><v>0</v></c><c><v>1</v></c></row>"#))
            .collect();
        let xlsx = workbook(&rows, Some(&strings), None);
        assert!(xlsx.len() < 100 * 1024, "{}", xlsx.len());
        let started = std::time::Instant::now();
        let e = read(&xlsx).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
        assert!(e.to_string().contains("MB"), "{e}");
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        // Used by a few cells, it is read.
        let rows: String = (1..=20)
            .map(|r| format!(r#"<row r="{r}"><c t="s"><v>0</v></c><c><v>1</v></c></row>"#))
            .collect();
        assert_eq!(
            records(&read(&workbook(&rows, Some(&strings), None)).unwrap()).len(),
            20
        );
    }

    #[test]
    fn cells_far_apart_count_every_column_between() {
        // Cells at A and SR (the 512th column): 512 cells a row on the grid, two in the file.
        let rows: String = (1..=20_000)
            .map(|r| {
                format!(r#"<row r="{r}"><c r="A{r}"><v>1</v></c><c r="SR{r}"><v>2</v></c></row>"#)
            })
            .collect();
        let xlsx = workbook(&rows, None, None);
        assert!(xlsx.len() < 200 * 1024, "{}", xlsx.len());
        let started = std::time::Instant::now();
        let e = read(&xlsx).unwrap_err();
        assert!(e.to_string().contains(&format!("{MAX_CELLS} ô")), "{e}");
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn one_long_format_code_in_thousands_of_styles_is_parsed_once() {
        // A 1 MB number format used by 2,000 styles: parsed for each, 2 GB of format code.
        let code = format!("0.00{}", "\\x".repeat(1 << 19));
        let xfs = r#"<xf numFmtId="164"/>"#.repeat(2_000);
        let styles = format!(
            r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="{code}"/></numFmts><cellXfs>{xfs}</cellXfs></styleSheet>"#
        );
        let xlsx = workbook(
            r#"<row r="1"><c s="1999"><v>2.5</v></c></row>"#,
            None,
            Some(&styles),
        );
        assert!(xlsx.len() < 100 * 1024, "{}", xlsx.len());
        let started = std::time::Instant::now();
        let file = read(&xlsx).unwrap();
        assert_eq!(records(&file)[0].1, ["2,50"]);
        assert!(started.elapsed().as_secs() < 3, "{:?}", started.elapsed());
    }

    #[test]
    fn a_workbook_of_formula_errors_never_passes() {
        let rows: String = [
            ("1.", "Số văn bản", "Văn bản", "#REF!"),
            ("2.", "Tỷ lệ hoàn thành kế hoạch CCHC", "%", "#DIV/0!"),
            ("2.1.", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "#N/A"),
            ("2.2.", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "#VALUE!"),
        ]
        .iter()
        .enumerate()
        .map(|(k, (stt, indicator, unit, error))| {
            let r = k + 2;
            format!(
                r#"<row r="{r}"><c t="inlineStr"><is><t>{stt}</t></is></c><c t="inlineStr"><is><t>{indicator}</t></is></c><c t="inlineStr"><is><t>{unit}</t></is></c><c t="e"><v>{error}</v></c></row>"#
            )
        })
        .collect();
        let rows = format!(
            r#"<row r="1"><c t="inlineStr"><is><t>Biểu mẫu số 01</t></is></c></row>{rows}"#
        );
        let o =
            crate::check_file(&workbook(&rows, None, None), "b.xlsx", &Default::default()).unwrap();
        assert!(o.has_failures(), "{:#?}", o.checks);
        assert!(o.summary.fail >= 4, "{:#?}", o.checks);
    }

    #[test]
    fn many_sheets_and_relationships_are_matched_in_linear_time() {
        // 50,000 sheets, each naming one of 50,000 relationships to a missing part: matched by
        // a scan of the relationships for each sheet, 1.25 billion comparisons.
        const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let n = 50_000;
        let sheets: String = (0..n)
            .map(|i| format!(r#"<sheet name="s{i}" sheetId="{i}" r:id="rId{i}"/>"#))
            .collect();
        let rels: String = (0..n)
            .map(|i| {
                format!(r#"<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/none{i}.xml"/>"#)
            })
            .collect();
        let root = format!(
            r#"<Relationships><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        );
        let book = format!("<workbook><sheets>{sheets}</sheets></workbook>");
        let rels = format!("<Relationships>{rels}</Relationships>");
        let xlsx = crate::read::archive::tests::zip(
            &[
                ("_rels/.rels", root.as_bytes()),
                ("xl/workbook.xml", book.as_bytes()),
                ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ],
            true,
        );
        let started = std::time::Instant::now();
        let file = read(&xlsx).unwrap();
        assert!(records(&file).is_empty());
        // About 3 s unoptimised (0.6 s optimised); 43 s before.
        assert!(started.elapsed().as_secs() < 15, "{:?}", started.elapsed());
    }

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 1)));
        assert_eq!(cell_ref("AB12"), Some((27, 12)));
        assert_eq!(cell_ref("XFD1048576"), Some((16383, 1_048_576)));
        assert_eq!(cell_ref("12"), None);
        for c in [0, 25, 26, 27, 701, 702, 16383] {
            assert_eq!(cell_ref(&format!("{}1", column_name(c))), Some((c, 1)));
        }
    }
}
