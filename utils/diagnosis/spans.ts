/**
 * Where in a paragraph or a code block the error is, so the forum scanner highlights exactly that: the JSON
 * body, the `Error code: 429 - {…}` line, the final exception line of a traceback, or the sentence with the
 * message — never the whole post, never the `File "…", line 12` frames.
 *
 * How: lines are scored one by one with the evidence of the whole text (so "Connection error." two lines below
 * an `openai` import still counts); a line counts when it carries strong evidence (OpenAI wording, a code, an
 * exception line) — a frame that merely names a class (`raise error.APIConnectionError(`) does not. Error
 * objects (`{"error": …}`, Python dicts, Ruby hashes) are found by brace matching and taken whole. Overlapping
 * or touching ranges merge. In long prose lines the range shrinks to the error's own sentences.
 */
import { bestMatch, diagnoseParsed, type Evidence, gatherEvidence, TIER } from './classify';
import { flattenText, parseErrorText, parseFlat } from './parse';
import { mightContainError } from './precheck';
import type { Diagnosis } from './types';

export interface ErrorSpan {
  start: number;
  end: number;
  diagnosis: Diagnosis;
}

interface Range {
  start: number;
  end: number;
}

/** Lines longer than this are prose paragraphs: the span narrows to the error's sentences. */
const PROSE_LINE = 160;
/** Objects larger than this are not one error body (a whole config dump); they are not taken whole. */
const MAX_OBJECT = 20_000;

/** An exception line: `openai.RateLimitError: …`, `Error: 429 …`, `NotFoundError: 404 …` at the line start. */
const EXCEPTION_LINE = /^[\s>]*(?:[\w$]+\.)*[A-Z]\w*(?:Error|Exception|Timeout|RemovedInV1)\]?:/;

/** A short line that labels the error body below it: a status, an exception name, "error", or a trailing colon. */
const LABEL_LINE = /\b[1-5]\d\d\b|Error|Exception|error|[:-] ?$/;

/** The key that opens an error object in any of the printed forms. */
const ERROR_KEY = /["':]?\b(?:error|message)\b["']? ?(?::|=>)/;

/** Sentences that continue an OpenAI message ("Please try again in 20s.", "Visit https://…"). */
const CONTINUATION =
  /^(?:Please|Visit|Learn more|For more information|You can|If you|Did you mean|Contact us|See |Check |Limit|Used|Requested|However|Your |The input|\(request id|\(Please|Sorry|To |Use |Only )/i;

/**
 * Where a label in front of the message starts: `openai.error.InvalidRequestError: ` or a status `404 ` right
 * before `start` (read backwards by hand: a `$`-anchored regex for this is quadratic).
 */
function labelStart(line: string, start: number): number {
  let i = start;
  // A status: "404 " or "404: ".
  let j = i;
  while (j > 0 && (line[j - 1] === ' ' || line[j - 1] === ':')) j--;
  let digits = j;
  while (digits > 0 && /[0-9]/.test(line[digits - 1] as string)) digits--;
  if (j - digits === 3 && (digits === 0 || !/[\w.]/.test(line[digits - 1] as string))) i = digits;
  // An exception name: "…Error: " / "…Exception]: ".
  j = i;
  while (j > 0 && (line[j - 1] === ' ' || line[j - 1] === ':' || line[j - 1] === ']')) j--;
  let name = j;
  while (name > 0 && /[\w.]/.test(line[name - 1] as string)) name--;
  const word = line.slice(name, j);
  if (j < i && (word.endsWith('Error') || word.endsWith('Exception'))) i = name;
  return i;
}

function lineRanges(text: string): Range[] {
  const ranges: Range[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      ranges.push({ start, end: i });
      start = i + 1;
    }
  }
  return ranges;
}

function trimRange(text: string, range: Range): Range {
  let { start, end } = range;
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return { start, end };
}

/**
 * Top-level brace regions `{…}` that contain an error key. Quotes are tracked inside braces only (prose
 * apostrophes outside do not matter), a string ends at a line break (pasted bodies are often cut), and an
 * unclosed region runs to the end of the text (a truncated paste).
 */
function errorObjects(text: string): Range[] {
  const found: Range[] = [];
  let depth = 0;
  let start = -1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (depth > 0 && quote !== '') {
      if (char === '\\') i++;
      else if (char === quote || char === '\n') quote = '';
      continue;
    }
    if (depth > 0 && (char === '"' || char === "'" || char === '\u201c' || char === '\u2018')) {
      quote = char === '\u201c' ? '\u201d' : char === '\u2018' ? '\u2019' : char;
      continue;
    }
    if (char === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (char === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        found.push({ start, end: i + 1 });
        start = -1;
      }
    }
  }
  if (depth > 0 && start >= 0) found.push({ start, end: text.length });
  return found.filter(
    (range) => range.end - range.start <= MAX_OBJECT && ERROR_KEY.test(text.slice(range.start, range.end)),
  );
}

/** A line is an error line when it alone carries strong evidence (with the whole text's context). */
function isErrorLine(line: string, context: Evidence): boolean {
  if (!mightContainError(line)) return false;
  const { flat, originOf } = flattenText(line);
  const match = bestMatch(parseFlat(flat, originOf, line), context);
  if (!match) return false;
  if (match.score.primary >= TIER.generic) return true;
  // A final exception line names its class at the start ("openai.APIConnectionError: Connection error.").
  return match.score.primary >= TIER.exception && EXCEPTION_LINE.test(line);
}

/** The sentences of a long prose line that hold the error found at `matchAt` (an index into the line). */
function narrowProse(line: string, matchAt: number): Range {
  // Inside quotes or backticks: the quoted text.
  for (const [open, close] of [
    ['"', '"'],
    ['\u201c', '\u201d'],
    ['`', '`'],
  ] as const) {
    const before = line.lastIndexOf(open, matchAt);
    if (before !== -1) {
      const after = line.indexOf(close, matchAt + 1);
      if (after !== -1 && after - before < 2000 && !line.slice(before + 1, matchAt).includes(close)) {
        return { start: before + 1, end: after };
      }
    }
  }
  // Otherwise from the start of the error's sentence (or the label colon before it) to the end of its last
  // sentence, keeping an exception name or status right before it ("InvalidRequestError: The model…").
  const head = line.slice(Math.max(0, matchAt - 200), matchAt);
  const headStart = matchAt - head.length;
  let boundary = 0;
  for (const found of head.matchAll(/[.!?;] |: |\n/g)) boundary = found.index + found[0].length;
  const start = labelStart(line, headStart + boundary);
  let end = line.length;
  const sentenceEnd = /[.!?](?:\s|$)/g;
  sentenceEnd.lastIndex = matchAt;
  for (let found = sentenceEnd.exec(line); found !== null; found = sentenceEnd.exec(line)) {
    const next = line.slice(found.index + 1).trimStart();
    if (next.length === 0 || !CONTINUATION.test(next)) {
      end = found.index + 1;
      break;
    }
  }
  return { start, end };
}

function overlapsOrTouches(a: Range, b: Range, text: string): boolean {
  if (a.start <= b.end && b.start <= a.end) return true;
  const gap = a.end < b.start ? text.slice(a.end, b.start) : text.slice(b.end, a.start);
  if (!/^\s*$/.test(gap)) return false;
  // Touching: the next line of the same error, or a label ("APIRemovedInV1:") whose message follows.
  const first = a.end < b.start ? a : b;
  return (gap.match(/\n/g)?.length ?? 0) <= 1 || /[:{-]$/.test(text.slice(first.start, first.end));
}

/** Neighbouring spans of the same category a few lines apart are one error (an HTML error page, a log). */
const SAME_ERROR_GAP = { lines: 4, chars: 400 };

function sameErrorNearby(a: ErrorSpan, b: ErrorSpan, text: string): boolean {
  if (a.diagnosis.category !== b.diagnosis.category) return false;
  const gap = text.slice(a.end, b.start);
  return gap.length <= SAME_ERROR_GAP.chars && (gap.match(/\n/g)?.length ?? 0) <= SAME_ERROR_GAP.lines;
}

function mergeRanges(ranges: Range[], text: string): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && overlapsOrTouches(last, range, text)) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * The error(s) in `text`: non-overlapping, sorted ranges, each with its diagnosis. Empty when classify would
 * find nothing.
 */
export function findErrorSpans(text: string): ErrorSpan[] {
  if (!mightContainError(text)) return [];
  const whole = parseErrorText(text);
  const context = gatherEvidence(whole);
  if (context.otherSource) return [];

  const objects = errorObjects(text);
  const candidates: Range[] = [];
  for (const line of lineRanges(text)) {
    const lineText = text.slice(line.start, line.end);
    if (!isErrorLine(lineText, context)) continue;
    const trimmed = trimRange(text, line);
    if (
      trimmed.end - trimmed.start > PROSE_LINE &&
      !objects.some((o) => o.start < line.end && o.end > line.start)
    ) {
      const { flat, originOf } = flattenText(lineText);
      const match = bestMatch(parseFlat(flat, originOf, lineText), context);
      const at = match?.score.matchAt;
      if (at !== undefined) {
        const narrowed = narrowProse(lineText, originOf(at));
        candidates.push(
          trimRange(text, { start: line.start + narrowed.start, end: line.start + narrowed.end }),
        );
        continue;
      }
    }
    candidates.push(trimmed);
  }
  // Error objects: whole, together with the label in front of them on their first line ("Error code: 429 - ").
  for (const object of objects) {
    const lineStart = text.lastIndexOf('\n', object.start - 1) + 1;
    const prefix = text.slice(lineStart, object.start);
    let start = prefix.length <= 120 && /\S/.test(prefix) ? lineStart : object.start;
    if (start === object.start && lineStart > 0) {
      // The label may sit alone on the line above ("Error: 401" / "RateLimitError: Error code: 429 -").
      const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
      const previous = text.slice(previousStart, lineStart - 1);
      if (previous.trim().length > 0 && previous.length <= 120 && LABEL_LINE.test(previous))
        start = previousStart;
    }
    const touchesLine = candidates.some((c) => c.start < object.end && object.start < c.end);
    if (touchesLine || diagnoseParsed(parseErrorText(text.slice(object.start, object.end)), {}, context)) {
      candidates.push(trimRange(text, { start, end: object.end }));
    }
  }

  if (candidates.length === 0) {
    // Only weak evidence (a status, a paraphrase): mark the line where the whole text's best match points.
    const match = bestMatch(whole);
    const at = match?.score.matchAt;
    if (match && at !== undefined) {
      const offset = whole.originOf(at);
      const line = lineRanges(text).find((range) => range.start <= offset && offset <= range.end);
      if (line) {
        const lineText = text.slice(line.start, line.end);
        const narrowed =
          line.end - line.start > PROSE_LINE
            ? narrowProse(lineText, offset - line.start)
            : { start: 0, end: lineText.length };
        candidates.push(
          trimRange(text, { start: line.start + narrowed.start, end: line.start + narrowed.end }),
        );
      }
    } else if (match) {
      candidates.push(trimRange(text, { start: 0, end: text.length }));
    }
  }

  const spans: ErrorSpan[] = [];
  for (const range of mergeRanges(candidates, text)) {
    if (range.end <= range.start) continue;
    const diagnosis = diagnoseParsed(parseErrorText(text.slice(range.start, range.end)), {}, context);
    if (!diagnosis) continue;
    const previous = spans[spans.length - 1];
    const span: ErrorSpan = { start: range.start, end: range.end, diagnosis };
    if (previous && sameErrorNearby(previous, span, text)) {
      previous.end = span.end;
      previous.diagnosis =
        diagnoseParsed(parseErrorText(text.slice(previous.start, previous.end)), {}, context) ??
        previous.diagnosis;
    } else {
      spans.push(span);
    }
  }
  return spans;
}

/** Every regular expression of this module, for the ReDoS test. */
export const SPAN_PATTERNS: readonly RegExp[] = [EXCEPTION_LINE, ERROR_KEY, CONTINUATION, LABEL_LINE];
