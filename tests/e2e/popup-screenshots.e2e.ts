/**
 * Screenshots of the popup's main states for the README (assets/screenshots/popup-*.png, committed), taken from
 * the real extension against the fake API. Each state is also asserted, so a screenshot of a broken state fails.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_KEYS, FAKE_PROJECT_ID } from '../fake-api';
import { routeFakeApi } from '../fake-api/playwright';
import { type ExtensionSession, launchExtension, openPopup, ROOT } from './harness';
import { addKey, checkAccess, matrixRows, resetStorage } from './popup-helpers';

const OUT = path.join(ROOT, 'assets/screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(OUT, { recursive: true });
  // Let focus rings and the last storage update settle; the popup has no running animation in these states.
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

/** The popup's content fits 400 × 600: the page itself never scrolls. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollHeight - window.innerHeight,
    main: (() => {
      const main = document.querySelector('.app__main');
      return main === null ? 0 : main.scrollHeight - main.clientHeight;
    })(),
  }));
  expect(overflow.page).toBeLessThanOrEqual(0);
  expect(overflow.main).toBeLessThanOrEqual(0);
}

describe('popup screenshots', () => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension();
    // Latency so the "checking" state can be seen; still well inside the timeout.
    await routeFakeApi(session.context, { latencyMs: 400 });
  });
  afterAll(() => session?.close());

  it('empty, checking, results, diagnosis open, dark theme', async () => {
    const page = await openPopup(session);
    await resetStorage(session, page);
    await page.getByLabel('API key', { exact: true }).waitFor();
    await expectNoPageScroll(page);
    await shoot(page, 'popup-empty');

    await addKey(page, FAKE_KEYS.allowlist, { label: 'Acme app', projectId: FAKE_PROJECT_ID });
    await page.getByRole('button', { name: 'Check access' }).click();
    await expect
      .poll(async () => (await matrixRows(page)).some((row) => row.status === 'pending'))
      .toBe(true);
    await expect
      .poll(async () => (await matrixRows(page)).some((row) => row.status !== 'pending'), { timeout: 10_000 })
      .toBe(true);
    await shoot(page, 'popup-checking');
    // No layout jump: rows keep their place from "pending" to answered.
    const rowTops = () =>
      page
        .locator('tr[data-model]')
        .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().top));
    const topsWhileChecking = await rowTops();

    await expect
      .poll(async () => (await matrixRows(page)).every((row) => row.status !== 'pending'), {
        timeout: 20_000,
      })
      .toBe(true);
    await page.getByRole('button', { name: 'Check access' }).waitFor();
    expect(await rowTops()).toEqual(topsWhileChecking);
    await expectNoPageScroll(page);
    await shoot(page, 'popup-results');

    const denied = page.locator('tr[data-status="denied"]').first();
    await denied.locator('button').click();
    await page.locator('.matrix__detail .mad-card').waitFor();
    await shoot(page, 'popup-diagnosis');

    await page.emulateMedia({ colorScheme: 'dark' });
    await denied.locator('button').click();
    await shoot(page, 'popup-results-dark');
    await denied.locator('button').click();
    await page.locator('.matrix__detail').scrollIntoViewIfNeeded();
    await shoot(page, 'popup-diagnosis-dark');
    await page.close();
  });

  it('a key-level banner and an explained error', async () => {
    const page = await openPopup(session);
    await resetStorage(session, page);
    await addKey(page, FAKE_KEYS.quota, { label: 'Side project' });
    await checkAccess(page);
    await page.locator('[data-scope="key"]').waitFor();
    await shoot(page, 'popup-banner');
    await expectNoPageScroll(page);

    await page
      .getByLabel('Explain an error')
      .fill(
        "openai.NotFoundError: Error code: 404 - {'error': {'message': 'The model `gpt4o` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
      );
    await page.locator('[data-explain-result]').waitFor();
    await page.locator('[data-explain-result]').scrollIntoViewIfNeeded();
    await shoot(page, 'popup-explain');
    await page.close();
  });
});
