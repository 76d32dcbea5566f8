/**
 * Issue 8, hostile and huge pages, on routed https://community.openai.com/t/… pages: error texts carrying HTML
 * and script-like strings (shown as text, never run), 100,000 text nodes in one post, DOM nested 10,000 deep,
 * a page that removes our elements, a page that restyles `*`. No XSS, our script's work is cut into short slices
 * (measured with the Long Animation Frames API, which names the script that ran), our UI recovers.
 *
 * One browser for the whole file.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlock, type FixturePost, p, raw } from '../fixtures/discourse/markup';
import { renderTopicPage } from '../fixtures/discourse/pages';
import { navigateInApp, renderPlatformFixture } from '../fixtures/platform/app';
import { type ExtensionSession, launchExtension, runningContentScript, servePages } from './harness';

const FORUM = 'https://community.openai.com';
/**
 * The longest single call into our content script we accept on a hostile page. The scanner's own budget is
 * 8 ms per slice, but one post is scanned whole; 100 ms is the user-visible "no jank" bound (RAIL), and leaves room
 * for a slow 2-core machine running two browsers.
 */
const MAX_CALL_MS = 100;
/** One post of 100,000 text nodes is scanned in one call (see the test): linear, ~120 ms measured, with room. */
const ONE_POST_MAX_CALL_MS = 400;

/** Attribute payloads: if any of them ever became markup, it would set `window.__madXss`. */
const IMG = '<img src=x onerror="window.__madXss=1">';
const SCRIPT = '<script>window.__madXss=2</script>';
const SVG = '<svg onload="window.__madXss=3"></svg>';
const BREAKOUT = '"><img src=x onerror=window.__madXss=4>';

const XSS_POSTS: FixturePost[] = [
  {
    username: 'mallory',
    source: 'Synthetic: a real 404 text with an HTML payload as the model id',
    cooked: [
      p(
        `openai.NotFoundError: Error code: 404 - {'error': {'message': 'The model \`${IMG}\` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}`,
      ),
    ],
  },
  {
    username: 'mallory',
    source: 'Synthetic: a quota error in a code block, with script and svg payloads',
    cooked: [
      codeBlock(
        'text',
        `Error: 429 You exceeded your current quota, please check your plan and billing details. ${SCRIPT} ${SVG}`,
      ),
    ],
  },
  {
    username: 'mallory',
    source: 'Synthetic: an attribute break-out in a wrong-key message',
    cooked: [
      p(
        `Error code: 401 - Incorrect API key provided: ${BREAKOUT}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      ),
    ],
  },
];

const NORMAL_ERROR = p(
  "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}",
);

/** One post holding 100,000 text nodes (50,000 bold words and the spaces between them), then an error. */
function hugePost(): FixturePost[] {
  return [
    {
      username: 'spammer',
      source: 'Synthetic: 100,000 text nodes in one post',
      cooked: [raw(`<p>${'<b>word</b> '.repeat(50_000)}</p>`), NORMAL_ERROR],
    },
    { username: 'bob', source: 'Synthetic: an ordinary error after the huge post', cooked: [NORMAL_ERROR] },
  ];
}

/** 100,000 text nodes over 200 posts (the most a Discourse post can hold is of this order), errors in some. */
function manyDensePosts(): FixturePost[] {
  return Array.from({ length: 200 }, (_, index) => ({
    username: `user${index}`,
    source: 'Synthetic: 500 text nodes per post',
    cooked: [raw(`<p>${'<b>word</b> '.repeat(250)}</p>`), ...(index % 10 === 0 ? [NORMAL_ERROR] : [])],
  }));
}

/**
 * Page scripts, run in the page's own world. Blink itself crashes a renderer when it lays out inline elements
 * nested ~5,000 deep (checked by hand on Chromium 156: 4,000 spans render, 10,000 crash the tab, extension or not),
 * so the visible chain stops at 4,000; a closed `<details>` (scanned, DESIGN §4, but not laid out) goes to 10,000.
 */
const NEST_DEEPLY = `
  const chain = (parent, depth, tag, text) => {
    let node = parent;
    for (let level = 0; level < depth; level++) {
      const next = document.createElement(tag);
      node.append(next);
      node = next;
    }
    node.append(document.createTextNode(text));
  };
  chain(document.querySelector('#post_1 .cooked p'), 4000, 'span',
    'Error code: 429 - You exceeded your current quota, please check your plan and billing details.');
  const details = document.createElement('details');
  details.append(Object.assign(document.createElement('summary'), { textContent: 'Full log' }));
  document.querySelector('#post_2 .cooked').append(details);
  chain(details, Number(new URLSearchParams(location.search).get("d") ?? 10000), 'div', "openai.AuthenticationError: Error code: 401 - Incorrect API key provided: sk-abc123. You can find your API key at https://platform.openai.com/account/api-keys.");
  window.__madNested = true;
`;

function pageWith(posts: FixturePost[], extra = ''): string {
  return renderTopicPage({ posts, withoutScript: true }).replace('</body>', `${extra}</body>`);
}

const PAGES: Record<string, () => string> = {
  '/t/xss/1': () => pageWith(XSS_POSTS),
  '/t/huge/2': () => pageWith(hugePost()),
  '/t/dense/6': () => pageWith(manyDensePosts()),
  '/t/deep/3': () =>
    pageWith(
      [
        {
          username: 'deep',
          source: 'Synthetic: nested 4,000 deep by a page script',
          cooked: [p('Nested below: ')],
        },
        {
          username: 'deeper',
          source: 'Synthetic: nested 10,000 deep in a closed details',
          cooked: [p('Log:')],
        },
        { username: 'bob', source: 'Synthetic', cooked: [NORMAL_ERROR] },
      ],
      `<script>${NEST_DEEPLY}</script>`,
    ),
  '/t/plain/4': () =>
    pageWith([
      { username: 'bob', source: 'Synthetic', cooked: [NORMAL_ERROR] },
      { username: 'carol', source: 'Synthetic', cooked: [XSS_POSTS[2]?.cooked[0] ?? NORMAL_ERROR] },
    ]),
  '/t/restyled/5': () =>
    pageWith(
      [{ username: 'bob', source: 'Synthetic', cooked: [NORMAL_ERROR] }],
      '<style>* { all: unset !important; } html, body, div, p, article { display: block !important; }</style>',
    ),
};

interface TraceEvent {
  name: string;
  /** Microseconds. */
  dur?: number;
  args?: { data?: { url?: string; functionName?: string; lineNumber?: number; columnNumber?: number } };
}

/**
 * Our content script's main-thread work, from a Chromium trace: the longest single call into our script (a timer
 * slice, an observer callback, an event handler), in ms. The Long Animation Frames API would be simpler but does
 * not attribute scripts of extensions' isolated worlds.
 */
async function traceOurLongestCall(
  page: Page,
  extensionId: string,
  during: () => Promise<void>,
): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => events.push(...(event.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline'] },
    transferMode: 'ReportEvents',
  });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const ours = events.filter(
    (event) => event.name === 'FunctionCall' && (event.args?.data?.url ?? '').includes(extensionId),
  );
  if (process.env.MAD_TRACE_DEBUG) {
    const top = [...ours].sort((x, y) => (y.dur ?? 0) - (x.dur ?? 0)).slice(0, 5);
    console.log(
      top.map((event) => `${(event.dur ?? 0) / 1000} ms ${JSON.stringify(event.args?.data)}`).join('\n'),
    );
  }
  return Math.max(0, ...ours.map((event) => (event.dur ?? 0) / 1000));
}

describe('hostile and huge pages', () => {
  let session: ExtensionSession;
  const figures: string[] = [];
  const scanWarnings: string[] = [];

  beforeAll(async () => {
    session = await launchExtension();
    await servePages(session.context, FORUM, (url) => PAGES[url.pathname]?.());
    await servePages(session.context, 'https://platform.openai.com', (url) => renderPlatformFixture(url));
    session.context.on('console', (message) => {
      if (message.text().includes('[Model Access Doctor]')) scanWarnings.push(message.text());
    });
  });
  afterAll(async () => {
    if (figures.length > 0) console.log(figures.join('\n'));
    await session?.close();
  });

  /** Opens a page while tracing; `ready` says when the work to measure is done. */
  async function openMeasured(
    path: string,
    ready: (page: Page) => Promise<void>,
  ): Promise<{ page: Page; longest: number }> {
    const page = await session.context.newPage();
    const longest = await traceOurLongestCall(page, session.extensionId, async () => {
      await page.goto(`${FORUM}${path}`);
      await expect.poll(() => runningContentScript(page), { timeout: 20_000 }).toBe('community');
      await ready(page);
    });
    return { page, longest };
  }

  async function open(path: string): Promise<Page> {
    const page = await session.context.newPage();
    await page.goto(`${FORUM}${path}`);
    await expect.poll(() => runningContentScript(page)).toBe('community');
    return page;
  }

  it('error texts carrying HTML and script payloads are highlighted and shown as text, never run', async () => {
    const page = await open('/t/xss/1');
    await expect.poll(() => page.locator('[data-mad-category]').count()).toBeGreaterThanOrEqual(3);
    const tooltip = page.locator('mad-tooltip [data-mad-tooltip]');
    const shown: string[] = [];
    for (const number of [1, 2, 3]) {
      const highlight = page.locator(`#post_${number} [data-mad-category][tabindex="0"]`).first();
      await highlight.focus();
      await page.keyboard.press('Enter');
      await tooltip.waitFor();
      shown.push(await tooltip.innerText());
      await page.keyboard.press('Escape');
    }
    // The payloads are on screen as the characters they are, inside our highlights; the cards are our own text.
    expect(shown).toHaveLength(3);
    expect(await page.locator('#post_1 [data-mad-category]').first().innerText()).toContain(IMG);
    expect(await page.locator('#post_2 pre').innerText()).toContain(SCRIPT);
    expect(await page.locator('#post_3 [data-mad-category]').first().innerText()).toContain(BREAKOUT);
    // "More: causes, details, evidence" shows the quoted message: still text.
    const highlight = page.locator('#post_1 [data-mad-category][tabindex="0"]').first();
    await highlight.focus();
    await page.keyboard.press('Enter');
    await tooltip.getByText('More: causes, details, evidence').click();
    await page.keyboard.press('Escape');

    expect(await page.evaluate(() => (globalThis as { __madXss?: unknown }).__madXss)).toBeUndefined();
    // No element was made from the payloads, in the page or in our shadow roots (CDP sees closed ones too).
    const cdp = await session.context.newCDPSession(page);
    const dom = JSON.stringify(await cdp.send('DOM.getDocument', { depth: -1, pierce: true }));
    await cdp.detach();
    expect(dom).not.toMatch(/"(onerror|onload)"/);
    expect(dom).not.toMatch(/"nodeName":"(IMG|SVG|svg)"/);
    expect((dom.match(/"nodeName":"SCRIPT"/g) ?? []).length).toBe(0);
    await page.close();
  });

  it('100,000 text nodes over 200 posts: the work is cut into short slices, every error found', async () => {
    const { page, longest } = await openMeasured('/t/dense/6', async (opened) => {
      // Scroll through the page so every post comes near the viewport and is scanned.
      for (let post = 1; post <= 200; post += 10) {
        await opened.locator(`#post_${post}`).scrollIntoViewIfNeeded();
      }
      await expect
        .poll(() => opened.locator('[data-mad-category][tabindex="0"]').count(), { timeout: 20_000 })
        .toBe(20);
    });
    figures.push(
      `100,000 text nodes over 200 posts: longest single call into our content script ${longest.toFixed(1)} ms`,
    );
    expect(longest).toBeLessThan(MAX_CALL_MS);
    await page.close();
  });

  it('100,000 text nodes in ONE post: found, and the one long scan stays linear in the post’s size', async () => {
    const { page, longest } = await openMeasured('/t/huge/2', async (opened) => {
      await opened.locator('#post_2').scrollIntoViewIfNeeded();
      await expect
        .poll(() => opened.locator('#post_2 [data-mad-category]').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await opened.locator('#post_1 p').last().scrollIntoViewIfNeeded();
      await expect
        .poll(() => opened.locator('#post_1 [data-mad-category]').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
    });
    const started = Date.now();
    await page.evaluate(() => document.title);
    const roundTrip = Date.now() - started;
    figures.push(
      `100,000 text nodes in one post: longest single call into our content script ${longest.toFixed(1)} ms (one post is scanned whole); page round trip after ${roundTrip} ms`,
    );
    // A post is the scanner's unit of work. Discourse caps a post at 32,000 characters (about a tenth of this
    // one's nodes), so on the real site this single call stays near MAX_CALL_MS / 10; here it only has to stay
    // linear (about 1 µs per node on this machine) and let the page go on.
    expect(longest).toBeLessThan(ONE_POST_MAX_CALL_MS);
    expect(roundTrip).toBeLessThan(1_000);
    await page.close();
  });

  it('DOM nested 4,000 deep (10,000 in a closed details): no stack overflow, every post still scanned', async () => {
    const { page, longest } = await openMeasured('/t/deep/3', async (opened) => {
      await expect
        .poll(() => opened.evaluate(() => (globalThis as { __madNested?: boolean }).__madNested))
        .toBe(true);
      await expect.poll(() => opened.locator('#post_3 [data-mad-category]').count()).toBeGreaterThan(0);
      await expect.poll(() => opened.locator('#post_1 [data-mad-category]').count()).toBeGreaterThan(0);
      await expect.poll(() => opened.locator('#post_2 [data-mad-category]').count()).toBeGreaterThan(0);
    });
    figures.push(
      `4,000/10,000-deep DOM: the errors at the bottom of both found; longest single call into our content script ${longest.toFixed(1)} ms`,
    );
    expect(scanWarnings.filter((line) => /Maximum call stack|RangeError|forum scan/.test(line))).toEqual([]);
    expect(longest).toBeLessThan(MAX_CALL_MS);
    await page.close();
  });

  it('a page that removes our highlights, labels and tooltip host: the highlights come back, the tooltip still opens', async () => {
    const page = await open('/t/plain/4');
    await expect.poll(() => page.locator('#post_1 [data-mad-category]').count()).toBeGreaterThan(0);
    await page.evaluate(() => {
      for (const mark of document.querySelectorAll('[data-mad-hl]')) {
        if (mark.tagName === 'PRE') continue;
        mark.replaceWith(document.createTextNode(mark.textContent ?? ''));
      }
      for (const element of document.querySelectorAll(
        'mad-label, mad-label-row, mad-tooltip, #mad-page-styles',
      ))
        element.remove();
    });
    // The page's removal is a change to the post like any other: it is scanned again.
    await expect
      .poll(() => page.locator('#post_1 [data-mad-category][tabindex="0"]').count())
      .toBeGreaterThan(0);
    const highlight = page.locator('#post_1 [data-mad-category][tabindex="0"]').first();
    await highlight.focus();
    await page.keyboard.press('Enter');
    const tooltip = page.locator('mad-tooltip [data-mad-tooltip]');
    await expect.poll(() => tooltip.count(), { timeout: 5_000 }).toBe(1);
    expect(await tooltip.isVisible()).toBe(true);
    await page.close();
  });

  it('an app that removes our panel: it is back on the next page the app shows', async () => {
    const page = await session.context.newPage();
    await page.goto('https://platform.openai.com/settings/organization/limits');
    await expect.poll(() => runningContentScript(page)).toBe('platform');
    await page.locator('mad-panel').waitFor({ state: 'attached' });
    await page.evaluate(() => document.querySelector('mad-panel')?.remove());
    expect(await page.locator('mad-panel').count()).toBe(0);
    await navigateInApp(page, '/settings/organization/billing/overview');
    await expect.poll(() => page.locator('mad-panel .mad-root').getAttribute('data-page')).toBe('billing');
    await page.close();
  });

  it('a page that restyles `*`: the tooltip, in its shadow root, still shows whole and on screen', async () => {
    const page = await open('/t/restyled/5');
    await expect.poll(() => page.locator('#post_1 [data-mad-category]').count()).toBeGreaterThan(0);
    const highlight = page.locator('#post_1 [data-mad-category][tabindex="0"]').first();
    await highlight.focus();
    await page.keyboard.press('Enter');
    const tooltip = page.locator('mad-tooltip [data-mad-tooltip]');
    await tooltip.waitFor();
    const box = await tooltip.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(box?.height ?? 0).toBeGreaterThan(60);
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewport.width + 1);
    const style = await tooltip.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { visibility: computed.visibility, opacity: computed.opacity, display: computed.display };
    });
    expect(style).toMatchObject({ visibility: 'visible', opacity: '1' });
    expect(style.display).not.toBe('none');
    await page.close();
  });
});
