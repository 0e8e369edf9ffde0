// Nothing typed is lost on a reload; the erase button erases it (and can be undone at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, SEED, assertSeedCounts, openApp, paste, after, markOf } from './helpers.mjs';

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
