//! A set of phrases found in one pass: every phrase of the concepts gets an id, a paragraph is
//! scanned once for all of them, and each stretch of text the concepts look at (a figure's own
//! words, a clause, a sentence, the paragraph) becomes a set of phrase ids, so that asking "does
//! this clause say `đúng hạn`?" for every figure and every concept is a bit test.

use super::scan::Doc;
use std::ops::Range;

/// Phrases with ids, indexed by their first word.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Each phrase: its lower-case token texts.
    phrases: Vec<Vec<Box<str>>>,
    /// Each first word and the phrases it starts, in the order of their ids; once sealed, in
    /// the order of their slot ([`slot`]).
    first: Vec<(Box<str>, Vec<u16>)>,
    /// `first[starts[k]..starts[k + 1]]` are the first words of slot `k`: built by
    /// [`Lexicon::seal`].
    starts: Vec<u16>,
}

/// How many slots the first words fall into: a few hundred first words leave most slots empty.
const SLOTS: usize = 1024;

/// The slot of `word`: a mix of its length and its first and last byte. Runs for every word of
/// a paragraph: most words fall in an empty slot and are ruled out with a few instructions, the
/// others are compared with the one or two first words of their slot (no hashing).
#[inline]
fn slot(word: &str) -> usize {
    let b = word.as_bytes();
    let (first, last) = match b {
        [] => (0, 0),
        [f] => (*f, *f),
        [f, .., l] => (*f, *l),
    };
    let sig = u32::from(first) | u32::from(last) << 8 | (b.len() as u32 & 0xff) << 16;
    // The top bits of a multiplication mix all three.
    (sig.wrapping_mul(0x9e37_79b1) >> (32 - SLOTS.trailing_zeros())) as usize
}

impl Lexicon {
    /// The id of `phrase`, adding it if new.
    pub fn intern<S: AsRef<str>>(&mut self, phrase: &[S]) -> u16 {
        assert!(self.starts.is_empty(), "a phrase added to a sealed lexicon");
        let same = |p: &Vec<Box<str>>| {
            p.len() == phrase.len() && p.iter().zip(phrase).all(|(a, b)| **a == *b.as_ref())
        };
        // A scan: a few hundred phrases, interned once per catalogue.
        if let Some(id) = self.phrases.iter().position(same) {
            return id as u16;
        }
        let id = u16::try_from(self.phrases.len()).expect("fewer than 65536 phrases");
        self.phrases
            .push(phrase.iter().map(|w| w.as_ref().into()).collect());
        if let Some(first) = phrase.first().map(AsRef::as_ref) {
            match self.first.iter_mut().find(|(w, _)| **w == *first) {
                Some((_, ids)) => ids.push(id),
                None => self.first.push((first.into(), vec![id])),
            }
        }
        id
    }

    /// Indexes the first words by slot, once every phrase is in: [`Lexicon::scan`] needs it.
    pub fn seal(&mut self) {
        // Stable: the phrases of one first word keep the order of their ids.
        self.first.sort_by_key(|(w, _)| slot(w));
        let mut starts = Vec::with_capacity(SLOTS + 1);
        let mut k = 0;
        for s in 0..=SLOTS {
            while k < self.first.len() && slot(&self.first[k].0) < s {
                k += 1;
            }
            starts.push(u16::try_from(k).expect("fewer than 65536 first words"));
        }
        self.starts = starts;
    }

    /// Every occurrence of every phrase in `doc`, in the order of the text.
    pub fn scan(&self, doc: &Doc) -> Occurrences {
        assert!(
            !self.starts.is_empty(),
            "a lexicon scanned before it is sealed"
        );
        // Sized for the usual count of occurrences (well under one token in four): one
        // allocation for most paragraphs.
        let mut found = Vec::with_capacity(doc.toks.len() / 4);
        for (i, t) in doc.toks.iter().enumerate() {
            if t.kind != super::token::Kind::Word {
                continue;
            }
            let word = doc.word(i);
            let k = slot(word);
            let (from, to) = (self.starts[k] as usize, self.starts[k + 1] as usize);
            let Some((_, ids)) = self.first[from..to].iter().find(|(w, _)| **w == *word) else {
                continue;
            };
            for &id in ids {
                let p = &self.phrases[id as usize];
                // The first word is the one just found; a token's length in bytes (the same in
                // the lower-case text) rules most other words out before their text is read.
                let rest = p.get(1..).unwrap_or(&[]).iter().map(|w| &**w);
                let same = |(j, w): (usize, &str)| {
                    doc.toks
                        .get(i + 1 + j)
                        .is_some_and(|t| t.end - t.start == w.len())
                        && doc.word(i + 1 + j) == w
                };
                if rest.enumerate().all(same) {
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
        // All words at once, no early exit: a few vector instructions rather than a branch per
        // word (this runs for every figure, concept and group of phrases).
        self.0
            .iter()
            .zip(&other.0)
            .fold(0, |acc, (a, b)| acc | (a & b))
            != 0
    }

    /// The union.
    pub fn or(mut self, other: &Set) -> Set {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
        self
    }
}
