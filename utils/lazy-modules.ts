/**
 * Loads a content script's lazily built UI module (utils/build/content-bundle.ts) from the extension's own files.
 * The module runs in the content script's isolated world, never in the page's. A module is fetched once per page:
 * later calls get the same promise; a failed load is forgotten so the next call tries again.
 */
import { browser } from 'wxt/browser';
import type * as PanelModule from './platform/panel-mount';
import type * as PlatformScanModule from './platform/scan-mount';
import type * as TooltipModule from './scan/tooltip-mount';

/** Each lazy module's exports, by entrypoint and name (the same names as LAZY_ENTRIES in the build). */
export interface LazyModules {
  community: { tooltip: typeof TooltipModule };
  platform: { panel: typeof PanelModule; scan: typeof PlatformScanModule };
}

export interface LazyLoaderDeps {
  /** A native dynamic import of one of the extension's own files, by its path in the extension. */
  importFile(path: string): Promise<unknown>;
}

export function createLazyLoader<E extends keyof LazyModules>(entrypoint: E, deps: LazyLoaderDeps) {
  const loading = new Map<string, Promise<unknown>>();
  return function load<N extends keyof LazyModules[E] & string>(name: N): Promise<LazyModules[E][N]> {
    let promise = loading.get(name);
    if (promise === undefined) {
      promise = deps.importFile(`/content-scripts/lazy-${entrypoint}/${name}.js`);
      promise.catch(() => loading.delete(name));
      loading.set(name, promise);
    }
    return promise as Promise<LazyModules[E][N]>;
  };
}

/** What every lazy module exports besides its own API (utils/build/lazy-browser.ts). */
interface LazyModuleBase {
  provideBrowser(api: typeof browser): void;
}

/** The loader with the real browser: each module gets this script's `browser` before anything of it runs. */
export function lazyLoader<E extends keyof LazyModules>(entrypoint: E) {
  return createLazyLoader(entrypoint, {
    importFile: async (path) => {
      // Always an extension URL: never a page's script (web-ext lint flags any non-literal import; see
      // tests/tools/web-ext-lint.mjs).
      const module = (await import(/* @vite-ignore */ browser.runtime.getURL(path as '/'))) as LazyModuleBase;
      module.provideBrowser(browser);
      return module;
    },
  });
}
