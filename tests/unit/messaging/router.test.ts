import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '@/utils/background/handlers';
import { MESSAGE_TYPES } from '@/utils/messages';
import { createMessageListener } from '@/utils/messaging/router';
import { classifySender } from '@/utils/messaging/sender';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${EXTENSION_ID}/`;
const popupSender = { id: EXTENSION_ID, url: `${BASE}popup.html` };
const communitySender = { id: EXTENSION_ID, url: 'https://community.openai.com/t/x/1', tab: { id: 3 } };

function listener(log = vi.fn()) {
  return createMessageListener({
    extensionId: EXTENSION_ID,
    extensionBaseUrl: BASE,
    handlers: createHandlers({ version: '9.9.9' }),
    log,
  });
}

describe('classifySender', () => {
  it('tells extension pages from content scripts and refuses strangers', () => {
    expect(classifySender(popupSender, EXTENSION_ID, BASE)).toBe('extension-page');
    expect(classifySender(communitySender, EXTENSION_ID, BASE)).toBe('content-script');
    expect(
      classifySender({ ...communitySender, url: 'https://platform.openai.com/usage' }, EXTENSION_ID, BASE),
    ).toBe('content-script');
    expect(
      classifySender({ ...communitySender, url: 'https://evil.example/' }, EXTENSION_ID, BASE),
    ).toBeNull();
    expect(classifySender({ ...popupSender, id: 'another-extension' }, EXTENSION_ID, BASE)).toBeNull();
    expect(
      classifySender({ id: EXTENSION_ID, url: 'not a url', tab: { id: 1 } }, EXTENSION_ID, BASE),
    ).toBeNull();
    // A page that merely contains our base URL in its query is not an extension page.
    expect(
      classifySender(
        { id: EXTENSION_ID, url: `https://evil.example/?${BASE}`, tab: { id: 1 } },
        EXTENSION_ID,
        BASE,
      ),
    ).toBeNull();
  });
});

describe('createMessageListener', () => {
  it('answers our messages with a promise', async () => {
    const answer = listener()({ mad: 1, type: 'any:ping', payload: {} }, popupSender);
    await expect(answer).resolves.toEqual({ ok: true, version: '9.9.9' });
  });

  it('returns undefined synchronously for messages that are not ours', () => {
    const handle = listener();
    expect(handle('hello', popupSender)).toBeUndefined();
    expect(handle({ type: 'any:ping', payload: {} }, popupSender)).toBeUndefined();
    expect(handle({ mad: 1, type: 'page:unknown', payload: {} }, popupSender)).toBeUndefined();
    expect(handle({ mad: 1, type: 'any:ping' }, popupSender)).toBeUndefined();
  });

  it('refuses messages from senders it does not trust, and logs no payload', () => {
    const log = vi.fn();
    const handle = listener(log);
    expect(handle({ mad: 1, type: 'any:ping', payload: { secret: 'x' } }, { id: 'other' })).toBeUndefined();
    expect(log).toHaveBeenCalledWith('refused any:ping from an unknown sender');
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret');
  });

  it('refuses page:* messages from content scripts, whatever they carry', () => {
    const log = vi.fn();
    const handle = listener(log);
    for (const type of MESSAGE_TYPES.filter((name) => name.startsWith('page:'))) {
      expect(
        handle({ mad: 1, type, payload: { profileId: 'x', key: 'sk-proj-forged' } }, communitySender),
      ).toBeUndefined();
    }
    expect(log).toHaveBeenCalledWith('refused page:saveProfile from content-script');
    expect(JSON.stringify(log.mock.calls)).not.toContain('forged');
  });

  it('accepts content:* messages from content scripts and from extension pages', async () => {
    const handle = listener();
    await expect(
      handle({ mad: 1, type: 'content:accessSummary', payload: {} }, communitySender),
    ).resolves.toEqual({
      state: 'no-key',
    });
    await expect(
      handle({ mad: 1, type: 'content:accessSummary', payload: {} }, popupSender),
    ).resolves.toEqual({
      state: 'no-key',
    });
  });

  it('turns a failing handler into an error answer', async () => {
    const handle = createMessageListener({
      extensionId: EXTENSION_ID,
      extensionBaseUrl: BASE,
      handlers: {
        ...createHandlers({ version: '1.0.0' }),
        'any:ping': async () => {
          throw new Error('boom');
        },
      },
    });
    await expect(handle({ mad: 1, type: 'any:ping', payload: {} }, popupSender)).resolves.toEqual({
      madError: 'boom',
    });
  });
});
