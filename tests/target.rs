//! Goal seeking («Cần bao nhiêu để đạt …?», issue 18) over every ratio and every sum of the seed
//! report, checked against an independent integer computation: figures scaled to integers,
//! rounding half up by integer division, and the smallest change found by walking one unit at a
//! time — nothing shared with `src/target.rs` but the report's figures.

use kiemso::outcome::{Kind, Outcome, Status};
use kiemso::target::Goal;
use kiemso::{check_text, target_text, Options};
use std::collections::{BTreeMap, HashMap};

const SEED: &str = include_str!("../www/examples/khanh-hoa-q3-2024.txt");

/// A Vietnamese-printed figure as an integer and its decimals (`99,59` → (9959, 2)).
fn scaled(printed: &str) -> (i128, u32) {
    let t = printed.trim().trim_end_matches('%');
    let (int, frac) = t.split_once(',').unwrap_or((t, ""));
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    let v: i128 = format!("{digits}{frac}").parse().expect("a figure");
    (if t.starts_with('-') { -v } else { v }, frac.len() as u32)
}

/// Prints an integer scaled by 10^k the Vietnamese way, as the engine does.
fn print_scaled(v: i128, k: u32) -> String {
    let p = 10i128.pow(k);
    let int = (v.abs() / p).to_string();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if v < 0 { "-" } else { "" };
    if k == 0 {
        format!("{sign}{grouped}")
    } else {
        format!(
            "{sign}{grouped},{:0width$}",
            v.abs() % p,
            width = k as usize
        )
    }
}

/// `n / d × 100` rounded half up to `k` decimals, as an integer scaled by 10^k.
fn percent_rounded(n: i128, d: i128, k: u32) -> i128 {
    assert!(d > 0 && n >= 0);
    let x2 = 2 * n * 100 * 10i128.pow(k); // 2·x·d
    (x2 + d) / (2 * d)
}

struct Seed {
    outcome: Outcome,
    values: HashMap<String, String>,
}

fn seed() -> Seed {
    let outcome = check_text(SEED, &Options::default()).unwrap();
    let values = outcome
        .forms
        .iter()
        .flat_map(|f| f.table.iter())
        .map(|r| (r.cell.clone(), r.value.clone()))
        .collect();
    Seed { outcome, values }
}

fn ask(cell: &str, target: &str, change: Option<&str>) -> Goal {
    target_text(SEED, cell, target, change, &Options::default())
        .unwrap_or_else(|e| panic!("{cell} → {target}: {e}"))
}

/// Applies a goal's changes as what-if edits and checks again: no table check may fail, and the
/// goal's own check passes.
fn apply_and_recheck(goal: &Goal) {
    let overrides: BTreeMap<String, String> = goal
        .changes
        .iter()
        .map(|c| (c.cell.clone(), c.to.clone()))
        .collect();
    let options = Options {
        overrides,
        ..Options::default()
    };
    let outcome = check_text(SEED, &options).unwrap();
    let table_failures: Vec<String> = outcome
        .checks
        .iter()
        .filter(|c| c.kind != Kind::Narrative && c.status == Status::Fail)
        .map(|c| c.message().into_owned())
        .collect();
    assert!(
        table_failures.is_empty(),
        "{}: after {:?}: {table_failures:?}",
        goal.message,
        goal.changes
    );
    let own = outcome
        .checks
        .iter()
        .filter(|c| matches!(c.kind, Kind::Ratio | Kind::Sum) && c.cells[0] == goal.cell)
        .collect::<Vec<_>>();
    assert!(!own.is_empty());
    assert!(own.iter().all(|c| c.status == Status::Pass), "{own:?}");
}

/// The figure a goal's change of `cell` goes to, read from the changes or, for an unreachable
/// goal, from its message («(278 → 223) nhưng …»).
fn changed_to(goal: &Goal, cell: &str, from: &str) -> Option<String> {
    if goal.reachable {
        return goal
            .changes
            .iter()
            .find(|c| c.cell == cell)
            .map(|c| c.to.clone());
    }
    let (_, rest) = goal.message.split_once(&format!("({from} → "))?;
    rest.split_once(')').map(|(to, _)| to.to_string())
}

/// Targets around a current value `now` (scaled by 10^k), within `0..=max`: one unit up and
/// down, a few units away, and far.
fn targets(now: i128, max: i128) -> Vec<i128> {
    let mut t = vec![
        now + 1,
        now - 1,
        now + 7,
        now - 13,
        now + max / 3,
        now - max / 4,
    ];
    t.retain(|&x| (0..=max).contains(&x) && x != now);
    t.sort();
    t.dedup();
    t
}

#[test]
fn every_ratio_of_the_seed_by_its_numerator() {
    let s = seed();
    let ratios: Vec<_> = s
        .outcome
        .checks
        .iter()
        .filter(|c| c.kind == Kind::Ratio)
        .collect();
    assert!(ratios.len() >= 10, "{}", ratios.len());
    let mut asked = 0;
    let mut reached = 0;
    let mut limited = 0;
    for check in ratios {
        let (cell, num, den) = (&check.cells[0], &check.cells[1], &check.cells[2]);
        let (n, _) = scaled(&s.values[num]);
        let (d, _) = scaled(&s.values[den]);
        let (_, k) = scaled(&s.values[cell]);
        let hundred = 100 * 10i128.pow(k);
        if d == 0 {
            // 0 / 0: no rate to move, whatever the target.
            let goal = ask(cell, "50", None);
            assert!(!goal.reachable && goal.changes.is_empty());
            assert!(goal.message.contains("mẫu số"), "{}", goal.message);
            continue;
        }
        let now = percent_rounded(n, d, k);
        // Beyond 100 %: never, and it says why.
        let over = print_scaled(hundred + 1, k);
        let goal = ask(cell, &over, None);
        assert!(!goal.reachable, "{cell} → {over}: {}", goal.message);
        assert!(goal.message.contains("100%"), "{}", goal.message);
        for t in targets(now, hundred) {
            let target = print_scaled(t, k);
            let goal = ask(cell, &target, None);
            asked += 1;
            // The independent answer: walk the numerator one unit at a time from where it is.
            let expected = if t > now {
                (n..=d).find(|&x| percent_rounded(x, d, k) >= t)
            } else {
                (0..=n).rev().find(|&x| percent_rounded(x, d, k) <= t)
            };
            let Some(x) = expected else {
                assert!(!goal.reachable, "{cell} → {target}: {}", goal.message);
                continue;
            };
            // The rounding edge: x prints as the target (or past it), one unit less does not.
            if t > now {
                assert!(percent_rounded(x, d, k) >= t);
                assert!(percent_rounded(x - 1, d, k) < t);
            } else {
                assert!(percent_rounded(x, d, k) <= t);
                assert!(percent_rounded(x + 1, d, k) > t);
            }
            let to = changed_to(&goal, num, &print_scaled(n, 0));
            assert_eq!(
                to.as_deref(),
                Some(print_scaled(x, 0).as_str()),
                "{cell} → {target}: {}",
                goal.message
            );
            if goal.reachable {
                reached += 1;
                assert_eq!(goal.changes[0].cell, *num);
                assert_eq!(goal.changes[1].cell, *cell);
                assert_eq!(
                    goal.changes[1].to,
                    print_scaled(percent_rounded(x, d, k), k)
                );
                assert!(goal.message.starts_with("Để tỷ lệ"), "{}", goal.message);
                let verb = if t > now {
                    "cần thêm"
                } else {
                    "cần bớt"
                };
                assert!(goal.message.contains(verb), "{}", goal.message);
                apply_and_recheck(&goal);
            } else {
                // Another row holds it back (a part above its whole): the message says which.
                limited += 1;
                assert!(goal.message.contains("không thể"), "{}", goal.message);
            }
        }
    }
    assert!(asked >= 40 && reached >= 30, "{asked} {reached} {limited}");
}

#[test]
fn every_ratio_of_the_seed_by_its_denominator() {
    let s = seed();
    let mut reached = 0;
    for check in s.outcome.checks.iter().filter(|c| c.kind == Kind::Ratio) {
        let (cell, num, den) = (&check.cells[0], &check.cells[1], &check.cells[2]);
        let (n, _) = scaled(&s.values[num]);
        let (d, _) = scaled(&s.values[den]);
        let (_, k) = scaled(&s.values[cell]);
        if d == 0 || n == 0 {
            continue;
        }
        let now = percent_rounded(n, d, k);
        for t in [now + 1, now - 1, now - 5] {
            if !(0..=100 * 10i128.pow(k)).contains(&t) {
                continue;
            }
            let target = print_scaled(t, k);
            let goal = ask(cell, &target, Some(den));
            // A smaller denominator raises the rate; it cannot go below the numerator.
            let expected = if t > now {
                (n..=d).rev().find(|&y| percent_rounded(n, y, k) >= t)
            } else {
                (d..=d * 2 + 10).find(|&y| percent_rounded(n, y, k) <= t)
            };
            match expected {
                Some(y) => {
                    let to = changed_to(&goal, den, &print_scaled(d, 0));
                    assert_eq!(
                        to.as_deref(),
                        Some(print_scaled(y, 0).as_str()),
                        "{cell} → {target} by {den}: {}",
                        goal.message
                    );
                    if goal.reachable {
                        reached += 1;
                        // A denominator that is itself a total leaves its parts to be corrected.
                        if !goal.message.contains("Lưu ý") {
                            apply_and_recheck(&goal);
                        }
                    }
                }
                None => assert!(!goal.reachable, "{cell} → {target}: {}", goal.message),
            }
        }
    }
    assert!(reached >= 15, "{reached}");
}

#[test]
fn every_sum_of_the_seed_by_each_part() {
    let s = seed();
    let sums: Vec<_> = s
        .outcome
        .checks
        .iter()
        .filter(|c| c.kind == Kind::Sum)
        .collect();
    assert!(sums.len() >= 5, "{}", sums.len());
    let mut reached = 0;
    let mut negative = 0;
    for check in sums {
        let total = &check.cells[0];
        let parts = &check.cells[1..];
        let sum: i128 = parts.iter().map(|p| scaled(&s.values[p]).0).sum();
        for (i, part) in parts.iter().enumerate() {
            let change = (i > 0).then_some(part.as_str());
            let (p, _) = scaled(&s.values[part]);
            for t in [sum + 1, sum - 1, sum + 250, sum - p, sum - p - 1, 0] {
                if t == sum || t < 0 {
                    continue;
                }
                let goal = ask(total, &print_scaled(t, 0), change);
                // Independent: the part moves by the whole difference; a count cannot go below 0.
                let x = p + (t - sum);
                let to = changed_to(&goal, part, &print_scaled(p, 0));
                if x < 0 {
                    negative += 1;
                    assert!(!goal.reachable, "{total} → {t}: {}", goal.message);
                    assert!(goal.message.contains("không thể âm"), "{}", goal.message);
                    assert_eq!(to.as_deref(), Some(print_scaled(x, 0).as_str()));
                    continue;
                }
                assert_eq!(
                    to.as_deref(),
                    Some(print_scaled(x, 0).as_str()),
                    "{total} → {t} by {part}: {}",
                    goal.message
                );
                if goal.reachable {
                    reached += 1;
                    let own = goal.changes.iter().find(|c| c.cell == *total).unwrap();
                    assert_eq!(own.to, print_scaled(t, 0));
                    // A part that is itself a total leaves its own parts to be corrected: then
                    // the what-if is not expected to re-check clean.
                    if !goal.message.contains("Lưu ý") {
                        apply_and_recheck(&goal);
                    }
                } else {
                    assert!(goal.message.contains("không thể"), "{}", goal.message);
                }
            }
        }
    }
    assert!(reached >= 30 && negative >= 5, "{reached} {negative}");
}

#[test]
fn the_example_of_the_issue() {
    let goal = ask("B03/3.1", "99,80", None);
    assert!(goal.reachable);
    assert!(
        goal.message.starts_with(
            "Để tỷ lệ 3.1 đạt 99,80% cần thêm 135 hồ sơ ở dòng 3.1.2 «Số hồ sơ TTHC đã giải \
             quyết đúng hạn» (66.687 → 66.822)."
        ),
        "{}",
        goal.message
    );
    // The sentences of the report that quote the ratio are named: each line is that of a
    // sentence the checks compare with a changed cell.
    let (_, lines) = goal
        .message
        .split_once("Lời văn ở dòng ")
        .expect("the report's words quote 99,59 %");
    let lines: Vec<usize> = lines
        .split(" nhắc")
        .next()
        .unwrap()
        .split(", ")
        .map(|l| l.parse().unwrap())
        .collect();
    assert!(!lines.is_empty());
    let changed: Vec<&str> = goal.changes.iter().map(|c| c.cell.as_str()).collect();
    let outcome = seed().outcome;
    for line in lines {
        assert!(
            outcome.checks.iter().any(|c| c.kind == Kind::Narrative
                && c.line == Some(line)
                && c.cells.iter().any(|x| changed.contains(&x.as_str()))),
            "line {line}"
        );
    }
    assert_eq!(goal.target, "99,80");
    assert_eq!(goal.changes[0].cell, "B03/3.1.2");
    assert_eq!(
        (goal.changes[0].from.as_str(), goal.changes[0].to.as_str()),
        ("66.687", "66.822")
    );
}

#[test]
fn a_changed_numerator_carries_its_totals_and_their_ratios() {
    // B07: 6.3.1 = 6.1.2 + 6.2.2 and 6.3 = 6.3.2 / 6.3.1; more procedures online in part
    // (6.1.2) raise the total online (6.3.1) and lower the share integrated (6.3).
    let goal = ask("B07/6.1", "100", Some("B07/6.1.1"));
    assert!(goal.reachable, "{}", goal.message);
    let goal = ask("B07/6.2", "100", Some("6.2.1"));
    assert!(goal.reachable, "{}", goal.message);
    let s = seed();
    let (n, _) = scaled(&s.values["B07/6.1.2"]);
    let (d, _) = scaled(&s.values["B07/6.1.1"]);
    assert_eq!(
        n, d,
        "the seed offers every eligible procedure: 6.1 is 100 %"
    );
    // Lowering 6.1 to 50 % by fewer procedures online drags 6.3.1 under 6.3.2: unreachable,
    // and the message names the rows.
    let goal = ask("B07/6.1", "50", None);
    assert!(!goal.reachable);
    assert!(
        goal.message.contains("6.3.2") && goal.message.contains("6.3.1"),
        "{}",
        goal.message
    );
    // Every eligible procedure is offered already: the total online cannot grow by its parts.
    let goal = ask("B07/6.3.1", "900", None);
    assert!(!goal.reachable);
    assert!(goal.message.contains("6.1.1"), "{}", goal.message);
    // Fewer procedures online in part lower the total online (6.3.1), and with it both ratios.
    let goal = ask("B07/6.3.1", "870", None);
    assert!(goal.reachable, "{}", goal.message);
    let cells: Vec<&str> = goal.changes.iter().map(|c| c.cell.as_str()).collect();
    assert_eq!(cells[..2], ["B07/6.1.2", "B07/6.3.1"]);
    assert!(cells.contains(&"B07/6.3"), "{cells:?}");
    assert!(cells.contains(&"B07/6.1"), "{cells:?}");
    apply_and_recheck(&goal);
    assert!(goal.message.contains("Kéo theo"), "{}", goal.message);
}

#[test]
fn a_coarse_step_says_where_the_rate_lands() {
    // 5 / 8 = 62,50 %: 6 / 8 = 75 % is the first rate at or above 70 %.
    let text = "Biểu mẫu số 02\n3.2.\tTỷ lệ xử lý VBQPPL sau rà soát\t%\t62,50\n\
                3.2.1.\tSố VBQPPL cần xử lý\tVăn bản\t8\n\
                3.2.2.\tSố VBQPPL đã xử lý\tVăn bản\t5\n";
    let goal = target_text(text, "B02/3.2", "70", None, &Options::default()).unwrap();
    assert!(goal.reachable);
    assert_eq!(goal.changes[0].to, "6");
    assert_eq!(goal.changes[1].to, "75,00");
    assert!(goal.message.contains("75,00%"), "{}", goal.message);
    // Already there: nothing to change.
    let goal = target_text(text, "B02/3.2", "62,5", None, &Options::default()).unwrap();
    assert!(goal.reachable && goal.changes.is_empty(), "{goal:?}");
    assert!(goal.message.contains("đã đạt"), "{}", goal.message);
}

#[test]
fn questions_that_cannot_be_asked_say_why() {
    let err = |cell: &str, target: &str, change: Option<&str>| {
        target_text(SEED, cell, target, change, &Options::default())
            .unwrap_err()
            .to_string()
    };
    assert!(err("B09/1", "5", None).contains("không tìm thấy ô B09/1"));
    assert!(err("B03/3.1.1", "5", None).contains("không phải là một tỷ lệ hay một tổng"));
    assert!(err("B03/3.1", "abc", None).contains("không phải là số"));
    assert!(err("B03/3.1", "99.8", None).contains("99,8"));
    assert!(err("B03/3.1", "99,8", Some("B03/3.2.1")).contains("không phải là một thành phần"));
    assert!(target_text("", "B03/3.1", "99", None, &Options::default()).is_err());
}

#[test]
fn goal_seeking_follows_the_what_if_edits() {
    // The question is asked of the report as edited: 66.700 on time → 135 − 13 more.
    let options = Options {
        overrides: BTreeMap::from([("B03/3.1.2".to_string(), "66.700".to_string())]),
        ..Options::default()
    };
    let goal = target_text(SEED, "B03/3.1", "99,80", None, &options).unwrap();
    assert_eq!(goal.changes[0].from, "66.700");
    assert_eq!(goal.changes[0].to, "66.822");
}

fn row_targets(outcome: &Outcome) -> Vec<(String, kiemso::target::Shortfall)> {
    outcome
        .forms
        .iter()
        .flat_map(|f| f.table.iter())
        .flat_map(|r| r.targets.iter().map(|t| (r.cell.clone(), t.clone())))
        .collect()
}

#[test]
fn the_catalogue_threshold_is_reported_per_row() {
    // The seed: 76,33 % of files received online, above the 50 % of the national index.
    let s = seed();
    let targets = row_targets(&s.outcome);
    assert_eq!(targets.len(), 1, "{targets:?}");
    let (cell, t) = &targets[0];
    assert_eq!((cell.as_str(), t.cell.as_str()), ("B07/6.4", "B07/6.4"));
    assert!(
        t.reached && t.gap.is_none() && t.changes.is_empty(),
        "{t:?}"
    );
    assert!(t.message.contains("766"), "{}", t.message);
    // Only that row carries the field in the JSON.
    let json = s.outcome.to_json();
    assert_eq!(json.matches("\"targets\"").count(), 1);

    // The same report with fewer files online: 30.000 / 74.501 = 40,27 %.
    let options = Options {
        overrides: BTreeMap::from([
            ("B07/6.4.2".to_string(), "30.000".to_string()),
            ("B07/6.4".to_string(), "40,27".to_string()),
        ]),
        ..Options::default()
    };
    let low = check_text(SEED, &options).unwrap();
    let targets = row_targets(&low);
    let (_, t) = &targets[0];
    assert!(!t.reached);
    let (d, _) = scaled(&s.values["B07/6.4.1"]);
    let now = percent_rounded(30_000, d, 2);
    assert_eq!(
        t.gap.as_deref(),
        Some(print_scaled(5_000 - now, 2).as_str())
    );
    assert!(t.message.contains("còn thiếu"), "{}", t.message);
    let x = (30_000..=d)
        .find(|&x| percent_rounded(x, d, 2) >= 5_000)
        .unwrap();
    assert_eq!(t.changes[0].cell, "B07/6.4.2");
    assert_eq!(t.changes[0].to, print_scaled(x, 0));
    // Applied, the row reaches its threshold and the tables still check.
    let mut applied = options.overrides.clone();
    applied.extend(t.changes.iter().map(|c| (c.cell.clone(), c.to.clone())));
    let after = check_text(
        SEED,
        &Options {
            overrides: applied,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(row_targets(&after)[0].1.reached);
    assert!(!after
        .checks
        .iter()
        .any(|c| c.kind != Kind::Narrative && c.status == Status::Fail));
}

#[test]
fn a_user_catalogue_declares_its_own_targets() {
    // A province's own ceiling on late files, in a catalogue of its own.
    let catalogue = kiemso::catalogue::Catalogue::from_json(
        r#"{"name": "Riêng", "forms": [{"number": 9, "title": "Hồ sơ",
          "rows": [
            {"stt": "1", "indicator": "Tỷ lệ hồ sơ quá hạn", "unit": "%",
             "targets": [{"value": "1,5", "label": "mục tiêu của tỉnh", "direction": "at_most"}]},
            {"stt": "1.1", "indicator": "Tổng số hồ sơ", "unit": "Hồ sơ"},
            {"stt": "1.2", "indicator": "Số hồ sơ quá hạn", "unit": "Hồ sơ"}],
          "rules": [{"kind": "ratio", "result": "1", "numerator": "1.2", "denominator": "1.1"}]}]}"#,
    )
    .unwrap();
    let text = "Biểu mẫu số 09\n1.\tTỷ lệ hồ sơ quá hạn\t%\t2,50\n\
                1.1.\tTổng số hồ sơ\tHồ sơ\t400\n1.2.\tSố hồ sơ quá hạn\tHồ sơ\t10\n";
    let options = Options {
        catalogue: Some(catalogue),
        ..Options::default()
    };
    let outcome = check_text(text, &options).unwrap();
    let (_, t) = &row_targets(&outcome)[0];
    assert!(!t.reached);
    assert_eq!(t.gap.as_deref(), Some("1,00"));
    assert!(t.message.contains("còn vượt 1,00 điểm %"), "{}", t.message);
    // 6 / 400 = 1,50 %: four fewer late files.
    assert_eq!(t.changes[0].to, "6");
    assert!(t.message.contains("cần bớt 4 hồ sơ"), "{}", t.message);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any ratio, any target, by either operand: the engine's figure is the one an integer walk
    /// finds, and it sits exactly on the rounding edge.
    #[test]
    fn any_ratio_any_target(
        d in 1i128..3000,
        n_frac in 0.0f64..=1.0,
        k in 0u32..=3,
        t_frac in 0.0f64..=1.0,
        by_denominator in proptest::bool::ANY,
    ) {
        // Test inputs only: the fractions pick integers, no figure is computed in floats.
        let n = ((d as f64) * n_frac).floor() as i128;
        let hundred = 100 * 10i128.pow(k);
        let t = ((hundred as f64) * t_frac).round() as i128;
        let now = percent_rounded(n, d, k);
        let text = format!(
            "Biểu mẫu số 01\n2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t{}\n\
             2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t{}\n\
             2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t{}\n",
            print_scaled(now, k), print_scaled(d, 0), print_scaled(n, 0)
        );
        let change = if by_denominator { "B01/2.1" } else { "B01/2.2" };
        let goal = target_text(&text, "B01/2", &print_scaled(t, k), Some(change), &Options::default()).unwrap();
        if t == now {
            proptest::prop_assert!(goal.reachable && goal.changes.is_empty(), "{:?}", goal);
            return Ok(());
        }
        let expected = match (by_denominator, t > now) {
            (false, true) => (n..=d).find(|&x| percent_rounded(x, d, k) >= t),
            (false, false) => (0..=n).rev().find(|&x| percent_rounded(x, d, k) <= t),
            // The denominator stays at or above the numerator and above 0.
            (true, true) => (n.max(1)..=d).rev().find(|&y| percent_rounded(n, y, k) >= t),
            // The rate falls as the denominator grows, to 0 past 2·n·100·10^k: bisect.
            (true, false) => {
                let (mut lo, mut hi) = (d, d + 2 * n * hundred + 1);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if percent_rounded(n, mid, k) <= t { hi = mid } else { lo = mid + 1 }
                }
                Some(lo)
            }
        };
        let from = print_scaled(if by_denominator { d } else { n }, 0);
        match expected {
            Some(x) => {
                proptest::prop_assert!(goal.reachable, "{}", goal.message);
                proptest::prop_assert_eq!(&goal.changes[0].cell, change);
                proptest::prop_assert_eq!(&goal.changes[0].from, &from);
                proptest::prop_assert_eq!(&goal.changes[0].to, &print_scaled(x, 0));
            }
            None => proptest::prop_assert!(!goal.reachable, "{}", goal.message),
        }
    }
}

#[test]
fn a_grid_gets_its_edits_in_its_own_print() {
    // The same commune table printed with Vietnamese and with English separators: the same
    // answer, the edits typed as each table prints its figures, and both re-check clean.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/grids/");
    let cell = "T1/1@Tỷ lệ đúng hạn (%)";
    let mut answers = Vec::new();
    for (file, english) in [("commune.tsv", false), ("commune-en.tsv", true)] {
        let text = std::fs::read_to_string(format!("{dir}{file}")).unwrap();
        let goal = target_text(&text, cell, "99", None, &Options::default()).unwrap();
        assert!(goal.reachable, "{}", goal.message);
        assert_eq!(goal.changes[0].cell, "T1/1@Đúng hạn");
        // The total row's count and rate follow.
        assert!(
            goal.changes
                .iter()
                .any(|c| c.cell == "T1/Tổng cộng@Đúng hạn"),
            "{:?}",
            goal.changes
        );
        let own = &goal.changes[1];
        assert_eq!(own.cell, cell);
        assert_eq!(own.to.contains('.'), english, "{own:?}");
        let overrides: BTreeMap<String, String> = goal
            .changes
            .iter()
            .map(|c| (c.cell.clone(), c.to.clone()))
            .collect();
        let outcome = check_text(
            &text,
            &Options {
                overrides,
                ..Options::default()
            },
        )
        .unwrap();
        assert_eq!(outcome.summary.fail, 0, "{file}: {:?}", goal.changes);
        answers.push(goal.message);
    }
    assert_eq!(answers[0], answers[1]);
}
