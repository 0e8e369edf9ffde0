// The quarter's inbox (issue #13): many reports at once. Opening or dropping several files, a
// folder or a .zip lists every file with its status or the reason it could not be read, then an
// overview of units × forms with the counts of errors and warnings; a cell opens that report's
// form in the page's single-report view, and a what-if edit there comes back here. Two periods of
// the same unit are compared; «Tổng hợp» consolidates the units (and compares them with the
// province's report when one is marked) and downloads the consolidated .xlsx.
//
// No logic of the checks lives here: every report is read, identified, checked, compared and
// consolidated by the core through the export module's batch functions (src/wasm.rs:
// `checkReports`, `compareReports`, `consolidateReports`, `consolidatedWorkbook`,
// `unzipReports`), the same functions as `kiemso check|compare|consolidate --json`. The files,
// the units and periods typed and the what-if edits are kept on this device (IndexedDB) so the
// set survives a reload; nothing is sent anywhere.

import { h, replaceChildren, icon } from './dom.mjs';
import { useStyles } from './styles.mjs';
import { formOf, isNarrative } from './model.mjs';
import { INBOX } from './i18n-inbox.mjs';
import { MAX_FILE_BYTES, extensionOf, formatSize } from './files.mjs';

const s = INBOX.vi;

/**
 * @typedef {import('./model.mjs').Status} Status
 * @typedef {Record<string, { value: string, original: string }>} Edits
 * @typedef {object} Entry  one file of the inbox, as kept on the device
 * @property {number} id
 * @property {string} name  its name, with the folder or the .zip it came from
 * @property {Uint8Array | null} bytes  `null` when it could not be read from the disk
 * @property {string} [error]  why it could not be read from the disk
 * @property {string} [unit]  the unit typed by the user, over the one read
 * @property {string} [period]  the period typed by the user, over the one read
 * @property {Edits} edits  what-if edits of this report alone
 * @property {boolean} [province]  the province's own report, to compare the consolidation with
 * @typedef {{ year: number, months: number, label: string }} PeriodKey
 * @typedef {Partial<import('./model.mjs').Result> & { source: string, unit: string | null,
 *   period: string | null, unit_from: string, period_from: string, error?: string,
 *   period_key?: PeriodKey }} BatchReport  one report as the core's batch functions give it
 * @typedef {{ unit: string, value: string }} UnitValue
 * @typedef {{ id: string, kind: string, status: Status, cell?: string, reports: number[],
 *   previous?: string, current?: string, consolidated?: string, difference?: string,
 *   units?: UnitValue[], message: string }} BatchCheck
 * @typedef {{ reports: BatchReport[], checks: BatchCheck[],
 *   summary: { reports: number, unreadable: number, fail: number, warn: number, pass: number, na: number },
 *   consolidated?: { units: string[], forms: unknown[] } }} Batch
 * @typedef {object} BatchModule  the export module (www/pkg/export/kiemso.js), started
 * @property {(files: BatchInput[], options: object) => Batch} checkReports
 * @property {(previous: BatchInput[], current: BatchInput[], options: object) => Batch} compareReports
 * @property {(units: BatchInput[], province: BatchInput[] | null, options: object) => Batch} consolidateReports
 * @property {(units: BatchInput[], province: BatchInput[] | null, options: object) => Uint8Array} consolidatedWorkbook
 * @property {(bytes: Uint8Array, name: string) => { name: string, bytes: Uint8Array }[] | null} unzipReports
 * @typedef {{ name: string, bytes: Uint8Array, unit?: string, period?: string,
 *   overrides: Record<string, string> }} BatchInput
 * @typedef {{ entry: Entry, report: BatchReport, period: BatchCheck[], previous?: Row }} Row
 * @typedef {{ name: string, file?: File, entry?: FileSystemEntry }} Incoming  a file or a folder
 *   dropped or chosen
 * @typedef {object} InboxEnv
 * @property {HTMLElement} root  the inbox's section of the page
 * @property {() => Promise<BatchModule>} load  the export module
 * @property {(file: { name: string, bytes: Uint8Array }, edits: Edits, form: string | null) => void} open
 *   opens a report in the single-report view, with its edits, at a form
 * @property {() => string | undefined} catalogue  the user's catalogue (JSON text), if any
 * @property {(message: string) => void} say  the page's status line
 * @property {(name: string, bytes: Uint8Array, type: string) => void} download
 * @property {boolean} keep  whether to keep the set on this device (not on file://)
 */

/** The localStorage key that tells the page, without loading this module, that a set is kept. */
export const KEPT_FLAG = 'kiemso.inbox';
const DB_NAME = 'kiemso-inbox';
const STORE = 'files';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ——— keeping the set on the device (IndexedDB) ———

/** @returns {Promise<IDBDatabase>} */
function openDb() {
  return new Promise((resolve, reject) => {
    const rq = indexedDB.open(DB_NAME, 1);
    rq.onupgradeneeded = () => rq.result.createObjectStore(STORE, { keyPath: 'id' });
    rq.onsuccess = () => resolve(rq.result);
    rq.onerror = () => reject(rq.error);
  });
}

/**
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest<T>} act
 * @returns {Promise<T>}
 */
async function inStore(mode, act) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const rq = act(db.transaction(STORE, mode).objectStore(STORE));
      rq.onsuccess = () => resolve(rq.result);
      rq.onerror = () => reject(rq.error);
    });
  } finally {
    db.close();
  }
}

/** The kept set, in the order it was added. @returns {Promise<Entry[]>} */
export async function keptEntries() {
  const all = /** @type {Entry[]} */ (await inStore('readonly', (st) => st.getAll()));
  return all.sort((a, b) => a.id - b.id);
}

// ——— what the core is given ———

/** @param {Entry} entry @returns {BatchInput} */
function inputOf(entry) {
  return {
    name: entry.name,
    bytes: /** @type {Uint8Array} */ (entry.bytes),
    unit: entry.unit,
    period: entry.period,
    overrides: Object.fromEntries(Object.entries(entry.edits).map(([cell, e]) => [cell, e.value])),
  };
}

/**
 * The errors and warnings of a report, by form (`narrative` for its words): a check counts in the
 * form of the cell it is about.
 * @param {BatchReport} report
 * @returns {Map<string, { fail: number, warn: number }>}
 */
export function countsByForm(report) {
  /** @type {Map<string, { fail: number, warn: number }>} */
  const counts = new Map();
  for (const form of report.forms ?? []) counts.set(form.form, { fail: 0, warn: 0 });
  for (const c of report.checks ?? []) {
    if (c.status !== 'fail' && c.status !== 'warn') continue;
    const key = isNarrative(c) ? 'narrative' : formOf(c.cells[0] ?? '') || 'narrative';
    const n = counts.get(key) ?? { fail: 0, warn: 0 };
    n[c.status]++;
    counts.set(key, n);
  }
  return counts;
}

/** @param {PeriodKey | undefined} p */
const periodOrder = (p) => (p ? p.year * 100 + p.months : -1);

/**
 * @param {Uint8Array | null} a
 * @param {Uint8Array} b
 */
function sameBytes(a, b) {
  if (a === b) return true;
  if (!a || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Lets the page draw (the progress) between two files. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The files under the folders of a drop (`webkitGetAsEntry`), each named by its path.
 * @param {FileSystemEntry} entry
 * @param {Incoming[]} out
 * @param {number} depth
 */
async function walk(entry, out, depth = 0) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => /** @type {FileSystemFileEntry} */ (entry).file(resolve, reject)).catch(() => null);
    const name = entry.fullPath.replace(/^\//, '');
    out.push(file ? { name, file } : { name, entry });
    return;
  }
  if (!entry.isDirectory || depth > 8) return;
  const reader = /** @type {FileSystemDirectoryEntry} */ (entry).createReader();
  /** @type {FileSystemEntry[]} */
  const children = [];
  // readEntries gives the entries in batches until an empty one.
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => []);
    if (!batch.length) break;
    children.push(...batch);
  }
  children.sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) if (!child.name.startsWith('.')) await walk(child, out, depth + 1);
}

/**
 * What a drop of several files, folders or a .zip holds: its files, the folders walked.
 * @param {File[]} files  the drop's files, taken while the drop event lasted
 * @param {(FileSystemEntry | null)[]} entries  their entries (`webkitGetAsEntry`), taken then too
 * @returns {() => Promise<Incoming[]>}
 */
export function dropped(files, entries) {
  return async () => {
    /** @type {Incoming[]} */
    const out = [];
    for (let k = 0; k < files.length; k++) {
      const e = entries[k];
      if (e?.isDirectory) await walk(e, out);
      else out.push({ name: files[k].name, file: files[k] });
    }
    return out;
  };
}

/**
 * The inbox.
 * @param {InboxEnv} env
 */
export function createInbox(env) {
  const root = env.root;
  // Its styles come with it, not with every page (the first-load budget).
  useStyles(new URL('./inbox.css', import.meta.url));
  /** @type {Entry[]} */
  let entries = [];
  /** Each entry's reports as the core read them (a file may hold two reports). */
  /** @type {Map<number, BatchReport[]>} */
  const reports = new Map();
  /** @type {Row[]} */
  let rows = [];
  /** The periods, newest first, as the core labelled them. */
  /** @type {PeriodKey[]} */
  let periods = [];
  let nextId = 1;
  /** @type {{ key: string, dir: 1 | -1 }} */
  let sort = { key: 'order', dir: 1 };
  let onlyErrors = false;
  /** The entry open in the single-report view. */
  /** @type {Entry | null} */
  let opened = null;
  /** @type {{ batch: Batch, at: string } | null} */
  let consolidation = null;
  let busy = false;
  /** @type {Promise<BatchModule> | null} */
  let module = null;
  const load = () => {
    module ??= env.load();
    module.catch(() => { module = null; });
    return module;
  };

  const options = () => {
    const catalogue = env.catalogue();
    return catalogue ? { catalogue } : {};
  };

  // ——— the section's parts ———
  const progress = /** @type {HTMLProgressElement} */ (h('progress', { class: 'inbox-progress', max: 1, value: 0 }));
  const progressText = h('span', { class: 'inbox-progress-text', role: 'status', 'aria-live': 'polite' });
  const progressBox = h('div', { class: 'inbox-reading', hidden: true }, progress, progressText);
  const summary = h('p', { class: 'inbox-summary', id: 'inbox-summary' });
  const kept = h('p', { class: 'inbox-kept hint' });
  const filter = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'inbox-only-errors' }));
  const table = h('table', { class: 'inbox-table', id: 'inbox-table' });
  const detail = h('div', { class: 'inbox-detail', id: 'inbox-detail', 'aria-live': 'polite' });
  const consolidated = h('div', { class: 'inbox-consolidated', id: 'inbox-consolidated', 'aria-live': 'polite' });
  const consolidateButton = h('button', { type: 'button', class: 'button', id: 'inbox-consolidate', onclick: () => consolidate() }, s.consolidate);
  const eraseButton = h('button', { type: 'button', class: 'button button-quiet', id: 'inbox-erase', onclick: () => eraseAll() }, s.eraseAll);
  const closeButton = h('button', { type: 'button', class: 'button button-quiet', id: 'inbox-close', onclick: () => { root.hidden = true; } }, s.close);
  filter.addEventListener('change', () => { onlyErrors = filter.checked; drawTable(); });
  replaceChildren(root,
    h('h2', { id: 'inbox-h' }, s.title),
    h('p', { class: 'hint' }, s.hint),
    progressBox,
    summary,
    h('div', { class: 'inbox-actions' }, consolidateButton, eraseButton, closeButton),
    kept,
    h('div', { class: 'toolbar-filter' }, filter, h('label', { for: 'inbox-only-errors' }, s.onlyErrors)),
    h('div', { class: 'inbox-scroll' }, table),
    detail,
    consolidated);

  // ——— reading ———

  /**
   * Adds files (or a folder, or a .zip) to the set, reading and checking each in turn.
   * @param {Incoming[] | (() => Promise<Incoming[]>)} incoming
   */
  async function add(incoming) {
    root.hidden = false;
    busy = true;
    progressBox.hidden = false;
    progress.removeAttribute('value');
    progressText.textContent = s.opening;
    root.scrollIntoView?.({ block: 'start' });
    try {
      const list = typeof incoming === 'function' ? await incoming() : incoming;
      const mod = await load();
      if (typeof mod.checkReports !== 'function') throw new Error(s.noBatch);
      progress.max = Math.max(1, list.length);
      for (let k = 0; k < list.length; k++) {
        const item = list[k];
        progress.value = k;
        progressText.textContent = s.reading(k + 1, list.length, item.name);
        for (const entry of await readOne(item, mod)) {
          entries.push(entry);
          await save(entry);
          check(entry, mod);
        }
        // Each file appears as soon as it is checked.
        buildRows();
        drawSummary();
        drawTable();
        await tick();
      }
      progress.value = list.length;
      compare(mod);
      consolidation = null;
      draw();
      env.say(s.added(list.length));
    } catch (e) {
      progressText.textContent = s.failed(e instanceof Error ? e.message : String(e));
      return;
    } finally {
      busy = false;
    }
    progressBox.hidden = true;
  }

  /**
   * One file as entries: a .zip gives one entry per file inside; a file that cannot be read is
   * an entry with the reason.
   * @param {Incoming} item
   * @param {BatchModule} mod
   * @returns {Promise<Entry[]>}
   */
  async function readOne(item, mod) {
    /** @param {string} name @param {Uint8Array | null} bytes @param {string} [error] @returns {Entry} */
    const entry = (name, bytes, error) => ({ id: nextId++, name, bytes, error, edits: {} });
    if (!item.file) return [entry(item.name, null, s.cannotOpen)];
    if (item.file.size > MAX_FILE_BYTES) return [entry(item.name, null, s.tooLarge(formatSize(item.file.size), formatSize(MAX_FILE_BYTES)))];
    let bytes;
    try {
      bytes = new Uint8Array(await item.file.arrayBuffer());
    } catch {
      return [entry(item.name, null, s.cannotOpen)];
    }
    if (extensionOf(item.name) !== 'zip') return [entry(item.name, bytes)];
    try {
      const inner = mod.unzipReports(bytes, item.name);
      if (!inner) return [entry(item.name, bytes)];
      if (!inner.length) return [entry(item.name, null, s.emptyZip)];
      return inner.map((f) => entry(`${item.name}/${f.name}`, f.bytes));
    } catch (e) {
      return [entry(item.name, null, e instanceof Error ? e.message : String(e))];
    }
  }

  /**
   * Checks one entry (with its unit, period and edits) on its own.
   * @param {Entry} entry
   * @param {BatchModule} mod
   */
  function check(entry, mod) {
    if (!entry.bytes) {
      reports.set(entry.id, [{ source: entry.name, unit: null, period: null, unit_from: 'none', period_from: 'none', error: entry.error }]);
      return;
    }
    try {
      reports.set(entry.id, mod.checkReports([inputOf(entry)], options()).reports);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      reports.set(entry.id, [{ source: entry.name, unit: null, period: null, unit_from: 'none', period_from: 'none', error }]);
    }
  }

  /** A row per report read, in the order of the files. */
  function buildRows() {
    rows = entries.flatMap((entry) => (reports.get(entry.id) ?? []).map((report) => ({ entry, report, period: /** @type {BatchCheck[]} */ ([]) })));
  }

  /**
   * The rows, and the newest period against the one before: the core matches the units
   * (`compareReports`) and says what changed; each row of the newest period gets its checks and
   * the row of its previous report.
   * @param {BatchModule} mod
   */
  function compare(mod) {
    buildRows();
    /** @type {Map<number, PeriodKey>} */
    const seen = new Map();
    for (const r of rows) if (r.report.period_key) seen.set(periodOrder(r.report.period_key), r.report.period_key);
    periods = [...seen.entries()].sort((a, b) => b[0] - a[0]).map(([, p]) => p);
    if (periods.length < 2) return;
    const [current, previous] = periods.map(periodOrder);
    /** @param {number} p */
    const entriesOf = (p) => entries.filter((e) => e.bytes && periodOrder(reports.get(e.id)?.[0]?.period_key) === p && !e.province);
    const before = entriesOf(previous);
    const now = entriesOf(current);
    if (!before.length || !now.length) return;
    let batch;
    try {
      batch = mod.compareReports(before.map(inputOf), now.map(inputOf), options());
    } catch {
      return;
    }
    // The core's reports are those of `before` then `now`, in order, as read on their own.
    const order = [...before, ...now].flatMap((entry) => (reports.get(entry.id) ?? []).map((report) => rows.find((r) => r.entry === entry && r.report === report)));
    for (const c of batch.checks) {
      if (c.kind !== 'period') continue;
      const [p, k] = c.reports;
      const row = order[k ?? p];
      if (!row) continue;
      row.period.push(c);
      if (k !== undefined && order[p]) row.previous = order[p];
    }
  }

  /**
   * Checks one entry again (its unit, period or edits changed) and redraws.
   * @param {Entry} entry
   */
  async function recheck(entry) {
    const mod = await load();
    await save(entry);
    check(entry, mod);
    compare(mod);
    consolidation = null;
    draw();
  }

  // ——— drawing ———

  function draw() {
    drawSummary();
    drawTable();
    drawDetail();
    drawConsolidation();
  }

  function drawSummary() {
    const all = [...reports.values()].flat();
    const unreadable = all.filter((r) => r.error).length;
    const fail = all.reduce((n, r) => n + (r.summary?.fail ?? 0), 0);
    const warn = all.reduce((n, r) => n + (r.summary?.warn ?? 0), 0);
    summary.textContent = s.summary(entries.length, all.length - unreadable, unreadable, fail, warn, periods.map((p) => p.label));
    const size = entries.reduce((n, e) => n + (e.bytes?.length ?? 0), 0);
    kept.textContent = env.keep ? s.kept(entries.length, formatSize(size)) : s.notKept;
    consolidateButton.toggleAttribute('disabled', !rows.some((r) => !r.report.error) || busy);
  }

  /** The forms of the set, in the order they first appear, then the report's words. */
  function formsOfSet() {
    /** @type {string[]} */
    const forms = [];
    let words = false;
    for (const r of rows) {
      for (const f of r.report.forms ?? []) if (!forms.includes(f.form)) forms.push(f.form);
      if ((r.report.checks ?? []).some(isNarrative)) words = true;
    }
    return words ? [...forms, 'narrative'] : forms;
  }

  /** @param {Row} r */
  const totals = (r) => ({ fail: r.report.summary?.fail ?? 0, warn: r.report.summary?.warn ?? 0 });

  /**
   * The value a row is sorted by.
   * @param {Row} r
   * @param {string} key
   * @returns {string | number}
   */
  function sortValue(r, key) {
    if (key === 'unit') return (r.report.unit ?? r.entry.name).toLocaleLowerCase('vi');
    if (key === 'period') return periodOrder(r.report.period_key);
    if (key === 'source') return r.report.source.toLocaleLowerCase('vi');
    if (key === 'order') return rows.indexOf(r);
    if (r.report.error) return Number.MAX_SAFE_INTEGER;
    if (key === 'total') return totals(r).fail * 1e6 + totals(r).warn;
    if (key === 'previous') return r.period.filter((c) => c.status === 'fail' || c.status === 'warn').length;
    const n = countsByForm(r.report).get(key);
    return n ? n.fail * 1e6 + n.warn : -1;
  }

  function drawTable() {
    const forms = formsOfSet();
    const comparing = periods.length > 1;
    /** @param {string} key @param {string} label */
    const th = (key, label) => {
      const sorted = sort.key === key;
      return h('th', { scope: 'col', 'aria-sort': sorted ? (sort.dir === 1 ? 'ascending' : 'descending') : null },
        h('button', { type: 'button', class: 'inbox-sort', 'data-sort': key, onclick: () => {
          sort = { key, dir: sorted ? /** @type {1 | -1} */ (-sort.dir) : key === 'unit' || key === 'period' || key === 'source' || key === 'order' ? 1 : -1 };
          drawTable();
        } }, label, sorted ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''));
    };
    const head = h('tr', null,
      th('unit', s.unit), th('period', s.period), th('source', s.file),
      h('th', { scope: 'col' }, s.province),
      forms.map((f) => th(f, f === 'narrative' ? s.words : f)),
      comparing ? th('previous', s.previous) : null,
      th('total', s.total));
    const shown = rows
      .filter((r) => !onlyErrors || r.report.error || totals(r).fail > 0)
      .map((r) => /** @type {const} */ ([r, sortValue(r, sort.key)]))
      .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) * sort.dir || rows.indexOf(a[0]) - rows.indexOf(b[0]))
      .map(([r]) => r);
    const body = h('tbody', null, shown.map((r) => rowOf(r, forms, comparing)));
    replaceChildren(table, h('caption', { class: 'visually-hidden' }, s.tableCaption), h('thead', null, head), body);
    table.dataset.rows = String(shown.length);
  }

  /**
   * @param {Row} r
   * @param {string[]} forms
   * @param {boolean} comparing
   */
  function rowOf(r, forms, comparing) {
    const { entry, report } = r;
    const part = (reports.get(entry.id)?.length ?? 1) > 1;
    const edits = Object.keys(entry.edits).length;
    const source = h('td', { class: 'inbox-source' }, report.source, edits ? h('span', { class: 'inbox-edited' }, ` (${s.edited(edits)})`) : null);
    if (report.error) {
      return h('tr', { class: 'inbox-row inbox-unreadable', 'data-source': report.source },
        h('td', null, '—'), h('td'), source, h('td'),
        h('td', { colspan: forms.length + (comparing ? 2 : 1), class: 'inbox-reason' }, icon('fail'), ` ${s.unreadable}: ${report.error}`));
    }
    /** @param {'unit' | 'period'} what */
    const field = (what) => {
      const input = /** @type {HTMLInputElement} */ (h('input', {
        type: 'text', class: 'inbox-field', 'data-what': what, value: report[what] ?? '', 'aria-label': s.fieldLabel(what, report.source),
        disabled: part, title: report[`${what}_from`] === 'none' ? s.notFound : s.foundIn(report[`${what}_from`]),
      }));
      input.addEventListener('change', () => {
        entry[what] = input.value.trim() || undefined;
        recheck(entry);
      });
      return h('td', { 'data-from': report[`${what}_from`] }, input);
    };
    const counts = countsByForm(report);
    const cells = forms.map((f) => {
      const n = counts.get(f);
      if (!n) return h('td', { class: 'inbox-count inbox-none' }, '—');
      const label = n.fail || n.warn ? [n.fail ? s.fails(n.fail) : '', n.warn ? s.warns(n.warn) : ''].filter(Boolean).join(' · ') : s.clean;
      return h('td', { class: `inbox-count ${n.fail ? 'is-fail' : n.warn ? 'is-warn' : 'is-pass'}`, 'data-form': f, 'data-fail': n.fail, 'data-warn': n.warn },
        h('button', { type: 'button', class: 'inbox-open', 'aria-label': s.openLabel(report.unit ?? report.source, f === 'narrative' ? s.words : f), onclick: () => open(r, f === 'narrative' ? null : f) }, label));
    });
    const t = totals(r);
    const periodProblems = r.period.filter((c) => c.status === 'fail' || c.status === 'warn');
    const province = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', 'aria-label': s.provinceLabel(report.unit ?? report.source), checked: !!entry.province }));
    province.addEventListener('change', () => {
      entry.province = province.checked;
      recheck(entry);
    });
    return h('tr', { class: `inbox-row${opened === entry ? ' is-open' : ''}`, 'data-source': report.source, 'data-fail': t.fail, 'data-warn': t.warn },
      field('unit'), field('period'), source, h('td', { class: 'inbox-province' }, province), cells,
      comparing ? h('td', { class: `inbox-count ${periodProblems.length ? 'is-warn' : ''}`, 'data-period': periodProblems.length },
        r.period.length ? h('button', { type: 'button', class: 'inbox-open', onclick: () => open(r, null) }, periodProblems.length ? s.periodProblems(periodProblems.length) : s.clean) : '—') : null,
      h('td', { class: `inbox-count inbox-total ${t.fail ? 'is-fail' : t.warn ? 'is-warn' : 'is-pass'}`, 'data-fail': t.fail, 'data-warn': t.warn },
        t.fail || t.warn ? [t.fail ? s.fails(t.fail) : '', t.warn ? s.warns(t.warn) : ''].filter(Boolean).join(' · ') : s.clean));
  }

  /**
   * Opens a row's report in the single-report view, at a form.
   * @param {Row} r
   * @param {string | null} form
   */
  function open(r, form) {
    if (!r.entry.bytes) return;
    opened = r.entry;
    env.open({ name: r.entry.name, bytes: r.entry.bytes }, r.entry.edits, form);
    drawTable();
    drawDetail();
  }

  /** The opened report against its previous period: the previous value beside the current. */
  function drawDetail() {
    const r = opened && rows.find((x) => x.entry === opened);
    if (!r || !r.period.length) {
      replaceChildren(detail);
      return;
    }
    const prev = r.previous?.report.period ?? s.previousPeriod;
    const problem = (/** @type {BatchCheck} */ c) => c.status === 'fail' || c.status === 'warn';
    /** @param {BatchCheck[]} checks */
    const table = (checks) => h('table', { class: 'inbox-period' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, s.cell), h('th', { scope: 'col' }, prev), h('th', { scope: 'col' }, r.report.period ?? s.current), h('th', { scope: 'col' }, s.verdict))),
      h('tbody', null, checks.map((c) => h('tr', { class: `is-${c.status}` },
        h('td', null, c.cell ?? ''), h('td', { class: 'num' }, c.previous ?? ''), h('td', { class: 'num' }, c.current ?? ''),
        h('td', null, c.status === 'pass' ? s.clean : c.message)))));
    const problems = r.period.filter(problem);
    const rest = r.period.filter((c) => !problem(c));
    replaceChildren(detail,
      h('h3', null, s.periodHeading(r.report.unit ?? r.report.source, r.report.period ?? '', prev)),
      problems.length ? table(problems) : h('p', null, s.periodClean),
      // The cells that agree: the previous value beside the current, folded.
      rest.length ? h('details', null, h('summary', null, s.periodRest(rest.length)), table(rest)) : null);
  }

  /**
   * The page's single-report view showed the opened report with these edits: the same edits
   * for this report in the set, checked again by the core.
   * @param {{ name: string, bytes: Uint8Array } | null} file
   * @param {Edits} edits
   */
  function shown(file, edits) {
    if (!file) return;
    // After a reload the view reopens its file on its own: the entry with the same bytes.
    opened ??= entries.find((e) => e.name === file.name && sameBytes(e.bytes, file.bytes)) ?? null;
    if (!opened?.bytes || !sameBytes(opened.bytes, file.bytes)) return;
    if (JSON.stringify(edits) === JSON.stringify(opened.edits)) return;
    opened.edits = { ...edits };
    recheck(opened);
  }

  // ——— consolidation ———

  /** The units of the newest period (or of the whole set), and the province's report. */
  function consolidationInputs() {
    const newest = periods.length ? periodOrder(periods[0]) : null;
    const inPeriod = entries.filter((e) => e.bytes && (newest === null || periodOrder(reports.get(e.id)?.[0]?.period_key) === newest || !reports.get(e.id)?.[0]?.period_key));
    const province = inPeriod.find((e) => e.province) ?? null;
    return { units: inPeriod.filter((e) => !e.province), province, label: periods[0]?.label ?? '' };
  }

  async function consolidate() {
    const { units, province, label } = consolidationInputs();
    if (!units.length) return;
    env.say(s.consolidating);
    try {
      const mod = await load();
      const batch = mod.consolidateReports(units.map(inputOf), province ? [inputOf(province)] : null, options());
      consolidation = { batch, at: label };
      drawConsolidation();
      const bytes = mod.consolidatedWorkbook(units.map(inputOf), province ? [inputOf(province)] : null, options());
      const stem = (label || 'bao-cao').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
      env.download(`kiemso-tong-hop-${stem}.xlsx`, bytes, XLSX_TYPE);
      env.say(s.consolidated(units.length));
    } catch (e) {
      env.say(s.failed(e instanceof Error ? e.message : String(e)));
    }
  }

  function drawConsolidation() {
    if (!consolidation) {
      replaceChildren(consolidated);
      return;
    }
    const { batch, at } = consolidation;
    const checks = batch.checks.filter((c) => c.kind === 'consolidation');
    const differing = checks.filter((c) => c.status === 'fail' || c.status === 'warn');
    const others = batch.checks.filter((c) => c.kind !== 'consolidation' && c.status !== 'pass');
    const units = batch.consolidated?.units.length ?? 0;
    const hasProvince = checks.length > 0;
    replaceChildren(consolidated,
      h('h3', null, s.consolidationHeading(units, at)),
      h('p', { id: 'inbox-consolidation-verdict' }, hasProvince ? (differing.length ? s.differing(differing.length, checks.length) : s.agrees(checks.length)) : s.noProvince),
      others.length ? h('ul', { class: 'inbox-notes' }, others.map((c) => h('li', null, c.message))) : null,
      differing.length
        ? h('table', { class: 'inbox-differences' },
          h('thead', null, h('tr', null, [s.cell, s.provinceValue, s.unitsSum, s.difference, s.contributing].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, differing.map((c) => h('tr', { class: `is-${c.status}` },
            h('td', null, c.cell ?? ''), h('td', { class: 'num' }, c.current ?? ''), h('td', { class: 'num' }, c.consolidated ?? ''),
            h('td', { class: 'num' }, c.difference ?? ''),
            h('td', null, (c.units ?? []).map((u) => `${u.unit}: ${u.value}`).join('; '))))))
        : null);
  }

  // ——— keeping ———

  /** @param {Entry} entry */
  async function save(entry) {
    if (!env.keep) return;
    try {
      await inStore('readwrite', (st) => st.put(entry));
      localStorage.setItem(KEPT_FLAG, '1');
    } catch {
      kept.textContent = s.notSaved;
    }
  }

  async function eraseAll() {
    entries = [];
    reports.clear();
    rows = [];
    periods = [];
    opened = null;
    consolidation = null;
    try {
      localStorage.removeItem(KEPT_FLAG);
      await inStore('readwrite', (st) => st.clear());
    } catch {
      // Nothing was kept (storage blocked): nothing to erase.
    }
    draw();
    root.hidden = true;
    env.say(s.erased);
  }

  /** Reads the set kept on this device back (after a reload). */
  async function restore() {
    if (!env.keep) return;
    let kept;
    try {
      kept = await keptEntries();
    } catch {
      return;
    }
    if (!kept.length) return;
    root.hidden = false;
    entries = kept;
    nextId = Math.max(...kept.map((e) => e.id)) + 1;
    progressBox.hidden = false;
    progressText.textContent = s.restoring(kept.length);
    const mod = await load();
    for (const e of entries) check(e, mod);
    compare(mod);
    progressBox.hidden = true;
    draw();
  }

  return { add, restore, shown, root };
}
