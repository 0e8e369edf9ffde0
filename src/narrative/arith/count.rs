//! Counts of what a sentence lists, and fractions on their own.

use crate::explain::signed;
use crate::narrative::finding::{raw_a, raw_a_str, raw_b_str, unit_text, Finding};
use crate::narrative::scan::{Doc, Mention, Phrase};
use crate::narrative::token::Kind;
use crate::outcome::Status;
use rust_decimal::Decimal;
use std::ops::Range;

// ---------------------------------------------------------------------------------------------
// Counts of listed items.

/// `04 Hội thảo …: Hội thảo …; Hội thảo …; Hội thảo …; Hội thảo …`: a number of items, then the
/// items, each opening with a capital, separated by semicolons.
pub(super) fn listed_items(p: usize, doc: &Doc, s: usize, out: &mut Vec<Finding>) {
    let sent = doc.sents[s].toks.clone();
    let ms = doc.sentence_mentions(s);
    // The count is a figure outside parentheses: without one, no need to look for the colon.
    if !ms.iter().any(|m| m.depth == 0) {
        return;
    }
    // By kind rather than by text (runs for every token of the sentence): only a punctuation
    // token reads `:`.
    let Some(colon) = sent
        .clone()
        .find(|&i| doc.toks[i].kind == Kind::Punct(':') && doc.depth[i] == 0)
    else {
        return;
    };
    let Some(n) = ms.iter().rev().find(|m| m.tok < colon && m.depth == 0) else {
        return;
    };
    let head = n.unit_end..colon;
    let examples: &[Phrase] = &[
        &["như"],
        &["nổi", "bật"],
        &["điển", "hình"],
        &["tiêu", "biểu"],
        &["chẳng", "hạn"],
        &["một", "số"],
        &["trong", "đó"],
        &["ví", "dụ"],
    ];
    if !n.is_plain()
        || n.is_fraction()
        || n.unit.is_none_or_money()
        || n.num.a.value < Decimal::TWO
        || n.num.a.value > Decimal::from(40)
        || head
            .clone()
            .any(|i| matches!(doc.word(i), ";" | ":") || matches!(doc.toks[i].kind, Kind::Num(_)))
        || doc.has_any(n.gap_start..colon, None, examples)
    {
        return;
    }
    // The items.
    let mut end = sent.end;
    while end > colon + 1 && matches!(doc.toks[end - 1].kind, Kind::Punct('.' | '…')) {
        end -= 1;
    }
    if (colon + 1..sent.end)
        .rev()
        .take(3)
        .any(|i| doc.word(i) == "…")
        || doc.text(colon + 1..sent.end).ends_with("...")
    {
        return;
    }
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut st = colon + 1;
    for i in colon + 1..end {
        if doc.word(i) == ";" && doc.depth[i] == 0 {
            items.push(st..i);
            st = i + 1;
        }
    }
    if st < end {
        items.push(st..end);
    }
    if items.len() < 2 {
        return;
    }
    let starts_capital = |r: &Range<usize>| {
        r.start < r.end
            && doc.toks[r.start].kind == Kind::Word
            && doc
                .text(r.start..r.start + 1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    if !items.iter().all(starts_capital) {
        return;
    }
    let k = items.len();
    let mut f = Finding::new("count", p, doc, n.gap_start..colon + 1, &[n]);
    f.quote = format!("{} {}", f.quote.trim_end_matches('…'), "…");
    f.reported = Some(raw_a(doc, n));
    f.expected = Some(k.to_string());
    f.formula = Some(format!("đếm các mục ngăn bởi dấu chấm phẩy: {k}"));
    let unit = unit_text(doc, n, "mục");
    // The items, each quoted (its first 40 characters), joined in one string.
    let mut names = String::new();
    for r in &items {
        if !names.is_empty() {
            names.push_str("; ");
        }
        let t = doc.text(r.clone());
        let short = &t[..t.char_indices().nth(40).map_or(t.len(), |(i, _)| i)];
        names.push('«');
        if short.len() < t.len() {
            names.push_str(short.trim_end());
            names.push('…');
        } else {
            names.push_str(t);
        }
        names.push('»');
    }
    judge_count(
        &mut f,
        doc,
        n,
        unit,
        k,
        &names,
        ("kể ra đúng", "kể ra", " mục"),
    );
    out.push(f);
}

trait UnitExt {
    fn is_none_or_money(&self) -> bool;
}

impl UnitExt for Option<&'static crate::narrative::units::Unit> {
    fn is_none_or_money(&self) -> bool {
        self.map_or(true, |u| u.is_money() || u.is_descriptive())
    }
}

/// Words an agency's name starts with.
const AGENCY_HEADS: &[&str] = &[
    "Sở",
    "UBND",
    "HĐND",
    "Ủy",
    "Uỷ",
    "Cục",
    "Chi",
    "Ban",
    "Kho",
    "Bảo",
    "Công",
    "Văn",
    "Thanh",
    "Đài",
    "Báo",
    "Trường",
    "Tỉnh",
    "Thành",
    "Trung",
    "Bộ",
    "Tổng",
    "Viện",
    "Bệnh",
    "Huyện",
    "Thị",
    "Liên",
    "Mặt",
    "Ngân",
    "Cảng",
    "Quỹ",
    "Phường",
    "Xã",
];
/// Lower-case second words that keep an agency's name going (`UBND thành phố`, `Bảo hiểm`).
const AGENCY_SECOND: &[&str] = &[
    "thành",
    "huyện",
    "tỉnh",
    "xã",
    "phường",
    "thị",
    "quận",
    "cấp",
    "nhân",
    "hiểm",
    "bạc",
    "an",
    "phòng",
    "tra",
    "tâm",
    "nhánh",
    "cục",
    "đoàn",
    "hàng",
    "vụ",
    "viện",
    "đồng",
];

/// `03 cơ quan (Sở Du lịch, UBND thành phố Cam Ranh và UBND huyện Vạn Ninh)`: a number of
/// agencies, then their names.
pub(super) fn named_agencies(p: usize, doc: &Doc, s: usize, out: &mut Vec<Finding>) {
    let ms = doc.sentence_mentions(s);
    for n in ms {
        let open = n.unit_end;
        if doc.word(open) != "("
            || !n.unit.is_some_and(|u| u.class == "agency")
            || n.approx
            || n.change
        {
            continue;
        }
        let d = doc.depth[open];
        let Some(close) =
            (open + 1..doc.toks.len()).find(|&k| doc.word(k) == ")" && doc.depth[k] == d)
        else {
            continue;
        };
        let inside = open + 1..close;
        if inside.clone().any(|k| {
            matches!(doc.toks[k].kind, Kind::Num(_) | Kind::Other) || doc.depth[k] != d + 1
        }) {
            continue;
        }
        // Split at commas and semicolons, then the last item at `và` when an agency follows.
        let mut items: Vec<Range<usize>> = Vec::new();
        let mut st = inside.start;
        for k in inside.clone() {
            if matches!(doc.word(k), "," | ";") {
                items.push(st..k);
                st = k + 1;
            }
        }
        items.push(st..close);
        let word_at = |k: usize| doc.text(k..k + 1);
        let head_ok = |k: usize| AGENCY_HEADS.contains(&word_at(k));
        let mut split: Vec<Range<usize>> = Vec::new();
        let mut unsure = false;
        for (j, r) in items.iter().enumerate() {
            if r.start >= r.end || !head_ok(r.start) {
                unsure = true;
                break;
            }
            let va = (r.start + 1..r.end).find(|&k| doc.word(k) == "và");
            match va {
                Some(v) if j + 1 == items.len() && v + 1 < r.end && head_ok(v + 1) => {
                    let second = (v + 2 < r.end).then(|| word_at(v + 2));
                    let keeps = second.is_none_or_name();
                    if keeps {
                        split.push(r.start..v);
                        split.push(v + 1..r.end);
                    } else {
                        unsure = true;
                    }
                }
                _ => split.push(r.clone()),
            }
        }
        if unsure || split.len() < 2 {
            continue;
        }
        let k = split.len();
        let mut f = Finding::new("count", p, doc, n.gap_start..close + 1, &[n]);
        let unit = unit_text(doc, n, "cơ quan");
        f.reported = Some(raw_a(doc, n));
        f.expected = Some(k.to_string());
        f.formula = Some(format!("đếm tên trong ngoặc: {k}"));
        let names = split
            .iter()
            .map(|r| doc.text(r.clone()))
            .collect::<Vec<_>>()
            .join("; ");
        judge_count(
            &mut f,
            doc,
            n,
            unit,
            k,
            &names,
            ("kể tên đúng", "kể tên", ""),
        );
        out.push(f);
    }
}

trait NameExt {
    fn is_none_or_name(&self) -> bool;
}

impl NameExt for Option<&str> {
    fn is_none_or_name(&self) -> bool {
        self.map_or(true, |w| {
            w.chars().next().is_some_and(char::is_uppercase) || AGENCY_SECOND.contains(&w)
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Fractions on their own.

/// `kiểm tra 20/30 cơ quan`: the part cannot exceed the whole. Only for fractions no other rule
/// of the paragraph has used as a ratio or a remainder.
pub(super) fn bounds(p: usize, doc: &Doc, from: usize, out: &mut Vec<Finding>) {
    let used: Vec<usize> = out[from..]
        .iter()
        .filter(|f| matches!(f.what, "ratio" | "remainder"))
        .flat_map(|f| f.uses.iter().filter(|(pp, _)| *pp == p).map(|(_, t)| *t))
        .collect();
    for m in &doc.mentions {
        let Some(b) = m.num.b else {
            continue;
        };
        if used.contains(&m.tok) || m.approx || m.change || m.num.percent {
            continue;
        }
        let (a, at, bt) = (m.num.a, raw_a_str(doc, m), raw_b_str(doc, m));
        let unit = unit_text(doc, m, "");
        let mut f = Finding::new(
            "bound",
            p,
            doc,
            m.gap_start..m.right_end.max(m.unit_end),
            &[m],
        );
        f.reported = Some(format!("{at}/{bt}"));
        f.expected = Some(format!("≤ {bt}"));
        f.formula = Some(format!("{at} ≤ {bt}"));
        if a.value <= b.value {
            f.status = Status::Pass;
            f.message = format!(
                "Câu «{}»: {at}/{bt} {unit}, số thứ nhất ({at}) không vượt số thứ hai ({bt}).",
                f.quote
            );
        } else if let Some(over) = a.value.checked_sub(b.value) {
            f.status = Status::Warn;
            f.imbalance = Some(signed(over, 0));
            f.message = format!(
                "Câu «{}» ghi {at}/{bt} {unit}: số thứ nhất lớn hơn số thứ hai, không thể là «{at} trên tổng số {bt}».",
                f.quote
            );
        } else {
            f.too_large();
        }
        out.push(f);
    }
}

/// The verdict of a count stated in words against the `k` items the sentence lists (`names`,
/// joined by `; `): `verbs` are how the sentence is said to list them when right and when wrong,
/// and what follows the count.
fn judge_count(
    f: &mut Finding,
    doc: &Doc,
    n: &Mention,
    unit: &str,
    k: usize,
    names: &str,
    (right, wrong, noun): (&str, &str, &str),
) {
    let stated = raw_a_str(doc, n);
    if Decimal::from(k as u64) == n.num.a.value {
        f.status = Status::Pass;
        f.imbalance = Some("0".into());
        f.message = format!(
            "Câu «{}» nêu {stated} {unit} và {right} {k}{noun}: {names}.",
            f.quote
        );
    } else if let Some(gap) = n.num.a.value.checked_sub(Decimal::from(k as u64)) {
        f.status = Status::Warn;
        f.imbalance = Some(signed(gap, 0));
        f.message = format!(
            "Câu «{}» nêu {stated} {unit} nhưng {wrong} {k}{noun}: {names}.",
            f.quote
        );
    } else {
        f.too_large();
    }
}
