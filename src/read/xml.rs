//! A thin walk over the XML parts of .docx/.xlsx files: open tags, close tags and text, with
//! entities resolved, namespace prefixes ignored, and whole subtrees skipped on request.
//!
//! Names are matched by their local part (`t` for `w:t`) because writers choose their own
//! prefixes; the few places where another vocabulary reuses a name are skipped by the readers.

use super::ReadError;
use quick_xml::events::{BytesStart, Event as XmlEvent};
use quick_xml::Reader;
use std::borrow::Cow;

/// An open tag.
pub(super) struct Tag<'a> {
    start: BytesStart<'a>,
}

impl Tag<'_> {
    /// The local name (`tbl` for `w:tbl`).
    pub fn name(&self) -> &str {
        local(self.start.name().0)
    }

    /// The value of the attribute with this local name (`val` for `w:val`), entities resolved.
    pub fn attr(&self, name: &str) -> Option<String> {
        self.start
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| local(a.key.0) == name)
            .map(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(Cow::into_owned)
                    .unwrap_or_else(|_| a.value.into_owned())
            })
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

/// What the walk meets.
pub(super) enum Event<'t, 'a> {
    /// An element opens (an empty element opens, then closes).
    Open(&'t Tag<'a>),
    /// An element closes: its local name.
    Close(&'t str),
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
/// order. A malformed part is an error naming the part.
pub(super) fn walk(
    xml: &str,
    part: &str,
    mut f: impl FnMut(Event<'_, '_>) -> Flow,
) -> Result<(), ReadError> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    let mut skipping = 0usize;
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            ReadError::Unreadable(format!(
                "Tệp bị hỏng: phần «{part}» không phải XML hợp lệ (vị trí {}: {e}). Hãy mở bằng Word/Excel và lưu lại.",
                reader.error_position()
            ))
        })?;
        match event {
            XmlEvent::Start(start) => {
                depth += 1;
                if skipping > 0 {
                    skipping += 1;
                } else if f(Event::Open(&Tag { start })) == Flow::Skip {
                    skipping = 1;
                }
            }
            XmlEvent::Empty(start) if skipping == 0 => {
                let tag = Tag { start };
                if f(Event::Open(&tag)) == Flow::Enter {
                    f(Event::Close(tag.name()));
                }
            }
            XmlEvent::End(end) => {
                depth = depth.saturating_sub(1);
                if skipping > 0 {
                    skipping -= 1;
                } else {
                    f(Event::Close(local(end.name().0)));
                }
            }
            XmlEvent::Text(t) if skipping == 0 => {
                f(Event::Text(&t.xml10_content()));
            }
            XmlEvent::CData(t) if skipping == 0 => {
                f(Event::Text(&t.xml10_content()));
            }
            XmlEvent::GeneralRef(r) if skipping == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    f(Event::Text(c.encode_utf8(&mut [0; 4])));
                }
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(ReadError::Unreadable(format!(
            "Tệp bị hỏng: phần «{part}» bị cắt cụt. Hãy mở bằng Word/Excel và lưu lại."
        )));
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
        let xml = r#"<w:p xmlns:w="x"><w:r><w:t>9.191</w:t><w:t>&amp;.517&#x20;</w:t></w:r><w:del><w:t>no</w:t></w:del><w:b w:val="0"/></w:p>"#;
        assert_eq!(
            events(xml, "del"),
            [
                "<p", "<r", "<t", "9.191", ">t", "<t", "&", ".517", " ", ">t", ">r", "<del", "<b0",
                ">b", ">p"
            ]
        );
    }

    #[test]
    fn malformed_and_truncated_parts_are_errors() {
        let mut f = |_: Event<'_, '_>| Flow::Enter;
        assert!(walk("<a><b></a>", "x.xml", &mut f).is_err());
        let e = walk("<a><b>text", "word/document.xml", &mut f).unwrap_err();
        assert!(e.to_string().contains("word/document.xml"), "{e}");
    }
}
