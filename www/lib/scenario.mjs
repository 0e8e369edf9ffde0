// Scenarios (issue 18): the what-if edits of the moment kept under a name («Kịch bản A»), and one
// of them compared side by side with the report as filed — the summary, the figures that differ,
// and the checks whose status changes — on one printable page. Both sides are checked afresh by
// the core; nothing here computes a figure.

import { h, icon, replaceChildren } from './dom.mjs';
import { useStyles } from './styles.mjs';
import { indexResult } from './model.mjs';

// Its styles come with it (lib/meeting.css), not with the first load.
await useStyles(new URL('./meeting.css', import.meta.url));

/**
 * @typedef {import('./model.mjs').Result} Result
 * @typedef {import('./model.mjs').Check} Check
 * @typedef {import('./i18n.mjs').Strings} Strings
 * @typedef {Record<string, { value: string, original: string }>} Edits
 * @typedef {{ name: string, edits: Edits }} Scenario
 *
 * @typedef {object} ScenarioHooks
 * @property {(overrides: Record<string, string>) => Promise<Result>} check  checks the input
 *   with these figures put in (none: the report as filed)
 * @property {(edits: Edits) => void} use  makes a scenario's edits the current ones
 * @property {(message: string) => void} say  a line for the page's status
 */

/**
 * The figures that differ between two results of the same input, in the order of the tables.
 * @param {Result} before
 * @param {Result} after
 * @returns {{ cell: string, where: string, indicator: string, before: string, after: string }[]}
 */
export function changedCells(before, after) {
  const old = new Map(before.forms.flatMap((f) => f.table.map((r) => [r.cell, r.value])));
  return after.forms.flatMap((f) => f.table
    .filter((r) => old.has(r.cell) && old.get(r.cell) !== r.value)
    .map((r) => ({ cell: r.cell, where: `${f.form} · ${r.stt}`, indicator: r.indicator, before: old.get(r.cell) ?? '', after: r.value })));
}

/**
 * The checks (known by their stable id) whose status is not the same in both results. A check
 * that only one side makes (the core leaves out what another check already implies) is listed
 * when it finds a problem there.
 * @param {Result} before
 * @param {Result} after
 * @returns {{ before: Check | undefined, after: Check | undefined }[]}
 */
export function changedChecks(before, after) {
  const old = new Map(before.checks.map((c) => [c.id, c]));
  const problem = (/** @type {Check} */ c) => c.status === 'fail' || c.status === 'warn';
  const out = [];
  for (const c of after.checks) {
    const was = old.get(c.id);
    if (was ? was.status !== c.status : problem(c)) out.push({ before: was, after: c });
    old.delete(c.id);
  }
  for (const was of old.values()) if (problem(was)) out.push({ before: was, after: undefined });
  return out;
}

export class Scenarios {
  /**
   * @param {Strings} strings
   * @param {HTMLElement} list  where the saved scenarios are listed
   * @param {HTMLElement} panel  where a comparison is shown (and printed)
   * @param {ScenarioHooks} hooks
   */
  constructor(strings, list, panel, hooks) {
    this.s = strings;
    this.list = list;
    this.panel = panel;
    this.hooks = hooks;
    /** @type {Scenario[]} */
    this.saved = [];
    this.named = 0;
    this.render();
  }

  /**
   * Keeps the edits of the moment as the next named scenario.
   * @param {Edits} edits
   */
  save(edits) {
    if (!Object.keys(edits).length) return;
    const name = this.s.scenarioName(this.named++);
    this.saved.push({ name, edits: structuredClone(edits) });
    this.hooks.say(this.s.scenarioSaved(name, Object.keys(edits).length));
    this.render();
  }

  /** Forgets every scenario (a new input). */
  clear() {
    this.saved = [];
    this.named = 0;
    this.panel.hidden = true;
    this.render();
  }

  render() {
    const s = this.s;
    this.list.hidden = !this.saved.length;
    replaceChildren(this.list,
      h('h2', { class: 'scenarios-h' }, s.scenariosTitle),
      h('ul', { class: 'scenarios-list' }, this.saved.map((sc, i) => h('li', null,
        h('span', null, h('strong', null, sc.name), ` — ${s.scenarioEdits(Object.keys(sc.edits).length)}`),
        h('span', { class: 'scenario-actions' },
          h('button', { type: 'button', class: 'button button-small', onclick: () => this.compare(i) }, s.scenarioCompare),
          h('button', { type: 'button', class: 'button button-small button-quiet', onclick: () => this.hooks.use(structuredClone(sc.edits)) }, s.scenarioUse),
          h('button', { type: 'button', class: 'button button-small button-quiet', 'aria-label': `${s.scenarioDelete} ${sc.name}`, onclick: () => this.remove(i) }, s.scenarioDelete))))));
  }

  /** @param {number} i */
  remove(i) {
    const [gone] = this.saved.splice(i, 1);
    if (this.panel.dataset.scenario === gone?.name) this.panel.hidden = true;
    this.render();
  }

  /**
   * «Báo cáo» vs «Kịch bản A», each checked afresh.
   * @param {number} i
   */
  async compare(i) {
    const s = this.s;
    const sc = this.saved[i];
    if (!sc) return;
    this.panel.hidden = false;
    this.panel.dataset.scenario = sc.name;
    replaceChildren(this.panel, h('p', { role: 'status' }, s.scenarioBusy));
    let filed, tried;
    try {
      filed = await this.hooks.check({});
      tried = await this.hooks.check(Object.fromEntries(Object.entries(sc.edits).map(([c, e]) => [c, e.value])));
    } catch (err) {
      replaceChildren(this.panel, h('p', { role: 'alert' }, err instanceof Error ? err.message : String(err)));
      return;
    }
    const rows = indexResult(tried).rows;
    const cells = changedCells(filed, tried);
    const checks = changedChecks(filed, tried);
    const status = (/** @type {Check | undefined} */ c) => c ? h('span', { class: `scenario-status ks-st-${c.status}` }, icon(c.status), ` ${s.status[c.status]}`) : '—';
    const heading = s.scenarioHeading(sc.name);
    replaceChildren(this.panel,
      h('h2', { class: 'scenario-h', tabindex: '-1' }, heading),
      h('table', { class: 'scenario-table' },
        h('caption', null, s.scenarioSummary),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, s.scenarioReport), h('th', { scope: 'col' }, sc.name))),
        h('tbody', null, /** @type {const} */ (['fail', 'warn', 'pass', 'na']).map((st) => h('tr', null,
          h('th', { scope: 'row' }, s.status[st]), h('td', null, String(filed.summary[st])), h('td', null, String(tried.summary[st])))))),
      h('table', { class: 'scenario-table' },
        h('caption', null, `${s.scenarioChanged} (${cells.length})`),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, s.scenarioCell), h('th', { scope: 'col' }, s.scenarioReport), h('th', { scope: 'col' }, sc.name))),
        h('tbody', null, cells.map((c) => h('tr', null,
          h('th', { scope: 'row' }, h('span', { class: 'scenario-where' }, c.where), ' ', c.indicator),
          h('td', { class: 'scenario-num' }, c.before), h('td', { class: 'scenario-num' }, c.after))))),
      h('table', { class: 'scenario-table scenario-checks' },
        h('caption', null, `${s.scenarioStatusChanged} (${checks.length})`),
        checks.length
          ? [h('thead', null, h('tr', null, h('th', { scope: 'col' }, s.scenarioCheck), h('th', { scope: 'col' }, s.scenarioReport), h('th', { scope: 'col' }, sc.name))),
              h('tbody', null, checks.map(({ before, after }) => {
                const c = /** @type {Check} */ (after ?? before);
                const hit = c.cells[0] ? rows.get(c.cells[0]) : undefined;
                return h('tr', null,
                  h('th', { scope: 'row' }, h('span', { class: 'scenario-where' }, hit ? `${hit.form.form} · ${hit.row.stt} · ${s.kind[c.kind] ?? c.kind}` : s.kind[c.kind] ?? c.kind),
                    h('span', { class: 'scenario-msg' }, c.message)),
                  h('td', null, status(before)), h('td', null, status(after)));
              }))]
          : h('tbody', null, h('tr', null, h('td', { colspan: 3 }, s.scenarioNoStatusChange)))),
      h('p', { class: 'scenario-actions' },
        h('button', { type: 'button', class: 'button button-small', onclick: () => this.print() }, s.scenarioPrint),
        h('button', { type: 'button', class: 'button button-small button-quiet', onclick: () => { this.panel.hidden = true; } }, s.scenarioClose)));
    /** @type {HTMLElement | null} */ (this.panel.querySelector('.scenario-h'))?.focus();
  }

  /** Prints the comparison alone, on one page. */
  print() {
    document.body.classList.add('print-scenario');
    window.addEventListener('afterprint', () => document.body.classList.remove('print-scenario'), { once: true });
    window.print();
  }
}
