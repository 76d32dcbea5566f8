/**
 * The in-page half of `npm run bench:scan`: bundled with esbuild and injected into a fixture page in headless
 * Chromium. Runs our scanner (the real matcher) or mark.js over the same post bodies and reports main-thread
 * milliseconds around the synchronous work (performance.now); the runner also reads the thread CPU time of
 * this script's tasks from a Chromium trace.
 */
import Mark from 'mark.js';
import { CATALOGUE } from '@/utils/diagnosis/catalogue';
import { findErrorSpans } from '@/utils/diagnosis/spans';
import { createDiagnosisMatcher } from '@/utils/scan/matcher';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { collectTextBlocks, compileRules } from '@/utils/scan/text-blocks';
import { createScanner, type Scanner } from '@/utils/scan/scanner';
import type { ErrorSpan, KeySpan, ScanMatcher } from '@/utils/scan/types';

export interface ScanFigures {
  ms: number;
  /** Of `ms`, the time spent in the matcher (pre-check, findErrorSpans, key search). */
  matcherMs: number;
  highlights: number;
  leakedKeys: number;
  roots: number;
  rootsSkippedByPrecheck: number;
}

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

/** The real matcher, with its time measured: the scanner's own work is the rest. */
function timedMatcher(): ScanMatcher {
  const inner = createDiagnosisMatcher();
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
    findErrors: timed(inner.findErrors),
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
    findErrors: (text) => primed.get(text)?.errors ?? [],
    findLeakedKeys: (text) => primed.get(text)?.keys ?? [],
  };
}

const bench = {
  /** Runs the real engine over every post and block of the page and keeps its answers (not measured). */
  prime(): { ms: number } {
    const started = performance.now();
    const matcher = createDiagnosisMatcher();
    const compiled = compileRules(DISCOURSE_RULES);
    primedMight = new Set();
    for (const root of document.querySelectorAll('#main-outlet .cooked')) {
      const text = root.textContent ?? '';
      if (!matcher.mightMatch(text)) continue;
      primedMight.add(text);
      for (const block of collectTextBlocks(root, compiled)) {
        primed.set(block.text, {
          errors: matcher.findErrors(block.text),
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

  scan(): ScanFigures {
    const controller = new AbortController();
    matcherMs = 0;
    const started = performance.now();
    scanner = createScanner({
      document,
      window: benchWindow(),
      rules: DISCOURSE_RULES,
      matcher: timedMatcher(),
      signal: controller.signal,
    });
    scanner.start();
    scanner.flush();
    const ms = performance.now() - started;
    return {
      ms,
      matcherMs,
      highlights: scanner.stats.highlights,
      leakedKeys: scanner.stats.leakedKeys,
      roots: scanner.stats.rootsScanned,
      rootsSkippedByPrecheck: scanner.stats.rootsSkippedByPrecheck,
    };
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
   * main-thread time to this script's URL (the runner sums the CPU time of those events).
   */
  later(kind: 'warmup' | 'scan' | 'rescan' | 'markjs' | 'flush' | 'prime' | 'scanPrimed'): void {
    (window as unknown as { __madBenchResult: unknown }).__madBenchResult = undefined;
    setTimeout(() => {
      const result =
        kind === 'prime'
          ? bench.prime()
          : kind === 'scanPrimed'
            ? bench.scanPrimed()
            : kind === 'warmup'
              ? bench.warmup()
              : kind === 'scan'
                ? bench.scan()
                : kind === 'rescan'
                  ? bench.rescan()
                  : kind === 'markjs'
                    ? bench.markjs()
                    : bench.flush();
      (window as unknown as { __madBenchResult: unknown }).__madBenchResult = result;
    }, 0);
  },

  /**
   * The diagnosis engine's one-time start-up on a page (its regular expressions compile on first use), measured
   * apart from the scan: one call on one real error.
   */
  warmup(): { ms: number } {
    const started = performance.now();
    findErrorSpans(
      'Error code: 429 - You exceeded your current quota, please check your plan and billing details.',
    );
    return { ms: performance.now() - started };
  },

  /** A second full pass over the same page (state reset, matcher cache warm): the scanner's own DOM work. */
  rescan(): { ms: number } {
    if (!scanner) throw new Error('scan first');
    const started = performance.now();
    scanner.reset();
    scanner.flush();
    return { ms: performance.now() - started };
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

  /** Scans whatever the observer queued. */
  flush(): { ms: number; highlights: number } {
    if (!scanner) throw new Error('scan first');
    const started = performance.now();
    scanner.flush();
    return {
      ms: performance.now() - started,
      highlights: document.querySelectorAll('[data-mad-category][tabindex="0"]').length,
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
