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
    // A position found by `rfind` (or the end) is a char boundary, so the slice cannot panic.
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':']))
}

/// "dòng 3.1 «Tỷ lệ hồ sơ…»".
pub fn row_phrase(row: &Row) -> String {
    let ind = short_indicator(&row.indicator);
    if ind.is_empty() {
        format!("dòng {}", row.stt.label)
    } else {
        format!("dòng {} «{}»", row.stt.label, ind)
    }
}

/// The same phrase starting with a capital letter, to open a sentence.
pub fn row_phrase_capital(row: &Row) -> String {
    capitalise(&row_phrase(row))
}

/// Upper-cases the first letter.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
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
