/**
 * community.openai.com (Discourse): highlights OpenAI error text in posts, explains it in a tooltip, checks it
 * with the user's key through the background. Thin wiring: the scanner is utils/scan, the tooltip
 * components/tooltip (fetched only on pages with marks, utils/scan/tooltip-on-demand.ts); every listener,
 * observer and timer ends with `ctx` (extension reload, navigation away).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { readInlineLabels, watchInlineLabels } from '@/components/tooltip/label-setting';
import { applyLabelSetting, installPageStyles } from '@/components/tooltip/page-styles';
import { lazyLoader } from '@/utils/lazy-modules';
import { createBackgroundMatcher } from '@/utils/scan/background-matcher';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { createScanner } from '@/utils/scan/scanner';
import { createTooltipOnDemand } from '@/utils/scan/tooltip-on-demand';
import { topicKeyFromUrl } from '@/utils/scan/topic';
// The tooltip's stylesheets: WXT bundles them into content-scripts/community.css, which the tooltip's shadow
// root loads (cssInjectionMode 'ui'); the page never gets them.
import '@/components/diagnosis/DiagnosisCard.css';
import '@/components/tooltip/tooltip.css';

export default defineContentScript({
  matches: ['https://community.openai.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    // A marker that the script runs here (read by the smoke test); removed when the extension goes away.
    const root = document.documentElement;
    root.dataset.madScript = 'community';
    ctx.onInvalidated(() => {
      delete root.dataset.madScript;
    });

    ctx.onInvalidated(installPageStyles(document));
    const warn = (error: unknown) => console.warn('[Model Access Doctor] forum scan:', error);

    const loadModule = lazyLoader('community');
    const tooltip = createTooltipOnDemand({
      document,
      window,
      signal: ctx.signal,
      isInvalid: () => ctx.isInvalid,
      load: async () =>
        (await loadModule('tooltip')).createTooltipUi(ctx, {
          lookup: (element) => scanner.lookup(element),
          signal: () => ctx.signal,
        }),
      onError: warn,
    });

    const scanner = createScanner({
      document,
      window,
      rules: DISCOURSE_RULES,
      // The diagnosis engine runs in the background: this script stays small and quick to start.
      matcher: createBackgroundMatcher(warn),
      signal: ctx.signal,
      onError: warn,
      onMarked: () => tooltip.prepare(),
    });
    scanner.start();

    // Settings are not secret; the key is never read here (only the background and extension pages read it).
    // A storage failure must not cost the tooltip: labels then stay on (the default).
    applyLabelSetting(document, await readInlineLabels(browser.storage));
    ctx.onInvalidated(watchInlineLabels(browser.storage, (visible) => applyLabelSetting(document, visible)));
    ctx.onInvalidated(() => applyLabelSetting(document, true));

    // Discourse navigates with pushState (a new topic) and replaceState (scrolling): reset on a new topic only.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }) => {
      if (topicKeyFromUrl(newUrl) === topicKeyFromUrl(oldUrl)) return;
      tooltip.controller?.close();
      scanner.reset();
    });
  },
});

// Try by hand:
// https://community.openai.com/t/error-code-429-rate-limit-differs-from-documentation/1066011 (rate limit, curly quotes)
// https://community.openai.com/t/admin-keys-not-working-missing-scopes-despite-all-permissions/1345041 (code block)
// https://community.openai.com/t/unable-to-access-gpt-image-1-model-despite-verified-organization/1361163 (verification)
