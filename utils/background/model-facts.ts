/**
 * Facts from the model catalogue that content scripts show. The catalogue (utils/diagnosis/model-data.ts) is
 * large and stays in the background; a content script gets only what its answer needs.
 */
import { effectiveStatus, MODEL_CATALOGUE } from '../diagnosis/models';
import type { VerificationFacts } from '../messages';

/** Dated snapshots ("gpt-4o-2024-08-06") repeat their base model's facts: the base ids are enough to list. */
const DATED_SNAPSHOT = /-\d{4}-\d{2}-\d{2}$/;

/** Which of `models` need a verified organization, and which current models verification unlocks on `today`. */
export function verificationFactsFor(models: readonly string[], today: string): VerificationFacts {
  const needs: VerificationFacts['needs'] = [];
  for (const model of new Set(models)) {
    const verification = MODEL_CATALOGUE.find((info) => info.id === model)?.verification;
    if (verification !== undefined) needs.push({ model, verification });
  }
  const unlocks: VerificationFacts['unlocks'] = [];
  for (const info of MODEL_CATALOGUE) {
    if (info.verification === undefined || DATED_SNAPSHOT.test(info.id)) continue;
    if (effectiveStatus(info, today) === 'retired') continue;
    unlocks.push({
      model: info.id,
      verification: info.verification,
      ...(info.status === 'deprecated' && info.shutdownDate !== undefined
        ? { shutdownDate: info.shutdownDate }
        : {}),
    });
  }
  return { needs, unlocks };
}
