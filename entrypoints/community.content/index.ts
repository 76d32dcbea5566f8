/**
 * community.openai.com (Discourse): highlights OpenAI error text in posts, explains it in a tooltip, checks it
 * with the user's key through the background. Thin wiring: the scanner is utils/scan, the tooltip
 * components/tooltip; every listener, observer and timer ends with `ctx` (extension reload, navigation away).
 */
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createTooltipController, type TooltipController } from '@/components/tooltip/controller';
import { readInlineLabels, watchInlineLabels } from '@/components/tooltip/label-setting';
import { applyLabelSetting, installPageStyles } from '@/components/tooltip/page-styles';
import { sendMessage } from '@/utils/messaging/client';
import { createBackgroundMatcher } from '@/utils/scan/background-matcher';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { createScanner } from '@/utils/scan/scanner';
import { topicKeyFromUrl } from '@/utils/scan/topic';

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

    const scanner = createScanner({
      document,
      window,
      rules: DISCOURSE_RULES,
      // The diagnosis engine runs in the background: this script stays small and quick to start.
      matcher: createBackgroundMatcher((error) => console.warn('[Model Access Doctor] forum scan:', error)),
      signal: ctx.signal,
      onError: (error) => console.warn('[Model Access Doctor] forum scan:', error),
    });
    scanner.start();

    // Settings are not secret; the key is never read here (only the background and extension pages read it).
    // A storage failure must not cost the tooltip: labels then stay on (the default).
    applyLabelSetting(document, await readInlineLabels(browser.storage));
    ctx.onInvalidated(watchInlineLabels(browser.storage, (visible) => applyLabelSetting(document, visible)));
    ctx.onInvalidated(() => applyLabelSetting(document, true));

    let tooltip: TooltipController | undefined;
    const ui = await createShadowRootUi(ctx, {
      name: 'mad-tooltip',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount(container, _shadow, host) {
        host.setAttribute('data-mad-ui', '');
        tooltip = createTooltipController({
          document,
          window,
          container,
          host,
          lookup: (element) => scanner.lookup(element),
          checkModel: (model) => sendMessage('content:checkModel', { model }),
          openPopup: () => sendMessage('content:openPopup', {}),
          signal: ctx.signal,
        });
        return tooltip;
      },
    });
    ui.mount();
    ctx.onInvalidated(() => ui.remove());

    // Discourse navigates with pushState (a new topic) and replaceState (scrolling): reset on a new topic only.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }) => {
      if (topicKeyFromUrl(newUrl) === topicKeyFromUrl(oldUrl)) return;
      tooltip?.close();
      scanner.reset();
    });
  },
});

// Try by hand:
// https://community.openai.com/t/error-code-429-rate-limit-differs-from-documentation/1066011 (rate limit, curly quotes)
// https://community.openai.com/t/admin-keys-not-working-missing-scopes-despite-all-permissions/1345041 (code block)
// https://community.openai.com/t/unable-to-access-gpt-image-1-model-despite-verified-organization/1361163 (verification)
