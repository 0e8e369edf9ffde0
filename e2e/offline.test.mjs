// Works with the network off after the first visit (service worker), and as one file from disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverAndBrowser, startServer, ROOT, SEED, assertSeedCounts, SCREENSHOTS, openApp, paste, after, cellsMarked, eventually } from './helpers.mjs';

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

test('when the complete module could not be kept, offline the tables are checked and what was not is said inside the results and the print', async () => {
  const context = await env.browser.newContext();
  // The background copy of the complete module fails (the network dropped at that moment).
  await context.route(/\/pkg\/kiemso_bg\.[0-9a-f]{16}\.wasm$/, (route) => route.abort());
  const page = await openApp(context, env.server.url);
  await controlled(page);
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'partial', null, { timeout: 30000 });
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
  // Every table check still runs.
  const summary = await after(page, () => paste(page, { plain: SEED }));
  assert.deepEqual(summary, { fail: 0, warn: 2, pass: 167, na: 0 });
  assert.equal(await page.locator('.ks-form').count(), 7);
  // Said inside the results, in view with them, not only at the top of the page…
  const note = page.locator('#results #coverage');
  // (While the complete module is tried, the note says it is awaited; then that it could not come.)
  await page.waitForFunction(() => /^Chưa kiểm tra: /.test(document.querySelector('#results #coverage')?.textContent ?? ''), null, { timeout: 10000 })
    .catch(async (e) => assert.fail(`${e.message}: the note says «${await note.textContent()}», state ${await page.locator('#results').getAttribute('data-state')}, status «${await page.locator('#status').textContent()}»`));
  assert.equal(await note.isVisible(), true);
  assert.match(await note.innerText(), /^Chưa kiểm tra: lời văn của báo cáo \(phần kiểm tra này cần tải thêm một lần khi có mạng\)/);
  await page.locator('#results').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'offline-unchecked.png') });
  // …and in print.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await note.isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
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
  // The writers are inlined too: the letter is written with no network.
  const [letter] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.getByRole('button', { name: 'Phiếu rà soát (.docx)' }).click()]);
  assert.match(letter.suggestedFilename(), /^kiemso-phieu-ra-soat-.*\.docx$/);
  const bytes = readFileSync(/** @type {string} */ (await letter.path()));
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
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

/**
 * A new release of the complete module, as a rebuild makes one: its glue and its Wasm change
 * together (one of the functions the Wasm imports from its glue gets another name), so the new
 * glue cannot run the old Wasm, nor the old glue the new one.
 * @param {string} www a copy of www/
 */
function rebuildCompleteModule(www) {
  const pkg = join(www, 'pkg');
  const wasmName = readdirSync(pkg).find((f) => /^kiemso_bg.*\.wasm$/.test(f));
  if (!wasmName) throw new Error('no complete module in the copy');
  const glue = readFileSync(join(pkg, 'kiemso.js'), 'utf8');
  const wasm = readFileSync(join(pkg, wasmName));
  const name = [...glue.matchAll(/\b(__wbg_[a-z_]+_[0-9a-f]{16})\b/g)].map((m) => m[1]).find((n) => wasm.includes(Buffer.from(n)));
  if (!name) throw new Error('no import of the glue found in the Wasm');
  const renamed = name.replace(/[0-9a-f]{16}$/, (h) => [...h].reverse().join(''));
  writeFileSync(join(pkg, 'kiemso.js'), glue.replaceAll(name, renamed));
  let at = wasm.indexOf(Buffer.from(name));
  while (at >= 0) {
    wasm.write(renamed, at, 'latin1');
    at = wasm.indexOf(Buffer.from(name), at + 1);
  }
  writeFileSync(join(pkg, wasmName), wasm);
  // The release step of the build, when there is one: names and lists every asset by content.
  const release = join(ROOT, 'scripts', 'build-assets.mjs');
  if (existsSync(release)) {
    const run = spawnSync(process.execPath, [release, '--www', www], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`build-assets failed: ${run.stderr}`);
  }
}

test('after an update, offline, the cached glue always comes with its own Wasm: a Word file is still read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiemso-release-'));
  const www = join(dir, 'www');
  cpSync(join(ROOT, 'www'), www, { recursive: true });
  const server = await startServer(www);
  const context = await env.browser.newContext();
  try {
    const page = await openApp(context, server.url);
    await controlled(page);
    // The first visit checks a report with a narrative: the complete module is kept for offline.
    assertSeedCounts(/** @type {any} */ (await after(page, () => paste(page, { plain: SEED }))));
    const cachesBefore = await page.evaluate(() => caches.keys());
    // Nothing is left to check on the next visit (a reload would fetch the new complete module).
    await after(page, () => page.getByRole('button', { name: 'Xoá dữ liệu đã nhập trên máy này' }).click());

    // A new release is deployed; the user comes back online, and only looks at the page.
    rebuildCompleteModule(www);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
    // The release's files are another VERSION: a new copy takes over, and the old one goes.
    await eventually(async () => {
      const names = await page.evaluate(() => caches.keys());
      return names.length === 1 && names[0] !== cachesBefore[0];
    }, 10000);
    // In the copy, each glue sits beside the very Wasm it names, the complete module's included
    // (the user had used it: it is kept across the update).
    const pairs = await page.evaluate(async () => {
      const cache = await caches.open((await caches.keys())[0]);
      const urls = (await cache.keys()).map((r) => r.url);
      const out = [];
      for (const url of urls.filter((u) => u.endsWith('/kiemso.js'))) {
        const glue = await (await cache.match(url))?.text();
        const named = /export const wasmFile = '([^']+)'/.exec(glue ?? '')?.[1];
        out.push({ glue: url, wasm: named, kept: !!named && urls.includes(new URL(named, url).href) });
      }
      return out;
    });
    assert.equal(pairs.length, 2, JSON.stringify(pairs));
    for (const pair of pairs) assert.ok(pair.kept, `${pair.glue} without its ${pair.wasm}`);

    // Offline, a Word file: the complete module must be one whole release, old or new.
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
    const docx = readFileSync(join(ROOT, 'tests', 'fixtures', 'khanh-hoa-q3-2024.docx'));
    const summary = await after(page, () => page.locator('#file').setInputFiles({ name: 'khanh-hoa-q3-2024.docx', mimeType: 'application/octet-stream', buffer: docx }));
    assert.equal(await page.locator('#input-problems').isVisible() ? await page.locator('#input-problems').innerText() : '', '');
    assert.equal(summary?.fail, 0);
    assert.equal(await page.locator('.ks-form').count(), 7);
    await context.setOffline(false);
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
