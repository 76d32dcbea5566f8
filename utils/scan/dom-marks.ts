/**
 * The elements and attributes the scanner puts into a page, in one place. Custom element names (`mad-hl`,
 * `mad-label`) keep the site's CSS off them; unknown elements are inline by default.
 *
 * Stable hooks (DESIGN §2.3): every highlight carries `data-mad-category="<category id>"` and is focusable.
 */
export const HIGHLIGHT_TAG = 'mad-hl';
export const LABEL_TAG = 'mad-label';
/** The row of labels after a code block. */
export const LABEL_ROW_TAG = 'mad-labels';

/** On every element we add or mark, so our own passes can find (and undo) exactly them. */
export const ATTR_HIGHLIGHT = 'data-mad-hl';
export const ATTR_CATEGORY = 'data-mad-category';
export const ATTR_QUOTED = 'data-mad-quoted';
/** `leaked-key` on a highlight of a string shaped like a live API key. */
export const ATTR_WARNING = 'data-mad-warning';
/** Pieces of one highlight that crosses elements share an id; the first piece is the focusable one. */
export const ATTR_GROUP = 'data-mad-group';
/** Marks our own inserted UI (labels): skipped by every scan. */
export const ATTR_OWN_UI = 'data-mad-ui';
/** A label's text (the diagnosis title), shown with CSS `content: attr(…)` so it never becomes page text. */
export const ATTR_LABEL_TITLE = 'data-mad-title';
/** On a code block we marked (attributes only; its content is left to the syntax highlighter). */
export const ATTR_CODE = 'data-mad-code';
/** On `<html>`: `off` hides the inline labels (settings.inlineLabels). */
export const ATTR_LABELS_SETTING = 'data-mad-labels';

/** Names of the CSS custom highlights used inside code blocks. */
export const CODE_ERROR_HIGHLIGHT = 'mad-code-error';
export const CODE_KEY_HIGHLIGHT = 'mad-code-key';

export const LEAKED_KEY_WARNING = 'leaked-key';

/** Selects every highlight (text pieces and marked code blocks). */
export const HIGHLIGHT_SELECTOR = `[${ATTR_HIGHLIGHT}]`;
/** Selects what opens a tooltip: highlights and labels. */
export const INTERACTIVE_SELECTOR = `[${ATTR_HIGHLIGHT}], ${LABEL_TAG}`;
