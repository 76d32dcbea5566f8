/**
 * The matcher the content scripts use: the diagnosis engine is asked through `content:findErrors` (the
 * background runs `findErrorSpans`). Kept apart from matcher.ts so that one stays free of browser APIs.
 */
import { sendMessage } from '../messaging/client';
import { createDiagnosisMatcher } from './matcher';
import type { ScanMatcher } from './types';

export function createBackgroundMatcher(onError: (error: unknown) => void): ScanMatcher {
  let reported = false;
  return createDiagnosisMatcher({
    send: async (texts) => (await sendMessage('content:findErrors', { texts })).results,
    // Once per page: a background that cannot answer (the extension was updated or reloaded) fails every batch.
    onError(error) {
      if (reported) return;
      reported = true;
      onError(error);
    },
  });
}
