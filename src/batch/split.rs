//! One paste, several reports: where each begins.
//!
//! A paste of two units' reports one after the other holds «Biểu mẫu số 01» twice; read as one
//! report, the second unit's cells would take the first's codes. A report begins again where a
//! form title repeats or where a new report heading («BÁO CÁO») follows tables; the new report
//! starts at the first heading line (its letterhead, its «BÁO CÁO») after the previous report's
//! last table row, so that its heading goes with it.

use crate::about::{is_report_heading, unit_heading};
use crate::catalogue::Identity;
use crate::read::{Block, Document};
use crate::report::form_number;
use std::collections::HashSet;

/// The documents of the reports in `doc`, in order; `doc` itself when it holds one.
pub fn split(doc: Document, words: &Identity) -> Vec<Document> {
    let starts = starts(&doc, words);
    if starts.len() <= 1 {
        return vec![doc];
    }
    let mut blocks = doc.blocks;
    let mut out = Vec::with_capacity(starts.len());
    for &s in starts.iter().skip(1).rev() {
        let tail = blocks.split_off(s);
        out.push(Document { blocks: tail });
    }
    out.push(Document { blocks });
    out.reverse();
    out
}

/// Where each report begins (block indices, the first 0).
fn starts(doc: &Document, words: &Identity) -> Vec<usize> {
    let mut starts = vec![0];
    let mut seen: HashSet<u32> = HashSet::new();
    let mut last_record: Option<usize> = None;
    let heading = |t: &str| is_report_heading(t, words) || unit_heading(t, words).is_some();
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Record { .. } => last_record = Some(i),
            Block::Text { text, .. } => {
                let repeated = form_number(text).is_some_and(|n| seen.contains(&n));
                let new_heading = is_report_heading(text, words) && last_record.is_some();
                if repeated || new_heading {
                    let from = last_record.map_or(i, |r| r + 1);
                    let start = (from..i)
                        .find(|&k| matches!(&doc.blocks[k], Block::Text { text, .. } if heading(text)))
                        .unwrap_or(i);
                    if start > *starts.last().unwrap_or(&0) {
                        starts.push(start);
                    }
                    seen.clear();
                    last_record = None;
                }
                if let Some(n) = form_number(text) {
                    seen.insert(n);
                }
            }
            Block::Break => {}
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_title_starts_the_next_report_at_its_letterhead() {
        let text = "UBND huyện A\nBÁO CÁO\nQuý III/2024\nBiểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t3\n\
                    UBND huyện B\nBÁO CÁO\nQuý III/2024\nBiểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t4\n";
        let doc = crate::read::read_text(text).unwrap();
        let spec = crate::about::words(crate::builtin_catalogue()).clone();
        let parts = split(doc, &spec);
        assert_eq!(parts.len(), 2);
        assert!(matches!(&parts[1].blocks[0], Block::Text { text, .. } if text == "UBND huyện B"));
    }

    #[test]
    fn one_report_stays_whole() {
        let text = "BÁO CÁO\nBiểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t3\nBiểu mẫu số 02\n1.\tSố\tVăn bản\t3\n";
        let doc = crate::read::read_text(text).unwrap();
        let spec = crate::about::words(crate::builtin_catalogue()).clone();
        assert_eq!(split(doc, &spec).len(), 1);
    }
}
