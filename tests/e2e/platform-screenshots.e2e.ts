/**
 * Screenshots of the platform panel on the fixture app, for the README (assets/screenshots/platform-*.png).
 * Each shot is taken in a real state reached through the extension: a saved key, a check against the fake API.
 * Set MAD_SCREENSHOTS=0 to skip writing them (the states are still asserted).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routeFakeApi } from '../fake-api/playwright';
import { renderPlatformFixture } from '../fixtures/platform/app';
import {
  openExtensionPage,
  resetExtensionStorage,
  routeScenarioSwitch,
  runCheck,
  saveKey,
  setRecheckDelays,
} from '../fixtures/platform/extension';
import { type ExtensionSession, launchExtension, ROOT, servePages } from './harness';

const PLATFORM = 'https://platform.openai.com';
const OUT = path.join(ROOT, 'assets/screenshots');
const write = process.env.MAD_SCREENSHOTS !== '0';

async function shoot(page: Page, name: string, clipToPanel = false): Promise<void> {
  if (!write) return;
  await mkdir(OUT, { recursive: true });
  // Let transitions and fonts settle.
  await page.waitForTimeout(250);
  if (clipToPanel) {
    const box = await page.locator('mad-panel .mad-panel').boundingBox();
    if (box === null) throw new Error('panel not visible');
    // The panel sits 16 px from the viewport's right and bottom edges: the same margin on every side.
    const margin = 16;
    const x = Math.max(0, box.x - margin);
    const y = Math.max(0, box.y - margin);
    const viewport = page.viewportSize() ?? { width: 1200, height: 800 };
    await page.screenshot({
      path: path.join(OUT, `${name}.png`),
      clip: {
        x,
        y,
        width: Math.min(viewport.width, box.x + box.width + margin) - x,
        height: Math.min(viewport.height, box.y + box.height + margin) - y,
      },
    });
    return;
  }
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

describe('platform panel screenshots', () => {
  let session: ExtensionSession;
  let extensionPage: Page;
  let scenario: Awaited<ReturnType<typeof routeScenarioSwitch>>;

  beforeAll(async () => {
    session = await launchExtension(
      process.env.MAD_E2E_EXTENSION_DIR ? { extensionDir: process.env.MAD_E2E_EXTENSION_DIR } : {},
    );
    await servePages(session.context, PLATFORM, (url) => renderPlatformFixture(url));
    await routeFakeApi(session.context);
    scenario = await routeScenarioSwitch(session.context);
    extensionPage = await openExtensionPage(session);
  });
  afterAll(() => session?.close());
  beforeEach(async () => {
    scenario.use(null);
    await resetExtensionStorage(session);
  });

  async function open(pathname: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await session.context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(`${PLATFORM}${pathname}`);
    return page;
  }

  it('billing: no credit, re-checks scheduled at 1, 5 and 15 minutes', async () => {
    await setRecheckDelays(session, null);
    await saveKey(extensionPage, 'quota');
    await runCheck(extensionPage);
    const page = await open('/settings/organization/billing/overview');
    const root = page.locator('mad-panel .mad-root');
    await expect.poll(() => root.locator('.mad-watch').getAttribute('data-watch')).toBe('active');
    expect(await root.locator('.mad-watch__delay').allTextContents()).toEqual(['1 min', '5 min', '15 min']);
    await shoot(page, 'platform-billing-watching');
    await page.close();
  });

  it('billing: access came back on a scheduled re-check, with what changed', async () => {
    await setRecheckDelays(session, [1200, 2400, 3600]);
    await saveKey(extensionPage, 'quota');
    await runCheck(extensionPage);
    const page = await open('/settings/organization/billing/overview');
    const root = page.locator('mad-panel .mad-root');
    await expect
      .poll(() => root.locator('.mad-watch__step').first().getAttribute('data-step-state'), {
        timeout: 20_000,
      })
      .toBe('done');
    scenario.use('tier3');
    await expect
      .poll(() => root.locator('.mad-watch').getAttribute('data-watch'), { timeout: 20_000 })
      .toBe('resolved');
    await shoot(page, 'platform-billing-resolved');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'platform-billing-resolved-dark', true);
    await page.close();
  });

  it('limits: the tier estimate and its evidence', async () => {
    await saveKey(extensionPage, 'tier3');
    await runCheck(extensionPage);
    const page = await open('/settings/organization/limits');
    const root = page.locator('mad-panel .mad-root');
    await expect.poll(() => root.locator('.mad-tier__label').textContent()).toBe('Tier 3');
    await shoot(page, 'platform-limits');
    await page.close();
  });

  it('project limits: models the project refuses', async () => {
    await saveKey(extensionPage, 'allowlist');
    await runCheck(extensionPage);
    const page = await open('/settings/proj_fixture123/limits');
    const root = page.locator('mad-panel .mad-root');
    await expect.poll(() => root.locator('tr[data-status="denied"]').count()).toBeGreaterThan(0);
    await root.locator('tr[data-status="denied"] .mad-models__toggle').first().click();
    await root.locator('[data-mad-card]').waitFor();
    await root.locator('[data-mad-card]').scrollIntoViewIfNeeded();
    await shoot(page, 'platform-project-limits', true);
    await page.close();
  });

  it('API keys: a restricted key missing model.request', async () => {
    await saveKey(extensionPage, 'noscope');
    await runCheck(extensionPage);
    const page = await open('/api-keys');
    const root = page.locator('mad-panel .mad-root');
    await expect.poll(() => root.locator('[data-missing-scope]').count()).toBeGreaterThan(0);
    await shoot(page, 'platform-api-keys', true);
    await page.close();
  });

  it('organization general, and the collapsed panel', async () => {
    await saveKey(extensionPage, 'tier3');
    await runCheck(extensionPage);
    const page = await open('/settings/organization/general', 'dark');
    const root = page.locator('mad-panel .mad-root');
    await root.locator('[data-verification]').waitFor();
    await shoot(page, 'platform-general-dark', true);
    await root.getByRole('button', { name: 'Hide the panel' }).click();
    await root.locator('.mad-pill').waitFor();
    await page.emulateMedia({ colorScheme: 'light' });
    await shoot(page, 'platform-collapsed');
    await page.close();
  });

  it('no key saved: the panel offers to open the extension', async () => {
    const page = await open('/settings/organization/limits');
    await page.locator('mad-panel [data-empty="no-key"]').waitFor();
    await shoot(page, 'platform-no-key', true);
    await page.close();
  });

  it('the explain page for a selected error', async () => {
    await saveKey(extensionPage, 'tier3');
    const id = 'ab'.repeat(16);
    const text =
      "Error code: 404 - {'error': {'message': 'The model `gpt-4o` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}";
    await session.serviceWorker.evaluate(
      `chrome.storage.session.set({ explainRequests: { '${id}': { text: ${JSON.stringify(text)}, createdAt: Date.now() } } })`,
    );
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto(`chrome-extension://${session.extensionId}/explain.html?request=${id}`);
    await page.locator('[data-explain-result][data-category="model_access_denied"]').waitFor();
    await page.getByRole('button', { name: /with my key/ }).click();
    await page.locator('[data-check-result][data-status]').waitFor({ timeout: 30_000 });
    await shoot(page, 'platform-explain-page');
    await page.close();
  });
});
