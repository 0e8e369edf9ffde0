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
        ratio::rate_then_counts(p, doc, &roles, s, out);
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
    /// Due in the period (`đến hạn giải quyết`): a base of on-time rates, not a part of a flow.
    Due,
    /// All the items of the period, resolved or not (`đã và đang giải quyết`, `cần giải
    /// quyết`): a whole, not a part.
    Handled,
    /// Carried over from the period before (`tồn kỳ trước`, `kỳ trước chuyển sang`): added to
    /// what was received, not passed on.
    Carried,
    Other,
}

/// The role of a figure from its words (lower case).
fn role(words: &[&str]) -> Role {
    // One pass over the figure's words: each word, then the words after (or before) it; ""
    // past either end.
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let (mut received, mut resolved, mut on_time, mut late) = (false, false, false, false);
    let (mut pending, mut rejected, mut forwarded) = (false, false, false);
    let (mut due, mut handled, mut carried) = (false, false, false);
    for k in 0..words.len() {
        // On the first word alone, then the next: one switch per word, and most words stop
        // at its default (each first word below opens arms of its own only).
        let next = w(k + 1);
        match w(k) {
            "tiếp" => received |= next == "nhận",
            "nhận" => received |= next == "được",
            "được" => received |= next == "giao",
            "giải" => resolved |= next == "quyết",
            "hoàn" => resolved |= next == "thành",
            "xử" => {
                resolved |= next == "lý" && (w(k + 2) == "xong" || (k > 0 && w(k - 1) == "đã"))
            }
            "trả" => match next {
                "kết" => resolved |= w(k + 2) == "quả",
                "lại" => rejected = true,
                _ => {}
            },
            "đúng" | "trước" => on_time |= next == "hạn",
            "trễ" | "quá" => late |= next == "hạn",
            "chậm" => late = true,
            "đang" | "chờ" => pending = true,
            "chưa" => pending |= matches!(next, "giải" | "xử" | "hoàn" | "thực" | "có" | "đến"),
            // `đến hạn giải quyết`; `chưa đến hạn` is pending (above).
            "đến" => due |= next == "hạn" && (k == 0 || w(k - 1) != "chưa"),
            // `đã và đang giải quyết`: resolved and pending together.
            "và" => handled |= k > 0 && w(k - 1) == "đã" && next == "đang",
            // `cần giải quyết`, `phải xử lý`: what the period has to handle.
            "cần" | "phải" => handled |= matches!(next, "giải" | "xử"),
            "tồn" => carried = true,
            "kỳ" => carried |= next == "trước",
            "còn" => pending |= next == "trong" && w(k + 2) == "hạn",
            "từ" => rejected |= next == "chối",
            "không" => rejected |= next == "tiếp" && w(k + 2) == "nhận",
            "chuyển" => forwarded = true,
            _ => {}
        }
    }
    if carried {
        Role::Carried
    } else if handled {
        Role::Handled
    } else if rejected {
        Role::Rejected
    } else if due {
        Role::Due
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
#[derive(Clone)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_words() {
        let role_of = |ws: &[&str]| role(ws);
        assert_eq!(role_of(&["tiếp", "nhận"]), Role::Received);
        assert_eq!(role_of(&["đã", "giải", "quyết"]), Role::Resolved);
        assert_eq!(role_of(&["đã", "xử", "lý"]), Role::Resolved);
        assert_eq!(role_of(&["xử", "lý"]), Role::Other);
        assert_eq!(role_of(&["trả", "kết", "quả", "đúng", "hạn"]), Role::OnTime);
        assert_eq!(role_of(&["quá", "hạn"]), Role::Late);
        assert_eq!(role_of(&["còn", "trong", "hạn"]), Role::Pending);
        assert_eq!(role_of(&["không", "tiếp", "nhận"]), Role::Rejected);
        assert_eq!(role_of(&["chuyển"]), Role::Forwarded);
        assert_eq!(role_of(&["hồ", "sơ"]), Role::Other);
        // Bases and wholes of a period's flow are not its parts.
        assert_eq!(role_of(&["đến", "hạn", "giải", "quyết", "là"]), Role::Due);
        assert_eq!(role_of(&["chưa", "đến", "hạn"]), Role::Pending);
        assert_eq!(
            role_of(&["lũy", "kế", "đã", "và", "đang", "giải", "quyết"]),
            Role::Handled
        );
        assert_eq!(
            role_of(&["tồn", "kỳ", "trước", "chuyển", "sang"]),
            Role::Carried
        );
        assert_eq!(
            role_of(&["từ", "kỳ", "trước", "chuyển", "qua"]),
            Role::Carried
        );
    }
}
