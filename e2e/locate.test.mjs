// Which cell is wrong (issue 12): a swapped pair of digits pasted, the cell's details name the
// likely correction, «Áp dụng» puts it in as an edit and every check is green again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverAndBrowser, SEED, assertSeedCounts, SCREENSHOTS, openApp, paste, after, markOf } from './helpers.mjs';

const env = serverAndBrowser();

test('a swapped-digit figure: the details suggest the fix, «Áp dụng» applies it as an edit and the checks pass', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  // 66.687 typed 66.867 in B03/3.1.2.
  const typo = SEED.replace('\t66.687\t', '\t66.867\t');
  assert.notEqual(typo, SEED);
  const summary = await after(page, () => paste(page, { plain: typo }));
  assert.equal(summary?.fail, 1);
  assert.equal(await markOf(page, 'B03/3.1'), 'Lỗi');

  await page.locator('tr[data-cell="B03/3.1.2"] .ks-input').focus();
  const box = page.locator('#detail .ks-suggestion');
  await box.waitFor();
  assert.match(await box.innerText(), /Nhiều khả năng ô B03\/3\.1\.2 .* bị gõ đảo hai chữ số: 66\.867 → 66\.687/);
  await page.screenshot({ path: join(SCREENSHOTS, 'suggestion.png') });

  const fixed = await after(page, () => box.getByRole('button', { name: /Áp dụng/ }).click());
  assertSeedCounts(fixed);
  assert.equal(await markOf(page, 'B03/3.1'), 'Đạt');
  assert.equal(await page.locator('tr[data-cell="B03/3.1.2"] .ks-input').inputValue(), '66.687');
  // Marked as edited, and undone like any edit.
  assert.equal(await page.locator('tr[data-cell="B03/3.1.2"] .ks-edited-tag').isVisible(), true);
  assert.match(await page.locator('#detail').innerText(), /Số gốc trong báo cáo: 66\.867/);
  await page.screenshot({ path: join(SCREENSHOTS, 'suggestion-applied.png') });
  const back = await after(page, () => page.getByRole('button', { name: 'Bỏ mọi sửa đổi' }).click());
  assert.equal(back?.fail, 1);
  await context.close();
});
