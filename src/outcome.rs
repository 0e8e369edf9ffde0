//! The result of checking a report: the JSON contract of docs/contract.md, shared by the CLI (`--json`),
//! the Wasm `check()` and the page.
//!
//! Decimals cross every boundary as strings printed the Vietnamese way (`"31,15"`), so no figure
//! ever passes through a binary float.

use crate::report::grid::{Grid, RowRole};
use crate::report::{Measure, Notice, Recognition, Report};

/// The version of the JSON contract: 2 added grids (tables with several value columns, cells
/// named `T1/3@Đúng hạn`) and this field.
pub const CONTRACT_VERSION: u32 = 2;
use serde::Serialize;

pub use crate::words::{Message, Shown};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The rule holds.
    Pass,
    /// Could not be evaluated (a denominator that may be 0, a missing figure).
    Na,
    /// Suspicious, or an inferred rule that does not hold.
    Warn,
    /// The arithmetic or the code is wrong.
    Fail,
}

impl Status {
    /// The Vietnamese word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "đạt",
            Status::Na => "không tính được",
            Status::Warn => "cảnh báo",
            Status::Fail => "lỗi",
        }
    }
}

/// What kind of rule a check evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A percentage against its numerator and denominator.
    Ratio,
    /// A total against its parts.
    Sum,
    /// Parts that cannot exceed a whole.
    Part,
    /// A coded answer (`Có = 1; Không = 0`).
    Code,
    /// A percentage within 0–100, an amount not negative.
    Range,
    /// A count: whole, not negative.
    Count,
    /// A value cell that cannot be read as a number.
    Parse,
    /// A figure in the narrative: arithmetic inside the text, or the text against a table row.
    Narrative,
}

/// One evaluated rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Stable identifier: the kind and the cells.
    pub id: String,
    /// What kind of rule.
    pub kind: Kind,
    /// How it came out.
    pub status: Status,
    /// The cells involved, the one the check is about first (`B03/3.1`, then its parts).
    pub cells: Vec<String>,
    /// The printed value under test, Vietnamese print.
    pub reported: Option<String>,
    /// The value it should have, correctly rounded to the printed decimals.
    pub expected: Option<String>,
    /// `reported − expected`, Vietnamese print.
    pub imbalance: Option<String>,
    /// The computation with the figures (`19 / 61 × 100`).
    pub formula: Option<String>,
    /// The explanation, in Vietnamese, for a person: read it with [`Check::message`] (a passing
    /// check of a large table words it only when shown, [`crate::words`]).
    pub message: Message,
    /// Inferred from the table's shape rather than read from the catalogue.
    pub inferred: bool,
    /// The input line of the cell the check is about (for a narrative check, the line of the
    /// sentence).
    pub line: Option<usize>,
    /// For a narrative check, the words of the sentence it is about, trimmed to the relevant part
    /// (`…` where the sentence goes on).
    pub quote: Option<String>,
    /// For a check that does not hold, the [`Outcome::suggestions`] (by index) that would make it
    /// hold, best first; absent when there are none.
    pub suggestions: Vec<usize>,
}

impl Check {
    /// Its explanation, in Vietnamese, for a person: worded now when the check deferred it
    /// ([`crate::words`]).
    pub fn message(&self) -> std::borrow::Cow<'_, str> {
        match &self.message {
            Message::Text(text) => std::borrow::Cow::Borrowed(text),
            Message::Deferred { .. } => std::borrow::Cow::Owned(self.shown().to_string()),
        }
    }

    /// The explanation as it is shown, to write without building it first.
    pub fn shown(&self) -> Shown<'_> {
        Shown {
            message: &self.message,
            reported: self.reported.as_deref(),
            formula: self.formula.as_deref(),
            expected: self.expected.as_deref(),
        }
    }

    /// Adds `text` to the end of the explanation.
    pub fn push_message(&mut self, text: &str) {
        if let Message::Deferred { .. } = self.message {
            self.message = Message::Text(self.message().into_owned());
        }
        if let Message::Text(s) = &mut self.message {
            s.push_str(text);
        }
    }
}

/// [`Check::shown`] as a JSON string, written piece by piece.
struct ShownJson<'a>(&'a Check);

impl Serialize for ShownJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0.message {
            Message::Text(text) => serializer.serialize_str(text),
            Message::Deferred { .. } => serializer.collect_str(&self.0.shown()),
        }
    }
}

/// The check as the JSON contract has it: its fields in order, `message` worded as it is
/// written (streamed, never held), `suggestions` left out when empty.
impl Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields = if self.suggestions.is_empty() { 12 } else { 13 };
        let mut s = serializer.serialize_struct("Check", fields)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("status", &self.status)?;
        s.serialize_field("cells", &self.cells)?;
        s.serialize_field("reported", &self.reported)?;
        s.serialize_field("expected", &self.expected)?;
        s.serialize_field("imbalance", &self.imbalance)?;
        s.serialize_field("formula", &self.formula)?;
        s.serialize_field("message", &ShownJson(self))?;
        s.serialize_field("inferred", &self.inferred)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("quote", &self.quote)?;
        if self.suggestions.is_empty() {
            s.skip_field("suggestions")?;
        } else {
            s.serialize_field("suggestions", &self.suggestions)?;
        }
        s.end()
    }
}

/// How sure a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// One cell explains every broken check with a common slip of the keyboard, and nothing
    /// else comes close.
    High,
    /// A likely slip, with another explanation nearly as likely (listed too).
    Medium,
    /// The cell is singled out by the rules, but its value is no common slip of the printed one.
    Low,
}

/// A likely mistyped cell and the value it probably should hold: error localisation
/// ([`crate::locate`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The cell (`B03/3.1.2`).
    pub cell: String,
    /// What it holds now, as printed.
    pub current: String,
    /// What it probably should hold, Vietnamese print: the value to put in for a what-if edit.
    pub suggested: String,
    /// How sure.
    pub confidence: Confidence,
    /// What slip of the keyboard it looks like: `swap` (two adjacent digits swapped), `digit`
    /// (one digit changed), `dropped`, `doubled`, `extra` (a digit left out, typed twice, typed
    /// in addition), `separator` (thousands separator misplaced), `decimal` (decimal comma and
    /// point confused), `copied` (a neighbour's figure), `percent` (a percentage where a count
    /// belongs), or `value` (no common slip: the value the rules require).
    pub typo: &'static str,
    /// The ids of the checks that would then hold.
    pub explains: Vec<String>,
    /// The explanation, in Vietnamese.
    pub message: String,
}

/// Counts of checks by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Checks that hold.
    pub pass: usize,
    /// Checks that fail.
    pub fail: usize,
    /// Warnings.
    pub warn: usize,
    /// Checks that could not be evaluated.
    pub na: usize,
}

impl Summary {
    /// Counts the statuses of `checks`.
    pub fn of(checks: &[Check]) -> Summary {
        let mut s = Summary::default();
        for c in checks {
            match c.status {
                Status::Pass => s.pass += 1,
                Status::Fail => s.fail += 1,
                Status::Warn => s.warn += 1,
                Status::Na => s.na += 1,
            }
        }
        s
    }
}

/// One row as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowView {
    /// The cell's name (`B03/3.1`).
    pub cell: String,
    /// STT as printed in cell names (`3.1`).
    pub stt: String,
    /// Depth in the hierarchy (1 for `3.`, 2 for `3.1.`).
    pub depth: usize,
    /// The indicator.
    pub indicator: String,
    /// The unit.
    pub unit: String,
    /// The value cell as printed.
    pub value: String,
    /// The note.
    pub note: String,
    /// Input line.
    pub line: usize,
    /// The worst status of the checks about this cell, if any.
    pub status: Option<Status>,
    /// In a grid, the cell's column as the official sees it («Đã giải quyết › Đúng hạn»).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The targets the catalogue declares for this row (a national threshold), each with its
    /// «còn thiếu …»; absent when none is declared.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<crate::target::Shortfall>,
}

/// A form as found in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormView {
    /// `B03`, or `T1` for an unknown table.
    pub form: String,
    /// Its title.
    pub title: String,
    /// How many rows were read.
    pub rows: usize,
    /// How the form was recognised.
    pub recognition: Recognition,
    /// Input line where the table starts.
    pub line: usize,
    /// The rows, for display; in a grid, one entry per cell, row by row (`grid.columns.len()`
    /// entries a row).
    pub table: Vec<RowView>,
    /// For a table with several value columns: its columns and rows (contract version 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grid: Option<GridView>,
}

/// The shape of a grid, for display: the page draws it as a table with its header tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridView {
    /// What the label column's header says («Đơn vị»).
    pub label_header: String,
    /// The value columns, left to right.
    pub columns: Vec<ColumnView>,
    /// The rows, top to bottom.
    pub rows: Vec<GridRowView>,
    /// The catalogue's wide form it was recognised as (`II.06a`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<String>,
    /// Formulas printed in the column-number row.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub formulas: Vec<String>,
}

/// A value column of a grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnView {
    /// How cell names end: `T1/3@<key>`.
    pub key: String,
    /// Its own label.
    pub label: String,
    /// Its header labels from the top.
    pub path: Vec<String>,
    /// Its number in the column-number row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// `count`, `percent`, `amount` or `unknown`.
    pub kind: &'static str,
}

/// A row of a grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridRowView {
    /// How cell names name it: `T1/<key>@…`.
    pub key: String,
    /// The STT as printed.
    pub stt: String,
    /// The label (unit, level, field of work).
    pub label: String,
    /// The unit, when the table has a unit column.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// `total`, `group` or `detail`.
    pub role: RowRole,
    /// Input line.
    pub line: usize,
}

impl GridView {
    fn of(g: &Grid) -> GridView {
        GridView {
            label_header: g.label_header.clone(),
            columns: g
                .columns
                .iter()
                .map(|c| ColumnView {
                    key: c.key.clone(),
                    label: c.label.clone(),
                    path: c.path.clone(),
                    number: c.number,
                    kind: match c.measure {
                        Measure::Percent => "percent",
                        Measure::Count => "count",
                        Measure::Amount => "amount",
                        _ => "unknown",
                    },
                })
                .collect(),
            rows: g
                .rows
                .iter()
                .map(|r| GridRowView {
                    key: r.key.clone(),
                    stt: r.stt.clone(),
                    label: r.label.clone(),
                    unit: r.unit.clone(),
                    role: r.role,
                    line: r.line,
                })
                .collect(),
            spec: g.spec.clone(),
            formulas: g.formulas.iter().map(|f| f.text.clone()).collect(),
        }
    }
}

/// Everything a check of a report produced: the JSON contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The contract's version ([`CONTRACT_VERSION`]).
    pub version: u32,
    /// The reporting unit, period and subject, as the report's heading gives them; absent when
    /// it gives none, and in a module built without narrative checks ([`crate::about`]).
    #[serde(skip_serializing_if = "crate::about::About::is_empty")]
    pub about: crate::about::About,
    /// The forms found.
    pub forms: Vec<FormView>,
    /// Every check, form by form.
    pub checks: Vec<Check>,
    /// Counts by status.
    pub summary: Summary,
    /// Things about the input worth telling that are not checks.
    pub notices: Vec<Notice>,
    /// How many lines of prose (narrative) with a figure in them the input holds: the page fetches
    /// the complete module when a module built without narrative checks sees some.
    pub narrative_lines: usize,
    /// Whether the report's words were checked against its numbers (false in a module built
    /// without narrative checks).
    pub narrative_checked: bool,
    /// Tables with several value columns set aside by a module built without grids (the page's
    /// first-load module): the page asks the complete module for them.
    #[serde(skip_serializing_if = "is_zero")]
    pub grids_pending: usize,
    /// The cells that most likely were mistyped, best first ([`crate::locate`]); absent when
    /// every check holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
    /// Set by a module built without localisation (the page's first-load module) when a check
    /// does not hold: the page asks the complete module for the suggestions.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub suggestions_pending: bool,
    /// Sentences of the narrative that state figures no rule judged (`kiemso check --all` lists
    /// them); not part of the JSON contract, and not in a build without the narrative checks
    /// (the page's first-load module).
    #[cfg(feature = "narrative")]
    #[serde(skip)]
    pub unjudged: Vec<Unjudged>,
}

/// A sentence of the narrative that states figures none of the rules judged: what they relate
/// could not be pinned down, so the checker leaves it to the reader rather than guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unjudged {
    /// The input line the sentence's first figure is on.
    pub line: usize,
    /// The sentence, shortened.
    pub quote: String,
    /// Why it was not judged, when one reason is plain («không rõ mẫu số»).
    pub reason: Option<&'static str>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Outcome {
    /// Assembles the outcome of `checks` on `report`.
    pub fn new(report: &Report, checks: Vec<Check>) -> Outcome {
        Outcome::from_report(report.clone(), checks)
    }

    /// [`Outcome::new`], taking the report: its text (indicators, units, notes…) moves into the
    /// rows of the outcome instead of being copied, which on a large table is a copy of every
    /// cell less.
    pub fn from_report(report: Report, checks: Vec<Check>) -> Outcome {
        let mut worst = std::collections::HashMap::<&str, Status>::with_capacity(checks.len());
        for c in &checks {
            if let Some(first) = c.cells.first() {
                let e = worst.entry(first.as_str()).or_insert(c.status);
                *e = (*e).max(c.status);
            }
        }
        // The heading is read where the catalogue is at hand (`check_report`).
        let about = crate::about::About::default();
        let forms = report
            .forms
            .into_iter()
            .map(|f| {
                let grid = f.grid.as_ref().map(GridView::of);
                let rows = f.grid.as_ref().map_or(f.rows.len(), |g| g.rows.len());
                let keys: Vec<&str> = f
                    .grid
                    .as_ref()
                    .map(|g| g.columns.iter().map(|c| c.key.as_str()).collect())
                    .unwrap_or_default();
                let table = f
                    .rows
                    .into_iter()
                    .map(|r| {
                        // `Form::cell_name`, with the form's rows moved out of it.
                        let cell = match r.column.and_then(|c| keys.get(c)) {
                            Some(key) => format!("{}/{}@{}", f.id, r.stt.label, key),
                            None => format!("{}/{}", f.id, r.stt.label),
                        };
                        RowView {
                            status: worst.get(cell.as_str()).copied(),
                            cell,
                            depth: r.stt.parts.len().max(1),
                            stt: r.stt.label,
                            indicator: r.indicator,
                            unit: r.unit,
                            value: r.raw,
                            note: r.note,
                            line: r.line,
                            column: r.column_label,
                            targets: Vec::new(),
                        }
                    })
                    .collect();
                FormView {
                    form: f.id,
                    title: f.title,
                    rows,
                    recognition: f.recognition,
                    line: f.line,
                    table,
                    grid,
                }
            })
            .collect();
        Outcome {
            version: CONTRACT_VERSION,
            about,
            forms,
            summary: Summary::of(&checks),
            checks,
            notices: report.notices,
            narrative_lines: report
                .narrative
                .iter()
                .filter(|l| l.text.bytes().any(|b| b.is_ascii_digit()))
                .count(),
            narrative_checked: cfg!(feature = "narrative"),
            suggestions: Vec::new(),
            suggestions_pending: false,
            #[cfg(feature = "narrative")]
            unjudged: Vec::new(),
            grids_pending: report.grids_pending,
        }
    }

    /// Whether any check failed (exit status 1 of the CLI).
    pub fn has_failures(&self) -> bool {
        self.summary.fail > 0
    }

    /// The outcome as the JSON document of the contract.
    pub fn to_json(&self) -> String {
        // Serializing fails only for maps with non-string keys or a failing custom `Serialize`;
        // the outcome has neither (strings, numbers, options, lists, derived impls), so this
        // cannot panic.
        serde_json::to_string_pretty(self).expect("the outcome is plain data")
    }
}
