// The page's tools for a meeting: «Chia sẻ» (phones), the projector view (#trinh-chieu) and the
// what-if scenarios. Wired by page.mjs with the first result, not with the page: their buttons
// show only with results, and the first load has a budget (docs/benchmarks.md). The projector
// and the scenarios themselves are fetched the first time they are used.

import { h } from './dom.mjs';

/**
 * @typedef {import('./model.mjs').Result} Result
 * @typedef {import('./state').State} State
 *
 * @typedef {object} MeetingOptions
 * @property {import('./i18n.mjs').Strings} s
 * @property {() => State} get  the page's state now
 * @property {HTMLElement} toolbar  the export bar, where «Chia sẻ» and «Trình chiếu» go first
 * @property {HTMLElement} filled  the results panel (hidden while there are none)
 * @property {HTMLElement} editsBar  the what-if bar, followed by the scenarios
 * @property {HTMLElement} resetEdits  «Bỏ mọi sửa đổi», preceded by «Lưu kịch bản»
 * @property {() => Extract<import('./engine.mjs').Job, { op: 'text' | 'file' }> | null} job  the check on screen (none:
 *   nothing to check)
 * @property {import('./bridge.mjs').CheckerBridge} bridge
 * @property {import('./scenario.mjs').ScenarioHooks['use']} use  makes a scenario's edits the current ones
 * @property {(message: string) => void} say  a line for the page's status
 *
 * @typedef {object} Meeting
 * @property {(st: State, result: Result) => void} shown  a new answer is on the page
 * @property {() => void} clear  the input was replaced: its scenarios are gone
 */

/** The address that opens the projector view. */
const PROJECTOR_HASH = '#trinh-chieu';

/**
 * Adds the meeting's buttons to the page and answers them.
 * @param {MeetingOptions} o
 * @returns {Meeting}
 */
export function wireMeeting({ s, get, toolbar, filled, editsBar, resetEdits, job, bridge, use, say }) {
  const projectorButton = h('button', { type: 'button', class: 'button button-small', id: 'projector', title: s.projectorLabel }, s.projector);
  toolbar.prepend(projectorButton);
  // Phones: the summary to a chat or a mail through the system's share sheet (exports.mjs).
  if (typeof navigator.share === 'function') toolbar.prepend(h('button', { type: 'button', class: 'button button-small', id: 'share' }, s.share));
  /** @type {import('./projector.mjs').Projector | null} */
  let projector = null;
  /** Opens the projector view on the results shown now (its module fetched the first time). */
  async function openProjector() {
    if (!projector) {
      const { Projector } = await import('./projector.mjs');
      projector ??= new Projector(s, {
        onClose: () => {
          if (location.hash === PROJECTOR_HASH) history.replaceState(null, '', location.pathname + location.search);
          if (!filled.hidden) projectorButton.focus();
        },
      });
    }
    const { result } = get();
    if (result && !projector.isOpen()) projector.open(result);
  }
  projectorButton.addEventListener('click', () => {
    if (!get().result) return;
    history.replaceState(null, '', PROJECTOR_HASH);
    openProjector();
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === PROJECTOR_HASH && get().result) openProjector();
    else if (location.hash !== PROJECTOR_HASH && projector?.isOpen()) projector.close();
  });

  const scenarioList = h('section', { class: 'scenarios', id: 'scenarios', 'aria-label': s.scenariosTitle, hidden: true });
  const scenarioPanel = h('section', { class: 'scenario-compare panel', id: 'scenario-compare', 'aria-label': s.scenarioCompare, hidden: true });
  editsBar.after(scenarioList, scenarioPanel);
  /** @type {import('./scenario.mjs').Scenarios | null} */
  let scenarios = null;
  /** @type {import('./scenario.mjs').ScenarioHooks} */
  const scenarioHooks = {
    check: async (overrides) => {
      const now = job();
      if (!now) throw new Error(s.nothingToCompare);
      const answer = await bridge.request({ ...now, options: { ...now.options, overrides } });
      if (answer.stale) throw new Error(s.superseded);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.result;
    },
    use,
    say,
  };
  resetEdits.before(h('button', {
    type: 'button', class: 'button button-small button-quiet', id: 'scenario-save',
    onclick: async () => {
      const { edits } = get();
      if (!scenarios) {
        const { Scenarios } = await import('./scenario.mjs');
        scenarios ??= new Scenarios(s, scenarioList, scenarioPanel, scenarioHooks);
      }
      scenarios.save(edits);
    },
  }, s.scenarioSave));

  return {
    shown(st, result) {
      // The room sees the answer in full: opened (from the address) once the words are checked
      // too, and kept up to date while it is open.
      if (projector?.isOpen()) projector.open(result, projector.at);
      else if (location.hash === PROJECTOR_HASH && !st.narrativePending) openProjector();
    },
    clear() {
      scenarios?.clear();
    },
  };
}
