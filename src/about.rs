//! What the report says about itself: the reporting unit, the period and the subject, read from
//! its heading and first sentences. A correction letter, a print or a summary names the unit and
//! the period the official sees on the report, not the file it came in.
//!
//! Read by plain word matching over the first lines of prose: a CCHC report opens with its
//! issuing body («ỦY BAN NHÂN DÂN TỈNH …»), «BÁO CÁO», then a subject line naming the period
//! («… Quý III/2024 …», «… 6 tháng đầu năm 2024 …»). Nothing is guessed when none is found.

use crate::report::Line;
use serde::Serialize;

/// The report's unit, period and subject, each as printed; absent when the report does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct About {
    /// The reporting body («Ủy ban nhân dân tỉnh Khánh Hòa»).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The period reported on («Quý III/2024», «6 tháng đầu năm 2024», «năm 2024»).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The subject line under «BÁO CÁO».
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl About {
    /// Whether the report said nothing about itself.
    pub fn is_empty(&self) -> bool {
        self.unit.is_none() && self.period.is_none() && self.title.is_none()
    }
}

/// How many lines of prose from the top are read: the heading and the opening paragraph.
const HEAD_LINES: usize = 12;

/// The words that start the name of a reporting body, lower case (both placements of the tone
/// mark of «ủy»).
const BODIES: [&str; 8] = [
    "ủy ban nhân dân ",
    "uỷ ban nhân dân ",
    "ubnd ",
    "sở ",
    "bộ ",
    "ban quản lý ",
    "văn phòng ",
    "cục ",
];

/// Reads the unit, period and subject from the first lines of the report's prose.
///
/// ```
/// use kiemso::report::Line;
/// let lines = ["BÁO CÁO", "Tình hình CCHC Quý III/2024 trên địa bàn tỉnh Khánh Hòa",
///     "Ủy ban nhân dân tỉnh Khánh Hòa (viết tắt là UBND tỉnh) báo cáo như sau:"];
/// let lines: Vec<Line> = lines.iter().enumerate()
///     .map(|(k, t)| Line { number: k + 1, text: t.to_string() }).collect();
/// let about = kiemso::about::read(&lines);
/// assert_eq!(about.unit.as_deref(), Some("Ủy ban nhân dân tỉnh Khánh Hòa"));
/// assert_eq!(about.period.as_deref(), Some("Quý III/2024"));
/// ```
pub fn read(lines: &[Line]) -> About {
    let head: Vec<&str> = lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .take(HEAD_LINES)
        .collect();
    let title = head
        .iter()
        .position(|t| t.eq_ignore_ascii_case("BÁO CÁO") || *t == "Báo cáo")
        .and_then(|k| head.get(k + 1))
        .map(|t| t.to_string());
    let period = title
        .as_deref()
        .and_then(period_in)
        .or_else(|| head.iter().find_map(|t| period_in(t)));
    let unit = head.iter().find_map(|t| unit_in(t));
    About {
        unit,
        period,
        title,
    }
}

/// The first period named in `text`: «Quý III/2024», «quý 3 năm 2024», «6 tháng đầu năm 2024»,
/// «9 tháng năm 2024», «tháng 10/2024», «năm 2024».
fn period_in(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    // Lower-casing keeps the byte offsets of Vietnamese letters (each keeps its UTF-8 length),
    // so a match in `lower` is cut from `text` as printed; checked, not assumed.
    if lower.len() != text.len() {
        return None;
    }
    let year_after = |from: usize| -> Option<usize> {
        // A four-digit year after `/`, `-` or « năm », right at `from`.
        let rest = &lower[from..];
        let skip = if rest.starts_with('/') || rest.starts_with('-') {
            1
        } else if rest.starts_with(" năm ") {
            " năm ".len()
        } else {
            return None;
        };
        let digits = rest[skip..].bytes().take_while(u8::is_ascii_digit).count();
        (digits == 4).then_some(from + skip + 4)
    };
    if let Some(at) = lower.find("quý ") {
        let num_start = at + "quý ".len();
        let num_len = lower[num_start..]
            .bytes()
            .take_while(|b| matches!(b, b'i' | b'v' | b'1'..=b'4'))
            .count();
        if num_len > 0 {
            if let Some(end) = year_after(num_start + num_len) {
                return Some(text[at..end].to_string());
            }
        }
    }
    for months in ["tháng đầu năm ", "tháng cuối năm ", "tháng năm "] {
        if let Some(at) = lower.find(months) {
            // The count of months just before: «6», «06», «9».
            let before = lower[..at].trim_end();
            let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
            let year_start = at + months.len();
            let year = lower[year_start..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if digits > 0 && year == 4 {
                return Some(text[before.len() - digits..year_start + 4].to_string());
            }
        }
    }
    if let Some(at) = lower.find("tháng ") {
        let m = at + "tháng ".len();
        let digits = lower[m..].bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) {
            if let Some(end) = year_after(m + digits) {
                return Some(text[at..end].to_string());
            }
        }
    }
    let mut from = 0;
    while let Some(k) = lower[from..].find("năm ") {
        let at = from + k;
        let y = at + "năm ".len();
        let digits = lower[y..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 4 {
            return Some(text[at..y + 4].to_string());
        }
        from = y;
    }
    None
}

/// The reporting body named in `text`: a line that is the name (the heading's «ỦY BAN NHÂN DÂN
/// TỈNH …»), or a sentence that starts with it («Ủy ban nhân dân tỉnh X (viết tắt …) báo cáo»).
fn unit_in(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    // A body's full name may stand anywhere in the opening sentence («Thực hiện …, Ủy ban nhân
    // dân tỉnh X (viết tắt là UBND tỉnh) báo cáo …»); a shorter one only at the start of a line.
    let (start, body) = BODIES
        .iter()
        .find_map(|b| lower.starts_with(b).then_some((0, *b)))
        .or_else(|| {
            BODIES[..2]
                .iter()
                .find_map(|b| lower.find(b).map(|k| (k, *b)))
        })?;
    // The name ends at a bracket, a comma, or the verb of the sentence.
    let mut end = text.len();
    for stop in [" (", ",", " báo cáo", ":", ";", " về ", " đã "] {
        if let Some(k) = lower[start..].find(stop) {
            end = end.min(start + k);
        }
    }
    let name = text[start..end].trim();
    // A bare abbreviation («UBND») or a sentence-length run is no name.
    let words = name.split_whitespace().count();
    (name.len() > body.len() && words <= 12).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| Line {
                number: k + 1,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn heading_in_capitals_names_the_unit() {
        let about = read(&lines(&[
            "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
            "BÁO CÁO",
            "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2025",
        ]));
        assert_eq!(about.unit.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"));
        assert_eq!(about.period.as_deref(), Some("6 tháng đầu năm 2025"));
        assert!(about.title.unwrap().starts_with("Kết quả"));
    }

    #[test]
    fn periods_of_every_shape() {
        assert_eq!(
            period_in("trong quý 3 năm 2024").as_deref(),
            Some("quý 3 năm 2024")
        );
        assert_eq!(
            period_in("Báo cáo tháng 10/2024").as_deref(),
            Some("tháng 10/2024")
        );
        assert_eq!(
            period_in("công tác năm 2023 và").as_deref(),
            Some("năm 2023")
        );
        assert_eq!(
            period_in("09 tháng năm 2024").as_deref(),
            Some("09 tháng năm 2024")
        );
        assert_eq!(period_in("Biểu mẫu số 01"), None);
    }

    #[test]
    fn nothing_invented_without_a_heading() {
        let about = read(&lines(&["Biểu mẫu số 01", "1.\tTỷ lệ\t%\t31,15"]));
        assert!(about.unit.is_none() && about.title.is_none());
        assert!(read(&[]).is_empty());
    }
}
