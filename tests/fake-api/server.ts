/**
 * The fake api.openai.com over real HTTP on loopback (node `http`), for tests and the bench: the product's
 * probes run through the real `openai` SDK and the real `fetch` against it. Every request is recorded, so tests
 * can assert "no request to another host" and "requests per model".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { answerFakeApi, createFakeState, type FakeAnswer, type FakeApiOptions, requestedModel } from './core';

export interface RecordedRequest {
  method: string;
  /** The `Host` header as sent. */
  host: string;
  /** Path with query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The model the request names (body `model` or `/v1/models/{id}`), if any. */
  model?: string;
  receivedAt: number;
  /** When the status line went out (absent for held or reset connections). */
  answeredAt?: number;
}

export interface FakeApiServer {
  /** `http://127.0.0.1:<port>/v1`: use as the profile's base URL. */
  baseUrl: string;
  origin: string;
  port: number;
  /** Every request received, in arrival order. Cleared by `clearRequests()`. */
  requests: RecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

export interface StartFakeApiOptions extends FakeApiOptions {
  /** 0 (any free port) unless given. */
  port?: number;
}

function flatHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', reject);
  });
}

export async function startFakeApi(options: StartFakeApiOptions = {}): Promise<FakeApiServer> {
  const state = createFakeState();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closing = false;

  const later = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function send(
    response: ServerResponse,
    answer: FakeAnswer,
    recorded: RecordedRequest,
  ): Promise<void> {
    if (answer.delayMs) await later(answer.delayMs);
    if (closing || response.destroyed) return;
    if (answer.fault === 'timeout') return; // Hold the connection: the client's timeout must fire.
    if (answer.fault === 'reset') {
      response.socket?.destroy();
      return;
    }
    recorded.answeredAt = Date.now();
    response.writeHead(answer.status, answer.headers);
    if (answer.fault !== 'slow-body') {
      response.end(answer.body);
      return;
    }
    const pieces = 20;
    const step = Math.ceil(answer.body.length / pieces);
    const pause = (answer.slowBodyMs ?? 60_000) / pieces;
    for (let offset = 0; offset < answer.body.length; offset += step) {
      if (closing || response.destroyed) return;
      response.write(answer.body.slice(offset, offset + step));
      await later(pause);
    }
    if (!response.destroyed) response.end();
  }

  const server = createServer(async (message, response) => {
    const body = await readBody(message);
    const headers = flatHeaders(message);
    const url = message.url ?? '/';
    const fakeRequest = { method: message.method ?? 'GET', url, headers, body };
    const recorded: RecordedRequest = {
      method: fakeRequest.method,
      host: headers.host ?? '',
      path: url,
      headers,
      body,
      model: requestedModel(fakeRequest),
      receivedAt: Date.now(),
    };
    requests.push(recorded);
    await send(response, answerFakeApi(fakeRequest, options, state), recorded);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Without this, a slow or held answer keeps sockets alive between tests (keep-alive).
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake API: no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    port: address.port,
    requests,
    clearRequests() {
      requests.length = 0;
    },
    close() {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
