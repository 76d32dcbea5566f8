/**
 * Every item the extension stores, typed, in one file.
 *
 * Where things live and why:
 * - API keys: `local:` ("remember on this device") or `session:` ("only for this browser session"), never
 *   `sync:`. Only the background and the extension's own pages read them; content scripts never do (Chrome keeps
 *   `storage.session` away from content scripts by default, and no content script imports the key helpers).
 * - Profile metadata (label, masked key, org/project ids, base URL), settings and cached reports: `local:`.
 *   None of them holds a key.
 * - The progress of a running check: `session:`, so a popup that closes and reopens picks it up again, and a
 *   browser restart forgets it.
 *
 * Every read goes through a `normalize*` function: storage written by an older version, by hand in devtools, or
 * half-written by a crash must never break the popup (issue 8: "malformed storage from an older version").
 */
import { storage } from 'wxt/utils/storage';
import { isCategoryId } from './diagnosis/types';
import type { KeyKind, ModelResult, ProbeReport, VerificationCheckResult } from './probes/types';

export type KeyPersistence = 'local' | 'session';

/** A key profile without its key. The key itself is stored under `keyStorageKey(profile)`. */
export interface ProfileMeta {
  id: string;
  label: string;
  /** The masked key, e.g. `sk-proj-…abcd`: the only form any UI shows after saving. */
  maskedKey: string;
  /** What the key's shape says it is (project, service account, legacy…), read when it was saved. */
  keyKind?: KeyKind;
  persistence: KeyPersistence;
  organizationId?: string;
  projectId?: string;
  /** Defaults to https://api.openai.com/v1 (DESIGN §2.3). */
  baseUrl?: string;
  createdAt: number;
}

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface Settings {
  /** Models to probe; `null` means the catalogue's defaults. */
  models: string[] | null;
  /** The user agreed that paid checks (1-token requests) may run when asked. */
  paidChecksConsent: boolean;
  concurrency: number;
  timeoutMs: number;
  /** Show the small inline label after each highlighted error on forum pages. */
  inlineLabels: boolean;
  /** "Copy report" masks organization and project ids unless the user unticks it (remembered). */
  maskIdsInReport: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  models: null,
  paidChecksConsent: false,
  concurrency: 4,
  timeoutMs: 15_000,
  inlineLabels: true,
  maskIdsInReport: true,
};

/** Bounds the settings UI offers; stored values outside them are clamped on read. */
export const SETTINGS_LIMITS = {
  concurrency: { min: 1, max: 8 },
  timeoutMs: { min: 3_000, max: 60_000 },
  models: { max: 30 },
} as const;

/**
 * A model id as OpenAI spells them: letters, digits, `.`, `-`, `_` and `:` (fine-tunes: `ft:gpt-4o:org::id`),
 * at most 100 characters. Anything else is refused wherever a model id comes in (settings, content scripts).
 */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export function isModelId(value: unknown): value is string {
  return typeof value === 'string' && MODEL_ID_PATTERN.test(value);
}

/** The last finished check of a profile, shown at once when the popup opens. */
export interface CachedReport {
  profileId: string;
  /** The models that were asked for, in the order the user listed them. */
  models: string[];
  report: ProbeReport;
  checkedAt: number;
  /** The organization-verification paid check, when the user ran it (kept across re-checks of the profile). */
  verification?: VerificationCheckResult;
}

export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed';

/** A check in progress (or just ended), written by the background's run manager after every answer. */
export interface RunState {
  runId: string;
  profileId: string;
  status: RunStatus;
  /** The models being checked, in display order: rows not in `results` yet are pending. */
  models: string[];
  results: ModelResult[];
  startedAt: number;
  finishedAt?: number;
  /** Why a run failed, in plain words, keys redacted. */
  error?: string;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Normalizers: a malformed stored value becomes the closest valid one, never an exception.                      */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, max = 200): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

const KEY_KINDS: readonly KeyKind[] = ['project', 'service_account', 'admin', 'legacy', 'unknown'];

export function normalizeProfile(value: unknown): ProfileMeta | null {
  if (!isRecord(value)) return null;
  const id = optionalString(value.id, 64);
  const maskedKey = optionalString(value.maskedKey, 80);
  if (id === undefined || maskedKey === undefined) return null;
  const profile: ProfileMeta = {
    id,
    label: optionalString(value.label, 80) ?? 'Key',
    maskedKey,
    persistence: value.persistence === 'session' ? 'session' : 'local',
    createdAt: typeof value.createdAt === 'number' && Number.isFinite(value.createdAt) ? value.createdAt : 0,
  };
  if (KEY_KINDS.includes(value.keyKind as KeyKind)) profile.keyKind = value.keyKind as KeyKind;
  const organizationId = optionalString(value.organizationId, 100);
  if (organizationId !== undefined) profile.organizationId = organizationId;
  const projectId = optionalString(value.projectId, 100);
  if (projectId !== undefined) profile.projectId = projectId;
  const baseUrl = optionalString(value.baseUrl, 300);
  if (baseUrl !== undefined) profile.baseUrl = baseUrl;
  return profile;
}

export function normalizeProfiles(value: unknown): ProfileMeta[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const profiles: ProfileMeta[] = [];
  for (const entry of value) {
    const profile = normalizeProfile(entry);
    if (profile === null || seen.has(profile.id)) continue;
    seen.add(profile.id);
    profiles.push(profile);
  }
  return profiles;
}

function clampInteger(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Model list: valid ids only, no duplicates, at most `SETTINGS_LIMITS.models.max`; `null` = defaults. */
export function normalizeModelList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const models: string[] = [];
  for (const entry of value) {
    const model = typeof entry === 'string' ? entry.trim() : entry;
    if (isModelId(model) && !models.includes(model)) models.push(model);
    if (models.length >= SETTINGS_LIMITS.models.max) break;
  }
  return models;
}

export function normalizeSettings(value: unknown): Settings {
  const raw = isRecord(value) ? value : {};
  const { concurrency, timeoutMs } = SETTINGS_LIMITS;
  return {
    models: normalizeModelList(raw.models),
    paidChecksConsent: raw.paidChecksConsent === true,
    concurrency: clampInteger(
      raw.concurrency,
      concurrency.min,
      concurrency.max,
      DEFAULT_SETTINGS.concurrency,
    ),
    timeoutMs: clampInteger(raw.timeoutMs, timeoutMs.min, timeoutMs.max, DEFAULT_SETTINGS.timeoutMs),
    inlineLabels: typeof raw.inlineLabels === 'boolean' ? raw.inlineLabels : DEFAULT_SETTINGS.inlineLabels,
    maskIdsInReport:
      typeof raw.maskIdsInReport === 'boolean' ? raw.maskIdsInReport : DEFAULT_SETTINGS.maskIdsInReport,
  };
}

const MODEL_STATUSES: readonly string[] = ['ok', 'denied', 'unknown'];
const PROBE_CONFIDENCES: readonly string[] = ['confirmed', 'likely', 'unknown'];
const QUOTA_STATES: readonly string[] = ['ok', 'exhausted', 'unknown'];

function isDiagnosisShape(value: unknown): boolean {
  return (
    isRecord(value) &&
    isCategoryId(value.category) &&
    typeof value.title === 'string' &&
    typeof value.explanation === 'string' &&
    Array.isArray(value.causes) &&
    Array.isArray(value.steps) &&
    isRecord(value.fields) &&
    Array.isArray(value.sources)
  );
}

/**
 * A stored model result the UI can draw, or null. What an older version (or a half-written entry) got wrong is
 * dropped or defaulted field by field: one bad row must not blank the popup (issue 8).
 */
function normalizeModelResult(value: unknown): ModelResult | null {
  if (!isRecord(value) || typeof value.model !== 'string' || !MODEL_STATUSES.includes(value.status as string))
    return null;
  const result = {
    ...value,
    category: value.category === 'ok' || isCategoryId(value.category) ? value.category : 'other',
    confidence: PROBE_CONFIDENCES.includes(value.confidence as string) ? value.confidence : 'unknown',
    summary: typeof value.summary === 'string' ? value.summary : '',
    evidence: Array.isArray(value.evidence) ? value.evidence.filter(isRecord) : [],
  } as unknown as ModelResult;
  if (!isDiagnosisShape(value.diagnosis)) delete result.diagnosis;
  if (typeof value.workaround !== 'string') delete result.workaround;
  return result;
}

function normalizeModelResults(value: unknown[]): ModelResult[] {
  return value.map(normalizeModelResult).filter((result): result is ModelResult => result !== null);
}

/** The key facts the popup and the panel read, each part defaulted when it is not what they expect. */
function normalizeKeyFacts(value: Record<string, unknown>): ProbeReport['key'] {
  const key = { ...value } as unknown as ProbeReport['key'] & Record<string, unknown>;
  key.organizations = Array.isArray(value.organizations)
    ? (value.organizations.filter(
        (org) => isRecord(org) && typeof org.id === 'string',
      ) as ProbeReport['key']['organizations'])
    : [];
  if (!isRecord(value.quota) || !QUOTA_STATES.includes(value.quota.state as string))
    key.quota = { state: 'unknown' };
  if (!isRecord(value.tier)) key.tier = { tier: null, note: 'Unknown.' };
  if (value.problem !== undefined && !(isRecord(value.problem) && isDiagnosisShape(value.problem.diagnosis)))
    delete key.problem;
  return key;
}

/** A cached report is kept only when its outer shape is intact; the inside is repaired part by part. */
function isCachedReport(value: unknown): value is CachedReport {
  if (!isRecord(value) || !isRecord(value.report)) return false;
  const report = value.report;
  return (
    typeof value.profileId === 'string' &&
    Array.isArray(value.models) &&
    typeof value.checkedAt === 'number' &&
    Array.isArray(report.models) &&
    isRecord(report.key) &&
    isRecord(report.canary)
  );
}

export function normalizeReportCache(value: unknown): Record<string, CachedReport> {
  if (!isRecord(value)) return {};
  const cache: Record<string, CachedReport> = {};
  for (const [profileId, entry] of Object.entries(value)) {
    if (!isCachedReport(entry) || entry.profileId !== profileId) continue;
    cache[profileId] = {
      ...entry,
      models: entry.models.filter((model): model is string => typeof model === 'string'),
      report: {
        ...entry.report,
        models: normalizeModelResults(entry.report.models),
        key: normalizeKeyFacts(entry.report.key as unknown as Record<string, unknown>),
      },
    };
  }
  return cache;
}

const RUN_STATUSES: readonly RunStatus[] = ['running', 'done', 'cancelled', 'failed'];

export function normalizeRuns(value: unknown): Record<string, RunState> {
  if (!isRecord(value)) return {};
  const runs: Record<string, RunState> = {};
  for (const [profileId, entry] of Object.entries(value)) {
    if (
      isRecord(entry) &&
      entry.profileId === profileId &&
      typeof entry.runId === 'string' &&
      RUN_STATUSES.includes(entry.status as RunStatus) &&
      Array.isArray(entry.models) &&
      Array.isArray(entry.results) &&
      typeof entry.startedAt === 'number'
    ) {
      runs[profileId] = {
        ...(entry as unknown as RunState),
        models: entry.models.filter((model): model is string => typeof model === 'string'),
        results: normalizeModelResults(entry.results),
      };
    }
  }
  return runs;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Items. Version 1 is the first shipped shape; a new shape bumps the version and adds a migration.              */

export const profilesItem = storage.defineItem<ProfileMeta[]>('local:profiles', {
  fallback: [],
  version: 1,
});

export const activeProfileIdItem = storage.defineItem<string | null>('local:activeProfileId', {
  fallback: null,
  version: 1,
});

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  // v2 added `maskIdsInReport`; normalizing fills it (and repairs anything else that is off).
  version: 2,
  migrations: { 2: (old: unknown) => normalizeSettings(old) },
});

/** Last finished report per profile id. */
export const reportCacheItem = storage.defineItem<Record<string, CachedReport>>('local:reportCache', {
  fallback: {},
  version: 1,
});

/** The current or last run per profile id (session only: a browser restart forgets runs in flight). */
export const runsItem = storage.defineItem<Record<string, RunState>>('session:runs', {
  fallback: {},
  version: 1,
});

/**
 * What the user typed in "Explain an error", so the popup closing (it does whenever the user clicks the page to
 * copy an error) loses nothing. Stored redacted: a pasted log may hold a key, and no key may land in a storage area
 * the user did not choose for it.
 */
export const explainDraftItem = storage.defineItem<string>('session:explainDraft', {
  fallback: '',
  version: 1,
});

export async function loadProfiles(): Promise<ProfileMeta[]> {
  return normalizeProfiles(await profilesItem.getValue());
}

export async function loadSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

export async function loadReportCache(): Promise<Record<string, CachedReport>> {
  return normalizeReportCache(await reportCacheItem.getValue());
}

export async function loadRuns(): Promise<Record<string, RunState>> {
  return normalizeRuns(await runsItem.getValue());
}

/** The active profile: the stored id when it still exists, else the first profile, else null. */
export function pickActiveProfile(profiles: ProfileMeta[], activeId: string | null): ProfileMeta | null {
  return profiles.find((profile) => profile.id === activeId) ?? profiles[0] ?? null;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Keys. Background and extension pages only.                                                                    */

/** The storage key of a profile's API key, in the area the user chose. */
export function keyStorageKey(
  profile: Pick<ProfileMeta, 'id' | 'persistence'>,
): `local:${string}` | `session:${string}` {
  return `${profile.persistence}:apiKey.${profile.id}`;
}

/** Reads a profile's key. Background and extension pages only. */
export async function readProfileKey(
  profile: Pick<ProfileMeta, 'id' | 'persistence'>,
): Promise<string | null> {
  const key = await storage.getItem<unknown>(keyStorageKey(profile));
  return typeof key === 'string' && key.length > 0 ? key : null;
}

export async function writeProfileKey(
  profile: Pick<ProfileMeta, 'id' | 'persistence'>,
  key: string,
): Promise<void> {
  await storage.setItem(keyStorageKey(profile), key);
}

/** Removes a profile's key from both areas, so switching persistence never leaves a copy behind. */
export async function deleteProfileKey(profile: Pick<ProfileMeta, 'id'>): Promise<void> {
  await storage.removeItems([`local:apiKey.${profile.id}`, `session:apiKey.${profile.id}`]);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Platform panel and "Explain this OpenAI error" (issue 7).                                                      */

/** Whether the user collapsed the platform panel; remembered across pages and visits. */
export const platformPanelCollapsedItem = storage.defineItem<boolean>('local:platformPanelCollapsed', {
  fallback: false,
  version: 1,
});

/**
 * An override of the billing page's re-check delays (milliseconds from the start). Unset in normal use: the
 * default is 1, 5 and 15 minutes. End-to-end tests set a short schedule here from the service worker; the
 * content script validates whatever it finds (utils/platform/recheck-schedule.ts `normaliseDelays`).
 */
export const platformRecheckDelaysItem = storage.defineItem<number[] | null>(
  'local:platformRecheckDelaysMs',
  {
    fallback: null,
    version: 1,
  },
);

/** Text selected with "Explain this OpenAI error", waiting for the explain page (keys masked before storing). */
export interface ExplainRequest {
  text: string;
  createdAt: number;
}

/**
 * Selections handed from the context menu to the explain page, by a random id in the page's URL: the text never
 * travels in a URL (length limits, history, referrers). Session only, pruned on every write.
 */
export const explainRequestsItem = storage.defineItem<Record<string, ExplainRequest>>(
  'session:explainRequests',
  {
    fallback: {},
    version: 1,
  },
);
