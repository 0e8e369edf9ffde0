//! Tokens of a paragraph: words, punctuation, and numbers read the Vietnamese way, with what a
//! number glued to letters or slashes really is (`363/TB-VPCP`, `06/8/2024`, `9001:2015`) kept
//! apart from the figures.
//!
//! Hand-written rather than a regular expression: one pass over the bytes, no automaton to build
//! or ship in the Wasm.

use super::prose::Lowering;
use crate::number::Figure;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (and digits inside a word: `QH15`).
    Word,
    /// One punctuation character.
    Punct(char),
    /// A number, a fraction `a/b` or a date-like `a/b/c`, with an optional `%`: its shape.
    Num(Shape),
    /// Something with digits that is not a figure: a document number, a web address, `3.0`.
    Other,
}

/// A number as printed: its figures, read only when the number turns out to be a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Num {
    /// The first (or only) part.
    pub a: Figure,
    /// The second part of `a/b`.
    pub b: Option<Figure>,
    /// A `%` follows.
    pub percent: bool,
}

/// The shape of a number token, enough to tell a date, a year or a code from a quantity without
/// reading the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    /// How many `/`-separated parts (3 is a date).
    pub parts: u8,
    /// A `%` follows.
    pub percent: bool,
    /// Where the parts are, as byte offsets from the token's start: (start, end) of the first
    /// and of the second.
    pub spans: [(u16, u16); 2],
}

impl Shape {
    /// The value of part `k` (0 or 1) if it is printed as 1–4 bare digits (`2024`, `08`).
    pub fn small(&self, text: &str, start: usize, k: usize) -> Option<(u32, usize)> {
        let (a, b) = self.spans[k];
        let digits = text.get(start + a as usize..start + b as usize)?;
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some((digits.parse().ok()?, digits.len()))
    }

    /// Reads the figures.
    pub fn read(&self, text: &str, start: usize) -> Option<Num> {
        let part = |k: usize| {
            let (a, b) = self.spans[k];
            figure(text.get(start + a as usize..start + b as usize)?)
        };
        Some(Num {
            a: part(0)?,
            b: if self.parts == 2 {
                Some(part(1)?)
            } else {
                None
            },
            percent: self.percent,
        })
    }
}

/// A token: its kind and its byte range in the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// Whether `c` is a letter. Vietnamese letters sit in a few Latin blocks, checked by range
/// before the general (slower) Unicode table.
pub(crate) fn is_letter(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F => false,
        0xC0..=0xFF => c != '×' && c != '÷',
        0x100..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_digit()
        || is_letter(c)
        || ('\u{0300}'..='\u{036F}').contains(&c)
        || (!c.is_ascii() && c.is_numeric())
}

/// The length in bytes of the word character starting at byte `j` (not ASCII), or `None` when
/// it is not one. Runs for every non-ASCII byte of the prose: the letters Vietnamese is written
/// with are told from their UTF-8 lead bytes without decoding; anything else is decoded and
/// asked [`is_word_char`].
#[inline]
fn word_char_len(text: &str, j: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b[j] {
        // U+00C0–U+00FF, but `×` (C3 97) and `÷` (C3 B7).
        0xC3 => (b[j + 1] != 0x97 && b[j + 1] != 0xB7).then_some(2),
        // U+0100–U+023F (Latin Extended-A and most of B: `đ`, `ă`, `ơ`, `ư`), and U+0300–U+033F
        // (combining accents).
        0xC4..=0xC8 | 0xCC => Some(2),
        // U+1E00–U+1EFF: the Vietnamese block (`ạ`, `ế`, `ữ`…).
        0xE1 if (0xB8..=0xBB).contains(&b[j + 1]) => Some(3),
        _ => {
            let ch = text[j..].chars().next().expect("in bounds");
            is_word_char(ch).then(|| ch.len_utf8())
        }
    }
}

/// ASCII letters and digits, by byte: one load instead of three range tests for every byte of
/// every word (256 bytes, built at compile time).
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// Splits a paragraph into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    tokens::<false>(text, &mut Lowering::default())
}

/// [`tokenize`] and [`lower_aligned`](super::prose::lower_aligned) in one pass over the text:
/// the tokens, and the text lower-cased byte for byte (the same string `lower_aligned` gives:
/// every byte is whitespace, which has no case, or in a token, lower-cased as it is read).
pub(crate) fn tokenize_lower(text: &str) -> (Vec<Token>, String) {
    let mut low = Lowering::new(text.len());
    let toks = tokens::<true>(text, &mut low);
    (toks, low.finish(text))
}

/// The tokeniser; with `LOWER`, the non-ASCII characters of every token are lower-cased into
/// `low` as they are read.
fn tokens<const LOWER: bool>(text: &str, low: &mut Lowering) -> Vec<Token> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    while i < n {
        let byte = b[i];
        // One dispatch on the first byte, the common cases first; a word starts with an ASCII
        // letter or a Vietnamese letter its lead bytes tell (as in [`word_char_len`]); anything
        // else is decoded below.
        let letter = match byte {
            b'a'..=b'z' | b'A'..=b'Z' => true,
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' => {
                let (end, kind) = number(text, i);
                if LOWER {
                    // Codes glued to letters (`1Đ`) have case too.
                    low.range(text, i, end);
                }
                out.push(Token {
                    kind,
                    start: i,
                    end,
                });
                i = end;
                continue;
            }
            b'%' => false,
            _ if byte.is_ascii_punctuation() => {
                out.push(Token {
                    kind: Kind::Punct(byte as char),
                    start: i,
                    end: i + 1,
                });
                i += 1;
                continue;
            }
            0xC4..=0xC8 => true,
            0xC3 => b[i + 1] != 0x97 && b[i + 1] != 0xB7,
            0xE1 => (0xB8..=0xBB).contains(&b[i + 1]),
            _ => false,
        };
        let c = if letter {
            'a'
        } else {
            text[i..].chars().next().expect("in bounds")
        };
        if !letter && c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if letter || is_letter(c) {
            let mut j = i;
            loop {
                match b.get(j) {
                    Some(&c) if ASCII_ALNUM[usize::from(c)] => j += 1,
                    Some(&c) if c >= 0x80 => {
                        // The letters of Vietnamese, and whether they are lower case, from their
                        // bytes (as [`word_char_len`] and [`known_lower`](super::prose::known_lower) tell them), inline:
                        // this runs for every non-ASCII letter of the prose.
                        let next = b.get(j + 1).copied().unwrap_or(0);
                        let (len, lower) = match c {
                            0xC3 if next != 0x97 && next != 0xB7 => (2, next >= 0x9F),
                            0xC4 => (2, next <= 0xAF && next & 1 == 1),
                            0xC6 => (2, next == 0xA1 || next == 0xB0),
                            0xE1 if next == 0xBA || next == 0xBB => {
                                (3, b.get(j + 2).is_some_and(|&t| t & 1 == 1))
                            }
                            _ => match word_char_len(text, j) {
                                Some(len) => (len, false),
                                None => break,
                            },
                        };
                        if LOWER && !lower {
                            low.char_at(text, j);
                        }
                        j += len;
                    }
                    _ => break,
                }
            }
            // A web address: `http://`, `https://`, `www.` (checked only before `:` or `.`).
            let url = matches!(b.get(j), Some(b':' | b'.')) && {
                let word = &text[i..j];
                (word.eq_ignore_ascii_case("http") || word.eq_ignore_ascii_case("https"))
                    && text[j..].starts_with("://")
                    || (word.eq_ignore_ascii_case("www") && text[j..].starts_with('.'))
            };
            if url {
                let k = text[j..]
                    .find(|ch: char| ch.is_whitespace() || ch == '>')
                    .map_or(n, |k| j + k);
                if LOWER {
                    low.range(text, j, k);
                }
                out.push(Token {
                    kind: Kind::Other,
                    start: i,
                    end: k,
                });
                i = k;
            } else {
                out.push(Token {
                    kind: Kind::Word,
                    start: i,
                    end: j,
                });
                i = j;
            }
            continue;
        }
        if LOWER && !c.is_ascii() {
            low.char(text, i, c);
        }
        out.push(Token {
            kind: Kind::Punct(c),
            start: i,
            end: i + c.len_utf8(),
        });
        i += c.len_utf8();
    }
    out
}

/// Reads the number starting at byte `i` (an ASCII digit).
fn number(text: &str, i: usize) -> (usize, Kind) {
    let b = text.as_bytes();
    let n = b.len();
    let digit = |k: usize| k < n && b[k].is_ascii_digit();
    let mut j = i;
    let mut parts: [(usize, usize); 3] = [(0, 0); 3];
    let mut count = 0usize;
    loop {
        let st = j;
        while digit(j) {
            j += 1;
        }
        // Separators inside a number: `.` and `,` (and a no-break space) followed by a digit.
        loop {
            if j + 1 < n && (b[j] == b'.' || b[j] == b',') && digit(j + 1) {
                j += 1;
                while digit(j) {
                    j += 1;
                }
            } else if b.get(j) == Some(&0xC2) && b.get(j + 1) == Some(&0xA0) && digit(j + 2) {
                // A no-break space (C2 A0), told by its bytes.
                j += 2;
                while digit(j) {
                    j += 1;
                }
            } else {
                break;
            }
        }
        parts[count] = (st, j);
        count += 1;
        if count < 3 && j + 1 < n && b[j] == b'/' && digit(j + 1) {
            j += 1;
            continue;
        }
        break;
    }
    // Glued to letters, or to `/`, `-`, `:` and more characters: a code, not a figure.
    // Runs for every number: the usual next byte (a space, `,`, `.`, `%`) is ASCII and told
    // without decoding; only a non-ASCII one is decoded.
    let after = |k: usize| text[k..].chars().next().is_some_and(is_word_char);
    let glued = match b.get(j) {
        None => false,
        Some(b'/' | b'-' | b':' | b'_') => after(j + 1),
        Some(&c) if c.is_ascii() => c.is_ascii_alphanumeric(),
        Some(_) => after(j),
    };
    if glued {
        let mut k = j;
        for ch in text[j..].chars() {
            let stop = ch.is_whitespace()
                || matches!(ch, ',' | ';' | '(' | ')' | '"' | '“' | '”')
                || (ch == '.' && !text[k + 1..].starts_with(|c: char| c.is_alphanumeric()));
            if stop {
                break;
            }
            k += ch.len_utf8();
        }
        return (k, Kind::Other);
    }
    // A part that is not a well-formed Vietnamese number (`1.1`, `3.0`) makes the token a code.
    for &(s0, e0) in &parts[..count] {
        if !well_formed(&text[s0..e0]) {
            return (j, Kind::Other);
        }
    }
    let mut end = j;
    let mut percent = false;
    // A `%` after at most two bytes of spaces (` `, or a no-break space C2 A0): counted by
    // bytes, and no further than that.
    let mut d = 0;
    while d <= 2 {
        match b.get(j + d) {
            Some(b' ') => d += 1,
            Some(0xC2) if b.get(j + d + 1) == Some(&0xA0) => d += 2,
            _ => break,
        }
    }
    if d <= 2 && b.get(j + d) == Some(&b'%') {
        percent = true;
        end = j + d + 1;
    }
    let rel = |k: usize| {
        let (s0, e0) = parts[k];
        (
            (s0 - i).min(u16::MAX as usize) as u16,
            (e0 - i).min(u16::MAX as usize) as u16,
        )
    };
    (
        end,
        Kind::Num(Shape {
            parts: count as u8,
            percent,
            spans: [rel(0), if count > 1 { rel(1) } else { (0, 0) }],
        }),
    )
}

/// The figure of a number the tokeniser accepted (digits, `.` between groups of three, one
/// decimal `,`; [`well_formed`]): the same value and decimals as [`Figure::parse`] gives, read
/// without allocating — this runs for every figure of a report.
fn figure(s: &str) -> Option<Figure> {
    let mut mantissa: i128 = 0;
    let mut decimals: u32 = 0;
    let mut digits = 0;
    let mut after_comma = false;
    for c in s.bytes() {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i128::from(c - b'0');
                digits += 1;
                if after_comma {
                    decimals += 1;
                }
            }
            b',' => after_comma = true,
            b'.' => {}
            // A no-break space between groups, as `Figure::parse` allows.
            _ if !c.is_ascii() => {}
            _ => return None,
        }
        if digits > 27 {
            return None;
        }
    }
    if digits == 0 {
        return None;
    }
    Some(Figure {
        value: rust_decimal::Decimal::from_i128_with_scale(mantissa, decimals),
        decimals,
        percent_sign: false,
    })
}

/// Whether digits with `.` and `,` form a Vietnamese number: groups of three after the first
/// (`9.191.517`), one decimal comma (`31,15`). The same grammar as [`Figure::parse`], checked
/// without building the number.
fn well_formed(s: &str) -> bool {
    // One pass over the bytes (this runs for every number): `group` counts the bytes of the
    // current group, as `str::len` would (a no-break space counts its two bytes).
    if s.len() > 40 {
        return false;
    }
    let (mut group, mut dots, mut comma) = (0usize, false, false);
    for &c in s.as_bytes() {
        match c {
            b'.' | b',' if comma => return false,
            b'.' => {
                // The first group 1–3 long, the next ones exactly 3.
                if (!dots && !(1..=3).contains(&group)) || (dots && group != 3) {
                    return false;
                }
                dots = true;
                group = 0;
            }
            b',' => {
                if (!dots && group == 0) || (dots && group != 3) {
                    return false;
                }
                comma = true;
                group = 0;
            }
            _ => group += 1,
        }
    }
    if comma || !dots {
        group > 0
    } else {
        group == 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| {
                let s = &text[t.start..t.end];
                match t.kind {
                    Kind::Word => format!("w:{s}"),
                    Kind::Punct(c) => format!("p:{c}"),
                    Kind::Other => format!("o:{s}"),
                    Kind::Num(n) => format!(
                        "n{}{}:{}",
                        n.parts,
                        if n.percent { "%" } else { "" },
                        n.read(text, t.start)
                            .map_or("?".into(), |x| x.a.value.to_string())
                    ),
                }
            })
            .collect()
    }

    #[test]
    fn figures_read_as_the_tables_read_them() {
        for s in [
            "0",
            "08",
            "1.664",
            "9.191.517",
            "31,15",
            "95,00",
            "0,5",
            "59.033.653.036",
            "1\u{a0}234",
        ] {
            let mine = figure(s).unwrap();
            let theirs = Figure::parse(s).unwrap();
            assert_eq!(
                (mine.value, mine.decimals),
                (theirs.value, theirs.decimals),
                "{s}"
            );
        }
    }

    #[test]
    fn word_chars_told_by_bytes_agree_with_unicode() {
        for u in 0x80u32..0x3_0000 {
            let Some(c) = char::from_u32(u) else { continue };
            let s = c.to_string();
            assert_eq!(
                word_char_len(&s, 0),
                is_word_char(c).then(|| c.len_utf8()),
                "U+{u:04X}"
            );
            // A word starts with a letter.
            assert_eq!(
                tokenize(&s).first().map(|t| t.kind == Kind::Word),
                Some(is_letter(c)).filter(|_| !c.is_whitespace()),
                "U+{u:04X}"
            );
        }
    }

    #[test]
    fn lowered_while_tokenised_as_lower_aligned_lowers() {
        use crate::narrative::prose::lower_aligned;
        for u in (0x20u32..0x3000).chain(0x1_0400..0x1_0500) {
            let Some(c) = char::from_u32(u) else { continue };
            for s in [
                format!("A{c}Đb{c} 1{c}Ư 2{c} http://X{c}Ê/ {c}"),
                format!("{c}Ủy 12{c}% 3/4{c}"),
            ] {
                let (toks, low) = tokenize_lower(&s);
                assert_eq!(low, lower_aligned(&s), "U+{u:04X}");
                assert_eq!(toks, tokenize(&s), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn figures_codes_dates() {
        assert_eq!(
            kinds(
                "Thông báo số 363/TB-VPCP ngày 06/8/2024 đạt 99,59%, 1.664 thủ tục; 20/30 cơ quan"
            ),
            [
                "w:Thông",
                "w:báo",
                "w:số",
                "o:363/TB-VPCP",
                "w:ngày",
                "n3:6",
                "w:đạt",
                "n1%:99.59",
                "p:,",
                "n1:1664",
                "w:thủ",
                "w:tục",
                "p:;",
                "n2:20",
                "w:cơ",
                "w:quan"
            ]
        );
        assert_eq!(
            kinds("ISO 9001:2015, phiên bản 3.0, 09-NQ/TW, 1B, 1.1. Mục"),
            [
                "w:ISO",
                "o:9001:2015",
                "p:,",
                "w:phiên",
                "w:bản",
                "o:3.0",
                "p:,",
                "o:09-NQ/TW",
                "p:,",
                "o:1B",
                "p:,",
                "o:1.1",
                "p:.",
                "w:Mục"
            ]
        );
        assert_eq!(
            kinds("<https://stc.khanhhoa.gov.vn/?TopicId=f2-1> 95,00 % và 1.664."),
            [
                "p:<",
                "o:https://stc.khanhhoa.gov.vn/?TopicId=f2-1",
                "p:>",
                "n1%:95.00",
                "w:và",
                "n1:1664",
                "p:."
            ]
        );
    }
}
