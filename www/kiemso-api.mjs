// Kiểm số for a portal's own scripts:
//
//   import { check } from '/kiemso/kiemso-api.mjs';
//   const result = await check(text, { overrides: { 'B03/3.1.2': '66.678' } });
//   result.summary.fail  // → number of failed checks
//
// The checking runs in a worker (worker.mjs beside this file), so the portal page never freezes.
// Every call gets its own answer. Unusable input rejects with an Error whose message is the
// Vietnamese explanation and whose `kind` is 'input'; 'crash', 'timeout' or 'unavailable' mean the
// checker itself failed (it restarts by itself after a crash).

import { CheckerBridge } from './lib/bridge.mjs';
import { STRINGS } from './lib/i18n.mjs';

/**
 * @typedef {import('./lib/model.mjs').Result} Result
 * @typedef {{ overrides?: Record<string, string>, catalogue?: string | object }} Options
 */

/** @type {CheckerBridge | null} */
let bridge = null;
/** @type {Set<(e: import('./lib/bridge.mjs').BridgeEvent) => void>} */
const listeners = new Set();

/**
 * The one checker of this page, started on first use (shared with <kiem-so> elements).
 * @returns {CheckerBridge}
 */
export function sharedBridge() {
  if (!bridge) {
    bridge = new CheckerBridge({
      createWorker: () => new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module', name: 'kiemso' }),
      loadInPage: async () => {
        const mod = await import('./pkg/kiemso.js');
        await mod.default();
        return mod;
      },
      onEvent: (e) => listeners.forEach((fn) => fn(e)),
    });
  }
  return bridge;
}

/**
 * Listens to the checker's life: ready, restarted after a crash, failed.
 * @param {(e: import('./lib/bridge.mjs').BridgeEvent) => void} fn
 * @returns {() => void} stops listening
 */
export function onCheckerEvent(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * @param {Options} [options]
 * @returns {import('./lib/engine.mjs').CheckOptions}
 */
function normalize(options = {}) {
  /** @type {import('./lib/engine.mjs').CheckOptions} */
  const out = {};
  if (options.overrides) out.overrides = Object.fromEntries(Object.entries(options.overrides).map(([k, v]) => [k, String(v)]));
  if (options.catalogue !== undefined && options.catalogue !== null) {
    out.catalogue = typeof options.catalogue === 'string' ? options.catalogue : JSON.stringify(options.catalogue);
  }
  return out;
}

/**
 * @param {import('./lib/bridge.mjs').Answer} answer
 * @returns {any}
 */
function unwrap(answer) {
  // The API speaks Vietnamese, as the core does (docs/embedding.md).
  const s = STRINGS.vi;
  if (answer.stale) throw Object.assign(new Error(s.superseded), { kind: 'stale' });
  if (answer.ok) return answer.result;
  const message = answer.error.kind === 'timeout'
    ? s.timedOut
    : answer.error.kind === 'unavailable'
      ? s.failure[/** @type {import('./lib/bridge.mjs').FailureCode} */ (answer.error.message)] ?? s.failure.load
      : answer.error.kind !== 'unsupported'
        ? answer.error.message
        : answer.error.message === 'target'
          ? s.apiNoTarget
          : s.apiNoFiles;
  throw Object.assign(new Error(message), { kind: answer.error.kind });
}

/**
 * Checks a report or tables (text, TSV or CSV) and resolves with the result object
 * `{ forms, checks, summary, notices }` of the JSON contract.
 * @param {string} text
 * @param {Options} [options]
 * @returns {Promise<Result>}
 */
export async function check(text, options) {
  if (typeof text !== 'string') throw new TypeError('check(text): text phải là chuỗi ký tự.');
  return unwrap(await sharedBridge().request({ op: 'text', text, options: normalize(options) }));
}

/**
 * Checks a .docx, .xlsx or .csv file's bytes (when this build of the core reads files).
 * @param {Uint8Array | ArrayBuffer} bytes
 * @param {string} name file name, for its extension
 * @param {Options} [options]
 * @returns {Promise<Result>}
 */
export async function checkFile(bytes, name, options) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return unwrap(await sharedBridge().request({ op: 'file', bytes: data, name, options: normalize(options) }));
}

/**
 * «Cần bao nhiêu để đạt …?»: the smallest change of one figure that makes `cell` (a ratio such as
 * 'B03/3.1', or a total) print `value` ('99,80'), carried through the rows that depend on it.
 * Resolves with `{ cell, target, changes: [{ cell, from, to }], message, reachable }`; apply
 * `changes` as `overrides` to check the what-if. An unreachable target resolves with
 * `reachable: false` and the reason in `message`; an unknown cell rejects ('input').
 * @param {string} text
 * @param {string} cell
 * @param {string} value  the target as the official would print it
 * @param {string} [change]  the figure to change (default: the numerator, or the first part)
 * @param {Options} [options]
 * @returns {Promise<{ cell: string, target: string, changes: { cell: string, from: string, to: string }[], message: string, reachable: boolean }>}
 */
export async function target(text, cell, value, change, options) {
  if (typeof text !== 'string') throw new TypeError('target(text): text phải là chuỗi ký tự.');
  const job = { op: 'target', text, cell: String(cell), value: String(value), change: change == null ? null : String(change), options: normalize(options) };
  return unwrap(await sharedBridge().request(/** @type {import('./lib/engine.mjs').Job} */ (job)));
}

/**
 * The built-in catalogue of forms and rules, as JSON text (a starting point for a new one).
 * @returns {Promise<string>}
 */
export async function builtinCatalogue() {
  return unwrap(await sharedBridge().request({ op: 'catalogue' }));
}
