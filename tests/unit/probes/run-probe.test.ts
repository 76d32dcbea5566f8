// @vitest-environment node
/**
 * `runProbe` end to end: the real `openai` SDK, real `fetch`, real HTTP on loopback against the fake
 * api.openai.com (tests/fake-api). Every scenario asserts each model's status, category and confidence and the
 * key facts; the cross-cutting rules (no other host, the key never in any output) are asserted on every run.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProbeModels } from '@/utils/diagnosis/models';
import { runProbe } from '@/utils/probes';
import type { ModelResult, ProbeOptions, ProbeProfile, ProbeReport } from '@/utils/probes/types';
import {
  chatModel,
  FAKE_KEYS,
  FAKE_MODELS,
  OTHER_LIMITS,
  type FakeApiServer,
  type RecordedRequest,
  type ScenarioId,
  type StartFakeApiOptions,
  startFakeApi,
} from '../../fake-api';

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface ProbeRun {
  report: ProbeReport;
  streamed: ModelResult[];
  requests: RecordedRequest[];
  fetched: string[];
  logged: string[];
  key: string;
}

/** Runs a probe against a fresh fake server and checks the rules every run must keep. */
async function probe(
  scenario: ScenarioId,
  models: string[],
  options: { server?: StartFakeApiOptions; probe?: ProbeOptions; profile?: Partial<ProbeProfile> } = {},
): Promise<ProbeRun> {
  server = await startFakeApi(options.server);
  const key = FAKE_KEYS[scenario];
  const streamed: ModelResult[] = [];
  const fetched: string[] = [];
  const logged: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
  }
  const recordingFetch: typeof fetch = (input, init) => {
    fetched.push(input instanceof Request ? input.url : String(input));
    return fetch(input, init);
  };
  const report = await runProbe({ apiKey: key, baseUrl: server.baseUrl, ...options.profile }, models, {
    fetch: recordingFetch,
    onResult: (result) => streamed.push(result),
    ...options.probe,
  });
  const run = { report, streamed, requests: [...server.requests], fetched, logged, key };
  assertRules(run, server);
  return run;
}

function assertRules(run: ProbeRun, fake: FakeApiServer): void {
  // Only the profile's base URL, only its host.
  for (const url of run.fetched) expect(url.startsWith(`${fake.baseUrl}/`)).toBe(true);
  for (const request of run.requests) expect(request.host).toBe(`127.0.0.1:${fake.port}`);
  expect(run.requests.length).toBe(run.fetched.length);
  expect(run.report.requestCount).toBe(run.fetched.length);
  // The key never in a result, a streamed result or a log line.
  expect(JSON.stringify(run.report)).not.toContain(run.key);
  expect(JSON.stringify(run.streamed)).not.toContain(run.key);
  for (const line of run.logged) expect(line).not.toContain(run.key);
  // Nor the secret part of it on its own.
  expect(JSON.stringify(run.report)).not.toContain(run.key.slice(8, 40));
}

function byModel(report: ProbeReport): Record<string, ModelResult> {
  return Object.fromEntries(report.models.map((result) => [result.model, result]));
}

function rows(report: ProbeReport) {
  return report.models.map(({ model, status, category, confidence }) => ({
    model,
    status,
    category,
    confidence,
  }));
}

function modelRequests(run: ProbeRun, model: string): RecordedRequest[] {
  return run.requests.filter((request) => request.model === model);
}

const HEALTHY = ['gpt-5.4', 'gpt-5.4-mini', 'gpt-4o-mini'];

describe('runProbe: healthy keys at each tier', () => {
  it.each([
    ['tier1', 1],
    ['tier2', 2],
    ['tier3', 3],
    ['tier4', 4],
    ['tier5', 5],
  ] as const)('%s: every model ok (confirmed), tier %s from gpt-4o-mini headers', async (scenario, tier) => {
    const run = await probe(scenario, HEALTHY);
    expect(rows(run.report)).toEqual(
      HEALTHY.map((model) => ({ model, status: 'ok', category: 'ok', confidence: 'confirmed' })),
    );
    const { key } = run.report;
    expect(key).toMatchObject({ kind: 'project', valid: true, regionBlocked: false, quota: { state: 'ok' } });
    expect(key.problem).toBeUndefined();
    expect(key.missingScopes).toBeUndefined();
    expect(key.organizations).toEqual([
      { id: 'org-FAKE00000000000000000001', title: 'Personal', role: 'owner', isDefault: true },
    ]);
    expect(key.tier.tier).toBe(tier);
    expect(key.tier.evidence).toMatchObject({ model: 'gpt-4o-mini', header: 'x-ratelimit-limit-tokens' });
    expect(key.tier.evidence?.tableDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(run.report.trusted).toBe(true);
    expect(run.report.canary).toMatchObject({ trusted: true, verdict: 'not_found', httpStatus: 404 });
    expect(run.report.canary.model).toMatch(/^mad-canary-[a-z0-9]+$/);
    // One request per model, plus /me, /models and the canary.
    for (const model of HEALTHY) expect(modelRequests(run, model)).toHaveLength(1);
    expect(run.report.requestCount).toBe(HEALTHY.length + 3);
    // Evidence of the "ok" answer: the 400 about the limit, with the rate-limit headers.
    const evidence = byModel(run.report)['gpt-4o-mini']?.evidence[0];
    expect(evidence).toMatchObject({
      method: 'POST',
      path: '/chat/completions',
      httpStatus: 400,
      code: 'integer_below_min_value',
      param: 'max_tokens',
    });
    expect(evidence?.requestId).toMatch(/^req_/);
    expect(evidence?.rateLimit?.limitTokens).toBeGreaterThan(0);
    // Streamed once per model.
    expect(run.streamed.map((result) => result.model).sort()).toEqual([...HEALTHY].sort());
  });

  it('free: the free-tier figure, and a model gated above free is denied with a workaround', async () => {
    const run = await probe('free', ['gpt-4o-mini', 'gpt-5.4', 'gpt-5.4-mini']);
    const results = byModel(run.report);
    expect(results['gpt-4o-mini']).toMatchObject({ status: 'ok', confidence: 'confirmed' });
    expect(results['gpt-5.4-mini']).toMatchObject({ status: 'ok', confidence: 'confirmed' });
    expect(results['gpt-5.4']).toMatchObject({ status: 'denied', category: 'model_access_denied' });
    expect(results['gpt-5.4']?.workaround).toBe('gpt-5.4-mini');
    expect(run.report.key.tier.tier).toBe('free');
  });

  it('multiorg: lists both organizations', async () => {
    const run = await probe('multiorg', ['gpt-4o-mini']);
    expect(run.report.key.organizations.map((org) => org.id)).toEqual([
      'org-FAKE00000000000000000001',
      'org-FAKE00000000000000000002',
    ]);
    expect(run.report.key.organizations[1]).toMatchObject({
      title: 'Acme Research',
      role: 'reader',
      isDefault: false,
    });
  });

  it('asks a tier-table model for the tier when none of the models is in the table', async () => {
    const run = await probe('tier4', ['gpt-5.4-mini']);
    expect(run.report.key.tier).toMatchObject({
      tier: 4,
      evidence: { model: 'gpt-5-mini', value: 10_000_000 },
    });
    expect(modelRequests(run, 'gpt-5-mini')).toHaveLength(1);
    expect(run.report.models.map((result) => result.model)).toEqual(['gpt-5.4-mini']);
    const off = await probe('tier4', ['gpt-5.4-mini'], { probe: { tierHintModel: null } });
    expect(off.report.key.tier.tier).toBeNull();
    expect(modelRequests(off, 'gpt-5-mini')).toHaveLength(0);
  });

  it('noheaders: models ok, tier unknown with a note', async () => {
    const run = await probe('noheaders', ['gpt-4o-mini', 'gpt-5.4']);
    expect(run.report.models.every((result) => result.status === 'ok')).toBe(true);
    expect(run.report.key.tier.tier).toBeNull();
    expect(run.report.key.tier.evidence).toBeUndefined();
    expect(run.report.key.tier.note).toMatch(/^Unknown/);
  });

  it('probes the default model list of the catalogue', async () => {
    const defaults = defaultProbeModels();
    expect(defaults.length).toBeGreaterThan(3);
    // The catalogue grows faster than the fake: a default the fake does not know is a plain chat model to it.
    const extraModels = Object.fromEntries(
      defaults
        .filter((id) => !Object.hasOwn(FAKE_MODELS, id))
        .map((id) => [id, chatModel(OTHER_LIMITS, 1, false)]),
    );
    const run = await probe('tier3', defaults, { server: { extraModels } });
    expect(rows(run.report).filter((row) => row.status !== 'ok')).toEqual([]);
  });
});

describe('runProbe: key-level problems', () => {
  it.each([
    'invalid',
    'revoked',
  ] as const)('%s key: invalid, one banner, no model request', async (scenario) => {
    const run = await probe(scenario, HEALTHY);
    expect(rows(run.report)).toEqual(
      HEALTHY.map((model) => ({
        model,
        status: 'denied',
        category: 'invalid_api_key',
        confidence: 'confirmed',
      })),
    );
    expect(run.report.key.valid).toBe(false);
    expect(run.report.key.problem?.category).toBe('invalid_api_key');
    expect(run.report.models.every((result) => result.evidence.length === 0)).toBe(true);
    for (const model of HEALTHY) expect(modelRequests(run, model)).toHaveLength(0);
    expect(run.report.trusted).toBe(true);
  });

  it.each(['', '   \n'])('no key (%j): missing_api_key for every model, nothing sent', async (apiKey) => {
    server = await startFakeApi();
    const streamed: ModelResult[] = [];
    const report = await runProbe({ apiKey, baseUrl: server.baseUrl }, HEALTHY, {
      onResult: (result) => streamed.push(result),
    });
    expect(rows(report)).toEqual(
      HEALTHY.map((model) => ({
        model,
        status: 'denied',
        category: 'missing_api_key',
        confidence: 'confirmed',
      })),
    );
    expect(report.key).toMatchObject({ valid: false, problem: { category: 'missing_api_key' } });
    expect(report.requestCount).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(streamed).toHaveLength(HEALTHY.length);
  });

  it('keeps the key checks as evidence on the key facts', async () => {
    const run = await probe('tier3', ['gpt-5.4-mini']);
    const paths = run.report.key.evidence?.map((item) => [item.method, item.path, item.httpStatus]);
    expect(paths).toEqual([
      ['GET', '/me', 200],
      ['GET', '/models', 200],
      ['POST', '/chat/completions', 404],
      ['POST', '/chat/completions', 400],
    ]);
  });

  it('deactivated account: every model denied as account_deactivated without a model request', async () => {
    const run = await probe('deactivated', HEALTHY);
    expect(run.report.models.every((result) => result.category === 'account_deactivated')).toBe(true);
    expect(run.report.models.every((result) => result.status === 'denied')).toBe(true);
    expect(run.report.key.problem?.category).toBe('account_deactivated');
    expect(run.report.key.valid).toBe(false);
    for (const model of HEALTHY) expect(modelRequests(run, model)).toHaveLength(0);
  });

  it('region blocked: regionBlocked, every model unsupported_region', async () => {
    const run = await probe('region', HEALTHY);
    expect(rows(run.report)).toEqual(
      HEALTHY.map((model) => ({
        model,
        status: 'denied',
        category: 'unsupported_region',
        confidence: 'confirmed',
      })),
    );
    expect(run.report.key.regionBlocked).toBe(true);
    expect(run.report.key.problem?.category).toBe('unsupported_region');
    // A blocked region says nothing about the key itself.
    expect(run.report.key.valid).toBeNull();
  });

  it('restricted key without model.request: key_scope_insufficient, missing scope named', async () => {
    const run = await probe('noscope', HEALTHY);
    expect(run.report.models.map((result) => [result.status, result.category])).toEqual(
      HEALTHY.map(() => ['denied', 'key_scope_insufficient']),
    );
    expect(run.report.key.missingScopes).toEqual(['model.request']);
    expect(run.report.key.problem?.category).toBe('key_scope_insufficient');
    expect(run.report.key.valid).toBe(true);
  });

  it('restricted key with /v1/models 403: models still ok, the missing read scope noted, no banner', async () => {
    const run = await probe('modelslist403', HEALTHY);
    expect(run.report.models.every((result) => result.status === 'ok')).toBe(true);
    expect(run.report.key.missingScopes).toEqual(['api.model.read']);
    expect(run.report.key.problem).toBeUndefined();
  });

  it('admin key: kind admin, refused for every model', async () => {
    const run = await probe('admin', HEALTHY);
    expect(run.report.key.kind).toBe('admin');
    // /v1/me accepted it: the key is valid, it just cannot call models.
    expect(run.report.key.valid).toBe(true);
    expect(run.report.models.every((result) => result.status === 'denied')).toBe(true);
    expect(run.report.key.problem?.category).toBe('invalid_api_key');
  });

  it.each([
    ['quota', 'insufficient_quota'],
    ['quotanull', 'insufficient_quota'],
    ['quotacredit', 'credit_balance_exhausted'],
    ['quotaorgspend', 'organization_spend_limit_exceeded'],
    ['quotaprojspend', 'project_spend_limit_exceeded'],
    ['quotaorgusage', 'organization_usage_limit_exceeded'],
  ] as const)('%s: no quota (code %s), never retried', async (scenario, code) => {
    const run = await probe(scenario, HEALTHY);
    expect(rows(run.report)).toEqual(
      HEALTHY.map((model) => ({
        model,
        status: 'denied',
        category: 'insufficient_quota',
        confidence: 'confirmed',
      })),
    );
    expect(run.report.key.quota).toEqual({ state: 'exhausted', code });
    expect(run.report.key.problem?.category).toBe('insufficient_quota');
    expect(run.report.key.valid).toBe(true);
    for (const model of HEALTHY) expect(modelRequests(run, model)).toHaveLength(1);
  });

  it('billing not active: billing_limit for every model, quota exhausted', async () => {
    const run = await probe('billing', HEALTHY);
    expect(run.report.models.map((result) => [result.status, result.category])).toEqual(
      HEALTHY.map(() => ['denied', 'billing_limit']),
    );
    expect(run.report.key.problem?.category).toBe('billing_limit');
    expect(run.report.key.quota).toEqual({ state: 'exhausted', code: 'billing_not_active' });
    for (const model of HEALTHY) expect(modelRequests(run, model)).toHaveLength(1);
  });

  it('access terminated: account_deactivated for every model', async () => {
    const run = await probe('terminated', HEALTHY);
    expect(run.report.models.map((result) => [result.status, result.category])).toEqual(
      HEALTHY.map(() => ['denied', 'account_deactivated']),
    );
    expect(run.report.key.problem?.category).toBe('account_deactivated');
  });
});

describe('runProbe: per-model answers', () => {
  it('project allow-list: denied models confirmed, with a same-family workaround', async () => {
    const run = await probe('allowlist', ['gpt-5.4', 'gpt-5.4-mini', 'gpt-4o-mini', 'gpt-4o']);
    const results = byModel(run.report);
    expect(results['gpt-5.4']).toMatchObject({
      status: 'denied',
      category: 'model_access_denied',
      confidence: 'confirmed',
      workaround: 'gpt-5.4-mini',
    });
    expect(results['gpt-4o']).toMatchObject({
      status: 'denied',
      category: 'model_access_denied',
      workaround: 'gpt-4o-mini',
    });
    expect(results['gpt-5.4']?.evidence[0]).toMatchObject({ httpStatus: 403, code: 'model_not_found' });
    expect(results['gpt-5.4']?.diagnosis?.category).toBe('model_access_denied');
    expect(results['gpt-5.4-mini']).toMatchObject({ status: 'ok', confidence: 'confirmed' });
    expect(results['gpt-4o-mini']).toMatchObject({ status: 'ok', confidence: 'confirmed' });
    expect(run.report.key.problem).toBeUndefined();
  });

  it('tier-gated model (404 form): denied as model_access_denied, workaround in the family', async () => {
    const run = await probe('tiergated', ['gpt-6.1-sol', 'gpt-6.1-terra']);
    const results = byModel(run.report);
    expect(results['gpt-6.1-sol']).toMatchObject({ status: 'denied', category: 'model_access_denied' });
    expect(['confirmed', 'likely']).toContain(results['gpt-6.1-sol']?.confidence);
    expect(results['gpt-6.1-sol']?.evidence[0]?.httpStatus).toBe(404);
    expect(results['gpt-6.1-sol']?.workaround).toBe('gpt-6.1-terra');
    expect(results['gpt-6.1-terra']).toMatchObject({ status: 'ok' });
    expect(run.report.key.tier.tier).toBe(1);
  });

  it('a typo is model_not_found, with the spelling suggestion', async () => {
    const run = await probe('tier3', ['gpt4o-mini']);
    const result = byModel(run.report)['gpt4o-mini'];
    expect(result).toMatchObject({ status: 'denied', category: 'model_not_found' });
    expect(result?.diagnosis?.suggestion?.model).toBe('gpt-4o-mini');
  });

  it('responses-only model the catalogue does not know: switches to /v1/responses with max_output_tokens 0', async () => {
    const model = 'mad-test-responses-only';
    const run = await probe('tier3', [model], {
      server: { extraModels: { [model]: { ...chatModel(OTHER_LIMITS, 1, false), endpoints: 'responses' } } },
    });
    const result = byModel(run.report)[model];
    expect(result).toMatchObject({ status: 'ok', endpoint: 'responses', confidence: 'confirmed' });
    expect(result?.evidence.map((item) => [item.path, item.httpStatus])).toEqual([
      ['/chat/completions', 404],
      ['/responses', 400],
    ]);
    expect(result?.evidence[1]).toMatchObject({
      param: 'max_output_tokens',
      code: 'integer_below_min_value',
    });
    const bodies = modelRequests(run, model).map(
      (request) => JSON.parse(request.body) as Record<string, unknown>,
    );
    expect(bodies[1]).toMatchObject({ input: '', max_output_tokens: 0 });
  });

  it.each([
    'o3-pro',
    'gpt-5.4-pro',
  ])('catalogue responses-only model %s goes to /v1/responses at once', async (model) => {
    const run = await probe('tier3', [model]);
    const result = byModel(run.report)[model];
    expect(result).toMatchObject({ status: 'ok', endpoint: 'responses', confidence: 'confirmed' });
    expect(result?.evidence.map((item) => item.path)).toEqual(['/responses']);
  });

  it('switches max_tokens to max_completion_tokens when the model refuses the first', async () => {
    const run = await probe('tier3', ['gpt-4o-mini'], {
      server: { modelOverrides: { 'gpt-4o-mini': { acceptsMaxTokens: false } } },
    });
    const result = byModel(run.report)['gpt-4o-mini'];
    expect(result).toMatchObject({ status: 'ok', confidence: 'confirmed' });
    expect(result?.evidence.map((item) => [item.httpStatus, item.code, item.param])).toEqual([
      [400, 'unsupported_parameter', 'max_tokens'],
      [400, 'integer_below_min_value', 'max_completion_tokens'],
    ]);
    const bodies = modelRequests(run, 'gpt-4o-mini').map((request) =>
      Object.keys(JSON.parse(request.body) as object),
    );
    expect(bodies[0]).toContain('max_tokens');
    expect(bodies[1]).toContain('max_completion_tokens');
  });

  it('rate limited with retry-after within the timeout: waits once, then ok', async () => {
    const started = Date.now();
    const run = await probe('ratelimited', ['gpt-4o-mini', 'gpt-5.4']);
    expect(run.report.models.every((result) => result.status === 'ok')).toBe(true);
    for (const model of ['gpt-4o-mini', 'gpt-5.4']) {
      const requests = modelRequests(run, model);
      expect(requests).toHaveLength(2);
      const [first, second] = requests;
      expect((second?.receivedAt ?? 0) - (first?.answeredAt ?? 0)).toBeGreaterThanOrEqual(190);
      expect(byModel(run.report)[model]?.evidence.map((item) => item.httpStatus)).toEqual([429, 400]);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('rate limited with a wait longer than the timeout: reported as rate_limit, not retried', async () => {
    const run = await probe('ratelimitedlong', ['gpt-4o-mini'], { probe: { timeoutMs: 2_000 } });
    expect(rows(run.report)).toEqual([
      { model: 'gpt-4o-mini', status: 'unknown', category: 'rate_limit', confidence: 'unknown' },
    ]);
    expect(modelRequests(run, 'gpt-4o-mini')).toHaveLength(1);
    expect(byModel(run.report)['gpt-4o-mini']?.evidence[0]?.rateLimit?.remainingRequests).toBe(0);
  });

  it('overloaded: unknown, server_error', async () => {
    const run = await probe('overloaded', HEALTHY);
    expect(rows(run.report)).toEqual(
      HEALTHY.map((model) => ({ model, status: 'unknown', category: 'server_error', confidence: 'unknown' })),
    );
    expect(run.report.key.problem).toBeUndefined();
  });

  it('unverified organization: zero-cost probes still ok (verification needs the paid check)', async () => {
    const run = await probe('unverified', ['gpt-5', 'gpt-4o-mini']);
    expect(run.report.models.every((result) => result.status === 'ok')).toBe(true);
  });
});

describe('runProbe: the canary', () => {
  it('parameters validated before access: untrusted, every model unknown with that reason', async () => {
    const run = await probe('paramsfirst', HEALTHY);
    expect(run.report.trusted).toBe(false);
    expect(run.report.canary).toMatchObject({ trusted: false, verdict: 'validated_first', httpStatus: 400 });
    expect(rows(run.report)).toEqual(
      HEALTHY.map((model) => ({ model, status: 'unknown', category: 'other', confidence: 'unknown' })),
    );
    for (const result of run.report.models) expect(result.summary).toMatch(/canary/);
    // The 400s prove nothing, not even quota; the headers still show the tier.
    expect(run.report.key.quota.state).toBe('unknown');
    for (const result of run.streamed) expect(result.status).toBe('unknown');
  });

  it('the canary goes out in the first round, with the key checks', async () => {
    const run = await probe('tier3', HEALTHY, { server: { latencyMs: 60 } });
    const canary = run.requests.find((request) => request.model?.startsWith('mad-canary-'));
    const me = run.requests.find((request) => request.path === '/v1/me');
    const firstModel = run.requests.find(
      (request) => request.model !== undefined && HEALTHY.includes(request.model),
    );
    expect(canary).toBeDefined();
    expect(Math.abs((canary?.receivedAt ?? 0) - (me?.receivedAt ?? 0))).toBeLessThan(50);
    expect(firstModel?.receivedAt ?? 0).toBeGreaterThanOrEqual((me?.answeredAt ?? 0) - 5);
  });
});

describe('runProbe: faults', () => {
  it('timeout: unknown, connection_error, within about the timeout', async () => {
    const started = Date.now();
    const run = await probe('faulttimeout', ['gpt-4o-mini'], { probe: { timeoutMs: 300 } });
    expect(rows(run.report)).toEqual([
      { model: 'gpt-4o-mini', status: 'unknown', category: 'connection_error', confidence: 'unknown' },
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('connection reset: unknown, connection_error', async () => {
    const run = await probe('faultreset', ['gpt-4o-mini']);
    expect(rows(run.report)[0]).toMatchObject({ status: 'unknown', category: 'connection_error' });
  });

  it('HTML 502: unknown, server_error', async () => {
    const run = await probe('fault502', ['gpt-4o-mini']);
    expect(rows(run.report)[0]).toMatchObject({ status: 'unknown', category: 'server_error' });
    expect(byModel(run.report)['gpt-4o-mini']?.evidence[0]?.httpStatus).toBe(502);
  });

  it('malformed JSON: unknown (the answer cannot be read as ok)', async () => {
    const run = await probe('faultjson', ['gpt-4o-mini']);
    expect(rows(run.report)[0]).toMatchObject({ status: 'unknown' });
  });

  it('slow body: cut off by the timeout, unknown, connection_error', async () => {
    const started = Date.now();
    const run = await probe('faultslow', ['gpt-4o-mini'], {
      server: { slowBodyMs: 5_000 },
      probe: { timeoutMs: 400 },
    });
    expect(rows(run.report)[0]).toMatchObject({ status: 'unknown', category: 'connection_error' });
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('one model failing does not stop the others', async () => {
    const run = await probe('tier3', HEALTHY, { server: { faults: [{ fault: 'reset', model: 'gpt-5.4' }] } });
    const results = byModel(run.report);
    expect(results['gpt-5.4']).toMatchObject({ status: 'unknown', category: 'connection_error' });
    expect(results['gpt-5.4-mini']?.status).toBe('ok');
    expect(results['gpt-4o-mini']?.status).toBe('ok');
  });
});

describe('runProbe: concurrency, abort, hosts', () => {
  const TWELVE = [
    'gpt-6.1-sol',
    'gpt-6.1-terra',
    'gpt-6-luna',
    'gpt-5.6-sol',
    'gpt-5.6-terra',
    'gpt-5.6-luna',
    'gpt-5.5',
    'gpt-5.4',
    'gpt-5.4-mini',
    'gpt-4o-mini',
    'gpt-4o',
    'gpt-5-mini',
  ];

  function maxInFlight(requests: RecordedRequest[]): number {
    const events = requests.flatMap((request) => [
      [request.receivedAt, 1] as const,
      [request.answeredAt ?? Number.POSITIVE_INFINITY, -1] as const,
    ]);
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current = 0;
    let max = 0;
    for (const [, delta] of events) {
      current += delta;
      max = Math.max(max, current);
    }
    return max;
  }

  it.each([1, 2, 4])('never has more than %i model requests in flight', async (limit) => {
    const run = await probe('tier3', TWELVE.slice(0, 8), {
      server: { latencyMs: 40 },
      probe: { concurrency: limit },
    });
    const eight = TWELVE.slice(0, 8);
    const modelCalls = run.requests.filter(
      (request) => request.model !== undefined && eight.includes(request.model),
    );
    expect(modelCalls).toHaveLength(8);
    expect(maxInFlight(modelCalls)).toBe(limit);
    // About ceil(8 / limit) rounds of 40 ms after one round of key checks.
    expect(run.report.timings.modelsMs).toBeGreaterThanOrEqual(Math.ceil(8 / limit) * 40 - 5);
  });

  it('twelve models at 4 at a time take about 3 rounds plus the key checks', async () => {
    const run = await probe('tier3', TWELVE, { server: { latencyMs: 100 } });
    expect(run.report.models.every((result) => result.status === 'ok')).toBe(true);
    const ideal = Math.ceil(TWELVE.length / 4) * 100 + 100;
    expect(run.report.timings.totalMs).toBeGreaterThanOrEqual(ideal - 10);
    expect(run.report.timings.totalMs).toBeLessThan(ideal * 1.5);
  });

  it('aborts mid-run: resolves quickly, reports aborted, stops sending', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 250);
    const run = await probe('tier3', TWELVE, {
      server: { latencyMs: 150 },
      probe: { signal: controller.signal, concurrency: 2 },
    });
    const elapsed = Date.now() - started;
    expect(run.report.aborted).toBe(true);
    expect(elapsed).toBeLessThan(600);
    expect(run.report.models).toHaveLength(TWELVE.length);
    const notChecked = run.report.models.filter((result) => result.summary.startsWith('Not checked'));
    expect(notChecked.length).toBeGreaterThan(6);
    expect(run.streamed.length).toBeLessThan(TWELVE.length);
    const sentBefore = run.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server?.requests.length).toBe(sentBefore);
  });

  it('an already-aborted signal sends nothing at all', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await probe('tier3', HEALTHY, { probe: { signal: controller.signal } });
    expect(run.report.aborted).toBe(true);
    expect(run.requests).toHaveLength(0);
    expect(run.streamed).toHaveLength(0);
  });

  it('sends the organization and project headers it was given, and nothing else identifying', async () => {
    const run = await probe('tier3', ['gpt-4o-mini'], {
      profile: { organizationId: 'org-FAKE00000000000000000001', projectId: 'proj_FAKE0000allowlist' },
    });
    for (const request of run.requests) {
      expect(request.headers['openai-organization']).toBe('org-FAKE00000000000000000001');
      expect(request.headers['openai-project']).toBe('proj_FAKE0000allowlist');
      expect(request.headers.authorization).toBe(`Bearer ${run.key}`);
    }
    expect(run.report.models[0]?.status).toBe('ok');
  });

  it('a wrong organization header is an org_membership problem', async () => {
    const run = await probe('tier3', ['gpt-4o-mini', 'gpt-5.4'], {
      profile: { organizationId: 'org-NOTMINE000000000000000' },
    });
    expect(run.report.models.map((result) => result.category)).toEqual(['org_membership', 'org_membership']);
    expect(run.report.key.problem?.category).toBe('org_membership');
  });

  it('defaults to https://api.openai.com/v1 and goes nowhere else', async () => {
    const urls: string[] = [];
    const offline: typeof fetch = async (input) => {
      urls.push(input instanceof Request ? input.url : String(input));
      throw new TypeError('fetch failed');
    };
    const key = FAKE_KEYS.tier3;
    const report = await runProbe({ apiKey: key }, HEALTHY, { fetch: offline, timeoutMs: 500 });
    expect(report.baseUrl).toBe('https://api.openai.com/v1');
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith('https://api.openai.com/v1/')).toBe(true);
    expect(
      report.models.every((result) => result.status === 'unknown' && result.category === 'connection_error'),
    ).toBe(true);
    expect(report.key.valid).toBeNull();
    expect(JSON.stringify(report)).not.toContain(key);
  });

  it('keeps a key out of the report and the streamed results even when a server echoes it in full', async () => {
    const key = FAKE_KEYS.tier3;
    const echo: typeof fetch = async (input) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith('/me') || url.endsWith('/models')) {
        return new Response(JSON.stringify({ object: 'list', data: [], note: key }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }
      return new Response(
        JSON.stringify({
          error: {
            message: `Project key ${key} (Bearer ${key}) does not have access to model \`gpt-5.4\``,
            type: 'invalid_request_error',
            param: null,
            code: 'model_not_found',
          },
        }),
        { status: 403, headers: { 'content-type': 'application/json', 'x-request-id': 'req_echo' } },
      );
    };
    const streamed: ModelResult[] = [];
    const report = await runProbe({ apiKey: key, baseUrl: 'https://proxy.example/v1' }, HEALTHY, {
      fetch: echo,
      onResult: (result) => streamed.push(result),
    });
    expect(report.models.every((result) => result.status === 'denied')).toBe(true);
    expect(streamed).toHaveLength(HEALTHY.length);
    expect(report.models[0]?.evidence[0]?.message).toContain('sk-proj-…');
    for (const output of [JSON.stringify(report), JSON.stringify(streamed)]) {
      expect(output).not.toContain(key);
      expect(output).not.toContain(key.slice(8, 40));
    }
  });
});
