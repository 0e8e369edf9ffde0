//! Word documents (.docx): the narrative paragraphs and every table, in document order.
//!
//! A table becomes records as a copy from Word would paste them: a cell spanning several grid
//! columns (`w:gridSpan`) is its text followed by empty cells, a cell continuing a vertical merge
//! (`w:vMerge`) is empty, so the template's two-row header reads exactly like the pasted one.
//! What Word prints but does not hold as text is left out: footnote reference marks, page and
//! column breaks, deleted revisions, hidden runs, field codes, the fallback copy of text boxes.
//! Runs are joined as they are printed, so a number split over runs (`9.191` + `.517`) stays
//! one number.
//!
//! `line` is the paragraph number: body paragraphs (empty ones too) and table rows, counted in
//! document order, then the footnotes' and endnotes' paragraphs.
//!
//! A table that continues another across a page (nothing but empty paragraphs between, and the
//! header repeated) is read as one table; any other two tables are separated by
//! [`Block::Break`]. A table nested in a cell is flattened into that cell's text, unless the
//! outer table is a one-column frame around it, in which case the frame is dropped.

use super::archive::Archive;
use super::text::clean_cell;
use super::xml::{walk, Event, Flow};
use super::{Block, Budget, Document, FileContents, Format, ReadError, MAX_CELLS_PER_RECORD};

/// Reads the Word document whose main part is `part`.
pub(super) fn read(archive: &Archive<'_>, part: &str) -> Result<FileContents, ReadError> {
    let mut parser = Parser::default();
    parser.parse(&archive.required(part)?, part)?;
    let rels = archive.relationships(part)?;
    for kind in ["footnotes", "endnotes"] {
        if let Some(rel) = rels.iter().find(|r| r.kind == kind) {
            if let Some(xml) = archive.text(&rel.target)? {
                parser.parse(&xml, &rel.target)?;
            }
        }
    }
    Ok(FileContents::of(
        Format::Docx,
        Document {
            blocks: parser.blocks,
        },
    ))
}

/// The deepest tables may be nested in cells. Word documents nest two or three levels at most.
pub const MAX_TABLE_NESTING: usize = 32;

/// The elements whose nesting matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    Tbl,
    Tr,
    TrPr,
    Tc,
    TcPr,
    P,
    R,
    RPr,
    T,
    Other,
}

#[derive(Debug, Default)]
struct Cell {
    text: String,
    span: usize,
    /// Continues a merge: printed empty.
    merged: bool,
    nested: Vec<Table>,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    row: Option<Vec<Cell>>,
    cell: Option<Cell>,
}

#[derive(Debug)]
struct Parser {
    blocks: Vec<Block>,
    line: usize,
    stack: Vec<El>,
    tables: Vec<Table>,
    paragraphs: Vec<String>,
    run_hidden: bool,
    /// The text after a custom footnote mark is the mark itself.
    skip_mark: bool,
    /// The first row of the last table emitted, to recognise its continuation on the next page.
    last_head: Option<Vec<String>>,
    /// Non-empty prose since the last table.
    prose_since_table: bool,
    /// Records, grid cells and bytes of text made so far.
    budget: Budget,
    error: Option<ReadError>,
}

impl Default for Parser {
    fn default() -> Parser {
        Parser {
            blocks: Vec::new(),
            line: 0,
            stack: Vec::new(),
            tables: Vec::new(),
            paragraphs: Vec::new(),
            run_hidden: false,
            skip_mark: false,
            last_head: None,
            prose_since_table: false,
            budget: Budget::new("Các bảng trong tài liệu"),
            error: None,
        }
    }
}

impl Parser {
    fn parse(&mut self, xml: &str, part: &str) -> Result<(), ReadError> {
        let walked = walk(xml, part, |e| {
            if self.error.is_some() {
                return Flow::Skip;
            }
            match e {
                Event::Open(tag) => self.open(tag.name(), |a| tag.attr(a), tag.is_on()),
                Event::Close(_) => {
                    self.close();
                    Flow::Enter
                }
                Event::Text(t) => {
                    if self.stack.last() == Some(&El::T) && !self.run_hidden && !self.skip_mark {
                        if let Some(p) = self.paragraphs.last_mut() {
                            p.push_str(t);
                        }
                    }
                    Flow::Enter
                }
            }
        });
        // The first problem met is the one to tell: the walk may fail later, deeper in a subtree
        // the parser had already refused.
        match self.error.take() {
            Some(e) => Err(e.in_part(part)),
            None => walked,
        }
    }

    fn parent(&self) -> Option<El> {
        self.stack.last().copied()
    }

    fn push_char(&mut self, c: char) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.push(c);
        }
    }

    fn open(&mut self, name: &str, attr: impl Fn(&str) -> Option<String>, on: bool) -> Flow {
        let parent = self.parent();
        let el = match name {
            // Text that is not printed, or printed twice.
            "Fallback" | "del" | "moveFrom" | "instrText" | "delInstrText" => return Flow::Skip,
            "footnote" | "endnote" if attr("type").is_some_and(|t| t != "normal") => {
                return Flow::Skip
            }
            "tbl" => {
                // Nested tables are emitted and dropped recursively: thousands of levels (a few
                // KB once zipped) would overflow the stack, and a Wasm instance has only 1 MB.
                if self.tables.len() >= MAX_TABLE_NESTING {
                    self.error = Some(ReadError::unreadable(format!(
                        "Tài liệu có bảng lồng trong bảng quá {MAX_TABLE_NESTING} tầng, không phải \
                         một báo cáo thông thường. Hãy sao chép các bảng số liệu rồi dán vào."
                    )));
                    return Flow::Skip;
                }
                self.tables.push(Table::default());
                El::Tbl
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(Vec::new());
                }
                El::Tr
            }
            "trPr" => El::TrPr,
            "gridBefore" if parent == Some(El::TrPr) => {
                let n: usize = attr("val").and_then(|v| v.parse().ok()).unwrap_or(0);
                let n = n.min(MAX_CELLS_PER_RECORD + 1);
                if let Err(e) = self.budget.cells(n) {
                    self.error = Some(e);
                    return Flow::Skip;
                }
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    for _ in 0..n {
                        row.push(Cell {
                            span: 1,
                            ..Cell::default()
                        });
                    }
                }
                El::Other
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Cell {
                        span: 1,
                        ..Cell::default()
                    });
                }
                El::Tc
            }
            "tcPr" => El::TcPr,
            "gridSpan" | "vMerge" | "hMerge" if parent == Some(El::TcPr) => {
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    let val = attr("val");
                    match name {
                        "gridSpan" => {
                            cell.span = val
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1)
                                .clamp(1, MAX_CELLS_PER_RECORD + 1);
                        }
                        // No value means "continue".
                        _ => cell.merged = val.as_deref() != Some("restart"),
                    }
                }
                El::Other
            }
            "p" => {
                self.paragraphs.push(String::new());
                El::P
            }
            "r" => {
                self.run_hidden = false;
                self.skip_mark = false;
                El::R
            }
            "rPr" => El::RPr,
            "vanish"
                if parent == Some(El::RPr) && self.stack.iter().rev().nth(1) == Some(&El::R) =>
            {
                self.run_hidden = on;
                El::Other
            }
            "t" if parent == Some(El::R) => El::T,
            "tab" | "ptab" if parent == Some(El::R) => {
                self.push_char(' ');
                El::Other
            }
            "br" | "cr" if parent == Some(El::R) => {
                // A page or column break moves text, it does not separate it.
                if !matches!(attr("type").as_deref(), Some("page" | "column")) {
                    self.push_char('\n');
                }
                El::Other
            }
            "noBreakHyphen" if parent == Some(El::R) => {
                self.push_char('-');
                El::Other
            }
            "footnoteReference" | "endnoteReference" => {
                self.skip_mark = attr("customMarkFollows").is_some_and(|v| v == "1" || v == "true");
                El::Other
            }
            _ => El::Other,
        };
        self.stack.push(el);
        Flow::Enter
    }

    fn close(&mut self) {
        match self.stack.pop() {
            Some(El::T) => self.skip_mark = false,
            Some(El::P) => {
                let text = self.paragraphs.pop().unwrap_or_default();
                if let Err(e) = self.budget.bytes(text.len()) {
                    self.error = Some(e);
                    return;
                }
                let in_cell = self.tables.last_mut().and_then(|t| t.cell.as_mut());
                match in_cell {
                    Some(cell) => {
                        if !cell.text.is_empty() {
                            cell.text.push('\n');
                        }
                        cell.text.push_str(&text);
                    }
                    None => self.prose(&text),
                }
            }
            Some(El::Tc) => {
                if let Some(t) = self.tables.last_mut() {
                    if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                        // Counted on the grid: a cell spanning 511 columns becomes 511 cells.
                        if let Err(e) = self.budget.cells(cell.span) {
                            self.error = Some(e);
                        }
                        row.push(cell);
                    }
                }
            }
            Some(El::Tr) => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(row) = t.row.take() {
                        // A row without cells is still a row kept in memory.
                        if row.is_empty() {
                            if let Err(e) = self.budget.cells(1) {
                                self.error = Some(e);
                            }
                        }
                        t.rows.push(row);
                    }
                }
            }
            Some(El::Tbl) => {
                let table = self.tables.pop().unwrap_or_default();
                match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    Some(cell) => cell.nested.push(table),
                    None => {
                        if let Err(e) = self.table(table) {
                            self.error = Some(e);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// A paragraph outside tables.
    fn prose(&mut self, text: &str) {
        self.line += 1;
        let t = text.replace('\n', " ");
        let t = t.trim();
        if !t.is_empty() {
            self.blocks.push(Block::Text {
                line: self.line,
                text: t.to_string(),
            });
            self.prose_since_table = true;
        }
    }

    /// Emits a top-level table.
    fn table(&mut self, table: Table) -> Result<(), ReadError> {
        let frame = !table.rows.is_empty()
            && table
                .rows
                .iter()
                .all(|r| r.iter().map(|c| c.span).sum::<usize>() <= 1);
        if frame && table.rows.iter().flatten().any(|c| !c.nested.is_empty()) {
            for cell in table.rows.into_iter().flatten() {
                for line in cell.text.split('\n') {
                    self.prose(line);
                }
                for nested in cell.nested {
                    self.table(nested)?;
                }
            }
            return Ok(());
        }
        let records = table
            .rows
            .iter()
            .map(|r| expand(r))
            .collect::<Result<Vec<_>, _>>()?;
        let head = records.first().cloned();
        let continues = !self.prose_since_table && head.is_some() && self.last_head == head;
        if self.last_head.is_some() && !continues {
            self.blocks.push(Block::Break);
        }
        for cells in records {
            self.line += 1;
            if cells.iter().any(|c| !c.is_empty()) {
                self.budget.record()?;
                self.blocks.push(Block::Record {
                    line: self.line,
                    cells,
                });
            }
        }
        if head.is_some() {
            self.last_head = head;
        }
        self.prose_since_table = false;
        Ok(())
    }
}

/// A row's cells on the grid: a spanning cell, then empty cells for the columns it covers.
fn expand(row: &[Cell]) -> Result<Vec<String>, ReadError> {
    let width: usize = row.iter().map(|c| c.span).sum();
    if width > MAX_CELLS_PER_RECORD {
        return Err(ReadError::TooLarge {
            what: format!("Một hàng của bảng có {width} cột, bảng này"),
            limit: format!("{MAX_CELLS_PER_RECORD} cột"),
        });
    }
    let mut cells = Vec::with_capacity(width);
    for cell in row {
        cells.push(if cell.merged {
            String::new()
        } else {
            cell_text(cell)?
        });
        for _ in 1..cell.span {
            cells.push(String::new());
        }
    }
    Ok(cells)
}

/// A cell's text, with any table nested in it flattened: cells by spaces, rows by `; `.
fn cell_text(cell: &Cell) -> Result<String, ReadError> {
    let mut text = clean_cell(&cell.text);
    for nested in &cell.nested {
        let mut rows = Vec::new();
        for row in &nested.rows {
            let cells = expand(row)?;
            let joined = cells
                .iter()
                .filter(|c| !c.is_empty())
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" ");
            if !joined.is_empty() {
                rows.push(joined);
            }
        }
        if !rows.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&rows.join("; "));
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(body: &str) -> Vec<Block> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        let mut p = Parser::default();
        p.parse(&xml, "word/document.xml").unwrap();
        p.blocks
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn row(cells: &[&str]) -> String {
        let cells: String = cells
            .iter()
            .map(|c| format!("<w:tc>{}</w:tc>", p(c)))
            .collect();
        format!("<w:tr>{cells}</w:tr>")
    }

    const HEADER: &str = r#"<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Kết quả thống kê</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>Đơn vị tính</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Số liệu</w:t></w:r></w:p></w:tc></w:tr>"#;

    fn records(b: &[Block]) -> Vec<Vec<String>> {
        b.iter()
            .filter_map(|b| match b {
                Block::Record { cells, .. } => Some(cells.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn merged_header_reads_like_the_paste() {
        let b = blocks(&format!("<w:tbl>{HEADER}</w:tbl>"));
        assert_eq!(
            records(&b),
            [
                vec!["STT", "Kết quả thống kê", ""],
                vec!["", "Đơn vị tính", "Số liệu"]
            ]
        );
    }

    #[test]
    fn runs_footnotes_breaks_and_revisions_do_not_split_numbers() {
        let cell = r#"<w:tc><w:p><w:r><w:t>9.191</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="3"/></w:r><w:r><w:br w:type="page"/><w:t>.517</w:t></w:r><w:del><w:r><w:delText>0</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r></w:p></w:tc>"#;
        let b = blocks(&format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc>{cell}</w:tr></w:tbl>",
            p("1.1.")
        ));
        assert_eq!(records(&b), [vec!["1.1.", "9.191.517"]]);
    }

    #[test]
    fn paragraphs_are_numbered_and_field_codes_left_out() {
        let field = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
        let b = blocks(&format!("{}<w:p/>{field}{}", p("Mở đầu"), p("Kết")));
        assert_eq!(
            b,
            [
                Block::Text {
                    line: 1,
                    text: "Mở đầu".into()
                },
                Block::Text {
                    line: 3,
                    text: "3".into()
                },
                Block::Text {
                    line: 4,
                    text: "Kết".into()
                },
            ]
        );
    }

    #[test]
    fn a_table_continued_on_the_next_page_is_one_table() {
        let part1 = format!("<w:tbl>{HEADER}{}</w:tbl>", row(&["1.", "Văn bản", "60"]));
        let part2 = format!("<w:tbl>{HEADER}{}</w:tbl>", row(&["2.", "Văn bản", "12"]));
        let page_break = r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#;
        let b = blocks(&format!("{part1}{page_break}{part2}"));
        assert!(!b.contains(&Block::Break), "{b:?}");
        // With prose between, they are separate tables.
        let b = blocks(&format!("{part1}{}{part2}", p("Biểu mẫu số 02")));
        assert_eq!(b.iter().filter(|b| **b == Block::Break).count(), 1);
    }

    #[test]
    fn nested_tables_are_flattened_or_unframed() {
        let inner = format!("<w:tbl>{}{}</w:tbl>", row(&["a", "b"]), row(&["c", "d"]));
        let b = blocks(&format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}{inner}</w:tc></w:tr></w:tbl>",
            p("1."),
            p("Ghi chú")
        ));
        assert_eq!(records(&b), [vec!["1.", "Ghi chú a b; c d"]]);
        // A one-column frame around a form: the form is read as a table of its own.
        let form = format!(
            "<w:tbl>{}{}</w:tbl>",
            row(&["1.", "Văn bản", "60"]),
            row(&["2.", "Văn bản", "12"])
        );
        let b = blocks(&format!(
            "<w:tbl><w:tr><w:tc>{}{form}</w:tc></w:tr></w:tbl>",
            p("Biểu mẫu số 02")
        ));
        assert!(matches!(&b[0], Block::Text { text, .. } if text == "Biểu mẫu số 02"));
        assert_eq!(records(&b).len(), 2);
    }

    #[test]
    fn cells_spanning_many_columns_count_every_column() {
        // 20,000 rows of one cell spanning 511 columns: 10 million cells on the grid, made
        // when the rows are expanded, from a file of a few dozen KB.
        let row = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="511"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"#;
        let body = format!("<w:tbl>{}</w:tbl>", row.repeat(20_000));
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        let docx = crate::read::archive::tests::zip(&[("word/document.xml", xml.as_bytes())], true);
        assert!(docx.len() < 100 * 1024, "{}", docx.len());
        let started = std::time::Instant::now();
        let e = crate::read::read_file(&docx, "bao-cao.docx").unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("{} ô", crate::read::MAX_CELLS)),
            "{e}"
        );
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn text_boxes_are_read_once() {
        let b = blocks(
            r#"<w:p><w:r><mc:AlternateContent xmlns:mc="m"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Biểu mẫu số 01</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Biểu mẫu số 01</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        );
        let texts: Vec<_> = b
            .iter()
            .filter(|b| matches!(b, Block::Text { .. }))
            .collect();
        assert_eq!(texts.len(), 1, "{b:?}");
    }
}
