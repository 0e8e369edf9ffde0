// One store for a page's state (state.d.ts `Store`): replaced, never changed in place, so that a
// subscriber tells what changed by comparing parts of the new state with the previous one's.

/**
 * @template {object} S
 * @param {S} initial
 * @returns {import('./state').Store<S>}
 */
export function createStore(initial) {
  let state = initial;
  /** @type {Set<(state: S, prev: S) => void>} */
  const subscribers = new Set();
  return {
    get: () => state,
    update(change) {
      const patch = typeof change === 'function' ? change(state) : change;
      if (!patch) return;
      const prev = state;
      state = { ...state, ...patch };
      for (const fn of subscribers) fn(state, prev);
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}
