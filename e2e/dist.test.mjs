// The app as deployed (dist/www/: www/ with its scripts and styles minified by
// scripts/build-dist.mjs, which scripts/build-wasm.sh runs): it must work exactly like the sources.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { startServer, launch, ROOT, SEED, SCREENSHOTS, assertSeedCounts, openApp, paste, after, cellsMarked } from './helpers.mjs';

const DIST = join(ROOT, 'dist', 'www');
const env = /** @type {any} */ ({});
before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), 'dist/www is missing: run scripts/build-wasm.sh');
  env.server = await startServer(DIST);
  env.browser = await launch();
});
afterAll(async () => {
  await env.browser?.close();
  env.server?.close();
});

test('the minified app checks the seed and a grid like the sources do', async () => {
  // Minified indeed: no comment survives in the page's main module.
  assert.doesNotMatch(readFileSync(join(DIST, 'lib', 'render.mjs'), 'utf8'), /\/\*\*|^\s*\/\//m);
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  assertSeedCounts(/** @type {any} */ (await after(page, () => paste(page, { plain: SEED }))));
  const grid = readFileSync(join(ROOT, 'tests', 'fixtures', 'grids', 'commune.tsv'), 'utf8');
  const summary = await after(page, () => paste(page, { plain: grid.replace(/\t(\d\d),(\d\d)\n/, '\t$2,$1\n') }));
  assert.equal(summary?.fail, 0);
  assert.deepEqual(await cellsMarked(page, 'warn'), ['T1/1@Tỷ lệ đúng hạn (%)']);
  await page.screenshot({ path: join(SCREENSHOTS, 'dist-grid.png') });
  assert.deepEqual(page.errors, []);
  await context.close();
});
