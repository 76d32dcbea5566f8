import { describe, expect, it } from 'vitest';
import {
  buildMatrixRows,
  countRows,
  describeCounts,
  describeTier,
  describeTierEvidence,
  firstSentence,
  NOT_CHECKED,
  rowReason,
  selectAccessView,
  selectKeyBanner,
} from '@/utils/popup/access-view';
import type { RunState } from '@/utils/storage';
import {
  deniedResult,
  makeCached,
  makeDiagnosis,
  makeKeyFacts,
  makeProfile,
  makeReport,
  okResult,
} from './fixtures';

const profile = makeProfile();

function run(overrides: Partial<RunState>): RunState {
  return {
    runId: 'r1',
    profileId: 'p1',
    status: 'running',
    models: ['gpt-4o', 'gpt-4o-mini', 'o3'],
    results: [],
    startedAt: 5_000,
    ...overrides,
  };
}

describe('buildMatrixRows', () => {
  it('keeps the user’s order, marks awaited models pending while running', () => {
    const rows = buildMatrixRows(['a', 'b', 'c'], [okResult('c'), deniedResult('a')], { running: true });
    expect(rows.map((row) => [row.model, row.status, row.category, row.confidence])).toEqual([
      ['a', 'denied', 'model_access_denied', 'confirmed'],
      ['b', 'pending', null, null],
      ['c', 'ok', 'ok', 'confirmed'],
    ]);
  });

  it('says "not checked" (unknown) for models a stopped run never answered', () => {
    const [row] = buildMatrixRows(['a'], [], { running: false });
    expect(row).toMatchObject({ status: 'unknown', confidence: 'unknown', summary: NOT_CHECKED });
  });

  it('appends answers for models not in the list instead of dropping them', () => {
    const rows = buildMatrixRows(['a'], [okResult('a'), okResult('z')], { running: false });
    expect(rows.map((row) => row.model)).toEqual(['a', 'z']);
  });

  it('marks rows the key-level banner explains, never usable rows', () => {
    const rows = buildMatrixRows(['a', 'b'], [deniedResult('a', 'insufficient_quota'), okResult('b')], {
      running: false,
      bannerCategory: 'insufficient_quota',
    });
    expect(rows.map((row) => row.coveredByBanner)).toEqual([true, false]);
  });
});

describe('selectKeyBanner', () => {
  it('shows the key problem with its first sentence', () => {
    const diagnosis = makeDiagnosis({
      category: 'invalid_api_key',
      title: 'Wrong API key',
      explanation: 'The key is not valid. It may have been revoked. Create a new one.',
    });
    const report = makeReport([], {
      key: makeKeyFacts({ problem: { category: 'invalid_api_key', diagnosis } }),
    });
    expect(selectKeyBanner(report)).toEqual({
      category: 'invalid_api_key',
      title: 'Wrong API key',
      text: 'The key is not valid.',
      diagnosis,
    });
  });

  it('warns when the canary says zero-cost probing cannot be trusted', () => {
    const report = makeReport([], {
      trusted: false,
      canary: { model: 'mad-canary-x', httpStatus: 400, trusted: false, verdict: 'validated_first' },
    });
    const banner = selectKeyBanner(report);
    expect(banner?.category).toBe('other');
    expect(banner?.text).toContain('mad-canary-x');
  });

  it('shows an unverified organization (paid check) when nothing worse is known', () => {
    const report = makeReport([okResult('gpt-5')]);
    const verification = {
      model: 'gpt-5',
      verified: false,
      summary: 'Not verified: streaming gpt-5 needs a verified organization.',
      evidence: [],
      cost: {
        kind: 'verification' as const,
        model: 'gpt-5',
        endpoint: 'chat' as const,
        inputTokens: 20,
        outputTokens: 1,
        usd: 0.0001,
        upperBound: false,
        priceSource: 'x',
        pricesReviewed: '2026-11-24',
        summary: 'one streaming request',
      },
    };
    expect(selectKeyBanner(report, verification)?.category).toBe('org_verification_required');
    expect(selectKeyBanner(report, { ...verification, verified: true })).toBeNull();
    expect(selectKeyBanner(report)).toBeNull();
  });
});

describe('selectAccessView', () => {
  const report = makeReport([okResult('gpt-4o'), deniedResult('o3')]);
  const cache = makeCached(report, { models: ['gpt-4o', 'o3'], checkedAt: 4_000 });

  it('no profile: the empty state', () => {
    expect(selectAccessView({ profile: null, cache, run: undefined }).phase).toBe('no-profile');
  });

  it('a profile never checked', () => {
    expect(selectAccessView({ profile, cache: undefined, run: undefined }).phase).toBe('never-checked');
  });

  it('the cache, at once', () => {
    const view = selectAccessView({ profile, cache, run: undefined });
    expect(view).toMatchObject({ phase: 'done', checkedAt: 4_000, banner: null, notice: null });
    expect(view.rows.map((row) => row.status)).toEqual(['ok', 'denied']);
  });

  it('a running check shows its progress, with the old cache age kept', () => {
    const view = selectAccessView({ profile, cache, run: run({ results: [okResult('o3')] }) });
    expect(view.phase).toBe('running');
    expect(view.progress).toEqual({ done: 1, total: 3 });
    expect(view.rows.map((row) => row.status)).toEqual(['pending', 'pending', 'ok']);
    expect(view.report).toBeNull();
  });

  it('a cancelled check leaves the previous results in place, with a notice', () => {
    const view = selectAccessView({ profile, cache, run: run({ status: 'cancelled', startedAt: 5_000 }) });
    expect(view.phase).toBe('cancelled');
    expect(view.notice).toMatch(/cancelled.*previous results/);
    expect(view.rows.map((row) => row.model)).toEqual(['gpt-4o', 'o3']);
  });

  it('a failed check without a cache shows its partial rows and why it failed', () => {
    const view = selectAccessView({
      profile,
      cache: undefined,
      run: run({ status: 'failed', error: 'The check took too long', results: [okResult('gpt-4o')] }),
    });
    expect(view.phase).toBe('failed');
    expect(view.notice).toContain('The check took too long');
    expect(view.rows.map((row) => row.status)).toEqual(['ok', 'unknown', 'unknown']);
  });

  it('an old failed run does not hide a newer cache', () => {
    const view = selectAccessView({ profile, cache, run: run({ status: 'failed', startedAt: 1_000 }) });
    expect(view.phase).toBe('done');
  });

  it('ignores a cache or run of another profile', () => {
    const view = selectAccessView({
      profile,
      cache: { ...cache, profileId: 'p2' },
      run: run({ profileId: 'p2' }),
    });
    expect(view.phase).toBe('never-checked');
  });
});

describe('rowReason', () => {
  it('shortens for the narrow column without losing the reason', () => {
    const [ok, denied, pending] = buildMatrixRows(
      ['a', 'gpt-4o', 'c'],
      [okResult('a'), deniedResult('gpt-4o')],
      {
        running: true,
      },
    );
    expect(rowReason(ok!)).toBe('Accepted by the API');
    expect(rowReason({ ...ok!, confidence: 'likely' })).toBe('Accepted (not proven)');
    expect(rowReason(denied!)).toBe('Project blocks it');
    expect(rowReason({ ...denied!, summary: 'No model called “gpt-4o”' })).toBe('No model called “gpt-4o”');
    expect(rowReason({ ...denied!, coveredByBanner: true })).toBe('Explained above');
    expect(rowReason(pending!)).toBe('Checking…');
  });
});

describe('summaries', () => {
  it('counts and words', () => {
    const rows = buildMatrixRows(['a', 'b', 'c'], [okResult('a'), deniedResult('b')], { running: true });
    expect(countRows(rows)).toEqual({ ok: 1, denied: 1, unknown: 0, pending: 1 });
    expect(describeCounts(countRows(rows))).toBe('1 usable · 1 blocked · 1 waiting');
    expect(describeCounts({ ok: 0, denied: 0, unknown: 0, pending: 0 })).toBe('No models checked');
  });

  it('tier and its evidence', () => {
    const facts = makeKeyFacts();
    expect(describeTier(facts.tier)).toBe('Tier 3 (estimated)');
    expect(describeTier({ tier: 'free', note: '' })).toBe('Free tier (estimated)');
    expect(describeTier({ tier: null, note: 'no headers' })).toBe('Tier: unknown');
    expect(describeTierEvidence(facts.tier)).toBe(
      'x-ratelimit-limit-tokens = 4,000,000 on gpt-4o-mini, matched against the tier limits table (2026-11-24).',
    );
    expect(describeTierEvidence({ tier: null, note: 'No rate-limit headers on any answer.' })).toBe(
      'No rate-limit headers on any answer.',
    );
  });

  it('first sentence', () => {
    expect(firstSentence('One. Two.')).toBe('One.');
    expect(firstSentence('No stop')).toBe('No stop');
    expect(firstSentence('Version 1.5 is out. Next.')).toBe('Version 1.5 is out.');
  });
});
