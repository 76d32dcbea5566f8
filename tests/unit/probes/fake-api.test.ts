// @vitest-environment node
/**
 * The fake api.openai.com answers with the bodies and headers of DESIGN §3. If the fake drifts from the real
 * shapes, every probe test built on it proves nothing, so its own answers are pinned here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  answerFakeApi,
  createFakeState,
  FAKE_KEYS,
  FAKE_PROJECT_ID,
  type FakeApiServer,
  type FakeRequest,
  fakeKey,
  formatDuration,
  SCENARIO_IDS,
  SCENARIOS,
  scenarioFromKey,
  startFakeApi,
} from '../../fake-api';

const CHAT = 'https://api.openai.com/v1/chat/completions';

function post(key: string, url: string, body: unknown, headers: Record<string, string> = {}): FakeRequest {
  return {
    method: 'POST',
    url,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

function zeroCost(key: string, model: string, param = 'max_completion_tokens'): FakeRequest {
  return post(key, CHAT, { model, messages: [{ role: 'user', content: '' }], [param]: 0 });
}

function errorOf(body: string): { message: string; type: string; param: string | null; code: string | null } {
  const parsed = JSON.parse(body) as {
    error: { message: string; type: string; param: string | null; code: string | null };
  };
  expect(Object.keys(parsed.error)).toEqual(['message', 'type', 'param', 'code']);
  return parsed.error;
}

describe('fake API keys', () => {
  it('maps every scenario to a key and back, and no key looks real', () => {
    for (const id of SCENARIO_IDS) {
      expect(scenarioFromKey(FAKE_KEYS[id])).toBe(id);
      expect(FAKE_KEYS[id]).not.toContain('T3BlbkFJ');
      expect(FAKE_KEYS[id]).toMatch(/^sk-(proj|admin)-FAKE_/);
    }
    expect(scenarioFromKey('sk-proj-somethingelse')).toBeNull();
    expect(scenarioFromKey(fakeKey('tier2', 'service_account'))).toBe('tier2');
    expect(fakeKey('admin')).toMatch(/^sk-admin-/);
  });

  it('documents every scenario in the README table', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../fake-api/README.md', import.meta.url), 'utf8');
    for (const id of SCENARIO_IDS) expect(readme).toContain(`\`${id}\``);
  });
});

describe('fake API answers (pure core)', () => {
  it('answers the zero-cost probe of a usable model with the 400 about the limit, with rate-limit headers', () => {
    const answer = answerFakeApi(zeroCost(FAKE_KEYS.tier3, 'gpt-4o-mini'));
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body)).toEqual({
      message:
        "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.",
      type: 'invalid_request_error',
      param: 'max_completion_tokens',
      code: 'integer_below_min_value',
    });
    expect(answer.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
    expect(answer.headers['openai-version']).toBe('2020-10-01');
    expect(answer.headers['openai-processing-ms']).toMatch(/^\d+$/);
    expect(answer.headers['openai-organization']).toBeTruthy();
    expect(answer.headers['x-ratelimit-limit-tokens']).toBe('4000000');
    expect(answer.headers['x-ratelimit-limit-requests']).toBe('5000');
    expect(answer.headers['x-ratelimit-reset-requests']).toMatch(/^(\d+m)?\d+(\.\d+)?m?s$/);
  });

  it('gives each tier its own token limit', () => {
    const limits = (['free', 'tier1', 'tier2', 'tier3', 'tier4', 'tier5'] as const).map(
      (id) => answerFakeApi(zeroCost(FAKE_KEYS[id], 'gpt-4o-mini')).headers['x-ratelimit-limit-tokens'],
    );
    expect(limits).toEqual(['40000', '200000', '2000000', '4000000', '10000000', '150000000']);
  });

  it('refuses max_tokens on reasoning models with unsupported_parameter', () => {
    const answer = answerFakeApi(zeroCost(FAKE_KEYS.tier3, 'gpt-5.4', 'max_tokens'));
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body)).toMatchObject({ param: 'max_tokens', code: 'unsupported_parameter' });
    expect(errorOf(answer.body).message).toContain("Use 'max_completion_tokens' instead.");
  });

  it('answers an unknown model and the canary with the 404 model_not_found', () => {
    const answer = answerFakeApi(zeroCost(FAKE_KEYS.tier3, 'mad-canary-abc'));
    expect(answer.status).toBe(404);
    expect(errorOf(answer.body)).toEqual({
      message: 'The model `mad-canary-abc` does not exist or you do not have access to it.',
      type: 'invalid_request_error',
      param: null,
      code: 'model_not_found',
    });
    expect(answer.headers['x-ratelimit-limit-tokens']).toBeUndefined();
  });

  it('validates parameters first in the paramsfirst scenario: the canary gets the same 400', () => {
    const answer = answerFakeApi(zeroCost(FAKE_KEYS.paramsfirst, 'mad-canary-abc'));
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).code).toBe('integer_below_min_value');
  });

  it('answers the responses-only model on chat with the 404 "only supported in v1/responses"', () => {
    const answer = answerFakeApi(zeroCost(FAKE_KEYS.tier3, 'gpt-5.4-pro'));
    expect(answer.status).toBe(404);
    expect(errorOf(answer.body)).toEqual({
      message: 'This model is only supported in v1/responses and not in v1/chat/completions.',
      type: 'invalid_request_error',
      param: 'model',
      code: null,
    });
    const responses = answerFakeApi(
      post(FAKE_KEYS.tier3, 'https://api.openai.com/v1/responses', {
        model: 'gpt-5.4-pro',
        input: '',
        max_output_tokens: 0,
      }),
    );
    expect(responses.status).toBe(400);
    expect(errorOf(responses.body)).toMatchObject({
      param: 'max_output_tokens',
      code: 'integer_below_min_value',
    });
    expect(errorOf(responses.body).message).toContain('Expected a value >= 16, but got 0 instead.');
  });

  it.each([
    [
      'invalid',
      401,
      'invalid_request_error',
      'invalid_api_key',
      /^Incorrect API key provided: sk-proj-\*+0000\./,
    ],
    ['revoked', 401, 'invalid_request_error', 'invalid_api_key', /^Incorrect API key provided/],
    ['deactivated', 401, 'invalid_request_error', 'account_deactivated', /deactivated account/],
    [
      'region',
      403,
      'request_forbidden',
      'unsupported_country_region_territory',
      /^Country, region, or territory not supported$/,
    ],
  ] as const)('refuses every endpoint in the %s scenario', (id, status, type, code, message) => {
    for (const request of [
      {
        method: 'GET',
        url: 'https://api.openai.com/v1/me',
        headers: { authorization: `Bearer ${FAKE_KEYS[id]}` },
      },
      zeroCost(FAKE_KEYS[id], 'gpt-4o-mini'),
    ]) {
      const answer = answerFakeApi(request);
      expect(answer.status).toBe(status);
      const error = errorOf(answer.body);
      expect(error).toMatchObject({ type, code, param: null });
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(FAKE_KEYS[id]);
    }
  });

  it('answers the restricted-key scenarios with "Missing scopes"', () => {
    const noscope = answerFakeApi(zeroCost(FAKE_KEYS.noscope, 'gpt-4o-mini'));
    expect(noscope.status).toBe(401);
    expect(errorOf(noscope.body).message).toContain('Missing scopes: model.request');
    const list = answerFakeApi({
      method: 'GET',
      url: '/v1/models',
      headers: { authorization: `Bearer ${FAKE_KEYS.modelslist403}` },
    });
    expect(list.status).toBe(403);
    expect(errorOf(list.body).message).toContain('Missing scopes: api.model.read');
    expect(answerFakeApi(zeroCost(FAKE_KEYS.modelslist403, 'gpt-4o-mini')).status).toBe(400);
  });

  it('answers the project allow-list with 403 naming the project and the model', () => {
    const answer = answerFakeApi(zeroCost(FAKE_KEYS.allowlist, 'gpt-5.4'));
    expect(answer.status).toBe(403);
    expect(errorOf(answer.body)).toEqual({
      message: `Project \`${FAKE_PROJECT_ID}\` does not have access to model \`gpt-5.4\``,
      type: 'invalid_request_error',
      param: null,
      code: 'model_not_found',
    });
    expect(answerFakeApi(zeroCost(FAKE_KEYS.allowlist, 'gpt-5.4-mini')).status).toBe(400);
  });

  it('answers a tier-gated model with the 404 "does not exist or you do not have access" form', () => {
    const answer = answerFakeApi(zeroCost(FAKE_KEYS.tiergated, 'gpt-6.1-sol'));
    expect(answer.status).toBe(404);
    expect(errorOf(answer.body).message).toBe(
      'The model `gpt-6.1-sol` does not exist or you do not have access to it.',
    );
    expect(answerFakeApi(zeroCost(FAKE_KEYS.tier2, 'gpt-6.1-sol')).status).toBe(400);
  });

  it.each([
    ['quota', 'insufficient_quota'],
    ['quotanull', null],
    ['quotacredit', 'credit_balance_exhausted'],
    ['quotaorgspend', 'organization_spend_limit_exceeded'],
    ['quotaprojspend', 'project_spend_limit_exceeded'],
    ['quotaorgusage', 'organization_usage_limit_exceeded'],
  ] as const)('answers %s with 429 insufficient_quota, code %s', (id, code) => {
    const answer = answerFakeApi(zeroCost(FAKE_KEYS[id], 'gpt-4o-mini'));
    expect(answer.status).toBe(429);
    const error = errorOf(answer.body);
    expect(error).toMatchObject({ type: 'insufficient_quota', code });
    expect(error.message).toMatch(/^You exceeded your current quota/);
  });

  it('answers billing, termination, overload and rate limits as DESIGN §3 shows', () => {
    expect(errorOf(answerFakeApi(zeroCost(FAKE_KEYS.billing, 'gpt-4o-mini')).body)).toMatchObject({
      type: 'billing_not_active',
      message: 'Your account is not active, please check your billing details on our website.',
    });
    expect(errorOf(answerFakeApi(zeroCost(FAKE_KEYS.terminated, 'gpt-4o-mini')).body).type).toBe(
      'access_terminated',
    );
    const overloaded = answerFakeApi(zeroCost(FAKE_KEYS.overloaded, 'gpt-4o-mini'));
    expect(overloaded.status).toBe(503);
    expect(errorOf(overloaded.body)).toMatchObject({
      type: 'service_unavailable_error',
      code: 'server_is_overloaded',
    });

    const state = createFakeState();
    const limited = answerFakeApi(zeroCost(FAKE_KEYS.ratelimited, 'gpt-4o-mini'), {}, state);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.headers['retry-after-ms']).toBe('200');
    expect(limited.headers['x-ratelimit-remaining-requests']).toBe('0');
    expect(errorOf(limited.body)).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
    expect(errorOf(limited.body).message).toMatch(
      /^Rate limit reached for gpt-4o-mini in organization org-\S+ on requests per min \(RPM\): Limit \d+, Used \d+, Requested 1\./,
    );
    // Once per model: the next call goes through.
    expect(answerFakeApi(zeroCost(FAKE_KEYS.ratelimited, 'gpt-4o-mini'), {}, state).status).toBe(400);
    // Per key: another rate-limited key on the same server gets its own first 429.
    expect(answerFakeApi(zeroCost(FAKE_KEYS.ratelimitedlong, 'gpt-4o-mini'), {}, state).status).toBe(429);
  });

  it('asks for verification only when an unverified organization streams a model that needs it', () => {
    const streamed = answerFakeApi(
      post(FAKE_KEYS.unverified, CHAT, {
        model: 'gpt-5',
        messages: [{ role: 'user', content: 'Hi' }],
        max_completion_tokens: 1,
        stream: true,
      }),
    );
    expect(streamed.status).toBe(400);
    expect(errorOf(streamed.body)).toMatchObject({ param: 'stream', code: 'unsupported_value' });
    expect(errorOf(streamed.body).message).toMatch(
      /^Your organization must be verified to stream this model/,
    );
    expect(answerFakeApi(zeroCost(FAKE_KEYS.unverified, 'gpt-5')).status).toBe(400);
  });

  it('leaves out every rate-limit header in the noheaders scenario', () => {
    const answer = answerFakeApi(zeroCost(FAKE_KEYS.noheaders, 'gpt-4o-mini'));
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.headers).filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
  });

  it('serves /v1/me with the organizations and /v1/models with the catalogue', () => {
    const me = answerFakeApi({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${FAKE_KEYS.multiorg}` },
    });
    const body = JSON.parse(me.body) as {
      object: string;
      orgs: { data: { id: string; is_default: boolean }[] };
    };
    expect(body.object).toBe('user');
    expect(body.orgs.data.map((org) => org.id)).toHaveLength(2);
    const model = answerFakeApi({
      method: 'GET',
      url: '/v1/models/gpt-4o-mini',
      headers: { authorization: `Bearer ${FAKE_KEYS.tier3}` },
    });
    expect(JSON.parse(model.body)).toMatchObject({ id: 'gpt-4o-mini', object: 'model' });
  });

  it('turns faults into the agreed answers', () => {
    expect(answerFakeApi(zeroCost(FAKE_KEYS.faulttimeout, 'gpt-4o-mini')).fault).toBe('timeout');
    expect(answerFakeApi(zeroCost(FAKE_KEYS.faultreset, 'gpt-4o-mini')).fault).toBe('reset');
    const html = answerFakeApi(zeroCost(FAKE_KEYS.fault502, 'gpt-4o-mini'));
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toBe('text/html');
    expect(html.body).toContain('502 Bad Gateway');
    const malformed = answerFakeApi(zeroCost(FAKE_KEYS.faultjson, 'gpt-4o-mini'));
    expect(() => JSON.parse(malformed.body)).toThrow();
    expect(answerFakeApi(zeroCost(FAKE_KEYS.faultslow, 'gpt-4o-mini'), { slowBodyMs: 10 })).toMatchObject({
      fault: 'slow-body',
      slowBodyMs: 10,
      status: 400,
    });
    // Key checks are not faulted by the scenario, only model calls.
    expect(
      answerFakeApi({
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: `Bearer ${FAKE_KEYS.faultreset}` },
      }).status,
    ).toBe(200);
    // Rules add faults anywhere, a limited number of times.
    const state = createFakeState();
    const options = { faults: [{ fault: 'reset' as const, model: 'gpt-4o', times: 1 }] };
    expect(answerFakeApi(zeroCost(FAKE_KEYS.tier3, 'gpt-4o'), options, state).fault).toBe('reset');
    expect(answerFakeApi(zeroCost(FAKE_KEYS.tier3, 'gpt-4o'), options, state).status).toBe(400);
  });

  it('formats durations like the reset headers', () => {
    expect(formatDuration(6)).toBe('6ms');
    expect(formatDuration(1000)).toBe('1s');
    expect(formatDuration(360_000)).toBe('6m0s');
    expect(formatDuration(1500)).toBe('1.5s');
  });

  it('has a description for every scenario', () => {
    for (const id of SCENARIO_IDS) expect(SCENARIOS[id].description.length).toBeGreaterThan(10);
  });
});

describe('fake API over HTTP', () => {
  let server: FakeApiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('records every request with host, path, headers and model', async () => {
    server = await startFakeApi();
    const response = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_KEYS.tier3}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [], max_tokens: 0 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      host: `127.0.0.1:${server.port}`,
      path: '/v1/chat/completions',
      model: 'gpt-4o',
    });
  });

  it('injects latency, resets connections and holds timed-out requests', async () => {
    server = await startFakeApi({ latencyMs: 120 });
    const started = Date.now();
    await fetch(`${server.baseUrl}/me`, { headers: { authorization: `Bearer ${FAKE_KEYS.tier3}` } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);

    await expect(
      fetch(`${server.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FAKE_KEYS.faultreset}` },
        body: JSON.stringify({ model: 'gpt-4o', messages: [], max_tokens: 0 }),
      }),
    ).rejects.toThrow();

    await expect(
      fetch(`${server.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FAKE_KEYS.faulttimeout}` },
        body: JSON.stringify({ model: 'gpt-4o', messages: [], max_tokens: 0 }),
        signal: AbortSignal.timeout(400),
      }),
    ).rejects.toThrow();
  });

  it('sends the headers of a slow body at once and the body over slowBodyMs', async () => {
    server = await startFakeApi({ slowBodyMs: 300 });
    const started = Date.now();
    const response = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_KEYS.faultslow}` },
      body: JSON.stringify({ model: 'gpt-4o', messages: [], max_tokens: 0 }),
    });
    const headersAfter = Date.now() - started;
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(headersAfter).toBeLessThan(250);
    expect(JSON.parse(text)).toHaveProperty('error.code', 'integer_below_min_value');
  });
});
