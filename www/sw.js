// Kiểm số's service worker: keeps a copy of the app (page, scripts, styles, the Wasm module, the
// example) so that after the first visit it opens and checks with the network off.
//
// Network first, cache second: online, every load gets the files as served (so the page, the glue
// and the Wasm module never disagree); offline, the copy from the last visit answers. The cache
// name carries a version: bump VERSION when the list of files changes, and the old cache is
// removed when the new worker takes over.

const VERSION = '5';
const CACHE = `kiemso-${VERSION}`;
const APP_FILES = [
  './',
  'index.html',
  'style.css',
  'app.mjs',
  'worker.mjs',
  'lib/results.css',
  'lib/bridge.mjs',
  'lib/clipboard.mjs',
  'lib/dom.mjs',
  'lib/engine.mjs',
  'lib/exports.mjs',
  'lib/files.mjs',
  'lib/i18n.mjs',
  'lib/model.mjs',
  'lib/narrative.mjs',
  'lib/page.mjs',
  'lib/render.mjs',
  'lib/storage.mjs',
  // The small first module (tables only), and the glue of the complete one. The complete module's
  // Wasm is not fetched with the page (it would break the first-load budget): the worker fetches
  // it when a file is opened or a narrative is pasted, and the copy made then serves offline.
  'pkg/core/kiemso.js',
  'pkg/core/kiemso_bg.wasm',
  'pkg/kiemso.js',
  'examples/khanh-hoa-q3-2024.txt',
];

/** @type {any} */
const sw = self;

sw.addEventListener('install', (/** @type {any} */ event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `cache: 'no-cache'` revalidates with the server, so the copy is what the server has now,
      // without downloading again what the page has just loaded (the server answers 304).
      await cache.addAll(APP_FILES.map((f) => new Request(new URL(f, sw.registration.scope), { cache: 'no-cache' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (/** @type {any} */ event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('kiemso-') && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (/** @type {any} */ event) => {
  const request = /** @type {Request} */ (event.request);
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  event.respondWith(networkFirst(request));
});

/**
 * @param {Request} request
 * @returns {Promise<Response>}
 */
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    if (request.mode === 'navigate') {
      const page = await cache.match(new URL('index.html', sw.registration.scope));
      if (page) return page;
    }
    throw error;
  }
}
