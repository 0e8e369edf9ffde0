// The Wasm half of `make bench`, in a Web Worker as in the app: the module is loaded the way the
// app's worker loads it, and `check(text, {})` (read, check, and the results built as a JS object)
// is timed with performance.now(). One worker per measurement, so the Wasm memory it reports is
// that measurement's own peak (linear memory only grows).
//
// In:  {module, url, iters, warmup, options?}: `options` as the page passes them to check()
//      (an edit is `{overrides: {cell: value}}`); `module` is the glue of one of the app's two Wasm modules,
//      '/www/pkg/core/kiemso.js' (tables only, the first load) or '/www/pkg/kiemso.js' (complete:
//      narrative checks, .docx/.xlsx).
// Out: {ok:true, ...figures}  |  {ok:false, error}

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

self.addEventListener('message', async (/** @type {MessageEvent} */ event) => {
  const job = event.data;
  try {
    const input = await text(job.url);
    const { default: init, check } = await import(job.module);
    const t0 = performance.now();
    const wasm = await init();
    const initMs = performance.now() - t0;
    const memoryAfterInit = wasm.memory.buffer.byteLength;
    /** @type {number[]} */
    const samples = [];
    let last = null;
    const warmup = job.warmup ?? 0;
    for (let i = 0; i < warmup + job.iters; i++) {
      const t = performance.now();
      last = check(input, job.options ?? {});
      const dt = performance.now() - t;
      if (i >= warmup) samples.push(dt);
    }
    self.postMessage({
      ok: true,
      samples,
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
