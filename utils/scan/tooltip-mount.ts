/**
 * The tooltip's shadow-root UI (`mad-tooltip`): WXT's `createShadowRootUi` holding the one tooltip controller,
 * wired to the background for "Check with my key" and "open the popup". Shared by the forum script and the
 * platform's page scanner; a lazily loaded module (utils/build/content-bundle.ts), so Preact, Floating UI and the
 * card are fetched only when a page first needs the tooltip.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { createTooltipController, type TooltipController } from '@/components/tooltip/controller';
import { sendMessage } from '../messaging/client';
import type { HighlightInfo } from './types';

export interface TooltipUiOptions {
  lookup(element: Element): HighlightInfo | undefined;
  /** The signal for the controller of each mounting (a mounting lives until it is removed or this aborts). */
  signal(): AbortSignal;
}

export interface TooltipUi {
  /** The controller while the UI is mounted. */
  readonly controller: TooltipController | undefined;
  /** Mounts the UI (again, if the page removed its host); does nothing while mounted. */
  mount(): void;
  remove(): void;
}

export async function createTooltipUi(
  ctx: ContentScriptContext,
  options: TooltipUiOptions,
): Promise<TooltipUi> {
  let controller: TooltipController | undefined;
  /** Each mounting's own lifetime: a remount must not leave the previous controller listening. */
  let mounting: AbortController | undefined;
  const ui = await createShadowRootUi<TooltipController>(ctx, {
    name: 'mad-tooltip',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container, _shadow, host) {
      // The page scanner and any reader of highlights skip our own UI.
      host.setAttribute('data-mad-ui', '');
      mounting = new AbortController();
      const ended = mounting;
      const outer = options.signal();
      if (outer.aborted) ended.abort();
      else outer.addEventListener('abort', () => ended.abort(), { once: true, signal: ended.signal });
      controller = createTooltipController({
        document,
        window,
        container,
        host,
        lookup: options.lookup,
        checkModel: (model) => sendMessage('content:checkModel', { model }),
        openPopup: () => sendMessage('content:openPopup', {}),
        signal: ended.signal,
      });
      return controller;
    },
    onRemove() {
      controller?.close();
      controller = undefined;
      mounting?.abort();
    },
  });
  return {
    get controller() {
      return controller;
    },
    mount() {
      if (ui.mounted !== undefined && !ui.shadowHost.isConnected) ui.remove();
      if (ui.mounted === undefined) ui.mount();
    },
    remove() {
      if (ui.mounted !== undefined) ui.remove();
    },
  };
}
