/**
 * "Check with my key" from a forum tooltip: which model to ask the background about, and the states of that
 * request. This check sends only a model id (DESIGN §1): never a key, never page text. (The scanner's page text
 * goes to the background in its own message, `content:findErrors`, with keys masked.)
 */
import type { Diagnosis } from '@/utils/diagnosis/types';
import type { ContentAnswer } from '@/utils/messages';
import type { ModelResult } from '@/utils/probes/types';

/**
 * When the error names no model, the zero-cost probe of a small, widely available model still tells whether
 * the key works, has credit and comes from a supported region (DESIGN §3).
 */
export const KEY_CHECK_MODEL = 'gpt-4o-mini';

/** The model to probe for this diagnosis, or null when a key cannot tell anything (request shape, network). */
export function modelToCheck(diagnosis: Diagnosis): string | null {
  if (diagnosis.fields.model) return diagnosis.fields.model;
  if (diagnosis.probe === 'key' || diagnosis.probe === 'quota' || diagnosis.probe === 'model')
    return KEY_CHECK_MODEL;
  return null;
}

export type CheckState =
  | { state: 'pending' }
  | { state: 'no-key' }
  | { state: 'ready'; result: ModelResult }
  | { state: 'failed'; message: string };

export type CheckModel = (model: string) => Promise<ContentAnswer<{ result: ModelResult }>>;

/** Runs one check and turns every outcome, failures included, into a state the card can show. */
export async function runCheck(check: CheckModel, model: string): Promise<CheckState> {
  try {
    const answer = await check(model);
    return answer.state === 'ready' ? { state: 'ready', result: answer.result } : { state: 'no-key' };
  } catch (error) {
    return { state: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
