/**
 * The platform script's entry: which page the app is on, and what runs there.
 *
 * On a page we do not serve, the script only listens for the app's next client-side navigation: no observer,
 * no UI, no message, no storage read. The panel (Preact, the views, the diagnosis card) and the page scanner
 * (with the tooltip) are separate files, fetched on the first served page (utils/lazy-modules.ts), so a page we
 * do not serve does not even parse them (tests/bench/platform.ts measures it).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { LazyModules } from '../lazy-modules';
import { isPanelPage, type PlatformPage, platformPageOf } from './pages';

/** Fetches one of the platform script's lazy modules. */
export type PlatformModuleLoader = <N extends keyof LazyModules['platform']>(
  name: N,
) => Promise<LazyModules['platform'][N]>;

export interface PlatformFeature {
  /** Called on every page change (the page, or null when we do not serve it). */
  onPage(page: PlatformPage | null): void;
}

export type FeatureLoader = (ctx: ContentScriptContext) => Promise<PlatformFeature>;

export interface PlatformScriptOptions {
  /** Features started on the first page they serve, then told about every page change. */
  features: readonly { serves(page: PlatformPage): boolean; load: FeatureLoader }[];
  log(text: string): void;
}

/** The panel: billing, limits, API keys, usage and organization-general pages. */
export const panelFeature = (loadModule: PlatformModuleLoader) => ({
  serves: (page: PlatformPage) => isPanelPage(page),
  load: async (ctx: ContentScriptContext): Promise<PlatformFeature> => {
    const { createPanelMount } = await loadModule('panel');
    const mount = createPanelMount(ctx);
    return {
      onPage(page) {
        if (isPanelPage(page)) mount.show(page);
        else mount.hide();
      },
    };
  },
});

/** Error text highlighted and explained: on every page we serve (the panel's and the playground). */
export const scanFeature = (loadModule: PlatformModuleLoader) => ({
  serves: (_page: PlatformPage) => true,
  load: async (ctx: ContentScriptContext): Promise<PlatformFeature> => {
    const { createScanMount } = await loadModule('scan');
    const mount = createScanMount(ctx);
    return {
      onPage(page) {
        if (page === null) mount.deactivate();
        else mount.activate();
      },
    };
  },
});

/** Starts the platform features for the life of `ctx`. */
export function startPlatformScript(ctx: ContentScriptContext, options: PlatformScriptOptions): void {
  const started = options.features.map((feature) => ({
    feature,
    instance: null as Promise<PlatformFeature> | null,
    /** The page this feature was last told about (several navigations may end while it loads). */
    told: undefined as PlatformPage | null | undefined,
  }));
  let current: PlatformPage | null | undefined;

  const onLocation = (url: URL) => {
    const page = platformPageOf(url);
    if (current !== undefined && current?.kind === page?.kind && current?.projectId === page?.projectId)
      return;
    current = page;
    for (const entry of started) {
      if (entry.instance === null) {
        if (page === null || !entry.feature.serves(page)) continue;
        entry.instance = entry.feature.load(ctx);
      }
      entry.instance.then(
        // Navigation may have moved on while the feature loaded: give it the page of now, once. Nothing starts
        // once the extension has gone (reloaded, updated) while the feature was fetched.
        (feature) => {
          const now = current ?? null;
          if (ctx.isInvalid || entry.told === now) return;
          entry.told = now;
          feature.onPage(now);
        },
        (error: unknown) =>
          options.log(`feature failed to start: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  };

  // The platform is a single-page app: WXT reports its pushState navigations (Navigation API, else polling).
  ctx.addEventListener(window, 'wxt:locationchange', (event) => onLocation(event.newUrl));
  onLocation(new URL(location.href));
}
