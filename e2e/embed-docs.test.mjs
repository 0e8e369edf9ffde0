// docs/embedding.md, followed to the letter: the files its `cp` line lists are copied from the
// build into a blank folder, its example's two files are written from the doc's own code blocks
// (so the doc cannot drift from what works), and a report, a Word file and the events are tried
// in a page served from that folder, under the doc's Content-Security-Policy.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, ROOT, SEED, SCREENSHOTS, assertSeedCounts, counts } from './helpers.mjs';

const DOC = readFileSync(join(ROOT, 'docs', 'embedding.md'), 'utf8');

/**
 * The fenced code blocks of the doc: `{ info, code }`, `info` being what follows the fence.
 * @returns {{ info: string, code: string }[]}
 */
function blocks() {
  return [...DOC.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({ info: m[1].trim(), code: m[2] }));
}

/** The portal's folder, made from the doc alone. */
function portalFromDoc() {
  const dir = mkdtempSync(join(tmpdir(), 'kiemso-portal-'));
  // Section 1: `cd dist/www` then `cp -r FILES… DEST/`.
  const sh = blocks().find((b) => b.info === 'sh' && /\bcp -r\b/.test(b.code));
  assert.ok(sh, 'no `cp -r` block in docs/embedding.md');
  const from = join(ROOT, /^cd (\S+)$/m.exec(sh.code)?.[1] ?? 'missing');
  assert.ok(existsSync(join(from, 'kiem-so.mjs')), `${from}: build first (scripts/build-wasm.sh)`);
  const cp = /^cp -r (.+) (\S+)\/$/m.exec(sh.code);
  assert.ok(cp, 'the cp line has no destination folder');
  const dest = join(dir, 'kiemso');
  mkdirSync(dest);
  for (const name of cp[1].split(/\s+/)) cpSync(join(from, name), join(dest, name), { recursive: true });
  // Section 6: the example's files, named on their fences.
  const files = blocks().filter((b) => /^(html|js) \S+$/.test(b.info));
  assert.deepEqual(files.map((b) => b.info.split(' ')[1]).sort(), ['kiemso-demo.html', 'kiemso-demo.mjs']);
  for (const b of files) writeFileSync(join(dir, b.info.split(' ')[1]), b.code);
  // The CSP of section 2 is the example's.
  const csp = blocks().find((b) => b.info === '' && /wasm-unsafe-eval/.test(b.code))?.code.replace(/\s+/g, ' ').trim();
  assert.ok(csp && files[0].code.includes(`content="${csp}"`), 'the example does not use the CSP of section 2');
  return dir;
}

const env = /** @type {any} */ ({});
before(async () => {
  env.dir = portalFromDoc();
  env.server = await startServer(env.dir);
  env.browser = await launch();
});
afterAll(async () => {
  await env.browser?.close();
  env.server?.close();
  if (env.dir) rmSync(env.dir, { recursive: true, force: true });
});

/** The example page, with what the console and the page report. */
async function demo() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    // A 404 is reported below with its address (the example has no favicon, like a bare portal page).
    if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
  });
  /** @type {string[]} */
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${env.server.url}kiemso-demo.html`);
  await page.waitForFunction(() => customElements.get('kiem-so') !== undefined);
  return { context, page, problems, requests };
}

test('the doc\'s example checks a pasted report, a Word file from the file button, and its listener sees the events', async () => {
  const { context, page, problems, requests } = await demo();
  const element = page.locator('kiem-so');
  await element.locator('textarea').fill(SEED);
  await page.waitForFunction(() => /Kết quả: \d+ lỗi, \d+ cảnh báo\./.test(document.getElementById('kiemso-log')?.textContent ?? ''), null, { timeout: 30000 });
  assertSeedCounts(await counts(element));
  assert.equal(await page.locator('#kiemso-log').innerText(), 'Kết quả: 0 lỗi, 4 cảnh báo.');

  // The file button («Mở tệp…»): a Word file.
  const docx = readFileSync(join(ROOT, 'tests', 'fixtures', 'khanh-hoa-q3-2024.docx'));
  await page.evaluate(() => { document.getElementById('kiemso-log').textContent = ''; });
  await element.getByText('Mở tệp Word, Excel, CSV…').isVisible();
  await element.locator('input[type=file]').setInputFiles({ name: 'khanh-hoa-q3-2024.docx', mimeType: 'application/octet-stream', buffer: docx });
  await page.waitForFunction(() => /Kết quả/.test(document.getElementById('kiemso-log')?.textContent ?? ''), null, { timeout: 30000 });
  assert.equal((await counts(element)).fail, 0);
  assert.equal(await element.locator('.ks-form').count(), 7);
  assert.equal(await element.evaluate((el) => /** @type {any} */ (el).file?.name), 'khanh-hoa-q3-2024.docx');
  await element.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SCREENSHOTS, 'embed-docs-example.png') });

  // Nothing was asked of another origin, and the CSP refused nothing.
  const origin = new URL(env.server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('events as the doc says: kiemso-check cancels a check, kiemso-result cancels the display; attributes are reflected; a file can be dropped', async () => {
  const { context, page, problems } = await demo();
  // A same-origin catalogue for the reflection below: the built-in one, served by the portal.
  const builtin = await page.evaluate(async () => (await import('./kiemso/kiemso-api.mjs')).builtinCatalogue());
  await page.route('**/rules.json', (route) => route.fulfill({ contentType: 'application/json', body: builtin }));
  const seen = await page.evaluate(async (seed) => {
    const el = /** @type {any} */ (document.querySelector('kiem-so'));
    /** @param {string} type */
    const next = (type) => new Promise((resolve) => el.addEventListener(type, resolve, { once: true }));
    // kiemso-check, cancelled: no result follows.
    const results = [];
    el.addEventListener('kiemso-result', (/** @type {CustomEvent} */ e) => results.push(e.detail.summary));
    const stop = (/** @type {CustomEvent} */ e) => e.preventDefault();
    el.addEventListener('kiemso-check', stop);
    const check = /** @type {CustomEvent} */ (await Promise.all([next('kiemso-check'), (el.value = seed)]).then(([e]) => e));
    await new Promise((r) => setTimeout(r, 1500));
    const afterCancel = { cancelable: check.cancelable, text: check.detail.text.length, file: check.detail.file, results: results.length, result: el.result, shown: el.shadowRoot.querySelector('.ks-el-results').hidden };
    el.removeEventListener('kiemso-check', stop);
    // kiemso-result, cancelled: the portal shows it, the element does not.
    el.addEventListener('kiemso-result', stop, { once: true });
    const got = /** @type {CustomEvent} */ (await Promise.all([next('kiemso-result'), el.run()]).then(([e]) => e));
    const afterResult = { cancelable: got.cancelable, warn: got.detail.summary.warn, hidden: el.shadowRoot.querySelector('.ks-el-results').hidden };
    // Shown again when not cancelled.
    await Promise.all([next('kiemso-result'), el.run()]);
    const shownAgain = !el.shadowRoot.querySelector('.ks-el-results').hidden;
    // Reflection.
    el.onlyProblems = true;
    el.catalogue = 'rules.json';
    const reflected = { onlyProblems: el.getAttribute('only-problems'), catalogue: el.getAttribute('catalogue') };
    el.catalogue = null;
    el.removeAttribute('only-problems');
    el.setAttribute('only-problems', '');
    const back = { onlyProblems: el.onlyProblems, catalogue: el.catalogue };
    return { afterCancel, afterResult, shownAgain, reflected, back };
  }, SEED);
  assert.deepEqual(seen.afterCancel, { cancelable: true, text: SEED.length, file: null, results: 0, result: null, shown: true });
  assert.deepEqual(seen.afterResult, { cancelable: true, warn: 4, hidden: true });
  assert.equal(seen.shownAgain, true);
  assert.deepEqual(seen.reflected, { onlyProblems: '', catalogue: 'rules.json' });
  assert.deepEqual(seen.back, { onlyProblems: true, catalogue: null });

  // A CSV file dropped on the element.
  const csv = readFileSync(join(ROOT, 'tests', 'fixtures', 'grids', 'commune.tsv'), 'utf8');
  const dropped = await page.evaluate(async (text) => {
    const el = /** @type {any} */ (document.querySelector('kiem-so'));
    // The result of the dropped file's text (not of a check still running from before).
    const done = new Promise((resolve) => el.addEventListener('kiemso-result', function on(/** @type {CustomEvent} */ e) {
      if (el.value !== text) return;
      el.removeEventListener('kiemso-result', on);
      resolve(e.detail.forms.length);
    }));
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'xa.tsv', { type: 'text/tab-separated-values' }));
    const target = el.shadowRoot.querySelector('textarea');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
    const note = !el.shadowRoot.querySelector('.ks-el-drop').hidden;
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
    return { note, forms: await done, value: el.value.slice(0, 40) };
  }, csv);
  assert.deepEqual(dropped, { note: true, forms: 1, value: csv.slice(0, 40) });
  assert.deepEqual(problems, []);
  await context.close();
});
