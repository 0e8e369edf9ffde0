//! Phrases for the Vietnamese explanations: how a row is named, how a difference is printed.
//! Messages name a row by its STT and its indicator, as an official would say it.

use crate::number::format_vi;
use crate::report::Row;
use rust_decimal::Decimal;

/// The longest indicator quoted in a message; longer ones are cut at a word.
const INDICATOR_CHARS: usize = 70;

/// An indicator shortened for a message: the bracketed explanation dropped, cut at a word.
///
/// ```
/// use kiemso::explain::short_indicator;
/// assert_eq!(short_indicator("Tỷ lệ hoàn thành kế hoạch CCHC (Lũy kế đến thời điểm báo cáo)"),
///            "Tỷ lệ hoàn thành kế hoạch CCHC");
/// ```
pub fn short_indicator(indicator: &str) -> String {
    let mut s = String::with_capacity(indicator.len().min(4 * INDICATOR_CHARS));
    push_short_indicator(&mut s, indicator);
    s
}

/// Appends [`short_indicator`] of `indicator` to `out`.
///
/// Every message names its row, so this runs for nearly every check: on a 100,000-row table,
/// about 240,000 times. It is one pass with no allocation of its own (it once collected the
/// characters, split them into words, joined them and cut them: four allocations a call and the
/// largest single cost of checking a large table). Same result, byte for byte: the text outside
/// brackets, its whitespace runs folded into one space and trimmed (or, when nothing is left, the
/// whole indicator trimmed), cut at a word after [`INDICATOR_CHARS`] characters.
fn push_short_indicator(out: &mut String, indicator: &str) {
    // Most indicators are already short, bracket-free and single-spaced: then they are their own
    // short form, copied whole.
    if is_plain_short(indicator) {
        out.push_str(indicator);
        return;
    }
    let start = out.len();
    let mut chars = 0usize;
    let mut depth = 0usize;
    let mut space = false;
    for c in indicator.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if c.is_whitespace() => space = out.len() > start,
            _ => {
                if space {
                    out.push(' ');
                    chars += 1;
                    space = false;
                }
                out.push(c);
                chars += 1;
            }
        }
    }
    if out.len() == start {
        let whole = indicator.trim();
        out.push_str(whole);
        chars = whole.chars().count();
    }
    if chars <= INDICATOR_CHARS {
        return;
    }
    let end = out[start..]
        .char_indices()
        .nth(INDICATOR_CHARS)
        .map_or(out.len(), |(i, _)| start + i);
    let at = out[start..end].rfind(' ').map_or(end, |i| start + i);
    let kept = out[start..at].trim_end_matches([',', ';', ':']).len();
    out.truncate(start + kept);
    out.push('…');
}

/// Whether `indicator` is its own short form: at most [`INDICATOR_CHARS`] characters, no bracket,
/// not empty, and its only whitespace single ASCII spaces between words. Read byte by byte;
/// every Unicode whitespace character outside ASCII is recognised by its UTF-8 bytes.
fn is_plain_short(indicator: &str) -> bool {
    let b = indicator.as_bytes();
    if b.is_empty() || b[0] == b' ' || b[b.len() - 1] == b' ' {
        return false;
    }
    let mut chars = 0usize;
    for (i, &c) in b.iter().enumerate() {
        let unusual = match c {
            b'(' | b')' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => true,
            b' ' => b[i + 1] == b' ',
            // U+0085, U+00A0
            0xC2 => matches!(b.get(i + 1), Some(0x85 | 0xA0)),
            // U+1680
            0xE1 => b.get(i + 1..i + 3) == Some(&[0x9A, 0x80]),
            // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
            0xE2 => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F))
            ),
            // U+3000
            0xE3 => b.get(i + 1..i + 3) == Some(&[0x80, 0x80]),
            _ => false,
        };
        if unusual {
            return false;
        }
        chars += usize::from(c & 0xC0 != 0x80);
    }
    chars <= INDICATOR_CHARS
}

/// `word` + STT + the short indicator in «»: the phrase that names a row.
fn phrase(word: &str, row: &Row) -> String {
    let mut s = String::with_capacity(word.len() + row.stt.label.len() + row.indicator.len() + 8);
    push_phrase(&mut s, word, row);
    s
}

/// Appends [`phrase`] to `s`: messages are built in one string, piece by piece.
fn push_phrase(s: &mut String, word: &str, row: &Row) {
    if let Some(label) = &row.column_label {
        // A grid cell: «Ô «Đúng hạn» của dòng 3 «Xã Cam Hải Tây»», or of the row named by its
        // label alone when it has no STT.
        s.push_str(if word.starts_with(char::is_uppercase) {
            "Ô «"
        } else {
            "ô «"
        });
        s.push_str(label);
        s.push_str("» của dòng ");
        if row.stt.label != row.indicator {
            s.push_str(&row.stt.label);
            s.push(' ');
        }
        s.push('«');
        push_short_indicator(s, &row.indicator);
        s.push('»');
        return;
    }
    s.push_str(word);
    s.push(' ');
    s.push_str(&row.stt.label);
    s.push_str(" «");
    let before = s.len();
    push_short_indicator(s, &row.indicator);
    if s.len() == before {
        // No indicator: the STT alone.
        s.truncate(before - " «".len());
    } else {
        s.push('»');
    }
}

/// "dòng 3.1 «Tỷ lệ hồ sơ…»".
pub fn row_phrase(row: &Row) -> String {
    phrase("dòng", row)
}

/// The same phrase starting with a capital letter, to open a sentence.
pub fn row_phrase_capital(row: &Row) -> String {
    // `capitalise(&row_phrase(row))`, without building the phrase twice.
    phrase("Dòng", row)
}

/// Upper-cases the first letter.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            let mut out = String::with_capacity(s.len() + 2);
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
            out
        }
        None => String::new(),
    }
}

/// A difference with its sign (`+9`, `-0,36`).
pub fn signed(value: Decimal, decimals: u32) -> String {
    let s = format_vi(value, decimals);
    if value > Decimal::ZERO && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// "1 (Có) hoặc 0 (Không)".
pub fn codes_phrase(codes: &[(i64, Option<String>)]) -> String {
    let items: Vec<String> = codes
        .iter()
        .map(|(k, l)| match l {
            Some(l) => format!("{k} ({l})"),
            None => k.to_string(),
        })
        .collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} hoặc {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain statement of `short_indicator` (how it was first written): the fast version must
    /// say exactly the same.
    fn reference(indicator: &str) -> String {
        let mut s = String::new();
        let mut depth = 0usize;
        for c in indicator.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => s.push(c),
                _ => {}
            }
        }
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let s = if s.is_empty() {
            indicator.trim().to_string()
        } else {
            s
        };
        if s.chars().count() <= INDICATOR_CHARS {
            return s;
        }
        let cut: String = s.chars().take(INDICATOR_CHARS).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", cut[..at].trim_end_matches([',', ';', ':']))
    }

    #[test]
    fn short_indicator_is_its_plain_statement() {
        let long =
            "Tỷ lệ hồ sơ TTHC do các sở, ngành tiếp nhận được giải quyết đúng hạn, trước hạn, \
                    kể cả các hồ sơ liên thông giữa các cấp chính quyền";
        let cases = [
            "",
            "   ",
            "(chỉ có ngoặc)",
            "  ( a ) ",
            "Số văn bản",
            "  Số   văn\tbản \u{00A0} chỉ đạo ",
            "Tỷ lệ hoàn thành kế hoạch CCHC (Lũy kế đến thời điểm báo cáo)",
            "a(b)c",
            "a (b) c",
            "((lồng) ngoặc) còn lại",
            "đóng thừa ) rồi mở (",
            long,
            "Mộtchữrấtdàikhôngcókhoảngtrắngnàocảmàvẫncầnđượccắtchongắnlạiđúngchỗsaubảymươikýtựnhé",
            "Số cơ quan, tổ chức hành chính đã được phê duyệt vị trí việc làm theo quy định, ; : x y z",
            "Số cơ quan, tổ chức hành chính đã được phê duyệt vị trí việc làm theo quyđịnh,;: x y z",
            "Số\u{2003}văn bản",
            "Số\u{3000}văn\u{1680}bản\u{205F}đã\u{2028}ban\u{2029}hành\u{0085}x",
            "Điều\u{202F}kiện\u{200A}y\u{2000}z",
            "x  y",
            " x",
            "x ",
            "x\u{0B}y\u{0C}z",
            "Số\u{1EA0}\u{1E9A}\u{2030}\u{2060}\u{E000}",
        ];
        for case in cases {
            assert_eq!(short_indicator(case), reference(case), "{case:?}");
        }
        // Every cut point of a long indicator, and the seed's wording in all its lengths.
        for n in 0..long.chars().count() {
            let case: String = long.chars().take(n).collect();
            assert_eq!(short_indicator(&case), reference(&case), "{case:?}");
        }
    }

    #[test]
    fn capitalised_phrase_is_the_phrase_capitalised() {
        let text =
            "Biểu mẫu số 01\n1.\tSố văn bản chỉ đạo CCHC đã ban hành (Kết luận)\tVăn bản\t14\n\
                    2.\t\tVăn bản\t3\n";
        let report = crate::report::build(
            crate::read::read_text(text).unwrap(),
            crate::builtin_catalogue(),
        );
        for row in &report.forms[0].rows {
            assert_eq!(row_phrase_capital(row), capitalise(&row_phrase(row)));
        }
        assert_eq!(row_phrase(&report.forms[0].rows[1]), "dòng 2");
        assert_eq!(capitalise("điều"), "Điều");
        assert_eq!(capitalise(""), "");
    }
}
