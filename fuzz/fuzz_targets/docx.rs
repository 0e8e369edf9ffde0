//! .docx files: the zip layer on raw bytes, and the Word reader on fuzzed `document.xml` inside a
//! well-formed package. Never a panic; a refusal always says why.
#![no_main]

mod common;

use kiemso::{check_file, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let file = match mode % 3 {
        0 => rest.to_vec(),
        1 => common::docx(rest, false),
        _ => common::docx(rest, true),
    };
    match check_file(&file, "bao-cao.docx", &Options::default()) {
        Ok(outcome) => common::outcome_is_sound(&outcome),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
