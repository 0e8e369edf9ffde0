//! Units → province: the consolidated forms, and the province's report against them.
//!
//! Counts and amounts are summed; a percentage is recomputed from the summed numerator and
//! denominator its catalogue rule (or the table's printed formula) names, never averaged; codes
//! are aggregated by the catalogue's rule (`max`: «Có» if any unit has it). A unit that lacks a
//! row is reported as missing, never counted as 0. Each cell where the province's report differs
//! names the units that contribute to it and the difference.

use super::{BatchCheck, BatchKind, BatchReport, UnitValue};
use crate::catalogue::{split_cell_ref, BatchSpec, Catalogue, CodeRule, RuleSpec};
use crate::number::{format_vi, round_to, Figure};
use crate::outcome::Status;
use crate::report::{Form, Measure, Row};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// How a consolidated cell is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// The units' figures added.
    Sum,
    /// Recomputed from the summed numerator and denominator.
    Ratio,
    /// The units' codes aggregated by the catalogue's rule.
    Code,
    /// Not consolidated (a heading row, a percentage without operands): the note says why.
    None,
}

/// The consolidated forms.
#[derive(Debug, Clone, Serialize)]
pub struct Consolidated {
    /// The units consolidated, in order.
    pub units: Vec<String>,
    /// The forms, in the order the units' reports first hold them.
    pub forms: Vec<ConsolidatedForm>,
}

/// One consolidated form.
#[derive(Debug, Clone, Serialize)]
pub struct ConsolidatedForm {
    /// Its id (`B03`).
    pub form: String,
    /// Its title.
    pub title: String,
    /// Its rows (a grid's cells, row by row).
    pub rows: Vec<ConsolidatedRow>,
}

/// One consolidated cell.
#[derive(Debug, Clone, Serialize)]
pub struct ConsolidatedRow {
    /// Its name (`B03/3.1.1`).
    pub cell: String,
    /// The STT.
    pub stt: String,
    /// The indicator.
    pub indicator: String,
    /// The unit of measure.
    pub unit: String,
    /// In a grid, the column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The consolidated figure, Vietnamese print.
    pub value: Option<String>,
    /// The figure, exact (a percentage rounded as printed).
    #[serde(skip)]
    pub exact: Option<Decimal>,
    /// How it was made.
    pub method: Method,
    /// For a percentage, the cells of its numerator and denominator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operands: Option<(String, String)>,
    /// How many units gave a figure.
    pub reported: usize,
    /// Units without this row or without a figure in it: not counted as 0.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Why it is not consolidated, or what it is made of, in Vietnamese.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The figures of one cell in every unit: `None` where a unit lacks the row or a figure in it.
struct Column<'a> {
    form: &'a Form,
    row: &'a Row,
    values: Vec<Option<&'a Figure>>,
}

/// The cell names of a percentage's numerator and denominator: the catalogue's ratio rule for
/// the row, else the grid's printed formula, else the catalogue's grid rule.
fn operands(form: &Form, row: &Row, catalogue: &Catalogue) -> Option<(String, String)> {
    if let (Some(grid), Some(c)) = (&form.grid, row.column) {
        let number = grid.columns.get(c)?.number?;
        let from_formula = grid.formulas.iter().find_map(|f| match f.kind {
            crate::report::grid::FormulaKind::Ratio {
                numerator,
                denominator,
            } if f.result == number => Some((numerator, denominator)),
            _ => None,
        });
        let from_spec = || {
            let spec = catalogue
                .grids
                .iter()
                .find(|g| Some(&g.id) == grid.spec.as_ref())?;
            spec.rules.iter().find_map(|r| match r {
                RuleSpec::Ratio {
                    result,
                    numerator,
                    denominator,
                } if crate::catalogue::column_ref(result) == Some(number) => Some((
                    crate::catalogue::column_ref(numerator)?,
                    crate::catalogue::column_ref(denominator)?,
                )),
                _ => None,
            })
        };
        let (n, d) = from_formula.or_else(from_spec)?;
        let key = |k: u32| Some(grid.columns.get(grid.column_numbered(k)?)?.key.clone());
        let at = |k: String| format!("{}/{}@{k}", form.id, row.stt.label);
        return Some((at(key(n)?), at(key(d)?)));
    }
    let number = form.number?;
    let spec = catalogue.form(number)?;
    spec.rules.iter().find_map(|r| match r {
        RuleSpec::Ratio {
            result,
            numerator,
            denominator,
        } if result.trim_end_matches('.') == row.stt.label => {
            let name = |cell: &str| {
                split_cell_ref(Some(number), cell).map(|(n, stt)| format!("B{n:02}/{stt}"))
            };
            Some((name(numerator)?, name(denominator)?))
        }
        _ => None,
    })
}

fn new_check(id: String, status: Status, reports: Vec<usize>, message: String) -> BatchCheck {
    BatchCheck {
        id,
        kind: BatchKind::Consolidation,
        status,
        cell: None,
        reports,
        nature: None,
        previous: None,
        current: None,
        consolidated: None,
        difference: None,
        units: Vec::new(),
        message,
    }
}

/// Names, at most `n` of them, then how many more.
fn names(list: &[String], n: usize) -> String {
    let mut s = list.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if list.len() > n {
        s.push_str(&format!(" và {} đơn vị khác", list.len() - n));
    }
    s
}

/// Consolidates the reports `units` (indices in `reports`) and compares the result with
/// `reports[province]` when given.
pub fn consolidate(
    reports: &[BatchReport],
    units: &[usize],
    province: Option<usize>,
    catalogue: &Catalogue,
    spec: &BatchSpec,
) -> (Consolidated, Vec<BatchCheck>) {
    let unit_names: Vec<String> = units
        .iter()
        .map(|&k| reports[k].unit_name().to_string())
        .collect();
    // Every unit's cells by name, once.
    let maps: Vec<HashMap<String, (&Form, &Row)>> = units
        .iter()
        .map(|&k| {
            reports[k]
                .cells()
                .into_iter()
                .map(|(c, f, r)| (c, (f, r)))
                .collect()
        })
        .collect();
    // The union of the cells, in the order the units first hold them.
    let mut order: Vec<String> = Vec::new();
    let mut columns: HashMap<String, Column> = HashMap::new();
    for &k in units {
        for (cell, form, row) in reports[k].cells() {
            if !columns.contains_key(&cell) {
                let values = maps
                    .iter()
                    .map(|m| m.get(&cell).and_then(|(_, r)| r.value.figure()))
                    .collect();
                columns.insert(cell.clone(), Column { form, row, values });
                order.push(cell);
            }
        }
    }
    let sum = |values: &[Option<&Figure>]| -> (Decimal, u32) {
        values
            .iter()
            .flatten()
            .fold((Decimal::ZERO, 0), |(s, d), f| {
                (s.checked_add(f.value).unwrap_or(s), d.max(f.decimals))
            })
    };
    let missing_of = |values: &[Option<&Figure>]| -> Vec<String> {
        values
            .iter()
            .zip(&unit_names)
            .filter(|(v, _)| v.is_none())
            .map(|(_, n)| n.clone())
            .collect()
    };
    let mut forms: Vec<ConsolidatedForm> = Vec::new();
    let mut form_index: HashMap<String, usize> = HashMap::new();
    for cell in &order {
        let col = &columns[cell];
        let (form, row) = (col.form, col.row);
        let reported = col.values.iter().flatten().count();
        let mut out = ConsolidatedRow {
            cell: cell.clone(),
            stt: row.stt.label.clone(),
            indicator: row.indicator.clone(),
            unit: row.unit.clone(),
            column: row.column_label.clone(),
            value: None,
            exact: None,
            method: Method::None,
            operands: None,
            reported,
            missing: Vec::new(),
            note: String::new(),
        };
        match row.measure() {
            _ if reported == 0 => {}
            Measure::Count | Measure::Amount => {
                let (total, decimals) = sum(&col.values);
                out.method = Method::Sum;
                out.value = Some(format_vi(total, decimals));
                out.exact = Some(total);
                out.missing = missing_of(&col.values);
            }
            Measure::Percent => match operands(form, row, catalogue)
                .and_then(|(n, d)| Some((columns.get(&n)?, columns.get(&d)?, n, d)))
            {
                Some((num, den, n, d)) => {
                    let (top, _) = sum(&num.values);
                    let (bottom, _) = sum(&den.values);
                    out.method = Method::Ratio;
                    out.note = format!("= {n} / {d} × 100, từ tổng của các đơn vị");
                    out.operands = Some((n.clone(), d.clone()));
                    let mut missing = missing_of(&num.values);
                    for m in missing_of(&den.values) {
                        if !missing.contains(&m) {
                            missing.push(m);
                        }
                    }
                    out.missing = missing;
                    if bottom.is_zero() {
                        out.note =
                            format!("Mẫu số {d} bằng 0 ở mọi đơn vị: không tính được tỷ lệ.");
                    } else if let Some(v) = top
                        .checked_mul(Decimal::ONE_HUNDRED)
                        .and_then(|t| t.checked_div(bottom))
                    {
                        let v = round_to(v, spec.ratio_decimals);
                        out.value = Some(format_vi(v, spec.ratio_decimals));
                        out.exact = Some(v);
                    }
                }
                None => {
                    out.note = "Không tổng hợp được: danh mục không nêu tử số và mẫu số của tỷ lệ này (không lấy trung bình các tỷ lệ).".into();
                }
            },
            Measure::Code(_) => {
                let rule = spec.code_rules.get(cell).copied().unwrap_or(spec.codes);
                let codes: Vec<Decimal> = col.values.iter().flatten().map(|f| f.value).collect();
                let value = match rule {
                    CodeRule::Max => codes.iter().max().copied(),
                    CodeRule::Min => codes.iter().min().copied(),
                    CodeRule::Same => codes
                        .first()
                        .copied()
                        .filter(|c| codes.iter().all(|x| x == c)),
                };
                out.method = Method::Code;
                out.missing = missing_of(&col.values);
                match value {
                    Some(v) => {
                        out.value = Some(format_vi(v, 0));
                        out.exact = Some(v);
                    }
                    None => {
                        out.note = "Các đơn vị báo cáo mã khác nhau: không tổng hợp được.".into()
                    }
                }
            }
            Measure::Unknown => {}
        }
        let fi = *form_index.entry(form.id.clone()).or_insert_with(|| {
            forms.push(ConsolidatedForm {
                form: form.id.clone(),
                title: form.title.clone(),
                rows: Vec::new(),
            });
            forms.len() - 1
        });
        forms[fi].rows.push(out);
    }
    let mut checks = Vec::new();
    // Rows a unit lacks, one check a unit.
    for (u, name) in unit_names.iter().enumerate() {
        let lacking: Vec<String> = forms
            .iter()
            .flat_map(|f| &f.rows)
            .filter(|r| matches!(r.method, Method::Sum | Method::Code) && r.missing.contains(name))
            .map(|r| r.cell.clone())
            .collect();
        if !lacking.is_empty() {
            checks.push(new_check(
                format!("consolidation:missing:{}", units[u]),
                Status::Warn,
                vec![units[u]],
                format!(
                    "{name} thiếu {} ô ({}): các ô này được tổng hợp từ các đơn vị còn lại, không tính là 0.",
                    lacking.len(),
                    names(&lacking, 10)
                ),
            ));
        }
    }
    if let Some(p) = province {
        checks.extend(against(
            &reports[p],
            p,
            &forms,
            &columns,
            &unit_names,
            units,
        ));
    }
    (
        Consolidated {
            units: unit_names,
            forms,
        },
        checks,
    )
}

/// The province's report against the consolidated forms.
fn against(
    province: &BatchReport,
    index: usize,
    forms: &[ConsolidatedForm],
    columns: &HashMap<String, Column>,
    unit_names: &[String],
    units: &[usize],
) -> Vec<BatchCheck> {
    let theirs: HashMap<String, &Row> = province
        .cells()
        .into_iter()
        .map(|(c, _, r)| (c, r))
        .collect();
    let mut out = Vec::new();
    for row in forms.iter().flat_map(|f| &f.rows) {
        let Some(ours) = row.exact else { continue };
        let Some(figure) = theirs.get(&row.cell).and_then(|r| r.value.figure()) else {
            continue;
        };
        let mine = match row.method {
            Method::Ratio => round_to(ours, figure.decimals),
            _ => round_to(ours, figure.decimals.max(ours.scale())),
        };
        let equal = match row.method {
            Method::Sum => ours == figure.value,
            _ => mine == figure.value,
        };
        let what = format!("Ô {} «{}»", row.cell, row.indicator);
        let mut reports: Vec<usize> = vec![index];
        let contributors: Vec<UnitValue> = contributors(row, columns, unit_names);
        if equal {
            out.push(BatchCheck {
                cell: Some(row.cell.clone()),
                current: Some(figure.printed()),
                consolidated: row.value.clone(),
                ..new_check(
                    format!("consolidation:{}", row.cell),
                    Status::Pass,
                    reports,
                    format!(
                        "{what}: số của tỉnh khớp với tổng hợp từ {} đơn vị ({}).",
                        row.reported,
                        figure.printed()
                    ),
                )
            });
            continue;
        }
        let decimals = figure.decimals.max(mine.scale());
        let diff = figure.value.checked_sub(mine).unwrap_or_default();
        let difference = format_vi(diff, decimals);
        let listed: Vec<String> = contributors
            .iter()
            .map(|u| format!("{} {}", u.unit, u.value))
            .collect();
        reports.extend(
            units
                .iter()
                .zip(unit_names)
                .filter(|(_, n)| contributors.iter().any(|c| &c.unit == *n))
                .map(|(&k, _)| k),
        );
        let how = match row.method {
            Method::Ratio => "tính lại từ tổng tử số và mẫu số của",
            Method::Code => "tổng hợp mã của",
            _ => "cộng",
        };
        out.push(BatchCheck {
            cell: Some(row.cell.clone()),
            current: Some(figure.printed()),
            consolidated: Some(format_vi(mine, figure.decimals)),
            difference: Some(difference.clone()),
            units: contributors,
            ..new_check(
                format!("consolidation:{}", row.cell),
                Status::Fail,
                reports,
                format!(
                    "{what}: tỉnh báo cáo {}, {how} {} đơn vị được {} (chênh lệch {difference}). Các đơn vị góp số: {}.",
                    figure.printed(),
                    row.reported,
                    format_vi(mine, figure.decimals),
                    names(&listed, 30)
                ),
            )
        });
    }
    out
}

/// The units whose figures make a consolidated cell: a figure other than 0 (for a percentage,
/// its numerator or denominator; shown `tử/mẫu`).
fn contributors(
    row: &ConsolidatedRow,
    columns: &HashMap<String, Column>,
    unit_names: &[String],
) -> Vec<UnitValue> {
    let Some(col) = columns.get(&row.cell) else {
        return Vec::new();
    };
    if row.method == Method::Ratio {
        if let Some((n, d)) = &row.operands {
            if let (Some(num), Some(den)) = (columns.get(n.as_str()), columns.get(d.as_str())) {
                return unit_names
                    .iter()
                    .enumerate()
                    .filter_map(|(k, name)| {
                        let (a, b) = (num.values[k]?, den.values[k]?);
                        (!a.value.is_zero() || !b.value.is_zero()).then(|| UnitValue {
                            unit: name.clone(),
                            value: format!("{}/{}", a.printed(), b.printed()),
                        })
                    })
                    .collect();
            }
        }
    }
    unit_names
        .iter()
        .zip(&col.values)
        .filter_map(|(name, v)| {
            let v = (*v)?;
            (!v.value.is_zero()).then(|| UnitValue {
                unit: name.clone(),
                value: v.printed(),
            })
        })
        .collect()
}
