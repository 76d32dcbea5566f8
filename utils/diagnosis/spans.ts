/**
 * Where in a paragraph or code block the error is, for the page scanner's highlights.
 * First version: the whole trimmed text when it holds an error (refined ranges follow).
 */
import { classify } from './classify';
import type { Diagnosis } from './types';

export interface ErrorSpan {
  start: number;
  end: number;
  diagnosis: Diagnosis;
}

export function findErrorSpans(text: string): ErrorSpan[] {
  const diagnosis = classify(text);
  if (!diagnosis) return [];
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return end > start ? [{ start, end, diagnosis }] : [];
}
