/**
 * Properties over arbitrary input (fast-check): the classifier never throws, always answers a valid category
 * or "no diagnosis", in bounded time, on strings up to 200 KB; the pre-check never hides an error classify
 * would find; spans are sorted, disjoint and inside the text.
 *
 * The parser is called directly (not through classify, which catches everything) so a thrown error fails here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findErrorSpans, mightContainError } from '@/utils/diagnosis';
import { diagnoseParsed } from '@/utils/diagnosis/classify';
import { parseErrorText } from '@/utils/diagnosis/parse';
import { isCategoryId } from '@/utils/diagnosis/types';

/** Pieces of real errors and of the syntax around them, so random strings reach deep into the parser. */
const FRAGMENTS = [
  '{"error": {"message": "',
  "{'error': {'message': '",
  '", "type": "invalid_request_error", "param": null, "code": "',
  "', 'code': None}}",
  '"=>',
  "' +\n  '",
  '\\n',
  '\\"',
  '\\u2019',
  'Error code: 429 - ',
  'openai.error.RateLimitError: ',
  'NotFoundError: 404 ',
  'The model `',
  '` does not exist or you do not have access to it.',
  'You exceeded your current quota',
  'Rate limit reached for gpt-4o in organization org-abcdefghij on tokens per min (TPM): Limit 30000, Used ',
  'Please try again in 6m0s.',
  'Incorrect API key provided: sk-proj-',
  'insufficient_quota',
  '<html><title>502 Bad Gateway</title>',
  'HTTP/2 401\n< x-request-id: req_',
  '“',
  '’',
  '{',
  '}',
  '`',
  "'",
  '"',
  ':',
  ' ',
  '\n',
  '0',
  '9',
  'a',
  'Z',
  '_',
  '.',
];

const errorish = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

function diagnose(text: string) {
  return mightContainError(text) ? diagnoseParsed(parseErrorText(text), { today: '2026-11-24' }) : null;
}

describe('classify on arbitrary input', () => {
  it('never throws and answers a valid category or null', () => {
    fc.assert(
      fc.property(
        fc.oneof(errorish, fc.string({ maxLength: 2000 }), fc.string({ unit: 'grapheme', maxLength: 500 })),
        (text) => {
          const diagnosis = diagnose(text);
          if (diagnosis !== null) {
            expect(isCategoryId(diagnosis.category)).toBe(true);
            expect(['high', 'medium', 'low']).toContain(diagnosis.confidence);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('stays fast on strings up to 200 KB, including adversarial repetitions', () => {
    const big = fc
      .tuple(fc.oneof(errorish, fc.constantFrom(...FRAGMENTS)), fc.integer({ min: 1_000, max: 200_000 }))
      .map(([unit, length]) =>
        (unit.length === 0 ? 'x' : unit)
          .repeat(Math.ceil(length / Math.max(1, unit.length)))
          .slice(0, length),
      );
    fc.assert(
      fc.property(big, (text) => {
        const started = performance.now();
        const diagnosis = diagnose(text);
        const elapsed = performance.now() - started;
        if (diagnosis !== null) expect(isCategoryId(diagnosis.category)).toBe(true);
        // Linear work on 200 KB is a few milliseconds; quadratic work would take seconds.
        expect(elapsed).toBeLessThan(1500);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('the pre-check never hides an error classify would find', () => {
    fc.assert(
      fc.property(errorish, (text) => {
        if (!mightContainError(text))
          expect(diagnoseParsed(parseErrorText(text), { today: '2026-11-24' })).toBeNull();
      }),
      { numRuns: 1500 },
    );
  });

  it('spans are sorted, disjoint, inside the text and carry valid diagnoses', () => {
    fc.assert(
      fc.property(errorish, (text) => {
        const spans = findErrorSpans(text);
        let previousEnd = 0;
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(isCategoryId(span.diagnosis.category)).toBe(true);
          previousEnd = span.end;
        }
      }),
      { numRuns: 500 },
    );
  });
});
