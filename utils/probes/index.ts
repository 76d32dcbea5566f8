/**
 * Access probes (issue 4): which models a key can use, learned without spending tokens, and why not.
 * Run by the background; every request goes to the profile's base URL only; no result holds the key.
 */
export { estimatePaidCheckCost, MODEL_PRICES, PRICES_REVIEWED } from './costs';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, normaliseBaseUrl } from './exchange';
export { KEY_LEVEL_CATEGORIES } from './key-checks';
export { statusForCategory, zeroCostVerdict } from './model-probe';
export {
  checkOrganizationVerification,
  confirmModelWithRealRequest,
  defaultVerificationModel,
  type PaidCheckOptions,
  PaidCheckNotAcceptedError,
} from './paid';
export { parseDurationMs, readRateLimit, retryAfterMs } from './rate-limit';
export { canaryModelId, canaryVerdict, DEFAULT_CONCURRENCY, runProbe } from './run';
export { estimateTier, TIER_TABLE, TIER_TABLE_REVIEWED } from './tier-table';
export type * from './types';
