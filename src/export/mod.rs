//! What an official sends after checking: a correction letter (.docx), the report's tables with
//! the problem cells marked (.xlsx) and the checks as CSV, all from an [`Outcome`].
//!
//! Plain Rust, behind the `export` feature: the CLI (`kiemso export`) and an on-demand Wasm module
//! of the page use the same functions. Every figure is written as the report prints it (a
//! string), never through a float.
//!
//! Each output reads the same list of problems ([`problems`]), so the letter, the sheet's notes
//! and the CSV say the same thing about the same cell.

#[cfg(feature = "files")]
pub mod annotate;
pub mod csv;
pub mod letter;
pub mod sheet;

use crate::outcome::{Check, FormView, Kind, Outcome, RowView, Status, Suggestion};
use std::collections::HashMap;

/// What the outputs say about where the report came from, beyond the outcome.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The file or paste the report was read from: named when the report's heading names no
    /// unit.
    pub source: String,
    /// The date the letter is written, as printed («03/12/2026»): given by the caller, which has
    /// a clock (the core has none in Wasm).
    pub date: String,
}

/// The outputs, chosen by the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The correction letter «Phiếu rà soát số liệu».
    Docx,
    /// The tables with the problem cells highlighted and a note on each.
    Xlsx,
    /// The checks, problems only unless all are asked for.
    Csv,
}

impl Format {
    /// The format of a file name by its extension (`phieu.docx`), if one of the three.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "docx" => Some(Format::Docx),
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The media type of a download.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv;charset=utf-8",
        }
    }
}

/// Why an output could not be written (the spreadsheet writer's errors: a sheet over Excel's
/// limits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// Writes `outcome` in `format`; `all` lists the passing checks too in the CSV.
pub fn export(
    outcome: &Outcome,
    meta: &Meta,
    format: Format,
    all: bool,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Docx => Ok(letter::letter_docx(outcome, meta)),
        Format::Xlsx => sheet::tables_xlsx(outcome, meta),
        Format::Csv => Ok(csv::checks_csv(outcome, all).into_bytes()),
    }
}

/// How a form is named to the official: «Biểu mẫu số 03» for the catalogue's forms, «Bảng T1»
/// or «Biểu II.06a» otherwise.
pub fn form_name(id: &str) -> String {
    match id.strip_prefix('B') {
        Some(n) if n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()) => {
            format!("Biểu mẫu số {n}")
        }
        _ if id.starts_with('T') && id[1..].bytes().all(|b| b.is_ascii_digit()) => {
            format!("Bảng {id}")
        }
        _ => format!("Biểu {id}"),
    }
}

/// Who the report is from, as a letter names it: its unit and period when the heading gives
/// them, else the source's name.
pub fn subject(outcome: &Outcome, meta: &Meta) -> (String, String) {
    let unit = outcome
        .about
        .unit
        .clone()
        .unwrap_or_else(|| meta.source.clone());
    let period = outcome.about.period.clone().unwrap_or_default();
    (unit, period)
}

/// Where each cell of the outcome is: its form and row.
pub struct Cells<'a> {
    map: HashMap<&'a str, (&'a FormView, &'a RowView)>,
}

impl<'a> Cells<'a> {
    /// Indexes the rows of every form of `outcome`.
    pub fn of(outcome: &'a Outcome) -> Cells<'a> {
        let map = outcome
            .forms
            .iter()
            .flat_map(|f| f.table.iter().map(move |r| (r.cell.as_str(), (f, r))))
            .collect();
        Cells { map }
    }

    /// The form and row of `cell`.
    pub fn get(&self, cell: &str) -> Option<(&'a FormView, &'a RowView)> {
        self.map.get(cell).copied()
    }

    /// «Biểu mẫu số 03, dòng 3.1.2» (a grid cell: «…, dòng 3, cột Đúng hạn»), or the cell's
    /// name when it is not in a table.
    pub fn place(&self, cell: &str) -> String {
        match self.get(cell) {
            Some((f, r)) => {
                let mut s = format!("{}, dòng {}", form_name(&f.form), r.stt);
                if let Some(col) = &r.column {
                    s.push_str(&format!(", cột «{col}»"));
                }
                s
            }
            None => cell.to_string(),
        }
    }
}

/// One check that does not hold, as the outputs show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem<'a> {
    /// The check.
    pub check: &'a Check,
    /// «Lỗi» or «Cảnh báo» ([`status_word`]).
    pub severity: &'static str,
    /// The form's name, or «Lời văn» for a sentence of the narrative.
    pub form: String,
    /// The row's STT, or «dòng N» for a sentence.
    pub stt: String,
    /// The indicator (a grid cell: «row — column»), or the sentence quoted.
    pub indicator: String,
    /// The figure reported.
    pub reported: String,
    /// What the checks say it should be; when a likely culprit is known, that cell and its
    /// suggested value, so that a total is not blamed for a mistyped part.
    pub should: String,
    /// The rule in words: the check's explanation, then the suggestion's.
    pub rule: String,
    /// The cell the check is about, when it is a table cell.
    pub cell: Option<&'a str>,
}

/// The checks that do not hold, failures first, each with the likely culprit from the
/// suggestions of [`crate::locate`] where there is one.
pub fn problems<'a>(outcome: &'a Outcome, cells: &Cells<'a>) -> Vec<Problem<'a>> {
    let mut list: Vec<&Check> = outcome
        .checks
        .iter()
        .filter(|c| matches!(c.status, Status::Fail | Status::Warn))
        .collect();
    // Stable: within a status, the report's order.
    list.sort_by_key(|c| std::cmp::Reverse(c.status));
    list.into_iter()
        .map(|c| Problem::of(c, &outcome.suggestions, cells))
        .collect()
}

impl<'a> Problem<'a> {
    /// Any check as the outputs show it (a passing one too, for the CSV of every check).
    pub fn of(check: &'a Check, suggestions: &[Suggestion], cells: &Cells<'a>) -> Problem<'a> {
        problem(check, suggestions, cells)
    }
}

/// A status as a column shows it: «Lỗi», «Cảnh báo», «Đạt», «Không tính được».
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Fail => "Lỗi",
        Status::Warn => "Cảnh báo",
        Status::Pass => "Đạt",
        Status::Na => "Không tính được",
    }
}

fn problem<'a>(check: &'a Check, suggestions: &[Suggestion], cells: &Cells<'a>) -> Problem<'a> {
    let severity = status_word(check.status);
    let first = check.cells.first().map(String::as_str);
    let best: Option<&Suggestion> = check.suggestions.first().and_then(|&k| suggestions.get(k));
    let culprit = best.map(|s| {
        format!(
            "nhiều khả năng sai ở {}: {} → {}",
            cells.place(&s.cell),
            s.current,
            s.suggested
        )
    });
    let mut rule = check.message().into_owned();
    if let Some(s) = best {
        rule.push_str(" Gợi ý: ");
        rule.push_str(&s.message);
    }
    if check.kind == Kind::Narrative {
        // A sentence against a table: either may be the wrong one, so the table's figure is
        // what the checks found, not what the sentence "should" say.
        let found = check.expected.clone().unwrap_or_default();
        let should = match (&culprit, found.is_empty()) {
            (Some(c), _) => capitalise_first(c),
            (None, false) if check.cells.is_empty() => format!("cộng lại được {found}"),
            (None, false) => format!("bảng ghi {found}"),
            (None, true) => String::new(),
        };
        return Problem {
            check,
            severity,
            form: "Lời văn".to_string(),
            stt: check.line.map(|l| format!("dòng {l}")).unwrap_or_default(),
            indicator: check.quote.clone().unwrap_or_default(),
            reported: check.reported.clone().unwrap_or_default(),
            should,
            rule,
            cell: None,
        };
    }
    let hit = first.and_then(|c| cells.get(c));
    let (form, stt, indicator, value) = match hit {
        Some((f, r)) => (
            form_name(&f.form),
            r.stt.clone(),
            match &r.column {
                Some(col) => format!("{} — {}", r.indicator, col),
                None => r.indicator.clone(),
            },
            r.value.clone(),
        ),
        None => (String::new(), String::new(), String::new(), String::new()),
    };
    let expected = check.expected.clone().unwrap_or_default();
    let should = match (best, expected.is_empty()) {
        // The suggestion is about this very cell: its value is what it should hold.
        (Some(s), _) if Some(s.cell.as_str()) == first => s.suggested.clone(),
        (Some(_), true) => capitalise_first(culprit.as_deref().unwrap_or_default()),
        (Some(_), false) => format!(
            "{expected} nếu các số liệu khác đúng; {}",
            culprit.as_deref().unwrap_or_default()
        ),
        (None, _) => expected,
    };
    Problem {
        check,
        severity,
        form,
        stt,
        indicator,
        reported: check.reported.clone().unwrap_or(value),
        should,
        rule,
        cell: first.filter(|_| hit.is_some()),
    }
}

/// `s` with its first letter in capitals.
fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_named_as_officials_name_them() {
        assert_eq!(form_name("B03"), "Biểu mẫu số 03");
        assert_eq!(form_name("T2"), "Bảng T2");
        assert_eq!(form_name("II.06a"), "Biểu II.06a");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_name("a/Phieu.DOCX"), Some(Format::Docx));
        assert_eq!(Format::from_name("x.csv"), Some(Format::Csv));
        assert_eq!(Format::from_name("x.pdf"), None);
        assert_eq!(Format::from_name("xlsx"), None);
    }

    #[test]
    fn a_total_is_not_blamed_for_a_mistyped_part() {
        let text = "Biểu mẫu số 02\n1.\tTổng số văn bản\tVăn bản\t15\n\
                    1.1.\tVăn bản A\tVăn bản\t5\n1.2.\tVăn bản B\tVăn bản\t5\n\
                    1.3.\tVăn bản C\tVăn bản\t50\n";
        let o = crate::check_text(text, &crate::Options::default()).unwrap();
        let cells = Cells::of(&o);
        let list = problems(&o, &cells);
        assert!(!list.is_empty());
        let sum = list
            .iter()
            .find(|p| p.check.kind == Kind::Sum)
            .expect("the sum fails");
        if !o.suggestions.is_empty() && o.suggestions[0].cell != "B02/1" {
            assert!(
                sum.should.contains("nhiều khả năng sai ở"),
                "{}",
                sum.should
            );
        }
        assert_eq!(sum.form, "Biểu mẫu số 02");
        assert_eq!(sum.stt, "1");
    }
}
