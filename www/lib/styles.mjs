// Style sheets of the views loaded on demand (the projector, the scenarios, the inbox): linked
// when their module comes, and kept apart from dom.mjs so that the first load does not carry this.

import { h } from './dom.mjs';

/** @type {Map<string, Promise<void>>} */
const sheets = new Map();

/**
 * Links the style sheet at `url` into the page once, for a view loaded on demand (its styles
 * come with it, not with the first load), resolving when it applies, so that the view is never
 * painted unstyled; a sheet that fails to load resolves too (the view still works, plainly). The
 * single-file build has every sheet inlined already (`<style data-all-styles>`).
 * @param {URL} url
 * @returns {Promise<void>}
 */
export function useStyles(url) {
  if (document.querySelector('style[data-all-styles]')) return Promise.resolve();
  let loaded = sheets.get(url.href);
  if (!loaded) {
    const link = h('link', { rel: 'stylesheet', href: url.href });
    loaded = new Promise((resolve) => {
      link.addEventListener('load', () => resolve(), { once: true });
      link.addEventListener('error', () => resolve(), { once: true });
    });
    sheets.set(url.href, loaded);
    document.head.append(link);
  }
  return loaded;
}
