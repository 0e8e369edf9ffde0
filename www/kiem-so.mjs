// <kiem-so>: Kiểm số as one element for a portal page.
//
//   <script type="module" src="/kiemso/kiem-so.mjs"></script>
//   <kiem-so lang="vi" catalogue="/kiemso/quy-tac-2025.json"></kiem-so>
//
// Input: typing, paste (Word/Excel HTML is converted to text), the «Mở tệp…» button, or a file
// dropped on the element (.docx, .xlsx, .csv, .txt, .tsv).
// Attributes, each reflected by a property: `lang` ("vi", default, or "en" for the element's own
// labels; the explanations of the checks are Vietnamese), `catalogue` (URL of a replacement
// catalogue JSON, same origin, no redirect; if it cannot be used, nothing is checked until another
// is named), `only-problems` / `onlyProblems` (show only the rows with a problem).
// Properties: `value` (the text to check), `file` (the file being checked: { name, size } or
// null), `result` (the last result, frozen); `run()`, `checkFile(file)`.
// Events (bubbling, composed; docs/embedding.md): `kiemso-check` before each check, cancelable
// (preventDefault(): not checked), detail = { text, file, overrides }; `kiemso-result` after,
// cancelable (preventDefault(): the element does not show it, the portal does), detail = the
// result object (frozen; `isKiemSoResult(detail)` tells it from a forged event); `kiemso-error`
// with `detail` = { message, kind }. Types: kiem-so.d.ts.
//
// Its content lives in a Shadow DOM with its own styles, so the host's CSS cannot break it and its
// CSS cannot leak out; `kiem-so.mjs?shadow=closed` makes that root closed. Whatever the mode, the
// portal's scripts can read the input and the results: docs/embedding-security.md says what
// is and is not protected. Pasted HTML is converted to text in an inert document, never inserted.

import { sharedBridge, onCheckerEvent } from './kiemso-api.mjs';
import { ResultsView } from './lib/render.mjs';
import { stringsFor, useStrings } from './lib/i18n.mjs';
import { en } from './lib/i18n-en.mjs';
import { textFromTransfer } from './lib/clipboard.mjs';
import { h, debounce, selectLine } from './lib/dom.mjs';
import { coverage } from './lib/print.mjs';
import { wordNotices } from './lib/engine.mjs';
import { routeOf, formatSize, MAX_FILE_BYTES } from './lib/files.mjs';

// An element answers its own `lang` at once, whichever it is: English is given here.
useStrings('en', en);

const here = import.meta.url;
let counter = 0;

/**
 * The shadow root's mode, chosen by the page once for all its elements through the module's
 * address: `kiem-so.mjs?shadow=closed` for a closed root (an attribute cannot do it: a custom
 * element created by the parser has no attributes yet when its constructor runs).
 */
const SHADOW_MODE = new URL(here).searchParams.get('shadow') === 'closed' ? 'closed' : 'open';

/**
 * Every result an element of this module has fired, frozen. Bound now, so that a script that
 * patches WeakSet later cannot make a forged result pass.
 */
const issued = new WeakSet();
const wasIssued = WeakSet.prototype.has.bind(issued);
const remember = WeakSet.prototype.add.bind(issued);

/**
 * Whether `value` is a result a <kiem-so> element of this module fired (a `kiemso-result`
 * event's `detail`, or an element's `result`), as it fired it: results are frozen, so a genuine
 * one cannot be altered either. Any script of the page can dispatch an event named
 * `kiemso-result`; its `detail` does not pass this test. (What this does not protect against:
 * docs/embedding-security.md.)
 * @param {unknown} value
 * @returns {boolean}
 */
export function isKiemSoResult(value) {
  return typeof value === 'object' && value !== null && wasIssued(value);
}

/**
 * Freezes an object and everything in it (a result: plain objects, arrays, strings, numbers).
 * @template T
 * @param {T} value
 * @returns {T}
 */
function deepFreeze(value) {
  /** @type {unknown[]} */
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const child of Object.values(v)) stack.push(child);
  }
  return value;
}

export class KiemSoElement extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'catalogue', 'only-problems'];
  }

  // Everything inside is private (# fields): with a closed shadow root, the element's DOM is
  // not reachable through the element either. What it offers is its public API: `value`,
  // `result`, `run()` and its events (see docs/embedding-security.md).
  /** @type {ShadowRoot} */
  #root;
  #uid = `kiemso-${++counter}`;
  /** @type {string | undefined} */
  #catalogueText = undefined;
  /** @type {Promise<void> | null} */
  #catalogueLoading = null;
  /** @type {AbortController | null} the load of the newest `catalogue` asked for */
  #catalogueAbort = null;
  /** @type {string | null} why the catalogue asked for is not there (and nothing is checked) */
  #catalogueProblem = null;
  /** @type {any} */
  #lastResult = null;
  /** @type {Record<string, { value: string, original: string }>} */
  #edits = {};
  /** @type {{ name: string, bytes: Uint8Array } | null} the file being checked, instead of the text */
  #file = null;
  /** @type {HTMLElement} */
  #fileNote;
  /** @type {HTMLElement} */
  #openLabel;
  /** @type {HTMLElement} */
  #coverage;
  /** @type {HTMLElement} */
  #dropNote;
  #seq = 0;
  #scheduled = debounce(() => this.run(), 300);
  /** @type {HTMLTextAreaElement} */
  #textarea;
  /** @type {HTMLElement} */
  #labelEl;
  /** @type {HTMLElement} */
  #status;
  /** @type {HTMLElement} */
  #error;
  /** @type {HTMLElement} */
  #privacy;
  /** @type {HTMLElement} */
  #results;
  /** @type {HTMLElement} */
  #wrapper;
  /** @type {{ summary: HTMLElement, forms: HTMLElement, detail: HTMLElement }} */
  #slots;
  /** @type {ResultsView} */
  #view;
  /** @type {(() => void) | undefined} */
  #stopListening;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: SHADOW_MODE });
    this.#build();
  }

  get ui() {
    return stringsFor(this.getAttribute('lang')).element;
  }

  #build() {
    const ui = this.ui;
    const css = (/** @type {string} */ file) => h('link', { rel: 'stylesheet', href: new URL(file, here).href });
    this.#textarea = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: `${this.#uid}-input`, rows: '6', spellcheck: 'false', placeholder: ui.placeholder }));
    this.#labelEl = h('label', { for: `${this.#uid}-input`, class: 'ks-el-label' }, ui.label);
    this.#status = h('p', { class: 'ks-el-status', role: 'status' });
    this.#error = h('p', { class: 'ks-el-error', role: 'alert', hidden: true });
    this.#privacy = h('p', { class: 'ks-el-privacy' }, ui.privacy);
    const picker = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: `${this.#uid}-file`, class: 'ks-el-file', accept: '.docx,.xlsx,.csv,.txt,.tsv' }));
    this.#openLabel = h('label', { for: `${this.#uid}-file`, class: 'ks-el-open' }, ui.open);
    this.#fileNote = h('p', { class: 'ks-el-filenote', hidden: true });
    this.#coverage = h('p', { class: 'ks-el-coverage', role: 'note', hidden: true });
    this.#dropNote = h('p', { class: 'ks-el-drop', hidden: true, 'aria-hidden': 'true' }, ui.drop);
    const summary = h('div', { class: 'ks-summary ks-el-panel' });
    const forms = h('div', { class: 'ks-forms' });
    const detail = h('aside', { class: 'ks-detail ks-el-panel', 'aria-live': 'polite' });
    this.#results = h('div', { class: 'ks-el-results', hidden: true }, this.#coverage, summary, h('div', { class: 'ks-el-body' }, forms, detail));
    this.#wrapper = h('div', { class: 'ks-root ks-element', lang: this.getAttribute('lang') || 'vi' },
      h('div', { class: 'ks-el-input ks-el-panel' }, this.#labelEl, this.#error, this.#textarea,
        h('div', { class: 'ks-el-actions' }, picker, this.#openLabel), this.#fileNote, this.#status, this.#privacy),
      this.#results, this.#dropNote);
    this.#slots = { summary, forms, detail };
    this.#view = this.#makeView();
    this.#root.replaceChildren(css('lib/results.css'), css('kiem-so.css'), this.#wrapper);

    this.#textarea.addEventListener('input', () => {
      this.#edits = {};
      this.#setFile(null);
      this.#scheduled();
    });
    picker.addEventListener('change', () => {
      const file = picker.files?.[0];
      picker.value = '';
      if (file) this.checkFile(file);
    });
    // A file dropped anywhere on the element is checked; the note says where to drop it.
    this.#root.addEventListener('dragover', (event) => {
      const e = /** @type {DragEvent} */ (event);
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      this.#dropNote.hidden = false;
    });
    this.#root.addEventListener('dragleave', (event) => {
      if (!this.#wrapper.contains(/** @type {Node | null} */ (/** @type {DragEvent} */ (event).relatedTarget))) this.#dropNote.hidden = true;
    });
    this.#root.addEventListener('drop', (event) => {
      const e = /** @type {DragEvent} */ (event);
      this.#dropNote.hidden = true;
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      this.checkFile(file);
    });
    this.#root.addEventListener('paste', (event) => this.#onPaste(/** @type {ClipboardEvent} */ (event)));
  }

  /**
   * What to say of a check that could not be made: the core's own words for input it refuses,
   * the element's words for a fault of the checker.
   * @param {{ kind: string, message: string }} error
   */
  #failureText(error) {
    const s = stringsFor(this.getAttribute('lang'));
    if (error.kind === 'crash') return s.crashed;
    if (error.kind === 'timeout') return s.timedOut;
    if (error.kind === 'unavailable') return s.failure[/** @type {import('./lib/bridge.mjs').FailureCode} */ (error.message)] ?? s.failure.load;
    return error.message;
  }

  #makeView() {
    return new ResultsView({
      strings: stringsFor(this.getAttribute('lang')),
      slots: this.#slots,
      editable: true,
      headingLevel: 3,
      // The report's words briefly: their problems among the others, one line for the rest.
      narrative: 'brief',
      onLine: (line) => selectLine(/** @type {HTMLTextAreaElement} */ (this.#textarea), line),
      onQuote: (line) => selectLine(/** @type {HTMLTextAreaElement} */ (this.#textarea), line, { focus: false }),
      onEdit: (cell, value) => {
        const row = this.#lastResult?.forms.flatMap((/** @type {any} */ f) => f.table).find((/** @type {any} */ r) => r.cell === cell);
        const original = this.#edits[cell]?.original ?? row?.value ?? '';
        if (value.trim() === original.trim()) delete this.#edits[cell];
        else this.#edits[cell] = { value, original };
        this.#scheduled();
      },
    });
  }

  connectedCallback() {
    sharedBridge();
    this.#stopListening = onCheckerEvent((e) => {
      if (e.type === 'restarted') this.#status.textContent = this.ui.restarted;
    });
  }

  disconnectedCallback() {
    this.#stopListening?.();
    this.#scheduled.cancel();
  }

  /**
   * @param {string} name
   * @param {string | null} old
   * @param {string | null} value
   */
  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'lang') {
      const ui = this.ui;
      this.#wrapper.setAttribute('lang', value || 'vi');
      this.#labelEl.textContent = ui.label;
      this.#textarea.placeholder = ui.placeholder;
      this.#privacy.textContent = ui.privacy;
      this.#openLabel.textContent = ui.open;
      this.#dropNote.textContent = ui.drop;
      this.#showFileNote();
      this.#view = this.#makeView();
      if (this.#lastResult) this.#view.update(this.#lastResult, this.#edits);
    } else if (name === 'catalogue') {
      const loading = this.#loadCatalogue(value);
      this.#catalogueLoading = loading;
      // Only the newest catalogue asked for is used: an older load still arriving changes nothing.
      loading.then(() => {
        if (loading === this.#catalogueLoading && (this.value.trim() || this.#file)) this.run();
      });
    } else if (name === 'only-problems') {
      this.#view.setOnlyProblems(value !== null);
    }
  }

  /** The `catalogue` attribute: the address of the rules used instead of the built-in ones. */
  get catalogue() {
    return this.getAttribute('catalogue');
  }

  set catalogue(url) {
    if (url === null || url === undefined || url === '') this.removeAttribute('catalogue');
    else this.setAttribute('catalogue', String(url));
  }

  /** The `only-problems` attribute: only the rows with a problem (and those they are computed from). */
  get onlyProblems() {
    return this.hasAttribute('only-problems');
  }

  set onlyProblems(on) {
    this.toggleAttribute('only-problems', !!on);
  }

  /** The file being checked instead of the text, or null. */
  get file() {
    return this.#file ? { name: this.#file.name, size: this.#file.bytes.length } : null;
  }

  /**
   * Checks a file (.docx, .xlsx, .csv; a .txt or .tsv goes into the text box), as the «Mở tệp…»
   * button and a drop do.
   * @param {Blob & { name?: string }} file
   */
  async checkFile(file) {
    const ui = this.ui;
    const name = file.name ?? 'tep';
    if (file.size > MAX_FILE_BYTES) {
      this.#showError(ui.tooBig(name, formatSize(file.size), formatSize(MAX_FILE_BYTES)), 'input');
      return;
    }
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      this.#showError(ui.unreadable(name), 'input');
      return;
    }
    this.#edits = {};
    if (routeOf(name) === 'text') {
      const answer = await sharedBridge().request({ op: 'open', bytes, name });
      if (!answer.stale && answer.ok && answer.result) {
        this.#setFile(null);
        this.#textarea.value = answer.result.text;
        this.run();
        return;
      }
    }
    this.#setFile({ name, bytes });
    this.run();
  }

  /** @param {{ name: string, bytes: Uint8Array } | null} file */
  #setFile(file) {
    this.#file = file;
    if (file) this.#textarea.value = '';
    this.#showFileNote();
  }

  #showFileNote() {
    this.#fileNote.hidden = !this.#file;
    this.#fileNote.textContent = this.#file ? this.ui.checkingFile(this.#file.name, formatSize(this.#file.bytes.length)) : '';
  }

  /**
   * Loads the catalogue at `url` (same origin only, no redirect), cancelling the load of any
   * catalogue asked for before. A failure is kept: checking then waits for a usable catalogue
   * rather than falling back, unseen, to the built-in one.
   * @param {string | null} url
   */
  async #loadCatalogue(url) {
    this.#catalogueAbort?.abort();
    this.#catalogueAbort = null;
    this.#catalogueText = undefined;
    this.#catalogueProblem = null;
    if (!url) return;
    const ui = this.ui;
    const target = new URL(url, document.baseURI);
    if (target.origin !== location.origin) {
      this.#catalogueFailed(ui.badCatalogue);
      return;
    }
    const controller = new AbortController();
    this.#catalogueAbort = controller;
    try {
      // A redirect could lead to another origin: refused, not followed (`redirect: 'error'`); the
      // final address is checked too, in case something between answers for another origin.
      const response = await fetch(target, { credentials: 'same-origin', redirect: 'error', signal: controller.signal });
      if (response.redirected || (response.url && new URL(response.url).origin !== location.origin)) throw new Error(ui.catalogueMoved);
      if (!response.ok) throw new Error(ui.catalogueHttp(response.status));
      const text = await response.text();
      if (controller.signal.aborted) return;
      this.#catalogueText = text;
    } catch (e) {
      if (controller.signal.aborted) return; // a newer catalogue was asked for: not an error
      const reason = e instanceof TypeError ? ui.catalogueNetwork : e instanceof Error ? e.message : String(e);
      this.#catalogueFailed(`${ui.catalogueFailed} (${target.pathname}): ${reason}.`);
    }
  }

  /**
   * The catalogue asked for cannot be used: said now, and again (without a second event) by
   * each check until another catalogue is asked for.
   * @param {string} message
   */
  #catalogueFailed(message) {
    this.#catalogueProblem = `${message} ${this.ui.notChecked}`;
    this.#results.hidden = true;
    this.#lastResult = null;
    this.#showError(this.#catalogueProblem, 'catalogue');
  }

  /** The text being checked. */
  get value() {
    return this.#textarea.value;
  }

  set value(text) {
    this.#textarea.value = String(text ?? '');
    this.#edits = {};
    this.#setFile(null);
    this.run();
  }

  /** The last result object, or null. */
  get result() {
    return this.#lastResult;
  }

  /** @param {ClipboardEvent} event */
  #onPaste(event) {
    const data = event.clipboardData;
    const target = /** @type {HTMLElement} */ (event.composedPath()[0]);
    if (!data || (target instanceof HTMLInputElement && target.classList.contains('ks-input'))) return;
    const pasted = textFromTransfer(data);
    if (!pasted) return;
    if (target === this.#textarea && pasted.from !== 'html') return;
    event.preventDefault();
    if (target === this.#textarea) {
      this.#textarea.setRangeText(pasted.text, this.#textarea.selectionStart, this.#textarea.selectionEnd, 'end');
    } else {
      this.#textarea.value = pasted.text;
    }
    this.#edits = {};
    this.#setFile(null);
    this.run();
  }

  /**
   * @param {string} message
   * @param {string} kind
   * @param {{ quiet?: boolean }} [how]  `quiet`: shown, with no event (already announced)
   */
  #showError(message, kind, { quiet = false } = {}) {
    this.#error.hidden = false;
    this.#error.textContent = message;
    if (!quiet) this.dispatchEvent(new CustomEvent('kiemso-error', { bubbles: true, composed: true, detail: { message, kind } }));
  }

  /** Checks the current text now. */
  async run() {
    this.#scheduled.cancel();
    const text = this.#textarea.value;
    const file = this.#file;
    const seq = ++this.#seq;
    if (!text.trim() && !file) {
      this.#results.hidden = true;
      this.#status.textContent = '';
      this.#error.hidden = true;
      this.#lastResult = null;
      return;
    }
    if (this.#catalogueLoading) await this.#catalogueLoading;
    if (seq !== this.#seq) return;
    if (this.#catalogueProblem) {
      // The page names its own rules: results under other rules would look the same and differ.
      this.#status.textContent = '';
      this.#results.hidden = true;
      this.#lastResult = null;
      this.#showError(this.#catalogueProblem, 'catalogue', { quiet: true });
      return;
    }
    /** @type {import('./lib/engine.mjs').CheckOptions} */
    const options = { overrides: Object.fromEntries(Object.entries(this.#edits).map(([c, e]) => [c, e.value])) };
    // The portal may decline this check (its own rules of use, a quota…): nothing is checked.
    const go = this.dispatchEvent(new CustomEvent('kiemso-check', {
      bubbles: true, composed: true, cancelable: true,
      detail: Object.freeze({ text: file ? '' : text, file: file ? Object.freeze({ name: file.name, size: file.bytes.length }) : null, overrides: Object.freeze({ ...options.overrides }) }),
    }));
    if (!go) {
      this.#status.textContent = '';
      return;
    }
    this.#status.textContent = this.ui.checking;
    if (this.#catalogueText !== undefined) options.catalogue = this.#catalogueText;
    const answer = await sharedBridge().request(file ? { op: 'file', bytes: file.bytes, name: file.name, options } : { op: 'text', text, options });
    if (seq !== this.#seq || answer.stale) return; // a newer check was asked for: only the newest is shown
    if (!answer.ok) {
      this.#status.textContent = '';
      this.#showError(this.#failureText(answer.error), answer.error.kind);
      return;
    }
    const result = deepFreeze(wordNotices(answer.result, stringsFor(this.getAttribute('lang'))));
    remember(result);
    this.#lastResult = result;
    this.#error.hidden = true;
    this.#status.textContent = this.ui.done(result.summary.fail, result.summary.warn);
    // The portal may show the result its own way: then the element does not.
    const shown = this.dispatchEvent(new CustomEvent('kiemso-result', { bubbles: true, composed: true, cancelable: true, detail: result }));
    this.#results.hidden = !shown;
    if (!shown) return;
    // What was left unchecked (the narrative while its module downloads, or offline), with the results.
    const { unchecked } = coverage(result, stringsFor(this.getAttribute('lang')));
    this.#coverage.hidden = !unchecked;
    this.#coverage.textContent = unchecked;
    this.#view.update(result, this.#edits);
  }
}

if (!customElements.get('kiem-so')) customElements.define('kiem-so', KiemSoElement);
