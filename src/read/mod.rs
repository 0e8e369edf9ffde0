//! Reading reports, whatever form they come in: pasted text, a saved .txt/.csv/.tsv in any of the
//! encodings Vietnamese offices produce, a Word report (.docx) or an Excel workbook (.xlsx).
//!
//! Every reader yields the same thing, a [`Document`]: lines of prose and table records, in order,
//! each with its line number, and [`Block::Break`] where one table ends and another begins. So
//! everything after this step (report, rules, checks) is shared by all inputs.
//!
//! Files may be hostile (a zip bomb renamed `.docx`, a truncated download, an executable): every
//! limit below is checked before the work it bounds, and every failure is a [`ReadError`] with a
//! Vietnamese explanation, never a panic.
//!
//! ```
//! use kiemso::read::{read_file, Block, Format};
//! let file = read_file("Biểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t14\n".as_bytes(), "bao-cao.txt").unwrap();
//! assert_eq!(file.format, Format::Text);
//! assert!(matches!(&file.document.blocks[1], Block::Record { cells, .. } if cells[3] == "14"));
//! ```

#[cfg(feature = "files")]
mod archive;
#[cfg(feature = "files")]
pub mod docx;
pub mod encoding;
pub mod text;
#[cfg(feature = "files")]
pub mod xlsx;
#[cfg(feature = "files")]
mod xml;

pub use text::read_text;

use rust_decimal::Decimal;
use std::fmt;

/// The most text a reader accepts (bytes). Beyond it the reader refuses with a clear message
/// rather than freezing the page.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// The most cells a record may have; a pasted row of a million columns is refused.
pub const MAX_CELLS_PER_RECORD: usize = 512;
/// The most records a document may have. A quarterly report has a few hundred; 200,000 is twice
/// the 100,000-row table of the performance budget. Checking costs about 2 KB of memory a row
/// (rows, rules, checks, their messages), so a 50 MB paste of a million one-line rows would need
/// gigabytes, more than a browser tab gives Wasm: it is refused, quickly, with this limit.
pub const MAX_RECORDS: usize = 200_000;
/// The largest file accepted (bytes). A quarterly report with its appendix is well under 5 MB.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// The most bytes one part of a .docx/.xlsx may inflate to. Counted while inflating: the sizes a
/// zip declares are not trusted.
pub const MAX_ENTRY_BYTES: usize = 100 * 1024 * 1024;
/// The most bytes all the parts read from one .docx/.xlsx may inflate to, together.
pub const MAX_UNCOMPRESSED_BYTES: usize = 200 * 1024 * 1024;
/// The most entries a .docx/.xlsx may list (Word writes about 15, Excel a few per sheet).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The most cells the tables of a workbook or a Word document may have, all tables together,
/// counted on the grid: a cell spanning three columns is three, a row with cells in columns A
/// and Z is 26.
pub const MAX_CELLS: usize = 5_000_000;

/// What a reader has made so far, against the limits: records, grid cells and bytes of text. A
/// .docx or .xlsx can describe far more than it holds (a cell spanning 511 columns, a cell at
/// column SR, one shared string used by thousands of cells), and a line of 511 tabs is 512
/// cells, so the readers count what they materialise, not the elements or the bytes read.
#[derive(Debug)]
pub(crate) struct Budget {
    /// What is read, for messages ("Bảng tính", "Các bảng trong tài liệu").
    what: &'static str,
    records: usize,
    cells: usize,
    /// Counted by the file readers only (a paste is bounded by its own size).
    #[cfg_attr(not(feature = "files"), allow(dead_code))]
    bytes: usize,
}

impl Budget {
    pub(crate) fn new(what: &'static str) -> Budget {
        Budget {
            what,
            records: 0,
            cells: 0,
            bytes: 0,
        }
    }

    fn add(
        count: &mut usize,
        n: usize,
        max: usize,
        what: &str,
        limit: String,
    ) -> Result<(), ReadError> {
        *count = count.saturating_add(n);
        if *count > max {
            return Err(ReadError::TooLarge {
                what: what.to_string(),
                limit,
            });
        }
        Ok(())
    }

    /// One more record, against [`MAX_RECORDS`].
    pub(crate) fn record(&mut self) -> Result<(), ReadError> {
        Budget::add(
            &mut self.records,
            1,
            MAX_RECORDS,
            self.what,
            format!("{MAX_RECORDS} dòng"),
        )
    }

    /// `n` more cells of the grid (columns a cell spans, empty cells before a far column),
    /// against [`MAX_CELLS`].
    pub(crate) fn cells(&mut self, n: usize) -> Result<(), ReadError> {
        Budget::add(
            &mut self.cells,
            n,
            MAX_CELLS,
            self.what,
            format!("{MAX_CELLS} ô"),
        )
    }

    /// `n` more bytes of text in the document, against [`MAX_TEXT_BYTES`], the most a paste
    /// may have.
    #[cfg(feature = "files")]
    pub(crate) fn bytes(&mut self, n: usize) -> Result<(), ReadError> {
        Budget::add(
            &mut self.bytes,
            n,
            MAX_TEXT_BYTES,
            self.what,
            megabytes(MAX_TEXT_BYTES),
        )
    }
}

/// One piece of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line of prose (narrative, a form title, a heading).
    Text {
        /// 1-based line (or paragraph) number.
        line: usize,
        /// The text, trimmed.
        text: String,
    },
    /// A table row: its cells as printed.
    Record {
        /// 1-based line number where the record starts.
        line: usize,
        /// The cells, trimmed.
        cells: Vec<String>,
    },
    /// Where one table ends and an unrelated one may start (a table boundary in a .docx, a sheet).
    Break,
}

/// What a reader made of its input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Prose and records in order.
    pub blocks: Vec<Block>,
}

/// Input that cannot be used at all. Everything else becomes findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing to check.
    Empty,
    /// The input is larger than a limit.
    TooLarge {
        /// What was too large, in Vietnamese.
        what: String,
        /// The limit, in Vietnamese.
        limit: String,
    },
    /// The bytes are not text or not a file format Kiểm số reads.
    Unreadable {
        /// Why, in Vietnamese, with what to do.
        why: String,
        /// Where the reader gave up, as far as it knows.
        at: Position,
    },
}

/// Where in the input a reader gave up: each part known or not, as `csv::Position` is for a
/// CSV reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Position {
    /// The part of a .docx or .xlsx package (`word/document.xml`, `xl/worksheets/sheet1.xml`).
    pub part: Option<String>,
    /// The line of pasted text, or the row of a worksheet (from 1).
    pub line: Option<usize>,
    /// The byte offset in the text or the part (from 0).
    pub byte: Option<usize>,
}

impl Position {
    /// Whether nothing is known of where.
    pub fn is_unknown(&self) -> bool {
        self.part.is_none() && self.line.is_none() && self.byte.is_none()
    }
}

impl ReadError {
    /// Input that is not text or not a file Kiểm số reads, for the reason given; where, with
    /// [`ReadError::in_part`], [`ReadError::at_line`] and [`ReadError::at_byte`].
    pub(crate) fn unreadable(why: impl Into<String>) -> ReadError {
        ReadError::Unreadable {
            why: why.into(),
            at: Position::default(),
        }
    }

    /// The same refusal, in the package part `part`.
    #[cfg_attr(not(feature = "files"), allow(dead_code))]
    pub(crate) fn in_part(mut self, part: &str) -> ReadError {
        if let ReadError::Unreadable { at, .. } = &mut self {
            at.part = Some(part.to_string());
        }
        self
    }

    /// The same refusal, at line (or worksheet row) `line`.
    pub(crate) fn at_line(mut self, line: usize) -> ReadError {
        if let ReadError::Unreadable { at, .. } = &mut self {
            at.line = Some(line);
        }
        self
    }

    /// The same refusal, at byte `byte` of the text or the part.
    pub(crate) fn at_byte(mut self, byte: usize) -> ReadError {
        if let ReadError::Unreadable { at, .. } = &mut self {
            at.byte = Some(byte);
        }
        self
    }

    /// Where the reader gave up, when it knows.
    ///
    /// ```
    /// let err = kiemso::check_text("Biểu mẫu số 01\n1.\tSố văn bản\t3\nbad\0line", &kiemso::Options::default())
    ///     .unwrap_err();
    /// assert_eq!(err.code(), "unreadable");
    /// assert_eq!(err.position().and_then(|p| p.line), Some(3));
    /// ```
    pub fn position(&self) -> Option<&Position> {
        match self {
            ReadError::Unreadable { at, .. } if !at.is_unknown() => Some(at),
            _ => None,
        }
    }

    /// What kind of refusal this is, as a stable code for programs (the Wasm boundary's
    /// `Error.code`): `empty`, `too_large` or `unreadable`. The message is for people.
    ///
    /// ```
    /// let err = kiemso::check_text("  ", &kiemso::Options::default()).unwrap_err();
    /// assert_eq!(err.code(), "empty");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Empty => "empty",
            ReadError::TooLarge { .. } => "too_large",
            ReadError::Unreadable { .. } => "unreadable",
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Empty => f.write_str(
                "Không có nội dung để kiểm tra: hãy dán bảng số liệu hoặc toàn bộ báo cáo.",
            ),
            ReadError::TooLarge { what, limit } => {
                write!(f, "{what} quá lớn (giới hạn {limit}). Hãy chia nhỏ dữ liệu rồi kiểm tra từng phần.")
            }
            ReadError::Unreadable { why, .. } => f.write_str(why),
        }
    }
}

impl std::error::Error for ReadError {}

/// A size in Vietnamese print, for limits (`50 MB`).
pub(crate) fn megabytes(bytes: usize) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// What kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text: a whole report, TSV or CSV, in any supported encoding.
    Text,
    /// A Word document (.docx, .docm, .dotx).
    Docx,
    /// An Excel workbook (.xlsx, .xlsm, .xltx).
    Xlsx,
}

/// A spreadsheet cell whose stored value is not what it shows: a rounded display (`31,15` for
/// 31,1475409836…), or a formula. Checks are made on what is shown, as printed; this lets a
/// check also say what the cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredValue {
    /// The line of the record the cell is in (as in [`Block::Record`]).
    pub line: usize,
    /// The sheet's name.
    pub sheet: String,
    /// The cell's reference (`D6`).
    pub cell: String,
    /// The value the cell stores, to full precision.
    pub stored: Decimal,
    /// What the cell shows (the record's cell text).
    pub shown: String,
    /// Whether what is shown is the stored value rounded.
    pub rounded: bool,
    /// The cell's formula, without `=`, when it has one written out.
    pub formula: Option<String>,
}

/// Something about the file a person should know that is not a check (a guessed encoding, a
/// hidden sheet left out, a formula never calculated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where (1-based line), when known.
    pub line: Option<usize>,
    /// In Vietnamese.
    pub message: String,
}

/// What a reader made of a file: the document, plus what the file said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileContents {
    /// The kind of file.
    pub format: Format,
    /// Prose and records, as from any reader.
    pub document: Document,
    /// Spreadsheet cells whose stored value differs from what they show, or that hold formulas.
    pub stored: Vec<StoredValue>,
    /// Things worth telling about the file.
    pub notes: Vec<Note>,
}

impl FileContents {
    fn of(format: Format, document: Document) -> FileContents {
        FileContents {
            format,
            document,
            stored: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Magic {
    Zip,
    /// An OLE2 compound file: Word 97–2003 .doc, Excel 97–2003 .xls, or a password-protected
    /// .docx/.xlsx (Office encrypts them into one).
    Ole,
    Pdf,
    Rtf,
    Executable,
    Image,
    Archive,
    /// Nothing recognised: treated as text.
    Unknown,
}

fn magic(bytes: &[u8]) -> Magic {
    let starts = |p: &[u8]| bytes.starts_with(p);
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        Magic::Zip
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Magic::Ole
    } else if starts(b"%PDF") {
        Magic::Pdf
    } else if starts(b"{\\rtf") {
        Magic::Rtf
    } else if starts(b"\x7FELF")
        || starts(b"MZ")
        || starts(&[0xCF, 0xFA, 0xED, 0xFE])
        || starts(&[0xCE, 0xFA, 0xED, 0xFE])
        || starts(&[0xCA, 0xFE, 0xBA, 0xBE])
        || starts(b"\0asm")
        || starts(b"#!")
    {
        Magic::Executable
    } else if starts(&[0x89, b'P', b'N', b'G'])
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF8")
        || (starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
    {
        Magic::Image
    } else if starts(&[0x1F, 0x8B]) || starts(b"Rar!") || starts(b"7z\xBC\xAF\x27\x1C") {
        Magic::Archive
    } else {
        Magic::Unknown
    }
}

/// The lower-case extension of a file name (`"Báo cáo.DOCX"` → `"docx"`).
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

fn unreadable(name: &str, why: &str) -> ReadError {
    ReadError::unreadable(format!("Không đọc được tệp «{name}»: {why}"))
}

/// What a file's bytes are, by the one rule every caller uses (the CLI, the page's file
/// reader, and the page's text box when it opens a file): see [`sniff`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip package: read by the Word or Excel reader (which may still refuse it).
    Package,
    /// Text, decoded, that [`read_text`] accepts.
    Text(encoding::Decoded),
}

/// Finds what a file is by its first bytes first (a .docx renamed .txt is still a package), its
/// extension second (to explain what a broken file was meant to be), without reading a package.
///
/// Text is decoded (UTF-8, UTF-16 or Windows-1258) and refused when [`read_text`] would refuse
/// it, so that a caller that shows the text before checking it (the page's text box) never
/// shows, or keeps, a program's bytes. Empty, oversized, old Office 97–2003, password-protected,
/// PDF, image, archive and program files are refused with a Vietnamese reason.
///
/// ```
/// use kiemso::read::{sniff, Sniffed};
/// assert_eq!(sniff(b"PK\x03\x04 rest", "bao-cao.txt"), Ok(Sniffed::Package));
/// assert!(matches!(sniff("Biểu mẫu số 01".as_bytes(), "a.csv"), Ok(Sniffed::Text(d)) if d.text == "Biểu mẫu số 01"));
/// assert!(sniff(b"\x7FELF\x02\x01", "bao-cao.txt").unwrap_err().to_string().contains("chương trình"));
/// ```
pub fn sniff(bytes: &[u8], name: &str) -> Result<Sniffed, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            what: format!("Tệp «{name}»"),
            limit: megabytes(MAX_FILE_BYTES),
        });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let ext = extension(name);
    match magic(bytes) {
        Magic::Zip => Ok(Sniffed::Package),
        Magic::Ole => Err(unreadable(name, &ole_reason(bytes, &ext))),
        Magic::Pdf => Err(unreadable(
            name,
            "đây là tệp PDF. Hãy mở báo cáo gốc (.docx, .xlsx) hoặc sao chép các bảng từ PDF rồi dán vào.",
        )),
        Magic::Rtf => Err(unreadable(
            name,
            "đây là tệp RTF. Hãy mở bằng Word và lưu thành .docx.",
        )),
        Magic::Executable => Err(unreadable(
            name,
            "đây là một chương trình máy tính, không phải báo cáo. Hãy chọn tệp .docx, .xlsx, .csv hoặc .txt.",
        )),
        Magic::Image => Err(unreadable(
            name,
            "đây là tệp ảnh. Kiểm số chỉ đọc được chữ và số: hãy chọn tệp .docx, .xlsx, .csv hoặc .txt.",
        )),
        Magic::Archive => Err(unreadable(
            name,
            "đây là tệp nén (.gz, .rar, .7z). Hãy giải nén rồi chọn tệp báo cáo bên trong.",
        )),
        Magic::Unknown => {
            if let Some(kind) = office_extension(&ext) {
                return Err(unreadable(
                    name,
                    &format!("tệp có đuôi .{ext} nhưng nội dung không phải {kind}: tệp bị hỏng, chưa tải xong, hoặc bị đổi tên. Hãy mở bằng {} và lưu lại.", office_app(&ext)),
                ));
            }
            let decoded = encoding::decode(bytes)?;
            text::usable(&decoded.text)?;
            Ok(Sniffed::Text(decoded))
        }
    }
}

/// Reads a file as [`sniff`] finds it: a package by the Word or Excel reader, text by
/// [`read_text`].
///
/// Reads .docx, .xlsx (and their macro and template variants), and text (.txt, .csv, .tsv or
/// anything else) in UTF-8, UTF-16 or Windows-1258. Refuses, with a Vietnamese reason, empty,
/// oversized, truncated or corrupt files, old Office 97–2003 files, password-protected files,
/// PDFs, images and programs.
///
/// ```
/// use kiemso::read::{read_file, ReadError};
/// let err = read_file(b"\x7FELF\x02\x01\x01\0\0\0", "bao-cao.docx").unwrap_err();
/// assert!(err.to_string().contains("chương trình"));
/// assert_eq!(read_file(b"", "trong.xlsx"), Err(ReadError::Empty));
/// ```
pub fn read_file(bytes: &[u8], name: &str) -> Result<FileContents, ReadError> {
    match sniff(bytes, name)? {
        Sniffed::Package => read_zip(bytes, name, &extension(name)),
        Sniffed::Text(decoded) => {
            let document = read_text(&decoded.text)?;
            let mut file = FileContents::of(Format::Text, document);
            if let Some(message) = decoded.encoding.note() {
                file.notes.push(Note {
                    line: None,
                    message,
                });
            }
            Ok(file)
        }
    }
}

/// What an Office extension promises, when it is one.
fn office_extension(ext: &str) -> Option<&'static str> {
    match ext {
        "docx" | "docm" | "dotx" | "dotm" => Some("tài liệu Word (.docx)"),
        "xlsx" | "xlsm" | "xltx" | "xltm" => Some("bảng tính Excel (.xlsx)"),
        _ => None,
    }
}

fn office_app(ext: &str) -> &'static str {
    if ext.starts_with('x') {
        "Excel"
    } else {
        "Word"
    }
}

fn ole_reason(bytes: &[u8], ext: &str) -> String {
    // Office encrypts a password-protected .docx/.xlsx into an OLE file with these streams,
    // named in UTF-16.
    let encrypted: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(encrypted.len()).any(|w| w == encrypted) {
        return "tệp được đặt mật khẩu. Hãy mở bằng Word/Excel, bỏ mật khẩu rồi lưu lại.".into();
    }
    let app = if ext.starts_with('x') {
        "Excel"
    } else {
        "Word hoặc Excel"
    };
    format!(
        "đây là định dạng Office 97–2003 (.doc, .xls), Kiểm số chưa đọc được. Hãy mở bằng {app} và lưu thành .docx hoặc .xlsx."
    )
}

/// Without the `files` feature (the page's small first module), Word and Excel files are read
/// by the complete module; this one says so rather than guessing.
#[cfg(not(feature = "files"))]
fn read_zip(_bytes: &[u8], name: &str, _ext: &str) -> Result<FileContents, ReadError> {
    Err(unreadable(
        name,
        "phần đọc tệp Word/Excel chưa được tải. Hãy kiểm tra kết nối mạng rồi mở lại tệp.",
    ))
}

#[cfg(feature = "files")]
fn read_zip(bytes: &[u8], name: &str, ext: &str) -> Result<FileContents, ReadError> {
    let archive = archive::Archive::open(bytes, name)?;
    if let Some(mime) = archive.text("mimetype")? {
        if mime.contains("opendocument") {
            return Err(unreadable(
                name,
                "đây là tệp OpenDocument (.odt, .ods). Hãy mở bằng LibreOffice hoặc Office và lưu thành .docx hoặc .xlsx.",
            ));
        }
    }
    match archive::main_part(&archive)? {
        Some(part) if part.starts_with("word/") => docx::read(&archive, &part),
        Some(part) if part.starts_with("xl/") => xlsx::read(&archive, &part),
        _ => {
            let why = match office_extension(ext) {
                Some(kind) => format!("tệp nén này không chứa {kind}: tệp bị hỏng hoặc bị đổi tên."),
                None => "đây là tệp nén (.zip) nhưng không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx).".into(),
            };
            Err(unreadable(name, &why))
        }
    }
}

/// A file inside a .zip: its path in the archive and its bytes.
pub type ZipEntry = (String, Vec<u8>);

/// The files inside a .zip that is not a Word or Excel file (reports sent together), by their
/// path in the archive, read under the same limits as a .docx; `None` when `bytes` is a Word or
/// Excel package, or not a zip at all.
#[cfg(feature = "files")]
pub fn unzip(bytes: &[u8], name: &str) -> Result<Option<Vec<ZipEntry>>, ReadError> {
    if !matches!(magic(bytes), Magic::Zip) {
        return Ok(None);
    }
    let archive = archive::Archive::open(bytes, name)?;
    if archive::main_part(&archive)?.is_some() {
        return Ok(None);
    }
    archive::files(&archive).map(Some)
}

impl StoredValue {
    /// One Vietnamese sentence: where the cell is, what it stores, and its formula.
    pub fn describe(&self) -> String {
        let stored = crate::number::format_vi(self.stored, self.stored.scale());
        let formula = self
            .formula
            .as_ref()
            .map(|f| format!(" (công thức ={f})"))
            .unwrap_or_default();
        if self.rounded {
            format!(
                "Trong bảng tính, ô {} của trang «{}» lưu giá trị {stored}{formula} và hiển thị {}; Kiểm số kiểm tra theo số hiển thị, như khi in.",
                self.cell, self.sheet, self.shown
            )
        } else {
            format!(
                "Trong bảng tính, ô {} của trang «{}» có công thức ={}.",
                self.cell,
                self.sheet,
                self.formula.as_deref().unwrap_or_default()
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert_eq!(extension("Báo cáo Q3.DOCX"), "docx");
        assert_eq!(extension("C:\\tmp\\a.b\\bao-cao"), "");
        assert_eq!(extension(".bashrc"), "");
        assert_eq!(extension("bang.tsv"), "tsv");
    }

    #[test]
    fn refusals_name_the_file_and_say_why() {
        let cases: [(&[u8], &str, &str); 6] = [
            (b"%PDF-1.7\n", "a.pdf", "PDF"),
            (b"MZ\x90\0\x03", "setup.docx", "chương trình"),
            (
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
                "cu.xls",
                "Office 97–2003",
            ),
            (b"\x89PNG\r\n\x1a\n", "anh.png", "ảnh"),
            (
                b"Not a zip at all",
                "bang.xlsx",
                "không phải bảng tính Excel",
            ),
            (b"{\\rtf1\\ansi", "a.rtf", "RTF"),
        ];
        for (bytes, name, why) in cases {
            let e = read_file(bytes, name).unwrap_err().to_string();
            assert!(e.contains(name) && e.contains(why), "{name}: {e}");
        }
    }

    #[test]
    fn password_protected_office_files_are_named_as_such() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let e = read_file(&bytes, "bao-cao.docx").unwrap_err().to_string();
        assert!(e.contains("mật khẩu"), "{e}");
    }

    /// The tests that build a hostile input (amplification: shared strings, far columns,
    /// spanning cells, one format in thousands of styles, lines of tabs), run again by
    /// [`amplification_is_refused_within_two_gigabytes`] under a memory limit.
    #[cfg(feature = "files")]
    const AMPLIFICATION: [&str; 5] = [
        "read::xlsx::tests::one_shared_string_in_thousands_of_cells_is_refused_within_the_text_budget",
        "read::xlsx::tests::cells_far_apart_count_every_column_between",
        "read::xlsx::tests::one_long_format_code_in_thousands_of_styles_is_parsed_once",
        "read::docx::tests::cells_spanning_many_columns_count_every_column",
        "read::text::tests::rows_of_empty_cells_count_every_cell",
    ];

    /// Runs [`AMPLIFICATION`] in a child process of this test binary whose address space is
    /// limited to 2 GB (`ulimit -v`): each hostile file must be refused or read within it,
    /// where before they took 3 to 10 GB. Each test also bounds its own time.
    #[cfg(all(unix, feature = "files"))]
    #[test]
    fn amplification_is_refused_within_two_gigabytes() {
        if std::env::var_os("KIEMSO_MEMORY_LIMITED").is_some() {
            return;
        }
        let exe = std::env::current_exe().unwrap();
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(r#"ulimit -v 2097152 && exec "$0" "$@""#)
            .arg(exe)
            .args(["--exact", "--test-threads=1"])
            .args(AMPLIFICATION)
            .env("KIEMSO_MEMORY_LIMITED", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains(&format!("{} passed", AMPLIFICATION.len())),
            "{stdout}"
        );
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(matches!(
            read_file(&big, "a.txt"),
            Err(ReadError::TooLarge { .. })
        ));
    }

    /// The page opens a .txt into its text box: what it shows must be what the reader would read,
    /// by content, whatever the name (a renamed .docx is a package, a renamed program or binary
    /// is refused, never shown as text).
    #[test]
    fn sniffing_decides_by_content_not_by_name() {
        assert_eq!(
            sniff(b"PK\x03\x04 any", "bao-cao.txt"),
            Ok(Sniffed::Package)
        );
        for (bytes, name) in [
            (&b"MZ\x90\0\x03\0\0\0"[..], "bao-cao.txt"),
            (&b"\x7FELF\x02\x01\x01\0"[..], "bieu.tsv"),
            (&b"Bi\xEAu\0\0\0m\xE2u"[..], "ghi-chu.txt"),
        ] {
            assert!(sniff(bytes, name).is_err(), "{name} was taken as text");
            assert_eq!(
                sniff(bytes, name).map(|_| ()),
                read_file(bytes, name).map(|_| ()),
                "{name}: sniff and read_file disagree"
            );
        }
        match sniff(b"Bi\xEA\xD2u m\xE2\xDEu s\xF4\xEC 01", "bieu.txt") {
            Ok(Sniffed::Text(d)) => {
                assert_eq!(d.text, "Biểu mẫu số 01");
                assert!(d.encoding.note().is_some());
            }
            other => panic!("{other:?}"),
        }
    }
}
