//! Text as people paste or save it: a whole report, a table as TSV (Excel quotes cells that hold
//! tabs or newlines) or CSV. Lines with the delimiter are table records; other lines are prose.

use super::{Block, Budget, Document, ReadError, MAX_CELLS_PER_RECORD, MAX_TEXT_BYTES};

/// Refuses text that [`read_text`] cannot use: over the size limit, empty, or binary (a NUL).
/// Shared with [`super::sniff`], which refuses such a file before the page shows it.
pub(crate) fn usable(text: &str) -> Result<(), ReadError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(ReadError::TooLarge {
            what: "Văn bản dán vào".into(),
            limit: format!("{} MB", MAX_TEXT_BYTES / (1024 * 1024)),
        });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    // Every search over the whole text is a byte search (`memchr`): several passes over a report
    // of 100 KB, each a few bytes per instruction rather than a few instructions per byte.
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() + 1;
        return Err(ReadError::unreadable(
            "Nội dung không phải văn bản (có ký tự nhị phân). Hãy dán bảng từ Word/Excel hoặc mở tệp .docx, .xlsx, .csv.",
        )
        .at_line(line)
        .at_byte(at));
    }
    Ok(())
}

/// Reads pasted or saved text: a whole report, a TSV table, or a CSV table.
///
/// Lines with tabs are table records (parsed as TSV with Excel's quoting); other lines are prose.
/// Text with no tab at all is tried as CSV (`,` or `;`) when most of its lines split into the same
/// number of fields. Decomposed Vietnamese (a tone as a separate mark, as macOS and Windows-1258
/// produce) is composed first, so that titles and indicators match.
///
/// ```
/// use kiemso::read::{read_text, Block};
/// let doc = read_text("Biểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t14\t\n").unwrap();
/// assert!(matches!(&doc.blocks[0], Block::Text { text, .. } if text == "Biểu mẫu số 01"));
/// assert!(matches!(&doc.blocks[1], Block::Record { cells, .. } if cells[3] == "14"));
/// ```
pub fn read_text(text: &str) -> Result<Document, ReadError> {
    usable(text)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let composed = super::encoding::compose_vietnamese(text);
    // A lone `\r` ends a line (old Macintosh files; Excel for Mac still saves "CSV (Macintosh)"):
    // the CSV parser splits records there, so prose must too, or line numbers drift and go
    // backwards (found by the `read_text` fuzz target).
    let lone_cr = memchr::memchr(b'\r', composed.as_bytes()).is_some()
        && composed.split("\r\n").any(|piece| piece.contains('\r'));
    let unified;
    let text: &str = if lone_cr {
        unified = composed.replace("\r\n", "\n").replace('\r', "\n");
        &unified
    } else {
        &composed
    };
    let doc = if memchr::memchr(b'\t', text.as_bytes()).is_some() {
        read_mixed(text, b'\t')?
    } else if let Some(delimiter) = csv_delimiter(text) {
        read_mixed(text, delimiter)?
    } else {
        read_prose(text)
    };
    Ok(doc)
}

fn read_prose(text: &str) -> Document {
    let blocks = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let t = l.trim();
            (!t.is_empty()).then(|| Block::Text {
                line: i + 1,
                text: t.to_string(),
            })
        })
        .collect();
    Document { blocks }
}

/// The delimiter of a CSV table (no tabs anywhere), if the text is one: at least two lines, and
/// most non-empty lines split into the same number (≥ 3) of fields. Lines that read as sentences
/// ([`is_sentence`]) are left out, and text that is mostly sentences is no table.
fn csv_delimiter(text: &str) -> Option<u8> {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(200)
        .collect();
    let mut best: Option<(u8, usize)> = None;
    for delimiter in [b';', b','] {
        // Sentences are prose whatever delimiters they hold: a paragraph pasted alone is never
        // a table.
        let sentences = lines.iter().filter(|l| is_sentence(l, delimiter)).count();
        let lines: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !is_sentence(l, delimiter))
            .collect();
        if lines.len() < 2 || sentences >= lines.len() {
            continue;
        }
        let joined = lines.join("\n");
        let mut counts = std::collections::HashMap::<usize, usize>::new();
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(joined.as_bytes());
        for rec in rdr.records().map_while(Result::ok) {
            if rec.len() >= 3 {
                *counts.entry(rec.len()).or_default() += 1;
            }
        }
        let top = counts.values().copied().max().unwrap_or(0);
        if top * 10 >= lines.len() * 6 && top >= 2 && best.map_or(true, |(_, b)| top > b) {
            best = Some((delimiter, top));
        }
    }
    best.map(|(d, _)| d)
}

/// Splits text into prose lines and runs of delimited lines, and parses each run with a real CSV
/// parser so that quoted cells may hold delimiters, quotes and newlines.
fn read_mixed(text: &str, delimiter: u8) -> Result<Document, ReadError> {
    // `text.split('\n')`, found by a vectorised byte search.
    let mut lines: Vec<&str> = Vec::with_capacity(text.len() / 64);
    let mut from = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(&text[from..nl]);
        from = nl + 1;
    }
    lines.push(&text[from..]);
    let mut blocks = Vec::new();
    let mut budget = Budget::new("Bảng");
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end_matches('\r');
        let prose = delimiter != b'\t' && is_sentence(line, delimiter);
        if prose || memchr::memchr(delimiter, line.as_bytes()).is_none() {
            let t = line.trim();
            if !t.is_empty() {
                blocks.push(Block::Text {
                    line: i + 1,
                    text: t.to_string(),
                });
            }
            i += 1;
            continue;
        }
        // A run: delimited lines, plus lines inside a quoted cell that spans lines.
        let start = i;
        let mut open_quote = false;
        while i < lines.len() {
            let l = lines[i];
            if !open_quote
                && (memchr::memchr(delimiter, l.as_bytes()).is_none()
                    || delimiter != b'\t' && is_sentence(l, delimiter))
            {
                break;
            }
            open_quote = quote_state_after(l, delimiter, open_quote);
            i += 1;
        }
        let run = &lines[start..i];
        // Without a quote (and with `\r` only at line ends), a record is a line and its cells are
        // what lies between delimiters: what the CSV parser finds, found without building one.
        // A report pasted from Word has a run per page of each table, and building a parser (its
        // buffers and state tables) for each cost more than reading the rows: a third of the time
        // to check the seed report.
        if run.iter().all(|l| is_plain_line(l)) {
            for (k, l) in run.iter().enumerate() {
                let l = l.strip_suffix('\r').unwrap_or(l);
                // The parser drops a byte-order mark at the start of its input, as here.
                let l = if k == 0 {
                    l.strip_prefix('\u{FEFF}').unwrap_or(l)
                } else {
                    l
                };
                let fields = l.split(char::from(delimiter));
                push_record(&mut blocks, &mut budget, start + k + 1, fields)?;
            }
            continue;
        }
        let run = run.join("\n");
        let mut line_no = start + 1;
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(run.as_bytes());
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(_) => {
                    return Err(ReadError::unreadable(format!(
                        "Không đọc được bảng ở dòng {line_no}: nội dung không phải văn bản UTF-8."
                    ))
                    .at_line(line_no))
                }
            }
            push_record(&mut blocks, &mut budget, line_no, record.iter())?;
            let spanned = record
                .iter()
                .map(|c| c.matches('\n').count())
                .sum::<usize>();
            line_no += 1 + spanned;
        }
    }
    Ok(Document { blocks })
}

/// Whether a line reads as a sentence, not as a record of a table split on `delimiter`: it has
/// the words of one and closes like one — `.`, `!`, `?`, `…`, or the `;` and `:` that end the
/// items of a list (`- Cấp tỉnh: tiếp nhận 1.200 hồ sơ, …, đạt 91,67%;`). A record ends with a
/// cell (a figure, a unit, an empty cell); it ends with its delimiter when its last cell is
/// empty, so that one does not count.
fn is_sentence(line: &str, delimiter: u8) -> bool {
    let t = line.trim();
    let closes = t.ends_with(['.', '!', '?', '…'])
        || t.ends_with([';', ':']) && !t.ends_with(char::from(delimiter));
    closes && t.split_whitespace().count() >= 8
}

/// Whether a delimited line reads the same split on its delimiters as through the CSV parser: no
/// quote, and no carriage return but one ending it (the parser ends a record at a lone `\r`).
fn is_plain_line(line: &str) -> bool {
    let body = line.strip_suffix('\r').unwrap_or(line);
    memchr::memchr2(b'"', b'\r', body.as_bytes()).is_none()
}

/// Adds a record read from line `line_no` (its fields as parsed), within the limits: a record
/// of one cell is a line of prose, a record of empty cells is nothing.
fn push_record<'a>(
    blocks: &mut Vec<Block>,
    budget: &mut Budget,
    line_no: usize,
    fields: impl Iterator<Item = &'a str> + Clone,
) -> Result<(), ReadError> {
    let width = fields.clone().count();
    if width > MAX_CELLS_PER_RECORD {
        return Err(ReadError::TooLarge {
            what: format!("Dòng {line_no} có {width} cột, bảng này"),
            limit: format!("{MAX_CELLS_PER_RECORD} cột"),
        });
    }
    budget.record()?;
    // Every field is a cell made, empty or not: 64 MB of tabs would be 64 million of them.
    budget.cells(width)?;
    let cells: Vec<String> = fields.map(clean_cell).collect();
    if let [only] = cells.as_slice() {
        // A single quoted field (a CSV title with a comma in it) is a line of prose.
        if !only.is_empty() {
            blocks.push(Block::Text {
                line: line_no,
                text: only.clone(),
            });
        }
    } else if cells.iter().any(|c| !c.is_empty()) {
        blocks.push(Block::Record {
            line: line_no,
            cells,
        });
    }
    Ok(())
}

/// Whether a quoted cell is still open at the end of `line`, given whether one was open at its
/// start. A quote opens a cell only at the start of a field, as in Excel's output.
fn quote_state_after(line: &str, delimiter: u8, mut open: bool) -> bool {
    let bytes = line.as_bytes();
    // Nearly every line has no quote at all: then nothing opens or closes.
    if memchr::memchr(b'"', bytes).is_none() {
        return open;
    }
    let mut at_field_start = !open;
    let mut k = 0;
    while k < bytes.len() {
        let b = bytes[k];
        if open {
            if b == b'"' {
                if bytes.get(k + 1) == Some(&b'"') {
                    k += 1;
                } else {
                    open = false;
                }
            }
        } else if b == b'"' && at_field_start {
            open = true;
        }
        at_field_start = b == delimiter;
        k += 1;
    }
    open
}

/// Trims a cell and folds the line breaks inside it into spaces (a note that wrapped in Excel).
pub(super) fn clean_cell(cell: &str) -> String {
    // Spaces and byte-order marks together: a mark left between a space and the end kept the
    // space (found by the `read_text` fuzz target: prose and cells are trimmed).
    let t = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if t.contains(['\n', '\r']) {
        t.split(['\n', '\r'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(doc: &Document) -> Vec<Vec<String>> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Record { cells, .. } => Some(cells.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn tsv_with_quoted_cells_spanning_lines() {
        let text = "1.\tSố văn bản\tVăn bản\t14\t\"Ghi chú có\ttab\nvà xuống dòng\"\n2.\tTỷ lệ\t%\t31,15\t\n";
        let doc = read_text(text).unwrap();
        let r = records(&doc);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0][4], "Ghi chú có\ttab và xuống dòng");
        assert_eq!(r[1][3], "31,15");
        assert!(matches!(doc.blocks[1], Block::Record { line: 3, .. }));
    }

    #[test]
    fn prose_and_records_keep_line_numbers() {
        let doc = read_text("Mở đầu\n\nBiểu mẫu số 02\n1.\tA\tVăn bản\t60\n").unwrap();
        assert_eq!(
            doc.blocks[0],
            Block::Text {
                line: 1,
                text: "Mở đầu".into()
            }
        );
        assert!(matches!(doc.blocks[2], Block::Record { line: 4, .. }));
    }

    #[test]
    fn csv_with_semicolons_and_commas() {
        let doc = read_text(
            "STT;Chỉ tiêu;Đơn vị tính;Số liệu\n1.;Tổng số;Văn bản;60\n1.1.;Cấp tỉnh;Văn bản;12\n",
        )
        .unwrap();
        assert_eq!(records(&doc)[1], vec!["1.", "Tổng số", "Văn bản", "60"]);
        let doc = read_text("STT,Chỉ tiêu,Đơn vị tính,Số liệu\n2.,Tỷ lệ,%,\"31,15\"\n2.1.,Số nhiệm vụ,Nhiệm vụ,61\n").unwrap();
        assert_eq!(records(&doc)[1][3], "31,15");
    }

    #[test]
    fn a_quoted_title_in_csv_is_prose() {
        let doc = read_text(
            "\"Công tác chỉ đạo, điều hành\"\n1.,Tổng số,Văn bản,60\n1.1.,Cấp tỉnh,Văn bản,12\n",
        )
        .unwrap();
        assert_eq!(
            doc.blocks[0],
            Block::Text {
                line: 1,
                text: "Công tác chỉ đạo, điều hành".into()
            }
        );
        assert_eq!(records(&doc).len(), 2);
    }

    #[test]
    fn old_macintosh_line_ends_are_line_ends() {
        let doc = read_text("Biểu mẫu số 02\r1.\tA\r2.\tB\rGhi chú\r3.\tC\r\n4.\tD\n").unwrap();
        let lines: Vec<usize> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Text { line, .. } | Block::Record { line, .. } => *line,
                Block::Break => 0,
            })
            .collect();
        assert_eq!(lines, [1, 2, 3, 4, 5, 6]);
        assert_eq!(records(&doc).len(), 4);
    }

    #[test]
    fn prose_with_commas_is_not_csv() {
        let doc = read_text("Trong kỳ, tỉnh đã ban hành 60 văn bản.\nTiếp theo, rà soát.").unwrap();
        assert!(records(&doc).is_empty());
        // Sentences with the same number of commas and semicolons (a press release pasted
        // alone) were read as a CSV table of three records, and their arithmetic not checked.
        let release = "Theo đó, tỉ lệ hồ sơ do các sở, ngành tiếp nhận được giải quyết đúng hạn đạt 99,68%; trong đó, tổng số hồ sơ đã giải quyết xong là 175.920 hồ sơ, số hồ sơ giải quyết đúng hạn là 175.354 hồ sơ.\n\
             Tỉ lệ hồ sơ do UBND cấp huyện tiếp nhận được giải quyết đúng hạn đạt 98,15%; trong đó tổng số hồ sơ đã giải quyết xong là 26.972 hồ sơ, số hồ sơ giải quyết đúng hạn là 26.473 hồ sơ.\n\
             Tỉ lệ hồ sơ do UBND cấp xã tiếp nhận được giải quyết đúng hạn đạt 98,94%; trong đó tổng số hồ sơ đã giải quyết xong là 207.030 hồ sơ, số hồ sơ giải quyết đúng hạn là 204.847 hồ sơ.";
        let doc = read_text(release).unwrap();
        assert!(records(&doc).is_empty(), "{:?}", records(&doc));
        assert_eq!(doc.blocks.len(), 3);
        // A sentence between the records of a CSV table stays prose.
        let doc = read_text(
            "STT,Chỉ tiêu,Đơn vị tính,Số liệu\n1.,Tổng số,Văn bản,60\n\
             Trong kỳ, tỉnh đã ban hành 60 văn bản, gồm 12 quyết định, 48 công văn.\n\
             1.1.,Cấp tỉnh,Văn bản,12\n",
        )
        .unwrap();
        assert_eq!(records(&doc).len(), 3);
        assert!(matches!(&doc.blocks[2], Block::Text { line: 3, .. }));
        // A list of items closed by `;`, pasted alone, is prose too.
        let list = "- Cấp tỉnh: tiếp nhận 1.200 hồ sơ, đã giải quyết 1.100 hồ sơ, đạt 91,67%;\n\
                    - Cấp huyện: tiếp nhận 800 hồ sơ, đã giải quyết 700 hồ sơ, đạt 87,5%;\n\
                    - Cấp xã: tiếp nhận 500 hồ sơ, đã giải quyết 450 hồ sơ, đạt 90%.";
        let doc = read_text(list).unwrap();
        assert!(records(&doc).is_empty(), "{:?}", records(&doc));
    }

    #[test]
    fn decomposed_vietnamese_is_composed() {
        let doc = read_text("Bie\u{302}\u{309}u ma\u{302}\u{303}u so\u{302}\u{301} 01\n").unwrap();
        assert!(matches!(&doc.blocks[0], Block::Text { text, .. } if text == "Biểu mẫu số 01"));
    }

    #[test]
    fn unusable_input_is_an_error() {
        assert_eq!(read_text("  \n\t\n"), Err(ReadError::Empty));
        assert!(matches!(
            read_text("a\0b"),
            Err(ReadError::Unreadable { .. })
        ));
        let wide = format!("1.{}\n", "\t1".repeat(MAX_CELLS_PER_RECORD + 1));
        assert!(matches!(read_text(&wide), Err(ReadError::TooLarge { .. })));
    }

    #[test]
    fn rows_of_empty_cells_count_every_cell() {
        // 20,000 lines of 511 tabs: 10 MB of text, 10 million cells (24 bytes each) once split.
        let line = format!("1.{}5\n", "\t".repeat(MAX_CELLS_PER_RECORD - 1));
        let text = line.repeat(20_000);
        let e = read_text(&text).unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("{} ô", super::super::MAX_CELLS)),
            "{e}"
        );
        // A long table of a few columns is read.
        let text = "1.\tChỉ tiêu\tHồ sơ\t5\n".repeat(100_000);
        assert_eq!(records(&read_text(&text).unwrap()).len(), 100_000);
    }
}
