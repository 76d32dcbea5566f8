/**
 * What a content script may send to the background about a block of page text: the text with every key-shaped
 * substring replaced by a fixed stand-in, so that nothing about a leaked key — not its characters, not its
 * length — leaves the page (issue 6: "Nothing about it is sent anywhere", not even to our own background).
 * Leaked keys are found and warned about locally (see `createDiagnosisMatcher`).
 *
 * The stand-in keeps the key's kind prefix (`sk-proj-…`), as `redactKeys` does, so an echoed key in "Incorrect
 * API key provided: sk-proj-…" still reads as a key to the classifier. Offsets in the answer refer to the masked
 * text; `toOriginal` maps them back.
 */
import { findKeyLikeStrings, type KeyLikeMatch } from '../diagnosis/redact';

/** The prefix a stand-in keeps: what `redactKeys` shows too. */
const KIND_PREFIX = /^(?:sk-(?:(?:proj|svcacct|admin)-)?|sess-)/;
const ELLIPSIS = '…';

interface Replacement {
  /** In the original text. */
  start: number;
  end: number;
  /** In the masked text. */
  maskedStart: number;
  maskedEnd: number;
}

export interface OutgoingText {
  /** The text to send: the page's text with keys replaced. */
  text: string;
  /** True when at least one key-shaped substring was replaced. */
  masked: boolean;
  /**
   * An offset in `text` as an offset in the page's text. A span edge inside a stand-in moves to the key's edge
   * (`start` to its start, `end` to its end), so a highlight never cuts a key in two.
   */
  toOriginal(offset: number, edge: 'start' | 'end'): number;
}

/** Cheap: every shape `findKeyLikeStrings` reports starts with one of these. */
export function mightHoldKey(text: string): boolean {
  return text.includes('sk-') || text.includes('sess-');
}

/**
 * The text to send for one block, and the way back to the page's offsets. `keys` is the block's
 * `findKeyLikeStrings`, when the caller has it already.
 */
export function prepareOutgoingText(
  text: string,
  keys: readonly KeyLikeMatch[] = mightHoldKey(text) ? findKeyLikeStrings(text) : [],
): OutgoingText {
  if (keys.length === 0) return { text, masked: false, toOriginal: (offset) => offset };

  const replacements: Replacement[] = [];
  let masked = '';
  let cursor = 0;
  for (const key of keys) {
    masked += text.slice(cursor, key.start);
    const standIn = `${KIND_PREFIX.exec(text.slice(key.start, key.end))?.[0] ?? 'sk-'}${ELLIPSIS}`;
    replacements.push({
      start: key.start,
      end: key.end,
      maskedStart: masked.length,
      maskedEnd: masked.length + standIn.length,
    });
    masked += standIn;
    cursor = key.end;
  }
  masked += text.slice(cursor);

  return {
    text: masked,
    masked: true,
    toOriginal(offset, edge) {
      let shift = 0;
      for (const replacement of replacements) {
        if (offset <= replacement.maskedStart) break;
        if (offset < replacement.maskedEnd) return edge === 'start' ? replacement.start : replacement.end;
        shift = replacement.end - replacement.maskedEnd;
      }
      return offset + shift;
    },
  };
}
