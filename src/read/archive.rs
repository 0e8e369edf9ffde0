//! The zip container of .docx/.xlsx files, read defensively, and the package relationships
//! (`_rels/*.rels`) that say which part is what.
//!
//! Written here over `miniz_oxide` rather than with the `zip` crate: the crate (deflate only)
//! added about 60 KB gzipped to the page's Wasm, this reader a few. It reads only what Office
//! writes (stored and deflated entries, zip64 records) and trusts nothing the file declares: an
//! entry is inflated with a hard cap on its output, whatever size it claims; all entries
//! together share a budget; the entry count is checked before the directory is read; every
//! offset is bounds-checked; and the CRC is verified, so a truncated or corrupt file is an error
//! rather than garbage.

use super::xml::{walk, Event, Flow};
use super::{
    encoding, megabytes, ReadError, MAX_ENTRY_BYTES, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES,
};
use std::cell::Cell;
use std::collections::HashMap;

/// One entry of the central directory.
#[derive(Debug, Clone)]
struct Entry {
    /// Normalised: no leading `/`, `/` as separator.
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: u64,
    declared: u64,
    offset: u64,
}

/// An opened zip file.
pub(crate) struct Archive<'a> {
    bytes: &'a [u8],
    /// The file's name, for messages.
    file: &'a str,
    entries: Vec<Entry>,
    /// Entry index by name in ASCII lower case (the first of a name): parts are looked up once
    /// per sheet or relationship, and an archive may list 10,000 entries.
    by_name: HashMap<String, usize>,
    /// Bytes inflated so far, against [`MAX_UNCOMPRESSED_BYTES`].
    inflated: Cell<usize>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// CRC-32 (IEEE), as zip stores it.
fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in data {
        crc = TABLE[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

fn normalise(name: &str) -> String {
    name.replace('\\', "/").trim_start_matches('/').to_string()
}

impl<'a> Archive<'a> {
    fn broken(&self, why: &str) -> ReadError {
        broken(self.file, why)
    }

    /// Reads the central directory.
    pub fn open(bytes: &'a [u8], file: &'a str) -> Result<Archive<'a>, ReadError> {
        let truncated = || {
            broken(
                file,
                "không tìm thấy mục lục của tệp nén, có thể tệp bị cắt cụt (chưa tải xong) hoặc bị hỏng",
            )
        };
        // The end-of-central-directory record: 22 bytes plus a comment of at most 64 KB.
        let from = bytes.len().saturating_sub(22 + 0xFFFF);
        let eocd = (from..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or_else(truncated)?;
        let mut count = u16_at(bytes, eocd + 10).ok_or_else(truncated)? as u64;
        let mut cd_size = u32_at(bytes, eocd + 12).ok_or_else(truncated)? as u64;
        let mut cd_offset = u32_at(bytes, eocd + 16).ok_or_else(truncated)? as u64;
        if count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
            // Zip64: a locator just before points at the 64-bit record.
            let locator = eocd.checked_sub(20).ok_or_else(truncated)?;
            if !bytes[locator..].starts_with(b"PK\x06\x07") {
                return Err(truncated());
            }
            // `usize::try_from`, not `as`: on wasm32 a cast would drop the high bits of an
            // offset beyond 4 GB and read whatever lies at the truncated one.
            let at = u64_at(bytes, locator + 8)
                .and_then(|at| usize::try_from(at).ok())
                .ok_or_else(truncated)?;
            if !bytes
                .get(at..)
                .is_some_and(|b| b.starts_with(b"PK\x06\x06"))
            {
                return Err(truncated());
            }
            count = u64_at(bytes, at + 32).ok_or_else(truncated)?;
            cd_size = u64_at(bytes, at + 40).ok_or_else(truncated)?;
            cd_offset = u64_at(bytes, at + 48).ok_or_else(truncated)?;
        }
        if count > MAX_ZIP_ENTRIES as u64 {
            return Err(ReadError::TooLarge {
                what: format!("Tệp «{file}» có {count} mục nén, số mục"),
                limit: format!("{MAX_ZIP_ENTRIES} mục"),
            });
        }
        let cd = usize::try_from(cd_offset)
            .ok()
            .zip(usize::try_from(cd_size).ok())
            .and_then(|(o, s)| bytes.get(o..o.checked_add(s)?))
            .ok_or_else(truncated)?;
        let mut entries = Vec::with_capacity(count as usize);
        let mut at = 0usize;
        for _ in 0..count {
            let entry = parse_entry(cd, &mut at)
                .ok_or_else(|| broken(file, "mục lục của tệp nén bị hỏng"))?;
            entries.push(entry);
        }
        let mut by_name = HashMap::with_capacity(entries.len());
        for (k, e) in entries.iter().enumerate() {
            by_name.entry(e.name.to_ascii_lowercase()).or_insert(k);
        }
        Ok(Archive {
            bytes,
            file,
            entries,
            by_name,
            inflated: Cell::new(0),
        })
    }

    fn entry(&self, path: &str) -> Option<&Entry> {
        let k = *self.by_name.get(&normalise(path).to_ascii_lowercase())?;
        self.entries.get(k)
    }

    /// Whether the archive has this part.
    pub fn has(&self, path: &str) -> bool {
        self.entry(path).is_some()
    }

    /// The bytes of a part, inflated under the limits; `None` when there is no such part.
    pub fn read(&self, path: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(entry) = self.entry(path) else {
            return Ok(None);
        };
        if entry.flags & 1 != 0 {
            return Err(ReadError::unreadable(format!(
                "Không đọc được tệp «{}»: tệp được đặt mật khẩu. Hãy mở bằng Word/Excel, bỏ mật khẩu rồi lưu lại.",
                self.file
            ))
            .in_part(path));
        }
        let cut = || self.broken("tệp bị cắt cụt (chưa tải xong) hoặc bị hỏng");
        let offset = usize::try_from(entry.offset).map_err(|_| cut())?;
        let local = self.bytes.get(offset..).ok_or_else(cut)?;
        if !local.starts_with(b"PK\x03\x04") {
            return Err(cut());
        }
        let name_len = u16_at(local, 26).ok_or_else(cut)? as usize;
        let extra_len = u16_at(local, 28).ok_or_else(cut)? as usize;
        let start = 30 + name_len + extra_len;
        let data = usize::try_from(entry.compressed)
            .ok()
            .and_then(|len| local.get(start..start.checked_add(len)?))
            .ok_or_else(cut)?;
        let left = MAX_UNCOMPRESSED_BYTES.saturating_sub(self.inflated.get());
        let limit = MAX_ENTRY_BYTES.min(left);
        let too_large = || {
            if limit < MAX_ENTRY_BYTES {
                ReadError::TooLarge {
                    what: format!("Nội dung giải nén của tệp «{}»", self.file),
                    limit: megabytes(MAX_UNCOMPRESSED_BYTES),
                }
            } else {
                ReadError::TooLarge {
                    what: format!("Phần «{path}» của tệp «{}» khi giải nén", self.file),
                    limit: megabytes(MAX_ENTRY_BYTES),
                }
            }
        };
        // A declared size over the limit is refused at once; a lie below it is caught while
        // inflating.
        if entry.declared > limit as u64 {
            return Err(too_large());
        }
        let out = match entry.method {
            0 if data.len() <= limit => data.to_vec(),
            0 => return Err(too_large()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| {
                if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                    too_large()
                } else {
                    self.broken(&format!("phần «{path}» không giải nén được"))
                        .in_part(path)
                }
            })?,
            m => {
                return Err(self.broken(&format!(
                    "phần «{path}» được nén theo cách Kiểm số không đọc được (mã {m}); hãy mở bằng Word/Excel và lưu lại"
                ))
                .in_part(path))
            }
        };
        if crc32(&out) != entry.crc {
            return Err(self
                .broken(&format!("phần «{path}» bị hỏng (sai mã kiểm tra CRC)"))
                .in_part(path));
        }
        self.inflated.set(self.inflated.get() + out.len());
        Ok(Some(out))
    }

    /// A part as text (XML parts are UTF-8, rarely UTF-16 with a byte-order mark).
    pub fn text(&self, path: &str) -> Result<Option<String>, ReadError> {
        let Some(bytes) = self.read(path)? else {
            return Ok(None);
        };
        let text = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            encoding::decode(&bytes)?.text
        } else {
            let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            match String::from_utf8(b.to_vec()) {
                Ok(s) => s,
                Err(_) => {
                    return Err(self
                        .broken(&format!("phần «{path}» không phải văn bản UTF-8"))
                        .in_part(path))
                }
            }
        };
        Ok(Some(text))
    }

    /// A part that must be there.
    pub fn required(&self, path: &str) -> Result<String, ReadError> {
        self.text(path)?
            .ok_or_else(|| self.broken(&format!("thiếu phần «{path}»")))
    }

    /// The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`), targets
    /// resolved to part names. External targets are left out.
    pub fn relationships(&self, part: &str) -> Result<Vec<Relationship>, ReadError> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_path = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some(xml) = self.text(&rels_path)? else {
            return Ok(Vec::new());
        };
        let mut rels = Vec::new();
        walk(&xml, &rels_path, |e| {
            if let Event::Open(tag) = e {
                if tag.name() == "Relationship"
                    && tag.attr("TargetMode").as_deref() != Some("External")
                {
                    if let (Some(id), Some(kind), Some(target)) =
                        (tag.attr("Id"), tag.attr("Type"), tag.attr("Target"))
                    {
                        rels.push(Relationship {
                            id,
                            kind: kind.rsplit('/').next().unwrap_or_default().to_string(),
                            target: resolve(dir, &target),
                        });
                    }
                }
            }
            Flow::Enter
        })?;
        Ok(rels)
    }
}

fn broken(file: &str, why: &str) -> ReadError {
    ReadError::unreadable(format!(
        "Không đọc được tệp «{file}»: {why}. Hãy tải lại tệp, hoặc mở bằng Word/Excel và lưu lại."
    ))
}

/// Parses one central-directory header at `*at`, moving past it.
fn parse_entry(cd: &[u8], at: &mut usize) -> Option<Entry> {
    let h = cd.get(*at..)?;
    if !h.starts_with(b"PK\x01\x02") {
        return None;
    }
    let flags = u16_at(h, 8)?;
    let method = u16_at(h, 10)?;
    let crc = u32_at(h, 16)?;
    let mut compressed = u32_at(h, 20)? as u64;
    let mut declared = u32_at(h, 24)? as u64;
    let name_len = u16_at(h, 28)? as usize;
    let extra_len = u16_at(h, 30)? as usize;
    let comment_len = u16_at(h, 32)? as usize;
    let mut offset = u32_at(h, 42)? as u64;
    let name = h.get(46..46 + name_len)?;
    let extra = h.get(46 + name_len..46 + name_len + extra_len)?;
    // Zip64 extra field: the 64-bit values of the fields saturated above, in this order.
    let mut e = 0;
    while e + 4 <= extra.len() {
        let id = u16_at(extra, e)?;
        let len = u16_at(extra, e + 2)? as usize;
        let body = extra.get(e + 4..e + 4 + len)?;
        if id == 1 {
            let mut k = 0;
            for field in [&mut declared, &mut compressed, &mut offset] {
                if *field == 0xFFFF_FFFF {
                    *field = u64_at(body, k)?;
                    k += 8;
                }
            }
        }
        e += 4 + len;
    }
    *at += 46 + name_len + extra_len + comment_len;
    Some(Entry {
        name: normalise(&String::from_utf8_lossy(name)),
        method,
        flags,
        crc,
        compressed,
        declared,
        offset,
    })
}

/// A package relationship: `rId3` of type `worksheet` targets `xl/worksheets/sheet1.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relationship {
    pub id: String,
    /// The last segment of the relationship type (`officeDocument`, `worksheet`, `styles`).
    pub kind: String,
    /// The target part's name.
    pub target: String,
}

/// Resolves a relationship target against the folder of its source part (`xl/worksheets` +
/// `../comments1.xml` → `xl/comments1.xml`; a target from the root, `/xl/x.xml`, stands alone).
pub(crate) fn resolve(dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The files of a plain .zip (a folder of reports sent as one file), each under the archive's
/// limits: folders and macOS's `__MACOSX/` and `._` shadows left out.
pub(super) fn files(archive: &Archive<'_>) -> Result<Vec<(String, Vec<u8>)>, ReadError> {
    let mut out = Vec::new();
    for e in &archive.entries {
        let base = e.name.rsplit('/').next().unwrap_or(&e.name);
        if e.name.ends_with('/') || e.name.starts_with("__MACOSX/") || base.starts_with("._") {
            continue;
        }
        if let Some(bytes) = archive.read(&e.name)? {
            out.push((e.name.clone(), bytes));
        }
    }
    Ok(out)
}

/// The package's main part (`word/document.xml`, `xl/workbook.xml`), from `_rels/.rels`, or by
/// the usual names when the relationships are missing.
pub(super) fn main_part(archive: &Archive<'_>) -> Result<Option<String>, ReadError> {
    let main = archive
        .relationships("")?
        .into_iter()
        .find(|r| r.kind == "officeDocument")
        .map(|r| r.target)
        .filter(|t| archive.has(t));
    Ok(main.or_else(|| {
        ["word/document.xml", "xl/workbook.xml"]
            .into_iter()
            .find(|p| archive.has(p))
            .map(str::to_string)
    }))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip with stored or deflated entries, as Office writes them (for tests).
    pub(crate) fn zip(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
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
            cd.extend(b"PK\x01\x02");
            cd.extend(20u16.to_le_bytes());
            cd.extend(&common);
            // Comment length, disk, internal and external attributes.
            cd.extend([0u8; 10]);
            cd.extend(offset.to_le_bytes());
            cd.extend(name.as_bytes());
        }
        let cd_offset = out.len() as u32;
        out.extend(&cd);
        out.extend(b"PK\x05\x06");
        out.extend([0u8; 4]);
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((cd.len() as u32).to_le_bytes());
        out.extend(cd_offset.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out
    }

    // Shared with tests/wasm.rs, which runs the zip64 case on wasm32.
    mod zip64 {
        include!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/support/zip64.rs"
        ));
    }
    use zip64::as_zip64;

    // Natively an offset beyond 4 GB is out of the file whatever the conversion; on wasm32
    // (`usize` of 32 bits) the old `as usize` cast read the record at the low 32 bits instead:
    // tests/wasm.rs runs the same case there.
    #[test]
    fn a_zip64_offset_beyond_4_gb_is_refused_not_truncated() {
        let z = zip(&[("a.xml", b"<a/>")], false);
        let good = as_zip64(&z, |at| at);
        let a = Archive::open(&good, "t.xlsx").unwrap();
        assert_eq!(a.read("a.xml").unwrap().as_deref(), Some(&b"<a/>"[..]));
        // The same offset plus 4 GB: the low 32 bits point at the real record.
        let far = as_zip64(&z, |at| at + (1 << 32));
        assert!(Archive::open(&far, "t.xlsx").is_err());
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn reads_stored_and_deflated_entries() {
        for deflate in [false, true] {
            let z = zip(
                &[("a/b.xml", b"<a>xin ch\xc3\xa0o</a>"), ("c", b"")],
                deflate,
            );
            let a = Archive::open(&z, "t.zip").unwrap();
            assert_eq!(
                a.text("/A/B.xml").unwrap().as_deref(),
                Some("<a>xin chào</a>")
            );
            assert_eq!(a.read("c").unwrap(), Some(Vec::new()));
            assert_eq!(a.read("missing").unwrap(), None);
        }
    }

    #[test]
    fn corrupt_and_truncated_zips_are_errors() {
        let z = zip(&[("a.xml", &[b'x'; 5000][..])], true);
        for cut in [10, z.len() / 2, z.len() - 10] {
            assert!(Archive::open(&z[..cut], "t.docx")
                .and_then(|a| a.read("a.xml"))
                .is_err());
        }
        let mut bad = z.clone();
        bad[40] ^= 0xFF;
        let e = Archive::open(&bad, "t.docx")
            .unwrap()
            .read("a.xml")
            .unwrap_err();
        assert!(e.to_string().contains("t.docx"), "{e}");
    }

    #[test]
    fn a_lying_declared_size_does_not_lift_the_cap() {
        // Declares 10 bytes, inflates to more than the per-entry cap.
        let data = vec![0u8; MAX_ENTRY_BYTES + 1];
        let mut z = zip(&[("bomb.xml", &data)], true);
        let cd = z.len() - 22 - (46 + "bomb.xml".len());
        z[cd + 24..cd + 28].copy_from_slice(&10u32.to_le_bytes());
        let a = Archive::open(&z, "bomb.docx").unwrap();
        assert!(matches!(
            a.read("bomb.xml"),
            Err(ReadError::TooLarge { .. })
        ));
    }

    #[test]
    fn paths_resolve_like_opc() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }
}
