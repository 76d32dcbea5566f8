/**
 * Issue 8, faults: when the canary gets no answer or a server error, the banner says so, instead of claiming the
 * API checks parameters first (which sent users looking for the wrong problem after a refused connection).
 */
import { describe, expect, it } from 'vitest';
import { selectKeyBanner } from '@/utils/popup/access-view';
import { makeReport } from '../popup/fixtures';

function untrusted(httpStatus: number | undefined, verdict: 'validated_first' | 'inconclusive') {
  const canary = {
    model: 'mad-canary-x',
    trusted: false,
    verdict,
    ...(httpStatus === undefined ? {} : { httpStatus }),
  };
  return selectKeyBanner(makeReport([], { trusted: false, canary, baseUrl: 'http://127.0.0.1:9/v1' }));
}

describe('the banner when zero-cost checks cannot be trusted', () => {
  it('no answer at all: the API could not be reached, at the profile’s base URL', () => {
    const banner = untrusted(undefined, 'inconclusive');
    expect(banner).toMatchObject({ category: 'connection_error', title: 'Could not reach the API reliably' });
    expect(banner?.text).toContain('http://127.0.0.1:9/v1');
    expect(banner?.text).not.toMatch(/parameters before access/);
  });

  it('a server error: the API is failing, check again later', () => {
    expect(untrusted(503, 'inconclusive')).toMatchObject({ category: 'server_error' });
  });

  it('another odd answer: not trusted, with the status it got', () => {
    const banner = untrusted(418, 'inconclusive');
    expect(banner).toMatchObject({ category: 'other' });
    expect(banner?.text).toContain('HTTP 418');
  });

  it('the parameters-first case keeps its explanation', () => {
    expect(untrusted(400, 'validated_first')?.text).toMatch(/checking parameters before access/);
  });
});
