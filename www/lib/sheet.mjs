// The cell details as a bottom sheet on phones (issue 18): a tap on a figure opens it over the
// lower part of the screen; it closes with its button, Esc, or a downward swipe of its bar. On
// wider screens the same element stays the side (or sticky bottom) panel it always was.

import { h, icon } from './dom.mjs';

/** How far (px) the bar must be pulled down for the sheet to close. */
const SWIPE_CLOSE = 60;

/**
 * @typedef {object} Sheet
 * @property {HTMLElement} body  where the details are drawn
 * @property {(on: boolean) => void} setPhone  sheet (phones) or panel (wider screens)
 * @property {() => void} open
 * @property {() => void} close
 * @property {() => boolean} isOpen
 */

/**
 * Turns the details panel into a sheet on phones.
 * @param {HTMLElement} panel  the details panel (#detail)
 * @param {{ sheetClose: string, sheetCloseLabel: string, detailTitle: string }} s
 * @param {{ onClose?: () => void }} [hooks]  after the sheet closed (the page puts the focus back)
 * @returns {Sheet}
 */
export function makeSheet(panel, s, hooks = {}) {
  const close = h('button', { type: 'button', class: 'button button-small button-quiet sheet-close', 'aria-label': s.sheetCloseLabel },
    icon('fail'), s.sheetClose);
  const bar = h('div', { class: 'sheet-bar' }, h('span', { class: 'sheet-handle', 'aria-hidden': 'true' }), close);
  const body = h('div', { class: 'sheet-body', id: 'detail-body' });
  panel.replaceChildren(bar, body);
  let phone = false;

  const isOpen = () => panel.classList.contains('is-open');
  function open() {
    if (!phone) return;
    panel.classList.add('is-open');
    panel.scrollTop = 0;
  }
  function shut() {
    if (!isOpen()) return;
    panel.classList.remove('is-open');
    panel.style.transform = '';
    hooks.onClose?.();
  }
  close.addEventListener('click', shut);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && phone && isOpen() && !e.defaultPrevented) {
      e.preventDefault();
      shut();
    }
  });

  // A downward swipe of the bar (the whole sheet follows the finger; far enough, it closes).
  /** @type {{ id: number, y: number } | null} */
  let drag = null;
  bar.addEventListener('pointerdown', (e) => {
    if (!phone || /** @type {Element} */ (e.target).closest('button')) return;
    drag = { id: e.pointerId, y: e.clientY };
    bar.setPointerCapture?.(e.pointerId);
  });
  bar.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    panel.style.transform = `translateY(${Math.max(0, e.clientY - drag.y)}px)`;
  });
  const end = (/** @type {PointerEvent} */ e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dy = e.clientY - drag.y;
    drag = null;
    panel.style.transform = '';
    if (e.type === 'pointerup' && dy > SWIPE_CLOSE) shut();
  };
  bar.addEventListener('pointerup', end);
  bar.addEventListener('pointercancel', end);

  return {
    body,
    setPhone(on) {
      phone = on;
      panel.classList.toggle('is-sheet', on);
      if (on) {
        panel.setAttribute('role', 'dialog');
        panel.setAttribute('aria-label', s.detailTitle);
      } else {
        panel.classList.remove('is-open');
        panel.removeAttribute('role');
        panel.removeAttribute('aria-label');
      }
    },
    open,
    close: shut,
    isOpen,
  };
}
