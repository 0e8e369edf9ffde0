// The checking worker: owns the Wasm instances and answers jobs one at a time, so the page never
// freezes. A job that traps an instance is answered with {kind:'crash'}; the page then ends this
// worker and starts a fresh one (a trapped Wasm instance must not be reused).
//
// Two modules (scripts/build-wasm.sh): the small `core` one (tables only) starts with the page, so
// the first load stays within the size budget; the complete one (narrative checks, .docx/.xlsx) is
// fetched from the same origin the first time a file is opened or the input has a narrative, and
// answers every job after that. Given a module (the single-file build's bytes, or the compiled
// module a previous worker downloaded), the worker uses that complete module from the start.
//
// Downloading is not checking: the page's timer for a job stops while the job waits for the
// download ('downloading'), and starts again for the check ('checking'). A text job marked
// `partial` does not wait at all: its tables are answered by the small module while the download
// goes on, and the page is told when the complete module is there ('complete', with the compiled
// module so that a restarted worker never downloads it again) or could not be fetched.
//
// Messages in:  {type:'init', wasm?: BufferSource | WebAssembly.Module}  then  {type:'job', id, job}
// Messages out: {type:'started'} (the worker runs; its module may still be downloading)
//               | {type:'ready', capabilities} | {type:'init-failed', message} | {type:'reply', id, reply}
//                 (a check's outcome as JSON bytes, transferred: engine.mjs `readReply`)
//               | {type:'downloading', id} | {type:'checking', id}
//               | {type:'complete', module} | {type:'complete-failed'}
import * as core from './pkg/core/kiemso.js';
import { runJob as run, needsCompleteModule, withoutNarrativeNotice, narrativePending } from './lib/engine.mjs';

/** @type {any} */
const scope = self;

/**
 * A job's answer; a check's outcome as JSON bytes, for the page to parse (engine.mjs `readReply`).
 * @param {import('./lib/engine.mjs').KiemsoModule} mod
 * @param {import('./lib/engine.mjs').Job} job
 */
const runJob = (mod, job) => run(mod, job, { bytes: true });

/** The complete module, once loaded: answers everything from then on. */
let complete = /** @type {import('./lib/engine.mjs').KiemsoModule | null} */ (null);
/** @type {Promise<import('./lib/engine.mjs').KiemsoModule> | null} */
let loading = null;
/** The last download failed (offline): answers say the narrative needs the network. */
let lastLoadFailed = false;
/** An answer said the narrative would follow: the page must hear how the download ended. */
let promised = false;

/** The complete module's glue: imported when first needed, not with the page's first load. */
const completeGlue = () => import('./pkg/kiemso.js');

/**
 * Fetches and compiles the complete module's own Wasm (named by its content).
 * @param {{ wasmFile?: string }} full  its glue
 */
async function compileComplete(full) {
  const response = await fetch(new URL(`./pkg/${full.wasmFile ?? 'kiemso_bg.wasm'}`, import.meta.url));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  if (response.headers.get('Content-Type') === 'application/wasm') return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Loads the complete module (one download at a time); rejects when it cannot be fetched. */
function loadComplete() {
  if (!loading) {
    loading = completeGlue().then(async (full) => {
      const module = await compileComplete(full);
      full.initSync({ module });
      complete = full;
      lastLoadFailed = false;
      promised = false;
      scope.postMessage({ type: 'complete', module });
      return full;
    });
    loading.catch(() => {
      loading = null;
      lastLoadFailed = true;
      if (promised) {
        promised = false;
        scope.postMessage({ type: 'complete-failed' });
      }
    });
  }
  return loading;
}

/**
 * Runs a job that needs the complete module, telling the page while it downloads.
 * @param {import('./lib/engine.mjs').Job} job
 * @param {number} id
 * @param {() => import('./lib/engine.mjs').Reply} otherwise  the answer when it cannot be fetched
 */
async function withComplete(job, id, otherwise) {
  scope.postMessage({ type: 'downloading', id });
  try {
    const mod = await loadComplete();
    scope.postMessage({ type: 'checking', id });
    return runJob(mod, job);
  } catch {
    scope.postMessage({ type: 'checking', id });
    return otherwise();
  }
}

/**
 * Answers one job with the complete module when it is loaded or needed, else with the core one.
 * @param {import('./lib/engine.mjs').Job} job
 * @param {number} id
 */
async function answer(job, id) {
  if (complete) return runJob(complete, job);
  // Text files are read by the core module too; Word and Excel files are refused with the
  // reason (the reader could not be fetched).
  if (job.op === 'file') return withComplete(job, id, () => runJob(core, job));
  // «Cần bao nhiêu để đạt …?» is in the complete module only (the first load stays small).
  if (job.op === 'target' && typeof core.target !== 'function') return withComplete(job, id, () => runJob(core, job));
  const reply = runJob(core, job);
  if (job.op !== 'text' || !needsCompleteModule(reply)) return reply;
  if (!job.partial) return withComplete(job, id, () => withoutNarrativeNotice(reply));
  const failedBefore = lastLoadFailed;
  loadComplete().catch(() => undefined);
  if (failedBefore) return withoutNarrativeNotice(reply);
  promised = true;
  return narrativePending(reply);
}

// Jobs are answered in order, even while the complete module loads.
let queue = Promise.resolve();

scope.addEventListener('message', (/** @type {MessageEvent} */ event) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'init') {
    scope.postMessage({ type: 'started' });
    queue = queue.then(async () => {
      try {
        if (msg.wasm) {
          const full = await completeGlue();
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
      const reply = await answer(msg.job, msg.id);
      // An outcome's bytes are moved to the page, not copied.
      scope.postMessage({ type: 'reply', id: msg.id, reply }, reply.ok && reply.json ? [reply.json.buffer] : []);
    });
  }
});
