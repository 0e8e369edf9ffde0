//! From the narrative lines of a report to paragraphs a reader would see: page-break artefacts
//! undone before any number is read.
//!
//! A report pasted from Word keeps what the page layout put in the middle of sentences: footnote
//! lines (`⁴ Hội nghị được tổ chức vào ngày 13/9/2024`) between the two halves of a sentence,
//! footnote markers glued to words and figures (`năm 2024⁴,`), and a sentence that stops at the
//! bottom of a page and continues, after the footnotes, on a line starting with a lowercase word.
//! Left alone, these split sentences and turn `45¹⁰` into 4.510.

use crate::report::Line;

/// A paragraph of the narrative, as a reader sees it: continuation lines joined, footnote lines
/// dropped, footnote markers removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The cleaned text.
    pub text: String,
    /// Where each joined input line starts in `text`: (byte offset, 1-based input line).
    spans: Vec<(usize, usize)>,
}

impl Paragraph {
    /// The input line (1-based) holding byte `offset` of the text.
    pub fn line_at(&self, offset: usize) -> usize {
        let i = self.spans.partition_point(|&(o, _)| o <= offset);
        self.spans[i.saturating_sub(1)].1
    }

    /// The input line where the paragraph starts.
    pub fn first_line(&self) -> usize {
        self.spans[0].1
    }
}

/// Superscript digits: footnote markers in pasted Word text.
pub(crate) fn is_superscript(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹')
}

/// A footnote line: starts with a superscript marker (`¹⁷ Quyết định số …`).
fn is_footnote(line: &str) -> bool {
    line.trim_start().chars().next().is_some_and(is_superscript)
}

/// Whether a line opens with a list or heading label (`a)`, `đ)`, `1.`, `1.1.`, `II.`, `(1)`,
/// `-`, `+`, `*`, `•`): such a line starts something new even when it starts in lowercase.
fn starts_with_label(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(first, '-' | '+' | '*' | '•' | '–' | '(' | '●' | '▪') {
        return true;
    }
    // A run of letters or digits (and dots) closed by `)` or `.` followed by a space.
    let len = t
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(t.len(), |(k, _)| k);
    let head = &t[..len];
    let rest = &t[len..];
    if head.is_empty() || head.chars().count() > 8 {
        return false;
    }
    let short_letters = head.chars().filter(|c| c.is_alphabetic()).count() <= 1
        || head.chars().all(|c| "IVXLC".contains(c) || c == '.');
    (rest.starts_with(')') || head.ends_with('.')) && short_letters
}

/// Whether a line ends without closing its sentence.
fn is_open(line: &str) -> bool {
    !line.trim_end().ends_with(['.', '!', '?', ':', ';', '…'])
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// Lower-cases `text` character by character without changing any character's UTF-8 length,
/// so that a byte range means the same in both (Vietnamese letters keep their length when
/// lower-cased; a character that would not is kept as is).
pub(crate) fn lower_aligned(text: &str) -> String {
    let mut low = Lowering::new(text.len());
    low.range(text, 0, text.len());
    low.finish(text)
}

/// A lower-case copy of a text built piece by piece, for [`lower_aligned`] and for the
/// tokeniser, which lower-cases a paragraph in the pass that splits it (every byte of a
/// paragraph is whitespace or in a token, and whitespace has no case).
///
/// The text is copied in runs between the non-ASCII capitals (`Đ`, `Ủ`…), each replaced by its
/// lower case of the same length; the ASCII is lower-cased in place at the end. No
/// per-character allocation or splice, and the lower-case Vietnamese letters (most non-ASCII
/// characters) are told from their bytes without decoding.
#[derive(Debug, Default)]
pub(crate) struct Lowering {
    out: String,
    /// The text before this byte is in `out` (or replaced there).
    copied: usize,
}

impl Lowering {
    pub(crate) fn new(capacity: usize) -> Lowering {
        Lowering {
            out: String::with_capacity(capacity),
            copied: 0,
        }
    }

    /// Lower-cases the non-ASCII characters of `text[i..end]` (`i` and `end` on character
    /// boundaries, after anything given before).
    pub(crate) fn range(&mut self, text: &str, mut i: usize, end: usize) {
        let bytes = text.as_bytes();
        while i < end {
            // ASCII and continuation bytes; a lead byte of a two- or three-byte character is
            // 0xC2 or more.
            if bytes[i] < 0xC2 {
                i += 1;
                continue;
            }
            i += self.char_at(text, i);
        }
    }

    /// Lower-cases the character at byte `i` (a lead byte, 0xC2 or more) and returns its length.
    #[inline]
    pub(crate) fn char_at(&mut self, text: &str, i: usize) -> usize {
        let bytes = text.as_bytes();
        let lead = bytes[i];
        if known_lower(bytes, i) {
            return if lead < 0xE0 { 2 } else { 3 };
        }
        let c = text[i..].chars().next().expect("on a char boundary");
        self.char(text, i, c);
        c.len_utf8()
    }

    /// Lower-cases character `c`, at byte `i` of `text` (after anything given before).
    pub(crate) fn char(&mut self, text: &str, i: usize, c: char) {
        let lc = lower_char(c);
        if lc != c {
            self.out.push_str(&text[self.copied..i]);
            self.out.push(lc);
            self.copied = i + c.len_utf8();
        }
    }

    /// The lower-case text: the rest copied, the ASCII lower-cased.
    pub(crate) fn finish(mut self, text: &str) -> String {
        self.out.push_str(&text[self.copied..]);
        self.out.make_ascii_lowercase();
        self.out
    }
}

/// The lower case of `c` as [`lower_aligned`] gives it: `c` itself when its lower case is not
/// one character of the same UTF-8 length.
pub(crate) fn lower_char(c: char) -> char {
    lower_fast(c)
        .or_else(|| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(lc), None) if lc.len_utf8() == c.len_utf8() => Some(lc),
                _ => None,
            }
        })
        .unwrap_or(c)
}

/// Whether the character at byte `i` (a lead byte, 0xC2 or more) is lower case already, told by
/// its bytes: U+00DF–U+00FF (C3 9F–BF); the odd code points of U+0100–U+012F (C4 80–AF: `đ`,
/// `ă`, `ĩ`); `ơ` and `ư` (C6 A1, C6 B0); the odd code points of U+1E80–U+1EFF, where the
/// Vietnamese block is (E1 BA/BB, last byte odd). `false` means "decode and see".
#[inline]
pub(crate) fn known_lower(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xC3 => bytes[i + 1] >= 0x9F,
        0xC4 => bytes[i + 1] <= 0xAF && bytes[i + 1] & 1 == 1,
        0xC6 => matches!(bytes[i + 1], 0xA1 | 0xB0),
        0xE1 => matches!(bytes[i + 1], 0xBA | 0xBB) && bytes[i + 2] & 1 == 1,
        _ => false,
    }
}

/// The lower case of the characters Vietnamese text is made of, without the general Unicode
/// table: ASCII, Latin-1, the Latin Extended-A pairs Vietnamese uses (`Đ`, `Ă`, `Ĩ`, `Ũ`), `Ơ`,
/// `Ư`, and the Vietnamese block U+1EA0–U+1EF9 (upper case at even code points). Every one keeps
/// its UTF-8 length.
fn lower_fast(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A => u + 0x20,
        0..=0x7F => u,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xDF..=0xFF => u,
        0x100..=0x12F | 0x14A..=0x177 | 0x1EA0..=0x1EF9 => u | 1,
        0x1A0 | 0x1A1 => 0x1A1,
        0x1AF | 0x1B0 => 0x1B0,
        _ => return None,
    };
    char::from_u32(l)
}

/// The length of the superscript digit starting at byte `k`, 0 if none: `¹²³` are C2 B9/B2/B3 in
/// UTF-8, `⁰⁴…⁹` are E2 81 B0/B4–B9.
fn superscript_len(b: &[u8], k: usize) -> usize {
    match b[k] {
        0xC2 if matches!(b.get(k + 1), Some(0xB2 | 0xB3 | 0xB9)) => 2,
        0xE2 if b.get(k + 1) == Some(&0x81) && matches!(b.get(k + 2), Some(0xB0 | 0xB4..=0xB9)) => {
            3
        }
        _ => 0,
    }
}

fn strip_superscripts(text: &str) -> std::borrow::Cow<'_, str> {
    // Most lines have no superscript: blocks of 16 bytes without a lead byte of one (C2 or E2)
    // are passed over with a test the compiler vectorises; the text is copied only when a
    // marker is found, in runs between the markers.
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut k = 0;
    while k < b.len() {
        let end = (k + 16).min(b.len());
        let lead = b[k..end]
            .iter()
            .fold(false, |any, &c| any | (c == 0xC2) | (c == 0xE2));
        if !lead {
            k = end;
            continue;
        }
        while k < end {
            let len = superscript_len(b, k);
            if len == 0 {
                k += 1;
                continue;
            }
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..k]);
            k += len;
            copied = k;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[copied..]);
            std::borrow::Cow::Owned(o)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// Assembles the narrative lines into paragraphs.
///
/// A line continues the paragraph above when the paragraph is still open (no closing
/// punctuation) and either the line starts with a lowercase word that is not a list label, or
/// footnote lines stood between the two (a page break).
///
/// ```
/// use kiemso::report::Line;
/// use kiemso::narrative::paragraphs;
/// let lines = [
///     Line { number: 37, text: "đã kiểm tra 20/30 cơ quan, trong đó có 08 cơ quan (gọi".into() },
///     Line { number: 39, text: "⁴ Hội nghị được tổ chức vào ngày 13/9/2024".into() },
///     Line { number: 47, text: "chung là UBND cấp huyện), năm 2024⁴.".into() },
/// ];
/// let p = paragraphs(&lines);
/// assert_eq!(p.len(), 1);
/// assert_eq!(p[0].text, "đã kiểm tra 20/30 cơ quan, trong đó có 08 cơ quan (gọi chung là UBND cấp huyện), năm 2024.");
/// assert_eq!(p[0].line_at(p[0].text.find("chung").unwrap()), 47);
/// ```
pub fn paragraphs(lines: &[Line]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut footnote_since_last = false;
    for line in lines {
        if is_footnote(&line.text) {
            footnote_since_last = true;
            continue;
        }
        let stripped = strip_superscripts(line.text.trim());
        let text = stripped.trim();
        if text.is_empty() {
            continue;
        }
        // After footnotes (a page break), a paragraph still open even after `;` or `,` goes on.
        let joins = out.last().is_some_and(|p| {
            let open = is_open(&p.text) || (footnote_since_last && p.text.ends_with([';', ',']));
            open && !starts_with_label(text) && (starts_lowercase(text) || footnote_since_last)
        });
        footnote_since_last = false;
        if joins {
            let p = out.last_mut().expect("checked");
            p.text.push(' ');
            p.spans.push((p.text.len(), line.number));
            p.text.push_str(text);
        } else {
            out.push(Paragraph {
                text: text.to_string(),
                spans: vec![(0, line.number)],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[(usize, &str)]) -> Vec<Line> {
        v.iter()
            .map(|(n, t)| Line {
                number: *n,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn labels_and_headings_are_not_continuations() {
        let p = paragraphs(&lines(&[
            (1, "1.1. Xây dựng và tổ chức thực hiện văn bản"),
            (2, "a) Xây dựng, ban hành văn bản"),
            (3, "Việc xây dựng văn bản (ghi tắt là QPPL)"),
            (4, "tiếp tục được thực hiện."),
            (5, "- Rà soát: 12"),
            (6, "đ) Mục khác"),
        ]));
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "1.1. Xây dựng và tổ chức thực hiện văn bản",
                "a) Xây dựng, ban hành văn bản",
                "Việc xây dựng văn bản (ghi tắt là QPPL) tiếp tục được thực hiện.",
                "- Rà soát: 12",
                "đ) Mục khác"
            ]
        );
    }

    #[test]
    fn a_page_break_before_a_figure_is_joined() {
        let p = paragraphs(&lines(&[
            (267, "cho 100% cơ sở giáo dục nghề nghiệp,"),
            (269, "²⁹ Quyết định số 1875/QĐ-UBND"),
            (271, "100% cơ sở y tế."),
        ]));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line_at(p[0].text.len() - 1), 271);
        assert_eq!(p[0].first_line(), 267);
    }

    #[test]
    fn every_superscript_digit_and_only_they_are_stripped() {
        let all = "x⁰¹²³⁴⁵⁶⁷⁸⁹y ⁄ⁿ₁ ª º ½ “ab” – … and a long run of plain ASCII text, then ⁹";
        let want: String = all.chars().filter(|c| !is_superscript(*c)).collect();
        assert_eq!(strip_superscripts(all), want);
        assert!(matches!(
            strip_superscripts("năm 2024 “đạt” – ½ ⁄"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn glued_markers_do_not_change_figures() {
        let p = paragraphs(&lines(&[(1, "ban hành 45¹⁰ văn bản năm 2024¹⁷.")]));
        assert_eq!(p[0].text, "ban hành 45 văn bản năm 2024.");
    }

    #[test]
    fn fast_lowercase_agrees_with_unicode() {
        for u in (0u32..0x250).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some(l) = lower_fast(c) {
                let mut std = c.to_lowercase();
                assert_eq!((std.next(), std.next()), (Some(l), None), "{c}");
            }
        }
    }

    #[test]
    fn lowercase_agrees_with_a_char_by_char_reading() {
        // Every character of the planes Vietnamese text and its punctuation come from, between
        // ASCII capitals and lower-case letters.
        for u in (0u32..0x3000).chain(0x1_0400..0x1_0500) {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("A{c}Đb{c}");
            let want: String = s
                .chars()
                .map(|c| {
                    let mut l = c.to_lowercase();
                    match (l.next(), l.next()) {
                        (Some(lc), None) if lc.len_utf8() == c.len_utf8() => lc,
                        _ => c,
                    }
                })
                .collect();
            assert_eq!(lower_aligned(&s), want, "U+{u:04X}");
        }
    }

    #[test]
    fn lowercase_keeps_byte_offsets() {
        let s = "ĐVSNNCL Ủy Ban Tỉnh Khánh Hòa İ";
        assert_eq!(lower_aligned(s).len(), s.len());
        assert!(lower_aligned(s).starts_with("đvsnncl ủy ban tỉnh"));
    }
}
