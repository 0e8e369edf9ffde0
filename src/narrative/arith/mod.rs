//! Arithmetic inside the text: a sentence that states a whole and its parts, a ratio and its
//! percentage, a remainder, a change, or a count of the items it lists, checked with the same
//! rounding rule as the tables.
//!
//! Every rule fires only on a shape whose meaning is pinned down by its words: `gồm` (the parts
//! make the whole) against `trong đó` (the parts named may be only some), `đúng hạn` (on time, of
//! the dossiers resolved) against `giải quyết` (resolved, of those received)… When the words do
//! not say which figures a percentage or a sum relates, nothing is reported.

mod change;
mod count;
mod ratio;
mod sum;

use super::finding::Finding;
use super::scan::{Doc, Mention, Phrase};
use crate::number::Figure;

/// Runs every text rule on paragraph `p` (and, for a list under it, the bullets after it).
pub(crate) fn check(docs: &[Doc], p: usize, out: &mut Vec<Finding>) {
    let doc = &docs[p];
    let from = out.len();
    if doc.mentions.is_empty() {
        return;
    }
    let mut words = Vec::new();
    let roles: Vec<Role> = doc
        .mentions
        .iter()
        .map(|m| {
            doc.item_words(m, &mut words);
            role(&words)
        })
        .collect();
    for s in 0..doc.sents.len() {
        ratio::ratios(p, doc, &roles, s, out);
        sum::remainders(p, doc, s, out);
        sum::lists(p, doc, s, out);
        sum::parenthesised(p, doc, s, out);
        if !doc.sents[s].cont {
            sum::flows(p, doc, &roles, s, out);
        }
        change::merges(p, doc, s, out);
        change::changes(p, doc, s, out);
        count::listed_items(p, doc, s, out);
        count::named_agencies(p, doc, s, out);
    }
    sum::bullets(docs, p, out);
    count::bounds(p, doc, from, out);
}

/// Whether two findings used the same figures (in any order).
pub(crate) fn same_uses(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

// ---------------------------------------------------------------------------------------------
// Words that give figures their role.

pub(super) const RATE: &[Phrase] = &[
    &["đạt"],
    &["tỷ", "lệ"],
    &["tỉ", "lệ"],
    &["chiếm"],
    &["bằng"],
];
pub(super) const PENDING: &[Phrase] = &[
    &["đang"],
    &["chưa", "giải", "quyết"],
    &["chưa", "xử", "lý"],
    &["chưa", "hoàn", "thành"],
    &["chưa", "thực", "hiện"],
    &["chưa", "có", "kết", "quả"],
    &["chờ"],
    &["còn", "trong", "hạn"],
];
pub(super) const WHOLE: &[Phrase] = &[
    &["tổng"],
    &["kế", "hoạch"],
    &["dự", "toán"],
    &["tiếp", "nhận"],
];

/// What a figure is in a flow of items (received → resolved → on time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Received,
    Resolved,
    OnTime,
    Late,
    Pending,
    Rejected,
    Forwarded,
    Other,
}

fn role(words: &[&str]) -> Role {
    // One pass over the figure's words (this runs for every figure of the report).
    let idx = words;
    let w = |k: usize| idx.get(k).copied().unwrap_or("");
    let (mut received, mut resolved, mut on_time, mut late) = (false, false, false, false);
    let (mut pending, mut rejected, mut forwarded) = (false, false, false);
    for k in 0..idx.len() {
        match (w(k), w(k + 1)) {
            ("tiếp", "nhận") | ("nhận", "được") | ("được", "giao") => received = true,
            ("giải", "quyết") | ("hoàn", "thành") => resolved = true,
            ("xử", "lý") if w(k + 2) == "xong" || (k > 0 && w(k - 1) == "đã") => {
                resolved = true
            }
            ("trả", "kết") if w(k + 2) == "quả" => resolved = true,
            ("đúng" | "trước", "hạn") => on_time = true,
            ("trễ" | "quá", "hạn") | ("chậm", _) => late = true,
            ("đang" | "chờ", _) => pending = true,
            ("chưa", "giải" | "xử" | "hoàn" | "thực" | "có") => pending = true,
            ("còn", "trong") if w(k + 2) == "hạn" => pending = true,
            ("từ", "chối") | ("trả", "lại") => rejected = true,
            ("không", "tiếp") if w(k + 2) == "nhận" => rejected = true,
            ("chuyển", _) => forwarded = true,
            _ => {}
        }
    }
    if rejected {
        Role::Rejected
    } else if pending {
        Role::Pending
    } else if on_time {
        Role::OnTime
    } else if late {
        Role::Late
    } else if forwarded {
        Role::Forwarded
    } else if resolved {
        Role::Resolved
    } else if received {
        Role::Received
    } else {
        Role::Other
    }
}

/// Whether two mentions count the same kind of thing (a mention without a unit takes the
/// other's).
pub(super) fn same_kind(a: &Mention, b: &Mention) -> bool {
    match (a.unit, b.unit) {
        (Some(x), Some(y)) => x.compatible(y),
        _ => true,
    }
}

pub(super) fn both_units(a: &Mention, b: &Mention) -> bool {
    match (a.unit, b.unit) {
        (Some(x), Some(y)) => x.compatible(y),
        _ => false,
    }
}

/// Mention `m` is the `B` of `A trên (tổng số) B`.
pub(super) fn is_out_of(doc: &Doc, m: &Mention) -> bool {
    let i = m.tok;
    let before = |p: Phrase| {
        i >= p.len()
            && p.iter()
                .enumerate()
                .all(|(j, w)| doc.word(i - p.len() + j) == *w)
    };
    before(&["trên"]) || before(&["trên", "tổng", "số"]) || before(&["trên", "tổng"])
}

/// A figure taking part in a computation, and how the text printed it.
pub(super) struct Side {
    pub fig: Figure,
    pub shown: String,
}

/// How parts relate to their whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Semantics {
    /// `gồm`, `bao gồm`, `cụ thể`, a breakdown in parentheses: the parts make the whole.
    Equal,
    /// `trong đó`: the parts named may be only some.
    AtMost,
}
