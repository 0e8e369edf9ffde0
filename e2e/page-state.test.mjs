// The page's state and its actions (www/lib/page-state.mjs, www/lib/store.mjs), without a browser:
// pure modules, run in node with the rest of e2e/ (`node --test e2e/`). The results are small
// made-up answers built here, not real reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore } from '../www/lib/store.mjs';
import {
  TEXTBOX_LIMIT, initialState, tooLongToShow, replaced, typed, undone, erased, tookOther, edited, answered, cleared,
  failed, refused,
} from '../www/lib/page-state.mjs';
import { STRINGS } from '../www/lib/i18n.mjs';
import { en } from '../www/lib/i18n-en.mjs';

const s = STRINGS.vi;
/** @typedef {import('../www/lib/state').State} State */

/** @param {Partial<State>} [over] @returns {State} */
const stateWith = (over = {}) => ({
  ...initialState({ text: '', edits: {}, file: null, catalogue: null, onlyProblems: false }, ''),
  ...over,
});

/** A made-up answer: one form with one row per given cell and value. */
function result({ cells = [['B01/1', '10']], notices = /** @type {any[]} */ ([]), pending = false, fail = 0, narrative = false } = {}) {
  return /** @type {any} */ ({
    forms: [{ form: 'B01', title: '', rows: cells.length, recognition: 'catalogue', line: 1,
      table: cells.map(([cell, value], i) => ({ cell, stt: String(i + 1), depth: 0, indicator: '', unit: '', value, note: '', line: i + 2 })) }],
    checks: narrative ? [{ kind: 'narrative' }] : [],
    summary: { pass: 1, fail, warn: 0, na: 0 },
    notices,
    ...(pending && { narrative_pending: true }),
  });
}

/** Applies actions one after another, as the store does. @param {State} st @param {((st: State) => Partial<State>)[]} steps */
const after = (st, ...steps) => steps.reduce((acc, step) => ({ ...acc, ...step(acc) }), st);

test('the store merges patches, tells subscribers the state before, and ignores null', () => {
  const store = createStore({ a: 1, b: { c: 2 } });
  /** @type {[number, number][]} */
  const seen = [];
  const stop = store.subscribe((st, prev) => seen.push([st.a, prev.a]));
  const b = store.get().b;
  store.update({ a: 2 });
  store.update((st) => ({ a: st.a * 10 }));
  store.update(() => null);
  assert.deepEqual(seen, [[2, 1], [20, 2]]);
  assert.equal(store.get().b, b, 'parts not in the patch are the same objects (a render compares them)');
  stop();
  store.update({ a: 3 });
  assert.equal(seen.length, 2, 'unsubscribed');
});

test('replacing the input keeps what was there for «Hoàn tác», and undo brings it back', () => {
  const edits = { 'B01/1': { value: '12', original: '10' } };
  const st = stateWith({ text: 'cũ', edits, seq: 4 });
  const next = after(st, (x) => replaced(x, { text: 'mới' }, 'Đã thay'));
  assert.equal(next.text, 'mới');
  assert.deepEqual(next.edits, {});
  assert.ok(next.seq > st.seq, 'a newer action: a slower file or example is dropped');
  assert.equal(next.reveal, true);
  assert.deepEqual(next.undo, { message: 'Đã thay', work: { text: 'cũ', edits, file: null } });
  const back = after(next, (x) => undone(x, s));
  assert.equal(back.text, 'cũ');
  assert.equal(back.edits, edits);
  assert.equal(back.undo, null);
  assert.equal(back.status.text, s.restored);
  // Nothing was there: nothing to undo.
  assert.equal(after(stateWith(), (x) => replaced(x, { text: 'a' }, 'x')).undo, null);
});

test('typing over a file replaces it; blanks over a text too long to show leave it', () => {
  const file = { name: 'a.xlsx', bytes: new Uint8Array([1]) };
  assert.deepEqual(after(stateWith({ file }), (x) => typed(x, 'B01')).file, null);
  assert.equal(after(stateWith({ file }), (x) => typed(x, '  ')).file, file, 'blanks typed do not close the file');
  const long = 'x'.repeat(TEXTBOX_LIMIT + 1);
  const kept = after(stateWith({ text: long }), (x) => typed(x, ' '));
  assert.equal(kept.text, long);
  assert.ok(tooLongToShow(kept));
  assert.equal(after(stateWith({ text: long }), (x) => typed(x, 'mới')).text, 'mới');
});

test('an edit back to the printed figure is dropped; the printed figure is kept from the first edit', () => {
  const st = stateWith({ result: result({ cells: [['B01/1', '10']] }) });
  const one = after(st, (x) => edited(x, 'B01/1', '12'));
  assert.deepEqual(one.edits, { 'B01/1': { value: '12', original: '10' } });
  const two = after(one, (x) => edited(x, 'B01/1', '13'));
  assert.equal(two.edits['B01/1'].original, '10');
  assert.deepEqual(after(two, (x) => edited(x, 'B01/1', ' 10 ')).edits, {});
  assert.deepEqual(st.edits, {}, 'the state before is never changed');
});

test('an answer is shown with its notices, and a pending narrative keeps the page busy', () => {
  const st = stateWith({ text: 'a\nb', reveal: true, openedNote: 'Mã hoá đoán: windows-1258' });
  const done = after(st, (x) => answered(x, result({ notices: [{ message: 'Dòng lạ', line: 3, code: 'odd' }] }), s));
  assert.equal(done.phase, 'done');
  assert.equal(done.busy, false);
  assert.equal(done.shown, st.shown + 1);
  assert.deepEqual(done.problems.map((p) => p.message), ['Mã hoá đoán: windows-1258', 'Dòng lạ']);
  assert.equal(done.problems[1].content, false, 'a notice with a code is in the page\'s words');
  assert.equal(done.reveal, false);
  assert.equal(done.focus?.to, 'results');
  assert.equal(done.source, s.sourcePasted(2));
  const pending = after(st, (x) => answered(x, result({ pending: true }), s));
  assert.equal(pending.phase, 'checking');
  assert.equal(pending.busy, true);
  assert.equal(pending.status.text, s.checkedPending(1, s.counted(0, 0, 1, 0)));
  // The status speaks the page's language.
  assert.equal(after(st, (x) => answered(x, result(), en)).status.text, en.checked(1, false, en.counted(0, 0, 1, 0)));
});

test('a report opened from the inbox is shown at its form, once', () => {
  const st = after(stateWith(), (x) => replaced(x, { file: { name: 'a.xlsx', bytes: new Uint8Array() }, form: 'B03' }, 'x'));
  const shown = after(st, (x) => answered(x, result(), s));
  assert.deepEqual([shown.focus?.to, shown.focus?.form, shown.inboxForm], ['results', 'B03', null]);
  assert.equal(shown.source, s.sourceFile('a.xlsx'));
});

test('a failure keeps the answer shown as stale; a crash is said; a refused kind closes the file', () => {
  const shownBefore = stateWith({ result: result(), phase: 'done', panel: 'done' });
  const crash = after(shownBefore, (x) => failed(x, { kind: 'crash', message: '' }, s));
  assert.deepEqual([crash.phase, crash.panel, crash.engineNote], ['stale', 'stale', s.crashed]);
  assert.equal(after(stateWith(), (x) => failed(x, { kind: 'timeout', message: '' }, s)).phase, 'error');
  const input = after(stateWith({ reveal: true }), (x) => failed(x, { kind: 'input', message: 'Trống' }, s));
  assert.deepEqual(input.problems, [{ target: 'input', message: 'Trống', content: true }]);
  assert.equal(input.focus?.to, 'problems');
  const file = { name: 'a.pdf', bytes: new Uint8Array() };
  const closed = after(stateWith({ file }), (x) => failed(x, { kind: 'unsupported', message: '' }, s));
  assert.equal(closed.file, null);
  assert.equal(closed.problems[0].message, s.unsupportedFile('PDF', 'a.pdf'));
  const refusal = after(shownBefore, (x) => refused(x, 'Quá lớn'));
  assert.deepEqual([refusal.phase, refusal.problems[0].message, refusal.focus?.to], ['stale', 'Quá lớn', 'problems']);
});

test('erasing clears the input and the answer, with «Hoàn tác» only when there was something', () => {
  const st = stateWith({ text: 'a', result: result(), conflict: 'changed' });
  const gone = after(st, (x) => erased(x, s), cleared);
  assert.deepEqual([gone.text, gone.result, gone.conflict, gone.phase], ['', null, null, 'empty']);
  assert.equal(gone.undo?.work.text, 'a');
  assert.equal(after(stateWith(), (x) => erased(x, s)).undo, null);
});

test('the work of another tab is taken with its catalogue, undoable, and agreed with', () => {
  const other = { text: 'khác', edits: {}, file: null, catalogue: { name: 'q.json', text: '{}' } };
  const st = after(stateWith({ text: 'của tôi', conflict: 'changed' }), (x) => tookOther(x, other, 'w2', s));
  assert.deepEqual([st.text, st.catalogue, st.savedWork, st.conflict], ['khác', other.catalogue, 'w2', null]);
  assert.deepEqual(st.undo, { message: s.tookOtherTab, work: { text: 'của tôi', edits: {}, file: null } });
});
