/**
 * The background's message handlers over fakeBrowser storage, with the probe replaced by a fake that records what
 * it was asked. The key must end up only where the user chose, and never in an answer to a content script.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { type BackgroundDeps, createHandlers } from '@/utils/background/handlers';
import { verificationFactsFor } from '@/utils/background/model-facts';
import type { BackgroundServices } from '@/utils/background/services';
import { FIND_ERRORS_LIMITS } from '@/utils/messages';
import { estimatePaidCheckCost } from '@/utils/probes';
import type { ModelResult, ProbeProfile } from '@/utils/probes/types';
import {
  activeProfileIdItem,
  explainDraftItem,
  loadProfiles,
  loadReportCache,
  loadSettings,
  reportCacheItem,
  settingsItem,
} from '@/utils/storage';
import { deniedResult, makeCached, makeReport, okResult, REAL_LOOKING_KEY } from '../popup/fixtures';

const page = {
  sender: { id: 'x', url: 'chrome-extension://x/popup.html' },
  senderKind: 'extension-page' as const,
};
const content = {
  sender: { id: 'x', url: 'https://community.openai.com/t/1', tab: { id: 1 } },
  senderKind: 'content-script' as const,
};

function setup(services: Partial<BackgroundServices> = {}, deps: Partial<BackgroundDeps> = {}) {
  const probeCalls: Array<{ profile: ProbeProfile; models: readonly string[] }> = [];
  const runProbe = vi.fn(async (profile: ProbeProfile, models: readonly string[]) => {
    probeCalls.push({ profile, models });
    return makeReport(
      models.map(
        (model): ModelResult =>
          model === 'gpt-4o'
            ? {
                ...deniedResult(model),
                // A server that echoes the key in a message: the handlers must still never pass it on.
                summary: `Denied for ${profile.apiKey}`,
              }
            : okResult(model),
      ),
    );
  });
  let id = 0;
  const handlers = createHandlers({
    version: '1.0.0',
    services: {
      runProbe,
      newId: () => `id-${++id}`,
      now: () => 50_000,
      hasHostPermission: vi.fn(async () => true),
      openPopup: vi.fn(async () => true),
      defaultProbeModels: () => ['gpt-4o', 'gpt-4o-mini'],
      log: vi.fn(),
      ...services,
    },
    ...deps,
  });
  return { handlers, runProbe, probeCalls };
}

async function saveKey(handlers: ReturnType<typeof setup>['handlers'], extra: Record<string, unknown> = {}) {
  const answer = await handlers['page:saveProfile'](
    { label: 'Work', key: `  Bearer "${REAL_LOOKING_KEY}"\n`, persistence: 'local', ...extra },
    page,
  );
  if (!answer.ok) throw new Error(answer.reason);
  return answer.profile;
}

describe('page:saveProfile', () => {
  it('cleans the pasted key, stores it only in the chosen area, and answers with the masked form', async () => {
    const { handlers } = setup();
    const profile = await saveKey(handlers);
    expect(profile).toMatchObject({
      label: 'Work',
      maskedKey: 'sk-proj-…WXYZ',
      keyKind: 'project',
      persistence: 'local',
    });
    expect(await storage.getItem(`local:apiKey.${profile.id}`)).toBe(REAL_LOOKING_KEY);
    expect(await storage.getItem(`session:apiKey.${profile.id}`)).toBeNull();
    expect(JSON.stringify(await loadProfiles())).not.toContain(REAL_LOOKING_KEY);
    expect(await activeProfileIdItem.getValue()).toBe(profile.id);
  });

  it('moves the key when "remember" changes, leaving no copy behind', async () => {
    const { handlers } = setup();
    const profile = await saveKey(handlers);
    const answer = await handlers['page:saveProfile'](
      { profileId: profile.id, label: 'Work', persistence: 'session' },
      page,
    );
    expect(answer.ok).toBe(true);
    expect(await storage.getItem(`local:apiKey.${profile.id}`)).toBeNull();
    expect(await storage.getItem(`session:apiKey.${profile.id}`)).toBe(REAL_LOOKING_KEY);
  });

  it('refuses admin keys with the reason, and saves nothing', async () => {
    const { handlers } = setup();
    const answer = await handlers['page:saveProfile'](
      { label: 'Admin', key: `sk-admin-${'A'.repeat(40)}T3BlbkFJ${'B'.repeat(20)}`, persistence: 'local' },
      page,
    );
    expect(answer).toMatchObject({ ok: false, field: 'key' });
    expect(answer.ok === false && answer.reason).toMatch(/cannot call models/);
    expect(await loadProfiles()).toEqual([]);
  });

  it('warns about a key of an odd shape without blocking', async () => {
    const { handlers } = setup();
    const answer = await handlers['page:saveProfile'](
      { label: 'Odd', key: 'sk-short', persistence: 'local' },
      page,
    );
    expect(answer.ok).toBe(true);
    expect(answer.ok && answer.warnings.join(' ')).toMatch(/characters long/);
  });

  it('refuses a bad organization id, project id or base URL, naming the field', async () => {
    const { handlers } = setup();
    const base = { label: 'W', key: REAL_LOOKING_KEY, persistence: 'local' as const };
    expect(await handlers['page:saveProfile']({ ...base, organizationId: 'acme' }, page)).toMatchObject({
      ok: false,
      field: 'organizationId',
    });
    expect(await handlers['page:saveProfile']({ ...base, projectId: 'proj-x' }, page)).toMatchObject({
      ok: false,
      field: 'projectId',
    });
    expect(
      await handlers['page:saveProfile']({ ...base, baseUrl: 'http://proxy.example.com/v1' }, page),
    ).toMatchObject({
      ok: false,
      field: 'baseUrl',
    });
  });

  it('requires the host permission for a custom base URL before saving it', async () => {
    const hasHostPermission = vi.fn(async () => false);
    const { handlers } = setup({ hasHostPermission });
    const answer = await handlers['page:saveProfile'](
      {
        label: 'Proxy',
        key: REAL_LOOKING_KEY,
        persistence: 'local',
        baseUrl: 'https://proxy.example.com/openai/v1/',
      },
      page,
    );
    expect(hasHostPermission).toHaveBeenCalledWith('https://proxy.example.com/*');
    expect(answer).toMatchObject({ ok: false, field: 'baseUrl' });
    hasHostPermission.mockResolvedValue(true);
    const saved = await handlers['page:saveProfile'](
      {
        label: 'Proxy',
        key: REAL_LOOKING_KEY,
        persistence: 'local',
        baseUrl: 'https://proxy.example.com/openai/v1/',
      },
      page,
    );
    expect(saved.ok && saved.profile.baseUrl).toBe('https://proxy.example.com/openai/v1');
  });

  it('a new key drops the old cached report (it was another key’s answer)', async () => {
    const { handlers } = setup();
    const profile = await saveKey(handlers);
    await reportCacheItem.setValue({ [profile.id]: makeCached(makeReport([]), { profileId: profile.id }) });
    await handlers['page:saveProfile'](
      { profileId: profile.id, label: 'Renamed', persistence: 'local' },
      page,
    );
    expect(Object.keys(await loadReportCache())).toEqual([profile.id]);
    await handlers['page:saveProfile'](
      { profileId: profile.id, label: 'Renamed', key: REAL_LOOKING_KEY, persistence: 'local' },
      page,
    );
    expect(await loadReportCache()).toEqual({});
  });
});

describe('page:deleteProfile and page:keyPresence', () => {
  it('removes the key from both areas, the profile and its cache', async () => {
    const { handlers } = setup();
    const profile = await saveKey(handlers);
    await storage.setItem(`session:apiKey.${profile.id}`, 'stray copy');
    await reportCacheItem.setValue({ [profile.id]: makeCached(makeReport([]), { profileId: profile.id }) });
    expect(await handlers['page:keyPresence']({}, page)).toEqual({ present: { [profile.id]: true } });
    await handlers['page:deleteProfile']({ profileId: profile.id }, page);
    expect(await storage.getItem(`local:apiKey.${profile.id}`)).toBeNull();
    expect(await storage.getItem(`session:apiKey.${profile.id}`)).toBeNull();
    expect(await loadProfiles()).toEqual([]);
    expect(await loadReportCache()).toEqual({});
    expect(await activeProfileIdItem.getValue()).toBeNull();
  });
});

describe('runs', () => {
  it('page:startRun probes the settings’ models with the profile’s key, org, project and base URL', async () => {
    const { handlers, probeCalls } = setup();
    const profile = await saveKey(handlers, { organizationId: 'org-abcdef', projectId: 'proj_abcdef' });
    await settingsItem.setValue({ ...(await loadSettings()), models: ['gpt-4o-mini'] });
    await handlers['page:startRun']({ profileId: profile.id }, page);
    await handlers.runs.active(profile.id)?.done;
    expect(probeCalls[0]).toEqual({
      profile: { apiKey: REAL_LOOKING_KEY, organizationId: 'org-abcdef', projectId: 'proj_abcdef' },
      models: ['gpt-4o-mini'],
    });
    expect((await loadReportCache())[profile.id]?.models).toEqual(['gpt-4o-mini']);
  });

  it('a profile whose session key is gone cannot run, and says so', async () => {
    const { handlers } = setup();
    const profile = await saveKey(handlers, { persistence: 'session' });
    await storage.removeItem(`session:apiKey.${profile.id}`);
    await expect(handlers['page:startRun']({ profileId: profile.id }, page)).rejects.toThrow(
      /paste it again/,
    );
  });
});

describe('content:* handlers', () => {
  it('answer no-key before any key is saved', async () => {
    const { handlers, runProbe } = setup();
    expect(await handlers['content:checkModel']({ model: 'gpt-4o' }, content)).toEqual({ state: 'no-key' });
    expect(await handlers['content:accessSummary']({}, content)).toEqual({ state: 'no-key' });
    expect(await handlers['content:recheck']({}, content)).toEqual({ state: 'no-key' });
    expect(runProbe).not.toHaveBeenCalled();
  });

  it.each<[unknown, string]>([
    ['', 'empty'],
    ['gpt 4o', 'space'],
    ['../v1/models', 'path'],
    ['gpt-4o"}', 'quote'],
    ['x'.repeat(101), 'too long'],
    [42, 'not a string'],
  ])('checkModel refuses %j (%s) without a request', async (model) => {
    const { handlers, runProbe } = setup();
    await saveKey(handlers);
    await expect(handlers['content:checkModel']({ model } as { model: string }, content)).rejects.toThrow(
      'Not a model id.',
    );
    expect(runProbe).not.toHaveBeenCalled();
  });

  it('checkModel probes only that model with the active profile and never returns the key', async () => {
    const { handlers, probeCalls } = setup();
    await saveKey(handlers);
    const answer = await handlers['content:checkModel'](
      // Forged extras are ignored: a content script cannot choose the key, the host or the profile.
      { model: 'gpt-4o', baseUrl: 'https://evil.example', apiKey: 'sk-evil', profileId: 'x' } as {
        model: string;
      },
      content,
    );
    expect(probeCalls).toHaveLength(1);
    expect(probeCalls[0]?.models).toEqual(['gpt-4o']);
    expect(probeCalls[0]?.profile).toEqual({ apiKey: REAL_LOOKING_KEY });
    expect(answer.state === 'ready' && answer.result.status).toBe('denied');
    expect(JSON.stringify(answer)).not.toContain(REAL_LOOKING_KEY);
    expect(JSON.stringify(answer)).toContain('sk-proj-…WXYZ');
  });

  it('checkModel answers a repeat from memory and limits checks per minute', async () => {
    const { handlers, runProbe } = setup({}, { contentChecksPerMinute: 2 });
    await saveKey(handlers);
    await handlers['content:checkModel']({ model: 'a' }, content);
    await handlers['content:checkModel']({ model: 'a' }, content);
    expect(runProbe).toHaveBeenCalledTimes(1);
    await handlers['content:checkModel']({ model: 'b' }, content);
    await expect(handlers['content:checkModel']({ model: 'c' }, content)).rejects.toThrow(/Too many checks/);
  });

  it('accessSummary returns the cached report (redacted), recheck runs the default models and caches', async () => {
    const { handlers, probeCalls } = setup();
    const profile = await saveKey(handlers);
    expect(await handlers['content:accessSummary']({}, content)).toEqual({ state: 'ready', summary: null });
    const rechecked = await handlers['content:recheck']({}, content);
    expect(probeCalls[0]?.models).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(rechecked.state === 'ready' && rechecked.summary.profileLabel).toBe('Work');
    expect(JSON.stringify(rechecked)).not.toContain(REAL_LOOKING_KEY);
    const summary = await handlers['content:accessSummary']({}, content);
    expect(summary.state === 'ready' && summary.summary?.report.models.map((m) => m.model)).toEqual([
      'gpt-4o',
      'gpt-4o-mini',
    ]);
    expect(JSON.stringify(summary)).not.toContain(REAL_LOOKING_KEY);
    // The panel's model facts come with it (the catalogue stays here), for the report's models on today's date.
    expect(summary.state === 'ready' && summary.summary?.verificationFacts).toEqual(
      verificationFactsFor(['gpt-4o', 'gpt-4o-mini'], new Date(50_000).toISOString().slice(0, 10)),
    );
    expect((await loadReportCache())[profile.id]).toBeDefined();
  });

  it('openPopup asks the background service', async () => {
    const openPopup = vi.fn(async () => true);
    const { handlers } = setup({ openPopup });
    expect(await handlers['content:openPopup']({}, content)).toEqual({ ok: true });
    expect(openPopup).toHaveBeenCalledOnce();
  });
});

describe('content:findErrors', () => {
  const QUOTA =
    'Error code: 429 - You exceeded your current quota, please check your plan and billing details.';

  it('answers each text with its errors (the real engine), in order, and reads nothing else', async () => {
    const { handlers } = setup();
    const answer = await handlers['content:findErrors'](
      // Forged extras are ignored: only the texts are read.
      { texts: [QUOTA, 'Thanks, that fixed it.', ''], apiKey: 'sk-evil' } as { texts: string[] },
      content,
    );
    expect(answer.results).toHaveLength(3);
    const [found] = answer.results[0] ?? [];
    expect(found?.diagnosis.category).toBe('insufficient_quota');
    expect(QUOTA.slice(found?.start, found?.end)).toContain('You exceeded your current quota');
    expect(Object.keys(found ?? {}).sort()).toEqual(['diagnosis', 'end', 'start']);
    expect(answer.results.slice(1)).toEqual([[], []]);
  });

  it('runs the injected engine once per text and keeps nothing', async () => {
    const findErrorSpans = vi.fn(() => []);
    const { handlers } = setup({ findErrorSpans });
    await handlers['content:findErrors']({ texts: ['a', 'b'] }, content);
    expect(findErrorSpans.mock.calls).toEqual([['a'], ['b']]);
    // Page text is never stored: every storage area is as empty as before.
    for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.session, fakeBrowser.storage.sync]) {
      expect(await area.get()).toEqual({});
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['no texts', {}, /No texts/],
    ['texts not a list', { texts: 'You exceeded your current quota' }, /No texts/],
    ['a text that is not a string', { texts: [QUOTA, 42] }, /must be a string/],
    ['an object posing as text', { texts: [{ toString: () => QUOTA }] }, /must be a string/],
    [
      'too many texts',
      { texts: Array.from({ length: FIND_ERRORS_LIMITS.maxTexts + 1 }, () => 'x') },
      /Too many/,
    ],
    [
      'too much text',
      {
        texts: ['x'.repeat(FIND_ERRORS_LIMITS.maxChars / 2), 'y'.repeat(FIND_ERRORS_LIMITS.maxChars / 2 + 1)],
      },
      /Too much text/,
    ],
  ])('refuses %s without reading any of it', async (_, payload, reason) => {
    const findErrorSpans = vi.fn(() => []);
    const { handlers } = setup({ findErrorSpans });
    await expect(handlers['content:findErrors'](payload as { texts: string[] }, content)).rejects.toThrow(
      reason,
    );
    expect(findErrorSpans).not.toHaveBeenCalled();
  });

  it('accepts a batch exactly at the limits', async () => {
    const findErrorSpans = vi.fn(() => []);
    const { handlers } = setup({ findErrorSpans });
    const count = FIND_ERRORS_LIMITS.maxTexts;
    const each = Math.floor(FIND_ERRORS_LIMITS.maxChars / count);
    const answer = await handlers['content:findErrors'](
      { texts: Array.from({ length: count }, () => 'z'.repeat(each)) },
      content,
    );
    expect(answer.results).toHaveLength(count);
  });
});

describe('explain, key description, report, settings', () => {
  it('explains text, keeps a redacted draft, and says null for text without an OpenAI error', async () => {
    const { handlers } = setup();
    const text = `Error code: 401 - Incorrect API key provided: ${REAL_LOOKING_KEY}`;
    const answer = await handlers['page:explain']({ text }, page);
    expect(answer.diagnosis?.category).toBe('invalid_api_key');
    expect(await explainDraftItem.getValue()).not.toContain(REAL_LOOKING_KEY);
    expect((await handlers['page:explain']({ text: 'Lovely weather today.' }, page)).diagnosis).toBeNull();
    expect((await handlers['page:explain']({ text: '' }, page)).diagnosis).toBeNull();
    expect(await explainDraftItem.getValue()).toBe('');
  });

  it('describes a pasted key without returning it', async () => {
    const { handlers } = setup();
    const state = await handlers['page:describeKey']({ raw: `OPENAI_API_KEY="${REAL_LOOKING_KEY}"` }, page);
    expect(state).toMatchObject({ empty: false, kind: 'project', kindLabel: 'Project key', refusal: null });
    expect(state.cleaned).toMatch(/OPENAI_API_KEY= prefix/);
    expect(JSON.stringify(state)).not.toContain(REAL_LOOKING_KEY);
    const admin = await handlers['page:describeKey']({ raw: `sk-admin-${'x'.repeat(50)}` }, page);
    expect(admin.refusal).toMatch(/Admin keys/);
    expect((await handlers['page:describeKey']({ raw: 'x'.repeat(5_000) }, page)).refusal).toMatch(
      /too long/,
    );
  });

  it('builds the report of a cached check, ids masked unless asked', async () => {
    const { handlers } = setup();
    const profile = await saveKey(handlers, { projectId: 'proj_ABCDEFGHIJKLMNOPQRSTUVWX' });
    await handlers['content:recheck']({}, content);
    const masked = await handlers['page:buildReport']({ profileId: profile.id, maskIds: true }, page);
    expect(masked.markdown).toContain('proj_…UVWX');
    expect(masked.markdown).not.toContain(REAL_LOOKING_KEY);
    const open = await handlers['page:buildReport']({ profileId: profile.id, maskIds: false }, page);
    expect(open.markdown).toContain('proj_ABCDEFGHIJKLMNOPQRSTUVWX');
    await expect(handlers['page:buildReport']({ profileId: 'nope', maskIds: true }, page)).rejects.toThrow();
  });

  it('stores settings normalized: junk models dropped, numbers clamped', async () => {
    const { handlers } = setup();
    const { settings } = await handlers['page:saveSettings'](
      { settings: { models: ['gpt-4o', 'bad id', 'gpt-4o', '<script>'], concurrency: 99, timeoutMs: -5 } },
      page,
    );
    expect(settings).toMatchObject({ models: ['gpt-4o'], concurrency: 8, timeoutMs: 3_000 });
    expect(await loadSettings()).toEqual(settings);
  });
});

describe('paid checks', () => {
  it('refuse without consent, and refuse an estimate that is not the current one', async () => {
    const confirm = vi.fn(async () => okResult('gpt-4o', { summary: 'Confirmed with a real request' }));
    const { handlers } = setup({ confirmModelWithRealRequest: confirm });
    const profile = await saveKey(handlers);
    const acceptedCost = estimatePaidCheckCost('confirm', 'gpt-4o');
    const request = { profileId: profile.id, kind: 'confirm' as const, model: 'gpt-4o', acceptedCost };
    await expect(handlers['page:paidCheck'](request, page)).rejects.toThrow(/Paid checks are off/);
    await handlers['page:saveSettings']({ settings: { paidChecksConsent: true } }, page);
    await expect(
      handlers['page:paidCheck']({ ...request, acceptedCost: { ...acceptedCost, usd: 0 } }, page),
    ).rejects.toThrow(/cost changed/);
    expect(confirm).not.toHaveBeenCalled();
  });

  it('a confirmed model replaces its row in the cached report', async () => {
    const confirm = vi.fn(async () => okResult('gpt-4o', { summary: 'Confirmed with a real request' }));
    const { handlers } = setup({ confirmModelWithRealRequest: confirm });
    const profile = await saveKey(handlers);
    await handlers['content:recheck']({}, content);
    await handlers['page:saveSettings']({ settings: { paidChecksConsent: true } }, page);
    const { estimate } = await handlers['page:paidCheckEstimate']({ kind: 'confirm', model: 'gpt-4o' }, page);
    const answer = await handlers['page:paidCheck'](
      { profileId: profile.id, kind: 'confirm', model: 'gpt-4o', acceptedCost: estimate! },
      page,
    );
    expect(answer.result?.status).toBe('ok');
    expect(confirm).toHaveBeenCalledWith(
      { apiKey: REAL_LOOKING_KEY },
      'gpt-4o',
      expect.objectContaining({ acceptedCost: estimate }),
    );
    const row = (await loadReportCache())[profile.id]?.report.models.find(
      (result) => result.model === 'gpt-4o',
    );
    expect(row?.summary).toBe('Confirmed with a real request');
  });
});
