// Opening a real Word file: the worker hands its bytes to the core's checkFile().
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, after, cellsMarked, makeZip } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

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

test('a .docx opened from the page is read by checkFile and its wrong ratio is marked', async (t) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, server.url);
  if (await page.evaluate(() => document.documentElement.dataset.checkFile !== 'true')) {
    // The page's answer without checkFile is covered in app.test.mjs.
    t.skip('this build of the Wasm module has no checkFile()');
    await context.close();
    return;
  }
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
