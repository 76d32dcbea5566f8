/**
 * Issue 8, key safety end to end: a key saved through the popup is searched for everywhere a test can reach —
 * the DOM (shadow roots included) and the JavaScript state of forum and platform pages, the content scripts'
 * own world, every answer a content script got, every message it received, the console of every page and of the
 * service worker, the popup's text and fields, the copied report, the explain box, the pages behind each
 * screenshot, and every storage area but the one the user chose (`sync` must stay empty).
 *
 * One browser for the whole file; the tests run in order and share what they collected.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_KEYS } from '../fake-api';
import { type RoutedFakeApi, routeFakeApi } from '../fake-api/playwright';
import { renderTopicPage } from '../fixtures/discourse/pages';
import { TOPIC_PATH } from '../fixtures/discourse/threads';
import { renderPlatformFixture } from '../fixtures/platform/app';
import { type ExtensionSession, launchExtension, openPopup, saveScreenshot, servePages } from './harness';
import {
  type ContentWorld,
  contentWorldOf,
  findSecret,
  liveWorker,
  readArea,
  STACK_TRACE,
  watchContentWorld,
} from './hardening-support';
import { addKey, checkAccess, copyReport } from './popup-helpers';

const FORUM = 'https://community.openai.com';
const PLATFORM = 'https://platform.openai.com';
/** Saved "on this device" through the popup, pasted with the debris people paste. */
const LOCAL_KEY = FAKE_KEYS.tier3;
/** Saved "only for this browser session". */
const SESSION_KEY = FAKE_KEYS.tier2;
const KEYS = [LOCAL_KEY, SESSION_KEY];

/** Installed in the content script's world: records every message it sends, every answer, every message it gets. */
const MESSAGE_TAP = `(() => {
  if (globalThis.__madTap) return true;
  const tap = { sent: [], answers: [], received: [] };
  globalThis.__madTap = tap;
  const runtime = chrome.runtime;
  const original = runtime.sendMessage.bind(runtime);
  runtime.sendMessage = (...args) => {
    const callbackAt = args.findIndex((arg) => typeof arg === 'function');
    tap.sent.push(JSON.stringify(args.filter((arg) => typeof arg !== 'function')));
    if (callbackAt >= 0) {
      const callback = args[callbackAt];
      args[callbackAt] = (answer) => {
        tap.answers.push(JSON.stringify(answer) ?? 'undefined');
        return callback(answer);
      };
      return original(...args);
    }
    const answer = original(...args);
    if (answer && typeof answer.then === 'function') {
      answer.then((value) => tap.answers.push(JSON.stringify(value) ?? 'undefined'), (error) => tap.answers.push('error ' + error));
    }
    return answer;
  };
  runtime.onMessage.addListener((message) => { tap.received.push(JSON.stringify(message)); });
  return true;
})()`;

/** Every global of a world, as JSON where it can be (cycles and host objects skipped), with storage and cookies. */
const WORLD_STATE = `(() => {
  const seen = new WeakSet();
  const replacer = (_key, value) => {
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return undefined;
      seen.add(value);
      if (value instanceof Node || value === window) return undefined;
    }
    return typeof value === 'function' ? String(value).slice(0, 200) : value;
  };
  const parts = [];
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    let value;
    try { value = globalThis[name]; } catch { continue; }
    if (typeof value === 'function' && /\\{\\s*\\[native code\\]\\s*\\}/.test(String(value))) continue;
    try { parts.push(name + '=' + JSON.stringify(value, replacer)); } catch { parts.push(name + '=(unreadable)'); }
  }
  try { parts.push('localStorage=' + JSON.stringify({ ...localStorage })); } catch {}
  try { parts.push('sessionStorage=' + JSON.stringify({ ...sessionStorage })); } catch {}
  parts.push('cookie=' + document.cookie, 'history=' + JSON.stringify(history.state), 'url=' + location.href);
  return parts.join('\\n');
})()`;

interface Exposure {
  where: string;
  text: string;
}

/** Everything of a web page: its DOM through CDP (closed shadow roots and all attributes), its page world. */
async function pageExposure(page: Page, label: string): Promise<Exposure[]> {
  const cdp = await page.context().newCDPSession(page);
  const dom = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  await cdp.detach();
  const inputs = await page.evaluate(() =>
    [...document.querySelectorAll('input, textarea')]
      .map((field) => (field as HTMLInputElement).value)
      .join('\n'),
  );
  return [
    { where: `${label}: DOM (CDP, shadow roots pierced)`, text: JSON.stringify(dom) },
    { where: `${label}: form field values`, text: inputs },
    { where: `${label}: page JavaScript state`, text: await page.evaluate(WORLD_STATE) },
  ];
}

async function contentWorldExposure(world: ContentWorld, label: string): Promise<Exposure[]> {
  const tap = await world.evaluate<{ sent: string[]; answers: string[]; received: string[] }>(
    'globalThis.__madTap',
  );
  return [
    { where: `${label}: content script state`, text: await world.evaluate<string>(WORLD_STATE) },
    { where: `${label}: messages the content script sent`, text: tap.sent.join('\n') },
    { where: `${label}: answers the content script got`, text: tap.answers.join('\n') },
    { where: `${label}: messages the content script received`, text: tap.received.join('\n') },
  ];
}

function leaks(exposures: Exposure[]): string[] {
  const found: string[] = [];
  for (const { where, text } of exposures) {
    for (const key of KEYS) {
      const context = findSecret(text, key);
      if (context !== null) found.push(`${where}: …${context}…`);
    }
  }
  return found;
}

describe('the key never leaves the places the user chose', () => {
  let session: ExtensionSession;
  let api: RoutedFakeApi;
  const consoleLines: string[] = [];
  const answersSeen: { forum: string[]; platform: string[] } = { forum: [], platform: [] };

  beforeAll(async () => {
    session = await launchExtension();
    const listen = (source: string) => (message: { type(): string; text(): string }) =>
      consoleLines.push(`${source} ${message.type()}: ${message.text()}`);
    session.context.on('console', listen('page'));
    session.context.on('weberror', (error) => consoleLines.push(`page error: ${String(error.error())}`));
    for (const worker of session.context.serviceWorkers()) worker.on('console', listen('worker'));
    session.context.on('serviceworker', (worker) => worker.on('console', listen('worker')));
    api = await routeFakeApi(session.context);
    await servePages(session.context, FORUM, (url) =>
      url.pathname.startsWith('/t/') ? renderTopicPage() : undefined,
    );
    await servePages(session.context, PLATFORM, (url) => renderPlatformFixture(url));
    // The report is read back from a web page: Chromium refuses clipboard permissions to extension pages in tests.
    await servePages(
      session.context,
      'https://example.org',
      '<!doctype html><title>paste</title><p>paste</p>',
    );
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: 'https://example.org',
    });
  });
  afterAll(() => session?.close());

  it('the popup: saving, checking, explaining and copying the report never show the key', async () => {
    const page = await openPopup(session);
    await addKey(page, `  Bearer ${LOCAL_KEY}\n`, { label: 'Device key' });
    // The field is emptied on save; only the masked form is shown.
    expect(await page.locator('[data-masked-key]').first().textContent()).toMatch(/sk-proj-…\w{1,4}/);
    await checkAccess(page);

    // A pasted log that quotes the key: explained, with the key masked in the result and in the stored draft.
    const textarea = page.getByLabel('Explain an error');
    await textarea.fill(
      `openai.AuthenticationError: Error code: 401 - Incorrect API key provided: ${LOCAL_KEY}.`,
    );
    await page.locator('[data-explain-result]').waitFor();
    expect(await page.locator('[data-explain-result]').getAttribute('data-category')).toBe('invalid_api_key');
    const explainText = await page.locator('[data-explain-result]').innerText();
    await textarea.fill('');

    const copied = await copyReport(session, page);
    expect(copied).toContain('OpenAI API access report');

    await saveScreenshot(page, 'hardening-popup-after-check');
    const exposures: Exposure[] = [
      { where: 'popup: explain result', text: explainText },
      { where: 'copied report', text: copied },
      ...(await pageExposure(page, 'popup')),
    ];
    expect(leaks(exposures)).toEqual([]);
    expect(await page.locator('body').innerText()).not.toMatch(STACK_TRACE);

    // A second key, kept for this session only.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByLabel('Key profile').selectOption('__add');
    await addKey(page, SESSION_KEY, { label: 'Session key', persistence: 'session' });
    await checkAccess(page);
    expect(leaks(await pageExposure(page, 'popup (second key)'))).toEqual([]);
    await page.close();
  });

  it('forum pages: DOM, page state, content-script state and every message answer are free of the key', async () => {
    const page = await session.context.newPage();
    const world = await watchContentWorld(page, session.extensionId);
    await page.goto(`${FORUM}${TOPIC_PATH}`);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.madScript))
      .toBe('community');
    const content = await contentWorldOf(world);
    expect(await content.evaluate<boolean>(MESSAGE_TAP)).toBe(true);

    // "Check with my key" on a highlighted error: the background answers with a result for the model.
    const highlight = page.locator('mad-hl[data-mad-category]').first();
    await highlight.scrollIntoViewIfNeeded();
    await highlight.click();
    const check = page.locator('mad-tooltip [data-mad-check]').first();
    await check.waitFor();
    await check.click();
    await expect
      .poll(() => page.locator('mad-tooltip [data-mad-result]').count(), { timeout: 20_000 })
      .toBe(1);
    // Forged asks from the same world, for things a content script may not have: all refused, no key.
    for (const type of ['page:keyPresence', 'page:buildReport', 'page:describeKey']) {
      await content.evaluate(
        `new Promise((resolve) => chrome.runtime.sendMessage({ mad: 1, type: ${JSON.stringify(type)}, payload: { profileId: 'x', raw: 'x' } }, (answer) => { void chrome.runtime.lastError; resolve(answer ?? null); }))`,
      );
    }

    await saveScreenshot(page, 'hardening-forum-after-check');
    const exposures = [
      ...(await pageExposure(page, 'forum')),
      ...(await contentWorldExposure(content, 'forum')),
    ];
    answersSeen.forum = (await content.evaluate<{ answers: string[] }>('globalThis.__madTap')).answers;
    expect(answersSeen.forum.some((answer) => answer.includes('"state":"ready"'))).toBe(true);
    expect(leaks(exposures)).toEqual([]);
    await page.close();
  });

  it('forged messages from the content script’s own world: no profile read, changed or deleted; no other host', async () => {
    const elsewhere: string[] = [];
    await session.context.route('https://evil.example/**', (route) => {
      elsewhere.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await session.context.newPage();
    const world = await watchContentWorld(page, session.extensionId);
    await page.goto(`${FORUM}${TOPIC_PATH}`);
    const content = await contentWorldOf(world);
    // The page's own world cannot even address the extension (no externally_connectable).
    expect(
      await page.evaluate(
        () =>
          typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
            ?.sendMessage,
      ),
    ).toBe('undefined');

    const profiles = (await readArea(session, 'local')).profiles as { id: string }[];
    const profileId = profiles[0]?.id ?? '';
    const before = { local: await readArea(session, 'local'), session: await readArea(session, 'session') };
    const requestsBefore = api.requests.length;
    const send = (type: string, payload: object) =>
      content.evaluate<unknown>(
        `new Promise((resolve) => chrome.runtime.sendMessage(${JSON.stringify({ mad: 1, type, payload })}, (answer) => { void chrome.runtime.lastError; resolve(answer ?? null); }))`,
      );
    const evil = 'https://evil.example/v1';
    const refused: Record<string, unknown> = {
      'page:saveProfile': await send('page:saveProfile', {
        label: 'x',
        key: 'sk-proj-evil',
        persistence: 'local',
        baseUrl: evil,
      }),
      'page:saveProfile (edit)': await send('page:saveProfile', {
        profileId,
        label: 'x',
        persistence: 'local',
        baseUrl: evil,
      }),
      'page:deleteProfile': await send('page:deleteProfile', { profileId }),
      'page:setActiveProfile': await send('page:setActiveProfile', { profileId: 'nobody' }),
      'page:startRun': await send('page:startRun', { profileId }),
      'page:buildReport': await send('page:buildReport', { profileId, maskIds: false }),
      'page:saveSettings': await send('page:saveSettings', { settings: { paidChecksConsent: true } }),
      'page:keyPresence': await send('page:keyPresence', {}),
      'page:describeKey': await send('page:describeKey', { raw: 'x' }),
    };
    for (const [type, answer] of Object.entries(refused)) expect(answer, type).toBeNull();

    // Allowed, but only for a model id; whatever else the payload carries is ignored.
    const checked = (await send('content:checkModel', {
      model: 'gpt-4.1',
      baseUrl: evil,
      apiKey: 'sk-proj-evil',
      profileId: 'x',
    })) as { state?: string };
    expect(checked.state).toBe('ready');
    const smuggled = await send('content:checkModel', { model: 'https://evil.example/v1/chat/completions' });
    expect(smuggled).toEqual({ madError: 'Not a model id.' });

    const after = { local: await readArea(session, 'local'), session: await readArea(session, 'session') };
    expect(after.local).toEqual(before.local);
    expect(Object.keys(after.session).sort()).toEqual(Object.keys(before.session).sort());
    expect(elsewhere).toEqual([]);
    const sent = api.requests.slice(requestsBefore);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) expect(request.host).toBe('api.openai.com');
    await page.close();
  });

  it('platform pages: the panel, its re-check and the page never hold the key', async () => {
    const page = await session.context.newPage();
    const world = await watchContentWorld(page, session.extensionId);
    await page.goto(`${PLATFORM}/settings/organization/limits`);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.madScript)).toBe('platform');
    await page.locator('mad-panel .mad-root').waitFor({ state: 'attached' });
    const content = await contentWorldOf(world);
    expect(await content.evaluate<boolean>(MESSAGE_TAP)).toBe(true);
    const recheck = page.locator('mad-panel').getByRole('button', { name: /check now/i });
    const before = api.requests.length;
    await recheck.click();
    await expect.poll(() => api.requests.length, { timeout: 20_000 }).toBeGreaterThan(before);
    await expect
      .poll(
        async () => (await content.evaluate<{ answers: string[] }>('globalThis.__madTap')).answers.length,
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);

    await saveScreenshot(page, 'hardening-platform-after-recheck');
    const exposures = [
      ...(await pageExposure(page, 'platform')),
      ...(await contentWorldExposure(content, 'platform')),
    ];
    answersSeen.platform = (await content.evaluate<{ answers: string[] }>('globalThis.__madTap')).answers;
    expect(answersSeen.platform.some((answer) => answer.includes('"summary"'))).toBe(true);
    expect(leaks(exposures)).toEqual([]);
    await page.close();
  });

  it('extension pages run under a strict CSP: no eval, no inline or remote script', async () => {
    const page = await openPopup(session);
    const verdicts = await page.evaluate(async () => {
      const ran = (globalThis as { __madRan?: string[] }).__madRan ?? [];
      (globalThis as { __madRan?: string[] }).__madRan = ran;
      // Later, from a timer: code evaluated by the test itself is exempt from the CSP, a page's own task is not.
      const evalVerdict = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            // biome-ignore lint/security/noGlobalEval: the point is to prove the CSP refuses it
            eval('1');
            resolve('ran');
          } catch (error) {
            resolve((error as Error).name);
          }
        }, 0),
      );
      const inline = document.createElement('script');
      inline.textContent = 'globalThis.__madRan.push("inline")';
      document.head.append(inline);
      const remote = document.createElement('script');
      remote.src = 'https://example.org/x.js';
      const remoteLoaded = await new Promise<string>((resolve) => {
        remote.onload = () => resolve('loaded');
        remote.onerror = () => resolve('blocked');
        document.head.append(remote);
      });
      return { evalVerdict, ran: [...ran], remoteLoaded };
    });
    expect(verdicts).toEqual({ evalVerdict: 'EvalError', ran: [], remoteLoaded: 'blocked' });
    await page.close();
  });

  it('storage: each key only in the area the user chose; sync never used', async () => {
    const [local, sessionArea, sync] = await Promise.all([
      readArea(session, 'local'),
      readArea(session, 'session'),
      readArea(session, 'sync'),
    ]);
    expect(sync).toEqual({});
    const holders = (area: Record<string, unknown>, key: string) =>
      Object.entries(area)
        .filter(([, value]) => findSecret(JSON.stringify(value), key) !== null)
        .map(([name]) => name);
    expect(holders(local, LOCAL_KEY)).toEqual([expect.stringMatching(/^apiKey\./)]);
    expect(holders(sessionArea, LOCAL_KEY)).toEqual([]);
    expect(holders(sessionArea, SESSION_KEY)).toEqual([expect.stringMatching(/^apiKey\./)]);
    expect(holders(local, SESSION_KEY)).toEqual([]);
    // The explain box's draft was stored, masked.
    expect(typeof sessionArea.explainDraft).toBe('string');
  });

  it('console: no page, content script or service worker printed the key (nor a stack with it)', async () => {
    // Make the background log: a refused forged message and a failing check both write a warning.
    const worker = await liveWorker(session);
    expect(await worker.evaluate(() => typeof console.warn)).toBe('function');
    const found = consoleLines.flatMap((line) => KEYS.map((key) => findSecret(line, key)).filter(Boolean));
    expect(found).toEqual([]);
    // The forged messages above were refused and said so in the worker's console, by type only.
    expect(consoleLines.some((line) => /refused page:keyPresence from content-script/.test(line))).toBe(true);
  });
});
