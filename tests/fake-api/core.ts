/**
 * The fake api.openai.com as a pure function: one request in, one answer out. The node server
 * (./server.ts) and the Playwright adapter (./playwright.ts) only carry bytes; every body and header is made
 * here, with the shapes of DESIGN §3 (error body, `x-request-id`, `openai-*`, `x-ratelimit-*` with duration
 * strings, `retry-after`).
 *
 * The order of checks on a model call is the one the zero-cost probe relies on (DESIGN §3): key → region →
 * scope → account state → model existence and access → quota → rate limit → capacity → parameters. The
 * `paramsfirst` scenario moves the parameter check before model access, the case the canary exists for.
 */
import { FAKE_MODELS, type FakeModel, type FakeTier, tierRank } from './catalogue';
import {
  DEFAULT_ORGANIZATION,
  FAKE_PROJECT_ID,
  type FakeFault,
  type ScenarioId,
  type ScenarioSpec,
  scenarioFromKey,
  scenarioSpec,
} from './scenarios';

export interface FakeRequest {
  method: string;
  /** Absolute (`https://api.openai.com/v1/me`) or a path (`/v1/me`). */
  url: string;
  /** Any case; looked up case-insensitively. */
  headers: Record<string, string | undefined>;
  body?: string;
}

export interface FakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Wait this long before the status line (injected latency). */
  delayMs?: number;
  /**
   * How the transport misbehaves: `timeout` never answers, `reset` drops the connection, `slow-body` sends
   * the status and headers at once and then the body over `slowBodyMs`. HTML 502 and malformed JSON are
   * ordinary answers and need no transport help.
   */
  fault?: 'timeout' | 'reset' | 'slow-body';
  slowBodyMs?: number;
}

export interface FaultRule {
  fault: FakeFault;
  /** Only requests to this path (`/v1/chat/completions`); any path when absent. */
  path?: string;
  /** Only requests for this model; any when absent. */
  model?: string;
  /** At most this many times (then the normal answer); always when absent. */
  times?: number;
}

export interface FakeApiOptions {
  /** Latency added before every answer, in ms. */
  latencyMs?: number;
  /** Extra faults on top of the scenario's own. */
  faults?: readonly FaultRule[];
  /** How long a `slow-body` answer takes to finish, default 60 000 ms. */
  slowBodyMs?: number;
  /** Per-model changes to the catalogue, e.g. `{ 'gpt-4o-mini': { acceptsMaxTokens: false } }`. */
  modelOverrides?: Readonly<Record<string, Partial<FakeModel>>>;
  /** Models the fake knows on top of its catalogue (see `chatModel` in ./catalogue.ts). */
  extraModels?: Readonly<Record<string, FakeModel>>;
}

/** What a fake server remembers between requests (request ids, first-call rate limits, fault budgets). */
export interface FakeState {
  requestCount: number;
  rateLimitedOnce: Set<string>;
  faultUses: Map<number, number>;
}

export function createFakeState(): FakeState {
  return { requestCount: 0, rateLimitedOnce: new Set(), faultUses: new Map() };
}

const OPENAI_VERSION = '2020-10-01';
const ORGANIZATION_SLUG = 'fake-personal-org';
const FIXED_CREATED = 1_767_225_600; // 2026-01-01T00:00:00Z: answers are reproducible.
const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';

interface ErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

interface Context {
  request: FakeRequest;
  path: string;
  method: string;
  state: FakeState;
  options: FakeApiOptions;
  requestId: string;
}

function header(request: FakeRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

function baseHeaders(context: Context, authenticated: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-request-id': context.requestId,
    'openai-version': OPENAI_VERSION,
    'openai-processing-ms': String(20 + (context.state.requestCount % 17)),
    'access-control-allow-origin': '*',
    'access-control-expose-headers':
      'x-request-id, openai-organization, openai-processing-ms, openai-version, x-ratelimit-limit-requests, x-ratelimit-limit-tokens, x-ratelimit-remaining-requests, x-ratelimit-remaining-tokens, x-ratelimit-reset-requests, x-ratelimit-reset-tokens, retry-after, retry-after-ms',
  };
  if (authenticated) headers['openai-organization'] = ORGANIZATION_SLUG;
  return headers;
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

function errorAnswer(
  context: Context,
  status: number,
  error: ErrorBody,
  extraHeaders: Record<string, string> = {},
  authenticated = true,
): FakeAnswer {
  return {
    status,
    headers: { ...baseHeaders(context, authenticated), ...extraHeaders },
    // Field order as the API sends it.
    body: json({ error: { message: error.message, type: error.type, param: error.param, code: error.code } }),
  };
}

/** The real API masks a wrong key as its first 8 characters, stars, and its last 4. */
function maskLikeTheApi(key: string): string {
  if (key.length <= 12) return key.replace(/./g, '*');
  return `${key.slice(0, 8)}${'*'.repeat(Math.max(4, key.length - 12))}${key.slice(-4)}`;
}

function invalidKeyAnswer(context: Context, key: string): FakeAnswer {
  return errorAnswer(
    context,
    401,
    {
      message: `Incorrect API key provided: ${maskLikeTheApi(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    },
    {},
    false,
  );
}

function missingScopeAnswer(context: Context, status: number, scope: string): FakeAnswer {
  return errorAnswer(context, status, {
    message: `You have insufficient permissions for this operation. Missing scopes: ${scope}. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.`,
    type: 'invalid_request_error',
    param: null,
    code: null,
  });
}

function modelDoesNotExist(context: Context, model: string): FakeAnswer {
  return errorAnswer(context, 404, {
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    type: 'invalid_request_error',
    param: null,
    code: 'model_not_found',
  });
}

/** Rate-limit headers as the API sends them on model calls, including the 400 answers (DESIGN §3). */
function rateLimitHeaders(spec: ScenarioSpec, model: FakeModel | undefined): Record<string, string> {
  if (spec.noRateLimitHeaders || model === undefined) return {};
  const tokens = model.limits.tokens[spec.tier];
  const requests = model.limits.requests[spec.tier];
  if (tokens === undefined || requests === undefined) return {};
  const perDay = spec.tier === 'free' || spec.tier === 1;
  return {
    'x-ratelimit-limit-requests': String(requests),
    'x-ratelimit-limit-tokens': String(tokens),
    'x-ratelimit-remaining-requests': String(requests - 1),
    'x-ratelimit-remaining-tokens': String(tokens - 7),
    'x-ratelimit-reset-requests': perDay ? '7m12s' : '12ms',
    'x-ratelimit-reset-tokens': '0s',
  };
}

function parseBody(request: FakeRequest): Record<string, unknown> | 'invalid' | undefined {
  if (request.body === undefined || request.body === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(request.body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** The model a request names, for fault rules and the server's per-model request log. */
export function requestedModel(request: FakeRequest): string | undefined {
  const body = parseBody(request);
  if (body !== undefined && body !== 'invalid' && typeof body.model === 'string') return body.model;
  const path = pathOf(request.url);
  const match = /^\/v1\/models\/(.+)$/.exec(path);
  return match?.[1] !== undefined ? decodeURIComponent(match[1]) : undefined;
}

function pathOf(url: string): string {
  return new URL(url, 'http://fake.invalid').pathname;
}

function organizationList(spec: ScenarioSpec) {
  return spec.organizations ?? [DEFAULT_ORGANIZATION];
}

/** Account-level checks every endpoint makes. `undefined` means the caller may go on. */
function accountChecks(
  context: Context,
  key: string | undefined,
  spec: ScenarioSpec | null,
): FakeAnswer | undefined {
  if (key === undefined || key === '') {
    return errorAnswer(
      context,
      401,
      {
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
      {},
      false,
    );
  }
  if (spec === null || spec.invalidKey) return invalidKeyAnswer(context, key);
  if (spec.deactivated) {
    return errorAnswer(
      context,
      401,
      {
        message:
          'This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.',
        type: 'invalid_request_error',
        param: null,
        code: 'account_deactivated',
      },
      {},
      false,
    );
  }
  if (spec.regionBlocked) {
    return errorAnswer(
      context,
      403,
      {
        message: 'Country, region, or territory not supported',
        type: 'request_forbidden',
        param: null,
        code: 'unsupported_country_region_territory',
      },
      {},
      false,
    );
  }
  const organization = header(context.request, 'openai-organization');
  if (organization !== undefined && !organizationList(spec).some((org) => org.id === organization)) {
    return errorAnswer(
      context,
      401,
      {
        message: 'OpenAI-Organization header should match organization for API key',
        type: 'invalid_request_error',
        param: null,
        code: 'mismatched_organization',
      },
      {},
      false,
    );
  }
  const project = header(context.request, 'openai-project');
  if (project !== undefined && project !== FAKE_PROJECT_ID) {
    return errorAnswer(
      context,
      401,
      {
        message: 'OpenAI-Project header should match project for API key',
        type: 'invalid_request_error',
        param: null,
        code: 'mismatched_project',
      },
      {},
      false,
    );
  }
  return undefined;
}

function meAnswer(context: Context, spec: ScenarioSpec): FakeAnswer {
  const orgs = organizationList(spec).map((org) => ({
    object: 'organization',
    id: org.id,
    created: FIXED_CREATED,
    title: org.title,
    name: org.title.toLowerCase().replace(/\s+/g, '-'),
    description: null,
    personal: org.personal,
    is_default: org.isDefault,
    role: org.role,
    projects: { object: 'list', data: [] },
  }));
  return {
    status: 200,
    headers: baseHeaders(context, true),
    body: json({
      object: 'user',
      id: 'user-FAKE0000000000000000000',
      email: 'someone@example.com',
      name: 'Fake User',
      picture: null,
      created: FIXED_CREATED,
      phone_number: null,
      mfa_flag_enabled: false,
      orgs: { object: 'list', data: orgs },
    }),
  };
}

function fakeModel(context: Context, id: string): FakeModel | undefined {
  const extra = context.options.extraModels;
  const model =
    extra !== undefined && Object.hasOwn(extra, id)
      ? extra[id]
      : Object.hasOwn(FAKE_MODELS, id)
        ? FAKE_MODELS[id]
        : undefined;
  const override = context.options.modelOverrides?.[id];
  return model === undefined || override === undefined ? model : { ...model, ...override };
}

function modelObject(id: string, model: FakeModel) {
  return { id, object: 'model', created: FIXED_CREATED, owned_by: model.owner };
}

function modelsAnswer(context: Context, key: string, spec: ScenarioSpec, id: string | undefined): FakeAnswer {
  if (spec.admin) return invalidKeyAnswer(context, key);
  if (spec.missingModelsScope !== undefined) return missingScopeAnswer(context, 403, spec.missingModelsScope);
  // No source says whether the list honours project allow-lists (DESIGN §3), so the fake lists everything.
  if (id === undefined) {
    return {
      status: 200,
      headers: baseHeaders(context, true),
      body: json({
        object: 'list',
        data: Object.entries(FAKE_MODELS).map(([modelId, model]) => modelObject(modelId, model)),
      }),
    };
  }
  const model = fakeModel(context, id);
  if (model === undefined) return modelDoesNotExist(context, id);
  return { status: 200, headers: baseHeaders(context, true), body: json(modelObject(id, model)) };
}

type Endpoint = 'chat' | 'responses';

interface ParamProblem {
  param: string;
  code: string;
  message: string;
}

/** Parameter validation, in the API's own words (sources in tests/fake-api/README.md). */
function parameterProblem(
  endpoint: Endpoint,
  body: Record<string, unknown>,
  model: FakeModel | undefined,
): ParamProblem | undefined {
  if (endpoint === 'chat') {
    if (!Array.isArray(body.messages)) {
      return {
        param: 'messages',
        code: 'missing_required_parameter',
        message: "Missing required parameter: 'messages'.",
      };
    }
    if (body.max_tokens !== undefined && model !== undefined && !model.acceptsMaxTokens) {
      return {
        param: 'max_tokens',
        code: 'unsupported_parameter',
        message:
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      };
    }
    for (const name of ['max_tokens', 'max_completion_tokens'] as const) {
      const value = body[name];
      if (typeof value === 'number' && value < 1) {
        return {
          param: name,
          code: 'integer_below_min_value',
          message: `Invalid '${name}': integer below minimum value. Expected a value >= 1, but got ${value} instead.`,
        };
      }
    }
    return undefined;
  }
  if (body.max_tokens !== undefined || body.max_completion_tokens !== undefined) {
    const name = body.max_tokens !== undefined ? 'max_tokens' : 'max_completion_tokens';
    return { param: name, code: 'unknown_parameter', message: `Unknown parameter: '${name}'.` };
  }
  const value = body.max_output_tokens;
  if (typeof value === 'number' && value < 16) {
    return {
      param: 'max_output_tokens',
      code: 'integer_below_min_value',
      message: `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${value} instead.`,
    };
  }
  return undefined;
}

function chatSuccess(
  context: Context,
  modelId: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const id = `chatcmpl-FAKE${context.state.requestCount.toString(16).padStart(8, '0')}`;
  if (body.stream === true) {
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${json({
        id,
        object: 'chat.completion.chunk',
        created: FIXED_CREATED,
        model: modelId,
        system_fingerprint: null,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      })}\n\n`;
    return {
      status: 200,
      headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8' },
      body: `${chunk({ role: 'assistant', content: '', refusal: null }, null)}${chunk({ content: 'Hi' }, null)}${chunk({}, 'length')}data: [DONE]\n\n`,
    };
  }
  return {
    status: 200,
    headers,
    body: json({
      id,
      object: 'chat.completion',
      created: FIXED_CREATED,
      model: modelId,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hi', refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'length',
        },
      ],
      usage: {
        prompt_tokens: 8,
        completion_tokens: 1,
        total_tokens: 9,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
      },
      service_tier: 'default',
      system_fingerprint: null,
    }),
  };
}

function responsesSuccess(
  context: Context,
  modelId: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const id = `resp_FAKE${context.state.requestCount.toString(16).padStart(8, '0')}`;
  const maxOutput = typeof body.max_output_tokens === 'number' ? body.max_output_tokens : 16;
  const response = {
    id,
    object: 'response',
    created_at: FIXED_CREATED,
    status: 'incomplete',
    incomplete_details: { reason: 'max_output_tokens' },
    error: null,
    model: modelId,
    output: [
      {
        type: 'message',
        id: `msg_FAKE${context.state.requestCount}`,
        status: 'incomplete',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Hi', annotations: [] }],
      },
    ],
    usage: {
      input_tokens: 8,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: maxOutput,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 8 + maxOutput,
    },
  };
  if (body.stream === true) {
    const event = (type: string, data: Record<string, unknown>, sequence: number) =>
      `event: ${type}\ndata: ${json({ type, sequence_number: sequence, ...data })}\n\n`;
    return {
      status: 200,
      headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8' },
      body:
        event('response.created', { response: { ...response, status: 'in_progress', output: [] } }, 0) +
        event(
          'response.output_text.delta',
          {
            item_id: `msg_FAKE${context.state.requestCount}`,
            output_index: 0,
            content_index: 0,
            delta: 'Hi',
          },
          1,
        ) +
        event('response.incomplete', { response }, 2),
    };
  }
  return { status: 200, headers, body: json(response) };
}

function modelCallAnswer(context: Context, endpoint: Endpoint, key: string, spec: ScenarioSpec): FakeAnswer {
  if (spec.admin) return invalidKeyAnswer(context, key);
  const body = parseBody(context.request);
  if (body === undefined || body === 'invalid') {
    return errorAnswer(context, 400, {
      message:
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  }
  if (spec.missingInferenceScope !== undefined)
    return missingScopeAnswer(context, 401, spec.missingInferenceScope);
  if (spec.accessTerminated) {
    return errorAnswer(context, 429, {
      message:
        'Your access was terminated due to violation of our policies, please check your email for more information. If you believe this is in error and would like to appeal, please contact us through our help center at help.openai.com.',
      type: 'access_terminated',
      param: null,
      code: 'access_terminated',
    });
  }
  if (spec.billingNotActive) {
    return errorAnswer(context, 429, {
      message: 'Your account is not active, please check your billing details on our website.',
      type: 'billing_not_active',
      param: null,
      code: 'billing_not_active',
    });
  }
  const modelId = typeof body.model === 'string' ? body.model : undefined;
  if (modelId === undefined) {
    return errorAnswer(context, 400, {
      message: 'you must provide a model parameter',
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  }
  const model = fakeModel(context, modelId);
  const badParamEarly = spec.paramsFirst ? parameterProblem(endpoint, body, model) : undefined;
  if (badParamEarly !== undefined) {
    return errorAnswer(
      context,
      400,
      { ...badParamEarly, type: 'invalid_request_error' },
      rateLimitHeaders(spec, model ?? FAKE_MODELS['gpt-4o-mini']),
    );
  }
  if (model === undefined || tierRank(spec.tier) < tierRank(model.minTier)) {
    return modelDoesNotExist(context, modelId);
  }
  if (endpoint === 'chat' && model.endpoints === 'responses') {
    return errorAnswer(context, 404, {
      message: 'This model is only supported in v1/responses and not in v1/chat/completions.',
      type: 'invalid_request_error',
      param: 'model',
      code: null,
    });
  }
  if (spec.allowList !== undefined && !spec.allowList.includes(modelId)) {
    return errorAnswer(context, 403, {
      message: `Project \`${FAKE_PROJECT_ID}\` does not have access to model \`${modelId}\``,
      type: 'invalid_request_error',
      param: null,
      code: 'model_not_found',
    });
  }
  if (spec.quota !== undefined) {
    return errorAnswer(context, 429, {
      message:
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
      type: 'insufficient_quota',
      param: null,
      code: spec.quota.code,
    });
  }
  const limits = rateLimitHeaders(spec, model);
  // Once per key, endpoint and model: another key (another scenario) on the same server starts afresh.
  const rateLimitSlot = `${key}:${endpoint}:${modelId}`;
  if (spec.rateLimited !== undefined && !context.state.rateLimitedOnce.has(rateLimitSlot)) {
    context.state.rateLimitedOnce.add(rateLimitSlot);
    const waitMs = spec.rateLimited.retryAfterMs;
    const limit = model.limits.requests[spec.tier] ?? 500;
    return errorAnswer(
      context,
      429,
      {
        message: `Rate limit reached for ${modelId} in organization ${DEFAULT_ORGANIZATION.id} on requests per min (RPM): Limit ${limit}, Used ${limit}, Requested 1. Please try again in ${formatDuration(waitMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
      {
        ...limits,
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': formatDuration(waitMs),
        'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
        'retry-after-ms': String(waitMs),
      },
    );
  }
  if (spec.overloaded) {
    return errorAnswer(
      context,
      503,
      {
        message: 'The engine is currently overloaded, please try again later.',
        type: 'service_unavailable_error',
        param: null,
        code: 'server_is_overloaded',
      },
      limits,
    );
  }
  const badParam = parameterProblem(endpoint, body, model);
  if (badParam !== undefined) {
    return errorAnswer(context, 400, { ...badParam, type: 'invalid_request_error' }, limits);
  }
  if (spec.unverified && body.stream === true && model.streamNeedsVerification) {
    return errorAnswer(
      context,
      400,
      {
        message:
          'Your organization must be verified to stream this model. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.',
        type: 'invalid_request_error',
        param: 'stream',
        code: 'unsupported_value',
      },
      limits,
    );
  }
  const headers = { ...baseHeaders(context, true), ...limits };
  return endpoint === 'chat'
    ? chatSuccess(context, modelId, body, headers)
    : responsesSuccess(context, modelId, body, headers);
}

/** `6m0s`, `1s`, `200ms`: the duration strings of `x-ratelimit-reset-*` (DESIGN §3). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds - minutes * 60;
  const secondsText = Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3).replace(/0+$/, '');
  return minutes > 0 ? `${minutes}m${secondsText}s` : `${secondsText}s`;
}

function routeRequest(context: Context): FakeAnswer {
  const { path, method } = context;
  if (method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': '*',
        'access-control-max-age': '600',
      },
      body: '',
    };
  }
  const authorization = header(context.request, 'authorization');
  const key = authorization?.replace(/^Bearer\s+/i, '');
  const scenario: ScenarioId | null = key === undefined ? null : scenarioFromKey(key);
  const spec = scenario === null ? null : scenarioSpec(scenario);
  const known =
    (method === 'GET' && (path === '/v1/me' || path === '/v1/models' || path.startsWith('/v1/models/'))) ||
    (method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/responses'));
  if (!known) {
    return errorAnswer(
      context,
      404,
      { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null },
      {},
      false,
    );
  }
  const refused = accountChecks(context, key, spec);
  if (refused !== undefined || spec === null || key === undefined) {
    return refused ?? invalidKeyAnswer(context, key ?? '');
  }
  if (path === '/v1/me') return meAnswer(context, spec);
  if (path === '/v1/models') return modelsAnswer(context, key, spec, undefined);
  if (path.startsWith('/v1/models/')) {
    return modelsAnswer(context, key, spec, decodeURIComponent(path.slice('/v1/models/'.length)));
  }
  return modelCallAnswer(context, path === '/v1/responses' ? 'responses' : 'chat', key, spec);
}

function applicableFault(context: Context, spec: ScenarioSpec | null): FakeFault | undefined {
  const isModelCall = context.path === '/v1/chat/completions' || context.path === '/v1/responses';
  const model = requestedModel(context.request);
  const rules = context.options.faults ?? [];
  for (const [index, rule] of rules.entries()) {
    if (rule.path !== undefined && rule.path !== context.path) continue;
    if (rule.model !== undefined && rule.model !== model) continue;
    const used = context.state.faultUses.get(index) ?? 0;
    if (rule.times !== undefined && used >= rule.times) continue;
    context.state.faultUses.set(index, used + 1);
    return rule.fault;
  }
  return isModelCall ? spec?.fault : undefined;
}

function withFault(context: Context, fault: FakeFault | undefined, answer: () => FakeAnswer): FakeAnswer {
  switch (fault) {
    case undefined:
      return answer();
    case 'timeout':
    case 'reset':
      return { status: 0, headers: {}, body: '', fault };
    case 'html-502':
      return {
        status: 502,
        headers: { 'content-type': 'text/html', 'access-control-allow-origin': '*' },
        body: HTML_502,
      };
    case 'malformed-json': {
      const normal = answer();
      // Cut the body in the middle of a string: any JSON parser must fail on it.
      return { ...normal, body: normal.body.slice(0, Math.max(1, Math.floor(normal.body.length / 2))) };
    }
    case 'slow-body':
      return { ...answer(), fault: 'slow-body', slowBodyMs: context.options.slowBodyMs ?? 60_000 };
  }
}

/**
 * Answers one request as api.openai.com would in the scenario the key selects. Pure apart from `state`, which
 * the caller owns (one per fake server): request ids count up, and rate-limited scenarios answer 429 once per
 * model.
 */
export function answerFakeApi(
  request: FakeRequest,
  options: FakeApiOptions = {},
  state: FakeState = createFakeState(),
): FakeAnswer {
  state.requestCount += 1;
  const context: Context = {
    request,
    path: pathOf(request.url),
    method: request.method.toUpperCase(),
    state,
    options,
    requestId: `req_${state.requestCount.toString(16).padStart(32, '0')}`,
  };
  const key = header(request, 'authorization')?.replace(/^Bearer\s+/i, '');
  const scenario = key === undefined ? null : scenarioFromKey(key);
  const fault = applicableFault(context, scenario === null ? null : scenarioSpec(scenario));
  const answer = withFault(context, fault, () => routeRequest(context));
  return options.latencyMs ? { ...answer, delayMs: options.latencyMs } : answer;
}

export type { FakeFault, FakeTier };
