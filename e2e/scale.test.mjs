// Very large inputs in the page: a thousand small tables, one table of 130,000 rows. The inputs are
// generated here (loops below), not real reports. What must hold: the page answers throughout
// (no long freeze of its main thread), the results appear, and the rows not built at first are
// reachable. No tight timings: the bounds are generous and fail only a page that freezes (a page
// frozen for good answers nothing at all: the tests' own time limit of 5 minutes ends them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverAndBrowser, SCREENSHOTS, openApp, paste } from './helpers.mjs';

const env = serverAndBrowser();

/**
 * The longest the main thread may stay blocked. The old page blocked 36 to 60 s on these inputs
 * (and did not answer within 15 minutes on a loaded machine); now 1 to 3 s on an idle machine
 * (receiving the result from the worker and indexing it is most of it), up to 9 s when the test
 * shares two cores with others: the bound only tells a freeze from a pause.
 */
const MAX_BLOCK_MS = 20_000;

/**
 * Generated: `tables` tables of `groups` × 3 rows (a total, its two parts), about 5.5 KB each at
 * 34 groups; every seventh table has a total that its parts do not make, deep in the table.
 * @param {number} tables
 * @param {number} groups
 */
function manyTables(tables, groups) {
  let text = '';
  for (let t = 1; t <= tables; t++) {
    text += `Bảng ${t}. Kết quả giải quyết hồ sơ của đơn vị số ${t}\nSTT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n`;
    for (let g = 1; g <= groups; g++) {
      const wrong = t % 7 === 0 && g === groups - 1;
      text += `${g}.\tTổng số hồ sơ tiếp nhận trong kỳ của bộ phận một cửa số ${g}\tHồ sơ\t${1000 + g}\t\n` +
        `${g}.1.\tSố hồ sơ giải quyết đúng hạn\tHồ sơ\t${900 + g + (wrong ? 50 : 0)}\t\n` +
        `${g}.2.\tSố hồ sơ giải quyết quá hạn\tHồ sơ\t100\t\n`;
    }
    text += '\n';
  }
  return text;
}

/**
 * Starts measuring, in the page, the longest gap between ticks of a 50 ms timer: how long the
 * main thread was blocked.
 * @param {import('playwright-core').Page} page
 */
function watchMainThread(page) {
  return page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__longestBlock = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.__longestBlock = Math.max(w.__longestBlock, now - last - 50);
      last = now;
    }, 50);
  });
}

/** @param {import('playwright-core').Page} page */
const longestBlock = (page) => page.evaluate(() => Math.round(/** @type {any} */ (window).__longestBlock));

/**
 * Waits for the page to show an answer (the large inputs take seconds in the checker).
 * @param {import('playwright-core').Page} page
 * @param {number} before  the count of answers shown before
 */
async function answered(page, before) {
  await page.waitForFunction((n) => Number(document.getElementById('results')?.dataset.shown ?? 0) > n &&
    document.getElementById('results')?.dataset.state === 'done', before, { timeout: 180_000, polling: 250 });
}

/**
 * Pastes `text`, waits for the results, and asserts the page answered throughout.
 * @param {import('node:test').TestContext} t
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
async function pasteAndMeasure(t, page, text) {
  await watchMainThread(page);
  const before = Number(await page.locator('#results').getAttribute('data-shown'));
  await paste(page, { plain: text });
  await answered(page, before);
  // Still answering right after the results were drawn.
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  const blocked = await longestBlock(page);
  t.diagnostic(`longest block of the main thread: ${blocked} ms`);
  assert.ok(blocked < MAX_BLOCK_MS, `main thread blocked ${blocked} ms`);
}

/**
 * Reloads: the input kept on the device (if it fitted) is checked again without freezing the
 * page, and erasing it is always possible.
 * @param {import('node:test').TestContext} t
 * @param {import('playwright-core').Page} page
 */
async function reloadSafely(t, page) {
  await page.waitForTimeout(400); // saving is debounced
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 30_000 });
  await watchMainThread(page);
  const kept = await page.locator('#file-chip').isVisible();
  if (kept) await answered(page, 0);
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  const again = await longestBlock(page);
  t.diagnostic(`after the reload (input kept: ${kept}): ${again} ms`);
  assert.ok(again < MAX_BLOCK_MS, `main thread blocked ${again} ms after the reload`);
  // The way out is always there: erasing the input.
  await page.getByRole('button', { name: 'Xoá dữ liệu đã nhập trên máy này' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.ks-form').length === 0, null, { timeout: 10_000 });
}

test('a thousand pasted tables (5.5 MB): the page never freezes, results appear, every table is reachable, and a reload is safe', { timeout: 300_000 }, async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  const text = manyTables(1000, 34);
  assert.ok(text.length > 5_000_000, `generated ${text.length} characters`);
  await pasteAndMeasure(t, page, text);

  await page.evaluate(() => window.scrollTo(0, 0));
  // The text box does not hold 5.5 MB (laying it out froze the page): a note says why.
  assert.equal(await page.locator('#input').inputValue(), '');
  assert.match(await page.locator('#file-chip').innerText(), /quá dài để hiện trong ô nhập/);
  await page.screenshot({ path: join(SCREENSHOTS, 'scale-thousand-tables.png') });
  assert.equal(await page.locator('.ks-form').count(), 1000);
  const sums = await page.evaluate(() => ({
    rows: document.querySelectorAll('tr.ks-row').length,
    nodes: document.getElementsByTagName('*').length,
  }));
  // 102,000 rows in the input; a bounded part of them is built.
  t.diagnostic(`${sums.rows} rows and ${sums.nodes} elements built`);
  assert.ok(sums.rows < 20_000, `${sums.rows} rows built`);
  assert.ok(sums.nodes < 600_000, `${sums.nodes} elements`);
  // The problems are listed and each leads to its row, built on demand (table 994 is far down).
  const problems = page.locator('.ks-problem');
  assert.ok(await problems.count() > 0);
  await page.locator('.ks-problems .ks-more').first().click();
  const far = page.locator('.ks-problem .ks-link[data-cell^="T994/"]').first();
  const cell = await far.getAttribute('data-cell');
  await far.click();
  const row = page.locator(`tr.ks-row[data-cell="${cell}"]`);
  await row.waitFor({ timeout: 10_000 });
  assert.ok(await row.isVisible());
  // A check's cell is marked; a likely culprit (whose own checks may pass) says so (issue 12).
  assert.match(`${await row.locator('.ks-mark').innerText()} ${await row.locator('.ks-suspect-tag').innerText()}`, /Cảnh báo|Lỗi|Nghi gõ nhầm/);

  // The last table comes into view and is built then.
  const last = page.locator('.ks-form[data-form="T1000"]');
  await last.scrollIntoViewIfNeeded();
  await last.locator('tr.ks-row').first().waitFor({ timeout: 10_000 });
  assert.ok(await longestBlock(page) < MAX_BLOCK_MS);

  await reloadSafely(t, page);
  await context.close();
});

test('one table of 130,000 rows with a stray line: the results are shown, and the far rows are one «Hiện thêm» away', { timeout: 300_000 }, async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  // Generated: one table, 43,400 groups of a total and its two parts; a line that is not a row
  // near the end (the notice about it made the old page spread the table into Math.max).
  let text = 'Bảng 1. Hồ sơ theo đơn vị\nSTT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n';
  const groups = 43_400;
  for (let g = 1; g <= groups; g++) {
    const wrong = g === groups - 10;
    text += `${g}.\tTổng số hồ sơ ${g}\tHồ sơ\t${1000 + g}\t\n${g}.1.\tĐúng hạn\tHồ sơ\t${900 + g + (wrong ? 5 : 0)}\t\n${g}.2.\tQuá hạn\tHồ sơ\t100\t\n`;
    if (g === groups - 5) text += 'abc\tdòng lạc, không có STT\tVăn bản\t3\t\n';
  }
  await pasteAndMeasure(t, page, text);
  const meta = await page.locator('.ks-form-meta').first().innerText();
  assert.match(meta, /130\.200 dòng|130200 dòng/);
  // The notice about the stray line is shown with its form.
  assert.match(await page.locator('.ks-form .ks-notices').first().innerText(), /Dòng \d+/);
  // The wrong total, far down, is marked and reachable from the list of problems.
  const link = page.locator('.ks-problem .ks-link[data-cell]').first();
  const cell = await link.getAttribute('data-cell');
  await link.click();
  await page.locator(`tr.ks-row[data-cell="${cell}"]`).waitFor({ timeout: 10_000 });
  // Rows not built are announced, and the next of them are one press away.
  const gap = page.locator('tr.ks-gap').first();
  assert.match(await gap.innerText(), /dòng chưa hiện/);
  await gap.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'scale-one-huge-table.png') });
  const rowsBefore = await page.locator('tr.ks-row').count();
  await gap.getByRole('button', { name: /^Hiện thêm/ }).click();
  assert.ok(await page.locator('tr.ks-row').count() > rowsBefore);
  assert.ok(await longestBlock(page) < MAX_BLOCK_MS);
  await reloadSafely(t, page);
  await context.close();
});
