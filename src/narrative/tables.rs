//! The text against the tables: a sentence that states a figure for an indicator a table row also
//! holds — same indicator, same unit, same scope — is compared with that row.
//!
//! Which sentence speaks of which row is data, not code: the concepts ([`ConceptSpec`], from
//! `catalogue/narrative.json` or a user catalogue, [`super::knowledge`]) list, for each row of
//! the catalogue a narrative usually repeats, the words that must (and must not) surround the
//! figure, at four distances (the figure's own words, its clause, its sentence, its paragraph),
//! the level of government it must be about (`cấp tỉnh`, `cấp huyện`, `cấp xã`, all three), and
//! the words the row's indicator must contain, so that a template whose rows moved is never
//! compared with the wrong row. A figure is compared only when exactly one concept fits it.

use super::finding::{amount, cat, raw_a, raw_a_str, raw_b, raw_b_str, unit_text, valued, Finding};
use super::knowledge::{self, COMMUNE, DISTRICT, PROVINCE, PROVINCE_WEAK, VERTICAL};
use super::lexicon::{Lexicon, Set, MAX_PHRASES};
use super::prose::lower_aligned;
use super::scan::{Doc, Mention};
use super::token::tokenize;
use super::words::WordMap;
use crate::catalogue::{Catalogue, ConceptMeasure as MeasureKind, ConceptSpec, RatioSpec, Scope};
use crate::explain::{row_phrase, signed};
use crate::interval::Interval;
use crate::number::{format_vi, push_decimal, round_to, Figure};
use crate::outcome::Status;
use crate::report::{Form, Measure, Report, Row};
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A concept, its phrases as sets of the lexicon's ids: each group is the set of its
/// alternatives, each exclusion list one set.
#[derive(Debug)]
struct Concept {
    /// Boxed: the fields [`fits`] reads for every figure and candidate stay close together.
    def: Box<ConceptSpec>,
    /// The levels of `def.scope` as bits (`1 << level`), 0 when any level will do: tested for
    /// every figure and candidate concept.
    scopes: u8,
    item: Vec<Set>,
    clause: Vec<Set>,
    sentence: Vec<Set>,
    paragraph: Vec<Set>,
    not_item: Set,
    not_clause: Set,
    not_sentence: Set,
    not_paragraph: Set,
}

/// A phrase as the lower-case texts of its tokens.
fn phrase(s: &str) -> Vec<String> {
    let low = lower_aligned(s);
    tokenize(&low)
        .iter()
        .map(|t| low[t.start..t.end].to_string())
        .collect()
}

/// The data of the module for one set of concepts: the concepts and every phrase they use, the
/// words that name a level of government, and which concepts a figure may state.
pub(crate) struct Tables {
    lexicon: Lexicon,
    concepts: Vec<Concept>,
    levels: [Set; 5],
    /// The concepts a figure may state, by what it is: `%`, or the class of its unit (`none`
    /// when it has none), so that a figure is tried only against those.
    by_kind: WordMap<String, Vec<u16>>,
}

/// The tables of the concepts `catalogue` brings (or the built-in ones whose rows it has,
/// [`knowledge::concepts_for`]): built once for the built-in concepts, and once per set of
/// concepts for a user catalogue (the last one kept, as the Wasm boundary keeps the last
/// catalogue).
pub(crate) fn tables_for(catalogue: &Catalogue) -> Arc<Tables> {
    static BUILTIN: OnceLock<Arc<Tables>> = OnceLock::new();
    static LAST: Mutex<Option<(Vec<ConceptSpec>, Arc<Tables>)>> = Mutex::new(None);
    let builtin = knowledge::builtin_concepts();
    let concepts = knowledge::concepts_for(catalogue);
    if std::ptr::eq(concepts.as_ptr(), builtin.as_ptr()) || *concepts == *builtin {
        return BUILTIN
            .get_or_init(|| Arc::new(Tables::new(builtin)))
            .clone();
    }
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((seen, tables)) = last.as_ref() {
        if *seen == *concepts {
            return tables.clone();
        }
    }
    // A catalogue made without [`crate::read_catalogue`] may hold phrases that can never match
    // or too many of them: such concepts are not used rather than trusted.
    let tables = match knowledge::validate(&concepts) {
        Ok(()) => Arc::new(Tables::new(&concepts)),
        Err(_) => Arc::new(Tables::new(&[])),
    };
    *last = Some((concepts.into_owned(), tables.clone()));
    tables
}

impl Tables {
    /// The tables of `defs`, validated ([`knowledge::validate`]).
    fn new(defs: &[ConceptSpec]) -> Tables {
        let mut lexicon = Lexicon::default();
        let mut ids = |v: &[String]| -> Set {
            let ids: Vec<u16> = v.iter().map(|s| lexicon.intern(&phrase(s))).collect();
            Set::of(&ids)
        };
        let mut concepts = Vec::with_capacity(defs.len());
        for def in defs {
            let mut groups = |v: &[Vec<String>]| -> Vec<Set> { v.iter().map(|g| ids(g)).collect() };
            let (item, clause) = (groups(&def.item), groups(&def.clause));
            let (sentence, paragraph) = (groups(&def.sentence), groups(&def.paragraph));
            concepts.push(Concept {
                scopes: def.scope.iter().fold(0, |bits, &s| bits | scope_bit(s)),
                item,
                clause,
                sentence,
                paragraph,
                not_item: ids(&def.not_item),
                not_clause: ids(&def.not_clause),
                not_sentence: ids(&def.not_sentence),
                not_paragraph: ids(&def.not_paragraph),
                def: Box::new(def.clone()),
            });
        }
        let mut level = |set: &[&[&str]]| -> Set {
            let ids: Vec<u16> = set.iter().map(|p| lexicon.intern(p)).collect();
            Set::of(&ids)
        };
        let levels = [
            level(PROVINCE),
            level(PROVINCE_WEAK),
            level(DISTRICT),
            level(COMMUNE),
            level(VERTICAL),
        ];
        let mut by_kind: WordMap<String, Vec<u16>> = WordMap::default();
        for (i, c) in concepts.iter().enumerate() {
            let i = u16::try_from(i).expect("fewer than 65536 concepts");
            if c.def.measure == MeasureKind::Percent {
                by_kind.entry("%".to_string()).or_default().push(i);
            }
            for u in &c.def.units {
                by_kind.entry(u.clone()).or_default().push(i);
            }
        }
        // `knowledge::validate` keeps a catalogue's phrases within the bound.
        assert!(lexicon.len() <= MAX_PHRASES, "too many phrases for a set");
        lexicon.seal();
        Tables {
            lexicon,
            concepts,
            levels,
            by_kind,
        }
    }
}

/// The level of government words speak of, given the set of phrases they hold.
fn scope_of(t: &Tables, set: &Set) -> Scope {
    let any = |k: usize| t.levels[k].meets(set);
    if any(4) {
        return Scope::Vertical;
    }
    let (d, c) = (any(2), any(3));
    let p = any(0) || (any(1) && !d && !c);
    match (p, d, c) {
        (true, true, true) => Scope::All,
        (true, false, false) => Scope::Province,
        (false, true, false) => Scope::District,
        (false, false, true) => Scope::Commune,
        (false, false, false) => Scope::None,
        _ => Scope::Mixed,
    }
}

/// A level of government as one bit of [`Concept::scopes`].
fn scope_bit(s: Scope) -> u8 {
    1 << s as u8
}

/// What surrounds a figure, as sets of phrases.
struct Ctx {
    item: Set,
    clause: Set,
    sentence: Set,
    paragraph: Set,
    scope: Scope,
}

/// Whether concept `c`, one of the candidates of `m` (`Tables::by_kind`), fits it. Runs for
/// every figure and every candidate.
fn fits(c: &Concept, m: &Mention, ctx: &Ctx) -> bool {
    let percent = m.num.percent;
    match c.def.measure {
        MeasureKind::Percent if !percent => return false,
        MeasureKind::Count | MeasureKind::Money if percent => return false,
        _ => {}
    }
    // The unit needs no test: the candidates of a figure that is not a percentage are
    // `by_kind[its unit class]`, the concepts whose units hold that class.
    debug_assert!(
        percent
            || c.def
                .units
                .iter()
                .any(|u| u == m.unit.map_or("none", |u| u.class)),
        "a candidate of the figure's unit class"
    );
    // A concept of a denominator reads the `b` of `a/b`; any other reads a count or the `a`.
    if c.def.denominator && !m.is_fraction() {
        return false;
    }
    if c.scopes != 0 && c.scopes & scope_bit(ctx.scope) == 0 {
        return false;
    }
    let all = |groups: &[Set], set: &Set| groups.iter().all(|g| g.meets(set));
    all(&c.item, &ctx.item)
        && all(&c.clause, &ctx.clause)
        && all(&c.sentence, &ctx.sentence)
        && all(&c.paragraph, &ctx.paragraph)
        && !c.not_item.meets(&ctx.item)
        && !c.not_clause.meets(&ctx.clause)
        && !c.not_sentence.meets(&ctx.sentence)
        && !c.not_paragraph.meets(&ctx.paragraph)
}

/// A row's figure for a concept, if the row is there, holds a number, and is the row the concept
/// means.
fn cell<'r>(
    report: &'r Report,
    name: &str,
    words: &[String],
) -> Option<(&'r Form, &'r Row, Figure)> {
    let (form, stt) = name.split_once('/')?;
    let form = report.form(form)?;
    let row = form.row(stt)?;
    if !words.iter().all(|w| contains_lower(&row.indicator, w)) {
        return None;
    }
    Some((form, row, *row.value.figure()?))
}

/// Whether `text` lower-cased as [`lower_aligned`] does it contains `word` (lower-case), without
/// building the lower-case copy: runs for every row a figure is compared with.
fn contains_lower(text: &str, word: &str) -> bool {
    // The row usually spells the word as it is (the case of a match): a byte search finds it
    // without decoding characters; `same_lower(c, c)` holds, so a plain match is a match.
    if text.contains(word) {
        return true;
    }
    let Some(w0) = word.chars().next() else {
        return true;
    };
    text.char_indices().any(|(i, c)| {
        same_lower(c, w0) && {
            let mut rest = text[i..].chars();
            word.chars()
                .all(|wc| rest.next().is_some_and(|tc| same_lower(tc, wc)))
        }
    })
}

/// Whether character `c` lower-cased as [`lower_aligned`] does it is `lower`: a character whose
/// lower case would change its UTF-8 length stays as it is.
fn same_lower(c: char, lower: char) -> bool {
    if c == lower {
        return true;
    }
    if c.is_ascii() || lower.is_ascii() {
        // An ASCII letter lower-cases to ASCII, anything else keeps its (longer) length.
        return c.to_ascii_lowercase() == lower;
    }
    if c.len_utf8() != lower.len_utf8() {
        return false;
    }
    let mut l = c.to_lowercase();
    matches!((l.next(), l.next()), (Some(x), None) if x == lower)
}

/// A table unit as a word in a sentence: `Văn bản` → `văn bản`; `PAKN` stays.
fn unit_word(unit: &str) -> String {
    let t = unit.trim();
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            // The rest copied as one slice, not char by char.
            let mut out = String::with_capacity(t.len() + 2);
            out.extend(a.to_lowercase());
            out.push_str(&t[a.len_utf8()..]);
            out
        }
        _ => t.to_string(),
    }
}

/// The money scale of a table unit (`Triệu đồng` → 6).
fn unit_scale(unit: &str) -> Option<u32> {
    let low = lower_aligned(unit);
    let toks = tokenize(&low);
    let words: Vec<&str> = toks.iter().map(|t| &low[t.start..t.end]).collect();
    (0..words.len()).find_map(|i| {
        super::units::unit_at(&words[i..]).and_then(|(u, _)| u.is_money().then_some(u.scale))
    })
}

fn row_interval(measure: &Measure, f: &Figure) -> Interval {
    if f.decimals == 0 && (measure.is_exact() || *measure == Measure::Unknown) {
        Interval::exact(f.value)
    } else {
        Interval::rounded(f.value, f.decimals)
    }
}

/// What the table says for a concept: its value, the interval it stands for, its printed form,
/// the cells, how it was computed, and a phrase naming the rows.
struct TableSide<'r> {
    /// The cell as printed, when there is one cell.
    raw: Option<&'r str>,
    /// The unit of the rows, lower-case (`văn bản`, `triệu đồng`).
    unit: String,
    value: Decimal,
    interval: Interval,
    decimals: u32,
    scale: u32,
    cells: Vec<String>,
    /// How many of the last `cells` are a ratio's denominator (0 for a figure or a sum).
    den: usize,
    formula: Option<String>,
    phrase: String,
}

/// Appends the name of a form: `Biểu mẫu số 03`, or its title.
fn push_form_name(out: &mut String, form: &Form) {
    match form.number {
        Some(n) => {
            out.push_str("Biểu mẫu số ");
            if n < 10 {
                out.push('0');
            }
            push_decimal(out, u64::from(n));
        }
        None => out.push_str(&form.title),
    }
}

fn sum_of<'r>(
    report: &'r Report,
    names: &[String],
    words: &[String],
    measure: MeasureKind,
) -> Option<TableSide<'r>> {
    let mut value = Decimal::ZERO;
    let mut interval = Interval::exact(Decimal::ZERO);
    let mut decimals = 0;
    let mut scale = None;
    let mut rows = Vec::with_capacity(names.len());
    for name in names {
        let (form, row, fig) = cell(report, name, words)?;
        let row_measure = row.measure();
        let ok = matches!(
            (measure, &row_measure),
            (MeasureKind::Percent, Measure::Percent)
                | (MeasureKind::Count, Measure::Count | Measure::Unknown)
                | (MeasureKind::Money, Measure::Amount)
        );
        if !ok {
            return None;
        }
        let s = if measure == MeasureKind::Money {
            unit_scale(&row.unit)?
        } else {
            0
        };
        if scale.is_some_and(|x| x != s) {
            return None;
        }
        scale = Some(s);
        value = value.checked_add(fig.value)?;
        interval = interval.checked_add(&row_interval(&row_measure, &fig))?;
        decimals = decimals.max(fig.decimals);
        rows.push((form, row, fig));
    }
    let &(form, first, _) = rows.first()?;
    // Built in one string: a phrase for every comparison of the narrative with a table.
    let mut phrase = String::with_capacity(160);
    push_form_name(&mut phrase, form);
    let (raw, formula) = if let [(_, row, _)] = rows.as_slice() {
        phrase.push_str(", ");
        phrase.push_str(&row_phrase(row));
        phrase.push_str(" (dòng ");
        push_decimal(&mut phrase, row.line as u64);
        phrase.push_str(" của tệp)");
        (Some(row.raw.trim()), None)
    } else {
        // The cells as printed, only when there are several to add up.
        let parts: Vec<String> = rows.iter().map(|(_, _, f)| f.printed()).collect();
        let formula = parts.join(" + ");
        phrase.push_str(", tổng các dòng ");
        for (k, (_, r, _)) in rows.iter().enumerate() {
            if k > 0 {
                phrase.push_str(", ");
            }
            phrase.push_str(&r.stt.label);
        }
        phrase.push_str(" «");
        phrase.push_str(&crate::explain::short_indicator(&first.indicator));
        phrase.push_str("» (");
        phrase.push_str(&formula);
        phrase.push_str(" = ");
        phrase.push_str(&format_vi(value, decimals));
        phrase.push(')');
        (None, Some(formula))
    };
    Some(TableSide {
        raw,
        unit: unit_word(&first.unit),
        value,
        interval,
        decimals,
        scale: scale.unwrap_or(0),
        cells: names.to_vec(),
        den: 0,
        formula,
        phrase,
    })
}

fn table_side<'r>(report: &'r Report, c: &Concept) -> Option<TableSide<'r>> {
    let Some(RatioSpec {
        num,
        num_row,
        den,
        den_row,
    }) = &c.def.ratio
    else {
        return sum_of(report, &c.def.cells, &c.def.row, c.def.measure);
    };
    let n = sum_of(report, num, num_row, MeasureKind::Count)?;
    let d = sum_of(report, den, den_row, MeasureKind::Count)?;
    let interval = n.interval.percent_of(&d.interval)?;
    let value = n
        .value
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(d.value)?;
    let form = report.form(num[0].split_once('/')?.0)?;
    let nf = n.formula.unwrap_or_else(|| format_vi(n.value, 0));
    let df = d.formula.unwrap_or_else(|| format_vi(d.value, 0));
    let stts = |v: &[String]| {
        v.iter()
            .filter_map(|x| x.split_once('/').map(|(_, s)| s.to_string()))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let mut phrase = String::new();
    push_form_name(&mut phrase, form);
    let _ = write!(
        phrase,
        ": (dòng {}) / (dòng {}) × 100 = ({nf}) / ({df}) × 100 = {}%",
        stts(num),
        stts(den),
        crate::number::format_vi_trimmed(value, 4)
    );
    Some(TableSide {
        raw: None,
        unit: "%".into(),
        value,
        interval,
        decimals: 4,
        scale: 0,
        cells: num.iter().chain(den.iter()).cloned().collect(),
        den: den.len(),
        formula: Some(format!("({nf}) / ({df}) × 100")),
        phrase,
    })
}

/// Compares every figure of the narrative that states a table row with that row.
pub(crate) fn check(doc: &Doc, p: usize, report: &Report, t: &Tables, out: &mut Vec<Finding>) {
    if report.forms.is_empty() || doc.mentions.is_empty() {
        return;
    }
    let all = &t.concepts;
    {
        // The concepts a figure may state, by what it counts: a look-up, not kept in a Vec (the
        // test below stops at the first figure that has some).
        let candidates = |m: &Mention| -> &[u16] {
            if m.approx || m.change {
                return &[];
            }
            let key = if m.num.percent {
                "%"
            } else {
                m.unit.map_or("none", |u| u.class)
            };
            t.by_kind.get(key).map_or(&[][..], Vec::as_slice)
        };
        // The figures before the first that has candidates have none: the loop below starts
        // there rather than looking them up again.
        let Some(first) = doc.mentions.iter().position(|m| !candidates(m).is_empty()) else {
            return;
        };
        let occ = t.lexicon.scan(doc);
        let everything = |_: usize| true;
        let paragraph = occ.set(&(0..doc.toks.len()), everything);
        let sentences: Vec<Set> = doc
            .sents
            .iter()
            .map(|s| occ.set(&s.toks, everything))
            .collect();
        // (concept, mentions) in order; mentions of one concept side by side in one list are
        // added up (`06 Nghị quyết của HĐND tỉnh, 06 Quyết định của UBND tỉnh` → cấp tỉnh).
        let mut found: Vec<(usize, Vec<&Mention>)> = Vec::new();
        // (sentence, clause), the phrases of the clause, and the level of government its start
        // names (when a figure's own words name none).
        let mut last_clause: Option<((usize, usize), Set, Option<Scope>)> = None;
        for m in &doc.mentions[first..] {
            let cands = candidates(m);
            if cands.is_empty() {
                continue;
            }
            let sent = &doc.sents[m.sent];
            let clause = doc.clause_of(m);
            let mut sentence = sentences[m.sent];
            if sent.cont && m.sent > 0 {
                sentence = sentence.or(&sentences[m.sent - 1]);
            }
            let item = occ.set(&(m.gap_start..m.right_end), |i| {
                i != m.tok && doc.depth[i] == m.depth
            });
            // What depends on the clause only is read once for the figures of one clause (they
            // come one after the other).
            let here = (m.sent, m.clause);
            let per_clause = match &mut last_clause {
                Some(c) if c.0 == here => c,
                slot => slot.insert((here, occ.set(&clause, everything), None)),
            };
            // The level of government: from the figure's own words, else from the start of its
            // clause (`Khối cơ quan chuyên môn cấp tỉnh, UBND cấp huyện, UBND cấp xã tiếp nhận …`).
            let mut scope = scope_of(t, &item);
            if scope == Scope::None {
                scope = *per_clause.2.get_or_insert_with(|| {
                    let lead_end = doc
                        .sentence_mentions(m.sent)
                        .iter()
                        .find(|x| x.clause == m.clause)
                        .map_or(m.tok, |x| x.tok);
                    scope_of(
                        t,
                        &occ.set(&(clause.start..lead_end.max(clause.start)), everything),
                    )
                });
            }
            let ctx = Ctx {
                item,
                clause: per_clause.1,
                sentence,
                paragraph,
                scope,
            };
            // Exactly one concept must fit.
            let mut fitting = None;
            let mut several = false;
            for &c in cands {
                if fits(&all[c as usize], m, &ctx) {
                    several |= fitting.is_some();
                    fitting = Some(c as usize);
                }
            }
            let (Some(ci), false) = (fitting, several) else {
                continue;
            };
            let ci = &ci;
            let joins = found.last_mut().filter(|(c, ms)| {
                let last = ms.last().expect("non-empty");
                *c == *ci
                    && all[*ci].def.measure != MeasureKind::Percent
                    && last.sent == m.sent
                    && last.depth == m.depth
                    && m.depth > 0
                    && !(last.tok..m.tok).any(|k| doc.word(k) == "(" || doc.word(k) == ")")
            });
            match joins {
                Some((_, ms)) => ms.push(m),
                None => found.push((*ci, vec![m])),
            }
        }
        for (ci, ms) in found {
            let c = &all[ci];
            let Some(table) = table_side(report, c) else {
                continue;
            };
            out.push(compare(p, doc, c, &ms, table));
        }
    }
}

fn compare(p: usize, doc: &Doc, c: &Concept, ms: &[&Mention], t: TableSide) -> Finding {
    let first = ms[0];
    let last = ms[ms.len() - 1];
    // From the start of the clause: the subject of a list (`Tỷ lệ hồ sơ đúng hạn của …`) is
    // there, and so are the words before a parenthesis. `Finding::new` quotes these words.
    let start = doc.clause_of(first).start;
    let mut f = Finding::new(
        "table",
        p,
        doc,
        start..last.right_end.max(last.unit_end),
        ms,
    );
    f.line = doc.line_of(first.tok);
    f.cells = t.cells.clone();
    f.formula = t.formula;
    // The text's figure(s), in the table's scale.
    let scale = ms
        .iter()
        .filter_map(|m| m.unit.filter(|u| u.is_money()).map(|u| u.scale))
        .chain(std::iter::once(t.scale))
        .min()
        .unwrap_or(0);
    let mut value = Decimal::ZERO;
    let mut interval = Interval::exact(Decimal::ZERO);
    let mut decimals = 0;
    // The figures as printed, joined by ` + ` (`06 Nghị quyết + 06 Quyết định`), built in place.
    let mut text_figure = String::new();
    for (k, m) in ms.iter().enumerate() {
        let (fig, raw) = if c.def.denominator {
            (m.num.b.expect("a fraction"), raw_b_str(doc, m))
        } else {
            (m.num.a, raw_a_str(doc, m))
        };
        let added = valued(fig, m, scale)
            .and_then(|(v, iv)| Some((value.checked_add(v)?, interval.checked_add(&iv)?)));
        let Some((v, iv)) = added else {
            f.too_large();
            return f;
        };
        (value, interval) = (v, iv);
        decimals = decimals.max(fig.decimals);
        let unit = unit_text(doc, m, "");
        if k > 0 {
            text_figure.push_str(" + ");
        }
        text_figure.push_str(raw);
        if m.num.percent {
            text_figure.push('%');
        } else if !unit.is_empty() {
            text_figure.push(' ');
            text_figure.push_str(unit);
        }
    }
    let factor =
        Decimal::from_i128_with_scale(10i128.pow(t.scale.saturating_sub(scale).min(27)), 0);
    let scaled = (|| {
        let tv = t.value.checked_mul(factor)?;
        let ti = Interval {
            lo: t.interval.lo.checked_mul(factor)?,
            hi: t.interval.hi.checked_mul(factor)?,
        };
        Some((tv, ti, value.checked_sub(round_to(tv, decimals))?))
    })();
    let Some((tv, ti, diff)) = scaled else {
        f.too_large();
        return f;
    };
    // What the text asserts about the cells, in the table's scale, for error localisation.
    let table_scale = |x: Decimal| x.checked_div(factor);
    if let (Some(lo), Some(hi)) = (table_scale(interval.lo), table_scale(interval.hi)) {
        let (num, den) = t.cells.split_at(t.cells.len() - t.den.min(t.cells.len()));
        f.claim = Some(crate::locate::Claim {
            num: num.to_vec(),
            den: den.to_vec(),
            target: Interval { lo, hi },
        });
    }
    let percent = c.def.measure == MeasureKind::Percent;
    f.reported = Some(if ms.len() == 1 {
        if c.def.denominator {
            raw_b(doc, ms[0])
        } else {
            raw_a(doc, ms[0])
        }
    } else {
        let total = format_vi(value, decimals);
        text_figure.push_str(" = ");
        text_figure.push_str(&total);
        total
    });
    // The table's figure as printed, or computed at the text's precision.
    let table_dec = if percent { decimals } else { t.decimals };
    let table_number = match (&t.raw, t.scale == scale) {
        (Some(raw), true) => raw.to_string(),
        _ => format_vi(round_to(tv, table_dec), table_dec),
    };
    let table_unit = if percent {
        "%"
    } else if t.scale != scale {
        super::finding::scale_name(scale)
    } else if t.unit.contains('=') {
        ""
    } else {
        t.unit.as_str()
    };
    let table_figure = match (percent, table_unit.is_empty()) {
        (true, _) => cat(&[&table_number, "%"]),
        (false, true) => table_number.clone(),
        (false, false) => cat(&[&table_number, " ", table_unit]),
    };
    f.expected = Some(table_number);
    if interval.meets(&ti) {
        f.status = Status::Pass;
        f.imbalance = Some(format_vi(Decimal::ZERO, decimals));
        f.message = cat(&[
            "Câu «",
            &f.quote,
            "» ghi ",
            &text_figure,
            " (",
            &c.def.about,
            "), khớp với ",
            &t.phrase,
            " ghi ",
            &table_figure,
            ".",
        ]);
    } else {
        f.status = Status::Warn;
        f.imbalance = Some(signed(diff, decimals));
        let show = |v: Decimal, d: u32| {
            if percent {
                format!("{} điểm %", format_vi(v, d))
            } else {
                amount(v, d, table_unit)
            }
        };
        f.message = format!(
            "Câu «{}» (dòng {}) ghi {} ({}), nhưng {} ghi {} (chênh {}). Phần lời văn và bảng số liệu phải thống nhất: cần sửa một trong hai chỗ.",
            f.quote,
            f.line,
            text_figure,
            c.def.about,
            t.phrase,
            table_figure,
            show(diff.abs(), decimals)
        );
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_lower_is_contains_of_the_lower_case_copy() {
        let texts = [
            "Số TTHC được công bố",
            "TỶ LỆ HỒ SƠ ĐÚNG HẠN (%)",
            "Ủy ban nhân dân cấp Xã",
            "ĐVSNCL, İstanbul ẞ Ωmega",
            "",
        ];
        let words = [
            "tthc",
            "tỷ lệ",
            "hồ sơ đúng",
            "đúng hạn",
            "(%)",
            "ủy ban",
            "cấp xã",
            "xã",
            "đvsncl",
            "i̇stanbul",
            "ß",
            "ωmega",
            "",
            "không có",
        ];
        for t in texts {
            let low = lower_aligned(t);
            for w in words {
                assert_eq!(contains_lower(t, w), low.contains(w), "{t:?} {w:?}");
            }
        }
    }
}
