/**
 * `wxt/browser` inside the lazily loaded content-script modules (utils/build/content-bundle.ts aliases it here).
 * The content script that loads a module already holds the promise-based `browser` (webextension-polyfill): it
 * hands it over once (utils/lazy-modules.ts), so a page carries one polyfill and one set of wrappers, not two.
 */
import type { browser as realBrowser } from 'wxt/browser';

type Browser = typeof realBrowser;

let provided: Browser | undefined;

/** Called by the loading content script before the module's functions run. */
export function provideBrowser(browser: Browser): void {
  provided = browser;
}

export const browser: Browser = new Proxy({} as Browser, {
  get(_target, key) {
    if (provided === undefined)
      throw new Error('lazy module used before the content script provided `browser`');
    return provided[key as keyof Browser];
  },
});
