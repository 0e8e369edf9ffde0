//! Evaluating rules on a report, exactly and rounding-aware (docs/checking.md): every figure stands for
//! the interval of values that round to it, and a rule holds when the interval computed from the
//! parts meets the interval of the printed result.

use crate::catalogue::Severity;
use crate::explain::{
    capitalise, codes_phrase, row_phrase, row_phrase_capital, short_indicator, signed,
};
use crate::interval::Interval;
use crate::number::{english_style, excel_error, foreign_digit, format_vi, round_to, Figure};
use crate::outcome::{Check, Kind, Status};
use crate::report::{Measure, Report, Row, Value};
use crate::rules::{CellRef, Rule, RuleKind};
use crate::words::{Message, Words, INFERRED};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

/// A figure taken from a row for a computation.
struct Operand<'a> {
    row: &'a Row,
    figure: Figure,
    interval: Interval,
}

impl Operand<'_> {
    fn printed(&self) -> String {
        self.figure.printed()
    }
}

/// The row a reference points at. `evaluate` is public and takes any rules, so a reference that
/// points past the report (built by hand for another report) is treated as a missing row rather
/// than trusted.
fn row_at(report: &Report, at: Option<(usize, usize)>) -> Option<&Row> {
    let (fi, ri) = at?;
    report.forms.get(fi)?.rows.get(ri)
}

/// A cell's text for quoting in a message: at most 60 characters, so that a pasted paragraph
/// in a value cell does not make a paragraph-long message.
fn quoted(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>().trim_end())
    }
}

/// Takes the figure a rule needs, or says in Vietnamese why it cannot.
fn operand<'a>(report: &'a Report, cell: &CellRef) -> Result<Operand<'a>, String> {
    let Some(row) = row_at(report, cell.at) else {
        let stt = cell.name.split_once('/').map_or(&*cell.name, |(_, s)| s);
        return Err(format!("bảng thiếu dòng {stt}"));
    };
    match &row.value {
        Value::Number(figure) => Ok(Operand {
            row,
            figure: *figure,
            interval: interval_of(row, figure),
        }),
        Value::Empty if row.raw.trim().is_empty() => {
            Err(format!("{} chưa có số liệu", row_phrase(row)))
        }
        // A no-data mark (`-`, `x`, `…`): say what was printed, so the official sees why.
        Value::Empty => Err(format!(
            "{} ghi «{}» (ký hiệu không có số liệu)",
            row_phrase(row),
            quoted(row.raw.trim())
        )),
        Value::Text(_) | Value::Malformed(_) => {
            Err(format!("{} không phải là số", row_phrase(row)))
        }
    }
}

/// The values a printed figure stands for: exact for counts and codes, the rounding interval for
/// percentages, amounts and any figure printed with decimals.
pub(crate) fn interval_of(row: &Row, figure: &Figure) -> Interval {
    let measure = row.measure();
    if figure.decimals == 0 && (measure.is_exact() || measure == Measure::Unknown) {
        Interval::exact(figure.value)
    } else {
        Interval::rounded(figure.value, figure.decimals)
    }
}

/// Whether `n / d × 100` meets the printed percentage `r`; `None` when the quotient cannot be
/// computed (a denominator that may be 0, an overflow): the decision [`ratio`] makes, for error
/// localisation ([`crate::locate`]).
pub(crate) fn ratio_holds(n: &Interval, d: &Interval, r: &Interval) -> Option<bool> {
    n.percent_of(d).map(|c| c.meets(r))
}

/// The interval of a sum of figures, or `None` on overflow.
pub(crate) fn interval_sum(parts: impl IntoIterator<Item = Interval>) -> Option<Interval> {
    parts
        .into_iter()
        .try_fold(Interval::exact(Decimal::ZERO), |acc, p| acc.checked_add(&p))
}

/// Whether parts can add up to at most the whole: the smallest sum against the largest whole.
pub(crate) fn at_most_holds(
    parts: impl IntoIterator<Item = Interval>,
    whole: &Interval,
) -> Option<bool> {
    let lo = parts
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, p| acc.checked_add(p.lo))?;
    Some(lo <= whole.hi)
}

/// Whether a figure is within what its own rule allows: a percentage within 0–100, a count whole
/// and not negative, an amount not negative.
pub(crate) fn in_range(kind: &RuleKind, v: Decimal) -> bool {
    match kind {
        RuleKind::Percent { .. } => v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED,
        RuleKind::Count { .. } => v >= Decimal::ZERO && v.fract().is_zero(),
        _ => v >= Decimal::ZERO,
    }
}

/// The code a figure is, when it is one of `codes`.
pub(crate) fn code_of<'c>(
    figure: &Figure,
    codes: &'c [(i64, Option<String>)],
) -> Option<&'c (i64, Option<String>)> {
    let value = figure.value;
    (value.fract().is_zero() && figure.decimals == 0)
        .then(|| codes.iter().find(|(k, _)| Decimal::from(*k) == value))
        .flatten()
}

/// Evaluates every rule. Never panics on any report: a rule that cannot be evaluated is `na`.
pub fn evaluate(report: &Report, rules: &[Rule]) -> Vec<Check> {
    let mut names = Names::new(report);
    rules
        .iter()
        .map(|rule| evaluate_rule(report, rule, &mut names))
        .collect()
}

/// The names of rows and units as messages say them, made once and shared by every check that
/// names them (a row has its range check, and is the total or the percentage of another).
struct Names<'r> {
    /// [`row_phrase_capital`] by form and row.
    rows: Vec<Vec<Option<Arc<str>>>>,
    /// A count's unit as its message says it, by the unit cell.
    count_units: HashMap<&'r str, Arc<str>>,
    /// An amount's unit as its message says it, by the unit cell.
    amount_units: HashMap<&'r str, Arc<str>>,
}

impl<'r> Names<'r> {
    fn new(report: &Report) -> Names<'r> {
        Names {
            rows: report
                .forms
                .iter()
                .map(|f| vec![None; f.rows.len()])
                .collect(),
            count_units: HashMap::new(),
            amount_units: HashMap::new(),
        }
    }

    /// The row a reference points at, named to open a sentence; `fallback` names a reference
    /// past the report.
    fn about(&mut self, report: &Report, cell: &CellRef, fallback: &str) -> Arc<str> {
        let slot = cell.at.and_then(|(fi, ri)| {
            Some((
                row_at(report, cell.at)?,
                self.rows.get_mut(fi)?.get_mut(ri)?,
            ))
        });
        match slot {
            Some((_, Some(name))) => name.clone(),
            Some((row, slot)) => slot.insert(Arc::from(row_phrase_capital(row))).clone(),
            None => Arc::from(format!("{fallback} {}", cell.name)),
        }
    }

    fn count_unit(&mut self, unit: &'r str) -> Arc<str> {
        self.count_units
            .entry(unit)
            .or_insert_with(|| Arc::from(short_indicator(unit).to_lowercase()))
            .clone()
    }

    fn amount_unit(&mut self, unit: &'r str) -> Arc<str> {
        self.amount_units
            .entry(unit)
            .or_insert_with(|| Arc::from(unit.trim().to_lowercase()))
            .clone()
    }
}

/// The frame every check of a rule shares; each evaluator fills in the outcome.
fn blank(report: &Report, rule: &Rule, kind: Kind) -> Check {
    // Built for every check (hundreds of thousands on a large table): the rule's cells are listed
    // once, and the id is written in place rather than joined and formatted.
    let refs = rule.cells();
    let line = refs
        .first()
        .and_then(|c| row_at(report, c.at))
        .map(|row| row.line);
    let name = kind_name(kind);
    let mut id =
        String::with_capacity(name.len() + refs.iter().map(|c| c.name.len() + 1).sum::<usize>());
    id.push_str(name);
    for (i, c) in refs.iter().enumerate() {
        id.push(if i == 0 { ':' } else { ',' });
        id.push_str(&c.name);
    }
    // `str::to_owned` copies; `to_string` on an `Arc<str>` would go through `Display`.
    let cells: Vec<String> = refs.iter().map(|c| (*c.name).to_owned()).collect();
    Check {
        id,
        kind,
        status: Status::Na,
        cells,
        reported: None,
        expected: None,
        imbalance: None,
        formula: None,
        message: Message::default(),
        inferred: rule.inferred,
        line,
        quote: None,
        suggestions: Vec::new(),
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Ratio => "ratio",
        Kind::Sum => "sum",
        Kind::Part => "part",
        Kind::Code => "code",
        Kind::Range => "range",
        Kind::Count => "count",
        Kind::Parse => "parse",
        Kind::Narrative => "narrative",
    }
}

/// The status of a broken rule, by its severity.
fn broken(rule: &Rule) -> Status {
    match rule.severity {
        Severity::Fail => Status::Fail,
        Severity::Warn => Status::Warn,
    }
}

fn evaluate_rule<'r>(report: &'r Report, rule: &Rule, names: &mut Names<'r>) -> Check {
    let mut check = match &rule.kind {
        RuleKind::Ratio {
            result,
            numerator,
            denominator,
        } => ratio(report, rule, result, numerator, denominator, names),
        RuleKind::Sum { total, parts } => sum(report, rule, total, parts, names),
        RuleKind::Covers { total, parts, why } => {
            let mut check = sum(report, rule, total, parts, names);
            // The total is larger than its parts: the rest may have no column of its own.
            let short = check
                .imbalance
                .as_deref()
                .is_some_and(|i| i.starts_with('+'));
            if short && matches!(check.status, Status::Fail | Status::Warn) {
                check.status = Status::Warn;
                check.push_message(&format!(" Các phần cộng lại thiếu so với tổng: {why}."));
            }
            check
        }
        RuleKind::AtMost { parts, whole, why } => {
            at_most(report, rule, parts, whole, why.as_deref(), names)
        }
        RuleKind::Codes { cell, codes } => code(report, rule, cell, codes),
        RuleKind::Percent { cell } | RuleKind::Count { cell } | RuleKind::NonNegative { cell } => {
            range(report, rule, cell, names)
        }
        RuleKind::Readable { cell } => readable(report, rule, cell),
    };
    if rule.inferred && check.status != Status::Na {
        match &mut check.message {
            Message::Deferred { inferred, .. } => *inferred = true,
            Message::Text(text) => text.push_str(INFERRED),
        }
    }
    check
}

#[inline(never)]
fn ratio(
    report: &Report,
    rule: &Rule,
    result: &CellRef,
    numerator: &CellRef,
    denominator: &CellRef,
    names: &mut Names,
) -> Check {
    let mut check = blank(report, rule, Kind::Ratio);
    let about = names.about(report, result, "Tỷ lệ");
    let (n, d) = match (operand(report, numerator), operand(report, denominator)) {
        (Ok(n), Ok(d)) => (n, d),
        (Err(why), _) | (_, Err(why)) => {
            check.message = Message::from(format!("{about}: không tính được tỷ lệ vì {why}."));
            return check;
        }
    };
    let r = operand(report, result);
    if let Ok(r) = &r {
        check.reported = Some(r.printed());
    }
    check.formula = Some(format!("{} / {} × 100", n.printed(), d.printed()));
    let Some(computed) = n.interval.percent_of(&d.interval) else {
        let zero_over_zero = n.figure.value.is_zero() && d.figure.value.is_zero();
        match &r {
            Ok(r) if zero_over_zero && r.figure.value.is_zero() => {
                check.status = Status::Warn;
                check.message = Message::from(format!(
                    "{about}: mẫu số ({}) bằng 0 nên tỷ lệ 0/0 không xác định; ô lại ghi 0%. \
                     Nên để trống hoặc ghi chú «không phát sinh» thay vì ghi 0.",
                    row_phrase(d.row)
                ));
            }
            _ if d.interval.may_be_zero() => {
                check.message = Message::from(format!(
                    "{about}: không tính được tỷ lệ vì mẫu số ({}) bằng {}.",
                    row_phrase(d.row),
                    d.printed()
                ));
            }
            // `percent_of` also gives up when the quotient overflows a decimal.
            _ => {
                check.message = Message::from(format!("{about}: số liệu quá lớn để tính tỷ lệ."));
            }
        }
        return check;
    };
    let exact = n
        .figure
        .value
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(d.figure.value));
    let Some(exact) = exact else {
        check.message = Message::from(format!("{about}: số liệu quá lớn để tính tỷ lệ."));
        return check;
    };
    let r = match r {
        Ok(r) => r,
        Err(why) => {
            check.expected = Some(format_vi(exact, 2));
            check.message = Message::from(format!(
                "{about}: không so sánh được vì {why}; theo số liệu {} / {} = {}%.",
                n.printed(),
                d.printed(),
                format_vi(exact, 2)
            ));
            return check;
        }
    };
    let decimals = r.figure.decimals;
    let expected = round_to(exact, decimals);
    check.expected = Some(format_vi(expected, decimals));
    if computed.meets(&r.interval) {
        check.status = Status::Pass;
        check.imbalance = Some(format_vi(Decimal::ZERO, decimals));
        check.message = Message::Deferred {
            words: Words::RatioHolds {
                about,
                exact,
                decimals,
            },
            inferred: false,
        };
    } else {
        let quotient = format!(
            "{} / {} = {}%",
            n.printed(),
            d.printed(),
            format_vi(expected, decimals)
        );
        // `expected` may be near the decimal's limit (a huge numerator over a tiny denominator):
        // the difference is checked, not trusted, to fit.
        let Some(diff) = r.figure.value.checked_sub(expected) else {
            check.message = Message::from(format!("{about}: số liệu quá lớn để tính tỷ lệ."));
            return check;
        };
        check.status = broken(rule);
        check.imbalance = Some(signed(diff, decimals));
        check.message = Message::from(format!(
            "{about}: tỷ lệ ghi {}% nhưng {quotient} (chênh {} điểm %).",
            r.printed(),
            format_vi(diff.abs(), decimals)
        ));
    }
    check
}

#[inline(never)]
fn sum(
    report: &Report,
    rule: &Rule,
    total: &CellRef,
    parts: &[CellRef],
    names: &mut Names,
) -> Check {
    let mut check = blank(report, rule, Kind::Sum);
    let about = names.about(report, total, "Tổng");
    let mut operands = Vec::with_capacity(parts.len());
    for p in parts {
        match operand(report, p) {
            Ok(o) => operands.push(o),
            Err(why) => {
                check.message = Message::from(format!("{about}: không cộng được vì {why}."));
                return check;
            }
        }
    }
    let t = match operand(report, total) {
        Ok(t) => t,
        Err(why) => {
            check.message = Message::from(format!("{about}: không so sánh được vì {why}."));
            return check;
        }
    };
    let computed = interval_sum(operands.iter().map(|o| o.interval));
    let exact = operands
        .iter()
        .try_fold(Decimal::ZERO, |acc, o| acc.checked_add(o.figure.value));
    let (Some(computed), Some(exact)) = (computed, exact) else {
        check.message = Message::from(format!("{about}: số liệu quá lớn để cộng."));
        return check;
    };
    let formula = operands
        .iter()
        .map(Operand::printed)
        .collect::<Vec<_>>()
        .join(" + ");
    let decimals = t.figure.decimals;
    let expected = round_to(exact, decimals);
    check.reported = Some(t.printed());
    check.expected = Some(format_vi(expected, decimals));
    if computed.meets(&t.interval) {
        check.formula = Some(formula);
        check.status = Status::Pass;
        check.imbalance = Some(format_vi(Decimal::ZERO, decimals));
        check.message = Message::Deferred {
            words: Words::SumHolds { about },
            inferred: false,
        };
    } else {
        check.formula = Some(formula.clone());
        // Many large parts can sum to near the decimal's limit: the difference may not fit.
        let Some(diff) = t.figure.value.checked_sub(expected) else {
            check.message = Message::from(format!("{about}: số liệu quá lớn để cộng."));
            return check;
        };
        check.status = broken(rule);
        check.imbalance = Some(signed(diff, decimals));
        check.message = Message::from(format!(
            "{about}: ghi {} nhưng {formula} = {} (chênh {}).",
            t.printed(),
            format_vi(expected, decimals),
            format_vi(diff.abs(), decimals)
        ));
    }
    check
}

#[inline(never)]
fn at_most(
    report: &Report,
    rule: &Rule,
    parts: &[CellRef],
    whole: &CellRef,
    why: Option<&str>,
    names: &mut Names,
) -> Check {
    let mut check = blank(report, rule, Kind::Part);
    let mut operands = Vec::with_capacity(parts.len());
    for p in parts {
        match operand(report, p) {
            Ok(o) => operands.push(o),
            Err(reason) => {
                check.message = Message::from(format!(
                    "Không so sánh được {} với {} vì {reason}.",
                    p.name, whole.name
                ));
                return check;
            }
        }
    }
    let w = match operand(report, whole) {
        Ok(w) => w,
        Err(reason) => {
            check.message = Message::from(format!(
                "Không so sánh được với {} vì {reason}.",
                whole.name
            ));
            return check;
        }
    };
    let holds = at_most_holds(operands.iter().map(|o| o.interval), &w.interval);
    let exact = operands
        .iter()
        .try_fold(Decimal::ZERO, |acc, o| acc.checked_add(o.figure.value));
    let (Some(holds), Some(exact)) = (holds, exact) else {
        check.message = "Số liệu quá lớn để cộng.".into();
        return check;
    };
    let decimals = operands
        .iter()
        .map(|o| o.figure.decimals)
        .max()
        .unwrap_or(0);
    check.reported = Some(format_vi(exact, decimals));
    check.expected = Some(format!("≤ {}", w.printed()));
    check.formula = Some(format!(
        "{} ≤ {}",
        operands
            .iter()
            .map(Operand::printed)
            .collect::<Vec<_>>()
            .join(" + "),
        w.printed()
    ));
    if let (true, [_]) = (holds, parts) {
        // A part of a percentage within its whole: every inferred percentage has one.
        check.status = Status::Pass;
        check.message = Message::Deferred {
            words: Words::PartWithin {
                part: names.about(report, &parts[0], "Ô"),
                whole: names.about(report, whole, "Ô"),
            },
            inferred: false,
        };
        return check;
    }
    let parts_phrase = if let [only] = operands.as_slice() {
        format!("{} ghi {}", row_phrase(only.row), only.printed())
    } else {
        let stts = operands
            .iter()
            .map(|o| o.row.stt.label.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        format!("tổng các dòng {stts} là {}", format_vi(exact, decimals))
    };
    let whole_phrase = format!("{} ({})", row_phrase(w.row), w.printed());
    if holds {
        check.status = Status::Pass;
        check.message = Message::from(capitalise(&format!(
            "{parts_phrase}, không vượt {whole_phrase}."
        )));
    } else {
        check.status = broken(rule);
        // Parts summing to near the decimal's limit against a negative whole may not fit.
        check.imbalance = exact
            .checked_sub(w.figure.value)
            .map(|d| signed(d, decimals.max(w.figure.decimals)));
        let why = why.map(|w| format!(": {w}")).unwrap_or_default();
        check.message = Message::from(capitalise(&format!(
            "{parts_phrase}, lớn hơn {whole_phrase}{why}."
        )));
    }
    check
}

#[inline(never)]
fn code(report: &Report, rule: &Rule, cell: &CellRef, codes: &[(i64, Option<String>)]) -> Check {
    let mut check = blank(report, rule, Kind::Code);
    let o = match operand(report, cell) {
        Ok(o) => o,
        Err(why) => {
            check.message = Message::from(format!("Không kiểm tra được mã vì {why}."));
            return check;
        }
    };
    let about = row_phrase_capital(o.row);
    check.reported = Some(o.printed());
    check.expected = Some(
        codes
            .iter()
            .map(|(k, _)| k.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    );
    match code_of(&o.figure, codes) {
        Some((k, label)) => {
            check.status = Status::Pass;
            check.message = Message::from(match label {
                Some(l) => format!("{about}: mã {k} ({l}) hợp lệ."),
                None => format!("{about}: mã {k} hợp lệ."),
            });
        }
        None => {
            check.status = broken(rule);
            check.message = Message::from(format!(
                "{about}: ghi {} nhưng chỉ được ghi {}.",
                o.printed(),
                codes_phrase(codes)
            ));
        }
    }
    check
}

#[inline(never)]
fn range<'r>(report: &'r Report, rule: &Rule, cell: &CellRef, names: &mut Names<'r>) -> Check {
    let kind = match rule.kind {
        RuleKind::Count { .. } => Kind::Count,
        _ => Kind::Range,
    };
    let mut check = blank(report, rule, kind);
    let o = match operand(report, cell) {
        Ok(o) => o,
        Err(why) => {
            check.message = format!("Không kiểm tra được vì {why}.").into();
            return check;
        }
    };
    // Every row with a figure gets this check: its message is worded when shown, from the row's
    // name made once ([`Names`]).
    let ok = in_range(&rule.kind, o.figure.value);
    let about = names.about(report, cell, "Ô");
    let (words, expected) = match rule.kind {
        RuleKind::Percent { .. } => (Words::Percent { about, ok }, "0–100"),
        RuleKind::Count { .. } => (
            Words::Count {
                about,
                unit: names.count_unit(&o.row.unit),
                ok,
            },
            "số nguyên ≥ 0",
        ),
        _ => (
            Words::NotNegative {
                about,
                unit: names.amount_unit(&o.row.unit),
                ok,
            },
            "≥ 0",
        ),
    };
    check.reported = Some(o.printed());
    check.expected = Some(expected.to_string());
    check.status = if ok { Status::Pass } else { broken(rule) };
    check.message = Message::Deferred {
        words,
        inferred: false,
    };
    check
}

#[inline(never)]
fn readable(report: &Report, rule: &Rule, cell: &CellRef) -> Check {
    let mut check = blank(report, rule, Kind::Parse);
    let Some(row) = row_at(report, cell.at) else {
        check.message = Message::from(format!("Không tìm thấy ô {}.", cell.name));
        return check;
    };
    let about = row_phrase_capital(row);
    check.reported = Some(row.raw.clone());
    match &row.value {
        Value::Text(t) => {
            check.status = broken(rule);
            check.message = Message::from(format!(
                "{about}: ô số liệu ghi chữ «{}» thay vì một con số, nên không dùng được để kiểm tra. \
                 Nếu không có số liệu, hãy để trống hoặc ghi «-».",
                quoted(t)
            ));
        }
        Value::Malformed(t) => {
            check.status = broken(rule);
            check.message = Message::from(if excel_error(t) {
                format!(
                    "{about}: ô ghi «{}», lỗi công thức của Excel, không phải số liệu. Hãy sửa \
                     công thức trong bảng tính (hoặc nhập số) rồi kiểm tra lại.",
                    quoted(t)
                )
            } else if let Some(digit) = foreign_digit(t) {
                format!(
                    "{about}: «{}» có chữ số «{digit}» không phải chữ số 0–9 (có thể do bàn phím \
                     tiếng Ả Rập hoặc chữ toàn khổ), nên không đọc thành số. Hãy gõ lại bằng chữ số 0–9.",
                    quoted(t)
                )
            } else if let Some(vi) = english_style(t) {
                format!(
                    "{about}: «{}» có vẻ viết theo kiểu Anh–Mỹ (dấu chấm trước phần thập phân); \
                     nếu vậy, viết kiểu Việt Nam là {vi} (dấu chấm ngăn cách hàng nghìn, dấu phẩy \
                     trước phần thập phân).",
                    quoted(t)
                )
            } else {
                format!(
                    "{about}: không đọc được «{}» thành số. Số viết kiểu Việt Nam: dấu chấm ngăn cách \
                     hàng nghìn, dấu phẩy trước phần thập phân (ví dụ 9.191.517 hoặc 31,15).",
                    quoted(t)
                )
            });
        }
        _ => {
            check.status = Status::Pass;
            check.message = Message::from(format!("{about}: đọc được số liệu."));
        }
    }
    check
}
