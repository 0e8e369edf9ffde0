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
    Block, Document, FileContents, Format, Note, ReadError, StoredValue, MAX_CELLS,
    MAX_CELLS_PER_RECORD, MAX_RECORDS,
};
use crate::number::{format_vi, round_to};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The most cells whose stored value is kept for explanations.
const MAX_STORED: usize = 100_000;

/// Reads the workbook whose main part is `part`.
pub(super) fn read(archive: &Archive<'_>, part: &str) -> Result<FileContents, ReadError> {
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
        cells: 0,
        records: 0,
    };
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
        let Some(path) = rels.iter().find(|r| r.id == sheet.rel).map(|r| &r.target) else {
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
        let last = book.emit(&sheet.name, base, rows)?;
        base += last.max(1);
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

fn shared_strings(xml: &str) -> Result<Vec<String>, ReadError> {
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
                    strings.push(current.take().unwrap_or_default());
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

/// The number format of each cell style (`cellXfs`), by style index.
fn cell_formats(xml: &str) -> Result<Vec<NumberFormat>, ReadError> {
    // Custom formats: a handful per workbook.
    let mut custom: Vec<(u32, String)> = Vec::new();
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
                        custom.push((id, code));
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
    Ok(ids
        .into_iter()
        .map(|id| match custom.iter().rev().find(|(i, _)| *i == id) {
            Some((_, code)) => NumberFormat::parse(code),
            None => NumberFormat::parse(builtin_format(id)),
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
    /// whether the display rounds.
    fn display(self, value: Decimal, date1904: bool) -> (String, Option<(Decimal, Decimal)>) {
        match self {
            NumberFormat::Fixed {
                decimals,
                percent,
                thousands,
                int_zeros,
            } => {
                let mut v = value;
                if percent {
                    v *= Decimal::ONE_HUNDRED;
                }
                for _ in 0..thousands.min(4) {
                    // × 0,001 is exact, and spares the Wasm a decimal division.
                    v *= Decimal::new(1, 3);
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
        }
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
    let seconds: i64 = round_to((value - days_i) * Decimal::from(86_400), 0)
        .to_string()
        .parse()
        .unwrap_or(0);
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
fn cell_ref(r: &str) -> Option<(usize, usize)> {
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

fn column_name(mut col: usize) -> String {
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
    text: String,
    number: bool,
    stored: Option<(Decimal, bool, Option<String>)>,
}

struct Book {
    strings: Vec<String>,
    formats: Vec<NumberFormat>,
    date1904: bool,
    file: FileContents,
    cells: usize,
    records: usize,
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
        let mut rows: Vec<(usize, Vec<Shown>)> = Vec::new();
        let mut row_no = 0usize;
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
                        row_no = tag
                            .attr("r")
                            .and_then(|r| r.parse().ok())
                            .unwrap_or(row_no + 1);
                        next_col = 0;
                        rows.push((row_no, Vec::new()));
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
                                self.cells += 1;
                                if self.cells > MAX_CELLS {
                                    error = Some(too_many_cells());
                                    return Flow::Enter;
                                }
                                if let Some((_, cells)) = rows.last_mut() {
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
        let text = |text: String| Shown {
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
                    .cloned()
                    .unwrap_or_default(),
            ),
            "inlineStr" | "str" | "e" => text(raw.value),
            "b" => text(
                if raw.value.trim() == "1" {
                    "TRUE"
                } else {
                    "FALSE"
                }
                .into(),
            ),
            // ISO 8601 dates, rare: shown as written.
            "d" => text(raw.value),
            _ => {
                if !raw.has_value {
                    return None;
                }
                let Some(value) = parse_number(&raw.value) else {
                    return Some(text(raw.value));
                };
                let format = self
                    .formats
                    .get(raw.style)
                    .copied()
                    .unwrap_or(NumberFormat::General);
                let (shown, as_number) = format.display(value, self.date1904);
                Shown {
                    col: raw.col,
                    text: shown,
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
        base: usize,
        rows: Vec<(usize, Vec<Shown>)>,
    ) -> Result<usize, ReadError> {
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
            let line = base + row;
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
            self.records += 1;
            if self.records > MAX_RECORDS {
                return Err(ReadError::TooLarge {
                    what: "Bảng tính".into(),
                    limit: format!("{MAX_RECORDS} dòng"),
                });
            }
            let width = cells.iter().map(|c| c.col + 1).max().unwrap_or(0);
            let mut out = vec![String::new(); width];
            for c in cells {
                let text = c.text.trim().to_string();
                if let Some((stored, rounded, formula)) = c.stored {
                    if (rounded || formula.is_some()) && self.file.stored.len() < MAX_STORED {
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
