import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '@/utils/background/handlers';
import { startExplainMenu } from '@/utils/contextmenu/menu';
import { redactKeys } from '@/utils/diagnosis/redact';
import { createMessageListener } from '@/utils/messaging/router';
import { explainRequestsItem } from '@/utils/storage';

export default defineBackground(() => {
  const listener = createMessageListener({
    extensionId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL('/'),
    handlers: createHandlers({ version: browser.runtime.getManifest().version }),
    // Only the message type and the reason are logged, never a payload (it may hold a key).
    log: (text) => console.warn(`[Model Access Doctor] ${text}`),
  });
  browser.runtime.onMessage.addListener(listener);

  // "Explain this OpenAI error" for selected text (issue 7): the selection comes with the click, no host access.
  startExplainMenu(
    // Absent on Firefox for Android (no context menus there).
    browser.contextMenus as typeof browser.contextMenus | undefined,
    {
      readRequests: () => explainRequestsItem.getValue(),
      writeRequests: (requests) => explainRequestsItem.setValue(requests),
      createTab: (properties) => browser.tabs.create(properties),
      explainPageUrl: browser.runtime.getURL('/explain.html'),
      redact: (text) => redactKeys(text),
      randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
      now: Date.now,
    },
    (text) => console.warn(`[Model Access Doctor] ${text}`),
  );
});
