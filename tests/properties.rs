//! Properties that must hold for every input, not just the examples: the interval arithmetic
//! never loses the exact result, a correctly rounded ratio always passes, a wrong digit in a sum
//! is always caught, Vietnamese print reads back to the same number, and nothing panics.

use kiemso::interval::Interval;
use kiemso::number::{format_vi, round_to, Figure};
use kiemso::outcome::{Outcome, Status};
use kiemso::{check_text, Options};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn run(text: &str) -> Outcome {
    check_text(text, &Options::default()).expect("readable")
}

fn status(o: &Outcome, id: &str) -> Status {
    o.checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id}"))
        .status
}

/// A figure as an official would print it: an exact value, rounded to `decimals` places.
/// Returns (the exact value, the printed value, the decimals).
fn rounded_figure() -> impl Strategy<Value = (Decimal, Decimal, u32)> {
    (0i64..10_000_000_000, 0u32..=6, 0u32..=4).prop_map(|(m, scale, decimals)| {
        let exact = Decimal::new(m, scale);
        (exact, round_to(exact, decimals), decimals)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Every value that rounds to a printed figure lies in its interval, and the interval of a
    /// sum of such figures contains the exact sum, whatever the mix of counts and rounded values.
    #[test]
    fn sum_interval_contains_the_exact_sum(
        counts in prop::collection::vec(0u64..1_000_000_000_000, 0..8),
        figures in prop::collection::vec(rounded_figure(), 0..8),
    ) {
        let mut exact = Decimal::ZERO;
        let mut interval = Interval::exact(Decimal::ZERO);
        for c in &counts {
            exact += Decimal::from(*c);
            interval = interval.checked_add(&Interval::exact(Decimal::from(*c))).unwrap();
        }
        for (value, printed, decimals) in &figures {
            let i = Interval::rounded(*printed, *decimals);
            prop_assert!(i.contains(*value), "{value} printed {printed} at {decimals}: {i:?}");
            exact += *value;
            interval = interval.checked_add(&i).unwrap();
        }
        prop_assert!(interval.contains(exact), "{exact} not in {interval:?}");
    }

    /// The interval of a ratio of rounded figures contains the exact ratio of the values they
    /// round from, and of exact counts.
    #[test]
    fn ratio_interval_contains_the_exact_ratio(
        n in rounded_figure(),
        d in rounded_figure(),
        counts in (0u64..10_000_000, 1u64..10_000_000),
    ) {
        let (nv, np, nd) = n;
        let (dv, dp, dd) = d;
        let ni = Interval::rounded(np, nd);
        let di = Interval::rounded(dp, dd);
        if let Some(r) = ni.percent_of(&di) {
            prop_assert!(!dv.is_zero(), "a zero denominator must give no interval");
            let exact = nv * Decimal::ONE_HUNDRED / dv;
            prop_assert!(r.contains(exact), "{nv}/{dv}: {exact} not in {r:?}");
        } else {
            prop_assert!(di.may_be_zero());
        }
        let (cn, cd) = counts;
        let r = Interval::exact(Decimal::from(cn))
            .percent_of(&Interval::exact(Decimal::from(cd)))
            .unwrap();
        let exact = Decimal::from(cn) * Decimal::ONE_HUNDRED / Decimal::from(cd);
        prop_assert!(r.contains(exact), "{cn}/{cd}: {exact} not in {r:?}");
    }

    /// A percentage printed as `round(n/d × 100, dec)` the Vietnamese way always passes the
    /// ratio check of form 01, for any n ≤ d, d > 0 and 0–4 decimals.
    #[test]
    fn a_correctly_rounded_ratio_passes(
        (n, d) in (1u64..2_000_000).prop_flat_map(|d| (0..=d, Just(d))),
        decimals in 0u32..=4,
    ) {
        let exact = Decimal::from(n) * Decimal::ONE_HUNDRED / Decimal::from(d);
        let printed = format_vi(exact, decimals);
        let text = format!(
            "Biểu mẫu số 01\n\
             2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t{printed}\t\n\
             2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t{}\t\n\
             2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t{}\t\n",
            format_vi(Decimal::from(d), 0),
            format_vi(Decimal::from(n), 0)
        );
        let o = run(&text);
        prop_assert_eq!(status(&o, "ratio:B01/2,B01/2.2,B01/2.1"), Status::Pass, "{}/{} printed {}", n, d, printed);
        prop_assert_eq!(o.summary.fail, 0);
    }

    /// Changing any one digit of any count in a sum (the total or a part) always fails the sum.
    #[test]
    fn a_changed_digit_in_a_sum_always_fails(
        parts in prop::collection::vec(0u64..5_000_000, 3),
        which in 0usize..4,
        position in any::<prop::sample::Index>(),
        replacement in 0u32..10,
    ) {
        let total: u64 = parts.iter().sum();
        let mut cells: Vec<String> = std::iter::once(total)
            .chain(parts.iter().copied())
            .map(|v| format_vi(Decimal::from(v), 0))
            .collect();
        let digits: Vec<usize> = cells[which]
            .char_indices()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| i)
            .collect();
        let at = digits[position.index(digits.len())];
        let old = cells[which].as_bytes()[at] - b'0';
        let new = if u32::from(old) == replacement { (replacement + 1) % 10 } else { replacement };
        cells[which].replace_range(at..=at, &new.to_string());
        let text = format!(
            "Biểu mẫu số 02\n\
             1.\tTổng số VBQPPL do địa phương ban hành\tVăn bản\t{}\t\n\
             1.1.\tSố VBQPPL do cấp tỉnh ban hành\tVăn bản\t{}\t\n\
             1.2.\tSố VBQPPL do cấp huyện ban hành\tVăn bản\t{}\t\n\
             1.3.\tSố VBQPPL do cấp xã ban hành\tVăn bản\t{}\t\n",
            cells[0], cells[1], cells[2], cells[3]
        );
        let o = run(&text);
        prop_assert_eq!(status(&o, "sum:B02/1,B02/1.1,B02/1.2,B02/1.3"), Status::Fail, "{:?}", cells);
    }

    /// Printing a number the Vietnamese way and reading it back gives the number rounded to the
    /// printed decimals, with those decimals; a figure read from a cell prints back to itself.
    /// (Up to 17 integer digits and 10 decimals: a cell holds at most 27 digits.)
    #[test]
    fn format_then_parse_round_trips(
        mantissa in -10_000_000_000_000_000i64..10_000_000_000_000_000,
        scale in 0u32..=10,
        decimals in 0u32..=10,
        percent in any::<bool>(),
    ) {
        let value = Decimal::new(mantissa, scale);
        let printed = format_vi(value, decimals);
        let cell = if percent { format!("{printed}%") } else { printed.clone() };
        let f = Figure::parse(&cell).unwrap_or_else(|e| panic!("{value} at {decimals}: {printed:?} {e:?}"));
        prop_assert_eq!(f.value, round_to(value, decimals));
        prop_assert_eq!(f.decimals, decimals);
        prop_assert_eq!(f.percent_sign, percent);
        prop_assert_eq!(f.printed(), printed);
    }

    /// No string makes the check panic, and whatever it returns is a JSON document.
    #[test]
    fn check_text_never_panics_on_any_string(text in any::<String>()) {
        if let Ok(o) = check_text(&text, &Options::default()) {
            prop_assert!(serde_json::from_str::<serde_json::Value>(&o.to_json()).is_ok());
        }
    }

    /// Nor does any grid shaped like a pasted table: STT-like, number-like and word cells, units
    /// that are codes, percentages and counts, header words, empty cells, ragged rows.
    #[test]
    fn check_text_never_panics_on_tsv_grids(
        title in prop::option::of(0u32..12),
        grid in prop::collection::vec(prop::collection::vec(cell(), 0..7), 0..40),
        delimiter in prop::sample::select(vec!["\t", ";", ","]),
    ) {
        let mut text = String::new();
        if let Some(n) = title {
            text.push_str(&format!("Biểu mẫu số {n:02}\n"));
        }
        for row in &grid {
            text.push_str(&row.join(delimiter));
            text.push('\n');
        }
        match check_text(&text, &Options::default()) {
            Ok(o) => {
                let s = o.summary;
                prop_assert_eq!(s.pass + s.fail + s.warn + s.na, o.checks.len());
                prop_assert!(o.checks.iter().all(|c| !c.message().is_empty()));
                prop_assert!(serde_json::from_str::<serde_json::Value>(&o.to_json()).is_ok());
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

/// A cell of a pasted table, drawn from what such tables hold (and what goes wrong in them).
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,2}(\\.[0-9]{1,2}){0,4}\\.?",
        "-?[0-9]{1,3}(\\.[0-9]{3}){0,3}(,[0-9]{1,4})?%?",
        "[-+0-9.,% \u{00A0}\u{200B}]{0,12}",
        prop::sample::select(vec![
            "",
            "%",
            "Văn bản",
            "Nhiệm vụ",
            "Triệu đồng",
            "Có = 1; Không = 0",
            "Chưa có = 0 2 cấp = 1 3 cấp = 2",
            "Tổng số hồ sơ",
            "Tỷ lệ hồ sơ đúng hạn",
            "STT",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Số liệu",
            "Kết quả thống kê",
            "Ghi chú",
            "-",
            "x",
            "N/A",
            "\"",
            "\"a\tb\"",
            "١٢",
            "Biểu mẫu số 03",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}
