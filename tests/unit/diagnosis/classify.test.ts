/**
 * The classifier on every category and every input form of issue 3. Messages are OpenAI's wording as seen in the
 * public threads cited by the catalogue; keys and ids are made up.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '@/utils/diagnosis';
import type { CategoryId } from '@/utils/diagnosis/types';

const TODAY = '2026-11-24';
const category = (input: Parameters<typeof classify>[0]) =>
  classify(input, { today: TODAY })?.category ?? 'none';

describe('one example of every category', () => {
  const cases: Array<[CategoryId, string]> = [
    [
      'invalid_api_key',
      'Incorrect API key provided: sk-abc*********************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.',
    ],
    [
      'missing_api_key',
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    ],
    ['model_not_found', 'The model `gpt-4oo` does not exist or you do not have access to it.'],
    ['model_access_denied', 'Project `proj_abcdefghijklmnop12345678` does not have access to model `gpt-4o`'],
    [
      'key_scope_insufficient',
      'You have insufficient permissions for this operation. Missing scopes: model.request.',
    ],
    ['insufficient_quota', 'You exceeded your current quota, please check your plan and billing details.'],
    ['billing_limit', 'Billing hard limit has been reached'],
    [
      'rate_limit',
      'Rate limit reached for gpt-4o in organization org-abcdefghijklmnopqrstuvwx on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.',
    ],
    [
      'org_verification_required',
      'Your organization must be verified to use the model `o3`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.',
    ],
    [
      'org_membership',
      'You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com.',
    ],
    [
      'account_deactivated',
      'This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.',
    ],
    ['unsupported_region', 'Country, region, or territory not supported'],
    [
      'model_deprecated',
      'The model `text-davinci-003` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations',
    ],
    [
      'wrong_endpoint',
      'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?',
    ],
    [
      'unsupported_parameter',
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    ],
    [
      'context_length_exceeded',
      "This model's maximum context length is 8192 tokens. However, your messages resulted in 9001 tokens. Please reduce the length of the messages.",
    ],
    [
      'sdk_migration',
      'APIRemovedInV1: You tried to access openai.ChatCompletion, but this is no longer supported in openai>=1.0.0',
    ],
    ['connection_error', 'openai.APIConnectionError: Connection error.'],
    ['server_error', 'The server had an error while processing your request. Sorry about that!'],
    [
      'content_policy',
      'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
    ],
    [
      'other',
      "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid 'input[3]': unknown file id.\", 'type': 'invalid_request_error', 'param': 'input', 'code': None}}",
    ],
  ];
  it.each(cases)('%s', (expected, text) => {
    expect(category(text)).toBe(expected);
  });
});

describe('the faces of a category are separate entries', () => {
  const entry = (text: string) => classify(text, { today: TODAY })?.entryId;
  it('quota codes', () => {
    expect(entry('{"error":{"message":"…","type":"insufficient_quota","code":"insufficient_quota"}}')).toBe(
      'quota-insufficient',
    );
    expect(
      entry(
        'Error code: 429 - {"error": {"code": "project_spend_limit_exceeded", "message": "Project spend limit reached", "type": "insufficient_quota"}}',
      ),
    ).toBe('quota-project-spend-limit');
    expect(
      entry(
        '{"error": {"code": "organization_spend_limit_exceeded", "message": "x", "type": "insufficient_quota"}}',
      ),
    ).toBe('quota-organization-spend-limit');
    expect(
      entry('{"error": {"code": "credit_balance_exhausted", "message": "x", "type": "insufficient_quota"}}'),
    ).toBe('quota-credit-exhausted');
  });
  it('rate limits per unit', () => {
    const base = 'Rate limit reached for gpt-4o in organization org-abcdefghijklmnop on';
    expect(entry(`${base} tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.`)).toBe(
      'rate-limit-tokens-per-minute',
    );
    expect(entry(`${base} requests per day (RPD): Limit 200, Used 200, Requested 1.`)).toBe(
      'rate-limit-requests-per-day',
    );
    expect(entry(`${base} tokens per day (TPD): Limit 90000, Used 90000, Requested 10.`)).toBe(
      'rate-limit-tokens-per-day',
    );
    expect(entry(`${base} requests per min (RPM): Limit 3, Used 3, Requested 1.`)).toBe(
      'rate-limit-requests-per-minute',
    );
    expect(
      entry(
        'Rate limit exceeded for images per minute in organization org-abcdefghijk. Limit: 5/1min. Current: 6/1min.',
      ),
    ).toBe('rate-limit-images');
    expect(
      entry(
        'Request too large for gpt-4o in organization org-abcdefghijk on tokens per min (TPM): Limit 30000, Requested 36000. The input or output tokens must be reduced in order to run successfully.',
      ),
    ).toBe('rate-limit-request-too-large');
  });
  it('endpoint mix-ups', () => {
    expect(
      entry(
        'This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?',
      ),
    ).toBe('endpoint-completion-model-on-chat');
    expect(entry('404 This model is only supported in v1/responses and not in v1/chat/completions.')).toBe(
      'endpoint-responses-only',
    );
    expect(
      entry(
        '{"error": {"message": "Invalid URL (POST /v1/chat/completions/chat/completions)", "type": "invalid_request_error", "param": null, "code": null}}',
      ),
    ).toBe('endpoint-invalid-url');
  });
  it('project allow-list vs tier vs verification vs region denials', () => {
    expect(entry('Project `proj_abcdefghijklmnopqrstuvwx` does not have access to model `o3`')).toBe(
      'model-project-denied',
    );
    expect(entry('The model `gpt-4o` does not exist or you do not have access to it.')).toBe(
      'model-404-published',
    );
    expect(entry('Your organization must be verified to stream this model.')).toBe('verification-streaming');
    expect(
      entry(
        '{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}',
      ),
    ).toBe('unsupported-region');
  });
});

describe('input forms', () => {
  it('raw JSON, pretty and on one line, and truncated', () => {
    const pretty =
      '{\n  "error": {\n    "message": "Incorrect API key provided: sk-proj-****abcd.",\n    "type": "invalid_request_error",\n    "param": null,\n    "code": "invalid_api_key"\n  }\n}';
    expect(category(pretty)).toBe('invalid_api_key');
    expect(category(pretty.replace(/\s*\n\s*/g, ' '))).toBe('invalid_api_key');
    expect(category('{"error":{"message":"You exceeded your current quota, please ch')).toBe(
      'insufficient_quota',
    );
  });
  it('the Python SDK dict form with single quotes and None', () => {
    const text =
      "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}";
    const diagnosis = classify(text, { today: TODAY });
    expect(diagnosis?.category).toBe('insufficient_quota');
    expect(diagnosis?.fields).toMatchObject({
      status: 429,
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    });
  });
  it('Node SDK messages', () => {
    expect(
      category('Error: 404 The model `gpt-5-turbo` does not exist or you do not have access to it.'),
    ).toBe('model_not_found');
    expect(
      category('NotFoundError: 404 The model `gpt-4o` does not exist or you do not have access to it.'),
    ).toBe('model_access_denied');
    expect(category('429 You exceeded your current quota, please check your plan and billing details.')).toBe(
      'insufficient_quota',
    );
    expect(classify('AuthenticationError: 401 status code (no body)')?.category).toBe('invalid_api_key');
  });
  it('curl -v output with a status line, headers and a body', () => {
    const text = [
      '< HTTP/2 429',
      '< x-request-id: req_0123456789abcdef0123456789abcdef',
      '< retry-after: 20',
      '<',
      '{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-abcdefghijklmnop on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}',
    ].join('\n');
    const diagnosis = classify(text);
    expect(diagnosis?.category).toBe('rate_limit');
    expect(diagnosis?.fields).toMatchObject({
      status: 429,
      requestId: 'req_0123456789abcdef0123456789abcdef',
      retryAfterSeconds: 20,
      model: 'gpt-4o-mini',
      organizationId: 'org-abcdefghijklmnop',
      limit: 3,
      used: 3,
      requested: 1,
      unit: 'RPM',
    });
  });
  it('streaming error events', () => {
    expect(
      category(
        'event: error\ndata: {"type":"error","sequence_number":2,"error":{"type":"invalid_request_error","code":"context_length_exceeded","message":"Your input exceeds the context window of this model."}}',
      ),
    ).toBe('context_length_exceeded');
    expect(
      category(
        'data: {"error": {"message": "The server had an error while processing your request.", "type": "server_error"}}',
      ),
    ).toBe('server_error');
  });
  it('Ruby hashes', () => {
    expect(
      category(
        '{"error"=>{"message"=>"Your organization must be verified to stream this model.", "type"=>"invalid_request_error", "param"=>"stream", "code"=>"unsupported_value"}}',
      ),
    ).toBe('org_verification_required');
  });
  it('JavaScript console dumps split into pieces with literal \\n', () => {
    const text =
      "error: {\n  body: '{\\n' +\n    '  \"error\": {\\n' +\n    '    \"message\": \"You have insufficient permissions for this operation. Missing scopes: api.responses.write.\",\\n' +\n    '    \"code\": null\\n' +\n    '  }\\n' +\n    '}'\n}";
    expect(category(text)).toBe('key_scope_insufficient');
  });
  it('curly quotes and other forum typography', () => {
    expect(
      category(
        'Error: { “error”: { “message”: “Incorrect API key provided: sk-xxxx.”, “type”: “invalid_request_error”, “code”: “invalid_api_key” }}',
      ),
    ).toBe('invalid_api_key');
    expect(category('I got ‘Country, region, or territory not supported’ from the API')).toBe(
      'unsupported_region',
    );
  });
  it('HTML gateway pages', () => {
    const page =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>';
    expect(category(`openai.InternalServerError: ${page}`)).toBe('server_error');
    expect(
      classify({ status: 504, body: page.replace(/502 Bad Gateway/g, '504 Gateway Time-out') })?.category,
    ).toBe('server_error');
  });
  it('Python tracebacks: the final exception line and class names', () => {
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 12, in <module>',
      '    response = openai.ChatCompletion.create(model="gpt-4", messages=messages)',
      '  File "/usr/lib/python3.11/site-packages/openai/api_requestor.py", line 687, in _interpret_response_line',
      '    raise self.handle_error_response(',
      'openai.error.RateLimitError: Rate limit reached for default-gpt-4 in organization org-abcdefghijklmnop on tokens per min. Limit: 10000 / min. Please try again in 6ms.',
    ].join('\n');
    expect(category(traceback)).toBe('rate_limit');
    expect(category("AttributeError: module 'openai' has no attribute 'ChatCompletion'")).toBe(
      'sdk_migration',
    );
    expect(category("TypeError: Client.__init__() got an unexpected keyword argument 'proxies'")).toBe(
      'sdk_migration',
    );
    expect(category('openai.error.InvalidRequestError: Invalid URL (POST /v1/chat/completions)')).toBe(
      'wrong_endpoint',
    );
    expect(category('openai.AuthenticationError: Error code: 401')).toBe('invalid_api_key');
  });
  it('log prefixes and status-prefixed messages', () => {
    expect(
      category(
        '2025-04-16 23:19:50 error: [handleAbortError] AI response error; aborting request: 400 Your organization must be verified to stream this model.',
      ),
    ).toBe('org_verification_required');
    expect(
      category(
        '[ERROR] 2024-01-01T00:00:00Z openai - 503 The engine is currently overloaded, please try again later',
      ),
    ).toBe('server_error');
    expect(category('Status code 400:billing hard limit has been reached')).toBe('billing_limit');
  });
  it('LangChain and LlamaIndex wrappers', () => {
    expect(
      category(
        "langchain_core.exceptions: openai.NotFoundError: Error code: 404 - {'error': {'message': 'The model `gpt-4-32k` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
      ),
    ).toMatch(/model_(?:access_denied|deprecated)/);
    expect(
      category(
        'Retrying langchain.chat_models.openai.ChatOpenAI.completion_with_retry.<locals>._completion_with_retry in 4.0 seconds as it raised APIConnectionError: Error communicating with OpenAI.',
      ),
    ).toBe('connection_error');
  });
  it('Azure OpenAI variants', () => {
    expect(
      category(
        '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}',
      ),
    ).toBe('model_not_found');
    expect(
      category(
        'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-02-01 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.',
      ),
    ).toBe('rate_limit');
    expect(
      category(
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
      ),
    ).toBe('content_policy');
  });
});

describe('structured inputs', () => {
  it('an HTTP answer with a parsed body and headers', () => {
    const diagnosis = classify({
      status: 404,
      headers: { 'x-request-id': 'req_abcdef0123456789abcdef0123456789' },
      body: {
        error: {
          message: 'The model `gpt4o` does not exist or you do not have access to it.',
          type: 'invalid_request_error',
          param: null,
          code: 'model_not_found',
        },
      },
    });
    expect(diagnosis?.category).toBe('model_not_found');
    expect(diagnosis?.suggestion).toEqual({ model: 'gpt-4o', reason: 'spelling' });
    expect(diagnosis?.fields.requestId).toBe('req_abcdef0123456789abcdef0123456789');
  });
  it('an HTTP answer with Headers and a text body', () => {
    const headers = new Headers({ 'retry-after-ms': '1500' });
    const diagnosis = classify({
      status: 429,
      headers,
      body: '{"error":{"message":"Rate limit reached for gpt-4o in organization org-abcdefghijk on tokens per min (TPM): Limit 30000, Used 30000, Requested 10.","type":"tokens","code":"rate_limit_exceeded"}}',
    });
    expect(diagnosis?.category).toBe('rate_limit');
    expect(diagnosis?.fields.retryAfterSeconds).toBe(1.5);
  });
  it('a successful answer is no error', () => {
    expect(classify({ status: 200, body: { id: 'chatcmpl-1', choices: [] } })).toBeNull();
  });
  it('openai-node 6 error objects, with and without status', () => {
    expect(
      classify({
        name: 'PermissionDeniedError',
        status: 403,
        error: {
          message: 'Country, region, or territory not supported',
          type: 'request_forbidden',
          code: 'unsupported_country_region_territory',
        },
        code: 'unsupported_country_region_territory',
        type: 'request_forbidden',
        param: null,
        requestID: 'req_1234567890abcdef',
      })?.category,
    ).toBe('unsupported_region');
    const sdk = classify({
      name: 'RateLimitError',
      status: 429,
      message: '429 You exceeded your current quota, please check your plan and billing details.',
      code: 'insufficient_quota',
      type: 'insufficient_quota',
      requestID: 'req_1234567890abcdef',
    });
    expect(sdk?.category).toBe('insufficient_quota');
    expect(sdk?.fields.requestId).toBe('req_1234567890abcdef');
    expect(
      classify({
        name: 'APIConnectionError',
        message: 'Connection error.',
        cause: { code: 'ECONNRESET', message: 'read ECONNRESET' },
      })?.category,
    ).toBe('connection_error');
    expect(classify({ name: 'APIConnectionTimeoutError', message: 'Request timed out.' })?.category).toBe(
      'connection_error',
    );
    expect(classify({ name: 'APIUserAbortError', message: 'Request was aborted.' })?.category).toBe(
      'connection_error',
    );
    expect(
      classify({ name: 'InternalServerError', status: 500, message: '500 status code (no body)' })?.category,
    ).toBe('server_error');
  });
});

describe('the ambiguous 404 rule (DESIGN §2.1), did-you-mean and retired-model advice', () => {
  const notFound = (model: string) =>
    classify(`The model \`${model}\` does not exist or you do not have access to it.`, { today: TODAY });
  it('a published model: access denied, with the model in the title', () => {
    const diagnosis = notFound('gpt-4o');
    expect(diagnosis?.category).toBe('model_access_denied');
    expect(diagnosis?.title).toContain('gpt-4o');
  });
  it('a retired model: deprecated, with its replacement', () => {
    const diagnosis = notFound('gpt-4-0314');
    expect(diagnosis?.category).toBe('model_deprecated');
    expect(diagnosis?.suggestion?.reason).toBe('retired');
    expect(diagnosis?.suggestion?.model).toBeTruthy();
    expect(diagnosis?.explanation).toContain(diagnosis?.suggestion?.model as string);
  });
  it('the shutdown date decides: before it, the same model is only denied', () => {
    expect(
      classify('The model `gpt-4` does not exist or you do not have access to it.', { today: '2024-01-01' })
        ?.category,
    ).toBe('model_access_denied');
  });
  it('typos and wrong case: not found, with "did you mean"', () => {
    for (const [typed, meant] of [
      ['gpt4o', 'gpt-4o'],
      ['GPT-4o', 'gpt-4o'],
      ['gpt-4-o', 'gpt-4o'],
    ] as const) {
      const diagnosis = notFound(typed);
      expect(diagnosis?.category, typed).toBe('model_not_found');
      expect(diagnosis?.suggestion, typed).toEqual({ model: meant, reason: 'spelling' });
      expect(diagnosis?.explanation, typed).toContain(`Did you mean ${meant}?`);
    }
  });
  it('another provider’s model or a foreign fine-tune: not found', () => {
    expect(notFound('claude-3-5-sonnet-20241022')?.entryId).toBe('model-404-other-provider');
    expect(notFound('ft:gpt-4o-mini-2024-07-18:other-org::abc123')?.entryId).toBe('model-404-fine-tune');
  });
  it('the retired-model message names the replacement', () => {
    const diagnosis = classify(
      'The model `text-davinci-003` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations',
      { today: TODAY },
    );
    expect(diagnosis?.category).toBe('model_deprecated');
    expect(diagnosis?.suggestion?.reason).toBe('retired');
  });
});

describe('what a diagnosis says', () => {
  it('uses extracted fields in the title and project URLs in the steps', () => {
    const diagnosis = classify(
      'Project `proj_AbCdEfGhIjKlMnOpQrStUvWx` does not have access to model `gpt-4.1`',
    );
    expect(diagnosis?.title).toBe('Project blocks gpt-4.1');
    expect(diagnosis?.fields.projectId).toBe('proj_AbCdEfGhIjKlMnOpQrStUvWx');
    expect(diagnosis?.steps.map((step) => step.url)).toContain(
      'https://platform.openai.com/settings/proj_AbCdEfGhIjKlMnOpQrStUvWx/limits',
    );
  });
  it('falls back to the organization pages without a project id', () => {
    const diagnosis = classify(
      'You exceeded your current quota, please check your plan and billing details.',
    );
    const urls = diagnosis?.steps.map((step) => step.url);
    expect(urls).toContain('https://platform.openai.com/settings/organization/billing/overview');
    expect(urls).toContain('https://platform.openai.com/settings/organization/limits');
    expect(urls?.some((url) => url?.includes('{'))).toBe(false);
  });
  it('explains in 2 to 4 sentences, lists causes and sources, and names a probe', () => {
    const diagnosis = classify(
      'Rate limit reached for gpt-4o in organization org-abcdefghijk on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000. Please try again in 2s.',
    );
    expect(diagnosis?.title).toBe('Too many tokens per minute for gpt-4o');
    const sentences = diagnosis?.explanation.split(/(?<=[.!?])\s+/).length ?? 0;
    expect(sentences).toBeGreaterThanOrEqual(2);
    expect(sentences).toBeLessThanOrEqual(5);
    expect(diagnosis?.explanation).toContain('Limit 30,000 TPM');
    expect(diagnosis?.fields.retryAfterSeconds).toBe(2);
    expect(diagnosis?.causes.length).toBeGreaterThan(0);
    expect(diagnosis?.sources.every((url) => url.startsWith('https://'))).toBe(true);
    expect(diagnosis?.probe).toBe('model');
  });
  it('never shows a key: the message and every text are redacted', () => {
    const key = `sk-proj-${'A1b2C3d4'.repeat(6)}T3BlbkFJ${'z9Y8x7W6'.repeat(3)}`;
    const diagnosis = classify(
      `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    );
    expect(diagnosis?.category).toBe('invalid_api_key');
    expect(JSON.stringify(diagnosis)).not.toContain(key.slice(12, 40));
  });
  it('a placeholder key gets its own advice', () => {
    expect(classify('Incorrect API key provided: undefined.')?.entryId).toBe('api-key-placeholder');
  });
});

describe('confidence', () => {
  it('is high for OpenAI’s own wording and lower when quoted', () => {
    const text = 'You exceeded your current quota, please check your plan and billing details.';
    expect(classify(text)?.confidence).toBe('high');
    expect(classify(text, { quoted: true })?.confidence).toBe('medium');
  });
  it('is low, not none, for misspelled or paraphrased codes', () => {
    const misspelled = classify('openai error: insuficient_quota when calling the API');
    expect(misspelled?.category).toBe('insufficient_quota');
    expect(misspelled?.confidence).toBe('low');
    const paraphrased = classify("I'm getting a rate limit error from the OpenAI API on every call");
    expect(paraphrased?.category).toBe('rate_limit');
    expect(paraphrased?.confidence).toBe('low');
  });
  it('reads an issue title as a report: "Rate limit exceeded with gpt-4o"', () => {
    expect(classify('Rate limit exceeded with gpt-4o since this morning')?.category).toBe('rate_limit');
  });
  it('is low for a bare status', () => {
    expect(classify('OpenAI request failed with status code 429')?.confidence).toBe('low');
  });
});

describe('no diagnosis for text that is not an OpenAI error', () => {
  it.each([
    ['ordinary prose', 'We walked to the market and bought bread, cheese and a few apples for the picnic.'],
    [
      'an article about rate limits',
      'Rate limits protect the API. Requests Per Minute (RPM) and Tokens Per Minute (TPM) limits depend on your tier.',
    ],
    [
      'another provider',
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}} from claude-3-opus',
    ],
    ['Gemini', 'API key not valid. Please pass a valid API key. (Status: INVALID_ARGUMENT) gemini-2.5-pro'],
    ['Ollama', 'ollama._types.ResponseError: model "llama3" not found, try pulling it first'],
    [
      'a generic 500 page of another site',
      '<html><head><title>Error: 500 Internal Server Error</title></head><body>Sorry</body></html>',
    ],
    ['empty', ''],
  ])('%s', (_, text) => {
    expect(classify(text)).toBeNull();
  });
  it('never throws on odd inputs', () => {
    const odd: unknown[] = [
      null,
      undefined,
      42,
      {},
      [],
      { status: 'x' },
      { name: 5 },
      { error: { error: { error: null } } },
    ];
    for (const input of odd) expect(() => classify(input as never)).not.toThrow();
  });
});

describe('titles', () => {
  it('a model id at the start of a title keeps its case', () => {
    const diagnosis = classify(
      "openai.NotFoundError: Error code: 404 - {'error': {'message': 'The model `gpt-4` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
      { today: '2026-11-24' },
    );
    expect(diagnosis?.category).toBe('model_deprecated');
    expect(diagnosis?.title).toBe('gpt-4 was retired');
  });

  it('a title that starts with words is still capitalised', () => {
    const diagnosis = classify('Error code: 401 - Incorrect API key provided: undefined.');
    expect(diagnosis?.title.charAt(0)).toBe(diagnosis?.title.charAt(0).toUpperCase());
  });

  it("the sentence's full stop is not part of the last missing scope", () => {
    const diagnosis = classify(
      'Error code: 401 - You have insufficient permissions for this operation. Missing scopes: api.management.read. Check that you have the correct role in your organization.',
    );
    expect(diagnosis?.category).toBe('key_scope_insufficient');
    expect(diagnosis?.title).toBe('Key lacks the api.management.read permission');
  });
});

describe('wordings that survive truncation and rewording', () => {
  it.each<[string, CategoryId]>([
    [
      'The server had an error while processing\n\nsame here, the OpenAI API fails for me too.',
      'server_error',
    ],
    ['InvalidRequestError: The API deployment for the resource does not exist.', 'model_not_found'],
    [
      'openai error: You do not have an account because it has been deleted or deactivated.',
      'account_deactivated',
    ],
    ['Bug: "openai.ChatCompletion is no longer supported" in the example', 'sdk_migration'],
    ['    openai.api_key = os.environ["OPENAI_API_KEY"]\nKeyError: \'OPENAI_API_KEY\'', 'missing_api_key'],
  ])('%s', (text, category) => {
    expect(classify(text)?.category).toBe(category);
  });
});

describe('waits in the details', () => {
  it('reads as people say them: ms, s, min and s, then hours and minutes', async () => {
    const { formatSeconds } = await import('@/utils/diagnosis/classify');
    expect(formatSeconds(0.2)).toBe('200 ms');
    expect(formatSeconds(6.48)).toBe('6.5 s');
    expect(formatSeconds(125)).toBe('2 min 5 s');
    expect(formatSeconds(14 * 3600 + 29 * 60 + 11.04)).toBe('14 h 29 min');
    expect(formatSeconds(2 * 3600 + 20)).toBe('2 h');
  });

  it('says a daily limit’s wait in hours', () => {
    const diagnosis = classify(
      'Rate limit reached for gpt-4o-mini in organization org-8WoyKWWQFAa6INT0EeiJFBtr on tokens per min (TPM): Limit 100000, Used 99918, Requested 2094. Please try again in 14h29m11.04s.',
    );
    const text = JSON.stringify(diagnosis);
    expect(text).toContain('14 h 29 min');
    expect(text).not.toContain('869 min');
  });
});
