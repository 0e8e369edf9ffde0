//! The correction letter «Phiếu rà soát số liệu» as a Word document: the unit, the period, the
//! date, then a table of the problems only, ready to attach to a công văn.
//!
//! The WordprocessingML is written here, a few kilobytes of XML, and zipped with the `zip` crate
//! that the spreadsheet writer brings anyway. `docx-rs` was measured and left out: a Wasm module
//! writing one table with it weighed 308 KB gzipped (its reader, XML and image layers come
//! along), more than the whole page's first load (docs/exports.md).
//!
//! Typography of administrative documents (Nghị định 30/2020/NĐ-CP): A4, Times New Roman 13 pt
//! (the table 12 pt), margins 20 mm top and bottom, 30 mm left, 20 mm right; page numbers in the
//! footer.

use super::{problems, subject, Cells, Meta};
use crate::outcome::Outcome;
use std::fmt::Write as _;
use std::io::Write as _;

/// A4 in twentieths of a point, and the margins.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: u32 = 1134;
const MARGIN_BOTTOM: u32 = 1134;
const MARGIN_LEFT: u32 = 1701;
const MARGIN_RIGHT: u32 = 1134;

/// The table's columns: heading and width (twips; they add up to the text width, 160 mm).
const COLUMNS: [(&str, u32); 7] = [
    ("TT", 454),
    ("Biểu mẫu", 1134),
    ("STT", 680),
    ("Chỉ tiêu", 1814),
    ("Số liệu báo cáo", 1134),
    ("Theo kiểm tra", 1474),
    ("Nội dung cần xem lại", 2381),
];

/// Text as XML character data: the markup characters escaped, and the characters XML 1.0 does
/// not allow (C0 controls other than tab and line ends) left out, since they come from other
/// units' files.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How a paragraph looks.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    center: bool,
    /// Half-points; 0 for the document's default (13 pt).
    size: u32,
    /// Space after, twips.
    after: u32,
}

fn paragraph(out: &mut String, text: &str, look: Look) {
    out.push_str("<w:p><w:pPr>");
    let _ = write!(
        out,
        "<w:spacing w:before=\"0\" w:after=\"{}\"/>",
        look.after
    );
    if look.center {
        out.push_str("<w:jc w:val=\"center\"/>");
    }
    out.push_str("</w:pPr>");
    if !text.is_empty() {
        out.push_str("<w:r>");
        run_props(out, look);
        let _ = write!(
            out,
            "<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            xml_text(text)
        );
    }
    out.push_str("</w:p>");
}

fn run_props(out: &mut String, look: Look) {
    if !(look.bold || look.italic || look.size > 0) {
        return;
    }
    out.push_str("<w:rPr>");
    if look.bold {
        out.push_str("<w:b/>");
    }
    if look.italic {
        out.push_str("<w:i/>");
    }
    if look.size > 0 {
        let _ = write!(
            out,
            "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
            look.size
        );
    }
    out.push_str("</w:rPr>");
}

/// «Label: value» with the label in bold.
fn labelled(out: &mut String, label: &str, value: &str) {
    let _ = write!(
        out,
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"60\"/></w:pPr>\
         <w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}: </w:t></w:r>\
         <w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_text(label),
        xml_text(value)
    );
}

fn cell(out: &mut String, text: &str, width: u32, look: Look) {
    let _ = write!(
        out,
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
    );
    paragraph(out, text, Look { after: 0, ..look });
    out.push_str("</w:tc>");
}

/// The letter's `word/document.xml`.
pub fn document_xml(outcome: &Outcome, meta: &Meta) -> String {
    let (unit, period) = subject(outcome, meta);
    let cells = Cells::of(outcome);
    let list = problems(outcome, &cells);
    let mut body = String::new();
    paragraph(
        &mut body,
        "PHIẾU RÀ SOÁT SỐ LIỆU",
        Look {
            bold: true,
            center: true,
            size: 28,
            after: 60,
            ..Look::default()
        },
    );
    if let Some(title) = &outcome.about.title {
        paragraph(
            &mut body,
            &format!("Báo cáo: {title}"),
            Look {
                italic: true,
                center: true,
                after: 240,
                ..Look::default()
            },
        );
    } else {
        paragraph(
            &mut body,
            "",
            Look {
                after: 120,
                ..Look::default()
            },
        );
    }
    // A file's name is not a unit: without a unit in the heading, the letter names the file.
    if outcome.about.unit.is_some() {
        labelled(&mut body, "Đơn vị báo cáo", &unit);
    }
    if !period.is_empty() {
        labelled(&mut body, "Kỳ báo cáo", &period);
    }
    if !meta.source.is_empty() {
        labelled(&mut body, "Tệp số liệu", &meta.source);
    }
    if !meta.date.is_empty() {
        labelled(&mut body, "Ngày rà soát", &meta.date);
    }
    let s = outcome.summary;
    let total = s.pass + s.fail + s.warn + s.na;
    let verdict = if list.is_empty() {
        format!(
            "Kết quả: {total} phép kiểm tra, không phát hiện lỗi hay cảnh báo nào ({} bảng số liệu).",
            outcome.forms.len()
        )
    } else {
        format!(
            "Kết quả: {total} phép kiểm tra, {} lỗi, {} cảnh báo. Đề nghị đơn vị rà soát, \
             chỉnh sửa các số liệu dưới đây và gửi lại báo cáo:",
            s.fail, s.warn
        )
    };
    paragraph(
        &mut body,
        &verdict,
        Look {
            after: 120,
            ..Look::default()
        },
    );
    if !list.is_empty() {
        let small = Look {
            size: 24,
            ..Look::default()
        };
        // The children of tblPr in the schema's order (Word refuses a file with them out of order).
        body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"9071\" w:type=\"dxa\"/><w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                body,
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            );
        }
        body.push_str(
            "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>\
             <w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>",
        );
        for (_, w) in COLUMNS {
            let _ = write!(body, "<w:gridCol w:w=\"{w}\"/>");
        }
        // The heading row repeats on every page.
        body.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
        for (h, w) in COLUMNS {
            cell(
                &mut body,
                h,
                w,
                Look {
                    bold: true,
                    center: true,
                    ..small
                },
            );
        }
        body.push_str("</w:tr>");
        for (k, p) in list.iter().enumerate() {
            body.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            let tt = (k + 1).to_string();
            let texts = [
                tt.as_str(),
                &p.form,
                &p.stt,
                &p.indicator,
                &p.reported,
                &p.should,
                &format!("{}: {}", p.severity, p.rule),
            ];
            for (text, (_, w)) in texts.iter().zip(COLUMNS) {
                cell(&mut body, text, w, small);
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
        paragraph(&mut body, "", Look::default());
    }
    paragraph(
        &mut body,
        "Phiếu lập bằng Kiểm số: mỗi tỷ lệ được tính lại, mỗi tổng được cộng lại theo đúng số \
         liệu in trong báo cáo. «Theo kiểm tra» là số các phép kiểm tra cho ra; khi một số liệu \
         khác nhiều khả năng bị gõ nhầm, cột này nêu ô đó và giá trị gợi ý.",
        Look {
            italic: true,
            size: 22,
            after: 0,
            ..Look::default()
        },
    );
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{body}\
         <w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
         <w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
         <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" \
         w:left=\"{MARGIN_LEFT}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>"
    )
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
</Relationships>";

/// Times New Roman 13 pt for every script (Vietnamese letters are Latin with diacritics, but Word
/// picks the complex-script and East Asian fonts for some of them), line spacing 1.1.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
</w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/></w:style>\
</w:styles>";

/// «Trang 2/5», centred, in every page's footer.
const FOOTER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:t xml:space=\"preserve\">Trang </w:t></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:t>1</w:t></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:t>/</w:t></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:t>1</w:t></w:r>\
<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>\
</w:p></w:ftr>";

fn core_xml(outcome: &Outcome, meta: &Meta) -> String {
    let (unit, period) = subject(outcome, meta);
    let title = if period.is_empty() {
        format!("Phiếu rà soát số liệu — {unit}")
    } else {
        format!("Phiếu rà soát số liệu — {unit} — {period}")
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title>\
         <dc:creator>Kiểm số</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>",
        xml_text(&title)
    )
}

/// The parts of a package, zipped (deflated): the container of .docx and .xlsx.
pub fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        // Writing to memory: the only errors are of the archive's own limits (4 GB, 65,535
        // entries in a non-64 archive), far above a letter's few parts.
        zip.start_file(*name, options)
            .and_then(|()| zip.write_all(bytes).map_err(zip::result::ZipError::from))
            .expect("a small archive in memory");
    }
    zip.finish()
        .expect("a small archive in memory")
        .into_inner()
}

/// The letter as the bytes of a .docx file.
pub fn letter_docx(outcome: &Outcome, meta: &Meta) -> Vec<u8> {
    let document = document_xml(outcome, meta);
    let core = core_xml(outcome, meta);
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/footer1.xml", FOOTER.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_from_a_file_stay_text() {
        assert_eq!(xml_text("a<b>&\"c\u{1}d"), "a&lt;b&gt;&amp;&quot;cd");
    }

    #[test]
    fn the_letter_is_read_back_by_our_own_reader() {
        let text = "Biểu mẫu số 02\n1.\tTổng số văn bản\tVăn bản\t15\n\
                    1.1.\tVăn bản A\tVăn bản\t5\n1.2.\tVăn bản B\tVăn bản\t5\n\
                    1.3.\tVăn bản C\tVăn bản\t50\n";
        let o = crate::check_text(text, &crate::Options::default()).unwrap();
        let meta = Meta {
            source: "bao-cao.txt".into(),
            date: "03/12/2026".into(),
        };
        let bytes = letter_docx(&o, &meta);
        #[cfg(feature = "files")]
        {
            let file = crate::read::read_file(&bytes, "phieu.docx").unwrap();
            let all: String = file
                .document
                .blocks
                .iter()
                .map(|b| match b {
                    crate::read::Block::Text { text, .. } => text.clone(),
                    crate::read::Block::Record { cells, .. } => cells.join("\t"),
                    crate::read::Block::Break => String::new(),
                })
                .collect::<Vec<_>>()
                .join("\n");
            assert!(all.contains("PHIẾU RÀ SOÁT SỐ LIỆU"), "{all}");
            // No heading, no unit: the file is named as the file, not as a unit.
            assert!(all.contains("Tệp số liệu: bao-cao.txt"), "{all}");
            assert!(!all.contains("Đơn vị báo cáo"), "{all}");
            assert!(all.contains("Biểu mẫu số 02"));
        }
        assert!(bytes.starts_with(b"PK"));
    }
}
