// The checking worker: owns one Wasm instance and answers jobs one at a time, so the page never
// freezes. A job that traps the instance is answered with {kind:'crash'}; the page then ends this
// worker and starts a fresh one (a trapped Wasm instance must not be reused).
//
// Messages in:  {type:'init', wasm?: ArrayBuffer}  then  {type:'job', id, job}
// Messages out: {type:'ready', capabilities} | {type:'init-failed', message} | {type:'reply', id, reply}
import * as kiemso from './pkg/kiemso.js';
import { capabilitiesOf, runJob } from './lib/engine.mjs';

/** @type {any} */
const scope = self;

scope.addEventListener('message', async (/** @type {MessageEvent} */ event) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'init') {
    try {
      if (msg.wasm) kiemso.initSync({ module: msg.wasm });
      else await kiemso.default();
      scope.postMessage({ type: 'ready', capabilities: capabilitiesOf(kiemso) });
    } catch (e) {
      scope.postMessage({ type: 'init-failed', message: e instanceof Error ? e.message : String(e) });
    }
  } else if (msg.type === 'job') {
    scope.postMessage({ type: 'reply', id: msg.id, reply: runJob(kiemso, msg.job) });
  }
});
