/**
 * One pass over one post: read its blocks, ask the matcher, mark what it found. Pure DOM work on the elements
 * given; no timers, no observers, no layout reads (see tests/unit/scan/no-layout-reads.test.ts).
 */
import type { Diagnosis } from '../diagnosis/types';
import type { CodeHighlightKind, CodeHighlights } from './code-highlights';
import {
  ATTR_CATEGORY,
  ATTR_CODE,
  ATTR_GROUP,
  ATTR_HIGHLIGHT,
  ATTR_LABEL_TITLE,
  ATTR_OWN_UI,
  ATTR_QUOTED,
  ATTR_WARNING,
  LABEL_ROW_TAG,
  LABEL_TAG,
  LEAKED_KEY_WARNING,
} from './dom-marks';
import { OffsetMap } from './offset-map';
import { type CompiledRules, collectTextBlocks, type TextBlock } from './text-blocks';
import type { ErrorSpan, HighlightInfo, KeySpan, ScanMatcher } from './types';
import { insertAfterOffset, labelOffset, wrapSpan } from './wrap';

export interface RootScanContext {
  document: Document;
  compiled: CompiledRules;
  matcher: ScanMatcher;
  /** Every highlight piece, marked code block and label → what it explains. Weak: removed posts are forgotten. */
  registry: WeakMap<Element, HighlightInfo>;
  codeHighlights: CodeHighlights;
  nextGroupId(): number;
}

export interface RootScanResult {
  /** False when the pre-check ruled the whole post out. */
  checked: boolean;
  /**
   * Block texts whose errors only the background can tell: nothing was marked; scan the post again with their
   * answers (`scanRoot`'s `answers`). Absent when the post was marked.
   */
  pending?: string[];
  /**
   * With `pending`: whether the post has something to mark whatever the answers say (errors already known, a
   * leaked key). When it has not and every answer is "no error", the post needs no second pass.
   */
  marksKnown?: boolean;
  blocksMatched: number;
  highlights: number;
  leakedKeys: number;
  /** Ranges painted inside code blocks, to drop on the next pass. */
  codeRanges: AbstractRange[];
}

export const LEAKED_KEY_LABEL = 'Possible live API key';

const INTERACTIVE_CONTENT = 'a[href], button, input, select, textarea, summary';

const EMPTY_RESULT: RootScanResult = {
  checked: false,
  blocksMatched: 0,
  highlights: 0,
  leakedKeys: 0,
  codeRanges: [],
};

/** Errors in text order, without overlaps (the first one wins); keys that cross an error's edge are dropped. */
function resolveOverlaps(
  errors: readonly ErrorSpan[],
  keys: readonly KeySpan[],
): { errors: ErrorSpan[]; keys: KeySpan[] } {
  const keptErrors: ErrorSpan[] = [];
  for (const span of [...errors].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (span.end <= span.start) continue;
    const previous = keptErrors[keptErrors.length - 1];
    if (previous && span.start < previous.end) continue;
    keptErrors.push(span);
  }
  const keptKeys = [...keys]
    .sort((a, b) => a.start - b.start)
    .filter(
      (key) =>
        key.end > key.start &&
        keptErrors.every(
          (error) =>
            key.end <= error.start ||
            key.start >= error.end ||
            (key.start >= error.start && key.end <= error.end),
        ),
    );
  return { errors: keptErrors, keys: keptKeys };
}

function setHighlightAttributes(
  element: Element,
  group: number,
  first: boolean,
  quoted: boolean,
  category: string | null,
): void {
  element.setAttribute(ATTR_HIGHLIGHT, '');
  element.setAttribute(ATTR_GROUP, String(group));
  if (category) element.setAttribute(ATTR_CATEGORY, category);
  else element.setAttribute(ATTR_WARNING, LEAKED_KEY_WARNING);
  if (quoted) element.setAttribute(ATTR_QUOTED, '');
  // Every piece is focusable (DESIGN §2.3); only the first is in the tab order, so one error is one Tab stop.
  element.setAttribute('tabindex', first ? '0' : '-1');
  // A button's content is presentational for screen readers: a highlight holding a link stays plain text (its
  // label, right after it, is the button).
  if (first && !element.querySelector(INTERACTIVE_CONTENT)) {
    element.setAttribute('role', 'button');
    element.setAttribute('aria-haspopup', 'dialog');
    element.setAttribute('aria-expanded', 'false');
  }
}

function createLabel(document: Document, group: number, kind: string, title: string): Element {
  const label = document.createElement(LABEL_TAG);
  label.setAttribute(ATTR_OWN_UI, '');
  label.setAttribute(ATTR_GROUP, String(group));
  label.setAttribute('data-mad-label', kind);
  label.setAttribute('role', 'button');
  label.setAttribute('tabindex', '0');
  label.setAttribute('aria-haspopup', 'dialog');
  label.setAttribute('aria-expanded', 'false');
  // The title is drawn by CSS from this attribute, so the page's text stays the page's: a reader who selects
  // and quotes a post (Discourse's quote button), copies it or searches it with Ctrl+F never gets our words.
  label.setAttribute(ATTR_LABEL_TITLE, title);
  label.setAttribute('aria-label', title);
  return label;
}

function uniqueDiagnoses(spans: readonly ErrorSpan[]): Diagnosis[] {
  const seen = new Set<string>();
  const result: Diagnosis[] = [];
  for (const { diagnosis } of spans) {
    const key = `${diagnosis.entryId}\u0000${diagnosis.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(diagnosis);
  }
  return result;
}

function markTextBlock(
  context: RootScanContext,
  block: TextBlock,
  errors: ErrorSpan[],
  keys: KeySpan[],
  result: RootScanResult,
): void {
  const { document, registry } = context;
  const map = new OffsetMap(block);
  const labels: Array<{ offset: number; element: Element }> = [];
  const errorInfos: Array<{ span: ErrorSpan; info: HighlightInfo }> = [];

  errors.forEach((span, index) => {
    const pieces = wrapSpan(document, map, span.start, span.end);
    const anchor = pieces[0];
    if (!anchor) return;
    const group = context.nextGroupId();
    const info: HighlightInfo = { diagnoses: [span.diagnosis], leakedKeys: 0, quoted: block.quoted, anchor };
    pieces.forEach((piece, pieceIndex) => {
      setHighlightAttributes(piece, group, pieceIndex === 0, block.quoted, span.diagnosis.category);
      registry.set(piece, info);
    });
    errorInfos.push({ span, info });
    result.highlights++;
    const next = errors[index + 1];
    const label = createLabel(document, group, span.diagnosis.category, span.diagnosis.title);
    registry.set(label, info);
    labels.push({
      offset: labelOffset(block.text, span.end, next ? next.start : block.text.length),
      element: label,
    });
  });

  for (const key of keys) {
    const pieces = wrapSpan(document, map, key.start, key.end);
    const anchor = pieces[0];
    if (!anchor) continue;
    const group = context.nextGroupId();
    const info: HighlightInfo = { diagnoses: [], leakedKeys: 1, quoted: block.quoted, anchor };
    pieces.forEach((piece, pieceIndex) => {
      setHighlightAttributes(piece, group, pieceIndex === 0, block.quoted, null);
      registry.set(piece, info);
    });
    result.leakedKeys++;
    // A key inside an error message ("Incorrect API key provided: sk-…"): that error's card warns too.
    const outer = errorInfos.find(({ span }) => key.start >= span.start && key.end <= span.end);
    if (outer) outer.info.leakedKeys++;
    else {
      const label = createLabel(document, group, LEAKED_KEY_WARNING, LEAKED_KEY_LABEL);
      registry.set(label, info);
      labels.push({ offset: labelOffset(block.text, key.end, block.text.length), element: label });
    }
  }

  // Labels last, so they never sit inside a later highlight; same position → keep their text order.
  const byOffset = new Map<number, Element[]>();
  for (const { offset, element } of labels) byOffset.set(offset, [...(byOffset.get(offset) ?? []), element]);
  for (const [offset, elements] of byOffset) insertAfterOffset(map, block.container, offset, elements);
}

function markCodeBlock(
  context: RootScanContext,
  block: TextBlock,
  errors: ErrorSpan[],
  keys: KeySpan[],
  result: RootScanResult,
): void {
  const { document, registry, codeHighlights } = context;
  const code = block.container;
  const map = new OffsetMap(block);
  const ranges: AbstractRange[] = [];
  const addRange = (kind: CodeHighlightKind, start: number, end: number) => {
    const from = map.positionAt(start, 'start');
    const to = map.positionAt(end, 'end');
    if (!from || !to) return;
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    codeHighlights.add(kind, range);
    ranges.push(range);
  };
  // One range per line, without the indentation: painting a JSON body's leading spaces reads as noise.
  const paint = (kind: CodeHighlightKind, start: number, end: number) => {
    if (!codeHighlights.supported) return;
    let lineStart = start;
    while (lineStart < end) {
      const newline = block.text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 || newline >= end ? end : newline;
      let from = lineStart;
      let to = lineEnd;
      while (from < to && /\s/.test(block.text.charAt(from))) from++;
      while (to > from && /\s/.test(block.text.charAt(to - 1))) to--;
      if (to > from) addRange(kind, from, to);
      lineStart = lineEnd + 1;
    }
  };
  const nonSpace = (from: number, to: number) => block.text.slice(from, to).replace(/\s+/g, '').length;
  const blockSize = nonSpace(0, block.text.length);
  // An error that is (nearly) the whole block is shown by the block's own mark; paint only partial ones.
  const errorRanges: AbstractRange[] = [];
  for (const span of errors) {
    if (nonSpace(span.start, span.end) >= 0.8 * blockSize) continue;
    const before = ranges.length;
    paint('error', span.start, span.end);
    errorRanges.push(...ranges.slice(before));
  }
  for (const key of keys) paint('key', key.start, key.end);
  result.codeRanges.push(...ranges);

  const group = context.nextGroupId();
  const diagnoses = uniqueDiagnoses(errors);
  const info: HighlightInfo = {
    diagnoses,
    leakedKeys: keys.length,
    quoted: block.quoted,
    anchor: code,
    ranges: errorRanges,
  };
  // The block itself is the highlight: attributes only, content untouched.
  code.setAttribute(ATTR_CODE, '');
  setHighlightAttributes(code, group, true, block.quoted, diagnoses[0]?.category ?? null);
  if (diagnoses.length > 0 && keys.length > 0) code.setAttribute(ATTR_WARNING, LEAKED_KEY_WARNING);
  // A code block is not a button for screen readers: its text stays code; the labels after it are the buttons.
  code.removeAttribute('role');
  code.removeAttribute('aria-haspopup');
  code.removeAttribute('aria-expanded');
  registry.set(code, info);
  result.highlights += errors.length;
  result.leakedKeys += keys.length;

  const row = document.createElement(LABEL_ROW_TAG);
  row.setAttribute(ATTR_OWN_UI, '');
  for (const diagnosis of diagnoses) {
    const label = createLabel(document, group, diagnosis.category, diagnosis.title);
    registry.set(label, {
      ...info,
      diagnoses: [diagnosis, ...diagnoses.filter((other) => other !== diagnosis)],
    });
    row.append(label);
  }
  if (keys.length > 0) {
    const label = createLabel(document, group, LEAKED_KEY_WARNING, LEAKED_KEY_LABEL);
    registry.set(label, { ...info, diagnoses: [] });
    row.append(label);
  }
  code.after(row);
}

/**
 * Scans one root (a post body). The caller guarantees it is not inside a skipped subtree and that earlier
 * marks were cleared (see `clearMarks`).
 *
 * All or nothing: when a block's errors are not known yet (`matcher.knownErrors`, then `answers`, the
 * background's answers for this post), nothing is marked and the result lists the texts to ask about. A post
 * is marked in one go, so a highlight is never applied to text that changed while its answer was on its way:
 * the next pass reads the text again and a changed block is simply not in `answers`.
 */
export function scanRoot(
  root: Element,
  context: RootScanContext,
  answers?: ReadonlyMap<string, readonly ErrorSpan[]>,
): RootScanResult {
  const { matcher, compiled } = context;
  // textContent is one native call: the whole post is ruled out before any walk in the common case. (With
  // answers, the post passed already; a block whose text changed is ruled out by `knownErrors` itself.)
  if (answers === undefined && !matcher.mightMatch(root.textContent ?? '')) return EMPTY_RESULT;
  const result: RootScanResult = {
    checked: true,
    blocksMatched: 0,
    highlights: 0,
    leakedKeys: 0,
    codeRanges: [],
  };
  const blocks = collectTextBlocks(root, compiled);
  const errorsByBlock: (readonly ErrorSpan[])[] = [];
  const pending: string[] = [];
  for (const block of blocks) {
    const errors = matcher.knownErrors(block.text) ?? answers?.get(block.text);
    if (errors === undefined) pending.push(block.text);
    else errorsByBlock.push(errors);
  }
  if (pending.length > 0) {
    const marksKnown =
      errorsByBlock.some((errors) => errors.length > 0) ||
      blocks.some((block) => matcher.findLeakedKeys(block.text).length > 0);
    return { ...result, pending, marksKnown };
  }
  for (const [index, block] of blocks.entries()) {
    const found = resolveOverlaps(errorsByBlock[index] ?? [], matcher.findLeakedKeys(block.text));
    if (found.errors.length === 0 && found.keys.length === 0) continue;
    result.blocksMatched++;
    if (block.kind === 'code') markCodeBlock(context, block, found.errors, found.keys, result);
    else markTextBlock(context, block, found.errors, found.keys, result);
  }
  return result;
}
