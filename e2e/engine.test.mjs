// The engine tells the core's refusals (an Error with a code, docs/contract.md) from faults of the
// module, and says what a panic said instead of a bare trap. Plain Node: no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInputError, runJob, readReply, narrativePending, withoutNarrativeNotice, needsCompleteModule } from '../www/lib/engine.mjs';

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

/** A module whose outcome leaves a narrative for the complete module; `checkJson` as the core's. */
function moduleOf(/** @type {any} */ outcome) {
  const bytes = () => ({
    json: new TextEncoder().encode(JSON.stringify(outcome)),
    narrative_lines: outcome.narrative_lines, narrative_checked: outcome.narrative_checked,
    grids_pending: outcome.grids_pending ?? 0, suggestions_pending: outcome.suggestions_pending ?? false,
  });
  return { check: () => structuredClone(outcome), checkFile: () => structuredClone(outcome), checkJson: bytes, checkFileJson: bytes };
}

test('an answer sent as JSON bytes reads as the object, with the notices the worker added', () => {
  const outcome = {
    version: 2, forms: [{ form: 'B03', rows: 1, table: [] }], checks: [{ id: 'x', message: 'Dòng 3.1 «Tỷ lệ»: khớp.' }],
    summary: { pass: 1, fail: 0, warn: 0, na: 0 }, notices: [{ line: 3, message: 'Bảng lạ.' }],
    narrative_lines: 4, narrative_checked: false,
  };
  const mod = moduleOf(outcome);
  for (const job of /** @type {const} */ ([{ op: 'text', text: 'x' }, { op: 'file', bytes: new Uint8Array(1), name: 'a.txt' }])) {
    const bytes = runJob(mod, job, { bytes: true });
    assert.ok(bytes.ok && bytes.json instanceof Uint8Array, 'the worker answers with bytes');
    assert.equal(/** @type {any} */ (bytes).result.forms, undefined, 'the worker never parses the outcome');
    assert.equal(needsCompleteModule(bytes), true);
    const object = runJob(mod, job);
    assert.deepEqual(readReply(bytes), object);
    assert.deepEqual(readReply(narrativePending(bytes)), narrativePending(object));
    assert.deepEqual(readReply(withoutNarrativeNotice(bytes)), withoutNarrativeNotice(object));
  }
  // Without `checkJson` (an older module), or in the page, the answer is the object.
  assert.deepEqual(runJob({ check: mod.check }, { op: 'text', text: 'x' }, { bytes: true }), runJob(mod, { op: 'text', text: 'x' }));
});
