// Opening files: the core sniffs every file by its content (page.mjs, `fileText`/`checkFile`, the
// CLI's rule). Text named .txt/.tsv goes into the text box (so it can be edited); everything else,
// and a Word or Excel file whatever its name, goes to the core's file reader.

/** The largest file accepted (the core has its own, tighter limits per format). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** @param {string} name */
export function extensionOf(name) {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/**
 * Where a file should go once the core has found what it holds.
 * @param {string} name
 * @returns {'text' | 'file' | 'csv'}  'text': into the text box when the core finds text; 'csv'
 *   and 'file': to the file reader
 */
export function routeOf(name) {
  const ext = extensionOf(name);
  if (ext === 'txt' || ext === 'tsv' || ext === 'text') return 'text';
  if (ext === 'csv') return 'csv';
  return 'file';
}

/**
 * Decodes text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258 (Vietnamese
 * Windows), which old Excel CSV exports use. For a rules catalogue (JSON) only: a report's file
 * is decoded by the core.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1258').decode(bytes);
  }
}

/**
 * "1,2 MB", "35 KB".
 * @param {number} n
 */
export function formatSize(n) {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}
