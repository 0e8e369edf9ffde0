//! Building Office files around fuzzed parts, so that the fuzzer spends its time in the XML and
//! table readers rather than failing the zip layer's CRC check on every input.

#![allow(dead_code)]

/// CRC-32 (IEEE), as zip stores it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip of `entries`, stored or deflated, with correct sizes and CRCs.
pub fn zip(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data) in entries {
        let packed = if deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.to_vec()
        };
        let method: u16 = if deflate { 8 } else { 0 };
        let offset = out.len() as u32;
        let mut common = Vec::new();
        common.extend(20u16.to_le_bytes());
        common.extend(0u16.to_le_bytes());
        common.extend(method.to_le_bytes());
        common.extend([0u8; 4]);
        common.extend(crc32(data).to_le_bytes());
        common.extend((packed.len() as u32).to_le_bytes());
        common.extend((data.len() as u32).to_le_bytes());
        common.extend((name.len() as u16).to_le_bytes());
        common.extend(0u16.to_le_bytes());
        out.extend(b"PK\x03\x04");
        out.extend(&common);
        out.extend(name.as_bytes());
        out.extend(&packed);
        directory.extend(b"PK\x01\x02");
        directory.extend(20u16.to_le_bytes());
        directory.extend(&common);
        directory.extend([0u8; 10]);
        directory.extend(offset.to_le_bytes());
        directory.extend(name.as_bytes());
    }
    let directory_offset = out.len() as u32;
    out.extend(&directory);
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((directory.len() as u32).to_le_bytes());
    out.extend(directory_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

const ROOT_RELS_DOCX: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const ROOT_RELS_XLSX: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;

/// A .docx whose `word/document.xml` is `document`.
pub fn docx(document: &[u8], deflate: bool) -> Vec<u8> {
    zip(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", ROOT_RELS_DOCX.as_bytes()),
            ("word/document.xml", document),
        ],
        deflate,
    )
}

/// The separator between the parts of an .xlsx fuzz input: workbook, sheet, shared strings, styles.
pub const PART_SEPARATOR: &[u8] = b"\n=====\n";

/// An .xlsx from `parts` (workbook, sheet 1, shared strings, styles), missing ones left out.
pub fn xlsx(parts: &[&[u8]], deflate: bool) -> Vec<u8> {
    let names = [
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
    ];
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS_XLSX.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
    ];
    entries.extend(names.iter().copied().zip(parts.iter().copied()));
    zip(&entries, deflate)
}

/// Splits an input at every [`PART_SEPARATOR`].
pub fn split_parts(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest
        .windows(PART_SEPARATOR.len())
        .position(|w| w == PART_SEPARATOR)
    {
        parts.push(&rest[..at]);
        rest = &rest[at + PART_SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

/// Checks the outcome of a file the way every target does: counts add up, messages exist, and
/// the JSON is JSON.
pub fn outcome_is_sound(outcome: &kiemso::outcome::Outcome) {
    let s = outcome.summary;
    assert_eq!(s.pass + s.fail + s.warn + s.na, outcome.checks.len());
    for c in &outcome.checks {
        assert!(!c.message().is_empty(), "{c:?}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&outcome.to_json()).expect("to_json gives JSON");
    assert!(json.get("checks").is_some());
}
