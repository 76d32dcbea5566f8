/**
 * What the key field says while the user pastes: the key's kind, what was cleaned off, whether it can be saved,
 * and shape warnings that do not block (the server decides). Never returns the key itself.
 */
import type { ParsedKeyInput } from '../diagnosis/keys';
import type { KeyKind } from '../probes/types';

export const KEY_KIND_LABELS: { readonly [K in KeyKind]: string } = {
  project: 'Project key',
  service_account: 'Service-account key',
  admin: 'Admin key',
  legacy: 'Legacy user key',
  unknown: 'Unrecognised key',
};

export interface KeyFieldState {
  /** Nothing typed yet. */
  empty: boolean;
  kind: KeyKind;
  kindLabel: string;
  /** Why Save is disabled (admin key); null when it may be saved. */
  refusal: string | null;
  warnings: string[];
  /** "Removed spaces, quotes and a Bearer prefix." — null when nothing was removed. */
  cleaned: string | null;
}

export const ADMIN_REFUSAL =
  'Admin keys (sk-admin-…) manage an organization but cannot call models, so there is nothing to check with them. Paste a project key instead.';

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Runs in the background (the key parser and its messages stay out of the popup's bundle). */
export function describeKeyField(raw: string, parseKeyInput: (raw: string) => ParsedKeyInput): KeyFieldState {
  if (raw.trim() === '') {
    return { empty: true, kind: 'unknown', kindLabel: '', refusal: null, warnings: [], cleaned: null };
  }
  const parsed = parseKeyInput(raw);
  const refusal = parsed.kind === 'admin' ? ADMIN_REFUSAL : null;
  return {
    empty: parsed.key === '',
    kind: parsed.kind,
    kindLabel: KEY_KIND_LABELS[parsed.kind],
    refusal,
    // The admin warning repeats the refusal; everything else is shown as a non-blocking hint.
    warnings:
      refusal === null ? parsed.warnings : parsed.warnings.filter((warning) => !/admin key/i.test(warning)),
    cleaned: parsed.removed.length > 0 ? `Cleaned up: removed ${listWords(parsed.removed)}.` : null,
  };
}
