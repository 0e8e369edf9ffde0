// What a printout of the results says on every page: who and what period it is about (the unit
// and period when the result names them, else where the data came from), when it was checked,
// and «Trang n/m». Chromium prints @page margin boxes (since version 131): the page numbers are
// fixed text in print.css; the header, which changes with each result, is set here through a
// constructed style sheet (CSSOM, which the page's Content-Security-Policy allows, unlike a
// <style> element). Loaded with the first result, not with the page (first-load budget); with it,
// the line that says what a result left unchecked (`coverage`).

import { formatDate } from './exports.mjs';
import { leftOver } from './engine.mjs';
import { STRINGS } from './i18n.mjs';

/** @type {CSSStyleSheet | null} */
let sheet = null;

/**
 * A string as a CSS string literal.
 * @param {string} text
 */
function cssString(text) {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]+/g, ' ')}"`;
}

/**
 * Who and what the result is about, for a header: «tỉnh Khánh Hòa — Quý III/2024» when the core
 * read the unit and period from the report's heading (`result.about`, absent when the heading
 * gives neither), else the source («tệp bao-cao.docx»).
 * @param {any} result
 * @param {string} source
 */
export function subjectOf(result, source) {
  const named = [result?.about?.unit, result?.about?.period].filter((v) => typeof v === 'string' && v.trim());
  return named.length ? named.join(' — ') : source;
}

/**
 * Sets the running header of the printout, and the first page's heading (#print-head).
 * @param {any} result
 * @param {string} source  where the data came from, in words
 * @param {Date} date  when it was checked
 * @param {import('./i18n.mjs').Strings} [s]  the words (Vietnamese by default)
 */
export function printHeader(result, source, date, s = STRINGS.vi) {
  const subject = subjectOf(result, source);
  const when = formatDate(date);
  const head = document.getElementById('print-head');
  if (head) head.textContent = s.printHead(when, subject);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(`@page { @top-left { content: ${cssString(`Kiểm số · ${subject}`)}; } @top-right { content: ${cssString(s.printWhen(when))}; } }`);
}

/**
 * What a result leaves unchecked, in words, for the results themselves and their print (never only
 * a notice at the top of the page): `unchecked` is '' when every part was checked, else the
 * sentence to show beside the results; `line` is the print's line, said whether or not anything was
 * left (a printout must say what it covers).
 * @param {any} result
 * @param {import('./i18n.mjs').Strings} [s]  the words (Vietnamese by default)
 * @returns {{ unchecked: string, line: string }}
 */
export function coverage(result, s = STRINGS.vi) {
  const narrative = result.narrative_checked === false && result.narrative_lines > 0;
  const left = narrative || (result.grids_pending ?? 0) > 0 || result.suggestions_pending === true;
  const na = result.summary?.na ?? 0;
  const naText = na > 0 ? s.coverageNa(na) : '';
  let unchecked = '';
  if (left) {
    unchecked = result.narrative_pending === true
      ? s.coveragePending(leftOver(result, s))
      : s.coverageOffline(leftOver(result, s));
  }
  const words = result.narrative_lines > 0 && !narrative;
  const line = unchecked
    ? `${unchecked}${naText}`
    : `${s.coverageAll(words)}${naText}`;
  return { unchecked: unchecked ? `${unchecked}${naText}` : '', line };
}

/**
 * Shows what a result covers in `el`, a note inside the results: on screen when something was
 * left unchecked (print.css hides it otherwise), always in print.
 * @param {HTMLElement} el
 * @param {any} result
 * @param {import('./i18n.mjs').Strings} [s]
 */
export function showCoverage(el, result, s = STRINGS.vi) {
  const covered = coverage(result, s);
  el.textContent = covered.line;
  el.dataset.complete = String(!covered.unchecked);
}
