// Nothing typed is lost on a reload or to another tab; the erase button erases it (and can be
// undone at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverAndBrowser, SEED, assertSeedCounts, SCREENSHOTS, openApp, paste, after, markOf, eventually } from './helpers.mjs';

const env = serverAndBrowser();

test('typed text and what-if edits survive a reload; erasing removes them from the device', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  let page = await openApp(context, env.server.url);
  const typed = `${SEED}\nGhi chú gõ tay của chuyên viên`;
  await after(page, () => page.locator('#input').fill(typed));
  await after(page, () => page.locator('tr[data-cell="B03/3.1.2"] .ks-input').fill('66.678'));
  assert.equal(await markOf(page, 'B03/3.1'), 'Lỗi');
  await page.waitForTimeout(400); // saving is debounced like checking

  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready');
  await page.waitForFunction(() => document.getElementById('results')?.dataset.state === 'done');
  assert.equal(await page.locator('#input').inputValue(), typed);
  assert.equal(await page.locator('tr[data-cell="B03/3.1.2"] .ks-input').inputValue(), '66.678');
  assert.equal(await markOf(page, 'B03/3.1'), 'Lỗi');
  assert.match(await page.locator('#edits-bar').innerText(), /1 số liệu đã sửa/);

  // Erase: the text box and results empty, with a way back right away.
  await after(page, () => page.getByRole('button', { name: 'Xoá dữ liệu đã nhập trên máy này' }).click());
  assert.equal(await page.locator('#input').inputValue(), '');
  assert.equal(await page.locator('#empty').isVisible(), true);
  assert.equal(await page.locator('.ks-form').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Hoàn tác' }).isVisible(), true);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kiemso') && JSON.parse(localStorage.getItem(k) ?? '{}').text).length), 0);

  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready');
  assert.equal(await page.locator('#input').inputValue(), '');
  assert.equal(await page.locator('#empty').isVisible(), true);
  await context.close();
});

test('a paste outside the text box replaces the input, and "Hoàn tác" brings the old one back', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  await after(page, () => page.locator('#input').fill(SEED));
  const other = 'Biểu mẫu số 01\n2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t31,14\n2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t61\n2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t19\n';
  const replaced = await after(page, () => paste(page, { plain: other }));
  assert.equal(replaced?.fail, 1);
  assert.match(await page.locator('#undo-bar').innerText(), /Đã thay nội dung bằng dữ liệu vừa dán/);
  const restored = await after(page, () => page.getByRole('button', { name: 'Hoàn tác' }).click());
  assertSeedCounts(restored);
  assert.equal(await page.locator('#input').inputValue(), SEED);
  await context.close();
});

test('two tabs: neither overwrites what the other saved without saying so, and either can take the other\'s', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const table = (/** @type {string} */ done) => `Biểu mẫu số 01\n2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t31,15\n2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t61\n2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t${done}\n`;
  const stored = (/** @type {import('playwright-core').Page} */ p) => p.evaluate(() => JSON.parse(localStorage.getItem('kiemso.v1') ?? '{}').text);
  const a = await openApp(context, env.server.url);
  await after(a, () => a.locator('#input').fill(table('19')));
  await a.waitForTimeout(400);
  // A second tab opens with what the first saved, and is worked in.
  const b = await openApp(context, env.server.url);
  assert.equal(await b.locator('#input').inputValue(), table('19'));
  await after(b, () => b.locator('#input').fill(table('20')));
  await b.waitForTimeout(400);
  assert.equal(await stored(b), table('20'));
  assert.match(await b.locator('#storage-note').innerText(), /được lưu ngay trên máy này/);

  // The first tab, still showing its own text, is typed in: the second tab's text stays saved,
  // and the first says that its own is not, and why.
  await after(a, () => a.locator('#input').fill(`${table('19')}Ghi chú của thẻ thứ nhất\n`));
  await a.waitForTimeout(400);
  assert.equal(await stored(a), table('20'), 'the first tab overwrote the second tab\'s saved text');
  const conflict = a.locator('#tab-conflict');
  assert.equal(await conflict.isVisible(), true);
  assert.match(await conflict.innerText(), /thẻ \(tab\) khác của Kiểm số vừa lưu nội dung khác/);
  assert.match(await a.locator('#storage-note').innerText(), /chưa được lưu/);
  await a.screenshot({ path: join(SCREENSHOTS, 'two-tabs-conflict.png') });

  // Keeping the first tab's text saves it; the second tab is told in turn, and can take it.
  await a.getByRole('button', { name: 'Lưu nội dung của thẻ này' }).click();
  assert.equal(await stored(a), `${table('19')}Ghi chú của thẻ thứ nhất\n`);
  assert.equal(await conflict.isVisible(), false);
  await eventually(() => b.locator('#tab-conflict').isVisible());
  const taken = await after(b, () => b.getByRole('button', { name: 'Dùng nội dung của thẻ kia' }).click());
  assert.equal(taken?.fail, 0);
  assert.equal(await b.locator('#input').inputValue(), `${table('19')}Ghi chú của thẻ thứ nhất\n`);
  // What the second tab had is one click away.
  assert.equal(await b.getByRole('button', { name: 'Hoàn tác' }).isVisible(), true);
  // Both agree again: typing in either saves.
  await after(b, () => b.locator('#input').fill(table('19')));
  await b.waitForTimeout(400);
  assert.equal(await stored(b), table('19'));
  assert.equal(await b.locator('#tab-conflict').isVisible(), false);
  await context.close();
});
