// The page's entry when served (index.html): the checking worker from worker.mjs, the example from
// examples/, and the service worker that keeps a copy for offline use. The single-file build
// (scripts/build-single.mjs) starts the same page with its own entry instead.
//
// Once the page is idle, the service worker is asked to keep the complete module too (narrative,
// Word/Excel files), so the copy never checks less offline than online; the first load does not
// wait for it. `data-offline` on <html> says when that copy is complete.
import { startApp } from './lib/page.mjs';
import { CheckerBridge } from './lib/bridge.mjs';

startApp({
  makeBridge: (onEvent) =>
    new CheckerBridge({
      createWorker: () => new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module', name: 'kiemso' }),
      loadInPage: async () => {
        const mod = await import('./pkg/kiemso.js');
        await mod.default();
        return mod;
      },
      onEvent,
    }),
  loadExample: async () => {
    const response = await fetch(new URL('./examples/khanh-hoa-q3-2024.txt', import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  },
  // The writers of the letter (.docx) and the marked tables (.xlsx): a module of their own,
  // fetched on the first export only (scripts/build-wasm.sh, docs/exports.md).
  loadWriter: async () => {
    const mod = await import('./pkg/export/kiemso.js');
    await mod.default();
    return mod;
  },
  serviceWorker: new URL('./sw.js', import.meta.url).href,
});

if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  const workers = navigator.serviceWorker;
  workers.addEventListener('message', (e) => {
    if (e.data?.type === 'kiemso-kept-complete') document.documentElement.dataset.offline = e.data.kept ? 'complete' : 'partial';
  });
  // Module scripts run before the load event.
  const idle = self.requestIdleCallback ?? ((/** @type {() => void} */ f) => setTimeout(f, 2000));
  addEventListener('load', () => idle(() => workers.ready.then((r) => r.active?.postMessage({ type: 'kiemso-keep-complete' })), { timeout: 10000 }), { once: true });
}
