/**
 * Changing the page: wrapping a span of a block's text (possibly across several text nodes and inline
 * elements) into highlight elements, inserting labels, and undoing both. Only nodes are created and moved;
 * page text is never parsed as HTML.
 */
import { ATTR_CODE, ATTR_HIGHLIGHT, HIGHLIGHT_TAG, LABEL_ROW_TAG, LABEL_TAG } from './dom-marks';
import type { OffsetMap } from './offset-map';

const WHITESPACE_ONLY = /^\s*$/;

function commonAncestor(a: Node, b: Node): Node | null {
  const ancestors = new Set<Node>();
  for (let node: Node | null = a; node; node = node.parentNode) ancestors.add(node);
  for (let node: Node | null = b; node; node = node.parentNode) if (ancestors.has(node)) return node;
  return null;
}

/** The child of `ancestor` that contains `node` (or `node` itself). */
function childOf(ancestor: Node, node: Node): Node {
  let current = node;
  while (current.parentNode && current.parentNode !== ancestor) current = current.parentNode;
  return current;
}

/**
 * How deep under the wrapped sibling a span may start or end and still get one wrapper. Moving a subtree costs
 * the browser time per node *and* per ancestor: a page nesting its text thousands of levels deep would make
 * one wrap take hundreds of milliseconds (issue 8, tests/e2e/hardening-hostile.e2e.ts). Past this depth each text
 * node is wrapped where it is, which costs nothing extra. Real posts nest a handful of levels.
 */
const MAX_WRAP_DEPTH = 32;

function isFirstInside(node: Node, top: Node): boolean {
  let depth = 0;
  for (let current: Node | null = node; current && current !== top; current = current.parentNode) {
    if (current.previousSibling || ++depth > MAX_WRAP_DEPTH) return false;
  }
  return true;
}

function isLastInside(node: Node, top: Node): boolean {
  let depth = 0;
  for (let current: Node | null = node; current && current !== top; current = current.parentNode) {
    if (current.nextSibling || ++depth > MAX_WRAP_DEPTH) return false;
  }
  return true;
}

/**
 * Wraps `[start, end)` of a block's text into highlight elements and returns them, first piece first.
 * One element when the span covers whole siblings (the usual `text <code>gpt-4</code> text` case); otherwise
 * one element per text node, so the page's own structure (links, formatting) is never broken apart.
 */
export function wrapSpan(document: Document, map: OffsetMap, start: number, end: number): HTMLElement[] {
  const from = map.splitAt(start);
  const to = map.splitAt(end);
  const nodes = map.nodes.slice(from, to).filter((node) => !WHITESPACE_ONLY.test(node.data));
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (!first || !last) return [];

  const ancestor = first === last ? first.parentNode : commonAncestor(first, last);
  if (ancestor && ancestor.nodeType === 1) {
    const firstTop = childOf(ancestor, first);
    const lastTop = childOf(ancestor, last);
    if (isFirstInside(first, firstTop) && isLastInside(last, lastTop)) {
      const wrapper = document.createElement(HIGHLIGHT_TAG);
      ancestor.insertBefore(wrapper, firstTop);
      let node: Node | null = firstTop;
      while (node) {
        const next: Node | null = node.nextSibling;
        wrapper.appendChild(node);
        if (node === lastTop) break;
        node = next;
      }
      return [wrapper];
    }
  }

  return nodes.map((node) => {
    const wrapper = document.createElement(HIGHLIGHT_TAG);
    node.parentNode?.insertBefore(wrapper, node);
    wrapper.appendChild(node);
    return wrapper;
  });
}

/**
 * Where a label goes: after the sentence the error ends in (a `.`, `!` or `?` followed by a space, a line
 * break, or the block's end), but never past `limit` (the next highlight) nor more than `maxDistance` on.
 */
export function labelOffset(text: string, spanEnd: number, limit: number, maxDistance = 200): number {
  const stop = Math.min(limit, text.length, spanEnd + maxDistance);
  if (/[.!?]/.test(text.charAt(spanEnd - 1))) return spanEnd;
  for (let index = spanEnd; index < stop; index++) {
    const char = text.charAt(index);
    if (char === '\n') return index;
    if (
      (char === '.' || char === '!' || char === '?') &&
      (index + 1 >= text.length || /\s/.test(text.charAt(index + 1)))
    ) {
      return index + 1;
    }
  }
  return stop === text.length || stop === limit ? stop : spanEnd;
}

/**
 * Inserts `elements` right after the text at `offset` ends, outside any inline element (a link, bold text) that
 * contains that point, so a label never becomes part of a link.
 */
export function insertAfterOffset(
  map: OffsetMap,
  container: Element,
  offset: number,
  elements: Element[],
): void {
  const index = map.splitAt(offset);
  const before = map.nodes[index - 1] ?? map.nodes[0];
  if (!before) return;
  let top: Node = before;
  while (top.parentNode && top.parentNode !== container) top = top.parentNode;
  if (top.parentNode !== container) return;
  (top as ChildNode).after(...elements);
}

/** Removes everything a previous pass put into `root`: labels, wrappers (their text stays), code marks. */
export function clearMarks(root: Element): void {
  for (const label of root.querySelectorAll(`${LABEL_ROW_TAG}, ${LABEL_TAG}`)) label.remove();
  for (const code of root.querySelectorAll(`[${ATTR_CODE}]`)) {
    for (const name of code.getAttributeNames()) if (name.startsWith('data-mad-')) code.removeAttribute(name);
    code.removeAttribute('tabindex');
  }
  const parents = new Set<Node>();
  for (const wrapper of root.querySelectorAll(`${HIGHLIGHT_TAG}[${ATTR_HIGHLIGHT}]`)) {
    const parent = wrapper.parentNode;
    if (!parent) continue;
    while (wrapper.firstChild) parent.insertBefore(wrapper.firstChild, wrapper);
    wrapper.remove();
    parents.add(parent);
  }
  // Join the text nodes we split, so repeated passes do not fragment the page's text.
  for (const parent of parents) parent.normalize();
}
