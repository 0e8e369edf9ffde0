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
import { routeOf, decodeText, formatSize, extensionOf, MAX_FILE_BYTES } from './files.mjs';
import { makeSheet } from './sheet.mjs';
// The projector and the scenarios are fetched the first time they are used, not with the page.
const projectorModule = () => import('./projector.mjs');
const scenarioModule = () => import('./scenario.mjs');

/**
 * @typedef {import('./bridge.mjs').CheckerBridge} CheckerBridge
 * @typedef {import('./bridge.mjs').BridgeEvent} BridgeEvent
 * @typedef {import('./model.mjs').Result} Result
 * @typedef {import('./engine.mjs').Job} Job
 * @typedef {Record<string, { value: string, original: string }>} Edits
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
/**
 * Text longer than this is checked but not put into the text box: a browser lays out a text
 * box's whole content at once (5.5 MB of pasted tables took 8 s, then seconds again at each
 * change of the page), and a saved input that long would freeze every reload.
 */
const TEXTBOX_LIMIT = 500_000;
/** Phone widths: tables folded, a tap reads a figure in a bottom sheet, «Sửa» edits it. */
const PHONE = '(max-width: 32rem)';
/** Where the hints speak of tapping rather than of Ctrl+V. */
const TOUCH = '(max-width: 32rem), (pointer: coarse)';
/** The address that opens the projector view. */
const PROJECTOR_HASH = '#trinh-chieu';

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

/** @param {Env} env */
export function startApp(env) {
  const root = document.documentElement;
  localise(root);
  const input = /** @type {HTMLTextAreaElement} */ ($('input'));
  const inputField = $('input-field');
  const inputError = $('input-error');
  const problemsBox = $('input-problems');
  const problemsHeading = $('input-problems-h');
  const problemsList = $('input-problems-list');
  const status = $('status');
  const results = $('results');
  const empty = $('empty');
  const filled = $('filled');
  const stale = $('stale');
  const onlyProblems = /** @type {HTMLInputElement} */ ($('only-problems'));
  const editsBar = $('edits-bar');
  const editsText = $('edits-text');
  const fileChip = $('file-chip');
  const fileChipText = $('file-chip-text');
  const undoBar = $('undo-bar');
  const undoText = $('undo-text');
  const storageNote = $('storage-note');
  const catalogueState = $('catalogue-state');
  const catalogueReset = $('catalogue-reset');

  // Opened from disk (the single file), the page keeps nothing: Chromium gives every file:// page
  // the same storage, so any other HTML file on this machine could read what is kept. What an
  // earlier version kept there is taken into this page once, and removed from the device.
  const keepOnDevice = location.protocol !== 'file:';
  const saved = load();
  if (!keepOnDevice) erase();
  /** @type {{ text: string, edits: Edits, file: { name: string, bytes: Uint8Array } | null, catalogue: { name: string, text: string } | null }} */
  const state = {
    text: saved.text,
    edits: saved.edits,
    file: saved.file ? { name: saved.file.name, bytes: fromBase64(saved.file.data) } : null,
    catalogue: saved.catalogue,
  };
  /** @type {Result | null} */
  let lastResult = null;
  let lastSource = '';
  /** Reveal (scroll to and focus) the results when the next answer arrives. */
  let reveal = false;
  /** @type {null | { text: string, edits: Edits, file: typeof state.file }} */
  let undoSnapshot = null;
  /** Problems of the input to list at the top: thrown errors, crashes, notices. */
  /** `content`: the core's own words (Vietnamese in any language of the page). */
  /** @type {{ message: string, line?: number | null, target?: 'input' | 'file', content?: boolean }[]} */
  let inputProblems = [];
  let engineNote = '';
  let checkFileAvailable = false;
  /** How many answers have been shown (tests wait on it; people read the page). */
  let shown = 0;
  /** Counts the user's actions that replace the input: a file or the example that arrives after a
   * newer one (a paste, typing) is dropped, so the newest action always wins. */
  let inputSeq = 0;
  /** The answer on screen has the tables only; the narrative follows once its module is here. */
  let narrativePending = false;
  /** A job waits for the complete module to download. */
  let downloading = false;
  /** What the core said about the text file now in the text box (a guessed encoding), shown
   * with the notices until the text is replaced or typed in. */
  let openedNote = '';

  /** Whether the input is text too long to show in the text box (see TEXTBOX_LIMIT). */
  const tooLongToShow = () => !state.file && state.text.length > TEXTBOX_LIMIT;

  /** Puts the input into the text box, or says (in the file chip) why it is not there. */
  function showText() {
    input.value = tooLongToShow() ? '' : state.text;
    updateFileChip();
  }

  showText();
  onlyProblems.checked = saved.onlyProblems;

  const phone = matchMedia(PHONE);
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
    onSelect: () => sheet.open(),
    onEditStart: () => sheet.close(),
    onEdit: (cell, value) => edit(cell, value),
    onTarget: (cell, value) => askTarget(cell, value),
    onLine: (line) => goToLine(line),
    onQuote: (line) => selectLine(input, line, { focus: false }),
    source: () => (!state.file ? (tooLongToShow() ? 'file' : 'text') : extensionOf(state.file.name) === 'docx' ? 'docx' : 'file'),
  });
  view.setOnlyProblems(onlyProblems.checked);
  // A tap on a figure already selected opens its sheet again.
  $('forms').addEventListener('click', (e) => {
    const el = /** @type {HTMLElement} */ (e.target);
    const figure = /** @type {HTMLInputElement | null} */ (el.closest('.ks-input'));
    if (phone.matches && figure?.readOnly) sheet.open();
  });

  // ——— phone and touch ———

  const hint = $('input-hint');
  const emptyText = /** @type {HTMLElement} */ (empty.querySelector('p'));
  const editHint = $('edit-hint');
  const hinted = [hint, emptyText, editHint];
  const desk = hinted.map((el) => [...el.childNodes]);
  const touch = matchMedia(TOUCH);
  function fitScreen() {
    const share = typeof navigator.share === 'function' ? s.hintShare : '';
    [s.hintTouch + share, s.emptyTouch, s.editHintTouch].forEach((text, i) => {
      if (touch.matches) hinted[i].textContent = text;
      else hinted[i].replaceChildren(...desk[i]);
    });
    sheet.setPhone(phone.matches);
    view.setFolded(phone.matches);
    if (view.tapToRead !== phone.matches) view.setTapToRead(phone.matches);
  }
  fitScreen();
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

  const DOWNLOADING = s.downloadingModule;
  const CRASHED = s.crashed;
  const TIMED_OUT = s.timedOut;
  let everReady = false;
  const bridge = env.makeBridge((event) => {
    if (event.type === 'ready') {
      root.dataset.engine = 'ready';
      root.dataset.engineMode = event.mode;
      checkFileAvailable = event.capabilities.checkFile;
      root.dataset.checkFile = String(checkFileAvailable);
      // The first time only: after a restart, re-running the input that crashed would crash again.
      if (!everReady) {
        everReady = true;
        run();
      }
    } else if (event.type === 'restarted') {
      root.dataset.restarts = String(Number(root.dataset.restarts ?? 0) + 1);
    } else if (event.type === 'downloading') {
      downloading = true;
      clearTimeout(busyTimer);
      results.setAttribute('aria-busy', 'true');
      status.textContent = DOWNLOADING;
    } else if (event.type === 'upgraded' || event.type === 'upgrade-failed') {
      // The narrative's module is here (or could not be fetched): the tables-only answer on
      // screen is given again, in full or with the reason.
      if (narrativePending) run();
    } else if (event.type === 'failed') {
      root.dataset.engine = 'failed';
      engineNote = s.engineFailed(s.failure[event.code], event.detail);
      showProblems();
    }
  });

  // ——— running checks ———

  /** @returns {Extract<import('./engine.mjs').Job, { op: 'text' | 'file' }> | null} */
  function currentJob() {
    /** @type {import('./engine.mjs').CheckOptions} */
    const options = { overrides: Object.fromEntries(Object.entries(state.edits).map(([c, e]) => [c, e.value])) };
    if (state.catalogue) options.catalogue = state.catalogue.text;
    if (state.file) return { op: 'file', bytes: state.file.bytes, name: state.file.name, options };
    if (!state.text.trim()) return null;
    return { op: 'text', text: state.text, options, partial: true };
  }

  let busyTimer = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);

  async function run() {
    typing.cancel();
    editing.cancel();
    const job = currentJob();
    if (!job) {
      results.dataset.shown = String(++shown);
      lastResult = null;
      inputProblems = [];
      setState('empty');
      view.clear();
      status.textContent = '';
      showProblems();
      return;
    }
    clearTimeout(busyTimer);
    busyTimer = setTimeout(() => {
      results.setAttribute('aria-busy', 'true');
      status.textContent = downloading ? DOWNLOADING : s.checking;
    }, 200);
    results.dataset.state = 'checking';
    const answer = await bridge.latest(job);
    if (answer.stale) return;
    clearTimeout(busyTimer);
    downloading = false;
    narrativePending = answer.ok && answer.result?.narrative_pending === true;
    if (!narrativePending) results.removeAttribute('aria-busy');
    if (answer.ok) {
      engineNote = '';
      show(wordNotices(answer.result, s));
    } else {
      showFailure(answer.error);
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
        toInbox(() => [{ name, file: new File([state.text], name, { type: 'text/plain' }) }]);
      },
    }, s.splitReports));
  editsBar.before(splitOffer);
  /** @param {Result} result */
  function showSplitOffer(result) {
    const ids = result.forms.map((f) => f.form);
    const repeated = [...new Set(ids.filter((id, k) => ids.indexOf(id) !== k))];
    splitOffer.hidden = Boolean(state.file) || repeated.length === 0;
    if (!splitOffer.hidden) splitText.textContent = s.severalReports(repeated);
  }

  /** Shows «Tải tệp gốc có đánh dấu» for an opened .xlsx/.docx, named by its kind. */
  function showAnnotated() {
    const button = $('annotated');
    const kind = state.file ? extensionOf(state.file.name) : '';
    const ext = kind === 'xlsx' || kind === 'xlsm' ? 'xlsx' : kind === 'docx' || kind === 'docm' ? 'docx' : null;
    button.hidden = !ext;
    if (ext) button.textContent = s.annotatedFile(ext);
  }

  /** @param {Result} result */
  function show(result) {
    results.dataset.shown = String(++shown);
    lastResult = result;
    lastSource = state.file ? s.sourceFile(state.file.name) : s.sourcePasted(state.text.split('\n').length);
    showAnnotated();
    showSplitOffer(result);
    // Edits of cells that no longer exist are dropped, with the core's notice about them kept.
    inputProblems = result.notices.map((n) => ({ message: n.message, line: n.line, target: state.file ? 'file' : 'input', content: !n.code }));
    if (openedNote && !state.file) inputProblems.unshift({ message: openedNote, content: true });
    // Tables shown while the narrative's module downloads: still checking, and said so.
    setState(narrativePending ? 'checking' : 'done');
    if (narrativePending) results.setAttribute('aria-busy', 'true');
    view.update(result, state.edits);
    const { fail, warn, pass, na } = result.summary;
    const words = result.checks.some((c) => c.kind === 'narrative');
    const counted = s.counted(fail, warn, pass, na);
    status.textContent = narrativePending
      ? s.checkedPending(result.forms.length, counted)
      : result.forms.length
        ? s.checked(result.forms.length, words, counted)
        : words
          ? s.checkedTextOnly(counted)
          : s.noTableFound;
    updateEditsBar();
    showProblems();
    // Loaded with the first result; only the newest result is written (two loads may end in any order).
    const source = lastSource;
    import('./print.mjs').then((p) => result === lastResult && (p.showCoverage($('coverage'), result, s), p.printHeader(result, source, new Date(), s)));
    if (reveal) {
      reveal = false;
      revealResults();
    }
    // A report opened from the inbox: at the form asked, and its what-if edits back to the inbox.
    if (inboxForm) {
      document.querySelector(`[id$="form-${inboxForm}"]`)?.scrollIntoView({ block: 'start' });
      inboxForm = null;
    }
    if (inbox) inbox.then(({ inbox: i }) => i.shown(state.file, state.edits));
    // The room sees the answer in full: opened (from the address) once the words are checked
    // too, and kept up to date while it is open.
    if (projector?.isOpen()) projector.open(result, projector.at);
    else if (location.hash === PROJECTOR_HASH && !narrativePending) openProjector();
  }

  /** @param {{ kind: string, message: string }} error */
  function showFailure(error) {
    results.dataset.shown = String(++shown);
    if (error.kind === 'unsupported') {
      const name = state.file?.name ?? '';
      state.file = null;
      updateFileChip();
      persist();
      inputProblems = [{ target: 'input', message: unsupportedFileMessage(name) }];
    } else if (error.kind === 'input') {
      inputProblems = [{ target: state.file ? 'file' : 'input', message: error.message, content: true }];
    } else if (error.kind === 'unavailable') {
      inputProblems = [];
    } else {
      inputProblems = [];
      engineNote = error.kind === 'timeout' ? TIMED_OUT : CRASHED;
    }
    setState(lastResult ? 'stale' : 'error');
    status.textContent = s.notChecked;
    showProblems();
    if (reveal) {
      reveal = false;
      problemsBox.focus();
      problemsBox.scrollIntoView({ block: 'start' });
    }
  }

  /** @param {string} name */
  function unsupportedFileMessage(name) {
    return s.unsupportedFile(extensionOf(name).toUpperCase(), name);
  }

  /** @param {'empty' | 'checking' | 'done' | 'stale' | 'error'} st */
  function setState(st) {
    results.dataset.state = st;
    empty.hidden = st !== 'empty' && !(st === 'error' && !lastResult);
    filled.hidden = !lastResult || st === 'empty';
    stale.hidden = st !== 'stale';
  }

  /**
   * Lists the problems of the input at the top of the page (the GOV.UK error-summary pattern: a
   * titled box of links to what caused each), and puts a refusal next to the text box too.
   */
  function showProblems() {
    /** @type {{ message: string, line?: number | null, target?: string, content?: boolean }[]} */
    const all = [...(engineNote ? [{ message: engineNote }] : []), ...inputProblems];
    const isError = !!engineNote || results.dataset.state === 'error' || results.dataset.state === 'stale';
    problemsBox.hidden = all.length === 0;
    problemsBox.classList.toggle('is-notice', !isError);
    problemsHeading.textContent = isError ? s.inputProblemsTitle : s.inputNoticeTitle;
    replaceChildren(problemsList, all.map((p) => {
      const line = typeof p.line === 'number' ? p.line : null;
      const prefix = line !== null ? s.linePrefix(line) : '';
      const text = p.content ? [prefix, h('span', CONTENT, p.message)] : `${prefix}${p.message}`;
      if (p.target === 'input' && !state.file) {
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
    const fieldError = isError ? inputProblems.find((p) => p.target === 'input' && typeof p.line !== 'number') : undefined;
    inputError.hidden = !fieldError;
    replaceChildren(inputError, fieldError ? [h('span', { class: 'visually-hidden' }, s.errorPrefix), fieldError.content ? h('span', CONTENT, fieldError.message) : fieldError.message] : []);
    inputField.classList.toggle('field-has-error', !!fieldError);
    if (fieldError) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'input-error input-hint');
    } else {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'input-hint');
    }
  }

  /** Brings the results into view after a paste, a file or the example. */
  function revealResults() {
    results.scrollIntoView({ block: 'start' });
    results.focus({ preventScroll: true });
  }

  // ——— input ———

  const typing = debounce(() => run(), 300);
  const editing = debounce(() => run(), 150);
  const persistSoon = debounce(() => persist(), 250);

  /** What this tab last saved, or found saved by another tab that it agrees with (`workOf`). */
  let savedWork = workOf(saved);
  /** Another tab saved other work (or erased it) since: this tab stops saving until the user
   * chooses, so that neither tab's text is lost without a word. */
  /** @type {null | 'changed' | 'erased'} */
  let conflict = null;

  /** @param {boolean} [force] save even when another tab saved other work (the user chose to) */
  function persist(force = false) {
    if (!keepOnDevice) {
      storageNote.classList.add('is-warning');
      storageNote.textContent = s.storageFileUrl;
      return;
    }
    if (force) showConflict(null);
    if (conflict) {
      storageNote.classList.add('is-warning');
      storageNote.textContent = s.storageConflict;
      return;
    }
    const file = state.file && state.file.bytes.length <= MAX_SAVED_FILE ? { name: state.file.name, data: toBase64(state.file.bytes) } : null;
    const record = { text: state.text, edits: state.edits, file, catalogue: state.catalogue, onlyProblems: onlyProblems.checked };
    const outcome = save(record);
    if (outcome !== 'failed') savedWork = workOf(outcome === 'saved' ? record : { ...record, file: null });
    storageNote.classList.toggle('is-warning', outcome !== 'saved' || (!!state.file && !file));
    storageNote.textContent = outcome === 'failed'
      ? s.storageFailed
      : state.file && !file || outcome === 'without-file'
        ? s.storageTooBig
        : s.storageSaved;
  }

  // ——— two tabs ———

  const conflictBar = $('tab-conflict');
  /** @param {null | 'changed' | 'erased'} kind */
  function showConflict(kind) {
    conflict = kind;
    conflictBar.hidden = !kind;
    $('tab-conflict-text').textContent = kind === 'erased'
      ? s.conflictErased
      : s.conflictChanged;
    $('tab-take').textContent = kind === 'erased' ? s.takeErased : s.takeChanged;
  }

  if (keepOnDevice) {
    watch((other) => {
      const work = workOf(other);
      if (work === savedWork) return;
      const mine = workOf({ text: state.text, edits: state.edits, file: state.file ? { name: state.file.name, data: toBase64(state.file.bytes) } : null, catalogue: state.catalogue });
      if (work === mine) {
        // The other tab saved what this one shows: nothing to choose.
        savedWork = work;
        showConflict(null);
        persist();
        return;
      }
      showConflict(other.text || other.file || Object.keys(other.edits).length ? 'changed' : 'erased');
      persist();
    });
  }

  $('tab-keep').addEventListener('click', () => {
    persist(true);
    status.textContent = s.keptThisTab;
  });

  $('tab-take').addEventListener('click', () => {
    const other = load();
    const before = { text: state.text, edits: state.edits, file: state.file };
    inputSeq++;
    openedNote = '';
    state.text = other.text;
    state.edits = other.edits;
    state.file = other.file ? { name: other.file.name, bytes: fromBase64(other.file.data) } : null;
    state.catalogue = other.catalogue;
    savedWork = workOf(other);
    showConflict(null);
    showText();
    updateCatalogueState();
    persist();
    offerUndo(s.tookOtherTab, before);
    reveal = true;
    view.selected = null;
    run();
  });

  input.addEventListener('input', () => {
    inputSeq++;
    openedNote = '';
    if ((state.file || tooLongToShow()) && input.value.trim()) {
      state.file = null;
      state.text = input.value;
      updateFileChip();
    }
    if (tooLongToShow()) return;
    state.text = input.value;
    persistSoon();
    typing();
  });

  /**
   * Replaces the whole input (a paste outside the text box, the example, a file), keeping what
   * was there for "Hoàn tác".
   * @param {{ text?: string, file?: { name: string, bytes: Uint8Array } | null, note?: string, edits?: Edits }} next
   * @param {string} message
   */
  function replaceInput(next, message) {
    inputSeq++;
    openedNote = next.note ?? '';
    const before = { text: state.text, edits: state.edits, file: state.file };
    const hadSomething = !!(before.text.trim() || before.file);
    state.text = next.text ?? '';
    state.file = next.file ?? null;
    state.edits = next.edits ? { ...next.edits } : {};
    scenarios?.clear();
    showText();
    persist();
    if (hadSomething) offerUndo(message, before);
    else hideUndo();
    reveal = true;
    view.selected = null;
    run();
  }

  /**
   * @param {string} message
   * @param {NonNullable<typeof undoSnapshot>} snapshot
   */
  function offerUndo(message, snapshot) {
    undoSnapshot = snapshot;
    undoText.textContent = message;
    undoBar.hidden = false;
  }

  function hideUndo() {
    undoSnapshot = null;
    undoBar.hidden = true;
  }

  $('undo').addEventListener('click', () => {
    if (!undoSnapshot) return;
    const snap = undoSnapshot;
    hideUndo();
    inputSeq++;
    openedNote = '';
    state.text = snap.text;
    state.edits = snap.edits;
    state.file = snap.file;
    showText();
    persist();
    status.textContent = s.restored;
    run();
    input.focus();
  });

  /** @param {number} line 1-based */
  function goToLine(line) {
    if (state.file || tooLongToShow()) return;
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
    status.textContent = pasted.from === 'html' ? s.pastedTable : s.pasted;
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
    inputSeq++;
    state.text = input.value;
    run();
  }

  // ——— files ———

  const fileInput = /** @type {HTMLInputElement} */ ($('file'));
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    if (files.length > 1 || (files.length === 1 && extensionOf(files[0].name) === 'zip')) toInbox(() => files.map((f) => ({ name: f.name, file: f })));
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
    const seq = ++inputSeq;
    /**
     * @param {string} message
     * @param {boolean} [content]  the core's words
     */
    const refuse = (message, content = false) => {
      inputProblems = [{ target: 'input', message, content }];
      setState(lastResult ? 'stale' : 'error');
      showProblems();
      problemsBox.focus();
    };
    if (file.size > MAX_FILE_BYTES) {
      refuse(s.fileTooBig(file.name, formatSize(file.size), formatSize(MAX_FILE_BYTES)));
      return;
    }
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      if (seq === inputSeq) refuse(s.fileUnreadable(file.name));
      return;
    }
    await bridge.ready;
    if (seq !== inputSeq) return;
    if (!checkFileAvailable) {
      refuse(unsupportedFileMessage(file.name));
      return;
    }
    if (routeOf(file.name) === 'text') {
      const answer = await bridge.request({ op: 'open', bytes, name: file.name });
      if (seq !== inputSeq || answer.stale) return;
      if (!answer.ok) {
        refuse(answer.error.kind === 'input' ? answer.error.message : s.fileUnreadable(file.name), answer.error.kind === 'input');
        return;
      }
      if (answer.result) {
        replaceInput({ text: answer.result.text, note: answer.result.note ?? undefined }, s.replacedByFile(file.name));
        return;
      }
    }
    replaceInput({ file: { name: file.name, bytes } }, s.switchedToFile(file.name));
  }

  function updateFileChip() {
    const long = tooLongToShow();
    fileChip.hidden = !state.file && !long;
    $('file-remove').textContent = long ? s.removeContent : s.removeFile;
    if (state.file) {
      replaceChildren(fileChipText, icon('info'), s.chipFile, h('strong', null, state.file.name), s.chipFileRest(formatSize(state.file.bytes.length)));
    } else if (long) {
      const lines = state.text.split('\n').length.toLocaleString(s.locale);
      replaceChildren(fileChipText, icon('info'), s.chipLong, h('strong', null, s.chipLongSize(lines, formatSize(new Blob([state.text]).size))),
        s.chipLongRest);
    }
  }

  $('file-remove').addEventListener('click', () => {
    replaceInput({ text: '' }, state.file ? s.removedFile : s.removedPaste);
    input.focus();
  });

  // Drag and drop a file (or text) anywhere.
  const overlay = $('drop-overlay');
  let dragDepth = 0;
  document.addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    dragDepth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (!dragDepth) overlay.hidden = true;
  });
  document.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    dragDepth = 0;
    overlay.hidden = true;
    // Several files, a folder or a .zip go to the inbox; what they hold is taken while the
    // event lasts (the browser forgets it after).
    const files = [...(e.dataTransfer?.files ?? [])];
    const entries = [...(e.dataTransfer?.items ?? [])].filter((i) => i.kind === 'file').map((i) => i.webkitGetAsEntry?.() ?? null);
    if (files.length > 1 || entries.some((x) => x?.isDirectory) || (files.length === 1 && extensionOf(files[0].name) === 'zip')) {
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
    const seq = ++inputSeq;
    status.textContent = s.openingExample;
    try {
      const text = await env.loadExample();
      if (seq !== inputSeq) return;
      replaceInput({ text }, s.replacedByExample);
      status.textContent = s.openedExample;
    } catch {
      if (seq === inputSeq) status.textContent = s.exampleFailed;
    }
  });

  $('erase').addEventListener('click', () => {
    const before = { text: state.text, edits: state.edits, file: state.file };
    inputSeq++;
    openedNote = '';
    state.text = '';
    state.edits = {};
    state.file = null;
    scenarios?.clear();
    input.value = '';
    updateFileChip();
    // Erasing is the user's choice for this device, whatever another tab saved.
    showConflict(null);
    erase();
    persist();
    erase();
    lastResult = null;
    inputProblems = [];
    engineNote = '';
    run();
    if (before.text.trim() || before.file || Object.keys(before.edits).length) {
      offerUndo(s.erasedUndo, before);
    }
    status.textContent = s.erased;
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

  /**
   * @param {string} cell
   * @param {string} value
   */
  function edit(cell, value) {
    const current = lastResult?.forms.flatMap((f) => f.table).find((r) => r.cell === cell);
    const original = state.edits[cell]?.original ?? current?.value ?? '';
    if (value.trim() === original.trim()) delete state.edits[cell];
    else state.edits[cell] = { value, original };
    state.edits = { ...state.edits };
    updateEditsBar();
    persistSoon();
    editing();
  }

  function updateEditsBar() {
    const n = Object.keys(state.edits).length;
    editsBar.hidden = n === 0;
    $('edit-hint').hidden = n > 0;
    editsText.textContent = n ? s.editsCount(n) : '';
  }

  $('reset-edits').addEventListener('click', () => {
    state.edits = {};
    persist();
    updateEditsBar();
    status.textContent = s.editsReset;
    run();
  });

  onlyProblems.addEventListener('change', () => {
    view.setOnlyProblems(onlyProblems.checked);
    persist();
  });

  // ——— exports ———

  $('print').addEventListener('click', () => window.print());

  $('copy').addEventListener('click', async () => {
    if (!lastResult) return;
    const { textSummary } = await exportsModule();
    const text = textSummary(lastResult, { source: lastSource, edits: state.edits, lineWord: state.file && extensionOf(state.file.name) === 'docx' ? s.paragraphWord : s.lineWord, strings: s });
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = s.copied;
    } catch {
      const dialog = /** @type {HTMLDialogElement} */ ($('copy-dialog'));
      const area = /** @type {HTMLTextAreaElement} */ ($('copy-text'));
      area.value = text;
      dialog.showModal();
      area.select();
    }
  });
  $('copy-close').addEventListener('click', () => /** @type {HTMLDialogElement} */ ($('copy-dialog')).close());

  for (const [id, all] of /** @type {const} */ ([['csv', false], ['csv-all', true]])) {
    $(id).addEventListener('click', async () => {
      if (!lastResult) return;
      const { download, fileStamp, resultsCsv } = await exportsModule();
      download(`kiemso-ket-qua-${fileStamp(new Date())}.csv`, resultsCsv(lastResult, { edits: state.edits, all, strings: s }), 'text/csv;charset=utf-8');
      status.textContent = s.csvMade;
    });
  }
  // The letter and the marked tables: written by the writers' module, loaded on the first click.
  /** @type {Promise<any> | null} */
  let writerModule = null;
  const writer = () => {
    writerModule ??= (env.loadWriter ?? (() => bridge.options.loadInPage?.() ?? Promise.reject(new Error(s.noWriter))))();
    writerModule.catch(() => { writerModule = null; });
    return writerModule;
  };
  for (const [id, format, name] of /** @type {const} */ ([['docx', 'docx', 'phieu-ra-soat'], ['xlsx', 'xlsx', 'bang-danh-dau']])) {
    $(id).addEventListener('click', async () => {
      const job = currentJob();
      if (!lastResult || !job) return;
      status.textContent = s.makingFile;
      try {
        const { download, fileStamp, exportDocument, DOCUMENT_TYPES } = await exportsModule();
        const bytes = await exportDocument(format, job, { source: state.file?.name ?? s.pastedText, loadWriter: writer, strings: s });
        download(`kiemso-${name}-${fileStamp(new Date())}.${format}`, bytes, DOCUMENT_TYPES[format]);
        status.textContent = format === 'docx' ? s.docxMade : s.xlsxMade;
      } catch (e) {
        status.textContent = s.exportFailed(e instanceof Error ? e.message : String(e));
      }
    });
  }
  // The opened .xlsx/.docx itself, annotated: offered only when a file of that kind is open.
  $('annotated').addEventListener('click', async () => {
    const job = currentJob();
    if (!lastResult || !job || job.op !== 'file') return;
    status.textContent = s.annotating;
    try {
      const { download, exportAnnotated, DOCUMENT_TYPES } = await exportsModule();
      const out = await exportAnnotated(job, { loadWriter: writer, strings: s });
      const base = job.name.replace(/\.[^.]*$/, '');
      download(`${base}-kiemso-danh-dau.${out.format}`, out.bytes, DOCUMENT_TYPES[out.format]);
      status.textContent = s.annotated(job.name, out.cells, out.paragraphs, out.unplaced.length);
    } catch (e) {
      status.textContent = s.exportFailed(e instanceof Error ? e.message : String(e));
    }
  });
  $('json').addEventListener('click', async () => {
    if (!lastResult) return;
    const { download, fileStamp, resultsJson } = await exportsModule();
    download(`kiemso-ket-qua-${fileStamp(new Date())}.json`, resultsJson(lastResult, { edits: state.edits }), 'application/json');
    status.textContent = s.jsonMade;
  });

  // ——— share, projector, scenarios ———

  const toolbar = /** @type {HTMLElement} */ (document.querySelector('.toolbar-export'));
  const projectorButton = h('button', { type: 'button', class: 'button button-small', id: 'projector', title: s.projectorLabel }, s.projector);
  toolbar.prepend(projectorButton);
  if (typeof navigator.share === 'function') {
    // Phones: the summary to a chat or a mail through the system's share sheet.
    toolbar.prepend(h('button', {
      type: 'button', class: 'button button-small', id: 'share',
      onclick: async () => {
        if (!lastResult) return;
        try {
          const { textSummary } = await exportsModule();
          await navigator.share({ title: 'Kiểm số', text: textSummary(lastResult, { source: lastSource, edits: state.edits, strings: s }) });
          status.textContent = s.shared;
        } catch {
          // Dismissed: nothing to say.
        }
      },
    }, s.share));
  }
  /** @type {import('./projector.mjs').Projector | null} */
  let projector = null;
  /** Opens the projector view on the results shown now (its module fetched the first time). */
  async function openProjector() {
    if (!projector) {
      const { Projector } = await projectorModule();
      projector ??= new Projector(s, {
        onClose: () => {
          if (location.hash === PROJECTOR_HASH) history.replaceState(null, '', location.pathname + location.search);
          if (!filled.hidden) projectorButton.focus();
        },
      });
    }
    if (lastResult && !projector.isOpen()) projector.open(lastResult);
  }
  projectorButton.addEventListener('click', () => {
    if (!lastResult) return;
    history.replaceState(null, '', PROJECTOR_HASH);
    openProjector();
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === PROJECTOR_HASH && lastResult) openProjector();
    else if (location.hash !== PROJECTOR_HASH && projector?.isOpen()) projector.close();
  });

  const scenarioList = h('section', { class: 'scenarios', id: 'scenarios', 'aria-label': s.scenariosTitle, hidden: true });
  const scenarioPanel = h('section', { class: 'scenario-compare panel', id: 'scenario-compare', 'aria-label': s.scenarioCompare, hidden: true });
  editsBar.after(scenarioList, scenarioPanel);
  /** @type {import('./scenario.mjs').Scenarios | null} */
  let scenarios = null;
  /** @type {import('./scenario.mjs').ScenarioHooks} */
  const scenarioHooks = {
    check: async (overrides) => {
      const job = currentJob();
      if (!job) throw new Error(s.nothingToCompare);
      const answer = await bridge.request({ ...job, options: { ...job.options, overrides } });
      if (answer.stale) throw new Error(s.superseded);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.result;
    },
    use: (edits) => {
      state.edits = edits;
      persist();
      updateEditsBar();
      run();
    },
    say: (message) => (status.textContent = message),
  };
  $('reset-edits').before(h('button', {
    type: 'button', class: 'button button-small button-quiet', id: 'scenario-save',
    onclick: async () => {
      const edits = state.edits;
      if (!scenarios) {
        const { Scenarios } = await scenarioModule();
        scenarios ??= new Scenarios(s, scenarioList, scenarioPanel, scenarioHooks);
      }
      scenarios.save(edits);
    },
  }, s.scenarioSave));

  // ——— rules catalogue ———

  function updateCatalogueState() {
    catalogueState.textContent = state.catalogue
      ? s.catalogueFromFile(state.catalogue.name)
      : s.catalogueBuiltin;
    catalogueReset.hidden = !state.catalogue;
  }
  $('catalogue-download').addEventListener('click', async () => {
    const answer = await bridge.request({ op: 'catalogue' });
    if (!answer.stale && answer.ok && typeof answer.result === 'string') {
      (await exportsModule()).download('kiemso-bo-quy-tac.json', answer.result, 'application/json');
    }
  });
  const catalogueFile = /** @type {HTMLInputElement} */ ($('catalogue-file'));
  /** As for the input: a catalogue file read after a newer choice is dropped. */
  let catalogueSeq = 0;
  catalogueFile.addEventListener('change', async () => {
    const file = catalogueFile.files?.[0];
    catalogueFile.value = '';
    if (!file) return;
    const seq = ++catalogueSeq;
    const text = decodeText(new Uint8Array(await file.arrayBuffer()));
    if (seq !== catalogueSeq) return;
    state.catalogue = { name: file.name, text };
    updateCatalogueState();
    persist();
    run();
  });
  catalogueReset.addEventListener('click', () => {
    catalogueSeq++;
    state.catalogue = null;
    updateCatalogueState();
    persist();
    run();
  });

  // ——— the inbox: many reports at once (www/lib/inbox.mjs, fetched when first needed) ———

  /** The report opened from the inbox, to show at this form. @type {string | null} */
  let inboxForm = null;
  /** @type {Promise<{ module: typeof import('./inbox.mjs'), inbox: ReturnType<typeof import('./inbox.mjs').createInbox> }> | null} */
  let inbox = null;
  const inboxOf = () => {
    inbox ??= import('./inbox.mjs').then((module) => ({
      module,
      inbox: module.createInbox({
        root: $('inbox'),
        load: writer,
        open: (file, edits, form) => {
          inboxForm = form;
          replaceInput({ file, edits }, s.openedFromInbox(file.name));
        },
        catalogue: () => state.catalogue?.text,
        say: (message) => { status.textContent = message; },
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

  updateFileChip();
  updateEditsBar();
  updateCatalogueState();
  persist();
  window.addEventListener('pagehide', () => persistSoon.flush());
  if (env.serviceWorker && 'serviceWorker' in navigator && location.protocol.startsWith('http')) {
    navigator.serviceWorker.register(env.serviceWorker).catch(() => {
      // No offline copy this time (private mode, blocked): the page still works online.
    });
  }
  if (!state.text.trim() && !state.file) run();
  return { bridge, view };
}
