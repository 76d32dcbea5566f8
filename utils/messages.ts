/**
 * Every message between the extension's parts, typed, in one place.
 *
 * Names say the direction: `page:*` messages come from the extension's own pages (popup, explain page) and may
 * touch profiles and keys; `content:*` messages come from content scripts on community/platform pages and may
 * only ask for results by model id — never for a key, never for another host (DESIGN §1, STYLE: Dark Reader,
 * Bitwarden). The background checks the sender of every message against `MESSAGE_SENDERS`.
 */

import type { ModelResult, ProbeReport } from './probes/types';

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
}

/** What a content script may learn about the active profile: its label and the probe report, never the key. */
export interface AccessSummary {
  profileLabel: string;
  report: ProbeReport;
  checkedAt: number;
}

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
