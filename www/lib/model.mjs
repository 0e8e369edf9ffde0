// The result object of the checking core (see src/outcome.rs), and what the views derive from it.

/**
 * @typedef {'pass' | 'fail' | 'warn' | 'na'} Status
 * @typedef {{ cell: string, stt: string, depth: number, indicator: string, unit: string,
 *             value: string, note: string, line: number, status?: Status | null }} Row
 * @typedef {{ form: string, title: string, rows: number, recognition: 'title' | 'indicators' | 'unknown',
 *             line: number, table: Row[] }} Form
 * @typedef {{ id: string, kind: string, status: Status, cells: string[], reported?: string | null,
 *             expected?: string | null, imbalance?: string | null, formula?: string | null,
 *             message: string, inferred: boolean, line?: number | null, quote?: string | null,
 *             suggestions?: number[] }} Check
 * @typedef {{ pass: number, fail: number, warn: number, na: number }} Summary
 * @typedef {{ line?: number | null, message: string, code?: 'offline' | 'pending' }} Notice  `code`: a notice
 *   of the page's own (engine.mjs `appNotice`), not of the core
 * @typedef {{ cell: string, current: string, suggested: string, confidence: 'high' | 'medium' | 'low',
 *             typo: string, explains: string[], message: string }} Suggestion
 * @typedef {{ forms: Form[], checks: Check[], summary: Summary, notices: Notice[],
 *             suggestions?: Suggestion[] }} Result
 */

/** Worst first. */
export const STATUS_ORDER = /** @type {const} */ (['fail', 'warn', 'na', 'pass']);

/** @param {Status} s */
export const severity = (s) => ({ fail: 3, warn: 2, na: 1, pass: 0 })[s] ?? 0;

/**
 * A check of the report's words (a figure in the narrative), not of a table: it is about a
 * sentence, and the cells it names (if any) are what the sentence was compared with.
 * @param {Check} c
 */
export const isNarrative = (c) => c.kind === 'narrative';

/** @param {Check} c */
export const isProblem = (c) => c.status === 'fail' || c.status === 'warn';

/**
 * A warning that is advice, not a disagreement: a ratio whose numerator and denominator are both 0
 * printed as 0 % (src/evaluate.rs: a `0/0` has no value, so nothing to correct and no imbalance;
 * the core's localisation ignores it for the same reason). Listed after the problems, folded, and
 * not counted as a problem in the verdict (issue 12).
 * @param {Check} c
 */
export const isAdvice = (c) => c.kind === 'ratio' && c.status === 'warn' && (c.imbalance ?? null) === null;

/**
 * @typedef {object} Index
 * @property {Result} result
 * @property {Map<string, { form: Form, row: Row, index: number }>} rows  by cell name
 * @property {Map<string, Check[]>} about  table checks whose first cell is the key
 * @property {Map<string, Check[]>} using  table checks that use the key as a non-first cell
 * @property {Map<string, Status>} marks  the worst status of the table checks about each cell: the
 *   figure's mark (the core's `row.status` also counts the narrative, which is not about the figure)
 * @property {Check[]} narrative  the checks of the report's words, in the order of the input
 * @property {Map<string, Check[]>} told  narrative checks that compared their sentence with the key
 * @property {Check[]} problems  fail then warn; tables first, then the narrative, in input order
 * @property {Check[]} advice  the problems that are advice (a 0/0 printed as 0): the results view
 *   lists them after the others, folded
 * @property {Set<string>} problemCells  every cell of a failed or warned check
 * @property {Set<string>} problemForms  forms with a problem: a failed or warned table check about
 *   one of their cells, or a sentence that disagrees with one
 * @property {Check[]} orphans  table checks whose first cell is not a row of any table
 * @property {Map<string, Notice[]>} formNotices  notices inside each form's stretch of input
 * @property {Notice[]} looseNotices  notices not inside any form
 */

/**
 * Indexes a result for the views.
 * @param {Result} result
 * @returns {Index}
 */
export function indexResult(result) {
  /** @type {Index['rows']} */
  const rows = new Map();
  for (const form of result.forms) {
    form.table.forEach((row, index) => rows.set(row.cell, { form, row, index }));
  }
  /** @type {Map<string, Check[]>} */
  const about = new Map();
  /** @type {Map<string, Check[]>} */
  const using = new Map();
  /** @type {Check[]} */
  const orphans = [];
  /** @type {Check[]} */
  const narrative = [];
  /** @type {Map<string, Check[]>} */
  const told = new Map();
  /** @type {Map<string, Status>} */
  const marks = new Map();
  for (const check of result.checks) {
    if (isNarrative(check)) {
      narrative.push(check);
      for (const cell of new Set(check.cells)) push(told, cell, check);
      continue;
    }
    const [first, ...rest] = check.cells;
    if (first !== undefined && rows.has(first)) {
      push(about, first, check);
      const was = marks.get(first);
      if (!was || severity(check.status) > severity(was)) marks.set(first, check.status);
    } else {
      orphans.push(check);
    }
    for (const cell of new Set(rest)) if (cell !== first) push(using, cell, check);
  }
  // The core lists the narrative by line already; a stable sort keeps that true of any input.
  narrative.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const problems = [...result.checks.filter((c) => isProblem(c) && !isNarrative(c)), ...narrative.filter(isProblem)]
    .sort((a, b) => severity(b.status) - severity(a.status));
  const advice = problems.filter(isAdvice);
  const problemCells = new Set(problems.flatMap((c) => c.cells));

  /** @type {Map<string, Notice[]>} */
  const formNotices = new Map();
  /** @type {Notice[]} */
  const looseNotices = [];
  const starts = formStarts(result.forms);
  for (const notice of result.notices) {
    const line = notice.line;
    const form = typeof line === 'number' ? formAtLine(starts, line) : undefined;
    if (form) push(formNotices, form.form, notice);
    else looseNotices.push(notice);
  }
  /** @type {Set<string>} */
  const problemForms = new Set();
  // A table check counts by the cell it is about; a sentence by any cell it was compared with.
  for (const c of problems) for (const cell of isNarrative(c) ? c.cells : c.cells.slice(0, 1)) problemForms.add(formOf(cell));
  return { result, rows, about, using, marks, narrative, told, problems, advice, problemCells, problemForms, orphans, formNotices, looseNotices };
}

/**
 * The forms by their first line, one per line (of two forms starting on the same line, the first
 * listed), for `formAtLine`.
 * @param {Form[]} forms
 * @returns {{ lines: number[], forms: Form[] }}
 */
function formStarts(forms) {
  const sorted = forms.map((form, order) => ({ form, order })).sort((a, b) => a.form.line - b.form.line || a.order - b.order);
  /** @type {{ lines: number[], forms: Form[] }} */
  const out = { lines: [], forms: [] };
  for (const { form } of sorted) {
    if (out.lines.length && out.lines[out.lines.length - 1] === form.line) continue;
    out.lines.push(form.line);
    out.forms.push(form);
  }
  return out;
}

/**
 * The form whose stretch of input (from its first line to the next form's) holds `line`: the last
 * form starting at or before it. A form's rows may run past the next form's first line, but the
 * later form then holds those lines, so only first lines matter: a binary search, not a scan of
 * every form and row for every notice.
 * @param {{ lines: number[], forms: Form[] }} starts
 * @param {number} line
 * @returns {Form | undefined}
 */
function formAtLine(starts, line) {
  let lo = 0;
  let hi = starts.lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts.lines[mid] <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo ? starts.forms[lo - 1] : undefined;
}

/**
 * @template K, V
 * @param {Map<K, V[]>} map
 * @param {K} key
 * @param {V} value
 */
function push(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The cells a selection should highlight: every cell of the checks about `cell`.
 * @param {Index} index
 * @param {string} cell
 * @returns {Set<string>}
 */
export function relatedCells(index, cell) {
  const out = new Set();
  for (const check of index.about.get(cell) ?? []) for (const c of check.cells) if (c !== cell) out.add(c);
  return out;
}

/**
 * The STT part of a cell name (`B03/3.1` → `3.1`).
 * @param {string} cell
 */
export const sttOf = (cell) => cell.slice(cell.indexOf('/') + 1);

/**
 * The form part of a cell name (`B03/3.1` → `B03`).
 * @param {string} cell
 */
export const formOf = (cell) => (cell.includes('/') ? cell.slice(0, cell.indexOf('/')) : '');

/**
 * A signature of the tables' structure: equal signatures mean the same rows in the same order,
 * so a view can be patched in place instead of rebuilt.
 * @param {Result} result
 */
export function structureKey(result) {
  return result.forms.map((f) => `${f.form}|${f.title}|${f.table.map((r) => r.cell).join(',')}`).join('\n');
}
