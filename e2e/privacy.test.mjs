// Nothing leaves the page, nothing pasted runs: CSP present and enforced, no request after load,
// hostile clipboard HTML neither executes nor renders.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, SEED, startOtherOrigin, openApp, paste, after } from './helpers.mjs';

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
  // The one request allowed after load: the app's own complete checking module (narrative checks,
  // Word/Excel files), fetched from the same origin the first time a report with a narrative is
  // pasted — a plain GET of a static file that carries nothing of the user's data.
  const network = requests.filter((r) => !r.url().startsWith('blob:'));
  const leaks = network.filter((r) => r.url() !== `${origin}/pkg/kiemso_bg.wasm` || r.method() !== 'GET' || r.postData() !== null);
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
