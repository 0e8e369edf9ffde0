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
    let (mut words, mut keys) = (Vec::new(), Vec::new());
    let roles: Vec<Role> = doc
        .mentions
        .iter()
        .map(|m| {
            doc.item_words(m, &mut words);
            keys.clear();
            keys.extend(words.iter().map(|w| key(w)));
            role(&keys)
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

/// A word as a number, to compare words without comparing bytes: its bytes, little-endian, when
/// it has at most 8 (no word holds a zero byte); `u64::MAX` for a longer word, which none of the
/// words below is. Runs for every word of every figure's item: two loads, no loop.
const fn key(w: &str) -> u64 {
    let b = w.as_bytes();
    let n = b.len();
    match n {
        // The first four bytes and the last four, overlapping on the same bytes.
        4..=8 => {
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
            lo | hi << (8 * (n - 4))
        }
        1..=3 => {
            b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1))
        }
        0 => 0,
        _ => u64::MAX,
    }
}

// The words `role` looks for, as keys.
const TIEP: u64 = key("tiếp");
const NHAN: u64 = key("nhận");
const DUOC: u64 = key("được");
const GIAO: u64 = key("giao");
const GIAI: u64 = key("giải");
const QUYET: u64 = key("quyết");
const HOAN: u64 = key("hoàn");
const THANH: u64 = key("thành");
const XU: u64 = key("xử");
const LY: u64 = key("lý");
const XONG: u64 = key("xong");
const DA: u64 = key("đã");
const TRA: u64 = key("trả");
const KET: u64 = key("kết");
const QUA_RESULT: u64 = key("quả");
const DUNG: u64 = key("đúng");
const TRUOC: u64 = key("trước");
const HAN: u64 = key("hạn");
const TRE: u64 = key("trễ");
const QUA_OVER: u64 = key("quá");
const CHAM: u64 = key("chậm");
const DANG: u64 = key("đang");
const CHO: u64 = key("chờ");
const CHUA: u64 = key("chưa");
const THUC: u64 = key("thực");
const CO: u64 = key("có");
const CON: u64 = key("còn");
const TRONG: u64 = key("trong");
const TU: u64 = key("từ");
const CHOI: u64 = key("chối");
const LAI: u64 = key("lại");
const KHONG: u64 = key("không");
const CHUYEN: u64 = key("chuyển");
const DEN: u64 = key("đến");
const VA: u64 = key("và");
const TON: u64 = key("tồn");
const KY: u64 = key("kỳ");
const CAN: u64 = key("cần");
const PHAI: u64 = key("phải");

/// The role of a figure from the keys of its words ([`key`]).
fn role(keys: &[u64]) -> Role {
    // One pass over the figure's words (this runs for every figure of the report), comparing
    // keys: a match on strings would compare the bytes of each word against every pattern.
    // `0` (the key of "") past either end.
    let w = |k: usize| keys.get(k).copied().unwrap_or(0);
    let (mut received, mut resolved, mut on_time, mut late) = (false, false, false, false);
    let (mut pending, mut rejected, mut forwarded) = (false, false, false);
    let (mut due, mut handled, mut carried) = (false, false, false);
    for k in 0..keys.len() {
        // On the first word alone, then the next: one switch per word, and most words stop
        // at its default (each first word below opens arms of its own only).
        let next = w(k + 1);
        match w(k) {
            TIEP => received |= next == NHAN,
            NHAN => received |= next == DUOC,
            DUOC => received |= next == GIAO,
            GIAI => resolved |= next == QUYET,
            HOAN => resolved |= next == THANH,
            XU => resolved |= next == LY && (w(k + 2) == XONG || (k > 0 && w(k - 1) == DA)),
            TRA => match next {
                KET => resolved |= w(k + 2) == QUA_RESULT,
                LAI => rejected = true,
                _ => {}
            },
            DUNG | TRUOC => on_time |= next == HAN,
            TRE | QUA_OVER => late |= next == HAN,
            CHAM => late = true,
            DANG | CHO => pending = true,
            CHUA => pending |= matches!(next, GIAI | XU | HOAN | THUC | CO | DEN),
            // `đến hạn giải quyết`; `chưa đến hạn` is pending (above).
            DEN => due |= next == HAN && (k == 0 || w(k - 1) != CHUA),
            // `đã và đang giải quyết`: resolved and pending together.
            VA => handled |= k > 0 && w(k - 1) == DA && next == DANG,
            // `cần giải quyết`, `phải xử lý`: what the period has to handle.
            CAN | PHAI => handled |= matches!(next, GIAI | XU),
            TON => carried = true,
            KY => carried |= next == TRUOC,
            CON => pending |= next == TRONG && w(k + 2) == HAN,
            TU => rejected |= next == CHOI,
            KHONG => rejected |= next == TIEP && w(k + 2) == NHAN,
            CHUYEN => forwarded = true,
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
    fn key_is_the_bytes_of_a_short_word() {
        for w in [
            "",
            "a",
            "có",
            "từ",
            "đã",
            "xử",
            "lý",
            "hạn",
            "quả",
            "trễ",
            "nhận",
            "giao",
            "chuyển",
            "trước",
            "quyết",
            "không",
            "thành",
            "abcdefgh",
            "chuyểnn",
        ] {
            let expected = if w.len() > 8 {
                u64::MAX
            } else {
                let mut k = 0u64;
                for (i, b) in w.bytes().enumerate() {
                    k |= u64::from(b) << (8 * i);
                }
                k
            };
            assert_eq!(key(w), expected, "{w}");
        }
        assert_ne!(key("có"), key("cò"));
        assert_ne!(key("quá"), key("quả"));
    }

    #[test]
    fn roles_from_words() {
        let role_of = |ws: &[&str]| role(&ws.iter().map(|w| key(w)).collect::<Vec<_>>());
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
