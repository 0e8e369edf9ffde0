//! What the narrative knows, as data: the concepts that tie a report's words to the catalogue's
//! rows ([`ConceptSpec`]), read from `catalogue/narrative.json` (embedded only with the
//! `narrative` feature, so that the first-load Wasm module does not carry it) or from a user
//! catalogue's `concepts`.
//!
//! A user catalogue without `concepts` keeps the built-in ones whose rows it has: a row found at
//! the same STT, or at another STT of the same form with the same indicator (a template whose
//! rows moved). The format is documented in `docs/narrative-knowledge.md`.

use super::prose::lower_aligned;
use super::token::{tokenize, Kind};
use crate::catalogue::{Catalogue, CatalogueError, ConceptSpec};
use std::borrow::Cow;
use std::sync::OnceLock;

/// The built-in concepts, as JSON (`{"concepts": [...]}`).
pub const BUILTIN_JSON: &str = include_str!("../../catalogue/narrative.json");

/// A file of concepts: `catalogue/narrative.json`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptsFile {
    concepts: Vec<ConceptSpec>,
}

/// The built-in concepts, read once.
pub fn builtin_concepts() -> &'static [ConceptSpec] {
    static BUILTIN: OnceLock<Vec<ConceptSpec>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // The embedded file is validated by the tests (`the_builtin_concepts_are_valid`, and
        // against the built-in catalogue too), not at every start: validating its phrases was a
        // third of the instructions of a process checking a one-row table. Failing to parse
        // here is a build defect.
        let file: ConceptsFile =
            serde_json::from_str(BUILTIN_JSON).expect("the built-in concepts are valid");
        file.concepts
    })
}

/// Reads a file of concepts (`{"concepts": [...]}`) and validates what can be validated without
/// a catalogue: the units, the phrases, the cells' shape. [`crate::read_catalogue`] checks that
/// the cells of a catalogue's own concepts are rows it has.
///
/// ```
/// let json = r#"{"concepts": [{"about": "số văn bản đã ban hành", "measure": "count",
///   "cells": ["B01/1"], "units": ["document"], "item": [["ban hành"]]}]}"#;
/// let concepts = kiemso::narrative::concepts_from_json(json).unwrap();
/// assert_eq!(concepts[0].cells, ["B01/1"]);
/// let err = kiemso::narrative::concepts_from_json(&json.replace("ban hành", "Ban hành"));
/// assert!(err.unwrap_err().to_string().contains("«Ban hành»"));
/// ```
pub fn concepts_from_json(json: &str) -> Result<Vec<ConceptSpec>, CatalogueError> {
    let file: ConceptsFile = serde_json::from_str(json)
        .map_err(|e| CatalogueError(format!("dòng {}, cột {}: {}", e.line(), e.column(), e)))?;
    validate(&file.concepts).map_err(CatalogueError)?;
    Ok(file.concepts)
}

/// The name of concept `k` in a message: its number (from 1) and what it is.
pub(crate) fn concept_name(k: usize, c: &ConceptSpec) -> String {
    format!("khái niệm số {} («{}»)", k + 1, c.about)
}

/// Checks the concepts' units and phrases: every unit a class the narrative knows (or `none`),
/// every phrase written as the tokeniser reads the text. The error names the concept and the
/// phrase.
pub(crate) fn validate(concepts: &[ConceptSpec]) -> Result<(), String> {
    let mut phrases: Vec<Vec<String>> = Vec::new();
    for (k, c) in concepts.iter().enumerate() {
        let at = || concept_name(k, c);
        if c.about.trim().is_empty() {
            return Err(format!("khái niệm số {} cần có mô tả (about)", k + 1));
        }
        for u in &c.units {
            if u != "none" && !super::units::is_class(u) {
                return Err(format!(
                    "{}: loại đơn vị «{u}» không có trong danh mục đơn vị của phần lời văn",
                    at()
                ));
            }
        }
        if c.measure != crate::catalogue::ConceptMeasure::Percent && c.units.is_empty() {
            return Err(format!(
                "{}: cần ít nhất một loại đơn vị (units; «none» khi số đứng một mình)",
                at()
            ));
        }
        let groups = c.item.iter().chain(&c.clause).chain(&c.sentence);
        let all = groups
            .chain(&c.paragraph)
            .flatten()
            .chain(&c.not_item)
            .chain(&c.not_clause)
            .chain(&c.not_sentence)
            .chain(&c.not_paragraph);
        for g in c
            .item
            .iter()
            .chain(&c.clause)
            .chain(&c.sentence)
            .chain(&c.paragraph)
        {
            if g.is_empty() {
                return Err(format!("{}: một nhóm cụm từ rỗng", at()));
            }
        }
        for p in all {
            let words = phrase_words(p).map_err(|why| format!("{}: cụm từ «{p}» {why}", at()))?;
            if !phrases.contains(&words) {
                phrases.push(words);
            }
        }
    }
    // Every distinct phrase, with the words that name a level of government, must fit a set.
    let most = super::lexicon::MAX_PHRASES - LEVEL_PHRASES;
    if phrases.len() > most {
        return Err(format!(
            "các khái niệm dùng {} cụm từ khác nhau, nhiều nhất là {most}",
            phrases.len()
        ));
    }
    Ok(())
}

/// A phrase as the words the tokeniser reads, or why it can never match: not lower-case, empty,
/// not starting with a word (the lexicon looks phrases up by their first word), or spaced
/// otherwise than the text would be read.
pub(crate) fn phrase_words(p: &str) -> Result<Vec<String>, &'static str> {
    if p.trim().is_empty() {
        return Err("rỗng");
    }
    if lower_aligned(p) != p {
        return Err("phải viết thường");
    }
    if p.trim() != p || p.contains("  ") {
        return Err("có khoảng trắng thừa");
    }
    let toks = tokenize(p);
    if toks.first().map_or(true, |t| t.kind != Kind::Word) {
        return Err("phải bắt đầu bằng một từ");
    }
    // Nothing the tokeniser drops: the tokens are the phrase without its spaces.
    let joined: String = toks.iter().map(|t| &p[t.start..t.end]).collect();
    if joined != p.replace(' ', "") {
        return Err("có ký tự mà phần lời văn không đọc được");
    }
    Ok(toks.iter().map(|t| p[t.start..t.end].to_string()).collect())
}

/// The concepts the narrative uses with `catalogue`: its own, or else the built-in ones whose
/// cells it has (at the same STT, or moved within their form: the row of the same indicator).
pub(crate) fn concepts_for(catalogue: &Catalogue) -> Cow<'_, [ConceptSpec]> {
    if let Some(own) = &catalogue.concepts {
        return Cow::Borrowed(own);
    }
    let builtin = crate::builtin_catalogue();
    let concepts = builtin_concepts();
    if std::ptr::eq(catalogue, builtin) {
        return Cow::Borrowed(concepts);
    }
    // A built-in cell in `catalogue`: the same when it has that row, else the row of its form
    // with the same indicator.
    let cell = |name: &str| -> Option<String> {
        let (number, stt) = crate::catalogue::split_cell_ref_borrowed(None, name)?;
        let form = catalogue.form(number)?;
        if form.rows.iter().any(|r| r.stt == stt) {
            return Some(name.to_string());
        }
        let indicator = &builtin
            .form(number)?
            .rows
            .iter()
            .find(|r| r.stt == stt)?
            .indicator;
        let same = |r: &&crate::catalogue::RowSpec| {
            lower_aligned(r.indicator.trim()) == lower_aligned(indicator.trim())
        };
        let row = form.rows.iter().find(same)?;
        Some(format!("B{number:02}/{}", row.stt))
    };
    let cells =
        |names: &[String]| -> Option<Vec<String>> { names.iter().map(|n| cell(n)).collect() };
    let kept: Vec<ConceptSpec> = concepts
        .iter()
        .filter_map(|c| {
            let mut c = c.clone();
            c.cells = cells(&c.cells)?;
            if let Some(r) = &mut c.ratio {
                r.num = cells(&r.num)?;
                r.den = cells(&r.den)?;
            }
            Some(c)
        })
        .collect();
    if kept == concepts {
        Cow::Borrowed(concepts)
    } else {
        Cow::Owned(kept)
    }
}

/// The words that name a level of government (the tables' scopes), as the tokeniser splits them.
/// A phrase as the tokeniser splits it.
pub(crate) type Words = &'static [&'static str];

pub(crate) const PROVINCE: &[Words] = &[
    &["cấp", "tỉnh"],
    &["ubnd", "tỉnh"],
    &["hđnd", "tỉnh"],
    &["ủy", "ban", "nhân", "dân", "tỉnh"],
    &["hội", "đồng", "nhân", "dân", "tỉnh"],
    &["sở", ",", "ngành"],
    &["sở", ",", "ban", ",", "ngành"],
    &["sở", "ngành"],
    &["các", "sở"],
];
pub(crate) const PROVINCE_WEAK: &[Words] = &[&["cơ", "quan", "chuyên", "môn"]];
pub(crate) const DISTRICT: &[Words] = &[
    &["cấp", "huyện"],
    &["các", "huyện"],
    &["huyện", ",", "thị", "xã"],
];
pub(crate) const COMMUNE: &[Words] = &[&["cấp", "xã"], &["các", "xã"], &["xã", ",", "phường"]];
pub(crate) const VERTICAL: &[Words] = &[&["ngành", "dọc"]];

/// The number of phrases naming a level of government: the concepts' phrases share the
/// lexicon's [`super::lexicon::MAX_PHRASES`] with them.
pub(crate) const LEVEL_PHRASES: usize =
    PROVINCE.len() + PROVINCE_WEAK.len() + DISTRICT.len() + COMMUNE.len() + VERTICAL.len();
