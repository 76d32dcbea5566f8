/**
 * The paid checks (issue 4): off by default, each run only with the cost estimate the user saw and accepted.
 * - `confirmModelWithRealRequest`: one real request with a 1-token limit (16 on /v1/responses), for a model the
 *   zero-cost probe could not settle (an untrusted canary, an ambiguous answer).
 * - `checkOrganizationVerification`: one real *streamed* request to a model that needs a verified organization
 *   to stream; verification shows only there (DESIGN §3: 400 `unsupported_value`, param `stream`).
 */
import { classify } from '../diagnosis';
import { lookupModel, MODEL_CATALOGUE } from '../diagnosis/models';
import type { Diagnosis } from '../diagnosis/types';
import { estimatePaidCheckCost, RESPONSES_MIN_OUTPUT_TOKENS } from './costs';
import { createProbeSession, DEFAULT_TIMEOUT_MS, exchange, type ProbeSession, scrubDeep } from './exchange';
import { probeModel } from './model-probe';
import type {
  ModelResult,
  PaidCheckEstimate,
  ProbeOptions,
  ProbeProfile,
  VerificationCheckResult,
} from './types';

export interface PaidCheckOptions extends Pick<ProbeOptions, 'signal' | 'timeoutMs' | 'fetch' | 'now'> {
  /** The estimate the user was shown and accepted (`estimatePaidCheckCost`). Without it nothing is sent. */
  acceptedCost: PaidCheckEstimate;
}

export class PaidCheckNotAcceptedError extends Error {
  constructor(reason: string) {
    super(`Paid check not run: ${reason}`);
    this.name = 'PaidCheckNotAcceptedError';
  }
}

function assertAccepted(options: PaidCheckOptions, kind: PaidCheckEstimate['kind'], model: string): void {
  const accepted = options.acceptedCost;
  if (accepted?.kind !== kind || accepted.model !== model) {
    throw new PaidCheckNotAcceptedError(
      `the accepted estimate is for another check (${kind} on ${model} expected)`,
    );
  }
}

function sessionFor(rawProfile: ProbeProfile, options: PaidCheckOptions): ProbeSession {
  const profile = { ...rawProfile, apiKey: (rawProfile.apiKey ?? '').trim() };
  if (profile.apiKey === '') throw new PaidCheckNotAcceptedError('no API key was given');
  return createProbeSession(profile, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: options.signal,
    fetch: options.fetch,
    now: options.now,
  });
}

/**
 * One real, tiny request to `model`. `ok` with confidence `confirmed` when the API answered it; otherwise the
 * diagnosis of the refusal. Throws `PaidCheckNotAcceptedError` (before any request) when `acceptedCost` is not
 * the estimate of this check.
 */
export async function confirmModelWithRealRequest(
  profile: ProbeProfile,
  model: string,
  options: PaidCheckOptions,
): Promise<ModelResult> {
  assertAccepted(options, 'confirm', model);
  const session = sessionFor(profile, options);
  const outcome = await probeModel(session, model, {
    paid: { allowResponses: options.acceptedCost.outputTokens >= RESPONSES_MIN_OUTPUT_TOKENS },
  });
  return scrubDeep(outcome.result, session.scrub);
}

/**
 * The model the verification check streams from by default: the first catalogue model, current before
 * deprecated, that needs a verified organization to stream.
 */
export function defaultVerificationModel(): string | undefined {
  const candidates = MODEL_CATALOGUE.filter(
    (info) => info.verification === 'streaming' && info.status !== 'retired',
  );
  const current = candidates.find((info) => info.status === 'current');
  return (current ?? candidates[0])?.id;
}

function safeClassify(failure: Parameters<typeof classify>[0] | undefined): Diagnosis | null {
  if (failure === undefined) return null;
  try {
    return classify(failure);
  } catch {
    return null;
  }
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _event of stream) {
    // Reading to the end is what a client does; the 1-token limit keeps it short.
  }
}

/**
 * One real streamed request with a 1-token limit to `model` (default: `defaultVerificationModel()`).
 * `verified: true` when it streamed, `false` when the API asked for organization verification, `null` when the
 * answer said something else (the diagnosis tells what).
 */
export async function checkOrganizationVerification(
  profile: ProbeProfile,
  options: PaidCheckOptions & { model?: string },
): Promise<VerificationCheckResult> {
  const model = options.model ?? options.acceptedCost?.model ?? defaultVerificationModel();
  if (model === undefined) throw new PaidCheckNotAcceptedError('no model that needs verification is known');
  assertAccepted(options, 'verification', model);
  const session = sessionFor(profile, options);
  const info = lookupModel(model);
  const useResponses = info?.probe === 'responses';
  const tokenLimit = info?.tokenParam === 'max_tokens' ? { max_tokens: 1 } : { max_completion_tokens: 1 };

  const answer = useResponses
    ? await exchange<AsyncIterable<unknown>>(
        session,
        'POST',
        '/responses',
        (callOptions) =>
          session.client.responses
            .create(
              { model, input: 'Hi', max_output_tokens: RESPONSES_MIN_OUTPUT_TOKENS, stream: true },
              callOptions,
            )
            .withResponse(),
        drain,
      )
    : await exchange<AsyncIterable<unknown>>(
        session,
        'POST',
        '/chat/completions',
        (callOptions) =>
          session.client.chat.completions
            .create(
              { model, messages: [{ role: 'user', content: 'Hi' }], stream: true, ...tokenLimit },
              callOptions,
            )
            .withResponse(),
        drain,
      );

  const evidence = [answer.evidence];
  const cost = estimatePaidCheckCost('verification', model);
  if (answer.failure === undefined && answer.status !== undefined && answer.status < 300) {
    return {
      model,
      verified: true,
      summary: `Verified: ${model} streamed for this organization.`,
      evidence,
      cost,
    };
  }
  const diagnosis = safeClassify(answer.failure);
  const asksForVerification =
    diagnosis?.category === 'org_verification_required' ||
    (answer.fields.param === 'stream' && /verif/i.test(answer.fields.message ?? ''));
  const result: VerificationCheckResult = {
    model,
    verified: asksForVerification ? false : null,
    summary: asksForVerification
      ? `Not verified: streaming ${model} needs a verified organization (after verifying, access can take up to 15 minutes).`
      : `No answer about verification: ${diagnosis?.title ?? answer.evidence.message ?? 'the request failed'}.`,
    evidence,
    cost,
  };
  if (diagnosis) result.diagnosis = diagnosis;
  return scrubDeep(result, session.scrub);
}
