//! What the report says about itself: the reporting unit, the period and the subject, read from
//! its heading and first sentences, else from its file's name. A correction letter, a print or a
//! summary names the unit and the period the official sees on the report, not the file it came
//! in; many reports at once ([`crate::batch`]) are told apart and matched period to period by
//! the same reading.
//!
//! Read by word matching over the first lines of prose, with the words of the catalogue's
//! `identity` section ([`Identity`]): a CCHC report opens with its issuing body («ỦY BAN NHÂN
//! DÂN TỈNH …», «SỞ TƯ PHÁP»), «BÁO CÁO», then a subject line naming the period («… Quý
//! III/2024 …», «… 6 tháng đầu năm 2024 …»). Nothing is guessed when none is found.

use crate::catalogue::Identity;
use serde::Serialize;

/// The report's unit, period and subject; absent when the report does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct About {
    /// The reporting body as printed («Ủy ban nhân dân tỉnh Khánh Hòa», «SỞ TƯ PHÁP»).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The period reported on, written one way whatever the report's spelling («Quý III/2024»,
    /// «6 tháng đầu năm 2024», «Năm 2024»).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The subject line under «BÁO CÁO».
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The period as a value, to compare one report's period with another's; not part of the
    /// JSON contract (`period` prints it).
    #[serde(skip)]
    pub when: Option<Period>,
}

impl About {
    /// Whether the report said nothing about itself.
    pub fn is_empty(&self) -> bool {
        self.unit.is_none() && self.period.is_none() && self.title.is_none()
    }
}

/// How many lines of prose from the top are read: the letterhead, the title and the opening
/// paragraph.
const HEAD_LINES: usize = 12;

/// Reads the unit, period and subject from the first lines of a report's prose.
///
/// The unit is the last letterhead line before «BÁO CÁO» (a department under its province:
/// «UBND TỈNH …», then «SỞ TƯ PHÁP»), else the first letterhead line, else the first unit named
/// in a sentence («Ủy ban nhân dân tỉnh Khánh Hòa (viết tắt …) báo cáo …»). The period is a
/// quarter, a month, a half-year or nine months named first in the title, then in any of the
/// first lines; a bare year only in the title or a line naming the report.
///
/// ```
/// let words = kiemso::about::words(kiemso::builtin_catalogue());
/// let lines = ["BÁO CÁO", "Tình hình CCHC Quý III/2024 trên địa bàn tỉnh Khánh Hòa",
///     "Ủy ban nhân dân tỉnh Khánh Hòa (viết tắt là UBND tỉnh) báo cáo như sau:"];
/// let about = kiemso::about::read(lines, words);
/// assert_eq!(about.unit.as_deref(), Some("Ủy ban nhân dân tỉnh Khánh Hòa"));
/// assert_eq!(about.period.as_deref(), Some("Quý III/2024"));
/// ```
pub fn read<'a>(lines: impl IntoIterator<Item = &'a str>, words: &Identity) -> About {
    let head: Vec<&str> = lines
        .into_iter()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .take(HEAD_LINES)
        .collect();
    let heading = head.iter().position(|l| is_report_heading(l, words));
    let title = heading.and_then(|k| head.get(k + 1)).copied();
    let unit = head[..heading.unwrap_or(0)]
        .iter()
        .rev()
        .find_map(|l| unit_heading(l, words))
        .or_else(|| head.iter().find_map(|l| unit_heading(l, words)))
        .or_else(|| head.iter().find_map(|l| unit_in_sentence(l, words)));
    let names_report = |l: &&&str| {
        let l = l.to_lowercase();
        words.report_headings.iter().any(|h| l.contains(h.as_str()))
    };
    let when = title
        .and_then(|t| period_in(t, words, false))
        .or_else(|| head.iter().find_map(|l| period_in(l, words, false)))
        .or_else(|| title.and_then(|t| period_in(t, words, true)))
        .or_else(|| {
            head.iter()
                .filter(names_report)
                .find_map(|l| period_in(l, words, true))
        });
    About {
        unit,
        period: when.as_ref().map(|p| p.label.clone()),
        title: title.map(str::to_string),
        when,
    }
}

/// The catalogue's `identity` words, or the built-in catalogue's when it has none.
#[cfg(feature = "narrative")]
pub fn words(catalogue: &crate::catalogue::Catalogue) -> &Identity {
    catalogue.identity.as_ref().unwrap_or_else(|| {
        crate::builtin_catalogue()
            .identity
            .as_ref()
            .expect("the built-in catalogue has an identity section")
    })
}

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
    pub fn new(name: &str, words: &Identity) -> Unit {
        let name = collapse(name);
        let mut key = name.to_lowercase();
        for (long, short) in &words.unit_abbreviations {
            key = key.replace(long.as_str(), &short.to_lowercase());
        }
        Unit { name, key }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a line is exactly a report heading («BÁO CÁO»).
pub fn is_report_heading(line: &str, words: &Identity) -> bool {
    let l = line.trim().trim_end_matches(':').trim().to_lowercase();
    words.report_headings.contains(&l)
}

/// Whether a line is a unit's name standing alone, as in a report's letterhead
/// («UBND HUYỆN CAM LÂM», «Sở Tư pháp»): it begins with a unit prefix and is short.
pub fn unit_heading(line: &str, words: &Identity) -> Option<String> {
    let t = line.trim();
    if t.contains('\t') || t.ends_with(['.', ';', ',', ':']) || t.split_whitespace().count() > 9 {
        return None;
    }
    let lower = t.to_lowercase();
    let prefixed = words.unit_prefixes.iter().any(|p| {
        lower
            .strip_prefix(p.as_str())
            .is_some_and(|rest| rest.starts_with(' '))
    });
    prefixed.then(|| collapse(t))
}

/// A unit named inside a sentence: a prefix, a level and the capitalised words after it
/// («Ủy ban nhân dân tỉnh Khánh Hòa (viết tắt …)» → «Ủy ban nhân dân tỉnh Khánh Hòa»).
fn unit_in_sentence(line: &str, identity: &Identity) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    for start in 0..words.len() {
        for prefix in &identity.unit_prefixes {
            let p: Vec<&str> = prefix.split_whitespace().collect();
            let end = start + p.len();
            if end >= words.len() || lower[start..end] != p[..] {
                continue;
            }
            for level in &identity.unit_levels {
                let l: Vec<&str> = level.split_whitespace().collect();
                let after = end + l.len();
                if after > words.len() || lower[end..after] != l[..] {
                    continue;
                }
                // The capitalised words after the level, up to the first that closes a phrase
                // («UBND huyện Cam Lâm, Ban Quản lý …» → «UBND huyện Cam Lâm»).
                let mut name = Vec::new();
                for w in &words[after..] {
                    if !w.chars().next().is_some_and(char::is_uppercase) {
                        break;
                    }
                    let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
                    name.push(bare);
                    if bare.len() != w.len() {
                        break;
                    }
                }
                if !name.is_empty() {
                    return Some(words[start..after].join(" ") + " " + &name.join(" "));
                }
            }
        }
    }
    None
}

/// The unit and period a file's name gives («so-tu-phap_quy-III-2024.docx», «q3-2024»): the
/// period as in a heading (with `q` for «quý»), the unit the rest of the name.
pub fn from_file_name(name: &str, words: &Identity) -> (Option<String>, Option<Period>) {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let spaced: String = stem
        .chars()
        .map(|c| if matches!(c, '-' | '_' | '.') { ' ' } else { c })
        .collect();
    let mut with_q = words.clone();
    with_q.quarter_words.push("q".into());
    with_q.quarter_words.push("quy".into());
    let period = period_in(&spaced, &with_q, true);
    let unit = match &period {
        Some(p) => {
            // The words before the period's first word.
            let lower = spaced.to_lowercase();
            let cut = period_start(&lower, &with_q, p).unwrap_or(lower.len());
            // Lower-casing may change a name's length in bytes («İ»): then the lower-case words.
            let source = if lower.len() == spaced.len() {
                &spaced
            } else {
                &lower
            };
            collapse(source.get(..cut).unwrap_or(&lower[..cut]))
        }
        None => collapse(&spaced),
    };
    ((!unit.is_empty()).then_some(unit), period)
}

/// Where in `lower` the words of period `p` begin.
fn period_start(lower: &str, words: &Identity, p: &Period) -> Option<usize> {
    let year = p.year.to_string();
    let at_year = lower.find(&year)?;
    let firsts = words
        .quarter_words
        .iter()
        .chain(&words.month_words)
        .chain(&words.half_words)
        .chain(&words.nine_month_words)
        .chain(&words.year_words);
    firsts
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
fn year_after(s: &str, words: &Identity) -> Option<i32> {
    let mut rest = s.trim_start_matches([' ', '/', '-', '_', ',']);
    for w in &words.year_words {
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

/// The first period named in `line`; a month or a bare year («tháng 10/2024», «năm 2024») only
/// when `years` (the line names the report).
pub fn period_in(line: &str, words: &Identity, years: bool) -> Option<Period> {
    let lower = line.to_lowercase();
    let starts = |k: usize| {
        k == 0
            || !lower[..k]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    };
    for w in &words.quarter_words {
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
            if let Some(year) = year_after(&rest[number.len()..], words) {
                return Some(Period::quarter(q, year));
            }
        }
    }
    // A month only where the line names the report: «ngày 15 tháng 01 năm 2024» in a sentence
    // is a date, not the period reported on.
    for w in words.month_words.iter().filter(|_| years) {
        for (k, _) in lower.match_indices(w.as_str()) {
            if !starts(k)
                || lower[..k]
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            let rest = lower[k + w.len()..].trim_start();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let month = match digits.parse::<u32>() {
                Ok(m) if (1..=12).contains(&m) && digits.len() <= 2 => m,
                _ => continue,
            };
            if let Some(year) = year_after(&rest[digits.len()..], words) {
                return Some(Period {
                    year,
                    months: month,
                    label: format!("Tháng {month}/{year}"),
                });
            }
        }
    }
    for (phrases, months, label) in [
        (&words.half_words, 6, "6 tháng đầu năm"),
        (&words.nine_month_words, 9, "9 tháng đầu năm"),
    ] {
        for w in phrases {
            if let Some(k) = lower.find(w.as_str()) {
                if let Some(year) = year_after(&lower[k + w.len()..], words) {
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
        for w in &words.year_words {
            for (k, _) in lower.match_indices(w.as_str()) {
                if !starts(k) {
                    continue;
                }
                if let Some(year) = year_after(&lower[k + w.len()..], words) {
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

#[cfg(all(test, feature = "narrative"))]
mod tests {
    use super::*;

    fn w() -> &'static Identity {
        words(crate::builtin_catalogue())
    }

    fn period(lines: &[&str]) -> Option<String> {
        read(lines.iter().copied(), w()).period
    }

    fn unit(lines: &[&str]) -> Option<String> {
        read(lines.iter().copied(), w()).unit
    }

    #[test]
    fn periods_written_every_way_print_one_way() {
        let p = |t: &str| period(&["BÁO CÁO", t]);
        assert_eq!(
            p("Kết quả CCHC Quý III/2024").as_deref(),
            Some("Quý III/2024")
        );
        assert_eq!(p("kết quả quý 1 năm 2025").as_deref(), Some("Quý I/2025"));
        assert_eq!(p("trong quý 3 năm 2024").as_deref(), Some("Quý III/2024"));
        assert_eq!(
            p("Kết quả 6 tháng đầu năm 2025").as_deref(),
            Some("6 tháng đầu năm 2025")
        );
        assert_eq!(
            p("Kết quả 09 tháng năm 2024").as_deref(),
            Some("9 tháng đầu năm 2024")
        );
        assert_eq!(p("Báo cáo tháng 10/2024").as_deref(), Some("Tháng 10/2024"));
        assert_eq!(p("Báo cáo kết quả năm 2024").as_deref(), Some("Năm 2024"));
        assert_eq!(p("Biểu mẫu số 01").as_deref(), None);
        assert_eq!(p("Không có kỳ nào").as_deref(), None);
        // A bare year in an ordinary sentence is no period of the report.
        assert_eq!(period(&["Thực hiện kế hoạch năm 2023 của tỉnh"]), None);
    }

    #[test]
    fn units_from_letterheads_and_sentences() {
        assert_eq!(
            unit(&["UBND TỈNH KHÁNH HÒA", "SỞ TƯ PHÁP", "BÁO CÁO"]).as_deref(),
            Some("SỞ TƯ PHÁP")
        );
        assert_eq!(
            unit(&["UBND xã Cam Hải Tây", "BÁO CÁO"]).as_deref(),
            Some("UBND xã Cam Hải Tây")
        );
        assert_eq!(
            unit(&[
                "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
                "BÁO CÁO",
                "Kết quả CCHC 6 tháng đầu năm 2025"
            ])
            .as_deref(),
            Some("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
        );
        assert_eq!(
            unit(&[
                "BÁO CÁO",
                "Ủy ban nhân dân tỉnh Khánh Hòa (viết tắt là UBND tỉnh) báo cáo"
            ])
            .as_deref(),
            Some("Ủy ban nhân dân tỉnh Khánh Hòa")
        );
        assert_eq!(
            unit(&["Năm 2024, UBND huyện Cam Lâm, Ban Quản lý dự án đã triển khai"]).as_deref(),
            Some("UBND huyện Cam Lâm")
        );
        let a = Unit::new("Ủy ban nhân dân tỉnh Khánh Hòa", w());
        let b = Unit::new("UBND TỈNH  KHÁNH HÒA", w());
        assert_eq!(a.key, b.key);
    }

    #[test]
    fn the_title_is_the_line_under_the_heading() {
        let about = read(
            [
                "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
                "BÁO CÁO",
                "Kết quả thực hiện CCHC năm 2025",
            ],
            w(),
        );
        assert_eq!(
            about.title.as_deref(),
            Some("Kết quả thực hiện CCHC năm 2025")
        );
        assert_eq!(about.period.as_deref(), Some("Năm 2025"));
        assert_eq!(about.when.map(|p| (p.year, p.months)), Some((2025, 12)));
    }

    #[test]
    fn nothing_invented_without_a_heading() {
        let about = read(["Biểu mẫu số 01", "1.\tTỷ lệ\t%\t31,15"], w());
        assert!(about.unit.is_none() && about.title.is_none() && about.period.is_none());
        assert!(read([], w()).is_empty());
    }

    #[test]
    fn odd_names_and_lines_do_not_panic() {
        for name in [
            "İİİ-q3-2024.txt",
            "q",
            "quý",
            "Quý IV/",
            "năm 20245",
            ".txt",
            "ß_quý-1-2024",
            "tháng 99/2024",
            "tháng",
        ] {
            let _ = from_file_name(name, w());
            let _ = read([name], w());
            let _ = read([name, "BÁO CÁO", name], w());
        }
        assert_eq!(
            from_file_name("İstanbul q3 2024.txt", w()).1.unwrap().label,
            "Quý III/2024"
        );
    }

    #[test]
    fn file_names_give_unit_and_period() {
        let (u, p) = from_file_name("thu-muc/so-tu-phap_q3-2024.docx", w());
        assert_eq!(u.as_deref(), Some("so tu phap"));
        assert_eq!(p.unwrap().label, "Quý III/2024");
        let (u, p) = from_file_name("bao cao.txt", w());
        assert_eq!(u.as_deref(), Some("bao cao"));
        assert!(p.is_none());
    }
}
