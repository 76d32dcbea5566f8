import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: ['https://community.openai.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    // A marker that the script runs here; removed when the extension is reloaded or disabled.
    const root = document.documentElement;
    root.dataset.madScript = 'community';
    ctx.onInvalidated(() => {
      delete root.dataset.madScript;
    });
  },
});

// Try by hand: https://community.openai.com/t/you-exceeded-your-current-quota/…
