//! Maps keyed by words: used by the lexicon of phrases and by the table of units alike (below
//! both, so neither imports the other for it). The standard hasher: a hand-rolled one bought
//! less than 1 % and made the code harder to change (issue 14).

use std::collections::HashMap;

/// A map keyed by words.
pub(crate) type WordMap<'a, V> = HashMap<&'a str, V>;
