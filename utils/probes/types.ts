/**
 * What a probe run takes and what it reports. The popup, the platform panel and "check with my key" all read
 * these shapes; the background produces them. No field ever holds an API key.
 */
import type { CategoryId, Diagnosis } from '../diagnosis/types';

/** Who to ask, and as whom. `apiKey` stays in the background: a ProbeProfile never crosses to a content script. */
export interface ProbeProfile {
  apiKey: string;
  /** Defaults to https://api.openai.com/v1. */
  baseUrl?: string;
  organizationId?: string;
  projectId?: string;
}

export type KeyKind = 'project' | 'service_account' | 'admin' | 'legacy' | 'unknown';

export type ModelStatus = 'ok' | 'denied' | 'unknown';
/** DESIGN §2.3 `data-confidence`. */
export type ProbeConfidence = 'confirmed' | 'likely' | 'unknown';

/** `x-ratelimit-*` headers as sent; reset values are durations like `6ms`, `1s`, `6m0s`. */
export interface RateLimitInfo {
  limitRequests?: number;
  remainingRequests?: number;
  resetRequests?: string;
  limitTokens?: number;
  remainingTokens?: number;
  resetTokens?: string;
}

/** One HTTP exchange a probe made, as evidence. Messages are redacted. */
export interface ProbeEvidence {
  method: 'GET' | 'POST';
  /** Path under the base URL, e.g. `/chat/completions`. */
  path: string;
  /** Absent when no HTTP answer came (network error, timeout, abort). */
  httpStatus?: number;
  type?: string;
  code?: string;
  param?: string;
  message?: string;
  requestId?: string;
  rateLimit?: RateLimitInfo;
  durationMs: number;
}

export interface ModelResult {
  model: string;
  status: ModelStatus;
  /** `ok` when usable, else the diagnosis category (DESIGN §2.3 `data-category`). */
  category: CategoryId | 'ok';
  confidence: ProbeConfidence;
  /** One line in plain words ("Usable", "Your project's allow-list blocks this model"). */
  summary: string;
  /** The full explanation when not ok (from the diagnosis engine). */
  diagnosis?: Diagnosis;
  /** Every request made for this model, in order. */
  evidence: ProbeEvidence[];
  /** For a denied model: the closest model this key can use (same family first). */
  workaround?: string;
  /** Which API answered the probe. */
  endpoint: 'chat' | 'responses' | 'none';
  durationMs: number;
}

export interface OrganizationInfo {
  id: string;
  title?: string;
  role?: string;
  isDefault?: boolean;
}

export interface TierEstimate {
  /** `null` when nothing matched: say "unknown". */
  tier: 'free' | 1 | 2 | 3 | 4 | 5 | null;
  evidence?: {
    model: string;
    header: 'x-ratelimit-limit-tokens' | 'x-ratelimit-limit-requests';
    value: number;
    /** Which table and its date ("tier limits table, reviewed 2026-11-01"). */
    table: string;
    tableDate: string;
  };
  note: string;
}

export interface KeyFacts {
  kind: KeyKind;
  /** `null` when it could not be told (network failure). */
  valid: boolean | null;
  organizations: OrganizationInfo[];
  /** A restricted key lacking scopes ("Missing scopes: model.request"). */
  missingScopes?: string[];
  regionBlocked: boolean;
  quota: { state: 'ok' | 'exhausted' | 'unknown'; code?: string };
  tier: TierEstimate;
  /** A key-level problem that explains every model's failure (shown as one banner, DESIGN §2.3). */
  problem?: { category: CategoryId; diagnosis: Diagnosis };
  /** The key checks' own requests (`/v1/me`, `/v1/models`, the canary, the tier hint), as evidence. */
  evidence?: ProbeEvidence[];
}

export interface CanaryResult {
  model: string;
  httpStatus?: number;
  /** True when the canary came back "not found", so zero-cost probing can be trusted. */
  trusted: boolean;
  /**
   * What the canary's answer says: `not_found` (access is checked before parameters: trusted),
   * `validated_first` (the server judged the parameters of a model that cannot exist: untrusted),
   * `inconclusive` (no clear answer: network, server error, a key-level refusal).
   */
  verdict?: 'not_found' | 'validated_first' | 'inconclusive';
}

export interface ProbeReport {
  startedAt: number;
  finishedAt: number;
  baseUrl: string;
  key: KeyFacts;
  canary: CanaryResult;
  /** False when the canary says the server validated parameters before access: every model is `unknown`. */
  trusted: boolean;
  models: ModelResult[];
  /** Set when the run was cancelled or hit its timeout. */
  aborted?: boolean;
  timings: { keyChecksMs: number; modelsMs: number; totalMs: number };
  /** Requests sent in all, for the bench (target 1 per model for a healthy key). */
  requestCount: number;
}

export interface ProbeOptions {
  signal?: AbortSignal;
  /** Called once per model as soon as its answer is known, in completion order. */
  onResult?: (result: ModelResult) => void;
  /** Per-request timeout, default 15 000 ms. */
  timeoutMs?: number;
  /** Models probed at once, default 4. */
  concurrency?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  /**
   * A model from the tier table probed alongside the key checks when none of `models` is in it, so the tier
   * estimate has headers to read. `null` turns it off. Default: the first model of the tier table.
   */
  tierHintModel?: string | null;
}

/** The paid checks (off by default; each shows its estimated cost first). */
export type PaidCheckKind = 'confirm' | 'verification';

/** What a paid check will spend, shown to the user before it runs. */
export interface PaidCheckEstimate {
  kind: PaidCheckKind;
  model: string;
  endpoint: 'chat' | 'responses';
  inputTokens: number;
  outputTokens: number;
  /** USD, for the tokens above at the model's listed price (or a ceiling price when `upperBound`). */
  usd: number;
  /** True when the model's price is not listed and a ceiling price was used. */
  upperBound: boolean;
  priceSource: string;
  pricesReviewed: string;
  /** One line for the confirmation dialog. */
  summary: string;
}

/** The organization-verification check: one real streamed request to a model that needs verification. */
export interface VerificationCheckResult {
  model: string;
  /** `null` when the answer did not tell (network, another error). */
  verified: boolean | null;
  summary: string;
  diagnosis?: Diagnosis;
  evidence: ProbeEvidence[];
  cost: PaidCheckEstimate;
}
