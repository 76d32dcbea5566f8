/**
 * Which behaviour the fake api.openai.com shows is chosen by the API key: `sk-<kind>FAKE_<scenario>_<padding>`.
 * The table below is the single source of truth; tests/fake-api/README.md documents it for people.
 *
 * Keys built here are fake on purpose: they hold `FAKE_` and never the `T3BlbkFJ` marker of real keys.
 */
import type { FakeTier } from './catalogue';

/** Transport-level and body-level failures the fake can inject (DESIGN §3, issue 4). */
export type FakeFault = 'timeout' | 'reset' | 'html-502' | 'malformed-json' | 'slow-body';

/** One insufficient-quota variant: the `code` of the 429 body (DESIGN §3). `null` is the older form. */
export type QuotaCode =
  | 'insufficient_quota'
  | null
  | 'credit_balance_exhausted'
  | 'organization_spend_limit_exceeded'
  | 'project_spend_limit_exceeded'
  | 'organization_usage_limit_exceeded';

export interface FakeOrganization {
  id: string;
  title: string;
  role: string;
  isDefault: boolean;
  personal: boolean;
}

export interface ScenarioSpec {
  /** One line for the README table. */
  description: string;
  tier: FakeTier;
  /** Every endpoint answers 401 (invalid or revoked key; DESIGN §3 has one body for both). */
  invalidKey?: boolean;
  /** Every endpoint answers 401 `account_deactivated`. */
  deactivated?: boolean;
  /** Every endpoint answers 403 `unsupported_country_region_territory`. */
  regionBlocked?: boolean;
  /** An admin key: /v1/me answers, /v1/models and the model endpoints answer 401. */
  admin?: boolean;
  /** A restricted key without this scope on the model endpoints (401 "Missing scopes: …"). */
  missingInferenceScope?: string;
  /** A restricted key without this scope on /v1/models (403), model calls still allowed. */
  missingModelsScope?: string;
  /** The project's allow-list: every other model answers 403 "Project `proj_…` does not have access…". */
  allowList?: readonly string[];
  /** The 429 insufficient-quota variant every model call gets. */
  quota?: { code: QuotaCode };
  billingNotActive?: boolean;
  accessTerminated?: boolean;
  /** Streaming requests to models that need it answer 400 "must be verified to stream". */
  unverified?: boolean;
  /** The first model-endpoint call per model answers 429 rate_limit_exceeded with these retry headers. */
  rateLimited?: { retryAfterMs: number };
  /** Every model call answers 503 "The engine is currently overloaded". */
  overloaded?: boolean;
  /** The server validates parameters before model existence and access: the canary gets the 400 too. */
  paramsFirst?: boolean;
  /** No `x-ratelimit-*` headers on any answer (DESIGN §3: they can be absent for some keys). */
  noRateLimitHeaders?: boolean;
  /** A fault on every model-endpoint call (key checks answer normally). */
  fault?: FakeFault;
  organizations?: readonly FakeOrganization[];
}

export const FAKE_PROJECT_ID = 'proj_FAKE0000allowlist';
export const DEFAULT_ORGANIZATION: FakeOrganization = {
  id: 'org-FAKE00000000000000000001',
  title: 'Personal',
  role: 'owner',
  isDefault: true,
  personal: true,
};
const SECOND_ORGANIZATION: FakeOrganization = {
  id: 'org-FAKE00000000000000000002',
  title: 'Acme Research',
  role: 'reader',
  isDefault: false,
  personal: false,
};

export const SCENARIOS = {
  free: { description: 'valid key, free tier', tier: 'free' },
  tier1: { description: 'valid key, usage tier 1', tier: 1 },
  tier2: { description: 'valid key, usage tier 2', tier: 2 },
  tier3: { description: 'valid key, usage tier 3 (the default healthy key)', tier: 3 },
  tier4: { description: 'valid key, usage tier 4', tier: 4 },
  tier5: { description: 'valid key, usage tier 5', tier: 5 },
  multiorg: {
    description: 'valid key, tier 3, a member of two organizations',
    tier: 3,
    organizations: [DEFAULT_ORGANIZATION, SECOND_ORGANIZATION],
  },
  invalid: { description: 'wrong key: 401 invalid_api_key everywhere', tier: 3, invalidKey: true },
  revoked: {
    description: 'revoked key: the same 401 invalid_api_key as a wrong key',
    tier: 3,
    invalidKey: true,
  },
  noscope: {
    description: 'restricted key without model.request: model calls answer 401 "Missing scopes"',
    tier: 3,
    missingInferenceScope: 'model.request',
  },
  modelslist403: {
    description: 'restricted key: /v1/models answers 403 "Missing scopes: api.model.read", model calls work',
    tier: 3,
    missingModelsScope: 'api.model.read',
  },
  admin: {
    description: 'admin key: /v1/me answers, models and model calls answer 401',
    tier: 3,
    admin: true,
  },
  allowlist: {
    description: `project allow-list: only gpt-4o-mini, gpt-5.4-mini, gpt-5-mini; others 403 (${FAKE_PROJECT_ID})`,
    tier: 3,
    allowList: ['gpt-4o-mini', 'gpt-5.4-mini', 'gpt-5-mini'],
  },
  tiergated: {
    description:
      'tier-1 key: o3-pro and o1-pro (tier 2+ in the fake) answer the 404 "does not exist or no access" form',
    tier: 1,
  },
  quota: {
    description: '429 insufficient_quota (code insufficient_quota)',
    tier: 3,
    quota: { code: 'insufficient_quota' },
  },
  quotanull: {
    description: '429 insufficient_quota with code null (older form)',
    tier: 3,
    quota: { code: null },
  },
  quotacredit: {
    description: '429 insufficient_quota, code credit_balance_exhausted',
    tier: 3,
    quota: { code: 'credit_balance_exhausted' },
  },
  quotaorgspend: {
    description: '429 insufficient_quota, code organization_spend_limit_exceeded',
    tier: 3,
    quota: { code: 'organization_spend_limit_exceeded' },
  },
  quotaprojspend: {
    description: '429 insufficient_quota, code project_spend_limit_exceeded',
    tier: 3,
    quota: { code: 'project_spend_limit_exceeded' },
  },
  quotaorgusage: {
    description: '429 insufficient_quota, code organization_usage_limit_exceeded',
    tier: 3,
    quota: { code: 'organization_usage_limit_exceeded' },
  },
  billing: { description: '429 billing_not_active on model calls', tier: 3, billingNotActive: true },
  terminated: { description: '429 access_terminated on model calls', tier: 3, accessTerminated: true },
  deactivated: { description: '401 account_deactivated everywhere', tier: 3, deactivated: true },
  region: {
    description: '403 unsupported_country_region_territory everywhere',
    tier: 3,
    regionBlocked: true,
  },
  unverified: {
    description:
      'organization not verified: streaming gpt-5 / o3 / o3-pro answers 400 unsupported_value (param stream)',
    tier: 3,
    unverified: true,
  },
  ratelimited: {
    description: 'first model call per model: 429 rate_limit_exceeded, retry-after-ms 200 (retry-after 1)',
    tier: 3,
    rateLimited: { retryAfterMs: 200 },
  },
  ratelimitedlong: {
    description:
      'first model call per model: 429 rate_limit_exceeded, retry-after 120 s (longer than a probe waits)',
    tier: 3,
    rateLimited: { retryAfterMs: 120_000 },
  },
  overloaded: {
    description: '503 "The engine is currently overloaded" on model calls',
    tier: 3,
    overloaded: true,
  },
  paramsfirst: {
    description:
      'parameters validated before model access: an unknown model (the canary) answers the same 400',
    tier: 3,
    paramsFirst: true,
  },
  noheaders: {
    description: 'valid tier-3 key, no x-ratelimit-* headers at all',
    tier: 3,
    noRateLimitHeaders: true,
  },
  faulttimeout: { description: 'model calls never answer (client timeout)', tier: 3, fault: 'timeout' },
  faultreset: { description: 'model calls: connection reset', tier: 3, fault: 'reset' },
  fault502: { description: 'model calls: HTML 502 Bad Gateway page', tier: 3, fault: 'html-502' },
  faultjson: { description: 'model calls: 400 with a malformed JSON body', tier: 3, fault: 'malformed-json' },
  faultslow: {
    description: 'model calls: 400 headers at once, body trickles for 60 s',
    tier: 3,
    fault: 'slow-body',
  },
} as const satisfies Record<string, ScenarioSpec>;

export type ScenarioId = keyof typeof SCENARIOS;
export const SCENARIO_IDS = Object.keys(SCENARIOS) as ScenarioId[];

export type FakeKeyKind = 'project' | 'service_account' | 'admin' | 'legacy';
const KIND_PREFIX: Record<FakeKeyKind, string> = {
  project: 'sk-proj-',
  service_account: 'sk-svcacct-',
  admin: 'sk-admin-',
  legacy: 'sk-',
};

/** Long enough to look like a key to redaction patterns; clearly not a real one. */
const PADDING = 'fakefakefakefakefakefakefakefakefake0000';

/** The key that selects a scenario. The admin scenario defaults to an admin-shaped key. */
export function fakeKey(scenario: ScenarioId, kind?: FakeKeyKind): string {
  const chosenKind = kind ?? (scenario === 'admin' ? 'admin' : 'project');
  return `${KIND_PREFIX[chosenKind]}FAKE_${scenario}_${PADDING}`;
}

/** Every scenario's project-shaped key, for tests and the e2e suite. */
export const FAKE_KEYS = Object.fromEntries(SCENARIO_IDS.map((id) => [id, fakeKey(id)])) as Record<
  ScenarioId,
  string
>;

const KEY_PATTERN = /^sk-(?:proj-|svcacct-|admin-)?FAKE_([a-z0-9]+)_[A-Za-z0-9]+$/;

/** The scenario a key selects, or `null` for any other key (the fake treats it as a wrong key). */
export function scenarioFromKey(key: string): ScenarioId | null {
  const match = KEY_PATTERN.exec(key);
  const id = match?.[1];
  return id !== undefined && Object.hasOwn(SCENARIOS, id) ? (id as ScenarioId) : null;
}

export function scenarioSpec(id: ScenarioId): ScenarioSpec {
  return SCENARIOS[id];
}
