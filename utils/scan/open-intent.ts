/**
 * Which events on a mark ask for its card: shared by the tooltip controller and the forum script's early
 * listener (utils/scan/tooltip-on-demand.ts), which acts before the controller has loaded. Kept apart from the
 * controller so the early listener does not pull the tooltip UI into the content script.
 */

/** Enter or Space on a focused mark opens its card (and Space must then not scroll the page). */
export const isOpenKey = (key: string): boolean => key === 'Enter' || key === ' ';

/** A click on a mark opens its card, except on a link inside it (a link stays a link) or when it ends a selection. */
export function clickOpensCard(target: EventTarget | null, win: Window & typeof globalThis): boolean {
  if (target instanceof win.Element && target.closest('a[href]') !== null) return false;
  return win.getSelection()?.isCollapsed !== false;
}
