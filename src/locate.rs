//! Error localisation: which cell is wrong, and what it should be.
//!
//! Every check of a report is a constraint over cells: the catalogue's and the inferred rules, and
//! the narrative's sentences that repeat a table figure ([`Claim`]). When some do not hold, the
//! smallest sets of cells (one cell, then two) whose change makes every broken constraint hold
//! without breaking one that held are looked for, the Fellegi–Holt principle statistical offices
//! apply in batch. The values tried come from a typing model of how officials mistype
//! ([`Typo`]): two adjacent digits swapped, a digit changed, dropped or typed twice, a thousands
//! separator misplaced, decimal comma and point confused, a neighbour's figure copied, a
//! percentage typed where a count belongs. A value one slip away from the printed one is far more
//! plausible than an arbitrary value that merely balances the books; each explanation is weighed
//! by its slips ([`Typo::cost`]), and when no slip explains a failure, the outcome says so rather
//! than guess.
//!
//! Constraints are decided exactly as [`crate::evaluate`] decides them, with its functions, on the
//! rounding intervals of the printed figures.
//!
//! The search is bounded: at most [`MAX_TRIALS`] candidate assignments are tried for a report; a
//! notice says when the limit stopped it.
//!
//! The page's first-load Wasm module is built without the search (feature `locate`): it only says
//! whether there is something to localise ([`Located::pending`]), and the page asks the complete
//! module for the suggestions.
// Without the search, the model's types and helpers are not used.
#![cfg_attr(not(feature = "locate"), allow(dead_code, unused_imports))]

use crate::evaluate::{at_most_holds, code_of, in_range, interval_of, interval_sum, ratio_holds};
use crate::explain::{row_phrase, short_indicator};
use crate::interval::Interval;
use crate::number::{digits_into, format_vi, round_to, Figure};
use crate::outcome::{Check, Confidence, Kind, Status, Suggestion};
use crate::report::{Measure, Notice, Report, Row, Value};
use crate::rules::{CellRef, Rule, RuleKind};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// What a sentence of the narrative asserts about table cells: the sum of `num` (divided by the
/// sum of `den` × 100 when `den` is not empty) lies in `target`, in the table's own scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The cells added up (a ratio's numerator).
    pub num: Vec<String>,
    /// A ratio's denominator cells, or none.
    pub den: Vec<String>,
    /// What the text says, as the interval of values its figure stands for.
    pub target: Interval,
}

/// The most candidate assignments tried for one report: localisation stays within a few
/// milliseconds even on a report with many failures.
pub const MAX_TRIALS: usize = 100_000;

/// Decimal arithmetic, out of line: inlined at each of its calls, rust_decimal's operations made
/// this module tens of kilobytes larger in the page's Wasm.
#[inline(never)]
fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// `a − b` (see [`add`]).
#[inline(never)]
fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b)
}

/// `a × b` (see [`add`]).
#[inline(never)]
fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

/// `a ÷ b` (see [`add`]).
#[inline(never)]
fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_div(b)
}

/// The most notices saying that nothing plausible explains a group of broken checks.
const MAX_UNEXPLAINED: usize = 20;

/// The most explanations kept for one group of broken checks.
const MAX_EXPLANATIONS: usize = 3;

/// How much less likely an explanation may be than the best one and still be listed beside it.
const TIE: f32 = 1.0;

/// A slip of the keyboard that turns the right figure into the printed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typo {
    /// Two adjacent digits swapped (`66.687` → `66.867`): the difference is a multiple of 9.
    Swap,
    /// One digit changed.
    Digit,
    /// A digit left out.
    Dropped,
    /// A digit typed twice.
    Doubled,
    /// A digit typed in addition.
    Extra,
    /// A thousands separator misplaced (`1.6640`).
    Separator,
    /// Decimal comma and point confused.
    Decimal,
    /// A neighbour's figure copied (the row above, another column).
    Copied,
    /// A percentage typed where a count belongs.
    Percent,
    /// No common slip: the value the rules require.
    Value,
}

impl Typo {
    /// How unlikely the slip is (negative log-likelihood, roughly): explanations are ranked by
    /// the sum over their cells. An arbitrary value costs as much as two or three slips.
    pub fn cost(self) -> f32 {
        match self {
            Typo::Swap | Typo::Separator | Typo::Decimal => 1.0,
            // Left out, typed twice, struck wrong: about as frequent as each other in studies of
            // typing (Damerau), and less than a transposition's one pair of keys.
            Typo::Digit | Typo::Doubled | Typo::Dropped => 1.5,
            Typo::Extra => 2.0,
            Typo::Copied | Typo::Percent => 2.0,
            Typo::Value => 4.0,
        }
    }

    /// The name in the JSON contract.
    pub fn name(self) -> &'static str {
        match self {
            Typo::Swap => "swap",
            Typo::Digit => "digit",
            Typo::Dropped => "dropped",
            Typo::Doubled => "doubled",
            Typo::Extra => "extra",
            Typo::Separator => "separator",
            Typo::Decimal => "decimal",
            Typo::Copied => "copied",
            Typo::Percent => "percent",
            Typo::Value => "value",
        }
    }

    /// What happened, in Vietnamese, after «bị …».
    fn phrase(self) -> &'static str {
        match self {
            Typo::Swap => "gõ đảo hai chữ số",
            Typo::Digit => "gõ nhầm một chữ số",
            Typo::Dropped => "gõ thiếu một chữ số",
            Typo::Doubled => "gõ lặp một chữ số",
            Typo::Extra => "gõ thừa một chữ số",
            Typo::Separator => "đặt sai dấu ngăn cách hàng nghìn",
            Typo::Decimal => "nhầm dấu phẩy thập phân với dấu chấm",
            Typo::Copied => "chép nhầm số của ô bên cạnh",
            Typo::Percent => "ghi một tỷ lệ phần trăm vào chỗ của số đếm",
            Typo::Value => "ghi sai",
        }
    }
}

/// A value a cell might have been meant to hold.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    figure: Figure,
    typo: Typo,
}

/// What localisation found: suggestions best first, and for each check the suggestions that
/// would make it hold.
#[derive(Debug, Default)]
pub struct Located {
    /// Best first.
    pub suggestions: Vec<Suggestion>,
    /// For each check (by index in the checks given), indices into `suggestions`.
    pub links: Vec<(usize, Vec<usize>)>,
    /// When nothing plausible explains a failure, or the search was cut short.
    pub notices: Vec<Notice>,
    /// Made by a module built without the search: some check does not hold by an imbalance, so
    /// there is something to localise.
    pub pending: bool,
}

impl Located {
    /// What a module built without the search answers: no suggestion, and whether a check does
    /// not hold by an imbalance (a `0/0` printed as 0 has none), so that the page asks the
    /// complete module for the suggestions.
    pub fn pending(checks: &[Check], _claims: &[(usize, Claim)]) -> Located {
        Located {
            pending: checks.iter().any(|c| {
                c.status == Status::Fail || (c.status == Status::Warn && c.imbalance.is_some())
            }),
            ..Located::default()
        }
    }
}

/// One cell the constraints read.
struct Cell<'r> {
    name: String,
    row: &'r Row,
    /// The figure as read; `None` when the cell does not read as a number.
    current: Option<Figure>,
    /// Neighbours a figure may have been copied from: the row above, the other columns.
    neighbours: Vec<(usize, usize)>,
    /// A total of a sum: usually computed from its parts (by a spreadsheet, or added twice)
    /// rather than typed, so a little less likely to be the mistyped cell.
    computed: bool,
}

/// What a computed total adds to the cost of changing it.
const COMPUTED: f32 = 0.25;

/// A constraint over cell ids.
enum Shape<'a> {
    Ratio {
        r: usize,
        n: usize,
        d: usize,
    },
    Sum {
        total: usize,
        parts: Vec<usize>,
    },
    AtMost {
        parts: Vec<usize>,
        whole: usize,
    },
    Range {
        cell: usize,
        kind: &'a RuleKind,
    },
    Code {
        cell: usize,
        codes: &'a [(i64, Option<String>)],
    },
    Readable {
        cell: usize,
    },
    Claim {
        num: Vec<usize>,
        den: Vec<usize>,
        target: Interval,
    },
}

struct Constraint<'a> {
    shape: Shape<'a>,
    /// The check it is (index in the checks given).
    check: usize,
    /// Its cells, each once.
    cells: Vec<usize>,
    /// Whether it holds as printed: `Some(true)`, `Some(false)`, or `None` (not evaluable).
    now: Option<bool>,
}

/// The cells' values with up to two of them replaced.
struct Values<'c> {
    base: &'c [Option<Figure>],
    edits: [(usize, Option<Figure>); 2],
}

impl Values<'_> {
    fn figure(&self, cell: usize) -> Option<Figure> {
        for (c, f) in self.edits {
            if c == cell {
                return f;
            }
        }
        self.base.get(cell).copied().flatten()
    }
}

/// A slip of one cell that would mend a group of broken checks but break `breaks`, checks that
/// hold: the evidence against it.
#[derive(Debug, Clone)]
struct Rejected {
    cell: usize,
    candidate: Candidate,
    breaks: Vec<usize>,
}

/// One way to explain a group of broken checks.
#[derive(Debug, Clone)]
struct Explanation {
    edits: Vec<(usize, Candidate)>,
    cost: f32,
    /// How far the values move, in all: between equally likely slips, the smaller change.
    change: Decimal,
}

/// Looks for the cells that explain the checks that do not hold.
///
/// `checks` are the checks of the report: first one per rule of `rules` (in order, as
/// [`crate::evaluate::evaluate`] makes them), then any others (the narrative's); `claims` pairs
/// a check's index with what its sentence asserts about table cells.
#[cfg(feature = "locate")]
pub fn locate(
    report: &Report,
    rules: &[Rule],
    checks: &[Check],
    claims: &[(usize, Claim)],
) -> Located {
    let mut located = Located::default();
    let broken = |s: Status| matches!(s, Status::Fail | Status::Warn);
    if !checks.iter().any(|c| broken(c.status)) {
        return located;
    }
    let mut model = Model::new(report);
    // Only the constraints near a broken check matter: those sharing a cell with one. Reading
    // only those keeps a large table with a few failures cheap.
    let near: HashSet<&str> = checks
        .iter()
        .filter(|c| broken(c.status))
        .flat_map(|c| c.cells.iter().map(String::as_str))
        .collect();
    for (k, rule) in rules.iter().enumerate() {
        if k >= checks.len() || !rule.cells().iter().any(|c| near.contains(&*c.name)) {
            continue;
        }
        model.add_rule(rule, k);
    }
    for (k, claim) in claims {
        if *k < checks.len()
            && claim
                .num
                .iter()
                .chain(&claim.den)
                .any(|c| near.contains(c.as_str()))
        {
            model.add_claim(claim, *k);
        }
    }
    model.finish(checks);
    model.solve(checks, &mut located);
    located
}

/// The constraints near the broken checks, their cells, and the search state.
struct Model<'r> {
    report: &'r Report,
    cells: Vec<Cell<'r>>,
    ids: HashMap<(usize, usize), usize>,
    values: Vec<Option<Figure>>,
    constraints: Vec<Constraint<'r>>,
    /// For each cell, the constraints it is in.
    touching: Vec<Vec<usize>>,
    trials: usize,
}

impl<'r> Model<'r> {
    fn new(report: &'r Report) -> Model<'r> {
        Model {
            report,
            cells: Vec::new(),
            ids: HashMap::new(),
            values: Vec::new(),
            constraints: Vec::new(),
            touching: Vec::new(),
            trials: 0,
        }
    }

    fn row(&self, at: (usize, usize)) -> Option<&'r Row> {
        self.report.forms.get(at.0)?.rows.get(at.1)
    }

    fn cell_id(&mut self, name: &str, at: Option<(usize, usize)>) -> Option<usize> {
        let at = at.or_else(|| self.report.cell_at(name))?;
        if let Some(&id) = self.ids.get(&at) {
            return Some(id);
        }
        let row = self.row(at)?;
        let current = match &row.value {
            Value::Number(f) => Some(*f),
            Value::Malformed(_) => None,
            // Nothing to correct: no figure, or words.
            Value::Empty | Value::Text(_) => return None,
        };
        let id = self.cells.len();
        self.cells.push(Cell {
            name: name.to_string(),
            row,
            current,
            neighbours: neighbours(self.report, at),
            computed: false,
        });
        self.values.push(current);
        self.ids.insert(at, id);
        Some(id)
    }

    fn refs(&mut self, refs: &[CellRef]) -> Option<Vec<usize>> {
        refs.iter().map(|c| self.cell_id(&c.name, c.at)).collect()
    }

    fn add_rule(&mut self, rule: &'r Rule, check: usize) {
        let shape = match &rule.kind {
            RuleKind::Ratio {
                result,
                numerator,
                denominator,
            } => match (
                one_of(self, result),
                one_of(self, numerator),
                one_of(self, denominator),
            ) {
                (Some(r), Some(n), Some(d)) => Shape::Ratio { r, n, d },
                _ => return,
            },
            RuleKind::Sum { total, parts } | RuleKind::Covers { total, parts, .. } => {
                match (one_of(self, total), self.refs(parts)) {
                    (Some(total), Some(parts)) => Shape::Sum { total, parts },
                    _ => return,
                }
            }
            RuleKind::AtMost { parts, whole, .. } => {
                match (self.refs(parts), one_of(self, whole)) {
                    (Some(parts), Some(whole)) => Shape::AtMost { parts, whole },
                    _ => return,
                }
            }
            RuleKind::Codes { cell, codes } => match one_of(self, cell) {
                Some(cell) => Shape::Code { cell, codes },
                None => return,
            },
            RuleKind::Percent { cell }
            | RuleKind::Count { cell }
            | RuleKind::NonNegative { cell } => match one_of(self, cell) {
                Some(cell) => Shape::Range {
                    cell,
                    kind: &rule.kind,
                },
                None => return,
            },
            RuleKind::Readable { cell } => match one_of(self, cell) {
                Some(cell) => Shape::Readable { cell },
                None => return,
            },
        };
        self.push(shape, check);
    }

    fn add_claim(&mut self, claim: &Claim, check: usize) {
        let ids = |m: &mut Self, names: &[String]| -> Option<Vec<usize>> {
            names.iter().map(|n| m.cell_id(n, None)).collect()
        };
        let (Some(num), Some(den)) = (ids(self, &claim.num), ids(self, &claim.den)) else {
            return;
        };
        self.push(
            Shape::Claim {
                num,
                den,
                target: claim.target,
            },
            check,
        );
    }

    fn push(&mut self, shape: Shape<'r>, check: usize) {
        let mut cells: Vec<usize> = match &shape {
            Shape::Ratio { r, n, d } => vec![*r, *n, *d],
            Shape::Sum { total, parts } => std::iter::once(*total)
                .chain(parts.iter().copied())
                .collect(),
            Shape::AtMost { parts, whole } => parts
                .iter()
                .copied()
                .chain(std::iter::once(*whole))
                .collect(),
            Shape::Range { cell, .. } | Shape::Code { cell, .. } | Shape::Readable { cell } => {
                vec![*cell]
            }
            Shape::Claim { num, den, .. } => num.iter().chain(den).copied().collect(),
        };
        insertion_sort(&mut cells, |a, b| a < b);
        cells.dedup();
        if let Shape::Sum { total, .. } = &shape {
            self.cells[*total].computed = true;
        }
        self.constraints.push(Constraint {
            shape,
            check,
            cells,
            now: None,
        });
    }

    /// Decides every constraint as printed, and indexes them by cell.
    fn finish(&mut self, checks: &[Check]) {
        self.touching = vec![Vec::new(); self.cells.len()];
        let base = Values {
            base: &self.values,
            edits: [(usize::MAX, None); 2],
        };
        let nows: Vec<Option<bool>> = self
            .constraints
            .iter()
            .map(|c| holds(&self.cells, c, &base))
            .collect();
        for (k, (c, now)) in self.constraints.iter_mut().zip(nows).enumerate() {
            // A constraint is broken only when the check says so too (a warning about 0/0, or a
            // rule the checker could not evaluate, is not a figure to correct).
            c.now = match (now, checks[c.check].status) {
                (Some(false), Status::Fail | Status::Warn) => Some(false),
                (Some(true), _) => Some(true),
                _ => None,
            };
            for &cell in &c.cells {
                self.touching[cell].push(k);
            }
        }
    }

    /// Groups the broken constraints that share cells, explains each group, and writes the
    /// suggestions.
    fn solve(&mut self, checks: &[Check], out: &mut Located) {
        let broken: Vec<usize> = (0..self.constraints.len())
            .filter(|&k| self.constraints[k].now == Some(false))
            .collect();
        // Union–find over broken constraints through their cells.
        let mut parent: Vec<usize> = (0..self.constraints.len()).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        let mut owner: HashMap<usize, usize> = HashMap::new();
        for &k in &broken {
            for &cell in &self.constraints[k].cells {
                match owner.get(&cell) {
                    Some(&o) => {
                        let (a, b) = (find(&mut parent, o), find(&mut parent, k));
                        parent[a] = b;
                    }
                    None => {
                        owner.insert(cell, k);
                    }
                }
            }
        }
        let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut group_of: HashMap<usize, usize> = HashMap::new();
        for &k in &broken {
            let root = find(&mut parent, k);
            match group_of.get(&root) {
                Some(&g) => groups[g].1.push(k),
                None => {
                    group_of.insert(root, groups.len());
                    groups.push((root, vec![k]));
                }
            }
        }
        let mut ranked: Vec<(Confidence, f32, usize, Suggestion, Vec<usize>)> = Vec::new();
        let mut cut = false;
        let mut unexplained = 0usize;
        for (order, (_, group)) in groups.iter().enumerate() {
            if self.trials >= MAX_TRIALS {
                cut = true;
                break;
            }
            let (explanations, rejected) = self.explain(group);
            cut |= self.trials >= MAX_TRIALS;
            let explained: Vec<usize> = group.iter().map(|&k| self.constraints[k].check).collect();
            let Some(best) = explanations.first() else {
                // A lone warning already says that one of two figures is wrong; a failure, or
                // several checks broken together, deserve the word that no slip explains them.
                let worth = explained.len() > 1
                    || explained.iter().any(|&k| checks[k].status == Status::Fail);
                // A report broken everywhere gets a few such notices, not one per check.
                if worth && unexplained < MAX_UNEXPLAINED {
                    unexplained += 1;
                    out.notices.push(self.nothing_plausible(checks, &explained));
                }
                continue;
            };
            let close = explanations
                .iter()
                .filter(|e| e.cost < best.cost + TIE)
                .count();
            for (rank, e) in explanations.iter().enumerate() {
                let confidence = if e.edits.iter().all(|(_, c)| c.typo == Typo::Value) {
                    Confidence::Low
                } else if close == 1 && rank == 0 {
                    Confidence::High
                } else {
                    Confidence::Medium
                };
                let others: Vec<&Explanation> = explanations
                    .iter()
                    .enumerate()
                    .filter(|(i, o)| *i != rank && o.cost < e.cost + TIE)
                    .map(|(_, o)| o)
                    .collect();
                for (cell, cand) in &e.edits {
                    let message =
                        self.message(checks, e, *cell, confidence, &explained, &others, &rejected);
                    let suggestion = Suggestion {
                        cell: self.cells[*cell].name.clone(),
                        current: self.printed(*cell),
                        suggested: cand.figure.printed(),
                        confidence,
                        typo: cand.typo.name(),
                        explains: explained.iter().map(|&k| checks[k].id.clone()).collect(),
                        message,
                    };
                    ranked.push((confidence, e.cost, order, suggestion, explained.clone()));
                }
            }
        }
        insertion_sort(&mut ranked, |a, b| {
            a.0.cmp(&b.0)
                .then(a.1.total_cmp(&b.1))
                .then(a.2.cmp(&b.2))
                .is_lt()
        });
        // Few suggestions: their checks are gathered by a look along the list.
        let mut links: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, (_, _, _, s, explained)) in ranked.into_iter().enumerate() {
            for k in explained {
                match links.iter_mut().find(|(c, _)| *c == k) {
                    Some((_, l)) => l.push(i),
                    None => links.push((k, vec![i])),
                }
            }
            out.suggestions.push(s);
        }
        out.links = links;
        if cut {
            out.notices.push(Notice {
                line: None,
                message: format!(
                    "Việc tìm ô nhập sai đã dừng sau {} phép thử (giới hạn để trả lời nhanh): \
                     với các lỗi còn lại, có thể có cách giải thích chưa được xét.",
                    format_vi(Decimal::from(MAX_TRIALS as u64), 0)
                ),
            });
        }
    }

    /// The cell as printed.
    fn printed(&self, cell: usize) -> String {
        self.cells[cell].row.raw.trim().to_string()
    }

    /// The explanations of one group of broken constraints, best first, and the single-cell
    /// slips that would mend the group but break a check that holds (the evidence against them).
    fn explain(&mut self, group: &[usize]) -> (Vec<Explanation>, Vec<Rejected>) {
        let mut cells: Vec<usize> = group
            .iter()
            .flat_map(|&k| self.constraints[k].cells.iter().copied())
            .collect();
        insertion_sort(&mut cells, |a, b| a < b);
        cells.dedup();
        let in_all: Vec<usize> = cells
            .iter()
            .copied()
            .filter(|c| group.iter().all(|&k| self.constraints[k].cells.contains(c)))
            .collect();
        let mut found: Vec<Explanation> = Vec::new();
        let mut rejected: Vec<Rejected> = Vec::new();
        for &cell in &in_all {
            self.single(cell, &mut found, &mut rejected);
        }
        // Two cells only when no single cell can mend the group, whatever its value: the
        // smallest sets first (Fellegi–Holt). A single sum broken by one cell can be balanced by
        // many pairs of slips, none of them evidence.
        let any_single = !found.is_empty();
        // An arbitrary value for a cell is a plausible explanation only when the rules single the
        // cell out: it is the one cell common to several broken checks.
        let unique = in_all.len() == 1 && group.len() > 1;
        found.retain(|e| unique || e.edits.iter().any(|(_, c)| c.typo != Typo::Value));
        if !any_single {
            'pairs: for (i, &a) in cells.iter().enumerate() {
                for &b in &cells[i + 1..] {
                    if self.trials >= MAX_TRIALS {
                        break 'pairs;
                    }
                    let covers = group.iter().all(|&k| {
                        let c = &self.constraints[k].cells;
                        c.contains(&a) || c.contains(&b)
                    });
                    if covers {
                        self.pair(a, b, &mut found);
                    }
                }
            }
        }
        insertion_sort(&mut found, |x, y| {
            x.cost
                .total_cmp(&y.cost)
                .then(x.edits.len().cmp(&y.edits.len()))
                .then(x.change.cmp(&y.change))
                .is_lt()
        });
        // One explanation per set of cells (the cheapest), then the close ones only.
        let mut seen: Vec<Vec<usize>> = Vec::new();
        found.retain(|e| {
            let key: Vec<usize> = e.edits.iter().map(|(c, _)| *c).collect();
            if seen.contains(&key) {
                false
            } else {
                seen.push(key);
                true
            }
        });
        if let Some(best) = found.first().map(|e| e.cost) {
            found.retain(|e| e.cost < best + TIE);
        }
        found.truncate(MAX_EXPLANATIONS);
        insertion_sort(&mut rejected, |x, y| {
            x.candidate.typo.cost() < y.candidate.typo.cost()
        });
        (found, rejected)
    }

    /// Explanations by one cell, which is in every broken constraint of its group: each must hold
    /// after the change, and every one that held must still hold.
    fn single(&mut self, cell: usize, found: &mut Vec<Explanation>, rejected: &mut Vec<Rejected>) {
        let touching = self.touching[cell].clone();
        let decided: Vec<usize> = touching
            .iter()
            .copied()
            .filter(|&k| self.constraints[k].now.is_some())
            .collect();
        let all = self.allowed(cell, &decided, None);
        let broken_only: Vec<usize> = decided
            .iter()
            .copied()
            .filter(|&k| self.constraints[k].now == Some(false))
            .collect();
        let mending = self.allowed(cell, &broken_only, None);
        let Some(mending) = mending else {
            return;
        };
        let mut candidates = self.candidates(cell);
        if let Some(all) = all {
            if let Some(v) = self.required(cell, &all) {
                candidates.push(v);
            }
        }
        for cand in candidates {
            if !mending.contains(cand.figure.value) {
                continue;
            }
            if self.trials >= MAX_TRIALS {
                return;
            }
            self.trials += 1;
            let edits = [(cell, Some(cand.figure)), (usize::MAX, None)];
            match self.verdict(&touching, &edits) {
                Verdict::Good => found.push(self.explanation(vec![(cell, cand)])),
                Verdict::Breaks(held) if cand.typo != Typo::Value => {
                    rejected.push(Rejected {
                        cell,
                        candidate: cand,
                        breaks: held,
                    });
                }
                _ => {}
            }
        }
    }

    /// Explanations by two cells `a` and `b`, both mistyped.
    fn pair(&mut self, a: usize, b: usize, found: &mut Vec<Explanation>) {
        let decided = |m: &Self, c: usize, without: Option<usize>| -> Vec<usize> {
            m.touching[c]
                .iter()
                .copied()
                .filter(|&k| {
                    m.constraints[k].now.is_some()
                        && without.map_or(true, |w| !m.constraints[k].cells.contains(&w))
                })
                .collect()
        };
        // What `a` alone must satisfy (the constraints without `b`).
        let alone = decided(self, a, Some(b));
        let Some(a_range) = self.allowed(a, &alone, None) else {
            return;
        };
        let b_cons = decided(self, b, None);
        let mut touching = self.touching[a].clone();
        touching.extend(self.touching[b].iter().copied());
        insertion_sort(&mut touching, |a, b| a < b);
        touching.dedup();
        let b_cands = self.candidates(b);
        for ca in self.candidates(a) {
            if !a_range.contains(ca.figure.value) {
                continue;
            }
            let Some(b_range) = self.allowed(b, &b_cons, Some((a, ca.figure))) else {
                continue;
            };
            for cb in &b_cands {
                if !b_range.contains(cb.figure.value) {
                    continue;
                }
                if self.trials >= MAX_TRIALS {
                    return;
                }
                self.trials += 1;
                let edits = [(a, Some(ca.figure)), (b, Some(cb.figure))];
                if self.verdict(&touching, &edits) == Verdict::Good {
                    found.push(self.explanation(vec![(a, ca), (b, *cb)]));
                }
            }
        }
    }

    /// An explanation by these edits, weighed.
    fn explanation(&self, edits: Vec<(usize, Candidate)>) -> Explanation {
        let mut cost = 0.0;
        let mut change = Decimal::ZERO;
        for (c, cand) in &edits {
            cost += cand.typo.cost();
            if self.cells[*c].computed {
                cost += COMPUTED;
            }
            if let Some(f) = self.values[*c] {
                let moved = sub(cand.figure.value, f.value).map_or(Decimal::MAX, |d| d.abs());
                change = add(change, moved).unwrap_or(Decimal::MAX);
            }
        }
        Explanation {
            edits,
            cost,
            change,
        }
    }

    /// Whether the constraints `ks` come out right with `edits`: every broken one holds, every
    /// one that held still holds, and none that could not be decided becomes broken.
    fn verdict(&self, ks: &[usize], edits: &[(usize, Option<Figure>); 2]) -> Verdict {
        let values = Values {
            base: &self.values,
            edits: *edits,
        };
        let mut mends = true;
        let mut breaks = Vec::new();
        for &k in ks {
            let c = &self.constraints[k];
            let after = holds(&self.cells, c, &values);
            match (c.now, after) {
                (Some(false), Some(true)) | (Some(true), Some(true)) => {}
                (Some(false), _) => mends = false,
                (Some(true), _) | (None, Some(false)) => breaks.push(c.check),
                (None, _) => {}
            }
        }
        match (mends, breaks.is_empty()) {
            (true, true) => Verdict::Good,
            (true, false) => Verdict::Breaks(breaks),
            _ => Verdict::Fails,
        }
    }

    /// The values `cell` may take for constraints `ks` to hold (a superset: a candidate inside
    /// is then verified exactly), with `other` in place of its cell when given; `None` when no
    /// value will do.
    fn allowed(
        &self,
        cell: usize,
        ks: &[usize],
        other: Option<(usize, Figure)>,
    ) -> Option<Interval> {
        let mut range = Interval {
            lo: Decimal::MIN,
            hi: Decimal::MAX,
        };
        let values = Values {
            base: &self.values,
            edits: [
                (other.map_or(usize::MAX, |o| o.0), other.map(|o| o.1)),
                (cell, None),
            ],
        };
        for &k in ks {
            if let Some(r) = self.solve_for(cell, &self.constraints[k], &values) {
                range.lo = range.lo.max(r.lo);
                range.hi = range.hi.min(r.hi);
                if range.lo > range.hi {
                    return None;
                }
            }
        }
        Some(range)
    }

    /// The interval of a cell's value for one constraint to hold, the other cells as in `values`;
    /// `None` when unbounded or not computable.
    fn solve_for(&self, x: usize, c: &Constraint, values: &Values) -> Option<Interval> {
        let iv = |k: usize| -> Option<Interval> {
            let f = values.figure(k)?;
            Some(interval_of(self.cells[k].row, &f))
        };
        let sum_of = |ks: &[usize]| -> Option<Interval> {
            interval_sum(
                ks.iter()
                    .filter(|&&k| k != x)
                    .map(|&k| iv(k))
                    .collect::<Option<Vec<_>>>()?,
            )
        };
        // The half-width of the cell's own rounding interval, at the decimals it prints.
        let h = self.half(x);
        let widen = |lo: Decimal, hi: Decimal| -> Option<Interval> {
            Some(Interval {
                lo: sub(lo, h)?,
                hi: add(hi, h)?,
            })
        };
        let hundred = Decimal::ONE_HUNDRED;
        match &c.shape {
            Shape::Sum { total, parts } => {
                if *total == x {
                    let s = sum_of(parts)?;
                    widen(s.lo, s.hi)
                } else if parts.contains(&x) {
                    let (t, o) = (iv(*total)?, sum_of(parts)?);
                    widen(sub(t.lo, o.hi)?, sub(t.hi, o.lo)?)
                } else {
                    None
                }
            }
            Shape::Ratio { r, n, d } => {
                if x == *r && x != *n && x != *d {
                    let q = iv(*n)?.percent_of(&iv(*d)?)?;
                    widen(q.lo, q.hi)
                } else if x == *n && x != *d {
                    let (r, d) = (iv(*r)?, iv(*d)?);
                    if d.lo <= Decimal::ZERO || r.lo < Decimal::ZERO {
                        return None;
                    }
                    widen(
                        div(mul(r.lo, d.lo)?, hundred)?,
                        div(mul(r.hi, d.hi)?, hundred)?,
                    )
                } else if x == *d && x != *n {
                    let (r, n) = (iv(*r)?, iv(*n)?);
                    if r.hi <= Decimal::ZERO || n.lo < Decimal::ZERO {
                        return None;
                    }
                    let lo = div(mul(n.lo, hundred)?, r.hi)?;
                    let hi = if r.lo > Decimal::ZERO {
                        div(mul(n.hi, hundred)?, r.lo)?
                    } else {
                        Decimal::MAX
                    };
                    widen(lo, hi)
                } else {
                    None
                }
            }
            Shape::AtMost { parts, whole } => {
                if *whole == x {
                    let p = sum_of(parts)?;
                    Some(Interval {
                        lo: sub(p.lo, h)?,
                        hi: Decimal::MAX,
                    })
                } else if parts.contains(&x) {
                    let (w, o) = (iv(*whole)?, sum_of(parts)?);
                    Some(Interval {
                        lo: Decimal::MIN,
                        hi: add(sub(w.hi, o.lo)?, h)?,
                    })
                } else {
                    None
                }
            }
            Shape::Range { kind, .. } => Some(Interval {
                lo: Decimal::ZERO,
                hi: if matches!(kind, RuleKind::Percent { .. }) {
                    hundred
                } else {
                    Decimal::MAX
                },
            }),
            Shape::Code { codes, .. } => {
                let lo = codes.iter().map(|c| c.0).min()?;
                let hi = codes.iter().map(|c| c.0).max()?;
                Some(Interval {
                    lo: Decimal::from(lo),
                    hi: Decimal::from(hi),
                })
            }
            Shape::Readable { .. } => None,
            Shape::Claim { num, den, target } => {
                if den.is_empty() {
                    if !num.contains(&x) {
                        return None;
                    }
                    let o = sum_of(num)?;
                    widen(sub(target.lo, o.hi)?, sub(target.hi, o.lo)?)
                } else if num.contains(&x) && !den.contains(&x) {
                    let d = sum_of(den)?;
                    let o = sum_of(num)?;
                    if d.lo <= Decimal::ZERO || target.lo < Decimal::ZERO {
                        return None;
                    }
                    let lo = div(mul(target.lo, d.lo)?, hundred)?;
                    let hi = div(mul(target.hi, d.hi)?, hundred)?;
                    widen(sub(lo, o.hi)?, sub(hi, o.lo)?)
                } else if den.contains(&x) && !num.contains(&x) {
                    let n = sum_of(num)?;
                    let o = sum_of(den)?;
                    if target.hi <= Decimal::ZERO
                        || target.lo <= Decimal::ZERO
                        || n.lo < Decimal::ZERO
                    {
                        return None;
                    }
                    let lo = div(mul(n.lo, hundred)?, target.hi)?;
                    let hi = div(mul(n.hi, hundred)?, target.lo)?;
                    widen(sub(lo, o.hi)?, sub(hi, o.lo)?)
                } else {
                    None
                }
            }
        }
    }

    /// Half the width of the widest rounding interval a candidate for the cell may have: a
    /// candidate may print one decimal fewer than the cell (a digit typed twice after the comma).
    fn half(&self, x: usize) -> Decimal {
        match self.values[x] {
            Some(f) => {
                let wider = Figure {
                    decimals: f.decimals.saturating_sub(1),
                    ..f
                };
                let i = interval_of(self.cells[x].row, &wider);
                sub(i.hi, i.lo)
                    .and_then(|w| div(w, Decimal::TWO))
                    .unwrap_or(Decimal::ZERO)
            }
            // A cell that does not read: its candidates may print any decimals.
            None => Decimal::new(5, 1),
        }
    }

    /// The values the typing model says the printed cell may have been meant to be.
    fn candidates(&self, cell: usize) -> Vec<Candidate> {
        let c = &self.cells[cell];
        let mut out = typos(&c.row.raw, c.current);
        out.retain(|k| Some(k.figure.value) != c.current.map(|f| f.value) || c.current.is_none());
        out
    }

    /// The value the constraints require of `cell`, when they pin one (for a count, the integer
    /// in the middle of what they allow), named by the slip that best explains the printed one.
    fn required(&self, cell: usize, range: &Interval) -> Option<Candidate> {
        if range.lo == Decimal::MIN || range.hi == Decimal::MAX {
            return None;
        }
        let c = &self.cells[cell];
        let current = c.current?;
        let decimals = current.decimals;
        let mid = div(add(range.lo, range.hi)?, Decimal::TWO)?;
        let value =
            if c.row.measure() == Measure::Count || (decimals == 0 && c.row.measure().is_exact()) {
                let lo = range.lo.ceil();
                let hi = range.hi.floor();
                if lo > hi {
                    return None;
                }
                round_to(mid, 0).max(lo).min(hi)
            } else {
                round_to(mid, decimals)
            };
        if value == current.value {
            return None;
        }
        let copied = c.neighbours.iter().any(|&at| {
            self.row(at)
                .and_then(|r| r.value.figure())
                .is_some_and(|f| f.value == current.value && !current.value.is_zero())
        });
        let percent_like = c.row.measure() == Measure::Count
            && (current.decimals > 0
                || self.cells.iter().any(|o| {
                    o.row.measure() == Measure::Percent
                        && o.current.is_some_and(|f| f.value == current.value)
                }));
        let typo = if copied {
            Typo::Copied
        } else if percent_like {
            Typo::Percent
        } else {
            Typo::Value
        };
        Some(Candidate {
            figure: Figure {
                value,
                decimals,
                percent_sign: current.percent_sign,
            },
            typo,
        })
    }

    /// The message of one suggestion, in Vietnamese.
    #[allow(clippy::too_many_arguments)]
    fn message(
        &self,
        checks: &[Check],
        e: &Explanation,
        cell: usize,
        confidence: Confidence,
        explained: &[usize],
        others: &[&Explanation],
        rejected: &[Rejected],
    ) -> String {
        let lead = match confidence {
            Confidence::High => "Nhiều khả năng",
            Confidence::Medium | Confidence::Low => "Có thể",
        };
        let edit_phrase = |(c, cand): &(usize, Candidate)| -> String {
            let cur = self.printed(*c);
            let new = cand.figure.printed();
            match cand.typo {
                Typo::Value => format!(
                    "{} ghi sai: đang ghi {cur}, để các kiểm tra khớp thì phải là {new}",
                    self.cell_phrase(*c)
                ),
                t => format!("{} bị {}: {cur} → {new}", self.cell_phrase(*c), t.phrase()),
            }
        };
        let mut s = String::new();
        s.push_str(lead);
        s.push(' ');
        let mine = e
            .edits
            .iter()
            .find(|(c, _)| *c == cell)
            .expect("the cell is edited");
        s.push_str(&edit_phrase(mine));
        for other in e.edits.iter().filter(|(c, _)| *c != cell) {
            s.push_str(", đồng thời ");
            s.push_str(&edit_phrase(other));
        }
        s.push('.');
        let names = described(checks, explained);
        s.push_str(&format!(
            " Khi đó {} {}khớp.",
            join_vi(&names),
            if names.len() > 1 { "đều " } else { "" }
        ));
        if e.edits.iter().all(|(_, c)| c.typo == Typo::Value) {
            s.push_str(" Số đang ghi không giống một lỗi gõ phím của số này, nên cần đối chiếu với hồ sơ gốc.");
        }
        for o in others.iter().take(2) {
            let alt: Vec<String> = o.edits.iter().map(edit_phrase).collect();
            s.push_str(&format!(" Cũng có thể {}.", alt.join(", đồng thời ")));
        }
        if let Some(r) = rejected
            .iter()
            .find(|r| r.cell != cell && r.candidate.typo.cost() <= e.cost + TIE)
        {
            let broken = described(checks, &r.breaks);
            s.push_str(&format!(
                " Không phải {} ({} → {}): khi đó {} lại không khớp.",
                self.cell_phrase(r.cell),
                self.printed(r.cell),
                r.candidate.figure.printed(),
                join_vi(&broken)
            ));
        }
        s
    }

    /// The cell as the official finds it: `ô B03/3.1.2 «Số hồ sơ…»`, or in a grid `ô «Đúng hạn»
    /// của dòng 3 «Xã …» (T1/3@Đúng hạn)`.
    fn cell_phrase(&self, cell: usize) -> String {
        let c = &self.cells[cell];
        if c.row.column_label.is_some() {
            format!("{} ({})", row_phrase(c.row), c.name)
        } else {
            let indicator = short_indicator(&c.row.indicator);
            if indicator.is_empty() {
                format!("ô {}", c.name)
            } else {
                format!("ô {} «{indicator}»", c.name)
            }
        }
    }

    /// The notice for a group no slip explains.
    fn nothing_plausible(&self, checks: &[Check], explained: &[usize]) -> Notice {
        let names = described(checks, explained);
        Notice {
            line: explained.first().and_then(|&k| checks[k].line),
            message: format!(
                "Không tìm được một lỗi gõ phím nào ở một hay hai ô giải thích được {}: chênh lệch \
                 có thể nằm ở bất kỳ ô nào trong đó, cần đối chiếu với hồ sơ gốc.",
                join_vi(&names)
            ),
        }
    }
}

/// The id of a rule's cell.
fn one_of(m: &mut Model, c: &CellRef) -> Option<usize> {
    m.cell_id(&c.name, c.at)
}

#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Good,
    Breaks(Vec<usize>),
    Fails,
}

/// Whether a constraint holds with these values, decided as [`crate::evaluate`] decides it.
fn holds(cells: &[Cell], c: &Constraint, values: &Values) -> Option<bool> {
    let iv = |k: usize| -> Option<Interval> {
        let f = values.figure(k)?;
        Some(interval_of(cells[k].row, &f))
    };
    let ivs = |ks: &[usize]| -> Option<Vec<Interval>> { ks.iter().map(|&k| iv(k)).collect() };
    match &c.shape {
        Shape::Ratio { r, n, d } => ratio_holds(&iv(*n)?, &iv(*d)?, &iv(*r)?),
        Shape::Sum { total, parts } => Some(interval_sum(ivs(parts)?)?.meets(&iv(*total)?)),
        Shape::AtMost { parts, whole } => at_most_holds(ivs(parts)?, &iv(*whole)?),
        Shape::Range { cell, kind } => Some(in_range(kind, values.figure(*cell)?.value)),
        Shape::Code { cell, codes } => Some(code_of(&values.figure(*cell)?, codes).is_some()),
        Shape::Readable { cell } => Some(values.figure(*cell).is_some()),
        Shape::Claim { num, den, target } => {
            let n = interval_sum(ivs(num)?)?;
            if den.is_empty() {
                Some(n.meets(target))
            } else {
                let d = interval_sum(ivs(den)?)?;
                Some(n.percent_of(&d)?.meets(target))
            }
        }
    }
}

/// The cells a figure may have been copied from: the row above, and in a grid the cell above
/// and the other cells of the row.
fn neighbours(report: &Report, (fi, ri): (usize, usize)) -> Vec<(usize, usize)> {
    let Some(form) = report.forms.get(fi) else {
        return Vec::new();
    };
    match &form.grid {
        Some(g) if !g.columns.is_empty() => {
            let n = g.columns.len();
            let start = ri - ri % n;
            let mut out: Vec<(usize, usize)> = (start..start + n)
                .filter(|&k| k != ri && k < form.rows.len())
                .map(|k| (fi, k))
                .collect();
            if ri >= n {
                out.push((fi, ri - n));
            }
            out
        }
        _ if ri > 0 => vec![(fi, ri - 1)],
        _ => Vec::new(),
    }
}

/// How a check is named in a list: «tỷ lệ 3.1», «tổng 1.4», «câu ở dòng 215».
fn describe(check: &Check) -> String {
    let first = check
        .cells
        .first()
        .map_or("", |c| c.split_once('/').map_or(c.as_str(), |(_, s)| s));
    match check.kind {
        Kind::Ratio => format!("tỷ lệ {first}"),
        Kind::Sum => format!("tổng {first}"),
        Kind::Part => {
            let whole = check
                .cells
                .last()
                .map_or("", |c| c.split_once('/').map_or(c.as_str(), |(_, s)| s));
            format!("điều kiện {first} ≤ {whole}")
        }
        Kind::Code => format!("mã ở ô {first}"),
        Kind::Range | Kind::Count => format!("giới hạn giá trị của ô {first}"),
        Kind::Parse => format!("cách ghi số ở ô {first}"),
        Kind::Narrative => match check.line {
            Some(l) => format!("câu ở dòng {l}"),
            None => "một câu trong lời văn".to_string(),
        },
    }
}

/// The checks as named in a list, each name once (two statements of one sentence are one «câu
/// ở dòng 215»).
fn described(checks: &[Check], ks: &[usize]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(ks.len());
    for &k in ks {
        let name = describe(&checks[k]);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// «a, b và c».
fn join_vi(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// The figures that a slip of the keyboard could have turned into `printed` (as read: `current`),
/// each with the slip. For a cell that does not read as a number, only the separator and decimal
/// slips apply.
fn typos(printed: &str, current: Option<Figure>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    // The same figure may come from two slips: the cheapest explanation of a cell is kept later.
    let push = |out: &mut Vec<Candidate>, figure: Figure, typo: Typo| {
        out.push(Candidate { figure, typo });
    };
    let raw = printed.trim();
    // Separator and decimal slips, read from the print.
    let reread = |s: &str| Figure::parse(s).ok();
    if raw.contains('.') && !raw.contains(',') && raw.matches('.').count() == 1 {
        if let Some(f) = reread(&raw.replace('.', ",")) {
            push(&mut out, f, Typo::Decimal);
        }
    }
    if raw.contains(',') && !raw.contains('.') && raw.matches(',').count() == 1 {
        if let Some(f) = reread(&raw.replace(',', ".")) {
            push(&mut out, f, Typo::Decimal);
        }
    }
    if current.is_none() {
        let stripped: String = raw
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
            .collect();
        if let Some(f) = reread(&stripped) {
            push(&mut out, f, Typo::Separator);
        }
    }
    let Some(fig) = current else {
        return out;
    };
    let mut v = fig.value;
    v.rescale(fig.decimals);
    let negative = v.is_sign_negative();
    let mut buf = [0u8; 40];
    let start = digits_into(&mut buf, v.mantissa().unsigned_abs());
    let mut digits: Vec<u8> = buf[start..].to_vec();
    while digits.len() <= fig.decimals as usize {
        digits.insert(0, b'0');
    }
    let int_len = digits.len() - fig.decimals as usize;
    let make = |ds: &[u8], decimals: u32| -> Option<Figure> {
        if ds.is_empty() || ds.len() > 27 {
            return None;
        }
        // Read by the parser that reads every figure, not a second number reader.
        let split = ds.len().checked_sub(decimals as usize)?;
        let mut text = String::with_capacity(ds.len() + 2);
        if negative {
            text.push('-');
        }
        text.extend(ds[..split].iter().map(|&c| char::from(c)));
        if split == 0 {
            text.push('0');
        }
        if decimals > 0 {
            text.push('.');
            text.extend(ds[split..].iter().map(|&c| char::from(c)));
        }
        let value: Decimal = text.parse().ok()?;
        Some(Figure {
            value,
            decimals,
            percent_sign: fig.percent_sign,
        })
    };
    let d = fig.decimals;
    for i in 0..digits.len() {
        // Swapped with the next digit.
        if i + 1 < digits.len() && digits[i] != digits[i + 1] {
            let mut s = digits.clone();
            s.swap(i, i + 1);
            if let Some(f) = make(&s, d) {
                push(&mut out, f, Typo::Swap);
            }
        }
        // One digit changed.
        for c in b'0'..=b'9' {
            // A leading digit struck as 0 is a digit left out, not a figure of its own.
            if c != digits[i] && !(c == b'0' && i == 0 && int_len > 1) {
                let mut s = digits.clone();
                s[i] = c;
                if let Some(f) = make(&s, d) {
                    push(&mut out, f, Typo::Digit);
                }
            }
        }
        // A digit typed twice, or typed in addition: the figure without it.
        let doubled =
            (i > 0 && digits[i - 1] == digits[i]) || digits.get(i + 1) == Some(&digits[i]);
        if digits.len() > 1 {
            let mut s = digits.clone();
            s.remove(i);
            let dec = if i >= int_len { d.saturating_sub(1) } else { d };
            if let Some(f) = make(&s, dec) {
                push(
                    &mut out,
                    f,
                    if doubled { Typo::Doubled } else { Typo::Extra },
                );
            }
        }
    }
    // A digit left out: the figure with one more, anywhere.
    for i in 0..=digits.len() {
        // At the comma, the digit left out may be the last before it or the first after it.
        let places: &[u32] = match i.cmp(&int_len) {
            std::cmp::Ordering::Less => &[0],
            std::cmp::Ordering::Equal if d > 0 || printed.contains(',') => &[0, 1],
            std::cmp::Ordering::Equal => &[0],
            std::cmp::Ordering::Greater => &[1],
        };
        for c in b'0'..=b'9' {
            let mut s = digits.clone();
            s.insert(i, c);
            for &more in places {
                if let Some(f) = make(&s, d + more) {
                    push(&mut out, f, Typo::Dropped);
                }
            }
        }
    }
    out
}

/// Sorts `v` by `less`, by insertion: the lists sorted here are short (a rule's cells, a group's
/// explanations, the suggestions), and each standard sort adds kilobytes of Wasm per element type.
fn insertion_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str) -> Figure {
        Figure::parse(s).unwrap()
    }

    fn has(cands: &[Candidate], s: &str, typo: Typo) -> bool {
        let f = fig(s);
        cands
            .iter()
            .any(|c| c.figure.value == f.value && c.figure.decimals == f.decimals && c.typo == typo)
    }

    #[test]
    fn typing_model_inverts_each_slip() {
        let c = typos("66.867", Some(fig("66.867")));
        assert!(has(&c, "66.687", Typo::Swap));
        assert!(has(&c, "66.857", Typo::Digit));
        assert!(has(&c, "668.867", Typo::Dropped));
        assert!(has(&c, "6.867", Typo::Doubled));
        assert!(has(&c, "6.687", Typo::Extra) || has(&c, "66.86", Typo::Extra));
        let c = typos("99,95", Some(fig("99,95")));
        assert!(has(&c, "99,59", Typo::Swap));
        assert!(has(&c, "99,5", Typo::Doubled));
        assert!(has(&c, "99,955", Typo::Dropped));
        // `1.6640` does not read; its separator misplaced.
        assert!(has(&typos("1.6640", None), "16.640", Typo::Separator));
        assert!(has(&typos("99.59", None), "99,59", Typo::Decimal));
    }

    #[test]
    fn a_swap_moves_by_a_multiple_of_nine() {
        let c = typos("66.867", Some(fig("66.867")));
        for k in c.iter().filter(|k| k.typo == Typo::Swap) {
            let diff = k.figure.value - Decimal::from(66867);
            assert!((diff % Decimal::from(9)).is_zero(), "{}", k.figure.value);
        }
    }
}
