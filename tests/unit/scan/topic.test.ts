import { describe, expect, it } from 'vitest';
import { topicKeyFromUrl } from '@/utils/scan/topic';

describe('topicKeyFromUrl', () => {
  it('ignores the post number Discourse writes while scrolling (replaceState)', () => {
    const base =
      'https://community.openai.com/t/error-code-429-rate-limit-differs-from-documentation/1066011';
    expect(topicKeyFromUrl(`${base}`)).toBe('t/1066011');
    expect(topicKeyFromUrl(`${base}/4`)).toBe('t/1066011');
    expect(topicKeyFromUrl(`${base}/17?u=someone`)).toBe('t/1066011');
  });

  it('tells topics apart, with or without a slug', () => {
    expect(topicKeyFromUrl('https://community.openai.com/t/1201052/3')).toBe('t/1201052');
    expect(topicKeyFromUrl('https://community.openai.com/t/daily-request-limit/1201052')).not.toBe(
      topicKeyFromUrl('https://community.openai.com/t/tpm-rate-limited-exceeded-why/1076339'),
    );
  });

  it('uses the path for other pages', () => {
    expect(topicKeyFromUrl('https://community.openai.com/latest')).toBe('/latest');
    expect(topicKeyFromUrl('https://community.openai.com/')).toBe('/');
  });
});
