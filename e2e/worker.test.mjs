// The checking worker: only the newest result is rendered, and a dead Wasm instance is replaced by
// a fresh one while the user is told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, SEED, assertSeedCounts, openApp, paste, after, eventually } from './helpers.mjs';

const env = serverAndBrowser();

test('the bridge drops stale jobs, restarts a crashed worker, and falls back to the page when no worker starts', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await openApp(context, env.server.url);
  const outcome = await page.evaluate(async () => {
    const { CheckerBridge } = await import('./lib/bridge.mjs');
    /** A stand-in worker: answers each job after 50 ms, and "traps" on the text 'trap'. */
    const workers = /** @type {any[]} */ ([]);
    class FakeWorker extends EventTarget {
      constructor() {
        super();
        this.jobs = /** @type {string[]} */ ([]);
        this.terminated = false;
        workers.push(this);
      }
      /** @param {any} msg */
      postMessage(msg) {
        setTimeout(() => {
          if (this.terminated) return;
          if (msg.type === 'init') {
            this.dispatchEvent(new MessageEvent('message', { data: { type: 'ready', capabilities: { checkFile: false } } }));
          } else if (msg.type === 'job') {
            this.jobs.push(msg.job.text);
            const reply = msg.job.text === 'trap'
              ? { ok: false, error: { kind: 'crash', message: 'RuntimeError: unreachable' } }
              : { ok: true, result: msg.job.text };
            setTimeout(() => !this.terminated && this.dispatchEvent(new MessageEvent('message', { data: { type: 'reply', id: msg.id, reply } })), 50);
          }
        }, 0);
      }
      terminate() {
        this.terminated = true;
      }
    }
    const events = /** @type {string[]} */ ([]);
    const bridge = new CheckerBridge({ createWorker: () => /** @type {any} */ (new FakeWorker()), onEvent: (e) => events.push(e.type) });
    await bridge.ready;
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => bridge.latest({ op: 'text', text: t })));
    const ranInFirst = [...workers[0].jobs];
    const crash = await bridge.latest({ op: 'text', text: 'trap' });
    const afterCrash = await bridge.latest({ op: 'text', text: 'fresh' });
    const own = await Promise.all(['x', 'y'].map((t) => bridge.request({ op: 'text', text: t })));

    const fallback = new CheckerBridge({
      createWorker: () => { throw new Error('no workers here'); },
      loadInPage: async () => ({ check: (/** @type {string} */ t) => ({ echoed: t }) }),
    });
    const inPage = await fallback.latest({ op: 'text', text: 'p' });
    return {
      answers: answers.map((a) => (a.stale ? 'stale' : a.ok ? a.result : 'error')),
      ranInFirst,
      crash,
      afterCrash,
      own: own.map((a) => (!a.stale && a.ok ? a.result : 'x')),
      workers: workers.length,
      firstTerminated: workers[0].terminated,
      events,
      mode: fallback.mode,
      inPage,
    };
  });
  // Only the newest of five quick requests is shown; the three that waited never ran.
  assert.deepEqual(outcome.answers, ['stale', 'stale', 'stale', 'stale', 'e']);
  assert.deepEqual(outcome.ranInFirst, ['a', 'e']);
  // A trap ends that worker; the next job runs in a new one.
  assert.deepEqual(outcome.crash, { ok: false, error: { kind: 'crash', message: 'RuntimeError: unreachable' } });
  assert.deepEqual(outcome.afterCrash, { ok: true, result: 'fresh' });
  assert.equal(outcome.workers, 2);
  assert.equal(outcome.firstTerminated, true);
  assert.deepEqual(outcome.events, ['ready', 'restarted', 'ready']);
  assert.deepEqual(outcome.own, ['x', 'y']);
  assert.equal(outcome.mode, 'page');
  assert.deepEqual(outcome.inPage, { ok: true, result: { echoed: 'p' } });
  await context.close();
});

test('when the Wasm instance traps, the page says so, keeps the last results, and checks again with a fresh instance', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  // The real module, except that checkJson() (what the worker calls) traps (as a Rust panic
  // does: `unreachable`) on a marker.
  await context.route('**/pkg/kiemso.js', async (route) => {
    const response = await route.fetch();
    const glue = (await response.text()).replace(
      /export function checkJson\(text, options\) \{/,
      "$&\n    if (String(text).includes('KIEMSO-TEST-TRAP')) throw new WebAssembly.RuntimeError('unreachable');",
    );
    if (!glue.includes('KIEMSO-TEST-TRAP')) throw new Error('could not instrument checkJson()');
    await route.fulfill({ response, body: glue });
  });
  const page = await openApp(context, env.server.url);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.engineMode), 'worker');
  await after(page, () => paste(page, { plain: SEED }));
  await after(page, () => paste(page, { plain: `${SEED}\nKIEMSO-TEST-TRAP` }));
  const box = page.locator('#input-problems');
  await eventually(() => box.isVisible());
  assert.match(await box.innerText(), /Bộ kiểm tra gặp sự cố với dữ liệu này \(lỗi của chương trình, không phải của bạn\) và đã được khởi động lại/);
  assert.equal(await page.locator('#stale').isVisible(), true);
  assert.equal(await page.locator('.ks-form').count(), 7);
  await eventually(() => page.evaluate(() => document.documentElement.dataset.restarts === '1'));
  // The fresh instance checks the next input.
  const summary = await after(page, () => page.getByRole('button', { name: 'Hoàn tác' }).click());
  assertSeedCounts(summary);
  assert.equal(await box.isVisible(), false);
  assert.equal(await page.locator('#stale').isVisible(), false);
  await context.close();
});
