/**
 * The scanner's lifetime on one page: one MutationObserver for the observed root, one IntersectionObserver to
 * scan posts only when they come within a screen of the viewport, and a queue worked through in bounded time
 * slices. Everything it needs (document, window, rules, matcher, clock, lifetime) is passed in, so the forum
 * and platform scripts share it and tests drive it with happy-dom.
 *
 * Errors are found by the background (see matcher.ts): a pass (one slice) collects the blocks whose answer is
 * not known, asks for all of them at once, and the posts waiting for that answer are scanned again when it
 * arrives — with the answer, if their text is unchanged; a changed text is asked about again.
 *
 * No layout is read: IntersectionObserver reports asynchronously from the browser's own rendering steps.
 */
import { CodeHighlights } from './code-highlights';
import { planMutations } from './mutations';
import { type RootScanContext, type RootScanResult, scanRoot } from './scan-root';
import { type CompiledRules, compileRules, isInsideSkipped } from './text-blocks';
import type { ErrorSpan, HighlightInfo, ScanMatcher, ScanRules, ScanStats } from './types';
import { clearMarks } from './wrap';

export interface ScannerOptions {
  document: Document;
  window: Window;
  rules: ScanRules;
  matcher: ScanMatcher;
  /** Stops everything (observers, timers) when aborted: pass WXT's `ctx.signal`. */
  signal: AbortSignal;
  /** Where to watch for new posts; `document.body` by default. */
  observeRoot?: Node;
  /** Longest slice of scanning before yielding to the page, in ms. */
  sliceBudgetMs?: number;
  /** How far from the viewport posts are scanned ahead of time (IntersectionObserver rootMargin). */
  nearMargin?: string;
  /** Added subtrees in one mutation batch beyond which one full query replaces many small ones. */
  fullRescanThreshold?: number;
  now?: () => number;
  /** Called once with the first error thrown while scanning (the scanner goes on with the next post). */
  onError?: (error: unknown) => void;
  /** Called after a pass that marked something (an error or a leaked key): the UI that explains marks is needed. */
  onMarked?: () => void;
}

export interface Scanner {
  /** Queues every root on the page and starts watching. */
  start(): void;
  /** Forgets all state (topic changed) and rescans what is on the page now. */
  reset(): void;
  /**
   * Scans every queued root now, ignoring the time budget and the viewport (tests, bench). Posts whose errors
   * the background must tell are asked about (one batch) and marked when the answer comes (see `settle`).
   */
  flush(): void;
  /** Flushes, waits for the background's answers and applies them, until nothing is queued or awaited. */
  settle(): Promise<void>;
  /** What a highlight, code block or label explains. */
  lookup(element: Element): HighlightInfo | undefined;
  readonly stats: Readonly<ScanStats>;
  /** Idle when nothing is queued, scheduled or waiting for an answer. */
  readonly idle: boolean;
  dispose(): void;
}

/** What a post sent to the background waits for. */
interface PostWait {
  texts: readonly string[];
  marksKnown: boolean;
}

const emptyBatch = () => ({
  texts: new Set<string>(),
  roots: [] as Element[],
  waits: new Map<Element, PostWait>(),
});

/** A post checked with the background's answers: no error, no key. */
const NOTHING_MARKED: RootScanResult = {
  checked: true,
  blocksMatched: 0,
  highlights: 0,
  leakedKeys: 0,
  codeRanges: [],
};

interface RootState {
  codeRanges: AbstractRange[];
}

type TimerWindow = Window & {
  IntersectionObserver?: typeof IntersectionObserver;
  MutationObserver: typeof MutationObserver;
};

export function createScanner(options: ScannerOptions): Scanner {
  const { document, matcher, signal } = options;
  const win = options.window as TimerWindow;
  const compiled: CompiledRules = compileRules(options.rules);
  const now = options.now ?? (() => win.performance.now());
  const budget = options.sliceBudgetMs ?? 8;
  const threshold = options.fullRescanThreshold ?? 60;
  const observeRoot = options.observeRoot ?? document.body ?? document.documentElement;

  const stats: ScanStats = {
    rootsScanned: 0,
    rootsSkippedByPrecheck: 0,
    blocksMatched: 0,
    highlights: 0,
    leakedKeys: 0,
    scanMs: 0,
    slices: 0,
    longestSliceMs: 0,
    fullRescans: 0,
    requests: 0,
    blocksRequested: 0,
  };

  let registry = new WeakMap<Element, HighlightInfo>();
  let states = new WeakMap<Element, RootState>();
  let groupCounter = 0;
  const codeHighlights = new CodeHighlights(win as ConstructorParameters<typeof CodeHighlights>[0]);
  const ready = new Set<Element>();
  const waiting = new Set<Element>();
  let timer: number | undefined;
  let reportedError = false;
  let disposed = false;
  /** Posts waiting for the background's answer → the request they wait for (a newer pass supersedes it). */
  const awaiting = new Map<Element, number>();
  /** The answers a post is scanned again with; dropped after that scan. */
  let answered = new WeakMap<Element, ReadonlyMap<string, readonly ErrorSpan[]>>();
  /** What this pass must ask about, and what each post waits for (see `RootScanResult.marksKnown`). */
  let batch: { texts: Set<string>; roots: Element[]; waits: Map<Element, PostWait> } = emptyBatch();
  let requestCounter = 0;
  const requestsInFlight = new Set<Promise<void>>();

  const context = (): RootScanContext => ({
    document,
    compiled,
    matcher,
    registry,
    codeHighlights,
    nextGroupId: () => ++groupCounter,
  });
  let scanContext = context();

  const intersection = win.IntersectionObserver
    ? new win.IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting || !waiting.delete(entry.target)) continue;
            intersection?.unobserve(entry.target);
            ready.add(entry.target);
          }
          schedule();
        },
        { rootMargin: options.nearMargin ?? '100% 0px 100% 0px' },
      )
    : null;

  const mutations = new win.MutationObserver((records) => {
    const plan = planMutations(records, compiled, threshold);
    for (const root of plan.dirtyRoots) enqueue(root, true);
    if (plan.fullRescan) {
      stats.fullRescans++;
      enqueueAll(false);
    } else for (const root of plan.newRoots) enqueue(root, false);
  });

  function enqueue(root: Element, dirty: boolean): void {
    if (disposed) return;
    if (!dirty && (states.has(root) || awaiting.has(root))) return;
    // A changed post was near the viewport when first scanned (or the page changed it for the reader): now.
    if (dirty || !intersection) {
      ready.add(root);
      schedule();
      return;
    }
    if (waiting.has(root)) return;
    waiting.add(root);
    intersection.observe(root);
  }

  function enqueueAll(dirty: boolean): void {
    for (const element of compiled.rootsIn(observeRoot as ParentNode)) enqueue(element, dirty);
  }

  function schedule(): void {
    if (timer !== undefined || disposed || ready.size === 0) return;
    timer = win.setTimeout(runSlice, 0);
  }

  /** Something was marked since the last pass ended. */
  let markedInPass = false;

  function endPass(): void {
    if (!markedInPass) return;
    markedInPass = false;
    options.onMarked?.();
  }

  function record(result: RootScanResult): void {
    if (result.highlights > 0 || result.leakedKeys > 0) markedInPass = true;
    stats.rootsScanned++;
    if (!result.checked) stats.rootsSkippedByPrecheck++;
    stats.blocksMatched += result.blocksMatched;
    stats.highlights += result.highlights;
    stats.leakedKeys += result.leakedKeys;
  }

  function scanOne(root: Element): void {
    const answers = answered.get(root);
    answered.delete(root);
    awaiting.delete(root);
    if (!root.isConnected) return;
    try {
      const previous = states.get(root);
      if (previous) codeHighlights.remove(previous.codeRanges);
      // Always undo our earlier marks first: a pass is idempotent even if the page reused the element.
      clearMarks(root);
      if (isInsideSkipped(root, compiled)) {
        states.set(root, { codeRanges: [] });
        return;
      }
      const result = scanRoot(root, scanContext, answers);
      states.set(root, { codeRanges: result.codeRanges });
      if (result.pending !== undefined) {
        for (const text of result.pending) batch.texts.add(text);
        batch.roots.push(root);
        batch.waits.set(root, { texts: result.pending, marksKnown: result.marksKnown === true });
        return;
      }
      record(result);
    } catch (error) {
      states.set(root, { codeRanges: [] });
      report(error);
    }
  }

  function report(error: unknown): void {
    if (reportedError) return;
    reportedError = true;
    options.onError?.(error);
  }

  /** Our own DOM writes come back as mutation records: drop them, they are not the page's changes. */
  function forgetOwnMutations(): void {
    mutations.takeRecords();
  }

  /** Asks about this pass's blocks in one request; the posts waiting for it are scanned again on the answer. */
  function sendBatch(): void {
    if (batch.roots.length === 0) return;
    const { texts, roots, waits } = batch;
    batch = emptyBatch();
    const id = ++requestCounter;
    for (const root of roots) awaiting.set(root, id);
    stats.requests++;
    stats.blocksRequested += texts.size;
    const request = matcher.requestErrors([...texts]).then(
      (answers) => {
        requestsInFlight.delete(request);
        if (disposed) return;
        for (const root of roots) {
          // Scanned again meanwhile (changed, or the topic was reset): that pass asked for itself.
          if (awaiting.get(root) !== id) continue;
          awaiting.delete(root);
          // Removed meanwhile (cloaked): the answer stays in the matcher's cache for when it comes back.
          if (!root.isConnected) continue;
          // Nothing to mark (most posts): no second walk. A post changed meanwhile was queued again by the
          // observer and is scanned anew.
          const wait = waits.get(root);
          if (
            wait !== undefined &&
            !wait.marksKnown &&
            wait.texts.every((text) => answers.get(text)?.length === 0)
          ) {
            record(NOTHING_MARKED);
            continue;
          }
          answered.set(root, answers);
          ready.add(root);
        }
        schedule();
      },
      (error: unknown) => {
        // The matcher answers failures itself; this is a bug in it. The posts stay unmarked (asking again
        // could loop) until the page changes them.
        requestsInFlight.delete(request);
        for (const root of roots) if (awaiting.get(root) === id) awaiting.delete(root);
        report(error);
      },
    );
    requestsInFlight.add(request);
  }

  function pruneWaiting(): void {
    for (const root of waiting) {
      if (root.isConnected) continue;
      waiting.delete(root);
      intersection?.unobserve(root);
    }
  }

  function runSlice(): void {
    timer = undefined;
    if (disposed) return;
    const started = now();
    for (const root of ready) {
      ready.delete(root);
      scanOne(root);
      if (now() - started >= budget) break;
    }
    sendBatch();
    forgetOwnMutations();
    codeHighlights.pruneCollapsed();
    pruneWaiting();
    const spent = now() - started;
    stats.scanMs += spent;
    stats.slices++;
    stats.longestSliceMs = Math.max(stats.longestSliceMs, spent);
    schedule();
    endPass();
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    if (timer !== undefined) win.clearTimeout(timer);
    mutations.disconnect();
    intersection?.disconnect();
    ready.clear();
    waiting.clear();
    awaiting.clear();
    for (const element of compiled.rootsIn(observeRoot as ParentNode)) clearMarks(element);
    codeHighlights.dispose();
  }

  signal.addEventListener('abort', dispose, { once: true });

  return {
    start() {
      if (disposed || signal.aborted) return;
      mutations.observe(observeRoot, { childList: true, subtree: true, characterData: true });
      enqueueAll(false);
    },
    reset() {
      if (disposed) return;
      ready.clear();
      for (const root of waiting) intersection?.unobserve(root);
      waiting.clear();
      awaiting.clear();
      answered = new WeakMap();
      batch = emptyBatch();
      codeHighlights.remove(collectAllRanges());
      registry = new WeakMap();
      states = new WeakMap();
      scanContext = context();
      enqueueAll(false);
    },
    flush,
    async settle() {
      flush();
      while (!disposed && requestsInFlight.size > 0) {
        await Promise.all([...requestsInFlight]);
        flush();
      }
    },
    lookup: (element) => registry.get(element),
    get stats() {
      return stats;
    },
    get idle() {
      return ready.size === 0 && timer === undefined && awaiting.size === 0;
    },
    dispose,
  };

  function flush(): void {
    if (disposed) return;
    // Everything queued is scanned now: a slice scheduled for it has nothing left to do.
    if (timer !== undefined) win.clearTimeout(timer);
    timer = undefined;
    for (const root of waiting) {
      intersection?.unobserve(root);
      ready.add(root);
    }
    waiting.clear();
    const started = now();
    for (const root of ready) {
      ready.delete(root);
      scanOne(root);
    }
    sendBatch();
    forgetOwnMutations();
    stats.scanMs += now() - started;
    stats.slices++;
    endPass();
  }

  function collectAllRanges(): AbstractRange[] {
    const ranges: AbstractRange[] = [];
    for (const element of compiled.rootsIn(observeRoot as ParentNode)) {
      const state = states.get(element);
      if (state) ranges.push(...state.codeRanges);
    }
    return ranges;
  }
}
