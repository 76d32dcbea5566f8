/**
 * The fixture topic through the real diagnosis engine (not the fake): the categories each post should show,
 * the same expectations the end-to-end test checks in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { renderTopicPage } from '@/tests/fixtures/discourse/pages';
import { TOPIC_POSTS } from '@/tests/fixtures/discourse/threads';
import { findErrorSpans } from '@/utils/diagnosis/spans';
import { createDiagnosisMatcher } from '@/utils/scan/matcher';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { createScanner } from '@/utils/scan/scanner';
import { cooked, loadPage } from './dom';

describe('the fixture topic with the real diagnosis engine', () => {
  it('highlights the expected categories, and warns about the leaked key only', async () => {
    loadPage(renderTopicPage());
    const controller = new AbortController();
    const scanner = createScanner({
      document,
      window,
      rules: DISCOURSE_RULES,
      // The background's handler runs `findErrorSpans` on what the content script sends (keys masked).
      matcher: createDiagnosisMatcher({ send: async (texts) => texts.map((text) => findErrorSpans(text)) }),
      signal: controller.signal,
    });
    scanner.start();
    await scanner.settle();
    TOPIC_POSTS.forEach((fixture, index) => {
      const root = cooked(index + 1);
      const found = [...root.querySelectorAll('[data-mad-category][tabindex="0"]')].map((element) => ({
        category: element.getAttribute('data-mad-category'),
        in: element.tagName === 'PRE' ? 'code' : 'text',
        ...(element.hasAttribute('data-mad-quoted') ? { quoted: true } : {}),
      }));
      expect(found, `post ${index + 1}: ${fixture.source}`).toEqual(fixture.expect);
      expect(root.querySelectorAll('[data-mad-warning="leaked-key"]').length > 0).toBe(
        fixture.leaksKey === true,
      );
    });
    controller.abort();
  });
});
