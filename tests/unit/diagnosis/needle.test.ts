/**
 * The pattern prefilter (needle.ts): a required literal must occur in every text the pattern matches, or the
 * classifier would skip a pattern that applies. Checked on every catalogue example and the whole corpus.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/utils/diagnosis/catalogue';
import { NeedleSet, requiredLiteral } from '@/utils/diagnosis/needle';
import { flattenText } from '@/utils/diagnosis/parse';
import { loadCorpus } from '../../fixtures/errors/corpus';

const PATTERNS = CATALOGUE.flatMap((entry) =>
  (['patterns', 'genericPatterns', 'hints'] as const).flatMap((kind) => [...(entry.match[kind] ?? [])]),
);

describe('requiredLiteral', () => {
  it('reads the literal every match contains', () => {
    expect(requiredLiteral(/exceeded your current quota/i)).toBe('exceeded your current quota');
    expect(requiredLiteral(/Invalid URL \((?:GET|POST) /i)).toBe('invalid url (');
    expect(requiredLiteral(/on tokens per min\b/)).toBe('on tokens per min');
    expect(requiredLiteral(/models? are/)).toBe('model');
  });
  it('gives none where a match need not contain one', () => {
    expect(requiredLiteral(/foo|bar/)).toBeUndefined();
    expect(requiredLiteral(/(?:abc|def) x/)).toBeUndefined();
  });
  it('exists for every catalogue pattern (each one is prefiltered)', () => {
    expect(PATTERNS.filter((pattern) => requiredLiteral(pattern) === undefined).map((p) => p.source)).toEqual(
      [],
    );
  });
  it('never rules out a pattern that matches a corpus text or a catalogue example', () => {
    const texts = [
      ...loadCorpus().items.map((item) => item.text),
      ...CATALOGUE.flatMap((entry) => [...(entry.examples ?? [])]),
    ].map((text) => flattenText(text).flat);
    const misses: string[] = [];
    for (const pattern of PATTERNS) {
      const needle = requiredLiteral(pattern);
      if (needle === undefined) continue;
      for (const text of texts) {
        if (pattern.test(text) && !text.toLowerCase().includes(needle.toLowerCase()))
          misses.push(pattern.source);
      }
    }
    expect(misses).toEqual([]);
  });
});

describe('NeedleSet', () => {
  it('finds every needle that occurs, ignoring ASCII case, and no other', () => {
    const set = new NeedleSet(['quota', 'rate limit', 'limit', 'exceeded your']);
    expect([...set.find('You EXCEEDED your current Quota')]).toEqual([1, 0, 0, 1]);
    expect([...set.find('Rate Limit reached')]).toEqual([0, 1, 1, 0]);
    expect([...set.find('nothing here')]).toEqual([0, 0, 0, 0]);
  });
});
