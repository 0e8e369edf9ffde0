// <kiem-so> on a portal page with hostile CSS, and the check() API for the portal's own scripts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverAndBrowser, SEED, assertSeedCounts, SCREENSHOTS, eventually, counts, markOf } from './helpers.mjs';

const env = serverAndBrowser();

async function portal() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}portal-example.html`);
  await page.waitForFunction(() => customElements.get('kiem-so') !== undefined);
  return { context, page, errors };
}

/** @param {import('playwright-core').Page} page */
function nextResult(page) {
  return page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('kiemso-result', (e) => {
      const ev = /** @type {CustomEvent} */ (e);
      resolve({ summary: ev.detail.summary, forms: ev.detail.forms.length, checks: ev.detail.checks.length, bubbles: ev.bubbles, composed: ev.composed, target: /** @type {Element} */ (ev.target).tagName });
    }, { once: true });
  }));
}

test('<kiem-so> checks what is pasted into it and fires kiemso-result with the result', async () => {
  const { context, page, errors } = await portal();
  const element = page.locator('kiem-so');
  let result = nextResult(page);
  await element.locator('textarea').fill(SEED);
  const fired = /** @type {any} */ (await result);
  assertSeedCounts(fired.summary);
  const { fail, warn, pass, na } = fired.summary;
  assert.deepEqual({ ...fired, summary: undefined }, { summary: undefined, forms: 7, checks: fail + warn + pass + na, bubbles: true, composed: true, target: 'KIEM-SO' });
  assertSeedCounts(await counts(element));
  assert.equal(await markOf(element, 'B01/3.3'), 'Cảnh báo');
  // The portal's own listener got it too.
  assert.match(await page.locator('#event-log').innerText(), /7 BẢNG, 0 LỖI, 4 CẢNH BÁO/);

  // A paste (Word HTML) into the element, then a what-if edit inside it.
  result = nextResult(page);
  await element.locator('textarea').evaluate((ta) => {
    const dt = new DataTransfer();
    dt.setData('text/html', '<table><tr><td>2.</td><td>Tỷ lệ hoàn thành kế hoạch CCHC</td><td>%</td><td>31,14</td></tr><tr><td>2.1.</td><td>Số nhiệm vụ đề ra trong kế hoạch</td><td>Nhiệm vụ</td><td>61</td></tr><tr><td>2.2.</td><td>Số nhiệm vụ đã hoàn thành</td><td>Nhiệm vụ</td><td>19</td></tr></table>');
    /** @type {HTMLTextAreaElement} */ (ta).select();
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, composed: true, cancelable: true }));
  });
  const pasted = /** @type {any} */ (await result);
  assert.equal(pasted.summary.fail, 1);
  const failed = await element.locator('tr.ks-st-fail').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cell')));
  assert.equal(failed.length, 1);
  assert.match(String(failed[0]), /\/2$/);
  result = nextResult(page);
  await element.locator(`tr[data-cell="${failed[0]}"] .ks-input`).fill('31,15');
  assert.equal((/** @type {any} */ (await result)).summary.fail, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('host CSS does not reach inside <kiem-so>, and its CSS does not leak out', async () => {
  const { context, page } = await portal();
  const element = page.locator('kiem-so');
  const result = nextResult(page);
  await element.locator('textarea').fill(SEED);
  await result;
  const inside = await element.evaluate((el) => {
    const root = /** @type {ShadowRoot} */ (el.shadowRoot);
    const style = (/** @type {string} */ sel) => getComputedStyle(/** @type {Element} */ (root.querySelector(sel)));
    return {
      tableDisplay: style('table.ks-table').display,
      textareaDisplay: style('textarea').display,
      cellFont: style('.ks-ind').fontFamily,
      cellColor: style('.ks-ind').color,
      cellTransform: style('.ks-ind').textTransform,
      cellSpacing: style('.ks-ind').letterSpacing,
      rootFontSize: style('.ks-element').fontSize,
      summaryDisplay: style('.ks-summary').display,
      verdictWeight: style('.ks-verdict').fontWeight,
    };
  });
  assert.equal(inside.tableDisplay, 'table');
  assert.equal(inside.textareaDisplay, 'block');
  assert.doesNotMatch(inside.cellFont, /Comic|cursive/);
  assert.equal(inside.cellColor, 'rgb(27, 31, 36)');
  assert.equal(inside.cellTransform, 'none');
  assert.equal(inside.cellSpacing, 'normal');
  assert.equal(inside.rootFontSize, '16px');
  assert.equal(inside.summaryDisplay, 'block');
  assert.equal(inside.verdictWeight, '600');
  // The portal's own look-alike elements keep the portal's styles, not the element's.
  const outside = await page.evaluate(() => {
    const v = getComputedStyle(/** @type {Element} */ (document.getElementById('host-verdict')));
    return { display: v.display, weight: v.fontWeight, transform: v.textTransform };
  });
  assert.deepEqual(outside, { display: 'block', weight: '400', transform: 'uppercase' });
  await element.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const box = await element.boundingBox();
  if (box) await page.screenshot({ path: join(SCREENSHOTS, 'portal-element.png'), clip: { x: 0, y: Math.max(0, box.y - 60), width: 1280, height: 900 - Math.max(0, box.y - 60) } });
  await context.close();
});

test('lang="en" switches the element\'s labels; a catalogue from another origin is refused, a same-origin one is used', async () => {
  const { context, page } = await portal();
  const element = page.locator('kiem-so');
  await element.evaluate((el) => el.setAttribute('lang', 'en'));
  const result = nextResult(page);
  await element.locator('textarea').fill(SEED);
  await result;
  assert.equal(await element.locator('.ks-summary-h').innerText(), 'Results');
  assert.equal(await element.locator('tr[data-cell="B01/3.3"] .ks-mark').innerText(), 'Warning');

  const refused = page.evaluate(() => new Promise((resolve) => document.addEventListener('kiemso-error', (e) => resolve(/** @type {CustomEvent} */ (e).detail), { once: true })));
  await element.evaluate((el) => el.setAttribute('catalogue', 'http://127.0.0.1:9/rules.json'));
  assert.deepEqual(await refused, { message: 'Catalogue not used: its address must be on the same origin as the page.', kind: 'catalogue' });

  // A same-origin catalogue that is not valid: the core's Vietnamese explanation is shown.
  await page.route('**/bad-rules.json', (route) => route.fulfill({ contentType: 'application/json', body: '{"forms": 5}' }));
  const bad = page.evaluate(() => new Promise((resolve) => document.addEventListener('kiemso-error', (e) => resolve(/** @type {CustomEvent} */ (e).detail), { once: true })));
  await element.evaluate((el) => el.setAttribute('catalogue', 'bad-rules.json'));
  const badDetail = /** @type {any} */ (await bad);
  assert.equal(badDetail.kind, 'input');
  assert.ok(badDetail.message.length > 10);
  assert.equal(await element.locator('.ks-el-error').isVisible(), true);

  // The built-in catalogue served from the portal: checks as before.
  const builtin = await page.evaluate(async () => (await import('./kiemso-api.mjs')).builtinCatalogue());
  await page.route('**/rules.json', (route) => route.fulfill({ contentType: 'application/json', body: builtin }));
  const good = nextResult(page);
  await element.evaluate((el) => el.setAttribute('catalogue', 'rules.json'));
  assertSeedCounts((/** @type {any} */ (await good)).summary);
  assert.equal(await element.locator('.ks-el-error').isVisible(), false);
  await context.close();
});

test('the portal\'s own script gets the result from check()', async () => {
  const { context, page } = await portal();
  await page.locator('#api-run').click();
  await eventually(async () => (await page.locator('#api-output').innerText()).includes('TRẢ VỀ'));
  assert.match(await page.locator('#api-output').innerText(), /CHECK\(\) TRẢ VỀ: 7 BẢNG; 0 LỖI, 4 CẢNH BÁO, \d+ ĐẠT, 0 KHÔNG TÍNH ĐƯỢC\./);
  // Errors are Errors with the core's Vietnamese message and a kind.
  const refusal = await page.evaluate(async () => {
    const { check } = await import('./kiemso-api.mjs');
    try {
      await check('   ');
      return null;
    } catch (e) {
      return { message: /** @type {Error} */ (e).message, kind: /** @type {any} */ (e).kind };
    }
  });
  assert.equal(refusal?.kind, 'input');
  assert.match(String(refusal?.message), /Không có nội dung để kiểm tra/);
  await context.close();
});
