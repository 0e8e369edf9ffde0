//! A batch as text for a terminal: a line a report (its unit, period and counts, then the
//! checks that do not hold), the checks across reports, and the totals.

use super::{Batch, BatchCheck};
use crate::outcome::Status;
use crate::present::{escape_controls, mark};
use std::fmt::Write;

/// «3 lỗi, 1 cảnh báo, 120 đạt, 2 không tính được».
fn counts(fail: usize, warn: usize, pass: usize, na: usize) -> String {
    format!("{fail} lỗi, {warn} cảnh báo, {pass} đạt, {na} không tính được")
}

fn check_line(out: &mut String, c: &BatchCheck) {
    let place = c
        .cell
        .as_deref()
        .map(|p| format!("[{p}] "))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  {} {}{}",
        mark(c.status),
        escape_controls(&place),
        escape_controls(&c.message)
    );
}

/// Renders a batch; with `all`, the passing checks of each report and across reports are listed
/// too.
///
/// ```
/// use kiemso::batch::{check_inputs, Input};
/// let b = check_inputs(vec![Input::bytes("a.pdf", b"%PDF-1.7".to_vec())], &kiemso::Options::default());
/// let text = kiemso::batch::present::render_text(&b, false);
/// assert!(text.contains("a.pdf") && text.contains("không đọc được"));
/// ```
pub fn render_text(batch: &Batch, all: bool) -> String {
    let mut out = String::new();
    for r in &batch.reports {
        let who = match (&r.unit, &r.period) {
            (Some(u), Some(p)) => format!(" — {u}, {p}"),
            (Some(u), None) => format!(" — {u}, không rõ kỳ báo cáo"),
            (None, Some(p)) => format!(" — không rõ đơn vị, {p}"),
            (None, None) => String::new(),
        };
        match (&r.outcome, &r.error) {
            (Some(o), _) => {
                let s = o.summary;
                let status = if s.fail > 0 {
                    Status::Fail
                } else if s.warn > 0 {
                    Status::Warn
                } else {
                    Status::Pass
                };
                let _ = writeln!(
                    out,
                    "{} {}{}: {}",
                    mark(status),
                    escape_controls(&r.source),
                    escape_controls(&who),
                    counts(s.fail, s.warn, s.pass, s.na)
                );
                let mut checks: Vec<_> = o
                    .checks
                    .iter()
                    .filter(|c| all || matches!(c.status, Status::Fail | Status::Warn))
                    .collect();
                checks.sort_by_key(|c| std::cmp::Reverse(c.status));
                for c in checks {
                    let place = c.cells.first().cloned().unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "    {} [{}] {}",
                        mark(c.status),
                        escape_controls(&place),
                        escape_controls(&c.message())
                    );
                }
            }
            (None, error) => {
                let _ = writeln!(
                    out,
                    "{} {}: không đọc được — {}",
                    mark(Status::Fail),
                    escape_controls(&r.source),
                    escape_controls(error.as_deref().unwrap_or_default())
                );
            }
        }
    }
    let shown: Vec<&BatchCheck> = batch
        .checks
        .iter()
        .filter(|c| all || c.status != Status::Pass)
        .collect();
    let passed = batch.checks.len() - shown.len();
    if !batch.checks.is_empty() {
        out.push_str("\nĐối chiếu giữa các báo cáo:\n");
        let mut shown = shown;
        shown.sort_by_key(|c| std::cmp::Reverse(c.status));
        for c in shown {
            check_line(&mut out, c);
        }
        if passed > 0 {
            let _ = writeln!(out, "  ✓ {passed} đối chiếu khác đạt.");
        }
    }
    let s = batch.summary;
    let _ = writeln!(
        out,
        "\nTổng cộng {} báo cáo{}: {}.",
        s.reports,
        if s.unreadable > 0 {
            format!(", {} tệp không đọc được", s.unreadable)
        } else {
            String::new()
        },
        counts(s.fail, s.warn, s.pass, s.na)
    );
    out
}
