// Runs one checking job against the Wasm module and turns every outcome into a plain message that
// can cross a worker boundary. Used inside the worker and, where no worker can start, in the page.

/**
 * @typedef {{ overrides?: Record<string, string>, catalogue?: string }} CheckOptions
 * @typedef {{ op: 'text', text: string, options?: CheckOptions }
 *         | { op: 'file', bytes: Uint8Array, name: string, options?: CheckOptions }
 *         | { op: 'catalogue' }} Job
 * @typedef {{ ok: true, result: any }
 *         | { ok: false, error: { kind: 'input' | 'crash' | 'unsupported' | 'timeout' | 'unavailable', message: string } }} Reply
 * @typedef {{ check: (text: string, options: any) => any, checkFile?: (bytes: Uint8Array, name: string, options: any) => any,
 *             builtinCatalogue?: () => string }} KiemsoModule
 */

/**
 * What this build of the module can do.
 * @param {KiemsoModule} mod
 */
export function capabilitiesOf(mod) {
  return { checkFile: typeof mod.checkFile === 'function' };
}

/**
 * Whether a thrown value is the checking core refusing the input (a plain `Error` with a
 * Vietnamese message) rather than the Wasm instance failing (a trap, out of memory, a glue bug).
 * @param {unknown} e
 */
export function isInputError(e) {
  return e instanceof Error && e.constructor === Error && e.name === 'Error' && typeof e.message === 'string';
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
    if (job.op === 'catalogue') return { ok: true, result: mod.builtinCatalogue ? mod.builtinCatalogue() : null };
    return { ok: false, error: { kind: 'crash', message: 'Yêu cầu không hợp lệ.' } };
  } catch (e) {
    if (isInputError(e)) return { ok: false, error: { kind: 'input', message: /** @type {Error} */ (e).message } };
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, error: { kind: 'crash', message: detail } };
  }
}
