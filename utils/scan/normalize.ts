/**
 * Discourse's typographer turns `"` and `'` into curly quotes (and pasted text brings no-break spaces), so
 * `The model ‘gpt-4’ does not exist` must match like `'gpt-4'`. Every replacement is one UTF-16 unit for one,
 * so offsets in the normalised text are offsets in the page's text: no second map is needed.
 */

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201A': "'", // ‚
  '\u201B': "'", // ‛
  '\u2032': "'", // ′
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u201F': '"', // ‟
  '\u2033': '"', // ″
  '\u00AB': '"', // «
  '\u00BB': '"', // »
  '\u00A0': ' ', // no-break space
  '\u2007': ' ', // figure space
  '\u202F': ' ', // narrow no-break space
  '\u2009': ' ', // thin space
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2212': '-', // minus sign
};

const SPECIAL =
  /[\u2018\u2019\u201A\u201B\u2032\u201C-\u201F\u2033\u00AB\u00BB\u00A0\u2007\u202F\u2009\u2010\u2011\u2212]/g;
const HAS_SPECIAL = new RegExp(SPECIAL.source);

/** The text with typographic quotes, spaces and hyphens made plain. Same length as the input. */
export function normalizeForMatching(text: string): string {
  if (!HAS_SPECIAL.test(text)) return text;
  return text.replace(SPECIAL, (char) => REPLACEMENTS[char] ?? char);
}
