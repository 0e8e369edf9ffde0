//! Error localisation on the real report: which cell was mistyped, and what it should be.

use kiemso::outcome::{Confidence, Kind, Outcome, Status};
use kiemso::{check_text, Options};

const SEED: &str = include_str!("../www/examples/khanh-hoa-q3-2024.txt");

fn check_with(text: &str, overrides: &[(&str, &str)]) -> Outcome {
    let options = Options {
        overrides: overrides
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Options::default()
    };
    check_text(text, &options).expect("readable")
}

#[test]
fn swapped_digits_in_a_numerator_are_found() {
    // The case: 66.687 typed 66.867 in B03/3.1.2.
    let o = check_with(SEED, &[("B03/3.1.2", "66.867")]);
    let first = &o.suggestions[0];
    assert_eq!(first.cell, "B03/3.1.2");
    assert_eq!(
        (first.current.as_str(), first.suggested.as_str()),
        ("66.867", "66.687")
    );
    assert_eq!(first.confidence, Confidence::High);
    assert_eq!(first.typo, "swap");
    assert!(
        first.message.starts_with("Nhiều khả năng ô B03/3.1.2"),
        "{}",
        first.message
    );
    assert!(
        first.message.contains("66.867 → 66.687"),
        "{}",
        first.message
    );
    // Every check the slip broke points to it: the ratio and the sentences repeating the figure.
    let broken: Vec<_> = o
        .checks
        .iter()
        .filter(|c| first.explains.contains(&c.id))
        .collect();
    assert!(broken.len() >= 2);
    assert!(broken.iter().any(|c| c.kind == Kind::Narrative));
    assert!(broken.iter().all(|c| c.suggestions.first() == Some(&0)));
    // The JSON carries them.
    let json = o.to_json();
    assert!(json.contains("\"suggestions\""));
    assert!(json.contains("\"confidence\": \"high\""));
}

#[test]
fn separator_and_decimal_slips_are_read_again() {
    // `16.64` does not read (a group of two digits): the separator misplaced in 1.664.
    let o = check_with(SEED, &[("B03/1.4.1", "16.64")]);
    let first = &o.suggestions[0];
    assert_eq!(
        (first.cell.as_str(), first.suggested.as_str(), first.typo),
        ("B03/1.4.1", "1.664", "separator")
    );
    // `99.59` for a percentage: the decimal point of a foreign keyboard.
    let o = check_with(SEED, &[("B03/3.1", "99.59")]);
    let first = &o.suggestions[0];
    assert_eq!(
        (first.cell.as_str(), first.suggested.as_str(), first.typo),
        ("B03/3.1", "99,59", "decimal")
    );
}

#[test]
fn nothing_plausible_is_said_not_guessed() {
    // 578 replaced by 600: no slip of any of the four cells of the sum balances it.
    let o = check_with(SEED, &[("B04/1.5", "600")]);
    let sum = o
        .checks
        .iter()
        .find(|c| c.id.starts_with("sum:B04/1.5,"))
        .unwrap();
    assert_eq!(sum.status, Status::Fail);
    assert!(sum.suggestions.is_empty());
    assert!(o.suggestions.iter().all(|s| !s.explains.contains(&sum.id)));
    assert!(
        o.notices
            .iter()
            .any(|n| n.message.starts_with("Không tìm được một lỗi gõ phím")),
        "{:#?}",
        o.notices
    );
}

/// A printed figure as integer digits and the number of decimals (`66.687` → (66687, 0),
/// `99,59` → (9959, 2)): the oracle's own reading, not the checker's.
fn digits(printed: &str) -> Option<(Vec<u8>, usize)> {
    let t = printed.trim().trim_end_matches('%').trim();
    let (int, frac) = t.split_once(',').unwrap_or((t, ""));
    let int: Vec<u8> = int.bytes().filter(|b| *b != b'.').collect();
    let frac: Vec<u8> = frac.bytes().collect();
    if int.is_empty() || !int.iter().chain(&frac).all(u8::is_ascii_digit) {
        return None;
    }
    Some(([int, frac.clone()].concat(), frac.len()))
}

/// Digits back to Vietnamese print, the comma `decimals` from the end, dots between thousands.
fn print(ds: &[u8], decimals: usize) -> String {
    let (int, frac) = ds.split_at(ds.len() - decimals);
    let int = if int.is_empty() { &b"0"[..] } else { int };
    let mut out = String::new();
    for (i, d) in int.iter().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(*d as char);
    }
    if !frac.is_empty() {
        out.push(',');
        out.extend(frac.iter().map(|d| *d as char));
    }
    out
}

/// The value of a print as (mantissa, decimals) without trailing zeros: `08` and `8` are equal.
fn value(printed: &str) -> Option<(i128, usize)> {
    let (ds, mut dec) = digits(printed)?;
    let mut m: i128 = std::str::from_utf8(&ds).ok()?.parse().ok()?;
    while dec > 0 && m % 10 == 0 {
        m /= 10;
        dec -= 1;
    }
    Some((m, dec))
}

/// Every single slip of each kind on a printed figure: (kind, edited print).
fn slips(printed: &str) -> Vec<(&'static str, String)> {
    let Some((ds, dec)) = digits(printed) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..ds.len() {
        if i + 1 < ds.len() && ds[i] != ds[i + 1] {
            let mut s = ds.clone();
            s.swap(i, i + 1);
            out.push(("swap", print(&s, dec)));
        }
        let mut s = ds.clone();
        s[i] = b'0' + (s[i] - b'0' + 1) % 10;
        out.push(("digit", print(&s, dec)));
        if ds.len() > dec + 1 || i >= ds.len() - dec {
            let mut s = ds.clone();
            s.remove(i);
            let d = if i >= ds.len() - dec { dec - 1 } else { dec };
            out.push(("drop", print(&s, d)));
        }
        let mut s = ds.clone();
        s.insert(i, ds[i]);
        let d = if i >= ds.len() - dec { dec + 1 } else { dec };
        out.push(("double", print(&s, d)));
    }
    out.retain(|(_, e)| value(e) != value(printed));
    out.dedup();
    // Of each kind, the slips at the first, middle and last place where it applies: every kind on
    // every figure, without checking the report a thousand times.
    let mut kept = Vec::new();
    for kind in ["swap", "digit", "drop", "double"] {
        let of: Vec<_> = out.iter().filter(|(k, _)| *k == kind).cloned().collect();
        let mut at: Vec<usize> = vec![0, of.len() / 2, of.len().saturating_sub(1)];
        at.dedup();
        kept.extend(at.into_iter().filter_map(|i| of.get(i).cloned()));
    }
    kept
}

fn printed_value(o: &Outcome, cell: &str) -> String {
    o.forms
        .iter()
        .flat_map(|f| &f.table)
        .find(|r| r.cell == cell)
        .map(|r| r.value.clone())
        .unwrap_or_default()
}

/// The cells some sum or ratio rule reads, with their printed figures.
fn rule_cells(o: &Outcome) -> Vec<(String, String)> {
    let mut cells: Vec<String> = o
        .checks
        .iter()
        .filter(|c| matches!(c.kind, Kind::Ratio | Kind::Sum | Kind::Part))
        .flat_map(|c| c.cells.clone())
        .collect();
    cells.sort();
    cells.dedup();
    cells
        .into_iter()
        .map(|c| {
            let v = printed_value(o, &c);
            (c, v)
        })
        .filter(|(_, v)| digits(v).is_some())
        .collect()
}

/// `f` over `items` on the machine's cores, in order: a few hundred checks of the seed.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let n = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4);
    let chunk = items.len().div_ceil(n).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("no panic"))
            .collect()
    })
}

/// Whether an edit shows: some check that held no longer does.
fn visible(clean: &Outcome, edited: &Outcome) -> bool {
    edited.checks.iter().any(|c| {
        matches!(c.status, Status::Fail | Status::Warn)
            && !clean
                .checks
                .iter()
                .any(|k| k.id == c.id && k.status == c.status)
    })
}

#[test]
fn single_slips_of_the_seed_are_located() {
    let clean = check_with(SEED, &[]);
    let (mut seen, mut first, mut value_right) = (0usize, 0usize, 0usize);
    let mut by_kind: std::collections::BTreeMap<&str, (usize, usize, usize)> = Default::default();
    let mut misses = Vec::new();
    let edits: Vec<(String, String, &str, String)> = rule_cells(&clean)
        .into_iter()
        .flat_map(|(cell, printed)| {
            slips(&printed)
                .into_iter()
                .map(move |(kind, edit)| (cell.clone(), printed.clone(), kind, edit))
        })
        .collect();
    let outcomes = par_map(&edits, |(cell, _, _, edit)| {
        let o = check_with(SEED, &[(cell, edit)]);
        visible(&clean, &o).then_some(o)
    });
    for ((cell, printed, kind, edit), o) in edits.iter().zip(outcomes) {
        let (cell, printed, kind) = (cell.clone(), printed.clone(), *kind);
        {
            let Some(o) = o else {
                continue;
            };
            seen += 1;
            let k = by_kind.entry(kind).or_default();
            k.0 += 1;
            match o.suggestions.first() {
                Some(s) if s.cell == cell => {
                    first += 1;
                    k.1 += 1;
                    if value(&s.suggested) == value(&printed) {
                        value_right += 1;
                        k.2 += 1;
                    } else {
                        misses.push(format!(
                            "{cell} {printed}→{edit} ({kind}): value {}",
                            s.suggested
                        ));
                    }
                }
                Some(s) => misses.push(format!(
                    "{cell} {printed}→{edit} ({kind}): first {} {}→{}",
                    s.cell, s.current, s.suggested
                )),
                None => misses.push(format!("{cell} {printed}→{edit} ({kind}): none")),
            }
        }
    }
    let pct = |a: usize| 100.0 * a as f64 / seen.max(1) as f64;
    println!(
        "single slips: {seen} visible edits; edited cell first in {first} ({:.1} %), original value suggested in {value_right} ({:.1} %)",
        pct(first),
        pct(value_right)
    );
    for (kind, (n, f, v)) in &by_kind {
        println!("  {kind}: {n} edits, cell first {f}, value right {v}");
    }
    for m in misses.iter().take(40) {
        println!("  miss: {m}");
    }
    assert!(seen > 100, "too few visible edits: {seen}");
    assert!(
        pct(first) >= 90.0,
        "edited cell first in {:.1} %",
        pct(first)
    );
    assert!(
        pct(value_right) >= 70.0,
        "original value in {:.1} %",
        pct(value_right)
    );
}

#[test]
fn two_slips_are_both_among_the_suggestions() {
    let clean = check_with(SEED, &[]);
    let cells = rule_cells(&clean);
    // Pairs of cells far apart in the list and near (the same rule), each with a slip of a kind
    // that turns with the pair.
    let mut pairs = Vec::new();
    for i in 0..cells.len() {
        for step in [1, 7] {
            let j = (i + step) % cells.len();
            let (a, b) = (&cells[i], &cells[j]);
            let (sa, sb) = (slips(&a.1), slips(&b.1));
            if a.0 == b.0 || sa.is_empty() || sb.is_empty() {
                continue;
            }
            let ea = &sa[i % sa.len()];
            let eb = &sb[(i + 3) % sb.len()];
            pairs.push((a.0.clone(), ea.1.clone(), b.0.clone(), eb.1.clone()));
        }
    }
    let results = par_map(&pairs, |(ca, ea, cb, eb)| {
        // Only pairs whose slips each show on their own: an invisible slip cannot be located.
        let alone_a = visible(&clean, &check_with(SEED, &[(ca, ea)]));
        let alone_b = visible(&clean, &check_with(SEED, &[(cb, eb)]));
        if !(alone_a && alone_b) {
            return None;
        }
        let o = check_with(SEED, &[(ca, ea), (cb, eb)]);
        let named = |c: &str| o.suggestions.iter().any(|s| s.cell == c);
        Some(named(ca) && named(cb))
    });
    let seen = results.iter().flatten().count();
    let both = results.iter().flatten().filter(|b| **b).count();
    let pct = 100.0 * both as f64 / seen.max(1) as f64;
    println!("two slips: {seen} pairs; both cells suggested in {both} ({pct:.1} %)");
    assert!(seen > 50, "too few pairs: {seen}");
    assert!(pct >= 60.0, "both cells suggested in {pct:.1} %");
}

#[test]
fn consistent_reports_get_no_suggestion() {
    let clean = check_with(SEED, &[]);
    assert!(clean.suggestions.is_empty(), "{:#?}", clean.suggestions);
    assert!(clean.checks.iter().all(|c| c.suggestions.is_empty()));
    assert!(!clean.to_json().contains("\"suggestions\""));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/grids");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Ok(o) = kiemso::check_file(&bytes, &name, &Options::default()) else {
            continue;
        };
        n += 1;
        let broken = o
            .checks
            .iter()
            .any(|c| matches!(c.status, Status::Fail | Status::Warn));
        println!(
            "{name}: {} suggestions, broken checks: {broken}",
            o.suggestions.len()
        );
        if !broken {
            assert!(o.suggestions.is_empty(), "{name}: {:#?}", o.suggestions);
        }
    }
    assert!(n >= 5, "fixtures read: {n}");
}

#[test]
fn a_mistyped_ratio_is_blamed_not_its_counts() {
    // 99,59 typed 99,95: the ratio cell itself.
    let o = check_with(SEED, &[("B03/3.1", "99,95")]);
    let first = &o.suggestions[0];
    println!("{}", first.message);
    assert_eq!(
        (first.cell.as_str(), first.suggested.as_str()),
        ("B03/3.1", "99,59")
    );
    assert_eq!(first.typo, "swap");
    assert!(first
        .explains
        .iter()
        .any(|id| id.starts_with("ratio:B03/3.1,")));
    let ratio = o
        .checks
        .iter()
        .find(|c| c.id.starts_with("ratio:B03/3.1,"))
        .unwrap();
    assert_eq!(ratio.suggestions.first(), Some(&0));
    // The counts are not suggested: no slip of theirs gives 99,95 %.
    assert!(o.suggestions.iter().all(|s| s.cell == "B03/3.1"));
}

#[test]
fn a_mistyped_denominator_is_found_with_the_narrative_as_evidence() {
    // 66.959 typed 69.659 (two digits swapped): the ratio 3.1 breaks, and so does the sentence
    // that repeats the number of files settled (120.561 = 3.1.1 + 3.2.1 + 3.3.1).
    let o = check_with(SEED, &[("B03/3.1.1", "69.659")]);
    let first = &o.suggestions[0];
    println!("{}", first.message);
    assert_eq!(
        (first.cell.as_str(), first.suggested.as_str()),
        ("B03/3.1.1", "66.959")
    );
    assert_eq!(first.confidence, Confidence::High);
    assert!(
        first.explains.iter().any(|id| id.starts_with("narrative:")),
        "{:?}",
        first.explains
    );
    assert!(first.message.contains("câu ở dòng"), "{}", first.message);
}

#[test]
fn the_text_output_prints_suggestions_under_their_checks() {
    let o = check_with(SEED, &[("B03/3.1.2", "66.867")]);
    let text = kiemso::present::render_text(&o, false);
    let ratio = text
        .lines()
        .position(|l| l.contains("[B03/3.1, B03/3.1.2, B03/3.1.1]"))
        .expect("the ratio's line");
    let next = text.lines().nth(ratio + 1).unwrap();
    assert!(
        next.contains("→ Gợi ý: Nhiều khả năng ô B03/3.1.2"),
        "{next}"
    );
    // Told once in full; the other checks it explains point back to it.
    assert_eq!(text.matches("→ Gợi ý: ").count(), 1, "{text}");
    assert!(text.contains("→ Gợi ý (xem trên): ô B03/3.1.2: 66.867 → 66.687"));
    // The clean seed prints none.
    let clean = kiemso::present::render_text(&check_with(SEED, &[]), false);
    assert!(!clean.contains("Gợi ý"));
}

#[test]
fn a_tie_between_the_ratio_and_its_numerator_is_decided_by_the_narrative() {
    // 98,90 typed 98,91: one digit of the ratio, or the numerator one file off (11.317 → 11.318
    // also gives 98,91 %). The sentence at line 215 repeats the sum of the numerators (120.067):
    // it rules the numerator out, and the message says so.
    let o = check_with(SEED, &[("B03/3.2", "98,91")]);
    let first = &o.suggestions[0];
    println!("{}", first.message);
    assert_eq!(
        (first.cell.as_str(), first.suggested.as_str()),
        ("B03/3.2", "98,90")
    );
    assert_eq!(first.confidence, Confidence::High);
    assert!(
        first.message.contains("Không phải ô B03/3.2.2")
            && first.message.contains("câu ở dòng 215 lại không khớp"),
        "{}",
        first.message
    );
}

#[test]
fn skipping_localisation_changes_no_verdict_only_the_suggestions() {
    // `skip_locate` exists to measure what localisation costs (bench locate): the same checks
    // with the same statuses, and no suggestion.
    let with = check_with(SEED, &[("B03/3.1.2", "66.867")]);
    let options = Options {
        overrides: [("B03/3.1.2".to_string(), "66.867".to_string())]
            .into_iter()
            .collect(),
        skip_locate: true,
        ..Options::default()
    };
    let without = check_text(SEED, &options).unwrap();
    assert!(!with.suggestions.is_empty());
    assert!(without.suggestions.is_empty());
    let statuses = |o: &Outcome| {
        o.checks
            .iter()
            .map(|c| (c.id.clone(), c.status))
            .collect::<Vec<_>>()
    };
    assert_eq!(statuses(&with), statuses(&without));
    assert!(without.checks.iter().all(|c| c.suggestions.is_empty()));
}
