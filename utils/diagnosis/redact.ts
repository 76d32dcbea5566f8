/**
 * Masking keys (and optionally organization / project ids) in any text the product displays or copies:
 * error messages (OpenAI echoes part of a wrong key back), forum posts, reports.
 *
 * Every pattern here is linear: one literal anchor followed by single character-class runs, with no
 * quantified group that contains a quantifier, so a ReDoS checker finds no ambiguity and a 1 MB page scans in
 * one pass. Decisions that would need look-arounds or nesting are made in code on each candidate instead.
 */
import type { KeyKind } from '../probes/types';
import { keyKind, maskKey, OPENAI_KEY_MARKER } from './keys';

export interface KeyLikeMatch {
  start: number;
  end: number;
  kind: KeyKind;
  /** Shaped like a usable secret (not a masked or shortened form). */
  live: boolean;
}

/**
 * `sk-` then key characters, or the masking characters OpenAI and dashboards print (`*`, `•`, `…`), and at
 * most one ASCII ellipsis with more characters after it ("sk-abc...wxyz"). The ellipsis is outside the class,
 * so the two runs cannot trade characters: matching is linear.
 */
const SK_CANDIDATE = /sk-[A-Za-z0-9_*•…-]*(?:\.{2,3}[A-Za-z0-9_*•…-]+)?/g;

/** Session keys of the ChatGPT/platform web apps (`sess-` + 40 characters): as secret as an API key. */
const SESSION_KEY = /sess-[A-Za-z0-9]{40}/g;

/** `Bearer <token>` in logged headers and curl commands; the token may be any credential. */
const BEARER_TOKEN = /Bearer[ \t]+[A-Za-z0-9._~+/=*•…-]{8,}/gi;

/** Organization and project ids (`org-` / `proj_` + 24 characters as issued; older ids vary, so 12+). */
const ORG_ID = /org-[A-Za-z0-9]{12,}/g;
const PROJECT_ID = /proj_[A-Za-z0-9]{12,}/g;

/** A modern key prefix followed by 40 plain key characters: enough to be a real, usable secret. */
const LIVE_PREFIXED = /sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40}/;
const MASK_CHARACTERS = /[*•…]|\.\./;
const WORD_CHARACTER = /[A-Za-z0-9]/;
const DIGIT = /\d/;
const BEARER_GAP = /[ \t][^ \t]/;
/** Without masking characters, a run this short after "sk-" is a word ("sk-learn"), not a key. */
const MIN_UNMASKED_BODY = 20;

/**
 * Live: contains the `T3BlbkFJ` marker, or a modern prefix with 40+ plain characters. Anything else that
 * still looks like a key (a masked echo, "sk-abc...xyz") is reported as not live.
 */
function isLive(candidate: string): boolean {
  return candidate.includes(OPENAI_KEY_MARKER) || LIVE_PREFIXED.test(candidate);
}

function keyLikeCandidates(text: string): KeyLikeMatch[] {
  const found: KeyLikeMatch[] = [];
  for (const match of text.matchAll(SK_CANDIDATE)) {
    const value = match[0];
    const start = match.index;
    const live = isLive(value);
    const body = value.slice(3);
    const masked = MASK_CHARACTERS.test(body);
    const gluedToWord = start > 0 && WORD_CHARACTER.test(text[start - 1]!);
    // "risk-assessment-of-the-project" contains "sk-…": only a live secret justifies cutting into a word.
    if (!live && (gluedToWord || (masked ? body.length < 2 : body.length < MIN_UNMASKED_BODY))) continue;
    found.push({ start, end: start + value.length, kind: keyKind(value), live });
  }
  for (const match of text.matchAll(SESSION_KEY)) {
    const start = match.index;
    if (start > 0 && WORD_CHARACTER.test(text[start - 1]!)) continue;
    found.push({ start, end: start + match[0].length, kind: 'unknown', live: true });
  }
  return found;
}

/** Key-shaped substrings, sorted by position, non-overlapping. */
export function findKeyLikeStrings(text: string): KeyLikeMatch[] {
  return mergeSpans(keyLikeCandidates(text));
}

function mergeSpans<T extends { start: number; end: number }>(spans: T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: T[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) continue;
    merged.push(span);
  }
  return merged;
}

/** Key characters at the end of a masked form: what it chose to reveal ("****abcd" → "abcd"). */
const TRAILING_PLAIN = /[A-Za-z0-9_-]{1,4}$/;
const KIND_PREFIX = /^sk-(?:(?:proj|svcacct|admin)-)?/;

/**
 * The display form of a key-shaped substring. A live key goes through `maskKey`. A form that is already
 * masked ("sk-proj-****abcd", "sk-abc...wxyz", our own "sk-proj-…abcd") keeps its kind prefix and at most
 * the 4 characters it showed at its end, so redacting twice gives the same text.
 */
function maskCandidate(value: string, live: boolean): string {
  if (live || !MASK_CHARACTERS.test(value.slice(3))) return maskKey(value);
  const prefix = KIND_PREFIX.exec(value)?.[0] ?? 'sk-';
  const body = value.slice(prefix.length);
  const lastMask = Math.max(
    body.lastIndexOf('*'),
    body.lastIndexOf('•'),
    body.lastIndexOf('…'),
    body.lastIndexOf('.'),
  );
  const tail = TRAILING_PLAIN.exec(body.slice(lastMask + 1))?.[0] ?? '';
  return `${prefix}…${tail}`;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** `org-AbC…wxyz` / `proj_…wxyz`: the id's prefix, an ellipsis and the last 4 characters. */
function maskId(id: string, prefixLength: number): string {
  return `${id.slice(0, prefixLength)}…${id.slice(-4)}`;
}

/**
 * Replace every key-shaped substring with its masked form (`sk-proj-…abcd`), including the shapes OpenAI
 * echoes ("Incorrect API key provided: sk-proj-*****…abcd") and `Bearer <token>`. With `maskIds`, also
 * organization and project ids (`org-…abcd`, `proj_…abcd`), for reports shared in public.
 */
export function redactKeys(text: string, options?: { maskIds?: boolean }): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const replacements: Replacement[] = keyLikeCandidates(text).map((found) => ({
    start: found.start,
    end: found.end,
    text: maskCandidate(text.slice(found.start, found.end), found.live),
  }));
  for (const match of text.matchAll(BEARER_TOKEN)) {
    const whole = match[0];
    const tokenOffset = whole.search(BEARER_GAP) + 1;
    const start = match.index + tokenOffset;
    const token = whole.slice(tokenOffset);
    // Keys are masked by the key pass; "…" means already masked; a token without digits is a placeholder
    // ("Bearer undefined", "Bearer YOUR_API_KEY") that tells the user what went wrong, so it stays readable.
    if (token.startsWith('sk-') || token.startsWith('…') || !DIGIT.test(token)) continue;
    replacements.push({ start, end: match.index + whole.length, text: maskKey(token) });
  }
  if (options?.maskIds === true) {
    for (const match of text.matchAll(ORG_ID)) {
      if (match.index > 0 && WORD_CHARACTER.test(text[match.index - 1]!)) continue;
      replacements.push({
        start: match.index,
        end: match.index + match[0].length,
        text: maskId(match[0], 4),
      });
    }
    for (const match of text.matchAll(PROJECT_ID)) {
      if (match.index > 0 && WORD_CHARACTER.test(text[match.index - 1]!)) continue;
      replacements.push({
        start: match.index,
        end: match.index + match[0].length,
        text: maskId(match[0], 5),
      });
    }
  }
  if (replacements.length === 0) return text;

  const ordered = mergeSpans(replacements);
  let out = '';
  let cursor = 0;
  for (const replacement of ordered) {
    out += text.slice(cursor, replacement.start) + replacement.text;
    cursor = replacement.end;
  }
  return out + text.slice(cursor);
}

/** Every pattern this module runs on page and API text, for the ReDoS test (tests/unit/diagnosis/redact.test.ts). */
export const REDACTION_PATTERNS: readonly RegExp[] = [
  SK_CANDIDATE,
  SESSION_KEY,
  BEARER_TOKEN,
  BEARER_GAP,
  ORG_ID,
  PROJECT_ID,
  LIVE_PREFIXED,
  MASK_CHARACTERS,
  WORD_CHARACTER,
  DIGIT,
  TRAILING_PLAIN,
  KIND_PREFIX,
];
