//! A paragraph read for its figures: sentences, clauses, and every *mention* of a quantity with
//! its unit and the words around it.
//!
//! Numbers that are not quantities never become mentions: dates (`06/8/2024`, `ngày 16/9`,
//! `tháng 9/2024`), document numbers (`số 363/TB-VPCP`, `Đề án 06`, `Điều 13`), years, labels
//! (`1.`, `(2)`), ordinals (`lần thứ 2`) and the ends of ranges (`70% - dưới 100%`).

use super::prose::Paragraph;
use super::token::{tokenize_lower, Kind, Num, Shape, Token};
use super::units::{unit_at, Unit};
use std::ops::Range;

/// The longest paragraph read, in bytes (the seed's longest is about 2,600).
pub(crate) const MAX_PARAGRAPH_BYTES: usize = 20_000;

/// Whether a paragraph may state a figure, judged from its bytes before anything is read: some
/// run of digits is not glued to letters or slashes (`363/TB`, `III/2024`, `QH15`), not a
/// date (`06/8/2024`, `9/2024`), not a year and not after a word that makes it a name (`số`,
/// `ngày`, `năm`, `Điều`…). Half the report's prose states no figure; this spares reading it.
/// It errs on the side of reading: the tokeniser decides.
fn may_state_a_figure(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
            i += 1;
        }
        let mut end = i;
        while end > start && !b[end - 1].is_ascii_digit() {
            end -= 1;
        }
        let before = if start > 0 { b[start - 1] } else { b' ' };
        let after = if end < b.len() { b[end] } else { b' ' };
        // Glued to a letter, a slash or a dash before: a code (`QH15`, `III/2024`, `NQ-01`).
        if before == b'/' || before == b'-' || before.is_ascii_alphabetic() || before >= 0x80 {
            continue;
        }
        // Glued to a letter after (`1B`) or followed by `/letters`, `-letters`, `:digits`.
        let next = b.get(end + 1).copied().unwrap_or(b' ');
        if after.is_ascii_alphabetic()
            || (matches!(after, b'/' | b'-' | b':' | b'_')
                && !next.is_ascii_digit()
                && next != b' ')
            || (after == b':' && next.is_ascii_digit())
        {
            continue;
        }
        let digits = &text[start..end];
        let year = digits.len() == 4
            && (digits.starts_with("19") || digits.starts_with("20"))
            && !text[end..].trim_start().starts_with('%');
        // `a/b`: a date when a third part follows or the second is a year.
        if after == b'/' {
            let rest = &text[end + 1..];
            let second: &str = &rest[..rest.bytes().take_while(u8::is_ascii_digit).count()];
            let third = rest[second.len()..].starts_with('/');
            let year2 = second.len() == 4 && (second.starts_with("19") || second.starts_with("20"));
            if third || year2 {
                i = end + 1 + second.len();
                continue;
            }
        } else if year {
            continue;
        }
        // The word before.
        let head = text[..start].trim_end();
        let word = head
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        // Lower-cased into a buffer on the stack: no allocation per figure. A word longer than
        // the buffer is none of the prefix words (the longest is 8 bytes).
        let mut buf = [0u8; 16];
        let w = if word.len() <= buf.len() {
            for (k, c) in word.char_indices() {
                super::prose::lower_char(c).encode_utf8(&mut buf[k..]);
            }
            std::str::from_utf8(&buf[..word.len()]).unwrap_or("")
        } else {
            ""
        };
        if after == b'/' && is_date_prefix(w) {
            continue;
        }
        if is_code_prefix(w)
            && !(w == "số"
                && (head.ends_with("tổng số")
                    || head.ends_with("Tổng số")
                    || head.ends_with("với số")))
        {
            continue;
        }
        return true;
    }
    false
}

/// A phrase: lower-case token texts (`&["trong", "đó"]`, `&["sở", ",", "ngành"]`).
pub(crate) type Phrase<'a> = &'a [&'a str];

/// A quantity stated in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    /// Its index in [`Doc::mentions`].
    pub id: usize,
    /// Its number token.
    pub tok: usize,
    /// The token after the unit phrase (the number token + 1 when there is no unit).
    pub unit_end: usize,
    /// The token after the words that describe it on the right.
    pub right_end: usize,
    /// The first token of the words that describe it on the left (since the previous mention,
    /// the start of the clause, or the opening parenthesis).
    pub gap_start: usize,
    /// The figure(s).
    pub num: Num,
    /// The unit noun, if one follows.
    pub unit: Option<&'static Unit>,
    /// Approximate (`gần`, `hơn`, `khoảng`…): never used in a computation.
    pub approx: bool,
    /// A change (`tăng 12.600 hồ sơ`, `giảm 43 tổ dân phố`), not a level.
    pub change: bool,
    /// A running total (`lũy kế`): never a part of a period's figure.
    pub cumulative: bool,
    /// Parenthesis depth.
    pub depth: u16,
    /// Sentence index in the paragraph.
    pub sent: usize,
    /// Clause index within the sentence.
    pub clause: usize,
}

impl Mention {
    /// Whether it is an `a/b` fraction.
    pub fn is_fraction(&self) -> bool {
        self.num.b.is_some()
    }

    /// A count or an amount that can take part in a sum (not a percentage, not approximate, not a
    /// change, not a length of time).
    pub fn is_plain(&self) -> bool {
        !self.num.percent
            && !self.approx
            && !self.change
            && !self.unit.is_some_and(|u| u.is_descriptive())
    }
}

/// The clauses of a sentence, read as a slice of token ranges. Most sentences have one or two:
/// they are kept inline, without an allocation per sentence; more spill into a `Vec`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clauses {
    inline: [Range<usize>; 2],
    len: u8,
    spill: Vec<Range<usize>>,
}

impl Clauses {
    fn push(&mut self, r: Range<usize>) {
        let n = usize::from(self.len);
        if self.spill.is_empty() && n < self.inline.len() {
            self.inline[n] = r;
            self.len += 1;
        } else {
            if self.spill.is_empty() {
                self.spill.extend(self.inline.iter().cloned());
            }
            self.spill.push(r);
        }
    }
}

impl std::ops::Deref for Clauses {
    type Target = [Range<usize>];

    fn deref(&self) -> &[Range<usize>] {
        if self.spill.is_empty() {
            &self.inline[..usize::from(self.len)]
        } else {
            &self.spill
        }
    }
}

/// A sentence: a token range, its clauses (split at `;` outside parentheses) and its mentions.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub toks: Range<usize>,
    pub clauses: Clauses,
    pub mentions: Range<usize>,
    /// Starts with `Trong đó`, `Cụ thể`, `Kết quả`, `Theo đó`: continues the sentence before.
    pub cont: bool,
}

/// A paragraph, tokenised and analysed.
#[derive(Debug)]
pub(crate) struct Doc<'p> {
    pub para: &'p Paragraph,
    /// The paragraph lower-cased, byte for byte aligned with its text (empty when not read).
    low: String,
    pub toks: Vec<Token>,
    pub depth: Vec<u16>,
    pub sents: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    /// The bullet character the paragraph starts with (`-`, `+`, `*`, `•`), if any.
    pub bullet: Option<char>,
}

/// Words after which a number names something (`số 363`, `Điều 13`, `lần thứ 2`, `năm 2024`).
fn is_code_prefix(w: &str) -> bool {
    matches!(
        w,
        "số" | "điều"
            | "khoản"
            | "điểm"
            | "mục"
            | "chương"
            | "phần"
            | "thứ"
            | "lần"
            | "khóa"
            | "khoá"
            | "phiên"
            | "quý"
            | "tháng"
            | "ngày"
            | "năm"
            | "đợt"
            | "vòng"
            | "loại"
            | "kỳ"
            | "tuần"
            | "hạng"
            | "nhóm"
            | "lô"
            | "tầng"
            | "phòng"
            | "km"
            | "lộ"
            | "bản"
            | "mức"
            | "độ"
    )
}

/// Two-word names a number follows (`Đề án 06`, `Nghị quyết 57`).
fn is_code_prefix2(w1: &str, w2: &str) -> bool {
    matches!(
        (w1, w2),
        ("nghị", "quyết")
            | ("quyết", "định")
            | ("nghị", "định")
            | ("công", "văn")
            | ("thông", "tư")
            | ("chỉ", "thị")
            | ("kế", "hoạch")
            | ("thông", "báo")
            | ("báo", "cáo")
            | ("tờ", "trình")
            | ("kết", "luận")
            | ("đề", "án")
            | ("chương", "trình")
    )
}

/// Words before a date (`ngày 16/9`, `tháng 9/2024`, `từ 05/8`).
fn is_date_prefix(w: &str) -> bool {
    matches!(
        w,
        "ngày"
            | "tháng"
            | "từ"
            | "đến"
            | "hết"
            | "sáng"
            | "chiều"
            | "tối"
            | "trưa"
            | "vào"
            | "trước"
            | "sau"
            | "đêm"
            | "hôm"
            | "tới"
    )
}

/// Words before an approximate figure (`gần 150`, `hơn 600`, `xấp xỉ 10`).
fn is_approx(w1: &str, w2: &str) -> bool {
    matches!(
        w2,
        "gần" | "hơn" | "khoảng" | "ước" | "ngót" | "chừng" | "tầm" | "dưới" | "hàng" | "vài"
    ) || matches!(
        (w1, w2),
        ("xấp", "xỉ") | ("tối", "thiểu") | ("tối", "đa") | ("ít", "nhất") | ("gần", "như")
    )
}

/// Whether the words at `w1 w2` end the description on the right of a figure.
fn stops_right(w1: &str, w2: &str) -> bool {
    matches!(
        w1,
        "trên" | "đạt" | "chiếm" | "tăng" | "giảm" | "gồm" | "với" | "là" | "và"
    ) || matches!((w1, w2), ("so", "với") | ("trong", "đó") | ("bao", "gồm"))
        // `từ 300 thôn xuống 255`, but `trở lên`.
        || (matches!(w1, "xuống" | "lên" | "còn") && w2.starts_with(|c: char| c.is_ascii_digit()))
}

const CHANGE: &[Phrase] = &[
    &["tăng"],
    &["giảm"],
    &["vượt"],
    &["so", "với"],
    &["cao", "hơn"],
    &["thấp", "hơn"],
    &["nhiều", "hơn"],
    &["ít", "hơn"],
    &["chênh"],
];

const CUMULATIVE: &[Phrase] = &[&["lũy", "kế"], &["luỹ", "kế"]];

const CONTINUES: &[Phrase] = &[
    &["trong", "đó"],
    &["cụ", "thể"],
    &["kết", "quả"],
    &["theo", "đó"],
];

/// Whether one of `phrases` occurs in the words `tail`.
fn tail_matches(tail: &[&[u8]], phrases: &[Phrase]) -> bool {
    phrases.iter().any(|p| {
        !p.is_empty()
            && tail.len() >= p.len()
            && tail
                .windows(p.len())
                .any(|w| w.iter().zip(p.iter()).all(|(a, b)| *a == b.as_bytes()))
    })
}

impl<'p> Doc<'p> {
    /// Analyses a paragraph. A paragraph without a digit states no figure: it is not read
    /// further.
    pub fn new(para: &'p Paragraph) -> Doc<'p> {
        // A paragraph longer than any a report holds (a paste gone wrong) is not read: every
        // rule works within a paragraph, so this keeps the whole linear in the input.
        let read = para.text.len() <= MAX_PARAGRAPH_BYTES && may_state_a_figure(&para.text);
        let (toks, low) = if read {
            tokenize_lower(&para.text)
        } else {
            (Vec::new(), String::new())
        };
        let mut depth = Vec::with_capacity(toks.len());
        let mut d = 0u16;
        for t in &toks {
            match t.kind {
                Kind::Punct('(') => {
                    depth.push(d);
                    d = d.saturating_add(1);
                }
                Kind::Punct(')') => {
                    d = d.saturating_sub(1);
                    depth.push(d);
                }
                _ => depth.push(d),
            }
        }
        let bullet = toks.first().and_then(|t| match t.kind {
            Kind::Punct(c @ ('-' | '+' | '*' | '•' | '–' | '●' | '▪')) => Some(c),
            _ => None,
        });
        let mut doc = Doc {
            para,
            low,
            toks,
            depth,
            sents: Vec::new(),
            mentions: Vec::new(),
            bullet,
        };
        doc.split_sentences();
        doc.find_mentions();
        doc
    }

    /// The lower-case text of token `i` (empty past the end, so that looking ahead never
    /// panics).
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.low[t.start..t.end],
            None => "",
        }
    }

    /// The text as printed from token `a` to the end of token `b - 1`.
    pub fn text(&self, r: Range<usize>) -> &str {
        if r.start >= r.end || r.end > self.toks.len() {
            return "";
        }
        &self.para.text[self.toks[r.start].start..self.toks[r.end - 1].end]
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        matches!(self.toks.get(i), Some(Token { kind: Kind::Punct(p), .. }) if *p == c)
    }

    fn is_word(&self, i: usize) -> bool {
        matches!(
            self.toks.get(i),
            Some(Token {
                kind: Kind::Word,
                ..
            })
        )
    }

    /// Whether the lower-case text of token `i` is `w` (`self.word(i) == w`), compared as bytes:
    /// the length first, which most words fail. Runs for every token a phrase is looked for at.
    #[inline]
    fn word_is(&self, i: usize, w: &str) -> bool {
        match self.toks.get(i) {
            Some(t) => &self.low.as_bytes()[t.start..t.end] == w.as_bytes(),
            None => w.is_empty(),
        }
    }

    /// Where `phrase` occurs in `r` (tokens at `depth` only), as the index of its first token.
    pub fn find(&self, r: Range<usize>, depth: Option<u16>, phrase: Phrase) -> Option<usize> {
        let (first, rest) = phrase.split_first()?;
        let keep = |i: usize| depth.map_or(true, |d| self.depth[i] == d);
        let end = r.end.min(self.toks.len());
        r.clone().filter(|&i| keep(i)).find(|&i| {
            if !self.word_is(i, first) {
                return false;
            }
            // The rest of the phrase on the following tokens at the same depth.
            let mut j = i + 1;
            rest.iter().all(|w| {
                while j < end && !keep(j) {
                    j += 1;
                }
                let ok = j < end && self.word_is(j, w);
                j += 1;
                ok
            })
        })
    }

    /// Whether any of `phrases` occurs in `r` at `depth`.
    pub fn has_any(&self, r: Range<usize>, depth: Option<u16>, phrases: &[Phrase]) -> bool {
        phrases
            .iter()
            .any(|p| self.find(r.clone(), depth, p).is_some())
    }

    /// Whether the last `n` words (at `depth`) of `r` contain one of `phrases`.
    pub fn tail_has(&self, r: Range<usize>, depth: u16, n: usize, phrases: &[Phrase]) -> bool {
        let mut buf = [&[][..]; 8];
        let tail = self.tail_words(r, depth, n, &mut buf);
        tail_matches(tail, phrases)
    }

    /// The lower-case bytes of the last `n` (at most 8) tokens at `depth` of `r`, in order, into
    /// `buf`: read once for all the phrases looked for, without allocating (this runs for every
    /// figure).
    fn tail_words<'a>(
        &'a self,
        r: Range<usize>,
        depth: u16,
        n: usize,
        buf: &'a mut [&'a [u8]; 8],
    ) -> &'a [&'a [u8]] {
        let mut k = 0;
        if !r.is_empty() {
            let low = self.low.as_bytes();
            for i in r.rev() {
                if k == n.min(8) {
                    break;
                }
                if self.depth[i] == depth {
                    // `r` holds no index past the tokens (`depth[i]` was read).
                    let t = &self.toks[i];
                    buf[k] = &low[t.start..t.end];
                    k += 1;
                }
            }
        }
        let tail = &mut buf[..k];
        tail.reverse();
        tail
    }

    /// The sentence containing token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sents
            .partition_point(|s| s.toks.end <= i)
            .min(self.sents.len().saturating_sub(1))
    }

    /// Whether any of `phrases` is in the item of `m` (at its depth, the number itself left
    /// out).
    pub fn item_has(&self, m: &Mention, phrases: &[Phrase]) -> bool {
        self.has_any(m.gap_start..m.right_end, Some(m.depth), phrases)
    }

    /// The words of mention `m`'s item (left words, unit, right words, at its depth), into
    /// `out` (cleared first): a buffer reused from figure to figure.
    pub fn item_words<'d>(&'d self, m: &Mention, out: &mut Vec<&'d str>) {
        out.clear();
        for i in m.gap_start..m.right_end {
            if i != m.tok && self.depth[i] == m.depth {
                out.push(self.word(i));
            }
        }
    }

    /// The clause of mention `m` as a token range.
    pub fn clause_of(&self, m: &Mention) -> Range<usize> {
        self.sents[m.sent].clauses[m.clause].clone()
    }

    fn split_sentences(&mut self) {
        let n = self.toks.len();
        let mut start = 0;
        let mut i = 0;
        while i < n {
            let end_mark = matches!(self.toks[i].kind, Kind::Punct('.' | '!' | '?' | '…'));
            if end_mark {
                // A run of marks ends where the next token is not a mark.
                let mut j = i;
                while j + 1 < n && matches!(self.toks[j + 1].kind, Kind::Punct('.' | '…')) {
                    j += 1;
                }
                let next_starts = j + 1 >= n || {
                    let t = &self.toks[j + 1];
                    let c = self.para.text[t.start..].chars().next().unwrap_or(' ');
                    !(c.is_lowercase() || matches!(c, ',' | ';' | ')' | ':'))
                };
                if next_starts {
                    self.push_sentence(start..j + 1);
                    start = j + 1;
                }
                i = j + 1;
                continue;
            }
            i += 1;
        }
        if start < n {
            self.push_sentence(start..n);
        }
    }

    fn push_sentence(&mut self, toks: Range<usize>) {
        let mut clauses = Clauses::default();
        let mut cs = toks.start;
        // Runs over every token of the paragraph: the token and depth slices are walked
        // together, without an index check per token.
        let spans = self.toks[toks.clone()]
            .iter()
            .zip(&self.depth[toks.clone()]);
        for (i, (t, &d)) in (toks.start..).zip(spans) {
            if matches!(t.kind, Kind::Punct(';')) && d == 0 {
                clauses.push(cs..i + 1);
                cs = i + 1;
            }
        }
        if cs < toks.end || clauses.is_empty() {
            clauses.push(cs..toks.end);
        }
        // Skip a bullet or asterisks before the first word.
        let first = toks
            .clone()
            .find(|&i| self.is_word(i))
            .unwrap_or(toks.start);
        let cont = CONTINUES.iter().any(|p| {
            p.iter()
                .enumerate()
                .all(|(j, w)| first + j < toks.end && self.word_is(first + j, w))
        });
        self.sents.push(Sentence {
            toks,
            clauses,
            mentions: 0..0,
            cont,
        });
    }

    /// The number token that number token `i` opens a range to (`70% - dưới 100%`, `từ 10 đến
    /// 15`): two or three tokens on.
    fn range_to(&self, i: usize) -> Option<usize> {
        let n = self.toks.len();
        let is_num = |i: usize| i < n && matches!(self.toks[i].kind, Kind::Num(_));
        if !is_num(i) {
            return None;
        }
        let mut j = i + 1;
        let dash = self.is_punct(j, '-') || self.is_punct(j, '–');
        let den = j < n && self.word_is(j, "đến") && i > 0 && self.word_is(i - 1, "từ");
        if !(dash || den) {
            return None;
        }
        j += 1;
        if j < n && matches!(self.word(j), "dưới" | "trên" | "đến") {
            j += 1;
        }
        is_num(j).then_some(j)
    }

    /// Whether number token `i` is an end of a range: it opens one, or the number two or three
    /// tokens before opens one to it. Asked for number tokens only, no table over the paragraph.
    fn is_range_end(&self, i: usize) -> bool {
        self.range_to(i).is_some()
            || (i >= 2 && self.range_to(i - 2) == Some(i))
            || (i >= 3 && self.range_to(i - 3) == Some(i))
    }

    fn unit_after(&self, i: usize) -> Option<(&'static Unit, usize)> {
        // Every unit starts with a word (not a number, a code or punctuation): the token after
        // most figures (`,`, `.`, `)`) is told at once, without reading six words and hashing.
        if !self.is_word(i) {
            return None;
        }
        let mut buf = [""; 6];
        let n = (self.toks.len().saturating_sub(i)).min(6);
        for (k, w) in buf.iter_mut().enumerate().take(n) {
            *w = self.word(i + k);
        }
        let words = &buf[..n];
        let (u, n) = unit_at(words)?;
        // `đồng` is money, but `đồng thời`, `đồng bộ`, `đồng chí` are not.
        let compound = u.words == ["đồng"]
            && matches!(
                words.get(1).copied(),
                Some(
                    "thời"
                        | "bộ"
                        | "chí"
                        | "ý"
                        | "hành"
                        | "đều"
                        | "loạt"
                        | "nghiệp"
                        | "tình"
                        | "thuận"
                        | "bào"
                        | "dạng"
                        | "nhất"
                        | "tâm"
                        | "cảm"
                        | "lòng"
                        | "minh"
                        | "phục"
                        | "khởi"
                        | "ca"
                        | "hồ"
                        | "ruộng"
                        | "bằng"
                )
            );
        (!compound).then_some((u, n))
    }

    fn prev_word(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.word(i - 1)
        }
    }

    /// Whether number token `i` cannot be a quantity whatever follows it: a date, a label, a
    /// document number, an ordinal. Checked before anything else is read.
    fn is_code(&self, i: usize, shape: &Shape) -> bool {
        if shape.parts >= 3 {
            return true;
        }
        // A label opening the paragraph or a bullet: `1.`, `2)`; `(1)` anywhere.
        let at_start = i == 0 || (i == 1 && self.bullet.is_some());
        if at_start && (self.is_punct(i + 1, '.') || self.is_punct(i + 1, ')')) {
            return true;
        }
        // `(1)`, `(2)`: a small whole number alone in parentheses (`(73,05%)` is a figure).
        let small = shape.parts == 1
            && !shape.percent
            && shape
                .small(&self.para.text, self.toks[i].start, 0)
                .is_some_and(|(_, n)| n <= 2);
        if small && i > 0 && self.is_punct(i - 1, '(') && self.is_punct(i + 1, ')') {
            return true;
        }
        // Glued after a slash: `III/2024`.
        if i > 0 && self.is_punct(i - 1, '/') && self.toks[i - 1].end == self.toks[i].start {
            return true;
        }
        let prev = self.prev_word(i);
        let prev2 = if i >= 2 { self.word(i - 2) } else { "" };
        if shape.parts == 2 && is_date_prefix(prev) {
            return true;
        }
        if is_code_prefix(prev) {
            // `tổng số 74.501`, `với số tiền`: a count after all.
            return !(prev == "số" && matches!(prev2, "tổng" | "với"));
        }
        is_code_prefix2(prev2, prev)
    }

    /// Whether number token `i`, not a code, is a quantity given the unit after it: a fraction
    /// needs a unit (`20/30 cơ quan`; `16/9` alone is a date), a year is not a quantity.
    fn is_quantity(&self, i: usize, shape: &Shape, unit: Option<&Unit>) -> bool {
        let start = self.toks[i].start;
        let year = |k: usize| {
            shape
                .small(&self.para.text, start, k)
                .is_some_and(|(v, n)| n == 4 && (1900..=2100).contains(&v))
        };
        let descriptive = unit.is_some_and(|u| u.is_descriptive());
        if self.prev_word(i) == "cấp" && unit.is_none() {
            return false;
        }
        if shape.parts == 2 {
            return unit.is_some() && !descriptive && !year(1);
        }
        !(year(0) && !shape.percent && (unit.is_none() || descriptive))
    }

    // Kept out of line: one call per paragraph, and a function of its own in a profile.
    #[inline(never)]
    fn find_mentions(&mut self) {
        let n = self.toks.len();
        let mut mentions: Vec<Mention> = Vec::new();
        let mut opens: Vec<usize> = Vec::new();
        for (si, sent) in self.sents.iter().enumerate() {
            let first_mention = mentions.len();
            for (ci, clause) in sent.clauses.iter().enumerate() {
                // The open parentheses of the clause so far.
                opens.clear();
                for i in clause.clone() {
                    match self.toks[i].kind {
                        Kind::Punct('(') => opens.push(i),
                        Kind::Punct(')') => {
                            opens.pop();
                        }
                        _ => {}
                    }
                    let Kind::Num(shape) = self.toks[i].kind else {
                        continue;
                    };
                    if self.is_range_end(i) || self.is_code(i, &shape) {
                        continue;
                    }
                    let found = if shape.percent {
                        None
                    } else {
                        self.unit_after(i + 1)
                    };
                    let unit = found.map(|(u, _)| u);
                    if !self.is_quantity(i, &shape, unit) {
                        continue;
                    }
                    let Some(num) = shape.read(&self.para.text, self.toks[i].start) else {
                        continue;
                    };
                    let unit_end = i + 1 + found.map_or(0, |(_, k)| k);
                    let depth = self.depth[i];
                    // The left words: since the previous visible mention, the clause start or
                    // the opening parenthesis.
                    let open = opens
                        .last()
                        .filter(|&&k| self.depth[k] + 1 == depth)
                        .map(|k| k + 1);
                    let label_mode = i > 0 && self.is_punct(i - 1, ':');
                    let prev_end = mentions[first_mention..]
                        .iter()
                        .rev()
                        .find(|m| m.clause == ci && m.depth <= depth)
                        .map(|m| m.right_end);
                    let mut gap_start = clause.start.max(open.unwrap_or(0));
                    if !label_mode {
                        gap_start = gap_start.max(prev_end.unwrap_or(0));
                    }
                    // The right words.
                    let mut right_end = unit_end;
                    while right_end < n.min(clause.end) {
                        let t = &self.toks[right_end];
                        let stop = match t.kind {
                            Kind::Num(_) => true,
                            Kind::Punct(c) => {
                                matches!(c, ',' | ';' | '(' | ')' | ':' | '.' | '!' | '?' | '…')
                            }
                            _ => stops_right(self.word(right_end), self.word(right_end + 1)),
                        };
                        if stop {
                            break;
                        }
                        right_end += 1;
                    }
                    let prev = self.prev_word(i);
                    // `trên` right after another figure's words is "out of" (`A trên B`);
                    // anywhere else it is "more than".
                    let out_of = prev == "trên" && prev_end == Some(i - 1);
                    // `5,65 ngàn hồ sơ`, `84,5 triệu hồ sơ`: a count rounded to a magnitude (money
                    // in `nghìn đồng`, `tỷ đồng` is a unit of its own).
                    let magnitude = !unit.is_some_and(|u| u.is_money())
                        && matches!(self.word(i + 1), "ngàn" | "nghìn" | "triệu" | "tỷ" | "tỉ");
                    let approx = is_approx(if i >= 2 { self.word(i - 2) } else { "" }, prev)
                        || (prev == "trên" && !out_of)
                        || magnitude;
                    let gap = gap_start..i;
                    // `tăng 30 hồ sơ` is a change; `giảm từ 300 xuống 255` states two levels;
                    // `tăng cường` (strengthen) is no change of a figure.
                    // The last 8 words of the gap at the figure's depth, read once: the last 6
                    // say a change, the last 8 a running total.
                    let mut buf = [&[][..]; 8];
                    let tail8 = self.tail_words(gap.clone(), depth, 8, &mut buf);
                    let tail6 = &tail8[tail8.len().saturating_sub(6)..];
                    let mut change = tail_matches(tail6, CHANGE)
                        && !tail_matches(tail6, &[&["tăng", "cường"]])
                        && !matches!(prev, "từ" | "lên" | "xuống" | "còn");
                    if !change {
                        // `tăng 12.600 hồ sơ và 3,28%`: a figure coordinated with a change.
                        let only_and = gap.clone().all(|k| {
                            self.depth[k] != depth
                                || matches!(self.word(k), "và" | "," | "hoặc" | "cùng")
                        });
                        let prev_change = mentions[first_mention..]
                            .iter()
                            .rev()
                            .find(|m| m.clause == ci && m.depth == depth)
                            .is_some_and(|m| m.change && m.right_end == gap_start);
                        change = only_and && prev_change && gap_start < i;
                    }
                    let cumulative = tail_matches(tail8, CUMULATIVE);
                    mentions.push(Mention {
                        id: mentions.len(),
                        tok: i,
                        unit_end,
                        right_end,
                        gap_start,
                        num,
                        unit,
                        approx,
                        change,
                        cumulative,
                        depth,
                        sent: si,
                        clause: ci,
                    });
                }
            }
            let _ = first_mention;
        }
        // Sentence → mention ranges.
        let mut k = 0;
        for (si, s) in self.sents.iter_mut().enumerate() {
            let start = k;
            while k < mentions.len() && mentions[k].sent == si {
                k += 1;
            }
            s.mentions = start..k;
        }
        self.mentions = mentions;
    }

    /// Whether mention `m` says what it counts: a unit follows, or nothing but punctuation does
    /// (`cấp tỉnh 1.664,`, `…: 09`). `5 biết, 5 rõ` count words, not things: such a figure is
    /// never a whole or a part.
    pub fn described(&self, m: &Mention) -> bool {
        m.unit.is_some() || !matches!(self.toks.get(m.tok + 1).map(|t| t.kind), Some(Kind::Word))
    }

    /// The mentions of sentence `s`.
    pub fn sentence_mentions(&self, s: usize) -> &[Mention] {
        &self.mentions[self.sents[s].mentions.clone()]
    }

    /// The input line of token `i`.
    pub fn line_of(&self, i: usize) -> usize {
        self.para
            .line_at(self.toks[i.min(self.toks.len() - 1)].start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narrative::prose::paragraphs;
    use crate::report::Line;

    fn doc_of(text: &str) -> Vec<(String, Option<&'static str>, bool, bool)> {
        let paras = paragraphs(&[Line {
            number: 1,
            text: text.into(),
        }]);
        let d = Doc::new(&paras[0]);
        d.mentions
            .iter()
            .map(|m| {
                (
                    d.text(m.tok..m.tok + 1).to_string(),
                    m.unit.map(|u| u.class),
                    m.approx,
                    m.change,
                )
            })
            .collect::<Vec<_>>()
    }

    #[test]
    fn only_quantities_are_mentions() {
        let m = doc_of(
            "Thông báo số 363/TB-VPCP ngày 06/8/2024, Đề án 06, lần thứ 2, năm 2024, \
             từ 70% - dưới 100% chi thường xuyên, tháng 9/2024, từ ngày 16/9 đến hết năm 2024, \
             đã kiểm tra 20/30 cơ quan, gần 150 đại biểu, tăng 12.600 hồ sơ và 3,28%.",
        );
        let got: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(got, ["20/30", "150", "12.600", "3,28%"]);
        assert_eq!(m[0].1, Some("agency"));
        assert!(m[1].2);
        assert!(m[2].3 && m[3].3);
    }

    #[test]
    fn sentences_and_clauses() {
        let paras = paragraphs(&[Line {
            number: 1,
            text: "Tiếp nhận 10 hồ sơ; giải quyết 8 hồ sơ (gồm 5 hồ sơ; 3 hồ sơ). Trong đó: a 1 hồ sơ... Năm sau.".into(),
        }]);
        let d = Doc::new(&paras[0]);
        assert_eq!(d.sents.len(), 3);
        assert_eq!(d.sents[0].clauses.len(), 2);
        assert!(d.sents[1].cont);
        assert_eq!(d.sentence_mentions(0).len(), 4);
    }
}
