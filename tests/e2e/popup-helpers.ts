/**
 * Steps the popup e2e tests share: add a key through the form, run "Check access", read the matrix.
 * They drive the UI as a user would (labels and button names), and read only the DESIGN §2.3 hooks.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionSession } from './harness';

/** Empties the extension's local and session storage (through the service worker), then reloads `page`. */
export async function resetStorage(session: ExtensionSession, page?: Page): Promise<void> {
  await session.serviceWorker.evaluate(
    'Promise.all([chrome.storage.local.clear(), chrome.storage.session.clear()])',
  );
  if (page !== undefined) await page.reload();
}

export interface MatrixRowHooks {
  model: string;
  status: string | null;
  category: string | null;
  confidence: string | null;
}

/** Pastes a key into the form (as a paste, with debris around it when given) and saves it. */
export async function addKey(
  page: Page,
  key: string,
  options: { label?: string; persistence?: 'local' | 'session'; projectId?: string } = {},
): Promise<void> {
  await page.getByLabel('API key', { exact: true }).fill(key);
  if (options.label !== undefined) await page.getByLabel('Label').fill(options.label);
  if (options.persistence === 'session') await page.getByLabel('Only for this browser session').check();
  if (options.projectId !== undefined) {
    await page.getByText('Organization, project and endpoint (optional)').click();
    await page.getByLabel('Project id').fill(options.projectId);
  }
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.locator('[data-masked-key]').waitFor();
}

export async function matrixRows(page: Page): Promise<MatrixRowHooks[]> {
  return page.locator('table tr[data-model]').evaluateAll((rows) =>
    rows.map((row) => ({
      model: row.getAttribute('data-model') ?? '',
      status: row.getAttribute('data-status'),
      category: row.getAttribute('data-category'),
      confidence: row.getAttribute('data-confidence'),
    })),
  );
}

/** Clicks "Check access" and waits until every row has its answer. */
export async function checkAccess(page: Page, timeout = 30_000): Promise<MatrixRowHooks[]> {
  await page.getByRole('button', { name: 'Check access' }).click();
  await expect
    .poll(
      async () => {
        const rows = await matrixRows(page);
        return rows.length > 0 && rows.every((row) => row.status !== 'pending');
      },
      { timeout },
    )
    .toBe(true);
  // The run is over when the button is back (the cache is written before the run's state turns to done).
  await page.getByRole('button', { name: 'Check access' }).waitFor();
  return matrixRows(page);
}

export async function keyBanner(page: Page): Promise<string | null> {
  const banner = page.locator('[data-scope="key"]');
  if ((await banner.count()) === 0) return null;
  return banner.first().getAttribute('data-category');
}

/**
 * Clicks "Copy report" and returns what landed on the clipboard, read from another tab: the popup page is not
 * focused in headless Chromium, and `clipboard.readText` needs a focused document.
 */
export async function copyReport(session: ExtensionSession, page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy report' }).click();
  await page.locator('[data-copy-state="copied"]').waitFor();
  const reader = await session.context.newPage();
  await reader.goto('https://example.org/');
  await reader.bringToFront();
  const copied = await reader.evaluate(() => navigator.clipboard.readText());
  await reader.close();
  return copied;
}
