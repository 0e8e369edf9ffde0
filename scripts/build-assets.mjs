// Names and lists the page's assets by their content, so that what a browser keeps is always one
// whole release:
//   - each Wasm module becomes `kiemso_bg.<hash>.wasm`, and its glue loads that name and exports
//     it (`wasmFile`): a glue never runs the Wasm of another build, online or from a cache;
//   - `sw-assets.js` lists every file the service worker keeps, each with its SHA-256 (the first
//     64 bits: enough to tell releases apart, and the list is part of the first load), and a
//     VERSION made of them all, so any change to any of them is a new cache, and the service
//     worker keeps a file only when it has the content listed.
//
// Usage: node scripts/build-assets.mjs [--www DIR]   (run by scripts/build-wasm.sh; DIR is www/)
// scripts/serve.mjs serves `sw-assets.js` from `assetsScript()` directly, so that editing a page
// file while developing never leaves a stale list behind.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The module directories of scripts/build-wasm.sh: the small first one, the complete one, and the
 * one with the writers of the exported documents (fetched when a document is asked for).
 */
export const PKG_DIRS = ['pkg/core', 'pkg', 'pkg/export'];
const WASM_RE = /^kiemso_bg(?:\.[0-9a-f]{16})?\.wasm$/;

/** How much of each file's SHA-256 (hex) the list holds: 64 bits. */
const LISTED_HASH_CHARS = 16;

/** @param {Buffer | string} data */
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * The Wasm file of a module directory (`kiemso_bg.wasm` before naming, `kiemso_bg.<hash>.wasm`
 * after), or null when the directory has none.
 * @param {string} dir
 */
export function wasmFileIn(dir) {
  if (!existsSync(dir)) return null;
  const found = readdirSync(dir).filter((f) => WASM_RE.test(f));
  if (found.length > 1) throw new Error(`${dir}: several Wasm files (${found.join(', ')}): rebuild with scripts/build-wasm.sh`);
  return found[0] ?? null;
}

/**
 * Renames a module's Wasm by its content and points its glue at it. Safe to run again.
 * @param {string} dir  a directory with `kiemso.js` and its Wasm
 */
export function nameWasm(dir) {
  const current = wasmFileIn(dir);
  if (!current) throw new Error(`${dir}: no Wasm module: run scripts/build-wasm.sh`);
  const named = `kiemso_bg.${sha256(readFileSync(join(dir, current))).slice(0, 16)}.wasm`;
  if (named !== current) renameSync(join(dir, current), join(dir, named));
  const gluePath = join(dir, 'kiemso.js');
  let glue = readFileSync(gluePath, 'utf8');
  const exported = /^export const wasmFile = '[^']*';$/m;
  if (exported.test(glue)) {
    glue = glue.replace(exported, `export const wasmFile = '${named}';`);
  } else {
    const fetchDefault = "new URL('kiemso_bg.wasm', import.meta.url)";
    if (!glue.includes(fetchDefault)) throw new Error(`${gluePath}: the glue's Wasm URL was not found (wasm-bindgen changed?)`);
    glue = glue.replace(fetchDefault, 'new URL(wasmFile, import.meta.url)');
    glue += `\n/** This glue's own Wasm, named by its content (scripts/build-assets.mjs). */\nexport const wasmFile = '${named}';\n`;
  }
  writeFileSync(gluePath, glue);
  return named;
}

/** The single-file build the page offers for download (scripts/build-single.mjs). */
export const SINGLE_FILE = 'kiemso.html';

/**
 * What the service worker keeps: `files` at install; `lazy`, not part of the first load: the
 * complete module's Wasm (fetched in the background once the page is idle, or when first needed)
 * and the single-file build (kept when downloaded). Paths are relative to www/; './' is the page.
 * @param {string} www
 * @returns {{ version: string, files: Record<string, string>, lazy: Record<string, string> }}
 */
export function assetManifest(www) {
  const hashOf = (/** @type {string} */ path) => sha256(readFileSync(join(www, path))).slice(0, LISTED_HASH_CHARS);
  /** @type {string[]} */
  const app = ['index.html', 'style.css', 'print.css', 'app.mjs', 'worker.mjs'];
  for (const f of readdirSync(join(www, 'lib')).sort()) if (/\.(mjs|css)$/.test(f)) app.push(`lib/${f}`);
  for (const f of readdirSync(join(www, 'examples')).sort()) if (f.endsWith('.txt')) app.push(`examples/${f}`);
  /** @type {string[]} */
  const lazy = [];
  for (const dir of PKG_DIRS) {
    const wasm = wasmFileIn(join(www, dir));
    if (!wasm || !existsSync(join(www, dir, 'kiemso.js'))) continue;
    // The writers' module is fetched whole (glue and Wasm) on the first export only: until then
    // neither is kept, so an unused glue never sits in the cache without its Wasm.
    (dir === 'pkg/export' ? lazy : app).push(`${dir}/kiemso.js`);
    // The small module starts with the page; the complete one is fetched when first needed.
    (dir === 'pkg/core' ? app : lazy).push(`${dir}/${wasm}`);
  }
  if (existsSync(join(www, SINGLE_FILE))) lazy.push(SINGLE_FILE);
  /** @type {Record<string, string>} */
  const files = { './': hashOf('index.html') };
  for (const f of app) files[f] = hashOf(f);
  /** @type {Record<string, string>} */
  const lazyFiles = {};
  for (const f of lazy) lazyFiles[f] = hashOf(f);
  const all = Object.entries({ ...files, ...lazyFiles }).map(([p, h]) => `${p} ${h}\n`).join('');
  return { version: sha256(all).slice(0, 16), files, lazy: lazyFiles };
}

/**
 * The text of `sw-assets.js`, read by the service worker with importScripts.
 * @param {string} www
 */
export function assetsScript(www) {
  const manifest = assetManifest(www);
  return `// Generated by scripts/build-assets.mjs from the files' contents: do not edit.\nself.KIEMSO_ASSETS = ${JSON.stringify(manifest)};\n`;
}

function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--www');
  const here = dirname(fileURLToPath(import.meta.url));
  const www = resolve(at >= 0 ? args[at + 1] : join(here, '..', 'www'));
  for (const dir of PKG_DIRS) {
    const named = nameWasm(join(www, dir));
    console.log(`[build] ${dir}/${named}`);
  }
  writeFileSync(join(www, 'sw-assets.js'), assetsScript(www));
  console.log(`[build] sw-assets.js: version ${assetManifest(www).version}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
