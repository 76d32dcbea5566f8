/**
 * The forum content script in real headless Chromium, on https://community.openai.com/t/… pages served from
 * the Discourse fixtures (tests/fixtures/discourse), with the fake API answering the background's probes.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPost } from '@/tests/fixtures/discourse/markup';
import {
  renderComposerPage,
  renderGeneratedTopic,
  renderTopicOutlet,
  renderTopicPage,
} from '@/tests/fixtures/discourse/pages';
import { TOPIC_ID, TOPIC_PATH, TOPIC_POSTS } from '@/tests/fixtures/discourse/threads';
import { FAKE_KEYS } from '@/tests/fake-api';
import { routeFakeApi } from '@/tests/fake-api/playwright';
import {
  type ExtensionSession,
  launchExtension,
  ROOT,
  runningContentScript,
  saveScreenshot,
  servePages,
} from './harness';

const ORIGIN = 'https://community.openai.com';
const TOPIC_URL = `${ORIGIN}${TOPIC_PATH}`;
const README_SHOTS = path.join(ROOT, 'assets/screenshots');

function pageFor(url: URL): string | undefined {
  if (!url.pathname.startsWith('/t/')) return undefined;
  const theme = url.searchParams.get('theme') === 'dark' ? 'dark' : 'light';
  if (url.searchParams.get('fixture') === 'composer') return renderComposerPage(theme);
  // A topic with no error text: most of the forum.
  if (url.searchParams.get('fixture') === 'quiet')
    return renderGeneratedTopic({ posts: 20, errorEvery: 0, proseChars: 500, theme }).html;
  return renderTopicPage({ theme });
}

/** The highlights of one post as [category, where, quoted], first pieces only (one per error). */
async function highlightsOf(page: Page, postNumber: number) {
  return page.evaluate((number) => {
    const root = document.querySelector(`[data-post-number="${number}"] .cooked`);
    if (!root) return null;
    return [...root.querySelectorAll('[data-mad-category][tabindex="0"]')].map((element) => ({
      category: element.getAttribute('data-mad-category'),
      in: element.tagName === 'PRE' ? 'code' : 'text',
      ...(element.hasAttribute('data-mad-quoted') ? { quoted: true } : {}),
    }));
  }, postNumber);
}

async function openTopic(session: ExtensionSession, query = ''): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${TOPIC_URL}${query}`);
  await expect.poll(() => runningContentScript(page)).toBe('community');
  // The first screen is scanned within a few frames.
  await expect.poll(() => page.locator('#post_1 [data-mad-category]').count()).toBeGreaterThan(0);
  return page;
}

const tooltip = (page: Page) => page.locator('mad-tooltip [data-mad-tooltip]');

/** The service worker's `chrome.storage.local`, typed for the two calls used here. */
interface WorkerGlobals {
  chrome: {
    storage: { local: { set(items: Record<string, unknown>): Promise<void>; clear(): Promise<void> } };
  };
}

async function saveProfile(session: ExtensionSession, key: string): Promise<void> {
  // The storage items of utils/storage.ts, written as the popup would (WXT keys without the area prefix).
  await session.serviceWorker.evaluate(async (apiKey) => {
    const id = 'e2e-profile';
    await (globalThis as unknown as WorkerGlobals).chrome.storage.local.set({
      profiles: [
        { id, label: 'E2E', maskedKey: 'sk-proj-…e2e', persistence: 'local', createdAt: Date.now() },
      ],
      activeProfileId: id,
      [`apiKey.${id}`]: apiKey,
    });
  }, key);
}

async function clearProfiles(session: ExtensionSession): Promise<void> {
  await session.serviceWorker.evaluate(async () => {
    await (globalThis as unknown as WorkerGlobals).chrome.storage.local.clear();
  });
}

describe('community.openai.com: highlights, tooltip, checks', () => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension();
    await servePages(session.context, ORIGIN, pageFor);
  });
  afterAll(() => session?.close());

  it('highlights the right categories in every post, quoted text marked, the leaked key warned about', async () => {
    const page = await openTopic(session);
    for (const [index, fixture] of TOPIC_POSTS.entries()) {
      const number = index + 1;
      await page.locator(`#post_${number}`).scrollIntoViewIfNeeded();
      await expect
        .poll(() => highlightsOf(page, number), { message: `post ${number}: ${fixture.source}` })
        .toEqual(fixture.expect);
    }
    expect(await page.locator('#post_7 [data-mad-warning="leaked-key"]').count()).toBe(2);
    // Every highlight is focusable (DESIGN §2.3).
    const unfocusable = await page.evaluate(
      () =>
        [...document.querySelectorAll('[data-mad-category]')].filter(
          (element) => !element.hasAttribute('tabindex'),
        ).length,
    );
    expect(unfocusable).toBe(0);
    await page.close();
  });

  it('fetches no tooltip UI on a topic without error text, and does once a post with an error arrives', async () => {
    const page = await session.context.newPage();
    await page.goto(`${TOPIC_URL}?fixture=quiet`);
    await expect.poll(() => runningContentScript(page)).toBe('community');
    // Scanned (the scanner is in the script), nothing marked: the tooltip's module is never imported.
    await page.waitForTimeout(1_000);
    expect(await page.locator('[data-mad-category], [data-mad-warning]').count()).toBe(0);
    expect(await page.locator('mad-tooltip').count()).toBe(0);

    // A reply with an error arrives: it is marked, and the tooltip UI is loaded and works.
    await page.evaluate(
      (html) => {
        const stream = document.querySelector('.post-stream');
        stream?.insertAdjacentHTML('beforeend', html);
      },
      renderPost(TOPIC_POSTS[3]!, 21, 4242),
    );
    await page.locator('#post_21').scrollIntoViewIfNeeded();
    const mark = page.locator('#post_21 [data-mad-category][tabindex="0"]').first();
    await expect.poll(() => mark.count()).toBe(1);
    await expect.poll(() => page.locator('mad-tooltip').count()).toBe(1);
    await mark.focus();
    await expect.poll(() => tooltip(page).isVisible()).toBe(true);
    await page.close();
  });

  it('opens the tooltip on hover after a short delay, and closes it when the pointer leaves', async () => {
    const page = await openTopic(session);
    const highlight = page.locator('#post_4 mad-hl[data-mad-category="org_verification_required"]');
    await highlight.scrollIntoViewIfNeeded();
    await highlight.hover();
    // Not at once: a pointer passing over the text does not open it.
    await page.waitForTimeout(120);
    expect(await tooltip(page).count()).toBe(0);
    await expect.poll(() => tooltip(page).count()).toBe(1);
    await expect(tooltip(page).locator('.mad-card__title').textContent()).resolves.toMatch(/verif/i);
    expect(await highlight.getAttribute('aria-expanded')).toBe('true');
    await page.mouse.move(5, 700);
    await expect.poll(() => tooltip(page).count()).toBe(0);
    await page.close();
  });

  it('opens on keyboard focus, moves into the card on Enter, and closes on Escape back to the highlight', async () => {
    const page = await openTopic(session);
    const highlight = page.locator('#post_1 mad-hl[data-mad-category="rate_limit"]').first();
    await highlight.focus();
    await expect.poll(() => tooltip(page).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.tagName.toLowerCase()))
      .toBe('mad-tooltip');
    await page.keyboard.press('Escape');
    await expect.poll(() => tooltip(page).count(), { message: 'Escape closes' }).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-mad-category'))).toBe(
      'rate_limit',
    );
    // Blur closes it too.
    await page.keyboard.press('Enter');
    await expect.poll(() => tooltip(page).count()).toBe(1);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator('.topic-title h1').click();
    await expect.poll(() => tooltip(page).count(), { message: 'a click elsewhere closes' }).toBe(0);
    await page.close();
  });

  it('without a key, offers to open the popup', async () => {
    await clearProfiles(session);
    const page = await openTopic(session);
    const label = page.locator('#post_2 mad-label[data-mad-label="insufficient_quota"]');
    await label.scrollIntoViewIfNeeded();
    await label.click();
    await tooltip(page).locator('[data-mad-check]').click();
    await expect.poll(() => tooltip(page).locator('[data-mad-no-key] [data-mad-open-popup]').count()).toBe(1);
    const opened = session.context.waitForEvent('page', { timeout: 3_000 }).catch(() => null);
    await tooltip(page).locator('[data-mad-open-popup]').click();
    const popup = await opened;
    // The background opens the popup, or the popup page in a tab where the action popup cannot open.
    if (popup) expect(popup.url()).toContain(session.extensionId);
    await popup?.close();
    await page.close();
  });

  it('"Check with my key" shows the fake API answer, and sends only the model id', async () => {
    const api = await routeFakeApi(session.context);
    await saveProfile(session, FAKE_KEYS.quota);
    const page = await openTopic(session);
    const highlight = page.locator('#post_2 mad-hl[data-mad-category="insufficient_quota"]');
    await highlight.scrollIntoViewIfNeeded();
    await highlight.click();
    const button = tooltip(page).locator('[data-mad-check]');
    expect(await button.getAttribute('data-mad-check')).toBe('gpt-4o-mini');
    await button.click();
    const result = tooltip(page).locator('[data-mad-result]');
    await expect.poll(() => result.count(), { timeout: 20_000 }).toBe(1);
    expect(await result.getAttribute('data-status')).toBe('denied');
    expect(await result.getAttribute('data-category')).toBe('insufficient_quota');
    expect(api.requests.length).toBeGreaterThan(0);
    // The page never sees the key.
    expect(await page.content()).not.toContain(FAKE_KEYS.quota);
    expect(await tooltip(page).innerHTML()).not.toContain(FAKE_KEYS.quota);
    mkdirSync(README_SHOTS, { recursive: true });
    copyFileSync(
      await saveScreenshot(page, 'community-check-result'),
      path.join(README_SHOTS, 'forum-check-result.png'),
    );
    await api.unroute();
    await clearProfiles(session);
    await page.close();
  });

  it('hides the inline labels when the setting is off, live', async () => {
    const page = await openTopic(session);
    const label = page.locator('#post_1 mad-label').first();
    expect(await label.isVisible()).toBe(true);
    const writeSettings = (inlineLabels: boolean) =>
      session.serviceWorker.evaluate(async (value) => {
        const { chrome } = globalThis as unknown as WorkerGlobals & {
          chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
        };
        const stored = (await chrome.storage.local.get('settings')).settings as
          | Record<string, unknown>
          | undefined;
        await chrome.storage.local.set({
          settings: {
            models: null,
            paidChecksConsent: false,
            concurrency: 4,
            timeoutMs: 15000,
            ...stored,
            inlineLabels: value,
          },
        });
      }, inlineLabels);
    await writeSettings(false);
    await expect.poll(() => label.isVisible()).toBe(false);
    // Highlights stay; only the labels go.
    expect(await page.locator('#post_1 mad-hl[data-mad-category]').first().isVisible()).toBe(true);
    await writeSettings(true);
    await expect.poll(() => label.isVisible()).toBe(true);
    await clearProfiles(session);
    await page.close();
  });

  it('leaves the composer, its textarea and its preview untouched', async () => {
    const page = await session.context.newPage();
    await page.goto(`${TOPIC_URL}?fixture=composer`);
    await expect.poll(() => runningContentScript(page)).toBe('community');
    const before = await page.locator('#reply-control').innerHTML();
    await expect.poll(() => page.locator('#post_1 [data-mad-category]').count()).toBeGreaterThan(0);
    await page.locator('#reply-control textarea').click();
    await page.keyboard.type(
      ' Rate limit reached for gpt-4o in organization org-abc on requests per min (RPM).',
    );
    await page.waitForTimeout(300);
    expect(await page.locator('#reply-control [data-mad-hl], #reply-control mad-label').count()).toBe(0);
    const after = await page.locator('#reply-control').innerHTML();
    expect(after).toBe(before);
    await saveScreenshot(page, 'community-composer');
    await page.close();
  });

  it('highlights posts again when Discourse re-creates them, and after highlight.js rewrites code', async () => {
    const page = await openTopic(session);
    await page.locator('#post_5').scrollIntoViewIfNeeded();
    await expect.poll(() => highlightsOf(page, 5)).toEqual(TOPIC_POSTS[4]!.expect);
    // The made-up leaked key in a code block is painted with the Custom Highlight API (registered on the first range).
    const painted = await page.evaluate(() =>
      Object.fromEntries(
        [...(CSS.highlights as unknown as Map<string, { size: number }>).entries()].map(([name, set]) => [
          name,
          set.size,
        ]),
      ),
    );
    expect(painted['mad-code-key']).toBeGreaterThan(0);
    await page.evaluate(() =>
      (window as unknown as { __discourse: { cloak(n: number): void } }).__discourse.cloak(2),
    );
    expect(await highlightsOf(page, 2)).toBeNull();
    await page.evaluate(() =>
      (window as unknown as { __discourse: { uncloak(n: number): void } }).__discourse.uncloak(2),
    );
    await expect.poll(() => highlightsOf(page, 2)).toEqual(TOPIC_POSTS[1]!.expect);

    // Post 1 has a plain code block; highlight.js splits it; nothing of ours may end up inside the code.
    const rewritten = await page.evaluate(() =>
      (window as unknown as { __discourse: { highlightAll(): number } }).__discourse.highlightAll(),
    );
    expect(rewritten).toBeGreaterThan(0);
    await page.waitForTimeout(100);
    expect(await page.locator('pre code mad-hl, pre code mad-label').count()).toBe(0);
    expect(await highlightsOf(page, 5)).toEqual(TOPIC_POSTS[4]!.expect);
    expect(await page.locator('#post_5 mad-labels').count()).toBe(1);

    // An edit replaces the whole .cooked element.
    await page.evaluate(() =>
      (window as unknown as { __discourse: { edit(n: number, html: string): void } }).__discourse.edit(
        10,
        '<p>Update: now it says You exceeded your current quota, please check your plan and billing details.</p>',
      ),
    );
    await page.locator('#post_10').scrollIntoViewIfNeeded();
    await expect.poll(() => highlightsOf(page, 10)).toEqual([{ category: 'insufficient_quota', in: 'text' }]);

    // A reply arrives.
    await page.evaluate(
      (html) =>
        (window as unknown as { __discourse: { appendPost(html: string): void } }).__discourse.appendPost(
          html,
        ),
      renderPost(TOPIC_POSTS[3]!, 11, TOPIC_ID),
    );
    await page.locator('[data-post-number="11"]').scrollIntoViewIfNeeded();
    await expect.poll(() => highlightsOf(page, 11)).toEqual(TOPIC_POSTS[3]!.expect);
    await page.close();
  });

  it('starts over on a new topic (pushState), not on scrolling (replaceState)', async () => {
    const page = await openTopic(session);
    await page.evaluate(() =>
      (window as unknown as { __discourse: { scrollUrl(n: number): void } }).__discourse.scrollUrl(4),
    );
    const outlet = renderTopicOutlet('Daily request limit erroneously exceeded', 1201052, [
      TOPIC_POSTS[8]!,
      TOPIC_POSTS[9]!,
    ]);
    await page.evaluate(
      (html) =>
        (
          window as unknown as { __discourse: { navigate(path: string, html: string): void } }
        ).__discourse.navigate('/t/daily-request-limit-erroneously-exceeded/1201052', html),
      outlet,
    );
    await expect.poll(() => highlightsOf(page, 1)).toEqual(TOPIC_POSTS[8]!.expect);
    expect(await highlightsOf(page, 2)).toEqual([]);
    await page.close();
  });

  it('takes screenshots of highlighted posts with the tooltip open, light and dark (README)', async () => {
    mkdirSync(README_SHOTS, { recursive: true });
    const keep = (file: string, name: string) => copyFileSync(file, path.join(README_SHOTS, `${name}.png`));
    for (const theme of ['light', 'dark'] as const) {
      const page = await openTopic(session, `?theme=${theme}`);
      await page.setViewportSize({ width: 1100, height: 760 });
      const highlight = page.locator('#post_1 mad-hl[data-mad-category="rate_limit"]').first();
      await page.evaluate(() => window.scrollTo(0, 0));
      await highlight.hover();
      await expect.poll(() => tooltip(page).count()).toBe(1);
      await page.waitForTimeout(150);
      keep(await saveScreenshot(page, `community-tooltip-${theme}`), `forum-tooltip-${theme}`);
      await page.mouse.move(1050, 5);
      await expect.poll(() => tooltip(page).count()).toBe(0);

      // A code block marked around (never inside) and a quoted link preview.
      for (const number of [5, 6, 7]) {
        await page.locator(`#post_${number}`).scrollIntoViewIfNeeded();
        await expect.poll(() => page.locator(`#post_${number} [data-mad-hl]`).count()).toBeGreaterThan(0);
      }
      await page.locator('#post_5').evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -70));
      keep(await saveScreenshot(page, `community-code-${theme}`), `forum-code-and-quote-${theme}`);

      // The leaked-key warning, opened from the key in the inline code.
      const key = page.locator('#post_7 mad-hl[data-mad-warning="leaked-key"]');
      await page.locator('#post_7').evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -70));
      await key.hover();
      await expect.poll(() => tooltip(page).locator('[data-mad-leak]').count()).toBe(1);
      await page.waitForTimeout(150);
      keep(await saveScreenshot(page, `community-leaked-key-${theme}`), `forum-leaked-key-${theme}`);
      await page.close();
    }
  });
});
