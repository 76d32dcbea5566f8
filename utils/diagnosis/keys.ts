/**
 * Reading an API key the way people paste it, naming its kind, and showing it without revealing it.
 *
 * Facts (DESIGN §3): `sk-proj-…` project keys, `sk-svcacct-…` service-account keys, `sk-admin-…` admin keys
 * (cannot call models), legacy `sk-…`; real keys contain `T3BlbkFJ` ("OpenAI" in base64). Pasted keys often
 * carry spaces, newlines, quotes, `Bearer ` or the line of a `.env` file around them.
 */
import type { KeyKind } from '../probes/types';

export interface ParsedKeyInput {
  /** The key with paste debris removed. */
  key: string;
  kind: KeyKind;
  /** Shape problems, in plain words; never blocking (the server decides). Never contain the key. */
  warnings: string[];
  /** What was stripped: "spaces", "newlines", "quotes", "Bearer prefix", "OPENAI_API_KEY= prefix"… */
  removed: string[];
}

/** The marker every OpenAI secret key carries: base64 of "OpenAI". */
export const OPENAI_KEY_MARKER = 'T3BlbkFJ';

const KIND_PREFIXES: ReadonlyArray<readonly [string, KeyKind]> = [
  ['sk-proj-', 'project'],
  ['sk-svcacct-', 'service_account'],
  ['sk-admin-', 'admin'],
];

export function keyKind(key: string): KeyKind {
  for (const [prefix, kind] of KIND_PREFIXES) if (key.startsWith(prefix)) return kind;
  return key.startsWith('sk-') ? 'legacy' : 'unknown';
}

/** The part of a key that names its kind and is safe to show: "sk-proj-", "sk-", or nothing. */
function visiblePrefix(key: string): string {
  for (const [prefix] of KIND_PREFIXES) if (key.startsWith(prefix)) return prefix;
  return key.startsWith('sk-') ? 'sk-' : '';
}

/**
 * `sk-proj-…abcd`: the kind prefix, an ellipsis and at most the last 4 characters. Shorter secrets show fewer
 * (2, then none), so a short or truncated input never reveals a large share of itself.
 */
export function maskKey(key: string): string {
  const prefix = visiblePrefix(key);
  const secret = key.slice(prefix.length);
  const shown = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${prefix}…${shown > 0 ? secret.slice(-shown) : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Paste cleaning

/**
 * `OPENAI_API_KEY=…`, `export OPENAI_API_KEY="…"`, `set OPENAI_API_KEY=…` (Windows), `$env:OPENAI_API_KEY="…"`
 * (PowerShell), `"OPENAI_API_KEY": "…"` (JSON), `openai.api_key = "…"` (Python pre-1.0), `api_key: …` (YAML).
 */
const ASSIGNMENT_PREFIX = /^[{\s]*(?:export\s+|set\s+|\$env:)?["'`]?([A-Za-z_][\w.-]*)["'`]?\s*[:=]\s*/i;
/** Only names that hold a key count: `OPENAI_API_KEY`, `openai.api_key`, Azure's `api-key` header. */
const KEY_VARIABLE_NAME = /api[-_]?key$/i;
const AUTHORIZATION_PREFIX = /^authorization\s*:\s*/i;
const BEARER_PREFIX = /^bearer\s+/i;
const QUOTES = `"'\`“”‘’«»`;
/** `,` `;` `}` left at the end of a JSON or shell line; trimmed by a loop (a `[,;}]+$` pattern is quadratic). */
const TRAILING_PUNCTUATION = ',;}';

function trimTrailingPunctuation(value: string): string {
  let end = value.length;
  while (end > 0 && TRAILING_PUNCTUATION.includes(value[end - 1]!)) end--;
  return value.slice(0, end);
}

/** Characters that are invisible or look like a space, all of which sneak in from web pages and chat apps. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const LINE_BREAKS = /[\r\n\u2028\u2029]/g;
const SPACES = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;

/** Remove every match of a global pattern, recording `label` when something was removed. */
function removeAll(value: string, pattern: RegExp, label: string, removed: Set<string>): string {
  const next = value.replace(pattern, '');
  if (next !== value) removed.add(label);
  return next;
}

function stripQuotes(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && QUOTES.includes(value[start]!)) start++;
  while (end > start && QUOTES.includes(value[end - 1]!)) end--;
  return value.slice(start, end);
}

/** Remove one layer of wrapping; called until nothing changes (`"Bearer sk-…"`, `KEY="sk-…";`). */
function stripLayer(value: string, removed: Set<string>): string {
  let next = value.trim();
  const assignment = ASSIGNMENT_PREFIX.exec(next);
  if (assignment && KEY_VARIABLE_NAME.test(assignment[1]!)) {
    removed.add(`${assignment[1]!}= prefix`);
    next = next.slice(assignment[0].length).trim();
  }
  const withoutTrailing = trimTrailingPunctuation(next);
  if (withoutTrailing !== next) {
    removed.add('trailing punctuation');
    next = withoutTrailing.trim();
  }
  const unquoted = stripQuotes(next);
  if (unquoted !== next) {
    removed.add('quotes');
    next = unquoted.trim();
  }
  if (AUTHORIZATION_PREFIX.test(next)) {
    removed.add('Authorization header name');
    next = next.replace(AUTHORIZATION_PREFIX, '');
  }
  if (BEARER_PREFIX.test(next)) {
    removed.add('Bearer prefix');
    next = next.replace(BEARER_PREFIX, '');
  }
  return next;
}

const PLACEHOLDERS = new Set([
  'undefined',
  'null',
  'none',
  'nil',
  'nan',
  'true',
  'false',
  'your_api_key',
  'your-api-key',
  'yourapikey',
  'your_openai_api_key',
  'api_key',
  'openai_api_key',
  'sk-xxx',
  'sk-...',
  'sk-…',
]);

/** Other things people paste into a key field, by prefix. */
const LOOKALIKES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^org-[A-Za-z0-9]{10,}$/,
    'This looks like an organization id (org-…), not an API key. Keys start with "sk-"; the organization id goes in the organization field.',
  ],
  [
    /^proj_[A-Za-z0-9]{10,}$/,
    'This looks like a project id (proj_…), not an API key. Keys start with "sk-"; the project id goes in the project field.',
  ],
  [
    /^sess-[A-Za-z0-9]{10,}$/,
    'This looks like a ChatGPT/platform browser session key (sess-…), not an API key. Create a secret key on the API keys page.',
  ],
  [/^user-[A-Za-z0-9]{10,}$/, 'This looks like a user id (user-…), not an API key.'],
  [/^sk-ant-/, 'This is an Anthropic key (sk-ant-…); it does not work with the OpenAI API.'],
  [/^sk-or-/, 'This is an OpenRouter key (sk-or-…); it does not work with api.openai.com.'],
  [/^AIza/, 'This looks like a Google API key (AIza…); it does not work with the OpenAI API.'],
  [/^gsk_/, 'This looks like a Groq key (gsk_…); it does not work with the OpenAI API.'],
  [/^xai-/, 'This looks like an xAI key (xai-…); it does not work with the OpenAI API.'],
  [/^hf_/, 'This looks like a Hugging Face token (hf_…); it does not work with the OpenAI API.'],
  [/^eyJ/, 'This looks like a JSON Web Token (a session token), not an API key.'],
];

const ANGLE_PLACEHOLDER = /^<.*>$/;
const REPEATED_X_PLACEHOLDER = /^sk-x{3,}$/i;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const VARIABLE_REFERENCE = /^(?:\$\{?[A-Za-z_]|process\.env\.|os\.environ|os\.getenv|%[A-Za-z_])/;
const MASKED_FORM = /[*•…]|\.\.\./;
const KEY_CHARACTERS = /^[A-Za-z0-9_-]*$/;
/** Shortest real keys seen: legacy `sk-` + 48 characters. Anything under 40 is certainly cut off. */
const MIN_PLAUSIBLE_LENGTH = 40;

function describeCodePoint(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

function shapeWarnings(key: string, kind: KeyKind): string[] {
  const warnings: string[] = [];
  if (key.length === 0) return ['The key is empty.'];
  const lower = key.toLowerCase();
  if (PLACEHOLDERS.has(lower) || ANGLE_PLACEHOLDER.test(key) || REPEATED_X_PLACEHOLDER.test(key)) {
    // Quoted only when it cannot be a real key: `<sk-proj-…>` pasted from a template would otherwise be shown in
    // clear under the password field (issue 8: warnings never contain the key).
    const quotable = key.length <= 32 && !key.includes('sk-');
    warnings.push(
      quotable
        ? `"${key}" is a placeholder, not a key: the variable that should hold the key was empty or never set, so the text "${key}" was sent instead.`
        : 'This is a placeholder in angle brackets, not a key: paste the key itself, without "<" and ">".',
    );
    return warnings;
  }
  if (VARIABLE_REFERENCE.test(key)) {
    warnings.push(
      'This is the name of a variable, not its value. Paste the key itself (it starts with "sk-").',
    );
    return warnings;
  }
  for (const [pattern, message] of LOOKALIKES) {
    if (pattern.test(key)) {
      warnings.push(message);
      return warnings;
    }
  }

  const nonAscii = [...key].filter((char) => (char.codePointAt(0) ?? 0) > 0x7e);
  if (nonAscii.length > 0) {
    const beyondLatin1 = nonAscii.some((char) => (char.codePointAt(0) ?? 0) > 0xff);
    const listed = [...new Set(nonAscii.map(describeCodePoint))].slice(0, 3).join(', ');
    warnings.push(
      `The key contains characters that never appear in API keys (${listed}), usually from a word processor, a chat app or a masked copy.` +
        (beyondLatin1
          ? ' Browsers and Node refuse to send such characters in a header: fetch throws "Cannot convert argument to a ByteString" / "String contains non ISO-8859-1 code point" before any request is made.'
          : ' The server will answer 401 "Incorrect API key provided".'),
    );
  } else if (!KEY_CHARACTERS.test(key)) {
    warnings.push(
      'The key contains punctuation that never appears in API keys (only letters, digits, "-" and "_" do).',
    );
  }
  if (MASKED_FORM.test(key)) {
    warnings.push(
      'This looks like a masked or shortened key (it contains "…", "***" or "..."). The full key is shown only once, when it is created; create a new one if you no longer have it.',
    );
  }
  if (kind === 'unknown') {
    warnings.push('OpenAI API keys start with "sk-" ("sk-proj-" for project keys).');
  } else if (kind === 'admin') {
    warnings.push(
      'This is an admin key (sk-admin-…): it manages the organization but cannot call models. Use a project key to check model access.',
    );
  }
  if (key.length < MIN_PLAUSIBLE_LENGTH) {
    warnings.push(
      `The key is only ${key.length} characters long; real keys are much longer. It may be cut off.`,
    );
  } else if (kind !== 'unknown' && !key.includes(OPENAI_KEY_MARKER)) {
    warnings.push(
      `OpenAI secret keys contain "${OPENAI_KEY_MARKER}"; this one does not, so it may be incomplete or not an OpenAI key.`,
    );
  }
  return warnings;
}

/** A full secret key inside a line of code: `OpenAI(api_key="sk-…")`, `{apiKey:'sk-…'}`. */
const KEY_TOKEN = /sk-[A-Za-z0-9_-]{20,}/g;
const INNER_BEARER = /Bearer[ \t]+(?=sk-)/gi;
/** What may sit right next to a key in code; anything else means the "key" is cut or glued to text. */
const CODE_DELIMITERS = `"'\`=(),;:{}[]<>`;

/**
 * When the cleaned value is still code around one complete key (it carries the marker, and code punctuation
 * on both sides), keep only the key. A key with a stray character inside is left alone, so its warning shows.
 */
function extractKeyFromCode(value: string, removed: Set<string>): string {
  if (KEY_CHARACTERS.test(value)) return value;
  const tokens = [...value.matchAll(KEY_TOKEN)];
  if (tokens.length !== 1) return value;
  const token = tokens[0]!;
  const start = token.index;
  const end = start + token[0].length;
  const before = start === 0 || CODE_DELIMITERS.includes(value[start - 1]!);
  const after = end === value.length || CODE_DELIMITERS.includes(value[end]!);
  if (!before || !after || !token[0].includes(OPENAI_KEY_MARKER)) return value;
  removed.add('surrounding code');
  return token[0];
}

/**
 * Clean a pasted key: whitespace and newlines anywhere, surrounding quotes or backticks, `Bearer `,
 * `Authorization:`, and `OPENAI_API_KEY=` / `export …=` / JSON / Python assignment forms. Never throws; the
 * warnings explain anything odd about the result without revealing it.
 */
export function parseKeyInput(raw: string): ParsedKeyInput {
  const removed = new Set<string>();
  let value = typeof raw === 'string' ? raw : '';

  value = removeAll(value, INVISIBLE, 'invisible characters', removed);
  // Whitespace around the key (a trailing newline from the clipboard) is worth naming too.
  const leading = value.slice(0, value.length - value.trimStart().length);
  const trailing = value.slice(value.trimEnd().length);
  const surrounding = leading.length < value.length ? leading + trailing : leading;
  if (surrounding.length > 0) removed.add(LINE_BREAK.test(surrounding) ? 'newlines' : 'spaces');
  // Unwrap before removing inner whitespace, so `export OPENAI_API_KEY=…` loses its `export ` as a prefix.
  for (let layer = 0; layer < 6; layer++) {
    const next = stripLayer(value, removed);
    if (next === value) break;
    value = next;
  }
  // `"Authorization": "Bearer sk-…"` inside code: drop the scheme before spaces go, or it glues onto the key.
  value = removeAll(value, INNER_BEARER, 'Bearer prefix', removed);
  value = removeAll(value, LINE_BREAKS, 'newlines', removed);
  value = removeAll(value, SPACES, 'spaces', removed);
  value = extractKeyFromCode(value, removed);
  // Quotes may sit inside whitespace that only now disappeared (`" sk-… "`).
  const unquoted = stripQuotes(value);
  if (unquoted !== value) {
    removed.add('quotes');
    value = unquoted;
  }
  const kind = keyKind(value);
  return { key: value, kind, warnings: shapeWarnings(value, kind), removed: [...removed] };
}

/** Every pattern this module runs on user input, for the ReDoS test (tests/unit/diagnosis/keys.test.ts). */
export const KEY_INPUT_PATTERNS: readonly RegExp[] = [
  ASSIGNMENT_PREFIX,
  KEY_VARIABLE_NAME,
  AUTHORIZATION_PREFIX,
  BEARER_PREFIX,
  INVISIBLE,
  LINE_BREAKS,
  SPACES,
  LINE_BREAK,
  ANGLE_PLACEHOLDER,
  REPEATED_X_PLACEHOLDER,
  VARIABLE_REFERENCE,
  MASKED_FORM,
  KEY_CHARACTERS,
  KEY_TOKEN,
  INNER_BEARER,
  ...LOOKALIKES.map(([pattern]) => pattern),
];
