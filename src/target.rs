//! Goal seeking: «Cần bao nhiêu để đạt …?» — the smallest change of one figure that makes a
//! ratio or a total, recomputed and rounded as it is printed, reach a target.
//!
//! The question a meeting asks the other way round from a check: not "is 99,59% right?" but "how
//! many more files resolved on time for 99,80%?". The answer is exact (decimal arithmetic, no
//! search by trial): every figure the change touches moves by a whole multiple `m` of the changed
//! figure's step (1 for a count, `10^−d` for a figure printed with `d` decimals), so the target
//! and every limit (a count is not negative, a part does not exceed its whole, a denominator stays
//! above 0) is a linear inequality in `m`, solved with exact integer rounding.
//!
//! A printed result with `k` decimals reaches a target `t` (printed with at most `k` decimals)
//! when the value it rounds from lies at or above `t − ½·10^−k` (raising), or strictly below
//! `t + ½·10^−k` (lowering): rounding is half away from zero, as officials and spreadsheets do
//! ([`crate::number::round_to`]).
//!
//! The change is carried through the rows that depend on it: a total the changed figure is a
//! part of moves with it (and that total's own totals), and every ratio over a changed figure is
//! recomputed; each is listed as a change, so that the page can apply them all as one what-if.

use crate::catalogue::{Catalogue, Direction, TargetSpec};
use crate::explain::{row_phrase, short_indicator};
use crate::number::{english_style, format_vi, round_to, Figure};
use crate::report::{Measure, Report, Row, Value};
use crate::rules::{CellRef, Rule, RuleKind};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// One figure to change, as the official would type it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The cell (`B03/3.1.2`).
    pub cell: String,
    /// What it prints now (empty when it holds no figure).
    pub from: String,
    /// What it would print.
    pub to: String,
}

/// The answer to «Cần bao nhiêu để đạt …?».
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Goal {
    /// The result cell asked about.
    pub cell: String,
    /// The target, printed the Vietnamese way (`99,80`).
    pub target: String,
    /// The changes that reach it: the chosen figure first, then the rows that follow from it.
    /// Empty when the target is already reached or cannot be reached.
    pub changes: Vec<Change>,
    /// The answer in Vietnamese, or why the target cannot be reached.
    pub message: String,
    /// Whether the target can be reached (already reached counts).
    pub reachable: bool,
}

/// A question that cannot be asked of this report: the cell or the figure named is not there,
/// or the target is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetError(pub String);

impl std::fmt::Display for TargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TargetError {}

/// What the goal is about: a ratio or a total.
enum Shape<'a> {
    Ratio {
        numerator: &'a CellRef,
        denominator: &'a CellRef,
    },
    Sum {
        parts: &'a [CellRef],
    },
}

/// A linear condition on `m`: `a·m ≥ b` (or `>` when `strict`).
struct Linear {
    a: Decimal,
    b: Decimal,
    strict: bool,
}

/// Exact arithmetic, `None` on overflow, kept out of line: `rust_decimal` inlines its operations
/// at every use, and the goal's few dozen of them made the Wasm module 15 KB (gzipped) larger
/// than calls do (263.6 KB against 248.9, measured with goal seeking in the first-load module).
trait Exact: Sized {
    fn times(self, other: Decimal) -> Option<Decimal>;
    fn over(self, other: Decimal) -> Option<Decimal>;
    fn plus(self, other: Decimal) -> Option<Decimal>;
    fn minus(self, other: Decimal) -> Option<Decimal>;
}

impl Exact for Decimal {
    #[inline(never)]
    fn times(self, other: Decimal) -> Option<Decimal> {
        self.checked_mul(other)
    }
    #[inline(never)]
    fn over(self, other: Decimal) -> Option<Decimal> {
        self.checked_div(other)
    }
    #[inline(never)]
    fn plus(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }
    #[inline(never)]
    fn minus(self, other: Decimal) -> Option<Decimal> {
        self.checked_sub(other)
    }
}

/// The sum of step counts (small integers: it cannot overflow a decimal).
fn total_of(items: impl Iterator<Item = Decimal>) -> Decimal {
    items.fold(Decimal::ZERO, |s, x| s.plus(x).unwrap_or(s))
}

fn too_large() -> String {
    "số liệu quá lớn để tính".into()
}

/// `floor(b / a)` exactly, for `a ≠ 0`: the quotient is computed in decimal (rounded at the 28th
/// digit) and then corrected against exact products.
fn floor_div(b: Decimal, a: Decimal) -> Option<Decimal> {
    let fits = |x: Decimal| -> Option<bool> {
        let p = x.times(a)?;
        Some(if a > Decimal::ZERO { p <= b } else { p >= b })
    };
    let mut f = b.over(a)?.floor();
    while !fits(f)? {
        f = f.minus(Decimal::ONE)?;
    }
    while fits(f.plus(Decimal::ONE)?)? {
        f = f.plus(Decimal::ONE)?;
    }
    Some(f)
}

fn ceil_div(b: Decimal, a: Decimal) -> Option<Decimal> {
    floor_div(-b, a).map(|f| -f)
}

/// What a [`Linear`] condition says of the integer `m`.
enum Solved {
    /// Every `m`.
    Always,
    /// No `m`.
    Never,
    /// `m` at least this.
    AtLeast(Decimal),
    /// `m` at most this.
    AtMost(Decimal),
    /// The bound does not fit a decimal.
    Overflow,
}

impl Linear {
    /// The condition as a bound on the integer `m`.
    fn solve(&self) -> Solved {
        let (a, b) = (self.a, self.b);
        if a.is_zero() {
            let holds = if self.strict {
                Decimal::ZERO > b
            } else {
                Decimal::ZERO >= b
            };
            return if holds { Solved::Always } else { Solved::Never };
        }
        let m = if a > Decimal::ZERO {
            // m ≥ b/a, or m > b/a.
            if self.strict {
                floor_div(b, a).and_then(|f| f.plus(Decimal::ONE))
            } else {
                ceil_div(b, a)
            }
        } else if self.strict {
            ceil_div(b, a).and_then(|c| c.minus(Decimal::ONE))
        } else {
            floor_div(b, a)
        };
        match m {
            Some(m) if a > Decimal::ZERO => Solved::AtLeast(m),
            Some(m) => Solved::AtMost(m),
            None => Solved::Overflow,
        }
    }

    /// Whether `m` satisfies the condition, exactly.
    fn holds(&self, m: Decimal) -> bool {
        match self.a.times(m) {
            Some(p) if self.strict => p > self.b,
            Some(p) => p >= self.b,
            None => false,
        }
    }
}

fn row_at(report: &Report, at: Option<(usize, usize)>) -> Option<&Row> {
    let (fi, ri) = at?;
    report.forms.get(fi)?.rows.get(ri)
}

/// The figure a cell holds, or why there is none.
fn figure_of(report: &Report, cell: &CellRef) -> Result<Figure, String> {
    let Some(row) = row_at(report, cell.at) else {
        return Err(format!("bảng thiếu ô {}", cell.name));
    };
    match &row.value {
        Value::Number(f) => Ok(*f),
        Value::Empty => Err(format!("{} chưa có số liệu", row_phrase(row))),
        Value::Text(_) | Value::Malformed(_) => {
            Err(format!("{} không phải là số", row_phrase(row)))
        }
    }
}

/// The step a figure changes by: a whole unit for a count, its last printed digit otherwise.
fn step_of(row: &Row, figure: &Figure) -> Decimal {
    let m = row.measure();
    if m.is_exact() || figure.decimals == 0 {
        Decimal::ONE
    } else {
        Decimal::new(1, figure.decimals.min(27))
    }
}

/// What a unit counts, for «cần thêm 135 hồ sơ»: the unit in lower case, or nothing.
fn unit_words(row: &Row) -> String {
    match row.measure() {
        Measure::Percent => " điểm %".into(),
        Measure::Code(_) => String::new(),
        _ => {
            let u = short_indicator(&row.unit).to_lowercase();
            if u.is_empty() {
                u
            } else {
                format!(" {u}")
            }
        }
    }
}

/// Normalises a cell name as a person may type it (`B03/3.1.`).
fn clean(cell: &str) -> String {
    cell.trim().trim_end_matches('.').to_string()
}

/// Computes the smallest change of one figure of `report` that makes `cell` (the result of a
/// ratio or the total of a sum among `rules`) print `target` or beyond it (at least `target` when
/// it lies above the value now, at most `target` when below), the figure changed being `change`
/// (a full cell name, or an STT of the same form) or by default the ratio's numerator or the
/// sum's first part.
///
/// An unreachable target is an answer ([`Goal::reachable`] false, with the reason); a cell or
/// figure that is not there, or a target that is not a number, is an error.
///
/// ```
/// let text = "Biểu mẫu số 01\n2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t31,15\n\
///             2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t61\n\
///             2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t19\n";
/// let goal = kiemso::target_text(text, "B01/2", "50", None, &Default::default()).unwrap();
/// assert_eq!(goal.changes[0].cell, "B01/2.2");
/// assert_eq!(goal.changes[0].to, "31"); // 31 / 61 = 50,82%; 30 / 61 = 49,18%
/// ```
pub fn seek(
    report: &Report,
    rules: &[Rule],
    cell: &str,
    target: &str,
    change: Option<&str>,
) -> Result<Goal, TargetError> {
    let cell = clean(cell);
    let t = Figure::parse(target).map_err(|_| {
        let hint = english_style(target)
            .map(|vi| format!(" (viết kiểu Việt Nam: {vi})"))
            .unwrap_or_default();
        TargetError(format!(
            "giá trị cần đạt «{}» không phải là số{hint}",
            target.trim()
        ))
    })?;
    // The rules that compute the cell: a ratio first, then the sums it is the total of.
    let mut candidates: Vec<(&CellRef, Shape)> = Vec::new();
    for r in rules {
        match &r.kind {
            RuleKind::Ratio {
                result,
                numerator,
                denominator,
            } if *result.name == *cell => candidates.push((
                result,
                Shape::Ratio {
                    numerator,
                    denominator,
                },
            )),
            RuleKind::Sum { total, parts } | RuleKind::Covers { total, parts, .. }
                if *total.name == *cell =>
            {
                candidates.push((total, Shape::Sum { parts }))
            }
            _ => {}
        }
    }
    // Ratios first (a stable partition, without pulling a sort into the Wasm module).
    let (mut candidates, sums): (Vec<_>, Vec<_>) = candidates
        .into_iter()
        .partition(|(_, s)| matches!(s, Shape::Ratio { .. }));
    candidates.extend(sums);
    if candidates.is_empty() {
        let exists = report
            .forms
            .iter()
            .any(|f| f.rows.iter().any(|r| f.cell_name(r) == cell));
        return Err(TargetError(if exists {
            format!(
                "ô {cell} không phải là một tỷ lệ hay một tổng có quy tắc tính, nên không tính \
                 ngược được"
            )
        } else {
            format!("không tìm thấy ô {cell} trong báo cáo")
        }));
    }
    let operands = |s: &Shape<'_>| -> Vec<CellRef> {
        match s {
            Shape::Ratio {
                numerator,
                denominator,
            } => vec![(*numerator).clone(), (*denominator).clone()],
            Shape::Sum { parts } => parts.to_vec(),
        }
    };
    let (result, shape, operand) = match change {
        None => {
            let (result, shape) = candidates.swap_remove(0);
            let op = operands(&shape).swap_remove(0);
            (result, shape, op)
        }
        Some(c) => {
            let c = clean(c);
            let form = cell.split_once('/').map_or("", |(f, _)| f);
            let full = if c.contains('/') {
                c.clone()
            } else {
                format!("{form}/{c}")
            };
            let found = candidates.into_iter().find_map(|(result, shape)| {
                let op = operands(&shape).into_iter().find(|o| *o.name == *full)?;
                Some((result, shape, op))
            });
            match found {
                Some(f) => f,
                None => {
                    return Err(TargetError(format!(
                        "ô {full} không phải là một thành phần để tính ô {cell}"
                    )))
                }
            }
        }
    };
    Ok(solve(report, rules, result, &shape, &operand, t))
}

/// The goal, worked out: [`seek`] once the rule and the figure to change are chosen.
fn solve(
    report: &Report,
    rules: &[Rule],
    result: &CellRef,
    shape: &Shape<'_>,
    operand: &CellRef,
    t: Figure,
) -> Goal {
    let result_row = row_at(report, result.at);
    let result_figure = result_row.and_then(|r| r.value.figure().copied());
    let is_ratio = matches!(shape, Shape::Ratio { .. });
    // Printed as the result cell prints, or with the target's decimals when it asks for more.
    let k = result_figure
        .map_or(t.decimals, |f| f.decimals)
        .max(t.decimals);
    let percent = if is_ratio { "%" } else { "" };
    let target_text = format_vi(t.value, t.decimals);
    let about = match (result_row, shape) {
        (Some(row), _) if row.column_label.is_some() => row_phrase(row),
        (Some(row), Shape::Ratio { .. }) => format!("tỷ lệ {}", row.stt.label),
        (Some(row), Shape::Sum { .. }) => format!("tổng ở dòng {}", row.stt.label),
        (None, _) => result.name.to_string(),
    };
    let mut goal = Goal {
        cell: result.name.to_string(),
        target: target_text.clone(),
        changes: Vec::new(),
        message: String::new(),
        reachable: false,
    };
    let give_up = |goal: &mut Goal, why: String| {
        goal.reachable = false;
        goal.changes.clear();
        goal.message = format!("Không thể để {about} đạt {target_text}{percent}: {why}.");
    };
    if t.value < Decimal::ZERO {
        give_up(&mut goal, "giá trị cần đạt không thể âm".into());
        return goal;
    }
    if is_ratio && t.value > Decimal::ONE_HUNDRED {
        give_up(
            &mut goal,
            "tỷ lệ không thể vượt 100% vì tử số không thể lớn hơn mẫu số".into(),
        );
        return goal;
    }

    // Every figure the rule reads, and the one to change.
    let mut values: HashMap<String, (Decimal, u32)> = HashMap::new();
    for op in match shape {
        Shape::Ratio {
            numerator,
            denominator,
        } => vec![*numerator, *denominator],
        Shape::Sum { parts } => parts.iter().collect(),
    } {
        match figure_of(report, op) {
            Ok(f) => {
                values.insert(op.name.to_string(), (f.value, f.decimals));
            }
            Err(why) => {
                give_up(&mut goal, format!("không tính được vì {why}"));
                return goal;
            }
        }
    }
    let Some(op_row) = row_at(report, operand.at) else {
        give_up(&mut goal, format!("bảng thiếu ô {}", operand.name));
        return goal;
    };
    let (op_value, op_decimals) = values[&*operand.name];
    let op_figure = Figure {
        value: op_value,
        decimals: op_decimals,
        percent_sign: false,
    };
    let step = step_of(op_row, &op_figure);

    // How many steps each figure moves per step of the operand: the operand 1, a total the sum
    // of its parts' moves, carried up until nothing changes (a grid's row and column totals
    // meet at the same cell; both give it the same move).
    let mut coef: HashMap<&str, Decimal> = HashMap::new();
    coef.insert(&*operand.name, Decimal::ONE);
    let sums: Vec<(&CellRef, &[CellRef])> = rules
        .iter()
        .filter_map(|r| match &r.kind {
            RuleKind::Sum { total, parts } | RuleKind::Covers { total, parts, .. } => {
                Some((total, parts.as_slice()))
            }
            _ => None,
        })
        .collect();
    for _ in 0..64 {
        let mut changed = false;
        for (total, parts) in &sums {
            if total.name == operand.name || !parts.iter().any(|p| coef.contains_key(&*p.name)) {
                continue;
            }
            let moved = total_of(parts.iter().filter_map(|p| coef.get(&*p.name).copied()));
            if coef.get(&*total.name) != Some(&moved) {
                coef.insert(&*total.name, moved);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let moves = |name: &str| coef.get(name).copied().unwrap_or_default();

    let half = Decimal::new(5, k.min(26) + 1);
    let t_value = t.value;
    // The value now, as computed from the operands (not as printed: it may be misprinted).
    let now = match shape {
        Shape::Ratio {
            numerator,
            denominator,
        } => {
            let (n, d) = (values[&*numerator.name].0, values[&*denominator.name].0);
            if d.is_zero() {
                let d_row = row_at(report, denominator.at)
                    .map_or_else(|| denominator.name.to_string(), row_phrase);
                give_up(
                    &mut goal,
                    format!(
                        "mẫu số ({d_row}) bằng 0 nên tỷ lệ chưa tính được; hãy ghi mẫu số trước"
                    ),
                );
                return goal;
            }
            n.times(Decimal::ONE_HUNDRED).and_then(|x| x.over(d))
        }
        Shape::Sum { parts } => parts
            .iter()
            .try_fold(Decimal::ZERO, |s, p| s.plus(values[&*p.name].0)),
    };
    let Some(now) = now else {
        give_up(&mut goal, too_large());
        return goal;
    };
    let now_printed = round_to(now, k);
    if now_printed == round_to(t_value, k) {
        goal.reachable = true;
        goal.message = format!(
            "{} đã đạt {}{percent} theo số liệu, không cần thay đổi.",
            crate::explain::capitalise(&about),
            format_vi(now_printed, k)
        );
        return goal;
    }
    let raise = now_printed < t_value;
    // The target as a condition on m. Raising: value ≥ t − h; lowering: value < t + h.
    let bound_value = if raise {
        t_value.minus(half)
    } else {
        t_value.plus(half)
    };
    let Some(bound_value) = bound_value else {
        give_up(&mut goal, too_large());
        return goal;
    };
    let lin = |a: Option<Decimal>, b: Option<Decimal>, strict: bool| -> Option<Linear> {
        Some(Linear {
            a: a?,
            b: b?,
            strict,
        })
    };
    // value(m) ≥ L  ⇔  A·m ≥ B (ratio: 100·n(m) ≥ L·d(m), d(m) > 0).
    let (slope, offset): (Option<Decimal>, Option<Decimal>) = match shape {
        Shape::Ratio {
            numerator,
            denominator,
        } => {
            let (n, d) = (values[&*numerator.name].0, values[&*denominator.name].0);
            let (a, b) = (moves(&numerator.name), moves(&denominator.name));
            // 100·(n + a·s·m) − L·(d + b·s·m) ≥ 0
            let slope = (|| {
                Decimal::ONE_HUNDRED
                    .times(a)?
                    .minus(bound_value.times(b)?)?
                    .times(step)
            })();
            let offset = (|| bound_value.times(d)?.minus(Decimal::ONE_HUNDRED.times(n)?))();
            (slope, offset)
        }
        Shape::Sum { parts } => {
            let a = total_of(parts.iter().map(|p| moves(&p.name)));
            (a.times(step), bound_value.minus(now))
        }
    };
    // Lowering: value(m) < U ⇔ −A·m > −B.
    let goal_condition = if raise {
        lin(slope, offset, false)
    } else {
        lin(slope.map(|s| -s), offset.map(|o| -o), true)
    };
    let Some(goal_condition) = goal_condition else {
        give_up(&mut goal, too_large());
        return goal;
    };
    let op_phrase = row_phrase(op_row);
    let m_goal = match goal_condition.solve() {
        Solved::AtLeast(m) | Solved::AtMost(m) => m,
        // Not met now (m = 0), so never "always"; and a condition on no m is no change's doing.
        Solved::Always | Solved::Never => {
            give_up(
                &mut goal,
                format!("thay đổi {op_phrase} không làm {about} thay đổi"),
            );
            return goal;
        }
        Solved::Overflow => {
            give_up(&mut goal, too_large());
            return goal;
        }
    };

    // The limits every changed figure keeps.
    let mut limits: Vec<(Linear, String)> = Vec::new();
    let mut value_of = |c: &CellRef| -> Option<Decimal> {
        if let Some((v, _)) = values.get(&*c.name) {
            return Some(*v);
        }
        let f = figure_of(report, c).ok()?;
        values.insert(c.name.to_string(), (f.value, f.decimals));
        Some(f.value)
    };
    // Not negative: v + c·s·m ≥ 0.
    for (name, c) in &coef {
        let Some(cref) = find_ref(rules, name).or((*name == &*operand.name).then_some(operand))
        else {
            continue;
        };
        let Some(row) = row_at(report, cref.at) else {
            continue;
        };
        if matches!(row.measure(), Measure::Unknown | Measure::Code(_)) {
            continue;
        }
        let Some(v) = value_of(cref) else { continue };
        if v < Decimal::ZERO {
            continue;
        }
        if let Some(l) = lin(c.times(step), Some(-v), false) {
            limits.push((l, format!("{} không thể âm", row_phrase(row))));
        }
    }
    // Parts within their whole: Σ (p + c_p·s·m) ≤ w + c_w·s·m, when it holds now.
    for r in rules {
        let RuleKind::AtMost { parts, whole, why } = &r.kind else {
            continue;
        };
        let involved = parts
            .iter()
            .chain([whole])
            .any(|c| coef.contains_key(&*c.name));
        if !involved {
            continue;
        }
        let Some(w) = value_of(whole) else { continue };
        let Some(sum) = parts
            .iter()
            .map(&mut value_of)
            .try_fold(Decimal::ZERO, |s, v| s.plus(v?))
        else {
            continue;
        };
        if sum > w {
            continue;
        }
        let a = moves(&whole.name).minus(total_of(parts.iter().map(|p| moves(&p.name))));
        let Some(a) = a else { continue };
        // (c_w − Σc_p)·s·m ≥ Σp − w
        let parts_phrase = match parts.as_slice() {
            [only] => row_at(report, only.at).map_or_else(|| only.name.to_string(), row_phrase),
            _ => format!(
                "tổng các dòng {}",
                parts
                    .iter()
                    .map(|p| row_at(report, p.at).map_or(&*p.name, |r| r.stt.label.as_str()))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
        };
        let whole_phrase =
            row_at(report, whole.at).map_or_else(|| whole.name.to_string(), row_phrase);
        let because = why.as_ref().map(|w| format!(" ({w})")).unwrap_or_default();
        if let Some(l) = lin(a.times(step), sum.minus(w), false) {
            limits.push((
                l,
                format!("{parts_phrase} không thể lớn hơn {whole_phrase}{because}"),
            ));
        }
    }
    if let Shape::Ratio {
        numerator,
        denominator,
    } = shape
    {
        let (n, d) = (values[&*numerator.name].0, values[&*denominator.name].0);
        let (a, b) = (moves(&numerator.name), moves(&denominator.name));
        // d + b·s·m > 0
        if let Some(l) = lin(b.times(step), Some(-d), true) {
            limits.push((l, "mẫu số phải lớn hơn 0".into()));
        }
        // n + a·s·m ≤ d + b·s·m, when it holds now.
        if n <= d {
            if let Some(l) = lin(b.minus(a).and_then(|x| x.times(step)), n.minus(d), false) {
                limits.push((l, "tử số không thể lớn hơn mẫu số".into()));
            }
        }
    }
    let verb = |m: Decimal| if m > Decimal::ZERO { "thêm" } else { "bớt" };
    let amount = |m: Decimal| {
        format!(
            "{}{}",
            format_vi(m.times(step).unwrap_or_default().abs(), op_decimals.min(27)),
            unit_words(op_row)
        )
    };
    let Some(new_op) = m_goal.times(step).and_then(|x| op_value.plus(x)) else {
        give_up(&mut goal, too_large());
        return goal;
    };
    // Every limit holds now (m = 0) and the goal's set is a half-line from `m_goal` away from 0:
    // if a limit fails at `m_goal`, it fails further on too, and the target cannot be reached.
    let mut broken: Vec<&str> = Vec::new();
    for (l, why) in &limits {
        if !l.holds(m_goal) && !broken.contains(&why.as_str()) {
            broken.push(why);
        }
    }
    if !broken.is_empty() {
        let why = format!(
            "cần {} {} ở {op_phrase} ({} → {}) nhưng {}",
            verb(m_goal),
            amount(m_goal),
            format_vi(op_value, op_decimals),
            format_vi(new_op, op_decimals),
            broken.join("; ")
        );
        give_up(&mut goal, why);
        return goal;
    }
    debug_assert!(goal_condition.holds(m_goal));

    // The figures after the change.
    let delta = new_op.minus(op_value).unwrap_or_default();
    let mut changes = vec![Change {
        cell: operand.name.to_string(),
        from: format_vi(op_value, op_decimals),
        to: format_vi(new_op, op_decimals),
    }];
    let mut after: HashMap<String, Decimal> = HashMap::new();
    after.insert(operand.name.to_string(), new_op);
    // Totals, in the order of the rules.
    let mut totals = Vec::new();
    for (total, _) in &sums {
        let c = moves(&total.name);
        if c.is_zero() || total.name == operand.name || after.contains_key(&*total.name) {
            continue;
        }
        let Ok(f) = figure_of(report, total) else {
            continue;
        };
        let Some(v) = c.times(delta).and_then(|x| f.value.plus(x)) else {
            continue;
        };
        after.insert(total.name.to_string(), v);
        totals.push(Change {
            cell: total.name.to_string(),
            from: f.printed(),
            to: format_vi(v, f.decimals),
        });
    }
    let current = |c: &CellRef, after: &HashMap<String, Decimal>| -> Option<Decimal> {
        after
            .get(&*c.name)
            .copied()
            .or_else(|| figure_of(report, c).ok().map(|f| f.value))
    };
    // Ratios over a changed figure, the goal's own first.
    let mut ratios = Vec::new();
    let mut own_new = None;
    for r in rules {
        let RuleKind::Ratio {
            result: res,
            numerator,
            denominator,
        } = &r.kind
        else {
            continue;
        };
        if !after.contains_key(&*numerator.name) && !after.contains_key(&*denominator.name) {
            continue;
        }
        let (Some(n), Some(d)) = (current(numerator, &after), current(denominator, &after)) else {
            continue;
        };
        let Some(v) = n.times(Decimal::ONE_HUNDRED).and_then(|x| x.over(d)) else {
            continue;
        };
        let own = res.name == result.name;
        // As the figure prints (a cell may carry a `%` or stray spaces), or as typed.
        let printed_from = match figure_of(report, res) {
            Ok(f) => Some(f.printed()),
            Err(_) => row_at(report, res.at).map(|row| row.raw.trim().to_string()),
        };
        let decimals = if own {
            k
        } else {
            match figure_of(report, res) {
                Ok(f) => f.decimals,
                Err(_) => continue,
            }
        };
        if own {
            own_new = Some(v);
        }
        let to = format_vi(round_to(v, decimals), decimals);
        if printed_from.as_deref() != Some(to.as_str())
            && !ratios.iter().any(|c: &Change| *c.cell == *res.name)
        {
            let change = Change {
                cell: res.name.to_string(),
                from: printed_from.unwrap_or_default(),
                to,
            };
            if own {
                ratios.insert(0, change);
            } else {
                ratios.push(change);
            }
        }
    }
    let own_new = match shape {
        Shape::Ratio { .. } => own_new,
        Shape::Sum { parts } => parts
            .iter()
            .try_fold(Decimal::ZERO, |s, p| s.plus(current(p, &after)?)),
    };
    // The goal's own total is among the totals; its print follows the goal's decimals.
    if let (Shape::Sum { .. }, Some(v)) = (shape, own_new) {
        if let Some(c) = totals.iter_mut().find(|c| *c.cell == *result.name) {
            c.to = format_vi(round_to(v, k), k);
        }
    }
    let reached = own_new.map(|v| round_to(v, k));
    debug_assert!(reached.is_some_and(|v| if raise { v >= t_value } else { v <= t_value }));
    changes.extend(totals);
    changes.extend(ratios);
    // The result itself second, right after the figure changed.
    if let Some(i) = changes.iter().position(|c| *c.cell == *result.name) {
        let own = changes.remove(i);
        changes.insert(1, own);
    }
    let follow: Vec<String> = changes[1..]
        .iter()
        .filter(|c| *c.cell != *result.name)
        .map(|c| {
            let name = find_ref(rules, &c.cell)
                .and_then(|r| row_at(report, r.at))
                .map_or_else(|| c.cell.clone(), row_phrase);
            format!("{name} {} → {}", c.from, c.to)
        })
        .collect();
    let follow = if follow.is_empty() {
        String::new()
    } else {
        format!(" Kéo theo: {}.", follow.join("; "))
    };
    // Said when the result goes past the target (a coarse step: 5/8 → 6/8 is 62,5% → 75%).
    let reached_text = match reached {
        Some(v) if v != t_value => format!(" (khi đó {about} là {}{percent})", format_vi(v, k)),
        _ => String::new(),
    };
    // The changed figure may itself be a total: its parts no longer add up to it.
    let own_parts: Vec<String> = sums
        .iter()
        .filter(|(total, _)| total.name == operand.name)
        .map(|(_, parts)| {
            parts
                .iter()
                .map(|p| row_at(report, p.at).map_or(&*p.name, |r| r.stt.label.as_str()))
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect();
    let parts_note = if own_parts.is_empty() {
        String::new()
    } else {
        format!(
            " Lưu ý: {op_phrase} là tổng của {}; cần sửa các dòng đó cho khớp.",
            own_parts.join(", của ")
        )
    };
    goal.reachable = true;
    goal.message = format!(
        "Để {about} đạt {target_text}{percent} cần {} {} ở {op_phrase} ({} → {}){reached_text}.{follow}{parts_note}",
        verb(m_goal),
        amount(m_goal),
        format_vi(op_value, op_decimals),
        format_vi(new_op, op_decimals),
    );
    // The figures to type are printed as the table prints its own: a grid read with English
    // separators (`1,267`, `99.16`) gets its edits the same way (the message stays Vietnamese).
    for c in &mut changes {
        let english = find_ref(rules, &c.cell)
            .and_then(|r| r.at)
            .and_then(|(fi, _)| report.forms.get(fi)?.grid.as_ref())
            .is_some_and(|g| g.english_numbers);
        if english {
            c.from = swap_separators(&c.from);
            c.to = swap_separators(&c.to);
        }
    }
    goal.changes = changes;
    goal
}

/// `1.267,5` ↔ `1,267.5`.
fn swap_separators(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '.' => ',',
            ',' => '.',
            c => c,
        })
        .collect()
}

/// The reference a rule makes to a cell, to find its row.
fn find_ref<'a>(rules: &'a [Rule], name: &str) -> Option<&'a CellRef> {
    rules
        .iter()
        .flat_map(|r| r.cells())
        .find(|c| *c.name == *name)
}

/// A row measured against a target its catalogue row declares ([`TargetSpec`]): whether it is
/// reached and, when not, «còn thiếu …» and what it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shortfall {
    /// The row's cell (`B07/6.4`).
    pub cell: String,
    /// The target, as the catalogue prints it (`50`).
    pub target: String,
    /// What the target is («ngưỡng điểm tối đa …»).
    pub label: String,
    /// `at_least` or `at_most`.
    pub direction: Direction,
    /// Whether the row's printed figure is on the right side of the target.
    pub reached: bool,
    /// How far the printed figure is from the target, when it is not reached (`3,67`), in the
    /// row's unit (points for a percentage).
    pub gap: Option<String>,
    /// The sentence shown beside the row.
    pub message: String,
    /// The smallest change that reaches it ([`seek`]), when the row is a ratio or a total and
    /// the target is not reached; the changes to apply as one what-if.
    pub changes: Vec<Change>,
}

/// Every declared target of the rows of `report`'s catalogue forms, with its «còn thiếu …»:
/// the function the page calls for the thresholds of the catalogue (the rows of the JSON carry
/// them as `targets`).
pub fn shortfalls(report: &Report, rules: &[Rule], catalogue: &Catalogue) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for form in &report.forms {
        let spec = match (form.grid.is_some(), form.number) {
            (false, Some(n)) => catalogue.form(n),
            _ => None,
        };
        let Some(spec) = spec else { continue };
        for row_spec in spec.rows.iter().filter(|r| !r.targets.is_empty()) {
            let Some(row) = form.row(&row_spec.stt) else {
                continue;
            };
            let Value::Number(figure) = row.value else {
                continue;
            };
            let cell = form.cell_name(row);
            for t in &row_spec.targets {
                // Validated with the catalogue.
                let Ok(target) = Figure::parse(&t.value) else {
                    continue;
                };
                out.push(shortfall(report, rules, row, &cell, figure, target, t));
            }
        }
    }
    out
}

fn shortfall(
    report: &Report,
    rules: &[Rule],
    row: &Row,
    cell: &str,
    figure: Figure,
    target: Figure,
    spec: &TargetSpec,
) -> Shortfall {
    let percent = row.measure() == Measure::Percent;
    let sign = if percent { "%" } else { "" };
    let decimals = figure.decimals.max(target.decimals);
    let reached = match spec.direction {
        Direction::AtLeast => figure.value >= target.value,
        Direction::AtMost => figure.value <= target.value,
    };
    let about = crate::explain::row_phrase_capital(row);
    let printed = figure.printed();
    let target_text = format_vi(target.value, target.decimals);
    let mut s = Shortfall {
        cell: cell.to_string(),
        target: target_text.clone(),
        label: spec.label.clone(),
        direction: spec.direction,
        reached,
        gap: None,
        message: String::new(),
        changes: Vec::new(),
    };
    if reached {
        let side = match spec.direction {
            Direction::AtLeast => "không thấp hơn",
            Direction::AtMost => "không cao hơn",
        };
        s.message = format!(
            "{about}: {printed}{sign}, {side} {target_text}{sign} ({}).",
            spec.label
        );
        return s;
    }
    let gap = format_vi(
        target.value.minus(figure.value).unwrap_or_default().abs(),
        decimals,
    );
    let unit = if percent {
        " điểm %".to_string()
    } else {
        unit_words(row)
    };
    let (word, verb) = match spec.direction {
        Direction::AtLeast => ("còn thiếu", "đạt"),
        Direction::AtMost => ("còn vượt", "về"),
    };
    s.message = format!(
        "{about}: {printed}{sign}, {word} {gap}{unit} để {verb} {target_text}{sign} ({}).",
        spec.label
    );
    s.gap = Some(gap);
    if let Ok(goal) = seek(report, rules, cell, &spec.value, None) {
        if goal.reachable && !goal.changes.is_empty() {
            s.message.push(' ');
            s.message.push_str(&goal.message);
            s.changes = goal.changes;
        }
    }
    s
}
