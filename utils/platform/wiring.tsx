/**
 * The platform script's wiring: which page we are on, and the panel's shadow-root UI. Everything that decides
 * lives in pure modules (pages.ts, panel-state.ts, recheck-schedule.ts); this file connects them to WXT's
 * `ctx`, the background's messages, and storage.
 *
 * On a page we do not serve, the script only listens for the app's next client-side navigation: no observer,
 * no UI, no message, no storage read (the bench measures it). The panel's UI is created on the first served
 * page and removed again when the app navigates elsewhere.
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Panel } from '@/components/panel/Panel';
import { sendMessage } from '../messaging/client';
import { platformPanelCollapsedItem, platformRecheckDelaysItem } from '../storage';
import { isPanelPage, type PlatformPage, platformPageOf } from './pages';
import { createPanelController, type PanelController, type PanelPage } from './panel-state';
import { DEFAULT_RECHECK_DELAYS_MS, normaliseDelays } from './recheck-schedule';

/** The shadow-root host's tag (DESIGN §2.3: end-to-end checks look for it). */
export const PANEL_HOST_NAME = 'mad-panel';

const log = (text: string) => console.warn(`[Model Access Doctor] platform: ${text}`);

interface PanelMount {
  show(page: PanelPage): void;
  hide(): void;
}

function createPanelMount(ctx: ContentScriptContext): PanelMount {
  let container: HTMLElement | null = null;
  const controller: PanelController = createPanelController({
    fetchSummary: () => sendMessage('content:accessSummary', {}),
    recheck: () => sendMessage('content:recheck', {}),
    openPopup: () => sendMessage('content:openPopup', {}),
    readCollapsed: () => platformPanelCollapsedItem.getValue(),
    writeCollapsed: (collapsed) => platformPanelCollapsedItem.setValue(collapsed),
    readRecheckDelays: async () =>
      normaliseDelays(await platformRecheckDelaysItem.getValue()) ?? DEFAULT_RECHECK_DELAYS_MS,
    now: Date.now,
    timers: {
      setTimeout: (handler, ms) => ctx.setTimeout(handler, ms),
      clearTimeout: (id) => clearTimeout(id),
    },
    render: (state) => {
      if (container !== null) render(<Panel state={state} actions={controller} />, container);
    },
    log,
  });

  // createShadowRootUi is async (it fetches our CSS); navigation may happen meanwhile, so only the latest wish
  // counts once the UI exists.
  let wanted: PanelPage | null = null;
  let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  let creating = false;

  const apply = () => {
    if (ui === null) return;
    if (wanted === null) {
      controller.hide();
      if (ui.mounted !== undefined) ui.remove();
      return;
    }
    if (ui.mounted === undefined) ui.mount();
    controller.show(wanted);
  };

  const create = () => {
    if (creating || ui !== null) return;
    creating = true;
    createShadowRootUi<HTMLElement>(ctx, {
      name: PANEL_HOST_NAME,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      // Keys pressed in our panel must not reach the app's keyboard shortcuts.
      isolateEvents: true,
      onMount: (uiContainer, _shadow, host) => {
        // The page scanner and any reader of highlights skip our own UI.
        host.setAttribute('data-mad-ui', '');
        container = uiContainer;
        const state = controller.state();
        if (state !== null) render(<Panel state={state} actions={controller} />, uiContainer);
        return uiContainer;
      },
      onRemove: (mounted) => {
        if (mounted !== undefined) render(null, mounted);
        container = null;
      },
    }).then(
      (created) => {
        ui = created;
        apply();
      },
      (error: unknown) => log(`panel UI failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  return {
    show(page) {
      wanted = page;
      if (ui === null) create();
      else apply();
    },
    hide() {
      wanted = null;
      apply();
    },
  };
}

export interface PlatformScriptHooks {
  /** Called on every page change with the page kind (or null): the scanner's wiring hooks in here. */
  onPage?(page: PlatformPage | null): void;
}

/** Starts the platform features for the life of `ctx`. */
export function startPlatformScript(ctx: ContentScriptContext, hooks: PlatformScriptHooks = {}): void {
  let panel: PanelMount | null = null;
  let current: PlatformPage | null | undefined;

  const onLocation = (url: URL) => {
    const page = platformPageOf(url);
    if (current !== undefined && current?.kind === page?.kind && current?.projectId === page?.projectId)
      return;
    current = page;
    if (isPanelPage(page)) {
      panel ??= createPanelMount(ctx);
      panel.show(page);
    } else {
      panel?.hide();
    }
    hooks.onPage?.(page);
  };

  // The platform is a single-page app: WXT reports its pushState navigations (Navigation API, else polling).
  ctx.addEventListener(window, 'wxt:locationchange', (event) => onLocation(event.newUrl));
  onLocation(new URL(location.href));
}
