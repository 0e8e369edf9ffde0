// «Cần bao nhiêu để đạt …?» in the cell details (issue 18, goal seeking): ask a ratio for a
// target, read the answer, apply it as a what-if in one tap, and everything is checked again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverAndBrowser, SEED, SCREENSHOTS, openApp, paste, after, markOf, eventually } from './helpers.mjs';

const env = serverAndBrowser();

test('a ratio\'s details answer what it takes to reach a target, and apply it as a what-if', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  await after(page, () => paste(page, { plain: SEED }));
  await page.locator('tr[data-cell="B03/3.1"] .ks-input').click();
  const detail = page.locator('#detail');
  await eventually(async () => (await detail.innerText()).includes('Cần bao nhiêu để đạt'));

  // A figure that is no ratio or total has no such question.
  await page.locator('tr[data-cell="B03/3.1.1"] .ks-input').focus();
  await eventually(async () => (await detail.innerText()).includes('Chi tiết ô B03/3.1.1'));
  assert.equal(await detail.locator('.ks-goal').count(), 0);

  await page.locator('tr[data-cell="B03/3.1"] .ks-input').focus();
  await eventually(async () => (await detail.locator('.ks-goal').count()) === 1);
  // Out of reach: the reason, and nothing to apply.
  await detail.getByLabel('Giá trị cần đạt').fill('100,01');
  await detail.getByRole('button', { name: 'Tính' }).click();
  await eventually(async () => /không thể vượt 100%/.test(await detail.locator('.ks-goal-answer').innerText()));
  assert.equal(await detail.getByRole('button', { name: 'Áp dụng thử' }).isVisible(), false);

  await detail.getByLabel('Giá trị cần đạt').fill('99,80');
  await detail.getByRole('button', { name: 'Tính' }).click();
  await eventually(async () => /cần thêm 135 hồ sơ/.test(await detail.locator('.ks-goal-answer').innerText()));
  assert.match(await detail.locator('.ks-goal-answer').innerText(), /66\.687 → 66\.822/);
  await detail.locator('.ks-goal-apply').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'goal-seek.png') });

  // One tap: the numerator and the ratio are edited, and every check runs again without a failure.
  const summary = await after(page, () => detail.getByRole('button', { name: 'Áp dụng thử' }).click());
  assert.equal(summary?.fail, 0);
  assert.equal(await page.locator('tr[data-cell="B03/3.1.2"] .ks-input').inputValue(), '66.822');
  assert.equal(await page.locator('tr[data-cell="B03/3.1"] .ks-input').inputValue(), '99,80');
  assert.equal(await markOf(page, 'B03/3.1'), 'Đạt');
  assert.match(await page.locator('#edits-bar').innerText(), /Đang thử với 2 số liệu đã sửa/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
