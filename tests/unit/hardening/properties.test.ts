/**
 * Issue 8, property tests: the classifier, the scanner and key parsing never throw, and their work grows about
 * linearly with the input (no input shape makes them quadratic). The classifier's own properties (valid categories,
 * spans, the pre-check) are in tests/unit/diagnosis/properties.test.ts; this file adds adversarial shapes, key
 * handling and the scanner on random DOM.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classify,
  findErrorSpans,
  maskKey,
  mightContainError,
  parseKeyInput,
  redactKeys,
} from '@/utils/diagnosis';
import { createDiagnosisMatcher } from '@/utils/scan/matcher';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { createScanner } from '@/utils/scan/scanner';

/** Pieces real errors are made of: random strings of them reach the deep paths of the parsers. */
const FRAGMENTS = [
  'Error code: 429 - ',
  "{'error': {'message': '",
  '{"error": {"message": "',
  'You exceeded your current quota',
  'The model `gpt-4o` does not exist',
  'Incorrect API key provided: sk-proj-',
  'T3BlbkFJ',
  'Bearer ',
  'OPENAI_API_KEY=',
  '"',
  "'",
  '`',
  '“',
  '\\',
  '\n',
  ' ',
  '…',
  'Rate limit reached for gpt-4o in organization org-abc on requests per min (RPM): Limit 3, Used 3',
  'openai.RateLimitError: ',
  'Traceback (most recent call last):\n',
  '<img src=x onerror=alert(1)>',
  'sk-',
  'a'.repeat(40),
];
const errorish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...FRAGMENTS),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(''));

/** Time per call of `work`, in ms: repeated until 25 ms have passed (so timer noise is small), median of 3. */
function timed(work: () => void): number {
  const samples: number[] = [];
  for (let sample = 0; sample < 3; sample++) {
    let calls = 0;
    const started = performance.now();
    do {
      work();
      calls++;
    } while (performance.now() - started < 25);
    samples.push((performance.now() - started) / calls);
  }
  return samples.sort((a, b) => a - b)[1] as number;
}

/**
 * Time at 16× the size over time at 1×: about 16 when linear, 256 when quadratic. `build(n)` makes an input of
 * about n characters. A wide gap between the sizes keeps a busy machine's noise from deciding the outcome.
 */
function growth(build: (size: number) => string, work: (input: string) => unknown, size = 10_000): number {
  const small = build(size);
  const large = build(size * 16);
  work(small); // warm the JIT
  return timed(() => work(large)) / timed(() => work(small));
}

/** Inputs that hurt naive patterns: long runs of one character, unclosed quotes and braces, repeated prefixes. */
const ADVERSARIAL: Record<string, (size: number) => string> = {
  'one character': (size) => 'a'.repeat(size),
  spaces: (size) => ' '.repeat(size),
  'unclosed quotes': (size) => `"${'x'.repeat(size)}`,
  'nested braces': (size) => '{"error": '.repeat(size / 10),
  'repeated error openings': (size) => 'Error code: 4'.repeat(size / 13),
  'repeated key prefixes': (size) => 'sk-proj-'.repeat(size / 8),
  backticks: (size) => '`gpt-'.repeat(size / 5),
  'curly quotes': (size) => '“x'.repeat(size / 2),
  'many lines': (size) => 'Error: x\n'.repeat(size / 9),
};

describe('never throw', () => {
  it('classify, the pre-check and the span finder, on error-shaped junk', () => {
    fc.assert(
      fc.property(errorish, (text) => {
        classify(text);
        mightContainError(text);
        for (const span of findErrorSpans(text)) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('classify on structured junk (objects shaped like SDK errors and HTTP answers)', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            name: fc.anything(),
            message: fc.anything(),
            status: fc.anything(),
            error: fc.anything(),
            body: fc.anything(),
          },
          { requiredKeys: [] },
        ),
        (value) => {
          classify(value as never);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('key parsing: never throws, never grows the key, never echoes a long key in a warning', () => {
    fc.assert(
      fc.property(fc.oneof(errorish, fc.string({ unit: 'binary', maxLength: 200 })), (raw) => {
        const parsed = parseKeyInput(raw);
        expect(parsed.key.length).toBeLessThanOrEqual(raw.length);
        // Anything that could be a real key (long, or carrying "sk-") is never quoted back.
        if (parsed.key.length > 32 || parsed.key.includes('sk-'))
          for (const warning of parsed.warnings) expect(warning).not.toContain(parsed.key);
        const masked = maskKey(parsed.key);
        // The mask shows the kind prefix and at most 4 characters of the secret.
        expect(
          masked.replace(/^sk-(proj-|svcacct-|admin-)?/, '').replace('…', '').length,
        ).toBeLessThanOrEqual(4);
      }),
      { numRuns: 500 },
    );
  });

  it('redaction: no key survives, whole or in part, wherever it sits in the text', () => {
    const key = fc
      .tuple(
        fc.constantFrom('sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-'),
        fc.stringMatching(/^[A-Za-z0-9_-]{40,80}$/),
      )
      .map(([prefix, body]) => `${prefix}${body.slice(0, 20)}T3BlbkFJ${body.slice(20)}`);
    fc.assert(
      fc.property(errorish, key, errorish, (before, secret, after) => {
        const once = redactKeys(`${before} ${secret} ${after}`);
        expect(once).not.toContain(secret);
        expect(once).not.toContain(secret.slice(12, -6));
        // Redacting again never brings anything back.
        expect(redactKeys(once)).not.toContain(secret.slice(12, -6));
      }),
      { numRuns: 300 },
    );
  });
});

describe('bounded work: about linear in the input, whatever its shape', () => {
  // 16× the input may cost up to 128× the time (linear is 16, quadratic 256): the memory hierarchy and a busy
  // 2-core machine make large inputs dearer per character than small ones (measured up to ~85×, never ~256×).
  const LIMIT = 128;
  // Each case times several functions at two sizes, repeatedly.
  const TIMEOUT_MS = 30_000;

  for (const [shape, build] of Object.entries(ADVERSARIAL)) {
    it(`classify and the span finder: ${shape}`, { timeout: TIMEOUT_MS }, () => {
      expect(growth(build, (text) => classify(text))).toBeLessThan(LIMIT);
      expect(growth(build, (text) => findErrorSpans(text))).toBeLessThan(LIMIT);
    });
    it(`key parsing and redaction: ${shape}`, { timeout: TIMEOUT_MS }, () => {
      expect(growth(build, (text) => parseKeyInput(text))).toBeLessThan(LIMIT);
      expect(growth(build, (text) => redactKeys(text))).toBeLessThan(LIMIT);
    });
  }
});

/* ------------------------------------------------------------------------------------------------------------ */
/* The scanner on random DOM.                                                                                     */

type Tree = { tag: string; children: Tree[] } | { text: string };

const TAGS = ['p', 'span', 'b', 'code', 'pre', 'div', 'blockquote', 'li', 'a', 'br', 'details', 'em'];
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    errorish.map((text) => ({ text })),
    fc.record({ tag: fc.constantFrom(...TAGS), children: fc.array(tie('node'), { maxLength: 4 }) }),
  ),
})).node;

function build(node: Tree, parent: Node): void {
  if ('text' in node) {
    parent.appendChild(document.createTextNode(node.text));
    return;
  }
  const element = document.createElement(node.tag);
  parent.appendChild(element);
  if (node.tag !== 'br') for (const child of node.children) build(child, element);
}

describe('the scanner on random posts', () => {
  // The background's handler runs the span finder on what the content script sends.
  const matcher = createDiagnosisMatcher({
    send: async (texts) => texts.map((text) => findErrorSpans(text)),
  });

  it('never throws, never changes the page text, and a second pass changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 4 }), async (posts) => {
        document.body.innerHTML = '<div id="main-outlet"><div class="post-stream"></div></div>';
        const stream = document.querySelector('.post-stream') as Element;
        posts.forEach((post, index) => {
          const wrapper = document.createElement('div');
          wrapper.className = 'topic-post';
          wrapper.setAttribute('data-post-number', String(index + 1));
          const article = document.createElement('article');
          article.id = `post_${index + 1}`;
          article.setAttribute('data-post-id', String(index + 1));
          const cooked = document.createElement('div');
          cooked.className = 'cooked';
          build(post, cooked);
          article.append(cooked);
          wrapper.append(article);
          stream.append(wrapper);
        });
        const textBefore = stream.textContent;
        const errors: unknown[] = [];
        const controller = new AbortController();
        const scanner = createScanner({
          document,
          window,
          rules: DISCOURSE_RULES,
          matcher,
          signal: controller.signal,
          onError: (error) => errors.push(error),
        });
        try {
          scanner.start();
          await scanner.settle();
          expect(errors).toEqual([]);
          expect(stream.querySelectorAll('script, img, svg').length).toBe(0);
          expect(stream.textContent).toBe(textBefore);
          // A second pass finds the same errors, of the same categories, over the same text. (Its wrappers may sit
          // differently: text nodes split by the first pass stay split.)
          const found = () =>
            [...stream.querySelectorAll('[data-mad-category][tabindex="0"]')].map((element) => {
              const group = element.getAttribute('data-mad-group');
              const pieces =
                group === null
                  ? [element]
                  : [...stream.querySelectorAll(`[data-mad-group="${group}"][data-mad-hl]`)];
              // Whitespace-only pieces may be left out of one pass's wrappers and not the other's.
              const text = pieces
                .map((piece) => piece.textContent)
                .join('')
                .replace(/\s+/g, '');
              return `${element.getAttribute('data-mad-category')}: ${text}`;
            });
          const first = found();
          scanner.reset();
          await scanner.settle();
          expect(found()).toEqual(first);
          expect(stream.textContent).toBe(textBefore);
          controller.abort();
          // Disposed: every mark is gone, the page is as it was.
          expect(stream.querySelectorAll('[data-mad-hl]').length).toBe(0);
          expect(stream.textContent).toBe(textBefore);
        } finally {
          // A failing case must not leave observers behind (they keep the test worker alive).
          controller.abort();
        }
      }),
      { numRuns: 150 },
    );
  });
});
