/**
 * Shapes shared by the page scanner (utils/scan) and the UIs that read its highlights (components/tooltip).
 * Nothing here touches the DOM of a particular site: the site is described by `ScanRules`.
 */
import type { Diagnosis } from '../diagnosis/types';

/** An OpenAI error found in a block's text: `[start, end)` in the block's normalised text. */
export interface ErrorSpan {
  start: number;
  end: number;
  diagnosis: Diagnosis;
}

/** A string shaped like a live OpenAI key: `[start, end)` in the block's text. The key itself is never kept. */
export interface KeySpan {
  start: number;
  end: number;
}

/**
 * What the scanner asks about text. The cheap questions are answered at once, in the page; the errors in a block
 * may need the diagnosis engine, which lives in the background (see `createDiagnosisMatcher`): the scanner asks
 * `knownErrors` first and sends what it does not know in one `requestErrors` per pass. Tests pass small fakes.
 */
export interface ScanMatcher {
  /** Cheap pre-check on a whole post: false means no block in it can hold an error or a key. */
  mightMatch(text: string): boolean;
  /**
   * The errors in one block (a paragraph's or a code element's whole text) when known without asking — the
   * pre-check rules the block out, or the answer is cached — else `undefined`.
   */
  knownErrors(text: string): readonly ErrorSpan[] | undefined;
  /**
   * The errors in these blocks, asked for together (one message, unless the batch is too big for one). Never
   * rejects: a block whose answer failed has no errors. Texts `knownErrors` knows are answered without asking.
   */
  requestErrors(texts: readonly string[]): Promise<ReadonlyMap<string, readonly ErrorSpan[]>>;
  /** Live-looking API keys in one block (only `live` ones: placeholders and masked keys are not warnings). */
  findLeakedKeys(text: string): readonly KeySpan[];
}

/**
 * Where to look on a site, and what to leave alone. Data, so the forum and the platform script share one
 * scanner (issue 7). Selectors are matched with `Element.matches`/`closest`: no layout is read.
 */
export interface ScanRules {
  /** Site name for logs. */
  name: string;
  /** Containers of user text, scanned as units ("posts"): `.cooked` on Discourse. A simple selector (no combinators). */
  rootSelector: string;
  /** Roots count only inside this container (`#main-outlet`: not the composer, not a modal). */
  scopeSelector: string;
  /**
   * Subtrees never read or changed: editors, inputs, our own UI. Also checked on each root's ancestors.
   * Only tested on elements that carry attributes (ids, classes, `contenteditable`…): rules by tag name alone
   * belong in `skipTags`.
   */
  skipSelector: string;
  /** Tag names skipped without a selector match (fast path; upper-case HTML names, lower-case SVG names). */
  skipTags: readonly string[];
  /** Blocks holding someone else's text (quotes, link previews): highlights are marked `data-mad-quoted`. */
  quotedSelector: string;
  /** Code blocks: matched on their whole text and highlighted around, never inside (syntax highlighters rewrite them). */
  codeBlockSelector: string;
}

/** Which text a highlight belongs to, for the tooltip and the inline labels. */
export interface HighlightInfo {
  /** Errors explained by this highlight: one for text, possibly several for a code block. */
  diagnoses: Diagnosis[];
  /** Live-looking keys inside this highlight (a warning; nothing about them leaves the page). */
  leakedKeys: number;
  /** The text is quoted from elsewhere (a quote, a link preview): lower confidence. */
  quoted: boolean;
  /** The focusable element the tooltip points at (the first piece of a highlight, or the code block). */
  anchor: Element;
  /** For code blocks: the exact text ranges of the errors, to point the tooltip at the first one. */
  ranges?: readonly AbstractRange[];
}

export interface ScanStats {
  /** Posts scanned (first scans and rescans). */
  rootsScanned: number;
  /** Posts whose pre-check said "nothing here". */
  rootsSkippedByPrecheck: number;
  blocksMatched: number;
  highlights: number;
  leakedKeys: number;
  /** Main-thread milliseconds spent in scan slices (reading text, matching, wrapping). */
  scanMs: number;
  slices: number;
  longestSliceMs: number;
  fullRescans: number;
  /** Batches of block texts asked about (at most one per pass; texts already asked for are not asked again). */
  requests: number;
  /** Block texts in those batches. */
  blocksRequested: number;
}
