/**
 * A small, predictable stand-in for the diagnosis engine, so the DOM side is tested on its own: a few real
 * OpenAI error sentences (DESIGN §3) recognised by plain patterns.
 */
import type { CategoryId, Diagnosis } from '@/utils/diagnosis/types';
import type { ErrorSpan, KeySpan, ScanMatcher } from '@/utils/scan/types';

export function fakeDiagnosis(category: CategoryId, title: string, model?: string): Diagnosis {
  return {
    category,
    confidence: 'high',
    entryId: `fake.${category}`,
    title,
    explanation: `Explanation of ${category}.`,
    causes: [],
    steps: [],
    fields: model ? { model } : {},
    probe: model ? 'model' : 'none',
    sources: [],
  };
}

const PATTERNS: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray) => Diagnosis]> = [
  [/You exceeded your current quota[^.]*\./g, () => fakeDiagnosis('insufficient_quota', 'No credit left')],
  [
    /The model `([^`]+)` does not exist or you do not have access to it\./g,
    (match) => fakeDiagnosis('model_access_denied', `No access to ${match[1]}`, match[1]),
  ],
  [
    /Rate limit reached for [\w.-]+ in organization org-\w+ on requests per min[^.]*\./g,
    () => fakeDiagnosis('rate_limit', 'Rate limit reached'),
  ],
  [/Incorrect API key provided: \S+/g, () => fakeDiagnosis('invalid_api_key', 'Wrong API key')],
];

const KEY = /sk-(?:proj-)?[A-Za-z0-9_-]{8,}T3BlbkFJ[A-Za-z0-9_-]{8,}/g;

export interface FakeMatcher extends ScanMatcher {
  calls: { mightMatch: number; findErrors: number };
}

export function createFakeMatcher(): FakeMatcher {
  const calls = { mightMatch: 0, findErrors: 0 };
  return {
    calls,
    mightMatch(text) {
      calls.mightMatch++;
      return /quota|model|Rate limit|API key|sk-/.test(text);
    },
    findErrors(text) {
      calls.findErrors++;
      const spans: ErrorSpan[] = [];
      for (const [pattern, make] of PATTERNS) {
        for (const match of text.matchAll(pattern)) {
          const start = match.index ?? 0;
          spans.push({ start, end: start + match[0].length, diagnosis: make(match as RegExpExecArray) });
        }
      }
      return spans.sort((a, b) => a.start - b.start);
    },
    findLeakedKeys(text) {
      const spans: KeySpan[] = [];
      for (const match of text.matchAll(KEY)) {
        const start = match.index ?? 0;
        spans.push({ start, end: start + match[0].length });
      }
      return spans;
    },
  };
}
