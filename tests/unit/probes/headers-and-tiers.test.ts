/**
 * Reading rate-limit headers, retry waits and the tier table; the zero-cost verdict and the canary verdict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canaryModelId,
  canaryVerdict,
  estimateTier,
  parseDurationMs,
  readRateLimit,
  retryAfterMs,
  TIER_TABLE,
  TIER_TABLE_REVIEWED,
  zeroCostVerdict,
} from '@/utils/probes';
import type { ModelProbeOutcome } from '@/utils/probes/model-probe';
import type { Tier } from '@/utils/probes/tier-table';

describe('rate-limit headers', () => {
  it('reads every x-ratelimit header from Headers or a plain object', () => {
    const plain = {
      'X-RateLimit-Limit-Requests': '5000',
      'x-ratelimit-remaining-requests': '4999',
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-limit-tokens': '4000000',
      'x-ratelimit-remaining-tokens': '3999993',
      'x-ratelimit-reset-tokens': '0s',
    };
    const expected = {
      limitRequests: 5000,
      remainingRequests: 4999,
      resetRequests: '12ms',
      limitTokens: 4_000_000,
      remainingTokens: 3_999_993,
      resetTokens: '0s',
    };
    expect(readRateLimit(plain)).toEqual(expected);
    expect(readRateLimit(new Headers(plain))).toEqual(expected);
    expect(readRateLimit(new Headers({ 'content-type': 'application/json' }))).toBeUndefined();
    expect(readRateLimit({ 'x-ratelimit-limit-tokens': 'lots' })).toBeUndefined();
  });

  it('parses the duration strings of the reset headers', () => {
    expect(parseDurationMs('6ms')).toBe(6);
    expect(parseDurationMs('1s')).toBe(1000);
    expect(parseDurationMs('6m0s')).toBe(360_000);
    expect(parseDurationMs('1h2m3.5s')).toBe(3_723_500);
    expect(parseDurationMs('7m12s')).toBe(432_000);
    expect(parseDurationMs('soon')).toBeUndefined();
    expect(parseDurationMs('1s junk')).toBeUndefined();
  });

  it('round-trips any whole number of ms written as minutes, seconds and ms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999 }),
        (m, s, ms) => {
          expect(parseDurationMs(`${m}m${s}s${ms}ms`)).toBe(m * 60_000 + s * 1000 + ms);
        },
      ),
    );
  });

  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(retryAfterMs({ 'retry-after-ms': '200', 'retry-after': '1' }, 0)).toBe(200);
    expect(retryAfterMs({ 'retry-after': '2' }, 0)).toBe(2000);
    const now = Date.parse('2026-11-24T00:00:00Z');
    expect(retryAfterMs({ 'retry-after': 'Tue, 24 Nov 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(retryAfterMs({}, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'later' }, now)).toBeUndefined();
  });
});

describe('tier table', () => {
  it('is dated and sourced, and no token figure names two tiers of one model', () => {
    expect(TIER_TABLE_REVIEWED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const row of TIER_TABLE) {
      expect(row.sources.length).toBeGreaterThan(0);
      const seen = new Map<number, string>();
      for (const [tier, values] of Object.entries(row.tokens)) {
        for (const value of values ?? []) {
          expect(seen.get(value), `${row.model} ${value}`).toBeUndefined();
          seen.set(value, tier);
        }
      }
    }
  });

  it('finds each tier of each row from its token figure', () => {
    for (const row of TIER_TABLE) {
      for (const [tierKey, values] of Object.entries(row.tokens)) {
        const tier: Tier = tierKey === 'free' ? 'free' : (Number(tierKey) as Tier);
        for (const value of values ?? []) {
          const estimate = estimateTier([{ model: row.model, rateLimit: { limitTokens: value } }]);
          expect(estimate.tier).toBe(tier);
          expect(estimate.evidence).toMatchObject({
            model: row.model,
            header: 'x-ratelimit-limit-tokens',
            value,
          });
        }
      }
    }
  });

  it('counts a dated snapshot as its base model', () => {
    expect(estimateTier([{ model: 'gpt-4o-2024-08-06', rateLimit: { limitTokens: 800_000 } }]).tier).toBe(3);
  });

  it('uses the requests figure only when it names one tier', () => {
    expect(estimateTier([{ model: 'gpt-4o-mini', rateLimit: { limitRequests: 30_000 } }]).tier).toBe(5);
    // 10 000 is tier 1 per day and tier 4 per minute: ambiguous.
    expect(estimateTier([{ model: 'gpt-4o-mini', rateLimit: { limitRequests: 10_000 } }]).tier).toBeNull();
    expect(estimateTier([{ model: 'gpt-4o-mini', rateLimit: { limitRequests: 5_000 } }]).tier).toBeNull();
  });

  it('says unknown when nothing matches', () => {
    expect(estimateTier([]).tier).toBeNull();
    expect(estimateTier([{ model: 'gpt-4o-mini', rateLimit: { limitTokens: 123 } }])).toMatchObject({
      tier: null,
    });
    expect(estimateTier([{ model: 'gpt-6.1-sol', rateLimit: { limitTokens: 4_000_000 } }]).tier).toBeNull();
  });
});

describe('zero-cost verdict', () => {
  const answer = (status: number, param?: string, code?: string) => ({ status, fields: { param, code } });

  it('is confirmed only for the below-minimum 400 about the limit we set to 0', () => {
    expect(zeroCostVerdict(answer(400, 'max_tokens', 'integer_below_min_value'), 'chat', 'max_tokens')).toBe(
      'confirmed',
    );
    expect(
      zeroCostVerdict(answer(400, 'max_output_tokens', 'integer_below_min_value'), 'responses', 'max_tokens'),
    ).toBe('confirmed');
    expect(zeroCostVerdict(answer(400, 'max_tokens', 'invalid_value'), 'chat', 'max_tokens')).toBe('likely');
    expect(
      zeroCostVerdict(answer(400, 'messages[0].content', 'string_below_min_length'), 'chat', 'max_tokens'),
    ).toBe('likely');
  });

  it('is no verdict for anything else', () => {
    expect(
      zeroCostVerdict(answer(400, 'max_tokens', 'unsupported_parameter'), 'chat', 'max_tokens'),
    ).toBeUndefined();
    expect(
      zeroCostVerdict(answer(400, 'temperature', 'invalid_value'), 'chat', 'max_tokens'),
    ).toBeUndefined();
    expect(
      zeroCostVerdict(answer(400, 'max_completion_tokens', 'integer_below_min_value'), 'chat', 'max_tokens'),
    ).toBeUndefined();
    expect(
      zeroCostVerdict(answer(404, 'max_tokens', 'integer_below_min_value'), 'chat', 'max_tokens'),
    ).toBeUndefined();
    expect(zeroCostVerdict(answer(400), 'chat', 'max_tokens')).toBeUndefined();
  });
});

describe('canary', () => {
  function outcome(httpStatus: number | undefined, code?: string): ModelProbeOutcome {
    return {
      result: {
        model: 'mad-canary-x',
        status: 'unknown',
        category: 'other',
        confidence: 'unknown',
        summary: '',
        evidence: [{ method: 'POST', path: '/chat/completions', httpStatus, code, durationMs: 1 }],
        endpoint: 'chat',
        durationMs: 1,
      },
      usable: false,
      aborted: false,
    };
  }

  it('trusts "not found" (404, or the allow-list 403 naming the model) and nothing else', () => {
    expect(canaryVerdict(outcome(404, 'model_not_found'))).toBe('not_found');
    expect(canaryVerdict(outcome(403, 'model_not_found'))).toBe('not_found');
    expect(canaryVerdict(outcome(400, 'integer_below_min_value'))).toBe('validated_first');
    expect(canaryVerdict(outcome(200))).toBe('validated_first');
    expect(canaryVerdict(outcome(401, 'invalid_api_key'))).toBe('inconclusive');
    expect(canaryVerdict(outcome(503))).toBe('inconclusive');
    expect(canaryVerdict(outcome(undefined))).toBe('inconclusive');
  });

  it('makes an id that cannot be a real model, different each run', () => {
    const ids = new Set(Array.from({ length: 50 }, () => canaryModelId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^mad-canary-[a-z0-9]{10}$/);
  });
});
