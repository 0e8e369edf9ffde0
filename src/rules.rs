//! The rules that apply to a report: the catalogue's rules for the forms it knows, rules inferred
//! from the STT hierarchy for tables it does not know, and the checks every row gets from its unit
//! (a percentage lies within 0–100, a count is whole and not negative, a code is one of its codes).

use crate::catalogue::{split_cell_ref_borrowed, Catalogue, RuleSpec, Severity};
use crate::report::{strip_prefix_folded, Form, Measure, Notice, Recognition, Report, Row, Value};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[cfg(feature = "grids")]
mod grid;

/// A reference from a rule to a row of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    /// The cell's name in the JSON contract (`B03/3.1`), made once per row and shared by every
    /// rule that names the row.
    pub name: std::sync::Arc<str>,
    /// Where the row is: (form index, row index) in [`Report::forms`]; `None` when the report
    /// lacks the row.
    pub at: Option<(usize, usize)>,
}

/// What a rule asserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleKind {
    /// `result = numerator / denominator × 100`.
    Ratio {
        /// The percentage.
        result: CellRef,
        /// The part.
        numerator: CellRef,
        /// The whole.
        denominator: CellRef,
    },
    /// `total = Σ parts`, where the parts may not cover the whole: a shortfall is a warning
    /// that says why (`why`), an excess is broken.
    Covers {
        /// The total.
        total: CellRef,
        /// The parts.
        parts: Vec<CellRef>,
        /// Why the parts may fall short, in Vietnamese.
        why: String,
    },
    /// `total = Σ parts`.
    Sum {
        /// The total.
        total: CellRef,
        /// The parts.
        parts: Vec<CellRef>,
    },
    /// `Σ parts ≤ whole`.
    AtMost {
        /// The parts.
        parts: Vec<CellRef>,
        /// The whole.
        whole: CellRef,
        /// Why, in Vietnamese.
        why: Option<String>,
    },
    /// The value is one of these codes (with their labels when the unit spells them).
    Codes {
        /// The coded cell.
        cell: CellRef,
        /// Allowed codes and labels.
        codes: Vec<(i64, Option<String>)>,
    },
    /// A percentage within 0–100.
    Percent {
        /// The percentage.
        cell: CellRef,
    },
    /// A count: whole and not negative.
    Count {
        /// The count.
        cell: CellRef,
    },
    /// An amount that cannot be negative.
    NonNegative {
        /// The amount.
        cell: CellRef,
    },
    /// A value cell that should hold a number but does not.
    Readable {
        /// The cell.
        cell: CellRef,
    },
}

/// A rule to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// What it asserts.
    pub kind: RuleKind,
    /// How serious a break is.
    pub severity: Severity,
    /// Inferred from the table's shape rather than read from the catalogue.
    pub inferred: bool,
}

impl Rule {
    fn new(kind: RuleKind) -> Rule {
        Rule {
            kind,
            severity: Severity::Fail,
            inferred: false,
        }
    }

    /// The cells the rule names, the one it is about first.
    pub fn cells(&self) -> Vec<&CellRef> {
        match &self.kind {
            RuleKind::Ratio {
                result,
                numerator,
                denominator,
            } => vec![result, numerator, denominator],
            RuleKind::Sum { total, parts } | RuleKind::Covers { total, parts, .. } => {
                std::iter::once(total).chain(parts).collect()
            }
            RuleKind::AtMost { parts, whole, .. } => {
                parts.iter().chain(std::iter::once(whole)).collect()
            }
            RuleKind::Codes { cell, .. }
            | RuleKind::Percent { cell }
            | RuleKind::Count { cell }
            | RuleKind::NonNegative { cell }
            | RuleKind::Readable { cell } => vec![cell],
        }
    }
}

/// Where each form and row of a report is, by form number and STT, made once per check: a
/// catalogue of 60,000 rules names 120,000 cells, each found here in constant time rather
/// than by a scan of the form's rows.
struct Rows<'r> {
    /// Form number → index of the first form `B{n:02}`.
    forms: HashMap<u32, usize>,
    /// For each form, STT → index of its first row (repeats are noticed by the report and left
    /// out of rules); made when a catalogue rule first names the form, not for the large tables
    /// whose rules are inferred by position.
    rows: Vec<std::cell::OnceCell<HashMap<&'r str, usize>>>,
    report: &'r Report,
}

impl<'r> Rows<'r> {
    fn new(report: &'r Report) -> Rows<'r> {
        let mut forms = HashMap::new();
        for (fi, f) in report.forms.iter().enumerate() {
            if let Some(n) = form_number(&f.id) {
                forms.entry(n).or_insert(fi);
            }
        }
        let rows = report
            .forms
            .iter()
            .map(|_| std::cell::OnceCell::new())
            .collect();
        Rows {
            forms,
            rows,
            report,
        }
    }

    /// STT → row index in form `fi`.
    fn of_form(&self, fi: usize) -> Option<&HashMap<&'r str, usize>> {
        let rows = &self.report.forms.get(fi)?.rows;
        Some(self.rows.get(fi)?.get_or_init(|| {
            let mut at = HashMap::with_capacity(rows.len());
            for (ri, r) in rows.iter().enumerate() {
                at.entry(r.stt.label.as_str()).or_insert(ri);
            }
            at
        }))
    }

    /// Where the row of form `n` with STT `stt` is, without naming it; in form `form_index`
    /// first when that is form `n`.
    fn locate(
        &self,
        report: &Report,
        form_index: Option<usize>,
        n: u32,
        stt: &str,
    ) -> Option<(usize, usize)> {
        let fi = match form_index {
            Some(fi) if report.forms.get(fi).and_then(|f| form_number(&f.id)) == Some(n) => fi,
            _ => *self.forms.get(&n)?,
        };
        Some((fi, *self.of_form(fi)?.get(stt)?))
    }
}

/// The number of a form id `B01`, `B123` (two digits or more, no leading zero beyond two):
/// `id == format!("B{n:02}")` read backwards.
fn form_number(id: &str) -> Option<u32> {
    let d = id.strip_prefix('B')?;
    let shaped = (d.len() == 2 || (d.len() > 2 && !d.starts_with('0')))
        && d.bytes().all(|b| b.is_ascii_digit());
    if shaped {
        d.parse().ok()
    } else {
        None
    }
}

/// Every rule that applies to `report`, form by form, rules of a row's own figure after the
/// relations between rows, and cross-form rules last.
pub fn rules_for(report: &Report, catalogue: &Catalogue) -> Vec<Rule> {
    rules_and_notices(report, catalogue).0
}

/// [`rules_for`], with notices about what the rules could not tie (a percentage column whose
/// base no column explains).
pub fn rules_and_notices(report: &Report, catalogue: &Catalogue) -> (Vec<Rule>, Vec<Notice>) {
    let mut rules = Vec::new();
    #[cfg_attr(not(feature = "grids"), allow(unused_mut))]
    let mut notices = Vec::new();
    let index = Rows::new(report);
    for (fi, form) in report.forms.iter().enumerate() {
        #[cfg(feature = "grids")]
        if let Some(g) = &form.grid {
            rules.extend(grid::rules(report, form, fi, g, catalogue, &mut notices));
            continue;
        }
        let spec = match (form.recognition, form.number) {
            (Recognition::Unknown, _) | (_, None) => None,
            (_, Some(n)) => catalogue.form(n),
        };
        let mut coded: HashSet<Arc<str>> = HashSet::new();
        // Each row's cell name, made once: every row has a rule of its own, and inferred rules
        // name each row up to three times.
        let names: Vec<Arc<str>> = form
            .rows
            .iter()
            .map(|r| Arc::from(form.cell_name(r)))
            .collect();
        match spec {
            Some(spec) => {
                for r in &spec.rules {
                    let resolve = |c: &str| resolve(report, &index, Some(fi), spec.number, c);
                    // A table pasted in part: rules about rows it does not hold at all are not
                    // its business; rules missing only some rows say which.
                    let absent = |c: &&str| {
                        let (n, stt) = split_cell_ref_borrowed(Some(spec.number), c)
                            .unwrap_or((spec.number, c));
                        index.locate(report, Some(fi), n, stt).is_none()
                    };
                    if r.cells().iter().all(absent) {
                        continue;
                    }
                    if let RuleSpec::Codes { cell, .. } = r {
                        coded.insert(resolve(cell).name);
                    }
                    rules.extend(from_spec(r, &resolve, report));
                }
            }
            None => {
                let all: Vec<usize> = (0..form.rows.len()).collect();
                rules.extend(infer(form, fi, &names, &all));
            }
        }
        // Of rows sharing an STT only the first is checked (the report notices the rest):
        // they would share a cell name, and so a check id.
        let mut seen = HashSet::with_capacity(form.rows.len());
        for (ri, row) in form.rows.iter().enumerate() {
            if !seen.insert(row.stt.label.as_str()) {
                continue;
            }
            let cell = CellRef {
                name: names[ri].clone(),
                at: Some((fi, ri)),
            };
            rules.extend(own_rule(row, cell, &coded));
        }
    }
    for r in &catalogue.cross {
        let cells = r.cells();
        // A cross-form rule applies only when every form it names was pasted.
        let all_present = cells.iter().all(|c| {
            split_cell_ref_borrowed(None, c).is_some_and(|(n, _)| index.forms.contains_key(&n))
        });
        if all_present {
            let resolve = |c: &str| resolve(report, &index, None, 0, c);
            rules.extend(from_spec(r, &resolve, report));
        }
    }
    (rules, notices)
}

/// Finds the row a catalogue reference names.
fn resolve(
    report: &Report,
    index: &Rows<'_>,
    form_index: Option<usize>,
    number: u32,
    cell: &str,
) -> CellRef {
    let (n, stt) = split_cell_ref_borrowed(Some(number), cell).unwrap_or((number, cell));
    CellRef {
        name: Arc::from(format!("B{n:02}/{stt}")),
        at: index.locate(report, form_index, n, stt),
    }
}

fn from_spec(spec: &RuleSpec, resolve: &dyn Fn(&str) -> CellRef, report: &Report) -> Vec<Rule> {
    match spec {
        RuleSpec::Ratio {
            result,
            numerator,
            denominator,
        } => {
            let (result, numerator, denominator) =
                (resolve(result), resolve(numerator), resolve(denominator));
            vec![
                Rule::new(RuleKind::Ratio {
                    result,
                    numerator: numerator.clone(),
                    denominator: denominator.clone(),
                }),
                Rule::new(RuleKind::AtMost {
                    parts: vec![numerator],
                    whole: denominator,
                    why: Some("phần không thể lớn hơn tổng của một tỷ lệ".into()),
                }),
            ]
        }
        RuleSpec::Sum { total, parts } => vec![Rule::new(RuleKind::Sum {
            total: resolve(total),
            parts: parts.iter().map(|p| resolve(p)).collect(),
        })],
        RuleSpec::AtMost {
            parts,
            whole,
            severity,
            why,
        } => vec![Rule {
            kind: RuleKind::AtMost {
                parts: parts.iter().map(|p| resolve(p)).collect(),
                whole: resolve(whole),
                why: why.clone(),
            },
            severity: *severity,
            inferred: false,
        }],
        RuleSpec::Codes { cell, codes } => {
            let cell = resolve(cell);
            // The unit column, when it spells the codes, is what the official saw.
            let spelled = cell
                .at
                .and_then(|(fi, ri)| report.forms.get(fi)?.rows.get(ri))
                .and_then(|row| match row.measure() {
                    Measure::Code(c) => Some(c),
                    _ => None,
                });
            let codes = match spelled {
                Some(c) => c.into_iter().map(|(k, l)| (k, Some(l))).collect(),
                None => codes.iter().map(|k| (*k, None)).collect(),
            };
            vec![Rule::new(RuleKind::Codes { cell, codes })]
        }
    }
}

/// The check a row gets from its own unit and value.
pub(crate) fn own_rule(row: &Row, cell: CellRef, coded: &HashSet<Arc<str>>) -> Option<Rule> {
    let kind = match (&row.value, row.measure()) {
        (Value::Empty, _) => return None,
        (Value::Text(_) | Value::Malformed(_), _) => RuleKind::Readable { cell },
        (Value::Number(_), Measure::Percent) => RuleKind::Percent { cell },
        (Value::Number(_), Measure::Count) => RuleKind::Count { cell },
        (Value::Number(_), Measure::Amount) => RuleKind::NonNegative { cell },
        (Value::Number(_), Measure::Code(codes)) => {
            if coded.contains(&cell.name) {
                return None;
            }
            RuleKind::Codes {
                cell,
                codes: codes.into_iter().map(|(k, l)| (k, Some(l))).collect(),
            }
        }
        (Value::Number(_), Measure::Unknown) => return None,
    };
    let severity = match &row.value {
        Value::Text(_) => Severity::Warn,
        _ => Severity::Fail,
    };
    Some(Rule {
        kind,
        severity,
        inferred: false,
    })
}

fn starts_with_words(indicator: &str, prefixes: &[&str]) -> bool {
    // Compared as the indicator is lower-cased, without lower-casing all of it.
    let i = indicator.trim();
    prefixes.iter().any(|p| strip_prefix_folded(i, p).is_some())
}

fn same_unit(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    // Children nearly always print their parent's unit exactly: no need to lower-case it then.
    !a.is_empty() && (a == b || a.to_lowercase() == b.to_lowercase())
}

/// Rules read off a table the catalogue does not know: a "Tỷ lệ …" row in % whose two children
/// are counts is child 2 ÷ child 1; a "Tổng số …" row whose children share its unit is their sum.
/// They are reported as warnings, since the table's intent is a guess.
///
/// `indices` are the rows to read, in order: every row of a form, or one column of a grid.
fn infer(form: &Form, fi: usize, names: &[Arc<str>], indices: &[usize]) -> Vec<Rule> {
    let mut rules = Vec::new();
    // Called only with indices from enumerating `form.rows`, so in bounds (`names` has a name
    // for each row).
    let cell = |ri: usize| CellRef {
        name: names[ri].clone(),
        at: Some((fi, ri)),
    };
    let inferred = |kind| Rule {
        kind,
        severity: Severity::Warn,
        inferred: true,
    };
    // Children by parent STT, in one pass: a scan per row would be quadratic on large tables.
    let mut children_of: std::collections::HashMap<&[u32], Vec<usize>> =
        std::collections::HashMap::new();
    // Rows repeating an earlier STT are left out, as parents and as children: rules use the
    // first row of an STT (the report notices the repeats).
    let mut seen = std::collections::HashSet::with_capacity(indices.len());
    let firsts: Vec<usize> = indices
        .iter()
        .copied()
        .filter(|&k| {
            form.rows
                .get(k)
                .is_some_and(|r| seen.insert(r.stt.label.as_str()))
        })
        .collect();
    for &k in &firsts {
        let row = &form.rows[k];
        if let Some((_, parent)) = row.stt.parts.split_last() {
            if !parent.is_empty() {
                children_of.entry(parent).or_default().push(k);
            }
        }
    }
    for &ri in &firsts {
        let row = &form.rows[ri];
        let Some(children) = children_of.get(row.stt.parts.as_slice()) else {
            continue;
        };
        let measure = row.measure();
        if measure == Measure::Percent
            && starts_with_words(&row.indicator, &["tỷ lệ", "tỉ lệ"])
            // Exactly two children: `children[0]` and `children[1]` below exist.
            && children.len() == 2
            && children
                .iter()
                .all(|k| form.rows[*k].measure() == Measure::Count)
        {
            rules.push(inferred(RuleKind::Ratio {
                result: cell(ri),
                numerator: cell(children[1]),
                denominator: cell(children[0]),
            }));
            rules.push(inferred(RuleKind::AtMost {
                parts: vec![cell(children[1])],
                whole: cell(children[0]),
                why: Some("phần không thể lớn hơn tổng của một tỷ lệ".into()),
            }));
        } else if starts_with_words(&row.indicator, &["tổng số", "tổng cộng", "tổng"])
            && children.len() >= 2
            && children
                .iter()
                .all(|k| same_unit(&form.rows[*k].unit, &row.unit))
            && measure != Measure::Percent
        {
            rules.push(inferred(RuleKind::Sum {
                total: cell(ri),
                parts: children.iter().map(|k| cell(*k)).collect(),
            }));
        }
    }
    rules
}
