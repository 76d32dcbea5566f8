/**
 * How each diagnosis category is shown: a short label and a tone. Data, not code, so every UI (popup, forum
 * tooltip, platform panel) names a category the same way. Colour always comes with the icon and the label
 * (never the only signal).
 */
import type { CategoryId } from '@/utils/diagnosis/types';

/** `block`: nothing works until fixed; `access`: this model only; `limit`: wait or raise a limit; `code`: fix the
 * request; `service`: OpenAI's or the network's side. */
export type CategoryTone = 'block' | 'access' | 'limit' | 'code' | 'service';

export interface CategoryLook {
  label: string;
  tone: CategoryTone;
}

export const CATEGORY_LOOKS: { readonly [C in CategoryId]: CategoryLook } = {
  invalid_api_key: { label: 'Invalid key', tone: 'block' },
  missing_api_key: { label: 'No key sent', tone: 'block' },
  model_not_found: { label: 'No such model', tone: 'code' },
  model_access_denied: { label: 'No access to model', tone: 'access' },
  key_scope_insufficient: { label: 'Key lacks a scope', tone: 'block' },
  insufficient_quota: { label: 'No credit or quota', tone: 'block' },
  billing_limit: { label: 'Billing limit', tone: 'block' },
  rate_limit: { label: 'Rate limit', tone: 'limit' },
  org_verification_required: { label: 'Verification needed', tone: 'access' },
  org_membership: { label: 'Organization problem', tone: 'block' },
  account_deactivated: { label: 'Account deactivated', tone: 'block' },
  unsupported_region: { label: 'Region not supported', tone: 'block' },
  model_deprecated: { label: 'Model retired', tone: 'code' },
  wrong_endpoint: { label: 'Wrong endpoint', tone: 'code' },
  unsupported_parameter: { label: 'Unsupported parameter', tone: 'code' },
  context_length_exceeded: { label: 'Input too long', tone: 'code' },
  sdk_migration: { label: 'SDK version mismatch', tone: 'code' },
  connection_error: { label: 'No connection', tone: 'service' },
  server_error: { label: 'OpenAI server error', tone: 'service' },
  content_policy: { label: 'Blocked by safety system', tone: 'code' },
  other: { label: 'Other OpenAI error', tone: 'service' },
};

export function categoryLook(category: CategoryId): CategoryLook {
  return CATEGORY_LOOKS[category] ?? CATEGORY_LOOKS.other;
}
