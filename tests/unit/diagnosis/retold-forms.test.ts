/**
 * Forms of real errors the holdout sets (tests/fixtures/errors/holdout*.jsonl) found missing, each fixed by a
 * general rule rather than a rule for that one text: an error retold in prose, a Java client's connection
 * failure, the platform's overdue-invoice banner, OpenAI's termination email, the schema validator's
 * "is not of type" wording, a gateway's 503 that names the request it answered, Azure API Management's rate
 * limit, the scope error in Chinese, a parameter the model does not take sent as null, R's and Rust's clients,
 * a header dump with an unset key, and OpenAI's own wording retold in forum prose.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '@/utils/diagnosis';

const cases: Array<{ source: string; text: string; category: string; entry: string; model?: string }> = [
  {
    source: 'https://github.com/AntonOsika/gpt-engineer/issues/1179',
    text: 'Running the gpte command results in an HTTP 403 Forbidden error, indicating that the specified project does not have access to the gpt-4o model.',
    category: 'model_access_denied',
    entry: 'model-project-denied',
    model: 'gpt-4o',
  },
  {
    source: 'https://github.com/cxyxl66/ChatGPTWeb/issues/1',
    text: 'HTTP FAILED: java.net.ConnectException: Failed to connect to api.openai.com/104.244.43.6:443 对话报错',
    category: 'connection_error',
    entry: 'connection-failed',
  },
  {
    source: 'https://openmagic.ai/86338.html',
    text: 'Your API access has been temporarily suspended as a result of an overdue invoice. Please pay any outstanding invoices shown in your billing history to regain access:',
    category: 'billing_limit',
    entry: 'billing-not-active',
  },
  {
    source: 'https://community.openai.com/t/open-ai-account-terminated/344617',
    text: 'After a thorough investigation, we have determined that you or a member of your organization are using the OpenAI API in ways that violate our policies.',
    category: 'account_deactivated',
    entry: 'access-terminated',
  },
  {
    source: 'https://github.com/openai-php/client/issues/265',
    text: "Uncaught OpenAI\\Exceptions\\ErrorException: 'json_object' is not of type 'object' - 'response_format' in HttpTransporter.php:131",
    category: 'other',
    entry: 'request-malformed',
  },
  {
    source: 'https://github.com/zed-industries/zed/issues/35983',
    text: 'API request to https://api.openai.com/v1 failed with status 503 Service Unavailable: upstream connect error or disconnect/reset before headers. reset reason: connection termination',
    category: 'server_error',
    entry: 'server-error',
  },
  {
    source: 'https://github.com/Azure-Samples/azure-search-openai-demo/issues/177',
    text: 'Azure OpenAI chat call failed. Error: Rate limit is exceeded. Try again in 30 seconds.',
    category: 'rate_limit',
    entry: 'rate-limit-azure',
  },
  {
    source: 'https://github.com/openai/codex/issues/31412',
    text: '意外状态 401 未授权：您在此操作中权限不足。缺少作用域：api.responses.write。',
    category: 'key_scope_insufficient',
    entry: 'key-scope-missing',
  },
  {
    source: 'https://github.com/lobehub/lobe-vidol/issues/133',
    text: 'It seems that openai refused your request for "unsupported country or region". Please check your proxy.',
    category: 'unsupported_region',
    entry: 'unsupported-region',
  },
  {
    source:
      'https://community.openai.com/t/inconsistent-handling-of-max-tokens-parameter-in-chat-completions-api/962030',
    text: `{"error": {"message": "Invalid type for 'max_tokens': expected an unsupported value, but got null instead.", "type": "invalid_request_error", "param": "max_tokens", "code": "invalid_type"}}`,
    category: 'unsupported_parameter',
    entry: 'parameter-max-tokens',
  },
  {
    source: 'https://github.com/mlverse/chattr/issues/52',
    text: `Caused by error in 'openai_token()': ! No token found - Add your key to the "OPENAI_API_KEY" environment variable`,
    category: 'missing_api_key',
    entry: 'api-key-missing',
  },
  {
    source: 'https://github.com/irudnyts/openai/issues/68',
    text: 'OpenAI API request failed [400]: you must provide a model parameter',
    category: 'other',
    entry: 'request-malformed',
  },
  {
    source: 'https://github.com/n8n-io/n8n/issues/17475',
    text: "Bad request - please check your parameters. Hint: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.",
    category: 'other',
    entry: 'request-malformed',
  },
  {
    source: 'https://github.com/fuergaosi233/wechat-chatgpt/issues/821',
    text: "headers: { Accept: 'application/json, text/plain, */*', Authorization: 'Bearer undefined', 'User-Agent': 'OpenAI/NodeJS/3.2.1' }",
    category: 'invalid_api_key',
    entry: 'api-key-placeholder',
  },
  {
    source: 'https://github.com/linweiyuan/go-chatgpt-api/issues/1',
    text: "OpenAI's services are not available in your country",
    category: 'unsupported_region',
    entry: 'unsupported-region',
  },
  {
    source:
      'https://community.openai.com/t/gpt-images-1-403-what-are-the-conditions-for-requesting-this-model-gpt-image-1/1245846/2',
    text: 'To use some "protected" models, API Organization Verification is required, even if you are Tier 5 level.',
    category: 'org_verification_required',
    entry: 'verification-model',
  },
  {
    source: 'https://github.com/earendil-works/pi/issues/1952',
    text: "This is missing the 'api.responses.write' scope, which is required for the Codex API ('/v1/responses') to accept requests.",
    category: 'key_scope_insufficient',
    entry: 'key-scope-missing',
  },
  {
    source: 'https://github.com/sigoden/aichat/issues/290',
    text: 'Failed to get answer Caused by: error sending request for url (https://api.openai.com/v1/chat/completions): error trying to connect: tls handshake eof',
    category: 'connection_error',
    entry: 'connection-failed',
  },
  {
    source: 'https://github.com/Nexus-JPF/note-companion/issues/295',
    text: 'lastError: _ [AI_APICallError]: Cannot connect to API: Connect Timeout Error (attempted address: api.openai.com:443, timeout: 10000ms)',
    category: 'connection_error',
    entry: 'connection-failed',
  },
  {
    source: 'https://github.com/agno-agi/agno/issues/3105',
    text: "[Bug] An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. (insufficient tool messages following tool_calls message)",
    category: 'other',
    entry: 'request-malformed',
  },
  {
    source: 'https://community.openai.com/t/restricted-api-keys-are-broken-for-the-responses-api/1292912',
    text: 'Using the key results in a 401 error, stating that the key lacks the api.responses.read scope.',
    category: 'key_scope_insufficient',
    entry: 'key-scope-missing',
  },
];

describe('errors retold in other forms', () => {
  it.each(cases)('$entry: $source', ({ text, category, entry, model }) => {
    const diagnosis = classify(text);
    expect(diagnosis?.category).toBe(category);
    expect(diagnosis?.entryId).toBe(entry);
    if (model) expect(diagnosis?.fields.model).toBe(model);
  });

  it('finds the validator wording bare, without an exception name around it (the pre-check lets it through)', () => {
    expect(classify("'json_object' is not of type 'object' - 'response_format'")?.entryId).toBe(
      'request-malformed',
    );
  });

  it('keeps other wrong types as a malformed request', () => {
    const diagnosis = classify(
      "BadRequestError: 400 Invalid type for 'messages[0].content': expected one of a string or array of objects, but got null instead.",
    );
    expect(diagnosis?.entryId).toBe('request-malformed');
  });

  it("leaves xAI's copy of OpenAI's 404 alone (its teams are not OpenAI's)", () => {
    expect(
      classify(
        `Error code: 404 - {'code': 'Some requested entity was not found', 'error': "The model grok-beta does not exist or your team bdc397fa-1234-4bcd-9f00-0123456789ab does not have access to it."}`,
      ),
    ).toBeNull();
  });

  it('finds the scope error in Chinese without an English word around it', () => {
    expect(classify('缺少作用域：api.files.write')?.category).toBe('key_scope_insufficient');
  });

  it.each([
    ['advice', 'If your project does not have access to the gpt-4o model, you can enable it under Limits.'],
    ['a question', 'Why would the project does not have access to the gpt-4o model yet?'],
    ['another subject', 'The project lead does not have access to the GPT-4 model documentation, sadly.'],
    ['a family, not a model', 'this project does not have access to the gpt model family'],
  ])('does not read %s about project access as the error itself', (_, text) => {
    expect(classify(text)).toBeNull();
  });

  it.each([
    ['Claude', 'Claude says unsupported country or region when I call it from Hong Kong.'],
    ['Gemini', 'Gemini: unsupported country or region'],
    [
      'a database',
      'java.net.ConnectException: Connection refused (Connection refused) when my app opens Postgres',
    ],
    ['Google', 'My Google API account got terminated last week.'],
    ['any API behind Azure API Management', 'Error: Rate limit is exceeded. Try again in 30 seconds.'],
  ])("leaves %s's words alone where OpenAI is not named", (_, text) => {
    expect(classify(text)).toBeNull();
  });

  it('still reads node-fetch\'s "request to … failed, reason:" as a connection failure', () => {
    const diagnosis = classify(
      'FetchError: request to https://api.openai.com/v1/chat/completions failed, reason: socket hang up',
    );
    expect(diagnosis?.category).toBe('connection_error');
  });

  it("does not read a project's access to something other than a model as a model denial", () => {
    expect(
      classify('The project does not have access to the billing page yet, so I asked my admin.'),
    ).toBeNull();
  });
});
