import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addExplainRequest,
  EXPLAIN_REQUEST_TTL_MS,
  explainRequestIdFromUrl,
  findExplainRequest,
  MAX_EXPLAIN_REQUESTS,
  MAX_EXPLAIN_TEXT,
  newExplainRequestId,
  pruneExplainRequests,
} from '@/utils/contextmenu/explain-requests';

const id = (char: string) => char.repeat(32);

describe('explain requests', () => {
  it('makes 32-hex-character ids from 16 random bytes', () => {
    expect(newExplainRequestId((n) => new Uint8Array(n).fill(0xab))).toBe('ab'.repeat(16));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        expect(newExplainRequestId(() => bytes)).toMatch(/^[0-9a-f]{32}$/);
      }),
    );
  });

  it('finds a fresh request by id, and nothing for an expired, unknown or malformed id', () => {
    const requests = addExplainRequest({}, id('a'), 'text', 1000);
    expect(findExplainRequest(requests, id('a'), 2000)).toEqual({ text: 'text', createdAt: 1000 });
    expect(findExplainRequest(requests, id('a'), 1000 + EXPLAIN_REQUEST_TTL_MS)).toBeNull();
    expect(findExplainRequest(requests, id('b'), 2000)).toBeNull();
    expect(findExplainRequest(requests, 'A'.repeat(32), 2000)).toBeNull();
    expect(findExplainRequest(null, id('a'), 2000)).toBeNull();
    expect(findExplainRequest(requests, null, 2000)).toBeNull();
  });

  it('keeps at most the newest MAX_EXPLAIN_REQUESTS, and cuts long texts', () => {
    let requests = {};
    for (let i = 0; i < 15; i++)
      requests = addExplainRequest(requests, i.toString(16).padStart(32, '0'), `t${i}`, 1000 + i);
    const kept = Object.values(requests) as { text: string }[];
    expect(kept).toHaveLength(MAX_EXPLAIN_REQUESTS);
    expect(kept.map((request) => request.text)).toContain('t14');
    expect(kept.map((request) => request.text)).not.toContain('t4');
    const long = addExplainRequest({}, id('c'), 'x'.repeat(MAX_EXPLAIN_TEXT + 50), 0);
    expect(long[id('c')]?.text).toHaveLength(MAX_EXPLAIN_TEXT);
  });

  it('drops junk found in storage', () => {
    const junk = {
      [id('a')]: { text: 'ok', createdAt: 10 },
      notanid: { text: 'x', createdAt: 10 },
      [id('b')]: { text: 42, createdAt: 10 },
      [id('c')]: null,
      [id('d')]: { text: 'future', createdAt: 99_999 },
    } as unknown as Parameters<typeof pruneExplainRequests>[0];
    expect(Object.keys(pruneExplainRequests(junk, 20))).toEqual([id('a')]);
  });

  it('refuses to store under a malformed id', () => {
    expect(() => addExplainRequest({}, '../../x', 'text', 0)).toThrow();
  });

  it('reads the id from the page URL', () => {
    expect(explainRequestIdFromUrl(`chrome-extension://x/explain.html?request=${id('a')}`)).toBe(id('a'));
    expect(explainRequestIdFromUrl('chrome-extension://x/explain.html?request=<script>')).toBeNull();
    expect(explainRequestIdFromUrl('chrome-extension://x/explain.html')).toBeNull();
    expect(explainRequestIdFromUrl('::')).toBeNull();
  });
});
