//! Any file under any name: magic bytes, extensions, text encodings (UTF-8/16, Windows-1258,
//! TCVN3…), and the whole check. Never a panic; a refusal always says why.
#![no_main]

mod common;

use kiemso::{check_file, Options};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 8] = [
    "bao-cao.txt",
    "bieu-mau.csv",
    "bang.tsv",
    "bao-cao.docx",
    "bieu-mau.xlsx",
    "bao-cao.doc",
    "khong-duoi",
    "BAO CAO.TXT",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    match check_file(bytes, name, &Options::default()) {
        Ok(outcome) => common::outcome_is_sound(&outcome),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
