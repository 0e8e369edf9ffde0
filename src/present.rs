//! The outcome as text for a terminal: form by form, failures first, then a summary line.

use crate::outcome::{Check, Kind, Outcome, Status, Suggestion};
use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character must not reach a terminal as it is: control characters (C0 with tab and
/// line ends, DEL, C1 with the 8-bit CSI), which move the cursor, clear the screen or set the
/// window title in escape sequences; the bidirectional controls, which reorder what is shown;
/// and the line and paragraph separators.
fn is_unsafe_on_a_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `text` as it may be printed on a terminal: each character a file or a catalogue could use to
/// drive the terminal ([`is_unsafe_on_a_terminal`]) becomes a visible escape, `\u001b` for ESC.
/// The escapes are JSON's, so a JSON text stays valid JSON with the same value. Every text the
/// command line prints goes through this function (or [`escape_lines`]).
///
/// ```
/// use kiemso::present::escape_controls;
/// assert_eq!(escape_controls("Biểu 01"), "Biểu 01");
/// assert_eq!(escape_controls("a\u{1b}[2Jb\nc\u{202E}"), "a\\u001b[2Jb\\u000ac\\u202e");
/// ```
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_on_a_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe_on_a_terminal(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`escape_controls`] for text of several lines: each line escaped, the line ends kept.
pub fn escape_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str(&escape_controls(line));
    }
    out
}

/// Writes `value` as JSON to `out`, as the command line prints it: pretty (two-space indents, as
/// [`Outcome::to_json`]) or compact (one line), streamed without building the whole text, every
/// string escaped as [`escape_lines`] would escape the pretty text (JSON escapes C0 controls
/// itself; DEL, C1 and the bidirectional controls are escaped here, which JSON reads back as the
/// same strings), then a line end.
///
/// ```
/// let mut out = Vec::new();
/// kiemso::present::write_json(&mut out, &["a\u{202E}b"], true).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "[\"a\\u202eb\"]\n");
/// ```
pub fn write_json<W: std::io::Write, T: serde::Serialize + ?Sized>(
    mut out: W,
    value: &T,
    compact: bool,
) -> std::io::Result<()> {
    if compact {
        let mut ser = serde_json::Serializer::with_formatter(
            &mut out,
            Safe(serde_json::ser::CompactFormatter),
        );
        value.serialize(&mut ser)?;
    } else {
        let mut ser = serde_json::Serializer::with_formatter(
            &mut out,
            Safe(serde_json::ser::PrettyFormatter::new()),
        );
        value.serialize(&mut ser)?;
    }
    out.write_all(b"\n")?;
    out.flush()
}

/// A JSON formatter that escapes, inside strings, what must not reach a terminal
/// ([`is_unsafe_on_a_terminal`]) and is not already escaped by JSON; everything else as `F`.
struct Safe<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        match escape_controls(fragment) {
            Cow::Borrowed(s) => writer.write_all(s.as_bytes()),
            Cow::Owned(s) => writer.write_all(s.as_bytes()),
        }
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// The mark printed before a check (also readable without colour).
pub(crate) fn mark(status: Status) -> &'static str {
    match status {
        Status::Fail => "✗ LỖI",
        Status::Warn => "! CẢNH BÁO",
        Status::Na => "? KHÔNG TÍNH ĐƯỢC",
        Status::Pass => "✓ ĐẠT",
    }
}

/// "12 đạt, 1 lỗi, 2 cảnh báo, 3 không tính được".
pub fn summary_line(outcome: &Outcome) -> String {
    let s = outcome.summary;
    format!(
        "Tổng cộng {} kiểm tra: {} lỗi, {} cảnh báo, {} đạt, {} không tính được.",
        s.pass + s.fail + s.warn + s.na,
        s.fail,
        s.warn,
        s.pass,
        s.na
    )
}

/// The suggestions of a check, under it: the whole message where a suggestion is first met,
/// a reminder of the cell and values after that.
fn render_suggestions(
    out: &mut String,
    check: &Check,
    suggestions: &[Suggestion],
    told: &mut Vec<usize>,
) {
    for &k in &check.suggestions {
        let Some(s) = suggestions.get(k) else {
            continue;
        };
        if told.contains(&k) {
            let _ = writeln!(
                out,
                "      → Gợi ý (xem trên): ô {}: {} → {}",
                escape_controls(&s.cell),
                escape_controls(&s.current),
                s.suggested
            );
        } else {
            told.push(k);
            let _ = writeln!(out, "      → Gợi ý: {}", escape_controls(&s.message));
        }
    }
}

/// One group of checks under a heading, failures first; passing checks counted unless `all`.
fn render_group<'a>(
    out: &mut String,
    heading: &str,
    checks: impl Iterator<Item = &'a Check>,
    all: bool,
    suggestions: &[Suggestion],
    told: &mut Vec<usize>,
) {
    let mut checks: Vec<&Check> = checks.collect();
    checks.sort_by_key(|c| std::cmp::Reverse(c.status));
    let passed = checks.iter().filter(|c| c.status == Status::Pass).count();
    let _ = writeln!(out, "\n{}", escape_controls(heading));
    for c in &checks {
        if c.status == Status::Pass && !all {
            continue;
        }
        let place = match (c.cells.is_empty(), c.line) {
            (false, _) => c.cells.join(", "),
            (true, Some(line)) => format!("dòng {line}"),
            (true, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "  {} [{}] {}",
            mark(c.status),
            escape_controls(&place),
            escape_controls(&c.message())
        );
        render_suggestions(out, c, suggestions, told);
    }
    if !all && passed > 0 {
        let _ = writeln!(out, "  ✓ {passed} kiểm tra khác đạt.");
    }
}

/// Renders the outcome for a terminal, every text from the input or the catalogue escaped
/// ([`escape_controls`]). With `all`, passing checks are listed too; otherwise only their count.
///
/// ```
/// let o = kiemso::check_text("Biểu mẫu số 02\n1.\tTổng số\tVăn bản\t5\n1.1.\tA\tVăn bản\t2\n1.2.\tB\tVăn bản\t2\n1.3.\tC\tVăn bản\t2\n",
///     &kiemso::Options::default()).unwrap();
/// let text = kiemso::present::render_text(&o, false);
/// assert!(text.contains("✗ LỖI"));
/// assert!(text.contains("1 lỗi"));
/// ```
pub fn render_text(outcome: &Outcome, all: bool) -> String {
    let mut out = String::new();
    if outcome.forms.is_empty() {
        out.push_str("Không tìm thấy bảng số liệu nào (cần các dòng có cột STT, chỉ tiêu, đơn vị tính, số liệu).\n");
    }
    let mut told = Vec::new();
    for form in &outcome.forms {
        let prefix = format!("{}/", form.form);
        let checks = outcome.checks.iter().filter(|c| {
            c.kind != Kind::Narrative && c.cells.first().is_some_and(|n| n.starts_with(&prefix))
        });
        let heading = format!("{} — {} ({} dòng)", form.form, form.title, form.rows);
        render_group(
            &mut out,
            &heading,
            checks,
            all,
            &outcome.suggestions,
            &mut told,
        );
    }
    let narrative = outcome.checks.iter().filter(|c| c.kind == Kind::Narrative);
    if narrative.clone().next().is_some() {
        render_group(
            &mut out,
            "Lời văn của báo cáo, đối chiếu với số liệu",
            narrative,
            all,
            &outcome.suggestions,
            &mut told,
        );
    }
    // With --all, the sentences that state figures the checker did not judge, so that the
    // reader knows what was left to them.
    #[cfg(feature = "narrative")]
    if all && !outcome.unjudged.is_empty() {
        out.push_str(
            "\nCâu có số liệu chưa được đối chiếu (không xác định chắc chắn ý nghĩa của số):\n",
        );
        for u in &outcome.unjudged {
            let _ = write!(out, "  · [dòng {}] «{}»", u.line, escape_controls(&u.quote));
            match u.reason {
                Some(why) => {
                    let _ = writeln!(out, " — {why}.");
                }
                None => out.push('\n'),
            }
        }
    }
    // Targets of the catalogue (thresholds): those not reached, always; reached ones with --all.
    let targets: Vec<_> = outcome
        .forms
        .iter()
        .flat_map(|f| f.table.iter())
        .flat_map(|r| r.targets.iter())
        .filter(|t| all || !t.reached)
        .collect();
    if !targets.is_empty() {
        out.push_str("\nSo với mục tiêu:\n");
        for t in targets {
            let mark = if t.reached { "✓" } else { "→" };
            let _ = writeln!(out, "  {mark} {}", escape_controls(&t.message));
        }
    }
    if !outcome.notices.is_empty() {
        out.push_str("\nGhi nhận về dữ liệu:\n");
        for n in &outcome.notices {
            match n.line {
                Some(l) => {
                    let _ = writeln!(out, "  - Dòng {l}: {}", escape_controls(&n.message));
                }
                None => {
                    let _ = writeln!(out, "  - {}", escape_controls(&n.message));
                }
            }
        }
    }
    let _ = writeln!(out, "\n{}", summary_line(outcome));
    out
}
