// Small DOM helpers. Every piece of text goes in through textContent or attribute values: nothing
// in this app ever assigns HTML from data (pasted content, file content, check messages).

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 * @typedef {Child | Children[]} Children  children nested in arrays (flattened, three deep)
 * @typedef {Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>} Attrs
 */

/**
 * Creates an element. `attrs` keys starting with `on` add listeners; `class` and other keys are
 * attributes (false/null/undefined skip them, true sets them empty). Children are nodes or text.
 * @param {string} tag
 * @param {Attrs | null} [attrs]
 * @param {...Children} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Attrs} attrs
 */
function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
}

/**
 * @param {Element} el
 * @param {Children[]} children
 */
export function append(el, children) {
  for (const child of /** @type {Child[]} */ (children.flat(3))) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'object' ? child : String(child));
  }
}

/**
 * Removes every child of `el`, then appends `children`.
 * @param {Element} el
 * @param {...Children} children
 */
export function replaceChildren(el, ...children) {
  el.textContent = '';
  append(el, children);
}

const SVG = 'http://www.w3.org/2000/svg';

/** @type {Record<string, string[]>} path data on a 20×20 grid, drawn with currentColor */
const ICON_PATHS = {
  pass: ['M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Z', 'M6 10.4l2.7 2.7L14.2 7.4'],
  fail: ['M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Z', 'M7 7l6 6M13 7l-6 6'],
  warn: ['M10 2.2 18.6 17.3H1.4Z', 'M10 7.8v4.4', 'M10 14.6v.2'],
  na: ['M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Z', 'M6.5 10h7'],
  edit: ['M12.8 3.6l3.6 3.6L7.6 16H4v-3.6Z', 'M11 5.4l3.6 3.6'],
  info: ['M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Z', 'M10 9v5', 'M10 6v.2'],
  // a speech bubble: the report's words
  quote: ['M3 4.5h14v9H9l-4 3v-3H3Z', 'M6.5 8h7', 'M6.5 10.8h4.5'],
};

/**
 * An inline SVG icon (decorative: the accompanying text carries the meaning).
 * @param {keyof typeof ICON_PATHS | string} name
 * @returns {SVGSVGElement}
 */
export function icon(name) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  for (const d of ICON_PATHS[name] ?? ICON_PATHS.info) {
    const p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    svg.append(p);
  }
  return svg;
}

/**
 * Calls `fn` once `ms` have passed without another call.
 * @template {unknown[]} A
 * @param {(...args: A) => void} fn
 * @param {number} ms
 * @returns {((...args: A) => void) & { cancel: () => void, flush: () => void }}
 */
export function debounce(fn, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {A | undefined} */
  let pending;
  const run = (/** @type {A} */ ...args) => {
    pending = args;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const a = pending;
      pending = undefined;
      if (a) fn(...a);
    }, ms);
  };
  run.cancel = () => {
    clearTimeout(timer);
    pending = undefined;
  };
  run.flush = () => {
    clearTimeout(timer);
    const a = pending;
    pending = undefined;
    if (a) fn(...a);
  };
  return run;
}

/**
 * Selects line `line` (1-based) of a text box and scrolls the box so that the line is near its
 * top (measured on a hidden copy, so long wrapped lines are counted as the box shows them). With
 * `focus: false` the focus stays where it is; the selection shows when the box gets the focus.
 * @param {HTMLTextAreaElement} box
 * @param {number} line
 * @param {{ focus?: boolean }} [how]
 */
export function selectLine(box, line, how = {}) {
  const focus = how.focus ?? true;
  const lines = box.value.split('\n');
  if (line < 1 || line > lines.length) {
    if (focus) box.focus();
    return;
  }
  let start = 0;
  for (let i = 0; i < line - 1; i++) start += lines[i].length + 1;
  if (focus) box.focus({ preventScroll: true });
  box.setSelectionRange(start, start + lines[line - 1].length);
  const style = getComputedStyle(box);
  const lineHeight = Number.parseFloat(style.lineHeight) || 20;
  box.scrollTop = Math.max(0, topOf(box, start, style) - lineHeight);
  if (focus) box.scrollIntoView({ block: 'nearest' });
}

/**
 * How far below the top of a text box's content the character at `index` is, as the box wraps it.
 * @param {HTMLTextAreaElement} box
 * @param {number} index
 * @param {CSSStyleDeclaration} style the box's computed style
 */
function topOf(box, index, style) {
  const mirror = document.createElement('div');
  const copy = /** @type {const} */ (['paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontFamily', 'fontSize',
    'fontWeight', 'fontStyle', 'letterSpacing', 'lineHeight', 'tabSize', 'wordSpacing', 'textTransform']);
  for (const p of copy) mirror.style[p] = style[p];
  Object.assign(mirror.style, {
    position: 'absolute', visibility: 'hidden', top: '0', left: '0', boxSizing: 'border-box', border: '0',
    width: `${box.clientWidth}px`, whiteSpace: 'pre-wrap', overflowWrap: 'break-word', wordBreak: style.wordBreak,
  });
  const marker = document.createElement('span');
  marker.textContent = '\u200b';
  mirror.append(box.value.slice(0, index), marker);
  (box.parentNode ?? document.body).append(mirror);
  const top = marker.offsetTop - (Number.parseFloat(style.paddingTop) || 0);
  mirror.remove();
  return top;
}
