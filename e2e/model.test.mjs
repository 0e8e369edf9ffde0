// The view model (www/lib/model.mjs) on inputs too big to build by hand: generated here, in the
// test, not real data. Pure module, runs in node with the rest of e2e/ (`node --test e2e/`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexResult } from '../www/lib/model.mjs';

/**
 * A generated result: `forms` forms of `rows` rows each, one line per row, a line of title before
 * each form, and the given notices.
 * @param {number} forms
 * @param {number} rows
 * @param {{ line?: number | null, message: string }[]} notices
 */
function generated(forms, rows, notices) {
  const out = [];
  let line = 1;
  for (let f = 0; f < forms; f++) {
    const form = `T${f + 1}`;
    const start = line++;
    const table = [];
    for (let r = 0; r < rows; r++) {
      table.push({ cell: `${form}/${r + 1}`, stt: String(r + 1), depth: 0, indicator: `Chỉ tiêu ${r + 1}`, unit: 'Hồ sơ', value: String(r), note: '', line: line++ });
    }
    out.push({ form, title: '', rows, recognition: /** @type {const} */ ('unknown'), line: start, table });
  }
  return { forms: out, checks: [], summary: { pass: 0, fail: 0, warn: 0, na: 0 }, notices };
}

test('a table of 200,000 rows is indexed, its notices placed (no spread into Math.max)', () => {
  const rows = 200_000;
  const result = generated(1, rows, [{ line: 150_000, message: 'Dòng lạ' }, { line: null, message: 'Chung' }]);
  const index = indexResult(/** @type {any} */ (result));
  assert.equal(index.rows.size, rows);
  assert.deepEqual(index.formNotices.get('T1')?.map((n) => n.message), ['Dòng lạ']);
  assert.deepEqual(index.looseNotices.map((n) => n.message), ['Chung']);
});

test('notices are placed in one pass over many forms (not notices × forms × forms)', () => {
  // 4,000 forms and 4,000 notices: the old nested loops took about a minute; linear work takes
  // milliseconds, so a bound of 10 s fails only the quadratic one (a synchronous test cannot be
  // stopped by a timeout, hence the measured time).
  const forms = 4000;
  const notices = Array.from({ length: forms }, (_, i) => ({ line: i * 4 + 3, message: `n${i}` }));
  const result = /** @type {any} */ (generated(forms, 3, notices));
  const t0 = performance.now();
  const index = indexResult(result);
  const ms = performance.now() - t0;
  assert.ok(ms < 10_000, `indexing took ${Math.round(ms)} ms`);
  assert.equal(index.looseNotices.length, 0);
  // Form i starts on line 4i + 1 (its rows on 4i + 2 … 4i + 4): notice i is inside it.
  for (let i = 0; i < forms; i += 997) assert.deepEqual(index.formNotices.get(`T${i + 1}`)?.map((n) => n.message), [`n${i}`]);
});

test('a notice belongs to the last form starting at or before its line; before every form it is loose', () => {
  const result = generated(3, 2, [
    { line: 0, message: 'trước' },
    { line: 1, message: 'tiêu đề T1' },
    { line: 4, message: 'tiêu đề T2' },
    { line: 6, message: 'cuối T2' },
    { line: 900, message: 'sau cùng' },
  ]);
  // A second form on the same line as T2 (two tables read from one place): the first listed wins.
  result.forms.splice(2, 0, { ...result.forms[1], form: 'T2b' });
  const index = indexResult(/** @type {any} */ (result));
  assert.deepEqual(index.looseNotices.map((n) => n.message), ['trước']);
  assert.deepEqual(index.formNotices.get('T1')?.map((n) => n.message), ['tiêu đề T1']);
  assert.deepEqual(index.formNotices.get('T2')?.map((n) => n.message), ['tiêu đề T2', 'cuối T2']);
  assert.equal(index.formNotices.get('T2b'), undefined);
  assert.deepEqual(index.formNotices.get('T3')?.map((n) => n.message), ['sau cùng']);
});
