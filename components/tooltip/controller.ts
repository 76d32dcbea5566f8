/**
 * One tooltip for every highlight on the page: event delegation on the document (no listener per highlight),
 * hover intent, keyboard and focus, positioning with Floating UI, and the lifetime of each opening.
 *
 * Layout is read here (Floating UI measures the anchor) but only for the one open tooltip, never while
 * scanning. Opens: hover after a short delay, focus, Enter/Space or a click. Closes: Escape, focus leaving
 * both the highlight and the tooltip, the pointer leaving both (hover openings), a click elsewhere, or the
 * highlight leaving the screen (scrolled away, or removed when Discourse cloaks the post).
 */
import { autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';
import { h, render } from 'preact';
import { ATTR_GROUP, HIGHLIGHT_SELECTOR, INTERACTIVE_SELECTOR } from '@/utils/scan/dom-marks';
import { clickOpensCard, isOpenKey } from '@/utils/scan/open-intent';
import type { HighlightInfo } from '@/utils/scan/types';
import { type CheckModel, type CheckState, runCheck } from './check';
import { TooltipContent } from './TooltipContent';

export type OpenReason = 'hover' | 'focus' | 'keyboard' | 'click';

export interface TooltipControllerOptions {
  document: Document;
  window: Window & typeof globalThis;
  /** The element inside our shadow root that holds the tooltip. */
  container: HTMLElement;
  /** The shadow host: focus and pointer events inside the tooltip reach the page as this element. */
  host: HTMLElement;
  lookup: (element: Element) => HighlightInfo | undefined;
  checkModel: CheckModel;
  openPopup: () => Promise<unknown>;
  signal: AbortSignal;
  hoverDelayMs?: number;
  closeDelayMs?: number;
}

export interface TooltipController {
  open(element: Element, reason: OpenReason): void;
  close(options?: { restoreFocus?: boolean }): void;
  /** The highlight or label the tooltip is open for. */
  readonly openFor: Element | null;
}

/** Discourse sets `--scheme-type: dark|light` on :root for its colour schemes. */
export function pageTheme(window: Window, document: Document): 'light' | 'dark' {
  const scheme = window.getComputedStyle(document.documentElement).getPropertyValue('--scheme-type').trim();
  if (scheme === 'dark' || scheme === 'light') return scheme;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function createTooltipController(options: TooltipControllerOptions): TooltipController {
  const { document, window: win, container, host, signal } = options;
  const hoverDelay = options.hoverDelayMs ?? 350;
  const closeDelay = options.closeDelayMs ?? 250;

  const floating = document.createElement('div');
  floating.className = 'mad-tip__floating';
  floating.hidden = true;
  container.append(floating);

  let current: { element: Element; anchor: Element; info: HighlightInfo; reason: OpenReason } | null = null;
  let selected = 0;
  const checks = new Map<string, CheckState>();
  let openTimer: number | undefined;
  let closeTimer: number | undefined;
  let stopAutoUpdate: (() => void) | null = null;
  let visibility: IntersectionObserver | null = null;
  /** Set while Escape hands focus back to the highlight, so that focus does not reopen the card. */
  let restoringFocus = false;

  const clearTimers = () => {
    if (openTimer !== undefined) win.clearTimeout(openTimer);
    if (closeTimer !== undefined) win.clearTimeout(closeTimer);
    openTimer = undefined;
    closeTimer = undefined;
  };

  /** The element's whole highlight group (pieces of one highlight, its label): they count as one target. */
  const groupOf = (element: Element) => element.getAttribute(ATTR_GROUP);
  const interactiveFrom = (target: EventTarget | null): Element | null =>
    target instanceof win.Element ? target.closest(INTERACTIVE_SELECTOR) : null;
  /** Events from inside the shadow root reach the page retargeted to the host; relatedTarget too. */
  const isInsideTooltip = (target: EventTarget | null) =>
    target === host || (target instanceof win.Node && (host.shadowRoot?.contains(target) ?? false));
  const cameFromTooltip = (event: Event) => event.composedPath().includes(host);
  const sameTarget = (element: Element | null) =>
    current !== null &&
    element !== null &&
    groupOf(element) !== null &&
    groupOf(element) === groupOf(current.element);

  const setExpanded = (element: Element | null, expanded: boolean) => {
    if (!element) return;
    for (const piece of document.querySelectorAll(`[${ATTR_GROUP}="${groupOf(element)}"][aria-expanded]`)) {
      piece.setAttribute('aria-expanded', String(expanded));
    }
  };

  /** For a code block, point at its first error's text when the browser can measure that range. */
  const referenceFor = (anchor: Element, info: HighlightInfo) => {
    const range = info.ranges?.find((candidate) => !candidate.collapsed);
    if (range && range instanceof win.Range && anchor.matches('pre')) {
      return {
        getBoundingClientRect: () => range.getBoundingClientRect(),
        getClientRects: () => range.getClientRects(),
        contextElement: anchor,
      };
    }
    return anchor;
  };

  const renderContent = () => {
    if (!current) {
      render(null, floating);
      return;
    }
    const { info } = current;
    render(
      h(TooltipContent, {
        view: { diagnoses: info.diagnoses, leakedKeys: info.leakedKeys, quoted: info.quoted },
        theme: pageTheme(win, document),
        selected,
        onSelect: (index: number) => {
          selected = index;
          renderContent();
        },
        checks,
        onCheck: (model: string) => void check(model),
        onOpenPopup: () => void options.openPopup(),
        onClose: () => close({ restoreFocus: true }),
      }),
      floating,
    );
  };

  async function check(model: string): Promise<void> {
    checks.set(model, { state: 'pending' });
    renderContent();
    const state = await runCheck(options.checkModel, model);
    if (signal.aborted) return;
    checks.set(model, state);
    renderContent();
  }

  const position = () => {
    if (!current) return;
    const reference = referenceFor(current.anchor, current.info);
    const isText = !current.anchor.matches('pre');
    void computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        ...(isText ? [inline()] : []),
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, elements }) {
            // The card scrolls inside the space left on screen, so its buttons stay reachable.
            elements.floating.style.setProperty(
              '--mad-tip-max-height',
              `${Math.max(180, Math.floor(availableHeight))}px`,
            );
          },
        }),
      ],
    }).then(({ x, y }) => {
      floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    });
  };

  function open(element: Element, reason: OpenReason): void {
    clearTimers();
    const target = element.closest(INTERACTIVE_SELECTOR) ?? element;
    const info = options.lookup(target);
    if (!info) return;
    // A page script may have removed our host (a clean-up of unknown elements, a re-render of <body>): put it
    // back, shadow root and all, or the card would open where nobody can see it.
    if (!host.isConnected) (document.body ?? document.documentElement).append(host);
    if (current && sameTarget(target)) {
      // Upgrade a hover opening to a sticky one when the user clicks or uses the keyboard.
      if (reason !== 'hover') current.reason = reason;
      return;
    }
    close();
    current = { element: target, anchor: info.anchor, info, reason };
    selected = 0;
    // A label opens the card for its own diagnosis first (code blocks list several).
    floating.hidden = false;
    setExpanded(target, true);
    renderContent();
    stopAutoUpdate = autoUpdate(referenceFor(info.anchor, info) as Element, floating, position, {
      animationFrame: false,
    });
    visibility = new win.IntersectionObserver((entries) => {
      for (const entry of entries) if (!entry.isIntersecting) close();
    });
    visibility.observe(info.anchor);
    if (reason === 'keyboard') {
      const first = floating.querySelector<HTMLElement>(
        '[data-mad-check]:not([disabled]), [data-mad-open-popup], .mad-tip',
      );
      first?.focus();
    }
  }

  function close(closeOptions: { restoreFocus?: boolean } = {}): void {
    clearTimers();
    if (!current) return;
    const { element } = current;
    setExpanded(element, false);
    current = null;
    stopAutoUpdate?.();
    stopAutoUpdate = null;
    visibility?.disconnect();
    visibility = null;
    floating.hidden = true;
    render(null, floating);
    if (closeOptions.restoreFocus && element.isConnected && element instanceof win.HTMLElement) {
      restoringFocus = true;
      element.focus();
      restoringFocus = false;
    }
  }

  const scheduleClose = () => {
    if (closeTimer !== undefined) win.clearTimeout(closeTimer);
    closeTimer = win.setTimeout(() => close(), closeDelay);
  };

  // --- delegated listeners -------------------------------------------------------------------------------
  const listen = <K extends keyof DocumentEventMap>(type: K, handler: (event: DocumentEventMap[K]) => void) =>
    document.addEventListener(type, handler, { signal, capture: true });

  listen('pointerover', (event) => {
    if (cameFromTooltip(event)) {
      if (closeTimer !== undefined) win.clearTimeout(closeTimer);
      closeTimer = undefined;
      return;
    }
    const element = interactiveFrom(event.target);
    if (!element) return;
    if (sameTarget(element)) {
      if (closeTimer !== undefined) win.clearTimeout(closeTimer);
      closeTimer = undefined;
      return;
    }
    if (openTimer !== undefined) win.clearTimeout(openTimer);
    openTimer = win.setTimeout(() => open(element, 'hover'), hoverDelay);
  });

  listen('pointerout', (event) => {
    const from = interactiveFrom(event.target) ?? (cameFromTooltip(event) ? host : null);
    if (!from) return;
    const to = event.relatedTarget;
    if (isInsideTooltip(to) || sameTarget(interactiveFrom(to))) return;
    if (openTimer !== undefined && !isInsideTooltip(from)) {
      win.clearTimeout(openTimer);
      openTimer = undefined;
    }
    if (current?.reason === 'hover') scheduleClose();
  });

  listen('focusin', (event) => {
    if (restoringFocus || cameFromTooltip(event)) return;
    const element = interactiveFrom(event.target);
    if (element) open(element, 'focus');
    else if (current && current.reason !== 'hover') close();
  });

  listen('focusout', (event) => {
    if (!current || current.reason === 'hover') return;
    const to = event.relatedTarget;
    if (isInsideTooltip(to) || sameTarget(interactiveFrom(to))) return;
    // Focus left both the highlight and the tooltip (blur).
    if (to !== null || !cameFromTooltip(event)) scheduleClose();
  });

  listen('keydown', (event) => {
    if (event.key === 'Escape' && current) {
      const restoreFocus = cameFromTooltip(event) || sameTarget(interactiveFrom(event.target));
      close({ restoreFocus });
      return;
    }
    if (!isOpenKey(event.key)) return;
    const element = interactiveFrom(event.target);
    if (!element?.matches(`${HIGHLIGHT_SELECTOR}, mad-label`)) return;
    event.preventDefault();
    if (current && sameTarget(element)) current.reason = 'keyboard';
    else open(element, 'keyboard');
    const first = floating.querySelector<HTMLElement>(
      '[data-mad-check]:not([disabled]), [data-mad-open-popup], .mad-tip',
    );
    first?.focus();
  });

  listen('click', (event) => {
    if (cameFromTooltip(event)) return;
    const element = interactiveFrom(event.target);
    if (element) {
      if (clickOpensCard(event.target, win)) open(element, 'click');
      return;
    }
    if (current && current.reason !== 'hover') close();
  });

  signal.addEventListener('abort', () => {
    close();
    floating.remove();
  });

  return {
    open,
    close,
    get openFor() {
      return current?.element ?? null;
    },
  };
}
