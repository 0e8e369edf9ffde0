//! From a [`Document`] to a [`Report`]: forms, their rows (with the STT hierarchy), typed values,
//! and the narrative.
//!
//! This is where paste artefacts are undone: header rows repeated at page breaks are skipped, a
//! row with an empty STT continues the row above (its note or unit wrapped onto a new page),
//! columns are found from the two-row header ("Kết quả thống kê" over "Đơn vị tính" and "Số liệu")
//! whatever their order, and a table without its title is recognised from its indicators.

use crate::catalogue::{Catalogue, FormSpec};
use crate::number::{is_invisible, looks_numeric, push_decimal, Figure, NumberError};
use crate::read::{Block, Document};
use std::collections::BTreeMap;

pub mod grid;

/// A hierarchical row number: `3.3.2.` is `[3, 3, 2]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stt {
    /// The numbers, outermost first. Empty for a label that is not numeric (`I`, `a)`).
    pub parts: Vec<u32>,
    /// How the STT is named in cells: `3.3.2` (no trailing dot), or the label as printed.
    pub label: String,
}

impl Stt {
    /// Reads an STT cell: `3.`, `3.3.2.`, `3.3.2`, `1)`.
    ///
    /// ```
    /// use kiemso::report::Stt;
    /// assert_eq!(Stt::parse("3.3.2.").unwrap().parts, vec![3, 3, 2]);
    /// assert_eq!(Stt::parse("3.3.2.").unwrap().label, "3.3.2");
    /// assert!(Stt::parse("Tổng cộng").is_none());
    /// ```
    pub fn parse(cell: &str) -> Option<Stt> {
        // Zero-width spaces and direction marks pasted along with the STT mean nothing.
        let cleaned: String;
        let cell = if cell.chars().any(is_invisible) {
            cleaned = cell.chars().filter(|c| !is_invisible(*c)).collect();
            cleaned.as_str()
        } else {
            cell
        };
        let t = cell.trim().trim_end_matches([')', '.']);
        // 40 bytes is twenty levels of nesting; longer is not an STT, and the bound keeps a
        // pasted blob from being split into a million parts.
        if t.is_empty() || t.len() > 40 {
            return None;
        }
        let parts: Option<Vec<u32>> = t.split('.').map(|p| p.trim().parse::<u32>().ok()).collect();
        let parts = parts?;
        // The numbers printed back with dots (`08.1` is `8.1`), written in place: every row
        // has an STT.
        let mut label = String::with_capacity(t.len());
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                label.push('.');
            }
            push_decimal(&mut label, u64::from(*p));
        }
        Some(Stt { parts, label })
    }

    /// Whether `self` is the direct parent of `child` (`3.3` of `3.3.2`).
    pub fn is_parent_of(&self, child: &Stt) -> bool {
        !self.parts.is_empty()
            && child.parts.len() == self.parts.len() + 1
            && child.parts.starts_with(&self.parts)
    }
}

pub use crate::measure::Measure;

/// What statistical tables print instead of a figure when there is none, following the
/// conventions of the General Statistics Office (ký hiệu nghiệp vụ): a dash `-` (nothing arose),
/// `…` or `...` (arose but not collected), `x` (no figure: not applicable). A value cell holding
/// one of these is read as [`Value::Empty`], its print kept in [`Row::raw`]: there is no figure to
/// check and nothing to complain about. Other words (`N/A`, `Đang cập nhật`) are
/// [`Value::Text`], which gets a warning, since they are not the official convention.
pub const NO_DATA_MARKS: &[&str] = &["-", "–", "—", "x", "X", "…", "...", "---"];

/// A value cell as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing printed, or one of the [`NO_DATA_MARKS`] (`-`, `x`, `…`).
    Empty,
    /// A number.
    Number(Figure),
    /// Words where a number could be (`Đang cập nhật`).
    Text(String),
    /// Something that looks like a number but is not a well-formed one.
    Malformed(String),
}

impl Value {
    /// Reads a value cell.
    pub fn read(cell: &str) -> Value {
        let t = cell.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
        if t.is_empty() || NO_DATA_MARKS.contains(&t) {
            return Value::Empty;
        }
        match Figure::parse(t) {
            Ok(f) => Value::Number(f),
            Err(NumberError::Text) => Value::Text(t.to_string()),
            Err(NumberError::Malformed(s)) => Value::Malformed(s),
        }
    }

    /// The figure, if the cell holds one.
    pub fn figure(&self) -> Option<&Figure> {
        match self {
            Value::Number(f) => Some(f),
            _ => None,
        }
    }
}

/// One row of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its STT.
    pub stt: Stt,
    /// The indicator ("Chỉ tiêu").
    pub indicator: String,
    /// The unit ("Đơn vị tính").
    pub unit: String,
    /// The value cell as printed.
    pub raw: String,
    /// The value cell as read.
    pub value: Value,
    /// The note ("Ghi chú").
    pub note: String,
    /// Where the row starts in the input (1-based).
    pub line: usize,
    /// In a table with several value columns ([`Form::grid`]), the column of this cell: then a
    /// `Row` is one cell of the grid, and its STT, indicator and unit are its grid row's.
    pub column: Option<usize>,
    /// In a grid, the column's label as the official sees it («Đã giải quyết › Đúng hạn»), for
    /// messages.
    pub column_label: Option<String>,
    /// Where the value was read from: the record's line and the index of its cell, so that an
    /// export can mark that cell in the original file. `None` when the row has no value cell.
    pub source: Option<(usize, usize)>,
    /// What the figure is when the table says so other than by the unit (a grid column headed
    /// «Tỷ lệ (%)» or «Số hồ sơ»); the unit decides when `None`.
    pub kind: Option<Measure>,
}

impl Row {
    /// What the figure is: the column's kind in a grid when it has one, else what the unit says.
    pub fn measure(&self) -> Measure {
        match &self.kind {
            Some(kind) => kind.clone(),
            None => Measure::of(&self.unit),
        }
    }
}

/// How a table was matched to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Recognition {
    /// By its title ("Biểu mẫu số 03").
    Title,
    /// By its indicators (pasted without its title).
    Indicators,
    /// Not a form of the catalogue: rules are inferred.
    Unknown,
}

/// One table of the report: a catalogue form or an unknown table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// How cells of this form are named: `B03`, or `T1` for the first unknown table.
    pub id: String,
    /// The form number when known.
    pub number: Option<u32>,
    /// Its title.
    pub title: String,
    /// How it was recognised.
    pub recognition: Recognition,
    /// Its rows in order.
    pub rows: Vec<Row>,
    /// Where the table starts in the input.
    pub line: usize,
    /// For a table with several value columns (units or levels as rows, measures as columns):
    /// its columns and rows. Then [`Form::rows`] holds one `Row` per cell, row by row.
    pub grid: Option<grid::Grid>,
}

impl Form {
    /// The row with this STT label (`3.3.2`); in a grid, the first cell of that row.
    pub fn row(&self, stt: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.stt.label == stt)
    }

    /// The name of a row's cell in the JSON contract: `B03/3.1`, or in a grid
    /// `T1/3@Đúng hạn` (row, then column).
    pub fn cell_name(&self, row: &Row) -> String {
        match (&self.grid, row.column) {
            (Some(grid), Some(c)) => match grid.columns.get(c) {
                Some(column) => format!("{}/{}@{}", self.id, row.stt.label, column.key),
                None => format!("{}/{}", self.id, row.stt.label),
            },
            _ => format!("{}/{}", self.id, row.stt.label),
        }
    }
}

/// A line of the narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the input.
    pub number: usize,
    /// The text.
    pub text: String,
}

/// Something in the input a person should know about that is not a check (a table that could not
/// be matched to a form, a row without STT…).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notice {
    /// Where (1-based line), when known.
    pub line: Option<usize>,
    /// In Vietnamese.
    pub message: String,
}

/// The whole report as understood.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The tables, in input order.
    pub forms: Vec<Form>,
    /// Prose that is not part of a table.
    pub narrative: Vec<Line>,
    /// Things about the input worth telling.
    pub notices: Vec<Notice>,
    /// Tables with several value columns that a module built without grids set aside.
    pub grids_pending: usize,
}

impl Report {
    /// The form with this id (`B03`, `T1`).
    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// Where the cell named `cell` (`B03/3.1.2`, `T1/3@Đúng hạn`) is: (form index, row index)
    /// in [`Report::forms`].
    pub fn cell_at(&self, cell: &str) -> Option<(usize, usize)> {
        let (id, at) = cell.split_once('/')?;
        let fi = self.forms.iter().position(|f| f.id == id)?;
        let form = &self.forms[fi];
        let ri = match &form.grid {
            Some(grid) => grid.cell_index(at).filter(|&k| k < form.rows.len())?,
            None => {
                let stt = at.trim_end_matches('.');
                form.rows.iter().position(|r| r.stt.label == stt)?
            }
        };
        Some((fi, ri))
    }

    /// Replaces the printed value of cells (`"B03/3.1.2" → "66.678"`): the "what if" of a meeting.
    /// Unknown cells are reported as notices.
    pub fn apply_overrides(&mut self, overrides: &BTreeMap<String, String>) {
        for (cell, raw) in overrides {
            let target = self.cell_at(cell).map(|(fi, ri)| {
                let form = &mut self.forms[fi];
                // An edit is read the way the table prints its figures.
                let english = form.grid.as_ref().is_some_and(|g| g.english_numbers);
                (&mut form.rows[ri], english)
            });
            match target {
                Some((row, english)) => {
                    row.raw = raw.trim().to_string();
                    row.value = grid::read_value(raw, english);
                }
                None => self.notices.push(Notice {
                    line: None,
                    message: format!("Không tìm thấy ô {cell} để sửa."),
                }),
            }
        }
    }
}

/// A form title line: "Biểu mẫu số 03", "BIỂU MẪU SỐ 3", "Biểu số 03", "Mẫu số 03".
///
/// ```
/// assert_eq!(kiemso::report::form_number("Biểu mẫu số 03"), Some(3));
/// assert_eq!(kiemso::report::form_number("BIỂU MẪU SỐ 7: Chính quyền số"), Some(7));
/// assert_eq!(kiemso::report::form_number("Theo biểu mẫu số 3 của Bộ"), None);
/// ```
pub fn form_number(text: &str) -> Option<u32> {
    let rest = after_form_prefix(text)?;
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    digits.parse().ok()
}

/// Column roles of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Columns {
    stt: Option<usize>,
    indicator: Option<usize>,
    unit: Option<usize>,
    value: Option<usize>,
    note: Option<usize>,
}

/// A table being assembled from records, moved out of the document: a table's records are
/// freed as soon as its form is made, and none outlives the report.
#[derive(Debug, Default)]
struct Draft {
    number: Option<u32>,
    title: String,
    header: Vec<Vec<String>>,
    records: Vec<(usize, Vec<String>)>,
    line: usize,
    /// The line of prose right above the table («Bảng tổng hợp kết quả …»): a grid's title when
    /// no «Biểu mẫu số» line names it.
    #[cfg_attr(not(feature = "grids"), allow(dead_code))]
    preface: Option<String>,
}

fn normalize(s: &str) -> String {
    s.trim().to_lowercase()
}

/// [`normalize`] into a buffer the caller reuses. Lower-cased a character at a time, which differs
/// from `str::to_lowercase` only for a final Greek capital sigma (σ or ς), which no header word has.
fn normalize_into(buf: &mut String, s: &str) {
    let s = s.trim();
    buf.clear();
    for c in s.chars() {
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

/// Whether a record is a header row of the template.
///
/// This runs on every record of every table: each cell is lower-cased once, into one buffer
/// (it was lower-cased two or three times, into a new string each time, which made this an eighth
/// of the time to check a 100,000-row table).
fn is_header(cells: &[String]) -> bool {
    let mut c = String::new();
    let mut hit = |cell: &str| {
        // A cell without a letter (an STT, a figure, an empty note) names no role: most cells
        // of a data row, spared lower-casing and the substring searches of `role_of`.
        if !cell.bytes().any(|b| b.is_ascii_alphabetic() || b >= 0x80) {
            return false;
        }
        normalize_into(&mut c, cell);
        role_of(&c).is_some() || c.starts_with("kết quả")
    };
    // Two cells must name a role. The longest cell (a data row's indicator) is looked at only
    // when exactly one other does: for a data row, whose STT, unit, figure and note name none,
    // the long indicator is never lower-cased.
    let longest = (0..cells.len()).max_by_key(|&k| cells[k].len());
    let mut hits = 0;
    for (k, cell) in cells.iter().enumerate() {
        if Some(k) != longest && hit(cell) {
            hits += 1;
            if hits == 2 {
                return true;
            }
        }
    }
    if hits == 1 && longest.is_some_and(|k| hit(&cells[k])) {
        return true;
    }
    cells.iter().find(|c| !c.is_empty()).is_some_and(|first| {
        let t = first.trim();
        t.len() == 3 && t.eq_ignore_ascii_case("stt")
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Stt,
    Indicator,
    Unit,
    Value,
    Note,
}

fn header_role(cell: &str) -> Option<Role> {
    role_of(&normalize(cell))
}

/// The role a normalized (trimmed, lower-cased) header cell names.
fn role_of(c: &str) -> Option<Role> {
    if c.is_empty() {
        return None;
    }
    // Cells are short: a direct search beats building a substring searcher for each phrase,
    // and this runs on most cells of every table.
    let has = |n: &str| {
        let (h, n) = (c.as_bytes(), n.as_bytes());
        h.len() >= n.len()
            && (0..=h.len() - n.len()).any(|i| h[i] == n[0] && &h[i..i + n.len()] == n)
    };
    if c == "stt" || c.starts_with("stt ") || c == "số tt" || c == "số thứ tự" || c == "tt"
    {
        Some(Role::Stt)
    } else if has("đơn vị tính") || c == "đvt" || c.ends_with(" đvt") {
        Some(Role::Unit)
    } else if has("số liệu") || has("giá trị") || c.ends_with("kết quả") {
        Some(Role::Value)
    } else if has("ghi chú") {
        Some(Role::Note)
    } else if has("chỉ tiêu") || has("nội dung") || has("tên chỉ") {
        Some(Role::Indicator)
    } else {
        None
    }
}

impl Columns {
    /// Roles from the header rows, merged column by column (a merged header cell, expanded,
    /// repeats its text; the lower row names the columns it spans).
    fn from_header(header: &[Vec<String>]) -> Columns {
        let width = header.iter().map(|r| r.len()).max().unwrap_or(0);
        let mut cols = Columns::default();
        for k in 0..width {
            // The lowest row that names a role wins: "Kết quả thống kê / Đơn vị tính" is a unit.
            let role = header
                .iter()
                .rev()
                .filter_map(|r| r.get(k))
                .find_map(|c| header_role(c));
            let slot = match role {
                Some(Role::Stt) => &mut cols.stt,
                Some(Role::Indicator) => &mut cols.indicator,
                Some(Role::Unit) => &mut cols.unit,
                Some(Role::Value) => &mut cols.value,
                Some(Role::Note) => &mut cols.note,
                None => continue,
            };
            if slot.is_none() {
                *slot = Some(k);
            }
        }
        cols
    }

    /// Roles guessed from the data, for a table pasted without its header.
    fn infer(records: &[(usize, Vec<String>)]) -> Columns {
        // Every index below is a column `k < width`, the widest record: in bounds by construction.
        let width = records.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
        let mut stt_hits = vec![0usize; width];
        let mut num_hits = vec![0usize; width];
        let mut filled = vec![0usize; width];
        // Cells standing where a number would but unreadable (`12.3.4`, `#REF!`): the value
        // column when no column holds a readable number, so that a form whose every value is
        // broken reports each one, as it does when one value is readable.
        let mut broken_hits = vec![0usize; width];
        for (_, cells) in records {
            for (k, c) in cells.iter().enumerate() {
                if c.is_empty() {
                    continue;
                }
                filled[k] += 1;
                if Stt::parse(c).is_some() {
                    stt_hits[k] += 1;
                }
                if Figure::parse(c).is_ok() {
                    num_hits[k] += 1;
                } else if looks_numeric(c) {
                    broken_hits[k] += 1;
                }
            }
        }
        let stt = (0..width)
            .filter(|k| stt_hits[*k] > 0)
            .max_by_key(|k| (stt_hits[*k], usize::MAX - *k));
        // The value column holds numbers but is not the STT: prefer the rightmost of near-equals
        // (a unit like "2 cấp = 1" can hold digits too).
        let hits = if num_hits
            .iter()
            .enumerate()
            .any(|(k, n)| *n > 0 && Some(k) != stt)
        {
            &num_hits
        } else {
            &broken_hits
        };
        let numeric: Vec<usize> = hits
            .iter()
            .enumerate()
            .map(|(k, n)| if Some(k) == stt { 0 } else { *n })
            .collect();
        let best = numeric.iter().copied().max().unwrap_or(0);
        let value = (0..width)
            .rev()
            .find(|k| best > 0 && numeric[*k] * 10 >= best * 8);
        // Without a header, assume the template's order: the first text column after the STT is
        // the indicator, the next one before the value is the unit.
        let left_of_value = value.unwrap_or(width);
        let start = stt.map_or(0, |s| s + 1);
        let indicator = (start..left_of_value).find(|k| filled[*k] > 0);
        let unit = indicator.and_then(|i| ((i + 1)..left_of_value).find(|k| filled[*k] > 0));
        let note = value.and_then(|v| ((v + 1)..width).find(|k| filled[*k] > 0));
        Columns {
            stt,
            indicator,
            unit,
            value,
            note,
        }
    }

    fn complete(&self) -> bool {
        self.stt.is_some() && self.indicator.is_some() && self.value.is_some()
    }

    /// Fills roles the header did not name from what the data shows.
    fn or(self, guess: Columns) -> Columns {
        Columns {
            stt: self.stt.or(guess.stt),
            indicator: self.indicator.or(guess.indicator),
            unit: self.unit.or(guess.unit),
            value: self.value.or(guess.value),
            note: self.note.or(guess.note),
        }
    }
}

fn cell(cells: &[String], k: Option<usize>) -> &str {
    k.and_then(|k| cells.get(k)).map_or("", String::as_str)
}

fn append(to: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(more);
}

/// Builds the report: tables become forms (matched to the catalogue by title or by indicators),
/// everything else is narrative. The document is consumed (its prose moves into the report, each
/// table's records are freed once its form is made), so that no caller keeps it alive past the
/// report while the checks are made.
pub fn build(doc: Document, catalogue: &Catalogue) -> Report {
    let mut report = Report::default();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut current: Option<Draft> = None;
    // A title line was just seen: the next short prose line is the form's title.
    let mut expect_title = false;
    // Prose or a table boundary came after the current table's rows: a new header starts a new table.
    let mut interrupted = false;

    // The last line of prose, while nothing came after it.
    let mut preface: Option<String> = None;
    for block in doc.blocks {
        match block {
            Block::Text { line, text } => {
                preface = (text.chars().count() <= 200).then(|| text.clone());
                if let Some(n) = form_number(&text) {
                    drafts.extend(current.take());
                    current = Some(Draft {
                        number: Some(n),
                        title: title_after_number(&text),
                        line,
                        ..Draft::default()
                    });
                    expect_title = true;
                    interrupted = false;
                    continue;
                }
                let is_title = expect_title
                    && text.chars().count() <= 200
                    && current
                        .as_ref()
                        .is_some_and(|d| d.title.is_empty() && d.records.is_empty());
                if is_title {
                    if let Some(d) = current.as_mut() {
                        d.title = text;
                    }
                } else {
                    report.narrative.push(Line { number: line, text });
                    interrupted = true;
                }
                expect_title = false;
            }
            Block::Break => {
                interrupted = true;
                preface = None;
            }
            Block::Record { line, cells } => {
                expect_title = false;
                let above = preface.take();
                let first = cells
                    .iter()
                    .find(|c| !c.is_empty())
                    .map_or("", String::as_str);
                if let Some(n) = form_number(first) {
                    drafts.extend(current.take());
                    let rest: Vec<&str> = cells
                        .iter()
                        .skip_while(|c| c.as_str() != first)
                        .skip(1)
                        .filter(|c| !c.is_empty())
                        .map(String::as_str)
                        .collect();
                    let mut title = title_after_number(first);
                    append(&mut title, &rest.join(" "));
                    current = Some(Draft {
                        number: Some(n),
                        title,
                        line,
                        ..Draft::default()
                    });
                    expect_title = current.as_ref().is_some_and(|d| d.title.is_empty());
                    interrupted = false;
                    continue;
                }
                let header = is_header(&cells);
                let starts_new = match &current {
                    None => true,
                    Some(d) => interrupted && !d.records.is_empty() && header,
                };
                if starts_new {
                    drafts.extend(current.take());
                }
                interrupted = false;
                let draft = current.get_or_insert_with(|| Draft {
                    line,
                    preface: above,
                    ..Draft::default()
                });
                if header {
                    // Repeated at a page break: the first header names the columns.
                    if draft.records.is_empty() {
                        draft.header.push(cells);
                    }
                } else {
                    draft.records.push((line, cells));
                }
            }
        }
    }
    drafts.extend(current.take());

    let mut unknown = 0;
    for draft in drafts {
        if draft.records.is_empty() {
            let message = match draft.number {
                Some(n) => format!("Biểu mẫu số {n:02} không có dòng số liệu nào."),
                // Pasted the header of a table and nothing under it.
                None if !draft.header.is_empty() => {
                    "Bảng chỉ có dòng tiêu đề (STT, Chỉ tiêu, Đơn vị tính, Số liệu…), chưa có dòng \
                     số liệu nào để kiểm tra. Hãy dán cả các dòng số liệu bên dưới."
                        .to_string()
                }
                None => continue,
            };
            report.notices.push(Notice {
                line: Some(draft.line),
                message,
            });
            continue;
        }
        // A table with several value columns (units as rows, measures as columns) is a grid.
        #[cfg(feature = "grids")]
        if let Some(form) = grid::build(&draft, catalogue, &mut unknown, &mut report.notices) {
            // The first-load module's test must see every grid this module makes (tests and
            // fuzzing run debug builds with grids).
            debug_assert!(
                grid::may_be_grid(&draft),
                "a grid the first module would misread"
            );
            report.forms.push(form);
            continue;
        }
        // A module built without grids sets such a table aside rather than misread it.
        #[cfg(not(feature = "grids"))]
        if grid::may_be_grid(&draft) {
            report.grids_pending += 1;
            continue;
        }
        let (rows, skipped) = rows_of(&draft);
        if rows.is_empty() {
            report.notices.push(Notice {
                line: Some(draft.line),
                message: "Bảng này không có cột STT nên không kiểm tra được; hãy dán kèm cột STT."
                    .into(),
            });
            continue;
        }
        for &line in skipped.iter().take(NOTICES_PER_KIND) {
            report.notices.push(Notice {
                line: Some(line),
                message: "Dòng không có STT hợp lệ, không được kiểm tra.".into(),
            });
        }
        if skipped.len() > NOTICES_PER_KIND {
            report.notices.push(Notice {
                line: skipped.get(NOTICES_PER_KIND).copied(),
                message: format!(
                    "Còn {} dòng khác không có STT hợp lệ, không được kiểm tra.",
                    format_count(skipped.len() - NOTICES_PER_KIND)
                ),
            });
        }
        let (number, recognition) = match draft.number {
            Some(n) => (Some(n), Recognition::Title),
            None => match recognise(&rows, catalogue) {
                Some(n) => (Some(n), Recognition::Indicators),
                None => (None, Recognition::Unknown),
            },
        };
        let spec = number.and_then(|n| catalogue.form(n));
        let recognition = if spec.is_none() {
            Recognition::Unknown
        } else {
            recognition
        };
        let id = match number {
            Some(n) => format!("B{n:02}"),
            None => {
                unknown += 1;
                format!("T{unknown}")
            }
        };
        let title = if !draft.title.is_empty() {
            draft.title.clone()
        } else if let Some(spec) = spec {
            spec.title.clone()
        } else {
            format!("Bảng {unknown} (không thuộc danh mục biểu mẫu)")
        };
        report.notices.extend(stt_notices(&id, &rows));
        report.forms.push(Form {
            id,
            number,
            title,
            recognition,
            rows,
            line: draft.line,
            grid: None,
        });
    }
    report.notices.extend(repeated_form_notices(&report.forms));
    report
}

/// How many notices of one kind a table gets before the rest are summed up in one: a pasted
/// table with thousands of broken rows must not bury the page in remarks.
const NOTICES_PER_KIND: usize = 20;

/// A count printed the Vietnamese way (`12.345`).
fn format_count(n: usize) -> String {
    crate::number::format_vi(rust_decimal::Decimal::from(n), 0)
}

/// "dòng 15, 18, 21" (at most five lines, then how many more).
fn lines_phrase(lines: &[usize]) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
    let mut phrase = format!("dòng {}", shown.join(", "));
    if lines.len() > SHOWN {
        phrase.push_str(&format!(
            " và {} dòng khác",
            format_count(lines.len() - SHOWN)
        ));
    }
    phrase
}

/// Remarks on a table's STT column: an STT printed more than once, and an STT smaller than the
/// one above it (rows out of order, usually a paste in the wrong place).
///
/// Of rows sharing an STT, only the first is checked: rules name cells by STT, and a rule has
/// to pick one figure. The notice says which, so the official can fix the numbering.
fn stt_notices(form_id: &str, rows: &[Row]) -> Vec<Notice> {
    // Labels in order of first appearance, with every line they appear on.
    // The lines after the first are kept only for repeated labels: a `Vec` a row would be an
    // allocation for each of a large table's rows.
    let mut index: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(rows.len());
    let mut lines: Vec<(&Row, Vec<usize>)> = Vec::with_capacity(rows.len());
    let mut disorder: Vec<Notice> = Vec::new();
    let mut disordered = 0usize;
    let mut previous: Option<&Row> = None;
    for row in rows {
        // `index` holds positions of `lines`, pushed together just below.
        if let Some(&k) = index.get(row.stt.label.as_str()) {
            lines[k].1.push(row.line);
            continue;
        }
        index.insert(&row.stt.label, lines.len());
        lines.push((row, Vec::new()));
        // Hierarchical numbers in reading order compare increasing part by part:
        // 3 < 3.1 < 3.1.2 < 3.2 < 4.
        if let Some(p) = previous.filter(|p| row.stt.parts < p.stt.parts) {
            disordered += 1;
            if disorder.len() < NOTICES_PER_KIND {
                disorder.push(Notice {
                    line: Some(row.line),
                    message: format!(
                        "Bảng {form_id}: STT {} (dòng {}) đứng sau STT {} (dòng {}), thứ tự STT \
                         bị đảo; có thể dòng bị dán sai chỗ.",
                        row.stt.label, row.line, p.stt.label, p.line
                    ),
                });
            }
        }
        previous = Some(row);
    }
    let repeated: Vec<&(&Row, Vec<usize>)> = lines.iter().filter(|(_, l)| !l.is_empty()).collect();
    let mut notices: Vec<Notice> = repeated
        .iter()
        .take(NOTICES_PER_KIND)
        .map(|(row, later)| (row, [&[row.line][..], later].concat()))
        .map(|(row, l)| Notice {
            line: l.get(1).copied(),
            message: format!(
                "Bảng {form_id}: STT {} xuất hiện {} lần ({}); chỉ dòng {} được dùng để kiểm tra, \
                 các dòng trùng STT sau đó bị bỏ qua.",
                row.stt.label,
                format_count(l.len()),
                lines_phrase(&l),
                row.line
            ),
        })
        .collect();
    if repeated.len() > NOTICES_PER_KIND {
        notices.push(Notice {
            line: None,
            message: format!(
                "Bảng {form_id}: còn {} STT khác cũng bị trùng.",
                format_count(repeated.len() - NOTICES_PER_KIND)
            ),
        });
    }
    notices.extend(disorder);
    if disordered > NOTICES_PER_KIND {
        notices.push(Notice {
            line: None,
            message: format!(
                "Bảng {form_id}: còn {} chỗ khác thứ tự STT bị đảo.",
                format_count(disordered - NOTICES_PER_KIND)
            ),
        });
    }
    notices
}

/// A form pasted more than once: cells are named by form and STT, so rules between forms use the
/// first copy; each copy is still checked on its own.
fn repeated_form_notices(forms: &[Form]) -> Vec<Notice> {
    let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for f in forms.iter().filter(|f| f.number.is_some()) {
        seen.entry(f.id.as_str()).or_default().push(f.line);
    }
    seen.into_iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|(id, lines)| Notice {
            line: lines.get(1).copied(),
            message: format!(
                "Bảng {id} xuất hiện {} lần ({}); các quy tắc liên biểu dùng bảng đầu tiên.",
                format_count(lines.len()),
                lines_phrase(&lines)
            ),
        })
        .collect()
}

/// The text after "Biểu mẫu số" (any case) at the start of `text`, in the original text.
///
/// Case is folded a character at a time and the position is taken in the original: lowercasing
/// the whole line and reusing a position found there would be wrong (and could slice inside a
/// character), since some letters change their UTF-8 length when lowercased (`Ⱥ` → `ⱥ`).
fn after_form_prefix(text: &str) -> Option<&str> {
    let t = text.trim();
    ["biểu mẫu số", "biểu số", "mẫu số", "biểu mẫu"]
        .iter()
        .find_map(|p| strip_prefix_folded(t, p))
}

/// `text` without `prefix` (lowercase) at its start, comparing case-insensitively.
pub(crate) fn strip_prefix_folded<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    // Each character's lower case must continue `prefix`: the loop ends after at most
    // `prefix.len()` characters, and allocates nothing (it runs on every line and every record).
    let mut rest = prefix.chars();
    for (i, c) in text.char_indices() {
        if rest.as_str().is_empty() {
            return Some(&text[i..]);
        }
        for lower in c.to_lowercase() {
            if rest.next() != Some(lower) {
                return None;
            }
        }
    }
    rest.as_str().is_empty().then_some("")
}

/// "Biểu mẫu số 03: Cải cách TTHC" → "Cải cách TTHC".
fn title_after_number(text: &str) -> String {
    let Some(after) = after_form_prefix(text) else {
        return String::new();
    };
    let after = after.trim_start();
    let after = after.trim_start_matches(|c: char| c.is_ascii_digit());
    after
        .trim_start_matches([':', '.', '-', '–', ' '])
        .trim()
        .to_string()
}

/// Rows of a draft table, with continuation rows folded into the row above; also the lines of
/// records that could not be placed.
///
/// The rows copy their cells rather than take them from the records they own: moving them left
/// each record's cell list (and its STT) as a small hole among the rows' strings, which the
/// checks' allocations then filled; at 100,000 rows that made evaluating, locating and dropping
/// slower (about 10 % in all) for no lower peak (issue 16, docs/benchmarks.md).
fn rows_of(draft: &Draft) -> (Vec<Row>, Vec<usize>) {
    let from_header = Columns::from_header(&draft.header);
    let cols = if from_header.complete() {
        from_header
    } else {
        from_header.or(Columns::infer(&draft.records))
    };
    // At most a row a record: no doubling past what is needed (a sixth of a large table's rows).
    let mut rows: Vec<Row> = Vec::with_capacity(draft.records.len());
    let mut skipped = Vec::new();
    for (line, cells) in &draft.records {
        let stt_cell = cell(cells, cols.stt);
        let indicator = cell(cells, cols.indicator);
        let unit = cell(cells, cols.unit);
        let value = cell(cells, cols.value);
        let note = cell(cells, cols.note);
        match Stt::parse(stt_cell) {
            Some(stt) => rows.push(Row {
                stt,
                indicator: indicator.to_string(),
                unit: unit.to_string(),
                raw: value.to_string(),
                value: Value::read(value),
                note: note.to_string(),
                line: *line,
                source: cols.value.map(|k| (*line, k)),
                column: None,
                column_label: None,
                kind: None,
            }),
            None => match rows.last_mut() {
                // A row cut by a page break: its cells continue the row above.
                Some(prev) if stt_cell.is_empty() => {
                    append(&mut prev.indicator, indicator);
                    append(&mut prev.unit, unit);
                    append(&mut prev.note, note);
                    if prev.raw.is_empty() && !value.is_empty() {
                        prev.raw = value.to_string();
                        prev.value = Value::read(value);
                        prev.source = cols.value.map(|k| (*line, k));
                    } else if !value.is_empty() {
                        append(&mut prev.note, value);
                    }
                }
                _ => skipped.push(*line),
            },
        }
    }
    (rows, skipped)
}

/// Words of an indicator, for matching a table to a form without its title.
fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn similar(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let common = wa.iter().filter(|w| wb.contains(w)).count();
    common * 10 >= wa.len().max(wb.len()) * 7
}

/// The catalogue form whose rows this table matches best, if the match is convincing.
fn recognise(rows: &[Row], catalogue: &Catalogue) -> Option<u32> {
    // A form has a few dozen rows: a table far longer than that is not one, and looking at its
    // head is enough to tell, whatever its length.
    let rows = &rows[..rows.len().min(300)];
    let score = |spec: &FormSpec| {
        rows.iter()
            .filter(|r| {
                spec.rows
                    .iter()
                    .any(|s| s.stt == r.stt.label && similar(&s.indicator, &r.indicator))
            })
            .count()
    };
    let (number, best) = catalogue
        .forms
        .iter()
        .map(|f| (f.number, score(f)))
        .max_by_key(|(_, s)| *s)?;
    (best >= 2 && best * 2 >= rows.len()).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_text;

    fn build_text(text: &str) -> Report {
        build(read_text(text).unwrap(), &Catalogue::builtin())
    }

    #[test]
    fn codes_from_units() {
        assert_eq!(
            Measure::of("Chưa có = 0 2 cấp = 1 3 cấp = 2"),
            Measure::Code(vec![
                (0, "Chưa có".into()),
                (1, "2 cấp".into()),
                (2, "3 cấp".into())
            ])
        );
        assert_eq!(
            Measure::of("Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2"),
            Measure::Code(vec![
                (0, "Trực tuyến".into()),
                (1, "Phát phiếu".into()),
                (2, "Kết hợp".into())
            ])
        );
        assert_eq!(
            Measure::of("Chưa = 0"),
            Measure::Code(vec![(0, "Chưa".into())])
        );
        assert_eq!(Measure::of(""), Measure::Unknown);
    }

    #[test]
    fn header_in_another_order_with_extra_columns() {
        let text = "STT\t\tSố liệu\tĐơn vị tính\tChỉ tiêu\tGhi chú\n\
                    1.\t\t60\tVăn bản\tTổng số VBQPPL do địa phương ban hành\t\n\
                    1.1.\t\t12\tVăn bản\tSố VBQPPL do cấp tỉnh ban hành\tx\n";
        let r = build_text(text);
        let f = &r.forms[0];
        assert_eq!(f.id, "B02");
        assert_eq!(f.recognition, Recognition::Indicators);
        assert_eq!(f.rows[1].raw, "12");
        assert_eq!(f.rows[1].unit, "Văn bản");
        assert_eq!(f.rows[1].note, "x");
    }

    #[test]
    fn table_without_header_or_title() {
        let text = "1.\tTổng số VBQPPL do địa phương ban hành\tVăn bản\t60\t\n\
                    1.1.\tSố VBQPPL do cấp tỉnh ban hành\tVăn bản\t12\t\n\
                    1.2.\tSố VBQPPL do cấp huyện ban hành\tVăn bản\t45\t\n";
        let r = build_text(text);
        assert_eq!(r.forms.len(), 1);
        assert_eq!(r.forms[0].id, "B02");
        assert_eq!(
            r.forms[0].rows[2].value.figure().unwrap().value.to_string(),
            "45"
        );
    }

    #[test]
    fn continuation_rows_and_repeated_headers() {
        let text = "Biểu mẫu số 01\nCông tác chỉ đạo\n\
            STT\tChỉ tiêu\tKết quả thống kê\t\tGhi chú\n\t\tĐơn vị tính\tSố liệu\t\n\
            5.1.\tTổng số nhiệm vụ được giao\tNhiệm vụ\t127\t22 nhiệm vụ\n\n\
            STT\tChỉ tiêu\tKết quả thống kê\t\tGhi chú\n\t\tĐơn vị tính\tSố liệu\t\n\
            \t\t\t\tđang thực hiện\n\
            5.2.\tSố nhiệm vụ đã hoàn thành đúng hạn\tNhiệm vụ\t86\t\n";
        let r = build_text(text);
        assert_eq!(r.forms.len(), 1);
        let f = &r.forms[0];
        assert_eq!(f.title, "Công tác chỉ đạo");
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.rows[0].note, "22 nhiệm vụ đang thực hiện");
    }

    #[test]
    fn unknown_table_gets_its_own_id() {
        let text = "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n1.\tTổng số hồ sơ\tHồ sơ\t10\n1.1.\tTrực tuyến\tHồ sơ\t4\n";
        let r = build_text(text);
        assert_eq!(r.forms[0].id, "T1");
        assert_eq!(r.forms[0].recognition, Recognition::Unknown);
    }

    #[test]
    fn overrides_replace_values() {
        let mut r = build_text("Biểu mẫu số 02\n1.\tTổng số\tVăn bản\t60\n");
        r.apply_overrides(&BTreeMap::from([
            ("B02/1".to_string(), "61".to_string()),
            ("B09/1".to_string(), "1".to_string()),
        ]));
        assert_eq!(r.forms[0].rows[0].raw, "61");
        assert_eq!(r.notices.len(), 1);
    }
}
