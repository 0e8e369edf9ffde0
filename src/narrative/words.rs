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
    use std::hash::BuildHasher;

    #[test]
    fn every_byte_of_a_word_counts_in_its_hash() {
        // Words sharing their first 8 bytes or more, or differing in the last byte of a chunk
        // or of the remainder: a hasher that dropped the remainder or a chunk would collide.
        let words = [
            "nghiệp",
            "nghiệpa",
            "nghiệpb",
            "thủ tục",
            "thủ tụcx",
            "hồ sơ",
            "hồ sơ trực tuyến",
            "hồ sơ trực tuyếm",
            "đơn vị sự nghiệp",
            "đơn vị sự nghiệq",
            "a",
            "b",
            "",
        ];
        let build = BuildHasherDefault::<WordHasher>::default();
        let mut hashes: Vec<u64> = words.iter().map(|w| build.hash_one(w)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
        let map: WordMap<&str, usize> = words.iter().enumerate().map(|(k, w)| (*w, k)).collect();
        assert_eq!(map.get("hồ sơ trực tuyếm"), Some(&7));
        assert_eq!(map.get("hồ sơ trực"), None);
    }
}
