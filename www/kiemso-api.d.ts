// Types of kiemso-api.mjs: Kiểm số for a portal's own scripts (docs/embedding.md).
// The result object is the JSON contract of the checking core (docs/contract.md).

/** A check's verdict. */
export type Status = 'pass' | 'fail' | 'warn' | 'na';

/** A row of a form as read from the report. */
export interface Row {
  /** The cell's name: `B03/3.1.2` (form/STT), or `T1/3@Đúng hạn` in a table with several value columns. */
  cell: string;
  stt: string;
  depth: number;
  indicator: string;
  unit: string;
  /** The figure as printed (`9.191.517`, `31,15`): figures are strings, never floating point. */
  value: string;
  note: string;
  /** 1-based line of the input. */
  line: number;
  status?: Status | null;
}

/** A form (table) found in the report. */
export interface Form {
  form: string;
  title: string;
  rows: number;
  recognition: 'title' | 'indicators' | 'unknown';
  line: number;
  table: Row[];
}

/** One check: a sum, a ratio, a sentence of the narrative against a table… */
export interface Check {
  id: string;
  kind: string;
  status: Status;
  cells: string[];
  reported?: string | null;
  expected?: string | null;
  imbalance?: string | null;
  formula?: string | null;
  /** In Vietnamese, naming row and column as the official sees them. */
  message: string;
  inferred: boolean;
  line?: number | null;
  quote?: string | null;
  suggestions?: number[];
}

export interface Summary {
  pass: number;
  fail: number;
  warn: number;
  na: number;
}

export interface Notice {
  line?: number | null;
  message: string;
}

export interface Suggestion {
  cell: string;
  current: string;
  suggested: string;
  confidence: 'high' | 'medium' | 'low';
  typo: string;
  explains: string[];
  message: string;
}

/** What `check()` and `checkFile()` resolve with. */
export interface Result {
  version?: number;
  /** The reporting unit and period, when the report's heading gives them. */
  about?: { unit?: string; period?: string; title?: string };
  forms: Form[];
  checks: Check[];
  summary: Summary;
  notices: Notice[];
  suggestions?: Suggestion[];
  /** Lines of the narrative (prose) in the input. */
  narrative_lines?: number;
  /** Whether the narrative was checked (false only when its module could not be loaded). */
  narrative_checked?: boolean;
  /** Tables with several value columns left for the complete module. */
  grids_pending?: number;
  [key: string]: unknown;
}

export interface Options {
  /** What-if: cell name → figure as the official would type it (`{ 'B03/3.1.2': '66.678' }`). */
  overrides?: Record<string, string | number>;
  /** A replacement rules catalogue: its JSON text, or the parsed object. */
  catalogue?: string | object;
}

/** What a rejected promise of this module holds. */
export interface KiemsoError extends Error {
  /**
   * `input`: the input cannot be checked (the message says why, in Vietnamese);
   * `crash`, `timeout`, `unavailable`: the checker failed (it restarts by itself);
   * `unsupported`: this build does not have the function; `stale`: replaced by a newer request.
   */
  kind: 'input' | 'crash' | 'timeout' | 'unavailable' | 'unsupported' | 'stale';
}

/** Checks a report or tables (text, TSV or CSV). Rejects with a {@link KiemsoError}. */
export function check(text: string, options?: Options): Promise<Result>;

/** Checks a .docx, .xlsx or .csv file's bytes. Rejects with a {@link KiemsoError}. */
export function checkFile(bytes: Uint8Array | ArrayBuffer, name: string, options?: Options): Promise<Result>;

/** «Cần bao nhiêu để đạt …?»: the smallest change of one figure that makes `cell` print `value`. */
export function target(text: string, cell: string, value: string, change?: string | null, options?: Options): Promise<{
  cell: string;
  target: string;
  changes: { cell: string; from: string; to: string }[];
  message: string;
  reachable: boolean;
}>;

/** The built-in catalogue of forms and rules, as JSON text. */
export function builtinCatalogue(): Promise<string>;

/** The checker's life: ready, restarted after a crash, failed. Returns a function that stops listening. */
export function onCheckerEvent(fn: (event: { type: string; [key: string]: unknown }) => void): () => void;
