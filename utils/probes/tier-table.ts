/**
 * Usage tier from rate-limit headers (DESIGN §3): the `x-ratelimit-limit-tokens` (and, when unambiguous,
 * `-requests`) value a model's answer carries, matched against the published per-tier limits of that model.
 * The limits change often, so this is dated data with its sources; anything that matches nothing is "unknown".
 */
import type { RateLimitInfo, TierEstimate } from './types';

export type Tier = Exclude<TierEstimate['tier'], null>;

export interface TierLimitsRow {
  model: string;
  /** Tokens per minute per tier. Several values when sources disagree or limits changed recently. */
  tokens: Partial<Record<Tier, readonly number[]>>;
  /** Requests per minute (or per day for free and tier 1) per tier; used only when a value names one tier. */
  requests: Partial<Record<Tier, readonly number[]>>;
  sources: readonly string[];
}

export const TIER_TABLE_NAME = 'published per-model tier limits';
/** When these figures were last checked against the sources below. */
export const TIER_TABLE_REVIEWED = '2026-11-24';

const RATE_LIMITS_GUIDE = 'https://platform.openai.com/docs/guides/rate-limits';
const COMMUNITY_TIER1_TABLE =
  'https://community.openai.com/t/gpt-4o-rate-limits-being-30k-tpm-and-90k-tpd-does-that-mean-i-can-only-do-90k-tokens-in-a-day/1028595';
const AI_BUZZ_TIERS = 'https://www.ai-buzz.com/ai-openai-rate-limits';
const GPT5_LIMITS_2025_09 = 'https://simonwillison.net/2025/Sep/12/gpt-5-rate-limits/';
const GPT54_PRO_PAGE = 'https://developers.openai.com/api/docs/models/gpt-5.4-pro';

/** Most specific first: the first row whose model was probed with headers decides. */
export const TIER_TABLE: readonly TierLimitsRow[] = [
  {
    // Raised on 2025-09-12 (tier 1: 200K → 500K); tier 5 180M.
    model: 'gpt-5-mini',
    tokens: { 1: [500_000, 200_000], 2: [2_000_000], 3: [4_000_000], 4: [10_000_000], 5: [180_000_000] },
    requests: {},
    sources: [GPT5_LIMITS_2025_09, RATE_LIMITS_GUIDE],
  },
  {
    // Raised on 2025-09-12 (tier 1: 30K → 500K, tier 2: 450K → 1M, tier 3: 800K → 2M, tier 4: 2M → 4M).
    model: 'gpt-5',
    tokens: { 1: [500_000], 2: [1_000_000], 3: [2_000_000], 4: [4_000_000], 5: [40_000_000] },
    requests: {},
    sources: [GPT5_LIMITS_2025_09, RATE_LIMITS_GUIDE],
  },
  {
    model: 'gpt-5.4-pro',
    tokens: { 1: [30_000], 2: [450_000], 3: [800_000], 4: [2_000_000], 5: [30_000_000] },
    requests: {},
    sources: [GPT54_PRO_PAGE],
  },
  {
    // Free: 40K in older tables, 60K quoted from the docs in a 2024 forum thread; 3 RPM / 200 RPD.
    model: 'gpt-4o-mini',
    tokens: {
      free: [40_000, 60_000],
      1: [200_000],
      2: [2_000_000],
      3: [4_000_000],
      4: [10_000_000],
      5: [150_000_000],
    },
    requests: { free: [3, 200], 1: [500, 10_000], 2: [5_000], 3: [5_000], 4: [10_000], 5: [30_000] },
    sources: [COMMUNITY_TIER1_TABLE, AI_BUZZ_TIERS, RATE_LIMITS_GUIDE],
  },
  {
    model: 'gpt-4o',
    tokens: { 1: [30_000], 2: [450_000], 3: [800_000], 4: [2_000_000], 5: [30_000_000] },
    requests: { 1: [500], 2: [5_000], 3: [5_000], 4: [10_000], 5: [10_000] },
    sources: [COMMUNITY_TIER1_TABLE, AI_BUZZ_TIERS, RATE_LIMITS_GUIDE],
  },
];

export const TIER_TABLE_MODELS: readonly string[] = TIER_TABLE.map((row) => row.model);

/** A model's answer with its rate-limit headers, as seen during a probe run. */
export interface TierObservation {
  model: string;
  rateLimit: RateLimitInfo;
}

function tiersWith(values: Partial<Record<Tier, readonly number[]>>, value: number): Tier[] {
  return (Object.entries(values) as [string, readonly number[]][])
    .filter(([, list]) => list.includes(value))
    .map(([tier]) => (tier === 'free' ? 'free' : (Number(tier) as Tier)));
}

const UNKNOWN_NOTE =
  'Unknown: no probed model carried rate-limit headers that match the published tier limits (they change often, and some keys get no headers).';

/**
 * The tier told by the first observation of a table model whose token (or, failing that, unambiguous request)
 * limit matches a published figure. Snapshot ids count as their base model (`gpt-4o-2024-08-06` → `gpt-4o`).
 */
export function estimateTier(observations: readonly TierObservation[]): TierEstimate {
  for (const row of TIER_TABLE) {
    const seen = observations.filter(
      (observation) => observation.model === row.model || observation.model.startsWith(`${row.model}-20`),
    );
    for (const observation of seen) {
      const { limitTokens, limitRequests } = observation.rateLimit;
      const byTokens = limitTokens === undefined ? [] : tiersWith(row.tokens, limitTokens);
      const byRequests = limitRequests === undefined ? [] : tiersWith(row.requests, limitRequests);
      const [header, value, tiers] =
        byTokens.length === 1
          ? (['x-ratelimit-limit-tokens', limitTokens, byTokens] as const)
          : (['x-ratelimit-limit-requests', limitRequests, byRequests] as const);
      const tier = tiers.length === 1 ? tiers[0] : undefined;
      if (tier === undefined || value === undefined) continue;
      return {
        tier,
        evidence: {
          model: observation.model,
          header,
          value,
          table: `${TIER_TABLE_NAME}, reviewed ${TIER_TABLE_REVIEWED}`,
          tableDate: TIER_TABLE_REVIEWED,
        },
        note: `${tier === 'free' ? 'Free tier' : `Tier ${tier}`}: ${observation.model} answered with ${header}: ${value}, the published figure for that tier (table reviewed ${TIER_TABLE_REVIEWED}; limits change, so this is an estimate).`,
      };
    }
  }
  return { tier: null, note: UNKNOWN_NOTE };
}
