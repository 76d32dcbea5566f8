/**
 * Reading the facts out of an error: model, organization, project, request id, the rate-limit figures and how
 * long to wait. Everything displayed goes through redactKeys (OpenAI echoes part of a wrong key back).
 */
import { OPENAI_MODEL_PREFIX } from './model-prefix';
import type { ParsedError } from './parse';
import { redactKeys } from './redact';
import type { ExtractedFields, LimitUnit } from './types';

/** Where the model id is written, most specific first (group 1). */
const MODEL_PATTERNS: readonly RegExp[] = [
  /\bmodel:? [`'"]([^`'"\s]{1,100})[`'"]/i,
  /\b(?:Rate limit reached|Request too large|Rate limit exceeded) for ([\w.:\-/]{2,80}) in (?:organization|project)\b/i,
  /\bengine:? [`'"]?([\w.:-]{2,80})[`'"]?/i,
  /\bspecified model,? ([\w.:-]{2,80})/i,
  /\bmodel ([\w.:\-/]{2,80}) (?:does not exi|doesn'?t exi|is not|not found|has been)/i,
  /["']model["'] ?[:=] ?["']([\w.:\-/]+)["']/,
  new RegExp(`\\bmodel(?: in use| name| id)?:? ["'\`]?(${OPENAI_MODEL_PREFIX}[\\w.:-]*)`, 'i'),
  // Retold in prose: "does not have access to the gpt-4o model".
  new RegExp(`\\baccess to (?:the )?[\`'"]?(${OPENAI_MODEL_PREFIX}[\\w.:-]+)[\`'"]? model\\b`, 'i'),
];

const ORGANIZATION_ID = /\b(org-[A-Za-z0-9]+)/;
const UNSUPPORTED_PARAM = /Unsupported (?:parameter|value): '([\w.[\]]+)'/;
const PROJECT_ID = /\b(proj_[A-Za-z0-9]+)/;
const REQUEST_ID = /\b(req_[A-Za-z0-9]+)/;
const REQUEST_ID_LABELLED = /\brequest[ _-]?id:? ["'`]?([A-Za-z0-9_-]+)/i;

const LIMIT = /\bLimit:? ([\d,.]+[kKM]?)/;
const USED = /\b(?:Used|Current):? ([\d,.]+[kKM]?)/;
const REQUESTED = /\bRequested:? ([\d,.]+[kKM]?)/;
const UNIT_CODE = /\((RPM|RPD|TPM|TPD|IPM|IPD)\)/;
const UNIT_WORDS = /\b(requests|tokens|images) per (min|minute|day)\b/i;

/** "Please try again in 6m0s" / "in 644ms" / "in 1.5s": a run of digits, dots and h/m/s, parsed by parseDuration. */
const RETRY_COMPACT = /\b(?:try again|retry|retrying) (?:in|after) ([0-9][0-9.hms]*)/i;
/** "Please retry after 6 seconds", "try again in 20 minutes". */
const RETRY_WORDS = /\b(?:try again|retry|retrying) (?:in|after) ([0-9.]+) ?(milli|ms|sec|s|min|hour)/i;

function toNumber(text: string): number | undefined {
  const multiplier = /[kK]$/.test(text) ? 1000 : /M$/.test(text) ? 1_000_000 : 1;
  const value = Number(text.replace(/[,kKM]/g, '').replace(/\.$/, ''));
  return Number.isFinite(value) ? value * multiplier : undefined;
}

/** "6m0s" → 360, "644ms" → 0.644, "1h2m" → 3720 (OpenAI's reset and retry formats). */
export function parseDuration(text: string): number | undefined {
  // Read by hand: number, unit, number, unit… (a regex loop over this is quadratic on long digit runs).
  let total = 0;
  let matched = false;
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && /[0-9.]/.test(text[j] as string)) j++;
    if (j === i) break;
    const value = Number(text.slice(i, j));
    if (!Number.isFinite(value)) break;
    if (text.startsWith('ms', j)) {
      total += value / 1000;
      i = j + 2;
    } else if (text[j] === 'h' || text[j] === 'm' || text[j] === 's') {
      total += text[j] === 'h' ? value * 3600 : text[j] === 'm' ? value * 60 : value;
      i = j + 1;
    } else {
      break;
    }
    matched = true;
  }
  return matched ? Math.round(total * 1000) / 1000 : undefined;
}

function retryAfterSeconds(parsed: ParsedError): number | undefined {
  const ms = parsed.headers.get('retry-after-ms');
  if (ms !== undefined && /^\d+(?:\.\d+)?$/.test(ms)) return Number(ms) / 1000;
  const header = parsed.headers.get('retry-after');
  if (header !== undefined && /^\d+(?:\.\d+)?$/.test(header)) return Number(header);
  const compact = RETRY_COMPACT.exec(parsed.flat);
  if (compact) return parseDuration(compact[1] as string);
  const words = RETRY_WORDS.exec(parsed.flat);
  if (words) {
    const value = Number(words[1]);
    const unit = (words[2] as string).toLowerCase();
    if (unit === 'ms' || unit === 'milli') return value / 1000;
    if (unit.startsWith('min')) return value * 60;
    if (unit.startsWith('h')) return value * 3600;
    return value;
  }
  return undefined;
}

function unitOf(flat: string): LimitUnit | undefined {
  const code = UNIT_CODE.exec(flat);
  if (code) return code[1] as LimitUnit;
  const words = UNIT_WORDS.exec(flat);
  if (!words) return undefined;
  const what = (words[1] as string).toLowerCase();
  const perDay = (words[2] as string).toLowerCase() === 'day';
  if (what === 'requests') return perDay ? 'RPD' : 'RPM';
  if (what === 'tokens') return perDay ? 'TPD' : 'TPM';
  return perDay ? 'IPD' : 'IPM';
}

/** A model id as written: without trailing punctuation, never a masked placeholder. */
export function extractModel(flat: string): string | undefined {
  if (!/model|engine|for /i.test(flat)) return undefined;
  for (const pattern of MODEL_PATTERNS) {
    const match = pattern.exec(flat);
    if (!match) continue;
    const model = (match[1] as string).replace(/[.,;:)]+$/, '');
    if (model.length > 0 && !/^\*+$/.test(model)) return model;
  }
  return undefined;
}

/** The error message shown to the user: the body's message, else the text from where the match starts. */
/**
 * Where the sentence holding `at` starts: after the last ". ", ": ", "! ", "? " or opening quote in the 200
 * characters before it (a pattern may match mid-sentence: "…does not exist or you do not have access").
 */
function sentenceStart(flat: string, at: number): number {
  const from = Math.max(0, at - 200);
  let start = from;
  for (let i = at - 1; i >= from; i--) {
    const char = flat[i];
    if (char === '"' || char === "'" || char === '\u201c' || char === '>') {
      start = i + 1;
      break;
    }
    if (flat[i + 1] === ' ' && (char === '.' || char === ':' || char === '!' || char === '?')) {
      start = i + 2;
      break;
    }
  }
  return start;
}

function messageOf(parsed: ParsedError, matchAt: number | undefined): string | undefined {
  let message = parsed.message;
  if (message === undefined && matchAt !== undefined) {
    message = parsed.flat.slice(sentenceStart(parsed.flat, matchAt), matchAt + 400);
  }
  if (message === undefined) return undefined;
  const trimmed = message.trim();
  if (trimmed.length === 0) return undefined;
  const capped = trimmed.length > 400 ? `${trimmed.slice(0, 399)}…` : trimmed;
  return redactKeys(capped);
}

/** Everything we can read out of a parsed error. `matchAt`: where the winning pattern matched in flat. */
export function extractFields(parsed: ParsedError, matchAt?: number): ExtractedFields {
  const fields: ExtractedFields = {};
  const { flat } = parsed;
  if (parsed.status !== undefined) fields.status = parsed.status;
  if (parsed.type !== undefined) fields.type = parsed.type;
  if (parsed.code !== undefined) fields.code = parsed.code;
  if (parsed.param !== undefined) fields.param = parsed.param;
  else {
    // "Unsupported parameter: 'max_tokens' …", "Unsupported value: 'temperature' does not support 0 …"
    const param = flat.includes('Unsupported') ? UNSUPPORTED_PARAM.exec(flat)?.[1] : undefined;
    if (param !== undefined) fields.param = param;
  }
  const message = messageOf(parsed, matchAt);
  if (message !== undefined) fields.message = message;
  const model = extractModel(parsed.message ?? flat) ?? extractModel(flat);
  if (model !== undefined) fields.model = model;
  // Substring tests first: each pattern below runs only when its literal is in the text.
  const has = (literal: string) => flat.includes(literal);
  const organization =
    parsed.headers.get('openai-organization') ?? (has('org-') ? ORGANIZATION_ID.exec(flat)?.[1] : undefined);
  if (organization !== undefined && /^org-[A-Za-z0-9]{6,40}$/.test(organization)) {
    fields.organizationId = organization;
  }
  const project =
    parsed.headers.get('openai-project') ?? (has('proj_') ? PROJECT_ID.exec(flat)?.[1] : undefined);
  if (project !== undefined && /^proj_[A-Za-z0-9]{6,40}$/.test(project)) fields.projectId = project;
  const requestId =
    parsed.headers.get('x-request-id') ??
    (has('req_') ? REQUEST_ID.exec(flat)?.[1] : undefined) ??
    (/request/i.test(flat) ? REQUEST_ID_LABELLED.exec(flat)?.[1] : undefined);
  if (requestId !== undefined && requestId.length >= 8 && requestId.length <= 80)
    fields.requestId = requestId;
  const figures = has('Limit');
  const limit = figures ? LIMIT.exec(flat) : null;
  if (limit) {
    const value = toNumber(limit[1] as string);
    if (value !== undefined) fields.limit = value;
  }
  const used = figures ? USED.exec(flat) : null;
  if (used) {
    const value = toNumber(used[1] as string);
    if (value !== undefined) fields.used = value;
  }
  const requested = figures ? REQUESTED.exec(flat) : null;
  if (requested) {
    const value = toNumber(requested[1] as string);
    if (value !== undefined) fields.requested = value;
  }
  const unit = has(' per ') || has('(') ? unitOf(flat) : undefined;
  if (unit !== undefined) fields.unit = unit;
  const retry = parsed.headers.size > 0 || /try|retry/i.test(flat) ? retryAfterSeconds(parsed) : undefined;
  if (retry !== undefined) fields.retryAfterSeconds = retry;
  return fields;
}

/** Every regular expression of this module, for the ReDoS test. */
export const EXTRACT_PATTERNS: readonly RegExp[] = [
  ...MODEL_PATTERNS,
  ORGANIZATION_ID,
  UNSUPPORTED_PARAM,
  PROJECT_ID,
  REQUEST_ID,
  REQUEST_ID_LABELLED,
  LIMIT,
  USED,
  REQUESTED,
  UNIT_CODE,
  UNIT_WORDS,
  RETRY_COMPACT,
  RETRY_WORDS,
];
