//! The real report (Khánh Hòa, Q3/2024): read whole, checked whole, and edited figure by figure.

use kiemso::outcome::{Check, Kind, Outcome, Status};
use kiemso::{builtin_catalogue, check_text, Options};
use std::collections::BTreeMap;

const SEED: &str = include_str!("../www/examples/khanh-hoa-q3-2024.txt");

fn check(overrides: &[(&str, &str)]) -> Outcome {
    let options = Options {
        overrides: overrides
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        ..Options::default()
    };
    check_text(SEED, &options).expect("the seed is readable")
}

fn find<'a>(o: &'a Outcome, id: &str) -> &'a Check {
    o.checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id}"))
}

fn value_of(o: &Outcome, cell: &str) -> String {
    o.forms
        .iter()
        .flat_map(|f| &f.table)
        .find(|r| r.cell == cell)
        .unwrap_or_else(|| panic!("no cell {cell}"))
        .value
        .clone()
}

#[test]
fn seven_forms_146_rows_no_failure() {
    let o = check(&[]);
    let forms: Vec<(&str, usize)> = o.forms.iter().map(|f| (f.form.as_str(), f.rows)).collect();
    assert_eq!(
        forms,
        vec![
            ("B01", 22),
            ("B02", 14),
            ("B03", 25),
            ("B04", 21),
            ("B05", 16),
            ("B06", 13),
            ("B07", 35)
        ]
    );
    assert_eq!(o.forms.iter().map(|f| f.rows).sum::<usize>(), 146);
    let failures: Vec<String> = o
        .checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| c.message().into_owned())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(o.summary.fail, 0);
    assert!(o.summary.pass > 100);
    assert_eq!(
        o.forms[0].title,
        "Công tác chỉ đạo, điều hành Cải cách hành chính"
    );
}

#[test]
fn zero_over_zero_is_not_a_failure() {
    let o = check(&[]);
    for id in [
        "ratio:B01/3.3,B01/3.3.2,B01/3.3.1",
        "ratio:B02/2.2,B02/2.2.2,B02/2.2.1",
    ] {
        let c = find(&o, id);
        assert_eq!(c.status, Status::Warn, "{}", c.message());
        assert!(c.message().contains("0/0"), "{}", c.message());
    }
}

#[test]
fn every_catalogue_rule_is_evaluated() {
    let o = check(&[]);
    let catalogue = builtin_catalogue();
    for form in &catalogue.forms {
        for rule in &form.rules {
            let cells: Vec<String> = rule
                .cells()
                .iter()
                .map(|c| {
                    let (n, stt) = kiemso::catalogue::split_cell_ref(Some(form.number), c).unwrap();
                    format!("B{n:02}/{stt}")
                })
                .collect();
            let found = o.checks.iter().any(|c| {
                c.cells == cells
                    && c.kind != Kind::Range
                    && c.kind != Kind::Count
                    && c.status != Status::Na
            });
            assert!(found, "rule {rule:?} of B{:02} not evaluated", form.number);
        }
    }
    let cross = find(&o, "part:B04/1.5,B06/2.1");
    assert_eq!(cross.status, Status::Pass);
}

#[test]
fn the_issue_examples_fail_and_say_what_was_expected() {
    let o = check(&[("B03/3.1.2", "66.678")]);
    let c = find(&o, "ratio:B03/3.1,B03/3.1.2,B03/3.1.1");
    assert_eq!(c.status, Status::Fail);
    assert!(c.cells.contains(&"B03/3.1.2".to_string()));
    assert_eq!(c.reported.as_deref(), Some("99,59"));
    assert_eq!(c.expected.as_deref(), Some("99,58"));
    assert_eq!(c.imbalance.as_deref(), Some("+0,01"));
    assert!(
        c.message().contains("66.678 / 66.959 = 99,58%"),
        "{}",
        c.message()
    );

    let o = check(&[("B06/1", "32,35")]);
    let c = find(&o, "ratio:B06/1,B06/1.2,B06/1.1");
    assert_eq!(c.status, Status::Fail);
    assert_eq!(c.expected.as_deref(), Some("32,53"));
    assert_eq!(
        c.message(),
        "Dòng 1 «Tỷ lệ thực hiện kế hoạch giải ngân vốn đầu tư công»: tỷ lệ ghi 32,35% nhưng \
         2.990.163 / 9.191.517 = 32,53% (chênh 0,18 điểm %)."
    );

    let o = check(&[("B01/2", "31,51")]);
    let c = find(&o, "ratio:B01/2,B01/2.2,B01/2.1");
    assert!(
        c.message()
            .contains("tỷ lệ ghi 31,51% nhưng 19 / 61 = 31,15% (chênh 0,36 điểm %)"),
        "{}",
        c.message()
    );
}

/// The leading digit of a printed figure raised by one (`66.687` → `76.687`, `9` → `10`, `0` → `1`):
/// a change of at least 10 %, which every sum and ratio of the seed must notice.
fn bump_leading_digit(printed: &str) -> String {
    let mut out = String::new();
    let mut done = false;
    for c in printed.chars() {
        if !done && c.is_ascii_digit() {
            let d = c.to_digit(10).unwrap();
            if d == 9 {
                out.push_str("10");
            } else {
                out.push(char::from_digit(d + 1, 10).unwrap());
            }
            done = true;
        } else {
            out.push(c);
        }
    }
    if out.contains('.') {
        // Regroup thousands after a 9 → 10 carry.
        let digits: String = out.chars().filter(|c| *c != '.').collect();
        let figure = kiemso::number::Figure::parse(&digits).unwrap();
        return figure.printed();
    }
    out
}

#[test]
fn any_figure_of_a_sum_or_ratio_edited_gives_a_failure_naming_it() {
    let base = check(&[]);
    let mut tried = 0;
    for c in base
        .checks
        .iter()
        .filter(|c| matches!(c.kind, Kind::Sum | Kind::Ratio) && c.status == Status::Pass)
    {
        for cell in &c.cells {
            let edited = bump_leading_digit(&value_of(&base, cell));
            let o = check(&[(cell, &edited)]);
            let after = find(&o, &c.id);
            assert_eq!(
                after.status,
                Status::Fail,
                "{cell} {} → {edited}: {}",
                value_of(&base, cell),
                after.message()
            );
            assert!(after.cells.contains(cell));
            assert!(after.expected.is_some() && after.imbalance.is_some());
            tried += 1;
        }
    }
    assert!(tried >= 60, "only {tried} edits tried");
}

/// Whether `reported` (printed with its decimals) is the correctly rounded `n / d × 100`,
/// decided with integers only: an oracle independent of the checker's decimal intervals.
fn ratio_oracle(n: i128, d: i128, reported: &str) -> bool {
    let (int, frac) = reported.split_once(',').unwrap_or((reported, ""));
    let scale = 10i128.pow(frac.len() as u32);
    let r: i128 = format!("{}{}", int.replace('.', ""), frac).parse().unwrap();
    // |100·n·scale − r·d| ≤ d/2, doubled to stay in integers.
    (2 * 100 * n * scale - 2 * r * d).abs() <= d
}

fn count(o: &Outcome, cell: &str) -> i128 {
    value_of(o, cell).replace('.', "").parse().unwrap()
}

#[test]
fn transposed_digits_are_judged_as_exact_arithmetic_says() {
    let base = check(&[]);
    let mut judged = 0;
    let mut failures = 0;
    for c in base
        .checks
        .iter()
        .filter(|c| c.kind == Kind::Ratio && c.status == Status::Pass)
    {
        // Only ratios of exact counts: amounts in triệu đồng are themselves rounded.
        if c.cells[1..].iter().any(|cell| cell.starts_with("B06/")) {
            continue;
        }
        for (k, cell) in c.cells.iter().enumerate() {
            let printed = value_of(&base, cell);
            let digits: Vec<usize> = printed
                .char_indices()
                .filter(|(_, ch)| ch.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if digits.len() < 2 {
                continue;
            }
            let (a, b) = (digits[digits.len() - 2], digits[digits.len() - 1]);
            let mut bytes = printed.clone().into_bytes();
            bytes.swap(a, b);
            let edited = String::from_utf8(bytes).unwrap();
            if edited == printed {
                continue;
            }
            let o = check(&[(cell, &edited)]);
            let (mut n, mut d) = (count(&base, &c.cells[1]), count(&base, &c.cells[2]));
            let mut r = value_of(&base, &c.cells[0]);
            match k {
                0 => r = edited.clone(),
                1 => n = edited.replace('.', "").parse().unwrap(),
                _ => d = edited.replace('.', "").parse().unwrap(),
            }
            let consistent = ratio_oracle(n, d, &r);
            let status = find(&o, &c.id).status;
            assert_eq!(
                status == Status::Pass,
                consistent,
                "{cell}: {printed} → {edited}"
            );
            judged += 1;
            failures += usize::from(!consistent);
        }
    }
    assert!(
        judged >= 20 && failures >= 10,
        "{judged} judged, {failures} failures"
    );
}

#[test]
fn json_contract_shape() {
    let o = check(&[]);
    let v: serde_json::Value = serde_json::from_str(&o.to_json()).unwrap();
    let form = &v["forms"][2];
    assert_eq!(form["form"], "B03");
    assert_eq!(form["rows"], 25);
    let c = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cells"][0] == "B03/3.1" && c["kind"] == "ratio")
        .unwrap();
    assert_eq!(c["status"], "pass");
    assert_eq!(
        c["cells"],
        serde_json::json!(["B03/3.1", "B03/3.1.2", "B03/3.1.1"])
    );
    assert_eq!(c["reported"], "99,59");
    assert_eq!(c["expected"], "99,59");
    assert!(c["message"].as_str().unwrap().contains("66.687 / 66.959"));
    for key in ["pass", "fail", "warn", "na"] {
        assert!(v["summary"][key].is_u64());
    }
}
