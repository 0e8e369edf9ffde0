// Runs one checking job against the Wasm module and turns every outcome into a plain message that
// can cross a worker boundary. Used inside the worker and, where no worker can start, in the page.

import { STRINGS } from './i18n.mjs';

/**
 * @typedef {{ overrides?: Record<string, string>, catalogue?: string }} CheckOptions
 * @typedef {{ op: 'text', text: string, options?: CheckOptions, partial?: boolean }
 *         | { op: 'file', bytes: Uint8Array, name: string, options?: CheckOptions }
 *         | { op: 'open', bytes: Uint8Array, name: string }
 *         | { op: 'catalogue' }
 *         | { op: 'target', text: string, cell: string, value: string, change?: string | null, options?: CheckOptions }} Job
 *   `partial`: the tables may be answered at once while the narrative's module downloads (the
 *   answer then has `result.narrative_pending`, and the worker says when the module is there).
 *   `open`: what an opened file is, by the core's sniffing: `{ text, note }` for text, `null` for
 *   a Word or Excel file.
 *   `target`: «Cần bao nhiêu để đạt …?», `{ cell, target, changes, message, reachable }`.
 * @typedef {{ ok: true, result: any }
 *         | { ok: false, error: { kind: 'input' | 'crash' | 'unsupported' | 'timeout' | 'unavailable', message: string } }} Reply
 * @typedef {{ check: (text: string, options: any) => any, checkFile?: (bytes: Uint8Array, name: string, options: any) => any,
 *             fileText?: (bytes: Uint8Array, name: string) => { text: string, note: string | null } | null,
 *             builtinCatalogue?: () => string,
 *             target?: (text: string, cell: string, value: string, change: string | undefined, options: any) => any }} KiemsoModule
 */

/**
 * Whether a thrown value is the checking core refusing the input (an `Error` with a Vietnamese
 * message and the stable `code` the Wasm boundary gives every refusal: docs/contract.md) rather
 * than the Wasm instance failing (a trap, out of memory, a glue bug), which has no such code.
 * @param {unknown} e
 */
export function isInputError(e) {
  return e instanceof Error && typeof (/** @type {any} */ (e).code) === 'string' && typeof e.message === 'string';
}

/**
 * What to say of a fault of the module: the panic's own message when the core left one before
 * trapping (`globalThis.__kiemsoPanic`), else what the trap said.
 * @param {unknown} e
 */
function faultMessage(e) {
  const panic = /** @type {any} */ (globalThis).__kiemsoPanic;
  if (typeof panic === 'string' && panic) {
    /** @type {any} */ (globalThis).__kiemsoPanic = undefined;
    return panic;
  }
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Runs a job. Never throws: a refusal becomes `{kind:'input'}`, anything else `{kind:'crash'}`
 * (after which the instance must not be used again).
 * @param {KiemsoModule} mod
 * @param {Job} job
 * @returns {Reply}
 */
export function runJob(mod, job) {
  try {
    if (job.op === 'text') return { ok: true, result: mod.check(job.text, job.options ?? {}) };
    if (job.op === 'file') {
      if (typeof mod.checkFile !== 'function') {
        return { ok: false, error: { kind: 'unsupported', message: 'checkFile' } };
      }
      return { ok: true, result: mod.checkFile(job.bytes, job.name, job.options ?? {}) };
    }
    if (job.op === 'open') {
      if (typeof mod.fileText !== 'function') {
        return { ok: false, error: { kind: 'unsupported', message: 'fileText' } };
      }
      return { ok: true, result: mod.fileText(job.bytes, job.name) };
    }
    if (job.op === 'target') {
      if (typeof mod.target !== 'function') {
        return { ok: false, error: { kind: 'unsupported', message: 'target' } };
      }
      return { ok: true, result: mod.target(job.text, job.cell, job.value, job.change ?? undefined, job.options ?? {}) };
    }
    if (job.op === 'catalogue') return { ok: true, result: mod.builtinCatalogue ? mod.builtinCatalogue() : null };
    return { ok: false, error: { kind: 'crash', message: 'invalid job' } };
  } catch (e) {
    if (isInputError(e)) return { ok: false, error: { kind: 'input', message: /** @type {Error} */ (e).message } };
    return { ok: false, error: { kind: 'crash', message: faultMessage(e) } };
  }
}

/**
 * Whether an answer of the small first module (tables only) should be given again by the complete
 * one: the input has a narrative, with figures, that the small module could not check.
 * @param {Reply} reply
 */
export function needsCompleteModule(reply) {
  return reply.ok && ((reply.result?.narrative_checked === false && reply.result.narrative_lines > 0)
    || (reply.result?.grids_pending ?? 0) > 0 || reply.result?.suggestions_pending === true);
}

/**
 * What the small module left for the complete one, in words: the narrative, tables with several
 * value columns, or both.
 * @param {any} result
 * @param {import('./i18n.mjs').Strings} [s]  the words (Vietnamese by default)
 */
export function leftOver(result, s = STRINGS.vi) {
  const narrative = result.narrative_checked === false && result.narrative_lines > 0;
  const grids = (result.grids_pending ?? 0) > 0;
  const parts = [];
  if (narrative) parts.push(s.leftNarrative);
  if (grids) parts.push(s.leftGrids);
  if (result.suggestions_pending === true) parts.push(s.leftSuggestions);
  return parts.length ? s.listAnd(parts) : s.leftNarrative;
}

/**
 * The notice of what the small module left unchecked: `offline` (the complete module could not be
 * fetched) or `pending` (it downloads). The worker says it in Vietnamese, with its `code`; the page
 * and the element say it again in their language (`wordNotices`).
 * @param {any} result
 * @param {'offline' | 'pending'} code
 * @param {import('./i18n.mjs').Strings} [s]
 */
export function appNotice(result, code, s = STRINGS.vi) {
  const some = (result.grids_pending ?? 0) > 0 || result.suggestions_pending === true;
  if (code === 'offline') return some ? s.offlineSome(leftOver(result, s)) : s.offlineNarrative;
  return some ? s.pendingSome(leftOver(result, s)) : s.pendingNarrative;
}

/**
 * A result whose notices of the app (those with a `code`) are in the words of `s`.
 * @template {{ notices?: import('./model.mjs').Notice[] }} R
 * @param {R} result
 * @param {import('./i18n.mjs').Strings} s
 * @returns {R}
 */
export function wordNotices(result, s) {
  if (!result.notices?.some((n) => n.code)) return result;
  return { ...result, notices: result.notices.map((n) => (n.code ? { ...n, message: appNotice(result, n.code, s) } : n)) };
}

/**
 * The small module's answer, saying that the narrative was not checked and why (the complete
 * module could not be fetched: offline on a device that never loaded it).
 * @param {Reply} reply
 * @returns {Reply}
 */
export function withoutNarrativeNotice(reply) {
  if (!reply.ok) return reply;
  const notices = [...(reply.result.notices ?? []), { line: null, code: 'offline', message: appNotice(reply.result, 'offline') }];
  return { ok: true, result: { ...reply.result, notices } };
}

/**
 * The small module's answer while the complete one downloads: the tables are checked; the
 * narrative will follow.
 * @param {Reply} reply
 * @returns {Reply}
 */
export function narrativePending(reply) {
  if (!reply.ok) return reply;
  const notices = [...(reply.result.notices ?? []), { line: null, code: 'pending', message: appNotice(reply.result, 'pending') }];
  return { ok: true, result: { ...reply.result, notices, narrative_pending: true } };
}

