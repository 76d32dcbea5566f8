/**
 * How highlights and labels look in the page. They live in the site's DOM (the text must stay where it is),
 * so these rules go into one `<style>` element of ours; everything else is in the tooltip's shadow root.
 *
 * Readable on Discourse's light and dark schemes without knowing which is on: translucent tints over the
 * page's own background, the page's own text colour, and a coloured underline. Nothing here changes layout
 * or line height: no padding, border or margin on inline highlights, `box-shadow` for the underline.
 */
import { CATEGORY_LOOKS, type CategoryTone } from '@/components/diagnosis/categories';
import { CATEGORY_IDS } from '@/utils/diagnosis/types';
import {
  ATTR_LABEL_TITLE,
  ATTR_LABELS_SETTING,
  CODE_ERROR_HIGHLIGHT,
  CODE_KEY_HIGHLIGHT,
  HIGHLIGHT_TAG,
  LABEL_ROW_TAG,
  LABEL_TAG,
  LEAKED_KEY_WARNING,
} from '@/utils/scan/dom-marks';

/** Tone colours as RGB channels, strong enough on white and on near-black. */
const TONE_RGB: Readonly<Record<CategoryTone, string>> = {
  block: '229 72 77',
  access: '240 110 30',
  limit: '224 160 20',
  code: '70 110 230',
  service: '130 134 150',
};
const LEAK_RGB = '229 72 77';

export const PAGE_STYLE_ID = 'mad-page-styles';

export function pageStylesCss(): string {
  const toneRules = CATEGORY_IDS.map((id) => {
    const rgb = TONE_RGB[CATEGORY_LOOKS[id].tone];
    return `[data-mad-category="${id}"], ${LABEL_TAG}[data-mad-label="${id}"] { --mad-tone: ${rgb}; }`;
  }).join('\n');
  return `
${toneRules}
[data-mad-warning="${LEAKED_KEY_WARNING}"], ${LABEL_TAG}[data-mad-label="${LEAKED_KEY_WARNING}"] { --mad-tone: ${LEAK_RGB}; }

${HIGHLIGHT_TAG}[data-mad-hl] {
  color: inherit;
  background-color: rgb(var(--mad-tone) / 0.15);
  box-shadow: inset 0 -2px 0 rgb(var(--mad-tone) / 0.8);
  border-radius: 2px;
  -webkit-box-decoration-break: clone;
  box-decoration-break: clone;
  cursor: help;
  transition: background-color 120ms ease;
}
${HIGHLIGHT_TAG}[data-mad-hl]:hover,
${HIGHLIGHT_TAG}[data-mad-hl][aria-expanded="true"] { background-color: rgb(var(--mad-tone) / 0.28); }
${HIGHLIGHT_TAG}[data-mad-warning="${LEAKED_KEY_WARNING}"] {
  background-image: repeating-linear-gradient(135deg, rgb(var(--mad-tone) / 0.16) 0 6px, transparent 6px 12px);
}
/* Quoted text (a quote, a link preview) is someone else's error: a lighter, dashed mark says "less sure". */
${HIGHLIGHT_TAG}[data-mad-quoted] {
  background-color: rgb(var(--mad-tone) / 0.08);
  box-shadow: none;
  text-decoration: underline dashed rgb(var(--mad-tone) / 0.85);
  text-decoration-thickness: 1.5px;
  text-underline-offset: 3px;
}
${HIGHLIGHT_TAG} ${HIGHLIGHT_TAG}[data-mad-hl] { box-shadow: inset 0 -2px 0 rgb(var(--mad-tone) / 0.95); }
[data-mad-hl]:focus { outline: none; }
[data-mad-hl]:focus-visible, ${LABEL_TAG}:focus-visible {
  outline: 2px solid rgb(var(--mad-tone));
  outline-offset: 2px;
  border-radius: 3px;
}

pre[data-mad-hl] { position: relative; cursor: help; }
pre[data-mad-hl]::after {
  content: "";
  position: absolute;
  inset: 0 auto 0 0;
  width: 3px;
  border-radius: 3px 0 0 3px;
  background: rgb(var(--mad-tone));
  pointer-events: none;
}
pre[data-mad-hl]:focus-visible { outline-offset: 1px; }
::highlight(${CODE_ERROR_HIGHLIGHT}) {
  background-color: rgb(224 160 20 / 0.3);
  text-decoration: underline rgb(224 160 20 / 0.9) 2px;
  text-underline-offset: 3px;
}
::highlight(${CODE_KEY_HIGHLIGHT}) {
  background-color: rgb(${LEAK_RGB} / 0.3);
  text-decoration: underline dashed rgb(${LEAK_RGB}) 2px;
  text-underline-offset: 3px;
}

${LABEL_TAG} {
  display: inline;
  margin-inline-start: 0.4em;
  padding: 0.1em 0.55em 0.12em 0.45em;
  border-radius: 999px;
  font-family: inherit;
  font-size: 0.78em;
  font-weight: 600;
  line-height: 1;
  letter-spacing: 0.01em;
  white-space: nowrap;
  vertical-align: 0.08em;
  color: inherit;
  background: rgb(var(--mad-tone) / 0.12);
  box-shadow: inset 0 0 0 1px rgb(var(--mad-tone) / 0.5);
  cursor: pointer;
  user-select: none;
  transition: background-color 120ms ease;
}
${LABEL_TAG}::before {
  content: "";
  display: inline-block;
  width: 0.55em;
  height: 0.55em;
  margin-inline-end: 0.4em;
  border-radius: 50%;
  background: rgb(var(--mad-tone));
  vertical-align: 0.05em;
}
${LABEL_TAG}::after { content: attr(${ATTR_LABEL_TITLE}); }
${LABEL_TAG}:hover, ${LABEL_TAG}[aria-expanded="true"] { background: rgb(var(--mad-tone) / 0.24); }
${LABEL_ROW_TAG} { display: flex; flex-wrap: wrap; gap: 0.4em; margin: -0.5em 0 1em; }
${LABEL_ROW_TAG} > ${LABEL_TAG} { margin-inline-start: 0; }
html[${ATTR_LABELS_SETTING}="off"] ${LABEL_TAG}, html[${ATTR_LABELS_SETTING}="off"] ${LABEL_ROW_TAG} { display: none; }
@media (forced-colors: active) {
  ${HIGHLIGHT_TAG}[data-mad-hl] { forced-color-adjust: none; outline: 1px solid Highlight; }
}
@media (prefers-reduced-motion: reduce) {
  ${HIGHLIGHT_TAG}[data-mad-hl], ${LABEL_TAG} { transition: none; }
}
`;
}

/** Adds our page stylesheet once; returns a function that removes it. */
export function installPageStyles(document: Document): () => void {
  const existing = document.getElementById(PAGE_STYLE_ID);
  if (existing) existing.remove();
  const style = document.createElement('style');
  style.id = PAGE_STYLE_ID;
  style.setAttribute('data-mad-ui', '');
  style.textContent = pageStylesCss();
  (document.head ?? document.documentElement).append(style);
  return () => style.remove();
}

/** Shows or hides the inline labels (settings.inlineLabels) with one attribute: no DOM walk. */
export function applyLabelSetting(document: Document, visible: boolean): void {
  if (visible) document.documentElement.removeAttribute(ATTR_LABELS_SETTING);
  else document.documentElement.setAttribute(ATTR_LABELS_SETTING, 'off');
}
