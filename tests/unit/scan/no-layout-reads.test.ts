/**
 * The scan path must never force layout (STYLE: no layout reads while scanning; issue 6 quality bar). This reads
 * the scanner's own sources and fails on any layout-reading API, so a later edit cannot slip one in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SCAN_DIR = path.resolve(import.meta.dirname, '../../../utils/scan');
const LAYOUT_READS =
  /\b(getBoundingClientRect|getClientRects|getComputedStyle|offset(Width|Height|Top|Left|Parent)|client(Width|Height|Top|Left)|scroll(Width|Height|Top|Left)|innerText|outerText|isContentEditable|checkVisibility|scrollIntoView|elementFromPoint)\b/;

function sources(): Array<{ file: string; text: string }> {
  return readdirSync(SCAN_DIR)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ file, text: readFileSync(path.join(SCAN_DIR, file), 'utf8') }));
}

describe('the scan module reads no layout', () => {
  it('has sources to check', () => {
    expect(sources().map(({ file }) => file)).toEqual(
      expect.arrayContaining(['scanner.ts', 'text-blocks.ts', 'wrap.ts']),
    );
  });

  for (const { file, text } of sources()) {
    it(`${file} uses no layout-reading API`, () => {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code.match(LAYOUT_READS)?.[0] ?? null).toBeNull();
    });
  }

  it('would catch one', () => {
    expect(LAYOUT_READS.test('const box = element.getBoundingClientRect();')).toBe(true);
    expect(LAYOUT_READS.test('const width = element.offsetWidth;')).toBe(true);
  });
});
