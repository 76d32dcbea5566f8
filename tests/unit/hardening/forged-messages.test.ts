/**
 * Issue 8, forged messages: the background's real listener (router + handlers over fakeBrowser storage, the probe
 * replaced by a recorder) fed with `runtime.MessageSender` objects shaped like the ones Chrome and Firefox hand
 * over. A content script — or a page that took one over — cannot read, change or delete profiles, cannot read a
 * key, and cannot aim a probe at another host, whatever it puts in the payload.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '@/utils/background/handlers';
import { MESSAGE_SENDERS, MESSAGE_TYPES, type MessageType } from '@/utils/messages';
import { createMessageListener } from '@/utils/messaging/router';
import { type SenderInfo, classifySender } from '@/utils/messaging/sender';
import type { ModelResult, ProbeProfile } from '@/utils/probes/types';
import { makeReport, okResult } from '../popup/fixtures';

const EXTENSION_ID = 'ameddameljonpbjdmljlbijdhegdbmii';
const BASE = `chrome-extension://${EXTENSION_ID}/`;
const KEY = `sk-proj-${'A1b2C3d4'.repeat(5)}T3BlbkFJ${'Z9y8X7w6'.repeat(5)}`;

/** `runtime.MessageSender` as the browsers fill it: more than the router reads. */
type RealSender = SenderInfo & Record<string, unknown>;

/** What Chrome passes for a message from our popup (an extension page, no tab). */
const POPUP: RealSender = {
  id: EXTENSION_ID,
  url: `${BASE}popup.html`,
  origin: `chrome-extension://${EXTENSION_ID}`,
  documentId: '3F1B6E0C9A4D2E7F8B5C1A0D9E8F7A6B',
  documentLifecycle: 'active',
  frameId: 0,
};

/** What Chrome passes for a message from our content script on a forum topic. */
const FORUM_CONTENT: RealSender = {
  id: EXTENSION_ID,
  url: 'https://community.openai.com/t/error-429/1066011/3',
  origin: 'https://community.openai.com',
  tab: { id: 812, url: 'https://community.openai.com/t/error-429/1066011/3' },
  frameId: 0,
  documentId: 'B0A1C2D3E4F5A6B7C8D9E0F1A2B3C4D5',
  documentLifecycle: 'active',
};

const PLATFORM_CONTENT: RealSender = {
  ...FORUM_CONTENT,
  url: 'https://platform.openai.com/settings/organization/billing/overview',
  origin: 'https://platform.openai.com',
  tab: { id: 813, url: 'https://platform.openai.com/settings/organization/billing/overview' },
};

/** Plausible payloads for each message: what a forger would send to get something out of it. */
function forgedPayload(type: MessageType, profileId: string): Record<string, unknown> {
  const everything = {
    profileId,
    model: 'gpt-4o',
    label: 'Forged',
    key: 'sk-proj-FORGED-KEY-0000000000000000000000000000000',
    persistence: 'local',
    baseUrl: 'https://evil.example/v1',
    settings: { models: ['gpt-4o'], paidChecksConsent: true, concurrency: 8 },
    kind: 'confirm',
    maskIds: false,
    raw: KEY,
    text: 'Incorrect API key provided',
    acceptedCost: { kind: 'confirm', model: 'gpt-4o', usd: 0.0001 },
  };
  return type.startsWith('page:') ? everything : { ...everything, model: 'gpt-4o-mini' };
}

function setup() {
  const probes: Array<{ profile: ProbeProfile; models: readonly string[] }> = [];
  const runProbe = vi.fn(async (profile: ProbeProfile, models: readonly string[]) => {
    probes.push({ profile, models });
    return makeReport(models.map((model): ModelResult => okResult(model)));
  });
  const log = vi.fn();
  const handlers = createHandlers({
    version: '1.0.0',
    services: {
      runProbe,
      hasHostPermission: async () => true,
      openPopup: async () => true,
      defaultProbeModels: () => ['gpt-4o-mini'],
      log: () => {},
    },
  });
  const listen = createMessageListener({ extensionId: EXTENSION_ID, extensionBaseUrl: BASE, handlers, log });
  const send = (type: MessageType, payload: object, sender: SenderInfo) =>
    listen({ mad: 1, type, payload }, sender);
  return { send, probes, runProbe, log, handlers };
}

async function storageSnapshot() {
  const [local, session, sync] = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.session.get(null),
    fakeBrowser.storage.sync.get(null),
  ]);
  return { local, session, sync };
}

async function withSavedKey() {
  const env = setup();
  const saved = await env.send('page:saveProfile', { label: 'Work', key: KEY, persistence: 'local' }, POPUP);
  const answer = saved as { ok: true; profile: { id: string } };
  expect(answer.ok).toBe(true);
  return { ...env, profileId: answer.profile.id };
}

describe('who a sender is, from realistic MessageSender objects', () => {
  it('tells our pages and our content scripts apart from everything else', () => {
    expect(classifySender(POPUP, EXTENSION_ID, BASE)).toBe('extension-page');
    // The popup opened in a tab (no popup window available) is still an extension page.
    expect(classifySender({ ...POPUP, tab: { id: 9, url: `${BASE}popup.html` } }, EXTENSION_ID, BASE)).toBe(
      'extension-page',
    );
    expect(classifySender(FORUM_CONTENT, EXTENSION_ID, BASE)).toBe('content-script');
    expect(classifySender(PLATFORM_CONTENT, EXTENSION_ID, BASE)).toBe('content-script');
  });

  it.each<[string, RealSender]>([
    ['another extension', { ...POPUP, id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }],
    ['another extension whose id starts like ours', { ...POPUP, id: `${EXTENSION_ID}x` }],
    ['an extension page of another id', { ...POPUP, url: `chrome-extension://${EXTENSION_ID}x/popup.html` }],
    ['a look-alike host', { ...FORUM_CONTENT, url: 'https://community.openai.com.evil.example/t/1' }],
    ['a sub-domain we do not serve', { ...FORUM_CONTENT, url: 'https://status.openai.com/' }],
    ['plain http on our host', { ...FORUM_CONTENT, url: 'http://community.openai.com/t/1' }],
    ['a content script without a tab', { ...FORUM_CONTENT, tab: undefined }],
    ['an iframe of another site', { ...FORUM_CONTENT, url: 'https://evil.example/embed', frameId: 7 }],
    ['no url at all', { id: EXTENSION_ID, tab: { id: 1 } }],
    ['a data URL', { ...FORUM_CONTENT, url: 'data:text/html,<p>hi</p>' }],
    ['our base URL inside another URL', { ...FORUM_CONTENT, url: `https://evil.example/${BASE}` }],
  ])('refuses %s', (_name, sender) => {
    expect(classifySender(sender, EXTENSION_ID, BASE)).toBeNull();
  });
});

describe('forged messages from a content script', () => {
  it('every page:* message is refused without running its handler: profiles, keys and settings untouched', async () => {
    const { send, profileId, probes } = await withSavedKey();
    const before = await storageSnapshot();
    const pageTypes = MESSAGE_TYPES.filter((type) => type.startsWith('page:'));
    expect(pageTypes.length).toBeGreaterThan(10);
    for (const type of pageTypes) {
      for (const sender of [FORUM_CONTENT, PLATFORM_CONTENT]) {
        // `undefined` synchronously: the browser answers nothing and no handler runs.
        expect(send(type, forgedPayload(type, profileId), sender), type).toBeUndefined();
      }
    }
    expect(await storageSnapshot()).toEqual(before);
    expect(probes).toEqual([]);
    // The table itself says so: no page:* message accepts a content script.
    for (const type of pageTypes) expect(MESSAGE_SENDERS[type]).not.toContain('content-script');
  });

  it('a probe asked for by a content script goes to the profile’s own endpoint with its own key, whatever the payload says', async () => {
    const { send, probes } = await withSavedKey();
    const answer = await send(
      'content:checkModel',
      {
        model: 'gpt-4o-mini',
        baseUrl: 'https://evil.example/v1',
        apiKey: 'sk-proj-attacker',
        profileId: 'someone-else',
        organizationId: 'org-evil0000',
      },
      FORUM_CONTENT,
    );
    expect(answer).toMatchObject({ state: 'ready', result: { model: 'gpt-4o-mini' } });
    expect(probes).toHaveLength(1);
    expect(probes[0]?.profile).toEqual({ apiKey: KEY });
    expect(probes[0]?.models).toEqual(['gpt-4o-mini']);
    expect(JSON.stringify(answer)).not.toContain(KEY);
  });

  it.each([
    '../../v1/me',
    'https://evil.example/v1/chat/completions',
    'gpt-4o\r\nHost: evil.example',
    'gpt-4o?x=1',
    'gpt 4o',
    '',
    'a'.repeat(101),
    '<img src=x onerror=alert(1)>',
  ])('a model id that is not one (%j) is refused before any request', async (model) => {
    const { send, probes } = await withSavedKey();
    const answer = await send('content:checkModel', { model }, FORUM_CONTENT);
    expect(answer).toEqual({ madError: 'Not a model id.' });
    expect(probes).toEqual([]);
  });

  it('non-string and missing models are refused too', async () => {
    const { send, probes } = await withSavedKey();
    for (const model of [undefined, null, 42, ['gpt-4o'], { toString: () => 'gpt-4o' }]) {
      expect(await send('content:checkModel', { model }, FORUM_CONTENT)).toEqual({
        madError: 'Not a model id.',
      });
    }
    expect(probes).toEqual([]);
  });

  it('content:* answers never carry the key, even when a probe result quotes it', async () => {
    const env = setup();
    env.runProbe.mockImplementation(async (profile: ProbeProfile, models: readonly string[]) =>
      makeReport(models.map((model) => ({ ...okResult(model), summary: `echo ${profile.apiKey}` }))),
    );
    await env.send('page:saveProfile', { label: 'Work', key: KEY, persistence: 'local' }, POPUP);
    const checked = await env.send('content:checkModel', { model: 'gpt-4o' }, FORUM_CONTENT);
    expect(JSON.stringify(checked)).not.toContain(KEY);
    const summary = await env.send('content:recheck', {}, PLATFORM_CONTENT);
    expect(JSON.stringify(summary)).not.toContain(KEY);
    expect(JSON.stringify(summary)).toContain('sk-proj-…');
  });

  it('a flood of checks from a page is cut off after the per-minute budget', async () => {
    const { send, probes } = await withSavedKey();
    const models = Array.from({ length: 20 }, (_, index) => `gpt-4o-mini-${index}`);
    const answers = await Promise.all(
      models.map((model) => send('content:checkModel', { model }, FORUM_CONTENT)),
    );
    const refused = answers.filter((answer) => (answer as { madError?: string }).madError !== undefined);
    expect(probes.length).toBeLessThanOrEqual(12);
    expect(refused.length).toBe(models.length - probes.length);
  });

  it('messages that are not ours, or not in the protocol, get no answer at all', () => {
    const { send } = setup();
    const listen = createMessageListener({
      extensionId: EXTENSION_ID,
      extensionBaseUrl: BASE,
      handlers: createHandlers({ version: '1' }),
    });
    expect(listen({ mad: 1, type: 'page:readKey', payload: {} }, POPUP)).toBeUndefined();
    expect(listen({ mad: 1, type: '__proto__', payload: {} }, POPUP)).toBeUndefined();
    expect(listen({ mad: 1, type: 'constructor', payload: {} }, POPUP)).toBeUndefined();
    expect(listen({ mad: '1', type: 'any:ping', payload: {} }, POPUP)).toBeUndefined();
    expect(listen({ mad: 1, type: 'any:ping', payload: null }, POPUP)).toBeUndefined();
    expect(send('any:ping', {}, { ...FORUM_CONTENT, id: 'other' })).toBeUndefined();
  });
});
