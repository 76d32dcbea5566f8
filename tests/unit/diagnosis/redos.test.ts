/**
 * Every regular expression the classifier runs on page text is safe from catastrophic backtracking, as judged by
 * recheck (https://makenowjust-labs.github.io/recheck/), not by timing. recheck runs its automaton analysis where
 * the pattern is small enough and its seeded fuzzer otherwise ("auto"); the seed is fixed so runs are repeatable.
 */
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/utils/diagnosis/catalogue';
import { CLASSIFY_PATTERNS } from '@/utils/diagnosis/classify';
import { EXTRACT_PATTERNS } from '@/utils/diagnosis/extract';
import { PARSE_PATTERNS } from '@/utils/diagnosis/parse';
import { SPAN_PATTERNS } from '@/utils/diagnosis/spans';

const PATTERNS: Array<[string, RegExp]> = [
  ...CATALOGUE.flatMap((entry) =>
    (['patterns', 'genericPatterns', 'hints'] as const).flatMap((kind) =>
      (entry.match[kind] ?? []).map(
        (pattern, i) => [`${entry.id}.${kind}[${i}]`, pattern] as [string, RegExp],
      ),
    ),
  ),
  ...CLASSIFY_PATTERNS.map((pattern, i) => [`classify[${i}]`, pattern] as [string, RegExp]),
  ...EXTRACT_PATTERNS.map((pattern, i) => [`extract[${i}]`, pattern] as [string, RegExp]),
  ...PARSE_PATTERNS.map((pattern, i) => [`parse[${i}]`, pattern] as [string, RegExp]),
  ...SPAN_PATTERNS.map((pattern, i) => [`spans[${i}]`, pattern] as [string, RegExp]),
];

describe('ReDoS safety (recheck)', () => {
  it(`all ${PATTERNS.length} patterns are safe`, async () => {
    const unsafe: string[] = [];
    // Two at a time: recheck's native checker is CPU-bound, and these machines have two cores.
    for (let i = 0; i < PATTERNS.length; i += 2) {
      const batch = PATTERNS.slice(i, i + 2);
      const results = await Promise.all(
        batch.map(([, pattern]) => check(pattern.source, pattern.flags, { randomSeed: 42, timeout: 60_000 })),
      );
      results.forEach((result, j) => {
        const [name, pattern] = batch[j] as [string, RegExp];
        if (result.status !== 'safe')
          unsafe.push(`${name} ${result.status}: /${pattern.source}/${pattern.flags}`);
      });
    }
    expect(unsafe).toEqual([]);
  }, 600_000);
});
