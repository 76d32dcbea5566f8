/**
 * The models the fake api.openai.com knows, and the rate limits it reports per usage tier.
 *
 * Written apart from the product's own tables on purpose (utils/probes/tier-table.ts, utils/diagnosis/models.ts):
 * a wrong product table must make the tests fail, not agree with itself. The limit figures are the published
 * ones where sources exist (see tests/fake-api/README.md); the tier gates (`minTier`) are inventions of the
 * fake that produce the real "404 does not exist or you do not have access" form for a tier-gated model.
 */

export type FakeTier = 'free' | 1 | 2 | 3 | 4 | 5;
export const FAKE_TIERS: readonly FakeTier[] = ['free', 1, 2, 3, 4, 5];

export interface FakeLimits {
  /** `x-ratelimit-limit-tokens` per tier (tokens per minute). */
  tokens: Partial<Record<FakeTier, number>>;
  /** `x-ratelimit-limit-requests` per tier; for free and tier-1 keys the figure can be per day (DESIGN §3). */
  requests: Partial<Record<FakeTier, number>>;
}

export interface FakeModel {
  /** Which endpoints accept the model. */
  endpoints: 'chat+responses' | 'responses';
  /** Reasoning models refuse `max_tokens` ("Use 'max_completion_tokens' instead"). */
  acceptsMaxTokens: boolean;
  /** Streaming needs a verified organization (DESIGN §3: 400 unsupported_value, param stream). */
  streamNeedsVerification: boolean;
  /** Lowest tier that may use the model; below it the fake answers the 404 "does not exist or no access" form. */
  minTier: FakeTier;
  limits: FakeLimits;
  /** `owned_by` in the /v1/models listing. */
  owner: string;
}

const MINI_LIMITS: FakeLimits = {
  tokens: { free: 40_000, 1: 200_000, 2: 2_000_000, 3: 4_000_000, 4: 10_000_000, 5: 150_000_000 },
  requests: { free: 200, 1: 10_000, 2: 5_000, 3: 5_000, 4: 10_000, 5: 30_000 },
};
const FLAGSHIP_LIMITS: FakeLimits = {
  tokens: { 1: 30_000, 2: 450_000, 3: 800_000, 4: 2_000_000, 5: 30_000_000 },
  requests: { 1: 500, 2: 5_000, 3: 5_000, 4: 10_000, 5: 10_000 },
};
const GPT5_LIMITS: FakeLimits = {
  tokens: { 1: 500_000, 2: 1_000_000, 3: 2_000_000, 4: 4_000_000, 5: 40_000_000 },
  requests: { 1: 500, 2: 5_000, 3: 5_000, 4: 10_000, 5: 15_000 },
};
const GPT5_MINI_LIMITS: FakeLimits = {
  tokens: { 1: 500_000, 2: 2_000_000, 3: 4_000_000, 4: 10_000_000, 5: 180_000_000 },
  requests: { 1: 500, 2: 5_000, 3: 5_000, 4: 10_000, 5: 30_000 },
};
/** Figures for models the product's tier table does not list: nothing in it may match them by accident. */
export const OTHER_LIMITS: FakeLimits = {
  tokens: { free: 41_001, 1: 31_001, 2: 451_001, 3: 801_001, 4: 2_000_001, 5: 30_000_001 },
  requests: { free: 201, 1: 501, 2: 5_001, 3: 5_001, 4: 10_001, 5: 10_001 },
};

export function chatModel(limits: FakeLimits, minTier: FakeTier, acceptsMaxTokens = true): FakeModel {
  return {
    endpoints: 'chat+responses',
    acceptsMaxTokens,
    streamNeedsVerification: false,
    minTier,
    limits,
    owner: 'system',
  };
}

export const FAKE_MODELS: Readonly<Record<string, FakeModel>> = {
  // The current generation (the product's default probe list); gpt-6.1-sol is gated at tier 2 in the fake.
  'gpt-6-astra': chatModel(OTHER_LIMITS, 1, false),
  'gpt-6.1-sol': chatModel(OTHER_LIMITS, 2, false),
  'gpt-6.1-terra': chatModel(OTHER_LIMITS, 1, false),
  'gpt-6-luna': chatModel(OTHER_LIMITS, 'free', false),
  'gpt-5.6-sol': chatModel(OTHER_LIMITS, 1, false),
  'gpt-5.6-terra': chatModel(OTHER_LIMITS, 1, false),
  'gpt-5.6-luna': chatModel(OTHER_LIMITS, 'free', false),
  'gpt-5.5': chatModel(OTHER_LIMITS, 1, false),
  'gpt-5.4': chatModel(OTHER_LIMITS, 1, false),
  'gpt-5.4-mini': chatModel(OTHER_LIMITS, 'free', false),
  'gpt-5.4-pro': { ...chatModel(OTHER_LIMITS, 1, false), endpoints: 'responses' },
  // Older models, still answered by the fake (some deprecated in the catalogue).
  'gpt-4o-mini': chatModel(MINI_LIMITS, 'free'),
  'gpt-4o': chatModel(FLAGSHIP_LIMITS, 1),
  'gpt-4.1': chatModel(OTHER_LIMITS, 1),
  'gpt-4.1-mini': chatModel(OTHER_LIMITS, 'free'),
  'gpt-4.1-nano': chatModel(OTHER_LIMITS, 'free'),
  'gpt-3.5-turbo': chatModel(OTHER_LIMITS, 'free'),
  'gpt-4-turbo': chatModel(OTHER_LIMITS, 1),
  'gpt-5': { ...chatModel(GPT5_LIMITS, 1, false), streamNeedsVerification: true },
  'gpt-5-mini': chatModel(GPT5_MINI_LIMITS, 1, false),
  'gpt-5-nano': chatModel(OTHER_LIMITS, 1, false),
  o3: { ...chatModel(OTHER_LIMITS, 1, false), streamNeedsVerification: true },
  'o4-mini': chatModel(OTHER_LIMITS, 1, false),
  o1: chatModel(OTHER_LIMITS, 1, false),
  'o3-pro': { ...chatModel(OTHER_LIMITS, 2, false), endpoints: 'responses', streamNeedsVerification: true },
  'o1-pro': { ...chatModel(OTHER_LIMITS, 2, false), endpoints: 'responses' },
  'gpt-5-pro': { ...chatModel(OTHER_LIMITS, 1, false), endpoints: 'responses' },
  'codex-mini-latest': { ...chatModel(OTHER_LIMITS, 1, false), endpoints: 'responses' },
};

export function tierRank(tier: FakeTier): number {
  return tier === 'free' ? 0 : tier;
}
