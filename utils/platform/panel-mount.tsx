/**
 * The panel's shadow-root UI, wired to the background's messages, storage and WXT's `ctx`. Everything that
 * decides lives in pure modules (panel-state.ts, recheck-schedule.ts, panel-views.ts); this file connects them.
 * Loaded only when the app first reaches a page the panel serves (see wiring.ts).
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Panel } from '@/components/panel/Panel';
import { sendMessage } from '../messaging/client';
import { platformPanelCollapsedItem, platformRecheckDelaysItem } from '../storage';
import { createPanelController, type PanelController, type PanelPage } from './panel-state';
import { DEFAULT_RECHECK_DELAYS_MS, normaliseDelays } from './recheck-schedule';

/** The shadow-root host's tag (DESIGN §2.3: end-to-end checks look for it). */
export const PANEL_HOST_NAME = 'mad-panel';

const log = (text: string) => console.warn(`[Model Access Doctor] platform: ${text}`);

export interface PanelMount {
  show(page: PanelPage): void;
  hide(): void;
}

export function createPanelMount(ctx: ContentScriptContext): PanelMount {
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
    // The extension went away (reloaded, updated) while the UI was created: WXT has removed what it mounted.
    if (ui === null || ctx.isInvalid) return;
    if (wanted === null) {
      controller.hide();
      if (ui.mounted !== undefined) ui.remove();
      return;
    }
    // The app may have removed our host (a re-render of <body>, a clean-up script): mount it again.
    if (ui.mounted !== undefined && !ui.shadowHost.isConnected) ui.remove();
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
