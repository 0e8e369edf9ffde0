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
 * @typedef {{ ok: true, result: any, json?: Uint8Array }
 *         | { ok: false, error: { kind: 'input' | 'crash' | 'unsupported' | 'timeout' | 'unavailable', message: string } }} Reply
 *   `json`: the worker's answer to a check, the outcome as JSON bytes (`checkJson`), for the page
 *   to parse (`readReply`); `result` then holds only what the worker decides on (the rest of a
 *   `JsonOutcome`) and the notices it adds.
 * @typedef {{ json: Uint8Array, narrative_lines: number, narrative_checked: boolean, grids_pending: number,
 *             suggestions_pending: boolean }} JsonOutcome
 * @typedef {{ check: (text: string, options: any) => any, checkFile?: (bytes: Uint8Array, name: string, options: any) => any,
 *             checkJson?: (text: string, options: any) => JsonOutcome,
 *             checkFileJson?: (bytes: Uint8Array, name: string, options: any) => JsonOutcome,
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
 * A check's answer as JSON bytes (`checkJson`, `checkFileJson`): what the worker decides on (the
 * narrative, grids and suggestions left for the complete module) as `result`, the outcome itself
 * as `json`.
 * @param {JsonOutcome} outcome
 * @returns {Reply}
 */
function jsonReply({ json, ...head }) {
  return { ok: true, result: head, json };
}

/**
 * The page's side of a worker's answer: an outcome sent as JSON bytes is parsed here, once, with
 * the notices the worker added to it. The bytes come without a copy (a transfer); on 100,000
 * rows, posting the parsed object instead cost the worker a parse and the page a structured
 * clone of 136,000 checks (docs/benchmarks.md).
 * @param {Reply} reply
 * @returns {Reply}
 */
export function readReply(reply) {
  if (!reply.ok || !reply.json) return reply;
  const { json, result: head } = reply;
  const result = JSON.parse(new TextDecoder().decode(json));
  // The head starts without notices: those on it are the worker's (narrativePending, …).
  if (head.notices) result.notices = [...result.notices, ...head.notices];
  if (head.narrative_pending) result.narrative_pending = true;
  return { ok: true, result };
}

/**
 * Runs a job. Never throws: a refusal becomes `{kind:'input'}`, anything else `{kind:'crash'}`
 * (after which the instance must not be used again).
 * @param {KiemsoModule} mod
 * @param {Job} job
 * @param {{ bytes?: boolean }} [how]  `bytes`: a check is answered as JSON bytes, for a worker
 *   to hand to the page (`readReply`); else as an object
 * @returns {Reply}
 */
export function runJob(mod, job, how = {}) {
  try {
    if (job.op === 'text') {
      if (how.bytes && mod.checkJson) return jsonReply(mod.checkJson(job.text, job.options ?? {}));
      return { ok: true, result: mod.check(job.text, job.options ?? {}) };
    }
    if (job.op === 'file') {
      if (typeof mod.checkFile !== 'function') {
        return { ok: false, error: { kind: 'unsupported', message: 'checkFile' } };
      }
      if (how.bytes && mod.checkFileJson) return jsonReply(mod.checkFileJson(job.bytes, job.name, job.options ?? {}));
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
  return { ...reply, result: { ...reply.result, notices } };
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
  return { ...reply, result: { ...reply.result, notices, narrative_pending: true } };
}

