/**
 * Turning error text in the forms people paste it into one flat string plus the error object's fields.
 *
 * Forms handled (issue 3): raw JSON bodies (pretty, one line, truncated, double-encoded), the Python SDK's
 * `Error code: 429 - {'error': {...}}` dict form (single quotes, None/True), Node SDK forms (`Error: 404 The
 * model…`, `NotFoundError: 404 …`, `util.inspect` dumps with `key: 'value'`), JavaScript console dumps split
 * into `'…' +` pieces with literal `\n`, Ruby `=>` hashes, curl output (`< HTTP/2 401`, headers, body), SSE
 * `data: {"error":…}` lines, HTML gateway pages, Python tracebacks, Go `message: …` strings, and forum
 * typography (curly quotes, non-breaking spaces).
 *
 * Nothing here uses a full JSON parser: pasted bodies are truncated, re-quoted or half Python more often than
 * not. Fields are read by a tolerant scanner instead, in linear time.
 */

/** Text normalised for matching, and where each of its characters came from in the original. */
export interface FlatText {
  /** Typography straightened, escapes and console-dump seams removed, tags dropped, whitespace runs → ' '. */
  flat: string;
  /** Index in the original text of flat[i]; originOf(flat.length) = original length. */
  originOf: (flatIndex: number) => number;
}

/** What the parser read out of one error text. */
export interface ParsedError {
  flat: string;
  originOf: (flatIndex: number) => number;
  message?: string;
  type?: string;
  code?: string;
  param?: string;
  status?: number;
  /** Exception / error class names in order of appearance (`RateLimitError`, `APIRemovedInV1`…). */
  exceptions: string[];
  /** An exception was named with an openai module path (`openai.error.X`, `openai.X`). */
  openaiModule: boolean;
  /** Lower-case header name → value, from an HTTP answer, an SDK error or curl-style text. */
  headers: Map<string, string>;
  /** An error object (`error: {…}` / `{message, type, code}`) was found. */
  hasErrorObject: boolean;
  /** The error came from the API itself (an HTTP answer or an SDK error object), not from pasted text. */
  fromApi: boolean;
  /** snake_case words in the text (possible error codes quoted without their JSON). */
  codeWords: Set<string>;
  /** The code words written as values (`code: x`, `"x"`, `: x`), not as words of a sentence. */
  labelledCodeWords: Set<string>;
}

const TYPOGRAPHY: Record<string, string> = {
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '\uff1a': ':',
  '\uff08': '(',
  '\uff09': ')',
  '\uff0c': ',',
  '\u2013': '-',
  '\u2014': '-',
};

const ENTITIES: Record<string, string> = {
  quot: '"',
  apos: "'",
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: ' ',
  '#39': "'",
  '#34': '"',
  '#x27': "'",
  '#96': '`',
};

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x2007 ||
    code === 0x202f ||
    code === 0x3000 ||
    code === 0x200b ||
    code === 0xfeff
  );
}

const QUOTE_CODES = new Set([34, 39, 96]);

/**
 * Length of a console-dump seam starting at `i` (a closing quote, ` +`, a line break, an opening quote), or 0.
 * Node prints long strings as `'first part ' +\n  'second part'`; joining them restores the message.
 */
function seamLength(text: string, i: number): number {
  if (!QUOTE_CODES.has(text.charCodeAt(i))) return 0;
  let j = i + 1;
  while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  if (text.charCodeAt(j) !== 43 /* + */) return 0;
  j++;
  let sawBreak = false;
  while (j < text.length && isSpace(text.charCodeAt(j))) {
    if (text.charCodeAt(j) === 10) sawBreak = true;
    j++;
  }
  if (!sawBreak || !QUOTE_CODES.has(text.charCodeAt(j))) return 0;
  return j + 1 - i;
}

/** An HTML page (a gateway error), not text that merely mentions a tag. */
const HTML_PAGE = /<(?:!doctype html|html|head|body|title|center|h1)\b/i;

/** ASCII characters that need more than copying: white space, quotes (console seams), escapes, entities, tags. */
const SPECIAL_ASCII = new Uint8Array(128);
for (const code of [9, 10, 11, 12, 13, 32, 34, 39, 96, 92, 38, 60]) SPECIAL_ASCII[code] = 1;

/**
 * Normalise `text` for matching; see FlatText. Linear in the length of `text`: ordinary characters are copied
 * in runs (slices), and the mapping back to the original is kept as one segment per run.
 */
export function flattenText(text: string): FlatText {
  const html = text.includes('<') && HTML_PAGE.test(text);
  const pieces: string[] = [];
  // Segment k: flat[segmentFlat[k] + j] came from text[segmentOrigin[k] + j].
  const segmentFlat: number[] = [];
  const segmentOrigin: number[] = [];
  let flatLength = 0;
  let pendingSpace = -1; // original index of the white space waiting to be emitted, or -1
  let runStart = 0;

  const emit = (piece: string, from: number) => {
    if (piece.length === 0) return;
    if (pendingSpace >= 0 && flatLength > 0) {
      pieces.push(' ');
      segmentFlat.push(flatLength);
      segmentOrigin.push(pendingSpace);
      flatLength += 1;
    }
    pendingSpace = -1;
    pieces.push(piece);
    segmentFlat.push(flatLength);
    segmentOrigin.push(from);
    flatLength += piece.length;
  };
  const flush = (end: number) => {
    if (end > runStart) emit(text.slice(runStart, end), runStart);
  };

  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (
      code < 128
        ? SPECIAL_ASCII[code] === 0
        : !isSpace(code) && TYPOGRAPHY[text[i] as string] === undefined && code !== 0x200c && code !== 0x200d
    ) {
      i++;
      continue;
    }
    // A single space between two ordinary characters stays in the run.
    if (code === 32 && pendingSpace < 0 && i > runStart && !isSpace(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    flush(i);
    const next = handleSpecial(text, i, html);
    if (next.space) {
      if (pendingSpace < 0) pendingSpace = i;
    } else if (next.emit !== undefined) {
      emit(next.emit, i);
    }
    i = next.end;
    runStart = i;
  }
  flush(text.length);
  const flat = pieces.join('');
  const originOf = (flatIndex: number): number => {
    if (flatIndex >= flat.length) return text.length;
    // Last segment starting at or before flatIndex (binary search).
    let low = 0;
    let high = segmentFlat.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((segmentFlat[middle] as number) <= flatIndex) low = middle;
      else high = middle - 1;
    }
    return (segmentOrigin[low] ?? 0) + (flatIndex - (segmentFlat[low] ?? 0));
  };
  return { flat, originOf };
}

/** What one special character (at `i`) becomes: white space, a replacement, or nothing; and where to go on. */
function handleSpecial(
  text: string,
  i: number,
  html: boolean,
): { end: number; space?: boolean; emit?: string } {
  const code = text.charCodeAt(i);
  if (isSpace(code)) {
    let end = i + 1;
    while (end < text.length && isSpace(text.charCodeAt(end))) end++;
    return { end, space: true };
  }
  const seam = seamLength(text, i);
  if (seam > 0) return { end: i + seam };
  const char = text[i] as string;
  if (code === 92 /* \ */ && i + 1 < text.length) {
    const escaped = text[i + 1] as string;
    if (escaped === 'n' || escaped === 'r' || escaped === 't') return { end: i + 2, space: true };
    if (escaped === '"' || escaped === "'" || escaped === '/') return { end: i + 2, emit: escaped };
    if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      const decoded = String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
      if (isSpace(decoded.charCodeAt(0))) return { end: i + 6, space: true };
      return { end: i + 6, emit: TYPOGRAPHY[decoded] ?? decoded };
    }
    return { end: i + 1, emit: char };
  }
  if (html && char === '<') {
    const close = text.indexOf('>', i);
    if (close !== -1 && close - i < 600) return { end: close + 1, space: true };
    return { end: i + 1, emit: char };
  }
  if (char === '&') {
    const semi = text.indexOf(';', i);
    if (semi !== -1 && semi - i <= 6) {
      const entity = ENTITIES[text.slice(i + 1, semi)];
      if (entity === ' ') return { end: semi + 1, space: true };
      if (entity !== undefined) return { end: semi + 1, emit: entity };
    }
    return { end: i + 1, emit: char };
  }
  if (code === 0x200c || code === 0x200d) return { end: i + 1 };
  return { end: i + 1, emit: TYPOGRAPHY[char] ?? char };
}

// ---------------------------------------------------------------------------------------------------------
// Fields of the error object

/**
 * A key of the error object as JSON (`"code":`), Python (`'code':`), JS inspect (`code:`), Ruby (`"code"=>`,
 * `:code =>`) or Go/log (`code=`) print it. The value is read by `readValue`.
 */
const FIELD_KEY =
  /(?:^|[\s{,([])["':]?(message|type|code|param|status|statusCode|status_code|error)["']? ?(?:=>|:|=) ?/gi;

/** Read a quoted string (either quote, backslash escapes) or a bare token at `start`. */
function readValue(flat: string, start: number, key: string): { value: string | null; quoted: boolean } {
  const first = flat[start];
  if (first === '"' || first === "'" || first === '`') {
    let i = start + 1;
    let value = '';
    while (i < flat.length && flat[i] !== first) {
      if (flat[i] === '\\' && i + 1 < flat.length) {
        value += flat[i + 1];
        i += 2;
        continue;
      }
      value += flat[i];
      i++;
    }
    // An unterminated string is a truncated paste: keep what is there.
    return { value, quoted: true };
  }
  if (first === '{' || first === '[') return { value: null, quoted: false };
  if (key === 'message') {
    // Go and log formats print the message bare, up to the end of the record.
    const end = flat.slice(start).search(/ (?:type|code|param|status)[:=] |[}\]]/);
    const value = end === -1 ? flat.slice(start) : flat.slice(start, start + end);
    return { value: value.trim(), quoted: false };
  }
  const token = /^[\w.\-/]+/.exec(flat.slice(start, start + 120));
  return { value: token ? token[0] : null, quoted: false };
}

const NULLISH = new Set(['null', 'None', 'nil', 'undefined', 'NULL', '']);

/** `type` values that belong to request payloads, not to errors. */
const NON_ERROR_TYPES = new Set([
  'text',
  'image_url',
  'input_text',
  'output_text',
  'input_image',
  'function',
  'tool',
  'json_object',
  'json_schema',
  'message',
  'object',
  'string',
  'array',
  'integer',
  'number',
  'boolean',
  'auto',
  'application',
  'error',
]);

interface ErrorObjectFields {
  message?: string;
  type?: string;
  code?: string;
  param?: string;
  status?: number;
  hasErrorObject: boolean;
}

function readErrorObject(flat: string): ErrorObjectFields {
  const found: ErrorObjectFields = { hasErrorObject: false };
  let errorKeyAt = -1;
  const candidates: Array<{ key: string; at: number; value: string | null; quoted: boolean }> = [];
  FIELD_KEY.lastIndex = 0;
  for (let match = FIELD_KEY.exec(flat); match !== null; match = FIELD_KEY.exec(flat)) {
    const key = (match[1] as string).toLowerCase().replace(/_/g, '');
    const valueStart = match.index + match[0].length;
    if (key === 'error') {
      const next = flat[valueStart];
      // `"error": {…}` or `"error": "message"`; "Error: …" as a label is not an error object.
      if (match[1] === 'error' && (next === '{' || next === '"' || next === "'") && errorKeyAt === -1) {
        errorKeyAt = match.index;
        found.hasErrorObject = true;
        if (next !== '{') {
          const { value } = readValue(flat, valueStart, 'message');
          if (value && value.length > 3)
            candidates.push({ key: 'message', at: match.index, value, quoted: true });
        }
      }
      continue;
    }
    const { value, quoted } = readValue(flat, valueStart, key);
    candidates.push({ key, at: match.index, value, quoted });
    if (candidates.length > 400) break;
  }
  // Fields inside the first error object win; before it (request dumps, log context) only as a fallback.
  const ordered =
    errorKeyAt === -1 ? candidates : [...candidates.filter((c) => c.at > errorKeyAt), ...candidates];
  for (const { key, value, quoted } of ordered) {
    if (value === null || NULLISH.has(value)) continue;
    if (key === 'message') {
      if (found.message === undefined && value.length > 3 && (quoted || key === 'message'))
        found.message = value;
    } else if (key === 'type') {
      if (found.type === undefined && /^[A-Za-z_]{3,60}$/.test(value) && !NON_ERROR_TYPES.has(value)) {
        found.type = value;
      }
    } else if (key === 'code') {
      if (/^\d{3}$/.test(value)) {
        const status = Number(value);
        if (found.status === undefined && status >= 100 && status < 600) found.status = status;
      } else if (found.code === undefined && /^[A-Za-z][\w.-]{2,60}$/.test(value)) {
        found.code = value;
      }
    } else if (key === 'param') {
      if (found.param === undefined && value.length <= 80) found.param = value;
    } else if (key === 'status' || key === 'statuscode') {
      const status = Number(value.slice(0, 3));
      if (found.status === undefined && /^\d{3}\b/.test(value) && status >= 100 && status < 600) {
        found.status = status;
      }
    }
  }
  if (found.message !== undefined && (found.type !== undefined || found.code !== undefined)) {
    found.hasErrorObject = true;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Status, exceptions, headers

/** Where an HTTP status is written, most explicit first. Each captures the status in group 1. */
const STATUS_PATTERNS: readonly RegExp[] = [
  /\bError code:? (\d{3})\b/i,
  /\bHTTP(?:\/\d(?:\.\d)?)?[ :]+(\d{3})\b/i,
  /\bstatus(?:[ _-]?code)?["']?(?: ?[:=]>? ?| )["']?(\d{3})\b/i,
  /\b(\d{3}) (?:Bad Request|Unauthorized|Forbidden|Not Found|Request Time-?out|Conflict|Payload Too Large|Request Entity Too Large|Unprocessable Entity|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)\b/i,
  // Node SDK messages ("Error: 404 The model…", "RateLimitError: 429 Rate limit…") and status-first lines.
  /(?:^|[>:|\]]|Error|Exception) ?([1-5]\d\d)[ :]{1,2}(?:[A-Z{("'`]|status code)/,
  /\b(?:Error|error code) ([1-5]\d\d)\b/,
];

/** A status at the start of a line of the original text: `429 Rate limit reached…` after a code fence. */
const LINE_START_STATUS = /(?:^|\n)[ \t>*`#-]*([1-5]\d\d)[ :]{1,2}[A-Z{("'`]/;

/** Three digits in a row: without them no status pattern can match (a cheap test before six patterns). */
const THREE_DIGITS = /\d\d\d/;

function readStatus(flat: string, raw: string | undefined): number | undefined {
  if (!THREE_DIGITS.test(flat)) return undefined;
  const lineStart = raw === undefined ? null : LINE_START_STATUS.exec(raw);
  const patterns = lineStart ? [LINE_START_STATUS, ...STATUS_PATTERNS] : STATUS_PATTERNS;
  for (const pattern of patterns) {
    const match = pattern === LINE_START_STATUS ? lineStart : pattern.exec(flat);
    if (match) {
      const status = Number(match[1]);
      if (status >= 100 && status < 600) return status;
    }
  }
  return undefined;
}

/**
 * Exception and error class names: `RateLimitError`, `APIRemovedInV1`, `ConnectError`… The module path in front
 * (`openai.error.`, `openai.`, `litellm.exceptions.`) is read by hand in `modulePathBefore`.
 */
const EXCEPTION_NAME =
  /\b([A-Z][A-Za-z0-9]*(?:Error|Exception|Timeout|TryAgain|RemovedInV1|Disconnected))\b/g;

/** The dotted module path right before `index` ("openai.error." before "RateLimitError"). */
function modulePathBefore(flat: string, index: number): string {
  let start = index;
  while (start > 0 && /[\w.]/.test(flat[start - 1] as string) && index - start < 80) start--;
  return flat.slice(start, index);
}

function readExceptions(flat: string): { names: string[]; openaiModule: boolean } {
  const names: string[] = [];
  let openaiModule = false;
  EXCEPTION_NAME.lastIndex = 0;
  for (let match = EXCEPTION_NAME.exec(flat); match !== null; match = EXCEPTION_NAME.exec(flat)) {
    names.push(match[1] as string);
    if (modulePathBefore(flat, match.index).startsWith('openai.')) openaiModule = true;
    if (names.length > 50) break;
  }
  return { names, openaiModule };
}

/** Response headers printed in curl `-v` output, logs and SDK dumps. */
const HEADER_LINE =
  /\b(x-request-id|retry-after-ms|retry-after|openai-organization|openai-project|x-ratelimit-(?:limit|remaining|reset)-(?:requests|tokens))["']?(?::|=>|=) ?["']?([\w.-]+)/gi;

function readHeaders(flat: string, into: Map<string, string>): void {
  HEADER_LINE.lastIndex = 0;
  for (let match = HEADER_LINE.exec(flat); match !== null; match = HEADER_LINE.exec(flat)) {
    const name = (match[1] as string).toLowerCase();
    if (!into.has(name)) into.set(name, match[2] as string);
  }
}

/** Words shaped like error codes (`insufficient_quota`, `model_not_found`): read even outside JSON. */
const CODE_WORD = /\b[a-z]{2,}(?:_[a-z]{2,}){1,5}\b/g;

/** A code word is "labelled" when written as a value: after `:`/`=`/"code", or inside quotes or backticks. */
const LABEL_BEFORE = /(?:[:=] ?|\bcode ?|["'`])$/i;

function readCodeWords(flat: string): { all: Set<string>; labelled: Set<string> } {
  const all = new Set<string>();
  const labelled = new Set<string>();
  CODE_WORD.lastIndex = 0;
  for (let match = CODE_WORD.exec(flat); match !== null; match = CODE_WORD.exec(flat)) {
    all.add(match[0]);
    const before = flat.slice(Math.max(0, match.index - 6), match.index);
    const after = flat[match.index + match[0].length];
    if (LABEL_BEFORE.test(before) || after === '"' || after === "'" || after === '`') labelled.add(match[0]);
    if (all.size > 200) break;
  }
  return { all, labelled };
}

/** Parse error text in any of the forms listed at the top of this file. */
export function parseErrorText(text: string): ParsedError {
  const { flat, originOf } = flattenText(text);
  return parseFlat(flat, originOf, text);
}

/** Parse already flattened text; `raw` (the original) lets status lines be found by their line starts. */
export function parseFlat(flat: string, originOf: (flatIndex: number) => number, raw?: string): ParsedError {
  const object = readErrorObject(flat);
  // Cheap substring tests first: most texts have no exception name, header or snake_case word.
  const { names, openaiModule } = /Error|Exception|Timeout|TryAgain|RemovedInV1|Disconnected/.test(flat)
    ? readExceptions(flat)
    : { names: [], openaiModule: false };
  const headers = new Map<string, string>();
  if (/x-r|retry-after|openai-/i.test(flat)) readHeaders(flat, headers);
  const words = flat.includes('_')
    ? readCodeWords(flat)
    : { all: new Set<string>(), labelled: new Set<string>() };
  const parsed: ParsedError = {
    flat,
    originOf,
    exceptions: names,
    openaiModule,
    headers,
    hasErrorObject: object.hasErrorObject,
    fromApi: false,
    codeWords: words.all,
    labelledCodeWords: words.labelled,
  };
  if (object.message !== undefined) parsed.message = object.message;
  if (object.type !== undefined) parsed.type = object.type;
  if (object.code !== undefined) parsed.code = object.code;
  if (object.param !== undefined) parsed.param = object.param;
  const status = readStatus(flat, raw) ?? object.status;
  if (status !== undefined) parsed.status = status;
  return parsed;
}

// ---------------------------------------------------------------------------------------------------------
// Structured inputs

function headerRecord(headers: Record<string, string> | Headers | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!headers) return out;
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    (headers as Headers).forEach((value, name) => {
      out.set(name.toLowerCase(), value);
    });
    return out;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === 'string') out.set(name.toLowerCase(), value);
    else if (typeof value === 'number') out.set(name.toLowerCase(), String(value));
  }
  return out;
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Fields of `{error: {...}}`, `{message, type, code, param}` or a string body. */
function bodyFields(body: unknown): { message?: string; type?: string; code?: string; param?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const inner = record.error;
  if (typeof inner === 'object' && inner !== null) return bodyFields(inner);
  const out: { message?: string; type?: string; code?: string; param?: string } = {};
  const message = stringField(record.message) ?? stringField(inner);
  if (message !== undefined) out.message = message;
  const type = stringField(record.type);
  if (type !== undefined) out.type = type;
  const code = stringField(record.code);
  if (code !== undefined) out.code = code;
  const param = stringField(record.param);
  if (param !== undefined) out.param = param;
  return out;
}

/** Serialise what we know as text so the same catalogue patterns apply; structured fields then override. */
export function parseStructured(parts: {
  status?: number;
  headers?: Record<string, string> | Headers;
  body?: unknown;
  name?: string;
  message?: string;
  code?: string | null;
  type?: string | null;
  param?: string | null;
  causeText?: string;
}): ParsedError {
  const bodyText =
    typeof parts.body === 'string'
      ? parts.body
      : parts.body === undefined || parts.body === null
        ? ''
        : safeStringify(parts.body);
  const text = [parts.name ? `${parts.name}:` : '', parts.message ?? '', bodyText, parts.causeText ?? '']
    .filter((piece) => piece.length > 0)
    .join(' ');
  const parsed = parseErrorText(text);
  parsed.fromApi = true;
  const fields = bodyFields(parts.body);
  const message = fields.message;
  if (message !== undefined) parsed.message = message;
  const type = parts.type ?? fields.type;
  if (type) parsed.type = type;
  const code = parts.code ?? fields.code;
  if (code) {
    if (/^\d{3}$/.test(code)) parsed.status ??= Number(code);
    else parsed.code = code;
  }
  const param = parts.param ?? fields.param;
  if (param) parsed.param = param;
  if (parts.status !== undefined && parts.status > 0) parsed.status = parts.status;
  if (parts.name) {
    parsed.exceptions = [...parsed.exceptions.filter((n) => n !== parts.name), parts.name];
    parsed.openaiModule = true;
  }
  if (message !== undefined || type || code) parsed.hasErrorObject = true;
  for (const [name, value] of headerRecord(parts.headers)) parsed.headers.set(name, value);
  return parsed;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** Every regular expression of this module, for the ReDoS test. */
export const PARSE_PATTERNS: readonly RegExp[] = [
  HTML_PAGE,
  FIELD_KEY,
  ...STATUS_PATTERNS,
  LINE_START_STATUS,
  THREE_DIGITS,
  EXCEPTION_NAME,
  HEADER_LINE,
  CODE_WORD,
  LABEL_BEFORE,
];
