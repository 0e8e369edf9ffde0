// The browser half of `make bench`: headless Chromium (the system's, no download) measures
//  - parse + check of the seed in the Wasm module inside a Web Worker (bench/wasm.html),
//  - what error localisation costs: the seed with a one-typo edit, checked with and without it,
//  - the generated tables at each size: time and Wasm linear memory,
//  - the real app (www/index.html): what its first load downloads, raw and gzipped, and the time
//    from a paste to the results painted.
// Figures only, no assertions; any failure exits non-zero.
//
// Usage: node bench/browser.mjs --out bench/out [--quick] [--rows 1000,10000,100000] [--wasm-only]
//                                [--locate-only] [--deliver-only] [--batch]
//   --wasm-only    only the Wasm figures, printed as JSON (for trying a change; nothing written)
//   --locate-only  only the cost of error localisation, printed as JSON
//   --deliver-only the largest table (--rows) checked and handed to the page, both ways
//                  (deliveryCost), printed as JSON
//   --batch        200 seed-sized unit reports (the 25 of tests/fixtures/units/q3-2024, 8 times)
//                  checked and consolidated in one call of the export module, as the page's inbox
//                  does (www/lib/inbox.mjs); printed as JSON
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const quick = args.includes('--quick');
const repo = fileURLToPath(new URL('..', import.meta.url));
const out = opt('--out', join(repo, 'bench', 'out'));
const sizes = opt('--rows', '1000,10000,100000').split(',').map(Number);
const SEED = 'www/examples/khanh-hoa-q3-2024.txt';
// The app's two Wasm modules (scripts/build-wasm.sh): tables only (first load), and complete
// (narrative checks, .docx/.xlsx; fetched when a narrative is pasted or a file opened).
// KIEMSO_BENCH_CORE: another build of the first-load module served under www/ (its glue's
// path), to weigh two builds against each other in one session.
const CORE = process.env.KIEMSO_BENCH_CORE ?? '/www/pkg/core/kiemso.js';
const COMPLETE = '/www/pkg/kiemso.js';
// The app as deployed (scripts/build-dist.mjs: www/ minified), when it has been built.
const APP = existsSync(join(repo, 'dist', 'www', 'index.html')) ? 'dist/www/' : 'www/';
const log = (/** @type {string} */ m) => process.stderr.write(`[bench] browser: ${m}\n`);

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run',
];

/** Serves the repository with scripts/serve.mjs (the app's own headers) on a free port. */
function serve() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repo, 'scripts', 'serve.mjs'), '--root', repo, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/http:\/\/localhost:(\d+)\//);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}/` });
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
    child.on('error', reject);
  });
}

/** @param {number[]} xs */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median_ms: median, p95_ms: s[Math.max(1, Math.ceil(n * 0.95)) - 1], min_ms: s[0], iters: n };
}

/** @param {import('playwright-core').Page} page @param {object} job */
async function runInWorker(page, job) {
  return page.evaluate((j) => /** @type {any} */ (window).runBench(j), job);
}

async function wasmBenchmarks(browser, base) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(`${base}bench/wasm.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1');

  const iters = quick ? 50 : 1000;
  const seedIn = async (/** @type {string} */ module) => {
    log(`seed report × ${iters} in a worker, ${module}`);
    const r = await runInWorker(page, { module, url: `/${SEED}`, iters, warmup: quick ? 10 : 100 });
    return { ...stats(r.samples), bytes: r.bytes, checks: r.checks, init_ms: r.initMs };
  };
  // The seed has a narrative: the app checks it with the complete module.
  const result = { seed: await seedIn(COMPLETE), seedCore: await seedIn(CORE), locate: await locateCost(page), scaling: [] };
  for (const n of sizes) {
    const runs = Math.max(1, Math.min(quick ? 3 : 20, Math.round((quick ? 20_000 : 200_000) / n)));
    log(`${n} rows × ${runs} in a fresh worker, ${CORE}`);
    // Tables without a narrative: the app checks them with the first-load module.
    const r = await runInWorker(page, { module: CORE, url: '/bench/out/table-' + n + '.tsv', iters: runs, warmup: 0 });
    if (r.rows !== n) throw new Error(`table-${n}: the Wasm read ${r.rows} rows`);
    result.scaling.push({
      size: n, ...stats(r.samples), rows: r.rows, checks: r.checks, pass: r.pass,
      memory_after_init: r.memoryAfterInit, memory_peak: r.memoryPeak,
    });
  }
  result.delivery = await deliveryCost(page, Math.max(...sizes));
  // The wide table (units × 12 measures): grids are read by the complete module (the first-load
  // one sets them aside for it).
  {
    const runs = quick ? 2 : 10;
    log(`the wide table × ${runs} in a fresh worker, ${COMPLETE}`);
    const r = await runInWorker(page, { module: COMPLETE, url: '/bench/out/grid.tsv', iters: runs, warmup: 0 });
    result.grid = { ...stats(r.samples), rows: r.rows, checks: r.checks, pass: r.pass, memory_peak: r.memoryPeak };
  }
  await page.close();
  return result;
}

/**
 * What error localisation (src/locate.rs) costs in the complete module: the seed with the issue's
 * one-typo edit (B03/3.1.2 66.687 → 66.867, an override as the page sends an edit) checked with
 * and without it (`skipLocate`, for the benchmark only), alternated in rounds so a busy spell of
 * the shared machine weighs on both; the medians and their ratio. Also the seed as it is.
 * @param {import('playwright-core').Page} page
 */
async function locateCost(page) {
  const iters = quick ? 40 : 200;
  const rounds = 5;
  const median = (/** @type {number[]} */ xs) => stats(xs).median_ms;
  /** @param {Record<string, string>} overrides */
  const pair = async (overrides) => {
    /** @type {number[]} */ const withL = [];
    /** @type {number[]} */ const without = [];
    let seen = null;
    for (let r = 0; r < rounds; r++) {
      for (const [skip, into] of /** @type {const} */ ([[false, withL], [true, without]])) {
        const run = await runInWorker(page, {
          module: COMPLETE, url: `/${SEED}`, iters: iters / rounds, warmup: quick ? 5 : 20,
          options: { overrides, skipLocate: skip },
        });
        into.push(median(run.samples));
        if (!skip) seen = { fail: run.fail, suggestions: run.suggestions };
      }
    }
    const w = median(withL);
    const wo = median(without);
    return { with_ms: w, without_ms: wo, added_ms: w - wo, added_percent: (w / wo - 1) * 100, iters, ...seen };
  };
  log(`error localisation: the seed with one typo, with and without, × ${iters} each`);
  const typo = await pair({ 'B03/3.1.2': '66.867' });
  if (!typo.suggestions) throw new Error('the typo edit got no suggestion: localisation did not run');
  log(`error localisation: the seed as it is, with and without, × ${iters} each`);
  return { typo: { cell: 'B03/3.1.2', value: '66.867', ...typo }, seed: await pair({}) };
}

/**
 * A large table checked in the first-load module's worker and handed to the page, as the app
 * does: `check()`'s object posted (a structured clone: how the app's worker answered until
 * 3 December 2026), against `checkJson()`'s bytes transferred and parsed by the page (how it
 * answers now). Alternated in rounds, a fresh worker each, so a busy spell weighs on both; the
 * medians of every run, split into the worker's part (the check, and the bytes or the object
 * made) and the page's (receiving, and for bytes the parse). Also `check()` alone, as `scaling`
 * times it.
 * @param {import('playwright-core').Page} page
 * @param {number} n  rows (bench/out/table-N.tsv)
 */
async function deliveryCost(page, n) {
  const rounds = quick ? 1 : 3;
  const iters = quick ? 1 : 2;
  /** @type {Record<string, {total: number[], worker: number[], page: number[]}>} */
  const runs = { check: { total: [], worker: [], page: [] }, clone: { total: [], worker: [], page: [] }, transfer: { total: [], worker: [], page: [] } };
  log(`${n} rows checked and handed to the page, ${rounds} rounds × ${iters}, ${CORE}`);
  for (let r = 0; r < rounds; r++) {
    for (const how of /** @type {const} */ (['check', 'clone', 'transfer'])) {
      const run = await runInWorker(page, {
        module: CORE, url: `/bench/out/table-${n}.tsv`, iters, warmup: 0,
        ...(how === 'check' ? {} : { deliver: how }),
      });
      runs[how].total.push(...run.samples);
      runs[how].worker.push(...(run.worker ?? []));
      runs[how].page.push(...(run.page ?? []));
    }
  }
  const median = (/** @type {number[]} */ xs) => (xs.length ? stats(xs).median_ms : null);
  /** @type {Record<string, any>} */
  const out = { rows: n, runs: rounds * iters };
  for (const [how, r] of Object.entries(runs)) out[how] = { total_ms: median(r.total), worker_ms: median(r.worker), page_ms: median(r.page) };
  return out;
}

/** Waits until the app's checking engine (its worker and Wasm) is ready. */
async function appReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 30_000 });
}

/**
 * Everything the app downloads on a first visit (fresh profile, no cache), from the requests the
 * browser made: the page, its scripts and styles, the worker, the Wasm module, the service worker
 * script… Each URL counts once, raw and gzipped (-9, what a static server would send). The service
 * worker's offline copy (every file fetched again in the background to work offline) is reported
 * apart, as it is the same files a second time.
 */
async function firstLoad(browser, base) {
  const context = await browser.newContext();
  /** @type {Map<string, {type: string}>} */
  const pageUrls = new Map();
  /** @type {string[]} */
  const offlineCopy = [];
  /** Page requests that went to the network themselves (not through the service worker). */
  /** @type {string[]} */
  const direct = [];
  /** @type {Map<string, Buffer>} */
  const bodies = new Map();
  const pending = [];
  /** What the page fetches later, on demand (the complete module, when a narrative is pasted). */
  /** @type {Set<string>} */
  const demandUrls = new Set();
  let loaded = false;
  context.on('request', (request) => {
    // The service worker's own script is part of the page; what it fetches (its offline copy, and
    // the page's requests it forwards to the network) is counted as network traffic below.
    if (request.serviceWorker() && request.resourceType() === 'fetch') {
      if (!loaded) offlineCopy.push(request.url());
    } else if (loaded) {
      if (!pageUrls.has(request.url())) demandUrls.add(request.url());
    } else if (!pageUrls.has(request.url())) pageUrls.set(request.url(), { type: request.resourceType() });
  });
  context.on('response', (response) => {
    // A page request answered by the service worker did not itself cross the network.
    if (!loaded && !response.request().serviceWorker() && !response.fromServiceWorker()) direct.push(response.url());
    pending.push(response.body().then((b) => {
      if (response.status() === 200 && b.length > 0) bodies.set(response.url(), b);
    }, () => {}));
  });
  const page = await context.newPage();
  await page.goto(`${base}${APP}`, { waitUntil: 'load' });
  await appReady(page);
  await page.waitForLoadState('networkidle');
  // The service worker installs after load: wait until its offline copy is done.
  await page.evaluate(async () => {
    if ('serviceWorker' in navigator && (await navigator.serviceWorker.getRegistration())) await navigator.serviceWorker.ready;
  });
  await page.waitForLoadState('networkidle');
  // Then what is fetched on demand: paste the seed (it has a narrative) and wait for its results.
  loaded = true;
  const seed = await readFile(join(repo, SEED), 'utf8');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, seed);
  await page.waitForFunction(() => document.getElementById('results')?.dataset.state === 'done', null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  await Promise.all(pending);
  await context.close();
  // Bodies the browser does not expose (those the service worker fetched) are read from the server.
  const body = async (/** @type {string} */ url) => {
    if (!bodies.has(url)) {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      bodies.set(url, Buffer.from(await res.arrayBuffer()));
    }
    return /** @type {Buffer} */ (bodies.get(url));
  };
  const sized = async (/** @type {string} */ url) => {
    const b = await body(url);
    return { path: new URL(url).pathname, bytes: b.length, gzip: gzipSync(b, { level: 9 }).length };
  };
  const files = await Promise.all([...pageUrls.keys()].map(sized));
  // Everything that crossed the network during the first load: the page's own requests that did
  // not go through the service worker, and every request the service worker made.
  const network = await Promise.all([...direct, ...offlineCopy].map(sized));
  const demand = await Promise.all([...demandUrls].filter((u) => !u.includes('/examples/')).map(sized));
  // A lazily loaded spreadsheet reader, if the app has one as a module of its own.
  const isSheetReader = (/** @type {{path: string}} */ f) => /xlsx|sheet|spreadsheet/i.test(f.path);
  const sum = (/** @type {typeof files} */ fs) => ({
    requests: fs.length,
    bytes: fs.reduce((a, f) => a + f.bytes, 0),
    gzip: fs.reduce((a, f) => a + f.gzip, 0),
  });
  const kindOf = (/** @type {string} */ path) => (path.endsWith('.wasm') ? 'wasm' : /\.m?js$/.test(path) ? 'js'
    : path.endsWith('.css') ? 'css' : path.endsWith('/') || path.endsWith('.html') ? 'html' : 'other');
  /** @type {Record<string, {requests: number, bytes: number, gzip: number}>} */
  const byKind = {};
  for (const kind of new Set(files.map((f) => kindOf(f.path)))) {
    byKind[kind] = sum(files.filter((f) => kindOf(f.path) === kind && !isSheetReader(f)));
  }
  return {
    total: sum(files.filter((f) => !isSheetReader(f))),
    sheetReader: sum(files.filter(isSheetReader)),
    onDemand: { ...sum(demand), files: demand },
    byKind,
    network: sum(network),
    files,
  };
}

/**
 * From a paste to the results painted, in the real app: a synthetic `paste` event carrying the
 * seed as text/plain is dispatched on the page (the app checks it in its worker and renders), and
 * the clock stops in the first animation frame after the results are in the DOM (`#results`
 * switches to data-state="done" once the tables and checks are rendered).
 */
async function pasteToPaint(browser, base, text, iters) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`app page error: ${e.message}`));
  await page.goto(`${base}${APP}`);
  await appReady(page);
  /** @type {{dom: number, frame: number, checks: number}[]} */
  const runs = [];
  for (let i = 0; i < iters; i++) {
    runs.push(await page.evaluate((seed) => new Promise((resolve, reject) => {
      const results = /** @type {HTMLElement} */ (document.getElementById('results'));
      const timer = setTimeout(() => reject(new Error(`no results after 30 s (state ${results.dataset.state})`)), 30_000);
      const observer = new MutationObserver(() => {
        if (results.dataset.state !== 'done') return;
        observer.disconnect();
        const dom = performance.now() - t0;
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve({ dom, frame: performance.now() - t0, checks: document.querySelectorAll('#results [data-cell], #results tr').length });
        });
      });
      observer.observe(results, { attributes: true, attributeFilter: ['data-state'] });
      const data = new DataTransfer();
      data.setData('text/plain', seed);
      const t0 = performance.now();
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }), text));
  }
  await context.close();
  if (runs.some((r) => r.checks === 0)) throw new Error('the app showed no results after a paste');
  const [first, ...rest] = runs;
  return { first_ms: first.frame, ...stats(rest.map((r) => r.frame)), dom_median_ms: stats(rest.map((r) => r.dom)).median_ms };
}

async function appBenchmarks(browser, base) {
  if (!existsSync(join(repo, 'www', 'index.html'))) {
    log('www/index.html is missing: the app measurements are skipped');
    return null;
  }
  log('first load of the app');
  const load = await firstLoad(browser, base);
  const iters = quick ? 5 : 40;
  log(`paste → results painted × ${iters}`);
  const seed = await readFile(join(repo, SEED), 'utf8');
  return { load, paste: await pasteToPaint(browser, base, seed, iters) };
}

/**
 * The page's inbox at scale: 200 unit reports (the 25 synthetic units, 8 times over) read,
 * identified, checked and consolidated by the export module's `consolidateReports` in the page's
 * main thread, as www/lib/inbox.mjs calls it; then `checkReports` alone. Wasm linear memory and
 * the JS heap after.
 */
/**
 * CPU seconds used so far by the browser's processes (Linux /proc: user + system of the browser
 * and every descendant: the renderer runs the Wasm). On a machine shared with other work the
 * wall clock measures the queue as much as the code; the CPU time does not.
 * @param {number} root  the process the browser was launched from (this one: not counted)
 * @param {number} [skip]  a child not to count (the server)
 */
function cpuSeconds(root, skip) {
  const fs = require('node:fs');
  /** @type {Map<number, { ppid: number, cpu: number }>} */
  const procs = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / 100 });
    } catch {
      // Gone meanwhile.
    }
  }
  const inTree = (/** @type {number} */ pid) => {
    for (let p = pid, n = 0; p > 1 && n < 20; p = procs.get(p)?.ppid ?? 0, n++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, p] of procs) if (pid !== root && pid !== skip && inTree(pid)) total += p.cpu;
  return total;
}

async function batchBenchmarks(browser, base, pid, serverPid) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(`${base}bench/wasm.html`);
  const dir = 'tests/fixtures/units/q3-2024';
  const names = (await import('node:fs')).readdirSync(join(repo, dir)).filter((n) => n.endsWith('.txt')).sort();
  const iters = quick ? 3 : 10;
  log(`200 reports checked and consolidated × ${iters}, /www/pkg/export/kiemso.js`);
  await page.evaluate(async () => {
    const mod = await import('/www/pkg/export/kiemso.js');
    await mod.default();
  });
  /** @param {'consolidateReports' | 'checkReports'} what */
  const measure = async (what) => {
    const before = cpuSeconds(pid, serverPid);
    const r = await page.evaluate(async ({ dir, names, iters, what }) => {
      const mod = await import('/www/pkg/export/kiemso.js');
      const wasm = await mod.default();
      const texts = await Promise.all(names.map(async (n) => new Uint8Array(await (await fetch(`/${dir}/${n}`)).arrayBuffer())));
      const files = Array.from({ length: 8 }, (_, k) => names.map((n, i) => ({ name: `${k}/${n}`, bytes: texts[i] }))).flat();
      /** @type {number[]} */
      const samples = [];
      let last;
      for (let k = 0; k < iters; k++) {
        const t = performance.now();
        last = what === 'checkReports' ? mod.checkReports(files, {}) : mod.consolidateReports(files, null, {});
        samples.push(performance.now() - t);
      }
      return {
        samples, reports: last.summary.reports, units: last.consolidated?.units.length ?? null,
        json_bytes: JSON.stringify(last).length, wasm_memory: wasm.memory.buffer.byteLength,
        js_heap: /** @type {any} */ (performance).memory?.usedJSHeapSize ?? null,
      };
    }, { dir, names, iters, what });
    // The fetches and the start are a small part of `iters` calls; counted all the same.
    return { ...r, cpu_s: (cpuSeconds(pid, serverPid) - before) / iters };
  };
  const consolidated = await measure('consolidateReports');
  const checked = await measure('checkReports');
  await page.close();
  if (consolidated.reports !== 200) throw new Error(`the batch read ${consolidated.reports} reports`);
  return {
    reports: consolidated.reports, units_consolidated: consolidated.units,
    checked_and_consolidated: { ...stats(consolidated.samples), cpu_s_per_call: consolidated.cpu_s },
    checked_only: { ...stats(checked.samples), cpu_s_per_call: checked.cpu_s },
    json_bytes: consolidated.json_bytes,
    wasm_memory_bytes: Math.max(consolidated.wasm_memory, checked.wasm_memory), js_heap_bytes: consolidated.js_heap,
  };

}

const { child, base } = await serve();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  if (args.includes('--batch')) {
    // Chromium is this process's child: its CPU is that of our descendants but the server.
    const pid = process.pid;
    console.log(JSON.stringify({ chromium: browser.version(), load_average: (await import('node:os')).loadavg(), ...(await batchBenchmarks(browser, base, pid, child.pid)) }, null, 2));
  } else if (args.includes('--wasm-only')) {
    // Printed, not written; the server and the browser are closed below like in a full run.
    console.log(JSON.stringify(await wasmBenchmarks(browser, base), null, 2));
  } else if (args.includes('--locate-only')) {
    const page = await browser.newPage();
    await page.goto(`${base}bench/wasm.html`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
    console.log(JSON.stringify(await locateCost(page), null, 2));
    await page.close();
  } else if (args.includes('--deliver-only')) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`${base}bench/wasm.html`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
    const { loadavg } = await import('node:os');
    console.log(JSON.stringify({ load_average: loadavg(), ...(await deliveryCost(page, Math.max(...sizes))) }, null, 2));
    await page.close();
  } else if (args.includes('--load-only')) {
    // What the first visit downloads, file by file: to weigh a change against the budget.
    console.log(JSON.stringify(await firstLoad(browser, base), null, 2));
  } else {
    const result = {
      chromium: browser.version(),
      served: APP,
      wasm: await wasmBenchmarks(browser, base),
      app: await appBenchmarks(browser, base),
    };
    await writeFile(join(out, 'browser.json'), JSON.stringify(result, null, 2));
  }
} finally {
  await browser.close();
  child.kill();
}
