/**
 * The model catalogue's facts that travel to content scripts with an access summary (the catalogue itself stays
 * in the background).
 */
import { describe, expect, it } from 'vitest';
import { verificationFactsFor } from '@/utils/background/model-facts';
import { effectiveStatus, MODEL_CATALOGUE } from '@/utils/diagnosis/models';

const TODAY = '2026-11-30';

describe('verificationFactsFor', () => {
  it('names the report models that need verification, as the catalogue says, and nothing else', () => {
    const always = MODEL_CATALOGUE.find((info) => info.verification === 'always');
    const streaming = MODEL_CATALOGUE.find((info) => info.verification === 'streaming');
    const plain = MODEL_CATALOGUE.find((info) => info.verification === undefined);
    expect(always && streaming && plain).toBeTruthy();
    const facts = verificationFactsFor(
      [always!.id, streaming!.id, plain!.id, 'no-such-model', always!.id],
      TODAY,
    );
    expect(facts.needs).toEqual([
      { model: always!.id, verification: 'always' },
      { model: streaming!.id, verification: 'streaming' },
    ]);
  });

  it('lists what verification unlocks: current base ids, deprecated ones with their shutdown date', () => {
    const { unlocks } = verificationFactsFor([], TODAY);
    const expected = MODEL_CATALOGUE.filter(
      (info) =>
        info.verification !== undefined &&
        effectiveStatus(info, TODAY) !== 'retired' &&
        !/-\d{4}-\d{2}-\d{2}$/.test(info.id),
    );
    expect(unlocks.map((entry) => entry.model)).toEqual(expected.map((info) => info.id));
    expect(unlocks.length).toBeGreaterThan(0);
    for (const entry of unlocks) {
      const info = MODEL_CATALOGUE.find((candidate) => candidate.id === entry.model);
      expect(entry.verification).toBe(info?.verification);
      expect(entry.shutdownDate).toBe(info?.status === 'deprecated' ? info.shutdownDate : undefined);
    }
    // Retired models are not unlocked by anything.
    const retired = MODEL_CATALOGUE.filter(
      (info) => info.verification !== undefined && effectiveStatus(info, TODAY) === 'retired',
    );
    for (const info of retired) expect(unlocks.map((entry) => entry.model)).not.toContain(info.id);
  });
});
