//! Rules along both axes of a grid (a table with several value columns).
//!
//! Down the columns: the total row is the sum of the rows it covers, a group row the sum of its
//! rows; in a table whose rows are indicators with units («quý trước | quý này»), the rules a
//! vertical form gets, column by column. Across the rows: a «Tổng số» column is the sum of the
//! columns beside it under the same header; a formula printed in the column-number row holds;
//! a percentage column is its count over its base (the base named by the header or the catalogue,
//! else the one the table's own rows agree on, since the base is not always "received"). Rules
//! read off the shape report `warn`; printed formulas and the catalogue's identities `fail`.

use super::{own_rule, CellRef, Rule, RuleKind};
use crate::catalogue::{column_ref, Catalogue, RuleSpec, Severity};
use crate::interval::Interval;
use crate::report::grid::{FormulaKind, Grid, RowRole};
use crate::report::{Form, Measure, Notice, Report, Value};
use std::sync::Arc;

/// How many rows tell which columns a percentage is computed from.
const SAMPLE_ROWS: usize = 60;

/// Words a «Tổng» column's own label is.
const TOTAL_LABELS: &[&str] = &["tổng số", "tổng", "tổng cộng", "cộng", "số lượng"];

fn lower(s: &str) -> String {
    s.trim().to_lowercase()
}

/// A rule read off the shape (`warn`) or declared by the table or the catalogue (`fail`).
#[inline(never)]
fn shaped(kind: RuleKind, inferred: bool) -> Rule {
    Rule {
        kind,
        severity: if inferred {
            Severity::Warn
        } else {
            Severity::Fail
        },
        inferred,
    }
}

/// The cells of a grid as rules name and read them. Not inlined: every rule names cells, and
/// copies of these at each call made the first-load Wasm module much larger.
struct Cells<'a> {
    form: &'a Form,
    grid: &'a Grid,
    fi: usize,
    names: Vec<Arc<str>>,
}

impl Cells<'_> {
    #[inline(never)]
    fn at(&self, r: usize, c: usize) -> CellRef {
        let k = self.grid.index(r, c);
        CellRef {
            name: self.names[k].clone(),
            at: Some((self.fi, k)),
        }
    }

    #[inline(never)]
    fn has(&self, r: usize, c: usize) -> bool {
        self.form
            .rows
            .get(self.grid.index(r, c))
            .is_some_and(|row| !matches!(row.value, Value::Empty))
    }

    #[inline(never)]
    fn number(&self, r: usize, c: usize) -> Option<Interval> {
        let row = self.form.rows.get(self.grid.index(r, c))?;
        let f = row.value.figure()?;
        Some(if f.decimals == 0 && row.measure() != Measure::Percent {
            Interval::exact(f.value)
        } else {
            Interval::rounded(f.value, f.decimals)
        })
    }
}

/// Every rule of a grid form, and notices about what could not be tied.
pub(super) fn rules(
    report: &Report,
    form: &Form,
    fi: usize,
    grid: &Grid,
    catalogue: &Catalogue,
    notices: &mut Vec<Notice>,
) -> Vec<Rule> {
    let mut out = Vec::new();
    let cells = Cells {
        form,
        grid,
        fi,
        names: form
            .rows
            .iter()
            .map(|r| Arc::from(form.cell_name(r)))
            .collect(),
    };
    let names = &cells.names;
    let at = |r: usize, c: usize| cells.at(r, c);
    let has = |r: usize, c: usize| cells.has(r, c);
    let number = |r: usize, c: usize| cells.number(r, c);
    let spec = grid
        .spec
        .as_ref()
        .and_then(|id| catalogue.grids.iter().find(|g| &g.id == id));
    let rule = shaped;
    let rows = grid.rows.len();
    let cols = grid.columns.len();

    // Across: the catalogue's identities, then formulas printed in the column-number row.
    let mut defined: Vec<usize> = Vec::new();
    if let Some(spec) = spec {
        for r in &spec.rules {
            let col = |c: &str| column_ref(c).and_then(|n| grid.column_numbered(n));
            for row in 0..rows {
                let kind = match r {
                    RuleSpec::Sum { total, parts } => {
                        let (Some(t), Some(ps)) = (
                            col(total),
                            parts.iter().map(|p| col(p)).collect::<Option<Vec<_>>>(),
                        ) else {
                            continue;
                        };
                        if !has(row, t) && ps.iter().all(|&p| !has(row, p)) {
                            continue;
                        }
                        RuleKind::Sum {
                            total: at(row, t),
                            parts: ps.iter().map(|&p| at(row, p)).collect(),
                        }
                    }
                    RuleSpec::AtMost {
                        parts, whole, why, ..
                    } => {
                        let (Some(w), Some(ps)) = (
                            col(whole),
                            parts.iter().map(|p| col(p)).collect::<Option<Vec<_>>>(),
                        ) else {
                            continue;
                        };
                        if !has(row, w) {
                            continue;
                        }
                        RuleKind::AtMost {
                            parts: ps.iter().map(|&p| at(row, p)).collect(),
                            whole: at(row, w),
                            why: why.clone(),
                        }
                    }
                    RuleSpec::Ratio {
                        result,
                        numerator,
                        denominator,
                    } => {
                        let (Some(p), Some(n), Some(d)) =
                            (col(result), col(numerator), col(denominator))
                        else {
                            continue;
                        };
                        if !has(row, p) {
                            continue;
                        }
                        RuleKind::Ratio {
                            result: at(row, p),
                            numerator: at(row, n),
                            denominator: at(row, d),
                        }
                    }
                    RuleSpec::Codes { .. } => continue,
                };
                let severity = match r {
                    RuleSpec::AtMost { severity, .. } => *severity,
                    _ => Severity::Fail,
                };
                out.push(Rule {
                    kind,
                    severity,
                    inferred: false,
                });
            }
            if let RuleSpec::Ratio { result, .. } = r {
                defined.extend(col(result));
            }
        }
    }
    for f in &grid.formulas {
        let Some(res) = grid.column_numbered(f.result) else {
            continue;
        };
        match &f.kind {
            FormulaKind::Sum { plus, minus } => {
                let Some(plus) = plus
                    .iter()
                    .map(|n| grid.column_numbered(*n))
                    .collect::<Option<Vec<_>>>()
                else {
                    continue;
                };
                let Some(minus) = minus
                    .iter()
                    .map(|n| grid.column_numbered(*n))
                    .collect::<Option<Vec<_>>>()
                else {
                    continue;
                };
                // `(11) = (3) − (7)` is checked as `(3) = (7) + (11)`: a sum of printed figures.
                let (total, parts): (usize, Vec<usize>) = if minus.is_empty() {
                    (res, plus)
                } else if plus.len() == 1 {
                    (plus[0], std::iter::once(res).chain(minus).collect())
                } else {
                    continue;
                };
                for row in 0..rows {
                    if !has(row, total) && parts.iter().all(|&p| !has(row, p)) {
                        continue;
                    }
                    out.push(rule(
                        RuleKind::Sum {
                            total: at(row, total),
                            parts: parts.iter().map(|&p| at(row, p)).collect(),
                        },
                        false,
                    ));
                }
            }
            FormulaKind::Ratio {
                numerator,
                denominator,
            } => {
                let (Some(n), Some(d)) = (
                    grid.column_numbered(*numerator),
                    grid.column_numbered(*denominator),
                ) else {
                    continue;
                };
                defined.push(res);
                for row in (0..rows).filter(|&row| has(row, res)) {
                    out.push(rule(
                        RuleKind::Ratio {
                            result: at(row, res),
                            numerator: at(row, n),
                            denominator: at(row, d),
                        },
                        false,
                    ));
                }
            }
        }
    }
    // A vertical form of the catalogue printed with several value columns: its rules in each.
    if let Some(form_spec) = form.number.and_then(|n| catalogue.form(n)) {
        let row_of = |stt: &str| {
            let stt = stt.trim_end_matches('.');
            grid.rows.iter().position(|r| r.key == stt)
        };
        for c in 0..cols {
            for r in &form_spec.rules {
                // Rules about rows the table lacks, or about another form, are not this column's.
                let rows: Option<Vec<usize>> = r
                    .cells()
                    .iter()
                    .map(|stt| (!stt.contains('/')).then(|| row_of(stt)).flatten())
                    .collect();
                if rows.is_none() {
                    continue;
                }
                let resolve = |stt: &str| match row_of(stt) {
                    Some(row) => at(row, c),
                    None => CellRef {
                        name: Arc::from(stt),
                        at: None,
                    },
                };
                out.extend(super::from_spec(r, &resolve, report));
            }
        }
    }
    let declared = spec.is_some_and(|s| !s.rules.is_empty()) || !grid.formulas.is_empty();

    // Across, read off the header: a «Tổng số» column and the columns beside it.
    if !declared {
        for (total, parts, exhaustive) in header_sums(grid) {
            for row in 0..rows {
                if !has(row, total) {
                    continue;
                }
                let parts_here: Vec<usize> =
                    parts.iter().copied().filter(|&p| has(row, p)).collect();
                if parts_here.is_empty() {
                    continue;
                }
                let kind = if exhaustive && parts_here.len() >= 2 {
                    RuleKind::Covers {
                        total: at(row, total),
                        parts: parts_here.iter().map(|&p| at(row, p)).collect(),
                        why: "có thể phần còn lại (hồ sơ trả lại, xin rút…) không có cột riêng"
                            .into(),
                    }
                } else {
                    RuleKind::AtMost {
                        parts: parts_here.iter().map(|&p| at(row, p)).collect(),
                        whole: at(row, total),
                        why: Some("các cột «trong đó» không thể lớn hơn cột tổng".into()),
                    }
                };
                out.push(rule(kind, true));
            }
        }
    }

    // Percentage columns against their count and base.
    for p in 0..cols {
        if grid.columns[p].measure != Measure::Percent || defined.contains(&p) {
            continue;
        }
        match base_of(grid, p, &number) {
            Some((n, d)) => {
                for row in (0..rows).filter(|&row| has(row, p)) {
                    out.push(rule(
                        RuleKind::Ratio {
                            result: at(row, p),
                            numerator: at(row, n),
                            denominator: at(row, d),
                        },
                        true,
                    ));
                }
            }
            None => {
                if (0..rows).any(|r| has(r, p)) {
                    notices.push(Notice {
                        line: grid.rows.first().map(|r| r.line),
                        message: format!(
                            "Bảng {}: không xác định được tỷ lệ ở cột «{}» tính trên những cột \
                             nào, nên chỉ kiểm tra tỷ lệ nằm trong khoảng 0–100.",
                            form.id,
                            grid.columns[p].full_label()
                        ),
                    });
                }
            }
        }
    }

    // Down: rows that add up.
    if grid.rows.iter().any(|r| !r.unit.is_empty()) {
        // Rows are indicators with units: the rules of a vertical form, column by column.
        for c in 0..cols {
            let indices: Vec<usize> = (0..rows).map(|r| grid.index(r, c)).collect();
            out.extend(super::infer(form, fi, names, &indices));
        }
    } else {
        let (sums, heads) = row_sums(grid);
        for c in 0..cols {
            if matches!(grid.columns[c].measure, Measure::Percent) {
                continue;
            }
            for (total, parts) in &sums {
                if !has(*total, c) {
                    continue;
                }
                // A heading without a figure here stands for its rows (one level down).
                let mut here = Vec::new();
                for &r in parts {
                    if has(r, c) {
                        here.push(r);
                    } else if let Some(children) = heads.get(&r) {
                        here.extend(children.iter().copied().filter(|&x| has(x, c)));
                    }
                }
                if here.is_empty() {
                    continue;
                }
                out.push(rule(
                    RuleKind::Sum {
                        total: at(*total, c),
                        parts: here.iter().map(|&r| at(r, c)).collect(),
                    },
                    true,
                ));
            }
        }
    }

    // A printed formula that repeats the catalogue's identity is one check, not two.
    let mut seen = std::collections::HashSet::new();
    out.retain(|r| {
        let key: Vec<&str> = r.cells().iter().map(|c| &*c.name).collect();
        seen.insert((std::mem::discriminant(&r.kind), key.join("\u{0}")))
    });

    // Each cell's own figure: a percentage within 0–100, a count whole and not negative.
    for (k, row) in form.rows.iter().enumerate() {
        out.extend(own_rule(
            row,
            CellRef {
                name: names[k].clone(),
                at: Some((fi, k)),
            },
            &std::collections::HashSet::new(),
        ));
    }
    out
}

/// The columns a «Tổng số» column sums, from the header tree: (total, parts, whether the parts
/// are meant to cover the total). Under one parent, a total column («Tổng số», «Tổng», «Cộng»)
/// and its siblings: leaf count columns, a sub-group's own total, the count of a count-and-%
/// pair, the columns under «Trong đó».
#[inline(never)]
fn header_sums(grid: &Grid) -> Vec<(usize, Vec<usize>, bool)> {
    let cols = &grid.columns;
    let mut out = Vec::new();
    let is_total = |c: usize| TOTAL_LABELS.contains(&lower(&cols[c].label).as_str());
    let counts = |c: usize| !matches!(cols[c].measure, Measure::Percent);
    // Every parent prefix that has a total column directly under it.
    for t in 0..cols.len() {
        if !is_total(t) || !counts(t) || cols[t].path.len() < 2 {
            continue;
        }
        let parent = &cols[t].path[..cols[t].path.len() - 1];
        // A pair «Số lượng | %» under one label is not a group with a total.
        let siblings: Vec<usize> = (0..cols.len())
            .filter(|&c| {
                c != t && cols[c].path.len() > parent.len() && cols[c].path.starts_with(parent)
            })
            .collect();
        if siblings.is_empty() || siblings.iter().all(|&c| !counts(c)) {
            continue;
        }
        let mut parts = Vec::new();
        let mut exhaustive = true;
        let mut children: Vec<&String> = Vec::new();
        for &c in &siblings {
            let child = &cols[c].path[parent.len()];
            if !children.contains(&child) {
                children.push(child);
            }
        }
        let mut ok = true;
        for child in children {
            let mut prefix = parent.to_vec();
            prefix.push(child.clone());
            let under: Vec<usize> = siblings
                .iter()
                .copied()
                .filter(|&c| cols[c].path.starts_with(&prefix))
                .collect();
            if under.len() == 1 && cols[under[0]].path.len() == prefix.len() {
                if counts(under[0]) {
                    parts.push(under[0]);
                }
                continue;
            }
            if lower(child).starts_with("trong đó") {
                // «Trong đó» lists some of the whole: its count columns are parts, maybe not all.
                exhaustive = false;
                parts.extend(under.iter().copied().filter(|&c| counts(c)));
                continue;
            }
            // A sub-group: its own total, or the count of a count-and-% pair.
            let own_total = under
                .iter()
                .copied()
                .find(|&c| cols[c].path.len() == prefix.len() + 1 && is_total(c));
            let count_cols: Vec<usize> = under.iter().copied().filter(|&c| counts(c)).collect();
            match (own_total, count_cols.len()) {
                (Some(x), _) => parts.push(x),
                (None, 1) => parts.push(count_cols[0]),
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && !parts.is_empty() {
            out.push((t, parts, exhaustive));
        }
    }
    out
}

/// The rows a total or group row sums: (the row, its parts), and the rows each group row heads
/// (a heading without a figure in a column stands for its rows there).
type RowSums = (
    Vec<(usize, Vec<usize>)>,
    std::collections::HashMap<usize, Vec<usize>>,
);

#[inline(never)]
fn row_sums(grid: &Grid) -> RowSums {
    let rows = &grid.rows;
    let mut out = Vec::new();
    let mut heads = std::collections::HashMap::new();
    let body: Vec<usize> = (0..rows.len())
        .filter(|&r| rows[r].role != RowRole::Total)
        .collect();
    if body.is_empty() {
        return (out, heads);
    }
    // The rows a row heads: those after it, deeper, until one as shallow; the shallowest of them.
    let children_of = |g: usize| -> Vec<usize> {
        let level = rows[g].level;
        let after: Vec<usize> = body
            .iter()
            .copied()
            .filter(|&r| r > g)
            .take_while(|&r| rows[r].level > level)
            .collect();
        let next = after.iter().map(|&r| rows[r].level).min();
        after
            .into_iter()
            .filter(|&r| Some(rows[r].level) == next)
            .collect()
    };
    for &g in &body {
        if rows[g].role == RowRole::Group {
            let children = children_of(g);
            if !children.is_empty() {
                if children.len() >= 2 {
                    out.push((g, children.clone()));
                }
                heads.insert(g, children);
            }
        }
    }
    let top = body.iter().map(|&r| rows[r].level).min().unwrap_or(0);
    let tops: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&r| rows[r].level == top)
        .collect();
    for t in (0..rows.len()).filter(|&r| rows[r].role == RowRole::Total) {
        out.push((t, tops.clone()));
    }
    (out, heads)
}

/// The count and base columns of a percentage column: named by the header (its pair under one
/// label, a column named in «Tỷ lệ đúng hạn»), then confirmed or found by the rows.
#[inline(never)]
fn base_of(
    grid: &Grid,
    p: usize,
    number: &dyn Fn(usize, usize) -> Option<Interval>,
) -> Option<(usize, usize)> {
    let cols = &grid.columns;
    let counts: Vec<usize> = (0..cols.len())
        .filter(|&c| !matches!(cols[c].measure, Measure::Percent) && c != p)
        .collect();
    if counts.len() < 2 {
        return None;
    }
    let label = lower(&cols[p].label);
    let parent = &cols[p].path[..cols[p].path.len().saturating_sub(1)];
    // Numerators the header names: the count beside it under the same label, or a column whose
    // label the percentage's label repeats.
    let mut named: Vec<usize> = counts
        .iter()
        .copied()
        .filter(|&c| {
            !parent.is_empty()
                && cols[c].path.len() == cols[p].path.len()
                && cols[c].path.starts_with(parent)
        })
        .collect();
    let stripped = label
        .replace("tỷ lệ", "")
        .replace("tỉ lệ", "")
        .replace("(%)", "")
        .replace('%', "")
        .trim()
        .to_string();
    if named.is_empty() && !stripped.is_empty() {
        named = counts
            .iter()
            .copied()
            .filter(|&c| {
                let l = lower(&cols[c].label);
                !l.is_empty() && (stripped.contains(&l) || l.contains(&stripped))
            })
            .collect();
    }
    // Candidates are scored on the first rows only (every pair of columns over every row of a
    // long table was most of the time to check it); the rule then holds or not row by row.
    let rows = grid.rows.len().min(SAMPLE_ROWS);
    let score = |n: usize, d: usize| -> (usize, usize) {
        let mut agree = 0;
        let mut evaluable = 0;
        for r in 0..rows {
            let (Some(pv), Some(nv), Some(dv)) = (number(r, p), number(r, n), number(r, d)) else {
                continue;
            };
            let Some(q) = nv.percent_of(&dv) else {
                continue;
            };
            evaluable += 1;
            if q.meets(&pv) {
                agree += 1;
            }
        }
        (agree, evaluable)
    };
    // Bases the header prefers: a total in the percentage's group or an ancestor's.
    let preferred = |d: usize| -> bool {
        TOTAL_LABELS.contains(&lower(&cols[d].label).as_str())
            && cols[d].path.len() >= 2
            && cols[p]
                .path
                .starts_with(&cols[d].path[..cols[d].path.len() - 1])
    };
    // ((numerator, denominator), (rows agreeing, rows evaluable, base preferred)).
    type Candidate = ((usize, usize), (usize, usize, bool));
    let mut best: Option<Candidate> = None;
    let numerators: Vec<usize> = if named.is_empty() {
        counts.clone()
    } else {
        named.clone()
    };
    for &n in &numerators {
        for &d in counts.iter().filter(|&&d| d != n) {
            let (agree, evaluable) = score(n, d);
            let key = (agree, evaluable, preferred(d));
            let better = match &best {
                None => true,
                Some((_, (a, _, pr))) => agree > *a || (agree == *a && key.2 && !pr),
            };
            if better {
                best = Some(((n, d), key));
            }
        }
    }
    let ((n, d), (agree, evaluable, pref)) = best?;
    let from_header = !named.is_empty();
    // Without the header's word, a pair of columns must explain most rows, and at least two.
    let enough = if from_header {
        (agree >= 1 && agree * 2 >= evaluable) || (evaluable == 0 && pref && named.len() == 1)
    } else {
        agree >= 2 && agree * 10 >= evaluable * 6
    };
    enough.then_some((n, d))
}
