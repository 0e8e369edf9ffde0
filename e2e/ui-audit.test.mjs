// The page in its main states (empty, the seed's results, a cell's details open, a phone's width):
// in English (`?lang=en`) none of its own words is Vietnamese, and axe-core finds no WCAG 2.0 or
// 2.1 violation of level A or AA, in Vietnamese and in English. The report's own words (the
// tables' indicators, the checks' explanations from the core, the notices, quotes) are content,
// not interface: the page marks them `data-content` and this test leaves them out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, SEED, ROOT, openApp, paste, after, eventually, audit } from './helpers.mjs';

const env = serverAndBrowser();
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Letters only Vietnamese uses among the page's languages: ă â đ ê ô ơ ư and the tone marks. */
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
/** The product's name, the same in every language. */
const NAME = /Kiểm số/g;

/**
 * A fresh page (empty device), with the Content-Security-Policy bypassed for axe's script.
 * @param {string} lang
 * @param {boolean} [phone]
 */
async function open(lang, phone = false) {
  const context = await env.browser.newContext({
    viewport: phone ? PHONE : DESKTOP, serviceWorkers: 'block', bypassCSP: true,
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await openApp(context, `${env.server.url}?lang=${lang}`);
  return { context, page };
}

/**
 * The interface's words a person meets now: the text of every visible element outside the
 * report's content, its labels for assistive technology and its placeholders, and the title.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
function interfaceWords(page) {
  return page.evaluate(() => {
    /** @type {string[]} */
    const words = [document.title];
    const shown = (/** @type {Element} */ el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest('[data-content]');
    // The report's words inside the interface's own (a label naming an indicator: «Figure — …»).
    const content = [...new Set([...document.querySelectorAll('[data-content]')].map((el) => el.textContent?.trim() ?? ''))]
      .filter((t) => t.length > 1).sort((a, b) => b.length - a.length);
    const withoutContent = (/** @type {string} */ text) => content.reduce((t, c) => t.split(c).join('…'), text);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && node.textContent?.trim() && shown(parent) && !parent.closest('script, style, noscript')) words.push(withoutContent(node.textContent.trim()));
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!shown(el)) continue;
      for (const attr of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(attr);
        if (value) words.push(withoutContent(value));
      }
    }
    return words;
  });
}

/**
 * Fails with the Vietnamese words of the interface shown now.
 * @param {import('playwright-core').Page} page
 * @param {string} state
 */
async function assertNoVietnamese(page, state) {
  const words = await interfaceWords(page);
  assert.ok(words.length > 10, `${state}: too few words read (${words.length})`);
  const vietnamese = words.filter((w) => VIETNAMESE.test(w.replace(NAME, '')));
  assert.deepEqual(vietnamese, [], `${state}: Vietnamese words in the English page`);
}

/**
 * Pastes the seed and opens the details of a failed figure (on a phone, its sheet).
 * @param {import('playwright-core').Page} page
 * @param {boolean} [phone]
 */
async function seedThenDetails(page, phone = false) {
  const summary = await after(page, () => paste(page, { plain: SEED }));
  assert.ok(summary && summary.fail + summary.warn > 0, 'the seed has problems to show');
  return async () => {
    const problem = page.locator('.ks-problem-list .ks-link[data-cell]').first();
    const cell = /** @type {string} */ (await problem.getAttribute('data-cell'));
    if (phone) {
      // Problems that are advice (a 0/0 ratio…) are folded under their own summary.
      if (!(await problem.isVisible())) await page.locator('.ks-advice > summary').tap();
      await problem.tap();
    }
    else await page.locator(`tr[data-cell="${cell}"] .ks-input`).click();
    await eventually(async () => (await page.locator('#detail').innerText()).includes(cell));
    return cell;
  };
}

test('in English, the page shows no Vietnamese word of its own: empty, results, cell details, on a phone', async () => {
  const { context, page } = await open('en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await assertNoVietnamese(page, 'empty');
  const details = await seedThenDetails(page);
  await assertNoVietnamese(page, 'results');
  // The report's words are still there, as content (the indicators, the checks' explanations), and
  // say they are Vietnamese, for screen readers (WCAG 3.1.2, language of parts).
  assert.match(await page.locator('#forms').innerText(), VIETNAMESE);
  assert.ok(await page.locator('[data-content]').count() > 100);
  assert.equal(await page.locator('[data-content]:not([lang="vi"])').count(), 0);
  const cell = await details();
  assert.match(await page.locator('#detail').innerText(), new RegExp(`Cell details ${cell.replace(/[.]/g, '\\.')}`));
  await assertNoVietnamese(page, 'cell details');
  await context.close();

  const phone = await open('en', true);
  await assertNoVietnamese(phone.page, 'phone, empty');
  const sheet = await seedThenDetails(phone.page, true);
  await assertNoVietnamese(phone.page, 'phone, results');
  await sheet();
  await assertNoVietnamese(phone.page, 'phone, sheet open');
  await phone.context.close();
});

test('in Vietnamese, the page\'s words are those of i18n.mjs, and index.html holds the same before the scripts run', async () => {
  const { context, page } = await open('vi');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
  const html = readFileSync(join(ROOT, 'www', 'index.html'), 'utf8');
  const differing = await page.evaluate((source) => {
    const before = new DOMParser().parseFromString(source, 'text/html');
    return [...before.querySelectorAll('[data-i18n]')]
      .map((el) => ({ key: /** @type {HTMLElement} */ (el).dataset.i18n, html: el.textContent?.trim(), now: document.querySelector(`[data-i18n="${/** @type {HTMLElement} */ (el).dataset.i18n}"]`)?.textContent?.trim() }))
      // The hints are rewritten for touch screens; this test runs with a mouse.
      .filter((x) => x.html !== x.now);
  }, html);
  assert.deepEqual(differing, []);
  await context.close();
});

for (const lang of ['vi', 'en']) {
  test(`axe-core: no WCAG 2.0/2.1 A or AA violation on the desktop page (${lang}): empty, results, cell details`, async () => {
    const { context, page } = await open(lang);
    assert.deepEqual(await audit(page), [], `axe (${lang}): the empty page`);
    const details = await seedThenDetails(page);
    assert.deepEqual(await audit(page), [], `axe (${lang}): the results`);
    await details();
    assert.deepEqual(await audit(page), [], `axe (${lang}): a cell's details`);
    await context.close();
  });
}

test('axe-core: no WCAG 2.0/2.1 A or AA violation on a phone in English: empty, results, the sheet open', async () => {
  // The Vietnamese phone is audited in meeting.test.mjs.
  const { context, page } = await open('en', true);
  assert.deepEqual(await audit(page), [], 'axe: the empty phone view');
  const sheet = await seedThenDetails(page, true);
  assert.deepEqual(await audit(page), [], 'axe: the phone results');
  await sheet();
  assert.deepEqual(await audit(page), [], 'axe: the sheet open');
  await context.close();
});
