/**
 * The platform panel and page scanner in real headless Chromium, on the fixture app (tests/fixtures/platform)
 * served at https://platform.openai.com through `context.route`, against the fake API.
 *
 * What it proves (issue 7): the `mad-panel` host appears on exactly the served pages (current and legacy URLs)
 * and leaves on the others as the app navigates with pushState; "Re-check now" calls the API and updates the
 * rows; the billing page's scheduled re-checks run (a short schedule) and say what changed; error text on
 * served pages is highlighted, and nothing of ours is left on pages we do not serve.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RoutedFakeApi, routeFakeApi } from '../fake-api/playwright';
import { navigateInApp, renderPlatformFixture } from '../fixtures/platform/app';
import {
  openExtensionPage,
  resetExtensionStorage,
  routeScenarioSwitch,
  runCheck,
  saveKey,
  setRecheckDelays,
} from '../fixtures/platform/extension';
import { type ExtensionSession, launchExtension, runningContentScript, servePages } from './harness';

const PLATFORM = 'https://platform.openai.com';

/** Where the panel must be, by page kind (`data-page` on the panel's root), and where it must not. */
const SERVED: readonly [string, string][] = [
  ['/settings/organization/billing/overview', 'billing'],
  ['/settings/organization/limits', 'limits'],
  ['/settings/proj_fixture123/limits', 'limits'],
  ['/api-keys', 'api-keys'],
  ['/settings/organization/api-keys', 'api-keys'],
  ['/settings/proj_fixture123/api-keys', 'api-keys'],
  ['/usage', 'usage'],
  ['/settings/organization/usage', 'usage'],
  ['/settings/organization/general', 'organization-general'],
  ['/account/billing/overview', 'billing'],
  ['/account/rate-limits', 'limits'],
  ['/account/api-keys', 'api-keys'],
  ['/account/org-settings', 'organization-general'],
];
const NOT_SERVED = ['/docs/overview', '/playground', '/', '/settings/organization/people', '/logs'];

const panelRoot = (page: Page) => page.locator('mad-panel .mad-root');
const panelPageKind = async (page: Page) => {
  if ((await page.locator('mad-panel').count()) === 0) return null;
  return panelRoot(page).getAttribute('data-page');
};

describe('platform.openai.com: the access panel and the page scanner', () => {
  let session: ExtensionSession;
  let api: RoutedFakeApi;
  let scenario: { use(next: Parameters<typeof saveKey>[1] | null): void };
  let extensionPage: Page;

  beforeAll(async () => {
    session = await launchExtension(
      process.env.MAD_E2E_EXTENSION_DIR ? { extensionDir: process.env.MAD_E2E_EXTENSION_DIR } : {},
    );
    await servePages(session.context, PLATFORM, (url) => renderPlatformFixture(url));
    api = await routeFakeApi(session.context);
    scenario = await routeScenarioSwitch(session.context);
    extensionPage = await openExtensionPage(session);
  });
  afterAll(() => session?.close());
  beforeEach(async () => {
    scenario.use(null);
    await resetExtensionStorage(session);
  });

  it('shows the panel on exactly the served pages as the app navigates, and removes it elsewhere', async () => {
    const page = await session.context.newPage();
    await page.goto(`${PLATFORM}/docs/overview`);
    await expect.poll(() => runningContentScript(page)).toBe('platform');
    await page.waitForTimeout(300);
    expect(await page.locator('mad-panel').count()).toBe(0);

    for (const [path, kind] of SERVED) {
      await navigateInApp(page, path);
      await expect.poll(() => panelPageKind(page), { message: path }).toBe(kind);
      // No key saved yet: the panel offers to open the popup.
      await expect.poll(() => panelRoot(page).locator('[data-empty="no-key"]').count()).toBe(1);
      for (const other of NOT_SERVED.slice(0, 2)) {
        await navigateInApp(page, other);
        await expect.poll(() => page.locator('mad-panel').count(), { message: `${path} → ${other}` }).toBe(0);
        await navigateInApp(page, path);
        await expect.poll(() => panelPageKind(page)).toBe(kind);
      }
    }
    for (const path of NOT_SERVED) {
      await navigateInApp(page, path);
      await expect.poll(() => page.locator('mad-panel').count(), { message: path }).toBe(0);
    }
    await page.close();
  });

  it('adds nothing to a page it does not serve', async () => {
    const page = await session.context.newPage();
    await page.goto(`${PLATFORM}/docs/overview`);
    await expect.poll(() => runningContentScript(page)).toBe('platform');
    await page.waitForTimeout(500);
    const ours = await page.evaluate(() => ({
      elements: document.querySelectorAll(
        'mad-panel, mad-tooltip, mad-hl, [data-mad-ui], [data-mad-category]',
      ).length,
      styles: document.querySelectorAll('style#mad-page-styles, style[wxt-shadow-root-document-styles]')
        .length,
      // The docs page quotes an error: it must stay plain text here.
      text: document.querySelector('main')?.textContent?.includes('You exceeded your current quota') ?? false,
    }));
    expect(ours).toEqual({ elements: 0, styles: 0, text: true });
    await page.close();
  });

  it('checks on request through the fake API, then re-checks and shows what changed', async () => {
    await saveKey(extensionPage, 'tier3');
    const page = await session.context.newPage();
    await page.goto(`${PLATFORM}/settings/organization/limits`);
    const root = panelRoot(page);
    await root.locator('[data-empty="not-checked"]').waitFor();

    const before = api.requests.length;
    await root.getByRole('button', { name: 'Check now' }).click();
    await root.locator('tr[data-model]').first().waitFor({ timeout: 30_000 });
    expect(api.requests.length).toBeGreaterThan(before);
    await expect.poll(() => root.locator('.mad-tier__label').textContent()).toBe('Tier 3');
    const statuses = await root
      .locator('tr[data-model]')
      .evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute('data-model'), row.getAttribute('data-status')]),
      );
    expect(statuses.length).toBeGreaterThan(2);
    expect(statuses.every(([, status]) => status === 'ok')).toBe(true);

    // The project's allow-list now blocks most models: the re-check must say so, row by row.
    scenario.use('allowlist');
    const requestsBefore = api.requests.length;
    await root.getByRole('button', { name: 'Re-check now' }).click();
    await expect
      .poll(() => root.locator('tr[data-model][data-status="denied"]').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(api.requests.length).toBeGreaterThan(requestsBefore);
    const denied = root.locator('tr[data-model][data-status="denied"]').first();
    const deniedModel = await denied.getAttribute('data-model');
    expect(await denied.getAttribute('data-category')).toBe('model_access_denied');
    expect(await denied.getAttribute('data-changed')).toBe('worse');
    await expect
      .poll(() => root.locator('.mad-panel__status').textContent())
      .toMatch(/^Re-checked: \d+ changes?\.$/);
    const runText = await root.locator('.mad-runs').textContent();
    expect(runText).toContain(deniedModel);
    expect(runText).toContain('usable → refused (model access denied)');
    await page.close();
  });

  it('on billing with no credit, re-checks by itself on the schedule until access is back', async () => {
    await setRecheckDelays(session, [1500, 3000, 4500]);
    await saveKey(extensionPage, 'quota');
    await runCheck(extensionPage);
    const page = await session.context.newPage();
    await page.goto(`${PLATFORM}/settings/organization/billing/overview`);
    const root = panelRoot(page);
    await expect
      .poll(() => root.locator('[data-section="billing"] .mad-callout').getAttribute('data-tone'))
      .toBe('bad');
    // The schedule started by itself: three steps, the first pending.
    await expect.poll(() => root.locator('.mad-watch').getAttribute('data-watch')).toBe('active');
    expect(await root.locator('.mad-watch__step').count()).toBe(3);

    // The first step runs with no change yet.
    await expect
      .poll(() => root.locator('.mad-watch__step').first().getAttribute('data-step-state'), {
        timeout: 20_000,
      })
      .toBe('done');
    expect(
      await root
        .locator('.mad-runs__run[data-run-trigger="scheduled"]')
        .first()
        .getAttribute('data-run-changes'),
    ).toBe('0');

    // The user adds credit: the next step sees access come back, says what changed, and stops the schedule.
    scenario.use('tier3');
    await expect
      .poll(() => root.locator('.mad-watch').getAttribute('data-watch'), { timeout: 20_000 })
      .toBe('resolved');
    const changed = await root.locator('.mad-runs__run').first().textContent();
    expect(changed).toContain('Credit: none left → available');
    expect(
      await root.locator('[data-section="billing"] .mad-callout').first().getAttribute('data-tone'),
    ).toBe('ok');
    expect(await root.locator('.mad-watch__step').last().getAttribute('data-step-state')).toBe('skipped');
    expect(await root.locator('tr[data-model][data-status="ok"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('runs every step while nothing changes, and stops when the app leaves the billing page', async () => {
    await setRecheckDelays(session, [800, 1600, 2400]);
    await saveKey(extensionPage, 'quota');
    await runCheck(extensionPage);
    const page = await session.context.newPage();
    await page.goto(`${PLATFORM}/settings/organization/billing/overview`);
    const root = panelRoot(page);
    await expect
      .poll(() => root.locator('.mad-watch').getAttribute('data-watch'), { timeout: 30_000 })
      .toBe('finished');
    expect(await root.locator('.mad-runs__run[data-run-trigger="scheduled"]').count()).toBe(3);

    // Started again by hand, then the app navigates away: no more requests.
    expect(await root.locator('.mad-watch__intro').textContent()).toContain(
      'Still refused after the last re-check',
    );
    await root.getByRole('button', { name: 'Watch again' }).click();
    await expect.poll(() => root.locator('.mad-watch').getAttribute('data-watch')).toBe('active');
    await navigateInApp(page, '/docs/overview');
    await expect.poll(() => page.locator('mad-panel').count()).toBe(0);
    const requests = api.requests.length;
    await page.waitForTimeout(3000);
    expect(api.requests.length).toBe(requests);
    await page.close();
  });

  it('highlights error text on the playground, leaves the editor alone, and cleans up on other pages', async () => {
    const page = await session.context.newPage();
    await page.goto(`${PLATFORM}/playground`);
    const quota = page.locator('[role="alert"] [data-mad-category="insufficient_quota"]');
    await quota.first().waitFor({ timeout: 10_000 });

    // An error typed into the prompt editor is the user's text: never touched.
    await page.locator('.editor').fill('Error: You exceeded your current quota, please check your plan');
    // A banner that arrives later (the run failed again) is highlighted too.
    await page.locator('#run-again').click();
    const late = page.locator('[data-fixture="late-banner"] [data-mad-category]');
    await late.first().waitFor({ timeout: 10_000 });
    expect(await late.first().getAttribute('data-mad-category')).toBe('model_access_denied');
    expect(await page.locator('.editor [data-mad-category]').count()).toBe(0);

    // The highlight is focusable and opens the explanation.
    await quota.first().focus();
    await expect
      .poll(() => page.locator('mad-tooltip [data-mad-card]').count(), { timeout: 5000 })
      .toBeGreaterThan(0);

    // Leaving for a page we do not serve removes every highlight and our styles.
    await navigateInApp(page, '/docs/overview');
    await expect.poll(() => page.locator('[data-mad-category], mad-hl').count()).toBe(0);
    expect(await page.locator('style#mad-page-styles').count()).toBe(0);
    // …and coming back scans again.
    await navigateInApp(page, '/playground');
    await quota.first().waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('the explain page shows the selection handed over by the context menu, and checks it with the key', async () => {
    const id = 'cd'.repeat(16);
    const text =
      "openai.NotFoundError: Error code: 404 - {'error': {'message': 'The model `gpt-4o` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}";
    // What the menu's click handler stores (tested in tests/unit/contextmenu): the text under a random id.
    await session.serviceWorker.evaluate(
      `chrome.storage.session.set({ explainRequests: { '${id}': { text: ${JSON.stringify(text)}, createdAt: Date.now() } } })`,
    );
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/explain.html?request=${id}`);
    const result = page.locator('[data-explain-result]');
    await expect.poll(() => result.getAttribute('data-category')).toBe('model_access_denied');
    expect(await page.getByLabel('Error text').inputValue()).toBe(text);

    // No key yet: the check offers the extension instead.
    await page.getByRole('button', { name: /with my key/ }).click();
    await expect.poll(() => page.locator('[data-check-result]').getAttribute('data-status')).toBe('no-key');

    // With a key whose project allows only a few models, the check goes to the fake API and answers.
    await saveKey(extensionPage, 'allowlist');
    const before = api.requests.length;
    await page.getByRole('button', { name: /with my key/ }).click();
    await expect
      .poll(() => page.locator('[data-check-result]').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('denied');
    expect(await page.locator('[data-check-result]').getAttribute('data-model')).toBe('gpt-4o');
    expect(api.requests.slice(before).some((request) => request.model === 'gpt-4o')).toBe(true);

    // Typing replaces the diagnosis; text without an OpenAI error says so.
    await page.getByLabel('Error text').fill('nothing to see here');
    await expect.poll(() => result.getAttribute('data-category')).toBe('none');

    // An unknown or expired id opens an empty page, ready for pasting.
    await page.goto(`chrome-extension://${session.extensionId}/explain.html?request=${'ef'.repeat(16)}`);
    await expect.poll(() => result.getAttribute('data-state')).toBe('empty');
    expect(await page.getByLabel('Error text').inputValue()).toBe('');
    await page.close();
  });
});
