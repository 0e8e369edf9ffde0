//! A small XML walk for the parts of .docx/.xlsx files: open tags, close tags and text, with
//! entities resolved, namespace prefixes ignored, and whole subtrees skipped on request.
//!
//! Hand-written rather than `quick-xml` (about 20 KB of Wasm for features these parts never use):
//! Office writes plain UTF-8 XML, and this reads exactly that. It checks what a truncated or
//! corrupt part breaks (end tags match start tags, nothing is left open, every construct is
//! closed) and expands no entity but the five predefined ones and character references, so a
//! document type declaration cannot make it blow up ("billion laughs").
//!
//! Names are matched by their local part (`t` for `w:t`) because writers choose their own
//! prefixes; the few places where another vocabulary reuses a name are skipped by the readers.

use super::ReadError;
use std::borrow::Cow;

/// The deepest element nesting accepted. Office nests a few dozen levels; a part of 100 MB of
/// `<a>` would otherwise hold millions of open names.
pub(super) const MAX_DEPTH: usize = 1_000;

/// An open tag.
pub(super) struct Tag<'a> {
    /// The qualified name (`w:tbl`).
    qname: &'a str,
    /// Everything between the name and `>` (or `/>`).
    attrs: &'a str,
}

impl<'a> Tag<'a> {
    /// The local name (`tbl` for `w:tbl`).
    pub fn name(&self) -> &'a str {
        local(self.qname)
    }

    /// The value of the attribute with this local name (`val` for `w:val`), entities resolved.
    pub fn attr(&self, name: &str) -> Option<String> {
        let mut rest = self.attrs;
        loop {
            rest = rest.trim_start();
            let eq = rest.find('=')?;
            let key = rest[..eq].trim();
            let after = rest[eq + 1..].trim_start();
            let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            let end = after[1..].find(quote)?;
            let value = &after[1..1 + end];
            if local(key) == name {
                return Some(unescape(value).into_owned());
            }
            rest = &after[end + 2..];
        }
    }

    /// Whether an on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`) is on.
    pub fn is_on(&self) -> bool {
        !matches!(
            self.attr("val").as_deref(),
            Some("0" | "false" | "off" | "none")
        )
    }
}

fn local(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

/// Resolves the predefined entities and character references; anything else is dropped (no DTD
/// is ever read).
fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|s| *s <= 12) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        if let Some(c) = c {
            out.push(c);
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where the tag starting `rest` ends: its `>`, not counting any inside quoted attribute values.
fn tag_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in rest.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Where the declaration starting `rest` (`<!DOCTYPE …>`) ends: its closing `>`. The internal
/// subset between `[` and `]` may hold `>` and `]>` inside quoted literals, comments and
/// processing instructions (`<!ENTITY x "]>">`, `<!-- ]> -->`), so these are skipped whole
/// rather than searched for the first `]>`. Linear in the declaration's length.
fn declaration_end(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut subset = false;
    let mut i = 2;
    while i < bytes.len() {
        // `i` is at an ASCII byte whenever the text after it is sliced.
        match bytes[i] {
            q @ (b'"' | b'\'') => i += 1 + rest[i + 1..].find(q as char)?,
            b'<' if subset && rest[i..].starts_with("<!--") => {
                i += 4 + rest[i + 4..].find("-->")? + 2;
            }
            b'<' if subset && rest[i..].starts_with("<?") => {
                i += 2 + rest[i + 2..].find("?>")? + 1;
            }
            b'[' if !subset => subset = true,
            b']' if subset => subset = false,
            b'>' if !subset => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// What the walk meets.
pub(super) enum Event<'t, 'a> {
    /// An element opens (an empty element opens, then closes).
    Open(&'t Tag<'a>),
    /// An element closes: its local name.
    Close(&'a str),
    /// Character data, entities resolved.
    Text(&'t str),
}

/// Whether to go into an element just opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    Enter,
    /// Skip the element and everything in it; no `Close` follows.
    Skip,
}

/// Walks `xml` (the part named `part`, for messages), calling `f` for each event in document
/// order. A malformed or truncated part is an error naming the part.
pub(super) fn walk(
    xml: &str,
    part: &str,
    mut f: impl FnMut(Event<'_, '_>) -> Flow,
) -> Result<(), ReadError> {
    let broken = |at: usize| {
        ReadError::unreadable(format!(
            "Tệp bị hỏng: phần «{part}» không phải XML hợp lệ hoặc bị cắt cụt (vị trí {at}). Hãy mở bằng Word/Excel và lưu lại."
        ))
        .in_part(part)
        .at_byte(at)
    };
    // Open elements' qualified names; with the depth at which skipping started, if skipping.
    let mut open: Vec<&str> = Vec::new();
    let mut skip_from: Option<usize> = None;
    let mut at = 0;
    while at < xml.len() {
        let rest = &xml[at..];
        let Some(lt) = rest.find('<') else {
            if skip_from.is_none() && !open.is_empty() {
                f(Event::Text(&unescape(rest)));
            }
            break;
        };
        if lt > 0 {
            if skip_from.is_none() && !open.is_empty() {
                f(Event::Text(&unescape(&rest[..lt])));
            }
            at += lt;
            continue;
        }
        // A markup construct starts here.
        let (close, skip) = if rest.starts_with("<!--") {
            ("-->", true)
        } else if rest.starts_with("<?") {
            ("?>", true)
        } else if rest.starts_with("<![CDATA[") {
            ("]]>", false)
        } else if rest.starts_with("<!") {
            // A document type declaration (or another declaration): skipped whole, internal
            // subset included.
            (">", true)
        } else {
            (">", false)
        };
        let end = match (close, skip) {
            (">", false) => tag_end(rest),
            (">", true) => declaration_end(rest),
            _ => rest.find(close),
        }
        .ok_or_else(|| broken(at))?;
        let inner = &rest[1..end];
        at += end + close.len();
        if skip {
            continue;
        }
        if let Some(data) = inner.strip_prefix("![CDATA[") {
            if skip_from.is_none() && !open.is_empty() {
                f(Event::Text(data));
            }
        } else if let Some(name) = inner.strip_prefix('/') {
            let name = name.trim_end();
            if open.pop() != Some(name) {
                return Err(broken(at));
            }
            match skip_from {
                Some(depth) if open.len() < depth => skip_from = None,
                Some(_) => {}
                None => {
                    f(Event::Close(local(name)));
                }
            }
        } else {
            let (body, empty) = match inner.strip_suffix('/') {
                Some(b) => (b, true),
                None => (inner, false),
            };
            let split = body
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(body.len());
            let qname = &body[..split];
            if qname.is_empty() {
                return Err(broken(at));
            }
            if skip_from.is_none() {
                let tag = Tag {
                    qname,
                    attrs: &body[split..],
                };
                let flow = f(Event::Open(&tag));
                if flow == Flow::Skip && !empty {
                    skip_from = Some(open.len() + 1);
                } else if flow == Flow::Enter && empty {
                    f(Event::Close(local(qname)));
                }
            }
            if !empty {
                if open.len() >= MAX_DEPTH {
                    return Err(ReadError::unreadable(format!(
                        "Tệp bị hỏng hoặc không phải báo cáo: phần «{part}» lồng quá {MAX_DEPTH} tầng."
                    ))
                    .in_part(part)
                    .at_byte(at));
                }
                open.push(qname);
            }
        }
    }
    if !open.is_empty() {
        return Err(broken(xml.len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str, skip: &str) -> Vec<String> {
        let mut out = Vec::new();
        walk(xml, "test.xml", |e| match e {
            Event::Open(t) => {
                out.push(format!(
                    "<{}{}",
                    t.name(),
                    t.attr("val").unwrap_or_default()
                ));
                if t.name() == skip {
                    Flow::Skip
                } else {
                    Flow::Enter
                }
            }
            Event::Close(n) => {
                out.push(format!(">{n}"));
                Flow::Enter
            }
            Event::Text(t) => {
                out.push(t.to_string());
                Flow::Enter
            }
        })
        .unwrap();
        out
    }

    #[test]
    fn walks_with_prefixes_entities_and_skips() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- comment --><w:p xmlns:w="x"><w:r><w:t>9.191</w:t><w:t xml:space="preserve">&amp;.517&#x20;&#65;</w:t></w:r><w:del><w:t>no<w:x/></w:t></w:del><w:b w:val='a&quot;b' /><![CDATA[<raw>]]></w:p>"#;
        assert_eq!(
            events(xml, "del"),
            [
                "<p", "<r", "<t", "9.191", ">t", "<t", "&.517 A", ">t", ">r", "<del", "<ba\"b",
                ">b", "<raw>", ">p"
            ]
        );
    }

    #[test]
    fn attributes_by_local_name() {
        let mut seen = Vec::new();
        walk(
            r#"<sheet name="Biểu mẫu > số 01" sheetId="1" r:id="rId1" state = 'hidden'/>"#,
            "x",
            |e| {
                if let Event::Open(t) = e {
                    seen.extend(["name", "id", "sheetId", "state", "missing"].map(|a| t.attr(a)));
                }
                Flow::Enter
            },
        )
        .unwrap();
        assert_eq!(
            seen,
            [
                Some("Biểu mẫu > số 01".to_string()),
                Some("rId1".into()),
                Some("1".into()),
                Some("hidden".into()),
                None
            ]
        );
    }

    #[test]
    fn malformed_and_truncated_parts_are_errors() {
        let mut f = |_: Event<'_, '_>| Flow::Enter;
        for bad in [
            "<a><b></a>",
            "<a><b>text",
            "<a><!-- open",
            "<a",
            "<a></b>",
            "<>",
        ] {
            assert!(walk(bad, "x.xml", &mut f).is_err(), "{bad}");
        }
        let e = walk("<a><b>text", "word/document.xml", &mut f).unwrap_err();
        assert!(e.to_string().contains("word/document.xml"), "{e}");
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(walk(&deep, "x.xml", &mut f)
            .unwrap_err()
            .to_string()
            .contains("tầng"));
        // Entities are never defined by the document.
        let doctype = r#"<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;&x;</a>"#;
        assert_eq!(events(doctype, ""), ["<a", "", ">a"]);
    }

    #[test]
    fn a_doctype_ends_at_its_own_end_not_at_a_bracket_inside_it() {
        // `]>` and `>` inside quoted literals, comments and processing instructions of the
        // internal subset do not end the declaration.
        for doctype in [
            r#"<!DOCTYPE a [<!ENTITY x "]><b>">]>"#,
            r#"<!DOCTYPE a [<!ENTITY x ']>'><!-- ]> <b> -->]>"#,
            r#"<!DOCTYPE a [<?pi ]> <b> ?>]>"#,
            r#"<!DOCTYPE a SYSTEM "x]>y" [<!ELEMENT a ANY>] >"#,
            r#"<!DOCTYPE a PUBLIC "-//x" 'y>z'>"#,
            "<!DOCTYPE a [<!ENTITY x \"Việt ]>\"> <!-- Nam -->]>",
        ] {
            let xml = format!("{doctype}<a>t</a>");
            assert_eq!(events(&xml, ""), ["<a", "t", ">a"], "{doctype}");
        }
        // An unterminated declaration is a broken part, not a loop or a panic.
        let mut f = |_: Event<'_, '_>| Flow::Enter;
        for bad in [
            "<!DOCTYPE a [<!ENTITY x \"]>",
            "<!DOCTYPE a [<!-- ]>",
            "<!DOCTYPE a [<?pi ]>",
            "<!DOCTYPE a [",
        ] {
            assert!(walk(bad, "x.xml", &mut f).is_err(), "{bad}");
        }
    }
}
