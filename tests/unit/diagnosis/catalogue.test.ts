/**
 * The catalogue's own rules: every category has entries, every entry is complete and sourced, every example
 * is recognised as its entry's category and passes the pre-check, every resolver target exists.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, CATALOGUE_REVIEWED, classify, mightContainError } from '@/utils/diagnosis';
import { CATEGORY_IDS } from '@/utils/diagnosis/types';

describe('the error catalogue', () => {
  it('has a review date', () => {
    expect(CATALOGUE_REVIEWED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('covers every category', () => {
    const covered = new Set(CATALOGUE.map((entry) => entry.category));
    expect(CATEGORY_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('has unique ids', () => {
    const ids = CATALOGUE.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(CATALOGUE.map((entry) => [entry.id, entry] as const))('%s is complete', (_, entry) => {
    expect(entry.title.length).toBeGreaterThan(3);
    const sentences = entry.explanation.split(/(?<=[.!?])\s+/).filter((s) => s.length > 0);
    expect(sentences.length).toBeGreaterThanOrEqual(1);
    expect(sentences.length).toBeLessThanOrEqual(4);
    expect(entry.causes.length).toBeGreaterThan(0);
    expect(entry.steps.length).toBeGreaterThan(0);
    expect(entry.sources.length).toBeGreaterThan(0);
    for (const url of [...entry.sources, ...entry.steps.flatMap((step) => (step.url ? [step.url] : []))]) {
      expect(url).toMatch(/^https:\/\//);
    }
    if (!entry.resolvedOnly) {
      const signals = Object.values(entry.match).reduce((count, list) => count + (list?.length ?? 0), 0);
      expect(signals, 'an entry needs at least one way to be recognised').toBeGreaterThan(0);
    }
  });

  it('sends platform steps to current URLs only (no legacy /account/ pages)', () => {
    const urls = CATALOGUE.flatMap((entry) => entry.steps.flatMap((step) => (step.url ? [step.url] : [])));
    expect(urls.filter((url) => url.includes('platform.openai.com/account/'))).toEqual([]);
  });

  const examples = CATALOGUE.flatMap((entry) =>
    (entry.examples ?? []).map((text) => [entry.id, entry.category, text] as const),
  );
  it.each(examples)('%s: its example is recognised', (_, category, text) => {
    expect(mightContainError(text)).toBe(true);
    expect(classify(text, { today: '2026-11-24' })?.category).toBe(category);
  });

  it('gives most entries an example from their sources', () => {
    const withExamples = CATALOGUE.filter((entry) => (entry.examples ?? []).length > 0).length;
    expect(withExamples / CATALOGUE.length).toBeGreaterThan(0.6);
  });
});
