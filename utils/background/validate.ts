/**
 * Validation of everything that crosses into the background. Pure functions: the popup uses the same ones to
 * explain a problem before sending, the background uses them to refuse it (a message may be forged).
 */
import { FIND_ERRORS_LIMITS, type SaveProfileRequest } from '../messages';
import { DEFAULT_BASE_URL, isModelId, type KeyPersistence } from '../storage';

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Organization ids as the platform shows them (`org-` + letters and digits). */
const ORGANIZATION_ID = /^org-[A-Za-z0-9]{4,64}$/;
/** Project ids (`proj_` + letters and digits). */
const PROJECT_ID = /^proj_[A-Za-z0-9]{4,64}$/;
const MAX_LABEL_LENGTH = 60;
/** A pasted key with its debris (an `.env` line, quotes, a `Bearer ` prefix) stays well under this. */
export const MAX_RAW_KEY_LENGTH = 1_000;

export function checkLabel(raw: unknown): FieldCheck<string> {
  if (typeof raw !== 'string') return { ok: false, reason: 'The label must be text.' };
  const label = raw.trim().replace(/\s+/g, ' ');
  if (label.length === 0) return { ok: false, reason: 'Give the key a label, e.g. "Work project".' };
  if (label.length > MAX_LABEL_LENGTH) {
    return { ok: false, reason: `Keep the label under ${MAX_LABEL_LENGTH} characters.` };
  }
  return { ok: true, value: label };
}

/** Empty means "not set". */
export function checkOrganizationId(raw: unknown): FieldCheck<string | undefined> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (typeof raw !== 'string') return { ok: false, reason: 'The organization id must be text.' };
  const value = raw.trim();
  if (value === '') return { ok: true, value: undefined };
  if (!ORGANIZATION_ID.test(value)) {
    return { ok: false, reason: 'Organization ids look like "org-" followed by letters and digits.' };
  }
  return { ok: true, value };
}

export function checkProjectId(raw: unknown): FieldCheck<string | undefined> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (typeof raw !== 'string') return { ok: false, reason: 'The project id must be text.' };
  const value = raw.trim();
  if (value === '') return { ok: true, value: undefined };
  if (!PROJECT_ID.test(value)) {
    return { ok: false, reason: 'Project ids look like "proj_" followed by letters and digits.' };
  }
  return { ok: true, value };
}

export interface BaseUrlCheck {
  /** `undefined` for the default base URL (nothing to store, no permission to ask). */
  baseUrl: string | undefined;
  /** The optional host permission this base URL needs, e.g. `https://proxy.example.com/*`; null if none. */
  permissionOrigin: string | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * A custom API base URL: `https://` anywhere, or `http://` on the local machine only (a local proxy) — exactly what
 * the manifest's optional host permissions allow. No credentials, query or fragment: they would leak into every
 * request or mean the user pasted the wrong thing.
 */
export function checkBaseUrl(raw: unknown): FieldCheck<BaseUrlCheck> {
  if (raw === undefined || raw === null)
    return { ok: true, value: { baseUrl: undefined, permissionOrigin: null } };
  if (typeof raw !== 'string') return { ok: false, reason: 'The base URL must be text.' };
  const text = raw.trim();
  if (text === '') return { ok: true, value: { baseUrl: undefined, permissionOrigin: null } };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'This is not a URL. Example: https://api.openai.com/v1' };
  }
  const secure = url.protocol === 'https:';
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (!secure && !loopback) {
    return { ok: false, reason: 'Use https:// (plain http:// is allowed only for localhost).' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'Leave user names and passwords out of the URL.' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'The base URL takes no "?" query or "#" part.' };
  }
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  if (baseUrl === DEFAULT_BASE_URL)
    return { ok: true, value: { baseUrl: undefined, permissionOrigin: null } };
  // api.openai.com is a required host permission already; match patterns ignore the port.
  const permissionOrigin =
    url.hostname === 'api.openai.com' && secure ? null : `${url.protocol}//${url.hostname}/*`;
  return { ok: true, value: { baseUrl, permissionOrigin } };
}

export interface ValidProfileInput {
  profileId?: string;
  label: string;
  key?: string;
  persistence: KeyPersistence;
  organizationId?: string;
  projectId?: string;
  baseUrl?: string;
  permissionOrigin: string | null;
}

export type ProfileInputCheck =
  | { ok: true; value: ValidProfileInput }
  | {
      ok: false;
      field: 'key' | 'label' | 'organizationId' | 'projectId' | 'baseUrl' | 'profileId';
      reason: string;
    };

/** Checks a `page:saveProfile` payload field by field. The key's own shape is judged by `parseKeyInput`. */
export function checkProfileInput(payload: unknown): ProfileInputCheck {
  const raw = (typeof payload === 'object' && payload !== null ? payload : {}) as Partial<
    Record<keyof SaveProfileRequest, unknown>
  >;
  if (raw.profileId !== undefined && (typeof raw.profileId !== 'string' || raw.profileId.length > 64)) {
    return { ok: false, field: 'profileId', reason: 'Unknown profile.' };
  }
  const label = checkLabel(raw.label);
  if (!label.ok) return { ok: false, field: 'label', reason: label.reason };
  if (raw.key !== undefined && (typeof raw.key !== 'string' || raw.key.length > MAX_RAW_KEY_LENGTH)) {
    return { ok: false, field: 'key', reason: 'That is too long to be an API key.' };
  }
  const organizationId = checkOrganizationId(raw.organizationId);
  if (!organizationId.ok) return { ok: false, field: 'organizationId', reason: organizationId.reason };
  const projectId = checkProjectId(raw.projectId);
  if (!projectId.ok) return { ok: false, field: 'projectId', reason: projectId.reason };
  const baseUrl = checkBaseUrl(raw.baseUrl);
  if (!baseUrl.ok) return { ok: false, field: 'baseUrl', reason: baseUrl.reason };
  const value: ValidProfileInput = {
    label: label.value,
    persistence: raw.persistence === 'session' ? 'session' : 'local',
    permissionOrigin: baseUrl.value.permissionOrigin,
  };
  if (typeof raw.profileId === 'string') value.profileId = raw.profileId;
  if (typeof raw.key === 'string') value.key = raw.key;
  if (organizationId.value !== undefined) value.organizationId = organizationId.value;
  if (projectId.value !== undefined) value.projectId = projectId.value;
  if (baseUrl.value.baseUrl !== undefined) value.baseUrl = baseUrl.value.baseUrl;
  return { ok: true, value };
}

/**
 * A model id from a content script or a page: a short string of safe characters, nothing else — it ends up in
 * a JSON body sent with the user's key, so it must not be a vehicle for anything.
 */
export function checkModelId(raw: unknown): FieldCheck<string> {
  if (!isModelId(raw)) return { ok: false, reason: 'Not a model id.' };
  return { ok: true, value: raw };
}

/** `Record<string, never>` payloads: anything is accepted but nothing in it is read. */
export function checkProfileIdPayload(payload: unknown): FieldCheck<string> {
  const id = (payload as { profileId?: unknown } | null)?.profileId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64)
    return { ok: false, reason: 'Unknown profile.' };
  return { ok: true, value: id };
}

/**
 * A `content:findErrors` payload: an array of at most `FIND_ERRORS_LIMITS.maxTexts` strings holding at most
 * `maxChars` characters together. Page text is attacker-controlled and the classifier's time grows with the
 * text, so the batch is bounded here; a content script splits larger batches before sending.
 */
export function checkFindErrorsPayload(payload: unknown): FieldCheck<string[]> {
  const texts = (payload as { texts?: unknown } | null)?.texts;
  if (!Array.isArray(texts)) return { ok: false, reason: 'No texts to read.' };
  if (texts.length > FIND_ERRORS_LIMITS.maxTexts) {
    return { ok: false, reason: `Too many texts in one message (at most ${FIND_ERRORS_LIMITS.maxTexts}).` };
  }
  let total = 0;
  const copy: string[] = [];
  for (const text of texts) {
    if (typeof text !== 'string') return { ok: false, reason: 'Every text must be a string.' };
    total += text.length;
    if (total > FIND_ERRORS_LIMITS.maxChars) {
      return {
        ok: false,
        reason: `Too much text in one message (at most ${FIND_ERRORS_LIMITS.maxChars} characters).`,
      };
    }
    copy.push(text);
  }
  return { ok: true, value: copy };
}
