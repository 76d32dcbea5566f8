/**
 * The classifier: reads an error (free text, an HTTP answer, or an openai SDK error object), scores every
 * catalogue entry on the signals it finds, and turns the winner into a Diagnosis.
 *
 * Scoring (why tiers and not a plain sum): the strongest kind of evidence decides, weaker kinds only break
 * ties. OpenAI's own message wording beats the `code` field (the server sends `model_not_found` for project
 * denials and `unsupported_value` for verification, so the message is more specific than the code), which
 * beats generic wording, the `type` field, the exception class, paraphrases, and finally the bare status.
 */
import { CATALOGUE, type CatalogueEntry, KNOWN_CODES } from './catalogue';
import { extractFields } from './extract';
import { effectiveStatus, fineTuneBase, isOtherProviderModel, lookupModel, suggestModelId } from './models';
import { type ParsedError, parseErrorText, parseStructured } from './parse';
import { NEEDLE_LENGTH, NeedleSet, requiredLiteral } from './needle';
import { mightContainError } from './precheck';
import { redactKeys } from './redact';
import type {
  ClassifyInput,
  Confidence,
  Diagnosis,
  ExtractedFields,
  FixStep,
  HttpAnswer,
  ModelSuggestion,
  SdkErrorLike,
} from './types';

export interface ClassifyOptions {
  /** The text was quoted from someone else (a forum quote, a link preview): lower confidence. */
  quoted?: boolean;
  /** YYYY-MM-DD used to decide whether a deprecated model's shutdown date has passed; defaults to today. */
  today?: string;
}

/** Signal tiers (see the file comment). */
export const TIER = {
  pattern: 100,
  code: 90,
  generic: 70,
  type: 60,
  exception: 40,
  hint: 25,
  fuzzyCode: 20,
  status: 10,
} as const;

/**
 * Words that show a text is about OpenAI. Generic wording ("Internal server error") and weak signals (a bare
 * status, a paraphrase) only count next to one of these, so other software's errors stay "no diagnosis".
 */
const OPENAI_MENTION =
  /openai|\bgpt-?\d|\bo[1345](?:-mini|-pro|-preview)?\b|dall-?e|chatgpt|whisper-1|text-embedding|davinci|\borg-[A-Za-z0-9]{8}|\bproj_[A-Za-z0-9]{8}|\bsk-(?:proj-)?[A-Za-z0-9*]{4}/i;

/**
 * Another service produced the error: its name, domain, SDK, or wording only it uses (OpenRouter's "This
 * endpoint's maximum context length… middle-out", Ollama's "try pulling it first", ChatGPT's web "usage cap").
 * With no OpenAI mention these are not ours to explain, even when they copy OpenAI's wording.
 */
const OTHER_PROVIDER =
  /anthropic|googleapis|generativelanguage|ai\.google\.dev|vertex ?ai|ollama|try pulling it first|\bgroq\b|cohere|bedrock|moonshot|openrouter|middle-out|This endpoint's maximum context length|perplexity|dashscope|zhipu|\bxai\b|x\.ai\b|your team [0-9a-f]{8}-|Some requested entity was not found|x-api-key|usage cap|GeminiException|AnthropicException|\b(?:authentication|permission|not_found|overloaded|rate_limit)_error\b|\breq_011/i;
/**
 * Other providers' model names. Alone they do not make an error foreign: a Claude id sent to api.openai.com
 * gets OpenAI's own "does not exist" message. Only OpenAI's wording can then still make the text ours.
 */
const OTHER_MODEL = /claude|gemini|llama|mistral|mixtral|deepseek|qwen|\bgrok\b|command-r/i;
/** Anthropic's body: `{"type":"error","error":{"type":"…_error"` (OpenAI's stream events carry a sequence_number). */
const ANTHROPIC_BODY = /\{ ?"type": ?"error", ?"error": ?\{ ?"type": ?"\w+_error"/;
const GOOGLE_STATUS =
  /\b(?:INVALID_ARGUMENT|PERMISSION_DENIED|RESOURCE_EXHAUSTED|UNAVAILABLE|UNAUTHENTICATED)\b/;

/** Class names only the openai SDKs (and wrappers re-raising them) use together with OpenAI errors. */
const SDK_EXCEPTIONS = new Set([
  'InvalidRequestError',
  'APIRemovedInV1',
  'APIConnectionError',
  'APITimeoutError',
  'APIConnectionTimeoutError',
  'APIUserAbortError',
  'RateLimitError',
  'BadRequestError',
  'NotFoundError',
  'PermissionDeniedError',
  'UnprocessableEntityError',
  'InternalServerError',
  'AuthenticationError',
  'ServiceUnavailableError',
  'TryAgain',
  'OpenAIError',
]);

/** Python SDK `Error code: 429 - {` and openai-node's `404 status code (no body)`. */
const SDK_MESSAGE_SHAPE = /\bError code:? \d{3} ?[-:] ?\{|\b\d{3} status code \(no body\)/;

/** An error label or a first-person report (see Evidence.report). */
const REPORT_SHAPES: readonly RegExp[] = [
  // "Error: …", "Error calling OpenAI API: …", "failed with error: …"
  /\b(?:error|exception|failed|failure)s?:/i,
  /\b(?:error|failed|failure) (?:calling|from|in|while|with|when|during|communicating|message|response|occurred|details|output|code)\b/i,
  /\[(?:error|err|warn|warning)\]/i,
  // Library retry logs: "Retrying in 4.0 seconds", "Retrying request to /chat/completions"
  /\bRetrying (?:in|after|request|langchain|llama_index|openai|\d)/i,
  /\bapi\.openai\.com\/v1\//i,
  // First-person reports: "I'm getting", "we keep getting", "I got"
  /\b(?:I|we)(?:'m| am| are|'ve| have| keep| still| just)? ?(?:get|getting|got|gets|receive|received|receiving|see|seeing|saw|hit|hitting|encounter|encountered|encountering|run into|ran into|facing)\b/i,
  // "returns the following error", "shows this error"
  /\b(?:returns?|returned|throws?|threw|shows?|showed|says?|said|gives?|gave)(?: \w+){0,3} (?:error|exception)\b/i,
  /\berror (?:message|response)\b/i,
  // The same in Chinese, Japanese and Russian issue threads: "报错", "错误：", "エラー", "ошибка".
  /报错|错误|异常|エラー|ошибк/i,
];

/** Error words next to which a paraphrase counts as an error report. */
const ERROR_WORD =
  /\b(?:error|errors|exception|failed|fails|failing|failure|refused|rejected|denied)\b|\berror|错误|报错|异常|失败|エラー|ошибк/i;

export interface Evidence {
  aboutOpenAI: boolean;
  /** Another provider is named (or only its model ids appear): only OpenAI's own wording still counts. */
  otherProvider: boolean;
  /** Another service produced the error (see OTHER_PROVIDER): nothing counts. */
  otherSource: boolean;
  errorWord: boolean;
  /**
   * The text reports an error rather than talks about one: a status, an exception, an error body, an error
   * label ("Error:", "[ERROR]") or a first-person report ("I'm getting…"). Blog posts that explain 429s use the
   * same words as the errors; generic wording, bare code words and paraphrases count only in reports.
   */
  report: boolean;
  /**
   * A line or a title ("Rate limit exceeded with gpt-4o"), not an article: short texts that hold an error
   * phrase are reports even without an error label.
   */
  terse: boolean;
}

/** Texts up to this length count as terse (an issue title, a log line, one pasted message). */
const TERSE_LENGTH = 160;

export function gatherEvidence(parsed: ParsedError): Evidence {
  const { flat } = parsed;
  if (parsed.fromApi) {
    return {
      aboutOpenAI: true,
      otherProvider: false,
      otherSource: false,
      errorWord: true,
      report: true,
      terse: true,
    };
  }
  const mention = OPENAI_MENTION.test(flat);
  const otherSource =
    !mention && (OTHER_PROVIDER.test(flat) || GOOGLE_STATUS.test(flat) || ANTHROPIC_BODY.test(flat));
  const otherProvider = otherSource || (!mention && OTHER_MODEL.test(flat));
  const aboutOpenAI =
    !otherProvider &&
    (mention ||
      parsed.openaiModule ||
      parsed.exceptions.some((name) => SDK_EXCEPTIONS.has(name)) ||
      SDK_MESSAGE_SHAPE.test(flat) ||
      (parsed.code !== undefined && KNOWN_CODES.includes(parsed.code)));
  const report =
    parsed.status !== undefined ||
    parsed.exceptions.length > 0 ||
    parsed.hasErrorObject ||
    SDK_MESSAGE_SHAPE.test(flat) ||
    REPORT_SHAPES.some((shape) => shape.test(flat));
  return {
    aboutOpenAI,
    otherProvider,
    otherSource,
    errorWord: ERROR_WORD.test(flat),
    report,
    terse: flat.length <= TERSE_LENGTH,
  };
}

export interface Score {
  entry: CatalogueEntry;
  primary: number;
  secondary: number;
  order: number;
  matchAt: number | undefined;
}

/**
 * Every catalogue pattern with the index of its required literal (see needle.ts). A pattern whose literal is
 * absent from the text cannot match and is not run; one Aho–Corasick pass finds all present literals.
 */
const NEEDLE_INDEX = new Map<RegExp, number>();
const NEEDLE_LIST: string[] = [];
/**
 * Which entries a signal can wake up: needle index → entries, code/type/exception/status value → entries.
 * Scoring visits only the entries some signal of the text points to (a handful of ~70), in catalogue order.
 */
const ENTRIES_BY_NEEDLE: number[][] = [];
const ENTRIES_BY_VALUE = new Map<string, number[]>();
const addEntry = (key: string, order: number) => {
  const list = ENTRIES_BY_VALUE.get(key);
  if (list === undefined) ENTRIES_BY_VALUE.set(key, [order]);
  else if (!list.includes(order)) list.push(order);
};
CATALOGUE.forEach((entry, order) => {
  for (const list of [entry.match.patterns, entry.match.genericPatterns, entry.match.hints]) {
    for (const regex of list ?? []) {
      // Case-sensitive patterns are checked case-blind too: a necessary condition is all we need.
      const needle = requiredLiteral(regex)?.toLowerCase().slice(0, NEEDLE_LENGTH);
      if (needle === undefined) throw new Error(`catalogue pattern without a literal: ${regex.source}`);
      let index = NEEDLE_LIST.indexOf(needle);
      if (index === -1) {
        index = NEEDLE_LIST.push(needle) - 1;
        ENTRIES_BY_NEEDLE.push([]);
      }
      NEEDLE_INDEX.set(regex, index);
      const entries = ENTRIES_BY_NEEDLE[index] as number[];
      if (!entries.includes(order)) entries.push(order);
    }
  }
  for (const code of entry.match.codes ?? []) addEntry(`code:${code}`, order);
  for (const type of [...(entry.match.types ?? []), ...(entry.match.sharedTypes ?? [])]) {
    addEntry(`type:${type}`, order);
  }
  for (const name of entry.match.exceptions ?? []) addEntry(`exception:${name}`, order);
  for (const status of entry.match.statuses ?? []) addEntry(`status:${status}`, order);
});

/** The catalogue orders (sorted) of the entries some signal of `parsed` points to. */
function candidateEntries(parsed: ParsedError, nearCodes: ReadonlySet<string>): number[] {
  const marked = new Uint8Array(CATALOGUE.length);
  const mark = (orders: readonly number[] | undefined) => {
    if (orders) for (const order of orders) marked[order] = 1;
  };
  const present = presentNeedles(parsed);
  for (let i = 0; i < present.length; i++) if (present[i] === 1) mark(ENTRIES_BY_NEEDLE[i]);
  if (parsed.code !== undefined) mark(ENTRIES_BY_VALUE.get(`code:${parsed.code}`));
  for (const word of parsed.codeWords) mark(ENTRIES_BY_VALUE.get(`code:${word}`));
  for (const code of nearCodes) {
    mark(ENTRIES_BY_VALUE.get(`code:${code}`));
    mark(ENTRIES_BY_VALUE.get(`type:${code}`));
  }
  if (parsed.type !== undefined) mark(ENTRIES_BY_VALUE.get(`type:${parsed.type}`));
  for (const name of parsed.exceptions) mark(ENTRIES_BY_VALUE.get(`exception:${name}`));
  if (parsed.status !== undefined) mark(ENTRIES_BY_VALUE.get(`status:${parsed.status}`));
  const orders: number[] = [];
  for (let order = 0; order < marked.length; order++) if (marked[order] === 1) orders.push(order);
  return orders;
}

const NEEDLES = new NeedleSet(NEEDLE_LIST);

/** Which needles occur in a parsed text, computed once per text. */
const PRESENT = new WeakMap<ParsedError, Uint8Array>();

function presentNeedles(parsed: ParsedError): Uint8Array {
  let present = PRESENT.get(parsed);
  if (present === undefined) {
    present = NEEDLES.find(parsed.flat);
    PRESENT.set(parsed, present);
  }
  return present;
}

function firstMatch(patterns: readonly RegExp[] | undefined, parsed: ParsedError): number | undefined {
  if (!patterns) return undefined;
  for (const regex of patterns) {
    const needle = NEEDLE_INDEX.get(regex);
    if (needle !== undefined && presentNeedles(parsed)[needle] !== 1) continue;
    const match = regex.exec(parsed.flat);
    if (match) return match.index;
  }
  return undefined;
}

/** Bounded Levenshtein distance (codes are short; returns max + 1 when further). */
/** Two rows of the edit-distance table, reused across calls (codes are short; longer words are never compared). */
const ROW_A = new Int32Array(72);
const ROW_B = new Int32Array(72);

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max || b.length >= ROW_A.length) return max + 1;
  let previous = ROW_A;
  let current = ROW_B;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length] as number;
}

const NO_CODES: ReadonlySet<string> = new Set();

/** A code word in the text that is a near miss of a known code ("insufficent_quota"). */
function misspelledCodes(parsed: ParsedError): Set<string> {
  const near = new Set<string>();
  const candidates = [...parsed.codeWords];
  if (parsed.code !== undefined) candidates.push(parsed.code);
  for (const candidate of candidates) {
    const word = candidate.toLowerCase();
    if (word.length < 8 || word.length > 60 || KNOWN_CODES.includes(word)) continue;
    const max = word.length >= 14 ? 3 : 2;
    for (const code of KNOWN_CODES) {
      if (editDistance(word, code, max) <= max) near.add(code);
    }
  }
  return near;
}

/** The running score of one entry (one object per entry, no closures: this loop runs ~70 times a text). */
interface Tally {
  primary: number;
  secondary: number;
  matchAt: number | undefined;
}

/**
 * Ties between entries with the same strongest signal are broken by their other strong signals (code, type,
 * wording), then by catalogue order (specific faces come before general ones). Weak signals (exception class,
 * paraphrase, status) only break ties among entries that have nothing stronger: a general entry must not beat
 * a specific one just because it also lists the status.
 */
function addSignal(tally: Tally, tier: number, at?: number): void {
  if (tier > tally.primary) {
    if (tally.primary >= TIER.type || tier < TIER.type) tally.secondary += tally.primary;
    tally.primary = tier;
    if (at !== undefined) tally.matchAt = at;
  } else if (tier >= TIER.type || tally.primary < TIER.type) {
    tally.secondary += tier;
  }
  if (tally.matchAt === undefined && at !== undefined) tally.matchAt = at;
}

function includesAny(list: readonly string[] | undefined, value: string | undefined): boolean {
  return list !== undefined && value !== undefined && list.includes(value);
}

function anyIn(list: readonly string[], set: ReadonlySet<string>): boolean {
  for (const item of list) if (set.has(item)) return true;
  return false;
}

function scoreEntry(
  entry: CatalogueEntry,
  order: number,
  parsed: ParsedError,
  evidence: Evidence,
  nearCodes: ReadonlySet<string>,
): Score | undefined {
  if (entry.resolvedOnly) return undefined;
  const { match } = entry;
  const tally: Tally = { primary: 0, secondary: 0, matchAt: undefined };

  const patternAt = firstMatch(match.patterns, parsed);
  if (patternAt !== undefined) addSignal(tally, TIER.pattern, patternAt);
  const { codes } = match;
  if (codes) {
    if (includesAny(codes, parsed.code)) addSignal(tally, TIER.code);
    // A bare code word ("Error: insufficient_quota") counts only in a report, not in an article about codes.
    else if (
      parsed.code === undefined &&
      (anyIn(codes, parsed.labelledCodeWords) ||
        ((evidence.report || evidence.terse) && anyIn(codes, parsed.codeWords)))
    ) {
      addSignal(tally, TIER.code);
    } else if (nearCodes.size > 0 && anyIn(codes, nearCodes)) addSignal(tally, TIER.fuzzyCode);
  }
  if (match.types) {
    if (includesAny(match.types, parsed.type)) addSignal(tally, TIER.type);
    else if (nearCodes.size > 0 && anyIn(match.types, nearCodes)) addSignal(tally, TIER.fuzzyCode);
  }
  // The weaker signals need the text to be about OpenAI (see OPENAI_MENTION).
  // The wording counts once per entry: OpenAI's own, else generic, else a paraphrase.
  let worded = patternAt !== undefined;
  if (evidence.aboutOpenAI) {
    if (!worded && (evidence.report || evidence.terse) && match.genericPatterns) {
      const genericAt = firstMatch(match.genericPatterns, parsed);
      if (genericAt !== undefined) {
        addSignal(tally, TIER.generic, genericAt);
        worded = true;
      }
    }
    if (includesAny(match.sharedTypes, parsed.type)) addSignal(tally, TIER.type);
    const { exceptions } = match;
    if (exceptions) {
      for (const name of parsed.exceptions) {
        if (exceptions.includes(name)) {
          addSignal(tally, TIER.exception);
          break;
        }
      }
    }
    if (!worded && match.hints && evidence.report && (evidence.errorWord || parsed.status !== undefined)) {
      const hintAt = firstMatch(match.hints, parsed);
      if (hintAt !== undefined) addSignal(tally, TIER.hint, hintAt);
    }
    if (match.statuses && parsed.status !== undefined && match.statuses.includes(parsed.status)) {
      addSignal(tally, TIER.status);
    }
  }
  if (tally.primary === 0) return undefined;
  return { entry, primary: tally.primary, secondary: tally.secondary, order, matchAt: tally.matchAt };
}

function better(a: Score, b: Score): boolean {
  if (a.primary !== b.primary) return a.primary > b.primary;
  if (a.secondary !== b.secondary) return a.secondary > b.secondary;
  return a.order < b.order;
}

const ENTRY_BY_ID = new Map(CATALOGUE.map((entry) => [entry.id, entry]));

function entryById(id: string): CatalogueEntry {
  const entry = ENTRY_BY_ID.get(id);
  if (!entry) throw new Error(`catalogue entry ${id} is missing`);
  return entry;
}

interface Resolution {
  entry: CatalogueEntry;
  suggestion?: ModelSuggestion;
  replacement?: string;
}

/** DESIGN §2.1: "does not exist or you do not have access" means different things for real and unknown ids. */
function resolveModel404(model: string | undefined, today: string): Resolution {
  // "Retired" is judged on `today`: before its shutdown date the same 404 meant no access.
  if (model === undefined) return { entry: entryById('model-404') };
  const base = fineTuneBase(model);
  if (base !== undefined) return { entry: entryById('model-404-fine-tune') };
  const info = lookupModel(model);
  if (info) {
    const retired =
      effectiveStatus(info, today) === 'retired' &&
      (info.shutdownDate === undefined || info.shutdownDate <= today);
    if (retired) {
      const resolution: Resolution = { entry: entryById('model-404-retired') };
      if (info.replacement) {
        resolution.replacement = info.replacement;
        resolution.suggestion = { model: info.replacement, reason: 'retired' };
      }
      return resolution;
    }
    return { entry: entryById('model-404-published') };
  }
  if (isOtherProviderModel(model)) return { entry: entryById('model-404-other-provider') };
  const suggestion = suggestModelId(model);
  const resolution: Resolution = { entry: entryById('model-404-unknown') };
  if (suggestion !== undefined) resolution.suggestion = { model: suggestion, reason: 'spelling' };
  return resolution;
}

// ---------------------------------------------------------------------------------------------------------
// Templates

const UNIT_NAMES: Record<string, string> = {
  RPM: 'requests per minute',
  RPD: 'requests per day',
  TPM: 'tokens per minute',
  TPD: 'tokens per day',
  IPM: 'images per minute',
  IPD: 'images per day',
};

export function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  // Daily limits ask for hours ("14h29m11.04s"): hours and minutes read better than 869 min.
  if (seconds >= 3600) {
    const totalMinutes = Math.round(seconds / 60);
    const hours = Math.floor(totalMinutes / 60);
    const minutes = totalMinutes - hours * 60;
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** 30000 → "30,000" (toLocaleString is slow and depends on the runtime's locale data). */
function formatNumber(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0 && whole[i - 1] !== '-') grouped += ',';
    grouped += whole[i];
  }
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

const SCOPES = /\bMissing scopes?: ?([\w.]+(?:, ?[\w.]+)*)/i;

/** The scopes named after "Missing scopes:", without the sentence's full stop ("api.management.read."). */
function missingScopes(flat: string): string | undefined {
  const scopes = SCOPES.exec(flat)?.[1];
  if (scopes === undefined) return undefined;
  let end = scopes.length;
  while (end > 0 && scopes[end - 1] === '.') end--;
  return scopes.slice(0, end);
}

function templateValues(fields: ExtractedFields, resolution: Resolution, flat: string): Map<string, string> {
  const values = new Map<string, string>();
  const set = (name: string, value: string | number | undefined) => {
    if (value === undefined || value === '') return;
    values.set(name, typeof value === 'number' ? formatNumber(value) : value);
  };
  // Free-form values read from the text are redacted here, once: everything displayed is built from catalogue
  // text and these values, so no key can reach a title or an explanation. (The other values cannot hold one:
  // type and scopes have no '-', ids are checked against their org-/proj_ shapes, the rest come from our data.)
  const setRedacted = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') values.set(name, redactKeys(value));
  };
  setRedacted('model', fields.model);
  setRedacted('param', fields.param);
  setRedacted('code', fields.code);
  set('type', fields.type);
  if (fields.status !== undefined) values.set('status', String(fields.status));
  set('organizationId', fields.organizationId);
  set('projectId', fields.projectId);
  setRedacted('requestId', fields.requestId);
  set('limit', fields.limit);
  set('used', fields.used);
  set('requested', fields.requested);
  set('unit', fields.unit);
  if (fields.unit) set('unitName', UNIT_NAMES[fields.unit]);
  if (fields.retryAfterSeconds !== undefined) set('retry', formatSeconds(fields.retryAfterSeconds));
  set('suggestion', resolution.suggestion?.model);
  const replacement =
    resolution.replacement ??
    (fields.model !== undefined ? lookupModel(fields.model)?.replacement : undefined);
  set('replacement', replacement);
  set('scopes', missingScopes(flat));
  return values;
}

const PLACEHOLDER = /\{(\w+)(?:\|([^{}]*))?\}/g;

/** A template split once into text and `{name|fallback}` slots. */
type TemplatePart = string | { name: string; fallback: string | undefined };

const TEMPLATES = new Map<string, readonly TemplatePart[]>();

function templateParts(template: string): readonly TemplatePart[] {
  let parts = TEMPLATES.get(template);
  if (parts === undefined) {
    const built: TemplatePart[] = [];
    let last = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      if (match.index > last) built.push(template.slice(last, match.index));
      built.push({ name: match[1] as string, fallback: match[2] });
      last = match.index + match[0].length;
    }
    if (last < template.length) built.push(template.slice(last));
    parts = built;
    TEMPLATES.set(template, parts);
  }
  return parts;
}

/**
 * Fill `{field}` / `{field|fallback}`. Without `always`, undefined when a field without fallback is unknown;
 * with it, such a field becomes "the <field>".
 */
function fill(template: string, values: Map<string, string>, always = false): string | undefined {
  let text = '';
  for (const part of templateParts(template)) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = values.get(part.name) ?? part.fallback;
    if (value === undefined && !always) return undefined;
    text += value ?? `the ${part.name}`;
  }
  return text.includes('  ') ? text.replace(/ {2,}/g, ' ').trim() : text.trim();
}

function fillAlways(template: string, values: Map<string, string>): string {
  return fill(template, values, true) as string;
}

function capitalise(text: string): string {
  return text.length > 0 ? (text[0] as string).toUpperCase() + text.slice(1) : text;
}

/**
 * Fills a template and capitalises its first letter, unless the template starts with a field: a model id keeps
 * its case ("gpt-4 was retired", not "Gpt-4"), and a field's fallback is written capitalised already.
 */
function fillSentence(template: string, values: Map<string, string>): string {
  const filled = fillAlways(template, values);
  return template.startsWith('{') ? filled : capitalise(filled);
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

function isHttpAnswer(input: object): input is HttpAnswer {
  const record = input as Record<string, unknown>;
  return (
    typeof record.status === 'number' && ('body' in record || 'headers' in record) && !('name' in record)
  );
}

function causeText(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return typeof cause === 'string' ? cause : undefined;
  const record = cause as Record<string, unknown>;
  const parts = [record.name, record.code, record.message].filter((part) => typeof part === 'string');
  const nested = record.cause !== cause ? causeText(record.cause) : undefined;
  if (nested) parts.push(nested);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function parseInput(input: ClassifyInput): ParsedError | null {
  if (typeof input === 'string') {
    if (!mightContainError(input)) return null;
    return parseErrorText(input);
  }
  if (typeof input !== 'object' || input === null) return null;
  if (isHttpAnswer(input)) {
    if (input.status >= 200 && input.status < 300) {
      const body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body ?? '');
      if (!/"error"/.test(body ?? '')) return null;
    }
    const parts: Parameters<typeof parseStructured>[0] = { status: input.status, body: input.body };
    if (input.headers) parts.headers = input.headers;
    return parseStructured(parts);
  }
  const sdk = input as SdkErrorLike;
  const parts: Parameters<typeof parseStructured>[0] = {};
  if (typeof sdk.status === 'number') parts.status = sdk.status;
  if (sdk.headers) parts.headers = sdk.headers;
  if (sdk.error !== undefined) parts.body = sdk.error;
  if (typeof sdk.name === 'string') parts.name = sdk.name;
  if (typeof sdk.message === 'string') parts.message = sdk.message;
  if (sdk.code !== undefined) parts.code = sdk.code;
  if (sdk.type !== undefined) parts.type = sdk.type;
  if (sdk.param !== undefined) parts.param = sdk.param;
  const cause = causeText(sdk.cause);
  if (cause) parts.causeText = cause;
  const parsed = parseStructured(parts);
  if (typeof sdk.requestID === 'string' && !parsed.headers.has('x-request-id')) {
    parsed.headers.set('x-request-id', sdk.requestID);
  }
  return parsed;
}

const CONFIDENCE_STEPS: readonly Confidence[] = ['low', 'medium', 'high'];

function confidenceOf(primary: number, quoted: boolean, resolvedWithoutModel: boolean): Confidence {
  let level = primary >= TIER.code ? 2 : primary >= TIER.exception ? 1 : 0;
  if (resolvedWithoutModel) level = Math.min(level, 1);
  if (quoted) level = Math.max(0, level - 1);
  return CONFIDENCE_STEPS[level] as Confidence;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The winning catalogue entry for a parsed error, with its tiers (spans use the tier to judge a line). */
export interface BestMatch {
  score: Score;
  evidence: Evidence;
}

/**
 * Score the catalogue on a parsed error. `context` lets a caller that scores one line of a larger text use the
 * evidence of the whole text (an "openai" mention two lines up still makes "Connection error." ours).
 */
export function bestMatch(parsed: ParsedError, context?: Evidence): BestMatch | null {
  const own = gatherEvidence(parsed);
  const evidence: Evidence = context
    ? {
        aboutOpenAI: (own.aboutOpenAI || context.aboutOpenAI) && !context.otherProvider,
        otherProvider: context.otherProvider,
        otherSource: context.otherSource,
        errorWord: own.errorWord || context.errorWord,
        report: own.report || context.report,
        terse: own.terse && context.terse,
      }
    : own;
  // Another provider's error: only OpenAI's own wording can still make it ours (a Claude model id sent to
  // api.openai.com gets OpenAI's "does not exist" message).
  const foreign = evidence.otherProvider || (own.otherProvider && !evidence.aboutOpenAI);
  // Misspelled codes only matter when nothing stronger was found: compute them (edit distances) only then.
  const scoreAll = (nearCodes: ReadonlySet<string>): Score | undefined => {
    let best: Score | undefined;
    for (const order of candidateEntries(parsed, nearCodes)) {
      const score = scoreEntry(CATALOGUE[order] as CatalogueEntry, order, parsed, evidence, nearCodes);
      if (score && (!best || better(score, best))) best = score;
    }
    return best;
  };
  let best = scoreAll(NO_CODES);
  if (!best || best.primary < TIER.hint) {
    const nearCodes = misspelledCodes(parsed);
    if (nearCodes.size > 0) best = scoreAll(nearCodes);
  }
  if (foreign) {
    const source = evidence.otherSource || own.otherSource;
    return best && !source && best.primary >= TIER.pattern ? { score: best, evidence } : null;
  }
  if (!best) {
    // An OpenAI-shaped error body we have no entry for: "other", not "no diagnosis".
    if (!(parsed.hasErrorObject && evidence.aboutOpenAI)) return null;
    best = {
      entry: entryById('openai-error'),
      primary: TIER.hint,
      secondary: 0,
      order: CATALOGUE.length,
      matchAt: undefined,
    };
  }
  return { score: best, evidence };
}

/** Score the catalogue on a parsed error; null when nothing points to an OpenAI error. */
export function diagnoseParsed(
  parsed: ParsedError,
  options: ClassifyOptions = {},
  context?: Evidence,
): Diagnosis | null {
  const match = bestMatch(parsed, context);
  if (!match) return null;
  const best = match.score;
  const fields = extractFields(parsed, best.matchAt);
  let resolution: Resolution = { entry: best.entry };
  if (best.entry.resolver === 'model-404')
    resolution = resolveModel404(fields.model, options.today ?? today());
  const { entry } = resolution;
  const values = templateValues(fields, resolution, parsed.flat);
  const details = (entry.details ?? [])
    .map((sentence) => fill(sentence, values))
    .filter((s) => s !== undefined);
  const steps: FixStep[] = entry.steps.map((step) => {
    const filled: FixStep = { text: fillAlways(step.text, values) };
    if (step.url !== undefined) filled.url = fillAlways(step.url, values);
    return filled;
  });
  const diagnosis: Diagnosis = {
    category: entry.category,
    confidence: confidenceOf(
      best.primary,
      options.quoted === true,
      best.entry.resolver === 'model-404' && fields.model === undefined,
    ),
    entryId: entry.id,
    title: fillSentence(entry.title, values),
    explanation: [fillSentence(entry.explanation, values), ...details].join(' '),
    causes: entry.causes.map((cause) => fillAlways(cause, values)),
    steps,
    fields,
    probe: entry.probe,
    sources: [...entry.sources],
  };
  if (resolution.suggestion) diagnosis.suggestion = resolution.suggestion;
  else if (entry.category === 'model_deprecated' && values.has('replacement')) {
    diagnosis.suggestion = { model: values.get('replacement') as string, reason: 'retired' };
  }
  return diagnosis;
}

/**
 * Explain an OpenAI API error. Returns null ("no diagnosis") for text that holds no OpenAI error.
 * Never throws on any input.
 */
export function classify(input: ClassifyInput, options: ClassifyOptions = {}): Diagnosis | null {
  try {
    const parsed = parseInput(input);
    return parsed ? diagnoseParsed(parsed, options) : null;
  } catch {
    // A classifier bug must never break the page or popup that asked; "no diagnosis" is the safe answer.
    return null;
  }
}

/** Every regular expression of this module, for the ReDoS test. */
export const CLASSIFY_PATTERNS: readonly RegExp[] = [
  OPENAI_MENTION,
  OTHER_PROVIDER,
  OTHER_MODEL,
  ANTHROPIC_BODY,
  GOOGLE_STATUS,
  SDK_MESSAGE_SHAPE,
  ...REPORT_SHAPES,
  ERROR_WORD,
  SCOPES,
  PLACEHOLDER,
];
