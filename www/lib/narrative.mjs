// The report's words against its numbers: how a narrative check (kind "narrative") is named and
// placed for a person. A narrative check is about a sentence, not a figure: its `line` is where
// the sentence is (a line of the text, a paragraph of a Word file), its `quote` the words, and its
// `cells` (often none) the table rows the sentence was compared with.

import { sttOf, formOf } from './model.mjs';

/**
 * @typedef {import('./model.mjs').Check} Check
 * @typedef {import('./i18n.mjs').Strings} Strings
 */

/**
 * The explanation without the sentence it starts by quoting, for a view that shows the quote just
 * above it: «Câu «…» (dòng 37) ghi 03 UBND…» becomes «Câu này ghi 03 UBND…». The core's
 * explanations are Vietnamese whatever the labels' language. Any other shape is left whole.
 * @param {Check} check
 */
export function shortMessage(check) {
  const head = check.quote ? `Câu «${check.quote}»` : '';
  if (!head || !check.message.startsWith(head)) return check.message;
  const rest = check.message.slice(head.length).replace(/^ \((?:dòng|đoạn) \d+\)/, '');
  return /^[ :]/.test(rest) ? `Câu này${rest}` : check.message;
}

/**
 * "Lời văn so với bảng" or "Phép tính trong lời văn".
 * @param {Strings} s
 * @param {Check} check
 */
export const findingKind = (s, check) => (check.cells.length ? s.textVsTable : s.textArithmetic);

/**
 * Where the sentence is: "dòng 37" (text, spreadsheet) or "đoạn 15" (Word).
 * @param {Check} check
 * @param {string} word
 */
export const placeOf = (check, word) => (typeof check.line === 'number' ? `${word} ${check.line}` : '');

/**
 * The table rows a sentence was compared with, grouped by form:
 * "Biểu mẫu số 03, STT 3.1.2, 3.2.2, 3.3.2".
 * @param {Strings} s
 * @param {string[]} cells
 */
export function cellsText(s, cells) {
  /** @type {Map<string, string[]>} */
  const byForm = new Map();
  for (const cell of cells) {
    const form = formOf(cell);
    const list = byForm.get(form);
    if (list) list.push(sttOf(cell));
    else byForm.set(form, [sttOf(cell)]);
  }
  return [...byForm].map(([form, stts]) => `${form ? s.formName(form) : ''}, ${s.columns[0]} ${stts.join(', ')}`).join('; ');
}

/**
 * The short heading of a finding in the section of the report's words:
 * "dòng 37 · so với Biểu mẫu số 01, STT 3.2", or "dòng 369 · phép tính trong câu".
 * @param {Strings} s
 * @param {Check} check
 * @param {string} word "dòng" or "đoạn"
 */
export function findingWhere(s, check, word) {
  const place = placeOf(check, word);
  const what = check.cells.length ? `${s.comparedWith} ${cellsText(s, check.cells)}` : s.inSentence;
  return place ? `${place} · ${what}` : what;
}
