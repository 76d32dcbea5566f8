/**
 * The in-page half of `npm run bench:scan`: bundled with esbuild and injected into a fixture page in headless
 * Chromium. Runs our scanner (the real matcher, asking a stand-in background) or mark.js over the same post
 * bodies and reports main-thread milliseconds around the work (performance.now); the runner also reads the
 * thread CPU time of this script's tasks from a Chromium trace.
 *
 * The background: the diagnosis engine runs in the extension's service worker (`content:findErrors`). Here a
 * Web Worker stands in for it (scan-worker.ts, loaded from a blob: URL, so its time is not this script's): the
 * same `findErrorSpans` off the main thread, messages serialised to JSON as extension messages are.
 */
import Mark from 'mark.js';
import { CATALOGUE } from '@/utils/diagnosis/catalogue';
import { findErrorSpans } from '@/utils/diagnosis/spans';
import type { FoundError } from '@/utils/messages';
import { createDiagnosisMatcher, type SendTexts } from '@/utils/scan/matcher';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { createScanner, type Scanner } from '@/utils/scan/scanner';
import { collectTextBlocks, compileRules } from '@/utils/scan/text-blocks';
import type { ErrorSpan, KeySpan, ScanMatcher } from '@/utils/scan/types';

/** scan-worker.ts, bundled by the runner (tests/bench/scan.ts) and defined here as a string. */
declare const __MAD_WORKER_SOURCE__: string;

export interface ScanFigures {
  /** Wall time from the start until every answer was applied (waiting for the background included). */
  ms: number;
  /** Of the main thread's work, the time in the matcher's local part (pre-check, key search, masking). */
  matcherMs: number;
  /** Time the background stand-in spent in the engine (its own thread). */
  backgroundMs: number;
  /** `content:findErrors` messages sent. */
  messages: number;
  highlights: number;
  leakedKeys: number;
  roots: number;
  rootsSkippedByPrecheck: number;
}

/** What the runner (tests/bench/scan.ts) can ask `__madBench.later` to run. */
export type BenchKind =
  | 'warmup'
  | 'scan'
  | 'rescan'
  | 'markjs'
  | 'flush'
  | 'prime'
  | 'scanPrimed'
  | 'prepareNextTopic';

export interface MarkFigures {
  ms: number;
  marks: number;
}

/** Every message pattern of the catalogue in one expression: what a generic highlighter would be given. */
function cataloguePattern(): RegExp {
  const sources: string[] = [];
  for (const entry of CATALOGUE) {
    for (const pattern of [...(entry.match.patterns ?? []), ...(entry.match.genericPatterns ?? [])]) {
      sources.push(`(?:${pattern.source})`);
    }
  }
  return new RegExp(sources.join('|'), 'gi');
}

/**
 * The observer's callbacks must be functions of this bundle, so the trace attributes them to this script
 * (they are main-thread work of ours too).
 */
class BundleMutationObserver extends MutationObserver {
  constructor(callback: MutationCallback) {
    super((records, observer) => callback(records, observer));
  }
}

const pristine = new Map<string, string>();
for (const wrapper of document.querySelectorAll<HTMLElement>('.topic-post[data-post-number]')) {
  pristine.set(wrapper.dataset.postNumber ?? '', wrapper.innerHTML);
}

let scanner: Scanner | null = null;
let matcherMs = 0;
let backgroundMs = 0;
let messages = 0;

// ---- the stand-in background ----------------------------------------------------------------------------------

let worker: Worker | null = null;
let messageCounter = 0;
const answers = new Map<number, (body: string) => void>();

function background(): Worker {
  if (worker) return worker;
  const url = URL.createObjectURL(new Blob([__MAD_WORKER_SOURCE__], { type: 'text/javascript' }));
  worker = new Worker(url);
  worker.onmessage = (event: MessageEvent<{ id: number; body: string; ms: number }>) => {
    backgroundMs += event.data.ms;
    answers.get(event.data.id)?.(event.data.body);
    answers.delete(event.data.id);
  };
  return worker;
}

/** `content:findErrors` through the stand-in: the request and the answer cross as JSON, as messages do. */
const sendToBackground: SendTexts = (texts) =>
  new Promise((resolve) => {
    const id = ++messageCounter;
    messages++;
    answers.set(id, (body) => resolve((JSON.parse(body) as { results: FoundError[][] }).results));
    background().postMessage({ id, body: JSON.stringify({ texts }) });
  });

/** The real matcher, with the time of its local part measured: the scanner's own work is the rest. */
function timedMatcher(): ScanMatcher {
  const inner = createDiagnosisMatcher({ send: sendToBackground });
  const timed =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      const started = performance.now();
      try {
        return fn(...args);
      } finally {
        matcherMs += performance.now() - started;
      }
    };
  return {
    mightMatch: timed(inner.mightMatch),
    knownErrors: timed(inner.knownErrors),
    // Only the synchronous part (masking, batching, sending) is the page's; the wait is not.
    requestErrors: timed(inner.requestErrors),
    findLeakedKeys: timed(inner.findLeakedKeys),
  };
}

function benchWindow(): Window {
  // The scanner only takes what it uses from `window`; IntersectionObserver is left out so every post is
  // queued at once and flush() scans the whole page: the worst case, not only the posts near the viewport.
  return {
    MutationObserver: BundleMutationObserver,
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
    performance: window.performance,
    CSS: window.CSS,
    Highlight: window.Highlight,
  } as unknown as Window;
}

/** The engine's answers for every block of the page, computed ahead (untimed) by `prime`. */
const primed = new Map<string, { errors: readonly ErrorSpan[]; keys: readonly KeySpan[] }>();
let primedMight = new Set<string>();

/** Answers from `primed`: a matcher that costs (almost) nothing, to time the scanner's own DOM work. */
function primedMatcher(): ScanMatcher {
  return {
    mightMatch: (text) => primedMight.has(text),
    knownErrors: (text) => primed.get(text)?.errors ?? [],
    requestErrors: async () => new Map(),
    findLeakedKeys: (text) => primed.get(text)?.keys ?? [],
  };
}

const bench = {
  /** Runs the real engine over every post and block of the page and keeps its answers (not measured). */
  prime(): { ms: number } {
    const started = performance.now();
    const matcher = createDiagnosisMatcher({ send: sendToBackground });
    const compiled = compileRules(DISCOURSE_RULES);
    primedMight = new Set();
    for (const root of document.querySelectorAll('#main-outlet .cooked')) {
      const text = root.textContent ?? '';
      if (!matcher.mightMatch(text)) continue;
      primedMight.add(text);
      for (const block of collectTextBlocks(root, compiled)) {
        primed.set(block.text, {
          errors: matcher.knownErrors(block.text) ?? findErrorSpans(block.text),
          keys: matcher.findLeakedKeys(block.text),
        });
      }
    }
    return { ms: performance.now() - started };
  },

  /** The first scan with the engine's answers known: the scanner's own work (walk, wrap, labels, marks). */
  scanPrimed(): { ms: number } {
    const controller = new AbortController();
    const started = performance.now();
    const own = createScanner({
      document,
      window: benchWindow(),
      rules: DISCOURSE_RULES,
      matcher: primedMatcher(),
      signal: controller.signal,
    });
    own.start();
    own.flush();
    return { ms: performance.now() - started };
  },

  async scan(): Promise<ScanFigures> {
    const controller = new AbortController();
    matcherMs = 0;
    backgroundMs = 0;
    messages = 0;
    const started = performance.now();
    scanner = createScanner({
      document,
      window: benchWindow(),
      rules: DISCOURSE_RULES,
      matcher: timedMatcher(),
      signal: controller.signal,
    });
    scanner.start();
    await scanner.settle();
    const ms = performance.now() - started;
    return {
      ms,
      matcherMs,
      backgroundMs,
      messages,
      highlights: scanner.stats.highlights,
      leakedKeys: scanner.stats.leakedKeys,
      roots: scanner.stats.rootsScanned,
      rootsSkippedByPrecheck: scanner.stats.rootsSkippedByPrecheck,
    };
  },

  /**
   * In-app navigation, step 1 (not measured): this topic is scanned, so the scanner's code is compiled and it
   * keeps watching the page, as in a tab where the reader already read a topic. Step 2 is the runner's: the page
   * renders the next topic into `#main-outlet`, our observer queues its posts, `flush` scans them.
   */
  async prepareNextTopic(): Promise<{ ms: number }> {
    const started = performance.now();
    await bench.scan();
    return { ms: performance.now() - started };
  },

  markjs(): MarkFigures {
    const pattern = cataloguePattern();
    const context = [...document.querySelectorAll('#main-outlet .cooked')];
    let marks = 0;
    const started = performance.now();
    new Mark(context as HTMLElement[]).markRegExp(pattern, {
      acrossElements: true,
      exclude: ['textarea', 'input', '[contenteditable]', '.codeblock-button-wrapper'],
      each: () => {
        marks++;
      },
    });
    return { ms: performance.now() - started, marks };
  },

  /**
   * Runs one of the measurements in its own task, from a function of this bundle, so the trace attributes its
   * main-thread time to this script's URL (the runner sums the CPU time of those events). Asynchronous ones
   * (the scanner waiting for the background) set their result when everything is applied.
   */
  later(kind: BenchKind): void {
    (window as unknown as { __madBenchResult: unknown }).__madBenchResult = undefined;
    setTimeout(() => {
      const runs: Record<BenchKind, () => unknown> = {
        prime: bench.prime,
        scanPrimed: bench.scanPrimed,
        warmup: bench.warmup,
        scan: bench.scan,
        rescan: bench.rescan,
        markjs: bench.markjs,
        flush: bench.flush,
        prepareNextTopic: bench.prepareNextTopic,
      };
      const run = runs[kind];
      void Promise.resolve(run()).then((result) => {
        (window as unknown as { __madBenchResult: unknown }).__madBenchResult = result;
      });
    }, 0);
  },

  /**
   * The background's engine starts (its regular expressions compile on first use) on one real error, before the
   * scan: in the extension this happens once per service-worker start, off the page's main thread.
   */
  async warmup(): Promise<{ ms: number; backgroundMs: number }> {
    backgroundMs = 0;
    const started = performance.now();
    await sendToBackground([
      'Error code: 429 - You exceeded your current quota, please check your plan and billing details.',
    ]);
    return { ms: performance.now() - started, backgroundMs };
  },

  /** A second full pass over the same page (state reset, matcher cache warm): the scanner's own DOM work. */
  async rescan(): Promise<{ ms: number; messages: number }> {
    if (!scanner) throw new Error('scan first');
    const before = messages;
    const started = performance.now();
    scanner.reset();
    await scanner.settle();
    return { ms: performance.now() - started, messages: messages - before };
  },

  /** Cloaking, step 1 (page work, not measured): the articles of these posts are removed. */
  cloak(numbers: number[]): void {
    for (const number of numbers) document.querySelector(`[data-post-number="${number}"]`)?.replaceChildren();
  },

  /** Cloaking, step 2 (page work, not measured): the posts are rendered again from the server's HTML. */
  uncloak(numbers: number[]): void {
    for (const number of numbers) {
      const wrapper = document.querySelector(`[data-post-number="${number}"]`);
      if (wrapper) wrapper.innerHTML = pristine.get(String(number)) ?? '';
    }
  },

  /** Scans whatever the observer queued (re-created posts: answered from the cache, no message). */
  async flush(): Promise<{ ms: number; highlights: number; messages: number }> {
    if (!scanner) throw new Error('scan first');
    const before = messages;
    const started = performance.now();
    await scanner.settle();
    return {
      ms: performance.now() - started,
      highlights: document.querySelectorAll('[data-mad-category][tabindex="0"]').length,
      messages: messages - before,
    };
  },

  textChars(): number {
    return [...document.querySelectorAll('#main-outlet .cooked')].reduce(
      (sum, element) => sum + (element.textContent?.length ?? 0),
      0,
    );
  },
};

(window as unknown as { __madBench: typeof bench }).__madBench = bench;
