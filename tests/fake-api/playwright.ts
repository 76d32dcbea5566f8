/**
 * The fake api.openai.com for the e2e suite: answers the extension's own `fetch` calls (the service worker's
 * included, DESIGN §5) through `context.route`, with the same pure core as the node server.
 *
 * Transport faults map to `route.abort`: `timeout` → `timedout`, `reset` → `connectionreset`. Playwright cannot
 * trickle a body, so `slow-body` holds the whole answer for `slowBodyMs` (the client sees a stall either way).
 */
import type { BrowserContext, Route } from 'playwright-core';
import { answerFakeApi, createFakeState, type FakeApiOptions, requestedModel } from './core';
import type { RecordedRequest } from './server';

export interface RouteFakeApiOptions extends FakeApiOptions {
  /** The origin to answer for, default `https://api.openai.com` (a profile may set another base URL). */
  origin?: string;
}

export interface RoutedFakeApi {
  requests: RecordedRequest[];
  /** Removes the route (pending held answers are dropped). */
  unroute(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function routeFakeApi(
  context: BrowserContext,
  options: RouteFakeApiOptions = {},
): Promise<RoutedFakeApi> {
  const origin = options.origin ?? 'https://api.openai.com';
  const pattern = `${origin}/**`;
  const state = createFakeState();
  const requests: RecordedRequest[] = [];
  let active = true;

  const handler = async (route: Route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    const url = new URL(request.url());
    const fakeRequest = {
      method: request.method(),
      url: request.url(),
      headers,
      body: request.postData() ?? '',
    };
    requests.push({
      method: fakeRequest.method,
      host: url.host,
      path: `${url.pathname}${url.search}`,
      headers,
      body: fakeRequest.body,
      model: requestedModel(fakeRequest),
      receivedAt: Date.now(),
    });
    const answer = answerFakeApi(fakeRequest, options, state);
    if (answer.delayMs) await sleep(answer.delayMs);
    if (!active) return;
    if (answer.fault === 'timeout') return route.abort('timedout');
    if (answer.fault === 'reset') return route.abort('connectionreset');
    if (answer.fault === 'slow-body') await sleep(answer.slowBodyMs ?? 60_000);
    if (!active) return;
    return route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
  };

  await context.route(pattern, handler);
  return {
    requests,
    async unroute() {
      active = false;
      await context.unroute(pattern, handler);
    },
  };
}
