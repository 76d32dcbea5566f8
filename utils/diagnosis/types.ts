/**
 * The shapes every part of the product shares with the diagnosis engine.
 * Category ids are a binding contract (../shared/DESIGN.md §2.1): independent checks read them.
 */

export const CATEGORY_IDS = [
  'invalid_api_key',
  'missing_api_key',
  'model_not_found',
  'model_access_denied',
  'key_scope_insufficient',
  'insufficient_quota',
  'billing_limit',
  'rate_limit',
  'org_verification_required',
  'org_membership',
  'account_deactivated',
  'unsupported_region',
  'model_deprecated',
  'wrong_endpoint',
  'unsupported_parameter',
  'context_length_exceeded',
  'sdk_migration',
  'connection_error',
  'server_error',
  'content_policy',
  'other',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

export function isCategoryId(value: unknown): value is CategoryId {
  return typeof value === 'string' && (CATEGORY_IDS as readonly string[]).includes(value);
}

/** How sure the classifier is that the text means what it says. */
export type Confidence = 'high' | 'medium' | 'low';

/** Rate-limit units as OpenAI prints them ("on requests per min (RPM)", "tokens per day (TPD)"…). */
export type LimitUnit = 'RPM' | 'RPD' | 'TPM' | 'TPD' | 'IPM' | 'IPD';

/** Which probe would confirm the diagnosis for the user's own key. */
export type ProbeHint =
  | 'key' // /v1/me + /v1/models: is the key valid, which org, region, scope
  | 'model' // the zero-cost model probe for fields.model
  | 'quota' // the zero-cost probe answers 429 insufficient_quota when there is no credit
  | 'verification' // the paid organization-verification check
  | 'none'; // nothing a probe can tell (client code, network, parameters)

export interface FixStep {
  /** One concrete action, in plain words. */
  text: string;
  /** The exact platform page (current URL) where the action is done, when there is one. */
  url?: string;
}

/** Everything the classifier could read out of the error. Absent fields were not found. */
export interface ExtractedFields {
  status?: number;
  type?: string;
  code?: string;
  param?: string;
  /** The error message itself (redacted: keys masked). */
  message?: string;
  model?: string;
  organizationId?: string;
  projectId?: string;
  requestId?: string;
  limit?: number;
  used?: number;
  requested?: number;
  unit?: LimitUnit;
  /** Seconds to wait, from `retry-after`, `retry-after-ms` or "Please try again in 20s" in the text. */
  retryAfterSeconds?: number;
}

/** A better model id to use: a spelling fix ("gpt4o" → "gpt-4o") or the replacement of a retired model. */
export interface ModelSuggestion {
  model: string;
  reason: 'spelling' | 'retired' | 'endpoint';
}

export interface Diagnosis {
  category: CategoryId;
  confidence: Confidence;
  /** Id of the catalogue entry that matched (stable, for tests and reports). */
  entryId: string;
  /** Short, human title ("No credit left", "Project blocks gpt-4o"). */
  title: string;
  /** What happened and why, 2–4 sentences, plain words. */
  explanation: string;
  /** Likely causes, most likely first. */
  causes: string[];
  steps: FixStep[];
  fields: ExtractedFields;
  probe: ProbeHint;
  suggestion?: ModelSuggestion;
  /** Public pages where this error was seen (catalogue sources). */
  sources: string[];
}

/** A structured HTTP answer, e.g. from a probe or the fake API. */
export interface HttpAnswer {
  status: number;
  headers?: Record<string, string> | Headers;
  /** The raw body text, or an already parsed JSON body. */
  body?: unknown;
}

/** The parts of an `openai` SDK error (openai-node 6 `APIError` and friends) the classifier reads. */
export interface SdkErrorLike {
  name?: string;
  message?: string;
  status?: number;
  headers?: Record<string, string> | Headers;
  error?: unknown;
  code?: string | null;
  param?: string | null;
  type?: string | null;
  requestID?: string | null;
  cause?: unknown;
}

export type ClassifyInput = string | HttpAnswer | SdkErrorLike;
