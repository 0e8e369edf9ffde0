// Opening one file (chosen, dropped or pasted), after page.mjs has taken it as the newest action:
// every file is first sniffed by the core (`fileText`: the CLI's rule), whatever its name: text
// goes into the text box, to be edited; a Word or Excel file, even renamed .txt, to the file
// reader; anything else is refused with the core's reason, and what was open stays. Fetched with
// the first file, not with the page (the first load's budget, docs/benchmarks.md).

import { routeOf } from './files.mjs';
import { unsupportedFile } from './page-state.mjs';

/**
 * @typedef {object} FileHooks
 * @property {import('./i18n.mjs').Strings} s
 * @property {() => import('./state').State} get  the page's state now
 * @property {import('./bridge.mjs').CheckerBridge} bridge
 * @property {() => boolean} current  whether no newer action (a paste, typing, another file) came
 * @property {(message: string, content?: boolean) => void} refuse  says why the file is not opened
 *   (`content`: the core's words)
 * @property {(next: { text?: string, note?: string, file?: { name: string, bytes: Uint8Array } }, message: string) => void} replaceInput
 */

/**
 * Reads a file and puts it in the page's input, unless a newer action came meanwhile.
 * @param {File} file
 * @param {FileHooks} o
 */
export async function readFile(file, { s, get, bridge, current, refuse, replaceInput }) {
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    if (current()) refuse(s.fileUnreadable(file.name));
    return;
  }
  await bridge.ready;
  if (!current()) return;
  if (!get().engine.checkFile) {
    refuse(unsupportedFile(file.name, s));
    return;
  }
  if (routeOf(file.name) === 'text') {
    const answer = await bridge.request({ op: 'open', bytes, name: file.name });
    if (!current() || answer.stale) return;
    if (!answer.ok) {
      refuse(answer.error.kind === 'input' ? answer.error.message : s.fileUnreadable(file.name), answer.error.kind === 'input');
      return;
    }
    if (answer.result) {
      replaceInput({ text: answer.result.text, note: answer.result.note ?? undefined }, s.replacedByFile(file.name));
      return;
    }
  }
  replaceInput({ file: { name: file.name, bytes } }, s.switchedToFile(file.name));
}
