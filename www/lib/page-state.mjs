// The page's state (its parts: state.d.ts) and the actions that compute the next one, pure (no
// DOM, storage or worker: e2e/page-state.test.mjs). page.mjs keeps it in a store and renders it.

import { extensionOf } from './files.mjs';

/**
 * @typedef {import('./state').State} State
 * @typedef {import('./state').Work} Work
 * @typedef {import('./state').Catalogue} Catalogue
 * @typedef {import('./i18n.mjs').Strings} Strings
 * @typedef {import('./model.mjs').Result & { narrative_pending?: boolean }} Result
 */
/** @template {unknown[]} A @typedef {import('./state').Action<A>} Action */

/**
 * Text longer than this is checked but not put into the text box: a browser lays out a text
 * box's whole content at once (5.5 MB of pasted tables took 8 s, then seconds again at each
 * change of the page), and a saved input that long would freeze every reload.
 */
export const TEXTBOX_LIMIT = 500_000;

/**
 * The page opened with what was kept on the device.
 * @param {Work & { catalogue: Catalogue | null, onlyProblems: boolean }} saved
 * @param {string} savedWork
 * @returns {State}
 */
export const initialState = ({ text, edits, file, catalogue, onlyProblems }, savedWork) => ({
  text, edits, file, catalogue, onlyProblems, savedWork,
  seq: 0, catalogueSeq: 0, openedNote: '', undo: null,
  result: null, source: '', phase: 'empty', panel: 'empty', busy: false, downloading: false, narrativePending: false, shown: 0,
  problems: [], engineNote: '',
  engine: { state: 'starting', mode: '', checkFile: false, restarts: 0, everReady: false },
  status: { text: '', n: 0 }, storage: { text: '', warning: false }, conflict: null,
  selected: null, inboxForm: null, reveal: false, focus: null, phone: false, touch: false, drag: 0,
});

/** Whether the input is text too long to show in the text box. @param {State} st */
export const tooLongToShow = (st) => !st.file && st.text.length > TEXTBOX_LIMIT;

/** The status line says `text`. @type {Action<[text: string]>} */
export const say = (st, text) => ({ status: { text, n: st.status.n + 1 } });

/** A newer action on the input: what an older one brings when it ends is dropped. @type {Action<[]>} */
export const newer = (st) => ({ seq: st.seq + 1 });

/** @type {Action<[to: import('./state').Focus['to'], form?: string | null]>} */
const focusOn = (st, to, form = null) => ({ focus: { to, form, n: (st.focus?.n ?? 0) + 1 } });

/** @param {State} st @returns {Work} */
const workOf = (st) => ({ text: st.text, edits: st.edits, file: st.file });

/**
 * The whole input replaced (a paste outside the text box, the example, a file, the inbox), what
 * was there kept for «Hoàn tác» (`message`).
 * @type {Action<[next: Partial<Work> & { note?: string, form?: string | null }, message: string]>}
 */
export const replaced = (st, next, message) => ({
  ...newer(st),
  openedNote: next.note ?? '',
  text: next.text ?? '',
  file: next.file ?? null,
  edits: { ...next.edits },
  undo: st.text.trim() || st.file ? { message, work: workOf(st) } : null,
  reveal: true,
  selected: null,
  ...(next.form !== undefined && { inboxForm: next.form }),
});

/**
 * Typed in the text box (`value`): over a file or a text too long to show, it replaces them;
 * blanks typed over such a text leave it as it is.
 * @type {Action<[value: string]>}
 */
export const typed = (st, value) => {
  const next = { ...st, ...((st.file || tooLongToShow(st)) && value.trim() && { file: null, text: value }) };
  return { ...newer(st), openedNote: '', file: next.file, text: tooLongToShow(next) ? next.text : value };
};

/** «Hoàn tác»: the input before the last replacement. @type {Action<[s: Strings]>} */
export const undone = (st, s) => ({ ...st.undo?.work, undo: null, ...newer(st), openedNote: '', ...say(st, s.restored) });

/** «Xoá dữ liệu»: the input, its edits and the answer gone, with «Hoàn tác». @type {Action<[s: Strings]>} */
export const erased = (st, s) => ({
  ...newer(st), openedNote: '', text: '', edits: {}, file: null, conflict: null, result: null, problems: [], engineNote: '',
  undo: st.text.trim() || st.file || Object.keys(st.edits).length ? { message: s.erasedUndo, work: workOf(st) } : st.undo,
});

/**
 * The work another tab saved (`otherWork`: storage.mjs `workOf`), taken into this one.
 * @type {Action<[other: Work & { catalogue: Catalogue | null }, otherWork: string, s: Strings]>}
 */
export const tookOther = (st, other, otherWork, s) => ({
  ...replaced(st, other, ''), catalogue: other.catalogue,
  savedWork: otherWork, conflict: null, undo: { message: s.tookOtherTab, work: workOf(st) },
});

/**
 * A figure edited in the table: a what-if edit, dropped when it is back to the printed figure.
 * @type {Action<[cell: string, value: string]>}
 */
export const edited = (st, cell, value) => {
  const current = st.result?.forms.flatMap((f) => f.table).find((r) => r.cell === cell);
  const original = st.edits[cell]?.original ?? current?.value ?? '';
  const edits = { ...st.edits };
  if (value.trim() === original.trim()) delete edits[cell];
  else edits[cell] = { value, original };
  return { edits };
};

/**
 * The checker's answer (its notices in the page's words: engine.mjs `wordNotices`): shown, its
 * notices listed, the status line saying what was checked.
 * @type {Action<[result: Result, s: Strings]>}
 */
export const answered = (st, result, s) => {
  const pending = result.narrative_pending === true;
  /** @type {import('./state').Problem[]} */
  const problems = result.notices.map((n) => ({ message: n.message, line: n.line, target: st.file ? 'file' : 'input', content: !n.code }));
  if (st.openedNote && !st.file) problems.unshift({ message: st.openedNote, content: true });
  const { fail, warn, pass, na } = result.summary;
  const words = result.checks.some((c) => c.kind === 'narrative');
  const counted = s.counted(fail, warn, pass, na);
  const forms = result.forms.length;
  return {
    shown: st.shown + 1, result, problems, engineNote: '', downloading: false, narrativePending: pending,
    busy: pending, phase: pending ? 'checking' : 'done', panel: pending ? 'checking' : 'done',
    source: st.file ? s.sourceFile(st.file.name) : s.sourcePasted(st.text.split('\n').length),
    ...say(st, pending ? s.checkedPending(forms, counted) : forms ? s.checked(forms, words, counted) : words ? s.checkedTextOnly(counted) : s.noTableFound),
    ...(st.reveal ? { reveal: false, ...focusOn(st, 'results', st.inboxForm) } : st.inboxForm && focusOn(st, 'form', st.inboxForm)),
    inboxForm: null,
  };
};

/** Nothing to check: the empty page. @type {Action<[]>} */
export const cleared = (st) => ({ shown: st.shown + 1, result: null, problems: [], phase: 'empty', panel: 'empty', ...say(st, '') });

/** The answer shown is not the input's: «kết quả cũ», or an error where nothing was shown. @type {Action<[]>} */
const notCurrent = (st) => ({ phase: st.result ? 'stale' : 'error', panel: st.result ? 'stale' : 'error' });

/** @param {string} name  a file's name @param {Strings} s */
export const unsupportedFile = (name, s) => s.unsupportedFile(extensionOf(name).toUpperCase(), name);

/**
 * What was shown stays, marked as not current, when the input is refused (`input`: the core's
 * reason), the file's kind is not supported (the file is closed), or the checker crashed or
 * timed out. A file refused before it reached the checker (too big, unreadable) is `refused`.
 * @type {Action<[error: { kind: string, message: string }, s: Strings]>}
 */
export const failed = (st, { kind, message }, s) => ({
  shown: st.shown + 1, downloading: false, narrativePending: false, busy: false, problems: [],
  ...(kind === 'unsupported'
    ? { file: null, problems: [{ target: 'input', message: unsupportedFile(st.file?.name ?? '', s) }] }
    : kind === 'input'
      ? { problems: [{ target: st.file ? 'file' : 'input', message, content: true }] }
      : kind !== 'unavailable' && { engineNote: kind === 'timeout' ? s.timedOut : s.crashed }),
  ...notCurrent(st),
  ...say(st, s.notChecked),
  ...(st.reveal && { reveal: false, ...focusOn(st, 'problems') }),
});

/** A file refused (`content`: in the core's words). @type {Action<[message: string, content?: boolean]>} */
export const refused = (st, message, content = false) => ({ problems: [{ target: 'input', message, content }], ...notCurrent(st), ...focusOn(st, 'problems') });
