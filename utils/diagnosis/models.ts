/**
 * What we know about OpenAI model ids: which exist (now or in the past), where each can be called, how a
 * zero-cost probe must address it, and what replaced the retired ones. The facts are data (model-data.ts,
 * dated and sourced); this file only answers questions about them.
 *
 * Used by the classifier (the ambiguous-404 rule of DESIGN §2.1, "did you mean", "retired — use X"), by the
 * probes (which endpoint and token parameter to send, the default model list) and by the popup (workarounds).
 */
import { MODEL_GROUPS } from './model-data';

export type ModelEndpoint =
  | 'chat'
  | 'responses'
  | 'completions'
  | 'embeddings'
  | 'images'
  | 'audio'
  | 'moderation'
  | 'realtime'
  /** Sora's Videos API (shut down 2026-09-24); listed so pasted `sora-2` errors read as retired. */
  | 'videos';

export type ModelLifecycle = 'current' | 'deprecated' | 'retired';

export interface ModelInfo {
  id: string;
  /** Groups siblings for workarounds: 'gpt-4o', 'gpt-4.1', 'o3', 'gpt-5'… */
  family: string;
  /** As of MODEL_CATALOGUE_REVIEWED; use `effectiveStatus` to account for shutdown dates passed since. */
  status: ModelLifecycle;
  /** YYYY-MM-DD, when OpenAI announced one. */
  shutdownDate?: string;
  /** OpenAI's recommended replacement. */
  replacement?: string;
  /** Where it can be called. */
  endpoints: ModelEndpoint[];
  /** Which zero-cost probe fits; null: not a text model (or only on legacy completions), not probed. */
  probe: 'chat' | 'responses' | null;
  /** The token-limit parameter the model accepts; reasoning models reject `max_tokens`. */
  tokenParam: 'max_tokens' | 'max_completion_tokens';
  /** Organization verification needed for any use, or only to stream. */
  verification?: 'always' | 'streaming';
  reasoning?: boolean;
  /** In the popup's default probe list. */
  defaultProbe?: boolean;
  sources: string[];
}

/** One row of model-data.ts: shared facts for a group of ids, with per-id overrides. */
export interface ModelOverride extends Partial<Omit<ModelInfo, 'id' | 'sources'>> {
  id: string;
  /** Extra sources for this id only (added to the group's). */
  sources?: string[];
}

export interface ModelGroup extends Omit<ModelInfo, 'id' | 'defaultProbe'> {
  models: ReadonlyArray<string | ModelOverride>;
}

/** The day the table below was last checked against the sources. */
export const MODEL_CATALOGUE_REVIEWED = '2026-11-24';

function expandGroups(groups: readonly ModelGroup[]): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const { models, ...shared } of groups) {
    for (const entry of models) {
      if (typeof entry === 'string') {
        out.push({ ...shared, endpoints: [...shared.endpoints], sources: [...shared.sources], id: entry });
      } else {
        const { sources, ...override } = entry;
        out.push({
          ...shared,
          ...override,
          endpoints: [...(override.endpoints ?? shared.endpoints)],
          sources: [...shared.sources, ...(sources ?? [])],
        });
      }
    }
  }
  return out;
}

/** Frozen, entries included: the table is shared by every consumer and must not be edited in place. */
export const MODEL_CATALOGUE: readonly ModelInfo[] = Object.freeze(
  expandGroups(MODEL_GROUPS).map((info) => {
    Object.freeze(info.endpoints);
    Object.freeze(info.sources);
    return Object.freeze(info);
  }),
);

const byId = new Map<string, ModelInfo>(MODEL_CATALOGUE.map((info) => [info.id, info]));

/** `gpt-4o-2024-08-06` → base `gpt-4o`, date `2024-08-06`; `gpt-4-0613` → `gpt-4`, `0613`. */
const DATED_SNAPSHOT = /^(.+?)-(\d{4}-\d{2}-\d{2}|\d{4})$/;

function splitSnapshot(id: string): { base: string; date: string } | undefined {
  const match = DATED_SNAPSHOT.exec(id);
  if (!match) return undefined;
  return { base: match[1]!, date: match[2]! };
}

/** Bases that had `-MMDD` snapshots listed (gpt-4, gpt-3.5-turbo, tts-1…). */
const basesWithMonthDaySnapshots = new Set<string>();
for (const info of MODEL_CATALOGUE) {
  const snapshot = splitSnapshot(info.id);
  if (snapshot && snapshot.date.length === 4) basesWithMonthDaySnapshots.add(snapshot.base);
}

/**
 * A snapshot suffix we have not listed still names a real model when its date is a real day between the
 * first dated OpenAI snapshots (2023) and the catalogue's review date: listing every snapshot is not
 * possible, and calling a real snapshot a typo would send the user chasing spelling instead of access.
 */
function plausibleSnapshotDate(base: string, date: string): boolean {
  if (date.length === 4) {
    // MMDD snapshots (gpt-4-0613, gpt-3.5-turbo-1106) belong to the 2023 families only: "gpt-4o-0806" is a typo.
    if (!basesWithMonthDaySnapshots.has(base)) return false;
    const month = Number(date.slice(0, 2));
    const day = Number(date.slice(2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return false;
  return date >= '2023-01-01' && date <= MODEL_CATALOGUE_REVIEWED;
}

/**
 * The catalogue entry for an exact id. An unlisted dated snapshot of a listed model (`gpt-4o-2024-08-07`
 * with a plausible date) resolves to its base model's entry. Fine-tunes (`ft:…`) are not published ids:
 * use `fineTuneBase` for those.
 */
export function lookupModel(id: string): ModelInfo | undefined {
  const exact = byId.get(id);
  if (exact) return exact;
  const snapshot = splitSnapshot(id);
  if (!snapshot || !plausibleSnapshotDate(snapshot.base, snapshot.date)) return undefined;
  return byId.get(snapshot.base);
}

/** True when OpenAI publishes (or once published) this exact id. */
export function isPublishedModel(id: string): boolean {
  return lookupModel(id) !== undefined;
}

/** `curie:ft-acme-2023-01-01-00-00-00`: fine-tunes made with the /v1/fine-tunes API (shut down 2024-01-04). */
const LEGACY_FINE_TUNE = /^([a-z0-9.-]+):ft-/;

/**
 * The base model of a fine-tune id: `ft:gpt-4o-mini-2024-07-18:my-org::abc123` → `gpt-4o-mini-2024-07-18`;
 * legacy `curie:ft-my-org-2023-01-01` → `curie`.
 */
export function fineTuneBase(id: string): string | undefined {
  if (id.startsWith('ft:')) {
    const end = id.indexOf(':', 3);
    const base = end === -1 ? id.slice(3) : id.slice(3, end);
    return base.length > 0 ? base : undefined;
  }
  const legacy = LEGACY_FINE_TUNE.exec(id);
  return legacy ? legacy[1] : undefined;
}

/**
 * `status` as it stands on `today` (YYYY-MM-DD): a deprecated model whose shutdown date has passed is retired
 * even if the catalogue has not been reviewed since.
 */
export function effectiveStatus(info: ModelInfo, today: string): ModelLifecycle {
  if (info.status === 'deprecated' && info.shutdownDate !== undefined && info.shutdownDate <= today) {
    return 'retired';
  }
  return info.status;
}

/** The popup's default list: current chat and reasoning models, in catalogue order (newest first). */
export function defaultProbeModels(): string[] {
  return MODEL_CATALOGUE.filter((info) => info.defaultProbe === true).map((info) => info.id);
}

// ---------------------------------------------------------------------------------------------------------
// "Did you mean"

const SEPARATORS = /[\s_-]+/g;
const STARTS_WITH_DIGIT = /^\d/;

/**
 * Lower case, no separators: "GPT-4o", "gpt4o", "gpt-4-o" and "gpt 4 o" all become "gpt4o". Dots stay, so
 * "gpt-4.1" and "gpt-41" remain different ids.
 */
function normaliseId(id: string): string {
  return id.toLowerCase().replace(SEPARATORS, '');
}

/** Prefer a current, undated id when several published ids are equally close. */
function preferenceRank(info: ModelInfo): number {
  const lifecycle = info.status === 'current' ? 0 : info.status === 'deprecated' ? 1 : 2;
  const dated = splitSnapshot(info.id) ? 1 : 0;
  return lifecycle * 4 + dated * 2;
}

interface NormalisedEntry {
  norm: string;
  info: ModelInfo;
}

/** Precomputed once: normalised form → best id, and all forms for the edit-distance scan. */
const normalisedEntries: NormalisedEntry[] = [];
const byNormalised = new Map<string, ModelInfo>();
for (const info of MODEL_CATALOGUE) {
  const norm = normaliseId(info.id);
  normalisedEntries.push({ norm, info });
  const existing = byNormalised.get(norm);
  if (!existing || preferenceRank(info) < preferenceRank(existing)) byNormalised.set(norm, info);
}

/**
 * Names people use that are not OpenAI ids, keyed by normalised form. Azure spells GPT-3.5 "gpt-35-turbo";
 * "chatgpt" is the product name people put in front of the model number.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['gpt35', 'gpt-3.5-turbo'],
  ['gpt35turbo', 'gpt-3.5-turbo'],
  ['gpt35turbo16k', 'gpt-3.5-turbo-16k'],
  ['gpt35turboinstruct', 'gpt-3.5-turbo-instruct'],
  ['gpt3.5', 'gpt-3.5-turbo'],
  ['chatgpt', 'gpt-3.5-turbo'],
  ['gpt4vision', 'gpt-4-vision-preview'],
  ['gpt4v', 'gpt-4-vision-preview'],
  ['dalle3', 'dall-e-3'],
  ['dalle2', 'dall-e-2'],
  ['adaembedding', 'text-embedding-ada-002'],
  ['ada002', 'text-embedding-ada-002'],
]);

/** Prefixes that wrap an OpenAI id in other tools: OpenRouter/LiteLLM "openai/gpt-4o", Gemini-style "models/". */
const WRAPPER_PREFIX = /^(?:openai|models|azure)\//i;

/** Edit distance (Levenshtein) capped at `max`: returns max + 1 as soon as the distance must exceed it. */
function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** Short ids ("o3", "o1") are one edit from each other: only allow typos on longer names. */
function allowedDistance(norm: string): number {
  if (norm.length <= 4) return 0;
  if (norm.length <= 7) return 1;
  return 2;
}

function exactNormalisedMatch(norm: string): string | undefined {
  const alias = ALIASES.get(norm);
  if (alias) return alias;
  const direct = byNormalised.get(norm);
  if (direct) return direct.id;
  // "4o", "4.1-mini", "5.4-mini": the model number without its "gpt-" (seen even in OpenAI's own tables).
  if (STARTS_WITH_DIGIT.test(norm)) return byNormalised.get(`gpt${norm}`)?.id;
  // "chatgpt-4o", "ChatGPT-4": the product name in front of the model number.
  if (norm.startsWith('chatgpt') && norm.length > 7) {
    const asGpt = `gpt${norm.slice(7)}`;
    return ALIASES.get(asGpt) ?? byNormalised.get(asGpt)?.id;
  }
  return undefined;
}

/**
 * "Did you mean": the published id closest to `id` — case ("GPT-4o"), missing or extra separators ("gpt4o",
 * "gpt-4-o", "gpt-4 o"), small typos (edit distance ≤ 2 on the normalised form, less for short ids) and common
 * aliases ("gpt-35-turbo", "chatgpt-4o"). Undefined when `id` is already published or nothing is close.
 */
export function suggestModelId(id: string): string | undefined {
  const trimmed = id.trim();
  if (trimmed.length === 0 || trimmed.length > 100) return undefined;
  if (isPublishedModel(trimmed)) return trimmed === id ? undefined : trimmed;
  const unwrapped = trimmed.replace(WRAPPER_PREFIX, '');
  if (unwrapped !== trimmed && isPublishedModel(unwrapped)) return unwrapped;
  const norm = normaliseId(unwrapped);
  if (norm.length === 0) return undefined;

  const exact = exactNormalisedMatch(norm);
  if (exact) return exact;

  const max = allowedDistance(norm);
  if (max === 0) return undefined;
  let best: ModelInfo | undefined;
  let bestDistance = max + 1;
  for (const entry of normalisedEntries) {
    const distance = boundedEditDistance(norm, entry.norm, Math.min(max, bestDistance));
    if (distance > max) continue;
    if (
      distance < bestDistance ||
      (distance === bestDistance && best && preferenceRank(entry.info) < preferenceRank(best))
    ) {
      best = entry.info;
      bestDistance = distance;
    }
  }
  return best?.id;
}

// ---------------------------------------------------------------------------------------------------------
// Workarounds

/**
 * The size tier told by the id. OpenAI's own replacements pair them: gpt-4o-mini → gpt-6-luna,
 * gpt-5-mini → gpt-6.1-terra, gpt-5-nano → gpt-6-luna, so "small" covers mini, nano and luna.
 */
type TierWord = 'nano' | 'mini' | 'luna' | 'terra' | 'pro' | 'full';
type TierGroup = 'small' | 'mid' | 'pro' | 'full';

const TIER_WORD = /(?:^|-)(nano|mini|luna|terra|pro)(?=-|$)/;

function tierWordOf(id: string): TierWord {
  const match = TIER_WORD.exec(id);
  return match ? (match[1] as TierWord) : 'full';
}

function tierGroupOf(word: TierWord): TierGroup {
  if (word === 'nano' || word === 'mini' || word === 'luna') return 'small';
  if (word === 'terra') return 'mid';
  return word;
}

/**
 * The model among `usable` closest to `model`, to suggest as a workaround when `model` is denied: the same
 * family first (the same tier within it first), then along OpenAI's replacement chain, then any usable
 * model of the same tier (mini ↔ mini). Undefined when nothing is close enough to recommend.
 */
export function closestUsableModel(model: string, usable: readonly string[]): string | undefined {
  const candidates = usable.filter((id) => id !== model);
  if (candidates.length === 0) return undefined;
  const info = lookupModel(model) ?? lookupModel(fineTuneBase(model) ?? '');
  const tierWord = tierWordOf(info?.id ?? model);
  const tierGroup = tierGroupOf(tierWord);
  const byCatalogueOrder = (a: string, b: string): number => catalogueIndex(a) - catalogueIndex(b);

  if (info) {
    const sameFamily = candidates.filter((id) => lookupModel(id)?.family === info.family);
    if (sameFamily.length > 0) {
      const sameTier = sameFamily.filter((id) => tierWordOf(id) === tierWord);
      return [...(sameTier.length > 0 ? sameTier : sameFamily)].sort(byCatalogueOrder)[0];
    }
    const seen = new Set<string>([info.id]);
    let next = info.replacement;
    while (next !== undefined && !seen.has(next)) {
      seen.add(next);
      const step = next;
      if (candidates.includes(step)) return step;
      const nextInfo = lookupModel(step);
      const family = nextInfo?.family;
      const inFamily = family ? candidates.filter((id) => lookupModel(id)?.family === family) : [];
      if (inFamily.length > 0) return [...inFamily].sort(byCatalogueOrder)[0];
      next = nextInfo?.replacement;
    }
  } else if (tierWord === 'full') {
    // An id we know nothing about and with no tier in its name: any suggestion would be a guess.
    return undefined;
  }

  // Only models that can stand in for this one: an embedding model is no workaround for a chat model.
  const endpoints = info?.endpoints ?? ['chat'];
  const textModels = candidates.filter((id) => {
    const candidate = lookupModel(id);
    return (
      candidate !== undefined &&
      candidate.status !== 'retired' &&
      candidate.endpoints.some((endpoint) => endpoints.includes(endpoint))
    );
  });
  // Same tier group (mini ↔ luna), the exact tier word first (mini ↔ mini), newest first.
  const sameGroup = textModels.filter((id) => tierGroupOf(tierWordOf(id)) === tierGroup);
  const exactWordFirst = (a: string, b: string): number =>
    Number(tierWordOf(b) === tierWord) - Number(tierWordOf(a) === tierWord) || byCatalogueOrder(a, b);
  return [...sameGroup].sort(exactWordFirst)[0];
}

const catalogueOrder = new Map<string, number>(MODEL_CATALOGUE.map((info, index) => [info.id, index]));

function catalogueIndex(id: string): number {
  const info = lookupModel(id);
  return info ? (catalogueOrder.get(info.id) ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
}

// ---------------------------------------------------------------------------------------------------------
// Other providers

/**
 * Ids from other providers' APIs, sent to OpenAI by a misconfigured client (a wrong base URL, a shared
 * config file). Ordered by how often they appear in forum threads; the test file holds an example of each.
 */
const OTHER_PROVIDER_PREFIX =
  /^(?:claude|anthropic|gemini|gemma|palm|bison|chat-bison|text-bison|llama|meta-llama|codellama|mistral|mixtral|codestral|ministral|pixtral|magistral|deepseek|qwen|qwq|yi-|glm|chatglm|kimi|moonshot|command|cohere|grok|phi-|falcon|vicuna|zephyr|openchat|solar|nous|hermes|dbrx|olmo|granite|jamba|nova-|amazon\.|titan|ernie|doubao|sonar|pplx|llava|starcoder|wizard|baichuan|minimax|abab|hunyuan|internlm|gpt-oss|gpt-j|gpt-neo|gpt2)/i;

/** Router/provider paths: "anthropic/claude-3", "@cf/meta/llama-3", "accounts/fireworks/models/…". */
const PROVIDER_PATH = /^(?:@cf\/|accounts\/|(?!openai\/|models\/|azure\/)[a-z0-9-]+\/)/i;

/** Ollama-style tags ("llama3:8b", "mistral:latest"); OpenAI ids never carry a colon except fine-tunes. */
const OLLAMA_TAG = /^[a-z0-9.-]+:[a-z0-9.]+$/i;

/**
 * Azure OpenAI deployments have names chosen by the user, often with "deployment"/"azure" in them, and
 * Azure's own model names drop the dot ("gpt-35-turbo"). Sent to api.openai.com they are "not found".
 */
const AZURE_LOOKING = /(?:deployment|deploy-|azure|^gpt-35-)/i;

/** True when `id` looks like another provider's model, or an Azure deployment name, rather than an OpenAI id. */
export function isOtherProviderModel(id: string): boolean {
  const trimmed = id.trim();
  if (trimmed.length === 0 || trimmed.startsWith('ft:')) return false;
  if (isPublishedModel(trimmed)) return false;
  return (
    OTHER_PROVIDER_PREFIX.test(trimmed) ||
    PROVIDER_PATH.test(trimmed) ||
    OLLAMA_TAG.test(trimmed) ||
    AZURE_LOOKING.test(trimmed)
  );
}

/** Every pattern this module runs on model ids from pages and errors, for the ReDoS test (models.test.ts). */
export const MODEL_ID_PATTERNS: readonly RegExp[] = [
  DATED_SNAPSHOT,
  LEGACY_FINE_TUNE,
  SEPARATORS,
  STARTS_WITH_DIGIT,
  WRAPPER_PREFIX,
  TIER_WORD,
  OTHER_PROVIDER_PREFIX,
  PROVIDER_PATH,
  OLLAMA_TAG,
  AZURE_LOOKING,
];
