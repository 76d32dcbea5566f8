/**
 * The matcher reads a block once: the pre-check's answer serves the scan's look-up and the request that follows,
 * a text whose errors are cached is not pre-checked again at all (re-created posts, the pass that marks), and
 * the search for key-shaped strings serves the leaked-key warning, the masking and the marking pass.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as precheck from '@/utils/diagnosis/precheck';
import * as redact from '@/utils/diagnosis/redact';
import { createDiagnosisMatcher } from '@/utils/scan/matcher';
import { createFakeBackground } from './fake-matcher';

vi.mock('@/utils/diagnosis/precheck', { spy: true });
vi.mock('@/utils/diagnosis/redact', { spy: true });

const QUOTA = 'You exceeded your current quota, please check your plan and billing details.';
const PROSE = 'Thanks, that fixed it for me.';

const readsOf = (text: string) =>
  vi.mocked(precheck.mightContainError).mock.calls.filter(([read]) => read === text).length;

afterEach(() => {
  vi.mocked(precheck.mightContainError).mockClear();
  vi.mocked(redact.findKeyLikeStrings).mockClear();
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

  it('searches a block for key-shaped strings once, for the warning, the masking and the marking', async () => {
    /** Synthetic live-looking key (the `T3BlbkFJ` marker), pasted into an error. */
    const key = `sk-proj-${'Ab1'.repeat(8)}T3BlbkFJ${'xY9'.repeat(8)}wxyz`;
    const text = `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com.`;
    const background = createFakeBackground();
    const matcher = createDiagnosisMatcher({ send: background.send });
    expect(matcher.findLeakedKeys(text)).toHaveLength(1);
    await matcher.requestErrors([text]);
    expect(matcher.findLeakedKeys(text)).toHaveLength(1);
    expect(background.messages.flat().join('')).not.toContain(key);
    const searches = vi
      .mocked(redact.findKeyLikeStrings)
      .mock.calls.filter(([searched]) => searched === text).length;
    expect(searches).toBe(1);
  });
});
