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

/** Retired ids for the fake (the real catalogue knows many more). */
const RETIRED = new Set(['gpt-4', 'gpt-4-0314', 'text-davinci-003']);

const PATTERNS: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray) => Diagnosis]> = [
  [/You exceeded your current quota[^.]*\./g, () => fakeDiagnosis('insufficient_quota', 'No credit left')],
  [/error 429 \(insufficient_quota\)/g, () => fakeDiagnosis('insufficient_quota', 'No credit left')],
  [
    /The model `([^`]+)` does not exist or you do not have access to it\./g,
    (match) =>
      RETIRED.has(match[1] as string)
        ? fakeDiagnosis('model_deprecated', `${match[1]} was retired`, match[1])
        : fakeDiagnosis('model_access_denied', `No access to ${match[1]}`, match[1]),
  ],
  [
    /Rate limit reached for [\w.-]+ in organization \S+ on (?:requests|tokens) per (?:min|day)[^.]*\./g,
    () => fakeDiagnosis('rate_limit', 'Rate limit reached'),
  ],
  [
    /Your organization must be verified to use the model [\w.-]+\./g,
    () => fakeDiagnosis('org_verification_required', 'Verify your organization'),
  ],
  [
    /You have insufficient permissions for this operation\. Missing scopes: [\w.]+(?:, [\w.]+)*/g,
    () => fakeDiagnosis('key_scope_insufficient', 'Key lacks a scope'),
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
      return /quota|model|Rate limit|API key|permissions|sk-/.test(text);
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
