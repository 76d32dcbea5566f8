// @vitest-environment node
/**
 * The Playwright adapter of the fake API answers a real Chromium's `fetch` to https://api.openai.com through
 * `context.route`, with the same answers as the node server, and turns transport faults into `route.abort`.
 * Skipped where no Chromium is installed (the e2e suite needs one anyway).
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_KEYS } from '../../fake-api';
import { routeFakeApi } from '../../fake-api/playwright';

const CHROMIUM_PATH = process.env.MAD_CHROMIUM ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM_PATH))('routeFakeApi (Playwright)', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox'],
    });
    context = await browser.newContext();
    // As in the e2e harness: nothing may leave the machine.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort('blockedbyclient'));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('answers page fetches with the fake answers and records them; faults abort', async () => {
    const fake = await routeFakeApi(context);
    const page = await context.newPage();
    await page.route('https://example.test/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>t</title>' }),
    );
    await page.goto('https://example.test/');
    const result = await page.evaluate(
      async ([healthy, reset]) => {
        const body = JSON.stringify({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: '' }],
          max_tokens: 0,
        });
        const response = await fetch('https://api.openai.com/v1/chat/completions', {
          method: 'POST',
          headers: { Authorization: `Bearer ${healthy}`, 'Content-Type': 'application/json' },
          body,
        });
        let failed = false;
        try {
          await fetch('https://api.openai.com/v1/chat/completions', {
            method: 'POST',
            headers: { Authorization: `Bearer ${reset}`, 'Content-Type': 'application/json' },
            body,
          });
        } catch {
          failed = true;
        }
        return {
          status: response.status,
          requestId: response.headers.get('x-request-id'),
          tokens: response.headers.get('x-ratelimit-limit-tokens'),
          body: await response.text(),
          failed,
        };
      },
      [FAKE_KEYS.tier3, FAKE_KEYS.faultreset],
    );
    expect(result.status).toBe(400);
    expect(result.requestId).toMatch(/^req_/);
    expect(result.tokens).toBe('4000000');
    expect(JSON.parse(result.body)).toHaveProperty('error.code', 'integer_below_min_value');
    expect(result.failed).toBe(true);
    expect(fake.requests.map((request) => [request.host, request.path, request.model])).toEqual([
      ['api.openai.com', '/v1/chat/completions', 'gpt-4o-mini'],
      ['api.openai.com', '/v1/chat/completions', 'gpt-4o-mini'],
    ]);
    await fake.unroute();
    await page.close();
  }, 30_000);
});
