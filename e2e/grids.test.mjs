// Tables of any shape in the page: a commune consolidation table (units as rows, measures as
// columns, «Tổng cộng» last) pasted from Word, and the II.06a form with its three header rows.
// The fixtures are written by scripts/make-grid-fixtures.py (real shapes, generated figures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serverAndBrowser, SCREENSHOTS, openApp, paste, after, markOf, cellsMarked, eventually } from './helpers.mjs';

const env = serverAndBrowser();
const FIXTURES = fileURLToPath(new URL('../tests/fixtures/grids/', import.meta.url));
const fixture = (/** @type {string} */ name) => readFileSync(join(FIXTURES, name), 'utf8');

/** A fresh page with an empty device, no service worker. */
async function fresh(viewport = { width: 1366, height: 900 }) {
  const context = await env.browser.newContext({ viewport, serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  return { context, page };
}

test('a commune table pasted from Word: unit names, one mark per cell, a wrong rate marked with its right value', async () => {
  const html = fixture('commune.html');
  const plain = fixture('commune.tsv');
  // One wrong percentage: Xã Cam Hải Tây's on-time rate, its digits swapped.
  const row = plain.split('\n').find((l) => l.startsWith('1\t')) ?? '';
  const rate = row.split('\t')[5];
  const wrong = rate.length > 3 ? `${rate.slice(0, -2)}${rate.at(-1)}${rate.at(-2)}` : '12,34';
  assert.notEqual(wrong, rate);
  const { context, page } = await fresh();
  const summary = await after(page, () => paste(page, {
    html: html.replace(`>${rate}<`, `>${wrong}<`),
    plain: plain.replace(`\t${rate}\n`, `\t${wrong}\n`),
  }));
  assert.equal(summary?.fail, 0);
  assert.ok((summary?.warn ?? 0) >= 1);
  // The unit names are the rows' labels, the total row is there.
  const labels = await page.locator('.ks-grow .ks-ind').allInnerTexts();
  assert.equal(labels[0], 'Xã Cam Hải Tây');
  assert.equal(labels.at(-1), 'Tổng cộng');
  // One figure box, one mark, per cell: 7 rows × 4 value columns.
  assert.equal(await page.locator('td.ks-gcell').count(), 28);
  assert.equal(await page.locator('td.ks-gcell .ks-mark').count(), 28);
  // The header is the table's own.
  const header = await page.locator('.ks-form thead').innerText();
  assert.match(header, /Đơn vị/);
  assert.match(header, /Tỷ lệ đúng hạn \(%\)/);
  // Exactly the wrong rate is marked, on that cell.
  const cell = 'T1/1@Tỷ lệ đúng hạn (%)';
  assert.deepEqual(await cellsMarked(page, 'warn'), [cell]);
  assert.equal(await markOf(page, cell), 'Cảnh báo');
  await page.locator(`td[data-cell="${cell}"] .ks-input`).click();
  const detail = page.locator('#detail');
  await eventually(async () => (await detail.innerText()).includes(cell));
  const text = await detail.innerText();
  assert.match(text, /Tỷ lệ đúng hạn \(%\) — Xã Cam Hải Tây/);
  assert.match(text, new RegExp(`Số ghi trong báo cáo\\s+${wrong.replace(',', '\\,')}`));
  assert.match(text, new RegExp(`Số đúng\\s+${rate.replace(',', '\\,')}`));
  await page.screenshot({ path: join(SCREENSHOTS, 'grid-commune.png') });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the II.06a form with three header rows and its column numbers: recognised, every identity holds', async () => {
  const { context, page } = await fresh({ width: 1600, height: 900 });
  const summary = await after(page, () => paste(page, { html: fixture('ii06a.html'), plain: fixture('ii06a.tsv') }));
  assert.equal(summary?.fail, 0);
  assert.equal(summary?.warn, 0);
  assert.ok((summary?.pass ?? 0) > 100);
  const header = await page.locator('.ks-form thead').innerText();
  assert.match(header, /Số hồ sơ nhận giải quyết/);
  assert.match(header, /Trực tuyến \(4\)/);
  assert.equal(await page.locator('td.ks-gcell').count(), 8 * 11);
  // An edit re-checks the row: (4) of field I.1 up by 100 breaks (3) = (4) + (5) + (6).
  const cell = 'II.06a/I.1@(4)';
  const input = page.locator(`td[data-cell="${cell}"] .ks-input`);
  const before = await input.inputValue();
  const edited = String(Number(before.replace(/\./g, '')) + 100);
  const after2 = await after(page, async () => { await input.fill(edited); });
  assert.ok((after2?.fail ?? 0) >= 1);
  assert.equal(await markOf(page, 'II.06a/I.1@(3)'), 'Lỗi');
  await page.screenshot({ path: join(SCREENSHOTS, 'grid-ii06a.png') });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Excel in English locale: the stored values it puts on the clipboard (x:num) are read, the printed decimals kept', async () => {
  const { context, page } = await fresh();
  // The helper itself, on Excel's cells (display as Excel in English locale shows it).
  const cases = await page.evaluate(async () => {
    const { excelFigure } = await import('./lib/clipboard.mjs');
    const doc = new DOMParser().parseFromString('<table><tr><td></td></tr></table>', 'text/html');
    const td = /** @type {Element} */ (doc.querySelector('td'));
    /** @param {string} stored @param {string} shown */
    const run = (stored, shown) => { td.setAttribute('x:num', stored); td.textContent = shown; return excelFigure(td); };
    return [run('99.5867', '99.59'), run('1664', '1,664'), run('0.9959', '99.59%'), run('1664', '1.664'),
      run('12.5', '13'), run('1.5E-2', '0.02'), run('2400000', '2,400,000'), run('99.5', 'chín chín')];
  });
  assert.deepEqual(cases, ['99,59', '1.664', '99,59%', '1.664', '13', '0,02', '2.400.000', null]);
  // A whole table copied from Excel in English locale: checked as the Vietnamese print, no notice.
  const rows = fixture('commune.tsv').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const excelCell = (/** @type {string} */ c, /** @type {number} */ i, /** @type {string[]} */ row) => {
    if (i < 2 || !/\d/.test(c) || rows.indexOf(row) === 0) return `<td>${c}</td>`;
    if (i === 5) {
      // Excel stores the rate as a double computed from the counts and shows it rounded.
      const stored = (Number(row[4].replace(/\./g, '')) / Number(row[3].replace(/\./g, ''))) * 100;
      return `<td x:num="${stored}">${c.replace(',', '.')}</td>`;
    }
    const n = c.replace(/\./g, '');
    return `<td x:num="${n}">${Number(n).toLocaleString('en-US')}</td>`;
  };
  const html = '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>'
    + rows.map((row) => `<tr>${row.map((c, i) => excelCell(c, i, row)).join('')}</tr>`).join('') + '</table></body></html>';
  const summary = await after(page, () => paste(page, { html, plain: '' }));
  assert.equal(summary?.fail, 0);
  assert.equal(summary?.warn, 0);
  assert.ok((summary?.pass ?? 0) >= 30);
  const text = await page.locator('#input').inputValue();
  assert.match(text, /\t99,\d\d\n/);
  assert.doesNotMatch(await page.locator('#results').innerText(), /kiểu tiếng Anh/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
