// Runs one measurement in a fresh module worker (bench/wasm-worker.mjs) and returns its figures.
/** @param {{cmd:string, url:string, iters:number, warmup?:number}} job */
function runBench(job) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./wasm-worker.mjs', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data);
      else reject(new Error(event.data.error));
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
