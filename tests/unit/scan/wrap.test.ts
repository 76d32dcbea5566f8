import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetMap } from '@/utils/scan/offset-map';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { collectTextBlocks, compileRules } from '@/utils/scan/text-blocks';
import { clearMarks, insertAfterOffset, labelOffset, wrapSpan } from '@/utils/scan/wrap';

const compiled = compileRules(DISCOURSE_RULES);

function setup(html: string) {
  document.body.innerHTML = `<div class="cooked">${html}</div>`;
  const root = document.querySelector('.cooked') as Element;
  const [block] = collectTextBlocks(root, compiled);
  if (!block) throw new Error('no block');
  return { root, block, map: new OffsetMap(block) };
}

function mark(wrappers: HTMLElement[]) {
  for (const wrapper of wrappers) wrapper.setAttribute('data-mad-hl', '');
  return wrappers;
}

describe('wrapSpan', () => {
  it('wraps whole siblings in one element when the span covers them (text <code>x</code> text)', () => {
    const { root, block, map } = setup('<p>I get The model <code>gpt-4</code> does not exist today</p>');
    const start = block.text.indexOf('The model');
    const end = block.text.indexOf(' today');
    const wrappers = mark(wrapSpan(document, map, start, end));
    expect(wrappers).toHaveLength(1);
    expect(wrappers[0]?.textContent).toBe('The model gpt-4 does not exist');
    expect(root.innerHTML).toBe(
      '<p>I get <mad-hl data-mad-hl="">The model <code>gpt-4</code> does not exist</mad-hl> today</p>',
    );
  });

  it('wraps piece by piece when the span starts or ends inside an element', () => {
    const { root, block, map } = setup('<p>see <a href="#">the model gpt-4</a> does not exist</p>');
    const start = block.text.indexOf('model');
    const wrappers = mark(wrapSpan(document, map, start, block.text.length));
    expect(wrappers.map((wrapper) => wrapper.textContent)).toEqual(['model gpt-4', ' does not exist']);
    // The link stays one link; nothing of the page's structure is split apart.
    expect(root.querySelectorAll('a')).toHaveLength(1);
    expect(root.querySelector('a')?.textContent).toBe('the model gpt-4');
  });

  it('wraps across a <br> as one element when the span covers whole siblings', () => {
    const { root, block, map } = setup('<p>Error code: 429<br>\n<strong>quota</strong></p>');
    const wrappers = mark(wrapSpan(document, map, 0, block.text.length));
    expect(wrappers).toHaveLength(1);
    expect(wrappers[0]?.querySelector('br')).not.toBeNull();
    expect(root.querySelector('p')?.firstElementChild).toBe(wrappers[0]);
  });

  it('leaves whitespace-only text nodes unwrapped when wrapping piece by piece', () => {
    const { block, map } = setup('<p><a href="#">Error</a> <a href="#">code</a> end</p>');
    const wrappers = mark(wrapSpan(document, map, 1, block.text.indexOf(' end')));
    expect(wrappers.map((wrapper) => wrapper.textContent)).toEqual(['rror', 'code']);
  });

  it('handles nested spans in either order', () => {
    const text = 'Incorrect API key provided: sk-proj-abcdefT3BlbkFJxyz. You can find your key';
    const { root, block, map } = setup(`<p>${text}</p>`);
    const keyStart = block.text.indexOf('sk-');
    const keyEnd = block.text.indexOf('.', keyStart);
    mark(wrapSpan(document, map, keyStart, keyEnd));
    mark(wrapSpan(document, map, 0, keyEnd + 1));
    expect(root.querySelector('p')?.textContent).toBe(text);
    const outer = root.querySelector('p > mad-hl');
    expect(outer?.textContent).toBe(text.slice(0, keyEnd + 1));
    expect(outer?.querySelector('mad-hl')?.textContent).toBe(text.slice(keyStart, keyEnd));
  });
});

describe('labels', () => {
  it('go after the sentence the error ends in, never past the next highlight', () => {
    const text = 'I got Rate limit reached for x on requests per min. Then it worked. Later';
    const end = text.indexOf(' on requests');
    expect(labelOffset(text, end, text.length)).toBe(text.indexOf('. Then') + 1);
    expect(labelOffset(text, end, end + 5)).toBe(end + 5);
    expect(labelOffset('ends here.', 10, 10)).toBe(10);
    expect(labelOffset('no stop at all', 6, 14)).toBe(14);
  });

  it('are inserted outside a link that holds the sentence end', () => {
    const { root, block, map } = setup('<p>Visit <a href="#">the billing page.</a> Next sentence</p>');
    const label = document.createElement('mad-label');
    insertAfterOffset(map, block.container, block.text.indexOf(' Next'), [label]);
    expect(root.innerHTML).toBe(
      '<p>Visit <a href="#">the billing page.</a><mad-label></mad-label> Next sentence</p>',
    );
  });
});

describe('clearMarks', () => {
  it('restores the page exactly, whatever spans were wrapped', () => {
    const inline = fc.constantFrom('code', 'a', 'strong', 'em', 'span');
    const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.stringMatching(/^[a-z ]{1,12}$/),
        fc
          .tuple(inline, fc.array(tie('node'), { minLength: 1, maxLength: 3 }))
          .map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
      ),
    })).node;
    fc.assert(
      fc.property(
        fc.array(node, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        (children, rawSpans) => {
          document.body.innerHTML = `<div class="cooked"><p>${children.join('')}</p></div>`;
          const root = document.querySelector('.cooked') as Element;
          root.normalize();
          const original = root.innerHTML;
          const [block] = collectTextBlocks(root, compiled);
          if (!block) return;
          const map = new OffsetMap(block);
          const length = block.text.length;
          for (const [a, b] of rawSpans) {
            const start = a % (length + 1);
            const end = start + (b % (length - start + 1));
            const wrappers = mark(wrapSpan(document, map, start, end));
            // The wrapped text is exactly the span's text (whitespace-only pieces aside).
            expect(
              wrappers
                .map((wrapper) => wrapper.textContent)
                .join('')
                .replace(/\s/g, ''),
            ).toBe(block.text.slice(start, end).replace(/\s/g, ''));
          }
          expect(root.textContent).toBe(block.text);
          clearMarks(root);
          expect(root.innerHTML).toBe(original);
        },
      ),
      { numRuns: 300 },
    );
  });
});
