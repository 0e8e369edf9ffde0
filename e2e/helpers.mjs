// Shared by the end-to-end tests: the static server, the browser, the seed report, and small
// helpers that act and look the way a person does (paste, read what is on screen).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after as afterAll } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** The Khánh Hòa Q3/2024 report, as the example ships it. */
export const SEED = readFileSync(join(ROOT, 'www', 'examples', 'khanh-hoa-q3-2024.txt'), 'utf8');

/**
 * What the seed's summary must show, as properties that survive a better checker: no failure and
 * nothing left unevaluated; exactly four warnings — the two 0/0 ratios of the tables (B01/3.3,
 * B02/2.2) and the narrative's two real inconsistencies (line 37 against B01/3.2, and "53 … bao
 * gồm 44 … và 19" on line 369); and at least the passes of the hand-verified statements (169
 * checks of the tables and 90 of the narrative when this was written), more when a rule learns
 * to read more of the text correctly.
 * @param {{ fail: number, warn: number, pass: number, na: number }} summary
 */
export function assertSeedCounts(summary) {
  assert.equal(summary.fail, 0, JSON.stringify(summary));
  assert.equal(summary.warn, 4, JSON.stringify(summary));
  assert.equal(summary.na, 0, JSON.stringify(summary));
  assert.ok(summary.pass >= 255, JSON.stringify(summary));
}

/**
 * Starts scripts/serve.mjs on a free port and resolves with its URL once it prints it.
 * @param {string} [root] the directory to serve (default www/)
 * @returns {Promise<{ url: string, close: () => void }>}
 */
export function startServer(root) {
  return new Promise((resolvePromise, reject) => {
    const args = [join(ROOT, 'scripts', 'serve.mjs'), '--port', '0', ...(root ? ['--root', root] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve.mjs printed no URL: ${out}`));
    }, 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/[^\s]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ url: m[0].endsWith('/') ? m[0] : `${m[0]}/`, close: () => child.kill() });
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${out}`)));
  });
}

/**
 * A server on another origin that only counts what reaches it (nothing should).
 * @returns {Promise<{ url: string, hits: string[], close: () => void }>}
 */
export function startOtherOrigin() {
  return new Promise((resolvePromise) => {
    /** @type {string[]} */
    const hits = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
      res.end('leak');
    });
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolvePromise({ url: `http://127.0.0.1:${port}/`, hits, close: () => server.close() });
    });
  });
}

/**
 * The app's server and a browser for the tests of one file: started before them, stopped after.
 * Read `env.server` and `env.browser` inside tests (they are set once the hook has run).
 * @returns {{ server: Awaited<ReturnType<typeof startServer>>, browser: import('playwright-core').Browser }}
 */
export function serverAndBrowser() {
  const env = /** @type {any} */ ({});
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/** Chromium as installed on this machine (no browser download is possible here). */
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/**
 * Opens the app and waits until its checker is ready.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 */
export async function openApp(context, url) {
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
  return Object.assign(page, { errors });
}

/**
 * Pastes into the page as a person does with Ctrl+V: a paste event carrying the clipboard.
 * @param {import('playwright-core').Page} page
 * @param {{ plain?: string, html?: string }} data
 * @param {string} [selector] where the paste happens (default: the page itself)
 */
export async function paste(page, data, selector = 'body') {
  await page.evaluate(({ data, selector }) => {
    const dt = new DataTransfer();
    if (data.html !== undefined) dt.setData('text/html', data.html);
    if (data.plain !== undefined) dt.setData('text/plain', data.plain);
    const target = document.querySelector(selector) ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, { data, selector });
}

/**
 * How many answers the page has shown so far.
 * @param {import('playwright-core').Page} page
 */
export function shownCount(page) {
  return page.evaluate(() => Number(document.getElementById('results')?.dataset.shown ?? 0));
}

/**
 * Does `action`, waits until the page has shown the answer to it, and returns the summary counts
 * as a person reads them (null when no summary is on screen).
 * @param {import('playwright-core').Page} page
 * @param {() => Promise<unknown>} action
 */
export async function after(page, action) {
  const before = await shownCount(page);
  await action();
  await page.waitForFunction((n) => Number(document.getElementById('results')?.dataset.shown ?? 0) > n, before, { timeout: 20000 });
  // Settle: a debounced re-check may follow (typing); wait until no check is pending.
  await page.waitForFunction(() => document.getElementById('results')?.dataset.state !== 'checking', null, { timeout: 20000 });
  const summary = page.locator('#summary');
  return (await summary.isVisible()) ? counts(page) : null;
}

/**
 * The four counts of the summary, read from the screen.
 * @param {import('playwright-core').Page | import('playwright-core').Locator} scope
 */
export async function counts(scope) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const status of ['fail', 'warn', 'pass', 'na']) {
    const text = await scope.locator(`.ks-count[data-status="${status}"] .ks-count-n`).innerText();
    out[status] = Number(text);
  }
  return out;
}

/**
 * The status word shown in the figure cell of a row ('' when the row has no mark).
 * @param {import('playwright-core').Page | import('playwright-core').Locator} scope
 * @param {string} cell
 */
export async function markOf(scope, cell) {
  // A form's row, or a grid's cell.
  const mark = scope.locator(`:is(tr, td)[data-cell="${cell}"] .ks-mark`);
  return (await mark.textContent())?.trim() ?? '';
}

/**
 * Cells whose figure carries a given mark class.
 * @param {import('playwright-core').Page | import('playwright-core').Locator} scope
 * @param {string} status
 */
export async function cellsMarked(scope, status) {
  return scope.locator(`:is(tr, td)[data-cell].ks-st-${status}`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cell')));
}

/**
 * Polls `fn` until it returns a truthy value.
 * @template T
 * @param {() => Promise<T>} fn
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
export async function eventually(fn, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`condition not met in ${timeout} ms (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** @param {Uint8Array} data */
function crc32(data) {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip archive with stored (uncompressed) entries, enough for a small .docx or .xlsx.
 * @param {Record<string, string>} files path → text
 * @returns {Buffer}
 */
export function makeZip(files) {
  /** @type {Buffer[]} */
  const local = [];
  /** @type {Buffer[]} */
  const central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    local.push(head, nameBytes, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBytes);
    offset += head.length + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/**
 * RFC 4180, enough for the files resultsCsv writes.
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text, sep = ';') {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = text.startsWith('\uFEFF') ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/**
 * Whether a spreadsheet could take a CSV field for a formula: it starts with `=`, `+`, `-`, `@`
 * (or their full-width forms), a tab or a carriage return (OWASP's list), and is not a figure as
 * the tables print it (`-5`, `-1,5`, `+3,5`) nor a lone dash.
 * @param {string} field
 */
export function spreadsheetWouldRun(field) {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(field) && !/^[+-]?\d+(?:[.,]\d+)*%?$/.test(field) && field !== '-';
}

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * WCAG 2.1 A and AA violations axe-core finds on the page as it is now. The page's own
 * Content-Security-Policy forbids inline scripts: the context needs `bypassCSP: true`.
 * @param {import('playwright-core').Page} page
 */
export async function audit(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await /** @type {any} */ (window).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((/** @type {any} */ v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((/** @type {any} */ n) => n.target.join(' ')).join(' | ')}`);
  });
  return violations;
}

