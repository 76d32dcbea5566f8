import { describe, expect, it } from 'vitest';
import { MODEL_CATALOGUE } from '@/utils/diagnosis/models';
import { nextTier, SCOPE_FACTS, TIER_THRESHOLDS, tierLabel } from '@/utils/platform/knowledge';
import {
  billingView,
  checkedAgo,
  countAccess,
  scopesView,
  tierView,
  verificationView,
} from '@/utils/platform/panel-views';
import { diagnosisFor, exhaustedSummary, modelResult, summary } from './summaries';

describe('panel views', () => {
  it('counts access and says when it was checked', () => {
    const report = summary({
      models: [modelResult('a', 'ok'), modelResult('b', 'denied'), modelResult('c', 'unknown')],
    }).report;
    expect(countAccess(report)).toEqual({ ok: 1, denied: 1, unknown: 1, total: 3 });
    expect(checkedAgo(0, 10_000)).toBe('checked just now');
    expect(checkedAgo(0, 5 * 60_000)).toBe('checked 5 min ago');
    expect(checkedAgo(0, 3 * 3_600_000)).toBe('checked 3 h ago');
    expect(checkedAgo(0, 72 * 3_600_000)).toBe('checked 3 days ago');
  });

  it('billing: names the quota code, or says credit is available', () => {
    expect(billingView(exhaustedSummary())).toEqual({
      state: 'exhausted',
      code: 'insufficient_quota',
      headline: 'Calls are refused: no credit left.',
    });
    const spend = summary({ key: { quota: { state: 'exhausted', code: 'project_spend_limit_exceeded' } } });
    expect(billingView(spend).headline).toBe("Calls are refused: this project's spend limit is reached.");
    expect(billingView(summary()).state).toBe('ok');
    expect(billingView(summary({ key: { quota: { state: 'unknown' } } })).state).toBe('unknown');
  });

  it('limits: the tier, its evidence, the next tier, and the models refused by project or tier', () => {
    const view = tierView(
      summary({
        models: [modelResult('gpt-4o', 'ok'), modelResult('o3-pro', 'denied', 'model_access_denied')],
      }),
    );
    expect(view).toEqual({
      tier: 3,
      label: 'Tier 3',
      evidence: {
        reading: 'x-ratelimit-limit-tokens: 4,000,000 on gpt-4o-mini',
        table: 'tier limits table (2026-11-01)',
      },
      note: 'Matched the token limit of gpt-4o-mini.',
      next: 'Tier 4 at $250 paid and 14 days since the first payment',
      blockedModels: ['o3-pro'],
    });
    const dated = tierView(
      summary({
        key: {
          tier: {
            tier: 2,
            note: '',
            evidence: {
              model: 'gpt-5-mini',
              header: 'x-ratelimit-limit-tokens',
              value: 1,
              table: 'per-model tier limits, reviewed 2026-11-24',
              tableDate: '2026-11-24',
            },
          },
        },
      }),
    );
    expect(dated.evidence?.table).toBe('per-model tier limits, reviewed 2026-11-24');
    const unknown = tierView(summary({ key: { tier: { tier: null, note: 'No rate-limit headers.' } } }));
    expect(unknown).toMatchObject({ label: 'Unknown', evidence: null, next: null });
  });

  it('tier data: thresholds rise, and tier 5 has no next tier', () => {
    for (let i = 1; i < TIER_THRESHOLDS.length; i++) {
      expect(TIER_THRESHOLDS[i]!.paidUsd).toBeGreaterThan(TIER_THRESHOLDS[i - 1]!.paidUsd);
    }
    expect(nextTier(5)).toBeNull();
    expect(nextTier('free')?.tier).toBe(1);
    expect(tierLabel('free')).toBe('Free');
  });

  it('API keys: missing scopes from the key facts and from refusal messages, with the setting to change', () => {
    const view = scopesView(
      summary({
        key: { missingScopes: ['api.model.read'] },
        models: [
          modelResult('gpt-4o', 'denied', 'key_scope_insufficient', {
            diagnosis: diagnosisFor('key_scope_insufficient', {
              fields: {
                message:
                  'You have insufficient permissions for this operation. Missing scopes: model.request, api.responses.write.',
              },
            }),
          }),
        ],
      }),
    );
    expect(view.missing.map((entry) => entry.scope)).toEqual([
      'api.model.read',
      'model.request',
      'api.responses.write',
    ]);
    expect(view.missing[1]?.fact?.setting).toBe('Model capabilities → Request');
    expect(view.blockedModels).toEqual(['gpt-4o']);
    expect(view.keyKindLabel).toMatch(/^Project key/);
    expect(scopesView(summary()).missing).toEqual([]);
  });

  it('scope facts all have sources', () => {
    for (const fact of SCOPE_FACTS) expect(fact.sources.length).toBeGreaterThan(0);
  });

  it('verification: refused → not verified; a confirmed "always" model → verified; else not checked', () => {
    const always = MODEL_CATALOGUE.find(
      (info) => info.verification === 'always' && info.status !== 'retired',
    );
    expect(always).toBeDefined();
    const refused = verificationView(
      summary({ models: [modelResult('o3', 'denied', 'org_verification_required')] }),
      '2026-11-30',
    );
    expect(refused).toMatchObject({ state: 'not-verified', seenOn: ['o3'] });
    const proven = verificationView(
      summary({ models: [modelResult(always!.id, 'ok', 'ok', { confidence: 'confirmed' })] }),
      '2026-11-30',
    );
    expect(proven).toMatchObject({ state: 'verified', seenOn: [always!.id] });
    const paidYes = verificationView(
      {
        ...summary({ models: [modelResult('o3', 'denied', 'org_verification_required')] }),
        verification: {
          model: 'gpt-5',
          verified: true,
          summary: 'Streaming works',
          evidence: [],
          cost: { model: 'gpt-5', usd: 0.0001, tokens: 1, note: '' } as never,
        },
      },
      '2026-11-30',
    );
    // The paid check answers directly, over what model answers suggest.
    expect(paidYes).toMatchObject({ state: 'verified', seenOn: ['gpt-5'] });
    const unknown = verificationView(summary(), '2026-11-30');
    expect(unknown.state).toBe('not-checked');
    expect(unknown.unlocksAlways.length + unknown.unlocksStreaming.length).toBeGreaterThan(0);
    // Dated snapshots are left out: the base ids say it.
    expect(unknown.unlocksStreaming.some((id) => /-\d{4}-\d{2}-\d{2}$/.test(id))).toBe(false);
  });

  it('verification: reads the facts the summary carries, and drops models shut down since it was built', () => {
    const facts = {
      needs: [{ model: 'future-model', verification: 'always' as const }],
      unlocks: [
        { model: 'future-model', verification: 'always' as const },
        { model: 'leaving-model', verification: 'streaming' as const, shutdownDate: '2027-01-14' },
      ],
    };
    const built = {
      ...summary({ models: [modelResult('future-model', 'ok', 'ok', { confidence: 'confirmed' })] }),
      verificationFacts: facts,
    };
    expect(verificationView(built, '2026-12-01')).toEqual({
      state: 'verified',
      seenOn: ['future-model'],
      unlocksAlways: ['future-model'],
      unlocksStreaming: ['leaving-model'],
    });
    expect(verificationView(built, '2027-01-14').unlocksStreaming).toEqual([]);
    // A model the facts do not name proves nothing.
    expect(
      verificationView({ ...built, verificationFacts: { needs: [], unlocks: [] } }, '2026-12-01').state,
    ).toBe('not-checked');
  });
});
