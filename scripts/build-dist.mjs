// The app as it is deployed: dist/www/, a copy of www/ with every script and style sheet minified
// by esbuild, one file for one file (no bundling: the module graph, the file names, the service
// worker's list and the content-named Wasm stay as they are). Comments and JSDoc types are for the
// people who read www/; the browsers that load dist/www/ download a third less, which keeps the
// first load within DESIGN's budget (`make bench` measures dist/www/).
//
// Usage: node scripts/build-dist.mjs   (run by scripts/build-wasm.sh after the Wasm is built)

import { transformSync } from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetsScript, assetManifest } from './build-assets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');
const dist = join(root, 'dist', 'www');

/**
 * Every file under `dir`, as paths relative to it.
 * @param {string} dir
 * @returns {string[]}
 */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path).map((p) => join(name, p)) : [name];
  });
}

/**
 * A script or style sheet minified; anything else as it is.
 * @param {string} path  relative to www/
 * @param {Buffer} bytes
 */
function minified(path, bytes) {
  const ext = extname(path);
  if (ext === '.mjs' || ext === '.js') {
    // The service worker is a classic script (importScripts); the rest are ES modules.
    const format = path === 'sw.js' || path === 'sw-assets.js' ? undefined : 'esm';
    return transformSync(bytes.toString('utf8'), { loader: 'js', minify: true, format, target: 'es2022', charset: 'utf8' }).code;
  }
  if (ext === '.css') return transformSync(bytes.toString('utf8'), { loader: 'css', minify: true, charset: 'utf8' }).code;
  return bytes;
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
let before = 0;
let after = 0;
for (const path of walk(www)) {
  // The generated list is made again below for the minified files.
  if (path === 'sw-assets.js') continue;
  const bytes = readFileSync(join(www, path));
  const out = minified(path, bytes);
  mkdirSync(dirname(join(dist, path)), { recursive: true });
  writeFileSync(join(dist, path), out);
  if (/\.(m?js|css)$/.test(path)) {
    before += bytes.length;
    after += Buffer.byteLength(out);
  }
}
writeFileSync(join(dist, 'sw-assets.js'), assetsScript(dist));
console.log(`[build] dist/www: scripts and styles ${Math.round(before / 1024)} KB → ${Math.round(after / 1024)} KB; sw-assets version ${assetManifest(dist).version}`);
