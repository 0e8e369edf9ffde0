// Keeps what the user typed on this device (localStorage), so a reload or a closed tab loses
// nothing. Never sent anywhere. Every access is guarded: storage can be full, disabled or blocked.
// Tabs share it: `watch` tells a tab when another one changes it, so neither overwrites the
// other's text without saying so. Not used at all on file:// (see page.mjs).

const KEY = 'kiemso.v1';
/** Files larger than this are not kept (localStorage holds a few MB per site). */
export const MAX_SAVED_FILE = 1_500_000;

/**
 * @typedef {object} Saved
 * @property {string} text
 * @property {Record<string, { value: string, original: string }>} edits
 * @property {{ name: string, data: string } | null} file  data is base64
 * @property {{ name: string, text: string } | null} catalogue
 * @property {boolean} onlyProblems
 */

/** @returns {Saved} */
export function emptySaved() {
  return { text: '', edits: {}, file: null, catalogue: null, onlyProblems: false };
}

/**
 * @param {Storage | undefined} [store]
 * @returns {Saved}
 */
export function load(store = safeStorage()) {
  if (!store) return emptySaved();
  try {
    return parse(store.getItem(KEY));
  } catch {
    return emptySaved();
  }
}

/**
 * What a saved value holds, however damaged.
 * @param {string | null} raw
 * @returns {Saved}
 */
function parse(raw) {
  const base = emptySaved();
  try {
    if (!raw) return base;
    const v = JSON.parse(raw);
    if (!v || typeof v !== 'object') return base;
    return {
      text: typeof v.text === 'string' ? v.text : '',
      edits: cleanEdits(v.edits),
      file: v.file && typeof v.file.name === 'string' && typeof v.file.data === 'string' ? { name: v.file.name, data: v.file.data } : null,
      catalogue: v.catalogue && typeof v.catalogue.text === 'string' ? { name: String(v.catalogue.name ?? ''), text: v.catalogue.text } : null,
      onlyProblems: v.onlyProblems === true,
    };
  } catch {
    return base;
  }
}

/**
 * Calls `onChange` with what is saved now whenever another tab or window of this site changes or
 * erases it (the browser never reports a tab's own writes to itself).
 * @param {(saved: Saved) => void} onChange
 */
export function watch(onChange) {
  globalThis.addEventListener?.('storage', (/** @type {StorageEvent} */ event) => {
    if (event.key === KEY || event.key === null) onChange(parse(event.key === null ? null : event.newValue));
  });
}

/**
 * The part of a saved value that is the user's work (not display settings), as one string: two
 * values are the same work when these are equal.
 * @param {Pick<Saved, 'text' | 'edits' | 'file' | 'catalogue'>} saved
 */
export function workOf(saved) {
  return JSON.stringify([saved.text, saved.edits, saved.file?.name ?? null, saved.file?.data ?? null, saved.catalogue]);
}

/** @param {unknown} e */
function cleanEdits(e) {
  /** @type {Saved['edits']} */
  const out = {};
  if (!e || typeof e !== 'object') return out;
  for (const [cell, v] of Object.entries(e)) {
    if (v && typeof v === 'object' && typeof v.value === 'string' && typeof v.original === 'string') {
      out[cell] = { value: v.value, original: v.original };
    }
  }
  return out;
}

/**
 * Saves. Returns 'saved', 'without-file' (a file was too large to keep; the rest is saved) or
 * 'failed' (storage full or disabled).
 * @param {Saved} saved
 * @param {Storage | undefined} [store]
 */
export function save(saved, store = safeStorage()) {
  if (!store) return 'failed';
  try {
    store.setItem(KEY, JSON.stringify(saved));
    return 'saved';
  } catch {
    if (!saved.file) return 'failed';
    try {
      // Keep at least the typed text and edits if a saved file made it too large.
      store.setItem(KEY, JSON.stringify({ ...saved, file: null }));
      return 'without-file';
    } catch {
      return 'failed';
    }
  }
}

/** @param {Storage | undefined} [store] */
export function erase(store = safeStorage()) {
  try {
    store?.removeItem(KEY);
  } catch {
    // Nothing stored, or storage blocked: nothing to erase.
  }
}

/** @returns {Storage | undefined} */
function safeStorage() {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * @param {string} b64
 * @returns {Uint8Array}
 */
export function fromBase64(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
