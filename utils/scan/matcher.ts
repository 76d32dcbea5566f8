/**
 * The scanner's matcher: cheap checks in the page, the diagnosis engine in the background.
 *
 * The error catalogue, the parser and the model catalogue are most of the engine's weight and start-up time, so
 * the content scripts do not carry them (issue 6/7 size and time targets): what passes the local pre-check is
 * sent to the background (`content:findErrors`) in one message per scanner pass. Leaked keys are found here and
 * never sent: key-shaped substrings are replaced before any text leaves (see outgoing-text.ts).
 *
 * Answers are cached by block text: Discourse re-creates the same posts again and again while you scroll
 * (cloaking), and a re-created post must be highlighted at once, without a message. Texts already asked for
 * are not asked again while their answer is on its way.
 */
import { mightContainError } from '../diagnosis/precheck';
import { findKeyLikeStrings, type KeyLikeMatch } from '../diagnosis/redact';
import { FIND_ERRORS_LIMITS, type FoundError } from '../messages';
import { mightHoldKey, type OutgoingText, prepareOutgoingText } from './outgoing-text';
import type { ErrorSpan, KeySpan, ScanMatcher } from './types';

const NOTHING: readonly never[] = [];

/** Sends one batch of (masked) texts to the diagnosis engine; `results[i]` answers `texts[i]`. */
export type SendTexts = (texts: string[]) => Promise<readonly (readonly FoundError[])[]>;

export interface DiagnosisMatcherOptions {
  /** One `content:findErrors` message (see background-matcher.ts); tests pass a fake background. */
  send: SendTexts;
  /** Distinct block texts remembered (the oldest dropped first). */
  cacheSize?: number;
  /** What one message may carry; `FIND_ERRORS_LIMITS` unless a test shrinks it. */
  limits?: { maxTexts: number; maxChars: number };
  /** Told about a failed message (its blocks then show no errors until their text changes). */
  onError?: (error: unknown) => void;
}

interface Outgoing {
  text: string;
  outgoing: OutgoingText;
}

/** The answer's spans in the page's offsets; anything malformed is dropped, not trusted. */
function spansOf(found: unknown, entry: Outgoing): readonly ErrorSpan[] {
  if (!Array.isArray(found) || found.length === 0) return NOTHING;
  const spans: ErrorSpan[] = [];
  for (const item of found as Partial<FoundError>[]) {
    if (typeof item?.start !== 'number' || typeof item.end !== 'number') continue;
    if (typeof item.diagnosis?.category !== 'string') continue;
    const limit = entry.outgoing.text.length;
    const start = entry.outgoing.toOriginal(Math.max(0, Math.min(item.start, limit)), 'start');
    const end = entry.outgoing.toOriginal(Math.max(0, Math.min(item.end, limit)), 'end');
    if (end > start) spans.push({ start, end, diagnosis: item.diagnosis });
  }
  return spans;
}

/** Splits texts into messages within the limits, in order. */
function batchesOf(entries: Outgoing[], limits: { maxTexts: number; maxChars: number }): Outgoing[][] {
  const batches: Outgoing[][] = [];
  let current: Outgoing[] = [];
  let chars = 0;
  for (const entry of entries) {
    const size = entry.outgoing.text.length;
    if (current.length > 0 && (current.length >= limits.maxTexts || chars + size > limits.maxChars)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(entry);
    chars += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function createDiagnosisMatcher(options: DiagnosisMatcherOptions): ScanMatcher {
  const cacheSize = options.cacheSize ?? 1000;
  const limits = options.limits ?? FIND_ERRORS_LIMITS;
  const cache = new Map<string, readonly ErrorSpan[]>();
  const inFlight = new Map<string, Promise<readonly ErrorSpan[]>>();

  const remember = (text: string, spans: readonly ErrorSpan[]) => {
    cache.set(text, spans);
    if (cache.size > cacheSize) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
  };

  /**
   * Texts the pre-check let through lately: a block is looked up several times in one pass (the scan, then the
   * request), and a Map lookup of the same string is cheaper than reading it again.
   */
  const passed = new Set<string>();
  /**
   * Key-shaped strings of the blocks that hold some: a block is searched for them when it is scanned, masked to
   * be sent, and scanned again with the answer; the search is done once.
   */
  const keyLike = new Map<string, readonly KeyLikeMatch[]>();
  const keyLikeIn = (text: string): readonly KeyLikeMatch[] => {
    if (!mightHoldKey(text)) return NOTHING;
    // A block too large to send is searched each time rather than kept (it is never sent, see `knownErrors`).
    if (text.length > limits.maxChars) return findKeyLikeStrings(text);
    let found = keyLike.get(text);
    if (found === undefined) {
      found = findKeyLikeStrings(text);
      if (keyLike.size >= cacheSize) keyLike.clear();
      keyLike.set(text, found);
    }
    return found;
  };

  const knownErrors = (text: string): readonly ErrorSpan[] | undefined => {
    // An answer is only cached for a text that passed the pre-check: no need to read it again (re-created
    // posts, the pass that marks what the background found).
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    if (passed.has(text)) return undefined;
    // A single block larger than a whole message is not a forum post (Discourse caps posts at 32,000
    // characters): it is not read at all.
    if (text.length > limits.maxChars || !mightContainError(text)) return NOTHING;
    if (passed.size >= cacheSize) passed.clear();
    passed.add(text);
    return undefined;
  };

  function send(batch: Outgoing[]): void {
    const answer = options.send(batch.map((entry) => entry.outgoing.text)).then(
      (results) => batch.map((entry, index) => spansOf(results[index], entry)),
      (error: unknown) => {
        options.onError?.(error);
        return null;
      },
    );
    batch.forEach((entry, index) => {
      const spans = answer.then((all) => {
        inFlight.delete(entry.text);
        if (all === null) return NOTHING;
        const found = all[index] ?? NOTHING;
        remember(entry.text, found);
        return found;
      });
      inFlight.set(entry.text, spans);
    });
  }

  return {
    mightMatch: (text) => mightContainError(text) || mightHoldKey(text),
    knownErrors,
    async requestErrors(texts) {
      const answers = new Map<string, readonly ErrorSpan[]>();
      const fresh: Outgoing[] = [];
      const seen = new Set<string>();
      for (const text of texts) {
        if (seen.has(text)) continue;
        seen.add(text);
        const known = knownErrors(text);
        if (known !== undefined) answers.set(text, known);
        else if (!inFlight.has(text))
          fresh.push({ text, outgoing: prepareOutgoingText(text, keyLikeIn(text)) });
      }
      for (const batch of batchesOf(fresh, limits)) send(batch);
      const waiting = [...seen].filter((text) => !answers.has(text));
      await Promise.all(
        waiting.map(async (text) => {
          answers.set(text, (await inFlight.get(text)) ?? cache.get(text) ?? NOTHING);
        }),
      );
      return answers;
    },
    findLeakedKeys(text) {
      const found = keyLikeIn(text);
      if (found.length === 0) return NOTHING;
      const keys: KeySpan[] = [];
      // Only live-looking keys: "sk-..." placeholders and masked echoes are not leaks.
      for (const match of found) if (match.live) keys.push({ start: match.start, end: match.end });
      return keys;
    },
  };
}
