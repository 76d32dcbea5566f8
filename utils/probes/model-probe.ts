/**
 * The zero-cost probe of one model (DESIGN §3, issue 4): a chat request with empty content and a token limit of
 * 0. The server checks the key, the account, the model and the quota before it judges that limit, so the 400
 * "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead."
 * (`integer_below_min_value`, param = the limit) means: usable, and no token was spent.
 *
 * The ladder, one request per step, at most four in all:
 * - a 400 `unsupported_parameter` about the limit → the same request with the other parameter
 *   (`max_tokens` ↔ `max_completion_tokens`);
 * - a 404 "only supported in v1/responses" → the same trick on /v1/responses (`max_output_tokens: 0`, whose
 *   minimum is 16);
 * - a 429 rate limit with `retry-after` within the timeout → wait once and ask again;
 * - anything else is read by the diagnosis engine. `insufficient_quota` is never retried.
 */
import { classify } from '../diagnosis';
import { lookupModel } from '../diagnosis/models';
import type { CategoryId, Diagnosis, SdkErrorLike } from '../diagnosis/types';
import { type Exchange, exchange, type ProbeSession } from './exchange';
import { RESPONSES_MIN_OUTPUT_TOKENS } from './costs';
import { retryAfterMs } from './rate-limit';
import type { TierObservation } from './tier-table';
import type { ModelResult, ModelStatus, ProbeConfidence, ProbeEvidence } from './types';

export type TokenParam = 'max_tokens' | 'max_completion_tokens';
export type ProbeEndpoint = 'chat' | 'responses';

/** What one model's probe learned, before the run applies the canary's verdict. */
export interface ModelProbeOutcome {
  result: ModelResult;
  /** The answer the server gave to the zero-cost request was the expected 400 (or a 200). */
  usable: boolean;
  /** Rate-limit headers seen on this model's answers (for the tier estimate). */
  observation?: TierObservation;
  /** The last answer's error fields (type, code, message): quota code, missing scopes. */
  lastFailure?: SdkErrorLike;
  aborted: boolean;
}

/** Categories that mean "this key may not use this model (now)": the model is denied. */
const DENIED_CATEGORIES: ReadonlySet<CategoryId> = new Set<CategoryId>([
  'invalid_api_key',
  'missing_api_key',
  'model_not_found',
  'model_access_denied',
  'key_scope_insufficient',
  'insufficient_quota',
  'billing_limit',
  'org_verification_required',
  'org_membership',
  'account_deactivated',
  'unsupported_region',
  'model_deprecated',
]);

const RESPONSES_ONLY = /only supported in v1\/responses/i;
const MAX_ATTEMPTS = 4;

export function statusForCategory(category: CategoryId): ModelStatus {
  return DENIED_CATEGORIES.has(category) ? 'denied' : 'unknown';
}

export function confidenceFor(diagnosis: Diagnosis): ProbeConfidence {
  if (diagnosis.confidence === 'high') return 'confirmed';
  return diagnosis.confidence === 'medium' ? 'likely' : 'unknown';
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The request of one ladder step: zero-cost (limit 0, empty content) or paid (limit 1, "Hi"). */
function sendChat(session: ProbeSession, model: string, tokenParam: TokenParam, paid: boolean) {
  const size = paid ? 1 : 0;
  const limit = tokenParam === 'max_tokens' ? { max_tokens: size } : { max_completion_tokens: size };
  const content = paid ? 'Hi' : '';
  return exchange(session, 'POST', '/chat/completions', (options) =>
    session.client.chat.completions
      .create({ model, messages: [{ role: 'user', content }], ...limit }, options)
      .withResponse(),
  );
}

function sendResponses(session: ProbeSession, model: string, paid: boolean) {
  // /v1/responses refuses max_output_tokens below 16: 0 is the zero-cost trick, 16 the cheapest real call.
  const body = paid
    ? { model, input: 'Hi', max_output_tokens: RESPONSES_MIN_OUTPUT_TOKENS }
    : { model, input: '', max_output_tokens: 0 };
  return exchange(session, 'POST', '/responses', (options) =>
    session.client.responses.create(body, options).withResponse(),
  );
}

/**
 * How sure an answer is to be the "ok" 400: `confirmed` for the exact below-minimum complaint about the limit
 * we set to 0, `likely` for another 400 about a field we deliberately left invalid (empty content or input),
 * `undefined` for anything else.
 */
export function zeroCostVerdict(
  answer: Pick<Exchange<unknown>, 'status' | 'fields'>,
  endpoint: ProbeEndpoint,
  tokenParam: TokenParam,
): ProbeConfidence | undefined {
  if (answer.status !== 400) return undefined;
  const { param, code } = answer.fields;
  if (code === 'unsupported_parameter' || code === 'unknown_parameter' || param === undefined)
    return undefined;
  const limitParam = endpoint === 'chat' ? tokenParam : 'max_output_tokens';
  if (param === limitParam) return code === 'integer_below_min_value' ? 'confirmed' : 'likely';
  const emptyFields = endpoint === 'chat' ? ['messages', 'messages[0].content', 'messages[0]'] : ['input'];
  return emptyFields.includes(param) ? 'likely' : undefined;
}

/**
 * A 2xx counts as "usable" only when it carries a JSON object, as the API's answers do. A proxy login page or a
 * captive portal answers 200 with HTML (the SDK hands that over as a string): that is no word from the API.
 */
function answeredWithJson(answer: Pick<Exchange<unknown>, 'status' | 'data'>): boolean {
  const status = answer.status;
  const isObject = typeof answer.data === 'object' && answer.data !== null;
  return status !== undefined && status >= 200 && status < 300 && isObject;
}

function diagnose(failure: SdkErrorLike | undefined): Diagnosis | null {
  if (failure === undefined) return null;
  try {
    return classify(failure);
  } catch {
    // The classifier is another team's module: one bad answer must not break the run.
    return null;
  }
}

function fallbackCategory(status: number | undefined): CategoryId {
  if (status === undefined) return 'connection_error';
  return status >= 500 ? 'server_error' : 'other';
}

const FALLBACK_SUMMARY: Partial<Record<CategoryId, string>> = {
  connection_error: 'No answer from the API (network error or timeout)',
  server_error: 'The API had a server error',
  other: 'An answer the probe could not read',
};

export interface ProbeModelOptions {
  /** The canary: no parameter switch, no endpoint switch (it cannot exist on either). */
  canary?: boolean;
  /**
   * A paid check: a real request (1 output token on chat, 16 on responses) instead of the zero-cost one; only
   * a 2xx answer means usable. `allowResponses` says whether the accepted cost covers a switch to /responses.
   */
  paid?: { allowResponses: boolean };
}

/** Runs the ladder for one model. Never throws. */
export async function probeModel(
  session: ProbeSession,
  model: string,
  options: ProbeModelOptions = {},
): Promise<ModelProbeOutcome> {
  const started = session.now();
  const info = options.canary ? undefined : lookupModel(model);
  const evidence: ProbeEvidence[] = [];
  const base = { model, evidence };
  const elapsed = () => Math.max(0, session.now() - started);

  if (info !== undefined && info.probe === null) {
    return {
      result: {
        ...base,
        status: 'unknown',
        category: 'wrong_endpoint',
        confidence: 'unknown',
        summary: 'Not a chat or responses model: no zero-cost check exists for it',
        endpoint: 'none',
        durationMs: elapsed(),
      },
      usable: false,
      aborted: false,
    };
  }

  let endpoint: ProbeEndpoint = info?.probe === 'responses' ? 'responses' : 'chat';
  let tokenParam: TokenParam = info?.tokenParam ?? 'max_completion_tokens';
  let switchedParam = false;
  let switchedEndpoint = false;
  let waitedForRateLimit = false;
  let observation: TierObservation | undefined;

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const paid = options.paid !== undefined;
    const answer =
      endpoint === 'chat'
        ? await sendChat(session, model, tokenParam, paid)
        : await sendResponses(session, model, paid);
    evidence.push(answer.evidence);
    if (answer.rateLimit) observation = { model, rateLimit: answer.rateLimit };
    if (answer.aborted) {
      return {
        result: {
          ...base,
          status: 'unknown',
          category: 'other',
          confidence: 'unknown',
          summary: 'Not checked: the run was cancelled',
          endpoint,
          durationMs: elapsed(),
        },
        usable: false,
        aborted: true,
      };
    }

    const verdict = paid ? undefined : zeroCostVerdict(answer, endpoint, tokenParam);
    if (verdict !== undefined || answeredWithJson(answer)) {
      return {
        result: {
          ...base,
          status: 'ok',
          category: 'ok',
          confidence: verdict ?? 'confirmed',
          summary:
            verdict !== undefined
              ? 'Usable: key, quota and model accepted (zero-cost check, no tokens spent)'
              : paid
                ? 'Usable: a real request succeeded (paid check)'
                : 'Usable: the API answered the request',
          endpoint,
          durationMs: elapsed(),
        },
        usable: true,
        observation,
        aborted: false,
      };
    }

    const { fields } = answer;
    if (
      !options.canary &&
      !switchedParam &&
      endpoint === 'chat' &&
      answer.status === 400 &&
      fields.code === 'unsupported_parameter' &&
      fields.param === tokenParam
    ) {
      switchedParam = true;
      tokenParam = tokenParam === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
      continue;
    }
    const mayUseResponses = options.paid === undefined || options.paid.allowResponses;
    if (
      !options.canary &&
      mayUseResponses &&
      !switchedEndpoint &&
      endpoint === 'chat' &&
      RESPONSES_ONLY.test(fields.message ?? '')
    ) {
      switchedEndpoint = true;
      endpoint = 'responses';
      continue;
    }

    const diagnosis = answer.unreadable ? null : diagnose(answer.failure);
    const category = diagnosis?.category ?? (answer.unreadable ? 'other' : fallbackCategory(answer.status));
    const quotaLike =
      category === 'insufficient_quota' ||
      category === 'billing_limit' ||
      fields.type === 'insufficient_quota' ||
      fields.code === 'insufficient_quota';
    if (answer.status === 429 && category === 'rate_limit' && !quotaLike && !waitedForRateLimit) {
      const fromText = diagnosis?.fields.retryAfterSeconds;
      const waitMs =
        retryAfterMs(answer.headers, session.now()) ?? (fromText === undefined ? undefined : fromText * 1000);
      if (waitMs !== undefined && waitMs <= session.timeoutMs) {
        waitedForRateLimit = true;
        await sleep(waitMs, session.signal);
        continue;
      }
    }

    const status = statusForCategory(category);
    const summary =
      category === 'rate_limit' && !waitedForRateLimit
        ? `${diagnosis?.title ?? 'Rate limited'} (the wait asked for is longer than the probe waits)`
        : (diagnosis?.title ?? FALLBACK_SUMMARY[category] ?? 'No usable answer');
    const result: ModelResult = {
      ...base,
      status,
      category,
      confidence: status === 'denied' && diagnosis ? confidenceFor(diagnosis) : 'unknown',
      summary,
      endpoint,
      durationMs: elapsed(),
    };
    if (diagnosis) result.diagnosis = diagnosis;
    return { result, usable: false, observation, lastFailure: answer.failure, aborted: false };
  }

  // Only reachable when every step asked for another: report what the last answer said.
  return {
    result: {
      ...base,
      status: 'unknown',
      category: 'other',
      confidence: 'unknown',
      summary: 'The API kept asking for a different request; no clear answer',
      endpoint,
      durationMs: elapsed(),
    },
    usable: false,
    observation,
    aborted: false,
  };
}
