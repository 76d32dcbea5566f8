import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  renderComposerPage,
  renderGeneratedTopic,
  renderTopicPage,
  renderTopicOutlet,
} from '@/tests/fixtures/discourse/pages';
import { raw, renderPost } from '@/tests/fixtures/discourse/markup';
import { TOPIC_ID, TOPIC_POSTS } from '@/tests/fixtures/discourse/threads';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { createScanner, type Scanner, type ScannerOptions } from '@/utils/scan/scanner';
import { cooked, loadPage, post } from './dom';
import { createFakeMatcher } from './fake-matcher';

let controller = new AbortController();

/** Starts a scanner and lets it finish: every post scanned, the background's answers applied. */
async function start(options: Partial<ScannerOptions> = {}): Promise<Scanner> {
  controller = new AbortController();
  const scanner = createScanner({
    document,
    window,
    rules: DISCOURSE_RULES,
    matcher: createFakeMatcher(),
    signal: controller.signal,
    ...options,
  });
  scanner.start();
  await scanner.settle();
  return scanner;
}

/** Lets the MutationObserver deliver, then scans what it queued and applies the answers. */
async function settle(scanner: Scanner): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await scanner.settle();
}

function highlightsOf(root: Element) {
  return [...root.querySelectorAll('[data-mad-category]')]
    .filter((element) => element.getAttribute('tabindex') === '0')
    .map((element) => ({
      category: element.getAttribute('data-mad-category'),
      in: element.tagName === 'PRE' ? 'code' : 'text',
      ...(element.hasAttribute('data-mad-quoted') ? { quoted: true } : {}),
    }));
}

/** The page's HTML without our group ids (they count up across passes). */
function stableHtml(element: Element): string {
  return element.innerHTML.replace(/ data-mad-group="\d+"/g, '');
}

afterEach(() => controller.abort());

describe('scanning the fixture topic', () => {
  it('highlights the expected categories in each post', async () => {
    loadPage(renderTopicPage());
    await start();
    TOPIC_POSTS.forEach((fixture, index) => {
      expect(highlightsOf(cooked(index + 1)), `post ${index + 1} (${fixture.source})`).toEqual(
        fixture.expect,
      );
    });
  });

  it('never changes the page text: not a character added, removed or moved (labels are drawn by CSS)', async () => {
    loadPage(renderTopicPage());
    const before = TOPIC_POSTS.map((_, index) => cooked(index + 1).textContent);
    await start();
    TOPIC_POSTS.forEach((_, index) => {
      expect(cooked(index + 1).textContent).toBe(before[index]);
    });
  });

  it('makes every highlight focusable, one tab stop per error, and explains it', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const highlights = [...document.querySelectorAll('[data-mad-hl]')];
    expect(highlights.length).toBeGreaterThan(8);
    for (const element of highlights) {
      expect(element.hasAttribute('tabindex')).toBe(true);
      expect(scanner.lookup(element)?.anchor).toBeDefined();
    }
    const rate = cooked(1).querySelector('[data-mad-category="rate_limit"]') as Element;
    expect(rate.getAttribute('tabindex')).toBe('0');
    expect(rate.getAttribute('role')).toBe('button');
    expect(scanner.lookup(rate)?.diagnoses.map((diagnosis) => diagnosis.category)).toEqual(['rate_limit']);
    expect(rate.textContent).toContain('Rate limit reached for gpt-4o-mini');
  });

  it('keeps a highlight that holds a link out of the button role (the link stays a link for screen readers)', async () => {
    loadPage(renderTopicPage());
    const fresh = document.createElement('div');
    fresh.className = 'cooked';
    fresh.innerHTML =
      '<p>You exceeded your current quota, please check your <a href="https://platform.openai.com/settings/organization/billing">plan and billing</a> details.</p>';
    cooked(10).replaceWith(fresh);
    await start();
    const highlight = fresh.querySelector('mad-hl') as Element;
    expect(highlight.querySelector('a')).not.toBeNull();
    expect(highlight.getAttribute('tabindex')).toBe('0');
    expect(highlight.hasAttribute('role')).toBe(false);
    expect(fresh.querySelector('mad-label')?.getAttribute('role')).toBe('button');
  });

  it('puts an inline label after each error, outside links, with the diagnosis title', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const label = cooked(1).querySelector('mad-label') as Element;
    expect(label.getAttribute('data-mad-title')).toBe('Rate limit reached');
    // Drawn by CSS: the post's own text gains nothing (quotes, copies and page search stay clean).
    expect(label.textContent).toBe('');
    expect(label.closest('a')).toBeNull();
    expect(scanner.lookup(label)).toBe(scanner.lookup(cooked(1).querySelector('[data-mad-hl]') as Element));
  });

  it('marks code blocks around the code, never inside it, with labels after the block', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const pre = cooked(5).querySelector('pre') as Element;
    expect(pre.getAttribute('data-mad-category')).toBe('key_scope_insufficient');
    expect(pre.getAttribute('tabindex')).toBe('0');
    expect(pre.querySelector('code [data-mad-hl], code mad-label')).toBeNull();
    expect(pre.nextElementSibling?.tagName).toBe('MAD-LABELS');
    expect(pre.nextElementSibling?.querySelector('mad-label')?.getAttribute('data-mad-title')).toBe(
      'Key lacks a scope',
    );
    expect(scanner.lookup(pre)?.diagnoses).toHaveLength(1);
  });

  it('warns about a live-looking key (in code and in inline code) but not about a placeholder', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const leak = cooked(7);
    const pre = leak.querySelector('pre') as Element;
    expect(pre.getAttribute('data-mad-warning')).toBe('leaked-key');
    expect(pre.hasAttribute('data-mad-category')).toBe(false);
    const inline = leak.querySelector('mad-hl[data-mad-warning="leaked-key"]') as Element;
    expect(inline.textContent).toMatch(/^sk-proj-FIXTURE/);
    expect(scanner.lookup(inline)?.leakedKeys).toBe(1);
    expect(leak.querySelectorAll('[data-mad-warning]')).toHaveLength(2);
    expect(scanner.stats.leakedKeys).toBe(2);
  });

  it('says when a pass marked something (the tooltip is then needed), and not for a page without errors', async () => {
    const onMarked = vi.fn();
    loadPage(renderGeneratedTopic({ posts: 5, errorEvery: 0, proseChars: 400 }).html);
    await start({ onMarked });
    expect(onMarked).not.toHaveBeenCalled();
    controller.abort();

    loadPage(renderTopicPage());
    await start({ onMarked });
    expect(onMarked).toHaveBeenCalled();
  });

  it('is idempotent: a second full pass leaves the same page', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const first = stableHtml(document.querySelector('#main-outlet') as Element);
    scanner.reset();
    await scanner.settle();
    expect(stableHtml(document.querySelector('#main-outlet') as Element)).toBe(first);
  });

  it('rules whole posts out with one pre-check and walks only the candidates', async () => {
    loadPage(renderGeneratedTopic({ posts: 30, errorEvery: 0, proseChars: 200 }).html);
    const matcher = createFakeMatcher();
    const scanner = await start({ matcher });
    expect(scanner.stats.rootsScanned).toBe(30);
    // Generated prose mentions "model" and "limit": some posts pass the pre-check, none has an error.
    expect(scanner.stats.highlights).toBe(0);
    expect(matcher.calls.mightMatch).toBe(30);
  });
});

describe('leaving editors alone', () => {
  it('does not touch the composer, its textarea or its preview', async () => {
    loadPage(renderComposerPage());
    const composer = document.querySelector('#reply-control') as Element;
    const before = composer.innerHTML;
    const textarea = composer.querySelector('textarea') as HTMLTextAreaElement;
    const value = textarea.value;
    await start();
    expect(composer.innerHTML).toBe(before);
    expect(textarea.value).toBe(value);
    expect(document.querySelectorAll('#main-outlet [data-mad-hl]').length).toBeGreaterThan(0);
  });

  it('skips a post body inside an editable region', async () => {
    loadPage(renderTopicPage());
    const host = document.createElement('div');
    host.setAttribute('contenteditable', 'true');
    const body = cooked(2);
    body.replaceWith(host);
    host.append(body);
    await start();
    expect(body.querySelector('[data-mad-hl]')).toBeNull();
  });
});

describe('following Discourse', () => {
  it('highlights a post again when it is re-created after cloaking', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const wrapper = post(2);
    const pristine = renderPost(TOPIC_POSTS[1]!, 2, TOPIC_ID);
    wrapper.replaceChildren();
    await settle(scanner);
    const holder = document.createElement('div');
    holder.innerHTML = pristine;
    wrapper.replaceChildren(...holder.firstElementChild!.childNodes);
    await settle(scanner);
    expect(highlightsOf(cooked(2))).toEqual(TOPIC_POSTS[1]!.expect);
  });

  it('scans the new .cooked after an edit', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const fresh = document.createElement('div');
    fresh.className = 'cooked';
    fresh.innerHTML =
      '<p>Now it says: You exceeded your current quota, please check your plan and billing details.</p>';
    cooked(10).replaceWith(fresh);
    await settle(scanner);
    expect(highlightsOf(fresh)).toEqual([{ category: 'insufficient_quota', in: 'text' }]);
  });

  it('re-applies after highlight.js rewrites a code block, without duplicating anything', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const pre = cooked(5).querySelector('pre') as Element;
    const code = pre.querySelector('code') as Element;
    const text = code.textContent ?? '';
    // highlight.js: the code's HTML replaced by token spans.
    code.innerHTML = text.replace(/"[^"]*"/g, (token) => `<span class="hljs-string">${token}</span>`);
    await settle(scanner);
    expect(pre.getAttribute('data-mad-category')).toBe('key_scope_insufficient');
    expect(cooked(5).querySelectorAll('mad-labels')).toHaveLength(1);
    expect(code.textContent).toBe(text);
    expect(scanner.lookup(pre)?.diagnoses).toHaveLength(1);
  });

  it('scans a reply that arrives, and many at once with one full query', async () => {
    loadPage(renderTopicPage());
    const scanner = await start({ fullRescanThreshold: 5 });
    const stream = document.querySelector('.post-stream') as Element;
    const holder = document.createElement('div');
    holder.innerHTML = renderPost(TOPIC_POSTS[1]!, 11, TOPIC_ID);
    stream.append(holder.firstElementChild!);
    await settle(scanner);
    expect(highlightsOf(cooked(11))).toEqual(TOPIC_POSTS[1]!.expect);
    expect(scanner.stats.fullRescans).toBe(0);

    for (let number = 12; number < 20; number++) {
      holder.innerHTML = renderPost(TOPIC_POSTS[1]!, number, TOPIC_ID);
      stream.append(holder.firstElementChild!);
    }
    await settle(scanner);
    expect(scanner.stats.fullRescans).toBe(1);
    for (let number = 12; number < 20; number++) expect(highlightsOf(cooked(number))).toHaveLength(1);
  });

  it('scans the new topic after a client-side navigation, with state reset', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const outlet = document.querySelector('#main-outlet') as Element;
    outlet.innerHTML = renderTopicOutlet('Another topic', 1201052, [TOPIC_POSTS[8]!]);
    scanner.reset();
    await settle(scanner);
    expect(highlightsOf(cooked(1))).toEqual(TOPIC_POSTS[8]!.expect);
  });

  it('works in bounded slices, yielding to the page between them', async () => {
    vi.useFakeTimers();
    try {
      loadPage(renderGeneratedTopic({ posts: 12, errorEvery: 2, proseChars: 100 }).html);
      let clock = 0;
      controller = new AbortController();
      const timerWindow = {
        MutationObserver: window.MutationObserver,
        setTimeout: (callback: () => void, ms: number) => window.setTimeout(callback, ms),
        clearTimeout: (id: number) => window.clearTimeout(id),
        performance: window.performance,
        CSS: undefined,
      } as unknown as Window;
      const scanner = createScanner({
        document,
        window: timerWindow,
        rules: DISCOURSE_RULES,
        matcher: createFakeMatcher(),
        signal: controller.signal,
        sliceBudgetMs: 8,
        now: () => (clock += 3),
      });
      scanner.start();
      expect(scanner.idle).toBe(false);
      expect(scanner.stats.rootsScanned).toBe(0);
      vi.runOnlyPendingTimers();
      // 3 ms per clock read: a slice stops after two or three posts.
      expect(scanner.stats.rootsScanned).toBeLessThanOrEqual(3);
      // Each slice asks about its own posts with errors; the answers come back as promises.
      await vi.runAllTimersAsync();
      expect(scanner.stats.rootsScanned).toBe(12);
      expect(scanner.stats.slices).toBeGreaterThanOrEqual(4);
      expect(scanner.stats.requests).toBeGreaterThanOrEqual(2);
      expect(scanner.idle).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('removes everything and stops watching when its lifetime ends', async () => {
    loadPage(renderTopicPage());
    const scanner = await start();
    const before = document.querySelectorAll('[data-mad-hl]').length;
    expect(before).toBeGreaterThan(0);
    controller.abort();
    expect(document.querySelectorAll('[data-mad-hl], mad-label, mad-labels')).toHaveLength(0);
    const holder = document.createElement('div');
    holder.innerHTML = renderPost(TOPIC_POSTS[1]!, 11, TOPIC_ID);
    document.querySelector('.post-stream')?.append(holder.firstElementChild!);
    await settle(scanner);
    expect(document.querySelectorAll('[data-mad-hl]')).toHaveLength(0);
  });
});

describe('asking the background for errors', () => {
  /** Starts a scanner over `matcher` without waiting for answers. */
  function startPass(matcher = createFakeMatcher()): Scanner {
    controller = new AbortController();
    const scanner = createScanner({
      document,
      window,
      rules: DISCOURSE_RULES,
      matcher,
      signal: controller.signal,
    });
    scanner.start();
    scanner.flush();
    return scanner;
  }

  const categoriesOnPage = () =>
    [...document.querySelectorAll('[data-mad-category][tabindex="0"]')].map((element) =>
      element.getAttribute('data-mad-category'),
    );

  it('walks a post the background found nothing in once; a post with an error or a key twice', async () => {
    loadPage(
      renderTopicPage({
        title: 'Walks',
        topicId: 77,
        posts: [
          { username: 'a', source: 'test', cooked: [raw('<p>Which model gives this error in the API?</p>')] },
          {
            username: 'b',
            source: 'test',
            cooked: [
              raw(
                '<p>Error: You exceeded your current quota, please check your plan and billing details.</p>',
              ),
            ],
          },
          {
            username: 'c',
            source: 'test',
            cooked: [
              raw('<p>My error log shows sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKl here.</p>'),
            ],
          },
        ],
      }),
    );
    const matcher = createFakeMatcher();
    const asked = new Map<string, number>();
    const knownErrors = matcher.knownErrors;
    matcher.knownErrors = (text) => {
      asked.set(text, (asked.get(text) ?? 0) + 1);
      return knownErrors(text);
    };
    await start({ matcher });
    const count = (needle: string) =>
      [...asked].filter(([text]) => text.includes(needle)).reduce((sum, [, calls]) => sum + calls, 0);
    expect(count('Which model')).toBe(1);
    expect(count('exceeded your current quota')).toBe(2);
    expect(count('error log shows')).toBe(2);
    expect(categoriesOnPage()).toEqual(['insufficient_quota']);
    expect(document.querySelectorAll('[data-mad-warning="leaked-key"][tabindex="0"]')).toHaveLength(1);
  });

  it('asks about every post of a pass in one message, and marks posts when the answer comes', async () => {
    loadPage(renderTopicPage());
    const matcher = createFakeMatcher();
    const scanner = startPass(matcher);
    expect(matcher.background.messages).toHaveLength(1);
    const withErrors = TOPIC_POSTS.filter((fixture) => fixture.expect.length > 0).length;
    expect(withErrors).toBeGreaterThan(3);
    expect(matcher.background.messages[0]?.length).toBeGreaterThanOrEqual(withErrors);
    // Nothing marked before the answer (a post is marked in one go), then everything.
    expect(categoriesOnPage()).toEqual([]);
    expect(scanner.idle).toBe(false);
    await scanner.settle();
    expect(categoriesOnPage().length).toBeGreaterThanOrEqual(withErrors);
    expect(matcher.background.messages).toHaveLength(1);
    expect(scanner.stats).toMatchObject({ requests: 1 });
  });

  it('highlights a re-created post at once, from the cache, with no message', async () => {
    loadPage(renderTopicPage());
    const matcher = createFakeMatcher();
    const scanner = await start({ matcher });
    const wrapper = post(2);
    const pristine = renderPost(TOPIC_POSTS[1]!, 2, TOPIC_ID);
    wrapper.replaceChildren();
    const holder = document.createElement('div');
    holder.innerHTML = pristine;
    wrapper.replaceChildren(...holder.firstElementChild!.childNodes);
    // Let the observer deliver, then one synchronous pass: no await for any answer.
    await new Promise((resolve) => setTimeout(resolve, 0));
    scanner.flush();
    expect(highlightsOf(cooked(2))).toEqual(TOPIC_POSTS[1]!.expect);
    expect(matcher.background.messages).toHaveLength(1);
  });

  /** A post whose one paragraph says "no credit" (the fake engine's `insufficient_quota`). */
  function quotaPost(): { fresh: Element; paragraph: Element } {
    const fresh = document.createElement('div');
    fresh.className = 'cooked';
    fresh.innerHTML = '<p>You exceeded your current quota, please check your plan and billing details.</p>';
    cooked(10).replaceWith(fresh);
    return { fresh, paragraph: fresh.querySelector('p') as Element };
  }
  const EDITED =
    'Fixed now, it was a typo. The model `gpt-4o` does not exist or you do not have access to it.';

  it.each([
    ['before the edited post is scanned again', false],
    ['after the edited post was scanned again', true],
  ])('drops an answer for text that changed while it was on its way (answer arrives %s)', async (_, rescanFirst) => {
    loadPage(renderTopicPage());
    const { fresh, paragraph } = quotaPost();
    const matcher = createFakeMatcher();
    matcher.background.hold = true;
    const scanner = startPass(matcher);
    // The post is edited in place: the old answer's spans would land on the new text.
    (paragraph.firstChild as Text).data = EDITED;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (rescanFirst) {
      scanner.flush();
      expect(matcher.background.messages).toHaveLength(2);
    }
    matcher.background.hold = false;
    matcher.background.release();
    // Only promise callbacks run here (no timer): the answer is handled before any new slice.
    for (let tick = 0; tick < 50; tick++) await Promise.resolve();
    await scanner.settle();
    expect(fresh.querySelector('[data-mad-category="insufficient_quota"]')).toBeNull();
    expect(highlightsOf(fresh)).toEqual([{ category: 'model_access_denied', in: 'text' }]);
    expect(fresh.querySelector('mad-hl')?.textContent).toBe(
      'The model `gpt-4o` does not exist or you do not have access to it.',
    );
    expect(matcher.background.messages).toHaveLength(2);
    expect(matcher.background.messages[1]).toEqual([EDITED]);
  });

  it('applies nothing that arrives after the end of its lifetime', async () => {
    loadPage(renderTopicPage());
    const matcher = createFakeMatcher();
    matcher.background.hold = true;
    startPass(matcher);
    expect(matcher.background.messages).toHaveLength(1);
    controller.abort();
    matcher.background.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.querySelectorAll('[data-mad-hl], mad-label, [data-mad-code]')).toHaveLength(0);
  });

  it('still warns about leaked keys when the background cannot answer', async () => {
    loadPage(renderTopicPage());
    const matcher = createFakeMatcher();
    matcher.background.failing = true;
    const scanner = await start({ matcher });
    expect(categoriesOnPage()).toEqual([]);
    expect(cooked(7).querySelectorAll('[data-mad-warning="leaked-key"]').length).toBeGreaterThan(0);
    expect(scanner.idle).toBe(true);
  });
});
