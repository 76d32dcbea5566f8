/**
 * "What changed" between two access reports of the same profile, in words a user scans in a second:
 * "Credit: none → available", "gpt-4o: refused → usable". Used after every re-check on the platform panel, so a
 * user who just added credit sees access come back (or learns that it has not yet).
 */
import type { AccessSummary } from '../messages';
import type { KeyFacts, ModelResult } from '../probes/types';
import { tierLabel } from './knowledge';

/** Whether the change is good news for the user. */
export type ChangeDirection = 'better' | 'worse' | 'neutral';

export interface ReportChange {
  /** What changed: "Credit", "API key", "Tier", or a model id. */
  subject: string;
  before: string;
  after: string;
  direction: ChangeDirection;
  /** Set for per-model changes, so the UI can point at the row. */
  model?: string;
}

const QUOTA_WORDS: Record<KeyFacts['quota']['state'], string> = {
  ok: 'available',
  exhausted: 'none left',
  unknown: 'unknown',
};

function validityWords(valid: boolean | null): string {
  if (valid === null) return 'not checked';
  return valid ? 'valid' : 'refused';
}

function modelWords(result: ModelResult): string {
  if (result.status === 'ok') return 'usable';
  if (result.status === 'unknown') return 'unknown';
  return `refused (${result.category.replaceAll('_', ' ')})`;
}

/** better > neutral > worse: ok beats unknown beats denied; true beats null beats false. */
function rankDirection(before: number, after: number): ChangeDirection {
  if (after > before) return 'better';
  if (after < before) return 'worse';
  return 'neutral';
}

const MODEL_RANK: Record<ModelResult['status'], number> = { denied: 0, unknown: 1, ok: 2 };
const QUOTA_RANK: Record<KeyFacts['quota']['state'], number> = { exhausted: 0, unknown: 1, ok: 2 };

function validityRank(valid: boolean | null): number {
  if (valid === null) return 1;
  return valid ? 2 : 0;
}

function tierRank(tier: KeyFacts['tier']['tier']): number | null {
  if (tier === null) return null;
  return tier === 'free' ? 0 : tier;
}

function scopesWords(scopes: readonly string[] | undefined): string {
  return scopes !== undefined && scopes.length > 0 ? `missing ${scopes.join(', ')}` : 'none missing';
}

/**
 * The changes from `before` to `after`, key-level facts first, then models in `after`'s order.
 * With no earlier report every fact is new, and nothing is listed: there is nothing to compare.
 */
export function diffSummaries(before: AccessSummary | null, after: AccessSummary): ReportChange[] {
  if (before === null) return [];
  const changes: ReportChange[] = [];
  const was = before.report.key;
  const now = after.report.key;

  if (was.valid !== now.valid) {
    changes.push({
      subject: 'API key',
      before: validityWords(was.valid),
      after: validityWords(now.valid),
      direction: rankDirection(validityRank(was.valid), validityRank(now.valid)),
    });
  }
  if (was.quota.state !== now.quota.state) {
    changes.push({
      subject: 'Credit',
      before: QUOTA_WORDS[was.quota.state],
      after: QUOTA_WORDS[now.quota.state],
      direction: rankDirection(QUOTA_RANK[was.quota.state], QUOTA_RANK[now.quota.state]),
    });
  }
  if (was.regionBlocked !== now.regionBlocked) {
    changes.push({
      subject: 'Region',
      before: was.regionBlocked ? 'blocked' : 'allowed',
      after: now.regionBlocked ? 'blocked' : 'allowed',
      direction: now.regionBlocked ? 'worse' : 'better',
    });
  }
  const scopesBefore = scopesWords(was.missingScopes);
  const scopesAfter = scopesWords(now.missingScopes);
  if (scopesBefore !== scopesAfter) {
    changes.push({
      subject: 'Key scopes',
      before: scopesBefore,
      after: scopesAfter,
      // Fewer missing scopes is better.
      direction: rankDirection(-(was.missingScopes?.length ?? 0), -(now.missingScopes?.length ?? 0)),
    });
  }
  if (was.tier.tier !== now.tier.tier) {
    const rankBefore = tierRank(was.tier.tier);
    const rankAfter = tierRank(now.tier.tier);
    changes.push({
      subject: 'Tier',
      before: tierLabel(was.tier.tier),
      after: tierLabel(now.tier.tier),
      direction: rankBefore === null || rankAfter === null ? 'neutral' : rankDirection(rankBefore, rankAfter),
    });
  }
  if (before.report.trusted !== after.report.trusted) {
    changes.push({
      subject: 'Zero-cost check',
      before: before.report.trusted ? 'trusted' : 'untrusted',
      after: after.report.trusted ? 'trusted' : 'untrusted',
      direction: after.report.trusted ? 'better' : 'worse',
    });
  }

  const earlier = new Map(before.report.models.map((result) => [result.model, result]));
  for (const result of after.report.models) {
    const previous = earlier.get(result.model);
    if (previous === undefined) continue;
    if (previous.status === result.status && previous.category === result.category) continue;
    changes.push({
      subject: result.model,
      model: result.model,
      before: modelWords(previous),
      after: modelWords(result),
      direction: rankDirection(MODEL_RANK[previous.status], MODEL_RANK[result.status]),
    });
  }
  return changes;
}

/** Categories that mean "no money": what adding credit on the billing page fixes. */
const BILLING_CATEGORIES = new Set(['insufficient_quota', 'billing_limit']);

/** The report shows a quota or billing block: the situation the billing page's re-checks watch. */
export function blockedByBilling(summary: AccessSummary | null): boolean {
  if (summary === null) return false;
  const key = summary.report.key;
  if (key.quota.state === 'exhausted') return true;
  if (key.problem !== undefined && BILLING_CATEGORIES.has(key.problem.category)) return true;
  return summary.report.models.some((result) => BILLING_CATEGORIES.has(result.category));
}

/** One line of "what changed": key-level changes as they are, model changes with the same move grouped. */
export interface ChangeLine {
  subject: string;
  before: string;
  after: string;
  direction: ChangeDirection;
  /** The models of a grouped line, in report order. */
  models?: string[];
}

/**
 * Groups model changes that made the same move ("12 models: refused (insufficient quota) → usable"), so adding
 * credit reads as one line instead of twelve. Key-level changes come first, unchanged.
 */
export function groupChanges(changes: readonly ReportChange[]): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const groups = new Map<string, ChangeLine & { models: string[] }>();
  for (const change of changes) {
    if (change.model === undefined) {
      lines.push({
        subject: change.subject,
        before: change.before,
        after: change.after,
        direction: change.direction,
      });
      continue;
    }
    const key = `${change.before}\u0000${change.after}`;
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, {
        subject: change.model,
        before: change.before,
        after: change.after,
        direction: change.direction,
        models: [change.model],
      });
    } else {
      group.models.push(change.model);
      group.subject = listWithMore(group.models);
    }
  }
  return [...lines, ...groups.values()];
}

/** "a, b, c and 4 more": a list short enough for a compact panel. */
export function listWithMore(items: readonly string[], max = 3): string {
  if (items.length <= max) {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  }
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
