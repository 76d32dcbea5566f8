/**
 * Every message between the extension's parts, typed, in one place.
 *
 * Names say the direction: `page:*` messages come from the extension's own pages (popup, explain page) and may
 * touch profiles and keys; `content:*` messages come from content scripts on community/platform pages and may
 * only ask for results by model id, or for the errors in page text the user is looking at (with keys masked) —
 * never for a key, never for another host (DESIGN §1, STYLE: Dark Reader, Bitwarden). The background checks the
 * sender of every message against `MESSAGE_SENDERS`.
 */

import type { Diagnosis } from './diagnosis/types';
import type {
  ModelResult,
  PaidCheckEstimate,
  PaidCheckKind,
  ProbeReport,
  VerificationCheckResult,
} from './probes/types';
import type { KeyFieldState } from './popup/key-entry';
import type { KeyPersistence, ProfileMeta, Settings } from './storage';

/** Who may send a message. */
export type SenderKind = 'extension-page' | 'content-script';

/** The request and response of each message type. */
export interface MessageProtocol {
  /** Health check: any part of the extension may ask. */
  'any:ping': { request: Record<string, never>; response: { ok: true; version: string } };

  /**
   * Content scripts ("check with my key" on a forum post): probe one model with the active profile.
   * The answer never holds the key (ModelResult has none; messages in it are redacted).
   */
  'content:checkModel': { request: { model: string }; response: ContentAnswer<{ result: ModelResult }> };
  /** Content scripts (the platform panel): the active profile's last report from the cache, if any. */
  'content:accessSummary': {
    request: Record<string, never>;
    response: ContentAnswer<{ summary: AccessSummary | null }>;
  };
  /** Content scripts (the platform panel's "Re-check now" and its scheduled re-checks): run the default probe. */
  'content:recheck': { request: Record<string, never>; response: ContentAnswer<{ summary: AccessSummary }> };
  /** Content scripts: open the extension's UI (the popup page) so the user can add a key. */
  'content:openPopup': { request: Record<string, never>; response: { ok: boolean } };
  /**
   * Content scripts (the page scanner): the OpenAI errors in blocks of page text — one paragraph or code block
   * per string, `results[i]` for `texts[i]`, offsets into that string. The diagnosis engine stays in the
   * background so the content scripts stay small. Key-shaped substrings are replaced before sending
   * (utils/scan/outgoing-text.ts); the text never leaves the extension. Bounded by `FIND_ERRORS_LIMITS`.
   */
  'content:findErrors': { request: { texts: string[] }; response: { results: FoundError[][] } };

  /*
   * Extension pages only (the popup). Reads of non-secret state (profiles, settings, cached reports, run progress)
   * go straight to storage (utils/storage.ts) so the popup paints at once; everything that touches a key or the
   * network, and every write, goes through the background, which validates it.
   */
  /** Create a profile (with `key`) or edit one (`profileId`; `key` absent keeps the stored key). */
  'page:saveProfile': { request: SaveProfileRequest; response: SaveProfileResponse };
  /** Delete a profile, its key (both areas), its cached report and any run. */
  'page:deleteProfile': { request: { profileId: string }; response: { ok: true } };
  'page:setActiveProfile': { request: { profileId: string }; response: { ok: true } };
  /** Which profiles have a key right now (a session-only key is gone after a browser restart). Never the key. */
  'page:keyPresence': { request: Record<string, never>; response: { present: Record<string, boolean> } };
  /** Start "Check access" for a profile; progress lands in `session:runs`, the report in `local:reportCache`. */
  'page:startRun': { request: { profileId: string }; response: { runId: string } };
  'page:cancelRun': { request: { profileId: string }; response: { cancelled: boolean } };
  /**
   * Explain pasted text with the diagnosis engine (kept in the background so the popup stays small). The text is
   * also kept, redacted, as the explain box's draft in `session:explainDraft`.
   */
  'page:explain': { request: { text: string }; response: { diagnosis: Diagnosis | null } };
  /** What the key field should say about a pasted key (kind, cleaning, warnings, admin refusal). Never the key. */
  'page:describeKey': { request: { raw: string }; response: KeyFieldState };
  /** The Markdown report of a profile's cached check, keys masked, ids masked when asked. */
  'page:buildReport': { request: { profileId: string; maskIds: boolean }; response: { markdown: string } };
  /** Change settings; the answer is the stored, validated result. */
  'page:saveSettings': { request: { settings: Partial<Settings> }; response: { settings: Settings } };
  /** The catalogue's default models to probe (settings "reset to defaults"). */
  'page:modelDefaults': { request: Record<string, never>; response: { models: string[] } };
  /** What a paid check would cost, shown before it runs. `model` absent for verification: the default model. */
  'page:paidCheckEstimate': {
    request: { kind: PaidCheckKind; model?: string };
    response: { estimate: PaidCheckEstimate | null };
  };
  /**
   * Run a paid check the user accepted (needs the consent in settings). The background recomputes the estimate and
   * refuses when it differs from `acceptedCost`. Results update the profile's cached report.
   */
  'page:paidCheck': {
    request: { profileId: string; kind: PaidCheckKind; model: string; acceptedCost: PaidCheckEstimate };
    response: { result?: ModelResult; verification?: VerificationCheckResult };
  };
}

export interface SaveProfileRequest {
  /** Absent: create a new profile. */
  profileId?: string;
  label: string;
  /** The key as pasted (cleaned in the background). Required for a new profile. */
  key?: string;
  persistence: KeyPersistence;
  organizationId?: string;
  projectId?: string;
  /** Absent or empty: the default base URL. The page asks for the host permission before sending this. */
  baseUrl?: string;
}

export type SaveProfileResponse =
  | { ok: true; profile: ProfileMeta; warnings: string[] }
  | {
      ok: false;
      field: 'key' | 'label' | 'organizationId' | 'projectId' | 'baseUrl' | 'profileId';
      reason: string;
    };

/** What a content script may learn about the active profile: its label and the probe report, never the key. */
export interface AccessSummary {
  profileLabel: string;
  report: ProbeReport;
  checkedAt: number;
  /** The organization-verification paid check, when the user ran it for this profile. */
  verification?: VerificationCheckResult;
  /** What the model catalogue says about verification (the catalogue stays in the background). */
  verificationFacts: VerificationFacts;
}

export type VerificationNeed = 'always' | 'streaming';

/** The model catalogue's verification facts the platform panel shows, built by the background. */
export interface VerificationFacts {
  /** The report's models that need a verified organization: for any use, or to stream. */
  needs: Array<{ model: string; verification: VerificationNeed }>;
  /**
   * Models verification unlocks: base ids (dated snapshots repeat their facts), not retired when the summary was
   * built; a deprecated one carries its shutdown date, so a summary read later still leaves it out after that.
   */
  unlocks: Array<{ model: string; verification: VerificationNeed; shutdownDate?: string }>;
}

/** An error found in one text of `content:findErrors`: `[start, end)` in that text, and what it means. */
export interface FoundError {
  start: number;
  end: number;
  diagnosis: Diagnosis;
}

/**
 * The most one `content:findErrors` message may carry: the background refuses more, the content script splits
 * its batches to fit. A Discourse post is at most 32,000 characters and one topic load about 640 KB of text
 * (DESIGN §4), so a normal page fits in one message; 1,000,000 characters is 2 MB as UTF-16.
 */
export const FIND_ERRORS_LIMITS = { maxTexts: 400, maxChars: 1_000_000 } as const;

/** Answers to content scripts: `no-key` when no profile with a key is set up yet. */
export type ContentAnswer<T> = ({ state: 'ready' } & T) | { state: 'no-key' };

export type MessageType = keyof MessageProtocol;
export type MessageRequest<T extends MessageType> = MessageProtocol[T]['request'];
export type MessageResponse<T extends MessageType> = MessageProtocol[T]['response'];

/** The envelope on the wire. */
export interface MessageEnvelope<T extends MessageType = MessageType> {
  /** Marks our messages apart from anything else on `runtime.onMessage`. */
  mad: 1;
  type: T;
  payload: MessageRequest<T>;
}

/** An error answer; handlers never throw across the wire (the polyfill would turn it into a bare string). */
export interface MessageFailure {
  madError: string;
}

/** Which senders each message accepts. A message missing here fails to compile. */
export const MESSAGE_SENDERS: { readonly [T in MessageType]: readonly SenderKind[] } = {
  'any:ping': ['extension-page', 'content-script'],
  'content:checkModel': ['content-script', 'extension-page'],
  'content:accessSummary': ['content-script', 'extension-page'],
  'content:recheck': ['content-script', 'extension-page'],
  'content:openPopup': ['content-script', 'extension-page'],
  'content:findErrors': ['content-script', 'extension-page'],
  'page:saveProfile': ['extension-page'],
  'page:deleteProfile': ['extension-page'],
  'page:setActiveProfile': ['extension-page'],
  'page:keyPresence': ['extension-page'],
  'page:startRun': ['extension-page'],
  'page:cancelRun': ['extension-page'],
  'page:explain': ['extension-page'],
  'page:describeKey': ['extension-page'],
  'page:buildReport': ['extension-page'],
  'page:saveSettings': ['extension-page'],
  'page:modelDefaults': ['extension-page'],
  'page:paidCheckEstimate': ['extension-page'],
  'page:paidCheck': ['extension-page'],
};

export const MESSAGE_TYPES = Object.keys(MESSAGE_SENDERS) as MessageType[];

export function isMessageEnvelope(value: unknown): value is MessageEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { mad?: unknown; type?: unknown; payload?: unknown };
  return (
    candidate.mad === 1 &&
    typeof candidate.type === 'string' &&
    Object.hasOwn(MESSAGE_SENDERS, candidate.type) &&
    typeof candidate.payload === 'object' &&
    candidate.payload !== null
  );
}

export function isMessageFailure(value: unknown): value is MessageFailure {
  return (
    typeof value === 'object' && value !== null && typeof (value as MessageFailure).madError === 'string'
  );
}
