//! The narrative's knowledge as data (catalogue/narrative.json, a user catalogue's `concepts`):
//! a user catalogue keeps the narrative comparisons, its own concepts change them as written,
//! and concepts that could never match are refused with the concept and the phrase named.

use kiemso::catalogue::{Catalogue, ConceptSpec, BUILTIN_JSON};
use kiemso::outcome::{Kind, Status};
use kiemso::{check_text, Options};
use serde_json::Value;

const SEED: &str = include_str!("../www/examples/khanh-hoa-q3-2024.txt");

/// The narrative checks of `text` with `catalogue`: (id, status, line, message).
fn narrative(text: &str, catalogue: Option<Catalogue>) -> Vec<(String, Status, usize, String)> {
    let options = Options {
        catalogue,
        ..Options::default()
    };
    check_text(text, &options)
        .unwrap()
        .checks
        .into_iter()
        .filter(|c| c.kind == Kind::Narrative)
        .map(|c| (c.message().into_owned(), c))
        .map(|(m, c)| (c.id, c.status, c.line.unwrap_or(0), m))
        .collect()
}

/// The comparisons with a table among `checks`.
fn table_ids(checks: &[(String, Status, usize, String)]) -> Vec<&str> {
    checks
        .iter()
        .map(|c| c.0.as_str())
        .filter(|id| id.starts_with("narrative:table:"))
        .collect()
}

/// The built-in catalogue as JSON, edited by `edit`.
fn catalogue_with(edit: impl FnOnce(&mut Value)) -> Catalogue {
    let mut json: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
    edit(&mut json);
    kiemso::read_catalogue(&json.to_string()).unwrap()
}

/// The built-in concepts as a JSON value.
fn builtin_concepts() -> Value {
    let file: Value = serde_json::from_str(kiemso::narrative::CONCEPTS_JSON).unwrap();
    file["concepts"].clone()
}

#[test]
fn the_builtin_concepts_fit_the_builtin_catalogue() {
    let concepts = builtin_concepts();
    assert!(concepts.as_array().unwrap().len() >= 50);
    // Read as a catalogue's own: every cell a row of the catalogue, every phrase valid.
    let c = catalogue_with(|j| j["concepts"] = concepts);
    assert_eq!(
        c.concepts.as_deref(),
        Some(kiemso::narrative::builtin_concepts())
    );
}

#[test]
fn a_copy_of_the_builtin_catalogue_keeps_every_narrative_finding() {
    let builtin = narrative(SEED, None);
    assert!(
        table_ids(&builtin).len() >= 10,
        "the seed is compared with its tables"
    );
    let copy = kiemso::read_catalogue(BUILTIN_JSON).unwrap();
    assert_eq!(narrative(SEED, Some(copy)), builtin);
    // The same with the built-in concepts written into the catalogue.
    let with_concepts = catalogue_with(|j| j["concepts"] = builtin_concepts());
    assert_eq!(narrative(SEED, Some(with_concepts)), builtin);
}

#[test]
fn a_catalogue_without_a_form_keeps_the_concepts_of_the_others() {
    let builtin = narrative(SEED, None);
    let without_07 = catalogue_with(|j| {
        let forms = j["forms"].as_array_mut().unwrap();
        forms.retain(|f| f["number"] != 7);
        j["cross"] = Value::Array(vec![]);
    });
    let checks = narrative(SEED, Some(without_07));
    let ids = table_ids(&checks);
    assert!(ids.iter().all(|id| !id.contains("B07/")), "{ids:?}");
    let expected: Vec<&str> = table_ids(&builtin)
        .into_iter()
        .filter(|id| !id.contains("B07/"))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids, expected);
}

#[test]
fn edited_concepts_change_the_findings_as_written() {
    let builtin = narrative(SEED, None);
    let ids = table_ids(&builtin);
    // The comparison with row 6.4 of form 07 (the share of dossiers received online).
    let online = |id: &&str| id.starts_with("narrative:table:B07/6.4=");
    assert!(ids.iter().any(online), "{ids:?}");
    let edit = |f: &dyn Fn(&mut Vec<Value>)| {
        let mut concepts = builtin_concepts();
        f(concepts.as_array_mut().unwrap());
        narrative(SEED, Some(catalogue_with(|j| j["concepts"] = concepts)))
    };
    let is_online = |c: &Value| c["cells"] == serde_json::json!(["B07/6.4"]);

    // A phrase that must not be in the clause: the comparison goes, nothing else changes.
    let checks = edit(&|cs| {
        let c = cs.iter_mut().find(|c| is_online(c)).unwrap();
        c["not_clause"]
            .as_array_mut()
            .unwrap()
            .push("trực tuyến".into());
    });
    let expected: Vec<&str> = ids.iter().copied().filter(|id| !online(id)).collect();
    assert_eq!(table_ids(&checks), expected);

    // A phrase removed from a group: the sentences that said only it no longer fit.
    let checks = edit(&|cs| {
        let c = cs.iter_mut().find(|c| is_online(c)).unwrap();
        c["clause"] = serde_json::json!([["trực tuyến"], ["không có ở đâu"]]);
    });
    assert_eq!(table_ids(&checks), expected);

    // No concepts at all: no comparison with the tables, the text's own arithmetic stays.
    let none = narrative(
        SEED,
        Some(catalogue_with(|j| j["concepts"] = Value::Array(vec![]))),
    );
    assert!(table_ids(&none).is_empty());
    let arithmetic = |cs: &[(String, Status, usize, String)]| {
        cs.iter()
            .filter(|c| !c.0.starts_with("narrative:table:"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(arithmetic(&none), arithmetic(&builtin));
    assert!(!arithmetic(&none).is_empty());
}

#[test]
fn a_row_moved_in_the_template_keeps_its_comparison() {
    // Form 07's row 6.4 (and its two parts) renumbered 6.9 in the catalogue and in the report:
    // the built-in concepts follow the row by its indicator.
    let builtin = narrative(SEED, None);
    let before: Vec<&str> = table_ids(&builtin)
        .into_iter()
        .filter(|id| id.starts_with("narrative:table:B07/6.4"))
        .collect();
    assert!(!before.is_empty());
    let moved = catalogue_with(|j| {
        let text = j.to_string();
        *j = serde_json::from_str(
            &text
                .replace("\"6.4\"", "\"6.9\"")
                .replace("\"6.4.", "\"6.9.")
                .replace("B07/6.4", "B07/6.9"),
        )
        .unwrap();
    });
    let text = SEED
        .lines()
        .map(|l| match l.strip_prefix("6.4") {
            Some(rest) if l.contains('\t') => format!("6.9{rest}"),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let checks = narrative(&text, Some(moved));
    let after: Vec<String> = table_ids(&checks)
        .into_iter()
        .filter(|id| id.starts_with("narrative:table:B07/6.9"))
        .map(str::to_string)
        .collect();
    let expected: Vec<String> = before.iter().map(|id| id.replace("6.4", "6.9")).collect();
    assert_eq!(after, expected);
}

/// The error a catalogue with the built-in concepts gets when the first concept is edited.
fn refused(edit: impl Fn(&mut Value)) -> String {
    let mut concepts = builtin_concepts();
    edit(&mut concepts[0]);
    let mut json: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
    json["concepts"] = concepts;
    kiemso::read_catalogue(&json.to_string())
        .unwrap_err()
        .to_string()
}

#[test]
fn concepts_that_could_never_match_are_refused_with_the_concept_and_phrase_named() {
    let about = "số văn bản chỉ đạo CCHC đã ban hành";
    for (edit, says) in [
        (
            serde_json::json!({"item": [["Văn bản chỉ đạo"]]}),
            "«Văn bản chỉ đạo» phải viết thường",
        ),
        (
            serde_json::json!({"item": [["văn bản  chỉ đạo"]]}),
            "«văn bản  chỉ đạo» có khoảng trắng thừa",
        ),
        (
            serde_json::json!({"item": [[", trong đó"]]}),
            "«, trong đó» phải bắt đầu bằng một từ",
        ),
        (serde_json::json!({"item": [[""]]}), "«» rỗng"),
        (serde_json::json!({"item": [[]]}), "một nhóm cụm từ rỗng"),
        (serde_json::json!({"units": ["ship"]}), "«ship»"),
        (serde_json::json!({"cells": ["B01/99"]}), "dòng 99"),
        (serde_json::json!({"cells": ["1/1"]}), "B03/3.1.2"),
        (serde_json::json!({"scope": ["country"]}), "country"),
        (serde_json::json!({"measure": "ratio"}), "ratio"),
    ] {
        let err = refused(|c| {
            for (k, v) in edit.as_object().unwrap() {
                c[k] = v.clone();
            }
        });
        assert!(err.contains(says), "{edit}: {err}");
        // Serde's own errors (an unknown scope or measure) give a line; the others name the concept.
        assert!(
            err.contains(about) || err.contains("dòng 1,"),
            "{edit}: {err}"
        );
    }
}

#[test]
fn the_concepts_round_trip_through_the_catalogue_format() {
    let concepts: Vec<ConceptSpec> = kiemso::narrative::builtin_concepts().to_vec();
    let json = serde_json::to_string(&serde_json::json!({ "concepts": concepts })).unwrap();
    assert_eq!(
        kiemso::narrative::concepts_from_json(&json).unwrap(),
        concepts
    );
}

#[test]
fn the_builtin_concepts_are_valid() {
    // Read at start without validation (once per process matters for the command line): the
    // validation is here.
    let validated = kiemso::narrative::concepts_from_json(kiemso::narrative::CONCEPTS_JSON)
        .expect("the built-in concepts pass validation");
    assert_eq!(validated, kiemso::narrative::builtin_concepts());
}
