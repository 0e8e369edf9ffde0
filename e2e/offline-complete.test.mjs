// Offline never checks less than online: after a first visit where nothing was pasted, the
// service worker has kept the complete module in the background (once the page was idle), so with
// the network off the narrative is checked and a Word file opens. The first load itself never
// fetched that module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, ROOT, SCREENSHOTS, assertSeedCounts, openApp, paste, after } from './helpers.mjs';

const env = serverAndBrowser();
/** The seed report (/work/shared/seeds/000_a3f8234fcbb1e6b8.txt is the same text as the example). */
const SEED = readFileSync(join(ROOT, 'www', 'examples', 'khanh-hoa-q3-2024.txt'), 'utf8');
const COMPLETE_WASM = /\/pkg\/kiemso_bg\.[0-9a-f]{16}\.wasm$/;

test('a first visit with nothing pasted keeps the complete module: offline, the narrative is checked and a .docx opens', async () => {
  const context = await env.browser.newContext();
  /** What the page itself (not its service worker) fetched. */
  /** @type {string[]} */
  const pageRequests = [];
  context.on('request', (r) => {
    if (!r.serviceWorker()) pageRequests.push(r.url());
  });
  const page = await openApp(context, env.server.url);
  // Nothing is pasted; the page goes idle and its service worker keeps the complete module.
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'complete', null, { timeout: 30000 });
  assert.deepEqual(pageRequests.filter((u) => COMPLETE_WASM.test(u)), [], 'the page itself fetched the complete module');
  const kept = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)))).flat());
  assert.ok(kept.some((u) => COMPLETE_WASM.test(u)), `not in the offline copy: ${kept.join(' ')}`);

  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
  const summary = await after(page, () => paste(page, { plain: SEED }));
  assertSeedCounts(/** @type {any} */ (summary));
  // The narrative's two real inconsistencies, as the narrative tests read them.
  const findings = page.locator('section.ks-narrative > ol.ks-findings > li.ks-finding');
  assert.equal(await findings.count(), 2);
  const [first, second] = await findings.allInnerTexts();
  assert.match(first, /^Cảnh báo · dòng 37 · so với Biểu mẫu số 01, STT 3\.2\n/);
  assert.match(second, /^Cảnh báo · dòng 369 · phép tính trong câu\n/);
  assert.match(second, /44 \+ 19 = 63 cơ quan/);
  // Nothing is said to be unchecked.
  assert.equal(await page.locator('#coverage').isVisible(), false);
  assert.doesNotMatch(await page.locator('body').innerText(), /Chưa kiểm tra/);

  // A Word file, offline.
  const docx = readFileSync(join(ROOT, 'tests', 'fixtures', 'khanh-hoa-q3-2024.docx'));
  const fromWord = await after(page, () => page.locator('#file').setInputFiles({ name: 'khanh-hoa-q3-2024.docx', mimeType: 'application/octet-stream', buffer: docx }));
  assert.equal(await page.locator('#input-problems').isVisible() ? await page.locator('#input-problems').innerText() : '', '');
  assert.equal(fromWord?.fail, 0);
  assert.equal(await page.locator('.ks-form').count(), 7);
  assert.ok((await page.locator('section.ks-narrative').count()) === 1, 'the Word file\'s narrative was checked');
  await page.screenshot({ path: join(SCREENSHOTS, 'offline-complete-docx.png') });
  assert.deepEqual(page.errors, []);
  await context.setOffline(false);
  await context.close();
});

test('the page offers the single file «Tải bản dùng không cần mạng»: built ahead, self-contained, and kept for offline once downloaded', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await openApp(context, env.server.url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  const link = page.getByRole('link', { name: 'Tải bản dùng không cần mạng' });
  assert.equal(await link.isVisible(), true);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'kiemso.html');
  const html = readFileSync(/** @type {string} */ (await download.path()), 'utf8');
  // The single-file build (scripts/build-single.mjs), as made by the build: no other file needed,
  // and it does not offer itself again.
  assert.ok(html === readFileSync(join(ROOT, 'www', 'kiemso.html'), 'utf8'), 'not www/kiemso.html as built');
  assert.ok(html.includes('<meta http-equiv="Content-Security-Policy" content="default-src \'none\''), 'not the single file');
  assert.ok(!html.includes('id="offline-download"') && !html.includes('href="kiemso.html"'), 'the single file offers itself');
  // Kept by the service worker: offline, the link still gives it.
  await page.waitForFunction(async () => {
    for (const name of await caches.keys()) if (await (await caches.open(name)).match(new URL('kiemso.html', location.href).href)) return true;
    return false;
  }, null, { timeout: 10000 });
  await context.setOffline(true);
  const [again] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(readFileSync(/** @type {string} */ (await again.path()), 'utf8').length, html.length);
  await context.setOffline(false);
  await context.close();
});
