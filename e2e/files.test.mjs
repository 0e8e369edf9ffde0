// Opening a real Word file: the worker hands its bytes to the core's checkFile(). Every opened
// file is sniffed by the core (one rule with the CLI), and the newest thing the user did wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, openApp, after, paste, cellsMarked, counts, makeZip, eventually, ROOT, SCREENSHOTS, SEED, assertSeedCounts } from './helpers.mjs';

const env = serverAndBrowser();

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** @param {string} text */
const p = (text) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
/** @param {string} text @param {string} [props] */
const tc = (text, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${p(text)}</w:tc>`;
/** @param {string[]} cells */
const tr = (cells) => `<w:tr>${cells.map((c) => tc(c)).join('')}</w:tr>`;

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>
${p('Biểu mẫu số 03')}${p('Cải cách thủ tục hành chính')}
<w:tbl>
 <w:tr>${tc('STT', '<w:vMerge w:val="restart"/>')}${tc('Chỉ tiêu thống kê', '<w:vMerge w:val="restart"/>')}${tc('Kết quả thống kê', '<w:gridSpan w:val="2"/>')}${tc('Ghi chú', '<w:vMerge w:val="restart"/>')}</w:tr>
 <w:tr>${tc('', '<w:vMerge/>')}${tc('', '<w:vMerge/>')}${tc('Đơn vị tính')}${tc('Số liệu')}${tc('', '<w:vMerge/>')}</w:tr>
 ${tr(['3.', 'Kết quả giải quyết TTHC', '', '', ''])}
 ${tr(['3.3.', 'Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn', '%', '99,87', ''])}
 ${tr(['3.3.1.', 'Tổng số TTHC đã giải quyết xong', 'Hồ sơ', '42.159', ''])}
 ${tr(['3.3.2.', 'Số hồ sơ TTHC đã giải quyết đúng hạn', 'Hồ sơ', '42.063', ''])}
</w:tbl>
${p('')}
</w:body></w:document>`;

test('a .docx opened from the page is read by checkFile and its wrong ratio is marked', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.checkFile), 'true');
  const buffer = makeZip({ 'word/document.xml': DOCUMENT });
  const summary = await after(page, () => page.locator('#file').setInputFiles({
    name: 'bao-cao-quy-3.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer,
  }));
  assert.equal(summary?.fail, 1);
  assert.deepEqual(await cellsMarked(page, 'fail'), ['B03/3.3']);
  assert.match(await page.locator('#file-chip').innerText(), /Đang kiểm tra tệp bao-cao-quy-3\.docx/);
  // A what-if edit works on a file too.
  const fixed = await after(page, () => page.locator('tr[data-cell="B03/3.3"] .ks-input').fill('99,77'));
  assert.equal(fixed?.fail, 0);
  // The file is kept on the device across a reload.
  await page.waitForTimeout(400);
  await page.reload();
  await page.waitForFunction(() => document.getElementById('results')?.dataset.state === 'done');
  assert.match(await page.locator('#file-chip').innerText(), /bao-cao-quy-3\.docx/);
  assert.equal(await page.locator('tr[data-cell="B03/3.3"] .ks-input').inputValue(), '99,77');
  await context.close();
});

/**
 * Drops a file on the page as a person does by dragging it from the file manager: dragenter,
 * dragover and drop events carrying the file.
 * @param {import('playwright-core').Page} page
 * @param {string} path
 * @param {string} type
 */
async function dropFile(page, path, type) {
  const base64 = readFileSync(path).toString('base64');
  const name = path.split('/').pop();
  await page.evaluate(({ base64, name, type }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type }));
    const target = document.querySelector('main') ?? document.body;
    for (const kind of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, { base64, name, type });
}

test('the seed as a Word file dropped on the page gives the seed\'s results', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  const docx = join(ROOT, 'tests', 'fixtures', 'khanh-hoa-q3-2024.docx');
  const summary = await after(page, () => dropFile(page, docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'));
  // The same checks as the seed pasted as text (see app.test.mjs): no failure, the two 0/0
  // warnings and the narrative's two.
  assert.equal(summary?.fail, 0);
  assert.equal(summary?.warn, 4);
  assert.ok((summary?.pass ?? 0) > 150, `pass: ${summary?.pass}`);
  const forms = await page.locator('[data-form]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-form')))]);
  assert.deepEqual(forms, ['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07']);
  assert.deepEqual(await cellsMarked(page, 'warn'), ['B01/3.3', 'B02/2.2']);
  assert.match(await page.locator('#file-chip').innerText(), /khanh-hoa-q3-2024\.docx/);
  await page.screenshot({ path: join(SCREENSHOTS, 'dropped-docx.png') });
  await context.close();
});

test('a spreadsheet dropped on the page is checked as Excel shows it', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  const xlsx = join(ROOT, 'tests', 'fixtures', 'khanh-hoa-q3-2024.xlsx');
  const summary = await after(page, () => dropFile(page, xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
  assert.equal(summary?.fail, 0);
  assert.deepEqual(await cellsMarked(page, 'fail'), []);
  assert.ok((await counts(page)).pass > 150);
  await context.close();
});

test('a file is read by what it holds, not by its name: a Word file renamed .txt is checked, a program renamed .txt is refused and kept nowhere', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  const docx = readFileSync(join(ROOT, 'tests', 'fixtures', 'khanh-hoa-q3-2024.docx'));
  const summary = await after(page, () => page.locator('#file').setInputFiles({ name: 'bao-cao-quy-3.txt', mimeType: 'text/plain', buffer: docx }));
  assert.equal(summary?.fail, 0);
  assert.equal(summary?.warn, 4);
  assert.equal(await page.locator('.ks-form').count(), 7);
  assert.match(await page.locator('#file-chip').innerText(), /bao-cao-quy-3\.txt/);
  assert.equal(await page.locator('#input').inputValue(), '');

  // A program renamed .txt: refused with the core's reason; what was open stays, and nothing of
  // the program reaches the text box or the device's storage.
  const program = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.from('ELF-PROGRAM-BODY Biểu mẫu số 01\n'.repeat(20))]);
  await page.locator('#file').setInputFiles({ name: 'bao-cao.txt', mimeType: 'text/plain', buffer: program });
  const problems = page.locator('#input-problems');
  await eventually(() => problems.isVisible());
  assert.match(await problems.innerText(), /Không đọc được tệp «bao-cao\.txt»: đây là một chương trình máy tính/);
  await page.screenshot({ path: join(SCREENSHOTS, 'renamed-program-refused.png') });
  assert.equal(await page.locator('#input').inputValue(), '');
  assert.match(await page.locator('#file-chip').innerText(), /bao-cao-quy-3\.txt/);
  await page.waitForTimeout(400);
  const saved = await page.evaluate(() => localStorage.getItem('kiemso.v1') ?? '');
  assert.doesNotMatch(saved, /ELF-PROGRAM-BODY/);

  // Text in the legacy Vietnamese code page goes into the text box, decoded as the CLI decodes it.
  const csv1258 = readFileSync(join(ROOT, 'tests', 'fixtures', 'khanh-hoa-q3-2024-1258.csv'));
  await after(page, () => page.locator('#file').setInputFiles({ name: 'bieu-mau.txt', mimeType: 'text/plain', buffer: csv1258 }));
  const text = await page.locator('#input').inputValue();
  assert.match(text, /Biểu mẫu số 01/);
  assert.match(await page.locator('#input-problems').innerText(), /bảng mã Windows-1258/);
  await context.close();
});

test('a file still being opened never replaces what was pasted after it, nor does the example', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  // A slow start: the checker's first module arrives late, so the file waits for the checker.
  await context.route('**/pkg/core/*.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(env.server.url);
  const older = 'Biểu mẫu số 01\n2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t31,14\n2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t61\n2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t19\n';
  await page.locator('#file').setInputFiles({ name: 'bieu-01.txt', mimeType: 'text/plain', buffer: Buffer.from(older) });
  await page.locator('#file').setInputFiles({ name: 'bieu-01.docx', mimeType: 'application/octet-stream', buffer: makeZip({ 'word/document.xml': DOCUMENT }) });
  await paste(page, { plain: SEED });
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
  await page.waitForFunction(() => document.getElementById('results')?.dataset.state === 'done', null, { timeout: 20000 });
  await page.waitForTimeout(1000); // the files, had they been waited for, are in by now
  assert.equal(await page.locator('#input').inputValue(), SEED);
  assert.equal(await page.locator('#file-chip').isVisible(), false);
  assertSeedCounts(await counts(page));

  // The example, slow to arrive, does not replace a paste made while it loads either.
  await context.route('**/examples/*.txt', async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Dùng báo cáo mẫu' }).click();
  const replaced = await after(page, () => paste(page, { plain: older }));
  assert.equal(replaced?.fail, 1);
  await page.waitForTimeout(1200);
  assert.equal(await page.locator('#input').inputValue(), older);
  assert.deepEqual(await counts(page), replaced);
  await context.close();
});
