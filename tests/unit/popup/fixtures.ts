/**
 * Builders for the shapes the popup reads (probe results, reports, diagnoses), with realistic defaults taken
 * from the fake API's answers (tests/fake-api). Tests override only what they are about.
 */
import type { CategoryId, Diagnosis } from '@/utils/diagnosis/types';
import type { KeyFacts, ModelResult, ProbeReport } from '@/utils/probes/types';
import type { CachedReport, ProfileMeta } from '@/utils/storage';

export const REAL_LOOKING_KEY = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxT3BlbkFJyZ0123456789abcdefghWXYZ';

export function makeDiagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    category: 'model_access_denied',
    confidence: 'high',
    entryId: 'project-model-denied',
    title: 'Project blocks gpt-4o',
    explanation: 'The model exists, but the project this key belongs to is not allowed to use it.',
    causes: ['The project’s model allow-list leaves this model out.'],
    steps: [
      {
        text: 'Allow the model in the project’s limits.',
        url: 'https://platform.openai.com/settings/proj_abc/limits',
      },
    ],
    fields: {
      status: 403,
      code: 'model_not_found',
      model: 'gpt-4o',
      projectId: 'proj_AAAAAAAAAAAAAAAAAAAAAAAA',
    },
    probe: 'model',
    sources: ['https://community.openai.com/t/project-does-not-have-access-to-model/123'],
    ...overrides,
  };
}

export function okResult(model: string, overrides: Partial<ModelResult> = {}): ModelResult {
  return {
    model,
    status: 'ok',
    category: 'ok',
    confidence: 'confirmed',
    summary: 'Usable: key, project and quota accept it',
    evidence: [
      {
        method: 'POST',
        path: '/chat/completions',
        httpStatus: 400,
        code: 'integer_below_min_value',
        requestId: `req_${model}`,
        rateLimit: { limitTokens: 800_000, limitRequests: 5_000 },
        durationMs: 120,
      },
    ],
    endpoint: 'chat',
    durationMs: 120,
    ...overrides,
  };
}

export function deniedResult(model: string, category: CategoryId = 'model_access_denied'): ModelResult {
  return {
    model,
    status: 'denied',
    category,
    confidence: 'confirmed',
    summary: `Project blocks ${model}`,
    diagnosis: makeDiagnosis({ category, title: `Project blocks ${model}` }),
    evidence: [
      {
        method: 'POST',
        path: '/chat/completions',
        httpStatus: 403,
        code: 'model_not_found',
        message: `Project \`proj_AAAAAAAAAAAAAAAAAAAAAAAA\` does not have access to model \`${model}\``,
        requestId: `req_${model}`,
        durationMs: 90,
      },
    ],
    endpoint: 'chat',
    durationMs: 90,
  };
}

export function makeKeyFacts(overrides: Partial<KeyFacts> = {}): KeyFacts {
  return {
    kind: 'project',
    valid: true,
    organizations: [
      { id: 'org-BBBBBBBBBBBBBBBBBBBBBBBB', title: 'Personal', role: 'owner', isDefault: true },
    ],
    regionBlocked: false,
    quota: { state: 'ok' },
    tier: {
      tier: 3,
      evidence: {
        model: 'gpt-4o-mini',
        header: 'x-ratelimit-limit-tokens',
        value: 4_000_000,
        table: 'tier limits table',
        tableDate: '2026-11-24',
      },
      note: 'Matched the token limit',
    },
    ...overrides,
  };
}

export function makeReport(models: ModelResult[], overrides: Partial<ProbeReport> = {}): ProbeReport {
  return {
    startedAt: 1_000,
    finishedAt: 2_000,
    baseUrl: 'https://api.openai.com/v1',
    key: makeKeyFacts(),
    canary: { model: 'mad-canary-abc', httpStatus: 404, trusted: true, verdict: 'not_found' },
    trusted: true,
    models,
    timings: { keyChecksMs: 200, modelsMs: 800, totalMs: 1_000 },
    requestCount: models.length + 3,
    ...overrides,
  };
}

export function makeProfile(overrides: Partial<ProfileMeta> = {}): ProfileMeta {
  return {
    id: 'p1',
    label: 'Work',
    maskedKey: 'sk-proj-…WXYZ',
    keyKind: 'project',
    persistence: 'local',
    createdAt: 0,
    ...overrides,
  };
}

export function makeCached(report: ProbeReport, overrides: Partial<CachedReport> = {}): CachedReport {
  return {
    profileId: 'p1',
    models: report.models.map((result) => result.model),
    report,
    checkedAt: 2_000,
    ...overrides,
  };
}
