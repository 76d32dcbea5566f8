/**
 * A small, predictable stand-in for the diagnosis engine, so the DOM side is tested on its own: a few real
 * OpenAI error sentences (DESIGN §3) recognised by plain patterns — behind a fake background, so the scanner
 * and the real matcher are tested with the message in between.
 */
import type { CategoryId, Diagnosis } from '@/utils/diagnosis/types';
import type { FoundError } from '@/utils/messages';
import { createDiagnosisMatcher, type SendTexts } from '@/utils/scan/matcher';
import type { ErrorSpan, ScanMatcher } from '@/utils/scan/types';

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

/** The fake engine on one block: what the background's `findErrorSpans` would answer for these patterns. */
export function fakeFindErrorSpans(text: string): ErrorSpan[] {
  const spans: ErrorSpan[] = [];
  for (const [pattern, make] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      spans.push({ start, end: start + match[0].length, diagnosis: make(match as RegExpExecArray) });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

export interface FakeBackground {
  /** Every message sent, with its texts (as sent: keys masked). */
  messages: string[][];
  send: SendTexts;
  /** Answers are held until `release()` when `hold` is true (to change the page while a message is out). */
  hold: boolean;
  release(): void;
  /** The next messages fail. */
  failing: boolean;
}

/** A stand-in for the background's `content:findErrors` handler, recording what it was sent. */
export function createFakeBackground(
  engine: (text: string) => ErrorSpan[] = fakeFindErrorSpans,
): FakeBackground {
  const held: Array<() => void> = [];
  const background: FakeBackground = {
    messages: [],
    hold: false,
    failing: false,
    release() {
      for (const resume of held.splice(0)) resume();
    },
    send(texts) {
      background.messages.push([...texts]);
      const fail = background.failing;
      // Answers cross a message boundary: the content script gets copies, as through JSON.
      const answer = () =>
        fail
          ? Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))
          : Promise.resolve(JSON.parse(JSON.stringify(texts.map(engine))) as FoundError[][]);
      if (!background.hold) return answer();
      return new Promise((resolve, reject) => held.push(() => answer().then(resolve, reject)));
    },
  };
  return background;
}

export interface FakeMatcher extends ScanMatcher {
  calls: { mightMatch: number };
  background: FakeBackground;
}

/** The real matcher (pre-check, key finder, cache, batching) over the fake engine behind a fake background. */
export function createFakeMatcher(background: FakeBackground = createFakeBackground()): FakeMatcher {
  const calls = { mightMatch: 0 };
  const matcher = createDiagnosisMatcher({ send: background.send });
  return {
    ...matcher,
    calls,
    background,
    mightMatch(text) {
      calls.mightMatch++;
      return matcher.mightMatch(text);
    },
  };
}
