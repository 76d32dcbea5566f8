/**
 * Handing selected text from the context menu to the explain page.
 *
 * The text goes into session storage under a random id and only the id goes into the page's URL: a selection
 * can be long (URLs have limits), and URLs end up in history and sync. Keys in the selection are masked before
 * anything is stored — no key may land in a storage area the user did not choose for it (issue 8).
 * Pure functions over plain values; the background and the page pass the stored record in and out.
 */
import type { ExplainRequest } from '../storage';

/** Requests older than this are dropped: the page reads its text within a second of opening. An hour lets a
 * reload of the explain page still work. */
export const EXPLAIN_REQUEST_TTL_MS = 60 * 60_000;
/** At most this many waiting requests are kept (newest first). */
export const MAX_EXPLAIN_REQUESTS = 10;
/** A selection longer than this is cut: errors are short, and a whole page selected by mistake is not one. */
export const MAX_EXPLAIN_TEXT = 20_000;

export const EXPLAIN_REQUEST_PARAM = 'request';

const REQUEST_ID = /^[0-9a-f]{32}$/;

/** A 128-bit random id in hex, from injected random bytes (`crypto.getRandomValues`). */
export function newExplainRequestId(randomBytes: (length: number) => Uint8Array): string {
  return Array.from(randomBytes(16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function isExplainRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}

/** Keeps requests younger than the TTL, the newest `MAX_EXPLAIN_REQUESTS - 1` of them, to make room for one more. */
export function pruneExplainRequests(
  requests: Readonly<Record<string, ExplainRequest>>,
  now: number,
  keep = MAX_EXPLAIN_REQUESTS,
): Record<string, ExplainRequest> {
  const fresh = Object.entries(requests)
    .filter(
      ([id, request]) =>
        isExplainRequestId(id) &&
        typeof request?.text === 'string' &&
        typeof request.createdAt === 'number' &&
        now - request.createdAt < EXPLAIN_REQUEST_TTL_MS &&
        request.createdAt <= now,
    )
    .sort(([, a], [, b]) => b.createdAt - a.createdAt)
    .slice(0, keep);
  return Object.fromEntries(fresh);
}

/** The stored record with one more request (pruned first). `text` must already be redacted. */
export function addExplainRequest(
  requests: Readonly<Record<string, ExplainRequest>>,
  id: string,
  text: string,
  now: number,
): Record<string, ExplainRequest> {
  if (!isExplainRequestId(id)) throw new Error('explain request id must be 32 hex characters');
  return {
    ...pruneExplainRequests(requests, now, MAX_EXPLAIN_REQUESTS - 1),
    [id]: { text: text.slice(0, MAX_EXPLAIN_TEXT), createdAt: now },
  };
}

/** The text waiting for the page with this id, or `null` (unknown, expired, malformed). */
export function findExplainRequest(
  requests: Readonly<Record<string, ExplainRequest>> | null | undefined,
  id: string | null,
  now: number,
): ExplainRequest | null {
  if (requests === null || requests === undefined || !isExplainRequestId(id)) return null;
  return pruneExplainRequests(requests, now)[id] ?? null;
}

/** The request id in an explain page URL (`explain.html?request=<id>`), or `null`. */
export function explainRequestIdFromUrl(url: string): string | null {
  try {
    const id = new URL(url).searchParams.get(EXPLAIN_REQUEST_PARAM);
    return isExplainRequestId(id) ? id : null;
  } catch {
    return null;
  }
}
