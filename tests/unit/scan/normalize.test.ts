import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForMatching } from '@/utils/scan/normalize';

describe('normalizeForMatching', () => {
  it('turns Discourse typographer quotes into plain ones', () => {
    expect(normalizeForMatching('{‘error’: {‘message’: “Rate limit”}}')).toBe(
      `{'error': {'message': "Rate limit"}}`,
    );
  });

  it('turns no-break and thin spaces into spaces and typographic hyphens into hyphens', () => {
    expect(normalizeForMatching('gpt\u20114o\u00a0mini\u202Fx\u2212y')).toBe('gpt-4o mini x-y');
  });

  it('returns the very same string when there is nothing to change', () => {
    const text = 'The model `gpt-4o` does not exist.';
    expect(normalizeForMatching(text)).toBe(text);
  });

  it('keeps the length, so offsets map back to the page text unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(normalizeForMatching(text).length).toBe(text.length);
      }),
    );
  });
});
