// The results view: summary, list of problems, one table per form, the report's words (narrative
// findings), and the details of the selected cell. Shared by the page and the <kiem-so> element.
// Builds DOM with textContent only.
//
// A table check is "about" its first cell: that cell carries the check's mark (the worst status of
// the table checks about it). Marks are colour + icon + text, never colour alone. A narrative check
// is about a sentence: it never sets a figure's mark; when the sentence disagrees with a table, the
// cells it was compared with get a light "Lời văn nói khác" tag and list it in their details.

import { h, icon, replaceChildren } from './dom.mjs';
import { indexResult, relatedCells, sttOf, structureKey, isNarrative, isProblem, isAdvice } from './model.mjs';
import { shortMessage, placeOf, cellsText } from './narrative.mjs';
import { gridHeader, gridBody } from './grid.mjs';

/**
 * @typedef {import('./model.mjs').Result} Result
 * @typedef {import('./model.mjs').Check} Check
 * @typedef {import('./model.mjs').Row} Row
 * @typedef {import('./model.mjs').Form} Form
 * @typedef {import('./model.mjs').Index} Index
 * @typedef {import('./i18n.mjs').Strings} Strings
 * @typedef {Record<string, { value: string, original: string }>} Edits
 *
 * @typedef {object} ViewOptions
 * @property {Strings} strings
 * @property {{ summary: HTMLElement, forms: HTMLElement, detail: HTMLElement }} slots
 * @property {boolean} [editable]
 * @property {number} [headingLevel]  level of the summary heading (forms and details one below)
 * @property {(cell: string, value: string) => void} [onEdit]
 * @property {(line: number) => void} [onLine]  a check or notice points at a line of the input
 *   (moves the focus there)
 * @property {(line: number) => void} [onQuote]  a narrative finding was selected: mark its line in
 *   the input without moving the focus (which goes to the table cell)
 * @property {() => 'text' | 'docx' | 'file'} [source]  what was checked: typed or pasted text, a
 *   Word file (its `line`s are paragraphs), another file (no text box to point into)
 * @property {'section' | 'brief'} [narrative]  the report's words in a section of their own (the
 *   page), or only among the problems (the element)
 * @property {number} [rowLimit]  rows of one form built at a time: a form's first rows, then each
 *   "Hiện thêm" (huge tables)
 * @property {number} [rowBudget]  rows built across all forms when a result is first shown; the
 *   forms past it are built as they scroll into view (a thousand pasted tables)
 * @property {(cell: string, value: string) => Promise<Goal>} [onTarget]  the question «Cần bao nhiêu
 *   để đạt …?» for a ratio or a total (the core's `target`); its changes are applied with `onEdit`
 * @property {boolean} [fold]  each form's table folded under a summary line (phones: problems
 *   first, the tables one tap away)
 * @property {boolean} [tapToRead]  a tap on a figure shows its checks and never opens the
 *   keyboard: the figure becomes editable only through «Sửa» in the details (phones)
 * @property {(cell: string) => void} [onSelect]  a cell was selected (the page opens its sheet)
 * @property {(cell: string) => void} [onEditStart]  the button «Sửa» was pressed: the figure takes the focus
 *
 * @typedef {{ cell: string, target: string, changes: { cell: string, from: string, to: string }[],
 *             message: string, reachable: boolean }} Goal
 * @typedef {{ cell: string, target: string, label: string, direction: 'at_least' | 'at_most',
 *             reached: boolean, gap?: string | null, message: string,
 *             changes: { cell: string, from: string, to: string }[] }} Shortfall
 */

/**
 * Items of a long list (problems, findings, notices, related cells) built before a "Xem thêm"
 * button, and built by each press of it: a list is never built whole when it is long.
 */
const LIST_CHUNK = 200;
/**
 * The attributes of an element holding the report's own words (its indicators, notes, the core's
 * explanations, quotes): content, not interface, so it stays Vietnamese in an English page and says
 * so to screen readers (WCAG 3.1.2); `data-content` lets the tests tell it from the interface.
 */
export const CONTENT = { 'data-content': '', lang: 'vi' };
/** More forms than this: those out of view are not laid out (results.css, `.ks-many`). */
const MANY_FORMS = 30;
/** Problems visible at first (the rest of the first chunk is built hidden, and printed). */
const PROBLEMS_SHOWN = 8;

let instances = 0;

/**
 * The one-line verdict of a result and its status (the summary, the projector's first slide).
 * @param {Index} index
 * @param {Strings} s
 * @returns {{ status: import('./model.mjs').Status, text: string }}
 */
export function verdictOf(index, s) {
  const { summary, forms, checks } = index.result;
  // A report whose tables were not found can still have its words checked.
  const anything = forms.length > 0 || checks.length > 0;
  // Advice (a 0/0 printed as 0) is not a disagreement: it is not counted as a problem here.
  const advice = index.advice.length;
  const warn = Math.max(0, summary.warn - advice);
  const status = summary.fail ? 'fail' : warn ? 'warn' : anything ? 'pass' : 'na';
  // «No errors» is never said while the words and the figures disagree (issue 12, item 5).
  const disagree = index.narrative.filter(isProblem).length;
  const text = !anything
    ? s.verdictNone
    : summary.fail
      ? s.verdictFail(summary.fail, warn)
      : disagree
        ? s.verdictDisagree(disagree, warn)
        : warn
          ? s.verdictWarnOnly(warn)
          : advice
            ? s.verdictAdviceOnly(advice)
            : s.verdictClean;
  // One typo breaks several checks: the verdict names the cells that most likely explain them,
  // and of explanations that tie, says that it is one or the other.
  const groups = culpritsOf(index);
  const cells = (/** @type {boolean} */ tie) => [...new Set(groups.filter((g) => g.tie === tie).map((g) => g.suggestion.cell))];
  const sure = cells(false);
  const tied = cells(true);
  return { status, text: [text, sure.length ? s.verdictCulprits(sure) : '', tied.length ? s.verdictCulpritsTied(tied) : ''].filter(Boolean).join(' ') };
}

/**
 * The likely culprits of a result: each suggestion of the localisation (src/locate.rs) that
 * explains a problem, with the problems it explains (table checks and sentences), best first.
 * A low-confidence suggestion (a value that merely balances, no typing slip) is not one: the
 * problems it would explain are listed on their own, the page does not guess.
 * @param {Index} index
 * @returns {{ suggestion: import('./model.mjs').Suggestion, at: number, checks: Check[], tie: boolean }[]}
 */
export function culpritsOf(index) {
  const suggestions = index.result.suggestions ?? [];
  const groups = suggestions.map((suggestion, at) => ({
    suggestion, at, tie: false,
    checks: suggestion.confidence === 'low' ? [] : index.problems.filter((c) => !isAdvice(c) && (c.suggestions ?? []).includes(at)),
  })).filter((g) => g.checks.length > 0);
  // Two cells that each explain the same checks: both are shown, each message says what decided.
  for (const g of groups) g.tie = groups.some((o) => o !== g && o.checks.some((c) => g.checks.includes(c)));
  return groups;
}

/** @type {typeof import('./render-more.mjs') | null} the cell details and the report's words, once fetched */
let moreModule = null;
/** @type {Promise<unknown> | null} */
let moreLoading = null;
/** Fetches render-more.mjs (once; again after a failure, e.g. offline before the copy was kept). */
function loadMore() {
  moreLoading ??= import('./render-more.mjs').then((m) => { moreModule = m; }, (err) => {
    moreLoading = null;
    throw err;
  });
  return moreLoading;
}

/**
 * @param {string} cell
 */
const cellId = (cell) => cell.replace(/[^A-Za-z0-9]+/g, '-');

export class ResultsView {
  /** @param {ViewOptions} options */
  constructor(options) {
    this.o = options;
    this.s = options.strings;
    this.prefix = `ks${++instances}-`;
    this.level = options.headingLevel ?? 2;
    /** @type {Index | null} */
    this.index = null;
    /** @type {Map<string, import('./model.mjs').Suggestion>} the likely culprits, by cell */
    this.suspects = new Map();
    this.structure = '';
    /** @type {Edits} */
    this.edits = {};
    /** @type {string | null} */
    this.selected = null;
    /** @type {string | null} the id of the selected narrative finding */
    this.finding = null;
    /** whether the list of agreeing sentences is open */
    this.agreeOpen = false;
    /** @type {Map<string, () => void>} builds a narrative finding's item where it is not built yet */
    this.findingPlaces = new Map();
    this.onlyProblems = false;
    this.folded = !!options.fold;
    this.tapToRead = !!options.tapToRead;
    /** @type {Map<string, HTMLTableRowElement>} the built row of each cell (of the form `index.rows` names) */
    this.rowEls = new Map();
    // A report can hold the same form many times (cells named alike), and an edit brings new
    // form objects with the same structure: sections and rows are also known by their places.
    /** @type {HTMLElement[]} each form's section, by the form's place in the result */
    this.sections = [];
    /** @type {Map<number, HTMLTableRowElement>[]} each form's built rows, by the row's place */
    this.built = [];
    /** @type {WeakMap<HTMLElement, number>} */
    this.sectionNo = new WeakMap();
    /** @type {Map<Form, number>} */
    this.formIndex = new Map();
    /** rows that may still be built before forms wait to scroll into view (see `rowBudget`) */
    this.budget = 0;
    /** @type {Set<HTMLElement>} sections whose rows wait to be built (out of view so far) */
    this.waiting = new Set();
    /** @type {Set<HTMLElement>} sections in view whose rows are being built, a few per task */
    this.due = new Set();
    this.pumping = false;
    /** @type {IntersectionObserver | null} */
    this.observer = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => this.onSectionsVisible(entries), { rootMargin: '600px 0px' })
      : null;
    this.bindTables();
    this.renderDetail();
  }

  /** @param {number} offset */
  hx(offset) {
    return `h${Math.min(6, this.level + offset)}`;
  }

  /** Empties the view. */
  clear() {
    this.index = null;
    this.suspects = new Map();
    this.structure = '';
    this.selected = null;
    this.finding = null;
    this.rowEls.clear();
    this.sections = [];
    this.built = [];
    this.stopWaiting();
    replaceChildren(this.o.slots.summary);
    replaceChildren(this.o.slots.forms);
    this.renderDetail();
  }

  /**
   * Shows a result: rebuilt when the tables changed, patched in place otherwise (so a figure being
   * edited keeps its focus and caret).
   * @param {Result} result
   * @param {Edits} [edits]
   */
  update(result, edits = {}) {
    // What a selection and the report's words show comes with the first results, not the page.
    loadMore().catch(() => {});
    this.index = indexResult(result);
    this.suspects = new Map(culpritsOf(this.index).map((g) => [g.suggestion.cell, g.suggestion]));
    this.formIndex = new Map(result.forms.map((f, i) => [f, i]));
    this.edits = edits;
    const key = structureKey(result);
    this.renderSummary();
    if (key !== this.structure) {
      this.structure = key;
      this.renderForms();
      if (this.selected && !this.index.rows.has(this.selected)) this.selected = null;
      this.agreeOpen = false;
    } else {
      this.patchForms();
    }
    if (this.finding && !this.findingById(this.finding)) this.finding = null;
    this.applySelection();
    this.renderDetail();
  }

  /** What the lines of the checks count: "dòng" (text, spreadsheet rows) or "đoạn" (Word). */
  lineWord() {
    return this.o.source?.() === 'docx' ? this.s.paragraphWord : this.s.lineWord;
  }

  /** Whether a line can be shown in a text box (the input is text, and the host can select it). */
  canShowLine() {
    return (this.o.source?.() ?? 'text') === 'text' && !!this.o.onLine;
  }

  // ——— summary ———

  renderSummary() {
    const index = /** @type {Index} */ (this.index);
    const { summary, forms, checks } = index.result;
    const s = this.s;
    const { status: verdictStatus, text: verdict } = verdictOf(index, s);
    const counts = /** @type {const} */ (['fail', 'warn', 'pass', 'na']).map((st) =>
      h('li', { class: `ks-count ks-st-${st}`, 'data-status': st },
        icon(st), h('strong', { class: 'ks-count-n' }, String(summary[st])), ' ', h('span', null, s.countWord[st])),
    );
    const problems = this.renderProblems();
    replaceChildren(
      this.o.slots.summary,
      h(this.hx(0), { class: 'ks-summary-h', id: `${this.prefix}summary` }, s.resultsTitle),
      h('p', { class: `ks-verdict ks-st-${verdictStatus}` }, icon(verdictStatus), h('span', null, verdict)),
      h('ul', { class: 'ks-counts', 'aria-label': s.resultsTitle }, counts),
      h('p', { class: 'ks-meta' }, index.narrative.length
        ? s.metaNarrative(forms.length, checks.length - index.narrative.length, index.narrative.length)
        : s.meta(forms.length, checks.length)),
      this.narrativeMeta(),
      problems,
    );
  }

  /** One line about the report's words, leading to their section on the page. */
  narrativeMeta() {
    const index = /** @type {Index} */ (this.index);
    if (!index.narrative.length) return null;
    const bad = index.narrative.filter(isProblem).length;
    const good = index.narrative.filter((c) => c.status === 'pass').length;
    const text = this.s.narrativeMeta(bad, good);
    const status = index.narrative.some((c) => c.status === 'fail') ? 'fail' : bad ? 'warn' : 'pass';
    return h('p', { class: `ks-narrative-meta ks-st-${status}` }, icon(status),
      this.o.narrative === 'brief'
        ? h('span', null, text)
        : h('button', { type: 'button', class: 'ks-link', onclick: () => this.goToNarrative() }, text));
  }

  /** Scrolls to the section of the report's words and puts the focus on its heading. */
  goToNarrative() {
    const heading = /** @type {HTMLElement | null} */ (this.o.slots.forms.querySelector('.ks-narrative-h'));
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }

  renderProblems() {
    const index = /** @type {Index} */ (this.index);
    const s = this.s;
    if (!index.problems.length) return null;
    // The likely culprits lead, each with the checks it explains folded under it; then the
    // problems no culprit explains, as they are; advice (0/0 printed as 0) last, folded.
    const culprits = culpritsOf(index);
    const explained = new Set(culprits.flatMap((g) => g.checks));
    /** @type {(() => HTMLElement)[]} */
    const list = [
      ...culprits.map((g) => () => this.culpritItem(g)),
      ...index.problems.filter((c) => !explained.has(c) && !isAdvice(c)).map((c) => () => this.problemItem(c)),
    ];
    const advice = index.advice.filter((c) => !explained.has(c));
    const ol = h('ol', { class: 'ks-problem-list' });
    // The first chunk is built (the print view lists it all), the rest on demand.
    let built = 0;
    const build = (/** @type {number} */ upto) => {
      for (const end = Math.min(upto, list.length); built < end; built++) {
        const li = list[built]();
        if (built >= PROBLEMS_SHOWN) li.hidden = true;
        ol.append(li);
      }
    };
    build(LIST_CHUNK);
    const rest = h('p', { class: 'ks-print-rest' });
    const label = () => {
      const hidden = ol.querySelectorAll(':scope > li[hidden]').length;
      rest.textContent = built < list.length ? s.problemsRest(list.length - built) : '';
      return s.problemsMore(hidden || Math.min(LIST_CHUNK, list.length - built));
    };
    const more = list.length > PROBLEMS_SHOWN
      ? h('button', {
          type: 'button',
          class: 'ks-button ks-button-quiet ks-more',
          onclick: (/** @type {Event} */ e) => {
            const button = /** @type {HTMLElement} */ (e.currentTarget);
            const hidden = ol.querySelectorAll(':scope > li[hidden]');
            if (hidden.length) for (const li of hidden) /** @type {HTMLElement} */ (li).hidden = false;
            else build(built + LIST_CHUNK);
            if (built >= list.length && !ol.querySelector(':scope > li[hidden]')) button.remove();
            else button.textContent = label();
          },
        }, '')
      : null;
    if (more) more.textContent = label();
    const notes = advice.length
      ? h('details', { class: 'ks-advice' },
          h('summary', null, icon('info'), h('span', null, s.adviceTitle(advice.length))),
          this.chunkedList('ol', 'ks-problem-list ks-advice-list', advice, (c) => this.problemItem(c)))
      : null;
    return h('section', { class: 'ks-problems', 'aria-labelledby': `${this.prefix}problems` },
      list.length
        ? [h(this.hx(1), { id: `${this.prefix}problems`, class: 'ks-problems-h' }, `${s.problemsTitle} (${list.length})`), ol, more, rest]
        : h(this.hx(1), { id: `${this.prefix}problems`, class: 'ks-problems-h' }, s.adviceOnlyTitle),
      notes);
  }

  /**
   * A likely culprit in the list of problems: the cell, the suggestion's words (with the evidence
   * that decided between explanations), «Áp dụng», and the checks it explains folded under it.
   * @param {{ suggestion: import('./model.mjs').Suggestion, checks: Check[], tie: boolean }} group
   */
  culpritItem({ suggestion: sug, checks, tie }) {
    const index = /** @type {Index} */ (this.index);
    const s = this.s;
    const hit = index.rows.get(sug.cell);
    const status = checks.some((c) => c.status === 'fail') ? 'fail' : 'warn';
    const label = [h('span', { class: 'ks-problem-status' }, s.culpritStatus),
      hit ? ` · ${s.formName(hit.form.form)}, ${s.columns[0]} ${hit.row.stt}` : ` · ${sug.cell}`,
      hit?.row.indicator ? h('span', { class: 'ks-problem-ind' }, ` — ${hit.row.indicator}`) : ''];
    return h('li', { class: `ks-problem ks-culprit ks-st-${status} ks-confidence-${sug.confidence}`, 'data-suggestion': sug.cell },
      icon(status),
      h('div', { class: 'ks-problem-body' },
        hit
          ? h('button', { type: 'button', class: 'ks-link', 'data-cell': sug.cell, onclick: () => this.select(sug.cell, { focus: true, scroll: true }) }, label)
          : h('span', { class: 'ks-problem-where' }, label),
        h('p', { class: 'ks-problem-msg' }, sug.message),
        tie ? h('p', { class: 'ks-culprit-tie' }, icon('info'), s.culpritTie) : null,
        this.applyButton(sug),
        h('details', { class: 'ks-culprit-checks' },
          h('summary', null, s.culpritChecks(checks.length)),
          h('ol', { class: 'ks-problem-list' }, checks.map((c) => this.problemItem(c))))));
  }

  /**
   * «Áp dụng: 66.867 → 66.687»: puts a suggestion in as an edit (marked as edited, undone like
   * any other); null where figures cannot be edited.
   * @param {import('./model.mjs').Suggestion} sug
   */
  applyButton(sug) {
    if (!this.o.onEdit || this.o.editable === false) return null;
    const s = this.s;
    const apply = () => {
      const input = /** @type {HTMLInputElement | null | undefined} */ (this.rowEls.get(sug.cell)?.querySelector('.ks-input'));
      if (input) input.value = sug.suggested;
      this.o.onEdit?.(sug.cell, sug.suggested);
    };
    // The visible words begin the accessible name (WCAG 2.5.3, label in name), the rest is said
    // to a screen reader only.
    return h('button', { type: 'button', class: 'ks-button ks-apply', onclick: apply },
      `${s.apply}: ${sug.current} → ${sug.suggested}`, h('span', { class: 'ks-visually-hidden' }, ` (${s.applyLabel(sug.suggested)})`));
  }

  /**
   * Appends `items` to `list` a chunk at a time: the first `first` now, then a chunk per press of
   * the button returned (null when nothing is left).
   * @template T
   * @param {HTMLElement} list
   * @param {T[]} items
   * @param {(item: T) => Node} make
   * @param {number} [first]
   * @returns {{ more: HTMLElement | null, upto: (i: number) => void }}  `upto(i)` builds item i
   */
  chunked(list, items, make, first = LIST_CHUNK) {
    let built = 0;
    const more = h('button', { type: 'button', class: 'ks-button ks-button-quiet ks-more' });
    const fill = (/** @type {number} */ end) => {
      // The button may sit at the end of the list itself (a line of links): items go before it.
      for (end = Math.min(end, items.length); built < end; built++) list.insertBefore(make(items[built]), more.parentNode === list ? more : null);
      if (built >= items.length) more.remove();
      else more.textContent = this.s.problemsMore(Math.min(LIST_CHUNK, items.length - built));
    };
    more.addEventListener('click', () => fill(built + LIST_CHUNK));
    fill(first);
    return { more: built < items.length ? more : null, upto: (i) => fill(i + 1) };
  }

  /** @param {Check} check */
  problemItem(check) {
    if (isNarrative(check)) return this.narrativeProblemItem(check);
    const index = /** @type {Index} */ (this.index);
    const s = this.s;
    const first = check.cells[0];
    const hit = first ? index.rows.get(first) : undefined;
    const where = hit
      ? `${s.formName(hit.form.form)}, ${s.columns[0]} ${hit.row.stt}`
      : typeof check.line === 'number' ? s.lineRef(check.line) : '';
    const target = hit
      ? () => this.select(/** @type {string} */ (first), { focus: true, scroll: true })
      : typeof check.line === 'number' && this.o.onLine
        ? () => this.o.onLine?.(/** @type {number} */ (check.line))
        : null;
    const label = [h('span', { class: 'ks-problem-status' }, s.status[check.status]), where ? ` · ${where}` : '',
      hit?.row.indicator ? h('span', { class: 'ks-problem-ind', ...CONTENT }, ` — ${hit.row.indicator}`) : ''];
    return h('li', { class: `ks-problem ks-st-${check.status}` },
      icon(check.status),
      h('div', { class: 'ks-problem-body' },
        target
          ? h('button', { type: 'button', class: 'ks-link', 'data-cell': first ?? '', onclick: target }, label)
          : h('span', { class: 'ks-problem-where' }, label),
        h('p', { class: 'ks-problem-msg', ...CONTENT }, check.message)));
  }

  /**
   * A problem of the report's words in the list "Cần xem lại": where the sentence is, the
   * sentence, what is wrong. Its link selects the finding (the cells it names, or its line).
   * @param {Check} check
   */
  narrativeProblemItem(check) {
    const s = this.s;
    const place = placeOf(check, this.lineWord());
    const label = [h('span', { class: 'ks-problem-status' }, s.status[check.status]),
      ` · ${s.inText}${place ? `, ${place}` : ''}`,
      check.cells.length ? h('span', { class: 'ks-problem-ind' }, ` — ${s.comparedWith} ${cellsText(s, check.cells)}`) : ''];
    const reachable = check.cells.some((c) => this.index?.rows.has(c)) || this.o.narrative !== 'brief' ||
      (typeof check.line === 'number' && this.canShowLine());
    return h('li', { class: `ks-problem ks-problem-text ks-st-${check.status}` },
      icon(check.status),
      h('div', { class: 'ks-problem-body' },
        reachable
          ? h('button', { type: 'button', class: 'ks-link', 'data-check': check.id, onclick: () => loadMore().then(() => moreModule?.pickFinding(this, check, { fromList: true }), () => {}) }, label)
          : h('span', { class: 'ks-problem-where' }, label),
        check.quote ? h('p', { class: 'ks-problem-quote', ...CONTENT }, `«${check.quote}»`) : null,
        h('p', { class: 'ks-problem-msg', ...CONTENT }, shortMessage(check))));
  }

  // ——— forms ———

  renderForms() {
    const index = /** @type {Index} */ (this.index);
    this.rowEls.clear();
    this.sections = [];
    this.built = [];
    this.stopWaiting();
    this.budget = this.o.rowBudget ?? 2000;
    const container = this.o.slots.forms;
    container.classList.toggle('ks-only-problems', this.onlyProblems);
    container.classList.toggle('ks-foldable', this.folded);
    container.classList.toggle('ks-many', index.result.forms.length > MANY_FORMS);
    replaceChildren(container, index.result.forms.map((_, fi) => this.formSection(fi)));
    this.appendTail();
  }

  /**
   * The form at a place of the current result (closures keep places: an edit brings new objects).
   * @param {number} fi
   * @returns {Form}
   */
  formNo(fi) {
    return /** @type {Index} */ (this.index).result.forms[fi];
  }

  stopWaiting() {
    this.observer?.disconnect();
    this.waiting.clear();
    this.due.clear();
  }

  /** What follows the tables: checks that name no row, then the report's words. */
  appendTail() {
    const index = /** @type {Index} */ (this.index);
    const container = this.o.slots.forms;
    container.querySelector(':scope > .ks-orphans')?.remove();
    container.querySelector(':scope > .ks-narrative')?.remove();
    if (index.orphans.length) container.append(this.orphanSection());
    if (index.narrative.length && this.o.narrative !== 'brief') {
      if (moreModule) {
        container.append(moreModule.narrativeSection(this));
      } else {
        // Before render-more.mjs has come (a first result that already has the report's words):
        // the section's place, filled when it comes.
        const place = h('section', { class: 'ks-narrative', 'aria-busy': 'true' });
        container.append(place);
        loadMore().then(() => {
          if (moreModule && this.index === index && place.isConnected) place.replaceWith(moreModule.narrativeSection(this));
        }, () => {});
      }
    }
  }

  /**
   * A form's section. Its rows are built now while the budget of this render lasts (its first
   * rows and every row a problem is about or computed from), otherwise when it comes into view:
   * a thousand pasted tables must not build millions of nodes at once.
   * @param {number} fi  the form's place in the result
   */
  formSection(fi) {
    const index = /** @type {Index} */ (this.index);
    const form = this.formNo(fi);
    const s = this.s;
    const id = `${this.prefix}form-${cellId(form.form)}`;
    const grid = /** @type {import('./grid.mjs').Grid | undefined} */ (/** @type {any} */ (form).grid);
    // A grid is drawn whole when it is drawn (its rows are cells: the row limit counts cells).
    const tbody = h('tbody', null, form.table.length && !grid ? this.gapRow(fi, 0, form.table.length) : null);
    const caption = `${s.formName(form.form)}${form.title ? ` — ${form.title}` : ''}`;
    const notices = index.formNotices.get(form.form) ?? [];
    const noticeList = h('ul', { class: 'ks-notices' });
    const noticeMore = notices.length ? this.chunked(noticeList, notices, (n) => h('li', null, icon('info'), this.noticeText(n)), 20).more : null;
    const section = h('section', { class: 'ks-form', id, 'data-form': form.form, 'aria-labelledby': `${id}-h` },
      h(this.hx(1), { class: 'ks-form-h', id: `${id}-h` },
        h('span', { class: 'ks-form-no' }, s.formName(form.form)),
        form.title ? h('span', { class: 'ks-form-title', ...CONTENT }, form.title) : null),
      h('p', { class: 'ks-form-meta' }, this.formCounts(form)),
      form.recognition === 'unknown' ? h('p', { class: 'ks-form-note' }, icon('info'), s.unknownForm) : null,
      form.recognition === 'indicators' ? h('p', { class: 'ks-form-note' }, icon('info'), s.byIndicators) : null,
      notices.length ? [noticeList, noticeMore] : null,
      h('p', { class: 'ks-clean-msg' }, icon('pass'), s.formClean),
      h('details', { class: 'ks-fold', open: !this.folded },
        h('summary', { class: 'ks-fold-summary' }, s.foldTable(form.table.length)),
        h('div', { class: 'ks-table-wrap' },
        h('table', { class: grid ? 'ks-table ks-grid' : 'ks-table' },
          h('caption', { class: 'ks-visually-hidden' }, caption),
          grid ? null : h('colgroup', null, ['stt', 'ind', 'unit', 'val', 'note'].map((c) => h('col', { class: `ks-col-${c}` }))),
          grid
            ? h('thead', null, gridHeader(grid, { stt: s.columns[0], label: s.columns[1], unit: s.columns[2] }))
            : h('thead', null, h('tr', null, s.columns.map((c, i) => h('th', { scope: 'col', class: `ks-th-${i}` }, c)))),
          tbody))),
    );
    section.classList.toggle('ks-clean', !index.problemForms.has(form.form));
    this.sections[fi] = section;
    this.built[fi] = new Map();
    this.sectionNo.set(section, fi);
    if (!form.table.length) return section;
    if (this.budget > 0) {
      this.budget -= this.buildFirst(fi, tbody);
    } else if (this.observer) {
      section.dataset.waiting = '';
      this.waiting.add(section);
      this.observer.observe(section);
    } else {
      this.buildFirst(fi, tbody, Infinity);
    }
    return section;
  }

  /**
   * Builds what a form shows first into its (still unbuilt) body: a grid whole, otherwise its
   * first rows and its problem rows (`firstRows`).
   * @param {number} fi
   * @param {Element} tbody
   * @param {number} [budget]
   * @returns {number} rows (grid cells) built
   */
  buildFirst(fi, tbody, budget = this.budget) {
    const form = this.formNo(fi);
    const grid = /** @type {import('./grid.mjs').Grid | undefined} */ (/** @type {any} */ (form).grid);
    if (grid) {
      const built = this.built[fi];
      const at = new Map(form.table.map((row, i) => [row, i]));
      tbody.append(...gridBody(grid, form.table, (cell) => {
        const td = this.gridCellEl(cell);
        built.set(/** @type {number} */ (at.get(cell)), /** @type {any} */ (td));
        return td;
      }));
      return form.table.length;
    }
    const gap = /** @type {HTMLTableRowElement | null} */ (tbody.querySelector('tr.ks-gap'));
    return gap ? this.fillGap(fi, gap, this.firstRows(fi, budget)) : 0;
  }

  /**
   * What a form shows first: its first rows (at most `rowLimit`, and `budget`), and the rows of
   * its problems (those "only problems" shows) wherever they are, up to `rowLimit` of them.
   * @param {number} fi
   * @param {number} budget
   * @returns {number[]} row indices, ascending
   */
  firstRows(fi, budget) {
    const index = /** @type {Index} */ (this.index);
    const form = this.formNo(fi);
    const limit = this.o.rowLimit ?? 2000;
    const head = Math.min(form.table.length, limit, Math.max(1, budget));
    const out = [];
    for (let i = 0; i < head; i++) out.push(i);
    let extra = 0;
    for (let i = head; i < form.table.length && extra < limit; i++) {
      if (index.problemCells.has(form.table[i].cell)) {
        out.push(i);
        extra++;
      }
    }
    return out;
  }

  /**
   * A row standing for rows `from`…`to - 1` of a form that are not built: how many, and a button
   * to build the next of them. Marked when one of them has a problem, so that "only problems"
   * still offers it.
   * @param {number} fi
   * @param {number} from
   * @param {number} to
   */
  gapRow(fi, from, to) {
    const s = this.s;
    const limit = this.o.rowLimit ?? 2000;
    const tr = /** @type {HTMLTableRowElement} */ (h('tr', { class: 'ks-gap', 'data-from': from, 'data-to': to },
      h('td', { colspan: 5 },
        h('span', { class: 'ks-gap-text' }, s.rowsNotShown(to - from)),
        ' ',
        h('button', {
          type: 'button',
          class: 'ks-button ks-button-quiet ks-show-more',
          onclick: () => this.showMore(fi, tr),
        }, s.showMoreRows(Math.min(limit, to - from))))));
    this.markGap(fi, tr);
    return tr;
  }

  /**
   * @param {number} fi
   * @param {HTMLTableRowElement} gap
   */
  markGap(fi, gap) {
    const index = /** @type {Index} */ (this.index);
    const form = this.formNo(fi);
    const [from, to] = [Number(gap.dataset.from), Number(gap.dataset.to)];
    let problem = false;
    for (let i = from; i < to && !problem; i++) problem = index.problemCells.has(form.table[i].cell);
    gap.classList.toggle('ks-gap-problems', problem);
  }

  /**
   * "Hiện thêm": the next `rowLimit` rows of a gap (under "only problems", its next problem rows).
   * @param {number} fi
   * @param {HTMLTableRowElement} gap
   */
  showMore(fi, gap) {
    const index = /** @type {Index} */ (this.index);
    const form = this.formNo(fi);
    const limit = this.o.rowLimit ?? 2000;
    const [from, to] = [Number(gap.dataset.from), Number(gap.dataset.to)];
    const rows = [];
    if (this.onlyProblems) {
      for (let i = from; i < to && rows.length < limit; i++) if (index.problemCells.has(form.table[i].cell)) rows.push(i);
    }
    if (!rows.length) for (let i = from; i < Math.min(to, from + limit); i++) rows.push(i);
    const [before, tbody] = [gap.previousElementSibling, gap.parentElement];
    this.fillGap(fi, gap, rows);
    // The focus was on the button, now gone: to the first new row's figure.
    const first = before ? before.nextElementSibling : tbody?.firstElementChild;
    /** @type {HTMLElement | null | undefined} */ (first?.querySelector('.ks-input, .ks-valtext, .ks-show-more'))?.focus();
  }

  /**
   * Builds rows `wanted` (ascending indices inside the gap) in place of a gap row, with gap rows
   * for what is left on either side.
   * @param {number} fi
   * @param {HTMLTableRowElement} gap
   * @param {number[]} wanted
   * @returns {number} rows built
   */
  fillGap(fi, gap, wanted) {
    const form = this.formNo(fi);
    const built = this.built[fi];
    const [from, to] = [Number(gap.dataset.from), Number(gap.dataset.to)];
    /** @type {HTMLTableRowElement[]} */
    const nodes = [];
    let at = from;
    for (const i of wanted) {
      if (i < at || i >= to) continue;
      if (i > at) nodes.push(this.gapRow(fi, at, i));
      const tr = this.rowEl(form.table[i]);
      built.set(i, tr);
      nodes.push(tr);
      at = i + 1;
    }
    if (!nodes.length) return 0;
    if (at < to) nodes.push(this.gapRow(fi, at, to));
    gap.replaceWith(...nodes);
    return nodes.filter((n) => !n.classList.contains('ks-gap')).length;
  }

  /**
   * Builds the given cells' rows where they are not built yet (a selection, a finding).
   * @param {string[]} cells
   */
  showCells(cells) {
    const index = /** @type {Index} */ (this.index);
    /** @type {Map<number, number[]>} */
    const byForm = new Map();
    for (const cell of cells) {
      const hit = index.rows.get(cell);
      const fi = hit ? this.formIndex.get(hit.form) : undefined;
      if (!hit || fi === undefined || this.built[fi]?.has(hit.index)) continue;
      const list = byForm.get(fi);
      if (list) list.push(hit.index);
      else byForm.set(fi, [hit.index]);
    }
    for (const [fi, wanted] of byForm) {
      const section = this.sections[fi];
      if (!section) continue;
      // A form still waiting for the view is built with its first rows too.
      if (this.waiting.has(section)) this.buildWaiting(section);
      wanted.sort((a, b) => a - b);
      for (const gap of /** @type {HTMLTableRowElement[]} */ ([...section.querySelectorAll('tr.ks-gap')])) {
        const [from, to] = [Number(gap.dataset.from), Number(gap.dataset.to)];
        const inside = wanted.filter((i) => i >= from && i < to);
        if (inside.length) this.fillGap(fi, gap, inside);
      }
    }
  }

  /** @param {IntersectionObserverEntry[]} entries */
  onSectionsVisible(entries) {
    for (const e of entries) {
      const section = /** @type {HTMLElement} */ (e.target);
      if (e.isIntersecting && this.waiting.has(section)) this.due.add(section);
      else if (!e.isIntersecting) this.due.delete(section);
    }
    this.pump();
  }

  /**
   * Builds the forms that came into view, `rowLimit` rows per task, so that scrolling fast past
   * a thousand tables never blocks the page for long.
   */
  pump() {
    if (this.pumping || !this.due.size) return;
    this.pumping = true;
    setTimeout(() => {
      this.pumping = false;
      if (!this.index) return;
      let left = this.o.rowLimit ?? 2000;
      for (const section of this.due) {
        if (left <= 0) break;
        this.due.delete(section);
        if (this.waiting.has(section)) left -= this.buildWaiting(section);
      }
      this.applySelection();
      this.pump();
    }, 0);
  }

  /**
   * @param {HTMLElement} section
   * @returns {number} rows built
   */
  buildWaiting(section) {
    const fi = /** @type {number} */ (this.sectionNo.get(section));
    this.waiting.delete(section);
    this.due.delete(section);
    this.observer?.unobserve(section);
    delete section.dataset.waiting;
    const tbody = section.querySelector('tbody');
    return tbody ? this.buildFirst(fi, tbody, Infinity) : 0;
  }

  /** @param {import('./model.mjs').Notice} n */
  noticeText(n) {
    const where = typeof n.line === 'number' ? `${this.s.lineRef(n.line)[0].toUpperCase()}${this.s.lineRef(n.line).slice(1)}: ` : '';
    if (typeof n.line === 'number' && this.o.onLine) {
      const line = n.line;
      return h('span', null, h('button', { type: 'button', class: 'ks-link', onclick: () => this.o.onLine?.(line) }, where.replace(/: $/, '')), ': ', h('span', n.code ? null : CONTENT, n.message));
    }
    return h('span', null, where, h('span', n.code ? null : CONTENT, n.message));
  }

  /**
   * Whether a row shows under "only problems" on its own account: a wrong figure, or a sentence
   * that disagrees with it.
   * @param {string} cell
   */
  rowHasProblem(cell) {
    const index = /** @type {Index} */ (this.index);
    const mark = index.marks.get(cell);
    return mark === 'fail' || mark === 'warn' || (index.told.get(cell) ?? []).some(isProblem);
  }

  /** @param {Form} form */
  formCounts(form) {
    const index = /** @type {Index} */ (this.index);
    const counts = { fail: 0, warn: 0, pass: 0, na: 0 };
    for (const row of form.table) for (const c of index.about.get(row.cell) ?? []) counts[c.status]++;
    const parts = /** @type {const} */ (['fail', 'warn', 'pass', 'na'])
      .filter((k) => counts[k])
      .map((k) => `${counts[k]} ${this.s.countWord[k]}`);
    return `${this.s.formMeta(form.rows, form.line)}${parts.length ? ` · ${parts.join(', ')}` : ''}`;
  }

  orphanSection() {
    const index = /** @type {Index} */ (this.index);
    return h('section', { class: 'ks-form ks-orphans', 'aria-labelledby': `${this.prefix}orphans` },
      h(this.hx(1), { class: 'ks-form-h', id: `${this.prefix}orphans` }, this.s.otherChecks),
      this.chunkedList('ul', 'ks-checks', index.orphans, (c) => this.checkItem(c, null)));
  }

  /**
   * A list of `items` built a chunk at a time, and its "Xem thêm" button.
   * @template T
   * @param {string} tag
   * @param {string} cls
   * @param {T[]} items
   * @param {(item: T) => Node} make
   */
  chunkedList(tag, cls, items, make) {
    const list = h(tag, { class: cls });
    return [list, this.chunked(list, items, make).more];
  }

  /** @param {Row} row */
  rowEl(row) {
    const rid = `${this.prefix}${cellId(row.cell)}`;
    const heading = !row.value && !row.unit;
    const tr = /** @type {HTMLTableRowElement} */ (h('tr', {
      class: `ks-row ks-depth-${Math.min(row.depth, 6)}${heading ? ' ks-heading' : ''}`,
      'data-cell': row.cell,
      id: rid,
    },
      h('td', { class: 'ks-stt' }, row.stt),
      h('th', { scope: 'row', class: 'ks-ind', ...CONTENT }, row.indicator),
      h('td', { class: 'ks-unit', ...CONTENT }, row.unit),
      this.valueCell(row, rid, this.s.rowLabel(row.stt)),
      h('td', { class: 'ks-note', ...CONTENT }, row.note)));
    this.keepRowEl(row, tr);
    this.patchRow(tr, row);
    return tr;
  }

  /**
   * Records the built element of a cell's row. Of a form printed twice (cells named alike), the
   * one `index.rows` names wins, whatever was built first.
   * @param {Row} row
   * @param {HTMLTableRowElement} el
   */
  keepRowEl(row, el) {
    if (!this.rowEls.has(row.cell) || this.index?.rows.get(row.cell)?.row === row) this.rowEls.set(row.cell, el);
  }

  /**
   * A grid's figure: the same box as a form's value cell, marked on the cell itself.
   * @param {Row} row
   */
  gridCellEl(row) {
    const rid = `${this.prefix}${cellId(row.cell)}`;
    const column = /** @type {any} */ (row).column ?? '';
    const td = this.valueCell(row, rid, this.s.cellLabel(row.indicator, column));
    td.classList.add('ks-gcell');
    td.setAttribute('data-cell', row.cell);
    td.id = rid;
    this.keepRowEl(row, /** @type {any} */ (td));
    this.patchRow(/** @type {any} */ (td), row);
    return td;
  }

  /**
   * The figure of a row or grid cell: its mark, the figure (editable or not), its print.
   * @param {Row} row
   * @param {string} rid
   * @param {string} label  what a screen reader calls the figure
   */
  valueCell(row, rid, label) {
    const s = this.s;
    const mark = h('span', { class: 'ks-mark', id: `${rid}-mark` });
    const box = h('div', { class: 'ks-valbox' }, mark);
    if (this.o.editable) {
      const input = /** @type {HTMLInputElement} */ (h('input', {
        class: 'ks-input',
        type: 'text',
        inputmode: 'decimal',
        autocomplete: 'off',
        spellcheck: 'false',
        value: row.value,
        'aria-label': label,
        'aria-describedby': `${rid}-mark`,
        'data-cell': row.cell,
      }));
      input.value = row.value;
      input.readOnly = this.tapToRead;
      box.append(input);
    } else {
      box.append(h('span', { class: 'ks-valtext', tabindex: '0', 'data-cell': row.cell, 'aria-describedby': `${rid}-mark` }, row.value));
    }
    box.append(h('span', { class: 'ks-print' }, row.value));
    return h('td', { class: 'ks-val' }, box,
      h('span', { class: 'ks-edited-tag' }, icon('edit'), s.edited),
      h('span', { class: 'ks-told-tag', id: `${rid}-told` }, icon('quote'), s.toldTag),
      h('span', { class: 'ks-target-tag', id: `${rid}-target` }),
      // What an edit of this figure makes of the ratios and totals computed from it, rewritten
      // by each re-check while the figure is typed (the page re-checks on every edit).
      h('span', { class: 'ks-depends-tag', id: `${rid}-depends`, 'aria-live': 'polite' }),
      h('span', { class: 'ks-suspect-tag', id: `${rid}-suspect` }));
  }

  /**
   * «→ tỷ lệ 3.1: 99,59% (khớp số ghi)»: the ratios and totals computed from an edited cell, as
   * the last check recomputed them ('' when none is).
   * @param {string} cell
   */
  dependsText(cell) {
    const index = /** @type {Index} */ (this.index);
    const s = this.s;
    return (index.using.get(cell) ?? [])
      .filter((c) => (c.kind === 'ratio' || c.kind === 'sum') && c.expected && c.cells[0] !== cell)
      .slice(0, 3)
      .map((c) => {
        const stt = sttOf(/** @type {string} */ (c.cells[0]));
        const value = /** @type {string} */ (c.expected);
        const head = c.kind === 'ratio' ? s.dependsRatio(stt, value) : s.dependsSum(stt, value);
        const unit = c.kind === 'ratio' ? '%' : '';
        return `${head} (${c.status === 'pass' ? s.dependsAgree : s.dependsPrinted(`${c.reported ?? ''}${unit}`)})`;
      })
      .join(' · ');
  }

  /**
   * @param {HTMLTableRowElement} tr
   * @param {Row} row
   */
  patchRow(tr, row) {
    const s = this.s;
    const index = /** @type {Index} */ (this.index);
    const status = index.marks.get(row.cell) ?? null;
    for (const st of ['fail', 'warn', 'pass', 'na']) tr.classList.toggle(`ks-st-${st}`, status === st);
    const isProblemContext = index.problemCells.has(row.cell);
    tr.classList.toggle('ks-context', isProblemContext);
    const told = (index.told.get(row.cell) ?? []).some(isProblem);
    tr.classList.toggle('ks-told', told);
    const short = this.shortfallText(row);
    tr.classList.toggle('ks-short', !!short);
    const targetTag = tr.querySelector('.ks-target-tag');
    if (targetTag && targetTag.textContent !== short) targetTag.textContent = short;
    const figure = tr.querySelector('.ks-input, .ks-valtext');
    const edit = this.edits[row.cell];
    figure?.setAttribute('aria-describedby', [`${tr.id}-mark`, told ? `${tr.id}-told` : '', short ? `${tr.id}-target` : '',
      edit ? `${tr.id}-depends` : '', this.suspects.has(row.cell) && !edit ? `${tr.id}-suspect` : ''].filter(Boolean).join(' '));
    tr.classList.toggle('ks-edited', !!edit);
    // The likely culprit of broken checks: its own checks may all pass, so it says so itself.
    const suspect = this.suspects.get(row.cell);
    const suspectText = suspect && !edit ? this.s.suspectTag(suspect.suggested) : '';
    tr.classList.toggle('ks-suspect', !!suspectText);
    const suspectTag = tr.querySelector('.ks-suspect-tag');
    if (suspectTag && suspectTag.textContent !== suspectText) suspectTag.textContent = suspectText;
    const depends = edit ? this.dependsText(row.cell) : '';
    tr.classList.toggle('ks-depends', !!depends);
    const dependsTag = tr.querySelector('.ks-depends-tag');
    if (dependsTag && dependsTag.textContent !== depends) dependsTag.textContent = depends;
    const mark = /** @type {HTMLElement} */ (tr.querySelector('.ks-mark'));
    if (status) {
      const text = s.status[status];
      replaceChildren(mark, icon(status), h('span', { class: status === 'fail' || status === 'warn' ? 'ks-mark-text' : 'ks-mark-text ks-visually-hidden' }, text));
    } else {
      replaceChildren(mark);
    }
    const input = /** @type {HTMLInputElement | null} */ (tr.querySelector('.ks-input'));
    if (input && input !== /** @type {Document | ShadowRoot} */ (input.getRootNode()).activeElement && input.value !== row.value) input.value = row.value;
    const valtext = tr.querySelector('.ks-valtext');
    if (valtext && valtext.textContent !== row.value) valtext.textContent = row.value;
    const print = /** @type {HTMLElement} */ (tr.querySelector('.ks-print'));
    if (print.textContent !== row.value) print.textContent = row.value;
    if (input) input.title = edit ? s.original(edit.original) : '';
  }

  /**
   * «còn thiếu 3,67 điểm % để đạt 50%»: how far a row is from the first target of the catalogue
   * it does not reach ('' when it reaches them all, or none is declared).
   * @param {Row} row
   */
  shortfallText(row) {
    const t = this.shortfalls(row).find((x) => !x.reached && x.gap);
    if (!t) return '';
    const percent = row.unit.trim() === '%';
    const gap = `${t.gap}${percent ? this.s.percentPoints : row.unit ? ` ${row.unit.toLowerCase()}` : ''}`;
    const target = `${t.target}${percent ? '%' : ''}`;
    return t.direction === 'at_most' ? this.s.targetOver(gap, target) : this.s.targetShort(gap, target);
  }

  /**
   * The catalogue's targets the core measured this row against (the complete module only).
   * @param {Row} row
   * @returns {Shortfall[]}
   */
  shortfalls(row) {
    return /** @type {any} */ (row).targets ?? [];
  }

  /**
   * Folds (phones) or unfolds every form's table.
   * @param {boolean} on
   */
  setFolded(on) {
    if (on === this.folded) return;
    this.folded = on;
    this.o.slots.forms.classList.toggle('ks-foldable', on);
    if (!on) for (const d of this.o.slots.forms.querySelectorAll('details.ks-fold')) /** @type {HTMLDetailsElement} */ (d).open = true;
  }

  /**
   * A tap reads, «Sửa» edits (phones); off, a figure is edited where it is (keyboard, mouse).
   * @param {boolean} on
   */
  setTapToRead(on) {
    this.tapToRead = on;
    for (const input of this.o.slots.forms.querySelectorAll('.ks-input')) /** @type {HTMLInputElement} */ (input).readOnly = on;
    this.renderDetail();
  }

  /**
   * Unfolds the sentences of the report's words (folded on phones).
   * @param {Element | null} section
   */
  unfoldWords(section) {
    section?.classList.add('ks-unfolded');
    section?.querySelector('.ks-fold-toggle')?.setAttribute('aria-expanded', 'true');
  }

  /**
   * Opens the folded tables that hold these cells.
   * @param {(string | null)[]} cells
   */
  unfold(cells) {
    for (const cell of cells) {
      const details = cell ? this.rowEls.get(cell)?.closest('details.ks-fold') : null;
      if (details && !(/** @type {HTMLDetailsElement} */ (details).open)) /** @type {HTMLDetailsElement} */ (details).open = true;
    }
  }

  /**
   * «Sửa»: the figure becomes editable and takes the focus (the keyboard opens under it); it
   * reads again once the focus leaves it.
   * @param {string} cell
   */
  startEdit(cell) {
    const input = /** @type {HTMLInputElement | null | undefined} */ (this.rowEls.get(cell)?.querySelector('.ks-input'));
    if (!input) return;
    this.unfold([cell]);
    // Editable before anything focuses it (the host may put the focus back on it as its sheet
    // closes): a phone opens its keyboard only for a field that takes text when focused.
    input.readOnly = false;
    this.o.onEditStart?.(cell);
    input.scrollIntoView({ block: 'center' });
    input.focus({ preventScroll: true });
    input.select();
  }

  patchForms() {
    const index = /** @type {Index} */ (this.index);
    index.result.forms.forEach((form, fi) => {
      for (const [i, tr] of this.built[fi] ?? []) this.patchRow(tr, form.table[i]);
      const section = this.sections[fi];
      if (section) {
        const meta = section.querySelector('.ks-form-meta');
        if (meta) meta.textContent = this.formCounts(form);
        section.classList.toggle('ks-clean', !index.problemForms.has(form.form));
        for (const gap of section.querySelectorAll('tr.ks-gap')) this.markGap(fi, /** @type {HTMLTableRowElement} */ (gap));
      }
    });
    this.appendTail();
  }

  /**
   * "Only problems": the rows of problems are built with their form, so this is a filter (and a
   * form's unbuilt problem rows stay one "Hiện thêm" away).
   * @param {boolean} on
   */
  setOnlyProblems(on) {
    this.onlyProblems = on;
    this.o.slots.forms.classList.toggle('ks-only-problems', on);
  }

  // ——— selection and details ———

  bindTables() {
    const forms = this.o.slots.forms;
    forms.addEventListener('focusin', (e) => {
      const el = /** @type {HTMLElement} */ (e.target);
      const cell = el.closest?.('[data-cell]')?.getAttribute('data-cell');
      // The cell a finding or a link just selected keeps that selection when it takes the focus.
      if (cell && cell !== this.selected && (el.classList.contains('ks-input') || el.classList.contains('ks-valtext'))) this.select(cell);
    });
    forms.addEventListener('click', (e) => {
      const el = /** @type {HTMLElement} */ (e.target);
      if (el.closest('button, a, input')) return;
      const tr = el.closest('tr[data-cell], td[data-cell]');
      if (!tr) return;
      const cell = /** @type {string} */ (tr.getAttribute('data-cell'));
      // A click on the figure's cell puts the caret in it; elsewhere on the row only selects.
      this.select(cell, { focus: !!el.closest('.ks-val') });
    });
    forms.addEventListener('focusout', (e) => {
      const el = /** @type {HTMLElement} */ (e.target);
      if (this.tapToRead && el instanceof HTMLInputElement && el.classList.contains('ks-input')) el.readOnly = true;
    });
    forms.addEventListener('input', (e) => {
      const el = /** @type {HTMLInputElement} */ (e.target);
      if (!el.classList.contains('ks-input')) return;
      const cell = el.getAttribute('data-cell');
      if (cell) this.o.onEdit?.(cell, el.value);
    });
    forms.addEventListener('keydown', (e) => {
      const el = /** @type {HTMLInputElement} */ (e.target);
      if (!el.classList.contains('ks-input')) return;
      const inputs = /** @type {HTMLInputElement[]} */ ([...forms.querySelectorAll('.ks-input')])
        .filter((i) => i.offsetParent !== null);
      const at = inputs.indexOf(el);
      if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) {
        e.preventDefault();
        inputs[at + 1]?.focus();
      } else if (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey)) {
        e.preventDefault();
        inputs[at - 1]?.focus();
      } else if (e.key === 'Escape') {
        const cell = el.getAttribute('data-cell');
        const edit = cell ? this.edits[cell] : undefined;
        if (cell && edit) {
          e.preventDefault();
          el.value = edit.original;
          this.o.onEdit?.(cell, edit.original);
        }
      }
    });
  }

  /**
   * Selects a cell: highlights it and the cells of its checks, and shows its details.
   * @param {string} cell
   * @param {{ focus?: boolean, scroll?: boolean }} [how]
   */
  select(cell, how = {}) {
    if (!this.index?.rows.has(cell)) return;
    this.showCells([cell, ...[...relatedCells(this.index, cell)].slice(0, this.o.rowLimit ?? 2000)]);
    this.selected = cell;
    this.finding = null;
    this.unfold([cell]);
    this.applySelection();
    this.renderDetail();
    this.o.onSelect?.(cell);
    const tr = this.rowEls.get(cell);
    // On a phone the sheet covers the lower part of the screen: the row goes to the top.
    if (tr && how.scroll) tr.scrollIntoView({ block: this.tapToRead ? 'start' : 'center' });
    if (tr && how.focus) {
      const target = /** @type {HTMLElement | null} */ (tr.querySelector('.ks-input, .ks-valtext'));
      target?.focus({ preventScroll: !!how.scroll });
    }
  }

  applySelection() {
    for (const tr of this.o.slots.forms.querySelectorAll('.ks-selected, .ks-related')) {
      tr.classList.remove('ks-selected', 'ks-related');
    }
    for (const el of this.o.slots.forms.querySelectorAll('.ks-finding-current')) {
      el.classList.remove('ks-finding-current');
      el.querySelector('.ks-finding-pick')?.removeAttribute('aria-current');
    }
    if (!this.index) return;
    const finding = this.finding ? this.findingById(this.finding) : undefined;
    if (finding) {
      // A sentence selected: the cells it was compared with, the first one as the selected cell.
      for (const cell of finding.cells) this.rowEls.get(cell)?.classList.add(cell === this.selected ? 'ks-selected' : 'ks-related');
      for (const li of this.o.slots.forms.querySelectorAll(`.ks-finding[data-check="${CSS.escape(finding.id)}"]`)) {
        li.classList.add('ks-finding-current');
        li.querySelector('.ks-finding-pick')?.setAttribute('aria-current', 'true');
      }
      return;
    }
    if (!this.selected) return;
    this.rowEls.get(this.selected)?.classList.add('ks-selected');
    for (const cell of relatedCells(this.index, this.selected)) this.rowEls.get(cell)?.classList.add('ks-related');
  }

  renderDetail() {
    const s = this.s;
    const slot = this.o.slots.detail;
    const heading = h(this.hx(1), { class: 'ks-detail-h', id: `${this.prefix}detail` }, s.detailTitle);
    const index = this.index;
    const hit = this.selected && index ? index.rows.get(this.selected) : undefined;
    if (!index || !hit || !this.selected) {
      replaceChildren(slot, heading, h('p', { class: 'ks-detail-empty' }, s.detailEmpty));
      return;
    }
    // The full details are drawn by render-more.mjs, fetched with the first results (`update`);
    // until it has come, the panel waits with its heading.
    if (moreModule) {
      moreModule.renderDetail(this, heading);
      return;
    }
    heading.textContent = `${s.detailTitle} ${this.selected}`;
    replaceChildren(slot, heading);
    const cell = this.selected;
    loadMore().then(() => {
      if (this.selected === cell && this.index === index) this.renderDetail();
    }, () => {});
  }

  /**
   * "Chọn dòng 37 trong nội dung nhập", when the input is text.
   * @param {Check} c
   */
  lineLink(c) {
    const line = c.line;
    return typeof line === 'number' && this.canShowLine()
      ? h('button', { type: 'button', class: 'ks-link', onclick: () => this.o.onLine?.(line) }, this.s.showLine(placeOf(c, this.lineWord())))
      : null;
  }

  /**
   * The figures of a check, those it has.
   * @param {[string, string | null | undefined][]} pairs
   */
  numbers(pairs) {
    return h('dl', { class: 'ks-numbers' }, pairs
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => h('div', { class: 'ks-number' }, h('dt', null, k), h('dd', null, /** @type {string} */ (v)))));
  }

  // ——— the report's words ———

  /** @param {string} id */
  findingById(id) {
    return this.index?.narrative.find((c) => c.id === id);
  }





  /**
   * "Các ô liên quan: 3.1.1, 3.1.2", each a link to its cell (a total of thousands of rows lists
   * them a chunk at a time).
   * @param {string[]} cells
   */
  relatedList(cells) {
    const index = /** @type {Index} */ (this.index);
    const p = h('p', { class: 'ks-related-list' }, `${this.s.related}: `);
    const { more } = this.chunked(p, cells.map((x, i) => /** @type {const} */ ([x, i])), ([x, i]) => {
      const hit = index.rows.get(x);
      return h('span', null, i ? ', ' : '', hit
        ? h('button', { type: 'button', class: 'ks-link', title: hit.row.indicator, onclick: () => this.select(x, { focus: true, scroll: true }) }, sttOf(x))
        : x);
    });
    if (more) p.append(' ', more);
    return p;
  }

  /**
   * One check, with its numbers.
   * @param {Check} c
   * @param {string | null} self the selected cell (left out of "related")
   */
  checkItem(c, self) {
    const s = this.s;
    const index = /** @type {Index} */ (this.index);
    const related = c.cells.filter((x) => x !== self);
    return h('li', { class: `ks-check ks-st-${c.status}`, 'data-check': c.id },
      h('p', { class: 'ks-check-head' }, icon(c.status), h('strong', null, s.status[c.status]), ` · ${s.kind[c.kind] ?? c.kind}`),
      h('p', { class: 'ks-check-msg', ...CONTENT }, c.message),
      c.quote ? h('blockquote', { class: 'ks-quote', ...CONTENT }, h('span', { class: 'ks-visually-hidden' }, `${s.quote}: `), c.quote) : null,
      this.numbers([[s.formula, c.formula], [s.reported, c.reported], [s.expected, c.expected], [s.imbalance, c.imbalance]]),
      related.length ? this.relatedList(related) : null,
      typeof c.line === 'number' && !self && this.o.onLine
        ? h('p', null, h('button', { type: 'button', class: 'ks-link', onclick: () => this.o.onLine?.(/** @type {number} */ (c.line)) }, s.lineRef(c.line)))
        : null,
      c.inferred ? h('p', { class: 'ks-inferred' }, icon('info'), s.inferred) : null,
    );
  }
}
