// Runs one measurement in a fresh module worker (bench/wasm-worker.mjs) and returns its figures.
// With `job.deliver` the worker also sends each result here, as the app's worker sends its reply
// to the page; this page answers when it holds the result as an object (bench/wasm-worker.mjs).
/** @param {{cmd:string, url:string, iters:number, warmup?:number, deliver?: 'clone' | 'transfer'}} job */
function runBench(job) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./wasm-worker.mjs', import.meta.url), { type: 'module' });
    /** @type {any} */
    let keep = null;
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === 'result') {
        // A structured clone arrives as the object itself; a transfer as JSON bytes to parse.
        keep = msg.json ? JSON.parse(new TextDecoder().decode(msg.json)) : msg.result;
        worker.postMessage({ type: 'held', at: performance.timeOrigin + performance.now(), checks: keep.checks.length });
        return;
      }
      keep = null;
      worker.terminate();
      if (msg.ok) resolve(msg);
      else reject(new Error(msg.error));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`worker error: ${event.message}`));
    };
    worker.postMessage(job);
  });
}
/** @type {any} */ (window).runBench = runBench;
document.documentElement.dataset.ready = '1';
