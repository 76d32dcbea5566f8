import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionSession,
  launchExtension,
  openPopup,
  runningContentScript,
  saveScreenshot,
  servePages,
} from './harness';

const PAGE =
  '<!doctype html><html><head><title>fixture</title></head><body><main>fixture</main></body></html>';

describe('smoke: the built extension in headless Chromium', () => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension();
    await servePages(session.context, 'https://community.openai.com', PAGE);
    await servePages(session.context, 'https://platform.openai.com', PAGE);
    await servePages(session.context, 'https://example.org', PAGE);
  });
  afterAll(() => session?.close());

  it('loads the extension with a service worker', () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
  });

  it('renders the popup, which gets an answer from the background', async () => {
    const popup = await openPopup(session);
    await popup.locator('.app[data-loaded="true"]').waitFor();
    // The explain box is answered by the background (it holds the classifier): an answer proves the round trip.
    await popup.getByLabel('Explain an error').fill('Error code: 429 - You exceeded your current quota');
    await expect
      .poll(() => popup.locator('[data-explain-result]').getAttribute('data-category'))
      .toBe('insufficient_quota');
    await saveScreenshot(popup, 'smoke-popup');
    await popup.close();
  });

  it('starts each content script on its own origin only', async () => {
    const page = await session.context.newPage();
    await page.goto('https://community.openai.com/t/some-topic/123');
    await expect.poll(() => runningContentScript(page)).toBe('community');
    await page.goto('https://platform.openai.com/settings/organization/limits');
    await expect.poll(() => runningContentScript(page)).toBe('platform');
    await page.goto('https://example.org/');
    // Give a content script the time it would need to start, then check that none did.
    await page.waitForTimeout(300);
    expect(await runningContentScript(page)).toBeNull();
    await page.close();
  });
});
