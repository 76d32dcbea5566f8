/**
 * "Explain this OpenAI error" in the context menu of selected text, on any page.
 *
 * No host permission is needed: the browser hands the selection to us with the click (`info.selectionText`),
 * so we never read the page. The click stores the text (keys masked) and opens the explain page with its id.
 * Both functions take `browser`-like parts, so unit tests call them with fakes (native menus cannot be clicked
 * from tests).
 */
import { addExplainRequest, EXPLAIN_REQUEST_PARAM, newExplainRequestId } from './explain-requests';
import type { ExplainRequest } from '../storage';

export const EXPLAIN_MENU_ID = 'mad-explain-selection';
export const EXPLAIN_MENU_TITLE = 'Explain this OpenAI error';
/** The extension page that shows the diagnosis (entrypoints/explain). */
export const EXPLAIN_PAGE_PATH = '/explain.html';

export interface MenuCreateProperties {
  id: string;
  title: string;
  contexts: ['selection'];
}

/** The parts of `browser.contextMenus` we use. */
export interface ContextMenusLike {
  removeAll(): Promise<void>;
  create(properties: MenuCreateProperties): unknown;
}

/**
 * Registers the menu item. Called on every background start: Chrome keeps items across service-worker restarts
 * (a second `create` with the same id is an error), Firefox forgets them with the background page. Removing
 * first makes both right.
 */
export async function registerExplainMenu(menus: ContextMenusLike): Promise<void> {
  await menus.removeAll();
  menus.create({ id: EXPLAIN_MENU_ID, title: EXPLAIN_MENU_TITLE, contexts: ['selection'] });
}

export interface MenuClickInfo {
  menuItemId: string | number;
  selectionText?: string;
}

export interface MenuClickTab {
  id?: number;
  index?: number;
  windowId?: number;
}

export interface CreateTabProperties {
  url: string;
  active: true;
  index?: number;
  openerTabId?: number;
  windowId?: number;
}

export interface ExplainClickDeps {
  readRequests(): Promise<Record<string, ExplainRequest> | null>;
  writeRequests(requests: Record<string, ExplainRequest>): Promise<void>;
  createTab(properties: CreateTabProperties): Promise<unknown>;
  /** The explain page's URL: `browser.runtime.getURL('/explain.html')` (EXPLAIN_PAGE_PATH). */
  explainPageUrl: string;
  /** Masks keys in the selection before it is stored (utils/diagnosis/redact `redactKeys`). */
  redact(text: string): string;
  randomBytes(length: number): Uint8Array;
  now(): number;
}

/**
 * Handles a context-menu click. Returns the explain page URL it opened, or `null` when the click was for
 * another menu item. An empty selection still opens the page, with an empty box to paste into.
 */
export async function handleExplainClick(
  info: MenuClickInfo,
  tab: MenuClickTab | undefined,
  deps: ExplainClickDeps,
): Promise<string | null> {
  if (info.menuItemId !== EXPLAIN_MENU_ID) return null;
  const text = deps.redact((info.selectionText ?? '').trim());
  let url = deps.explainPageUrl;
  if (text.length > 0) {
    const id = newExplainRequestId(deps.randomBytes);
    const stored = (await deps.readRequests()) ?? {};
    await deps.writeRequests(addExplainRequest(stored, id, text, deps.now()));
    url = `${url}?${EXPLAIN_REQUEST_PARAM}=${id}`;
  }
  // Open next to the page the text came from, so closing the explain tab returns the user there.
  const placement: Omit<CreateTabProperties, 'url' | 'active'> = {};
  if (tab?.index !== undefined) placement.index = tab.index + 1;
  if (tab?.id !== undefined && tab.id >= 0) placement.openerTabId = tab.id;
  if (tab?.windowId !== undefined && tab.windowId >= 0) placement.windowId = tab.windowId;
  await deps.createTab({ url, active: true, ...placement });
  return url;
}

/** `browser.contextMenus` as the background passes it. */
export interface ExplainMenuApi extends ContextMenusLike {
  onClicked: {
    addListener(listener: (info: MenuClickInfo, tab?: MenuClickTab) => void): void;
  };
}

/**
 * Wires the menu in the background: the click listener first and synchronously (a service worker woken by the
 * click must find it registered), then the item itself.
 */
export function startExplainMenu(
  menus: ExplainMenuApi | undefined,
  deps: ExplainClickDeps,
  log: (text: string) => void,
): void {
  // Firefox for Android has no context menus: everything else keeps working without this feature.
  if (menus === undefined) {
    log('context menus are not available here: "Explain this OpenAI error" is off');
    return;
  }
  menus.onClicked.addListener((info, tab) => {
    handleExplainClick(info, tab, deps).catch((error: unknown) =>
      log(`explain menu click failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  registerExplainMenu(menus).catch((error: unknown) =>
    log(`explain menu not registered: ${error instanceof Error ? error.message : String(error)}`),
  );
}
