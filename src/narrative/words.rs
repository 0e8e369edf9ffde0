//! Maps keyed by words: used by the lexicon of phrases and by the table of units alike (below
//! both, so neither imports the other for it).
//!
//! The hasher is a multiply-and-rotate one (as rustc's `FxHasher`) rather than the standard
//! SipHash: every word of a paragraph that states a figure is looked up, and SipHash was a
//! third of the instructions of the comparison with the tables on the seed (a word is a few
//! bytes; SipHash's rounds cost more than the look-up). Hash flooding needs control of the
//! keys, which are the catalogue's phrases and the built-in units (a few hundred, bounded by
//! the lexicon's limit), not the text being checked.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by words.
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The hasher of [`WordMap`]: eight bytes at a time, rotated, xored and multiplied.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_differ_only_past_eight_bytes_or_in_length_are_told_apart() {
        let mut map: WordMap<&str, u32> = WordMap::default();
        for (k, w) in ["nghiệp", "nghiệpa", "nghiệpb", "", "a", "a\0", "ủy ban nhân dân"]
            .iter()
            .enumerate()
        {
            map.insert(w, k as u32);
        }
        assert_eq!(map.len(), 7);
        assert_eq!(map.get("nghiệpb"), Some(&2));
        assert_eq!(map.get("a\0"), Some(&5));
        assert_eq!(map.get("ủy ban"), None);
    }
}
