//! The unit's own file, annotated: a copy of the opened .xlsx or .docx with each problem cell
//! highlighted and a comment on it saying what is wrong, as the letter words it (the check, then
//! what the checks say it should be or the likely culprit and its suggested value).
//!
//! The original bytes are never modified. The copy is the original zip with only the parts that
//! need a change rewritten: for a workbook `styles.xml` (a highlight fill, and for each style of a
//! marked cell a clone with that fill, so that number formats survive), the marked sheets (the
//! cells' `s`, a `<legacyDrawing>` when the sheet had no notes), their comments and the VML
//! drawing Excel shows notes with, their relationships and `[Content_Types].xml`; for a Word
//! document `document.xml` (`w:shd` in the cells' `w:tcPr`, the comment anchors in the cell's
//! paragraph), `comments.xml`, the relationships and the content types. Every other entry is
//! copied as it was stored, compressed bytes included. Comments the file already has are kept;
//! a note on a cell that already has one is added to it.
//!
//! Where each cell is comes from the reader ([`crate::read::Spot`], found by
//! [`crate::check_file_placed`]); a problem whose cell could not be placed (a sentence of the
//! narrative, a cell the file does not have) is counted in [`Annotated::unplaced`], for the
//! caller to say and for the letter to carry.

use super::letter::xml_text;
use super::{problems, status_word, Cells, ExportError, Problem};
use crate::outcome::{Outcome, Status};
use crate::read::archive::{resolve, Archive};
use crate::read::xlsx::column_name;
use crate::read::xml::{tag_at, walk_at, Event, Flow};
use crate::read::{At, Format as FileFormat, Spot, Spots};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Write};

/// The highlight of a failed check (light red, Excel's «Bad») and of a warning (light yellow).
const FAIL_FILL: &str = "FFC7CE";
const WARN_FILL: &str = "FFEB9C";
/// Who the comments are from.
const AUTHOR: &str = "Kiểm số";

const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const SHEET_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const WORD_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const VML_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
const SHEET_COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
const WORD_COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const VML_TYPE: &str = "application/vnd.openxmlformats-officedocument.vmlDrawing";

/// The annotated copy and what it could not mark.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// The copy of the file.
    pub bytes: Vec<u8>,
    /// How many cells are highlighted (a cell several checks are about is one).
    pub cells: usize,
    /// How many paragraphs of a Word document's narrative have a comment (a sentence the
    /// checks found at odds with the tables).
    pub paragraphs: usize,
    /// How many problems are marked on a cell.
    pub placed: usize,
    /// The problems not marked, each as the letter names it («Biểu mẫu số 03, dòng 3.1: …»,
    /// «Lời văn, dòng 12: …»): a sentence of the narrative, or a cell not found in the file.
    pub unplaced: Vec<String>,
}

/// One cell to mark: where, how bad, and what its comment says.
struct Mark {
    spot: Spot,
    fail: bool,
    lines: Vec<String>,
    /// How many problems are about this very cell (not as a likely culprit).
    problems: usize,
}

/// Annotates `original` (the .xlsx or .docx `outcome` was checked from, `format` as the reader
/// found it), with `spots` from [`crate::check_file_placed`].
pub fn annotate(
    original: &[u8],
    format: FileFormat,
    outcome: &Outcome,
    spots: &Spots,
) -> Result<Annotated, ExportError> {
    let (marks, mut placed, mut unplaced) = marks(outcome, spots);
    let mut zip = Package::open(original)?;
    let lost = match format {
        FileFormat::Xlsx => {
            xlsx(&mut zip, &marks)?;
            Vec::new()
        }
        FileFormat::Docx => docx(&mut zip, &marks)?,
        FileFormat::Text => {
            return Err(ExportError(
                "Chỉ đánh dấu được tệp Excel (.xlsx) hoặc Word (.docx) đã mở; với số liệu dán \
                 vào, hãy tải «Bảng có đánh dấu» (.xlsx)."
                    .into(),
            ))
        }
    };
    // A cell the reader saw but the writer did not find again is said, never dropped.
    for &k in &lost {
        let m = &marks[k];
        placed = placed.saturating_sub(m.problems);
        for line in &m.lines {
            unplaced.push(format!("Ô không tìm thấy lại trong tệp: {line}"));
        }
    }
    let paragraphs = marks
        .iter()
        .enumerate()
        .filter(|(k, m)| matches!(m.spot.at, At::Paragraph { .. }) && !lost.contains(k))
        .count();
    Ok(Annotated {
        bytes: zip.finish()?,
        cells: marks.len() - lost.len() - paragraphs,
        paragraphs,
        placed,
        unplaced,
    })
}

/// The marks, one a cell, in the order of the file; how many problems they carry; the problems
/// left unplaced.
fn marks(outcome: &Outcome, spots: &Spots) -> (Vec<Mark>, usize, Vec<String>) {
    let cells = Cells::of(outcome);
    let list = problems(outcome, &cells);
    let mut marks: BTreeMap<(String, At), Mark> = BTreeMap::new();
    let mut add = |spot: &Spot, fail: bool, line: String, own: bool| {
        let mark = marks
            .entry((spot.part.clone(), spot.at))
            .or_insert_with(|| Mark {
                spot: spot.clone(),
                fail: false,
                lines: Vec::new(),
                problems: 0,
            });
        mark.fail |= fail;
        mark.problems += usize::from(own);
        if !mark.lines.contains(&line) {
            mark.lines.push(line);
        }
    };
    let mut placed = 0;
    let mut unplaced = Vec::new();
    for p in &list {
        let fail = p.check.status == Status::Fail;
        // A table cell; else, for a sentence of the narrative, its paragraph.
        let spot = match p.cell {
            Some(c) => spots.cells.get(c),
            None => p.check.line.and_then(|l| spots.lines.get(&l)),
        };
        match spot {
            Some(spot) => {
                add(spot, fail, comment(p), true);
                placed += 1;
            }
            None => unplaced.push(describe(p)),
        }
        // The likely culprit, when it is another cell: marked too, so that the unit looks there.
        let best = p
            .check
            .suggestions
            .first()
            .and_then(|&k| outcome.suggestions.get(k));
        if let Some(s) = best.filter(|s| Some(s.cell.as_str()) != p.cell) {
            if let Some(spot) = spots.cells.get(&s.cell) {
                add(spot, fail, s.message.clone(), false);
            }
        }
    }
    let mut marks: Vec<Mark> = marks.into_values().collect();
    marks.sort_by(|a, b| (&a.spot.part, a.spot.at).cmp(&(&b.spot.part, b.spot.at)));
    (marks, placed, unplaced)
}

/// What a comment says about a problem: its severity and the rule, then what the checks say the
/// figure should be (the letter's «Theo kiểm tra»).
fn comment(p: &Problem<'_>) -> String {
    let mut s = format!("{}: {}", p.severity, p.rule);
    if !p.should.is_empty() && p.should != p.reported {
        s.push_str(&format!(
            " Theo kiểm tra: {}.",
            p.should.trim_end_matches('.')
        ));
    }
    s
}

/// A problem not marked, as the letter names it.
fn describe(p: &Problem<'_>) -> String {
    let place = match (p.form.is_empty(), p.stt.is_empty()) {
        (false, false) if p.form == "Lời văn" => format!("{}, {}", p.form, p.stt),
        (false, false) => format!("{}, dòng {}", p.form, p.stt),
        (false, true) => p.form.clone(),
        _ => String::new(),
    };
    let what = format!("{} — {}", status_word(p.check.status), p.rule);
    if place.is_empty() {
        what
    } else {
        format!("{place}: {what}")
    }
}

// ---------------------------------------------------------------------------------------------
// The zip: parts read on demand, rewritten parts and new ones, everything else copied raw.

struct Package<'a> {
    /// For copying entries as stored.
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// For reading parts: the readers' own, under their limits (and no second inflater in the
    /// writers' module).
    parts: Archive<'a>,
    /// Lower-cased entry name → index (part names are case-insensitive).
    names: HashMap<String, usize>,
    /// Rewritten or new parts, by lower-cased name: (name as written, bytes).
    changed: BTreeMap<String, (String, Vec<u8>)>,
}

fn broken(why: impl std::fmt::Display) -> ExportError {
    ExportError(format!(
        "Không đánh dấu được tệp gốc: {why}. Hãy mở tệp bằng Excel/Word, lưu lại rồi thử lại; \
         phiếu rà soát (.docx) vẫn tải được."
    ))
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Package<'a>, ExportError> {
        let parts = Archive::open(bytes, "tệp gốc").map_err(broken)?;
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| broken(format!("tệp không phải zip hợp lệ ({e})")))?;
        let names = archive
            .file_names()
            .filter_map(|n| {
                archive
                    .index_for_name(n)
                    .map(|i| (n.to_ascii_lowercase(), i))
            })
            .collect();
        Ok(Package {
            archive,
            parts,
            names,
            changed: BTreeMap::new(),
        })
    }

    fn has(&self, name: &str) -> bool {
        let key = name.to_ascii_lowercase();
        self.names.contains_key(&key) || self.changed.contains_key(&key)
    }

    /// A part as UTF-8 text (a byte-order mark dropped, as the reader does, so that the
    /// reader's offsets hold): the rewritten version if there is one.
    fn text(&mut self, name: &str) -> Result<Option<String>, ExportError> {
        let key = name.to_ascii_lowercase();
        if let Some((_, bytes)) = self.changed.get(&key) {
            return Ok(Some(String::from_utf8_lossy(bytes).into_owned()));
        }
        let Some(&i) = self.names.get(&key) else {
            return Ok(None);
        };
        // The name as the zip spells it, as the readers look it up.
        let stored = self.archive.name_for_index(i).unwrap_or(name).to_string();
        let Some(bytes) = self.parts.read(&stored).map_err(broken)? else {
            return Ok(None);
        };
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8(body.to_vec())
            .map(Some)
            .map_err(|_| broken(format!("phần «{name}» không phải văn bản UTF-8")))
    }

    fn put(&mut self, name: &str, text: String) {
        // A rewritten part keeps its name as the zip spells it.
        let key = name.to_ascii_lowercase();
        let written = self
            .names
            .get(&key)
            .and_then(|&i| self.archive.name_for_index(i))
            .map_or_else(|| name.to_string(), str::to_string);
        self.changed.insert(key, (written, text.into_bytes()));
    }

    /// A part name not yet taken: `xl/comments3.xml` for `("xl/comments", ".xml")`.
    fn free_name(&self, stem: &str, ext: &str) -> String {
        (1..)
            .map(|n| format!("{stem}{n}{ext}"))
            .find(|n| !self.has(n))
            .unwrap_or_default()
    }

    fn finish(mut self) -> Result<Vec<u8>, ExportError> {
        let failed = |e: zip::result::ZipError| broken(format!("lỗi khi ghi zip ({e})"));
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut written = HashSet::new();
        for i in 0..self.archive.len() {
            let name = self
                .archive
                .name_for_index(i)
                .unwrap_or_default()
                .to_string();
            let key = name.to_ascii_lowercase();
            match self.changed.get(&key) {
                Some((_, bytes)) if written.insert(key.clone()) => {
                    out.start_file(name, options).map_err(failed)?;
                    out.write_all(bytes).map_err(broken)?;
                }
                // A name listed twice: the first one is the part (as the reader takes it).
                Some(_) => {}
                None => {
                    let file = self.archive.by_index_raw(i).map_err(failed)?;
                    out.raw_copy_file(file).map_err(failed)?;
                }
            }
        }
        for (key, (name, bytes)) in &self.changed {
            if written.insert(key.clone()) {
                out.start_file(name.as_str(), options).map_err(failed)?;
                out.write_all(bytes).map_err(broken)?;
            }
        }
        Ok(out.finish().map_err(failed)?.into_inner())
    }
}

// ---------------------------------------------------------------------------------------------
// XML: an index of a part's elements by their spans, and edits spliced in.

struct Node {
    /// The open tag's span.
    span: (usize, usize),
    /// Where its end tag starts (its open tag's end for an empty element).
    close: usize,
    /// Just after its end tag.
    end: usize,
    depth: usize,
}

struct Xml {
    text: String,
    nodes: Vec<Node>,
    /// Edits: (from, to, replacement), spliced in by [`Xml::finish`].
    edits: Vec<(usize, usize, String)>,
}

impl Xml {
    fn parse(text: String, part: &str) -> Result<Xml, ExportError> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let bytes = text.as_bytes();
        walk_at(&text, part, |e, at| {
            match e {
                Event::Open(tag) => {
                    nodes.push(Node {
                        span: tag.span(),
                        close: tag.span().1,
                        end: tag.span().1,
                        depth: open.len(),
                    });
                    open.push(nodes.len() - 1);
                }
                Event::Close(_) => {
                    if let Some(k) = open.pop() {
                        let node = &mut nodes[k];
                        if at >= node.span.1 {
                            node.close = at;
                            let gt = bytes[at..].iter().position(|&b| b == b'>');
                            node.end = gt.map_or(at, |g| at + g + 1);
                        }
                    }
                }
                Event::Text(_) => {}
            }
            Flow::Enter
        })
        .map_err(broken)?;
        Ok(Xml {
            text,
            nodes,
            edits: Vec::new(),
        })
    }

    fn tag(&self, k: usize) -> Option<crate::read::xml::Tag<'_>> {
        tag_at(&self.text, self.nodes[k].span)
    }

    fn name(&self, k: usize) -> &str {
        self.tag(k).map_or("", |t| {
            let q = t.qname();
            q.rsplit_once(':').map_or(q, |(_, l)| l)
        })
    }

    /// `w:` for `w:tc`, `` for `row`.
    fn prefix(&self, k: usize) -> String {
        self.tag(k)
            .and_then(|t| t.qname().rsplit_once(':').map(|(p, _)| format!("{p}:")))
            .unwrap_or_default()
    }

    fn attr(&self, k: usize, name: &str) -> Option<String> {
        self.tag(k)?.attr(name)
    }

    fn is_empty(&self, k: usize) -> bool {
        self.tag(k).is_some_and(|t| t.is_empty())
    }

    fn children(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        let depth = self.nodes[k].depth + 1;
        let end = self.nodes[k].end;
        (k + 1..self.nodes.len())
            .take_while(move |&i| self.nodes[i].span.0 < end)
            .filter(move |&i| self.nodes[i].depth == depth)
    }

    fn child(&self, k: usize, name: &str) -> Option<usize> {
        self.children(k).find(|&c| self.name(c) == name)
    }

    fn first(&self, name: &str) -> Option<usize> {
        (0..self.nodes.len()).find(|&i| self.name(i) == name)
    }

    fn edit(&mut self, from: usize, to: usize, with: String) {
        self.edits.push((from, to, with));
    }

    /// Inserts `inner` as the last content of element `k`, opening it up if it is empty.
    fn append_inside(&mut self, k: usize, inner: &str) {
        let node = &self.nodes[k];
        if self.is_empty(k) {
            let tag = &self.text[node.span.0..node.span.1];
            let qname = self.tag(k).map_or("", |t| t.qname()).to_string();
            let open = format!("{}>", tag.trim_end_matches('>').trim_end_matches('/'));
            let (a, b) = node.span;
            self.edit(a, b, format!("{open}{inner}</{qname}>"));
        } else {
            let at = node.close;
            self.edit(at, at, inner.to_string());
        }
    }

    /// The open tag of element `k` with attribute `name` set to `value` (replaced or added).
    fn set_attr(&mut self, k: usize, name: &str, value: &str) {
        let (a, b) = self.nodes[k].span;
        let tag = self.text[a..b].to_string();
        self.edit(a, b, with_attr(&tag, name, value));
    }

    /// Sets `count="…"` of element `k` to its number of children plus `more`.
    fn recount(&mut self, k: usize, more: usize) {
        if self.attr(k, "count").is_some() {
            let n = self.children(k).count() + more;
            self.set_attr(k, "count", &n.to_string());
        }
    }

    fn finish(mut self) -> String {
        // Stable: edits at one place keep the order they were made in.
        self.edits.sort_by_key(|e| (e.0, e.1));
        let mut out = String::with_capacity(self.text.len() + 4096);
        let mut at = 0;
        for (from, to, with) in &self.edits {
            if *from < at {
                // Overlapping edits are never made; kept out rather than corrupt the part.
                continue;
            }
            out.push_str(&self.text[at..*from]);
            out.push_str(with);
            at = *to;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// `tag` (an open tag as written) with the attribute `name` (unprefixed) set to `value`.
fn with_attr(tag: &str, name: &str, value: &str) -> String {
    let value = xml_text(value);
    let needle = format!(" {name}=");
    let found = tag.find(&needle).or_else(|| {
        // Another whitespace before it.
        tag.match_indices(&format!("{name}="))
            .map(|(i, _)| i)
            .find(|&i| i > 0 && tag.as_bytes()[i - 1].is_ascii_whitespace())
            .map(|i| i - 1)
    });
    if let Some(i) = found {
        let start = i + needle.len();
        if let Some(q) = tag[start..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
        {
            if let Some(len) = tag[start + 1..].find(q) {
                return format!(
                    "{}{q}{value}{q}{}",
                    &tag[..start],
                    &tag[start + 1 + len + 1..]
                );
            }
        }
    }
    let (head, tail) = if let Some(h) = tag.strip_suffix("/>") {
        (h.trim_end(), "/>")
    } else {
        (tag.strip_suffix('>').unwrap_or(tag).trim_end(), ">")
    };
    format!("{head} {name}=\"{value}\"{tail}")
}

fn rels_name(part: &str) -> (String, String) {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    (dir.to_string(), rels)
}

/// A part's relationships, to add to.
struct Rels {
    name: String,
    dir: String,
    xml: Xml,
}

impl Rels {
    fn load(zip: &mut Package<'_>, part: &str) -> Result<Rels, ExportError> {
        let (dir, name) = rels_name(part);
        let text = zip.text(&name)?.unwrap_or_else(|| {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
                 <Relationships xmlns=\"{PKG_REL_NS}\"></Relationships>"
            )
        });
        Ok(Rels {
            xml: Xml::parse(text, &name)?,
            name,
            dir,
        })
    }

    /// The (id, part) of the first relationship whose type ends with `/kind`.
    fn find(&self, kind: &str) -> Option<(String, String)> {
        let x = &self.xml;
        (0..x.nodes.len())
            .filter(|&i| x.name(i) == "Relationship")
            .filter(|&i| x.attr(i, "TargetMode").as_deref() != Some("External"))
            .find(|&i| {
                x.attr(i, "Type")
                    .is_some_and(|t| t.rsplit('/').next() == Some(kind))
            })
            .and_then(|i| Some((x.attr(i, "Id")?, resolve(&self.dir, &x.attr(i, "Target")?))))
    }

    /// Adds a relationship to `target` (a part name), returning its id.
    fn add(&mut self, kind: &str, target: &str) -> String {
        let x = &self.xml;
        let ids: HashSet<String> = (0..x.nodes.len()).filter_map(|i| x.attr(i, "Id")).collect();
        let id = (1..)
            .map(|n| format!("rIdKs{n}"))
            .find(|id| !ids.contains(id))
            .unwrap_or_default();
        let relative = relative_to(&self.dir, target);
        if let Some(root) = self.xml.first("Relationships") {
            let p = self.xml.prefix(root);
            self.xml.append_inside(
                root,
                &format!(
                    "<{p}Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{}\"/>",
                    xml_text(&relative)
                ),
            );
        }
        id
    }

    fn save(self, zip: &mut Package<'_>) {
        // Unchanged relationships stay the entry they were, bytes and all.
        if !self.xml.edits.is_empty() {
            zip.put(&self.name, self.xml.finish());
        }
    }
}

/// `target` (a part name) relative to the directory `dir`.
fn relative_to(dir: &str, target: &str) -> String {
    let from: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to[common..]);
    out.join("/")
}

/// `[Content_Types].xml`, to declare new parts in.
fn declare(
    zip: &mut Package<'_>,
    overrides: &[(String, &str)],
    vml: bool,
) -> Result<(), ExportError> {
    const NAME: &str = "[Content_Types].xml";
    let text = zip
        .text(NAME)?
        .ok_or_else(|| broken("thiếu phần [Content_Types].xml"))?;
    let mut x = Xml::parse(text, NAME)?;
    let root = x
        .first("Types")
        .ok_or_else(|| broken("[Content_Types].xml không có <Types>"))?;
    let p = x.prefix(root);
    let mut add = String::new();
    if vml {
        let has = (0..x.nodes.len()).any(|i| {
            x.name(i) == "Default"
                && x.attr(i, "Extension")
                    .is_some_and(|e| e.eq_ignore_ascii_case("vml"))
        });
        if !has {
            add.push_str(&format!(
                "<{p}Default Extension=\"vml\" ContentType=\"{VML_TYPE}\"/>"
            ));
        }
    }
    for (part, kind) in overrides {
        add.push_str(&format!(
            "<{p}Override PartName=\"/{}\" ContentType=\"{kind}\"/>",
            xml_text(part)
        ));
    }
    if !add.is_empty() {
        x.append_inside(root, &add);
        zip.put(NAME, x.finish());
    }
    Ok(())
}

/// The part the content types declare with `kind`, if any.
fn part_of_type(zip: &mut Package<'_>, kind: &str) -> Result<Option<String>, ExportError> {
    const NAME: &str = "[Content_Types].xml";
    let Some(text) = zip.text(NAME)? else {
        return Ok(None);
    };
    let x = Xml::parse(text, NAME)?;
    Ok((0..x.nodes.len())
        .filter(|&i| x.name(i) == "Override")
        .find(|&i| x.attr(i, "ContentType").as_deref() == Some(kind))
        .and_then(|i| x.attr(i, "PartName"))
        .map(|p| p.trim_start_matches('/').to_string()))
}

// ---------------------------------------------------------------------------------------------
// Workbooks.

/// `D6` → (row 6, column 3): the reader's parse of a reference, row first.
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    crate::read::xlsx::cell_ref(r).map(|(col, row)| (row, col))
}

fn xlsx(zip: &mut Package<'_>, marks: &[Mark]) -> Result<(), ExportError> {
    if marks.is_empty() {
        return Ok(());
    }
    let styles_name = part_of_type(
        zip,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
    )?
    .ok_or_else(|| broken("bảng tính không có phần định dạng (styles.xml)"))?;
    let styles_text = zip
        .text(&styles_name)?
        .ok_or_else(|| broken("thiếu phần định dạng của bảng tính"))?;
    let mut styles = Xml::parse(styles_text, &styles_name)?;
    let xfs_node = styles
        .first("cellXfs")
        .ok_or_else(|| broken("phần định dạng không có <cellXfs>"))?;
    let fills_node = styles
        .first("fills")
        .ok_or_else(|| broken("phần định dạng không có <fills>"))?;
    let xfs: Vec<usize> = styles.children(xfs_node).collect();
    let fill_count = styles.children(fills_node).count();
    // The two fills, appended: their ids are the count so far and one more.
    let fp = styles.prefix(fills_node);
    let fill = |rgb: &str| {
        format!(
            "<{fp}fill><{fp}patternFill patternType=\"solid\"><{fp}fgColor rgb=\"FF{rgb}\"/>\
             <{fp}bgColor indexed=\"64\"/></{fp}patternFill></{fp}fill>"
        )
    };
    styles.append_inside(
        fills_node,
        &format!("{}{}", fill(FAIL_FILL), fill(WARN_FILL)),
    );
    styles.recount(fills_node, 2);
    // Each (style, severity) of a marked cell gets one clone.
    let mut clones: BTreeMap<(usize, bool), usize> = BTreeMap::new();
    let mut new_xfs = String::new();

    let mut by_sheet: BTreeMap<&str, Vec<&Mark>> = BTreeMap::new();
    for m in marks {
        by_sheet.entry(m.spot.part.as_str()).or_default().push(m);
    }
    let mut overrides: Vec<(String, &str)> = Vec::new();
    let mut any_vml = false;
    for (part, marks) in by_sheet {
        let text = zip
            .text(part)?
            .ok_or_else(|| broken(format!("thiếu trang tính «{part}»")))?;
        let mut sheet = Xml::parse(text, part)?;
        let data = sheet
            .first("sheetData")
            .ok_or_else(|| broken(format!("trang tính «{part}» không có <sheetData>")))?;
        let p = sheet.prefix(data);
        // Rows and their cells, with the numbers a reader gives those that omit `r`.
        let mut rows: BTreeMap<usize, (usize, BTreeMap<usize, usize>)> = BTreeMap::new();
        let mut row_no = 0;
        for r in sheet
            .children(data)
            .filter(|&r| sheet.name(r) == "row")
            .collect::<Vec<_>>()
        {
            row_no = sheet
                .attr(r, "r")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(row_no + 1);
            let mut cells = BTreeMap::new();
            let mut next = 0;
            for c in sheet.children(r).filter(|&c| sheet.name(c) == "c") {
                let col = sheet
                    .attr(c, "r")
                    .and_then(|v| cell_ref(&v))
                    .map_or(next, |(_, c)| c);
                next = col + 1;
                cells.entry(col).or_insert(c);
            }
            rows.entry(row_no).or_insert((r, cells));
        }
        let mut inserts: BTreeMap<(usize, usize), String> = BTreeMap::new();
        let mut placed_cells: Vec<(usize, usize, &Mark)> = Vec::new();
        for m in marks {
            let At::Cell { row, col } = m.spot.at else {
                continue;
            };
            let existing = rows
                .get(&row)
                .and_then(|(_, cells)| cells.get(&col))
                .copied();
            let style = existing
                .and_then(|c| sheet.attr(c, "s"))
                .and_then(|s| s.trim().parse::<usize>().ok())
                .unwrap_or(0);
            let next_index = xfs.len() + clones.len();
            let id = *clones.entry((style, m.fail)).or_insert_with(|| {
                let source = xfs.get(style).or(xfs.first()).map(|&k| {
                    let n = &styles.nodes[k];
                    styles.text[n.span.0..n.end].to_string()
                });
                let xp = styles.prefix(xfs_node);
                let fill_id = fill_count + usize::from(!m.fail);
                let clone = match source {
                    Some(xml) => {
                        // Only the open tag changes; alignment and protection inside stay.
                        let close = xml.find('>').map_or(xml.len(), |g| g + 1);
                        let open = with_attr(&xml[..close], "fillId", &fill_id.to_string());
                        let open = with_attr(&open, "applyFill", "1");
                        format!("{open}{}", &xml[close..])
                    }
                    None => format!(
                        "<{xp}xf numFmtId=\"0\" fontId=\"0\" fillId=\"{fill_id}\" borderId=\"0\" \
                         xfId=\"0\" applyFill=\"1\"/>"
                    ),
                };
                new_xfs.push_str(&clone);
                next_index
            });
            let reference = format!("{}{row}", column_name(col));
            match (existing, rows.get(&row)) {
                (Some(c), _) => sheet.set_attr(c, "s", &id.to_string()),
                (None, Some(_)) | (None, None) => {
                    inserts.insert((row, col), format!("<{p}c r=\"{reference}\" s=\"{id}\"/>"));
                }
            }
            placed_cells.push((row, col, m));
        }
        // Cells the sheet does not have (an empty value cell): inserted in order, those past a
        // row's last cell (or past the last row) together, since an empty element opens once.
        let mut tails: BTreeMap<usize, String> = BTreeMap::new();
        let mut new_rows: BTreeMap<usize, String> = BTreeMap::new();
        for ((row, col), xml) in inserts {
            match rows.get(&row) {
                Some((r, cells)) => match cells.range(col + 1..).next() {
                    Some((_, &after)) => {
                        let at = sheet.nodes[after].span.0;
                        sheet.edit(at, at, xml);
                    }
                    None => tails.entry(*r).or_default().push_str(&xml),
                },
                None => new_rows.entry(row).or_default().push_str(&xml),
            }
        }
        for (r, xml) in tails {
            sheet.append_inside(r, &xml);
        }
        let mut last_rows = String::new();
        for (row, cells) in new_rows {
            let xml = format!("<{p}row r=\"{row}\">{cells}</{p}row>");
            match rows.range(row + 1..).next() {
                Some((_, (after, _))) => {
                    let at = sheet.nodes[*after].span.0;
                    sheet.edit(at, at, xml);
                }
                None => last_rows.push_str(&xml),
            }
        }
        if !last_rows.is_empty() {
            sheet.append_inside(data, &last_rows);
        }
        // The notes.
        let mut rels = Rels::load(zip, part)?;
        let notes: Vec<(String, &Mark)> = placed_cells
            .iter()
            .map(|(row, col, m)| (format!("{}{row}", column_name(*col)), *m))
            .collect();
        let (comments_name, new_comments) = match rels.find("comments") {
            Some((_, name)) if zip.has(&name) => (name, false),
            _ => (zip.free_name("xl/comments", ".xml"), true),
        };
        let noted = sheet_comments(zip, &comments_name, new_comments, &notes)?;
        if new_comments {
            rels.add(COMMENTS_REL, &comments_name);
            overrides.push((comments_name.clone(), SHEET_COMMENTS_TYPE));
        }
        // The drawing Excel shows notes with: the sheet's, or a new one.
        let vml = match rels.find("vmlDrawing") {
            Some((_, name)) if zip.has(&name) => name,
            _ => {
                let name = zip.free_name("xl/drawings/vmlDrawing", ".vml");
                let id = rels.add(VML_REL, &name);
                legacy_drawing(&mut sheet, &id);
                any_vml = true;
                name
            }
        };
        vml_shapes(zip, &vml, &noted)?;
        rels.save(zip);
        zip.put(part, sheet.finish());
    }
    styles.append_inside(xfs_node, &new_xfs);
    styles.recount(xfs_node, clones.len());
    zip.put(&styles_name, styles.finish());
    declare(zip, &overrides, any_vml)
}

/// Adds `<legacyDrawing r:id="…"/>` where the schema puts it: before the elements that follow it
/// in a worksheet, else at the end.
fn legacy_drawing(sheet: &mut Xml, id: &str) {
    const AFTER: [&str; 8] = [
        "legacyDrawingHF",
        "drawingHF",
        "picture",
        "oleObjects",
        "controls",
        "webPublishItems",
        "tableParts",
        "extLst",
    ];
    let Some(root) = sheet.first("worksheet") else {
        return;
    };
    let p = sheet.prefix(root);
    let xml = format!("<{p}legacyDrawing xmlns:r=\"{REL_NS}\" r:id=\"{id}\"/>");
    let next = sheet
        .children(root)
        .find(|&c| AFTER.contains(&sheet.name(c)));
    match next {
        Some(c) => {
            let at = sheet.nodes[c].span.0;
            sheet.edit(at, at, xml);
        }
        None => sheet.append_inside(root, &xml),
    }
}

/// Writes the notes into the sheet's comments part (new, or the one it has: a cell with a note
/// gets ours added to it). Returns the cells that need a shape in the VML drawing (those that
/// had no note), with their row and column.
fn sheet_comments(
    zip: &mut Package<'_>,
    name: &str,
    new: bool,
    notes: &[(String, &Mark)],
) -> Result<Vec<(usize, usize)>, ExportError> {
    let text = if new {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <comments xmlns=\"{SHEET_NS}\"><authors></authors><commentList></commentList></comments>"
        )
    } else {
        zip.text(name)?.unwrap_or_default()
    };
    let mut x = Xml::parse(text, name)?;
    let root = x
        .first("comments")
        .ok_or_else(|| broken(format!("phần ghi chú «{name}» không có <comments>")))?;
    let p = x.prefix(root);
    let authors = x.child(root, "authors");
    let author_id = match authors {
        Some(a) => {
            let list: Vec<usize> = x.children(a).collect();
            let mine = list.iter().position(|&k| {
                let n = &x.nodes[k];
                x.text.get(n.span.1..n.close) == Some(AUTHOR)
            });
            match mine {
                Some(i) => i,
                None => {
                    x.append_inside(a, &format!("<{p}author>{AUTHOR}</{p}author>"));
                    list.len()
                }
            }
        }
        None => 0,
    };
    let list = x.child(root, "commentList");
    let existing: HashMap<String, usize> = list
        .map(|l| {
            x.children(l)
                .filter_map(|c| Some((x.attr(c, "ref")?.to_ascii_uppercase(), c)))
                .collect()
        })
        .unwrap_or_default();
    let runs = |m: &Mark| {
        let mut s = format!(
            "<{p}r><{p}rPr><{p}b/><{p}sz val=\"9\"/></{p}rPr><{p}t xml:space=\"preserve\">{AUTHOR}:</{p}t></{p}r>"
        );
        for line in &m.lines {
            s.push_str(&format!(
                "<{p}r><{p}rPr><{p}sz val=\"9\"/></{p}rPr><{p}t xml:space=\"preserve\">\n{}</{p}t></{p}r>",
                xml_text_keep_lines(line)
            ));
        }
        s
    };
    let mut shapes = Vec::new();
    let mut added = String::new();
    for (reference, m) in notes {
        match existing.get(reference) {
            Some(&c) => {
                // One note a cell in Excel: ours goes after what the cell's note says.
                let t = x.child(c, "text").unwrap_or(c);
                let mut inner = runs(m);
                inner.insert_str(
                    0,
                    &format!("<{p}r><{p}t xml:space=\"preserve\">\n\n</{p}t></{p}r>"),
                );
                x.append_inside(t, &inner);
            }
            None => {
                added.push_str(&format!(
                    "<{p}comment ref=\"{reference}\" authorId=\"{author_id}\"><{p}text>{}</{p}text></{p}comment>",
                    runs(m)
                ));
                if let Some((row, col)) = cell_ref(reference) {
                    shapes.push((row, col));
                }
            }
        }
    }
    match list {
        Some(l) => x.append_inside(l, &added),
        None => x.append_inside(root, &format!("<{p}commentList>{added}</{p}commentList>")),
    }
    zip.put(name, x.finish());
    Ok(shapes)
}

/// Text for XML with its line breaks kept (a note's lines).
fn xml_text_keep_lines(s: &str) -> String {
    s.split('\n').map(xml_text).collect::<Vec<_>>().join("\n")
}

/// Adds a hidden note shape for each cell to the VML drawing `name` (created when missing).
fn vml_shapes(
    zip: &mut Package<'_>,
    name: &str,
    cells: &[(usize, usize)],
) -> Result<(), ExportError> {
    const V: &str = "urn:schemas-microsoft-com:vml";
    const O: &str = "urn:schemas-microsoft-com:office:office";
    const X: &str = "urn:schemas-microsoft-com:office:excel";
    // Shape ids are unique in the workbook: past every id any drawing uses.
    let mut top = 1024usize;
    let names: Vec<String> = zip
        .names
        .keys()
        .chain(zip.changed.keys())
        .filter(|n| n.ends_with(".vml"))
        .cloned()
        .collect();
    for n in &names {
        if let Some(text) = zip.text(n)? {
            for (i, _) in text.match_indices("_x0000_s") {
                let digits: String = text[i + 8..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if let Ok(id) = digits.parse::<usize>() {
                    top = top.max(id);
                }
            }
        }
    }
    let block = top / 1024 + 1;
    let text = match zip.text(name)? {
        Some(t) => t,
        None => {
            top = block * 1024;
            format!(
                "<xml xmlns:v=\"{V}\" xmlns:o=\"{O}\" xmlns:x=\"{X}\">\
                 <o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"{block}\"/></o:shapelayout></xml>"
            )
        }
    };
    let mut shapes = String::new();
    if !text.contains("_x0000_t202") {
        shapes.push_str(
            "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" \
             path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/>\
             <v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>",
        );
    }
    for (z, &(row, col)) in cells.iter().enumerate() {
        let id = top + 1 + z;
        let r = row.saturating_sub(1);
        shapes.push_str(&format!(
            "<v:shape id=\"_x0000_s{id}\" type=\"#_x0000_t202\" \
             style=\"position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:110pt;z-index:{};visibility:hidden\" \
             fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>\
             <v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>\
             <v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>\
             <x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>\
             <x:Anchor>{}, 15, {r}, 2, {}, 15, {}, 16</x:Anchor><x:AutoFill>False</x:AutoFill>\
             <x:Row>{r}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>",
            z + 1,
            col + 1,
            col + 5,
            r + 7,
        ));
    }
    // VML is not strict XML (Excel writes `<br>`): the shapes go before the last `</xml>`.
    let at = text
        .rfind("</xml>")
        .ok_or_else(|| broken(format!("«{name}» không có </xml>")))?;
    let mut out = text;
    out.insert_str(at, &shapes);
    zip.put(name, out);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Word documents.

/// The elements of `w:tcPr` that come after `w:shd`, in schema order.
const AFTER_SHD: [&str; 11] = [
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];

/// Marks the cells of a Word document; returns the marks whose cell was not found again.
fn docx(zip: &mut Package<'_>, marks: &[Mark]) -> Result<Vec<usize>, ExportError> {
    let Some(first) = marks.first() else {
        return Ok(Vec::new());
    };
    let part = first.spot.part.clone();
    let text = zip
        .text(&part)?
        .ok_or_else(|| broken(format!("thiếu phần «{part}»")))?;
    let mut doc = Xml::parse(text, &part)?;
    let by_start: HashMap<usize, usize> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.span.0, i))
        .collect();
    let mut rels = Rels::load(zip, &part)?;
    let (comments_name, new_comments) = match rels.find("comments") {
        Some((_, name)) if zip.has(&name) => (name, false),
        // Word's own name when it is free.
        _ if !zip.has("word/comments.xml") => ("word/comments.xml".to_string(), true),
        _ => (zip.free_name("word/comments", ".xml"), true),
    };
    let ctext = if new_comments {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{WORD_NS}\"></w:comments>"
        )
    } else {
        zip.text(&comments_name)?.unwrap_or_default()
    };
    let mut comments = Xml::parse(ctext, &comments_name)?;
    let root = comments
        .first("comments")
        .ok_or_else(|| broken(format!("«{comments_name}» không có <w:comments>")))?;
    let cp = comments.prefix(root);
    let mut next_id = (0..comments.nodes.len())
        .filter(|&i| comments.name(i) == "comment")
        .filter_map(|i| comments.attr(i, "id")?.trim().parse::<i64>().ok())
        .max()
        .map_or(0, |m| m + 1);
    // Ids of comment anchors in the document too (a comment part may have been dropped).
    for i in 0..doc.nodes.len() {
        if matches!(doc.name(i), "commentRangeStart" | "commentReference") {
            if let Some(id) = doc.attr(i, "id").and_then(|v| v.trim().parse::<i64>().ok()) {
                next_id = next_id.max(id + 1);
            }
        }
    }
    let mut added = String::new();
    let mut lost = Vec::new();
    for (k, m) in marks.iter().enumerate() {
        let (offset, want) = match m.spot.at {
            At::Tc { offset } => (offset, "tc"),
            At::Paragraph { offset } => (offset, "p"),
            At::Cell { .. } => (usize::MAX, ""),
        };
        let found = by_start
            .get(&offset)
            .copied()
            .filter(|&k| m.spot.part == part && doc.name(k) == want);
        let Some(el) = found else {
            lost.push(k);
            continue;
        };
        let p = doc.prefix(el);
        let id = next_id;
        next_id += 1;
        let start = format!("<{p}commentRangeStart {p}id=\"{id}\"/>");
        let end = format!(
            "<{p}commentRangeEnd {p}id=\"{id}\"/><{p}r><{p}commentReference {p}id=\"{id}\"/></{p}r>"
        );
        let para = if want == "p" {
            // A sentence of the narrative: its paragraph gets the comment, no shading.
            Some(el)
        } else {
            shade(&mut doc, el, m.fail);
            doc.child(el, "p")
        };
        match para {
            Some(para) if doc.is_empty(para) => {
                doc.append_inside(para, &format!("{start}{end}"));
            }
            Some(para) => {
                let at = match doc.child(para, "pPr") {
                    Some(pr) if doc.children(para).next() == Some(pr) => doc.nodes[pr].end,
                    _ => doc.nodes[para].span.1,
                };
                doc.edit(at, at, start);
                let close = doc.nodes[para].close;
                doc.edit(close, close, end);
            }
            None => doc.append_inside(el, &format!("<{p}p>{start}{end}</{p}p>")),
        }
        added.push_str(&format!(
            "<{cp}comment {cp}id=\"{id}\" {cp}author=\"{AUTHOR}\" {cp}initials=\"KS\">"
        ));
        for line in &m.lines {
            added.push_str(&format!(
                "<{cp}p><{cp}r><{cp}t xml:space=\"preserve\">{}</{cp}t></{cp}r></{cp}p>",
                xml_text(line)
            ));
        }
        added.push_str(&format!("</{cp}comment>"));
    }
    comments.append_inside(root, &added);
    zip.put(&comments_name, comments.finish());
    zip.put(&part, doc.finish());
    if new_comments {
        rels.add(COMMENTS_REL, &comments_name);
        rels.save(zip);
        declare(zip, &[(comments_name, WORD_COMMENTS_TYPE)], false)?;
    }
    Ok(lost)
}

/// Shades the table cell `tc`: `w:shd` in its `w:tcPr`, where the schema puts it.
fn shade(doc: &mut Xml, tc: usize, fail: bool) {
    let p = doc.prefix(tc);
    let fill = if fail { FAIL_FILL } else { WARN_FILL };
    let shd = format!("<{p}shd {p}val=\"clear\" {p}color=\"auto\" {p}fill=\"{fill}\"/>");
    match doc.child(tc, "tcPr") {
        Some(pr) => match doc.child(pr, "shd") {
            Some(old) => {
                let (a, b) = (doc.nodes[old].span.0, doc.nodes[old].end);
                doc.edit(a, b, shd);
            }
            None => {
                let next = doc
                    .children(pr)
                    .find(|&c| AFTER_SHD.contains(&doc.name(c)))
                    .map(|c| doc.nodes[c].span.0);
                match next {
                    Some(at) => doc.edit(at, at, shd),
                    None => doc.append_inside(pr, &shd),
                }
            }
        },
        None => {
            let at = doc.nodes[tc].span.1;
            doc.edit(at, at, format!("<{p}tcPr>{shd}</{p}tcPr>"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_replaced_or_added() {
        assert_eq!(
            with_attr("<c r=\"A1\" s=\"3\">", "s", "9"),
            "<c r=\"A1\" s=\"9\">"
        );
        assert_eq!(
            with_attr("<c r=\"A1\"/>", "s", "9"),
            "<c r=\"A1\" s=\"9\"/>"
        );
        assert_eq!(
            with_attr("<xf numFmtId=\"3\" fillId='0'>", "fillId", "7"),
            "<xf numFmtId=\"3\" fillId='7'>"
        );
        // `xfId` is not `fillId`'s neighbour `Id`.
        assert_eq!(
            with_attr("<xf xfId=\"0\">", "Id", "1"),
            "<xf xfId=\"0\" Id=\"1\">"
        );
    }

    #[test]
    fn part_names_resolve_both_ways() {
        assert_eq!(
            resolve("xl/worksheets", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(resolve("word", "comments.xml"), "word/comments.xml");
        assert_eq!(resolve("xl", "/xl/x.xml"), "xl/x.xml");
        assert_eq!(
            relative_to("xl/worksheets", "xl/comments1.xml"),
            "../comments1.xml"
        );
        assert_eq!(relative_to("word", "word/comments.xml"), "comments.xml");
    }

    #[test]
    fn cell_references_round_trip() {
        for (row, col) in [(1, 0), (6, 3), (100, 25), (7, 26), (9, 701), (3, 702)] {
            let r = format!("{}{row}", column_name(col));
            assert_eq!(cell_ref(&r), Some((row, col)), "{r}");
        }
        assert_eq!(cell_ref("6"), None);
    }

    #[test]
    fn cells_and_rows_the_sheet_lacks_are_added_in_order_and_styles_cloned() {
        let styles = r#"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts><fills count="2"><fill/><fill/></fills><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" fillId="0" applyNumberFormat="1"><alignment horizontal="right"/></xf></cellXfs></styleSheet>"#;
        let sheet = r#"<worksheet><sheetData><row r="2"><c r="A2"><v>1</v></c><c r="F2" s="1"><v>2.5</v></c></row><row r="7"/></sheetData></worksheet>"#;
        let original = book(sheet, styles, &[]);
        let mark = |row, col, fail| Mark {
            spot: Spot {
                part: "xl/worksheets/sheet1.xml".into(),
                sheet: Some("Biểu 01".into()),
                at: At::Cell { row, col },
            },
            fail,
            lines: vec![format!("ô {row}/{col} <sai> & cần xem")],
            problems: 1,
        };
        // In the order the file has them, as `marks` sorts them.
        let marks = [
            mark(2, 3, true),
            mark(2, 5, true),
            mark(5, 2, false),
            mark(7, 7, true),
            mark(9, 1, true),
        ];
        let mut zip = Package::open(&original).unwrap();
        xlsx(&mut zip, &marks).unwrap();
        let out = zip.finish().unwrap();
        let mut again = Package::open(&out).unwrap();
        let sheet = again.text("xl/worksheets/sheet1.xml").unwrap().unwrap();
        assert!(
            sheet.contains(
                r#"<row r="2"><c r="A2"><v>1</v></c><c r="D2" s="2"/><c r="F2" s="3"><v>2.5</v></c></row><row r="5"><c r="C5" s="4"/></row><row r="7"><c r="H7" s="2"/></row><row r="9"><c r="B9" s="2"/></row></sheetData>"#
            ),
            "{sheet}"
        );
        assert!(sheet.contains(r#"<legacyDrawing xmlns:r="#), "{sheet}");
        let styles = again.text("xl/styles.xml").unwrap().unwrap();
        assert!(styles.contains(r#"<fills count="4">"#), "{styles}");
        assert!(styles.contains(r#"<cellXfs count="5">"#), "{styles}");
        // The clone of style 1 keeps its number format and alignment, with the red fill.
        assert!(
            styles.contains(r#"<xf numFmtId="164" fillId="2" applyNumberFormat="1" applyFill="1"><alignment horizontal="right"/></xf>"#),
            "{styles}"
        );
        // The warning's clone has the yellow fill.
        assert!(
            styles.contains(r#"<xf numFmtId="0" fillId="3" applyFill="1"/>"#),
            "{styles}"
        );
        let notes = again.text("xl/comments1.xml").unwrap().unwrap();
        assert_eq!(notes.matches("<comment ref=").count(), 5);
        assert!(notes.contains("&lt;sai&gt; &amp; cần xem"));
        // The copy is still a workbook our reader reads, with the same figures.
        let file = crate::read::read_file(&out, "x.xlsx").unwrap();
        let first = crate::read::read_file(&original, "x.xlsx").unwrap();
        assert_eq!(file.document, first.document);
    }

    /// A workbook of one sheet, with `extra` parts beside it.
    fn book(sheet: &str, styles: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let types = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
        let root = format!(
            r#"<Relationships><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        );
        let rels = format!(
            r#"<Relationships><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#
        );
        let book = r#"<workbook><sheets><sheet name="Biểu 01" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", types.as_bytes()),
            ("_rels/.rels", root.as_bytes()),
            ("xl/workbook.xml", book.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/styles.xml", styles.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ];
        entries.extend(extra.iter().map(|(n, t)| (*n, t.as_bytes())));
        crate::read::archive::tests::zip(&entries, true)
    }

    #[test]
    fn odd_workbooks_are_marked_or_refused_never_a_panic() {
        const STYLES: &str = r#"<styleSheet><fills count="2"><fill/><fill/></fills><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>"#;
        let at = |row, col| Mark {
            spot: Spot {
                part: "xl/worksheets/sheet1.xml".into(),
                sheet: None,
                at: At::Cell { row, col },
            },
            fail: true,
            lines: vec!["sai".into()],
            problems: 1,
        };
        let run = |bytes: Vec<u8>| -> Result<String, ExportError> {
            let mut zip = Package::open(&bytes)?;
            xlsx(&mut zip, &[at(1, 1), at(3, 0)])?;
            let out = zip.finish()?;
            let sheet = Package::open(&out)?
                .text("xl/worksheets/sheet1.xml")?
                .unwrap_or_default();
            Ok(sheet)
        };
        let rels = |target: &str| {
            format!(
                r#"<Relationships><Relationship Id="rId9" Type="{COMMENTS_REL}" Target="{target}"/></Relationships>"#
            )
        };
        // A prefixed namespace: what is added carries the prefix.
        let sheet = run(book(
            r#"<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"#,
            STYLES,
            &[],
        ))
        .unwrap();
        assert!(
            sheet
                .contains(r#"<x:c r="B1" s="1"/></x:row><x:row r="3"><x:c r="A3" s="1"/></x:row>"#),
            "{sheet}"
        );
        assert!(sheet.contains("<x:legacyDrawing"), "{sheet}");
        // Rows and cells without references, numbered as a reader numbers them.
        let sheet = run(book(
            r#"<worksheet><sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row/><row><c/></row></sheetData></worksheet>"#,
            STYLES,
            &[],
        ))
        .unwrap();
        assert!(
            sheet.contains(r#"<row><c><v>1</v></c><c s="1"><v>2</v></c></row>"#),
            "{sheet}"
        );
        assert!(sheet.contains(r#"<row><c s="1"/></row>"#), "{sheet}");
        // A comments relationship to a part that is not there; a comments part with neither
        // authors nor list: marked all the same.
        let rels_missing = rels("../comments7.xml");
        assert!(run(book(
            r#"<worksheet><sheetData/></worksheet>"#,
            STYLES,
            &[("xl/worksheets/_rels/sheet1.xml.rels", &rels_missing)]
        ))
        .unwrap()
        .contains(r#"<sheetData><row r="1"><c r="B1" s="1"/></row><row r="3"><c r="A3" s="1"/></row></sheetData>"#));
        let rels_bare = rels("../comments7.xml");
        assert!(run(book(
            r#"<worksheet><sheetData/></worksheet>"#,
            STYLES,
            &[
                ("xl/worksheets/_rels/sheet1.xml.rels", &rels_bare),
                ("xl/comments7.xml", "<comments/>")
            ]
        ))
        .is_ok());
        // Refused with a reason: no fills, a VML drawing that never ends, XML cut short.
        for (styles, extra) in [
            (
                r#"<styleSheet><cellXfs count="1"><xf/></cellXfs></styleSheet>"#,
                None,
            ),
            (
                STYLES,
                Some(("xl/drawings/vmlDrawing1.vml", "<xml><v:shape>")),
            ),
            (r#"<styleSheet><fills count="2"><fill/>"#, None),
        ] {
            let vml_rels = format!(
                r#"<Relationships><Relationship Id="rId8" Type="{VML_REL}" Target="../drawings/vmlDrawing1.vml"/></Relationships>"#
            );
            let mut parts = Vec::new();
            if let Some(e) = extra {
                parts.push(e);
                parts.push(("xl/worksheets/_rels/sheet1.xml.rels", vml_rels.as_str()));
            }
            let err = run(book(
                r#"<worksheet><sheetData/></worksheet>"#,
                styles,
                &parts,
            ))
            .unwrap_err();
            assert!(err.0.starts_with("Không đánh dấu được tệp gốc"), "{err}");
        }
    }

    #[test]
    fn edits_splice_in_order_and_empty_elements_open_up() {
        let mut x = Xml::parse("<a><b/><c>t</c></a>".into(), "t.xml").unwrap();
        let b = x.first("b").unwrap();
        let c = x.first("c").unwrap();
        x.append_inside(b, "<i/>");
        x.append_inside(c, "u");
        x.set_attr(c, "k", "1");
        assert_eq!(x.finish(), "<a><b><i/></b><c k=\"1\">tu</c></a>");
    }
}
