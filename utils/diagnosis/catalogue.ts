/**
 * The error catalogue: every OpenAI API error we know, as data (STYLE "data over code").
 *
 * Each entry says how to recognise one face of an error (codes, types, message patterns, exception classes,
 * statuses) and what to tell the user (title, explanation, causes, fix steps with the exact platform pages),
 * which probe would confirm it for their own key, and the public pages where the error was seen. Several
 * entries share a category when the category has several faces (quota codes, rate-limit units, endpoint
 * mix-ups, project vs tier denials…).
 *
 * Matching rules (see classify.ts for the scoring):
 * - `patterns` are OpenAI's own wording: they count wherever they appear.
 * - `genericPatterns` are wording other software uses too ("Internal server error", "Connection error"): they
 *   count only when the text shows it is about OpenAI (an openai module, an OpenAI-shaped error body, an
 *   OpenAI host or model name).
 * - `hints` are paraphrases and half-remembered wording: low confidence, and only next to an error word.
 * - Every pattern is linear-time (checked by tests/unit/diagnosis/redos.test.ts with recheck) and must contain
 *   one of the pre-check anchors (precheck.ts), or classify would never see the text.
 *
 * Templates: `{field}` is replaced by an extracted field; `{field|fallback}` uses the fallback when the field
 * is unknown. `details` sentences are shown only when every field they name is known. Fields: model, param,
 * code, type, status, organizationId, projectId, requestId, limit, used, requested, unit, unitName, retry,
 * suggestion, replacement, scopes.
 */
import { OPENAI_MODEL_PREFIX } from './model-prefix';
import type { CategoryId, FixStep, ProbeHint } from './types';

/** The day this catalogue was last checked against its sources and OpenAI's error-code guide. */
export const CATALOGUE_REVIEWED = '2026-11-24';

export interface EntrySignals {
  /** `error.code` values (exact), also recognised as bare words in free text. */
  codes?: readonly string[];
  /** `error.type` values (exact). */
  types?: readonly string[];
  /** `error.type` values other providers use too (`invalid_request_error`): need evidence of OpenAI. */
  sharedTypes?: readonly string[];
  /** OpenAI's own wording. */
  patterns?: readonly RegExp[];
  /** Wording other software shares: needs evidence that the text is about OpenAI. */
  genericPatterns?: readonly RegExp[];
  /** Exception / error class names (`RateLimitError`, `APIRemovedInV1`). */
  exceptions?: readonly string[];
  /** HTTP statuses this entry is the best guess for when nothing else is known. */
  statuses?: readonly number[];
  /** Paraphrases: low confidence, only beside an error word and an OpenAI mention. */
  hints?: readonly RegExp[];
}

export interface CatalogueEntry {
  id: string;
  category: CategoryId;
  match: EntrySignals;
  /**
   * A follow-up decision made with the model catalogue (DESIGN §2.1 ambiguous 404): the matched entry hands over
   * to one of the `resolvedOnly` entries.
   */
  resolver?: 'model-404';
  /** Reached only through a resolver, never matched directly. */
  resolvedOnly?: boolean;
  title: string;
  explanation: string;
  details?: readonly string[];
  causes: readonly string[];
  steps: readonly FixStep[];
  probe: ProbeHint;
  sources: readonly string[];
  /** Real messages of this face (from `sources`), used by the tests. */
  examples?: readonly string[];
}

// Platform pages (DESIGN §4; current URLs).
const BILLING = 'https://platform.openai.com/settings/organization/billing/overview';
const ORG_LIMITS = 'https://platform.openai.com/settings/organization/limits';
const PROJECT_LIMITS = 'https://platform.openai.com/settings/{projectId|organization}/limits';
const API_KEYS = 'https://platform.openai.com/settings/organization/api-keys';
const PROJECT_API_KEYS = 'https://platform.openai.com/settings/{projectId|organization}/api-keys';
const GENERAL = 'https://platform.openai.com/settings/organization/general';
const USAGE = 'https://platform.openai.com/usage';
const MODELS_DOC = 'https://platform.openai.com/docs/models';
const DEPRECATIONS = 'https://platform.openai.com/docs/deprecations';
const RATE_LIMITS_GUIDE = 'https://platform.openai.com/docs/guides/rate-limits';
const ERROR_CODES = 'https://platform.openai.com/docs/guides/error-codes';
const STATUS_PAGE = 'https://status.openai.com/';
const SUPPORTED_COUNTRIES = 'https://platform.openai.com/docs/supported-countries';
const PYTHON_MIGRATION = 'https://github.com/openai/openai-python/discussions/742';
const NODE_MIGRATION = 'https://github.com/openai/openai-node/discussions/217';
const HELP = 'https://help.openai.com/';
const API_REFERENCE = 'https://platform.openai.com/docs/api-reference';

const KEY_STEP: FixStep = {
  text: 'Open the API keys page, create a new secret key and paste it again in full (it is shown only once).',
  url: PROJECT_API_KEYS,
};

export const CATALOGUE: readonly CatalogueEntry[] = [
  // ── Keys ────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'api-key-placeholder',
    category: 'invalid_api_key',
    match: {
      codes: ['invalid_api_key'],
      patterns: [
        /Incorrect API key provided: ?(?:undefined|null|None|nil|sk-x{3,}|sk-\.{3}|your[_ -]?(?:api[_ -]?)?key|YOUR_|\$\{|\{\{|<your|OPENAI_API_KEY|process\.env|Bearer undefined)/i,
        // A request dump (axios, fetch) whose header carries the unset variable: "Authorization: 'Bearer undefined'".
        /Authorization['"]?\s*:\s*['"]?Bearer (?:undefined|null)\b/i,
      ],
    },
    title: 'The key sent was a placeholder',
    explanation:
      'OpenAI received a placeholder instead of a key (for example the word "undefined" or an example value). ' +
      'The app read its key from a variable or setting that was empty or never filled in, and sent that.',
    causes: [
      'The environment variable (OPENAI_API_KEY) is not set in the process that makes the call.',
      'A settings field still holds an example value.',
      'A front-end build inlined an empty variable (Vite/Next.js need the public prefix, or the call belongs on the server).',
    ],
    steps: [
      { text: 'Check where the app reads its key and that the variable is set where the app runs.' },
      KEY_STEP,
    ],
    probe: 'key',
    sources: ['https://github.com/jas3333/GPT-Helper/issues/26'],
    examples: [
      'Incorrect API key provided: undefined. You can find your API key at https://platform.openai.com/account/api-keys.',
    ],
  },
  {
    id: 'api-key-incorrect',
    category: 'invalid_api_key',
    match: {
      codes: ['invalid_api_key', 'invalid_authentication'],
      patterns: [
        /Incorrect API key provided/i,
        /Invalid Authentication/i,
        /Invalid authorization header/i,
        /Access denied due to invalid subscription key/i,
        /API key (?:is )?(?:revoked|has been revoked|expired|has expired)/i,
      ],
      genericPatterns: [
        /Invalid API[ _-]?key/i,
        /API[ _-]?key (?:is )?(?:invalid|not valid|incorrect)/i,
        /API key (?:you provided |provided )is (?:invalid|not valid|incorrect)/i,
      ],
      exceptions: ['AuthenticationError'],
      statuses: [401],
      hints: [
        /密钥(?:无效|错误)/,
        /秘钥(?:无效|错误)/,
        /无效的(?:API ?)?(?:密钥|秘钥|key)/i,
        /APIキーが無効/,
        /(?:неверный|недействительный) (?:API[- ])?ключ/i,
        /(?:wrong|bad|incorrect|invalid) (?:openai )?(?:api )?key/i,
      ],
    },
    title: 'API key rejected',
    explanation:
      'OpenAI did not accept the API key that was sent: it is mistyped, cut short, revoked, or belongs to a ' +
      'different service. The part of the key shown in the message is what actually arrived.',
    causes: [
      'The key was copied incompletely or with extra characters (quotes, spaces, "Bearer").',
      'The key was revoked or deleted, or belongs to a project that was archived.',
      'A key for another service (Azure, an OpenAI-compatible proxy) was sent to api.openai.com, or the reverse.',
      'An old key is still cached in an environment variable or a .env file that overrides the new one.',
    ],
    steps: [
      KEY_STEP,
      {
        text: 'Make sure no older OPENAI_API_KEY in your shell, .env file or IDE overrides the one you set.',
      },
      { text: 'If you use Azure OpenAI or a proxy, use the key and base URL of that service together.' },
    ],
    probe: 'key',
    sources: [
      'https://github.com/dKosarevsky/AI-Talks/issues/32',
      'https://github.com/popjane/free_chatgpt_api/issues/3',
      'https://github.com/ai-shifu/ChatALL/issues/843',
    ],
    examples: [
      "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-PMafP*****E873. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}",
      'Error: 401 Incorrect API key provided: sk-KV28G*****uqQY.',
    ],
  },
  {
    id: 'api-key-bad-characters',
    category: 'invalid_api_key',
    match: {
      patterns: [
        /Cannot convert argument to a ByteString/i,
        /has a value of \d+ which is greater than 255/i,
        /Invalid character in header content/i,
        /Invalid header value/i,
        /Illegal header value/i,
        /'(?:latin-1|ascii)' codec can't encode characters?/i,
        /non[- ]ISO-8859-1 code point/i,
      ],
    },
    title: 'Stray character in the API key',
    explanation:
      'The key contains a character that cannot be sent in an HTTP header: an ellipsis (…), a curly quote, a ' +
      'non-breaking space or a line break picked up while copying. The request never reached OpenAI.',
    causes: [
      'The key was copied from a page or chat that replaced characters (… for ..., curly quotes, hidden spaces).',
      'A trailing newline or space came along from a file or a terminal.',
      'A shortened display form of the key (sk-…abcd) was copied instead of the full key.',
    ],
    steps: [
      {
        text: 'Paste the key into a plain-text editor and remove anything that is not a letter, digit, - or _.',
      },
      KEY_STEP,
    ],
    probe: 'none',
    sources: [
      'https://github.com/RooCodeInc/Roo-Code/issues/7483',
      'https://github.com/craft-ai-agents/craft-agents-oss/issues/540',
    ],
    examples: [
      'TypeError: Cannot convert argument to a ByteString because the character at index 7 has a value of 8230 which is greater than 255.',
    ],
  },
  {
    id: 'api-key-missing',
    category: 'missing_api_key',
    match: {
      codes: ['missing_api_key'],
      patterns: [
        /You didn'?t provide an API key/i,
        /The api_key client option must be set/i,
        /OPENAI_API_KEY environment variable is missing or empty/i,
        // Python's os.environ["OPENAI_API_KEY"] when the variable is not set.
        /KeyError: ['"]OPENAI_API_KEY['"]/,
        /No API key provided/i,
        /Did not find openai_api_key/i,
        /Did not find OPENAI_API_KEY/i,
        /Missing bearer (?:or basic )?authentication in header/i,
        /OpenAI API key is missing/i,
        /must provide an API key/i,
        /missing environment variable:? ["'`]?OPENAI_API_KEY/i,
        /OPENAI_API_KEY(?: environment variable)? (?:is not set|not set|is missing|not found|is required|is empty)/i,
        /apiKey\b[^\n]{0,20}\b(?:is required|must be (?:set|provided))/,
      ],
      // R's chattr: "! No token found" then "- Add your key to the "OPENAI_API_KEY" environment variable" (one
      // line each, so each is a rule); generic: they count only where the text is about OpenAI.
      genericPatterns: [
        /\bNo (?:API )?(?:key|token) (?:was )?found\b/i,
        /Add your key to the ["'`]?OPENAI_API_KEY["'`]? environment variable/i,
      ],
      exceptions: ['LoadAPIKeyError', 'MissingApiKeyError'],
      hints: [
        /(?:no|missing|empty) (?:openai )?api[ _-]?key/i,
        /api[ _-]?key (?:is )?(?:missing|not set|not provided|not found)/i,
        /please set (?:your |the )?OPENAI_API_KEY/i,
        /OPENAI_API_KEY (?:is )?(?:not defined|undefined)/i,
      ],
    },
    title: 'No API key was sent',
    explanation:
      'The request carried no API key at all, or the client library refused to start without one. The key is ' +
      'usually set somewhere, just not where the code that makes the call looks for it.',
    causes: [
      'OPENAI_API_KEY is not set in the environment of the process (a new terminal, a service, a container, a notebook kernel).',
      'A .env file exists but is never loaded (no dotenv call, wrong working directory).',
      'The client is created before the key is read, or the key is passed under the wrong option name.',
    ],
    steps: [
      {
        text: 'Set OPENAI_API_KEY where the program runs, or pass the key explicitly when creating the client.',
      },
      { text: 'If you rely on a .env file, load it before the client is created.' },
      { text: 'Create a key if you do not have one yet.', url: PROJECT_API_KEYS },
    ],
    probe: 'none',
    sources: [
      'https://github.com/kyutai-labs/unmute/issues/110',
      'https://github.com/SevaSk/ecoute/issues/198',
      'https://github.com/HKUDS/LightRAG/issues/169',
    ],
    examples: [
      'openai.OpenAIError: The api_key client option must be set either by passing api_key to the client or by setting the OPENAI_API_KEY environment variable',
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    ],
  },
  {
    id: 'key-scope-missing',
    category: 'key_scope_insufficient',
    match: {
      codes: ['missing_scope', 'insufficient_permissions'],
      patterns: [
        /Missing scopes?: ?[\w.]/i,
        /insufficient permissions for this operation/i,
        // The same message in Chinese (clients and machine translation): "缺少作用域：api.responses.write".
        /缺少(?:作用域|范围)\s*[:：]\s*[\w.]/,
        // Retold: "This is missing the 'api.responses.write' scope", "the key lacks the api.responses.read scope".
        /(?:missing|lacks) the [`'"]?(?:api\.[a-z_]+\.(?:read|write|request)|model\.request)[`'"]? scopes?\b/i,
      ],
      genericPatterns: [/that it has the necessary scopes/i, /insufficient permissions/i],
      hints: [
        /\binsufficient_scope\b/,
        /missing (?:the )?scopes?/i,
        /(?:key|token) lacks (?:the )?(?:permission|scope)/i,
        /(?:key|token) is missing (?:the )?(?:permission|scope)/i,
      ],
    },
    title: 'Key lacks the {scopes|needed} permission',
    explanation:
      'The key is valid but not allowed to do this: it is a restricted key without the needed permission, or ' +
      'your role in the organization or project does not include it. Scopes such as model.request (call models) ' +
      'or api.responses.write are set per key.',
    causes: [
      'The key was created with restricted or read-only permissions.',
      'Your role in the project (Reader/Viewer) does not allow the operation.',
      'The endpoint needs a scope the key settings call by another name (for example the Responses API).',
    ],
    steps: [
      {
        text: 'Edit the key on the API keys page: set its permissions to All, or grant the missing scope.',
        url: PROJECT_API_KEYS,
      },
      { text: 'Check your role in the organization and the project (Member/Owner can call models).' },
      { text: 'Permission changes can take a few minutes to apply; retry after that.' },
    ],
    probe: 'key',
    sources: [
      'https://community.openai.com/t/api-key-permissions-ui-model-request-scope-only-appears-when-model-capabilities-is-set-to-request/1374480',
      'https://github.com/openclaw/openclaw/issues/56658',
    ],
    examples: [
      "You have insufficient permissions for this operation. Missing scopes: model.request. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
    ],
  },

  // ── Organization, account, region ──────────────────────────────────────────────────────────────────
  {
    id: 'org-no-membership',
    category: 'org_membership',
    match: {
      codes: ['no_organization', 'no_valid_organizations'],
      // Also the help-center slug people link ("…-you-must-be-a-member-of-an-organization-to-use-the-api").
      patterns: [/must[- ]be[- ]a[- ]member[- ]of[- ]an[- ]organization/i],
    },
    title: 'Not a member of any organization',
    explanation:
      'The account behind this key does not belong to an organization, so it cannot use the API. This happens ' +
      'after being removed from an organization, or with an account that was never fully set up.',
    causes: [
      'You were removed from the organization that owns the key.',
      'The organization was deleted or the account setup was not finished.',
    ],
    steps: [
      { text: 'Sign in to the platform and check which organization you belong to.', url: GENERAL },
      {
        text: 'Ask an owner of the organization to invite you again, or create a new key in your own organization.',
      },
      { text: 'If nothing helps, contact OpenAI through the help center.', url: HELP },
    ],
    probe: 'key',
    sources: [
      'https://github.com/OpenHands/OpenHands/issues/2562',
      'https://github.com/abi/screenshot-to-code/issues/9',
    ],
    examples: [
      "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com.', 'type': 'invalid_request_error', 'param': None, 'code': 'no_organization'}}",
    ],
  },
  {
    id: 'org-header-mismatch',
    category: 'org_membership',
    match: {
      codes: ['mismatched_organization', 'mismatched_project'],
      patterns: [
        /OpenAI-Organization header should match organization for API key/i,
        /OpenAI-Project header should match project for API key/i,
      ],
    },
    title: 'Organization header does not match the key',
    explanation:
      'The request named an organization (OpenAI-Organization header or the organization option) that is not ' +
      'the one the key belongs to. Project keys already carry their organization and project.',
    causes: [
      'An OPENAI_ORG_ID / OPENAI_ORGANIZATION setting left over from another account or organization.',
      'A project key used with a hard-coded organization id.',
    ],
    steps: [
      {
        text: 'Remove the organization setting, or set it to the id shown on the organization page.',
        url: GENERAL,
      },
      { text: 'Look for OPENAI_ORG_ID or OPENAI_ORGANIZATION in your environment and .env files.' },
    ],
    probe: 'key',
    sources: [
      'https://github.com/openai/codex/issues/1000',
      'https://github.com/microsoft/foundry-dev-tools/issues/262',
    ],
    examples: [
      "AuthenticationError: Error code: 401 - {'error': {'message': 'OpenAI-Organization header should match organization for API key', 'type': 'invalid_request_error', 'param': None, 'code': 'mismatched_organization'}}",
    ],
  },
  {
    id: 'org-unknown',
    category: 'org_membership',
    match: {
      codes: ['invalid_organization', 'organization_not_found'],
      patterns: [/No such organization/i, /Invalid organization(?: id)?/i],
    },
    title: 'Unknown organization',
    explanation:
      'The organization named in the request does not exist or you are not a member of it. The value must be an ' +
      'organization id (org-…), not its display name.',
    causes: [
      'The organization setting holds a name ("Personal") or a mistyped id instead of the org-… id.',
      'The organization setting is empty or "null" but still sent.',
      'You left the organization, or it was deleted.',
    ],
    steps: [
      {
        text: 'Copy the organization id (org-…) from the organization settings page, or remove the setting.',
        url: GENERAL,
      },
    ],
    probe: 'key',
    sources: [
      'https://github.com/tom-doerr/zsh_codex/issues/5',
      'https://github.com/Aider-AI/aider/issues/3717',
    ],
    examples: ['openai.error.AuthenticationError: No such organization: Personal.'],
  },
  {
    id: 'account-deactivated',
    category: 'account_deactivated',
    match: {
      codes: ['account_deactivated'],
      patterns: [
        /associated with a deactivated account/i,
        /OpenAI account (?:associated with this API key )?has been deactivated/i,
        /Your OpenAI account has been (?:deactivated|disabled|suspended)/i,
        /You do not have an account because it has been (?:deleted or )?deactivated/i,
      ],
      hints: [
        /账号(?:已)?被(?:封|停用)/,
        /账户(?:已)?被(?:封|停用)/,
        /封号/,
        /account (?:has been |was |is )?(?:deactivated|disabled|suspended|banned)/i,
      ],
    },
    title: 'Account deactivated',
    explanation:
      'The OpenAI account or organization behind this key was deactivated, so every key of it is refused. ' +
      'OpenAI usually sends an email explaining why.',
    causes: [
      'A usage-policy review deactivated the account.',
      'The account or organization was deleted or closed.',
      'A key bought or shared from a third party belonged to an account that was banned.',
    ],
    steps: [
      { text: 'Check the email address of the account for a message from OpenAI.' },
      { text: 'Appeal or ask for details through the help center.', url: HELP },
      { text: 'If the key came from someone else, get your own key from your own account.', url: API_KEYS },
    ],
    probe: 'key',
    sources: [
      'https://github.com/ashinnotfound/ChatGPT-YourChatRobot/issues/43',
      'https://github.com/ChatGPTNextWeb/NextChat/issues/2782',
    ],
    examples: [
      'This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.',
    ],
  },
  {
    id: 'access-terminated',
    category: 'account_deactivated',
    match: {
      codes: ['access_terminated'],
      types: ['access_terminated'],
      patterns: [
        /Your access was terminated/i,
        /access (?:to the API )?(?:has been|was) terminated/i,
        // OpenAI's termination email: "… you or a member of your organization are using the OpenAI API in ways
        // that violate our policies."
        /using the OpenAI API in ways that violate our (?:usage )?policies/i,
        /\b(?:OpenAI|Open AI) (?:API )?account (?:has been|was|got) terminated/i,
      ],
    },
    title: 'Access terminated',
    explanation:
      'OpenAI terminated this account’s access, usually after a usage-policy violation. No key of the account ' +
      'will work until the decision is reversed.',
    causes: ['A usage-policy violation was found on the account.', 'Payment fraud or chargeback checks.'],
    steps: [
      { text: 'Read the email OpenAI sent to the account owner.' },
      { text: 'If you believe it is a mistake, appeal through the help center.', url: HELP },
    ],
    probe: 'key',
    sources: ['https://platform.openai.com/docs/guides/error-codes'],
    examples: [
      'Your access was terminated due to violation of our policies, please check your email for more information.',
    ],
  },
  {
    id: 'unsupported-region',
    category: 'unsupported_region',
    match: {
      codes: ['unsupported_country_region_territory', 'unsupported_country', 'unsupported_region'],
      patterns: [
        /Country, region,? or territory not supported/i,
        /Unsupported country, region,? or territory/i,
        /OpenAI'?s? services are not available in your country/i,
        // Retold with the service named: "openai refused your request for "unsupported country or region"".
        /\bopenai\b[^.\n]{0,40}?\bunsupported country or region\b/i,
      ],
      // Other services say it too: without OpenAI named on the line, only where the text is about OpenAI.
      genericPatterns: [/\bunsupported country or region\b/i],
      hints: [
        /不支持(?:的|该|您的)?(?:国家|地区)/,
        /(?:国家|地区)不(?:受)?支持/,
        /サポートされていない地域/,
        /регион не поддерживается/,
        /(?:country|region) (?:is )?not supported/i,
        /unsupported (?:country|region|location)/i,
        /not available in your (?:country|region)/i,
      ],
    },
    title: 'Country or region not supported',
    explanation:
      'OpenAI refuses requests that come from a country, region or territory it does not serve. What counts is ' +
      'where the request leaves from: your network, your server’s data center, or your proxy or VPN exit.',
    causes: [
      'The machine making the call (or its cloud region) is in an unsupported location.',
      'A VPN or proxy exits in an unsupported location, or a hosting platform routes through one.',
    ],
    steps: [
      { text: 'Check the list of supported countries and territories.', url: SUPPORTED_COUNTRIES },
      {
        text: 'Run the call from a server in a supported region (for serverless hosts, pin the function region).',
      },
    ],
    probe: 'key',
    sources: [
      'https://github.com/songquanpeng/one-api/issues/1692',
      'https://github.com/TauricResearch/TradingAgents/issues/121',
    ],
    examples: [
      "PermissionDeniedError: Error code: 403 - {'error': {'code': 'unsupported_country_region_territory', 'message': 'Country, region, or territory not supported', 'param': None, 'type': 'request_forbidden'}}",
    ],
  },

  // ── Quota and billing ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'quota-project-spend-limit',
    category: 'insufficient_quota',
    match: {
      codes: ['project_spend_limit_exceeded'],
      patterns: [/project(?:'s)? (?:monthly )?(?:spend(?:ing)?|budget) limit/i],
    },
    title: 'Project budget reached',
    explanation:
      'The project this key belongs to has reached the spend limit set for it. Requests are refused until the ' +
      'limit is raised or the next month starts; other projects may still work.',
    causes: ['The project’s monthly budget is lower than its usage.', 'A low test budget was never raised.'],
    steps: [
      { text: 'Raise the project’s budget on its limits page.', url: PROJECT_LIMITS },
      { text: 'Check what used it on the usage page.', url: USAGE },
    ],
    probe: 'quota',
    sources: ['https://platform.openai.com/docs/guides/error-codes'],
  },
  {
    id: 'quota-organization-spend-limit',
    category: 'insufficient_quota',
    match: {
      codes: [
        'organization_spend_limit_exceeded',
        'organization_usage_limit_exceeded',
        'usage_limit_exceeded',
      ],
      patterns: [
        /organization(?:'s)? (?:monthly )?(?:spend(?:ing)?|budget|usage) limit/i,
        /(?:reached|exceeded) (?:your|the) (?:monthly )?(?:spend(?:ing)?|usage) limit/i,
      ],
    },
    title: 'Organization spend limit reached',
    explanation:
      'The organization has reached its monthly spend or usage limit. Requests are refused until the limit is ' +
      'raised or the next billing month starts.',
    causes: ['The organization’s budget is set lower than its usage.', 'A usage tier cap was reached.'],
    steps: [
      { text: 'Raise the organization’s budget on the limits page.', url: ORG_LIMITS },
      { text: 'See what used it on the usage page.', url: USAGE },
    ],
    probe: 'quota',
    sources: ['https://platform.openai.com/docs/guides/error-codes'],
  },
  {
    id: 'quota-credit-exhausted',
    category: 'insufficient_quota',
    match: {
      codes: ['credit_balance_exhausted'],
      patterns: [/credit balance (?:has been |is )?exhausted/i, /run out of (?:API )?credits/i],
    },
    title: 'No credit left',
    explanation:
      'The prepaid credit balance of the organization is used up (or expired), so paid requests are refused. ' +
      'Adding credit takes effect within minutes.',
    causes: [
      'Prepaid credit ran out.',
      'Credits expired (granted and purchased credits have an expiry date).',
    ],
    steps: [
      { text: 'Add credit on the billing page, or turn on auto-recharge.', url: BILLING },
      { text: 'Wait a few minutes after paying, then retry.' },
    ],
    probe: 'quota',
    sources: ['https://platform.openai.com/docs/guides/error-codes'],
  },
  {
    id: 'quota-insufficient',
    category: 'insufficient_quota',
    match: {
      codes: ['insufficient_quota'],
      types: ['insufficient_quota'],
      patterns: [/exceeded your current quota/i, /check your plan and billing details/i],
      hints: [
        /配额(?:不足|已用完|用尽)/,
        /超出了?(?:当前|您的)?的?配额/,
        /配额已?超(?:出|限)/,
        /额度(?:不足|用尽|已用完)/,
        /余额不足/,
        /クォータ(?:を超|超過)/,
        /квот[аы] (?:исчерпан|превышен)/,
        /insufficient[_ ]quota/i,
        /quota (?:exceeded|reached|used up|exhausted)/i,
        /exceeded (?:your|the|my) (?:current |api )?quota/i,
        /out of (?:quota|credits?)/i,
      ],
    },
    title: 'No credit left',
    explanation:
      'OpenAI refuses paid requests because the organization has no usable credit or has reached a spend ' +
      'limit. This is not a rate limit: retrying or waiting a minute does not help. Paying for ChatGPT Plus does ' +
      'not pay for the API.',
    causes: [
      'The prepaid credit balance is zero or the credits expired (free trial credit expired long ago).',
      'A monthly budget on the organization or on the project was reached.',
      'The key belongs to a different organization or project than the one you paid for.',
      'A payment was just made: it can take a few minutes (sometimes longer) to apply, and a new key may be needed.',
    ],
    steps: [
      { text: 'Check the credit balance and add credit.', url: BILLING },
      { text: 'Check the organization budget.', url: ORG_LIMITS },
      { text: 'Check the budget of the project this key belongs to.', url: PROJECT_LIMITS },
      {
        text: 'Make sure the key belongs to the organization and project you paid for.',
        url: PROJECT_API_KEYS,
      },
    ],
    probe: 'quota',
    sources: [
      'https://github.com/ChatGPTNextWeb/NextChat/issues/3123',
      'https://github.com/langchain-ai/chat-langchain/issues/428',
      'https://github.com/k4l1sh/alexa-gpt/issues/20',
    ],
    examples: [
      '{"error": {"message": "You exceeded your current quota, please check your plan and billing details.", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}',
      "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}",
    ],
  },
  {
    id: 'billing-hard-limit',
    category: 'billing_limit',
    match: {
      codes: ['billing_hard_limit_reached'],
      patterns: [/Billing hard limit has been reached/i],
      hints: [/billing[_ ]hard[_ ]limit/i, /hard limit (?:has been )?reached/i],
    },
    title: 'Billing hard limit reached',
    explanation:
      'The organization reached the hard spending limit set in its billing settings, so OpenAI refuses paid ' +
      'requests (often image generation first). It lifts when the limit is raised or the month rolls over.',
    causes: [
      'The monthly hard limit is lower than this month’s usage.',
      'The limit was left at a low default.',
    ],
    steps: [
      { text: 'Raise the monthly budget (hard limit) on the limits page.', url: ORG_LIMITS },
      { text: 'Check the billing overview for a failed payment.', url: BILLING },
    ],
    probe: 'quota',
    sources: [
      'https://github.com/dfinke/PowerShellAI/issues/127',
      'https://github.com/Decryptu/DecryptGPT/issues/1',
    ],
    examples: ['BadRequestError: 400 Billing hard limit has been reached'],
  },
  {
    id: 'billing-not-active',
    category: 'billing_limit',
    match: {
      codes: ['billing_not_active'],
      types: ['billing_not_active'],
      patterns: [
        /Your account is not active,? please check your billing details/i,
        // The platform's banner: "Your API access has been temporarily suspended as a result of an overdue invoice."
        /API access has been (?:temporarily )?suspended as a result of an overdue invoice/i,
      ],
      hints: [/billing[_ ]not[_ ]active/i, /billing (?:is )?not active/i, /overdue invoice/i],
    },
    title: 'Billing not active',
    explanation:
      'The organization has no active billing: no payment method, a failed payment, or a paused billing plan. ' +
      'Paid API calls are refused until billing is active again.',
    causes: [
      'No payment method, or the card was declined.',
      'An unpaid (overdue) invoice: API access stays suspended until it is paid.',
      'Billing was cancelled or paused.',
    ],
    steps: [
      {
        text: 'Open the billing overview: add or fix the payment method, and pay any outstanding invoice.',
        url: BILLING,
      },
      {
        text: 'After paying, wait a few minutes and retry; create a new key if it still fails.',
        url: PROJECT_API_KEYS,
      },
    ],
    probe: 'quota',
    sources: [
      'https://github.com/mckaywrigley/chatbot-ui/issues/695',
      'https://github.com/binary-husky/gpt_academic/issues/681',
    ],
    examples: ['Your account is not active, please check your billing details on our website.'],
  },

  // ── Rate limits (one entry per unit so the title and advice fit) ───────────────────────────────────
  {
    id: 'rate-limit-request-too-large',
    category: 'rate_limit',
    match: {
      codes: ['rate_limit_exceeded'],
      types: ['tokens'],
      patterns: [
        /Request too large for /i,
        /The input or output tokens must be reduced in order to run successfully/i,
      ],
    },
    title: 'One request is bigger than your {unit|token} limit',
    explanation:
      'This single request needs more tokens than your per-minute (or per-day) token limit allows for ' +
      '{model|this model}, so it can never succeed at your current usage tier — waiting does not help.',
    details: ['Your limit is {limit} {unitName}; this request asked for {requested}.'],
    causes: [
      'The prompt (history, documents, tool results) plus max output tokens exceeds the limit of your tier.',
      'Low usage tier: tier 1 limits are small for large models.',
    ],
    steps: [
      { text: 'Send less: trim the conversation history or split documents into smaller pieces.' },
      { text: 'Lower max_tokens / max_completion_tokens (it counts toward the limit).' },
      { text: 'See your limits per model; they grow with the usage tier.', url: ORG_LIMITS },
    ],
    probe: 'model',
    sources: [
      'https://github.com/TheR1D/shell_gpt/issues/653',
      'https://github.com/DrShushen/climb/issues/13',
    ],
    examples: [
      "RateLimitError: Error code: 429 - {'error': {'message': 'Request too large for gpt-4o in organization org-VDAWofJASuLH0vVz8o9tiQZr on tokens per min (TPM): Limit 30000, Requested 30601. The input or output tokens must be reduced in order to run successfully. Visit https://platform.openai.com/account/rate-limits to learn more.', 'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}",
    ],
  },
  {
    id: 'rate-limit-tokens-per-minute',
    category: 'rate_limit',
    match: {
      codes: ['rate_limit_exceeded'],
      types: ['tokens'],
      patterns: [/on tokens per min/, /tokens per min \(TPM\)/],
    },
    title: 'Too many tokens per minute for {model|this model}',
    explanation:
      'Your organization sent more tokens to {model|this model} in the last minute than its tokens-per-minute ' +
      'limit allows. It usually clears within a minute: wait as long as OpenAI suggests, then retry with backoff.',
    details: [
      'Limit {limit} TPM, used {used}, this request {requested}.',
      'OpenAI suggested waiting {retry}.',
    ],
    causes: [
      'Many requests in parallel, or long prompts sent in quick succession.',
      'A low usage tier (tier 1 limits are small for large models).',
    ],
    steps: [
      { text: 'Retry with exponential backoff and respect the retry-after time.' },
      { text: 'Lower concurrency, shorten prompts, or lower max output tokens.' },
      { text: 'See your limits; they rise with the usage tier.', url: ORG_LIMITS },
    ],
    probe: 'model',
    sources: [
      'https://github.com/FoundationAgents/MetaGPT/issues/523',
      'https://github.com/BuilderIO/micro-agent/issues/86',
    ],
    examples: [
      '429 Rate limit reached for gpt-4o in organization org-uOtiSEwvUnroadaOnJJquBEC on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms.',
    ],
  },
  {
    id: 'rate-limit-tokens-per-day',
    category: 'rate_limit',
    match: {
      codes: ['rate_limit_exceeded'],
      types: ['tokens'],
      patterns: [/on tokens per day/, /tokens per day \(TPD\)/],
    },
    title: 'Daily token limit reached for {model|this model}',
    explanation:
      'Your organization used all the tokens per day it may send to {model|this model}. The counter rolls over ' +
      'continuously, so capacity comes back gradually over the day.',
    details: [
      'Limit {limit} TPD, used {used}, this request {requested}.',
      'OpenAI suggested waiting {retry}.',
    ],
    causes: ['Heavy use of a model with a small daily limit (free tier, tier 1, or preview models).'],
    steps: [
      { text: 'Wait for capacity to come back, or use another model for the rest of the day.' },
      { text: 'Check your per-day limits and your tier.', url: ORG_LIMITS },
    ],
    probe: 'model',
    sources: ['https://platform.openai.com/docs/guides/rate-limits'],
  },
  {
    id: 'rate-limit-requests-per-day',
    category: 'rate_limit',
    match: {
      codes: ['rate_limit_exceeded'],
      types: ['requests'],
      patterns: [/on requests per day/, /requests per day \(RPD\)/],
    },
    title: 'Daily request limit reached for {model|this model}',
    explanation:
      'Your organization made as many requests to {model|this model} today as its requests-per-day limit allows ' +
      '(free and tier-1 accounts have small daily limits).',
    details: ['Limit {limit} RPD, used {used}.', 'OpenAI suggested waiting {retry}.'],
    causes: [
      'A free or tier-1 account with a small daily limit.',
      'A loop or retry storm used up the day’s requests.',
    ],
    steps: [
      { text: 'Wait, or batch work into fewer requests.' },
      { text: 'Adding credit moves the organization to a higher tier with larger limits.', url: BILLING },
      { text: 'Check your limits.', url: ORG_LIMITS },
    ],
    probe: 'model',
    sources: ['https://github.com/onlybooks/llm/issues/6'],
  },
  {
    id: 'rate-limit-requests-per-minute',
    category: 'rate_limit',
    match: {
      codes: ['rate_limit_exceeded'],
      types: ['requests'],
      patterns: [/on requests per min/, /requests per min \(RPM\)/],
    },
    title: 'Too many requests per minute for {model|this model}',
    explanation:
      'Your organization sent more requests to {model|this model} in the last minute than its requests-per-minute ' +
      'limit allows. Wait and retry with backoff.',
    details: ['Limit {limit} RPM, used {used}.', 'OpenAI suggested waiting {retry}.'],
    causes: [
      'Too many parallel requests or a tight loop.',
      'A low usage tier (free tier: 3 RPM on some models).',
    ],
    steps: [
      { text: 'Retry with exponential backoff; lower concurrency.' },
      { text: 'Check your limits; they rise with the usage tier.', url: ORG_LIMITS },
    ],
    probe: 'model',
    sources: ['https://github.com/joonspk-research/generative_agents/issues/145'],
    examples: [
      'openai.error.RateLimitError: Rate limit reached for text-embedding-ada-002 in organization org-W1kYnDA7btlD2UoW1aZEjc8S on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
    ],
  },
  {
    id: 'rate-limit-images',
    category: 'rate_limit',
    match: {
      codes: ['rate_limit_exceeded'],
      patterns: [/for images per min(?:ute)?/, /on images per min(?:ute)?/, /images per min(?:ute)? \(IPM\)/],
    },
    title: 'Too many images per minute',
    explanation:
      'Your organization asked for more images in the last minute than its images-per-minute limit allows for ' +
      '{model|this model}. A limit of 0 means the current tier may not use image generation yet.',
    details: ['Limit {limit} per minute, current {used}.'],
    causes: ['Parallel image requests.', 'A tier whose image limit is very low or zero.'],
    steps: [
      { text: 'Generate images one after another, with backoff.' },
      { text: 'Check your image limits.', url: ORG_LIMITS },
    ],
    probe: 'none',
    sources: ['https://github.com/songquanpeng/one-api/issues/881'],
    examples: [
      'Rate limit exceeded for images per minute in organization org-ToDJZKfhy1BqRrAohva3yiai. Limit: 0/1min. Current: 1/1min.',
    ],
  },
  {
    id: 'rate-limit-azure',
    category: 'rate_limit',
    match: {
      patterns: [
        /exceeded (?:the )?(?:token |call )?rate limit of your current (?:OpenAI|AIServices|Azure)/i,
        /have exceeded (?:token |call )?rate limit/i,
      ],
      // Azure API Management's default answer ("Rate limit is exceeded. Try again in 30 seconds."), in front of
      // an Azure OpenAI deployment or of any other API: ours only where the text is about OpenAI.
      genericPatterns: [/Rate limit is exceeded\. Try again in \d+ seconds?/i],
    },
    title: 'Azure OpenAI rate limit',
    explanation:
      'Your Azure OpenAI deployment received more tokens or requests per minute than its quota allows. Azure ' +
      'sets these limits per deployment in the Azure portal, not on platform.openai.com.',
    details: ['Azure suggested waiting {retry}.'],
    causes: ['The deployment’s tokens-per-minute quota is small.', 'Bursts of parallel requests.'],
    steps: [
      { text: 'Retry after the time Azure gives, with backoff.' },
      { text: 'Raise the deployment’s TPM quota in Azure AI Foundry, or spread load over deployments.' },
    ],
    probe: 'none',
    sources: ['https://learn.microsoft.com/azure/ai-services/openai/quotas-limits'],
  },
  {
    id: 'rate-limit',
    category: 'rate_limit',
    match: {
      codes: ['rate_limit_exceeded', 'too_many_requests'],
      types: ['requests', 'tokens', 'rate_limit_exceeded'],
      patterns: [/Rate limit reached for/i, /Rate limit exceeded for/i],
      genericPatterns: [/Too Many Requests/i, /Rate limit (?:reached|exceeded)/i],
      exceptions: ['RateLimitError'],
      statuses: [429],
      hints: [
        /速率限制/,
        /频率限制/,
        /请求(?:过于|太)频繁/,
        /レート制限/,
        /лимит запросов/,
        /rate[- ]?limit(?:ed|ing)?/i,
        /too many requests/i,
        /sending requests too quickly/i,
      ],
    },
    title: 'Rate limit reached for {model|this model}',
    explanation:
      'OpenAI refused the request because too many requests or tokens arrived in a short time. Rate limits are ' +
      'per organization and model and clear by themselves: wait and retry with backoff.',
    details: ['Limit {limit} {unitName}, used {used}.', 'OpenAI suggested waiting {retry}.'],
    causes: [
      'Parallel requests or a retry loop without backoff.',
      'A low usage tier (limits grow with money spent and account age).',
      'A 429 can also mean no credit ("insufficient_quota"): read the message — retrying never fixes that one.',
    ],
    steps: [
      { text: 'Retry with exponential backoff and respect retry-after.' },
      { text: 'Check your limits and tier.', url: ORG_LIMITS },
      { text: 'Read about rate limits and tiers.', url: RATE_LIMITS_GUIDE },
    ],
    probe: 'model',
    sources: [
      'https://github.com/continuedev/continue/issues/11472',
      'https://github.com/jorge-menjivar/unsaged/issues/53',
    ],
  },

  // ── Verification ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'verification-streaming',
    category: 'org_verification_required',
    match: {
      patterns: [/must be verified to stream/i],
    },
    title: 'Verify your organization to stream {model|this model}',
    explanation:
      'Streaming answers from {model|this model} needs a verified organization. Non-streaming calls may work ' +
      'already. After verifying, access can take up to 15 minutes to appear.',
    causes: [
      'The organization has not completed identity verification.',
      'Verification was just completed and has not propagated yet.',
      'The key belongs to a different organization than the verified one.',
    ],
    steps: [
      { text: 'Open the organization settings and click “Verify Organization”.', url: GENERAL },
      { text: 'Until then, call the model with stream: false.' },
      { text: 'If you just verified, wait 15 minutes and retry; a new key sometimes helps.' },
    ],
    probe: 'verification',
    sources: [
      'https://github.com/danny-avila/LibreChat/issues/6926',
      'https://github.com/continuedev/continue/issues/8209',
    ],
    examples: [
      "openai.BadRequestError: Error code: 400 : {'error': {'message': 'Your organization must be verified to stream this model. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.', 'type': 'invalid_request_error', 'param': 'stream', 'code': 'unsupported_value'}}",
    ],
  },
  {
    id: 'verification-model',
    category: 'org_verification_required',
    match: {
      codes: ['organization_verification_required'],
      patterns: [
        /organization must be verified to/i,
        /must be verified to (?:use|access|generate)/i,
        /click on Verify Organization/i,
        // Retold: "To use some "protected" models, API Organization Verification is required".
        /\bOrgani[sz]ation Verification is required\b/i,
      ],
      hints: [/verif(?:y|ied|ication) (?:your |the |my )?organi[sz]ation/i, /organi[sz]ation verification/i],
    },
    title: 'Verify your organization to use {model|this model}',
    explanation:
      '{model|This model} is available only to organizations that completed identity verification. After ' +
      'verifying, access can take up to 15 minutes to appear.',
    causes: [
      'The organization has not completed verification.',
      'Verification was just completed and has not propagated yet.',
      'The key belongs to another organization than the verified one.',
    ],
    steps: [
      { text: 'Open the organization settings and click “Verify Organization”.', url: GENERAL },
      { text: 'If you just verified, wait 15 minutes and retry.' },
    ],
    probe: 'verification',
    sources: [
      'https://github.com/openai-php/client/issues/565',
      'https://github.com/openai/openai-go/issues/565',
    ],
    examples: [
      'Your organization must be verified to use the model `gpt-image-1`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.',
    ],
  },

  // ── Models ─────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'model-project-denied',
    category: 'model_access_denied',
    match: {
      patterns: [/does not have access to model/i],
      // Retold in prose ("the specified project does not have access to the gpt-4o model"): a hint, so advice
      // and questions that use the same words are not read as the error itself.
      hints: [
        new RegExp(
          `\\bproject\\b[^.\\n]{0,40}?\\bdoes(?: not|n't) have access to (?:the )?[\`'"]?${OPENAI_MODEL_PREFIX}[\\w.:-]+[\`'"]? model\\b`,
          'i',
        ),
      ],
    },
    title: 'Project blocks {model|this model}',
    explanation:
      'The model exists, but the project this key belongs to is not allowed to use it. Projects can restrict ' +
      'which models their keys may call; this one does not list {model|the model}.',
    causes: [
      'The project’s model allow-list (Limits → Model usage) leaves this model out.',
      'A new project whose allowed models were never set up.',
      'The key belongs to a different project than you think.',
    ],
    steps: [
      {
        text: 'Open the project’s limits and allow {model|the model} under model usage.',
        url: PROJECT_LIMITS,
      },
      { text: 'Or create a key in a project that allows it.', url: PROJECT_API_KEYS },
      { text: 'Changes can take a few minutes to apply.' },
    ],
    probe: 'model',
    sources: [
      'https://github.com/Aider-AI/aider/issues/1903',
      'https://github.com/Aider-AI/aider/issues/604',
    ],
    examples: [
      "openai.PermissionDeniedError: Error code: 403 - {'error': {'message': 'Project `proj_9KoeXdtHe0YQJbsF2FQAKmzl` does not have access to model `gpt-4o`', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}",
    ],
  },
  {
    id: 'model-not-allowed',
    category: 'model_access_denied',
    match: {
      codes: ['model_access_denied', 'model_not_available'],
      patterns: [
        /not allowed to (?:sample from|use|access) (?:this|the) model/i,
        /not allowed to generate (?:embeddings|images|completions|audio) from this model/i,
        /(?:do|does) not have access to (?:the |this )?model/i,
        /not available (?:on|for|in) your (?:usage )?tier/i,
        /only available to (?:users|organizations|accounts) (?:on|in|with)/i,
        // Codex signed in with a ChatGPT plan: the model exists, this sign-in may not use it.
        /model is not supported when using Codex with a ChatGPT account/i,
      ],
      hints: [/(?:no|don'?t have|lost) access to (?:gpt|o\d|the model|this model)/i],
    },
    title: 'No access to {model|this model}',
    explanation:
      'The model exists, but this key’s organization, project or usage tier may not use it. Some models open up ' +
      'only at higher usage tiers or after organization verification.',
    causes: [
      'The usage tier is too low for this model (tier 1 does not get every model at launch).',
      'The project restricts which models its keys may call.',
      'The model needs a verified organization.',
    ],
    steps: [
      { text: 'Check which models your organization and project may use.', url: PROJECT_LIMITS },
      { text: 'Check your usage tier on the limits page; adding credit raises it.', url: ORG_LIMITS },
    ],
    probe: 'model',
    sources: ['https://platform.openai.com/docs/guides/error-codes'],
  },
  {
    id: 'model-deprecated',
    category: 'model_deprecated',
    match: {
      codes: ['model_deprecated', 'model_retired'],
      patterns: [
        /model:? [`'"]?[^`'"\s]+[`'"]? has been (?:deprecated|discontinued|retired|shut ?down)/i,
        /This model version is deprecated/i,
        /has been deprecated, learn more here/i,
      ],
      hints: [
        /(?:model|engine) (?:is|was|has been) deprecated/i,
        /(?:model|engine) (?:is|was|has been) retired/i,
        /(?:model|engine) (?:is|was|has been) discontinued/i,
        /(?:model|engine) (?:is|was|has been) shut ?down/i,
      ],
    },
    title: '{model|This model} was retired',
    explanation:
      'OpenAI shut down {model|this model}; requests to it are refused. Code that used it must switch to a ' +
      'current model (and sometimes to another endpoint).',
    details: ['OpenAI’s suggested replacement is {replacement}.'],
    causes: [
      'The code or the app’s settings still name a retired model.',
      'Old models such as text-davinci-003 used the completions endpoint; their replacements use chat.',
    ],
    steps: [
      { text: 'Switch to {replacement|a current model}.', url: MODELS_DOC },
      { text: 'Check the deprecations page for the shutdown date and replacement.', url: DEPRECATIONS },
    ],
    probe: 'none',
    sources: ['https://github.com/Wytamma/write-the/issues/24', 'https://github.com/n8n-io/n8n/issues/10375'],
    examples: [
      'InvalidRequestError: The model `text-davinci-003` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations',
    ],
  },
  {
    id: 'model-404',
    category: 'model_not_found',
    resolver: 'model-404',
    match: {
      hints: [/模型不存在/, /モデルが存在しません/, /модел[ьи] не существует/],
      codes: ['model_not_found'],
      patterns: [
        /does not exist or you do not have access to it/i,
        /The model:? [`'"]?[^`'"\s]+[`'"]? does not exist/i,
        /That model does not exist/i,
        /No such engine/i,
        /Engine not found/i,
        /The requested model [`'"]?[^`'"\s]+[`'"]? does not exist/i,
        /model:? [`'"]?[\w.:\-/]+[`'"]? (?:does not|doesn'?t) exi(?:st|t|s)\b/i,
      ],
      genericPatterns: [
        /model[_ ]not[_ ]found/i,
        /Unknown model/i,
        /Invalid model/i,
        /model [`'"]?[\w.:\-/]+[`'"]? not found/i,
      ],
      exceptions: ['NotFoundError'],
      statuses: [404],
    },
    title: 'Model not found',
    explanation:
      'OpenAI answered that the model does not exist or that you may not use it — the API says the same for ' +
      'both, so the model id decides which one it is.',
    causes: [
      'A typo or wrong case in the model id.',
      'The model is not available to this organization, project or tier.',
      'The model was retired.',
    ],
    steps: [
      { text: 'Compare the id with the list of models.', url: MODELS_DOC },
      { text: 'Check which models your project may use.', url: PROJECT_LIMITS },
    ],
    probe: 'model',
    sources: ['https://github.com/mshumer/gpt-llm-trainer/issues/10'],
  },
  {
    id: 'model-404-published',
    category: 'model_access_denied',
    resolvedOnly: true,
    match: {},
    title: 'No access to {model}',
    explanation:
      '{model} is a real OpenAI model, so “does not exist or you do not have access to it” means: this key may ' +
      'not use it. Access depends on the organization’s usage tier, the project’s allowed models, and for some ' +
      'models on organization verification.',
    causes: [
      'The project’s model allow-list leaves {model} out.',
      'The usage tier is too low for {model} (new models often open to higher tiers first).',
      'The model needs a verified organization.',
      'The key belongs to another organization or project than the one with access.',
    ],
    steps: [
      { text: 'Allow {model} in the project’s limits (model usage).', url: PROJECT_LIMITS },
      { text: 'Check the organization’s usage tier; adding credit raises it.', url: ORG_LIMITS },
      { text: 'If the model needs verification, verify the organization.', url: GENERAL },
    ],
    probe: 'model',
    sources: [
      'https://github.com/mshumer/gpt-llm-trainer/issues/10',
      'https://github.com/idootop/mi-gpt/issues/94',
    ],
    examples: ['NotFoundError: 404 The model `gpt-4o` does not exist or you do not have access to it.'],
  },
  {
    id: 'model-404-retired',
    category: 'model_deprecated',
    resolvedOnly: true,
    match: {},
    title: '{model} was retired',
    explanation:
      '{model} was an OpenAI model but has been shut down, so the API now says it “does not exist”. Switch to a ' +
      'current model.',
    details: ['OpenAI’s suggested replacement is {replacement}.'],
    causes: ['Code or settings still name a retired model or snapshot.'],
    steps: [
      { text: 'Switch to {replacement|a current model}.', url: MODELS_DOC },
      { text: 'See the deprecations page for dates and replacements.', url: DEPRECATIONS },
    ],
    probe: 'none',
    sources: ['https://github.com/AbanteAI/archive-old-cli-mentat/issues/6'],
    examples: ['The model `gpt-4-0314` does not exist or you do not have access to it.'],
  },
  {
    id: 'model-404-other-provider',
    category: 'model_not_found',
    resolvedOnly: true,
    match: {},
    title: '{model} is not an OpenAI model',
    explanation:
      '“{model}” is a model of another provider or an Azure deployment name, and it was sent to the OpenAI API, ' +
      'which does not know it. The app’s base URL and model setting point to different services.',
    causes: [
      'The base URL points to api.openai.com while the model belongs to another provider (or the reverse).',
      'An Azure deployment name was used with the OpenAI endpoint.',
    ],
    steps: [
      {
        text: 'Use the base URL and key of the provider that serves {model}, or pick an OpenAI model.',
        url: MODELS_DOC,
      },
    ],
    probe: 'none',
    sources: ['https://github.com/OpenBMB/XAgent/issues/223'],
  },
  {
    id: 'model-404-fine-tune',
    category: 'model_not_found',
    resolvedOnly: true,
    match: {},
    title: 'Fine-tuned model not found',
    explanation:
      'The fine-tuned model “{model}” is not visible to this key: fine-tunes belong to the organization (and ' +
      'project) that trained them, and deleted ones are gone.',
    causes: [
      'The fine-tune was made in another organization or project.',
      'It was deleted, or its base model was retired.',
      'The id was copied incompletely.',
    ],
    steps: [
      { text: 'Use a key of the organization and project that trained it.', url: PROJECT_API_KEYS },
      { text: 'Check the id in the fine-tuning dashboard.', url: 'https://platform.openai.com/finetune' },
    ],
    probe: 'model',
    sources: ['https://github.com/langchain-ai/twitter-finetune/issues/2'],
  },
  {
    id: 'model-404-unknown',
    category: 'model_not_found',
    resolvedOnly: true,
    match: {},
    title: 'No model called “{model|this}”',
    explanation:
      'OpenAI has no model with the id “{model|sent}”. Model ids are exact and lower-case; a small typo is enough.',
    details: ['Did you mean {suggestion}?'],
    causes: [
      'A typo or wrong case in the model id.',
      'A name from a blog post or another service instead of an API id.',
    ],
    steps: [
      { text: 'Use {suggestion|a model id from the list}.', url: MODELS_DOC },
      { text: 'List the models your key can see: GET /v1/models.' },
    ],
    probe: 'model',
    sources: [
      'https://github.com/Ant0wan/openai-pr/issues/30',
      'https://github.com/normal-computing/fuji-web/issues/244',
    ],
    examples: [
      'openai.error.InvalidRequestError: The model `gtp-4` does not exist or you do not have access to it.',
    ],
  },
  {
    id: 'azure-deployment-not-found',
    category: 'model_not_found',
    match: {
      codes: ['DeploymentNotFound'],
      patterns: [/The API deployment for (?:this|the) resource does not exist/i],
      hints: [/deployment (?:does not exist|not found)/i],
    },
    title: 'Azure deployment not found',
    explanation:
      'Azure OpenAI found no deployment with the name in the request. On Azure the “model” you send is your own ' +
      'deployment name; a new deployment can take about five minutes to become usable.',
    causes: [
      'The deployment name differs from the model name (use the deployment name).',
      'The deployment was created moments ago, or in another resource or region.',
      'The API version in the URL is too old for this model.',
    ],
    steps: [
      { text: 'Copy the deployment name from Azure AI Foundry and use it as the model / deployment id.' },
      { text: 'Check that the endpoint URL belongs to the resource that has the deployment.' },
    ],
    probe: 'none',
    sources: [
      'https://github.com/chatboxai/chatbox/issues/861',
      'https://github.com/microsoft/gpt-review/issues/194',
    ],
    examples: [
      '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}',
    ],
  },

  // ── Endpoints ──────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'endpoint-chat-model-on-completions',
    category: 'wrong_endpoint',
    match: {
      patterns: [
        /This is a chat model and not supported in the v1\/completions endpoint/i,
        /is a chat model and not supported/i,
      ],
    },
    title: 'Chat model sent to the completions endpoint',
    explanation:
      '{model|This model} is a chat model: it answers on /v1/chat/completions (or /v1/responses), not on the ' +
      'legacy /v1/completions endpoint the code called.',
    causes: ['Old code (openai.Completion.create, createCompletion) used with a chat model.'],
    steps: [
      {
        text: 'Call chat completions (messages instead of prompt) or the Responses API.',
        url: API_REFERENCE,
      },
    ],
    probe: 'none',
    sources: ['https://github.com/RomanHotsiy/commitgpt/issues/43'],
    examples: [
      'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?',
    ],
  },
  {
    id: 'endpoint-completion-model-on-chat',
    category: 'wrong_endpoint',
    match: {
      patterns: [
        /This is not a chat model and thus not supported in the v1\/chat\/completions endpoint/i,
        /is not a chat model/i,
      ],
    },
    title: 'Not a chat model',
    explanation:
      '{model|This model} does not work on /v1/chat/completions. It is a completions-only model (e.g. an ' +
      'instruct model), or a model served only by the Responses API (such as o1-pro or deep-research models).',
    causes: [
      'An instruct/completions model used with chat code.',
      'A Responses-only model (o1-pro, o3-pro, codex and deep-research models) called through chat completions.',
    ],
    steps: [
      {
        text: 'Use the Responses API for Responses-only models, or /v1/completions for instruct models.',
        url: API_REFERENCE,
      },
      { text: 'Check the model page to see which endpoints it supports.', url: MODELS_DOC },
    ],
    probe: 'none',
    sources: [
      'https://github.com/n3d1117/chatgpt-telegram-bot/issues/386',
      'https://github.com/kardolus/chatgpt-cli/issues/121',
    ],
    examples: [
      'This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?',
    ],
  },
  {
    id: 'endpoint-responses-only',
    category: 'wrong_endpoint',
    match: {
      patterns: [
        /only supported in v1\/responses/i,
        /only (?:available|supported) (?:in|via|through|with|by) the Responses API/i,
      ],
    },
    title: '{model|This model} needs the Responses API',
    explanation:
      '{model|This model} is served only by /v1/responses, not by /v1/chat/completions. The request itself is ' +
      'fine; it went to the wrong endpoint.',
    causes: ['A Responses-only model (pro, codex and deep-research models) called through chat completions.'],
    steps: [
      { text: 'Call the model through the Responses API (client.responses.create).', url: API_REFERENCE },
    ],
    probe: 'none',
    sources: ['https://github.com/HeyPuter/puter/issues/1303'],
    examples: ['404 This model is only supported in v1/responses and not in v1/chat/completions.'],
  },
  {
    id: 'endpoint-invalid-url',
    category: 'wrong_endpoint',
    match: {
      codes: ['unknown_url', 'invalid_url'],
      patterns: [
        /Invalid URL \((?:GET|POST|PUT|PATCH|DELETE) /i,
        /Unrecognized request URL/i,
        /Unknown request URL/i,
        /The resource you are requesting could not be found/i,
        /Invalid method for URL/i,
      ],
      // Azure's answer to a wrong endpoint, deployment path or api-version; a bare 404 body from a proxy or a
      // base URL that is not the API.
      genericPatterns: [/Resource not found/i, /404 page not found/i, /404 status code \(no body\)/i],
    },
    title: 'Wrong API address',
    explanation:
      'The request went to an address the API does not have. Usually the base URL and the path overlap or miss a ' +
      'part (/v1 twice, /chat/completions twice, a missing /v1), or a proxy rewrote it.',
    causes: [
      'The base URL already ends with /v1/chat/completions and the client adds the path again.',
      'The base URL lacks /v1 (https://api.openai.com instead of https://api.openai.com/v1).',
      'A GET request to an endpoint that needs POST, or a typo in the path.',
    ],
    steps: [
      { text: 'Set the base URL to exactly https://api.openai.com/v1 and let the client add the path.' },
      { text: 'Compare the method and path with the API reference.', url: API_REFERENCE },
    ],
    probe: 'none',
    sources: [
      'https://github.com/chatboxai/chatbox/issues/199',
      'https://github.com/harry0703/MoneyPrinterTurbo/issues/57',
    ],
    examples: ['openai.error.InvalidRequestError: Invalid URL (POST /v1/chat/completions)'],
  },
  {
    id: 'endpoint-azure-operation',
    category: 'wrong_endpoint',
    match: {
      codes: ['OperationNotSupported'],
      patterns: [/operation does not work with the specified model/i],
    },
    title: 'This Azure model does not support the operation',
    explanation:
      'The Azure OpenAI deployment’s model cannot do what was asked (for example chat completions on an ' +
      'instruct or embeddings model).',
    causes: ['The deployment runs a model for another endpoint.'],
    steps: [{ text: 'Call the endpoint that the deployed model supports, or deploy a chat model.' }],
    probe: 'none',
    sources: ['https://learn.microsoft.com/azure/ai-services/openai/reference'],
  },

  // ── Parameters ─────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'parameter-max-tokens',
    category: 'unsupported_parameter',
    match: {
      codes: ['unsupported_parameter'],
      patterns: [
        /Unsupported parameter: 'max_tokens'/i,
        /Use 'max_completion_tokens' instead/i,
        // Sent as null to a reasoning model: "Invalid type for 'max_tokens': expected an unsupported value".
        /'max_tokens': expected an unsupported value/i,
      ],
    },
    title: 'Use max_completion_tokens with {model|this model}',
    explanation:
      'Reasoning models (o-series, GPT-5 and later) reject max_tokens; the same limit is called ' +
      'max_completion_tokens for them (max_output_tokens in the Responses API).',
    causes: ['Code or a library written for older chat models sends max_tokens.'],
    steps: [{ text: 'Rename max_tokens to max_completion_tokens (or upgrade the library that sends it).' }],
    probe: 'none',
    sources: [
      'https://github.com/teilomillet/gollm/issues/33',
      'https://github.com/dsp05/overleaf-copilot/pull/43',
    ],
    examples: [
      "400 Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    ],
  },
  {
    id: 'parameter-sampling-on-reasoning',
    category: 'unsupported_parameter',
    match: {
      codes: ['unsupported_value'],
      patterns: [
        /Unsupported value: '(?:temperature|top_p|presence_penalty|frequency_penalty|n|logprobs)' does not support/i,
        /Only the default \(1\) value is supported/i,
      ],
    },
    title: '{param|temperature} must stay at its default with {model|this model}',
    explanation:
      'Reasoning models accept only the default value of sampling settings such as temperature (1). Remove the ' +
      'parameter or send the default.',
    causes: ['The app sends a fixed temperature (0, 0.2, 0.7…) to every model.'],
    steps: [{ text: 'Do not send {param|temperature} for this model (or send 1).' }],
    probe: 'none',
    sources: [
      'https://github.com/johny-b/llmcomp/issues/69',
      'https://github.com/QwenLM/qwen-code/issues/921',
    ],
    examples: [
      "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
    ],
  },
  {
    id: 'parameter-unsupported',
    category: 'unsupported_parameter',
    match: {
      codes: [
        'unsupported_parameter',
        'unsupported_value',
        'unknown_parameter',
        'invalid_parameter_for_model',
      ],
      patterns: [
        /Unsupported parameter:/i,
        /Unsupported value:/i,
        // The validator's way of saying a parameter is not accepted at all by this model.
        /expected an unsupported value/i,
        /Unrecognized request arguments? supplied/i,
        /Unknown parameter: ?'/i,
        /incompatible request arguments? supplied/i,
        /(?:is|are) not supported with this model/i,
        /does not support '[^']+' with this model/i,
        /max_tokens is too large/i,
        /This model supports at most \d+ completion tokens/i,
      ],
      genericPatterns: [
        /Additional properties are not allowed/i,
        /(?:parameter|argument) [`'"]?\w+[`'"]? is not supported/i,
        /This model does not support/i,
      ],
      hints: [/unsupported (?:parameter|argument|value)/i],
    },
    title: '{model|This model} does not accept {param|a parameter}',
    explanation:
      'The request contains a parameter, or a parameter value, that {model|this model} does not accept. Models ' +
      'differ: reasoning models refuse several sampling options, some models refuse tools, images or streaming ' +
      'options.',
    causes: [
      'Settings written for another model are sent to this one.',
      'A library version older than the model adds parameters it no longer accepts.',
    ],
    steps: [
      { text: 'Remove {param|the parameter} or change its value for this model.' },
      { text: 'Check the model page for what it supports.', url: MODELS_DOC },
    ],
    probe: 'none',
    sources: ['https://github.com/lobehub/lobehub/issues/7054', 'https://github.com/cline/cline/issues/284'],
  },

  // ── Request size ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'context-length',
    category: 'context_length_exceeded',
    match: {
      codes: ['context_length_exceeded', 'string_above_max_length'],
      patterns: [
        /maximum context length is [\d,]+ tokens/i,
        /Please reduce the length of the messages/i,
        /Input tokens exceed the configured limit/i,
        /your input exceeds the context window/i,
        /exceeds? the (?:model'?s? )?(?:maximum )?context (?:window|length)/i,
        /maximum input length is [\d,]+ tokens/i,
        /string too long\. Expected a string with maximum length/i,
      ],
      exceptions: ['ContextWindowExceededError'],
      statuses: [413],
      hints: [
        /context[_ ]length[_ ]exceeded/i,
        /context (?:length|window) (?:exceeded|limit reached|too (?:long|large|small))/i,
        /exceed(?:s|ed|ing)? (?:the )?(?:model'?s? )?context (?:length|window)/i,
        /too many tokens/i,
      ],
    },
    title: 'Too long for {model|the model}’s context window',
    explanation:
      'The prompt plus the room reserved for the answer is longer than the model can take in one request. The ' +
      'request is refused as a whole; nothing is truncated for you.',
    causes: [
      'A growing chat history sent in full with every request.',
      'Large documents, files or tool results pasted into the prompt.',
      'A max output tokens setting so high that prompt + output exceeds the window.',
    ],
    steps: [
      { text: 'Trim or summarise older messages; split large documents into chunks.' },
      { text: 'Lower max_tokens / max_completion_tokens.' },
      { text: 'Or use a model with a larger context window.', url: MODELS_DOC },
    ],
    probe: 'none',
    sources: [
      'https://github.com/The-Vibe-Company/quivr/issues/505',
      'https://github.com/chathub-dev/chathub/issues/320',
    ],
    examples: [
      "This model's maximum context length is 4097 tokens. However, your messages resulted in 4113 tokens. Please reduce the length of the messages.",
    ],
  },

  // ── SDK versions ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'sdk-python-removed-in-v1',
    category: 'sdk_migration',
    match: {
      patterns: [
        /no longer supported in openai>=1\.0\.0/i,
        /You tried to access openai\.[A-Za-z]+, but this is no longer supported/,
        // Shortened in titles and prose: "openai.ChatCompletion is no longer supported".
        /openai\.(?:ChatCompletion|Completion|Embedding|Image|Moderation|Edit|FineTune)\b[^\n]{0,40}no longer supported/,
        /module 'openai' has no attribute '(?:ChatCompletion|Completion|Embedding|Image|Moderation|Edit|FineTune|error|api_resources|Model|Audio)'/,
        /openai\.error\b[^\n]{0,20}\bNo module named/i,
        /No module named 'openai\.error'/i,
      ],
      exceptions: ['APIRemovedInV1'],
    },
    title: 'Code written for openai-python < 1.0',
    explanation:
      'The code uses the old interface of the openai Python package (openai.ChatCompletion.create, openai.error, ' +
      'api_key on the module), which was removed in version 1.0. Either update the code or pin the old version.',
    causes: ['The package was upgraded (pip install -U openai) under code or a tutorial written for 0.x.'],
    steps: [
      {
        text: 'Update the code to the client interface (client = OpenAI(); client.chat.completions.create(...)); `openai migrate` does much of it.',
        url: PYTHON_MIGRATION,
      },
      { text: 'Or pin the old package until you can: pip install openai==0.28.' },
    ],
    probe: 'none',
    sources: [
      'https://github.com/mshumer/gpt-llm-trainer/issues/20',
      'https://github.com/MadcowD/ell/issues/221',
    ],
    examples: [
      'APIRemovedInV1: You tried to access openai.ChatCompletion, but this is no longer supported in openai>=1.0.0 - see the README at https://github.com/openai/openai-python for the API.',
    ],
  },
  {
    id: 'sdk-python-too-old',
    category: 'sdk_migration',
    match: {
      patterns: [
        /cannot import name '(?:OpenAI|AsyncOpenAI|AzureOpenAI|DefaultHttpxClient)' from 'openai'/i,
        /module 'openai' has no attribute '(?:OpenAI|AsyncOpenAI|AzureOpenAI|types)'/,
        /got an unexpected keyword argument '(?:engine|request_timeout|api_base|deployment_id)'/,
      ],
    },
    title: 'openai-python is older than the code',
    explanation:
      'The code uses the client interface of openai-python 1.x (from openai import OpenAI), but an older 0.x ' +
      'package is installed in this environment.',
    causes: ['An old pinned version (requirements.txt, a conda env) or a second Python environment.'],
    steps: [
      { text: 'Upgrade in the environment that runs the code: pip install -U openai.' },
      { text: 'Check which interpreter runs the code (python -m pip show openai).' },
    ],
    probe: 'none',
    sources: [
      'https://github.com/sunnweiwei/RankGPT/issues/20',
      'https://github.com/openai/openai-python/issues/685',
    ],
    examples: [
      "ImportError: cannot import name 'OpenAI' from 'openai' (/usr/lib/python3/site-packages/openai/__init__.py)",
    ],
  },
  {
    id: 'sdk-httpx-proxies',
    category: 'sdk_migration',
    match: {
      patterns: [/unexpected keyword argument '?proxies/i],
    },
    title: 'openai-python too old for the installed httpx',
    explanation:
      'httpx 0.28 removed the `proxies` argument that openai-python before 1.55.3 still passes, so creating the ' +
      'client fails. Upgrading openai (or pinning httpx below 0.28) fixes it.',
    causes: ['An older openai package together with httpx ≥ 0.28.'],
    steps: [{ text: 'pip install -U openai (1.55.3 or later), or pin httpx<0.28.' }],
    probe: 'none',
    sources: [
      'https://github.com/platisd/openai-pr-description/issues/9',
      'https://github.com/OpenBMB/ChatDev/issues/467',
    ],
    examples: ["TypeError: Client.__init__() got an unexpected keyword argument 'proxies'"],
  },
  {
    id: 'sdk-node-v3-to-v4',
    category: 'sdk_migration',
    match: {
      patterns: [
        /Configuration is not a constructor/,
        /OpenAIApi is not a constructor/,
        /create(?:Chat)?Completion is not a function/,
        /does not provide an export named '(?:Configuration|OpenAIApi)'/,
        /openai\.(?:ChatCompletion|Completion)\.create is not a function/,
      ],
    },
    title: 'Code written for openai-node v3',
    explanation:
      'The code uses the v3 interface of the openai Node package (Configuration, OpenAIApi, createChatCompletion), ' +
      'which was replaced in v4. Update the code or pin the old version.',
    causes: ['The package was upgraded under code or a tutorial written for v3.'],
    steps: [
      {
        text: 'Use the v4+ client: new OpenAI({ apiKey }) and client.chat.completions.create(...).',
        url: NODE_MIGRATION,
      },
      { text: 'Or pin openai@3 until the code is updated.' },
    ],
    probe: 'none',
    sources: [
      'https://github.com/openai/openai-node/issues/213',
      'https://github.com/adrianhajdin/project_threejs_ai/issues/57',
    ],
    examples: ['TypeError: Configuration is not a constructor'],
  },

  // ── Network ────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'connection-tls',
    category: 'connection_error',
    match: {
      patterns: [
        /CERTIFICATE_VERIFY_FAILED/i,
        /certificate verify failed/i,
        /self[- ]signed certificate/i,
        /unable to (?:get local issuer certificate|verify the first certificate)/i,
        /UNABLE_TO_(?:GET_ISSUER_CERT|VERIFY_LEAF_SIGNATURE)/,
        /CERT_HAS_EXPIRED/,
        /EOF occurred in violation of protocol/i,
        /SSL: ?WRONG_VERSION_NUMBER/i,
      ],
      exceptions: ['SSLError', 'SSLCertVerificationError', 'SSLEOFError', 'ClientConnectorCertificateError'],
    },
    title: 'Secure connection to OpenAI failed',
    explanation:
      'The TLS (HTTPS) handshake with the API failed, so no request was sent. A proxy, firewall or antivirus that ' +
      'inspects HTTPS, an outdated certificate store, or a network that blocks the API usually causes it.',
    causes: [
      'A corporate proxy or antivirus replaces certificates (self-signed certificate in chain).',
      'Outdated CA certificates (old Python/certifi, old OS).',
      'A VPN or network that interferes with connections to api.openai.com.',
    ],
    steps: [
      { text: 'Update certificates (pip install -U certifi; on macOS run “Install Certificates.command”).' },
      {
        text: 'Behind a company proxy, point the client to the company CA bundle (SSL_CERT_FILE / NODE_EXTRA_CA_CERTS).',
      },
      { text: 'Try another network to rule out the local one.' },
    ],
    probe: 'none',
    sources: [
      'https://github.com/open-webui/open-webui/issues/4292',
      'https://github.com/sidhq/Multi-GPT/issues/14',
    ],
    examples: [
      "Cannot connect to host api.openai.com:443 ssl:True [SSLCertVerificationError: (1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')]",
    ],
  },
  {
    id: 'connection-proxy',
    category: 'connection_error',
    match: {
      patterns: [
        /Unable to connect to proxy/i,
        /Tunnel connection failed/i,
        /407 Proxy Authentication Required/i,
      ],
      exceptions: ['ProxyError'],
    },
    title: 'Proxy refused the connection',
    explanation:
      'The request had to go through a proxy, and the proxy failed or refused it, so nothing reached OpenAI.',
    causes: [
      'HTTP(S)_PROXY points to a proxy that is down or needs credentials.',
      'A proxy that blocks api.openai.com.',
    ],
    steps: [
      { text: 'Check HTTPS_PROXY / HTTP_PROXY / NO_PROXY in the environment of the program.' },
      { text: 'Try without the proxy, or with the proxy’s credentials.' },
    ],
    probe: 'none',
    sources: ['https://github.com/openai/openai-python/issues/326'],
  },
  {
    id: 'connection-timeout',
    category: 'connection_error',
    match: {
      patterns: [
        /Request timed out/i,
        /connect ETIMEDOUT/,
        /ETIMEDOUT/,
        /Read timed out/i,
        /UND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT/,
        /timeout of \d+ms exceeded/i,
      ],
      genericPatterns: [/operation was aborted due to timeout/i],
      exceptions: [
        'APITimeoutError',
        'APIConnectionTimeoutError',
        'Timeout',
        'ReadTimeout',
        'ConnectTimeout',
        'ReadTimeoutError',
        'ConnectTimeoutError',
        'TimeoutError',
      ],
      statuses: [408],
      hints: [/(?:连接|请求)超时/, /タイムアウト/, /timed? ?out/i],
    },
    title: 'Request to OpenAI timed out',
    explanation:
      'No answer came back in time: the connection could not be opened (network, firewall, blocked region) or ' +
      'the answer took longer than the client waits. Long generations need a longer timeout or streaming.',
    causes: [
      'The network cannot reach api.openai.com (firewall, blocked country, proxy needed).',
      'A long answer with a short client timeout.',
      'A brief OpenAI slowdown.',
    ],
    steps: [
      { text: 'Check that the machine can reach https://api.openai.com (curl it).' },
      { text: 'Raise the client timeout, or stream long answers.' },
      { text: 'Check OpenAI’s status page.', url: STATUS_PAGE },
    ],
    probe: 'none',
    sources: [
      'https://github.com/KMnO4-zx/extract-dialogue/issues/2',
      'https://github.com/mckaywrigley/chatbot-ui/issues/870',
    ],
    examples: [
      'request to https://api.openai.com/v1/chat/completions failed, reason: connect ETIMEDOUT 128.242.250.157:443',
      'openai.APITimeoutError: Request timed out.',
    ],
  },
  {
    id: 'connection-failed',
    category: 'connection_error',
    match: {
      patterns: [
        /Error communicating with OpenAI/i,
        /APIConnectionError: Connection error/,
        /ECONN(?:RESET|REFUSED|ABORTED)/,
        /EHOSTUNREACH/,
        /ENETUNREACH/,
        /EAI_AGAIN/,
        /ENOTFOUND/,
        /getaddrinfo/i,
        /socket hang up/i,
        /Failed to establish a new connection/i,
        /Max retries exceeded with url/i,
        /Cannot connect to host api\.openai\.com/i,
        /Temporary failure in name resolution/i,
        /RemoteDisconnected/,
        /Connection aborted/i,
        // node-fetch's "request to https://api.openai.com/… failed, reason: …"; "failed with status 503" is an answer.
        /request to https:\/\/api\.openai\.com\S* failed(?! with (?:status|code))/i,
        // Java clients (OkHttp, java.net.http): "java.net.ConnectException: Failed to connect to api.openai.com/…".
        /Failed to connect to api\.openai\.com/i,
        // undici (Node's fetch, the Vercel AI SDK): "Connect Timeout Error (attempted address: api.openai.com:443, …)".
        /attempted address: api\.openai\.com/i,
        /Unable to resolve host "?api\.openai\.com/i,
        // Rust's reqwest: "error sending request for url (https://api.openai.com/…): error trying to connect: …".
        /error sending request for url \(https?:\/\/api\.openai\.com/i,
      ],
      genericPatterns: [
        // Any Java program's connection failure: ours only where the text is about OpenAI.
        /java\.net\.(?:ConnectException|UnknownHostException|NoRouteToHostException|SocketException)/,
        /Connection error/i,
        /fetch failed/i,
        /Network (?:error|is unreachable)/i,
        /Connection (?:reset|refused|closed)/i,
        /Request was aborted/i,
        /Premature close/i,
        /user aborted a request/i,
      ],
      exceptions: [
        'APIConnectionError',
        'APIUserAbortError',
        'ConnectError',
        'ConnectionError',
        'ClientConnectorError',
        'FetchError',
        'RemoteProtocolError',
      ],
      hints: [
        /(?:can'?t|cannot|unable to|could not) connect to (?:the )?(?:openai|api)/i,
        /(?:can'?t|cannot|unable to|could not) reach (?:the )?(?:openai|api)/i,
      ],
    },
    title: 'Could not reach OpenAI',
    explanation:
      'The request never got an HTTP answer: the connection was refused, reset or could not be opened, or the ' +
      'host name did not resolve. This is a network problem between your machine and api.openai.com, not your ' +
      'key or account.',
    causes: [
      'No internet access, a firewall, or a network that blocks api.openai.com.',
      'A proxy or VPN is needed (or is misconfigured).',
      'A wrong base URL (a host that does not exist or is down).',
      'A short OpenAI outage.',
    ],
    steps: [
      { text: 'Check that the machine can reach https://api.openai.com (curl it from the same machine).' },
      { text: 'Check the base URL and proxy settings of the app.' },
      { text: 'Check OpenAI’s status page.', url: STATUS_PAGE },
    ],
    probe: 'none',
    sources: [
      'https://github.com/BerriAI/litellm/issues/3415',
      'https://github.com/GanymedeNil/document.ai/issues/4',
    ],
    examples: ['openai.APIConnectionError: Connection error.', 'Error: getaddrinfo ENOTFOUND api.openai.com'],
  },

  // ── OpenAI side ────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'server-overloaded',
    category: 'server_error',
    match: {
      codes: ['server_is_overloaded', 'engine_overloaded', 'model_overloaded'],
      types: ['service_unavailable_error'],
      patterns: [
        /That model is currently overloaded/i,
        /model is currently overloaded with other requests/i,
        /(?:engine|server) is currently overloaded/i,
        /The server is overloaded or not ready yet/i,
      ],
      genericPatterns: [/experiencing (?:high|heavy|unusually high) (?:traffic|load|demand)/i],
      exceptions: ['ServiceUnavailableError', 'TryAgain'],
      statuses: [503],
      hints: [/overloaded/i],
    },
    title: 'OpenAI is overloaded',
    explanation:
      'OpenAI’s servers for this model were too busy to take the request. Nothing is wrong with your key or ' +
      'request; retrying after a short wait usually works.',
    causes: ['High demand on the model.', 'An ongoing incident at OpenAI.'],
    steps: [
      { text: 'Retry with exponential backoff.' },
      { text: 'Check OpenAI’s status page.', url: STATUS_PAGE },
    ],
    probe: 'none',
    sources: [
      'https://github.com/PawanOsman/ChatGPT-Official/issues/5',
      'https://github.com/waylaidwanderer/node-chatgpt-api/issues/34',
    ],
    examples: [
      'That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at help.openai.com if the error persists.',
    ],
  },
  {
    id: 'server-slow-down',
    category: 'server_error',
    match: {
      codes: ['slow_down'],
      patterns: [/503 (?:- )?Slow Down/i],
      genericPatterns: [/Slow Down/],
    },
    title: 'OpenAI asks you to slow down',
    explanation:
      'A sudden rise in your request rate hurt service reliability, so OpenAI temporarily refused requests. Ramp ' +
      'traffic up gradually and keep a steady rate.',
    causes: ['A burst of traffic well above your usual rate.'],
    steps: [{ text: 'Lower the request rate, then increase it gradually; retry with backoff.' }],
    probe: 'none',
    sources: ['https://platform.openai.com/docs/guides/error-codes'],
  },
  {
    id: 'server-gateway',
    category: 'server_error',
    match: {
      types: ['cf_bad_gateway', 'cf_gateway_timeout', 'cf_service_unavailable'],
      patterns: [/api\.openai\.com \| 5\d\d/i],
      genericPatterns: [
        /Bad gateway/i,
        /Gateway time-?out/i,
        /Error code:? 52[0-4]/i,
        /Web server is returning an unknown error/i,
        /A timeout occurred/i,
        /upstream request timeout/i,
      ],
      statuses: [502, 504, 520, 521, 522, 523, 524],
    },
    title: 'OpenAI gateway error ({status|5xx})',
    explanation:
      'A gateway in front of OpenAI’s servers (Cloudflare) got no usable answer from them. It is a temporary ' +
      'server-side failure; your request may or may not have been processed.',
    causes: [
      'An incident or overload at OpenAI.',
      'A very long request that exceeded the gateway’s timeout.',
    ],
    steps: [
      { text: 'Retry with backoff.' },
      { text: 'Check OpenAI’s status page.', url: STATUS_PAGE },
      { text: 'For long generations, stream the answer so the connection stays active.' },
    ],
    probe: 'none',
    sources: [
      'https://github.com/n3d1117/chatgpt-telegram-bot/issues/637',
      'https://github.com/n8n-io/n8n/issues/18275',
    ],
    examples: [
      'openai.InternalServerError: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>cloudflare</center> </body> </html>',
    ],
  },
  {
    id: 'server-error',
    category: 'server_error',
    match: {
      codes: ['server_error', 'internal_error'],
      types: ['server_error', 'internal_server_error', 'internal_error'],
      patterns: [
        // Truncated and retyped copies keep only the start ("The server had an error while processing").
        /The server had an error (?:while )?processing/i,
        /An error occurred while processing your request\. You can retry your request/i,
      ],
      genericPatterns: [
        /Internal Server Error/i,
        /Service Unavailable/i,
        /An error occurred while processing your request/i,
        /upstream connect error or disconnect\/reset before headers/i,
        /Internal error/i,
        /server is (?:currently )?unavailable/i,
        /Timed out generating response/i,
        /Request failed due to server shutdown/i,
      ],
      exceptions: ['InternalServerError', 'APIError'],
      statuses: [500, 503],
      hints: [/server error/i],
    },
    title: 'OpenAI server error',
    explanation:
      'OpenAI’s servers failed while handling the request. It is not caused by your key or code; retrying usually ' +
      'works. If it keeps happening, quote the request id to OpenAI support.',
    details: ['Request id: {requestId}.'],
    causes: [
      'A temporary failure or incident at OpenAI.',
      'Rarely, an unusual request that trips a server bug.',
    ],
    steps: [
      { text: 'Retry with backoff.' },
      { text: 'Check OpenAI’s status page.', url: STATUS_PAGE },
      { text: 'If it persists, contact support with the request id.', url: HELP },
    ],
    probe: 'none',
    sources: [
      'https://github.com/LlmKira/Openaibot/issues/125',
      'https://github.com/openai/openai-realtime-console/issues/51',
    ],
    examples: ['The server had an error while processing your request. Sorry about that!'],
  },

  // ── Safety ─────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'content-policy',
    category: 'content_policy',
    match: {
      codes: [
        'content_policy_violation',
        'content_filter',
        'invalid_prompt',
        'moderation_blocked',
        'ResponsibleAIPolicyViolation',
      ],
      patterns: [
        /rejected as a result of our safety system/i,
        /not allowed by our safety system/i,
        /blocked by (?:our|the) (?:content|safety) (?:filters?|system)/i,
        /flagged as potentially violating our usage polic/i,
        /prompt triggering Azure OpenAI'?s content management policy/i,
        /Your request was rejected by the safety system/i,
      ],
      exceptions: ['ContentPolicyViolationError', 'ContentFilterFinishReasonError'],
      hints: [/(?:content|usage|safety) polic(?:y|ies)/i, /content filter(?:ed|s|ing)?/i],
    },
    title: 'Blocked by the safety system',
    explanation:
      'OpenAI’s (or Azure’s) safety system refused the request because the prompt, an image, or the expected ' +
      'output was judged to break the usage policies. Rephrasing the request is the only fix; retrying the same ' +
      'prompt gives the same answer.',
    causes: [
      'Words in the prompt (names, violence, adult content) that the image or text filter flags, sometimes wrongly.',
      'An input image that the moderation flags.',
      'On Azure, the content filter configuration of the deployment.',
    ],
    steps: [
      { text: 'Rephrase the prompt and remove the flagged part; check it with the moderation endpoint.' },
      { text: 'Read the usage policies.', url: 'https://openai.com/policies/usage-policies' },
    ],
    probe: 'none',
    sources: [
      'https://github.com/RanFeng/clipsketch-ai/issues/6',
      'https://github.com/danny-avila/LibreChat/issues/4508',
    ],
    examples: [
      'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
    ],
  },

  // ── Other OpenAI errors ────────────────────────────────────────────────────────────────────────────
  {
    id: 'ip-not-allowed',
    category: 'other',
    match: {
      codes: ['ip_not_authorized'],
      patterns: [
        /IP (?:address )?(?:is )?not authorized/i,
        /not (?:on|in) (?:the |your )?(?:IP )?allow ?list/i,
      ],
    },
    title: 'Your IP address is not allowed',
    explanation:
      'The organization or project limits API access to a list of IP addresses, and this request came from ' +
      'another one.',
    causes: ['The server’s or your network’s IP address is not on the organization’s IP allow-list.'],
    steps: [
      { text: 'Add the address to the IP allow-list in the organization’s security settings.', url: GENERAL },
    ],
    probe: 'key',
    sources: ['https://platform.openai.com/docs/guides/error-codes'],
  },
  {
    id: 'request-malformed',
    category: 'other',
    match: {
      codes: ['invalid_type', 'missing_required_parameter', 'invalid_request_body', 'invalid_json'],
      patterns: [
        /We could not parse the JSON body of your request/i,
        // The hint of the same message, often quoted alone.
        /The OpenAI API expects a JSON payload/i,
        /you must provide a model parameter/i,
        /is a required property/i,
        /Missing required parameter/i,
        // Not "…: expected an unsupported value": that is a parameter this model does not take at all.
        /Invalid type for '[^']*'(?!: expected an unsupported value)/i,
        /Invalid value for '[^']+': expected/i,
        /must be followed by tool messages responding to each 'tool_call_id'/i,
        // OpenAI's validation messages name the field as a quoted path: "Invalid 'messages[1].content': …".
        /Invalid '[\w.[\]]+'/,
        /is too (?:short|long) - '/,
        // The same validator on a value of the wrong type: "'json_object' is not of type 'object' - 'response_format'".
        /is not of type '\w+' - '[\w.[\]]+'/,
      ],
    },
    title: 'The request is malformed',
    explanation:
      'OpenAI refused the request because its body does not have the expected shape: a missing or empty field, ' +
      'a value of the wrong type, or messages in an order the API does not accept.',
    details: ['The field concerned: {param}.'],
    causes: [
      'A null or empty message content, or a tool call without its tool result message.',
      'A library or proxy that builds the request body differently from the API.',
    ],
    steps: [
      { text: 'Compare the request body with the API reference for this endpoint.', url: API_REFERENCE },
    ],
    probe: 'none',
    sources: [
      'https://github.com/pipecat-ai/pipecat/issues/309',
      'https://github.com/langchain-ai/langchainjs/issues/4153',
    ],
  },
  {
    id: 'openai-error',
    category: 'other',
    match: {
      exceptions: [
        'BadRequestError',
        'InvalidRequestError',
        'UnprocessableEntityError',
        'ConflictError',
        'PermissionDeniedError',
        'OpenAIError',
      ],
      sharedTypes: ['invalid_request_error'],
      statuses: [400, 403, 409, 422],
    },
    title: 'OpenAI API error {status|}',
    explanation:
      'OpenAI refused the request with an error that is not one of the common access problems. The message ' +
      'below says what the API objected to.',
    causes: ['See the message: usually a detail of the request (a field, a file, an id).'],
    steps: [
      { text: 'Read the message and compare the request with the API reference.', url: API_REFERENCE },
      { text: 'See OpenAI’s list of error codes.', url: ERROR_CODES },
    ],
    probe: 'none',
    sources: ['https://platform.openai.com/docs/guides/error-codes'],
  },
];

/** Every error code the catalogue knows (for misspelling detection). */
export const KNOWN_CODES: readonly string[] = [
  ...new Set(CATALOGUE.flatMap((entry) => [...(entry.match.codes ?? []), ...(entry.match.types ?? [])])),
].filter((code) => code.includes('_'));
