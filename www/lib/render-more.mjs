// What the results view draws only once there are results: a selected cell's details (its checks,
// the sentences of the report about it, its targets, the likely correction and «Cần bao nhiêu để
// đạt …?»), the section of the report's words and the choice of one of its sentences. Fetched
// with the first results (render.mjs's `ResultsView.update`), not with the page: the first
// load's budget (docs/benchmarks.md).

import { h, icon, replaceChildren } from './dom.mjs';
import { isProblem, severity } from './model.mjs';
import { shortMessage, placeOf, findingWhere } from './narrative.mjs';
import { CONTENT } from './render.mjs';

/**
 * @typedef {import('./render.mjs').ResultsView} ResultsView
 * @typedef {import('./render.mjs').Goal} Goal
 * @typedef {import('./model.mjs').Check} Check
 * @typedef {import('./model.mjs').Row} Row
 * @typedef {import('./model.mjs').Index} Index
 */

/**
 * Fills the details panel for the view's selected cell.
 * @param {ResultsView} view
 * @param {HTMLElement} heading  the panel's heading, made by the view
 */
export function renderDetail(view, heading) {
  const s = view.s;
  const slot = view.o.slots.detail;
  const index = /** @type {Index} */ (view.index);
  const cell = /** @type {string} */ (view.selected);
  const { row, form } = /** @type {NonNullable<ReturnType<Index['rows']['get']>>} */ (index.rows.get(cell));
  heading.textContent = `${s.detailTitle} ${cell}`;
  const about = index.about.get(cell) ?? [];
  const using = index.using.get(cell) ?? [];
  const edit = view.edits[cell];
  replaceChildren(slot,
    heading,
    h('p', { class: 'ks-detail-where' }, `${s.formName(form.form)} · ${s.columns[0]} ${row.stt}`),
    h('p', { class: 'ks-detail-ind', ...CONTENT }, /** @type {any} */ (row).column ? s.cellLabel(row.indicator, /** @type {any} */ (row).column) : row.indicator),
    h('p', { class: 'ks-detail-value' }, s.valueOf(row.value, row.unit),
      view.tapToRead && view.o.editable
        ? [' ', h('button', { type: 'button', class: 'ks-button ks-edit-cell', 'aria-label': s.sheetEditLabel(cell), onclick: () => view.startEdit(cell) }, icon('edit'), s.sheetEdit)]
        : null),
    edit ? h('p', { class: 'ks-detail-edited' }, icon('edit'), s.original(edit.original)) : null,
    suggestionDetail(view, cell),
    h(view.hx(2), { class: 'ks-detail-sub' }, s.checksAbout),
    about.length
      ? view.chunkedList('ul', 'ks-checks', about, (c) => view.checkItem(c, cell))
      : h('p', { class: 'ks-detail-empty' }, s.detailNoChecks),
    targetDetail(view, row),
    goalDetail(view, cell, about),
    using.length ? h(view.hx(2), { class: 'ks-detail-sub' }, s.checksUsing) : null,
    using.length
      ? view.chunkedList('ul', 'ks-uses', using, (c) => {
          const first = c.cells[0] ?? '';
          const target = index.rows.get(first);
          return h('li', { class: `ks-st-${c.status}` }, icon(c.status),
            h('span', { class: 'ks-use-status' }, s.status[c.status]), ' · ', s.kind[c.kind] ?? c.kind, ' · ',
            target
              ? h('button', { type: 'button', class: 'ks-link', onclick: () => view.select(first, { focus: true, scroll: true }) },
                  `${s.columns[0]} ${target.row.stt} — ${target.row.indicator}`)
              : first);
        })
      : null,
    toldDetail(view, cell),
  );
}

/**
 * «Cần bao nhiêu để đạt …?» for a cell that is a ratio or a total: a target, the core's answer,
 * and its changes applied as what-if edits in one tap.
 * @param {ResultsView} view
 * @param {string} cell
 * @param {Check[]} about
 */
function goalDetail(view, cell, about) {
  const ask = view.o.onTarget;
  if (!ask || !about.some((c) => (c.kind === 'ratio' || c.kind === 'sum') && c.cells[0] === cell)) return null;
  const s = view.s;
  const id = `${view.prefix}goal`;
  const input = /** @type {HTMLInputElement} */ (h('input', { id, class: 'ks-goal-input', inputmode: 'decimal', autocomplete: 'off', placeholder: '99,80' }));
  const answer = h('p', { class: 'ks-goal-answer', role: 'status' });
  const apply = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'ks-goal-apply', hidden: true }, s.goalApply));
  /** @type {Goal | null} */
  let goal = null;
  apply.addEventListener('click', () => {
    if (!goal) return;
    for (const c of goal.changes) view.o.onEdit?.(c.cell, c.to);
    apply.hidden = true;
    answer.textContent = s.goalApplied;
  });
  const form = h('form', { class: 'ks-goal' },
    h('label', { for: id }, s.goalLabel), ' ', input, ' ',
    h('button', { type: 'submit', class: 'ks-goal-ask' }, s.goalAsk));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    goal = null;
    apply.hidden = true;
    answer.textContent = s.goalBusy;
    try {
      goal = await ask(cell, input.value.trim());
      answer.textContent = goal.message;
      apply.hidden = !goal.reachable || goal.changes.length === 0 || !view.o.editable;
    } catch (err) {
      answer.textContent = err instanceof Error ? err.message : String(err);
    }
  });
  return [h(view.hx(2), { class: 'ks-detail-sub' }, s.goalTitle), form, answer, apply];
}

/**
 * The catalogue's targets for a row: the core's sentence for each («còn thiếu …» and what it
 * takes), and the change that reaches it applied as a what-if in one tap.
 * @param {ResultsView} view
 * @param {Row} row
 */
function targetDetail(view, row) {
  const list = view.shortfalls(row);
  if (!list.length) return null;
  const s = view.s;
  return [h(view.hx(2), { class: 'ks-detail-sub' }, s.targetTitle),
    h('ul', { class: 'ks-targets' }, list.map((t) => h('li', { class: `ks-target ks-st-${t.reached ? 'pass' : 'warn'}` },
      icon(t.reached ? 'pass' : 'warn'), h('span', { ...CONTENT }, t.message),
      !t.reached && t.changes.length && view.o.editable && view.o.onEdit
        ? h('button', { type: 'button', class: 'ks-button ks-target-apply', onclick: () => { for (const c of t.changes) view.o.onEdit?.(c.cell, c.to); } }, s.targetApply)
        : null)))];
}

/**
 * The likely correction of a cell (error localisation, `suggestions` of the result), with a
 * button that puts it in as an edit: marked as edited and undone like any other (Esc).
 * @param {ResultsView} view
 * @param {string} cell
 */
function suggestionDetail(view, cell) {
  const s = view.s;
  const sug = (view.index?.result.suggestions ?? []).find((x) => x.cell === cell);
  if (!sug) return null;
  return h('div', { class: `ks-suggestion ks-confidence-${sug.confidence}` },
    h('p', { class: 'ks-suggestion-h' }, icon('edit'), h('strong', null, s.suggestionTitle)),
    h('p', { class: 'ks-suggestion-msg', ...CONTENT }, sug.message),
    view.applyButton(sug));
}

/**
 * The sentences of the report compared with a cell: those that disagree ("Lời văn nói khác"),
 * then those that agree.
 * @param {ResultsView} view
 * @param {string} cell
 */
function toldDetail(view, cell) {
  const index = /** @type {Index} */ (view.index);
  const told = index.told.get(cell) ?? [];
  const bad = told.filter(isProblem).sort((a, b) => severity(b.status) - severity(a.status));
  const good = told.filter((c) => !isProblem(c));
  /** @param {string} title @param {Check[]} list */
  const group = (title, list) => list.length
    ? [h(view.hx(2), { class: 'ks-detail-sub' }, title), h('ul', { class: 'ks-checks' }, list.map((c) => toldItem(view, c)))]
    : [];
  return [...group(view.s.toldTitle, bad), ...group(view.s.toldAgree, good)];
}

/**
 * One sentence in a cell's details: its status, place, words, what it says against the table.
 * @param {ResultsView} view
 * @param {Check} c
 */
function toldItem(view, c) {
  const s = view.s;
  const place = placeOf(c, view.lineWord());
  return h('li', { class: `ks-check ks-st-${c.status}`, 'data-check': c.id },
    h('p', { class: 'ks-check-head' }, icon(c.status), h('strong', null, s.status[c.status]), ` · ${s.inText}${place ? `, ${place}` : ''}`),
    c.quote ? h('blockquote', { class: 'ks-quote', ...CONTENT }, `«${c.quote}»`) : null,
    h('p', { class: 'ks-check-msg', ...CONTENT }, shortMessage(c)),
    view.numbers([[s.textSays, c.reported], [s.tableSays, c.expected], [s.formula, c.formula],
      [s.imbalance, c.status === 'pass' ? null : c.imbalance]]),
    h('p', { class: 'ks-told-links' }, view.lineLink(c),
      view.o.narrative !== 'brief'
        ? h('button', { type: 'button', class: 'ks-link', onclick: () => focusFinding(view, c) }, s.showFinding)
        : null),
  );
}

// ——— the report's words ———

/**
 * The section "Lời văn của báo cáo": the sentences that disagree first, then (closed) those that
 * agree. Absent when the input has no narrative figures (a table pasted alone).
 * @param {ResultsView} view
 */
export function narrativeSection(view) {
  const index = /** @type {Index} */ (view.index);
  const s = view.s;
  const id = `${view.prefix}narrative`;
  const bad = index.narrative.filter(isProblem).sort((a, b) => severity(b.status) - severity(a.status));
  const rest = index.narrative.filter((c) => !isProblem(c));
  const pass = rest.filter((c) => c.status === 'pass').length;
  const na = rest.length - pass;
  view.findingPlaces.clear();
  const findings = (/** @type {Check[]} */ list) => {
    const ol = h('ol', { class: 'ks-findings' });
    const { more, upto } = view.chunked(ol, list, (c) => findingItem(view, c));
    list.forEach((c, i) => view.findingPlaces.set(c.id, () => upto(i)));
    return [ol, more];
  };
  const agree = /** @type {HTMLDetailsElement} */ (h('details', { class: 'ks-agree', open: view.agreeOpen },
    h('summary', null, icon('pass'), h('span', null, na ? s.narrativeAgreeNa(pass, na) : s.narrativeAgree(pass))),
    findings(rest)));
  agree.addEventListener('toggle', () => (view.agreeOpen = agree.open));
  return h('section', { class: 'ks-narrative', id, 'aria-labelledby': `${id}-h` },
    h(view.hx(1), { class: 'ks-narrative-h', id: `${id}-h`, tabindex: '-1' }, s.narrativeTitle),
    h('p', { class: 'ks-narrative-intro' }, view.canShowLine() ? s.narrativeIntro : s.narrativeIntroFile),
    bad.length
      ? [h(view.hx(2), { class: 'ks-narrative-sub' }, s.narrativeProblems(bad.length)),
          // Folded on phones (the same sentences head the list of problems): a disclosure
          // button there, nothing on wider screens.
          h('button', {
            type: 'button', class: 'ks-link ks-fold-toggle', 'aria-expanded': 'false',
            onclick: (/** @type {Event} */ e) => {
              const section = /** @type {HTMLElement} */ (e.currentTarget).closest('.ks-narrative');
              view.unfoldWords(section);
              /** @type {HTMLElement | null | undefined} */ (section?.querySelector('.ks-finding-pick'))?.focus();
            },
          }, s.foldFindings(bad.length)),
          findings(bad)]
      : h('p', { class: 'ks-narrative-clean' }, icon('pass'), s.narrativeNoProblem),
    rest.length ? agree : null,
  );
}

/**
 * One finding: a button with its status, place and sentence (selecting it shows the cells and
 * the line), then the explanation.
 * @param {ResultsView} view
 * @param {Check} c
 */
function findingItem(view, c) {
  const s = view.s;
  return h('li', { class: `ks-finding ks-st-${c.status}`, 'data-check': c.id },
    h('button', { type: 'button', class: 'ks-finding-pick', onclick: () => pickFinding(view, c) },
      h('span', { class: 'ks-finding-head' }, icon(c.status), h('strong', { class: 'ks-finding-status' }, s.status[c.status]),
        ' · ', h('span', { class: 'ks-finding-where' }, findingWhere(s, c, view.lineWord()))),
      c.quote ? h('span', { class: 'ks-finding-quote', ...CONTENT }, `«${c.quote}»`) : null),
    h('p', { class: 'ks-finding-msg', ...CONTENT }, shortMessage(c)),
    // Selecting a finding that names cells goes to them: its line has a link of its own.
    c.cells.length ? h('p', { class: 'ks-told-links' }, view.lineLink(c)) : null,
  );
}

/**
 * Selects a finding: highlights the cells its sentence was compared with, scrolls to them and
 * puts the focus on the first one's figure, and marks its line in the input. A finding that
 * names no cell (arithmetic inside the text) goes to its line in the input instead.
 * @param {ResultsView} view
 * @param {Check} c
 * @param {{ fromList?: boolean }} [how]  chosen from the list of problems at the top
 */
export function pickFinding(view, c, how = {}) {
  const index = view.index;
  if (!index) return;
  const cells = c.cells.filter((x) => index.rows.has(x));
  view.showCells(cells);
  view.finding = c.id;
  view.selected = cells[0] ?? null;
  view.unfold(cells);
  view.applySelection();
  view.renderDetail();
  if (view.selected) view.o.onSelect?.(view.selected);
  const line = c.line;
  if (cells.length) {
    const tr = view.rowEls.get(cells[0]);
    tr?.scrollIntoView({ block: 'center' });
    /** @type {HTMLElement | null | undefined} */ (tr?.querySelector('.ks-input, .ks-valtext'))?.focus({ preventScroll: true });
    if (typeof line === 'number' && view.canShowLine()) view.o.onQuote?.(line);
  } else if (typeof line === 'number' && view.canShowLine()) {
    view.o.onLine?.(line);
  } else if (how.fromList) {
    focusFinding(view, c);
  }
}

/**
 * Brings a finding of the section into view and focuses it (opening the list of agreeing
 * sentences if it is there).
 * @param {ResultsView} view
 * @param {Check} c
 */
function focusFinding(view, c) {
  const selector = `.ks-finding[data-check="${CSS.escape(c.id)}"]`;
  if (!view.o.slots.forms.querySelector(selector)) view.findingPlaces.get(c.id)?.();
  const li = view.o.slots.forms.querySelector(selector);
  if (!li) return;
  const details = li.closest('details');
  if (details && !details.open) details.open = true;
  view.unfoldWords(li.closest('.ks-narrative'));
  view.finding = c.id;
  view.applySelection();
  li.scrollIntoView({ block: 'center' });
  /** @type {HTMLElement | null} */ (li.querySelector('.ks-finding-pick'))?.focus({ preventScroll: true });
}
