/**
 * The classifier against the real-error corpus (tests/fixtures/errors/corpus.jsonl): the accuracy bar of issue 3
 * (≥ 97 %), the pre-check never rejecting a real error, and a span for every error found.
 * `npm run eval:classify` prints the per-category figures behind these assertions.
 */
import { describe, expect, it } from 'vitest';
import { classify, findErrorSpans, mightContainError } from '@/utils/diagnosis';
import { loadCorpus } from '../../fixtures/errors/corpus';

const { items } = loadCorpus();

describe('the corpus', () => {
  it('is classified with at least 97 % exact category', () => {
    const wrong = items.filter((item) => (classify(item.text)?.category ?? 'none') !== item.expected);
    const accuracy = 1 - wrong.length / items.length;
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(
      accuracy,
      wrong.map((item) => `${item.id}: expected ${item.expected}`).join('\n'),
    ).toBeGreaterThanOrEqual(0.97);
  });

  it('passes the pre-check wherever it holds an error', () => {
    const rejected = items.filter((item) => item.expected !== 'none' && !mightContainError(item.text));
    expect(rejected.map((item) => item.id)).toEqual([]);
  });

  it('gets at least one highlight span wherever classify finds an error, and none elsewhere', () => {
    const problems: string[] = [];
    for (const item of items) {
      const diagnosis = classify(item.text);
      const spans = findErrorSpans(item.text);
      if (diagnosis && spans.length === 0) problems.push(`${item.id}: no span`);
      if (!diagnosis && spans.length > 0) problems.push(`${item.id}: span without diagnosis`);
      if (
        diagnosis &&
        spans.length > 0 &&
        !spans.some((span) => span.diagnosis.category === diagnosis.category)
      ) {
        problems.push(
          `${item.id}: spans disagree (${spans.map((s) => s.diagnosis.category).join(', ')} vs ${diagnosis.category})`,
        );
      }
    }
    expect(problems).toEqual([]);
  });
});
