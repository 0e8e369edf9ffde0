// A slow connection: the complete module (narrative checks, Word/Excel readers) takes longer to
// download than a check may take to run. The download is not a check: it is never cut short by
// the job's time limit, never started twice, and the tables are shown while it arrives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, SEED, assertSeedCounts, SCREENSHOTS, ROOT, openApp, paste, counts } from './helpers.mjs';

const env = serverAndBrowser();

/** The complete module's Wasm (not the small first one under pkg/core/). */
const COMPLETE_WASM = /\/pkg\/kiemso_bg[^/]*\.wasm$/;

/**
 * Delays every download of the complete module by `ms`, and counts them.
 * @param {import('playwright-core').BrowserContext} context
 * @param {number} ms
 */
async function slowCompleteModule(context, ms) {
  const downloads = { started: 0 };
  await context.route(COMPLETE_WASM, async (route) => {
    downloads.started++;
    await new Promise((r) => setTimeout(r, ms));
    try {
      await route.continue();
    } catch {
      // The page went away while the download was held back.
    }
  });
  return downloads;
}

test('on a slow connection the tables are shown while the narrative module downloads, then the narrative, with one download', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const downloads = await slowCompleteModule(context, 4000);
  const page = await openApp(context, env.server.url);
  const started = Date.now();
  await paste(page, { plain: SEED });
  // The seven forms are there long before the download ends.
  await page.waitForFunction(() => document.querySelectorAll('.ks-form').length === 7, null, { timeout: 3000 });
  assert.ok(Date.now() - started < 3500, 'the tables waited for the download');
  const status = await page.locator('#status').innerText();
  assert.match(status, /Đã kiểm tra 7 bảng/);
  assert.match(status, /đang tải phần kiểm tra lời văn/);
  assert.equal(await page.locator('#results').getAttribute('aria-busy'), 'true');
  assert.match(await page.locator('#input-problems').innerText(), /Đang tải phần kiểm tra lời văn của báo cáo/);
  await page.screenshot({ path: join(SCREENSHOTS, 'slow-network-tables-first.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1000 } });
  // An edit while the download goes on is checked at once, and does not start another download.
  await page.locator('tr[data-cell="B03/3.1.2"] .ks-input').fill('66.678');
  await page.waitForFunction(() => document.querySelector('tr[data-cell="B03/3.1"]')?.classList.contains('ks-st-fail'), null, { timeout: 3000 });
  assert.ok(Date.now() - started < 3800, 'the edit waited for the download');
  // Then the narrative's checks join, without any message about data too large.
  await page.waitForFunction(() => document.getElementById('results')?.dataset.state === 'done', null, { timeout: 20000 });
  const summary = await counts(page);
  assert.equal(summary.fail, 1);
  // One check of the clean report broke; the others still hold (see assertSeedCounts).
  assert.ok(summary.warn + summary.pass >= 4 + 255 - 1, JSON.stringify(summary));
  assert.doesNotMatch(await page.locator('body').innerText(), /quá lớn|quá lâu|Đang tải phần kiểm tra lời văn/);
  assert.equal(downloads.started, 1);
  await context.close();
});

test('a download slower than the job time limit is not a time-out, and asking again does not download again', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const downloads = await slowCompleteModule(context, 3000);
  const page = await openApp(context, env.server.url);
  const docx = readFileSync(join(ROOT, 'tests', 'fixtures', 'khanh-hoa-q3-2024.docx')).toString('base64');
  const outcome = await page.evaluate(async ({ seed, docx }) => {
    const { CheckerBridge } = await import('./lib/bridge.mjs');
    /** @type {string[]} */
    const events = [];
    const bridge = new CheckerBridge({
      createWorker: () => new Worker(new URL('./worker.mjs', location.href), { type: 'module' }),
      // Far shorter than the download: only the checks themselves are timed.
      jobTimeoutMs: 1000,
      onEvent: (e) => events.push(e.type),
    });
    await bridge.ready;
    const bytes = Uint8Array.from(atob(docx), (c) => c.charCodeAt(0));
    // A Word file needs the complete module; an embedding's request waits for it, untimed.
    const [file, text] = await Promise.all([
      bridge.request({ op: 'file', bytes, name: 'khanh-hoa.docx' }),
      bridge.request({ op: 'text', text: seed }),
    ]);
    const brief = (/** @type {any} */ a) => (a.ok ? { forms: a.result.forms.length, narrative: a.result.narrative_checked, ...a.result.summary } : a.error);
    bridge.dispose();
    return { file: brief(file), text: brief(text), events };
  }, { seed: SEED, docx });
  assert.equal(outcome.file.forms, 7, JSON.stringify(outcome.file));
  assert.equal(outcome.file.fail, 0);
  assert.equal(outcome.text.forms, 7);
  assert.equal(outcome.text.narrative, true);
  assertSeedCounts(outcome.text);
  assert.ok(!outcome.events.includes('restarted'), `events: ${outcome.events}`);
  assert.equal(downloads.started, 1);
  await context.close();
});

test('after the checker restarts, the complete module is not downloaded again', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const downloads = await slowCompleteModule(context, 1500);
  const page = await openApp(context, env.server.url);
  const outcome = await page.evaluate(async (seed) => {
    const { CheckerBridge } = await import('./lib/bridge.mjs');
    /** @type {string[]} */
    const events = [];
    const bridge = new CheckerBridge({
      createWorker: () => new Worker(new URL('./worker.mjs', location.href), { type: 'module' }),
      onEvent: (e) => events.push(e.type),
    });
    await bridge.ready;
    const first = await bridge.request({ op: 'text', text: seed });
    // The worker dies (as after a trap); the fresh one starts with the module already here.
    bridge.onWorkerDied('crash', 'test');
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    const second = await bridge.request({ op: 'text', text: seed });
    const ms = performance.now() - started;
    bridge.dispose();
    const ok = (/** @type {any} */ a) => a.ok && a.result.narrative_checked;
    return { first: ok(first), second: ok(second), ms, events };
  }, SEED);
  assert.equal(outcome.first, true);
  assert.equal(outcome.second, true);
  assert.ok(outcome.ms < 1500, `the second answer took ${outcome.ms} ms`);
  assert.ok(outcome.events.includes('restarted'));
  assert.equal(downloads.started, 1);
  await context.close();
});

test('a slow download of the first module is not taken for a worker that cannot start', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  // From now on the small first module is slow to arrive (a new worker fetches it again).
  let downloads = 0;
  await context.route('**/pkg/core/*.wasm', async (route) => {
    downloads++;
    await new Promise((r) => setTimeout(r, 2500));
    await route.continue();
  });
  const outcome = await page.evaluate(async () => {
    const { CheckerBridge } = await import('./lib/bridge.mjs');
    const bridge = new CheckerBridge({
      createWorker: () => new Worker(new URL('./worker.mjs', location.href), { type: 'module' }),
      // Far shorter than the download: only a worker that does not run at all should count.
      startTimeoutMs: 1000,
      loadInPage: async () => ({ check: () => ({ in: 'page' }) }),
    });
    await bridge.ready;
    const mode = bridge.mode;
    const answer = await bridge.request({ op: 'text', text: 'Biểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t14\n' });
    bridge.dispose();
    return { mode, forms: answer.ok ? answer.result.forms?.length : answer };
  });
  assert.deepEqual(outcome, { mode: 'worker', forms: 1 });
  assert.equal(downloads, 1);
  await context.close();
});
