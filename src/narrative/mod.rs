//! Words against numbers: the figures the narrative of a report states, checked against each
//! other and against the tables.
//!
//! Officials copy a figure into the text, edit the table, and forget the text; or they write
//! "45 cơ quan, bao gồm 30 … và 16 …". This module reads the narrative the way a careful reader
//! would and reports, as checks of kind [`Kind::Narrative`](crate::outcome::Kind::Narrative):
//!
//! - **arithmetic inside the text** (`arith`): a percentage against the counts it is computed
//!   from (`đã giải quyết 180/200 hồ sơ, đạt tỷ lệ 90%`; `… giải quyết M …, trong đó đúng hạn K
//!   …, đạt tỷ lệ p%`), a whole against its parts (`gồm` — the parts make the whole; `trong đó`
//!   — they may be only some), a remainder (`58/69 …; đang giải quyết 11 …`), a change whose two
//!   sides are stated (`từ 300 xuống 255, giảm 45`; `sáp nhập 95 … thành 53 …, giảm 42`), and
//!   the number of items a sentence lists;
//! - **the text against the tables** (`tables`): a sentence stating a figure for an indicator a
//!   table row holds (same indicator, unit and level of government), compared with the row.
//!
//! Precision comes before recall: dates, document numbers, years, list labels and ranges never
//! become figures (`scan`), and a rule fires only when the words pin down which figures it
//! relates. Every figure keeps the rounding rule of the tables (a printed value stands for the
//! interval of values that round to it). A mismatch is a `warn`, never a `fail`: the reading of
//! a sentence is an interpretation, and the person decides.
//!
//! Page-break artefacts are undone first ([`prose`]): footnote lines dropped, footnote markers
//! removed (`năm 2024⁴,`), a sentence cut by a page break joined again.
//!
//! ```
//! let text = "Trong kỳ đã giải quyết 180/200 hồ sơ, đạt tỷ lệ 91%.\n\
//!             UBND tỉnh ban hành 45 văn bản, gồm: 30 quyết định, 15 công văn.";
//! let outcome = kiemso::check_text(text, &kiemso::Options::default()).unwrap();
//! let ratio = &outcome.checks[0];
//! assert_eq!(ratio.status, kiemso::outcome::Status::Warn);
//! assert_eq!(ratio.expected.as_deref(), Some("90"));
//! assert!(ratio.message().contains("180 / 200 × 100 = 90%"));
//! assert_eq!(outcome.checks[1].status, kiemso::outcome::Status::Pass);
//! assert_eq!(outcome.checks[1].line, Some(2));
//! ```

mod arith;
mod finding;
mod knowledge;
mod lexicon;
pub mod prose;
mod scan;
mod tables;
mod token;
mod units;
mod words;

use crate::outcome::{Check, Unjudged};
use crate::report::Report;
pub(crate) use knowledge::validate as validate_concepts;
pub use knowledge::{builtin_concepts, concepts_from_json, BUILTIN_JSON as CONCEPTS_JSON};
pub use prose::{paragraphs, Paragraph};

/// Every narrative check of a report, in the order of the text, with the built-in catalogue's
/// concepts.
pub fn check(report: &Report) -> Vec<Check> {
    checks_and_claims(report)
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

/// [`check`], each check with what its sentence asserts about table cells (for a comparison with
/// a table), which error localisation ([`crate::locate`]) weighs with the tables' own rules.
pub fn checks_and_claims(report: &Report) -> Vec<(Check, Option<crate::locate::Claim>)> {
    checks_and_claims_in(report, crate::builtin_catalogue())
}

/// [`checks_and_claims`] with the concepts of `catalogue`: its own, or the built-in ones whose
/// rows it has ([`knowledge`]).
pub fn checks_and_claims_in(
    report: &Report,
    catalogue: &crate::catalogue::Catalogue,
) -> Vec<(Check, Option<crate::locate::Claim>)> {
    checks_claims_and_unjudged(report, catalogue).0
}

/// [`checks_and_claims_in`], and the sentences that state figures no rule judged
/// ([`Unjudged`]), in the order of the text.
pub fn checks_claims_and_unjudged(
    report: &Report,
    catalogue: &crate::catalogue::Catalogue,
) -> (Vec<(Check, Option<crate::locate::Claim>)>, Vec<Unjudged>) {
    let tables = tables::tables_for(catalogue);
    let mut unjudged = Vec::new();
    let paras = paragraphs(&report.narrative);
    let docs: Vec<scan::Doc> = paras.iter().map(scan::Doc::new).collect();
    let mut found: Vec<finding::Finding> = Vec::new();
    for p in 0..docs.len() {
        let from = found.len();
        arith::check(&docs, p, &mut found);
        tables::check(&docs[p], p, report, &tables, &mut found);
        // A statement read twice by two rules of the same kind is reported once. Findings use
        // the figures of their own paragraph only, so the comparison stays within it (linear in
        // the report).
        let mut k = from;
        while k < found.len() {
            let dup = (from..k).any(|j| {
                found[j].what == found[k].what && arith::same_uses(&found[j].uses, &found[k].uses)
            });
            if dup {
                found.remove(k);
            } else {
                k += 1;
            }
        }
        // In the order of the text: an insertion sort, the paragraph's findings being few and
        // nearly in order.
        for i in from + 1..found.len() {
            let mut j = i;
            while j > from && found[j - 1].line > found[j].line {
                found.swap(j - 1, j);
                j -= 1;
            }
        }
        unjudged_sentences(&docs[p], p, &found[from..], &mut unjudged);
    }
    // Ids name what was checked, not where: the same report as text or as .docx (whose line
    // numbers are paragraph numbers) gives the same ids. A statement repeated word for word gets
    // `#2`, `#3`.
    let bases: Vec<String> = found.iter().map(id_base).collect();
    // How many times each base has been seen so far: the findings ordered by base (ties in
    // the order of the text), then numbered along each run of equal bases. A sort of indices
    // rather than a map: no allocation per distinct base, and no second map type in the Wasm.
    let mut order: Vec<u32> = (0..bases.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| bases[a as usize].cmp(&bases[b as usize]).then(a.cmp(&b)));
    let mut nth = vec![1usize; bases.len()];
    for k in 1..order.len() {
        let (prev, cur) = (order[k - 1] as usize, order[k] as usize);
        if bases[prev] == bases[cur] {
            nth[cur] = nth[prev] + 1;
        }
    }
    let checks = found
        .into_iter()
        .zip(bases.into_iter().zip(nth))
        .map(|(f, (mut id, k))| {
            if k > 1 {
                id.push('#');
                id.push_str(&k.to_string());
            }
            f.into_check(id)
        })
        .collect();
    (checks, unjudged)
}

/// The sentences of paragraph `p` that state figures (quantities, not dates or durations) none
/// of whose figures a finding of the paragraph uses, with the reason when one is plain: a
/// comparison with another period, an approximate figure, a percentage without what it is of.
fn unjudged_sentences(
    doc: &scan::Doc,
    p: usize,
    found: &[finding::Finding],
    out: &mut Vec<Unjudged>,
) {
    for s in &doc.sents {
        // No allocation for the many sentences that are judged or state no figure.
        let figures = || {
            doc.mentions[s.mentions.clone()]
                .iter()
                .filter(|m| !m.unit.is_some_and(|u| u.is_descriptive()))
        };
        let Some(first) = figures().next() else {
            continue;
        };
        let used = |m: &scan::Mention| found.iter().any(|f| f.uses.contains(&(p, m.tok)));
        if figures().any(used) {
            continue;
        }
        let says = |a: &str, b: &str| {
            s.toks
                .clone()
                .any(|i| doc.word(i) == a && doc.word(i + 1) == b)
        };
        let reason = if says("cùng", "kỳ")
            || says("cùng", "kì")
            || (says("so", "với") && figures().any(|m| m.change))
        {
            Some("so sánh với kỳ khác")
        } else if figures().any(|m| m.approx) {
            Some("số làm tròn hoặc ước chừng")
        } else if figures().any(|m| m.num.percent && !m.is_fraction()) {
            Some("không rõ mẫu số")
        } else {
            None
        };
        out.push(Unjudged {
            line: doc.line_of(first.tok),
            quote: finding::quote(doc, s.toks.clone()),
            reason,
        });
    }
}

/// The id of a finding before any `#2`: `narrative:`, what was checked, and what identifies it —
/// the cells and the figure for a comparison with a table, the computation and the figure
/// otherwise (`120.067/120.561×100=99,59`). Built in one string: one for every finding.
fn id_base(f: &finding::Finding) -> String {
    let reported = f.reported.as_deref().unwrap_or("");
    let mut id = String::with_capacity(64);
    id.push_str("narrative:");
    id.push_str(f.what);
    id.push(':');
    if !f.cells.is_empty() {
        for (k, cell) in f.cells.iter().enumerate() {
            if k > 0 {
                id.push(',');
            }
            id.push_str(cell);
        }
        id.push('=');
        id.push_str(reported);
    } else if f.what == "count" {
        id.push_str(reported);
        id.push('=');
        id.push_str(f.expected.as_deref().unwrap_or(""));
    } else {
        let formula = f.formula.as_deref().unwrap_or("");
        id.extend(formula.chars().filter(|c| !c.is_whitespace()));
        id.push('=');
        id.push_str(reported);
    }
    id
}
