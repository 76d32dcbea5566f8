/**
 * What the access part of the popup shows, decided from stored state alone (pure, so the first paint needs no
 * round trip to the background): the matrix rows, the key-level banner, the tier line and the phase.
 */
import type { CategoryId, Diagnosis } from '../diagnosis/types';
import type {
  ModelResult,
  ModelStatus,
  ProbeConfidence,
  ProbeReport,
  TierEstimate,
  VerificationCheckResult,
} from '../probes/types';
import type { CachedReport, ProfileMeta, RunState } from '../storage';

export type RowStatus = ModelStatus | 'pending';

export interface MatrixRow {
  model: string;
  /** DESIGN §2.3 `data-status`. */
  status: RowStatus;
  /** DESIGN §2.3 `data-category`; null while pending. */
  category: CategoryId | 'ok' | null;
  /** DESIGN §2.3 `data-confidence`; null while pending. */
  confidence: ProbeConfidence | null;
  summary: string;
  result: ModelResult | null;
  /** The key-level banner already explains this row: shown quietly instead of as one more red line. */
  coveredByBanner: boolean;
}

export type AccessPhase = 'no-profile' | 'never-checked' | 'running' | 'done' | 'cancelled' | 'failed';

export interface KeyBanner {
  category: CategoryId;
  title: string;
  text: string;
  diagnosis: Diagnosis | null;
}

export interface AccessView {
  phase: AccessPhase;
  rows: MatrixRow[];
  /** The finished report the rows come from (null while running, or when nothing finished yet). */
  report: ProbeReport | null;
  checkedAt: number | null;
  progress: { done: number; total: number } | null;
  banner: KeyBanner | null;
  /** A failed or cancelled run's message, shown above the results it did not replace. */
  notice: string | null;
  /** The organization-verification paid check, when it was run for this profile. */
  verification: VerificationCheckResult | null;
}

/** Text for a row whose run was cancelled before it got an answer. */
export const NOT_CHECKED = 'Not checked (the check was cancelled)';

/** The first sentence of a text, for a one-line banner. */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
  return (match?.[0] ?? text).trim();
}

/**
 * Why zero-cost results cannot be trusted, in the words that fit what the canary got: the API judging parameters
 * first is one story; no answer at all (network, proxy, wrong base URL) or a server error is another, and telling
 * the user "the API checks parameters first" then would send them the wrong way (issue 8, refused connections).
 */
function untrustedBanner(report: ProbeReport): KeyBanner {
  const { canary } = report;
  const status = canary.httpStatus;
  if (canary.verdict !== 'validated_first' && status === undefined) {
    return {
      category: 'connection_error',
      title: 'Could not reach the API reliably',
      text: `A test request got no answer from ${report.baseUrl} (network, proxy, firewall or timeout), so today's answers cannot be trusted. Check the connection or the API base URL, then check again.`,
      diagnosis: null,
    };
  }
  if (canary.verdict !== 'validated_first' && status !== undefined && status >= 500) {
    return {
      category: 'server_error',
      title: 'The API is failing right now',
      text: `A test request answered HTTP ${status} instead of “not found”, so today's answers cannot be trusted. Check again in a few minutes.`,
      diagnosis: null,
    };
  }
  if (canary.verdict !== 'validated_first') {
    return {
      category: 'other',
      title: 'Zero-cost checks not trusted today',
      text: `A model id that cannot exist (${canary.model}) got HTTP ${status} instead of “not found”, so these answers prove nothing. Every model shows as unknown; a paid 1-token check can confirm one.`,
      diagnosis: null,
    };
  }
  return {
    category: 'other',
    title: 'Zero-cost checks not trusted today',
    text: `A model id that cannot exist (${canary.model}) was not reported as missing, so the API is checking parameters before access. Every model shows as unknown; a paid 1-token check can confirm one.`,
    diagnosis: null,
  };
}

/**
 * The banner above the matrix when one key-level problem explains every row (invalid key, no quota, region,
 * missing scope), when zero-cost probing cannot be trusted today (the canary did not come back "not found"), or
 * when the paid verification check found the organization unverified.
 */
export function selectKeyBanner(
  report: ProbeReport,
  verification?: VerificationCheckResult,
): KeyBanner | null {
  const problem = report.key?.problem;
  if (problem !== undefined) {
    return {
      category: problem.category,
      title: problem.diagnosis.title,
      text: firstSentence(problem.diagnosis.explanation),
      diagnosis: problem.diagnosis,
    };
  }
  if (report.trusted === false) return untrustedBanner(report);
  if (verification?.verified === false) {
    return {
      category: 'org_verification_required',
      title: verification.diagnosis?.title ?? 'Organization not verified',
      text: verification.summary,
      diagnosis: verification.diagnosis ?? null,
    };
  }
  return null;
}

function rowFromResult(result: ModelResult, bannerCategory: CategoryId | null): MatrixRow {
  return {
    model: result.model,
    status: result.status,
    category: result.category,
    confidence: result.confidence,
    summary: result.summary,
    result,
    coveredByBanner: bannerCategory !== null && result.status !== 'ok' && result.category === bannerCategory,
  };
}

/**
 * One row per model, in the order the user listed them; models without an answer yet are `pending` while the
 * run goes on, "not checked" once it stopped. Answers for models not in the list (there should be none) follow.
 */
export function buildMatrixRows(
  models: readonly string[],
  results: readonly ModelResult[],
  options: { running: boolean; bannerCategory?: CategoryId | null },
): MatrixRow[] {
  const bannerCategory = options.bannerCategory ?? null;
  const byModel = new Map(results.map((result) => [result.model, result]));
  const rows: MatrixRow[] = models.map((model) => {
    const result = byModel.get(model);
    if (result !== undefined) return rowFromResult(result, bannerCategory);
    return options.running
      ? {
          model,
          status: 'pending',
          category: null,
          confidence: null,
          summary: 'Checking…',
          result: null,
          coveredByBanner: false,
        }
      : {
          model,
          status: 'unknown',
          category: 'other',
          confidence: 'unknown',
          summary: NOT_CHECKED,
          result: null,
          coveredByBanner: false,
        };
  });
  const listed = new Set(models);
  for (const result of results)
    if (!listed.has(result.model)) rows.push(rowFromResult(result, bannerCategory));
  return rows;
}

function viewOfReport(entry: CachedReport, phase: AccessPhase, notice: string | null): AccessView {
  const banner = selectKeyBanner(entry.report, entry.verification);
  return {
    phase,
    rows: buildMatrixRows(entry.models, entry.report.models, {
      running: false,
      bannerCategory: banner?.category ?? null,
    }),
    report: entry.report,
    checkedAt: entry.checkedAt,
    progress: null,
    banner,
    notice,
    verification: entry.verification ?? null,
  };
}

export interface AccessState {
  profile: ProfileMeta | null;
  cache: CachedReport | undefined;
  run: RunState | undefined;
}

export function selectAccessView({ profile, cache, run }: AccessState): AccessView {
  const empty: AccessView = {
    phase: 'no-profile',
    rows: [],
    report: null,
    checkedAt: null,
    progress: null,
    banner: null,
    notice: null,
    verification: null,
  };
  if (profile === null) return empty;
  const ownRun = run !== undefined && run.profileId === profile.id ? run : undefined;
  const ownCache = cache !== undefined && cache.profileId === profile.id ? cache : undefined;

  if (ownRun?.status === 'running') {
    return {
      ...empty,
      phase: 'running',
      rows: buildMatrixRows(ownRun.models, ownRun.results, { running: true }),
      checkedAt: ownCache?.checkedAt ?? null,
      verification: ownCache?.verification ?? null,
      progress: {
        done: ownRun.results.filter((r) => ownRun.models.includes(r.model)).length,
        total: ownRun.models.length,
      },
    };
  }
  const runIsNewer =
    ownRun !== undefined && ownRun.startedAt > (ownCache?.checkedAt ?? Number.NEGATIVE_INFINITY);
  if (ownRun !== undefined && runIsNewer && (ownRun.status === 'cancelled' || ownRun.status === 'failed')) {
    const phase = ownRun.status;
    const what =
      phase === 'cancelled'
        ? 'The check was cancelled.'
        : `The check failed: ${ownRun.error ?? 'unknown error'}.`;
    if (ownCache !== undefined) return viewOfReport(ownCache, phase, `${what} Showing the previous results.`);
    return {
      ...empty,
      phase,
      rows: buildMatrixRows(ownRun.models, ownRun.results, { running: false }),
      notice: what,
    };
  }
  if (ownCache !== undefined) return viewOfReport(ownCache, 'done', null);
  return { ...empty, phase: 'never-checked' };
}

/**
 * The matrix's one-line "why": the row's summary, shortened for a narrow column. The full summary stays in the
 * row's tooltip and its card.
 */
export function rowReason(row: MatrixRow): string {
  if (row.coveredByBanner) return 'Explained above';
  if (row.status === 'ok')
    return row.confidence === 'confirmed' ? 'Accepted by the API' : 'Accepted (not proven)';
  // "Project blocks gpt-6-astra" in the gpt-6-astra row: the model is already in the first column.
  const suffix = ` ${row.model}`;
  if (row.summary.endsWith(suffix) && row.summary.length > suffix.length) {
    return `${row.summary.slice(0, -suffix.length)} it`;
  }
  return row.summary;
}

export interface RowCounts {
  ok: number;
  denied: number;
  unknown: number;
  pending: number;
}

export function countRows(rows: readonly MatrixRow[]): RowCounts {
  const counts: RowCounts = { ok: 0, denied: 0, unknown: 0, pending: 0 };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

/** "8 usable · 2 blocked · 1 unknown" */
export function describeCounts(counts: RowCounts): string {
  const parts: string[] = [];
  if (counts.ok > 0) parts.push(`${counts.ok} usable`);
  if (counts.denied > 0) parts.push(`${counts.denied} blocked`);
  if (counts.unknown > 0) parts.push(`${counts.unknown} unknown`);
  if (counts.pending > 0) parts.push(`${counts.pending} waiting`);
  return parts.length === 0 ? 'No models checked' : parts.join(' · ');
}

/** "Tier 3 (estimated)" / "Tier: unknown". */
export function describeTier(tier: TierEstimate | undefined): string {
  if (tier === undefined || tier.tier === null) return 'Tier: unknown';
  return tier.tier === 'free' ? 'Free tier (estimated)' : `Tier ${tier.tier} (estimated)`;
}

/** The evidence behind the tier estimate, in one line: header, value, model, table and its date. */
export function describeTierEvidence(tier: TierEstimate | undefined): string {
  if (tier === undefined) return 'No rate-limit headers were seen.';
  const evidence = tier.evidence;
  if (evidence === undefined) return tier.note;
  // The table's name may already carry its review date ("…, reviewed 2026-11-24"): do not say it twice.
  const table = evidence.table.includes(evidence.tableDate)
    ? evidence.table
    : `${evidence.table} (${evidence.tableDate})`;
  return `${evidence.header} = ${evidence.value.toLocaleString('en-US')} on ${evidence.model}, matched against the ${table}.`;
}
