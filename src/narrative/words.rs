//! Maps keyed by words, with a hasher built for short, fixed words: used by the lexicon of
//! phrases and by the table of units alike (below both, so neither imports the other for it).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
