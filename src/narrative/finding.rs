//! What a narrative check found, before it becomes a [`Check`]: the status, the words quoted, the
//! figures, and helpers to print them the Vietnamese way.

use super::scan::{Doc, Mention};
use crate::interval::Interval;
use crate::number::{format_vi, Figure};
use crate::outcome::{Check, Kind, Status};
use rust_decimal::Decimal;
use std::ops::Range;

/// The longest quote, in characters; longer ones keep their start and end around an ellipsis.
const QUOTE_CHARS: usize = 240;

/// One finding.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub status: Status,
    /// What was checked, for the id: `ratio`, `sum`, `part`, `remainder`, `change`, `count`,
    /// `bound`, `table`.
    pub what: &'static str,
    pub line: usize,
    pub quote: String,
    pub cells: Vec<String>,
    pub reported: Option<String>,
    pub expected: Option<String>,
    pub imbalance: Option<String>,
    pub formula: Option<String>,
    pub message: String,
    /// The number tokens it used, as (paragraph, token): a statement checked once is not checked
    /// again by a weaker rule.
    pub uses: Vec<(usize, usize)>,
    /// For a comparison with a table, what the text asserts about its cells.
    pub claim: Option<crate::locate::Claim>,
}

impl Finding {
    /// A finding about `doc`'s tokens `quoted`, using `mentions`.
    pub fn new(
        what: &'static str,
        para: usize,
        doc: &Doc,
        quoted: Range<usize>,
        mentions: &[&Mention],
    ) -> Finding {
        Finding {
            status: Status::Na,
            what,
            line: doc.line_of(quoted.start),
            quote: quote(doc, quoted),
            cells: Vec::new(),
            reported: None,
            expected: None,
            imbalance: None,
            formula: None,
            message: String::new(),
            uses: mentions.iter().map(|m| (para, m.tok)).collect(),
            claim: None,
        }
    }

    /// A figure too large for a decimal (28 digits) once scaled or combined: the finding
    /// cannot be evaluated, and says so.
    pub fn too_large(&mut self) {
        self.status = Status::Na;
        self.message = cat(&[
            "Câu «",
            &self.quote,
            "»: số liệu quá lớn để tính (vượt 28 chữ số).",
        ]);
    }

    /// The check of the JSON contract, with its id, and the claim it makes about table cells.
    pub fn into_check(self, id: String) -> (Check, Option<crate::locate::Claim>) {
        let check = Check {
            id,
            kind: Kind::Narrative,
            status: self.status,
            cells: self.cells,
            reported: self.reported,
            expected: self.expected,
            imbalance: self.imbalance,
            formula: self.formula,
            message: self.message.into(),
            inferred: false,
            line: Some(self.line),
            quote: Some(self.quote),
            suggestions: Vec::new(),
        };
        (check, self.claim)
    }
}

/// The words of tokens `r`, trimmed of punctuation at both ends, with `…` where the sentence goes
/// on, and shortened in the middle when too long.
pub(crate) fn quote(doc: &Doc, r: Range<usize>) -> String {
    let sent = &doc.sents[doc.sentence_of(r.start)].toks;
    let mut start = r.start;
    let mut end = r.end.min(doc.toks.len());
    let lead_punct = |i: usize| {
        matches!(
            doc.toks[i].kind,
            super::token::Kind::Punct(c) if !matches!(c, '(' | '“' | '"')
        )
    };
    while start < end && lead_punct(start) {
        start += 1;
    }
    while end > start
        && matches!(doc.toks[end - 1].kind, super::token::Kind::Punct(c) if matches!(c, ',' | ';' | ':' | '.' | '-'))
    {
        end -= 1;
    }
    // Close a parenthesis the quote opened. One pass over the token kinds (a bracket is its own
    // punctuation token), no text compared.
    let (mut open, mut close) = (0usize, 0usize);
    for t in &doc.toks[start..end] {
        match t.kind {
            super::token::Kind::Punct('(') => open += 1,
            super::token::Kind::Punct(')') => close += 1,
            _ => {}
        }
    }
    let opened = open.saturating_sub(close);
    let first_word = (sent.start..sent.end)
        .find(|&i| {
            matches!(
                doc.toks[i].kind,
                super::token::Kind::Word | super::token::Kind::Num(_)
            )
        })
        .unwrap_or(sent.start);
    let before = start > first_word;
    let after = end < sent.end
        && (end..sent.end).any(|i| !matches!(doc.toks[i].kind, super::token::Kind::Punct(_)));
    let text = doc.text(start..end);
    // Runs for every finding: one allocation for the usual quote, short enough to keep whole
    // (no more bytes than the limit in characters means no more characters either).
    let mut out;
    if text.len() + opened <= QUOTE_CHARS || text.chars().count() + opened <= QUOTE_CHARS {
        out = String::with_capacity(text.len() + opened + 2 * '…'.len_utf8());
        if before {
            out.push('…');
        }
        out.push_str(text);
        for _ in 0..opened {
            out.push(')');
        }
    } else {
        let mut whole = String::with_capacity(text.len() + opened);
        whole.push_str(text);
        for _ in 0..opened {
            whole.push(')');
        }
        let short = shorten(&whole);
        out = String::with_capacity(short.len() + 2 * '…'.len_utf8());
        if before {
            out.push('…');
        }
        out.push_str(&short);
    }
    if after {
        out.push('…');
    }
    out
}

/// `text` shortened in the middle when longer than [`QUOTE_CHARS`] characters.
fn shorten(text: &str) -> String {
    let n = text.chars().count();
    if n <= QUOTE_CHARS {
        return text.to_string();
    }
    // The first and last characters as slices of the text (their byte offsets found once), not
    // strings built a character at a time.
    let at = |k: usize| text.char_indices().nth(k).map_or(text.len(), |(b, _)| b);
    let head = &text[..at(QUOTE_CHARS * 2 / 5)];
    let tail = &text[at(n - QUOTE_CHARS * 3 / 5)..];
    let head = head.rsplit_once(' ').map_or(head, |(h, _)| h);
    let tail = tail.split_once(' ').map_or(tail, |(_, t)| t);
    cat(&[head, " … ", tail])
}

/// A figure of the text in the common scale `scale` (powers of ten of đồng; 0 for anything but
/// money): its value and the interval it stands for. Counts and whole đồng are exact; a
/// percentage, an amount in thousands/millions/billions or a figure with decimals is rounded as
/// printed. `None` when the figure in that scale is beyond what a decimal holds (a caller
/// then reports [`Finding::too_large`]).
pub(crate) fn valued(fig: Figure, m: &Mention, scale: u32) -> Option<(Decimal, Interval)> {
    let own = m.unit.map_or(0, |u| u.scale);
    let factor = Decimal::from_i128_with_scale(10i128.pow(own.saturating_sub(scale).min(27)), 0);
    let value = fig.value.checked_mul(factor)?;
    let rounded = m.num.percent || fig.decimals > 0 || own > 0;
    let interval = if rounded {
        let half = Decimal::new(5, fig.decimals.min(27) + 1).checked_mul(factor)?;
        Interval {
            lo: value.checked_sub(half)?,
            hi: value.checked_add(half)?,
        }
    } else {
        Interval::exact(value)
    };
    Some((value, interval))
}

/// The smallest money scale among mentions (0 when none is money).
pub(crate) fn common_scale(ms: &[&Mention]) -> u32 {
    ms.iter()
        .filter_map(|m| m.unit.filter(|u| u.is_money()).map(|u| u.scale))
        .min()
        .unwrap_or(0)
}

/// A figure as printed in the text, with `%` when it is a percentage.
pub(crate) fn printed(fig: Figure, percent: bool) -> String {
    if percent {
        format!("{}%", fig.printed())
    } else {
        fig.printed()
    }
}

/// The unit words as printed after mention `m` (`hồ sơ`, `tỷ đồng`), or `fallback`.
pub(crate) fn unit_text<'a>(doc: &'a Doc, m: &Mention, fallback: &'a str) -> &'a str {
    if m.unit.is_some() {
        doc.text(m.tok + 1..m.unit_end)
    } else {
        fallback
    }
}

/// `value unit` printed in a common scale: `120.561 hồ sơ`, `11.481 tỷ đồng`.
pub(crate) fn amount(value: Decimal, decimals: u32, unit: &str) -> String {
    if unit.is_empty() {
        format_vi(value, decimals)
    } else {
        format!("{} {unit}", format_vi(value, decimals))
    }
}

/// The money unit of a scale, for printing a converted amount.
pub(crate) fn scale_name(scale: u32) -> &'static str {
    match scale {
        0 => "đồng",
        3 => "nghìn đồng",
        6 => "triệu đồng",
        9 => "tỷ đồng",
        _ => "đồng",
    }
}

/// The decimals to print a sum with: the most any part was printed with.
pub(crate) fn decimals_of(figs: &[Figure]) -> u32 {
    figs.iter().map(|f| f.decimals).max().unwrap_or(0)
}

/// The first (or only) figure of mention `m` as printed in the text (`03`, `99,59`), without
/// `%`: officials recognise their own print.
pub(crate) fn raw_a(doc: &Doc, m: &Mention) -> String {
    raw_a_str(doc, m).to_string()
}

/// [`raw_a`] as a slice of the text, for a caller that only prints it.
pub(crate) fn raw_a_str<'d>(doc: &'d Doc, m: &Mention) -> &'d str {
    let t = doc.text(m.tok..m.tok + 1);
    let t = t.find('/').map_or(t, |k| &t[..k]);
    t.trim_end_matches('%').trim()
}

/// The second figure of a fraction `a/b` as printed.
pub(crate) fn raw_b(doc: &Doc, m: &Mention) -> String {
    raw_b_str(doc, m).to_string()
}

/// [`raw_b`] as a slice of the text.
pub(crate) fn raw_b_str<'d>(doc: &'d Doc, m: &Mention) -> &'d str {
    let t = doc.text(m.tok..m.tok + 1);
    let Some(k) = t.find('/') else {
        return "";
    };
    let t = &t[k + 1..];
    let t = t.find('/').map_or(t, |k| &t[..k]);
    t.trim_end_matches('%').trim()
}

/// The pieces joined, in one allocation: for messages built for every finding, where `format!`
/// would grow the string several times.
pub(crate) fn cat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        out.push_str(p);
    }
    out
}
