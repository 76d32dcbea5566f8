/**
 * Reading a post as blocks of text: a paragraph (or list item, cell, heading…) becomes one string, however many
 * text nodes and inline elements (`code`, `a`, `strong`) it is split into, with a map from string offsets back
 * to the text nodes. A code block becomes one string too, also after a syntax highlighter has split it into
 * hundreds of spans. No layout is read: only node types, tag names, attributes and `Element.matches`.
 */
import { normalizeForMatching } from './normalize';
import type { ScanRules } from './types';

/** Elements that end a run of inline text. Everything else (a, code, strong, span, kbd…) is inline. */
const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  // Our own highlight wrapper for code labels is skipped; `mad-hl` is inline on purpose (absent here).
]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export type BlockKind = 'text' | 'code';

/** One unit of matching. `nodes[i]` starts at `starts[i]` in `text`; gaps between them are separators. */
export interface TextBlock {
  kind: BlockKind;
  /** The element the text lives in: the paragraph, list item… or the code block (`pre`). */
  container: Element;
  quoted: boolean;
  /** The block's text, normalised for matching (same length as the page's text). */
  text: string;
  nodes: Text[];
  starts: number[];
}

/** The rules, prepared once for fast checks. */
export interface CompiledRules {
  rules: ScanRules;
  skipTags: ReadonlySet<string>;
  isSkipped(element: Element): boolean;
  isQuoted(element: Element): boolean;
  isCodeBlock(element: Element): boolean;
  /** The scan root holding `element` (itself included), if any. */
  rootOf(element: Element): Element | null;
  /** Every scan root in `container` (itself included). */
  rootsIn(container: ParentNode): Element[];
}

export function compileRules(rules: ScanRules): CompiledRules {
  const skipTags = new Set(rules.skipTags);
  return {
    rules,
    skipTags,
    isSkipped: (element) =>
      skipTags.has(element.tagName) || (element.hasAttributes() && element.matches(rules.skipSelector)),
    isQuoted: (element) => element.matches(rules.quotedSelector),
    isCodeBlock: (element) => element.matches(rules.codeBlockSelector),
    rootOf(element) {
      const root = element.closest(rules.rootSelector);
      return root?.closest(rules.scopeSelector) ? root : null;
    },
    rootsIn(container) {
      // Selectors are matched piecewise: a descendant combinator reaching above `container` is not portable.
      const roots: Element[] = [];
      if ('matches' in container && (container as Element).matches(rules.rootSelector))
        roots.push(container as Element);
      for (const root of container.querySelectorAll(rules.rootSelector)) roots.push(root);
      return roots.filter((root) => root.closest(rules.scopeSelector) !== null);
    },
  };
}

/**
 * True when the element or one of its ancestors is excluded (a post inside an editor preview, say). Native
 * `closest` is the fastest way to ask (measured against a cached walk of shared ancestors: 3× faster).
 */
export function isInsideSkipped(element: Element, compiled: CompiledRules): boolean {
  return element.closest(compiled.rules.skipSelector) !== null;
}

/** True when an ancestor of `root` (or `root` itself) holds quoted text. */
function isQuotedContext(root: Element, compiled: CompiledRules): boolean {
  return root.closest(compiled.rules.quotedSelector) !== null;
}

const NON_SPACE = /\S/;

class BlockBuilder {
  nodes: Text[] = [];
  starts: number[] = [];
  text = '';
  /** Runs of whitespace only (the "\n" between <p>s) are not blocks; known without joining anything. */
  hasContent = false;

  constructor(
    readonly kind: BlockKind,
    readonly container: Element,
    readonly quoted: boolean,
  ) {}

  addText(node: Text): void {
    const data = node.data;
    if (data.length === 0) return;
    this.nodes.push(node);
    this.starts.push(this.text.length);
    this.text += data;
    if (!this.hasContent && NON_SPACE.test(data)) this.hasContent = true;
  }

  addSeparator(separator: string): void {
    if (this.text.length > 0) this.text += separator;
  }

  build(): TextBlock | null {
    if (!this.hasContent) return null;
    return {
      kind: this.kind,
      container: this.container,
      quoted: this.quoted,
      text: normalizeForMatching(this.text),
      nodes: this.nodes,
      starts: this.starts,
    };
  }
}

/**
 * Every block of text under `root`, in document order. Skipped subtrees contribute nothing; a `<br>` is a
 * line break in the text; a nested block ends the current run of inline text and starts a new one.
 */
export function collectTextBlocks(root: Element, compiled: CompiledRules): TextBlock[] {
  const blocks: TextBlock[] = [];
  const emit = (builder: BlockBuilder) => {
    const block = builder.build();
    if (block) blocks.push(block);
  };

  // Both walks keep their own stack: recursion overflows the call stack on DOM nested a few thousand deep,
  // which any page script can build (issue 8, tests/e2e/hardening-hostile.e2e.ts).
  const walkCode = (element: Element, builder: BlockBuilder) => {
    let node: Node | null = element.firstChild;
    while (node !== null) {
      let descend = false;
      if (node.nodeType === TEXT_NODE) builder.addText(node as Text);
      else if (node.nodeType === ELEMENT_NODE) {
        const childElement = node as Element;
        if (!compiled.isSkipped(childElement)) {
          if (childElement.tagName === 'BR') builder.addSeparator('\n');
          else descend = childElement.firstChild !== null;
        }
      }
      if (descend) {
        node = node.firstChild;
        continue;
      }
      // The next node in document order, never above `element`.
      while (node !== null && node !== element && node.nextSibling === null) node = node.parentNode;
      if (node === null || node === element) break;
      node = node.nextSibling;
    }
  };

  /**
   * One element being walked: its next child, the run of inline text it adds to, and how its end is handled
   * (`inline`: its run continues in the parent; `block`: its run is emitted and the parent starts a new one).
   */
  interface Frame {
    element: Element;
    next: ChildNode | null;
    current: BlockBuilder;
    role: 'root' | 'inline' | 'block';
  }

  // Returns the run that continues after `element` (a nested block ends the caller's run).
  const walk = (element: Element, run: BlockBuilder): BlockBuilder => {
    const stack: Frame[] = [{ element, next: element.firstChild, current: run, role: 'root' }];
    for (;;) {
      const frame = stack[stack.length - 1] as Frame;
      const child = frame.next;
      if (child === null) {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent === undefined) return frame.current;
        if (frame.role === 'inline') parent.current = frame.current;
        else {
          emit(frame.current);
          parent.current = new BlockBuilder('text', parent.element, parent.current.quoted);
        }
        continue;
      }
      frame.next = child.nextSibling;
      if (child.nodeType === TEXT_NODE) {
        frame.current.addText(child as Text);
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const childElement = child as Element;
      if (compiled.isSkipped(childElement)) continue;
      const tag = childElement.tagName;
      if (tag === 'BR') {
        frame.current.addSeparator('\n');
        continue;
      }
      if (!BLOCK_TAGS.has(tag)) {
        stack.push({
          element: childElement,
          next: childElement.firstChild,
          current: frame.current,
          role: 'inline',
        });
        continue;
      }
      emit(frame.current);
      const quoted = frame.current.quoted || compiled.isQuoted(childElement);
      if (compiled.isCodeBlock(childElement)) {
        const code = new BlockBuilder('code', childElement, quoted);
        walkCode(childElement, code);
        emit(code);
        frame.current = new BlockBuilder('text', frame.element, frame.current.quoted);
      } else {
        const nested = new BlockBuilder('text', childElement, quoted);
        stack.push({ element: childElement, next: childElement.firstChild, current: nested, role: 'block' });
      }
    }
  };

  const quoted = isQuotedContext(root, compiled);
  if (compiled.isCodeBlock(root)) {
    const code = new BlockBuilder('code', root, quoted);
    walkCode(root, code);
    emit(code);
  } else {
    emit(walk(root, new BlockBuilder('text', root, quoted)));
  }
  return blocks;
}
