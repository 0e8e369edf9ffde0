// Builds the whole app as one self-contained HTML file that works when opened from disk (file://)
// with no network: scripts, styles, the Wasm module and the example report inlined, the checking
// worker started from a Blob URL (or the check run in the page when a worker cannot start there),
// and its own Content-Security-Policy that still forbids any network.
//
// Usage: node scripts/build-single.mjs [--out dist/kiemso.html]   (after bash scripts/build-wasm.sh)
// scripts/build-wasm.sh also writes www/kiemso.html: the page offers it for download («Tải bản
// dùng không cần mạng») and the service worker keeps it.
//
// Linked by esbuild (a bundler, not a hand-written linker): any ES module form works, dynamic
// import() included (bundled inline). The Wasm goes in through esbuild's `binary` loader, so the
// bytes are decoded once, when first asked for.
//
// Two Wasm modules: the complete one, which checks (the page's small first-load module exists to
// keep a download small, and here nothing is downloaded; inlining it too would only add its
// size), and the writers' module (www/pkg/export/), so that the letter, the marked tables and the
// annotated original can be written with no network too. Its bytes are decoded only on the first
// export; it makes the file about 2.5 times as large (docs/exports.md).

import { build } from 'esbuild';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { wasmFileIn } from './build-assets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const www = join(root, 'www');

/** @param {string} p */
const rel = (p) => relative(root, p) || p;

/** @param {string} s */
const sha256 = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/**
 * Makes script text safe inside <script>…</script>.
 * @param {string} js
 */
function scriptSafe(js) {
  if (/<!--/.test(js)) throw new Error('a script contains "<!--", which cannot be inlined safely');
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

/**
 * One bundled script, from an entry module's source written in www/ (its imports resolve there).
 * @param {string} source
 * @param {import('esbuild').BuildOptions} options
 */
async function bundle(source, options) {
  const result = await build({
    stdin: { contents: source, resolveDir: www, sourcefile: 'single-entry.mjs', loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    loader: { '.wasm': 'binary', '.txt': 'text' },
    logLevel: 'silent',
    ...options,
  });
  return result.outputFiles[0].text;
}

/**
 * The single-file HTML as a string.
 * @returns {Promise<string>}
 */
export async function buildSingle() {
  // The complete module's Wasm, named by its content (scripts/build-assets.mjs): the one its glue,
  // bundled below, was built with.
  const wasmFile = wasmFileIn(join(www, 'pkg'));
  if (!wasmFile) throw new Error('www/pkg/kiemso_bg.*.wasm is missing: run `bash scripts/build-wasm.sh` first');
  const glue = await readFile(join(www, 'pkg', 'kiemso.js'), 'utf8');
  if (!glue.includes(`export const wasmFile = '${wasmFile}';`)) throw new Error(`www/pkg/kiemso.js was not built with ${wasmFile}: run \`bash scripts/build-wasm.sh\``);
  const writerFile = wasmFileIn(join(www, 'pkg', 'export'));
  if (!writerFile) throw new Error('www/pkg/export/kiemso_bg.*.wasm is missing: run `bash scripts/build-wasm.sh` first');

  // Chromium refuses module workers from Blob URLs on file:// (opaque origin), but starts classic
  // ones: the worker is bundled as a classic script, and `import.meta.url` (the glue's default
  // Wasm URL, unused here since the bytes are passed in) becomes the worker's own URL.
  const workerJs = scriptSafe(await bundle("import './worker.mjs';", { format: 'iife', define: { 'import.meta.url': 'self.location.href' } }));

  // The page's entry for the single file: the same page, with everything it would fetch inlined.
  const entry = `
import { startApp } from './lib/page.mjs';
import { CheckerBridge } from './lib/bridge.mjs';
import WASM from './pkg/${wasmFile}';
import WRITER_WASM from './pkg/export/${writerFile}';
import * as writer from './pkg/export/kiemso.js';
import EXAMPLE from './examples/khanh-hoa-q3-2024.txt';

const WORKER_SOURCE = ${JSON.stringify(workerJs)};
let workerUrl = '';

document.documentElement.dataset.build = 'single';
startApp({
  makeBridge: (onEvent) =>
    new CheckerBridge({
      createWorker: () => {
        workerUrl = workerUrl || URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
        return new Worker(workerUrl, { name: 'kiemso' });
      },
      wasmBytes: () => WASM,
      loadInPage: async () => {
        const kiemso = await import('./pkg/kiemso.js');
        await kiemso.default({ module_or_path: WASM });
        return kiemso;
      },
      startTimeoutMs: 8000,
      onEvent,
    }),
  loadExample: async () => EXAMPLE,
  loadWriter: async () => {
    await writer.default({ module_or_path: WRITER_WASM });
    return writer;
  },
});
`;
  const appJs = scriptSafe(await bundle(entry, { format: 'esm' }));
  if (/\bimport\s*\(/.test(appJs)) throw new Error('the page bundle still loads a module at run time');
  const css = [await readFile(join(www, 'style.css'), 'utf8'), await readFile(join(www, 'lib', 'results.css'), 'utf8'), await readFile(join(www, 'print.css'), 'utf8'), await readFile(join(www, 'lib', 'meeting.css'), 'utf8')].join('\n');
  if (/<\/style/i.test(css)) throw new Error('CSS contains "</style"');

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(appJs)} 'wasm-unsafe-eval'`,
    'worker-src blob:',
    `style-src ${sha256(css)}`,
    'img-src data:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  let html = await readFile(join(www, 'index.html'), 'utf8');
  const replaceOnce = (/** @type {RegExp} */ re, /** @type {string} */ by, /** @type {string} */ what) => {
    if (!re.test(html)) throw new Error(`index.html: ${what} not found`);
    html = html.replace(re, () => by);
  };
  replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'CSP meta');
  replaceOnce(/\s*<link rel="stylesheet" href="style.css">\s*<link rel="stylesheet" href="lib\/results.css">\s*<link rel="stylesheet" href="print.css">/, `\n  <style data-all-styles>${css}</style>`, 'stylesheet links');
  replaceOnce(/\s*<script type="module" src="app.mjs"><\/script>/, '', 'app script');
  // This file is the offline version: it does not offer itself for download.
  replaceOnce(/\s*<!-- offline-download -->[\s\S]*?<!-- \/offline-download -->/, '', 'offline download link');
  replaceOnce(/<\/body>/, `<script type="module">${appJs}</script>\n</body>`, '</body>');
  if (/\s(?:src|href)="(?!data:|#)[^"]+"/.test(html.replace(/<script type="module">[\s\S]*<\/script>/, ''))) {
    throw new Error('the single file still refers to another file');
  }
  return html;
}

async function main() {
  const args = process.argv.slice(2);
  const outArg = args.indexOf('--out');
  const out = resolve(root, outArg >= 0 ? args[outArg + 1] : 'dist/kiemso.html');
  const html = await buildSingle();
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, html);
  const size = Buffer.byteLength(html);
  console.log(`[build] ${rel(out)}: ${(size / 1024).toFixed(0)} KB, ${(gzipSync(html, { level: 9 }).length / 1024).toFixed(0)} KB gzipped`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`[build] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
