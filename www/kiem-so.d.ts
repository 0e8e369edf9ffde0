// Types of kiem-so.mjs: the <kiem-so> element (docs/embedding.md).
import type { Result } from './kiemso-api';

export type { Result } from './kiemso-api';

/** `detail` of `kiemso-check`, fired before each check (cancelable: preventDefault() skips it). */
export interface KiemSoCheckDetail {
  /** The text to check ('' when a file is checked). */
  readonly text: string;
  /** The file to check, or null for the text. */
  readonly file: { readonly name: string; readonly size: number } | null;
  /** What-if edits typed into the results: cell name → figure. */
  readonly overrides: Readonly<Record<string, string>>;
}

/** `detail` of `kiemso-error`. */
export interface KiemSoErrorDetail {
  message: string;
  /** `input` (cannot be checked), `catalogue` (the catalogue named cannot be used), `crash`, `timeout`, `unavailable`. */
  kind: string;
}

export interface KiemSoEventMap extends HTMLElementEventMap {
  'kiemso-check': CustomEvent<KiemSoCheckDetail>;
  /** Cancelable: preventDefault() and the element does not show the result (the portal does). Frozen. */
  'kiemso-result': CustomEvent<Readonly<Result>>;
  'kiemso-error': CustomEvent<KiemSoErrorDetail>;
}

export class KiemSoElement extends HTMLElement {
  /** The text being checked; setting it checks it. */
  value: string;
  /** The last result (frozen), or null. */
  readonly result: Readonly<Result> | null;
  /** The file being checked instead of the text, or null. */
  readonly file: { name: string; size: number } | null;
  /** Reflects the `catalogue` attribute: address of a replacement rules catalogue (same origin). */
  catalogue: string | null;
  /** Reflects the `only-problems` attribute. */
  onlyProblems: boolean;
  /** Checks the current text (or file) now. */
  run(): Promise<void>;
  /** Checks a file as the «Mở tệp…» button and a drop do. */
  checkFile(file: Blob & { name?: string }): Promise<void>;
  addEventListener<K extends keyof KiemSoEventMap>(type: K, listener: (this: KiemSoElement, ev: KiemSoEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof KiemSoEventMap>(type: K, listener: (this: KiemSoElement, ev: KiemSoEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** Whether `value` is a result an element of this module fired, unaltered (not a forged event's). */
export function isKiemSoResult(value: unknown): boolean;

declare global {
  interface HTMLElementTagNameMap {
    'kiem-so': KiemSoElement;
  }
}
