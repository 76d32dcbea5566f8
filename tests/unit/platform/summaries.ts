/**
 * Access summaries for the platform tests, built from a few facts. The shapes are the real ones
 * (utils/probes/types.ts); only what a test names differs from a healthy tier-3 key.
 */
import type { CategoryId, Diagnosis } from '@/utils/diagnosis/types';
import type { AccessSummary } from '@/utils/messages';
import { verificationFactsFor } from '@/utils/background/model-facts';
import type { KeyFacts, ModelResult, ProbeReport } from '@/utils/probes/types';

/** The date summaries are built on (the panel tests' "today" is the same or later). */
export const SUMMARY_DATE = '2026-11-30';

export function diagnosisFor(category: CategoryId, overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    category,
    confidence: 'high',
    entryId: `test-${category}`,
    title: `Title for ${category}`,
    explanation: `Explanation for ${category}.`,
    causes: [],
    steps: [],
    fields: {},
    probe: 'model',
    sources: [],
    ...overrides,
  };
}

export function modelResult(
  model: string,
  status: ModelResult['status'],
  category: ModelResult['category'] = status === 'ok' ? 'ok' : 'model_access_denied',
  overrides: Partial<ModelResult> = {},
): ModelResult {
  return {
    model,
    status,
    category,
    confidence: status === 'unknown' ? 'unknown' : 'likely',
    summary: status === 'ok' ? 'Usable' : `Refused: ${category}`,
    ...(category !== 'ok' ? { diagnosis: diagnosisFor(category) } : {}),
    evidence: [],
    endpoint: 'chat',
    durationMs: 120,
    ...overrides,
  };
}

export function keyFacts(overrides: Partial<KeyFacts> = {}): KeyFacts {
  return {
    kind: 'project',
    valid: true,
    organizations: [{ id: 'org-test', title: 'Test org' }],
    regionBlocked: false,
    quota: { state: 'ok' },
    tier: {
      tier: 3,
      evidence: {
        model: 'gpt-4o-mini',
        header: 'x-ratelimit-limit-tokens',
        value: 4_000_000,
        table: 'tier limits table',
        tableDate: '2026-11-01',
      },
      note: 'Matched the token limit of gpt-4o-mini.',
    },
    ...overrides,
  };
}

export function summary(
  options: { key?: Partial<KeyFacts>; models?: ModelResult[]; trusted?: boolean; checkedAt?: number } = {},
): AccessSummary {
  const models = options.models ?? [modelResult('gpt-4o', 'ok'), modelResult('gpt-4o-mini', 'ok')];
  const report: ProbeReport = {
    startedAt: 1000,
    finishedAt: 2000,
    baseUrl: 'https://api.openai.com/v1',
    key: keyFacts(options.key),
    canary: { model: 'mad-canary-does-not-exist', httpStatus: 404, trusted: options.trusted ?? true },
    trusted: options.trusted ?? true,
    models,
    timings: { keyChecksMs: 100, modelsMs: 200, totalMs: 300 },
    requestCount: models.length + 3,
  };
  return {
    profileLabel: 'Work key',
    report,
    checkedAt: options.checkedAt ?? 2000,
    // As the background builds it (utils/background/handlers.ts), on the date the platform tests use.
    verificationFacts: verificationFactsFor(
      models.map((result) => result.model),
      SUMMARY_DATE,
    ),
  };
}

/** No credit: the state the billing page's re-checks watch. */
export function exhaustedSummary(checkedAt = 2000): AccessSummary {
  return summary({
    checkedAt,
    key: {
      quota: { state: 'exhausted', code: 'insufficient_quota' },
      problem: {
        category: 'insufficient_quota',
        diagnosis: diagnosisFor('insufficient_quota', { probe: 'quota' }),
      },
    },
    models: [
      modelResult('gpt-4o', 'denied', 'insufficient_quota'),
      modelResult('gpt-4o-mini', 'denied', 'insufficient_quota'),
    ],
  });
}
