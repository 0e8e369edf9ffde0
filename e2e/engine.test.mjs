// The engine tells the core's refusals (an Error with a code, docs/contract.md) from faults of the
// module, and says what a panic said instead of a bare trap. Plain Node: no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInputError, runJob } from '../www/lib/engine.mjs';

/** @param {string} message @param {string} [code] */
function refusal(message, code) {
  const e = new Error(message);
  if (code) /** @type {any} */ (e).code = code;
  return e;
}

test('a refusal has a code; a fault has none', () => {
  assert.equal(isInputError(refusal('Không có nội dung để kiểm tra.', 'empty')), true);
  assert.equal(isInputError(refusal('unreachable')), false);
  assert.equal(isInputError(new WebAssembly.RuntimeError('unreachable')), false);
  assert.equal(isInputError('empty'), false);
});

test('runJob answers a refusal as input and a trap as a crash with the panic message', () => {
  const refusing = { check: () => { throw refusal('Không có nội dung để kiểm tra.', 'empty'); } };
  assert.deepEqual(runJob(refusing, { op: 'text', text: ' ' }), {
    ok: false,
    error: { kind: 'input', message: 'Không có nội dung để kiểm tra.' },
  });
  const trapping = {
    check: () => {
      /** @type {any} */ (globalThis).__kiemsoPanic = 'Kiểm số gặp lỗi nội bộ (panicked at src/x.rs:1:1).';
      throw new WebAssembly.RuntimeError('unreachable');
    },
  };
  const reply = runJob(trapping, { op: 'text', text: 'x' });
  assert.equal(reply.ok, false);
  assert.equal(/** @type {any} */ (reply).error.kind, 'crash');
  assert.match(/** @type {any} */ (reply).error.message, /lỗi nội bộ \(panicked at src\/x\.rs/);
  // The message is used once: a later trap without a panic says what the trap said.
  const bare = { check: () => { throw new WebAssembly.RuntimeError('unreachable'); } };
  assert.match(/** @type {any} */ (runJob(bare, { op: 'text', text: 'x' })).error.message, /RuntimeError: unreachable/);
});
