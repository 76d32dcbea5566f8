/**
 * The diagnosis engine as the scanner's matcher. Modules are imported one by one (not the barrel) so the
 * content script carries only what matching needs.
 *
 * Results are cached by block text: Discourse re-creates the same posts again and again while you scroll
 * (cloaking), and re-running the classifier on an unchanged paragraph would be wasted work.
 */
import { mightContainError } from '../diagnosis/precheck';
import { findKeyLikeStrings } from '../diagnosis/redact';
import { findErrorSpans } from '../diagnosis/spans';
import type { ErrorSpan, KeySpan, ScanMatcher } from './types';

const NOTHING: readonly never[] = [];

/** Cheap: every key shape findKeyLikeStrings reports starts with one of these. */
function mightHoldKey(text: string): boolean {
  return text.includes('sk-') || text.includes('sess-');
}

export interface DiagnosisMatcherOptions {
  /** Distinct block texts remembered (the oldest dropped first). */
  cacheSize?: number;
}

export function createDiagnosisMatcher(options: DiagnosisMatcherOptions = {}): ScanMatcher {
  const cacheSize = options.cacheSize ?? 500;
  const errorCache = new Map<string, readonly ErrorSpan[]>();

  return {
    mightMatch: (text) => mightContainError(text) || mightHoldKey(text),
    findErrors(text) {
      if (!mightContainError(text)) return NOTHING;
      const cached = errorCache.get(text);
      if (cached) return cached;
      const spans = findErrorSpans(text);
      errorCache.set(text, spans);
      if (errorCache.size > cacheSize) {
        const oldest = errorCache.keys().next();
        if (!oldest.done) errorCache.delete(oldest.value);
      }
      return spans;
    },
    findLeakedKeys(text) {
      if (!mightHoldKey(text)) return NOTHING;
      const keys: KeySpan[] = [];
      // Only live-looking keys: "sk-..." placeholders and masked echoes are not leaks.
      for (const match of findKeyLikeStrings(text))
        if (match.live) keys.push({ start: match.start, end: match.end });
      return keys;
    },
  };
}
