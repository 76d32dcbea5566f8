/**
 * The Custom Highlight API registry for exact error text inside code blocks: registered on the first range
 * only (most pages never paint one), removed on dispose only when it was ours, and a refusal (a content-script
 * sandbox) turns painting off without an error.
 */
import { describe, expect, it } from 'vitest';
import { CodeHighlights } from '@/utils/scan/code-highlights';
import { CODE_ERROR_HIGHLIGHT, CODE_KEY_HIGHLIGHT } from '@/utils/scan/dom-marks';

class FakeHighlight {
  readonly ranges = new Set<AbstractRange>();
  add(range: AbstractRange) {
    this.ranges.add(range);
  }
  delete(range: AbstractRange) {
    return this.ranges.delete(range);
  }
  forEach(callback: (range: AbstractRange) => void) {
    for (const range of this.ranges) callback(range);
  }
  get size() {
    return this.ranges.size;
  }
}

function fakeWindow(options: { refuse?: boolean; refuseKey?: boolean } = {}) {
  const registry = new Map<string, unknown>();
  const calls: string[] = [];
  const window = {
    CSS: {
      highlights: {
        get(name: string) {
          return registry.get(name);
        },
        set(name: string, highlight: unknown) {
          calls.push(`set ${name}`);
          if (options.refuse || (options.refuseKey && name === CODE_KEY_HIGHLIGHT))
            throw new DOMException('not allowed', 'NotAllowedError');
          registry.set(name, highlight);
        },
        delete(name: string) {
          calls.push(`delete ${name}`);
          return registry.delete(name);
        },
      },
    },
    Highlight: FakeHighlight,
  };
  return { window, registry, calls };
}

const range = (collapsed = false) => ({ collapsed }) as AbstractRange;

describe('code highlights', () => {
  it('registers nothing until the first range is painted, then both highlights once', () => {
    const { window, registry, calls } = fakeWindow();
    const highlights = new CodeHighlights(window);
    expect(highlights.supported).toBe(true);
    expect(calls).toEqual([]);
    highlights.add('error', range());
    highlights.add('key', range());
    highlights.add('error', range());
    expect(calls).toEqual([`set ${CODE_ERROR_HIGHLIGHT}`, `set ${CODE_KEY_HIGHLIGHT}`]);
    expect((registry.get(CODE_ERROR_HIGHLIGHT) as FakeHighlight).size).toBe(2);
    expect(highlights.size).toBe(3);
  });

  it('removes its highlights on dispose only when it registered them', () => {
    const unused = fakeWindow();
    new CodeHighlights(unused.window).dispose();
    expect(unused.calls).toEqual([]);

    const used = fakeWindow();
    const highlights = new CodeHighlights(used.window);
    highlights.add('key', range());
    highlights.dispose();
    expect(used.registry.size).toBe(0);
    expect(used.calls.filter((call) => call.startsWith('delete'))).toHaveLength(2);
  });

  it('drops ranges that collapsed and those removed by a rescan', () => {
    const { window } = fakeWindow();
    const highlights = new CodeHighlights(window);
    const kept = range();
    const dropped = range();
    highlights.add('error', kept);
    highlights.add('error', dropped);
    highlights.add('key', range(true));
    highlights.remove([dropped]);
    highlights.pruneCollapsed();
    expect(highlights.size).toBe(1);
  });

  it('turns painting off, without throwing, where the API is missing or refuses to register', () => {
    expect(new CodeHighlights({}).supported).toBe(false);
    const refusing = fakeWindow({ refuse: true });
    const highlights = new CodeHighlights(refusing.window);
    expect(() => highlights.add('error', range())).not.toThrow();
    expect(highlights.supported).toBe(false);
    highlights.add('error', range());
    expect(refusing.calls).toEqual([`set ${CODE_ERROR_HIGHLIGHT}`]);
    expect(highlights.size).toBe(0);
  });

  it("leaves another instance's highlights registered (an extension update: the new script registered first)", () => {
    const shared = fakeWindow();
    const old = new CodeHighlights(shared.window);
    old.add('error', range());
    const current = new CodeHighlights(shared.window);
    current.add('error', range());
    old.dispose();
    expect(shared.registry.size).toBe(2);
    current.dispose();
    expect(shared.registry.size).toBe(0);
  });

  it('leaves nothing half-registered when the second registration is refused', () => {
    const refusing = fakeWindow({ refuseKey: true });
    const highlights = new CodeHighlights(refusing.window);
    highlights.add('error', range());
    expect(highlights.supported).toBe(false);
    expect(refusing.registry.size).toBe(0);
  });
});
