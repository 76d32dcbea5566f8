/**
 * OpenAI model ids as dated data, reviewed on MODEL_CATALOGUE_REVIEWED (models.ts). Every group names the
 * public pages its facts come from.
 *
 * Conventions:
 * - `status` is as of the review date: 'deprecated' = announced, still callable until `shutdownDate`;
 *   `effectiveStatus()` turns it into 'retired' once that date passes.
 * - `replacement` is OpenAI's recommended replacement as the deprecations page gives it. The page has rewritten
 *   its replacement column several times (gpt-4.1-mini → gpt-5.4-mini → gpt-5.6-* → gpt-6.*); we keep the
 *   latest version we could read for each row.
 * - `endpoints`: where the model can be called. 'responses' is listed for every text model the Responses API
 *   accepts; 'chat' only where Chat Completions does.
 * - `tokenParam`: reasoning models (o-series, gpt-5 and later) reject `max_tokens` on Chat Completions.
 * - `verification` only where a public source shows it; absent means "not known to need it", not "never".
 * - Order matters: newest first. `defaultProbeModels` and the workaround search keep catalogue order.
 */
import type { ModelGroup } from './models';

/** OpenAI's deprecations page (current address) and the address older forum posts and SDKs link. */
const DEPRECATIONS = 'https://developers.openai.com/api/docs/deprecations';
const DEPRECATIONS_LEGACY = 'https://platform.openai.com/docs/deprecations';
/** The same page as captured by a change tracker on the day the 2026-04-22 batch was announced. */
const DEPRECATIONS_2026_04_22 =
  'https://spybara.com/openai/api/history/docs/en/2026-04-22-0555..2026-04-23-0556/';
/** …and when the 2026-05-08 chat-latest batch was added. */
const DEPRECATIONS_2026_05_08 =
  'https://spybara.com/openai/api/history/docs/en/2026-05-12-1857..2026-05-14-2100/';
/** A Chinese mirror of the deprecations page, updated 2026-11 (the 2026-10-14 and 2026-11-05 notices). */
const DEPRECATIONS_MIRROR_2026_11 = 'https://www.w3cschool.cn/openai_api/openai_api-docs-deprecations.html';
const MODELS_PAGE = 'https://developers.openai.com/api/docs/models';
const MODELS_PAGE_KO = 'https://developers.openai.com/ko-KR/api/docs/models';
const REASONING_GUIDE = 'https://platform.openai.com/docs/guides/reasoning';
/** "Once verified, your organization will be able to use o3 with Streaming responses and … our GPT Image model." */
const ORG_VERIFICATION = 'https://help.openai.com/en/articles/10910291-api-organization-verification';
/** o3 / o3-pro: tiers 4–5, tiers 1–3 after organization verification; Responses API. */
const REASONING_ACCESS = 'https://help.openai.com/en/articles/10362446-api-access-to-o1-o3-and-o4-models';
const GPT5_STREAM_VERIFICATION = 'https://github.com/continuedev/continue/issues/7129';
const GPT5_MINI_STREAM_VERIFICATION =
  'https://community.openai.com/t/why-can-non-verified-organisations-use-gpt-5-and-gpt-5-mini-but-not-stream-them/1338294/1';
const O3_STREAM_VERIFICATION = 'https://github.com/simonw/llm-openai-plugin/issues/15';
const GPT_IMAGE_VERIFICATION = 'https://github.com/openai-php/client/issues/565';
const GPT6_ASTRA_ENDPOINTS = 'https://docs.apiyi.com/api-capabilities/gpt-6-astra/overview.md';
const GPT6_SOL_LUNA = 'https://docs.litellm.ai/blog/gpt_6_sol_luna';
const GPT56_RELEASE = 'https://dev.to/hassann/gpt-56-sol-vs-terra-vs-luna-which-model-should-you-use-51ap';
const OPENAI_SDK_MODEL_IDS = 'https://socket.dev/npm/package/@ai-sdk/openai/diff/3.0.83';
const CODEX_SHUTDOWNS =
  'https://chatforest.com/builders-log/gpt-5-3-codex-default-copilot-july-23-deprecations-builder-guide/';
const UPCOMING_2027 = 'https://dev.to/aidriftline';
const TTS_SHUTDOWN = 'https://www.assemblyai.com/blog/migrate-openai-tts-to-assemblyai';
const GPT_IMAGE_25 =
  'https://dev.to/max_bob/openai-api-deprecations-2026-2027-every-shutdown-date-and-recommended-replacement-gpt-4o-2ffm';

const chatAndResponses = ['chat', 'responses'] as const;

export const MODEL_GROUPS: readonly ModelGroup[] = [
  // ======================================================================================================
  // Current text models (the popup's default list comes from here)
  // ======================================================================================================
  {
    // Released 2026-09-03. Chat Completions works, but function tools only on the Responses API.
    family: 'gpt-6',
    status: 'current',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [MODELS_PAGE, MODELS_PAGE_KO, GPT6_ASTRA_ENDPOINTS],
    models: [{ id: 'gpt-6-astra', defaultProbe: true }],
  },
  {
    family: 'gpt-6.1',
    status: 'current',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [MODELS_PAGE_KO, DEPRECATIONS],
    models: [
      { id: 'gpt-6.1-sol', defaultProbe: true },
      { id: 'gpt-6.1-terra', defaultProbe: true },
    ],
  },
  {
    family: 'gpt-6',
    status: 'current',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [MODELS_PAGE_KO, GPT6_SOL_LUNA, DEPRECATIONS_MIRROR_2026_11],
    models: [{ id: 'gpt-6-luna', defaultProbe: true }, 'gpt-6-sol'],
  },
  {
    // GA 2026-07-09; `gpt-5.6` is an alias of gpt-5.6-sol on the models page.
    family: 'gpt-5.6',
    status: 'current',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [MODELS_PAGE, GPT56_RELEASE],
    models: [
      { id: 'gpt-5.6-sol', defaultProbe: true },
      { id: 'gpt-5.6-terra', defaultProbe: true },
      { id: 'gpt-5.6-luna', defaultProbe: true },
      'gpt-5.6',
    ],
  },
  {
    family: 'gpt-5.5',
    status: 'current',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: ['https://developers.openai.com/docs/models', OPENAI_SDK_MODEL_IDS],
    models: [{ id: 'gpt-5.5', defaultProbe: true }, 'gpt-5.5-2026-04-23'],
  },
  {
    family: 'gpt-5.4',
    status: 'current',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: ['https://developers.openai.com/docs/models', OPENAI_SDK_MODEL_IDS],
    models: [
      { id: 'gpt-5.4', defaultProbe: true },
      'gpt-5.4-2026-03-05',
      { id: 'gpt-5.4-mini', defaultProbe: true },
      'gpt-5.4-mini-2026-03-17',
    ],
  },
  {
    // No API shutdown announced as of the review date (Codex CLI dropped it for ChatGPT sign-in only).
    family: 'gpt-5.2',
    status: 'current',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [
      OPENAI_SDK_MODEL_IDS,
      'https://codex.danielvaughan.com/2026/04/16/codex-cli-model-deprecation-wave-april-2026-migration-guide/',
    ],
    models: ['gpt-5.2', 'gpt-5.2-2025-12-11'],
  },
  {
    // The "pro" models answer only on the Responses API.
    family: 'gpt-5-pro',
    status: 'current',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [OPENAI_SDK_MODEL_IDS, 'https://docs.litellm.ai/blog/tags/completion'],
    models: ['gpt-5.5-pro', 'gpt-5.4-pro', 'gpt-5.4-pro-2026-03-05', 'gpt-5.2-pro', 'gpt-5.2-pro-2025-12-11'],
  },
  {
    // codex-mini-latest's official replacement; no API shutdown found for it as of the review date.
    family: 'codex',
    status: 'current',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS],
    models: ['gpt-5-codex-mini'],
  },

  // ======================================================================================================
  // Deprecated: announced, still callable until the shutdown date
  // ======================================================================================================
  {
    family: 'gpt-5.4',
    status: 'deprecated',
    shutdownDate: '2027-04-01',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, UPCOMING_2027],
    models: ['gpt-5.4-nano', 'gpt-5.4-nano-2026-03-17'],
  },
  {
    family: 'gpt-5.1',
    status: 'deprecated',
    shutdownDate: '2027-04-01',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, UPCOMING_2027],
    models: ['gpt-5.1', 'gpt-5.1-2025-11-13'],
  },
  {
    family: 'codex',
    status: 'deprecated',
    shutdownDate: '2027-04-01',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, UPCOMING_2027, CODEX_SHUTDOWNS],
    models: ['gpt-5.3-codex'],
  },
  {
    // Notice 2026-11-05; replacement: "the most capable cyber-security model you have access to". Limited
    // access; which endpoint it answers on is not documented publicly.
    family: 'gpt-5.5',
    status: 'deprecated',
    shutdownDate: '2027-02-01',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS_MIRROR_2026_11],
    models: ['gpt-5.5-cyber-preview'],
  },
  {
    // Notice 2026-10-14: the GPT-4o and GPT-4.1 snapshots (and fine-tunes on them) leave the API.
    family: 'gpt-4.1',
    status: 'deprecated',
    shutdownDate: '2027-01-14',
    replacement: 'gpt-6-luna',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS_MIRROR_2026_11, DEPRECATIONS],
    models: ['gpt-4.1', 'gpt-4.1-2025-04-14', 'gpt-4.1-mini', 'gpt-4.1-mini-2025-04-14'],
  },
  {
    family: 'gpt-4o',
    status: 'deprecated',
    shutdownDate: '2027-01-14',
    replacement: 'gpt-6-luna',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS_MIRROR_2026_11, DEPRECATIONS],
    models: ['gpt-4o', 'gpt-4o-2024-11-20', 'gpt-4o-2024-08-06', 'gpt-4o-mini', 'gpt-4o-mini-2024-07-18'],
  },
  {
    // Notice 2026-06-11. The page first named gpt-5.6-* as replacements, later gpt-6.1-* / gpt-6-luna.
    family: 'gpt-5',
    status: 'deprecated',
    shutdownDate: '2026-12-11',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, REASONING_GUIDE],
    models: [
      {
        id: 'gpt-5',
        replacement: 'gpt-6.1-sol',
        verification: 'streaming',
        sources: [GPT5_STREAM_VERIFICATION],
      },
      {
        id: 'gpt-5-2025-08-07',
        replacement: 'gpt-6.1-sol',
        verification: 'streaming',
        sources: [GPT5_STREAM_VERIFICATION],
      },
      {
        id: 'gpt-5-mini',
        replacement: 'gpt-6.1-terra',
        verification: 'streaming',
        sources: [GPT5_MINI_STREAM_VERIFICATION],
      },
      {
        id: 'gpt-5-mini-2025-08-07',
        replacement: 'gpt-6.1-terra',
        verification: 'streaming',
        sources: [GPT5_MINI_STREAM_VERIFICATION],
      },
      { id: 'gpt-5-nano', replacement: 'gpt-6-luna' },
      { id: 'gpt-5-nano-2025-08-07', replacement: 'gpt-6-luna' },
    ],
  },
  {
    // Replacement: gpt-6.1-sol with `reasoning.mode: pro`, Responses API only.
    family: 'gpt-5-pro',
    status: 'deprecated',
    shutdownDate: '2026-12-11',
    replacement: 'gpt-6.1-sol',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [
      DEPRECATIONS,
      'https://dev.to/aideprecations/what-to-do-before-openai-gpt-5-and-o3-shut-down-on-december-11-2026-fap',
    ],
    models: ['gpt-5-pro', 'gpt-5-pro-2025-10-06'],
  },
  {
    family: 'o3',
    status: 'deprecated',
    shutdownDate: '2026-12-11',
    replacement: 'gpt-6.1-sol',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    verification: 'streaming',
    sources: [DEPRECATIONS, ORG_VERIFICATION, O3_STREAM_VERIFICATION],
    models: ['o3', 'o3-2025-04-16'],
  },
  {
    // Tiers 1–3 need a verified organization for any use; tiers 4–5 may have access without it.
    family: 'o3',
    status: 'deprecated',
    shutdownDate: '2026-12-11',
    replacement: 'gpt-6.1-sol',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    verification: 'always',
    sources: [DEPRECATIONS, REASONING_ACCESS],
    models: ['o3-pro', 'o3-pro-2025-06-10'],
  },
  {
    family: 'gpt-image',
    status: 'deprecated',
    shutdownDate: '2026-12-01',
    replacement: 'gpt-image-2.6-sunburst',
    endpoints: ['images'],
    probe: null,
    tokenParam: 'max_tokens',
    verification: 'always',
    sources: [DEPRECATIONS, ORG_VERIFICATION],
    models: ['gpt-image-1.5', 'gpt-image-1.5-2025-12-16', 'gpt-image-1-mini', 'chatgpt-image-latest'],
  },
  {
    // Notice 2026-10-01; OpenAI names gpt-realtime-2.1-mini (a Realtime model, not on /v1/audio/speech).
    family: 'tts',
    status: 'deprecated',
    shutdownDate: '2027-01-06',
    replacement: 'gpt-realtime-2.1-mini',
    endpoints: ['audio'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [TTS_SHUTDOWN, UPCOMING_2027],
    models: ['tts-1', 'tts-1-hd', 'tts-1-1106', 'tts-1-hd-1106', 'gpt-4o-mini-tts'],
  },
  {
    // Notice 2026-07-20: legacy audio and realtime families.
    family: 'gpt-realtime',
    status: 'deprecated',
    shutdownDate: '2027-01-20',
    endpoints: ['realtime'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: [
      { id: 'gpt-realtime', replacement: 'gpt-realtime-2.1' },
      { id: 'gpt-realtime-mini', replacement: 'gpt-realtime-2.1-mini' },
      { id: 'gpt-audio', replacement: 'gpt-audio-1.5', endpoints: ['chat'] },
      { id: 'gpt-audio-mini', replacement: 'gpt-audio-1.5', endpoints: ['chat'] },
      {
        id: 'gpt-4o-mini-transcribe-2025-03-20',
        replacement: 'gpt-4o-mini-transcribe-2025-12-15',
        endpoints: ['audio'],
      },
    ],
  },
  {
    // Notice 2026-08-26.
    family: 'transcribe',
    status: 'deprecated',
    shutdownDate: '2027-02-26',
    replacement: 'gpt-transcribe',
    endpoints: ['audio'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe', 'gpt-4o-transcribe-diarize'],
  },

  // ======================================================================================================
  // Current non-text models (not probed; listed so their ids are recognised)
  // ======================================================================================================
  {
    family: 'gpt-image',
    status: 'current',
    endpoints: ['images'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: [
      'gpt-image-2.6-sunburst',
      'gpt-image-2.6-flare',
      // Named as replacements in an October 2026 copy of the page; later versions name the 2.6 pair.
      { id: 'gpt-image-2.5-sunburst', sources: [GPT_IMAGE_25] },
      { id: 'gpt-image-2.5-flare', sources: [GPT_IMAGE_25] },
      'gpt-image-2',
    ],
  },
  {
    family: 'gpt-realtime',
    status: 'current',
    endpoints: ['realtime'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: [
      'gpt-realtime-2.1',
      'gpt-realtime-2.1-mini',
      'gpt-realtime-1.5',
      { id: 'gpt-audio-1.5', endpoints: ['chat'] },
      { id: 'gpt-transcribe', endpoints: ['audio'] },
      { id: 'gpt-live-transcribe', endpoints: ['realtime'] },
      { id: 'gpt-4o-mini-transcribe-2025-12-15', endpoints: ['audio'] },
    ],
  },
  {
    family: 'text-embedding-3',
    status: 'current',
    endpoints: ['embeddings'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [MODELS_PAGE],
    models: ['text-embedding-3-large', 'text-embedding-3-small'],
  },
  {
    // No deprecation notice found; the first-generation embeddings it replaced are long gone.
    family: 'text-embedding-ada',
    status: 'current',
    endpoints: ['embeddings'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [MODELS_PAGE, DEPRECATIONS],
    models: ['text-embedding-ada-002'],
  },
  {
    family: 'moderation',
    status: 'current',
    endpoints: ['moderation'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [MODELS_PAGE],
    models: ['omni-moderation-latest', 'omni-moderation-2024-09-26'],
  },

  // ======================================================================================================
  // Retired (shut down), newest first
  // ======================================================================================================
  {
    // 2025-09-26 notice, shut down 2026-09-28 (legacy completions and base models).
    family: 'gpt-3.5-turbo-instruct',
    status: 'retired',
    shutdownDate: '2026-09-28',
    replacement: 'gpt-5.6-terra',
    endpoints: ['completions'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: ['gpt-3.5-turbo-instruct', 'gpt-3.5-turbo-instruct-0914', 'babbage-002', 'davinci-002'],
  },
  {
    family: 'gpt-3.5-turbo',
    status: 'retired',
    shutdownDate: '2026-09-28',
    replacement: 'gpt-5.6-terra',
    endpoints: ['chat'],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: ['gpt-3.5-turbo-1106'],
  },
  {
    // 2026-04-22 notice, shut down 2026-10-23. The `-completions` ids are the text-only aliases the page lists.
    family: 'gpt-3.5-turbo',
    status: 'retired',
    shutdownDate: '2026-10-23',
    replacement: 'gpt-5.6-terra',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: [
      'gpt-3.5-turbo',
      'gpt-3.5-turbo-0125',
      { id: 'gpt-3.5-turbo-completions', endpoints: ['completions'], probe: null },
    ],
  },
  {
    family: 'gpt-4',
    status: 'retired',
    shutdownDate: '2026-10-23',
    replacement: 'gpt-5.6-sol',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: [
      'gpt-4',
      'gpt-4-0613',
      'gpt-4-turbo',
      'gpt-4-turbo-2024-04-09',
      'gpt-4-1106-preview',
      { id: 'gpt-4-completions', endpoints: ['completions'], probe: null },
      { id: 'gpt-4-0613-completions', endpoints: ['completions'], probe: null },
      { id: 'gpt-4-turbo-completions', endpoints: ['completions'], probe: null },
    ],
  },
  {
    family: 'gpt-4.1',
    status: 'retired',
    shutdownDate: '2026-10-23',
    replacement: 'gpt-5.6-luna',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: ['gpt-4.1-nano', 'gpt-4.1-nano-2025-04-14'],
  },
  {
    family: 'gpt-4o',
    status: 'retired',
    shutdownDate: '2026-10-23',
    replacement: 'gpt-5.6-sol',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: ['gpt-4o-2024-05-13'],
  },
  {
    family: 'o1',
    status: 'retired',
    shutdownDate: '2026-10-23',
    replacement: 'gpt-5.6-sol',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: ['o1', 'o1-2024-12-17'],
  },
  {
    family: 'o1',
    status: 'retired',
    shutdownDate: '2026-10-23',
    replacement: 'gpt-5.6-sol',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: ['o1-pro', 'o1-pro-2025-03-19'],
  },
  {
    family: 'o3',
    status: 'retired',
    shutdownDate: '2026-10-23',
    replacement: 'gpt-5.6-sol',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: ['o3-mini', 'o3-mini-2025-01-31'],
  },
  {
    family: 'o4-mini',
    status: 'retired',
    shutdownDate: '2026-10-23',
    replacement: 'gpt-5.6-terra',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: ['o4-mini', 'o4-mini-2025-04-16'],
  },
  {
    family: 'gpt-image',
    status: 'retired',
    shutdownDate: '2026-10-23',
    replacement: 'gpt-image-2',
    endpoints: ['images'],
    probe: null,
    tokenParam: 'max_tokens',
    verification: 'always',
    sources: [DEPRECATIONS, ORG_VERIFICATION, GPT_IMAGE_VERIFICATION],
    models: ['gpt-image-1'],
  },
  {
    // 2026-03-24 notice: Sora 2 and the Videos API, no replacement. Verification was required to use them.
    family: 'sora',
    status: 'retired',
    shutdownDate: '2026-09-24',
    endpoints: ['videos'],
    probe: null,
    tokenParam: 'max_tokens',
    verification: 'always',
    sources: [DEPRECATIONS, 'https://tokenmix.ai/blog/openai-api-verification-process-2026'],
    models: ['sora-2', 'sora-2-pro', 'sora-2-2025-10-06', 'sora-2-2025-12-08', 'sora-2-pro-2025-10-06'],
  },
  {
    // 2026-05-08 notice. The error seen after shutdown: 404 model_not_found "The model … has been deprecated".
    family: 'gpt-5-chat',
    status: 'retired',
    shutdownDate: '2026-08-10',
    replacement: 'gpt-5.6-sol',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    sources: [
      DEPRECATIONS,
      DEPRECATIONS_2026_05_08,
      'https://docs.apiyi.com/live/2026-08/gpt-5-x-chat-latest-deprecated.md',
    ],
    models: ['gpt-5.3-chat-latest', 'gpt-5.2-chat-latest'],
  },
  {
    // 2026-04-22 notice, shut down 2026-07-23.
    family: 'gpt-5-chat',
    status: 'retired',
    shutdownDate: '2026-07-23',
    replacement: 'gpt-5.6-sol',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: ['gpt-5.1-chat-latest', 'gpt-5-chat-latest'],
  },
  {
    family: 'codex',
    status: 'retired',
    shutdownDate: '2026-07-23',
    replacement: 'gpt-5.6-sol',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22, CODEX_SHUTDOWNS],
    models: [
      'gpt-5.2-codex',
      'gpt-5.1-codex',
      'gpt-5.1-codex-max',
      { id: 'gpt-5.1-codex-mini', replacement: 'gpt-5.6-terra' },
      'gpt-5-codex',
    ],
  },
  {
    family: 'deep-research',
    status: 'retired',
    shutdownDate: '2026-07-23',
    replacement: 'gpt-5.6-sol',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: [
      'o3-deep-research',
      'o3-deep-research-2025-06-26',
      'o4-mini-deep-research',
      'o4-mini-deep-research-2025-06-26',
    ],
  },
  {
    family: 'computer-use',
    status: 'retired',
    shutdownDate: '2026-07-23',
    replacement: 'gpt-5.6-terra',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: ['computer-use-preview', 'computer-use-preview-2025-03-11'],
  },
  {
    // Chat Completions only, like all the search-preview models.
    family: 'gpt-4o',
    status: 'retired',
    shutdownDate: '2026-07-23',
    replacement: 'gpt-5.6-terra',
    endpoints: ['chat'],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: [
      'gpt-4o-search-preview',
      'gpt-4o-search-preview-2025-03-11',
      'gpt-4o-mini-search-preview',
      'gpt-4o-mini-search-preview-2025-03-11',
    ],
  },
  {
    family: 'gpt-realtime',
    status: 'retired',
    shutdownDate: '2026-07-23',
    endpoints: ['realtime'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_2026_04_22],
    models: [
      { id: 'gpt-realtime-mini-2025-10-06', replacement: 'gpt-realtime-2.1-mini' },
      { id: 'gpt-audio-mini-2025-10-06', replacement: 'gpt-audio-1.5', endpoints: ['chat'] },
    ],
  },
  {
    // 2025-11-14 notice.
    family: 'dall-e',
    status: 'retired',
    shutdownDate: '2026-05-12',
    replacement: 'gpt-image-2',
    endpoints: ['images'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: ['dall-e-3', 'dall-e-2'],
  },
  {
    // 2025-09-15 notice.
    family: 'gpt-realtime',
    status: 'retired',
    shutdownDate: '2026-05-07',
    endpoints: ['realtime'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: [
      { id: 'gpt-4o-realtime-preview', replacement: 'gpt-realtime-1.5' },
      { id: 'gpt-4o-realtime-preview-2025-06-03', replacement: 'gpt-realtime-1.5' },
      { id: 'gpt-4o-realtime-preview-2024-12-17', replacement: 'gpt-realtime-1.5' },
      { id: 'gpt-4o-mini-realtime-preview', replacement: 'gpt-realtime-2.1-mini' },
      { id: 'gpt-4o-audio-preview', replacement: 'gpt-audio-1.5', endpoints: ['chat'] },
      { id: 'gpt-4o-mini-audio-preview', replacement: 'gpt-audio-1.5', endpoints: ['chat'] },
    ],
  },
  {
    // 2025-09-26 notice, shut down 2026-03-26 ("gpt-5 or gpt-4.1"; both are themselves deprecated now).
    family: 'gpt-4',
    status: 'retired',
    shutdownDate: '2026-03-26',
    replacement: 'gpt-5.6-sol',
    endpoints: ['chat'],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: [
      'gpt-4-0125-preview',
      'gpt-4-turbo-preview',
      { id: 'gpt-4-turbo-preview-completions', endpoints: ['completions'], probe: null },
      'gpt-4-0314',
    ],
  },
  {
    family: 'gpt-4o',
    status: 'retired',
    shutdownDate: '2026-02-17',
    replacement: 'gpt-5.1-chat-latest',
    endpoints: ['chat'],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, 'https://archive.li/3RThE'],
    models: ['chatgpt-4o-latest'],
  },
  {
    family: 'codex',
    status: 'retired',
    shutdownDate: '2026-02-12',
    replacement: 'gpt-5-codex-mini',
    endpoints: ['responses'],
    probe: 'responses',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, CODEX_SHUTDOWNS],
    models: ['codex-mini-latest'],
  },
  {
    family: 'moderation',
    status: 'retired',
    shutdownDate: '2025-10-27',
    replacement: 'omni-moderation-latest',
    endpoints: ['moderation'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: ['text-moderation-latest', 'text-moderation-stable', 'text-moderation-007'],
  },
  {
    family: 'o1',
    status: 'retired',
    shutdownDate: '2025-10-27',
    replacement: 'o4-mini',
    endpoints: ['chat'],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: ['o1-mini', 'o1-mini-2024-09-12'],
  },
  {
    family: 'gpt-realtime',
    status: 'retired',
    shutdownDate: '2025-10-10',
    endpoints: ['realtime'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS],
    models: [
      { id: 'gpt-4o-realtime-preview-2024-10-01', replacement: 'gpt-realtime-1.5' },
      { id: 'gpt-4o-audio-preview-2024-10-01', replacement: 'gpt-audio-1.5', endpoints: ['chat'] },
    ],
  },
  {
    family: 'o1',
    status: 'retired',
    shutdownDate: '2025-07-28',
    replacement: 'o3',
    endpoints: ['chat'],
    probe: 'chat',
    tokenParam: 'max_completion_tokens',
    reasoning: true,
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: ['o1-preview', 'o1-preview-2024-09-12'],
  },
  {
    family: 'gpt-4.5',
    status: 'retired',
    shutdownDate: '2025-07-14',
    replacement: 'gpt-4.1',
    endpoints: [...chatAndResponses],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: ['gpt-4.5-preview', 'gpt-4.5-preview-2025-02-27'],
  },
  {
    // 2024-06-06 notice.
    family: 'gpt-4',
    status: 'retired',
    shutdownDate: '2025-06-06',
    replacement: 'gpt-4o',
    endpoints: ['chat'],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: ['gpt-4-32k', 'gpt-4-32k-0613', 'gpt-4-32k-0314'],
  },
  {
    family: 'gpt-4',
    status: 'retired',
    shutdownDate: '2024-12-06',
    replacement: 'gpt-4o',
    endpoints: ['chat'],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: ['gpt-4-vision-preview', 'gpt-4-1106-vision-preview'],
  },
  {
    // 2023-06-13 and 2023-11-06 notices. `gpt-3.5-turbo-16k` was the alias of the 16k-0613 snapshot; the page
    // lists only the snapshot, so the alias's own date is the snapshot's.
    family: 'gpt-3.5-turbo',
    status: 'retired',
    shutdownDate: '2024-09-13',
    replacement: 'gpt-3.5-turbo',
    endpoints: ['chat'],
    probe: 'chat',
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: ['gpt-3.5-turbo-16k', 'gpt-3.5-turbo-16k-0613', 'gpt-3.5-turbo-0613', 'gpt-3.5-turbo-0301'],
  },
  {
    // 2023-07-06 notice: the GPT-3 completions models.
    family: 'gpt-3',
    status: 'retired',
    shutdownDate: '2024-01-04',
    replacement: 'gpt-3.5-turbo-instruct',
    endpoints: ['completions'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: [
      'text-davinci-003',
      'text-davinci-002',
      'text-davinci-001',
      'text-curie-001',
      'text-babbage-001',
      'text-ada-001',
      { id: 'davinci', replacement: 'davinci-002' },
      { id: 'curie', replacement: 'davinci-002' },
      { id: 'babbage', replacement: 'babbage-002' },
      { id: 'ada', replacement: 'babbage-002' },
    ],
  },
  {
    family: 'edits',
    status: 'retired',
    shutdownDate: '2024-01-04',
    replacement: 'gpt-4o',
    endpoints: ['completions'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: ['text-davinci-edit-001', 'code-davinci-edit-001'],
  },
  {
    family: 'text-embedding-gen1',
    status: 'retired',
    shutdownDate: '2024-01-04',
    replacement: 'text-embedding-3-small',
    endpoints: ['embeddings'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: [
      'text-similarity-ada-001',
      'text-search-ada-doc-001',
      'text-search-ada-query-001',
      'code-search-ada-code-001',
      'code-search-ada-text-001',
      'text-similarity-babbage-001',
      'text-search-babbage-doc-001',
      'text-search-babbage-query-001',
      'code-search-babbage-code-001',
      'code-search-babbage-text-001',
      'text-similarity-curie-001',
      'text-search-curie-doc-001',
      'text-search-curie-query-001',
      'text-similarity-davinci-001',
      'text-search-davinci-doc-001',
      'text-search-davinci-query-001',
    ],
  },
  {
    // 2023-03-20 notice: the Codex completion models.
    family: 'codex-legacy',
    status: 'retired',
    shutdownDate: '2023-03-23',
    replacement: 'gpt-4o',
    endpoints: ['completions'],
    probe: null,
    tokenParam: 'max_tokens',
    sources: [DEPRECATIONS, DEPRECATIONS_LEGACY],
    models: ['code-davinci-002', 'code-davinci-001', 'code-cushman-002', 'code-cushman-001'],
  },
];
