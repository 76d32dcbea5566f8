/**
 * The forum tooltip, fetched only on pages that need it. Most pages have no error text: there the script stays
 * the scanner alone, and Preact, Floating UI and the card are never fetched or parsed. The UI is loaded as soon
 * as the scanner marks something (before the reader can reach it, in practice), or at the first pointer, focus,
 * click or key on a mark if that comes first; an opening asked for while it loads is honoured when it arrives.
 */
import type { OpenReason, TooltipController } from '@/components/tooltip/controller';
import { INTERACTIVE_SELECTOR } from './dom-marks';
import { clickOpensCard, isOpenKey } from './open-intent';

/** The mounted tooltip UI (utils/scan/tooltip-mount.ts), as far as this module needs it. */
export interface LoadedTooltipUi {
  readonly controller: TooltipController | undefined;
  mount(): void;
}

export interface TooltipOnDemandOptions {
  document: Document;
  window: Window & typeof globalThis;
  signal: AbortSignal;
  /**
   * Whether the extension has gone (WXT's `ctx.isInvalid`). In Chrome `signal` aborts only once something asks
   * this, so it is asked before fetching and before mounting: an old script never mounts a new version's UI.
   */
  isInvalid?: () => boolean;
  load(): Promise<LoadedTooltipUi>;
  onError(error: unknown): void;
}

/** Failed loads after which the page goes without the tooltip (the extension was removed or broken). */
const MAX_ATTEMPTS = 3;

export interface TooltipOnDemand {
  /** Starts loading the UI (the page has marks); does nothing once started. */
  prepare(): void;
  /** The UI's controller, once loaded. */
  readonly controller: TooltipController | undefined;
}

/** The first events on a mark, before the controller's own listeners exist. */
const EARLY_EVENTS = ['pointerover', 'focusin', 'click', 'keydown'] as const;

export function createTooltipOnDemand(options: TooltipOnDemandOptions): TooltipOnDemand {
  const { document, window: win, signal } = options;
  let state: 'idle' | 'loading' | 'ready' = 'idle';
  let failures = 0;
  const gone = () => signal.aborted || options.isInvalid?.() === true;
  let ui: LoadedTooltipUi | null = null;
  /** The opening the reader asked for while the UI loaded: the last one counts. */
  let wanted: { element: Element; reason: OpenReason } | null = null;
  const early = new AbortController();
  signal.addEventListener('abort', () => early.abort(), { once: true });

  const reasonOf = (event: Event): OpenReason | null => {
    switch (event.type) {
      case 'pointerover':
        return 'hover';
      case 'focusin':
        return 'focus';
      case 'click':
        return 'click';
      case 'keydown':
        return isOpenKey((event as KeyboardEvent).key) ? 'keyboard' : null;
      default:
        return null;
    }
  };

  const onEarlyEvent = (event: Event) => {
    const target = event.target;
    const element = target instanceof win.Element ? target.closest(INTERACTIVE_SELECTOR) : null;
    if (element === null) return;
    const reason = reasonOf(event);
    if (reason === null) return;
    if (reason !== 'click' || clickOpensCard(target, win)) {
      wanted = { element, reason };
      // Enter or Space on a mark opens it (the controller takes the key the same way): Space must not scroll.
      if (reason === 'keyboard') event.preventDefault();
    }
    prepare();
  };
  for (const type of EARLY_EVENTS)
    document.addEventListener(type, onEarlyEvent, { capture: true, signal: early.signal });

  /** Is the opening the reader asked for still wanted now that the UI is here? */
  const stillWanted = ({ element, reason }: { element: Element; reason: OpenReason }) => {
    if (!element.isConnected) return false;
    if (reason === 'hover') return element.matches(':hover');
    if (reason === 'focus') return document.activeElement === element;
    return true;
  };

  function prepare(): void {
    if (state !== 'idle' || failures >= MAX_ATTEMPTS || gone()) return;
    state = 'loading';
    options.load().then(
      (loaded) => {
        if (gone()) return;
        ui = loaded;
        state = 'ready';
        early.abort();
        loaded.mount();
        const asked = wanted;
        wanted = null;
        if (asked !== null && stillWanted(asked)) loaded.controller?.open(asked.element, asked.reason);
      },
      (error: unknown) => {
        // A failed load (the extension was updated meanwhile): the next mark or event tries again, a few times.
        state = 'idle';
        failures++;
        if (failures >= MAX_ATTEMPTS) early.abort();
        options.onError(error);
      },
    );
  }

  return {
    prepare,
    get controller() {
      return ui?.controller;
    },
  };
}
