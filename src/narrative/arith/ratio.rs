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
            match roles[m.id] {
                Role::OnTime => before(Role::Resolved).map(|d| (m, side_a(m), d, side_a(d), None)),
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
        let mut used = vec![n, d, pc];
        used.extend(pending);
        let start = n.gap_start.min(d.gap_start);
        let end = pc.unit_end.max(n.unit_end).max(d.unit_end);
        let mut f = Finding::new("ratio", p, doc, start..end, &used);
        judge_ratio(&mut f, doc, (n, ns), (d, ds), pending, pc);
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
