// The quarter's inbox in Chromium (issue #13): 25 unit reports dropped at once as Word and Excel
// files (the synthetic units of tests/fixtures/units/, written as .docx/.xlsx by
// scripts/make-unit-files.py; two units given a wrong figure here), with one unreadable file
// among them. The oracle is the CLI (`kiemso check --json` on the same files), never the page:
// every report listed with the CLI's counts per form, the unreadable file with the CLI's reason;
// a report opened and a figure fixed as a what-if updates the overview; the consolidated .xlsx
// downloaded and read back with openpyxl adds up to the units' figures; a reload keeps the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverAndBrowser, openApp, paste, ROOT, SCREENSHOTS, eventually } from './helpers.mjs';

const env = serverAndBrowser();

/** `text` with the figure of row `stt` of form `form` (two digits) replaced. */
function withValue(/** @type {string} */ text, /** @type {string} */ form, /** @type {string} */ stt, /** @type {string} */ value) {
  let inForm = false;
  let done = false;
  const lines = text.split('\n').map((l) => {
    if (l.startsWith('Biểu mẫu số ')) inForm = l === `Biểu mẫu số ${form}`;
    const cells = l.split('\t');
    if (inForm && !done && cells.length >= 4 && cells[0] === `${stt}.`) {
      cells[3] = value;
      done = true;
      return cells.join('\t');
    }
    return l;
  });
  assert.ok(done, `row ${stt} of form ${form}`);
  return lines.join('\n');
}

/** The 25 units as .docx/.xlsx, two with an error, and one unreadable file: the folder. */
function makeFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'kiemso-inbox-'));
  const texts = join(dir, 'txt');
  cpSync(join(ROOT, 'tests/fixtures/units/q3-2024'), texts, { recursive: true });
  // Sở Tư pháp: tasks completed 1 of 2 (ratio 50,00) written as 2 → the ratio fails.
  const tp = join(texts, '02-so-tu-phap.txt');
  writeFileSync(tp, withValue(readFileSync(tp, 'utf8'), '01', '2.2', '2'));
  // UBND huyện Cam Lâm: a part of B03 made larger than its whole.
  const cl = join(texts, '20-ubnd-huyen-cam-lam.txt');
  const text = readFileSync(cl, 'utf8');
  writeFileSync(cl, withValue(text, '03', '3.1.2', '999999'));
  const files = join(dir, 'files');
  execFileSync('python3', [join(ROOT, 'scripts/make-unit-files.py'), texts, files]);
  // Not a Word file, whatever its name says.
  writeFileSync(join(files, '26-hong.docx'), Buffer.from('PK\u0003\u0004 không phải tệp Word'));
  return files;
}

/** The CLI's answer on the same files. */
function cli(/** @type {string[]} */ args) {
  try {
    return JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'kiemso', '--', ...args, '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 }));
  } catch (e) {
    // Exit status 1: something failed or could not be read; the JSON is on stdout all the same.
    return JSON.parse(/** @type {any} */ (e).stdout);
  }
}

/** Errors and warnings per form (the cell a check is about), `narrative` for the words. */
function perForm(/** @type {any} */ report) {
  /** @type {Record<string, { fail: number, warn: number }>} */
  const out = {};
  for (const f of report.forms) out[f.form] = { fail: 0, warn: 0 };
  for (const c of report.checks) {
    if (c.status !== 'fail' && c.status !== 'warn') continue;
    const cell = c.cells[0] ?? '';
    const key = c.kind === 'narrative' || !cell.includes('/') ? 'narrative' : cell.slice(0, cell.indexOf('/'));
    out[key] ??= { fail: 0, warn: 0 };
    out[key][/** @type {'fail' | 'warn'} */ (c.status)]++;
  }
  return out;
}

/** The overview as a person reads it: per row, its counts per form and in total. */
async function overview(/** @type {import('playwright-core').Page} */ page) {
  return page.evaluate(() => [...document.querySelectorAll('#inbox-table tbody tr')].map((tr) => {
    const el = /** @type {HTMLElement} */ (tr);
    /** @type {Record<string, { fail: number, warn: number }>} */
    const forms = {};
    for (const td of el.querySelectorAll('td[data-form]')) {
      const d = /** @type {HTMLElement} */ (td).dataset;
      forms[/** @type {string} */ (d.form)] = { fail: Number(d.fail), warn: Number(d.warn) };
    }
    const field = (/** @type {number} */ k) => /** @type {HTMLInputElement | null} */ (el.querySelectorAll('td')[k]?.querySelector('input'))?.value ?? null;
    return {
      source: el.dataset.source, unreadable: el.classList.contains('inbox-unreadable'), text: el.textContent,
      fail: Number(el.dataset.fail ?? -1), warn: Number(el.dataset.warn ?? -1), forms, unit: field(0), period: field(1),
    };
  }));
}

const venvPython = () => {
  for (const root of [ROOT, '/work/main']) {
    const py = join(root, '.venv-export', 'bin', 'python');
    if (existsSync(py)) return py;
  }
  execFileSync('python3', ['-m', 'venv', join(ROOT, '.venv-export')]);
  execFileSync(join(ROOT, '.venv-export', 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', 'python-docx', 'openpyxl']);
  return join(ROOT, '.venv-export', 'bin', 'python');
};

test('in Chromium: 25 reports dropped, the overview as the CLI counts, a what-if, the consolidation, a reload', async () => {
  const dir = makeFiles();
  const names = readdirSync(dir).sort();
  assert.equal(names.length, 26);
  const oracle = cli(['check', ...names.map((n) => join(dir, n))]);
  const bySource = new Map(oracle.reports.map((/** @type {any} */ r) => [r.source.split('/').pop(), r]));
  assert.equal(oracle.summary.reports, 25);
  assert.equal(oracle.summary.unreadable, 1);
  assert.ok(oracle.summary.fail >= 2, 'the two wrong figures fail');

  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const page = await openApp(context, env.server.url);
  // Dropped as a person drops them: one drop event carrying the 26 files.
  const files = names.map((name) => ({ name, b64: readFileSync(join(dir, name)).toString('base64') }));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await page.waitForFunction(() => document.querySelectorAll('#inbox-table tbody tr').length === 26 && /** @type {HTMLElement} */ (document.querySelector('.inbox-reading'))?.hidden, null, { timeout: 60000 });

  let rows = await overview(page);
  assert.equal(rows.length, 26);
  for (const row of rows) {
    const want = bySource.get(row.source);
    assert.ok(want, `${row.source} is one of the files`);
    if (want.error) {
      assert.ok(row.unreadable, `${row.source} listed as unreadable`);
      // The CLI names the file by the path it was given; the page by the name dropped.
      const reason = want.error.replaceAll(`${dir}/`, '');
      assert.ok(row.text?.includes(reason), `${row.source}: the reason «${reason}» is shown (${row.text})`);
      continue;
    }
    assert.equal(row.unit, want.unit, row.source);
    assert.equal(row.period, want.period, row.source);
    assert.equal(row.fail, want.summary.fail, `${row.source}: errors`);
    assert.equal(row.warn, want.summary.warn, `${row.source}: warnings`);
    assert.deepEqual(row.forms, perForm(want), `${row.source}: per form`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('#inbox').screenshot({ path: join(SCREENSHOTS, 'inbox-overview.png') });

  // «Chỉ đơn vị có lỗi»: the two units with a wrong figure and the unreadable file.
  await page.locator('#inbox-only-errors').check();
  const withErrors = oracle.reports.filter((/** @type {any} */ r) => r.error || r.summary.fail > 0).length;
  assert.equal((await overview(page)).length, withErrors);
  await page.locator('#inbox-only-errors').uncheck();
  // Sorted by errors, worst first: a sort a person asks for by clicking the column.
  await page.locator('button[data-sort="total"]').click();
  rows = await overview(page);
  const fails = rows.filter((r) => !r.unreadable).map((r) => r.fail);
  assert.deepEqual(fails, [...fails].sort((a, b) => b - a));

  // Open Sở Tư pháp's Biểu 01 and fix the figure as a what-if: the overview follows.
  const tp = '02-so-tu-phap.docx';
  const fixedBefore = rows.find((r) => r.source === tp);
  assert.ok(fixedBefore && fixedBefore.forms.B01.fail > 0);
  await page.locator(`tr[data-source="${tp}"] td[data-form="B01"] button`).click();
  const input = page.locator('#forms tr[data-cell="B01/2.2"] .ks-input');
  await input.waitFor({ timeout: 20000 });
  await input.fill('1');
  await eventually(async () => {
    const r = (await overview(page)).find((x) => x.source === tp);
    return r && r.forms.B01.fail === 0 && r.fail === fixedBefore.fail - fixedBefore.forms.B01.fail;
  }, 20000);
  await page.screenshot({ path: join(SCREENSHOTS, 'inbox-what-if.png'), fullPage: false });

  // «Tổng hợp»: the consolidated .xlsx, read back with openpyxl; a count adds up over the
  // units as the CLI read them (Sở Tư pháp's what-if included: 1 in place of 2).
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.locator('#inbox-consolidate').click()]);
  const xlsx = join(dir, 'tong-hop.xlsx');
  await download.saveAs(xlsx);
  const book = JSON.parse(execFileSync(venvPython(), [join(ROOT, 'tests/support/read_export.py'), xlsx], { encoding: 'utf8' }));
  const sheet01 = Object.entries(book.sheets).find(([name]) => name.includes('01'))?.[1];
  assert.ok(sheet01, `a sheet of Biểu 01 in ${book.order}`);
  const row22 = sheet01.cells.find((/** @type {any} */ c) => c.col === 1 && c.value.replace(/\.$/, '') === '2.2');
  assert.ok(row22, 'row 2.2 of Biểu 01');
  const figure = sheet01.cells.find((/** @type {any} */ c) => c.row === row22.row && c.col === 4);
  const cellOf = (/** @type {any} */ r, /** @type {string} */ name) => r.forms.flatMap((/** @type {any} */ f) => f.table).find((/** @type {any} */ x) => x.cell === name)?.value;
  const units = oracle.reports.filter((/** @type {any} */ r) => !r.error);
  const sum = units.reduce((n, /** @type {any} */ r) => n + Number(String(cellOf(r, 'B01/2.2') ?? '0').replace(/\./g, '')), 0) - 1; // the what-if: 2 → 1
  assert.equal(Number(figure.value), sum);
  await eventually(() => page.locator('#inbox-consolidated h3').isVisible());

  // The province's own report (the seed), ticked «Của tỉnh»: the consolidation is compared with
  // it, and Cam Lâm's wrong figure is the differing cell that names Cam Lâm; the CLI agrees.
  await page.locator('#file').setInputFiles([join(ROOT, 'www/examples/khanh-hoa-q3-2024.txt'), join(dir, '26-hong.docx')]);
  await page.waitForFunction(() => document.querySelectorAll('#inbox-table tbody tr').length === 28, null, { timeout: 60000 });
  await page.locator('tr[data-source="khanh-hoa-q3-2024.txt"] .inbox-province input').check();
  await eventually(async () => (await page.locator('tr[data-source="khanh-hoa-q3-2024.txt"] .inbox-province input').isChecked()));
  await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.locator('#inbox-consolidate').click()]);
  const against = cli(['consolidate', ...names.filter((n) => !n.startsWith('26')).map((n) => join(dir, n)), '--against', join(ROOT, 'www/examples/khanh-hoa-q3-2024.txt')]);
  const differing = against.checks.filter((/** @type {any} */ c) => c.kind === 'consolidation' && c.status !== 'pass');
  const shownDiff = await eventually(async () => {
    const cells = await page.locator('#inbox-consolidated .inbox-differences tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    return cells.length ? cells : null;
  }, 20000);
  // Sở Tư pháp's what-if made it agree again: the differences are the CLI's but Sở Tư pháp's.
  const want = differing.filter((/** @type {any} */ c) => !c.cell.startsWith('B01/2'));
  assert.ok(want.some((/** @type {any} */ c) => c.cell === 'B03/3.1.2'), 'the CLI finds Cam Lâm\'s cell');
  assert.deepEqual(shownDiff.map((r) => r[0]).sort(), want.map((/** @type {any} */ c) => c.cell).sort());
  const camLam = shownDiff.find((r) => r[0] === 'B03/3.1.2');
  assert.match(camLam?.[4] ?? '', /UBND huyện Cam Lâm: 999\.999/);
  await page.locator('#inbox').screenshot({ path: join(SCREENSHOTS, 'inbox-consolidated.png') });

  // The previous quarter of two units: their rows get «So với kỳ trước», and an opened report
  // shows the previous value beside the current one.
  // Sở Tài chính's Quý II given a tenth of its B06 1.1 count: Quý III then jumps ×10.
  const q2 = join(dir, 'q2');
  cpSync(join(ROOT, 'tests/fixtures/units/q2-2024'), q2, { recursive: true });
  const tcQ2 = join(q2, '03-so-tai-chinh.txt');
  writeFileSync(tcQ2, withValue(readFileSync(tcQ2, 'utf8'), '06', '1.1', '13.451'));
  await page.locator('#file').setInputFiles([join(q2, '01-so-noi-vu.txt'), tcQ2]);
  await page.waitForFunction(() => document.querySelectorAll('#inbox-table tbody tr').length === 30, null, { timeout: 60000 });
  const compared = cli(['compare', join(q2, '03-so-tai-chinh.txt'), join(dir, '03-so-tai-chinh.docx')]);
  const periodChecks = compared.checks.filter((/** @type {any} */ c) => c.kind === 'period');
  assert.ok(periodChecks.some((/** @type {any} */ c) => c.cell === 'B06/1.1' && c.status === 'warn'), 'the CLI warns of the jump');
  const taiChinh = page.locator('tr[data-source="03-so-tai-chinh.docx"]');
  assert.equal(Number(await taiChinh.locator('td[data-period]').getAttribute('data-period')), periodChecks.filter((/** @type {any} */ c) => c.status === 'fail' || c.status === 'warn').length);
  await taiChinh.locator('td[data-form="B03"] button').click();
  const periodRows = await eventually(async () => {
    const r = await page.locator('#inbox-detail .inbox-period tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    return r.length ? r : null;
  });
  assert.equal(periodRows.length, periodChecks.length);
  for (const c of periodChecks.filter((/** @type {any} */ c) => c.cell)) {
    assert.ok(periodRows.some((r) => r[0] === c.cell && r[1] === (c.previous ?? '') && r[2] === (c.current ?? '')), `${c.cell}: ${c.previous} beside ${c.current}`);
  }
  await page.locator('#inbox-detail').screenshot({ path: join(SCREENSHOTS, 'inbox-period.png') });

  // A unit typed over the one read: checked again under that name (and kept).
  const xd = page.locator('tr[data-source="05-so-xay-dung.docx"] input[data-what="unit"]');
  await xd.fill('Sở Xây dựng tỉnh Khánh Hòa');
  await xd.press('Enter');
  await page.waitForSelector('tr[data-source="05-so-xay-dung.docx"] td[data-from="given"] input[data-what="unit"]', { timeout: 20000 });

  // A reload keeps the set (and the what-if), checked again.
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('#inbox-table tbody tr').length === 30, null, { timeout: 60000 });
  const again = (await overview(page)).find((x) => x.source === tp);
  assert.equal(again?.forms.B01.fail, 0, 'the what-if survived the reload');
  assert.equal((await overview(page)).find((x) => x.source === '05-so-xay-dung.docx')?.unit, 'Sở Xây dựng tỉnh Khánh Hòa');
  assert.match(await page.locator('.inbox-kept').textContent() ?? '', /30 tệp/);
  // The view reopened the report it showed (Sở Tài chính): a what-if there still reaches the
  // overview after the reload.
  const tcInput = page.locator('#forms tr[data-cell="B01/2.2"] .ks-input');
  await tcInput.waitFor({ timeout: 20000 });
  await tcInput.fill('50');
  await eventually(async () => ((await overview(page)).find((x) => x.source === '03-so-tai-chinh.docx')?.forms.B01.fail ?? 0) > 0, 20000);

  // «Xoá tất cả» empties it, and a reload shows nothing.
  await page.locator('#inbox-erase').click();
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready');
  assert.equal(await page.locator('#inbox').isHidden(), true);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('two reports pasted together: the page offers to split them, and the inbox lists each with its own unit and results', async () => {
  const context = await env.browser.newContext();
  const page = await openApp(context, env.server.url);
  const units = join(ROOT, 'tests/fixtures/units/q3-2024');
  const a = readFileSync(join(units, '01-so-noi-vu.txt'), 'utf8');
  const b = withValue(readFileSync(join(units, '02-so-tu-phap.txt'), 'utf8'), '01', '2.2', '2');
  await paste(page, { plain: `${a}\n${b}` });
  // Read as one report, its forms come twice: the offer says so, naming them.
  const offer = page.locator('#split-offer');
  await offer.waitFor({ state: 'visible', timeout: 20000 });
  assert.match(await offer.textContent() ?? '', /B01/);
  await page.locator('#split-reports').click();
  await page.waitForFunction(() => document.querySelectorAll('#inbox-table tbody tr').length === 2, null, { timeout: 60000 });
  const rows = await overview(page);
  // The oracle: the CLI on the two reports as two files.
  const dir = mkdtempSync(join(tmpdir(), 'kiemso-paste-'));
  writeFileSync(join(dir, 'a.txt'), a);
  writeFileSync(join(dir, 'b.txt'), b);
  const expected = cli(['check', join(dir, 'a.txt'), join(dir, 'b.txt')]).reports;
  assert.equal(expected.length, 2, 'the CLI reads two reports');
  assert.deepEqual(rows.map((r) => r.source), ['van-ban-dan-vao.txt#1', 'van-ban-dan-vao.txt#2']);
  assert.deepEqual(rows.map((r) => r.unit), expected.map((/** @type {any} */ r) => r.unit));
  assert.deepEqual(rows.map((r) => r.unit), ['Sở Nội vụ', 'Sở Tư pháp']);
  // Each with its own results: only Sở Tư pháp's B01 has the broken ratio.
  assert.equal(rows[0].forms.B01.fail, 0);
  assert.equal(rows[1].forms.B01.fail, perForm(expected[1]).B01.fail);
  assert.ok(rows[1].forms.B01.fail > 0);
  // One report pasted alone: no offer.
  await paste(page, { plain: a });
  await eventually(async () => page.locator('#split-offer').isHidden(), 20000);
  await page.locator('#inbox-erase').click();
  assert.deepEqual(page.errors, []);
  await context.close();
});
