// The checking worker: owns the Wasm instances and answers jobs one at a time, so the page never
// freezes. A job that traps an instance is answered with {kind:'crash'}; the page then ends this
// worker and starts a fresh one (a trapped Wasm instance must not be reused).
//
// Two modules (scripts/build-wasm.sh): the small `core` one (tables only) starts with the page, so
// the first load stays within the size budget; the complete one (narrative checks, .docx/.xlsx) is
// fetched from the same origin the first time a file is opened or the input has a narrative, and
// answers every job after that. Given the bytes of a module (the single-file build), the worker
// uses that complete module from the start.
//
// Messages in:  {type:'init', wasm?: ArrayBuffer}  then  {type:'job', id, job}
// Messages out: {type:'ready', capabilities} | {type:'init-failed', message} | {type:'reply', id, reply}
import * as core from './pkg/core/kiemso.js';
import * as full from './pkg/kiemso.js';
import { runJob, needsCompleteModule, withoutNarrativeNotice } from './lib/engine.mjs';

/** @type {any} */
const scope = self;

/** The complete module, once loaded: answers everything from then on. */
let complete = /** @type {import('./lib/engine.mjs').KiemsoModule | null} */ (null);
/** @type {Promise<import('./lib/engine.mjs').KiemsoModule> | null} */
let loading = null;

/** Loads the complete module (once); rejects when it cannot be fetched (offline, never cached). */
function loadComplete() {
  loading ??= full.default().then(() => (complete = full));
  loading.catch(() => (loading = null));
  return loading;
}

/**
 * Answers one job with the complete module when it is loaded or needed, else with the core one.
 * @param {import('./lib/engine.mjs').Job} job
 */
async function answer(job) {
  if (complete) return runJob(complete, job);
  if (job.op === 'file') {
    try {
      return runJob(await loadComplete(), job);
    } catch {
      // Text files are read by the core module too; Word and Excel files are refused with the
      // reason (the reader could not be fetched).
      return runJob(core, job);
    }
  }
  const reply = runJob(core, job);
  if (!needsCompleteModule(reply)) return reply;
  try {
    return runJob(await loadComplete(), job);
  } catch {
    return withoutNarrativeNotice(reply);
  }
}

// Jobs are answered in order, even while the complete module loads.
let queue = Promise.resolve();

scope.addEventListener('message', (/** @type {MessageEvent} */ event) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'init') {
    queue = queue.then(async () => {
      try {
        if (msg.wasm) {
          full.initSync({ module: msg.wasm });
          complete = full;
        } else {
          await core.default();
        }
        scope.postMessage({ type: 'ready', capabilities: { checkFile: true } });
      } catch (e) {
        scope.postMessage({ type: 'init-failed', message: e instanceof Error ? e.message : String(e) });
      }
    });
  } else if (msg.type === 'job') {
    queue = queue.then(async () => {
      scope.postMessage({ type: 'reply', id: msg.id, reply: await answer(msg.job) });
    });
  }
});
