import { defineContentScript } from 'wxt/utils/define-content-script';
import { PANEL_FEATURE, SCAN_FEATURE, startPlatformScript } from '@/utils/platform/wiring';

export default defineContentScript({
  matches: ['https://platform.openai.com/*'],
  runAt: 'document_idle',
  // The panel's CSS goes into its shadow root only, never into the page.
  cssInjectionMode: 'ui',
  main(ctx) {
    // A marker that the script runs here; removed when the extension is reloaded or disabled.
    const root = document.documentElement;
    root.dataset.madScript = 'platform';
    ctx.onInvalidated(() => {
      delete root.dataset.madScript;
    });
    startPlatformScript(ctx, {
      features: [PANEL_FEATURE, SCAN_FEATURE],
      log: (text) => console.warn(`[Model Access Doctor] platform: ${text}`),
    });
  },
});

// Try by hand: https://platform.openai.com/settings/organization/billing/overview (panel with re-checks),
// /settings/organization/limits (tier), /api-keys (scopes), /settings/organization/general (verification),
// /playground (error banners highlighted); /docs/overview shows nothing.
