//! A set of phrases found in one pass: every phrase of the concepts gets an id, and a paragraph
//! is scanned once for all of them, so that asking "does this clause say `đúng hạn`?" for every
//! figure and every concept is a binary search, not a scan.

use super::scan::Doc;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// A phrase: lower-case token texts, kept for the life of the program.
pub(crate) type Words = &'static [&'static str];

/// A small multiplicative hasher for short words: the default one is built to resist
/// adversarial keys, which a fixed lexicon does not need.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by words: the one hash map type of the module (each more would be more code in
/// the Wasm module).
pub(crate) type WordMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<WordHasher>>;

/// Phrases with ids, indexed by their first word.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    phrases: Vec<Words>,
    first: WordMap<'static, Vec<u16>>,
}

impl Lexicon {
    /// The id of `phrase`, adding it if new.
    pub fn intern(&mut self, phrase: Words) -> u16 {
        // A scan: a few hundred phrases, interned once.
        if let Some(id) = self.phrases.iter().position(|p| *p == phrase) {
            return id as u16;
        }
        let id = u16::try_from(self.phrases.len()).expect("fewer than 65536 phrases");
        self.phrases.push(phrase);
        if let Some(first) = phrase.first() {
            self.first.entry(first).or_default().push(id);
        }
        id
    }

    /// Every occurrence of every phrase in `doc`, by phrase: the first token and the length of
    /// each, in the order of the text.
    pub fn scan(&self, doc: &Doc) -> Occurrences {
        let mut at: Vec<Vec<(u32, u32)>> = vec![Vec::new(); self.phrases.len()];
        for i in 0..doc.toks.len() {
            if doc.toks[i].kind != super::token::Kind::Word {
                continue;
            }
            let Some(ids) = self.first.get(doc.word(i)) else {
                continue;
            };
            for &id in ids {
                let p = self.phrases[id as usize];
                if p.iter().enumerate().all(|(j, w)| doc.word(i + j) == *w) {
                    at[id as usize].push((i as u32, p.len() as u32));
                }
            }
        }
        Occurrences(at)
    }
}

/// Where the phrases of a lexicon occur in one paragraph.
#[derive(Debug)]
pub(crate) struct Occurrences(Vec<Vec<(u32, u32)>>);

impl Occurrences {
    /// The occurrences of phrase `id` starting in `r`: (first token, length).
    fn of(&self, id: u16, r: &Range<usize>) -> impl Iterator<Item = (usize, usize)> + '_ {
        let at = &self.0[id as usize];
        let from = at.partition_point(|&(t, _)| (t as usize) < r.start);
        let end = r.end;
        at[from..]
            .iter()
            .take_while(move |&&(t, _)| (t as usize) < end)
            .map(|&(t, n)| (t as usize, n as usize))
    }

    /// Whether phrase `id` lies wholly inside `r`.
    pub fn within(&self, id: u16, r: &Range<usize>) -> bool {
        self.of(id, r).any(|(t, n)| t + n <= r.end)
    }

    /// Whether phrase `id` lies inside `r` on tokens that all pass `keep`.
    pub fn within_where(&self, id: u16, r: &Range<usize>, keep: impl Fn(usize) -> bool) -> bool {
        self.of(id, r)
            .any(|(t, n)| t + n <= r.end && (t..t + n).all(&keep))
    }
}
