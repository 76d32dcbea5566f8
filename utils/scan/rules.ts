/**
 * What the scanner reads on community.openai.com (Discourse). Data, not code: the platform script (issue 7)
 * passes its own rules to the same scanner.
 *
 * Sources, reviewed 2026-05 (discourse/discourse on GitHub):
 * - frontend/discourse/app/components/post.gjs: `div.topic-post[data-post-number]` > `article#post_N[data-post-id]`
 *   > `.post__regular.regular.contents` > `.cooked` (PostCookedHtml). A cloaked post keeps only the outer div.
 * - frontend/discourse/app/lib/highlight-syntax.js: hljs runs later on `pre code[class]`, replaces the code's
 *   HTML (with a plugin merging the original HTML back), skips blocks over 30,000 characters of HTML.
 * - The code-block decorator puts `div.codeblock-button-wrapper` with copy/fullscreen `button`s inside `pre`.
 * - Quotes are `aside.quote > div.title + blockquote`; link previews `aside.onebox > header.source + article.onebox-body`.
 * - The composer: `#reply-control` with `textarea.d-editor-input` (or the ProseMirror `[contenteditable]` rich
 *   editor) and the live preview `.d-editor-preview`; quick edit of a post: `#fast-edit-input`.
 */
import type { ScanRules } from './types';

/** Our own page elements: never scanned, never counted as page text. */
export const OWN_UI_SELECTOR = '[data-mad-ui]';

/** Tags whose content is never prose (fast path before any selector match). */
export const DEFAULT_SKIP_TAGS: readonly string[] = [
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'IFRAME',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'IMG',
  'svg',
  'MAD-LABEL',
  'MAD-LABELS',
];

/** Anything a user is typing into, on any site. */
export const EDITABLE_SELECTOR = '[contenteditable]:not([contenteditable="false"]), [role="textbox"]';

export const DISCOURSE_RULES: ScanRules = {
  name: 'community.openai.com',
  rootSelector: '.cooked',
  scopeSelector: '#main-outlet',
  skipSelector: [
    '#reply-control',
    '.d-editor',
    '.d-editor-preview',
    '.d-editor-input',
    '#fast-edit-input',
    '.ProseMirror',
    EDITABLE_SELECTOR,
    '.codeblock-button-wrapper',
    // "image 1679×621 86.5 KB" under each picture: never an error, often many nodes.
    '.lightbox-wrapper .meta',
    OWN_UI_SELECTOR,
  ].join(', '),
  skipTags: DEFAULT_SKIP_TAGS,
  quotedSelector: 'aside.quote, aside.onebox',
  codeBlockSelector: 'pre',
};
