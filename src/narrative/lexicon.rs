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

type Map<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Phrases with ids, indexed by their first word.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    phrases: Vec<Words>,
    ids: Map<Words, u16>,
    first: Map<&'static str, Vec<u16>>,
}

impl Lexicon {
    /// The id of `phrase`, adding it if new.
    pub fn intern(&mut self, phrase: Words) -> u16 {
        if let Some(&id) = self.ids.get(phrase) {
            return id;
        }
        let id = u16::try_from(self.phrases.len()).expect("fewer than 65536 phrases");
        self.phrases.push(phrase);
        self.ids.insert(phrase, id);
        if let Some(first) = phrase.first() {
            self.first.entry(first).or_default().push(id);
        }
        id
    }

    /// Every occurrence of every phrase in `doc`: (phrase id, first token), sorted.
    pub fn scan(&self, doc: &Doc) -> Occurrences {
        let mut found = Vec::new();
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
                    found.push((id, i as u32, p.len() as u32));
                }
            }
        }
        found.sort_unstable();
        Occurrences(found)
    }
}

/// Where the phrases of a lexicon occur in one paragraph.
#[derive(Debug)]
pub(crate) struct Occurrences(Vec<(u16, u32, u32)>);

impl Occurrences {
    /// The occurrences of phrase `id` starting in `r`: (first token, length).
    fn of(&self, id: u16, r: &Range<usize>) -> impl Iterator<Item = (usize, usize)> + '_ {
        let from = self
            .0
            .partition_point(|&(i, t, _)| (i, t) < (id, r.start as u32));
        let end = r.end;
        self.0[from..]
            .iter()
            .take_while(move |&&(i, t, _)| i == id && (t as usize) < end)
            .map(|&(_, t, n)| (t as usize, n as usize))
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
