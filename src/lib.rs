//! # Kiểm số
//!
//! Checks the statistical forms of Vietnamese public-administration-reform (CCHC) reports: every
//! ratio recomputed, every total re-added, every code and range checked, exactly (decimal
//! arithmetic, rounding-aware) and explained in Vietnamese.
//!
//! The pipeline, one module a step:
//! [`read`] (text → [`read::Document`]) → [`report`] (forms, rows, typed values) →
//! [`rules`] (from the [`catalogue`], or inferred) → [`evaluate`] (checks) → [`locate`] (which
//! cell was most likely mistyped) → [`outcome`] (the JSON contract) and [`present`] (text for the
//! terminal).
//!
//! ```
//! let text = "Biểu mẫu số 01\n2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t31,15\n\
//!             2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t61\n\
//!             2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t19\n";
//! let outcome = kiemso::check_text(text, &kiemso::Options::default()).unwrap();
//! let ratio = outcome.checks.iter().find(|c| c.id.starts_with("ratio:")).unwrap();
//! assert_eq!(ratio.cells, ["B01/2", "B01/2.2", "B01/2.1"]);
//! assert_eq!(ratio.expected.as_deref(), Some("31,15"));
//! assert_eq!(outcome.summary.fail, 0);
//! ```

// Decimal `+ - * /` panic on overflow (a figure of 28 digits scaled to đồng, `1E+28` shown as a
// percentage): figures are scaled and combined with `checked_*`, and a value too large becomes
// a finding. clippy.toml limits this lint to decimals.
#![deny(clippy::arithmetic_side_effects)]

pub mod about;
#[cfg(feature = "batch")]
pub mod batch;
pub mod catalogue;
pub mod evaluate;
pub mod explain;
#[cfg(feature = "export")]
pub mod export;
pub mod interval;
pub mod locate;
pub mod measure;
#[cfg(feature = "narrative")]
pub mod narrative;
pub mod number;
pub mod outcome;
pub mod present;
pub mod read;
pub mod report;
pub mod rules;
pub mod target;
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use catalogue::Catalogue;
use outcome::Outcome;
use read::{Document, ReadError};
use report::Report;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The forms and rules to use; the built-in catalogue when `None`.
    pub catalogue: Option<Catalogue>,
    /// Values to put in cells before checking (`"B03/3.1.2" → "66.678"`): edits in the page.
    pub overrides: BTreeMap<String, String>,
    /// Leaves error localisation out (no `suggestions`): only to measure what localisation costs
    /// (`bench locate`, bench/browser.mjs). Off by default; the page never sets it.
    pub skip_locate: bool,
    /// The limits the readers keep: the page's by default; [`read::Limits::LARGE`] for a
    /// command line asked to check a table of a million rows.
    pub limits: read::Limits,
}

impl Options {
    fn catalogue(&self) -> &Catalogue {
        self.catalogue
            .as_ref()
            .unwrap_or_else(|| builtin_catalogue())
    }
}

/// The built-in catalogue, parsed once.
pub fn builtin_catalogue() -> &'static Catalogue {
    static BUILTIN: OnceLock<Catalogue> = OnceLock::new();
    BUILTIN.get_or_init(Catalogue::builtin)
}

/// Checks pasted or saved text: a whole report, or tables as TSV/CSV.
///
/// Fails only when the input is unusable (empty, binary, over a limit); anything else, however
/// odd, becomes findings.
pub fn check_text(text: &str, options: &Options) -> Result<Outcome, ReadError> {
    let doc = read::read_text_within(text, &options.limits)?;
    // The report consumes the document: none of it is left alive while the checks are made.
    Ok(check_report(build_report(doc, options), options))
}

/// Reads a catalogue (JSON) as the command line and the page do: [`Catalogue::from_json`] (the
/// forms, rows, rules, grids and the cells every section names), then, with the narrative checks,
/// the phrases of its concepts as the narrative's tokeniser reads them, so that a concept that
/// could never match is refused with its number and phrase.
///
/// ```
/// let json = kiemso::catalogue::BUILTIN_JSON;
/// assert!(kiemso::read_catalogue(json).is_ok());
/// assert!(kiemso::read_catalogue("{").is_err());
/// ```
pub fn read_catalogue(json: &str) -> Result<Catalogue, catalogue::CatalogueError> {
    let catalogue = Catalogue::from_json(json)?;
    #[cfg(feature = "narrative")]
    if let Some(concepts) = &catalogue.concepts {
        narrative::validate_concepts(concepts).map_err(catalogue::CatalogueError)?;
    }
    Ok(catalogue)
}

/// Checks a file as opened or dropped: a Word report (.docx), an Excel workbook (.xlsx), or text
/// (.txt, .csv, .tsv) in UTF-8, UTF-16 or Windows-1258. The kind is found from the bytes first,
/// the name's extension second ([`read::read_file`]).
///
/// Spreadsheet cells are checked as Excel displays them; a check about a cell whose display
/// rounds what it stores also says the stored value. Fails only when the file is unusable
/// (empty, truncated, not a report, over a limit), with the reason in Vietnamese.
///
/// ```
/// let bytes = "Biểu mẫu số 01\n2.\tTỷ lệ\t%\t31,15\n2.1.\tSố nhiệm vụ\tNhiệm vụ\t61\n\
///              2.2.\tĐã hoàn thành\tNhiệm vụ\t19\n".as_bytes();
/// let outcome = kiemso::check_file(bytes, "bieu-01.tsv", &kiemso::Options::default()).unwrap();
/// assert_eq!(outcome.summary.fail, 0);
/// let err = kiemso::check_file(b"PK\x03\x04 cut", "bao-cao.docx", &kiemso::Options::default());
/// assert!(err.unwrap_err().to_string().contains("bao-cao.docx"));
/// ```
pub fn check_file(bytes: &[u8], name: &str, options: &Options) -> Result<Outcome, ReadError> {
    Ok(check_read(
        read::read_file_within(bytes, name, &options.limits)?,
        options,
        false,
    )
    .0)
}

/// [`check_file`], with where each table cell of the outcome (by its name, `B03/3.1`) is in the
/// file: its sheet, row and column in a workbook, its `<w:tc>` in a Word document; and where each
/// paragraph of a Word document's narrative is (by line). What
/// [`export::annotate`] marks in a copy of the original; empty for text.
pub fn check_file_placed(
    bytes: &[u8],
    name: &str,
    options: &Options,
) -> Result<(Outcome, read::Format, read::Spots), ReadError> {
    let file = read::read_file_within(bytes, name, &options.limits)?;
    let format = file.format;
    let (outcome, spots) = check_read(file, options, true);
    Ok((outcome, format, spots))
}

/// Checks what a reader made of a file; with `spots`, also locates the report's cells in it.
fn check_read(
    mut file: read::FileContents,
    options: &Options,
    spots: bool,
) -> (Outcome, read::Spots) {
    // The report consumes the document; what the reader learned beyond it (places,
    // stored values, notes) stays in `file` to be attached below.
    let report = build_report(std::mem::take(&mut file.document), options);
    let mut placed = read::Spots::default();
    if spots {
        for form in &report.forms {
            for row in &form.rows {
                if let Some(spot) = row.source.and_then(|(line, k)| file.spot(line, k)) {
                    placed.cells.insert(form.cell_name(row), spot);
                }
            }
        }
        for place in &file.places {
            if matches!(place.origin, read::Origin::Paragraph { .. }) {
                if let Some(spot) = file.spot(place.line, 0) {
                    placed.lines.insert(place.line, spot);
                }
            }
        }
    }
    let read::FileContents {
        stored,
        notes,
        places,
        parts,
        ..
    } = file;
    // Where the cells are was wanted only for the spots.
    drop((places, parts));
    let mut outcome = check_report(report, options);
    attach_file_facts(&notes, &stored, &mut outcome);
    (outcome, placed)
}

/// Adds to an outcome what the file said beyond its text (the reader knows nothing of outcomes): its notes, and for each check about a
/// spreadsheet cell that shows a rounded value (or, for a check that did not pass, holds a
/// formula), what the cell stores.
pub(crate) fn attach_file_facts(
    notes: &[read::Note],
    stored: &[read::StoredValue],
    outcome: &mut Outcome,
) {
    for note in notes {
        outcome.notices.push(report::Notice {
            line: note.line,
            message: note.message.clone(),
        });
    }
    if stored.is_empty() {
        return;
    }
    // The line and value of each named cell, to find the spreadsheet cell a check is about.
    let rows: std::collections::HashMap<&str, (usize, &str)> = outcome
        .forms
        .iter()
        .flat_map(|f| &f.table)
        .map(|r| (r.cell.as_str(), (r.line, r.value.as_str())))
        .collect();
    let stored: std::collections::HashMap<(usize, &str), &read::StoredValue> = stored
        .iter()
        .map(|s| ((s.line, s.shown.as_str()), s))
        .collect();
    for check in &mut outcome.checks {
        let Some(cell) = check.cells.first() else {
            continue;
        };
        let Some(&(line, value)) = rows.get(cell.as_str()) else {
            continue;
        };
        let Some(s) = stored.get(&(line, value)) else {
            continue;
        };
        let passed = check.status == outcome::Status::Pass;
        if !s.rounded && (passed || s.formula.is_none()) {
            continue;
        }
        check.push_message(&format!(" {}", s.describe()));
    }
}

/// Checks a document produced by any reader; the report built from it consumes it.
pub fn check_document(doc: Document, options: &Options) -> Outcome {
    check_report(build_report(doc, options), options)
}

/// «Cần bao nhiêu để đạt …?» on pasted text: the smallest change of one figure that makes `cell`
/// (a ratio or a total) print `target`, carried through the rows that depend on it
/// ([`target::seek`]). The edits of `options` are applied first, so that a question can be asked
/// of a what-if.
pub fn target_text(
    text: &str,
    cell: &str,
    target: &str,
    change: Option<&str>,
    options: &Options,
) -> Result<target::Goal, target::TargetError> {
    let doc = read::read_text(text).map_err(|e| target::TargetError(e.to_string()))?;
    target_document(&doc, cell, target, change, options)
}

/// [`target_text`] for a file as opened (.docx, .xlsx, text in any encoding), read as
/// [`check_file`] reads it.
pub fn target_file(
    bytes: &[u8],
    name: &str,
    cell: &str,
    target: &str,
    change: Option<&str>,
    options: &Options,
) -> Result<target::Goal, target::TargetError> {
    let file = read::read_file(bytes, name).map_err(|e| target::TargetError(e.to_string()))?;
    target_document(&file.document, cell, target, change, options)
}

/// [`target_text`] for a document produced by any reader.
pub fn target_document(
    doc: &Document,
    cell: &str,
    target: &str,
    change: Option<&str>,
    options: &Options,
) -> Result<target::Goal, target::TargetError> {
    // The document is asked again below (which sentences a change carries to): a copy is built.
    let report = build_report(doc.clone(), options);
    let rules = rules::rules_for(&report, options.catalogue());
    #[cfg_attr(not(feature = "narrative"), allow(unused_mut))]
    let mut goal = target::seek(&report, &rules, cell, target, change)?;
    drop((report, rules));
    #[cfg(feature = "narrative")]
    if goal.reachable && !goal.changes.is_empty() {
        let lines = sentences_to_revise(doc, options, &goal.changes);
        if !lines.is_empty() {
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            goal.message.push_str(&format!(
                " Lời văn ở dòng {} nhắc các số này, cần sửa theo.",
                lines.join(", ")
            ));
        }
    }
    Ok(goal)
}

/// The lines of the narrative whose figures agree with the tables now and would not after
/// `changes`: the words a goal's changes carry to.
#[cfg(feature = "narrative")]
fn sentences_to_revise(
    doc: &Document,
    options: &Options,
    changes: &[target::Change],
) -> Vec<usize> {
    let troubled = |o: &Outcome| -> std::collections::HashSet<String> {
        o.checks
            .iter()
            .filter(|c| {
                c.kind == outcome::Kind::Narrative
                    && matches!(c.status, outcome::Status::Warn | outcome::Status::Fail)
            })
            .map(|c| c.id.clone())
            .collect()
    };
    let before = troubled(&check_document(doc.clone(), options));
    let mut edited = options.clone();
    edited
        .overrides
        .extend(changes.iter().map(|c| (c.cell.clone(), c.to.clone())));
    let after = check_document(doc.clone(), &edited);
    let mut lines: Vec<usize> = after
        .checks
        .iter()
        .filter(|c| {
            c.kind == outcome::Kind::Narrative
                && matches!(c.status, outcome::Status::Warn | outcome::Status::Fail)
                && !before.contains(&c.id)
        })
        .filter_map(|c| c.line)
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// The report of a document, with the edited cells put in; the document is consumed.
fn build_report(doc: Document, options: &Options) -> Report {
    let mut report = report::build(doc, options.catalogue());
    report.apply_overrides(&options.overrides);
    report
}

/// The rules of a report, evaluated, then the words against the numbers; the report's text
/// moves into the outcome.
fn check_report(mut report: Report, options: &Options) -> Outcome {
    let (rules, notices) = rules::rules_and_notices(&report, options.catalogue());
    report.notices.extend(notices);
    #[cfg_attr(not(feature = "narrative"), allow(unused_mut))]
    let mut checks = evaluate::evaluate(&report, &rules);
    // The catalogue's targets, with what each takes (left out of the first-load Wasm module).
    #[cfg(feature = "target")]
    let targets = target::shortfalls(&report, &rules, options.catalogue());
    #[cfg(not(feature = "target"))]
    let targets: Vec<target::Shortfall> = Vec::new();
    #[cfg_attr(not(feature = "narrative"), allow(unused_mut))]
    let mut claims: Vec<(usize, locate::Claim)> = Vec::new();
    // The words against the numbers, after the tables' own checks.
    #[cfg(feature = "narrative")]
    let (narrative_checks, unjudged) =
        narrative::checks_claims_and_unjudged(&report, options.catalogue());
    #[cfg(feature = "narrative")]
    for (check, claim) in narrative_checks {
        if let Some(claim) = claim {
            claims.push((checks.len(), claim));
        }
        checks.push(check);
    }
    // Which cells were most likely mistyped, from every check that does not hold (left out of
    // the first-load Wasm module, which says when there is something to localise).
    #[cfg(feature = "locate")]
    let located = if options.skip_locate {
        locate::Located::default()
    } else {
        locate::locate(&report, &rules, &checks, &claims)
    };
    #[cfg(not(feature = "locate"))]
    let located = locate::Located::pending(&checks, &claims);
    drop(rules);
    for (k, links) in located.links {
        checks[k].suggestions = links;
    }
    report.notices.extend(located.notices);
    // The heading is prose: read by the module that reads prose (the page's first-load module
    // leaves it out, which keeps Unicode's case tables out of the first load).
    #[cfg(feature = "narrative")]
    let about = about::read(
        report.narrative.iter().map(|l| l.text.as_str()),
        about::words(options.catalogue()),
    );
    let mut outcome = Outcome::from_report(report, checks);
    #[cfg(feature = "narrative")]
    {
        outcome.about = about;
    }
    outcome.suggestions = located.suggestions;
    outcome.suggestions_pending = located.pending;
    #[cfg(feature = "narrative")]
    {
        outcome.unjudged = unjudged;
    }
    for t in targets {
        let row = outcome
            .forms
            .iter_mut()
            .flat_map(|f| f.table.iter_mut())
            .find(|r| r.cell == t.cell);
        if let Some(row) = row {
            row.targets.push(t);
        }
    }
    outcome
}
