//! This period against the last: cumulative rows never lower within a year, stocks changed only
//! with a reason, no count jumping past the catalogue's factor.
//!
//! How a row behaves is data: the catalogue's `batch.natures` for a cell, else the words of its
//! indicator (and of the heading rows over it) and its unit ([`nature_of`]).

use super::{BatchCheck, BatchKind, BatchReport};
use crate::about::{period_in, Period};
use crate::catalogue::{BatchSpec, Identity, Nature};
use crate::number::Figure;
use crate::outcome::Status;
use crate::report::{Form, Measure, Row};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// How a row behaves from one period to the next; `None` for a row that is not a count or an
/// amount (percentages follow their counts, codes are no quantity).
///
/// ```
/// use kiemso::catalogue::Nature;
/// let o = kiemso::Options::default();
/// let text = "Biểu mẫu số 06\n2.\tThực hiện tự chủ (lũy kế đến thời điểm báo cáo)\t\t\n\
///             2.6.\tSố ĐVSN đã chuyển đổi\tĐơn vị\t0\n";
/// let report = kiemso::report::build(kiemso::read::read_text(text).unwrap(), kiemso::builtin_catalogue());
/// let form = &report.forms[0];
/// let spec = kiemso::batch::spec(kiemso::builtin_catalogue());
/// assert_eq!(kiemso::batch::period::nature_of(form, &form.rows[1], spec), Some(Nature::Stock));
/// ```
pub fn nature_of(form: &Form, row: &Row, spec: &BatchSpec) -> Option<Nature> {
    if !matches!(row.measure(), Measure::Count | Measure::Amount) {
        return None;
    }
    if let Some(n) = spec.natures.get(&form.cell_name(row)) {
        return Some(*n);
    }
    let has = |text: &str, words: &[String]| {
        let t = text.to_lowercase();
        words.iter().any(|w| t.contains(w.as_str()))
    };
    let own = match &row.column_label {
        Some(c) => format!("{} {c}", row.indicator),
        None => row.indicator.clone(),
    };
    if has(&own, &spec.cumulative_words) {
        return Some(Nature::Cumulative);
    }
    let unit = row.unit.trim().to_lowercase();
    if has(&own, &spec.stock_words)
        || (spec.stock_units.contains(&unit) && !has(&own, &spec.flow_words))
    {
        return Some(Nature::Stock);
    }
    // A heading row over this one («2. … (lũy kế đến thời điểm báo cáo)»).
    let over = form.rows.iter().any(|r| {
        !r.stt.parts.is_empty()
            && r.stt.parts.len() < row.stt.parts.len()
            && row.stt.parts.starts_with(&r.stt.parts)
            && has(&r.indicator, &spec.cumulative_words)
    });
    Some(if over {
        Nature::Cumulative
    } else {
        Nature::Flow
    })
}

fn check(id: String, status: Status, reports: (usize, usize), message: String) -> BatchCheck {
    BatchCheck {
        id,
        kind: BatchKind::Period,
        status,
        cell: None,
        reports: vec![reports.0, reports.1],
        nature: None,
        previous: None,
        current: None,
        consolidated: None,
        difference: None,
        units: Vec::new(),
        message,
    }
}

/// A current report with no report of the same unit in the previous period.
pub fn unmatched(current: &BatchReport, index: usize) -> BatchCheck {
    BatchCheck {
        reports: vec![index],
        ..check(
            format!("period:unmatched:{index}"),
            Status::Na,
            (index, index),
            format!(
                "Không có báo cáo kỳ trước của {} để so sánh.",
                current.label()
            ),
        )
    }
}

/// How cumulative rows compare between the two periods.
enum Year {
    /// Same year, the current period later: never lower.
    Within,
    /// The current period is in a later year: cumulative figures started again.
    Restart,
    /// Periods unknown or in the wrong order: not compared.
    Unknown,
}

/// Whether a cell's words are the same row in both templates (a renumbered template gives the
/// same STT another indicator).
/// `columns`: whether the grid columns must be the same too (not when a period's column stands
/// for the row).
fn same_row(a: &Row, b: &Row, columns: bool) -> bool {
    let key = |r: &Row| {
        r.indicator
            .to_lowercase()
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ")
    };
    key(a) == key(b) && (!columns || a.column_label == b.column_label)
}

/// The period checks of `current` against `previous` (`reports`: their indices in the batch).
pub fn compare(
    previous: &BatchReport,
    current: &BatchReport,
    reports: (usize, usize),
    spec: &BatchSpec,
    words: &Identity,
) -> Vec<BatchCheck> {
    let mut out = Vec::new();
    let (p_name, c_name) = (
        previous.period.clone().unwrap_or_else(|| "kỳ trước".into()),
        current.period.clone().unwrap_or_else(|| "kỳ này".into()),
    );
    if let (Some(a), Some(b)) = (&previous.unit_id, &current.unit_id) {
        if a.key != b.key {
            out.push(check(
                format!("period:unit:{}:{}", reports.0, reports.1),
                Status::Warn,
                reports,
                format!(
                    "Hai báo cáo của hai đơn vị khác nhau: {} (kỳ trước) và {} (kỳ này).",
                    previous.unit_name(),
                    current.unit_name()
                ),
            ));
        }
    }
    let year = match (&previous.period_id, &current.period_id) {
        (Some(p), Some(c)) if c.year > p.year => Year::Restart,
        (Some(p), Some(c)) if c.after(p) => Year::Within,
        (Some(_), Some(_)) => {
            out.push(check(
                format!("period:order:{}:{}", reports.0, reports.1),
                Status::Warn,
                reports,
                format!("Kỳ «{c_name}» không sau kỳ «{p_name}»: hãy xem lại hai báo cáo được so sánh (số lũy kế không được so)."),
            ));
            Year::Unknown
        }
        _ => Year::Unknown,
    };
    let factor = Figure::parse(&spec.jump_factor).map_or(Decimal::from(5), |f| f.value);
    let minimum = Figure::parse(&spec.jump_minimum).map_or(Decimal::from(10), |f| f.value);
    // The previous report's cells; in a «quý trước | quý này» table of its own, its period's
    // column stands for the row, and the other period columns are left out.
    let before: HashMap<String, (&Form, &Row)> = previous
        .cells()
        .into_iter()
        .filter_map(|(name, f, r)| match period_column(f, r, words) {
            None => Some((name, (f, r))),
            Some(p) if previous.period_id.as_ref() == Some(&p) => {
                Some((format!("{}/{}", f.id, r.stt.label), (f, r)))
            }
            Some(_) => None,
        })
        .collect();
    let mut only_now = Vec::new();
    let mut changed = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (cell, form, row) in current.cells() {
        // In a «quý trước | quý này» table, the previous period's column must repeat the previous
        // report's figures, and this period's column is this report's figure of the row.
        let mut key = cell.clone();
        if let Some(column) = period_column(form, row, words) {
            let plain = format!("{}/{}", form.id, row.stt.label);
            if previous.period_id.as_ref() == Some(&column) {
                out.extend(agree(&cell, form, row, &before, &p_name, reports));
                continue;
            }
            if current.period_id.as_ref() != Some(&column) {
                continue;
            }
            key = plain;
        }
        let Some(nature) = nature_of(form, row, spec) else {
            continue;
        };
        let Some(now) = row.value.figure() else {
            continue;
        };
        seen.insert(key.clone());
        let Some((_, prev_row)) = before.get(&key) else {
            only_now.push(cell);
            continue;
        };
        if !same_row(prev_row, row, key == cell) {
            changed.push(cell);
            continue;
        }
        let Some(then) = prev_row.value.figure() else {
            continue;
        };
        let what = match &row.column_label {
            Some(c) => format!("«{}» ({c})", row.indicator),
            None => format!("«{}»", row.indicator),
        };
        let (a, b) = (then.printed(), now.printed());
        let (status, message) = match nature {
            Nature::Cumulative => match year {
                Year::Within if now.value < then.value => (
                    Status::Fail,
                    format!("Ô {cell} {what} là số lũy kế từ đầu năm nhưng giảm từ {a} ({p_name}) xuống {b} ({c_name}): số lũy kế trong một năm không thể giảm."),
                ),
                Year::Within => (Status::Pass, format!("Ô {cell} {what}: số lũy kế tăng từ {a} lên {b}.")),
                Year::Restart => (
                    Status::Pass,
                    format!("Ô {cell} {what}: {c_name} sang năm mới, số lũy kế tính lại từ đầu năm ({a} → {b})."),
                ),
                Year::Unknown => (
                    Status::Na,
                    format!("Ô {cell} {what}: không rõ kỳ của hai báo cáo nên không so được số lũy kế."),
                ),
            },
            Nature::Stock if now.value != then.value => {
                if row.note.trim().is_empty() {
                    (
                        Status::Warn,
                        format!("Ô {cell} {what} là số hiện có, thay đổi từ {a} ({p_name}) thành {b} ({c_name}) mà không có ghi chú giải thích: hãy ghi lý do (thành lập, sáp nhập, giải thể…) hoặc sửa số."),
                    )
                } else {
                    (
                        Status::Pass,
                        format!("Ô {cell} {what} thay đổi từ {a} thành {b}, có ghi chú: «{}».", row.note.trim()),
                    )
                }
            }
            Nature::Stock => (Status::Pass, format!("Ô {cell} {what} không đổi ({b}).")),
            Nature::Flow => (Status::Pass, format!("Ô {cell} {what}: {a} → {b}.")),
        };
        let restart = matches!((nature, &year), (Nature::Cumulative, Year::Restart));
        let jump = jump(then.value, now.value, factor, minimum).filter(|_| !restart);
        let (status, message) = match (status, jump) {
            (Status::Pass | Status::Na, Some(times)) => (
                Status::Warn,
                format!(
                    "Ô {cell} {what} {} từ {a} ({p_name}) {} {b} ({c_name}), gấp {} lần, quá mức {} lần danh mục cho phép: hãy kiểm tra lại (gõ thừa, thiếu chữ số?).",
                    if now.value > then.value { "tăng" } else { "giảm" },
                    if now.value > then.value { "lên" } else { "xuống" },
                    crate::number::format_vi_trimmed(times, 1),
                    spec.jump_factor
                ),
            ),
            (status, _) => (status, message),
        };
        out.push(BatchCheck {
            cell: Some(cell.clone()),
            nature: Some(nature),
            previous: Some(a),
            current: Some(b),
            ..check(format!("period:{cell}"), status, reports, message)
        });
    }
    let only_then: Vec<String> = before
        .iter()
        .filter(|(cell, (f, r))| {
            !seen.contains(*cell) && nature_of(f, r, spec).is_some() && r.value.figure().is_some()
        })
        .map(|(c, _)| c.clone())
        .collect();
    if !only_now.is_empty() || !only_then.is_empty() || !changed.is_empty() {
        let mut only_then = only_then;
        only_then.sort();
        let list = |v: &[String]| {
            let mut s = v.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
            if v.len() > 8 {
                s.push_str(&format!(" và {} ô khác", v.len() - 8));
            }
            s
        };
        let mut parts = Vec::new();
        if !only_then.is_empty() {
            parts.push(format!(
                "{} ô chỉ có ở {p_name} ({})",
                only_then.len(),
                list(&only_then)
            ));
        }
        if !only_now.is_empty() {
            parts.push(format!(
                "{} ô chỉ có ở {c_name} ({})",
                only_now.len(),
                list(&only_now)
            ));
        }
        if !changed.is_empty() {
            parts.push(format!(
                "{} ô cùng số thứ tự nhưng khác chỉ tiêu ({})",
                changed.len(),
                list(&changed)
            ));
        }
        out.push(check(
            format!("period:template:{}:{}", reports.0, reports.1),
            Status::Na,
            reports,
            format!(
                "Hai kỳ dùng mẫu biểu khác nhau: {}. Các ô này không được so sánh.",
                parts.join("; ")
            ),
        ));
    }
    out
}

/// The period a grid cell's column is headed with («Quý II/2024»), if any.
fn period_column(form: &Form, row: &Row, words: &Identity) -> Option<Period> {
    let column = form.grid.as_ref()?.columns.get(row.column?)?;
    period_in(&column.label, words, true)
}

/// A cell of the previous period's column of a «quý trước | quý này» table against the previous
/// report's own figure for that row (its plain cell, or its own column of that period).
fn agree(
    cell: &str,
    form: &Form,
    row: &Row,
    before: &HashMap<String, (&Form, &Row)>,
    p_name: &str,
    reports: (usize, usize),
) -> Option<BatchCheck> {
    let now = row.value.figure()?;
    let plain = format!("{}/{}", form.id, row.stt.label);
    let (_, then_row) = before.get(&plain).or_else(|| before.get(cell))?;
    let then = then_row.value.figure()?;
    let (a, b) = (then.printed(), now.printed());
    let (status, message) = if then.value == now.value {
        (
            Status::Pass,
            format!("Ô {cell}: cột {p_name} khớp với báo cáo {p_name} ({b})."),
        )
    } else {
        (
            Status::Warn,
            format!("Ô {cell} «{}»: cột {p_name} ghi {b}, nhưng báo cáo {p_name} đã gửi ghi {a}. Nếu số kỳ trước đã được điều chỉnh, hãy ghi chú lý do; nếu không, hãy chép lại đúng số đã báo cáo.", row.indicator),
        )
    };
    Some(BatchCheck {
        cell: Some(cell.to_string()),
        previous: Some(a),
        current: Some(b),
        ..check(format!("period:column:{cell}"), status, reports, message)
    })
}

/// How many times the larger of two positive figures is the smaller, when that is more than
/// `factor` and the larger is at least `minimum`.
fn jump(then: Decimal, now: Decimal, factor: Decimal, minimum: Decimal) -> Option<Decimal> {
    let (lo, hi) = if then < now { (then, now) } else { (now, then) };
    if lo <= Decimal::ZERO || hi < minimum {
        return None;
    }
    let times = hi.checked_div(lo)?;
    (times > factor).then_some(times)
}
