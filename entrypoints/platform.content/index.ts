import { defineContentScript } from 'wxt/utils/define-content-script';
import { lazyLoader } from '@/utils/lazy-modules';
import { panelFeature, scanFeature, startPlatformScript } from '@/utils/platform/wiring';
// The stylesheets of the lazily loaded panel and tooltip: WXT bundles them into content-scripts/platform.css,
// which their shadow roots load (cssInjectionMode 'ui'); the page itself never gets them.
import '@/components/diagnosis/DiagnosisCard.css';
import '@/components/panel/panel.css';
import '@/components/tooltip/tooltip.css';

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
    const loadModule = lazyLoader('platform');
    startPlatformScript(ctx, {
      features: [panelFeature(loadModule), scanFeature(loadModule)],
      log: (text) => console.warn(`[Model Access Doctor] platform: ${text}`),
    });
  },
});

// Try by hand: https://platform.openai.com/settings/organization/billing/overview (panel with re-checks),
// /settings/organization/limits (tier), /api-keys (scopes), /settings/organization/general (verification),
// /playground (error banners highlighted); /docs/overview shows nothing.
