// Clipboard HTML (Word, Excel, LibreOffice, web pages) → the text the checking core reads.
//
// The HTML is parsed with DOMParser into a separate, inert document: it has no browsing context,
// so nothing in it runs or loads (no scripts, no event handlers, no images, no styles applied to
// the page). Only its text is read; no node of it is ever put into the page.
//
// Tables become TSV rows (merged cells expanded into a grid, the way Excel copies them: the text in
// the top-left cell of the merge, the rest empty), cells quoted Excel-style when they hold a tab, a
// newline or a quote. Everything outside tables becomes plain lines, so a whole report keeps its
// narrative and its "Biểu mẫu số NN" titles.

/** Elements whose content is never text of the report. */
const SKIP = new Set([
  'HEAD', 'TITLE', 'META', 'LINK', 'BASE', 'STYLE', 'SCRIPT', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH',
  'OBJECT', 'EMBED', 'IFRAME', 'FRAME', 'FRAMESET', 'CANVAS', 'AUDIO', 'VIDEO', 'IMG', 'PICTURE',
  'MAP', 'INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'DIALOG', 'XML',
]);

/** Elements that start and end a line. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL',
  'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'UL', 'TR',
]);

/** The widest row kept (the checking core refuses wider records anyway). */
export const MAX_COLUMNS = 512;
/** The most grid cells one table may expand to (guards against `rowspan=65534 colspan=1000`). */
export const MAX_GRID_CELLS = 4_000_000;

/**
 * Whether clipboard HTML is worth converting (it has a table, or it is all we have).
 * @param {string} html
 */
export function hasTable(html) {
  return /<table[\s>]/i.test(html);
}

/**
 * Converts clipboard HTML to text: tables as TSV, the rest as lines.
 * @param {string} html
 * @param {DOMParser} [parser]
 * @returns {string}
 */
export function htmlToText(html, parser = new DOMParser()) {
  const doc = parser.parseFromString(html, 'text/html');
  const out = new Lines();
  walk(doc.body ?? doc.documentElement, out, false);
  return out.text();
}

/** Accumulates lines of text, collapsing runs of blank lines. */
class Lines {
  constructor() {
    /** @type {string[]} */
    this.lines = [];
    this.current = '';
  }
  /** @param {string} s */
  add(s) {
    this.current += s;
  }
  /** Ends the current line (if it has text). */
  flush() {
    const t = this.current.replace(/[ \t]+/g, ' ').trim();
    this.current = '';
    if (t) this.lines.push(t);
  }
  blank() {
    this.flush();
    if (this.lines.length && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }
  /** @param {string} line already formatted (a TSV row) */
  raw(line) {
    this.flush();
    this.lines.push(line);
  }
  text() {
    this.flush();
    while (this.lines.length && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines.join('\n');
  }
}

/**
 * Whether an element is hidden by its inline style (Word marks some text `display:none`,
 * `mso-hide:all`) or its `hidden` attribute.
 * @param {Element} el
 */
function hidden(el) {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|mso-hide\s*:\s*all)/i.test(style);
}

/**
 * @param {Node} node
 * @param {Lines} out
 * @param {boolean} pre inside <pre>: keep whitespace
 */
function walk(node, out, pre) {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      const data = /** @type {Text} */ (child).data;
      if (pre) {
        const parts = data.split(/\r?\n/);
        parts.forEach((p, i) => {
          if (i) out.flush();
          out.add(p.replace(/\t/g, ' '));
        });
      } else {
        out.add(data.replace(/\s+/g, ' '));
      }
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = /** @type {Element} */ (child);
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag) || hidden(el)) continue;
    if (tag === 'BR') {
      out.flush();
    } else if (tag === 'TABLE') {
      out.blank();
      for (const row of tableGrid(el)) out.raw(row.map(quoteCell).join('\t'));
      out.blank();
    } else if (BLOCK.has(tag)) {
      out.flush();
      walk(el, out, pre || tag === 'PRE');
      out.flush();
    } else {
      walk(el, out, pre);
    }
  }
}

/**
 * The rows of a table (not those of tables nested in its cells).
 * @param {Element} table
 * @returns {Element[]}
 */
function rowsOf(table) {
  /** @type {Element[]} */
  const rows = [];
  for (const child of table.children) {
    const tag = child.tagName.toUpperCase();
    if (tag === 'TR') rows.push(child);
    else if (tag === 'THEAD' || tag === 'TBODY' || tag === 'TFOOT') {
      for (const tr of child.children) if (tr.tagName.toUpperCase() === 'TR') rows.push(tr);
    }
  }
  return rows;
}

/**
 * @param {Element} cell
 * @param {string} name
 * @param {number} max
 */
function span(cell, name, max) {
  const raw = cell.getAttribute(name);
  if (raw === null) return 1;
  const n = Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  if (n === 0) return name === 'rowspan' ? max : 1; // rowspan=0: to the end of the table
  return Math.min(n, max);
}

/**
 * Expands a table into a rectangular grid of cell texts (rowspan/colspan filled with empty cells).
 * @param {Element} table
 * @returns {string[][]}
 */
export function tableGrid(table) {
  const rows = rowsOf(table);
  /** @type {(string | undefined)[][]} */
  const grid = rows.map(() => []);
  let width = 0;
  let cells = 0;
  rows.forEach((tr, r) => {
    let c = 0;
    for (const cell of tr.children) {
      const tag = cell.tagName.toUpperCase();
      if (tag !== 'TD' && tag !== 'TH') continue;
      if (hidden(cell)) continue;
      while (grid[r][c] !== undefined) c++;
      if (c >= MAX_COLUMNS) break;
      const rowspan = span(cell, 'rowspan', rows.length - r);
      const colspan = Math.min(span(cell, 'colspan', MAX_COLUMNS), MAX_COLUMNS - c);
      cells += rowspan * colspan;
      if (cells > MAX_GRID_CELLS) throw new RangeError('pasted table too large to expand');
      const text = excelFigure(cell) ?? cellText(cell);
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) grid[r + dr][c + dc] = dr === 0 && dc === 0 ? text : '';
      }
      c += colspan;
      width = Math.max(width, c);
    }
  });
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
}

/**
 * A figure as Excel shows it, printed the Vietnamese way. Excel puts the stored value of a number
 * cell in `x:num` (always with a dot, whatever the locale) beside the text it displays (`99.59`
 * in English locale, `99,59` in Vietnamese): the stored value says which separator is the decimal
 * one, and the displayed digits say how many decimals were printed. Exact: decimal strings only,
 * never a binary float. `null` when the cell is not such a figure.
 * @param {Element} cell
 * @returns {string | null}
 */
export function excelFigure(cell) {
  const stored = cell.getAttribute('x:num');
  if (stored === null) return null;
  const shown = cellText(cell).trim();
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:E([+-]?\d+))?$/i.exec(stored.trim());
  if (!m || !/\d/.test(shown)) return null;
  const percent = shown.endsWith('%');
  // The stored value as digits and a power of ten: 0.9959 → "9959" × 10^-4.
  let digits = (m[2] + (m[3] ?? '')).replace(/^0+(?=\d)/, '');
  let exponent = -(m[3] ?? '').length + Number(m[4] ?? 0) + (percent ? 2 : 0);
  const printed = shown.replace(/[^\d]/g, '').replace(/^0+(?=\d)/, '');
  for (let decimals = 0; decimals <= 10; decimals++) {
    const rounded = roundDigits(digits, exponent, decimals);
    if (rounded.replace(/^0+(?=\d)/, '') === printed) {
      const int = rounded.length > decimals ? rounded.slice(0, rounded.length - decimals) : '0';
      const frac = decimals ? rounded.slice(-decimals).padStart(decimals, '0') : '';
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      return `${m[1] && /[1-9]/.test(rounded) ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}${percent ? '%' : ''}`;
    }
  }
  return null;
}

/**
 * `digits × 10^exponent` rounded half up to `decimals` decimals, as the digits of the rounded value
 * × 10^-decimals.
 * @param {string} digits
 * @param {number} exponent
 * @param {number} decimals
 */
function roundDigits(digits, exponent, decimals) {
  const shift = exponent + decimals;
  if (shift >= 0) return digits + '0'.repeat(shift);
  const keep = digits.length + shift;
  if (keep < 0) return '0';
  const head = digits.slice(0, keep) || '0';
  const next = Number(digits[keep] ?? '0');
  if (next < 5) return head;
  // Add one to the kept digits, carrying.
  const out = head.split('');
  let i = out.length - 1;
  while (i >= 0 && out[i] === '9') out[i--] = '0';
  if (i < 0) out.unshift('1');
  else out[i] = String(Number(out[i]) + 1);
  return out.join('');
}

/**
 * The text of one cell: its paragraphs and line breaks as newlines, a nested table flattened.
 * @param {Element} cell
 */
function cellText(cell) {
  const out = new Lines();
  walkCell(cell, out);
  return out
    .text()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .join('\n');
}

/**
 * @param {Node} node
 * @param {Lines} out
 */
function walkCell(node, out) {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      out.add(/** @type {Text} */ (child).data.replace(/\s+/g, ' '));
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = /** @type {Element} */ (child);
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag) || hidden(el)) continue;
    if (tag === 'BR') out.flush();
    else if (tag === 'TABLE') {
      out.flush();
      for (const row of tableGrid(el)) out.raw(row.filter(Boolean).join(' ').replace(/\n/g, ' '));
    } else if (BLOCK.has(tag)) {
      out.flush();
      walkCell(el, out);
      out.flush();
    } else walkCell(el, out);
  }
}

/**
 * Quotes a cell the way Excel does when copying: only when it holds a tab, a newline or a quote.
 * @param {string} text
 */
export function quoteCell(text) {
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * What a paste or a drop carries, as text to check: the HTML flavour when it has a table (Word and
 * Excel put merged header cells there), else the plain text.
 * @param {DataTransfer} data
 * @returns {{ text: string, from: 'html' | 'plain' } | null}
 */
export function textFromTransfer(data) {
  const html = data.getData('text/html');
  const plain = data.getData('text/plain');
  if (html && (hasTable(html) || !plain)) {
    try {
      const text = htmlToText(html);
      if (text.trim()) return { text, from: 'html' };
    } catch {
      // A table too large to expand: fall back to the plain flavour below.
    }
  }
  if (plain) return { text: plain.replace(/\r\n?/g, '\n'), from: 'plain' };
  return null;
}
