// The Wasm half of `make bench`, in a Web Worker as in the app: the module is loaded the way the
// app's worker loads it, and `check(text, {})` (read, check, and the results built as a JS object)
// is timed with performance.now(). One worker per measurement, so the Wasm memory it reports is
// that measurement's own peak (linear memory only grows).
//
// In:  {module, url, iters, warmup, options?, deliver?}: `options` as the page passes them to check()
//      (an edit is `{overrides: {cell: value}}`); `module` is the glue of one of the app's two Wasm modules,
//      '/www/pkg/core/kiemso.js' (tables only, the first load) or '/www/pkg/kiemso.js' (complete:
//      narrative checks, .docx/.xlsx).
//      `deliver` times the result on its way to the page (bench/wasm-page.mjs), from the start of
//      the check until the page holds it as an object: 'clone' posts check()'s object (a
//      structured clone); 'transfer' posts checkJson()'s bytes without a copy, parsed by the
//      page, as the app's worker does (www/worker.mjs).
// Out: {ok:true, ...figures}  |  {ok:false, error}
//      With `deliver`, `samples` are the times until the page holds the result, `worker` the part
//      spent in the worker (the check, and for 'transfer' the bytes), `page` the rest.

/** @param {string} url */
async function text(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

/** @param {any} outcome */
function counts(outcome) {
  let rows = 0;
  for (const f of outcome.forms) rows += f.rows;
  return { rows, checks: outcome.checks.length, pass: outcome.summary.pass, fail: outcome.summary.fail,
    suggestions: outcome.suggestions?.length ?? 0 };
}

/** The page's answer to a delivered result: when it held it. @type {((at: number) => void) | null} */
let held = null;
const now = () => performance.timeOrigin + performance.now();

/**
 * Checks once and sends the result to the page; resolves with the two parts of the time.
 * @param {any} mod  the module's glue
 * @param {string} input
 * @param {any} options
 * @param {'clone' | 'transfer'} how
 */
async function deliver(mod, input, options, how) {
  const t0 = now();
  /** @type {Promise<number>} */
  const answered = new Promise((resolve) => { held = resolve; });
  let t1;
  if (how === 'transfer') {
    const { json } = mod.checkJson(input, options);
    t1 = now();
    self.postMessage({ type: 'result', json }, [json.buffer]);
  } else {
    const result = mod.check(input, options);
    t1 = now();
    self.postMessage({ type: 'result', result });
  }
  const t2 = await answered;
  return { total: t2 - t0, worker: t1 - t0, page: t2 - t1 };
}

self.addEventListener('message', async (/** @type {MessageEvent} */ event) => {
  const job = event.data;
  if (job.type === 'held') {
    held?.(job.at);
    return;
  }
  try {
    const input = await text(job.url);
    const mod = await import(job.module);
    const { default: init, check } = mod;
    const t0 = performance.now();
    const wasm = await init();
    const initMs = performance.now() - t0;
    const memoryAfterInit = wasm.memory.buffer.byteLength;
    /** @type {number[]} */
    const samples = [];
    /** @type {number[]} */
    const worker = [];
    /** @type {number[]} */
    const page = [];
    let last = null;
    const warmup = job.warmup ?? 0;
    for (let i = 0; i < warmup + job.iters; i++) {
      if (job.deliver) {
        const d = await deliver(mod, input, job.options ?? {}, job.deliver);
        if (i >= warmup) {
          samples.push(d.total);
          worker.push(d.worker);
          page.push(d.page);
        }
        continue;
      }
      const t = performance.now();
      last = check(input, job.options ?? {});
      const dt = performance.now() - t;
      if (i >= warmup) samples.push(dt);
    }
    last ??= check(input, job.options ?? {});
    self.postMessage({
      ok: true,
      samples,
      ...(job.deliver ? { worker, page } : {}),
      bytes: new TextEncoder().encode(input).length,
      initMs,
      memoryAfterInit,
      memoryPeak: wasm.memory.buffer.byteLength,
      ...counts(last),
    });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  }
});
