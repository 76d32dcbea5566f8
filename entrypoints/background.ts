import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '@/utils/background/handlers';
import { createMessageListener } from '@/utils/messaging/router';

export default defineBackground(() => {
  const listener = createMessageListener({
    extensionId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL('/'),
    handlers: createHandlers({ version: browser.runtime.getManifest().version }),
    // Only the message type and the reason are logged, never a payload (it may hold a key).
    log: (text) => console.warn(`[Model Access Doctor] ${text}`),
  });
  browser.runtime.onMessage.addListener(listener);
});
