import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: ['https://platform.openai.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const root = document.documentElement;
    root.dataset.madScript = 'platform';
    ctx.onInvalidated(() => {
      delete root.dataset.madScript;
    });
  },
});

// Try by hand: https://platform.openai.com/settings/organization/billing/overview
