// Types of the wasm-bindgen glue of www/pkg/kiemso.js (built by scripts/build-wasm.sh with
// --no-typescript, so it ships none): what the page's scripts import from it. The functions are
// those of src/wasm.rs; the values are the JSON contract (docs/contract.md, www/lib/model.mjs).
// Found through `rootDirs` in tsconfig.json: www/types/pkg/… stands for www/pkg/….

/** Options of a check: the what-if edits (cell name → figure) and a replacement catalogue (JSON text). */
export interface CheckOptions {
  overrides?: Record<string, string>;
  catalogue?: string;
}

/** Checks a text (a pasted table or a whole report). Throws an Error with a `code` when the input cannot be read. */
export function check(text: string, options: CheckOptions): import('../../lib/model.mjs').Result;
/** Checks a file (.docx, .xlsx, .csv, .txt). */
export function checkFile(bytes: Uint8Array, name: string, options: CheckOptions): import('../../lib/model.mjs').Result;
/** The outcome as UTF-8 JSON bytes, and what a worker decides on before the page parses it. */
export interface JsonOutcome {
  json: Uint8Array<ArrayBuffer>;
  narrative_lines: number;
  narrative_checked: boolean;
  grids_pending: number;
  suggestions_pending: boolean;
}
/** `check`, the outcome as JSON bytes: for a worker to transfer to the page, which parses it. */
export function checkJson(text: string, options: CheckOptions): JsonOutcome;
/** `checkFile`, the outcome as JSON bytes. */
export function checkFileJson(bytes: Uint8Array, name: string, options: CheckOptions): JsonOutcome;
/** What an opened file is: its decoded text (and a note on its encoding), or null for a Word or Excel file. */
export function fileText(bytes: Uint8Array, name: string): { text: string; note: string | null } | null;
/** «Cần bao nhiêu để đạt …?»: the changes that bring a cell to a value. */
export function target(text: string, cell: string, value: string, change: string | undefined, options: CheckOptions): any;
/** The built-in catalogue of forms and rules, as JSON text. */
export function builtinCatalogue(): string;
/** The correction letter (.docx) or the marked tables (.xlsx) of a file (only in www/pkg/export). */
export function exportReport(bytes: Uint8Array, name: string, format: string, source: string, date: string, all: boolean, options: CheckOptions): Uint8Array<ArrayBuffer>;

/** Compiles and instantiates the Wasm, fetched from beside the glue unless given. */
export default function init(input?: { module_or_path?: RequestInfo | URL | BufferSource | WebAssembly.Module } | RequestInfo | URL): Promise<unknown>;
/** Instantiates an already compiled module (or its bytes) at once. */
export function initSync(input: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;
/** The file name of this glue's own Wasm, named by its content (scripts/build-assets.mjs). */
export const wasmFile: string;
