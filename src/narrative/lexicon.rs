//! A set of phrases found in one pass: every phrase of the concepts gets an id, a paragraph is
//! scanned once for all of them, and each stretch of text the concepts look at (a figure's own
//! words, a clause, a sentence, the paragraph) becomes a set of phrase ids, so that asking "does
//! this clause say `đúng hạn`?" for every figure and every concept is a bit test.

use super::scan::Doc;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// A phrase: lower-case token texts, kept for the life of the program.
pub(crate) type Words = &'static [&'static str];

/// A small multiplicative hasher for short words (the `FxHash` step): the default one is built
/// to resist adversarial keys, which a fixed lexicon does not need. It runs for every word of
/// every paragraph, so it takes eight bytes at a time: most words are one step, plus the end
/// marker `str` hashing adds.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(c);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The table picks a bucket with the low bits, which a multiplication mixes least.
        self.0.rotate_left(26)
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
    /// A filter of the first words (a one-hash Bloom filter on their length, first and last
    /// byte): most words of a paragraph start no phrase, and this rules them out with a few
    /// instructions instead of hashing the word and probing the map.
    maybe_first: [u64; FILTER_WORDS],
}

/// The size of [`Lexicon::maybe_first`] in 64-bit words (1024 bits: a few hundred first words
/// leave most bits clear).
const FILTER_WORDS: usize = 16;

/// The bit of `word` in [`Lexicon::maybe_first`].
#[inline]
fn filter_bit(word: &str) -> usize {
    let b = word.as_bytes();
    let (first, last) = match b {
        [] => (0, 0),
        [f, .., l] => (*f, *l),
        [f] => (*f, *f),
    };
    let sig = u32::from(first) | u32::from(last) << 8 | (b.len() as u32 & 0xff) << 16;
    // The top bits of a multiplication mix all three.
    (sig.wrapping_mul(0x9e37_79b1) >> (32 - 10)) as usize
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
            let bit = filter_bit(first);
            self.maybe_first[bit / 64] |= 1 << (bit % 64);
        }
        id
    }

    /// Every occurrence of every phrase in `doc`, in the order of the text.
    pub fn scan(&self, doc: &Doc) -> Occurrences {
        // Sized for the usual count of occurrences (well under one token in four): one
        // allocation for most paragraphs.
        let mut found = Vec::with_capacity(doc.toks.len() / 4);
        for (i, t) in doc.toks.iter().enumerate() {
            if t.kind != super::token::Kind::Word {
                continue;
            }
            let word = doc.word(i);
            let bit = filter_bit(word);
            if self.maybe_first[bit / 64] & 1 << (bit % 64) == 0 {
                continue;
            }
            let Some(ids) = self.first.get(word) else {
                continue;
            };
            for &id in ids {
                let p = self.phrases[id as usize];
                // The first word is the key just looked up; a token's length in bytes (the
                // same in the lower-case text) rules most other words out before their text
                // is read.
                let rest = p.get(1..).unwrap_or(&[]);
                let same = |(j, w): (usize, &&str)| {
                    doc.toks
                        .get(i + 1 + j)
                        .is_some_and(|t| t.end - t.start == w.len())
                        && doc.word(i + 1 + j) == *w
                };
                if rest.iter().enumerate().all(same) {
                    found.push(Occurrence {
                        id,
                        start: i as u32,
                        end: (i + p.len()) as u32,
                    });
                }
            }
        }
        Occurrences(found)
    }

    /// How many phrases there are.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }
}

/// One occurrence of a phrase: its id and its tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Occurrence {
    pub id: u16,
    pub start: u32,
    pub end: u32,
}

/// The occurrences of the lexicon's phrases in one paragraph, in the order of the text.
#[derive(Debug)]
pub(crate) struct Occurrences(pub Vec<Occurrence>);

impl Occurrences {
    /// The phrases lying wholly inside tokens `r` on tokens that all pass `keep`.
    pub fn set(&self, r: &Range<usize>, keep: impl Fn(usize) -> bool) -> Set {
        let mut set = Set::default();
        let from = self.0.partition_point(|o| (o.start as usize) < r.start);
        for o in &self.0[from..] {
            if o.start as usize >= r.end {
                break;
            }
            if o.end as usize <= r.end && (o.start as usize..o.end as usize).all(&keep) {
                set.insert(o.id);
            }
        }
        set
    }
}

/// The most phrases a lexicon holds.
pub(crate) const MAX_PHRASES: usize = 64 * SET_WORDS;
const SET_WORDS: usize = 8;

/// A set of phrase ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Set([u64; SET_WORDS]);

impl Set {
    /// Adds `id`.
    pub fn insert(&mut self, id: u16) {
        self.0[id as usize / 64] |= 1 << (id % 64);
    }

    /// The set of `ids`.
    pub fn of(ids: &[u16]) -> Set {
        let mut s = Set::default();
        for &id in ids {
            s.insert(id);
        }
        s
    }

    /// Whether the two sets share a phrase.
    pub fn meets(&self, other: &Set) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }

    /// The union.
    pub fn or(mut self, other: &Set) -> Set {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
        self
    }
}
