/**
 * What the panel explains next to the platform's own pages, as dated data with sources.
 * Reviewed 2026-11-30.
 */

export const PLATFORM_KNOWLEDGE_REVIEWED = '2026-11-30';

export type TierName = 'free' | 1 | 2 | 3 | 4 | 5;

export interface TierThreshold {
  tier: TierName;
  /** What must have been paid, in US dollars, in total since the account's first payment. */
  paidUsd: number;
  /** Days since the first successful payment. */
  daysSinceFirstPayment: number;
}

/**
 * Usage tiers (DESIGN §3, from OpenAI's rate-limits guide: https://platform.openai.com/docs/guides/rate-limits
 * "Usage tiers"). A tier is reached automatically once both conditions hold.
 */
export const TIER_THRESHOLDS: readonly TierThreshold[] = [
  { tier: 'free', paidUsd: 0, daysSinceFirstPayment: 0 },
  { tier: 1, paidUsd: 5, daysSinceFirstPayment: 0 },
  { tier: 2, paidUsd: 50, daysSinceFirstPayment: 7 },
  { tier: 3, paidUsd: 100, daysSinceFirstPayment: 7 },
  { tier: 4, paidUsd: 250, daysSinceFirstPayment: 14 },
  { tier: 5, paidUsd: 1000, daysSinceFirstPayment: 30 },
];

export const TIER_SOURCE = 'https://platform.openai.com/docs/guides/rate-limits';

export function tierLabel(tier: TierName | null): string {
  if (tier === null) return 'Unknown';
  return tier === 'free' ? 'Free' : `Tier ${tier}`;
}

/** The next tier and what it takes, or `null` at tier 5 or when the tier is unknown. */
export function nextTier(tier: TierName | null): TierThreshold | null {
  if (tier === null) return null;
  const index = TIER_THRESHOLDS.findIndex((row) => row.tier === tier);
  return TIER_THRESHOLDS[index + 1] ?? null;
}

export function describeThreshold(row: TierThreshold): string {
  const paid = `$${row.paidUsd.toLocaleString('en-US')} paid`;
  return row.daysSinceFirstPayment > 0
    ? `${paid} and ${row.daysSinceFirstPayment} days since the first payment`
    : paid;
}

export interface ScopeFact {
  /** As the 401 "Missing scopes: …" message names it. */
  scope: string;
  /** The control on the key's "Restricted" permissions form that grants it. */
  setting: string;
  /** What the scope lets the key do, for model access. */
  grants: string;
  /** True when lacking it blocks calling models (not just listing them). */
  blocksModelCalls: boolean;
  sources: readonly string[];
}

/**
 * Restricted-key scopes that decide model access. The form shows endpoint groups; the error names scopes, and
 * the two do not line up one to one (setting "Responses" alone is not enough: "Model capabilities" must be set to
 * "Request" too, reported on the forum in 2025 and 2026).
 */
export const SCOPE_FACTS: readonly ScopeFact[] = [
  {
    scope: 'model.request',
    setting: 'Model capabilities → Request',
    grants: 'calling models: chat completions, embeddings, images, audio, moderations',
    blocksModelCalls: true,
    sources: [
      'https://community.openai.com/t/api-key-permissions-ui-model-request-scope-only-appears-when-model-capabilities-is-set-to-request/1374480',
      'https://help.openai.com/en/articles/8867743-assign-api-key-permissions',
    ],
  },
  {
    scope: 'api.responses.write',
    setting: 'Responses → Write (with Model capabilities → Request)',
    grants: 'creating responses on /v1/responses',
    blocksModelCalls: true,
    sources: ['https://community.openai.com/t/restricted-api-key-and-scopes-for-responses-api/1143672'],
  },
  {
    scope: 'api.responses.read',
    setting: 'Responses → Read',
    grants: 'reading stored responses',
    blocksModelCalls: false,
    sources: ['https://community.openai.com/t/restricted-api-key-and-scopes-for-responses-api/1143672'],
  },
  {
    scope: 'api.model.read',
    setting: 'Models → Read',
    grants: 'listing models on /v1/models (a hint only: calls can work without it)',
    blocksModelCalls: false,
    sources: ['https://help.openai.com/en/articles/8867743-assign-api-key-permissions'],
  },
];

export function scopeFact(scope: string): ScopeFact | undefined {
  return SCOPE_FACTS.find((fact) => fact.scope === scope);
}

export const KEY_PERMISSION_LEVELS: readonly { level: string; meaning: string }[] = [
  { level: 'All', meaning: 'every endpoint the project allows — the default' },
  {
    level: 'Restricted',
    meaning: 'only the endpoint groups you pick; model calls need "Model capabilities"',
  },
  { level: 'Read only', meaning: 'reads only: every model call is refused' },
];

export const KEY_PERMISSIONS_SOURCE =
  'https://help.openai.com/en/articles/8867743-assign-api-key-permissions';

export const VERIFICATION_SOURCE =
  'https://help.openai.com/en/articles/10910291-api-organization-verification';
/** Verification can take up to 15 minutes to apply after it succeeds (DESIGN §3, the 400 "must be verified" body). */
export const VERIFICATION_PROPAGATION_MINUTES = 15;
