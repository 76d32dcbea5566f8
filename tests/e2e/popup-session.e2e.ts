/**
 * The popup across its lifetimes: reopening shows the cache at once (no new request), a check survives the popup
 * closing, the copied report holds no key, and a session-only key is gone after a browser restart while a
 * remembered one stays.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_KEYS } from '../fake-api';
import { routeFakeApi } from '../fake-api/playwright';
import { type ExtensionSession, launchExtension, openPopup, servePages } from './harness';
import { addKey, checkAccess, copyReport, keyBanner, matrixRows } from './popup-helpers';

let session: ExtensionSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Everything stored in both areas, as text, read by the service worker. */
async function allStorage(target: ExtensionSession): Promise<string> {
  return target.serviceWorker.evaluate(
    'Promise.all([chrome.storage.local.get(null), chrome.storage.session.get(null)]).then((areas) => JSON.stringify(areas))',
  );
}

describe('popup lifetimes', () => {
  it('reopening shows the cached results at once, with their age, without asking the API again', async () => {
    session = await launchExtension();
    const api = await routeFakeApi(session.context);
    const first = await openPopup(session);
    await addKey(first, FAKE_KEYS.allowlist);
    const rows = await checkAccess(first);
    await first.close();
    const requestsBefore = api.requests.length;

    const again = await openPopup(session);
    await again.locator('tr[data-model]').first().waitFor({ timeout: 2_000 });
    expect(await matrixRows(again)).toEqual(rows);
    expect(await again.locator('.actions__ago').textContent()).toBe('checked just now');
    expect(api.requests.length).toBe(requestsBefore);
    await again.close();
  });

  it('a check keeps running when the popup closes, and the reopened popup shows it finish', async () => {
    session = await launchExtension();
    await routeFakeApi(session.context, { latencyMs: 700 });
    const first = await openPopup(session);
    await addKey(first, FAKE_KEYS.tier3);
    await first.getByRole('button', { name: 'Check access' }).click();
    await first.locator('tr[data-status="pending"]').first().waitFor();
    await first.close();

    const again = await openPopup(session);
    await expect
      .poll(
        async () => {
          const rows = await matrixRows(again);
          return rows.length > 0 && rows.every((row) => row.status === 'ok');
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await again.close();
  });

  it('the copied report is Markdown with the masked key and never the key itself', async () => {
    session = await launchExtension();
    await routeFakeApi(session.context);
    // Chromium refuses clipboard permissions for extension origins in tests: read the clipboard from a web page.
    await servePages(
      session.context,
      'https://example.org',
      '<!doctype html><title>paste</title><p>paste here</p>',
    );
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: 'https://example.org',
    });
    const page = await openPopup(session);
    await addKey(page, `  Bearer ${FAKE_KEYS.invalid}\n`);
    await checkAccess(page);
    expect(await keyBanner(page)).toBe('invalid_api_key');
    const copied = await copyReport(session, page);
    expect(copied).toContain('### OpenAI API access report');
    expect(copied).toContain('invalid_api_key');
    expect(copied).toMatch(/sk-proj-…\w{1,4}/);
    expect(copied).not.toContain(FAKE_KEYS.invalid);
    expect(copied).not.toContain('FAKE_invalid_fakefake');
    expect(await page.locator('[data-report-text]').inputValue()).toBe(copied);
    expect(await page.content()).not.toContain(FAKE_KEYS.invalid);
    await page.close();
  });

  it('a session-only key is gone after a browser restart; a remembered key stays', async () => {
    session = await launchExtension();
    await routeFakeApi(session.context);
    const page = await openPopup(session);
    await addKey(page, FAKE_KEYS.tier3, { label: 'Remembered' });
    await page.getByRole('combobox', { name: 'Key profile' }).selectOption({ label: '＋ Add another key…' });
    await addKey(page, FAKE_KEYS.tier2, { label: 'Session only', persistence: 'session' });
    await checkAccess(page);
    const before = await allStorage(session);
    expect(before).toContain(FAKE_KEYS.tier2);
    await page.close();

    const userDataDir = session.userDataDir;
    await session.close({ keepProfile: true });
    session = await launchExtension({ userDataDir });
    await routeFakeApi(session.context);

    const after = await allStorage(session);
    expect(after).not.toContain(FAKE_KEYS.tier2);
    expect(after).toContain(FAKE_KEYS.tier3);

    const reopened = await openPopup(session);
    await reopened.locator('.notice').getByText('kept for one browser session only').waitFor();
    // The last results stay visible; checking needs the key again.
    expect((await matrixRows(reopened)).length).toBeGreaterThan(0);
    expect(await reopened.getByRole('button', { name: 'Check access' }).isDisabled()).toBe(true);

    await reopened.getByRole('combobox', { name: 'Key profile' }).selectOption({ label: 'Remembered' });
    await expect.poll(() => reopened.getByRole('button', { name: 'Check access' }).isEnabled()).toBe(true);
    await reopened.close();
  });
});
