// Works with the network off after the first visit (service worker), and as one file from disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverAndBrowser, ROOT, SEED, assertSeedCounts, SCREENSHOTS, openApp, paste, after, cellsMarked } from './helpers.mjs';

const env = serverAndBrowser();

/**
 * Waits until the service worker has copied the app and controls the page.
 * @param {import('playwright-core').Page} page
 */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    // The first visit's copy is complete once the worker controls the page.
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
}

test('after a first visit that only opened the page, offline the tables are checked and the narrative is explained', async () => {
  const context = await env.browser.newContext();
  const page = await openApp(context, env.server.url);
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
  // The complete module (narrative checks) was never fetched: every table check still runs.
  const summary = await after(page, () => paste(page, { plain: SEED }));
  assert.deepEqual(summary, { fail: 0, warn: 2, pass: 167, na: 0 });
  assert.equal(await page.locator('.ks-form').count(), 7);
  assert.match(await page.locator('body').innerText(), /Chưa kiểm tra được lời văn của báo cáo: phần kiểm tra này cần tải thêm một lần khi có mạng/);
  await context.setOffline(false);
  await context.close();
});

test('after one visit, a reload with the network cut off still opens the app and checks', async () => {
  const context = await env.browser.newContext();
  const page = await openApp(context, env.server.url);
  await controlled(page);
  // The visit checks a whole report: the complete module is fetched once and kept.
  assertSeedCounts(await after(page, () => paste(page, { plain: SEED })));
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
  const summary = await after(page, () => paste(page, { plain: SEED }));
  assertSeedCounts(summary);
  assert.equal(await page.locator('.ks-form').count(), 7);
  // The example was copied too.
  const again = await after(page, () => page.getByRole('button', { name: 'Dùng báo cáo mẫu' }).click());
  assert.deepEqual(again, summary);
  // And the network really is off for this page.
  const online = await page.evaluate(() => fetch('https://example.org/').then(() => true, () => false));
  assert.equal(online, false);
  await context.setOffline(false);
  await context.close();
});

test('the single-file build, opened from file://, checks the seed with no request but itself', async () => {
  const file = join(ROOT, 'dist', 'kiemso.html');
  if (!existsSync(file)) assert.fail('dist/kiemso.html is missing: run `npm run build` first');
  const context = await env.browser.newContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
  // The checker runs in its own worker there too (from a Blob URL), so the page never freezes.
  assert.equal(await page.evaluate(() => document.documentElement.dataset.engineMode), 'worker');
  const summary = await after(page, () => paste(page, { plain: SEED }));
  assertSeedCounts(summary);
  assert.equal(await page.locator('.ks-form').count(), 7);
  assert.deepEqual((await cellsMarked(page, 'warn')).sort(), ['B01/3.3', 'B02/2.2']);
  // What-if and the example work there too.
  const edited = await after(page, () => page.locator('tr[data-cell="B03/3.1.2"] .ks-input').fill('66.678'));
  assert.equal(edited?.fail, 1);
  await after(page, () => page.getByRole('button', { name: 'Dùng báo cáo mẫu' }).click());
  // Its own policy forbids the network.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp ?? '', /connect-src 'none'/);
  assert.match(csp ?? '', /default-src 'none'/);
  const fetched = await page.evaluate(() => fetch('http://127.0.0.1:9/').then(() => 'sent', () => 'blocked'));
  assert.equal(fetched, 'blocked');
  const foreign = requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(SCREENSHOTS, 'single-file.png') });
  await context.close();
});
