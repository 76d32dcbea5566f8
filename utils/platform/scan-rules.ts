/**
 * Where the page scanner looks on platform.openai.com. We do not know the app's markup and must not depend on it
 * (DESIGN §4), so the rules name only standard, semantic parts any app has: the `main` region, and alerts,
 * status messages and dialogs outside it (toasts and error banners are often rendered in a portal at the end of
 * `body`). Inside them, anything editable (the playground's prompt editor, inputs) and our own UI are skipped.
 */
import { DEFAULT_SKIP_TAGS, EDITABLE_SELECTOR, OWN_UI_SELECTOR } from '../scan/rules';
import type { ScanRules } from '../scan/types';

/** Regions outside `main` that hold messages; one inside `main` is scanned as part of it (roots never nest). */
const MESSAGE_REGIONS = ['[role="alert"]', '[role="status"]', '[role="dialog"]', '[role="alertdialog"]'];

export const PLATFORM_SCAN_RULES: ScanRules = {
  name: 'platform.openai.com',
  // `:not(main *)` keeps roots from nesting (one inside `main` is read with it); Chromium and Firefox support
  // complex selectors inside :not().
  rootSelector: ['main', ...MESSAGE_REGIONS.map((region) => `${region}:not(main *)`)].join(', '),
  // Anywhere in the document: the app's layout is unknown.
  scopeSelector: 'body',
  skipSelector: [EDITABLE_SELECTOR, OWN_UI_SELECTOR, 'nav'].join(', '),
  skipTags: DEFAULT_SKIP_TAGS,
  quotedSelector: 'blockquote',
  codeBlockSelector: 'pre',
};
