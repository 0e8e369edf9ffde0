// What a printout of the results says on every page: who and what period it is about (the unit
// and period when the result names them, else where the data came from), when it was checked,
// and «Trang n/m». Chromium prints @page margin boxes (since version 131): the page numbers are
// fixed text in print.css; the header, which changes with each result, is set here through a
// constructed style sheet (CSSOM, which the page's Content-Security-Policy allows, unlike a
// <style> element). Loaded with the first result, not with the page.

import { formatDate } from './exports.mjs';

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
 */
export function printHeader(result, source, date) {
  const subject = subjectOf(result, source);
  const when = formatDate(date);
  const head = document.getElementById('print-head');
  if (head) head.textContent = `Kiểm số — kết quả kiểm tra lúc ${when}. Dữ liệu: ${subject}.`;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(`@page { @top-left { content: ${cssString(`Kiểm số · ${subject}`)}; } @top-right { content: ${cssString(`Kiểm tra lúc ${when}`)}; } }`);
}
