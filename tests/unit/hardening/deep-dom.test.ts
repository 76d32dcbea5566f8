/**
 * Issue 8, deeply nested DOM: the scanner's text walks keep their own stack (a recursive walk overflowed the call
 * stack on ~6,000-deep DOM in Chromium, tests/e2e/hardening-hostile.e2e.ts), and a span deep in the tree is wrapped
 * where it is instead of moving a deep subtree.
 */
import { describe, expect, it } from 'vitest';
import { compileRules, collectTextBlocks } from '@/utils/scan/text-blocks';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { OffsetMap } from '@/utils/scan/offset-map';
import { wrapSpan } from '@/utils/scan/wrap';

const ERROR =
  'Error code: 429 - You exceeded your current quota, please check your plan and billing details.';

function nest(parent: Element, depth: number, tag: string, text: string): Element {
  let node = parent;
  for (let level = 0; level < depth; level++) {
    const next = document.createElement(tag);
    node.append(next);
    node = next;
  }
  node.append(document.createTextNode(text));
  return node;
}

/** A post body, left out of the document: happy-dom's own connect step recurses and would overflow first. */
function cooked(): HTMLElement {
  const root = document.createElement('div');
  root.className = 'cooked';
  return root;
}

describe('deeply nested DOM', () => {
  it.each([
    ['inline', 'span'],
    ['block', 'div'],
  ])('collects the text at the bottom of %s elements nested 20,000 deep', (_kind, tag) => {
    const root = cooked();
    nest(root, 20_000, tag, ERROR);
    root.append(Object.assign(document.createElement('p'), { textContent: 'After it.' }));
    const blocks = collectTextBlocks(root, compileRules(DISCOURSE_RULES));
    expect(blocks.map((block) => block.text)).toEqual([ERROR, 'After it.']);
  });

  it('keeps inline runs, nested blocks and code blocks in document order, as the recursive walk did', () => {
    const root = cooked();
    const paragraph = document.createElement('p');
    paragraph.append(
      'Before ',
      Object.assign(document.createElement('b'), { textContent: 'bold' }),
      ' after.',
    );
    const list = document.createElement('ul');
    list.append(Object.assign(document.createElement('li'), { textContent: 'one' }));
    const pre = document.createElement('pre');
    pre.append(Object.assign(document.createElement('code'), { textContent: 'line 1\nline 2' }));
    const span = document.createElement('span');
    span.append(
      'inline start ',
      Object.assign(document.createElement('div'), { textContent: 'block inside' }),
      ' end',
    );
    root.append(paragraph, list, pre, span);
    const blocks = collectTextBlocks(root, compileRules(DISCOURSE_RULES));
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ['text', 'Before bold after.'],
      ['text', 'one'],
      ['code', 'line 1\nline 2'],
      ['text', 'inline start '],
      ['text', 'block inside'],
      ['text', ' end'],
    ]);
  });

  it('wraps a span that starts 5,000 levels down without moving the deep subtree', () => {
    const root = cooked();
    const paragraph = document.createElement('p');
    root.append(paragraph);
    paragraph.append('See: ');
    const deepest = nest(paragraph, 5_000, 'span', ERROR);
    const [block] = collectTextBlocks(root, compileRules(DISCOURSE_RULES));
    if (block === undefined) throw new Error('no block');
    const topSpan = paragraph.childNodes[1];
    const parentOfDeepText = deepest;
    const wrappers = wrapSpan(document, new OffsetMap(block), 0, block.text.length);
    // Each text node is wrapped in place; the 5,000-deep chain stays where the page put it.
    expect(wrappers.length).toBe(2);
    // Booleans only: printing a 5,000-deep element in a failure message would overflow the printer.
    const wrapperParents = wrappers.map((wrapper) => wrapper.parentNode);
    expect([...paragraph.childNodes].includes(topSpan as ChildNode)).toBe(true);
    expect(wrapperParents[1] === parentOfDeepText).toBe(true);
    expect(wrappers.map((wrapper) => wrapper.textContent).join('')).toBe(`See: ${ERROR}`);
  });
});
