// A grid (a table with several value columns: units as rows, measures as columns) drawn as the
// official printed it: the header tree with its merged cells, the label column, one figure per
// cell, each cell with its own mark. The cells themselves are built by the results view (the same
// figure box as a form's value cell), so marks, edits and details work alike.

import { h } from './dom.mjs';

/**
 * @typedef {{ key: string, label: string, path: string[], number?: number, kind: string }} GridColumn
 * @typedef {{ key: string, stt: string, label: string, unit?: string, role: 'total' | 'group' | 'detail', line: number }} GridRow
 * @typedef {{ label_header: string, columns: GridColumn[], rows: GridRow[], spec?: string, formulas?: string[] }} Grid
 */

/**
 * The header rows of a grid: each level of the columns' header paths, with runs of the same label
 * merged (colspan) and a label that ends above the last level spanning down (rowspan).
 * @param {Grid} grid
 * @param {{ stt: string, label: string, unit: string }} words  the headers of the leading columns
 * @returns {HTMLTableRowElement[]}
 */
export function gridHeader(grid, words) {
  const depth = Math.max(1, ...grid.columns.map((c) => c.path.length || 1));
  const hasUnit = grid.rows.some((r) => r.unit);
  /** @type {HTMLTableRowElement[]} */
  const rows = [];
  for (let level = 0; level < depth; level++) {
    const cells = [];
    if (level === 0) {
      const lead = [words.stt, grid.label_header || words.label];
      if (hasUnit) lead.push(words.unit);
      for (const text of lead) cells.push(h('th', { scope: 'col', rowspan: String(depth), class: 'ks-gh-lead' }, text));
    }
    for (let c = 0; c < grid.columns.length; c++) {
      const path = grid.columns[c].path.length ? grid.columns[c].path : [grid.columns[c].label];
      if (level >= path.length) continue;
      const label = path[level];
      // A run of columns sharing this label and everything above it is one merged cell.
      const same = (/** @type {number} */ k) => {
        const p = grid.columns[k].path;
        return p.length > level && p.slice(0, level + 1).join('\u0000') === path.slice(0, level + 1).join('\u0000');
      };
      if (c > 0 && same(c - 1)) continue;
      let span = 1;
      while (c + span < grid.columns.length && same(c + span)) span++;
      const last = level === path.length - 1;
      const attrs = /** @type {Record<string, string>} */ ({ scope: span > 1 ? 'colgroup' : 'col', class: 'ks-gh' });
      if (span > 1) attrs.colspan = String(span);
      if (last && depth - level > 1) attrs.rowspan = String(depth - level);
      const number = last && grid.columns[c].number !== undefined ? ` (${grid.columns[c].number})` : '';
      cells.push(h('th', attrs, `${label}${number}`));
    }
    rows.push(/** @type {HTMLTableRowElement} */ (h('tr', null, cells)));
  }
  return rows;
}

/**
 * The body rows of a grid.
 * @param {Grid} grid
 * @param {import('./model.mjs').Row[]} cells  the form's table: one entry per cell, row by row
 * @param {(cell: import('./model.mjs').Row) => HTMLElement} cellEl  builds a figure's `td`
 * @returns {HTMLTableRowElement[]}
 */
export function gridBody(grid, cells, cellEl) {
  const width = grid.columns.length;
  const hasUnit = grid.rows.some((r) => r.unit);
  return grid.rows.map((row, r) => {
    const figures = cells.slice(r * width, r * width + width).map(cellEl);
    return /** @type {HTMLTableRowElement} */ (h('tr', { class: `ks-grow ks-grow-${row.role}` },
      h('td', { class: 'ks-stt' }, row.stt),
      h('th', { scope: 'row', class: 'ks-ind' }, row.label),
      hasUnit ? h('td', { class: 'ks-unit' }, row.unit ?? '') : null,
      figures));
  });
}
