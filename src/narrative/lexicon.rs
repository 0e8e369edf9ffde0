//! A set of phrases found in one pass: every phrase of the concepts gets an id, a paragraph is
//! scanned once for all of them, and each stretch of text the concepts look at (a figure's own
//! words, a clause, a sentence, the paragraph) becomes a set of phrase ids, so that asking "does
//! this clause say `đúng hạn`?" for every figure and every concept is a bit test.

use super::scan::Doc;
use super::words::WordMap;
use std::ops::Range;

/// Phrases with ids, indexed by their first word.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Each phrase: its lower-case token texts.
    phrases: Vec<Vec<Box<str>>>,
    /// Each first word and the phrases it starts, in the order of their ids.
    first: WordMap<Box<str>, Vec<u16>>,
    /// Set once every phrase is in ([`Lexicon::seal`]): no phrase is added after a scan.
    sealed: bool,
}

impl Lexicon {
    /// The id of `phrase`, adding it if new.
    pub fn intern<S: AsRef<str>>(&mut self, phrase: &[S]) -> u16 {
        assert!(!self.sealed, "a phrase added to a sealed lexicon");
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
            self.first.entry(first.into()).or_default().push(id);
        }
        id
    }

    /// Marks the lexicon complete: [`Lexicon::scan`] needs it.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Every occurrence of every phrase in `doc`, in the order of the text.
    pub fn scan(&self, doc: &Doc) -> Occurrences {
        assert!(self.sealed, "a lexicon scanned before it is sealed");
        // Sized for the usual count of occurrences (well under one token in four): one
        // allocation for most paragraphs.
        let mut found = Vec::with_capacity(doc.toks.len() / 4);
        for (i, t) in doc.toks.iter().enumerate() {
            if t.kind != super::token::Kind::Word {
                continue;
            }
            let Some(ids) = self.first.get(doc.word(i)) else {
                continue;
            };
            for &id in ids {
                let p = &self.phrases[id as usize];
                // The first word is the one just found.
                let rest = p.get(1..).unwrap_or(&[]).iter().map(|w| &**w);
                let same = |(j, w): (usize, &str)| {
                    doc.toks.get(i + 1 + j).is_some() && doc.word(i + 1 + j) == w
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
