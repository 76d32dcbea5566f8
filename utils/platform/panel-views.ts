/**
 * What the panel says on each platform page, derived from the cached access report. Pure functions: the panel
 * component only lays these out, and the unit tests read them without a DOM.
 */
import type { AccessSummary, VerificationFacts, VerificationNeed } from '../messages';
import type { KeyKind, ModelResult, ProbeReport } from '../probes/types';
import {
  describeThreshold,
  nextTier,
  type ScopeFact,
  scopeFact,
  type TierName,
  tierLabel,
} from './knowledge';

export interface AccessCounts {
  ok: number;
  denied: number;
  unknown: number;
  total: number;
}

export function countAccess(report: ProbeReport): AccessCounts {
  const counts: AccessCounts = { ok: 0, denied: 0, unknown: 0, total: report.models.length };
  for (const result of report.models) counts[result.status] += 1;
  return counts;
}

/** "checked just now", "checked 5 min ago", "checked 3 h ago", "checked 2 days ago". */
export function checkedAgo(checkedAt: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - checkedAt) / 1000));
  if (seconds < 45) return 'checked just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `checked ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `checked ${hours} h ago`;
  return `checked ${Math.round(hours / 24)} days ago`;
}

// ---- billing ------------------------------------------------------------------------------------------------

export interface BillingView {
  state: 'ok' | 'exhausted' | 'unknown';
  /** The quota code the API sent (insufficient_quota, credit_balance_exhausted, …), when one did. */
  code?: string;
  headline: string;
}

const QUOTA_CODE_WORDS: Record<string, string> = {
  insufficient_quota: 'no credit left',
  credit_balance_exhausted: 'the credit balance is used up',
  organization_spend_limit_exceeded: "the organization's spend limit is reached",
  project_spend_limit_exceeded: "this project's spend limit is reached",
  organization_usage_limit_exceeded: "the organization's usage limit is reached",
  billing_not_active: 'billing is not active',
};

export function billingView(summary: AccessSummary): BillingView {
  const { quota, problem } = summary.report.key;
  const billingProblem =
    problem !== undefined &&
    (problem.category === 'insufficient_quota' || problem.category === 'billing_limit');
  const code = quota.code ?? (billingProblem ? problem.diagnosis.fields.code : undefined);
  if (quota.state === 'exhausted' || billingProblem) {
    const words = code !== undefined ? QUOTA_CODE_WORDS[code] : undefined;
    return {
      state: 'exhausted',
      ...(code !== undefined ? { code } : {}),
      headline: `Calls are refused: ${words ?? 'no credit or quota left'}.`,
    };
  }
  if (quota.state === 'ok')
    return { state: 'ok', headline: 'Credit is available: calls are not refused for money.' };
  return { state: 'unknown', headline: 'The last check could not tell whether there is credit.' };
}

// ---- limits -------------------------------------------------------------------------------------------------

export interface TierView {
  tier: TierName | null;
  label: string;
  /** Which header said which value on which model, and the dated table it matched. */
  evidence: { reading: string; table: string } | null;
  note: string;
  /** "Tier 4: $250 paid and 14 days since the first payment", or null. */
  next: string | null;
  /** Models refused by the project's allow-list or the tier (model_access_denied). */
  blockedModels: string[];
}

export function tierView(summary: AccessSummary): TierView {
  const { tier } = summary.report.key;
  const evidence = tier.evidence;
  const next = nextTier(tier.tier);
  return {
    tier: tier.tier,
    label: tierLabel(tier.tier),
    evidence:
      evidence === undefined
        ? null
        : {
            reading: `${evidence.header}: ${evidence.value.toLocaleString('en-US')} on ${evidence.model}`,
            // Some table names carry their date already ("…, reviewed 2026-11-24").
            table: evidence.table.includes(evidence.tableDate)
              ? evidence.table
              : `${evidence.table} (${evidence.tableDate})`,
          },
    note: tier.note,
    next: next === null ? null : `${tierLabel(next.tier)} at ${describeThreshold(next)}`,
    blockedModels: summary.report.models
      .filter((result) => result.category === 'model_access_denied')
      .map((result) => result.model),
  };
}

// ---- API keys -----------------------------------------------------------------------------------------------

export interface ScopesView {
  keyKind: KeyKind;
  keyKindLabel: string;
  missing: { scope: string; fact: ScopeFact | undefined }[];
  /** Models whose probe failed for a missing scope. */
  blockedModels: string[];
}

const KEY_KIND_LABELS: Record<KeyKind, string> = {
  project: 'Project key (sk-proj-…)',
  service_account: 'Service-account key (sk-svcacct-…)',
  admin: 'Admin key (sk-admin-…): manages the organization, cannot call models',
  legacy: 'User key (legacy sk-…)',
  unknown: 'Key of an unknown shape',
};

/** "Missing scopes: model.request, api.responses.write" in a diagnosis message, when the key facts lack them. */
function scopesFromMessage(message: string | undefined): string[] {
  const match =
    message === undefined ? null : /Missing scopes?:\s*([a-z0-9_.]+(?:\s*,\s*[a-z0-9_.]+)*)/i.exec(message);
  return match?.[1] === undefined ? [] : match[1].split(',').map((scope) => scope.trim().replace(/\.$/, ''));
}

export function scopesView(summary: AccessSummary): ScopesView {
  const { key, models } = summary.report;
  const scopes = new Set(key.missingScopes ?? []);
  const blockedModels: string[] = [];
  for (const result of models) {
    if (result.category !== 'key_scope_insufficient') continue;
    blockedModels.push(result.model);
    for (const scope of scopesFromMessage(result.diagnosis?.fields.message)) scopes.add(scope);
  }
  if (key.problem?.category === 'key_scope_insufficient') {
    for (const scope of scopesFromMessage(key.problem.diagnosis.fields.message)) scopes.add(scope);
  }
  return {
    keyKind: key.kind,
    keyKindLabel: KEY_KIND_LABELS[key.kind],
    missing: [...scopes].map((scope) => ({ scope, fact: scopeFact(scope) })),
    blockedModels,
  };
}

// ---- organization general: verification ---------------------------------------------------------------------

export type VerificationState = 'verified' | 'not-verified' | 'not-checked';

export interface VerificationView {
  state: VerificationState;
  /** The models whose answers showed the state. */
  seenOn: string[];
  /** Current models that need verification for any use. */
  unlocksAlways: string[];
  /** Current models that need verification to stream (their other uses work without it). */
  unlocksStreaming: string[];
}

/**
 * Verification can only be seen with a real call (DESIGN §3). The paid verification check, when the user ran it,
 * answers directly. Otherwise the state comes from answers that prove it: a refusal for verification says "not
 * verified"; a confirmed success on a model that always needs verification says "verified". Else: not checked.
 * Which models need it comes with the summary (`verificationFacts`, from the model catalogue in the background).
 */
export function verificationView(summary: AccessSummary, today: string): VerificationView {
  const { models, key } = summary.report;
  const facts = summary.verificationFacts;
  const unlocks = verificationUnlocks(facts, today);
  const paid = summary.verification;
  if (paid !== undefined && paid.verified !== null) {
    return { state: paid.verified ? 'verified' : 'not-verified', seenOn: [paid.model], ...unlocks };
  }
  const always = new Set(
    facts.needs.filter((need) => need.verification === 'always').map((need) => need.model),
  );
  const refused = models.filter((result) => result.category === 'org_verification_required');
  const proven = models.filter(
    (result: ModelResult) =>
      result.status === 'ok' && result.confidence === 'confirmed' && always.has(result.model),
  );
  let state: VerificationState = 'not-checked';
  let seenOn: string[] = [];
  if (refused.length > 0 || key.problem?.category === 'org_verification_required') {
    state = 'not-verified';
    seenOn = refused.map((result) => result.model);
  } else if (proven.length > 0) {
    state = 'verified';
    seenOn = proven.map((result) => result.model);
  }
  return { state, seenOn, ...unlocks };
}

/** Current models that need a verified organization: those of the summary not shut down by `today`. */
function verificationUnlocks(
  facts: VerificationFacts,
  today: string,
): Pick<VerificationView, 'unlocksAlways' | 'unlocksStreaming'> {
  const current = facts.unlocks.filter(
    (entry) => entry.shutdownDate === undefined || entry.shutdownDate > today,
  );
  const idsNeeding = (verification: VerificationNeed) =>
    current.filter((entry) => entry.verification === verification).map((entry) => entry.model);
  return { unlocksAlways: idsNeeding('always'), unlocksStreaming: idsNeeding('streaming') };
}
