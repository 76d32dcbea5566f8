import { beforeEach, describe, expect, it } from 'vitest';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { collectTextBlocks, compileRules } from '@/utils/scan/text-blocks';

const compiled = compileRules(DISCOURSE_RULES);

function blocksOf(html: string) {
  document.body.innerHTML = `<div id="main-outlet"><div class="cooked">${html}</div></div>`;
  const root = document.querySelector('.cooked') as Element;
  return collectTextBlocks(root, compiled);
}

describe('collectTextBlocks', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('reads a paragraph split by inline code and links as one text, normalised', () => {
    const [block, ...rest] = blocksOf(
      '<p>The model <code>gpt-4</code> does <a href="#">not</a> exist – it said ‘gpt-4’.</p>',
    );
    expect(rest).toHaveLength(0);
    expect(block?.kind).toBe('text');
    expect(block?.text).toBe("The model gpt-4 does not exist – it said 'gpt-4'.");
    expect(block?.container.tagName).toBe('P');
    // Every text node is listed with its offset in the block text.
    expect(block?.nodes.map((node) => node.data)).toEqual([
      'The model ',
      'gpt-4',
      ' does ',
      'not',
      ' exist – it said ‘gpt-4’.',
    ]);
    expect(block?.starts).toEqual([0, 10, 15, 21, 24]);
  });

  it('turns <br> into a line break that belongs to no node', () => {
    const [block] = blocksOf('<p>Here is my error message:<br>Error code: 429</p>');
    expect(block?.text).toBe('Here is my error message:\nError code: 429');
    expect(block?.starts).toEqual([0, 26]);
  });

  it('makes each block element its own unit, and splits a list item around a nested list', () => {
    const blocks = blocksOf('<p>one</p><ul><li>two<ul><li>three</li></ul>four</li></ul><h2>five</h2>');
    expect(blocks.map((block) => block.text)).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('reads a highlighted code block as one text, without the copy button', () => {
    const [block] = blocksOf(
      '<pre class="codeblock-buttons"><div class="codeblock-button-wrapper"><button>copy</button></div><code class="hljs language-json">{<span class="hljs-attr">"message"</span>: <span class="hljs-string">"You exceeded your current quota"</span>}</code></pre>',
    );
    expect(block?.kind).toBe('code');
    expect(block?.container.tagName).toBe('PRE');
    expect(block?.text).toBe('{"message": "You exceeded your current quota"}');
  });

  it('marks text inside quotes and link previews as quoted', () => {
    const blocks = blocksOf(
      '<aside class="quote"><div class="title">bob:</div><blockquote><p>quoted error</p></blockquote></aside><aside class="onebox"><article class="onebox-body"><p>preview error</p></article></aside><p>own words</p>',
    );
    expect(blocks.map((block) => [block.text, block.quoted])).toEqual([
      ['bob:', true],
      ['quoted error', true],
      ['preview error', true],
      ['own words', false],
    ]);
  });

  it('reads details bodies, which Discourse keeps in the DOM while closed', () => {
    const blocks = blocksOf('<details><summary>Log</summary><p>hidden error text</p></details>');
    expect(blocks.map((block) => block.text)).toEqual(['Log', 'hidden error text']);
  });

  it('never reads editable or interactive content, nor our own UI', () => {
    const blocks = blocksOf(
      '<p>kept</p><textarea>typed error</textarea><div contenteditable="true"><p>editing error</p></div><div contenteditable="false"><p>not editable</p></div><p>a <mad-label data-mad-ui="">No credit left</mad-label> b</p><div id="fast-edit-input">fast</div><input value="x"><script>var error = 1</script>',
    );
    expect(blocks.map((block) => block.text)).toEqual(['kept', 'not editable', 'a  b']);
  });

  it('skips whitespace-only runs between blocks', () => {
    expect(blocksOf('\n<p>a</p>\n\n<p>b</p>\n').map((block) => block.text)).toEqual(['a', 'b']);
  });
});
