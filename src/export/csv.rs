//! The checks as CSV for a spreadsheet set to Vietnamese: UTF-8 with a byte-order mark (so Excel
//! reads the letters), fields separated by `;` (Vietnamese Excel uses `,` as the decimal comma
//! and therefore `;` as the list separator, so a comma-separated file opens as one column), and
//! figures as the report prints them (`66.687`, `99,59`).

use super::{problems, Cells, Problem};
use crate::outcome::{Kind, Outcome};

/// The columns, left to right.
pub const HEADER: [&str; 11] = [
    "Kết quả",
    "Biểu mẫu",
    "STT",
    "Chỉ tiêu",
    "Số liệu báo cáo",
    "Theo kiểm tra",
    "Loại kiểm tra",
    "Phép tính",
    "Giải thích",
    "Ô",
    "Dòng trong dữ liệu",
];

/// A check's kind in words (the page's `vi.kind`).
pub fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Ratio => "Tỷ lệ",
        Kind::Sum => "Tổng các phần",
        Kind::Part => "Phần không vượt tổng",
        Kind::Code => "Mã trả lời",
        Kind::Range => "Giới hạn giá trị",
        Kind::Count => "Số đếm",
        Kind::Parse => "Đọc số liệu",
        Kind::Narrative => "Số liệu trong lời văn",
    }
}

/// One field, inert in a spreadsheet and quoted when it must be: text that could start a formula
/// (`=`, `+`, `-`, `@`, their full-width forms, or a tab or line end first) gets a leading
/// apostrophe, as in the page's CSV; a figure (`-5`, `-1,5`) and a lone dash stay as they are.
///
/// ```
/// use kiemso::export::csv::field;
/// assert_eq!(field("99,59"), "99,59");
/// assert_eq!(field("a;b"), "\"a;b\"");
/// assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
/// assert_eq!(field("-1,5"), "-1,5");
/// ```
pub fn field(v: &str) -> String {
    let trimmed = v.trim_start_matches(' ');
    let risky = v.starts_with(['\t', '\r', '\n'])
        || trimmed.starts_with([
            '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
        ]);
    let plain_number = {
        let t = v.trim_start_matches(['+', '-']).trim_end_matches('%');
        !t.is_empty()
            && t.starts_with(|c: char| c.is_ascii_digit())
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    };
    let s = if risky && !plain_number && v != "-" {
        format!("'{v}")
    } else {
        v.to_string()
    };
    if s.contains([';', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The checks that do not hold as CSV; with `all`, every check. Lines end in CRLF.
pub fn checks_csv(outcome: &Outcome, all: bool) -> String {
    let cells = Cells::of(outcome);
    let rows: Vec<Problem> = if all {
        outcome
            .checks
            .iter()
            .map(|c| Problem::of(c, &outcome.suggestions, &cells))
            .collect()
    } else {
        problems(outcome, &cells)
    };
    let mut out = String::from("\u{FEFF}");
    push_line(&mut out, HEADER.iter().map(|s| s.to_string()));
    for p in rows {
        let c = p.check;
        push_line(
            &mut out,
            [
                p.severity.to_string(),
                p.form,
                p.stt,
                p.indicator,
                p.reported,
                p.should,
                kind_word(c.kind).to_string(),
                c.formula.clone().unwrap_or_default(),
                p.rule,
                c.cells.join(" "),
                c.line.map(|l| l.to_string()).unwrap_or_default(),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_line(out: &mut String, fields: impl Iterator<Item = String>) {
    let line: Vec<String> = fields.map(|f| field(&f)).collect();
    out.push_str(&line.join(";"));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Biểu mẫu số 02\n1.\tTổng số văn bản\tVăn bản\t15\n\
                        1.1.\tVăn bản A\tVăn bản\t5\n1.2.\tVăn bản B\tVăn bản\t5\n\
                        1.3.\tVăn bản C; bổ sung\tVăn bản\t50\n";

    #[test]
    fn problems_only_unless_all() {
        let o = crate::check_text(TEXT, &crate::Options::default()).unwrap();
        let few = checks_csv(&o, false);
        let every = checks_csv(&o, true);
        assert!(few.starts_with('\u{FEFF}'));
        let lines = |s: &str| s.lines().count();
        assert_eq!(lines(&few), 1 + o.summary.fail + o.summary.warn);
        assert_eq!(lines(&every), 1 + o.checks.len());
        assert!(lines(&every) > lines(&few));
        assert!(!few.contains(";Đạt;") && !few.contains("\nĐạt;"));
    }

    #[test]
    fn every_line_has_the_header_s_columns() {
        let o = crate::check_text(TEXT, &crate::Options::default()).unwrap();
        let text = checks_csv(&o, true);
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
        let mut n = 0;
        for rec in reader.records() {
            assert_eq!(rec.unwrap().len(), HEADER.len());
            n += 1;
        }
        assert_eq!(n, o.checks.len());
    }
}
