/**
 * End-to-end harness: the built extension in real headless Chromium, with a fresh profile per launch.
 *
 * Pages at https://community.openai.com/… and https://platform.openai.com/… and the API at
 * https://api.openai.com/… are answered through `context.route` (DESIGN §5): it catches page navigations,
 * so content scripts inject as on the real sites, and also the service worker's own fetch calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Route, type Worker } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROME_BUILD_DIR = path.join(ROOT, '.output/chrome-mv3');
export const SCREENSHOT_DIR = path.join(ROOT, 'tests/screenshots');
/** Overridable for machines where Chromium lives elsewhere. */
export const CHROMIUM_PATH = process.env.MAD_CHROMIUM ?? '/usr/bin/chromium';

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  /** chrome-extension://<id>/popup.html */
  popupUrl: string;
  /** Closes the browser; deletes the profile unless `keepProfile` (for restart tests). */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a profile (a browser restart). A fresh temporary profile otherwise. */
  userDataDir?: string;
  extensionDir?: string;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const extensionDir = options.extensionDir ?? CHROME_BUILD_DIR;
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'mad-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1200, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Nothing may leave the machine: anything not routed by a test is refused.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort('blockedbyclient'));
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    popupUrl: `chrome-extension://${extensionId}/popup.html`,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the popup page in a tab of the given size (the real popup is 400 px wide). */
export async function openPopup(
  session: ExtensionSession,
  size = { width: 400, height: 600 },
): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize(size);
  await page.goto(session.popupUrl);
  return page;
}

export type PageBody = string | ((url: URL) => string | undefined);

/**
 * Serves HTML at an origin such as https://community.openai.com: every navigation under it gets `body`
 * (or 404 when the function returns undefined). Routes registered later win, so a test can override.
 */
export async function servePages(context: BrowserContext, origin: string, body: PageBody): Promise<void> {
  await context.route(`${origin}/**`, async (route: Route) => {
    const url = new URL(route.request().url());
    const html = typeof body === 'string' ? body : body(url);
    if (html === undefined)
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      // Both sites send a script-src policy; ours names no extension URL, so a content script whose own code
      // (the lazily imported UI modules) were subject to it would fail here, as it would on the real sites.
      headers: { 'content-security-policy': PAGE_CSP },
      body: html,
    });
  });
}

/** A page policy as strict for scripts as the real sites' (fixtures keep their inline scripts). */
const PAGE_CSP = "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'";

/** Saves a screenshot under tests/screenshots/ (git-ignored) and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The marker a content script sets on <html> while it runs (see entrypoints/*.content). */
export async function runningContentScript(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.dataset.madScript ?? null);
}
