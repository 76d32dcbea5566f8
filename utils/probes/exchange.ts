/**
 * One HTTP exchange with the API through the official `openai` SDK, turned into evidence: status, error fields,
 * request id, rate-limit headers, duration. Every text that leaves here is scrubbed of the key.
 *
 * Why our own deadline on top of the SDK's `timeout`: the SDK clears its timer once the headers arrive, so a
 * body that trickles in (a stalled proxy) would hang the run. Our AbortController covers the whole exchange.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { maskKey } from '../diagnosis/keys';
import { redactKeys } from '../diagnosis/redact';
import type { SdkErrorLike } from '../diagnosis/types';
import { type HeaderSource, readRateLimit } from './rate-limit';
import type { ProbeEvidence, ProbeProfile, RateLimitInfo } from './types';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_MESSAGE_LENGTH = 400;

/** What every request of one run shares. */
export interface ProbeSession {
  client: OpenAI;
  baseUrl: string;
  timeoutMs: number;
  /** The run's signal: aborting it cancels every request in flight. */
  signal?: AbortSignal;
  now: () => number;
  /** Requests sent so far (every attempt counts). */
  requestCount: number;
  /** Removes the key (and any key-shaped text) from a string meant for a report. */
  scrub: (text: string) => string;
}

export interface SessionOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Trims the trailing slash so `${baseUrl}/models` is exact; an empty value means the default. */
export function normaliseBaseUrl(baseUrl: string | undefined): string {
  const trimmed = (baseUrl ?? '').trim().replace(/\/+$/, '');
  return trimmed === '' ? DEFAULT_BASE_URL : trimmed;
}

/**
 * A scrubber for one key: exact occurrences first, whatever their shape (a proxy may echo any key), as its
 * masked form (`sk-proj-…abcd`); then everything key-like.
 */
export function makeScrubber(apiKey: string): (text: string) => string {
  const masked = maskKey(apiKey);
  return (text: string) => {
    const withoutKey = apiKey.length >= 8 ? text.split(apiKey).join(masked) : text;
    return redactKeys(withoutKey);
  };
}

/** Every string in `value`, scrubbed: nothing key-shaped may leave a probe, whatever produced it. */
export function scrubDeep<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, scrub)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = scrubDeep(item, scrub);
    return out as T;
  }
  return value;
}

/**
 * One client per run, as issue 4 asks: no retries (we decide what to retry), our timeout, only the profile's
 * base URL, and nothing read from the environment (`OPENAI_ORG_ID`, `OPENAI_LOG`… must not leak into a probe).
 */
export function createProbeSession(profile: ProbeProfile, options: SessionOptions): ProbeSession {
  const baseUrl = normaliseBaseUrl(profile.baseUrl);
  const timeoutMs = Math.max(1, Math.round(options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  const client = new OpenAI({
    apiKey: profile.apiKey,
    adminAPIKey: null,
    baseURL: baseUrl,
    organization: profile.organizationId?.trim() || null,
    project: profile.projectId?.trim() || null,
    maxRetries: 0,
    timeout: timeoutMs,
    fetch: options.fetch,
    // The background service worker has no `window`; extension pages (and tests) do. The key never reaches a
    // web page: only extension contexts run probes (DESIGN §1).
    dangerouslyAllowBrowser: true,
    logLevel: 'off',
  });
  return {
    client,
    baseUrl,
    timeoutMs,
    signal: options.signal,
    now: options.now ?? Date.now,
    requestCount: 0,
    scrub: makeScrubber(profile.apiKey),
  };
}

/** The per-request options every SDK call gets. */
export interface CallOptions {
  signal: AbortSignal;
  timeout: number;
  maxRetries: number;
}

/** The `error` object of an API error body. */
export interface ErrorBodyFields {
  message?: string;
  type?: string;
  code?: string;
  param?: string;
}

export interface Exchange<T> {
  evidence: ProbeEvidence;
  status?: number;
  headers?: HeaderSource;
  rateLimit?: RateLimitInfo;
  /** The parsed answer of a 2xx. */
  data?: T;
  /** Any failure, shaped for the classifier (`classify`). Messages are scrubbed. */
  failure?: SdkErrorLike;
  fields: ErrorBodyFields;
  /** The run was cancelled while this request was in flight. */
  aborted: boolean;
  /** No complete answer within the timeout (headers or body). */
  timedOut: boolean;
  /** The server answered "success" with a body that is not JSON (a proxy or portal page, an empty body). */
  unreadable?: boolean;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function bodyFields(error: unknown): ErrorBodyFields {
  if (typeof error !== 'object' || error === null) return {};
  const record = error as Record<string, unknown>;
  return {
    message: stringField(record.message),
    type: stringField(record.type),
    code: stringField(record.code),
    param: stringField(record.param),
  };
}

function shorten(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

function linkAbort(source: AbortSignal | undefined, target: AbortController): () => void {
  if (source === undefined) return () => {};
  if (source.aborted) {
    target.abort();
    return () => {};
  }
  const onAbort = () => target.abort();
  source.addEventListener('abort', onAbort, { once: true });
  return () => source.removeEventListener('abort', onAbort);
}

/**
 * Sends one request through `call` (an SDK method given our options) and reads the answer. `consume` reads a
 * streamed body inside the deadline. Never throws.
 */
export async function exchange<T>(
  session: ProbeSession,
  method: 'GET' | 'POST',
  path: string,
  call: (options: CallOptions) => Promise<{ data: T; response: Response }>,
  consume?: (data: T) => Promise<void>,
): Promise<Exchange<T>> {
  if (session.signal?.aborted) {
    // Nothing is sent once the run is cancelled.
    return { evidence: { method, path, durationMs: 0 }, fields: {}, aborted: true, timedOut: false };
  }
  const controller = new AbortController();
  const unlink = linkAbort(session.signal, controller);
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, session.timeoutMs);
  const started = session.now();
  session.requestCount += 1;
  const evidence: ProbeEvidence = { method, path, durationMs: 0 };
  const finish = (result: Omit<Exchange<T>, 'evidence' | 'aborted' | 'timedOut'>): Exchange<T> => {
    clearTimeout(deadline);
    unlink();
    evidence.durationMs = Math.max(0, session.now() - started);
    const aborted = session.signal?.aborted === true;
    return { ...result, evidence, aborted, timedOut: timedOut && !aborted };
  };

  try {
    const { data, response } = await call({
      signal: controller.signal,
      timeout: session.timeoutMs,
      maxRetries: 0,
    });
    if (consume) await consume(data);
    evidence.httpStatus = response.status;
    const requestId = response.headers.get('x-request-id');
    if (requestId) evidence.requestId = requestId;
    const rateLimit = readRateLimit(response.headers);
    if (rateLimit) evidence.rateLimit = rateLimit;
    if (timedOut) {
      return finish({
        status: response.status,
        headers: response.headers,
        fields: {},
        failure: timeoutFailure(),
      });
    }
    return finish({ status: response.status, headers: response.headers, rateLimit, data, fields: {} });
  } catch (error) {
    if (timedOut || error instanceof APIConnectionTimeoutError) {
      timedOut = true;
      const status = error instanceof APIError && typeof error.status === 'number' ? error.status : undefined;
      if (status !== undefined) evidence.httpStatus = status;
      evidence.message = 'No complete answer within the timeout.';
      return finish({ status, fields: {}, failure: timeoutFailure() });
    }
    if (error instanceof APIError && typeof error.status === 'number') {
      const headers = error.headers ?? undefined;
      const fields = bodyFields(error.error);
      const message = session.scrub(shorten(fields.message ?? error.message));
      evidence.httpStatus = error.status;
      if (fields.type) evidence.type = fields.type;
      if (fields.code) evidence.code = fields.code;
      if (fields.param) evidence.param = fields.param;
      evidence.message = message;
      if (error.requestID) evidence.requestId = error.requestID;
      const rateLimit = readRateLimit(headers);
      if (rateLimit) evidence.rateLimit = rateLimit;
      const failure: SdkErrorLike = {
        name: sdkErrorName(error.status),
        message: session.scrub(shorten(error.message)),
        status: error.status,
        headers,
        error: fields.message === undefined ? undefined : { ...fields, message },
        code: fields.code ?? null,
        param: fields.param ?? null,
        type: fields.type ?? null,
        requestID: error.requestID ?? null,
      };
      return finish({ status: error.status, headers, rateLimit, failure, fields: { ...fields, message } });
    }
    // The SDK parses a body strictly only after a 2xx (error bodies are read leniently), so a SyntaxError means a
    // "success" that is not JSON: an answer nobody can read, not a network failure.
    if (error instanceof Error && error.name === 'SyntaxError') {
      evidence.message = 'The server answered, but its body is not valid JSON.';
      return finish({ fields: {}, unreadable: true, failure: { name: 'Error', message: evidence.message } });
    }
    const name = error instanceof APIConnectionError ? 'APIConnectionError' : 'Error';
    const raw = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    const message = session.scrub(shorten(cause ? `${raw} (${cause})` : raw));
    evidence.message = message;
    return finish({ fields: {}, failure: { name, message } });
  }
}

/** The SDK's class for a status (DESIGN §3), by name: class names do not survive minification. */
function sdkErrorName(status: number): string {
  const names: Record<number, string> = {
    400: 'BadRequestError',
    401: 'AuthenticationError',
    403: 'PermissionDeniedError',
    404: 'NotFoundError',
    409: 'ConflictError',
    422: 'UnprocessableEntityError',
    429: 'RateLimitError',
  };
  return names[status] ?? (status >= 500 ? 'InternalServerError' : 'APIError');
}

function timeoutFailure(): SdkErrorLike {
  return { name: 'APIConnectionTimeoutError', message: 'Request timed out.' };
}
