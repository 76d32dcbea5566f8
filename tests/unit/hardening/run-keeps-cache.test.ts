/**
 * Issue 8, "cached results are never lost or corrupted by a failed run": a run in which not one request got an
 * HTTP answer (network down, a proxy refusing, a wrong base URL) is a failed run, and keeps the last good report.
 */
import { describe, expect, it, vi } from 'vitest';
import { createRunManager, reachedNobody } from '@/utils/background/run-manager';
import type { ModelResult } from '@/utils/probes/types';
import { loadReportCache, loadRuns, reportCacheItem } from '@/utils/storage';
import { makeCached, makeDiagnosis, makeProfile, makeReport, okResult } from '../popup/fixtures';

const profile = makeProfile();

function unreachable(model: string): ModelResult {
  return {
    ...okResult(model),
    status: 'unknown',
    category: 'connection_error',
    confidence: 'unknown',
    summary: 'No answer from the API (network error or timeout)',
    evidence: [{ method: 'POST', path: '/chat/completions', durationMs: 3, message: 'Connection error.' }],
  };
}

const NOBODY = makeReport([unreachable('gpt-4o'), unreachable('gpt-4o-mini')], {
  canary: { model: 'mad-canary-x', trusted: false, verdict: 'inconclusive' },
  trusted: false,
  requestCount: 5,
  key: {
    ...makeReport([]).key,
    evidence: [{ method: 'GET', path: '/me', durationMs: 2, message: 'Connection error.' }],
  },
});

function manager(report = NOBODY) {
  let id = 0;
  return createRunManager({
    runProbe: vi.fn(async () => report),
    now: () => 20_000,
    newId: () => `run-${++id}`,
    redact: (text) => text,
    log: vi.fn(),
  });
}

describe('a run that reached nobody', () => {
  it('is recognised: requests sent, no HTTP status anywhere', () => {
    expect(reachedNobody(NOBODY)).toBe(true);
    expect(reachedNobody(makeReport([okResult('gpt-4o')]))).toBe(false);
    // One answer anywhere (here the canary's 404) and the run learned something.
    expect(reachedNobody({ ...NOBODY, canary: { ...NOBODY.canary, httpStatus: 404 } })).toBe(false);
    // No request at all (no key given) is a finished answer, not a network failure.
    expect(reachedNobody({ ...NOBODY, requestCount: 0 })).toBe(false);
    // A key the browser would not send (a "…" in it) is a finding about the key, cached with its banner.
    const badKey = makeReport([{ ...unreachable('gpt-4o'), status: 'denied', category: 'invalid_api_key' }]);
    const problem = {
      category: 'invalid_api_key' as const,
      diagnosis: makeDiagnosis({ category: 'invalid_api_key' }),
    };
    expect(reachedNobody({ ...NOBODY, models: badKey.models, key: { ...NOBODY.key, problem } })).toBe(false);
  });

  it('fails, says why, keeps the last good report, and still shows what each model got', async () => {
    const good = makeCached(makeReport([okResult('gpt-4o'), okResult('gpt-4o-mini')]), {
      profileId: profile.id,
    });
    await reportCacheItem.setValue({ [profile.id]: good });
    const runs = manager();
    const handle = runs.start({
      profile,
      apiKey: 'sk-proj-x',
      models: ['gpt-4o', 'gpt-4o-mini'],
      timeoutMs: 3_000,
      concurrency: 2,
    });
    expect(await handle.done).toBeNull();
    await runs.flushed();
    expect((await loadReportCache())[profile.id]).toEqual(good);
    const state = (await loadRuns())[profile.id];
    expect(state?.status).toBe('failed');
    expect(state?.error).toMatch(/^No answer from https:\/\/api\.openai\.com\/v1/);
    expect(state?.results.map((result) => result.category)).toEqual(['connection_error', 'connection_error']);
  });

  it('a run with answers replaces the cache as before', async () => {
    const runs = manager(makeReport([okResult('gpt-4o')]));
    const handle = runs.start({
      profile,
      apiKey: 'sk-proj-x',
      models: ['gpt-4o'],
      timeoutMs: 3_000,
      concurrency: 1,
    });
    expect(await handle.done).not.toBeNull();
    await runs.flushed();
    expect((await loadReportCache())[profile.id]?.report.models.map((result) => result.model)).toEqual([
      'gpt-4o',
    ]);
  });
});
