//! Tables of any shape: rows × columns under a header tree.
//!
//! The seed's forms have one value column (STT · indicator · unit · value). The tables officials
//! pass around are often wider: units, levels or fields of work as rows, measures as columns
//! under a header of two or three rows with merged cells («Đã giải quyết» over «Tổng số | Đúng
//! hạn | Quá hạn»), a row of column numbers «(1) (2) (3)=(4)+(5)+(6)», count-and-percentage pairs,
//! «quý trước | quý này» columns. Such a table becomes a [`Grid`]: its value columns with their
//! place in the header tree, its rows with their label and role (total, group, detail); the form's
//! `rows` hold one [`Row`](super::Row) per cell, row by row, so every rule and check works on grid
//! cells as on the rows of a form.
//!
//! Every reader gives a merged cell as its text in the first cell and empty cells after it
//! (Word's gridSpan/vMerge, Excel's merged ranges, clipboard HTML's colspan/rowspan, TSV), so the
//! header tree is read back from the blanks: a blank under a label continues it downwards, a blank
//! beside a label that has labels under it continues it to the right.

// A module built without grids keeps the model and the reading of figures, and only asks
// whether a table may be a grid: the builder is not compiled into it.
#![cfg_attr(not(feature = "grids"), allow(dead_code, unused_imports))]

use super::{Draft, Measure, Notice, Recognition, Row, Stt, Value};
use crate::catalogue::{Catalogue, GridSpec};
use crate::number::{english_style, Figure, NumberError};

/// The columns and rows of a table with several value columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The value columns, left to right.
    pub columns: Vec<Column>,
    /// The data rows, top to bottom (header rows and the column-number row left out).
    pub rows: Vec<GridRow>,
    /// Formulas printed in the column-number row (`(3)=(4)+(5)+(6)`).
    pub formulas: Vec<Formula>,
    /// The catalogue's grid form this table was recognised as (`II.06a`), if any.
    pub spec: Option<String>,
    /// What the label column's header says («Đơn vị», «Lĩnh vực»), for display.
    pub label_header: String,
    /// Figures were printed in English style (`1,664`, `99.59`) and read as such.
    pub english_numbers: bool,
}

/// A value column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// How cells name the column: `(9)` when the table numbers its columns, else its label made
    /// unique with its parents' labels (`Đã giải quyết › Quá hạn`).
    pub key: String,
    /// Its own label, the lowest of the header (`Đúng hạn`).
    pub label: String,
    /// The header labels from the top down (`["Đã giải quyết", "Đúng hạn"]`).
    pub path: Vec<String>,
    /// The number printed in the column-number row.
    pub number: Option<u32>,
    /// Where the column is among the table's cells (0-based).
    pub position: usize,
    /// What its figures are, from its header (`%`, «Tỷ lệ») or its data.
    pub measure: Measure,
}

impl Column {
    /// The label with its parents, for a person: «Đã giải quyết › Đúng hạn».
    pub fn full_label(&self) -> String {
        self.path.join(" › ")
    }
}

/// The role of a grid row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowRole {
    /// «Tổng cộng», «Cộng», «Toàn tỉnh», «Tổng số»: the sum of the rows it covers.
    Total,
    /// A heading over the rows below it (`I. Cấp tỉnh`), with or without figures.
    Group,
    /// An ordinary row.
    Detail,
}

/// A data row of a grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// How cells name the row: its STT (`3`, `I`, `1.2`), else its label.
    pub key: String,
    /// The STT as printed, if any.
    pub stt: String,
    /// The label (unit, level, field of work, indicator).
    pub label: String,
    /// The unit column's text, if the table has one.
    pub unit: String,
    /// Total, group or detail.
    pub role: RowRole,
    /// Nesting: 0 for `I`/`A`, 1 for `1`, 2 for `1.1` or `a`, 3 for `-`/`+`.
    pub level: usize,
    /// Input line.
    pub line: usize,
}

/// A formula the table prints in its column-number row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    /// As printed.
    pub text: String,
    /// The column it defines (its number).
    pub result: u32,
    /// What it computes.
    pub kind: FormulaKind,
}

/// What a printed formula computes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormulaKind {
    /// `(3)=(4)+(5)+(6)`; a term may be subtracted: `(11)=(3)-(7)` is `(3) = (7) + (11)`.
    Sum {
        /// Column numbers added.
        plus: Vec<u32>,
        /// Column numbers subtracted.
        minus: Vec<u32>,
    },
    /// `(5)=(4)/(3)×100`.
    Ratio {
        /// The numerator's column number.
        numerator: u32,
        /// The denominator's column number.
        denominator: u32,
    },
}

impl Grid {
    /// The index in [`Form::rows`](super::Form::rows) of the cell of row `r`, column `c`.
    pub fn index(&self, r: usize, c: usize) -> usize {
        r * self.columns.len() + c
    }

    /// The index of a cell named `row@column` (the part of a cell name after the table's id).
    pub fn cell_index(&self, at: &str) -> Option<usize> {
        let (row, column) = at.split_once('@')?;
        let r = self.rows.iter().position(|x| x.key == row)?;
        let c = self.columns.iter().position(|x| x.key == column)?;
        Some(self.index(r, c))
    }

    /// The column with this number.
    pub fn column_numbered(&self, n: u32) -> Option<usize> {
        self.columns.iter().position(|c| c.number == Some(n))
    }
}

/// Lower-cased and trimmed, for comparing header words.
fn lower(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Whether a cell holds a figure (read the Vietnamese way or, failing that, the English way).
fn numeric(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && (Figure::parse(t).is_ok() || english_style(t).is_some())
}

/// How many records have a cell in column `k` that `test` accepts.
#[inline(never)]
fn count_cells(data: &[(usize, &[String])], k: usize, test: fn(&str) -> bool) -> usize {
    data.iter()
        .filter(|(_, c)| c.get(k).is_some_and(|x| test(x)))
        .count()
}

/// A column-number cell: `(3)`, `3`, `(3)=(4)+(5)+(6)`, `(5)=(4)/(3)x100`.
fn column_number(cell: &str) -> Option<u32> {
    let t = cell.trim();
    let head = t.split('=').next()?.trim();
    let inner = head
        .strip_prefix('(')
        .and_then(|h| h.strip_suffix(')'))
        .unwrap_or(head)
        .trim();
    if inner.is_empty() || inner.len() > 3 || !inner.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    inner.parse().ok()
}

/// Whether a record is the column-number row: «(1) (2) (3) …» or «1 2 3 …», possibly with
/// formulas; letters for the label columns («A», «B») are allowed.
fn is_column_number_row(cells: &[String]) -> bool {
    let mut numbers = Vec::new();
    let mut bracketed = 0;
    for c in cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match column_number(c) {
            Some(n) => {
                if c.starts_with('(') {
                    bracketed += 1;
                }
                numbers.push(n);
            }
            // «A», «B» over the label columns.
            None if c.chars().count() == 1 && c.chars().all(|ch| ch.is_ascii_uppercase()) => {}
            None => return false,
        }
    }
    if numbers.len() < 3 {
        return false;
    }
    // Bare numbers must count up one by one (a data row of 1, 2, 3 is unlikely but a row of
    // small counts is not); bracketed ones are the form's own notation.
    bracketed * 2 >= numbers.len() || numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

/// Parses a formula of the column-number row: `(3)=(4)+(5)+(6)`, `(11) = (3) - (7)`,
/// `(5)=(4)/(3)x100`, `(5)=(4):(3)*100%`.
fn parse_formula(cell: &str) -> Option<Formula> {
    let text = cell.trim();
    let (left, right) = text.split_once('=')?;
    let result = column_number(left)?;
    let right: String = right
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    // A ratio: (a)/(b), optionally ×100 and %.
    let ratio_body = right
        .trim_end_matches('%')
        .trim_end_matches("100")
        .trim_end_matches(['x', '*', '×', '.']);
    if let Some((n, d)) = ratio_body.split_once(['/', ':']) {
        let n = column_number(n)?;
        let d = column_number(d)?;
        return Some(Formula {
            text: text.to_string(),
            result,
            kind: FormulaKind::Ratio {
                numerator: n,
                denominator: d,
            },
        });
    }
    let mut plus = Vec::new();
    let mut minus = Vec::new();
    let mut sign = 1;
    let mut term = String::new();
    let mut flush = |term: &mut String, sign: i32| -> Option<()> {
        if term.is_empty() {
            return Some(());
        }
        let n = column_number(term)?;
        if sign > 0 {
            plus.push(n);
        } else {
            minus.push(n);
        }
        term.clear();
        Some(())
    };
    for ch in right.chars() {
        match ch {
            '+' => {
                flush(&mut term, sign)?;
                sign = 1;
            }
            '-' | '−' | '–' => {
                flush(&mut term, sign)?;
                sign = -1;
            }
            _ => term.push(ch),
        }
    }
    flush(&mut term, sign)?;
    if plus.len() + minus.len() < 2 || plus.is_empty() {
        return None;
    }
    Some(Formula {
        text: text.to_string(),
        result,
        kind: FormulaKind::Sum { plus, minus },
    })
}

/// The words a header uses for the STT column.
fn is_stt_header(c: &str) -> bool {
    let c = lower(c);
    matches!(c.as_str(), "stt" | "tt" | "số tt" | "số thứ tự") || c.starts_with("stt ")
}

/// Header words for the columns that are not values.
fn is_text_header(c: &str) -> bool {
    let c = lower(c);
    c.contains("đơn vị tính")
        || c == "đvt"
        || c.contains("ghi chú")
        || c.starts_with("tên ")
        || c.contains("chỉ tiêu")
        || c.contains("nội dung")
}

/// Row labels that make a row the table's total.
const TOTAL_WORDS: &[&str] = &[
    "tổng cộng",
    "tổng số",
    "cộng",
    "tổng",
    "toàn tỉnh",
    "toàn thành phố",
    "toàn huyện",
    "toàn ngành",
    "chung",
];

fn is_total_label(label: &str) -> bool {
    let l = lower(label);
    let l = l.trim_end_matches([':', '.']);
    TOTAL_WORDS.iter().any(|w| {
        l == *w
            || l.strip_prefix(w)
                .is_some_and(|rest| rest.starts_with(' ') && rest.split_whitespace().count() <= 4)
    })
}

/// An STT printed as a roman numeral (`I`, `IV`) or a capital letter (`A`): a group heading.
fn is_roman_or_letter(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['.', ')']);
    !t.is_empty()
        && t.len() <= 5
        && (t.chars().all(|c| "IVXLC".contains(c))
            || (t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase())))
}

/// The nesting level an STT gives its row (see [`GridRow::level`]), or `None` when the cell is
/// not an STT at all.
fn stt_level(s: &str) -> Option<usize> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if is_roman_or_letter(t) {
        return Some(0);
    }
    if let Some(stt) = Stt::parse(t) {
        return Some(stt.parts.len());
    }
    let bare = t.trim_end_matches([')', '.']);
    if bare.len() == 1 && bare.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(2);
    }
    if matches!(t, "-" | "+" | "*" | "•" | "–") {
        return Some(3);
    }
    None
}

/// The key of an STT in cell names: `3.1.` is `3.1`, `I.` is `I`.
fn stt_key(s: &str) -> String {
    match Stt::parse(s) {
        Some(stt) => stt.label,
        None => s.trim().trim_end_matches(['.', ')']).to_string(),
    }
}

/// What the header says a column holds.
fn measure_from_header(path: &[String]) -> Option<Measure> {
    let text = lower(&path.join(" "));
    if text.contains('%') || text.contains("tỷ lệ") || text.contains("tỉ lệ") {
        return Some(Measure::Percent);
    }
    if text.contains("đồng") || text.contains("kinh phí") || text.contains("điểm") {
        return Some(Measure::Amount);
    }
    None
}

/// The figures of a column read the table's way.
fn figures<'a>(cells: impl Iterator<Item = &'a str>, english: bool) -> Vec<Figure> {
    cells
        .filter_map(|c| read_value(c, english).figure().copied())
        .collect()
}

/// A value cell, read the Vietnamese way, or the English way in a table printed so.
pub fn read_value(cell: &str, english: bool) -> Value {
    if english {
        if let Some(vi) = english_style(cell.trim()) {
            return Value::read(&vi);
        }
        // `1,664` reads as a Vietnamese decimal; in an English table it is 1664.
        let t = cell.trim();
        if t.contains(',') && !t.contains('.') {
            let swapped: String = t.replace(',', ".");
            if let Ok(f) = Figure::parse(&swapped) {
                if f.decimals == 0 {
                    return Value::Number(f);
                }
            }
        }
    }
    Value::read(cell)
}

/// Whether a table's figures are printed the English way: some cell reads only that way
/// (`99.59`, `1,234.5`) or every grouped figure is grouped with commas (`1,664`), and no cell
/// reads only the Vietnamese way (`31,15`, `1.234,5`).
pub fn english_numbers<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    let mut english = 0usize;
    let mut vietnamese = 0usize;
    for c in cells {
        let t = c.trim().trim_end_matches('%').trim();
        if t.is_empty() || !t.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let vi = Figure::parse(t);
        let en = english_style(t);
        match (&vi, &en) {
            (Err(NumberError::Malformed(_)), Some(_)) => english += 1,
            (Ok(_), _) => {
                let (int, frac) = t.split_once(',').unwrap_or((t, ""));
                if frac.is_empty() {
                    // `1.234`: grouped the Vietnamese way (in English it would be a decimal).
                    if int.contains('.') {
                        vietnamese += 1;
                    }
                } else if frac.len() == 3 && !int.contains('.') && !int.starts_with(['0', '-']) {
                    // `1,664`: an English thousand or a Vietnamese decimal; taken as English
                    // only when no cell of the table reads only the Vietnamese way.
                    english += 1;
                } else {
                    vietnamese += 1;
                }
            }
            _ => {}
        }
    }
    english > 0 && vietnamese == 0
}

/// A header row that is a record rather than detected by the vertical template's words: no
/// figure, the first cell empty or the STT's header, at least two labels.
fn header_like(cells: &[String]) -> bool {
    let non_empty: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if non_empty.is_empty() || non_empty.iter().any(|c| numeric(c)) {
        return false;
    }
    let first = cells.first().map_or("", |c| c.trim());
    if !first.is_empty() && !is_stt_header(first) {
        return false;
    }
    non_empty.len() >= 2
        || cells
            .iter()
            .position(|c| !c.trim().is_empty())
            .is_some_and(|k| k >= 2)
}

/// Whether a table may be a grid: figures in two columns, not counting a first column of STTs.
/// True whenever [`build`] would make a grid of it (it asks more: the same STT column, more
/// columns set aside), so a module built without grids sets aside every grid and misreads none;
/// debug builds assert it on every grid made.
pub(super) fn may_be_grid(draft: &Draft) -> bool {
    let rows = || {
        draft
            .header
            .iter()
            .map(Vec::as_slice)
            .chain(draft.records.iter().map(|(_, c)| c.as_slice()))
    };
    let width = rows().map(<[String]>::len).max().unwrap_or(0);
    // The first column is the STT when no other column is headed so and most of it reads as STTs.
    let other_stt = rows().any(|c| c.iter().skip(1).any(|x| is_stt_header(x)));
    let (filled, like) = rows()
        .filter_map(|c| c.first())
        .filter(|x| !x.trim().is_empty())
        .fold((0, 0), |(f, l), x| {
            (f + 1, l + usize::from(stt_level(x).is_some()))
        });
    let skip = usize::from(!other_stt && filled > 0 && like * 10 >= filled * 6);
    (skip..width)
        .filter(|&k| rows().any(|c| c.get(k).is_some_and(|x| numeric(x))))
        .nth(1)
        .is_some()
}

/// Builds a grid form from a draft table when it has several value columns; `None` leaves the
/// table to the vertical reading (one value column, the seed's forms).
#[cfg(feature = "grids")]
pub(super) fn build(
    draft: &Draft,
    catalogue: &Catalogue,
    unknown: &mut usize,
    notices: &mut Vec<Notice>,
) -> Option<super::Form> {
    // Header rows: those the template's words found, then leading records that hold no figure.
    let mut header: Vec<&[String]> = draft.header.iter().map(Vec::as_slice).collect();
    let mut numbers_row: Option<&[String]> = None;
    let mut start = 0;
    for (_, cells) in &draft.records {
        if numbers_row.is_none() && is_column_number_row(cells) {
            numbers_row = Some(cells);
            start += 1;
            continue;
        }
        if numbers_row.is_none() && header_like(cells) {
            header.push(cells);
            start += 1;
            continue;
        }
        break;
    }
    let data: Vec<(usize, &[String])> = draft.records[start..]
        .iter()
        .map(|(l, c)| (*l, c.as_slice()))
        .filter(|(_, c)| !is_column_number_row(c))
        .collect();
    if data.is_empty() {
        return None;
    }
    let width = header
        .iter()
        .map(|h| h.len())
        .chain(data.iter().map(|(_, c)| c.len()))
        .max()
        .unwrap_or(0);
    // The header text of each column from the top, blanks filled as merges.
    let paths = header_paths(&header, width);
    let head = |k: usize| paths.get(k).map_or(String::new(), |p| p.join(" "));

    // Column roles.
    let stt_col = (0..width).find(|&k| paths[k].iter().any(|c| is_stt_header(c)));
    let text_col = |k: usize| paths[k].iter().any(|c| is_text_header(c));
    // Each column counted once, when first asked (every figure would be read again per ask).
    let data_rows = &data;
    let memo = |test: fn(&str) -> bool| {
        let counts = std::cell::RefCell::new(vec![None; width]);
        move |k: usize| {
            let known = counts.borrow().get(k).copied().flatten();
            known.unwrap_or_else(|| {
                let n = count_cells(data_rows, k, test);
                if let Some(slot) = counts.borrow_mut().get_mut(k) {
                    *slot = Some(n);
                }
                n
            })
        }
    };
    let filled = memo(|x| !x.trim().is_empty());
    let numeric_count = memo(numeric);
    // The STT column without a header: leftmost, holding STT-like cells, left of any text.
    let stt_col = stt_col.or_else(|| {
        let k = 0;
        let f = filled(k);
        let like = data
            .iter()
            .filter(|(_, c)| c.first().is_some_and(|x| stt_level(x).is_some()))
            .count();
        (f > 0 && like * 10 >= f * 6 && width > 1).then_some(k)
    });
    let is_value = |k: usize| {
        if Some(k) == stt_col || text_col(k) {
            return false;
        }
        let n = numeric_count(k);
        let f = filled(k);
        // A column is a value column when its cells are mostly figures; an all-empty column
        // under a header of its own (a level that reported nothing) is one too.
        (n > 0 && n * 2 >= f) || (f == 0 && !head(k).is_empty() && k > stt_col.map_or(0, |s| s))
    };
    let values: Vec<usize> = (0..width).filter(|&k| is_value(k)).collect();
    let counted: Vec<usize> = values
        .iter()
        .copied()
        .filter(|&k| numeric_count(k) > 0)
        .collect();
    if counted.len() < 2 {
        return None;
    }
    // The label: the first column with text that is not the STT, a value or the unit.
    let unit_col = (0..width).find(|&k| {
        paths[k]
            .iter()
            .any(|c| lower(c).contains("đơn vị tính") || lower(c) == "đvt")
    });
    let note_col = (0..width).find(|&k| paths[k].iter().any(|c| lower(c).contains("ghi chú")));
    let label_col = (0..width).find(|&k| {
        Some(k) != stt_col
            && Some(k) != unit_col
            && Some(k) != note_col
            && !values.contains(&k)
            && filled(k) > 0
    });
    // Values left of the label are not values (a code column, a year).
    let values: Vec<usize> = values
        .into_iter()
        .filter(|&k| label_col.map_or(true, |l| k > l) && Some(k) != note_col)
        .collect();
    if values.iter().filter(|&&k| numeric_count(k) > 0).count() < 2 {
        return None;
    }

    let english = english_numbers(
        data.iter()
            .flat_map(|(_, c)| values.iter().filter_map(move |&k| c.get(k)))
            .map(String::as_str),
    );

    // Columns.
    let numbers: Vec<Option<u32>> = (0..width)
        .map(|k| {
            numbers_row
                .and_then(|r| r.get(k))
                .and_then(|c| column_number(c))
        })
        .collect();
    let formulas: Vec<Formula> = numbers_row
        .map(|r| r.iter().filter_map(|c| parse_formula(c)).collect())
        .unwrap_or_default();
    let mut columns: Vec<Column> = values
        .iter()
        .map(|&k| {
            let path = paths[k].clone();
            let label = path.last().cloned().unwrap_or_default();
            let measure = measure_from_header(&path).unwrap_or_else(|| {
                let figs = figures(
                    data.iter()
                        .filter_map(|(_, c)| c.get(k))
                        .map(String::as_str),
                    english,
                );
                if !figs.is_empty()
                    && figs
                        .iter()
                        .all(|f| f.decimals == 0 && !f.value.is_sign_negative() && !f.percent_sign)
                {
                    Measure::Count
                } else if figs.iter().any(|f| f.percent_sign) {
                    Measure::Percent
                } else {
                    Measure::Unknown
                }
            });
            Column {
                key: String::new(),
                label,
                path,
                number: numbers[k],
                position: k,
                measure,
            }
        })
        .collect();
    name_columns(&mut columns);

    // Rows, with continuation rows (a label wrapped over a page break) folded into the row above.
    let cell = |c: &[String], k: Option<usize>| -> String {
        k.and_then(|k| c.get(k))
            .map_or(String::new(), |x| x.trim().to_string())
    };
    let mut rows: Vec<GridRow> = Vec::new();
    let mut raws: Vec<Vec<String>> = Vec::new();
    let first_header = header.first().copied();
    for (line, c) in &data {
        if first_header.is_some_and(|h| h == *c) || super::is_header(c) {
            continue;
        }
        let stt = cell(c, stt_col);
        let label = cell(c, label_col);
        let cells: Vec<String> = values.iter().map(|&k| cell(c, Some(k))).collect();
        if stt.is_empty() && cells.iter().all(String::is_empty) && !label.is_empty() {
            if let Some(prev) = rows.last_mut() {
                if !is_total_label(&label) {
                    super::append(&mut prev.label, &label);
                    continue;
                }
            }
        }
        if stt.is_empty() && label.is_empty() && cells.iter().all(String::is_empty) {
            continue;
        }
        let level = stt_level(&stt).unwrap_or(1);
        rows.push(GridRow {
            key: String::new(),
            stt: stt.clone(),
            label,
            unit: cell(c, unit_col),
            role: RowRole::Detail,
            level,
            line: *line,
        });
        raws.push(cells);
    }
    if rows.is_empty() {
        return None;
    }
    assign_roles(&mut rows, &raws);
    name_rows(&mut rows);

    // The catalogue's grid forms: by title, else by the header's words.
    let named = format!("{} {}", draft.title, draft.preface.as_deref().unwrap_or(""));
    let spec = recognise(catalogue, &named, &columns);
    if let Some(spec) = spec {
        number_from_spec(spec, &mut columns);
    }
    // A form of the catalogue («Biểu mẫu số 03») with several value columns («quý trước | quý
    // này»): its rules hold in each column.
    let form = draft.number.and_then(|n| catalogue.form(n));
    let id = match (spec, form) {
        (Some(spec), _) => spec.id.clone(),
        (None, Some(form)) => format!("B{:02}", form.number),
        (None, None) => {
            *unknown += 1;
            format!("T{unknown}")
        }
    };
    let title = if !draft.title.is_empty() {
        draft.title.clone()
    } else if let Some(form) = form {
        form.title.clone()
    } else if let Some(above) = &draft.preface {
        above.to_string()
    } else if let Some(spec) = spec {
        spec.title.clone()
    } else {
        format!("Bảng {} (không thuộc danh mục biểu mẫu)", &id[1..])
    };
    if english {
        notices.push(Notice {
            line: Some(draft.line),
            message: format!(
                "Bảng {id}: số liệu được ghi theo kiểu tiếng Anh (dấu phẩy ngăn cách hàng nghìn, \
                 dấu chấm thập phân, như 1,664 và 99.59), nên được đọc theo kiểu đó. Nên ghi theo \
                 kiểu Việt Nam: 1.664 và 99,59."
            ),
        });
    }

    // One `Row` per cell, row by row.
    // Each column's label with its parents, made once rather than once per cell.
    let labels: Vec<String> = columns.iter().map(Column::full_label).collect();
    let mut cells_out = Vec::with_capacity(rows.len() * columns.len());
    for (gr, raw) in rows.iter().zip(&raws) {
        let stt = Stt {
            parts: Stt::parse(&gr.stt).map(|s| s.parts).unwrap_or_default(),
            label: gr.key.clone(),
        };
        for (ci, col) in columns.iter().enumerate() {
            let text = raw.get(ci).cloned().unwrap_or_default();
            // A percentage column is one whatever the row's unit; otherwise the row's unit
            // speaks first (a vertical form with «quý trước | quý này»), then the column's data.
            let kind = match (&col.measure, gr.unit.is_empty()) {
                (Measure::Percent, _) => Some(Measure::Percent),
                (_, false) => None,
                (m, true) => Some(m.clone()),
            };
            cells_out.push(Row {
                stt: stt.clone(),
                indicator: gr.label.clone(),
                unit: gr.unit.clone(),
                value: read_value(&text, english),
                raw: text,
                note: String::new(),
                line: gr.line,
                source: Some((gr.line, col.position)),
                column: Some(ci),
                column_label: Some(labels[ci].clone()),
                kind,
            });
        }
    }
    let label_header = label_col
        .and_then(|k| paths.get(k))
        .and_then(|p| p.last().cloned())
        .unwrap_or_default();
    Some(super::Form {
        id,
        number: form.map(|f| f.number),
        title,
        recognition: if spec.is_some() || form.is_some() {
            Recognition::Title
        } else {
            Recognition::Unknown
        },
        rows: cells_out,
        line: draft.line,
        grid: Some(Grid {
            columns,
            rows,
            formulas,
            spec: spec.map(|s| s.id.clone()),
            label_header,
            english_numbers: english,
        }),
    })
}

/// The header labels of each column from the top, merged cells filled in: a blank under a label
/// continues it (rowspan); a blank right of a label whose row below has labels continues it
/// (colspan).
#[allow(clippy::needless_range_loop)] // (row, column) positions in two grids at once
fn header_paths(header: &[&[String]], width: usize) -> Vec<Vec<String>> {
    let h = header.len();
    let at = |r: usize, k: usize| -> &str { header[r].get(k).map_or("", |c| c.trim()) };
    let mut grid: Vec<Vec<String>> = vec![vec![String::new(); width]; h];
    for r in 0..h {
        for k in 0..width {
            let own = at(r, k);
            if !own.is_empty() {
                grid[r][k] = own.to_string();
                continue;
            }
            // Colspan: the nearest label to the left in this row, when this column has labels
            // below and so does the label's own column.
            if r + 1 < h {
                let below = (r + 1..h).any(|b| !at(b, k).is_empty());
                if below {
                    if let Some(j) = (0..k).rev().find(|&j| !at(r, j).is_empty()) {
                        let spans = (j..k).all(|x| x == j || at(r, x).is_empty())
                            && (r + 1..h).any(|b| !at(b, j).is_empty());
                        if spans {
                            grid[r][k] = at(r, j).to_string();
                            continue;
                        }
                    }
                }
            }
        }
    }
    (0..width)
        .map(|k| {
            let mut path: Vec<String> = Vec::new();
            for row in &grid {
                let c = &row[k];
                if !c.is_empty() && path.last() != Some(c) {
                    path.push(c.clone());
                }
            }
            path
        })
        .collect()
}

/// Gives each column its key: its number when the table numbers its columns, else its label,
/// made unique with its parents' labels.
fn name_columns(columns: &mut [Column]) {
    let labels: Vec<String> = columns.iter().map(|c| c.label.clone()).collect();
    for col in columns.iter_mut() {
        col.key = match col.number {
            Some(n) => format!("({n})"),
            None => {
                let unique = labels.iter().filter(|l| **l == col.label).count() == 1;
                if col.label.is_empty() {
                    format!("cột {}", col.position + 1)
                } else if unique {
                    col.label.clone()
                } else {
                    col.path.join(" › ")
                }
            }
        };
    }
    // Still the same (a header that repeats itself whole): the position tells them apart.
    let keys: Vec<String> = columns.iter().map(|c| c.key.clone()).collect();
    for col in columns.iter_mut() {
        if keys.iter().filter(|k| **k == col.key).count() > 1 {
            col.key = format!("{} (cột {})", col.key, col.position + 1);
        }
    }
}

/// Total rows by their label, first or last; group rows by their STT (roman numeral or letter)
/// or by being followed by deeper rows.
#[allow(clippy::needless_range_loop)] // a row's role depends on the rows after it
fn assign_roles(rows: &mut [GridRow], raws: &[Vec<String>]) {
    let n = rows.len();
    for i in 0..n {
        let edge = i == 0 || i + 1 == n;
        let label_total = is_total_label(&rows[i].label)
            || (rows[i].label.is_empty() && is_total_label(&rows[i].stt));
        if label_total && (edge || rows[i].stt.is_empty()) {
            rows[i].role = RowRole::Total;
            rows[i].level = 0;
        }
    }
    for i in 0..n {
        if rows[i].role == RowRole::Total {
            continue;
        }
        let next = rows[i + 1..]
            .iter()
            .find(|r| r.role != RowRole::Total)
            .map(|r| r.level);
        let has_values = raws[i].iter().any(|c| !c.is_empty());
        let heads = next.is_some_and(|l| l > rows[i].level) && (rows[i].level == 0 || has_values);
        // A heading of the top level without figures (`I. Cấp tỉnh`) is a group even when last.
        if heads || (rows[i].level == 0 && !has_values) {
            rows[i].role = RowRole::Group;
        }
    }
}

/// Gives each row its key: its STT, else its label; a repeat gets `#2`, `#3`.
fn name_rows(rows: &mut [GridRow]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Rows numbered 1, 2, … again under each heading I, II: named `I.1`, `II.1`.
    let mut heading: Option<String> = None;
    for (i, row) in rows.iter_mut().enumerate() {
        if is_roman_or_letter(&row.stt) {
            heading = Some(stt_key(&row.stt));
        } else if row.role == RowRole::Total {
            heading = None;
        }
        let under = heading
            .as_ref()
            .filter(|_| row.level >= 1 && Stt::parse(&row.stt).is_some());
        let mut key = if row.stt.is_empty() || matches!(row.stt.as_str(), "-" | "+" | "*" | "•") {
            if row.label.is_empty() {
                format!("dòng {}", i + 1)
            } else {
                let short: String = row.label.chars().take(40).collect();
                short.trim().to_string()
            }
        } else {
            match under {
                Some(h) => format!("{h}.{}", stt_key(&row.stt)),
                None => stt_key(&row.stt),
            }
        };
        // `/` and `@` separate the parts of a cell name.
        key = key.replace(['/', '@'], "-");
        let count = seen.entry(key.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            key = format!("{key} #{count}");
        }
        row.key = key;
    }
}

/// The catalogue's grid form a table is: named in its title, or with the header's words.
fn recognise<'a>(
    catalogue: &'a Catalogue,
    title: &str,
    columns: &[Column],
) -> Option<&'a GridSpec> {
    let title = lower(title);
    let by_title = catalogue.grids.iter().find(|g| {
        g.titles
            .iter()
            .any(|t| !t.is_empty() && title.contains(&t.to_lowercase()))
    });
    if by_title.is_some() {
        return by_title;
    }
    // By header: every column of the spec found by its words, in order, and as many columns.
    catalogue.grids.iter().find(|g| {
        g.columns.len() == columns.len()
            && g.columns.iter().zip(columns).all(|(s, c)| {
                let text = lower(&c.full_label());
                !s.header.is_empty() && s.header.iter().all(|w| text.contains(&w.to_lowercase()))
            })
    })
}

/// Numbers the columns as the spec does when the table prints no column-number row: the value
/// columns in order.
fn number_from_spec(spec: &GridSpec, columns: &mut [Column]) {
    if columns.iter().any(|c| c.number.is_some()) || spec.columns.len() != columns.len() {
        return;
    }
    for (col, s) in columns.iter_mut().zip(&spec.columns) {
        col.number = Some(s.number);
        col.key = format!("({})", s.number);
        if let Some(kind) = s.measure() {
            col.measure = kind;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_of_the_column_number_row() {
        let f = parse_formula("(3)=(4)+(5)+(6)").unwrap();
        assert_eq!(f.result, 3);
        assert_eq!(
            f.kind,
            FormulaKind::Sum {
                plus: vec![4, 5, 6],
                minus: vec![]
            }
        );
        let f = parse_formula("(5) = (4)/(3) x 100").unwrap();
        assert_eq!(
            f.kind,
            FormulaKind::Ratio {
                numerator: 4,
                denominator: 3
            }
        );
        let f = parse_formula("(11)=(3)-(7)").unwrap();
        assert_eq!(
            f.kind,
            FormulaKind::Sum {
                plus: vec![3],
                minus: vec![7]
            }
        );
        assert!(parse_formula("(3)").is_none());
        assert!(parse_formula("Tổng = 5").is_none());
    }

    #[test]
    fn column_number_rows() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert!(is_column_number_row(&row(&["(1)", "(2)", "(3)", "(4)"])));
        assert!(is_column_number_row(&row(&["A", "B", "1", "2", "3"])));
        assert!(is_column_number_row(&row(&[
            "1",
            "2",
            "(3)=(4)+(5)",
            "4",
            "5"
        ])));
        assert!(!is_column_number_row(&row(&["1", "Xã A", "12", "10", "9"])));
        assert!(!is_column_number_row(&row(&["3", "5", "9"])));
    }

    #[test]
    fn english_style_tables() {
        assert!(english_numbers(["1,664", "99.59", "12"].into_iter()));
        assert!(english_numbers(["1,664", "2,001"].into_iter()));
        assert!(!english_numbers(["1.664", "99,59"].into_iter()));
        assert!(!english_numbers(["31,15", "1,664"].into_iter()));
        assert_eq!(read_value("1,664", true), Value::read("1664"));
        assert_eq!(read_value("99.59", true), Value::read("99,59"));
    }

    #[test]
    fn header_tree_from_blanks() {
        let r1: Vec<String> = [
            "STT",
            "Đơn vị",
            "Số hồ sơ nhận",
            "",
            "Đã giải quyết",
            "",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let r2: Vec<String> = [
            "",
            "",
            "Tổng số",
            "Trực tuyến",
            "Tổng số",
            "Đúng hạn",
            "Quá hạn",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let paths = header_paths(&[&r1, &r2], 7);
        assert_eq!(paths[0], ["STT"]);
        assert_eq!(paths[3], ["Số hồ sơ nhận", "Trực tuyến"]);
        assert_eq!(paths[6], ["Đã giải quyết", "Quá hạn"]);
    }
}
