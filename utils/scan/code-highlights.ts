/**
 * Exact error text inside code blocks, painted with the CSS Custom Highlight API (`::highlight()`), so no
 * element is ever put inside `pre > code`: Discourse's highlight.js pass rewrites that content later and would
 * drop or duplicate our wrappers. Ranges are live: when the code is rewritten they collapse (and paint nothing)
 * until the rescan adds fresh ones. Browsers without the API still get the highlight around the code block.
 */
import { CODE_ERROR_HIGHLIGHT, CODE_KEY_HIGHLIGHT } from './dom-marks';

export type CodeHighlightKind = 'error' | 'key';

interface HighlightLike {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): unknown;
  forEach(callback: (range: AbstractRange) => void): void;
  readonly size: number;
}

interface HighlightWindow {
  CSS?: { highlights?: { set(name: string, highlight: unknown): unknown; delete(name: string): unknown } };
  Highlight?: new () => HighlightLike;
}

export class CodeHighlights {
  /** Registered on the first range: most pages never paint one, and registering is not free. */
  private highlights: Record<CodeHighlightKind, HighlightLike> | null = null;
  /** The API is missing, or refused to register (a content-script sandbox). */
  private failed: boolean;

  constructor(private readonly window: HighlightWindow) {
    this.failed = !window.CSS?.highlights || !window.Highlight;
  }

  /** Registers our two highlights; null where the API refuses us. */
  private register(): Record<CodeHighlightKind, HighlightLike> | null {
    if (this.highlights || this.failed) return this.highlights;
    const registry = this.window.CSS?.highlights;
    const HighlightClass = this.window.Highlight;
    try {
      if (!registry || !HighlightClass) throw new Error('no Custom Highlight API');
      const highlights = { error: new HighlightClass(), key: new HighlightClass() };
      registry.set(CODE_ERROR_HIGHLIGHT, highlights.error);
      registry.set(CODE_KEY_HIGHLIGHT, highlights.key);
      this.highlights = highlights;
    } catch {
      // Code blocks are still marked as a whole; only the exact ranges inside them are not painted.
      this.failed = true;
    }
    return this.highlights;
  }

  get supported(): boolean {
    return !this.failed;
  }

  add(kind: CodeHighlightKind, range: AbstractRange): void {
    this.register()?.[kind].add(range);
  }

  remove(ranges: Iterable<AbstractRange>): void {
    if (!this.highlights) return;
    for (const range of ranges) {
      this.highlights.error.delete(range);
      this.highlights.key.delete(range);
    }
  }

  /** Drops ranges whose code was rewritten or removed (collapsed), so the sets do not grow with each cloak. */
  pruneCollapsed(): void {
    if (!this.highlights) return;
    for (const highlight of Object.values(this.highlights)) {
      const dead: AbstractRange[] = [];
      highlight.forEach((range) => {
        if (range.collapsed) dead.push(range);
      });
      for (const range of dead) highlight.delete(range);
    }
  }

  get size(): number {
    return this.highlights ? this.highlights.error.size + this.highlights.key.size : 0;
  }

  dispose(): void {
    if (!this.highlights) return;
    this.highlights = null;
    const registry = this.window.CSS?.highlights;
    registry?.delete(CODE_ERROR_HIGHLIGHT);
    registry?.delete(CODE_KEY_HIGHLIGHT);
  }
}
