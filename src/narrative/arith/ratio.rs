//! A percentage against the counts it is computed from.

use super::{both_units, is_out_of, same_kind, Role, Side, RATE, WHOLE};
use crate::explain::signed;
use crate::interval::Interval;
use crate::narrative::finding::{common_scale, raw_a, raw_b, unit_text, valued, Finding};
use crate::narrative::scan::{Doc, Mention};
use crate::number::{format_vi, format_vi_trimmed, round_to};
use crate::outcome::Status;
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// Ratios.

/// A percentage against the counts it is computed from.
pub(super) fn ratios(p: usize, doc: &Doc, roles: &[Role], s: usize, out: &mut Vec<Finding>) {
    let ms = doc.sentence_mentions(s);
    for (k, pc) in ms.iter().enumerate() {
        if !pc.num.percent || pc.approx || pc.change || pc.is_fraction() || k == 0 {
            continue;
        }
        let gap = pc.gap_start..pc.tok;
        if !doc.has_any(gap.clone(), Some(pc.depth), RATE)
            || doc.has_any(gap.clone(), None, &[&["lần", "lượt"]])
        {
            continue;
        }
        let m = &ms[k - 1];
        if m.clause != pc.clause || m.num.percent || m.approx || m.change {
            continue;
        }
        let chiem = doc.has_any(gap, Some(pc.depth), &[&["chiếm"]]);
        let side_a = |x: &Mention| Side {
            fig: x.num.a,
            shown: raw_a(doc, x),
        };
        let side_b = |x: &Mention| Side {
            fig: x.num.b.expect("a fraction"),
            shown: raw_b(doc, x),
        };
        // (numerator, denominator, the pending items a rate may leave out of its base)
        type Pair<'m> = (&'m Mention, Side, &'m Mention, Side, Option<&'m Mention>);
        let pair: Option<Pair> = if chiem && !m.is_fraction() {
            // `chưa thực hiện 235 tỷ đồng, chiếm tỷ lệ 6,1%`: of the whole named earlier.
            ms[..k - 1].iter().rev().find_map(|w| {
                if !same_kind(w, m) || w.num.percent || w.approx || w.change {
                    return None;
                }
                if w.is_fraction() {
                    Some((m, side_a(m), w, side_b(w), None))
                } else if doc.item_has(w, WHOLE) {
                    Some((m, side_a(m), w, side_a(w), None))
                } else {
                    None
                }
            })
        } else if m.is_fraction() {
            Some((m, side_a(m), m, side_b(m), None))
        } else if is_out_of(doc, m) && k >= 2 {
            let a = &ms[k - 2];
            (a.clause == m.clause && both_units(a, m) && a.is_plain() && !a.is_fraction())
                .then(|| (a, side_a(a), m, side_a(m), None))
        } else {
            let before = |r: Role| {
                ms[..k - 1].iter().rev().find(|d| {
                    same_kind(d, m) && d.is_plain() && !d.is_fraction() && roles[d.id] == r
                })
            };
            // `tiếp nhận 6.776 hồ sơ, với 2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)`: a
            // share of the items received right before it, joined by `với`. (After `trong đó:`
            // each item's rate may be of its own base: `trong đó: Công an tỉnh 977.232 hồ sơ,
            // đạt tỷ lệ 98,14%`.)
            let share = || {
                let d = ms[..k - 1].last()?;
                let joined = doc.has_any(d.right_end..m.tok, None, &[&["với"]]);
                (joined
                    && roles[d.id] == Role::Received
                    && d.is_plain()
                    && !d.is_fraction()
                    && both_units(d, m))
                .then(|| (m, side_a(m), d, side_a(d), None))
            };
            match roles[m.id] {
                // On time, of the items resolved; else of the items due (`đến hạn`, before or
                // after it), else of the items received.
                Role::OnTime => before(Role::Resolved)
                    .or_else(|| {
                        ms.iter().find(|d| {
                            same_kind(d, m)
                                && d.is_plain()
                                && !d.is_fraction()
                                && roles[d.id] == Role::Due
                        })
                    })
                    .or_else(|| before(Role::Received))
                    .map(|d| (m, side_a(m), d, side_a(d), None)),
                Role::Other => share(),
                Role::Resolved => before(Role::Received).map(|d| {
                    // Items still within their time limit are not yet due: the rate may be of
                    // the items due.
                    let pending = ms
                        .iter()
                        .find(|r| same_kind(r, m) && r.is_plain() && roles[r.id] == Role::Pending);
                    (m, side_a(m), d, side_a(d), pending)
                }),
                _ => None,
            }
        };
        let Some((n, ns, d, ds, pending)) = pair else {
            continue;
        };
        let judged = |d: &Mention, ds: Side, pending: Option<&Mention>| {
            let mut used = vec![n, d, pc];
            used.extend(pending);
            let start = n.gap_start.min(d.gap_start);
            let end = pc.unit_end.max(n.unit_end).max(d.unit_end);
            let mut f = Finding::new("ratio", p, doc, start..end, &used);
            judge_ratio(&mut f, doc, (n, ns.clone()), (d, ds), pending, pc);
            f
        };
        let mut f = judged(d, ds, pending);
        if f.status == Status::Warn {
            // The text may name the base it means elsewhere in the sentence: the items due
            // (`đến hạn`), resolved, received, or to handle. A rate that matches any base the
            // sentence names is not judged wrong: which one is meant is not pinned down.
            let other = ms.iter().filter(|b| {
                b.id != d.id
                    && b.id != n.id
                    && b.is_plain()
                    && !b.is_fraction()
                    && same_kind(b, n)
                    && b.num.a.value >= n.num.a.value
                    && (matches!(
                        roles[b.id],
                        Role::Received | Role::Resolved | Role::Due | Role::Handled
                    ) || doc.item_has(b, WHOLE))
            });
            if let Some(g) = other
                .map(|b| judged(b, side_a(b), None))
                .find(|g| g.status == Status::Pass)
            {
                f = g;
            }
        }
        out.push(f);
    }
}

pub(super) fn judge_ratio(
    f: &mut Finding,
    doc: &Doc,
    (n, ns): (&Mention, Side),
    (d, ds): (&Mention, Side),
    pending: Option<&Mention>,
    pc: &Mention,
) {
    let scale = common_scale(&[n, d]);
    let (Some((nv, ni)), Some((dv, di))) = (valued(ns.fig, n, scale), valued(ds.fig, d, scale))
    else {
        f.too_large();
        return;
    };
    let reported = pc.num.a;
    let rs = raw_a(doc, pc);
    let dec = reported.decimals;
    let ri = Interval::rounded(reported.value, dec);
    let (nt, dt) = (&ns.shown, &ds.shown);
    f.reported = Some(rs.clone());
    f.formula = Some(format!("{nt} / {dt} × 100"));
    let (Some(ci), Some(exact)) = (
        ni.percent_of(&di),
        nv.checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(dv)),
    ) else {
        f.message = format!(
            "Câu «{}»: không tính được tỷ lệ vì mẫu số ({dt}) bằng 0.",
            f.quote
        );
        return;
    };
    let expected = round_to(exact, dec);
    f.expected = Some(format_vi(expected, dec));
    let unit = unit_text(doc, d, "");
    if ci.meets(&ri) {
        f.status = Status::Pass;
        f.imbalance = Some(format_vi(Decimal::ZERO, dec));
        f.message = format!(
            "Câu «{}»: {nt} / {dt} × 100 = {}%, làm tròn {} chữ số thập phân là {}%, khớp với tỷ lệ {rs}% ghi trong câu.",
            f.quote,
            format_vi_trimmed(exact, 4),
            dec,
            format_vi(expected, dec),
        );
        return;
    }
    if let Some(r) = pending {
        // The base without the items still within their time limit.
        let base = valued(r.num.a, r, scale)
            .and_then(|(rv, rvi)| Some((dv.checked_sub(rv)?, di.checked_sub(&rvi)?)));
        let rt = raw_a(doc, r);
        if let Some((Some(ai), Some(aexact))) = base.map(|(bv, bi)| {
            (
                ni.percent_of(&bi),
                nv.checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| x.checked_div(bv)),
            )
        }) {
            if ai.meets(&ri) {
                let aexp = round_to(aexact, dec);
                f.status = Status::Pass;
                f.expected = Some(format_vi(aexp, dec));
                f.imbalance = Some(format_vi(Decimal::ZERO, dec));
                f.formula = Some(format!("{nt} / ({dt} − {rt}) × 100"));
                f.message = format!(
                    "Câu «{}»: tỷ lệ {rs}% tính trên số đã đến hạn, không kể {rt} {} còn trong hạn: \
                     {nt} / ({dt} − {rt}) × 100 = {}%, khớp. (Tính trên toàn bộ {dt} {unit} thì tỷ lệ là {}%.)",
                    f.quote,
                    unit_text(doc, r, unit),
                    format_vi_trimmed(aexact, 4),
                    format_vi(exact, dec.max(2))
                );
                return;
            }
        }
    }
    let Some(diff) = reported.value.checked_sub(expected) else {
        f.too_large();
        return;
    };
    f.status = Status::Warn;
    f.imbalance = Some(signed(diff, dec));
    f.message = format!(
        "Câu «{}» ghi tỷ lệ {rs}% nhưng {nt} / {dt} × 100 = {}%, làm tròn là {}% (chênh {} điểm %). Cần xem lại tỷ lệ hoặc các số {nt} và {dt}.",
        f.quote,
        format_vi_trimmed(exact, 4),
        format_vi(expected, dec),
        format_vi(diff.abs(), dec),
    );
}

/// A rate stated first, its counts after `trong đó`: `Tỉ lệ hồ sơ … giải quyết đúng hạn đạt
/// 98,94%; trong đó tổng số hồ sơ đã giải quyết xong là 207.030 hồ sơ, số hồ sơ giải quyết đúng
/// hạn là 204.847 hồ sơ.` The rate's own words say what it counts (on time, resolved); the
/// counts after it are the part with that role and the whole it is of.
pub(super) fn rate_then_counts(
    p: usize,
    doc: &Doc,
    roles: &[Role],
    s: usize,
    out: &mut Vec<Finding>,
) {
    let ms = doc.sentence_mentions(s);
    // The rate: the sentence's first percentage, with no count before it (a length of time,
    // `6 tháng đầu năm`, is no count).
    let Some(j) = ms.iter().position(|m| m.num.percent) else {
        return;
    };
    if ms[..j].iter().any(|m| m.is_plain()) {
        return;
    }
    let pc = &ms[j];
    let Some(k) = ms[j..].iter().position(|m| m.is_plain()).map(|k| k + j) else {
        return;
    };
    if pc.approx || pc.change || pc.is_fraction() || !doc.has_any(pc.gap_start..pc.tok, None, RATE)
    {
        return;
    }
    let whole_role = match roles[pc.id] {
        Role::OnTime | Role::Late => Role::Resolved,
        Role::Resolved => Role::Received,
        _ => return,
    };
    let counts = &ms[k..];
    if doc
        .find(pc.unit_end..counts[0].tok, None, &["trong", "đó"])
        .is_none()
    {
        return;
    }
    let plain = |m: &&Mention| m.is_plain() && !m.is_fraction();
    let Some(n) = counts
        .iter()
        .filter(plain)
        .find(|m| roles[m.id] == roles[pc.id])
    else {
        return;
    };
    let Some(d) = counts
        .iter()
        .filter(plain)
        .find(|m| m.id != n.id && same_kind(m, n) && roles[m.id] == whole_role)
    else {
        return;
    };
    let side = |x: &Mention| Side {
        fig: x.num.a,
        shown: raw_a(doc, x),
    };
    let start = pc.gap_start;
    let end = n.unit_end.max(d.unit_end);
    let mut f = Finding::new("ratio", p, doc, start..end, &[n, d, pc]);
    judge_ratio(&mut f, doc, (n, side(n)), (d, side(d)), None, pc);
    out.push(f);
}
