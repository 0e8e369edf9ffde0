// Builds dist/kiemso.html: the whole app in one self-contained HTML file that works when opened
// from disk (file://) with no network: scripts, styles, the Wasm module (base64) and the example
// report inlined, the checking worker started from a Blob URL (or the check run in the page when a
// worker cannot start there), and its own Content-Security-Policy that still forbids any network.
//
// Usage: node scripts/build-single.mjs [--out dist/kiemso.html]   (after bash scripts/build-wasm.sh)
//
// No bundler: the app is plain ES modules written in a regular form (top-level `import … from`
// and `export function|class|const`), which this script links into one scope. It refuses any
// form it does not handle rather than guess.

import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { wasmFileIn } from './build-assets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const www = join(root, 'www');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const out = resolve(root, outArg >= 0 ? args[outArg + 1] : 'dist/kiemso.html');

/**
 * @typedef {{ path: string, source: string, imports: { spec: string, clause: string | null, text: string }[] }} Mod
 */

const IMPORT_RE = /^import\s+(?:([\s\S]*?)\s+from\s+)?(['"])([^'"]+)\2\s*;?[ \t]*$/gm;

/**
 * Reads a module and its static imports.
 * @param {string} path
 * @param {string} [source] for a module that is not a file (the generated entry)
 * @returns {Promise<Mod>}
 */
async function readModule(path, source) {
  const text = source ?? (await readFile(path, 'utf8'));
  /** @type {Mod['imports']} */
  const imports = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    imports.push({ spec: m[3], clause: m[1] ?? null, text: m[0] });
  }
  if (/^export\s+default\b/m.test(text)) throw new Error(`${rel(path)}: "export default" is not handled; use a named export`);
  if (/^export\s+\*|^export\s*\{[^}]*\}\s*from\b/m.test(text)) throw new Error(`${rel(path)}: re-exports are not handled`);
  const code = text.replace(IMPORT_RE, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  if (/(^|[^.\w])import\s*\(/m.test(code)) throw new Error(`${rel(path)}: dynamic import() cannot be inlined`);
  return { path, source: text, imports };
}

/** @param {string} p */
const rel = (p) => relative(root, p) || p;

/**
 * Orders the module graph from `entry` so that every module comes after what it imports.
 * @param {Mod} entry
 * @returns {Promise<Mod[]>}
 */
async function graph(entry) {
  /** @type {Map<string, Mod>} */
  const seen = new Map();
  /** @type {Mod[]} */
  const order = [];
  const visiting = new Set();
  /** @param {Mod} mod */
  async function visit(mod) {
    if (seen.has(mod.path)) return;
    if (visiting.has(mod.path)) throw new Error(`import cycle through ${rel(mod.path)}`);
    visiting.add(mod.path);
    for (const imp of mod.imports) {
      if (!imp.spec.startsWith('.')) throw new Error(`${rel(mod.path)}: bare import "${imp.spec}" cannot be inlined`);
      const path = resolve(dirname(mod.path), imp.spec);
      if (!seen.has(path)) await visit(await readModule(path));
    }
    visiting.delete(mod.path);
    seen.set(mod.path, mod);
    order.push(mod);
  }
  await visit(entry);
  return order;
}

/**
 * Turns an import clause into a declaration reading from the module object `ns`.
 * @param {string} clause  `x`, `{ a, b as c }`, `* as ns`, `x, { a }`
 * @param {string} ns
 */
function importDecl(clause, ns) {
  const parts = [];
  let rest = clause.trim();
  const star = /^\*\s+as\s+([\w$]+)$/.exec(rest);
  if (star) return `const ${star[1]} = ${ns};`;
  const def = /^([\w$]+)\s*(?:,\s*([\s\S]*))?$/.exec(rest);
  if (def) {
    parts.push(`const ${def[1]} = ${ns}.default;`);
    rest = (def[2] ?? '').trim();
    const star2 = /^\*\s+as\s+([\w$]+)$/.exec(rest);
    if (star2) return `${parts.join(' ')} const ${star2[1]} = ${ns};`;
  }
  if (rest) {
    const named = /^\{([\s\S]*)\}$/.exec(rest);
    if (!named) throw new Error(`import clause not handled: ${clause}`);
    const bindings = named[1]
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean)
      .map((b) => {
        const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(b);
        if (!m) throw new Error(`import binding not handled: ${b}`);
        return m[2] ? `${m[1]}: ${m[2]}` : m[1];
      });
    parts.push(`const { ${bindings.join(', ')} } = ${ns};`);
  }
  return parts.join(' ');
}

/**
 * Links modules into one script: each module becomes a function scope that returns its exports.
 * @param {Mod[]} mods in dependency order
 */
function link(mods) {
  /** @type {Map<string, string>} */
  const names = new Map(mods.map((m, i) => [m.path, `__kiemso_m${i}`]));
  const chunks = [];
  for (const mod of mods) {
    let src = mod.source;
    for (const imp of mod.imports) {
      const ns = /** @type {string} */ (names.get(resolve(dirname(mod.path), imp.spec)));
      src = src.replace(imp.text, imp.clause ? importDecl(imp.clause, ns) : '');
    }
    /** @type {string[]} */
    const exported = [];
    src = src.replace(/^export\s+((?:async\s+)?function\s*\*?\s*([\w$]+))/gm, (_, decl, name) => {
      exported.push(name);
      return decl;
    });
    src = src.replace(/^export\s+(class\s+([\w$]+))/gm, (_, decl, name) => {
      exported.push(name);
      return decl;
    });
    src = src.replace(/^export\s+((?:const|let|var)\s+([\w$]+)\s*=)/gm, (_, decl, name) => {
      exported.push(name);
      return decl;
    });
    src = src.replace(/^export\s*\{([^}]*)\}\s*;?/gm, (_, list) => {
      for (const item of String(list).split(',').map((s) => s.trim()).filter(Boolean)) {
        const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(item);
        if (!m) throw new Error(`${rel(mod.path)}: export not handled: ${item}`);
        exported.push(m[2] ? `${m[2]}: ${m[1]}` : m[1]);
      }
      return '';
    });
    if (/^export\b/m.test(src)) throw new Error(`${rel(mod.path)}: an export form is not handled`);
    chunks.push(
      `// ——— ${rel(mod.path)} ———\nconst ${names.get(mod.path)} = (() => {\n${src}\nreturn { ${exported.join(', ')} };\n})();`,
    );
  }
  return chunks.join('\n\n');
}

/**
 * One inlined script from an entry module.
 * @param {string} entryPath
 * @param {string} [source]
 */
async function bundle(entryPath, source) {
  const entry = await readModule(entryPath, source);
  return link(await graph(entry));
}

/** @param {string} s */
const jsString = (s) => JSON.stringify(s).replace(/</g, '\\u003c');

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

async function main() {
  // The complete module's Wasm, named by its content (scripts/build-assets.mjs): the one its glue,
  // inlined below, was built with.
  const wasmFile = wasmFileIn(join(www, 'pkg'));
  if (!wasmFile) throw new Error('www/pkg/kiemso_bg.*.wasm is missing: run `bash scripts/build-wasm.sh` first');
  const glue = await readFile(join(www, 'pkg', 'kiemso.js'), 'utf8');
  if (!glue.includes(`export const wasmFile = '${wasmFile}';`)) throw new Error(`www/pkg/kiemso.js was not built with ${wasmFile}: run \`bash scripts/build-wasm.sh\``);
  const wasm = await readFile(join(www, 'pkg', wasmFile));
  const example = await readFile(join(www, 'examples', 'khanh-hoa-q3-2024.txt'), 'utf8');
  // Chromium refuses module workers from Blob URLs on file:// (opaque origin), but starts classic
  // ones: the worker bundle has no import/export left, and its one `import.meta.url` (the glue's
  // default Wasm URL, unused here since the bytes are passed in) becomes the worker's own URL.
  const workerJs = scriptSafe((await bundle(join(www, 'worker.mjs'))).replace(/import\.meta\.url/g, 'self.location.href'));
  if (/\bimport\.meta\b/.test(workerJs)) throw new Error('the worker bundle still uses import.meta');

  // The page's entry for the single file: the same page, with everything it would fetch inlined.
  const entry = `
import { startApp } from './lib/page.mjs';
import { CheckerBridge } from './lib/bridge.mjs';
import * as kiemso from './pkg/kiemso.js';

const WASM_BASE64 = ${jsString(wasm.toString('base64'))};
const EXAMPLE = ${jsString(example)};
const WORKER_SOURCE = ${jsString(workerJs)};

/** @type {Uint8Array | null} */
let wasmBytes = null;
function wasmModuleBytes() {
  if (!wasmBytes) {
    const bin = atob(WASM_BASE64);
    wasmBytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) wasmBytes[i] = bin.charCodeAt(i);
  }
  return wasmBytes;
}
let workerUrl = '';

document.documentElement.dataset.build = 'single';
startApp({
  makeBridge: (onEvent) =>
    new CheckerBridge({
      createWorker: () => {
        workerUrl = workerUrl || URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
        return new Worker(workerUrl, { name: 'kiemso' });
      },
      wasmBytes: wasmModuleBytes,
      loadInPage: async () => {
        await kiemso.default({ module_or_path: wasmModuleBytes() });
        return kiemso;
      },
      startTimeoutMs: 8000,
      onEvent,
    }),
  loadExample: async () => EXAMPLE,
});
`;
  const appJs = scriptSafe(await bundle(join(www, 'single-entry.mjs'), entry));
  const css = [await readFile(join(www, 'style.css'), 'utf8'), await readFile(join(www, 'lib', 'results.css'), 'utf8')].join('\n');
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
  replaceOnce(/\s*<link rel="stylesheet" href="style.css">\s*<link rel="stylesheet" href="lib\/results.css">/, `\n  <style>${css}</style>`, 'stylesheet links');
  replaceOnce(/\s*<script type="module" src="app.mjs"><\/script>/, '', 'app script');
  replaceOnce(/<\/body>/, `<script type="module">${appJs}</script>\n</body>`, '</body>');
  if (/\s(?:src|href)="(?!data:|#)[^"]+"/.test(html.replace(/<script type="module">[\s\S]*<\/script>/, ''))) {
    throw new Error('the single file still refers to another file');
  }

  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, html);
  const size = Buffer.byteLength(html);
  console.log(`[build] ${rel(out)}: ${(size / 1024).toFixed(0)} KB, ${(gzipSync(html, { level: 9 }).length / 1024).toFixed(0)} KB gzipped`);
}

main().catch((e) => {
  console.error(`[build] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
