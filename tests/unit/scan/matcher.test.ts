/**
 * The content scripts' matcher: the pre-check and the leaked-key finder run in the page; the errors come from
 * the background (`content:findErrors`, faked here), asked in batches, cached by text, with keys masked.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FoundError } from '@/utils/messages';
import { createDiagnosisMatcher, type SendTexts } from '@/utils/scan/matcher';
import { prepareOutgoingText } from '@/utils/scan/outgoing-text';
import { createFakeBackground, fakeDiagnosis } from './fake-matcher';

const QUOTA = 'You exceeded your current quota, please check your plan and billing details.';
const RATE =
  'Rate limit reached for gpt-4o in organization org-abc on requests per min (RPM): Limit 3, Used 3, Requested 1.';
const PROSE = 'Thanks, that fixed it for me.';
/** Synthetic live-looking keys (the `T3BlbkFJ` marker), of different lengths. */
const KEY = `sk-proj-${'Ab1'.repeat(8)}T3BlbkFJ${'xY9'.repeat(8)}wxyz`;
const LONGER_KEY = `sk-proj-${'Qr7'.repeat(12)}T3BlbkFJ${'mN4'.repeat(10)}lmno`;

describe('asking the background', () => {
  it('sends only blocks that pass the pre-check, in one message, and answers every block', async () => {
    const background = createFakeBackground();
    const matcher = createDiagnosisMatcher({ send: background.send });
    const answers = await matcher.requestErrors([QUOTA, PROSE, RATE, QUOTA]);
    expect(background.messages).toEqual([[QUOTA, RATE]]);
    expect(answers.get(QUOTA)?.map((span) => span.diagnosis.category)).toEqual(['insufficient_quota']);
    expect(answers.get(RATE)?.map((span) => span.diagnosis.category)).toEqual(['rate_limit']);
    expect(answers.get(PROSE)).toEqual([]);
  });

  it('answers from its cache without a message: the text is known once asked', async () => {
    const background = createFakeBackground();
    const matcher = createDiagnosisMatcher({ send: background.send });
    expect(matcher.knownErrors(QUOTA)).toBeUndefined();
    expect(matcher.knownErrors(PROSE)).toEqual([]);
    await matcher.requestErrors([QUOTA]);
    expect(matcher.knownErrors(QUOTA)?.[0]?.diagnosis.title).toBe('No credit left');
    await matcher.requestErrors([QUOTA]);
    expect(background.messages).toHaveLength(1);
  });

  it('does not ask again for a text whose answer is on its way', async () => {
    const background = createFakeBackground();
    background.hold = true;
    const matcher = createDiagnosisMatcher({ send: background.send });
    const first = matcher.requestErrors([QUOTA]);
    const second = matcher.requestErrors([QUOTA, RATE]);
    expect(background.messages).toEqual([[QUOTA], [RATE]]);
    background.release();
    expect((await first).get(QUOTA)).toEqual((await second).get(QUOTA));
    expect((await second).get(RATE)).toHaveLength(1);
  });

  it('forgets the oldest texts beyond its cache size', async () => {
    const background = createFakeBackground();
    const matcher = createDiagnosisMatcher({ send: background.send, cacheSize: 2 });
    const texts = [QUOTA, RATE, `Again: ${QUOTA}`];
    for (const text of texts) await matcher.requestErrors([text]);
    expect(texts.map((text) => matcher.knownErrors(text) !== undefined)).toEqual([false, true, true]);
  });
});

describe('what leaves the page', () => {
  it('never sends a leaked key: not its characters, not its length', async () => {
    const background = createFakeBackground();
    const matcher = createDiagnosisMatcher({ send: background.send });
    const text = `My key ${KEY} gives: ${QUOTA}`;
    const other = `My key ${LONGER_KEY} gives: ${QUOTA}`;
    await matcher.requestErrors([text, other]);
    const sent = background.messages.flat();
    expect(sent).toHaveLength(2);
    for (const body of [KEY.slice(8, 32), KEY.slice(-4), 'T3BlbkFJ', LONGER_KEY.slice(-4)]) {
      expect(sent.join('\n')).not.toContain(body);
    }
    // Same text around two different keys: the same message text.
    expect(sent[0]).toBe(sent[1]);
    // The answer's offsets point at the page's text.
    const span = matcher.knownErrors(text)?.[0];
    expect(text.slice(span?.start, span?.end)).toBe(QUOTA);
  });

  it('maps a span over a masked key back over the whole key', () => {
    const text = `Incorrect API key provided: ${KEY}. You can find your API key at the dashboard.`;
    const outgoing = prepareOutgoingText(text);
    expect(outgoing.masked).toBe(true);
    expect(outgoing.text).toBe(
      'Incorrect API key provided: sk-proj-…. You can find your API key at the dashboard.',
    );
    const keyAt = outgoing.text.indexOf('sk-proj-…');
    // An edge inside the stand-in moves to the key's edge; offsets after it shift by the length difference.
    expect(outgoing.toOriginal(keyAt + 3, 'start')).toBe(text.indexOf(KEY));
    expect(outgoing.toOriginal(keyAt + 3, 'end')).toBe(text.indexOf(KEY) + KEY.length);
    expect(outgoing.toOriginal(outgoing.text.length, 'end')).toBe(text.length);
    expect(outgoing.toOriginal(5, 'start')).toBe(5);
    expect(prepareOutgoingText(QUOTA)).toMatchObject({ text: QUOTA, masked: false });
  });

  it('masks placeholders and masked echoes too, and keeps the key kind prefix', () => {
    const outgoing = prepareOutgoingText(
      'Incorrect API key provided: sk-abc12***************************wxyz and sk-svcacct-********qrst',
    );
    expect(outgoing.text).toBe('Incorrect API key provided: sk-… and sk-svcacct-…');
  });

  it('finds live-looking keys in the page without asking anyone', () => {
    const send = vi.fn<SendTexts>(async () => []);
    const matcher = createDiagnosisMatcher({ send });
    const text = `Here: ${KEY} and a placeholder sk-...`;
    expect(matcher.mightMatch(text)).toBe(true);
    expect(matcher.findLeakedKeys(text)).toEqual([
      { start: text.indexOf(KEY), end: text.indexOf(KEY) + KEY.length },
    ]);
    expect(matcher.findLeakedKeys(PROSE)).toEqual([]);
    expect(send).not.toHaveBeenCalled();
  });
});

describe('limits and failures', () => {
  it('splits a batch that would not fit in one message, and never sends a block larger than one', async () => {
    const background = createFakeBackground();
    const matcher = createDiagnosisMatcher({ send: background.send, limits: { maxTexts: 2, maxChars: 250 } });
    const texts = [`1 ${QUOTA}`, `2 ${QUOTA}`, `3 ${QUOTA}`, `4 ${RATE}`, `5 ${RATE}`];
    const huge = `${QUOTA} ${'x'.repeat(300)}`;
    const answers = await matcher.requestErrors([...texts, huge]);
    expect(background.messages.map((message) => message.length)).toEqual([2, 2, 1]);
    for (const message of background.messages) {
      expect(message.reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(250);
    }
    expect(background.messages.flat()).toEqual(texts.slice(0, 3).concat(texts.slice(3)));
    expect(answers.get(huge)).toEqual([]);
    expect(matcher.knownErrors(huge)).toEqual([]);
  });

  it('a failed message: no errors for its blocks, reported, not cached (asked again next time)', async () => {
    const background = createFakeBackground();
    const onError = vi.fn();
    const matcher = createDiagnosisMatcher({ send: background.send, onError });
    background.failing = true;
    expect((await matcher.requestErrors([QUOTA])).get(QUOTA)).toEqual([]);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(matcher.knownErrors(QUOTA)).toBeUndefined();
    background.failing = false;
    expect((await matcher.requestErrors([QUOTA])).get(QUOTA)).toHaveLength(1);
    expect(background.messages).toHaveLength(2);
  });

  it('drops malformed answers instead of trusting them', async () => {
    const diagnosis = fakeDiagnosis('rate_limit', 'Rate limit reached');
    const answer = [
      [
        { start: 0, end: 9999, diagnosis },
        { start: 'a', end: 3, diagnosis },
        { start: 5, end: 2, diagnosis },
        { start: 0, end: 4 },
        null,
      ],
      'not a list',
    ] as unknown as FoundError[][];
    const matcher = createDiagnosisMatcher({ send: async () => answer });
    const answers = await matcher.requestErrors([RATE, QUOTA, `third ${QUOTA}`]);
    // Clamped to the text; the rest dropped.
    expect(answers.get(RATE)).toEqual([{ start: 0, end: RATE.length, diagnosis }]);
    expect(answers.get(QUOTA)).toEqual([]);
    expect(answers.get(`third ${QUOTA}`)).toEqual([]);
  });
});
