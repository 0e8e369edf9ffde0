// The page: input (paste anywhere, text box, files, example), live results, what-if edits,
// exports, and keeping the input on this device. The checking itself runs behind a CheckerBridge.

import { h, icon, replaceChildren, debounce, selectLine } from './dom.mjs';
import { textFromTransfer } from './clipboard.mjs';
import { loadStrings, STRINGS } from './i18n.mjs';
import { ResultsView, CONTENT } from './render.mjs';
import { wordNotices } from './engine.mjs';
// Loaded when first used, not with the page (first-load budget).
const exportsModule = () => import('./exports.mjs');
import { load, save, erase, watch, workOf, toBase64, fromBase64, MAX_SAVED_FILE } from './storage.mjs';
import { decodeText, formatSize, extensionOf, MAX_FILE_BYTES } from './files.mjs';
import { makeSheet } from './sheet.mjs';
import { createStore } from './store.mjs';
import {
  TEXTBOX_LIMIT, initialState, tooLongToShow, say, replaced, typed, undone, erased, tookOther, edited, answered, cleared,
  failed, refused, newer,
} from './page-state.mjs';

/**
 * @typedef {import('./bridge.mjs').CheckerBridge} CheckerBridge
 * @typedef {import('./bridge.mjs').BridgeEvent} BridgeEvent
 * @typedef {import('./model.mjs').Result} Result
 * @typedef {import('./engine.mjs').Job} Job
 * @typedef {import('./state').State} State
 * @typedef {import('./state').Problem} Problem
 *
 * @typedef {object} Env
 * @property {(onEvent: (e: BridgeEvent) => void) => CheckerBridge} makeBridge
 * @property {() => Promise<string>} loadExample
 * @property {string} [serviceWorker]  URL of the service worker to register (not in the single file)
 * @property {() => Promise<any>} [loadWriter]  the module with the document writers (`exportReport`),
 *   fetched on the first export; without it, the checking module is asked (the single file)
 */

/** The page's language: `?lang=en` in its address, else its <html lang> (Vietnamese by default). */
const lang = new URLSearchParams(location.search).get('lang') ?? document.documentElement.lang;
const s = await loadStrings(lang);
const HTML_LIMIT = 20 * 1024 * 1024;
/** Phone widths: tables folded, a tap reads a figure in a bottom sheet, «Sửa» edits it. */
const PHONE = '(max-width: 32rem)';
/** Where the hints speak of tapping rather than of Ctrl+V. */
const TOUCH = '(max-width: 32rem), (pointer: coarse)';
/** The buttons of the export bar that exports.mjs answers (`exportFromPage`). */
const EXPORTS = ['copy', 'share', 'docx', 'xlsx', 'annotated', 'csv', 'csv-all', 'json'];

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
function $(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return /** @type {T} */ (el);
}

/**
 * Puts the words of `s` into the page's own elements: `data-i18n="key"` is the element's text
 * (`[Ctrl]` in it is a key, `<kbd>`), `data-i18n-attr="attribute:key"` an attribute. index.html
 * holds the Vietnamese words too, for the moment before the scripts run.
 * @param {HTMLElement} root
 */
function localise(root) {
  const words = /** @type {Record<string, unknown>} */ (s);
  root.lang = s === STRINGS.vi ? 'vi' : 'en';
  document.title = s.pageTitle;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const text = String(words[/** @type {string} */ (/** @type {HTMLElement} */ (el).dataset.i18n)]);
    replaceChildren(el, text.split(/\[([^\]]+)\]/).map((part, i) => (i % 2 ? h('kbd', null, part) : part)));
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    const [attr, key] = /** @type {string} */ (/** @type {HTMLElement} */ (el).dataset.i18nAttr).split(':');
    el.setAttribute(attr, String(words[key]));
  }
}

/**
 * An ARIA state: "true", or absent.
 * @param {Element} el
 * @param {string} name
 * @param {boolean} on
 */
const flag = (el, name, on) => (on ? el.setAttribute(name, 'true') : el.removeAttribute(name));

/** @param {Env} env */
export function startApp(env) {
  const root = document.documentElement;
  localise(root);
  const input = /** @type {HTMLTextAreaElement} */ ($('input'));
  const problemsBox = $('input-problems');
  const results = $('results');
  const filled = $('filled');
  const onlyProblems = /** @type {HTMLInputElement} */ ($('only-problems'));
  const editsBar = $('edits-bar');

  // Opened from disk (the single file), the page keeps nothing: Chromium gives every file:// page
  // the same storage, so any other HTML file on this machine could read what is kept. What an
  // earlier version kept there is taken into this page once, and removed from the device.
  const keepOnDevice = location.protocol !== 'file:';
  const saved = load();
  if (!keepOnDevice) erase();
  /** @param {import('./storage.mjs').Saved['file']} f */
  const fileOf = (f) => (f ? { name: f.name, bytes: fromBase64(f.data) } : null);
  const phone = matchMedia(PHONE);
  const touch = matchMedia(TOUCH);
  const store = createStore(initialState({ ...saved, file: fileOf(saved.file) }, workOf(saved)));
  const get = store.get;
  /** Every change of the page's state goes through here; `render` follows. */
  const dispatch = store.update;
  /** @param {string} text */
  const announce = (text) => dispatch((st) => say(st, text));

  const sheet = makeSheet($('detail'), s, {
    // Back to the figure whose checks were read.
    onClose: () => /** @type {HTMLElement | null | undefined} */ (view.selected ? view.rowEls.get(view.selected)?.querySelector('.ks-input, .ks-valtext') : null)?.focus({ preventScroll: true }),
  });
  const view = new ResultsView({
    strings: s,
    slots: { summary: $('summary'), forms: $('forms'), detail: sheet.body },
    editable: true,
    headingLevel: 2,
    fold: phone.matches,
    tapToRead: phone.matches,
    onSelect: (cell) => {
      dispatch({ selected: cell });
      sheet.open();
    },
    onEditStart: () => sheet.close(),
    onEdit: (cell, value) => {
      dispatch((st) => edited(st, cell, value));
      persistSoon();
      editing();
    },
    onTarget: (cell, value) => askTarget(cell, value),
    onLine: (line) => goToLine(line),
    onQuote: (line) => selectLine(input, line, { focus: false }),
    source: () => {
      const st = get();
      return st.file ? (extensionOf(st.file.name) === 'docx' ? 'docx' : 'file') : tooLongToShow(st) ? 'file' : 'text';
    },
  });
  // A tap on a figure already selected opens its sheet again.
  $('forms').addEventListener('click', (e) => {
    const figure = /** @type {HTMLInputElement | null} */ (/** @type {HTMLElement} */ (e.target).closest('.ks-input'));
    if (phone.matches && figure?.readOnly) sheet.open();
  });

  // ——— phone and touch ———

  const hinted = [$('input-hint'), /** @type {HTMLElement} */ ($('empty').querySelector('p')), $('edit-hint')];
  const desk = hinted.map((el) => [...el.childNodes]);
  const fitScreen = () => dispatch({ phone: phone.matches, touch: touch.matches });
  phone.addEventListener('change', fitScreen);
  touch.addEventListener('change', fitScreen);
  // Printed from a phone, every table is printed, folded or not (a closed <details> prints shut);
  // so are the checks folded under a likely culprit, and the advice.
  /** @type {HTMLDetailsElement[]} */
  let shut = [];
  window.addEventListener('beforeprint', () => {
    shut = /** @type {HTMLDetailsElement[]} */ ([...document.querySelectorAll(
      '#forms details.ks-fold:not([open]), #summary details.ks-culprit-checks:not([open]), #summary details.ks-advice:not([open])')]);
    for (const d of shut) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const d of shut) d.open = false;
    shut = [];
  });

  const bridge = env.makeBridge((event) => {
    const { engine } = get();
    if (event.type === 'ready') {
      dispatch({ engine: { ...engine, state: 'ready', mode: event.mode, checkFile: event.capabilities.checkFile, everReady: true } });
      // The first time only: after a restart, re-running the input that crashed would crash again.
      if (!engine.everReady) run();
    } else if (event.type === 'restarted') {
      dispatch({ engine: { ...engine, restarts: engine.restarts + 1 } });
    } else if (event.type === 'downloading') {
      clearTimeout(busyTimer);
      dispatch((st) => ({ downloading: true, busy: true, ...say(st, s.downloadingModule) }));
    } else if (event.type === 'upgraded' || event.type === 'upgrade-failed') {
      // The narrative's module is here (or could not be fetched): the tables-only answer on
      // screen is given again, in full or with the reason.
      if (get().narrativePending) run();
    } else if (event.type === 'failed') {
      dispatch({ engine: { ...engine, state: 'failed' }, engineNote: s.engineFailed(s.failure[event.code], event.detail) });
    }
  });

  // ——— render: the page brought to the state ———

  /**
   * Brings the page to the state, part by part: a part is drawn again only when the slice of the
   * state it shows changed (`prev` null: everything, at the start).
   * @param {State} st
   * @param {State | null} prev
   */
  function render(st, prev) {
    /** @param {(keyof State)[]} keys */
    const changed = (...keys) => !prev || keys.some((k) => st[k] !== prev[k]);
    if (changed('engine')) {
      const { state, mode, checkFile, restarts } = st.engine;
      if (state !== 'starting') root.dataset.engine = state;
      if (mode) root.dataset.engineMode = mode;
      if (state === 'ready') root.dataset.checkFile = String(checkFile);
      if (restarts) root.dataset.restarts = String(restarts);
    }
    if (changed('phone', 'touch')) {
      const share = typeof navigator.share === 'function' ? s.hintShare : '';
      [s.hintTouch + share, s.emptyTouch, s.editHintTouch].forEach((text, i) => {
        if (st.touch) hinted[i].textContent = text;
        else hinted[i].replaceChildren(...desk[i]);
      });
      sheet.setPhone(st.phone);
      view.setFolded(st.phone);
      if (view.tapToRead !== st.phone) view.setTapToRead(st.phone);
    }
    if (changed('text', 'file')) renderInput(st);
    if (changed('onlyProblems')) {
      onlyProblems.checked = st.onlyProblems;
      view.setOnlyProblems(st.onlyProblems);
    }
    if (changed('selected') && st.selected === null) view.selected = null;
    if (changed('result')) {
      if (st.result) renderResult(st, st.result);
      else view.clear();
    }
    if (changed('shown') && st.shown) results.dataset.shown = String(st.shown);
    if (changed('phase')) results.dataset.state = st.phase;
    if (changed('busy')) flag(results, 'aria-busy', st.busy);
    if (changed('panel', 'result')) {
      $('empty').hidden = st.panel !== 'empty' && !(st.panel === 'error' && !st.result);
      filled.hidden = !st.result || st.panel === 'empty';
      $('stale').hidden = st.panel !== 'stale';
    }
    if (changed('problems', 'engineNote', 'panel')) renderProblems(st);
    if (changed('status')) $('status').textContent = st.status.text;
    if (changed('edits')) {
      const n = Object.keys(st.edits).length;
      editsBar.hidden = n === 0;
      $('edit-hint').hidden = n > 0;
      $('edits-text').textContent = n ? s.editsCount(n) : '';
    }
    if (changed('undo')) {
      $('undo-bar').hidden = !st.undo;
      if (st.undo) $('undo-text').textContent = st.undo.message;
    }
    if (changed('storage')) {
      $('storage-note').classList.toggle('is-warning', st.storage.warning);
      if (st.storage.text) $('storage-note').textContent = st.storage.text;
    }
    if (changed('conflict')) {
      $('tab-conflict').hidden = !st.conflict;
      $('tab-conflict-text').textContent = st.conflict === 'erased' ? s.conflictErased : s.conflictChanged;
      $('tab-take').textContent = st.conflict === 'erased' ? s.takeErased : s.takeChanged;
    }
    if (changed('catalogue')) {
      $('catalogue-state').textContent = st.catalogue ? s.catalogueFromFile(st.catalogue.name) : s.catalogueBuiltin;
      $('catalogue-reset').hidden = !st.catalogue;
    }
    if (changed('drag')) $('drop-overlay').hidden = !st.drag;
    if (prev && st.focus && changed('focus')) {
      const { to, form } = st.focus;
      if (to === 'results') {
        results.scrollIntoView({ block: 'start' });
        results.focus({ preventScroll: true });
      } else if (to === 'problems') {
        problemsBox.focus();
        problemsBox.scrollIntoView({ block: 'start' });
      }
      // A report opened from the inbox: at the form asked.
      if (form) document.querySelector(`[id$="form-${form}"]`)?.scrollIntoView({ block: 'start' });
    }
  }

  /**
   * The text box and the file chip: the text, or why it is not in the box (a file, too long).
   * @param {State} st
   */
  function renderInput(st) {
    const long = tooLongToShow(st);
    const shownText = long ? '' : st.text;
    // Typed text is in the box already: writing it again would move the caret.
    if (input.value !== shownText) input.value = shownText;
    $('file-chip').hidden = !st.file && !long;
    $('file-remove').textContent = long ? s.removeContent : s.removeFile;
    const chip = $('file-chip-text');
    if (st.file) {
      replaceChildren(chip, icon('info'), s.chipFile, h('strong', null, st.file.name), s.chipFileRest(formatSize(st.file.bytes.length)));
    } else if (long) {
      const lines = st.text.split('\n').length.toLocaleString(s.locale);
      replaceChildren(chip, icon('info'), s.chipLong, h('strong', null, s.chipLongSize(lines, formatSize(new Blob([st.text]).size))), s.chipLongRest);
    }
  }

  /**
   * A new answer: the results, and what goes with them (the file's own export, the offer to
   * split several reports, print, the inbox, the projector).
   * @param {State} st
   * @param {Result} result
   */
  function renderResult(st, result) {
    // «Tải tệp gốc có đánh dấu» for an opened .xlsx/.docx, named by its kind.
    const kind = st.file ? extensionOf(st.file.name) : '';
    const ext = kind === 'xlsx' || kind === 'xlsm' ? 'xlsx' : kind === 'docx' || kind === 'docm' ? 'docx' : null;
    const annotated = $('annotated');
    annotated.hidden = !ext;
    if (ext) annotated.textContent = s.annotatedFile(ext);
    const ids = result.forms.map((f) => f.form);
    const repeated = [...new Set(ids.filter((id, k) => ids.indexOf(id) !== k))];
    splitOffer.hidden = Boolean(st.file) || repeated.length === 0;
    if (!splitOffer.hidden) splitText.textContent = s.severalReports(repeated);
    view.update(result, st.edits);
    // Loaded with the first result; only the newest result is written (two loads may end in any order).
    import('./print.mjs').then((p) => result === get().result && (p.showCoverage($('coverage'), result, s), p.printHeader(result, st.source, new Date(), s)));
    if (inbox) inbox.then(({ inbox: i }) => i.shown(st.file, st.edits));
    meetingOf().then((m) => result === get().result && m.shown(get(), result), () => {});
  }

  /**
   * Lists the problems of the input at the top of the page (the GOV.UK error-summary pattern: a
   * titled box of links to what caused each), and puts a refusal next to the text box too.
   * @param {State} st
   */
  function renderProblems(st) {
    /** @type {Problem[]} */
    const all = [...(st.engineNote ? [{ message: st.engineNote }] : []), ...st.problems];
    const isError = !!st.engineNote || st.panel === 'error' || st.panel === 'stale';
    problemsBox.hidden = all.length === 0;
    problemsBox.classList.toggle('is-notice', !isError);
    $('input-problems-h').textContent = isError ? s.inputProblemsTitle : s.inputNoticeTitle;
    replaceChildren($('input-problems-list'), all.map((p) => {
      const line = typeof p.line === 'number' ? p.line : null;
      const prefix = line !== null ? s.linePrefix(line) : '';
      const text = p.content ? [prefix, h('span', CONTENT, p.message)] : `${prefix}${p.message}`;
      if (p.target === 'input' && !st.file) {
        return h('li', null, h('a', {
          href: '#input',
          onclick: (/** @type {Event} */ e) => {
            e.preventDefault();
            if (line !== null) goToLine(line);
            else input.focus();
          },
        }, text));
      }
      return h('li', null, text);
    }));
    const fieldError = isError ? st.problems.find((p) => p.target === 'input' && typeof p.line !== 'number') : undefined;
    const inputError = $('input-error');
    inputError.hidden = !fieldError;
    replaceChildren(inputError, fieldError ? [h('span', { class: 'visually-hidden' }, s.errorPrefix), fieldError.content ? h('span', CONTENT, fieldError.message) : fieldError.message] : []);
    $('input-field').classList.toggle('field-has-error', !!fieldError);
    flag(input, 'aria-invalid', !!fieldError);
    input.setAttribute('aria-describedby', fieldError ? 'input-error input-hint' : 'input-hint');
  }

  // ——— running checks ———

  /** @returns {Extract<import('./engine.mjs').Job, { op: 'text' | 'file' }> | null} */
  function currentJob() {
    const st = get();
    /** @type {import('./engine.mjs').CheckOptions} */
    const options = { overrides: Object.fromEntries(Object.entries(st.edits).map(([c, e]) => [c, e.value])) };
    if (st.catalogue) options.catalogue = st.catalogue.text;
    if (st.file) return { op: 'file', bytes: st.file.bytes, name: st.file.name, options };
    if (!st.text.trim()) return null;
    return { op: 'text', text: st.text, options, partial: true };
  }

  let busyTimer = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);

  /** Checks the input as it is now; only the newest answer is shown. */
  async function run() {
    typing.cancel();
    editing.cancel();
    const job = currentJob();
    if (!job) {
      dispatch(cleared);
      return;
    }
    clearTimeout(busyTimer);
    busyTimer = setTimeout(() => dispatch((st) => ({ busy: true, ...say(st, st.downloading ? s.downloadingModule : s.checking) })), 200);
    dispatch({ phase: 'checking' });
    const answer = await bridge.latest(job);
    if (answer.stale) return;
    clearTimeout(busyTimer);
    if (answer.ok) {
      dispatch((st) => answered(st, wordNotices(answer.result, s), s));
    } else {
      const wasFile = !!get().file;
      dispatch((st) => failed(st, answer.error, s));
      // The file's kind is not supported: it is closed, and the text before it kept.
      if (wasFile && !get().file) persist();
    }
  }

  // A paste holding several reports (a form comes twice): offered to the inbox, which reads each
  // report on its own (the core splits the text where a form title repeats), so that two units'
  // cells never share codes.
  const splitText = h('span');
  const splitOffer = h('div', { class: 'edits-bar', id: 'split-offer', role: 'note', hidden: true },
    h('p', null, splitText),
    h('button', {
      type: 'button', class: 'button button-small', id: 'split-reports',
      onclick: () => {
        const name = s.pastedFileName;
        toInbox(() => [{ name, file: new File([get().text], name, { type: 'text/plain' }) }]);
      },
    }, s.splitReports));
  editsBar.before(splitOffer);

  // ——— input ———

  const typing = debounce(() => run(), 300);
  const editing = debounce(() => run(), 150);
  const persistSoon = debounce(() => persist(), 250);

  /**
   * Keeps the work on this device, and says how that went.
   * @param {boolean} [force] save even when another tab saved other work (the user chose to)
   */
  function persist(force = false) {
    if (!keepOnDevice) return dispatch({ storage: { text: s.storageFileUrl, warning: true } });
    if (force) dispatch({ conflict: null });
    const st = get();
    if (st.conflict) return dispatch({ storage: { text: s.storageConflict, warning: true } });
    const file = st.file && st.file.bytes.length <= MAX_SAVED_FILE ? { name: st.file.name, data: toBase64(st.file.bytes) } : null;
    const record = { text: st.text, edits: st.edits, file, catalogue: st.catalogue, onlyProblems: st.onlyProblems };
    const outcome = save(record);
    const tooBig = !!st.file && !file || outcome === 'without-file';
    dispatch({
      ...(outcome !== 'failed' ? { savedWork: workOf(outcome === 'saved' ? record : { ...record, file: null }) } : {}),
      storage: {
        text: outcome === 'failed' ? s.storageFailed : tooBig ? s.storageTooBig : s.storageSaved,
        warning: outcome !== 'saved' || (!!st.file && !file),
      },
    });
  }

  /**
   * An action that replaces the input: the state, then keeping it and checking it.
   * @param {(st: State) => Partial<State> | null} action
   */
  function replaceWith(action) {
    dispatch(action);
    persist();
    run();
  }

  // ——— two tabs ———

  if (keepOnDevice) {
    watch((other) => {
      const work = workOf(other);
      const st = get();
      if (work === st.savedWork) return;
      const mine = workOf({ text: st.text, edits: st.edits, file: st.file ? { name: st.file.name, data: toBase64(st.file.bytes) } : null, catalogue: st.catalogue });
      // The other tab saved what this one shows: nothing to choose.
      if (work === mine) dispatch({ savedWork: work, conflict: null });
      else dispatch({ conflict: other.text || other.file || Object.keys(other.edits).length ? 'changed' : 'erased' });
      persist();
    });
  }

  $('tab-keep').addEventListener('click', () => {
    persist(true);
    announce(s.keptThisTab);
  });

  $('tab-take').addEventListener('click', () => {
    const other = load();
    replaceWith((st) => tookOther(st, { ...other, file: fileOf(other.file) }, workOf(other), s));
  });

  input.addEventListener('input', () => {
    dispatch((st) => typed(st, input.value));
    if (tooLongToShow(get())) return;
    persistSoon();
    typing();
  });

  /**
   * Replaces the whole input (a paste outside the text box, the example, a file).
   * @param {Parameters<typeof replaced>[1]} next
   * @param {string} message  what «Hoàn tác» says it undoes
   */
  function replaceInput(next, message) {
    meeting?.clear();
    replaceWith((st) => replaced(st, next, message));
  }

  $('undo').addEventListener('click', () => {
    if (!get().undo) return;
    replaceWith((st) => undone(st, s));
    input.focus();
  });

  /** @param {number} line 1-based */
  function goToLine(line) {
    if (get().file || tooLongToShow(get())) return;
    selectLine(input, line, { focus: true });
  }

  // Paste anywhere on the page. In the text box a table from Word/Excel is inserted at the caret;
  // elsewhere the paste replaces the whole input (with "Hoàn tác").
  document.addEventListener('paste', (event) => {
    const data = event.clipboardData;
    if (!data) return;
    const target = /** @type {HTMLElement} */ (event.target);
    const files = [...data.files];
    const isFigure = target instanceof HTMLInputElement && target.classList.contains('ks-input');
    const isOtherField = !isFigure && target !== input &&
      (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable);
    if (isOtherField) return;
    if (files.length && !data.getData('text/plain')) {
      event.preventDefault();
      openFile(files[0]);
      return;
    }
    const html = data.getData('text/html');
    const pasted = html.length > HTML_LIMIT ? plainOf(data) : textFromTransfer(data);
    if (!pasted) return;
    if (isFigure) {
      // A figure cell takes a number; a pasted table or report is meant for the whole page.
      if (!/[\t\n]/.test(pasted.text.trim())) return;
    } else if (target === input) {
      if (input.value.length + pasted.text.length > TEXTBOX_LIMIT) {
        // Too long for the text box (the browser's own paste would freeze the page).
        event.preventDefault();
        const { value, selectionStart: start, selectionEnd: end } = input;
        replaceInput({ text: value.slice(0, start) + pasted.text + value.slice(end) }, s.replacedByPaste);
        return;
      }
      if (pasted.from !== 'html') return; // the browser's own paste keeps the text box's undo
      event.preventDefault();
      insertAtCaret(pasted.text);
      return;
    }
    event.preventDefault();
    replaceInput({ text: pasted.text }, s.replacedByPaste);
    announce(pasted.from === 'html' ? s.pastedTable : s.pasted);
  });

  /** @param {DataTransfer} data */
  function plainOf(data) {
    const plain = data.getData('text/plain');
    return plain ? { text: plain.replace(/\r\n?/g, '\n'), from: /** @type {const} */ ('plain') } : null;
  }

  /** @param {string} text a block of lines (a table): kept on lines of its own */
  function insertAtCaret(text) {
    input.focus();
    const { value, selectionStart: start, selectionEnd: end } = input;
    if (start > 0 && value[start - 1] !== '\n') text = `\n${text}`;
    if (end < value.length && value[end] !== '\n') text = `${text}\n`;
    // execCommand keeps the text box's own undo (Ctrl+Z); setRangeText is the fallback.
    const ok = typeof document.execCommand === 'function' && document.execCommand('insertText', false, text);
    if (!ok) {
      input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    dispatch((st) => ({ ...newer(st), text: input.value }));
    run();
  }

  // ——— files ———

  /** Several files or a .zip go to the inbox (one file is opened here). @param {File[]} files */
  const forInbox = (files) => files.length > 1 || (files.length === 1 && extensionOf(files[0].name) === 'zip');
  const fileInput = /** @type {HTMLInputElement} */ ($('file'));
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    if (forInbox(files)) toInbox(() => files.map((f) => ({ name: f.name, file: f })));
    else if (files[0]) openFile(files[0]);
    fileInput.value = '';
  });
  const folderInput = /** @type {HTMLInputElement} */ ($('folder'));
  folderInput.addEventListener('change', () => {
    const files = [...(folderInput.files ?? [])];
    if (files.length) toInbox(() => files.map((f) => ({ name: f.webkitRelativePath || f.name, file: f })));
    folderInput.value = '';
  });

  /**
   * Opens a file. Every file is first sniffed by the core (`fileText`: the CLI's rule), whatever
   * its name: text goes into the text box, to be edited; a Word or Excel file, even renamed
   * .txt, to the file reader; anything else is refused with the core's reason, and what was open
   * stays. A file that arrives after a newer action (a paste, typing, another file) is dropped.
   * @param {File} file
   */
  async function openFile(file) {
    dispatch(newer);
    const seq = get().seq;
    const current = () => seq === get().seq;
    /**
     * @param {string} message
     * @param {boolean} [content]  the core's words
     */
    const refuse = (message, content = false) => dispatch((st) => refused(st, message, content));
    if (file.size > MAX_FILE_BYTES) {
      refuse(s.fileTooBig(file.name, formatSize(file.size), formatSize(MAX_FILE_BYTES)));
      return;
    }
    // What follows (reading it, the core's sniffing) is page-file.mjs, fetched with the first file.
    import('./page-file.mjs').then((m) => m.readFile(file, { s, get, bridge, current, refuse, replaceInput }),
      () => current() && refuse(s.failure.load));
  }

  $('file-remove').addEventListener('click', () => {
    replaceInput({ text: '' }, get().file ? s.removedFile : s.removedPaste);
    input.focus();
  });

  // Drag and drop a file (or text) anywhere.
  document.addEventListener('dragenter', (e) => {
    if (e.dataTransfer?.types.includes('Files')) dispatch((st) => ({ drag: st.drag + 1 }));
  });
  document.addEventListener('dragleave', () => dispatch((st) => ({ drag: Math.max(0, st.drag - 1) })));
  document.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    dispatch({ drag: 0 });
    // Several files, a folder or a .zip go to the inbox; what they hold is taken while the
    // event lasts (the browser forgets it after).
    const files = [...(e.dataTransfer?.files ?? [])];
    const entries = [...(e.dataTransfer?.items ?? [])].filter((i) => i.kind === 'file').map((i) => i.webkitGetAsEntry?.() ?? null);
    if (forInbox(files) || entries.some((x) => x?.isDirectory)) {
      e.preventDefault();
      toInbox((m) => m.dropped(files, entries));
      return;
    }
    const file = files[0];
    if (file) {
      e.preventDefault();
      openFile(file);
    }
  });

  // ——— example, erase ———

  $('example').addEventListener('click', async () => {
    dispatch((st) => ({ ...newer(st), ...say(st, s.openingExample) }));
    const seq = get().seq;
    try {
      const text = await env.loadExample();
      if (seq !== get().seq) return;
      replaceInput({ text }, s.replacedByExample);
      announce(s.openedExample);
    } catch {
      if (seq === get().seq) announce(s.exampleFailed);
    }
  });

  $('erase').addEventListener('click', () => {
    meeting?.clear();
    dispatch((st) => erased(st, s));
    // Erasing is the user's choice for this device, whatever another tab saved.
    erase();
    persist();
    erase();
    run();
    announce(s.erased);
  });

  // ——— what-if edits ———

  /**
   * «Cần bao nhiêu để đạt …?» asked of the input as it is checked now (with its edits).
   * @param {string} cell
   * @param {string} value
   */
  async function askTarget(cell, value) {
    const job = currentJob();
    if (!job || job.op !== 'text') throw new Error(s.targetTextOnly);
    const answer = await bridge.request({ op: 'target', text: job.text, cell, value, options: job.options });
    if (answer.stale) throw new Error(s.superseded);
    if (answer.ok) return answer.result;
    throw new Error(answer.error.message);
  }

  $('reset-edits').addEventListener('click', () => {
    dispatch({ edits: {} });
    persist();
    announce(s.editsReset);
    run();
  });

  onlyProblems.addEventListener('change', () => {
    dispatch({ onlyProblems: onlyProblems.checked });
    persist();
  });

  // ——— exports ———

  $('print').addEventListener('click', () => window.print());

  $('copy-close').addEventListener('click', () => /** @type {HTMLDialogElement} */ ($('copy-dialog')).close());
  // The letter and the marked tables: written by the writers' module, loaded on the first click.
  /** @type {Promise<any> | null} */
  let writerModule = null;
  const writer = () => {
    writerModule ??= (env.loadWriter ?? (() => bridge.options.loadInPage?.() ?? Promise.reject(new Error(s.noWriter))))();
    writerModule.catch(() => { writerModule = null; });
    return writerModule;
  };

  // ——— exports bar, share, projector, scenarios ———

  const toolbar = /** @type {HTMLElement} */ (document.querySelector('.toolbar-export'));
  // The export bar's buttons are wired in exports.mjs, loaded on the first of them.
  toolbar.addEventListener('click', async (e) => {
    const id = /** @type {HTMLElement} */ (e.target).closest('button')?.id ?? '';
    const st = get();
    if (!st.result || !EXPORTS.includes(id)) return;
    (await exportsModule()).exportFromPage(id, { ...st, result: st.result, job: currentJob(), writer, say: announce, s });
  });
  // «Chia sẻ», the projector and the scenarios: page-meeting.mjs, wired with the first result
  // (their buttons show only with results), not with the page.
  /** @type {import('./page-meeting.mjs').Meeting | null} */
  let meeting = null;
  /** @type {Promise<import('./page-meeting.mjs').Meeting> | null} */
  let meetingLoading = null;
  const meetingOf = () => {
    meetingLoading ??= import('./page-meeting.mjs').then((m) => (meeting = m.wireMeeting({
      s, get, toolbar, filled, editsBar, resetEdits: $('reset-edits'), job: currentJob, bridge,
      use: (edits) => replaceWith(() => ({ edits })), say: announce,
    })));
    meetingLoading.catch(() => { meetingLoading = null; });
    return meetingLoading;
  };

  // ——— rules catalogue ———

  $('catalogue-download').addEventListener('click', async () => {
    const answer = await bridge.request({ op: 'catalogue' });
    if (!answer.stale && answer.ok && typeof answer.result === 'string') {
      (await exportsModule()).download('kiemso-bo-quy-tac.json', answer.result, 'application/json');
    }
  });
  const catalogueFile = /** @type {HTMLInputElement} */ ($('catalogue-file'));
  // As for the input: a catalogue file read after a newer choice is dropped.
  catalogueFile.addEventListener('change', async () => {
    const file = catalogueFile.files?.[0];
    catalogueFile.value = '';
    if (!file) return;
    dispatch((st) => ({ catalogueSeq: st.catalogueSeq + 1 }));
    const seq = get().catalogueSeq;
    const text = decodeText(new Uint8Array(await file.arrayBuffer()));
    if (seq === get().catalogueSeq) replaceWith(() => ({ catalogue: { name: file.name, text } }));
  });
  $('catalogue-reset').addEventListener('click', () => replaceWith((st) => ({ catalogueSeq: st.catalogueSeq + 1, catalogue: null })));

  // ——— the inbox: many reports at once (www/lib/inbox.mjs, fetched when first needed) ———

  /** @type {Promise<{ module: typeof import('./inbox.mjs'), inbox: ReturnType<typeof import('./inbox.mjs').createInbox> }> | null} */
  let inbox = null;
  const inboxOf = () => {
    inbox ??= import('./inbox.mjs').then((module) => ({
      module,
      inbox: module.createInbox({
        root: $('inbox'),
        load: writer,
        open: (file, edits, form) => replaceInput({ file, edits, form }, s.openedFromInbox(file.name)),
        catalogue: () => get().catalogue?.text,
        say: announce,
        download: (name, bytes, type) => { exportsModule().then((x) => x.download(name, bytes, type)); },
        keep: keepOnDevice,
      }),
    }));
    return inbox;
  };
  /** @param {(m: typeof import('./inbox.mjs')) => import('./inbox.mjs').Incoming[] | (() => Promise<import('./inbox.mjs').Incoming[]>)} what */
  function toInbox(what) {
    inboxOf().then(({ module, inbox: i }) => i.add(what(module)));
  }
  // The set kept by an earlier visit (the flag: inbox.mjs's KEPT_FLAG, read without loading it).
  try {
    if (keepOnDevice && localStorage.getItem('kiemso.inbox')) inboxOf().then(({ inbox: i }) => i.restore());
  } catch {
    // Storage blocked: nothing was kept.
  }

  // ——— start ———

  fitScreen();
  render(get(), null);
  store.subscribe(render);
  persist();
  window.addEventListener('pagehide', () => persistSoon.flush());
  if (env.serviceWorker && 'serviceWorker' in navigator && location.protocol.startsWith('http')) {
    navigator.serviceWorker.register(env.serviceWorker).catch(() => {
      // No offline copy this time (private mode, blocked): the page still works online.
    });
  }
  if (!get().text.trim() && !get().file) run();
  return { bridge, view };
}
