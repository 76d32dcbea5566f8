/**
 * Stored state written by an older version, by hand, or half-written, must read as the closest valid value
 * (issue 8: "malformed storage from an older version (migrations tested)").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import {
  DEFAULT_SETTINGS,
  isModelId,
  loadProfiles,
  loadReportCache,
  loadRuns,
  loadSettings,
  normalizeModelList,
  normalizeProfiles,
  normalizeReportCache,
  normalizeRuns,
  normalizeSettings,
  pickActiveProfile,
  readProfileKey,
  settingsItem,
} from '@/utils/storage';
import { makeCached, makeProfile, makeReport, okResult } from '../popup/fixtures';

describe('settings', () => {
  it('migrates a v1 value (no maskIdsInReport) to v2, keeping what the user chose', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        models: ['gpt-4o'],
        paidChecksConsent: true,
        concurrency: 2,
        timeoutMs: 9_000,
        inlineLabels: false,
      },
    });
    await settingsItem.migrate();
    const stored = await fakeBrowser.storage.local.get(['settings', 'settings$']);
    expect(stored.settings).toEqual({
      models: ['gpt-4o'],
      paidChecksConsent: true,
      concurrency: 2,
      timeoutMs: 9_000,
      inlineLabels: false,
      maskIdsInReport: true,
    });
    expect(stored.settings$).toEqual({ v: 2 });
  });

  it('repairs junk on read', async () => {
    await fakeBrowser.storage.local.set({ settings: 'not an object' });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(
      normalizeSettings({
        models: [' gpt-4o ', 7, 'a b', 'gpt-4o'],
        concurrency: '3',
        timeoutMs: 1e12,
        paidChecksConsent: 'yes',
      }),
    ).toEqual({ ...DEFAULT_SETTINGS, models: ['gpt-4o'], timeoutMs: 60_000 });
  });

  it('never throws and always yields valid bounds, whatever is stored', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const settings = normalizeSettings(value);
        expect(settings.concurrency).toBeGreaterThanOrEqual(1);
        expect(settings.concurrency).toBeLessThanOrEqual(8);
        expect(settings.timeoutMs).toBeGreaterThanOrEqual(3_000);
        expect(settings.models === null || settings.models.every(isModelId)).toBe(true);
      }),
    );
  });
});

describe('model ids', () => {
  it('accept OpenAI ids, fine-tunes included; refuse anything that could carry something else', () => {
    for (const id of [
      'gpt-4o',
      'gpt-4.1-mini',
      'o3',
      'ft:gpt-4o-mini-2024-07-18:acme::AbC123',
      'text-embedding-3-small',
    ]) {
      expect(isModelId(id)).toBe(true);
    }
    for (const id of [
      '',
      ' gpt-4o',
      'gpt 4o',
      '../models',
      'a/b',
      'gpt-4o?x=1',
      '<img>',
      '-flag',
      'x'.repeat(101),
    ]) {
      expect(isModelId(id)).toBe(false);
    }
  });

  it('a list keeps at most 30 valid, distinct ids', () => {
    const many = Array.from({ length: 50 }, (_, index) => `m-${index}`);
    expect(normalizeModelList(many)).toHaveLength(30);
    expect(normalizeModelList('gpt-4o')).toBeNull();
    expect(normalizeModelList([])).toEqual([]);
  });
});

describe('profiles', () => {
  it('drops entries without an id or masked key, and duplicates; fills defaults', async () => {
    await fakeBrowser.storage.local.set({
      profiles: [
        { id: 'a', maskedKey: 'sk-…abcd', persistence: 'weird', label: '' },
        { id: 'a', maskedKey: 'sk-…dupe' },
        { maskedKey: 'sk-…noid' },
        null,
        { id: 'b', maskedKey: 'sk-proj-…wxyz', persistence: 'session', keyKind: 'bogus', organizationId: 42 },
      ],
    });
    expect(await loadProfiles()).toEqual([
      { id: 'a', label: 'Key', maskedKey: 'sk-…abcd', persistence: 'local', createdAt: 0 },
      { id: 'b', label: 'Key', maskedKey: 'sk-proj-…wxyz', persistence: 'session', createdAt: 0 },
    ]);
    expect(normalizeProfiles({ not: 'an array' })).toEqual([]);
  });

  it('picks the stored active profile, else the first', () => {
    const a = makeProfile({ id: 'a' });
    const b = makeProfile({ id: 'b' });
    expect(pickActiveProfile([a, b], 'b')).toBe(b);
    expect(pickActiveProfile([a, b], 'gone')).toBe(a);
    expect(pickActiveProfile([], 'b')).toBeNull();
  });

  it('reads a key only when it is a non-empty string', async () => {
    await storage.setItem('local:apiKey.a', 12345);
    expect(await readProfileKey({ id: 'a', persistence: 'local' })).toBeNull();
    await storage.setItem('session:apiKey.a', 'sk-x');
    expect(await readProfileKey({ id: 'a', persistence: 'session' })).toBe('sk-x');
  });
});

describe('cache and runs', () => {
  it('keep only well-formed entries stored under their own profile id', async () => {
    const good = makeCached(makeReport([okResult('gpt-4o')]));
    await fakeBrowser.storage.local.set({
      reportCache: { p1: good, p2: good, p3: { profileId: 'p3', report: 'broken' }, p4: null },
    });
    expect(await loadReportCache()).toEqual({ p1: good });
    expect(normalizeReportCache([good])).toEqual({});

    await fakeBrowser.storage.session.set({
      runs: {
        p1: { runId: 'r', profileId: 'p1', status: 'running', models: [], results: [], startedAt: 1 },
        p2: { runId: 'r', profileId: 'p2', status: 'exploded', models: [], results: [], startedAt: 1 },
        p3: { runId: 'r', profileId: 'other', status: 'done', models: [], results: [], startedAt: 1 },
      },
    });
    expect(Object.keys(await loadRuns())).toEqual(['p1']);
    expect(normalizeRuns(undefined)).toEqual({});
  });
});
