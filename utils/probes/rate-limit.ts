/**
 * Reading the rate-limit and retry headers of an API answer (DESIGN §3): `x-ratelimit-{limit,remaining,reset}-
 * {requests,tokens}` (reset values are durations such as `6ms`, `1s`, `6m0s`), `retry-after` (seconds or an
 * HTTP date) and `retry-after-ms`.
 */
import type { RateLimitInfo } from './types';

/** Headers as the SDK hands them over (`Headers`) or as a plain object (tests, the fake API). */
export type HeaderSource = Headers | Record<string, string | undefined> | undefined;

export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | undefined>)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

function integerHeader(headers: HeaderSource, name: string): number | undefined {
  const raw = headerValue(headers, name);
  if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) return undefined;
  return Number(raw);
}

/** The `x-ratelimit-*` headers, or `undefined` when the answer carried none (some keys never get them). */
export function readRateLimit(headers: HeaderSource): RateLimitInfo | undefined {
  const info: RateLimitInfo = {};
  const limitRequests = integerHeader(headers, 'x-ratelimit-limit-requests');
  const remainingRequests = integerHeader(headers, 'x-ratelimit-remaining-requests');
  const limitTokens = integerHeader(headers, 'x-ratelimit-limit-tokens');
  const remainingTokens = integerHeader(headers, 'x-ratelimit-remaining-tokens');
  const resetRequests = headerValue(headers, 'x-ratelimit-reset-requests');
  const resetTokens = headerValue(headers, 'x-ratelimit-reset-tokens');
  if (limitRequests !== undefined) info.limitRequests = limitRequests;
  if (remainingRequests !== undefined) info.remainingRequests = remainingRequests;
  if (resetRequests !== undefined) info.resetRequests = resetRequests;
  if (limitTokens !== undefined) info.limitTokens = limitTokens;
  if (remainingTokens !== undefined) info.remainingTokens = remainingTokens;
  if (resetTokens !== undefined) info.resetTokens = resetTokens;
  return Object.keys(info).length > 0 ? info : undefined;
}

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** `6m0s` → 360000, `1.5s` → 1500, `20ms` → 20; `undefined` for anything else. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(DURATION_PART)) {
    if (match.index !== consumed) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    consumed += match[0].length;
  }
  return consumed === trimmed.length && Number.isFinite(total) ? total : undefined;
}

/**
 * How long the server asks us to wait, in ms: `retry-after-ms` first (finer), then `retry-after` as seconds or
 * as an HTTP date (against `now`). `undefined` when the answer names no wait.
 */
export function retryAfterMs(headers: HeaderSource, now: number): number | undefined {
  const precise = headerValue(headers, 'retry-after-ms');
  if (precise !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(precise)) return Number(precise);
  const plain = headerValue(headers, 'retry-after');
  if (plain === undefined) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(plain)) return Number(plain) * 1000;
  const date = Date.parse(plain);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
