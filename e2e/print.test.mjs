// The printout of the results (Chromium's print to PDF, as «In hoặc lưu PDF» gives it): on every
// page who it is about (the unit and period the report names, else the source), when it was
// checked and «Trang n/m»; the problems first; a line saying what was and was not checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, ROOT, SEED, SCREENSHOTS, openApp, paste, after } from './helpers.mjs';
import { pdfPages } from './pdf-text.mjs';

const env = serverAndBrowser();
/** @param {string} s */
const squash = (s) => s.replace(/\s+/g, '');

/**
 * What the page put in its running header (the constructed style sheet of lib/print.mjs).
 * @param {import('playwright-core').Page} page
 */
async function runningHeader(page) {
  const css = await page.evaluate(() => document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'));
  const left = /@top-left\s*\{\s*content:\s*"((?:[^"\\]|\\.)*)"/.exec(css)?.[1];
  const right = /@top-right\s*\{\s*content:\s*"((?:[^"\\]|\\.)*)"/.exec(css)?.[1];
  assert.ok(left && right, `no running header in ${css}`);
  return { left, right };
}

/**
 * Prints the page to PDF as Chromium does for the user (the page's own @page rules, no header or
 * footer of Chromium's), and returns each page's text.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
async function printed(page, name) {
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  writeFileSync(join(SCREENSHOTS, `${name}.pdf`), pdf);
  return pdfPages(pdf);
}

for (const source of ['paste', 'docx']) {
  test(`the printout of ${source === 'paste' ? 'a pasted report' : 'a Word file'} has the unit or source, the date and «Trang n/m» on every page, problems first and what was checked`, async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const page = await openApp(context, env.server.url);
    if (source === 'paste') {
      await after(page, () => paste(page, { plain: SEED }));
    } else {
      const docx = readFileSync(join(ROOT, 'tests', 'fixtures', 'khanh-hoa-q3-2024.docx'));
      await after(page, () => page.locator('#file').setInputFiles({ name: 'khanh-hoa-q3-2024.docx', mimeType: 'application/octet-stream', buffer: docx }));
    }
    await page.waitForFunction(() => document.adoptedStyleSheets.length > 0);
    const header = await runningHeader(page);
    // The unit and period the report's heading gives (else the source: see lib/print.mjs).
    assert.equal(header.left, 'Kiểm số · Ủy ban nhân dân tỉnh Khánh Hòa — Quý III/2024');
    assert.match(header.right, /^Kiểm tra lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/);

    const pages = await printed(page, `print-${source}`);
    assert.ok(pages.length >= 3, `only ${pages.length} pages`);
    pages.forEach((text, i) => {
      const flat = squash(text);
      assert.ok(flat.includes(squash(header.left)), `page ${i + 1} lacks «${header.left}»: ${flat.slice(0, 200)}`);
      assert.ok(flat.includes(squash(header.right)), `page ${i + 1} lacks the date`);
      assert.ok(flat.includes(`Trang${i + 1}/${pages.length}`), `page ${i + 1} lacks «Trang ${i + 1}/${pages.length}»: ${flat.slice(0, 200)}`);
    });
    // Problems first: the list of what to look at is on the first page, before any table.
    const first = squash(pages[0]);
    assert.ok(first.includes('Cầnxemlại('), 'no list of problems on page 1');
    assert.ok(first.indexOf('Cầnxemlại(') < first.indexOf('STTChỉtiêu'), 'a table is printed before the problems');
    // What was checked, said in the printout.
    assert.ok(first.includes(squash('Đã kiểm tra mọi bảng số liệu nhận ra được và lời văn của báo cáo.')), first.slice(0, 400));

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 718, height: 1000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, `print-${source}.png`) });
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}
