/**
 * The pre-check reads a block once per pass: the scan's look-up and the request that follows reuse its answer,
 * and a text whose errors are cached is not read again at all (re-created posts, the pass that marks).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as precheck from '@/utils/diagnosis/precheck';
import { createDiagnosisMatcher } from '@/utils/scan/matcher';
import { createFakeBackground } from './fake-matcher';

vi.mock('@/utils/diagnosis/precheck', { spy: true });

const QUOTA = 'You exceeded your current quota, please check your plan and billing details.';
const PROSE = 'Thanks, that fixed it for me.';

const readsOf = (text: string) =>
  vi.mocked(precheck.mightContainError).mock.calls.filter(([read]) => read === text).length;

afterEach(() => {
  vi.mocked(precheck.mightContainError).mockClear();
});

describe('the pre-check in the matcher', () => {
  it('reads a block once for the look-up and the request of one pass, and not at all once answered', async () => {
    const background = createFakeBackground();
    const matcher = createDiagnosisMatcher({ send: background.send });
    expect(matcher.knownErrors(QUOTA)).toBeUndefined();
    expect(matcher.knownErrors(PROSE)).toEqual([]);
    const answers = await matcher.requestErrors([QUOTA, PROSE]);
    expect(readsOf(QUOTA)).toBe(1);
    expect(answers.get(QUOTA)?.[0]?.diagnosis.category).toBe('insufficient_quota');
    expect(matcher.knownErrors(QUOTA)?.[0]?.diagnosis.category).toBe('insufficient_quota');
    expect(matcher.knownErrors(QUOTA)).toHaveLength(1);
    expect(readsOf(QUOTA)).toBe(1);
    expect(background.messages).toEqual([[QUOTA]]);
  });

  it('asks again for a text whose answer failed, without reading it again', async () => {
    let fail = true;
    const background = createFakeBackground();
    const matcher = createDiagnosisMatcher({
      send: (texts) => (fail ? Promise.reject(new Error('no receiver')) : background.send(texts)),
    });
    expect((await matcher.requestErrors([QUOTA])).get(QUOTA)).toEqual([]);
    fail = false;
    expect(matcher.knownErrors(QUOTA)).toBeUndefined();
    expect((await matcher.requestErrors([QUOTA])).get(QUOTA)).toHaveLength(1);
    expect(readsOf(QUOTA)).toBe(1);
  });

  it('reads a text again once it was forgotten beyond the cache size', async () => {
    const background = createFakeBackground();
    const matcher = createDiagnosisMatcher({ send: background.send, cacheSize: 1 });
    const other = `Again: ${QUOTA}`;
    await matcher.requestErrors([QUOTA]);
    await matcher.requestErrors([other]);
    expect(matcher.knownErrors(QUOTA)).toBeUndefined();
    expect(readsOf(QUOTA)).toBe(2);
    await matcher.requestErrors([QUOTA]);
    expect(background.messages).toEqual([[QUOTA], [other], [QUOTA]]);
  });
});
