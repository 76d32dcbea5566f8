// @vitest-environment node
/**
 * Issue 8, faults at the probe level: `runProbe` (the real `openai` SDK) over a `fetch` that answers like the fake
 * API except for the models a test makes misbehave. No sockets, so every odd answer is cheap to try; the e2e file
 * tests/e2e/hardening-faults.e2e.ts runs the same faults over TCP through the whole extension.
 */
import { describe, expect, it } from 'vitest';
import { runProbe } from '@/utils/probes';
import type { ModelResult } from '@/utils/probes/types';
import { answerFakeApi, createFakeState, FAKE_KEYS, requestedModel } from '../../fake-api';

type Odd = { status: number; contentType: string; body: string; headers?: Record<string, string> };

const BASE_URL = 'https://api.openai.com/v1';

/** A fetch that is the fake API, except that `odd[model]` (or `odd['*']` for any request) answers instead. */
function oddFetch(odd: Readonly<Record<string, Odd>>): { fetch: typeof fetch; urls: string[] } {
  const state = createFakeState();
  const urls: string[] = [];
  const fetchLike = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    urls.push(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const fake = { method: request.method, url: request.url, headers, body: await request.text() };
    const model = requestedModel(fake);
    const isModelCall = /\/(chat\/completions|responses)$/.test(new URL(request.url).pathname);
    const chosen = (isModelCall && model !== undefined ? odd[model] : undefined) ?? odd['*'];
    if (chosen !== undefined) {
      return new Response(chosen.body === '' ? null : chosen.body, {
        status: chosen.status,
        headers: { 'content-type': chosen.contentType, ...chosen.headers },
      });
    }
    const answer = answerFakeApi(fake, {}, state);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  return { fetch: fetchLike as typeof fetch, urls };
}

async function probeWith(odd: Readonly<Record<string, Odd>>, models: string[]) {
  const { fetch, urls } = oddFetch(odd);
  const report = await runProbe({ apiKey: FAKE_KEYS.tier3 }, models, { fetch, timeoutMs: 2_000 });
  for (const url of urls) expect(url.startsWith(`${BASE_URL}/`)).toBe(true);
  const byModel: Record<string, ModelResult> = {};
  for (const result of report.models) byModel[result.model] = result;
  return { report, byModel };
}

const PORTAL_HTML = '<html><body><form action="/login">Sign in to the Wi-Fi</form></body></html>';

describe('answers that are not the API talking', () => {
  it('a 200 HTML page (captive portal, proxy login) is not "usable"', async () => {
    const { byModel } = await probeWith(
      { 'gpt-4o': { status: 200, contentType: 'text/html', body: PORTAL_HTML } },
      ['gpt-4o', 'gpt-4o-mini'],
    );
    expect(byModel['gpt-4o']).toMatchObject({ status: 'unknown', confidence: 'unknown' });
    // The well-behaved model next to it is untouched.
    expect(byModel['gpt-4o-mini']).toMatchObject({ status: 'ok', category: 'ok' });
  });

  it('a 200 with an empty body, or plain text, is not "usable" either', async () => {
    const { byModel } = await probeWith(
      {
        'gpt-4o': { status: 200, contentType: 'application/json', body: '' },
        'gpt-5': { status: 200, contentType: 'text/plain', body: 'OK' },
      },
      ['gpt-4o', 'gpt-5'],
    );
    expect(byModel['gpt-4o']?.status).not.toBe('ok');
    expect(byModel['gpt-5']?.status).not.toBe('ok');
  });

  it('a 200 whose JSON is cut short is an unreadable answer, not a network failure', async () => {
    const { byModel } = await probeWith(
      {
        'gpt-4o': { status: 200, contentType: 'application/json', body: '{"id":"chatcmpl-1","choices":[{' },
        'gpt-5': { status: 200, contentType: 'application/json', body: '' },
      },
      ['gpt-4o', 'gpt-5'],
    );
    for (const model of ['gpt-4o', 'gpt-5']) {
      expect(byModel[model]).toMatchObject({ status: 'unknown', category: 'other', confidence: 'unknown' });
      expect(byModel[model]?.evidence.at(-1)?.message).toBe(
        'The server answered, but its body is not valid JSON.',
      );
    }
  });

  // 418 and 499 are no OpenAI answers (a joke status, nginx's "client closed"): any honest "unknown" reading
  // will do; today the classifier files them with server errors.
  it.each([
    [418, 'text/plain', "I'm a teapot", ['other', 'server_error']],
    [499, 'application/json', '', ['other', 'server_error']],
    [520, 'text/html', '<h1>Error code 520</h1>', ['server_error']],
    [502, 'text/html', '<h1>502 Bad Gateway</h1>', ['server_error']],
    [503, 'text/html', '<h1>503 Service Temporarily Unavailable</h1>', ['server_error']],
  ])('status %i (%s) → unknown, never usable', async (status, contentType, body, categories) => {
    const { byModel } = await probeWith({ 'gpt-4o': { status, contentType, body } }, ['gpt-4o']);
    expect(byModel['gpt-4o']).toMatchObject({ status: 'unknown', confidence: 'unknown' });
    expect(categories).toContain(byModel['gpt-4o']?.category);
    expect(byModel['gpt-4o']?.evidence.at(-1)?.httpStatus).toBe(status);
  });

  it('429 with retry-after: 3600 is reported at once as a rate limit, never waited for', async () => {
    const started = Date.now();
    const { byModel } = await probeWith(
      {
        'gpt-4o': {
          status: 429,
          contentType: 'application/json',
          headers: { 'retry-after': '3600' },
          body: JSON.stringify({
            error: {
              message: 'Rate limit reached for requests per day (RPD): Limit 200, Used 200, Requested 1.',
              type: 'requests',
              param: null,
              code: 'rate_limit_exceeded',
            },
          }),
        },
      },
      ['gpt-4o'],
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(byModel['gpt-4o']).toMatchObject({ status: 'unknown', category: 'rate_limit' });
  });

  it('a 10 MB error body: read once, its message cut short in the evidence', async () => {
    const huge = JSON.stringify({
      error: {
        message: `Upstream: ${'x'.repeat(10 * 1024 * 1024)}`,
        type: 'server_error',
        param: null,
        code: null,
      },
    });
    const { report, byModel } = await probeWith(
      { 'gpt-4o': { status: 500, contentType: 'application/json', body: huge } },
      ['gpt-4o'],
    );
    expect(byModel['gpt-4o']).toMatchObject({ status: 'unknown', category: 'server_error' });
    // The report stays small enough to store and send: no 10 MB string survives in it.
    expect(JSON.stringify(report).length).toBeLessThan(50_000);
  });

  it('every request answered by a portal page: nothing is reported usable', async () => {
    const { report } = await probeWith(
      { '*': { status: 200, contentType: 'text/html', body: PORTAL_HTML } },
      ['gpt-4o', 'gpt-4o-mini'],
    );
    for (const result of report.models) expect(result.status).not.toBe('ok');
  });
});
