/**
 * Every item the extension stores, typed, in one file.
 *
 * Where things live and why:
 * - API keys: `local:` ("remember on this device") or `session:` ("only for this browser session"), never
 *   `sync:`. Only the background and the extension's own pages read them; content scripts never do.
 * - Profile metadata (label, masked key, org/project ids, base URL), settings and cached results: `local:`.
 *   None of them holds a key.
 */
import { storage } from 'wxt/utils/storage';

export type KeyPersistence = 'local' | 'session';

/** A key profile without its key. The key itself is stored under `keyStorageKey(profile)`. */
export interface ProfileMeta {
  id: string;
  label: string;
  /** The masked key, e.g. `sk-proj-…abcd`: the only form any UI shows after saving. */
  maskedKey: string;
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
}

export const DEFAULT_SETTINGS: Settings = {
  models: null,
  paidChecksConsent: false,
  concurrency: 4,
  timeoutMs: 15_000,
  inlineLabels: true,
};

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
  version: 1,
});

/** The storage key of a profile's API key, in the area the user chose. */
export function keyStorageKey(profile: Pick<ProfileMeta, 'id' | 'persistence'>): `local:${string}` | `session:${string}` {
  return `${profile.persistence}:apiKey.${profile.id}`;
}

/** Reads a profile's key. Background and extension pages only. */
export async function readProfileKey(profile: Pick<ProfileMeta, 'id' | 'persistence'>): Promise<string | null> {
  return storage.getItem<string>(keyStorageKey(profile));
}

export async function writeProfileKey(profile: Pick<ProfileMeta, 'id' | 'persistence'>, key: string): Promise<void> {
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
