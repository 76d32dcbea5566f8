/**
 * A literal every match of a regular expression must contain ("exceeded your current quota" for
 * /exceeded your current quota/i), found by reading the pattern's source. The classifier tests a cheap
 * `includes` before running a pattern: most of the catalogue's ~250 patterns cannot match a given text, and
 * ruling them out by substring keeps classify far above 20,000 diagnoses per second.
 *
 * Conservative by construction: a pattern with a top-level alternation has no needle; groups, classes, escapes
 * other than escaped punctuation, and quantified characters end a literal run. The unit test checks on every
 * catalogue example that a needle never rules out a pattern that matches.
 */

const CLASS_ESCAPES = new Set([
  'b',
  'B',
  'd',
  'D',
  'w',
  'W',
  's',
  'S',
  'n',
  'r',
  't',
  'f',
  'v',
  'x',
  'u',
  'c',
  'k',
  'p',
  'P',
]);

/** Index just after the group or class that starts at `start` (`(` or `[`). */
function skipBracket(source: string, start: number): number {
  if (source[start] === '[') {
    let i = start + 1;
    while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    return i + 1;
  }
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const char = source[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '[') {
      i = skipBracket(source, i);
      continue;
    }
    if (char === '(') depth++;
    else if (char === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

function hasTopLevelAlternation(source: string): boolean {
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === '\\') i += 2;
    else if (char === '(' || char === '[') i = skipBracket(source, i);
    else if (char === '|') return true;
    else i++;
  }
  return false;
}

/** The longest literal (≥ 3 characters) every match contains, lower-cased for /i patterns; undefined if none. */
export function requiredLiteral(pattern: RegExp): string | undefined {
  const { source } = pattern;
  if (hasTopLevelAlternation(source)) return undefined;
  let best = '';
  let run = '';
  const endRun = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    const next = source[i + 1];
    const quantified = next === '?' || next === '*' || next === '+' || next === '{';
    if (char === '\\') {
      const escaped = source[i + 1] as string;
      const afterEscape = source[i + 2];
      const escapeQuantified =
        afterEscape === '?' || afterEscape === '*' || afterEscape === '+' || afterEscape === '{';
      if (CLASS_ESCAPES.has(escaped) || /[0-9]/.test(escaped) || escapeQuantified) endRun();
      else run += escaped;
      i += 2;
      continue;
    }
    if (char === '(' || char === '[') {
      endRun();
      i = skipBracket(source, i);
      continue;
    }
    if (
      char === '.' ||
      char === '^' ||
      char === '$' ||
      char === '?' ||
      char === '*' ||
      char === '+' ||
      char === '{' ||
      char === '}'
    ) {
      endRun();
      i++;
      continue;
    }
    if (quantified) {
      endRun();
      i++;
      continue;
    }
    run += char;
    i++;
  }
  endRun();
  // Three letters are the least that filters anything; two characters of a non-Latin script are a word.
  const nonLatin = [...best].some((char) => char.charCodeAt(0) > 0x24f);
  if (best.length < 3 && !(best.length === 2 && nonLatin)) return undefined;
  return pattern.flags.includes('i') ? best.toLowerCase() : best;
}

/** Needles are cut to this many characters: plenty to rule patterns out, and it keeps the automaton small. */
export const NEEDLE_LENGTH = 10;

/**
 * All needles of the catalogue in one Aho–Corasick automaton compiled to a flat table: one pass over the
 * lower-cased text says which needles occur, instead of one `includes` per pattern.
 */
export class NeedleSet {
  /** Char code → character class (0: a character no needle contains). */
  readonly classOf = new Uint8Array(65536);
  readonly classCount: number;
  /** state × class → next state. */
  readonly next: Uint16Array;
  /** Needle indices ending at each state (including via failure links). */
  readonly outputs: number[][];
  readonly hasOutput: Uint8Array;
  readonly size: number;

  constructor(needles: readonly string[]) {
    this.size = needles.length;
    let classCount = 1;
    for (const needle of needles) {
      for (let i = 0; i < needle.length; i++) {
        const code = needle.charCodeAt(i);
        if (this.classOf[code] === 0) {
          // Needles are lower case; an upper-case letter reads as its lower-case class (no toLowerCase copy).
          const cls = classCount++;
          this.classOf[code] = cls;
          const upper = needle[i]?.toUpperCase().charCodeAt(0);
          if (upper !== undefined && upper !== code && upper < 65536) this.classOf[upper] = cls;
        }
      }
    }
    if (classCount > 255) throw new Error('needle alphabet too large');
    this.classCount = classCount;
    const children: Array<Map<number, number>> = [new Map()];
    const outputs: number[][] = [[]];
    needles.forEach((needle, index) => {
      let state = 0;
      for (let i = 0; i < needle.length; i++) {
        const cls = this.classOf[needle.charCodeAt(i)] as number;
        let child = children[state]?.get(cls);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          outputs.push([]);
          children[state]?.set(cls, child);
        }
        state = child;
      }
      outputs[state]?.push(index);
    });
    if (children.length > 0xffff) throw new Error('needle automaton too large');
    const next = new Uint16Array(children.length * classCount);
    const failure = new Uint32Array(children.length);
    const queue: number[] = [];
    for (const [cls, child] of children[0] ?? []) {
      next[cls] = child;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const fail = failure[state] as number;
      outputs[state]?.push(...(outputs[fail] ?? []));
      for (let cls = 0; cls < classCount; cls++) {
        const child = children[state]?.get(cls);
        const viaFailure = next[fail * classCount + cls] as number;
        if (child !== undefined) {
          failure[child] = viaFailure;
          next[state * classCount + cls] = child;
          queue.push(child);
        } else {
          next[state * classCount + cls] = viaFailure;
        }
      }
    }
    this.next = next;
    this.outputs = outputs;
    this.hasOutput = Uint8Array.from(outputs, (list) => (list.length > 0 ? 1 : 0));
  }

  /** found[i] === 1 when needle i occurs in `text` (ASCII letters compared without case). */
  find(text: string): Uint8Array {
    const found = new Uint8Array(this.size);
    const { classOf, classCount, next, outputs, hasOutput } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = next[state * classCount + (classOf[text.charCodeAt(i)] as number)] as number;
      if (hasOutput[state] === 1) {
        const output = outputs[state] as number[];
        for (let k = 0; k < output.length; k++) found[output[k] as number] = 1;
      }
    }
    return found;
  }
}
