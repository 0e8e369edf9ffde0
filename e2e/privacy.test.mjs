// Nothing leaves the page, nothing pasted runs: CSP present and enforced, no request after load,
// hostile clipboard HTML neither executes nor renders, and the single file opened from disk keeps
// nothing that another local page could read.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverAndBrowser, SEED, ROOT, SCREENSHOTS, startOtherOrigin, openApp, paste, after } from './helpers.mjs';

const env = serverAndBrowser();
/** @type {Awaited<ReturnType<typeof startOtherOrigin>>} */
let other;

before(async () => {
  other = await startOtherOrigin();
});
afterAll(() => other?.close());

test('after load the page sends nothing anywhere, and the CSP blocks any other origin', async () => {
  const context = await env.browser.newContext();
  const page = await openApp(context, env.server.url);
  const origin = new URL(env.server.url).origin;
  // Let the service worker finish its first-visit copy (same origin, part of loading).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  /** @type {import('playwright-core').Request[]} */
  const requests = [];
  page.on('request', (r) => requests.push(r));
  context.on('request', (r) => requests.push(r));

  // A whole session of work: paste, edit, filter, select, export.
  await after(page, () => paste(page, { plain: SEED }));
  await after(page, () => page.locator('tr[data-cell="B03/3.1.2"] .ks-input').fill('66.678'));
  await page.getByLabel(/Chỉ hiện dòng có lỗi/).check();
  await page.locator('tr[data-cell="B03/3.1"] .ks-input').click();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải JSON' }).click()]);
  // The requests allowed after load: the app's own complete checking module (narrative checks,
  // Word/Excel files), fetched from the same origin the first time a report with a narrative is
  // pasted, and the modules loaded on demand (print header, exports, a cell's details and the
  // report's words, the meeting's tools) — plain GETs of static files that carry nothing of the
  // user's data.
  const network = requests.filter((r) => !r.url().startsWith('blob:'));
  const complete = new RegExp(`^${origin}/(pkg/kiemso\\.js|pkg/kiemso_bg\\.[0-9a-f]{16}\\.wasm|lib/(print|exports|render-more|page-meeting)\\.mjs)$`);
  const leaks = network.filter((r) => !complete.test(r.url()) || r.method() !== 'GET' || r.postData() !== null);
  assert.deepEqual(leaks.map((r) => `${r.method()} ${r.url()}`), [], 'requests after load');
  assert.ok(network.length > 0, 'the complete module was fetched when the narrative was pasted');
  // Once fetched, it is kept: a second report checks with no request at all.
  requests.length = 0;
  await after(page, () => paste(page, { plain: SEED.replace('99,59%', '99,95%') }));
  assert.deepEqual(requests.filter((r) => !r.url().startsWith('blob:')).map((r) => r.url()), []);

  // The policy is on the page (meta) and sent by the server (header), and forbids other origins.
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(meta ?? '', /connect-src 'self'/);
  assert.match(meta ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
  const response = await page.request.get(env.server.url);
  assert.match(response.headers()['content-security-policy'] ?? '', /connect-src 'self'/);

  const attempt = await page.evaluate(async (url) => {
    /** @type {string[]} */
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    let fetched = 'sent';
    try {
      await fetch(url, { mode: 'no-cors' });
    } catch {
      fetched = 'blocked';
    }
    const img = new Image();
    img.src = `${url}pixel.png`;
    navigator.sendBeacon?.(`${url}beacon`, 'data');
    await new Promise((r) => setTimeout(r, 500));
    return { fetched, violations };
  }, other.url);
  assert.equal(attempt.fetched, 'blocked');
  assert.ok(attempt.violations.includes('connect-src'), `violations: ${attempt.violations}`);
  assert.ok(attempt.violations.includes('img-src'), `violations: ${attempt.violations}`);
  assert.deepEqual(other.hits, []);
  assert.ok(requests.map((r) => r.url()).every((u) => u.startsWith(origin) || u.startsWith(other.url) || u.startsWith("blob:")));
  assert.deepEqual(page.errors, []);
  await context.close();
});

const HOSTILE = `
<script>window.__pwned = 'script'</script>
<img src="x" onerror="window.__pwned = 'img'">
<p>Biểu mẫu số 01</p>
<a id="evil-link" href="javascript:window.__pwned='link'">bấm vào đây</a>
<svg id="evil-svg" onload="window.__pwned='svg'"><script>window.__pwned='svg-script'</script><text>SVG text</text></svg>
<style>body { display: none !important } * { color: red !important }</style>
<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>
<details open ontoggle="window.__pwned='details'"><summary>x</summary></details>
<input autofocus onfocus="window.__pwned='focus'">
<object data="javascript:window.__pwned='object'"></object>
<div id="injected-marker" style="position:fixed;inset:0;background:red">INJECTED</div>
<table>
 <tr><td>STT</td><td>Chỉ tiêu</td><td>Đơn vị tính</td><td>Số liệu</td><td>Ghi chú</td></tr>
 <tr><td>1.</td><td><img src="x" onerror="window.__pwned='cell'">Số văn bản <b onmouseover="window.__pwned='b'">chỉ đạo</b> &lt;img src=x onerror=alert(1)&gt;</td><td>Văn bản</td><td>14</td><td><a href="javascript:window.__pwned='note'">ghi chú</a></td></tr>
</table>`;

test('a hostile clipboard executes nothing and renders nothing as HTML', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  /** @type {string[]} */
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const before = await page.evaluate(() => ({ styles: document.querySelectorAll('style').length, scripts: document.scripts.length }));
  await after(page, () => paste(page, { html: HOSTILE, plain: 'plain flavour' }));
  await after(page, () => paste(page, { html: HOSTILE, plain: 'plain flavour' }, '#input'));
  await page.waitForTimeout(500);

  const state = await page.evaluate(() => ({
    pwned: /** @type {any} */ (window).__pwned,
    marker: !!document.getElementById('injected-marker'),
    link: !!document.getElementById('evil-link') || !!document.querySelector('a[href^="javascript:"]'),
    svg: !!document.getElementById('evil-svg'),
    iframes: document.querySelectorAll('iframe, object, embed').length,
    images: document.querySelectorAll('img').length,
    styles: document.querySelectorAll('style').length,
    scripts: document.scripts.length,
    bold: document.querySelectorAll('#forms b, #summary b, #detail b').length,
    bodyDisplay: getComputedStyle(document.body).display,
  }));
  assert.equal(state.pwned, undefined);
  assert.deepEqual(dialogs, []);
  assert.equal(state.marker, false);
  assert.equal(state.link, false);
  assert.equal(state.svg, false);
  assert.equal(state.iframes, 0);
  assert.equal(state.images, 0);
  assert.equal(state.styles, before.styles);
  assert.equal(state.scripts, before.scripts);
  assert.equal(state.bold, 0);
  assert.equal(state.bodyDisplay, 'block');

  // The table's text arrived as text: the markup-looking words are shown literally.
  const indicator = await page.locator('tr[data-cell="B01/1"] .ks-ind').first().textContent();
  assert.equal(indicator, 'Số văn bản chỉ đạo <img src=x onerror=alert(1)>');
  const text = await page.locator('#input').inputValue();
  assert.doesNotMatch(text, /__pwned|<script|javascript:|INJECTED.*style/);
  assert.match(text, /1\.\tSố văn bản chỉ đạo <img src=x onerror=alert\(1\)>\tVăn bản\t14\tghi chú\nBiểu mẫu số 01\n/);

  // Hovering and clicking what was pasted does nothing either.
  await page.locator('tr[data-cell="B01/1"] .ks-ind').first().hover();
  await page.locator('tr[data-cell="B01/1"] .ks-note').first().click();
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__pwned), undefined);
  await context.close();
});

test('the single file opened from disk keeps nothing of a report that another local page can read', async () => {
  const file = join(ROOT, 'dist', 'kiemso.html');
  if (!existsSync(file)) assert.fail('dist/kiemso.html is missing: run `npm run build` first');
  // Any HTML file on the same machine, opened in the same browser: Chromium gives every file://
  // page the same storage.
  const dir = mkdtempSync(join(tmpdir(), 'kiemso-other-page-'));
  const otherFile = join(dir, 'trang-khac.html');
  writeFileSync(otherFile, '<!doctype html><meta charset="utf-8"><title>Trang khác</title><p>Một trang khác trên máy</p>');
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
    await after(page, () => paste(page, { plain: SEED }));
    await after(page, () => page.locator('tr[data-cell="B03/3.1.2"] .ks-input').fill('66.678'));
    await page.getByLabel(/Chỉ hiện dòng có lỗi/).check();
    const note = await page.locator('#storage-note').innerText();
    await page.locator('.input-panel').screenshot({ path: join(SCREENSHOTS, 'single-file-storage-note.png') });
    await page.waitForTimeout(400); // any debounced save would have happened by now

    // Another local page in a new tab, and the same tab navigated away (its session storage).
    const other = await context.newPage();
    await other.goto(pathToFileURL(otherFile).href);
    await page.goto(pathToFileURL(otherFile).href);
    /** Unique words of the report and the edit, as any storage would hold them. */
    const secrets = [SEED.split('\n').find((l) => l.length > 60)?.slice(0, 40) ?? 'Khánh Hòa', 'Khánh Hòa', '66.678', '66.687'];
    for (const reader of [other, page]) {
      const seen = await reader.evaluate(async () => {
        const dump = (/** @type {Storage} */ s) => Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)]));
        let databases = /** @type {string[]} */ ([]);
        try {
          databases = (await indexedDB.databases()).map((d) => String(d.name));
        } catch {
          // No IndexedDB on file:// in this browser: nothing can be there.
        }
        return { local: dump(localStorage), session: dump(sessionStorage), databases, cookie: document.cookie };
      });
      const all = JSON.stringify(seen);
      for (const secret of secrets) assert.ok(!all.includes(secret), `another local page reads «${secret}»: ${all.slice(0, 300)}`);
      assert.deepEqual(Object.keys(seen.local).filter((k) => k.startsWith('kiemso')), []);
    }

    // The page said that, opened from disk, it keeps nothing.
    assert.match(note, /không lưu/i);
    assert.match(note, /tệp trên máy/i);

    // Opened again from disk, it starts empty, and says why.
    const again = await context.newPage();
    await again.goto(pathToFileURL(file).href);
    await again.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
    assert.equal(await again.locator('#input').inputValue(), '');
    assert.match(await again.locator('#storage-note').innerText(), /không lưu/i);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
