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
  CSS?: {
    highlights?: {
      get(name: string): unknown;
      set(name: string, highlight: unknown): unknown;
      delete(name: string): unknown;
    };
  };
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
    if (!registry || !HighlightClass) {
      this.failed = true;
      return null;
    }
    const highlights = { error: new HighlightClass(), key: new HighlightClass() };
    try {
      registry.set(CODE_ERROR_HIGHLIGHT, highlights.error);
      registry.set(CODE_KEY_HIGHLIGHT, highlights.key);
      this.highlights = highlights;
    } catch {
      // Code blocks are still marked as a whole; only the exact ranges inside them are not painted. Nothing
      // half-registered is left behind.
      this.unregister(highlights);
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
    this.unregister(this.highlights);
    this.highlights = null;
  }

  /**
   * Removes our highlights from the page's registry, only where they are still ours: after an extension update
   * the new content script may have registered its own under the same names before the old one is disposed.
   */
  private unregister(highlights: Record<CodeHighlightKind, HighlightLike>): void {
    const registry = this.window.CSS?.highlights;
    if (!registry) return;
    if (registry.get(CODE_ERROR_HIGHLIGHT) === highlights.error) registry.delete(CODE_ERROR_HIGHLIGHT);
    if (registry.get(CODE_KEY_HIGHLIGHT) === highlights.key) registry.delete(CODE_KEY_HIGHLIGHT);
  }
}
