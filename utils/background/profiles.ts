/**
 * Profiles and their keys, as the background keeps them. The only code that writes a key; the popup sends the
 * pasted text once and from then on sees the masked form.
 */
import type { ParsedKeyInput } from '../diagnosis/keys';
import type { SaveProfileResponse } from '../messages';
import {
  activeProfileIdItem,
  deleteProfileKey,
  loadProfiles,
  loadReportCache,
  type ProfileMeta,
  pickActiveProfile,
  profilesItem,
  readProfileKey,
  reportCacheItem,
  writeProfileKey,
} from '../storage';
import type { ValidProfileInput } from './validate';

export interface ProfileDeps {
  parseKeyInput: (raw: string) => ParsedKeyInput;
  maskKey: (key: string) => string;
  newId: () => string;
  now: () => number;
  /** Whether the extension holds a host permission (`https://host/*`). */
  hasHostPermission: (origin: string) => Promise<boolean>;
}

/** Why an admin key is refused: it cannot call models, so every probe would fail for a reason we already know. */
export const ADMIN_KEY_REASON =
  'This is an admin key (sk-admin-…). Admin keys manage the organization but cannot call models, so they cannot be checked. Create a project key on the API keys page and paste that.';

export async function saveProfile(input: ValidProfileInput, deps: ProfileDeps): Promise<SaveProfileResponse> {
  const profiles = await loadProfiles();
  const existing = input.profileId === undefined ? undefined : profiles.find((p) => p.id === input.profileId);
  if (input.profileId !== undefined && existing === undefined) {
    return { ok: false, field: 'profileId', reason: 'This profile no longer exists.' };
  }

  let key: string | null = null;
  let warnings: string[] = [];
  let parsed: ParsedKeyInput | null = null;
  if (input.key !== undefined && input.key.trim() !== '') {
    parsed = deps.parseKeyInput(input.key);
    if (parsed.key === '') return { ok: false, field: 'key', reason: 'Paste an API key.' };
    if (parsed.kind === 'admin') return { ok: false, field: 'key', reason: ADMIN_KEY_REASON };
    key = parsed.key;
    warnings = parsed.warnings;
  } else if (existing === undefined) {
    return { ok: false, field: 'key', reason: 'Paste an API key.' };
  } else {
    // Editing without a new key: carry the stored key over (it may move between local and session).
    key = await readProfileKey(existing);
    if (key === null && existing.persistence !== input.persistence) {
      return {
        ok: false,
        field: 'key',
        reason: 'The key is no longer stored (it was kept for one session only). Paste it again.',
      };
    }
  }

  if (input.permissionOrigin !== null && !(await deps.hasHostPermission(input.permissionOrigin))) {
    return {
      ok: false,
      field: 'baseUrl',
      reason: `The extension may not contact ${input.permissionOrigin.replace('/*', '')} yet: allow it when the browser asks.`,
    };
  }

  const profile: ProfileMeta = {
    id: existing?.id ?? deps.newId(),
    label: input.label,
    maskedKey: parsed !== null ? deps.maskKey(parsed.key) : (existing?.maskedKey ?? ''),
    persistence: input.persistence,
    createdAt: existing?.createdAt ?? deps.now(),
  };
  const kind = parsed?.kind ?? existing?.keyKind;
  if (kind !== undefined) profile.keyKind = kind;
  if (input.organizationId !== undefined) profile.organizationId = input.organizationId;
  if (input.projectId !== undefined) profile.projectId = input.projectId;
  if (input.baseUrl !== undefined) profile.baseUrl = input.baseUrl;

  if (key !== null) {
    // Remove from both areas first, so switching "remember" never leaves a copy in the area the user left.
    await deleteProfileKey(profile);
    await writeProfileKey(profile, key);
  }
  const next =
    existing === undefined
      ? [...profiles, profile]
      : profiles.map((p) => (p.id === profile.id ? profile : p));
  await profilesItem.setValue(next);
  if (existing === undefined) await activeProfileIdItem.setValue(profile.id);
  // A new key or another endpoint makes the old report someone else's answer.
  if (existing !== undefined && (parsed !== null || connectionChanged(existing, profile))) {
    await dropCachedReport(profile.id);
  }
  return { ok: true, profile, warnings };
}

function connectionChanged(before: ProfileMeta, after: ProfileMeta): boolean {
  return (
    before.baseUrl !== after.baseUrl ||
    before.organizationId !== after.organizationId ||
    before.projectId !== after.projectId
  );
}

async function dropCachedReport(profileId: string): Promise<void> {
  const cache = await loadReportCache();
  if (!(profileId in cache)) return;
  delete cache[profileId];
  await reportCacheItem.setValue(cache);
}

/** Deletes a profile's key (both areas), metadata and cached report. Unknown ids are a no-op. */
export async function deleteProfile(profileId: string): Promise<void> {
  const profiles = await loadProfiles();
  await deleteProfileKey({ id: profileId });
  await profilesItem.setValue(profiles.filter((p) => p.id !== profileId));
  await dropCachedReport(profileId);
  const activeId = await activeProfileIdItem.getValue();
  if (activeId === profileId) {
    await activeProfileIdItem.setValue(profiles.find((p) => p.id !== profileId)?.id ?? null);
  }
}

export async function setActiveProfile(profileId: string): Promise<boolean> {
  const profiles = await loadProfiles();
  if (!profiles.some((p) => p.id === profileId)) return false;
  await activeProfileIdItem.setValue(profileId);
  return true;
}

export interface ProfileWithKey {
  profile: ProfileMeta;
  apiKey: string;
}

/** A profile and its key, or null (no such profile, or its session-only key is gone). */
export async function loadProfileWithKey(profileId: string): Promise<ProfileWithKey | null> {
  const profile = (await loadProfiles()).find((p) => p.id === profileId);
  if (profile === undefined) return null;
  const apiKey = await readProfileKey(profile);
  return apiKey === null ? null : { profile, apiKey };
}

/** The active profile (stored choice, else the first) and its key; null when there is no usable one. */
export async function loadActiveProfileWithKey(): Promise<ProfileWithKey | null> {
  const profile = pickActiveProfile(await loadProfiles(), await activeProfileIdItem.getValue());
  return profile === null ? null : loadProfileWithKey(profile.id);
}

export async function keyPresence(): Promise<Record<string, boolean>> {
  const present: Record<string, boolean> = {};
  for (const profile of await loadProfiles()) present[profile.id] = (await readProfileKey(profile)) !== null;
  return present;
}
