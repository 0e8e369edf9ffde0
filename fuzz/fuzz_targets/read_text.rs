//! The text/TSV/CSV reader: never panics, and what it returns keeps its own promises.
#![no_main]

use kiemso::read::{read_text, Block, MAX_CELLS_PER_RECORD};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = read_text(text) else {
        return;
    };
    // Line numbers are 1-based, within the input, and never go backwards. A line ends at `\n`,
    // `\r\n`, or a lone `\r` (old Macintosh files).
    let lines = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .count();
    let mut last = 0;
    for block in &doc.blocks {
        let line = match block {
            Block::Text { line, text } => {
                assert!(!text.is_empty() && text.trim() == text, "{text:?}");
                *line
            }
            Block::Record { line, cells } => {
                assert!(cells.len() <= MAX_CELLS_PER_RECORD);
                assert!(cells.iter().any(|c| !c.is_empty()));
                *line
            }
            Block::Break => continue,
        };
        assert!(line >= 1 && line <= lines, "line {line} of {lines}");
        assert!(line >= last, "line {line} after {last}");
        last = line;
    }
});
