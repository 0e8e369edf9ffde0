// What the page hands out: a short text for chat or e-mail, the checks as CSV (opens in Excel with
// its Vietnamese letters intact), and the result as JSON (the contract of docs/contract.md). All built in
// memory and saved through a Blob link: nothing is sent anywhere.

import { STRINGS } from './i18n.mjs';
import { indexResult, isNarrative } from './model.mjs';
import { findingKind, placeOf } from './narrative.mjs';
import { extensionOf } from './files.mjs';

/**
 * @typedef {import('./model.mjs').Result} Result
 * @typedef {Record<string, { value: string, original: string }>} Edits
 */

const vi = STRINGS.vi;

/**
 * "28/11/2025 10:32".
 * @param {Date} d
 */
export function formatDate(d) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * "2025-11-28-1032", for file names.
 * @param {Date} d
 */
export function fileStamp(d) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/**
 * The report's unit, period and subject as the core read them from its heading (`result.about`,
 * src/about.rs); empty when the report gives none.
 * @param {Result} result
 * @returns {{ unit?: string, period?: string, title?: string }}
 */
export function aboutOf(result) {
  return /** @type {any} */ (result).about ?? {};
}

/**
 * What the checks say a figure should be, without blaming the figure when another one is the
 * likely mistake: the suggestion of the localisation (src/locate.rs) when there is one («nhiều khả
 * năng sai ở dòng 3.1.2: 66.867 → 66.687»), else the value found by the rule, named as what it is
 * (a total re-added, a ratio recomputed), not as «đúng ra».
 * @param {import('./model.mjs').Check} c
 * @param {ReturnType<typeof indexResult>} index
 * @param {import('./i18n.mjs').Strings} [s]  the words (Vietnamese by default)
 * @returns {string}
 */
export function shouldBe(c, index, s = vi) {
  const best = (c.suggestions ?? []).map((k) => index.result.suggestions?.[k]).find(Boolean);
  if (best) {
    const hit = index.rows.get(best.cell);
    const place = hit ? s.rowOf(s.formName(hit.form.form), hit.row.stt) : best.cell;
    if (best.cell === c.cells[0]) return s.likelyIs(c.reported ?? best.current, best.suggested);
    return s.likelyElsewhere(c.reported ?? '?', place, best.current, best.suggested);
  }
  if (!c.expected || !c.reported) return '';
  return s.found(c.kind, c.reported, c.expected);
}

/**
 * A short plain-text summary to paste into a chat or an e-mail: the unit and the period (from the
 * report's heading; the file's name when it gives none), the counts, then each problem once.
 * @param {Result} result
 * @param {{ source?: string, edits?: Edits, when?: Date, limit?: number, lineWord?: string, strings?: import('./i18n.mjs').Strings }} [about]
 *   `lineWord`: what the lines of the narrative count ("dòng", or "đoạn" for a Word file);
 *   `strings`: the words (Vietnamese by default)
 * @returns {string}
 */
export function textSummary(result, about = {}) {
  const index = indexResult(result);
  const { summary, forms, checks } = result;
  const when = about.when ?? new Date();
  const limit = about.limit ?? 20;
  const s = about.strings ?? vi;
  const lineWord = about.lineWord ?? s.lineWord;
  const words = index.narrative.length;
  const heading = aboutOf(result);
  const lines = [s.summaryTitle(formatDate(when))];
  if (heading.unit) lines.push(s.summaryUnit(heading.unit));
  if (heading.period) lines.push(s.summaryPeriod(heading.period));
  if (about.source) lines.push(s.summarySource(!!heading.unit, about.source));
  lines.push(s.summaryCounts(forms.length, checks.length, words, summary));
  const edited = Object.entries(about.edits ?? {});
  if (edited.length) {
    lines.push(s.summaryEdits(edited.length, edited.map(([c, e]) => `${c}: ${e.original || s.empty} → ${e.value || s.empty}`).join('; ')));
  }
  for (const status of /** @type {const} */ (['fail', 'warn'])) {
    const list = index.problems.filter((c) => c.status === status);
    if (!list.length) continue;
    lines.push('', `${s.status[status]} (${list.length}):`);
    for (const c of list.slice(0, limit)) {
      if (isNarrative(c)) {
        // The explanation quotes the sentence and gives both figures.
        const place = placeOf(c, lineWord);
        lines.push(`- ${s.inText}${place ? ` (${place})` : ''}: ${c.message}`);
        continue;
      }
      const hit = index.rows.get(c.cells[0] ?? '');
      // The core's explanation names the row itself («Dòng 3.1 «…»: …»): the place says only
      // what it does not (the form), so that «dòng 1: Dòng 1» is not written. (The core's words
      // are Vietnamese in any language of the page: `dòng` here reads them.)
      const namesRow = hit && c.message.toLowerCase().startsWith(`dòng ${hit.row.stt.toLowerCase()}`);
      const where = hit ? (namesRow ? s.formName(hit.form.form) : s.rowOf(s.formName(hit.form.form), hit.row.stt)) : c.cells[0] ?? '';
      const should = shouldBe(c, index, s);
      lines.push(`- ${where}: ${c.message}${should ? ` [${should}]` : ''}`);
    }
    if (list.length > limit) lines.push(s.summaryMore(list.length - limit));
  }
  if (!summary.fail && !summary.warn && forms.length) lines.push('', s.summaryClean);
  lines.push('', s.summaryFooter);
  return lines.join('\n');
}

/**
 * What a spreadsheet may take for the start of a formula: `=`, `+`, `-`, `@` (and their full-width
 * forms, which some input methods type), after any spaces (LibreOffice can trim them), or a tab,
 * carriage return (OWASP's list) or line feed first. Indicator names, units, notes and titles come
 * from other units' files, so a cell reading `=HYPERLINK(…)` must not become a live link in Excel.
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** The field separator of the CSV: what Excel set to Vietnamese splits on. */
export const SEP = ';';

/** A figure as the tables print it (`-5`, `-1,5`, `+3,5`, `-1.234,5`, `12%`): left a number. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)*%?$/;

/**
 * One CSV field (RFC 4180), inert in a spreadsheet: text that could start a formula gets a
 * leading apostrophe (what Excel itself shows for text typed as `'=…`); a figure, signed or not,
 * and a lone dash (a table's "none") are written as they are.
 * @param {unknown} v
 * @returns {string}
 */
export function csvField(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) && s !== '-') s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * "B03/3.1.2: 66.687 → 66.678" for each cell of `cells` that was edited, joined by "; ".
 * @param {string[]} cells
 * @param {Edits} edits
 * @param {import('./i18n.mjs').Strings} s
 */
function editsAmong(cells, edits, s) {
  const out = [];
  for (const cell of new Set(cells)) {
    const e = Object.hasOwn(edits, cell) ? edits[cell] : undefined;
    if (e) out.push(`${cell}: ${e.original || s.empty} → ${e.value || s.empty}`);
  }
  return out.join('; ');
}

/**
 * The checks as CSV, one line per check, with the row each is about. A check of the report's words
 * is about a sentence: "Lời văn" in the form's column, the sentence and its line in their own
 * columns, the figure the table gives under "Số liệu" (not "Số đúng": either may be the wrong one)
 * and every cell it was compared with under "Các ô liên quan". What-if edits are not reported
 * figures: "Số liệu" is the figure checked, "Số liệu gốc" the printed one when the cell was edited,
 * and "Thử sửa" names every edited cell the check used, printed → tried. Starts with a byte-order
 * mark so Excel reads it as UTF-8, and separates fields with `;`: Excel set to Vietnamese uses the
 * comma for decimals and `;` between fields, so a comma-separated file opens there as one column.
 * Only the checks that do not hold unless `all` (a list of 165 «Đạt» hides the four problems).
 * @param {Result} result
 * @param {{ edits?: Edits, all?: boolean, strings?: import('./i18n.mjs').Strings }} [about]
 *   `strings`: the words of the header and the verdicts (Vietnamese by default)
 * @returns {string}
 */
export function resultsCsv(result, about = {}) {
  const s = about.strings ?? vi;
  const edits = about.edits ?? {};
  const all = about.all ?? false;
  const index = indexResult(result);
  // The columns about edits come last: files read by position before they existed still read.
  const header = s.csvHeader;
  const lines = [header.map(csvField).join(SEP)];
  for (const c of result.checks) {
    if (!all && c.status !== 'fail' && c.status !== 'warn') continue;
    const first = c.cells[0] ?? '';
    const printed = Object.hasOwn(edits, first) ? edits[first].original : '';
    const tried = editsAmong(c.cells, edits, s);
    if (isNarrative(c)) {
      const vsTable = c.cells.length > 0;
      lines.push([
        s.inText, '', '', '', '',
        vsTable ? c.expected ?? '' : '',
        s.status[c.status],
        findingKind(s, c),
        c.formula ?? '',
        c.reported ?? '',
        vsTable ? '' : c.expected ?? '',
        c.imbalance ?? '',
        c.message,
        c.cells.join(' '),
        c.inferred ? s.yes : '',
        c.quote ?? '',
        c.line ?? '',
        printed,
        tried,
      ].map(csvField).join(SEP));
      continue;
    }
    const hit = index.rows.get(first);
    lines.push([
      hit ? s.formName(hit.form.form) : '',
      first,
      hit?.row.stt ?? '',
      hit?.row.indicator ?? '',
      hit?.row.unit ?? '',
      hit?.row.value ?? '',
      s.status[c.status],
      s.kind[c.kind] ?? c.kind,
      c.formula ?? '',
      c.reported ?? '',
      c.expected ?? '',
      c.imbalance ?? '',
      c.message,
      c.cells.slice(1).join(' '),
      c.inferred ? s.yes : '',
      c.quote ?? '',
      c.line ?? '',
      printed,
      tried,
    ].map(csvField).join(SEP));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The result as pretty JSON: the contract of docs/contract.md as the core returned it. When figures were
 * edited ("what if"), the core checked the edited values, so each edited row also carries
 * `original` (the printed figure) and `edited: true`, and a top-level `edits` lists every edit
 * (`{ cell, original, value }`); without edits the document is the core's, unchanged.
 * @param {Result} result
 * @param {{ edits?: Edits }} [about]
 */
export function resultsJson(result, about = {}) {
  const list = Object.entries(about.edits ?? {});
  if (!list.length) return `${JSON.stringify(result, null, 2)}\n`;
  const edits = new Map(list);
  const marked = {
    ...result,
    forms: result.forms.map((form) => ({
      ...form,
      table: form.table.map((row) => {
        const e = edits.get(row.cell);
        return e ? { ...row, original: e.original, edited: true } : row;
      }),
    })),
    edits: list.map(([cell, e]) => ({ cell, original: e.original, value: e.value })),
  };
  return `${JSON.stringify(marked, null, 2)}\n`;
}

/**
 * The correction letter («Phiếu rà soát số liệu», .docx) or the tables with the problem cells
 * marked (.xlsx), written by the core (src/export/) from the same input and edits as the check on
 * screen. The writers are in a module of their own (www/pkg/export/), never in the first load nor
 * in the complete module: `loadWriter` gives it, fetched on the first export (then kept by the
 * service worker for offline use).
 * @param {'docx' | 'xlsx'} format
 * @param {import('./engine.mjs').Job} job  the page's current check (`op` 'text' or 'file')
 * @param {{ source: string, when?: Date, loadWriter: () => Promise<any>, strings?: import('./i18n.mjs').Strings }} about
 *   `strings`: the words of its errors (Vietnamese by default)
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
export async function exportDocument(format, job, about) {
  const mod = await about.loadWriter();
  if (typeof mod.exportReport !== 'function') throw new Error((about.strings ?? vi).noExportWriter);
  if (job.op !== 'text' && job.op !== 'file') throw new Error((about.strings ?? vi).nothingToExport);
  // A paste goes in as a UTF-8 text file: the core reads it as it reads a pasted text.
  const bytes = job.op === 'file' ? job.bytes : new TextEncoder().encode(job.text);
  const name = job.op === 'file' ? job.name : 'van-ban-dan-vao.txt';
  const date = formatDate(about.when ?? new Date()).slice(0, 10);
  return mod.exportReport(bytes, name, format, about.source, date, false, job.options ?? {});
}

/**
 * The opened .xlsx or .docx itself, annotated: a copy with each problem cell highlighted and a
 * comment saying what is wrong, written by the core (src/export/annotate.rs) in the writers'
 * module. The bytes stay in memory; the original is not modified. The what-if edits are left
 * out: the copy is of the file as the unit sent it.
 * @param {import('./engine.mjs').Job} job  the page's current check, `op` 'file'
 * @param {{ loadWriter: () => Promise<any>, strings?: import('./i18n.mjs').Strings }} about
 *   `strings`: the words of its errors (Vietnamese by default)
 * @returns {Promise<{ bytes: Uint8Array, format: 'xlsx' | 'docx', cells: number, paragraphs: number, placed: number, unplaced: string[] }>}
 */
export async function exportAnnotated(job, about) {
  const s = about.strings ?? vi;
  if (job.op !== 'file') throw new Error(s.annotateOnlyFiles);
  const mod = await about.loadWriter();
  if (typeof mod.annotateFile !== 'function') throw new Error(s.noAnnotateWriter);
  const options = job.options?.catalogue ? { catalogue: job.options.catalogue } : {};
  return mod.annotateFile(job.bytes, job.name, options);
}

/** The media types of the two documents. */
export const DOCUMENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Offers `text` (or bytes) as a file to save, through a Blob URL (no network).
 * @param {string} name
 * @param {string | Uint8Array} text  bytes from Wasm or from a file (never a shared buffer)
 * @param {string} type
 */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([/** @type {BlobPart} */ (text)], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * What the page has when a button of its export bar is pressed.
 * @typedef {object} PageExport
 * @property {Result} result  the answer on screen
 * @property {Edits} edits
 * @property {{ name: string } | null} file  the opened file
 * @property {string} source  where the input came from, in words
 * @property {import('./engine.mjs').Job | null} job  the check on screen, to write the documents from
 * @property {() => Promise<any>} writer  the writers' module
 * @property {(text: string) => void} say  the status line
 * @property {import('./i18n.mjs').Strings} s
 */

/**
 * Does what a button of the page's export bar (`id`) asks: page.mjs hands the clicks over, so
 * that this part of the page loads with this module, on the first export, not with the page.
 * @param {string} id
 * @param {PageExport} at
 */
export async function exportFromPage(id, { result, edits, file, source, job, writer, say, s }) {
  const stamp = fileStamp(new Date());
  try {
    if (id === 'copy' || id === 'share') {
      const text = textSummary(result, { source, edits, strings: s, ...(id === 'copy' && { lineWord: file && extensionOf(file.name) === 'docx' ? s.paragraphWord : s.lineWord }) });
      if (id === 'share') {
        await navigator.share({ title: 'Kiểm số', text });
        return say(s.shared);
      }
      try {
        await navigator.clipboard.writeText(text);
        say(s.copied);
      } catch {
        // No clipboard (a page not focused, a browser that refuses): the text to copy by hand.
        const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('copy-dialog'));
        const area = /** @type {HTMLTextAreaElement} */ (document.getElementById('copy-text'));
        area.value = text;
        dialog.showModal();
        area.select();
      }
    } else if (id === 'csv' || id === 'csv-all') {
      download(`kiemso-ket-qua-${stamp}.csv`, resultsCsv(result, { edits, all: id === 'csv-all', strings: s }), 'text/csv;charset=utf-8');
      say(s.csvMade);
    } else if (id === 'json') {
      download(`kiemso-ket-qua-${stamp}.json`, resultsJson(result, { edits }), 'application/json');
      say(s.jsonMade);
    } else if ((id === 'docx' || id === 'xlsx') && job) {
      say(s.makingFile);
      const bytes = await exportDocument(id, job, { source: file?.name ?? s.pastedText, loadWriter: writer, strings: s });
      download(`kiemso-${id === 'docx' ? 'phieu-ra-soat' : 'bang-danh-dau'}-${stamp}.${id}`, bytes, DOCUMENT_TYPES[id]);
      say(id === 'docx' ? s.docxMade : s.xlsxMade);
    } else if (id === 'annotated' && job?.op === 'file') {
      // The opened .xlsx/.docx itself, annotated (the button shows only when one is open).
      say(s.annotating);
      const out = await exportAnnotated(job, { loadWriter: writer, strings: s });
      download(`${job.name.replace(/\.[^.]*$/, '')}-kiemso-danh-dau.${out.format}`, out.bytes, DOCUMENT_TYPES[out.format]);
      say(s.annotated(job.name, out.cells, out.paragraphs, out.unplaced.length));
    }
  } catch (e) {
    // The share sheet dismissed: nothing to say.
    if (id !== 'share') say(s.exportFailed(e instanceof Error ? e.message : String(e)));
  }
}
