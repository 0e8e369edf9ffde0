// The likely culprit leads (issue 12): one mistyped figure is one problem, with the checks it
// breaks folded under it; «Áp dụng» mends it; an edited count shows the ratio computed from it
// beside the edit as it is typed; the verdict never says «Không có lỗi» while the words and the
// tables disagree, and a 0/0 printed as 0 is advice, folded below the problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverAndBrowser, SEED, assertSeedCounts, SCREENSHOTS, openApp, paste, after, markOf, cellsMarked, eventually, audit } from './helpers.mjs';
import { indexResult } from '../www/lib/model.mjs';
import { verdictOf, culpritsOf } from '../www/lib/render.mjs';
import { STRINGS } from '../www/lib/i18n.mjs';

const env = serverAndBrowser();
// 66.687 typed 66.867 in B03/3.1.2: two digits swapped.
const TYPO = SEED.replace('\t66.687\t', '\t66.867\t');

test('a swapped-digit figure: the first problem is the culprit, its consequences folded under it; «Áp dụng» turns the tables green', async () => {
  assert.notEqual(TYPO, SEED);
  // bypassCSP: the audit's script is put into the page.
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 1000 }, serviceWorkers: 'block', bypassCSP: true });
  const page = await openApp(context, env.server.url);
  const summary = await after(page, () => paste(page, { plain: TYPO }));
  assert.equal(summary?.fail, 1);
  // The suggestions come from the complete module (the seed has a narrative).
  const items = page.locator('#summary .ks-problems > .ks-problem-list > li');
  await page.locator('#summary .ks-culprit').first().waitFor();

  const first = items.first();
  // The culprit's own checks pass: the table says beside it what it likely should be.
  assert.equal(await page.locator('tr[data-cell="B03/3.1.2"] .ks-suspect-tag').innerText(), 'Nghi gõ nhầm, có lẽ là 66.687');
  await page.locator('tr[data-cell="B03/3.1"]').scrollIntoViewIfNeeded();
  await page.locator('section.ks-form[data-form="B03"] tbody').screenshot({ path: join(SCREENSHOTS, 'culprit-row.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.match(await first.getAttribute('class') ?? '', /ks-culprit/);
  const text = await first.innerText();
  assert.match(text, /3\.1\.2/);
  assert.match(text, /66\.867 → 66\.687/);
  assert.match(text, /Nhiều khả năng ô B03\/3\.1\.2/);
  // Its consequences: folded, the ratio 3.1 and the sentences that repeat the figure among them.
  const folded = first.locator('details.ks-culprit-checks');
  assert.equal(await folded.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), false);
  assert.match(await folded.locator('summary').innerText(), /^\d+ kiểm tra khác cùng do ô này$/);
  const inside = folded.locator('.ks-problem');
  assert.ok(await inside.count() >= 3, 'the ratio and the sentences');
  assert.equal(await folded.locator('.ks-problem:not(.ks-problem-text) [data-cell="B03/3.1"]').count(), 1);
  assert.ok(await folded.locator('.ks-problem-text').count() >= 2, 'the narrative findings it explains');
  // …and not listed again on their own: one typo is one problem.
  assert.equal(await items.locator(':scope > .ks-problem-body > [data-cell="B03/3.1"]').count(), 0);
  const heading = await page.locator('#summary .ks-problems-h').innerText();
  const listed = Number(/\((\d+)\)/.exec(heading)?.[1]);
  assert.equal(listed, await items.count());
  assert.ok(listed < /** @type {number} */ (summary?.fail) + /** @type {number} */ (summary?.warn) - 2, heading);
  // The seed's two 0/0 ratios printed as 0: advice, folded below the problems, not in the verdict.
  const advice = page.locator('#summary details.ks-advice');
  assert.equal(await advice.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), false);
  assert.match(await advice.locator('summary').innerText(), /^Lưu ý \(2\)/);
  const verdict = await page.locator('#summary .ks-verdict').innerText();
  assert.match(verdict, new RegExp(`Có 1 lỗi cần sửa và ${/** @type {number} */ (summary?.warn) - 2} cảnh báo`));
  assert.match(verdict, /Nhiều khả năng chỉ do ô B03\/3\.1\.2 bị gõ nhầm\./);
  await first.locator('details.ks-culprit-checks > summary').click();
  await page.locator('#summary').screenshot({ path: join(SCREENSHOTS, 'culprit.png') });
  assert.deepEqual(await audit(page), [], 'axe: the culprit and its checks unfolded');
  await first.locator('details.ks-culprit-checks > summary').click();

  // Printed, nothing folded stays shut.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.locator('#summary details.ks-culprit-checks:not([open]), #summary details.ks-advice:not([open])').count(), 0);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await folded.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), false);

  // «Áp dụng» in the list itself.
  const fixed = await after(page, () => first.getByRole('button', { name: /^Áp dụng: 66\.867 → 66\.687/ }).click());
  assertSeedCounts(/** @type {any} */ (fixed));
  assert.equal(await markOf(page, 'B03/3.1'), 'Đạt');
  assert.equal(await page.locator('#summary .ks-culprit').count(), 0);
  assert.equal(await page.locator('tr.ks-suspect').count(), 0);
  assert.equal(await page.locator('tr[data-cell="B03/3.1.2"] .ks-input').inputValue(), '66.687');
  // Every table of the report is green; what remains are the seed's own words against its tables,
  // so the verdict does not say «Không có lỗi» (and the 0/0 stay advice).
  assert.match(await page.locator('#forms section.ks-form[data-form="B03"]').getAttribute('class') ?? '', /ks-clean/);
  assert.deepEqual(await cellsMarked(page, 'fail'), []);
  const after1 = await page.locator('#summary .ks-verdict').innerText();
  assert.doesNotMatch(after1, /^Không có lỗi/);
  assert.match(after1, /Các bảng không có lỗi tính toán/);
  // The edited count shows the ratio it enters, as recomputed, beside it.
  assert.match(await page.locator('tr[data-cell="B03/3.1.2"] .ks-depends-tag').innerText(), /→ tỷ lệ 3\.1: 99,59% \(khớp số ghi\)/);
  await page.locator('tr[data-cell="B03/3.1.2"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'culprit-applied.png') });
  await context.close();
});

test('typing a count shows the recomputed ratio beside the edit, without a click', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, serviceWorkers: 'block', bypassCSP: true });
  const page = await openApp(context, env.server.url);
  await after(page, () => paste(page, { plain: SEED }));
  const row = page.locator('tr[data-cell="B03/3.1.2"]');
  const input = row.locator('.ks-input');
  const tag = row.locator('.ks-depends-tag');
  assert.equal(await tag.isVisible(), false);
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially('66.867', { delay: 30 });
  await eventually(async () => /→ tỷ lệ 3\.1: 99,86% \(bảng ghi 99,59%\)/.test(await tag.innerText()));
  // The focus stayed in the figure being typed.
  assert.equal(await input.evaluate((el) => el === document.activeElement), true);
  await row.screenshot({ path: join(SCREENSHOTS, 'culprit-live.png') });
  assert.deepEqual(await audit(page), [], 'axe: a figure being edited, its ratio beside it');
  await input.press('ControlOrMeta+a');
  await input.pressSequentially('66.687', { delay: 30 });
  // Typed back to the printed figure: no edit left, nothing beside it.
  await eventually(async () => !(await tag.isVisible()));
  await context.close();
});

/** A made-up result (not real data): one form, the given checks. */
function result(checks) {
  const summary = { pass: 0, fail: 0, warn: 0, na: 0 };
  for (const c of checks) summary[c.status]++;
  const table = ['1', '1.1', '1.2'].map((stt, i) => ({ cell: `B01/${stt}`, stt, depth: i ? 1 : 0, indicator: `Chỉ tiêu ${stt}`, unit: '', value: '0', note: '', line: i + 2 }));
  return { forms: [{ form: 'B01', title: '', rows: 3, recognition: 'title', line: 1, table }], checks, summary, notices: [] };
}
const zeroOverZero = { id: 'ratio:B01/1', kind: 'ratio', status: 'warn', cells: ['B01/1', 'B01/1.2', 'B01/1.1'], imbalance: null, message: '0/0', inferred: false };
const sentence = { id: 'narrative:x', kind: 'narrative', status: 'warn', cells: ['B01/1.1'], imbalance: '-8', message: 'lời văn khác', inferred: false };
const broken = { id: 'sum:B01/1', kind: 'sum', status: 'fail', cells: ['B01/1', 'B01/1.1', 'B01/1.2'], imbalance: '3', message: 'tổng sai', inferred: false };

test('the verdict: never «Không có lỗi» while the words disagree; advice is not counted as a problem', () => {
  const s = STRINGS.vi;
  // Only the words disagree with the tables.
  const words = verdictOf(indexResult(/** @type {any} */ (result([sentence]))), s);
  assert.doesNotMatch(words.text, /^Không có lỗi/);
  assert.equal(words.status, 'warn');
  // The words disagree and a 0/0 is printed as 0: still not «Không có lỗi»; the 0/0 is not counted.
  const both = verdictOf(indexResult(/** @type {any} */ (result([sentence, zeroOverZero]))), s);
  assert.doesNotMatch(both.text, /^Không có lỗi/);
  assert.equal(both.text, s.verdictDisagree(1, 1));
  // Only advice: no error, said as advice (not «cảnh báo»), the verdict's status is a pass.
  const advice = verdictOf(indexResult(/** @type {any} */ (result([zeroOverZero]))), s);
  assert.equal(advice.text, s.verdictAdviceOnly(1));
  assert.equal(advice.status, 'pass');
  // A real failure leads; advice ranks below it in the problems.
  const index = indexResult(/** @type {any} */ (result([zeroOverZero, broken])));
  assert.equal(verdictOf(index, s).text, s.verdictFail(1, 0));
  assert.deepEqual(index.problems.map((c) => c.id), ['sum:B01/1', 'ratio:B01/1']);
  assert.deepEqual(indexResult(/** @type {any} */ (result([zeroOverZero, sentence]))).problems.length, 2);
  assert.deepEqual(index.advice.map((c) => c.id), ['ratio:B01/1']);
});

test('a culprit only where a typing slip explains the checks: a value that merely balances is not one', () => {
  const s = STRINGS.vi;
  /** @param {'high' | 'medium' | 'low'} confidence */
  const withSuggestion = (confidence) => ({
    ...result([{ ...broken, suggestions: [0] }, { ...sentence, suggestions: [0] }, zeroOverZero]),
    suggestions: [{ cell: 'B01/1.1', current: '0', suggested: '3', confidence, typo: confidence === 'low' ? 'value' : 'digit', explains: ['sum:B01/1', 'narrative:x'], message: 'Nhiều khả năng …' }],
  });
  const sure = culpritsOf(indexResult(/** @type {any} */ (withSuggestion('high'))));
  assert.equal(sure.length, 1);
  // Both the table check and the sentence fold under it; the advice does not.
  assert.deepEqual(sure[0].checks.map((c) => c.id), ['sum:B01/1', 'narrative:x']);
  assert.match(verdictOf(indexResult(/** @type {any} */ (withSuggestion('high'))), s).text, /Nhiều khả năng chỉ do ô B01\/1\.1 bị gõ nhầm/);
  const guess = indexResult(/** @type {any} */ (withSuggestion('low')));
  assert.deepEqual(culpritsOf(guess), []);
  assert.doesNotMatch(verdictOf(guess, s).text, /gõ nhầm/);
});

test('two explanations that tie are both culprits, each saying so; a check they share folds under both', () => {
  const tied = {
    ...result([{ ...broken, suggestions: [0, 1] }]),
    suggestions: [
      { cell: 'B01/1', current: '0', suggested: '3', confidence: 'medium', typo: 'digit', explains: ['sum:B01/1'], message: 'Có thể ô B01/1 …' },
      { cell: 'B01/1.1', current: '0', suggested: '3', confidence: 'medium', typo: 'digit', explains: ['sum:B01/1'], message: 'Có thể ô B01/1.1 …' },
    ],
  };
  const index = indexResult(/** @type {any} */ (tied));
  const groups = culpritsOf(index);
  assert.deepEqual(groups.map((g) => [g.suggestion.cell, g.tie, g.checks.map((c) => c.id)]),
    [['B01/1', true, ['sum:B01/1']], ['B01/1.1', true, ['sum:B01/1']]]);
  // One or the other, not both.
  assert.match(verdictOf(index, STRINGS.vi).text, /Có thể ô B01\/1 hoặc B01\/1\.1 bị gõ nhầm\.$/);
});
