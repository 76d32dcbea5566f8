/**
 * Shared parts of the hardening e2e files (issue 8): a fake API over real TCP that can misbehave in every way a
 * network can, a way into the content scripts' isolated world, and searches for a secret in everything a test
 * can reach.
 *
 * Why a node server and not only `context.route`: Playwright cannot trickle a body, cannot refuse a connection on
 * one request only, and cannot tell when the client gave up on a request. A socket can. The service worker reaches
 * it through CORS (the server answers the preflight), so no optional host permission has to be granted by a click.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { answerFakeApi, createFakeState, requestedModel } from '../fake-api';
import type { ExtensionSession } from './harness';

/** Every way an answer can go wrong that the issue lists, plus the well-behaved default. */
export type NetworkFault =
  | 'timeout'
  | 'reset'
  | 'html-502'
  | 'html-503'
  | 'invalid-json'
  | 'invalid-json-200'
  | 'empty-body'
  | 'empty-500'
  | 'huge-json'
  | 'huge-html'
  | 'drip'
  | 'retry-after-hour'
  | 'status-418'
  | 'status-499'
  | 'status-520';

export interface ServedRequest {
  method: string;
  path: string;
  model?: string;
  receivedAt: number;
  /** When the exchange ended, and how: our answer finished, the client closed it, or we dropped it. */
  endedAt?: number;
  endedBy?: 'answered' | 'client-closed' | 'dropped';
}

export interface FaultyApi {
  baseUrl: string;
  port: number;
  requests: ServedRequest[];
  /** Requests whose exchange has not ended yet (neither answered nor closed by either side). */
  pending(): ServedRequest[];
  /** Which model calls misbehave, and how; `*` applies to every path (key checks included). */
  setFaults(faults: Readonly<Record<string, NetworkFault>>): void;
  close(): Promise<void>;
}

const TEN_MB = 10 * 1024 * 1024;
const HTML_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>';
const HTML_503 =
  '<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>Service Temporarily Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems.</p></body></html>';
const HTML_520 =
  '<!DOCTYPE html><html><head><title>api.openai.com | 520: Web server is returning an unknown error</title></head><body><h1>Web server is returning an unknown error <span>Error code 520</span></h1><p>Cloudflare Ray ID: 8f0000000000abcd</p></body></html>';

function corsHeaders(message: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    // A wildcard does not cover `Authorization`: echo what the browser asks for.
    'access-control-allow-headers': message.headers['access-control-request-headers'] ?? '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-expose-headers': '*',
    'access-control-max-age': '600',
  };
}

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', () => resolve(''));
  });
}

function flatHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * The fake API (tests/fake-api core, same scenarios by key) on 127.0.0.1, with per-model network faults on top.
 * Every request is logged with how it ended, so a test can prove that a cancelled run left nothing open.
 */
export async function startFaultyApi(
  initial: Readonly<Record<string, NetworkFault>> = {},
): Promise<FaultyApi> {
  const state = createFakeState();
  const requests: ServedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  let faults: Readonly<Record<string, NetworkFault>> = initial;

  function end(record: ServedRequest, how: NonNullable<ServedRequest['endedBy']>): void {
    if (record.endedBy !== undefined) return;
    record.endedBy = how;
    record.endedAt = Date.now();
  }

  function send(
    response: ServerResponse,
    record: ServedRequest,
    status: number,
    headers: Record<string, string>,
    body: string,
  ): void {
    response.writeHead(status, headers);
    response.end(body, () => end(record, 'answered'));
  }

  interface Plain {
    status: number;
    headers: Record<string, string>;
    body: string;
  }

  /** The answer a fault gives, when it is an ordinary (if odd) HTTP answer; `null` for the transport faults. */
  function oddAnswer(fault: NetworkFault, cors: Record<string, string>, normal: () => Plain): Plain | null {
    const json = { ...cors, 'content-type': 'application/json' };
    const html = { ...cors, 'content-type': 'text/html; charset=utf-8' };
    switch (fault) {
      case 'timeout':
      case 'reset':
      case 'drip':
        return null;
      case 'html-502':
        return { status: 502, headers: html, body: HTML_502 };
      case 'html-503':
        return { status: 503, headers: html, body: HTML_503 };
      case 'invalid-json': {
        // The normal answer cut short, inside a string: no JSON parser can read it.
        const answer = normal();
        return { ...answer, body: answer.body.slice(0, 40) };
      }
      case 'invalid-json-200':
        return {
          status: 200,
          headers: json,
          body: '{"id":"chatcmpl-1","object":"chat.completion","choices":[{',
        };
      case 'empty-body':
        return { status: 200, headers: json, body: '' };
      case 'empty-500':
        return { status: 500, headers: json, body: '' };
      case 'huge-json': {
        // A proxy that wraps a 10 MB page in an error message: valid JSON, absurd size.
        const message = `Upstream said: ${'x'.repeat(TEN_MB)}`;
        const error = { message, type: 'server_error', param: null, code: null };
        return { status: 500, headers: json, body: JSON.stringify({ error }) };
      }
      case 'huge-html':
        // A captive portal or a proxy login page answering 200 with 10 MB of markup.
        return {
          status: 200,
          headers: html,
          body: `<html><body>${'<p>portal</p>'.repeat(TEN_MB / 12)}</body></html>`,
        };
      case 'retry-after-hour': {
        const error = {
          message:
            'Rate limit reached for requests per day (RPD): Limit 200, Used 200, Requested 1. Please try again in 1h0m0s.',
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        };
        const headers = {
          ...json,
          'retry-after': '3600',
          'retry-after-ms': '3600000',
          'x-request-id': 'req_hour',
        };
        return { status: 429, headers, body: JSON.stringify({ error }) };
      }
      case 'status-418':
        return { status: 418, headers: { ...cors, 'content-type': 'text/plain' }, body: "I'm a teapot" };
      case 'status-499':
        return { status: 499, headers: json, body: '' };
      case 'status-520':
        return { status: 520, headers: html, body: HTML_520 };
    }
  }

  function misbehave(
    fault: NetworkFault,
    message: IncomingMessage,
    response: ServerResponse,
    record: ServedRequest,
    normal: () => Plain,
  ): void {
    const cors = corsHeaders(message);
    const odd = oddAnswer(fault, cors, normal);
    if (odd !== null) {
      send(response, record, odd.status, odd.headers, odd.body);
    } else if (fault === 'reset') {
      end(record, 'dropped');
      message.socket.destroy();
    } else if (fault === 'drip') {
      // Status and headers at once, then one byte every 250 ms: the SDK's own timer has stopped by now.
      response.writeHead(200, { ...cors, 'content-type': 'application/json' });
      const body = normal().body;
      let offset = 0;
      const timer = setInterval(() => {
        if (response.destroyed || offset >= body.length) {
          clearInterval(timer);
          timers.delete(timer);
          if (!response.destroyed) response.end(() => end(record, 'answered'));
          return;
        }
        response.write(body.slice(offset, offset + 1));
        offset += 1;
      }, 250);
      timers.add(timer);
    }
    // `timeout`: hold the exchange; only the client's own deadline (or a cancel) ends it.
  }

  const server = createServer(async (message, response) => {
    const cors = corsHeaders(message);
    if (message.method === 'OPTIONS') {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    const body = await readBody(message);
    const url = message.url ?? '/';
    const fakeRequest = { method: message.method ?? 'GET', url, headers: flatHeaders(message), body };
    const model = requestedModel(fakeRequest);
    const record: ServedRequest = { method: fakeRequest.method, path: url, receivedAt: Date.now() };
    if (model !== undefined) record.model = model;
    requests.push(record);
    response.on('close', () => end(record, response.writableFinished ? 'answered' : 'client-closed'));
    const normal = () => {
      const answer = answerFakeApi(fakeRequest, {}, state);
      return { status: answer.status, headers: { ...answer.headers, ...cors }, body: answer.body };
    };
    const isModelCall = url.startsWith('/v1/chat/completions') || url.startsWith('/v1/responses');
    const fault = (isModelCall && model !== undefined ? faults[model] : undefined) ?? faults['*'];
    if (fault !== undefined) return misbehave(fault, message, response, record, normal);
    const answer = normal();
    send(response, record, answer.status, answer.headers, answer.body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('faulty API: no TCP address');

  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    port: address.port,
    requests,
    pending: () => requests.filter((request) => request.endedBy === undefined),
    setFaults(next) {
      faults = next;
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released): connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Storage, written as the extension writes it (utils/storage.ts item keys without the area prefix).             */

interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  clear(): Promise<void>;
}
/** What the tests read of the service worker's globals. */
export interface WorkerGlobals {
  chrome: { storage: { local: StorageArea; session: StorageArea; sync: StorageArea } };
}

export interface StoredProfile {
  id: string;
  key: string;
  baseUrl?: string;
  persistence?: 'local' | 'session';
}

/**
 * The extension's service worker as it is now: Chromium stops and restarts it (and tests do), and a stopped
 * worker's handle cannot evaluate anything.
 */
export async function liveWorker(session: ExtensionSession): Promise<Worker> {
  const prefix = `chrome-extension://${session.extensionId}/`;
  const running = session.context.serviceWorkers().filter((worker) => worker.url().startsWith(prefix));
  return running[running.length - 1] ?? (await session.context.waitForEvent('serviceworker'));
}

/** One active profile with its key (as the background's saveProfile would leave it), after clearing everything. */
export async function writeProfile(session: ExtensionSession, profile: StoredProfile): Promise<void> {
  await (await liveWorker(session)).evaluate(async (input) => {
    const chrome = (globalThis as unknown as WorkerGlobals).chrome;
    await Promise.all([chrome.storage.local.clear(), chrome.storage.session.clear()]);
    const persistence = input.persistence ?? 'local';
    const meta: Record<string, unknown> = {
      id: input.id,
      label: 'Hardening',
      maskedKey: 'sk-proj-…hard',
      keyKind: 'project',
      persistence,
      createdAt: Date.now(),
    };
    if (input.baseUrl !== undefined) meta.baseUrl = input.baseUrl;
    await chrome.storage.local.set({ profiles: [meta], activeProfileId: input.id });
    await chrome.storage[persistence].set({ [`apiKey.${input.id}`]: input.key });
  }, profile);
}

export async function writeSettings(
  session: ExtensionSession,
  settings: Record<string, unknown>,
): Promise<void> {
  await (await liveWorker(session)).evaluate(async (value) => {
    const chrome = (globalThis as unknown as WorkerGlobals).chrome;
    await chrome.storage.local.set({ settings: value, settings$: { v: 2 } });
  }, settings);
}

export async function readArea(
  session: ExtensionSession,
  area: 'local' | 'session' | 'sync',
): Promise<Record<string, unknown>> {
  return (await liveWorker(session)).evaluate(
    (name) => (globalThis as unknown as WorkerGlobals).chrome.storage[name].get(null),
    area,
  );
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The content script's isolated world, through CDP (page.evaluate only reaches the page's own world).           */

export interface ContentWorld {
  /** Evaluates an expression in the content script's world and returns its JSON value (promises awaited). */
  evaluate<T>(expression: string): Promise<T>;
  cdp: CDPSession;
}

interface ExecutionContextDescription {
  id: number;
  name: string;
  origin: string;
  auxData?: { type?: string; isDefault?: boolean };
}

/**
 * Opens a CDP session on `page` before it navigates; `world()` then finds our extension's isolated world
 * (Chromium names it after the extension). Call `world()` after the content script has started.
 */
export async function watchContentWorld(
  page: Page,
  extensionId: string,
): Promise<() => Promise<ContentWorld>> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: ExecutionContextDescription[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: ExecutionContextDescription }) => {
    contexts.push(event.context);
  });
  cdp.on('Runtime.executionContextsCleared', () => {
    contexts.length = 0;
  });
  await cdp.send('Runtime.enable');
  return async () => {
    const ours = contexts.findLast(
      (context) =>
        context.origin === `chrome-extension://${extensionId}` && context.auxData?.type === 'isolated',
    );
    if (ours === undefined) throw new Error('the content script world is not there (yet)');
    return {
      cdp,
      async evaluate<T>(expression: string): Promise<T> {
        const answer = (await cdp.send('Runtime.evaluate', {
          expression,
          contextId: ours.id,
          awaitPromise: true,
          returnByValue: true,
        })) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
        if (answer.exceptionDetails !== undefined) throw new Error(answer.exceptionDetails.text);
        return answer.result.value as T;
      },
    };
  };
}

/** Waits (up to `timeoutMs`) until the content script's world exists, then returns it. */
export async function contentWorldOf(
  find: () => Promise<ContentWorld>,
  timeoutMs = 10_000,
): Promise<ContentWorld> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await find();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Looking for a secret.                                                                                          */

/**
 * The pieces of a key worth searching for: the whole key, and a long slice from its middle, so a key cut at either
 * end (or its masked form plus a few more characters) is still caught. The masked form's last 4 are not a leak.
 */
export function secretNeedles(key: string): string[] {
  const middle = key.slice(8, -6);
  return middle.length >= 16 ? [key, middle] : [key];
}

/** Where in `haystack` a piece of the key shows up, or null. */
export function findSecret(haystack: string, key: string): string | null {
  for (const needle of secretNeedles(key)) {
    const at = haystack.indexOf(needle);
    if (at >= 0) return haystack.slice(Math.max(0, at - 80), at + needle.length + 40);
  }
  return null;
}

/** A JavaScript stack trace as a user would see it printed (V8 frames, file:line:column). */
export const STACK_TRACE =
  /\n\s+at \S|\bat [\w$.<>]+ \([^)]*:\d+:\d+\)|chrome-extension:\/\/[a-p]{32}\/\S+:\d+:\d+/;

/** Everything a page shows, open shadow roots included (closed ones are reached through CDP by the callers). */
export async function visibleTextWithShadows(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      parts.push(root instanceof Document ? (root.body?.innerText ?? '') : (root.textContent ?? ''));
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
    };
    visit(document);
    return parts.join('\n');
  });
}
