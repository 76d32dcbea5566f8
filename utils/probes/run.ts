/**
 * `runProbe`: which of `models` this key can use, and why not (issue 4).
 *
 * Two rounds, so N models at latency L take about L + ceil(N / concurrency)·L:
 * 1. at once: `/v1/me`, `/v1/models`, the canary (a model id that cannot exist) and, when none of the models
 *    is in the tier table, one tier-hint model;
 * 2. the models, `concurrency` at a time, each result streamed through `onResult` as it arrives.
 * A `/v1/me` answer that no model call can contradict (wrong key, deactivated account, blocked region) skips
 * round 2: every model gets that answer without another request.
 */
import { classify } from '../diagnosis';
import { closestUsableModel } from '../diagnosis/models';
import type { Diagnosis } from '../diagnosis/types';
import {
  createProbeSession,
  DEFAULT_TIMEOUT_MS,
  normaliseBaseUrl,
  type ProbeSession,
  scrubDeep,
} from './exchange';
import {
  buildKeyFacts,
  checkMe,
  checkModelsList,
  decisiveKeyProblem,
  KEY_LEVEL_CATEGORIES,
  type KeyCheck,
} from './key-checks';
import { confidenceFor, type ModelProbeOutcome, probeModel, statusForCategory } from './model-probe';
import { TIER_TABLE_MODELS } from './tier-table';
import type { CanaryResult, ModelResult, ProbeOptions, ProbeProfile, ProbeReport } from './types';

export const DEFAULT_CONCURRENCY = 4;

/** A model id that cannot exist: OpenAI ids never start with our prefix, and the suffix is random per run. */
export function canaryModelId(random: () => number = Math.random): string {
  const suffix = Array.from({ length: 10 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `mad-canary-${suffix}`;
}

function uniqueModels(models: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of models) {
    const id = raw.trim();
    if (id !== '') seen.add(id);
  }
  return [...seen];
}

/**
 * What the canary's answer says about today's server. 404 (or the allow-list 403 naming the model) means the
 * model is checked before the parameters: the zero-cost 400s can be trusted. A 400 (or a 200) means the server
 * judged the parameters of a model that cannot exist: a 400 proves nothing. Anything else tells nothing.
 */
export function canaryVerdict(outcome: ModelProbeOutcome): NonNullable<CanaryResult['verdict']> {
  const last = outcome.result.evidence[outcome.result.evidence.length - 1];
  const status = last?.httpStatus;
  if (status === 404) return 'not_found';
  if (status === 403 && last?.code === 'model_not_found') return 'not_found';
  if (status === 400 || (status !== undefined && status >= 200 && status < 300)) return 'validated_first';
  return 'inconclusive';
}

const UNTRUSTED_SUMMARY =
  'Unverified: today the API judged the parameters of a model that cannot exist (the canary), so this zero-cost answer proves nothing. A paid 1-token check can confirm it.';

/** Applies the canary's verdict: a zero-cost "ok" is only as good as the server's order of checks. */
function applyTrust(result: ModelResult, trusted: boolean): ModelResult {
  if (trusted || result.status !== 'ok') return result;
  return {
    ...result,
    status: 'unknown',
    category: 'other',
    confidence: 'unknown',
    summary: UNTRUSTED_SUMMARY,
  };
}

function keyProblemResult(model: string, diagnosis: Diagnosis): ModelResult {
  return {
    model,
    status: statusForCategory(diagnosis.category),
    category: diagnosis.category,
    confidence: confidenceFor(diagnosis),
    summary: `${diagnosis.title} (the key itself was refused; no model request was needed)`,
    diagnosis,
    evidence: [],
    endpoint: 'none',
    durationMs: 0,
  };
}

function notCheckedResult(model: string): ModelResult {
  return {
    model,
    status: 'unknown',
    category: 'other',
    confidence: 'unknown',
    summary: 'Not checked: the run was cancelled',
    evidence: [],
    endpoint: 'none',
    durationMs: 0,
  };
}

/** Runs `worker` over `items`, at most `limit` at a time, in list order; stops taking new items on abort. */
async function runPool<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next] as T;
      next += 1;
      await worker(item);
    }
  });
  await Promise.all(lanes);
}

function tierHintFor(models: readonly string[], option: string | null | undefined): string | undefined {
  if (option === null) return undefined;
  if (models.some((model) => TIER_TABLE_MODELS.includes(model))) return undefined;
  return option ?? TIER_TABLE_MODELS[0];
}

function canaryResult(model: string, outcome: ModelProbeOutcome, trusted: boolean): CanaryResult {
  const verdict = canaryVerdict(outcome);
  const status = outcome.result.evidence[outcome.result.evidence.length - 1]?.httpStatus;
  const result: CanaryResult = { model, trusted, verdict };
  if (status !== undefined) result.httpStatus = status;
  return result;
}

/** The API's own words for a request without a key, read by the diagnosis engine like any answer. */
const NO_KEY_ANSWER = {
  status: 401,
  body: {
    error: {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
  },
};

/** No key, no request: every model gets the missing-key answer at once. */
function missingKeyReport(
  profile: ProbeProfile,
  models: string[],
  startedAt: number,
  now: () => number,
  options: ProbeOptions,
): ProbeReport {
  const diagnosis = classify(NO_KEY_ANSWER);
  const results = models.map((model): ModelResult => {
    if (diagnosis === null) {
      return {
        ...notCheckedResult(model),
        status: 'denied',
        category: 'missing_api_key',
        confidence: 'confirmed',
        summary: 'No API key was given: nothing was sent',
      };
    }
    return { ...keyProblemResult(model, diagnosis), summary: 'No API key was given: nothing was sent' };
  });
  if (!options.signal?.aborted) for (const result of results) options.onResult?.(result);
  const finishedAt = now();
  const report: ProbeReport = {
    startedAt,
    finishedAt,
    baseUrl: normaliseBaseUrl(profile.baseUrl),
    key: {
      kind: 'unknown',
      valid: false,
      organizations: [],
      regionBlocked: false,
      quota: { state: 'unknown' },
      tier: { tier: null, note: 'Unknown: no key was given.' },
    },
    canary: { model: '', trusted: true, verdict: 'inconclusive' },
    trusted: true,
    models: results,
    timings: { keyChecksMs: 0, modelsMs: 0, totalMs: finishedAt - startedAt },
    requestCount: 0,
  };
  if (diagnosis !== null) report.key.problem = { category: diagnosis.category, diagnosis };
  return report;
}

/**
 * Probes `models` with the profile's key. Never throws; on abort it resolves with what finished (`aborted`).
 * No request goes anywhere but the profile's base URL; the key appears in no result.
 */
export async function runProbe(
  rawProfile: ProbeProfile,
  models: readonly string[],
  options: ProbeOptions = {},
): Promise<ProbeReport> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  // Surrounding whitespace is paste debris, never part of a key (the popup cleans keys; this is a backstop).
  const profile = { ...rawProfile, apiKey: (rawProfile.apiKey ?? '').trim() };
  if (profile.apiKey === '') return missingKeyReport(profile, uniqueModels(models), startedAt, now, options);
  const session: ProbeSession = createProbeSession(profile, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: options.signal,
    fetch: options.fetch,
    now,
  });
  const wanted = uniqueModels(models);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const canaryModel = canaryModelId();
  const hintModel = tierHintFor(wanted, options.tierHintModel);

  // Round 1: the key checks, the canary and the tier hint, all at once.
  const [me, modelsList, canary, hint] = await Promise.all([
    checkMe(session),
    checkModelsList(session),
    probeModel(session, canaryModel, { canary: true }),
    hintModel === undefined ? Promise.resolve(undefined) : probeModel(session, hintModel),
  ]);
  const keyChecksDone = now();

  const decisive = decisiveKeyProblem(me);
  const canaryCategory = canary.result.diagnosis?.category;
  const verdict = canaryVerdict(canary);
  // A canary refused at the key level (like every other call will be) says nothing about trust.
  const trusted =
    verdict === 'not_found' ||
    (verdict === 'inconclusive' && canaryCategory !== undefined && KEY_LEVEL_CATEGORIES.has(canaryCategory));

  // Round 2: the models.
  const finished = new Map<string, ModelResult>();
  const outcomes: ModelProbeOutcome[] = [canary, ...(hint ? [hint] : [])];
  const usableSoFar: string[] = [];
  const emit = (result: ModelResult) => {
    finished.set(result.model, result);
    if (options.signal?.aborted) return;
    try {
      // A scrubbed copy: the listener may keep it, and the report's copy may still gain a workaround.
      options.onResult?.(scrubDeep(result, session.scrub));
    } catch {
      // A listener's failure must not stop the other models.
    }
  };

  const aborted = () => options.signal?.aborted === true;
  if (!aborted() && !me.aborted) {
    if (decisive) {
      for (const model of wanted) emit(keyProblemResult(model, decisive));
    } else {
      await runPool(wanted, concurrency, options.signal, async (model) => {
        const outcome = await probeModel(session, model);
        if (outcome.aborted) return;
        outcomes.push(outcome);
        const result = applyTrust(outcome.result, trusted);
        if (result.status === 'ok') usableSoFar.push(model);
        if (result.status === 'denied') {
          const workaround = closestUsableModel(model, usableSoFar);
          if (workaround) result.workaround = workaround;
        }
        emit(result);
      });
    }
  }

  // The final word on workarounds: every usable model is known now.
  const results = wanted.map((model) => ({ ...(finished.get(model) ?? notCheckedResult(model)) }));
  const usable = results.filter((result) => result.status === 'ok').map((result) => result.model);
  for (const result of results) {
    if (result.status !== 'denied') continue;
    const workaround = closestUsableModel(result.model, usable);
    if (workaround) result.workaround = workaround;
    else delete result.workaround;
  }

  const finishedAt = now();
  const key = buildKeyFacts({
    apiKey: profile.apiKey,
    me,
    modelsList,
    outcomes,
    results: results.filter((result) => finished.has(result.model)),
    decisive,
    roundOneEvidence: [...canary.result.evidence, ...(hint?.result.evidence ?? [])],
    trusted,
  });
  const report: ProbeReport = {
    startedAt,
    finishedAt,
    baseUrl: session.baseUrl,
    key,
    canary: canaryResult(canaryModel, canary, trusted),
    trusted,
    models: results,
    timings: {
      keyChecksMs: keyChecksDone - startedAt,
      modelsMs: finishedAt - keyChecksDone,
      totalMs: finishedAt - startedAt,
    },
    requestCount: session.requestCount,
  };
  if (aborted() || me.aborted) report.aborted = true;
  return scrubDeep(report, session.scrub);
}

export type { KeyCheck };
