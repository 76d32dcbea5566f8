/**
 * Error text on platform pages (playground errors, banners) highlighted and explained as on the forum: the
 * same scanner (utils/scan), matcher and tooltip (components/tooltip), with the platform's rules.
 *
 * Runs only while the app shows a page we serve; leaving such a page disposes the scanner (its observers and
 * highlights), the tooltip and the page styles, so other pages get nothing of ours. Loaded lazily (wiring.ts).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { installPageStyles } from '@/components/tooltip/page-styles';
import { createBackgroundMatcher } from '../scan/background-matcher';
import { createScanner, type Scanner } from '../scan/scanner';
import { createTooltipUi, type TooltipUi } from '../scan/tooltip-mount';
import { PLATFORM_SCAN_RULES } from './scan-rules';

export interface ScanMount {
  /** The app shows a page we serve (again): scan it. */
  activate(): void;
  /** The app left the pages we serve: remove everything of ours from the page. */
  deactivate(): void;
}

const log = (text: string) => console.warn(`[Model Access Doctor] platform scan: ${text}`);

export function createScanMount(ctx: ContentScriptContext): ScanMount {
  // One matcher for the whole visit: its cache survives page changes. It asks the background (the engine).
  const matcher = createBackgroundMatcher((error) => log(String(error)));
  let active: { controller: AbortController; scanner: Scanner; removeStyles: () => void } | null = null;
  let ui: TooltipUi | null = null;
  let uiPromise: Promise<TooltipUi> | null = null;
  // One listener for the whole visit: the active scanner's lifetime ends with the extension's.
  ctx.onInvalidated(() => active?.controller.abort());

  const mountTooltip = () => {
    uiPromise ??= createTooltipUi(ctx, {
      lookup: (element) => active?.scanner.lookup(element),
      signal: () => active?.controller.signal ?? ctx.signal,
    });
    uiPromise.then(
      (created) => {
        ui = created;
        if (active !== null && !ctx.isInvalid) created.mount();
      },
      (error: unknown) => log(`tooltip UI failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  return {
    activate() {
      if (ctx.isInvalid) return;
      if (active !== null) {
        // Another served page of the single-page app: its content is new.
        ui?.controller?.close();
        active.scanner.reset();
        return;
      }
      const controller = new AbortController();
      const scanner = createScanner({
        document,
        window,
        rules: PLATFORM_SCAN_RULES,
        matcher,
        signal: controller.signal,
        onError: (error) => log(String(error)),
      });
      active = { controller, scanner, removeStyles: installPageStyles(document) };
      scanner.start();
      if (ui === null) mountTooltip();
      else ui.mount();
    },
    deactivate() {
      if (active === null) return;
      // Aborting disposes the scanner: observers disconnected, highlights unwrapped.
      active.controller.abort();
      active.removeStyles();
      active = null;
      ui?.remove();
    },
  };
}
