// In the meeting (issue 18): the page on a phone at the table (390 × 844) and on a projector for
// the room (1920 × 1080); the catalogue's thresholds («còn thiếu …»); what-if scenarios compared
// with the report as filed; and an axe-core audit (WCAG 2.1 A and AA) of those views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, SEED, SCREENSHOTS, ROOT, openApp, paste, after, markOf, eventually, audit } from './helpers.mjs';

const env = serverAndBrowser();
const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1920, height: 1080 };

/**
 * A context as the device has it. The page's own Content-Security-Policy forbids inline scripts:
 * bypassed so that the audit's script can be put into the page.
 * @param {{ width: number, height: number }} viewport
 * @param {boolean} [phone]
 */
function context(viewport, phone = false) {
  return env.browser.newContext({ viewport, serviceWorkers: 'block', bypassCSP: true, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
}

/** @param {import('playwright-core').Page} page */
const overflow = (page) => page.evaluate(() => /** @type {Element} */ (document.scrollingElement).scrollWidth - innerWidth);

test('on a phone: problems first, tables folded, a tap reads a figure in a sheet that closes three ways, «Sửa» edits', async () => {
  const ctx = await context(PHONE, true);
  const page = await openApp(ctx, env.server.url);
  // Tapping and the share sheet, not Ctrl+V.
  const hint = await page.locator('#input-hint').innerText();
  assert.doesNotMatch(hint, /Ctrl/);
  assert.match(hint, /chạm giữ/);
  assert.doesNotMatch(await page.locator('#empty').innerText(), /Ctrl/);
  assert.ok((await overflow(page)) <= 0, 'the empty page scrolls sideways');
  assert.deepEqual(await audit(page), [], 'axe: the empty phone view');
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-empty.png') });

  await after(page, () => paste(page, { plain: SEED }));
  assert.ok((await overflow(page)) <= 0, 'the results scroll sideways');
  // Problems first: the list «Cần xem lại» comes before every form, readable without zooming.
  const first = await page.evaluate(() => {
    const list = document.querySelector('.ks-problem-list');
    const form = document.querySelector('#forms .ks-form');
    return !!list && !!form && !!(list.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.equal(first, true);
  const small = await page.evaluate(() => [...document.querySelectorAll('.ks-problem-msg, .ks-problem .ks-link, .ks-form-h, .ks-verdict')]
    .map((el) => parseFloat(getComputedStyle(el).fontSize)).filter((px) => px < 15));
  assert.deepEqual(small, [], 'text smaller than 15px on the phone');
  // Every form's table is folded; the page is a few screens long.
  assert.ok((await page.locator('details.ks-fold').count()) >= 7);
  assert.equal(await page.locator('details.ks-fold[open]').count(), 0);
  await page.evaluate(() => document.getElementById('results')?.scrollIntoView());
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-results.png') });
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-results-full.png'), fullPage: true });
  const height = await page.evaluate(() => /** @type {Element} */ (document.scrollingElement).scrollHeight);
  console.log(`phone: page height after the seed ${height}px = ${(height / PHONE.height).toFixed(2)} screens`);
  assert.ok(height <= 6 * PHONE.height, `the page is ${height}px tall (${(height / PHONE.height).toFixed(1)} screens)`);
  assert.deepEqual(await audit(page), [], 'axe: the phone results');

  // A problem of the list: its form unfolds, its figure is selected, the sheet tells its checks,
  // and no keyboard comes up (the figure reads until «Sửa»).
  const sheet = page.locator('#detail');
  // The seed's figures with a problem are its two 0/0 printed as 0: advice, folded (issue 12).
  await page.locator('.ks-advice > summary').tap();
  const problem = page.locator('.ks-problem-list .ks-link[data-cell]').first();
  const cell = /** @type {string} */ (await problem.getAttribute('data-cell'));
  await problem.tap();
  await eventually(() => sheet.isVisible());
  assert.match(await sheet.innerText(), new RegExp(`Chi tiết ô ${cell.replace(/[.]/g, '\\.')}`));
  const figure = page.locator(`tr[data-cell="${cell}"] .ks-input`);
  assert.equal(await figure.evaluate((el) => /** @type {HTMLInputElement} */ (el).readOnly), true);
  assert.ok((await overflow(page)) <= 0);
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-sheet.png') });
  assert.deepEqual(await audit(page), [], 'axe: the sheet open');

  // Closed by its button…
  await sheet.getByRole('button', { name: /Đóng/ }).tap();
  await eventually(async () => !(await sheet.isVisible()));
  // …by Esc…
  await figure.tap();
  await eventually(() => sheet.isVisible());
  await page.keyboard.press('Escape');
  await eventually(async () => !(await sheet.isVisible()));
  // …and by a downward swipe of its bar.
  await figure.tap();
  await eventually(() => sheet.isVisible());
  const bar = await page.locator('#detail .sheet-bar').boundingBox();
  assert.ok(bar);
  await page.mouse.move(bar.x + 40, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + 40, bar.y + 60, { steps: 4 });
  await page.mouse.move(bar.x + 40, bar.y + 200, { steps: 4 });
  await page.mouse.up();
  await eventually(async () => !(await sheet.isVisible()));

  // «Cần bao nhiêu để đạt …?» from the sheet, applied in one tap: everything checked again.
  await page.locator('section[data-form="B03"] summary.ks-fold-summary').tap();
  await page.locator('tr[data-cell="B03/3.1"] .ks-input').tap();
  await eventually(async () => (await sheet.locator('.ks-goal').count()) === 1);
  await sheet.getByLabel('Giá trị cần đạt').fill('99,80');
  await sheet.getByRole('button', { name: 'Tính' }).tap();
  await eventually(async () => /cần thêm 135 hồ sơ/.test(await sheet.locator('.ks-goal-answer').innerText()));
  await sheet.locator('.ks-goal-apply').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-goal.png') });
  const summary = await after(page, () => sheet.getByRole('button', { name: 'Áp dụng thử' }).tap());
  assert.equal(summary?.fail, 0);
  assert.equal(await page.locator('tr[data-cell="B03/3.1.2"] .ks-input').inputValue(), '66.822');
  assert.equal(await markOf(page, 'B03/3.1'), 'Đạt');

  // «Sửa»: the sheet goes, the figure takes the keyboard; leaving it, it reads again.
  await page.locator('tr[data-cell="B03/3.1.1"] .ks-input').tap();
  await eventually(() => sheet.isVisible());
  await sheet.getByRole('button', { name: /Sửa số liệu ô B03\/3\.1\.1/ }).tap();
  await eventually(async () => !(await sheet.isVisible()));
  const edited = page.locator('tr[data-cell="B03/3.1.1"] .ks-input');
  assert.equal(await edited.evaluate((el) => el === document.activeElement && !/** @type {HTMLInputElement} */ (el).readOnly), true);
  const before = Number(await page.evaluate(() => document.getElementById('results')?.dataset.shown));
  await page.keyboard.type('1');
  await page.waitForFunction((n) => Number(document.getElementById('results')?.dataset.shown) > n, before);
  assert.match(await page.locator('#edits-bar').innerText(), /Đang thử với 3 số liệu đã sửa/);
  await page.locator('#edits-text').tap();
  assert.equal(await edited.evaluate((el) => /** @type {HTMLInputElement} */ (el).readOnly), true);
  assert.ok((await overflow(page)) <= 0);
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('on a phone, no grid fixture makes the page scroll sideways: wide tables scroll in their own box', async () => {
  const ctx = await context(PHONE, true);
  const page = await openApp(ctx, env.server.url);
  const dir = join(ROOT, 'tests', 'fixtures', 'grids');
  for (const name of readdirSync(dir).filter((n) => /\.(tsv|html)$/.test(n))) {
    const text = readFileSync(join(dir, name), 'utf8');
    await after(page, () => paste(page, name.endsWith('.html') ? { html: text, plain: '' } : { plain: text }));
    // Unfolded, as someone reading them would.
    await page.evaluate(() => { for (const d of document.querySelectorAll('details.ks-fold')) /** @type {HTMLDetailsElement} */ (d).open = true; });
    assert.ok((await overflow(page)) <= 0, `${name}: the page scrolls sideways by ${await overflow(page)}px`);
    if (name === 'ii06a.tsv') {
      // A grid stays a table (one figure per column), wider than the phone: its own box scrolls.
      const wrap = page.locator('.ks-table-wrap').filter({ has: page.locator('table.ks-grid') }).first();
      assert.equal(await wrap.locator('table').evaluate((t) => getComputedStyle(t).display), 'table');
      assert.ok(await wrap.evaluate((w) => w.scrollWidth > w.clientWidth), 'the grid fits a phone without scrolling?');
      await page.screenshot({ path: join(SCREENSHOTS, 'phone-grid.png'), fullPage: true });
    }
  }
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('the projector view: large type, one thing at a time, ← → to move, Esc to leave, #trinh-chieu to open', async () => {
  const ctx = await context(PROJECTOR);
  /** @type {string[]} */
  const fetched = [];
  ctx.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const page = await openApp(ctx, env.server.url);
  await after(page, () => paste(page, { plain: SEED }));
  // Not part of the first load: fetched when first used.
  assert.deepEqual(fetched.filter((p) => /projector|scenario/.test(p)), []);
  await page.locator('#projector').click();
  const view = page.locator('.projector');
  await eventually(() => view.isVisible());
  assert.deepEqual(fetched.filter((p) => /projector|scenario/.test(p)), ['/lib/projector.mjs']);
  assert.equal(new URL(page.url()).hash, '#trinh-chieu');
  // Nothing else on the screen, and type read from the back of the room.
  assert.equal(await page.locator('main').isVisible(), false);
  const size = await page.locator('.projector-msg, .projector-verdict').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 40, `body text ${size}px`);
  assert.match(await view.innerText(), /Kết quả kiểm tra[\s\S]*cảnh báo/);
  assert.match(await page.locator('.projector-count').innerText(), /^1 \/ \d+$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'projector-summary.png') });
  assert.deepEqual(await audit(page), [], 'axe: the projector view');

  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('.projector-count').innerText(), /^2 \//);
  assert.match(await view.innerText(), /Vấn đề 1 trên \d+/);
  await page.screenshot({ path: join(SCREENSHOTS, 'projector-problem.png') });
  assert.deepEqual(await audit(page), [], 'axe: a problem on the projector');
  await page.keyboard.press('ArrowRight');
  assert.match(await view.innerText(), /Vấn đề 2 trên/);
  await page.keyboard.press('ArrowLeft');
  assert.match(await view.innerText(), /Vấn đề 1 trên/);
  await page.keyboard.press('End');
  assert.match(await view.innerText(), /Biểu mẫu số 07/);
  await page.screenshot({ path: join(SCREENSHOTS, 'projector-form.png') });
  const [w, h] = await view.evaluate((el) => [el.scrollWidth - el.clientWidth, el.scrollHeight - el.clientHeight]);
  assert.ok(w <= 0 && h <= 0, `the last slide overflows (${w}, ${h})`);

  await page.keyboard.press('Escape');
  await eventually(async () => !(await view.isVisible()));
  assert.equal(new URL(page.url()).hash, '');
  assert.equal(await page.locator('main').isVisible(), true);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'projector');

  // The address opens it once the results are there (the input is kept on this device).
  await page.goto(`${env.server.url}#trinh-chieu`);
  await eventually(() => page.locator('.projector').isVisible(), 20000);
  // With the words checked too: the whole answer, not the tables' first part.
  await eventually(async () => /0\s+lỗi\s+4\s+cảnh báo\s+2\d\d\s+đạt/.test(await page.locator('.projector-counts').innerText()));
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('a row below its catalogue threshold says «còn thiếu …», and its details offer the change that reaches it', async () => {
  const ctx = await context({ width: 1366, height: 900 });
  const page = await openApp(ctx, env.server.url);
  await after(page, () => paste(page, { plain: SEED }));
  // The seed reaches the 50% threshold of online filing (B07/6.4): no tag.
  await eventually(async () => (await page.locator('tr[data-cell="B07/6.4"]').getAttribute('class'))?.includes('ks-st-'));
  assert.equal(await page.locator('tr[data-cell="B07/6.4"] .ks-target-tag').isVisible(), false);
  await page.locator('tr[data-cell="B07/6.4"] .ks-input').click();
  await eventually(async () => /Ngưỡng trong danh mục[\s\S]*không thấp hơn 50%/.test(await page.locator('#detail').innerText()));
  // Fewer files filed online: 30.000 of 74.501 is 40,27%.
  await after(page, async () => {
    await page.locator('tr[data-cell="B07/6.4.2"] .ks-input').fill('30.000');
    await page.locator('tr[data-cell="B07/6.4"] .ks-input').fill('40,27');
  });
  const tag = page.locator('tr[data-cell="B07/6.4"] .ks-target-tag');
  await eventually(() => tag.isVisible());
  assert.equal(await tag.innerText(), 'còn thiếu 9,73 điểm % để đạt 50%');
  await page.locator('tr[data-cell="B07/6.4"] .ks-stt').click();
  const detail = page.locator('#detail');
  await eventually(async () => /còn thiếu 9,73 điểm %/.test(await detail.innerText()));
  await page.locator('tr[data-cell="B07/6.4"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'target-shortfall.png') });
  const summary = await after(page, () => detail.getByRole('button', { name: 'Áp dụng thử để đạt ngưỡng' }).click());
  assert.equal(summary?.fail, 0);
  await eventually(async () => !(await tag.isVisible()));
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('a scenario of what-ifs is kept by name and compared with the report as filed, on one printed page', async () => {
  const ctx = await context({ width: 1366, height: 900 });
  const page = await openApp(ctx, env.server.url);
  await after(page, () => paste(page, { plain: SEED }));
  // 135 more files on time, the printed ratio left as it was: its check no longer holds.
  await after(page, () => page.locator('tr[data-cell="B03/3.1.2"] .ks-input').fill('66.822'));
  await page.locator('#scenario-save').click();
  await eventually(async () => /Kịch bản A — 1 số liệu sửa/.test(await page.locator('#scenarios').innerText()));
  await page.locator('#scenarios').getByRole('button', { name: 'So sánh với báo cáo' }).click();
  const panel = page.locator('#scenario-compare');
  await eventually(async () => /So sánh: Báo cáo và Kịch bản A/.test(await panel.innerText()));
  const text = await panel.innerText();
  assert.match(text, /Số liệu thay đổi \(1\)/);
  assert.match(text, /B03 · 3\.1\.2[\s\S]*66\.687\s+66\.822/);
  // Only the checks whose status differs, each with both statuses: the ratio among them.
  const changed = await panel.locator('table').nth(2).locator('tbody tr').all();
  assert.ok(changed.length >= 1);
  for (const row of changed) {
    const [was, now] = await row.locator('td').allInnerTexts();
    assert.notEqual(was, now);
  }
  assert.match(text, /B03 · 3\.1 · Tỷ lệ[\s\S]*Đạt\s+Lỗi/);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'scenario-compare.png') });
  assert.deepEqual(await audit(page), [], 'axe: the comparison');

  // On a phone the comparison reads without sideways scrolling.
  await page.setViewportSize(PHONE);
  assert.ok((await overflow(page)) <= 0, 'the comparison scrolls sideways on a phone');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'scenario-phone.png') });
  await page.setViewportSize({ width: 1366, height: 900 });

  // Printed alone, on one A4 page.
  await page.evaluate(() => document.body.classList.add('print-scenario'));
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, `the comparison prints on ${pages} pages`);
  assert.deepEqual(page.errors, []);
  await ctx.close();
});
