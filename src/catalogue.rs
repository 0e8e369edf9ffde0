//! The catalogue: the forms, their rows and their rules, as data.
//!
//! The Ministry changes the forms; a new template must not need a new release. So the seven forms
//! of the CCHC report live in `catalogue/cchc.json`, embedded in the crate, and a user can load
//! another file of the same shape ([`Catalogue::from_json`]). Adding a form needs no Rust code.
//!
//! A rule names cells by STT. Inside a form, `"2.1"` is that form's row; `"B04/1.5"` names a row
//! of another form (cross-form rules).

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The catalogue built into Kiểm số: the seven forms of the quarterly CCHC report.
pub const BUILTIN_JSON: &str = include_str!("../catalogue/cchc.json");

/// A set of forms with their rows and rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// What this catalogue is (shown by `kiemso forms`).
    pub name: String,
    /// The forms.
    pub forms: Vec<FormSpec>,
    /// Rules that relate rows of different forms.
    #[serde(default)]
    pub cross: Vec<RuleSpec>,
    /// Wide forms: units or fields of work as rows, numbered measures as columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(not(feature = "grids"), serde(skip))]
    pub grids: Vec<GridSpec>,
    /// Without the `grids` feature (the first-load Wasm module, which sets every grid aside) the
    /// section is read past: its deserialiser cost 3 KB gzipped of that module.
    #[cfg(not(feature = "grids"))]
    #[serde(default, rename = "grids", skip_serializing)]
    pub grids_set_aside: Option<SetAside>,
    /// The words that name a report's unit and period ([`crate::about`]). A catalogue without
    /// them uses the built-in catalogue's.
    #[cfg(feature = "narrative")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// Without the narrative checks (the page's first-load module, which reads no heading) the
    /// section is read past, not parsed.
    #[cfg(not(feature = "narrative"))]
    #[serde(default, skip_serializing)]
    pub identity: Option<SetAside>,
    /// Many reports at once ([`crate::batch`]): how rows behave from one period to the next, how units add up to the province. A catalogue
    /// without it uses the built-in catalogue's.
    #[cfg(feature = "batch")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<BatchSpec>,
    /// Without the `batch` feature (the page's first-load Wasm module) the section is read
    /// past: its deserialiser alone cost 11 KB gzipped of that module.
    #[cfg(not(feature = "batch"))]
    #[serde(default, skip_serializing)]
    pub batch: Option<SetAside>,
    /// What the narrative's words mean in the catalogue's rows (`ConceptSpec`): when absent,
    /// the built-in concepts whose rows the catalogue has; `[]` for none.
    #[cfg(feature = "narrative")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concepts: Option<Vec<ConceptSpec>>,
    /// Without the narrative checks (the page's first-load module), a catalogue's concepts are
    /// read past, not parsed: their reader would cost the first load ~9 KB gzipped.
    #[cfg(not(feature = "narrative"))]
    #[serde(default, skip_serializing)]
    pub concepts: Option<SetAside>,
}

/// A catalogue section this build does not use, read past without being kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetAside;

impl<'de> Deserialize<'de> for SetAside {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SetAside, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| SetAside)
    }
}

/// How a report names its unit and period (`"identity"` in the catalogue): read from its
/// heading by [`crate::about`], for the letter, the print and the summary, and to tell many
/// reports apart ([`crate::batch`]).
///
/// Every word is compared in lower case; a field left out has no words. The built-in
/// catalogue's section is used only when a catalogue has none.
///
/// ```
/// let c = kiemso::catalogue::Catalogue::builtin();
/// let words = c.identity.as_ref().unwrap();
/// assert!(words.quarter_words.iter().any(|w| w == "quý"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Identity {
    /// What a reporting unit's name begins with («ubnd», «ủy ban nhân dân», «sở»).
    pub unit_prefixes: Vec<String>,
    /// The administrative levels after «UBND» («tỉnh», «huyện», «xã»): a name in a sentence
    /// («Ủy ban nhân dân tỉnh Khánh Hòa báo cáo …») is the prefix, a level and the capitalised
    /// words after it.
    pub unit_levels: Vec<String>,
    /// Long forms and their abbreviation («ủy ban nhân dân» → «UBND»), so that both name the
    /// same unit.
    pub unit_abbreviations: BTreeMap<String, String>,
    /// The word before a quarter («quý» in «Quý III/2024»).
    pub quarter_words: Vec<String>,
    /// The word before a month («tháng» in «tháng 10/2024»), for a monthly report.
    pub month_words: Vec<String>,
    /// Phrases naming the first half-year before its year («6 tháng đầu năm»).
    pub half_words: Vec<String>,
    /// Phrases naming the first nine months before its year («9 tháng đầu năm»).
    pub nine_month_words: Vec<String>,
    /// The word before a year («năm 2024»), for a yearly report.
    pub year_words: Vec<String>,
    /// A line that is exactly one of these starts a report («BÁO CÁO»): a second one after a
    /// report's tables starts the next report of a paste.
    pub report_headings: Vec<String>,
}

/// The words and rules for checking many reports together (`"batch"` in the catalogue): how
/// rows behave from one period to the next and how units add up to the province.
///
/// Every word is compared in lower case. A field left out takes its default (no words, ×5,
/// 2 decimals, `max`); the built-in catalogue's section is used only when a catalogue has none.
///
/// ```
/// let c = kiemso::catalogue::Catalogue::builtin();
/// let b = c.batch.as_ref().unwrap();
/// assert!(b.cumulative_words.iter().any(|w| w == "lũy kế"));
/// assert_eq!(b.jump_factor, "5");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BatchSpec {
    /// Words of an indicator (or of the heading over it) that make a row cumulative: it only
    /// grows within a year and starts again with the year («lũy kế», «từ đầu năm»).
    pub cumulative_words: Vec<String>,
    /// Words of an indicator that make a row a stock: a number standing at the date of the
    /// report, which changes only when something is set up, merged or removed.
    pub stock_words: Vec<String>,
    /// Units of count whose rows are stocks unless the indicator has one of `flow_words`
    /// («thủ tục», «đơn vị»).
    pub stock_units: Vec<String>,
    /// Words that make a row with a stock unit a flow after all («đã kiểm tra», «mới»).
    pub flow_words: Vec<String>,
    /// Rows whose nature the words would get wrong, by cell (`"B04/2.1": "stock"`).
    pub natures: BTreeMap<String, Nature>,
    /// A count that grows or shrinks more than this many times from one period to the next is
    /// a warning (printed the Vietnamese way).
    pub jump_factor: String,
    /// Counts below this (in both periods) are never a jump: 1 → 7 is not news.
    pub jump_minimum: String,
    /// Decimals a consolidated percentage is printed with.
    pub ratio_decimals: u32,
    /// How the units' codes («Có = 1; Không = 0») make the province's: by default `max`
    /// («Có» if any unit has it).
    pub codes: CodeRule,
    /// Rows whose codes are aggregated otherwise, by cell (`"B07/1": "min"`).
    pub code_rules: BTreeMap<String, CodeRule>,
}

impl Default for BatchSpec {
    fn default() -> BatchSpec {
        BatchSpec {
            cumulative_words: Vec::new(),
            stock_words: Vec::new(),
            stock_units: Vec::new(),
            flow_words: Vec::new(),
            natures: BTreeMap::new(),
            jump_factor: "5".into(),
            jump_minimum: "10".into(),
            ratio_decimals: 2,
            codes: CodeRule::Max,
            code_rules: BTreeMap::new(),
        }
    }
}

/// How a row behaves from one period to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Nature {
    /// What happened in the period (records handled this quarter): anything goes, but a jump
    /// past the catalogue's factor is a warning.
    Flow,
    /// What stands at the date of the report (agencies, procedures): a change wants a reason.
    Stock,
    /// Counted from the start of the year («lũy kế»): never lower within a year.
    Cumulative,
}

/// How the units' codes of a row make the consolidated code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeRule {
    /// The highest code (with «Không = 0; Có = 1»: «Có» if any unit has it).
    #[default]
    Max,
    /// The lowest code (the stage every unit has reached).
    Min,
    /// The code when every unit gives the same; otherwise none (reported).
    Same,
}

/// A wide form (Biểu II.06a): rows are units, levels or fields of work; columns are numbered
/// measures under a header tree. Its rules name columns by number (`"(3)"`) and hold on every
/// row; the rows are checked against the total row by the rules every grid gets.
///
/// ```
/// use kiemso::catalogue::Catalogue;
/// let json = r#"{"name": "x", "forms": [], "grids": [{"id": "M1", "title": "Hồ sơ",
///   "titles": ["mẫu m1"],
///   "columns": [{"number": 3, "label": "Tổng số", "kind": "count"},
///               {"number": 4, "label": "Trực tuyến", "kind": "count"},
///               {"number": 5, "label": "Trực tiếp", "kind": "count"}],
///   "rules": [{"kind": "sum", "total": "(3)", "parts": ["(4)", "(5)"]}]}]}"#;
/// assert_eq!(Catalogue::from_json(json).unwrap().grids[0].columns.len(), 3);
/// assert!(Catalogue::from_json(&json.replace("\"(5)\"]", "\"(9)\"]")).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridSpec {
    /// How its cells are named (`II.06a` → `II.06a/1@(3)`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Phrases that name the form in a table's title (lower case compared).
    #[serde(default)]
    pub titles: Vec<String>,
    /// Its value columns, left to right.
    pub columns: Vec<ColumnSpec>,
    /// Identities between columns, naming them `"(3)"`; each holds on every row.
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
}

/// A value column of a wide form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// Its number in the column-number row.
    pub number: u32,
    /// Its label, with its parents («Đã giải quyết — Đúng hạn»).
    pub label: String,
    /// Words its header holds, to recognise the form by its header (all must appear).
    #[serde(default)]
    pub header: Vec<String>,
    /// `count`, `percent` or `amount`.
    #[serde(default)]
    pub kind: String,
}

impl ColumnSpec {
    /// What the column's figures are.
    pub fn measure(&self) -> Option<crate::measure::Measure> {
        use crate::measure::Measure;
        match self.kind.as_str() {
            "count" => Some(Measure::Count),
            "percent" => Some(Measure::Percent),
            "amount" => Some(Measure::Amount),
            _ => None,
        }
    }
}

/// One form ("Biểu mẫu số NN").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSpec {
    /// The form's number, NN in "Biểu mẫu số NN".
    pub number: u32,
    /// Its title ("Cải cách thể chế").
    pub title: String,
    /// The rows of the template, in order.
    pub rows: Vec<RowSpec>,
    /// The rules between the rows.
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
}

/// One row of a form's template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    /// STT without its trailing dot (`3.3.2`).
    pub stt: String,
    /// The indicator ("Chỉ tiêu").
    pub indicator: String,
    /// The unit ("Đơn vị tính"): `%`, `Văn bản`, `Có = 1; Không = 0`…
    #[serde(default)]
    pub unit: String,
    /// Values the row is measured against (a national threshold): each gets a «còn thiếu …»
    /// ([`crate::target::shortfalls`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetSpec>,
}

/// A value a row should reach (or stay under), as data: a threshold of a national index, a
/// province's own target.
///
/// ```json
/// {"value": "50", "label": "Ngưỡng điểm tối đa, Chỉ số 766", "source": "Quyết định 766/QĐ-TTg"}
/// ```
///
/// `value` is printed the Vietnamese way (`99,80`); `direction` is `at_least` (the default: the
/// row should be at or above it) or `at_most`. Validated when the catalogue is read: the value a
/// number (within 0–100 on a row in %), the label not empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    /// The value, printed the Vietnamese way.
    pub value: String,
    /// What it is, in Vietnamese, as shown beside the row.
    pub label: String,
    /// Whether the row should reach it or stay under it.
    #[serde(default)]
    pub direction: Direction,
    /// Where it comes from (a decision, a plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Which side of a [`TargetSpec`] a row should be on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// At or above the value.
    #[default]
    AtLeast,
    /// At or below the value.
    AtMost,
}

/// How serious a broken rule is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The arithmetic is wrong.
    #[default]
    Fail,
    /// Suspicious, not necessarily wrong.
    Warn,
}

/// A rule as the catalogue writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleSpec {
    /// `result = numerator / denominator × 100` (a percentage).
    Ratio {
        /// The percentage row.
        result: String,
        /// The count that is a part.
        numerator: String,
        /// The count that is the whole.
        denominator: String,
    },
    /// `total = parts[0] + parts[1] + …`.
    Sum {
        /// The total row.
        total: String,
        /// The rows that add up to it.
        parts: Vec<String>,
    },
    /// `parts[0] + parts[1] + … ≤ whole`: the parts listed may be only some of the whole.
    AtMost {
        /// The rows that together cannot exceed the whole.
        parts: Vec<String>,
        /// The whole.
        whole: String,
        /// `fail` (default) or `warn`.
        #[serde(default)]
        severity: Severity,
        /// Why the rule holds, in Vietnamese, shown when it is broken.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        why: Option<String>,
    },
    /// The row holds one of these codes. The unit column, when it spells the codes
    /// ("Có = 1; Không = 0"), takes precedence.
    Codes {
        /// The coded row.
        cell: String,
        /// The allowed codes.
        codes: Vec<i64>,
    },
}

/// A catalogue that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError(pub String);

impl std::fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Danh mục biểu mẫu không hợp lệ: {}", self.0)
    }
}

impl std::error::Error for CatalogueError {}

impl Catalogue {
    /// The built-in catalogue of the seven CCHC forms.
    ///
    /// ```
    /// let c = kiemso::catalogue::Catalogue::builtin();
    /// assert_eq!(c.forms.len(), 7);
    /// ```
    pub fn builtin() -> Catalogue {
        // The embedded file is validated by the tests; failing here is a build defect.
        Catalogue::from_json(BUILTIN_JSON).expect("the built-in catalogue is valid")
    }

    /// Reads a catalogue from JSON and checks that every rule names a row that exists.
    ///
    /// ```
    /// use kiemso::catalogue::Catalogue;
    /// let json = r#"{"name": "Biểu riêng", "forms": [{"number": 8, "title": "Thử",
    ///   "rows": [{"stt": "1", "indicator": "Tổng số", "unit": "Hồ sơ"},
    ///            {"stt": "1.1", "indicator": "Trực tuyến", "unit": "Hồ sơ"}],
    ///   "rules": [{"kind": "at_most", "parts": ["1.1"], "whole": "1"}]}]}"#;
    /// assert_eq!(Catalogue::from_json(json).unwrap().forms[0].number, 8);
    /// assert!(Catalogue::from_json(&json.replace("\"1.1\"]", "\"9\"]")).is_err());
    /// ```
    pub fn from_json(json: &str) -> Result<Catalogue, CatalogueError> {
        let catalogue: Catalogue = serde_json::from_str(json)
            .map_err(|e| CatalogueError(format!("dòng {}, cột {}: {}", e.line(), e.column(), e)))?;
        catalogue.validate()?;
        Ok(catalogue)
    }

    /// The form with this number.
    pub fn form(&self, number: u32) -> Option<&FormSpec> {
        self.forms.iter().find(|f| f.number == number)
    }

    /// Checks that forms are declared once and every rule names a row that exists. Runs once,
    /// when the catalogue is read, in time linear in its size: the rows are indexed first, then
    /// each cell a rule names is looked up.
    fn validate(&self) -> Result<(), CatalogueError> {
        let mut rows: HashMap<u32, HashSet<&str>> = HashMap::with_capacity(self.forms.len());
        for form in &self.forms {
            if rows.contains_key(&form.number) {
                return Err(CatalogueError(format!(
                    "biểu mẫu số {:02} khai báo hai lần",
                    form.number
                )));
            }
            rows.insert(
                form.number,
                form.rows.iter().map(|r| r.stt.as_str()).collect(),
            );
        }
        let resolve = |form: Option<u32>, cell: &str| {
            let (number, stt) = split_cell_ref_borrowed(form, cell)
                .ok_or_else(|| CatalogueError(format!("ô «{cell}» không rõ thuộc biểu nào")))?;
            let stts = rows.get(&number).ok_or_else(|| {
                CatalogueError(format!("ô «{cell}»: không có biểu mẫu số {number:02}"))
            })?;
            if !stts.contains(stt) {
                return Err(CatalogueError(format!(
                    "ô «{cell}»: biểu mẫu số {number:02} không có dòng {stt}"
                )));
            }
            Ok(())
        };
        for form in &self.forms {
            for rule in &form.rules {
                for cell in rule.cells() {
                    resolve(Some(form.number), cell)?;
                }
            }
            for row in &form.rows {
                for t in &row.targets {
                    let at = format!("biểu mẫu số {:02}, dòng {}", form.number, row.stt);
                    let value = crate::number::Figure::parse(&t.value).map_err(|_| {
                        CatalogueError(format!(
                            "{at}: mục tiêu «{}» không phải là số viết kiểu Việt Nam",
                            t.value
                        ))
                    })?;
                    let percent =
                        crate::measure::Measure::of(&row.unit) == crate::measure::Measure::Percent;
                    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
                    if value.value.is_sign_negative() || (percent && value.value > hundred) {
                        return Err(CatalogueError(format!(
                            "{at}: mục tiêu {} nằm ngoài khoảng cho phép{}",
                            t.value,
                            if percent {
                                " (0–100%)"
                            } else {
                                " (không âm)"
                            }
                        )));
                    }
                    if t.label.trim().is_empty() {
                        return Err(CatalogueError(format!("{at}: mục tiêu cần có tên (label)")));
                    }
                }
            }
        }
        for rule in &self.cross {
            for cell in rule.cells() {
                resolve(None, cell)?;
            }
        }
        #[cfg(feature = "narrative")]
        if let Some(concepts) = &self.concepts {
            validate_concepts(concepts, &resolve)?;
        }
        let mut ids = std::collections::HashSet::new();
        for grid in &self.grids {
            if !ids.insert(grid.id.as_str()) {
                return Err(CatalogueError(format!(
                    "biểu «{}» khai báo hai lần",
                    grid.id
                )));
            }
            if grid.id.is_empty() || grid.id.contains(['/', '@']) {
                return Err(CatalogueError(format!(
                    "tên biểu «{}» phải khác rỗng và không chứa «/» hay «@»",
                    grid.id
                )));
            }
            let mut numbers = std::collections::HashSet::new();
            for c in &grid.columns {
                if !numbers.insert(c.number) {
                    return Err(CatalogueError(format!(
                        "biểu «{}»: cột ({}) khai báo hai lần",
                        grid.id, c.number
                    )));
                }
                if !matches!(c.kind.as_str(), "" | "count" | "percent" | "amount") {
                    return Err(CatalogueError(format!(
                        "biểu «{}», cột ({}): loại «{}» không hợp lệ (count, percent hoặc amount)",
                        grid.id, c.number, c.kind
                    )));
                }
            }
            for rule in &grid.rules {
                for cell in rule.cells() {
                    let n = column_ref(cell);
                    if !n.is_some_and(|n| numbers.contains(&n)) {
                        return Err(CatalogueError(format!(
                            "biểu «{}»: quy tắc nhắc tới cột «{cell}» không có trong biểu",
                            grid.id
                        )));
                    }
                }
            }
        }
        #[cfg(feature = "batch")]
        if let Some(batch) = &self.batch {
            for (what, value) in [
                ("jump_factor", &batch.jump_factor),
                ("jump_minimum", &batch.jump_minimum),
            ] {
                if crate::number::Figure::parse(value).is_err() {
                    return Err(CatalogueError(format!(
                        "batch.{what}: «{value}» không phải là số viết kiểu Việt Nam"
                    )));
                }
            }
        }
        Ok(())
    }
}

/// The column number a wide form's rule names: `"(3)"` → 3.
pub fn column_ref(cell: &str) -> Option<u32> {
    cell.trim()
        .strip_prefix('(')?
        .strip_suffix(')')?
        .trim()
        .parse()
        .ok()
}

/// Splits `"B04/1.5"` into `(4, "1.5")`; a bare `"1.5"` belongs to `form`.
pub fn split_cell_ref(form: Option<u32>, cell: &str) -> Option<(u32, String)> {
    split_cell_ref_borrowed(form, cell).map(|(n, stt)| (n, stt.to_string()))
}

/// [`split_cell_ref`] without a copy of the STT: rules resolve every catalogue cell of the
/// report's forms on each check.
pub(crate) fn split_cell_ref_borrowed(form: Option<u32>, cell: &str) -> Option<(u32, &str)> {
    match cell.split_once('/') {
        Some((f, stt)) => {
            let n: u32 = f.trim().trim_start_matches(['B', 'b']).parse().ok()?;
            Some((n, stt.trim().trim_end_matches('.')))
        }
        None => Some((form?, cell.trim().trim_end_matches('.'))),
    }
}

impl RuleSpec {
    /// Every cell the rule names.
    pub fn cells(&self) -> Vec<&str> {
        match self {
            RuleSpec::Ratio {
                result,
                numerator,
                denominator,
            } => vec![result, numerator, denominator],
            RuleSpec::Sum { total, parts } => std::iter::once(total)
                .chain(parts)
                .map(String::as_str)
                .collect(),
            RuleSpec::AtMost { parts, whole, .. } => parts
                .iter()
                .chain(std::iter::once(whole))
                .map(String::as_str)
                .collect(),
            RuleSpec::Codes { cell, .. } => vec![cell],
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The narrative's concepts (read by `crate::narrative`; documented in docs/narrative-knowledge.md).
// Only with the `narrative` feature: the first-load Wasm module reads past them ([`SetAside`]).

#[cfg(feature = "narrative")]
/// What a concept's figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConceptMeasure {
    /// A percentage (`95,5%`).
    Percent,
    /// A count (`120 hồ sơ`).
    Count,
    /// An amount of money (`1,2 tỷ đồng`).
    Money,
}

#[cfg(feature = "narrative")]
/// The level of government a figure is about, as the words around it name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// No level is named.
    None,
    /// `cấp tỉnh`, `sở, ngành`.
    Province,
    /// `cấp huyện`.
    District,
    /// `cấp xã`.
    Commune,
    /// The three levels together.
    All,
    /// The vertical agencies (`ngành dọc`): never a row of the forms.
    Vertical,
    /// Two levels: not pinned down.
    Mixed,
}

#[cfg(feature = "narrative")]
/// A percentage the tables hold as two sums of rows: the cells of the numerator and of the
/// denominator, each with the words their rows' indicators must contain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioSpec {
    /// The cells added up for the numerator (`B03/3.1.2`).
    pub num: Vec<String>,
    /// Words each numerator row's indicator must contain.
    #[serde(default)]
    pub num_row: Vec<String>,
    /// The cells added up for the denominator.
    pub den: Vec<String>,
    /// Words each denominator row's indicator must contain.
    #[serde(default)]
    pub den_row: Vec<String>,
}

#[cfg(feature = "narrative")]
/// A concept: a row (or a sum or ratio of rows) a narrative repeats, and how a sentence that
/// states it is recognised. A figure is compared with the table only when exactly one concept
/// fits it.
///
/// `cells` (or `ratio`) name the rows as `Bnn/STT`; `row` holds words each row's indicator must
/// contain (so that a template whose rows moved is never compared with the wrong row); `units`
/// the unit classes the figure may be counted in (`none`: a bare figure); `scope` the levels of
/// government it may be about (any when empty); `item`, `clause`, `sentence`, `paragraph` are
/// groups of phrases of which one of each must be found at that distance from the figure (its
/// own words, its clause, its sentence, its paragraph); `not_…` phrases that must not be.
/// Phrases are lower-case, as the text is read. A catalogue's concepts are validated when it is
/// read: cells it has, known units and scopes, phrases the narrative can find.
///
/// ```
/// use kiemso::catalogue::Catalogue;
/// let json = r#"{"name": "x", "forms": [{"number": 1, "title": "Chỉ đạo",
///   "rows": [{"stt": "1", "indicator": "Số văn bản chỉ đạo", "unit": "Văn bản"}]}],
///   "concepts": [{"about": "số văn bản chỉ đạo CCHC", "measure": "count",
///     "cells": ["B01/1"], "row": ["văn bản chỉ đạo"], "units": ["document"],
///     "item": [["văn bản chỉ đạo"]], "sentence": [["cchc", "cải cách hành chính"]]}]}"#;
/// let catalogue = Catalogue::from_json(json).unwrap();
/// assert_eq!(catalogue.concepts.unwrap()[0].cells, ["B01/1"]);
/// // A cell the catalogue does not have is refused, naming the concept.
/// let err = Catalogue::from_json(&json.replace("\"B01/1\"]", "\"B01/9\"]")).unwrap_err();
/// assert!(err.to_string().contains("số văn bản chỉ đạo CCHC"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptSpec {
    /// What the figure is, in Vietnamese, for the message.
    pub about: String,
    /// Percentage, count or money.
    pub measure: ConceptMeasure,
    /// The cells whose sum the text states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
    /// Words every row's indicator must contain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub row: Vec<String>,
    /// A percentage computed from sums of cells (instead of `cells`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<RatioSpec>,
    /// Unit classes the figure may be counted in (`document`, `dossier`…; `none`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// The figure is the `b` of `a/b`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub denominator: bool,
    /// The levels it may be about (any when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<Scope>,
    /// Groups of phrases, one of each to be found in the figure's own words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Vec<String>>,
    /// … in its clause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clause: Vec<Vec<String>>,
    /// … in its sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentence: Vec<Vec<String>>,
    /// … in its paragraph.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraph: Vec<Vec<String>>,
    /// Phrases that must not be in the figure's own words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_item: Vec<String>,
    /// … in its clause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_clause: Vec<String>,
    /// … in its sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_sentence: Vec<String>,
    /// … in its paragraph.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_paragraph: Vec<String>,
}

#[cfg(feature = "narrative")]
/// Whether a catalogue has the row a cell names (`validate`'s look-up).
type Resolve<'a> = dyn Fn(Option<u32>, &str) -> Result<(), CatalogueError> + 'a;

#[cfg(feature = "narrative")]
/// Checks a catalogue's concepts: each names its cells as `Bnn/STT` of rows the catalogue has
/// (through `resolve`), in `cells` or in `ratio`, not both.
fn validate_concepts(concepts: &[ConceptSpec], resolve: &Resolve) -> Result<(), CatalogueError> {
    for (k, c) in concepts.iter().enumerate() {
        let at = || format!("khái niệm số {} («{}»)", k + 1, c.about);
        let ratio = c.ratio.iter().flat_map(|r| r.num.iter().chain(&r.den));
        if c.cells.is_empty() == c.ratio.is_none() {
            return Err(CatalogueError(format!(
                "{}: cần đúng một trong hai: các ô (cells) hoặc tỷ lệ (ratio)",
                at()
            )));
        }
        if c.ratio
            .as_ref()
            .is_some_and(|r| r.num.is_empty() || r.den.is_empty())
        {
            return Err(CatalogueError(format!(
                "{}: tỷ lệ cần ô ở tử số và mẫu số",
                at()
            )));
        }
        for cell in c.cells.iter().chain(ratio) {
            let named = split_cell_ref_borrowed(None, cell)
                .is_some_and(|(n, stt)| cell == &format!("B{n:02}/{stt}"));
            if !named {
                return Err(CatalogueError(format!(
                    "{}: ô «{cell}» phải viết dạng B03/3.1.2",
                    at()
                )));
            }
            resolve(None, cell).map_err(|e| CatalogueError(format!("{}: {}", at(), e.0)))?;
        }
    }
    // The phrases are checked as the narrative's tokeniser reads them by
    // [`crate::read_catalogue`]: the catalogue does not depend on the narrative checker.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_is_complete() {
        let c = Catalogue::builtin();
        let numbers: Vec<u32> = c.forms.iter().map(|f| f.number).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6, 7]);
        let rows: usize = c.forms.iter().map(|f| f.rows.len()).sum();
        assert_eq!(rows, 146);
        assert!(!c.cross.is_empty());
    }

    #[test]
    fn bad_catalogues_say_why() {
        let e = Catalogue::from_json("{").unwrap_err();
        assert!(e.to_string().contains("dòng 1"), "{e}");
        let e = Catalogue::from_json(
            r#"{"name":"x","forms":[],"cross":[{"kind":"sum","total":"B01/1","parts":[]}]}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("biểu mẫu số 01"), "{e}");
    }

    #[test]
    fn targets_are_validated() {
        let with = |target: &str| {
            format!(
                r#"{{"name":"x","forms":[{{"number":9,"title":"Thử","rows":[
                  {{"stt":"1","indicator":"Tỷ lệ","unit":"%","targets":[{target}]}}]}}]}}"#
            )
        };
        let ok =
            Catalogue::from_json(&with(r#"{"value":"99,80","label":"Kế hoạch tỉnh"}"#)).unwrap();
        let t = &ok.forms[0].rows[0].targets[0];
        assert_eq!(
            (t.value.as_str(), t.direction),
            ("99,80", Direction::AtLeast)
        );
        for (bad, says) in [
            (r#"{"value":"99.8","label":"x"}"#, "không phải là số"),
            (r#"{"value":"120","label":"x"}"#, "0–100%"),
            (r#"{"value":"-1","label":"x"}"#, "ngoài khoảng"),
            (r#"{"value":"80","label":" "}"#, "cần có tên"),
            (r#"{"value":"80","label":"x","direction":"up"}"#, "at_least"),
        ] {
            let e = Catalogue::from_json(&with(bad)).unwrap_err().to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
        // The built-in catalogue declares only the thresholds its reference gives.
        let builtin = Catalogue::builtin();
        let declared: Vec<(u32, &str, &str)> = builtin
            .forms
            .iter()
            .flat_map(|f| {
                f.rows.iter().flat_map(move |r| {
                    r.targets
                        .iter()
                        .map(move |t| (f.number, r.stt.as_str(), t.value.as_str()))
                })
            })
            .collect();
        assert_eq!(declared, [(7, "6.4", "50")]);
    }

    #[test]
    fn cell_references() {
        assert_eq!(split_cell_ref(Some(3), "3.1."), Some((3, "3.1".into())));
        assert_eq!(split_cell_ref(Some(3), "B04/1.5"), Some((4, "1.5".into())));
        assert_eq!(split_cell_ref(None, "1.5"), None);
    }
}
