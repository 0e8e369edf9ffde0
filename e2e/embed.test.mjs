// <kiem-so> on a portal page with hostile CSS, and the check() API for the portal's own scripts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverAndBrowser, SEED, assertSeedCounts, SCREENSHOTS, eventually, counts, markOf, startOtherOrigin } from './helpers.mjs';

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

/**
 * The detail of the next kiemso-result (rejects after 20 s without one).
 * @param {import('playwright-core').Page} page
 */
function nextResult(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('no kiemso-result within 20 s')), 20000);
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
  assert.deepEqual(await refused, { message: 'Catalogue not used: its address must be on the same origin as the page. Not checked: the built-in rules are not used in place of the catalogue this page names.', kind: 'catalogue' });

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

/**
 * The results and errors the element fires, collected in the page from now on.
 * @param {import('playwright-core').Page} page
 */
async function collectEvents(page) {
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__events = [];
    for (const type of ['kiemso-result', 'kiemso-error']) {
      document.addEventListener(type, (e) => w.__events.push({ type, detail: type === 'kiemso-result'
        ? { summary: /** @type {CustomEvent} */ (e).detail.summary } : /** @type {CustomEvent} */ (e).detail }));
    }
  });
  return {
    /** @returns {Promise<{ type: string, detail: any }[]>} */
    list: () => page.evaluate(() => /** @type {any} */ (window).__events),
  };
}

test('<kiem-so catalogue>: a slow catalogue A then B leaves B in use; a 404 is shown and nothing is checked with the built-in rules', async () => {
  const { context, page } = await portal();
  const element = page.locator('kiem-so');
  const builtin = await page.evaluate(async () => (await import('./kiemso-api.mjs')).builtinCatalogue());
  // A answers late and is not a usable catalogue: were it used, the element would show an error.
  await page.route('**/slow-a.json', async (route) => {
    await new Promise((r) => setTimeout(r, 2500));
    await route.fulfill({ contentType: 'application/json', body: '{"forms": 5}' }).catch(() => {});
  });
  await page.route('**/quick-b.json', (route) => route.fulfill({ contentType: 'application/json', body: builtin }));
  await page.route('**/missing.json', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }));
  let result = nextResult(page);
  await element.locator('textarea').fill(SEED);
  await result;
  const events = await collectEvents(page);
  await element.evaluate((el) => el.setAttribute('catalogue', 'slow-a.json'));
  await element.evaluate((el) => el.setAttribute('catalogue', 'quick-b.json'));
  await eventually(async () => (await events.list()).some((e) => e.type === 'kiemso-result'));
  await page.waitForTimeout(3500); // A has answered by now
  // A change of the text is checked with B, the newest catalogue asked for.
  result = nextResult(page);
  await element.evaluate((el) => { /** @type {any} */ (el).value = `${/** @type {any} */ (el).value}\n`; });
  assertSeedCounts((/** @type {any} */ (await result)).summary);
  assert.deepEqual((await events.list()).filter((e) => e.type === 'kiemso-error'), []);
  assert.equal(await element.locator('.ks-el-error').isVisible(), false);

  // A catalogue that is not there: the error is shown and stays; no result with other rules.
  const before = (await events.list()).length;
  await element.evaluate((el) => el.setAttribute('catalogue', 'missing.json'));
  await eventually(async () => (await events.list()).slice(before).some((e) => e.type === 'kiemso-error'));
  await page.waitForTimeout(1000);
  await element.evaluate((el) => { /** @type {any} */ (el).value = `${/** @type {any} */ (el).value} `; });
  await page.waitForTimeout(1000);
  const after404 = (await events.list()).slice(before);
  assert.deepEqual(after404.filter((e) => e.type === 'kiemso-result'), []);
  assert.equal(after404[0].detail.kind, 'catalogue');
  assert.match(after404[0].detail.message, /missing\.json/);
  assert.match(after404[0].detail.message, /404/);
  assert.equal(await element.locator('.ks-el-error').isVisible(), true);
  assert.match(await element.locator('.ks-el-error').innerText(), /404[\s\S]*không dùng bộ quy tắc có sẵn/);
  assert.equal(await element.locator('.ks-el-results').isVisible(), false);
  assert.equal(await element.evaluate((el) => /** @type {any} */ (el).result), null);
  await element.locator('.ks-el-error').screenshot({ path: join(SCREENSHOTS, 'portal-catalogue-404.png') });

  // Back to the built-in catalogue (attribute removed): checked again.
  result = nextResult(page);
  await element.evaluate((el) => el.removeAttribute('catalogue'));
  assertSeedCounts((/** @type {any} */ (await result)).summary);
  assert.equal(await element.locator('.ks-el-error').isVisible(), false);
  await context.close();
});

test('<kiem-so catalogue>: a same-origin address redirecting to another origin is not followed', async () => {
  const other = await startOtherOrigin();
  // A portal without a Content-Security-Policy of its own (the example has one, which would hide
  // the element's fault): only the element stands between the redirect and the other origin.
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  // Chromium asks before a page reaches a loopback address it was not served from: granted, so
  // that the browser itself does not hide the fault either.
  await context.grantPermissions(['local-network-access']);
  const page = await context.newPage();
  await page.route('**/bare-portal.html', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cổng</title><script type="module" src="kiem-so.mjs"></script><kiem-so></kiem-so>',
  }));
  await page.route('**/moved-rules.json', (route) => route.fulfill({ status: 302, headers: { location: `${other.url}rules.json` } }));
  await page.goto(`${env.server.url}bare-portal.html`);
  await page.waitForFunction(() => customElements.get('kiem-so') !== undefined);
  const element = page.locator('kiem-so');
  const result = nextResult(page);
  await element.locator('textarea').fill(SEED);
  await result;
  const error = page.evaluate(() => new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('no kiemso-error within 10 s')), 10000);
    document.addEventListener('kiemso-error', (e) => resolve(/** @type {CustomEvent} */ (e).detail), { once: true });
  }));
  await element.evaluate((el) => el.setAttribute('catalogue', 'moved-rules.json'));
  const detail = /** @type {any} */ (await error);
  await page.waitForTimeout(500);
  assert.deepEqual(other.hits, [], 'the redirect reached the other origin');
  assert.equal(detail.kind, 'catalogue');
  assert.match(detail.message, /moved-rules\.json/);
  other.close();
  await context.close();
});

test('<kiem-so> with a closed shadow root keeps its DOM out of reach; a forged kiemso-result is told from a real one', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route('**/closed-portal.html', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cổng</title><script type="module" src="kiem-so.mjs?shadow=closed"></script><kiem-so></kiem-so>',
  }));
  await page.goto(`${env.server.url}closed-portal.html`);
  await page.waitForFunction(() => customElements.get('kiem-so') !== undefined);
  const seen = await page.evaluate(async (seed) => {
    const { isKiemSoResult } = await import('./kiem-so.mjs?shadow=closed');
    const el = /** @type {any} */ (document.querySelector('kiem-so'));
    /** @type {{ trusted: boolean, genuine: boolean, warn: number }[]} */
    const events = [];
    el.addEventListener('kiemso-result', (/** @type {CustomEvent} */ e) =>
      events.push({ trusted: e.isTrusted, genuine: isKiemSoResult(e.detail), warn: e.detail.summary.warn }));
    const real = new Promise((resolve) => el.addEventListener('kiemso-result', (/** @type {CustomEvent} */ e) => resolve(e.detail), { once: true }));
    el.value = seed;
    const detail = /** @type {any} */ (await real);
    // Another script of the portal forges a clean result, and tries to alter the real one.
    el.dispatchEvent(new CustomEvent('kiemso-result', { bubbles: true, composed: true, detail: { ...detail, summary: { ...detail.summary, warn: 0 } } }));
    let altered = true;
    try {
      detail.summary.warn = 0;
      altered = detail.summary.warn === 0;
    } catch {
      altered = false;
    }
    return {
      shadowRoot: el.shadowRoot,
      own: Object.getOwnPropertyNames(el),
      events,
      altered,
      warn: detail.summary.warn,
      same: el.result === detail,
      height: el.getBoundingClientRect().height,
    };
  }, SEED);
  // The root is closed and the element holds no reference to it, nor to anything inside.
  assert.equal(seen.shadowRoot, null);
  assert.deepEqual(seen.own, []);
  // Both events are untrusted (dispatched by scripts, the element's own too): isTrusted cannot
  // tell them apart; isKiemSoResult can.
  assert.deepEqual(seen.events, [
    { trusted: false, genuine: true, warn: 4 },
    { trusted: false, genuine: false, warn: 0 },
  ]);
  assert.equal(seen.altered, false);
  assert.equal(seen.warn, 4); // the seed's four warnings, unaltered
  assert.equal(seen.same, true);
  assert.ok(seen.height > 400, 'the element shows its results');
  await page.screenshot({ path: join(SCREENSHOTS, 'portal-element-closed.png') });
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
