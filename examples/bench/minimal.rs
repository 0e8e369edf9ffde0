//! The yardstick of `bench minimal`: the smallest checker that gives the same verdicts as
//! Kiểm số on the generated tables, written the way a data person would (the csv crate,
//! `rust_decimal`, a map from STT to row, no messages, no notices, no report model). Kiểm số does
//! more (it explains every check in Vietnamese, reads any paste, knows the catalogue); the ratio
//! of the two times is what that costs.
//!
//! The rules are Kiểm số's inferred rules for a table the catalogue does not know, as
//! `src/rules.rs` states them: a «Tỷ lệ …» row in % with exactly two count children is child 2 ÷
//! child 1 × 100 (and child 2 ≤ child 1); a «Tổng số …»/«Tổng …» row (not in %) whose two or more
//! children share its unit is their sum; every count is whole and not negative, every % within
//! 0–100, every amount not negative, every coded row one of its codes. A figure printed with *d*
//! decimals stands for ± ½·10⁻ᵈ; counts are exact.

use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

/// Passed and failed checks, by kind (`count`, `range`, `code`, `sum`, `ratio`, `part`).
pub type Verdicts = BTreeMap<&'static str, (usize, usize)>;

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Percent,
    Count,
    Amount,
    Code,
}

struct Row {
    stt: String,
    indicator: String,
    unit_text: String,
    unit: Unit,
    /// The value and its half-width (½·10⁻ᵈ, 0 for counts).
    value: Option<(Decimal, Decimal)>,
}

fn unit_of(u: &str) -> Unit {
    if u == "%" {
        Unit::Percent
    } else if u.contains('=') {
        Unit::Code
    } else if u.contains("đồng") {
        Unit::Amount
    } else {
        Unit::Count
    }
}

/// `9.191.517` or `31,15` → (value, half-width of its last printed digit).
fn figure(s: &str, exact: bool) -> Option<(Decimal, Decimal)> {
    let plain: String = s
        .chars()
        .filter(|&c| c != '.')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let v = Decimal::from_str(plain.trim()).ok()?;
    let half = if exact {
        Decimal::ZERO
    } else {
        Decimal::new(5, v.scale() + 1)
    };
    Some((v, half))
}

fn add(v: &mut Verdicts, kind: &'static str, ok: bool) {
    let e = v.entry(kind).or_default();
    if ok {
        e.0 += 1;
    } else {
        e.1 += 1;
    }
}

/// Checks a CSV table (header row, then STT, indicator, unit, value, note).
pub fn check(csv_text: &str) -> Verdicts {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let mut rows: Vec<Row> = Vec::new();
    for record in reader.records().flatten() {
        let unit_text = record.get(2).unwrap_or("").to_string();
        let unit = unit_of(&unit_text);
        let exact = matches!(unit, Unit::Count | Unit::Code);
        rows.push(Row {
            stt: record
                .get(0)
                .unwrap_or("")
                .trim_end_matches('.')
                .to_string(),
            indicator: record.get(1).unwrap_or("").to_lowercase(),
            value: figure(record.get(3).unwrap_or(""), exact),
            unit_text,
            unit,
        });
    }
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some((parent, _)) = r.stt.rsplit_once('.') {
            children.entry(parent).or_default().push(i);
        }
    }
    let mut v = Verdicts::new();
    let hundred = Decimal::ONE_HUNDRED;
    for r in &rows {
        let Some((x, _)) = r.value else { continue };
        match r.unit {
            Unit::Count => add(
                &mut v,
                "count",
                x.fract().is_zero() && !x.is_sign_negative(),
            ),
            Unit::Percent => add(&mut v, "range", x >= Decimal::ZERO && x <= hundred),
            Unit::Amount => add(&mut v, "range", !x.is_sign_negative()),
            Unit::Code => add(&mut v, "code", x == Decimal::ZERO || x == Decimal::ONE),
        }
        let Some(kids) = children.get(r.stt.as_str()) else {
            continue;
        };
        if r.unit == Unit::Percent
            && (r.indicator.starts_with("tỷ lệ") || r.indicator.starts_with("tỉ lệ"))
            && kids.len() == 2
            && kids.iter().all(|&k| rows[k].unit == Unit::Count)
        {
            let (Some((d, _)), Some((n, _))) = (rows[kids[0]].value, rows[kids[1]].value) else {
                continue;
            };
            let (value, half) = r.value.unwrap();
            if !d.is_zero() {
                let exact = n * hundred / d;
                add(&mut v, "ratio", (value - exact).abs() <= half);
            }
            add(&mut v, "part", n <= d);
        } else if r.unit != Unit::Percent
            && r.indicator.starts_with("tổng")
            && kids.len() >= 2
            && kids.iter().all(|&k| rows[k].unit_text == r.unit_text)
        {
            let (mut sum, mut slack) = (Decimal::ZERO, r.value.unwrap().1);
            let mut all = true;
            for &k in kids {
                match rows[k].value {
                    Some((x, h)) => {
                        sum += x;
                        slack += h;
                    }
                    None => all = false,
                }
            }
            if all {
                add(&mut v, "sum", (r.value.unwrap().0 - sum).abs() <= slack);
            }
        }
    }
    v
}
