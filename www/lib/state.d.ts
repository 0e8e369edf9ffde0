// The page's state (page-state.mjs, page.mjs): types only, never sent to the browser, so that
// describing each part costs the first load nothing.
import type { Result } from './model.mjs';

/** The what-if edits, by cell: the value tried and the printed one. */
export type Edits = Record<string, { value: string, original: string }>;
/** The opened Word/Excel file. */
export interface OpenFile { name: string, bytes: Uint8Array }
/** The user's rules catalogue. */
export interface Catalogue { name: string, text: string }
/** What «Hoàn tác» restores. */
export interface Work { text: string, edits: Edits, file: OpenFile | null }
/** A problem of the input listed at the top; `content`: the core's own words (Vietnamese always). */
export interface Problem { message: string, line?: number | null, target?: 'input' | 'file', content?: boolean }
export type Phase = 'empty' | 'checking' | 'done' | 'stale' | 'error';
export interface Engine {
  state: 'starting' | 'ready' | 'failed',
  /** which module checks (`data-engine-mode`) */
  mode: string,
  /** whether files can be read (`data-check-file`) */
  checkFile: boolean,
  restarts: number,
  /** ready once: the first `ready` checks the input, a restart does not (it would crash again) */
  everReady: boolean,
}
/** Where the last action asked the page to bring the reader; `n` counts the requests. */
export interface Focus { to: 'results' | 'problems' | 'form', form?: string | null, n: number }

export interface State {
  /** the input's text */
  text: string,
  edits: Edits,
  file: OpenFile | null,
  catalogue: Catalogue | null,
  /** «Chỉ hiện dòng có vấn đề» */
  onlyProblems: boolean,
  /** counts the actions that replace the input: a file or the example that arrives after a newer
   * action is dropped, so that the newest action always wins */
  seq: number,
  /** the same for the catalogue file */
  catalogueSeq: number,
  /** what the core said about the text file in the text box (a guessed encoding), listed with the
   * notices until the text is replaced or typed in */
  openedNote: string,
  /** «Hoàn tác» offered, with what it says */
  undo: { message: string, work: Work } | null,
  /** the answer on screen */
  result: Result | null,
  /** where that answer's input came from, in words (print, the text summary) */
  source: string,
  /** the checker's state: `data-state` of #results */
  phase: Phase,
  /** which of the empty page, the results and «kết quả cũ» are shown, and whether the problems
   * are errors (it follows `phase` except while checking) */
  panel: Phase,
  /** `aria-busy` of the results */
  busy: boolean,
  /** a job waits for the complete module */
  downloading: boolean,
  /** the answer has the tables only; the narrative follows */
  narrativePending: boolean,
  /** how many answers have been shown (`data-shown`: tests wait on it) */
  shown: number,
  /** thrown errors, refusals, the core's notices */
  problems: Problem[],
  /** the checker failed, crashed or timed out */
  engineNote: string,
  engine: Engine,
  /** the status line; `n` counts what was said, so that the same words said twice are said twice */
  status: { text: string, n: number },
  /** what keeping the work on this device gave */
  storage: { text: string, warning: boolean },
  /** another tab saved other work (or erased it): this tab stops saving until the user chooses */
  conflict: null | 'changed' | 'erased',
  /** what this tab last saved, or agreed with (storage.mjs `workOf`) */
  savedWork: string,
  /** the selected cell */
  selected: string | null,
  /** a report opened from the inbox: the form to show */
  inboxForm: string | null,
  /** bring the next answer (or refusal) into view */
  reveal: boolean,
  focus: Focus | null,
  /** phone width: tables folded, a tap reads a figure in a bottom sheet */
  phone: boolean,
  /** the hints speak of tapping */
  touch: boolean,
  /** depth of a drag of files over the page (the overlay shows above 0) */
  drag: number,
}

/** A store (store.mjs `createStore`). */
export interface Store<S> {
  /** the state now */
  get(): S,
  /** merges a patch (or what a function of the state returns; `null`: no change) into a new state,
   * then calls every subscriber with it and the state before */
  update(change: Partial<S> | ((state: S) => Partial<S> | null)): void,
  /** returns the unsubscribe */
  subscribe(fn: (state: S, prev: S) => void): () => void,
}

/** An action of page-state.mjs: the state and what happened give the change of the state. */
export type Action<A extends unknown[]> = (st: State, ...args: A) => Partial<State>;
