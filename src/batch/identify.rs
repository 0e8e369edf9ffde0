//! Which unit and which period a report is of: read from its heading, else from its file name,
//! with the words of the catalogue's `batch` section.

use crate::catalogue::BatchSpec;
use crate::read::{Block, Document};
use serde::Serialize;

/// A reporting period: a quarter, the first half, the first nine months or a year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    /// The year.
    pub year: i32,
    /// The last month the period covers (3 for Q1, 6 for the first half, 12 for a year).
    pub months: u32,
    /// As shown: «Quý III/2024», «6 tháng đầu năm 2025», «Năm 2024».
    pub label: String,
}

impl Period {
    /// A quarter (1–4) of a year.
    pub fn quarter(q: u32, year: i32) -> Period {
        const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
        Period {
            year,
            months: q * 3,
            label: format!("Quý {}/{year}", ROMAN[(q as usize).clamp(1, 4) - 1]),
        }
    }

    /// Whether `self` comes after `other` in time.
    pub fn after(&self, other: &Period) -> bool {
        (self.year, self.months) > (other.year, other.months)
    }
}

/// A unit as named, and the key two spellings of the same unit share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// As written in the report («UBND huyện Cam Lâm»), or the file name.
    pub name: String,
    /// Lower case, abbreviations applied, spaces collapsed: «ubnd huyện cam lâm».
    #[serde(skip)]
    pub key: String,
}

impl Unit {
    /// A unit named `name`, its key made with the catalogue's abbreviations.
    pub fn new(name: &str, spec: &BatchSpec) -> Unit {
        let name = collapse(name);
        let mut key = name.to_lowercase();
        for (long, short) in &spec.unit_abbreviations {
            key = key.replace(long.as_str(), &short.to_lowercase());
        }
        Unit { name, key }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The prose lines of a document before its first table: where the heading is.
fn heading_lines(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Record { .. }))
        .filter_map(|b| match b {
            Block::Text { text, .. } if !text.trim().is_empty() => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Whether a line is exactly a report heading («BÁO CÁO»).
pub(crate) fn is_report_heading(line: &str, spec: &BatchSpec) -> bool {
    let l = line.trim().trim_end_matches(':').trim().to_lowercase();
    spec.report_headings.iter().any(|h| l == *h)
}

/// Whether a line is a unit's name standing alone, as in a report's letterhead
/// («UBND HUYỆN CAM LÂM», «Sở Tư pháp»): it begins with a unit prefix and is short.
pub(crate) fn unit_heading(line: &str, spec: &BatchSpec) -> Option<String> {
    let t = line.trim();
    if t.contains('\t') || t.ends_with(['.', ';', ',', ':']) || t.split_whitespace().count() > 9 {
        return None;
    }
    let lower = t.to_lowercase();
    let prefixed = spec.unit_prefixes.iter().any(|p| {
        lower
            .strip_prefix(p.as_str())
            .is_some_and(|rest| rest.starts_with(' '))
    });
    prefixed.then(|| collapse(t))
}

/// A unit named inside a sentence: a prefix, a level and the capitalised words after it
/// («Ủy ban nhân dân tỉnh Khánh Hòa (viết tắt …)» → «Ủy ban nhân dân tỉnh Khánh Hòa»).
fn unit_in_sentence(line: &str, spec: &BatchSpec) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    for start in 0..words.len() {
        for prefix in &spec.unit_prefixes {
            let p: Vec<&str> = prefix.split_whitespace().collect();
            let end = start + p.len();
            if end >= words.len() || lower[start..end] != p[..] {
                continue;
            }
            for level in &spec.unit_levels {
                let l: Vec<&str> = level.split_whitespace().collect();
                let after = end + l.len();
                if after > words.len() || lower[end..after] != l[..] {
                    continue;
                }
                let name: Vec<&str> = words[after..]
                    .iter()
                    .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
                    .collect();
                if !name.is_empty() {
                    return Some(words[start..after].join(" ") + " " + &name.join(" "));
                }
            }
        }
    }
    None
}

/// The unit of a report from its heading: the last letterhead line before «BÁO CÁO» (a
/// department under its province: «UBND TỈNH …», then «SỞ TƯ PHÁP»), else the first
/// letterhead line, else the first unit named in a sentence of the heading.
pub fn unit_of(doc: &Document, spec: &BatchSpec) -> Option<String> {
    let lines = heading_lines(doc);
    let title = lines.iter().position(|l| is_report_heading(l, spec));
    let before = &lines[..title.unwrap_or(0)];
    if let Some(u) = before.iter().rev().find_map(|l| unit_heading(l, spec)) {
        return Some(u);
    }
    if let Some(u) = lines.iter().take(12).find_map(|l| unit_heading(l, spec)) {
        return Some(u);
    }
    lines.iter().find_map(|l| unit_in_sentence(l, spec))
}

/// The period of a report from its heading: a quarter, a half-year or nine months in the first
/// lines, then a year in a line that names the report, then a quarter anywhere before the
/// tables.
pub fn period_of(doc: &Document, spec: &BatchSpec) -> Option<Period> {
    let lines = heading_lines(doc);
    let top = &lines[..lines.len().min(12)];
    top.iter()
        .find_map(|l| period_in(l, spec, false))
        .or_else(|| {
            top.iter()
                .filter(|l| {
                    let l = l.to_lowercase();
                    spec.report_headings.iter().any(|h| l.contains(h.as_str()))
                })
                .find_map(|l| period_in(l, spec, true))
        })
        .or_else(|| lines.iter().find_map(|l| period_in(l, spec, false)))
}

/// The unit and period a file's name gives («so-tu-phap_quy-III-2024.docx», «q3-2024»): the
/// period as in a heading (with `q` for «quý»), the unit the rest of the name.
pub fn from_file_name(name: &str, spec: &BatchSpec) -> (Option<String>, Option<Period>) {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let spaced: String = stem
        .chars()
        .map(|c| if matches!(c, '-' | '_' | '.') { ' ' } else { c })
        .collect();
    let mut with_q = spec.clone();
    with_q.quarter_words.push("q".into());
    with_q.quarter_words.push("quy".into());
    let period = period_in(&spaced, &with_q, true);
    let unit = match &period {
        Some(p) => {
            // The words before the period's first word.
            let lower = spaced.to_lowercase();
            let cut = period_start(&lower, &with_q, p).unwrap_or(lower.len());
            collapse(&spaced[..cut])
        }
        None => collapse(&spaced),
    };
    ((!unit.is_empty()).then_some(unit), period)
}

/// Where in `lower` the words of period `p` begin.
fn period_start(lower: &str, spec: &BatchSpec, p: &Period) -> Option<usize> {
    let year = p.year.to_string();
    let at_year = lower.find(&year)?;
    let words = spec
        .quarter_words
        .iter()
        .chain(&spec.half_words)
        .chain(&spec.nine_month_words)
        .chain(&spec.year_words);
    words
        .filter_map(|w| {
            lower[..at_year]
                .match_indices(w.as_str())
                .map(|(k, _)| k)
                .filter(|&k| k == 0 || lower[..k].ends_with(' '))
                .last()
        })
        .min()
        .or(Some(at_year))
}

/// A quarter number after «quý»: `III`, `3`.
fn quarter_number(word: &str) -> Option<u32> {
    match word.to_uppercase().as_str() {
        "I" | "1" | "01" => Some(1),
        "II" | "2" | "02" => Some(2),
        "III" | "3" | "03" => Some(3),
        "IV" | "4" | "04" => Some(4),
        _ => None,
    }
}

/// A four-digit year at the start of `s` (after separators and the word «năm»).
fn year_after(s: &str, spec: &BatchSpec) -> Option<i32> {
    let mut rest = s.trim_start_matches([' ', '/', '-', '_', ',']);
    for w in &spec.year_words {
        if let Some(r) = rest.strip_prefix(w.as_str()) {
            rest = r.trim_start();
            break;
        }
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    (1990..=2200).contains(&year).then_some(year)
}

/// The first period named in `line`; a bare year («năm 2024») only when `years`.
fn period_in(line: &str, spec: &BatchSpec, years: bool) -> Option<Period> {
    let lower = line.to_lowercase();
    let starts = |k: usize| {
        k == 0
            || !lower[..k]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    };
    for w in &spec.quarter_words {
        for (k, _) in lower.match_indices(w.as_str()) {
            if !starts(k) {
                continue;
            }
            let rest = lower[k + w.len()..].trim_start();
            let number: String = rest
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            let Some(q) = quarter_number(&number) else {
                continue;
            };
            if let Some(year) = year_after(&rest[number.len()..], spec) {
                return Some(Period::quarter(q, year));
            }
        }
    }
    for (words, months, label) in [
        (&spec.half_words, 6, "6 tháng đầu năm"),
        (&spec.nine_month_words, 9, "9 tháng đầu năm"),
    ] {
        for w in words {
            if let Some(k) = lower.find(w.as_str()) {
                if let Some(year) = year_after(&lower[k + w.len()..], spec) {
                    return Some(Period {
                        year,
                        months,
                        label: format!("{label} {year}"),
                    });
                }
            }
        }
    }
    if years {
        for w in &spec.year_words {
            for (k, _) in lower.match_indices(w.as_str()) {
                if !starts(k) {
                    continue;
                }
                if let Some(year) = year_after(&lower[k + w.len()..], spec) {
                    return Some(Period {
                        year,
                        months: 12,
                        label: format!("Năm {year}"),
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> BatchSpec {
        crate::builtin_catalogue().batch.clone().unwrap()
    }

    fn doc(lines: &[&str]) -> Document {
        Document {
            blocks: lines
                .iter()
                .enumerate()
                .map(|(k, t)| Block::Text {
                    line: k + 1,
                    text: t.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn periods_as_headings_write_them() {
        let s = spec();
        let p = |t: &str| period_of(&doc(&["BÁO CÁO", t]), &s).map(|p| p.label);
        assert_eq!(
            p("Kết quả CCHC Quý III/2024").as_deref(),
            Some("Quý III/2024")
        );
        assert_eq!(p("kết quả quý 1 năm 2025").as_deref(), Some("Quý I/2025"));
        assert_eq!(
            p("Kết quả 6 tháng đầu năm 2025").as_deref(),
            Some("6 tháng đầu năm 2025")
        );
        assert_eq!(p("Báo cáo kết quả năm 2024").as_deref(), Some("Năm 2024"));
        assert_eq!(p("Không có kỳ nào").as_deref(), None);
    }

    #[test]
    fn units_from_letterheads_and_sentences() {
        let s = spec();
        let u = |lines: &[&str]| unit_of(&doc(lines), &s);
        assert_eq!(
            u(&["UBND TỈNH KHÁNH HÒA", "SỞ TƯ PHÁP", "BÁO CÁO"]).as_deref(),
            Some("SỞ TƯ PHÁP")
        );
        assert_eq!(
            u(&["UBND xã Cam Hải Tây", "BÁO CÁO"]).as_deref(),
            Some("UBND xã Cam Hải Tây")
        );
        assert_eq!(
            u(&[
                "BÁO CÁO",
                "Ủy ban nhân dân tỉnh Khánh Hòa (viết tắt là UBND tỉnh) báo cáo"
            ])
            .as_deref(),
            Some("Ủy ban nhân dân tỉnh Khánh Hòa")
        );
        let a = Unit::new("Ủy ban nhân dân tỉnh Khánh Hòa", &s);
        let b = Unit::new("UBND TỈNH  KHÁNH HÒA", &s);
        assert_eq!(a.key, b.key);
    }

    #[test]
    fn file_names_give_unit_and_period() {
        let s = spec();
        let (u, p) = from_file_name("thu-muc/so-tu-phap_q3-2024.docx", &s);
        assert_eq!(u.as_deref(), Some("so tu phap"));
        assert_eq!(p.unwrap().label, "Quý III/2024");
        let (u, p) = from_file_name("bao cao.txt", &s);
        assert_eq!(u.as_deref(), Some("bao cao"));
        assert!(p.is_none());
    }
}
