// The page's side of the checking worker.
//
// - One job runs at a time. `latest(job)` is for what the page shows: a newer `latest` job replaces
//   one still waiting, and a result that comes back after a newer job was asked for is reported as
//   stale, so only the newest result is ever rendered. `request(job)` is for callers that want every
//   answer (the embedding API).
// - If the Wasm instance dies (a panic is an `unreachable` trap), or a job runs past its time, the
//   worker is ended and a fresh one started; listeners are told so the page can say so.
// - Downloading the complete module is not part of a job's time: the timer stops while the worker
//   downloads and starts again when it checks. Once downloaded, the compiled module is kept here
//   and handed to every worker started after, so a restart never downloads it again.
// - If no worker can start (some browsers refuse workers on file://), the module runs in the page.

import { runJob, readReply } from './engine.mjs';

/**
 * @typedef {import('./engine.mjs').Job} Job
 * @typedef {import('./engine.mjs').Reply} Reply
 * @typedef {import('./engine.mjs').KiemsoModule} KiemsoModule
 * @typedef {{ checkFile: boolean }} Capabilities
 * @typedef {{ type: 'ready', mode: 'worker' | 'page', capabilities: Capabilities }
 *         | { type: 'restarted', reason: 'crash' | 'timeout', detail: string }
 *         | { type: 'downloading' }
 *         | { type: 'upgraded' }
 *         | { type: 'upgrade-failed' }
 *         | { type: 'failed', code: FailureCode, detail: string }} BridgeEvent
 *   'downloading': a job waits for the complete module; 'upgraded': the complete module is there
 *   (answers marked `narrative_pending` can now be given in full); 'upgrade-failed': it could not
 *   be fetched (they are given with the reason instead).
 * @typedef {'no-checker' | 'load' | 'page-crash' | 'crashes' | 'restart' | 'stopped'} FailureCode
 *   why no check can run: no worker could start and there is no module for the page
 *   (`no-checker`), the module could not be loaded into the page (`load`), the module in the page
 *   crashed (`page-crash`, it cannot be restarted there), the worker crashed too often in a
 *   minute (`crashes`) or could not be started again (`restart`), the bridge was disposed
 *   (`stopped`). The transport words nothing: the page and the element say it in their language
 *   (i18n.mjs `failure`); `detail` is the browser's or the worker's own diagnostic, or ''.
 * @typedef {Reply & { stale?: false } | { stale: true }} Answer
 * @typedef {{ job: Job, resolve: (a: Answer) => void, latest: boolean, seq: number }} Entry
 *
 * @typedef {object} BridgeOptions
 * @property {() => Worker} [createWorker]  makes a module worker running worker.mjs
 * @property {() => (ArrayBuffer | Uint8Array | undefined)} [wasmBytes]  the module's bytes, when the
 *   worker cannot fetch them (single-file build)
 * @property {() => Promise<KiemsoModule>} [loadInPage]  an initialised module, for running in the page
 * @property {number} [jobTimeoutMs]  a job checking longer is abandoned (default 30 s; the time it
 *   waits for the complete module to download does not count)
 * @property {number} [startTimeoutMs]  a worker not running by then counts as unable to start (default
 *   15 s; once it runs, the download of its first module is waited for, untimed)
 * @property {(event: BridgeEvent) => void} [onEvent]
 */

const MAX_QUICK_RESTARTS = 3;

export class CheckerBridge {
  /** @param {BridgeOptions} options */
  constructor(options) {
    this.options = options;
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {KiemsoModule | null} */
    this.inPage = null;
    /** @type {'starting' | 'worker' | 'page' | 'failed'} */
    this.mode = 'starting';
    /** @type {Capabilities} */
    this.capabilities = { checkFile: false };
    /** @type {Entry[]} */
    this.queue = [];
    /** @type {Entry | null} */
    this.waitingLatest = null;
    /** @type {{ entry: Entry, id: number, timer: ReturnType<typeof setTimeout> | undefined } | null} */
    this.inflight = null;
    /** The complete module, compiled, once a worker has downloaded it. @type {WebAssembly.Module | null} */
    this.completeModule = null;
    this.nextId = 1;
    this.latestSeq = 0;
    /** @type {FailureCode | ''} the reason no check can run any more */
    this.failure = '';
    /** @type {number[]} */
    this.restarts = [];
    /** @type {Promise<Capabilities>} */
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
    this.start();
  }

  /** @param {BridgeEvent} event */
  emit(event) {
    try {
      this.options.onEvent?.(event);
    } catch (e) {
      console.error(e);
    }
  }

  start() {
    if (this.options.createWorker) {
      this.spawn().then(
        (caps) => this.becomeReady('worker', caps),
        (why) => this.startInPage(why),
      );
    } else {
      this.startInPage('');
    }
  }

  /**
   * Starts a worker and resolves once its Wasm instance is ready.
   * @returns {Promise<Capabilities>}
   */
  spawn() {
    return new Promise((resolve, reject) => {
      /** @type {Worker} */
      let worker;
      try {
        worker = /** @type {() => Worker} */ (this.options.createWorker)();
      } catch (e) {
        reject(e instanceof Error ? e.message : String(e));
        return;
      }
      let settled = false;
      const timer = setTimeout(() => fail('start-timeout'), this.options.startTimeoutMs ?? 15000);
      const fail = (/** @type {string} */ why) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.terminate();
        reject(why);
      };
      worker.addEventListener('message', (event) => {
        const msg = event.data;
        if (!settled) {
          // The worker runs: what remains is its module's download, which is not timed.
          if (msg?.type === 'started') clearTimeout(timer);
          else if (msg?.type === 'ready') {
            settled = true;
            clearTimeout(timer);
            this.worker = worker;
            resolve(msg.capabilities);
          } else if (msg?.type === 'init-failed') {
            fail(msg.message);
          }
          return;
        }
        if (msg?.type === 'reply') this.onReply(worker, msg.id, msg.reply);
        else if (msg?.type === 'downloading' || msg?.type === 'checking') this.onDownload(worker, msg.id, msg.type === 'downloading');
        else if (msg?.type === 'complete') {
          if (msg.module instanceof WebAssembly.Module) this.completeModule = msg.module;
          if (this.worker === worker) this.emit({ type: 'upgraded' });
        } else if (msg?.type === 'complete-failed' && this.worker === worker) this.emit({ type: 'upgrade-failed' });
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        if (!settled) fail(event.message || 'load-error');
        else if (this.worker === worker) this.onWorkerDied('crash', event.message || 'worker-error');
      });
      worker.addEventListener('messageerror', () => {
        if (settled && this.worker === worker) this.onWorkerDied('crash', 'message-error');
      });
      const wasm = this.options.wasmBytes?.() ?? this.completeModule ?? undefined;
      worker.postMessage({ type: 'init', wasm });
    });
  }

  /** @param {string} why */
  async startInPage(why) {
    if (!this.options.loadInPage) {
      this.fail('no-checker', why);
      return;
    }
    try {
      this.inPage = await this.options.loadInPage();
      this.becomeReady('page', { checkFile: typeof this.inPage.checkFile === 'function' });
    } catch (e) {
      this.fail('load', e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * @param {'worker' | 'page'} mode
   * @param {Capabilities} caps
   */
  becomeReady(mode, caps) {
    this.mode = mode;
    this.capabilities = { checkFile: !!caps?.checkFile };
    this.resolveReady?.(this.capabilities);
    this.emit({ type: 'ready', mode, capabilities: this.capabilities });
    this.pump();
  }

  /**
   * @param {FailureCode} code
   * @param {string} [detail]
   */
  fail(code, detail = '') {
    this.mode = 'failed';
    this.failure = code;
    this.emit({ type: 'failed', code, detail });
    this.refuseWaiting();
  }

  refuseWaiting() {
    const all = [...this.queue, ...(this.waitingLatest ? [this.waitingLatest] : [])];
    this.queue = [];
    this.waitingLatest = null;
    for (const e of all) e.resolve({ ok: false, error: { kind: 'unavailable', message: this.failure } });
  }

  /**
   * Runs a job; every call gets its own answer.
   * @param {Job} job
   * @returns {Promise<Answer>}
   */
  request(job) {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve, latest: false, seq: 0 });
      this.pump();
    });
  }

  /**
   * Runs a job for display: an older `latest` job still waiting is dropped, and an answer that
   * arrives after a newer `latest` call is marked stale.
   * @param {Job} job
   * @returns {Promise<Answer>}
   */
  latest(job) {
    return new Promise((resolve) => {
      if (this.waitingLatest) this.waitingLatest.resolve({ stale: true });
      this.waitingLatest = { job, resolve, latest: true, seq: ++this.latestSeq };
      this.pump();
    });
  }

  pump() {
    if (this.mode === 'failed') {
      this.refuseWaiting();
      return;
    }
    if (this.inflight || (this.mode !== 'worker' && this.mode !== 'page')) return;
    const entry = this.queue.shift() ?? this.waitingLatest;
    if (!entry) return;
    if (entry === this.waitingLatest) this.waitingLatest = null;
    const id = this.nextId++;
    if (this.mode === 'page') {
      this.inflight = { entry, id, timer: undefined };
      // Yield first so a burst of calls coalesces and the page can paint "checking…".
      setTimeout(() => {
        const reply = runJob(/** @type {KiemsoModule} */ (this.inPage), entry.job);
        this.inflight = null;
        this.settle(entry, reply);
        if (!reply.ok && reply.error.kind === 'crash') {
          this.fail('page-crash', reply.error.message);
          return;
        }
        this.pump();
      }, 0);
      return;
    }
    this.inflight = { entry, id, timer: this.jobTimer() };
    /** @type {Worker} */ (this.worker).postMessage({ type: 'job', id, job: entry.job });
  }

  /** The timer of the job in flight: past it, the worker is taken as hung. */
  jobTimer() {
    return setTimeout(() => this.onWorkerDied('timeout', 'job-timeout'), this.options.jobTimeoutMs ?? 30000);
  }

  /**
   * The job in flight waits for the complete module to download (its time does not count), or
   * has it and checks (its time counts again, from zero).
   * @param {Worker} worker
   * @param {number} id
   * @param {boolean} downloading
   */
  onDownload(worker, id, downloading) {
    if (worker !== this.worker || !this.inflight || this.inflight.id !== id) return;
    clearTimeout(this.inflight.timer);
    this.inflight.timer = downloading ? undefined : this.jobTimer();
    if (downloading) this.emit({ type: 'downloading' });
  }

  /**
   * @param {Entry} entry
   * @param {Reply} reply
   */
  settle(entry, reply) {
    // A stale answer is never parsed.
    if (entry.latest && entry.seq !== this.latestSeq) entry.resolve({ stale: true });
    else entry.resolve(readReply(reply));
  }

  /**
   * @param {Worker} worker
   * @param {number} id
   * @param {Reply} reply
   */
  onReply(worker, id, reply) {
    if (worker !== this.worker || !this.inflight || this.inflight.id !== id) return;
    const { entry, timer } = this.inflight;
    clearTimeout(timer);
    this.inflight = null;
    this.settle(entry, reply);
    if (!reply.ok && reply.error.kind === 'crash') this.restart('crash', reply.error.message);
    else this.pump();
  }

  /**
   * The worker died or hung: answer the job it had, then start afresh.
   * @param {'crash' | 'timeout'} reason
   * @param {string} detail
   */
  onWorkerDied(reason, detail) {
    if (this.inflight) {
      const { entry, timer } = this.inflight;
      clearTimeout(timer);
      this.inflight = null;
      this.settle(entry, { ok: false, error: { kind: reason, message: detail } });
    }
    this.restart(reason, detail);
  }

  /**
   * Ends the current worker and starts a fresh one with a fresh Wasm instance.
   * @param {'crash' | 'timeout'} reason
   * @param {string} detail
   */
  restart(reason, detail) {
    this.worker?.terminate();
    this.worker = null;
    this.mode = 'starting';
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60000).concat(now);
    if (this.restarts.length > MAX_QUICK_RESTARTS + 1) {
      this.fail('crashes', detail);
      return;
    }
    this.spawn().then(
      (caps) => {
        this.emit({ type: 'restarted', reason, detail });
        this.becomeReady('worker', caps);
      },
      (why) => this.fail('restart', why),
    );
  }

  /** Ends the worker for good. */
  dispose() {
    this.worker?.terminate();
    this.worker = null;
    this.fail('stopped');
  }
}
