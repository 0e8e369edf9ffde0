// The projector view (issue 18): the results for a room, one thing at a time — the verdict, then
// each problem, then each form's tally — in large type, light on black, with nothing else on the
// screen. ← → (also Space, PageUp/PageDown, Home/End) move; Esc leaves. Opened by the «Trình
// chiếu» button of the results or the address #trinh-chieu (lib/page.mjs).

import { h, icon, replaceChildren } from './dom.mjs';
import { useStyles } from './styles.mjs';
import { indexResult, isNarrative } from './model.mjs';
import { shortMessage, placeOf } from './narrative.mjs';
import { verdictOf } from './render.mjs';

// Its styles come with it (lib/meeting.css), not with the first load.
await useStyles(new URL('./meeting.css', import.meta.url));

/**
 * @typedef {import('./model.mjs').Result} Result
 * @typedef {import('./model.mjs').Check} Check
 * @typedef {import('./model.mjs').Index} Index
 * @typedef {import('./i18n.mjs').Strings} Strings
 */

/** Problems listed on a form's slide (the rest have slides of their own). */
const FORM_PROBLEMS = 5;

export class Projector {
  /**
   * @param {Strings} strings
   * @param {{ onClose?: () => void }} [hooks]
   */
  constructor(strings, hooks = {}) {
    this.s = strings;
    this.hooks = hooks;
    /** @type {HTMLElement | null} */
    this.el = null;
    /** @type {(() => import('./dom.mjs').Child[])[]} */
    this.slides = [];
    this.at = 0;
    this.onKey = (/** @type {KeyboardEvent} */ e) => this.key(e);
  }

  isOpen() {
    return !!this.el;
  }

  /**
   * Shows a result, from its first slide (or the slide at `start`).
   * @param {Result} result
   * @param {number} [start]
   */
  open(result, start = 0) {
    const s = this.s;
    const index = indexResult(result);
    this.slides = [
      () => this.summarySlide(index),
      ...index.problems.map((c, i) => () => this.problemSlide(index, c, i)),
      ...result.forms.map((_, fi) => () => this.formSlide(index, fi)),
    ];
    if (!this.el) {
      this.stage = h('div', { class: 'projector-stage', 'aria-live': 'polite' });
      this.counter = h('p', { class: 'projector-count' });
      this.el = h('div', { class: 'projector', role: 'dialog', 'aria-modal': 'true', 'aria-label': s.projectorTitle, tabindex: '-1' },
        this.stage,
        h('div', { class: 'projector-nav' },
          h('button', { type: 'button', class: 'projector-button', onclick: () => this.go(this.at - 1) }, '← ', s.projectorPrev),
          this.counter,
          h('button', { type: 'button', class: 'projector-button', onclick: () => this.go(this.at + 1) }, s.projectorNext, ' →'),
          h('button', { type: 'button', class: 'projector-button projector-exit', onclick: () => this.close() }, s.projectorExit, ' (Esc)')),
        h('p', { class: 'projector-help' }, s.projectorHelp));
      document.body.append(this.el);
      document.body.classList.add('projecting');
      document.addEventListener('keydown', this.onKey);
    }
    this.go(start);
    this.el.focus();
  }

  close() {
    if (!this.el) return;
    document.removeEventListener('keydown', this.onKey);
    this.el.remove();
    this.el = null;
    document.body.classList.remove('projecting');
    this.hooks.onClose?.();
  }

  /** @param {number} i */
  go(i) {
    if (!this.stage || !this.counter) return;
    this.at = Math.max(0, Math.min(this.slides.length - 1, i));
    replaceChildren(this.stage, this.slides[this.at]());
    this.counter.textContent = this.s.projectorOf(this.at + 1, this.slides.length);
  }

  /** @param {KeyboardEvent} e */
  key(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const moves = /** @type {Record<string, number>} */ ({
      ArrowRight: this.at + 1, ArrowDown: this.at + 1, PageDown: this.at + 1, ' ': this.at + 1,
      ArrowLeft: this.at - 1, ArrowUp: this.at - 1, PageUp: this.at - 1,
      Home: 0, End: this.slides.length - 1,
    });
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    } else if (e.key in moves && !(e.key === ' ' && /** @type {Element} */ (e.target).closest?.('button'))) {
      e.preventDefault();
      this.go(moves[e.key]);
    }
  }

  /** @param {Index} index */
  summarySlide(index) {
    const s = this.s;
    const { summary, forms } = index.result;
    const verdict = verdictOf(index, s);
    return [
      h('h2', { class: 'projector-h' }, s.resultsTitle),
      h('p', { class: `projector-verdict pj-${verdict.status}` }, icon(verdict.status), h('span', null, verdict.text)),
      h('ul', { class: 'projector-counts' }, /** @type {const} */ (['fail', 'warn', 'pass', 'na']).map((st) =>
        h('li', { class: `pj-${st}` }, h('strong', null, String(summary[st])), h('span', null, s.countWord[st])))),
      h('p', { class: 'projector-meta' }, s.meta(forms.length, index.result.checks.length),
        index.problems.length ? '' : ` · ${s.projectorNone}`),
    ];
  }

  /**
   * @param {Index} index
   * @param {Check} c
   * @param {number} i
   */
  problemSlide(index, c, i) {
    const s = this.s;
    const hit = c.cells[0] ? index.rows.get(c.cells[0]) : undefined;
    const narrative = isNarrative(c);
    const where = narrative
      ? `${s.inText}${placeOf(c, s.lineWord) ? `, ${placeOf(c, s.lineWord)}` : ''}`
      : hit ? `${s.formName(hit.form.form)} · ${s.columns[0]} ${hit.row.stt}` : typeof c.line === 'number' ? s.lineRef(c.line) : '';
    const figures = narrative
      ? [[s.textSays, c.reported], [s.tableSays, c.expected], [s.formula, c.formula]]
      : [[s.formula, c.formula], [s.reported, c.reported], [s.expected, c.expected], [s.imbalance, c.imbalance]];
    return [
      h('p', { class: 'projector-kicker' }, s.projectorProblem(i + 1, index.problems.length)),
      h('p', { class: `projector-status pj-${c.status}` }, icon(c.status), h('span', null, s.status[c.status]), where ? h('span', { class: 'projector-where' }, ` · ${where}`) : null),
      h('h2', { class: 'projector-h' }, hit && !narrative ? hit.row.indicator : s.kind[c.kind] ?? c.kind),
      c.quote ? h('blockquote', { class: 'projector-quote' }, `«${c.quote}»`) : null,
      h('p', { class: 'projector-msg' }, narrative ? shortMessage(c) : c.message),
      h('dl', { class: 'projector-numbers' }, figures.filter(([, v]) => v).map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, /** @type {string} */ (v))))),
    ];
  }

  /**
   * @param {Index} index
   * @param {number} fi
   */
  formSlide(index, fi) {
    const s = this.s;
    const form = index.result.forms[fi];
    const counts = { fail: 0, warn: 0, pass: 0, na: 0 };
    for (const row of form.table) for (const c of index.about.get(row.cell) ?? []) counts[c.status]++;
    const problems = index.problems.filter((c) => !isNarrative(c) && form.table.some((r) => r.cell === c.cells[0]));
    return [
      h('p', { class: 'projector-kicker' }, s.formName(form.form)),
      h('h2', { class: 'projector-h' }, form.title || s.formName(form.form)),
      h('ul', { class: 'projector-counts' }, /** @type {const} */ (['fail', 'warn', 'pass', 'na']).map((st) =>
        h('li', { class: `pj-${st}` }, h('strong', null, String(counts[st])), h('span', null, s.countWord[st])))),
      problems.length
        ? h('ul', { class: 'projector-list' }, problems.slice(0, FORM_PROBLEMS).map((c) => {
            const row = index.rows.get(c.cells[0])?.row;
            return h('li', { class: `pj-${c.status}` }, icon(c.status), h('span', null, `${s.status[c.status]} · ${s.columns[0]} ${row?.stt ?? ''} — ${row?.indicator ?? ''}`));
          }), problems.length > FORM_PROBLEMS ? h('li', null, s.projectorMore(problems.length - FORM_PROBLEMS)) : null)
        : h('p', { class: 'projector-msg pj-pass' }, icon('pass'), ` ${s.formClean}`),
    ];
  }
}
