// What the page hands out: a short text for chat or e-mail, the checks as CSV (opens in Excel with
// its Vietnamese letters intact), and the result as JSON (the contract of docs/contract.md). All built in
// memory and saved through a Blob link: nothing is sent anywhere.

import { STRINGS } from './i18n.mjs';
import { indexResult, isNarrative } from './model.mjs';
import { findingKind, placeOf } from './narrative.mjs';

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
 * A short plain-text summary to paste into a chat or an e-mail.
 * @param {Result} result
 * @param {{ source?: string, edits?: Edits, when?: Date, limit?: number, lineWord?: string }} [about]
 *   `lineWord`: what the lines of the narrative count ("dòng", or "đoạn" for a Word file)
 * @returns {string}
 */
export function textSummary(result, about = {}) {
  const index = indexResult(result);
  const { summary, forms, checks } = result;
  const when = about.when ?? new Date();
  const limit = about.limit ?? 20;
  const lineWord = about.lineWord ?? 'dòng';
  const words = index.narrative.length;
  const lines = [`Kiểm số — kết quả kiểm tra số liệu (${formatDate(when)})`];
  if (about.source) lines.push(`Dữ liệu: ${about.source}`);
  lines.push(
    `${forms.length} bảng, ${checks.length} phép kiểm tra` +
      `${words ? ` (${checks.length - words} trên bảng, ${words} trong lời văn)` : ''}: ${summary.fail} lỗi, ${summary.warn} cảnh báo, ` +
      `${summary.pass} đạt, ${summary.na} không tính được.`,
  );
  const edited = Object.entries(about.edits ?? {});
  if (edited.length) {
    lines.push(`Lưu ý: đã thử sửa ${edited.length} số liệu (${edited.map(([c, e]) => `${c}: ${e.original || '(trống)'} → ${e.value || '(trống)'}`).join('; ')}).`);
  }
  for (const status of /** @type {const} */ (['fail', 'warn'])) {
    const list = index.problems.filter((c) => c.status === status);
    if (!list.length) continue;
    lines.push('', `${vi.status[status]} (${list.length}):`);
    for (const c of list.slice(0, limit)) {
      if (isNarrative(c)) {
        // The explanation quotes the sentence and gives both figures.
        const place = placeOf(c, lineWord);
        lines.push(`- ${vi.inText}${place ? ` (${place})` : ''}: ${c.message}`);
        continue;
      }
      const hit = index.rows.get(c.cells[0] ?? '');
      const where = hit ? `${vi.formName(hit.form.form)}, dòng ${hit.row.stt}` : c.cells[0] ?? '';
      const numbers = c.expected && c.reported ? ` [ghi ${c.reported}, đúng ra ${c.expected}]` : '';
      lines.push(`- ${where}: ${c.message}${numbers}`);
    }
    if (list.length > limit) lines.push(`- … và ${list.length - limit} mục khác (xem tệp CSV).`);
  }
  if (!summary.fail && !summary.warn && forms.length) lines.push('', 'Không phát hiện lỗi hay cảnh báo nào.');
  lines.push('', 'Kiểm tra bằng Kiểm số, ngay trên máy, dữ liệu không gửi đi đâu.');
  return lines.join('\n');
}

/**
 * What a spreadsheet may take for the start of a formula: `=`, `+`, `-`, `@` (and their full-width
 * forms, which some input methods type), after any spaces (LibreOffice can trim them), or a tab,
 * carriage return (OWASP's list) or line feed first. Indicator names, units, notes and titles come
 * from other units' files, so a cell reading `=HYPERLINK(…)` must not become a live link in Excel.
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

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
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * "B03/3.1.2: 66.687 → 66.678" for each cell of `cells` that was edited, joined by "; ".
 * @param {string[]} cells
 * @param {Edits} edits
 */
function editsAmong(cells, edits) {
  const out = [];
  for (const cell of new Set(cells)) {
    const e = Object.hasOwn(edits, cell) ? edits[cell] : undefined;
    if (e) out.push(`${cell}: ${e.original || '(trống)'} → ${e.value || '(trống)'}`);
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
 * mark so Excel reads it as UTF-8.
 * @param {Result} result
 * @param {{ edits?: Edits }} [about]
 * @returns {string}
 */
export function resultsCsv(result, about = {}) {
  const edits = about.edits ?? {};
  const index = indexResult(result);
  // The columns about edits come last: files read by position before they existed still read.
  const header = ['Biểu mẫu', 'Ô', 'STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Kết quả', 'Loại kiểm tra',
    'Phép tính', 'Số ghi', 'Số đúng', 'Chênh lệch', 'Giải thích', 'Các ô liên quan', 'Quy tắc suy ra',
    'Câu trong lời văn', 'Dòng', 'Số liệu gốc (in trong báo cáo)', 'Thử sửa'];
  const lines = [header.map(csvField).join(',')];
  for (const c of result.checks) {
    const first = c.cells[0] ?? '';
    const printed = Object.hasOwn(edits, first) ? edits[first].original : '';
    const tried = editsAmong(c.cells, edits);
    if (isNarrative(c)) {
      const vsTable = c.cells.length > 0;
      lines.push([
        vi.inText, '', '', '', '',
        vsTable ? c.expected ?? '' : '',
        vi.status[c.status],
        findingKind(vi, c),
        c.formula ?? '',
        c.reported ?? '',
        vsTable ? '' : c.expected ?? '',
        c.imbalance ?? '',
        c.message,
        c.cells.join(' '),
        c.inferred ? 'có' : '',
        c.quote ?? '',
        c.line ?? '',
        printed,
        tried,
      ].map(csvField).join(','));
      continue;
    }
    const hit = index.rows.get(first);
    lines.push([
      hit ? vi.formName(hit.form.form) : '',
      first,
      hit?.row.stt ?? '',
      hit?.row.indicator ?? '',
      hit?.row.unit ?? '',
      hit?.row.value ?? '',
      vi.status[c.status],
      vi.kind[c.kind] ?? c.kind,
      c.formula ?? '',
      c.reported ?? '',
      c.expected ?? '',
      c.imbalance ?? '',
      c.message,
      c.cells.slice(1).join(' '),
      c.inferred ? 'có' : '',
      c.quote ?? '',
      c.line ?? '',
      printed,
      tried,
    ].map(csvField).join(','));
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
 * Offers `text` as a file to save, through a Blob URL (no network).
 * @param {string} name
 * @param {string} text
 * @param {string} type
 */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
