// The text of each page of a PDF that Chromium (Skia) wrote, for the print tests: no PDF tool is
// installed here (no pdftotext), and Chromium's PDFs are simple: Flate streams, fonts with ToUnicode
// maps, text shown with Tj/TJ. Glyphs placed one by one come out spaced: compare without whitespace.
import { inflateSync } from 'node:zlib';

/**
 * The text of each page of a PDF as Chromium (Skia) writes it: Flate streams, fonts with
 * ToUnicode maps, text shown with Tj/TJ in hex glyph ids.
 * @param {Buffer} pdf
 * @returns {string[]}
 */
export function pdfPages(pdf) {
  const raw = pdf.toString('latin1');
  /** @type {Map<number, { dict: string, stream: Buffer | null }>} */
  const objs = new Map();
  const re = /(\d+) 0 obj\s*/g;
  let m;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endobj', start);
    const body = raw.slice(start, end);
    const s = body.indexOf('stream');
    let stream = null;
    let dict = body;
    if (s >= 0 && body.startsWith('<<')) {
      dict = body.slice(0, s);
      let from = start + s + 'stream'.length;
      if (raw[from] === '\r') from++;
      if (raw[from] === '\n') from++;
      const to = raw.lastIndexOf('endstream', end);
      let bytes = pdf.subarray(from, to);
      if (/\/FlateDecode/.test(dict)) {
        try { bytes = inflateSync(bytes); } catch { bytes = inflateSync(bytes.subarray(0, bytes.length - 1)); }
      }
      stream = bytes;
    }
    objs.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  const get = (/** @type {number} */ n) => objs.get(n);
  const ref = (/** @type {string} */ dict, /** @type {string} */ key) => {
    const r = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return r ? Number(r[1]) : null;
  };
  /** @param {Buffer} cmap */
  const toUnicode = (cmap) => {
    const text = cmap.toString('latin1');
    /** @type {Map<number, string>} */
    const map = new Map();
    const hexStr = (/** @type {string} */ h) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const p of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(p[1], 16), hexStr(p[2]));
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const p of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
        const lo = parseInt(p[1], 16);
        const hi = parseInt(p[2], 16);
        if (p[3].startsWith('<')) {
          const base = parseInt(p[3].slice(1, -1), 16);
          for (let c = lo; c <= hi; c++) map.set(c, String.fromCodePoint(base + c - lo));
        } else {
          const items = [...p[3].matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => hexStr(x[1]));
          items.forEach((t, i) => map.set(lo + i, t));
        }
      }
    }
    return map;
  };
  /** @param {string} dict */
  const fontsOf = (dict) => {
    let res = /\/Resources\s*(<<[\s\S]*>>)/.exec(dict)?.[1] ?? '';
    const resRef = ref(dict, 'Resources');
    if (resRef !== null) res = get(resRef)?.dict ?? '';
    let fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(res)?.[1] ?? '';
    const fontRef = ref(res, 'Font');
    if (fontRef !== null) fontDict = get(fontRef)?.dict ?? '';
    /** @type {Map<string, { map: Map<number, string>, width: number }>} */
    const fonts = new Map();
    for (const f of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = get(Number(f[2]));
      const tu = font ? ref(font.dict, 'ToUnicode') : null;
      const cmap = tu !== null ? get(tu)?.stream : null;
      // Type0 (Identity-H) fonts show two bytes per glyph; simple and Type3 fonts one.
      fonts.set(f[1], { map: cmap ? toUnicode(cmap) : new Map(), width: /\/Subtype\s*\/Type0/.test(font?.dict ?? '') ? 4 : 2 });
    }
    return fonts;
  };
  // Pages in order: the tree from the catalogue's /Pages.
  /** @type {number[]} */
  const pages = [];
  const walk = (/** @type {number} */ n) => {
    const o = get(n);
    if (!o) return;
    if (/\/Type\s*\/Pages/.test(o.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else pages.push(n);
  };
  const root = [...objs.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  walk(ref(root?.dict ?? '', 'Pages') ?? -1);
  return pages.map((n) => {
    const page = /** @type {{ dict: string }} */ (get(n));
    const fonts = fontsOf(page.dict);
    const contents = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)]
      .map((c) => get(Number(c[1]))?.stream?.toString('latin1') ?? '').join('\n');
    let font = { map: new Map(), width: 4 };
    let out = '';
    const ops = /\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj|\[((?:[^\]\\]|\\.)*)\]\s*TJ|\b(T\*|Td|TD|Tm|ET)\b/g;
    for (const op of contents.matchAll(ops)) {
      if (op[1]) font = fonts.get(op[1]) ?? { map: new Map(), width: 4 };
      const decode = (/** @type {string} */ h) => (h.match(new RegExp(`.{${font.width}}`, 'g')) ?? []).map((g) => font.map.get(parseInt(g, 16)) ?? '').join('');
      if (op[2] !== undefined) out += decode(op[2]);
      if (op[3] !== undefined) for (const part of op[3].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
        if (part[1] !== undefined) out += decode(part[1]);
        else if (Number(part[2]) < -200) out += ' ';
      }
      if (op[4]) out += op[4] === 'ET' ? '\n' : ' ';
    }
    return out;
  });
}

