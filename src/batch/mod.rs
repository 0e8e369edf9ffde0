//! A quarter's inbox: many reports at once.
//!
//! The officials of a provincial Department of Home Affairs receive, every quarter, the reports
//! of some twenty departments and dozens of communes. This module takes any number of inputs
//! (files, the files of a .zip, pastes holding several reports), splits and identifies each
//! report by unit and period ([`crate::about`]), checks each on its own (its cells never share codes
//! with another's), and flags two reports claiming the same unit and period. On top of that:
//! this period against the last ([`period`]) and the units against the province
//! ([`consolidate`]). No input is dropped: one that cannot be read is listed with its reason.
//!
//! ```
//! use kiemso::batch::{check_inputs, Input};
//! let a = "UBND huyện A\nBÁO CÁO\nQuý III/2024\nBiểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t3\n";
//! let b = "UBND huyện B\nBÁO CÁO\nQuý III/2024\nBiểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t4\n";
//! let batch = check_inputs(
//!     vec![Input::text("dán", &format!("{a}{b}")), Input::bytes("hong.docx", b"PK\x03\x04".to_vec())],
//!     &kiemso::Options::default(),
//! );
//! assert_eq!(batch.reports.len(), 3);
//! assert_eq!(batch.reports[1].unit.as_deref(), Some("UBND huyện B"));
//! assert!(batch.reports[2].error.is_some());
//! ```

pub mod consolidate;
pub mod period;
pub mod present;
pub mod split;
#[cfg(feature = "xlsx-export")]
pub mod xlsx;

use crate::about::{self, Period, Unit};
use crate::catalogue::{BatchSpec, Catalogue, Nature};
use crate::outcome::{Outcome, Status};
use crate::read::{self, Document};
use crate::report::{Form, Report, Row};
use crate::Options;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One input: a file's bytes or pasted text, with where it came from.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file's name or path (its extension and its words are read), or a label of the paste.
    pub source: String,
    /// What it holds.
    pub content: Content,
    /// What the user said of it (in the page's inbox): its unit, its period, its what-if edits.
    pub given: Given,
}

/// What the user gave for one input: the unit and period typed over what was read, and the
/// what-if edits of that report alone (its cells share their codes with every other report's).
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// The unit, in place of the one read from the heading or the file's name.
    pub unit: Option<String>,
    /// The period («Quý II/2024», «6 tháng đầu năm 2025», «q2-2024»), read as in a file's name.
    pub period: Option<String>,
    /// Values to put in this report's cells before checking, over the options' own.
    pub overrides: BTreeMap<String, String>,
}

/// What an input holds.
#[derive(Debug, Clone)]
pub enum Content {
    /// A file as opened: .docx, .xlsx, text in any encoding, or a .zip of such files.
    Bytes(Vec<u8>),
    /// Text as pasted.
    Text(String),
    /// A file that could not be opened, with the reason in Vietnamese: listed, never dropped.
    Failed(String),
}

impl Input {
    /// A file's bytes.
    pub fn bytes(source: &str, bytes: Vec<u8>) -> Input {
        Input {
            source: source.to_string(),
            content: Content::Bytes(bytes),
            given: Given::default(),
        }
    }

    /// Pasted text.
    pub fn text(source: &str, text: &str) -> Input {
        Input {
            source: source.to_string(),
            content: Content::Text(text.to_string()),
            given: Given::default(),
        }
    }
}

/// Where a report's unit or period was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Found {
    /// From the report's heading.
    Heading,
    /// From the file's name.
    File,
    /// Typed by the user (the page's inbox).
    Given,
    /// Not found.
    None,
}

/// One report of the batch: its source, unit and period, and the single-report outcome; or why
/// it could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct BatchReport {
    /// The file (`thu-muc/so-tu-phap.docx`, `bao-cao.zip/xa-a.docx`) or paste, with `#2` for the
    /// second report of one input.
    pub source: String,
    /// The unit as written («UBND huyện Cam Lâm»).
    pub unit: Option<String>,
    /// The period as shown («Quý III/2024»).
    pub period: Option<String>,
    /// Where the unit was read.
    pub unit_from: Found,
    /// Where the period was read.
    pub period_from: Found,
    /// Why the input could not be read, in Vietnamese (then there is no outcome).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The single report's outcome, its fields at this level (the contract of one report).
    #[serde(flatten)]
    pub outcome: Option<Outcome>,
    /// The unit with its comparison key.
    #[serde(skip)]
    pub unit_id: Option<Unit>,
    /// The period, comparable: `{ year, months, label }` (`months`: the last month it covers),
    /// for ordering periods.
    #[serde(rename = "period_key", skip_serializing_if = "Option::is_none")]
    pub period_id: Option<Period>,
    /// The report as understood, for comparing periods and consolidating.
    #[serde(skip)]
    pub report: Option<Report>,
}

impl BatchReport {
    /// «UBND huyện A (Quý III/2024)», or the source when unnamed: how messages name a report.
    pub fn label(&self) -> String {
        let unit = self.unit.clone().unwrap_or_else(|| self.source.clone());
        match &self.period {
            Some(p) => format!("{unit} ({p})"),
            None => unit,
        }
    }

    /// The unit's name, else the source.
    pub fn unit_name(&self) -> &str {
        self.unit.as_deref().unwrap_or(&self.source)
    }

    /// The value cells of the report by name (`B03/3.1.1`), with their form and row.
    pub fn cells(&self) -> Vec<(String, &Form, &Row)> {
        self.report.as_ref().map(cells_of).unwrap_or_default()
    }
}

/// The cells of a report by name, in order.
pub(crate) fn cells_of(report: &Report) -> Vec<(String, &Form, &Row)> {
    report
        .forms
        .iter()
        .flat_map(|f| f.rows.iter().map(move |r| (f.cell_name(r), f, r)))
        .collect()
}

/// What kind of check a batch check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchKind {
    /// Between the reports of the batch (two claim the same unit and period).
    Batch,
    /// This period against the previous one.
    Period,
    /// The units against the province.
    Consolidation,
}

/// A unit's figure in a consolidated cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitValue {
    /// The unit.
    pub unit: String,
    /// Its figure, as printed.
    pub value: String,
}

/// A check across reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchCheck {
    /// Stable identifier: the kind, the cell, the reports.
    pub id: String,
    /// What kind.
    pub kind: BatchKind,
    /// How it came out.
    pub status: Status,
    /// The cell it is about, when one (`B03/3.1.1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The reports it is about (indices in `reports`).
    pub reports: Vec<usize>,
    /// How the row behaves between periods (period checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nature: Option<Nature>,
    /// The previous period's value (period checks), Vietnamese print.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// This period's value, or the province's (consolidation), Vietnamese print.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// What the units add up to (consolidation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consolidated: Option<String>,
    /// `current − consolidated` (consolidation), Vietnamese print.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<String>,
    /// The units whose figures make the cell (consolidation), those with a figure other than 0.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitValue>,
    /// The explanation, in Vietnamese.
    pub message: String,
}

/// Counts of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    /// Reports read (and checked).
    pub reports: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
    /// Checks that fail, in the reports and across them.
    pub fail: usize,
    /// Warnings, in the reports and across them.
    pub warn: usize,
    /// Checks that hold.
    pub pass: usize,
    /// Checks that could not be evaluated.
    pub na: usize,
}

/// Many reports and the checks across them: the JSON contract of `kiemso check|compare|
/// consolidate --json` (docs/batch.md).
#[derive(Debug, Clone, Serialize)]
pub struct Batch {
    /// Every report, in the order of the inputs, and every input that could not be read.
    pub reports: Vec<BatchReport>,
    /// The checks across reports.
    pub checks: Vec<BatchCheck>,
    /// Counts.
    pub summary: BatchSummary,
    /// The consolidated forms (`consolidate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consolidated: Option<consolidate::Consolidated>,
}

impl Batch {
    /// Assembles a batch and counts it.
    pub fn new(reports: Vec<BatchReport>, checks: Vec<BatchCheck>) -> Batch {
        let mut batch = Batch {
            reports,
            checks,
            summary: BatchSummary::default(),
            consolidated: None,
        };
        batch.count();
        batch
    }

    /// Counts the reports and checks again (after checks were added).
    pub fn count(&mut self) {
        let mut s = BatchSummary::default();
        for r in &self.reports {
            match &r.outcome {
                Some(o) => {
                    s.reports += 1;
                    s.fail += o.summary.fail;
                    s.warn += o.summary.warn;
                    s.pass += o.summary.pass;
                    s.na += o.summary.na;
                }
                None => s.unreadable += 1,
            }
        }
        for c in &self.checks {
            match c.status {
                Status::Pass => s.pass += 1,
                Status::Fail => s.fail += 1,
                Status::Warn => s.warn += 1,
                Status::Na => s.na += 1,
            }
        }
        self.summary = s;
    }

    /// Whether anything failed or could not be read (exit status 1 of the CLI).
    pub fn has_failures(&self) -> bool {
        self.summary.fail > 0 || self.summary.unreadable > 0
    }

    /// The batch as JSON.
    pub fn to_json(&self) -> String {
        // Strings, numbers, options and lists of derived impls: cannot fail.
        serde_json::to_string_pretty(self).expect("the batch is plain data")
    }
}

/// The catalogue's batch section, or the built-in one when the catalogue has none.
pub fn spec(catalogue: &Catalogue) -> &BatchSpec {
    catalogue.batch.as_ref().unwrap_or_else(|| {
        crate::builtin_catalogue()
            .batch
            .as_ref()
            .expect("the built-in catalogue has a batch section")
    })
}

/// Reads every input into its reports (several for a .zip or a paste of several reports), each
/// identified and checked; an input that cannot be read is a report with its `error`.
pub fn read_inputs(inputs: Vec<Input>, options: &Options) -> Vec<BatchReport> {
    let mut out = Vec::new();
    for input in inputs {
        read_input(input, options, &mut out, 0);
    }
    out
}

fn unreadable(source: String, why: String) -> BatchReport {
    BatchReport {
        source,
        unit: None,
        period: None,
        unit_from: Found::None,
        period_from: Found::None,
        error: Some(why),
        outcome: None,
        unit_id: None,
        period_id: None,
        report: None,
    }
}

fn read_input(input: Input, options: &Options, out: &mut Vec<BatchReport>, depth: usize) {
    let Input {
        source,
        content,
        given,
    } = input;
    // This report's own edits, over the options' (cloned only when there are some).
    let edited;
    let options = if given.overrides.is_empty() {
        options
    } else {
        let mut overrides = options.overrides.clone();
        overrides.extend(given.overrides.clone());
        edited = Options {
            overrides,
            ..options.clone()
        };
        &edited
    };
    let (document, file) = match content {
        Content::Failed(why) => return out.push(unreadable(source, why)),
        Content::Text(text) => match read::read_text(&text) {
            Ok(doc) => (doc, None),
            Err(e) => return out.push(unreadable(source, e.to_string())),
        },
        Content::Bytes(bytes) => {
            #[cfg(feature = "files")]
            if depth == 0 {
                match read::unzip(&bytes, &source) {
                    Ok(Some(files)) => {
                        if files.is_empty() {
                            let why = "tệp nén không chứa tệp nào".to_string();
                            return out.push(unreadable(source, why));
                        }
                        for (name, bytes) in files {
                            let mut inner = Input::bytes(&format!("{source}/{name}"), bytes);
                            inner.given = given.clone();
                            read_input(inner, options, out, depth + 1);
                        }
                        return;
                    }
                    Ok(None) => {}
                    Err(e) => return out.push(unreadable(source, e.to_string())),
                }
            }
            let _ = depth;
            match read::read_file(&bytes, &source) {
                Ok(mut file) => (std::mem::take(&mut file.document), Some(file)),
                Err(e) => return out.push(unreadable(source, e.to_string())),
            }
        }
    };
    let words = about::words(options.catalogue());
    let parts = split::split(document, words);
    let several = parts.len() > 1;
    for (k, doc) in parts.into_iter().enumerate() {
        let source = if several {
            format!("{source}#{}", k + 1)
        } else {
            source.clone()
        };
        out.push(check_one(doc, source, file.as_ref(), options, &given));
    }
}

/// Identifies and checks one report's document.
fn check_one(
    doc: Document,
    source: String,
    file: Option<&read::FileContents>,
    options: &Options,
    given: &Given,
) -> BatchReport {
    let report = crate::build_report(doc, options);
    let mut outcome = crate::check_report(report.clone(), options);
    if let Some(file) = file {
        crate::attach_file_facts(&file.notes, &file.stored, &mut outcome);
    }
    // What the user gave (the page's inbox), else what the heading says (read once, for the
    // single report's `about` too), else the file's name.
    let words = about::words(options.catalogue());
    let (name_unit, name_period) = about::from_file_name(&source, words);
    let given_unit = given
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let (unit, unit_from) = match (given_unit, outcome.about.unit.clone()) {
        (Some(u), _) => (Some(u.to_string()), Found::Given),
        (None, Some(u)) => (Some(u), Found::Heading),
        (None, None) => match name_unit {
            Some(u) => (Some(u), Found::File),
            None => (None, Found::None),
        },
    };
    let given_period = given
        .period
        .as_deref()
        .and_then(|p| about::parse_period(p, words));
    let (period, period_from) = match (given_period, outcome.about.when.clone()) {
        (Some(p), _) => (Some(p), Found::Given),
        (None, Some(p)) => (Some(p), Found::Heading),
        (None, None) => match name_period {
            Some(p) => (Some(p), Found::File),
            None => (None, Found::None),
        },
    };
    BatchReport {
        source,
        unit_id: unit.as_deref().map(|u| Unit::new(u, words)),
        unit,
        period: period.as_ref().map(|p| p.label.clone()),
        period_id: period,
        unit_from,
        period_from,
        error: None,
        outcome: Some(outcome),
        report: Some(report),
    }
}

/// Two or more reports claiming the same unit and period: a warning naming them.
pub fn duplicates(reports: &[BatchReport]) -> Vec<BatchCheck> {
    let mut groups: HashMap<(&str, &Period), Vec<usize>> = HashMap::new();
    for (k, r) in reports.iter().enumerate() {
        if let (Some(u), Some(p)) = (&r.unit_id, &r.period_id) {
            groups.entry((u.key.as_str(), p)).or_default().push(k);
        }
    }
    let mut groups: Vec<_> = groups.into_iter().filter(|(_, v)| v.len() > 1).collect();
    groups.sort_by_key(|(_, v)| v[0]);
    groups
        .into_iter()
        .map(|(_, ks)| {
            let first = &reports[ks[0]];
            let sources: Vec<String> = ks.iter().map(|&k| format!("«{}»", reports[k].source)).collect();
            BatchCheck {
                id: format!(
                    "duplicate:{}",
                    ks.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
                ),
                kind: BatchKind::Batch,
                status: Status::Warn,
                cell: None,
                reports: ks.clone(),
                nature: None,
                previous: None,
                current: None,
                consolidated: None,
                difference: None,
                units: Vec::new(),
                message: format!(
                    "{} báo cáo cùng của {}: {}. Hãy giữ một bản (bản gửi sau hay bản đã sửa), nếu không số liệu sẽ bị tính hai lần khi tổng hợp.",
                    ks.len(),
                    first.label(),
                    sources.join(", ")
                ),
            }
        })
        .collect()
}

/// Checks many inputs: every report on its own, and the reports that claim the same unit and
/// period flagged.
pub fn check_inputs(inputs: Vec<Input>, options: &Options) -> Batch {
    let reports = read_inputs(inputs, options);
    let checks = duplicates(&reports);
    Batch::new(reports, checks)
}

/// The reports of the previous period against those of the current one, matched by unit (one
/// report on each side is matched whatever its unit, with a warning when the units differ).
pub fn compare_inputs(previous: Vec<Input>, current: Vec<Input>, options: &Options) -> Batch {
    let previous = read_inputs(previous, options);
    let current = read_inputs(current, options);
    let offset = previous.len();
    let spec = spec(options.catalogue());
    let mut checks = Vec::new();
    let readable = |rs: &[BatchReport]| -> Vec<usize> {
        (0..rs.len()).filter(|&k| rs[k].report.is_some()).collect()
    };
    let (p_ok, c_ok) = (readable(&previous), readable(&current));
    let pairs: Vec<(usize, usize)> = if p_ok.len() == 1 && c_ok.len() == 1 {
        vec![(p_ok[0], c_ok[0])]
    } else {
        let mut pairs = Vec::new();
        for &c in &c_ok {
            let key = current[c].unit_id.as_ref().map(|u| &u.key);
            match p_ok
                .iter()
                .find(|&&p| key.is_some() && previous[p].unit_id.as_ref().map(|u| &u.key) == key)
            {
                Some(&p) => pairs.push((p, c)),
                None => checks.push(period::unmatched(&current[c], offset + c)),
            }
        }
        pairs
    };
    for (p, c) in pairs {
        checks.extend(period::compare(
            &previous[p],
            &current[c],
            (p, offset + c),
            spec,
            about::words(options.catalogue()),
        ));
    }
    let mut reports = previous;
    reports.extend(current);
    checks.extend(duplicates(&reports));
    Batch::new(reports, checks)
}

/// The units' reports consolidated into the province's forms, compared with the province's own
/// report when given (its index in the returned reports is the last).
pub fn consolidate_inputs(units: Vec<Input>, province: Option<Input>, options: &Options) -> Batch {
    let mut reports = read_inputs(units, options);
    let unit_count = reports.len();
    if let Some(p) = province {
        reports.extend(read_inputs(vec![p], options));
    }
    let spec = spec(options.catalogue());
    let units: Vec<usize> = (0..unit_count)
        .filter(|&k| reports[k].report.is_some())
        .collect();
    let province = (unit_count..reports.len()).find(|&k| reports[k].report.is_some());
    let (consolidated, checks) =
        consolidate::consolidate(&reports, &units, province, options.catalogue(), spec);
    let mut checks = checks;
    checks.extend(duplicates(&reports[..unit_count]));
    let mut batch = Batch::new(reports, checks);
    batch.consolidated = Some(consolidated);
    batch
}

/// The files under `paths` (a folder is read whole, in name order), each as an input; a path
/// that cannot be read is an input of its own whose reading fails with the reason.
pub fn inputs_from_paths(paths: &[std::path::PathBuf]) -> Vec<Input> {
    fn walk(path: &std::path::Path, out: &mut Vec<Input>, depth: usize) {
        let name = path.to_string_lossy().into_owned();
        if path.is_dir() {
            let mut entries: Vec<std::path::PathBuf> = match std::fs::read_dir(path) {
                Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(e) => return out.push(failed(&name, format!("không mở được thư mục: {e}"))),
            };
            entries.sort();
            for e in entries {
                let hidden = e
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if !hidden && depth < 8 {
                    walk(&e, out, depth + 1);
                }
            }
            return;
        }
        let limit = read::MAX_FILE_BYTES;
        if std::fs::metadata(path).is_ok_and(|m| m.len() > limit as u64) {
            let why = format!("tệp quá lớn (giới hạn {} MB)", limit / (1024 * 1024));
            return out.push(failed(&name, why));
        }
        out.push(match std::fs::read(path) {
            Ok(bytes) => Input::bytes(&name, bytes),
            Err(e) => failed(&name, format!("không mở được tệp: {e}")),
        });
    }
    fn failed(name: &str, why: String) -> Input {
        Input {
            source: name.to_string(),
            content: Content::Failed(why),
            given: Given::default(),
        }
    }
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out, 0);
    }
    out
}
