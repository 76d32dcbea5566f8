import { describe, expect, it } from 'vitest';
import { blockedByBilling, diffSummaries, groupChanges, listWithMore } from '@/utils/platform/report-diff';
import { diagnosisFor, exhaustedSummary, keyFacts, modelResult, summary } from './summaries';

describe('diffSummaries: what changed between two reports', () => {
  it('lists nothing without an earlier report, and nothing when nothing changed', () => {
    expect(diffSummaries(null, summary())).toEqual([]);
    expect(diffSummaries(summary(), summary({ checkedAt: 99_999 }))).toEqual([]);
  });

  it('says credit came back and which models became usable, as good news', () => {
    const changes = diffSummaries(exhaustedSummary(), summary());
    expect(changes).toEqual([
      { subject: 'Credit', before: 'none left', after: 'available', direction: 'better' },
      {
        subject: 'gpt-4o',
        model: 'gpt-4o',
        before: 'refused (insufficient quota)',
        after: 'usable',
        direction: 'better',
      },
      {
        subject: 'gpt-4o-mini',
        model: 'gpt-4o-mini',
        before: 'refused (insufficient quota)',
        after: 'usable',
        direction: 'better',
      },
    ]);
  });

  it('marks losses as worse', () => {
    const changes = diffSummaries(summary(), exhaustedSummary());
    expect(changes.map((change) => change.direction)).toEqual(['worse', 'worse', 'worse']);
  });

  it('reports key validity, region, scopes, tier and trust', () => {
    const before = summary({ key: { missingScopes: ['model.request'] }, trusted: false });
    const after = summary({
      key: {
        valid: false,
        regionBlocked: true,
        tier: { tier: 4, note: '' },
      },
    });
    const bySubject = Object.fromEntries(
      diffSummaries(before, after).map((change) => [change.subject, change]),
    );
    expect(bySubject['API key']).toMatchObject({ before: 'valid', after: 'refused', direction: 'worse' });
    expect(bySubject.Region).toMatchObject({ before: 'allowed', after: 'blocked', direction: 'worse' });
    expect(bySubject['Key scopes']).toMatchObject({
      before: 'missing model.request',
      after: 'none missing',
      direction: 'better',
    });
    expect(bySubject.Tier).toMatchObject({ before: 'Tier 3', after: 'Tier 4', direction: 'better' });
    expect(bySubject['Zero-cost check']).toMatchObject({
      before: 'untrusted',
      after: 'trusted',
      direction: 'better',
    });
  });

  it('calls a tier that became unknown neutral, and a category change of a refused model a change', () => {
    const before = summary({ models: [modelResult('o3', 'denied', 'org_verification_required')] });
    const after = summary({
      key: { tier: { tier: null, note: 'no match' } },
      models: [modelResult('o3', 'denied', 'model_access_denied')],
    });
    const changes = diffSummaries(before, after);
    expect(changes.find((change) => change.subject === 'Tier')).toMatchObject({
      after: 'Unknown',
      direction: 'neutral',
    });
    expect(changes.find((change) => change.subject === 'o3')).toMatchObject({
      before: 'refused (org verification required)',
      after: 'refused (model access denied)',
      direction: 'neutral',
    });
  });

  it('ignores models that were not in the earlier report', () => {
    const after = summary({ models: [modelResult('gpt-4o', 'ok'), modelResult('gpt-4.1', 'denied')] });
    expect(diffSummaries(summary({ models: [modelResult('gpt-4o', 'ok')] }), after)).toEqual([]);
  });
});

describe('blockedByBilling', () => {
  it('is true for no credit, a billing problem, or a model refused for quota', () => {
    expect(blockedByBilling(exhaustedSummary())).toBe(true);
    expect(
      blockedByBilling(
        summary({
          key: { problem: { category: 'billing_limit', diagnosis: diagnosisFor('billing_limit') } },
        }),
      ),
    ).toBe(true);
    expect(
      blockedByBilling(summary({ models: [modelResult('gpt-4o', 'denied', 'insufficient_quota')] })),
    ).toBe(true);
  });
  it('is false for a healthy key, other problems, or no report', () => {
    expect(blockedByBilling(summary())).toBe(false);
    expect(blockedByBilling(summary({ key: keyFacts({ valid: false }) }))).toBe(false);
    expect(blockedByBilling(null)).toBe(false);
  });
});

describe('groupChanges and listWithMore', () => {
  it('puts key-level changes first and groups models that made the same move', () => {
    const lines = groupChanges(diffSummaries(exhaustedSummary(), summary()));
    expect(lines).toEqual([
      { subject: 'Credit', before: 'none left', after: 'available', direction: 'better' },
      {
        subject: 'gpt-4o and gpt-4o-mini',
        models: ['gpt-4o', 'gpt-4o-mini'],
        before: 'refused (insufficient quota)',
        after: 'usable',
        direction: 'better',
      },
    ]);
  });

  it('keeps different moves apart', () => {
    const before = summary({
      models: [modelResult('a', 'ok'), modelResult('b', 'denied'), modelResult('c', 'ok')],
    });
    const after = summary({
      models: [modelResult('a', 'denied'), modelResult('b', 'ok'), modelResult('c', 'denied')],
    });
    const lines = groupChanges(diffSummaries(before, after));
    expect(lines.map((line) => [line.subject, line.direction])).toEqual([
      ['a and c', 'worse'],
      ['b', 'better'],
    ]);
  });

  it('shortens long lists', () => {
    expect(listWithMore([])).toBe('');
    expect(listWithMore(['a'])).toBe('a');
    expect(listWithMore(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listWithMore(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});
