//! Wholes and their parts: lists after `gồm` / `trong đó`, breakdowns in parentheses and in
//! bullets, remainders of a fraction, flows of items received and resolved.

use super::{both_units, is_out_of, Role, Semantics, PENDING};
use crate::explain::signed;
use crate::interval::Interval;
use crate::narrative::finding::{
    amount, cat, common_scale, decimals_of, raw_a, raw_a_str, raw_b, raw_b_str, scale_name,
    unit_text, valued, Finding,
};
use crate::narrative::scan::{Doc, Mention, Phrase};
use crate::narrative::token::Kind;
use crate::number::{format_vi, Figure};
use crate::outcome::Status;
use rust_decimal::Decimal;
use std::ops::Range;

// ---------------------------------------------------------------------------------------------
// Sums.

const EQUAL_MARKERS: &[Phrase] = &[
    &["bao", "gồm"],
    &["gồm", "có"],
    &["gồm"],
    &["chia", "ra"],
    &["kết", "quả", "thống", "kê", "có"],
    &["kết", "quả", "thống", "kê"],
];
const SUBSET_MARKERS: &[Phrase] = &[&["trong", "đó", "có"], &["trong", "đó"]];

/// Marker at token `i`, if any: (semantics, its length).
// Runs for most tokens of a sentence: the test of the first word is inlined into the scan, the
// phrases are read out of line for the few tokens that pass it.
#[inline(always)]
pub(super) fn marker_at(doc: &Doc, i: usize, end: usize) -> Option<(Semantics, usize, bool)> {
    // Punctuation and numbers are passed over without reading their text.
    if doc.toks.get(i).map(|t| t.kind) != Some(Kind::Word)
        || !matches!(doc.word(i), "bao" | "gồm" | "chia" | "kết" | "cụ" | "trong")
    {
        return None;
    }
    marker_phrase(doc, i, end)
}

#[inline(never)]
fn marker_phrase(doc: &Doc, i: usize, end: usize) -> Option<(Semantics, usize, bool)> {
    let at =
        |p: Phrase| i + p.len() <= end && p.iter().enumerate().all(|(j, w)| doc.word(i + j) == *w);
    for p in EQUAL_MARKERS {
        if at(p) {
            let status_list = p[0] == "kết";
            return Some((Semantics::Equal, p.len(), status_list));
        }
    }
    if at(&["cụ", "thể"]) && (doc.word(i + 2) == ":" || doc.word(i + 2) == "là") {
        return Some((Semantics::Equal, 2, false));
    }
    for p in SUBSET_MARKERS {
        if at(p) {
            return Some((Semantics::AtMost, p.len(), false));
        }
    }
    None
}

/// Token index where the parenthesis enclosing token `i` closes (or `end`).
pub(super) fn paren_close(doc: &Doc, i: usize, end: usize) -> usize {
    let d = doc.depth[i];
    if d == 0 {
        return end;
    }
    (i..end)
        .find(|&k| doc.word(k) == ")" && doc.depth[k] < d)
        .unwrap_or(end)
}

/// A part may be summed: a plain count or amount, not the `B` of `A trên B`, not cumulative.
pub(super) fn part_ok(doc: &Doc, m: &Mention) -> bool {
    m.is_plain() && !is_out_of(doc, m) && doc.described(m)
}

/// A figure may be the whole of a sum: a plain count or amount that says what it counts.
pub(super) fn whole_ok(doc: &Doc, m: &Mention) -> bool {
    m.is_plain() && doc.described(m)
}

/// Parts grouped by what they count; a part with no unit counts what the part before it counts
/// (`cấp tỉnh 1.664, cấp huyện 341`), or what the whole counts.
pub(super) fn groups<'a>(parts: &[&'a Mention]) -> Vec<Vec<&'a Mention>> {
    let mut out: Vec<Vec<&Mention>> = Vec::new();
    let mut last: Option<usize> = None;
    for m in parts {
        let g = match m.unit {
            Some(u) => out
                .iter()
                .position(|g| g.iter().any(|x| x.unit.is_some_and(|v| v.compatible(u)))),
            None => last.or_else(|| out.iter().position(|g| g.iter().all(|x| x.unit.is_none()))),
        };
        let g = match g {
            Some(g) => g,
            None => {
                out.push(Vec::new());
                out.len() - 1
            }
        };
        out[g].push(m);
        last = Some(g);
    }
    out
}

/// Whether `whole` can be the total of `group`: they count the same kind of thing; or, for a
/// breakdown in parentheses, the words after the whole say whose things they are and the parts
/// count those (`164 cổng thông tin của các cơ quan … (20 cơ quan …, 08 UBND …)`).
pub(super) fn whole_fits(
    doc: &Doc,
    whole: &Mention,
    group: &[&Mention],
    trailing: Option<Range<usize>>,
) -> bool {
    let Some(pu) = group.iter().find_map(|m| m.unit) else {
        return true;
    };
    match (whole.unit, trailing) {
        (Some(wu), _) if wu.compatible(pu) => true,
        (Some(_), Some(t)) => t.clone().any(|i| {
            if doc.word(i) != "của" {
                return false;
            }
            let mut k = i + 1;
            while matches!(doc.word(k), "các" | "những" | "mọi") {
                k += 1;
            }
            let words: Vec<&str> = (k..(k + 6).min(t.end)).map(|j| doc.word(j)).collect();
            crate::narrative::units::unit_at(&words).is_some_and(|(u, _)| u.compatible(pu))
        }),
        _ => false,
    }
}

/// Sums after `gồm`, `bao gồm`, `trong đó`, `Trong đó:` (whole in the sentence before).
pub(super) fn lists(p: usize, doc: &Doc, s: usize, out: &mut Vec<Finding>) {
    let sent = doc.sents[s].toks.clone();
    let ms = doc.sentence_mentions(s);
    // A sum needs two parts after its marker: a marker at or after the second-last figure of
    // the sentence has nothing to judge, so the scan (every token) stops there.
    let Some(last_marker) = ms.len().checked_sub(2).map(|k| ms[k].tok.min(sent.end)) else {
        return;
    };
    let mut i = sent.start;
    while i < last_marker {
        let Some((sem, len, status_list)) = marker_at(doc, i, sent.end) else {
            i += 1;
            continue;
        };
        let d = doc.depth[i];
        let after = i + len;
        let colon = doc.word(after) == ":";
        let first_in_paren = i > 0 && doc.word(i - 1) == "(";
        let close = paren_close(doc, i, sent.end);
        let span_end = if colon || first_in_paren {
            close
        } else {
            (after..close)
                .find(|&k| doc.word(k) == ";" && doc.depth[k] == d)
                .unwrap_or(close)
        };
        i = after;
        // `trong đó` names some of the parts; when each part states its share and the shares
        // make 100% (`trong đó 13.767 … chiếm 78%; 3.254 … chiếm 18,4% và … 634 …, chiếm 3,6%`),
        // the parts are all of it, across `;` too.
        let (sem, span_end) = match (sem, exhaustive_shares(doc, ms, after, close, d)) {
            (Semantics::AtMost, Some(end)) => (Semantics::Equal, end),
            _ => (sem, span_end),
        };
        let in_span = |m: &&Mention| m.tok >= after && m.tok < span_end && m.depth == d;
        if ms.iter().filter(in_span).any(|m| m.cumulative) {
            continue;
        }
        let parts: Vec<&Mention> = ms
            .iter()
            .filter(|m| in_span(m) && part_ok(doc, m))
            .collect();
        // `trong đó có 5.591 đơn đủ điều kiện xử lý với 651 đơn khiếu nại, 281 …`: the figures
        // after `với` break down the part before it, not the whole; such a list is no flat list.
        // (`10.126 lượt, với số tiền 52.795.800.826 đồng` pairs two kinds of figure: no
        // breakdown.)
        let broken_down = parts.windows(2).any(|w| {
            super::same_kind(w[0], w[1])
                && w[0].unit.is_some()
                && (w[0].unit_end..w[1].tok).any(|k| doc.depth[k] == d && doc.word(k) == "với")
        });
        if broken_down {
            continue;
        }
        // The whole: before the marker in the same clause, or, for a sentence opening with
        // `Trong đó:`, in the sentence before.
        let sentence_start = (sent.start..i)
            .all(|k| !matches!(doc.toks[k].kind, Kind::Word | Kind::Num(_)) || k >= i - len);
        // The candidates, nearest first: the sentence before (from its last figure), or the
        // figures of this clause before the marker. Not collected: they are searched once per
        // group, and most markers have no group.
        let prev_sentence = sentence_start && doc.sents[s].cont && s > 0;
        let from = if prev_sentence {
            0
        } else {
            let clauses = &doc.sents[s].clauses;
            let k = clauses
                .iter()
                .position(|c| c.contains(&(i - len)))
                .unwrap_or(0);
            // A clause opening with the marker (`…127 nhiệm vụ …; kết quả thống kê có 86 …`)
            // breaks down the clause before.
            let opens = (clauses[k].start..i - len)
                .all(|t| !matches!(doc.toks[t].kind, Kind::Word | Kind::Num(_)));
            if opens && k > 0 {
                clauses[k - 1].start
            } else {
                clauses[k].start
            }
        };
        let status_full = status_list
            && parts.iter().any(|m| doc.item_has(m, PENDING))
            && parts.iter().any(|m| !doc.item_has(m, PENDING));
        let sem = if status_list && !status_full {
            Semantics::AtMost
        } else {
            sem
        };
        for group in groups(&parts) {
            if group.len() < 2 {
                continue;
            }
            // The nearest figure before the marker that counts the same kind of thing.
            let fits = |w: &&Mention| whole_ok(doc, w) && whole_fits(doc, w, &group, None);
            let whole = if prev_sentence {
                doc.sentence_mentions(s - 1).iter().rev().find(fits)
            } else {
                ms.iter()
                    .rev()
                    .filter(|m| m.tok < i - len && m.tok >= from && m.depth <= d)
                    .find(fits)
            };
            let Some(whole) = whole else {
                continue;
            };
            // A figure that is itself a part of an earlier list in its clause (`2.268 thủ tục
            // gồm …, 134 thủ tục cấp xã; trong đó …`) is no whole: which figure the list breaks
            // down is not pinned down.
            if whole.sent == s && (from..whole.tok).any(|t| marker_at(doc, t, sent.end).is_some()) {
                continue;
            }
            // `đã giải quyết 274 đơn khiếu nại và 105 đơn tố cáo; trong đó …`: two wholes side by
            // side, and the list may break down either.
            if whole.sent == s && coordinated(doc, ms, whole) {
                continue;
            }
            let quoted = if whole.sent == s {
                whole.gap_start..span_end
            } else {
                sent.start..span_end
            };
            let mut f = Finding::new("sum", p, doc, quoted, &[&[whole][..], &group[..]].concat());
            if whole.sent != s {
                // `… là 11.481 tỷ đồng, … Trong đó: …`: quote the whole's clause too.
                let clause = doc.clause_of(whole);
                f.quote = format!(
                    "{} {}",
                    crate::narrative::finding::quote(doc, clause.start..whole.right_end),
                    crate::narrative::finding::quote(doc, sent.start..span_end)
                );
                f.line = doc.line_of(whole.tok);
            }
            let parts: Vec<(&Doc, &Mention)> = group.iter().map(|m| (doc, *m)).collect();
            let label = match sem {
                Semantics::Equal => "các phần",
                Semantics::AtMost => "các phần nêu sau «trong đó»",
            };
            judge_sum(&mut f, doc, whole, &parts, sem, label);
            out.push(f);
        }
    }
}

/// The end of a list whose parts, from `after` to `end` at depth `d`, each state their share of
/// the whole (`chiếm 78%`, `tỷ lệ 1,19%`) and whose shares add up to 100%, as printed and
/// rounded: such a list is exhaustive. `None` when any part has no share or they fall short.
fn exhaustive_shares(doc: &Doc, ms: &[Mention], after: usize, end: usize, d: u16) -> Option<usize> {
    let in_list: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.tok >= after && m.tok < end && m.depth == d)
        .collect();
    let mut parts = 0;
    let mut shares = Interval::exact(Decimal::ZERO);
    let mut k = 0;
    while k < in_list.len() {
        let m = in_list[k];
        let share = in_list.get(k + 1).filter(|x| {
            x.num.percent
                && !x.approx
                && !x.change
                && x.clause == m.clause
                && doc.has_any(
                    x.gap_start..x.tok,
                    Some(d),
                    &[&["chiếm"], &["tỷ", "lệ"], &["tỉ", "lệ"]],
                )
        })?;
        if !part_ok(doc, m) || m.is_fraction() {
            return None;
        }
        shares = shares.checked_add(&Interval::rounded(share.num.a.value, share.num.a.decimals))?;
        parts += 1;
        k += 2;
    }
    let hundred = Interval::exact(Decimal::ONE_HUNDRED);
    (parts >= 2 && shares.meets(&hundred)).then_some(end)
}

/// Whether `m` is the second of two figures joined by `và` (`274 đơn khiếu nại và 105 đơn tố
/// cáo`): the same kind of thing counted twice side by side.
fn coordinated(doc: &Doc, ms: &[Mention], m: &Mention) -> bool {
    ms.iter()
        .rfind(|x| x.tok < m.tok && x.clause == m.clause && x.depth == m.depth)
        .is_some_and(|x| {
            x.is_plain()
                && super::same_kind(x, m)
                && (x.right_end.max(x.unit_end)..m.tok)
                    .filter(|&k| doc.depth[k] == m.depth)
                    .all(|k| doc.word(k) == "và")
                && x.right_end < m.tok
        })
}

/// A breakdown in parentheses right after a whole: `60 văn bản QPPL (06 …, 06 …, 45 …, 03 …)`,
/// `còn 255 thôn, tổ dân phố (66 thôn, 189 tổ dân phố)`.
pub(super) fn parenthesised(p: usize, doc: &Doc, s: usize, out: &mut Vec<Finding>) {
    let sent = doc.sents[s].toks.clone();
    let ms = doc.sentence_mentions(s);
    // A whole before the parenthesis and two parts inside: only a parenthesis between the first
    // figure and the second-last can open a breakdown (the scan looks at every token).
    if ms.len() < 3 {
        return;
    }
    for open in ms[0].tok + 1..ms[ms.len() - 2].tok.min(sent.end) {
        // By kind rather than by text: only a punctuation token reads `(`.
        if doc.toks[open].kind != Kind::Punct('(') {
            continue;
        }
        let d = doc.depth[open];
        let first = open + 1;
        if first >= sent.end
            || marker_at(doc, first, sent.end).is_some()
            || matches!(doc.word(first), "trừ" | "không" | "ngoài" | "riêng" | "*")
            || doc.word(first).starts_with('*')
        {
            continue;
        }
        // The whole: the figure just before, with nothing but its own words in between.
        let Some(whole) = ms.iter().rev().find(|m| m.tok < open && m.depth == d) else {
            continue;
        };
        let between = whole.unit_end..open;
        let clean = between
            .clone()
            .all(|k| doc.depth[k] != d || matches!(doc.toks[k].kind, Kind::Word | Kind::Other));
        if !clean || !whole_ok(doc, whole) {
            continue;
        }
        let close = (first..sent.end)
            .find(|&k| doc.word(k) == ")" && doc.depth[k] == d)
            .unwrap_or(sent.end);
        let inside: Vec<&Mention> = ms
            .iter()
            .filter(|m| m.tok > open && m.tok < close && m.depth == d + 1)
            .collect();
        if inside
            .iter()
            .any(|m| m.cumulative || m.num.percent || m.change)
        {
            continue;
        }
        let parts: Vec<&Mention> = inside.into_iter().filter(|m| part_ok(doc, m)).collect();
        for group in groups(&parts) {
            if group.len() < 2 || !whole_fits(doc, whole, &group, Some(between.clone())) {
                continue;
            }
            let mut f = Finding::new(
                "sum",
                p,
                doc,
                whole.gap_start..close + 1,
                &[&[whole][..], &group[..]].concat(),
            );
            let parts: Vec<(&Doc, &Mention)> = group.iter().map(|m| (doc, *m)).collect();
            judge_sum(
                &mut f,
                doc,
                whole,
                &parts,
                Semantics::Equal,
                "các phần trong ngoặc",
            );
            out.push(f);
        }
    }
}

/// Judges parts against their whole. `label` says what the parts are, for the message (`các phần
/// nêu sau «trong đó»`, `các gạch đầu dòng bên dưới`…).
pub(super) fn judge_sum(
    f: &mut Finding,
    doc: &Doc,
    whole: &Mention,
    parts: &[(&Doc, &Mention)],
    sem: Semantics,
    label: &str,
) {
    // Runs for every sum the text states: the strings are slices of the text where they can be,
    // and the messages are built in one piece.
    // The smallest money scale among the whole and its parts (`common_scale`, without
    // collecting them).
    let scale = std::iter::once(whole)
        .chain(parts.iter().map(|(_, m)| *m))
        .filter_map(|m| m.unit.filter(|u| u.is_money()).map(|u| u.scale))
        .min()
        .unwrap_or(0);
    let mut sum = Interval::exact(Decimal::ZERO);
    let mut exact = Decimal::ZERO;
    // The most decimals any part was printed with (`decimals_of`).
    let mut dec = 0;
    for (_, m) in parts {
        let added = valued(m.num.a, m, scale)
            .and_then(|(v, iv)| Some((sum.checked_add(&iv)?, exact.checked_add(v)?)));
        let Some((s, e)) = added else {
            f.too_large();
            return;
        };
        (sum, exact) = (s, e);
        dec = dec.max(m.num.a.decimals);
    }
    let converted = whole.unit.is_some_and(|u| u.is_money() && u.scale != scale);
    let part_unit = parts
        .iter()
        .find(|(_, m)| m.unit.is_some())
        .map_or("", |(d, m)| unit_text(d, m, ""));
    let unit_word = if converted {
        scale_name(scale)
    } else {
        unit_text(doc, whole, part_unit)
    };
    // The parts as printed, joined by ` + `.
    let mut formula = String::with_capacity(16 * parts.len());
    for (k, (d, m)) in parts.iter().enumerate() {
        if k > 0 {
            formula.push_str(" + ");
        }
        formula.push_str(raw_a_str(d, m));
    }
    f.formula = Some(formula);
    let formula = f.formula.as_deref().unwrap_or("");
    // A fraction as the whole: a breakdown may make up either of its figures.
    let second = match (whole.num.b, sem) {
        (Some(b), Semantics::Equal) => Some((b, raw_b_str(doc, whole))),
        _ => None,
    };
    // Each whole in the common scale, with its figure and print.
    let mut wholes = [None, None];
    for (slot, w) in wholes
        .iter_mut()
        .zip([Some((whole.num.a, raw_a_str(doc, whole))), second])
    {
        if let Some((w, shown)) = w {
            let Some((wv, wi)) = valued(w, whole, scale) else {
                f.too_large();
                return;
            };
            *slot = Some((w, shown, wv, wi));
        }
    }
    let fraction = whole
        .is_fraction()
        .then(|| doc.text(whole.tok..whole.tok + 1));
    let describe = |shown: &str, wv: Decimal, w: &Figure| match fraction {
        Some(fr) => format!("số {shown} trong «{fr} {unit_word}»"),
        None if converted => format!("tổng {} ghi trong câu", amount(wv, w.decimals, unit_word)),
        // `shown unit`, or `shown` alone when there is no unit.
        None => {
            let space = if unit_word.is_empty() { "" } else { " " };
            cat(&["tổng ", shown, space, unit_word, " ghi trong câu"])
        }
    };
    let judged = wholes.iter().flatten().copied().find(|(.., wi)| match sem {
        Semantics::Equal => sum.meets(wi),
        Semantics::AtMost => sum.lo <= wi.hi,
    });
    let total_text = amount(exact, dec, unit_word);
    let ok = judged.is_some();
    let Some((w, shown, wv, wi)) = judged.or(wholes[0]) else {
        return;
    };
    // What the whole has beyond the parts (negative when they exceed it).
    let Some(beyond) = wv.checked_sub(exact) else {
        f.too_large();
        return;
    };
    f.reported = Some(shown.to_string());
    let whole_text = describe(shown, wv, &w);
    f.expected = Some(if sem == Semantics::AtMost {
        cat(&["≤ ", shown])
    } else {
        format_vi(exact, dec)
    });
    let gap = dec.max(w.decimals);
    if ok {
        f.status = Status::Pass;
        f.imbalance = Some(format_vi(Decimal::ZERO, dec));
        let left;
        let tail: &[&str] = if sem == Semantics::Equal || sum.meets(&wi) {
            &["khớp với ", &whole_text]
        } else {
            left = amount(beyond, gap, unit_word);
            &[
                "không vượt ",
                &whole_text,
                " (còn ",
                &left,
                " không được kể ra)",
            ]
        };
        let head = [
            "Câu «",
            &f.quote,
            "»: ",
            label,
            " cộng lại ",
            formula,
            " = ",
            &total_text,
            ", ",
        ];
        let len = head.iter().chain(tail).map(|p| p.len()).sum::<usize>() + 1;
        let mut message = String::with_capacity(len);
        for p in head.iter().chain(tail) {
            message.push_str(p);
        }
        message.push('.');
        f.message = message;
        return;
    }
    f.status = Status::Warn;
    f.imbalance = Some(signed(beyond, gap));
    f.message = match sem {
        Semantics::Equal => {
            let also = match (whole.num.b, &fraction, wholes[1]) {
                (Some(b), Some(fr), Some((.., bv, _))) => format!(
                    ", cũng không bằng {} (số thứ hai trong «{fr}»)",
                    amount(bv, b.decimals, unit_word)
                ),
                _ => String::new(),
            };
            format!(
                "Câu «{}» ghi {} nhưng {label} cộng lại {formula} = {total_text} (chênh {}{also}). Cần xem lại tổng hoặc các phần.",
                f.quote,
                amount(wv, w.decimals, unit_word),
                amount(beyond.abs(), gap, unit_word)
            )
        }
        Semantics::AtMost => format!(
            "Câu «{}»: {label} cộng lại {formula} = {total_text}, lớn hơn {} (vượt {}). Phần không thể lớn hơn tổng.",
            f.quote,
            amount(wv, w.decimals, unit_word),
            amount(beyond.abs(), gap, unit_word)
        ),
    };
}

// ---------------------------------------------------------------------------------------------
// Remainders and flows.

/// `đã giải quyết 58/69 kiến nghị; đang giải quyết 11 kiến nghị`, `đã thực hiện 3.638/3.873 tỷ
/// đồng, …, chưa thực hiện 235 tỷ đồng`, `136/139 Tổ (trừ 03 …)`: the rest of a fraction.
pub(super) fn remainders(p: usize, doc: &Doc, s: usize, out: &mut Vec<Finding>) {
    let ms = doc.sentence_mentions(s);
    for (k, fr) in ms.iter().enumerate() {
        let Some(b) = fr.num.b else {
            continue;
        };
        if fr.approx || fr.change || fr.num.percent {
            continue;
        }
        // `(trừ N …)` right after the fraction's words.
        let except = (fr.unit_end..doc.sents[s].toks.end)
            .take_while(|&i| doc.depth[i] > fr.depth || !matches!(doc.word(i), "," | ";" | "."))
            .find(|&i| doc.word(i) == "(" && doc.depth[i] == fr.depth && doc.word(i + 1) == "trừ")
            .and_then(|open| {
                let close = paren_close(doc, open + 1, doc.sents[s].toks.end);
                ms[k + 1..].iter().find(|m| {
                    m.depth == fr.depth + 1 && m.tok > open && m.tok < close && m.is_plain()
                })
            });
        let (rest, sem) = if let Some(r) = except {
            (r, Semantics::Equal)
        } else {
            let Some(r) = ms[k + 1..].iter().find(|m| {
                m.is_plain()
                    && !m.is_fraction()
                    && both_units(fr, m)
                    && doc.item_has(m, &[&["chưa"], &["còn", "lại"], &["đang"]])
            }) else {
                continue;
            };
            let sem = if doc.item_has(r, &[&["chưa"], &["còn", "lại"]]) {
                Semantics::Equal
            } else {
                Semantics::AtMost
            };
            (r, sem)
        };
        let scale = common_scale(&[fr, rest]);
        // The part stated, the rest, the whole; the two added up, and beyond the whole.
        let values = (|| {
            let (av, ai) = valued(fr.num.a, fr, scale)?;
            let (rv, ri) = valued(rest.num.a, rest, scale)?;
            let (bv, bi) = valued(b, fr, scale)?;
            let exact = av.checked_add(rv)?;
            Some((bv, bi, ai.checked_add(&ri)?, exact, exact.checked_sub(bv)?))
        })();
        let dec = decimals_of(&[fr.num.a, rest.num.a, b]);
        let unit = unit_text(doc, fr, "");
        let (at, rt, bt) = (raw_a(doc, fr), raw_a(doc, rest), raw_b(doc, fr));
        let quoted = fr.gap_start..rest.right_end.max(rest.unit_end);
        let mut f = Finding::new("remainder", p, doc, quoted, &[fr, rest]);
        let Some((bv, bi, sum, exact, over)) = values else {
            f.too_large();
            out.push(f);
            continue;
        };
        f.formula = Some(format!("{at} + {rt}"));
        f.reported = Some(bt.clone());
        f.expected = Some(format_vi(exact, dec));
        let ok = match sem {
            Semantics::Equal => sum.meets(&bi),
            Semantics::AtMost => sum.lo <= bi.hi,
        };
        let whole = format!("{bt} {unit} trong «{at}/{bt}»");
        if ok {
            f.status = Status::Pass;
            f.imbalance = Some(format_vi(Decimal::ZERO, dec));
            let tail = if sem == Semantics::AtMost && !sum.meets(&bi) {
                format!(
                    "không vượt {whole} (còn {} chưa được nêu)",
                    amount(-over, dec, unit)
                )
            } else {
                format!("khớp với {whole}")
            };
            f.message = format!(
                "Câu «{}»: phần đã nêu cộng phần còn lại là {at} + {rt} = {}, {tail}.",
                f.quote,
                amount(exact, dec, unit)
            );
        } else {
            f.status = Status::Warn;
            f.imbalance = Some(signed(over, dec));
            f.message = format!(
                "Câu «{}» ghi {at}/{bt} {unit} và phần còn lại {rt}, nhưng {at} + {rt} = {}, {} {bt} (chênh {}). Cần xem lại các số này.",
                f.quote,
                amount(exact, dec, unit),
                if exact > bv { "lớn hơn" } else { "không bằng" },
                format_vi(over.abs(), dec)
            );
        }
        out.push(f);
    }
}

/// A flow of items in one statement (a sentence and the sentences continuing it): what was
/// received is resolved, pending, rejected or passed on; the parts cannot exceed what was received.
pub(super) fn flows(p: usize, doc: &Doc, roles: &[Role], s: usize, out: &mut Vec<Finding>) {
    let mut last = s;
    while last + 1 < doc.sents.len() && doc.sents[last + 1].cont {
        last += 1;
    }
    // A flow starts from what was received: most statements name nothing received, and need no
    // more than this look at the roles.
    if !(s..=last)
        .flat_map(|k| doc.sentence_mentions(k).iter())
        .any(|m| roles[m.id] == Role::Received)
    {
        return;
    }
    let ms: Vec<&Mention> = (s..=last)
        .flat_map(|k| doc.sentence_mentions(k).iter())
        .filter(|m| m.is_plain() && !m.is_fraction() && !is_out_of(doc, m))
        .collect();
    let with =
        |r: Role| -> Vec<&Mention> { ms.iter().copied().filter(|m| roles[m.id] == r).collect() };
    let received = with(Role::Received);
    let [received] = received.as_slice() else {
        return;
    };
    let received = *received;
    // With items carried over, or a total to handle, what was received is not the whole the
    // parts come out of (`tiếp nhận mới A, tồn kỳ trước B, lũy kế đã và đang giải quyết A + B`).
    // Items due (`đến hạn`) include items carried over, too.
    if !with(Role::Carried).is_empty()
        || !with(Role::Handled).is_empty()
        || !with(Role::Due).is_empty()
    {
        return;
    }
    let kind_ok = |v: &[&Mention]| v.iter().all(|m| both_units(m, received));
    let mut resolved = with(Role::Resolved);
    if resolved.is_empty() {
        resolved = with(Role::OnTime);
        resolved.extend(with(Role::Late));
    }
    let pending = with(Role::Pending);
    let mut cases: Vec<(&'static str, Vec<&Mention>)> = Vec::new();
    if resolved.len() == 1 && !pending.is_empty()
        || resolved.len() > 1 && !pending.is_empty() && with(Role::Resolved).is_empty()
    {
        // In the order of the text.
        let parts: Vec<&Mention> = ms
            .iter()
            .copied()
            .filter(|m| resolved.iter().chain(&pending).any(|x| x.id == m.id))
            .collect();
        cases.push(("số đã giải quyết và số còn đang xử lý", parts));
    }
    let rejected = with(Role::Rejected);
    let forwarded = with(Role::Forwarded);
    if rejected.len() == 1 && forwarded.len() == 1 {
        cases.push((
            "số bị từ chối và số được chuyển đi",
            vec![rejected[0], forwarded[0]],
        ));
    }
    for (what, parts) in cases {
        if !kind_ok(&parts)
            || parts
                .iter()
                .any(|m| m.tok < received.tok && m.sent == received.sent)
        {
            continue;
        }
        let mut key: Vec<(usize, usize)> = parts.iter().map(|m| (p, m.tok)).collect();
        key.push((p, received.tok));
        // Only this paragraph's findings (the latest ones) can use the same figures.
        let already = out
            .iter()
            .rev()
            .take_while(|f| f.uses.first().is_some_and(|u| u.0 == p))
            .any(|f| super::same_uses(&f.uses, &key));
        if already {
            continue;
        }
        let end_sent = parts.last().map_or(s, |m| m.sent);
        let end = parts
            .last()
            .map_or(received.right_end, |m| m.right_end.max(m.unit_end));
        let quoted = received.gap_start..end;
        let mut f = Finding::new(
            "flow",
            p,
            doc,
            quoted,
            &[&[received][..], &parts[..]].concat(),
        );
        if end_sent != received.sent {
            f.quote = crate::narrative::finding::quote(doc, received.gap_start..end);
        }
        let pairs: Vec<(&Doc, &Mention)> = parts.iter().map(|m| (doc, *m)).collect();
        judge_sum(&mut f, doc, received, &pairs, Semantics::AtMost, what);
        out.push(f);
    }
}

// ---------------------------------------------------------------------------------------------
// Bulleted breakdowns.

/// `… 118/616 ĐVSNNCL … Cụ thể:` followed by bullets `- …: 09`, `- …: 31`, `- …: 78, trong đó:`
/// with sub-bullets `+ …: 07`…: the bullets make up the figure above them.
pub(super) fn bullets(docs: &[Doc], p: usize, out: &mut Vec<Finding>) {
    let header = &docs[p];
    let Some(last) = header.sents.len().checked_sub(1) else {
        return;
    };
    let Some((whole, sem, header_doc)) = list_head(header, last) else {
        return;
    };
    let Some(level) = docs.get(p + 1).and_then(|d| d.bullet) else {
        return;
    };
    let _ = header_doc;
    // Bullets of this level, each with its sub-bullets.
    let mut items: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut k = p + 1;
    while k < docs.len() {
        match docs[k].bullet {
            Some(c) if c == level => items.push((k, Vec::new())),
            Some(_) if !items.is_empty() => items.last_mut().expect("non-empty").1.push(k),
            _ => break,
        }
        k += 1;
    }
    let value = |d: &Doc| -> Option<Mention> {
        let plain: Vec<&Mention> = d.mentions.iter().filter(|m| m.is_plain()).collect();
        match plain.as_slice() {
            [m] => Some(**m),
            _ => None,
        }
    };
    let mut values = Vec::new();
    for (b, _) in &items {
        match value(&docs[*b]) {
            Some(m) => values.push((*b, m)),
            None => return,
        }
    }
    if values.len() < 2 {
        return;
    }
    judge_bullets(docs, p, header, &whole, sem, &values, out);
    // A bullet heading a sub-list (`- …: 78, trong đó:`) is judged as a header in its turn.
}

/// The figure a list after a colon breaks down, and how: the last sentence ends with `:` after
/// `Cụ thể`, `gồm`, `bao gồm` or `trong đó`.
pub(super) fn list_head<'a>(doc: &'a Doc, s: usize) -> Option<(Mention, Semantics, &'a Doc<'a>)> {
    let sent = doc.sents[s].toks.clone();
    if sent.is_empty() || doc.word(sent.end - 1) != ":" {
        return None;
    }
    let before = sent.start..sent.end - 1;
    let sem = if doc.has_any(before.clone(), None, SUBSET_MARKERS) {
        Semantics::AtMost
    } else if doc.has_any(
        before.clone(),
        None,
        &[&["cụ", "thể"], &["gồm"], &["bao", "gồm"], &["chia", "ra"]],
    ) {
        Semantics::Equal
    } else {
        return None;
    };
    let own = doc.sentence_mentions(s);
    let pool: Vec<&Mention> = if own.iter().any(|m| m.is_plain()) {
        own.iter().collect()
    } else if doc.sents[s].cont && s > 0 {
        doc.sentence_mentions(s - 1).iter().collect()
    } else {
        return None;
    };
    let whole = pool.into_iter().rev().find(|m| m.is_plain())?;
    Some((*whole, sem, doc))
}

pub(super) fn judge_bullets(
    docs: &[Doc],
    p: usize,
    header: &Doc,
    whole: &Mention,
    sem: Semantics,
    values: &[(usize, Mention)],
    out: &mut Vec<Finding>,
) {
    let parts: Vec<(&Doc, &Mention)> = values.iter().map(|(b, m)| (&docs[*b], m)).collect();
    let quoted = whole.gap_start..header.sents[whole.sent].toks.end;
    let mut f = Finding::new("sum", p, header, quoted, &[whole]);
    f.uses.extend(values.iter().map(|(b, m)| (*b, m.tok)));
    let lines: Vec<String> = values
        .iter()
        .map(|(b, m)| format!("{} (dòng {})", raw_a(&docs[*b], m), docs[*b].line_of(m.tok)))
        .collect();
    judge_sum(
        &mut f,
        header,
        whole,
        &parts,
        sem,
        "các gạch đầu dòng bên dưới",
    );
    f.message
        .push_str(&format!(" Các gạch đầu dòng: {}.", lines.join(", ")));
    out.push(f);
}
