/**
 * The popup against the fake api.openai.com, one scenario per test: the rows and banners the user sees are the
 * ones each scenario must produce (DESIGN §2.3 hooks), and no key ever shows in the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_KEYS, FAKE_PROJECT_ID, type ScenarioId } from '../fake-api';
import { routeFakeApi } from '../fake-api/playwright';
import { type ExtensionSession, launchExtension, openPopup, saveScreenshot } from './harness';
import { addKey, checkAccess, keyBanner, type MatrixRowHooks, resetStorage } from './popup-helpers';

const ALLOWED = ['gpt-4o-mini', 'gpt-5.4-mini', 'gpt-5-mini'];

describe('popup: Check access against the fake API', () => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension();
    await routeFakeApi(session.context);
  });
  afterAll(() => session?.close());

  /** A fresh popup with one profile holding the scenario's key; returns the finished rows. */
  async function run(
    scenario: ScenarioId,
    screenshot?: string,
  ): Promise<{ rows: MatrixRowHooks[]; banner: string | null; html: string }> {
    const page = await openPopup(session);
    // Each test starts from a clean profile list: delete what an earlier test saved.
    await resetStorage(session, page);
    await addKey(page, FAKE_KEYS[scenario]);
    const rows = await checkAccess(page);
    const banner = await keyBanner(page);
    if (screenshot !== undefined) await saveScreenshot(page, screenshot);
    const html = await page.content();
    await page.close();
    return { rows, banner, html };
  }

  it('healthy tier-3 key: every default model usable, no banner, tier 3', async () => {
    const page = await openPopup(session);
    await resetStorage(session, page);
    await addKey(page, FAKE_KEYS.tier3);
    const rows = await checkAccess(page);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'ok', category: 'ok' });
      expect(['confirmed', 'likely']).toContain(row.confidence);
    }
    expect(await keyBanner(page)).toBeNull();
    await expect.poll(() => page.locator('.summary__tier').textContent()).toContain('Tier 3');
    expect(await page.content()).not.toContain(FAKE_KEYS.tier3);
    await page.close();
  });

  it('invalid key: one invalid_api_key banner, every row says the same', async () => {
    const { rows, banner, html } = await run('invalid');
    expect(banner).toBe('invalid_api_key');
    for (const row of rows) expect(row.category).toBe('invalid_api_key');
    expect(html).not.toContain(FAKE_KEYS.invalid);
  });

  it('no quota: an insufficient_quota banner', async () => {
    const { rows, banner } = await run('quota');
    expect(banner).toBe('insufficient_quota');
    for (const row of rows) expect(row).toMatchObject({ status: 'denied', category: 'insufficient_quota' });
  });

  it('project allow-list: allowed models ok, the others denied with model_access_denied', async () => {
    const page = await openPopup(session);
    await resetStorage(session, page);
    await addKey(page, FAKE_KEYS.allowlist, { projectId: FAKE_PROJECT_ID });
    const rows = await checkAccess(page);
    expect(await keyBanner(page)).toBeNull();
    for (const row of rows) {
      if (ALLOWED.includes(row.model)) expect(row).toMatchObject({ status: 'ok', category: 'ok' });
      else
        expect(row).toMatchObject({
          status: 'denied',
          category: 'model_access_denied',
          confidence: 'confirmed',
        });
    }
    expect(rows.some((row) => row.status === 'denied')).toBe(true);
    await page.close();
  });

  it('region: an unsupported_region banner', async () => {
    const { rows, banner } = await run('region');
    expect(banner).toBe('unsupported_region');
    for (const row of rows) expect(row.category).toBe('unsupported_region');
  });

  it('missing scope: a key_scope_insufficient banner', async () => {
    const { rows, banner } = await run('noscope');
    expect(banner).toBe('key_scope_insufficient');
    for (const row of rows)
      expect(row).toMatchObject({ status: 'denied', category: 'key_scope_insufficient' });
  });

  it('canary failure: probing is not trusted, every model unknown, a banner says why', async () => {
    const { rows, banner } = await run('paramsfirst');
    expect(banner).not.toBeNull();
    for (const row of rows) expect(row).toMatchObject({ status: 'unknown', confidence: 'unknown' });
  });

  it('unverified organization: zero-cost rows fine; the paid verification check shows the banner', async () => {
    const page = await openPopup(session);
    await resetStorage(session, page);
    await addKey(page, FAKE_KEYS.unverified);
    const rows = await checkAccess(page);
    for (const row of rows) expect(row.status).toBe('ok');
    // Paid checks need consent first.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Allow paid checks when I ask for one').check();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: /^Tier/ }).click();
    await page.getByRole('button', { name: /Check verification/ }).click();
    await page.getByRole('button', { name: /Run it/ }).click();
    await expect.poll(() => keyBanner(page), { timeout: 20_000 }).toBe('org_verification_required');
    await page.close();
  });
});
