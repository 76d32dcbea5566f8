/**
 * The key checks of a run (DESIGN §3): `GET /v1/me` (validity, organizations) and `GET /v1/models` (a hint
 * only: restricted keys may get 403 here and still call models; a listed model may still be refused), and
 * what the whole run says about the key: kind, validity, scopes, region, quota, tier, and the one key-level
 * problem that explains every model, if there is one.
 */
import { classify } from '../diagnosis';
import { keyKind } from '../diagnosis/keys';
import type { CategoryId, Diagnosis, SdkErrorLike } from '../diagnosis/types';
import { type Exchange, exchange, type ProbeSession } from './exchange';
import type { ModelProbeOutcome } from './model-probe';
import { estimateTier, type TierObservation } from './tier-table';
import type { KeyFacts, ModelResult, OrganizationInfo, ProbeEvidence } from './types';

export interface KeyCheck {
  evidence: ProbeEvidence;
  status?: number;
  diagnosis: Diagnosis | null;
  failure?: SdkErrorLike;
  /** `/v1/me`: the organizations; `/v1/models`: the listed ids. */
  organizations?: OrganizationInfo[];
  listedModels?: string[];
  aborted: boolean;
}

/**
 * Problems of the key or account itself: when every model fails with one of these, the popup shows one banner
 * instead of N identical rows (DESIGN §2.3 `data-scope="key"`).
 */
export const KEY_LEVEL_CATEGORIES: ReadonlySet<CategoryId> = new Set<CategoryId>([
  'invalid_api_key',
  'missing_api_key',
  'account_deactivated',
  'unsupported_region',
  'insufficient_quota',
  'billing_limit',
  'key_scope_insufficient',
  'org_membership',
]);

/** Key-level answers to `/v1/me` that no model call can contradict: the run skips the model probes. */
const DECISIVE_ON_ME: ReadonlySet<CategoryId> = new Set<CategoryId>([
  'invalid_api_key',
  'missing_api_key',
  'account_deactivated',
  'unsupported_region',
]);

function safeClassify(failure: SdkErrorLike | undefined): Diagnosis | null {
  if (failure === undefined) return null;
  try {
    return classify(failure);
  } catch {
    return null;
  }
}

function toKeyCheck(answer: Exchange<unknown>): KeyCheck {
  return {
    evidence: answer.evidence,
    status: answer.status,
    diagnosis: answer.status !== undefined && answer.status < 300 ? null : safeClassify(answer.failure),
    failure: answer.failure,
    aborted: answer.aborted,
  };
}

function readOrganizations(data: unknown): OrganizationInfo[] {
  const orgs = (data as { orgs?: { data?: unknown } } | undefined)?.orgs?.data;
  if (!Array.isArray(orgs)) return [];
  const out: OrganizationInfo[] = [];
  for (const entry of orgs) {
    if (typeof entry !== 'object' || entry === null) continue;
    const org = entry as Record<string, unknown>;
    if (typeof org.id !== 'string') continue;
    const info: OrganizationInfo = { id: org.id };
    if (typeof org.title === 'string') info.title = org.title;
    if (typeof org.role === 'string') info.role = org.role;
    if (typeof org.is_default === 'boolean') info.isDefault = org.is_default;
    out.push(info);
  }
  return out;
}

export async function checkMe(session: ProbeSession): Promise<KeyCheck> {
  const answer = await exchange<unknown>(session, 'GET', '/me', (options) =>
    session.client.get<unknown>('/me', options).withResponse(),
  );
  const check = toKeyCheck(answer);
  if (answer.data !== undefined) check.organizations = readOrganizations(answer.data);
  return check;
}

export async function checkModelsList(session: ProbeSession): Promise<KeyCheck> {
  const answer = await exchange<unknown>(session, 'GET', '/models', (options) =>
    session.client.get<unknown>('/models', options).withResponse(),
  );
  const check = toKeyCheck(answer);
  const list = (answer.data as { data?: unknown } | undefined)?.data;
  if (Array.isArray(list)) {
    check.listedModels = list
      .map((entry) => (entry as { id?: unknown } | null)?.id)
      .filter((id): id is string => typeof id === 'string');
  }
  return check;
}

/** The key-level refusal of `/v1/me` that makes model probes pointless, if any. */
export function decisiveKeyProblem(me: KeyCheck): Diagnosis | undefined {
  const diagnosis = me.diagnosis;
  return diagnosis !== null && DECISIVE_ON_ME.has(diagnosis.category) ? diagnosis : undefined;
}

const MISSING_SCOPES = /Missing scopes?:\s*([A-Za-z0-9_.:]+(?:\s*,\s*[A-Za-z0-9_.:]+)*)/i;

function missingScopesIn(text: string | undefined): string[] {
  const match = text === undefined ? null : MISSING_SCOPES.exec(text);
  // "Missing scopes: model.request. Check that…": the sentence's full stop is not part of the scope.
  return match?.[1]
    ? match[1]
        .split(/\s*,\s*/)
        .map((scope) => scope.replace(/\.+$/, ''))
        .filter((scope) => scope !== '')
    : [];
}

function failureText(failure: SdkErrorLike | undefined): string | undefined {
  if (failure === undefined) return undefined;
  const body = failure.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : failure.message;
}

export interface KeyFactsInput {
  apiKey: string;
  me: KeyCheck;
  modelsList: KeyCheck;
  /** Every model's outcome (the canary and the tier hint included). */
  outcomes: readonly ModelProbeOutcome[];
  /** The user's models only: a key-level problem must explain all of them. */
  results: readonly ModelResult[];
  decisive?: Diagnosis;
  /** The canary's and the tier hint's requests. */
  roundOneEvidence?: readonly ProbeEvidence[];
  /** The canary's verdict: an untrusted zero-cost "ok" proves no quota. */
  trusted: boolean;
}

export function buildKeyFacts(input: KeyFactsInput): KeyFacts {
  const { me, modelsList, outcomes, results, decisive } = input;
  const diagnoses = [
    me.diagnosis,
    modelsList.diagnosis,
    ...outcomes.map((outcome) => outcome.result.diagnosis ?? null),
  ].filter((diagnosis): diagnosis is Diagnosis => diagnosis !== null);
  const categories = new Set(diagnoses.map((diagnosis) => diagnosis.category));

  const scopes = new Set<string>();
  for (const failure of [me.failure, modelsList.failure, ...outcomes.map((outcome) => outcome.lastFailure)]) {
    for (const scope of missingScopesIn(failureText(failure))) scopes.add(scope);
  }

  // An untrusted "ok" (the server judged parameters first) says nothing about quota either.
  const anyUsable = input.trusted && outcomes.some((outcome) => outcome.usable);
  const quotaOutcome = outcomes.find(
    (outcome) =>
      outcome.result.category === 'insufficient_quota' || outcome.result.category === 'billing_limit',
  );
  const quota: KeyFacts['quota'] = anyUsable
    ? { state: 'ok' }
    : quotaOutcome
      ? {
          state: 'exhausted',
          code:
            (quotaOutcome.lastFailure?.code ?? quotaOutcome.lastFailure?.type ?? undefined) ||
            quotaOutcome.result.category,
        }
      : { state: 'unknown' };

  const problem = decisive ?? sharedKeyLevelProblem(results);
  // Validity is what the API says about the key itself: /v1/me answering settles it; a refusal of the key
  // settles it the other way; a region block or no answer at all leaves it open.
  const answered = [
    me.status,
    modelsList.status,
    ...outcomes.flatMap((outcome) => outcome.result.evidence.map((item) => item.httpStatus)),
  ];
  const refusedKey =
    problem !== undefined &&
    (problem.category === 'invalid_api_key' ||
      problem.category === 'missing_api_key' ||
      problem.category === 'account_deactivated');
  const valid: boolean | null =
    me.status === 200
      ? true
      : refusedKey
        ? false
        : problem?.category === 'unsupported_region'
          ? null
          : anyUsable || answered.some((status) => status !== undefined && status !== 401)
            ? true
            : null;

  const observations: TierObservation[] = outcomes
    .filter((outcome) => outcome.observation !== undefined)
    .map((outcome) => outcome.observation as TierObservation);

  const facts: KeyFacts = {
    kind: keyKind(input.apiKey),
    valid,
    organizations: me.organizations ?? [],
    regionBlocked: categories.has('unsupported_region'),
    quota,
    tier: estimateTier(observations),
  };
  if (scopes.size > 0) facts.missingScopes = [...scopes];
  const evidence = [me.evidence, modelsList.evidence, ...(input.roundOneEvidence ?? [])];
  if (evidence.length > 0) facts.evidence = evidence;
  if (problem) facts.problem = { category: problem.category, diagnosis: problem };
  return facts;
}

/** One key-level category shared by every model's failure, with the first such diagnosis. */
function sharedKeyLevelProblem(results: readonly ModelResult[]): Diagnosis | undefined {
  if (results.length === 0) return undefined;
  const first = results[0]?.diagnosis;
  if (first === undefined || !KEY_LEVEL_CATEGORIES.has(first.category)) return undefined;
  const allSame = results.every(
    (result) => result.status !== 'ok' && result.diagnosis?.category === first.category,
  );
  return allSame ? first : undefined;
}
