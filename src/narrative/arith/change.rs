//! Changes whose two sides are stated: mergers and dissolutions, `từ A xuống B, giảm X`.

use super::same_kind;
use crate::explain::signed;
use crate::narrative::finding::{
    cat, common_scale, decimals_of, printed, raw_a, raw_a_str, unit_text, valued, Finding,
};
use crate::narrative::scan::{Doc, Mention, Phrase};
use crate::number::{format_vi, round_to, Figure};
use crate::outcome::Status;
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// Changes.

pub(super) fn same_unit(a: &Mention, b: &Mention) -> bool {
    match (a.unit, b.unit) {
        (Some(x), Some(y)) => x.words == y.words,
        (None, _) | (_, None) => true,
    }
}

/// Whether the two words `first second` follow each other among the last `n` words at the depth
/// of `m` before its number: `Doc::tail_has` for one two-word phrase, without collecting the
/// words (this runs for every figure).
fn tail_pair(doc: &Doc, m: &Mention, n: usize, (first, second): (&str, &str)) -> bool {
    let mut seen = 0;
    // Whether the word after (at the same depth) is `second`.
    let mut then_second = false;
    for i in (m.gap_start..m.tok).rev() {
        if seen == n {
            break;
        }
        if doc.depth[i] != m.depth {
            continue;
        }
        seen += 1;
        let w = doc.word(i);
        if then_second && w == first {
            return true;
        }
        then_second = w == second;
    }
    false
}

/// `sáp nhập 95 tổ dân phố thành 53 tổ dân phố, giải thể 01 tổ dân phố, …, giảm 43 tổ dân phố`.
pub(super) fn merges(p: usize, doc: &Doc, s: usize, out: &mut Vec<Finding>) {
    let ms = doc.sentence_mentions(s);
    let tail = |m: &Mention, phrase: Phrase| -> bool {
        doc.tail_has(m.gap_start..m.tok, m.depth, 4, &[phrase])
    };
    // Only a merger (`sáp nhập A thành B`) gives a change to check: one test per figure decides
    // whether the sentence needs reading further (most have no merger).
    if !ms
        .iter()
        .any(|m| !m.num.percent && tail_pair(doc, m, 4, ("sáp", "nhập")))
    {
        return;
    }
    // (before, after) pairs and dissolutions, each with its unit.
    let mut steps: Vec<(&Mention, Option<&Mention>, i8)> = Vec::new();
    let mut k = 0;
    while k < ms.len() {
        let m = &ms[k];
        if tail(m, &["sáp", "nhập"]) && !m.num.percent {
            let into = |b: &&Mention| {
                doc.find(m.unit_end..b.tok, Some(m.depth), &["thành"])
                    .is_some()
                    && same_unit(m, b)
                    && !b.num.percent
                    && !b.change
            };
            if let Some(b) = ms.get(k + 1).filter(into) {
                steps.push((m, Some(b), -1));
                k += 2;
                continue;
            }
        } else if tail(m, &["giải", "thể"]) && !m.num.percent {
            steps.push((m, None, -1));
        } else if tail(m, &["thành", "lập"]) && !m.num.percent {
            steps.push((m, None, 1));
        }
        k += 1;
    }
    if !steps.iter().any(|(_, b, _)| b.is_some()) {
        return;
    }
    for x in ms
        .iter()
        .filter(|x| x.change && !x.num.percent && x.unit.is_some())
    {
        let down = tail(x, &["giảm"]);
        let up = tail(x, &["tăng"]);
        if down == up {
            continue;
        }
        let mine: Vec<&(&Mention, Option<&Mention>, i8)> = steps
            .iter()
            .filter(|(a, _, _)| {
                a.tok < x.tok
                    && a.unit
                        .is_some_and(|u| Some(u.words) == x.unit.map(|v| v.words))
            })
            .collect();
        if mine.is_empty() || !mine.iter().any(|(_, b, _)| b.is_some()) {
            continue;
        }
        // `None` once a figure is beyond what a decimal holds.
        let mut delta = Some(Decimal::ZERO);
        let mut terms = Vec::new();
        let mut used: Vec<&Mention> = vec![x];
        for (a, b, sign) in &mine {
            used.push(a);
            match b {
                Some(b) => {
                    delta = a
                        .num
                        .a
                        .value
                        .checked_sub(b.num.a.value)
                        .zip(delta)
                        .and_then(|(step, d)| d.checked_sub(step));
                    terms.push(cat(&[
                        "(",
                        raw_a_str(doc, a),
                        " − ",
                        raw_a_str(doc, b),
                        ")",
                    ]));
                    used.push(b);
                }
                None => {
                    let v = a.num.a.value;
                    delta = delta.and_then(|d| {
                        if *sign < 0 {
                            d.checked_sub(v)
                        } else {
                            d.checked_add(v)
                        }
                    });
                    terms.push(if *sign < 0 {
                        raw_a(doc, a)
                    } else {
                        cat(&["−", raw_a_str(doc, a)])
                    });
                }
            }
        }
        let claimed = if down { -x.num.a.value } else { x.num.a.value };
        let unit = unit_text(doc, x, "");
        let start = mine[0].0.gap_start;
        let mut f = Finding::new("change", p, doc, start..x.right_end.max(x.unit_end), &used);
        let formula = terms.join(" + ");
        f.formula = Some(formula.clone());
        f.reported = Some(raw_a(doc, x));
        let Some((delta, gap)) = delta.and_then(|d| Some((d, claimed.abs().checked_sub(d.abs())?)))
        else {
            f.too_large();
            out.push(f);
            continue;
        };
        f.expected = Some(format_vi(delta.abs(), 0));
        let verb = if down { "giảm" } else { "tăng" };
        if delta == claimed {
            f.status = Status::Pass;
            f.imbalance = Some("0".into());
            f.message = format!(
                "Câu «{}»: sau sáp nhập, giải thể, số {unit} {verb} {formula} = {} {unit}, khớp với số {verb} {} ghi trong câu.",
                f.quote,
                format_vi(delta.abs(), 0),
                raw_a_str(doc, x)
            );
        } else {
            f.status = Status::Warn;
            f.imbalance = Some(signed(gap, 0));
            f.message = format!(
                "Câu «{}» ghi {verb} {} {unit}, nhưng theo các số sáp nhập, giải thể trong câu thì số {unit} {} {} = {} {unit}.",
                f.quote,
                raw_a_str(doc, x),
                if delta < Decimal::ZERO { "giảm" } else { "tăng" },
                formula,
                format_vi(delta.abs(), 0)
            );
        }
        out.push(f);
    }
}

/// `từ A xuống B, giảm X`; `B, tăng X so với cùng kỳ (A)`: a change against the two levels it
/// is the difference of, both stated.
pub(super) fn changes(p: usize, doc: &Doc, s: usize, out: &mut Vec<Finding>) {
    let ms = doc.sentence_mentions(s);
    let ends_with = |m: &Mention, phrases: &[Phrase]| -> bool {
        doc.tail_has(m.gap_start..m.tok, m.depth, 3, phrases)
    };
    for (k, x) in ms.iter().enumerate() {
        if !x.change || x.approx {
            continue;
        }
        let down = ends_with(x, &[&["giảm"]]);
        let up = ends_with(x, &[&["tăng"]]);
        if down == up {
            continue;
        }
        // (from, to) levels.
        let pair = ms.iter().enumerate().find_map(|(j, a)| {
            if j + 1 >= ms.len() || a.change || a.approx || !ends_with(a, &[&["từ"]]) {
                return None;
            }
            let b = &ms[j + 1];
            (!b.change
                && ends_with(b, &[&["xuống"], &["lên"], &["còn"]])
                && same_kind(a, b)
                && a.num.percent == b.num.percent
                && a.clause == x.clause)
                .then_some((a, b))
        });
        // `tăng 3,28 điểm phần trăm`: percentage points.
        let points = doc.word(x.unit_end) == "điểm" || doc.word(x.tok + 1) == "điểm";
        let pair = pair.or_else(|| {
            // `B …, tăng X … so với … (A)` or `so với A`.
            // (A change in % may be of counts: `150 hồ sơ, tăng 25%`.)
            let b = ms[..k].iter().rev().find(|b| {
                b.clause == x.clause
                    && !b.change
                    && !b.approx
                    && !b.is_fraction()
                    && if points {
                        b.num.percent
                    } else {
                        x.num.percent || (!b.num.percent && same_kind(b, x))
                    }
            })?;
            let sv = doc.find(x.unit_end..doc.sents[s].toks.end, None, &["so", "với"])?;
            let a = ms[k + 1..].iter().find(|a| {
                !a.change
                    && !a.approx
                    && a.tok > sv
                    && a.num.percent == b.num.percent
                    && same_kind(a, b)
            })?;
            // The level compared with follows its `so với` with nothing but the words naming
            // it in between (`so với năm 2022 (80,08%)`): past a comma, `và` or `trong đó`,
            // the figure is another statement's (`giảm 0,4% so với cùng kỳ, trong đó … 7.081`),
            // and `gấp 1,9 lần` is a ratio, not a level.
            let crosses = (sv..a.tok).any(|t| {
                doc.depth[t] <= x.depth
                    && matches!(doc.word(t), "," | ";" | "và" | "gấp" | "trong" | "còn")
            });
            if crosses || doc.word(a.unit_end) == "lần" {
                return None;
            }
            Some((a, b))
        });
        let Some((a, b)) = pair else {
            continue;
        };
        let levels_percent = a.num.percent;
        let scale = common_scale(&[a, b, x]);
        let dec = decimals_of(&[a.num.a, b.num.a, x.num.a]);
        let mut f = Finding::new(
            "change",
            p,
            doc,
            a.gap_start.min(b.gap_start).min(x.gap_start)
                ..a.unit_end.max(b.unit_end).max(x.unit_end),
            &[a, b, x],
        );
        f.reported = Some(raw_a(doc, x));
        let verb = if down { "giảm" } else { "tăng" };
        // The levels and the change in a common scale; `b − a` exactly and on intervals.
        let levels = (|| {
            let (av, ai) = valued(a.num.a, a, scale)?;
            let (bv, bi) = valued(b.num.a, b, scale)?;
            let (_, xi) = valued(x.num.a, x, scale)?;
            Some((av, ai, bv, xi, bv.checked_sub(av)?, bi.checked_sub(&ai)?))
        })();
        let Some((av, ai, bv, xi, change, diff)) = levels else {
            f.too_large();
            out.push(f);
            continue;
        };
        // The stated change with the sign its verb gives it.
        let signed_x = if down { xi.negated() } else { xi };
        // The two readings of a stated change: a relative change (`(b − a) / a × 100`, in %), and
        // a difference in the same unit (`b − a`; percentage points between two percentages).
        let relative = || -> Option<(bool, String, String)> {
            let exact = change
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|v| v.checked_div(av))?;
            let ci = diff.percent_of(&ai)?;
            Some((
                ci.meets(&signed_x),
                format!(
                    "{}%",
                    format_vi(round_to(exact.abs(), x.num.a.decimals), x.num.a.decimals)
                ),
                format!(
                    "({} − {}) / {} × 100",
                    raw_a_str(doc, b),
                    raw_a_str(doc, a),
                    raw_a_str(doc, a)
                ),
            ))
        };
        let difference = || {
            (
                diff.meets(&signed_x),
                printed(
                    Figure {
                        value: round_to(change.abs(), dec),
                        decimals: dec,
                        percent_sign: false,
                    },
                    false,
                ),
                cat(&[raw_a_str(doc, b), " − ", raw_a_str(doc, a)]),
            )
        };
        let mut relative_reading = false;
        let (ok, expected, formula) = if x.num.percent && !levels_percent {
            // Relative change of counts or amounts.
            let Some(r) = relative() else {
                continue;
            };
            r
        } else if (!levels_percent && !x.num.percent) || (levels_percent && points) {
            // The same unit both sides, or percentage points between two percentages, said so.
            difference()
        } else if levels_percent && x.num.percent {
            // `tăng 2,58% so với năm 2022 (80,08%)` between two rates: percentage points or a
            // relative change. Either reading that holds is the one meant; when neither does,
            // the difference in points is what an official compares.
            let d = difference();
            match relative() {
                Some(r) if r.0 && !d.0 => {
                    relative_reading = true;
                    r
                }
                _ => d,
            }
        } else {
            continue;
        };
        let points_word = if levels_percent && !relative_reading {
            " điểm %"
        } else {
            ""
        };
        let expected = format!("{expected}{points_word}");
        // The figure as the text wrote it: `2,58%` keeps its sign, `3,28 điểm` takes the word.
        let x_words = if x.num.percent { "" } else { points_word };
        f.formula = Some(formula.clone());
        f.expected = Some(expected.clone());
        let actual = if bv < av { "giảm" } else { "tăng" };
        if ok {
            f.status = Status::Pass;
            f.message = format!(
                "Câu «{}»: từ {} đến {} là {actual} {formula} = {expected}, khớp với mức {verb} {}{x_words} ghi trong câu.",
                f.quote,
                printed_raw(doc, a),
                printed_raw(doc, b),
                printed_raw(doc, x)
            );
        } else {
            f.status = Status::Warn;
            f.message = format!(
                "Câu «{}» ghi {verb} {}{x_words} nhưng từ {} đến {} là {actual} {formula} = {expected}. Cần xem lại các số này.",
                f.quote,
                printed_raw(doc, x),
                printed_raw(doc, a),
                printed_raw(doc, b)
            );
        }
        out.push(f);
    }
}

/// A figure as the text printed it, with `%` when it is a percentage.
fn printed_raw(doc: &Doc, m: &Mention) -> String {
    if m.num.percent {
        cat(&[raw_a_str(doc, m), "%"])
    } else {
        raw_a(doc, m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narrative::prose::paragraphs;
    use crate::report::Line;

    #[test]
    fn tail_pair_is_tail_has_of_one_phrase() {
        let texts = [
            "Sáp nhập 95 tổ dân phố thành 53 tổ dân phố, giải thể 01 tổ dân phố, giảm 43 tổ dân phố.",
            "Thực hiện sáp nhập (theo đề án) 12 xã; đã sáp nhập xong 7 thôn và sáp 3 nhập 4 đơn vị.",
            "Sáp nhập các cơ quan chuyên môn 5 cơ quan, không sáp nhập nữa 2 phòng.",
        ];
        for text in texts {
            let paras = paragraphs(&[Line {
                number: 1,
                text: text.into(),
            }]);
            let doc = Doc::new(&paras[0]);
            assert!(!doc.mentions.is_empty());
            for m in &doc.mentions {
                for n in 1..6 {
                    assert_eq!(
                        tail_pair(&doc, m, n, ("sáp", "nhập")),
                        doc.tail_has(m.gap_start..m.tok, m.depth, n, &[&["sáp", "nhập"]]),
                        "{text} / {n}"
                    );
                }
            }
        }
    }
}
